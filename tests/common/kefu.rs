//! A kefu database in a temp dir, and the real binary run against it at a fixed time.

#![allow(dead_code)]

use std::path::PathBuf;

use assert_cmd::Command;
use serde_json::Value;
use tempfile::TempDir;

use super::binary::{self, run, Out};

/// The fixed "now" of these tests.
pub const NOW: &str = "2026-11-23 10:00";

/// A database file and the binary pointed at it.
pub struct Kefu {
    /// Keeps the directory alive.
    pub dir: TempDir,
    /// The database file.
    pub db: PathBuf,
}

impl Kefu {
    /// A fresh, empty place for a database.
    pub fn new() -> Kefu {
        let dir = tempfile::tempdir().expect("temp dir");
        let db = dir.path().join("k.db");
        Kefu { dir, db }
    }

    /// The binary with `args`, in `lang`, at [`NOW`].
    pub fn cmd_in(&self, lang: &str, args: &[&str]) -> Command {
        let mut c = binary::bin(&std::env::temp_dir().join("kefu-cli-tests-empty-config"));
        c.arg("--db")
            .arg(&self.db)
            .args(["--now", NOW, "--lang", lang, "--user", "tester"])
            .args(args);
        c
    }

    /// Runs in English.
    pub fn run(&self, args: &[&str]) -> Out {
        run(self.cmd_in("en", args))
    }

    /// Runs in English; must succeed quietly. Returns stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        self.ok_in("en", args)
    }

    /// Runs in `lang`; must succeed quietly. Returns stdout.
    pub fn ok_in(&self, lang: &str, args: &[&str]) -> String {
        let out = run(self.cmd_in(lang, args));
        assert_eq!(out.code, 0, "kefu {args:?} failed: {out:#?}");
        assert!(
            out.stderr.is_empty(),
            "kefu {args:?} wrote to stderr: {out:#?}"
        );
        out.stdout
    }

    /// Runs with `--json`; must succeed. Returns the parsed output.
    pub fn json(&self, args: &[&str]) -> Value {
        let mut all = args.to_vec();
        all.push("--json");
        let text = self.ok(&all);
        serde_json::from_str(&text)
            .unwrap_or_else(|e| panic!("kefu {args:?}: bad JSON {e}: {text}"))
    }

    /// Runs; must fail with `code`, say why on stderr and print nothing. Returns stderr.
    pub fn fails(&self, args: &[&str], code: i32) -> String {
        let out = self.run(args);
        assert_eq!(out.code, code, "kefu {args:?}: wrong exit code: {out:#?}");
        assert!(
            out.stdout.is_empty(),
            "kefu {args:?} failed but printed: {out:#?}"
        );
        assert!(!out.stderr.trim().is_empty(), "kefu {args:?}: no message");
        out.stderr
    }
}
