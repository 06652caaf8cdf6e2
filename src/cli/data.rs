//! `kefu init`, `kefu demo`, `kefu shipments set`.

use super::args::{DemoArgs, InitArgs, ShipmentsCmd};
use super::output::{print, print_json};
use super::Ctx;
use crate::demo::{generate, DemoOptions};
use crate::error::Error;
use crate::field_id::FieldId;
use crate::store::open::Access;

/// The most customers `kefu demo` makes.
const MAX_DEMO_CUSTOMERS: u32 = 200_000;

/// `kefu init [--sandbox]`: create the database (idempotent). Only kefu's own data
/// directory is made when missing; any other directory must exist.
pub fn init(ctx: &Ctx, a: &InitArgs) -> anyhow::Result<()> {
    if ctx.db_is_default {
        if let Some(dir) = ctx.db.parent() {
            std::fs::create_dir_all(dir)?;
        }
    }
    let mut store = ctx.open_for(Access::Create { sandbox: a.sandbox })?;
    let version = store.schema_version()?;
    let first_admin = ctx.make_first_admin(&mut store)?.then(|| ctx.user.clone());
    if ctx.json {
        print_json(&serde_json::json!({
            "db": ctx.db,
            "schema_version": version,
            "sandbox": store.is_sandbox()?,
            "first_admin": first_admin,
        }))?;
    } else {
        let path = ctx.db.display().to_string();
        let mut text = ctx.cat.fmt(
            "msg.init",
            &[("path", &path), ("version", &version.to_string())],
        );
        text.push('\n');
        if let Some(user) = &first_admin {
            text.push_str(&ctx.cat.fmt("msg.first_admin", &[("user", user)]));
            text.push('\n');
        }
        print(&text)?;
    }
    Ok(())
}

/// `kefu demo`: fill the database with demo data.
pub fn demo(ctx: &Ctx, a: &DemoArgs) -> anyhow::Result<()> {
    if a.customers == 0 || a.customers > MAX_DEMO_CUSTOMERS {
        return Err(Error::Invalid {
            field: FieldId::flag("--customers"),
            value: a.customers.to_string(),
            rule: "rule.demo_customers",
        }
        .into());
    }
    let mut store = ctx.open()?;
    // Demo data and wiping belong to sandboxes, never to a database of real records.
    if !store.is_sandbox()? {
        let what = if a.force {
            "kefu demo --force"
        } else {
            "kefu demo"
        };
        return Err(Error::SandboxOnly { what: what.into() }.into());
    }
    if a.force {
        super::staff::require(
            ctx,
            &store,
            crate::domain::permission::Permission::WipeSandbox,
        )?;
    }
    if !a.force && !store.is_empty()? {
        return Err(Error::NotEmpty {
            path: ctx.db.clone(),
        }
        .into());
    }
    let opts = DemoOptions {
        customers: a.customers,
        seed: a.seed,
    };
    let now = ctx.now;
    let started = std::time::Instant::now();
    let summary = store.write(|tx| {
        if a.force {
            tx.clear_all()?;
        }
        generate(tx, opts, now)
    })?;
    let secs = started.elapsed().as_secs_f64();
    if ctx.json {
        print_json(&serde_json::json!({ "db": ctx.db, "summary": summary, "seconds": secs }))?;
    } else {
        let n = |v: usize| v.to_string();
        print(&format!(
            "{}\n",
            ctx.cat.fmt(
                "msg.demo",
                &[
                    ("path", &ctx.db.display().to_string()),
                    ("customers", &n(summary.customers)),
                    ("contacts", &n(summary.contacts)),
                    ("nps", &n(summary.nps_responses)),
                    ("closed", &n(summary.closed_complaints)),
                    ("open", &n(summary.open_complaints)),
                    ("inquiries", &n(summary.inquiries)),
                    ("seconds", &format!("{secs:.1}")),
                ],
            )
        ))?;
    }
    Ok(())
}

/// `kefu --demo`: rebuild `demo.db` relative to now (the workbench then opens it).
pub fn rebuild_demo(ctx: &Ctx) -> anyhow::Result<()> {
    // The demo file is kefu's own, made afresh each time as a sandbox.
    for p in [
        ctx.db.clone(),
        crate::store::open::sibling(&ctx.db, "-wal"),
        crate::store::open::sibling(&ctx.db, "-shm"),
    ] {
        match std::fs::remove_file(&p) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e.into()),
            _ => {}
        }
    }
    if let Some(dir) = ctx.db.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let mut store = ctx.open_for(Access::Create { sandbox: true })?;
    let now = ctx.now;
    store.write(|tx| {
        tx.clear_all()?;
        generate(
            tx,
            DemoOptions {
                customers: 120,
                seed: 1,
            },
            now,
        )
    })?;
    Ok(())
}

/// `kefu shipments set`.
pub fn shipments(ctx: &Ctx, cmd: &ShipmentsCmd) -> anyhow::Result<()> {
    let ShipmentsCmd::Set { month, orders } = cmd;
    let mut store = ctx.open()?;
    // The usage names them MONTH and ORDERS, so errors do too.
    let positional = |f: FieldId| match f.name() {
        Some("month") => FieldId::flag("MONTH"),
        Some("orders") => FieldId::flag("ORDERS"),
        _ => f,
    };
    store
        .write(|tx| tx.set_shipments(month, *orders))
        .map_err(|e| e.naming(positional))?;
    ctx.saved()
}
