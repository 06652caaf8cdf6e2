//! The complaint board: open complaints, urgent first, with live countdowns.

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use super::widgets::{clean, fitted_table, pane_block, scrollbar, state_style};
use crate::app::data::nearest_clock;
use crate::app::selection::Selection;
use crate::app::triage::Triage;
use crate::app::App;
use crate::domain::complaint::Severity;
use crate::domain::inquiry::answer_clock;
use crate::input::action::{Column, Toggle};
use crate::readmodel::improvement::CaseClock;
use crate::report::{remaining_label, InquiryClock};
use crate::store::complaints::ComplaintRow;

/// What the board pane shows.
pub struct BoardList<'a> {
    /// The complaints shown, in order.
    pub rows: &'a [&'a ComplaintRow],
    /// Complaints loaded before the filter and toggles.
    pub total: usize,
    /// Loaded complaints past due.
    pub breached: usize,
    /// The filter, toggles and sort.
    pub triage: &'a Triage,
    /// The selection.
    pub sel: &'a Selection,
    /// Complaints whose row flashes now (a clock just became breached).
    pub flashing: &'a [String],
    /// Unanswered inquiries and their answer clocks, nearest due first.
    pub inquiries: &'a [InquiryClock],
    /// Open improvement cases and their clocks, the earliest due first.
    pub cases: &'a [CaseClock],
}

/// Lines of the pane a strip under the complaints takes (the inquiries, the improvement
/// cases): its heading and up to a quarter of the pane,
/// none when there are none or the pane is too short to share.
fn inquiry_lines(inner: Rect, n: usize) -> u16 {
    if n == 0 || inner.height < 10 {
        return 0;
    }
    1 + (n as u16).min(inner.height / 4)
}

/// The unanswered inquiries under the complaints, each with its live 24-hour countdown.
fn inquiries(frame: &mut Frame, app: &App, area: Rect, list: &[InquiryClock]) {
    let hours = app.policy.kpi.inquiry_hours;
    let allowed = chrono::Duration::seconds((hours * 3600.0).round() as i64);
    let header: Vec<String> = [
        app.cat
            .fmt("ui.inquiries_waiting", &[("n", &list.len().to_string())]),
        app.t("col.customer").to_string(),
        app.t("col.clock_short").to_string(),
        app.t("col.remaining").to_string(),
    ]
    .to_vec();
    let rows = list
        .iter()
        .take(area.height.saturating_sub(1) as usize)
        .map(|q| {
            let (_, left, state) = answer_clock(q.due - allowed, hours, app.now);
            vec![
                (clean(&q.number), app.theme.base),
                (clean(&q.asker_name), app.theme.base),
                (
                    app.t("clock_short.inquiry_answer").to_string(),
                    app.theme.base,
                ),
                (remaining_label(app.cat, left), state_style(app, state)),
            ]
        })
        .collect();
    let widths = [
        Constraint::Length(24),
        Constraint::Fill(1),
        Constraint::Length(4),
        Constraint::Length(13),
    ];
    fitted_table(frame, app, area, &header, &widths, rows, None);
}

/// The open improvement cases under the complaints, each with its stage and due day.
fn cases(frame: &mut Frame, app: &App, area: Rect, list: &[CaseClock]) {
    let header: Vec<String> = [
        app.cat
            .fmt("ui.cases_open", &[("n", &list.len().to_string())]),
        app.t("col.customer").to_string(),
        app.t("col.stage").to_string(),
        app.t("col.due").to_string(),
    ]
    .to_vec();
    let rows = list
        .iter()
        .take(area.height.saturating_sub(1) as usize)
        .map(|c| {
            let style = if c.overdue {
                app.theme.error
            } else {
                app.theme.base
            };
            vec![
                (clean(&c.number), app.theme.base),
                (clean(&c.name), app.theme.base),
                (app.t(c.stage.label_key()).to_string(), app.theme.base),
                (crate::readmodel::improvement::due_label(app.cat, c), style),
            ]
        })
        .collect();
    let widths = [
        Constraint::Length(24),
        Constraint::Fill(1),
        Constraint::Length(14),
        Constraint::Length(22),
    ];
    fitted_table(frame, app, area, &header, &widths, rows, None);
}

/// A column the board draws: which, its header key and its width.
struct Col {
    col: Option<Column>,
    header: &'static str,
    width: Constraint,
}

/// The columns that fit `inner` cells: the title joins when there is room, the owner
/// leaves when there is not; the clock's short name always stays beside its countdown.
fn columns(inner: u16) -> Vec<Col> {
    let c = |col, header, width| Col { col, header, width };
    let mut v = vec![
        c(Some(Column::Number), "col.number", Constraint::Length(13)),
        c(Some(Column::Customer), "col.customer", Constraint::Fill(1)),
    ];
    if inner >= 100 {
        v.push(c(Some(Column::Title), "col.title", Constraint::Fill(2)));
    }
    v.push(c(
        Some(Column::Severity),
        "col.severity_short",
        Constraint::Length(6),
    ));
    v.push(c(Some(Column::Step), "col.step", Constraint::Length(8)));
    if inner >= 60 {
        v.push(c(Some(Column::Owner), "col.owner", Constraint::Length(10)));
    }
    v.push(c(None, "col.clock_short", Constraint::Length(4)));
    v.push(c(
        Some(Column::Remaining),
        "col.remaining",
        Constraint::Length(13),
    ));
    v
}

/// The pane's title: counts, the toggles on, the filter.
fn title(app: &App, b: &BoardList) -> String {
    let n = b.rows.len().to_string();
    let (total, breached) = (b.total.to_string(), b.breached.to_string());
    let args = [
        ("n", n.as_str()),
        ("total", &total),
        ("breached", &breached),
    ];
    let key = match (b.triage.closed, b.rows.len() == b.total) {
        (false, true) => "ui.board_title",
        (false, false) => "ui.board_title_of",
        (true, true) => "ui.closed_title",
        (true, false) => "ui.closed_title_of",
    };
    let mut t = app.cat.fmt(key, &args);
    let on: Vec<&str> = [
        Toggle::Breached,
        Toggle::DueToday,
        Toggle::Mine,
        Toggle::Urgent,
    ]
    .into_iter()
    .filter(|x| b.triage.is_on(*x))
    .map(|x| app.t(toggle_key(x)))
    .collect();
    if !on.is_empty() {
        t.push_str(&app.cat.fmt("ui.only", &[("what", &on.join(", "))]));
    }
    if b.triage.editing || !b.triage.text.is_empty() {
        let cursor = if b.triage.editing { "_" } else { "" };
        t.push_str(&format!(" · /{}{cursor}", clean(&b.triage.text)));
    }
    t
}

/// The catalog key naming a toggle.
pub fn toggle_key(t: Toggle) -> &'static str {
    match t {
        Toggle::Breached => "toggle.breached",
        Toggle::DueToday => "toggle.due_today",
        Toggle::Mine => "toggle.mine",
        Toggle::Urgent => "toggle.urgent",
        Toggle::Closed => "toggle.closed",
    }
}

/// One cell's text and style.
fn cell(app: &App, r: &ComplaintRow, col: &Col) -> (String, Style) {
    let base = app.theme.base;
    match col.col {
        Some(Column::Number) => (clean(&r.number), base),
        Some(Column::Customer) => (clean(&r.customer_name), base),
        Some(Column::Title) => (clean(&r.title), base),
        Some(Column::Severity) => {
            let style = if r.severity == Severity::Urgent {
                app.theme.urgent
            } else {
                base
            };
            (app.t(r.severity.label_key()).to_string(), style)
        }
        Some(Column::Step) => {
            // ▲: escalated to the owner's supervisor (by hand or by the day limit).
            let escalated = r.escalated.is_some() || app.policy.escalated(&r.facts, app.now);
            let step = app.t(&format!("step_short.{}", r.step.as_str()));
            if escalated && !r.step.is_terminal() {
                (format!("▲{step}"), app.theme.breached)
            } else {
                (step.to_string(), base)
            }
        }
        Some(Column::Owner) => (clean(r.owner.as_deref().unwrap_or("")), base),
        None => match nearest_clock(r, &app.policy, app.now) {
            Some(c) => (app.t(&format!("clock_short.{}", c.name)).to_string(), base),
            None => (String::new(), base),
        },
        Some(Column::Remaining) => {
            match (r.facts.closed_at, nearest_clock(r, &app.policy, app.now)) {
                (Some(at), _) => (crate::domain::time::local(at, app.tz), app.theme.muted),
                (None, Some(c)) => (
                    remaining_label(app.cat, c.remaining_s),
                    state_style(app, c.state),
                ),
                (None, None) => ("–".to_string(), app.theme.muted),
            }
        }
    }
}

/// Draws the board pane.
pub fn draw(frame: &mut Frame, app: &App, area: Rect, focused: bool, b: &BoardList) {
    let block = pane_block(app, title(app, b), focused);
    let whole = block.inner(area);
    let strip = inquiry_lines(whole, b.inquiries.len());
    let case_strip = inquiry_lines(whole, b.cases.len());
    let [inner, below, lowest] = Layout::vertical([
        Constraint::Fill(1),
        Constraint::Length(strip),
        Constraint::Length(case_strip),
    ])
    .areas(whole);
    if strip > 0 {
        inquiries(frame, app, below, b.inquiries);
    }
    if case_strip > 0 {
        cases(frame, app, lowest, b.cases);
    }
    let cols = columns(inner.width);
    let body_h = inner.height.saturating_sub(1) as usize;
    let offset = b.sel.visible_offset(body_h, b.rows.len());
    let header: Vec<String> = cols
        .iter()
        .map(|c| {
            let mark = match b.triage.sort {
                Some((s, rev)) if c.col == Some(s) => {
                    if rev {
                        "v"
                    } else {
                        "^"
                    }
                }
                _ => "",
            };
            format!("{}{mark}", app.t(c.header))
        })
        .collect();
    let widths: Vec<Constraint> = cols.iter().map(|c| c.width).collect();
    // A row whose clock just became breached flashes: reversed breach colours, so it
    // shows in mono too.
    let flash = app
        .theme
        .breached
        .add_modifier(ratatui::style::Modifier::REVERSED);
    let rows: Vec<Vec<(String, Style)>> = b
        .rows
        .iter()
        .skip(offset)
        .take(body_h)
        .map(|r| {
            let lit = b.flashing.contains(&r.number);
            cols.iter()
                .map(|c| cell(app, r, c))
                .map(|(t, s)| (t, if lit { flash } else { s }))
                .collect()
        })
        .collect();
    let selected = focused
        .then(|| b.sel.selected.checked_sub(offset))
        .flatten();
    frame.render_widget(block, area);
    if b.rows.is_empty() && (b.triage.active() || b.triage.closed) {
        let key = if b.triage.active() {
            "ui.no_match"
        } else {
            "ui.none_closed"
        };
        let p = Paragraph::new(Line::from(Span::styled(app.t(key), app.theme.muted)));
        frame.render_widget(p, inner);
        return;
    }
    fitted_table(frame, app, inner, &header, &widths, rows, selected);
    let beside = Rect {
        height: area.height.saturating_sub(strip),
        ..area
    };
    scrollbar(frame, beside, b.rows.len(), offset, body_h);
}
