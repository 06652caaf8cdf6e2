//! NPS campaigns: a quarter's NPS contacts and where each stands (pending, sent,
//! reminded, answered, declined).

use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension};
use serde::Serialize;

use super::{instant_at, Store, Tx};
use crate::domain::campaign::{
    check_decline, check_remind, check_send, reminder_blocked, ContactFacts, ContactStatus,
    NpsRules, SendHow,
};
use crate::domain::customer::{Grade, Language};
use crate::domain::time::to_store;
use crate::error::{Error, Result};
use crate::field_id::FieldId;
use crate::kind::RecordKind;

/// One NPS contact in a campaign.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CampaignContact {
    /// The customer's code.
    pub customer: String,
    /// The customer's name.
    pub name: String,
    /// The customer's grade now.
    pub grade: Option<Grade>,
    /// The contact's name.
    pub contact: String,
    /// The language their questionnaire is written in.
    pub language: Language,
    /// Where they stand.
    pub status: ContactStatus,
    /// How the questionnaire went.
    pub sent_how: Option<SendHow>,
    /// When it went.
    pub sent_at: Option<DateTime<Utc>>,
    /// Reminders sent.
    pub reminders: u32,
    /// When the last reminder went.
    pub reminded_at: Option<DateTime<Utc>>,
    /// Why they declined.
    pub declined: Option<String>,
    /// Their score this quarter, once answered.
    pub score: Option<u8>,
}

impl CampaignContact {
    /// What the reminder rule looks at.
    pub fn facts(&self) -> ContactFacts {
        ContactFacts {
            status: self.status,
            reminders: self.reminders,
            last_sent: self.reminded_at.or(self.sent_at),
        }
    }

    /// How the contact is named in messages: `C00042 王经理`.
    pub fn who(&self) -> String {
        format!("{} {}", self.customer, self.contact)
    }
}

/// What opening a campaign drew.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OpenedCampaign {
    /// The quarter.
    pub quarter: String,
    /// NPS contacts drawn.
    pub contacts: usize,
    /// Customers they belong to.
    pub customers: usize,
    /// Customers with no NPS contact on file (nobody to ask).
    pub without_contact: Vec<String>,
}

const SELECT: &str = "SELECT cc.customer, cu.name, cu.grade, co.name, co.language, cc.status,
    cc.sent_how, cc.sent_at, cc.reminders, cc.reminded_at, cc.declined,
    (SELECT n.score FROM nps_responses n WHERE n.contact_id = cc.contact_id
        AND n.quarter = cc.quarter ORDER BY n.id DESC LIMIT 1), cc.contact_id
    FROM nps_campaign_contacts cc JOIN customers cu ON cu.code = cc.customer
    JOIN contacts co ON co.id = cc.contact_id";

fn read(r: &rusqlite::Row) -> rusqlite::Result<CampaignContact> {
    let choice = |i: usize| r.get::<_, Option<String>>(i);
    Ok(CampaignContact {
        customer: r.get(0)?,
        name: r.get(1)?,
        grade: super::customers::grade_of(r.get(2)?),
        contact: r.get(3)?,
        language: choice(4)?
            .and_then(|l| Language::parse(FieldId::named("contact_language"), &l).ok())
            .unwrap_or(Language::Zh),
        status: ContactStatus::parse(FieldId::named("status"), &r.get::<_, String>(5)?)
            .unwrap_or(ContactStatus::Pending),
        sent_how: choice(6)?.and_then(|h| SendHow::parse(FieldId::named("how"), &h).ok()),
        sent_at: instant_at(r, 7)?,
        reminders: r.get(8)?,
        reminded_at: instant_at(r, 9)?,
        declined: r.get(10)?,
        score: r
            .get::<_, Option<i64>>(11)?
            .and_then(|s| u8::try_from(s).ok()),
    })
}

impl Tx<'_> {
    /// Opens `quarter`'s campaign (a manager): every NPS contact on file, pending.
    pub fn open_campaign(&self, quarter: &str) -> Result<OpenedCampaign> {
        self.require(
            self.actor(),
            crate::domain::permission::Permission::ManageSurveys,
        )?;
        if self.campaign_exists(quarter)? {
            return Err(Error::Duplicate {
                field: FieldId::flag("QUARTER"),
                value: quarter.to_string(),
            });
        }
        self.conn().execute(
            "INSERT INTO nps_campaigns (quarter, opened_at, opened_by) VALUES (?1, ?2, ?3)",
            params![quarter, self.at(), self.actor()],
        )?;
        let contacts = self.conn().execute(
            "INSERT INTO nps_campaign_contacts (quarter, customer, contact_id)
             SELECT ?1, cu.code, co.id FROM contacts co JOIN customers cu ON cu.id = co.customer_id
             WHERE co.nps = 'yes' AND co.removed_at IS NULL ORDER BY cu.code, co.id",
            [quarter],
        )?;
        let customers: usize = self.conn().query_row(
            "SELECT COUNT(DISTINCT customer) FROM nps_campaign_contacts WHERE quarter = ?1",
            [quarter],
            |r| r.get(0),
        )?;
        let mut stmt = self.conn().prepare(
            "SELECT code FROM customers cu WHERE NOT EXISTS (SELECT 1 FROM contacts co
             WHERE co.customer_id = cu.id AND co.nps = 'yes' AND co.removed_at IS NULL)
             ORDER BY code",
        )?;
        let without_contact = stmt
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<Vec<String>>>()?;
        let opened = OpenedCampaign {
            quarter: quarter.to_string(),
            contacts,
            customers,
            without_contact,
        };
        let record = serde_json::json!({ "contacts": contacts, "customers": customers });
        self.record_insert("campaign", quarter, &record)?;
        Ok(opened)
    }

    fn campaign_exists(&self, quarter: &str) -> Result<bool> {
        Ok(self.conn().query_row(
            "SELECT EXISTS (SELECT 1 FROM nps_campaigns WHERE quarter = ?1)",
            [quarter],
            |r| r.get(0),
        )?)
    }

    /// One contact of a campaign, with its row id; named errors when there is none.
    fn campaign_contact(
        &self,
        quarter: &str,
        customer: &str,
        contact: &str,
    ) -> Result<(i64, CampaignContact)> {
        if !self.campaign_exists(quarter)? {
            return Err(Error::NotFound {
                kind: RecordKind::Campaign,
                key: quarter.to_string(),
            });
        }
        let customer_id = self.customer_id(customer)?;
        let (contact_id, _) = self.contact(customer_id, customer, contact)?;
        self.conn()
            .query_row(
                &format!("{SELECT} WHERE cc.quarter = ?1 AND cc.contact_id = ?2"),
                params![quarter, contact_id],
                |r| Ok((contact_id, read(r)?)),
            )
            .optional()?
            .ok_or_else(|| Error::NotFound {
                kind: RecordKind::Contact,
                key: format!("{quarter} {customer} {}", contact.trim()),
            })
    }

    fn set_status(
        &self,
        quarter: &str,
        contact_id: i64,
        who: &str,
        old: ContactStatus,
        new: ContactStatus,
    ) -> Result<()> {
        self.conn().execute(
            "UPDATE nps_campaign_contacts SET status = ?3 WHERE quarter = ?1 AND contact_id = ?2",
            params![quarter, contact_id, new.as_str()],
        )?;
        if old != new {
            self.record(
                "campaign",
                quarter,
                "update",
                Some(&format!("{who}.status")),
                Some(old.as_str()),
                Some(new.as_str()),
            )?;
        }
        Ok(())
    }

    /// Records that the questionnaire went to a contact, and how.
    pub fn campaign_send(
        &self,
        quarter: &str,
        customer: &str,
        contact: &str,
        how: SendHow,
        at: DateTime<Utc>,
    ) -> Result<()> {
        let _event = self.event_at(at);
        let (id, c) = self.campaign_contact(quarter, customer, contact)?;
        check_send(&c.who(), c.status)?;
        self.conn().execute(
            "UPDATE nps_campaign_contacts SET sent_how = ?3, sent_at = ?4
             WHERE quarter = ?1 AND contact_id = ?2",
            params![quarter, id, how.as_str(), to_store(at)],
        )?;
        let new = match c.status {
            ContactStatus::Pending => ContactStatus::Sent,
            other => other,
        };
        self.set_status(quarter, id, &c.who(), c.status, new)?;
        self.record(
            "campaign",
            quarter,
            "update",
            Some(&format!("{}.sent_how", c.who())),
            None,
            Some(how.as_str()),
        )
    }

    /// Records a reminder to a contact who has not answered, within the rules.
    pub fn campaign_remind(
        &self,
        quarter: &str,
        customer: &str,
        contact: &str,
        at: DateTime<Utc>,
        rules: &NpsRules,
    ) -> Result<()> {
        let _event = self.event_at(at);
        let (id, c) = self.campaign_contact(quarter, customer, contact)?;
        check_remind(&c.who(), &c.facts(), at, rules)?;
        self.remind(quarter, id, &c, at)
    }

    fn remind(
        &self,
        quarter: &str,
        contact_id: i64,
        c: &CampaignContact,
        at: DateTime<Utc>,
    ) -> Result<()> {
        self.conn().execute(
            "UPDATE nps_campaign_contacts SET reminders = reminders + 1, reminded_at = ?3
             WHERE quarter = ?1 AND contact_id = ?2",
            params![quarter, contact_id, to_store(at)],
        )?;
        self.set_status(
            quarter,
            contact_id,
            &c.who(),
            c.status,
            ContactStatus::Reminded,
        )?;
        let n = (c.reminders + 1).to_string();
        self.record(
            "campaign",
            quarter,
            "update",
            Some(&format!("{}.reminders", c.who())),
            Some(&c.reminders.to_string()),
            Some(&n),
        )
    }

    /// Reminds every contact of the campaign a reminder is due to; how many.
    pub fn campaign_remind_due(
        &self,
        quarter: &str,
        at: DateTime<Utc>,
        rules: &NpsRules,
    ) -> Result<usize> {
        let _event = self.event_at(at);
        let due: Vec<(i64, CampaignContact)> = {
            let mut stmt = self.conn().prepare(&format!(
                "{SELECT} WHERE cc.quarter = ?1 AND cc.status IN ('sent', 'reminded')"
            ))?;
            let rows = stmt.query_map([quarter], |r| Ok((r.get::<_, i64>(12)?, read(r)?)))?;
            rows.collect::<rusqlite::Result<Vec<_>>>()?
                .into_iter()
                .filter(|(_, c)| reminder_blocked(&c.facts(), at, rules).is_none())
                .collect()
        };
        for (id, c) in &due {
            self.remind(quarter, *id, c, at)?;
        }
        Ok(due.len())
    }

    /// Records that a contact declined to answer, and why.
    pub fn campaign_decline(
        &self,
        quarter: &str,
        customer: &str,
        contact: &str,
        reason: &str,
    ) -> Result<()> {
        crate::domain::capa::required_text(FieldId::flag("--reason"), reason)?;
        let (id, c) = self.campaign_contact(quarter, customer, contact)?;
        check_decline(&c.who(), c.status)?;
        self.conn().execute(
            "UPDATE nps_campaign_contacts SET declined = ?3 WHERE quarter = ?1 AND contact_id = ?2",
            params![quarter, id, reason.trim()],
        )?;
        self.set_status(quarter, id, &c.who(), c.status, ContactStatus::Declined)?;
        self.record(
            "campaign",
            quarter,
            "update",
            Some(&format!("{}.declined", c.who())),
            c.declined.as_deref(),
            Some(reason.trim()),
        )
    }

    /// Marks a contact answered in the campaign of `quarter`, if they are in one.
    pub(super) fn campaign_answered(
        &self,
        quarter: &str,
        contact_id: i64,
        who: &str,
    ) -> Result<()> {
        let old: Option<String> = self
            .conn()
            .query_row(
                "SELECT status FROM nps_campaign_contacts WHERE quarter = ?1 AND contact_id = ?2",
                params![quarter, contact_id],
                |r| r.get(0),
            )
            .optional()?;
        let Some(old) = old.and_then(|s| ContactStatus::parse(FieldId::named("status"), &s).ok())
        else {
            return Ok(());
        };
        self.set_status(quarter, contact_id, who, old, ContactStatus::Answered)
    }
}

impl Store {
    /// The contacts of `quarter`'s campaign by customer and contact; None when the
    /// campaign was never opened.
    pub fn campaign_contacts(&self, quarter: &str) -> Result<Option<Vec<CampaignContact>>> {
        let opened: bool = self.conn().query_row(
            "SELECT EXISTS (SELECT 1 FROM nps_campaigns WHERE quarter = ?1)",
            [quarter],
            |r| r.get(0),
        )?;
        if !opened {
            return Ok(None);
        }
        let mut stmt = self.conn().prepare(&format!(
            "{SELECT} WHERE cc.quarter = ?1 ORDER BY cc.customer, co.name"
        ))?;
        let rows = stmt.query_map([quarter], read)?;
        Ok(Some(rows.collect::<rusqlite::Result<_>>()?))
    }

    /// The quarters that have a campaign, newest first.
    pub fn campaign_quarters(&self) -> Result<Vec<String>> {
        let mut stmt = self
            .conn()
            .prepare("SELECT quarter FROM nps_campaigns ORDER BY quarter DESC")?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
