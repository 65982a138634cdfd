//! The names of the record's own fields and table columns as the report and the editor call
//! them (the rubric names its figures, narratives and indicators itself); what is wrong in a
//! record's values ([`invalid`]), the words of its notes ([`notes`]) and the comments of a new
//! record ([`template`]).

pub mod invalid;
pub mod notes;
pub mod template;

/// 简称, the department's short name.
pub const SHORT_NAME: &str = "简称";
/// 评价单位, who evaluates.
pub const EVALUATOR: &str = "评价单位";
/// 评分依据, why a qualitative indicator got its score.
pub const BASIS: &str = "评分依据";

/// The name of a field of the record's own structure, by its key under its section (or at
/// the top); `None` for keys the rubric declares.
pub fn own_field(section: &str, key: &str) -> Option<&'static str> {
    Some(match (section, key) {
        ("", "rubric") => "指标体系",
        ("overview", "name") => "部门名称",
        ("overview", "short_name") => SHORT_NAME,
        ("overview", "evaluator") => EVALUATOR,
        ("overview", "report_date") => "报告日期",
        ("overview", "duties") => "主要职责",
        _ => return None,
    })
}

/// A table of rows of the record, by its path.
pub fn table(path: &str) -> Option<&'static str> {
    // The record's own indicators, in whichever section the rubric places their group.
    if own_rows(path) {
        return Some("三级指标");
    }
    Some(match path {
        "overview.goals" => "表 1 部门整体绩效目标",
        "conclusion.problems" => "存在的问题",
        "recommendations.items" => "措施建议",
        _ => return None,
    })
}

/// Whether `path` is a section's table of the record's own indicators (`budget.indicators`).
fn own_rows(path: &str) -> bool {
    path.strip_suffix(".indicators")
        .and_then(crate::section::Section::from_id)
        .is_some_and(|s| s.holds_fields())
}

/// A column of a table of rows, by the table's path and the column's key.
pub fn column(table: &str, key: &str) -> Option<&'static str> {
    let table = if own_rows(table) {
        "targets.indicators"
    } else {
        table
    };
    Some(match (table, key) {
        ("overview.goals", "activity") => "活动",
        ("overview.goals", "indicator") => "绩效指标",
        ("overview.goals", "nature") => "性质",
        ("overview.goals", "value") => "指标值",
        ("targets.indicators", "parent") => "所属指标",
        ("targets.indicators", "name") => "名称",
        ("targets.indicators", "target") => "指标值",
        ("targets.indicators", "actual") => "完成值",
        ("targets.indicators", "weight") => "分值",
        ("targets.indicators", "key_task") => "列入表 3",
        (_, "title") => "标题",
        (_, "text") => "内容",
        ("recommendations.items", "problem") => "对应的问题",
        _ => return None,
    })
}

/// A key of an indicator's inputs (or of a row of 三级指标) that the record defines for every
/// indicator.
pub fn input(key: &str) -> Option<&'static str> {
    Some(match key {
        "pass" => "评分标准逐项（合格/不合格）",
        "notes" => "说明",
        "score" => "评价分",
        "basis" => BASIS,
        "level" => "评价等级",
        "not_applicable" => "不适用理由",
        "override" => "调整分",
        "override.score" => "调整分",
        "override.reason" => "调整理由",
        _ => return None,
    })
}

/// A field in a section, as `section·name`.
pub fn in_section(section: &str, name: &str) -> String {
    if section.is_empty() {
        name.to_string()
    } else {
        format!("{section}·{name}")
    }
}

/// A row of a table, named by its text (`表 1 部门整体绩效目标「综合事务」`).
pub fn row(table: &str, name: Option<&str>) -> String {
    match name {
        Some(n) if !n.is_empty() => format!("{table}「{n}」"),
        _ => table.to_string(),
    }
}

/// A field whose name is not known: its key, as the file spells it.
pub fn unknown(key: &str) -> String {
    format!("字段 {key}")
}

/// A checklist answer.
pub fn answer(pass: Option<bool>) -> &'static str {
    match pass {
        Some(true) => "合格",
        Some(false) => "不合格",
        None => "未评",
    }
}

/// A yes/no value (列入表 3).
pub fn yes_no(b: bool) -> &'static str {
    if b { "是" } else { "否" }
}

/// No value (a field added or removed).
pub const NONE: &str = "（无）";

/// An empty text.
pub const EMPTY: &str = "（空）";
