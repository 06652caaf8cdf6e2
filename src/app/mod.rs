//! The workbench's state and how actions change it. Decides, never draws.

mod commands;
pub mod component;
pub mod data;
pub mod form;
pub mod form_field;
pub mod layout;
pub mod palette;
mod pickers;
mod pointer;
pub mod record_form;
pub mod selection;
mod steps;
pub mod triage;
mod update;
pub mod worker;

use crate::kind::RecordKind;
use std::collections::HashMap;

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

use crate::config::keymap::Keymap;
use crate::config::theme::Theme;
use crate::domain::sla::SlaPolicy;
use crate::error::Result;
use crate::i18n::{Catalog, Lang};
pub use crate::input::action;
pub use crate::input::action::Action;
pub use crate::input::mode::Mode;
use crate::store::Store;
use component::{Component, Effect, Job, Registry};
use form::{Form, PickOption};
use worker::{Done, Worker};

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
    /// Ring the bell when a clock on screen becomes breached (`bell = true`).
    pub bell: bool,
    /// Config problems to show at start (localised).
    pub warnings: Vec<String>,
    /// The panes and views (`views::registry()`).
    pub views: Registry,
}

/// The whole state of the workbench.
pub struct App {
    /// The database (writes; and reads when the worker runs inline).
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
    /// Ring the bell when a clock on screen becomes breached (the user's setting).
    pub bell: bool,
    /// A bell is due (the event loop rings it and clears this).
    pub ring: bool,
    /// Now.
    pub now: DateTime<Utc>,
    /// The dashboard panes, in Tab order.
    pub panes: Vec<Box<dyn Component>>,
    /// Views the global keys open.
    launchers: Vec<component::Launcher>,
    /// The focused pane (index into `panes`).
    pub focus: usize,
    /// The focused pane fills the screen.
    pub zoomed: bool,
    /// The view over the dashboard, when one is open.
    pub view: Option<Box<dyn Component>>,
    /// An open form.
    pub form: Option<Form>,
    /// The help screen is shown.
    pub help: bool,
    /// How far the help screen is scrolled.
    pub help_scroll: usize,
    /// The screen's size at the last draw (where a click lands).
    pub screen: std::cell::Cell<ratatui::layout::Rect>,
    /// How many help rows the last draw could show (to keep the scroll in range).
    pub help_rows: std::cell::Cell<usize>,
    /// The last message shown, for `L` after the status line has moved on.
    pub last_message: Option<Message>,
    /// The whole last message is shown.
    pub message_open: bool,
    /// The command palette (or the jump), when open.
    pub palette: Option<palette::Palette>,
    /// Opens the view of one record.
    record_view: component::RecordOpener,
    /// A pending question.
    pub confirm: Option<Confirm>,
    /// The last one-key move and when it was made, while `u` may take it back.
    pub undo: Option<(crate::store::undo::Undo, DateTime<Utc>)>,
    /// The status-bar message.
    pub message: Option<Message>,
    /// Config problems found at start.
    pub warnings: Vec<String>,
    /// Set when the user has quit.
    pub quit: bool,
    /// Something visible changed since the last draw.
    pub needs_draw: bool,
    /// Where reads run.
    worker: Worker,
    /// The newest generation asked for, per slot; older results are dropped.
    generations: HashMap<String, u64>,
    /// The last generation handed out.
    generation: u64,
    /// The slot of the form's write while it runs.
    saving: Option<String>,
}

impl App {
    /// A workbench on `store`; reads run inline (deterministic: tests, in-memory stores).
    pub fn new(store: Store, setup: Setup) -> Result<App> {
        Ok(App::with_worker(store, setup, Worker::Inline))
    }

    /// A workbench whose reads run on `worker`; panes fill as their data arrives.
    pub fn with_worker(store: Store, setup: Setup, worker: Worker) -> App {
        let now = store.now();
        let mut app = App {
            cat: setup.lang.catalog(),
            lang: setup.lang,
            theme: setup.theme,
            keymap: setup.keymap,
            tz: setup.tz,
            policy: setup.policy,
            bell: setup.bell,
            ring: false,
            now,
            panes: setup.views.panes,
            launchers: setup.views.launchers,
            focus: 0,
            zoomed: false,
            view: None,
            form: None,
            help: false,
            help_scroll: 0,
            help_rows: std::cell::Cell::new(0),
            screen: std::cell::Cell::new(ratatui::layout::Rect::default()),
            last_message: None,
            message_open: false,
            palette: None,
            record_view: setup.views.record_view,
            confirm: None,
            undo: None,
            message: setup.warnings.first().map(|w| Message {
                text: w.clone(),
                error: true,
            }),
            warnings: setup.warnings,
            quit: false,
            needs_draw: true,
            store,
            worker,
            generations: HashMap::new(),
            generation: 0,
            saving: None,
        };
        app.last_message = app.message.clone();
        app.reload();
        app
    }

    /// The keymap mode for the current state.
    pub fn mode(&self) -> Mode {
        if self.confirm.is_some() {
            Mode::Confirm
        } else if self.help || self.message_open {
            Mode::Help
        } else if self.palette.is_some() {
            Mode::Palette
        } else {
            self.mode_under_help()
        }
    }

    /// The mode the help screen describes: what is under it.
    pub fn mode_under_help(&self) -> Mode {
        if self.form.is_some() {
            Mode::Form
        } else {
            self.focused().map_or(Mode::Global, |c| c.mode())
        }
    }

    /// The component with the keyboard: the open view, else the focused pane.
    pub fn focused(&self) -> Option<&dyn Component> {
        match &self.view {
            Some(v) => Some(v.as_ref()),
            None => self.panes.get(self.focus).map(|p| p.as_ref()),
        }
    }

    /// The registry name of the focused component.
    pub fn focused_name(&self) -> &'static str {
        self.focused().map_or("", |c| c.name())
    }

    /// The pane named `name`, as its concrete type.
    pub fn pane<T: 'static>(&self) -> Option<&T> {
        self.panes.iter().find_map(|p| p.as_any().downcast_ref())
    }

    /// The open view, as its concrete type.
    pub fn open_view<T: 'static>(&self) -> Option<&T> {
        self.view.as_ref()?.as_any().downcast_ref()
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

    /// Asks for every pane's and the open view's data again.
    pub fn reload(&mut self) {
        self.reload_where(|_| true);
    }

    /// Asks again for the data of the components that depend on one of `records`.
    pub fn reload_touched(&mut self, records: &[RecordKind]) {
        self.reload_where(|deps| deps.iter().any(|d| records.contains(d)));
    }

    fn reload_where(&mut self, wanted: impl Fn(&[RecordKind]) -> bool) {
        let mut jobs: Vec<Job> = Vec::new();
        for p in &self.panes {
            if wanted(p.depends()) {
                jobs.extend(p.needs(self));
            }
        }
        if let Some(v) = self.view.as_ref().filter(|v| wanted(v.depends())) {
            jobs.extend(v.needs(self));
        }
        self.submit(jobs);
    }

    /// Sends jobs to the worker; the newest per slot wins.
    pub fn submit(&mut self, jobs: Vec<Job>) {
        for job in jobs {
            self.generation += 1;
            self.generations.insert(job.slot.clone(), self.generation);
            if let Some(done) = self.worker.submit(&mut self.store, job, self.generation) {
                self.apply(done);
            }
        }
    }

    /// Takes the worker's finished results; true when any arrived.
    pub fn drain(&mut self) -> bool {
        let ready = self.worker.ready();
        let any = !ready.is_empty();
        for done in ready {
            self.apply(done);
        }
        any
    }

    /// The generation of the unanswered request for `slot`, if one is out.
    pub fn pending(&self, slot: &str) -> Option<u64> {
        self.generations.get(slot).copied()
    }

    /// Whether some request has not been answered yet.
    pub fn waiting(&self) -> bool {
        !self.generations.is_empty()
    }

    /// Applies one result: stale ones (a newer request for the slot exists) are dropped.
    pub fn apply(&mut self, done: Done) {
        match done {
            Done::Changed => {
                tracing::debug!("another terminal changed the database");
                self.reload();
            }
            Done::Loaded {
                slot,
                generation,
                result,
            } => {
                if self.generations.get(&slot) != Some(&generation) {
                    return;
                }
                self.generations.remove(&slot);
                if slot.starts_with("write:") {
                    let result = result.map(|data| data.downcast::<steps::Wrote>());
                    match result {
                        Ok(Ok(w)) => self.wrote(&slot, Ok(*w)),
                        Ok(Err(_)) => {}
                        Err(e) => self.wrote(&slot, Err(e)),
                    }
                    self.needs_draw = true;
                    return;
                }
                match result {
                    Ok(data) => self.deliver(&slot, data),
                    Err(e) => {
                        let text = e.message(self.cat);
                        self.say(text, true);
                    }
                }
                self.needs_draw = true;
            }
        }
    }

    /// Hands a result to the component whose slot it is (or opens the form it was for).
    fn deliver(&mut self, slot: &str, data: component::Payload) {
        if slot == "palette" {
            if let (Some(p), Ok(found)) = (
                self.palette.as_mut(),
                data.downcast::<(String, Vec<crate::store::search::Found>)>(),
            ) {
                let (query, records) = *found;
                p.set_records(&query, records);
            }
            return;
        }
        if slot == "form" {
            match data.downcast::<crate::store::customers::CustomerFile>() {
                Ok(file) => self.show_form(Form::edit_customer(&file, self.cat)),
                Err(data) => {
                    if let Ok(rf) = data.downcast::<record_form::RecordForm>() {
                        self.show_form(Form::for_record(*rf, self.cat));
                    }
                }
            }
            return;
        }
        if let Some(kind) = slot.strip_prefix("picker:") {
            if let (Some(form), Ok(options)) =
                (self.form.as_mut(), data.downcast::<Vec<PickOption>>())
            {
                form.set_options(pickers::kind(kind), &options);
                self.needs_draw = true;
            }
            return;
        }
        let owner = slot.split(':').next().unwrap_or(slot);
        if let Some(v) = self.view.as_mut().filter(|v| v.name() == owner) {
            v.receive(slot, data);
        } else if let Some(p) = self.panes.iter_mut().find(|p| p.name() == owner) {
            p.receive(slot, data);
        }
    }

    /// Runs `f` on the focused component with the rest of the app readable; applies
    /// the effects it returns.
    fn with_focused(
        &mut self,
        f: impl FnOnce(&mut dyn Component, &App, &mut Vec<Effect>) -> component::Handled,
    ) -> component::Handled {
        let mut fx = Vec::new();
        let handled = if let Some(mut v) = self.view.take() {
            let h = f(v.as_mut(), self, &mut fx);
            self.view = Some(v);
            h
        } else if self.focus < self.panes.len() {
            let mut p = self.panes.remove(self.focus);
            let h = f(p.as_mut(), self, &mut fx);
            self.panes.insert(self.focus, p);
            h
        } else {
            component::Handled::NotConsumed
        };
        for e in fx {
            self.effect(e);
        }
        handled
    }

    /// Shows a message in the status bar.
    pub fn say(&mut self, text: String, error: bool) {
        self.last_message = Some(Message {
            text: text.clone(),
            error,
        });
        self.message = Some(Message { text, error });
        self.needs_draw = true;
    }

    /// The worker, for the event loop.
    pub fn worker(&self) -> &Worker {
        &self.worker
    }
}
