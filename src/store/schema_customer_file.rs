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

/// NPS campaigns (QEF-15-03) and closing the loop: a quarter's campaign and each NPS
/// contact's state in it; answers tied to their contact and campaign, excluded with a
/// reason; improvement cases opened by a score below 7 with their check-ins; CAPAs raised
/// by a case or a satisfaction score as well as by a complaint (the table is made again
/// because a CAPA's complaint becomes optional); a contact's language for the printed
/// questionnaire.
pub(super) const V23_NPS_CAMPAIGNS: &str = r#"
CREATE TABLE capas_v23 (
    id              INTEGER PRIMARY KEY,
    complaint_id    INTEGER REFERENCES complaints (id),
    source_kind     TEXT NOT NULL DEFAULT 'complaint'
                    CHECK (source_kind IN ('complaint','improvement','survey')),
    source          TEXT NOT NULL,
    problem         TEXT,
    root_cause      TEXT NOT NULL DEFAULT '',
    corrective      TEXT NOT NULL DEFAULT '',
    preventive      TEXT NOT NULL DEFAULT '',
    owner           TEXT NOT NULL,
    due_date        TEXT NOT NULL,
    checked_at      TEXT,
    verdict         TEXT CHECK (verdict IN ('effective', 'not_effective')),
    checked_by      TEXT,
    created_at      TEXT NOT NULL
);
INSERT INTO capas_v23 (id, complaint_id, source_kind, source, root_cause, corrective,
        preventive, owner, due_date, checked_at, verdict, checked_by, created_at)
    SELECT a.id, a.complaint_id, 'complaint', k.number, a.root_cause, a.corrective,
        a.preventive, a.owner, a.due_date, a.checked_at, a.verdict, a.checked_by, a.created_at
    FROM capas a JOIN complaints k ON k.id = a.complaint_id;
DROP TABLE capas;
ALTER TABLE capas_v23 RENAME TO capas;
CREATE INDEX capas_complaint ON capas (complaint_id);
CREATE INDEX capas_source ON capas (source_kind, source);

ALTER TABLE contacts ADD COLUMN language TEXT CHECK (language IN ('zh-CN','en'));

CREATE TABLE nps_campaigns (
    quarter     TEXT PRIMARY KEY,
    opened_at   TEXT NOT NULL,
    opened_by   TEXT NOT NULL
);
CREATE TABLE nps_campaign_contacts (
    id           INTEGER PRIMARY KEY,
    quarter      TEXT NOT NULL REFERENCES nps_campaigns (quarter),
    customer     TEXT NOT NULL REFERENCES customers (code),
    contact_id   INTEGER NOT NULL REFERENCES contacts (id),
    status       TEXT NOT NULL DEFAULT 'pending'
                 CHECK (status IN ('pending','sent','reminded','answered','declined')),
    sent_how     TEXT CHECK (sent_how IN ('phone','email','wechat','line','paper')),
    sent_at      TEXT,
    reminders    INTEGER NOT NULL DEFAULT 0,
    reminded_at  TEXT,
    declined     TEXT,
    UNIQUE (quarter, contact_id)
);
CREATE INDEX nps_campaign_contacts_customer ON nps_campaign_contacts (customer, quarter);

ALTER TABLE nps_responses ADD COLUMN quarter TEXT;
ALTER TABLE nps_responses ADD COLUMN excluded TEXT;
DROP INDEX nps_time;
CREATE INDEX nps_counted ON nps_responses (responded_at, score, grade) WHERE excluded IS NULL;
CREATE INDEX nps_contact ON nps_responses (contact_id, quarter);

CREATE TABLE improvement_cases (
    number         TEXT PRIMARY KEY,
    customer       TEXT NOT NULL REFERENCES customers (code),
    response_id    INTEGER REFERENCES nps_responses (id),
    score          INTEGER NOT NULL,
    opened_at      TEXT NOT NULL,
    visit_due      TEXT NOT NULL,
    visit_on       TEXT,
    visit_manager  TEXT,
    visit_engineer TEXT,
    visit_note     TEXT,
    plan           TEXT,
    plan_at        TEXT,
    verdict        TEXT CHECK (verdict IN ('improved','not_improved')),
    verdict_basis  TEXT,
    verdict_note   TEXT,
    closed_at      TEXT,
    closed_by      TEXT
);
CREATE INDEX improvement_cases_customer ON improvement_cases (customer, opened_at);
CREATE INDEX improvement_cases_open ON improvement_cases (closed_at);
CREATE TABLE improvement_checkins (
    id      INTEGER PRIMARY KEY,
    number  TEXT NOT NULL REFERENCES improvement_cases (number),
    at      TEXT NOT NULL,
    by      TEXT NOT NULL,
    note    TEXT NOT NULL
);
CREATE INDEX improvement_checkins_case ON improvement_checkins (number, at);
"#;

/// Satisfaction survey answers (MJ-QP-12): one per round and customer, with the grade the
/// customer held, who recorded it, and each item's answer kept with the item's names (so
/// a report reads the same after the questionnaire changes).
pub(super) const V24_SURVEY_ANSWERS: &str = r#"
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
