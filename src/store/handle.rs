//! One open repository for a command that reads and then saves a record.
//!
//! `jixiao commit` reads the index's copy of the record and then saves: through one open
//! repository (its configuration and object database read once), scoring the text on a second
//! thread while the save reads and writes git, and stopping early when the tip holds the text.

use super::commit::{Ours, SaveOutcome, SaveRequest, save_asking, save_in};
use super::open;
use super::worktree::{WorkingCopy, working_copy_in};
use crate::error::{Error, Result};
use crate::finding::Finding;
use crate::repo::{Dept, Evaluation, Repo};
use std::thread::ScopedJoinHandle;

/// A text's evaluation and its findings, from the thread that scored it.
type Scored = (Evaluation, Vec<Finding>);

/// What [`Store::save_checked`] did, with the text's evaluation and findings.
#[derive(Debug, Clone)]
pub struct Checked {
    pub evaluation: Evaluation,
    pub findings: Vec<Finding>,
    pub outcome: CheckedOutcome,
}

/// Whether a checked save committed.
#[derive(Debug, Clone)]
pub enum CheckedOutcome {
    /// The findings forbade it: nothing was committed.
    Refused,
    /// The branch holds the text already: nothing to commit.
    Unchanged,
    /// Saved (or a conflict kept the text aside), as [`Store::save`] says.
    Saved(SaveOutcome),
}

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

    /// Saves `req` while another thread scores its text: the save reads the branch and writes
    /// the text's objects meanwhile (about half of a save), then commits only when `refuse`
    /// finds nothing in the text's findings that forbids it. The caller's order of answers
    /// stays: an error scoring the text comes first, then a refusal, then "unchanged" when
    /// the branch holds the text already (then neither the index nor the file is touched).
    pub fn save_checked(
        &self,
        req: &SaveRequest,
        refuse: impl FnOnce(&[Finding]) -> bool,
    ) -> Result<Checked> {
        let repo = self.repo;
        std::thread::scope(|s| {
            let mut scoring = Some(s.spawn(|| {
                let e = repo.evaluate(req.dept, req.year, req.text)?;
                let findings = e.findings();
                Ok((e, findings))
            }));
            let join = |h: Option<ScopedJoinHandle<'_, Result<Scored>>>| match h {
                Some(h) => h.join().unwrap_or_else(|p| std::panic::resume_unwind(p)),
                None => Err(Error::Other(crate::text::store::SAVE_NOT_SCORED.into())),
            };
            let mut findings = None;
            let mut refused = None;
            let mut ours = Ours::later(
                || {
                    let (e, f) = join(scoring.take())?;
                    let no = refuse(&f);
                    findings = Some(f);
                    if no {
                        refused = Some(e);
                        Ok(None)
                    } else {
                        Ok(Some(e))
                    }
                },
                true,
            );
            let saved = save_asking(&self.git, repo, req, &mut ours);
            let at_tip = ours.at_tip;
            let got = ours.into_evaluation();
            // A save that failed before asking: the scoring's own error comes first, as when
            // the text was scored before saving.
            if scoring.is_some() {
                join(scoring.take())?;
            }
            let saved = saved?;
            let findings = findings.unwrap_or_default();
            let (evaluation, outcome) = match (refused, got, saved) {
                (Some(e), _, _) => (e, CheckedOutcome::Refused),
                (None, Some(e), Some(o)) => (e, CheckedOutcome::Saved(o)),
                (None, Some(e), None) if at_tip => (e, CheckedOutcome::Unchanged),
                (None, _, _) => {
                    return Err(Error::Other(crate::text::store::SAVE_NOT_SCORED.into()));
                }
            };
            Ok(Checked {
                evaluation,
                findings,
                outcome,
            })
        })
    }
}
