//! Running the real `kefu` binary in a clean, deliberately foreign environment.

#![allow(dead_code)]

use std::path::Path;

use assert_cmd::Command;

/// The outcome of one run of the binary.
#[derive(Debug)]
pub struct Out {
    /// Exit code.
    pub code: i32,
    /// Standard output.
    pub stdout: String,
    /// Standard error.
    pub stderr: String,
}

/// The variables that would change what kefu does.
const KEFU_VARS: [&str; 7] = [
    "KEFU_DB",
    "KEFU_NOW",
    "KEFU_USER",
    "KEFU_TZ",
    "KEFU_LANG",
    "KEFU_CONFIG",
    "NO_COLOR",
];

/// The binary with no kefu variables, an empty config dir, and a zone and locale unlike
/// the defaults: results must not depend on the machine.
pub fn bin(config_home: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_kefu"));
    for k in KEFU_VARS {
        c.env_remove(k);
    }
    c.env("XDG_CONFIG_HOME", config_home)
        .env("TZ", "America/Los_Angeles")
        .env("LANG", "de_DE.UTF-8")
        .env("LC_ALL", "de_DE.UTF-8")
        .env("LC_MESSAGES", "de_DE.UTF-8");
    c
}

/// `bin ARGS` as the OS account `uid` (the caller must be root), with no kefu variables
/// and `home` as its home and config directory, so it reads nothing of the caller's.
pub fn run_as_uid(bin: &Path, home: &Path, uid: u32, args: &[&str]) -> Out {
    use std::os::unix::process::CommandExt;
    let mut c = std::process::Command::new(bin);
    for k in KEFU_VARS {
        c.env_remove(k);
    }
    c.env("XDG_CONFIG_HOME", home.join("config"))
        .env("HOME", home)
        .args(args)
        .uid(uid)
        .gid(65534);
    let o = c.output().expect("the kefu binary runs");
    Out {
        code: o
            .status
            .code()
            .expect("kefu exited normally, not by a signal"),
        stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
    }
}

/// Runs a command; fails the test on a panic, a signal or non-UTF-8 output.
pub fn run(mut cmd: Command) -> Out {
    let o = cmd.output().expect("the kefu binary runs");
    let out = Out {
        code: o
            .status
            .code()
            .expect("kefu exited normally, not by a signal"),
        stdout: String::from_utf8(o.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(o.stderr).expect("stderr is UTF-8"),
    };
    assert!(
        !out.stdout.contains("panicked") && !out.stderr.contains("panicked"),
        "kefu panicked: {out:#?}"
    );
    out
}

/// Asserts that `text` contains every one of `parts`.
pub fn has_all(text: &str, parts: &[&str]) {
    for p in parts {
        assert!(text.contains(p), "expected {p:?} in:\n{text}");
    }
}
