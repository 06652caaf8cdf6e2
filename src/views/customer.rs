//! One customer's file: fields, contacts, grade history and changes.

use crate::kind::RecordKind;
use std::any::Any;

use ratatui::layout::Rect;
use ratatui::Frame;

use crate::app::component::{Component, Effect, FormRequest, Handled, Job, Payload};
use crate::app::record_form::RecordForm;
use crate::app::selection::Selection;
use crate::app::{Action, App, Mode};
use crate::domain::care::CareLog;
use crate::domain::fields::Record;
use crate::readmodel::care;
use crate::store::care::CareScope;
use crate::store::complaints::ComplaintRow;
use crate::store::customers::CustomerFile;
use crate::store::history::Change;
use crate::store::surveys::NpsAnswer;

/// Everything the customer file view shows.
pub struct CustomerRecord {
    /// The file.
    pub file: CustomerFile,
    /// Its change history.
    pub history: Vec<Change>,
    /// The customer's complaints, newest first.
    pub complaints: Vec<ComplaintRow>,
    /// The customer's NPS answers, newest first.
    pub nps: Vec<NpsAnswer>,
    /// The visits and calls logged, the latest first.
    pub care: Vec<crate::store::care::CareRecord>,
    /// What the service cadence asks for it now, the earliest first.
    pub owed: Vec<crate::readmodel::care::CareItem>,
    /// Its improvement cases, newest first, with where each stands.
    pub cases: Vec<crate::readmodel::improvement::CaseClock>,
}

/// The tabs of the customer file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileTab {
    /// Fields, custom fields, completeness, products, grade history.
    Overview,
    /// Contacts with every way to reach them.
    Contacts,
    /// The customer's complaints.
    Complaints,
    /// The customer's NPS answers.
    Nps,
    /// The visits and calls logged, and what the cadence asks next.
    Care,
    /// The file's change history.
    History,
}

impl FileTab {
    /// Every tab, in bar order.
    pub const ALL: [FileTab; 6] = [
        FileTab::Overview,
        FileTab::Contacts,
        FileTab::Complaints,
        FileTab::Nps,
        FileTab::Care,
        FileTab::History,
    ];

    /// The catalog key of its title.
    pub fn label_key(self) -> &'static str {
        match self {
            FileTab::Overview => "tab.overview",
            FileTab::Contacts => "tab.contacts",
            FileTab::Complaints => "tab.complaints",
            FileTab::Nps => "tab.nps",
            FileTab::Care => "tab.care",
            FileTab::History => "tab.history",
        }
    }

    /// The tab `step` places along, wrapping round.
    fn moved(self, step: isize) -> FileTab {
        let n = FileTab::ALL.len() as isize;
        let at = FileTab::ALL.iter().position(|t| *t == self).unwrap_or(0) as isize;
        FileTab::ALL[(at + step).rem_euclid(n) as usize]
    }
}

/// The customer file view's state.
pub struct CustomerView {
    /// The customer's code.
    pub code: String,
    /// What it shows (None until loaded).
    pub file: Option<CustomerRecord>,
    /// The tab shown.
    pub tab: FileTab,
    /// Scroll.
    pub sel: Selection,
}

impl CustomerView {
    /// The file of `code`, to be loaded.
    pub fn new(code: String) -> CustomerView {
        CustomerView {
            code,
            file: None,
            tab: FileTab::Overview,
            sel: Selection::default(),
        }
    }
}

impl Component for CustomerView {
    fn name(&self) -> &'static str {
        "customer"
    }

    fn mode(&self) -> Mode {
        Mode::CustomerFile
    }

    fn handle(&mut self, action: &Action, app: &App, fx: &mut Vec<Effect>) -> Handled {
        if super::scroll_or_close(&mut self.sel, action, fx) {
            return Handled::Consumed;
        }
        if let Action::Tab(step) = action {
            self.tab = self.tab.moved(*step);
            self.sel = Selection::default();
        } else if *action == Action::ConfirmData {
            fx.push(Effect::Work(crate::app::component::Work::ConfirmData(
                self.code.clone(),
            )));
        } else if *action == Action::Edit {
            fx.push(Effect::Form(FormRequest::EditCustomer(self.code.clone())));
        } else if *action == Action::New {
            fx.push(Effect::Form(FormRequest::Record(care_form(
                app, &self.code,
            ))));
        } else if *action == Action::Open {
            // The customer's latest complaint opens; the palette or `g` opens any other.
            if let Some(c) = self.file.as_ref().and_then(|r| r.complaints.first()) {
                fx.push(Effect::Open(Box::new(super::ComplaintView::new(
                    c.number.clone(),
                ))));
            }
        } else {
            return Handled::NotConsumed;
        }
        Handled::Consumed
    }

    fn draw(&self, frame: &mut Frame, area: Rect, app: &App, _focused: bool) {
        match &self.file {
            Some(rec) => crate::ui::customer_file::draw(frame, app, area, rec, self.tab, &self.sel),
            None => super::loading(frame, app, area, self.code.clone(), true),
        }
    }

    fn needs(&self, app: &App) -> Vec<Job> {
        let code = self.code.clone();
        let (plan, calendar) = (app.policy.care.clone(), app.policy.calendar.clone());
        let today = app.now.with_timezone(&app.tz).date_naive();
        let (nps, now, tz) = (app.policy.nps.clone(), app.now, app.tz);
        vec![Job::new(format!("customer:{code}"), move |s| {
            let scope = CareScope {
                kam: None,
                customer: Some(&code),
            };
            let owed = match s.care_standing(&scope)?.first() {
                Some(standing) => care::of_customer(standing, &plan, &calendar, today),
                None => Vec::new(),
            };
            Ok(CustomerRecord {
                file: s.customer(&code)?,
                history: s.customer_history(&code)?,
                complaints: s.complaints_of(&code)?,
                nps: s.nps_answers_of(&code)?,
                care: s.care_logs(&code)?,
                owed,
                cases: s
                    .improvement_cases(false, Some(&code))?
                    .into_iter()
                    .map(|c| crate::readmodel::improvement::clock_of(c, &nps, now, tz))
                    .collect(),
            })
        })]
    }

    fn receive(&mut self, _slot: &str, data: Payload) {
        if let Ok(f) = data.downcast::<CustomerRecord>() {
            self.file = Some(*f);
        }
    }

    fn depends(&self) -> &'static [RecordKind] {
        &[
            RecordKind::Customer,
            RecordKind::Complaint,
            RecordKind::NpsAnswer,
            RecordKind::CareLog,
            RecordKind::ImprovementCase,
        ]
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// The form logging a visit or call for `code` (now, a call, unless changed).
pub(crate) fn care_form(app: &App, code: &str) -> RecordForm {
    let c = code.to_string();
    RecordForm::new(
        app.cat.fmt("care.form", &[("code", code)]),
        CareLog::FIELDS,
        RecordKind::CareLog,
        move |s, values| {
            let mut log = CareLog::default();
            for (name, v) in values {
                log.set_typed(name, Some(v), s.tz())?;
            }
            log.fill_defaults(s.now())?;
            s.write(|tx| tx.log_care(&c, &log))?;
            Ok(c.clone())
        },
    )
    .with_defaults(app.now, app.tz)
}
