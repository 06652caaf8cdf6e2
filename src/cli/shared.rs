//! `kefu setup-shared --dir DIR`: one database for a team on one server, changed only
//! through kefu. A `kefu` group owns the data directory (setgid, closed to others) and the
//! binary runs setgid to that group; staff accounts are not in the group, so they reach
//! the file only through kefu, which knows who they are (their real user id).

use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::Command;

use clap::Args;

use super::output::print;
use super::Ctx;

/// `kefu setup-shared`.
#[derive(Debug, Args)]
pub struct SharedArgs {
    /// The data directory (made if missing); the team's database goes in it
    #[arg(long)]
    pub dir: PathBuf,
    /// The group that owns the data and the binary
    #[arg(long, default_value = "kefu")]
    pub group: String,
    /// The kefu binary to make setgid [default: this one]
    #[arg(long)]
    pub bin: Option<PathBuf>,
}

/// Does the install, printing each step; refuses unless run as root.
pub fn setup(ctx: &Ctx, a: &SharedArgs) -> anyhow::Result<()> {
    if !crate::identity::is_root() {
        anyhow::bail!("{}", ctx.t("err.needs_root"));
    }
    let mut said = Vec::new();
    let gid = match group_id(&a.group)? {
        Some(gid) => gid,
        None => {
            run(Command::new("groupadd").args(["--system", &a.group]))?;
            said.push(ctx.cat.fmt("msg.shared_group", &[("group", &a.group)]));
            group_id(&a.group)?
                .ok_or_else(|| anyhow::anyhow!("groupadd made no group {}", a.group))?
        }
    };
    std::fs::create_dir_all(&a.dir)?;
    own(&a.dir, gid, 0o2770)?;
    said.push(ctx.cat.fmt(
        "msg.shared_dir",
        &[("dir", &a.dir.display().to_string()), ("group", &a.group)],
    ));
    for entry in std::fs::read_dir(&a.dir)? {
        let path = entry?.path();
        if path.is_file() {
            own(&path, gid, 0o660)?;
            said.push(
                ctx.cat
                    .fmt("msg.shared_file", &[("file", &path.display().to_string())]),
            );
        }
    }
    let bin = match &a.bin {
        Some(b) => b.clone(),
        None => std::env::current_exe()?,
    };
    own(&bin, gid, 0o2755)?;
    said.push(ctx.cat.fmt(
        "msg.shared_bin",
        &[("bin", &bin.display().to_string()), ("group", &a.group)],
    ));
    let db = a.dir.join("kefu.db");
    said.push(ctx.cat.fmt(
        "msg.shared_next",
        &[
            ("bin", &bin.display().to_string()),
            ("db", &db.display().to_string()),
        ],
    ));
    print(&format!("{}\n", said.join("\n")))?;
    Ok(())
}

/// Gives `path` to root and `gid` with `mode`.
fn own(path: &Path, gid: u32, mode: u32) -> anyhow::Result<()> {
    std::os::unix::fs::chown(path, Some(0), Some(gid))?;
    // chown clears the set-id bits: the mode goes on after it.
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode))?;
    let m = std::fs::metadata(path)?;
    if m.gid() != gid || m.permissions().mode() & 0o7777 != mode {
        anyhow::bail!(
            "{} did not take group {gid} and mode {mode:o}",
            path.display()
        );
    }
    Ok(())
}

/// The id of group `name` (from the group database, through getent).
fn group_id(name: &str) -> anyhow::Result<Option<u32>> {
    let out = Command::new("getent").args(["group", name]).output()?;
    if !out.status.success() {
        return Ok(None);
    }
    let line = String::from_utf8_lossy(&out.stdout);
    Ok(line.split(':').nth(2).and_then(|g| g.trim().parse().ok()))
}

fn run(cmd: &mut Command) -> anyhow::Result<()> {
    let out = cmd.output()?;
    if !out.status.success() {
        anyhow::bail!("{:?}: {}", cmd, String::from_utf8_lossy(&out.stderr).trim());
    }
    Ok(())
}
