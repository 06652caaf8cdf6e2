//! `kefu meeting`: the daily SLA check-in meeting, opened full screen (and recorded as
//! held), or its agenda printed for e-mail or chat.

use chrono_tz::Tz;
use serde::Serialize;

use super::output::{print, print_json, Table};
use super::Ctx;
use crate::domain::meeting::Section;
use crate::domain::time::{local, rfc3339};
use crate::readmodel::meeting::{heading, load, Agenda, ChangeLine, Item, OwnerLine};
use crate::report::{clock_label, remaining_label};

/// `kefu meeting` options.
#[derive(Debug, clap::Args)]
pub struct MeetingArgs {
    /// Print the agenda (text, or JSON with --json) instead of opening the meeting view
    #[arg(long)]
    pub print: bool,
    /// The meeting's time, to preview a future meeting [default: now]
    #[arg(long, value_name = "TIME")]
    pub at: Option<String>,
}

/// Whether `kefu meeting` prints rather than opening the view.
pub fn prints(ctx: &Ctx, a: &MeetingArgs) -> bool {
    a.print || ctx.json || a.at.is_some()
}

/// `kefu meeting --print [--json] [--at TIME]`: nothing is recorded.
pub fn print_agenda(ctx: &Ctx, a: &MeetingArgs) -> anyhow::Result<()> {
    let at = ctx.time_or_now("--at", a.at.as_deref())?;
    let store = ctx.read()?;
    let agenda = load(&store, &ctx.policy, at)?;
    if ctx.json {
        print_json(&AgendaJson::new(&agenda, ctx.tz))?;
        return Ok(());
    }
    print(&text(ctx, &agenda))?;
    Ok(())
}

/// The agenda as plain text that lines up in both languages.
fn text(ctx: &Ctx, a: &Agenda) -> String {
    let mut out = heading(a, a.at, ctx.cat, ctx.tz);
    out.push('\n');
    for (section, items) in &a.sections {
        out.push('\n');
        out.push_str(&section_title(ctx, *section, items.len()));
        out.push('\n');
        if items.is_empty() {
            out.push_str(&format!("  {}\n", ctx.t("meeting.none")));
        } else {
            out.push_str(&items_table(ctx, items));
        }
    }
    out.push('\n');
    out.push_str(&ctx.t("meeting.owners"));
    out.push('\n');
    out.push_str(&owners_table(ctx, &a.owners));
    out.push('\n');
    match a.last_meeting {
        Some(last) => {
            out.push_str(&ctx.cat.fmt(
                "meeting.changes",
                &[
                    ("last", &local(last, ctx.tz)),
                    ("n", &a.changes.len().to_string()),
                ],
            ));
            out.push('\n');
            if a.changes.is_empty() {
                out.push_str(&format!("  {}\n", ctx.t("meeting.none")));
            } else {
                out.push_str(&changes_table(ctx, &a.changes));
            }
        }
        None => {
            out.push_str(&ctx.t("meeting.first"));
            out.push('\n');
        }
    }
    out
}

/// `Breached (3)`.
fn section_title(ctx: &Ctx, s: Section, n: usize) -> String {
    format!("{} ({n})", ctx.t(s.label_key()))
}

fn owner_name(ctx: &Ctx, o: &Option<String>) -> String {
    o.clone().unwrap_or_else(|| ctx.t("meeting.unassigned"))
}

fn items_table(ctx: &Ctx, items: &[Item]) -> String {
    let headers = [
        "col.number",
        "col.customer",
        "col.title",
        "col.owner",
        "col.step",
        "col.clock",
        "col.due",
        "col.remaining",
    ];
    let mut t = Table::new(headers.iter().map(|h| ctx.t(h)).collect()).align_right(7);
    for i in items {
        t.row(vec![
            if i.escalated {
                format!("{} ▲", i.record)
            } else {
                i.record.clone()
            },
            i.customer_name.clone(),
            i.title.clone(),
            owner_name(ctx, &i.owner),
            ctx.t(i.step.label_key()),
            clock_label(ctx.cat, &i.clock).to_string(),
            local(i.due, ctx.tz),
            remaining_label(ctx.cat, i.remaining_s),
        ]);
    }
    t.render()
}

fn owners_table(ctx: &Ctx, owners: &[OwnerLine]) -> String {
    let headers = [
        "col.owner",
        "col.open_complaints",
        "meeting.col_breached",
        "meeting.col_due_today",
    ];
    let mut t = Table::new(headers.iter().map(|h| ctx.t(h)).collect())
        .align_right(1)
        .align_right(2)
        .align_right(3);
    for o in owners {
        t.row(vec![
            owner_name(ctx, &o.owner),
            o.open.to_string(),
            o.breached.to_string(),
            o.due_today.to_string(),
        ]);
    }
    t.render()
}

fn changes_table(ctx: &Ctx, changes: &[ChangeLine]) -> String {
    let headers = [
        "col.change",
        "col.number",
        "col.customer",
        "col.title",
        "col.owner",
        "col.step",
        "col.when",
    ];
    let mut t = Table::new(headers.iter().map(|h| ctx.t(h)).collect());
    for c in changes {
        t.row(vec![
            ctx.t(c.change.label_key()),
            c.record.clone(),
            c.customer_name.clone(),
            c.title.clone(),
            owner_name(ctx, &c.owner),
            ctx.t(c.step.label_key()),
            local(c.at, ctx.tz),
        ]);
    }
    t.render()
}

/// The agenda as JSON: sections of `kefu sla --json`-shaped entries plus title and owner.
#[derive(Serialize)]
struct AgendaJson {
    at: String,
    next_meeting: Option<String>,
    last_meeting: Option<String>,
    sections: serde_json::Map<String, serde_json::Value>,
    owners: Vec<OwnerLine>,
    changes: Vec<ChangeJson>,
}

/// One agenda item as JSON: a `kefu sla --json` entry plus title and owner.
#[derive(Serialize)]
struct ItemJson<'a> {
    #[serde(flatten)]
    entry: super::sla_json::SlaJson<'a>,
    title: &'a str,
    owner: Option<&'a str>,
}

/// One change as JSON.
#[derive(Serialize)]
struct ChangeJson {
    change: crate::domain::meeting::Change,
    at: String,
    record: String,
    customer_name: String,
    title: String,
    owner: Option<String>,
    step: crate::domain::complaint::Step,
}

impl AgendaJson {
    fn new(a: &Agenda, tz: Tz) -> AgendaJson {
        let item = |i: &Item| {
            serde_json::to_value(ItemJson {
                entry: super::sla_json::SlaJson {
                    record: &i.record,
                    kind: "complaint",
                    customer: &i.customer,
                    customer_name: &i.customer_name,
                    severity: Some(i.severity),
                    step: Some(i.step),
                    clock: &i.clock,
                    due: rfc3339(i.due, tz),
                    remaining_s: i.remaining_s,
                    state: i.state,
                    escalated: i.escalated,
                },
                title: &i.title,
                owner: i.owner.as_deref(),
            })
            .unwrap_or_default()
        };
        AgendaJson {
            at: rfc3339(a.at, tz),
            next_meeting: a.next_meeting.map(|t| rfc3339(t, tz)),
            last_meeting: a.last_meeting.map(|t| rfc3339(t, tz)),
            sections: a
                .sections
                .iter()
                .map(|(s, items)| {
                    let list = items.iter().map(item).collect();
                    (s.as_str().to_string(), serde_json::Value::Array(list))
                })
                .collect(),
            owners: a.owners.clone(),
            changes: a
                .changes
                .iter()
                .map(|c| ChangeJson {
                    change: c.change,
                    at: rfc3339(c.at, tz),
                    record: c.record.clone(),
                    customer_name: c.customer_name.clone(),
                    title: c.title.clone(),
                    owner: c.owner.clone(),
                    step: c.step,
                })
                .collect(),
        }
    }
}
