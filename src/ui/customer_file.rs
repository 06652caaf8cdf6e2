//! One customer's file, in tabs: overview, contacts, complaints, NPS answers, visits and
//! calls, history.

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
        FileTab::Care => care(app, rec),
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
    if !rec.cases.is_empty() {
        lines.push(Line::default());
        lines.push(Line::from(Span::styled(
            app.t("head.improvement_cases"),
            app.theme.header,
        )));
    }
    for c in &rec.cases {
        let (state, style) = match (c.verdict, c.overdue) {
            (Some(v), _) => (app.t(v.label_key()).to_string(), app.theme.muted),
            (None, true) => (
                crate::readmodel::improvement::due_label(app.cat, c),
                app.theme.error,
            ),
            (None, false) => (
                crate::readmodel::improvement::due_label(app.cat, c),
                app.theme.base,
            ),
        };
        lines.push(Line::from(vec![
            Span::raw(format!("{}  NPS {:>2}  ", c.number, c.score)),
            Span::styled(format!("{}  ", app.t(c.stage.label_key())), app.theme.title),
            Span::styled(state, style),
        ]));
    }
    lines
}

/// What the cadence asks next (overdue first, in the error style), then what was logged.
fn care<'a>(app: &App, rec: &CustomerRecord) -> Vec<Line<'a>> {
    let mut lines = vec![Line::from(Span::styled(
        app.t("head.care_owed"),
        app.theme.header,
    ))];
    if rec.owed.is_empty() {
        lines.push(Line::from(Span::styled(
            app.t("care.none_owed"),
            app.theme.muted,
        )));
    }
    let dues: Vec<(String, ratatui::style::Style)> = rec
        .owed
        .iter()
        .map(|i| {
            let due = i.due.format("%Y-%m-%d").to_string();
            if i.overdue {
                (
                    app.cat.fmt("care.overdue", &[("date", &due)]),
                    app.theme.error,
                )
            } else {
                (due, app.theme.title)
            }
        })
        .collect();
    // Columns as wide as their widest entry, so labels in either language line up.
    let widest = |w: &mut dyn Iterator<Item = usize>| w.max().unwrap_or(0);
    let due_w = widest(&mut dues.iter().map(|d| crate::text::width(&d.0)));
    let task_w = widest(
        &mut rec
            .owed
            .iter()
            .map(|i| crate::text::width(app.t(i.task.label_key()))),
    );
    let every_w = widest(
        &mut rec
            .owed
            .iter()
            .map(|i| crate::text::width(app.t(i.every.label_key()))),
    );
    for (i, (due, style)) in rec.owed.iter().zip(dues) {
        let last = i
            .last
            .map(|d| {
                app.cat
                    .fmt("care.last", &[("date", &d.format("%Y-%m-%d").to_string())])
            })
            .unwrap_or_default();
        lines.push(Line::from(vec![
            Span::styled(pad(&due, due_w), style),
            Span::raw(format!(
                "  {}  {}  {last}",
                pad(app.t(i.task.label_key()), task_w),
                pad(app.t(i.every.label_key()), every_w),
            )),
        ]));
    }
    lines.extend(heading(app, "head.care_logged"));
    if rec.care.is_empty() {
        lines.push(Line::from(Span::styled(
            app.t("care.none_logged"),
            app.theme.muted,
        )));
    }
    let what_w =
        widest(&mut rec.care.iter().map(|l| {
            crate::text::width(l.log.activity.map(|a| app.t(a.label_key())).unwrap_or(""))
        }));
    for l in &rec.care {
        let when = l
            .log
            .when
            .as_deref()
            .map(|w| crate::readmodel::history::stamp(w, app.tz))
            .unwrap_or_default();
        let what = l.log.activity.map(|a| app.t(a.label_key())).unwrap_or("");
        lines.push(Line::from(vec![
            Span::raw(format!("{when}  ")),
            Span::styled(pad(what, what_w), app.theme.title),
            Span::raw(clean(&format!(
                "  {}  {}  ({})",
                pad(l.log.contact.as_deref().unwrap_or(""), 10),
                l.log.note.as_deref().unwrap_or(""),
                l.logged_by
            ))),
        ]));
    }
    lines
}
