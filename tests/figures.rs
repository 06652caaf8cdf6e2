//! One figure, one definition: "first responses within target" reads the same, with the
//! same count behind it, in the KPI table and in the analysis; a complaint not answered
//! and already past its first-response clock counts as missed in both.

mod common;

use common::*;
use kefu::domain::period::Period;
use kefu::domain::time::DEFAULT_TZ;
use kefu::i18n::Lang;

#[test]
fn the_kpi_and_the_analysis_agree_on_first_responses_within_target() {
    let mut store = demo_store(None);
    let policy = kefu::config::policy::builtin(DEFAULT_TZ);
    let period = Period::month_of(now(), DEFAULT_TZ);
    let figure = |store: &kefu::store::Store| {
        let kpi = kefu::report::kpi_table(store, period, &policy)
            .unwrap()
            .into_iter()
            .find(|k| k.key == "first_response_within_target")
            .expect("the KPI");
        let stats =
            kefu::analysis::complaint_stats(store, &policy, period, now(), Lang::En.catalog())
                .unwrap();
        (kpi, stats.first_response)
    };
    let (kpi, fr) = figure(&store);
    assert!(fr.done > 0);
    assert_eq!(kpi.value, fr.share_pct, "the same share");
    assert_eq!(
        (kpi.hits, kpi.samples),
        (Some(fr.on_time), fr.done),
        "the same count"
    );

    // A complaint received this morning and never answered, its clock long past due.
    let customer = store.list_complaints(true).unwrap()[0].customer.clone();
    store
        .add_complaint(&new_complaint(
            customer,
            "无人回复",
            now() - chrono::Duration::hours(30),
        ))
        .unwrap();
    let (kpi2, fr2) = figure(&store);
    assert_eq!(
        (fr2.done, fr2.on_time),
        (fr.done + 1, fr.on_time),
        "missed, not left out"
    );
    assert_eq!((kpi2.hits, kpi2.samples), (Some(fr2.on_time), fr2.done));
    assert!(kpi2.value < kpi.value);
}
