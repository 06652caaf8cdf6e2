//! `kefu contact add|edit|remove`: a customer's contacts, named by their name.

use clap::Subcommand;

use super::fields::{Changes, FieldArgs};
use super::output::print;
use super::Ctx;
use crate::domain::customer::Contact;
use crate::domain::fields::Record;

/// `kefu contact ...`.
#[derive(Debug, Subcommand)]
pub enum ContactCmd {
    /// Add a contact to a customer's file
    Add {
        /// Customer code
        customer: String,
        /// The contact's fields, one flag each
        #[command(flatten)]
        fields: FieldArgs<Contact>,
    },
    /// Change a contact: each flag given replaces its field ("" clears it)
    Edit {
        /// Customer code
        customer: String,
        /// The contact's current name
        contact: String,
        /// The fields to change
        #[command(flatten)]
        fields: Changes<Contact>,
    },
    /// Remove a contact from the file (complaints and answers that name them keep it)
    Remove {
        /// Customer code
        customer: String,
        /// The contact's name
        contact: String,
    },
}

/// Runs a contact subcommand.
pub fn run(ctx: &Ctx, cmd: &ContactCmd) -> anyhow::Result<()> {
    let mut store = ctx.open()?;
    let (customer, name) = match cmd {
        ContactCmd::Add { customer, fields } => {
            let mut c = Contact::default();
            fields.apply(&mut c, ctx.tz)?;
            c.fill_defaults(ctx.now).map_err(super::flag_error)?;
            c.validate(ctx.tz).map_err(super::flag_error)?;
            store.add_contact(customer, &c)?;
            (customer, c.name)
        }
        ContactCmd::Edit {
            customer,
            contact,
            fields,
        } => {
            let file = store.customer(customer)?;
            let mut c = file
                .contacts
                .iter()
                .find(|c| c.name.eq_ignore_ascii_case(contact.trim()))
                .cloned()
                .unwrap_or_default();
            fields.0.apply(&mut c, ctx.tz)?;
            // An unknown contact is reported by the store, naming the customer and contact.
            store.update_contact(customer, contact, &c)?;
            (customer, c.name)
        }
        ContactCmd::Remove { customer, contact } => {
            store.remove_contact(customer, contact)?;
            (customer, contact.trim().to_string())
        }
    };
    if ctx.json {
        super::output::print_json(&serde_json::json!({ "customer": customer, "contact": name }))?;
    } else {
        print(&format!("{customer} {name}\n"))?;
    }
    Ok(())
}
