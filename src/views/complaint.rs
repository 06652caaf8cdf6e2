//! One complaint with its clocks, steps, CAPAs and returns.

use crate::kind::RecordKind;
use std::any::Any;

use ratatui::layout::Rect;
use ratatui::Frame;

use super::complaint_forms as forms;
use crate::app::component::{Component, Effect, FormRequest, Handled, Job, Payload};
use crate::app::selection::Selection;
use crate::app::{Action, App, Mode};
use crate::input::action::FileKey;
use crate::store::complaints::ComplaintDetail;
use crate::store::history::Change;

/// The complaint view's state.
pub struct ComplaintView {
    /// The complaint's number.
    pub number: String,
    /// The complaint (None until loaded).
    pub detail: Option<Box<ComplaintDetail>>,
    /// Its change history (fields, owners, notes, escalation), oldest first.
    pub history: Vec<Change>,
    /// Scroll.
    pub sel: Selection,
}

impl ComplaintView {
    /// The complaint `number`, to be loaded.
    pub fn new(number: String) -> ComplaintView {
        ComplaintView {
            number,
            detail: None,
            history: Vec::new(),
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
        let Some(d) = self.detail.as_deref() else {
            return Handled::NotConsumed;
        };
        if let Action::File(key) = action {
            // The first CAPA or return the step is still to be done for, to start with.
            let form = match key {
                FileKey::VerifyCapa => {
                    let id = d
                        .capas
                        .iter()
                        .find(|c| c.verdict.is_none())
                        .or(d.capas.first());
                    Some(forms::verify_capa(app, id.map(|c| c.id)))
                }
                FileKey::ApproveReturn => {
                    let id = d.returns.iter().find(|r| r.approved_by.is_none());
                    Some(forms::return_step(app, id.map(|r| r.id), false))
                }
                FileKey::ShipReturn => {
                    let id = d.returns.iter().find(|r| r.shipped_at.is_none());
                    Some(forms::return_step(app, id.map(|r| r.id), true))
                }
                FileKey::Report | FileKey::Reopen | FileKey::AddCapa | FileKey::AddReturn => None,
            };
            if let Some(rf) = form {
                fx.push(Effect::Form(FormRequest::Record(rf)));
                return Handled::Consumed;
            }
        }
        let target = super::complaint_actions::Target {
            number: &self.number,
            owner: d.row.owner.as_deref(),
            step: d.row.step,
            severity: d.row.severity,
        };
        match super::complaint_actions::complaint_effect(action, target, app) {
            Some(e) => {
                fx.push(e);
                Handled::Consumed
            }
            None => Handled::NotConsumed,
        }
    }

    fn draw(&self, frame: &mut Frame, area: Rect, app: &App, _focused: bool) {
        match &self.detail {
            Some(d) => crate::ui::detail::complaint(frame, app, area, d, &self.history, &self.sel),
            None => super::loading(frame, app, area, self.number.clone(), true),
        }
    }

    fn needs(&self, _app: &App) -> Vec<Job> {
        let n = self.number.clone();
        vec![Job::new(format!("complaint:{n}"), move |s| {
            Ok((Box::new(s.complaint(&n)?), s.history_of("complaint", &n)?))
        })]
    }

    fn receive(&mut self, _slot: &str, data: Payload) {
        if let Ok(d) = data.downcast::<(Box<ComplaintDetail>, Vec<Change>)>() {
            let (detail, history) = *d;
            self.detail = Some(detail);
            self.history = history;
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
