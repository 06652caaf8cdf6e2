//! This quarter's NPS campaign: every contact and where they stand; `n` types in a paper
//! answer for the selected contact and, after each save, the next one still to answer;
//! Tab narrows to one state; Enter opens the customer's file.

use crate::kind::RecordKind;
use std::any::Any;

use ratatui::layout::Rect;
use ratatui::Frame;

use crate::app::component::{Component, Effect, FormRequest, Handled, Job, Payload};
use crate::app::record_form::RecordForm;
use crate::app::selection::Selection;
use crate::app::{Action, App, Mode};
use crate::domain::campaign::{ContactStatus, NpsRules, PaperAnswer};
use crate::domain::fields::Record;
use crate::domain::period::Period;
use crate::store::campaigns::CampaignContact;
use crate::store::nps_record::NpsEntry;

/// The campaign view's state.
#[derive(Default)]
pub struct CampaignView {
    /// The quarter's contacts (None until loaded; Some(None) when not opened).
    pub contacts: Option<Option<Vec<CampaignContact>>>,
    /// Only contacts in this state, when narrowed.
    pub only: Option<ContactStatus>,
    /// Selection over the contacts shown.
    pub sel: Selection,
    /// The contact to select once loaded (`C00001 王经理`).
    want: Option<String>,
}

impl CampaignView {
    /// The contacts shown: all, or those in the chosen state.
    pub fn shown(&self) -> Vec<&CampaignContact> {
        match &self.contacts {
            Some(Some(all)) => all
                .iter()
                .filter(|c| self.only.is_none_or(|s| c.status == s))
                .collect(),
            _ => Vec::new(),
        }
    }
}

/// The quarter the workbench's campaign is: the one `now` falls in.
pub fn quarter(app: &App) -> String {
    Period::quarter_of(app.now, app.tz).to_string()
}

/// What a paper-answer form needs, without the app: the next form is built on the
/// worker after a save.
#[derive(Clone)]
pub struct PaperCtx {
    /// The campaign's quarter.
    pub quarter: String,
    /// The improvement case's clocks a low score starts.
    pub rules: NpsRules,
    /// Now, the answer's default time.
    pub now: chrono::DateTime<chrono::Utc>,
    /// The user's zone.
    pub tz: chrono_tz::Tz,
    /// The user's language.
    pub cat: &'static crate::i18n::Catalog,
}

impl PaperCtx {
    /// The context of the app's campaign.
    pub fn of(app: &App) -> PaperCtx {
        PaperCtx {
            quarter: quarter(app),
            rules: app.policy.nps.clone(),
            now: app.now,
            tz: app.tz,
            cat: app.cat,
        }
    }
}

/// The paper-answer form for `c`; after each save, the next contact still to answer.
pub fn paper_form(ctx: PaperCtx, c: &CampaignContact) -> RecordForm {
    let title = ctx.cat.fmt(
        "campaign.form",
        &[
            ("quarter", &ctx.quarter),
            ("customer", &c.customer),
            ("name", &c.name),
            ("contact", &c.contact),
        ],
    );
    let (customer, contact) = (c.customer.clone(), c.contact.clone());
    let rules = ctx.rules.clone();
    let form = RecordForm::new(title, PaperAnswer::FIELDS, RecordKind::NpsAnswer, {
        let (customer, contact) = (customer.clone(), contact.clone());
        move |s, values| {
            let mut a = PaperAnswer::default();
            for (name, v) in values {
                a.set_typed(name, Some(v), s.tz())?;
            }
            let at = match a.at.as_deref() {
                Some(t) => crate::domain::time::parse_time(
                    crate::field_id::FieldId::named("answered_at"),
                    t,
                    s.tz(),
                )?,
                None => s.now(),
            };
            let entry = NpsEntry {
                customer: &customer,
                contact: &contact,
                score: a.score.unwrap_or(-1),
                comment: a.comment.as_deref(),
                at,
                replace: false,
            };
            s.write(|tx| tx.record_nps(&entry, &rules))?;
            Ok(format!("{customer} {contact}"))
        }
    })
    .with_defaults(ctx.now, ctx.tz);
    form.then(move |s| {
        let next = s.next_pending(&ctx.quarter, Some((&customer, &contact)))?;
        Ok(next.map(|n| paper_form(ctx.clone(), &n)))
    })
}

impl Component for CampaignView {
    fn name(&self) -> &'static str {
        "campaign"
    }

    fn mode(&self) -> Mode {
        Mode::Campaign
    }

    fn handle(&mut self, action: &Action, app: &App, fx: &mut Vec<Effect>) -> Handled {
        let len = self.shown().len();
        if super::navigate(&mut self.sel, action, len) {
            return Handled::Consumed;
        }
        let selected = self.shown().get(self.sel.selected).map(|c| (*c).clone());
        match action {
            Action::Back => fx.push(Effect::Close),
            Action::Tab(forward) => {
                // All, then each state in turn.
                let all = ContactStatus::ALL;
                let at = self.only.and_then(|s| all.iter().position(|x| *x == s));
                self.only = match (at, *forward > 0) {
                    (None, true) => all.first().copied(),
                    (None, false) => all.last().copied(),
                    (Some(i), true) => all.get(i + 1).copied(),
                    (Some(0), false) => None,
                    (Some(i), false) => all.get(i - 1).copied(),
                };
                self.sel = Selection::default();
            }
            Action::Open => {
                if let Some(c) = selected {
                    fx.push(Effect::Open(Box::new(super::CustomerView::new(c.customer))));
                }
            }
            Action::New => match selected {
                Some(c) if matches!(c.status, ContactStatus::Answered) => fx.push(Effect::Fail(
                    app.cat.fmt("campaign.answered", &[("who", &c.who())]),
                )),
                Some(c) => fx.push(Effect::Form(FormRequest::Record(paper_form(
                    PaperCtx::of(app),
                    &c,
                )))),
                None => {}
            },
            _ => return Handled::NotConsumed,
        }
        Handled::Consumed
    }

    fn draw(&self, frame: &mut Frame, area: Rect, app: &App, _focused: bool) {
        match &self.contacts {
            Some(list) => crate::ui::campaign::draw(
                frame,
                app,
                area,
                &quarter(app),
                list.as_deref(),
                &self.shown(),
                self.only,
                &self.sel,
            ),
            None => super::loading(
                frame,
                app,
                area,
                app.t("campaign.loading").to_string(),
                true,
            ),
        }
    }

    fn needs(&self, app: &App) -> Vec<Job> {
        let q = quarter(app);
        vec![Job::new("campaign", move |s| s.campaign_contacts(&q))]
    }

    fn receive(&mut self, _slot: &str, data: Payload) {
        if let Ok(list) = data.downcast::<Option<Vec<CampaignContact>>>() {
            self.contacts = Some(*list);
            if let Some(want) = self.want.take() {
                if let Some(i) = self.shown().iter().position(|c| c.who() == want) {
                    self.sel.selected = i;
                }
            }
            let n = self.shown().len();
            self.sel.clamp(n);
        }
    }

    fn depends(&self) -> &'static [RecordKind] {
        &[
            RecordKind::NpsAnswer,
            RecordKind::Campaign,
            RecordKind::Contact,
        ]
    }

    fn select_key(&mut self, key: &str) {
        self.want = Some(key.to_string());
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}
