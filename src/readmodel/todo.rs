//! The personal to-do the workbench opens on: what the person at the keyboard owes today.
//! Visits and calls of their customers due within a week or overdue, their leads' overdue
//! follow-ups, the team's inquiries about to miss 24 hours, their complaints whose
//! clocks are in warning or breached, and the open improvement cases of their customers
//! or visits (a manager sees every case still waiting for its visit).

use chrono::{DateTime, Utc};

use super::care::{agenda as care_agenda, CareItem};
use super::improvement::{open_cases, CaseClock};
use super::meeting::{agenda, Item};
use crate::domain::improvement::Stage;
use crate::domain::lead::overdue;
use crate::domain::sla::{ClockState, SlaPolicy};
use crate::error::Result;
use crate::report::{inquiry_clocks, InquiryClock};
use crate::store::care::CareScope;
use crate::store::leads::LeadRecord;
use crate::store::Store;

/// How far ahead the to-do shows visits and calls (overdue ones always).
pub const CARE_DAYS: i64 = 7;

/// One person's to-do.
#[derive(Debug, Clone, Default)]
pub struct Todo {
    /// Visits and calls of their customers, the earliest due first.
    pub care: Vec<CareItem>,
    /// Their leads due a follow-up today or before, the earliest first.
    pub leads: Vec<LeadRecord>,
    /// Unanswered inquiries in warning or breached, the nearest due first.
    pub inquiries: Vec<InquiryClock>,
    /// Their complaints with a clock in warning or breached, the worst first.
    pub complaints: Vec<Item>,
    /// Open improvement cases that concern them, the earliest due first.
    pub cases: Vec<CaseClock>,
}

/// One line of the to-do that can be selected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entry {
    /// The n-th visit or call.
    Care(usize),
    /// The n-th lead.
    Lead(usize),
    /// The n-th inquiry.
    Inquiry(usize),
    /// The n-th complaint.
    Complaint(usize),
    /// The n-th improvement case.
    Case(usize),
}

impl Todo {
    /// Every entry in the order shown: complaints, improvement cases, inquiries, follow-ups,
    /// visits and calls.
    pub fn entries(&self) -> Vec<Entry> {
        (0..self.complaints.len())
            .map(Entry::Complaint)
            .chain((0..self.cases.len()).map(Entry::Case))
            .chain((0..self.inquiries.len()).map(Entry::Inquiry))
            .chain((0..self.leads.len()).map(Entry::Lead))
            .chain((0..self.care.len()).map(Entry::Care))
            .collect()
    }

    /// The customer an entry concerns, when it is a customer.
    pub fn customer(&self, e: Entry) -> Option<&str> {
        match e {
            Entry::Care(i) => self.care.get(i).map(|c| c.customer.as_str()),
            Entry::Complaint(i) => self.complaints.get(i).map(|c| c.customer.as_str()),
            Entry::Case(i) => self.cases.get(i).map(|c| c.customer.as_str()),
            Entry::Inquiry(i) => self
                .inquiries
                .get(i)
                .filter(|q| !q.asker.starts_with(crate::store::leads::PREFIX))
                .map(|q| q.asker.as_str()),
            Entry::Lead(i) => self.leads.get(i).and_then(|l| l.customer.as_deref()),
        }
    }
}

/// What `who` owes at `now`.
pub fn load(store: &Store, policy: &SlaPolicy, now: DateTime<Utc>, who: &str) -> Result<Todo> {
    let today = now.with_timezone(&policy.calendar.tz).date_naive();
    let scope = CareScope {
        kam: Some(who),
        customer: None,
    };
    let care = care_agenda(
        &store.care_standing(&scope)?,
        &policy.care,
        &policy.calendar,
        today,
        CARE_DAYS,
    );
    let leads = store
        .leads(false)?
        .into_iter()
        .filter(|l| l.fields.owner.as_deref() == Some(who))
        .filter(|l| {
            l.next_date()
                .is_some_and(|d| d == today || overdue(d, today))
        })
        .collect();
    let pressing = |s: ClockState| matches!(s, ClockState::Warning | ClockState::Breached);
    let inquiries = inquiry_clocks(store, policy, now)?
        .into_iter()
        .filter(|q| pressing(q.state))
        .collect();
    let mine: Vec<_> = store
        .list_complaints(true)?
        .into_iter()
        .filter(|c| c.owner.as_deref() == Some(who))
        .collect();
    let a = agenda(&mine, &[], policy, now, None);
    let mut complaints: Vec<Item> = Vec::new();
    for (_, item) in a.items() {
        if pressing(item.state) && !complaints.iter().any(|c| c.record == item.record) {
            complaints.push(item.clone());
        }
    }
    complaints.sort_by_key(|c| c.remaining_s);
    let manager = matches!(
        store.role_of(who)?,
        Some(crate::domain::staff::Role::Manager | crate::domain::staff::Role::GeneralManager)
    );
    let cases = open_cases(store, &policy.nps, now, policy.calendar.tz)?
        .into_iter()
        .filter(|c| c.people.iter().any(|p| p == who) || (manager && c.stage == Stage::Visit))
        .collect();
    Ok(Todo {
        care,
        leads,
        inquiries,
        complaints,
        cases,
    })
}
