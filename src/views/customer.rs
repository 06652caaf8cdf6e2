//! One customer's file: fields, contacts, grade history and changes.

use crate::kind::RecordKind;
use std::any::Any;

use ratatui::layout::Rect;
use ratatui::Frame;

use crate::app::component::{Component, Effect, FormRequest, Handled, Job, Payload};
use crate::app::selection::Selection;
use crate::app::{Action, App, Mode};
use crate::store::customers::CustomerFile;
use crate::store::history::Change;

/// The customer file view's state.
pub struct CustomerView {
    /// The customer's code.
    pub code: String,
    /// The file and its history (None until loaded).
    pub file: Option<(CustomerFile, Vec<Change>)>,
    /// Scroll.
    pub sel: Selection,
}

impl CustomerView {
    /// The file of `code`, to be loaded.
    pub fn new(code: String) -> CustomerView {
        CustomerView {
            code,
            file: None,
            sel: Selection::default(),
        }
    }
}

impl Component for CustomerView {
    fn name(&self) -> &'static str {
        "customer"
    }

    fn mode(&self) -> Mode {
        Mode::Detail
    }

    fn handle(&mut self, action: &Action, _app: &App, fx: &mut Vec<Effect>) -> Handled {
        if super::scroll_or_close(&mut self.sel, action, fx) {
            return Handled::Consumed;
        }
        if *action == Action::Edit {
            fx.push(Effect::Form(FormRequest::EditCustomer(self.code.clone())));
        } else {
            return Handled::NotConsumed;
        }
        Handled::Consumed
    }

    fn draw(&self, frame: &mut Frame, area: Rect, app: &App, _focused: bool) {
        match &self.file {
            Some((file, history)) => {
                crate::ui::detail::customer(frame, app, area, file, history, &self.sel)
            }
            None => super::loading(frame, app, area, self.code.clone(), true),
        }
    }

    fn needs(&self, _app: &App) -> Vec<Job> {
        let code = self.code.clone();
        vec![Job::new(format!("customer:{code}"), move |s| {
            Ok((s.customer(&code)?, s.history_of("customer", &code)?))
        })]
    }

    fn receive(&mut self, _slot: &str, data: Payload) {
        if let Ok(f) = data.downcast::<(CustomerFile, Vec<Change>)>() {
            self.file = Some(*f);
        }
    }

    fn depends(&self) -> &'static [RecordKind] {
        &[RecordKind::Customer]
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}
