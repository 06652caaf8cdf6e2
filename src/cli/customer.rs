//! `kefu customer add|list|show|edit` (import, template and export in their own modules).

use super::args::{CustomerAddArgs, CustomerCmd, CustomerEditArgs, FileExtras};
use super::output::{fields, print, print_json, print_json_streamed, Table};
use super::report::{history_json, json_time};
use super::Ctx;
use crate::domain::customer::{Contact, ContactRole, CustomerFields, Grade};
use crate::domain::fields::Record;
use crate::error::Error;
use crate::field_id::FieldId;
use crate::store::customers::CustomerFilter;

/// Runs a customer subcommand.
pub fn run(ctx: &Ctx, cmd: &CustomerCmd) -> anyhow::Result<()> {
    match cmd {
        CustomerCmd::Add(a) => add(ctx, a),
        CustomerCmd::List(a) if super::customer_query::wanted(a) => {
            super::customer_query::list(ctx, a)
        }
        CustomerCmd::List(a) => list(ctx, a.grade.as_deref(), a.kam.as_deref()),
        CustomerCmd::Check { days } => super::customer_query::check(ctx, *days),
        CustomerCmd::Confirm { code } => super::customer_query::confirm(ctx, code),
        CustomerCmd::Show { code } => show(ctx, code),
        CustomerCmd::Edit(a) => edit(ctx, a),
        CustomerCmd::Field(c) => super::customer_field::run(ctx, c),
        CustomerCmd::Import(a) => super::customer_import::import(ctx, a),
        CustomerCmd::Template { out } => super::customer_sheet::template(ctx, out),
        CustomerCmd::Export(a) => super::customer_sheet::export(ctx, a),
    }
}

/// Writes the custom values and products given on the command line to the file `code`.
fn apply_extras(tx: &crate::store::Tx, code: &str, extras: &FileExtras) -> Result<(), Error> {
    for a in &extras.custom {
        let (name, value) = crate::domain::custom_field::split_assignment(a)?;
        tx.set_custom(code, name, value)?;
    }
    for p in &extras.products {
        let (name, spec) = match p.split_once('=') {
            Some((n, s)) => (n, Some(s)),
            None => (p.as_str(), None),
        };
        tx.set_product(code, name, spec)?;
    }
    Ok(())
}

fn edit(ctx: &Ctx, a: &CustomerEditArgs) -> anyhow::Result<()> {
    let mut store = ctx.open()?;
    let file = store.customer(&a.code)?;
    let mut f = file.fields.clone();
    a.fields.0.apply(&mut f, ctx.tz)?;
    f.validate(ctx.tz).map_err(super::flag_error)?;
    let before = store.history_count()?;
    store.write(|tx| {
        tx.update_customer(&a.code, file.version, &f, a.basis.as_deref())?;
        apply_extras(tx, &a.code, &a.extras)?;
        for p in &a.drop_products {
            tx.drop_product(&a.code, p)?;
        }
        Ok(())
    })?;
    // What changed is what the history gained.
    let history = store.customer_history(&a.code)?;
    let fresh = usize::try_from(store.history_count()? - before).unwrap_or(0);
    let changed: Vec<String> = history
        .iter()
        .rev()
        .take(fresh)
        .rev()
        .filter_map(|h| h.field.clone())
        .collect();
    if ctx.json {
        print_json(&serde_json::json!({ "code": a.code, "changed": changed }))?;
    } else if changed.is_empty() {
        print(&format!("{}\n", ctx.t("msg.nothing_changed")))?;
    } else {
        let names: Vec<String> = changed
            .iter()
            .map(|f| match f.split_once('.') {
                Some((_, name)) => name.to_string(),
                None => ctx.t(&format!("field.{f}")),
            })
            .collect();
        print(&format!("{} {}\n", a.code, names.join(", ")))?;
    }
    Ok(())
}

fn add(ctx: &Ctx, a: &CustomerAddArgs) -> anyhow::Result<()> {
    let mut f = CustomerFields::default();
    a.fields.apply(&mut f, ctx.tz)?;
    f.validate(ctx.tz)?;
    let contacts = a
        .contacts
        .iter()
        .map(|c| parse_contact(c, ctx.tz))
        .collect::<Result<Vec<_>, _>>()?;
    let mut store = ctx.open()?;
    // The file, its custom values and products are written together or not at all.
    let code = store.write(|tx| {
        let code = tx.add_customer(a.code.as_deref(), &f, &contacts)?;
        apply_extras(tx, &code, &a.extras)?;
        Ok(code)
    })?;
    if ctx.json {
        print_json(&serde_json::json!({ "code": code }))?;
    } else {
        print(&format!("{code}\n"))?;
    }
    Ok(())
}

/// Reads `NAME[,ROLE[,PHONE[,EMAIL[,WECHAT[,LINE]]]]]` and checks it against the contact's declaration;
/// an error names the `--contact` flag, the one place its parts came from.
fn parse_contact(s: &str, tz: chrono_tz::Tz) -> Result<Contact, Error> {
    let mut parts = s.split([',', '，']).map(str::trim);
    let name = parts.next().unwrap_or_default().to_string();
    if name.is_empty() {
        return Err(Error::Required {
            field: FieldId::flag("--contact"),
        });
    }
    let role = parts
        .next()
        .filter(|r| !r.is_empty())
        .map(
            |r| match super::fields::choice_code(&ContactRole::CHOICES, r) {
                Some(code) => ContactRole::parse(FieldId::flag("--contact"), code),
                None => ContactRole::parse(FieldId::flag("--contact"), r),
            },
        )
        .transpose()?;
    let opt = |p: Option<&str>| p.filter(|v| !v.is_empty()).map(str::to_string);
    let c = Contact {
        name,
        role,
        phone: opt(parts.next()),
        email: opt(parts.next()),
        wechat: opt(parts.next()),
        line: opt(parts.next()),
        ..Default::default()
    };
    // Nothing typed is dropped: a seventh part is a mistake, not something to ignore.
    if let Some(extra) = parts.next() {
        return Err(Error::Invalid {
            field: FieldId::flag("--contact"),
            value: extra.to_string(),
            rule: "rule.contact_parts",
        });
    }
    c.validate(tz)
        .map_err(|e| e.naming(|_| FieldId::flag("--contact")))?;
    Ok(c)
}

fn list(ctx: &Ctx, grade: Option<&str>, kam: Option<&str>) -> anyhow::Result<()> {
    let filter = CustomerFilter {
        grade: grade
            .map(|g| Grade::parse(FieldId::flag("--grade"), g))
            .transpose()?,
        kam: kam.map(str::to_string),
        ..Default::default()
    };
    let store = ctx.read()?;
    if ctx.json {
        // Rows go out as the query yields them: no list, no string of the whole answer.
        let listing = Listing {
            store: &store,
            filter: &filter,
            failed: std::cell::RefCell::new(None),
        };
        print_json_streamed(&listing)?;
        return match listing.failed.into_inner() {
            Some(e) => Err(e.into()),
            None => Ok(()),
        };
    }
    let rows = store.list_customers(&filter)?;
    let h = |k: &str| ctx.t(k);
    let mut t = Table::new(vec![
        h("col.code"),
        h("col.short_name"),
        h("col.grade"),
        h("col.kam"),
        h("col.city"),
        h("col.open_complaints"),
        h("col.last_nps"),
    ])
    .align_right(5)
    .align_right(6);
    for r in &rows {
        t.row(vec![
            r.code.clone(),
            r.short_name.clone().unwrap_or_else(|| r.name.clone()),
            r.grade.map(|g| g.as_str().to_string()).unwrap_or_default(),
            r.kam.clone().unwrap_or_default(),
            r.city.clone().unwrap_or_default(),
            r.open_complaints.to_string(),
            r.last_nps.map(|s| s.to_string()).unwrap_or_default(),
        ]);
    }
    print(&t.render())?;
    print(&ctx.cat.fmt("msg.count", &[("n", &rows.len().to_string())]))?;
    print("\n")?;
    Ok(())
}

fn show(ctx: &Ctx, code: &str) -> anyhow::Result<()> {
    let store = ctx.read()?;
    let file = store.customer(code)?;
    let history = store.customer_history(code)?;
    if ctx.json {
        let mut customer = serde_json::to_value(&file)?;
        customer["created_at"] = json_time(ctx, &file.created_at).into();
        customer["updated_at"] = json_time(ctx, &file.updated_at).into();
        for (i, g) in file.grade_history.iter().enumerate() {
            customer["grade_history"][i]["changed_at"] = json_time(ctx, &g.changed_at).into();
        }
        let cases: Vec<_> = store
            .improvement_cases(false, Some(&file.code))?
            .iter()
            .map(|c| super::improvement::case_json(ctx, c))
            .collect();
        print_json(&serde_json::json!({
            "customer": customer, "improvement_cases": cases,
            "history": history_json(ctx, &history),
        }))?;
        return Ok(());
    }
    use crate::readmodel::customer_file as model;
    let mut pairs: Vec<(String, String)> =
        model::field_lines(&file, &ctx.policy.required, ctx.cat, ctx.tz)
            .into_iter()
            .map(|l| (l.label, l.value))
            .collect();
    pairs.push((
        ctx.t("field.updated_at"),
        crate::readmodel::history::stamp(&file.updated_at, ctx.tz),
    ));
    let mut out = fields(&pairs);
    out.push_str(&format!("\n{}\n", ctx.t("head.contacts")));
    let mut t = Table::new(model::CONTACT_COLUMNS.iter().map(|k| ctx.t(k)).collect());
    for row in model::contact_rows(&file, ctx.cat) {
        t.row(row.to_vec());
    }
    out.push_str(&t.render());
    if !file.products.is_empty() {
        out.push_str(&format!("\n{}\n", ctx.t("head.products")));
        let mut t = Table::new(vec![ctx.t("col.product"), ctx.t("col.spec")]);
        for p in &file.products {
            t.row(vec![p.product.clone(), p.spec.clone().unwrap_or_default()]);
        }
        out.push_str(&t.render());
    }
    out.push_str(&format!("\n{}\n", ctx.t("head.grade_history")));
    let mut t = Table::new(model::GRADE_COLUMNS.iter().map(|k| ctx.t(k)).collect());
    for row in model::grade_rows(&file, ctx.cat, ctx.tz) {
        t.row(row.to_vec());
    }
    out.push_str(&t.render());
    let cases = store.improvement_cases(false, Some(&file.code))?;
    if !cases.is_empty() {
        out.push_str(&format!("\n{}\n", ctx.t("head.improvement_cases")));
        out.push_str(&super::improvement::table(ctx, &cases));
    }
    out.push_str(&format!("\n{}\n", ctx.t("head.history")));
    out.push_str(&super::report::history_table(ctx, &history));
    print(&out)?;
    Ok(())
}

/// The customer list as a JSON array, serialised while the query runs.
struct Listing<'a> {
    store: &'a crate::store::Store,
    filter: &'a CustomerFilter,
    /// A database error met while serialising (serde's error type cannot carry it).
    failed: std::cell::RefCell<Option<Error>>,
}

impl serde::Serialize for Listing<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::{Error as _, SerializeSeq};
        let mut seq = s.serialize_seq(None)?;
        let mut ser_error = None;
        let walked =
            self.store
                .each_customer(self.filter, |row| match seq.serialize_element(&row) {
                    Ok(()) => std::ops::ControlFlow::Continue(()),
                    Err(e) => {
                        ser_error = Some(e);
                        std::ops::ControlFlow::Break(())
                    }
                });
        if let Some(e) = ser_error {
            return Err(e);
        }
        if let Err(e) = walked {
            *self.failed.borrow_mut() = Some(e);
            return Err(S::Error::custom("the customer list could not be read"));
        }
        seq.end()
    }
}
