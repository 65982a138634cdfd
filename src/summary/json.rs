//! The summary as JSON, for other programs: decimals as strings (as in every `--json`), a
//! missing value as `null`.

use super::{Summary, YearScore};
use crate::num;
use crate::text::summary as t;
use rust_decimal::Decimal;
use serde_json::{Value, json};

fn fixed(d: Option<Decimal>) -> Value {
    d.map_or(Value::Null, |d| Value::String(num::fixed2(d)))
}

fn percent(d: Option<Decimal>, dp: u32) -> Value {
    d.map_or(Value::Null, |d| {
        Value::String(format!("{d:.*}", dp as usize))
    })
}

/// Renders the summary as a JSON value.
pub fn render(s: &Summary) -> Value {
    let d = &s.distribution;
    let counts = |r: &super::DistributionRow| {
        json!({
            "year": r.year,
            "grades": d.grades.iter().zip(&r.counts)
                .map(|(g, n)| json!({"grade": g, "count": n})).collect::<Vec<_>>(),
            "incomplete": r.incomplete,
            "unreadable": r.unreadable,
            "total": r.total(),
        })
    };
    json!({
        "year": s.year,
        "rubrics": s.tables.iter().map(|t| json!({
            "rubric": t.rubric,
            "title": t.title,
            "groups": t.groups,
            "execution_rate": t.execution_rate,
            "records": t.rows.iter().map(|r| json!({
                "dept": r.dept.as_str(),
                "year": r.year,
                "name": r.name,
                "complete": r.complete,
                "total": fixed(r.total),
                "grade": r.grade,
                "groups": t.groups.iter().zip(&r.groups).map(|(name, g)| json!({
                    "name": name,
                    "score": fixed(g.score),
                    "rate": fixed(g.rate),
                })).collect::<Vec<_>>(),
                "execution_rate": percent(r.execution, r.execution_decimals),
                "status": r.status,
                "drafts": r.drafts,
                "evaluator": r.evaluator,
                "last_save": r.last_save.as_ref().map(|l| json!({
                    "author": l.author, "time": l.time.local, "rev": l.rev,
                })),
            })).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "distribution": {
            "grades": d.grades,
            "years": d.years.iter().map(counts).collect::<Vec<_>>(),
            "all": counts(&d.all),
        },
        "departments": s.departments.iter().map(|dep| json!({
            "dept": dep.dept.as_str(),
            "name": dep.name,
            "years": dep.years,
            "totals": dep.totals.iter().map(|t| fixed(*t)).collect::<Vec<_>>(),
            "grades": dep.grades,
            "indicators": dep.rows.iter().map(|r| json!({
                "names": r.names,
                "scores": r.scores.iter().map(|s| match s {
                    None => Value::Null,
                    Some(YearScore::Score(v)) => Value::String(num::fixed2(*v)),
                    Some(YearScore::Incomplete) => Value::String(t::UNFINISHED.into()),
                    Some(YearScore::NotApplicable) => Value::String(t::NOT_APPLICABLE.into()),
                }).collect::<Vec<_>>(),
            })).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "unreadable": s.unreadable.iter().map(|u| json!({
            "record": u.record, "year": u.year, "error": u.error,
        })).collect::<Vec<_>>(),
    })
}
