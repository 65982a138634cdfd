//! The report's tables a rubric words (表 2 预算执行情况, 表 3 年度重点工作): their rows, caption
//! and column heads, so that a rubric in 元 or with other figures exports its own words.

use crate::text::rubric as zh;
use serde::Deserialize;

/// A row of the budget execution table (表 2, `[[execution_row]]`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExecutionRow {
    /// 基本支出, 合计, 其中：财政拨款 …
    pub label: String,
    /// The budget figure (全年预算数 or 调整后预算数).
    pub budget: String,
    /// The figure spent (本年支出数).
    pub spent: String,
}

/// The caption and column heads of 表 2 (`[execution_table]`), in the rubric's words; the
/// unit is the rows' figures' own (`（单位：万元）` when they share one).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExecutionTable {
    /// The caption after `表 N：`, with `{year}` and `{short}` filled in.
    pub caption: String,
    /// The head of the rows' labels (项目).
    pub item: String,
    /// The head of the budget column (全年预算数).
    pub budget: String,
    /// The head of the spent column (本年支出数).
    pub spent: String,
    /// The head of the rate column (预算执行率).
    pub rate: String,
}

/// The caption and column heads of 表 3, the record's indicators marked as key tasks
/// (`[key_task_table]`); without it the report says 重点工作完成情况 and 序号, 绩效指标, 指标值,
/// 完成值.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KeyTaskTable {
    /// The caption after `表 N：`, with `{year}` and `{short}` filled in.
    pub caption: String,
    /// The heads of the number, name, target and actual columns.
    pub number: String,
    pub name: String,
    pub target: String,
    pub actual: String,
}

impl Default for KeyTaskTable {
    fn default() -> Self {
        KeyTaskTable {
            caption: zh::KEY_TASK_CAPTION.into(),
            number: zh::KEY_TASK_NUMBER.into(),
            name: zh::KEY_TASK_NAME.into(),
            target: zh::TARGET.into(),
            actual: zh::ACTUAL.into(),
        }
    }
}
