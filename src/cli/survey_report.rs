//! `kefu survey report --round R`: a round's report as aligned tables, or JSON.

use super::output::{print, print_json, Table};
use super::Ctx;
use crate::domain::questionnaire::Answer;
use crate::domain::survey_report::{report, Group, SurveyReport};
use crate::error::Error;
use crate::field_id::FieldId;

/// Runs `kefu survey report`.
pub fn run(ctx: &Ctx, round: &str) -> anyhow::Result<()> {
    let round = ctx.policy.sampling.round(FieldId::flag("--round"), round)?;
    let store = ctx.read()?;
    let facts = store.survey_round_facts(&round)?;
    if facts.planned.is_empty() && facts.answers.is_empty() {
        return Err(Error::Refused {
            number: round,
            rule: "rule.plan_not_drawn",
        }
        .into());
    }
    let previous = match store.previous_survey_round(&round)? {
        Some(p) => Some(store.survey_round_facts(&p)?),
        None => None,
    };
    let r = report(&facts, previous.as_ref(), &ctx.policy.survey);
    if ctx.json {
        return Ok(print_json(&r)?);
    }
    print(&text(ctx, &r))?;
    Ok(())
}

/// A figure to one decimal, or the "none" mark.
fn figure(ctx: &Ctx, x: Option<f64>, unit: &str) -> String {
    x.map(|x| format!("{x:.1}{unit}"))
        .unwrap_or_else(|| ctx.t("survey_report.none"))
}

/// A change to one decimal with its sign, or the "none" mark.
fn change(ctx: &Ctx, x: Option<f64>) -> String {
    x.map(|x| format!("{x:+.1}"))
        .unwrap_or_else(|| ctx.t("survey_report.none"))
}

/// The report as text: groups, ratings, items, the customers below the line, the change.
fn text(ctx: &Ctx, r: &SurveyReport) -> String {
    let mut out = ctx.cat.fmt("survey_report.heading", &[("round", &r.round)]);
    out.push('\n');
    let mut t = Table::new(vec![
        ctx.t("col.group"),
        ctx.t("survey_report.planned"),
        ctx.t("survey_report.answered"),
        ctx.t("survey_report.rate"),
        ctx.t("survey_report.average"),
    ]);
    for i in 1..5 {
        t = t.align_right(i);
    }
    let mut group = |name: String, g: &Group| {
        t.row(vec![
            name,
            g.planned.to_string(),
            g.answered.to_string(),
            figure(ctx, g.response_rate_pct, "%"),
            figure(ctx, g.average_score, ""),
        ])
    };
    group(ctx.t("nps.overall"), &r.overall);
    for (grade, g) in &r.by_grade {
        group(ctx.cat.fmt("nps.grade", &[("grade", grade)]), g);
    }
    out.push_str(&t.render());

    let mut t = Table::new(vec![
        ctx.t("survey_report.rating"),
        ctx.t("survey_report.from"),
        ctx.t("col.responses"),
    ])
    .align_right(1)
    .align_right(2);
    for b in &r.by_rating {
        let from = b.from.map(|f| format!("{f}")).unwrap_or_default();
        t.row(vec![b.rating.clone(), from, b.count.to_string()]);
    }
    out.push('\n');
    out.push_str(&t.render());

    let mut head = vec![ctx.t("col.item"), ctx.t("survey_report.average_points")];
    head.extend(Answer::ALL.iter().map(|a| ctx.t(a.label_key())));
    let mut t = Table::new(head);
    for i in 1..=Answer::ALL.len() + 1 {
        t = t.align_right(i);
    }
    for f in &r.items {
        let name = match ctx.lang {
            crate::i18n::Lang::Zh => &f.item,
            crate::i18n::Lang::En => &f.item_en,
        };
        let mut row = vec![name.clone(), figure(ctx, f.average_points, "")];
        row.extend(f.counts.values().map(|n| n.to_string()));
        t.row(row);
    }
    out.push('\n');
    if t.is_empty() {
        out.push_str(&ctx.t("survey_report.no_answers"));
        out.push('\n');
    } else {
        out.push_str(&t.render());
    }

    let below = format!("{}", r.capa_below);
    out.push('\n');
    out.push_str(&ctx.cat.fmt("survey_report.below", &[("line", &below)]));
    out.push('\n');
    if r.below.is_empty() {
        out.push_str(&ctx.cat.fmt("survey_report.none_below", &[("line", &below)]));
        out.push('\n');
    } else {
        let mut t = Table::new(vec![
            ctx.t("col.code"),
            ctx.t("col.customer"),
            ctx.t("survey_report.score"),
            ctx.t("survey_report.rating"),
            ctx.t("survey_report.unhappy"),
            "CAPA".to_string(),
        ])
        .align_right(2);
        for b in &r.below {
            let items: Vec<String> = b
                .unhappy
                .iter()
                .map(|i| i.said(ctx.cat, ctx.lang))
                .collect();
            t.row(vec![
                b.customer.clone(),
                b.name.clone(),
                format!("{}", b.score),
                b.rating.clone(),
                items.join(&ctx.t("ui.list_sep")),
                b.capa.map(|c| c.to_string()).unwrap_or_default(),
            ]);
        }
        out.push_str(&t.render());
    }

    out.push('\n');
    out.push_str(&match &r.previous {
        None => ctx.t("survey_report.no_previous"),
        Some(p) => ctx.cat.fmt(
            "survey_report.change",
            &[
                ("previous", &p.round),
                ("score_then", &figure(ctx, p.average_score, "")),
                ("score_now", &figure(ctx, r.overall.average_score, "")),
                ("score_change", &change(ctx, p.average_score_change)),
                ("rate_then", &figure(ctx, p.response_rate_pct, "%")),
                ("rate_now", &figure(ctx, r.overall.response_rate_pct, "%")),
                ("rate_change", &change(ctx, p.response_rate_change)),
            ],
        ),
    });
    out.push('\n');
    out
}
