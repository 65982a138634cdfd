//! What the editor's form shows in its rows: headings, captions, column heads and units the
//! form adds around the fields (the fields' own names come from the rubric and from
//! [`super::record`]).

use super::tui::{problem_item, recommendation_item};
use std::fmt::Display;

/// The line of an empty table, where the cursor stops so `a` (or Enter) adds its first row.
pub const EMPTY_TABLE: &str = "（空：按 a 或 Enter 添加一行）";
/// The unit column of a rate, which jixiao computes.
pub const COMPUTED_NOTE: &str = "（计算）";
/// The head of the 列入表 3 column of an indicator table (narrow: four cells).
pub const KEY_TASK_HEAD: &str = "表3";
/// The caption of a qualitative indicator's 评分依据, under its row.
pub const QUALITATIVE_BASIS: &str = "定性：评分依据";
/// The heading of 表 4 in 总体评价结论.
pub const SCORES_HEADING: &str = "（一）评价得分情况 表 4（计算所得）";
/// The row of 表 4 with the grade.
pub const GRADE_ROW: &str = "综合评价等级";
/// The heading of the problems in 总体评价结论.
pub const PROBLEMS_HEADING: &str = "（二）存在的问题及原因分析（a 添加，x 删除）";
/// The caption of a problem's analysis.
pub const PROBLEM_TEXT: &str = "原因分析";
/// The heading of the recommendations.
pub const RECOMMENDATIONS_HEADING: &str = "措施建议：每个问题一条（a 添加，x 删除）";
/// The unit after a recommendation's problem number.
pub const PROBLEM_UNIT: &str = "号问题";
/// The heading of 表 1.
pub const GOALS_HEADING: &str = "表 1：部门整体绩效目标（a 添加一行）";
/// The heading of the budget figures.
pub const BUDGET_HEADING: &str = "预算与执行";
/// The heading of the budget rates.
pub const RATES_HEADING: &str = "执行率（由填报数计算）";
/// The unit of a score typed.
pub const POINTS: &str = "分";
/// The unit of an override score.
pub const OVERRIDE_UNIT: &str = "分（空 = 不调整）";

/// A rate of the previous year.
pub fn previous_year(rate: &str) -> String {
    format!("{rate}（上年）")
}

/// The heading of a table of the record's own indicators, with its weight and score.
pub fn open_heading(name: &str, weight: &str, score: &str) -> String {
    format!("{name}（{weight} 分）  {score}  （a 添加，x 删除）")
}

/// An indicator's score adjusted over the one computed.
pub fn overridden(score: impl Display, computed: &str) -> String {
    format!("{score}*（算 {computed}）")
}

/// The caption of problem `n`'s title.
pub fn problem_title(n: usize) -> String {
    format!("{} 标题", problem_item(n))
}

/// The caption of the problem recommendation `n` answers.
pub fn answers_problem(n: usize) -> String {
    format!("{} 对应问题", recommendation_item(n))
}

/// The heading of the problems shown for reference beside the recommendations.
pub fn problems_for_reference(n: usize) -> String {
    format!("存在的问题（{n} 个，在第五部分编辑）")
}

/// A problem shown for reference beside the recommendations.
pub fn problem_line(n: usize, title: &str) -> String {
    format!("  {}：{title}", problem_item(n))
}

/// The heading of a group (一级指标) with its weight and score.
pub fn group_heading(name: &str, weight: &str, score: &str) -> String {
    format!("{name}（{weight} 分）  得分 {score}")
}

/// The line under a checklist: what each item failed costs.
pub fn deduct_each(points: impl Display) -> String {
    format!("  每有一项不合格扣 {points} 分")
}
