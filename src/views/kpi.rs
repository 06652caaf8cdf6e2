//! The KPI pane: the same figures as `kefu kpi` for the current month.

use crate::kind::RecordKind;
use std::any::Any;

use ratatui::layout::Rect;
use ratatui::Frame;

use crate::app::component::{Component, Effect, Handled, Job, Payload};
use crate::app::data::load_kpis;
use crate::app::{Action, App, Mode};
use crate::domain::kpi::Kpi;
use crate::domain::period::Period;

/// The KPI pane's state.
#[derive(Default)]
pub struct Kpis {
    /// The month and its KPIs (None until loaded).
    pub table: Option<(Period, Vec<Kpi>)>,
}

impl Component for Kpis {
    fn name(&self) -> &'static str {
        "kpi"
    }

    fn mode(&self) -> Mode {
        Mode::List
    }

    fn handle(&mut self, _action: &Action, _app: &App, _fx: &mut Vec<Effect>) -> Handled {
        Handled::NotConsumed
    }

    fn draw(&self, frame: &mut Frame, area: Rect, app: &App, focused: bool) {
        match &self.table {
            Some((p, k)) => crate::ui::kpi::draw(frame, app, area, focused, *p, k),
            None => {
                let title = app.cat.fmt("head.kpi", &[("period", "")]);
                super::loading(frame, app, area, title, focused)
            }
        }
    }

    fn needs(&self, app: &App) -> Vec<Job> {
        let (policy, now, tz) = (app.policy.clone(), app.now, app.tz);
        vec![Job::new("kpi", move |s| load_kpis(s, &policy, now, tz))]
    }

    fn receive(&mut self, _slot: &str, data: Payload) {
        if let Ok(t) = data.downcast::<(Period, Vec<Kpi>)>() {
            self.table = Some(*t);
        }
    }

    fn depends(&self) -> &'static [RecordKind] {
        &[
            RecordKind::Complaint,
            RecordKind::Customer,
            RecordKind::NpsAnswer,
            RecordKind::Capa,
        ]
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}
