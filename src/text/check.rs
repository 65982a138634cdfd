//! What the checks say (findings) and the words they read in narratives.

use std::fmt::Display;

/// Between the items of a list.
pub const LIST_SEP: &str = "、";
/// No department name.
pub const NO_DEPT_NAME: &str = "缺少部门名称";
/// No problem listed.
pub const NO_PROBLEMS: &str = "未列出存在的问题及原因分析";
/// No recommendation.
pub const NO_RECOMMENDATIONS: &str = "未提出措施建议";
/// A rate's percentage as written up (away from zero).
pub const ROUNDED_UP: &str = "；所写数字是向上进位所得，本报告一律四舍五入";
/// A score the evaluator typed.
pub const TYPED_SCORE: &str = "评价分";
/// A score adjusted over the computed one.
pub const ADJUSTED_SCORE: &str = "调整分";
/// A reason left empty.
pub const NOT_WRITTEN: &str = "未写";
/// A change rate that cannot be computed.
pub const NO_ADJUST_RATE: &str = "，调整率 —";

/// What may stand between a term and its figure in a narrative (`支出为 1,398万元`).
pub const CONNECTORS: &[char] = &[
    ' ', '\u{3000}', '为', '是', '达', '：', ':', '共', '计', '合', '数', '额', '约',
];
/// The fullwidth percent sign, as a unit written.
pub const FULLWIDTH_PERCENT: &str = "％";
/// What ends a sentence for the narrative checks.
pub const SENTENCE_ENDS: [char; 3] = ['。', '\n', '；'];
/// What follows a year written as a year (`2023年`).
pub const YEAR_WORDS: &[&str] = &["年", " 年"];
/// The word that lists the parts of a total.
pub const OF_WHICH: &str = "其中";
/// Words of change (`较上年下降`).
pub const CHANGE_WORDS: &[&str] = &["下降", "降低", "减少", "上升", "提高", "增加", "增长"];
/// Words for the previous year.
pub const LAST_YEAR_WORDS: &[&str] = &["上一年", "上年", "去年"];

/// An open note's answer.
pub fn note_answer(by: &str, answer: &str) -> String {
    format!("；答复（{by}）：{answer}")
}

/// An open note.
pub fn open_note(n: usize, by: &str, status: impl Display, text: &str, answer: &str) -> String {
    format!("批注 {n}（{by}，{status}）：{text}{answer}")
}

/// A qualitative indicator met but scored below its weight.
pub fn met_but_lost(actual: &str, lost: impl Display) -> String {
    format!("完成值「{actual}」等于指标值，却扣 {lost} 分")
}

/// Points lost.
pub fn lost(lost: impl Display) -> String {
    format!("扣 {lost} 分")
}

/// A qualitative indicator's lost points without a basis.
pub fn no_basis(name: &str, score: impl Display, weight: impl Display, why: &str) -> String {
    format!("{name}：定性指标得 {score} / {weight} 分，{why}，没有评分依据")
}

/// Several such indicators at once.
pub fn many_without_basis(n: usize, lost: impl Display, list: &str) -> String {
    format!("{n} 个定性指标完成值等于指标值，却共扣 {lost} 分且均无评分依据：{list}")
}

/// A problem without text.
pub fn empty_problem(n: usize) -> String {
    format!("问题 {n} 没有内容")
}

/// A problem no recommendation answers.
pub fn problem_without_recommendation(n: usize, title: &str) -> String {
    format!("问题 {n}「{title}」没有对应的措施建议（建议的「对应问题」填 {n}）")
}

/// A recommendation without text.
pub fn empty_recommendation(n: usize) -> String {
    format!("建议 {n} 没有内容")
}

/// A recommendation for a problem that does not exist.
pub fn no_such_problem(n: usize, problem: u64, problems: usize) -> String {
    format!("建议 {n} 对应的问题编号 {problem} 不存在（共 {problems} 个问题）")
}

/// A figure in a narrative that differs from the one entered.
pub fn figure_differs(quote: &str, label: &str, shown: &str, unit: &str) -> String {
    format!("叙述写「{quote}」，而填报的{label}为 {shown} {unit}")
}

/// A rate in a narrative that differs from the one computed.
pub fn rate_differs(
    quote: &str,
    name: &str,
    exact: impl Display,
    numerator: impl Display,
    denominator: impl Display,
    hint: &str,
) -> String {
    format!(
        "叙述写「{quote}」，按填报数计算{name}为 {exact}（{numerator} / {denominator}，四舍五入）{hint}"
    )
}

/// The total that parts actually sum to.
pub fn belongs_to(label: &str, sum: impl Display, unit: &str) -> String {
    format!("，而等于{label} {sum} {unit}：「其中」接错了总数")
}

/// Parts that do not sum to the total they follow.
pub fn parts_wrong_total(
    listed: &str,
    sum: impl Display,
    unit: &str,
    label: &str,
    total: impl Display,
    tail: &str,
) -> String {
    format!("「其中」所列 {listed} = {sum} {unit}，不等于它所接的{label} {total} {unit}{tail}")
}

/// A difference of rates written as a percentage.
pub fn rate_points(
    word: &str,
    written: &str,
    name: &str,
    prev: impl Display,
    cur: impl Display,
    value: impl Display,
    relative: &str,
) -> String {
    format!(
        "「{word}{written}」是两个比率之差（{name} {prev} − {cur}）：应写作{word} {value} 个百分点；按相对变化计为{word} {relative}"
    )
}

/// A score the rubric's method cannot give.
pub fn unreachable(
    name: &str,
    score: impl Display,
    rule: &str,
    list: &str,
    computed: &str,
    what: &str,
    reason: &str,
) -> String {
    format!(
        "{name}：得分 {score} 按评分标准不可得（{rule}，只可能得 {list} 分；按填报计算为 {computed} 分）；这是{what}，理由：{reason}"
    )
}

/// An indicator's detail after its rule.
pub fn detail(detail: &str) -> String {
    format!("：{detail}")
}

/// A row's target and actual after its rule.
pub fn target_actual(target: &str, actual: &str) -> String {
    format!("：指标值 {target}，完成值 {actual}")
}

/// A score set over the computed one.
pub fn override_differs(
    name: &str,
    what: &str,
    score: impl Display,
    computed: impl Display,
    rule: impl Display,
    how: &str,
    reason: &str,
) -> String {
    format!(
        "{name}：{what} {score} 与按评分标准计算的 {computed} 分不同（{rule}{how}）；理由：{reason}"
    )
}

/// A figure not entered.
pub fn missing_figure(label: &str, unit: &str) -> String {
    format!("缺少「{label}」（{unit}）")
}

/// Parts larger than their total.
pub fn parts_exceed(what: &str, label: &str, total: impl Display) -> String {
    format!("{what} 大于{label} {total}")
}

/// A difference to explain.
pub fn explain_difference(msg: &str, diff: impl Display) -> String {
    format!("{msg}；差额 {diff} 若为其他，请在说明中写明")
}

/// A score below the share of its weight that needs an explanation.
pub fn score_below(
    name: &str,
    score: impl Display,
    weight: impl Display,
    pct: impl Display,
    message: &str,
) -> String {
    format!("{name}：得 {score} / {weight} 分，低于分值的 {pct}%；{message}")
}

/// A figure below its bound.
pub fn below(name: &str, shown: &str, bound: impl Display) -> String {
    format!("{name} {shown} 低于 {bound}")
}

/// A figure above its bound.
pub fn above(name: &str, shown: &str, bound: impl Display) -> String {
    format!("{name} {shown} 高于 {bound}")
}

/// A change rate.
pub fn adjust_rate(rate: impl Display) -> String {
    format!("，调整率 {rate}")
}

/// The words an explanation must hold.
pub fn one_of_words(words: &[String]) -> String {
    format!("（须含「{}」之一）", words.join("」「"))
}

/// An explanation the rubric asks for and the record lacks.
pub fn not_explained(trigger: &str, message: &str, label: &str, words: &str) -> String {
    format!("{trigger}：{message}；「{label}」未写明{words}")
}
