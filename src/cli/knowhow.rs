//! `kefu knowhow add|list|show|grant|revoke|log`: the register of customer-exclusive
//! formulas and know-how (SOP-15 §8.2). Listing never shows content; opening an L3 entry,
//! or being refused it, is logged.

use std::io::Read;

use clap::Subcommand;
use sha2::{Digest, Sha256};

use super::fields::{json_fields, FieldArgs};
use super::history::json_time;
use super::output::{fields, print, print_json, Table};
use super::Ctx;
use crate::domain::fields::Record;
use crate::domain::knowhow::{Attachment, KnowHow};
use crate::domain::permission::Permission;
use crate::error::Error;
use crate::field_id::FieldId;

/// `kefu knowhow ...`.
#[derive(Debug, Subcommand)]
pub enum KnowhowCmd {
    /// Take down an entry; prints its number
    Add {
        /// The entry's fields
        #[command(flatten)]
        fields: FieldArgs<KnowHow>,
        /// A file to attach (its SHA-256 is kept; repeat for more)
        #[arg(long = "attach", value_name = "FILE")]
        attach: Vec<std::path::PathBuf>,
    },
    /// The register, newest first (never the content)
    List {
        /// Only this customer's
        #[arg(long)]
        customer: Option<String>,
    },
    /// Open one entry (an L3 opening, or a refusal, goes in the access log)
    Show {
        /// Entry number (KH-YYYY-NNNNN)
        number: String,
    },
    /// Let someone open an L3 entry whatever their role
    Grant {
        /// Entry number
        number: String,
        /// Their username (not `user`: that is the global --user's name)
        #[arg(value_name = "USER")]
        person: String,
    },
    /// Take such a grant back
    Revoke {
        /// Entry number
        number: String,
        /// Their username
        #[arg(value_name = "USER")]
        person: String,
    },
    /// Who opened what, and who was refused
    Log {
        /// Only this entry
        number: Option<String>,
    },
    /// Leaks of know-how (each counts against the KPI: no leaks in a year)
    Incident {
        /// What to do
        #[command(subcommand)]
        cmd: IncidentCmd,
    },
}

/// `kefu knowhow incident ...`.
#[derive(Debug, Subcommand)]
pub enum IncidentCmd {
    /// Record a leak; prints its id
    Add {
        /// What leaked and how
        #[arg(long)]
        description: String,
        /// Which entry leaked, if known
        #[arg(long)]
        entry: Option<String>,
        /// When it happened [default: now]
        #[arg(long)]
        at: Option<String>,
    },
}

/// Runs a know-how subcommand.
pub fn run(ctx: &Ctx, cmd: &KnowhowCmd) -> anyhow::Result<()> {
    match cmd {
        KnowhowCmd::Add { fields, attach } => {
            let mut k = KnowHow::default();
            fields.apply(&mut k, ctx.tz)?;
            k.fill_defaults(ctx.now)?;
            let files = attach
                .iter()
                .map(|p| attachment(p))
                .collect::<Result<Vec<_>, _>>()?;
            let mut store = ctx.open()?;
            let number = store.write(|tx| tx.add_knowhow(&k, &files))?;
            if ctx.json {
                print_json(&serde_json::json!({ "number": number }))?;
            } else {
                print(&format!("{number}\n"))?;
            }
            Ok(())
        }
        KnowhowCmd::List { customer } => list(ctx, customer.as_deref()),
        KnowhowCmd::Show { number } => show(ctx, number),
        KnowhowCmd::Grant { number, person } | KnowhowCmd::Revoke { number, person } => {
            let mut store = ctx.open()?;
            store.require(&ctx.user, Permission::GrantKnowhow)?;
            store.write(|tx| match cmd {
                KnowhowCmd::Grant { .. } => tx.grant_knowhow(number, person),
                _ => tx.revoke_knowhow(number, person),
            })?;
            ctx.saved()
        }
        KnowhowCmd::Log { number } => log(ctx, number.as_deref()),
        KnowhowCmd::Incident {
            cmd:
                IncidentCmd::Add {
                    description,
                    entry,
                    at,
                },
        } => {
            let at = ctx.time_or_now("--at", at.as_deref())?;
            let mut store = ctx.open()?;
            let id =
                store.write(|tx| tx.add_knowhow_incident(at, entry.as_deref(), description))?;
            if ctx.json {
                print_json(&serde_json::json!({ "id": id }))?;
            } else {
                print(&format!("{id}\n"))?;
            }
            Ok(())
        }
    }
}

/// Reads a file to attach: its absolute path, SHA-256 and size.
fn attachment(path: &std::path::Path) -> Result<Attachment, Error> {
    let bad = |e: std::io::Error| Error::Invalid {
        field: FieldId::flag("--attach"),
        value: format!("{}: {e}", path.display()),
        rule: "rule.readable_file",
    };
    let mut file = std::fs::File::open(path).map_err(bad)?;
    let mut hash = Sha256::new();
    let mut buf = vec![0u8; 1 << 16];
    let mut bytes = 0u64;
    loop {
        let n = file.read(&mut buf).map_err(bad)?;
        if n == 0 {
            break;
        }
        hash.update(&buf[..n]);
        bytes += n as u64;
    }
    let abs = std::fs::canonicalize(path).map_err(bad)?;
    Ok(Attachment {
        path: abs.display().to_string(),
        sha256: hash.finalize().iter().map(|b| format!("{b:02x}")).collect(),
        bytes,
    })
}

fn list(ctx: &Ctx, customer: Option<&str>) -> anyhow::Result<()> {
    let rows = ctx.read()?.list_knowhow(customer)?;
    if ctx.json {
        let v: Vec<_> = rows
            .iter()
            .map(|e| {
                let mut j = serde_json::json!({ "number": e.number });
                json_fields(&mut j, &e.know_how, ctx);
                j
            })
            .collect();
        print_json(&v)?;
        return Ok(());
    }
    let mut t = Table::new(
        [
            "col.number",
            "field.customer",
            "field.knowhow_title",
            "field.level",
            "field.owner",
        ]
        .iter()
        .map(|k| ctx.t(k))
        .collect(),
    );
    for e in &rows {
        let k = &e.know_how;
        t.row(vec![
            e.number.clone(),
            k.customer.clone().unwrap_or_default(),
            k.title.clone().unwrap_or_default(),
            k.level.map(|l| ctx.t(l.label_key())).unwrap_or_default(),
            k.owner.clone().unwrap_or_default(),
        ]);
    }
    print(&t.render())?;
    Ok(())
}

fn show(ctx: &Ctx, number: &str) -> anyhow::Result<()> {
    // Opening writes to the access log, so even a reader opens the file to write.
    let mut store = ctx.open()?;
    let user = ctx.user.clone();
    let entry = store.write_log(|tx| tx.open_knowhow(number, &user))??;
    if ctx.json {
        let mut j = serde_json::json!({ "number": entry.number });
        json_fields(&mut j, &entry.know_how, ctx);
        j["attachments"] = serde_json::to_value(&entry.attachments)?;
        j["granted"] = serde_json::to_value(&entry.granted)?;
        print_json(&j)?;
        return Ok(());
    }
    let k = &entry.know_how;
    let mut pairs = vec![
        (ctx.t("col.number"), entry.number.clone()),
        (
            ctx.t("field.customer"),
            k.customer.clone().unwrap_or_default(),
        ),
        (
            ctx.t("field.knowhow_title"),
            k.title.clone().unwrap_or_default(),
        ),
        (
            ctx.t("field.level"),
            k.level.map(|l| ctx.t(l.label_key())).unwrap_or_default(),
        ),
        (ctx.t("field.owner"), k.owner.clone().unwrap_or_default()),
    ];
    for a in &entry.attachments {
        pairs.push((
            ctx.t("field.attachment"),
            format!("{} ({} B, SHA-256 {})", a.path, a.bytes, a.sha256),
        ));
    }
    let mut out = fields(&pairs);
    out.push('\n');
    out.push_str(&crate::text::sanitize_lines(
        k.content.as_deref().unwrap_or_default(),
    ));
    out.push('\n');
    print(&out)?;
    Ok(())
}

fn log(ctx: &Ctx, number: Option<&str>) -> anyhow::Result<()> {
    let store = ctx.read()?;
    store.require(&ctx.user, Permission::ReadAccessLog)?;
    let rows = store.knowhow_access(number)?;
    if ctx.json {
        let v: Vec<_> = rows
            .iter()
            .map(|a| {
                serde_json::json!({
                    "at": json_time(ctx, &a.at), "actor": a.actor,
                    "number": a.number, "outcome": a.outcome,
                })
            })
            .collect();
        print_json(&v)?;
        return Ok(());
    }
    let mut t = Table::new(
        ["col.when", "col.who", "col.number", "field.outcome"]
            .iter()
            .map(|k| ctx.t(k))
            .collect(),
    );
    for a in &rows {
        t.row(vec![
            crate::readmodel::history::stamp(&a.at, ctx.tz),
            a.actor.clone(),
            a.number.clone(),
            ctx.t(&format!("knowhow_outcome.{}", a.outcome)),
        ]);
    }
    print(&t.render())?;
    Ok(())
}
