//! The customer list filtered and paged in SQL finds what the workbench's in-memory
//! filter found before.

mod common;

use common::demo_store;

#[test]
fn the_customer_list_filters_and_pages_in_sql_as_it_filtered_in_memory() {
    use kefu::store::customers::CustomerFilter;
    let mut store = demo_store(None);
    for (name, short) in [("100%纯正_公司", "百分"), ("Under_Score Ltd", "u_s")] {
        let fields = kefu::domain::customer::CustomerFields {
            name: name.into(),
            short_name: Some(short.into()),
            ..Default::default()
        };
        store.add_customer(None, &fields, &[]).unwrap();
    }
    let all = store.list_customers(&CustomerFilter::default()).unwrap();
    assert_eq!(all.len(), 122);
    // The workbench's filter before it moved to SQL: name, code or short name, any case.
    let old = |needle: &str| -> Vec<String> {
        let n = needle.trim().to_lowercase();
        all.iter()
            .filter(|c| {
                n.is_empty()
                    || c.name.to_lowercase().contains(&n)
                    || c.code.to_lowercase().contains(&n)
                    || c.short_name
                        .as_deref()
                        .is_some_and(|s| s.to_lowercase().contains(&n))
            })
            .map(|c| c.code.clone())
            .collect()
    };
    for needle in [
        "东方", "c0000", "C001", "有限", "%", "_", "e_s", "精密", "zzz", " ",
    ] {
        let filter = CustomerFilter {
            text: Some(needle.into()),
            ..Default::default()
        };
        let sql: Vec<String> = store
            .list_customers(&filter)
            .unwrap()
            .into_iter()
            .map(|c| c.code)
            .collect();
        assert_eq!(sql, old(needle), "{needle:?}");
        assert_eq!(store.count_customers(&filter).unwrap(), sql.len());
        // Pages of 7 put together are the whole list, and every code's position is right.
        let mut paged = Vec::new();
        for offset in (0..sql.len() + 7).step_by(7) {
            let page = CustomerFilter {
                offset,
                limit: Some(7),
                ..filter.clone()
            };
            paged.extend(
                store
                    .list_customers(&page)
                    .unwrap()
                    .into_iter()
                    .map(|c| c.code),
            );
        }
        assert_eq!(paged, sql, "{needle:?}");
        for (i, code) in sql.iter().enumerate() {
            assert_eq!(store.customer_position(&filter, code).unwrap(), Some(i));
        }
    }
    let filter = CustomerFilter {
        text: Some("东方".into()),
        ..Default::default()
    };
    assert_eq!(store.customer_position(&filter, "C00001").unwrap(), None);
}
