//! The CAPA list as people read it, the same in `kefu capa list` and the workbench.

use chrono::NaiveDate;

use crate::domain::capa::overdue;
use crate::i18n::Catalog;
use crate::store::capa::Capa;

/// The column headings' catalog keys, in row order.
pub const COLUMNS: [&str; 7] = [
    "col.id",
    "col.raised_by",
    "col.owner",
    "col.due",
    "col.verdict",
    "col.root_cause",
    "col.corrective",
];

/// One CAPA as a row of display text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CapaLine {
    /// The cells, in [`COLUMNS`] order.
    pub cells: [String; 7],
    /// Past its due date and not verified effective on the day.
    pub overdue: bool,
}

/// The list on `today`: its rows and how many are overdue.
pub fn lines(list: &[Capa], today: NaiveDate, cat: &Catalog) -> (Vec<CapaLine>, usize) {
    let rows: Vec<CapaLine> = list
        .iter()
        .map(|c| CapaLine {
            overdue: overdue(c.due_date, c.verdict, today),
            cells: [
                c.id.to_string(),
                c.source.clone(),
                c.owner.clone(),
                c.due_date.to_string(),
                cat.get(c.verdict.map_or("capa.unverified", |v| v.label_key()))
                    .to_string(),
                if c.root_cause.is_empty() {
                    cat.get("capa.to_analyse").to_string()
                } else {
                    c.root_cause.clone()
                },
                c.corrective.clone(),
            ],
        })
        .collect();
    let late = rows.iter().filter(|r| r.overdue).count();
    (rows, late)
}

/// The list's title: how many, how many overdue.
pub fn title(total: usize, late: usize, cat: &Catalog) -> String {
    cat.fmt(
        "ui.capas_title",
        &[("n", &total.to_string()), ("late", &late.to_string())],
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::capa::Verdict;
    use crate::i18n::Lang;

    fn capa(id: i64, due: &str, verdict: Option<Verdict>) -> Capa {
        Capa {
            id,
            source_kind: crate::domain::capa::CapaSourceKind::Complaint,
            source: "KS-2026-00001".into(),
            complaint: Some("KS-2026-00001".into()),
            problem: None,
            root_cause: "模具磨损".into(),
            corrective: "更换模具".into(),
            preventive: "定期点检".into(),
            owner: "chen.jing".into(),
            due_date: NaiveDate::parse_from_str(due, "%Y-%m-%d").unwrap(),
            checked_at: None,
            verdict,
            checked_by: None,
        }
    }

    #[test]
    fn overdue_unverified_capas_are_marked_and_counted_in_both_languages() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let list = [
            capa(1, "2026-11-20", None),
            capa(2, "2026-11-20", Some(Verdict::Effective)),
            capa(3, "2026-11-23", None),
            capa(4, "2026-11-01", Some(Verdict::NotEffective)),
        ];
        for lang in [Lang::En, Lang::Zh] {
            let cat = lang.catalog();
            let (rows, late) = lines(&list, today, cat);
            assert_eq!(late, 2);
            let marks: Vec<bool> = rows.iter().map(|r| r.overdue).collect();
            assert_eq!(marks, [true, false, false, true]);
            assert_eq!(rows[0].cells[4], cat.get("capa.unverified"));
            assert_eq!(rows[1].cells[4], cat.get("verdict.effective"));
            assert!(title(4, late, cat).contains('2'));
        }
    }
}
