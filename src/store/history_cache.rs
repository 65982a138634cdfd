//! The revisions of a record found through the trailers, remembered with the HEAD they were
//! found at, in `.git/jixiao/cache/history/DEPT-YEAR.json`: when HEAD has moved on, `log` and
//! `blame` walk only the commits since, down the parents to that HEAD. Commits never change,
//! so what was found below it still holds; a HEAD that is not on the way down (history
//! rewritten, another branch) is walked in full. The record's blob at that HEAD is kept too:
//! below a merge, the newest revision found need not be what HEAD holds (a merge may keep one
//! side's text while the other side's revision is newer).

use super::touches::Touch;
use git2::Oid;
use serde::{Deserialize, Serialize};

#[derive(Serialize, Deserialize)]
struct Kept {
    version: String,
    head: String,
    /// The record's blob at `head` (none: not there).
    head_blob: Option<String>,
    /// Newest first: the commit and the record's blob there (none: deleted).
    revs: Vec<(String, Option<String>)>,
}

/// The version of the file's format: files of another are not read.
fn version() -> String {
    format!("{}-2", env!("CARGO_PKG_VERSION"))
}

/// What is kept for a record: the HEAD, the record's blob there, and its revisions.
pub(super) struct KeptHistory {
    pub head: Oid,
    pub head_blob: Option<Oid>,
    pub revs: Vec<Touch>,
}

/// What is kept for `record` (`DEPT/YEAR`), if readable and of this version.
pub(super) fn load(git: &git2::Repository, record: &str) -> Option<KeptHistory> {
    let k: Kept = super::cache::read(&super::cache::record_file(git, "history", record))?;
    if k.version != version() {
        return None;
    }
    let oid = |s: &Option<String>| match s {
        Some(b) => Oid::from_str(b).ok().map(Some),
        None => Some(None),
    };
    let revs = k
        .revs
        .iter()
        .map(|(id, blob)| {
            Some(Touch {
                id: Oid::from_str(id).ok()?,
                blob: oid(blob)?,
            })
        })
        .collect::<Option<Vec<_>>>()?;
    Some(KeptHistory {
        head: Oid::from_str(&k.head).ok()?,
        head_blob: oid(&k.head_blob)?,
        revs,
    })
}

/// Keeps the revisions of `record` found at `head`, where the record's blob is `head_blob` (a
/// cache that cannot be written only costs the next walk its time).
pub(super) fn save(
    git: &git2::Repository,
    record: &str,
    head: Oid,
    head_blob: Option<Oid>,
    revs: &[Touch],
) {
    let k = Kept {
        version: version(),
        head: head.to_string(),
        head_blob: head_blob.map(|b| b.to_string()),
        revs: revs
            .iter()
            .map(|t| (t.id.to_string(), t.blob.map(|b| b.to_string())))
            .collect(),
    };
    super::cache::write(&super::cache::record_file(git, "history", record), &k);
}
