//! What the workbench asks for when a complaint's file is filled in after intake: its
//! details, a reopening, a CAPA and its check, a return and its approval. Declared once:
//! each form, its labels and its checks come from these fields.

use crate::domain::capa::{Disposition, Verdict};
use crate::domain::complaint::Responsibility;
use crate::domain::fields::{FieldKind, FieldSpec};
use crate::vocabulary;

vocabulary!(
    /// Whether quality has confirmed a return.
    Confirmed, "confirmed" { No = "no", Yes = "yes" }
);

crate::record!(
    /// A complaint's details found while it is worked on (`complaint set`).
    ComplaintDetails in "complaints" {
        /// Whose fault it is.
        responsibility: Option<Responsibility> => FieldSpec::of(FieldKind::Choice(Responsibility::CHOICES)),
        /// Root cause.
        root_cause: Option<String> => FieldSpec::of(FieldKind::Note { max: 500 }),
        /// The customer's contact for this complaint.
        contact: Option<String> => FieldSpec::text(60),
        /// Product concerned.
        product: Option<String> => FieldSpec::text(60),
        /// Batch concerned.
        batch: Option<String> => FieldSpec::text(40),
        /// Quantity affected.
        quantity: Option<i64> => FieldSpec::of(FieldKind::Number { min: 0, max: 1_000_000_000 }),
    }
);

crate::record!(
    /// Reopening a finished complaint (`complaint reopen`).
    Reopening in "complaints" {
        /// Why it is reopened (kept with the step).
        note: Option<String> => FieldSpec::of(FieldKind::Note { max: 1000 }).required().labelled("field.reopen_reason"),
        /// The customer's new reply-by (blank: the report clock restarts at its target).
        reply_by: Option<String> => FieldSpec::of(FieldKind::Time),
    }
);

crate::record!(
    /// A CAPA raised on a complaint (`capa add`).
    CapaIntake in "capas" {
        /// Root cause.
        root_cause: Option<String> => FieldSpec::of(FieldKind::Note { max: 500 }).required(),
        /// Corrective action.
        corrective: Option<String> => FieldSpec::of(FieldKind::Note { max: 1000 }).required(),
        /// Preventive action.
        preventive: Option<String> => FieldSpec::of(FieldKind::Note { max: 1000 }).required(),
        /// Who carries it out.
        owner: Option<String> => FieldSpec::of(FieldKind::Staff).required(),
        /// Due date.
        due: Option<String> => FieldSpec::of(FieldKind::Date).required(),
    }
);

crate::record!(
    /// A CAPA's effectiveness check (`capa verify`).
    CapaCheck in "capas" {
        /// Which CAPA (its number in the list).
        capa: Option<i64> => FieldSpec::of(FieldKind::Number { min: 1, max: i64::MAX }).required().labelled("field.capa_id"),
        /// Effective or not.
        verdict: Option<Verdict> => FieldSpec::of(FieldKind::Choice(Verdict::CHOICES)).required(),
        /// Why an already verified CAPA is checked again (needed only then).
        reopen: Option<String> => FieldSpec::of(FieldKind::Note { max: 500 }),
    }
);

crate::record!(
    /// A return registered on a complaint (`return add`).
    ReturnIntake in "returns" {
        /// Quantity returned.
        quantity: Option<i64> => FieldSpec::of(FieldKind::Number { min: 1, max: 1_000_000_000 }).required().labelled("field.return_quantity"),
        /// What happens to the goods.
        disposition: Option<Disposition> => FieldSpec::of(FieldKind::Choice(Disposition::CHOICES)).required(),
        /// Quality has confirmed it (as you).
        qa_confirmed: Option<Confirmed> => FieldSpec::of(FieldKind::Choice(Confirmed::CHOICES)).required().defaults_to("no"),
        /// The replacement order.
        replacement_order: Option<String> => FieldSpec::text(40),
        /// The replacement's value, RMB.
        value: Option<String> => FieldSpec::of(FieldKind::Money).labelled("field.replacement_value"),
    }
);

crate::record!(
    /// Which return a step is for (`return approve|ship`).
    ReturnPick in "returns" {
        /// Which return (its number in the list).
        ret: Option<i64> => FieldSpec::of(FieldKind::Number { min: 1, max: i64::MAX }).required().labelled("field.return_id"),
    }
);
