//! Keyboard modes: which `[keys.MODE]` table a key is looked up in.

/// Where the keyboard focus is; each mode has its own `[keys.MODE]` table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Mode {
    /// Keys that work everywhere a pane has focus.
    Global,
    /// Moving in any list (customers, board, detail).
    List,
    /// The customers pane.
    Customers,
    /// The complaint board pane.
    Board,
    /// The complaint detail pane.
    Detail,
    /// A log of records (suggestions and the record types to come): add, answer, look.
    Records,
    /// The SLA meeting view: the agenda, with the complaint keys.
    Meeting,
    /// The CAPA list.
    Capas,
    /// A customer's file, in tabs.
    CustomerFile,
    /// The personal to-do: visits and calls due, follow-ups, inquiries, complaints.
    Todo,
    /// Proposed grades beside the current ones, confirmed by key.
    Grades,
    /// This quarter's NPS campaign.
    Campaign,
    /// Typing in a satisfaction survey answer (unbound keys are answers).
    Survey,
    /// Editing a form (unbound keys are text).
    Form,
    /// Typing a filter (unbound keys are text).
    Filter,
    /// The command palette (unbound keys are text).
    Palette,
    /// The help screen.
    Help,
    /// A yes/no question.
    Confirm,
}

impl Mode {
    /// Every mode, in config-file order.
    pub const ALL: [Mode; 18] = [
        Mode::Global,
        Mode::List,
        Mode::Customers,
        Mode::Board,
        Mode::Detail,
        Mode::Records,
        Mode::Meeting,
        Mode::Capas,
        Mode::CustomerFile,
        Mode::Todo,
        Mode::Grades,
        Mode::Campaign,
        Mode::Survey,
        Mode::Form,
        Mode::Filter,
        Mode::Palette,
        Mode::Help,
        Mode::Confirm,
    ];

    /// The config name (`global`, `list`, ...), as in `[keys.global]`.
    pub fn name(self) -> &'static str {
        match self {
            Mode::Global => "global",
            Mode::List => "list",
            Mode::Customers => "customers",
            Mode::Board => "board",
            Mode::Detail => "detail",
            Mode::Records => "records",
            Mode::Meeting => "meeting",
            Mode::Capas => "capa_list",
            Mode::CustomerFile => "customer_file",
            Mode::Todo => "todo",
            Mode::Grades => "grades",
            Mode::Campaign => "campaign",
            Mode::Survey => "survey",
            Mode::Form => "form",
            Mode::Filter => "filter",
            Mode::Palette => "palette",
            Mode::Help => "help",
            Mode::Confirm => "confirm",
        }
    }

    /// The mode with this config name.
    pub fn parse(name: &str) -> Option<Mode> {
        Mode::ALL.into_iter().find(|m| m.name() == name)
    }

    /// The tables searched for a key in this mode, first match wins.
    pub fn chain(self) -> &'static [Mode] {
        match self {
            Mode::Customers => &[Mode::Customers, Mode::List, Mode::Global],
            Mode::Board => &[Mode::Board, Mode::List, Mode::Global],
            Mode::Detail => &[Mode::Detail, Mode::List, Mode::Global],
            Mode::Records => &[Mode::Records, Mode::List, Mode::Global],
            Mode::Meeting => &[Mode::Meeting, Mode::List, Mode::Global],
            Mode::Capas => &[Mode::Capas, Mode::List, Mode::Global],
            Mode::CustomerFile => &[Mode::CustomerFile, Mode::List, Mode::Global],
            Mode::Todo => &[Mode::Todo, Mode::List, Mode::Global],
            Mode::Grades => &[Mode::Grades, Mode::List, Mode::Global],
            Mode::Campaign => &[Mode::Campaign, Mode::List, Mode::Global],
            Mode::List => &[Mode::List, Mode::Global],
            Mode::Global => &[Mode::Global],
            // Text-entry and modal screens see only their own table, so that `q` or `j`
            // typed into a field is text and not quit/down.
            Mode::Form => &[Mode::Form],
            Mode::Survey => &[Mode::Survey],
            Mode::Filter => &[Mode::Filter],
            Mode::Palette => &[Mode::Palette],
            Mode::Help => &[Mode::Help],
            Mode::Confirm => &[Mode::Confirm],
        }
    }

    /// Whether unbound keys are typed text here.
    pub fn takes_text(self) -> bool {
        matches!(
            self,
            Mode::Form | Mode::Filter | Mode::Palette | Mode::Survey
        )
    }

    /// The position in `ALL` (tables are kept in that order).
    pub fn index(self) -> usize {
        self as usize
    }
}
