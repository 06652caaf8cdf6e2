//! Taking back a one-key move within seconds of making it: the reversal is written like
//! any change (step, times, history), never by deleting what was recorded.

use chrono::{DateTime, Utc};

use super::complaints::step_column;
use super::Tx;
use crate::domain::complaint::Step;
use crate::domain::time::to_store;
use crate::error::{Error, Result};

/// A one-key move that can be taken back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Undo {
    /// The complaint went from `from` to `to`.
    Step {
        /// Complaint number.
        number: String,
        /// Where it was.
        from: Step,
        /// Where the move took it.
        to: Step,
    },
    /// The complaint was escalated.
    Escalation {
        /// Complaint number.
        number: String,
    },
}

impl Undo {
    /// The complaint it is about.
    pub fn number(&self) -> &str {
        match self {
            Undo::Step { number, .. } | Undo::Escalation { number } => number,
        }
    }
}

impl Tx<'_> {
    /// Takes back `u` at `at`, if nothing has moved the complaint on since.
    pub fn undo(&self, u: &Undo, at: DateTime<Utc>, by: &str) -> Result<()> {
        let _event = self.event_at(at);
        let cur = self.current(u.number())?;
        let moved_on = || Error::Refused {
            number: u.number().to_string(),
            rule: "rule.undo_moved_on",
        };
        match u {
            Undo::Step { number, from, to } => {
                if cur.step != *to {
                    return Err(moved_on());
                }
                if let Some(column) = step_column(*to) {
                    self.set_field(cur.id, number, column, None)?;
                }
                self.conn().execute(
                    "UPDATE complaints SET step = ?1, updated_at = ?2, version = version + 1
                     WHERE id = ?3",
                    rusqlite::params![from.as_str(), self.at(), cur.id],
                )?;
                let at_s = to_store(at);
                self.insert_step(cur.id, *from, &at_s, by, Some("undo"))?;
                self.record(
                    "complaint",
                    number,
                    "step",
                    Some("step"),
                    Some(to.as_str()),
                    Some(from.as_str()),
                )
            }
            Undo::Escalation { number } => {
                if !cur.escalated {
                    return Err(moved_on());
                }
                self.set_field(cur.id, number, "escalated_at", None)?;
                self.set_field(cur.id, number, "escalated_to", None)
            }
        }
    }
}
