//! The know-how register in the workbench: entries without their content; Enter opens the
//! selected one through the same store call as `kefu knowhow show`, so an L3 opening, or a
//! refusal, goes in the access log from here too.

use std::any::Any;
use std::cell::RefCell;

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Cell, Paragraph, Row, Table, Wrap};
use ratatui::Frame;

use crate::app::component::{Component, Effect, Handled, Job, Payload};
use crate::app::selection::Selection;
use crate::app::{Action, App, Mode};
use crate::error::Error;
use crate::kind::RecordKind;
use crate::store::knowhow::KnowHowEntry;
use crate::ui::widgets::{clean, pane_block};

/// What opening an entry gave: the entry with its content, or why not.
type Opened = Result<KnowHowEntry, Error>;

/// The know-how view's state.
#[derive(Default)]
pub struct KnowhowView {
    /// The register, newest first, without content (None until loaded).
    pub rows: Option<Vec<KnowHowEntry>>,
    /// Selection.
    pub sel: Selection,
    /// The entry asked to open, until its job is handed out (once: each opening is logged).
    opening: RefCell<Option<String>>,
    /// The last opening's outcome.
    pub opened: Option<Opened>,
}

impl Component for KnowhowView {
    fn name(&self) -> &'static str {
        "knowhow"
    }

    fn mode(&self) -> Mode {
        Mode::Detail
    }

    fn handle(&mut self, action: &Action, _app: &App, fx: &mut Vec<Effect>) -> Handled {
        let len = self.rows.as_ref().map_or(0, Vec::len);
        if super::navigate(&mut self.sel, action, len) {
            self.opened = None;
            return Handled::Consumed;
        }
        match action {
            Action::Back if self.opened.is_some() => self.opened = None,
            Action::Back => fx.push(Effect::Close),
            Action::Open => {
                let Some(e) = self.rows.as_ref().and_then(|r| r.get(self.sel.selected)) else {
                    return Handled::Consumed;
                };
                self.opening.replace(Some(e.number.clone()));
                fx.push(Effect::Load);
            }
            _ => return Handled::NotConsumed,
        }
        Handled::Consumed
    }

    fn draw(&self, frame: &mut Frame, area: Rect, app: &App, _focused: bool) {
        let Some(rows) = &self.rows else {
            return super::loading(frame, app, area, app.t("knowhow.title").to_string(), true);
        };
        let [list, side] =
            Layout::vertical([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(area);
        let height = list.height.saturating_sub(3) as usize;
        let offset = self.sel.visible_offset(height, rows.len());
        let body = rows
            .iter()
            .enumerate()
            .skip(offset)
            .take(height)
            .map(|(i, e)| {
                let k = &e.know_how;
                let row = Row::new([
                    Cell::from(e.number.clone()),
                    Cell::from(k.customer.clone().unwrap_or_default()),
                    Cell::from(
                        k.level
                            .map(|l| app.t(l.label_key()).to_string())
                            .unwrap_or_default(),
                    ),
                    Cell::from(clean(k.title.as_deref().unwrap_or_default())),
                ]);
                if i == self.sel.selected {
                    row.style(app.theme.selected)
                } else {
                    row
                }
            });
        let header = Row::new(
            [
                "col.number",
                "field.customer",
                "field.level",
                "field.knowhow_title",
            ]
            .map(|k| app.t(k)),
        )
        .style(app.theme.header);
        let title = app
            .cat
            .fmt("knowhow.list_title", &[("n", &rows.len().to_string())]);
        let widths = [
            Constraint::Length(14),
            Constraint::Length(8),
            Constraint::Length(10),
            Constraint::Min(10),
        ];
        frame.render_widget(
            Table::new(body, widths)
                .header(header)
                .block(pane_block(app, title, true)),
            list,
        );
        let (title, lines): (String, Vec<Line>) = match &self.opened {
            None => (
                String::new(),
                vec![Line::from(app.t("knowhow.enter_to_open"))],
            ),
            Some(Err(e)) => (String::new(), vec![Line::from(e.message(app.cat))]),
            Some(Ok(e)) => (
                e.number.clone(),
                e.know_how
                    .content
                    .as_deref()
                    .unwrap_or_default()
                    .lines()
                    .map(|l| Line::from(clean(l)))
                    .collect(),
            ),
        };
        frame.render_widget(
            Paragraph::new(lines)
                .block(pane_block(app, title, false))
                .wrap(Wrap { trim: false }),
            side,
        );
    }

    fn needs(&self, _app: &App) -> Vec<Job> {
        let mut jobs = vec![Job::new("knowhow", |s| s.list_knowhow(None))];
        if let Some(number) = self.opening.borrow_mut().take() {
            jobs.push(Job::write(format!("knowhow:open:{number}"), move |s| {
                let actor = s.actor().to_string();
                s.write_log(|tx| tx.open_knowhow(&number, &actor))
            }));
        }
        jobs
    }

    fn receive(&mut self, slot: &str, data: Payload) {
        if slot.starts_with("knowhow:open:") {
            if let Ok(opened) = data.downcast::<Opened>() {
                self.opened = Some(*opened);
            }
        } else if let Ok(rows) = data.downcast::<Vec<KnowHowEntry>>() {
            self.sel.clamp(rows.len());
            self.rows = Some(*rows);
        }
    }

    fn depends(&self) -> &'static [RecordKind] {
        &[RecordKind::Knowhow]
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}
