//! Read models: a record as a person sees it, built once and shown by the CLI's text,
//! its JSON and the workbench alike.

pub mod capa;
pub mod care;
pub mod complaint;
pub mod customer_file;
pub mod fields;
pub mod history;
pub mod improvement;
pub mod meeting;
pub mod suggestion;
pub mod todo;
