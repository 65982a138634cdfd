//! The report's own words (`jixiao export`): cover, titles, headings, table captions and
//! heads, the sentences it writes from figures, its notes, the fonts it names, and the 附件
//! (in [`annex`]).

pub mod annex;

use std::fmt::Display;

/// The body's font (Word's font name), 仿宋.
pub const FANGSONG: &str = "仿宋";
/// The font of first-level headings and the cover's 草稿 mark, 黑体.
pub const HEITI: &str = "黑体";
/// The font of second-level headings, 楷体.
pub const KAITI: &str = "楷体";
/// The font of titles and tables, 宋体.
pub const SONGTI: &str = "宋体";

/// The mark on the cover of a report exported over errors.
pub const DRAFT: &str = "草稿";
/// Under the cover's 草稿 mark (.docx).
pub const DRAFT_WARNING: &str = "（检查发现错误，强制导出，不得作为正式报告）";
/// The first lines of a Markdown report exported over errors.
pub const MARKDOWN_DRAFT: &str =
    "> **草稿**：本报告在检查发现错误的情况下强制导出，不得作为正式报告使用。\n\n";
/// The name of the table of contents (the Markdown heading, the .docx content control).
pub const CONTENTS: &str = "目录";
/// The title of the table of contents' page in the .docx (set wide, as reports do).
pub const CONTENTS_TITLE: &str = "目  录";

/// Writing the .docx package failed.
pub fn package_failed(e: impl Display) -> String {
    format!("写入 .docx 文件包失败：{e}")
}

/// The report's title on the cover.
pub fn cover_title(year: u16) -> String {
    format!("{year} 年度部门整体绩效评价报告")
}

/// The report's title at the top of the body, on two lines.
pub fn body_title(year: u16, department: &str) -> String {
    format!("{year} 年{department}\n部门整体绩效评价报告")
}

/// A section's heading (`一、部门概况`); the new record's comments use it too.
pub fn section_heading(numeral: &str, title: &str) -> String {
    format!("{numeral}、{title}")
}

/// A table's caption, numbered as the tables appear (`表 1：部门整体绩效目标`).
pub fn caption(number: usize, text: &str) -> String {
    format!("表 {number}：{text}")
}

/// A caption with the unit its table's amounts share (`…（单位：万元）`).
pub fn caption_in_unit(caption: &str, unit: &str) -> String {
    format!("{caption}（单位：{unit}）")
}

/// One of the department's duties, numbered (`（1）…`).
pub fn duty(number: usize, text: &str) -> String {
    format!("（{number}）{text}")
}

/// What a missing figure prints as, so a half-filled record still exports a readable draft.
pub const MISSING: &str = "（未填报）";

/// The sentence of a `[[sum]]` with `report`: `{short} {year} 年部门{total}共计 N 人，其中…。`;
/// each part is `label value unit`.
pub fn sum_sentence(
    short: &str,
    year: u16,
    label: &str,
    value: &str,
    unit: &str,
    parts: &[String],
) -> String {
    let mut s = format!("{short} {year} 年部门{label}共计 {value} {unit}");
    if !parts.is_empty() {
        s.push_str(&format!("，其中{}", parts.join("，")));
    }
    s.push('。');
    s
}

/// A part of a `[[sum]]` sentence (`在职人员 1,234 人`).
pub fn sum_part(label: &str, value: &str, unit: &str) -> String {
    format!("{label} {value} {unit}")
}

/// The `{change:ID}` placeholder for a rate lower than last year's.
pub fn fell_by(points: impl Display) -> String {
    format!("下降 {points} 个百分点")
}

/// The `{change:ID}` placeholder for a rate higher than last year's.
pub fn rose_by(points: impl Display) -> String {
    format!("上升 {points} 个百分点")
}

/// The `{change:ID}` placeholder for a rate equal to last year's.
pub const UNCHANGED: &str = "持平";

/// The heading of the score part of 五、总体评价结论.
pub const SCORE_HEADING: &str = "（一）评价得分情况";
/// The heading of the problems part of 五、总体评价结论.
pub const PROBLEMS_HEADING: &str = "（二）存在的问题及原因分析";

/// The sentence before the score table, of a complete record.
pub fn score_sentence(year: u16, short: &str, total: &str, grade: &str) -> String {
    format!(
        "{year} 年{short}部门整体绩效评价得分为 {total} 分，综合评价等级为“{grade}”，各一级指标得分情况如下："
    )
}

/// The sentence before the score table, of a record with figures missing.
pub fn incomplete_sentence(year: u16, short: &str) -> String {
    format!(
        "{year} 年{short}部门整体绩效评价尚未完成（有未填报的数据），不计总分和等级，各一级指标情况如下："
    )
}

/// The score table's caption.
pub fn score_caption(year: u16, short: &str) -> String {
    format!("{year} 年{short}部门整体绩效得分情况表")
}

/// The note under the score table (and the 附件) when indicators are not applicable.
pub const RESCALED_NOTE: &str = "注：有指标不适用，合计得分已按适用指标的分值折算为百分制。";

/// Between a problem's or recommendation's bold title and its text.
pub const TITLE_SEP: &str = "，";

/// 表 1's caption.
pub const GOALS_CAPTION: &str = "部门整体绩效目标";
/// 表 1's column heads.
pub const GOALS_HEADS: [&str; 4] = ["活动", "绩效指标", "指标性质", "指标值"];

/// The last words of a narrative that announce a table below (`具体完成情况如下表：`); the
/// clause goes when no table follows.
pub const TABLE_LEAD_INS: [&str; 4] = ["如下表", "见下表", "如下", "详见下表"];
/// What ends a narrative that announces a table.
pub const LEAD_IN_ENDS: [char; 2] = ['：', ':'];
/// What ends the clause before the one announcing a table.
pub const CLAUSE_ENDS: [char; 4] = ['，', '。', '；', ','];
/// What ends the sentence once the announcing clause is gone.
pub const FULL_STOP: &str = "。";

/// The 附件's line at the end of the body (the rubric's title without its year).
pub fn annex_line(year: u16, rubric_title: &str) -> String {
    format!("附件：{year}年度{rubric_title}评分表")
}

/// The label above the 附件's title.
pub const ANNEX: &str = "附件";

/// The 附件's title.
pub fn annex_title(year: u16, department: &str) -> String {
    format!("{year}年度{department}部门整体绩效评价指标体系评分表")
}

/// What follows the year at the start of a rubric's title (`2023年度…`), longest first: the
/// report puts the record's year in its place.
pub const AFTER_YEAR: [&str; 2] = ["年度", "年"];
