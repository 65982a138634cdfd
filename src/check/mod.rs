//! `jixiao check`: what is missing, what does not add up, and what the report says that its
//! own figures contradict.

mod narrative;
mod reachable;

use crate::finding::{Finding, Severity};
use crate::num;
use crate::record::Record;
use crate::record::figures::{FIGURES, Unit};
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
    missing(record, &mut out);
    sums(record, &mut out);
    narrative::check(rubric, record, card, year, &mut out);
    scores(rubric, card, &mut out);
    problems(record, &mut out);
    out.sort_by_key(|f| f.section);
    out
}

/// The code of a finding for an input not filled in yet: the record is incomplete (未完成),
/// which a draft may be, rather than wrong.
pub const MISSING_INPUT: &str = "missing-input";

/// Whether any finding is an error.
pub fn has_errors(findings: &[Finding]) -> bool {
    findings.iter().any(|f| f.severity == Severity::Error)
}

fn missing(record: &Record, out: &mut Vec<Finding>) {
    if record.overview.name.trim().is_empty() {
        out.push(Finding::error(
            Section::Overview,
            MISSING_INPUT,
            "overview.name",
            "缺少部门名称",
        ));
    }
    for f in FIGURES {
        if record.figure(f.key) == Some(None) {
            out.push(Finding::error(
                f.section(),
                MISSING_INPUT,
                f.key,
                format!("缺少「{}」（{}）", f.label, f.unit.label()),
            ));
        }
    }
}

fn fig(record: &Record, key: &str) -> Option<Decimal> {
    record.figure(key).flatten()
}

fn show(v: Decimal, unit: Unit) -> String {
    match unit {
        Unit::WanYuan => format!("{} 万元", num::amount(v)),
        Unit::People => format!("{} 人", num::plain(v)),
    }
}

fn sums(record: &Record, out: &mut Vec<Finding>) {
    // (total, parts, unit, whether parts may fall short of the total: 资金总体 = 基本 + 项目 + 其他)
    let rules: [(&str, &[&str], Unit, bool); 4] = [
        (
            "overview.staff_total",
            &["overview.staff_active", "overview.staff_retired"],
            Unit::People,
            false,
        ),
        (
            "budget.budget_total",
            &["budget.budget_basic", "budget.budget_project"],
            Unit::WanYuan,
            true,
        ),
        (
            "budget.spent_total",
            &["budget.spent_basic", "budget.spent_project"],
            Unit::WanYuan,
            true,
        ),
        ("management.assets_net", &[], Unit::WanYuan, false),
    ];
    let label = |k: &str| {
        crate::record::figures::Figure::by_key(k)
            .map(|f| f.label)
            .unwrap_or("")
    };
    for (total_key, parts, unit, others_allowed) in rules {
        let Some(total) = fig(record, total_key) else {
            continue;
        };
        let section = crate::record::figures::Figure::by_key(total_key)
            .map(|f| f.section())
            .unwrap_or(Section::Overview);
        if parts.is_empty() {
            // 固定资产净值 = 原值 − 累计折旧.
            let (Some(orig), Some(dep)) = (
                fig(record, "management.assets_original"),
                fig(record, "management.assets_depreciation"),
            ) else {
                continue;
            };
            if orig - dep != total {
                out.push(Finding::error(
                    section,
                    "sum-mismatch",
                    total_key,
                    format!(
                        "固定资产净值 {} ≠ 原值 {} − 累计折旧 {} = {}",
                        show(total, unit),
                        show(orig, unit),
                        show(dep, unit),
                        show(orig - dep, unit)
                    ),
                ));
            }
            continue;
        }
        let values: Option<Vec<Decimal>> = parts.iter().map(|p| fig(record, p)).collect();
        let Some(values) = values else { continue };
        let sum: Decimal = values.iter().sum();
        if sum == total {
            continue;
        }
        let listed = parts
            .iter()
            .zip(&values)
            .map(|(p, v)| format!("{} {}", label(p), show(*v, unit)))
            .collect::<Vec<_>>()
            .join(" + ");
        let msg = format!(
            "{} {} ≠ {listed} = {}",
            label(total_key),
            show(total, unit),
            show(sum, unit)
        );
        if others_allowed && sum < total {
            out.push(Finding::warning(
                section,
                "sum-mismatch",
                total_key,
                format!(
                    "{msg}；差额 {} 若为其他支出，请在说明中写明",
                    show(total - sum, unit)
                ),
            ));
        } else {
            out.push(Finding::error(section, "sum-mismatch", total_key, msg));
        }
    }
    for (part, whole) in [
        ("budget.budget_fiscal", "budget.budget_total"),
        ("budget.spent_fiscal", "budget.spent_total"),
    ] {
        if let (Some(p), Some(w)) = (fig(record, part), fig(record, whole))
            && p > w
        {
            out.push(Finding::error(
                Section::Budget,
                "sum-mismatch",
                part,
                format!(
                    "{} {} 大于{} {}",
                    label(part),
                    show(p, Unit::WanYuan),
                    label(whole),
                    show(w, Unit::WanYuan)
                ),
            ));
        }
    }
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
            "targets.indicators",
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
