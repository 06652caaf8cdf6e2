//! The complaint records the store reads and writes.

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::domain::complaint::{
    Category, Channel, ClockFacts, Pause, Responsibility, Severity, Step,
};
use crate::domain::customer::Grade;
use crate::domain::sla::Subject;

/// What is needed to register a complaint.
#[derive(Debug, Clone)]
pub struct NewComplaint {
    /// Customer code.
    pub customer: String,
    /// Short title.
    pub title: String,
    /// Longer description.
    pub description: Option<String>,
    /// How it arrived.
    pub channel: Channel,
    /// What it is about.
    pub category: Category,
    /// How serious.
    pub severity: Severity,
    /// When it arrived.
    pub received_at: DateTime<Utc>,
    /// The customer's reply deadline.
    pub reply_by: Option<DateTime<Utc>>,
    /// Owner (staff username).
    pub owner: Option<String>,
    /// Product concerned.
    pub product: Option<String>,
    /// Batch concerned.
    pub batch: Option<String>,
    /// Quantity affected.
    pub quantity: Option<i64>,
}

/// A complaint as listed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ComplaintRow {
    /// Complaint number.
    pub number: String,
    /// Customer code.
    pub customer: String,
    /// Customer short name (or full name).
    pub customer_name: String,
    /// Title.
    pub title: String,
    /// Channel.
    pub channel: Channel,
    /// Category.
    pub category: Category,
    /// Severity.
    pub severity: Severity,
    /// Current step.
    pub step: Step,
    /// Owner.
    pub owner: Option<String>,
    /// The customer's grade (SLA rules can depend on it).
    pub grade: Option<Grade>,
    /// Escalated by hand: when, and to whom.
    pub escalated: Option<(String, Option<String>)>,
    /// Clock facts (receipt, deadline, step times, pauses).
    #[serde(skip)]
    pub facts: ClockFacts,
    /// Optimistic-lock version.
    pub version: i64,
}

impl ComplaintRow {
    /// What its SLA clocks are chosen by.
    pub fn subject(&self) -> Subject {
        Subject {
            severity: self.severity,
            category: self.category,
            grade: self.grade,
        }
    }
}

/// One step taken.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StepEntry {
    /// The step reached.
    pub step: Step,
    /// When.
    pub at: DateTime<Utc>,
    /// By whom.
    pub by: String,
    /// Note.
    pub note: Option<String>,
}

/// A wait on the customer, with why.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PauseEntry {
    /// The span.
    #[serde(skip)]
    pub pause: Pause,
    /// Why the complaint waits.
    pub reason: String,
}

pub use crate::domain::complaint::Decisions;

/// A complaint with everything about it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ComplaintDetail {
    /// The listed part.
    #[serde(flatten)]
    pub row: ComplaintRow,
    /// Description.
    pub description: Option<String>,
    /// Responsibility.
    pub responsibility: Responsibility,
    /// Root cause.
    pub root_cause: Option<String>,
    /// Product.
    pub product: Option<String>,
    /// Batch.
    pub batch: Option<String>,
    /// Quantity affected.
    pub quantity: Option<i64>,
    /// The customer's contact for this complaint.
    pub contact: Option<String>,
    /// Major complaints: decisions on shipped goods, stock and WIP.
    pub decisions: Decisions,
    /// The customer's sign-off at closing (who, how).
    pub signoff: Option<String>,
    /// Steps taken, oldest first.
    pub steps: Vec<StepEntry>,
    /// Waits on the customer, oldest first.
    pub pauses: Vec<PauseEntry>,
    /// CAPAs raised on it.
    pub capas: Vec<super::capa::Capa>,
    /// Returns linked to it.
    pub returns: Vec<super::returns::Return>,
}

impl ComplaintRow {
    pub(crate) fn placeholder() -> ComplaintRow {
        ComplaintRow {
            number: String::new(),
            customer: String::new(),
            customer_name: String::new(),
            title: String::new(),
            channel: Channel::Phone,
            category: Category::Other,
            severity: Severity::Minor,
            step: Step::Received,
            owner: None,
            grade: None,
            escalated: None,
            facts: ClockFacts::default(),
            version: 0,
        }
    }
}
