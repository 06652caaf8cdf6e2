use super::*;

fn population() -> Vec<Candidate> {
    let mut v = Vec::new();
    for (grade, n) in [(Grade::A, 5), (Grade::B, 9), (Grade::C, 23), (Grade::D, 4)] {
        for i in 0..n {
            v.push(Candidate {
                code: format!("{}{i:03}", grade.as_str()),
                grade,
                last_asked: None,
            });
        }
    }
    v
}

fn count(plan: &[(String, Reason)], prefix: &str) -> usize {
    plan.iter().filter(|(c, _)| c.starts_with(prefix)).count()
}

#[test]
fn proportions_per_grade() {
    let p = plan(&population(), &Shares::default(), "2026-10");
    // A all 5, B ceil(4.5) = 5, C ceil(4.6) = 5, D none.
    assert_eq!(
        (
            count(&p, "A"),
            count(&p, "B"),
            count(&p, "C"),
            count(&p, "D")
        ),
        (5, 5, 5, 0)
    );
    assert!(p
        .iter()
        .filter(|(c, _)| c.starts_with('A'))
        .all(|(_, r)| *r == Reason::WholeGrade));
    assert!(p
        .iter()
        .filter(|(c, _)| c.starts_with('B'))
        .all(|(_, r)| *r == Reason::NeverAsked));
}

#[test]
fn the_same_database_and_round_give_the_same_plan() {
    let pop = population();
    let shares = Shares::default();
    assert_eq!(
        plan(&pop, &shares, "2026-10"),
        plan(&pop, &shares, "2026-10")
    );
    let mut reversed = pop.clone();
    reversed.reverse();
    assert_eq!(
        plan(&pop, &shares, "2026-10"),
        plan(&reversed, &shares, "2026-10")
    );
    // Another round draws another first sample from the never-asked.
    assert_ne!(
        plan(&pop, &shares, "2026-10"),
        plan(&pop, &shares, "2027-04")
    );
}

#[test]
fn rotation_reaches_every_b_and_c_customer_within_the_promised_rounds() {
    let shares = Shares::default();
    let mut pop = population();
    let rounds = ["2026-04", "2026-10", "2027-04", "2027-10", "2028-04"];
    let mut asked: BTreeMap<String, usize> = BTreeMap::new();
    for (i, round) in rounds.iter().enumerate() {
        for (code, _) in plan(&pop, &shares, round) {
            asked.entry(code.clone()).or_insert(i + 1);
            if let Some(c) = pop.iter_mut().find(|c| c.code == code) {
                c.last_asked = Some(round.to_string());
            }
        }
    }
    // B: ceil(1 / 0.5) = 2 rounds; C: ceil(1 / 0.2) = 5 rounds.
    for c in &pop {
        let within = match c.grade {
            Grade::A => 1,
            Grade::B => 2,
            Grade::C => 5,
            Grade::D => continue,
        };
        let first = asked.get(&c.code).copied();
        assert!(
            first.is_some_and(|r| r <= within),
            "{} first asked in {first:?}",
            c.code
        );
    }
    assert!(pop
        .iter()
        .filter(|c| c.grade == Grade::D)
        .all(|c| c.last_asked.is_none()));
}

#[test]
fn the_round_a_day_falls_in() {
    let s = Sampling::default();
    let day = |y, m, d| chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default();
    assert_eq!(s.round_of(day(2026, 10, 1)), "2026-10");
    assert_eq!(s.round_of(day(2026, 11, 23)), "2026-10");
    assert_eq!(s.round_of(day(2027, 3, 31)), "2026-10");
    assert_eq!(s.round_of(day(2027, 4, 1)), "2027-04");
    assert_eq!(s.round_of(day(2027, 9, 30)), "2027-04");
}
