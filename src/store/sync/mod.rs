//! `jixiao sync`: the evaluation repository kept in step with a central git server (Gitea,
//! GitLab, a bare repository over ssh:// or file://).
//!
//! One sync: fetch (the system's git, see `transport`), merge the remote branch (the current
//! one's upstream there, else the one of the same name) into the current one — every record both sides changed field by field, with the
//! merge of concurrent saves, from the merge-base commit — commit a merge commit when that is
//! clean, bring the working files up to it, take the remote's new drafts, push the branch and
//! our new drafts. A conflict commits nothing: the branch, the working tree, the index and the
//! tags stay as they were (only the remote-tracking refs know what was fetched), and the
//! conflicts are returned with both values. Saves wait for a sync (the save lock), so no save
//! falls between the merge and the move of the branch.

mod tags;
mod transport;
mod tree;

pub use tags::DivergedDraft;
pub use tree::{PathConflict, Pick};

use super::commit::{branch, tip_id};
use super::identity::identity;
use super::lock::SaveLock;
use super::{git_error, open, short, write_error};
use crate::error::{Error, Result};
use crate::repo::Repo;
use git2::Oid;

/// The remote a sync uses when none is named.
pub const DEFAULT_REMOTE: &str = "origin";

/// What a sync did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyncReport {
    pub remote: String,
    /// The remote's branch synced with: the current branch's upstream there, else the branch
    /// of the same name.
    pub branch: String,
    /// Commits only we had, and only the remote had, before the sync.
    pub ahead: usize,
    pub behind: usize,
    /// The merge commit, when both sides had new commits.
    pub merge: Option<String>,
    /// Records both sides changed, merged field by field.
    pub merged: Vec<String>,
    /// Files brought from the remote (changed there only).
    pub taken: Vec<String>,
    /// The branch was pushed (the remote now holds it).
    pub pushed: bool,
    /// Drafts taken from the remote, and pushed to it.
    pub drafts_in: Vec<String>,
    pub drafts_out: Vec<String>,
    /// Drafts that name different revisions here and there: left as they are on both sides.
    pub diverged: Vec<DivergedDraft>,
    /// The push failed (the merge stays committed here): git's words.
    pub push_error: Option<String>,
}

impl SyncReport {
    /// Whether everything went through (no refused draft, no failed push).
    pub fn clean(&self) -> bool {
        self.diverged.is_empty() && self.push_error.is_none()
    }
}

/// The outcome of a sync.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SyncOutcome {
    Synced(SyncReport),
    /// Both sides changed the same things: nothing was committed or moved.
    Conflicts {
        remote: String,
        branch: String,
        conflicts: Vec<PathConflict>,
    },
}

/// Refuses a remote that is not configured (and any name git would read as an option).
fn check_remote(git: &git2::Repository, remote: &str) -> Result<()> {
    if remote.starts_with('-') || git.find_remote(remote).is_err() {
        let known: Vec<String> = git
            .remotes()
            .map(|r| r.iter().flatten().map(str::to_string).collect())
            .unwrap_or_default();
        let known = if known.is_empty() {
            crate::text::store::NO_REMOTES.to_string()
        } else {
            crate::text::store::known_remotes(&known)
        };
        return Err(Error::Other(crate::text::store::no_such_remote(
            remote, &known,
        )));
    }
    Ok(())
}

/// Brings the working tree and the index from HEAD's tree to `target`'s, refusing (before
/// writing anything) when a file it must change holds changes not saved, or an unsaved new
/// file stands where the target has one.
fn checkout(git: &git2::Repository, target: Oid) -> Result<()> {
    if git.workdir().is_none() {
        return Ok(());
    }
    let tree = git
        .find_commit(target)
        .and_then(|c| c.tree())
        .map_err(|e| git_error(crate::text::store::READ_MERGE_RESULT_TREE, e))?;
    let mut dirty: Vec<String> = Vec::new();
    let r = {
        let mut cb = git2::build::CheckoutBuilder::new();
        cb.safe()
            .notify_on(git2::CheckoutNotificationType::CONFLICT)
            .notify(|_, path, _, _, _| {
                if let Some(p) = path {
                    dirty.push(p.display().to_string());
                }
                true
            });
        git.checkout_tree(tree.as_object(), Some(&mut cb))
    };
    match r {
        Ok(()) => Ok(()),
        Err(_) if !dirty.is_empty() => Err(Error::Other(crate::text::store::sync_dirty(&dirty))),
        Err(e) => Err(git_error(crate::text::store::UPDATE_WORKDIR, e)),
    }
}

/// The merge commit of `ours` and `theirs` with `tree`.
fn merge_commit(
    git: &git2::Repository,
    ours: Oid,
    theirs: Oid,
    tree: Oid,
    remote: &str,
    branch: &str,
    merged: &[String],
) -> Result<Oid> {
    let who = identity(git)?;
    let tree = git
        .find_tree(tree)
        .map_err(|e| git_error(crate::text::store::READ_MERGED_TREE, e))?;
    let parents = [ours, theirs]
        .map(|id| git.find_commit(id))
        .into_iter()
        .collect::<std::result::Result<Vec<_>, _>>()
        .map_err(|e| git_error(crate::text::store::READ_MERGE_COMMIT, e))?;
    let mut msg = crate::text::store::sync_merge_message(remote, branch);
    if !merged.is_empty() {
        msg.push_str(crate::text::store::SYNC_MERGED_RECORDS);
        for m in merged {
            msg.push_str(&format!("  {m}\n"));
        }
    }
    let refs: Vec<&git2::Commit> = parents.iter().collect();
    git.commit(None, &who.author, &who.committer, &msg, &tree, &refs)
        .map_err(|e| write_error(git, crate::text::store::WRITE_MERGE_COMMIT, e))
}

/// Moves `branch` from `old` to `new` (compare-and-swap on the old value).
fn move_branch(git: &git2::Repository, branch: &str, old: Option<Oid>, new: Oid) -> Result<()> {
    let msg = "jixiao sync";
    let moved = match old {
        Some(o) => git.reference_matching(branch, new, true, o, msg),
        None => git.reference(branch, new, false, msg),
    };
    moved.map(|_| ()).map_err(|e| {
        Error::Other(crate::text::store::branch_moved_in_sync(
            branch,
            e.message(),
        ))
    })
}

/// The branch of `remote` that the local branch `name` syncs with: its upstream, as
/// `git push -u` or `git branch --set-upstream-to` recorded it (`branch.NAME.remote` and
/// `branch.NAME.merge`), when that is on `remote`; else the branch of the same name.
fn remote_branch(git: &git2::Repository, name: &str, remote: &str) -> String {
    let upstream = git.config().ok().and_then(|c| {
        let on = c.get_string(&format!("branch.{name}.remote")).ok()?;
        let merge = c.get_string(&format!("branch.{name}.merge")).ok()?;
        (on == remote)
            .then(|| merge.strip_prefix("refs/heads/").map(str::to_string))
            .flatten()
    });
    upstream.unwrap_or_else(|| name.to_string())
}

/// Syncs the current branch with its branch on `remote` (its upstream there, else the
/// branch of the same name). `interactive`:
/// git and ssh may ask on the terminal for a passphrase or password.
pub fn sync(repo: &Repo, remote: &str, interactive: bool) -> Result<SyncOutcome> {
    sync_with(repo, remote, interactive, &[])
}

/// [`sync`], with the conflicts of an earlier attempt decided by a person (`picks`): a
/// record whose every conflict has its pick is merged so; any other conflict still stops the
/// sync with nothing committed.
pub fn sync_with(
    repo: &Repo,
    remote: &str,
    interactive: bool,
    picks: &[Pick],
) -> Result<SyncOutcome> {
    let git = open(repo)?;
    let branch_ref = branch(&git)?;
    let name = branch_ref
        .strip_prefix("refs/heads/")
        .unwrap_or(&branch_ref)
        .to_string();
    check_remote(&git, remote)?;
    // Saves wait until the sync is over: none may move the branch between merge and move.
    let _lock = SaveLock::acquire(&git)?;
    transport::fetch(&git, remote, interactive)?;
    // From here on `name` is the remote's branch: what the report, the merge and the push name.
    let name = remote_branch(&git, &name, remote);
    let remote_ref = format!("refs/remotes/{remote}/{name}");
    let ours = tip_id(&git, &branch_ref)?;
    let theirs = tip_id(&git, &remote_ref)?;
    let plan = tags::plan(&git, remote)?;
    let mut report = SyncReport {
        remote: remote.to_string(),
        branch: name.clone(),
        ahead: 0,
        behind: 0,
        merge: None,
        merged: Vec::new(),
        taken: Vec::new(),
        pushed: false,
        drafts_in: Vec::new(),
        drafts_out: Vec::new(),
        diverged: plan.diverged.clone(),
        push_error: None,
    };
    let new_tip = match (ours, theirs) {
        (o, None) => o,
        (None, Some(t)) => Some(t),
        (Some(o), Some(t)) => {
            let (ahead, behind) = git
                .graph_ahead_behind(o, t)
                .map_err(|e| git_error(crate::text::store::COMPARE_WITH_REMOTE, e))?;
            (report.ahead, report.behind) = (ahead, behind);
            if behind == 0 {
                Some(o)
            } else if ahead == 0 {
                Some(t)
            } else {
                // Unrelated histories (two repositories started apart) merge from nothing.
                let base = match git.merge_base(o, t) {
                    Ok(b) => Some(b),
                    Err(e) if e.code() == git2::ErrorCode::NotFound => None,
                    Err(e) => return Err(git_error(crate::text::store::FIND_MERGE_BASE, e)),
                };
                let tree_of = |id: Oid| {
                    git.find_commit(id)
                        .and_then(|c| c.tree())
                        .map_err(|e| git_error(crate::text::store::READ_COMMIT_TREE, e))
                };
                let base_tree = base.map(tree_of).transpose()?;
                let m = tree::merge(
                    &git,
                    repo,
                    base_tree.as_ref(),
                    &tree_of(o)?,
                    &tree_of(t)?,
                    picks,
                )?;
                if !m.conflicts.is_empty() {
                    return Ok(SyncOutcome::Conflicts {
                        remote: remote.to_string(),
                        branch: name,
                        conflicts: m.conflicts,
                    });
                }
                let id = merge_commit(&git, o, t, m.tree, remote, &name, &m.merged)?;
                report.merge = Some(id.to_string());
                report.merged = m.merged;
                report.taken = m.taken;
                Some(id)
            }
        }
    };
    if let Some(new) = new_tip
        && new_tip != ours
    {
        if report.merge.is_none() {
            report.taken = changed_files(&git, ours, new)?;
        }
        checkout(&git, new)?;
        if let Err(e) = move_branch(&git, &branch_ref, ours, new) {
            // Put the files back as they were: the branch did not move.
            if let Some(o) = ours {
                let _ = checkout(&git, o);
            }
            return Err(e);
        }
    }
    report.drafts_in = tags::import(&git, &plan)?;
    let mut specs = Vec::new();
    let push_branch = new_tip.is_some() && new_tip != theirs;
    if push_branch {
        specs.push(format!("{branch_ref}:refs/heads/{name}"));
    }
    for t in &plan.export {
        specs.push(format!("refs/tags/{t}:refs/tags/{t}"));
    }
    match transport::push(&git, remote, &specs, interactive) {
        Ok(()) => {
            report.pushed = push_branch;
            report.drafts_out = plan.export.clone();
            if let (true, Some(new)) = (push_branch, new_tip) {
                // What the remote holds now, for ahead/behind until the next fetch.
                git.reference(&remote_ref, new, true, crate::text::store::REFLOG_PUSHED)
                    .map_err(|e| write_error(&git, crate::text::store::UPDATE_TRACKING, e))?;
            }
        }
        Err(e) => report.push_error = Some(e.to_string()),
    }
    Ok(SyncOutcome::Synced(report))
}

/// The files that differ between two commits (what a fast-forward brings).
fn changed_files(git: &git2::Repository, from: Option<Oid>, to: Oid) -> Result<Vec<String>> {
    let tree = |id: Oid| {
        git.find_commit(id)
            .and_then(|c| c.tree())
            .map_err(|e| git_error(crate::text::store::READ_COMMIT_TREE, e))
    };
    let old = from.map(tree).transpose()?;
    let new = tree(to)?;
    let diff = git
        .diff_tree_to_tree(old.as_ref(), Some(&new), None)
        .map_err(|e| git_error(crate::text::store::COMPARE_TREES, e))?;
    Ok(diff
        .deltas()
        .filter_map(|d| {
            d.new_file()
                .path()
                .or_else(|| d.old_file().path())
                .map(|p| p.to_string_lossy().replace('\\', "/"))
        })
        .collect())
}

/// Commits only we have and only the remote has, as of the last fetch (no network): `None`
/// without the current branch's branch on the remote (see [`sync`]), or on a detached HEAD.
pub fn ahead_behind(repo: &Repo, remote: &str) -> Result<Option<(usize, usize)>> {
    let git = open(repo)?;
    let Ok(head) = git.head() else {
        return Ok(None);
    };
    let (Some(name), Some(ours)) = (head.shorthand().map(str::to_string), head.target()) else {
        return Ok(None);
    };
    if !head.is_branch() {
        return Ok(None);
    }
    let upstream = remote_branch(&git, &name, remote);
    let Some(theirs) = tip_id(&git, &format!("refs/remotes/{remote}/{upstream}"))? else {
        return Ok(None);
    };
    git.graph_ahead_behind(ours, theirs)
        .map(Some)
        .map_err(|e| git_error(crate::text::store::COMPARE_WITH_REMOTE, e))
}

/// The seven-digit form of a commit id given as hex.
pub fn short_rev(rev: &str) -> String {
    Oid::from_str(rev).map(short).unwrap_or_else(|_| rev.into())
}
