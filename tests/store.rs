//! Store tests on a temporary database file.

use chrono::{DateTime, Utc};
use kefu::domain::complaint::{Category, Channel, Severity, Step};
use kefu::domain::customer::{Contact, ContactRole, CustomerFields, Grade};
use kefu::domain::time::{parse_time, DEFAULT_TZ};
use kefu::error::Error;
use kefu::store::complaints::NewComplaint;
use kefu::store::customers::CustomerFilter;
use kefu::store::open::{Access, APPLICATION_ID};
use kefu::store::schema::LATEST;
use kefu::store::Store;

fn t(s: &str) -> DateTime<Utc> {
    parse_time(kefu::field_id::FieldId::named("t"), s, DEFAULT_TZ).unwrap()
}

/// A sandbox with chen.jing (quality) and the tester (a manager, who confirms grades) on
/// the staff list.
fn open(dir: &tempfile::TempDir) -> Store {
    let mut s = Store::create(
        &dir.path().join("k.db"),
        true,
        "tester",
        t("2026-11-23 10:00"),
        DEFAULT_TZ,
    )
    .unwrap();
    s.write(|tx| {
        for (username, role) in [
            ("chen.jing", kefu::domain::staff::Role::Quality),
            ("tester", kefu::domain::staff::Role::Manager),
        ] {
            tx.add_staff(&kefu::domain::staff::Staff {
                username: username.into(),
                name: username.into(),
                role,
                supervisor: None,
                active: true,
            })?;
        }
        Ok(())
    })
    .unwrap();
    s
}

fn open_as(path: &std::path::Path, access: Access) -> kefu::error::Result<Store> {
    Store::open_for(path, access, "tester", t("2026-11-23 10:00"), DEFAULT_TZ)
}

/// The names of the files in `dir`, sorted.
fn files_in(dir: &std::path::Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn fields(name: &str, grade: Option<Grade>) -> CustomerFields {
    CustomerFields {
        name: name.into(),
        grade,
        ..Default::default()
    }
}

fn complaint(customer: &str) -> NewComplaint {
    NewComplaint {
        customer: customer.into(),
        title: "外观划伤".into(),
        description: None,
        channel: Channel::Wechat,
        category: Category::Quality,
        severity: Severity::Major,
        received_at: t("2026-11-23 08:00"),
        reply_by: None,
        owner: Some("chen.jing".into()),
        product: None,
        batch: None,
        quantity: Some(20),
    }
}

#[test]
fn init_makes_a_new_file_only_in_a_directory_that_exists() {
    let dir = tempfile::tempdir().unwrap();
    let deep = dir.path().join("deep/er/k.db");
    let err = open_as(&deep, Access::Create { sandbox: false })
        .err()
        .unwrap();
    assert!(matches!(err, Error::CannotOpen { .. }), "{err:?}");
    assert!(!dir.path().join("deep").exists(), "no directory was made");
    let path = dir.path().join("k.db");
    let store = open_as(&path, Access::Create { sandbox: false }).unwrap();
    assert_eq!(store.schema_version().unwrap(), LATEST);
    assert!(store.is_empty().unwrap());
    assert!(!store.is_sandbox().unwrap());
    drop(store);
    // Opening again neither fails nor changes the version; a real database does not
    // become a sandbox.
    let store = Store::open(&path, "tester", t("2026-11-23 10:00"), DEFAULT_TZ).unwrap();
    assert_eq!(store.schema_version().unwrap(), LATEST);
    drop(store);
    let err = open_as(&path, Access::Create { sandbox: true })
        .err()
        .unwrap();
    assert!(matches!(err, Error::SandboxOnly { .. }), "{err:?}");
}

#[test]
fn a_missing_file_is_refused_unless_made_by_init() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nodir/x.db");
    for access in [Access::Read, Access::Write] {
        let err = open_as(&path, access).err().unwrap();
        assert!(matches!(err, Error::NoDatabase { .. }), "{err:?}");
    }
    assert!(files_in(dir.path()).is_empty(), "nothing was made");
}

#[test]
fn a_newer_schema_is_refused_and_the_file_is_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("k.db");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch("CREATE TABLE future (x); INSERT INTO future VALUES (1);")
            .unwrap();
        conn.pragma_update(None, "application_id", APPLICATION_ID)
            .unwrap();
        conn.pragma_update(None, "user_version", LATEST + 1)
            .unwrap();
    }
    let before = std::fs::read(&path).unwrap();
    for access in [Access::Read, Access::Write] {
        let err = open_as(&path, access).err().unwrap();
        assert!(
            matches!(err, Error::SchemaTooNew { found, .. } if found == LATEST + 1),
            "{err:?}"
        );
        assert!(err.to_string().contains("newer kefu"));
    }
    assert_eq!(std::fs::read(&path).unwrap(), before);
    assert_eq!(files_in(dir.path()), ["k.db"]);
}

#[test]
fn a_foreign_sqlite_file_and_an_empty_file_are_refused_and_left_as_they_were() {
    let dir = tempfile::tempdir().unwrap();
    let foreign = dir.path().join("other.db");
    {
        let conn = rusqlite::Connection::open(&foreign).unwrap();
        conn.execute_batch(
            "PRAGMA journal_mode = WAL; CREATE TABLE customers (x); INSERT INTO customers VALUES (1);",
        )
        .unwrap();
        conn.pragma_update(None, "user_version", 3).unwrap();
    }
    let empty = dir.path().join("empty.db");
    std::fs::write(&empty, b"").unwrap();
    let before = (std::fs::read(&foreign).unwrap(), files_in(dir.path()));
    for path in [&foreign, &empty] {
        for access in [
            Access::Read,
            Access::Write,
            Access::Create { sandbox: true },
        ] {
            let err = open_as(path, access).err().unwrap();
            assert!(matches!(err, Error::NotADatabase { .. }), "{err:?}");
        }
    }
    assert_eq!(std::fs::read(&foreign).unwrap(), before.0);
    assert_eq!(std::fs::read(&empty).unwrap(), b"");
    assert_eq!(files_in(dir.path()), before.1);
}

#[test]
fn a_reader_takes_no_lock_and_answers_while_a_writer_holds_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut writer = open(&dir);
    writer
        .add_customer(None, &fields("Acme", None), &[])
        .unwrap();
    let path = dir.path().join("k.db");
    let lock = rusqlite::Connection::open(&path).unwrap();
    lock.execute_batch("BEGIN IMMEDIATE; INSERT INTO meta VALUES ('held', '1');")
        .unwrap();
    // A reader that needed the lock would give up with "database is locked" after its
    // 5 s busy timeout; a writer does.
    let reader = open_as(&path, Access::Read).unwrap();
    assert!(reader.is_read_only());
    assert_eq!(reader.list_customers(&Default::default()).unwrap().len(), 1);
    lock.execute_batch("ROLLBACK").unwrap();
}

#[test]
fn garbage_is_not_a_database() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("k.db");
    let junk: Vec<u8> = (0..4096u32).map(|i| (i * 7 % 251) as u8).collect();
    std::fs::write(&path, &junk).unwrap();
    let err = Store::open(&path, "tester", t("2026-11-23 10:00"), DEFAULT_TZ)
        .err()
        .unwrap();
    assert!(matches!(err, Error::NotADatabase { .. }), "{err:?}");
    assert_eq!(std::fs::read(&path).unwrap(), junk);
}

#[test]
fn a_directory_cannot_be_opened() {
    let dir = tempfile::tempdir().unwrap();
    let err = Store::open(dir.path(), "tester", t("2026-11-23 10:00"), DEFAULT_TZ)
        .err()
        .unwrap();
    assert!(matches!(err, Error::CannotOpen { .. }), "{err:?}");
}

#[test]
fn every_change_writes_history_with_who_and_when() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = open(&dir);
    let contact = Contact {
        name: "王伟".into(),
        role: Some(ContactRole::Purchasing),
        ..Default::default()
    };
    let code = s
        .add_customer(
            None,
            &fields("苏州恒瑞化工有限公司", Some(Grade::B)),
            &[contact],
        )
        .unwrap();
    assert_eq!(code, "C00001");
    let h = s.history_of("customer", &code).unwrap();
    assert_eq!(h.len(), 1);
    assert_eq!(
        (h[0].action.as_str(), h[0].actor.as_str(), h[0].at.as_str()),
        ("insert", "tester", "2026-11-23T02:00:00Z")
    );
    assert!(h[0]
        .new
        .as_deref()
        .unwrap()
        .contains("苏州恒瑞化工有限公司"));
    assert_eq!(s.history_of("contact", &code).unwrap().len(), 1);

    // An update records one row per changed field, old -> new, and the grade history.
    let file = s.customer(&code).unwrap();
    let mut f = file.fields.clone();
    f.grade = Some(Grade::A);
    f.city = Some("苏州".into());
    s.set_now(t("2026-11-24 09:00"));
    s.update_customer(&code, file.version, &f, Some("年营收占比 12%"))
        .unwrap();
    let h = s.history_of("customer", &code).unwrap();
    let updates: Vec<_> = h
        .iter()
        .filter(|c| c.action == "update")
        .map(|c| {
            (
                c.field.as_deref().unwrap(),
                c.old.as_deref(),
                c.new.as_deref(),
                c.at.as_str(),
            )
        })
        .collect();
    assert_eq!(
        updates,
        vec![
            ("grade", Some("B"), Some("A"), "2026-11-24T01:00:00Z"),
            ("city", None, Some("苏州"), "2026-11-24T01:00:00Z"),
        ]
    );
    let file = s.customer(&code).unwrap();
    assert_eq!(file.version, 2);
    let grades: Vec<_> = file
        .grade_history
        .iter()
        .map(|g| (g.previous, g.grade))
        .collect();
    assert_eq!(
        grades,
        vec![(None, Some(Grade::B)), (Some(Grade::B), Some(Grade::A))]
    );
    assert_eq!(
        file.grade_history[1].basis.as_deref(),
        Some("年营收占比 12%")
    );

    // A complaint and a step.
    let number = s.add_complaint(&complaint(&code)).unwrap();
    assert_eq!(number, "KS-2026-00001");
    s.write(|tx| {
        tx.record_step(
            &number,
            Step::Acknowledged,
            t("2026-11-23 09:00"),
            "chen.jing",
            Some("已电话回复"),
        )
    })
    .unwrap();
    let h = s.history_of("complaint", &number).unwrap();
    assert_eq!(h.len(), 2);
    assert_eq!(
        (
            h[1].action.as_str(),
            h[1].old.as_deref(),
            h[1].new.as_deref()
        ),
        ("step", Some("received"), Some("acknowledged"))
    );
    let d = s.complaint(&number).unwrap();
    assert_eq!(d.row.step, Step::Acknowledged);
    assert_eq!(d.row.facts.acknowledged_at, Some(t("2026-11-23 09:00")));
    assert_eq!(d.steps.len(), 2);
    assert_eq!(d.steps[1].by, "chen.jing");

    // Shipments: insert, then update with the old value kept.
    s.write(|tx| tx.set_shipments("2026-11", 100)).unwrap();
    s.write(|tx| tx.set_shipments("2026-11", 120)).unwrap();
    let h = s.history_of("shipments", "2026-11").unwrap();
    assert_eq!(h.len(), 2);
    assert_eq!(
        (h[1].old.as_deref(), h[1].new.as_deref()),
        (Some("100"), Some("120"))
    );

    s.write(|tx| tx.add_nps(&code, 9, t("2026-11-02 10:00"), None))
        .unwrap();
    assert_eq!(s.history_of("nps", &code).unwrap().len(), 1);
}

#[test]
fn a_failed_write_leaves_nothing_behind() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = open(&dir);
    let before = s.history_count().unwrap();
    let result: Result<(), Error> = s.write(|tx| {
        tx.add_customer(Some("OK1"), &fields("第一家", None), &[])?;
        // the second customer breaks a rule: the first must vanish with it
        tx.add_customer(Some("bad code!"), &fields("第二家", None), &[])?;
        Ok(())
    });
    assert!(
        matches!(result, Err(Error::Invalid { ref field, .. }) if field.name() == Some("code"))
    );
    assert!(s
        .list_customers(&CustomerFilter::default())
        .unwrap()
        .is_empty());
    assert_eq!(s.history_count().unwrap(), before);
    assert!(s.is_empty().unwrap());
}

#[test]
fn a_stale_edit_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = open(&dir);
    let mut b = Store::open(
        &dir.path().join("k.db"),
        "tester",
        t("2026-11-23 10:00"),
        DEFAULT_TZ,
    )
    .unwrap();
    let code = a
        .add_customer(None, &fields("宁波华辰", None), &[])
        .unwrap();
    let seen_by_a = a.customer(&code).unwrap();
    let seen_by_b = b.customer(&code).unwrap();
    let mut fa = seen_by_a.fields.clone();
    fa.city = Some("宁波".into());
    a.update_customer(&code, seen_by_a.version, &fa, None)
        .unwrap();
    let mut fb = seen_by_b.fields.clone();
    fb.city = Some("杭州".into());
    let err = b
        .update_customer(&code, seen_by_b.version, &fb, None)
        .unwrap_err();
    assert!(matches!(err, Error::Conflict { .. }), "{err:?}");
    assert_eq!(
        a.customer(&code).unwrap().fields.city.as_deref(),
        Some("宁波")
    );
}

#[test]
fn complaint_rules() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = open(&dir);
    let code = s
        .add_customer(None, &fields("东莞力拓", None), &[])
        .unwrap();
    let mut c = complaint("NOPE");
    assert!(matches!(s.add_complaint(&c), Err(Error::NotFound { .. })));
    c.customer = code.clone();
    c.received_at = t("2026-11-23 10:01");
    assert!(
        matches!(s.add_complaint(&c), Err(Error::Invalid { ref field, .. }) if field.name() == Some("received"))
    );
    c.received_at = t("2026-11-23 08:00");
    c.reply_by = Some(t("2026-11-23 07:00"));
    assert!(
        matches!(s.add_complaint(&c), Err(Error::Invalid { ref field, .. }) if field.name() == Some("reply_by"))
    );
    c.reply_by = None;
    c.title = "  ".into();
    assert!(
        matches!(s.add_complaint(&c), Err(Error::Required { ref field }) if field.name() == Some("title"))
    );
    c.title = "到货延迟".into();
    assert_eq!(s.add_complaint(&c).unwrap(), "KS-2026-00001");
    // Numbers run per year of receipt (local time).
    c.received_at = t("2025-12-31 23:30");
    assert_eq!(s.add_complaint(&c).unwrap(), "KS-2025-00001");
    c.received_at = t("2026-01-01 00:10");
    assert_eq!(s.add_complaint(&c).unwrap(), "KS-2026-00002");
    assert_eq!(s.list_complaints(true).unwrap().len(), 3);
    s.write(|tx| {
        tx.record_step(
            "KS-2026-00002",
            Step::Closed,
            t("2026-01-05 10:00"),
            "x",
            None,
        )
    })
    .unwrap();
    assert_eq!(s.list_complaints(true).unwrap().len(), 2);
    assert_eq!(s.list_complaints(false).unwrap().len(), 3);
}

#[test]
fn customers_list_by_grade_then_name_with_counts() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = open(&dir);
    let c = s
        .add_customer(None, &fields("乙公司", Some(Grade::C)), &[])
        .unwrap();
    let a = s
        .add_customer(None, &fields("甲公司", Some(Grade::A)), &[])
        .unwrap();
    s.add_customer(None, &fields("无等级", None), &[]).unwrap();
    s.add_complaint(&complaint(&a)).unwrap();
    s.write(|tx| {
        tx.add_nps(&a, 6, t("2026-10-01 10:00"), None)?;
        tx.add_nps(&a, 9, t("2026-11-01 10:00"), None)
    })
    .unwrap();
    let rows = s.list_customers(&CustomerFilter::default()).unwrap();
    let order: Vec<_> = rows.iter().map(|r| r.code.as_str()).collect();
    assert_eq!(order, vec![a.as_str(), c.as_str(), "C00003"]);
    assert_eq!((rows[0].open_complaints, rows[0].last_nps), (1, Some(9)));
    let only_c = s
        .list_customers(&CustomerFilter {
            grade: Some(Grade::C),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(only_c.len(), 1);
}

#[test]
fn nps_keeps_the_grade_at_answer_time() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = open(&dir);
    let code = s
        .add_customer(None, &fields("甲", Some(Grade::A)), &[])
        .unwrap();
    s.write(|tx| tx.add_nps(&code, 10, t("2026-10-10 10:00"), None))
        .unwrap();
    let f = s.customer(&code).unwrap();
    let mut g = f.fields.clone();
    g.grade = Some(Grade::C);
    s.update_customer(&code, f.version, &g, None).unwrap();
    s.write(|tx| tx.add_nps(&code, 0, t("2026-10-11 10:00"), None))
        .unwrap();
    let (all, a) = s
        .nps_tallies(t("2026-10-01 00:00"), t("2027-01-01 00:00"))
        .unwrap();
    assert_eq!(all.count(), 2);
    assert_eq!((a.count(), a.score()), (1, Some(100.0)));
    assert!(matches!(
        s.write(|tx| tx.add_nps(&code, 11, t("2026-10-11 10:00"), None)),
        Err(Error::Invalid { .. })
    ));
}

#[test]
fn only_a_manager_changes_a_grade() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = open(&dir);
    let code = s
        .add_customer(None, &fields("宁波华辰", Some(Grade::B)), &[])
        .unwrap();
    let path = dir.path().join("k.db");
    let mut kam = Store::open(&path, "chen.jing", t("2026-11-23 10:00"), DEFAULT_TZ).unwrap();
    let file = kam.customer(&code).unwrap();
    let mut f = file.fields.clone();
    f.grade = Some(Grade::A);
    let err = kam
        .update_customer(&code, file.version, &f, None)
        .unwrap_err();
    assert!(
        matches!(
            err,
            Error::NotPermitted {
                permission: "permission.confirm_grade",
                ..
            }
        ),
        "{err:?}"
    );
    // Nothing was written; other fields may still change.
    assert_eq!(kam.customer(&code).unwrap().fields.grade, Some(Grade::B));
    f.grade = Some(Grade::B);
    f.city = Some("宁波".into());
    kam.update_customer(&code, file.version, &f, None).unwrap();
    let file = s.customer(&code).unwrap();
    let mut g = file.fields.clone();
    g.grade = Some(Grade::A);
    s.update_customer(&code, file.version, &g, None).unwrap();
    assert_eq!(s.customer(&code).unwrap().fields.grade, Some(Grade::A));
}

#[test]
fn a_store_opened_to_read_refuses_a_write_in_words_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("k.db");
    drop(open_as(&path, Access::Create { sandbox: true }).unwrap());
    let before = std::fs::read(&path).unwrap();
    let mut reader = open_as(&path, Access::Read).unwrap();
    assert!(reader.is_read_only());
    let err = reader
        .write(|tx| tx.set_shipments("2026-11", 100))
        .err()
        .unwrap();
    assert!(matches!(err, Error::ReadOnly { .. }), "{err:?}");
    drop(reader);
    assert_eq!(std::fs::read(&path).unwrap(), before);
}
