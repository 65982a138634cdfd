//! One open repository for a command that reads and then saves a record.
//!
//! `jixiao commit` reads the index's copy of the record, the tip, and then saves: through one
//! open repository the index (hashed in full on every read) is read once and only read again
//! when it changed on disk, and the caller's scoring of the text is not repeated.

use super::commit::{SaveOutcome, SaveRequest, save_in, tip_blob_in, tip_in};
use super::open;
use super::worktree::{WorkingCopy, working_copy_in};
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

    /// See [`super::tip`].
    pub fn tip(&self, dept: &Dept, year: u16) -> Result<Option<(String, Option<String>)>> {
        tip_in(&self.git, dept, year)
    }

    /// Whether the record at HEAD is exactly `text` (compared by blob id, without reading it).
    pub fn tip_holds(&self, dept: &Dept, year: u16, text: &str) -> Result<bool> {
        tip_blob_in(&self.git, dept, year)
            .map(|b| b == Some(super::index::blob_id(text.as_bytes())))
    }

    /// See [`super::save`]; `scored` is the caller's evaluation of `req.text`, if it has one.
    pub fn save(&self, req: &SaveRequest, scored: Option<Evaluation>) -> Result<SaveOutcome> {
        save_in(&self.git, self.repo, req, scored)
    }
}
