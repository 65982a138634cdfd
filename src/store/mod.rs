//! The git store: records live in a plain git repository; every save is a commit, drafts
//! are annotated tags named `DEPT/YEAR/NAME` (e.g. `bj-traffic/2023/初稿`).

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
    git2::Repository::open(repo.root()).map_err(|e| {
        git_error(
            &format!("opening {} as a git repository", repo.root().display()),
            e,
        )
    })
}

/// The record's text at `spec`: a draft name of this department-year, else any git
/// revision (`HEAD~2`, a commit id, a tag).
pub fn read_at(repo: &Repo, dept: &Dept, year: u16, spec: &str) -> Result<String> {
    let git = open(repo)?;
    let obj = git
        .revparse_single(&format!("refs/tags/{}", draft_tag(dept, year, spec)))
        .or_else(|_| git.revparse_single(spec))
        .map_err(|e| {
            git_error(
                &format!("no draft or revision `{spec}` for {dept}/{year}"),
                e,
            )
        })?;
    let commit = obj
        .peel_to_commit()
        .map_err(|e| git_error(&format!("`{spec}` is not a commit"), e))?;
    let rel = Repo::record_rel(dept, year);
    let tree = commit
        .tree()
        .map_err(|e| git_error("reading the commit's tree", e))?;
    let entry = tree
        .get_path(Path::new(&rel))
        .map_err(|_| Error::Other(format!("{rel} does not exist at revision `{spec}`")))?;
    let blob = entry
        .to_object(&git)
        .and_then(|o| o.peel_to_blob())
        .map_err(|e| git_error(&format!("reading {rel} at `{spec}`"), e))?;
    String::from_utf8(blob.content().to_vec())
        .map_err(|_| Error::Other(format!("{rel} at `{spec}` is not UTF-8 text")))
}
