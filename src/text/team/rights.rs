//! Who may do what, in words: the roles' names, the drafts each may name, what a member
//! asked to do, and why it was refused.

use std::fmt::Display;

/// The evaluator's role (`evaluator`), in messages; `team.toml` may also name it so.
pub const EVALUATOR: &str = "评价人员";
/// The reviewer's role (`reviewer`), in messages; `team.toml` may also name it so.
pub const REVIEWER: &str = "复核人员";
/// The administrator's role (`admin`), in messages; `team.toml` may also name it so.
pub const ADMIN: &str = "管理员";
/// The observer's role (`observer`), in messages; `team.toml` may also name it so.
pub const OBSERVER: &str = "查看";

/// A role as it may be written, in the list of roles: `evaluator（评价人员）`.
pub fn role_choice(id: &str, label: &str) -> String {
    format!("{id}（{label}）")
}

/// Draft names an evaluator may give when the team file says nothing (`[drafts] evaluator`).
pub const EVALUATOR_DRAFTS: &[&str] = &["初稿", "征求意见稿"];

/// The final draft's name when the team file says nothing (`[drafts] final`).
pub const FINAL_DRAFT: &str = "终稿";

/// A refusal: `张三（zhang，评价人员）不能编辑 bj-traffic/2023 的记录：…`.
pub fn denied(who: impl Display, action: impl Display, reason: impl Display) -> String {
    format!("{who}不能{action}：{reason}")
}

/// Editing a record, after 不能.
pub fn edit_record(dept: &str, year: u16) -> String {
    format!("编辑 {dept}/{year} 的记录")
}

/// Naming a revision as a draft, after 不能.
pub fn name_draft(dept: &str, year: u16, name: &str) -> String {
    format!("把 {dept}/{year} 的修订命名为「{name}」")
}

/// Writing a review note, after 不能.
pub fn write_note(dept: &str, year: u16) -> String {
    format!("在 {dept}/{year} 上写批注")
}

/// Answering a review note, after 不能.
pub fn answer_note(dept: &str, year: u16) -> String {
    format!("答复 {dept}/{year} 的批注")
}

/// Resolving a review note, after 不能.
pub fn resolve_note(dept: &str, year: u16) -> String {
    format!("解决 {dept}/{year} 的批注")
}

/// Approving a draft, after 不能.
pub fn approve(dept: &str, year: u16) -> String {
    format!("审核通过 {dept}/{year} 的稿")
}

/// Reopening a final record, after 不能.
pub fn reopen(dept: &str, year: u16) -> String {
    format!("重新开放 {dept}/{year}")
}

/// Changing the team file, after 不能.
pub const EDIT_TEAM: &str = "修改团队文件（成员、角色、公钥、分工）";
/// Changing a rubric, after 不能.
pub const EDIT_RUBRICS: &str = "修改指标体系";
/// Reading records, after 不能.
pub const READ: &str = "查看记录";
/// Exporting a report, after 不能.
pub const EXPORT: &str = "导出报告";

/// Why a role may not: only these roles (their names) may.
pub fn only<T: Display>(roles: impl IntoIterator<Item = T>) -> String {
    let roles: Vec<String> = roles.into_iter().map(|r| r.to_string()).collect();
    format!("只有{}可以这样做", roles.join("或"))
}

/// Why an evaluator may not touch a record not assigned to them; `assignments` lists theirs.
pub fn not_assigned(dept: &str, year: u16, assignments: &str, id: &str) -> String {
    format!(
        "{dept}/{year} 没有分配给你（你的分工：{assignments}）；请管理员运行 jixiao team assign {id} {dept} {year}"
    )
}

/// Why an evaluator may not change a record whose final draft (`name`) is named.
pub fn finalized(name: &str) -> String {
    format!(
        "这份记录已命名{name}，对评价人员只读；需要修改时，请管理员运行 jixiao reopen 部门 年度 -m 理由 重新开放"
    )
}

/// Why someone not a reviewer may not name the final draft (`only`: who may).
pub fn final_name_reserved(name: &str, only: &str) -> String {
    format!("「{name}」是终稿的稿名，{only}")
}

/// Why the final draft may not be named while notes are open.
pub fn notes_open(open: usize, dept: &str, year: u16) -> String {
    format!(
        "还有 {open} 条批注未解决（jixiao check {dept} {year} 列出它们）；全部解决后才能命名终稿"
    )
}

/// Why an evaluator may not give this draft name; `names` lists those they may.
pub fn evaluator_names_only(names: &str) -> String {
    format!("评价人员只能命名 {names}；其他稿名由复核人员命名")
}
