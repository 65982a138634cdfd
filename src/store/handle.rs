//! One open repository for a command that reads and then saves a record.
//!
//! `jixiao commit` reads the index's copy of the record, asks whether the tip holds the text,
//! and then saves: through one open repository (its configuration and object database read
//! once), and without scoring the caller's text again.

use super::commit::{SaveOutcome, SaveRequest, save_in};
use super::open;
use super::worktree::{WorkingCopy, head_blob, working_copy_in};
use crate::error::Result;
use crate::repo::{Dept, Evaluation, Repo};

/// An evaluation repository opened once for several store operations.
pub struct Store<'r> {
    repo: &'r Repo,
    git: git2::Repository,
}

impl<'r> Store<'r> {
    /// Opens the git repository of `repo`.
    pub fn open(repo: &'r Repo) -> Result<Store<'r>> {
        Ok(Store {
            repo,
            git: open(repo)?,
        })
    }

    /// See [`super::working_copy`].
    pub fn working_copy(&self, dept: &Dept, year: u16) -> Result<WorkingCopy> {
        working_copy_in(&self.git, self.repo, dept, year)
    }

    /// Whether the record at HEAD is exactly `text` (compared by blob id, without reading it).
    pub fn tip_holds(&self, dept: &Dept, year: u16, text: &str) -> Result<bool> {
        head_blob(&self.git, &Repo::record_rel(dept, year))
            .map(|b| b == Some(super::index::blob_id(text.as_bytes())))
    }

    /// The blob id of `rubrics/NAME.toml` at revision `spec`, without reading the rubric.
    pub fn rubric_blob_at(&self, spec: &str, name: &str) -> Result<Option<String>> {
        super::rubrics::rubric_blob_at(&self.git, spec, name)
    }

    /// The evaluation repository this store belongs to.
    pub fn repo(&self) -> &'r Repo {
        self.repo
    }

    /// See [`super::save`]; `scored` is the caller's evaluation of `req.text`, if it has one.
    pub fn save(&self, req: &SaveRequest, scored: Option<Evaluation>) -> Result<SaveOutcome> {
        save_in(&self.git, self.repo, req, scored)
    }
}
