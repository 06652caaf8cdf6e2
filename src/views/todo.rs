//! The personal to-do: the workbench opens on it; Enter opens what a line is about, `n`
//! logs a visit or call for its customer, Esc goes to the dashboard.

use crate::kind::RecordKind;
use std::any::Any;

use ratatui::layout::Rect;
use ratatui::Frame;

use crate::app::component::{Component, Effect, FormRequest, Handled, Job, Payload};
use crate::app::selection::Selection;
use crate::app::{Action, App, Mode};
use crate::readmodel::todo::{load, Entry, Todo};

/// The to-do's state.
#[derive(Default)]
pub struct TodoView {
    /// What is owed (None until loaded).
    pub todo: Option<Todo>,
    /// Selection over its entries.
    pub sel: Selection,
}

impl TodoView {
    fn selected(&self) -> Option<(&Todo, Entry)> {
        let todo = self.todo.as_ref()?;
        let e = todo.entries().get(self.sel.selected).copied()?;
        Some((todo, e))
    }
}

impl Component for TodoView {
    fn name(&self) -> &'static str {
        "todo"
    }

    fn mode(&self) -> Mode {
        Mode::Todo
    }

    fn handle(&mut self, action: &Action, app: &App, fx: &mut Vec<Effect>) -> Handled {
        let len = self.todo.as_ref().map_or(0, |t| t.entries().len());
        if super::navigate(&mut self.sel, action, len) {
            return Handled::Consumed;
        }
        match action {
            Action::Back => fx.push(Effect::Close),
            Action::Open => match self.selected() {
                Some((todo, Entry::Complaint(i))) => {
                    if let Some(c) = todo.complaints.get(i) {
                        let view = super::ComplaintView::new(c.record.clone());
                        fx.push(Effect::Open(Box::new(view)));
                    }
                }
                Some((todo, e)) => match todo.customer(e) {
                    Some(code) => {
                        let view = super::CustomerView::new(code.to_string());
                        fx.push(Effect::Open(Box::new(view)));
                    }
                    None => fx.push(Effect::Say(app.t("todo.no_file").to_string())),
                },
                None => {}
            },
            Action::New => match self.selected().and_then(|(t, e)| t.customer(e)) {
                Some(code) => fx.push(Effect::Form(FormRequest::Record(
                    super::customer::care_form(app, code),
                ))),
                None => fx.push(Effect::Say(app.t("todo.no_customer").to_string())),
            },
            _ => return Handled::NotConsumed,
        }
        Handled::Consumed
    }

    fn draw(&self, frame: &mut Frame, area: Rect, app: &App, _focused: bool) {
        match &self.todo {
            Some(todo) => crate::ui::todo::draw(frame, app, area, todo, &self.sel),
            None => super::loading(frame, app, area, app.t("todo.title").to_string(), true),
        }
    }

    fn needs(&self, app: &App) -> Vec<Job> {
        let (policy, now) = (app.policy.clone(), app.now);
        let who = app.store.actor().to_string();
        vec![Job::new("todo", move |s| load(s, &policy, now, &who))]
    }

    fn receive(&mut self, _slot: &str, data: Payload) {
        if let Ok(todo) = data.downcast::<Todo>() {
            self.sel.clamp(todo.entries().len());
            self.todo = Some(*todo);
        }
    }

    fn depends(&self) -> &'static [RecordKind] {
        &[
            RecordKind::CareLog,
            RecordKind::Lead,
            RecordKind::Inquiry,
            RecordKind::Complaint,
            RecordKind::Customer,
            RecordKind::NpsAnswer,
            RecordKind::ImprovementCase,
        ]
    }

    fn click(&mut self, row: usize, _fx: &mut Vec<Effect>) {
        let rows = crate::ui::todo::row_entries(self.todo.as_ref());
        if let Some(Some(i)) = rows.get(self.sel.offset.get() + row) {
            self.sel.selected = *i;
        }
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}
