//! The git store: records live in a plain git repository; every save is a commit, drafts
//! are annotated tags named `DEPT/YEAR/NAME` (e.g. `bj-traffic/2023/初稿`).
//!
//! Everything here speaks plain data (ids as hex strings, scores as `Decimal`); git2 types
//! stay inside this module. A `git2::Repository` is opened per call, so callers may use the
//! store from any thread.

mod blame;
mod blame_ahead;
mod blame_cache;
mod cache;
mod cause;
mod commit;
mod diff;
mod draft;
mod guard;
mod handle;
mod history;
mod history_cache;
mod identity;
mod index;
mod init;
mod latest;
mod lock;
mod merge;
mod objects;
mod pack;
mod parents_ahead;
pub mod portfolio;
mod review;
mod rubrics;
mod sync;
mod team;
#[cfg(test)]
mod testgit;
mod time;
mod touches;
mod worktree;

pub use blame::{BlameRow, blame, blame_workers};
pub use commit::{SaveOutcome, SaveRequest, save, tip};
pub use diff::{
    FieldChange, RecordDiff, ScoreChange, Segment, TextChange, diff, diff_with, is_number,
};
pub use draft::{Draft, all_drafts, draft, drafts, latest_drafts};
pub use guard::{allow, final_state};
pub use handle::{Checked, CheckedOutcome, Store};
pub use history::{LogOptions, Revision, log, log_opts, log_with};
pub use identity::current_member;
pub use init::{commit_paths, init_repo, open_repo};
pub use latest::{LastSave, last_saves};
pub use merge::{Conflict, Merge, merge3, merge3_picked};
pub use review::{
    answer, approval_tag, approvals, approve, note, note_field, reopen, resolve_note,
};
pub use rubrics::{RubricChange, RubricNow, evaluate_at, rubric_rel, rubric_text_at};
pub use sync::{
    DEFAULT_REMOTE, DivergedDraft, PathConflict, Pick, SyncOutcome, SyncReport, ahead_behind,
    short_rev, sync, sync_with,
};
pub use team::{TeamChange, commit_team, team_history};
pub use time::Time;
pub use worktree::{Base, WorkingCopy, WorkingFile, head_base, read_base, working_copy};

use crate::error::{Error, Result};
use crate::repo::{Dept, Repo};
use std::path::Path;

/// A git error, with what jixiao was doing.
pub fn git_error(doing: &str, e: git2::Error) -> Error {
    Error::Git(crate::text::git::failed(doing, &cause::cause(&e)))
}

/// The tag name of a draft of a department-year.
pub fn draft_tag(dept: &Dept, year: u16, name: &str) -> String {
    format!("{dept}/{year}/{name}")
}

/// Opens the git repository of `repo`.
pub(crate) fn open(repo: &Repo) -> Result<git2::Repository> {
    // Like git itself, do not re-hash every object read (that is `git fsck`'s job): hashing
    // each tree of a 20,000-commit walk was most of `log`'s time. Objects written are still
    // hashed, as their ids are their hashes.
    static READ_WITHOUT_REHASHING: std::sync::Once = std::sync::Once::new();
    // Nor keep every object read in libgit2's cache: jixiao remembers what it looks up again
    // itself (trees by id, rubrics by blob), and the cached commits of a 20,000-commit walk
    // were 15 MB of `log`'s 57 MB peak (42 MB and a quarter faster without).
    // Nor check, when writing a tree or a commit, that the objects it names exist: a save
    // writes its blob on another thread while it builds the trees that name it, and waits for
    // it before the commit (`commit::BlobWriter`); jixiao names only objects it read or hashed.
    READ_WITHOUT_REHASHING.call_once(|| {
        git2::opts::strict_hash_verification(false);
        git2::opts::enable_caching(false);
        git2::opts::strict_object_creation(false);
    });
    git2::Repository::open(repo.root())
        .map_err(|e| git_error(&crate::text::store::open_repo(repo.root().display()), e))
}

/// The commit `spec` names: a draft name of this department-year, else any git revision
/// (`HEAD~2`, a commit id, a tag).
fn resolve<'r>(
    git: &'r git2::Repository,
    dept: &Dept,
    year: u16,
    spec: &str,
) -> Result<git2::Commit<'r>> {
    let obj = git
        .revparse_single(&format!("refs/tags/{}", draft_tag(dept, year, spec)))
        .or_else(|_| git.revparse_single(spec))
        .map_err(|e| {
            // libgit2 says "no error" for some specs it cannot resolve (`@{-1}` with no
            // previous branch): say what was asked instead.
            let why = match e.message().trim() {
                "" | "no error" => String::new(),
                _ => crate::text::store::parenthesized(cause::cause(&e)),
            };
            Error::Other(crate::text::store::no_such_revision(dept, year, spec, &why))
        })?;
    obj.peel_to_commit()
        .map_err(|e| Error::Git(crate::text::store::not_a_commit(spec, cause::cause(&e))))
}

/// The id of the record's blob in `commit`, if the record exists there.
fn blob_id(commit: &git2::Commit, rel: &str) -> Result<Option<git2::Oid>> {
    let tree = commit
        .tree()
        .map_err(|e| git_error(crate::text::store::READ_COMMIT_TREE, e))?;
    Ok(tree
        .get_path(Path::new(rel))
        .ok()
        .filter(|e| e.kind() == Some(git2::ObjectType::Blob))
        .map(|e| e.id()))
}

/// The id git gives a file holding `bytes` (what `git hash-object` prints).
pub fn blob_id_of(bytes: &[u8]) -> String {
    index::blob_id(bytes).to_string()
}

/// Writes `bytes` as a blob unless the object database holds it already (a text saved
/// moments before, or saved again): naming it with the CPU's SHA-1 and looking it up costs
/// less than libgit2 hashing and compressing it once more.
fn write_blob(git: &git2::Repository, bytes: &[u8], doing: &str) -> Result<git2::Oid> {
    let id = index::blob_id(bytes);
    if git.odb().is_ok_and(|o| o.exists(id)) {
        return Ok(id);
    }
    git.blob(bytes).map_err(|e| write_error(git, doing, e))
}

/// The text of a blob, which must be UTF-8.
fn blob_text(git: &git2::Repository, id: git2::Oid, what: &str) -> Result<String> {
    let blob = git
        .find_blob(id)
        .map_err(|e| git_error(&crate::text::store::read(what), e))?;
    utf8_text(blob.content(), what)
}

/// A blob's bytes as text, `what` naming it when they are not UTF-8. Checked by simdutf8: the
/// standard library's check, a byte at a time through Chinese text, was a thirteenth of a
/// first `blame`.
fn utf8_text(bytes: &[u8], what: &str) -> Result<String> {
    simdutf8::basic::from_utf8(bytes)
        .map(str::to_owned)
        .map_err(|_| Error::Other(crate::text::store::not_utf8(what)))
}

/// The record's text in `commit`, if it exists there.
fn text_in(git: &git2::Repository, commit: &git2::Commit, rel: &str) -> Result<Option<String>> {
    match blob_id(commit, rel)? {
        Some(id) => blob_text(
            git,
            id,
            &crate::text::store::at_revision(rel, short(commit.id())),
        )
        .map(Some),
        None => Ok(None),
    }
}

/// The seven-digit short form of a commit id.
fn short(id: git2::Oid) -> String {
    let mut s = id.to_string();
    s.truncate(7);
    s
}

/// The record's text at `spec`: a draft name of this department-year, else any git
/// revision (`HEAD~2`, a commit id, a tag).
pub fn read_at(repo: &Repo, dept: &Dept, year: u16, spec: &str) -> Result<String> {
    let git = open(repo)?;
    let commit = resolve(&git, dept, year, spec)?;
    let rel = Repo::record_rel(dept, year);
    text_in(&git, &commit, &rel)?
        .ok_or_else(|| Error::Other(crate::text::store::not_in_revision(spec, &rel)))
}

/// A failed write of git objects or references, with its real cause: libgit2 reports some
/// (a full disk, a read-only folder) as "no error", so the folders it writes are tried.
pub(crate) fn write_error(git: &git2::Repository, doing: &str, e: git2::Error) -> Error {
    use std::io::Write;
    for dir in [
        git.commondir().join("objects"),
        git.commondir().join("refs"),
    ] {
        let probe = tempfile::tempfile_in(&dir)
            .and_then(|mut f| f.write_all(&[0u8; 8192]).and_then(|_| f.sync_all()));
        if let Err(io) = probe {
            return Error::Other(crate::text::store::cannot_write(
                doing,
                dir.display(),
                crate::text::io::describe(&io),
            ));
        }
    }
    git_error(doing, e)
}

/// The git repository around `dir` (its working tree's root), if any.
pub fn discover(dir: &Path) -> Option<std::path::PathBuf> {
    // Finding the `.git` folder does not read the repository's configuration; the command
    // opens the repository itself afterwards. A worktree's or a bare repository's git
    // directory says nothing of its working tree: those are opened to ask.
    let found =
        git2::Repository::discover_path(dir, std::iter::empty::<&std::ffi::OsStr>()).ok()?;
    if found.file_name() == Some(std::ffi::OsStr::new(".git")) && found.is_dir() {
        return found.parent().map(Path::to_path_buf);
    }
    git2::Repository::discover(dir)
        .ok()
        .and_then(|r| r.workdir().map(Path::to_path_buf))
}

/// Makes `dir` a git repository unless it is one already.
pub fn init_git(dir: &Path) -> Result<()> {
    if git2::Repository::open(dir).is_ok() {
        return Ok(());
    }
    git2::Repository::init(dir).map(|_| ()).map_err(|e| {
        Error::Other(crate::text::store::git_init_failed(
            dir.display(),
            cause::cause(&e),
        ))
    })
}

/// jixiao's own folder inside the repository's git directory (`.git/jixiao`), the only
/// place under `.git` that jixiao writes files of its own.
pub fn own_dir(repo: &Repo) -> Result<std::path::PathBuf> {
    Ok(lock::own_dir(&open(repo)?))
}

/// The repository's git directories (the worktree's and the common one), which nothing but
/// git may write into (jixiao's own folder excepted).
pub fn git_dirs(repo: &Repo) -> Result<Vec<std::path::PathBuf>> {
    let git = open(repo)?;
    let mut dirs = vec![git.path().to_path_buf()];
    if git.commondir() != git.path() {
        dirs.push(git.commondir().to_path_buf());
    }
    Ok(dirs)
}

/// Refuses a path that jixiao would write a file of the person's to (an export) when it lies
/// inside the repository's git directory: `-o .git/HEAD` must not overwrite git's own files.
pub fn refuse_git_path(repo: &Repo, path: &Path) -> Result<()> {
    let full = resolved(path);
    let own = own_dir(repo).map(|d| resolved(&d)).ok();
    for dir in git_dirs(repo)? {
        let dir = resolved(&dir);
        if full.starts_with(&dir) && !own.as_ref().is_some_and(|o| full.starts_with(o)) {
            return Err(Error::Other(crate::text::store::inside_git_dir(
                path.display(),
                dir.display(),
            )));
        }
    }
    Ok(())
}

/// `path` made absolute with symlinks resolved, as far as it exists.
fn resolved(path: &Path) -> std::path::PathBuf {
    let abs = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir()
            .map(|d| d.join(path))
            .unwrap_or_else(|_| path.to_path_buf())
    };
    // The longest existing ancestor, canonical, then the rest as written.
    let mut existing = abs.as_path();
    let mut rest = Vec::new();
    loop {
        if let Ok(c) = existing.canonicalize() {
            let mut out = c;
            for part in rest.iter().rev() {
                out.push(part);
            }
            return out;
        }
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_os_string());
                existing = parent;
            }
            _ => return abs,
        }
    }
}

/// The name and address a save would be authored as (`姓名 <address>`), for messages and
/// recovery files; empty when none is set.
pub fn who(repo: &Repo) -> String {
    open(repo)
        .ok()
        .and_then(|git| identity::identity(&git).ok())
        .map(|i| {
            format!(
                "{} <{}>",
                i.author.name().unwrap_or_default(),
                i.author.email().unwrap_or_default()
            )
        })
        .unwrap_or_default()
}

/// Gives the repository a local git identity when none is found (the demo's throw-away
/// repository only); the person's own identity always wins.
pub fn default_identity(repo: &Repo, name: &str, email: &str) -> Result<()> {
    let git = open(repo)?;
    if identity::identity(&git).is_ok() {
        return Ok(());
    }
    let mut cfg = git
        .config()
        .map_err(|e| git_error(crate::text::store::READ_REPO_CONFIG, e))?;
    cfg.set_str("user.name", name)
        .and_then(|_| cfg.set_str("user.email", email))
        .map_err(|e| git_error(crate::text::store::SET_REPO_IDENTITY, e))
}
