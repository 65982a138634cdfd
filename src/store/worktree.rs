//! The working copy of a record and what it was edited from.
//!
//! The base of an edit of the working file is the copy the index holds (what the last save or
//! `git add` left there), read before the file itself under the save lock: reading them in the
//! other order lets another save slip in between, and its changes would then look like ours
//! undoing them. After a save the working file is brought up to the commit only when that
//! keeps every change it holds: changes made meanwhile are merged in, and a file whose
//! changes would clash is left as it is, with the index still naming its base.

use super::lock::SaveLock;
use super::merge::merge3;
use super::{blob_text, git_error, open, text_in};
use crate::error::{Error, Result};
use crate::repo::{Dept, Repo};
use git2::{ErrorCode, Oid};
use std::path::Path;
use std::time::{Duration, Instant};

/// Where an edit started: what a save merges against when the branch moved meanwhile.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Base {
    /// The record did not exist yet.
    New,
    /// The git blob id of the record text the edit started from.
    Blob(String),
    /// A revision (commit id, tag, draft) whose copy of the record the edit started from.
    Revision(String),
}

impl Base {
    /// A one-word form for files (`new`, `blob:ID`, `rev:ID`).
    pub fn token(&self) -> String {
        match self {
            Base::New => "new".into(),
            Base::Blob(id) => format!("blob:{id}"),
            Base::Revision(r) => format!("rev:{r}"),
        }
    }

    /// Reads [`Base::token`]'s form; a bare commit id (older recovery files) is a revision.
    pub fn from_token(s: &str) -> Base {
        let s = s.trim();
        if s == "new" || s == "none" || s.is_empty() {
            Base::New
        } else if let Some(id) = s.strip_prefix("blob:") {
            Base::Blob(id.to_string())
        } else {
            Base::Revision(s.strip_prefix("rev:").unwrap_or(s).to_string())
        }
    }
}

/// The working file of a record and the base it was edited from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkingCopy {
    pub base: Base,
    /// The file's text; `None` when there is no file.
    pub text: Option<String>,
}

/// The id of the record's blob in the index, if the index holds it.
fn index_blob(git: &git2::Repository, rel: &str) -> Result<Option<Oid>> {
    let path = git.path().join("index");
    match std::fs::read(&path) {
        Ok(bytes) => {
            if let Some(found) = super::index::blob_of(&bytes, rel) {
                return Ok(found);
            }
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(Error::io(&path, e)),
    }
    let index = git
        .index()
        .map_err(|e| git_error(crate::text::store::READ_INDEX, e))?;
    Ok(index.get_path(Path::new(rel), 0).map(|e| e.id))
}

/// The record's blob at HEAD, if any.
pub(super) fn head_blob(git: &git2::Repository, rel: &str) -> Result<Option<Oid>> {
    let commit = match git.head() {
        Ok(h) => h
            .peel_to_commit()
            .map_err(|e| git_error(crate::text::store::READ_HEAD, e))?,
        Err(e) if matches!(e.code(), ErrorCode::UnbornBranch | ErrorCode::NotFound) => {
            return Ok(None);
        }
        Err(e) => return Err(git_error(crate::text::store::READ_HEAD, e)),
    };
    super::blob_id(&commit, rel)
}

fn base_of(git: &git2::Repository, rel: &str) -> Result<Base> {
    let id = match index_blob(git, rel)? {
        Some(id) => Some(id),
        None => head_blob(git, rel)?,
    };
    Ok(id.map_or(Base::New, |id| Base::Blob(id.to_string())))
}

/// Reads the record's working file and its base (the index's copy, else HEAD's), in that
/// order and under the save lock.
pub fn working_copy(repo: &Repo, dept: &Dept, year: u16) -> Result<WorkingCopy> {
    working_copy_in(&open(repo)?, repo, dept, year)
}

/// [`working_copy`] through an open repository.
pub(super) fn working_copy_in(
    git: &git2::Repository,
    repo: &Repo,
    dept: &Dept,
    year: u16,
) -> Result<WorkingCopy> {
    let _lock = SaveLock::acquire(git)?;
    let base = base_of(git, &Repo::record_rel(dept, year))?;
    let path = repo.checked_record_path(dept, year)?;
    let text = match std::fs::read(&path) {
        Ok(bytes) => Some(
            String::from_utf8(bytes)
                .map_err(|_| Error::Other(crate::text::store::file_not_utf8(path.display())))?,
        ),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(Error::io(&path, e)),
    };
    Ok(WorkingCopy { base, text })
}

/// The record's text where `base` says the edit started.
pub(super) fn base_text(
    git: &git2::Repository,
    dept: &Dept,
    year: u16,
    base: &Base,
) -> Result<Option<String>> {
    let rel = Repo::record_rel(dept, year);
    match base {
        Base::New => Ok(None),
        Base::Blob(id) => {
            let oid =
                Oid::from_str(id).map_err(|_| Error::Other(crate::text::store::bad_base_id(id)))?;
            blob_text(git, oid, &crate::text::store::at_base(&rel, id)).map(Some)
        }
        Base::Revision(spec) => {
            let commit = super::resolve(git, dept, year, spec)?;
            text_in(git, &commit, &rel)
        }
    }
}

/// The base of an edit made now from the record at HEAD: that commit, or [`Base::New`] when
/// HEAD has no such record (for programs that derive their text from the latest save).
pub fn head_base(repo: &Repo, dept: &Dept, year: u16) -> Result<Base> {
    let git = open(repo)?;
    let rel = Repo::record_rel(dept, year);
    match git.head() {
        Ok(h) => {
            let c = h
                .peel_to_commit()
                .map_err(|e| git_error(crate::text::store::READ_HEAD, e))?;
            Ok(match super::blob_id(&c, &rel)? {
                Some(_) => Base::Revision(c.id().to_string()),
                None => Base::New,
            })
        }
        Err(e) if matches!(e.code(), ErrorCode::UnbornBranch | ErrorCode::NotFound) => {
            Ok(Base::New)
        }
        Err(e) => Err(git_error(crate::text::store::READ_HEAD, e)),
    }
}

/// The record's text where an edit started, for a caller outside the store.
pub fn read_base(repo: &Repo, dept: &Dept, year: u16, base: &Base) -> Result<Option<String>> {
    base_text(&open(repo)?, dept, year, base)
}

/// What a save did to the working file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WorkingFile {
    /// It now holds the committed text (or there is no working tree).
    Updated,
    /// It held changes made after the save read it; they are kept, merged with the save.
    Merged,
    /// It holds changes that clash with the save: it was left as it was, so nothing in it
    /// is lost; the next `jixiao commit` merges it with the branch.
    Kept,
}

/// Brings the working file and its index entry up to `committed` without losing a change the
/// file holds. Runs under the save lock, inside an intent naming it (see [`pending`]).
/// `file_base`: the text of `pending.file_base`, when the caller has it at hand.
pub(super) fn sync(
    git: &git2::Repository,
    pending: &Pending,
    committed: &str,
    file_base: Option<&str>,
) -> Result<WorkingFile> {
    let file_base = match (&pending.file_base, file_base) {
        (Some(_), Some(t)) => Some(t.to_string()),
        (Some(id), None) => Some(blob_text(git, *id, &pending.rel)?),
        (None, _) => None,
    };
    sync_file(
        git,
        &pending.file,
        &pending.rel,
        committed,
        file_base.as_deref(),
    )
}

/// What a save killed between moving the branch and updating the working file left to do:
/// written into the save lock's intent, finished by the next save.
/// `file_text`: the text the save read from the working file, when it did (the file derives
/// from it); otherwise the index names the file's base.
/// The blob of `file_text` is named here, not written: the save writes it before it names it
/// in an intent (see `commit::BlobWriter`).
pub(super) fn pending(
    git: &git2::Repository,
    repo: &Repo,
    dept: &Dept,
    year: u16,
    file_text: Option<&str>,
) -> Pending {
    Pending {
        git_dir: git.path().to_path_buf(),
        file: repo.record_path(dept, year),
        rel: Repo::record_rel(dept, year),
        file_base: file_text.map(|t| super::index::blob_id(t.as_bytes())),
    }
}

/// See [`pending`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Pending {
    /// The worktree's git directory (its index).
    pub git_dir: std::path::PathBuf,
    pub file: std::path::PathBuf,
    pub rel: String,
    /// The blob the working file derives from, when known better than the index.
    pub file_base: Option<Oid>,
}

/// Finishes the working-file update of a save that was killed after moving the branch: when
/// the branch's copy of the record differs from what the index names, the file and the index
/// are brought up to it as the save would have (keeping the file's own changes).
pub(super) fn finish(p: &Pending) -> Result<()> {
    let git = git2::Repository::open(&p.git_dir)
        .map_err(|e| git_error(&crate::text::store::open(p.git_dir.display()), e))?;
    let Ok(head) = git.head().and_then(|h| h.peel_to_commit()) else {
        return Ok(());
    };
    let Some(tip) = super::blob_id(&head, &p.rel)? else {
        return Ok(());
    };
    if index_blob(&git, &p.rel)? == Some(tip) {
        return Ok(());
    }
    let committed = blob_text(&git, tip, &p.rel)?;
    sync(&git, p, &committed, None).map(|_| ())
}

/// `file_base`: what the working file derives from, when known (else the index's copy).
fn sync_file(
    git: &git2::Repository,
    path: &Path,
    rel: &str,
    committed: &str,
    file_base: Option<&str>,
) -> Result<WorkingFile> {
    if git.workdir().is_none() {
        return Ok(WorkingFile::Updated);
    }
    let current = match std::fs::read(path) {
        Ok(b) => String::from_utf8(b).ok(),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(Error::io(path, e)),
    };
    let indexed = match file_base {
        Some(t) => Some(t.to_string()),
        None => match index_blob(git, rel)? {
            Some(id) => Some(blob_text(git, id, rel)?),
            None => None,
        },
    };
    let outcome = match &current {
        Some(cur) if cur == committed => WorkingFile::Updated,
        Some(cur) if Some(cur) != indexed.as_ref() => {
            // Changed since its base: keep those changes, add the save's.
            let m = merge3(path, indexed.as_deref().unwrap_or(""), cur, committed)?;
            if !m.conflicts.is_empty() {
                // The index keeps naming the file's base, so the next commit merges it right.
                return Ok(WorkingFile::Kept);
            }
            crate::tomlio::write_atomic(path, &m.text)?;
            WorkingFile::Merged
        }
        _ => {
            crate::tomlio::write_atomic(path, committed)?;
            WorkingFile::Updated
        }
    };
    let index_lock = git.path().join("index.lock");
    let file = (outcome == WorkingFile::Updated).then_some(path);
    stage(git, rel, committed, file, &index_lock)?;
    Ok(outcome)
}

/// Puts `text` in the index as the record's entry: the base of the working file from now
/// on. `file`: the working file, when it holds exactly `text`, so that its stat data may be
/// taken.
fn stage(
    git: &git2::Repository,
    rel: &str,
    text: &str,
    file: Option<&Path>,
    index_lock: &Path,
) -> Result<()> {
    let start = Instant::now();
    let blob = super::write_blob(git, text.as_bytes(), crate::text::store::WRITE_RECORD_BLOB)?;
    let stat = match file {
        #[cfg(unix)]
        Some(f) => match std::fs::symlink_metadata(f) {
            Ok(m) => super::index::Stat::of(&m),
            Err(e) => return Err(Error::io(f, e)),
        },
        _ => super::index::Stat::blank(text.len()),
    };
    loop {
        let staged = super::index::stage(git, rel, blob, stat).map_err(|e| {
            let io = Error::io(git.path().join("index"), e);
            Error::Other(format!(
                "{}: {io}",
                crate::text::store::committed_index_failed(rel)
            ))
        })?;
        match staged {
            super::index::Staged::Done => return Ok(()),
            super::index::Staged::Unknown => break,
            super::index::Staged::Locked if start.elapsed() < Duration::from_secs(2) => {
                std::thread::sleep(Duration::from_millis(5));
            }
            super::index::Staged::Locked => {
                return Err(super::lock::held_by_other(
                    index_lock,
                    &crate::text::store::committed_index_locked(rel),
                ));
            }
        }
    }
    let mut index = git
        .index()
        .map_err(|e| git_error(crate::text::store::READ_INDEX, e))?;
    // Just opened, the index is current; a retry reads it again (reading hashes the whole file).
    let mut force = false;
    loop {
        let r = index.read(force).and_then(|_| {
            if file.is_some() {
                index.add_path(Path::new(rel))?;
            } else {
                // Empty stat data: git compares the file's content with this blob, and finds
                // the changes the file holds beyond it.
                let mut entry = blank_entry(rel);
                entry.id = blob;
                entry.file_size = u32::try_from(text.len()).unwrap_or(u32::MAX);
                index.add(&entry)?;
            }
            index.write()
        });
        match r {
            Ok(()) => return Ok(()),
            // Plain git holds the index for milliseconds; wait a little before naming it.
            Err(e) if e.code() == ErrorCode::Locked && start.elapsed() < Duration::from_secs(2) => {
                force = true;
                std::thread::sleep(Duration::from_millis(5));
            }
            Err(e) if e.code() == ErrorCode::Locked || index_lock.exists() => {
                return Err(super::lock::held_by_other(
                    index_lock,
                    &crate::text::store::committed_index_locked(rel),
                ));
            }
            Err(e) => {
                return Err(git_error(
                    &crate::text::store::committed_index_failed(rel),
                    e,
                ));
            }
        }
    }
}

/// An index entry for a file the index does not hold yet; its stat data is empty, so git
/// looks at the file's content the next time it compares.
pub(super) fn blank_entry(rel: &str) -> git2::IndexEntry {
    git2::IndexEntry {
        ctime: git2::IndexTime::new(0, 0),
        mtime: git2::IndexTime::new(0, 0),
        dev: 0,
        ino: 0,
        mode: 0o100644,
        uid: 0,
        gid: 0,
        file_size: 0,
        id: Oid::zero(),
        flags: 0,
        flags_extended: 0,
        path: rel.as_bytes().to_vec(),
    }
}
