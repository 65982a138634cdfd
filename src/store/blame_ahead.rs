//! Blame's revisions scored on the other cores while the history is still being walked.
//!
//! A first blame walked 20,000 commits on one core and only then scored the record's 1,000
//! revisions. The walk through the trailers meets each revision long before it is over
//! (`touches::touches_seen`), so each is handed to a worker as it is met, newest first, the
//! order in which blame asks for them. What a worker gives is keyed by blob and rubric like
//! the cache it goes into, so a revision the walk later drops costs time, never a wrong score.

use super::blame_cache::Scores;
use super::open;
use super::rubrics::Rubrics;
use crate::record::memo::Memo;
use crate::repo::{Dept, Repo};
use crate::score::{Explain, Scorecard};
use git2::Oid;
use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, mpsc};

/// A worker's answer for a blob: the commit it was met in, the rubric it scored with there and
/// the leaf scores, or nothing when it could not score it so (blame then scores it itself, and
/// says why if it must).
type Scored = Option<(Oid, Oid, Scores)>;

/// The workers and what they have answered.
pub(super) struct Ahead {
    jobs: Option<mpsc::Sender<(Oid, Oid)>>,
    answers: mpsc::Receiver<(Oid, Scored)>,
    stop: Arc<AtomicBool>,
    offered: HashSet<Oid>,
    answered: HashMap<Oid, Scored>,
}

impl Ahead {
    /// `workers` threads, each with its own handle on the repository; they end when blame
    /// drops this. With none, nothing is offered.
    pub(super) fn start<'scope>(
        s: &'scope std::thread::Scope<'scope, '_>,
        repo: &'scope Repo,
        dept: &'scope Dept,
        year: u16,
        workers: usize,
    ) -> Ahead {
        let (jobs, queue) = mpsc::channel::<(Oid, Oid)>();
        let (tell, answers) = mpsc::channel();
        let stop = Arc::new(AtomicBool::new(false));
        let queue = Arc::new(Mutex::new(queue));
        for _ in 0..workers {
            let (queue, tell, stop) = (Arc::clone(&queue), tell.clone(), Arc::clone(&stop));
            s.spawn(move || {
                let next = || match queue.lock() {
                    Ok(q) if !stop.load(Ordering::Relaxed) => q.recv().ok(),
                    _ => None,
                };
                // The repository is opened for the first revision: a blame answered from its
                // cache offers none.
                let Some(mut job) = next() else {
                    return;
                };
                let Ok(git) = open(repo) else {
                    return;
                };
                let mut rubrics = Rubrics::new(&git, repo);
                let mut memo = Memo::to_resolve();
                let path = repo.record_path(dept, year);
                loop {
                    let (commit, blob) = job;
                    if stop.load(Ordering::Relaxed) {
                        return;
                    }
                    let scored = rubrics
                        .blob_rubric_name(blob)
                        .and_then(|name| rubrics.identity(commit, &name).ok().flatten())
                        .and_then(|rubric| {
                            let card = score_revision(
                                &mut rubrics,
                                &mut memo,
                                &path,
                                dept,
                                year,
                                (commit, blob),
                            )?;
                            Some((commit, rubric, scores_of(&card)))
                        });
                    if tell.send((blob, scored)).is_err() {
                        return;
                    }
                    match next() {
                        Some(j) => job = j,
                        None => return,
                    }
                }
            });
        }
        Ahead {
            jobs: (workers > 0).then_some(jobs),
            answers,
            stop,
            offered: HashSet::new(),
            answered: HashMap::new(),
        }
    }

    /// Hands the revision at `commit` with record blob `blob` to the workers, once per blob.
    pub(super) fn offer(&mut self, commit: Oid, blob: Oid) {
        if let Some(jobs) = &self.jobs
            && self.offered.insert(blob)
            && jobs.send((commit, blob)).is_err()
        {
            self.offered.remove(&blob);
        }
    }

    /// No more revisions will be offered: the workers end once they have scored those given.
    pub(super) fn walked(&mut self) {
        self.jobs = None;
    }

    /// Whether `blob` was handed to the workers.
    pub(super) fn offered(&self, blob: Oid) -> bool {
        self.offered.contains(&blob)
    }

    /// The workers' answer for `blob`, waiting for it if it was offered and is not in yet;
    /// `None` when it was not offered, or when the workers could not score it.
    pub(super) fn take(&mut self, blob: Oid) -> Scored {
        if !self.offered.remove(&blob) {
            return None;
        }
        while !self.answered.contains_key(&blob) {
            match self.answers.recv() {
                Ok((b, scored)) => {
                    self.answered.insert(b, scored);
                }
                // Every worker has ended (none could open the repository).
                Err(_) => return None,
            }
        }
        self.answered.remove(&blob).flatten()
    }
}

impl Drop for Ahead {
    fn drop(&mut self) {
        // Blame has what it needs (or failed): the workers stop after the revision in hand.
        self.stop.store(true, Ordering::Relaxed);
        self.jobs = None;
    }
}

/// The scorecard of the revision (commit, blob) when its rows all have ids; `None` when it
/// cannot be scored so. `memo` holds the tables of the revision this thread read before.
pub(super) fn score_revision(
    rubrics: &mut Rubrics,
    memo: &mut Memo,
    path: &std::path::Path,
    dept: &Dept,
    year: u16,
    (commit, blob): (Oid, Oid),
) -> Option<Scorecard> {
    let text = rubrics.blob_text(blob, "").ok()?;
    // The memo's tables are lent to the record and taken back once it is scored.
    let (record, ids, loan) = memo.lend_with_row_ids(path, &text).ok()?;
    if !ids {
        memo.give_back(record, loan);
        return None;
    }
    let (e, _) = rubrics
        .evaluate_parsed(commit, dept, year, record, &text, Explain::No)
        .ok()?;
    memo.give_back(e.record, loan);
    Some(e.card)
}

/// The score of every leaf of a scorecard, by key.
pub(super) fn scores_of(card: &Scorecard) -> Scores {
    card.leaves().map(|n| (n.key.clone(), n.score)).collect()
}
