//! jixiao's caches under `.git/jixiao/cache/` (last saves, listed figures, histories and blame
//! scores): where each file lives, and writing one. A cache is only ever an answer that can be
//! found again, so one that cannot be read is ignored and one that cannot be written only
//! costs the next command its time.

use serde::Serialize;
use serde::de::DeserializeOwned;
use std::path::{Path, PathBuf};

/// `.git/jixiao/cache/NAME` of `git`.
pub(super) fn file(git: &git2::Repository, name: &str) -> PathBuf {
    git.path().join("jixiao").join("cache").join(name)
}

/// `.git/jixiao/cache/KIND/DEPT-YEAR.json`, a record's file of one kind of cache.
pub(super) fn record_file(git: &git2::Repository, kind: &str, record: &str) -> PathBuf {
    file(git, kind).join(format!("{}.json", record.replace('/', "-")))
}

/// The cache at `path`, if it is there and reads as `T`.
pub(super) fn read<T: DeserializeOwned>(path: &Path) -> Option<T> {
    let text = std::fs::read_to_string(path).ok()?;
    serde_json::from_str(&text).ok()
}

/// Writes `value` to `path` atomically, making its folder; failing silently (see above).
pub(super) fn write(path: &Path, value: &impl Serialize) {
    if let Some(dir) = path.parent() {
        let _ = std::fs::create_dir_all(dir);
    }
    // Streamed to the file: the text of 20,000 records' scores is 16 MB.
    let _ = crate::tomlio::write_atomic_with(path, |w| {
        serde_json::to_writer(w, value).map_err(std::io::Error::other)
    });
}
