//! What is wrong in a record file's value: a path the editor cannot set, a figure,
//! narrative or column of the wrong type, a field the rubric does not declare.

use std::fmt::Display;

/// A field's problem, naming its path (`字段 `budget.text`：…`).
pub fn field(path: &str, why: &str) -> String {
    format!("字段 `{path}`：{why}")
}

/// A path with no parts.
pub const EMPTY_PATH: &str = "路径为空";

/// A path's part that should be a table (`budget` in `budget.text`) and is not.
pub fn not_a_table(key: &str) -> String {
    format!("`{key}` 不是表")
}

/// A path's part that should be rows (`[[…]]`) and is not.
pub fn not_rows(key: &str) -> String {
    format!("`{key}` 不是表数组")
}

/// A row number past the end of the rows.
pub fn no_item(key: &str, index: usize) -> String {
    format!("`{key}` 没有第 {index} 项")
}

/// A row id no row has.
pub fn no_row(key: &str, id: &str) -> String {
    format!("`{key}` 没有 id 为 {id} 的行")
}

/// A path that ends neither in a key nor in a row given as a table.
pub const BAD_PATH_END: &str = "路径须以键结尾，或以表的形式给出一行";

/// What a value written is, for type errors: an array.
pub const ARRAY: &str = "数组";
/// What a value written is: a table.
pub const TABLE: &str = "表";
/// What a value written is: a boolean.
pub const BOOLEAN: &str = "布尔值";
/// What a value written is: an integer.
pub const INTEGER: &str = "整数";
/// What a value written is: a text.
pub const TEXT: &str = "文字";

/// What a value written is: the integer `i`.
pub fn integer(i: impl Display) -> String {
    format!("整数 `{i}`")
}

/// What a narrative must be.
pub const NARRATIVE_EXPECTED: &str = "字符串（加引号）";

/// What a value the rubric declares (a figure, a narrative, a column's value) may be.
pub const DECLARED_EXPECTED: &str = "数字、文字或 true/false";

/// What a number with at most `decimals` decimals must be.
pub fn number_expected(decimals: impl Display) -> String {
    format!("不小于 0、最多 {decimals} 位小数的数字，尚不知道时写 \"\"")
}

/// What a number field of the record's own structure must be (two decimals).
pub const AMOUNT_EXPECTED: &str = "不小于 0、最多两位小数的数字，尚不知道时写 \"\"";

/// A field the rubric does not declare: `unknown` says which may be there.
pub fn undeclared(unknown: &str) -> String {
    format!("{unknown}（指标体系未声明此字段：数字用 `[[figure]]`、叙述用 `[[narrative]]` 声明）")
}

/// A column the rubric declares, in the list of those allowed: `` `core`（是否核心指标） ``.
pub fn column(id: &str, label: &str) -> String {
    format!("`{id}`（{label}）")
}

/// A column the rubric does not declare for the indicators under `parent`.
pub fn not_a_column(key: &str, parent: &str, allowed: &[String]) -> String {
    let allowed = if allowed.is_empty() {
        super::super::store::NONE.to_string()
    } else {
        allowed.join(super::super::check::LIST_SEP)
    };
    format!("`{key}` 不是指标体系为 `{parent}` 下的指标声明的列（[[column]]）；可用：{allowed}")
}

/// A column's value of the wrong type; `what` is what was written, `hint` one of
/// [`FLAG_HINT`], [`TEXT_HINT`] or [`number_hint`].
pub fn wrong_column(what: &str, label: &str, hint: &str) -> String {
    format!("类型不对：写的是{what}；「{label}」{hint}")
}

/// How to write a yes/no column.
pub const FLAG_HINT: &str = "填 true（是）或 false（否）";
/// How to write a text column.
pub const TEXT_HINT: &str = "填文字（加引号）";

/// How to write a number column.
pub fn number_hint(decimals: impl Display) -> String {
    format!("填{}", number_expected(decimals))
}

/// A figure without decimals written with some.
pub fn not_whole(text: &str, label: &str, unit: &str) -> String {
    format!("「{text}」不是整数；{label}（{unit}）没有小数")
}

/// A count (a problem's number) too large.
pub const COUNT_TOO_LARGE: &str = "数量超出范围";

/// A count written with decimals.
pub fn not_an_integer(value: impl Display) -> String {
    format!("「{value}」不是整数")
}

/// What a checklist answer must be.
pub const ANSWER_EXPECTED: &str = "true（合格）、false（不合格）或 \"\"（未评）";

/// What a named value of an inputs table must be.
pub const INPUT_VALUE_EXPECTED: &str = "由 `input:名称` 读取的数字（输入表中可写 `pass`、`notes`、`score`、`basis`、`override`、`not_applicable` 及这类数字）";

/// What an indicator's inputs must be.
pub const INPUTS_EXPECTED: &str = "指标的输入表";

/// A row whose `id` is not a string.
pub const ROW_ID_NOT_TEXT: &str = "行标识 id 须为字符串（如 id = \"3f9a0c1e\"），由 jixiao 自动生成；删去这一行的 id，保存时会重新生成";
