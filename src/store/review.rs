//! The review loop as commits: a note (批注) written, answered or resolved, and a final record
//! reopened are saves of the record (through [`super::save`], so the team's rules apply);
//! a draft approved is an annotated tag `approved/DEPT/YEAR/DRAFT`.
//!
//! Why a tag for approval rather than a commit trailer: approving changes nothing in the
//! record, and a tag names the exact commit the draft names, with the reviewer as tagger and
//! the time; `git tag -n`, `git show approved/…` and `git log --decorate` show it, and no
//! commit has to move the branch (which would race with evaluators' saves).

use super::{Base, SaveOutcome, SaveRequest, git_error, open, resolve, short, write_error};
use crate::error::{Error, Result};
use crate::record::doc;
use crate::record::notes;
use crate::repo::{Dept, Repo};
use crate::team::Action;

/// Who a note, answer or reopening is signed by: the member's id with a team, else the git
/// identity's name.
fn signer(repo: &Repo) -> Result<String> {
    if let Some((_, m)) = super::current_member(repo)? {
        return Ok(m.id);
    }
    let who = super::who(repo);
    let name = who
        .split(" <")
        .next()
        .unwrap_or_default()
        .trim()
        .to_string();
    if name.is_empty() {
        return Err(Error::Other(
            "未设置 git 的 user.name：批注要署名；请运行 git config --global user.name \"姓名\""
                .into(),
        ));
    }
    Ok(name)
}

/// The record at HEAD and the commit id, or an error naming the record.
fn committed(repo: &Repo, dept: &Dept, year: u16) -> Result<(String, String)> {
    match super::tip(repo, dept, year)? {
        Some((rev, Some(text))) => Ok((rev, text)),
        _ => Err(Error::Other(format!(
            "{}：还没有保存过的修订；请先保存这份记录",
            Repo::record_rel(dept, year)
        ))),
    }
}

fn save(
    repo: &Repo,
    dept: &Dept,
    year: u16,
    rev: String,
    text: &str,
    summary: &str,
) -> Result<SaveOutcome> {
    super::save(
        repo,
        &SaveRequest {
            dept,
            year,
            text,
            base: Base::Revision(rev),
            file_base: None,
            summary,
        },
    )
}

/// The field a note may be on, as stored: an indicator (by its path or name) becomes the
/// record field of its inputs; a row named by index (`targets.indicators[3].actual`) is
/// named by its id, so the note follows the row; a section id stays. `None`: no such field.
pub fn note_field(
    repo: &Repo,
    dept: &Dept,
    year: u16,
    text: &str,
    field: &str,
) -> Result<Option<String>> {
    let e = repo.evaluate(dept, year, text)?;
    if crate::section::Section::from_id(field).is_some() {
        return Ok(Some(field.to_string()));
    }
    if let Some(n) = e
        .card
        .nodes
        .iter()
        .find(|n| n.path == field || n.name == field)
    {
        return Ok(Some(if n.field.is_empty() {
            n.path.clone()
        } else {
            n.field.clone()
        }));
    }
    let d = doc::parse(&e.path, text)?;
    let keys = doc::row_keys(&d);
    let keyed = doc::keyed(&keys, field);
    let flat = doc::flatten_keyed(&d);
    let inside = |k: &String| {
        k == &keyed || k.starts_with(&format!("{keyed}.")) || k.starts_with(&format!("{keyed}["))
    };
    let known = flat.keys().any(inside)
        || e.rubric.catalogue.label(field).is_some()
        || e.card
            .nodes
            .iter()
            .any(|n| !n.field.is_empty() && field.starts_with(&n.field));
    Ok(known.then_some(keyed))
}

/// Attaches a note to `field` of the saved record; returns the save and the note's id.
pub fn note(
    repo: &Repo,
    dept: &Dept,
    year: u16,
    field: &str,
    body: &str,
) -> Result<(SaveOutcome, String)> {
    super::allow(
        repo,
        Action::WriteNote {
            dept: dept.as_str(),
            year,
        },
    )?;
    let (rev, text) = committed(repo, dept, year)?;
    let Some(stored) = note_field(repo, dept, year, &text, field)? else {
        return Err(Error::Other(format!(
            "{}：没有字段「{field}」；批注可以写在指标（路径或名称，如 jixiao score 所列）、记录字段（如 budget.text、targets.indicators[0].actual）或部分（overview、budget、targets、management、conclusion、recommendations）上",
            Repo::record_rel(dept, year)
        )));
    };
    let path = repo.record_path(dept, year);
    let (new, id) = notes::add_note(&path, &text, &stored, &signer(repo)?, body)?;
    let summary = format!("批注 {stored}：{}", crate::text::truncate(body.trim(), 40));
    Ok((save(repo, dept, year, rev, &new, &summary)?, id))
}

/// Changes the note `which` (id or number) of the saved record with `change`.
fn on_note(
    repo: &Repo,
    dept: &Dept,
    year: u16,
    which: &str,
    summary: impl FnOnce(&notes::Note) -> String,
    change: impl FnOnce(&std::path::Path, &str, usize, &str) -> Result<String>,
) -> Result<SaveOutcome> {
    let (rev, text) = committed(repo, dept, year)?;
    let path = repo.record_path(dept, year);
    let record = crate::record::Record::parse(&path, &text)?;
    let i = notes::find_note(&record.notes, which)?;
    let new = change(&path, &text, i, &signer(repo)?)?;
    save(repo, dept, year, rev, &new, &summary(&record.notes[i]))
}

/// The evaluator's answer to a note.
pub fn answer(repo: &Repo, dept: &Dept, year: u16, which: &str, body: &str) -> Result<SaveOutcome> {
    let fin = super::final_state(repo, dept, year)?;
    super::allow(
        repo,
        Action::AnswerNote {
            dept: dept.as_str(),
            year,
            final_draft: fin.as_deref(),
        },
    )?;
    on_note(
        repo,
        dept,
        year,
        which,
        |n| {
            format!(
                "答复批注 {}：{}",
                n.field,
                crate::text::truncate(body.trim(), 40)
            )
        },
        |p, t, i, by| notes::answer_note(p, t, i, by, body),
    )
}

/// A reviewer resolves a note.
pub fn resolve_note(repo: &Repo, dept: &Dept, year: u16, which: &str) -> Result<SaveOutcome> {
    super::allow(
        repo,
        Action::ResolveNote {
            dept: dept.as_str(),
            year,
        },
    )?;
    on_note(
        repo,
        dept,
        year,
        which,
        |n| {
            format!(
                "解决批注 {}：{}",
                n.field,
                crate::text::truncate(&n.text, 40)
            )
        },
        notes::resolve_note,
    )
}

/// An administrator reopens a record whose final draft is named, for `reason`.
pub fn reopen(repo: &Repo, dept: &Dept, year: u16, reason: &str) -> Result<SaveOutcome> {
    super::allow(
        repo,
        Action::Reopen {
            dept: dept.as_str(),
            year,
        },
    )?;
    let Some(draft) = super::final_state(repo, dept, year)? else {
        return Err(Error::Other(format!(
            "{dept}/{year} 没有已命名且未重新开放的终稿，不需要重新开放"
        )));
    };
    let (rev, text) = committed(repo, dept, year)?;
    let path = repo.record_path(dept, year);
    let new = notes::add_reopening(&path, &text, &draft, &signer(repo)?, reason)?;
    let summary = format!("重新开放 {dept}/{year}（{draft}）：{}", reason.trim());
    save(repo, dept, year, rev, &new, &summary)
}

/// The tag name of an approval.
pub fn approval_tag(dept: &Dept, year: u16, draft: &str) -> String {
    format!("approved/{dept}/{year}/{draft}")
}

/// A reviewer approves the named draft `draft`: an annotated tag on the commit it names;
/// returns the tag's name. Approving again what is approved is refused with who approved it.
pub fn approve(repo: &Repo, dept: &Dept, year: u16, draft: &str) -> Result<String> {
    super::allow(
        repo,
        Action::Approve {
            dept: dept.as_str(),
            year,
        },
    )?;
    let git = open(repo)?;
    let tag_ref = format!("refs/tags/{}", super::draft_tag(dept, year, draft));
    if git.find_reference(&tag_ref).is_err() {
        return Err(Error::Other(format!(
            "{dept}/{year} 没有名为「{draft}」的稿；可用的稿见 jixiao drafts {dept} {year}"
        )));
    }
    let commit = resolve(&git, dept, year, draft)?;
    let name = approval_tag(dept, year, draft);
    if let Ok(existing) = git.find_reference(&format!("refs/tags/{name}")) {
        let by = existing
            .peel_to_tag()
            .ok()
            .and_then(|t| {
                t.tagger()
                    .map(|s| String::from_utf8_lossy(s.name_bytes()).into_owned())
            })
            .unwrap_or_default();
        return Err(Error::Other(format!(
            "{dept}/{year} 的{draft}已由 {by} 审核通过（标签 {name}）"
        )));
    }
    let sig = super::identity::identity(&git)?.committer;
    let who = sig.name().unwrap_or_default().to_string();
    let message = format!(
        "{dept}/{year} {draft} 审核通过：{who}\n\nRecord: {dept}/{year}\nApproved-by: {who} <{}>\n",
        sig.email().unwrap_or_default()
    );
    git.tag(&name, commit.as_object(), &sig, &message, false)
        .map_err(|e| {
            write_error(
                &git,
                &format!("创建审核标签 {name}（{}）", short(commit.id())),
                e,
            )
        })?;
    Ok(name)
}

/// Approvals of a department-year: (draft name, approver) pairs.
pub fn approvals(repo: &Repo, dept: &Dept, year: u16) -> Result<Vec<(String, String)>> {
    let git = open(repo)?;
    let prefix = format!("refs/tags/approved/{dept}/{year}/");
    let refs = git
        .references_glob(&format!("{prefix}*"))
        .map_err(|e| git_error("列出审核标签", e))?;
    let mut out = Vec::new();
    for r in refs.flatten() {
        let Some(name) = r
            .name()
            .and_then(|n| n.strip_prefix(&prefix))
            .map(str::to_string)
        else {
            continue;
        };
        let by = r
            .peel_to_tag()
            .ok()
            .and_then(|t| {
                t.tagger()
                    .map(|s| String::from_utf8_lossy(s.name_bytes()).into_owned())
            })
            .unwrap_or_default();
        out.push((name, by));
    }
    Ok(out)
}
