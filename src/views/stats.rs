//! The complaint analysis of the current month.

use crate::kind::RecordKind;
use std::any::Any;

use ratatui::layout::Rect;
use ratatui::Frame;

use crate::analysis::{complaint_stats, ComplaintStats};
use crate::app::component::{Component, Effect, Handled, Job, Payload};
use crate::app::{Action, App, Mode};
use crate::domain::period::Period;

/// The analysis view's state.
#[derive(Default)]
pub struct Stats {
    /// The analysis (None until loaded).
    pub stats: Option<Box<ComplaintStats>>,
}

impl Component for Stats {
    fn name(&self) -> &'static str {
        "stats"
    }

    fn mode(&self) -> Mode {
        Mode::Detail
    }

    fn handle(&mut self, action: &Action, _app: &App, fx: &mut Vec<Effect>) -> Handled {
        if *action == Action::Back {
            fx.push(Effect::Close);
            return Handled::Consumed;
        }
        Handled::NotConsumed
    }

    fn draw(&self, frame: &mut Frame, area: Rect, app: &App, _focused: bool) {
        match &self.stats {
            Some(st) => crate::ui::analysis::stats(frame, app, area, st),
            None => {
                let period = Period::month_of(app.now, app.tz).to_string();
                let title = app.cat.fmt(
                    "stats.head",
                    &[("period", &period), ("n", "…"), ("rate", "…")],
                );
                super::loading(frame, app, area, title, true)
            }
        }
    }

    fn needs(&self, app: &App) -> Vec<Job> {
        let (policy, now, cat) = (app.policy.clone(), app.now, app.cat);
        let period = Period::month_of(now, app.tz);
        vec![Job::new("stats", move |s| {
            Ok(Box::new(complaint_stats(s, &policy, period, now, cat)?))
        })]
    }

    fn receive(&mut self, _slot: &str, data: Payload) {
        if let Ok(st) = data.downcast::<Box<ComplaintStats>>() {
            self.stats = Some(*st);
        }
    }

    fn depends(&self) -> &'static [RecordKind] {
        &[RecordKind::Complaint, RecordKind::Customer]
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}
