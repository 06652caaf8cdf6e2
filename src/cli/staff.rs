//! `kefu staff add|list|show|set-role|deactivate`, `kefu whoami`, `kefu permissions`.

use clap::Subcommand;

use super::fields::choice_code;
use super::history::{history_json, history_table};
use super::output::{fields, print, print_json, Table};
use super::Ctx;
use crate::domain::permission::Permission;
use crate::domain::staff::{Role, Staff};
use crate::error::{Error, Result};
use crate::field_id::FieldId;
use crate::kind::RecordKind;
use crate::store::open::Access;
use crate::store::Store;

/// `kefu staff ...`.
#[derive(Debug, Subcommand)]
pub enum StaffCmd {
    /// Put an OS account on the staff list (administrators only)
    Add {
        /// The OS account name (what `kefu whoami` shows for them)
        username: String,
        /// Full name
        #[arg(long)]
        name: String,
        /// Role: agent, kam, quality, engineer, manager, general_manager, auditor, admin
        /// (or its label, e.g. 客服)
        #[arg(long)]
        role: String,
        /// Their supervisor's username (escalations go there)
        #[arg(long)]
        supervisor: Option<String>,
    },
    /// The staff list
    List {
        /// Include those deactivated
        #[arg(long)]
        all: bool,
    },
    /// One member of staff, with the history of their record
    Show {
        /// Username
        username: String,
    },
    /// Give someone another role (administrators only)
    SetRole {
        /// Username
        username: String,
        /// The new role (code or label)
        role: String,
    },
    /// End someone's access from their next command on (administrators only)
    Deactivate {
        /// Username
        username: String,
    },
}

/// Runs a staff subcommand.
pub fn run(ctx: &Ctx, cmd: &StaffCmd) -> anyhow::Result<()> {
    match cmd {
        StaffCmd::Add {
            username,
            name,
            role,
            supervisor,
        } => {
            let s = Staff {
                username: username.trim().to_string(),
                name: name.trim().to_string(),
                role: role_arg(FieldId::flag("--role"), role)?,
                supervisor: supervisor.clone().filter(|s| !s.trim().is_empty()),
                active: true,
            };
            let mut store = ctx.open()?;
            require(ctx, &store, Permission::ManageStaff)?;
            store.write(|tx| tx.add_staff(&s))?;
            ctx.saved()
        }
        StaffCmd::List { all } => list(ctx, *all),
        StaffCmd::Show { username } => show(ctx, username),
        StaffCmd::SetRole { username, role } => {
            let role = role_arg(FieldId::flag("ROLE"), role)?;
            let mut store = ctx.open()?;
            require(ctx, &store, Permission::ManageStaff)?;
            store.write(|tx| tx.set_role(username, role))?;
            ctx.saved()
        }
        StaffCmd::Deactivate { username } => {
            let mut store = ctx.open()?;
            require(ctx, &store, Permission::ManageStaff)?;
            store.write(|tx| tx.deactivate(username))?;
            ctx.saved()
        }
    }
}

/// Refuses unless the acting person holds `p`.
pub fn require(ctx: &Ctx, store: &Store, p: Permission) -> Result<()> {
    store.require(&ctx.user, p)
}

/// A role given by its code or its label in either language.
fn role_arg(field: FieldId, text: &str) -> Result<Role> {
    let code = choice_code(&Role::CHOICES, text).unwrap_or(text);
    Role::parse(field, code)
}

fn row(ctx: &Ctx, s: &Staff) -> Vec<String> {
    vec![
        s.username.clone(),
        s.name.clone(),
        ctx.t(s.role.label_key()),
        s.supervisor.clone().unwrap_or_default(),
        ctx.t(if s.active { "msg.yes" } else { "msg.no" }),
    ]
}

fn list(ctx: &Ctx, all: bool) -> anyhow::Result<()> {
    let staff = ctx.read()?.list_staff_all(all)?;
    if ctx.json {
        print_json(&staff)?;
        return Ok(());
    }
    let mut t = Table::new(
        [
            "field.username",
            "field.name",
            "field.role",
            "field.supervisor",
            "field.active",
        ]
        .iter()
        .map(|k| ctx.t(k))
        .collect(),
    );
    for s in &staff {
        t.row(row(ctx, s));
    }
    print(&t.render())?;
    Ok(())
}

fn show(ctx: &Ctx, username: &str) -> anyhow::Result<()> {
    let store = ctx.read()?;
    let s = store
        .staff_member(username)?
        .ok_or_else(|| Error::NotFound {
            kind: RecordKind::Staff,
            key: username.to_string(),
        })?;
    let history = store.history_of("staff", username)?;
    if ctx.json {
        let mut v = serde_json::to_value(&s)?;
        v["history"] = history_json(ctx, &history);
        print_json(&v)?;
        return Ok(());
    }
    let keys = [
        "field.username",
        "field.name",
        "field.role",
        "field.supervisor",
        "field.active",
    ];
    let pairs: Vec<(String, String)> = keys.iter().map(|k| ctx.t(k)).zip(row(ctx, &s)).collect();
    let mut out = fields(&pairs);
    out.push_str(&format!("\n{}\n", ctx.t("head.history")));
    out.push_str(&history_table(ctx, &history));
    print(&out)?;
    Ok(())
}

/// `kefu whoami`: always answers, whatever the database.
pub fn whoami(ctx: &Ctx) -> anyhow::Result<()> {
    let account = crate::identity::os_account();
    let opened = Store::open_for(&ctx.db, Access::Read, &ctx.user, ctx.now, ctx.tz);
    let (sandbox, staff) = match &opened {
        Ok(store) => (Some(store.is_sandbox()?), store.staff_member(&ctx.user)?),
        Err(_) => (None, None),
    };
    if ctx.json {
        print_json(&serde_json::json!({
            "account": account,
            "acting_as": ctx.user,
            "db": ctx.db,
            "database": opened.as_ref().err().map(|e| e.message(ctx.cat)),
            "sandbox": sandbox,
            "staff": staff,
        }))?;
        return Ok(());
    }
    let yes_no = |b: bool| ctx.t(if b { "msg.yes" } else { "msg.no" });
    let record = match (&opened, &staff) {
        (Err(_), _) => ctx.t("msg.whoami_no_db"),
        (Ok(_), None) => ctx.t("msg.whoami_none"),
        (Ok(_), Some(s)) if !s.active => format!("{} ({})", s.name, ctx.t("msg.whoami_inactive")),
        (Ok(_), Some(s)) => format!("{} · {}", s.name, ctx.t(s.role.label_key())),
    };
    let pairs = vec![
        (ctx.t("msg.whoami_account"), account),
        (ctx.t("msg.whoami_acting"), ctx.user.clone()),
        (ctx.t("msg.whoami_database"), ctx.db.display().to_string()),
        (
            ctx.t("msg.whoami_sandbox"),
            sandbox.map(yes_no).unwrap_or_default(),
        ),
        (ctx.t("msg.whoami_staff"), record),
    ];
    print(&fields(&pairs))?;
    Ok(())
}

/// `kefu permissions grant|revoke`.
#[derive(Debug, Subcommand)]
pub enum PermissionCmd {
    /// Give a role a permission (administrators only)
    Grant {
        /// The permission (code or label; see `kefu permissions`)
        permission: String,
        /// The role (code or label)
        role: String,
    },
    /// Take a permission from a role (administrators only)
    Revoke {
        /// The permission (code or label)
        permission: String,
        /// The role (code or label)
        role: String,
    },
}

/// Grants or revokes, with history.
pub fn change_permission(ctx: &Ctx, cmd: &PermissionCmd) -> anyhow::Result<()> {
    let (PermissionCmd::Grant { permission, role } | PermissionCmd::Revoke { permission, role }) =
        cmd;
    let code = choice_code(&Permission::CHOICES, permission).unwrap_or(permission);
    let p = Permission::parse(FieldId::flag("PERMISSION"), code)?;
    let role = role_arg(FieldId::flag("ROLE"), role)?;
    let mut store = ctx.open()?;
    require(ctx, &store, Permission::ManagePermissions)?;
    store.write(|tx| match cmd {
        PermissionCmd::Grant { .. } => tx.grant(p, role),
        PermissionCmd::Revoke { .. } => tx.revoke(p, role),
    })?;
    ctx.saved()
}

/// `kefu permissions`: each permission and the roles that hold it in this database.
pub fn permissions(ctx: &Ctx) -> anyhow::Result<()> {
    let store = ctx.read()?;
    let mut rows: Vec<(Permission, Vec<Role>)> = Vec::new();
    for p in Permission::ALL.iter().copied() {
        rows.push((p, store.holders(p)?));
    }
    if ctx.json {
        let v: Vec<_> = rows
            .iter()
            .map(|(p, roles)| serde_json::json!({ "permission": p, "roles": roles }))
            .collect();
        print_json(&v)?;
        return Ok(());
    }
    let mut t = Table::new(vec![ctx.t("field.permission"), ctx.t("field.roles")]);
    for (p, roles) in rows {
        let who: Vec<String> = roles.iter().map(|r| ctx.t(r.label_key())).collect();
        t.row(vec![ctx.t(p.label_key()), who.join(", ")]);
    }
    print(&t.render())?;
    Ok(())
}
