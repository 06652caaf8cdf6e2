use super::*;
use crate::domain::questionnaire::Answer::*;

fn planned(code: &str, grade: Grade) -> Planned {
    Planned {
        customer: code.into(),
        grade,
    }
}

fn answered(q: &Questionnaire, code: &str, answers: [Answer; 10]) -> Answered {
    Answered {
        customer: code.into(),
        name: format!("{code} Ltd"),
        filled: q.fill(&answers),
        capa: None,
    }
}

/// Round 2026-10: A1 A2 (A), B1 B2 (B), C1 (C); A1 all a (100), A2 all b (88), B1 73 (C:
/// d on size, e on life), C1 all c (60). B2 did not answer.
fn round() -> RoundFacts {
    let q = Questionnaire::default();
    // a,d,a,c,e,a,b,a,a,a = 10+5+5+18+1+10+9+5+5+5 = 73
    let b1 = [
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
    RoundFacts {
        round: "2026-10".into(),
        planned: vec![
            planned("A1", Grade::A),
            planned("A2", Grade::A),
            planned("B1", Grade::B),
            planned("B2", Grade::B),
            planned("C1", Grade::C),
        ],
        answers: vec![
            answered(&q, "A1", [VerySatisfied; 10]),
            answered(&q, "A2", [Satisfied; 10]),
            answered(&q, "B1", b1),
            answered(&q, "C1", [Indifferent; 10]),
        ],
    }
}

#[test]
fn figures_against_hand_counts() {
    let q = Questionnaire::default();
    let r = report(&round(), None, &q);
    assert_eq!(r.overall.planned, 5);
    assert_eq!(r.overall.answered, 4);
    assert_eq!(r.overall.response_rate_pct, Some(80.0));
    // (100 + 88 + 73 + 60) / 4 = 80.25
    assert_eq!(r.overall.average_score, Some(80.3));
    let g = |k: &str| r.by_grade.get(k).cloned();
    assert_eq!(g("A").map(|g| g.response_rate_pct), Some(Some(100.0)));
    assert_eq!(g("A").map(|g| g.average_score), Some(Some(94.0)));
    assert_eq!(g("B").map(|g| (g.planned, g.answered)), Some((2, 1)));
    assert_eq!(g("B").map(|g| g.response_rate_pct), Some(Some(50.0)));
    // Nobody of grade D was planned: no rate, no average, not 0.
    assert_eq!(
        g("D"),
        Some(Group {
            planned: 0,
            answered: 0,
            response_rate_pct: None,
            average_score: None
        })
    );
    let counts: Vec<(&str, usize)> = r
        .by_rating
        .iter()
        .map(|b| (b.rating.as_str(), b.count))
        .collect();
    assert_eq!(counts, [("A", 1), ("B", 1), ("C", 2), ("D", 0), ("E", 0)]);
    assert_eq!(r.items.len(), 10);
    // Size: 10, 9, 5, 6 -> 7.5; answered a once, b once, c once, d once.
    assert_eq!(r.items[1].item, "尺寸");
    assert_eq!(r.items[1].average_points, Some(7.5));
    let size: Vec<usize> = r.items[1].counts.values().copied().collect();
    assert_eq!(size, [1, 1, 1, 1, 0]);
    // Only B1 is below 75 (C1's 60 too): lowest first.
    let below: Vec<(&str, f64)> = r
        .below
        .iter()
        .map(|b| (b.customer.as_str(), b.score))
        .collect();
    assert_eq!(below, [("C1", 60.0), ("B1", 73.0)]);
    let unhappy: Vec<&str> = r.below[1].unhappy.iter().map(|i| i.item.as_str()).collect();
    assert_eq!(unhappy, ["尺寸", "寿命"]);
    assert!(r.below[0].unhappy.is_empty());
    assert_eq!(r.previous, None);
}

#[test]
fn change_since_the_previous_round() {
    let q = Questionnaire::default();
    let before = RoundFacts {
        round: "2026-04".into(),
        planned: vec![planned("A1", Grade::A), planned("B9", Grade::B)],
        answers: vec![answered(&q, "A1", [Indifferent; 10])],
    };
    let r = report(&round(), Some(&before), &q);
    let c = r
        .previous
        .clone()
        .unwrap_or_else(|| panic!("a previous round"));
    assert_eq!(c.round, "2026-04");
    assert_eq!(c.average_score, Some(60.0));
    assert_eq!(c.response_rate_pct, Some(50.0));
    assert_eq!(c.average_score_change, Some(20.3));
    assert_eq!(c.response_rate_change, Some(30.0));
    // A previous round nobody answered: its figures and the change are None.
    let empty = RoundFacts {
        round: "2026-04".into(),
        planned: vec![],
        answers: vec![],
    };
    let c = report(&round(), Some(&empty), &q).previous;
    assert_eq!(
        c.map(|c| (c.average_score, c.response_rate_change)),
        Some((None, None))
    );
}

#[test]
fn an_empty_round_has_no_figures() {
    let q = Questionnaire::default();
    let facts = RoundFacts {
        round: "2026-10".into(),
        planned: vec![planned("A1", Grade::A)],
        answers: vec![],
    };
    let r = report(&facts, None, &q);
    assert_eq!(r.overall.response_rate_pct, Some(0.0));
    assert_eq!(r.overall.average_score, None);
    assert!(r.items.is_empty() && r.below.is_empty());
    assert!(r.by_rating.iter().all(|b| b.count == 0));
}
