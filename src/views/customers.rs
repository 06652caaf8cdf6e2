//! The customer list pane: paged and filtered in SQL, so it stays instant at any size.

use crate::kind::RecordKind;
use std::any::Any;

use ratatui::crossterm::event::KeyModifiers;
use ratatui::layout::Rect;
use ratatui::Frame;

use crate::app::action::crossterm_key::KeyCode;
use crate::app::component::{Component, Effect, FormRequest, Handled, Job, Payload};
use crate::app::selection::Selection;
use crate::app::{Action, App, Mode};
use crate::error::Result;
use crate::store::customers::{CustomerFilter, CustomerRow};
use crate::store::Store;

/// Rows read around the selection at a time.
const WINDOW: usize = 200;

/// One window of the filtered list.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CustomerPage {
    /// Position of `rows[0]` in the filtered list.
    pub offset: usize,
    /// The rows of the window.
    pub rows: Vec<CustomerRow>,
    /// Customers the filter lets through.
    pub total: usize,
    /// Customers in all.
    pub all: usize,
    /// Where the wanted customer is in the filtered list, when one was asked for.
    pub found: Option<usize>,
}

/// Reads the window starting at `offset` (or around `want`, when it is listed).
pub fn load_page(
    store: &Store,
    text: Option<String>,
    check: bool,
    offset: usize,
    want: Option<String>,
) -> Result<CustomerPage> {
    let days = chrono::Duration::days(i64::from(crate::domain::customer::DATA_CHECK_DAYS));
    let mut filter = CustomerFilter {
        text,
        unconfirmed_since: check.then(|| crate::domain::time::to_store(store.now() - days)),
        ..Default::default()
    };
    let found = match &want {
        Some(code) => store.customer_position(&filter, code)?,
        None => None,
    };
    let offset = found.map_or(offset, |i| i.saturating_sub(WINDOW / 2));
    let total = store.count_customers(&filter)?;
    let all = if filter.text.is_some() || filter.unconfirmed_since.is_some() {
        store.count_customers(&CustomerFilter::default())?
    } else {
        total
    };
    filter.offset = offset;
    filter.limit = Some(WINDOW);
    let rows = store.list_customers(&filter)?;
    Ok(CustomerPage {
        offset,
        rows,
        total,
        all,
        found,
    })
}

/// The customer pane's state.
#[derive(Default)]
pub struct Customers {
    /// The loaded window (None until the first arrives).
    pub page: Option<CustomerPage>,
    /// The selection, a position in the whole filtered list.
    pub sel: Selection,
    /// The filter text, when one is set.
    pub filter: Option<String>,
    /// Whether keys go into the filter.
    pub editing: bool,
    /// Only the files due their quarterly data check.
    pub check: bool,
    /// The customer to select when the next window arrives.
    want: Option<String>,
}

impl Customers {
    /// The row at position `i` of the filtered list, if it is in the loaded window.
    pub fn row(&self, i: usize) -> Option<&CustomerRow> {
        let p = self.page.as_ref()?;
        p.rows.get(i.checked_sub(p.offset)?)
    }

    /// The selected customer.
    pub fn selected(&self) -> Option<&CustomerRow> {
        self.row(self.sel.selected)
    }

    /// Customers the filter lets through (0 until loaded).
    pub fn total(&self) -> usize {
        self.page.as_ref().map_or(0, |p| p.total)
    }

    /// Selects the customer `code` with the next window.
    pub fn select(&mut self, code: &str) {
        self.want = Some(code.to_string());
    }

    fn in_window(&self) -> bool {
        self.page.as_ref().is_some_and(|p| {
            (p.offset..p.offset + p.rows.len()).contains(&self.sel.selected) || p.rows.is_empty()
        })
    }

    fn text(&mut self, code: KeyCode, mods: KeyModifiers) -> bool {
        let changed = crate::input::typing::type_into(
            self.filter.get_or_insert_with(String::new),
            code,
            mods,
        );
        if changed {
            self.sel.selected = 0;
        }
        changed
    }
}

impl Component for Customers {
    fn name(&self) -> &'static str {
        "customers"
    }

    fn mode(&self) -> Mode {
        if self.editing {
            Mode::Filter
        } else {
            Mode::Customers
        }
    }

    fn handle(&mut self, action: &Action, _app: &App, fx: &mut Vec<Effect>) -> Handled {
        if self.editing {
            if let Action::Key(k) = action {
                if self.text(k.code, k.mods) {
                    fx.push(Effect::Load);
                }
            } else if let Action::Paste(text) = action {
                crate::input::typing::paste_into(self.filter.get_or_insert_with(String::new), text);
                self.sel.selected = 0;
                fx.push(Effect::Load);
            } else if *action == Action::Open {
                self.editing = false;
            } else if *action == Action::Back {
                self.editing = false;
                self.filter = None;
                self.sel.selected = 0;
                fx.push(Effect::Load);
            } else {
                return Handled::NotConsumed;
            }
            return Handled::Consumed;
        }
        let total = self.total();
        if super::navigate(&mut self.sel, action, total) {
            if !self.in_window() {
                fx.push(Effect::Load);
            }
            return Handled::Consumed;
        }
        let code = self.selected().map(|c| c.code.clone());
        if *action == Action::Filter {
            self.editing = true;
            self.filter.get_or_insert_with(String::new);
        } else if *action == Action::Back && self.filter.is_some() {
            self.filter = None;
            self.sel.selected = 0;
            fx.push(Effect::Load);
        } else if *action == Action::Open {
            if let Some(code) = code {
                fx.push(Effect::Open(Box::new(super::CustomerView::new(code))));
            }
        } else if *action == Action::DataCheck {
            self.check = !self.check;
            self.sel.selected = 0;
            fx.push(Effect::Load);
        } else if *action == Action::ConfirmData {
            if let Some(code) = code {
                fx.push(Effect::Work(crate::app::component::Work::ConfirmData(code)));
            }
        } else if *action == Action::New {
            fx.push(Effect::Form(FormRequest::NewCustomer));
        } else if *action == Action::Edit {
            if let Some(code) = code {
                fx.push(Effect::Form(FormRequest::EditCustomer(code)));
            }
        } else {
            return Handled::NotConsumed;
        }
        Handled::Consumed
    }

    fn draw(&self, frame: &mut Frame, area: Rect, app: &App, focused: bool) {
        let row = |i| self.row(i);
        let list = crate::ui::customers::CustomerList {
            counts: self.page.as_ref().map(|p| (p.total, p.all)),
            row: &row,
            sel: &self.sel,
            filter: self.filter.as_deref(),
            editing: self.editing,
            check: self.check,
        };
        crate::ui::customers::draw(frame, app, area, focused, &list);
    }

    fn needs(&self, _app: &App) -> Vec<Job> {
        let text = self.filter.clone().filter(|t| !t.trim().is_empty());
        let offset = self.sel.selected.saturating_sub(WINDOW / 2);
        let want = self.want.clone();
        let check = self.check;
        vec![Job::new("customers", move |s| {
            load_page(s, text, check, offset, want)
        })]
    }

    fn receive(&mut self, _slot: &str, data: Payload) {
        let Ok(page) = data.downcast::<CustomerPage>() else {
            return;
        };
        if let Some(i) = page.found {
            self.sel.selected = i;
        }
        self.want = None;
        self.sel.clamp(page.total);
        self.page = Some(*page);
    }

    fn depends(&self) -> &'static [RecordKind] {
        &[
            RecordKind::Customer,
            RecordKind::Complaint,
            RecordKind::NpsAnswer,
        ]
    }

    fn click(&mut self, row: usize, fx: &mut Vec<Effect>) {
        let i = self.sel.offset.get() + row;
        if i < self.total() {
            self.sel.selected = i;
            if !self.in_window() {
                fx.push(Effect::Load);
            }
        }
    }

    fn select_key(&mut self, key: &str) {
        self.select(key);
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}
