use super::*;

fn all(a: Answer) -> Vec<Answer> {
    vec![a; 10]
}

#[test]
fn every_answer_level_scores_its_column() {
    let q = Questionnaire::default();
    let scored = |a| q.score(&all(a));
    assert_eq!(scored(Answer::VerySatisfied).score, 100.0);
    assert_eq!(scored(Answer::Satisfied).score, 88.0);
    assert_eq!(scored(Answer::Indifferent).score, 60.0);
    assert_eq!(scored(Answer::Dissatisfied).score, 42.0);
    assert_eq!(scored(Answer::Opposed).score, 14.0);
    assert_eq!(scored(Answer::VerySatisfied).rating, "A");
    assert_eq!(scored(Answer::Satisfied).rating, "B");
    assert_eq!(scored(Answer::Indifferent).rating, "C");
    assert_eq!(scored(Answer::Dissatisfied).rating, "D");
    assert_eq!(scored(Answer::Opposed).rating, "E");
    // One item off the top: performance satisfied costs 3 points.
    let mut one = all(Answer::VerySatisfied);
    one[3] = Answer::Satisfied;
    assert_eq!(q.score(&one).score, 97.0);
}

#[test]
fn band_boundaries() {
    let q = Questionnaire::default();
    for (score, rating) in [
        (100.0, "A"),
        (90.0, "A"),
        (89.9, "B"),
        (75.0, "B"),
        (74.9, "C"),
        (60.0, "C"),
        (59.9, "D"),
        (35.0, "D"),
        (34.9, "E"),
        (0.0, "E"),
    ] {
        assert_eq!(q.rating(score), rating, "{score}");
    }
}

#[test]
fn answers_are_read_by_letter_or_label_and_problems_name_the_item() {
    let q = Questionnaire::default();
    let f = FieldId::flag("--answers");
    let none = |_: &str| None;
    let got = q.parse_answers(&f, "a,b,a,c,a,a,b,a,a,a", none);
    assert_eq!(got.map(|v| v.len()).ok(), Some(10));
    let zh = |t: &str| (t == "不满意").then_some("d");
    let got = q.parse_answers(&f, "A，b，a，c，a，a，b，a，a，不满意", zh);
    assert_eq!(
        got.ok().and_then(|v| v.last().copied()),
        Some(Answer::Dissatisfied)
    );
    assert!(matches!(
        q.parse_answers(&f, "a,b,a", none),
        Err(Error::Invalid {
            rule: "rule.answer_count",
            ..
        })
    ));
    match q.parse_answers(&f, "a,b,a,c,a,a,b,a,a,x", none) {
        Err(Error::InvalidChoice { field, .. }) => {
            assert_eq!(field, FieldId::Place("日常服务".into()))
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn the_score_so_far_counts_the_answered_items() {
    let q = Questionnaire::default();
    let mut given = vec![None; 10];
    assert_eq!(format!("{}", q.score_so_far(&given).score), "0");
    given[0] = Some(Answer::VerySatisfied);
    given[3] = Some(Answer::Indifferent);
    assert_eq!(q.score_so_far(&given).score, 28.0);
    assert_eq!(q.score_so_far(&given).rating, "E");
}
