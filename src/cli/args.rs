//! The command line, as clap reads it.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// kefu (客服工作台): the customer-service workbench for ISO 9001 teams.
#[derive(Debug, Parser)]
#[command(name = "kefu", version, about, long_about = None)]
pub struct Cli {
    /// Database file [default: the platform data dir, kefu/kefu.db]
    #[arg(long, global = true, env = "KEFU_DB", value_name = "PATH")]
    pub db: Option<PathBuf>,
    /// Use this time instead of the clock: RFC 3339 or "YYYY-MM-DD HH:MM"
    #[arg(long, global = true, env = "KEFU_NOW", value_name = "TIME")]
    pub now: Option<String>,
    /// Who is acting, for the history [default: the OS user]
    #[arg(long, global = true, env = "KEFU_USER", value_name = "USER")]
    pub user: Option<String>,
    /// Time zone for reading and printing local times [default: the config's, Asia/Shanghai]
    #[arg(long, global = true, env = "KEFU_TZ", value_name = "ZONE")]
    pub tz: Option<String>,
    /// Config file [default: the platform config dir, kefu/config.toml]
    #[arg(long, global = true, env = "KEFU_CONFIG", value_name = "PATH")]
    pub config: Option<PathBuf>,
    /// Language of messages: zh or en [default: from the locale]
    #[arg(long, global = true, env = "KEFU_LANG", value_name = "LANG")]
    pub lang: Option<String>,
    /// Print JSON for scripts instead of text
    #[arg(long, global = true)]
    pub json: bool,
    /// Rebuild demo.db in the data dir relative to now and open the workbench on it
    #[arg(long)]
    pub demo: bool,
    /// What to do
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create an empty database (does nothing to an existing one)
    Init(InitArgs),
    /// Fill a sandbox database with realistic demo data, relative to now
    Demo(DemoArgs),
    /// Customer files
    #[command(subcommand)]
    Customer(CustomerCmd),
    /// A customer's contacts: add, change or remove one
    #[command(subcommand)]
    Contact(super::contact::ContactCmd),
    /// Customer grades: the proposal by revenue or criteria, and a manager's confirmation
    #[command(subcommand)]
    Grade(super::grade::GradeCmd),
    /// Sales per customer and month (the basis of grading by revenue)
    #[command(subcommand)]
    Sales(super::grade::SalesCmd),
    /// Leads (潜在客户): follow-ups by intent, and conversion into customers
    #[command(subcommand)]
    Lead(super::lead::LeadCmd),
    /// Visits and calls each grade is owed: what is due, logging one, a customer's log
    Care(super::care::CareArgs),
    /// The inquiry register (询价): answered within 24 hours, then quote, contract, order
    #[command(subcommand)]
    Inquiry(super::inquiry::InquiryCmd),
    /// Complaints
    #[command(subcommand)]
    Complaint(ComplaintCmd),
    /// Running SLA clocks of every open complaint, nearest due first
    Sla(SlaArgs),
    /// The daily SLA check-in meeting: opens its full-screen view, or prints its agenda
    Meeting(super::meeting::MeetingArgs),
    /// The KPI table for a period
    Kpi(KpiArgs),
    /// NPS overall and per grade against the targets; record an answer; the trend; campaigns
    Nps(super::nps::NpsArgs),
    /// Improvement cases a score below 7 opens: visit, plan, check-ins, verdict
    #[command(subcommand)]
    Improvement(super::improvement::ImprovementCmd),
    /// The weighted satisfaction questionnaire (MJ-QP-12): score, plan, record, report
    #[command(subcommand)]
    Survey(super::survey::SurveyCmd),
    /// When something started at --from is due after --hours (calendar or working time)
    Due(DueArgs),
    /// Corrective and preventive actions (纠正预防措施) on complaints, improvement cases
    /// and low satisfaction scores
    #[command(subcommand)]
    Capa(CapaCmd),
    /// Returns (RMA) linked to complaints
    #[command(subcommand)]
    Return(ReturnCmd),
    /// Record orders shipped per month (for the complaint rate)
    #[command(subcommand)]
    Shipments(ShipmentsCmd),
    /// The suggestions log (意见和建议)
    #[command(subcommand)]
    Suggestion(super::suggestion::SuggestionCmd),
    /// The staff list: who may act, in which role
    #[command(subcommand)]
    Staff(super::staff::StaffCmd),
    /// Who you are to kefu: your OS account and your staff record
    Whoami,
    /// Who may do what; administrators grant and revoke
    Permissions {
        /// Grant or revoke (none: show the table)
        #[command(subcommand)]
        change: Option<super::staff::PermissionCmd>,
    },
    /// Install for a team on one server (root): a group owns the data, kefu runs setgid
    SetupShared(super::shared::SharedArgs),
    /// The know-how register (技术诀窍): customer-exclusive formulas, L1-L3
    #[command(subcommand)]
    Knowhow(super::knowhow::KnowhowCmd),
    /// The team's settings (SLA clocks, KPI targets, approval threshold), kept in the database
    #[command(subcommand)]
    Settings(super::team::SettingsCmd),
    /// Check that the history and the records are as kefu wrote them
    #[command(subcommand)]
    Audit(super::audit::AuditCmd),
}

/// `kefu init`.
#[derive(Debug, Args)]
pub struct InitArgs {
    /// A sandbox for demos, tests and training: `--now` and `--user` may set the time
    /// and the person of a write, and `demo --force` may wipe it
    #[arg(long)]
    pub sandbox: bool,
}

/// `kefu demo`.
#[derive(Debug, Args)]
pub struct DemoArgs {
    /// How many customers
    #[arg(long, default_value_t = 120)]
    pub customers: u32,
    /// Random seed: the same seed and time give the same data
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Replace the data of a database that already has some
    #[arg(long)]
    pub force: bool,
}

pub use super::customer_args::*;

/// `kefu complaint ...`.
#[derive(Debug, Subcommand)]
pub enum ComplaintCmd {
    /// Register a complaint; prints its number
    Add(Box<ComplaintAddArgs>),
    /// List complaints, newest first
    List {
        /// Only open complaints
        #[arg(long)]
        open: bool,
    },
    /// Show a complaint with its clocks and steps
    Show {
        /// Complaint number (KS-YYYY-NNNNN)
        number: String,
    },
    /// First response given (received -> acknowledged)
    Ack(MoveArgs),
    /// Investigation started
    Investigate(MoveArgs),
    /// Plan proposed to the customer
    Plan(MoveArgs),
    /// Disposed (rework, replacement, return, credit); major ones need the three decisions
    Dispose(DisposeArgs),
    /// Followed up with the customer
    FollowUp(MoveArgs),
    /// Closed with the customer's sign-off
    Close(CloseArgs),
    /// Closed as not our responsibility (--note with the evidence is required)
    Reject(MoveArgs),
    /// Reopen a finished complaint: its clocks restart, its history stays
    Reopen(ReopenArgs),
    /// Written report sent to the customer (stops the report clock)
    Report(MoveArgs),
    /// Wait on the customer (samples, information): pausing clocks stop
    Wait {
        /// Complaint number
        number: String,
        /// What we wait for
        #[arg(long)]
        reason: String,
        /// Since when [default: now]
        #[arg(long, value_name = "TIME")]
        at: Option<String>,
    },
    /// End the wait on the customer
    Resume {
        /// Complaint number
        number: String,
        /// Since when [default: now]
        #[arg(long, value_name = "TIME")]
        at: Option<String>,
    },
    /// Set responsibility, root cause, contact, product, batch or quantity
    Set {
        /// Complaint number
        number: String,
        /// ours | not_ours | undetermined
        #[arg(long)]
        responsibility: Option<String>,
        /// Root cause
        #[arg(long)]
        root_cause: Option<String>,
        /// The customer's contact for this complaint
        #[arg(long)]
        contact: Option<String>,
        /// Product
        #[arg(long)]
        product: Option<String>,
        /// Batch
        #[arg(long)]
        batch: Option<String>,
        /// Quantity affected
        #[arg(long, allow_negative_numbers = true)]
        quantity: Option<String>,
    },
    /// Add a note to the complaint's history
    Note {
        /// Complaint number
        number: String,
        /// The note
        #[arg(long)]
        note: String,
    },
    /// Give the complaint to another owner
    Assign {
        /// Complaint number
        number: String,
        /// The new owner (username)
        #[arg(long)]
        to: String,
    },
    /// Escalate to the owner's supervisor
    Escalate {
        /// Complaint number
        number: String,
        /// When [default: now]
        #[arg(long, value_name = "TIME")]
        at: Option<String>,
    },
    /// Counts, Pareto, complaint rate and clock performance for a period
    Stats {
        /// 2026-10, 2026-Q3 or 2026 [default: the current month]
        #[arg(long)]
        period: Option<String>,
    },
}

/// A move of a complaint along its flow.
#[derive(Debug, Args)]
pub struct MoveArgs {
    /// Complaint number
    pub number: String,
    /// A note for the step history
    #[arg(long)]
    pub note: Option<String>,
    /// When it happened [default: now]
    #[arg(long, value_name = "TIME")]
    pub at: Option<String>,
}

/// `kefu complaint reopen`.
#[derive(Debug, Args)]
pub struct ReopenArgs {
    /// The move
    #[command(flatten)]
    pub m: MoveArgs,
    /// The customer's new reply-by [default: the report clock restarts from the reopening]
    #[arg(long, value_name = "TIME")]
    pub reply_by: Option<String>,
}

/// `kefu complaint dispose`.
#[derive(Debug, Args)]
pub struct DisposeArgs {
    /// The move
    #[command(flatten)]
    pub m: MoveArgs,
    /// Major complaints: decision on goods already shipped
    #[arg(long)]
    pub shipped: Option<String>,
    /// Major complaints: decision on stock
    #[arg(long)]
    pub stock: Option<String>,
    /// Major complaints: decision on work in progress
    #[arg(long)]
    pub wip: Option<String>,
}

/// `kefu complaint close`.
#[derive(Debug, Args)]
pub struct CloseArgs {
    /// The move
    #[command(flatten)]
    pub m: MoveArgs,
    /// Who signed off for the customer
    #[arg(long)]
    pub signed_by: Option<String>,
    /// How (signed delivery note, email, WeChat message...)
    #[arg(long)]
    pub how: Option<String>,
}

/// `kefu complaint add`.
#[derive(Debug, Args)]
pub struct ComplaintAddArgs {
    /// Customer code
    #[arg(long)]
    pub customer: String,
    /// Short title
    #[arg(long)]
    pub title: String,
    /// minor | major | urgent
    #[arg(long)]
    pub severity: String,
    /// quality | logistics | service | technical | other
    #[arg(long)]
    pub category: String,
    /// phone | wechat | line | email | platform | visit
    #[arg(long)]
    pub channel: String,
    /// When it was received [default: now]
    #[arg(long, value_name = "TIME")]
    pub received: Option<String>,
    /// The customer's reply deadline
    #[arg(long, value_name = "TIME")]
    pub reply_by: Option<String>,
    /// Longer description
    #[arg(long)]
    pub description: Option<String>,
    /// Owner (username)
    #[arg(long)]
    pub owner: Option<String>,
    /// Product concerned
    #[arg(long)]
    pub product: Option<String>,
    /// Batch concerned
    #[arg(long)]
    pub batch: Option<String>,
    /// Quantity affected
    #[arg(long, allow_negative_numbers = true)]
    pub quantity: Option<i64>,
}

/// `kefu sla`.
#[derive(Debug, Args)]
pub struct SlaArgs {
    /// `policy`: show the SLA policy instead (clocks, rules, escalation, calendar)
    #[arg(value_parser = ["policy"], value_name = "policy")]
    pub what: Option<String>,
    /// Read the clocks at this time [default: now]
    #[arg(long, value_name = "TIME")]
    pub at: Option<String>,
}

/// `kefu due`.
#[derive(Debug, Args)]
pub struct DueArgs {
    /// The start: RFC 3339 or "YYYY-MM-DD HH:MM"
    #[arg(long, value_name = "TIME")]
    pub from: String,
    /// How many hours (decimals allowed)
    #[arg(long, allow_negative_numbers = true)]
    pub hours: f64,
    /// Count working hours on the working-time calendar instead of calendar hours
    #[arg(long)]
    pub working: bool,
}

/// `kefu kpi`.
#[derive(Debug, Args)]
pub struct KpiArgs {
    /// 2026-10 (month), 2026-Q3 (quarter) or 2026 (year) [default: the current month]
    #[arg(long)]
    pub period: Option<String>,
}

/// `kefu shipments ...`.
#[derive(Debug, Subcommand)]
pub enum ShipmentsCmd {
    /// Set the orders shipped in a month
    Set {
        /// Month, YYYY-MM
        month: String,
        /// Orders shipped
        #[arg(allow_negative_numbers = true)]
        orders: i64,
    },
}

/// `kefu capa ...`.
#[derive(Debug, Subcommand)]
pub enum CapaCmd {
    /// Raise a CAPA on a complaint or an improvement case; prints its id
    Add {
        /// Complaint or improvement case number
        number: String,
        /// Root cause
        #[arg(long)]
        root_cause: String,
        /// Corrective action
        #[arg(long)]
        corrective: String,
        /// Preventive action
        #[arg(long)]
        preventive: String,
        /// Owner (username)
        #[arg(long)]
        owner: String,
        /// Due date, YYYY-MM-DD
        #[arg(long)]
        due: String,
    },
    /// Write the root cause and actions of a CAPA opened without them (by a low
    /// satisfaction score), or revise them before it is verified effective
    Plan {
        /// CAPA id
        id: i64,
        /// Root cause
        #[arg(long)]
        root_cause: String,
        /// Corrective action
        #[arg(long)]
        corrective: String,
        /// Preventive action
        #[arg(long)]
        preventive: String,
    },
    /// Record the effectiveness check
    Verify {
        /// CAPA id
        id: i64,
        /// effective | not_effective
        #[arg(long)]
        verdict: String,
        /// When [default: now]
        #[arg(long, value_name = "TIME")]
        at: Option<String>,
        /// Check an already verified CAPA again, for this reason (kept in the history)
        #[arg(long, value_name = "REASON")]
        reopen: Option<String>,
    },
    /// List CAPAs by due date; overdue ones are marked
    List {
        /// Only overdue ones
        #[arg(long)]
        overdue: bool,
        /// Only those raised by one complaint or improvement case
        #[arg(long, alias = "source", value_name = "NUMBER")]
        complaint: Option<String>,
    },
}

/// `kefu return ...`.
#[derive(Debug, Subcommand)]
pub enum ReturnCmd {
    /// Register a return on a complaint; prints its id
    Add {
        /// Complaint number
        number: String,
        /// Quantity returned
        #[arg(long, allow_negative_numbers = true)]
        quantity: i64,
        /// rework | scrap | return_to_customer
        #[arg(long)]
        disposition: String,
        /// Quality has confirmed the return (you, as quality)
        #[arg(long)]
        qa_confirmed: bool,
        /// Replacement order number
        #[arg(long)]
        replacement_order: Option<String>,
        /// Replacement value, RMB
        #[arg(long, default_value_t = 0.0, allow_negative_numbers = true)]
        value: f64,
    },
    /// Approve a replacement (managers only)
    Approve {
        /// Return id
        id: i64,
        /// When [default: now]
        #[arg(long, value_name = "TIME")]
        at: Option<String>,
    },
    /// Mark the replacement shipped (over 1000 RMB it must be approved first)
    Ship {
        /// Return id
        id: i64,
        /// When [default: now]
        #[arg(long, value_name = "TIME")]
        at: Option<String>,
    },
    /// List returns, newest first
    List {
        /// Only those of one complaint
        #[arg(long)]
        complaint: Option<String>,
    },
}

/// Refuses an argument that is not valid UTF-8, naming the flag it was given for.
pub fn check_utf8(args: impl IntoIterator<Item = std::ffi::OsString>) -> crate::error::Result<()> {
    let mut previous: Option<String> = None;
    for arg in args.into_iter().skip(1) {
        match arg.to_str() {
            Some(s) => previous = Some(s.to_string()),
            None => {
                let lossy = arg.to_string_lossy().into_owned();
                // `--name=…` names itself; otherwise the flag before it, if any.
                let flag = match lossy.split_once('=') {
                    Some((f, _)) if f.starts_with("--") && !f.contains('\u{FFFD}') => f.to_string(),
                    _ => previous
                        .filter(|p| p.starts_with('-'))
                        .unwrap_or_else(|| "ARG".to_string()),
                };
                return Err(crate::error::Error::Invalid {
                    field: crate::field_id::FieldId::Flag(flag.into()),
                    value: lossy,
                    rule: "rule.utf8",
                });
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod utf8_tests {
    use super::*;
    use std::os::unix::ffi::OsStringExt;

    fn args(list: &[&[u8]]) -> Vec<std::ffi::OsString> {
        list.iter()
            .map(|a| std::ffi::OsString::from_vec(a.to_vec()))
            .collect()
    }

    #[test]
    fn a_value_that_is_not_utf8_names_its_flag() {
        let flag = |list: &[&[u8]]| match check_utf8(args(list)) {
            Err(crate::error::Error::Invalid { field, .. }) => field.to_string(),
            other => format!("{other:?}"),
        };
        assert_eq!(
            flag(&[b"kefu", b"customer", b"add", b"--name", b"\xff\xfe"]),
            "--name"
        );
        assert_eq!(
            flag(&[b"kefu", b"customer", b"add", b"--city=\xff"]),
            "--city"
        );
        assert_eq!(flag(&[b"kefu", b"customer", b"show", b"\xff"]), "ARG");
        assert!(check_utf8(args(&[
            b"kefu",
            b"customer",
            b"add",
            "--name=恒瑞".as_bytes()
        ]))
        .is_ok());
    }
}
