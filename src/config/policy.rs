//! The SLA policy a run uses: the standard clocks on China's working-time calendar (with
//! the user's holidays file), adjusted by the team's settings, which live in the database
//! (`kefu settings import FILE.toml`) so everyone sees the same clocks:
//!
//! ```toml
//! [sla]
//! escalate_after_days = 3
//! [sla.clocks.first_response]      # change a clock, or define a new one
//! hours = 2
//! time = "working"                 # or "calendar"
//! warn = "75%"                     # a share of the target, or a time before due: "1h", "30m"
//! pauses = false                   # stops while waiting on the customer?
//! [sla.clocks.follow_up]           # a new clock needs hours and what stops it
//! hours = 120
//! stops_at = "followed_up"         # a step, or "report"
//! [[sla.rules]]                    # per severity / category / grade; later rules win
//! severity = "urgent"
//! clock = "first_response"
//! hours = 1
//! [returns]
//! approval_threshold = 1000        # RMB; above it a manager approves the replacement
//! [grading]                        # customer grades (kefu grade propose); any key may go
//! revenue_a = 10.0                 # share of annual revenue (%) from which a customer is A
//! revenue_b = 5.0                  # ... B; below it C
//! one_off_months = 1               # bought in at most this many months of the year: D
//! sales_a = 300000                 # six months' sales (RMB) counting towards A, B, C
//! sales_b = 150000
//! sales_c = 100000
//! partner_a_months = 24            # time as a partner counting towards A, B, C
//! partner_b_months = 12
//! partner_c_months = 6
//! needed = 3                       # rules of a grade that must hold
//! [leads]                          # days between a lead's follow-ups, per intent
//! a_days = 7
//! b_days = 15
//! c_days = 30
//! [nps]                            # NPS campaigns and improvement cases
//! reminders = 2                    # at most, to those who have not answered
//! reminder_days = 7                # days at least between the questionnaire and reminders
//! visit_days = 14                  # a score below 7: the visit is held within
//! plan_days = 7                    # the improvement plan is agreed within, after the visit
//! tracking_days = 90               # the plan is tracked, then the verdict
//! [care.A]                         # visits and calls each grade is owed (config/care.rs)
//! manager_visit = "quarter"
//! [[survey.items]]                 # the satisfaction questionnaire (config/survey.rs)
//! name = "外观"
//! points = [10, 9, 6, 5, 1]
//! ```

use crate::field_id::FieldId;
use std::path::Path;

use chrono_tz::Tz;

use super::bad;
use crate::domain::complaint::{Category, Severity, Step};
use crate::domain::customer::Grade;
use crate::domain::sla::{Basis, ClockSpec, Rule, SlaPolicy, Stop, Warn};
use crate::error::Error;

/// The sections of the team's settings (kept in the database, the same for everyone).
pub const TEAM_SECTIONS: &[&str] = &[
    "sla", "kpi", "returns", "holidays", "customer", "grading", "leads", "care", "survey", "nps",
];

/// The policy for `tz` with the team's settings (TOML text kept in the database) on top;
/// `source` names them in problems, which come back to report.
pub fn load(tz: Tz, team: Option<&str>, source: &str) -> (SlaPolicy, Vec<Error>) {
    let mut policy = SlaPolicy::standard(super::holidays::china(tz, Default::default()));
    let problems = match team {
        Some(text) => apply_team(&mut policy, text, source),
        None => Vec::new(),
    };
    (policy, problems)
}

/// Applies team settings given as TOML text; every problem comes back, each naming its
/// place, and a key that is not a team setting is one of them.
pub fn apply_team(policy: &mut SlaPolicy, text: &str, source: &str) -> Vec<Error> {
    let table: toml::Table = match text.parse() {
        Ok(t) => t,
        Err(e) => {
            return vec![Error::Invalid {
                field: FieldId::Place(source.to_string()),
                value: e.message().to_string(),
                rule: "rule.toml",
            }]
        }
    };
    let mut problems = Vec::new();
    for (key, value) in &table {
        if !TEAM_SECTIONS.contains(&key.as_str()) {
            problems.push(bad(source, key, value, "rule.not_a_team_setting"));
        }
    }
    if let Some(c) = table.get("customer") {
        problems.extend(apply_required(policy, c, source));
    }
    if let Some(l) = table.get("leads") {
        match l.clone().try_into::<crate::domain::lead::Cadence>() {
            Ok(c) => policy.leads = c,
            Err(e) => problems.push(Error::Invalid {
                field: FieldId::Place(format!("{source} [leads]")),
                value: e.message().to_string(),
                rule: "rule.leads",
            }),
        }
    }
    if let Some(n) = table.get("nps") {
        match n.clone().try_into::<crate::domain::campaign::NpsRules>() {
            Ok(r) if r.reminder_days > 0 && r.tracking_days > 0 => policy.nps = r,
            Ok(_) => problems.push(bad(source, "nps]", n, "rule.nps_rules")),
            Err(e) => problems.push(Error::Invalid {
                field: FieldId::Place(format!("{source} [nps]")),
                value: e.message().to_string(),
                rule: "rule.nps_rules",
            }),
        }
    }
    if let Some(s) = table.get("survey") {
        problems.extend(super::survey::apply(
            &mut policy.survey,
            &mut policy.sampling,
            s,
            source,
        ));
    }
    if let Some(c) = table.get("care") {
        problems.extend(super::care::apply(&mut policy.care, c, source));
    }
    if let Some(g) = table.get("grading") {
        // Each key keeps its default unless given; an unknown key or a wrong type is named.
        match g.clone().try_into::<crate::domain::grading::GradeRules>() {
            Ok(rules) => policy.grading = rules,
            Err(e) => problems.push(Error::Invalid {
                field: FieldId::Place(format!("{source} [grading]")),
                value: e.message().to_string(),
                rule: "rule.grading",
            }),
        }
    }
    if let Some(h) = table.get("holidays") {
        let years = h
            .as_table()
            .ok_or_else(|| bad(source, "holidays]", h, "rule.year_table"))
            .and_then(|t| super::holidays::parse_table(t, source, "holidays."));
        match years {
            // Clocks already set keep their rules; only the calendar under them changes.
            Ok(years) => policy.calendar.years.extend(years),
            Err(e) => problems.push(e),
        }
    }
    if let Some(sla) = table.get("sla") {
        problems.extend(apply(policy, sla, source));
    }
    if let Some(kpi) = table.get("kpi") {
        problems.extend(super::kpi::apply(&mut policy.kpi, kpi, source));
    }
    if let Some(returns) = table.get("returns").and_then(toml::Value::as_table) {
        for (key, value) in returns {
            if key != "approval_threshold" {
                problems.push(bad(
                    source,
                    &format!("returns] {key}"),
                    value,
                    "rule.unknown_field",
                ));
            }
        }
    }
    if let Some(v) = table
        .get("returns")
        .and_then(|r| r.get("approval_threshold"))
    {
        match v
            .as_float()
            .or_else(|| v.as_integer().map(|i| i as f64))
            .filter(|x| x.is_finite() && *x >= 0.0)
        {
            Some(x) => policy.approval_threshold = x,
            None => problems.push(bad(
                source,
                "returns] approval_threshold",
                v,
                "rule.not_negative_number",
            )),
        }
    }
    problems
}

/// `[customer] required = ["name", "grade", ...]`: the fields a complete customer file
/// fills (declared customer fields; a contact always counts besides).
fn apply_required(policy: &mut SlaPolicy, section: &toml::Value, source: &str) -> Vec<Error> {
    use crate::domain::customer::{CustomerFields, Required};
    use crate::domain::fields::Record;
    let mut problems = Vec::new();
    let Some(table) = section.as_table() else {
        return vec![bad(source, "customer]", section, "rule.field_list")];
    };
    for (key, value) in table {
        if key != "required" {
            problems.push(bad(
                source,
                &format!("customer] {key}"),
                value,
                "rule.unknown_field",
            ));
        }
    }
    let Some(list) = table.get("required") else {
        return problems;
    };
    let Some(items) = list.as_array() else {
        problems.push(bad(source, "customer] required", list, "rule.field_list"));
        return problems;
    };
    let mut names = Vec::new();
    for item in items {
        match item.as_str().and_then(CustomerFields::spec) {
            Some(spec) => names.push(spec.name),
            None => problems.push(bad(source, "customer] required", item, "rule.field_list")),
        }
    }
    if problems.is_empty() {
        policy.required = Required(names);
    }
    problems
}

/// The team sections a personal config file still holds, and a personal holidays file:
/// neither is applied any more, so both are reported.
pub fn misplaced(config: Option<&Path>) -> Vec<String> {
    let table = config
        .filter(|p| p.exists())
        .and_then(|p| std::fs::read_to_string(p).ok())
        .and_then(|src| src.parse::<toml::Table>().ok())
        .unwrap_or_default();
    let file = config.map(|p| p.display().to_string()).unwrap_or_default();
    let mut found: Vec<String> = TEAM_SECTIONS
        .iter()
        .filter(|s| table.contains_key(**s))
        .map(|s| format!("{file} [{s}]"))
        .collect();
    if let Some(f) = super::holidays::user_file().filter(|f| f.exists()) {
        found.push(f.display().to_string());
    }
    found
}

/// The policy with the embedded calendar and no config (tests, previews).
pub fn builtin(tz: Tz) -> SlaPolicy {
    SlaPolicy::standard(super::holidays::china(tz, Default::default()))
}

/// Applies an `[sla]` table; each bad item is skipped and reported, the rest applies.
pub fn apply(policy: &mut SlaPolicy, sla: &toml::Value, file: &str) -> Vec<Error> {
    let mut errors = Vec::new();
    let Some(sla) = sla.as_table() else {
        return vec![bad(file, "sla", sla, "rule.sla_table")];
    };
    for (key, value) in sla {
        match key.as_str() {
            "escalate_after_days" => match value.as_integer().filter(|d| (1..=365).contains(d)) {
                Some(d) => policy.escalate_after_days = d,
                None => errors.push(bad(
                    file,
                    "sla] escalate_after_days",
                    value,
                    "rule.sla_days",
                )),
            },
            "clocks" => match value.as_table() {
                Some(clocks) => {
                    for (name, spec) in clocks {
                        if let Err(e) = apply_clock(policy, name, spec, file) {
                            errors.push(e);
                        }
                    }
                }
                None => errors.push(bad(file, "sla.clocks", value, "rule.sla_table")),
            },
            "rules" => match value.as_array() {
                Some(rules) => {
                    for (i, r) in rules.iter().enumerate() {
                        match rule(policy, r, file, i) {
                            Ok(rule) => policy.rules.push(rule),
                            Err(e) => errors.push(e),
                        }
                    }
                }
                None => errors.push(bad(file, "sla.rules", value, "rule.sla_rules")),
            },
            _ => errors.push(bad(file, &format!("sla] {key}"), value, "rule.sla_unknown")),
        }
    }
    errors
}

/// Target, basis, warning and pause settings shared by clocks and rules.
struct Settings {
    target_s: Option<i64>,
    basis: Option<Basis>,
    warn: Option<Warn>,
    pauses: Option<bool>,
}

fn settings(t: &toml::Table, file: &str, place: &str) -> Result<Settings, Error> {
    let target_s = match t.get("hours") {
        None => None,
        Some(v) => {
            let h = v.as_float().or_else(|| v.as_integer().map(|i| i as f64));
            match h.filter(|h| *h > 0.0 && *h <= 10_000.0) {
                Some(h) => Some((h * 3600.0).round() as i64),
                None => return Err(bad(file, &format!("{place}] hours"), v, "rule.sla_hours")),
            }
        }
    };
    let basis = match t.get("time") {
        None => None,
        Some(v) => Some(
            v.as_str()
                .and_then(|s| Basis::parse(FieldId::named("time"), s).ok())
                .ok_or_else(|| bad(file, &format!("{place}] time"), v, "rule.sla_time"))?,
        ),
    };
    let warn = match t.get("warn") {
        None => None,
        Some(v) => Some(
            v.as_str()
                .and_then(parse_warn)
                .ok_or_else(|| bad(file, &format!("{place}] warn"), v, "rule.sla_warn"))?,
        ),
    };
    let pauses = match t.get("pauses") {
        None => None,
        Some(v) => Some(
            v.as_bool()
                .ok_or_else(|| bad(file, &format!("{place}] pauses"), v, "rule.sla_bool"))?,
        ),
    };
    Ok(Settings {
        target_s,
        basis,
        warn,
        pauses,
    })
}

/// `75%` (a share of the target) or `2h`, `30m`, `1h30m` (before the due time).
pub fn parse_warn(s: &str) -> Option<Warn> {
    let s = s.trim();
    if let Some(p) = s.strip_suffix('%') {
        return p
            .trim()
            .parse::<f64>()
            .ok()
            .filter(|p| (0.0..=100.0).contains(p))
            .map(|p| Warn::Share(p / 100.0));
    }
    let (mut secs, mut num) = (0i64, String::new());
    for c in s.chars() {
        match c {
            '0'..='9' => num.push(c),
            'h' | 'm' if !num.is_empty() => {
                let n: i64 = num.parse().ok()?;
                secs += if c == 'h' { n * 3600 } else { n * 60 };
                num.clear();
            }
            _ => return None,
        }
    }
    (num.is_empty() && secs > 0).then_some(Warn::Before(secs))
}

fn apply_clock(
    policy: &mut SlaPolicy,
    name: &str,
    spec: &toml::Value,
    file: &str,
) -> Result<(), Error> {
    let place = format!("sla.clocks.{name}");
    let t = spec
        .as_table()
        .ok_or_else(|| bad(file, &place, spec, "rule.sla_table"))?;
    let s = settings(t, file, &place)?;
    let stop = match t.get("stops_at") {
        None => None,
        Some(v) => Some(
            v.as_str()
                .and_then(|x| match x {
                    "report" => Some(Stop::Report),
                    other => Step::parse(FieldId::named("stops_at"), other)
                        .ok()
                        .map(Stop::Step),
                })
                .ok_or_else(|| bad(file, &format!("{place}] stops_at"), v, "rule.sla_stop"))?,
        ),
    };
    let deadline = t.get("customer_deadline").and_then(toml::Value::as_bool);
    match policy.clocks.iter_mut().find(|c| &*c.name == name) {
        Some(c) => {
            c.target_s = s.target_s.unwrap_or(c.target_s);
            c.basis = s.basis.unwrap_or(c.basis);
            c.warn = s.warn.unwrap_or(c.warn);
            c.pauses = s.pauses.unwrap_or(c.pauses);
            c.stop = stop.unwrap_or(c.stop);
            c.customer_deadline = deadline.unwrap_or(c.customer_deadline);
        }
        None => {
            let (Some(target_s), Some(stop)) = (s.target_s, stop) else {
                return Err(bad(file, &place, spec, "rule.sla_new_clock"));
            };
            policy.clocks.push(ClockSpec {
                name: name.into(),
                stop,
                target_s,
                basis: s.basis.unwrap_or(Basis::Calendar),
                warn: s.warn.unwrap_or(Warn::Share(0.75)),
                pauses: s.pauses.unwrap_or(true),
                customer_deadline: deadline.unwrap_or(false),
            });
        }
    }
    Ok(())
}

fn rule(policy: &SlaPolicy, r: &toml::Value, file: &str, i: usize) -> Result<Rule, Error> {
    let place = format!("sla.rules #{}", i + 1);
    let t = r
        .as_table()
        .ok_or_else(|| bad(file, &place, r, "rule.sla_table"))?;
    let pick = |key: &str| t.get(key).map(|v| (v, v.as_str().unwrap_or_default()));
    let clock = match pick("clock") {
        Some((_, name)) if policy.clocks.iter().any(|c| &*c.name == name) => name.to_string(),
        Some((v, _)) => return Err(bad(file, &format!("{place}] clock"), v, "rule.sla_clock")),
        None => return Err(bad(file, &place, r, "rule.sla_clock")),
    };
    let parse = |key: &str| -> Result<Option<&str>, Error> { Ok(pick(key).map(|(_, s)| s)) };
    let wrong = |key: &str| {
        bad(
            file,
            &format!("{place}] {key}"),
            t.get(key).unwrap_or(r),
            "rule.sla_match",
        )
    };
    let severity = parse("severity")?
        .map(|s| Severity::parse(FieldId::named("severity"), s).map_err(|_| wrong("severity")))
        .transpose()?;
    let category = parse("category")?
        .map(|s| Category::parse(FieldId::named("category"), s).map_err(|_| wrong("category")))
        .transpose()?;
    let grade = parse("grade")?
        .map(|s| Grade::parse(FieldId::named("grade"), s).map_err(|_| wrong("grade")))
        .transpose()?;
    let s = settings(t, file, &place)?;
    Ok(Rule {
        severity,
        category,
        grade,
        clock,
        target_s: s.target_s,
        basis: s.basis,
        warn: s.warn,
        pauses: s.pauses,
    })
}

#[cfg(test)]
#[path = "policy_tests.rs"]
mod tests;
