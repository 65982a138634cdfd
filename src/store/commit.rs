//! Saving a record: one commit that replaces only that record's blob in the branch's tree,
//! moved onto the branch with a compare-and-swap; a concurrent commit of the same record is
//! merged field by field, and a real conflict commits nothing and keeps the user's text.

use super::merge::{Conflict, merge3};
use super::{git_error, open, short, signature, text_in, time};
use crate::error::{Error, Result};
use crate::num;
use crate::repo::{Dept, Repo};
use git2::{ErrorCode, Oid};
use rust_decimal::Decimal;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// How many times a save is rebuilt on a newer tip before it gives up.
const ATTEMPTS: u32 = 500;

/// One save of a record.
#[derive(Debug, Clone)]
pub struct SaveRequest<'a> {
    pub dept: &'a Dept,
    pub year: u16,
    /// The full new record text.
    pub text: &'a str,
    /// The commit id (or any revision) the edit started from; `None` = the current tip.
    pub base: Option<&'a str>,
    /// The evaluator's summary: the commit message's first paragraph.
    pub summary: &'a str,
}

/// What a save did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveOutcome {
    /// The branch now holds the text (merged with a concurrent commit when `merged`). When the
    /// text equals the record at the tip, nothing is committed and `rev` is the tip.
    Committed {
        rev: String,
        old_total: Option<Decimal>,
        new_total: Decimal,
        grade: String,
        merged: bool,
    },
    /// Someone else changed the same fields meanwhile: nothing was committed; the user's text
    /// is kept at `kept`.
    Conflicts {
        conflicts: Vec<Conflict>,
        kept: PathBuf,
    },
}

/// The branch HEAD points at, refusing states in which a commit would be wrong.
pub(super) fn branch(git: &git2::Repository) -> Result<String> {
    let state = git.state();
    if state != git2::RepositoryState::Clean {
        let what = format!("{state:?}").to_lowercase();
        return Err(Error::Other(format!(
            "the repository is in the middle of a {what} (see `git status`): finish it or abort it \
             (e.g. `git merge --abort`, `git rebase --abort`) before saving"
        )));
    }
    let head = git
        .find_reference("HEAD")
        .map_err(|e| git_error("reading HEAD", e))?;
    match head.symbolic_target() {
        Some(name) if name.starts_with("refs/heads/") => Ok(name.to_string()),
        _ => {
            let at = head.target().map(short).unwrap_or_default();
            Err(Error::Other(format!(
                "HEAD is detached (at {at}): saves go onto a branch; check one out first \
                 (e.g. `git switch main`)"
            )))
        }
    }
}

/// The commit the branch points at; `None` on a branch with no commit yet.
pub(super) fn tip_id(git: &git2::Repository, branch: &str) -> Result<Option<Oid>> {
    match git.refname_to_id(branch) {
        Ok(id) => Ok(Some(id)),
        Err(e) if e.code() == ErrorCode::NotFound => Ok(None),
        Err(e) => Err(git_error(&format!("reading {branch}"), e)),
    }
}

/// The commit HEAD resolves to and the record's text there; `None` before the first commit.
pub fn tip(repo: &Repo, dept: &Dept, year: u16) -> Result<Option<(String, Option<String>)>> {
    let git = open(repo)?;
    let commit = match git.head() {
        Ok(h) => h
            .peel_to_commit()
            .map_err(|e| git_error("reading HEAD", e))?,
        Err(e) if e.code() == ErrorCode::UnbornBranch || e.code() == ErrorCode::NotFound => {
            return Ok(None);
        }
        Err(e) => return Err(git_error("reading HEAD", e)),
    };
    let text = text_in(&git, &commit, &Repo::record_rel(dept, year))?;
    Ok(Some((commit.id().to_string(), text)))
}

/// A tree equal to `tree` with the blob at `parts` replaced by `blob`.
fn replace_path(
    git: &git2::Repository,
    tree: Option<&git2::Tree>,
    parts: &[&str],
    blob: Oid,
) -> Result<Oid> {
    let err = |e| git_error("building the commit's tree", e);
    let mut tb = git.treebuilder(tree).map_err(err)?;
    let Some((first, rest)) = parts.split_first() else {
        return Err(Error::Other("empty record path".into()));
    };
    let existing = tree.and_then(|t| t.get_name(first));
    if rest.is_empty() {
        let mode = existing
            .filter(|e| e.kind() == Some(git2::ObjectType::Blob))
            .map(|e| e.filemode())
            .unwrap_or(0o100644);
        tb.insert(first, blob, mode).map_err(err)?;
    } else {
        let sub = existing
            .filter(|e| e.kind() == Some(git2::ObjectType::Tree))
            .map(|e| git.find_tree(e.id()))
            .transpose()
            .map_err(err)?;
        let id = replace_path(git, sub.as_ref(), rest, blob)?;
        tb.insert(first, id, 0o040000).map_err(err)?;
    }
    tb.write().map_err(err)
}

/// The commit message: the summary, then the `Record:` and `Score:` trailers.
pub(super) fn message(
    summary: &str,
    dept: &Dept,
    year: u16,
    old: Option<Decimal>,
    new: Decimal,
    grade: &str,
) -> String {
    let summary = summary.trim();
    let summary = if summary.is_empty() {
        format!("保存 {dept}/{year}")
    } else {
        summary.to_string()
    };
    let old = old.map(num::fixed2).unwrap_or_else(|| "none".into());
    format!(
        "{summary}\n\nRecord: {dept}/{year}\nScore: {old} -> {} ({grade})\n",
        num::fixed2(new)
    )
}

fn now_secs() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
        .unwrap_or(0)
}

/// Writes `text` to a new file `.git/jixiao/DIR/DEPT-YEAR-<time>[-n].toml`; returns its path.
fn keep(git: &git2::Repository, dir: &str, dept: &Dept, year: u16, text: &str) -> Result<PathBuf> {
    use std::io::Write;
    let folder = git.path().join("jixiao").join(dir);
    std::fs::create_dir_all(&folder).map_err(|e| Error::io(&folder, e))?;
    let stem = format!("{dept}-{year}-{}", time::stamp(now_secs()));
    for n in 1..1000 {
        let name = if n == 1 {
            format!("{stem}.toml")
        } else {
            format!("{stem}-{n}.toml")
        };
        let path = folder.join(name);
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
        {
            Ok(mut f) => {
                f.write_all(text.as_bytes())
                    .and_then(|_| f.sync_all())
                    .map_err(|e| Error::io(&path, e))?;
                return Ok(path);
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(Error::io(&path, e)),
        }
    }
    Err(Error::Other(format!(
        "{}: too many kept copies named {stem}",
        folder.display()
    )))
}

/// A lock file that serialises jixiao's updates of the working tree and the index.
struct Lock(PathBuf);

impl Lock {
    fn acquire(path: PathBuf) -> Result<Lock> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        }
        for _ in 0..10_000 {
            match std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&path)
            {
                Ok(_) => return Ok(Lock(path)),
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                    // A lock older than a minute was left by a process that died.
                    let stale = std::fs::metadata(&path)
                        .and_then(|m| m.modified())
                        .ok()
                        .and_then(|t| t.elapsed().ok())
                        .is_some_and(|age| age > Duration::from_secs(60));
                    if stale {
                        let _ = std::fs::remove_file(&path);
                    }
                    std::thread::sleep(Duration::from_millis(2));
                }
                Err(e) => return Err(Error::io(&path, e)),
            }
        }
        Err(Error::Other(format!(
            "{} is held by another jixiao process; if none is running, delete it",
            path.display()
        )))
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

/// Brings the working file and the index entry of the record up to the branch tip, so that
/// `git status` stays clean. A working file that holds none of the texts this save knew
/// about is copied to `.git/jixiao/backup/` first.
fn sync_worktree(
    git: &git2::Repository,
    branch: &str,
    repo: &Repo,
    dept: &Dept,
    year: u16,
    known: &[&str],
) -> Result<()> {
    if git.workdir().is_none() {
        return Ok(());
    }
    let _lock = Lock::acquire(git.path().join("jixiao").join("worktree.lock"))?;
    let rel = Repo::record_rel(dept, year);
    let Some(tip) = tip_id(git, branch)? else {
        return Ok(());
    };
    let commit = git
        .find_commit(tip)
        .map_err(|e| git_error("reading the tip", e))?;
    let Some(text) = text_in(git, &commit, &rel)? else {
        return Ok(());
    };
    let path = repo.record_path(dept, year);
    let current = std::fs::read_to_string(&path).ok();
    if current.as_deref() != Some(text.as_str()) {
        if let Some(cur) = &current
            && !known.contains(&cur.as_str())
        {
            keep(git, "backup", dept, year, cur)?;
        }
        crate::tomlio::write_atomic(&path, &text)?;
    }
    let mut index = git.index().map_err(|e| git_error("opening the index", e))?;
    let mut tries = 0;
    loop {
        let r = index
            .read(true)
            .and_then(|_| index.add_path(Path::new(&rel)))
            .and_then(|_| index.write());
        match r {
            Ok(()) => return Ok(()),
            Err(e) if retryable(&e) && tries < 2_000 => {
                tries += 1;
                std::thread::sleep(Duration::from_millis(2));
            }
            Err(e) => {
                return Err(git_error(
                    &format!(
                        "committed as {}, but updating the index for {rel} failed (run `git add {rel}`)",
                        short(tip)
                    ),
                    e,
                ));
            }
        }
    }
}

/// Whether a failed ref or index update is worth retrying: the branch moved, or another
/// process held a lock file (libgit2 reports some lock races as plain OS or reference errors).
fn retryable(e: &git2::Error) -> bool {
    matches!(
        e.code(),
        ErrorCode::Modified | ErrorCode::Exists | ErrorCode::Locked
    ) || matches!(
        e.class(),
        git2::ErrorClass::Reference | git2::ErrorClass::Os | git2::ErrorClass::Filesystem
    )
}

/// Saves a record as one commit on the current branch.
pub fn save(repo: &Repo, req: &SaveRequest) -> Result<SaveOutcome> {
    // Every row gets its stable id before anything else: merges, diffs and blame match rows
    // by it (record::rows). `written` is the text as the person wrote it, for the worktree.
    let with_ids =
        crate::record::rows::ensure_row_ids(&repo.record_path(req.dept, req.year), req.text)?;
    let written = req.text;
    let req = &SaveRequest {
        text: &with_ids,
        ..req.clone()
    };
    let (dept, year) = (req.dept, req.year);
    let git = open(repo)?;
    let branch = branch(&git)?;
    let sig = signature(&git)?;
    let rel = Repo::record_rel(dept, year);
    let file = repo.record_path(dept, year);
    let ours = repo.evaluate(dept, year, req.text)?;
    let first_tip = tip_id(&git, &branch)?;
    let base = match req.base {
        Some(spec) => Some(
            git.revparse_single(spec)
                .and_then(|o| o.peel_to_commit())
                .map_err(|e| git_error(&format!("the edit's base revision `{spec}`"), e))?
                .id(),
        ),
        None => first_tip,
    };
    let base_text = match base {
        Some(id) => {
            let c = git
                .find_commit(id)
                .map_err(|e| git_error("reading the base", e))?;
            text_in(&git, &c, &rel)?
        }
        None => None,
    };
    let parts = ["records", dept.as_str(), &format!("{year}.toml")];
    let parts: Vec<&str> = parts.iter().map(|s| &**s).collect();
    let pid = std::process::id();
    for attempt in 0..ATTEMPTS {
        let tip = tip_id(&git, &branch)?;
        let tip_commit = tip
            .map(|id| git.find_commit(id))
            .transpose()
            .map_err(|e| git_error("reading the tip", e))?;
        let theirs = match &tip_commit {
            Some(c) => text_in(&git, c, &rel)?,
            None => None,
        };
        let (text, merged) = if theirs == base_text || theirs.as_deref() == Some(req.text) {
            (req.text.to_string(), false)
        } else {
            let m = match &theirs {
                Some(t) => merge3(&file, base_text.as_deref().unwrap_or(""), t, req.text)?,
                None => super::merge::Merge {
                    text: String::new(),
                    conflicts: vec![Conflict {
                        field: rel.clone(),
                        label: rel.clone(),
                        base: Some("（存在）".into()),
                        theirs: None,
                        ours: Some("（已修改）".into()),
                    }],
                },
            };
            if !m.conflicts.is_empty() {
                let kept = keep(&git, "conflicts", dept, year, req.text)?;
                return Ok(SaveOutcome::Conflicts {
                    conflicts: m.conflicts,
                    kept,
                });
            }
            (m.text, true)
        };
        let eval = if merged {
            repo.evaluate(dept, year, &text)?
        } else {
            ours.clone()
        };
        let old_total = theirs
            .as_deref()
            .and_then(|t| repo.evaluate(dept, year, t).ok())
            .map(|e| e.card.total);
        let (new_total, grade) = (eval.card.total, eval.card.grade.clone());
        if let (Some(id), Some(t)) = (tip, &theirs)
            && *t == text
        {
            let known = [req.text, t.as_str(), written];
            sync_worktree(&git, &branch, repo, dept, year, &known)?;
            return Ok(SaveOutcome::Committed {
                rev: id.to_string(),
                old_total,
                new_total,
                grade,
                merged,
            });
        }
        let blob = git
            .blob(text.as_bytes())
            .map_err(|e| git_error("writing the record blob", e))?;
        let old_tree = tip_commit
            .as_ref()
            .map(|c| c.tree())
            .transpose()
            .map_err(|e| git_error("reading the tip's tree", e))?;
        let tree_id = replace_path(&git, old_tree.as_ref(), &parts, blob)?;
        let tree = git
            .find_tree(tree_id)
            .map_err(|e| git_error("reading the new tree", e))?;
        let msg = message(req.summary, dept, year, old_total, new_total, &grade);
        let parents: Vec<&git2::Commit> = tip_commit.iter().collect();
        let new = git
            .commit(None, &sig, &sig, &msg, &tree, &parents)
            .map_err(|e| git_error("writing the commit", e))?;
        let reflog = format!("commit: {}", msg.lines().next().unwrap_or_default());
        let moved = match tip {
            Some(t) => git.reference_matching(&branch, new, true, t, &reflog),
            None => git.reference(&branch, new, false, &reflog),
        };
        match moved {
            Ok(_) => {
                let mut known = vec![req.text, text.as_str(), written];
                known.extend(theirs.as_deref());
                known.extend(base_text.as_deref());
                sync_worktree(&git, &branch, repo, dept, year, &known)?;
                return Ok(SaveOutcome::Committed {
                    rev: new.to_string(),
                    old_total,
                    new_total,
                    grade,
                    merged,
                });
            }
            Err(e) if retryable(&e) => {
                // Someone else moved the branch: rebuild on their commit, after a short,
                // varied pause so that two writers do not collide in lockstep.
                let pause = 1 + (u64::from(attempt) * 7 + u64::from(pid)) % 13;
                std::thread::sleep(Duration::from_millis(pause));
            }
            Err(e) => return Err(git_error(&format!("moving {branch}"), e)),
        }
    }
    Err(Error::Other(format!(
        "{branch} kept moving while saving {rel}: gave up after {ATTEMPTS} attempts; try again"
    )))
}
