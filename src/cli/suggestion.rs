//! `kefu suggestion add|list|show|respond|summary`: the suggestions log (意见和建议).

use crate::field_id::FieldId;
use chrono::Datelike;
use clap::Subcommand;

use super::fields::{choice_code, json_fields, FieldArgs};
use super::history::{history_json, history_table};
use super::output::{fields, print, print_json, Table};
use super::Ctx;
use crate::domain::fields::Record;
use crate::domain::suggestion::{
    summarize, Status, Suggestion, SuggestionRecord, SuggestionResponse,
};
use crate::readmodel::suggestion::{detail, headline, list_row, summary_blocks, LIST_COLUMNS};
use crate::store::suggestions::SuggestionFilter;

/// `kefu suggestion ...`.
#[derive(Debug, Subcommand)]
pub enum SuggestionCmd {
    /// Take down a customer's suggestion; prints its number
    Add {
        /// The suggestion's fields
        #[command(flatten)]
        fields: FieldArgs<Suggestion>,
    },
    /// List suggestions, newest first
    List {
        /// Only those received in this year
        #[arg(long)]
        year: Option<i32>,
        /// Only this status: open, forwarded or answered (or its label)
        #[arg(long)]
        status: Option<String>,
        /// Only this customer's
        #[arg(long)]
        customer: Option<String>,
    },
    /// Show one suggestion with its history
    Show {
        /// Suggestion number (JY-YYYY-NNNNN)
        number: String,
    },
    /// Record the answer (or where it was passed on: --status forwarded)
    Respond {
        /// Suggestion number
        number: String,
        /// The answer's fields
        #[command(flatten)]
        fields: FieldArgs<SuggestionResponse>,
    },
    /// The year-end summary: by topic, status, channel and month, repeat customers
    Summary {
        /// The year [default: this year]
        #[arg(long)]
        year: Option<i32>,
    },
}

/// Runs a suggestion subcommand.
pub fn run(ctx: &Ctx, cmd: &SuggestionCmd) -> anyhow::Result<()> {
    match cmd {
        SuggestionCmd::Add { fields } => add(ctx, fields),
        SuggestionCmd::List {
            year,
            status,
            customer,
        } => list(ctx, *year, status.as_deref(), customer.clone()),
        SuggestionCmd::Show { number } => show(ctx, number),
        SuggestionCmd::Respond { number, fields } => respond(ctx, number, fields),
        SuggestionCmd::Summary { year } => summary(ctx, *year),
    }
}

fn add(ctx: &Ctx, args: &FieldArgs<Suggestion>) -> anyhow::Result<()> {
    let mut s = Suggestion::default();
    args.apply(&mut s, ctx.tz)?;
    s.fill_defaults(ctx.now)?;
    let number = ctx.open()?.add_suggestion(&s)?;
    if ctx.json {
        print_json(&serde_json::json!({ "number": number }))?;
    } else {
        print(&format!("{number}\n"))?;
    }
    Ok(())
}

fn respond(ctx: &Ctx, number: &str, args: &FieldArgs<SuggestionResponse>) -> anyhow::Result<()> {
    let mut store = ctx.open()?;
    let mut r = store.suggestion(number)?.response;
    // Only what is given changes; the time and status fall back to now and "answered".
    r.responded = None;
    r.status = None;
    args.apply(&mut r, ctx.tz)?;
    r.fill_defaults(ctx.now)?;
    store.respond_suggestion(number, &r)?;
    ctx.saved()
}

fn list(
    ctx: &Ctx,
    year: Option<i32>,
    status: Option<&str>,
    customer: Option<String>,
) -> anyhow::Result<()> {
    let status = status
        .map(|s| {
            choice_code(&Status::CHOICES, s)
                .map(str::to_string)
                .ok_or_else(|| crate::error::Error::InvalidChoice {
                    field: FieldId::flag("--status"),
                    value: s.into(),
                    expected: Status::CHOICES.codes.join("|"),
                })
        })
        .transpose()?;
    let store = ctx.read()?;
    let rows = store.list_suggestions(&SuggestionFilter {
        year,
        status,
        customer,
    })?;
    if ctx.json {
        let v: Vec<_> = rows.iter().map(|r| record_json(ctx, r)).collect();
        print_json(&v)?;
        return Ok(());
    }
    let mut t = Table::new(LIST_COLUMNS.iter().map(|k| ctx.t(k)).collect());
    for r in &rows {
        t.row(list_row(r, ctx.cat, ctx.tz).to_vec());
    }
    print(&t.render())?;
    print(&ctx.cat.fmt("msg.count", &[("n", &rows.len().to_string())]))?;
    print("\n")?;
    Ok(())
}

/// A suggestion for `--json`: its number, every declared field, times in the user's zone.
fn record_json(ctx: &Ctx, r: &SuggestionRecord) -> serde_json::Value {
    let mut v = serde_json::json!({ "number": r.number });
    json_fields(&mut v, &r.suggestion, ctx);
    json_fields(&mut v, &r.response, ctx);
    v
}

fn show(ctx: &Ctx, number: &str) -> anyhow::Result<()> {
    let store = ctx.read()?;
    let r = store.suggestion(number)?;
    let history = store.history_of("suggestion", number)?;
    if ctx.json {
        print_json(&serde_json::json!({
            "suggestion": record_json(ctx, &r),
            "history": history_json(ctx, &history),
        }))?;
        return Ok(());
    }
    let pairs: Vec<(String, String)> = detail(&r, ctx.cat, ctx.tz)
        .into_iter()
        .map(|l| (l.label, l.value))
        .collect();
    let mut out = fields(&pairs);
    out.push_str(&format!("\n{}\n", ctx.t("head.history")));
    out.push_str(&history_table(ctx, &history));
    print(&out)?;
    Ok(())
}

fn summary(ctx: &Ctx, year: Option<i32>) -> anyhow::Result<()> {
    let year = year.unwrap_or_else(|| ctx.now.with_timezone(&ctx.tz).year());
    let store = ctx.read()?;
    let rows = store.list_suggestions(&SuggestionFilter {
        year: Some(year),
        ..Default::default()
    })?;
    let s = summarize(year, &rows, ctx.tz);
    if ctx.json {
        print_json(&s)?;
        return Ok(());
    }
    let mut out = format!("{}\n", headline(&s, ctx.cat));
    for b in summary_blocks(&s, ctx.cat) {
        if b.rows.is_empty() {
            continue;
        }
        out.push_str(&format!("\n{}\n", b.heading));
        let mut t = Table::new(vec![String::new(), ctx.t("col.count"), ctx.t("col.share")])
            .align_right(1)
            .align_right(2);
        for (label, n, share) in b.rows {
            t.row(vec![label, n.to_string(), format!("{share:.1}%")]);
        }
        out.push_str(&t.render());
    }
    if !s.open.is_empty() {
        out.push_str(&format!(
            "\n{}\n{}\n",
            ctx.t("suggestion.open_list"),
            s.open.join("  ")
        ));
    }
    print(&out)?;
    Ok(())
}
