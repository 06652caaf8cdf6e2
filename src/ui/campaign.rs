//! Draws the NPS campaign: the counts per state and the response rate in the title, one
//! line per contact with its state, how it went, reminders and score.

use ratatui::layout::{Constraint, Rect};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use super::widgets::{clean, fitted_table, grade_style, pane_block, scrollbar};
use crate::app::selection::Selection;
use crate::app::App;
use crate::domain::campaign::ContactStatus;
use crate::store::campaigns::CampaignContact;

/// Draws `shown` of the campaign's contacts (`all`: None when it was never opened).
#[allow(clippy::too_many_arguments)]
pub fn draw(
    frame: &mut Frame,
    app: &App,
    area: Rect,
    quarter: &str,
    all: Option<&[CampaignContact]>,
    shown: &[&CampaignContact],
    only: Option<ContactStatus>,
    sel: &Selection,
) {
    let Some(all) = all else {
        let block = pane_block(
            app,
            app.cat.fmt("campaign.title_none", &[("quarter", quarter)]),
            true,
        );
        let inner = block.inner(area);
        frame.render_widget(block, area);
        let text = app.cat.fmt("campaign.not_opened", &[("quarter", quarter)]);
        frame.render_widget(
            Paragraph::new(text)
                .style(app.theme.muted)
                .wrap(ratatui::widgets::Wrap { trim: true }),
            inner,
        );
        return;
    };
    let answered = all
        .iter()
        .filter(|c| c.status == ContactStatus::Answered)
        .count();
    let rate = match all.len() {
        0 => "–".to_string(),
        n => format!("{:.1}%", 100.0 * answered as f64 / n as f64),
    };
    let showing = only.map_or_else(
        || app.t("campaign.all").to_string(),
        |s| app.t(s.label_key()).to_string(),
    );
    let title = app.cat.fmt(
        "campaign.title",
        &[
            ("quarter", quarter),
            ("answered", &answered.to_string()),
            ("n", &all.len().to_string()),
            ("rate", &rate),
            ("showing", &showing),
            ("shown", &shown.len().to_string()),
        ],
    );
    let block = pane_block(app, title, true);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let header: Vec<String> = [
        "col.customer",
        "col.name",
        "col.grade",
        "col.contact",
        "col.status",
        "col.how",
        "col.reminders",
        "col.score",
    ]
    .iter()
    .map(|k| app.t(k).to_string())
    .collect();
    let widths = [
        Constraint::Length(8),
        Constraint::Fill(2),
        Constraint::Length(5),
        Constraint::Fill(1),
        Constraint::Length(8),
        Constraint::Length(8),
        Constraint::Length(5),
        Constraint::Length(5),
    ];
    let body_h = inner.height.saturating_sub(1) as usize;
    let offset = sel.visible_offset(body_h, shown.len());
    let rows = shown
        .iter()
        .skip(offset)
        .take(body_h)
        .map(|c| {
            let status_style = match c.status {
                ContactStatus::Answered => app.theme.ok,
                ContactStatus::Declined => app.theme.muted,
                ContactStatus::Pending | ContactStatus::Sent | ContactStatus::Reminded => {
                    app.theme.base
                }
            };
            vec![
                (clean(&c.customer), app.theme.base),
                (clean(&c.name), app.theme.base),
                (
                    c.grade
                        .map(|g| g.as_str().to_string())
                        .unwrap_or_else(|| "–".into()),
                    grade_style(app, c.grade),
                ),
                (clean(&c.contact), app.theme.base),
                (app.t(c.status.label_key()).to_string(), status_style),
                (
                    c.sent_how
                        .map(|h| app.t(h.label_key()).to_string())
                        .unwrap_or_default(),
                    app.theme.muted,
                ),
                (c.reminders.to_string(), app.theme.muted),
                (
                    c.score.map(|s| s.to_string()).unwrap_or_default(),
                    app.theme.base,
                ),
            ]
        })
        .collect();
    if shown.is_empty() {
        frame.render_widget(
            Paragraph::new(app.t("campaign.none_shown")).style(app.theme.muted),
            inner,
        );
        return;
    }
    fitted_table(
        frame,
        app,
        inner,
        &header,
        &widths,
        rows,
        sel.selected.checked_sub(offset),
    );
    scrollbar(frame, area, shown.len(), offset, body_h);
}
