//! The words of the model's own types: the library's errors (`crate::error`), a finding's
//! severity and how a finding reads, the six sections' headings, and what a file's text may
//! not hold (`crate::tomlio`).

use std::fmt::Display;
use std::path::Path;

/// A file that could not be read or written: `path：why`.
pub fn io_error(path: &Path, source: &std::io::Error) -> String {
    format!("{}：{}", path.display(), super::io::describe(source))
}

/// A file that is not valid TOML, at its line and column.
pub fn syntax_error(path: &Path, line: usize, column: usize, message: &str) -> String {
    format!(
        "{}:{line}:{column}: TOML 语法错误：{message}",
        path.display()
    )
}

/// A field that holds a value not allowed; `location` is `:LINE:COL` or empty.
pub fn field_error(path: &Path, location: &str, field: &str, message: &str) -> String {
    format!("{}{location}: 字段 `{field}`：{message}", path.display())
}

/// A rubric name the repository does not hold, with those it does.
pub fn unknown_rubric(name: &str, available: &str) -> String {
    format!("没有指标体系 `{name}`；可用的有：{available}")
}

/// A rubric `jixiao rubric check` rejects, with each of its problems on a line of its own;
/// `at` is the revision it was read from (or empty).
pub fn invalid_rubric(path: &Path, at: &str, name: &str, problems: &[String]) -> String {
    let list: Vec<String> = problems.iter().map(|p| format!("  - {p}")).collect();
    format!(
        "{}{at}: 指标体系 `{name}` 有 {} 个问题，不能用于评分（改正后可用 `jixiao rubric check {name}` 复查）：\n{}",
        path.display(),
        problems.len(),
        list.join("\n")
    )
}

/// A department id that cannot be a folder name.
pub fn invalid_dept(id: &str) -> String {
    format!(
        "部门标识 `{id}` 不可用：只能用小写英文字母、数字、`-` 和 `_`，并以字母或数字开头（如 bj-traffic）"
    )
}

/// A year that is not four digits.
pub fn invalid_year(year: &str) -> String {
    format!("年度 `{year}` 不可用：请写四位数字，如 2023")
}

/// A record that does not exist, and how to make it.
pub fn no_record(dept: &str, year: &str, path: &Path) -> String {
    format!(
        "没有记录 {dept}/{year}：{} 不存在（用 `jixiao new {dept} {year} --name 名称` 新建）",
        path.display()
    )
}

/// A record, rubric or folder that is a symbolic link or leads outside the repository.
pub fn unsafe_path(path: &Path, problem: &str) -> String {
    format!(
        "{}: {problem}。records/ 和 rubrics/ 下的记录、指标体系及其文件夹必须是仓库里的普通文件和文件夹，不能是符号链接，也不能指向仓库以外；请换成实际的文件或文件夹",
        path.display()
    )
}

/// Text holding a character jixiao does not store: what the text is, where, which character,
/// and what is allowed.
pub fn forbidden_char(what: &str, position: usize, character: &str, allowed: &str) -> String {
    format!("{what}：{}", nth_char(position, character, allowed))
}

/// A character a file's text may not hold, by its position in the value (the field is named
/// by the error around it).
pub fn forbidden_in_file(position: usize, character: &str) -> String {
    nth_char(position, character, super::ALLOWED)
}

/// The `position`-th character, which is not allowed, and what is.
fn nth_char(position: usize, character: &str, allowed: &str) -> String {
    format!("第 {position} 个字符是不允许的 {character}；{allowed}")
}

/// A git operation that failed.
pub fn git_error(message: &str) -> String {
    format!("git：{message}")
}

/// The severity of a finding that refuses a save or an export.
pub const ERROR: &str = "错误";
/// The severity of a finding that does not.
pub const WARNING: &str = "警告";

/// A finding as people read it: its severity, its section's heading and the message, then
/// the field where to look when there is one.
pub fn finding(severity: &str, section: &str, message: &str, field: &str) -> String {
    if field.is_empty() {
        format!("{severity} {section}：{message}")
    } else {
        format!("{severity} {section}：{message}（{field}）")
    }
}

/// The six sections' headings, without their numbers, in report order.
pub const SECTION_TITLES: [&str; 6] = [
    "部门概况",
    "当年预算执行情况",
    "整体绩效目标实现情况",
    "预算管理情况",
    "总体评价结论",
    "措施建议",
];

/// The Chinese ordinals of the six headings, in report order.
pub const SECTION_NUMERALS: [&str; 6] = ["一", "二", "三", "四", "五", "六"];

/// A message that names a thing and says what is wrong with it: `name：message` (an
/// indicator's findings, a problem at a path).
pub fn named(name: impl Display, message: impl Display) -> String {
    format!("{name}：{message}")
}
