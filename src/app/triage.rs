//! The board's triage: which complaints show (typed filter and one-key toggles) and in
//! what order (any column, again to reverse). Pure: the rows, `now` and the user come in.

use chrono::{DateTime, Days, Utc};
use chrono_tz::Tz;

use crate::input::action::{Column, Toggle};
use crate::store::complaints::ComplaintRow;

/// What the board shows: the typed filter, the toggles and the sort.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Triage {
    /// Text typed after `/` (number, customer, title, owner), lower-cased on match.
    pub text: String,
    /// Keys go into the filter text.
    pub editing: bool,
    /// Only complaints whose nearest clock is past due.
    pub breached: bool,
    /// Only complaints whose nearest clock falls due before the end of today.
    pub due_today: bool,
    /// Only the user's own complaints.
    pub mine: bool,
    /// Only urgent ("green channel") complaints.
    pub urgent: bool,
    /// Closed complaints instead of open ones.
    pub closed: bool,
    /// The column sorted by, and whether reversed; None: the board order (urgent, due).
    pub sort: Option<(Column, bool)>,
}

/// What a row is judged by besides itself.
pub struct Judge<'a> {
    /// Now.
    pub now: DateTime<Utc>,
    /// The local time zone (for "today").
    pub tz: Tz,
    /// The user's account (for "mine").
    pub me: &'a str,
}

impl Triage {
    /// Whether anything narrows or reorders the board.
    pub fn active(&self) -> bool {
        !self.text.is_empty()
            || self.breached
            || self.due_today
            || self.mine
            || self.urgent
            || self.sort.is_some()
    }

    /// Turns a toggle on or off.
    pub fn toggle(&mut self, t: Toggle) {
        let flag = match t {
            Toggle::Breached => &mut self.breached,
            Toggle::DueToday => &mut self.due_today,
            Toggle::Mine => &mut self.mine,
            Toggle::Urgent => &mut self.urgent,
            Toggle::Closed => &mut self.closed,
        };
        *flag = !*flag;
    }

    /// Whether a toggle is on.
    pub fn is_on(&self, t: Toggle) -> bool {
        match t {
            Toggle::Breached => self.breached,
            Toggle::DueToday => self.due_today,
            Toggle::Mine => self.mine,
            Toggle::Urgent => self.urgent,
            Toggle::Closed => self.closed,
        }
    }

    /// Sorts by `col`; the same column again reverses, a third time back to board order.
    pub fn sort_by(&mut self, col: Column) {
        self.sort = match self.sort {
            Some((c, false)) if c == col => Some((col, true)),
            Some((c, true)) if c == col => None,
            _ => Some((col, false)),
        };
    }

    /// Clears the filter, the toggles that narrow and the sort (not the closed view).
    pub fn clear(&mut self) {
        *self = Triage {
            closed: self.closed,
            ..Triage::default()
        };
    }

    /// The positions in `rows` to show, in order; `due[i]` is when row i's nearest clock
    /// breaches (None: no running clock).
    pub fn view(
        &self,
        rows: &[ComplaintRow],
        due: &[Option<DateTime<Utc>>],
        judge: &Judge,
    ) -> Vec<usize> {
        let needle = self.text.trim().to_lowercase();
        let today_end = end_of_local_day(judge.now, judge.tz);
        let due_at = |i: usize| due.get(i).copied().flatten();
        let mut shown: Vec<usize> = (0..rows.len())
            .filter(|&i| {
                let r = &rows[i];
                (!self.breached || due_at(i).is_some_and(|d| judge.now > d))
                    && (!self.due_today || due_at(i).is_some_and(|d| d < today_end))
                    && (!self.mine || r.owner.as_deref() == Some(judge.me))
                    && (!self.urgent || r.severity == crate::domain::complaint::Severity::Urgent)
                    && (needle.is_empty() || matches_text(r, &needle))
            })
            .collect();
        if let Some((col, reversed)) = self.sort {
            // Stable: rows that tie keep the board order.
            shown.sort_by(|&a, &b| {
                let (ra, rb) = (&rows[a], &rows[b]);
                // Rows without the value (no owner, no clock) stay last either way round.
                let missing = |r: &ComplaintRow, d: Option<DateTime<Utc>>| match col {
                    Column::Owner => r.owner.is_none(),
                    Column::Remaining => d.is_none(),
                    _ => false,
                };
                let o = compare(col, ra, rb, due_at(a), due_at(b));
                missing(ra, due_at(a))
                    .cmp(&missing(rb, due_at(b)))
                    .then(if reversed { o.reverse() } else { o })
            });
        }
        shown
    }
}

/// Whether the lower-cased `needle` is in the row's number, customer, title or owner.
pub fn matches_text(r: &ComplaintRow, needle: &str) -> bool {
    [
        r.number.as_str(),
        r.customer.as_str(),
        r.customer_name.as_str(),
        r.title.as_str(),
        r.owner.as_deref().unwrap_or(""),
    ]
    .iter()
    .any(|f| f.to_lowercase().contains(needle))
}

fn compare(
    col: Column,
    a: &ComplaintRow,
    b: &ComplaintRow,
    da: Option<DateTime<Utc>>,
    db: Option<DateTime<Utc>>,
) -> std::cmp::Ordering {
    match col {
        Column::Number => a.number.cmp(&b.number),
        Column::Customer => a.customer_name.cmp(&b.customer_name),
        Column::Title => a.title.cmp(&b.title),
        Column::Severity => a.severity.rank().cmp(&b.severity.rank()),
        Column::Step => step_rank(a).cmp(&step_rank(b)),
        Column::Owner => a.owner.cmp(&b.owner),
        Column::Remaining => da.cmp(&db),
    }
}

fn step_rank(r: &ComplaintRow) -> Option<usize> {
    crate::domain::complaint::Step::ALL
        .iter()
        .position(|s| *s == r.step)
}

/// The first instant of the next local day.
pub fn end_of_local_day(now: DateTime<Utc>, tz: Tz) -> DateTime<Utc> {
    let day = now.with_timezone(&tz).date_naive();
    day.checked_add_days(Days::new(1))
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .and_then(|n| crate::domain::time::local_to_utc(n, tz))
        .unwrap_or(DateTime::<Utc>::MAX_UTC)
}
