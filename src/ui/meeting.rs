//! The meeting view: the worst countdowns in big digits, the agenda by section, and
//! below it the owners and what changed since the last meeting.

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row, Table};
use ratatui::Frame;

use super::big_text;
use super::widgets::{clean, pane_block, state_style};
use crate::app::selection::Selection;
use crate::app::App;
use crate::domain::sla::ClockState;
use crate::domain::time::{local, short_duration};
use crate::readmodel::meeting::{heading, Agenda, Item};
use crate::report::{clock_label, remaining_label};
use crate::text::{pad, truncate};

/// Rows the big countdowns take (label, digits, label).
const STRIP: u16 = big_text::HEIGHT + 2;
/// Rows the owners and changes band takes.
const BAND: u16 = 8;
/// The width of one big countdown card.
const CARD: u16 = 30;

/// Draws the meeting view into `area`.
pub fn draw(frame: &mut Frame, app: &App, area: Rect, a: &Agenda, sel: &Selection, held: bool) {
    // The heading's time is the room's clock, which moves on after the agenda was read.
    let mut title = heading(a, app.now, app.cat, app.tz);
    if !held {
        title = format!("{title} · {}", app.t("meeting.preview"));
    }
    // Borders and the title's padding take four cells.
    let title = truncate(&title, area.width.saturating_sub(4) as usize).into_owned();
    let block = pane_block(app, title, true);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    // Small screens keep the agenda; the big digits and the band come as room allows.
    let strip = if inner.height >= 24 { STRIP } else { 0 };
    let band = if inner.height >= 18 { BAND } else { 0 };
    let [top, list, bottom] = Layout::vertical([
        Constraint::Length(strip),
        Constraint::Fill(1),
        Constraint::Length(band),
    ])
    .areas(inner);
    if strip > 0 {
        countdowns(frame, app, top, a);
    }
    agenda(frame, app, list, a, sel);
    if band > 0 {
        let [owners_area, changes_area] = Layout::horizontal([
            Constraint::Length(46.min(bottom.width / 2)),
            Constraint::Fill(1),
        ])
        .areas(bottom);
        owners(frame, app, owners_area, a);
        changes(frame, app, changes_area, a);
    }
}

/// Seconds left on an item's clock now (a paused clock keeps what it had).
fn remaining(app: &App, i: &Item) -> i64 {
    match i.state {
        ClockState::Paused => i.remaining_s,
        ClockState::Ok | ClockState::Warning | ClockState::Breached => {
            (i.due - app.now).num_seconds()
        }
    }
}

/// The worst items' countdowns, in big digits, as many as fit.
fn countdowns(frame: &mut Frame, app: &App, area: Rect, a: &Agenda) {
    let fit = (area.width / CARD).max(1) as usize;
    let worst: Vec<&Item> = a.items().map(|(_, i)| i).take(fit.min(3)).collect();
    if worst.is_empty() {
        let p = Paragraph::new(app.t("meeting.all_clear")).style(app.theme.ok);
        frame.render_widget(p, area);
        return;
    }
    let cards = Layout::horizontal(vec![Constraint::Length(CARD); worst.len()]).split(area);
    for (i, r) in worst.iter().zip(cards.iter()) {
        let left = remaining(app, i);
        let text = if left < 0 {
            format!("-{}", short_duration(left))
        } else {
            short_duration(left)
        };
        let style = state_style(app, i.state).add_modifier(Modifier::BOLD);
        let mut lines = vec![Line::from(Span::styled(
            truncate(
                &format!("{} {}", i.record, clean(&i.customer_name)),
                r.width as usize,
            )
            .into_owned(),
            app.theme.title,
        ))];
        lines.extend(
            big_text::lines(&text)
                .into_iter()
                .map(|l| Line::from(Span::styled(l, style))),
        );
        let who = i.owner.as_deref().unwrap_or("");
        lines.push(Line::from(Span::styled(
            truncate(
                &format!("{} · {}", clock_label(app.cat, &i.clock), clean(who)),
                r.width as usize,
            )
            .into_owned(),
            app.theme.muted,
        )));
        frame.render_widget(Paragraph::new(lines), *r);
    }
}

/// The agenda, section by section, the selected item highlighted.
fn agenda(frame: &mut Frame, app: &App, area: Rect, a: &Agenda, sel: &Selection) {
    let mut lines: Vec<Line> = Vec::new();
    let mut selected_line = 0;
    let mut n = 0;
    for (section, items) in &a.sections {
        let head = format!("■ {} ({})", app.t(section.label_key()), items.len());
        lines.push(Line::from(Span::styled(
            head,
            app.theme.header.add_modifier(Modifier::BOLD),
        )));
        for i in items {
            let line = item_line(app, i, area.width as usize);
            lines.push(if n == sel.selected {
                selected_line = lines.len();
                line.style(app.theme.selected)
            } else {
                line
            });
            n += 1;
        }
    }
    let height = area.height as usize;
    let offset = scroll(sel, selected_line, height, lines.len());
    let visible: Vec<Line> = lines.into_iter().skip(offset).take(height).collect();
    frame.render_widget(Paragraph::new(visible), area);
}

/// The first line to show so that `line` is visible; remembered in `sel`.
fn scroll(sel: &Selection, line: usize, height: usize, len: usize) -> usize {
    sel.height.set(height.saturating_sub(1).max(1));
    let mut off = sel.offset.get().min(len.saturating_sub(height.max(1)));
    if line < off + 1 {
        // Keep the section's heading in view above its first item.
        off = line.saturating_sub(1);
    } else if height > 0 && line >= off + height {
        off = line + 1 - height;
    }
    sel.offset.set(off);
    off
}

/// Column widths of an agenda line: number, customer, owner, step, clock, remaining;
/// the title (and the due time) when the line has room.
const NUMBER: usize = 15;
const CUSTOMER: usize = 12;
const OWNER: usize = 10;
const STEP: usize = 10;
const CLOCK: usize = 8;
const DUE: usize = 11;
const LEFT: usize = 14;
/// The narrowest title worth showing.
const TITLE_MIN: usize = 12;

fn item_line<'a>(app: &App, i: &Item, width: usize) -> Line<'a> {
    let fixed = NUMBER + CUSTOMER + OWNER + STEP + CLOCK + LEFT + 6;
    let due_fits = width > fixed + DUE + 1 + TITLE_MIN;
    let title_w = width.saturating_sub(fixed + if due_fits { DUE + 1 } else { 0 } + 1);
    let cell = |s: &str, w: usize| format!("{} ", pad(&clean(s), w));
    let number = if i.escalated {
        format!("{} ▲", i.record)
    } else {
        i.record.clone()
    };
    let mut spans = vec![
        Span::styled(cell(&number, NUMBER), app.theme.base),
        Span::raw(cell(&i.customer_name, CUSTOMER)),
    ];
    if title_w >= TITLE_MIN {
        spans.push(Span::raw(cell(&i.title, title_w)));
    }
    spans.extend([
        Span::raw(cell(i.owner.as_deref().unwrap_or(""), OWNER)),
        Span::raw(cell(app.t(i.step.label_key()), STEP)),
        Span::raw(cell(clock_label(app.cat, &i.clock), CLOCK)),
    ]);
    if due_fits {
        let due = i
            .due
            .with_timezone(&app.tz)
            .format("%m-%d %H:%M")
            .to_string();
        spans.push(Span::raw(cell(&due, DUE)));
    }
    spans.push(Span::styled(
        pad(&remaining_label(app.cat, remaining(app, i)), LEFT),
        state_style(app, i.state).add_modifier(Modifier::BOLD),
    ));
    Line::from(spans)
}

/// Open, breached and due today, by owner.
fn owners(frame: &mut Frame, app: &App, area: Rect, a: &Agenda) {
    // The counts take what their headings need; the name takes the rest.
    let heads = [
        "col.open_complaints",
        "meeting.col_breached",
        "meeting.col_due_today",
    ];
    let num: Vec<u16> = heads
        .iter()
        .map(|k| crate::text::width(app.t(k)).max(3) as u16)
        .collect();
    let used: u16 = num.iter().map(|w| w + 1).sum();
    let name_w = area.width.saturating_sub(2 + used).max(6) as usize;
    let block = pane_block(app, app.t("meeting.owners").into(), false);
    let header =
        Row::new(std::iter::once(app.t("col.owner")).chain(heads.iter().map(|k| app.t(k))))
            .style(app.theme.header);
    let rows = a.owners.iter().map(|o| {
        let name = o
            .owner
            .clone()
            .unwrap_or_else(|| app.t("meeting.unassigned").into());
        let breached = if o.breached > 0 {
            app.theme.breached
        } else {
            Style::default()
        };
        Row::new(vec![
            Cell::from(truncate(&clean(&name), name_w).into_owned()),
            Cell::from(o.open.to_string()),
            Cell::from(Span::styled(o.breached.to_string(), breached)),
            Cell::from(o.due_today.to_string()),
        ])
    });
    let widths = [
        Constraint::Length(name_w as u16),
        Constraint::Length(num[0]),
        Constraint::Length(num[1]),
        Constraint::Length(num[2]),
    ];
    frame.render_widget(Table::new(rows, widths).header(header).block(block), area);
}

/// What changed since the last meeting, newest last.
fn changes(frame: &mut Frame, app: &App, area: Rect, a: &Agenda) {
    let title = match a.last_meeting {
        Some(last) => app.cat.fmt(
            "meeting.changes",
            &[
                ("last", &local(last, app.tz)),
                ("n", &a.changes.len().to_string()),
            ],
        ),
        None => app.t("meeting.changes_title").into(),
    };
    let title = truncate(&title, area.width.saturating_sub(4) as usize).into_owned();
    let block = pane_block(app, title, false);
    if a.last_meeting.is_none() {
        let p = Paragraph::new(app.t("meeting.first"))
            .style(app.theme.muted)
            .wrap(ratatui::widgets::Wrap { trim: true })
            .block(block);
        frame.render_widget(p, area);
        return;
    }
    let plain = Style::default();
    let inner = block.inner(area);
    // The change, number and time are whole; the customer takes what is left, if enough.
    let label_w = a
        .changes
        .iter()
        .map(|c| crate::text::width(app.t(c.change.label_key())))
        .max()
        .unwrap_or(0) as u16;
    let fixed = label_w + 13 + 11 + 3;
    let with_customer = inner.width >= fixed + 1 + 6;
    let rows: Vec<Vec<(String, Style)>> = a
        .changes
        .iter()
        .rev()
        .map(|c| {
            let mut row = vec![
                (app.t(c.change.label_key()).to_string(), plain),
                (c.record.clone(), plain),
            ];
            if with_customer {
                row.push((clean(&c.customer_name), plain));
            }
            let at = c.at.with_timezone(&app.tz).format("%m-%d %H:%M");
            row.push((at.to_string(), plain));
            row
        })
        .collect();
    let mut widths = vec![Constraint::Length(label_w), Constraint::Length(13)];
    if with_customer {
        widths.push(Constraint::Fill(1));
    }
    widths.push(Constraint::Length(11));
    frame.render_widget(block, area);
    super::widgets::fitted_table(frame, app, inner, &[], &widths, rows, None);
}
