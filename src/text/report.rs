//! What the history commands print for people (`log`, `diff`, `drafts`, `blame`, a save's
//! conflicts), the notes on rubric changes among them, and what a sync did ([`sync`]).

pub mod sync;

use std::fmt::Display;

/// `jixiao log` of a record never saved.
pub const NO_REVISIONS: &str = "没有已提交的修订。\n";

/// An adjusted score in a diff: the score and its reason.
pub fn override_score(score: impl Display, reason: &str) -> String {
    format!("{score}（{reason}）")
}

/// A diff line's change of the computed score.
pub fn computed_change(old: &str, new: &str) -> String {
    format!("  计算 {old} → {new}")
}

/// A diff line's change of the adjusted score.
pub fn override_change(old: &str, new: &str) -> String {
    format!("  调整分 {old} → {new}")
}

/// The heading of `jixiao diff`.
pub fn compare(from: &str, to: &str) -> String {
    format!("对比 {from} → {to}")
}

/// `jixiao diff` with nothing changed.
pub const NO_DIFFERENCES: &str = "没有差异。\n";
/// The heading of the indicators' score changes.
pub const INDICATOR_SCORES: &str = "指标得分";
/// The heading of the other fields' changes.
pub const OTHER_FIELDS: &str = "其他字段";
/// The heading of the narratives' changes.
pub const TEXTS: &str = "文字";

/// The total's line of `jixiao diff`; `total` is the word 总分 as printed (bold or not).
pub fn total_change(
    total: &str,
    old: &str,
    new: &str,
    delta: &str,
    old_grade: &str,
    new_grade: &str,
) -> String {
    format!("\n{total} {old} → {new}  {delta}  等级 {old_grade} → {new_grade}\n")
}

/// A field's change in `jixiao diff`.
pub fn field_change(label: &str, old: &str, new: &str) -> String {
    format!("  {label}：{old} → {new}\n")
}

/// `jixiao drafts` of a record with no named draft.
pub const NO_DRAFTS: &str = "没有命名的稿。用 `jixiao draft 部门标识 年度 初稿` 命名当前修订。\n";

/// An open note under an indicator in `jixiao blame`.
pub fn open_note(note: &str) -> String {
    format!("    批注（未解决）{note}\n")
}

/// The first line of a save refused because of conflicts.
pub const CONFLICTS: &str = "未提交：他人同时修改了相同字段（冲突）：\n";

/// A field both sides changed, in a save's conflicts.
pub fn conflict(label: &str, base: &str, theirs: &str, ours: &str) -> String {
    format!("  {label}: 原值 {base}；他人 {theirs}；本次 {ours}\n")
}

/// Where the refused save's version was kept.
pub fn kept(path: impl Display) -> String {
    format!("你的版本已保存在 {path}\n")
}

/// A revision whose rubric could not be read to check its score (`log`).
pub const RUBRIC_UNREADABLE: &str = "指标体系无法读取";
/// A revision that could not be scored (`log`).
pub const UNSCORED: &str = "未评分";

/// Under a `log` row: why the revision is not scored (`what`), then its problems, indented.
pub fn revision_problem(what: &str, problems: &str) -> String {
    format!("    {what}：{}\n", problems.replace('\n', "\n    "))
}

/// Under a `log` row: how much of the total's move the rubric's change made.
pub fn rubric_part(moved: &str, rubric: &str, record: &str) -> String {
    format!(
        "    指标体系已修改：总分变动 {moved} 中，指标体系变化带来 {rubric}，记录修改带来 {record}"
    )
}

/// Under a `log` row: the rubric changed and its part cannot be told.
pub const RUBRIC_CHANGED: &str = "    指标体系已修改：本修订按修改后的指标体系评分";

/// Under a `log` row: the score with today's rubric (`--rubric-now`).
pub fn today(total: impl Display, grade: &str) -> String {
    format!("    按今日指标体系：{total}（{grade}）")
}

/// `jixiao diff` across a rubric change, with the parts of the move.
pub fn diff_rubric_part(file: &str, moved: &str, rubric: &str, record: &str) -> String {
    format!(
        "指标体系已修改（{file}）：总分变动 {moved} 中，指标体系变化带来 {rubric}，记录修改带来 {record}\n"
    )
}

/// The three totals behind [`diff_rubric_part`].
pub fn diff_rubric_totals(
    old_old: impl Display,
    new_old: impl Display,
    new_new: impl Display,
) -> String {
    format!(
        "  旧记录按旧指标体系 {old_old}；新记录按旧指标体系 {new_old}；新记录按新指标体系 {new_new}\n"
    )
}

/// `jixiao diff` across a rubric change whose part cannot be told.
pub fn diff_rubric_unsplit(file: &str, moved: &str) -> String {
    format!("指标体系已修改（{file}）：总分变动 {moved}；新记录无法按旧指标体系评分，不能拆分\n")
}

/// `jixiao diff --rubric-now`: both sides scored with today's rubric.
pub fn diff_today(
    old: impl Display,
    new: impl Display,
    delta: &str,
    old_grade: &str,
    new_grade: &str,
) -> String {
    format!("按今日指标体系：总分 {old} → {new}  {delta}  等级 {old_grade} → {new_grade}\n")
}

/// After a save: the rubric file has changes not committed.
pub fn rubric_uncommitted(rel: &str) -> String {
    format!(
        "注意：{rel} 有未提交的修改。本次总分按工作区的指标体系计算，而历史（log、diff、blame）按提交中的指标体系评分；请用 git 提交指标体系（git add {rel} && git commit）。"
    )
}

/// After a save: the rubric file was never committed.
pub fn rubric_untracked(rel: &str) -> String {
    format!(
        "注意：{rel} 未纳入版本库，历史只能按今日的指标体系评分；请用 git 提交指标体系（git add {rel} && git commit）。"
    )
}
