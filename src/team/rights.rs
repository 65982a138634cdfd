//! Who may do what: the one answer every front end asks before writing (CLI, editor, SSH).

use super::{Member, Role, Team};
use crate::text::team::{list, rights as text};

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
            Action::EditRecord { dept, year, .. } => text::edit_record(dept, year),
            Action::NameDraft {
                dept, year, name, ..
            } => text::name_draft(dept, year, name),
            Action::WriteNote { dept, year } => text::write_note(dept, year),
            Action::AnswerNote { dept, year, .. } => text::answer_note(dept, year),
            Action::ResolveNote { dept, year } => text::resolve_note(dept, year),
            Action::Approve { dept, year } => text::approve(dept, year),
            Action::Reopen { dept, year } => text::reopen(dept, year),
            Action::EditTeam => text::EDIT_TEAM.into(),
            Action::EditRubrics => text::EDIT_RUBRICS.into(),
            Action::Read => text::READ.into(),
            Action::Export => text::EXPORT.into(),
        }
    }
}

/// A refusal: who, what, and why, in Chinese.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", text::denied(who, action, reason))]
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
        let only = |roles: &[Role]| text::only(roles.iter().map(|r| r.label()));
        let role = member.role;
        let unassigned = |dept: &str, year: u16| {
            let assignments = if member.assignments.is_empty() {
                crate::text::store::NONE.to_string()
            } else {
                list(&member.assignments)
            };
            text::not_assigned(dept, year, &assignments, &member.id)
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
                    Some(name) => deny(text::finalized(name)),
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
                        return deny(text::final_name_reserved(name, &only(&[Role::Reviewer])));
                    }
                    if open_notes > 0 {
                        return deny(text::notes_open(open_notes, dept, year));
                    }
                    return Ok(());
                }
                match role {
                    Role::Reviewer => Ok(()),
                    Role::Evaluator if !member.assigned(dept, year) => deny(unassigned(dept, year)),
                    Role::Evaluator if self.drafts.evaluator.iter().any(|n| n == name) => Ok(()),
                    Role::Evaluator => {
                        deny(text::evaluator_names_only(&list(&self.drafts.evaluator)))
                    }
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
