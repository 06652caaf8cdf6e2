//! A form popup: labels, inputs, and errors beside the fields.

use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use super::widgets::{centered, clean, clear_popup, pane_block};
use crate::app::form::{Field, Form, FormKind};
use crate::app::form_field::PICKER_ROWS;
use crate::app::App;
use crate::domain::fields::FieldKind;
use crate::text::{pad, width};

/// Columns for the input box.
const INPUT_W: u16 = 28;

/// Draws the form over `area`.
pub fn draw(frame: &mut Frame, app: &App, area: Rect, form: &Form) {
    let title = match &form.kind {
        FormKind::NewCustomer => app.t("ui.form_new_customer").to_string(),
        FormKind::EditCustomer { code, .. } => app
            .cat
            .fmt("ui.form_edit_customer", &[("code", &clean(code))]),
        FormKind::NewComplaint => app.t("ui.form_new_complaint").to_string(),
        FormKind::Move { number, to } => app.cat.fmt(
            "msg.moved",
            &[
                ("number", &clean(number)),
                ("what", app.t(&format!("done.{}", to.as_str()))),
            ],
        ),
        FormKind::Wait { number } => app.cat.fmt(
            "msg.moved",
            &[("number", &clean(number)), ("what", app.t("done.wait"))],
        ),
        FormKind::Record(rf) => clean(&rf.title),
    };
    let h = form.fields.len() as u16 + 4;
    let r = centered(area, 96, h);
    clear_popup(frame, r);
    let block = pane_block(app, title, true);
    let inner = block.inner(r);
    frame.render_widget(block.style(app.theme.base), r);
    let label_w = form
        .fields
        .iter()
        .map(|f| width(app.t(&f.label_key)) + usize::from(f.required) * 2)
        .max()
        .unwrap_or(0)
        .min(18) as u16;
    let input_w = INPUT_W.min(inner.width.saturating_sub(label_w + 1));
    // A form taller than the screen scrolls to keep the focused field in view; the blank
    // line and the keys under the fields stay.
    let rows = (inner.height as usize).saturating_sub(2).max(1);
    let first = (form.focus + 1).saturating_sub(rows);
    super::widgets::scrollbar(frame, r, form.fields.len(), first, rows);
    for (i, f) in form.fields.iter().enumerate().skip(first).take(rows) {
        let y = inner.y + (i - first) as u16;
        let focused = i == form.focus;
        let mut label = app.t(&f.label_key).to_string();
        if f.required {
            label.push_str(" *");
        }
        let label_style = if focused {
            app.theme.title
        } else {
            app.theme.base
        };
        frame.render_widget(
            Paragraph::new(Span::styled(pad(&label, label_w as usize), label_style)),
            Rect::new(inner.x, y, label_w, 1),
        );
        let input_area = Rect::new(inner.x + label_w + 1, y, input_w, 1);
        if focused {
            let mut ta = f.input.clone();
            ta.set_style(app.theme.selected);
            ta.set_cursor_style(app.theme.selected.add_modifier(Modifier::REVERSED));
            ta.set_cursor_line_style(app.theme.selected);
            frame.render_widget(&ta, input_area);
        } else {
            frame.render_widget(
                Paragraph::new(clean(&f.value()))
                    .style(app.theme.muted.add_modifier(Modifier::UNDERLINED)),
                input_area,
            );
        }
        if let Some(e) = &f.error {
            let x = input_area.right() + 1;
            let w = inner.right().saturating_sub(x);
            let text = crate::text::truncate(&clean(e), w as usize).into_owned();
            frame.render_widget(
                Paragraph::new(Span::styled(text, app.theme.error)),
                Rect::new(x, y, w, 1),
            );
        }
    }
    if let Some(f) = form.fields.get(form.focus) {
        let y = inner.y + (form.focus - first) as u16;
        let x = inner.x + label_w + 1;
        picker(
            frame,
            app,
            f,
            Rect::new(x, y + 1, input_w, inner.bottom().saturating_sub(y + 1)),
        );
    }
    let foot_y = inner.y + form.fields.len().min(rows) as u16 + 1;
    if foot_y < inner.bottom() {
        let foot = match &form.error {
            Some(e) => Line::from(Span::styled(clean(e), app.theme.error)),
            None => Line::from(Span::styled(app.t("ui.form_keys"), app.theme.key_hint)),
        };
        frame.render_widget(
            Paragraph::new(foot),
            Rect::new(inner.x, foot_y, inner.width, 1),
        );
    }
}

/// The focused field's options under it, the highlighted one marked; nothing when the
/// field has no picker or what is typed is already an option.
fn picker(frame: &mut Frame, app: &App, f: &Field, below: Rect) {
    let Some(p) = &f.picker else { return };
    let matches = f.matches();
    if below.height == 0
        || matches.is_empty()
        || p.exact(&f.value()).is_some() && matches.len() == 1
    {
        return;
    }
    let rows = matches.len().min(PICKER_ROWS).min(below.height as usize);
    let highlight = p.highlight.min(matches.len() - 1);
    let first = highlight.saturating_sub(rows - 1);
    let area = Rect::new(below.x, below.y, below.width, rows as u16);
    frame.render_widget(ratatui::widgets::Clear, area);
    let lines: Vec<Line> = matches
        .iter()
        .enumerate()
        .skip(first)
        .take(rows)
        .map(|(i, o)| {
            let text = match f.spec.kind {
                FieldKind::Choice(_) => format!("{}  {}", clean(&o.label), o.code),
                _ => format!("{}  {}", o.code, clean(&o.label)),
            };
            let style = if i == highlight {
                app.theme.selected
            } else {
                app.theme.base.add_modifier(Modifier::DIM)
            };
            Line::from(Span::styled(pad(&text, below.width as usize), style))
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), area);
}
