use super::*;
use crate::domain::time::{to_store, DEFAULT_TZ};
use chrono::TimeZone;

fn at(y: i32, m: u32, d: u32, h: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, h, 0, 0).unwrap()
}

fn rec(
    n: u32,
    customer: &str,
    topic: Topic,
    received: DateTime<Utc>,
    answered: Option<DateTime<Utc>>,
) -> SuggestionRecord {
    SuggestionRecord {
        number: format!("JY-2026-{n:05}"),
        suggestion: Suggestion {
            customer: Some(customer.into()),
            received: Some(to_store(received)),
            channel: Some(Channel::Wechat),
            content: Some("包装改进".into()),
            topic: Some(topic),
            handler: None,
        },
        response: SuggestionResponse {
            response: answered.map(|_| "已改进".into()),
            responded: answered.map(to_store),
            status: Some(if answered.is_some() {
                Status::Answered
            } else {
                Status::Open
            }),
        },
        version: 1,
    }
}

#[test]
fn a_suggestion_cannot_come_from_the_future() {
    let now = at(2026, 11, 23, 2);
    let mut s = rec(1, "C1", Topic::Product, now, None).suggestion;
    assert!(check_new(&s, now, DEFAULT_TZ).is_ok());
    s.received = Some(to_store(now + chrono::Duration::minutes(1)));
    assert!(matches!(
        check_new(&s, now, DEFAULT_TZ),
        Err(Error::Invalid {
            rule: "rule.not_future",
            ..
        })
    ));
}

#[test]
fn an_answer_comes_after_the_suggestion_and_never_reopens_it() {
    let now = at(2026, 11, 23, 2);
    let r = rec(
        1,
        "C1",
        Topic::Product,
        at(2026, 11, 20, 2),
        Some(at(2026, 11, 21, 2)),
    );
    assert!(check_response("JY", &r.suggestion, &r.response, now, DEFAULT_TZ).is_ok());
    let mut early = r.response.clone();
    early.responded = Some(to_store(at(2026, 11, 19, 2)));
    assert!(matches!(
        check_response("JY", &r.suggestion, &early, now, DEFAULT_TZ),
        Err(Error::Invalid {
            rule: "rule.after_received",
            ..
        })
    ));
    let mut late = r.response.clone();
    late.responded = Some(to_store(now + chrono::Duration::hours(1)));
    assert!(matches!(
        check_response("JY", &r.suggestion, &late, now, DEFAULT_TZ),
        Err(Error::Invalid {
            rule: "rule.not_future",
            ..
        })
    ));
    let mut silent = r.response.clone();
    silent.response = Some("  ".into());
    assert!(matches!(
        check_response("JY", &r.suggestion, &silent, now, DEFAULT_TZ),
        Err(Error::Required { field }) if field == "response"
    ));
    let mut open = r.response.clone();
    open.status = Some(Status::Open);
    assert!(matches!(
        check_response("JY", &r.suggestion, &open, now, DEFAULT_TZ),
        Err(Error::Refused {
            rule: "rule.response_reopens",
            ..
        })
    ));
}

#[test]
fn the_year_end_summary_counts_by_hand() {
    let rows = vec![
        rec(
            1,
            "C1",
            Topic::Product,
            at(2026, 1, 5, 2),
            Some(at(2026, 1, 6, 2)),
        ), // 1 day
        rec(
            2,
            "C1",
            Topic::Product,
            at(2026, 3, 1, 2),
            Some(at(2026, 3, 4, 2)),
        ), // 3 days
        rec(3, "C2", Topic::Delivery, at(2026, 3, 9, 2), None),
        rec(4, "C3", Topic::Product, at(2026, 12, 31, 17), None), // 2027-01-01 01:00 in Shanghai
        rec(
            5,
            "C2",
            Topic::Price,
            at(2025, 12, 31, 17),
            Some(at(2026, 1, 2, 17)),
        ), // 2026-01-01 01:00 local
    ];
    let s = summarize(2026, &rows, DEFAULT_TZ);
    assert_eq!(s.total, 4);
    assert_eq!(
        s.by_topic[0],
        Count {
            key: "product".into(),
            count: 2
        }
    );
    assert_eq!(s.by_topic.len(), 3, "topics with none are left out");
    assert_eq!(s.by_month[0], 2);
    assert_eq!(s.by_month[2], 2);
    assert_eq!(s.by_month[11], 0, "17:00 UTC on 31 Dec is 2027 in Shanghai");
    assert_eq!(s.repeat_customers.len(), 2);
    assert_eq!(s.median_days_to_response, Some(2.0), "1, 2 and 3 days");
    assert_eq!(s.open, ["JY-2026-00003"]);
    let st: Vec<_> = s
        .by_status
        .iter()
        .map(|c| (c.key.as_str(), c.count))
        .collect();
    assert_eq!(st, [("open", 1), ("forwarded", 0), ("answered", 3)]);
    let empty = summarize(2020, &rows, DEFAULT_TZ);
    assert_eq!((empty.total, empty.median_days_to_response), (0, None));
}
