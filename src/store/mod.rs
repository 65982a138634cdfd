//! The git store: records live in a plain git repository; every save is a commit, drafts
//! are annotated tags named `DEPT/YEAR/NAME` (e.g. `bj-traffic/2023/初稿`).
//!
//! Everything here speaks plain data (ids as hex strings, scores as `Decimal`); git2 types
//! stay inside this module. A `git2::Repository` is opened per call, so callers may use the
//! store from any thread.

mod blame;
mod commit;
mod diff;
mod draft;
mod history;
mod init;
mod latest;
mod merge;
mod rubrics;
mod time;

pub use blame::{BlameRow, blame};
pub use commit::{SaveOutcome, SaveRequest, save, tip};
pub use diff::{FieldChange, RecordDiff, ScoreChange, Segment, TextChange, diff, diff_with};
pub use draft::{Draft, draft, drafts};
pub use history::{LogOptions, Revision, log, log_opts, log_with};
pub use init::commit_paths;
pub use latest::{LastSave, last_saves};
pub use merge::{Conflict, Merge, merge3};
pub use rubrics::{RubricChange, RubricNow, evaluate_at, rubric_rel, rubric_text_at};
pub use time::Time;

use crate::error::{Error, Result};
use crate::repo::{Dept, Repo};
use std::path::Path;

/// A git error, with what jixiao was doing.
pub fn git_error(doing: &str, e: git2::Error) -> Error {
    Error::Git(format!("{doing}: {}", e.message()))
}

/// The tag name of a draft of a department-year.
pub fn draft_tag(dept: &Dept, year: u16, name: &str) -> String {
    format!("{dept}/{year}/{name}")
}

/// Opens the git repository of `repo`.
pub fn open(repo: &Repo) -> Result<git2::Repository> {
    // Like git itself, do not re-hash every object read (that is `git fsck`'s job): hashing
    // each tree of a 20,000-commit walk was most of `log`'s time. Objects written are still
    // hashed, as their ids are their hashes.
    static READ_WITHOUT_REHASHING: std::sync::Once = std::sync::Once::new();
    READ_WITHOUT_REHASHING.call_once(|| git2::opts::strict_hash_verification(false));
    git2::Repository::open(repo.root()).map_err(|e| {
        git_error(
            &format!("opening {} as a git repository", repo.root().display()),
            e,
        )
    })
}

/// The commit `spec` names: a draft name of this department-year, else any git revision
/// (`HEAD~2`, a commit id, a tag).
fn resolve<'r>(
    git: &'r git2::Repository,
    dept: &Dept,
    year: u16,
    spec: &str,
) -> Result<git2::Commit<'r>> {
    let obj = git
        .revparse_single(&format!("refs/tags/{}", draft_tag(dept, year, spec)))
        .or_else(|_| git.revparse_single(spec))
        .map_err(|e| {
            git_error(
                &format!("no draft or revision `{spec}` for {dept}/{year}"),
                e,
            )
        })?;
    obj.peel_to_commit()
        .map_err(|e| git_error(&format!("`{spec}` is not a commit"), e))
}

/// The id of the record's blob in `commit`, if the record exists there.
fn blob_id(commit: &git2::Commit, rel: &str) -> Result<Option<git2::Oid>> {
    let tree = commit
        .tree()
        .map_err(|e| git_error("reading a commit's tree", e))?;
    Ok(tree
        .get_path(Path::new(rel))
        .ok()
        .filter(|e| e.kind() == Some(git2::ObjectType::Blob))
        .map(|e| e.id()))
}

/// The text of a blob, which must be UTF-8.
fn blob_text(git: &git2::Repository, id: git2::Oid, what: &str) -> Result<String> {
    let blob = git
        .find_blob(id)
        .map_err(|e| git_error(&format!("reading {what}"), e))?;
    String::from_utf8(blob.content().to_vec())
        .map_err(|_| Error::Other(format!("{what} is not UTF-8 text")))
}

/// The record's text in `commit`, if it exists there.
fn text_in(git: &git2::Repository, commit: &git2::Commit, rel: &str) -> Result<Option<String>> {
    match blob_id(commit, rel)? {
        Some(id) => blob_text(git, id, &format!("{rel} at {}", short(commit.id()))).map(Some),
        None => Ok(None),
    }
}

/// The seven-digit short form of a commit id.
fn short(id: git2::Oid) -> String {
    let mut s = id.to_string();
    s.truncate(7);
    s
}

/// The record's text at `spec`: a draft name of this department-year, else any git
/// revision (`HEAD~2`, a commit id, a tag).
pub fn read_at(repo: &Repo, dept: &Dept, year: u16, spec: &str) -> Result<String> {
    let git = open(repo)?;
    let commit = resolve(&git, dept, year, spec)?;
    let rel = Repo::record_rel(dept, year);
    text_in(&git, &commit, &rel)?
        .ok_or_else(|| Error::Other(format!("{rel} does not exist at revision `{spec}`")))
}

/// The commit author/committer from git config, or an error that says how to set it.
fn signature(git: &git2::Repository) -> Result<git2::Signature<'static>> {
    let config = git
        .config()
        .map_err(|e| git_error("reading git config", e))?;
    let get = |key: &str| config.get_string(key).ok().filter(|v| !v.trim().is_empty());
    match (get("user.name"), get("user.email")) {
        (Some(name), Some(email)) => git2::Signature::now(&name, &email)
            .map_err(|e| git_error("making the commit signature", e)),
        (name, _) => {
            let missing = if name.is_none() {
                "user.name"
            } else {
                "user.email"
            };
            Err(Error::Other(format!(
                "git config {missing} is not set, and every save is a commit that names its author: \
                 set it with `git config --global user.name \"姓名\"` and \
                 `git config --global user.email \"you@example.org\"` \
                 (or without --global, for this repository only)"
            )))
        }
    }
}
