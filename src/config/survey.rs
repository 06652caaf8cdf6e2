//! `[survey]`: the satisfaction questionnaire as data, a team setting.
//!
//! ```toml
//! [[survey.items]]             # given, the items replace the default ten, in this order
//! name = "外观"
//! name_en = "appearance"
//! points = [10, 9, 6, 5, 1]    # answers a (very satisfied) to e (opposed)
//! [[survey.bands]]             # given, the bands replace A >= 90, B >= 75, C >= 60, D >= 35, E
//! rating = "A"
//! from = 90                    # the lowest band takes every score below the others too
//! ```

use serde::Deserialize;

use crate::domain::questionnaire::{Band, Item, Questionnaire};
use crate::error::Error;
use crate::field_id::FieldId;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Section {
    items: Option<Vec<ItemText>>,
    bands: Option<Vec<BandText>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ItemText {
    name: String,
    name_en: Option<String>,
    points: Vec<f64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct BandText {
    rating: String,
    from: f64,
}

/// `place` is a section (`survey`) or a section and what in it (`survey] items 2`).
fn bad(source: &str, place: &str, value: String, rule: &'static str) -> Error {
    let place = if place.contains(']') {
        place.to_string()
    } else {
        format!("{place}]")
    };
    Error::Invalid {
        field: FieldId::Place(format!("{source} [{place}")),
        value,
        rule,
    }
}

/// Applies `[survey]` to `q`; a bad section is named and leaves `q` as it was.
pub fn apply(q: &mut Questionnaire, section: &toml::Value, source: &str) -> Vec<Error> {
    let s: Section = match section.clone().try_into() {
        Ok(s) => s,
        Err(e) => {
            return vec![bad(
                source,
                "survey",
                e.message().to_string(),
                "rule.survey",
            )]
        }
    };
    let mut problems = Vec::new();
    let mut next = q.clone();
    if let Some(items) = s.items {
        if items.is_empty() {
            problems.push(bad(
                source,
                "survey] items",
                "[]".into(),
                "rule.survey_items",
            ));
        }
        next.items = Vec::new();
        for (i, it) in items.into_iter().enumerate() {
            let place = format!("survey] items {}", i + 1);
            let points: Option<[f64; 5]> = it.points.clone().try_into().ok();
            match points.filter(|p| p.iter().all(|x| x.is_finite() && *x >= 0.0)) {
                Some(points) if !it.name.trim().is_empty() => next.items.push(Item {
                    name_en: it.name_en.unwrap_or_else(|| it.name.clone()),
                    name: it.name,
                    points,
                }),
                _ => problems.push(bad(
                    source,
                    &place,
                    format!("{:?}", it.points),
                    "rule.survey_item",
                )),
            }
        }
    }
    if let Some(mut bands) = s.bands {
        bands.sort_by(|a, b| b.from.total_cmp(&a.from));
        let mut seen = std::collections::BTreeSet::new();
        let ok = !bands.is_empty()
            && bands.iter().all(|b| {
                b.from.is_finite() && !b.rating.trim().is_empty() && seen.insert(b.rating.clone())
            });
        if ok {
            next.bands = bands
                .into_iter()
                .map(|b| Band {
                    rating: b.rating,
                    from: b.from,
                })
                .collect();
        } else {
            problems.push(bad(
                source,
                "survey] bands",
                String::new(),
                "rule.survey_bands",
            ));
        }
    }
    if problems.is_empty() {
        *q = next;
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    fn apply_text(text: &str) -> (Questionnaire, usize) {
        let table: toml::Table = text.parse().unwrap_or_default();
        let mut q = Questionnaire::default();
        let section = table
            .get("survey")
            .cloned()
            .unwrap_or(toml::Value::Boolean(false));
        let n = apply(&mut q, &section, "t.toml").len();
        (q, n)
    }

    #[test]
    fn a_certification_bodys_questionnaire_without_code() {
        let (q, problems) = apply_text(
            "[[survey.items]]\nname = \"审核员能力\"\npoints = [40, 30, 20, 10, 0]\n\
             [[survey.items]]\nname = \"报告及时性\"\nname_en = \"report on time\"\npoints = [60, 45, 30, 15, 0]\n\
             [[survey.bands]]\nrating = \"良好\"\nfrom = 0\n[[survey.bands]]\nrating = \"优秀\"\nfrom = 80\n",
        );
        assert_eq!(problems, 0);
        assert_eq!(q.items.len(), 2);
        use crate::domain::questionnaire::Answer::*;
        assert_eq!(q.score(&[VerySatisfied, Satisfied]).score, 85.0);
        assert_eq!(q.score(&[VerySatisfied, Satisfied]).rating, "优秀");
        assert_eq!(q.score(&[Opposed, Opposed]).rating, "良好");
    }

    #[test]
    fn bad_items_and_bands_are_named_and_change_nothing() {
        let (q, problems) = apply_text(
            "[[survey.items]]\nname = \"外观\"\npoints = [10, 9]\n[[survey.bands]]\nrating = \"A\"\nfrom = 90\n[[survey.bands]]\nrating = \"A\"\nfrom = 10\n",
        );
        assert_eq!(problems, 2);
        assert_eq!(q, Questionnaire::default());
        let (_, problems) = apply_text("[survey]\nquestions = 3\n");
        assert_eq!(problems, 1);
    }
}
