//! The comments of a new, empty record (`jixiao new`), which tell a person what goes where.

use super::invalid::TEXT;
use std::fmt::Display;

/// The record's first line.
pub fn title(name: &str, year: u16) -> String {
    format!("# {name} {year} 年度部门整体绩效评价")
}

/// The comment on how to write numbers, in the units of the rubric's amounts (none, one or
/// several), and the blank line after it.
pub fn numbers(units: &[&str]) -> String {
    let amounts = match units {
        [] => String::new(),
        [unit] => format!("金额以{unit}为单位，"),
        _ => "金额按各项注明的单位，".to_string(),
    };
    format!("# {amounts}写普通数字（如 576431.54）；\"\" 表示尚未填写。\n\n")
}

/// The rule above a section's table, with its heading (`一、部门概况`).
pub fn section_rule(heading: &str) -> String {
    format!("# ---------------------------------------------------------------- {heading}")
}

/// A figure's comment: its label and unit, and whether it may stay empty.
pub fn figure(label: &str, unit: &str, required: bool) -> String {
    let optional = if required { "" } else { "，可不填" };
    format!("{label}（{unit}{optional}）")
}

/// 报告日期's comment.
pub const REPORT_DATE: &str = "报告日期，如 2024年5月";
/// 主要职责's comment.
pub const DUTIES: &str = "主要职责，每项一行";
/// The comment on 表 1's rows.
pub const GOALS: &str = "表 1 部门整体绩效目标：每行一个 [[overview.goals]]，含 activity、indicator、nature（定性/定量）、value";
/// The comment of 五、总体评价结论.
pub const PROBLEMS: &str = "评分表、总分和等级由程序计算。存在的问题：每个问题一个 [[conclusion.problems]]，各含 title 和 text。";
/// The comment of 六、措施建议.
pub const RECOMMENDATIONS: &str =
    "每个问题一条 [[recommendations.items]]，含 problem（问题序号）、title 和 text。";

/// An indicator with its weight (`产出（20 分）`): an open group's comment, an inputs table's.
pub fn weighted(name: &str, weight: impl Display) -> String {
    format!("{name}（{weight} 分）")
}

/// The comment on an open group's rows (the record's own indicators); `levels` is
/// [`levels`] or empty, `columns` [`columns`] or empty.
pub fn open_group(group: &str, section: &str, parent: &str, levels: &str, columns: &str) -> String {
    format!(
        "{group}：每个三级指标一个 [[{section}.indicators]]，含 parent = {parent}、name、target（≥600起 / 2023年12月底 / 有效提升）、actual、weight；定性指标另含 score 和 basis{levels}{columns}"
    )
}

/// The levels a qualitative row may name, in [`open_group`].
pub fn levels(names: &[&str]) -> String {
    format!("，以及 level（{}）", level_names(names))
}

/// The levels of a qualitative indicator (`评价等级：优、良、中、差`).
pub fn level_names(names: &[&str]) -> String {
    format!("评价等级：{}", names.join(super::super::check::LIST_SEP))
}

/// The form's own columns of an open group's rows, in [`open_group`]; empty without any.
pub fn columns(columns: &[String]) -> String {
    if columns.is_empty() {
        String::new()
    } else {
        format!("；另填 columns = {{ {} }}", columns.join(", "))
    }
}

/// One of [`columns`]: `core = …（是否核心指标：true 是 / false 否）`.
pub fn column(id: &str, label: &str, what: &str) -> String {
    format!("{id} = …（{label}：{what}）")
}

/// A yes/no column's values.
pub const FLAG: &str = "true 是 / false 否";
/// A text column's values.
pub const TEXT_COLUMN: &str = TEXT;

/// A number column's values.
pub fn number_column(decimals: impl Display) -> String {
    format!("数字，最多 {decimals} 位小数")
}

/// A checklist's answers, before its items.
pub fn checklist(items: usize) -> String {
    format!("{items} 项，每项 true 合格 / false 不合格：")
}

/// The evaluator's score of a qualitative indicator.
pub const SCORE: &str = "评价人打分";

/// An input's comment: its label (when it differs from its key), unit and decimals.
pub fn input(label: Option<&str>, unit: &str, decimals: u32) -> String {
    let unit = if unit.is_empty() {
        String::new()
    } else {
        format!("{unit}，")
    };
    let digits = match decimals {
        0 => super::invalid::INTEGER.to_string(),
        d => format!("最多 {d} 位小数"),
    };
    match label {
        Some(label) => format!("{label}（{unit}{digits}）"),
        None => format!("{unit}{digits}"),
    }
}
