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
//! [survey]
//! months = [4, 10]             # rounds are held in April and October
//! shares = { A = 1.0, B = 0.5, C = 0.2, D = 0.0 }   # of each grade, asked per round
//! capa_below = 75              # an answer scoring below opens a CAPA
//! capa_days = 30               # due this many days after the answer
//! ```

use serde::Deserialize;

use crate::domain::customer::Grade;
use crate::domain::questionnaire::{Band, Item, Questionnaire};
use crate::domain::sampling::Sampling;
use crate::error::Error;
use crate::field_id::FieldId;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Section {
    items: Option<Vec<ItemText>>,
    bands: Option<Vec<BandText>>,
    months: Option<Vec<u32>>,
    shares: Option<std::collections::BTreeMap<String, f64>>,
    capa_below: Option<f64>,
    capa_days: Option<u32>,
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

/// A problem at `place` (`survey` or `survey] items 2`), through the one way settings
/// problems are named.
fn bad(source: &str, place: &str, value: String, rule: &'static str) -> Error {
    super::bad(source, place, &toml::Value::String(value), rule)
}

/// Applies `[survey]` to the questionnaire and the sampling; a bad section is named and
/// leaves both as they were.
pub fn apply(
    q: &mut Questionnaire,
    sampling: &mut Sampling,
    section: &toml::Value,
    source: &str,
) -> Vec<Error> {
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
    if let Some(below) = s.capa_below {
        if below.is_finite() {
            next.capa_below = below;
        } else {
            let text = below.to_string();
            problems.push(bad(source, "survey] capa_below", text, "survey_rule.capa"));
        }
    }
    if let Some(days) = s.capa_days {
        match days {
            1..=3650 => next.capa_days = days,
            _ => {
                let text = days.to_string();
                problems.push(bad(source, "survey] capa_days", text, "survey_rule.capa"));
            }
        }
    }
    let mut next_sampling = sampling.clone();
    if let Some(months) = s.months {
        if months.is_empty() || months.iter().any(|m| !(1..=12).contains(m)) {
            let text = format!("{months:?}");
            problems.push(bad(source, "survey] months", text, "rule.survey_months"));
        }
        next_sampling.months = months;
    }
    for (grade, share) in s.shares.into_iter().flatten() {
        match Grade::parse(FieldId::named("grade"), &grade) {
            Ok(g) if (0.0..=1.0).contains(&share) => {
                next_sampling.shares.0.insert(g, share);
            }
            _ => problems.push(bad(
                source,
                &format!("survey] shares {grade}"),
                share.to_string(),
                "rule.survey_share",
            )),
        }
    }
    if problems.is_empty() {
        *q = next;
        *sampling = next_sampling;
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    fn apply_text(text: &str) -> (Questionnaire, usize) {
        let table: toml::Table = text.parse().unwrap_or_default();
        let mut q = Questionnaire::default();
        let mut s = Sampling::default();
        let section = table
            .get("survey")
            .cloned()
            .unwrap_or(toml::Value::Boolean(false));
        let n = apply(&mut q, &mut s, &section, "t.toml").len();
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
        let (q, problems) = apply_text("[survey]\ncapa_below = 80\ncapa_days = 0\n");
        assert_eq!((problems, q.capa_below), (1, 75.0));
    }

    #[test]
    fn the_capa_line_and_its_days_are_settings() {
        let (q, problems) = apply_text("[survey]\ncapa_below = 80\ncapa_days = 14\n");
        assert_eq!(problems, 0);
        assert_eq!((q.capa_below, q.capa_days), (80.0, 14));
        assert!(q.needs_capa(79.0) && !q.needs_capa(80.0));
    }
}
