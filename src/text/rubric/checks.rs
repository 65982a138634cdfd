//! What `jixiao rubric check` says is wrong with a rubric (`crate::rubric::validate` and the
//! checks of its catalogue, columns, inputs and ranges): each message names the key and
//! says what is allowed.

use std::fmt::Display;

/// Between the items of a list.
pub const LIST_SEP: &str = super::super::check::LIST_SEP;

/// `total` is 0.
pub const TOTAL_ZERO: &str = "`total` 为 0：总分须大于 0（通常为 100）";
/// No indicator at all.
pub const NO_INDICATORS: &str = "没有指标：至少要有一个 [[indicator]]（一级指标）";
/// No grade.
pub const NO_GRADES: &str = "没有等级：须有 [[grade]]，每个写 `name` 和 `min`";
/// The lowest grade does not start at 0.
pub const LOWEST_GRADE_MIN: &str = "最低等级的 `min` 须为 0，否则有的得分没有等级";
/// A rate with too many decimals.
pub const RATE_DECIMALS_MAX: &str = "`decimals` 最多为 10";
/// An indicator of weight 0.
pub const WEIGHT_ZERO: &str =
    "`weight` 为 0：分值须大于 0（不适用的指标在记录中标为不适用，不要写 0 分值）";
/// An open indicator with children.
pub const OPEN_WITH_CHILDREN: &str =
    "`open = true` 的指标由记录给出下级指标：去掉 `open` 或去掉下级指标";
/// `heads` on an indicator whose method prints no three value columns.
pub const HEADS_ONLY_RATIO: &str =
    "`heads` 只用于 ratio、inverse_ratio 评分办法的指标（附件中的三列数值）";
/// A leaf without a method.
pub const LEAF_WITHOUT_METHOD: &str = "末级指标须有评分方法 [indicator.method]（`kind` 及其参数）";
/// `late_score` outside 0–100.
pub const LATE_SCORE_RANGE: &str = "`late_score` 是分值的百分比：须在 0 到 100 之间";
/// `target` on an indicator that is not open.
pub const TARGET_NOT_OPEN: &str =
    "method `kind = \"target\"` 为记录自列指标评分：须同时写 `open = true`";
/// An open indicator with another method than `target`.
pub const OPEN_NOT_TARGET: &str =
    "`open = true` 的指标须用 method `kind = \"target\"` 为记录自列指标评分";
/// A checklist without items.
pub const CHECKLIST_EMPTY: &str = "checklist 的 `items` 为空：至少写一项检查内容";
/// Tiers without a tier.
pub const TIERS_EMPTY: &str = "tiers 的 `tiers` 为空：至少写一档";

/// The 一级指标's weights do not add up to `total`.
pub fn groups_not_total(sum: impl Display, total: impl Display) -> String {
    format!("一级指标的 `weight` 合计 {sum}，不等于 `total` {total}：两者须相等")
}

/// A grade no score can reach.
pub fn grade_above_total(name: &str, min: impl Display, total: impl Display) -> String {
    format!("等级 `{name}` 的 `min` 为 {min}，超过 `total` {total}：等级下限须不超过总分")
}

/// Two grades with the same lower bound.
pub fn grades_same_min(min: impl Display) -> String {
    format!("两个等级的 `min` 都是 {min}：每个等级的下限须不同")
}

/// `execution_rate` naming no rate.
pub fn execution_rate_unknown(id: &str) -> String {
    format!(
        "`execution_rate = \"{id}\"` 不是本指标体系的 [[rate]]：须是某个 [[rate]] 的 id（如部门预算执行率）"
    )
}

/// `execution_rate` naming a rate that is not this year's spent / budget in percent.
pub fn execution_rate_kind(id: &str) -> String {
    format!(
        "`execution_rate = \"{id}\"` 须指向本年度的百分比比率（kind = \"ratio\"，unit 为百分比，不是 previous_year）：汇总表中的执行率是支出数 / 预算数"
    )
}

/// `field:` naming no declared figure.
pub fn not_a_figure_source(key: &str) -> String {
    format!("`field:{key}` 不是记录中的数字：只能用指标体系 [[figure]] 声明的数字 `field:节.名称`")
}

/// A rate's `input:` not written as `input:ID.NAME` of a leaf.
pub fn rate_input_form(key: &str) -> String {
    format!(
        "`input:{key}` 须写成 `input:指标id.名称`，指标id 为本指标体系的末级指标：比率读取该指标输入表中的值"
    )
}

/// A rate computed from itself.
pub fn rate_of_itself(id: &str) -> String {
    format!("`rate:{id}` 指向比率自身：比率不能由自己算出")
}

/// A rate other than a change reading a rate.
pub fn rate_of_rate(id: &str) -> String {
    format!(
        "分子和分母不能是 `rate:{id}`：只有 `kind = \"change\"`（两数之差）的比率可以引用写在它之前的比率；其他比率由记录的数字 `field:节.名称`、输入 `input:指标id.名称` 或常数算出"
    )
}

/// A change reading a rate written after it.
pub fn rate_not_before(id: &str) -> String {
    format!("`rate:{id}` 须是写在本比率之前的 [[rate]]")
}

/// A 一级指标 placed in a section that lists no indicators; `holding` lists those that do.
pub fn section_holds_no_indicators(id: &str, title: &str, holding: &[&str]) -> String {
    format!(
        "`section` 为 `{id}`（{title}），该节不列指标：一级指标只能放在 overview、budget、targets 或 management（{}）",
        holding.join(LIST_SEP)
    )
}

/// Children whose weights do not add up to their parent's.
pub fn children_not_weight(sum: impl Display, weight: impl Display) -> String {
    format!("下级指标的 `weight` 合计 {sum}，不等于本指标的 `weight` {weight}：两者须相等")
}

/// `heads` without exactly three names.
pub fn heads_count(n: usize) -> String {
    format!("`heads` 有 {n} 个列名：须恰好 3 个（指标值、完成值、完成率各列的表头）")
}

/// `details` naming an undefined rate.
pub fn unknown_detail(id: &str) -> String {
    format!("`details` 中的比率 `{id}` 未由 [[rate]] 定义：只能写已定义的比率 id")
}

/// A group with a method of its own.
pub fn group_with_method(kind: &str) -> String {
    format!("有下级指标，得分为下级之和：删去它的 `{kind}` 评分方法（method）")
}

/// `rate:` naming no defined rate.
pub fn unknown_rate(id: &str) -> String {
    format!("`rate:{id}` 未由指标体系的 [[rate]] 定义：只能用已定义的比率 id")
}

/// `input:` naming a field every inputs table has.
pub fn reserved_input(name: &str) -> String {
    format!("`input:{name}` 无法填写：`{name}` 是每个输入表都有的字段，请换一个名称")
}

/// A parameter that must be above 0.
pub fn must_be_positive(kind: &str, name: &str) -> String {
    format!("{kind} 的 `{name}` 为 0：须大于 0")
}

/// A band whose `to` is not above its `from` (1-based).
pub fn band_reversed(n: usize) -> String {
    format!("`bands` 第 {n} 档的 `to` 不大于 `from`（区间倒置）：须 from < to")
}

/// A band that does not end where the next begins (1-based).
pub fn bands_not_joined(n: usize, next: usize) -> String {
    format!("`bands` 第 {n} 档的 `to` 不等于第 {next} 档的 `from`：各档须首尾相接")
}

/// A band deducting more than the weight (1-based).
pub fn band_deduct_range(n: usize) -> String {
    format!("`bands` 第 {n} 档的 `deduct` 超过分值的 100%：须在 0 到 100 之间")
}

/// A tier scoring more than the weight (1-based).
pub fn tier_above_weight(n: usize) -> String {
    format!("`tiers` 第 {n} 档的 `score` 超过分值：须不大于 `weight`")
}

/// A tier whose range is reversed or empty (1-based).
pub fn tier_reversed(n: usize) -> String {
    format!("`tiers` 第 {n} 档的 `to` 小于 `from`（区间倒置或为空）：须 from < to")
}

/// Values from `from` to `to`, in a message on ranges.
pub fn between(from: impl Display, to: impl Display) -> String {
    format!("{from} 至 {to}")
}

/// Values from `from` up.
pub fn from_up(from: impl Display) -> String {
    format!("{from} 以上")
}

/// Values up to `to`.
pub fn up_to(to: impl Display) -> String {
    format!("{to} 以下")
}

/// Every value.
pub const ALL_VALUES: &str = "所有值";

/// Two tiers sharing values (1-based).
pub fn tiers_overlap(i: usize, j: usize, at: &str) -> String {
    format!(
        "`tiers` 第 {i} 档与第 {j} 档重叠（{at} 同属两档）：一个值只能落在一档，请用 from_inclusive / to_inclusive 定好边界"
    )
}

/// Values between tiers that no tier holds.
pub fn tiers_gap(gap: &str) -> String {
    format!("`tiers` 之间有空档：{gap} 不在任何一档内，各档须首尾相接")
}

/// A level without a name (1-based).
pub fn level_without_name(n: usize) -> String {
    format!("`levels` 第 {n} 个等级没有 `name`")
}

/// A level named twice.
pub fn level_twice(name: &str) -> String {
    format!("`levels` 中等级「{name}」出现两次")
}

/// A level whose range is reversed or empty.
pub fn level_reversed(name: &str) -> String {
    format!("`levels` 等级「{name}」的 `max` 小于 `min`（区间倒置或为空）")
}

/// A level reaching above the weight.
pub fn level_above(name: &str, top: impl Display) -> String {
    format!("`levels` 等级「{name}」的得分范围超过 {top}：须在分值之内")
}

/// Two levels sharing scores.
pub fn levels_overlap(a: &str, b: &str, at: &str) -> String {
    format!("`levels` 等级「{a}」与「{b}」的得分范围重叠（{at}）")
}

/// An `[[indicator.input]]` no method or rate reads.
pub fn input_not_read(name: &str, id: &str) -> String {
    format!(
        "[[indicator.input]] `{name}` 没有被评分办法或比率读取：声明的输入须是 `input:{name}`（或比率的 `input:{id}.{name}`）读取的值"
    )
}

/// An `[[indicator.input]]` declared twice.
pub fn input_twice(name: &str) -> String {
    format!("[[indicator.input]] `{name}` 声明了两次")
}

/// An `[[indicator.input]]` with too many decimals.
pub fn input_decimals(name: &str, max: u32) -> String {
    format!("[[indicator.input]] `{name}` 的 `decimals` 最多为 {max}")
}

/// A value an indicator's method or a rate reads from its inputs table without a label:
/// the evaluator would read a made-up one (warning, not an error: the rubric still scores).
pub fn input_without_label(name: &str, id: &str, shown: &str) -> String {
    format!(
        "输入 `{name}` 没有名称：表单、提示和差异中将显示为「{shown}」；请在指标 `{id}` 后写 [[indicator.input]]，name = \"{name}\"，label = \"名称\"（如 实际完成工作数）"
    )
}

/// A figure, narrative or column declared twice.
pub fn declared_twice(id: &str) -> String {
    format!("`{id}` 声明了两次")
}

/// More decimals than any figure may take.
pub fn decimals_max(max: u32) -> String {
    format!("最多 {max} 位小数")
}

/// A figure id that is not declared.
pub fn not_a_figure(id: &str) -> String {
    format!("`{id}` 不是已声明的数字")
}

/// A part of the report that does not exist, with those that do.
pub fn not_a_block(block: &str, blocks: &[&str]) -> String {
    format!(
        "`{block}` 不是报告的组成部分；请用以下之一：{}",
        blocks.join(", ")
    )
}

/// A term of a sum that is not a declared figure (1-based).
pub fn sum_term_not_a_figure(id: &str, n: usize) -> String {
    format!("`{id}`（第 {n} 项）不是已声明的数字")
}

/// A sum without parts.
pub const SUM_WITHOUT_PARTS: &str = "合计至少需要一个组成项";
/// An explanation rule with no trigger or several.
pub const ONE_TRIGGER: &str = "below、above、differs_from、scores_below 中须恰好给出一个";
/// An explanation rule watching nothing.
pub const NO_WATCHED_VALUE: &str = "缺少所监测的值（`rate:标识` 或 `field:部分.名称`）";
/// An explanation rule naming no narrative.
pub const NO_EXPLAIN_FIELD: &str = "请指明须写明原因的叙述";

/// A narrative id that is not declared.
pub fn not_a_narrative(id: &str) -> String {
    format!("`{id}` 不是已声明的叙述")
}

/// A figure or narrative id not of the form `SECTION.NAME`.
pub fn not_section_name(id: &str, structural: &[&str]) -> String {
    format!(
        "`{id}` 不是“部分.名称”形式（部分为 `overview`、`budget`、`targets`、`management` 之一，名称不能是 {}）",
        structural.join(", ")
    )
}

/// A column without a head.
pub const COLUMN_WITHOUT_LABEL: &str = "列须有表头 `label`（如 是否核心指标）";
/// `decimals` on a column that is not a number.
pub const COLUMN_DECIMALS_NUMBER: &str = "`decimals` 只用于 `kind = \"number\"` 的列";

/// `rate:` in an explanation rule naming no rate.
pub fn explain_unknown_rate(id: &str) -> String {
    format!("`rate:{id}` 未由指标体系中的 [[rate]] 定义")
}

/// `input:` in an explanation rule.
pub fn explain_input(name: &str) -> String {
    format!("`input:{name}` 只属于一个指标；请监测数字（`field:…`）或比率（`rate:…`）")
}

/// 表 2's rows without its caption and heads.
pub const EXECUTION_TABLE_MISSING: &str = "声明了 [[execution_row]] 却没有 [execution_table]：请写表 2 的 caption（标题，可含 {year}、{short}）及 item、budget、spent、rate 四个列名";

/// A column given to a group that is not open.
pub fn column_group_not_open(group: &str) -> String {
    format!("`{group}` 不是指标体系中的开放指标（open = true）：列只给记录自列的指标")
}

/// Columns in a rubric without open groups.
pub const COLUMNS_WITHOUT_OPEN: &str =
    "指标体系没有开放指标（open = true）：[[column]] 是记录自列指标的列，无处可用";

/// A placeholder of a caption the report cannot fill.
pub fn unknown_caption_placeholder(name: &str) -> String {
    format!(
        "`{{{name}}}` 既不是已声明的数字，也不是 {{rate:ID}}、{{year}}、{{prev_year}}、{{short}}"
    )
}

/// A placeholder of a narrative's template the report cannot fill.
pub fn unknown_template_placeholder(name: &str) -> String {
    format!(
        "`{{{name}}}` 既不是已声明的数字，也不是 {{rate:ID}}、{{change:ID}}、{{year}}、{{prev_year}}、{{short}}"
    )
}

/// `then = ["indicators:ID"]` naming no open indicator.
pub fn not_open(id: &str) -> String {
    format!("`{id}` 不是指标体系中的开放指标（open = true）")
}

/// An open group's table placed after a narrative of another section.
pub fn open_in_other_section(
    id: &str,
    section_title: &str,
    section_id: &str,
    narrative: &str,
    narrative_section: &str,
) -> String {
    format!(
        "开放指标 `{id}` 属于「{section_title}」部分（section = \"{section_id}\"），叙述 `{narrative}` 在「{narrative_section}」部分：只能放在本部分的开放指标之后"
    )
}
