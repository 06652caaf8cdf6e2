//! Shipments, inquiries and the figures the KPI table is computed from.

use chrono::{DateTime, Utc};
use rusqlite::params;

use super::{opt_time, time, Store, Tx};
use crate::domain::kpi::{KpiInputs, Response};
use crate::domain::period::Period;
use crate::domain::time::to_store;
use crate::error::Result;

impl Tx<'_> {
    /// Sets the orders shipped in a month (`YYYY-MM`).
    pub fn set_shipments(&self, month: &str, orders: i64) -> Result<()> {
        let month = crate::domain::kpi::check_shipments(month, orders)?;
        let month = month.as_str();
        let old: Option<i64> = self
            .conn()
            .query_row(
                "SELECT orders FROM shipments WHERE month = ?1",
                [month],
                |r| r.get(0),
            )
            .ok();
        self.conn().execute(
            "INSERT INTO shipments (month, orders) VALUES (?1, ?2)
             ON CONFLICT (month) DO UPDATE SET orders = excluded.orders",
            params![month, orders],
        )?;
        let (action, old) = match old {
            Some(o) => ("update", Some(o.to_string())),
            None => ("insert", None),
        };
        self.record(
            "shipments",
            month,
            action,
            Some("orders"),
            old.as_deref(),
            Some(&orders.to_string()),
        )
    }
}

impl Store {
    /// Orders shipped over the months of a period; None when no month of it was recorded.
    pub fn orders_shipped(&self, period: Period) -> Result<Option<i64>> {
        let months = period.months();
        let (first, last) = (months.first().cloned(), months.last().cloned());
        Ok(self.conn().query_row(
            "SELECT SUM(orders) FROM shipments WHERE month >= ?1 AND month <= ?2",
            params![first, last],
            |r| r.get(0),
        )?)
    }

    /// Everything the KPI table needs: monthly figures over `period`, NPS over `nps_period`.
    pub fn kpi_inputs(
        &self,
        period: Period,
        nps_period: Period,
        required: &crate::domain::customer::Required,
    ) -> Result<KpiInputs> {
        let tz = self.tz();
        let (from, to) = period.range(tz);
        let complaints = self.responses(
            "SELECT received_at, acknowledged_at FROM complaints WHERE received_at >= ?1 AND received_at < ?2",
            from,
            to,
        )?;
        let inquiries = self.responses(
            "SELECT received_at, answered_at FROM inquiries WHERE received_at >= ?1 AND received_at < ?2",
            from,
            to,
        )?;
        let (nps_from, nps_to) = nps_period.range(tz);
        let (nps_all, nps_grade_a) = self.nps_tallies(nps_from, nps_to)?;
        Ok(KpiInputs {
            complaints,
            orders_shipped: self.orders_shipped(period)?,
            inquiries,
            nps_all,
            nps_grade_a,
            completeness: self.completeness_totals(required)?,
            knowhow_leaks: self.knowhow_leaks(period.widen_to_year())?,
        })
    }

    fn responses(
        &self,
        sql: &str,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<Vec<Response>> {
        let mut stmt = self.conn().prepare_cached(sql)?;
        let rows = stmt.query_map(params![to_store(from), to_store(to)], |r| {
            Ok(Response {
                received_at: time(&r.get::<_, String>(0)?),
                answered_at: opt_time(r.get(1)?),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
