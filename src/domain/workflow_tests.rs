//! Tests of every legal and illegal move.

use super::*;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn facts(from: Step, severity: Severity) -> MoveFacts {
    MoveFacts {
        number: "KS-2026-00001".into(),
        from,
        severity,
        may_close_same_day: false,
        received_on: d("2026-11-23"),
        on: d("2026-11-24"),
        decisions_made: true,
        capas: 1,
        capas_verified: 1,
        has_note: false,
        has_signoff: true,
    }
}

fn rule(r: Result<(), Error>) -> &'static str {
    match r {
        Err(Error::Refused { rule, .. }) => rule,
        Err(Error::IllegalMove { needs: Some(_), .. }) => "needs",
        Err(Error::IllegalMove { needs: None, .. }) => "finished",
        Err(Error::AlreadyDone { .. }) => "already",
        Err(other) => panic!("{other:?}"),
        Ok(()) => "ok",
    }
}

#[test]
fn every_step_of_the_main_line_follows_the_one_before() {
    for pair in FLOW.windows(2) {
        assert_eq!(
            rule(check(&facts(pair[0], Severity::Major), pair[1])),
            "ok",
            "{pair:?}"
        );
        assert_eq!(next_step(pair[0]), Some(pair[1]));
    }
}

#[test]
fn every_skip_is_refused_naming_the_step_needed_and_every_backward_move_as_done() {
    for (i, from) in FLOW.iter().enumerate() {
        for (j, to) in FLOW.iter().enumerate().skip(1) {
            if j == i + 1 {
                continue;
            }
            let r = check(&facts(*from, Severity::Major), *to);
            match r {
                Err(Error::IllegalMove { needs, .. }) if !from.is_terminal() => {
                    assert_eq!(
                        needs,
                        required_before(*to).map(Step::label_key),
                        "{from:?} -> {to:?}"
                    )
                }
                Err(Error::IllegalMove { needs: None, .. }) => assert!(from.is_terminal()),
                Err(Error::AlreadyDone { state, .. }) => {
                    assert!(j <= i, "{from:?} -> {to:?}");
                    assert_eq!(state, from.label_key());
                }
                other => panic!("{from:?} -> {to:?}: {other:?}"),
            }
        }
    }
    let e = check(&facts(Step::Received, Severity::Major), Step::PlanProposed).unwrap_err();
    assert!(e.to_string().contains("must be investigating"), "{e}");
}

#[test]
fn rejecting_needs_evidence_and_works_from_any_open_step() {
    for from in &FLOW[..FLOW.len() - 1] {
        let mut f = facts(*from, Severity::Major);
        assert_eq!(rule(check(&f, Step::Rejected)), "rule.evidence_required");
        f.has_note = true;
        assert_eq!(rule(check(&f, Step::Rejected)), "ok");
    }
    let mut f = facts(Step::Closed, Severity::Major);
    f.has_note = true;
    assert_eq!(rule(check(&f, Step::Rejected)), "finished");
}

#[test]
fn reopening_only_from_a_finished_complaint() {
    assert_eq!(
        rule(check(&facts(Step::Closed, Severity::Major), Step::Received)),
        "ok"
    );
    assert_eq!(
        rule(check(
            &facts(Step::Rejected, Severity::Minor),
            Step::Received
        )),
        "ok"
    );
    assert_eq!(
        rule(check(
            &facts(Step::Investigating, Severity::Minor),
            Step::Received
        )),
        "rule.reopen_open"
    );
}

#[test]
fn a_finished_complaint_moves_nowhere_else() {
    for to in &FLOW[1..] {
        assert_eq!(
            rule(check(&facts(Step::Closed, Severity::Minor), *to)),
            "finished"
        );
    }
}

#[test]
fn major_disposal_needs_the_three_decisions() {
    let mut f = facts(Step::PlanProposed, Severity::Major);
    f.decisions_made = false;
    assert_eq!(
        rule(check(&f, Step::Disposed)),
        "rule.major_needs_decisions"
    );
    f.severity = Severity::Urgent;
    assert_eq!(
        rule(check(&f, Step::Disposed)),
        "rule.major_needs_decisions"
    );
    f.severity = Severity::Minor;
    assert_eq!(rule(check(&f, Step::Disposed)), "ok");
}

#[test]
fn closing_needs_sign_off_and_a_verified_capa_for_major_ones() {
    let mut f = facts(Step::FollowedUp, Severity::Major);
    f.capas_verified = 0;
    assert_eq!(rule(check(&f, Step::Closed)), "rule.major_needs_capa");
    f.capas = 0;
    assert_eq!(rule(check(&f, Step::Closed)), "rule.major_needs_capa");
    f.capas = 2;
    f.capas_verified = 2;
    assert_eq!(rule(check(&f, Step::Closed)), "ok");
    f.has_signoff = false;
    assert_eq!(rule(check(&f, Step::Closed)), "rule.signoff_required");
    let mut minor = facts(Step::FollowedUp, Severity::Minor);
    minor.capas = 0;
    assert_eq!(
        rule(check(&minor, Step::Closed)),
        "ok",
        "minor needs no CAPA"
    );
}

#[test]
fn the_quality_lead_may_close_a_minor_complaint_on_the_day() {
    let mut f = facts(Step::Acknowledged, Severity::Minor);
    f.on = f.received_on;
    assert_eq!(rule(check(&f, Step::Closed)), "needs", "an agent may not");
    f.may_close_same_day = true;
    assert_eq!(rule(check(&f, Step::Closed)), "ok");
    f.on = d("2026-11-25");
    assert_eq!(rule(check(&f, Step::Closed)), "needs", "not on a later day");
    let mut major = facts(Step::Acknowledged, Severity::Major);
    major.may_close_same_day = true;
    major.on = major.received_on;
    assert_eq!(
        rule(check(&major, Step::Closed)),
        "needs",
        "not a major one"
    );
}

#[test]
fn a_move_already_made_says_so_rather_than_naming_a_step_before_it() {
    // Acknowledging twice, or investigating what is already planned.
    assert_eq!(
        rule(check(
            &facts(Step::Acknowledged, Severity::Major),
            Step::Acknowledged
        )),
        "already"
    );
    assert_eq!(
        rule(check(
            &facts(Step::PlanProposed, Severity::Major),
            Step::Investigating
        )),
        "already"
    );
    let err = check(
        &facts(Step::Acknowledged, Severity::Minor),
        Step::Acknowledged,
    )
    .err()
    .unwrap();
    assert_eq!(
        err.message(crate::i18n::Catalog::en()),
        "KS-2026-00001 is already acknowledged; nothing was written"
    );
    // A step further on is still "must be ... first".
    assert_eq!(
        rule(check(
            &facts(Step::Received, Severity::Major),
            Step::PlanProposed
        )),
        "needs"
    );
}

#[test]
fn a_form_opens_only_for_a_move_its_answers_can_make_legal() {
    use super::check_before_form as pre;
    let n = "KS-2026-00001";
    // Close from received: minor may close on its first day (the save checks the day and
    // the right); a major one must be followed up first, whatever the form says.
    assert!(pre(n, Step::Received, Severity::Minor, Step::Closed).is_ok());
    let e = pre(n, Step::Received, Severity::Major, Step::Closed).unwrap_err();
    assert!(matches!(e, Error::IllegalMove { .. }), "{e:?}");
    // A major close waits on verified CAPAs, which the form does not give: it opens.
    assert!(pre(n, Step::FollowedUp, Severity::Major, Step::Closed).is_ok());
    // Not ours: from any open step (the evidence is the form's).
    assert!(pre(n, Step::Investigating, Severity::Major, Step::Rejected).is_ok());
    assert!(pre(n, Step::Closed, Severity::Major, Step::Rejected).is_err());
    // Reopen only what is finished.
    assert!(pre(n, Step::Closed, Severity::Major, Step::Received).is_ok());
    let e = pre(n, Step::Investigating, Severity::Major, Step::Received).unwrap_err();
    assert!(
        matches!(
            e,
            Error::Refused {
                rule: "rule.reopen_open",
                ..
            }
        ),
        "{e:?}"
    );
}
