//! What the complaint keys do wherever a complaint is selected: on the board, in its
//! detail view and on the meeting's agenda.

use crate::app::component::{Effect, FormRequest, Work};
use crate::app::record_form::RecordForm;
use crate::app::{Action, App};
use crate::domain::complaint::{Step, NEW_OWNER, NOTE};
use crate::input::action::StepKey;
use crate::kind::RecordKind;

/// The effect of a complaint key on the complaint `number` (owned by `owner`); None for
/// any other action.
pub fn complaint_effect(
    action: &Action,
    number: &str,
    owner: Option<&str>,
    app: &App,
) -> Option<Effect> {
    let n = number.to_string();
    let key = match action {
        Action::Step(key) => *key,
        Action::Assign => {
            return Some(Effect::Form(FormRequest::Record(assign_form(
                app, n, owner,
            ))))
        }
        Action::Note => return Some(Effect::Form(FormRequest::Record(note_form(app, n)))),
        // Listed, so a new action is looked at here too.
        Action::Quit
        | Action::Help
        | Action::FocusNext
        | Action::FocusPrev
        | Action::Move(_)
        | Action::Open
        | Action::Back
        | Action::Zoom
        | Action::Filter
        | Action::New
        | Action::Edit
        | Action::Save
        | Action::NextField
        | Action::PrevField
        | Action::Show(_)
        | Action::Toggle(_)
        | Action::Sort(_)
        | Action::NextBreached
        | Action::Palette
        | Action::Jump
        | Action::Confirm
        | Action::Refresh
        | Action::Key(_)
        | Action::Paste(_)
        | Action::Tick
        | Action::DataChanged
        | Action::Resize(..) => return None,
    };
    Some(match key {
        StepKey::Acknowledge => Effect::Work(Work::Move(n, Step::Acknowledged)),
        StepKey::Investigate => Effect::Work(Work::Move(n, Step::Investigating)),
        StepKey::Plan => Effect::Work(Work::Move(n, Step::PlanProposed)),
        StepKey::FollowUp => Effect::Work(Work::Move(n, Step::FollowedUp)),
        StepKey::Dispose => Effect::Work(Work::Dispose(n)),
        StepKey::Resume => Effect::Work(Work::Resume(n)),
        StepKey::Escalate => Effect::Work(Work::Escalate(n)),
        StepKey::Close => Effect::Form(FormRequest::Move(n, Step::Closed)),
        StepKey::Reject => Effect::Form(FormRequest::Move(n, Step::Rejected)),
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
            let to = value(values, NEW_OWNER.name);
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
        let note = value(values, NOTE.name);
        s.write(|tx| tx.note_complaint(&number, &note))?;
        Ok(number.clone())
    })
}

fn value(values: &crate::app::record_form::Values, name: &str) -> String {
    values
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, v)| v.clone())
        .unwrap_or_default()
}
