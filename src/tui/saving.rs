//! Saving from the editor. The commit runs in a background thread, like every other git
//! work of the editor: a save may rebuild on top of a concurrent commit, merge and rewrite
//! the index, which takes a moment on a large repository. Keys wait meanwhile, so the text
//! being saved is the text on screen; the outcome is applied to the editor when it arrives.

use super::job::{Done, Job};
use super::{App, Screen, conflict, recovery};
use crate::repo::{Dept, Repo};
use crate::store::{self, Base, SaveOutcome, SaveRequest};

/// What a save needs, owned, for the background thread.
pub struct SaveWork {
    pub dept: Dept,
    pub year: u16,
    pub summary: String,
    /// The record's text as saved.
    pub text: String,
    /// The revision the edit started from.
    pub base: Base,
    /// The text the editor opened or last saved (what the working file derives from).
    pub opened: String,
}

/// A finished save: what was asked and what happened.
pub struct SaveDone {
    pub work: SaveWork,
    pub outcome: crate::Result<SaveOutcome>,
    /// The committed text, read back from the commit.
    pub committed: Option<String>,
}

/// Starts the save of `work`.
pub fn job(repo: &Repo, work: SaveWork) -> Job {
    let repo = repo.clone();
    Job::start(crate::text::tui::SAVING, move || commit(&repo, work)).not_cancellable()
}

/// Starts merging a conflict's picks and saving the result on top of the revision they
/// were merged with; `opened` is the text the editor opened or last saved.
pub fn merge_job(repo: &Repo, merge: conflict::Merge, opened: String) -> Job {
    let repo = repo.clone();
    Job::start(crate::text::tui::MERGING, move || {
        match merge.resolve(&repo) {
            Ok((text, tip)) => commit(
                &repo,
                SaveWork {
                    dept: merge.dept,
                    year: merge.year,
                    summary: merge.summary,
                    text,
                    base: Base::Revision(tip),
                    opened,
                },
            ),
            Err(e) => Done::Unmerged(crate::text::tui::cannot_merge(e)),
        }
    })
    .not_cancellable()
}

/// Commits `work` (in the background thread) and reads the committed text back.
fn commit(repo: &Repo, work: SaveWork) -> Done {
    let req = SaveRequest {
        dept: &work.dept,
        year: work.year,
        text: &work.text,
        base: work.base.clone(),
        file_base: Some(&work.opened),
        summary: &work.summary,
    };
    let outcome = crate::text::check_allowed(crate::text::tui::SUMMARY_FIELD, &work.summary)
        .and_then(|()| store::save(repo, &req));
    // The committed text, whatever the working file holds (it may keep someone's hand
    // edits that are not part of this save).
    let committed = match &outcome {
        Ok(SaveOutcome::Committed { rev, .. }) => {
            store::read_at(repo, &work.dept, work.year, rev).ok()
        }
        _ => None,
    };
    Done::Saved(Box::new(SaveDone {
        work,
        outcome,
        committed,
    }))
}

/// Applies a finished save: the editor reloads the committed record and says how the score
/// moved; a conflict opens the resolution screen; a failure keeps every edit.
pub fn apply(app: &mut App, done: SaveDone) {
    let repo = app.repo.clone();
    let session = app.session.clone();
    let SaveDone {
        work,
        outcome,
        committed,
    } = done;
    let Some(ed) = app.editor() else { return };
    // The editor on screen is the one saved: keys waited for the save.
    match outcome {
        Ok(SaveOutcome::Committed {
            rev,
            old_total,
            new_total,
            grade,
            merged,
            working_file,
        }) => {
            let committed = committed.unwrap_or_else(|| work.text.clone());
            if let Err(e) = ed.reload(&committed) {
                ed.status = Some(crate::text::tui::saved_unreadable(e));
                return;
            }
            ed.saved_as(rev.clone(), committed);
            let _ = recovery::clear(&repo, &work.dept, work.year, &session);
            let old = old_total
                .map(crate::num::fixed2)
                .unwrap_or_else(|| "—".into());
            let how = if merged {
                crate::text::tui::MERGED_WITH_OTHERS
            } else {
                ""
            };
            let file_note = match working_file {
                store::WorkingFile::Updated => "",
                store::WorkingFile::Merged => crate::text::tui::WORKING_FILE_MERGED,
                store::WorkingFile::Kept => crate::text::tui::WORKING_FILE_KEPT,
            };
            // An incomplete record's partial total is no score: it shows 未完成 alone.
            let new = if grade == crate::score::INCOMPLETE {
                grade
            } else {
                crate::text::tui::total_grade(crate::num::fixed2(new_total), &grade)
            };
            ed.status = Some(crate::text::tui::saved(
                &rev[..rev.len().min(7)],
                &old,
                &new,
                how,
                file_note,
            ));
        }
        Ok(SaveOutcome::Conflicts { conflicts, kept }) => {
            let n = conflicts.len();
            let c = conflict::Conflicts {
                dept: work.dept,
                year: work.year,
                theirs: vec![false; n],
                conflicts,
                selected: 0,
                kept,
                summary: work.summary,
                base: work.base,
                ours: work.text,
                help: false,
            };
            app.screens.push(Screen::Conflicts(Box::new(c)));
        }
        Err(e) => ed.status = Some(crate::text::tui::save_failed(e)),
    }
}
