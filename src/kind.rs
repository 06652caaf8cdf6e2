//! The kinds of record kefu keeps: named in errors ("no customer 'C00042'") and in what a
//! workbench write touched. A leaf module, so the domain, the errors and the app can all
//! name a kind without importing each other.

/// A kind of record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RecordKind {
    /// A customer's file.
    Customer,
    /// A contact person at a customer.
    Contact,
    /// A complaint, with its steps.
    Complaint,
    /// A corrective and preventive action.
    Capa,
    /// A return (RMA).
    Return,
    /// An NPS answer.
    NpsAnswer,
    /// A member of staff.
    Staff,
    /// An inquiry.
    Inquiry,
    /// A month's orders shipped.
    Shipments,
    /// A suggestion.
    Suggestion,
    /// An entry of the know-how register.
    Knowhow,
    /// A custom field of the customer file.
    CustomField,
    /// A product on a customer's file.
    Product,
    /// A lead (a company that may become a customer).
    Lead,
    /// A visit or call logged for a customer.
    CareLog,
    /// A quarter's NPS campaign.
    Campaign,
    /// An improvement case opened by a low NPS score.
    ImprovementCase,
    /// A customer's answer to a satisfaction survey round.
    SurveyAnswer,
}

impl RecordKind {
    /// The catalog key of the kind's name (`kind.customer`).
    pub fn label_key(self) -> &'static str {
        match self {
            RecordKind::Customer => "kind.customer",
            RecordKind::Contact => "kind.contact",
            RecordKind::Complaint => "kind.complaint",
            RecordKind::Capa => "kind.capa",
            RecordKind::Return => "kind.return",
            RecordKind::NpsAnswer => "kind.nps_answer",
            RecordKind::Staff => "kind.staff",
            RecordKind::Inquiry => "kind.inquiry",
            RecordKind::Shipments => "kind.shipments",
            RecordKind::Suggestion => "kind.suggestion",
            RecordKind::Knowhow => "kind.knowhow",
            RecordKind::CustomField => "kind.custom_field",
            RecordKind::Product => "kind.product",
            RecordKind::Lead => "kind.lead",
            RecordKind::CareLog => "kind.care_log",
            RecordKind::Campaign => "kind.campaign",
            RecordKind::ImprovementCase => "kind.improvement_case",
            RecordKind::SurveyAnswer => "kind.survey_answer",
        }
    }
}
