//! `kefu survey ...`: the satisfaction questionnaire (MJ-QP-12). `score` works out a set
//! of answers without storing anything; `plan` draws and shows a round's sample; `record`
//! and `report` are in their own files.

use clap::Subcommand;

use super::fields::choice_code;
use super::output::{print, print_json, Table};
use super::Ctx;
use crate::domain::questionnaire::Answer;
use crate::field_id::FieldId;

/// `kefu survey ...`.
#[derive(Debug, Subcommand)]
pub enum SurveyCmd {
    /// The sample of a round (drawn the first time, then as stored): grade A all, B half,
    /// C a fifth, D none; B and C rotate
    Plan {
        /// The round, as 2026-10 (a month rounds are held in: April and October)
        round: String,
        /// Take this customer out of the drawn plan (managers; with --reason)
        #[arg(long, value_name = "CODE")]
        remove: Option<String>,
        /// Put this customer into the drawn plan (managers; with --reason)
        #[arg(long, value_name = "CODE")]
        add: Option<String>,
        /// Why the plan changes (kept in its history)
        #[arg(long)]
        reason: Option<String>,
    },
    /// The score and rating of a set of answers (nothing is stored)
    Score {
        /// One answer per item in order, a (very satisfied) to e (opposed) or the label:
        /// a,b,a,c,a,a,b,a,a,a
        #[arg(long)]
        answers: String,
    },
    /// Record a customer's answers to a round (the customer must be in its plan); a score
    /// below 75 opens a CAPA
    Record(super::survey_record::RecordArgs),
    /// A round's report: response rate per grade, ratings, items, the customers below 75
    /// and the change since the previous round
    Report {
        /// The round, as 2026-10
        #[arg(long)]
        round: String,
    },
}

/// Runs `kefu survey`.
pub fn run(ctx: &Ctx, cmd: &SurveyCmd) -> anyhow::Result<()> {
    match cmd {
        SurveyCmd::Score { answers } => score(ctx, answers),
        SurveyCmd::Record(args) => super::survey_record::run(ctx, args),
        SurveyCmd::Report { round } => super::survey_report::run(ctx, round),
        SurveyCmd::Plan {
            round,
            remove,
            add,
            reason,
        } => {
            if remove.is_some() || add.is_some() {
                let r = ctx.policy.sampling.round(FieldId::flag("ROUND"), round)?;
                let why = reason.as_deref().unwrap_or("");
                ctx.open()?
                    .write(|tx| tx.swap_survey_plan(&r, remove.as_deref(), add.as_deref(), why))?;
            }
            plan(ctx, round)
        }
    }
}

fn plan(ctx: &Ctx, round: &str) -> anyhow::Result<()> {
    let round = ctx.policy.sampling.round(FieldId::flag("ROUND"), round)?;
    // A plan once drawn is read, so anyone may print it; drawing it writes.
    let mut rows = ctx.read()?.stored_survey_plan(&round)?;
    if rows.is_empty() {
        let shares = &ctx.policy.sampling.shares;
        rows = ctx.open()?.write(|tx| tx.survey_plan(&round, shares))?;
    }
    if ctx.json {
        return Ok(print_json(
            &serde_json::json!({ "round": round, "customers": rows }),
        )?);
    }
    let mut t = Table::new(vec![
        ctx.t("col.code"),
        ctx.t("col.customer"),
        ctx.t("col.grade"),
        ctx.t("col.reason"),
    ]);
    for r in &rows {
        t.row(vec![
            r.customer.clone(),
            r.name.clone(),
            r.grade.as_str().to_string(),
            ctx.t(&format!("sample.{}", r.reason)),
        ]);
    }
    print(&format!(
        "{}\n",
        ctx.cat.fmt("survey.plan", &[("round", &round)])
    ))?;
    print(&t.render())?;
    print(&ctx.cat.fmt("msg.count", &[("n", &rows.len().to_string())]))?;
    print("\n")?;
    Ok(())
}

/// Reads `--answers`: one per item, by letter or label in either language.
pub(super) fn parse_answers(ctx: &Ctx, answers: &str) -> crate::error::Result<Vec<Answer>> {
    ctx.policy
        .survey
        .parse_answers(&FieldId::flag("--answers"), answers, |t| {
            choice_code(&Answer::CHOICES, t)
        })
}

fn score(ctx: &Ctx, answers: &str) -> anyhow::Result<()> {
    let q = &ctx.policy.survey;
    let list = parse_answers(ctx, answers)?;
    let scored = q.score(&list);
    if ctx.json {
        return Ok(print_json(&scored)?);
    }
    let mut t = Table::new(vec![
        ctx.t("col.item"),
        ctx.t("col.answer"),
        ctx.t("col.points"),
    ])
    .align_right(2);
    for (item, a) in q.items.iter().zip(&list) {
        t.row(vec![
            item.label(ctx.lang).to_string(),
            ctx.t(a.label_key()),
            format!("{}", item.points[a.index()]),
        ]);
    }
    print(&t.render())?;
    print(&format!(
        "{}\n",
        ctx.cat.fmt(
            "survey.scored",
            &[
                ("score", &format!("{}", scored.score)),
                ("rating", &scored.rating)
            ]
        )
    ))?;
    Ok(())
}
