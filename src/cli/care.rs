//! `kefu care [--due-within 14d] [--mine] [--customer CODE]`, `kefu care log CODE` and
//! `kefu care history CODE`: the service cadence's visits and calls.

use chrono::NaiveDate;
use clap::{Args, Subcommand};

use super::fields::FieldArgs;
use super::output::{print, print_json, Table};
use super::Ctx;
use crate::domain::care::CareLog;
use crate::domain::fields::Record;
use crate::error::Error;
use crate::field_id::FieldId;
use crate::readmodel::care::{agenda, CareItem};
use crate::store::care::CareScope;

/// `kefu care`: what is due, or a subcommand.
#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct CareArgs {
    /// Log a visit or call, or list those logged
    #[command(subcommand)]
    pub cmd: Option<CareCmd>,
    /// How far ahead: days, as 14d or 14 (overdue ones are always listed) [default: 14d;
    /// with --customer, everything owed]
    #[arg(long, value_name = "DAYS")]
    pub due_within: Option<String>,
    /// Only the customers whose key account manager I am
    #[arg(long)]
    pub mine: bool,
    /// Only this customer
    #[arg(long, value_name = "CODE")]
    pub customer: Option<String>,
}

/// `kefu care ...`.
#[derive(Debug, Subcommand)]
pub enum CareCmd {
    /// Log a visit or call; it satisfies the matching task of the cadence
    Log {
        /// Customer code
        code: String,
        /// What was done, when, with whom
        #[command(flatten)]
        fields: FieldArgs<CareLog>,
    },
    /// A customer's visits and calls, the latest first
    History {
        /// Customer code
        code: String,
    },
}

/// Parses `14d` or `14` (whole days, 0 to 3660).
pub fn parse_days(text: &str) -> Result<i64, Error> {
    let t = text.trim();
    t.strip_suffix(['d', 'D'])
        .unwrap_or(t)
        .trim()
        .parse::<i64>()
        .ok()
        .filter(|n| (0..=3660).contains(n))
        .ok_or_else(|| Error::Invalid {
            field: FieldId::flag("--due-within"),
            value: text.to_string(),
            rule: "rule.days",
        })
}

/// Runs `kefu care`.
pub fn run(ctx: &Ctx, args: &CareArgs) -> anyhow::Result<()> {
    match &args.cmd {
        Some(CareCmd::Log { code, fields }) => {
            let mut log = CareLog::default();
            fields.apply(&mut log, ctx.tz)?;
            log.fill_defaults(ctx.now).map_err(super::flag_error)?;
            log.validate(ctx.tz).map_err(super::flag_error)?;
            ctx.open()?.write(|tx| tx.log_care(code, &log))?;
            if ctx.json {
                return Ok(print_json(&serde_json::json!({ "customer": code }))?);
            }
            print(&format!(
                "{}\n",
                ctx.cat.fmt("care.logged", &[("code", code)])
            ))?;
            Ok(())
        }
        Some(CareCmd::History { code }) => history(ctx, code),
        None => due(ctx, args),
    }
}

fn today(ctx: &Ctx) -> NaiveDate {
    ctx.now.with_timezone(&ctx.tz).date_naive()
}

fn due(ctx: &Ctx, args: &CareArgs) -> anyhow::Result<()> {
    let within = match (&args.due_within, &args.customer) {
        (Some(d), _) => parse_days(d)?,
        (None, Some(_)) => i64::from(u16::MAX),
        (None, None) => 14,
    };
    let store = ctx.read()?;
    if let Some(code) = &args.customer {
        store.require_customer(code)?;
    }
    let scope = CareScope {
        kam: args.mine.then_some(ctx.user.as_str()),
        customer: args.customer.as_deref(),
    };
    let standing = store.care_standing(&scope)?;
    let items = agenda(
        &standing,
        &ctx.policy.care,
        &ctx.policy.calendar,
        today(ctx),
        within,
    );
    if ctx.json {
        return Ok(print_json(&items)?);
    }
    print(&table(ctx, &items))?;
    let overdue = items.iter().filter(|i| i.overdue).count();
    print(&ctx.cat.fmt(
        "care.count",
        &[
            ("n", &items.len().to_string()),
            ("overdue", &overdue.to_string()),
        ],
    ))?;
    print("\n")?;
    Ok(())
}

/// The due list as a table: due date (marked when overdue), customer, grade, task, last.
pub fn table(ctx: &Ctx, items: &[CareItem]) -> String {
    let mut t = Table::new(vec![
        ctx.t("col.due"),
        ctx.t("col.code"),
        ctx.t("col.customer"),
        ctx.t("col.grade"),
        ctx.t("col.task"),
        ctx.t("col.every"),
        ctx.t("col.last_done"),
        ctx.t("col.kam"),
    ]);
    for i in items {
        let due = i.due.format("%Y-%m-%d").to_string();
        t.row(vec![
            if i.overdue {
                ctx.cat.fmt("care.overdue", &[("date", &due)])
            } else {
                due
            },
            i.customer.clone(),
            i.name.clone(),
            i.grade.as_str().to_string(),
            ctx.t(i.task.label_key()),
            ctx.t(i.every.label_key()),
            i.last
                .map(|d| d.format("%Y-%m-%d").to_string())
                .unwrap_or_default(),
            i.kam.clone().unwrap_or_default(),
        ]);
    }
    t.render()
}

fn history(ctx: &Ctx, code: &str) -> anyhow::Result<()> {
    let store = ctx.read()?;
    store.require_customer(code)?;
    let logs = store.care_logs(code)?;
    if ctx.json {
        let out: Vec<serde_json::Value> = logs
            .iter()
            .map(|l| {
                let mut v = serde_json::to_value(l).unwrap_or_default();
                if let Some(w) = &l.log.when {
                    v["when"] = super::report::json_time(ctx, w).into();
                }
                v
            })
            .collect();
        return Ok(print_json(&out)?);
    }
    let mut t = Table::new(vec![
        ctx.t("col.when"),
        ctx.t("field.activity"),
        ctx.t("field.contact_name"),
        ctx.t("col.note"),
        ctx.t("col.who"),
    ]);
    for l in &logs {
        t.row(vec![
            l.log
                .when
                .as_deref()
                .map(|w| crate::readmodel::history::stamp(w, ctx.tz))
                .unwrap_or_default(),
            l.log
                .activity
                .map(|a| ctx.t(a.label_key()))
                .unwrap_or_default(),
            l.log.contact.clone().unwrap_or_default(),
            l.log.note.clone().unwrap_or_default(),
            l.logged_by.clone(),
        ]);
    }
    print(&t.render())?;
    print(&ctx.cat.fmt("msg.count", &[("n", &logs.len().to_string())]))?;
    print("\n")?;
    Ok(())
}
