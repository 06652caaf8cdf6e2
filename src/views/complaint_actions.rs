//! What the complaint keys do wherever a complaint is selected: on the board, in its
//! detail view and on the meeting's agenda.

use crate::app::component::{Effect, FormRequest, Work};
use crate::app::record_form::RecordForm;
use crate::app::{Action, App};
use crate::domain::complaint::{Severity, Step, NEW_OWNER, NOTE};
use crate::domain::workflow::check_before_form;
use crate::input::action::{FileKey, StepKey};
use crate::kind::RecordKind;

use super::complaint_forms as forms;

/// The selected complaint, as much as the keys need of it.
#[derive(Debug, Clone, Copy)]
pub struct Target<'a> {
    /// Its number.
    pub number: &'a str,
    /// Its owner.
    pub owner: Option<&'a str>,
    /// Where it is.
    pub step: Step,
    /// How serious.
    pub severity: Severity,
}

/// The effect of a complaint key on `t`; None for any other action.
pub fn complaint_effect(action: &Action, t: Target, app: &App) -> Option<Effect> {
    let n = t.number.to_string();
    let record = |rf| Some(Effect::Form(FormRequest::Record(rf)));
    let key = match action {
        Action::Step(key) => *key,
        Action::Assign => return record(assign_form(app, n, t.owner)),
        Action::Note => return record(note_form(app, n)),
        Action::Edit => return Some(Effect::Form(FormRequest::Load(forms::details(app, &n)))),
        Action::File(f) => {
            return match f {
                FileKey::Report => Some(Effect::Work(Work::Report(n))),
                FileKey::Reopen => Some(
                    match check_before_form(&n, t.step, t.severity, Step::Received) {
                        Ok(()) => Effect::Form(FormRequest::Record(forms::reopen(app, &n))),
                        Err(e) => Effect::Fail(e.message(app.cat)),
                    },
                ),
                FileKey::AddCapa => record(forms::add_capa(app, &n)),
                FileKey::AddReturn => record(forms::add_return(app, &n)),
                // These pick one of the complaint's CAPAs or returns: its detail view does.
                FileKey::VerifyCapa | FileKey::ApproveReturn | FileKey::ShipReturn => None,
            };
        }
        // Listed, so a new action is looked at here too.
        Action::Quit
        | Action::Help
        | Action::FocusNext
        | Action::FocusPrev
        | Action::Tab(_)
        | Action::ConfirmData
        | Action::ConfirmGrade
        | Action::DataCheck
        | Action::Move(_)
        | Action::Open
        | Action::Back
        | Action::Zoom
        | Action::Filter
        | Action::New
        | Action::Save
        | Action::NextField
        | Action::PrevField
        | Action::Show(_)
        | Action::Toggle(_)
        | Action::Sort(_)
        | Action::NextBreached
        | Action::Palette
        | Action::Jump
        | Action::Undo
        | Action::Message
        | Action::Confirm
        | Action::Refresh
        | Action::Key(_)
        | Action::Mouse(_)
        | Action::Paste(_)
        | Action::Tick
        | Action::DataChanged
        | Action::Resize(..) => return None,
    };
    // A form opens only for a move its answers can make legal; else say why at once.
    let ask = |to: Step, req: FormRequest| match check_before_form(&n, t.step, t.severity, to) {
        Ok(()) => Effect::Form(req),
        Err(e) => Effect::Fail(e.message(app.cat)),
    };
    Some(match key {
        StepKey::Acknowledge => Effect::Work(Work::Move(n, Step::Acknowledged)),
        StepKey::Investigate => Effect::Work(Work::Move(n, Step::Investigating)),
        StepKey::Plan => Effect::Work(Work::Move(n, Step::PlanProposed)),
        StepKey::FollowUp => Effect::Work(Work::Move(n, Step::FollowedUp)),
        StepKey::Dispose => Effect::Work(Work::Dispose(n)),
        StepKey::Resume => Effect::Work(Work::Resume(n)),
        StepKey::Escalate => Effect::Work(Work::Escalate(n)),
        StepKey::Close => ask(Step::Closed, FormRequest::Move(n.clone(), Step::Closed)),
        StepKey::Reject => ask(Step::Rejected, FormRequest::Move(n.clone(), Step::Rejected)),
        StepKey::Wait if t.step.is_terminal() => Effect::Fail(
            crate::error::Error::IllegalMove {
                number: n,
                from: t.step.label_key(),
                to: "done.wait",
                needs: None,
            }
            .message(app.cat),
        ),
        StepKey::Wait => Effect::Form(FormRequest::Wait(n)),
    })
}

/// The form giving a complaint to another owner (a staff picker, starting at the owner).
fn assign_form(app: &App, number: String, owner: Option<&str>) -> RecordForm {
    let title = app.cat.fmt("ui.assign_form", &[("number", &number)]);
    RecordForm::new(
        title,
        &[NEW_OWNER],
        RecordKind::Complaint,
        move |s, values| {
            let to = crate::app::record_form::value_of(values, NEW_OWNER.name).unwrap_or_default();
            s.write(|tx| tx.assign(&number, &to))?;
            Ok(number.clone())
        },
    )
    .with_value(NEW_OWNER.name, owner.map(str::to_string))
}

/// The form adding a note to a complaint's history.
fn note_form(app: &App, number: String) -> RecordForm {
    let title = app.cat.fmt("ui.note_form", &[("number", &number)]);
    RecordForm::new(title, &[NOTE], RecordKind::Complaint, move |s, values| {
        let note = crate::app::record_form::value_of(values, NOTE.name).unwrap_or_default();
        s.write(|tx| tx.note_complaint(&number, &note))?;
        Ok(number.clone())
    })
}
