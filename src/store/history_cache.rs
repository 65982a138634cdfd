//! The revisions of a record found through the trailers, remembered with the HEAD they were
//! found at, in `.git/jixiao/cache/history/DEPT-YEAR.json`: when HEAD has moved on, `log` and
//! `blame` walk only the commits since, down the parents to that HEAD. Commits never change,
//! so what was found below it still holds; a HEAD that is not on the way down (history
//! rewritten, another branch) is walked in full. Only the trailer walk's answers are kept,
//! which stop at any merge, so nothing below a kept HEAD is a merge either.

use super::history::Touch;
use git2::Oid;
use serde::{Deserialize, Serialize};

#[derive(Serialize, Deserialize)]
struct Kept {
    version: String,
    head: String,
    /// Newest first: the commit and the record's blob there (none: deleted).
    revs: Vec<(String, Option<String>)>,
}

/// The HEAD and the revisions kept for `record` (`DEPT/YEAR`), if readable and of this version.
pub(super) fn load(git: &git2::Repository, record: &str) -> Option<(Oid, Vec<Touch>)> {
    let k: Kept = super::cache::read(&super::cache::record_file(git, "history", record))?;
    if k.version != env!("CARGO_PKG_VERSION") {
        return None;
    }
    let revs = k
        .revs
        .iter()
        .map(|(id, blob)| {
            Some(Touch {
                id: Oid::from_str(id).ok()?,
                blob: match blob {
                    Some(b) => Some(Oid::from_str(b).ok()?),
                    None => None,
                },
            })
        })
        .collect::<Option<Vec<_>>>()?;
    Some((Oid::from_str(&k.head).ok()?, revs))
}

/// Keeps the revisions of `record` found at `head` (a cache that cannot be written only costs
/// the next walk its time).
pub(super) fn save(git: &git2::Repository, record: &str, head: Oid, revs: &[Touch]) {
    let k = Kept {
        version: env!("CARGO_PKG_VERSION").to_string(),
        head: head.to_string(),
        revs: revs
            .iter()
            .map(|t| (t.id.to_string(), t.blob.map(|b| b.to_string())))
            .collect(),
    };
    super::cache::write(&super::cache::record_file(git, "history", record), &k);
}
