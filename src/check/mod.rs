//! `jixiao check`: what is missing, what does not add up, and what the report says that its
//! own figures contradict.

mod narrative;
mod reachable;
mod rules;

use crate::finding::{Finding, Severity};
use crate::num;
use crate::record::Record;
use crate::rubric::{Method, Rubric};
use crate::score::{NodeScore, Scorecard};
use crate::section::Section;
use crate::target::Target;
use rust_decimal::Decimal;

/// All findings for a record, in section order; `year` lets narratives that name last year
/// be compared with last year's figures.
pub fn check(
    rubric: &Rubric,
    record: &Record,
    card: &Scorecard,
    year: Option<u16>,
) -> Vec<Finding> {
    let mut out = card.findings.clone();
    missing(rubric, record, &mut out);
    rules::sums(rubric, record, &mut out);
    narrative::check(rubric, record, card, year, &mut out);
    rules::explanations(rubric, record, card, &mut out);
    scores(rubric, card, &mut out);
    problems(record, &mut out);
    open_notes(record, &mut out);
    out.sort_by_key(|f| f.section);
    out
}

/// The code of a finding for an input not filled in yet: the record is incomplete (未完成),
/// which a draft may be, rather than wrong.
pub const MISSING_INPUT: &str = "missing-input";

/// The code of an open review note (批注): a warning until a reviewer resolves it.
pub const OPEN_NOTE: &str = "open-note";

/// Every review note not resolved yet, on its field's section.
fn open_notes(record: &Record, out: &mut Vec<Finding>) {
    for (i, n) in record.notes.iter().enumerate().filter(|(_, n)| n.is_open()) {
        let section = n
            .field
            .split(['.', '/', '['])
            .next()
            .and_then(Section::from_id)
            .unwrap_or(Section::Overview);
        let answer = if n.answer.trim().is_empty() {
            String::new()
        } else {
            format!("；答复（{}）：{}", n.answered_by, n.answer)
        };
        out.push(Finding::warning(
            section,
            OPEN_NOTE,
            n.field.clone(),
            format!(
                "批注 {}（{}，{}）：{}{answer}",
                i + 1,
                n.by,
                n.status(),
                n.text
            ),
        ));
    }
}

/// Whether any finding is an error.
pub fn has_errors(findings: &[Finding]) -> bool {
    findings.iter().any(|f| f.severity == Severity::Error)
}

fn missing(rubric: &Rubric, record: &Record, out: &mut Vec<Finding>) {
    if record.overview.name.trim().is_empty() {
        out.push(Finding::error(
            Section::Overview,
            MISSING_INPUT,
            "overview.name",
            "缺少部门名称",
        ));
    }
    rules::missing(rubric, record, out);
}

/// Whether the evaluator scored this leaf by judgement (a qualitative level or method).
fn is_qualitative(rubric: &Rubric, n: &NodeScore) -> bool {
    match rubric.nodes.get(n.node).and_then(|r| r.def.method.as_ref()) {
        Some(Method::Qualitative { .. }) => true,
        Some(Method::Target { .. }) => matches!(Target::parse(&n.target), Target::Level(_)),
        _ => false,
    }
}

fn scores(rubric: &Rubric, card: &Scorecard, out: &mut Vec<Finding>) {
    let mut unexplained: Vec<&NodeScore> = Vec::new();
    for n in card.leaves() {
        if n.not_applicable.is_some() {
            continue;
        }
        if is_qualitative(rubric, n)
            && n.override_.is_none()
            && n.score < n.weight
            && n.basis.trim().is_empty()
        {
            let same = !n.target.is_empty() && n.target.trim() == n.actual.trim();
            let why = if same {
                format!(
                    "完成值「{}」等于指标值，却扣 {} 分",
                    n.actual,
                    num::fixed2(n.weight - n.score)
                )
            } else {
                format!("扣 {} 分", num::fixed2(n.weight - n.score))
            };
            out.push(Finding::warning(
                n.section,
                "qualitative-without-basis",
                format!("{}.basis", n.field),
                format!(
                    "{}：定性指标得 {} / {} 分，{why}，没有评分依据",
                    n.name,
                    num::fixed2(n.score),
                    num::plain(n.weight)
                ),
            ));
            if same {
                unexplained.push(n);
            }
        }
        reachable::check(rubric, n, out);
    }
    if unexplained.len() > 1 {
        let lost: Decimal = unexplained.iter().map(|n| n.weight - n.score).sum();
        let list = unexplained
            .iter()
            .map(|n| format!("{} {}", n.name, num::fixed2(n.score)))
            .collect::<Vec<_>>()
            .join("、");
        out.push(Finding::warning(
            unexplained[0].section,
            "qualitative-without-basis",
            // The table of the first of them (`targets.indicators`).
            unexplained[0]
                .field
                .split_once('[')
                .map_or(unexplained[0].field.as_str(), |(t, _)| t),
            format!(
                "{} 个定性指标完成值等于指标值，却共扣 {} 分且均无评分依据：{list}",
                unexplained.len(),
                num::fixed2(lost)
            ),
        ));
    }
}

fn problems(record: &Record, out: &mut Vec<Finding>) {
    let problems = &record.conclusion.problems;
    let recs = &record.recommendations.items;
    if problems.is_empty() {
        out.push(Finding::warning(
            Section::Conclusion,
            "missing-text",
            "conclusion.problems",
            "未列出存在的问题及原因分析",
        ));
    }
    for (i, p) in problems.iter().enumerate() {
        if p.title.trim().is_empty() && p.text.trim().is_empty() {
            out.push(Finding::warning(
                Section::Conclusion,
                "missing-text",
                format!("conclusion.problems[{i}]"),
                format!("问题 {} 没有内容", i + 1),
            ));
        }
        if !recs.iter().any(|r| r.problem.0 == Some(i as u64 + 1)) {
            out.push(Finding::warning(
                Section::Recommendations,
                "problem-without-recommendation",
                "recommendations.items",
                format!(
                    "问题 {}「{}」没有对应的措施建议（建议的「对应问题」填 {}）",
                    i + 1,
                    p.title,
                    i + 1
                ),
            ));
        }
    }
    if recs.is_empty() {
        out.push(Finding::warning(
            Section::Recommendations,
            "missing-text",
            "recommendations.items",
            "未提出措施建议",
        ));
    }
    for (i, r) in recs.iter().enumerate() {
        if r.title.trim().is_empty() && r.text.trim().is_empty() {
            out.push(Finding::warning(
                Section::Recommendations,
                "missing-text",
                format!("recommendations.items[{i}]"),
                format!("建议 {} 没有内容", i + 1),
            ));
        }
        if let Some(n) = r.problem.0
            && (n == 0 || n as usize > problems.len())
        {
            out.push(Finding::error(
                Section::Recommendations,
                "invalid-value",
                format!("recommendations.items[{i}].problem"),
                format!(
                    "建议 {} 对应的问题编号 {n} 不存在（共 {} 个问题）",
                    i + 1,
                    problems.len()
                ),
            ));
        }
    }
}
