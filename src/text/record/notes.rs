//! The words of reviewers' notes and reopenings kept in a record: a note's status and what
//! is refused when one is written, answered or found.

use std::fmt::Display;

/// A note resolved by its reviewer.
pub const RESOLVED: &str = "已解决";
/// A note waiting for the evaluator's answer.
pub const WAITING: &str = "待答复";
/// A note answered, waiting for the reviewer.
pub const ANSWERED: &str = "已答复";

/// A note's text (`-m`), in errors about it.
pub const NOTE_TEXT: &str = "批注内容（-m）";
/// An answer's text (`-m`), in errors about it.
pub const ANSWER_TEXT: &str = "答复内容（-m）";
/// A reopening's reason (`-m`), in errors about it.
pub const REOPEN_REASON: &str = "重新开放的理由（-m）";

/// A text (`what`) left empty.
pub fn empty(what: &str) -> String {
    format!("{what}：不能为空")
}

/// A record whose `notes` are not rows.
pub const NOTES_NOT_ROWS: &str = "须是批注表的数组（[[notes]]）";

/// A note named by neither its id nor its number.
pub fn no_such_note(which: &str, count: usize) -> String {
    format!(
        "没有批注「{which}」：请写批注的编号（1–{count}）或 id（jixiao check 列出未解决的批注）"
    )
}

/// A note's number past the record's notes.
pub fn no_note_at(path: impl Display, number: usize) -> String {
    format!("{path}：没有第 {number} 条批注")
}
