//! The judgements a customer file records: the strategic assessment (QEF-15-01) and the
//! inputs of grading by criteria (MJ-QP-12) that are not figures.

use crate::vocabulary;

vocabulary!(
    /// A three-step judgement: importance, renewal likelihood, expansion potential.
    Level, "level" { High = "high", Medium = "medium", Low = "low" }
);

vocabulary!(
    /// How the cooperation has gone.
    Cooperation, "cooperation" {
        Excellent = "excellent", Good = "good", Average = "average", Poor = "poor",
    }
);

vocabulary!(
    /// The customer's potential for more business.
    Potential, "potential" {
        Large = "large", FairlyLarge = "fairly_large", Average = "average", None = "none",
    }
);

vocabulary!(
    /// How the customer pays.
    Payment, "payment" {
        OnTime = "on_time", AfterReminders = "after_reminders",
        AfterChasing = "after_chasing", VeryPoor = "very_poor",
    }
);

vocabulary!(
    /// A yes-or-no fact of the file.
    YesNo, "yes_no" { Yes = "yes", No = "no" }
);
