//! The NPS trend pane.

use crate::kind::RecordKind;
use std::any::Any;

use ratatui::layout::Rect;
use ratatui::Frame;

use crate::app::component::{Component, Effect, Handled, Job, Payload};
use crate::app::data::{load_nps, NpsPoint};
use crate::app::{Action, App, Mode};

/// The NPS pane's state.
#[derive(Default)]
pub struct Nps {
    /// The last 8 quarters (None until loaded).
    pub points: Option<Vec<NpsPoint>>,
}

impl Component for Nps {
    fn name(&self) -> &'static str {
        "nps"
    }

    fn mode(&self) -> Mode {
        Mode::List
    }

    fn handle(&mut self, _action: &Action, _app: &App, _fx: &mut Vec<Effect>) -> Handled {
        Handled::NotConsumed
    }

    fn draw(&self, frame: &mut Frame, area: Rect, app: &App, focused: bool) {
        match &self.points {
            Some(p) => crate::ui::nps::draw(frame, app, area, focused, p),
            None => super::loading(frame, app, area, "NPS".into(), focused),
        }
    }

    fn needs(&self, app: &App) -> Vec<Job> {
        let (now, tz) = (app.now, app.tz);
        vec![Job::new("nps", move |s| load_nps(s, now, tz))]
    }

    fn receive(&mut self, _slot: &str, data: Payload) {
        if let Ok(p) = data.downcast::<Vec<NpsPoint>>() {
            self.points = Some(*p);
        }
    }

    fn depends(&self) -> &'static [RecordKind] {
        &[RecordKind::NpsAnswer]
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}
