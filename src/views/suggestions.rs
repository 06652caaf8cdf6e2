//! The suggestions log (意见和建议): this year's suggestions, newest first, the selected
//! one beside the list, `n` takes one down, `e` answers it, `S` shows the year's summary.

use crate::kind::RecordKind;
use std::any::Any;

use chrono::Datelike;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row, Table, Wrap};
use ratatui::Frame;

use crate::app::component::{Component, Effect, FormRequest, Handled, Job, Payload};
use crate::app::record_form::RecordForm;
use crate::app::selection::Selection;
use crate::app::{Action, App, Mode};
use crate::domain::fields::Record as _;
use crate::domain::suggestion::{summarize, Suggestion, SuggestionRecord, SuggestionResponse};
use crate::input::action::ViewKey;
use crate::readmodel::suggestion::{detail, headline, list_row, summary_blocks, LIST_COLUMNS};
use crate::store::suggestions::SuggestionFilter;
use crate::ui::widgets::{clean, pane_block};

/// Wide enough to show the selected suggestion beside the list.
const SIDE_BY_SIDE: u16 = 110;

/// The suggestions view's state.
#[derive(Default)]
pub struct Suggestions {
    /// This year's suggestions, newest first (None until loaded).
    pub rows: Option<Vec<SuggestionRecord>>,
    /// Selection.
    pub sel: Selection,
    /// The year's summary is shown instead of the selected suggestion.
    pub summary: bool,
    /// The selected suggestion fills the view (narrow screens).
    pub zoomed: bool,
    /// A number to select when the rows arrive (a new suggestion).
    pending: Option<String>,
}

impl Suggestions {
    fn selected(&self) -> Option<&SuggestionRecord> {
        self.rows.as_ref()?.get(self.sel.selected)
    }

    fn year(app: &App) -> i32 {
        app.now.with_timezone(&app.tz).year()
    }

    fn new_form(app: &App) -> RecordForm {
        RecordForm::new(
            app.t("suggestion.new_form").to_string(),
            Suggestion::FIELDS,
            RecordKind::Suggestion,
            |s, values| {
                let mut r = Suggestion::default();
                for (name, v) in values {
                    r.set_typed(name, Some(v), s.tz())?;
                }
                r.fill_defaults(s.now())?;
                s.add_suggestion(&r)
            },
        )
        .with_defaults(app.now, app.tz)
    }

    fn answer_form(app: &App, r: &SuggestionRecord) -> RecordForm {
        let number = r.number.clone();
        let title = app
            .cat
            .fmt("suggestion.respond_form", &[("number", &number)]);
        RecordForm::new(
            title,
            SuggestionResponse::FIELDS,
            RecordKind::Suggestion,
            move |s, values| {
                let mut resp = SuggestionResponse::default();
                for (name, v) in values {
                    resp.set_typed(name, Some(v), s.tz())?;
                }
                resp.fill_defaults(s.now())?;
                s.respond_suggestion(&number, &resp)?;
                Ok(number.clone())
            },
        )
        .with_defaults(app.now, app.tz)
        .with_value("response", r.response.response.clone())
    }
}

impl Component for Suggestions {
    fn name(&self) -> &'static str {
        "suggestions"
    }

    fn mode(&self) -> Mode {
        Mode::Records
    }

    fn handle(&mut self, action: &Action, app: &App, fx: &mut Vec<Effect>) -> Handled {
        let len = self.rows.as_ref().map_or(0, Vec::len);
        if super::navigate(&mut self.sel, action, len) {
            return Handled::Consumed;
        }
        if *action == Action::Back && (self.zoomed || self.summary) {
            self.zoomed = false;
            self.summary = false;
        } else if *action == Action::Back {
            fx.push(Effect::Close);
        } else if *action == Action::Open {
            self.zoomed = !self.zoomed;
        } else if *action == Action::Show(ViewKey::Stats) {
            self.summary = !self.summary;
        } else if *action == Action::New {
            fx.push(Effect::Form(FormRequest::Record(Self::new_form(app))));
        } else if let (Action::Edit, Some(r)) = (action, self.selected()) {
            fx.push(Effect::Form(FormRequest::Record(Self::answer_form(app, r))));
        } else {
            return Handled::NotConsumed;
        }
        Handled::Consumed
    }

    fn draw(&self, frame: &mut Frame, area: Rect, app: &App, _focused: bool) {
        let Some(rows) = &self.rows else {
            return super::loading(frame, app, area, app.t("act.suggestions").to_string(), true);
        };
        let side = if self.summary || self.zoomed {
            Some(area)
        } else if area.width >= SIDE_BY_SIDE {
            let [list, side] =
                Layout::horizontal([Constraint::Percentage(60), Constraint::Percentage(40)])
                    .areas(area);
            draw_list(frame, app, list, rows, &self.sel);
            Some(side)
        } else {
            draw_list(frame, app, area, rows, &self.sel);
            None
        };
        let Some(side) = side else { return };
        let lines = if self.summary {
            summary_lines(app, rows)
        } else {
            match self.selected() {
                Some(r) => detail_lines(app, r),
                None => vec![Line::from(app.t("suggestion.none"))],
            }
        };
        let title = if self.summary {
            app.cat.fmt(
                "suggestion.title",
                &[("year", &Self::year(app).to_string())],
            )
        } else {
            self.selected()
                .map(|r| r.number.clone())
                .unwrap_or_default()
        };
        frame.render_widget(
            Paragraph::new(lines)
                .block(pane_block(app, title, true))
                .wrap(Wrap { trim: false }),
            side,
        );
    }

    fn needs(&self, app: &App) -> Vec<Job> {
        let year = Self::year(app);
        vec![Job::new("suggestions", move |s| {
            s.list_suggestions(&SuggestionFilter {
                year: Some(year),
                ..Default::default()
            })
        })]
    }

    fn receive(&mut self, _slot: &str, data: Payload) {
        if let Ok(rows) = data.downcast::<Vec<SuggestionRecord>>() {
            if let Some(n) = self.pending.take() {
                if let Some(i) = rows.iter().position(|r| r.number == n) {
                    self.sel.selected = i;
                }
            }
            self.sel.clamp(rows.len());
            self.rows = Some(*rows);
        }
    }

    fn depends(&self) -> &'static [RecordKind] {
        &[RecordKind::Suggestion]
    }

    fn select_key(&mut self, key: &str) {
        self.pending = Some(key.to_string());
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}

fn draw_list(frame: &mut Frame, app: &App, area: Rect, rows: &[SuggestionRecord], sel: &Selection) {
    let open = rows
        .iter()
        .filter(|r| r.response.status == Some(crate::domain::suggestion::Status::Open))
        .count();
    let title = app.cat.fmt(
        "suggestion.list_title",
        &[("n", &rows.len().to_string()), ("open", &open.to_string())],
    );
    let height = area.height.saturating_sub(3) as usize;
    let offset = sel.visible_offset(height, rows.len());
    let body = rows
        .iter()
        .enumerate()
        .skip(offset)
        .take(height)
        .map(|(i, r)| {
            let cells = list_row(r, app.cat, app.tz).map(|c| Cell::from(clean(&c)));
            let row = Row::new(cells);
            if i == sel.selected {
                row.style(app.theme.selected)
            } else {
                row
            }
        });
    let header = Row::new(LIST_COLUMNS.map(|k| app.t(k))).style(app.theme.header);
    let widths = [
        Constraint::Length(14),
        Constraint::Length(16),
        Constraint::Length(8),
        Constraint::Length(8),
        Constraint::Length(6),
        Constraint::Min(10),
    ];
    frame.render_widget(
        Table::new(body, widths)
            .header(header)
            .block(pane_block(app, title, true)),
        area,
    );
}

fn detail_lines(app: &App, r: &SuggestionRecord) -> Vec<Line<'static>> {
    let lines = detail(r, app.cat, app.tz);
    let w = lines
        .iter()
        .map(|l| crate::text::width(&l.label))
        .max()
        .unwrap_or(0);
    lines
        .into_iter()
        .map(|l| {
            Line::from(vec![
                Span::styled(
                    format!("{}  ", crate::text::pad(&l.label, w)),
                    app.theme.muted,
                ),
                Span::raw(clean(&l.value)),
            ])
        })
        .collect()
}

fn summary_lines(app: &App, rows: &[SuggestionRecord]) -> Vec<Line<'static>> {
    let s = summarize(Suggestions::year(app), rows, app.tz);
    let mut out = vec![Line::from(headline(&s, app.cat))];
    for b in summary_blocks(&s, app.cat) {
        let rows: Vec<_> = b.rows.into_iter().filter(|(_, n, _)| *n > 0).collect();
        if rows.is_empty() {
            continue;
        }
        out.push(Line::default());
        out.push(Line::from(Span::styled(b.heading, app.theme.header)));
        for (label, n, share) in rows {
            out.push(Line::from(format!(
                "  {}  {n:>4}  {share:>5.1}%",
                crate::text::pad(&clean(&label), 12)
            )));
        }
    }
    out
}
