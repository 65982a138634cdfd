//! What the command line prints: the score table, findings, notes and the summary's output.

use std::fmt::Display;

/// The title of table 4.
pub const TABLE4_TITLE: &str = "表 4 部门整体绩效得分情况\n";
/// Column: first-level indicator.
pub const GROUP: &str = "一级指标";
/// Column: weight.
pub const WEIGHT: &str = "分值";
/// Column: score.
pub const SCORE: &str = "得分";
/// Column: score rate.
pub const RATE: &str = "得分率";
/// Row: sum.
pub const SUM: &str = "合计";
/// Column: indicator.
pub const INDICATOR: &str = "指标";
/// Column: the computed score.
pub const COMPUTED: &str = "计算";
/// Column: note.
pub const NOTE: &str = "说明";
/// A total rescaled for indicators not applicable.
pub const RESCALED: &str = "（有不适用指标，总分已按适用分值折算为百分制）\n";
/// The grade of an incomplete record.
pub const GRADE_INCOMPLETE: &str = "综合评价等级：未完成（尚有未填报的数据，不评等级）\n\n";
/// The title of the detail table.
pub const DETAIL_TITLE: &str = "附件 评分明细（* 为调整分）\n";
/// No findings.
pub const NO_FINDINGS: &str = "没有发现问题。\n";

/// The title of `jixiao score`.
pub fn score_title(name: &str, year: u16, rubric: &str) -> String {
    format!("{name} {year} 年度部门整体绩效评价（指标体系 {rubric}）\n\n")
}

/// The grade line.
pub fn grade_line(grade: &str) -> String {
    format!("综合评价等级：{grade}\n\n")
}

/// An indicator's target and actual.
pub fn target_actual(target: &str, actual: &str) -> String {
    format!("指标值 {target} 完成值 {actual}")
}

/// An indicator not applicable.
pub fn not_applicable(why: &str) -> String {
    format!("不适用：{why}")
}

/// An adjusted score's reason.
pub fn adjusted(reason: &str) -> String {
    format!("调整分，理由：{reason}")
}

/// How many errors and warnings.
pub fn finding_counts(errors: usize, warnings: usize) -> String {
    format!("{errors} 个错误，{warnings} 个警告\n")
}

/// A note in `jixiao notes`.
pub fn note_line(n: usize, status: impl Display, field: &str, by: &str, text: &str) -> String {
    format!("{n}. [{status}] {field}  {by}：{text}\n")
}

/// A note's answer in `jixiao notes`.
pub fn note_answer(by: &str, answer: &str) -> String {
    format!("   答复（{by}）：{answer}\n")
}

/// Who resolved a note.
pub fn note_resolved(by: &str) -> String {
    format!("   已由 {by} 解决\n")
}

/// A note written.
pub fn note_written(id: &str, field: &str) -> String {
    format!("批注 {id} 已写在 {field}")
}

/// A note answered.
pub fn note_answered(note: &str) -> String {
    format!("已答复批注 {note}")
}

/// A note resolved.
pub fn note_done(note: &str) -> String {
    format!("批注 {note} 已解决")
}

/// A record without notes.
pub fn no_notes(dept: impl Display, year: u16) -> String {
    format!("{dept}/{year} 没有批注\n")
}

/// A draft approved.
pub fn approved(dept: impl Display, year: u16, draft: &str, tag: &str) -> String {
    format!("{dept}/{year} {draft} 审核通过（标签 {tag}）\n")
}

/// A record reopened.
pub fn reopened(dept: impl Display, year: u16, message: &str) -> String {
    format!("{dept}/{year} 已重新开放：{message}")
}

/// A record the summary could not read.
pub fn summary_unread(what: &str, error: &str) -> String {
    format!("jixiao summary: 未读取 {what}{error}")
}

/// The summary's default file name.
pub fn summary_file(year: Option<u16>, ext: &str) -> String {
    match year {
        Some(y) => format!("绩效汇总-{y}.{ext}"),
        None => format!("绩效汇总.{ext}"),
    }
}

/// The summary could not be written.
pub fn summary_write_failed(path: impl Display) -> String {
    format!("写入汇总表 {path} 失败")
}

/// The summary written.
pub fn summary_written(path: impl Display, records: usize, departments: usize) -> String {
    format!("已写出汇总表 {path}（{records} 份记录，{departments} 个部门）")
}
