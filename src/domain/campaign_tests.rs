use super::*;
use chrono::TimeZone;

fn at(day: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 10, day, 2, 0, 0).unwrap()
}

fn facts(status: ContactStatus, reminders: u32, last: Option<u32>) -> ContactFacts {
    ContactFacts {
        status,
        reminders,
        last_sent: last.map(at),
    }
}

#[test]
fn never_reminds_those_who_answered_or_declined_or_were_never_asked() {
    let r = NpsRules::default();
    // However long ago and however few reminders, an answer ends the asking.
    for reminders in 0..3 {
        assert_eq!(
            reminder_blocked(
                &facts(ContactStatus::Answered, reminders, Some(1)),
                at(30),
                &r
            ),
            Some("rule.remind_answered")
        );
    }
    assert_eq!(
        reminder_blocked(&facts(ContactStatus::Declined, 0, Some(1)), at(30), &r),
        Some("rule.remind_declined")
    );
    assert_eq!(
        reminder_blocked(&facts(ContactStatus::Pending, 0, None), at(30), &r),
        Some("rule.remind_not_sent")
    );
}

#[test]
fn reminders_wait_the_gap_and_stop_at_the_maximum() {
    let r = NpsRules::default(); // 2 reminders, 7 days apart
    let sent = facts(ContactStatus::Sent, 0, Some(1));
    assert_eq!(
        reminder_blocked(&sent, at(7), &r),
        Some("rule.remind_too_soon")
    );
    assert_eq!(reminder_blocked(&sent, at(8), &r), None); // exactly 7 days later
    let once = facts(ContactStatus::Reminded, 1, Some(8));
    assert_eq!(
        reminder_blocked(&once, at(14), &r),
        Some("rule.remind_too_soon")
    );
    assert_eq!(reminder_blocked(&once, at(15), &r), None);
    let twice = facts(ContactStatus::Reminded, 2, Some(15));
    assert_eq!(
        reminder_blocked(&twice, at(30), &r),
        Some("rule.remind_max")
    );
    let one_allowed = NpsRules { reminders: 1, ..r };
    assert_eq!(
        reminder_blocked(&once, at(30), &one_allowed),
        Some("rule.remind_max")
    );
}

#[test]
fn sending_and_declining_follow_the_status() {
    assert!(check_send("x", ContactStatus::Pending).is_ok());
    assert!(check_send("x", ContactStatus::Reminded).is_ok());
    assert!(check_send("x", ContactStatus::Answered).is_err());
    assert!(check_send("x", ContactStatus::Declined).is_err());
    assert!(check_decline("x", ContactStatus::Sent).is_ok());
    assert!(check_decline("x", ContactStatus::Answered).is_err());
}
