//! `kefu grade propose|confirm` and `kefu sales set|list`: customer grades from sales and
//! the file, proposed by the tool and confirmed by a manager.

use clap::Subcommand;

use super::output::{print, print_json, Table};
use super::Ctx;
use crate::domain::customer::Grade;
use crate::domain::grading::Method;
use crate::error::Error;
use crate::field_id::FieldId;
use crate::store::grading::GradeRow;

/// `kefu grade ...`.
#[derive(Debug, Subcommand)]
pub enum GradeCmd {
    /// Each customer's proposed grade, with the rules that held, beside the current one
    Propose {
        /// revenue (share of the last 12 months' sales) or criteria (the six-monthly review)
        #[arg(long, default_value = "revenue")]
        method: String,
        /// Only customers whose proposal differs from their grade
        #[arg(long)]
        changes: bool,
    },
    /// Confirm a grade (managers): one customer, or every differing proposal
    Confirm {
        /// Customer code (not with --all-proposed)
        #[arg(required_unless_present = "all_proposed")]
        code: Option<String>,
        /// The grade: A, B, C or D (or its label)
        #[arg(required_unless_present = "all_proposed")]
        grade: Option<String>,
        /// Why: the review, the request, the figures
        #[arg(long)]
        basis: String,
        /// A raise on the customer's or sales' request, outside the rules
        #[arg(long, conflicts_with = "all_proposed")]
        special: bool,
        /// Confirm every proposal that differs from the current grade
        #[arg(long, conflicts_with_all = ["code", "grade"])]
        all_proposed: bool,
        /// The method whose proposals --all-proposed confirms
        #[arg(long, default_value = "revenue")]
        method: String,
    },
}

/// `kefu sales ...`.
#[derive(Debug, Subcommand)]
pub enum SalesCmd {
    /// Record a customer's sales for a month (RMB; replaces the month's figure)
    Set {
        /// Customer code
        code: String,
        /// The month, YYYY-MM
        month: String,
        /// Sales in RMB
        amount: String,
    },
    /// A customer's sales by month
    List {
        /// Customer code
        code: String,
    },
}

fn method(text: &str) -> Result<Method, Error> {
    let code = super::fields::choice_code(&Method::CHOICES, text).unwrap_or(text);
    Method::parse(FieldId::flag("--method"), code)
}

fn proposals(ctx: &Ctx, m: Method) -> anyhow::Result<Vec<GradeRow>> {
    let today = ctx.now.with_timezone(&ctx.tz).date_naive();
    Ok(ctx.read()?.grade_proposals(m, &ctx.policy.grading, today)?)
}

/// Runs a grade subcommand.
pub fn run(ctx: &Ctx, cmd: &GradeCmd) -> anyhow::Result<()> {
    match cmd {
        GradeCmd::Propose { method: m, changes } => {
            let m = method(m)?;
            let rows: Vec<GradeRow> = proposals(ctx, m)?
                .into_iter()
                .filter(|r| !changes || r.differs())
                .collect();
            if ctx.json {
                let out: Vec<serde_json::Value> = rows
                    .iter()
                    .map(|r| {
                        serde_json::json!({
                            "customer": r.code,
                            "name": r.name,
                            "current": r.current.map(Grade::as_str),
                            "proposed": r.proposal.grade.map(Grade::as_str),
                            "held": r.proposal.held,
                            "figure": (r.figure * 100.0).round() / 100.0,
                        })
                    })
                    .collect();
                return Ok(print_json(&serde_json::json!({
                    "method": m.as_str(),
                    "proposals": out,
                }))?);
            }
            let figure = match m {
                Method::Revenue => ctx.t("col.revenue_share"),
                Method::Criteria => ctx.t("col.sales_6m"),
            };
            let mut t = Table::new(vec![
                ctx.t("col.code"),
                ctx.t("field.name"),
                ctx.t("col.current"),
                ctx.t("col.proposed"),
                figure,
                ctx.t("col.held"),
            ]);
            for r in &rows {
                let held: Vec<String> = r
                    .proposal
                    .held
                    .iter()
                    .map(|h| ctx.t(&format!("held.{h}")))
                    .collect();
                let mark = if r.differs() { " ←" } else { "" };
                t.row(vec![
                    r.code.clone(),
                    r.name.clone(),
                    r.current
                        .map(|g| g.as_str().to_string())
                        .unwrap_or_default(),
                    r.proposal
                        .grade
                        .map(|g| format!("{}{mark}", g.as_str()))
                        .unwrap_or_else(|| "–".into()),
                    match m {
                        Method::Revenue => format!("{:.2}%", r.figure),
                        Method::Criteria => format!("{:.0}", r.figure),
                    },
                    held.join(", "),
                ]);
            }
            print(&t.render())?;
            let n = rows.iter().filter(|r| r.differs()).count();
            print(&ctx.cat.fmt("grade.differ", &[("n", &n.to_string())]))?;
            print("\n")?;
            Ok(())
        }
        GradeCmd::Confirm {
            code,
            grade,
            basis,
            special,
            all_proposed,
            method: m,
        } => {
            let mut store = ctx.open()?;
            let changed: Vec<(String, Grade)> = if *all_proposed {
                let m = method(m)?;
                let todo: Vec<(String, Grade)> = proposals(ctx, m)?
                    .into_iter()
                    .filter(GradeRow::differs)
                    .filter_map(|r| r.proposal.grade.map(|g| (r.code, g)))
                    .collect();
                // All of them or none: a refusal part-way writes nothing.
                store.write(|tx| {
                    for (c, g) in &todo {
                        tx.confirm_grade(c, *g, basis, Some(m), false)?;
                    }
                    Ok(())
                })?;
                todo
            } else {
                let (Some(c), Some(g)) = (code, grade) else {
                    return Err(Error::Required {
                        field: FieldId::flag("CODE"),
                    }
                    .into());
                };
                let gc = super::fields::choice_code(&Grade::CHOICES, g).unwrap_or(g);
                let g = Grade::parse(FieldId::flag("GRADE"), gc)?;
                let did = store.write(|tx| tx.confirm_grade(c, g, basis, None, *special))?;
                if did {
                    vec![(c.clone(), g)]
                } else {
                    vec![]
                }
            };
            if ctx.json {
                let out: Vec<serde_json::Value> = changed
                    .iter()
                    .map(|(c, g)| serde_json::json!({ "customer": c, "grade": g.as_str() }))
                    .collect();
                return Ok(print_json(&out)?);
            }
            for (c, g) in &changed {
                print(&format!("{c} {}\n", g.as_str()))?;
            }
            print(
                &ctx.cat
                    .fmt("grade.confirmed", &[("n", &changed.len().to_string())]),
            )?;
            print("\n")?;
            Ok(())
        }
    }
}

/// Runs a sales subcommand.
pub fn sales(ctx: &Ctx, cmd: &SalesCmd) -> anyhow::Result<()> {
    match cmd {
        SalesCmd::Set {
            code,
            month,
            amount,
        } => {
            let a = amount
                .trim()
                .replace(',', "")
                .parse::<f64>()
                .map_err(|_| Error::Invalid {
                    field: FieldId::flag("AMOUNT"),
                    value: amount.clone(),
                    rule: "rule.money",
                })?;
            ctx.open()?.write(|tx| tx.set_sales(code, month, a))?;
            print(&format!("{code} {}\n", month.trim()))?;
            Ok(())
        }
        SalesCmd::List { code } => {
            let store = ctx.read()?;
            // An unknown code is an error, not an empty list.
            store.customer(code)?;
            let rows = store.sales_of(code)?;
            if ctx.json {
                let out: Vec<serde_json::Value> = rows
                    .iter()
                    .map(|(m, a)| serde_json::json!({ "month": m, "amount": a }))
                    .collect();
                return Ok(print_json(&out)?);
            }
            let mut t = Table::new(vec![ctx.t("col.month"), ctx.t("col.amount")]).align_right(1);
            for (m, a) in &rows {
                t.row(vec![m.clone(), format!("{a:.2}")]);
            }
            print(&t.render())?;
            Ok(())
        }
    }
}
