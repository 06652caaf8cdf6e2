//! The complaint board pane: open complaints, urgent first, with live countdowns.

use crate::kind::RecordKind;
use std::any::Any;

use ratatui::layout::Rect;
use ratatui::Frame;

use crate::app::component::{Component, Effect, FormRequest, Handled, Job, Payload};
use crate::app::data::{breach_times, load_board, nearest_clock};
use crate::app::selection::Selection;
use crate::app::triage::{Judge, Triage};
use crate::app::{Action, App, Mode};
use crate::domain::complaint::Severity;
use crate::input::action::Toggle;
use crate::input::typing::{paste_into, type_into};
use crate::readmodel::improvement::{open_cases, CaseClock};
use crate::report::{inquiry_clocks, InquiryClock};
use crate::store::complaints::ComplaintRow;
use chrono::{DateTime, Utc};
use chrono_tz::Tz;

/// The board's rows, when each breaches, and who and where the user is (for "mine" and
/// "today").
type Loaded = (
    Vec<ComplaintRow>,
    Vec<Option<DateTime<Utc>>>,
    String,
    Tz,
    DateTime<Utc>,
    Vec<InquiryClock>,
    Vec<CaseClock>,
);

/// The board's state.
#[derive(Default)]
pub struct Board {
    /// Open (or, toggled, recently closed) complaints, None until loaded.
    pub rows: Option<Vec<ComplaintRow>>,
    /// Unanswered inquiries with their 24-hour clocks, shown under the complaints.
    pub inquiries: Vec<InquiryClock>,
    /// Open improvement cases with their clocks, shown under the inquiries.
    pub cases: Vec<CaseClock>,
    /// When each row's nearest clock breaches.
    breach_at: Vec<Option<DateTime<Utc>>>,
    /// Positions in `rows` shown, in order (after the filter, toggles and sort).
    shown: Vec<usize>,
    /// The filter, toggles and sort.
    pub triage: Triage,
    /// The selection, a position in `shown`.
    pub sel: Selection,
    /// The complaint to select when the rows arrive.
    want: Option<String>,
    /// The user's account and time zone, as of the last load.
    me: String,
    tz: Option<Tz>,
    /// Up to when the clock was last looked at (a breach after it is new).
    seen: Option<DateTime<Utc>>,
    /// Complaints whose clock just became breached, and until when their row flashes.
    flash: Vec<(String, DateTime<Utc>)>,
}

/// How long a newly breached row flashes.
const FLASH_SECONDS: i64 = 6;

/// Closed complaints the closed view lists (the newest).
const CLOSED_SHOWN: usize = 500;

impl Board {
    /// The selected complaint.
    pub fn selected(&self) -> Option<&ComplaintRow> {
        self.row(self.sel.selected)
    }

    /// The `i`th complaint shown.
    pub fn row(&self, i: usize) -> Option<&ComplaintRow> {
        self.rows.as_ref()?.get(*self.shown.get(i)?)
    }

    /// The complaints shown, in order.
    pub fn shown(&self) -> Vec<&ComplaintRow> {
        (0..self.shown.len()).filter_map(|i| self.row(i)).collect()
    }

    /// How many rows are past their nearest due time at `now`.
    pub fn breached(&self, now: DateTime<Utc>) -> usize {
        self.breach_at
            .iter()
            .filter(|d| d.is_some_and(|d| now > d))
            .count()
    }

    fn is_breached(&self, i: usize, now: DateTime<Utc>) -> bool {
        self.shown
            .get(i)
            .and_then(|&r| self.breach_at.get(r).copied().flatten())
            .is_some_and(|d| now > d)
    }

    /// Selects the complaint `number` (now, or when the rows arrive).
    pub fn select(&mut self, number: &str) -> bool {
        match (0..self.shown.len()).find(|&i| self.row(i).is_some_and(|c| c.number == number)) {
            Some(i) => {
                self.sel.selected = i;
                true
            }
            None => {
                self.want = Some(number.to_string());
                false
            }
        }
    }

    /// The complaints whose row flashes now (on alternate seconds while they flash).
    pub fn flashing(&self, now: DateTime<Utc>) -> Vec<String> {
        if now.timestamp() % 2 == 1 {
            return Vec::new();
        }
        self.flash
            .iter()
            .filter(|(_, u)| *u > now)
            .map(|(n, _)| n.clone())
            .collect()
    }

    /// Works out the rows shown again, keeping the selected complaint when it still shows.
    fn refilter(&mut self, now: DateTime<Utc>) {
        let keep = self.selected().map(|c| c.number.clone());
        let judge = Judge {
            now,
            tz: self.tz.unwrap_or(chrono_tz::UTC),
            me: &self.me,
        };
        self.shown = match &self.rows {
            Some(rows) => self.triage.view(rows, &self.breach_at, &judge),
            None => Vec::new(),
        };
        if let Some(n) = keep {
            if !self.select(&n) {
                self.want = None;
            }
        }
        self.sel.clamp(self.shown.len());
    }

    /// The triage keys: filter typing, toggles, sorts, next breached; false for the rest.
    fn triage_key(&mut self, action: &Action, app: &App, fx: &mut Vec<Effect>) -> bool {
        if self.triage.editing {
            match action {
                Action::Key(k) => {
                    if !type_into(&mut self.triage.text, k.code, k.mods) {
                        return false;
                    }
                }
                Action::Paste(text) => paste_into(&mut self.triage.text, text),
                Action::Open => self.triage.editing = false,
                Action::Back => {
                    self.triage.editing = false;
                    self.triage.text.clear();
                }
                _ => return false,
            }
            self.sel.selected = 0;
            self.refilter(app.now);
            return true;
        }
        match action {
            Action::Filter => self.triage.editing = true,
            Action::Toggle(t) => {
                self.triage.toggle(*t);
                self.sel.selected = 0;
                if *t == Toggle::Closed {
                    self.rows = None;
                    fx.push(Effect::Load);
                    return true;
                }
            }
            Action::Sort(c) => self.triage.sort_by(*c),
            Action::NextBreached => {
                let n = self.shown.len();
                let next = (1..=n)
                    .map(|d| (self.sel.selected + d) % n.max(1))
                    .find(|&i| self.is_breached(i, app.now));
                match next {
                    Some(i) => self.sel.selected = i,
                    None => fx.push(Effect::Say(app.t("msg.none_breached").to_string())),
                }
                return true;
            }
            Action::Back if self.triage.active() => self.triage.clear(),
            _ => return false,
        }
        self.refilter(app.now);
        true
    }
}

impl Component for Board {
    fn name(&self) -> &'static str {
        "board"
    }

    fn mode(&self) -> Mode {
        if self.triage.editing {
            Mode::Filter
        } else {
            Mode::Board
        }
    }

    fn handle(&mut self, action: &Action, app: &App, fx: &mut Vec<Effect>) -> Handled {
        if self.triage_key(action, app, fx) {
            return Handled::Consumed;
        }
        if super::navigate(&mut self.sel, action, self.shown.len()) {
            return Handled::Consumed;
        }
        let number = self.selected().map(|c| c.number.clone());
        if *action == Action::Open {
            if let Some(n) = number {
                fx.push(Effect::Open(Box::new(super::ComplaintView::new(n))));
            }
            return Handled::Consumed;
        }
        if *action == Action::New {
            let customer = app
                .pane::<super::Customers>()
                .and_then(|c| c.selected())
                .map(|c| c.code.clone());
            fx.push(Effect::Form(FormRequest::NewComplaint(customer)));
            return Handled::Consumed;
        }
        let target = self.selected().map(|c| super::complaint_actions::Target {
            number: &c.number,
            owner: c.owner.as_deref(),
            step: c.step,
            severity: c.severity,
        });
        match target.and_then(|t| super::complaint_actions::complaint_effect(action, t, app)) {
            Some(e) => {
                if matches!(e, Effect::Work(_)) {
                    // The cursor stays where the work is: on the next complaint.
                    self.want = self
                        .row(self.sel.selected + 1)
                        .or_else(|| self.row(self.sel.selected.wrapping_sub(1)))
                        .map(|c| c.number.clone());
                }
                fx.push(e);
                Handled::Consumed
            }
            None => Handled::NotConsumed,
        }
    }

    fn draw(&self, frame: &mut Frame, area: Rect, app: &App, focused: bool) {
        match &self.rows {
            Some(_) => {
                let shown = self.shown();
                let board = crate::ui::board::BoardList {
                    rows: &shown,
                    total: self.rows.as_ref().map_or(0, Vec::len),
                    breached: self.breached(app.now),
                    triage: &self.triage,
                    sel: &self.sel,
                    flashing: &self.flashing(app.now),
                    inquiries: &self.inquiries,
                    cases: &self.cases,
                };
                crate::ui::board::draw(frame, app, area, focused, &board)
            }
            None => {
                let title = app
                    .cat
                    .fmt("ui.board_title", &[("n", "…"), ("breached", "…")]);
                super::loading(frame, app, area, title, focused)
            }
        }
    }

    fn needs(&self, app: &App) -> Vec<Job> {
        let (policy, now, tz) = (app.policy.clone(), app.now, app.tz);
        let (me, closed) = (app.store.actor().to_string(), self.triage.closed);
        vec![Job::new("board", move |s| {
            let rows = if closed {
                s.recently_closed(CLOSED_SHOWN)?
            } else {
                load_board(s, &policy, now)?
            };
            let due = breach_times(&rows, &policy, now);
            // Inquiries wait beside the open complaints, not the closed ones.
            let (inquiries, cases) = match closed {
                true => (Vec::new(), Vec::new()),
                false => (
                    inquiry_clocks(s, &policy, now)?,
                    open_cases(s, &policy.nps, now, tz)?,
                ),
            };
            Ok((rows, due, me, tz, now, inquiries, cases))
        })]
    }

    fn receive(&mut self, _slot: &str, data: Payload) {
        let Ok(loaded) = data.downcast::<Loaded>() else {
            return;
        };
        let (rows, breach_at, me, tz, now, inquiries, cases) = *loaded;
        self.inquiries = inquiries;
        self.cases = cases;
        // The selection follows its complaint, not its row: the list re-sorts as clocks move.
        let keep = self
            .want
            .take()
            .or_else(|| self.selected().map(|c| c.number.clone()));
        self.breach_at = breach_at;
        self.rows = Some(rows);
        (self.me, self.tz) = (me, Some(tz));
        self.seen.get_or_insert(now);
        self.refilter(now);
        if let Some(n) = keep {
            self.select(&n);
            self.want = None;
        }
        self.sel.clamp(self.shown.len());
    }

    fn on_tick(&mut self, now: DateTime<Utc>) -> bool {
        // Breached and due-today rows change with the clock.
        if self.triage.breached || self.triage.due_today {
            self.refilter(now);
        }
        let since = self.seen.replace(now).unwrap_or(now);
        let until = now + chrono::Duration::seconds(FLASH_SECONDS);
        let newly: Vec<(String, DateTime<Utc>)> = self
            .rows
            .iter()
            .flatten()
            .zip(&self.breach_at)
            .filter(|(_, d)| d.is_some_and(|d| since < d && d <= now))
            .map(|(r, _)| (r.number.clone(), until))
            .collect();
        self.flash.retain(|(_, u)| *u > now);
        let any = !newly.is_empty();
        self.flash.extend(newly);
        any
    }

    fn depends(&self) -> &'static [RecordKind] {
        &[
            RecordKind::Complaint,
            RecordKind::Customer,
            RecordKind::Inquiry,
            RecordKind::NpsAnswer,
            RecordKind::ImprovementCase,
        ]
    }

    fn tick_labels(&self, app: &App) -> Vec<String> {
        // Only the rows on screen: the rest are recomputed when scrolled to.
        let (off, h) = (self.sel.offset.get(), self.sel.height.get());
        let title = format!("{}{:?}", self.breached(app.now), self.flashing(app.now));
        let rows = (off..off + h).filter_map(|i| self.row(i)).map(|r| {
            nearest_clock(r, &app.policy, app.now)
                .map(|c| {
                    format!(
                        "{}{:?}",
                        crate::report::remaining_label(app.cat, c.remaining_s),
                        c.state
                    )
                })
                .unwrap_or_default()
        });
        std::iter::once(title).chain(rows).collect()
    }

    fn notice(&self, app: &App) -> Option<String> {
        if self.triage.closed {
            return None;
        }
        let urgent = self
            .rows
            .iter()
            .flatten()
            .filter(|r| r.severity == Severity::Urgent)
            .count();
        (urgent > 0).then(|| app.cat.fmt_count("ui.urgent_notice", urgent))
    }

    fn select_key(&mut self, key: &str) {
        self.select(key);
    }

    fn click(&mut self, row: usize, _fx: &mut Vec<Effect>) {
        let i = self.sel.offset.get() + row;
        if i < self.shown.len() {
            self.sel.selected = i;
        }
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}
