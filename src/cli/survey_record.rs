//! `kefu survey record --round R --customer CODE --answers LIST`: one customer's answers to
//! a round, stored with the score, the rating and the grade they hold.

use clap::Args;

use super::output::{print, print_json, Table};
use super::Ctx;
use crate::domain::survey_answer::{answer_date, capa_for};
use crate::field_id::FieldId;
use crate::store::survey_answers::{NewSurveyAnswer, RecordedAnswer};

/// `kefu survey record`.
#[derive(Debug, Args)]
pub struct RecordArgs {
    /// The round, as 2026-10
    #[arg(long)]
    pub round: String,
    /// Customer code (in the round's plan)
    #[arg(long)]
    pub customer: String,
    /// One answer per item in order, a (very satisfied) to e (opposed) or the label:
    /// a,b,a,c,a,a,b,a,a,a
    #[arg(long)]
    pub answers: String,
    /// The day the customer answered, YYYY-MM-DD [default: today]
    #[arg(long)]
    pub date: Option<String>,
    /// Replace the customer's answer to this round (the old one stays in the history)
    #[arg(long)]
    pub replace: bool,
}

/// Runs `kefu survey record`: everything is checked before anything is written.
pub fn run(ctx: &Ctx, args: &RecordArgs) -> anyhow::Result<()> {
    let round = ctx
        .policy
        .sampling
        .round(FieldId::flag("--round"), &args.round)?;
    let answers = super::survey::parse_answers(ctx, &args.answers)?;
    let today = ctx.now.with_timezone(&ctx.tz).date_naive();
    let answered_on = match &args.date {
        Some(d) => answer_date(FieldId::flag("--date"), d, today)?,
        None => today,
    };
    let q = &ctx.policy.survey;
    let filled = q.fill(&answers);
    let capa = capa_for(q, ctx.cat, ctx.lang, &round, &filled, answered_on);
    let new = NewSurveyAnswer {
        round,
        customer: args.customer.trim().to_string(),
        answered_on,
        filled,
        replace: args.replace,
        capa,
    };
    let stored = ctx.open()?.write(|tx| tx.record_survey_answer(&new))?;
    if ctx.json {
        return Ok(print_json(&stored)?);
    }
    print(&said(ctx, &stored))?;
    Ok(())
}

/// The answer as text: the items with their answers and points, then what was stored
/// and the CAPA it opened.
fn said(ctx: &Ctx, r: &RecordedAnswer) -> String {
    let a = &r.answer;
    let mut t = Table::new(vec![
        ctx.t("col.item"),
        ctx.t("col.answer"),
        ctx.t("col.points"),
    ])
    .align_right(2);
    for i in &a.filled.items {
        t.row(vec![
            i.label(ctx.lang).to_string(),
            ctx.t(i.answer.label_key()),
            format!("{}", i.points),
        ]);
    }
    let key = if a.replaced {
        "survey.replaced"
    } else {
        "survey.recorded"
    };
    let mut out = t.render();
    out.push_str(&ctx.cat.fmt(
        key,
        &[
            ("round", &a.round),
            ("code", &a.customer),
            ("name", &a.name),
            ("score", &format!("{}", a.filled.score)),
            ("rating", &a.filled.rating),
        ],
    ));
    out.push('\n');
    if let Some(c) = &r.capa_opened {
        out.push_str(&ctx.cat.fmt(
            "survey.capa_opened",
            &[
                ("id", &c.id.to_string()),
                ("owner", &c.owner),
                ("due", &c.due_date.to_string()),
            ],
        ));
        out.push('\n');
    }
    out
}
