//! The commits down the first parents from HEAD, read on another core ahead of a walk that
//! will go all the way down (a first `log` or `blame`, with nothing kept from an earlier one).
//!
//! Reading and inflating 20,000 commits was half of such a walk, and the other half (the trees
//! of the commits that name the record) needs each commit only once it is read: the two now
//! run side by side. The walk asks for each commit by id; an answer out of step (the thread
//! failed, or could not open the repository) makes the walk read the rest itself.

use super::objects::{Commit, Objects};
use crate::error::Result;
use git2::Oid;
use std::sync::mpsc;

/// Commits the reading thread may be ahead of the walk.
const AHEAD: usize = 4096;

/// Where the walk takes its commits from.
pub(super) enum ParentsAhead {
    /// Read by the walk itself.
    Inline,
    /// Read by the thread, in order.
    Ahead(mpsc::Receiver<(Oid, Commit)>),
}

impl ParentsAhead {
    /// A thread reading the commits down the first parents from `head` when `ahead` and the
    /// machine has a second core; else the walk reads them.
    pub(super) fn start<'scope>(
        s: &'scope std::thread::Scope<'scope, '_>,
        git: &git2::Repository,
        head: Option<Oid>,
        ahead: bool,
    ) -> ParentsAhead {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        let Some(head) = head.filter(|_| ahead && cores > 1) else {
            return ParentsAhead::Inline;
        };
        let path = git.path().to_path_buf();
        let (tx, rx) = mpsc::sync_channel(AHEAD);
        s.spawn(move || {
            let Ok(repo) = git2::Repository::open(&path) else {
                return;
            };
            let mut objects = Objects::new(&repo);
            let mut next = Some(head);
            while let Some(id) = next {
                let Ok(c) = objects.commit(id) else {
                    return;
                };
                // A merge ends this line: the walk falls back at a merge.
                next = match c.parents.as_slice() {
                    [one] => Some(*one),
                    _ => None,
                };
                // The walk has stopped (it met what was kept, or a merge): so does this.
                if tx.send((id, c)).is_err() {
                    return;
                }
            }
        });
        ParentsAhead::Ahead(rx)
    }

    /// Commit `id`, the next one down the first parents.
    pub(super) fn commit(&mut self, id: Oid, objects: &mut Objects) -> Result<Commit> {
        if let ParentsAhead::Ahead(rx) = self {
            if let Ok((got, c)) = rx.recv()
                && got == id
            {
                return Ok(c);
            }
            *self = ParentsAhead::Inline;
        }
        objects.commit(id)
    }
}
