//! What is written down when a complaint comes in (QEF-15-05), declared once.

use crate::domain::complaint::{Category, Channel, Severity};
use crate::domain::fields::{FieldKind, FieldSpec};

crate::record!(
    /// The intake fields of a complaint, as a form or the CLI takes them.
    ComplaintIntake in "complaints" {
        /// Customer code.
        customer: Option<String> => FieldSpec::of(FieldKind::Customer).required().column("customer_id"),
        /// Short title.
        title: Option<String> => FieldSpec::text(100).required(),
        /// How serious.
        severity: Option<Severity> => FieldSpec::of(FieldKind::Choice(Severity::CHOICES)).required(),
        /// What it is about.
        category: Option<Category> => FieldSpec::of(FieldKind::Choice(Category::CHOICES)).required(),
        /// How it arrived.
        channel: Option<Channel> => FieldSpec::of(FieldKind::Choice(Channel::CHOICES)).required(),
        /// When it arrived.
        received: Option<String> => FieldSpec::of(FieldKind::Time).required().column("received_at"),
        /// The customer's reply deadline.
        reply_by: Option<String> => FieldSpec::of(FieldKind::Time),
        /// Owner (staff username).
        owner: Option<String> => FieldSpec::of(FieldKind::Staff),
        /// Product concerned.
        product: Option<String> => FieldSpec::text(60),
        /// Batch concerned.
        batch: Option<String> => FieldSpec::text(40),
        /// Quantity affected.
        quantity: Option<i64> => FieldSpec::of(FieldKind::Number { min: 0, max: 1_000_000_000 }),
        /// Longer description.
        description: Option<String> => FieldSpec::of(FieldKind::Note { max: 2000 }),
    }
);
