//! The SLA check-in meeting: the agenda full screen, for the room. The complaint keys
//! work on the selected item; the agenda reloads as others work.

use std::any::Any;

use chrono::{DateTime, Utc};
use ratatui::layout::Rect;
use ratatui::Frame;

use crate::app::component::{Component, Effect, Handled, Job, Payload};
use crate::app::selection::Selection;
use crate::app::{Action, App, Mode};
use crate::kind::RecordKind;
use crate::readmodel::meeting::{load, Agenda, Item};

/// The meeting view's state.
#[derive(Default)]
pub struct MeetingView {
    /// The agenda (None until loaded).
    pub agenda: Option<Agenda>,
    /// The selected item, over every section's items in order.
    pub sel: Selection,
    /// Opened by `kefu meeting`: the meeting is recorded as held (once a day).
    pub held: bool,
    /// The record of it was asked for (whether or not this person may write it).
    recorded: bool,
    /// The complaint selected before a reload, to select again after it.
    keep: Option<String>,
}

impl MeetingView {
    /// The view as `kefu meeting` opens it: the meeting is recorded as held.
    pub fn held() -> MeetingView {
        MeetingView {
            held: true,
            ..MeetingView::default()
        }
    }

    /// The selected item.
    pub fn selected(&self) -> Option<&Item> {
        self.agenda
            .as_ref()?
            .items()
            .nth(self.sel.selected)
            .map(|(_, i)| i)
    }

    fn position(&self, number: &str) -> Option<usize> {
        self.agenda
            .as_ref()?
            .items()
            .position(|(_, i)| i.record == number)
    }

    fn len(&self) -> usize {
        self.agenda.as_ref().map_or(0, |a| a.items().count())
    }
}

impl Component for MeetingView {
    fn name(&self) -> &'static str {
        "meeting"
    }

    fn mode(&self) -> Mode {
        Mode::Meeting
    }

    fn handle(&mut self, action: &Action, app: &App, fx: &mut Vec<Effect>) -> Handled {
        let len = self.len();
        if super::navigate(&mut self.sel, action, len) {
            return Handled::Consumed;
        }
        if *action == Action::Back {
            fx.push(Effect::Close);
            return Handled::Consumed;
        }
        let Some(item) = self.selected() else {
            return Handled::NotConsumed;
        };
        if *action == Action::Open {
            fx.push(Effect::Open(Box::new(super::ComplaintView::new(
                item.record.clone(),
            ))));
            return Handled::Consumed;
        }
        let target = super::complaint_actions::Target {
            number: &item.record,
            owner: item.owner.as_deref(),
            step: item.step,
            severity: item.severity,
        };
        match super::complaint_actions::complaint_effect(action, target, app) {
            Some(e) => {
                fx.push(e);
                Handled::Consumed
            }
            None => Handled::NotConsumed,
        }
    }

    fn draw(&self, frame: &mut Frame, area: Rect, app: &App, focused: bool) {
        match &self.agenda {
            Some(a) => crate::ui::meeting::draw(frame, app, area, a, &self.sel, self.held),
            None => super::loading(frame, app, area, app.t("mode.meeting").into(), focused),
        }
    }

    fn needs(&self, app: &App) -> Vec<Job> {
        let (policy, now) = (app.policy.clone(), app.now);
        let mut jobs = vec![Job::new("meeting", move |s| load(s, &policy, now))];
        if self.held && !self.recorded {
            // Once a day (the store keeps the first); a person who may not write (an
            // auditor, a read-only file) holds no meeting on record, and is not told off.
            jobs.push(Job::write("meeting:held", |s| {
                Ok(s.record_meeting().unwrap_or(false))
            }));
        }
        jobs
    }

    fn receive(&mut self, slot: &str, data: Payload) {
        if slot == "meeting:held" {
            self.recorded = true;
            return;
        }
        let Ok(agenda) = data.downcast::<Agenda>() else {
            return;
        };
        let keep = self
            .keep
            .take()
            .or_else(|| self.selected().map(|i| i.record.clone()));
        self.agenda = Some(*agenda);
        // The selection follows its complaint; one that left the agenda leaves the cursor
        // where it was, on the next item.
        if let Some(i) = keep.and_then(|n| self.position(&n)) {
            self.sel.selected = i;
        }
        self.sel.clamp(self.len());
    }

    fn depends(&self) -> &'static [RecordKind] {
        &[
            RecordKind::Complaint,
            RecordKind::Customer,
            RecordKind::Staff,
        ]
    }

    fn tick_labels(&self, app: &App) -> Vec<String> {
        // The countdowns move with the clock: one label per item on screen, by minute (a
        // screen shows no more items than lines, so the first offset + height cover it).
        let Some(a) = &self.agenda else {
            return Vec::new();
        };
        let shown = self.sel.offset.get() + self.sel.height.get() + 1;
        let minutes = |due: DateTime<Utc>| (due - app.now).num_minutes().to_string();
        a.items().take(shown).map(|(_, i)| minutes(i.due)).collect()
    }

    fn select_key(&mut self, key: &str) {
        match self.position(key) {
            Some(i) => self.sel.selected = i,
            None => self.keep = Some(key.to_string()),
        }
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}
