//! The versioned schema. Version N is the state after applying `MIGRATIONS[..N]`;
//! the version lives in `PRAGMA user_version`.

#[path = "schema_customer_file.rs"]
mod customer_file;

/// Every migration, oldest first. Never edit a released one: append.
pub const MIGRATIONS: &[&str] = &[
    V1,
    V2,
    V3,
    V4_SUGGESTIONS,
    V5_SEQUENCES,
    V6_FIRST_RESPONSE,
    V7_META,
    V8_GENERAL_MANAGER,
    V9_HISTORY_CHAIN,
    HISTORY_GUARDS,
    V11_EVENT_TIME,
    V12_PERMISSIONS,
    V13_KNOWHOW,
    ACCESS_LOG_GUARDS,
    V15_TEAM_SETTINGS,
    V16_KNOWHOW_INCIDENTS,
    customer_file::V17_CUSTOMER_FILE,
    customer_file::V18_GRADING,
    customer_file::V19_LEADS,
    customer_file::V20_INQUIRIES,
    customer_file::V21_CARE,
    customer_file::V22_SURVEY_PLANS,
    customer_file::V23_NPS_CAMPAIGNS,
    customer_file::V24_SURVEY_ANSWERS,
];

/// The schema version this binary writes.
pub const LATEST: i64 = MIGRATIONS.len() as i64;

const V1: &str = r#"
CREATE TABLE staff (
    id          INTEGER PRIMARY KEY,
    username    TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    role        TEXT NOT NULL CHECK (role IN ('agent','kam','quality','engineer','manager','auditor','admin')),
    supervisor  TEXT,
    active      INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE customers (
    id             INTEGER PRIMARY KEY,
    code           TEXT NOT NULL UNIQUE,
    name           TEXT NOT NULL,
    short_name     TEXT,
    grade          TEXT CHECK (grade IN ('A','B','C','D')),
    kam            TEXT,
    industry       TEXT,
    province       TEXT,
    city           TEXT,
    address        TEXT,
    postcode       TEXT,
    licence_no     TEXT,
    credit_rating  TEXT,
    payment_terms  TEXT,
    partner_since  TEXT,
    tags           TEXT,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    version        INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX customers_grade ON customers (grade, name);
CREATE INDEX customers_kam ON customers (kam);

CREATE TABLE contacts (
    id           INTEGER PRIMARY KEY,
    customer_id  INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    name         TEXT NOT NULL,
    role         TEXT NOT NULL CHECK (role IN ('kam','purchasing','finance','technical','other')),
    phone        TEXT,
    email        TEXT,
    wechat       TEXT,
    line         TEXT
);
CREATE INDEX contacts_customer ON contacts (customer_id);

CREATE TABLE grade_history (
    id           INTEGER PRIMARY KEY,
    customer_id  INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    previous     TEXT,
    grade        TEXT NOT NULL CHECK (grade IN ('A','B','C','D')),
    basis        TEXT,
    changed_at   TEXT NOT NULL,
    changed_by   TEXT NOT NULL
);
CREATE INDEX grade_history_customer ON grade_history (customer_id, changed_at);

CREATE TABLE complaints (
    id               INTEGER PRIMARY KEY,
    number           TEXT NOT NULL UNIQUE,
    customer_id      INTEGER NOT NULL REFERENCES customers (id),
    contact_id       INTEGER REFERENCES contacts (id),
    title            TEXT NOT NULL,
    description      TEXT,
    channel          TEXT NOT NULL CHECK (channel IN ('phone','wechat','line','email','platform','visit')),
    category         TEXT NOT NULL CHECK (category IN ('quality','logistics','service','technical','other')),
    severity         TEXT NOT NULL CHECK (severity IN ('minor','major','urgent')),
    step             TEXT NOT NULL CHECK (step IN ('received','acknowledged','investigating','plan_proposed','disposed','followed_up','closed','rejected')),
    received_at      TEXT NOT NULL,
    reply_by         TEXT,
    acknowledged_at  TEXT,
    investigating_at TEXT,
    plan_at          TEXT,
    disposed_at      TEXT,
    followed_up_at   TEXT,
    closed_at        TEXT,
    report_at        TEXT,
    owner            TEXT,
    responsibility   TEXT NOT NULL DEFAULT 'undetermined' CHECK (responsibility IN ('undetermined','ours','not_ours')),
    root_cause       TEXT,
    product          TEXT,
    batch            TEXT,
    quantity         INTEGER,
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    version          INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX complaints_open ON complaints (step, received_at);
CREATE INDEX complaints_customer ON complaints (customer_id, step);
CREATE INDEX complaints_received ON complaints (received_at);

CREATE TABLE complaint_steps (
    id            INTEGER PRIMARY KEY,
    complaint_id  INTEGER NOT NULL REFERENCES complaints (id) ON DELETE CASCADE,
    step          TEXT NOT NULL,
    at            TEXT NOT NULL,
    by            TEXT NOT NULL,
    note          TEXT
);
CREATE INDEX complaint_steps_complaint ON complaint_steps (complaint_id, at);

CREATE TABLE nps_responses (
    id            INTEGER PRIMARY KEY,
    customer_id   INTEGER NOT NULL REFERENCES customers (id),
    contact_id    INTEGER REFERENCES contacts (id),
    grade         TEXT CHECK (grade IN ('A','B','C','D')),
    score         INTEGER NOT NULL CHECK (score BETWEEN 0 AND 10),
    comment       TEXT,
    responded_at  TEXT NOT NULL
);
CREATE INDEX nps_responded ON nps_responses (responded_at);
CREATE INDEX nps_customer ON nps_responses (customer_id, responded_at);

CREATE TABLE inquiries (
    id           INTEGER PRIMARY KEY,
    customer_id  INTEGER REFERENCES customers (id),
    channel      TEXT NOT NULL CHECK (channel IN ('phone','wechat','line','email','platform','visit')),
    subject      TEXT NOT NULL,
    received_at  TEXT NOT NULL,
    answered_at  TEXT
);
CREATE INDEX inquiries_received ON inquiries (received_at);

CREATE TABLE shipments (
    month   TEXT PRIMARY KEY CHECK (length(month) = 7),
    orders  INTEGER NOT NULL CHECK (orders >= 0)
);

CREATE TABLE history (
    id         INTEGER PRIMARY KEY,
    at         TEXT NOT NULL,
    actor      TEXT NOT NULL,
    entity     TEXT NOT NULL,
    entity_key TEXT NOT NULL,
    action     TEXT NOT NULL CHECK (action IN ('insert','update','delete','step')),
    field      TEXT,
    old        TEXT,
    new        TEXT
);
CREATE INDEX history_entity ON history (entity, entity_key, at);
"#;

/// Complaints end to end: pauses, reopening, escalation, major-complaint decisions,
/// CAPA and returns.
const V2: &str = r#"
ALTER TABLE complaints ADD COLUMN reopened_at TEXT;
ALTER TABLE complaints ADD COLUMN escalated_at TEXT;
ALTER TABLE complaints ADD COLUMN escalated_to TEXT;
ALTER TABLE complaints ADD COLUMN contact TEXT;
ALTER TABLE complaints ADD COLUMN decision_shipped TEXT;
ALTER TABLE complaints ADD COLUMN decision_stock TEXT;
ALTER TABLE complaints ADD COLUMN decision_wip TEXT;
ALTER TABLE complaints ADD COLUMN signoff TEXT;

CREATE TABLE complaint_pauses (
    id            INTEGER PRIMARY KEY,
    complaint_id  INTEGER NOT NULL REFERENCES complaints (id) ON DELETE CASCADE,
    from_at       TEXT NOT NULL,
    to_at         TEXT,
    reason        TEXT NOT NULL
);
CREATE INDEX complaint_pauses_complaint ON complaint_pauses (complaint_id, from_at);

CREATE TABLE capas (
    id              INTEGER PRIMARY KEY,
    complaint_id    INTEGER NOT NULL REFERENCES complaints (id),
    root_cause      TEXT NOT NULL,
    corrective      TEXT NOT NULL,
    preventive      TEXT NOT NULL,
    owner           TEXT NOT NULL,
    due_date        TEXT NOT NULL,
    checked_at      TEXT,
    verdict         TEXT CHECK (verdict IN ('effective', 'not_effective')),
    checked_by      TEXT,
    created_at      TEXT NOT NULL
);
CREATE INDEX capas_complaint ON capas (complaint_id);

CREATE TABLE returns (
    id                 INTEGER PRIMARY KEY,
    complaint_id       INTEGER NOT NULL REFERENCES complaints (id),
    quantity           INTEGER NOT NULL CHECK (quantity > 0),
    qa_confirmed_by    TEXT,
    disposition        TEXT NOT NULL CHECK (disposition IN ('rework', 'scrap', 'return_to_customer')),
    replacement_order  TEXT,
    replacement_value  REAL NOT NULL DEFAULT 0 CHECK (replacement_value >= 0),
    approved_by        TEXT,
    approved_at        TEXT,
    shipped_at         TEXT,
    created_at         TEXT NOT NULL
);
CREATE INDEX returns_complaint ON returns (complaint_id);
"#;

/// The customer list in its own order (paged without sorting every customer), each
/// customer's latest NPS answer and a period's NPS tallies (both without reading the
/// answer rows).
const V3: &str = r#"
CREATE INDEX customers_list ON customers (grade IS NULL, grade, name, code, short_name, kam, city);
CREATE INDEX nps_latest ON nps_responses (customer_id, responded_at, id, score);
CREATE INDEX nps_time ON nps_responses (responded_at, score, grade);
"#;

/// The suggestions log (意见和建议).
const V4_SUGGESTIONS: &str = r#"
CREATE TABLE suggestions (
    id            INTEGER PRIMARY KEY,
    number        TEXT NOT NULL UNIQUE,
    customer      TEXT NOT NULL REFERENCES customers (code),
    received_at   TEXT NOT NULL,
    channel       TEXT NOT NULL CHECK (channel IN ('phone','wechat','line','email','platform','visit')),
    content       TEXT NOT NULL,
    topic         TEXT NOT NULL CHECK (topic IN ('service','process','product','delivery','price','other')),
    handler       TEXT,
    response      TEXT,
    responded_at  TEXT,
    status        TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open','forwarded','answered')),
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    version       INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX suggestions_received ON suggestions (received_at);
CREATE INDEX suggestions_customer ON suggestions (customer, received_at);
"#;

/// Counters of handed-out numbers, per table and prefix (`complaints:KS-2026-`).
const V5_SEQUENCES: &str = r#"
CREATE TABLE sequences (
    name  TEXT PRIMARY KEY,
    last  INTEGER NOT NULL CHECK (last >= 0)
) WITHOUT ROWID;
"#;

/// A period's first responses (the KPIs) read from the index alone.
const V6_FIRST_RESPONSE: &str = r#"
DROP INDEX complaints_received;
CREATE INDEX complaints_received ON complaints (received_at, acknowledged_at);
"#;

/// Facts about the database itself: whether it is a sandbox.
const V7_META: &str = r#"
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
"#;

/// The general manager's role (approves replacements over the threshold, MJ-QP-12 5.3.4):
/// the staff table is made again with the wider role list.
const V8_GENERAL_MANAGER: &str = r#"
CREATE TABLE staff_v8 (
    id          INTEGER PRIMARY KEY,
    username    TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    role        TEXT NOT NULL CHECK (role IN ('agent','kam','quality','engineer','manager','general_manager','auditor','admin')),
    supervisor  TEXT,
    active      INTEGER NOT NULL DEFAULT 1
);
INSERT INTO staff_v8 (id, username, name, role, supervisor, active)
    SELECT id, username, name, role, supervisor, active FROM staff;
DROP TABLE staff;
ALTER TABLE staff_v8 RENAME TO staff;
"#;

/// The hash chain over the history (domain/audit.rs); rows written before it are sealed
/// when the database is next opened to write.
const V9_HISTORY_CHAIN: &str = r#"
ALTER TABLE history ADD COLUMN prev_hash TEXT;
ALTER TABLE history ADD COLUMN hash TEXT;
"#;

/// The history is append-only: a sealed row can be neither changed nor removed.
pub const HISTORY_GUARDS: &str = r#"
CREATE TRIGGER history_no_update BEFORE UPDATE ON history WHEN OLD.hash IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'the history is append-only'); END;
CREATE TRIGGER history_no_delete BEFORE DELETE ON history
BEGIN SELECT RAISE(ABORT, 'the history is append-only'); END;
"#;

/// Lifts [`HISTORY_GUARDS`] (a sandbox's wipe, in its own transaction).
pub const HISTORY_GUARDS_OFF: &str = r#"
DROP TRIGGER history_no_update;
DROP TRIGGER history_no_delete;
"#;

/// When what a history row records happened (`--at`), beside when it was written.
const V11_EVENT_TIME: &str = r#"
ALTER TABLE history ADD COLUMN event_at TEXT;
"#;

/// Who may do what: seeded from the seeds' defaults (store/permissions.rs).
const V12_PERMISSIONS: &str = r#"
CREATE TABLE permissions (
    permission TEXT NOT NULL,
    role       TEXT NOT NULL,
    PRIMARY KEY (permission, role)
);
"#;

/// The know-how register (SOP-15 §8.2): entries, their attachments, who was granted an
/// L3 entry by name, and the append-only log of every opening and refused attempt.
const V13_KNOWHOW: &str = r#"
CREATE TABLE knowhow (
    id          INTEGER PRIMARY KEY,
    number      TEXT NOT NULL UNIQUE,
    customer    TEXT NOT NULL REFERENCES customers (code),
    title       TEXT NOT NULL,
    level       TEXT NOT NULL CHECK (level IN ('l1','l2','l3')),
    content     TEXT NOT NULL,
    owner       TEXT,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    version     INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX knowhow_customer ON knowhow (customer);
CREATE TABLE knowhow_attachments (
    id          INTEGER PRIMARY KEY,
    knowhow_id  INTEGER NOT NULL REFERENCES knowhow (id),
    path        TEXT NOT NULL,
    sha256      TEXT NOT NULL,
    bytes       INTEGER NOT NULL
);
CREATE TABLE knowhow_grants (
    knowhow_id  INTEGER NOT NULL REFERENCES knowhow (id),
    username    TEXT NOT NULL,
    PRIMARY KEY (knowhow_id, username)
);
CREATE TABLE knowhow_access (
    id          INTEGER PRIMARY KEY,
    at          TEXT NOT NULL,
    actor       TEXT NOT NULL,
    number      TEXT NOT NULL,
    outcome     TEXT NOT NULL CHECK (outcome IN ('opened','refused'))
);
"#;

/// The know-how access log is append-only, like the history.
pub const ACCESS_LOG_GUARDS: &str = r#"
CREATE TRIGGER knowhow_access_no_update BEFORE UPDATE ON knowhow_access
BEGIN SELECT RAISE(ABORT, 'the access log is append-only'); END;
CREATE TRIGGER knowhow_access_no_delete BEFORE DELETE ON knowhow_access
BEGIN SELECT RAISE(ABORT, 'the access log is append-only'); END;
"#;

/// Lifts [`ACCESS_LOG_GUARDS`] (a sandbox's wipe, in its own transaction).
pub const ACCESS_LOG_GUARDS_OFF: &str = r#"
DROP TRIGGER knowhow_access_no_update;
DROP TRIGGER knowhow_access_no_delete;
"#;

/// The team's settings (SLA clocks and rules, KPI targets, the approval threshold) as the
/// TOML text an administrator imported: one row, the same for everyone.
const V15_TEAM_SETTINGS: &str = r#"
CREATE TABLE team_settings (
    id    INTEGER PRIMARY KEY CHECK (id = 1),
    toml  TEXT NOT NULL
);
"#;

/// Know-how leak incidents (SOP-15 §8.2), counted by the KPI "know-how leaks = 0 a year".
const V16_KNOWHOW_INCIDENTS: &str = r#"
CREATE TABLE knowhow_incidents (
    id           INTEGER PRIMARY KEY,
    occurred_at  TEXT NOT NULL,
    entry        TEXT REFERENCES knowhow (number),
    description  TEXT NOT NULL,
    recorded_by  TEXT NOT NULL,
    created_at   TEXT NOT NULL
);
CREATE INDEX knowhow_incidents_at ON knowhow_incidents (occurred_at);
"#;
