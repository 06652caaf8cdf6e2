//! Plain types and rules of customer service: no I/O, `now` is always an argument.

pub mod assessment;
pub mod audit;
pub mod calendar;
pub mod campaign;
pub mod capa;
pub mod care;
pub mod complaint;
pub mod custom_field;
pub mod customer;
pub mod customer_row;
pub mod enums;
pub mod fields;
pub mod followup;
pub mod grading;
pub mod improvement;
pub mod inquiry;
pub mod intake;
pub mod knowhow;
pub mod kpi;
pub mod lead;
pub mod meeting;
pub mod nps;
pub mod period;
pub mod permission;
pub mod questionnaire;
pub mod returns;
pub mod sampling;
pub mod sla;
pub mod staff;
pub mod stats;
pub mod suggestion;
pub mod survey_answer;
pub mod survey_report;
pub mod time;
pub mod waits;
pub mod workflow;

use fields::Record;

/// Every declared record, as (table, fields): the one list the schema checks walk.
pub const RECORDS: &[(&str, &[fields::FieldSpec])] = &[
    (
        customer::CustomerFields::TABLE,
        customer::CustomerFields::FIELDS,
    ),
    (customer::Contact::TABLE, customer::Contact::FIELDS),
    (knowhow::KnowHow::TABLE, knowhow::KnowHow::FIELDS),
    (lead::Lead::TABLE, lead::Lead::FIELDS),
    (inquiry::Inquiry::TABLE, inquiry::Inquiry::FIELDS),
    (
        inquiry::InquiryAnswer::TABLE,
        inquiry::InquiryAnswer::FIELDS,
    ),
    (
        intake::ComplaintIntake::TABLE,
        intake::ComplaintIntake::FIELDS,
    ),
];
