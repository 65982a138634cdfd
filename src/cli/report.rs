//! What `score`, `check` and `list` print: plain text for people, JSON for tools.

use crate::finding::Finding;
use crate::num;
use crate::repo::Evaluation;
use crate::score::NodeScore;
use crate::text::{pad, rpad};
use serde_json::{Value, json};

fn opt(d: Option<rust_decimal::Decimal>) -> Value {
    d.map(|d| Value::String(num::fixed2(d)))
        .unwrap_or(Value::Null)
}

fn rate_str(n: &NodeScore) -> String {
    n.rate().map(num::percent).unwrap_or_default()
}

/// `jixiao score --json`.
pub fn score_json(e: &Evaluation) -> Value {
    let c = &e.card;
    json!({
        "dept": e.dept.as_str(),
        "year": e.year,
        "name": e.record.overview.name,
        "rubric": c.rubric,
        "total": c.complete.then(|| num::fixed2(c.total)),
        "full_marks": num::plain(c.full_marks),
        "rate": if c.complete { opt(c.total_rate()) } else { Value::Null },
        "grade": c.complete.then_some(c.grade.as_str()),
        "complete": c.complete,
        "rescaled": c.rescaled,
        "groups": c.groups().map(|g| json!({
            "path": g.path,
            "name": g.name,
            "weight": num::plain(g.weight),
            "score": num::fixed2(g.score),
            "rate": opt(g.rate()),
            "complete": c.node_complete(g),
        })).collect::<Vec<_>>(),
        "indicators": c.leaves().map(|n| json!({
            "path": n.path,
            "name": n.name,
            "weight": num::plain(n.weight),
            "score": num::fixed2(n.score),
            "computed": opt(n.computed),
            "override": n.override_.as_ref().map(|o| json!({"score": num::fixed2(o.score), "reason": o.reason, "typed": o.typed})),
            "not_applicable": n.not_applicable,
            "method": n.method,
            "target": n.target,
            "actual": n.actual,
            "detail": n.detail,
            "columns": columns_json(e, n),
        })).collect::<Vec<_>>(),
        "rates": c.rates.iter().map(|r| json!({
            "id": r.id,
            "name": r.name,
            "previous_year": r.previous_year,
            "value": r.value_text(),
            "display": r.display(),
            "detail": r.detail,
        })).collect::<Vec<_>>(),
    })
}

/// The values of the rubric's extra columns (是否核心指标 …) of a record's own indicator, by
/// column id, as the 附件 prints them.
fn columns_json(e: &Evaluation, n: &NodeScore) -> Value {
    let Some(item) = e.record.item_at(&n.field) else {
        return json!({});
    };
    let cat = &e.rubric.catalogue;
    Value::Object(
        item.cells
            .iter()
            .filter_map(|(id, v)| {
                let def = cat.columns.iter().find(|c| &c.id == id)?;
                Some((id.clone(), Value::String(v.show(def))))
            })
            .collect(),
    )
}

/// The score table as 表 4, then every indicator as in the 附件, made printable on a terminal.
pub fn score_text(e: &Evaluation) -> String {
    let c = &e.card;
    let mut o = String::new();
    o.push_str(&format!(
        "{} {} 年度部门整体绩效评价（指标体系 {}）\n\n",
        e.record.overview.name, e.year, c.rubric
    ));
    o.push_str("表 4 部门整体绩效得分情况\n");
    o.push_str(&format!(
        "{}{}{}{}\n",
        pad("一级指标", 26),
        rpad("分值", 6),
        rpad("得分", 9),
        rpad("得分率", 10)
    ));
    for g in c.groups() {
        o.push_str(&format!(
            "{}{}{}{}\n",
            pad(&g.name, 26),
            rpad(&num::plain(g.weight), 6),
            rpad(&c.score_text(g), 9),
            rpad(
                &if c.node_complete(g) {
                    rate_str(g)
                } else {
                    String::new()
                },
                10
            )
        ));
    }
    o.push_str(&format!(
        "{}{}{}{}\n",
        pad("合计", 26),
        rpad(&num::plain(c.full_marks), 6),
        rpad(&c.total_text(), 9),
        rpad(
            &c.total_rate()
                .filter(|_| c.complete)
                .map(num::percent)
                .unwrap_or_default(),
            10
        )
    ));
    if c.rescaled {
        o.push_str("（有不适用指标，总分已按适用分值折算为百分制）\n");
    }
    if c.complete {
        o.push_str(&format!("综合评价等级：{}\n\n", c.grade));
    } else {
        o.push_str("综合评价等级：未完成（尚有未填报的数据，不评等级）\n\n");
    }
    o.push_str("附件 评分明细（* 为调整分）\n");
    o.push_str(&format!(
        "{}{}{}{}  {}\n",
        pad("指标", 40),
        rpad("分值", 6),
        rpad("得分", 9),
        rpad("计算", 8),
        "说明"
    ));
    for n in &c.nodes {
        o.push_str(&indicator_line(n));
        let details = e
            .rubric
            .nodes
            .get(n.node)
            .filter(|_| n.leaf)
            .map(|r| r.def.details.as_slice());
        for id in details.unwrap_or_default() {
            if let Some(r) = c.rate(id) {
                let indent = "  ".repeat(n.level);
                o.push_str(&format!(
                    "{}{}  {}\n",
                    pad(&format!("{indent}{}", r.name), 40),
                    " ".repeat(23),
                    r.detail
                ));
            }
        }
    }
    crate::text::printable(&o).into_owned()
}

fn indicator_line(n: &NodeScore) -> String {
    let indent = "  ".repeat(n.level.saturating_sub(1));
    let mark = if n.override_.is_some() { "*" } else { " " };
    let mut note = String::new();
    if !n.target.is_empty() || !n.actual.is_empty() {
        note = format!("指标值 {} 完成值 {}", n.target, n.actual);
    }
    if !n.detail.is_empty() && n.method != "target" {
        note = n.detail.clone();
    }
    if let Some(na) = &n.not_applicable {
        note = format!("不适用：{na}");
    }
    if let Some(ov) = &n.override_ {
        note = format!("调整分，理由：{}", ov.reason);
    }
    let computed = if n.leaf {
        n.computed.map(num::fixed2).unwrap_or_else(|| "—".into())
    } else {
        String::new()
    };
    let mut line = format!(
        "{}{}{}{}  {}\n",
        pad(&format!("{indent}{}", n.name), 40),
        rpad(&num::plain(n.weight), 6),
        rpad(&format!("{}{mark}", num::fixed2(n.score)), 9),
        rpad(&computed, 8),
        note
    );
    line.truncate(line.trim_end().len());
    line.push('\n');
    line
}

/// `jixiao check --json`.
pub fn findings_json(findings: &[Finding]) -> Value {
    json!({
        "findings": findings.iter().map(|f| json!({
            "severity": f.severity,
            "section": f.section.id(),
            "code": f.code,
            "message": f.message,
            "field": f.field,
        })).collect::<Vec<_>>()
    })
}

/// `jixiao check` for people, with control characters escaped (see [`crate::text::printable`]).
pub fn findings_text(findings: &[Finding]) -> String {
    if findings.is_empty() {
        return "没有发现问题。\n".into();
    }
    let mut o = String::new();
    for f in findings {
        o.push_str(&format!("{f}\n"));
    }
    let errors = findings
        .iter()
        .filter(|f| f.severity == crate::finding::Severity::Error)
        .count();
    o.push_str(&format!(
        "{} 个错误，{} 个警告\n",
        errors,
        findings.len() - errors
    ));
    crate::text::printable(&o).into_owned()
}
