//! The weighted satisfaction questionnaire (MJ-QP-12 满意度调查表): items, the points each
//! of the five answers earns on each item, and the rating bands of the total. It is data (a
//! team setting, `[survey]`), so a certification body's questionnaire needs no code.

use crate::error::Error;
use crate::field_id::FieldId;
use crate::vocabulary;

vocabulary!(
    /// An answer to one item, `a` (very satisfied) to `e` (opposed).
    Answer, "answer" {
        VerySatisfied = "a",
        Satisfied = "b",
        Indifferent = "c",
        Dissatisfied = "d",
        Opposed = "e"
    }
);

impl Answer {
    /// The answer's place, 0 (a) to 4 (e): the index of its points.
    pub fn index(self) -> usize {
        Answer::ALL.iter().position(|a| *a == self).unwrap_or(0)
    }

    /// Whether the customer was dissatisfied or opposed (the items a CAPA names).
    pub fn unhappy(self) -> bool {
        matches!(self, Answer::Dissatisfied | Answer::Opposed)
    }
}

/// One item of the questionnaire.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    /// Its name in Chinese (as printed on the form).
    pub name: String,
    /// Its name in English.
    pub name_en: String,
    /// The points of answers a to e.
    pub points: [f64; 5],
}

/// A rating and the lowest score that earns it.
#[derive(Debug, Clone, PartialEq)]
pub struct Band {
    /// The rating (A to E by default).
    pub rating: String,
    /// The lowest score of the band.
    pub from: f64,
}

/// The questionnaire: its items in order and its bands, the best first; and the CAPA a
/// low score opens.
#[derive(Debug, Clone, PartialEq)]
pub struct Questionnaire {
    /// The items, in the order answers are given.
    pub items: Vec<Item>,
    /// The bands, highest first; the last one takes every score below the others.
    pub bands: Vec<Band>,
    /// A score below this opens a CAPA (75).
    pub capa_below: f64,
    /// That CAPA is due this many days after the answer (30).
    pub capa_days: u32,
}

impl Default for Questionnaire {
    /// DOMAIN.md's ten items, five answers and A-E bands.
    fn default() -> Self {
        let item = |name: &str, name_en: &str, points: [f64; 5]| Item {
            name: name.into(),
            name_en: name_en.into(),
            points,
        };
        let small = [5.0, 4.0, 3.0, 2.0, 1.0];
        let ten = [10.0, 9.0, 6.0, 3.0, 1.0];
        Questionnaire {
            items: vec![
                item("外观", "appearance", [10.0, 9.0, 6.0, 5.0, 1.0]),
                item("尺寸", "size", [10.0, 9.0, 6.0, 5.0, 1.0]),
                item("包装", "packing", small),
                item("性能", "performance", [30.0, 27.0, 18.0, 15.0, 5.0]),
                item("寿命", "life", ten),
                item("改进", "improvement", ten),
                item("准时交货", "on-time delivery", ten),
                item("运输", "transport", small),
                item("价格", "price", small),
                item("日常服务", "daily service", small),
            ],
            bands: [
                ("A", 90.0),
                ("B", 75.0),
                ("C", 60.0),
                ("D", 35.0),
                ("E", f64::MIN),
            ]
            .iter()
            .map(|(r, from)| Band {
                rating: r.to_string(),
                from: *from,
            })
            .collect(),
            capa_below: 75.0,
            capa_days: 30,
        }
    }
}

/// A questionnaire's score and rating.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Scored {
    /// The sum of the points.
    pub score: f64,
    /// The band it falls in.
    pub rating: String,
}

impl Item {
    /// Its name in `lang`.
    pub fn label(&self, lang: crate::i18n::Lang) -> &str {
        match lang {
            crate::i18n::Lang::Zh => &self.name,
            crate::i18n::Lang::En => &self.name_en,
        }
    }
}

impl Questionnaire {
    /// Whether `score` opens a CAPA (below `capa_below`).
    pub fn needs_capa(&self, score: f64) -> bool {
        score < self.capa_below
    }

    /// The rating of `score`: the first band whose lower bound it reaches.
    pub fn rating(&self, score: f64) -> String {
        self.bands
            .iter()
            .find(|b| score >= b.from)
            .or(self.bands.last())
            .map(|b| b.rating.clone())
            .unwrap_or_default()
    }

    /// The score and rating of one answer per item, in order.
    pub fn score(&self, answers: &[Answer]) -> Scored {
        let given: Vec<Option<Answer>> = answers.iter().copied().map(Some).collect();
        self.score_so_far(&given)
    }

    /// The score and rating of the answers given so far (None: the item is not answered
    /// yet), as a form shows them while they are typed in.
    pub fn score_so_far(&self, answers: &[Option<Answer>]) -> Scored {
        // From +0: an empty float sum is -0, which prints as "-0".
        let score = self
            .items
            .iter()
            .zip(answers)
            .filter_map(|(item, a)| a.map(|a| item.points[a.index()]))
            .fold(0.0, |sum, p| sum + p);
        Scored {
            score,
            rating: self.rating(score),
        }
    }

    /// Reads `a,b,a,c,...`: one answer per item, a letter or its label (非常满意, 满意,
    /// 一般, 不满意, 反对 via `label`), separated by commas (`,` or `，`); every problem
    /// names the item.
    pub fn parse_answers(
        &self,
        field: &FieldId,
        text: &str,
        label: impl Fn(&str) -> Option<&'static str>,
    ) -> Result<Vec<Answer>, Error> {
        let parts: Vec<&str> = text
            .split([',', '，', '、'])
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .collect();
        if parts.len() != self.items.len() {
            return Err(Error::Invalid {
                field: field.clone(),
                value: format!("{} / {}", parts.len(), self.items.len()),
                rule: "rule.answer_count",
            });
        }
        parts
            .iter()
            .zip(&self.items)
            .map(|(p, item)| {
                let code = label(p).unwrap_or(p);
                Answer::parse(FieldId::Place(item.name.clone()), code)
            })
            .collect()
    }
}

#[cfg(test)]
#[path = "questionnaire_tests.rs"]
mod tests;
