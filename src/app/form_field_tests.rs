use super::*;
use crate::app::action::crossterm_key::KeyPress;
use crate::domain::complaint::Severity;
use crate::domain::time::DEFAULT_TZ;
use crate::i18n::Lang;

const SEVERITY: FieldSpec = FieldSpec::of(FieldKind::Choice(Severity::CHOICES))
    .required()
    .named("severity");
const TITLE: FieldSpec = FieldSpec::text(10).required().named("title");
const NOTE: FieldSpec = FieldSpec::of(FieldKind::Note { max: 2000 }).named("description");

fn type_text(f: &mut Field, s: &str) {
    for c in s.chars() {
        f.key(KeyPress::plain(KeyCode::Char(c)));
    }
}

#[test]
fn a_zh_user_picks_a_label_and_the_code_is_stored() {
    let cat = Lang::Zh.catalog();
    let mut f = Field::new(&SEVERITY, "minor", cat);
    assert_eq!(
        f.value(),
        cat.get("severity.minor"),
        "shows the label, not the code"
    );
    assert_eq!(f.stored(), "minor");
    f.set_text("");
    assert_eq!(f.matches().len(), 3, "blank shows every choice");
    type_text(&mut f, "重");
    f.check_typing(cat, DEFAULT_TZ);
    assert_eq!(f.error, None, "still narrowing down: not an error yet");
    f.check(cat, DEFAULT_TZ);
    assert!(f.error.is_some(), "saving now would be refused");
    type_text(&mut f, "大");
    assert_eq!(f.matches().len(), 1);
    assert!(f.key(KeyPress::plain(KeyCode::Enter)) || f.value() == "重大");
    assert_eq!(f.stored(), "major");
    f.check(cat, DEFAULT_TZ);
    assert_eq!(f.error, None);
}

#[test]
fn an_en_user_moves_the_highlight_and_takes_it() {
    let cat = Lang::En.catalog();
    let mut f = Field::new(&SEVERITY, "", cat);
    f.key(KeyPress::plain(KeyCode::Down));
    f.key(KeyPress::plain(KeyCode::Down));
    f.key(KeyPress::plain(KeyCode::Down)); // stops at the last match
    assert!(f.key(KeyPress::plain(KeyCode::Enter)));
    assert_eq!(f.stored(), "urgent");
    assert_eq!(f.value(), cat.get("severity.urgent"));
}

#[test]
fn typing_the_code_works_and_a_wrong_choice_names_the_labels() {
    let cat = Lang::Zh.catalog();
    let mut f = Field::new(&SEVERITY, "", cat);
    type_text(&mut f, "URGENT");
    assert_eq!(f.stored(), "urgent");
    f.check(cat, DEFAULT_TZ);
    assert_eq!(f.error, None);
    f.set_text("严重吗");
    f.check(cat, DEFAULT_TZ);
    let e = f.error.clone().unwrap_or_default();
    assert!(e.contains(cat.get("severity.major")), "{e}");
    assert!(e.contains(cat.get("field.severity")), "{e}");
}

#[test]
fn a_multi_line_paste_stays_in_a_one_line_field() {
    let cat = Lang::En.catalog();
    let mut f = Field::new(&TITLE, "", cat);
    assert!(f.paste("ab\r\ncd\n\x1b[31m"));
    assert_eq!(f.input.lines().len(), 1);
    assert_eq!(f.value(), "ab cd [31m".chars().take(10).collect::<String>());
    let mut n = Field::new(&NOTE, "", cat);
    n.paste("第一行\n第二行");
    assert_eq!(n.input.lines(), ["第一行", "第二行"]);
}

#[test]
fn a_long_chinese_paste_is_cut_at_the_limit_and_typing_stops_there() {
    let cat = Lang::Zh.catalog();
    let mut n = Field::new(&NOTE, "", cat);
    let long: String = "客户反映产品外观有划痕"
        .chars()
        .cycle()
        .take(2500)
        .collect();
    assert!(n.paste(&long));
    assert_eq!(n.char_count(), 2000);
    assert!(!n.paste("多"), "a full field takes no more");
    assert!(!n.key(KeyPress::plain(KeyCode::Char('多'))));
    assert_eq!(n.char_count(), 2000);
    let mut t = Field::new(&TITLE, "", cat);
    type_text(&mut t, "一二三四五六七八九十十一");
    assert_eq!(t.value(), "一二三四五六七八九十");
}

#[test]
fn references_pick_by_name_and_store_the_code() {
    let cat = Lang::Zh.catalog();
    let spec = FieldSpec::of(FieldKind::Staff).named("owner");
    let mut f = Field::new(&spec, "", cat);
    f.picker = Some(Picker {
        options: vec![
            PickOption {
                code: "li.na".into(),
                label: "李娜".into(),
            },
            PickOption {
                code: "wang.fang".into(),
                label: "王芳".into(),
            },
        ],
        highlight: 0,
    });
    type_text(&mut f, "王");
    assert!(f.key(KeyPress::plain(KeyCode::Enter)));
    assert_eq!(f.value(), "wang.fang");
    assert_eq!(f.stored(), "wang.fang");
}
