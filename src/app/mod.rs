//! The workbench's state and how actions change it. Decides, never draws.

pub mod data;
pub mod form;
pub mod selection;
mod steps;
mod update;

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

use crate::config::keymap::Keymap;
use crate::config::theme::Theme;
use crate::domain::kpi::KpiTargets;
use crate::domain::sla::SlaPolicy;
use crate::error::Result;
use crate::i18n::{Catalog, Lang};
use crate::store::complaints::ComplaintDetail;
use crate::store::customers::CustomerFile;
use crate::store::history::Change;
use crate::store::Store;
pub use crate::input::action;
pub use crate::input::action::Action;
pub use crate::input::mode::Mode;
use data::Dashboard;
use form::Form;
use selection::Selection;

/// The four dashboard panes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    /// Customer list.
    Customers,
    /// Open complaints with countdowns.
    Board,
    /// NPS trend chart.
    Nps,
    /// KPI table.
    Kpi,
}

/// Focus order for Tab.
pub const PANES: [Pane; 4] = [Pane::Board, Pane::Customers, Pane::Nps, Pane::Kpi];

/// What fills the main area.
#[derive(Debug)]
pub enum View {
    /// The four panes.
    Dashboard,
    /// One customer's file.
    Customer(Box<CustomerFile>, Vec<Change>),
    /// One complaint with its clocks and steps.
    Complaint(Box<ComplaintDetail>),
    /// The complaint analysis of the current month.
    Stats(Box<crate::analysis::ComplaintStats>),
    /// Every CAPA, by due date.
    Capas(Vec<crate::store::capa::Capa>),
}

/// A yes/no question and what a yes does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Confirm {
    /// Quit although a form has unsaved changes.
    Quit,
    /// Close the form and lose its changes.
    DiscardForm,
}

/// A line for the status bar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    /// The text (already localised).
    pub text: String,
    /// Whether it reports a failure.
    pub error: bool,
}

/// How the workbench is set up for a session.
pub struct Setup {
    /// Language.
    pub lang: Lang,
    /// Theme.
    pub theme: Theme,
    /// Keymap.
    pub keymap: Keymap,
    /// Time zone.
    pub tz: Tz,
    /// The SLA policy (clocks, rules, working-time calendar).
    pub policy: SlaPolicy,
    /// Config problems to show at start (localised).
    pub warnings: Vec<String>,
}

/// The whole state of the workbench.
pub struct App {
    /// The database.
    pub store: Store,
    /// Message catalog.
    pub cat: &'static Catalog,
    /// Language.
    pub lang: Lang,
    /// Theme.
    pub theme: Theme,
    /// Keymap.
    pub keymap: Keymap,
    /// Time zone.
    pub tz: Tz,
    /// SLA policy.
    pub policy: SlaPolicy,
    /// KPI targets.
    pub targets: KpiTargets,
    /// Now.
    pub now: DateTime<Utc>,
    /// Pane data.
    pub data: Dashboard,
    /// The focused pane.
    pub focus: Pane,
    /// The focused pane fills the screen.
    pub zoomed: bool,
    /// Customer list selection (index into `filtered`).
    pub customers: Selection,
    /// Board selection.
    pub board: Selection,
    /// Scroll of the detail views.
    pub detail: Selection,
    /// The customer filter text, when one is set.
    pub filter: Option<String>,
    /// Whether keys go into the filter.
    pub filter_editing: bool,
    /// Indices of the customers the filter lets through.
    pub filtered: Vec<usize>,
    /// The main area.
    pub view: View,
    /// An open form.
    pub form: Option<Form>,
    /// The help screen is shown.
    pub help: bool,
    /// A pending question.
    pub confirm: Option<Confirm>,
    /// The status-bar message.
    pub message: Option<Message>,
    /// Config problems found at start.
    pub warnings: Vec<String>,
    /// Set when the user has quit.
    pub quit: bool,
    /// Something visible changed since the last draw.
    pub needs_draw: bool,
}

impl App {
    /// A workbench on `store`, data loaded.
    pub fn new(store: Store, setup: Setup) -> Result<App> {
        let now = store.now();
        let mut app = App {
            cat: setup.lang.catalog(),
            lang: setup.lang,
            theme: setup.theme,
            keymap: setup.keymap,
            tz: setup.tz,
            policy: setup.policy,
            targets: KpiTargets::default(),
            now,
            data: Dashboard::default(),
            focus: Pane::Board,
            zoomed: false,
            customers: Selection::default(),
            board: Selection::default(),
            detail: Selection::default(),
            filter: None,
            filter_editing: false,
            filtered: Vec::new(),
            view: View::Dashboard,
            form: None,
            help: false,
            confirm: None,
            message: setup.warnings.first().map(|w| Message {
                text: w.clone(),
                error: true,
            }),
            warnings: setup.warnings,
            quit: false,
            needs_draw: true,
            store,
        };
        app.reload()?;
        Ok(app)
    }

    /// The keymap mode for the current state.
    pub fn mode(&self) -> Mode {
        if self.confirm.is_some() {
            Mode::Confirm
        } else if self.help {
            Mode::Help
        } else {
            self.mode_under_help()
        }
    }

    /// The mode the help screen describes: what is under it.
    pub fn mode_under_help(&self) -> Mode {
        if self.form.is_some() {
            Mode::Form
        } else if self.filter_editing {
            Mode::Filter
        } else {
            match (&self.view, self.focus) {
                (View::Customer(..) | View::Complaint(_) | View::Stats(_) | View::Capas(_), _) => {
                    Mode::Detail
                }
                (View::Dashboard, Pane::Customers) => Mode::Customers,
                (View::Dashboard, Pane::Board) => Mode::Board,
                (View::Dashboard, _) => Mode::List,
            }
        }
    }

    /// A message from the catalog.
    pub fn t(&self, key: &str) -> &'static str {
        self.cat.get_static(key)
    }

    /// Moves the clock (the runner calls this every tick).
    pub fn set_now(&mut self, now: DateTime<Utc>) {
        self.now = now;
        self.store.set_now(now);
    }

    /// Re-reads every pane and the open view from the database.
    pub fn reload(&mut self) -> Result<()> {
        // Selections follow their record, not their row: lists re-sort as clocks and steps move.
        let keep_complaint = self.selected_complaint().map(|c| c.number.clone());
        let keep_customer = self.selected_customer().map(|c| c.code.clone());
        self.data = Dashboard::load(&self.store, &self.policy, &self.targets, self.now, self.tz)?;
        self.apply_filter();
        if let Some(i) =
            keep_complaint.and_then(|n| self.data.board.iter().position(|r| r.number == n))
        {
            self.board.selected = i;
        }
        if let Some(i) = keep_customer.and_then(|code| {
            self.filtered.iter().position(|idx| {
                self.data
                    .customers
                    .get(*idx)
                    .is_some_and(|c| c.code == code)
            })
        }) {
            self.customers.selected = i;
        }
        self.board.clamp(self.data.board.len());
        match &self.view {
            View::Customer(file, _) => {
                let code = file.code.clone();
                self.open_customer(&code)?;
            }
            View::Complaint(d) => {
                let number = d.row.number.clone();
                self.view = View::Complaint(Box::new(self.store.complaint(&number)?));
            }
            View::Stats(_) => self.open_stats()?,
            View::Capas(_) => self.view = View::Capas(self.store.list_capas(None)?),
            View::Dashboard => {}
        }
        self.needs_draw = true;
        Ok(())
    }

    /// Recomputes which customers the filter lets through (name, short name or code).
    pub fn apply_filter(&mut self) {
        let needle = self.filter.as_deref().unwrap_or("").trim().to_lowercase();
        self.filtered = self
            .data
            .customers
            .iter()
            .enumerate()
            .filter(|(_, c)| {
                needle.is_empty()
                    || c.name.to_lowercase().contains(&needle)
                    || c.code.to_lowercase().contains(&needle)
                    || c.short_name
                        .as_deref()
                        .is_some_and(|s| s.to_lowercase().contains(&needle))
            })
            .map(|(i, _)| i)
            .collect();
        self.customers.clamp(self.filtered.len());
    }

    /// The selected customer row, if any.
    pub fn selected_customer(&self) -> Option<&crate::store::customers::CustomerRow> {
        self.filtered
            .get(self.customers.selected)
            .and_then(|i| self.data.customers.get(*i))
    }

    /// The selected open complaint, if any.
    pub fn selected_complaint(&self) -> Option<&crate::store::complaints::ComplaintRow> {
        self.data.board.get(self.board.selected)
    }

    fn open_stats(&mut self) -> Result<()> {
        let period = crate::domain::period::Period::month_of(self.now, self.tz);
        let stats = crate::analysis::complaint_stats(
            &self.store,
            &self.policy,
            period,
            self.now,
            self.cat,
        )?;
        self.view = View::Stats(Box::new(stats));
        Ok(())
    }

    fn open_customer(&mut self, code: &str) -> Result<()> {
        let file = self.store.customer(code)?;
        let history = self.store.history_of("customer", code)?;
        self.view = View::Customer(Box::new(file), history);
        Ok(())
    }

    /// Shows a message in the status bar.
    pub fn say(&mut self, text: String, error: bool) {
        self.message = Some(Message { text, error });
        self.needs_draw = true;
    }
}
