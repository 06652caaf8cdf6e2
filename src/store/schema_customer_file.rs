//! Migrations from the customer-file issue on: the file, grades, leads, inquiries, care,
//! survey plans.

/// The whole customer file (QEF-15-01): strategic assessment and grading inputs, the NPS
/// contact, contacts removed but kept for the records that name them, products, the
/// custom fields an administrator defines and their values, and the quarterly data check.
pub(super) const V17_CUSTOMER_FILE: &str = r#"
ALTER TABLE customers ADD COLUMN importance TEXT CHECK (importance IN ('high','medium','low'));
ALTER TABLE customers ADD COLUMN renewal TEXT CHECK (renewal IN ('high','medium','low'));
ALTER TABLE customers ADD COLUMN expansion TEXT CHECK (expansion IN ('high','medium','low'));
ALTER TABLE customers ADD COLUMN cooperation TEXT
    CHECK (cooperation IN ('excellent','good','average','poor'));
ALTER TABLE customers ADD COLUMN potential TEXT
    CHECK (potential IN ('large','fairly_large','average','none'));
ALTER TABLE customers ADD COLUMN payment TEXT
    CHECK (payment IN ('on_time','after_reminders','after_chasing','very_poor'));
ALTER TABLE customers ADD COLUMN brand TEXT CHECK (brand IN ('yes','no'));
ALTER TABLE customers ADD COLUMN erratic TEXT CHECK (erratic IN ('yes','no'));
ALTER TABLE customers ADD COLUMN confirmed_at TEXT;
ALTER TABLE contacts ADD COLUMN nps TEXT CHECK (nps IN ('yes','no'));
ALTER TABLE contacts ADD COLUMN removed_at TEXT;
CREATE TABLE customer_products (
    id           INTEGER PRIMARY KEY,
    customer_id  INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    product      TEXT NOT NULL,
    spec         TEXT,
    UNIQUE (customer_id, product)
);
CREATE TABLE custom_fields (
    name      TEXT PRIMARY KEY,
    kind      TEXT NOT NULL CHECK (kind IN ('text','number','date')),
    required  INTEGER NOT NULL DEFAULT 0,
    position  INTEGER NOT NULL
);
CREATE TABLE customer_custom (
    customer_id  INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    field        TEXT NOT NULL REFERENCES custom_fields (name),
    value        TEXT NOT NULL,
    PRIMARY KEY (customer_id, field)
);
CREATE INDEX customer_custom_field ON customer_custom (field, value);
"#;

/// Grading: sales per customer and month (the revenue shares and six months' sales come
/// from them), and how each grade change came about.
pub(super) const V18_GRADING: &str = r#"
CREATE TABLE sales (
    customer_id  INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    month        TEXT NOT NULL CHECK (length(month) = 7),
    amount       REAL NOT NULL CHECK (amount >= 0),
    PRIMARY KEY (customer_id, month)
);
CREATE INDEX sales_month ON sales (month);
ALTER TABLE grade_history ADD COLUMN method TEXT CHECK (method IN ('revenue','criteria'));
ALTER TABLE grade_history ADD COLUMN special INTEGER NOT NULL DEFAULT 0;
"#;

/// Leads (seed 004 4.2) and their follow-up log; a converted lead keeps its row and names
/// the customer it became.
pub(super) const V19_LEADS: &str = r#"
CREATE TABLE leads (
    id              INTEGER PRIMARY KEY,
    number          TEXT NOT NULL UNIQUE,
    company         TEXT NOT NULL,
    contact         TEXT,
    phone           TEXT,
    email           TEXT,
    wechat          TEXT,
    intent          TEXT NOT NULL CHECK (intent IN ('A','B','C')),
    source          TEXT,
    interest        TEXT,
    owner           TEXT,
    notes           TEXT,
    status          TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open','converted','dropped')),
    next_follow_up  TEXT,
    customer        TEXT REFERENCES customers (code),
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    version         INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX leads_open ON leads (status, next_follow_up);
CREATE TABLE lead_follow_ups (
    id       INTEGER PRIMARY KEY,
    lead_id  INTEGER NOT NULL REFERENCES leads (id),
    at       TEXT NOT NULL,
    by       TEXT NOT NULL,
    how      TEXT NOT NULL CHECK (how IN ('phone','wechat','line','email','platform','visit')),
    note     TEXT NOT NULL,
    next     TEXT
);
CREATE INDEX lead_follow_ups_lead ON lead_follow_ups (lead_id, at);
"#;

/// The whole inquiry register (QEF-15-02): a number, the asker (customer or lead) by code,
/// the answer, and the quote, contract and order that followed. Earlier rows get numbers
/// and their customer's code.
pub(super) const V20_INQUIRIES: &str = r#"
ALTER TABLE inquiries ADD COLUMN number TEXT;
ALTER TABLE inquiries ADD COLUMN customer TEXT REFERENCES customers (code);
ALTER TABLE inquiries ADD COLUMN lead TEXT REFERENCES leads (number);
ALTER TABLE inquiries ADD COLUMN answer TEXT;
ALTER TABLE inquiries ADD COLUMN answer_how TEXT
    CHECK (answer_how IN ('phone','wechat','line','email','platform','visit'));
ALTER TABLE inquiries ADD COLUMN answered_by TEXT;
ALTER TABLE inquiries ADD COLUMN quote TEXT;
ALTER TABLE inquiries ADD COLUMN quote_at TEXT;
ALTER TABLE inquiries ADD COLUMN contract TEXT;
ALTER TABLE inquiries ADD COLUMN contract_at TEXT;
ALTER TABLE inquiries ADD COLUMN order_ref TEXT;
ALTER TABLE inquiries ADD COLUMN order_at TEXT;
UPDATE inquiries SET
    number = 'XJ-' || substr(received_at, 1, 4) || '-' || printf('%05d', id),
    customer = (SELECT code FROM customers c WHERE c.id = inquiries.customer_id);
CREATE UNIQUE INDEX inquiries_number ON inquiries (number);
CREATE INDEX inquiries_unanswered ON inquiries (answered_at, received_at);
"#;

pub(super) const V21_CARE: &str = r#"
CREATE TABLE care_logs (
    id          INTEGER PRIMARY KEY,
    customer    TEXT NOT NULL REFERENCES customers (code),
    activity    TEXT NOT NULL CHECK (activity IN
                    ('manager_visit','technical_visit','visit','call','review','greeting')),
    done_at     TEXT NOT NULL,
    contact     TEXT,
    note        TEXT,
    logged_by   TEXT NOT NULL,
    created_at  TEXT NOT NULL
);
CREATE INDEX care_logs_customer ON care_logs (customer, activity, done_at);
"#;

/// Satisfaction survey rounds (MJ-QP-12): who was drawn into each round's sample and why.
pub(super) const V22_SURVEY_PLANS: &str = r#"
CREATE TABLE survey_plans (
    round       TEXT NOT NULL,
    customer    TEXT NOT NULL REFERENCES customers (code),
    grade       TEXT NOT NULL CHECK (grade IN ('A','B','C','D')),
    reason      TEXT NOT NULL,
    note        TEXT,
    created_at  TEXT NOT NULL,
    PRIMARY KEY (round, customer)
);
CREATE INDEX survey_plans_customer ON survey_plans (customer, round);
"#;

/// Satisfaction survey answers (MJ-QP-12): one per round and customer, with the grade the
/// customer held, who recorded it, and each item's answer kept with the item's names (so
/// a report reads the same after the questionnaire changes).
pub(super) const V23_SURVEY_ANSWERS: &str = r#"
CREATE TABLE survey_answers (
    id           INTEGER PRIMARY KEY,
    round        TEXT NOT NULL,
    customer     TEXT NOT NULL REFERENCES customers (code),
    grade        TEXT CHECK (grade IN ('A','B','C','D')),
    score        REAL NOT NULL,
    rating       TEXT NOT NULL,
    answers      TEXT NOT NULL,
    answered_on  TEXT NOT NULL CHECK (length(answered_on) = 10),
    recorded_by  TEXT NOT NULL,
    recorded_at  TEXT NOT NULL,
    capa_id      INTEGER,
    UNIQUE (round, customer)
);
CREATE TABLE survey_answer_items (
    answer_id  INTEGER NOT NULL REFERENCES survey_answers (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    item       TEXT NOT NULL,
    item_en    TEXT NOT NULL,
    answer     TEXT NOT NULL CHECK (answer IN ('a','b','c','d','e')),
    points     REAL NOT NULL,
    PRIMARY KEY (answer_id, position)
);
"#;
