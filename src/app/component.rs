//! The one trait every pane and view implements, and what it hands back to the app.
//!
//! A component owns its state (rows, selection, scroll). It says which keymap table its
//! keys come from, handles an action (consumed or not, with effects for the app), draws
//! itself from its own state, and names the data it needs as jobs the worker runs.

use crate::kind::RecordKind;
use std::any::Any;

use ratatui::layout::Rect;
use ratatui::Frame;

use super::App;
use crate::domain::complaint::Step;
use crate::error::Result;
use crate::input::action::Action;
use crate::input::mode::Mode;
use crate::store::Store;

/// A job's result, handed back to the component that asked for it (which downcasts it).
pub type Payload = Box<dyn Any + Send>;

/// A read or a write the worker runs on its connection.
pub type JobFn = Box<dyn FnOnce(&mut Store) -> Result<Payload> + Send>;

/// One data request: the newest request for a slot wins.
pub struct Job {
    /// Which data (`board`, `customers`, `customer:C00001`...); results for a slot
    /// replaced by a newer request are dropped.
    pub slot: String,
    /// The read.
    pub run: JobFn,
    /// It writes (writes all go through one connection, in order).
    pub write: bool,
}

impl Job {
    /// A read for `slot`.
    pub fn new<T: Send + 'static>(
        slot: impl Into<String>,
        run: impl FnOnce(&Store) -> Result<T> + Send + 'static,
    ) -> Job {
        Job {
            slot: slot.into(),
            run: Box::new(move |s| run(s).map(|v| Box::new(v) as Payload)),
            write: false,
        }
    }

    /// A write for `slot` (give each write its own slot: a newer one must not drop it).
    pub fn write<T: Send + 'static>(
        slot: impl Into<String>,
        run: impl FnOnce(&mut Store) -> Result<T> + Send + 'static,
    ) -> Job {
        Job {
            slot: slot.into(),
            run: Box::new(move |s| run(s).map(|v| Box::new(v) as Payload)),
            write: true,
        }
    }
}

/// Whether a component used an action.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Handled {
    /// Used; routing stops.
    Consumed,
    /// Not for this component; routing goes on.
    NotConsumed,
}

/// A form the app should open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormRequest {
    /// A new customer.
    NewCustomer,
    /// Edit this customer.
    EditCustomer(String),
    /// A new complaint, for this customer when one is selected.
    NewComplaint(Option<String>),
    /// Wait on the customer for this complaint.
    Wait(String),
    /// A move that asks for details.
    Move(String, Step),
    /// A form over a record's declared fields, saved as it says.
    Record(super::record_form::RecordForm),
    /// Such a form, built from what the store holds when it is read.
    Load(super::record_form::FormLoad),
}

/// A complaint write the app should run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Work {
    /// A move that needs no details.
    Move(String, Step),
    /// Dispose (asks for the decisions when they are missing).
    Dispose(String),
    /// The customer answered.
    Resume(String),
    /// Escalate to the owner's supervisor.
    Escalate(String),
    /// The written report went to the customer.
    Report(String),
    /// A customer file's data was checked and is current.
    ConfirmData(String),
}

/// A view's write: the status-line text and the key of the record written.
pub type ViewWriteFn = Box<dyn FnOnce(&mut Store) -> Result<(String, String)> + Send>;

/// A component's own write (a view that is a form of its own): run on the worker like a
/// form's save; its message goes to the status line, what it touched reloads, and the key
/// it returns is selected in the view.
pub struct ViewWrite {
    /// What kind of record it writes (what reloads afterwards).
    pub touched: RecordKind,
    /// The write.
    pub run: ViewWriteFn,
}

/// What a component asks the app to do after handling an action.
pub enum Effect {
    /// Show this view in the main area.
    Open(Box<dyn Component>),
    /// Close the open view (back to the dashboard).
    Close,
    /// Open a form.
    Form(FormRequest),
    /// Run a one-key write.
    Work(Work),
    /// Run the component's own write.
    Write(ViewWrite),
    /// The component's data request changed (a filter, a page): run its jobs again.
    Load,
    /// Show this (localised) line in the status bar.
    Say(String),
    /// Show this (localised) refusal in the status bar, as an error.
    Fail(String),
}

/// A pane or view of the workbench.
pub trait Component {
    /// The registry name, also the prefix of its data slots.
    fn name(&self) -> &'static str;
    /// The keymap table its keys come from (feeds help and the status line).
    fn mode(&self) -> Mode;
    /// Handles an action; effects go into `fx`.
    fn handle(&mut self, action: &Action, app: &App, fx: &mut Vec<Effect>) -> Handled;
    /// Draws into `area` from its own state; never queries.
    fn draw(&self, frame: &mut Frame, area: Rect, app: &App, focused: bool);
    /// The reads its data needs now.
    fn needs(&self, app: &App) -> Vec<Job>;
    /// Takes a job's result for one of its slots.
    fn receive(&mut self, slot: &str, data: Payload);
    /// The records whose writes make its data stale.
    fn depends(&self) -> &'static [RecordKind];
    /// The time-dependent labels it shows now (the tick redraws when they change).
    fn tick_labels(&self, _app: &App) -> Vec<String> {
        Vec::new()
    }
    /// The clock moved to `now` (for state that depends on it, such as a breached filter);
    /// true when a clock it shows has just become breached.
    fn on_tick(&mut self, _now: chrono::DateTime<chrono::Utc>) -> bool {
        false
    }
    /// A click on the `row`th line of its list (0: the first line under the header);
    /// lists select that line.
    fn click(&mut self, _row: usize, _fx: &mut Vec<Effect>) {}
    /// An urgent line for the status bar, when it has one.
    fn notice(&self, _app: &App) -> Option<String> {
        None
    }
    /// Selects the record with this key (now, or when its data arrives).
    fn select_key(&mut self, _key: &str) {}
    /// For tests and the app's queries over the open view.
    fn as_any(&self) -> &dyn Any;
}

/// A view a global action opens, and how to make it.
pub type Launcher = (crate::input::action::ViewKey, fn() -> Box<dyn Component>);

/// The components of a workbench: the dashboard panes in focus order, and the views the
/// global keys open. Built at the edge (`views::registry`), so the app names no view.
pub struct Registry {
    /// Dashboard panes, in Tab order.
    pub panes: Vec<Box<dyn Component>>,
    /// Views opened by a global action.
    pub launchers: Vec<Launcher>,
    /// The view showing one record of a kind (for the palette and the jump).
    pub record_view: RecordOpener,
}

/// Makes the view of the record `key` of a kind; None for kinds without one.
pub type RecordOpener = fn(RecordKind, &str) -> Option<Box<dyn Component>>;
