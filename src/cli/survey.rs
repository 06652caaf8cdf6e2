//! `kefu survey score --answers LIST`: the satisfaction questionnaire's score and rating,
//! worked out without storing anything.

use clap::Subcommand;

use super::fields::choice_code;
use super::output::{print, print_json, Table};
use super::Ctx;
use crate::domain::questionnaire::Answer;
use crate::field_id::FieldId;

/// `kefu survey ...`.
#[derive(Debug, Subcommand)]
pub enum SurveyCmd {
    /// The score and rating of a set of answers (nothing is stored)
    Score {
        /// One answer per item in order, a (very satisfied) to e (opposed) or the label:
        /// a,b,a,c,a,a,b,a,a,a
        #[arg(long)]
        answers: String,
    },
}

/// Runs `kefu survey`.
pub fn run(ctx: &Ctx, cmd: &SurveyCmd) -> anyhow::Result<()> {
    let SurveyCmd::Score { answers } = cmd;
    let q = &ctx.policy.survey;
    let list = q.parse_answers(&FieldId::flag("--answers"), answers, |t| {
        choice_code(&Answer::CHOICES, t)
    })?;
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
        let name = match ctx.lang {
            crate::i18n::Lang::Zh => &item.name,
            crate::i18n::Lang::En => &item.name_en,
        };
        t.row(vec![
            name.clone(),
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
