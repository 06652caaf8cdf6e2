//! One customer's filled-in questionnaire of a round (MJ-QP-12): each item's answer and
//! points, kept with the item's names so it reads the same after the questionnaire
//! changes; its score and rating; and the CAPA a low score opens, naming the items the
//! customer was dissatisfied with or opposed.

use chrono::NaiveDate;
use serde::Serialize;

use super::questionnaire::{Answer, Questionnaire};
use crate::error::Error;
use crate::field_id::FieldId;
use crate::i18n::{Catalog, Lang};

/// One item's answer, with the item's names as they were when it was given.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ItemAnswer {
    /// The item's name in Chinese (its key: the report groups by it).
    pub item: String,
    /// The item's name in English.
    pub item_en: String,
    /// The answer, a to e.
    pub answer: Answer,
    /// The points it earned.
    pub points: f64,
}

impl ItemAnswer {
    /// The item's name in `lang`.
    pub fn label(&self, lang: Lang) -> &str {
        match lang {
            Lang::Zh => &self.item,
            Lang::En => &self.item_en,
        }
    }

    /// The item and its answer in `lang`: `size (dissatisfied)`.
    pub fn said(&self, cat: &Catalog, lang: Lang) -> String {
        cat.fmt(
            "survey.item_answer",
            &[
                ("item", self.label(lang)),
                ("answer", cat.get(self.answer.label_key())),
            ],
        )
    }
}

/// A filled-in questionnaire: the answers item by item, the score and the rating.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Filled {
    /// One answer per item, in the questionnaire's order.
    pub items: Vec<ItemAnswer>,
    /// The sum of the points.
    pub score: f64,
    /// The band the score falls in.
    pub rating: String,
}

impl Filled {
    /// The items answered dissatisfied (d) or opposed (e), in order.
    pub fn unhappy(&self) -> impl Iterator<Item = &ItemAnswer> {
        self.items.iter().filter(|i| i.answer.unhappy())
    }

    /// The answers as letters, `a,b,a,c,...` (as `survey score` reads them).
    pub fn letters(&self) -> String {
        let letters: Vec<&str> = self.items.iter().map(|i| i.answer.as_str()).collect();
        letters.join(",")
    }
}

impl Questionnaire {
    /// The questionnaire filled with one answer per item, in order (answers past the
    /// items are ignored; `parse_answers` has checked the count).
    pub fn fill(&self, answers: &[Answer]) -> Filled {
        let scored = self.score(answers);
        Filled {
            items: self
                .items
                .iter()
                .zip(answers)
                .map(|(item, a)| ItemAnswer {
                    item: item.name.clone(),
                    item_en: item.name_en.clone(),
                    answer: *a,
                    points: item.points[a.index()],
                })
                .collect(),
            score: scored.score,
            rating: scored.rating,
        }
    }
}

/// Reads the date a questionnaire was answered (`YYYY-MM-DD`): not after `today`.
pub fn answer_date(field: FieldId, text: &str, today: NaiveDate) -> Result<NaiveDate, Error> {
    let date = NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|_| Error::Invalid {
        field: field.clone(),
        value: text.to_string(),
        rule: "rule.date",
    })?;
    if date > today {
        return Err(Error::Invalid {
            field,
            value: text.to_string(),
            rule: "rule.not_future",
        });
    }
    Ok(date)
}

/// When the CAPA of an answer given on `answered` is due: `days` later.
pub fn capa_due(answered: NaiveDate, days: u32) -> NaiveDate {
    answered
        .checked_add_days(chrono::Days::new(u64::from(days)))
        .unwrap_or(answered)
}

/// The CAPA a low answer opens: its problem statement and due date.
#[derive(Debug, Clone, PartialEq)]
pub struct SurveyCapa {
    /// The problem, in the recording user's language.
    pub problem: String,
    /// When it is due.
    pub due: NaiveDate,
}

/// The CAPA an answer to `round` given on `answered` opens under `q`: below its line, with
/// the problem stated in `lang` and due `capa_days` later; None at or above the line.
pub fn capa_for(
    q: &Questionnaire,
    cat: &Catalog,
    lang: Lang,
    round: &str,
    filled: &Filled,
    answered: NaiveDate,
) -> Option<SurveyCapa> {
    q.needs_capa(filled.score).then(|| SurveyCapa {
        problem: capa_problem(cat, lang, round, filled),
        due: capa_due(answered, q.capa_days),
    })
}

/// The CAPA's problem statement in `lang`: the round, the score and rating, and the
/// items answered dissatisfied or opposed, each with its answer.
pub fn capa_problem(cat: &Catalog, lang: Lang, round: &str, filled: &Filled) -> String {
    let items: Vec<String> = filled.unhappy().map(|i| i.said(cat, lang)).collect();
    cat.fmt(
        "survey.capa_problem",
        &[
            ("round", round),
            ("score", &format!("{}", filled.score)),
            ("rating", &filled.rating),
            ("items", &items.join(cat.get("ui.list_sep"))),
        ],
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use Answer::*;

    #[test]
    fn filled_keeps_names_points_and_the_unhappy_items() {
        let q = Questionnaire::default();
        let answers = [
            VerySatisfied,
            Dissatisfied,
            VerySatisfied,
            Indifferent,
            Opposed,
            VerySatisfied,
            Satisfied,
            VerySatisfied,
            VerySatisfied,
            VerySatisfied,
        ];
        let f = q.fill(&answers);
        assert_eq!(
            f.score,
            10.0 + 5.0 + 5.0 + 18.0 + 1.0 + 10.0 + 9.0 + 5.0 + 5.0 + 5.0
        );
        assert_eq!(f.rating, "C");
        assert_eq!(f.letters(), "a,d,a,c,e,a,b,a,a,a");
        let unhappy: Vec<&str> = f.unhappy().map(|i| i.item.as_str()).collect();
        assert_eq!(unhappy, ["尺寸", "寿命"]);
        assert_eq!(f.items[1].label(Lang::En), "size");
        assert!(q.needs_capa(f.score));
        let text = capa_problem(Catalog::en(), Lang::En, "2026-10", &f);
        assert!(text.contains("size (dissatisfied)"), "{text}");
        assert!(
            text.contains("life (opposed)") && text.contains("73"),
            "{text}"
        );
    }

    #[test]
    fn the_capa_threshold_is_strict() {
        let q = Questionnaire::default();
        assert!(q.needs_capa(74.0));
        assert!(!q.needs_capa(75.0));
        let day = NaiveDate::from_ymd_opt(2026, 10, 20).unwrap_or_default();
        // d,a,e,c,c,a,a,a,b,a = 74 and d,a,e,c,a,c,a,a,a,a = 75, both with d and e items.
        let low = q.fill(&[
            Dissatisfied,
            VerySatisfied,
            Opposed,
            Indifferent,
            Indifferent,
            VerySatisfied,
            VerySatisfied,
            VerySatisfied,
            Satisfied,
            VerySatisfied,
        ]);
        let line = q.fill(&[
            Dissatisfied,
            VerySatisfied,
            Opposed,
            Indifferent,
            VerySatisfied,
            Indifferent,
            VerySatisfied,
            VerySatisfied,
            VerySatisfied,
            VerySatisfied,
        ]);
        assert_eq!((low.score, line.score), (74.0, 75.0));
        let capa = capa_for(&q, Catalog::zh(), Lang::Zh, "2026-10", &low, day);
        let capa = capa.unwrap_or_else(|| panic!("74 opens a CAPA"));
        assert_eq!(
            capa.due,
            NaiveDate::from_ymd_opt(2026, 11, 19).unwrap_or_default()
        );
        assert!(
            capa.problem.contains("外观（不满意）、包装（反对）"),
            "{}",
            capa.problem
        );
        assert_eq!(
            capa_for(&q, Catalog::zh(), Lang::Zh, "2026-10", &line, day),
            None
        );
    }

    #[test]
    fn dates_and_due_dates() {
        let today = NaiveDate::from_ymd_opt(2026, 10, 20).unwrap_or_default();
        let f = FieldId::flag("--date");
        assert_eq!(
            answer_date(f.clone(), "2026-10-20", today).ok(),
            Some(today)
        );
        assert!(answer_date(f.clone(), "2026-10-21", today).is_err());
        assert!(answer_date(f, "20/10/2026", today).is_err());
        assert_eq!(
            capa_due(today, 30),
            NaiveDate::from_ymd_opt(2026, 11, 19).unwrap_or_default()
        );
    }
}
