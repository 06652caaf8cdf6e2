//! `kefu lead add|list|show|follow-up|convert|drop`: leads and their follow-ups.

use chrono::NaiveDate;
use clap::Subcommand;

use super::fields::{choice, FieldArgs};
use super::output::{fields, print, print_json, Table};
use super::Ctx;
use crate::domain::complaint::Channel;
use crate::domain::customer::Grade;
use crate::domain::fields::Record;
use crate::domain::lead::{overdue, Intent, Lead, LeadStatus};
use crate::error::Error;
use crate::field_id::FieldId;
use crate::store::leads::LeadRecord;

/// `kefu lead ...`.
#[derive(Debug, Subcommand)]
pub enum LeadCmd {
    /// Take down a lead; prints its number (the first follow-up is due by its intent)
    Add {
        /// The lead's fields
        #[command(flatten)]
        fields: FieldArgs<Lead>,
    },
    /// Open leads, the next follow-up first
    List {
        /// Converted and dropped leads too
        #[arg(long)]
        all: bool,
        /// Only leads whose follow-up is overdue
        #[arg(long)]
        overdue: bool,
    },
    /// A lead with its follow-ups and history
    Show {
        /// Lead number (XS-2026-00001)
        number: String,
    },
    /// Log a follow-up and when the next one is
    FollowUp {
        /// Lead number
        number: String,
        /// What was said
        #[arg(long)]
        note: String,
        /// How: phone, wechat, line, email, platform, visit (or the label)
        #[arg(long, default_value = "phone")]
        how: String,
        /// The next follow-up agreed, YYYY-MM-DD [default: by the intent's cadence]
        #[arg(long)]
        next: Option<String>,
        /// The intent as it now stands: A, B or C
        #[arg(long)]
        intent: Option<String>,
    },
    /// Make the lead a customer (the monthly review); the lead is kept, linked
    Convert {
        /// Lead number
        number: String,
        /// The customer's code [default: the next C#####]
        #[arg(long)]
        code: Option<String>,
        /// The customer's grade (managers)
        #[arg(long)]
        grade: Option<String>,
    },
    /// Close a lead that will not buy, saying why
    Drop {
        /// Lead number
        number: String,
        /// Why
        #[arg(long)]
        reason: String,
    },
}

/// Runs a lead subcommand.
pub fn run(ctx: &Ctx, cmd: &LeadCmd) -> anyhow::Result<()> {
    let cadence = &ctx.policy.leads;
    match cmd {
        LeadCmd::Add { fields } => {
            let mut l = Lead::default();
            fields.apply(&mut l, ctx.tz)?;
            l.fill_defaults(ctx.now).map_err(super::flag_error)?;
            l.validate(ctx.tz).map_err(super::flag_error)?;
            let number = ctx.open()?.write(|tx| tx.add_lead(&l, cadence))?;
            say(ctx, &number)
        }
        LeadCmd::FollowUp {
            number,
            note,
            how,
            next,
            intent,
        } => {
            let how = choice(&Channel::CHOICES, "--how", how, Channel::parse)?;
            let intent = intent
                .as_deref()
                .map(|i| choice(&Intent::CHOICES, "--intent", i, Intent::parse))
                .transpose()?;
            let next = next
                .as_deref()
                .map(|d| {
                    NaiveDate::parse_from_str(d.trim(), "%Y-%m-%d").map_err(|_| Error::Invalid {
                        field: FieldId::flag("--next"),
                        value: d.to_string(),
                        rule: "rule.date",
                    })
                })
                .transpose()?;
            let due = ctx
                .open()?
                .write(|tx| tx.follow_up_lead(number, how, note, next, intent, cadence))?;
            if ctx.json {
                return Ok(print_json(
                    &serde_json::json!({ "number": number, "next": due }),
                )?);
            }
            print(&format!(
                "{number} {}\n",
                ctx.cat.fmt("lead.next", &[("date", &due)])
            ))?;
            Ok(())
        }
        LeadCmd::Convert {
            number,
            code,
            grade,
        } => {
            let grade = grade
                .as_deref()
                .map(|g| choice(&Grade::CHOICES, "--grade", g, Grade::parse))
                .transpose()?;
            let code = ctx
                .open()?
                .write(|tx| tx.convert_lead(number, code.as_deref(), grade))?;
            say(ctx, &code)
        }
        LeadCmd::Drop { number, reason } => {
            ctx.open()?.write(|tx| tx.drop_lead(number, reason))?;
            say(ctx, number)
        }
        LeadCmd::List { all, overdue: late } => list(ctx, *all, *late),
        LeadCmd::Show { number } => show(ctx, number),
    }
}

fn say(ctx: &Ctx, what: &str) -> anyhow::Result<()> {
    if ctx.json {
        print_json(&serde_json::json!({ "number": what }))?;
    } else {
        print(&format!("{what}\n"))?;
    }
    Ok(())
}

/// Whether the lead's follow-up is overdue today.
fn late(l: &LeadRecord, today: NaiveDate) -> bool {
    l.status == LeadStatus::Open && l.next_date().is_some_and(|d| overdue(d, today))
}

fn list(ctx: &Ctx, all: bool, only_late: bool) -> anyhow::Result<()> {
    let today = ctx.now.with_timezone(&ctx.tz).date_naive();
    let rows: Vec<LeadRecord> = ctx
        .read()?
        .leads(all)?
        .into_iter()
        .filter(|l| !only_late || late(l, today))
        .collect();
    if ctx.json {
        let out: Vec<serde_json::Value> = rows
            .iter()
            .map(|l| {
                let mut v = serde_json::to_value(l).unwrap_or_default();
                v["overdue"] = late(l, today).into();
                v
            })
            .collect();
        return Ok(print_json(&out)?);
    }
    let mut t = Table::new(vec![
        ctx.t("col.number"),
        ctx.t("field.lead_company"),
        ctx.t("field.intent"),
        ctx.t("col.owner"),
        ctx.t("col.next_follow_up"),
        ctx.t("col.status"),
    ]);
    for l in &rows {
        let next = l.next_follow_up.clone().unwrap_or_default();
        t.row(vec![
            l.number.clone(),
            l.fields.company.clone(),
            l.fields
                .intent
                .map(|i| i.as_str().to_string())
                .unwrap_or_default(),
            l.fields.owner.clone().unwrap_or_default(),
            if late(l, today) {
                ctx.cat.fmt("lead.overdue", &[("date", &next)])
            } else {
                next
            },
            match &l.customer {
                Some(c) => format!("{} {c}", ctx.t(l.status.label_key())),
                None => ctx.t(l.status.label_key()),
            },
        ]);
    }
    print(&t.render())?;
    print(&ctx.cat.fmt("msg.count", &[("n", &rows.len().to_string())]))?;
    print("\n")?;
    Ok(())
}

fn show(ctx: &Ctx, number: &str) -> anyhow::Result<()> {
    let store = ctx.read()?;
    let lead = store.lead(number)?;
    let history = store.history_of("lead", number)?;
    if ctx.json {
        let mut v = serde_json::to_value(&lead)?;
        v["created_at"] = super::report::json_time(ctx, &lead.created_at).into();
        for (i, f) in lead.follow_ups.iter().enumerate() {
            v["follow_ups"][i]["at"] = super::report::json_time(ctx, &f.at).into();
        }
        return Ok(print_json(&serde_json::json!({
            "lead": v,
            "history": super::report::history_json(ctx, &history),
        }))?);
    }
    let mut pairs = vec![(ctx.t("col.number"), lead.number.clone())];
    pairs.extend(
        crate::readmodel::fields::lines(&lead.fields, ctx.cat, ctx.tz)
            .into_iter()
            .map(|l| (l.label, l.value)),
    );
    pairs.push((ctx.t("col.status"), ctx.t(lead.status.label_key())));
    pairs.push((
        ctx.t("col.next_follow_up"),
        lead.next_follow_up.clone().unwrap_or_default(),
    ));
    if let Some(c) = &lead.customer {
        pairs.push((ctx.t("kind.customer"), c.clone()));
    }
    let mut out = fields(&pairs);
    out.push_str(&format!("\n{}\n", ctx.t("head.follow_ups")));
    let mut t = Table::new(vec![
        ctx.t("col.when"),
        ctx.t("col.who"),
        ctx.t("col.how"),
        ctx.t("col.note"),
        ctx.t("col.next_follow_up"),
    ]);
    for f in &lead.follow_ups {
        t.row(vec![
            crate::readmodel::history::stamp(&f.at, ctx.tz),
            f.by.clone(),
            ctx.t(f.how.label_key()),
            f.note.clone(),
            f.next.clone().unwrap_or_default(),
        ]);
    }
    out.push_str(&t.render());
    out.push_str(&format!("\n{}\n", ctx.t("head.history")));
    out.push_str(&super::report::history_table(ctx, &history));
    print(&out)?;
    Ok(())
}
