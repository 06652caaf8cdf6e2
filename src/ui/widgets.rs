//! Small pieces shared by the panes.

use ratatui::layout::{Alignment, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Clear, Paragraph, Wrap};
use ratatui::Frame;

use crate::app::{App, Confirm};
use crate::text::sanitize;

/// Text from the database, made safe for the terminal.
pub fn clean(s: &str) -> String {
    sanitize(s).into_owned()
}

/// A pane's frame with its title; the focused one stands out.
pub fn pane_block<'a>(app: &App, title: String, focused: bool) -> Block<'a> {
    let border = if focused {
        app.theme.focus_border
    } else {
        app.theme.border
    };
    Block::default()
        .borders(Borders::ALL)
        .border_type(if focused {
            BorderType::Thick
        } else {
            BorderType::Plain
        })
        .border_style(border)
        .title(Span::styled(format!(" {title} "), app.theme.title))
}

/// A `w`×`h` rectangle centred in `area` (shrunk to fit).
pub fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}

/// Clears a popup's area. A wide (CJK) character just left of it would straddle the
/// popup's border and garble it on a real terminal, so it is blanked too.
pub fn clear_popup(frame: &mut Frame, r: Rect) {
    frame.render_widget(Clear, r);
    if r.x == 0 {
        return;
    }
    let buf = frame.buffer_mut();
    for y in r.top()..r.bottom() {
        let cell = &mut buf[(r.x - 1, y)];
        if crate::text::width(cell.symbol()) > 1 {
            cell.set_symbol(" ");
        }
    }
}

/// What is shown when the terminal is too small for the panes.
pub fn too_small(frame: &mut Frame, app: &App, area: Rect) {
    let p = Paragraph::new(app.t("ui.too_small"))
        .style(app.theme.muted)
        .wrap(Wrap { trim: true });
    frame.render_widget(p, area);
}

/// The yes/no question box.
pub fn confirm(frame: &mut Frame, app: &App, area: Rect, c: Confirm) {
    let q = match c {
        Confirm::Quit => app.t("ui.confirm_quit"),
        Confirm::DiscardForm => app.t("ui.confirm_discard"),
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(app.theme.focus_border)
        .title(Span::styled(
            format!(" {} ", app.t("ui.confirm_title")),
            app.theme.title,
        ));
    let text = vec![
        Line::from(q),
        Line::from(Span::styled(app.t("ui.yes_no"), app.theme.key_hint)),
    ];
    frame.render_widget(
        Paragraph::new(text)
            .block(block)
            .alignment(Alignment::Center)
            .wrap(Wrap { trim: true }),
        area,
    );
}

/// The style of a grade letter.
pub fn grade_style(app: &App, grade: Option<crate::domain::customer::Grade>) -> Style {
    use crate::domain::customer::Grade;
    match grade {
        Some(Grade::A) => app.theme.grade_a,
        Some(Grade::B) => app.theme.grade_b,
        Some(Grade::C) => app.theme.grade_c,
        Some(Grade::D) => app.theme.grade_d,
        None => app.theme.muted,
    }
}

/// The style of a clock state.
pub fn state_style(app: &App, s: crate::domain::sla::ClockState) -> Style {
    use crate::domain::sla::ClockState;
    match s {
        ClockState::Ok => app.theme.ok,
        ClockState::Warning => app.theme.warning,
        ClockState::Breached => app.theme.breached,
        ClockState::Paused => app.theme.paused,
    }
}

/// A pane whose data has not arrived yet.
pub fn loading(frame: &mut Frame, app: &App, area: Rect, title: String, focused: bool) {
    let block = pane_block(app, title, focused);
    frame.render_widget(
        ratatui::widgets::Paragraph::new(app.t("ui.loading"))
            .style(app.theme.muted)
            .block(block),
        area,
    );
}

/// An action's description (`act`) or short hint (`hint`) where it is used: a mode may
/// say what a key does there (`act_in.records.new`), else the action's own text (`act.new`).
pub fn action_text(
    app: &App,
    section: &str,
    mode: crate::input::mode::Mode,
    action: &crate::input::action::Action,
) -> &'static str {
    app.cat
        .in_place(section, mode.name(), action.name().unwrap_or("none"))
}

/// A table whose cells are cut to their column with a one-cell mark (ratatui would cut
/// them silently), with a header and the `selected` row (on screen) highlighted.
pub fn fitted_table(
    frame: &mut Frame,
    app: &App,
    area: Rect,
    header: &[String],
    widths: &[ratatui::layout::Constraint],
    rows: Vec<Vec<(String, Style)>>,
    selected: Option<usize>,
) {
    use ratatui::layout::{Flex, Layout};
    use ratatui::widgets::{Cell, Row, Table};
    // The same split the table makes, so each cell knows its width.
    let cols: Vec<usize> = Layout::horizontal(widths.iter().copied())
        .flex(Flex::Start)
        .spacing(1)
        .split(area)
        .iter()
        .map(|r| r.width as usize)
        .collect();
    let fit = |t: &str, i: usize| {
        crate::text::truncate(t, cols.get(i).copied().unwrap_or(0)).into_owned()
    };
    let head = Row::new(
        header
            .iter()
            .enumerate()
            .map(|(i, h)| Cell::from(fit(h, i))),
    )
    .style(app.theme.header);
    let body = rows.into_iter().enumerate().map(|(n, cells)| {
        let row = Row::new(
            cells
                .iter()
                .enumerate()
                .map(|(i, (t, s))| Cell::from(Span::styled(fit(t, i), *s))),
        );
        if Some(n) == selected {
            row.style(app.theme.selected)
        } else {
            row
        }
    });
    let mut table = Table::new(body, widths.iter().copied())
        .flex(Flex::Start)
        .column_spacing(1);
    if !header.is_empty() {
        table = table.header(head);
    }
    frame.render_widget(table, area);
}

/// A scroll marker on the right border of a list's pane, when the list does not fit.
pub fn scrollbar(frame: &mut Frame, area: Rect, len: usize, offset: usize, visible: usize) {
    use ratatui::widgets::{Scrollbar, ScrollbarOrientation, ScrollbarState};
    if len <= visible || area.height < 4 {
        return;
    }
    let track = Rect {
        y: area.y + 2,
        height: area.height.saturating_sub(3),
        ..area
    };
    // Mono-safe glyphs: the thumb is a full block, the track the border it sits on.
    let bar = Scrollbar::new(ScrollbarOrientation::VerticalRight)
        .begin_symbol(None)
        .end_symbol(None)
        .track_symbol(None)
        .thumb_symbol("█");
    let mut state = ScrollbarState::new(len.saturating_sub(visible) + 1)
        .position(offset)
        .viewport_content_length(visible);
    frame.render_stateful_widget(bar, track, &mut state);
}
