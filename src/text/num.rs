//! Numbers, dates and targets as people type them (`crate::num`, `crate::target`): what is
//! wrong with a typed number and what to type instead, the fullwidth signs read as their
//! ASCII forms, and the words of a date (`2023年12月底`).

use std::fmt::Display;

/// What an integer field asks for, in its hints.
pub const INTEGER: &str = "整数";
/// What a decimal field asks for, in its hints.
pub const NUMBER: &str = "数字";

/// The fullwidth minus sign, read as a minus.
pub const FULLWIDTH_MINUS: char = '－';
/// The fullwidth comma, never a thousands separator.
pub const FULLWIDTH_COMMA: char = '，';
/// The fullwidth equals sign, read as `=` before a target.
pub const FULLWIDTH_EQUALS: char = '＝';

/// Nothing written: what to write, with an example.
pub fn empty(kind: &str, example: &str) -> String {
    format!("未填写；请填写{kind}，如 {example}")
}

/// A negative number where only 0 or more is allowed.
pub fn negative(text: &str) -> String {
    format!("「{text}」是负数；此处只能填 0 或正数")
}

/// Commas that are not thousands separators, with the example written both ways.
pub fn comma(text: &str, example: &str, grouped: &str) -> String {
    format!("「{text}」的逗号不是每三位一组的千位分隔符；请写成 {example} 或 {grouped}")
}

/// Scientific notation.
pub fn exponent(text: &str) -> String {
    format!("「{text}」是科学计数法；请完整写出数字，如 100000")
}

/// Decimals in an integer field.
pub fn not_whole(text: &str) -> String {
    format!("「{text}」不是整数；请填写整数")
}

/// More decimals than the field allows.
pub fn too_precise(text: &str, max: u32) -> String {
    format!("「{text}」超过 {max} 位小数")
}

/// More digits before the decimal point than allowed.
pub fn too_large(text: &str, max_digits: usize) -> String {
    format!("「{text}」太大；整数部分最多 {max_digits} 位")
}

/// Not an integer (words, letters) in an integer field.
pub fn not_an_integer(text: &str, example: &str) -> String {
    format!("「{text}」不是整数；请用阿拉伯数字，如 {example}")
}

/// Not a number (words, letters) in a decimal field.
pub fn not_a_number(text: &str, example: &str) -> String {
    format!("「{text}」不是数字；请用阿拉伯数字，可带小数点，如 {example}")
}

/// After the year of a date (`2023年`).
pub const YEAR: char = '年';
/// After the month of a date (`12月`).
pub const MONTH: char = '月';
/// After the day of a date (`30日`).
pub const DAY: char = '日';
/// What may follow the month for its last day (`12月底`, `12月末`, or nothing).
pub const MONTH_END: &[&str] = &["底", "末", ""];

/// A year out of the range a date may have.
pub fn year_out_of_range(year: impl Display) -> String {
    format!("年份 {year} 不在 1900–2200 之间")
}

/// A month that does not exist.
pub fn no_such_month(month: impl Display) -> String {
    format!("没有 {month} 月：月份应为 1–12")
}

/// A day past the month's last.
pub fn no_such_day(
    year: impl Display,
    month: impl Display,
    last: impl Display,
    day: impl Display,
) -> String {
    format!("{year}年{month}月只有 {last} 天，没有 {day} 日")
}

/// A target written as a number with a comparator (`≥600起`).
pub const QUANTITY: &str = super::tui::QUANTITATIVE;
/// A target written as a date (`2023年12月底`).
pub const DEADLINE: &str = "时限";
/// A target written in words (`有效提升`).
pub const LEVEL: &str = super::tui::QUALITATIVE;
