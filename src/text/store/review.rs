//! What the store says about notes, reopenings, approvals, the team and the working file.

use std::fmt::Display;

/// A note on a record never saved.
pub fn never_saved(rel: impl Display) -> String {
    format!("{rel}：还没有保存过的修订；请先保存这份记录")
}

/// A note on a field that does not exist.
pub fn no_such_note_field(rel: impl Display, field: &str) -> String {
    format!(
        "{rel}：没有字段「{field}」；批注可以写在指标（路径或名称，如 jixiao score 所列）、记录字段（如 budget.text、targets.indicators[0].actual）或部分（overview、budget、targets、management、conclusion、recommendations）上"
    )
}

/// The summary of a note's commit.
pub fn note_summary(field: &str, body: &str) -> String {
    format!("批注 {field}：{body}")
}

/// The summary of an answer's commit.
pub fn answer_summary(field: &str, body: &str) -> String {
    format!("答复批注 {field}：{body}")
}

/// The summary of a resolution's commit.
pub fn resolve_summary(field: &str, text: &str) -> String {
    format!("解决批注 {field}：{text}")
}

/// Reopening a record that has no final draft.
pub fn nothing_to_reopen(dept: impl Display, year: u16) -> String {
    format!("{dept}/{year} 没有已命名且未重新开放的终稿，不需要重新开放")
}

/// The summary of a reopening's commit.
pub fn reopen_summary(dept: impl Display, year: u16, draft: &str, reason: &str) -> String {
    format!("重新开放 {dept}/{year}（{draft}）：{reason}")
}

/// Approving a draft that does not exist.
pub fn no_such_draft(dept: impl Display, year: u16, draft: &str) -> String {
    format!("{dept}/{year} 没有名为「{draft}」的稿；可用的稿见 jixiao drafts {dept} {year}")
}

/// Approving a draft approved already.
pub fn already_approved(dept: impl Display, year: u16, draft: &str, by: &str, tag: &str) -> String {
    format!("{dept}/{year} 的{draft}已由 {by} 审核通过（标签 {tag}）")
}

/// An approval tag's message, with its trailers.
pub fn approval_message(
    dept: impl Display,
    year: u16,
    draft: &str,
    who: &str,
    email: &str,
) -> String {
    format!(
        "{dept}/{year} {draft} 审核通过：{who}\n\nRecord: {dept}/{year}\nApproved-by: {who} <{email}>\n"
    )
}

/// Creating an approval tag.
pub fn create_approval_tag(name: &str, short: impl Display) -> String {
    format!("创建审核标签 {name}（{short}）")
}

/// A revision git cannot find.
pub fn no_revision(spec: &str, cause: impl Display) -> String {
    format!("没有修订 `{spec}`：{cause}")
}

/// A rubric as it was in a revision.
pub fn as_in_revision(short: impl Display) -> String {
    format!("（修订 {short} 中的版本）")
}

/// A file that cannot be read.
pub fn unreadable(rel: &str, at: &str) -> String {
    format!("{rel}{at}：无法读取")
}

/// A team whose first member is not an administrator.
pub fn first_member_admin(path: impl Display) -> String {
    format!("{path}：团队的第一位成员须是管理员（--role admin），以后由管理员维护团队")
}

/// A committed team file that cannot be read.
pub fn team_unreadable_after(e: impl Display) -> String {
    format!("提交后的团队文件无法读取：{e}")
}

/// A team file changed by someone not an administrator.
pub fn author_not_admin(name: &str, email: &str) -> String {
    format!("作者 {name} <{email}> 在此前的团队文件中不是管理员")
}

/// A team file founded by someone not an administrator in it.
pub fn founder_not_admin(name: &str, email: &str) -> String {
    format!("建立团队文件的作者 {name} <{email}> 不是其中的管理员")
}

/// A working file that is not UTF-8.
pub fn file_not_utf8(path: impl Display) -> String {
    format!("{path}：不是 UTF-8 文本")
}

/// An edit's starting point that is no object id.
pub fn bad_base_id(id: &str) -> String {
    format!("编辑的起点 `{id}` 不是 git 对象编号")
}

/// The record as the edit started.
pub fn at_base(rel: &str, id: &str) -> String {
    format!("{rel}（编辑的起点 {id}）")
}

/// Opening something.
pub fn open(what: impl Display) -> String {
    format!("打开 {what}")
}

/// A commit made while the index is locked.
pub fn committed_index_locked(rel: &str) -> String {
    format!("已提交，但无法更新索引中的 {rel}")
}

/// A commit made whose index update failed.
pub fn committed_index_failed(rel: &str) -> String {
    format!("已提交，但更新索引中的 {rel} ")
}
