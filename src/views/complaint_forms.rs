//! The forms that fill in a complaint's file from the workbench: its details, a reopening,
//! a CAPA and its check, a return, its approval and shipping. Each is a record form over
//! the fields `domain::followup` declares, saved through the same store calls as the CLI.

use crate::app::record_form::{value_of, FormLoad, RecordForm, Values};
use crate::app::App;
use crate::domain::capa::{Disposition, Verdict};
use crate::domain::fields::Record;
use crate::domain::followup::{
    CapaCheck, CapaIntake, ComplaintDetails, Reopening, ReturnIntake, ReturnPick,
};
use crate::domain::time::parse_time;
use crate::field_id::FieldId;
use crate::kind::RecordKind;
use crate::store::capa::NewCapa;
use crate::store::returns::NewReturn;
use crate::store::workflow::{Details, Move};

fn title(app: &App, key: &str, what: &str) -> String {
    app.cat.fmt(key, &[("number", what)])
}

/// The details form, starting at what the store holds.
pub fn details(app: &App, number: &str) -> FormLoad {
    let (cat, number) = (app.cat, number.to_string());
    FormLoad::new(move |s| {
        let d = s.complaint(&number)?;
        let n = number.clone();
        let form = RecordForm::new(
            cat.fmt("ui.details_form", &[("number", &number)]),
            ComplaintDetails::FIELDS,
            RecordKind::Complaint,
            move |s, v| {
                // A blank field is stored blank: clearing one is an edit too.
                let text = |name| Some(value_of(v, name).unwrap_or_default());
                let d = Details {
                    responsibility: value_of(v, "responsibility"),
                    root_cause: text("root_cause"),
                    contact: text("contact"),
                    product: text("product"),
                    batch: text("batch"),
                    quantity: text("quantity"),
                };
                s.write(|tx| tx.set_details(&n, &d))?;
                Ok(n.clone())
            },
        )
        .with_value(
            "responsibility",
            Some(d.responsibility.as_str().to_string()),
        )
        .with_value("root_cause", d.root_cause)
        .with_value("contact", d.contact)
        .with_value("product", d.product)
        .with_value("batch", d.batch)
        .with_value("quantity", d.quantity.map(|q| q.to_string()));
        Ok(form)
    })
}

/// The reopening form: why, and the customer's new reply-by.
pub fn reopen(app: &App, number: &str) -> RecordForm {
    let (n, tz) = (number.to_string(), app.tz);
    RecordForm::new(
        title(app, "ui.reopen_form", number),
        Reopening::FIELDS,
        RecordKind::Complaint,
        move |s, v| {
            let reply_by = value_of(v, "reply_by")
                .map(|t| parse_time(FieldId::named("reply_by"), &t, tz))
                .transpose()?;
            let m = Move {
                note: value_of(v, "note"),
                reply_by,
                ..Move::default()
            };
            let now = s.now();
            s.move_complaint(&n, crate::domain::complaint::Step::Received, now, &m)?;
            Ok(n.clone())
        },
    )
}

/// The form raising a CAPA, due in 30 days by default.
pub fn add_capa(app: &App, number: &str) -> RecordForm {
    let n = number.to_string();
    let due = (app.now + chrono::Duration::days(30))
        .with_timezone(&app.tz)
        .date_naive()
        .to_string();
    RecordForm::new(
        title(app, "ui.capa_form", number),
        CapaIntake::FIELDS,
        RecordKind::Capa,
        move |s, v| {
            let text = |name| value_of(v, name).unwrap_or_default();
            let c = NewCapa {
                root_cause: text("root_cause"),
                corrective: text("corrective"),
                preventive: text("preventive"),
                owner: text("owner"),
                due_date: text("due"),
            };
            s.write(|tx| tx.add_capa(&n, &c))?;
            Ok(n.clone())
        },
    )
    .with_value("due", Some(due))
    .with_value("owner", Some(app.store.actor().to_string()))
}

/// The effectiveness check of CAPA `id` (the reason is needed to check a verified one again).
pub fn verify_capa(app: &App, id: Option<i64>) -> RecordForm {
    RecordForm::new(
        app.t("ui.verify_form").to_string(),
        CapaCheck::FIELDS,
        RecordKind::Capa,
        move |s, v| {
            let id = whole(v, "capa")?;
            let verdict = Verdict::parse(
                FieldId::named("verdict"),
                &value_of(v, "verdict").unwrap_or_default(),
            )?;
            let reopen = value_of(v, "reopen");
            let (now, by) = (s.now(), s.actor().to_string());
            s.write(|tx| tx.verify_capa(id, verdict, now, &by, reopen.as_deref()))?;
            Ok(id.to_string())
        },
    )
    .with_value("capa", id.map(|i| i.to_string()))
}

/// The form registering a return on a complaint.
pub fn add_return(app: &App, number: &str) -> RecordForm {
    let n = number.to_string();
    RecordForm::new(
        title(app, "ui.return_form", number),
        ReturnIntake::FIELDS,
        RecordKind::Return,
        move |s, v| {
            let r = NewReturn {
                quantity: whole(v, "quantity")?,
                disposition: Disposition::parse(
                    FieldId::named("disposition"),
                    &value_of(v, "disposition").unwrap_or_default(),
                )?,
                qa_confirmed: value_of(v, "qa_confirmed").as_deref() == Some("yes"),
                replacement_order: value_of(v, "replacement_order"),
                value: match value_of(v, "value") {
                    Some(t) => t.parse().map_err(|_| crate::error::Error::Invalid {
                        field: FieldId::named("value"),
                        value: t.clone(),
                        rule: "rule.money",
                    })?,
                    None => 0.0,
                },
            };
            let by = s.actor().to_string();
            let id = s.write(|tx| tx.add_return(&n, &r, &by))?;
            Ok(id.to_string())
        },
    )
    .with_defaults(app.now, app.tz)
}

/// Approving (`ship` false) or shipping a return's replacement.
pub fn return_step(app: &App, id: Option<i64>, ship: bool) -> RecordForm {
    let threshold = app.policy.approval_threshold;
    let key = if ship {
        "ui.ship_form"
    } else {
        "ui.approve_form"
    };
    RecordForm::new(
        app.t(key).to_string(),
        ReturnPick::FIELDS,
        RecordKind::Return,
        move |s, v| {
            let id = whole(v, "ret")?;
            let (now, by) = (s.now(), s.actor().to_string());
            if ship {
                s.write(|tx| tx.ship_return(id, now, threshold))?;
            } else {
                s.write(|tx| tx.approve_return(id, now, &by))?;
            }
            Ok(id.to_string())
        },
    )
    .with_value("ret", id.map(|i| i.to_string()))
}

/// A whole-number field of a saved form (the form has checked it).
fn whole(v: &Values, name: &'static str) -> crate::error::Result<i64> {
    let t = value_of(v, name).unwrap_or_default();
    t.parse().map_err(|_| crate::error::Error::Invalid {
        field: FieldId::named(name),
        value: t.clone(),
        rule: "rule.whole_number",
    })
}
