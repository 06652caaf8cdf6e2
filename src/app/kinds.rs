//! The kinds of record the workbench reloads by: a write says what it touched, a
//! component what it depends on.

/// The kinds of record a write touches and a component's data depends on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Record {
    /// Customer files.
    Customer,
    /// Complaints and their steps.
    Complaint,
    /// NPS answers.
    Nps,
    /// CAPAs.
    Capa,
    /// Suggestions.
    Suggestion,
}
