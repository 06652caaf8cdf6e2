//! `kefu survey score`: the questionnaire's score and rating from a list of answers, by
//! letter or label, with bad lists refused naming the item; a team's own questionnaire
//! scores without code changes.

use serde_json::Value;

#[path = "common/binary.rs"]
mod binary;
#[path = "common/harness.rs"]
mod harness;
use binary::has_all;
use harness::Kefu;

fn score(k: &Kefu, answers: &str) -> (f64, String) {
    let v = k.json(&["survey", "score", "--answers", answers]);
    (
        v["score"].as_f64().unwrap_or(f64::NAN),
        v["rating"].as_str().unwrap_or_default().to_string(),
    )
}

#[test]
fn scores_and_ratings_of_the_default_questionnaire() {
    let k = Kefu::new();
    assert_eq!(score(&k, "a,a,a,a,a,a,a,a,a,a"), (100.0, "A".into()));
    assert_eq!(score(&k, "b,b,b,b,b,b,b,b,b,b"), (88.0, "B".into()));
    assert_eq!(score(&k, "c,c,c,c,c,c,c,c,c,c"), (60.0, "C".into()));
    assert_eq!(score(&k, "d,d,d,d,d,d,d,d,d,d"), (42.0, "D".into()));
    assert_eq!(score(&k, "e,e,e,e,e,e,e,e,e,e"), (14.0, "E".into()));
    // The example: 10 9 5 18 10 10 9 5 5 5.
    assert_eq!(score(&k, "a,b,a,c,a,a,b,a,a,a"), (86.0, "B".into()));
    // Labels in either language, Chinese commas.
    assert_eq!(
        score(&k, "非常满意，满意，a，一般，a，a，satisfied，a，a，a"),
        (86.0, "B".into())
    );
    let text = k.ok_in(
        "zh-CN",
        &["survey", "score", "--answers", "a,b,a,c,a,a,b,a,a,d"],
    );
    has_all(&text, &["日常服务", "不满意", "总分 83 · 评级 B"]);
}

#[test]
fn bad_lists_are_refused_naming_what_is_wrong() {
    let k = Kefu::new();
    has_all(
        &k.fails(&["survey", "score", "--answers", "a,b,a"], 2),
        &["--answers", "3 / 10"],
    );
    has_all(
        &k.fails_in(
            "zh-CN",
            &["survey", "score", "--answers", "a,b,a,c,a,a,b,a,a,z"],
            2,
        ),
        &["日常服务", "z"],
    );
}

#[test]
fn a_team_questionnaire_is_data() {
    let k = Kefu::new();
    let f = k.dir.path().join("team.toml");
    std::fs::write(
        &f,
        "[[survey.items]]\nname = \"审核员能力\"\npoints = [40, 30, 20, 10, 0]\n\
         [[survey.items]]\nname = \"报告及时性\"\npoints = [60, 45, 30, 15, 0]\n\
         [[survey.bands]]\nrating = \"优秀\"\nfrom = 80\n[[survey.bands]]\nrating = \"待改进\"\nfrom = 0\n",
    )
    .expect("written");
    let path = f.to_string_lossy().to_string();
    k.ok(&["settings", "import", &path]);
    assert_eq!(score(&k, "a,b"), (85.0, "优秀".into()));
    assert_eq!(score(&k, "c,c"), (50.0, "待改进".into()));
    let v: Value = k.json(&["survey", "score", "--answers", "e,e"]);
    assert_eq!(v["score"], 0.0);
    std::fs::write(&f, "[[survey.items]]\nname = \"外观\"\npoints = [10, 9]\n").expect("written");
    has_all(
        &k.fails(&["settings", "import", &path], 2),
        &["[survey] items 1"],
    );
}
