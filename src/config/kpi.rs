//! The `[kpi]` section: the team's KPI targets (SOP-15 §10), each key declared once
//! with its range.
//!
//! ```toml
//! [kpi]
//! complaint_rate_below = 1     # % of orders shipped in the month
//! inquiry_hours = 24           # inquiries answered within this many hours...
//! inquiry_share = 100          # ...in this share (%)
//! first_response_share = 100   # % of first responses within the first_response clock
//! nps_overall = 50
//! nps_grade_a = 60
//! nps_grade_b = 40             # kefu nps: the grade B target (not a KPI of its own)
//! file_completeness = 100      # %
//! ```

use crate::domain::kpi::KpiTargets;
use crate::error::Error;

type Target = fn(&mut KpiTargets) -> &mut f64;

/// Every key: its name, the allowed range and the target it sets.
const KEYS: &[(&str, f64, f64, Target)] = &[
    ("complaint_rate_below", 0.0, 100.0, |t| {
        &mut t.complaint_rate_pct
    }),
    ("inquiry_hours", 1.0, 720.0, |t| &mut t.inquiry_hours),
    ("inquiry_share", 0.0, 100.0, |t| &mut t.inquiry_share_pct),
    ("first_response_share", 0.0, 100.0, |t| {
        &mut t.first_response_share_pct
    }),
    ("nps_overall", -100.0, 100.0, |t| &mut t.nps_overall),
    ("nps_grade_a", -100.0, 100.0, |t| &mut t.nps_grade_a),
    ("nps_grade_b", -100.0, 100.0, |t| &mut t.nps_grade_b),
    ("file_completeness", 0.0, 100.0, |t| &mut t.completeness_pct),
];

/// Applies a `[kpi]` table; each bad item is skipped and reported, the rest applies.
pub fn apply(targets: &mut KpiTargets, kpi: &toml::Value, file: &str) -> Vec<Error> {
    let Some(table) = kpi.as_table() else {
        return vec![super::bad(file, "kpi", kpi, "rule.sla_table")];
    };
    let mut errors = Vec::new();
    for (key, value) in table {
        let place = format!("kpi] {key}");
        let Some((_, lo, hi, target)) = KEYS.iter().find(|(k, ..)| k == key) else {
            errors.push(super::bad(file, &place, value, "rule.sla_unknown"));
            continue;
        };
        match value
            .as_float()
            .or_else(|| value.as_integer().map(|i| i as f64))
            .filter(|x| (*lo..=*hi).contains(x))
        {
            Some(x) => *target(targets) = x,
            None => errors.push(super::bad(file, &place, value, "rule.out_of_range")),
        }
    }
    errors
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(src: &str) -> (KpiTargets, Vec<Error>) {
        let v: toml::Table = src.parse().unwrap();
        let mut t = KpiTargets::default();
        let errors = apply(&mut t, &v["kpi"], "c.toml");
        (t, errors)
    }

    #[test]
    fn targets_come_from_the_section_and_bad_items_are_named() {
        let (t, errors) = parse("[kpi]\nnps_overall = 55\ncomplaint_rate_below = 0.5\n");
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!((t.nps_overall, t.complaint_rate_pct), (55.0, 0.5));
        assert_eq!(t.nps_grade_a, 60.0, "what is not named keeps its default");
        let (t, errors) =
            parse("[kpi]\nnps_overall = 500\nnps_grade_c = 40\ninquiry_hours = \"a day\"\n");
        assert_eq!(t.nps_overall, 50.0);
        let text: Vec<String> = errors
            .iter()
            .map(|e| e.message(crate::i18n::Catalog::en()))
            .collect();
        assert_eq!(text.len(), 3, "{text:?}");
        assert!(
            text.iter()
                .any(|e| e.contains("[kpi] nps_overall") && e.contains("500")),
            "{text:?}"
        );
        assert!(text.iter().any(|e| e.contains("nps_grade_c")), "{text:?}");
    }
}
