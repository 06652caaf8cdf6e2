use super::*;
use crate::domain::customer::{CustomerFields, Grade, Required};
use crate::domain::time::DEFAULT_TZ;
use crate::store::Store;

fn store() -> Store {
    let now = chrono::DateTime::parse_from_rfc3339("2026-11-23T02:00:00Z")
        .unwrap()
        .with_timezone(&chrono::Utc);
    Store::open_in_memory("tester", now, DEFAULT_TZ).unwrap()
}

/// The codes a column's `CHECK (col IN ('a','b'))` allows, from the table's SQL.
fn check_codes(table_sql: &str, column: &str) -> Option<Vec<String>> {
    let start = table_sql.find(&format!("CHECK ({column} IN ("))?;
    let rest = &table_sql[start..];
    let list = &rest[rest.find("IN (")? + 4..rest.find(')')?];
    Some(
        list.split(',')
            .map(|s| s.trim().trim_matches('\'').to_string())
            .collect(),
    )
}

#[test]
fn every_declared_field_has_its_column_with_matching_rules() {
    let s = store();
    for (table, fields) in crate::domain::RECORDS {
        let sql: String = s
            .conn()
            .query_row(
                "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?1",
                [table],
                |r| r.get(0),
            )
            .unwrap_or_else(|e| panic!("table {table}: {e}"));
        let mut stmt = s
            .conn()
            .prepare(&format!(
                "SELECT name, \"notnull\" FROM pragma_table_info('{table}')"
            ))
            .unwrap();
        let cols: Vec<(String, bool)> = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        for f in *fields {
            let (_, not_null) = cols
                .iter()
                .find(|(c, _)| c == f.column)
                .unwrap_or_else(|| panic!("{table}.{} is declared but has no column", f.column));
            assert_eq!(
                *not_null, f.required,
                "{table}.{}: required in the declaration must mean NOT NULL in SQL",
                f.column
            );
            if let FieldKind::Choice(c) = f.kind {
                let allowed = check_codes(&sql, f.column)
                    .unwrap_or_else(|| panic!("{table}.{} has no CHECK of its codes", f.column));
                assert_eq!(allowed, c.codes, "{table}.{} codes", f.column);
            }
        }
    }
}

#[test]
fn a_record_round_trips_by_column_name() {
    let s = store();
    let mut c = CustomerFields::default();
    c.set_typed("name", Some("苏州恒瑞化工"), DEFAULT_TZ)
        .unwrap();
    c.set_typed("grade", Some("b"), DEFAULT_TZ).unwrap();
    c.set_typed("partner_since", Some("2019-03-01"), DEFAULT_TZ)
        .unwrap();
    let at = "2026-11-23T02:00:00Z";
    let id = insert(
        s.conn(),
        &c,
        &[("code", &"X1"), ("created_at", &at), ("updated_at", &at)],
    )
    .unwrap();
    let sql = format!(
        "SELECT {} FROM customers WHERE id = ?1",
        columns::<CustomerFields>("")
    );
    let back: CustomerFields = s.conn().query_row(&sql, [id], read).unwrap();
    assert_eq!(back, c);
    assert_eq!(back.grade, Some(Grade::B));

    let mut d = back.clone();
    d.city = Some("苏州".into());
    assert!(update(s.conn(), id, Some(1), &d, &[("updated_at", &at)]).unwrap());
    assert!(
        !update(s.conn(), id, Some(1), &d, &[]).unwrap(),
        "stale version must not write"
    );
    let back: CustomerFields = s.conn().query_row(&sql, [id], read).unwrap();
    assert_eq!(back.city.as_deref(), Some("苏州"));
}

#[test]
fn completeness_in_sql_agrees_with_the_rule_over_each_file() {
    use crate::domain::customer::{completeness, Contact};
    let mut s = store();
    let mut codes = Vec::new();
    for (i, (city, grade, contact)) in [
        (None, None, false),
        (Some("苏州"), Some("A"), true),
        (Some("宁波"), None, true),
        (None, Some("C"), false),
    ]
    .into_iter()
    .enumerate()
    {
        let mut c = CustomerFields::default();
        c.set_typed("name", Some(&format!("客户{i}")), DEFAULT_TZ)
            .unwrap();
        c.set_typed("city", city, DEFAULT_TZ).unwrap();
        c.set_typed("grade", grade, DEFAULT_TZ).unwrap();
        let contacts: Vec<Contact> = if contact {
            ["王芳", "李强"]
                .map(|name| Contact {
                    name: name.into(),
                    ..Default::default()
                })
                .to_vec()
        } else {
            Vec::new()
        };
        codes.push(s.add_customer(None, &c, &contacts).unwrap());
    }
    let by_rule = |required: &Required| {
        codes.iter().fold((0, 0), |(f, n), code| {
            let file = s.customer(code).unwrap();
            let (a, b) = completeness(&file.fields, file.contacts.len(), required);
            (f + a, n + b)
        })
    };
    let declared = Required::default();
    assert_eq!(
        s.completeness_totals(&declared).unwrap(),
        by_rule(&declared)
    );
    assert_eq!(
        by_rule(&declared),
        (4 + 2 + 2 + 2, 4 * 11),
        "names, cities, grades, contacts"
    );
    // The team's own list is summed the same way in SQL as file by file.
    let team = Required(vec!["name", "grade"]);
    assert_eq!(s.completeness_totals(&team).unwrap(), by_rule(&team));
    assert_eq!(by_rule(&team), (4 + 2 + 2, 4 * 3));
}

#[test]
fn the_completeness_sum_reads_its_index_and_a_stale_index_is_made_again() {
    let s = store();
    let sum = filled_sum(CustomerFields::FIELDS);
    let plan: String = s
        .conn()
        .query_row(
            &format!("EXPLAIN QUERY PLAN SELECT SUM({sum}), COUNT(*) FROM customers"),
            [],
            |r| r.get(3),
        )
        .unwrap();
    assert!(
        plan.contains("COVERING INDEX customers_completeness"),
        "{plan}"
    );
    // An index left by an older declaration (one field fewer) is replaced.
    s.conn()
        .execute_batch(
            "DROP INDEX customers_completeness;
             CREATE INDEX customers_completeness ON customers ((name IS NOT NULL));",
        )
        .unwrap();
    ensure_completeness_indexes(s.conn()).unwrap();
    let index_sql: String = s
        .conn()
        .query_row(
            "SELECT sql FROM sqlite_master WHERE name = 'customers_completeness'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(index_sql.contains(&sum), "{index_sql}");
}
