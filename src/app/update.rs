//! `App::update`: the one place actions change the state.

use super::action::crossterm_key::{KeyCode, KeyPress};
use super::form::{Form, PickOption};
use super::{Action, App, Confirm, Pane, View, PANES};
use crate::domain::complaint::Step;
use crate::domain::fields::FieldKind;

impl App {
    /// Applies one action.
    pub fn update(&mut self, action: Action) {
        match action {
            Action::Resize(..) => self.needs_draw = true,
            Action::DataChanged | Action::Refresh => self.reload_or_say(),
            Action::Help => self.help = !self.help,
            Action::Quit => {
                if self.form.as_ref().is_some_and(|f| f.dirty) {
                    self.confirm = Some(Confirm::Quit);
                } else {
                    self.quit = true;
                }
            }
            Action::Confirm => self.confirm_yes(),
            Action::Back => self.back(),
            Action::FocusNext | Action::FocusPrev if matches!(self.view, View::Dashboard) => {
                let i = PANES.iter().position(|p| *p == self.focus).unwrap_or(0);
                let d = if action == Action::FocusNext {
                    1
                } else {
                    PANES.len() - 1
                };
                self.focus = PANES[(i + d) % PANES.len()];
            }
            Action::Zoom => self.zoomed = !self.zoomed,
            Action::Up
            | Action::Down
            | Action::PageUp
            | Action::PageDown
            | Action::Top
            | Action::Bottom => self.navigate(&action),
            Action::Open => self.open(),
            Action::Filter if self.focus == Pane::Customers => {
                self.filter_editing = true;
                self.filter.get_or_insert_with(String::new);
            }
            Action::New => self.new_form(),
            Action::Edit => self.edit_form(),
            Action::Save => self.save_form(),
            Action::NextField | Action::PrevField => {
                if let Some(f) = &mut self.form {
                    f.move_focus(if action == Action::NextField { 1 } else { -1 });
                }
            }
            Action::Acknowledge => self.move_selected(Step::Acknowledged),
            Action::Investigate => self.move_selected(Step::Investigating),
            Action::Plan => self.move_selected(Step::PlanProposed),
            Action::Dispose => self.dispose_selected(),
            Action::FollowUp => self.move_selected(Step::FollowedUp),
            Action::Close => self.ask_for_move(Step::Closed),
            Action::Reject => self.ask_for_move(Step::Rejected),
            Action::Wait => {
                if let Some(n) = self.target_complaint() {
                    self.form = Some(Form::for_wait(&n, self.cat));
                }
            }
            Action::Resume => self.resume_selected(),
            Action::Escalate => self.escalate_selected(),
            Action::Stats => self.show(|app| app.open_stats()),
            Action::Capas => self.show(|app| {
                app.view = View::Capas(app.store.list_capas(None)?);
                Ok(())
            }),
            Action::Key(k) => self.typed(k),
            Action::Paste(text) => self.pasted(&text),
            _ => return,
        }
        self.needs_draw = true;
    }

    /// Applies the clock tick: true (and marks a redraw) when something visible changed.
    pub fn tick(&mut self, now: chrono::DateTime<chrono::Utc>) -> bool {
        let before = self.tick_labels();
        self.set_now(now);
        let changed = self.tick_labels() != before;
        self.needs_draw |= changed;
        changed
    }

    /// The time-dependent labels on screen: the status clock and every countdown.
    pub fn tick_labels(&self) -> Vec<String> {
        let mut v = vec![crate::domain::time::local(self.now, self.tz)];
        v.extend(self.data.board.iter().map(|r| {
            super::data::nearest_clock(r, &self.policy, self.now)
                .map(|c| {
                    format!(
                        "{}{:?}",
                        crate::report::remaining_label(self.cat, c.remaining_s),
                        c.state
                    )
                })
                .unwrap_or_default()
        }));
        v
    }

    fn reload_or_say(&mut self) {
        if let Err(e) = self.reload() {
            let text = e.message(self.cat);
            self.say(text, true);
        }
    }

    fn confirm_yes(&mut self) {
        match self.confirm.take() {
            Some(Confirm::Quit) => self.quit = true,
            Some(Confirm::DiscardForm) => self.form = None,
            None => {}
        }
    }

    fn back(&mut self) {
        if self.confirm.take().is_some() {
            return;
        }
        if self.help {
            self.help = false;
        } else if let Some(f) = &self.form {
            if f.dirty {
                self.confirm = Some(Confirm::DiscardForm);
            } else {
                self.form = None;
            }
        } else if self.filter_editing {
            self.filter_editing = false;
            self.filter = None;
            self.apply_filter();
        } else if !matches!(self.view, View::Dashboard) {
            self.view = View::Dashboard;
            self.detail = Default::default();
        } else if self.zoomed {
            self.zoomed = false;
        } else if self.filter.take().is_some() {
            self.apply_filter();
        }
    }

    fn navigate(&mut self, action: &Action) {
        let (sel, len) = match (&self.view, self.focus) {
            (View::Customer(..) | View::Complaint(_) | View::Stats(_) | View::Capas(_), _) => {
                let limit = self.detail.limit.get().max(1);
                (&mut self.detail, limit)
            }
            (View::Dashboard, Pane::Customers) => (&mut self.customers, self.filtered.len()),
            (View::Dashboard, Pane::Board) => (&mut self.board, self.data.board.len()),
            _ => return,
        };
        let page = sel.page();
        match action {
            Action::Up => sel.up(1),
            Action::Down => sel.down(1, len),
            Action::PageUp => sel.up(page),
            Action::PageDown => sel.down(page, len),
            Action::Top => sel.selected = 0,
            _ => sel.down(len, len),
        }
    }

    fn open(&mut self) {
        if self.filter_editing {
            self.filter_editing = false;
            return;
        }
        if !matches!(self.view, View::Dashboard) {
            return;
        }
        let result = match self.focus {
            Pane::Customers => match self.selected_customer().map(|c| c.code.clone()) {
                Some(code) => self.open_customer(&code),
                None => Ok(()),
            },
            Pane::Board => match self.selected_complaint().map(|c| c.number.clone()) {
                Some(n) => self
                    .store
                    .complaint(&n)
                    .map(|d| self.view = View::Complaint(Box::new(d))),
                None => Ok(()),
            },
            _ => Ok(()),
        };
        if let Err(e) = result {
            let text = e.message(self.cat);
            self.say(text, true);
        }
    }

    fn new_form(&mut self) {
        if !matches!(self.view, View::Dashboard) {
            return;
        }
        self.form = match self.focus {
            Pane::Customers => Some(Form::new_customer(self.cat)),
            Pane::Board => {
                let customer = self.selected_customer().map(|c| c.code.clone());
                Some(Form::new_complaint(
                    customer.as_deref(),
                    self.now,
                    self.tz,
                    self.cat,
                ))
            }
            _ => None,
        };
        self.fill_pickers();
    }

    /// Gives an open form's staff and customer pickers their options.
    fn fill_pickers(&mut self) {
        let Some(form) = self.form.as_mut() else {
            return;
        };
        let customers: Vec<PickOption> = self
            .data
            .customers
            .iter()
            .map(|c| PickOption {
                code: c.code.clone(),
                label: c.short_name.clone().unwrap_or_else(|| c.name.clone()),
            })
            .collect();
        form.set_options(FieldKind::Customer, &customers);
        match self.store.list_staff() {
            Ok(staff) => {
                let staff: Vec<PickOption> = staff
                    .into_iter()
                    .map(|s| PickOption {
                        code: s.username,
                        label: s.name,
                    })
                    .collect();
                form.set_options(FieldKind::Staff, &staff);
            }
            Err(e) => {
                let text = e.message(self.cat);
                self.say(text, true);
            }
        }
    }

    fn edit_form(&mut self) {
        let code = match &self.view {
            View::Customer(file, _) => Some(file.code.clone()),
            View::Dashboard if self.focus == Pane::Customers => {
                self.selected_customer().map(|c| c.code.clone())
            }
            _ => None,
        };
        let Some(code) = code else { return };
        match self.store.customer(&code) {
            Ok(file) => {
                self.form = Some(Form::edit_customer(&file, self.cat));
                self.fill_pickers();
            }
            Err(e) => {
                let text = e.message(self.cat);
                self.say(text, true);
            }
        }
    }

    fn pasted(&mut self, text: &str) {
        if let Some(f) = &mut self.form {
            f.paste(text, self.cat, self.tz);
        } else if self.filter_editing {
            let line: String = text.chars().filter(|c| !c.is_control()).take(100).collect();
            self.filter.get_or_insert_with(String::new).push_str(&line);
            self.customers.selected = 0;
            self.apply_filter();
        }
    }

    fn typed(&mut self, k: KeyPress) {
        if let Some(f) = &mut self.form {
            f.input(k, self.cat, self.tz);
        } else if self.filter_editing {
            let text = self.filter.get_or_insert_with(String::new);
            match k.code {
                KeyCode::Char(c) if !k.mods.intersects(ctrl_alt()) => text.push(c),
                KeyCode::Backspace => {
                    text.pop();
                }
                _ => return,
            }
            self.customers.selected = 0;
            self.apply_filter();
        }
    }
}

fn ctrl_alt() -> ratatui::crossterm::event::KeyModifiers {
    ratatui::crossterm::event::KeyModifiers::CONTROL | ratatui::crossterm::event::KeyModifiers::ALT
}
