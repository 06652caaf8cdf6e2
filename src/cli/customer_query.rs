//! `kefu customer list` by any field, custom field or completeness, and the quarterly
//! data check (`customer check`, `customer confirm`).

use super::args::CustomerListArgs;
use super::output::{print, print_json, Table};
use super::Ctx;
use crate::domain::customer::{check_due, compare_values, Grade};
use crate::domain::fields::Record;
use crate::error::Error;
use crate::field_id::FieldId;
use crate::readmodel::customer_file::missing_names;
use crate::store::customer_facts::CustomerFacts;

/// Whether the list asks for more than grade and KAM (which the paged SQL list serves).
pub fn wanted(a: &CustomerListArgs) -> bool {
    !a.filters.is_empty() || a.incomplete || a.sort.is_some()
}

/// Checks a field name given to `--where` or `--sort`: declared, custom or completeness.
fn known(
    name: &str,
    custom: &[crate::domain::custom_field::CustomField],
    flag: &'static str,
) -> Result<(), Error> {
    use crate::domain::customer::CustomerFields;
    let ok = name == "completeness"
        || name == "code"
        || CustomerFields::spec(name).is_some()
        || custom.iter().any(|f| f.name == name);
    if ok {
        Ok(())
    } else {
        Err(Error::Invalid {
            field: FieldId::flag(flag),
            value: name.to_string(),
            rule: "rule.list_field",
        })
    }
}

/// The files a list's filters pick, in its order, with what each lacks.
pub fn select(
    ctx: &Ctx,
    store: &crate::store::Store,
    custom: &[crate::domain::custom_field::CustomField],
    a: &CustomerListArgs,
) -> Result<Vec<(CustomerFacts, crate::domain::customer::Missing)>, Error> {
    let grade = a
        .grade
        .as_deref()
        .map(|g| Grade::parse(FieldId::flag("--grade"), g))
        .transpose()?;
    let mut wheres = Vec::new();
    for w in &a.filters {
        let (name, value) = w
            .split_once('=')
            .map(|(n, v)| (n.trim(), v.trim()))
            .ok_or_else(|| Error::Invalid {
                field: FieldId::flag("--where"),
                value: w.clone(),
                rule: "rule.custom_assignment",
            })?;
        known(name, custom, "--where")?;
        wheres.push((name, value));
    }
    if let Some(s) = &a.sort {
        known(s, custom, "--sort")?;
    }
    let required = &ctx.policy.required;
    let mut rows: Vec<(CustomerFacts, crate::domain::customer::Missing)> = store
        .customer_facts()?
        .into_iter()
        .filter(|f| grade.is_none_or(|g| f.fields.grade == Some(g)))
        .filter(|f| a.kam.is_none() || f.fields.kam == a.kam)
        .filter(|f| {
            wheres
                .iter()
                .all(|(n, v)| f.value(n).as_deref().unwrap_or("") == *v)
        })
        .map(|f| {
            let m = f.missing(required, custom);
            (f, m)
        })
        .filter(|(_, m)| !a.incomplete || m.counts().0 < m.counts().1)
        .collect();
    if let Some(s) = &a.sort {
        rows.sort_by(|(x, mx), (y, my)| {
            let o = if s == "completeness" {
                let share = |m: &crate::domain::customer::Missing| {
                    let (f, t) = m.counts();
                    f as f64 / t.max(1) as f64
                };
                share(mx).total_cmp(&share(my))
            } else if s == "code" {
                x.code.cmp(&y.code)
            } else {
                let (vx, vy) = (x.value(s), y.value(s));
                let o = compare_values(vx.as_deref(), vy.as_deref());
                // Files without a value stay last either way.
                return if a.desc && vx.is_some() && vy.is_some() {
                    o.reverse()
                } else {
                    o
                };
            };
            if a.desc {
                o.reverse()
            } else {
                o
            }
        });
    }
    Ok(rows)
}

/// The list filtered and sorted by any field, with each file's completeness.
pub fn list(ctx: &Ctx, a: &CustomerListArgs) -> anyhow::Result<()> {
    let store = ctx.read()?;
    let custom = store.custom_fields()?;
    let rows = select(ctx, &store, &custom, a)?;
    if ctx.json {
        let out: Vec<serde_json::Value> = rows
            .iter()
            .map(|(f, m)| {
                let (filled, total) = m.counts();
                serde_json::json!({
                    "code": f.code,
                    "name": f.fields.name,
                    "short_name": f.fields.short_name,
                    "grade": f.fields.grade.map(Grade::as_str),
                    "kam": f.fields.kam,
                    "custom": f.custom,
                    "completeness": {
                        "filled": filled,
                        "total": total,
                        "missing": missing_names(m, crate::i18n::Catalog::en()),
                    },
                })
            })
            .collect();
        return Ok(print_json(&out)?);
    }
    // The sorted-by field gets a column when it is not one of the usual ones.
    let extra = a
        .sort
        .as_deref()
        .filter(|s| !["code", "completeness", "short_name", "grade", "kam"].contains(s));
    let mut head = vec![
        ctx.t("col.code"),
        ctx.t("col.short_name"),
        ctx.t("col.grade"),
        ctx.t("col.kam"),
        ctx.t("field.completeness"),
    ];
    if let Some(s) = extra {
        head.push(column_label(ctx, s));
    }
    let mut t = Table::new(head);
    for (f, m) in &rows {
        let (filled, total) = m.counts();
        let mut row = vec![
            f.code.clone(),
            f.fields
                .short_name
                .clone()
                .unwrap_or_else(|| f.fields.name.clone()),
            f.fields
                .grade
                .map(|g| g.as_str().to_string())
                .unwrap_or_default(),
            f.fields.kam.clone().unwrap_or_default(),
            format!("{filled}/{total}"),
        ];
        if let Some(s) = extra {
            row.push(f.value(s).unwrap_or_default());
        }
        t.row(row);
    }
    print(&t.render())?;
    print(&ctx.cat.fmt("msg.count", &[("n", &rows.len().to_string())]))?;
    print("\n")?;
    Ok(())
}

/// A field's column heading: its label when declared, else its own (custom) name.
fn column_label(ctx: &Ctx, name: &str) -> String {
    use crate::domain::customer::CustomerFields;
    match CustomerFields::spec(name) {
        Some(spec) => ctx.t(&spec.label_key()),
        None => name.to_string(),
    }
}

/// Files nobody confirmed within `days`, oldest first, with what each lacks.
pub fn check(ctx: &Ctx, days: u32) -> anyhow::Result<()> {
    let store = ctx.read()?;
    let custom = store.custom_fields()?;
    let mut due: Vec<(CustomerFacts, String)> = store
        .customer_facts()?
        .into_iter()
        .filter_map(|f| {
            let last = f
                .confirmed_at
                .clone()
                .unwrap_or_else(|| f.created_at.clone());
            check_due(crate::store::time(&last), ctx.now, days).then_some((f, last))
        })
        .collect();
    due.sort_by(|a, b| a.1.cmp(&b.1).then_with(|| a.0.code.cmp(&b.0.code)));
    if ctx.json {
        let out: Vec<serde_json::Value> = due
            .iter()
            .map(|(f, _)| {
                let m = f.missing(&ctx.policy.required, &custom);
                serde_json::json!({
                    "code": f.code,
                    "name": f.fields.name,
                    "kam": f.fields.kam,
                    "confirmed_at": f.confirmed_at.as_deref().map(|t| super::report::json_time(ctx, t)),
                    "missing": missing_names(&m, crate::i18n::Catalog::en()),
                })
            })
            .collect();
        return Ok(print_json(
            &serde_json::json!({ "days": days, "due": out }),
        )?);
    }
    let mut t = Table::new(vec![
        ctx.t("col.code"),
        ctx.t("col.short_name"),
        ctx.t("col.kam"),
        ctx.t("col.confirmed"),
        ctx.t("col.missing"),
    ]);
    for (f, _) in &due {
        let m = f.missing(&ctx.policy.required, &custom);
        t.row(vec![
            f.code.clone(),
            f.fields
                .short_name
                .clone()
                .unwrap_or_else(|| f.fields.name.clone()),
            f.fields.kam.clone().unwrap_or_default(),
            f.confirmed_at
                .as_deref()
                .map(|t| crate::readmodel::history::stamp(t, ctx.tz))
                .unwrap_or_else(|| "–".into()),
            missing_names(&m, ctx.cat).join(", "),
        ]);
    }
    print(&t.render())?;
    print(&ctx.cat.fmt(
        "customer.check_due",
        &[("n", &due.len().to_string()), ("days", &days.to_string())],
    ))?;
    print("\n")?;
    Ok(())
}

/// Marks a file's data confirmed now.
pub fn confirm(ctx: &Ctx, code: &str) -> anyhow::Result<()> {
    ctx.open()?.write(|tx| tx.confirm_customer(code))?;
    if ctx.json {
        print_json(&serde_json::json!({ "code": code }))?;
    } else {
        print(&format!("{code}\n"))?;
    }
    Ok(())
}
