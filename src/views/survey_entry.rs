//! Typing in satisfaction survey answers (MJ-QP-12) from a stack of paper forms: pick the
//! round and a customer of its plan who has not answered yet, answer each item by key (a-e
//! or 1-5) while the running score and rating show, Enter saves and the next customer
//! comes up, Esc closes.

use crate::kind::RecordKind;
use std::any::Any;

use ratatui::layout::Rect;
use ratatui::Frame;

use crate::app::action::crossterm_key::{KeyCode, KeyPress};
use crate::app::component::{Component, Effect, Handled, Job, Payload, ViewWrite};
use crate::app::{Action, App, Mode};
use crate::domain::questionnaire::{Answer, Scored};
use crate::domain::survey_answer::capa_for;
use crate::store::survey_answers::NewSurveyAnswer;
use crate::store::survey_plans::PlanRow;

/// What the form reads of a round: its plan, who answered, and the rounds drawn.
#[derive(Debug, Clone, PartialEq)]
pub struct RoundData {
    /// The round.
    pub round: String,
    /// Every round whose plan is drawn, oldest first.
    pub rounds: Vec<String>,
    /// The round's plan.
    pub plan: Vec<PlanRow>,
    /// The customers who answered it.
    pub answered: Vec<String>,
}

/// The rows of the form: the round, the customer, then one per item.
const FIRST_ITEM: usize = 2;

/// The answer form's state.
#[derive(Debug)]
pub struct SurveyEntry {
    /// The round picked (None: the round today falls in).
    pub round: Option<String>,
    /// The round's data (None until loaded).
    pub data: Option<RoundData>,
    /// The customer picked (a code of the plan not yet answered).
    pub customer: Option<String>,
    /// The focused row: 0 the round, 1 the customer, then the items.
    pub focus: usize,
    /// The answers typed, one per item.
    pub answers: Vec<Option<Answer>>,
    /// What keeps the answer from being saved (localised).
    pub problem: Option<String>,
    /// The customer just saved: the next load moves past them.
    after: Option<String>,
}

impl Default for SurveyEntry {
    /// Today's round, its first customer, the focus on the first item.
    fn default() -> Self {
        SurveyEntry {
            round: None,
            data: None,
            customer: None,
            focus: FIRST_ITEM,
            answers: Vec::new(),
            problem: None,
            after: None,
        }
    }
}

impl SurveyEntry {
    /// The round shown: the one picked, else the round today falls in.
    pub fn round(&self, app: &App) -> String {
        self.round.clone().unwrap_or_else(|| {
            let today = app.now.with_timezone(&app.tz).date_naive();
            app.policy.sampling.round_of(today)
        })
    }

    /// The customers of the plan who have not answered yet, by code.
    pub fn pending(&self) -> Vec<&PlanRow> {
        self.data.as_ref().map_or_else(Vec::new, |d| {
            d.plan
                .iter()
                .filter(|p| !d.answered.contains(&p.customer))
                .collect()
        })
    }

    /// The customer picked, as the plan has them.
    pub fn picked(&self) -> Option<&PlanRow> {
        let code = self.customer.as_deref()?;
        self.pending().into_iter().find(|p| p.customer == code)
    }

    /// The score and rating of the answers typed so far.
    pub fn scored(&self, app: &App) -> Scored {
        app.policy.survey.score_so_far(&self.answers)
    }

    /// The item the focus is on, if it is on one.
    pub fn focused_item(&self) -> Option<usize> {
        self.focus.checked_sub(FIRST_ITEM)
    }

    fn rows(&self, app: &App) -> usize {
        FIRST_ITEM + app.policy.survey.items.len()
    }

    /// Sets the focused item's answer (the first unanswered one when the focus is above
    /// the items) and moves to the next item.
    fn answer(&mut self, app: &App, a: Answer) {
        let n = app.policy.survey.items.len();
        self.answers.resize(n, None);
        let at = self
            .focused_item()
            .or_else(|| self.answers.iter().position(Option::is_none))
            .unwrap_or(0);
        if let Some(slot) = self.answers.get_mut(at) {
            *slot = Some(a);
            self.focus = (FIRST_ITEM + at + 1).min(FIRST_ITEM + n.saturating_sub(1));
            self.problem = None;
        }
    }

    /// Backspace: clears the focused item's answer, or the one before when it has none.
    fn clear(&mut self) {
        let Some(at) = self.focused_item() else {
            return;
        };
        if self.answers.get(at).copied().flatten().is_none() && at > 0 {
            self.focus -= 1;
        }
        if let Some(slot) = self.focused_item().and_then(|i| self.answers.get_mut(i)) {
            *slot = None;
        }
    }

    /// Left/right: another round, another customer, or the next answer, as the row is.
    fn step(&mut self, app: &App, d: isize, fx: &mut Vec<Effect>) {
        match self.focus {
            0 => {
                // The rounds drawn, and the one shown (today's, perhaps not drawn yet).
                let now = self.round(app);
                let mut rounds = self
                    .data
                    .as_ref()
                    .map_or_else(Vec::new, |d| d.rounds.clone());
                rounds.push(now.clone());
                rounds.sort();
                rounds.dedup();
                let at = rounds.iter().position(|r| *r == now).unwrap_or(0);
                let next = at
                    .saturating_add_signed(d)
                    .min(rounds.len().saturating_sub(1));
                if let Some(r) = rounds.get(next).filter(|r| **r != now) {
                    self.round = Some(r.clone());
                    self.data = None;
                    self.customer = None;
                    self.answers.clear();
                    fx.push(Effect::Load);
                }
            }
            1 => {
                let pending: Vec<String> =
                    self.pending().iter().map(|p| p.customer.clone()).collect();
                if pending.is_empty() {
                    return;
                }
                let at = self
                    .customer
                    .as_ref()
                    .and_then(|c| pending.iter().position(|p| p == c))
                    .unwrap_or(0);
                let n = pending.len() as isize;
                let next = (at as isize + d).rem_euclid(n) as usize;
                self.customer = pending.get(next).cloned();
            }
            _ => {
                let n = app.policy.survey.items.len();
                self.answers.resize(n, None);
                if let Some(slot) = self.focused_item().and_then(|i| self.answers.get_mut(i)) {
                    let all = Answer::ALL;
                    let at = slot.map_or(-1, |a| a.index() as isize);
                    let next = (at + d).rem_euclid(all.len() as isize) as usize;
                    *slot = all.get(next).copied();
                }
            }
        }
    }

    /// Enter: the answer is checked here and saved by the app's writer.
    fn save(&mut self, app: &App, fx: &mut Vec<Effect>) {
        let q = &app.policy.survey;
        let Some(code) = self.picked().map(|p| p.customer.clone()) else {
            self.problem = Some(app.t("survey_form.no_customer").to_string());
            return;
        };
        let missing: Vec<&str> = q
            .items
            .iter()
            .enumerate()
            .filter(|(i, _)| self.answers.get(*i).copied().flatten().is_none())
            .map(|(_, item)| item.label(app.lang))
            .collect();
        if !missing.is_empty() {
            self.problem = Some(app.cat.fmt(
                "survey_form.missing",
                &[("items", &missing.join(app.t("ui.list_sep")))],
            ));
            self.focus = FIRST_ITEM + self.answers.iter().position(Option::is_none).unwrap_or(0);
            return;
        }
        let answers: Vec<Answer> = self.answers.iter().flatten().copied().collect();
        let round = self.round(app);
        let filled = q.fill(&answers);
        let answered_on = app.now.with_timezone(&app.tz).date_naive();
        let capa = capa_for(q, app.cat, app.lang, &round, &filled, answered_on);
        let new = NewSurveyAnswer {
            round,
            customer: code,
            answered_on,
            filled,
            replace: false,
            capa,
        };
        let cat = app.cat;
        self.problem = None;
        fx.push(Effect::Write(ViewWrite {
            touched: RecordKind::SurveyAnswer,
            run: Box::new(move |s| {
                let r = s.write(|tx| tx.record_survey_answer(&new))?;
                let a = r.answer;
                let mut text = cat.fmt(
                    "survey.recorded",
                    &[
                        ("round", &a.round),
                        ("code", &a.customer),
                        ("name", &a.name),
                        ("score", &format!("{}", a.filled.score)),
                        ("rating", &a.filled.rating),
                    ],
                );
                if let Some(c) = r.capa_opened {
                    text.push(' ');
                    text.push_str(&cat.fmt(
                        "survey.capa_opened",
                        &[
                            ("id", &c.id.to_string()),
                            ("owner", &c.owner),
                            ("due", &c.due_date.to_string()),
                        ],
                    ));
                }
                Ok((text, a.customer))
            }),
        }));
    }

    /// Takes a round's data: keeps the customer picked while they are still to answer,
    /// else (and after a save) the next one in code order.
    fn take(&mut self, data: RoundData) {
        self.data = Some(data);
        let pending: Vec<String> = self.pending().iter().map(|p| p.customer.clone()).collect();
        let keep = self.customer.as_ref().is_some_and(|c| pending.contains(c));
        if let Some(saved) = self.after.take() {
            self.customer = pending
                .iter()
                .find(|p| **p > saved)
                .or(pending.first())
                .cloned();
            self.answers.clear();
            self.focus = FIRST_ITEM;
        } else if !keep {
            self.customer = pending.first().cloned();
        }
    }
}

impl Component for SurveyEntry {
    fn name(&self) -> &'static str {
        "survey"
    }

    fn mode(&self) -> Mode {
        Mode::Survey
    }

    fn handle(&mut self, action: &Action, app: &App, fx: &mut Vec<Effect>) -> Handled {
        match action {
            Action::Key(KeyPress { code, .. }) => match code {
                KeyCode::Char(c) => {
                    // a (very satisfied) to e (opposed), or 1 to 5 in the same order.
                    let at = match c.to_ascii_lowercase() {
                        l @ 'a'..='e' => Some(l as usize - 'a' as usize),
                        d @ '1'..='5' => Some(d as usize - '1' as usize),
                        _ => None,
                    };
                    if let Some(a) = at.and_then(|i| Answer::ALL.get(i)) {
                        self.answer(app, *a);
                    }
                }
                KeyCode::Backspace | KeyCode::Delete => self.clear(),
                _ => {}
            },
            Action::Move(m) => {
                use crate::input::action::Movement;
                let last = self.rows(app) - 1;
                self.focus = match m {
                    Movement::Up => self.focus.saturating_sub(1),
                    Movement::Down => (self.focus + 1).min(last),
                    Movement::PageUp | Movement::Top => 0,
                    Movement::PageDown | Movement::Bottom => last,
                };
            }
            Action::Tab(d) => self.step(app, *d, fx),
            Action::Save => self.save(app, fx),
            Action::Back => fx.push(Effect::Close),
            _ => return Handled::NotConsumed,
        }
        Handled::Consumed
    }

    fn draw(&self, frame: &mut Frame, area: Rect, app: &App, _focused: bool) {
        crate::ui::survey_entry::draw(frame, app, area, self);
    }

    fn needs(&self, app: &App) -> Vec<Job> {
        let round = self.round(app);
        vec![Job::new("survey", move |s| {
            Ok(RoundData {
                rounds: s.survey_rounds()?,
                plan: s.stored_survey_plan(&round)?,
                answered: s
                    .survey_answers(&round)?
                    .into_iter()
                    .map(|a| a.customer)
                    .collect(),
                round,
            })
        })]
    }

    fn receive(&mut self, _slot: &str, data: Payload) {
        if let Ok(d) = data.downcast::<RoundData>() {
            // A load for a round left before it answered is not this form's.
            if self.round.as_ref().is_none_or(|r| *r == d.round) {
                self.take(*d);
            }
        }
    }

    fn depends(&self) -> &'static [RecordKind] {
        &[RecordKind::SurveyAnswer, RecordKind::Customer]
    }

    fn select_key(&mut self, key: &str) {
        self.after = Some(key.to_string());
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}
