//! The team's rules on every save: what a save changes, compared with the record at the
//! branch's tip, is checked against the member's role ([`Team::allows`]). The editor, `jixiao
//! commit`, `note`, `answer`, `resolve`, `reopen` and the SSH doors all save through
//! `store::save`, so none of them can skip it.
//!
//! A change of the record's content (anything but its notes and reopenings; comments and
//! row ids do not count) is an edit; a new note is a note written; a note's `answer` is an
//! answer; its `resolved_by` a resolution; a new reopening a reopening. Whatever a note or a
//! reopening says about its author must be the member saving it.

use super::draft::list as list_drafts;
use super::{open, text_in};
use crate::error::{Error, Result};
use crate::record::doc;
use crate::record::notes::{NOTES, Note, REOPENINGS, Reopening};
use crate::repo::{Dept, Repo};
use crate::team::{Action, Denied, Member, Team};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;

/// The review part of a record, read leniently (the rest of the file is not looked at).
#[derive(Deserialize, Default)]
struct Review {
    #[serde(default)]
    notes: Vec<Note>,
    #[serde(default)]
    reopenings: Vec<Reopening>,
}

fn review(path: &Path, text: &str) -> Review {
    crate::tomlio::parse(path, text).unwrap_or_default()
}

/// The record's content fields by path, notes, reopenings and row ids left out.
fn content(path: &Path, text: &str) -> Result<BTreeMap<String, String>> {
    let d = doc::parse(path, text)?;
    Ok(doc::flatten_keyed(&d)
        .into_iter()
        .filter(|(k, _)| {
            let review =
                k.starts_with(&format!("{NOTES}[")) || k.starts_with(&format!("{REOPENINGS}["));
            let row_id =
                k.contains("[id=") && k.ends_with(&format!("].{}", crate::record::rows::ID_KEY));
            !review && !row_id
        })
        .map(|(k, v)| (k, doc::value_text(&v)))
        .collect())
}

/// The name of the record's final draft when one is named and not reopened since: the
/// newest final draft, unless the record at the tip has more reopenings than it had there.
pub(super) fn final_draft(
    git: &git2::Repository,
    team: &Team,
    dept: &Dept,
    year: u16,
    tip_text: Option<&str>,
) -> Result<Option<String>> {
    let Some(last) = list_drafts(git, dept, year)?
        .into_iter()
        .rev()
        .find(|d| team.drafts.is_final(&d.name))
    else {
        return Ok(None);
    };
    let path = Path::new(&Repo::record_rel(dept, year)).to_path_buf();
    let at_final = git2::Oid::from_str(&last.rev)
        .ok()
        .and_then(|id| git.find_commit(id).ok())
        .map(|c| text_in(git, &c, &Repo::record_rel(dept, year)))
        .transpose()?
        .flatten()
        .map(|t| review(&path, &t).reopenings.len())
        .unwrap_or(0);
    let now = tip_text
        .map(|t| review(&path, t).reopenings.len())
        .unwrap_or(0);
    Ok((now <= at_final).then_some(last.name))
}

/// Refuses a save of `new` over `old` (the record at the tip, `None` when new) that the
/// member's role does not allow; nothing without a team file.
pub(super) fn check_save(
    git: &git2::Repository,
    dept: &Dept,
    year: u16,
    old: Option<&str>,
    new: &str,
) -> Result<()> {
    let Some((team, member)) = super::identity::member_of(git)? else {
        return Ok(());
    };
    let path = Path::new(&Repo::record_rel(dept, year)).to_path_buf();
    let d = dept.as_str();
    let fin = final_draft(git, &team, dept, year, old)?;
    let fin = fin.as_deref();
    let allow = |a: Action| team.allows(&member, a).map_err(Error::from);
    // An old version without row ids takes the new one's, so rows compare by id.
    let old_ids = old.map(|t| {
        crate::record::rows::inherit_row_ids(&path, t, new).unwrap_or_else(|_| t.to_string())
    });
    let changed = match &old_ids {
        None => true,
        Some(o) => content(&path, o).ok() != Some(content(&path, new)?),
    };
    if changed {
        allow(Action::EditRecord {
            dept: d,
            year,
            final_draft: fin,
        })?;
    }
    let (before, after) = (
        old_ids
            .as_deref()
            .map(|t| review(&path, t))
            .unwrap_or_default(),
        review(&path, new),
    );
    check_notes(&team, &member, d, year, fin, &before.notes, &after.notes)?;
    for r in after.reopenings.iter().skip(before.reopenings.len()) {
        allow(Action::Reopen { dept: d, year })?;
        own(&member, &r.by, "重新开放的 by")?;
    }
    if after.reopenings.len() < before.reopenings.len()
        || before
            .reopenings
            .iter()
            .zip(&after.reopenings)
            .any(|(a, b)| a != b)
    {
        return Err(refuse(
            &member,
            format!("修改 {d}/{year} 的重新开放记录"),
            "重新开放记录一经提交不能修改或删除",
        ));
    }
    Ok(())
}

fn refuse(member: &Member, action: String, reason: &str) -> Error {
    Error::Denied(Denied {
        who: member.describe(),
        action,
        reason: reason.to_string(),
    })
}

/// A note's author field must name the member saving it.
fn own(member: &Member, by: &str, what: &str) -> Result<()> {
    if by == member.id {
        Ok(())
    } else {
        Err(refuse(
            member,
            format!("以「{by}」的名义保存（{what}）"),
            &format!("署名必须是你自己的成员 id「{}」", member.id),
        ))
    }
}

fn check_notes(
    team: &Team,
    member: &Member,
    dept: &str,
    year: u16,
    fin: Option<&str>,
    before: &[Note],
    after: &[Note],
) -> Result<()> {
    let allow = |a: Action| team.allows(member, a).map_err(Error::from);
    for n in after {
        let Some(old) = before.iter().find(|o| !o.id.is_empty() && o.id == n.id) else {
            allow(Action::WriteNote { dept, year })?;
            own(member, &n.by, "批注的 by")?;
            continue;
        };
        if (old.field.as_str(), old.by.as_str(), old.text.as_str())
            != (n.field.as_str(), n.by.as_str(), n.text.as_str())
        {
            if old.by != member.id {
                return Err(refuse(
                    member,
                    format!("修改 {dept}/{year} 中他人的批注"),
                    "批注只能由写它的复核人员修改",
                ));
            }
            allow(Action::WriteNote { dept, year })?;
        }
        if (old.answer.as_str(), old.answered_by.as_str())
            != (n.answer.as_str(), n.answered_by.as_str())
        {
            allow(Action::AnswerNote {
                dept,
                year,
                final_draft: fin,
            })?;
            own(member, &n.answered_by, "批注的 answered_by")?;
        }
        if old.resolved_by != n.resolved_by {
            allow(Action::ResolveNote { dept, year })?;
            if !n.resolved_by.is_empty() {
                own(member, &n.resolved_by, "批注的 resolved_by")?;
            }
        }
    }
    if let Some(gone) = before
        .iter()
        .find(|o| !after.iter().any(|n| !o.id.is_empty() && n.id == o.id))
    {
        return Err(refuse(
            member,
            format!(
                "删除 {dept}/{year} 的批注「{}」",
                crate::text::truncate(&gone.text, 20)
            ),
            "批注不删除：复核人员解决它（jixiao resolve），它留在记录中",
        ));
    }
    Ok(())
}

/// Refuses an action on a record for the member running jixiao; nothing without a team file.
/// `final_draft` and open notes are filled in from the repository for the actions that ask.
pub fn allow(repo: &Repo, action: Action) -> Result<()> {
    if Team::load(repo.root())?.is_none() {
        return Ok(());
    }
    let git = open(repo)?;
    let Some((team, member)) = super::identity::member_of(&git)? else {
        return Ok(());
    };
    team.allows(&member, action).map_err(Error::from)
}

/// Whether the record is final for edits (its final draft named and not reopened), and the
/// draft's name; `None` without a team file or without a final draft.
pub fn final_state(repo: &Repo, dept: &Dept, year: u16) -> Result<Option<String>> {
    let git = open(repo)?;
    let Some((team, _)) = super::identity::member_of(&git)? else {
        return Ok(None);
    };
    let tip = super::commit::tip(repo, dept, year)?.and_then(|(_, t)| t);
    final_draft(&git, &team, dept, year, tip.as_deref())
}
