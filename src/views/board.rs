//! The complaint board pane: open complaints, urgent first, with live countdowns.

use crate::kind::RecordKind;
use std::any::Any;

use ratatui::layout::Rect;
use ratatui::Frame;

use crate::app::component::{Component, Effect, FormRequest, Handled, Job, Payload};
use crate::app::data::{breach_times, load_board, nearest_clock};
use crate::app::selection::Selection;
use crate::app::{Action, App, Mode};
use crate::domain::complaint::Severity;
use crate::store::complaints::ComplaintRow;
use chrono::{DateTime, Utc};

/// The board's rows and when each breaches.
type Loaded = (Vec<ComplaintRow>, Vec<Option<DateTime<Utc>>>);

/// The board's state.
#[derive(Default)]
pub struct Board {
    /// Open complaints (None until loaded).
    pub rows: Option<Vec<ComplaintRow>>,
    /// When each row's nearest clock breaches (for the title's count).
    breach_at: Vec<Option<DateTime<Utc>>>,
    /// The selection.
    pub sel: Selection,
    /// The complaint to select when the rows arrive.
    want: Option<String>,
}

impl Board {
    /// The selected complaint.
    pub fn selected(&self) -> Option<&ComplaintRow> {
        self.rows.as_ref()?.get(self.sel.selected)
    }

    /// How many rows are past their nearest due time at `now`.
    pub fn breached(&self, now: DateTime<Utc>) -> usize {
        self.breach_at
            .iter()
            .filter(|d| d.is_some_and(|d| now > d))
            .count()
    }

    /// Selects the complaint `number` (now, or when the rows arrive).
    pub fn select(&mut self, number: &str) -> bool {
        match self
            .rows
            .as_ref()
            .and_then(|r| r.iter().position(|c| c.number == number))
        {
            Some(i) => {
                self.sel.selected = i;
                true
            }
            None => {
                self.want = Some(number.to_string());
                false
            }
        }
    }
}

impl Component for Board {
    fn name(&self) -> &'static str {
        "board"
    }

    fn mode(&self) -> Mode {
        Mode::Board
    }

    fn handle(&mut self, action: &Action, app: &App, fx: &mut Vec<Effect>) -> Handled {
        let len = self.rows.as_ref().map_or(0, Vec::len);
        if super::navigate(&mut self.sel, action, len) {
            return Handled::Consumed;
        }
        let number = self.selected().map(|c| c.number.clone());
        if *action == Action::Open {
            if let Some(n) = number {
                fx.push(Effect::Open(Box::new(super::ComplaintView::new(n))));
            }
            return Handled::Consumed;
        }
        if *action == Action::New {
            let customer = app
                .pane::<super::Customers>()
                .and_then(|c| c.selected())
                .map(|c| c.code.clone());
            fx.push(Effect::Form(FormRequest::NewComplaint(customer)));
            return Handled::Consumed;
        }
        let owner = self.selected().and_then(|c| c.owner.as_deref());
        match number
            .and_then(|n| super::complaint_actions::complaint_effect(action, &n, owner, app))
        {
            Some(e) => {
                fx.push(e);
                Handled::Consumed
            }
            None => Handled::NotConsumed,
        }
    }

    fn draw(&self, frame: &mut Frame, area: Rect, app: &App, focused: bool) {
        match &self.rows {
            Some(rows) => {
                let breached = self.breached(app.now);
                crate::ui::board::draw(frame, app, area, focused, rows, breached, &self.sel)
            }
            None => {
                let title = app
                    .cat
                    .fmt("ui.board_title", &[("n", "…"), ("breached", "…")]);
                super::loading(frame, app, area, title, focused)
            }
        }
    }

    fn needs(&self, app: &App) -> Vec<Job> {
        let (policy, now) = (app.policy.clone(), app.now);
        vec![Job::new("board", move |s| {
            let rows = load_board(s, &policy, now)?;
            let due = breach_times(&rows, &policy, now);
            Ok((rows, due))
        })]
    }

    fn receive(&mut self, _slot: &str, data: Payload) {
        let Ok(loaded) = data.downcast::<Loaded>() else {
            return;
        };
        let (rows, breach_at) = *loaded;
        self.breach_at = breach_at;
        // The selection follows its complaint, not its row: the list re-sorts as clocks move.
        let keep = self
            .want
            .take()
            .or_else(|| self.selected().map(|c| c.number.clone()));
        self.rows = Some(rows);
        if let Some(n) = keep {
            self.select(&n);
            self.want = None;
        }
        self.sel.clamp(self.rows.as_ref().map_or(0, Vec::len));
    }

    fn depends(&self) -> &'static [RecordKind] {
        &[RecordKind::Complaint, RecordKind::Customer]
    }

    fn tick_labels(&self, app: &App) -> Vec<String> {
        // Only the rows on screen: the rest are recomputed when scrolled to.
        let (off, h) = (self.sel.offset.get(), self.sel.height.get());
        let title = self.breached(app.now).to_string();
        let rows = self.rows.iter().flatten().skip(off).take(h).map(|r| {
            nearest_clock(r, &app.policy, app.now)
                .map(|c| {
                    format!(
                        "{}{:?}",
                        crate::report::remaining_label(app.cat, c.remaining_s),
                        c.state
                    )
                })
                .unwrap_or_default()
        });
        std::iter::once(title).chain(rows).collect()
    }

    fn notice(&self, app: &App) -> Option<String> {
        let urgent = self
            .rows
            .iter()
            .flatten()
            .filter(|r| r.severity == Severity::Urgent)
            .count();
        (urgent > 0).then(|| app.cat.fmt_count("ui.urgent_notice", urgent))
    }

    fn select_key(&mut self, key: &str) {
        self.select(key);
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}
