//! Unanswered inquiries on the board, under the complaints, each with its 24-hour answer
//! clock; answered ones leave.

mod common;

use chrono::Duration;
use common::*;
use kefu::app::action::crossterm_key::KeyCode;
use kefu::domain::complaint::Channel;
use kefu::i18n::Lang;

#[test]
fn unanswered_inquiries_wait_under_the_complaints_with_their_clocks() {
    let mut store = demo_store(None);
    store
        .write(|tx| {
            tx.add_inquiry(
                Some("C00001"),
                Channel::Email,
                "询价：密封胶 2 吨",
                now() - Duration::hours(25),
                None,
            )?;
            tx.add_inquiry(
                Some("C00002"),
                Channel::Phone,
                "样品",
                now() - Duration::hours(2),
                None,
            )
        })
        .expect("seeded");
    let mut app = app_on(store, Lang::En, "dark");
    press(&mut app, KeyCode::Char('z'));
    let text = screen(&app, 100, 30);
    // Ours and the one the demo leaves unanswered.
    let all = board(&app).inquiries.clone();
    assert_eq!(all.len(), 3, "{all:?}");
    assert!(text.contains("Inquiries to answer: 3"), "{text}");
    let line = |needle: &str| {
        text.lines()
            .find(|l| l.contains(needle))
            .unwrap_or_default()
            .to_string()
    };
    let number_of = |asker: &str| {
        all.iter()
            .find(|q| q.asker == asker)
            .map(|q| q.number.clone())
            .unwrap_or_default()
    };
    let late = number_of("C00001");
    assert!(
        line(&late).contains("inq") && line(&late).contains("overdue 1h00m"),
        "{text}"
    );
    let fresh = number_of("C00002");
    assert!(line(&fresh).contains("22h00m"), "{text}");
    // Answered, they leave the board.
    let numbers = [late, fresh];
    for n in &numbers {
        app.store
            .write(|tx| {
                let answer = kefu::domain::inquiry::InquiryAnswer {
                    answer: Some("已报价".into()),
                    answered: Some(kefu::domain::time::to_store(now())),
                    answer_how: Some(Channel::Phone),
                };
                tx.answer_inquiry(n, &answer)
            })
            .expect("answered");
    }
    app.reload();
    drain_until(&mut app, "the board reloaded", |a| {
        board(a).inquiries.len() == 1
    });
    assert!(screen(&app, 100, 30).contains("Inquiries to answer: 1"));
}
