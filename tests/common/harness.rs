//! A kefu database in a temp dir, and the real binary run against it at a fixed time, in
//! English, as a given user, with an empty config directory of its own.

#![allow(dead_code)]

use std::path::PathBuf;

use assert_cmd::Command;
use serde_json::Value;
use tempfile::TempDir;

use super::binary::{self, run, Out};

/// The fixed "now" of these tests: Monday 23 November 2026, 10:00 in Shanghai.
pub const NOW: &str = "2026-11-23 10:00";

/// The default actor: not on the staff list, so no role.
pub const TESTER: &str = "tester";

/// `complaint add` of a minor quality complaint of `customer` (the time and the rest added
/// by the caller).
pub fn minor_complaint(customer: &str) -> Vec<&str> {
    vec![
        "complaint",
        "add",
        "--customer",
        customer,
        "--title",
        "划伤",
        "--severity",
        "minor",
        "--category",
        "quality",
        "--channel",
        "phone",
    ]
}

/// A database file, its directory and an empty config directory.
pub struct Kefu {
    /// Keeps the directory alive.
    pub dir: TempDir,
    /// The database file.
    pub db: PathBuf,
    /// The (empty) config directory the binary is given.
    pub config: PathBuf,
}

impl Kefu {
    /// Records an NPS answer of `score` at `at` for `customer`, from a new NPS contact of
    /// theirs (one answer per contact and quarter); returns the answer's JSON.
    #[allow(dead_code)]
    pub fn answer(&self, customer: &str, score: &str, at: &str) -> Value {
        static N: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(1);
        let name = format!(
            "答卷人{}",
            N.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
        );
        self.ok(&["contact", "add", customer, "--name", &name, "--nps", "yes"]);
        self.json(&[
            "nps",
            "record",
            "--customer",
            customer,
            "--contact",
            &name,
            "--score",
            score,
            "--date",
            at,
        ])
    }

    /// A new, empty sandbox database (`kefu init --sandbox`), where `--now` and `--user`
    /// set the time and the person of each write.
    pub fn new() -> Kefu {
        let k = Kefu::empty();
        k.ok(&["init", "--sandbox"]);
        k
    }

    /// Puts these (username, role) on the staff list, as the sandbox's admin.
    pub fn staff(&self, people: &[(&str, &str)]) {
        for (username, role) in people {
            self.ok(&["staff", "add", username, "--name", username, "--role", role]);
        }
    }

    /// A fresh place for a database, with no database in it yet.
    pub fn empty() -> Kefu {
        let dir = tempfile::tempdir().expect("temp dir");
        let db = dir.path().join("k.db");
        let config = dir.path().join("config");
        std::fs::create_dir(&config).expect("config dir");
        Kefu { dir, db, config }
    }

    /// A database with the demo's staff, customers C00001.. and complaints.
    pub fn demo() -> Kefu {
        let k = Kefu::new();
        k.ok(&["demo", "--customers", "10"]);
        k
    }

    /// `kefu --db DB --now NOW --lang LANG --user USER ARGS...`
    pub fn cmd_with(&self, lang: &str, user: &str, args: &[&str]) -> Command {
        self.cmd_at(NOW, lang, user, args)
    }

    /// The same at another time (the sandbox's clock moved on).
    pub fn cmd_at(&self, now: &str, lang: &str, user: &str, args: &[&str]) -> Command {
        let mut c = binary::bin(&self.config);
        c.arg("--db")
            .arg(&self.db)
            .args(["--now", now, "--lang", lang, "--user", user])
            .args(args);
        c
    }

    /// Runs as [`TESTER`] at `now`; must succeed quietly. Returns stdout.
    pub fn ok_at(&self, now: &str, args: &[&str]) -> String {
        Self::expect_ok(
            run(self.cmd_at(now, "en", TESTER, args)),
            &format!("at {now}"),
            args,
        )
    }

    /// In English, as [`TESTER`].
    pub fn cmd(&self, args: &[&str]) -> Command {
        self.cmd_with("en", TESTER, args)
    }

    /// Runs as [`TESTER`].
    pub fn run(&self, args: &[&str]) -> Out {
        run(self.cmd(args))
    }

    /// Runs as `user`.
    pub fn run_as(&self, user: &str, args: &[&str]) -> Out {
        run(self.cmd_with("en", user, args))
    }

    fn expect_ok(out: Out, what: &str, args: &[&str]) -> String {
        assert_eq!(out.code, 0, "kefu {args:?} {what} failed: {out:#?}");
        assert!(
            out.stderr.is_empty(),
            "kefu {args:?} wrote to stderr: {out:#?}"
        );
        out.stdout
    }

    /// Runs as `user`; must succeed quietly. Returns stdout.
    pub fn ok_as(&self, user: &str, args: &[&str]) -> String {
        Self::expect_ok(self.run_as(user, args), &format!("as {user}"), args)
    }

    /// Runs as [`TESTER`]; must succeed quietly. Returns stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        self.ok_as(TESTER, args)
    }

    /// Runs in `lang`; must succeed quietly. Returns stdout.
    pub fn ok_in(&self, lang: &str, args: &[&str]) -> String {
        Self::expect_ok(
            run(self.cmd_with(lang, TESTER, args)),
            &format!("in {lang}"),
            args,
        )
    }

    /// Runs as `user` with `--json`; must succeed. Returns the parsed output.
    pub fn json_as(&self, user: &str, args: &[&str]) -> Value {
        let mut all = args.to_vec();
        all.push("--json");
        let text = self.ok_as(user, &all);
        serde_json::from_str(&text)
            .unwrap_or_else(|e| panic!("kefu {args:?}: bad JSON {e}: {text}"))
    }

    /// Runs with `--json` as [`TESTER`].
    pub fn json(&self, args: &[&str]) -> Value {
        self.json_as(TESTER, args)
    }

    /// Runs as `user`; must fail with `code`, say why on stderr and print nothing.
    pub fn fails_as(&self, user: &str, args: &[&str], code: i32) -> String {
        let out = self.run_as(user, args);
        assert_eq!(
            out.code, code,
            "kefu {args:?} as {user}: exit code: {out:#?}"
        );
        assert!(
            out.stdout.is_empty(),
            "kefu {args:?} failed but printed: {out:#?}"
        );
        assert!(!out.stderr.trim().is_empty(), "kefu {args:?}: no message");
        out.stderr
    }

    /// Runs as [`TESTER`]; must fail with `code`. Returns stderr.
    pub fn fails(&self, args: &[&str], code: i32) -> String {
        self.fails_as(TESTER, args, code)
    }

    /// Runs in `lang`; must fail with `code`, saying why. Returns stderr.
    pub fn fails_in(&self, lang: &str, args: &[&str], code: i32) -> String {
        let out = run(self.cmd_with(lang, TESTER, args));
        assert_eq!(
            out.code, code,
            "kefu {args:?} in {lang}: exit code: {out:#?}"
        );
        assert!(!out.stderr.trim().is_empty(), "kefu {args:?}: no message");
        out.stderr
    }

    /// Runs as [`TESTER`] at `now`; must fail with `code`, saying why. Returns stderr.
    pub fn fails_at(&self, now: &str, args: &[&str], code: i32) -> String {
        let out = run(self.cmd_at(now, "en", TESTER, args));
        assert_eq!(
            out.code, code,
            "kefu {args:?} at {now}: exit code: {out:#?}"
        );
        assert!(
            out.stdout.is_empty(),
            "kefu {args:?} failed but printed: {out:#?}"
        );
        assert!(!out.stderr.trim().is_empty(), "kefu {args:?}: no message");
        out.stderr
    }
}
