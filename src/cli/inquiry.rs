//! `kefu inquiry add|answer|stage|list|show`: the inquiry register (QEF-15-02).

use clap::Subcommand;

use super::fields::{choice_code, FieldArgs};
use super::output::{fields, print, print_json, Table};
use super::Ctx;
use crate::domain::fields::Record;
use crate::domain::inquiry::{answer_clock, Inquiry, InquiryAnswer, Stage};
use crate::domain::time::{from_store, local};
use crate::field_id::FieldId;
use crate::store::inquiries::InquiryRecord;

/// `kefu inquiry ...`.
#[derive(Debug, Subcommand)]
pub enum InquiryCmd {
    /// Register an inquiry from a customer (--customer) or a lead (--lead); prints its number
    Add {
        /// The inquiry's fields
        #[command(flatten)]
        fields: FieldArgs<Inquiry>,
    },
    /// Record the answer (once)
    Answer {
        /// Inquiry number (XJ-2026-00001)
        number: String,
        /// The answer's fields
        #[command(flatten)]
        fields: FieldArgs<InquiryAnswer>,
    },
    /// Record the quote, contract or order that followed
    Stage {
        /// Inquiry number
        number: String,
        /// quote, contract or order (or the label)
        stage: String,
        /// Its reference, e.g. the quote's number
        #[arg(long = "ref")]
        reference: String,
        /// When [default: now]
        #[arg(long)]
        at: Option<String>,
    },
    /// Inquiries, newest first
    List {
        /// Only unanswered ones, with their 24-hour clock
        #[arg(long)]
        open: bool,
        /// Only those received in the last N days
        #[arg(long)]
        days: Option<u32>,
    },
    /// One inquiry with its answer, stages and history
    Show {
        /// Inquiry number
        number: String,
    },
}

/// Runs an inquiry subcommand.
pub fn run(ctx: &Ctx, cmd: &InquiryCmd) -> anyhow::Result<()> {
    match cmd {
        InquiryCmd::Add { fields } => {
            let mut q = Inquiry::default();
            fields.apply(&mut q, ctx.tz)?;
            q.fill_defaults(ctx.now).map_err(super::flag_error)?;
            q.validate(ctx.tz).map_err(super::flag_error)?;
            let n = ctx
                .open()?
                .write(|tx| tx.register_inquiry(&q))
                .map_err(super::flag_error)?;
            say(ctx, &n)
        }
        InquiryCmd::Answer { number, fields } => {
            let mut a = InquiryAnswer::default();
            fields.apply(&mut a, ctx.tz)?;
            a.fill_defaults(ctx.now).map_err(super::flag_error)?;
            ctx.open()?
                .write(|tx| tx.answer_inquiry(number, &a))
                .map_err(super::flag_error)?;
            say(ctx, number)
        }
        InquiryCmd::Stage {
            number,
            stage,
            reference,
            at,
        } => {
            let code = choice_code(&Stage::CHOICES, stage).unwrap_or(stage);
            let s = Stage::parse(FieldId::flag("STAGE"), code)?;
            let at = ctx.time_or_now("--at", at.as_deref())?;
            ctx.open()?
                .write(|tx| tx.stage_inquiry(number, s, reference, at))?;
            say(ctx, number)
        }
        InquiryCmd::List { open, days } => list(ctx, *open, *days),
        InquiryCmd::Show { number } => show(ctx, number),
    }
}

fn say(ctx: &Ctx, number: &str) -> anyhow::Result<()> {
    if ctx.json {
        print_json(&serde_json::json!({ "number": number }))?;
    } else {
        print(&format!("{number}\n"))?;
    }
    Ok(())
}

/// The answer clock's words for an unanswered inquiry, or how long the answer took.
fn clock_text(ctx: &Ctx, q: &InquiryRecord) -> String {
    let received = q.asked.received.as_deref().and_then(from_store);
    let answered = q.answer.answered.as_deref().and_then(from_store);
    match (received, answered) {
        (Some(r), None) => {
            let (_, left, state) = answer_clock(r, ctx.policy.kpi.inquiry_hours, ctx.now);
            format!(
                "{} · {}",
                crate::report::remaining_label(ctx.cat, left),
                ctx.t(state.label_key())
            )
        }
        (Some(r), Some(a)) => {
            let hours = (a - r).num_minutes() as f64 / 60.0;
            ctx.cat
                .fmt("inquiry.took", &[("hours", &format!("{hours:.1}"))])
        }
        (None, _) => String::new(),
    }
}

fn list(ctx: &Ctx, open: bool, days: Option<u32>) -> anyhow::Result<()> {
    let from =
        days.map(|d| crate::domain::time::to_store(ctx.now - chrono::Duration::days(i64::from(d))));
    let rows = ctx.read()?.inquiries(from.as_deref(), open)?;
    if ctx.json {
        let out: Vec<serde_json::Value> = rows.iter().map(|q| json(ctx, q)).collect();
        return Ok(print_json(&out)?);
    }
    let mut t = Table::new(vec![
        ctx.t("col.number"),
        ctx.t("col.received"),
        ctx.t("col.customer"),
        ctx.t("field.asked"),
        ctx.t("col.answer_clock"),
    ]);
    for q in &rows {
        let asker = q
            .customer_name
            .clone()
            .or_else(|| q.asked.lead.clone())
            .unwrap_or_default();
        t.row(vec![
            q.number.clone(),
            q.asked
                .received
                .as_deref()
                .and_then(from_store)
                .map(|r| local(r, ctx.tz))
                .unwrap_or_default(),
            asker,
            crate::text::truncate(q.asked.subject.as_deref().unwrap_or(""), 30).into_owned(),
            clock_text(ctx, q),
        ]);
    }
    print(&t.render())?;
    print(&ctx.cat.fmt("msg.count", &[("n", &rows.len().to_string())]))?;
    print("\n")?;
    Ok(())
}

fn json(ctx: &Ctx, q: &InquiryRecord) -> serde_json::Value {
    let mut v = serde_json::json!({ "number": q.number });
    super::fields::json_fields(&mut v, &q.asked, ctx);
    super::fields::json_fields(&mut v, &q.answer, ctx);
    v["answered_by"] = q.answered_by.clone().into();
    for (s, reference, at) in &q.stages {
        v[s.as_str()] = serde_json::json!({
            "ref": reference,
            "at": crate::domain::time::stored_rfc3339(at, ctx.tz),
        });
    }
    if let (Some(r), None) = (
        q.asked.received.as_deref().and_then(from_store),
        q.answer.answered.as_deref(),
    ) {
        let (due, left, state) = answer_clock(r, ctx.policy.kpi.inquiry_hours, ctx.now);
        v["due"] = crate::domain::time::rfc3339(due, ctx.tz).into();
        v["remaining_s"] = left.into();
        v["state"] = state.as_str().into();
    }
    v
}

fn show(ctx: &Ctx, number: &str) -> anyhow::Result<()> {
    let store = ctx.read()?;
    let q = store.inquiry(number)?;
    let history = store.history_of("inquiry", number)?;
    if ctx.json {
        return Ok(print_json(&serde_json::json!({
            "inquiry": json(ctx, &q),
            "history": super::report::history_json(ctx, &history),
        }))?);
    }
    let mut pairs = vec![(ctx.t("col.number"), q.number.clone())];
    for lines in [
        crate::readmodel::fields::lines(&q.asked, ctx.cat, ctx.tz),
        crate::readmodel::fields::lines(&q.answer, ctx.cat, ctx.tz),
    ] {
        pairs.extend(lines.into_iter().map(|l| (l.label, l.value)));
    }
    pairs.push((
        ctx.t("col.answered_by"),
        q.answered_by.clone().unwrap_or_default(),
    ));
    pairs.push((ctx.t("col.answer_clock"), clock_text(ctx, &q)));
    for (s, reference, at) in &q.stages {
        let when = from_store(at).map(|t| local(t, ctx.tz)).unwrap_or_default();
        pairs.push((ctx.t(s.label_key()), format!("{reference}  {when}")));
    }
    let mut out = fields(&pairs);
    out.push_str(&format!("\n{}\n", ctx.t("head.history")));
    out.push_str(&super::report::history_table(ctx, &history));
    print(&out)?;
    Ok(())
}
