//! The NPS questionnaire (QEF-15-03) as text for paper or a chat message, in the
//! contact's language.

use crate::store::campaigns::CampaignContact;

/// One contact's questionnaire for `quarter`.
pub fn questionnaire(quarter: &str, c: &CampaignContact) -> String {
    let cat = super::nps_campaign::lang_of(c.language).catalog();
    let boxes: String = (0..=10).map(|n| format!("{n} □  ")).collect();
    let mut out = String::new();
    for line in [
        cat.fmt("paper.title", &[("quarter", quarter)]),
        String::new(),
        cat.fmt(
            "paper.to",
            &[
                ("name", &c.name),
                ("contact", &c.contact),
                ("customer", &c.customer),
            ],
        ),
        String::new(),
        cat.get("paper.question").to_string(),
        String::new(),
        boxes.trim_end().to_string(),
        cat.get("paper.scale").to_string(),
        String::new(),
        cat.get("paper.why").to_string(),
        "____________________________________________________________".to_string(),
        "____________________________________________________________".to_string(),
        String::new(),
        cat.get("paper.sign").to_string(),
        String::new(),
        cat.get("paper.thanks").to_string(),
    ] {
        out.push_str(&line);
        out.push('\n');
    }
    out
}
