//! Every state change of the workbench is one of these actions.

/// What the user (or a tick, or another terminal's write) asks the workbench to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// Leave kefu (asks first when a form has unsaved changes).
    Quit,
    /// Show or hide the help screen.
    Help,
    /// Focus the next pane.
    FocusNext,
    /// Focus the previous pane.
    FocusPrev,
    /// Move the selection up.
    Up,
    /// Move the selection down.
    Down,
    /// One page up.
    PageUp,
    /// One page down.
    PageDown,
    /// First row.
    Top,
    /// Last row.
    Bottom,
    /// Open the selected record.
    Open,
    /// Go back / cancel.
    Back,
    /// Zoom the focused pane to the whole screen, or back.
    Zoom,
    /// Filter the list as you type.
    Filter,
    /// New record in the focused pane.
    New,
    /// Edit the selected record.
    Edit,
    /// Save the form.
    Save,
    /// Next form field.
    NextField,
    /// Previous form field.
    PrevField,
    /// Complaint: first response given.
    Acknowledge,
    /// Complaint: investigation started.
    Investigate,
    /// Complaint: plan proposed.
    Plan,
    /// Complaint: disposed.
    Dispose,
    /// Complaint: followed up with the customer.
    FollowUp,
    /// Complaint: closed with the customer's sign-off.
    Close,
    /// Complaint: wait on the customer (asks the reason).
    Wait,
    /// Complaint: the customer answered, work resumes.
    Resume,
    /// Complaint: close as not our responsibility (asks the evidence).
    Reject,
    /// Complaint: escalate to the owner's supervisor.
    Escalate,
    /// Show the complaint analysis of the current month.
    Stats,
    /// Show the CAPA list.
    Capas,
    /// Show the suggestions log.
    Suggestions,
    /// Answer yes to a question.
    Confirm,
    /// Re-read everything from the database.
    Refresh,
    /// Text typed into a form field or the filter (not bindable).
    Key(crossterm_key::KeyPress),
    /// Text pasted into the terminal in one piece (bracketed paste; not bindable).
    Paste(String),
    /// The once-a-second clock tick (not bindable).
    Tick,
    /// Another terminal changed the database (not bindable).
    DataChanged,
    /// The terminal was resized (not bindable).
    Resize(u16, u16),
}

/// The list movements, for every pane and view that scrolls.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Movement {
    /// One row up.
    Up,
    /// One row down.
    Down,
    /// One page up.
    PageUp,
    /// One page down.
    PageDown,
    /// First row.
    Top,
    /// Last row.
    Bottom,
}

impl Action {
    /// The movement this action is, if it is one (every action listed, so a new one is
    /// placed here on purpose).
    pub fn movement(&self) -> Option<Movement> {
        match self {
            Action::Up => Some(Movement::Up),
            Action::Down => Some(Movement::Down),
            Action::PageUp => Some(Movement::PageUp),
            Action::PageDown => Some(Movement::PageDown),
            Action::Top => Some(Movement::Top),
            Action::Bottom => Some(Movement::Bottom),
            Action::Quit
            | Action::Help
            | Action::FocusNext
            | Action::FocusPrev
            | Action::Open
            | Action::Back
            | Action::Zoom
            | Action::Filter
            | Action::New
            | Action::Edit
            | Action::Save
            | Action::NextField
            | Action::PrevField
            | Action::Acknowledge
            | Action::Investigate
            | Action::Plan
            | Action::Dispose
            | Action::FollowUp
            | Action::Close
            | Action::Wait
            | Action::Resume
            | Action::Reject
            | Action::Escalate
            | Action::Stats
            | Action::Capas
            | Action::Suggestions
            | Action::Confirm
            | Action::Refresh
            | Action::Key(_)
            | Action::Paste(_)
            | Action::Tick
            | Action::DataChanged
            | Action::Resize(..) => None,
        }
    }
}

/// A key press, independent of the terminal backend (so tests and the keymap can name keys).
pub mod crossterm_key {
    pub use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    /// A key and its modifiers.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
    pub struct KeyPress {
        /// The key.
        pub code: KeyCode,
        /// Ctrl, Alt, Shift.
        pub mods: KeyModifiers,
    }

    impl KeyPress {
        /// A key without modifiers.
        pub fn plain(code: KeyCode) -> KeyPress {
            KeyPress {
                code,
                mods: KeyModifiers::NONE,
            }
        }

        /// From a terminal event; Shift is dropped for characters (it is in the char already).
        pub fn from_event(e: KeyEvent) -> KeyPress {
            let mut mods =
                e.modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SHIFT);
            if matches!(e.code, KeyCode::Char(_)) {
                mods.remove(KeyModifiers::SHIFT);
            }
            if e.code == KeyCode::BackTab {
                mods.remove(KeyModifiers::SHIFT);
            }
            KeyPress { code: e.code, mods }
        }
    }
}

/// The bindable actions with their config names, in help-screen order.
pub const BINDABLE: &[(Action, &str)] = &[
    (Action::Help, "help"),
    (Action::Quit, "quit"),
    (Action::FocusNext, "focus_next"),
    (Action::FocusPrev, "focus_prev"),
    (Action::Up, "up"),
    (Action::Down, "down"),
    (Action::PageUp, "page_up"),
    (Action::PageDown, "page_down"),
    (Action::Top, "top"),
    (Action::Bottom, "bottom"),
    (Action::Open, "open"),
    (Action::Back, "back"),
    (Action::Zoom, "zoom"),
    (Action::Filter, "filter"),
    (Action::New, "new"),
    (Action::Edit, "edit"),
    (Action::Save, "save"),
    (Action::NextField, "next_field"),
    (Action::PrevField, "prev_field"),
    (Action::Acknowledge, "acknowledge"),
    (Action::Investigate, "investigate"),
    (Action::Plan, "plan"),
    (Action::Dispose, "dispose"),
    (Action::FollowUp, "follow_up"),
    (Action::Close, "close"),
    (Action::Wait, "wait"),
    (Action::Resume, "resume"),
    (Action::Reject, "reject"),
    (Action::Escalate, "escalate"),
    (Action::Stats, "stats"),
    (Action::Capas, "capas"),
    (Action::Suggestions, "suggestions"),
    (Action::Confirm, "confirm"),
    (Action::Refresh, "refresh"),
];

impl Action {
    /// The config name of a bindable action (`quit`, `focus_next`...).
    pub fn name(&self) -> Option<&'static str> {
        BINDABLE.iter().find(|(a, _)| a == self).map(|(_, n)| *n)
    }

    /// The bindable action with this config name.
    pub fn from_name(name: &str) -> Option<Action> {
        BINDABLE
            .iter()
            .find(|(_, n)| *n == name)
            .map(|(a, _)| a.clone())
    }

    /// The catalog key of the action's description (`act.quit`...).
    pub fn desc_key(&self) -> String {
        format!("act.{}", self.name().unwrap_or("none"))
    }
}
