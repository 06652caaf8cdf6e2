//! What kefu does with the files it is pointed at: only `init` makes a database; a file
//! that is not kefu's is refused and left as it was; reads take no lock and write
//! nothing; `--now`, `--user` and demo data belong to sandbox databases.

use std::path::Path;

#[path = "common/binary.rs"]
mod binary;
#[path = "common/harness.rs"]
mod harness;
use binary::{has_all, run, Out};
use harness::{Kefu, NOW};

/// `kefu --db DB --lang en ARGS` with no `--now` and no `--user`: as a real user would.
fn plain(k: &Kefu, db: &Path, args: &[&str]) -> Out {
    let mut c = binary::bin(&k.config);
    c.arg("--db").arg(db).args(["--lang", "en"]).args(args);
    run(c)
}

/// The names in `dir`, sorted.
fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("dir is readable")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n != "config")
        .collect();
    names.sort();
    names
}

#[test]
fn a_missing_database_is_refused_unless_init_makes_it_and_no_directory_is_made() {
    let k = Kefu::empty();
    let nodir = k.dir.path().join("nodir/x.db");
    for args in [
        &["customer", "list"][..],
        &["customer", "add", "--name", "恒瑞化工"],
        &["demo"],
    ] {
        let out = plain(&k, &nodir, args);
        assert_eq!(out.code, 2, "{args:?}: {out:#?}");
        has_all(&out.stderr, &["no kefu database"]);
    }
    let out = plain(&k, &nodir, &["init"]);
    assert_eq!(out.code, 1, "{out:#?}");
    has_all(&out.stderr, &["directory does not exist"]);
    assert!(
        !k.dir.path().join("nodir").exists(),
        "no directory was made"
    );
    let out = plain(&k, &k.db, &["customer", "list"]);
    assert_eq!(out.code, 2, "{out:#?}");
    has_all(&out.stderr, &["no kefu database", "kefu init --db"]);
    assert!(
        files_in(k.dir.path()).is_empty(),
        "{:?}",
        files_in(k.dir.path())
    );
    let out = plain(&k, &k.db, &["init"]);
    assert_eq!(out.code, 0, "{out:#?}");
    assert!(k.db.is_file());
}

#[test]
fn a_file_that_is_not_kefus_is_refused_and_left_byte_identical() {
    let k = Kefu::empty();
    let foreign = k.dir.path().join("erp.db");
    {
        let conn = rusqlite::Connection::open(&foreign).expect("sqlite");
        conn.execute_batch("CREATE TABLE orders (id INTEGER); INSERT INTO orders VALUES (7);")
            .expect("foreign schema");
    }
    let empty = k.dir.path().join("empty.db");
    std::fs::write(&empty, b"").expect("empty file");
    let before = (
        std::fs::read(&foreign).expect("read"),
        files_in(k.dir.path()),
    );
    for db in [&foreign, &empty] {
        for args in [&["init"][..], &["customer", "list"], &["sla"], &["demo"]] {
            let out = plain(&k, db, args);
            assert_eq!(out.code, 2, "{args:?}: {out:#?}");
            has_all(&out.stderr, &["is not a kefu database"]);
        }
    }
    assert_eq!(std::fs::read(&foreign).expect("read"), before.0);
    assert_eq!(std::fs::read(&empty).expect("read"), b"");
    assert_eq!(files_in(k.dir.path()), before.1, "no -wal or -shm left");
}

#[test]
fn now_user_and_demo_data_are_refused_on_a_database_of_real_records() {
    let k = Kefu::empty();
    assert_eq!(plain(&k, &k.db, &["init"]).code, 0);
    let with = |extra: &[&str], args: &[&str]| {
        let mut all = extra.to_vec();
        all.extend_from_slice(args);
        plain(&k, &k.db, &all)
    };
    let add = ["customer", "add", "--name", "恒瑞化工"];
    for (extra, what) in [
        (&["--now", NOW][..], "--now"),
        (&["--user", "zhang.wei"], "--user"),
    ] {
        let out = with(extra, &add);
        assert_eq!(out.code, 2, "{out:#?}");
        has_all(&out.stderr, &[what, "sandbox", "kefu init --sandbox"]);
    }
    for args in [&["demo"][..], &["demo", "--force"]] {
        let out = with(&[], args);
        assert_eq!(out.code, 2, "{out:#?}");
        has_all(&out.stderr, &["sandbox"]);
    }
    // Nothing was written by the refused commands; a read may look back in time.
    let out = with(&["--now", NOW], &["customer", "list", "--json"]);
    assert_eq!(out.code, 0, "{out:#?}");
    assert_eq!(out.stdout.trim(), "[]");
    // A real database never turns into a sandbox.
    let out = with(&[], &["init", "--sandbox"]);
    assert_eq!(out.code, 2, "{out:#?}");
    // On a sandbox both are honoured.
    let s = Kefu::new();
    s.ok(&["customer", "add", "--name", "恒瑞化工"]);
}

#[test]
fn a_database_only_readable_to_this_user_is_read_and_nothing_is_left_behind() {
    let k = Kefu::new();
    k.ok(&["customer", "add", "--name", "恒瑞化工"]);
    let dir = k.dir.path();
    let before = files_in(dir);
    // As root the permission bits do not apply: run kefu as `nobody` instead.
    let root = std::fs::metadata("/proc/self").is_ok_and(|m| {
        use std::os::unix::fs::MetadataExt;
        m.uid() == 0
    });
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&k.db, std::fs::Permissions::from_mode(0o444)).expect("chmod");
    if root {
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o755)).expect("chmod");
        std::fs::set_permissions(&k.config, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    }
    let as_reader = |args: &[&str]| {
        if !root {
            let mut c = binary::bin(&k.config);
            c.arg("--db").arg(&k.db).args(["--lang", "en"]).args(args);
            return run(c);
        }
        let db = k.db.display().to_string();
        let mut all = vec!["--db", db.as_str(), "--lang", "en"];
        all.extend_from_slice(args);
        binary::run_as_uid(Path::new(env!("CARGO_BIN_EXE_kefu")), dir, 65534, &all)
    };
    let out = as_reader(&["customer", "list", "--json"]);
    assert_eq!(out.code, 0, "{out:#?}");
    has_all(&out.stdout, &["恒瑞化工"]);
    let out = as_reader(&["customer", "add", "--name", "另一家"]);
    assert_eq!(out.code, 1, "{out:#?}");
    has_all(&out.stderr, &["can be read but not changed by you"]);
    assert_eq!(
        files_in(dir),
        before,
        "no -wal or -shm left to lock the owner out"
    );
    std::fs::set_permissions(&k.db, std::fs::Permissions::from_mode(0o644)).expect("chmod");
    k.ok(&["customer", "add", "--name", "另一家"]);
}

#[test]
fn implausible_years_are_refused_naming_the_flag() {
    let k = Kefu::demo();
    for (flag, value) in [
        ("--received", "1926-11-23 08:00"),
        ("--received", "2206-11-23 08:00"),
    ] {
        let mut args = harness::minor_complaint("C00001");
        args.extend([flag, value]);
        let err = k.fails(&args, 2);
        has_all(&err, &[flag, value, "2000 to 2100"]);
    }
    let out = run({
        let mut c = binary::bin(&k.config);
        c.arg("--db")
            .arg(&k.db)
            .args(["--now", "2206-01-01 00:00", "--lang", "zh", "sla"]);
        c
    });
    assert_eq!(out.code, 2, "{out:#?}");
    has_all(&out.stderr, &["--now", "2000 至 2100"]);
}
