//! `kefu sla --json`: tens of thousands of running clocks. A second thread works out the
//! clocks and writes their JSON while the complaints are still being read; the lines are
//! then put in due order, as `report::sla_entries` orders them, and written out.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

use super::output::print_json_lines;
use crate::domain::complaint::{Severity, Step};
use crate::domain::sla::{ClockState, SlaPolicy};
use crate::domain::time::rfc3339;
use crate::report::{inquiry_clocks, sla_entries, InquiryClock, INQUIRY_CLOCK};
use crate::store::complaints::ComplaintRow;
use crate::store::Store;

/// Complaints handed to the clock thread at a time: small enough to overlap the reading.
const CHUNK: usize = 512;

/// One line of `kefu sla --json` (also each item of `kefu meeting --json`).
#[derive(serde::Serialize)]
pub(super) struct SlaJson<'a> {
    pub record: &'a str,
    pub kind: &'a str,
    pub customer: &'a str,
    pub customer_name: &'a str,
    /// A complaint's severity (an inquiry has none).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub severity: Option<Severity>,
    /// A complaint's step (an inquiry has none).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub step: Option<Step>,
    pub clock: &'a str,
    pub due: String,
    pub remaining_s: i64,
    pub state: ClockState,
    pub escalated: bool,
}

/// The JSON lines of the running clocks, with what orders them.
#[derive(Default)]
struct Lines {
    text: Vec<u8>,
    /// (due, complaint number, start and end of its line in `text`).
    order: Vec<(DateTime<Utc>, String, usize, usize)>,
}

impl Lines {
    /// Adds the running clocks of `rows` at `at`.
    fn add(&mut self, rows: &[ComplaintRow], policy: &SlaPolicy, at: DateTime<Utc>, tz: Tz) {
        for e in sla_entries(rows, policy, at) {
            let start = self.text.len();
            let line = SlaJson {
                record: e.record,
                kind: e.kind,
                customer: e.customer,
                customer_name: e.customer_name,
                severity: Some(e.severity),
                step: Some(e.step),
                clock: &e.clock,
                due: rfc3339(e.due, tz),
                remaining_s: e.remaining_s,
                state: e.state,
                escalated: e.escalated,
            };
            // Writing to a Vec fails only if serialising fails, which these types cannot.
            if serde_json::to_writer(&mut self.text, &line).is_ok() {
                self.order
                    .push((e.due, e.record.to_string(), start, self.text.len()));
            } else {
                self.text.truncate(start);
            }
        }
    }

    /// Adds the answer clocks of unanswered inquiries.
    fn add_inquiries(&mut self, clocks: &[InquiryClock], tz: Tz) {
        for c in clocks {
            let start = self.text.len();
            let line = SlaJson {
                record: &c.number,
                kind: "inquiry",
                customer: &c.asker,
                customer_name: &c.asker_name,
                severity: None,
                step: None,
                clock: INQUIRY_CLOCK,
                due: rfc3339(c.due, tz),
                remaining_s: c.remaining_s,
                state: c.state,
                escalated: false,
            };
            if serde_json::to_writer(&mut self.text, &line).is_ok() {
                self.order
                    .push((c.due, c.number.clone(), start, self.text.len()));
            } else {
                self.text.truncate(start);
            }
        }
    }

    /// The lines, nearest due first (a stable sort: a complaint's clocks keep their order).
    fn sorted(mut self) -> (Vec<u8>, Vec<(usize, usize)>) {
        self.order
            .sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.cmp(&b.1)));
        let spans = self.order.iter().map(|o| (o.2, o.3)).collect();
        (self.text, spans)
    }
}

/// Writes every running clock at `at` (complaints' and unanswered inquiries') as a JSON
/// array, nearest due first.
pub fn print(store: &Store, policy: &SlaPolicy, at: DateTime<Utc>, tz: Tz) -> anyhow::Result<()> {
    let inquiries = inquiry_clocks(store, policy, at)?;
    let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<ComplaintRow>>(8);
    let (lines, read) = std::thread::scope(|s| {
        let clocks = s.spawn(move || {
            let mut lines = Lines::default();
            for rows in rx {
                lines.add(&rows, policy, at, tz);
            }
            lines
        });
        let read = store.each_open_complaint(CHUNK, |rows| {
            // Only fails if the clock thread has gone, which `join` reports below.
            let _ = tx.send(rows);
            Ok(())
        });
        drop(tx);
        (clocks.join(), read)
    });
    read?;
    let mut lines = lines.map_err(|_| anyhow::anyhow!("the SLA clocks could not be worked out"))?;
    lines.add_inquiries(&inquiries, tz);
    let (text, spans) = lines.sorted();
    print_json_lines(spans.iter().map(|&(a, b)| &text[a..b]))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::time::DEFAULT_TZ;

    #[test]
    fn the_lines_come_out_in_the_order_of_the_sla_list() {
        let now = crate::domain::time::parse_time(
            crate::field_id::FieldId::named("now"),
            "2026-11-23 10:00",
            DEFAULT_TZ,
        )
        .unwrap();
        let mut store = Store::open_in_memory("t", now, DEFAULT_TZ).unwrap();
        let opts = crate::demo::DemoOptions {
            customers: 60,
            seed: 3,
        };
        store
            .write(|tx| crate::demo::generate(tx, opts, now))
            .unwrap();
        let policy = crate::config::policy::builtin(DEFAULT_TZ);
        let rows = store.list_complaints(true).unwrap();
        let want: Vec<(String, String)> = sla_entries(&rows, &policy, now)
            .iter()
            .map(|e| (e.record.to_string(), e.clock.to_string()))
            .collect();
        assert!(
            want.len() > 20,
            "the demo has running clocks ({})",
            want.len()
        );
        // Fed in small chunks, as the reader hands them over.
        let mut lines = Lines::default();
        for chunk in rows.chunks(7) {
            lines.add(chunk, &policy, now, DEFAULT_TZ);
        }
        let (text, spans) = lines.sorted();
        let got: Vec<(String, String)> = spans
            .iter()
            .map(|&(a, b)| {
                let v: serde_json::Value = serde_json::from_slice(&text[a..b]).unwrap();
                let s = |k: &str| v[k].as_str().unwrap_or_default().to_string();
                (s("record"), s("clock"))
            })
            .collect();
        assert_eq!(got, want);
    }
}
