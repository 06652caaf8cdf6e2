use super::*;
use crate::domain::customer::{Contact, CustomerFields, Grade};
use crate::domain::time::DEFAULT_TZ;

fn spec(kind: FieldKind) -> FieldSpec {
    FieldSpec::of(kind).named("f")
}

#[test]
fn names_and_columns_come_from_the_declaration() {
    let names: Vec<_> = CustomerFields::FIELDS.iter().map(|f| f.name).collect();
    assert_eq!(names[..3], ["name", "short_name", "grade"]);
    assert!(CustomerFields::FIELDS.iter().all(|f| f.column == f.name));
    assert_eq!(
        CustomerFields::spec("short_name").map(|f| f.flag()),
        Some("--short-name".into())
    );
    let renamed = FieldSpec::text(5).column("col").named("x");
    assert_eq!((renamed.name, renamed.column), ("x", "col"));
}

#[test]
fn text_is_trimmed_limited_in_characters_and_one_line() {
    let s = FieldSpec::text(4).named("t");
    assert_eq!(
        s.normalize("  东方电子 ", DEFAULT_TZ).unwrap(),
        Some("东方电子".into())
    );
    assert!(matches!(
        s.normalize("东方电子厂", DEFAULT_TZ),
        Err(Error::Invalid {
            rule: "rule.too_long",
            ..
        })
    ));
    assert!(matches!(
        s.normalize("a\nb", DEFAULT_TZ),
        Err(Error::Invalid {
            rule: "rule.one_line",
            ..
        })
    ));
    let note = spec(FieldKind::Note { max: 10 });
    assert_eq!(
        note.normalize("a\nb", DEFAULT_TZ).unwrap(),
        Some("a\nb".into())
    );
}

#[test]
fn blank_is_none_unless_required() {
    let s = FieldSpec::text(4).named("t");
    assert_eq!(s.normalize("   ", DEFAULT_TZ).unwrap(), None);
    assert!(matches!(
        s.required().normalize("", DEFAULT_TZ),
        Err(Error::Required { field }) if field == "t"
    ));
}

#[test]
fn numbers_money_dates_and_times() {
    let n = spec(FieldKind::Number { min: 1, max: 10 });
    assert_eq!(n.normalize("010", DEFAULT_TZ).unwrap(), Some("10".into()));
    assert!(matches!(
        n.normalize("11", DEFAULT_TZ),
        Err(Error::Invalid {
            rule: "rule.out_of_range",
            ..
        })
    ));
    assert!(matches!(
        n.normalize("0", DEFAULT_TZ),
        Err(Error::Invalid {
            rule: "rule.out_of_range",
            ..
        })
    ));
    assert!(matches!(
        n.normalize("2.5", DEFAULT_TZ),
        Err(Error::Invalid {
            rule: "rule.whole_number",
            ..
        })
    ));
    let m = spec(FieldKind::Money);
    assert_eq!(
        m.normalize("1000", DEFAULT_TZ).unwrap(),
        Some("1000.00".into())
    );
    for bad in ["-1", "NaN", "inf", "1e400", "abc"] {
        assert!(m.normalize(bad, DEFAULT_TZ).is_err(), "{bad}");
    }
    let d = spec(FieldKind::Date);
    assert_eq!(
        d.normalize("2026-02-28", DEFAULT_TZ).unwrap(),
        Some("2026-02-28".into())
    );
    assert!(d.normalize("2026-02-29", DEFAULT_TZ).is_err());
    let t = spec(FieldKind::Time);
    // 09:00 in Shanghai is 01:00 UTC.
    let stored = t
        .normalize("2026-11-23 09:00", DEFAULT_TZ)
        .unwrap()
        .unwrap();
    assert!(stored.starts_with("2026-11-23T01:00"), "{stored}");
    assert!(matches!(
        t.normalize("tomorrow", DEFAULT_TZ),
        Err(Error::InvalidTime { .. })
    ));
}

#[test]
fn choices_take_codes_in_any_case_and_name_the_choices() {
    let g = spec(FieldKind::Choice(Grade::CHOICES));
    assert_eq!(g.normalize("b", DEFAULT_TZ).unwrap(), Some("B".into()));
    match g.normalize("E", DEFAULT_TZ) {
        Err(Error::InvalidChoice { expected, .. }) => assert_eq!(expected, "A|B|C|D"),
        other => panic!("{other:?}"),
    }
    assert_eq!(Grade::CHOICES.label_key("A"), "grade.A");
}

#[test]
fn records_get_set_validate_and_diff_by_name() {
    let mut c = CustomerFields::default();
    c.set_typed("name", Some(" 苏州恒瑞 "), DEFAULT_TZ).unwrap();
    c.set_typed("grade", Some("a"), DEFAULT_TZ).unwrap();
    assert_eq!(c.grade, Some(Grade::A));
    assert_eq!(c.get("name").as_deref(), Some("苏州恒瑞"));
    assert!(c
        .set_typed("partner_since", Some("2020-13-01"), DEFAULT_TZ)
        .is_err());
    assert!(matches!(
        c.set_typed("nope", Some("x"), DEFAULT_TZ),
        Err(Error::Invalid {
            rule: "rule.unknown_field",
            ..
        })
    ));
    let mut d = c.clone();
    d.set_typed("grade", None, DEFAULT_TZ).unwrap();
    d.set_typed("city", Some("苏州"), DEFAULT_TZ).unwrap();
    let ch = c.changes(&d);
    assert_eq!(ch.len(), 2);
    assert_eq!(
        (ch[0].field, ch[0].old.as_deref(), ch[0].new.as_deref()),
        ("grade", Some("A"), None)
    );
    assert_eq!((ch[1].field, ch[1].new.as_deref()), ("city", Some("苏州")));
    assert!(c.validate(DEFAULT_TZ).is_ok());
    let declared = crate::domain::customer::Required::default();
    assert_eq!(
        crate::domain::customer::completeness(&c, 0, &declared),
        (2, 11)
    );
    assert!(Contact::default().validate(DEFAULT_TZ).is_err());
}

#[test]
fn phones_and_emails_have_a_shape() {
    let rule = |kind, v: &str| match spec(kind).normalize(v, DEFAULT_TZ) {
        Ok(_) => "ok",
        Err(Error::Invalid { rule, .. }) => rule,
        Err(e) => panic!("{e:?}"),
    };
    for ok in [
        "0512-6688 1234",
        "+86 138 0000 0000",
        "(021) 5555-0101",
        "13800000000",
    ] {
        assert_eq!(rule(FieldKind::Phone, ok), "ok", "{ok}");
    }
    for bad in [
        "1234",
        "138-0000-0000-0000-0000-12",
        "电话 138",
        "138O0000000",
    ] {
        assert_eq!(rule(FieldKind::Phone, bad), "rule.phone", "{bad}");
    }
    for ok in ["wang.wei@example.com", "a@b.cn", "采购@例子.中国"] {
        assert_eq!(rule(FieldKind::Email, ok), "ok", "{ok}");
    }
    for bad in [
        "wang.wei",
        "@example.com",
        "a@b",
        "a@b.",
        "a b@c.com",
        "a@@b.com",
        "a@b..com",
    ] {
        assert_eq!(rule(FieldKind::Email, bad), "rule.email", "{bad}");
    }
}

#[test]
fn a_message_never_echoes_a_control_character() {
    let e = spec(FieldKind::Phone)
        .normalize("\u{1b}]0;pwned\u{7}\u{202E}138", DEFAULT_TZ)
        .expect_err("refused");
    for cat in [crate::i18n::Catalog::en(), crate::i18n::Catalog::zh()] {
        let text = e.message(cat);
        assert!(
            !text.chars().any(|c| c.is_control() || c == '\u{202E}'),
            "{text:?}"
        );
        assert!(text.contains("pwned"), "still shown, harmlessly: {text:?}");
    }
}
