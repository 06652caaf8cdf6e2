//! Net Promoter Score: 9-10 promoter, 7-8 passive, 0-6 detractor.

use crate::error::Error;
use crate::field_id::FieldId;

/// A respondent's class by score.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NpsClass {
    /// 9-10.
    Promoter,
    /// 7-8.
    Passive,
    /// 0-6.
    Detractor,
}

impl NpsClass {
    /// The catalog key of its name.
    pub fn label_key(self) -> &'static str {
        match self {
            NpsClass::Promoter => "nps_class.promoter",
            NpsClass::Passive => "nps_class.passive",
            NpsClass::Detractor => "nps_class.detractor",
        }
    }
}

/// Classifies a 0-10 score.
pub fn classify(score: u8) -> NpsClass {
    match score {
        9.. => NpsClass::Promoter,
        7 | 8 => NpsClass::Passive,
        _ => NpsClass::Detractor,
    }
}

/// Checks that a score is 0-10.
pub fn validate_score(field: FieldId, score: i64) -> Result<u8, Error> {
    u8::try_from(score)
        .ok()
        .filter(|s| *s <= 10)
        .ok_or_else(|| Error::Invalid {
            field,
            value: score.to_string(),
            rule: "rule.nps_score",
        })
}

/// Checks an answer: a score of 0-10, given no later than `now` (errors in `tz`'s time).
pub fn check_answer(
    score: i64,
    at: chrono::DateTime<chrono::Utc>,
    now: chrono::DateTime<chrono::Utc>,
    tz: chrono_tz::Tz,
) -> Result<u8, Error> {
    let score = validate_score(FieldId::named("score"), score)?;
    if at > now {
        return Err(Error::Invalid {
            field: FieldId::named("date"),
            value: crate::domain::time::local(at, tz),
            rule: "rule.not_future",
        });
    }
    Ok(score)
}

/// The tally of a set of responses.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct NpsTally {
    /// Scores 9-10.
    pub promoters: usize,
    /// Scores 7-8.
    pub passives: usize,
    /// Scores 0-6.
    pub detractors: usize,
}

impl NpsTally {
    /// Tallies scores.
    pub fn of(scores: impl IntoIterator<Item = u8>) -> NpsTally {
        let mut t = NpsTally::default();
        for s in scores {
            t.add(s, 1);
        }
        t
    }

    /// Counts `n` responses that gave `score`.
    pub fn add(&mut self, score: u8, n: usize) {
        match classify(score) {
            NpsClass::Promoter => self.promoters += n,
            NpsClass::Passive => self.passives += n,
            NpsClass::Detractor => self.detractors += n,
        }
    }

    /// Number of responses.
    pub fn count(&self) -> usize {
        self.promoters + self.passives + self.detractors
    }

    /// % promoters - % detractors, from -100 to 100; None without responses.
    pub fn score(&self) -> Option<f64> {
        let n = self.count();
        (n > 0).then(|| 100.0 * (self.promoters as f64 - self.detractors as f64) / n as f64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes_at_the_edges() {
        assert_eq!(classify(0), NpsClass::Detractor);
        assert_eq!(classify(6), NpsClass::Detractor);
        assert_eq!(classify(7), NpsClass::Passive);
        assert_eq!(classify(8), NpsClass::Passive);
        assert_eq!(classify(9), NpsClass::Promoter);
        assert_eq!(classify(10), NpsClass::Promoter);
    }

    #[test]
    fn score_by_hand() {
        // 5 promoters, 3 passives, 2 detractors of 10: 50% - 20% = 30.
        let t = NpsTally::of([10, 9, 9, 10, 9, 7, 8, 8, 3, 6]);
        assert_eq!((t.promoters, t.passives, t.detractors), (5, 3, 2));
        assert_eq!(t.score(), Some(30.0));
        assert_eq!(NpsTally::of([]).score(), None);
        assert_eq!(NpsTally::of([0, 1]).score(), Some(-100.0));
    }

    #[test]
    fn score_range_checked() {
        assert_eq!(validate_score(FieldId::named("score"), 10).unwrap(), 10);
        assert!(validate_score(FieldId::named("score"), 11).is_err());
        assert!(validate_score(FieldId::named("score"), -1).is_err());
    }
}

#[cfg(test)]
mod answer_tests {
    use super::*;
    use crate::domain::time::DEFAULT_TZ;
    use chrono::TimeZone;

    #[test]
    fn an_answer_is_0_to_10_and_not_from_the_future() {
        let now = chrono::Utc.with_ymd_and_hms(2026, 11, 23, 2, 0, 0).unwrap();
        assert_eq!(check_answer(0, now, now, DEFAULT_TZ).ok(), Some(0));
        assert_eq!(check_answer(10, now, now, DEFAULT_TZ).ok(), Some(10));
        assert!(matches!(
            check_answer(11, now, now, DEFAULT_TZ),
            Err(Error::Invalid {
                rule: "rule.nps_score",
                ..
            })
        ));
        assert!(matches!(
            check_answer(-1, now, now, DEFAULT_TZ),
            Err(Error::Invalid {
                rule: "rule.nps_score",
                ..
            })
        ));
        let later = now + chrono::Duration::minutes(1);
        assert!(matches!(
            check_answer(9, later, now, DEFAULT_TZ),
            Err(Error::Invalid {
                rule: "rule.not_future",
                ..
            })
        ));
    }
}

/// One group's NPS as reported: the counts, the score to one decimal, its target and
/// whether it was met (None without answers, or without a target).
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct NpsFigure {
    /// Answers counted.
    pub responses: usize,
    /// Scores 9-10.
    pub promoters: usize,
    /// Scores 7-8.
    pub passives: usize,
    /// Scores 0-6.
    pub detractors: usize,
    /// % promoters - % detractors, to one decimal; None without answers.
    pub nps: Option<f64>,
    /// The target, where the group has one.
    pub target: Option<f64>,
    /// Whether the NPS reached the target.
    pub met: Option<bool>,
}

impl NpsFigure {
    /// The figure of `tally` against `target`.
    pub fn of(tally: NpsTally, target: Option<f64>) -> NpsFigure {
        let nps = tally.score().map(|s| (s * 10.0).round() / 10.0);
        NpsFigure {
            responses: tally.count(),
            promoters: tally.promoters,
            passives: tally.passives,
            detractors: tally.detractors,
            nps,
            target,
            met: nps.zip(target).map(|(n, t)| n >= t),
        }
    }
}

#[cfg(test)]
mod figure_tests {
    use super::*;

    #[test]
    fn one_decimal_null_without_answers_and_met_at_the_target() {
        // 1 promoter of 3: 33.333... -> 33.3; 2 of 3: 66.7; 1 detractor of 6: -16.7.
        assert_eq!(NpsFigure::of(NpsTally::of([9, 7, 8]), None).nps, Some(33.3));
        assert_eq!(
            NpsFigure::of(NpsTally::of([9, 10, 8]), None).nps,
            Some(66.7)
        );
        assert_eq!(
            NpsFigure::of(NpsTally::of([3, 7, 7, 8, 8, 7]), None).nps,
            Some(-16.7)
        );
        let empty = NpsFigure::of(NpsTally::default(), Some(50.0));
        assert_eq!((empty.responses, empty.nps, empty.met), (0, None, None));
        // Exactly at the target is met; a group without a target has no verdict.
        let at = NpsFigure::of(NpsTally::of([10, 10, 10, 7, 8]), Some(60.0));
        assert_eq!((at.nps, at.met), (Some(60.0), Some(true)));
        assert_eq!(
            NpsFigure::of(NpsTally::of([10, 8]), Some(60.0)).met,
            Some(false)
        );
        assert_eq!(NpsFigure::of(NpsTally::of([10]), None).met, None);
    }
}
