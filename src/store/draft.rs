//! Drafts: names (初稿, 征求意见稿, 终稿 …) given to revisions of a department-year, stored as
//! annotated tags `DEPT/YEAR/NAME`. A draft name never moves.

use super::{Time, draft_tag, git_error, open, resolve, short, text_in, write_error};
use crate::error::{Error, Result};
use crate::num;
use crate::repo::{Dept, Repo};
use git2::Oid;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

/// A named draft.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Draft {
    pub name: String,
    /// The commit id it names.
    pub rev: String,
    pub short: String,
    /// Who named it (`None` for a lightweight tag made with plain git).
    pub tagger: Option<String>,
    pub time: Option<Time>,
    pub message: String,
}

fn valid_name(name: &str) -> bool {
    !name.trim().is_empty()
        && name.trim() == name
        && !name.contains('/')
        && git2::Reference::is_valid_name(&format!("refs/tags/x/{name}"))
}

/// Every draft of a department-year, oldest first.
pub fn drafts(repo: &Repo, dept: &Dept, year: u16) -> Result<Vec<Draft>> {
    let git = open(repo)?;
    list(&git, dept, year)
}

pub(super) fn list(git: &git2::Repository, dept: &Dept, year: u16) -> Result<Vec<Draft>> {
    let prefix = format!("refs/tags/{}/", draft_tag(dept, year, ""));
    let prefix = prefix.trim_end_matches('/').to_string() + "/";
    let refs = git
        .references_glob(&format!("{prefix}*"))
        .map_err(|e| git_error(crate::text::store::LIST_DRAFTS, e))?;
    let mut out = Vec::new();
    for r in refs {
        let r = r.map_err(|e| git_error(crate::text::store::LIST_DRAFTS, e))?;
        let Some(name) = r.name().and_then(|n| n.strip_prefix(&prefix)) else {
            continue;
        };
        let name = name.to_string();
        let Ok(commit) = r.peel_to_commit() else {
            continue;
        };
        let tag = r.peel_to_tag().ok();
        let tagger = tag.as_ref().and_then(|t| t.tagger());
        out.push(Draft {
            name,
            rev: commit.id().to_string(),
            short: short(commit.id()),
            tagger: tagger
                .as_ref()
                .map(|s| String::from_utf8_lossy(s.name_bytes()).into_owned()),
            time: Some(Time::of(
                tagger
                    .as_ref()
                    .map(|s| s.when())
                    .unwrap_or_else(|| commit.time()),
            )),
            message: tag
                .as_ref()
                .and_then(|t| t.message_bytes())
                .map(|m| String::from_utf8_lossy(m).trim_end().to_string())
                .unwrap_or_default(),
        });
    }
    out.sort_by(|a, b| {
        let t = |d: &Draft| d.time.as_ref().map(|t| t.secs);
        t(a).cmp(&t(b)).then_with(|| a.name.cmp(&b.name))
    });
    Ok(out)
}

/// Draft names by the commit they point at.
pub(super) fn draft_names(
    git: &git2::Repository,
    dept: &Dept,
    year: u16,
) -> Result<HashMap<Oid, Vec<String>>> {
    let mut out: HashMap<Oid, Vec<String>> = HashMap::new();
    for d in list(git, dept, year)? {
        if let Ok(id) = Oid::from_str(&d.rev) {
            out.entry(id).or_default().push(d.name);
        }
    }
    Ok(out)
}

/// Names revision `rev` (default: HEAD) of the record as draft `name`; returns the commit id.
/// Naming the same commit again is a no-op; a name that points elsewhere is refused.
pub fn draft(repo: &Repo, dept: &Dept, year: u16, name: &str, rev: Option<&str>) -> Result<String> {
    if !valid_name(name) {
        return Err(Error::Other(crate::text::store::bad_draft_name(name)));
    }
    let git = open(repo)?;
    let commit = match rev {
        Some(spec) => resolve(&git, dept, year, spec)?,
        None => git.head().and_then(|h| h.peel_to_commit()).map_err(|e| {
            Error::Git(crate::text::store::nothing_to_name(super::cause::cause(&e)))
        })?,
    };
    let rel = Repo::record_rel(dept, year);
    let Some(text) = text_in(&git, &commit, &rel)? else {
        return Err(Error::Other(crate::text::store::draft_not_of_record(
            short(commit.id()),
            &rel,
        )));
    };
    // With a team: evaluators name their drafts, a reviewer the final one once no note is open.
    if let Some((team, member)) = super::identity::member_of(&git)? {
        let path = repo.record_path(dept, year);
        let open_notes = crate::record::Record::parse(&path, &text)
            .map(|r| r.open_notes().count())
            .unwrap_or(0);
        team.allows(
            &member,
            crate::team::Action::NameDraft {
                dept: dept.as_str(),
                year,
                name,
                open_notes,
            },
        )?;
    }
    let tag = draft_tag(dept, year, name);
    let existing = || -> Option<Oid> {
        git.find_reference(&format!("refs/tags/{tag}"))
            .ok()?
            .peel_to_commit()
            .ok()
            .map(|c| c.id())
    };
    let refuse = |at: Oid| {
        Error::Other(crate::text::store::draft_name_taken(
            dept,
            year,
            name,
            short(at),
            &tag,
        ))
    };
    if let Some(at) = existing() {
        return if at == commit.id() {
            Ok(at.to_string())
        } else {
            Err(refuse(at))
        };
    }
    // git names the committer as a tag's tagger.
    let sig = super::identity::identity(&git)?.committer;
    // Scored with the rubric as it was in that revision, never today's.
    let score =
        match super::rubrics::Rubrics::new(&git, repo).evaluate(commit.id(), dept, year, &text) {
            Ok((e, _)) if !e.card.complete => crate::text::store::TOTAL_INCOMPLETE.into(),
            Ok((e, _)) => crate::text::store::draft_total(num::fixed2(e.card.total), &e.card.grade),
            Err(Error::InvalidRubric { .. }) => crate::text::store::RUBRIC_INVALID_UNSCORED.into(),
            Err(_) => crate::text::store::RECORD_UNSCORABLE.into(),
        };
    let message = crate::text::store::draft_tag_message(dept, year, name, &score);
    match git.tag(&tag, commit.as_object(), &sig, &message, false) {
        Ok(_) => Ok(commit.id().to_string()),
        Err(e) if e.code() == git2::ErrorCode::Exists => match existing() {
            Some(at) if at == commit.id() => Ok(at.to_string()),
            Some(at) => Err(refuse(at)),
            None => Err(write_error(
                &git,
                &crate::text::store::create_draft_tag(&tag),
                e,
            )),
        },
        Err(e) => Err(write_error(
            &git,
            &crate::text::store::create_draft_tag(&tag),
            e,
        )),
    }
}

/// A draft tag: `((dept, year), name, seconds)`, the seconds being when it was named (the
/// tagger's time, else the commit's), as `drafts` orders them.
type NamedDraft = ((String, u16), String, i64);

/// Every draft tag of the repository that names a commit, from one listing of the tags.
fn every_draft(repo: &Repo) -> Result<Vec<NamedDraft>> {
    let git = open(repo)?;
    let refs = git
        .references_glob("refs/tags/*")
        .map_err(|e| git_error(crate::text::store::LIST_DRAFTS, e))?;
    let mut out = Vec::new();
    for r in refs {
        let r = r.map_err(|e| git_error(crate::text::store::LIST_DRAFTS, e))?;
        let Some(tag) = r.name().and_then(|n| n.strip_prefix("refs/tags/")) else {
            continue;
        };
        let mut parts = tag.splitn(3, '/');
        let (Some(dept), Some(year), Some(name)) = (parts.next(), parts.next(), parts.next())
        else {
            continue;
        };
        let (Ok(dept), Ok(year)) = (Dept::parse(dept), crate::repo::parse_year(year)) else {
            continue;
        };
        // Only names that point at a commit, as `drafts` lists them.
        let Ok(commit) = r.peel_to_commit() else {
            continue;
        };
        let secs = r
            .peel_to_tag()
            .ok()
            .and_then(|t| t.tagger().map(|s| s.when().seconds()))
            .unwrap_or_else(|| commit.time().seconds());
        out.push(((dept.as_str().to_string(), year), name.to_string(), secs));
    }
    Ok(out)
}

/// The latest draft of every department-year (by the time it was named, then the name):
/// what the home screen shows beside each record.
pub fn latest_drafts(repo: &Repo) -> Result<BTreeMap<(String, u16), String>> {
    let mut best: BTreeMap<(String, u16), (i64, String)> = BTreeMap::new();
    for (key, name, secs) in every_draft(repo)? {
        let newer = best
            .get(&key)
            .is_none_or(|(s, n)| (secs, name.as_str()) >= (*s, n.as_str()));
        if newer {
            best.insert(key, (secs, name));
        }
    }
    Ok(best.into_iter().map(|(k, (_, n))| (k, n)).collect())
}

/// The draft names of every department-year, from one listing of the tags (a summary of
/// hundreds of records reads them all): `(dept, year)` → names.
pub fn all_drafts(repo: &Repo) -> Result<BTreeMap<(String, u16), Vec<String>>> {
    let mut out: BTreeMap<(String, u16), Vec<String>> = BTreeMap::new();
    for (key, name, _) in every_draft(repo)? {
        out.entry(key).or_default().push(name);
    }
    Ok(out)
}
