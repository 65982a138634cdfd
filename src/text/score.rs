//! What scoring says (`crate::score`): the findings about an indicator's inputs, overrides
//! and evaluator scores, how a score came about (its detail), and what an incomplete record
//! shows instead of a total.

use std::fmt::Display;

/// What an incomplete record (or group) shows instead of a total and a grade.
pub const INCOMPLETE: &str = "未完成";

/// Between the items of a list.
pub const LIST_SEP: &str = super::check::LIST_SEP;

/// A figure or input that is not filled in.
pub fn missing(label: &str) -> String {
    format!("缺少「{label}」")
}

/// A method reading a figure the record does not have.
pub fn no_such_field(key: &str) -> String {
    format!("评分办法引用了记录中没有的字段 {key}")
}

/// A method reading a rate the rubric does not define.
pub fn no_such_rate(id: &str) -> String {
    format!("评分办法引用了未定义的比率 {id}")
}

/// A change of rates that cannot be computed: a rate it reads has a zero denominator.
pub fn change_over_zero(rate: &str, detail: &str) -> String {
    format!("无法计算{rate}：所依据的比率分母为 0（{detail}），无法据此计分")
}

/// A rate that cannot be computed: its denominator is zero.
pub fn rate_over_zero(rate: &str, denominator: &str, detail: &str) -> String {
    format!("无法计算{rate}：分母{denominator}为 0（{detail}），无法据此计分")
}

/// A rate that cannot be computed: the figures it needs are not filled in.
pub fn rate_unfilled(rate: &str) -> String {
    format!("无法计算{rate}：所需数据未填")
}

/// Rates that cannot be computed, and the figures or inputs (their labels) they lack.
pub fn rates_unfilled(rates: &[String], lacking: &[String]) -> String {
    let lacking: Vec<String> = lacking.iter().map(|l| format!("「{l}」")).collect();
    format!(
        "无法计算{}：缺少{}",
        rates.join(LIST_SEP),
        lacking.join(LIST_SEP)
    )
}

/// An override without its score.
pub const OVERRIDE_WITHOUT_SCORE: &str = "调整分没有填写分数";

/// An override without its reason.
pub fn override_without_reason(score: impl Display) -> String {
    format!("调整分数 {score} 没有写明理由；调整必须说明理由")
}

/// An override above the weight.
pub fn override_above_weight(score: impl Display, weight: impl Display) -> String {
    format!("调整分数 {score} 超过分值 {weight}")
}

/// A qualitative indicator the evaluator has not scored.
pub const QUALITATIVE_UNSCORED: &str = "定性指标需由评价人打分（评价分）并写明评分依据";

/// An evaluator's score above the weight.
pub fn score_above_weight(score: impl Display, weight: impl Display) -> String {
    format!("得分 {score} 超过分值 {weight}")
}

/// A method's denominator of zero, with how the value came about when known.
pub fn zero_denominator(what: &str, detail: &str) -> String {
    if detail.is_empty() {
        format!("{what}为 0，无法计算")
    } else {
        format!("{what}为 0，无法计算（{detail}）")
    }
}

/// A count met above the count of all.
pub const MET_ABOVE_TOTAL: &str = "达成数大于总数";

/// A checklist with items not yet answered.
pub fn checklist_unanswered(items: usize, assessed: usize) -> String {
    format!("评分标准有 {items} 项，已评 {assessed} 项；每项评为合格或不合格")
}

/// How a checklist scored.
pub fn checklist_detail(items: usize, failing: usize, deduct: impl Display) -> String {
    format!("{items} 项中 {failing} 项不合格，每项扣 {deduct}")
}

/// The threshold of a per-point rule, in its detail.
pub fn threshold(value: impl Display) -> String {
    format!("阈值 {value}")
}

/// The unit after a difference of two percentages, with the space before it.
pub const POINTS: &str = " 个百分点";

/// A difference of two percentages: `−3.85 个百分点`.
pub fn points(value: impl Display) -> String {
    format!("{value}{POINTS}")
}

/// How a year-on-year rule compared; `unit` is [`POINTS`] or empty.
pub fn year_on_year(
    now: impl Display,
    before: impl Display,
    diff: impl Display,
    unit: &str,
) -> String {
    format!("本年 {now} − 上年 {before} = {diff}{unit}")
}

/// How a threshold-excess rule compared.
pub fn against_benchmark(value: impl Display, benchmark: impl Display) -> String {
    format!("{value}，基准 {benchmark}")
}

/// A value no tier holds.
pub fn in_no_tier(value: &str) -> String {
    format!("{value} 不在评分标准的任何档次内")
}

/// `target` on a rubric leaf.
pub const TARGET_ON_LEAF: &str = "target 评分办法只用于开放节点（open = true）下记录自定的指标";

/// A record's own indicator without a name: the `k`-th under its group.
pub fn nth_item(group: &str, k: usize) -> String {
    format!("{group}第{k}项")
}

/// A record's own indicator without its weight.
pub const NO_WEIGHT: &str = "缺少分值";
/// A record's own indicator without its target.
pub const NO_TARGET: &str = "缺少指标值";
/// A record's own indicator without its actual value.
pub const NO_ACTUAL: &str = "缺少完成值";

/// An actual that is not a quantity where the target is one.
pub fn actual_not_quantity(actual: &str, target: &str, unit: &str) -> String {
    format!("完成值「{actual}」不是数量；指标值「{target}」是定量的，完成值应写如 650{unit}")
}

/// An actual in another unit than its target.
pub fn unit_differs(actual_unit: &str, target_unit: &str) -> String {
    format!("完成值单位「{actual_unit}」与指标值单位「{target_unit}」不同")
}

/// A percentage above what the method allows; `what` is 完成值 or 指标值.
pub fn percent_above(what: &str, value: impl Display, max: impl Display) -> String {
    format!("{what} {value}% 超过该评分办法允许的最大值 {max}%")
}

/// How a deadline is written, in messages about one.
const DEADLINE_FORMS: &str = "2023年12月底 或 2023年11月30日";

/// A target written as a date that does not exist.
pub fn target_bad_date(text: &str, problem: &str) -> String {
    format!("指标值「{text}」不是有效日期：{problem}；时限应写如 {DEADLINE_FORMS}")
}

/// An actual that is not a date where the target is a deadline.
pub fn actual_not_date(actual: &str) -> String {
    format!("完成值「{actual}」不是日期；指标值是时限，完成值应写如 {DEADLINE_FORMS}")
}

/// An actual written as a date that does not exist.
pub fn actual_bad_date(actual: &str, problem: &str) -> String {
    format!("完成值「{actual}」不是有效日期：{problem}")
}

/// A deadline missed, in the detail.
pub const LATE: &str = "未按时完成";

/// An open group with no indicator of the record's yet.
pub fn no_items(group: &str, weight: impl Display) -> String {
    format!("{group}：尚未列出三级指标（分值合计应为 {weight}）")
}

/// The record's indicators weigh outside the bounds the rubric allows.
pub fn items_out_of_bounds(
    group: &str,
    k: usize,
    sum: impl Display,
    min: impl Display,
    max: impl Display,
) -> String {
    format!("{group}：记录中 {k} 个指标的分值合计 {sum}，超出指标体系允许的范围 {min}–{max}")
}

/// The record's indicators weigh other than the rubric's weight.
pub fn items_not_weight(group: &str, k: usize, sum: impl Display, weight: impl Display) -> String {
    format!("{group}：记录中 {k} 个指标的分值合计 {sum}，与指标体系规定的分值 {weight} 不符")
}

/// A child's name and weight, in [`children_not_weight`].
pub fn name_weight(name: &str, weight: impl Display) -> String {
    format!("{name} {weight}")
}

/// Children (and open groups whose weight the record set) that do not add up to the
/// group's weight; `parts` are [`name_weight`]s.
pub fn children_not_weight(
    group: &str,
    parts: &[String],
    sum: impl Display,
    weight: impl Display,
) -> String {
    format!(
        "{group}：下级指标分值 {} 合计 {sum}，与指标体系规定的分值 {weight} 不符",
        parts.join(" + ")
    )
}

/// A level's score range: `7–8.9`.
pub fn range_both(min: &str, max: &str) -> String {
    format!("{min}–{max}")
}

/// A level's score range without its upper end: `7 至不足 9`.
pub fn range_below(min: &str, max: &str) -> String {
    format!("{min} 至不足 {max}")
}

/// A level's score range without upper bound.
pub fn range_from(min: &str) -> String {
    format!("≥ {min}")
}

/// A level's score range up to and including `max`.
pub fn range_to(max: &str) -> String {
    format!("≤ {max}")
}

/// A level's score range below `max`.
pub fn range_under(max: &str) -> String {
    format!("< {max}")
}

/// A level without bounds.
pub const RANGE_ANY: &str = "不限";

/// A range in points: `7–8.9 分`.
pub fn in_points(range: &str) -> String {
    format!("{range} 分")
}

/// A range in percent of the weight, with its points: `分值的 90%–100%（9–10 分）`.
pub fn in_percent(percent: &str, points: &str) -> String {
    format!("分值的 {percent}（{points} 分）")
}

/// A level and its range, in a list of levels.
pub fn level_with_range(name: &str, range: &str) -> String {
    format!("{name} {range}")
}

/// The levels of a list, joined.
pub fn levels(list: &[String]) -> String {
    list.join("，")
}

/// A level picked where the rubric gives no ranges.
pub fn level_ignored(level: &str) -> String {
    format!("填写了评价等级「{level}」，但指标体系没有为本指标规定各等级的得分范围，等级不参与计分")
}

/// A score in no level's range.
pub fn in_no_level(score: impl Display, levels: &str) -> String {
    format!("得分 {score} 不在任何评价等级的得分范围内（{levels}）")
}

/// A level that is not one of the rubric's.
pub fn unknown_level(level: &str, levels: &[&str]) -> String {
    format!(
        "评价等级「{level}」不是指标体系规定的等级：只能是 {}",
        levels.join(LIST_SEP)
    )
}

/// A score outside the range of its level.
pub fn outside_level(level: &str, range: &str, score: impl Display) -> String {
    format!("评价等级「{level}」的得分范围为 {range}，得分 {score} 不在其中")
}

/// A score typed on a quantitative indicator that also has an override.
pub fn score_ignored(score: impl Display) -> String {
    format!("定量指标填写了评价分 {score}，但已有调整分（override），按调整分计；请删去评价分")
}

/// A score typed on a quantitative indicator without a reason.
pub fn typed_without_reason(score: impl Display) -> String {
    format!(
        "定量指标按评分标准计分，填写的评价分 {score} 视为调整分，须在评分依据（basis）中写明理由"
    )
}

/// A typed score above the weight.
pub fn typed_above_weight(score: impl Display, weight: impl Display) -> String {
    format!("评价分 {score} 超过分值 {weight}")
}

/// An input value with more decimals than its rubric allows; `allowed` is
/// [`INTEGER_ONLY`] or `text::rubric::checks::decimals_max`.
pub fn too_many_decimals(
    indicator: &str,
    label: &str,
    value: impl Display,
    decimals: u32,
    allowed: &str,
) -> String {
    format!("{indicator}：「{label}」{value} 有 {decimals} 位小数，指标体系规定{allowed}")
}

/// What an input of no decimals allows.
pub const INTEGER_ONLY: &str = "为整数";

/// An inputs table for an indicator the rubric does not have in this section.
pub fn no_such_leaf(rubric: &str, id: &str) -> String {
    format!("指标体系 {rubric} 在本部分没有叶指标 `{id}`；请检查拼写或指标体系")
}

/// An open group, by id and name, in a list of them.
pub fn open_group(id: &str, name: &str) -> String {
    format!("{id}（{name}）")
}

/// What is listed when there is no open group.
pub const NONE: &str = super::store::NONE;

/// A record's indicator under a parent that is no open group of this section.
pub fn not_an_open_parent(name: &str, parent: &str, open: &[String]) -> String {
    let open = if open.is_empty() {
        NONE.to_string()
    } else {
        open.join(LIST_SEP)
    };
    format!("「{name}」的 parent `{parent}` 不是指标体系中本部分的开放指标（可用：{open}）")
}
