use super::*;

fn rules() -> GradeRules {
    GradeRules::default()
}

#[test]
fn revenue_boundaries() {
    let r = rules();
    let g = |share, months| by_revenue(share, months, &r).grade;
    assert_eq!(g(10.0, 12), Some(Grade::A), "10 % is A");
    assert_eq!(g(9.999, 12), Some(Grade::B));
    assert_eq!(g(5.0, 12), Some(Grade::B), "5 % is B");
    assert_eq!(g(4.999, 12), Some(Grade::C));
    assert_eq!(g(0.1, 2), Some(Grade::C), "two months is not one-off");
    assert_eq!(
        g(40.0, 1),
        Some(Grade::D),
        "one month of sales is one-off, whatever the share"
    );
    assert_eq!(g(0.0, 0), None, "no sales, no basis");
    let wide = GradeRules {
        one_off_months: 2,
        ..rules()
    };
    assert_eq!(by_revenue(0.1, 2, &wide).grade, Some(Grade::D));
}

fn file(f: impl FnOnce(&mut CustomerFields)) -> CustomerFields {
    let mut c = CustomerFields::default();
    f(&mut c);
    c
}

fn propose(fields: &CustomerFields, sales: f64, partner: Option<u32>) -> Proposal {
    by_criteria(
        Inputs {
            fields,
            sales,
            partner_months: partner,
        },
        &rules(),
    )
}

#[test]
fn criteria_need_three_rules_of_a_grade() {
    let two = file(|c| c.brand = Some(YesNo::Yes));
    // Two A rules (sales, brand): not A; sales also meet B and C but alone do not.
    assert_eq!(propose(&two, 300_000.0, None).grade, None);
    // The third A rule, at its boundary: 24 months.
    let p = propose(&two, 300_000.0, Some(24));
    assert_eq!(p.grade, Some(Grade::A));
    assert_eq!(p.held, vec!["sales", "partner", "brand"]);
    // 23 months and 299,999.99 RMB fall to B's rules: sales >= 150k and partner >= 12.
    let p = propose(&two, 299_999.99, Some(23));
    assert_eq!(p.grade, None, "two B rules are not enough");
    let b = file(|c| c.payment = Some(Payment::AfterReminders));
    assert_eq!(propose(&b, 150_000.0, Some(12)).grade, Some(Grade::B));
    // Short of B's sales, the same file meets C's three (sales, partner, pays better).
    assert_eq!(propose(&b, 149_999.0, Some(12)).grade, Some(Grade::C));
    assert_eq!(propose(&b, 99_999.0, Some(12)).grade, None);
    let c = file(|c| c.cooperation = Some(Cooperation::Good));
    let p = propose(&c, 100_000.0, Some(6));
    assert_eq!(
        (p.grade, p.held),
        (Some(Grade::C), vec!["sales", "cooperation", "partner"])
    );
    assert_eq!(
        propose(&c, 100_000.0, Some(5)).grade,
        None,
        "5 months is short of 6"
    );
}

#[test]
fn a_better_answer_meets_a_lower_grades_rule() {
    let f = file(|c| {
        c.cooperation = Some(Cooperation::Excellent);
        c.potential = Some(Potential::Large);
        c.payment = Some(Payment::OnTime);
    });
    assert_eq!(propose(&f, 0.0, None).grade, Some(Grade::A));
    let f = file(|c| {
        c.cooperation = Some(Cooperation::Excellent);
        c.potential = Some(Potential::FairlyLarge);
        c.payment = Some(Payment::OnTime);
    });
    let p = propose(&f, 0.0, None);
    assert_eq!(p.grade, Some(Grade::B), "{p:?}");
}

#[test]
fn any_d_rule_makes_d() {
    for f in [
        file(|c| c.erratic = Some(YesNo::Yes)),
        file(|c| c.payment = Some(Payment::VeryPoor)),
        file(|c| c.potential = Some(Potential::None)),
    ] {
        let mut g = f.clone();
        g.brand = Some(YesNo::Yes);
        g.cooperation = Some(Cooperation::Excellent);
        assert_eq!(propose(&g, 1e9, Some(120)).grade, Some(Grade::D), "{g:?}");
    }
}

#[test]
fn months_as_partner() {
    let d = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
    let Some(today) = d("2026-11-23") else {
        panic!("date")
    };
    assert_eq!(months_between("2024-11-23", today), Some(24));
    assert_eq!(months_between("2024-11-24", today), Some(23));
    assert_eq!(months_between("2026-12-01", today), None);
    assert_eq!(months_between("garbage", today), None);
}
