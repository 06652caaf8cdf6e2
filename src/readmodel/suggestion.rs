//! The suggestions log as people read it: list rows, one suggestion, the year's summary.

use chrono_tz::Tz;

use super::fields::{display, lines, FieldLine};
use crate::domain::fields::Record;
use crate::domain::suggestion::{Count, Suggestion, SuggestionRecord, SuggestionResponse, Summary};
use crate::i18n::Catalog;

/// The column headings' catalog keys of a suggestions list.
pub const LIST_COLUMNS: [&str; 6] = [
    "col.number",
    "col.received",
    "col.customer",
    "col.topic",
    "col.status",
    "field.content",
];

/// One suggestion as a list row, in [`LIST_COLUMNS`] order.
pub fn list_row(r: &SuggestionRecord, cat: &Catalog, tz: Tz) -> [String; 6] {
    let show = |name: &str| {
        let (spec, value) = match Suggestion::spec(name) {
            Some(s) => (s, r.suggestion.get(name)),
            None => match SuggestionResponse::spec(name) {
                Some(s) => (s, r.response.get(name)),
                None => return String::new(),
            },
        };
        display(spec, value.as_deref(), cat, tz)
    };
    let content = r.suggestion.content.as_deref().unwrap_or_default();
    [
        r.number.clone(),
        show("received"),
        show("customer"),
        r.suggestion
            .topic
            .map(|t| cat.get(t.label_key()).to_string())
            .unwrap_or_default(),
        r.response
            .status
            .map(|s| cat.get(s.label_key()).to_string())
            .unwrap_or_default(),
        content.lines().next().unwrap_or_default().to_string(),
    ]
}

/// Every field of one suggestion, labelled: the number, what was taken down, the answer.
pub fn detail(r: &SuggestionRecord, cat: &Catalog, tz: Tz) -> Vec<FieldLine> {
    let mut out = vec![FieldLine {
        field: "number",
        label: cat.get("col.number").to_string(),
        value: r.number.clone(),
    }];
    out.extend(lines(&r.suggestion, cat, tz));
    out.extend(lines(&r.response, cat, tz));
    out
}

/// One block of the summary: a heading and labelled counts with their share.
#[derive(Debug, Clone, PartialEq)]
pub struct SummaryBlock {
    /// The block's heading.
    pub heading: String,
    /// (label, count, share of the year's total in %).
    pub rows: Vec<(String, usize, f64)>,
}

/// The year's summary as headed blocks, the same for the CLI and the workbench.
pub fn summary_blocks(s: &Summary, cat: &Catalog) -> Vec<SummaryBlock> {
    let share = |n: usize| {
        if s.total == 0 {
            0.0
        } else {
            (n as f64 * 1000.0 / s.total as f64).round() / 10.0
        }
    };
    // Vocabulary counts are shown by their labels, customers by their codes.
    let labelled = |counts: &[Count], prefix: Option<&str>| {
        counts
            .iter()
            .map(|c| {
                let label = prefix.and_then(|p| cat.get_owned(&format!("{p}.{}", c.key)));
                (label.unwrap_or(&c.key).to_string(), c.count, share(c.count))
            })
            .collect()
    };
    vec![
        SummaryBlock {
            heading: cat.get("suggestion.by_topic").to_string(),
            rows: labelled(&s.by_topic, Some("topic")),
        },
        SummaryBlock {
            heading: cat.get("suggestion.by_status").to_string(),
            rows: labelled(&s.by_status, Some("suggestion_status")),
        },
        SummaryBlock {
            heading: cat.get("suggestion.by_channel").to_string(),
            rows: labelled(&s.by_channel, Some("channel")),
        },
        SummaryBlock {
            heading: cat.get("suggestion.by_month").to_string(),
            rows: s
                .by_month
                .iter()
                .enumerate()
                .map(|(m, n)| (format!("{}-{:02}", s.year, m + 1), *n, share(*n)))
                .collect(),
        },
        SummaryBlock {
            heading: cat.get("suggestion.repeat_customers").to_string(),
            rows: labelled(&s.repeat_customers, None),
        },
    ]
}

/// The summary's one-line headline.
pub fn headline(s: &Summary, cat: &Catalog) -> String {
    let (year, total, open) = (
        s.year.to_string(),
        s.total.to_string(),
        s.open.len().to_string(),
    );
    match s.median_days_to_response {
        Some(d) => cat.fmt(
            "suggestion.summary",
            &[
                ("year", &year),
                ("total", &total),
                ("open", &open),
                ("days", &format!("{d:.1}")),
            ],
        ),
        None => cat.fmt(
            "suggestion.summary_none",
            &[("year", &year), ("total", &total), ("open", &open)],
        ),
    }
}
