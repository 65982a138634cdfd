//! The words of the report's 附件, the scoring table: its titles, column heads and notes.

use crate::text::printers;
use std::fmt::Display;

/// The ordinals of the 附件's tables, one per 一级指标 (一 … 十); later ones take the last.
pub const NUMERALS: [&str; 10] = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

/// A table's title: `一、当年预算执行情况（20分）`.
pub fn table_title(numeral: &str, name: &str, weight: impl Display) -> String {
    format!("{numeral}、{name}（{weight}分）")
}

/// The heads of the indicator name columns, by level.
pub const LEVEL_HEADS: [&str; 3] = [printers::GROUP, "二级指标", "三级指标"];
/// The head of an indicator's explanation.
pub const EXPLANATION: &str = "指标解释";
/// The head of an indicator's scoring criteria.
pub const CRITERIA: &str = "评分标准";
/// The head of the target value.
pub const TARGET: &str = "指标值";
/// The head of the actual value.
pub const ACTUAL: &str = "完成值";
/// The head of the completion rate.
pub const COMPLETION: &str = "完成率";

/// The head of a value column with the unit its figures share (`预算数（万元）`).
pub fn in_unit(head: &str, unit: &str) -> String {
    format!("{head}（{unit}）")
}

/// The head of a year's column (`2022年`).
pub fn year_head(year: u16) -> String {
    format!("{year}年")
}

/// A parent indicator's cell: its name with its weight (`资金投入（5）`).
pub fn weighted(name: &str, weight: impl Display) -> String {
    format!("{name}（{weight}）")
}

/// The score cell of an indicator not applicable.
pub const NOT_APPLICABLE: &str = "不适用";

/// The note above the reasons of adjusted scores.
pub const OVERRIDE_NOTE: &str = "注：得分后标“*”的为评价人调整的分数，调整理由如下。";

/// An adjusted score's note; `computed` is [`computed`] or empty.
pub fn overridden(name: &str, computed: &str, score: impl Display, reason: &str) -> String {
    format!("{name}：{computed}调整为 {score} 分。理由：{reason}")
}

/// The score the criteria give, in an adjusted score's note.
pub fn computed(score: impl Display) -> String {
    format!("按评分标准计算为 {score} 分，")
}

/// An indicator not applicable, with its reason.
pub fn not_applicable(name: &str, reason: &str) -> String {
    format!("{name}：不适用，不计分。理由：{reason}")
}
