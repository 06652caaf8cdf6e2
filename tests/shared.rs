//! A team on one server: `kefu setup-shared` gives the data directory to a `kefu` group and
//! makes the binary setgid. Run as root (CI is), this test makes real OS accounts and shows
//! that an agent can work through kefu, cannot approve what only the general manager may,
//! and cannot open the database file itself. Not as root, it shows the set-up is refused.

use std::os::unix::fs::PermissionsExt;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::Command;

#[path = "common/binary.rs"]
mod binary;
use binary::Out;

/// `bin --lang en ARGS` as `uid` (None: as this process), with nothing of the caller's
/// environment.
fn kefu(bin: &Path, home: &Path, uid: Option<u32>, args: &[&str]) -> Out {
    let mut all = vec!["--lang", "en"];
    all.extend_from_slice(args);
    match uid {
        Some(uid) => binary::run_as_uid(bin, home, uid, &all),
        None => {
            let o = Command::new(bin)
                .env("XDG_CONFIG_HOME", home.join("config"))
                .env_remove("KEFU_DB")
                .env_remove("KEFU_CONFIG")
                .args(&all)
                .output()
                .expect("the kefu binary runs");
            Out {
                code: o.status.code().unwrap_or(-1),
                stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
                stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
            }
        }
    }
}

/// OS accounts (and the group) made for the test, removed when it ends, even when it fails.
struct Accounts(Vec<String>, String);

impl Accounts {
    fn add(&mut self, name: &str) -> u32 {
        let made = Command::new("useradd")
            .args(["--no-create-home", "--shell", "/usr/sbin/nologin", name])
            .status()
            .expect("useradd runs");
        assert!(made.success(), "useradd {name}");
        self.0.push(name.to_string());
        let id = Command::new("id")
            .args(["-u", name])
            .output()
            .expect("id runs");
        String::from_utf8_lossy(&id.stdout)
            .trim()
            .parse()
            .expect("a uid")
    }
}

impl Drop for Accounts {
    fn drop(&mut self) {
        for name in &self.0 {
            let _ = Command::new("userdel").arg(name).status();
        }
        let _ = Command::new("groupdel").arg(&self.1).status();
    }
}

fn is_root() -> bool {
    let id = Command::new("id").arg("-u").output().expect("id runs");
    String::from_utf8_lossy(&id.stdout).trim() == "0"
}

#[test]
fn a_team_works_through_kefu_and_nobody_opens_the_file_behind_its_back() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let root_dir = tmp.path();
    std::fs::set_permissions(root_dir, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    std::fs::create_dir(root_dir.join("config")).expect("config dir");
    let bin_dir = root_dir.join("bin");
    std::fs::create_dir(&bin_dir).expect("bin dir");
    let bin: PathBuf = bin_dir.join("kefu");
    std::fs::copy(env!("CARGO_BIN_EXE_kefu"), &bin).expect("copy the binary");
    let data = root_dir.join("data");
    let data_s = data.display().to_string();
    let bin_s = bin.display().to_string();
    let group = format!("kefu-t{}", std::process::id() % 100_000);
    let setup = [
        "setup-shared",
        "--dir",
        &data_s,
        "--group",
        &group,
        "--bin",
        &bin_s,
    ];

    if !is_root() {
        let o = kefu(&bin, root_dir, None, &setup);
        assert_eq!(o.code, 1, "{}", o.stderr);
        assert!(o.stderr.contains("run it as root"), "{}", o.stderr);
        assert!(!data.exists(), "nothing was made");
        return;
    }

    let mut accounts = Accounts(Vec::new(), group.clone());
    let tag = std::process::id() % 100_000;
    let (agent, gm) = (format!("kt-agent{tag}"), format!("kt-gm{tag}"));
    let agent_uid = accounts.add(&agent);
    let gm_uid = accounts.add(&gm);
    let o = kefu(&bin, root_dir, None, &setup);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert!(
        o.stdout.contains("mode 2770") && o.stdout.contains("2755"),
        "{}",
        o.stdout
    );

    let db = data.join("kefu.db");
    let db_s = db.display().to_string();
    let admin = |args: &[&str]| {
        let mut all = vec!["--db", db_s.as_str()];
        all.extend_from_slice(args);
        let o = kefu(&bin, root_dir, None, &all);
        assert_eq!(o.code, 0, "{args:?}: {}", o.stderr);
        o.stdout
    };
    admin(&["init"]);
    admin(&[
        "staff",
        "add",
        &agent,
        "--name",
        "客服甲",
        "--role",
        "agent",
    ]);
    admin(&[
        "staff",
        "add",
        &gm,
        "--name",
        "总经理",
        "--role",
        "general_manager",
    ]);
    admin(&["customer", "add", "--name", "恒瑞化工"]);
    let as_user = |uid: u32, args: &[&str]| {
        let mut all = vec!["--db", db_s.as_str()];
        all.extend_from_slice(args);
        kefu(&bin, root_dir, Some(uid), &all)
    };
    // The agent works through kefu...
    let o = as_user(
        agent_uid,
        &[
            "complaint",
            "add",
            "--customer",
            "C00001",
            "--title",
            "划伤",
            "--severity",
            "major",
            "--category",
            "quality",
            "--channel",
            "phone",
        ],
    );
    assert_eq!(o.code, 0, "{}", o.stderr);
    let number = o.stdout.trim().to_string();
    let o = as_user(
        agent_uid,
        &[
            "return",
            "add",
            &number,
            "--quantity",
            "5",
            "--disposition",
            "rework",
            "--value",
            "5000",
        ],
    );
    assert_eq!(o.code, 0, "{}", o.stderr);
    // ...cannot approve, whatever $USER or --user says...
    let o = as_user(agent_uid, &["return", "approve", "1"]);
    assert_eq!(o.code, 1, "{}", o.stderr);
    assert!(
        o.stderr.contains("only general manager may"),
        "{}",
        o.stderr
    );
    let o = as_user(agent_uid, &["--user", &gm, "return", "approve", "1"]);
    assert_eq!(o.code, 2, "{}", o.stderr);
    // ...and cannot read or write the file itself.
    let cat = Command::new("cat")
        .arg(&db)
        .uid(agent_uid)
        .gid(65534)
        .output()
        .expect("cat");
    assert!(
        !cat.status.success(),
        "the agent read the database file directly"
    );
    // Nor with sqlite3 itself, where it is installed.
    if Path::new("/usr/bin/sqlite3").exists() {
        let sq = Command::new("/usr/bin/sqlite3")
            .arg(&db)
            .arg("UPDATE returns SET approved_by = 'me'")
            .uid(agent_uid)
            .gid(65534)
            .output()
            .expect("sqlite3");
        assert!(
            !sq.status.success(),
            "the agent changed the database with sqlite3"
        );
    }
    // The general manager approves; the history names the real accounts.
    let o = as_user(gm_uid, &["return", "approve", "1"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let shown = admin(&["complaint", "show", &number]);
    assert!(shown.contains(&agent), "{shown}");
    let mode = std::fs::metadata(&db).expect("db").permissions().mode() & 0o777;
    assert_eq!(
        mode & 0o007,
        0,
        "others have no access to the database ({mode:o})"
    );
    admin(&["audit", "verify"]);
    drop(accounts);
}
