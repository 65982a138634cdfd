//! Objects for the walks down a history: from the pack files directly (`store::pack`) where
//! they are there, from libgit2 otherwise (loose objects, anything the fast path declines), so
//! that both give the same bytes and only the time differs.

use super::git_error;
use super::pack::{Object, Packs, Reader};
use crate::error::Result;
use git2::{ObjectType, Oid};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::SystemTime;

/// A reader of one repository's objects, for one thread.
pub(super) struct Objects<'r> {
    git: &'r git2::Repository,
    packs: Arc<Packs>,
    reader: Reader,
    odb: Option<git2::Odb<'r>>,
}

/// A commit as the walks need it: its tree, its parents and its message.
pub(super) struct Commit {
    pub tree: Oid,
    pub parents: Vec<Oid>,
    raw: Arc<Vec<u8>>,
    message: usize,
}

impl Commit {
    /// The message, from its first line, as libgit2 gives it (leading newlines dropped).
    pub fn message_bytes(&self) -> &[u8] {
        self.raw.get(self.message..).unwrap_or_default()
    }
}

impl<'r> Objects<'r> {
    /// A reader of `git`'s objects; the packs are mapped once per process and repository.
    pub(super) fn new(git: &'r git2::Repository) -> Objects<'r> {
        Objects {
            git,
            packs: packs_of(git),
            reader: Reader::new(),
            odb: None,
        }
    }

    /// Object `id`; `doing` says what for in an error.
    pub(super) fn read(&mut self, id: Oid, doing: &str) -> Result<Object> {
        if let Some(o) = self.packs.read(id, &mut self.reader) {
            return Ok(o);
        }
        let odb = match self.odb.take() {
            Some(odb) => odb,
            None => self.git.odb().map_err(|e| git_error(doing, e))?,
        };
        let read = odb
            .read(id)
            .map(|o| (o.kind(), Arc::new(o.data().to_vec())))
            .map_err(|e| git_error(doing, e));
        self.odb = Some(odb);
        read
    }

    /// Commit `id`.
    pub(super) fn commit(&mut self, id: Oid) -> Result<Commit> {
        let doing = crate::text::store::READ_COMMIT;
        let (kind, raw) = self.read(id, doing)?;
        if kind == ObjectType::Commit
            && let Some((tree, parents, message)) = parse_commit(&raw)
        {
            return Ok(Commit {
                tree,
                parents,
                raw,
                message,
            });
        }
        // Not a commit, or one this reads otherwise than libgit2: libgit2 says what it is.
        let c = self.git.find_commit(id).map_err(|e| git_error(doing, e))?;
        Ok(Commit {
            tree: c.tree_id(),
            parents: c.parent_ids().collect(),
            raw: Arc::new(c.message_bytes().to_vec()),
            message: 0,
        })
    }

    /// The text of blob `id`; `what` names it in an error.
    pub(super) fn blob_text(&mut self, id: Oid, what: &str) -> Result<String> {
        let (kind, data) = self.read(id, &crate::text::store::read(what))?;
        if kind != ObjectType::Blob {
            return super::blob_text(self.git, id, what);
        }
        super::utf8_text(&data, what)
    }
}

/// The tree, the parents and where the message starts of a commit's raw bytes, or `None`
/// when they are not in the order git writes them (`tree`, `parent`s, `author`).
fn parse_commit(raw: &[u8]) -> Option<(Oid, Vec<Oid>, usize)> {
    fn id_line(raw: &[u8], at: usize, key: &[u8]) -> Option<Oid> {
        let line = raw.get(at..)?.strip_prefix(key)?;
        if line.get(40) != Some(&b'\n') {
            return None;
        }
        hex_id(line.get(..40)?)
    }
    let tree = id_line(raw, 0, b"tree ")?;
    let mut at = 46;
    let mut parents = Vec::new();
    while let Some(p) = id_line(raw, at, b"parent ") {
        parents.push(p);
        at += 48;
    }
    if !raw.get(at..)?.starts_with(b"author ") {
        return None;
    }
    // The headers end at the first empty line (a multi-line header such as a signature
    // continues on lines that start with a space); the message follows.
    let body = at
        + raw
            .get(at..)?
            .windows(2)
            .position(|w| w == b"\n\n")
            .map_or(raw.len() - at, |p| p + 2);
    let skipped = raw.get(body..)?.iter().take_while(|&&b| b == b'\n').count();
    Some((tree, parents, body + skipped))
}

/// The id written as 40 hex digits, in either case as libgit2 reads them; `None` for
/// anything else. Every commit of a first blame has two of these: libgit2's reading of them
/// through `Oid::from_str` was 3% of its instructions.
fn hex_id(hex: &[u8]) -> Option<Oid> {
    fn nibble(c: u8) -> Option<u8> {
        match c {
            b'0'..=b'9' => Some(c - b'0'),
            b'a'..=b'f' => Some(c - b'a' + 10),
            b'A'..=b'F' => Some(c - b'A' + 10),
            _ => None,
        }
    }
    if hex.len() != 40 {
        return None;
    }
    let mut bytes = [0u8; 20];
    for (b, pair) in bytes.iter_mut().zip(hex.chunks_exact(2)) {
        *b = (nibble(pair[0])? << 4) | nibble(pair[1])?;
    }
    Oid::from_bytes(&bytes).ok()
}

/// Packs mapped by this process: by object folder, with the pack folder's modification time
/// (a new or removed pack changes it).
type Mapped = Vec<(PathBuf, Option<SystemTime>, Arc<Packs>)>;

static MAPPED: Mutex<Mapped> = Mutex::new(Vec::new());

/// Repositories whose packs stay mapped (a long-running server may open many).
const MAPPED_MAX: usize = 8;

fn packs_of(git: &git2::Repository) -> Arc<Packs> {
    let objects = git.commondir().join("objects");
    let stamp = std::fs::metadata(objects.join("pack"))
        .and_then(|m| m.modified())
        .ok();
    let Ok(mut mapped) = MAPPED.lock() else {
        return Arc::new(Packs::open(&objects));
    };
    if let Some((_, _, p)) = mapped
        .iter()
        .find(|(dir, s, _)| *dir == objects && *s == stamp)
    {
        return Arc::clone(p);
    }
    let packs = Arc::new(Packs::open(&objects));
    mapped.retain(|(dir, _, _)| *dir != objects);
    if mapped.len() >= MAPPED_MAX {
        mapped.remove(0);
    }
    mapped.push((objects, stamp, Arc::clone(&packs)));
    packs
}

#[cfg(test)]
mod tests;
