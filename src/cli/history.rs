//! The change history and stored times as the commands print them (text and JSON).

use super::output::Table;
use super::Ctx;
use crate::store::history::Change;

/// The change history as a table.
pub fn history_table(ctx: &Ctx, history: &[Change]) -> String {
    let mut t = Table::new(vec![
        ctx.t("col.when"),
        ctx.t("col.who"),
        ctx.t("col.action"),
        ctx.t("col.field"),
        ctx.t("col.old"),
        ctx.t("col.new"),
    ]);
    for l in crate::readmodel::history::lines(history, ctx.cat, ctx.tz) {
        t.row(vec![l.when, l.who, l.action, l.field, l.old, l.new]);
    }
    t.render()
}

/// A stored UTC instant as RFC 3339 in the user's zone (unchanged if unreadable).
pub fn json_time(ctx: &Ctx, stored: &str) -> String {
    crate::domain::time::stored_rfc3339(stored, ctx.tz)
}

/// The change history for `--json`, times in the user's zone.
pub fn history_json(ctx: &Ctx, history: &[Change]) -> serde_json::Value {
    history
        .iter()
        .map(|c| {
            serde_json::json!({
                "at": json_time(ctx, &c.at), "actor": c.actor, "entity": c.entity,
                "entity_key": c.entity_key, "action": c.action, "field": c.field,
                "old": c.old, "new": c.new,
                "event_at": c.event_at.as_deref().map(|e| json_time(ctx, e)),
            })
        })
        .collect()
}
