//! One complaint with its clocks, steps, CAPAs and returns.

use crate::kind::RecordKind;
use std::any::Any;

use ratatui::layout::Rect;
use ratatui::Frame;

use crate::app::component::{Component, Effect, Handled, Job, Payload};
use crate::app::selection::Selection;
use crate::app::{Action, App, Mode};
use crate::store::complaints::ComplaintDetail;

/// The complaint view's state.
pub struct ComplaintView {
    /// The complaint's number.
    pub number: String,
    /// The complaint (None until loaded).
    pub detail: Option<Box<ComplaintDetail>>,
    /// Scroll.
    pub sel: Selection,
}

impl ComplaintView {
    /// The complaint `number`, to be loaded.
    pub fn new(number: String) -> ComplaintView {
        ComplaintView {
            number,
            detail: None,
            sel: Selection::default(),
        }
    }
}

impl Component for ComplaintView {
    fn name(&self) -> &'static str {
        "complaint"
    }

    fn mode(&self) -> Mode {
        Mode::Detail
    }

    fn handle(&mut self, action: &Action, app: &App, fx: &mut Vec<Effect>) -> Handled {
        if super::scroll_or_close(&mut self.sel, action, fx) {
            return Handled::Consumed;
        }
        let owner = self.detail.as_ref().and_then(|d| d.row.owner.as_deref());
        match super::complaint_actions::complaint_effect(action, &self.number, owner, app) {
            Some(e) => {
                fx.push(e);
                Handled::Consumed
            }
            None => Handled::NotConsumed,
        }
    }

    fn draw(&self, frame: &mut Frame, area: Rect, app: &App, _focused: bool) {
        match &self.detail {
            Some(d) => crate::ui::detail::complaint(frame, app, area, d, &self.sel),
            None => super::loading(frame, app, area, self.number.clone(), true),
        }
    }

    fn needs(&self, _app: &App) -> Vec<Job> {
        let n = self.number.clone();
        vec![Job::new(format!("complaint:{n}"), move |s| {
            Ok(Box::new(s.complaint(&n)?))
        })]
    }

    fn receive(&mut self, _slot: &str, data: Payload) {
        if let Ok(d) = data.downcast::<Box<ComplaintDetail>>() {
            self.detail = Some(*d);
        }
    }

    fn depends(&self) -> &'static [RecordKind] {
        &[RecordKind::Complaint, RecordKind::Capa]
    }

    fn tick_labels(&self, app: &App) -> Vec<String> {
        let Some(d) = &self.detail else {
            return Vec::new();
        };
        let r = &d.row;
        app.policy
            .clocks(&r.subject(), &r.facts, app.now)
            .iter()
            .map(|c| crate::report::remaining_label(app.cat, c.remaining_s))
            .collect()
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}
