//! `kefu audit verify|head`: what an auditor checks and writes down.

use clap::Subcommand;

use super::output::{print, print_json};
use super::Ctx;
use crate::error::Error;

/// `kefu audit ...`.
#[derive(Debug, Subcommand)]
pub enum AuditCmd {
    /// Walk the history's hash chain and check every audited record against its history
    Verify,
    /// The head hash and row count, for the auditor to write down
    Head,
}

/// Runs an audit subcommand.
pub fn run(ctx: &Ctx, cmd: &AuditCmd) -> anyhow::Result<()> {
    let store = ctx.read()?;
    let chain = store.audit_chain()?;
    match cmd {
        AuditCmd::Head => {
            let (head, rows) = chain.map_err(|b| broken(b.id, b.problem))?;
            if ctx.json {
                print_json(&serde_json::json!({ "head": head, "rows": rows }))?;
            } else {
                let text = ctx.cat.fmt(
                    "msg.audit_head",
                    &[("rows", &rows.to_string()), ("head", &head)],
                );
                print(&format!("{text}\n"))?;
            }
            Ok(())
        }
        AuditCmd::Verify => {
            let record = store.audit_records()?;
            if ctx.json {
                print_json(&serde_json::json!({
                    "ok": chain.is_ok() && record.is_none(),
                    "head": chain.as_ref().ok().map(|c| &c.0),
                    "rows": chain.as_ref().ok().map(|c| c.1),
                    "chain_break": chain.as_ref().err(),
                    "changed_record": record,
                }))?;
            }
            let (head, rows) = chain.map_err(|b| broken(b.id, b.problem))?;
            if let Some(c) = record {
                let text = |v: Option<String>| v.unwrap_or_default();
                return Err(Error::Tampered {
                    key: "err.tampered_record",
                    args: vec![
                        ("entity", c.entity),
                        ("key", c.key),
                        ("field", c.field),
                        ("stored", text(c.stored)),
                        ("recorded", text(c.recorded)),
                    ],
                }
                .into());
            }
            if !ctx.json {
                let text = ctx.cat.fmt(
                    "msg.audit_ok",
                    &[("rows", &rows.to_string()), ("head", &head)],
                );
                print(&format!("{text}\n"))?;
            }
            Ok(())
        }
    }
}

fn broken(id: i64, problem: &'static str) -> Error {
    Error::Tampered {
        key: "err.tampered_chain",
        args: vec![
            ("id", id.to_string()),
            ("problem", format!("audit.{problem}")),
        ],
    }
}
