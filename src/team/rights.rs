//! Who may do what: the one answer every front end asks before writing (CLI, editor, SSH).

use super::{Member, Role, Team};

/// Something a member wants to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action<'a> {
    /// Change a record's content (anything but its review notes), or create it.
    /// `final_draft`: the name of the record's final draft when one is named and not
    /// reopened since.
    EditRecord {
        dept: &'a str,
        year: u16,
        final_draft: Option<&'a str>,
    },
    /// Name a revision of a record as a draft; `open_notes` counts the record's open notes.
    NameDraft {
        dept: &'a str,
        year: u16,
        name: &'a str,
        open_notes: usize,
    },
    /// Attach a review note (批注).
    WriteNote { dept: &'a str, year: u16 },
    /// Answer a review note (the evaluator's reply).
    AnswerNote {
        dept: &'a str,
        year: u16,
        final_draft: Option<&'a str>,
    },
    /// Mark a review note resolved.
    ResolveNote { dept: &'a str, year: u16 },
    /// Approve a named draft.
    Approve { dept: &'a str, year: u16 },
    /// Reopen a record whose final draft is named.
    Reopen { dept: &'a str, year: u16 },
    /// Change `team.toml`: members, roles, keys, assignments.
    EditTeam,
    /// Change a rubric.
    EditRubrics,
    /// Read records, history, scores.
    Read,
    /// Export a report.
    Export,
}

impl Action<'_> {
    /// What it is, in Chinese, after 不能 (`编辑 bj-traffic/2023 的记录`).
    pub fn describe(&self) -> String {
        match *self {
            Action::EditRecord { dept, year, .. } => format!("编辑 {dept}/{year} 的记录"),
            Action::NameDraft {
                dept, year, name, ..
            } => format!("把 {dept}/{year} 的修订命名为「{name}」"),
            Action::WriteNote { dept, year } => format!("在 {dept}/{year} 上写批注"),
            Action::AnswerNote { dept, year, .. } => format!("答复 {dept}/{year} 的批注"),
            Action::ResolveNote { dept, year } => format!("解决 {dept}/{year} 的批注"),
            Action::Approve { dept, year } => format!("审核通过 {dept}/{year} 的稿"),
            Action::Reopen { dept, year } => format!("重新开放 {dept}/{year}"),
            Action::EditTeam => "修改团队文件（成员、角色、公钥、分工）".into(),
            Action::EditRubrics => "修改指标体系".into(),
            Action::Read => "查看记录".into(),
            Action::Export => "导出报告".into(),
        }
    }
}

/// A refusal: who, what, and why, in Chinese.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{who}不能{action}：{reason}")]
pub struct Denied {
    /// `张三（zhang，评价人员）`.
    pub who: String,
    pub action: String,
    pub reason: String,
}

impl Team {
    /// Whether `member` may do `action`; the refusal says why and who may.
    pub fn allows(&self, member: &Member, action: Action) -> Result<(), Denied> {
        let deny = |reason: String| {
            Err(Denied {
                who: member.describe(),
                action: action.describe(),
                reason,
            })
        };
        let only = |roles: &[Role]| {
            format!(
                "只有{}可以这样做",
                roles
                    .iter()
                    .map(|r| r.label())
                    .collect::<Vec<_>>()
                    .join("或")
            )
        };
        let role = member.role;
        let unassigned = |dept: &str, year: u16| {
            format!(
                "{dept}/{year} 没有分配给你（你的分工：{}）；请管理员运行 jixiao team assign {} {dept} {year}",
                if member.assignments.is_empty() {
                    "无".to_string()
                } else {
                    member
                        .assignments
                        .iter()
                        .map(ToString::to_string)
                        .collect::<Vec<_>>()
                        .join("、")
                },
                member.id
            )
        };
        let finalized = |name: &str| {
            format!(
                "这份记录已命名{name}，对评价人员只读；需要修改时，请管理员运行 jixiao reopen 部门 年度 -m 理由 重新开放"
            )
        };
        match action {
            Action::Read | Action::Export => Ok(()),
            Action::EditRecord {
                dept,
                year,
                final_draft,
            }
            | Action::AnswerNote {
                dept,
                year,
                final_draft,
            } => {
                if role != Role::Evaluator {
                    return deny(only(&[Role::Evaluator]));
                }
                if !member.assigned(dept, year) {
                    return deny(unassigned(dept, year));
                }
                match final_draft {
                    Some(name) => deny(finalized(name)),
                    None => Ok(()),
                }
            }
            Action::NameDraft {
                dept,
                year,
                name,
                open_notes,
            } => {
                if self.drafts.is_final(name) {
                    if role != Role::Reviewer {
                        return deny(format!(
                            "「{name}」是终稿的稿名，{}",
                            only(&[Role::Reviewer])
                        ));
                    }
                    if open_notes > 0 {
                        return deny(format!(
                            "还有 {open_notes} 条批注未解决（jixiao check {dept} {year} 列出它们）；全部解决后才能命名终稿"
                        ));
                    }
                    return Ok(());
                }
                match role {
                    Role::Reviewer => Ok(()),
                    Role::Evaluator if !member.assigned(dept, year) => deny(unassigned(dept, year)),
                    Role::Evaluator if self.drafts.evaluator.iter().any(|n| n == name) => Ok(()),
                    Role::Evaluator => deny(format!(
                        "评价人员只能命名 {}；其他稿名由复核人员命名",
                        self.drafts.evaluator.join("、")
                    )),
                    _ => deny(only(&[Role::Evaluator, Role::Reviewer])),
                }
            }
            Action::WriteNote { .. } | Action::ResolveNote { .. } | Action::Approve { .. } => {
                if role == Role::Reviewer {
                    Ok(())
                } else {
                    deny(only(&[Role::Reviewer]))
                }
            }
            Action::Reopen { .. } | Action::EditTeam | Action::EditRubrics => {
                if role == Role::Admin {
                    Ok(())
                } else {
                    deny(only(&[Role::Admin]))
                }
            }
        }
    }
}
