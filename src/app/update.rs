//! `App::update`: the one place actions change the state. Routing goes popup-first
//! (question, help, form), then the focused component, then the global keys.

use super::component::{Effect, FormRequest, Handled, Job, Work};
use super::form::Form;
use super::{Action, App, Confirm};
use crate::input::action::Movement;

impl App {
    /// Applies one action.
    pub fn update(&mut self, action: Action) {
        self.needs_draw = true;
        if let Action::Mouse(p) = action {
            // Over a popup the mouse does nothing: keys answer a question or fill a form.
            if self.confirm.is_none()
                && !self.help
                && !self.message_open
                && self.palette.is_none()
                && self.form.is_none()
            {
                self.pointer(p);
            }
            return;
        }
        if self.popup(&action) == Handled::Consumed {
            return;
        }
        // With a form open, only what the form left (quit, refresh, ticks) goes on, and
        // past the panes under it.
        if self.form.is_none()
            && self.with_focused(|c, app, fx| c.handle(&action, app, fx)) == Handled::Consumed
        {
            return;
        }
        self.global(action);
    }

    /// The popups, top first: the question, the help screen, the form.
    fn popup(&mut self, action: &Action) -> Handled {
        if self.confirm.is_some() {
            match action {
                Action::Confirm => self.confirm_yes(),
                Action::Back => self.confirm = None,
                Action::Resize(..) | Action::Tick | Action::DataChanged | Action::Refresh => {
                    return Handled::NotConsumed
                }
                Action::Quit
                | Action::Help
                | Action::FocusNext
                | Action::FocusPrev
                | Action::Move(_)
                | Action::Open
                | Action::Zoom
                | Action::Filter
                | Action::New
                | Action::Edit
                | Action::Save
                | Action::NextField
                | Action::PrevField
                | Action::Step(_)
                | Action::Assign
                | Action::Note
                | Action::File(_)
                | Action::Show(_)
                | Action::Toggle(_)
                | Action::Sort(_)
                | Action::NextBreached
                | Action::Palette
                | Action::Jump
                | Action::Undo
                | Action::Message
                | Action::Tab(_)
                | Action::ConfirmData
                | Action::ConfirmGrade
                | Action::DataCheck
                | Action::Key(_)
                | Action::Mouse(_)
                | Action::Paste(_) => {}
            }
            return Handled::Consumed;
        }
        if self.message_open {
            if matches!(action, Action::Message | Action::Back | Action::Help) {
                self.message_open = false;
                return Handled::Consumed;
            }
            return Handled::NotConsumed;
        }
        if self.help {
            match action {
                Action::Help | Action::Back => {
                    self.help = false;
                    self.help_scroll = 0;
                }
                Action::Move(m) => {
                    let page = 10;
                    self.help_scroll = match m {
                        Movement::Up => self.help_scroll.saturating_sub(1),
                        Movement::Down => self.help_scroll + 1,
                        Movement::PageUp => self.help_scroll.saturating_sub(page),
                        Movement::PageDown => self.help_scroll + page,
                        Movement::Top => 0,
                        Movement::Bottom => usize::MAX / 2,
                    };
                    let rows = self.keymap.help(self.mode_under_help()).len();
                    let last = rows.saturating_sub(self.help_rows.get().max(1));
                    self.help_scroll = self.help_scroll.min(last);
                }
                _ => return Handled::NotConsumed,
            }
            return Handled::Consumed;
        }
        if self.palette.is_some() {
            return self.palette_key(action);
        }
        let Some(form) = &mut self.form else {
            return Handled::NotConsumed;
        };
        match action {
            Action::Save => self.save_form(),
            Action::NextField => form.move_focus(1),
            Action::PrevField => form.move_focus(-1),
            Action::Key(k) => {
                form.input(*k, self.cat, self.tz);
                self.search_pickers();
            }
            Action::Paste(text) => {
                form.paste(text, self.cat, self.tz);
                self.search_pickers();
            }
            Action::Back => {
                if form.dirty {
                    self.confirm = Some(Confirm::DiscardForm);
                } else {
                    self.form = None;
                }
            }
            Action::Quit
            | Action::Help
            | Action::Confirm
            | Action::FocusNext
            | Action::FocusPrev
            | Action::Move(_)
            | Action::Open
            | Action::Zoom
            | Action::Filter
            | Action::New
            | Action::Edit
            | Action::Step(_)
            | Action::Assign
            | Action::Note
            | Action::File(_)
            | Action::Show(_)
            | Action::Toggle(_)
            | Action::Sort(_)
            | Action::NextBreached
            | Action::Palette
            | Action::Jump
            | Action::Undo
            | Action::Message
            | Action::Tab(_)
            | Action::ConfirmData
            | Action::ConfirmGrade
            | Action::DataCheck
            | Action::Mouse(_)
            | Action::Refresh
            | Action::Tick
            | Action::DataChanged
            | Action::Resize(..) => return Handled::NotConsumed,
        }
        Handled::Consumed
    }

    /// Keys that mean the same everywhere.
    fn global(&mut self, action: Action) {
        match action {
            Action::Resize(..) | Action::Key(_) | Action::Mouse(_) | Action::Paste(_) => {}
            Action::DataChanged | Action::Refresh => self.reload(),
            Action::Tick => {}
            Action::Help => self.help = true,
            Action::Quit => {
                if self.form.as_ref().is_some_and(|f| f.dirty) {
                    self.confirm = Some(Confirm::Quit);
                } else {
                    self.quit = true;
                }
            }
            Action::Confirm => self.confirm_yes(),
            Action::Back => {
                if self.view.take().is_none() && self.zoomed {
                    self.zoomed = false;
                }
            }
            Action::FocusNext | Action::FocusPrev if self.view.is_none() => {
                let n = self.panes.len().max(1);
                let d = if action == Action::FocusNext {
                    1
                } else {
                    n - 1
                };
                self.focus = (self.focus + d) % n;
            }
            Action::Zoom => self.zoomed = !self.zoomed,
            Action::Palette => self.open_palette(false),
            Action::Jump => self.open_palette(true),
            Action::Undo => self.undo_last(),
            Action::Message => self.message_open = self.last_message.is_some(),
            Action::Show(key) => {
                if let Some((_, make)) = self.launchers.iter().find(|(k, _)| *k == key) {
                    let view = make();
                    self.effect(Effect::Open(view));
                }
            }
            Action::FocusNext
            | Action::FocusPrev
            | Action::Move(_)
            | Action::Step(_)
            | Action::Assign
            | Action::Note
            | Action::File(_)
            | Action::Toggle(_)
            | Action::Sort(_)
            | Action::NextBreached
            | Action::Open
            | Action::Filter
            | Action::New
            | Action::Edit
            | Action::Save
            | Action::NextField
            | Action::Tab(_)
            | Action::ConfirmData
            | Action::ConfirmGrade
            | Action::DataCheck
            | Action::PrevField => {}
        }
    }

    /// Does what a component asked.
    /// Opens `view` in the main area (as a key that opens it would).
    pub fn show_view(&mut self, view: Box<dyn crate::app::component::Component>) {
        self.effect(Effect::Open(view));
    }

    pub(super) fn effect(&mut self, e: Effect) {
        match e {
            Effect::Open(view) => {
                let jobs = view.needs(self);
                self.view = Some(view);
                self.submit(jobs);
            }
            Effect::Close => self.view = None,
            Effect::Load => {
                let jobs = self.focused().map(|c| c.needs(self)).unwrap_or_default();
                self.submit(jobs);
            }
            Effect::Form(req) => self.open_form(req),
            Effect::Write(w) => self.view_write(w),
            Effect::Say(text) => self.say(text, false),
            Effect::Fail(text) => self.say(text, true),
            Effect::Work(w) => match w {
                Work::Move(n, to) => self.move_complaint(&n, to),
                Work::Dispose(n) => self.dispose(&n),
                Work::Resume(n) => self.resume(&n),
                Work::Escalate(n) => self.escalate(&n),
                Work::Report(n) => self.report_sent(&n),
                Work::ConfirmData(code) => self.confirm_data(&code),
            },
        }
        self.needs_draw = true;
    }

    fn open_form(&mut self, req: FormRequest) {
        let form = match req {
            FormRequest::NewCustomer => Form::new_customer(self.cat),
            FormRequest::NewComplaint(c) => {
                Form::new_complaint(c.as_deref(), self.now, self.tz, self.cat)
            }
            FormRequest::Wait(n) => Form::for_wait(&n, self.cat),
            FormRequest::Move(n, to) => Form::for_move(&n, to, self.cat),
            FormRequest::Record(rf) => Form::for_record(rf, self.cat),
            // Opens when the file is read (at once when the worker runs inline).
            FormRequest::EditCustomer(code) => return self.edit_customer(&code),
            FormRequest::Load(load) => {
                return self.submit(vec![Job::new("form", move |s| (load.0)(s))]);
            }
        };
        self.show_form(form);
    }

    /// Applies the clock tick: true (and marks a redraw) when something visible changed.
    pub fn tick(&mut self, now: chrono::DateTime<chrono::Utc>) -> bool {
        let before = self.tick_labels();
        self.set_now(now);
        let mut breached = false;
        for p in &mut self.panes {
            breached |= p.on_tick(now);
        }
        if let Some(v) = &mut self.view {
            breached |= v.on_tick(now);
        }
        self.ring |= breached && self.bell;
        let changed = self.tick_labels() != before;
        self.needs_draw |= changed;
        changed
    }

    /// The time-dependent labels on screen: the status clock and the visible countdowns.
    pub fn tick_labels(&self) -> Vec<String> {
        let mut v = vec![crate::domain::time::local(self.now, self.tz)];
        match &self.view {
            Some(view) => v.extend(view.tick_labels(self)),
            None => {
                for p in &self.panes {
                    v.extend(p.tick_labels(self));
                }
            }
        }
        v
    }

    fn confirm_yes(&mut self) {
        match self.confirm.take() {
            Some(Confirm::Quit) => self.quit = true,
            Some(Confirm::DiscardForm) => self.form = None,
            None => {}
        }
    }
}
