//! What a rubric file says and what is said about it (`crate::rubric`): the words its
//! methods are described in, the defaults of its tables and units, and what is wrong when it
//! is read (here) or checked by `jixiao rubric check` ([`checks`]).

pub mod checks;

use std::fmt::Display;

/// The unit of a figure whose rubric names none.
pub const DEFAULT_UNIT: &str = "万元";
/// The last character of a unit of money (元, 万元, 亿元): such figures are grouped by
/// thousands.
pub const MONEY_UNIT_END: char = '元';
/// Units of whole things: their values take no decimals unless the rubric says.
pub const COUNT_UNITS: &[&str] = &["人", "个", "名", "家", "项", "次", "件", "起"];

/// 指标值: the target of an indicator (a column head, and in messages).
pub const TARGET: &str = "指标值";
/// 完成值: the actual value of an indicator (a column head, and in messages).
pub const ACTUAL: &str = "完成值";

/// 表 3's caption when the rubric words none (`{year}` and `{short}` filled in).
pub const KEY_TASK_CAPTION: &str = "{year} 年度{short}重点工作完成情况";
/// 表 3's number column when the rubric words none.
pub const KEY_TASK_NUMBER: &str = "序号";
/// 表 3's name column when the rubric words none.
pub const KEY_TASK_NAME: &str = "绩效指标";

/// What a rubric's non-negative number parameter must be, in a message that it is not.
pub const PARAM_EXPECTED: &str = "非负数，如 20 或 0.5";
/// The ways a method's source may be written, in a message that one is not.
pub const SOURCE_FORMS: &str = "`field:部分.名称`、`rate:标识`、`input:名称` 或数字";

/// A source whose prefix is not followed by a name (`input:`).
pub fn source_without_name(source: &str) -> String {
    format!("`{source}` 冒号后没有名称")
}

/// A source in none of the ways one may be written.
pub fn not_a_source(source: &str) -> String {
    format!("`{source}` 不是数据来源：请写 {SOURCE_FORMS}")
}

/// How `ratio` scores.
pub const RULE_RATIO: &str = "完成值 / 指标值 × 分值，不超过分值";
/// How `inverse_ratio` scores.
pub const RULE_INVERSE_RATIO: &str = "指标值 / 完成值 × 分值，不超过分值";
/// How `target` scores the record's own indicators.
pub const RULE_TARGET: &str =
    "按指标值与完成值计分（≥、= 按比率，≤ 按反向比率，时限按是否按时完成）";
/// How `qualitative` scores.
pub const RULE_QUALITATIVE: &str = "评价人按评分标准打分";
/// How `count_ratio` scores.
pub const RULE_COUNT_RATIO: &str = "达成数 / 总数 × 分值";

/// How `checklist` scores.
pub fn rule_checklist(deduct: impl Display) -> String {
    format!("每有一项不合格扣 {deduct} 分")
}

/// How `per_point` scores; `above` when values above the threshold deduct.
pub fn rule_per_point(above: bool, step: impl Display, deduct: impl Display) -> String {
    let side = if above { "高于" } else { "低于" };
    format!("{side}阈值每 {step} 个百分点扣 {deduct} 分")
}

/// How `year_on_year` scores.
pub fn rule_year_on_year(step: impl Display, deduct: impl Display) -> String {
    format!("不高于上年得满分，高于上年每 {step} 个百分点扣 {deduct} 分")
}

/// How `threshold_excess` scores.
pub fn rule_threshold_excess(step: impl Display, deduct: impl Display) -> String {
    format!("高于基准每 {step} 个百分点扣 {deduct} 分")
}

/// One tier of `tiers` in its rule: `[90, +∞) 得 5 分`.
pub fn rule_tier(range: &str, score: impl Display) -> String {
    format!("{range} 得 {score} 分")
}

/// How `tiers` scores, its tiers listed.
pub fn rule_tiers(tiers: &[String]) -> String {
    format!("按档次计分：{}", tiers.join("，"))
}

/// How `linear_to_zero` scores.
pub fn rule_linear_to_zero(k: impl Display) -> String {
    format!("（1 − {k} × 值）× 分值")
}

/// An id with characters other than ASCII letters, digits, `-` and `_`.
pub fn invalid_id(id: &str) -> String {
    format!("`{id}` 不是合规的标识：只能用英文字母、数字、`-` 和 `_`")
}

/// An indicator id used twice.
pub fn id_twice(id: &str) -> String {
    format!("`{id}` 用了两次")
}

/// A 一级指标 without the section that presents it.
pub fn group_without_section(id: &str) -> String {
    format!(
        "一级指标 `{id}` 须有 `section`（展示它的报告部分）：overview、budget、targets、management 之一"
    )
}

/// A parent that is not an indicator defined above.
pub fn unknown_parent(parent: &str) -> String {
    format!("`{parent}` 不是在本指标之前定义的指标")
}

/// `weight_min` / `weight_max` on an indicator that is not open.
pub const WEIGHT_BOUNDS_NOT_OPEN: &str = "`weight_min` / `weight_max` 只用于 `open = true` 的指标：记录为其自列指标时可在此范围内确定分值";
/// Only one of `weight_min` and `weight_max`.
pub const WEIGHT_BOUNDS_BOTH: &str = "`weight_min` 与 `weight_max` 须同时给出";

/// A weight outside its own bounds.
pub fn weight_out_of_bounds(min: impl Display, weight: impl Display, max: impl Display) -> String {
    format!("分值范围须满足 weight_min ≤ weight ≤ weight_max（现为 {min} ≤ {weight} ≤ {max}）")
}

/// A rubric file whose `name` is not its file's.
pub fn name_not_file(file: &str, name: &str) -> String {
    format!(
        "{file}.toml 中的指标体系名为 `{name}`；指标体系的名称必须与文件名相同（name = \"{file}\"）"
    )
}

/// An error about an indicator, which people know by its path (`management/variance`).
pub fn at_indicator(path: &str, message: &str) -> String {
    format!("指标 `{path}`：{message}")
}

/// The label of last year's value of a rate (`结转结余率（上年）`).
pub fn previous_year(name: &str) -> String {
    format!("{name}（上年）")
}

/// What an input a rate reads is to that rate, for an input the rubric gives no label: the
/// rate's name and the input's role (`预算调剂率的分子`). An input its indicator's method
/// reads is named by its role alone (达成数), under the indicator's name wherever it shows.
pub fn rate_part(rate: &str, role: &str) -> String {
    format!("{rate}的{role}")
}

/// The role of a ratio's actual value (`actual`).
pub const ROLE_ACTUAL: &str = ACTUAL;
/// The role of a ratio's target (`target`).
pub const ROLE_TARGET: &str = TARGET;
/// The role of the value a rule scores (`value`).
pub const ROLE_VALUE: &str = "计分值";
/// The role of a threshold (`threshold`).
pub const ROLE_THRESHOLD: &str = "阈值";
/// The role of last year's value (`previous`).
pub const ROLE_PREVIOUS: &str = "上年值";
/// The role of a benchmark (`benchmark`).
pub const ROLE_BENCHMARK: &str = "基准";
/// The role of the count met (`met`).
pub const ROLE_MET: &str = "达成数";
/// The role of the count of all (`total`).
pub const ROLE_TOTAL: &str = "总数";
/// The role of a rate's numerator.
pub const ROLE_NUMERATOR: &str = "分子";
/// The role of a rate's denominator.
pub const ROLE_DENOMINATOR: &str = "分母";
