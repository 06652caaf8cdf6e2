//! The panes and views of the workbench, each one `Component` in its own file.
//!
//! To add a view: write `views/<name>.rs` implementing `Component`, and add one line to
//! `registry` (a pane, or a launcher under the global action that opens it).

mod board;
mod campaign;
mod capas;
mod complaint;
mod complaint_actions;
pub(crate) mod complaint_forms;
mod customer;
mod customers;
mod grades;
mod knowhow;
mod kpi;
mod meeting;
mod nps;
mod stats;
mod suggestions;
pub mod survey_entry;
mod todo;

use crate::app::component::Registry;
use crate::app::Action;
use crate::input::action::{Movement, ViewKey};
use crate::kind::RecordKind;
pub(crate) use crate::ui::widgets::loading;
pub use board::Board;
pub use campaign::CampaignView;
pub use capas::Capas;
pub use complaint::ComplaintView;
pub use customer::{CustomerRecord, CustomerView, FileTab};
pub use customers::Customers;
pub use grades::GradesView;
pub use knowhow::KnowhowView;
pub use kpi::Kpis;
pub use meeting::MeetingView;
pub use nps::Nps;
pub use stats::Stats;
pub use suggestions::Suggestions;
pub use survey_entry::SurveyEntry;
pub use todo::TodoView;

/// Every pane (in Tab order) and every view a global key opens.
pub fn registry() -> Registry {
    Registry {
        panes: vec![
            Box::new(Board::default()),
            Box::new(Customers::default()),
            Box::new(Nps::default()),
            Box::new(Kpis::default()),
        ],
        launchers: vec![
            (ViewKey::Stats, || Box::new(Stats::default())),
            (ViewKey::Capas, || Box::new(Capas::default())),
            (ViewKey::Suggestions, || Box::new(Suggestions::default())),
            (ViewKey::Knowhow, || Box::new(KnowhowView::default())),
            (ViewKey::Meeting, || Box::new(MeetingView::default())),
            (ViewKey::Todo, || Box::new(TodoView::default())),
            (ViewKey::Grades, || Box::new(GradesView::default())),
            (ViewKey::Campaign, || Box::new(CampaignView::default())),
            (ViewKey::Survey, || Box::new(SurveyEntry::default())),
        ],
        record_view,
    }
}

/// The view of one record, for the kinds that have one.
fn record_view(kind: RecordKind, key: &str) -> Option<Box<dyn crate::app::component::Component>> {
    match kind {
        RecordKind::Complaint => Some(Box::new(ComplaintView::new(key.to_string()))),
        RecordKind::Customer => Some(Box::new(CustomerView::new(key.to_string()))),
        RecordKind::Contact
        | RecordKind::Capa
        | RecordKind::Return
        | RecordKind::NpsAnswer
        | RecordKind::Staff
        | RecordKind::Inquiry
        | RecordKind::Shipments
        | RecordKind::Suggestion
        | RecordKind::CustomField
        | RecordKind::Product
        | RecordKind::Lead
        | RecordKind::CareLog
        | RecordKind::Campaign
        | RecordKind::ImprovementCase
        | RecordKind::SurveyAnswer
        | RecordKind::Knowhow => None,
    }
}

/// What every detail view does with a key: scroll, or close on Back; false for the rest.
pub fn scroll_or_close(
    sel: &mut crate::app::selection::Selection,
    action: &Action,
    fx: &mut Vec<crate::app::component::Effect>,
) -> bool {
    let limit = sel.limit.get().max(1);
    if navigate(sel, action, limit) {
        return true;
    }
    if *action == Action::Back {
        fx.push(crate::app::component::Effect::Close);
        return true;
    }
    false
}

/// Moves a selection by a list movement action; false for other actions.
pub fn navigate(sel: &mut crate::app::selection::Selection, action: &Action, len: usize) -> bool {
    let Some(m) = action.movement() else {
        return false;
    };
    let page = sel.page();
    match m {
        Movement::Up => sel.up(1),
        Movement::Down => sel.down(1, len),
        Movement::PageUp => sel.up(page),
        Movement::PageDown => sel.down(page, len),
        Movement::Top => sel.selected = 0,
        Movement::Bottom => sel.down(len, len),
    }
    true
}
