//! `kefu customer field add|list|remove`: the custom fields of the customer file.

use clap::Subcommand;

use super::output::{print, print_json, Table};
use super::Ctx;
use crate::domain::custom_field::{CustomField, CustomKind};
use crate::field_id::FieldId;

/// `kefu customer field ...`.
#[derive(Debug, Subcommand)]
pub enum FieldCmd {
    /// Define a custom field (administrators)
    Add {
        /// The field's name as the team calls it, e.g. 合同编号
        name: String,
        /// What it holds: text, number or date (or its label)
        #[arg(long, default_value = "text")]
        kind: String,
        /// A complete file fills it (counted in the file's completeness)
        #[arg(long)]
        required: bool,
    },
    /// List the custom fields
    List,
    /// Remove a custom field no customer has a value in (administrators)
    Remove {
        /// The field's name
        name: String,
    },
}

/// Runs a custom-field subcommand.
pub fn run(ctx: &Ctx, cmd: &FieldCmd) -> anyhow::Result<()> {
    match cmd {
        FieldCmd::Add {
            name,
            kind,
            required,
        } => {
            let code = super::fields::choice_code(&CustomKind::CHOICES, kind).unwrap_or(kind);
            let f = CustomField {
                name: name.trim().to_string(),
                kind: CustomKind::parse(FieldId::flag("--kind"), code)?,
                required: *required,
            };
            ctx.open()?.define_custom_field(&f)?;
            done(ctx, &f.name)
        }
        FieldCmd::Remove { name } => {
            ctx.open()?.remove_custom_field(name)?;
            done(ctx, name.trim())
        }
        FieldCmd::List => {
            let fields = ctx.read()?.custom_fields()?;
            if ctx.json {
                return Ok(print_json(&fields)?);
            }
            let mut t = Table::new(vec![
                ctx.t("col.name"),
                ctx.t("col.kind"),
                ctx.t("col.required"),
            ]);
            for f in &fields {
                t.row(vec![
                    f.name.clone(),
                    ctx.t(f.kind.label_key()),
                    if f.required {
                        ctx.t("yes_no.yes")
                    } else {
                        String::new()
                    },
                ]);
            }
            print(&t.render())?;
            Ok(())
        }
    }
}

fn done(ctx: &Ctx, name: &str) -> anyhow::Result<()> {
    if ctx.json {
        print_json(&serde_json::json!({ "field": name }))?;
    } else {
        print(&format!("{name}\n"))?;
    }
    Ok(())
}
