//! `kefu nps campaign open|show|send|remind|decline|print`: a quarter's NPS campaign.

use std::collections::BTreeMap;

use clap::Subcommand;

use super::fields::choice;
use super::output::{print, print_json, Table};
use super::Ctx;
use crate::domain::campaign::{ContactStatus, SendHow};
use crate::domain::customer::Language;
use crate::domain::period::Period;
use crate::error::Error;
use crate::field_id::FieldId;
use crate::i18n::Lang;
use crate::store::campaigns::CampaignContact;

/// Who in a campaign a command is about.
#[derive(Debug, clap::Args)]
pub struct Whom {
    /// Customer code
    #[arg(long)]
    pub customer: String,
    /// The contact's name
    #[arg(long)]
    pub contact: String,
    /// The campaign's quarter, as 2026-Q4 [default: this quarter]
    #[arg(long)]
    pub quarter: Option<String>,
}

/// `kefu nps campaign ...`.
#[derive(Debug, Subcommand)]
pub enum CampaignCmd {
    /// Open a quarter's campaign (managers): every NPS contact on file, pending
    Open {
        /// The quarter, as 2026-Q4
        quarter: String,
    },
    /// Where each contact of a campaign stands, with the counts
    Show {
        /// The quarter, as 2026-Q4 [default: this quarter]
        quarter: Option<String>,
        /// Only contacts in this state (pending, sent, reminded, answered, declined)
        #[arg(long)]
        status: Option<String>,
    },
    /// Record that the questionnaire went to a contact, and how
    Send {
        #[command(flatten)]
        whom: Whom,
        /// phone, email, wechat, line or paper (or its name: 微信, 纸质…)
        #[arg(long)]
        how: String,
        /// When [default: now]
        #[arg(long, value_name = "TIME")]
        at: Option<String>,
    },
    /// Remind a contact who has not answered, or every contact due a reminder (--due)
    Remind {
        /// Customer code
        #[arg(long, required_unless_present = "due")]
        customer: Option<String>,
        /// The contact's name
        #[arg(long, required_unless_present = "due")]
        contact: Option<String>,
        /// Remind everyone due: sent or reminded, not answered, under the maximum, the gap passed
        #[arg(long, conflicts_with_all = ["customer", "contact"])]
        due: bool,
        /// The campaign's quarter, as 2026-Q4 [default: this quarter]
        #[arg(long)]
        quarter: Option<String>,
        /// When [default: now]
        #[arg(long, value_name = "TIME")]
        at: Option<String>,
    },
    /// Record that a contact declined to answer, and why
    Decline {
        #[command(flatten)]
        whom: Whom,
        /// Why
        #[arg(long)]
        reason: String,
    },
    /// Write the questionnaire for paper or chat, each in the contact's language
    Print {
        /// The quarter, as 2026-Q4 [default: this quarter]
        quarter: Option<String>,
        /// Only this customer's contacts
        #[arg(long)]
        customer: Option<String>,
        /// Only this contact (with --customer)
        #[arg(long, requires = "customer")]
        contact: Option<String>,
        /// Write to this file instead of the screen
        #[arg(long, value_name = "FILE")]
        out: Option<std::path::PathBuf>,
    },
}

/// A quarter given for `flag`, or this one.
pub fn quarter(ctx: &Ctx, flag: &'static str, given: Option<&str>) -> anyhow::Result<Period> {
    let p = match given {
        Some(p) => Period::parse(FieldId::flag(flag), p)?,
        None => Period::quarter_of(ctx.now, ctx.tz),
    };
    match p {
        Period::Quarter(..) => Ok(p),
        other => Err(Error::Invalid {
            field: FieldId::flag(flag),
            value: other.to_string(),
            rule: "rule.quarter",
        }
        .into()),
    }
}

/// Runs `kefu nps campaign`.
pub fn run(ctx: &Ctx, cmd: &CampaignCmd) -> anyhow::Result<()> {
    let rules = &ctx.policy.nps;
    match cmd {
        CampaignCmd::Open { quarter: q } => {
            let q = quarter(ctx, "QUARTER", Some(q))?.to_string();
            let opened = ctx.open()?.write(|tx| tx.open_campaign(&q))?;
            if ctx.json {
                return Ok(print_json(&opened)?);
            }
            let n = |v: usize| v.to_string();
            let mut text = ctx.cat.fmt(
                "campaign.opened",
                &[
                    ("quarter", &q),
                    ("contacts", &n(opened.contacts)),
                    ("customers", &n(opened.customers)),
                ],
            );
            if !opened.without_contact.is_empty() {
                let shown: Vec<&str> = opened
                    .without_contact
                    .iter()
                    .take(10)
                    .map(String::as_str)
                    .collect();
                let more = opened.without_contact.len().saturating_sub(shown.len());
                text.push('\n');
                text.push_str(&ctx.cat.fmt(
                    "campaign.without_contact",
                    &[
                        ("n", &n(opened.without_contact.len())),
                        ("codes", &shown.join(", ")),
                    ],
                ));
                if more > 0 {
                    text.push_str(&ctx.cat.fmt("campaign.more", &[("n", &n(more))]));
                }
            }
            print(&format!("{text}\n"))?;
            Ok(())
        }
        CampaignCmd::Show { quarter: q, status } => {
            let q = quarter(ctx, "QUARTER", q.as_deref())?.to_string();
            let status = status
                .as_deref()
                .map(|s| choice(&ContactStatus::CHOICES, "--status", s, ContactStatus::parse))
                .transpose()?;
            let all = contacts(ctx, &q)?;
            show(ctx, &q, &all, status)
        }
        CampaignCmd::Send { whom, how, at } => {
            let how = choice(&SendHow::CHOICES, "--how", how, SendHow::parse)?;
            let at = ctx.time_or_now("--at", at.as_deref())?;
            let q = quarter(ctx, "--quarter", whom.quarter.as_deref())?.to_string();
            ctx.open()?
                .write(|tx| tx.campaign_send(&q, &whom.customer, &whom.contact, how, at))?;
            ctx.saved()
        }
        CampaignCmd::Remind {
            customer,
            contact,
            due,
            quarter: q,
            at,
        } => {
            let at = ctx.time_or_now("--at", at.as_deref())?;
            let q = quarter(ctx, "--quarter", q.as_deref())?.to_string();
            let mut store = ctx.open()?;
            match (customer, contact) {
                (Some(cu), Some(co)) if !due => {
                    store.write(|tx| tx.campaign_remind(&q, cu, co, at, rules))?;
                    ctx.saved()
                }
                _ => {
                    let n = store.write(|tx| tx.campaign_remind_due(&q, at, rules))?;
                    if ctx.json {
                        return Ok(print_json(&serde_json::json!({ "reminded": n }))?);
                    }
                    print(&format!(
                        "{}\n",
                        ctx.cat.fmt("campaign.reminded", &[("n", &n.to_string())])
                    ))?;
                    Ok(())
                }
            }
        }
        CampaignCmd::Decline { whom, reason } => {
            let q = quarter(ctx, "--quarter", whom.quarter.as_deref())?.to_string();
            ctx.open()?
                .write(|tx| tx.campaign_decline(&q, &whom.customer, &whom.contact, reason))?;
            ctx.saved()
        }
        CampaignCmd::Print {
            quarter: q,
            customer,
            contact,
            out,
        } => {
            let q = quarter(ctx, "QUARTER", q.as_deref())?.to_string();
            let chosen: Vec<CampaignContact> = contacts(ctx, &q)?
                .into_iter()
                .filter(|c| {
                    customer
                        .as_deref()
                        .is_none_or(|cu| c.customer.eq_ignore_ascii_case(cu))
                })
                .filter(|c| {
                    contact
                        .as_deref()
                        .is_none_or(|co| c.contact.to_lowercase() == co.trim().to_lowercase())
                })
                .filter(|c| {
                    matches!(
                        c.status,
                        ContactStatus::Pending | ContactStatus::Sent | ContactStatus::Reminded
                    )
                })
                .collect();
            if chosen.is_empty() {
                return Err(Error::NotFound {
                    kind: crate::kind::RecordKind::Contact,
                    key: [Some(q.as_str()), customer.as_deref(), contact.as_deref()]
                        .into_iter()
                        .flatten()
                        .collect::<Vec<_>>()
                        .join(" "),
                }
                .into());
            }
            let text = chosen
                .iter()
                .map(|c| crate::cli::nps_paper::questionnaire(&q, c))
                .collect::<Vec<_>>()
                .join("\u{c}\n");
            match out {
                Some(path) => {
                    std::fs::write(path, &text).map_err(|e| Error::CannotOpen {
                        path: path.clone(),
                        reason: e.to_string(),
                    })?;
                    print(&format!(
                        "{}\n",
                        ctx.cat.fmt(
                            "campaign.printed",
                            &[
                                ("n", &chosen.len().to_string()),
                                ("path", &path.display().to_string())
                            ]
                        )
                    ))?;
                }
                None => print(&text)?,
            }
            Ok(())
        }
    }
}

fn contacts(ctx: &Ctx, quarter: &str) -> anyhow::Result<Vec<CampaignContact>> {
    ctx.read()?.campaign_contacts(quarter)?.ok_or_else(|| {
        Error::NotFound {
            kind: crate::kind::RecordKind::Campaign,
            key: quarter.to_string(),
        }
        .into()
    })
}

/// Counts per state, every state present.
pub fn counts(all: &[CampaignContact]) -> BTreeMap<&'static str, usize> {
    let mut by: BTreeMap<&'static str, usize> =
        ContactStatus::ALL.iter().map(|s| (s.as_str(), 0)).collect();
    for c in all {
        *by.entry(c.status.as_str()).or_default() += 1;
    }
    by
}

fn show(
    ctx: &Ctx,
    quarter: &str,
    all: &[CampaignContact],
    only: Option<ContactStatus>,
) -> anyhow::Result<()> {
    let counts = counts(all);
    let answered = counts.get("answered").copied().unwrap_or(0);
    let rate =
        (!all.is_empty()).then(|| (1000.0 * answered as f64 / all.len() as f64).round() / 10.0);
    let shown: Vec<&CampaignContact> = all
        .iter()
        .filter(|c| only.is_none_or(|s| c.status == s))
        .collect();
    let local =
        |t: Option<chrono::DateTime<chrono::Utc>>| t.map(|t| t.with_timezone(&ctx.tz).to_rfc3339());
    if ctx.json {
        let rows: Vec<serde_json::Value> = shown
            .iter()
            .map(|c| {
                let mut v = serde_json::to_value(c).unwrap_or_default();
                v["sent_at"] = local(c.sent_at).into();
                v["reminded_at"] = local(c.reminded_at).into();
                v
            })
            .collect();
        return Ok(print_json(&serde_json::json!({
            "quarter": quarter, "contacts_total": all.len(), "counts": counts,
            "response_rate": rate, "contacts": rows,
        }))?);
    }
    let mut head = ctx.cat.fmt(
        "campaign.heading",
        &[("quarter", quarter), ("n", &all.len().to_string())],
    );
    for s in ContactStatus::ALL {
        head.push_str(&format!(
            "  {} {}",
            ctx.t(s.label_key()),
            counts.get(s.as_str()).copied().unwrap_or(0)
        ));
    }
    if let Some(r) = rate {
        head.push_str(&format!(
            "  · {}",
            ctx.cat
                .fmt("campaign.rate", &[("rate", &format!("{r:.1}"))])
        ));
    }
    let mut t = Table::new(
        [
            "col.customer",
            "col.name",
            "col.grade",
            "col.contact",
            "col.status",
            "col.how",
            "col.sent",
            "col.reminders",
            "col.score",
        ]
        .iter()
        .map(|k| ctx.t(k))
        .collect(),
    )
    .align_right(7)
    .align_right(8);
    let day = |t: Option<chrono::DateTime<chrono::Utc>>| {
        t.map(|t| t.with_timezone(&ctx.tz).format("%m-%d").to_string())
            .unwrap_or_default()
    };
    for c in shown {
        t.row(vec![
            c.customer.clone(),
            c.name.clone(),
            c.grade.map(|g| g.as_str().to_string()).unwrap_or_default(),
            c.contact.clone(),
            ctx.t(c.status.label_key()),
            c.sent_how.map(|h| ctx.t(h.label_key())).unwrap_or_default(),
            day(c.reminded_at.or(c.sent_at)),
            c.reminders.to_string(),
            c.score.map(|s| s.to_string()).unwrap_or_default(),
        ]);
    }
    print(&format!("{head}\n\n{}", t.render()))?;
    Ok(())
}

/// The catalog of a contact's language.
pub fn lang_of(l: Language) -> Lang {
    match l {
        Language::Zh => Lang::Zh,
        Language::En => Lang::En,
    }
}
