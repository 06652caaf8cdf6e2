//! One customer's file, in tabs: overview, contacts, complaints, NPS answers, history.

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Tabs;
use ratatui::Frame;

use super::detail::{heading, history_lines, pairs, scrolled};
use super::widgets::{clean, grade_style};
use crate::app::selection::Selection;
use crate::app::App;
use crate::readmodel::customer_file as model;
use crate::text::pad;
use crate::views::{CustomerRecord, FileTab};

/// Draws the file's tab bar and the chosen tab.
pub fn draw(
    frame: &mut Frame,
    app: &App,
    area: Rect,
    rec: &CustomerRecord,
    tab: FileTab,
    sel: &Selection,
) {
    let [bar, body] = Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(area);
    let titles: Vec<Line> = FileTab::ALL
        .iter()
        .map(|t| Line::from(format!(" {} ", app.t(t.label_key()))))
        .collect();
    let at = FileTab::ALL.iter().position(|t| *t == tab).unwrap_or(0);
    frame.render_widget(
        Tabs::new(titles)
            .select(at)
            .style(app.theme.muted)
            .highlight_style(app.theme.selected)
            .divider("│"),
        bar,
    );
    let file = &rec.file;
    let name = file
        .fields
        .short_name
        .as_deref()
        .unwrap_or(&file.fields.name);
    let title = format!(
        "{} {} · {}",
        clean(&file.code),
        clean(name),
        app.t(tab.label_key())
    );
    let lines = match tab {
        FileTab::Overview => overview(app, rec),
        FileTab::Contacts => contacts(app, rec),
        FileTab::Complaints => complaints(app, rec),
        FileTab::Nps => nps(app, rec),
        FileTab::History => history_lines(app, &rec.history),
    };
    scrolled(frame, app, body, lines, title, sel);
}

fn overview<'a>(app: &App, rec: &CustomerRecord) -> Vec<Line<'a>> {
    let file = &rec.file;
    let items: Vec<(String, Span)> =
        model::field_lines(file, &app.policy.required, app.cat, app.tz)
            .into_iter()
            .map(|l| {
                let span = if l.field == "grade" {
                    Span::styled(clean(&l.value), grade_style(app, file.fields.grade))
                } else {
                    Span::raw(clean(&l.value))
                };
                (l.label, span)
            })
            .collect();
    let mut lines = pairs(app, items);
    if !file.products.is_empty() {
        lines.extend(heading(app, "head.products"));
        for p in &file.products {
            let spec = p.spec.as_deref().unwrap_or("");
            lines.push(Line::from(clean(&format!("{}  {spec}", p.product))));
        }
    }
    lines.extend(heading(app, "head.grade_history"));
    for row in model::grade_rows(file, app.cat, app.tz) {
        lines.push(Line::from(clean(&row.join("  "))));
    }
    lines
}

fn contacts<'a>(app: &App, rec: &CustomerRecord) -> Vec<Line<'a>> {
    let rows = model::contact_rows(&rec.file, app.cat);
    if rows.is_empty() {
        return vec![Line::from(Span::styled(
            app.t("customer.no_contacts"),
            app.theme.muted,
        ))];
    }
    let mut lines = Vec::new();
    for row in rows {
        // A contact's name and role, then each way to reach them on its own labelled line.
        lines.push(Line::from(vec![
            Span::styled(clean(&row[0]), app.theme.title),
            Span::raw(format!("  {}  {}", clean(&row[1]), clean(&row[6]))),
        ]));
        let ways: Vec<(String, Span)> = model::CONTACT_COLUMNS[2..6]
            .iter()
            .zip(&row[2..6])
            .filter(|(_, v)| !v.is_empty())
            .map(|(k, v)| (format!("  {}", app.t(k)), Span::raw(clean(v))))
            .collect();
        lines.extend(pairs(app, ways));
        lines.push(Line::default());
    }
    lines
}

fn complaints<'a>(app: &App, rec: &CustomerRecord) -> Vec<Line<'a>> {
    let mut lines = vec![Line::from(Span::styled(
        app.t("head.customer_complaints"),
        app.theme.header,
    ))];
    if rec.complaints.is_empty() {
        lines.push(Line::from(Span::styled("–", app.theme.muted)));
    }
    for c in &rec.complaints {
        let step = app.t(&format!("step_short.{}", c.step.as_str()));
        lines.push(Line::from(vec![
            Span::styled(clean(&c.number), app.theme.key_hint),
            Span::raw(format!(
                "  {}  {}  {}",
                crate::domain::time::local(c.facts.received_at, app.tz),
                pad(step, 8),
                clean(&c.title)
            )),
        ]));
    }
    lines
}

fn nps<'a>(app: &App, rec: &CustomerRecord) -> Vec<Line<'a>> {
    let mut lines = vec![Line::from(Span::styled(
        app.t("head.customer_nps"),
        app.theme.header,
    ))];
    if rec.nps.is_empty() {
        lines.push(Line::from(Span::styled("–", app.theme.muted)));
    }
    for n in &rec.nps {
        let kind = crate::domain::nps::classify(n.score.clamp(0, 10) as u8);
        lines.push(Line::from(vec![
            Span::raw(format!("{}  ", crate::domain::time::local(n.at, app.tz))),
            Span::styled(format!("{:>2}", n.score), app.theme.title),
            Span::raw(format!(
                "  {}  {}",
                app.t(kind.label_key()),
                clean(n.comment.as_deref().unwrap_or(""))
            )),
        ]));
    }
    lines
}
