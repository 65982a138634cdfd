//! What the finance bureau's summary (`jixiao summary`, and the home screen's distribution
//! line) says: the statuses of its rows, its sheets' names and titles, and its column heads.

use super::printers::{RATE, SCORE};
use super::store::TOTAL;
use std::fmt::Display;

/// The stages of a report, in order, as drafts are named (`jixiao draft DEPT YEAR 初稿`):
/// a row's status is the furthest of them among its draft names (compared as typed).
pub const STAGES: [&str; 3] = ["初稿", "征求意见稿", "终稿"];
/// The status, score or count of a record none of whose drafts is a stage yet, or that still
/// lacks inputs.
pub const UNFINISHED: &str = "未完成";
/// An indicator not applicable in a year, in the year-on-year sheet.
pub const NOT_APPLICABLE: &str = "不适用";
/// Records that could not be read: the count's name, a column head and the sheet's name.
pub const UNREADABLE: &str = "无法读取";
/// The title of the sheet of records that could not be read.
pub const UNREADABLE_TITLE: &str = "无法读取的记录（未计入汇总）";
/// The heads of the sheet of records that could not be read.
pub const UNREADABLE_HEAD: [&str; 2] = ["记录", "原因"];
/// The Markdown summary of a repository without records.
pub const NO_RECORDS: &str = "没有记录。";
/// Department name: a column head of a rubric's sheet, a row of the year-on-year sheet.
pub const DEPT_NAME: &str = "部门名称";
/// Grade: a column head of a rubric's sheet, a row of the year-on-year sheet.
pub const GRADE: &str = "等级";
/// Year: the first column head of the distribution.
pub const YEAR: &str = "年度";
/// The column heads of a rubric's sheet before its 一级指标.
pub const RECORD_HEAD: [&str; 5] = ["部门标识", YEAR, DEPT_NAME, TOTAL, GRADE];
/// The column heads of a rubric's sheet after its 一级指标.
pub const RECORD_TAIL: [&str; 5] = ["执行率", "状态", "评价单位", "最后保存人", "最后保存时间"];
/// A rubric's sheet when the rubric names no execution rate (after its name in the title).
pub const NO_EXECUTION_RATE: &str = "；该指标体系未指定执行率";
/// The grade distribution's sheet name.
pub const DISTRIBUTION: &str = "等级分布";
/// The level names of an indicator column head (`一级指标` …); deeper levels are `下级指标`.
const LEVELS: [&str; 9] = ["一", "二", "三", "四", "五", "六", "七", "八", "九"];

/// The year a summary is for, in titles: `（2023 年度）`, or empty for all years.
pub fn for_year(year: Option<u16>) -> String {
    year.map(|y| format!("（{y} 年度）")).unwrap_or_default()
}

/// The Markdown summary's title.
pub fn title(year: Option<u16>) -> String {
    format!("部门整体绩效评价汇总{}", for_year(year))
}

/// A 一级指标's score, a column head of its rubric's sheet.
pub fn group_score(group: &str) -> String {
    format!("{group}{SCORE}")
}

/// A 一级指标's 得分率, a column head of its rubric's sheet.
pub fn group_rate(group: &str) -> String {
    format!("{group}{RATE}")
}

/// The rate a rubric's sheet shows as 执行率 (after the rubric's name in the title).
pub fn execution_rate(rate: &str) -> String {
    format!("；执行率为{rate}")
}

/// A rubric's sheet name (cut and made unique afterwards).
pub fn rubric_sheet(rubric: &str) -> String {
    format!("汇总-{rubric}")
}

/// A rubric's sheet title; `rate` is [`execution_rate`] or [`NO_EXECUTION_RATE`].
pub fn rubric_title(year: Option<u16>, title: &str, rubric: &str, rate: &str) -> String {
    format!("汇总{}：{title}（{rubric}{rate}）", for_year(year))
}

/// A department's year-on-year sheet name (cut and made unique afterwards).
pub fn department_sheet(dept: impl Display) -> String {
    format!("同比-{dept}")
}

/// A department's year-on-year sheet title.
pub fn department_title(name: &str, dept: impl Display) -> String {
    format!("{name}（{dept}）历年得分")
}

/// The head of the column of indicators of level `depth` (0 is the top): `一级指标`.
pub fn level_head(depth: usize) -> String {
    format!("{}级指标", LEVELS.get(depth).copied().unwrap_or("下"))
}

/// A year's column head in the year-on-year sheet.
pub fn year_head(year: u16) -> String {
    format!("{year} 年度")
}

/// The grade distribution's title.
pub fn distribution_title(year: Option<u16>) -> String {
    format!("{DISTRIBUTION}{}", for_year(year))
}

/// One count of the distribution line (`优 3`).
pub fn count(what: &str, n: usize) -> String {
    format!("{what} {n}")
}

/// The home screen's distribution line, from its counts (`等级分布：优 3  良 1`).
pub fn distribution_line(counts: &[String]) -> String {
    format!("{DISTRIBUTION}：{}", counts.join("  "))
}

/// The workbook could not be made.
pub fn xlsx_failed(e: impl Display) -> String {
    format!("生成汇总表（.xlsx）失败：{e}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_name_the_year_only_when_one_is_asked_for() {
        assert_eq!(
            rubric_title(
                Some(2024),
                "北京市部门整体",
                "bj",
                &execution_rate("部门预算执行率")
            ),
            "汇总（2024 年度）：北京市部门整体（bj；执行率为部门预算执行率）"
        );
        assert_eq!(
            rubric_title(None, "财政部", "mof", NO_EXECUTION_RATE),
            "汇总：财政部（mof；该指标体系未指定执行率）"
        );
        assert_eq!(distribution_title(Some(2023)), "等级分布（2023 年度）");
        assert_eq!(title(None), "部门整体绩效评价汇总");
        assert_eq!(
            RECORD_HEAD,
            ["部门标识", "年度", "部门名称", "总分", "等级"]
        );
        // Past the ninth level a column is named by its depth no more.
        assert_eq!(level_head(0), "一级指标");
        assert_eq!(level_head(9), "下级指标");
    }
}
