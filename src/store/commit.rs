//! Saving a record: one commit that replaces only that record's blob in the branch's tree,
//! moved onto the branch with a compare-and-swap; a concurrent commit of the same record is
//! merged field by field, and a real conflict commits nothing and keeps the user's text.

use super::identity::identity;
use super::lock::{SaveLock, held_by_other};
use super::merge::{Conflict, merge3};
use super::worktree::{self, Base, WorkingFile};
use super::{git_error, open, short, text_in, time, write_error};
use crate::error::{Error, Result};
use crate::num;
use crate::repo::{Dept, Evaluation, Repo};
use git2::{ErrorCode, Oid};
use rust_decimal::Decimal;
use std::path::PathBuf;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// How many times a save is rebuilt on a newer tip (moved by plain git) before it gives up.
const ATTEMPTS: u32 = 100;

/// How long a save waits for a git ref lock held by another program.
const LOCK_WAIT: Duration = Duration::from_secs(2);

/// One save of a record.
#[derive(Debug, Clone)]
pub struct SaveRequest<'a> {
    pub dept: &'a Dept,
    pub year: u16,
    /// The full new record text.
    pub text: &'a str,
    /// Where the edit started: what the save merges against when the branch moved.
    pub base: Base,
    /// The text the working file derives from, when the caller knows it: the file itself as
    /// [`super::working_copy`] read it (`jixiao commit`), or the text an editor opened or
    /// last saved. `None`: the index's copy. After the save, changes the file holds beyond it
    /// are kept.
    pub file_base: Option<&'a str>,
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
        /// What happened to the working file.
        working_file: WorkingFile,
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
        return Err(Error::Other(crate::text::store::operation_in_progress(
            &what,
        )));
    }
    let head = git
        .find_reference("HEAD")
        .map_err(|e| git_error(crate::text::store::READ_HEAD, e))?;
    match head.symbolic_target() {
        Some(name) if name.starts_with("refs/heads/") => Ok(name.to_string()),
        _ => {
            let at = head.target().map(short).unwrap_or_default();
            Err(Error::Other(crate::text::store::head_detached(&at)))
        }
    }
}

/// The commit the branch points at; `None` on a branch with no commit yet.
pub(super) fn tip_id(git: &git2::Repository, branch: &str) -> Result<Option<Oid>> {
    match git.refname_to_id(branch) {
        Ok(id) => Ok(Some(id)),
        Err(e) if e.code() == ErrorCode::NotFound => Ok(None),
        Err(e) => Err(git_error(&crate::text::store::read_branch(branch), e)),
    }
}

/// The commit HEAD resolves to and the record's text there; `None` before the first commit.
pub fn tip(repo: &Repo, dept: &Dept, year: u16) -> Result<Option<(String, Option<String>)>> {
    tip_in(&open(repo)?, dept, year)
}

/// [`tip`] through an open repository.
pub(super) fn tip_in(
    git: &git2::Repository,
    dept: &Dept,
    year: u16,
) -> Result<Option<(String, Option<String>)>> {
    let commit = match git.head() {
        Ok(h) => h
            .peel_to_commit()
            .map_err(|e| git_error(crate::text::store::READ_HEAD, e))?,
        Err(e) if e.code() == ErrorCode::UnbornBranch || e.code() == ErrorCode::NotFound => {
            return Ok(None);
        }
        Err(e) => return Err(git_error(crate::text::store::READ_HEAD, e)),
    };
    let text = text_in(git, &commit, &Repo::record_rel(dept, year))?;
    Ok(Some((commit.id().to_string(), text)))
}

/// A tree equal to `tree` with the blob at `parts` replaced by `blob`.
fn replace_path(
    git: &git2::Repository,
    tree: Option<&git2::Tree>,
    parts: &[&str],
    blob: Oid,
) -> Result<Oid> {
    let err = |e| git_error(crate::text::store::BUILD_COMMIT_TREE, e);
    let mut tb = git.treebuilder(tree).map_err(err)?;
    let Some((first, rest)) = parts.split_first() else {
        return Err(Error::Other(crate::text::store::EMPTY_RECORD_PATH.into()));
    };
    let existing = tree.and_then(|t| t.get_name(first));
    if rest.is_empty() {
        // Always a plain file: keeping the existing mode committed a record that was a
        // symbolic link as a link whose target was the whole TOML text.
        tb.insert(first, blob, 0o100644).map_err(err)?;
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
        crate::text::store::default_summary(dept, year)
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
    Err(Error::Other(crate::text::store::too_many_kept(
        folder.display(),
        &stem,
    )))
}

/// Brings the working file up to the committed text; when that fails (a git lock held by
/// another program), the intent keeps only the update, for the next save to finish.
fn sync(
    git: &git2::Repository,
    lock: &SaveLock,
    text: &str,
    pending: &worktree::Pending,
    file_base: Option<&str>,
) -> Result<WorkingFile> {
    match worktree::sync(git, pending, text, file_base) {
        Ok(w) => {
            lock.done();
            Ok(w)
        }
        Err(e) => {
            let _ = lock.intend(&[], Some(pending));
            Err(e)
        }
    }
}

/// Blobs being written on a thread of their own, with its own repository (libgit2's objects
/// stay on the thread that opened them): a save's largest object, written while the save's
/// thread reads the branch and builds the trees. Waited for before a commit or an intent names
/// them, and when dropped, so that no save returns with a write under way.
struct BlobWriter {
    texts: Vec<String>,
    writing: Option<std::thread::JoinHandle<Result<()>>>,
}

impl BlobWriter {
    fn start(repo: &Repo, texts: Vec<String>) -> BlobWriter {
        let root = repo.root().to_path_buf();
        let mine = texts.clone();
        let writing = std::thread::spawn(move || {
            let git = git2::Repository::open(&root)
                .map_err(|e| git_error(&crate::text::store::open_repo(root.display()), e))?;
            for t in &mine {
                super::write_blob(&git, t.as_bytes(), crate::text::store::WRITE_RECORD_BLOB)?;
            }
            Ok(())
        });
        BlobWriter {
            texts,
            writing: Some(writing),
        }
    }

    /// Whether `text` is one of the blobs written here.
    fn writes(&self, text: &str) -> bool {
        self.texts.iter().any(|t| t == text)
    }

    /// Waits for the writes; their error, if any.
    fn wait(&mut self) -> Result<()> {
        match self.writing.take() {
            Some(h) => h.join().unwrap_or_else(|p| std::panic::resume_unwind(p)),
            None => Ok(()),
        }
    }
}

impl Drop for BlobWriter {
    fn drop(&mut self) {
        let _ = self.wait();
    }
}

/// Where a save's text goes: a new commit of this tree, or nowhere, the tip holding it.
enum Onto<'g> {
    Tip(Oid),
    Tree(git2::Tree<'g>),
}

/// Scores `text`, the record at commit `tip`, on a thread of `scope`, as history scores it:
/// with the rubric of the tip's own tree. Only its total is kept: it is the "before" of the
/// commit message; `None` when it cannot be scored. The thread opens the repository for
/// itself (libgit2's objects stay on the thread that opened them), so the save's own thread
/// goes on writing the commit's objects meanwhile.
fn old_total_on<'s, 'e>(
    scope: &'s std::thread::Scope<'s, 'e>,
    repo: &'e Repo,
    tip: Oid,
    dept: &'e Dept,
    year: u16,
    text: &'e str,
) -> std::thread::ScopedJoinHandle<'s, Option<Decimal>> {
    scope.spawn(move || {
        let git = open(repo).ok()?;
        let record =
            crate::record::Record::parse_to_resolve(&repo.record_path(dept, year), text).ok()?;
        super::rubrics::Rubrics::new(&git, repo)
            .evaluate_parsed(tip, dept, year, record, text, crate::score::Explain::No)
            .ok()
            .map(|(e, _)| e.card.total)
    })
}

/// Saves a record as one commit on the current branch.
pub fn save(repo: &Repo, req: &SaveRequest) -> Result<SaveOutcome> {
    save_in(&open(repo)?, repo, req, None)
}

/// The evaluation of the text a save commits: the caller's (perhaps still being scored on
/// another thread, and then asked for only when the save first needs it), or the save's own.
pub(super) struct Ours<F> {
    state: Scoring<F>,
    /// The save added row ids: the text differs from the one the caller scored.
    rescore: bool,
    /// When the branch's tip holds the caller's very text, stop there (touching neither the
    /// index nor the working file) instead of bringing them up to it.
    stop_at_tip: bool,
    /// The save stopped so: nothing to commit.
    pub at_tip: bool,
}

enum Scoring<F> {
    /// Gives the caller's evaluation, or `None` when the caller refuses the save.
    Ask(F),
    /// The caller's evaluation.
    Given(Evaluation),
    /// The save scores the text itself.
    Score,
    /// The evaluation of the text saved.
    Got(Evaluation),
    Refused,
}

/// An [`Ours`] that never asks.
type Never = fn() -> Result<Option<Evaluation>>;

impl Ours<Never> {
    /// The caller's evaluation, or none (the save scores the text).
    fn given(scored: Option<Evaluation>) -> Self {
        Ours {
            state: scored.map_or(Scoring::Score, Scoring::Given),
            rescore: false,
            stop_at_tip: false,
            at_tip: false,
        }
    }
}

impl<F: FnOnce() -> Result<Option<Evaluation>>> Ours<F> {
    /// Asks `ask` when the save first needs the evaluation; with `stop_at_tip`, a save of the
    /// text the tip holds stops before touching anything (see [`Ours::at_tip`]).
    pub fn later(ask: F, stop_at_tip: bool) -> Self {
        Ours {
            state: Scoring::Ask(ask),
            rescore: false,
            stop_at_tip,
            at_tip: false,
        }
    }

    /// The evaluation of `text`; `None` when the caller refused the save.
    pub fn get(
        &mut self,
        repo: &Repo,
        dept: &Dept,
        year: u16,
        text: &str,
    ) -> Result<Option<&Evaluation>> {
        self.state = match std::mem::replace(&mut self.state, Scoring::Refused) {
            Scoring::Ask(ask) => match ask()? {
                None => Scoring::Refused,
                Some(e) if !self.rescore => Scoring::Got(e),
                // Scoring it again gives the same figures, with the ids.
                Some(_) => Scoring::Got(repo.evaluate(dept, year, text)?),
            },
            Scoring::Given(e) if !self.rescore => Scoring::Got(e),
            Scoring::Given(_) | Scoring::Score => Scoring::Got(repo.evaluate(dept, year, text)?),
            done => done,
        };
        Ok(self.evaluation())
    }

    /// The evaluation of the text saved, once [`Ours::get`] gave it.
    pub fn evaluation(&self) -> Option<&Evaluation> {
        match &self.state {
            Scoring::Got(e) => Some(e),
            _ => None,
        }
    }

    /// [`Ours::evaluation`], taken.
    pub fn into_evaluation(self) -> Option<Evaluation> {
        match self.state {
            Scoring::Got(e) => Some(e),
            _ => None,
        }
    }
}

/// [`save`] through an open repository; `scored` is the caller's evaluation of `req.text`,
/// used unless the save has to add row ids (scoring it again would give the same figures).
pub(super) fn save_in(
    git: &git2::Repository,
    repo: &Repo,
    req: &SaveRequest,
    scored: Option<Evaluation>,
) -> Result<SaveOutcome> {
    save_asking(git, repo, req, &mut Ours::given(scored))?
        .ok_or_else(|| Error::Other(crate::text::store::SAVE_NOT_SCORED.into()))
}

/// [`save_in`] asking `ours` for the evaluation of the text only when it is needed: after the
/// save has read the branch and written the text's objects, before it commits or reports a
/// conflict. `None`: nothing was committed, because `ours` refused the save (the objects
/// written are left unreferenced, as `git add` leaves them) or the tip holds the text
/// (`ours.at_tip`).
pub(super) fn save_asking<F: FnOnce() -> Result<Option<Evaluation>>>(
    git: &git2::Repository,
    repo: &Repo,
    req: &SaveRequest,
    ours: &mut Ours<F>,
) -> Result<Option<SaveOutcome>> {
    // Every row gets its stable id before anything else: merges, diffs and blame match rows
    // by it (record::rows).
    let with_ids =
        crate::record::rows::ensure_row_ids(&repo.record_path(req.dept, req.year), req.text)?;
    ours.rescore = with_ids != req.text;
    let req = &SaveRequest {
        text: &with_ids,
        ..req.clone()
    };
    let (dept, year) = (req.dept, req.year);
    let branch = branch(git)?;
    let who = identity(git)?;
    let rel = Repo::record_rel(dept, year);
    let file = repo.checked_record_path(dept, year)?;
    // Saves of one repository take turns; only a commit made with plain git can move the
    // branch between reading its tip and moving it, which the compare-and-swap catches.
    let lock = SaveLock::acquire(git)?;
    let base_text = worktree::base_text(git, dept, year, &req.base)?;
    let base_blob = match &req.base {
        Base::Blob(id) => Oid::from_str(id).ok(),
        _ => None,
    };
    let ref_lock = git.commondir().join(format!("{branch}.lock"));
    let index_lock = git.path().join("index.lock");
    let pending = worktree::pending(git, repo, dept, year, req.file_base);
    // The working file's text and the text saved (usually one), written on a thread of their
    // own while this one reads the branch and builds the trees, which name them by hash.
    let mut blobs = BlobWriter::start(
        repo,
        match req.file_base {
            Some(f) if f != req.text => vec![f.to_string(), req.text.to_string()],
            _ => vec![req.text.to_string()],
        },
    );
    let parts = ["records", dept.as_str(), &format!("{year}.toml")];
    let parts: Vec<&str> = parts.iter().map(|s| &**s).collect();
    let started = Instant::now();
    let mut attempts = 0;
    loop {
        let tip = tip_id(git, &branch)?;
        let tip_commit = tip
            .map(|id| git.find_commit(id))
            .transpose()
            .map_err(|e| git_error(crate::text::store::READ_BRANCH_TIP, e))?;
        // The tip usually holds the very blob the edit started from: read once.
        let theirs = match &tip_commit {
            Some(c) => match super::blob_id(c, &rel)? {
                Some(id) if Some(id) == base_blob => base_text.clone(),
                Some(id) => Some(super::blob_text(
                    git,
                    id,
                    &crate::text::store::at_revision(&rel, short(c.id())),
                )?),
                None => None,
            },
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
                        base: Some(crate::text::store::EXISTS.into()),
                        theirs: None,
                        ours: Some(crate::text::store::CHANGED.into()),
                    }],
                },
            };
            if !m.conflicts.is_empty() {
                let Some(ours) = ours.get(repo, dept, year, req.text)? else {
                    return Ok(None);
                };
                let kept = keep(git, "conflicts", dept, year, req.text)?;
                let mut conflicts = m.conflicts;
                if theirs.is_some() {
                    conflicts.iter_mut().for_each(|c| c.relabel(&ours.rubric));
                }
                return Ok(Some(SaveOutcome::Conflicts { conflicts, kept }));
            }
            (m.text, true)
        };
        // The trees, which name the text's blob by its hash, written while the caller may still
        // be scoring the text and the tip's total is scored on a thread of its own.
        // The tip holds the caller's very text and the caller wants nothing more: no total,
        // no trees, nothing written.
        let stops_at_tip = ours.stop_at_tip
            && !merged
            && !ours.rescore
            && tip.is_some()
            && theirs.as_deref() == Some(text.as_str());
        let (onto, old_total) = std::thread::scope(|s| -> Result<_> {
            let old = match (tip, theirs.as_deref()) {
                (Some(id), Some(t)) if !stops_at_tip => {
                    Some(old_total_on(s, repo, id, dept, year, t))
                }
                _ => None,
            };
            let onto = match tip.filter(|_| theirs.as_deref() == Some(text.as_str())) {
                Some(id) => Onto::Tip(id),
                None => {
                    let blob = if blobs.writes(&text) {
                        super::index::blob_id(text.as_bytes())
                    } else {
                        super::write_blob(
                            git,
                            text.as_bytes(),
                            crate::text::store::WRITE_RECORD_BLOB,
                        )?
                    };
                    let old_tree = tip_commit
                        .as_ref()
                        .map(|c| c.tree())
                        .transpose()
                        .map_err(|e| git_error(crate::text::store::READ_BRANCH_TIP_TREE, e))?;
                    let tree_id = replace_path(git, old_tree.as_ref(), &parts, blob)?;
                    Onto::Tree(
                        git.find_tree(tree_id)
                            .map_err(|e| git_error(crate::text::store::READ_NEW_TREE, e))?,
                    )
                }
            };
            let old_total =
                old.and_then(|h| h.join().unwrap_or_else(|p| std::panic::resume_unwind(p)));
            Ok((onto, old_total))
        })?;
        let Some(scored) = ours.get(repo, dept, year, req.text)? else {
            return Ok(None);
        };
        let merged_eval;
        let eval = if merged {
            merged_eval = repo.evaluate(dept, year, &text)?;
            &merged_eval
        } else {
            scored
        };
        // An incomplete record's partial total gets no grade: its trailer says 未完成.
        let grade = eval.card.grade_or_incomplete();
        let new_total = eval.card.total;
        let tree = match onto {
            Onto::Tree(tree) => tree,
            Onto::Tip(_) if stops_at_tip => {
                ours.at_tip = true;
                return Ok(None);
            }
            Onto::Tip(id) => {
                // The tip holds the text already: nothing to commit.
                blobs.wait()?;
                lock.intend(std::slice::from_ref(&index_lock), Some(&pending))?;
                let working_file = sync(git, &lock, &text, &pending, req.file_base)?;
                return Ok(Some(SaveOutcome::Committed {
                    rev: id.to_string(),
                    old_total,
                    new_total,
                    grade,
                    merged,
                    working_file,
                }));
            }
        };
        // The team's rules, on what this save changes over the tip (after any merge).
        super::guard::check_save(git, dept, year, theirs.as_deref(), &text)?;
        let msg = message(req.summary, dept, year, old_total, new_total, &grade);
        let parents: Vec<&git2::Commit> = tip_commit.iter().collect();
        // Nothing names a blob that is not written yet.
        blobs.wait()?;
        let new = git
            .commit(None, &who.author, &who.committer, &msg, &tree, &parents)
            .map_err(|e| write_error(git, crate::text::store::WRITE_COMMIT, e))?;
        let reflog = format!("commit: {}", msg.lines().next().unwrap_or_default());
        // Killed from here until `done`, the next save clears the locks and brings the
        // working file and the index up to the branch.
        lock.intend(&[ref_lock.clone(), index_lock.clone()], Some(&pending))?;
        let moved = match tip {
            Some(t) => git.reference_matching(&branch, new, true, t, &reflog),
            None => git.reference(&branch, new, false, &reflog),
        };
        if moved.is_err() {
            lock.done();
        }
        match moved {
            Ok(_) => {
                let working_file = sync(git, &lock, &text, &pending, req.file_base)?;
                return Ok(Some(SaveOutcome::Committed {
                    rev: new.to_string(),
                    old_total,
                    new_total,
                    grade,
                    merged,
                    working_file,
                }));
            }
            // Plain git holds a ref lock for milliseconds; one that stays was left behind.
            Err(e) if e.code() == ErrorCode::Locked || ref_lock.exists() => {
                if started.elapsed() > LOCK_WAIT {
                    return Err(held_by_other(
                        &ref_lock,
                        &crate::text::store::cannot_move_branch(&branch),
                    ));
                }
                std::thread::sleep(Duration::from_millis(5));
            }
            // A commit made with plain git meanwhile: rebuild on top of it.
            Err(e) if matches!(e.code(), ErrorCode::Modified | ErrorCode::Exists) => {
                attempts += 1;
                if attempts >= ATTEMPTS {
                    return Err(Error::Other(crate::text::store::branch_kept_moving(
                        &rel, &branch, ATTEMPTS,
                    )));
                }
            }
            Err(e) => {
                return Err(write_error(
                    git,
                    &crate::text::store::move_branch(&branch),
                    e,
                ));
            }
        }
    }
}
