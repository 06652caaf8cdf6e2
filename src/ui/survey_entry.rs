//! Draws the survey answer form: the round and the customer, one row per item with its
//! answer and points in the UI language, the running score and rating, and what to press.

use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};
use ratatui::Frame;

use super::widgets::{clean, grade_style, pane_block};
use crate::app::App;
use crate::text::{pad, pad_left, width};
use crate::views::survey_entry::SurveyEntry;

/// Draws `form` in `area`.
pub fn draw(frame: &mut Frame, app: &App, area: Rect, form: &SurveyEntry) {
    let t = &app.theme;
    let round = form.round(app);
    let pending = form.pending();
    let title = app.cat.fmt(
        "survey_form.title",
        &[("round", &round), ("n", &pending.len().to_string())],
    );
    let block = pane_block(app, title, true);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let q = &app.policy.survey;
    let row_style = |row: usize| {
        if form.focus == row {
            t.selected
        } else {
            t.base
        }
    };
    let labels = [app.t("survey_form.round"), app.t("survey_form.customer")];
    let label_w = labels.iter().map(|l| width(l)).max().unwrap_or(0) + 2;
    let mut lines: Vec<Line> = Vec::new();
    lines.push(Line::from(vec![
        Span::styled(pad(labels[0], label_w), t.header),
        Span::styled(format!("‹ {round} ›"), row_style(0)),
    ]));
    let customer: Vec<Span> = match (&form.data, form.picked()) {
        (None, _) => vec![Span::styled(app.t("survey_form.loading"), t.muted)],
        (Some(d), _) if d.plan.is_empty() => vec![Span::styled(
            app.cat.fmt("survey_form.no_plan", &[("round", &round)]),
            t.warning,
        )],
        (Some(_), None) => vec![Span::styled(app.t("survey_form.all_answered"), t.ok)],
        (Some(_), Some(p)) => vec![
            Span::styled(
                format!("‹ {} {} ", clean(&p.customer), clean(&p.name)),
                row_style(1),
            ),
            Span::styled(
                app.cat.fmt("nps.grade", &[("grade", p.grade.as_str())]),
                grade_style(app, Some(p.grade)),
            ),
            Span::styled(" ›", row_style(1)),
        ],
    };
    let mut first = vec![Span::styled(pad(labels[1], label_w), t.header)];
    first.extend(customer);
    lines.push(Line::from(first));
    lines.push(Line::raw(""));

    let names: Vec<&str> = q.items.iter().map(|i| i.label(app.lang)).collect();
    let item_w = names
        .iter()
        .map(|n| width(n))
        .chain([width(app.t("col.item"))])
        .max()
        .unwrap_or(0);
    let answer_w = crate::domain::questionnaire::Answer::ALL
        .iter()
        .map(|a| width(app.t(a.label_key())) + 2)
        .chain([width(app.t("col.answer"))])
        .max()
        .unwrap_or(0);
    let head = format!(
        "{}  {}  {}  {}",
        pad_left("#", 2),
        pad(app.t("col.item"), item_w),
        pad(app.t("col.answer"), answer_w),
        app.t("col.points")
    );
    lines.push(Line::styled(head, t.header));
    for (i, (item, name)) in q.items.iter().zip(&names).enumerate() {
        let given = form.answers.get(i).copied().flatten();
        let (answer, points, style) = match given {
            Some(a) => (
                format!("{} {}", a.as_str(), app.t(a.label_key())),
                format!("{}", item.points[a.index()]),
                if a.unhappy() { t.warning } else { t.base },
            ),
            None => ("·".to_string(), String::new(), t.muted),
        };
        let focused = form.focused_item() == Some(i);
        let style = if focused { t.selected } else { style };
        lines.push(Line::from(vec![
            Span::styled(format!("{}  ", pad_left(&(i + 1).to_string(), 2)), style),
            Span::styled(format!("{}  ", pad(name, item_w)), style),
            Span::styled(format!("{}  ", pad(&answer, answer_w)), style),
            Span::styled(pad_left(&points, width(app.t("col.points"))), style),
        ]));
    }
    lines.push(Line::raw(""));
    let scored = form.scored(app);
    let given = form.answers.iter().flatten().count();
    let score_style: Style = if given == q.items.len() && q.needs_capa(scored.score) {
        t.warning
    } else {
        t.title
    };
    lines.push(Line::styled(
        app.cat.fmt(
            "survey_form.score",
            &[
                ("score", &format!("{}", scored.score)),
                ("rating", &scored.rating),
                ("given", &given.to_string()),
                ("items", &q.items.len().to_string()),
            ],
        ),
        score_style,
    ));
    if let Some(p) = &form.problem {
        lines.push(Line::styled(clean(p), t.error));
    }
    lines.push(Line::styled(app.t("survey_form.keys"), t.key_hint));
    let p = Paragraph::new(lines).style(t.base);
    frame.render_widget(p.wrap(Wrap { trim: false }), inner);
}
