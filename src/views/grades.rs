//! Proposed grades beside the current ones (SOP-15, MJ-QP-12): by revenue or by criteria
//! (Tab), only the customers whose grade would change; `c` confirms one (managers), Enter
//! opens the customer's file.

use crate::kind::RecordKind;
use std::any::Any;

use ratatui::layout::Rect;
use ratatui::Frame;

use crate::app::component::{Component, Effect, FormRequest, Handled, Job, Payload};
use crate::app::record_form::RecordForm;
use crate::app::selection::Selection;
use crate::app::{Action, App, Mode};
use crate::domain::customer::Grade;
use crate::domain::fields::Record;
use crate::domain::grading::{GradeConfirmation, Method};
use crate::domain::permission::Permission;
use crate::store::grading::GradeRow;

/// The grades view's state.
pub struct GradesView {
    /// The method proposing.
    pub method: Method,
    /// The customers whose grade the method would change (None until loaded).
    pub rows: Option<Vec<GradeRow>>,
    /// Selection.
    pub sel: Selection,
}

impl Default for GradesView {
    fn default() -> Self {
        GradesView {
            method: Method::Revenue,
            rows: None,
            sel: Selection::default(),
        }
    }
}

/// The form confirming `row`'s proposal: the grade proposed and the rules that held.
fn confirm_form(app: &App, row: &GradeRow, method: Method) -> RecordForm {
    let code = row.code.clone();
    let proposed = row.proposal.grade;
    let held: Vec<&str> = row
        .proposal
        .held
        .iter()
        .map(|h| app.t(&format!("held.{h}")))
        .collect();
    let basis = app.cat.fmt(
        "grades.basis",
        &[
            ("method", app.t(method.label_key())),
            ("held", &held.join(app.t("ui.list_sep"))),
        ],
    );
    RecordForm::new(
        app.cat
            .fmt("grades.form", &[("code", &row.code), ("name", &row.name)]),
        GradeConfirmation::FIELDS,
        RecordKind::Customer,
        move |s, values| {
            let mut c = GradeConfirmation::default();
            for (name, v) in values {
                c.set_typed(name, Some(v), s.tz())?;
            }
            let grade = c.grade.unwrap_or(Grade::C);
            // The method is recorded only when its proposal is what was confirmed.
            let by = (Some(grade) == proposed).then_some(method);
            let basis = c.basis.unwrap_or_default();
            s.write(|tx| tx.confirm_grade(&code, grade, &basis, by, false))?;
            Ok(code.clone())
        },
    )
    .with_value("grade", proposed.map(|g| g.as_str().to_string()))
    .with_value("basis", Some(basis))
}

impl Component for GradesView {
    fn name(&self) -> &'static str {
        "grades"
    }

    fn mode(&self) -> Mode {
        Mode::Grades
    }

    fn handle(&mut self, action: &Action, app: &App, fx: &mut Vec<Effect>) -> Handled {
        let len = self.rows.as_ref().map_or(0, Vec::len);
        if super::navigate(&mut self.sel, action, len) {
            return Handled::Consumed;
        }
        let selected = self.rows.as_ref().and_then(|r| r.get(self.sel.selected));
        match action {
            Action::Back => fx.push(Effect::Close),
            Action::Tab(_) => {
                self.method = match self.method {
                    Method::Revenue => Method::Criteria,
                    Method::Criteria => Method::Revenue,
                };
                self.rows = None;
                self.sel = Selection::default();
                fx.push(Effect::Load);
            }
            Action::Open => {
                if let Some(r) = selected {
                    let view = super::CustomerView::new(r.code.clone());
                    fx.push(Effect::Open(Box::new(view)));
                }
            }
            Action::ConfirmGrade => {
                // Refused at once for someone who may not confirm, not after the form.
                let may = app
                    .store
                    .require(app.store.actor(), Permission::ConfirmGrade);
                match (selected, may) {
                    (_, Err(e)) => fx.push(Effect::Fail(e.message(app.cat))),
                    (Some(r), Ok(())) => fx.push(Effect::Form(FormRequest::Record(confirm_form(
                        app,
                        r,
                        self.method,
                    )))),
                    (None, Ok(())) => {}
                }
            }
            _ => return Handled::NotConsumed,
        }
        Handled::Consumed
    }

    fn draw(&self, frame: &mut Frame, area: Rect, app: &App, _focused: bool) {
        match &self.rows {
            Some(rows) => crate::ui::grades::draw(frame, app, area, rows, self.method, &self.sel),
            None => super::loading(frame, app, area, app.t("grades.loading").to_string(), true),
        }
    }

    fn needs(&self, app: &App) -> Vec<Job> {
        let (method, rules) = (self.method, app.policy.grading.clone());
        let today = app.now.with_timezone(&app.tz).date_naive();
        vec![Job::new("grades", move |s| {
            let rows: Vec<GradeRow> = s
                .grade_proposals(method, &rules, today)?
                .into_iter()
                .filter(GradeRow::differs)
                .collect();
            Ok((method, rows))
        })]
    }

    fn receive(&mut self, _slot: &str, data: Payload) {
        if let Ok(loaded) = data.downcast::<(Method, Vec<GradeRow>)>() {
            let (method, rows) = *loaded;
            // A load for the other method, started before a switch, is not this list.
            if method == self.method {
                self.sel.clamp(rows.len());
                self.rows = Some(rows);
            }
        }
    }

    fn depends(&self) -> &'static [RecordKind] {
        &[RecordKind::Customer]
    }

    fn click(&mut self, row: usize, _fx: &mut Vec<Effect>) {
        let i = self.sel.offset.get() + row;
        if i < self.rows.as_ref().map_or(0, Vec::len) {
            self.sel.selected = i;
        }
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}
