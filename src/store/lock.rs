//! The save lock: one OS file lock (`flock`) per repository that every jixiao save holds
//! while it reads the working copy, moves the branch and updates the index.
//!
//! An OS lock ends with its process, so a save killed at any moment never leaves a lock that
//! blocks the next one; age plays no part. While it holds the lock, a save lists in an intent
//! file the git lock files it may create (`refs/heads/BRANCH.lock`, `index.lock`), and empties
//! it after; a save that finds it not empty knows its writer died inside that window, and
//! removes the lock files it names. A git lock file not named there belongs to another program
//! (plain git): the error names it and says how to clear it.

use super::worktree::{self, Pending};
use crate::error::{Error, Result};
use std::fs::{File, OpenOptions, TryLockError};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// How long a save waits for another jixiao process's save to finish.
const WAIT: Duration = Duration::from_secs(30);

/// The held save lock of a repository; released when dropped (or when the process ends).
pub(super) struct SaveLock {
    file: File,
    path: PathBuf,
    intent: PathBuf,
}

/// The folder of jixiao's own files in the repository's common git directory (shared by
/// every worktree of the repository).
pub(super) fn own_dir(git: &git2::Repository) -> PathBuf {
    git.commondir().join("jixiao")
}

impl SaveLock {
    /// Waits for and takes the save lock of the repository; clears git lock files that a
    /// save killed inside its critical section left behind.
    pub(super) fn acquire(git: &git2::Repository) -> Result<SaveLock> {
        let dir = own_dir(git);
        std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
        let path = dir.join("save.lock");
        let file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .read(true)
            .write(true)
            .open(&path)
            .map_err(|e| Error::io(&path, e))?;
        let start = Instant::now();
        loop {
            match file.try_lock() {
                Ok(()) => break,
                Err(TryLockError::WouldBlock) if start.elapsed() < WAIT => {
                    std::thread::sleep(Duration::from_millis(3));
                }
                Err(TryLockError::WouldBlock) => {
                    let holder = std::fs::read_to_string(&path).unwrap_or_default();
                    let holder = holder.trim();
                    return Err(Error::Locked {
                        path,
                        message: crate::text::store::save_lock_held(holder, WAIT.as_secs()),
                    });
                }
                Err(TryLockError::Error(e)) => return Err(Error::io(&path, e)),
            }
        }
        // Who holds it, for the message of a save that waits too long. Written over the old
        // holder, and cut only when that was longer: a truncation is a journal write on ext4
        // (a third of a millisecond of every save, twice for `jixiao commit`).
        let holder = crate::text::store::lock_holder(std::process::id());
        let _ = write_over(&file, holder.as_bytes());
        let lock = SaveLock {
            file,
            path,
            intent: dir.join("save.intent"),
        };
        lock.clear_left_behind()?;
        Ok(lock)
    }

    /// Removes the git lock files named by an intent file that a killed save left, and
    /// finishes the working-file update it may have left undone.
    fn clear_left_behind(&self) -> Result<()> {
        let Ok(text) = std::fs::read_to_string(&self.intent) else {
            return Ok(());
        };
        if text.trim().is_empty() {
            return Ok(());
        }
        let mut pending = None;
        for line in text.lines().filter(|l| !l.trim().is_empty()) {
            if let Some(rest) = line.strip_prefix("sync\t") {
                let mut parts = rest.split('\t');
                if let (Some(g), Some(f), Some(r), b) =
                    (parts.next(), parts.next(), parts.next(), parts.next())
                {
                    pending = Some(Pending {
                        git_dir: g.into(),
                        file: f.into(),
                        rel: r.to_string(),
                        file_base: b.and_then(|b| git2::Oid::from_str(b).ok()),
                    });
                }
                continue;
            }
            let p = Path::new(line.trim());
            // Only lock files, whatever the file says.
            if p.extension().is_some_and(|x| x == "lock") {
                match std::fs::remove_file(p) {
                    Ok(()) => {}
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                    Err(e) => return Err(Error::io(p, e)),
                }
            }
        }
        if let Some(p) = pending {
            worktree::finish(&p)?;
        }
        std::fs::write(&self.intent, b"").map_err(|e| Error::io(&self.intent, e))
    }

    /// Records the git lock files the next steps may create, and the working file a killed
    /// save would leave behind the branch; call [`SaveLock::done`] after.
    pub(super) fn intend(&self, locks: &[PathBuf], sync: Option<&Pending>) -> Result<()> {
        let mut body = String::new();
        for l in locks {
            body.push_str(&l.to_string_lossy());
            body.push('\n');
        }
        if let Some(p) = sync {
            body.push_str(&format!(
                "sync\t{}\t{}\t{}\t{}\n",
                p.git_dir.display(),
                p.file.display(),
                p.rel,
                p.file_base.map(|b| b.to_string()).unwrap_or_default()
            ));
        }
        // Not synced to disk: the intent is for a save that was killed, whose writes the page
        // cache keeps. After a power cut a git lock file it named may stay behind; the next
        // save then names it and says how to clear it, and the record's text is in the
        // working file or the branch either way.
        let mut f = File::create(&self.intent).map_err(|e| Error::io(&self.intent, e))?;
        f.write_all(body.as_bytes())
            .map_err(|e| Error::io(&self.intent, e))
    }

    /// The steps named by [`SaveLock::intend`] are over: forget them. The file is emptied,
    /// not removed: creating it again on the next save was a new inode, and new inodes are
    /// among the costliest steps of a save on this project's ext4 build machine.
    pub(super) fn done(&self) {
        let _ = OpenOptions::new()
            .write(true)
            .open(&self.intent)
            .and_then(|f| f.set_len(0));
    }

    /// The lock file's path.
    #[allow(dead_code)]
    pub(super) fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for SaveLock {
    fn drop(&mut self) {
        let _ = self.file.unlock();
    }
}

/// Writes `bytes` at the start of `file`, cutting the file only where it was longer.
fn write_over(file: &File, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::{Seek, SeekFrom};
    let mut f = file;
    let old = f.metadata()?.len();
    f.seek(SeekFrom::Start(0))?;
    f.write_all(bytes)?;
    let len = u64::try_from(bytes.len()).unwrap_or(u64::MAX);
    if old > len {
        f.set_len(len)?;
    }
    Ok(())
}

/// The error for a git lock file that another program holds or left behind.
pub(super) fn held_by_other(lock: &Path, doing: &str) -> Error {
    Error::Locked {
        path: lock.to_path_buf(),
        message: crate::text::store::git_lock_held(doing, lock.display()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_intent_is_emptied_when_done_and_an_empty_one_names_nothing() {
        let dir = tempfile::tempdir().expect("tempdir");
        let git = git2::Repository::init(dir.path()).expect("git init");
        let stale = git.path().join("refs/heads/x.lock");
        std::fs::write(&stale, "").expect("lock file");
        let lock = SaveLock::acquire(&git).expect("save lock");
        lock.intend(std::slice::from_ref(&stale), None)
            .expect("intent");
        let intent = own_dir(&git).join("save.intent");
        assert!(
            std::fs::read_to_string(&intent)
                .expect("read")
                .contains("x.lock")
        );
        lock.done();
        assert_eq!(std::fs::read_to_string(&intent).expect("read"), "");
        drop(lock);
        // Emptied, it names nothing: the next save leaves the lock file alone.
        let again = SaveLock::acquire(&git).expect("save lock");
        assert!(stale.exists());
        // Not emptied (the save was killed), the next save removes what it names.
        again
            .intend(std::slice::from_ref(&stale), None)
            .expect("intent");
        drop(again);
        let _third = SaveLock::acquire(&git).expect("save lock");
        assert!(!stale.exists());
        assert_eq!(std::fs::read_to_string(&intent).expect("read"), "");
    }

    #[test]
    fn the_holder_is_written_over_the_old_one_whatever_their_lengths() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("save.lock");
        std::fs::write(&path, "process 1234567").expect("written");
        let file = OpenOptions::new()
            .read(true)
            .write(true)
            .open(&path)
            .expect("open");
        for holder in ["process 12", "process 1234567890", "process 3"] {
            write_over(&file, holder.as_bytes()).expect("written over");
            assert_eq!(std::fs::read_to_string(&path).expect("read"), holder);
        }
    }
}
