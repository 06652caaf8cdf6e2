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
    /// Move the selection in a list.
    Move(Movement),
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
    /// A complaint's next step.
    Step(StepKey),
    /// Give the selected complaint to another owner.
    Assign,
    /// Add a note to the selected complaint's history.
    Note,
    /// Fill in more of the selected complaint's file: report, reopen, CAPA, return.
    File(FileKey),
    /// Open a view (the analysis, the CAPA list, a record log).
    Show(ViewKey),
    /// Narrow the board to some complaints, or widen it again.
    Toggle(Toggle),
    /// Sort the list by a column; again to reverse, a third time back to the usual order.
    Sort(Column),
    /// Select the next complaint whose clock is breached.
    NextBreached,
    /// The command palette: find an action of this view, or a record.
    Palette,
    /// Jump to a record by number, code or name.
    Jump,
    /// Take back the last one-key move (within seconds of it).
    Undo,
    /// Show the whole last message (the status line may cut it).
    Message,
    /// Answer yes to a question.
    Confirm,
    /// Show the next (1) or previous (-1) tab of a record.
    Tab(isize),
    /// Record that a customer file's data was checked and is current.
    ConfirmData,
    /// Confirm the selected customer's proposed grade (managers).
    ConfirmGrade,
    /// List only the customer files due their data check, or all again.
    DataCheck,
    /// Re-read everything from the database.
    Refresh,
    /// Text typed into a form field or the filter (not bindable).
    Key(crossterm_key::KeyPress),
    /// A click or a turn of the wheel at a cell of the screen (not bindable).
    Mouse(Pointer),
    /// Text pasted into the terminal in one piece (bracketed paste; not bindable).
    Paste(String),
    /// The once-a-second clock tick (not bindable).
    Tick,
    /// Another terminal changed the database (not bindable).
    DataChanged,
    /// The terminal was resized (not bindable).
    Resize(u16, u16),
}

/// A complaint's steps that have a key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StepKey {
    /// First response given.
    Acknowledge,
    /// Investigation started.
    Investigate,
    /// Plan proposed.
    Plan,
    /// Disposed.
    Dispose,
    /// Followed up with the customer.
    FollowUp,
    /// Closed with the customer's sign-off.
    Close,
    /// Wait on the customer (asks the reason).
    Wait,
    /// The customer answered, work resumes.
    Resume,
    /// Close as not our responsibility (asks the evidence).
    Reject,
    /// Escalate to the owner's supervisor.
    Escalate,
}

/// The views a global key opens (each one a launcher in `views::registry`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ViewKey {
    /// The complaint analysis of the current month.
    Stats,
    /// The CAPA list.
    Capas,
    /// The suggestions log.
    Suggestions,
    /// The know-how register.
    Knowhow,
    /// The SLA check-in meeting's agenda.
    Meeting,
    /// The personal to-do.
    Todo,
    /// Proposed grades beside the current ones.
    Grades,
    /// This quarter's NPS campaign.
    Campaign,
    /// The form that types in satisfaction survey answers.
    Survey,
}

/// What more can be filed on a complaint from the workbench.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKey {
    /// The written report went to the customer.
    Report,
    /// Reopen a finished complaint.
    Reopen,
    /// Raise a CAPA on it.
    AddCapa,
    /// Register a return on it.
    AddReturn,
    /// Record a CAPA's effectiveness check.
    VerifyCapa,
    /// Approve a return's replacement.
    ApproveReturn,
    /// Mark a return's replacement shipped.
    ShipReturn,
}

/// What the mouse did, and where (column, row of the screen).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pointer {
    /// Click or wheel.
    pub what: PointerKind,
    /// Screen column.
    pub col: u16,
    /// Screen row.
    pub row: u16,
}

/// The mouse events the workbench uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PointerKind {
    /// The left button went down.
    Click,
    /// The wheel turned up.
    WheelUp,
    /// The wheel turned down.
    WheelDown,
}

/// The board's one-key narrowings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Toggle {
    /// Only breached complaints.
    Breached,
    /// Only complaints due before the end of today.
    DueToday,
    /// Only the user's own complaints.
    Mine,
    /// Only urgent complaints.
    Urgent,
    /// Closed complaints instead of open ones.
    Closed,
}

/// The board's columns, each sortable.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    /// Complaint number.
    Number,
    /// Customer's short name.
    Customer,
    /// The complaint's title.
    Title,
    /// Severity (urgent first).
    Severity,
    /// Workflow step.
    Step,
    /// Owner.
    Owner,
    /// Time left on the nearest clock.
    Remaining,
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
    /// The movement this action is, if it is one.
    pub fn movement(&self) -> Option<Movement> {
        if let Action::Move(m) = self {
            Some(*m)
        } else {
            None
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
    (Action::Move(Movement::Up), "up"),
    (Action::Move(Movement::Down), "down"),
    (Action::Move(Movement::PageUp), "page_up"),
    (Action::Move(Movement::PageDown), "page_down"),
    (Action::Move(Movement::Top), "top"),
    (Action::Move(Movement::Bottom), "bottom"),
    (Action::Open, "open"),
    (Action::Back, "back"),
    (Action::Zoom, "zoom"),
    (Action::Filter, "filter"),
    (Action::New, "new"),
    (Action::Edit, "edit"),
    (Action::Save, "save"),
    (Action::NextField, "next_field"),
    (Action::PrevField, "prev_field"),
    (Action::Step(StepKey::Acknowledge), "acknowledge"),
    (Action::Step(StepKey::Investigate), "investigate"),
    (Action::Step(StepKey::Plan), "plan"),
    (Action::Step(StepKey::Dispose), "dispose"),
    (Action::Step(StepKey::FollowUp), "follow_up"),
    (Action::Step(StepKey::Close), "close"),
    (Action::Step(StepKey::Wait), "wait"),
    (Action::Step(StepKey::Resume), "resume"),
    (Action::Step(StepKey::Reject), "reject"),
    (Action::Step(StepKey::Escalate), "escalate"),
    (Action::Assign, "assign"),
    (Action::Note, "note"),
    (Action::File(FileKey::Report), "report_sent"),
    (Action::File(FileKey::Reopen), "reopen"),
    (Action::File(FileKey::AddCapa), "add_capa"),
    (Action::File(FileKey::AddReturn), "add_return"),
    (Action::File(FileKey::VerifyCapa), "verify_capa"),
    (Action::File(FileKey::ApproveReturn), "approve_return"),
    (Action::File(FileKey::ShipReturn), "ship_return"),
    (Action::Show(ViewKey::Stats), "stats"),
    (Action::Show(ViewKey::Capas), "capas"),
    (Action::Show(ViewKey::Suggestions), "suggestions"),
    (Action::Show(ViewKey::Knowhow), "knowhow"),
    (Action::Show(ViewKey::Meeting), "meeting"),
    (Action::Show(ViewKey::Todo), "todo"),
    (Action::Show(ViewKey::Grades), "grades"),
    (Action::Show(ViewKey::Campaign), "campaign"),
    (Action::Show(ViewKey::Survey), "survey"),
    (Action::Toggle(Toggle::Breached), "only_breached"),
    (Action::Toggle(Toggle::DueToday), "only_due_today"),
    (Action::Toggle(Toggle::Mine), "only_mine"),
    (Action::Toggle(Toggle::Urgent), "only_urgent"),
    (Action::Toggle(Toggle::Closed), "closed_complaints"),
    (Action::Sort(Column::Number), "sort_number"),
    (Action::Sort(Column::Customer), "sort_customer"),
    (Action::Sort(Column::Title), "sort_title"),
    (Action::Sort(Column::Severity), "sort_severity"),
    (Action::Sort(Column::Step), "sort_step"),
    (Action::Sort(Column::Owner), "sort_owner"),
    (Action::Sort(Column::Remaining), "sort_remaining"),
    (Action::NextBreached, "next_breached"),
    (Action::Palette, "palette"),
    (Action::Jump, "jump"),
    (Action::Undo, "undo"),
    (Action::Message, "message"),
    (Action::Confirm, "confirm"),
    (Action::Tab(1), "next_tab"),
    (Action::Tab(-1), "prev_tab"),
    (Action::ConfirmData, "confirm_data"),
    (Action::ConfirmGrade, "confirm_grade"),
    (Action::DataCheck, "data_check"),
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
}
