//! A record's change history as people read it: local times, the action in words, and
//! stored times among the values shown in local time too.

use chrono_tz::Tz;

use crate::domain::time::{from_store, local};
use crate::i18n::Catalog;
use crate::store::history::Change;

/// One change as display text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChangeLine {
    /// When, local.
    pub when: String,
    /// Who.
    pub who: String,
    /// The action in words (`changed`, `修改`).
    pub action: String,
    /// The field, if one.
    pub field: String,
    /// The value before.
    pub old: String,
    /// The value after.
    pub new: String,
}

/// A stored instant in `tz`'s local time; any other text as it is.
pub fn stamp(s: &str, tz: Tz) -> String {
    from_store(s)
        .map(|t| local(t, tz))
        .unwrap_or_else(|| s.to_string())
}

/// The changes, oldest first, as display text.
pub fn lines(history: &[Change], cat: &Catalog, tz: Tz) -> Vec<ChangeLine> {
    history
        .iter()
        .map(|c| ChangeLine {
            when: stamp(&c.at, tz),
            who: c.actor.clone(),
            action: cat.get(&format!("action.{}", c.action)).to_string(),
            field: c.field.clone().unwrap_or_default(),
            old: c.old.as_deref().map(|v| stamp(v, tz)).unwrap_or_default(),
            new: c.new.as_deref().map(|v| stamp(v, tz)).unwrap_or_default(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::time::DEFAULT_TZ;
    use crate::i18n::Lang;

    #[test]
    fn times_read_local_and_actions_in_words() {
        let c = Change {
            at: "2026-11-23T02:00:00Z".into(),
            actor: "li.na".into(),
            entity: "suggestion".into(),
            entity_key: "JY-2026-00001".into(),
            action: "update".into(),
            field: Some("responded".into()),
            old: None,
            new: Some("2026-11-21T02:00:00Z".into()),
            event_at: None,
        };
        let l = &lines(&[c], Lang::Zh.catalog(), DEFAULT_TZ)[0];
        assert_eq!(l.when, "2026-11-23 10:00");
        assert_eq!(
            l.new, "2026-11-21 10:00",
            "a stored time among the values reads local"
        );
        assert_eq!(l.action, Lang::Zh.catalog().get("action.update"));
        assert_eq!(l.old, "");
    }
}
