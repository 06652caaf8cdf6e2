//! Every CAPA, by due date, overdue ones highlighted.

use crate::kind::RecordKind;
use std::any::Any;

use ratatui::layout::Rect;
use ratatui::Frame;

use crate::app::component::{Component, Effect, FormRequest, Handled, Job, Payload};
use crate::app::selection::Selection;
use crate::app::{Action, App, Mode};
use crate::input::action::FileKey;
use crate::store::capa::Capa;

/// The CAPA list's state.
#[derive(Default)]
pub struct Capas {
    /// The CAPAs (None until loaded).
    pub list: Option<Vec<Capa>>,
    /// Selection.
    pub sel: Selection,
}

impl Component for Capas {
    fn name(&self) -> &'static str {
        "capas"
    }

    fn mode(&self) -> Mode {
        Mode::Capas
    }

    fn handle(&mut self, action: &Action, app: &App, fx: &mut Vec<Effect>) -> Handled {
        let len = self.list.as_ref().map_or(0, Vec::len);
        if super::navigate(&mut self.sel, action, len) {
            return Handled::Consumed;
        }
        let selected = self.list.as_ref().and_then(|l| l.get(self.sel.selected));
        match action {
            Action::Back => fx.push(Effect::Close),
            Action::Open => {
                if let Some(number) = selected.and_then(|c| c.complaint.clone()) {
                    fx.push(Effect::Open(Box::new(super::ComplaintView::new(number))));
                }
            }
            Action::File(FileKey::VerifyCapa) => {
                let rf = super::complaint_forms::verify_capa(app, selected.map(|c| c.id));
                fx.push(Effect::Form(FormRequest::Record(rf)));
            }
            _ => return Handled::NotConsumed,
        }
        Handled::Consumed
    }

    fn draw(&self, frame: &mut Frame, area: Rect, app: &App, _focused: bool) {
        match &self.list {
            Some(list) => crate::ui::analysis::capas(frame, app, area, list, &self.sel),
            None => {
                let title = app.cat.fmt("ui.capas_title", &[("n", "…"), ("late", "…")]);
                super::loading(frame, app, area, title, true)
            }
        }
    }

    fn needs(&self, app: &App) -> Vec<Job> {
        let today = app.now.with_timezone(&app.tz).date_naive();
        vec![Job::new("capas", move |s| {
            // Overdue ones first (as the key's help says), each part by due date.
            let mut list = s.list_capas(None)?;
            list.sort_by_key(|c| !crate::domain::capa::overdue(c.due_date, c.verdict, today));
            Ok(list)
        })]
    }

    fn receive(&mut self, _slot: &str, data: Payload) {
        if let Ok(list) = data.downcast::<Vec<Capa>>() {
            self.list = Some(*list);
        }
    }

    fn depends(&self) -> &'static [RecordKind] {
        &[RecordKind::Capa, RecordKind::Complaint]
    }

    fn click(&mut self, row: usize, _fx: &mut Vec<Effect>) {
        let i = self.sel.offset.get() + row;
        if i < self.list.as_ref().map_or(0, Vec::len) {
            self.sel.selected = i;
        }
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}
