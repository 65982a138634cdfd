//! git's index file (`.git/index`), read and changed by jixiao itself for the one entry a save
//! changes, after git's `Documentation/gitformat-index.txt` (versions 2, 3 and 4).
//!
//! Why not libgit2's index: it hashes the whole file with SHA-1DC on every read and again on
//! every write, and copies every entry; on a province's repository (2,000 records, a 192 KB
//! index) that was two fifths of a save. git itself does not check the hash on read, and
//! neither does this reader; the checksum written is a plain (hardware) SHA-1, which is what
//! git and libgit2 check against. A file this reader does not know to the last byte (a split
//! or sparse index, a conflicted entry, an entry git is told to skip or to trust, an
//! extension it cannot keep) gets `None`: the caller then goes through libgit2 as before.

use git2::Oid;
use sha1::{Digest, Sha1};

const HASH: usize = 20;
/// ctime and mtime (seconds, nanoseconds), dev, ino, mode, uid, gid, size: 4 bytes each.
const STAT: usize = 40;
/// Where an entry's flags sit, after its stat data and blob id.
const FLAGS_AT: usize = STAT + HASH;
/// git is told to trust the entry without looking at the file (`--assume-unchanged`).
const ASSUME_VALID: u16 = 0x8000;
/// A second word of flags follows (version 3 and later).
const EXTENDED: u16 = 0x4000;
const STAGE: u16 = 0x3000;
const NAME_LENGTH: u16 = 0x0fff;
const MODE_FILE: u32 = 0o100644;
const MODE_EXECUTABLE: u32 = 0o100755;

/// The stat data git keeps for an entry, each field cut to 32 bits as git stores it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct Stat {
    pub ctime: (u32, u32),
    pub mtime: (u32, u32),
    pub dev: u32,
    pub ino: u32,
    pub mode: u32,
    pub uid: u32,
    pub gid: u32,
    pub size: u32,
}

impl Stat {
    /// The stat data of a file as `lstat` gives it.
    #[cfg(unix)]
    pub(super) fn of(meta: &std::fs::Metadata) -> Stat {
        use std::os::unix::fs::MetadataExt;
        // git keeps the low 32 bits of each (read-cache.c, `fill_stat_data`).
        let low = |v: i64| v as u32;
        Stat {
            ctime: (low(meta.ctime()), low(meta.ctime_nsec())),
            mtime: (low(meta.mtime()), low(meta.mtime_nsec())),
            dev: meta.dev() as u32,
            ino: meta.ino() as u32,
            mode: if meta.mode() & 0o100 != 0 {
                MODE_EXECUTABLE
            } else {
                MODE_FILE
            },
            uid: meta.uid(),
            gid: meta.gid(),
            size: meta.size() as u32,
        }
    }

    /// No stat data, only the size: git then compares the file's content with the blob.
    /// The entry keeps its mode.
    pub(super) fn blank(size: usize) -> Stat {
        Stat {
            size: u32::try_from(size).unwrap_or(u32::MAX),
            ..Stat::default()
        }
    }

    fn write(&self, to: &mut [u8]) {
        let words = [
            self.ctime.0,
            self.ctime.1,
            self.mtime.0,
            self.mtime.1,
            self.dev,
            self.ino,
            self.mode,
            self.uid,
            self.gid,
            self.size,
        ];
        for (chunk, w) in to.chunks_exact_mut(4).zip(words) {
            chunk.copy_from_slice(&w.to_be_bytes());
        }
    }
}

/// One entry as the walk meets it.
struct Entry<'a> {
    /// Where its stat data starts.
    start: usize,
    path: &'a [u8],
    flags: u16,
    extended: u16,
}

fn word(b: &[u8], at: usize) -> Option<u32> {
    let w = b.get(at..at.checked_add(4)?)?;
    Some(u32::from_be_bytes([w[0], w[1], w[2], w[3]]))
}

fn half(b: &[u8], at: usize) -> Option<u16> {
    let w = b.get(at..at.checked_add(2)?)?;
    Some(u16::from_be_bytes([w[0], w[1]]))
}

/// git's varint (varint.c): 7 bits a byte, each continuation adding one.
fn varint(b: &[u8], at: &mut usize) -> Option<usize> {
    let mut c = *b.get(*at)?;
    *at += 1;
    let mut v = usize::from(c & 0x7f);
    while c & 0x80 != 0 {
        v = v.checked_add(1)?.checked_mul(128)?;
        c = *b.get(*at)?;
        *at += 1;
        v |= usize::from(c & 0x7f);
    }
    Some(v)
}

/// Visits every entry in file order; returns where the entries end, `None` for a file this
/// reader does not know.
fn walk(b: &[u8], mut visit: impl FnMut(&Entry) -> Option<()>) -> Option<usize> {
    if b.get(..4)? != b"DIRC" || b.len() < 12 + HASH {
        return None;
    }
    let version = word(b, 4)?;
    if !(2..=4).contains(&version) {
        return None;
    }
    let count = word(b, 8)?;
    let end = b.len() - HASH;
    let mut at = 12;
    // Version 4 names each path by what it keeps of the one before.
    let mut previous: Vec<u8> = Vec::new();
    for _ in 0..count {
        let start = at;
        let flags = half(b, start + FLAGS_AT)?;
        let mut name = start + FLAGS_AT + 2;
        let extended = if flags & EXTENDED != 0 {
            if version < 3 {
                return None;
            }
            name += 2;
            half(b, name - 2)?
        } else {
            0
        };
        if version == 4 {
            let strip = varint(b, &mut name)?;
            let len = b.get(name..end)?.iter().position(|&c| c == 0)?;
            let keep = previous.len().checked_sub(strip)?;
            previous.truncate(keep);
            previous.extend_from_slice(&b[name..name + len]);
            at = name + len + 1;
            visit(&Entry {
                start,
                path: &previous,
                flags,
                extended,
            })?;
        } else {
            let len = match flags & NAME_LENGTH {
                NAME_LENGTH => b.get(name..end)?.iter().position(|&c| c == 0)?,
                n => usize::from(n),
            };
            // The entry is padded with one to eight NULs to a multiple of eight bytes.
            at = start + ((name - start + len + 8) & !7);
            if at > end {
                return None;
            }
            visit(&Entry {
                start,
                path: b.get(name..name + len)?,
                flags,
                extended,
            })?;
        }
    }
    Some(at)
}

/// The blob id of `rel`'s entry (stage 0) in the index file `bytes`: `Some(None)` when it
/// holds none, `None` when this reader does not know the file.
pub(super) fn blob_of(bytes: &[u8], rel: &str) -> Option<Option<Oid>> {
    let mut found = None;
    let entries_end = walk(bytes, |e| {
        if e.path == rel.as_bytes() && e.flags & STAGE == 0 {
            found = Some(e.start);
        }
        Some(())
    })?;
    // The extensions must be ones this reader knows, or the file may not mean what it seems
    // (a split index keeps most entries in another file).
    extensions(bytes, entries_end)?;
    match found {
        Some(start) => Oid::from_bytes(&bytes[start + STAT..start + STAT + HASH])
            .ok()
            .map(Some),
        None => Some(None),
    }
}

/// The extensions after the entries, as (signature, body); `None` if one is mandatory
/// (lowercase: a split or sparse index) or the file is cut short.
fn extensions(b: &[u8], entries_end: usize) -> Option<Vec<([u8; 4], &[u8])>> {
    let mut at = entries_end;
    let end = b.len() - HASH;
    let mut out = Vec::new();
    while at < end {
        let sig: [u8; 4] = b.get(at..at + 4)?.try_into().ok()?;
        let len = usize::try_from(word(b, at + 4)?).ok()?;
        let body = b.get(at + 8..(at + 8).checked_add(len)?)?;
        if !sig[0].is_ascii_uppercase() {
            return None;
        }
        out.push((sig, body));
        at += 8 + len;
    }
    (at == end).then_some(out)
}

/// The new index file: `old` with `rel`'s entry set to `blob` and `stat`.
///
/// `stamp`: the old file's mtime (seconds, nanoseconds). An entry whose file changed in that
/// same instant or later looks clean by its stat data to a reader of the old file only
/// because git compares its content when the stamps are that close; in the new file, with a
/// newer stamp, it would not be. `changed(path, blob)` says whether such an entry's file
/// differs from its blob; if so, its size is zeroed so that git looks again ("racy git",
/// what `ce_smudge_racily_clean_entry` does). `keep_mode`: git does not trust the
/// executable bit, so the entry keeps its mode.
pub(super) fn with_entry(
    old: &[u8],
    rel: &str,
    blob: Oid,
    stat: Stat,
    stamp: (u32, u32),
    keep_mode: bool,
    mut changed: impl FnMut(&[u8], Oid) -> bool,
) -> Option<Vec<u8>> {
    let mut target = None;
    let mut others_at_rel = false;
    let mut racy = Vec::new();
    let entries_end = walk(old, |e| {
        if e.path == rel.as_bytes() {
            if e.flags & STAGE != 0 || target.is_some() {
                others_at_rel = true;
            }
            target = Some((e.start, e.flags, e.extended));
        } else {
            let mtime = (word(old, e.start + 8)?, word(old, e.start + 12)?);
            let size = word(old, e.start + 36)?;
            if mtime >= stamp && size != 0 && e.flags & ASSUME_VALID == 0 && e.extended == 0 {
                let id = Oid::from_bytes(&old[e.start + STAT..e.start + STAT + HASH]).ok()?;
                if changed(e.path, id) {
                    racy.push(e.start);
                }
            }
        }
        Some(())
    })?;
    let (start, flags, extended) = target?;
    // Conflicted, trusted without a look, skipped in a sparse checkout, or only intended:
    // libgit2 knows what git does with those.
    if others_at_rel || flags & ASSUME_VALID != 0 || extended != 0 {
        return None;
    }
    let old_mode = word(old, start + 24)?;
    if old_mode != MODE_FILE && old_mode != MODE_EXECUTABLE {
        return None;
    }
    let mut out = Vec::with_capacity(old.len() + 64);
    out.extend_from_slice(&old[..entries_end]);
    let mut stat = stat;
    if keep_mode || stat.mode == 0 {
        stat.mode = old_mode;
    }
    stat.write(&mut out[start..start + STAT]);
    out[start + STAT..start + STAT + HASH].copy_from_slice(blob.as_bytes());
    for at in racy {
        out[at + 36..at + 40].copy_from_slice(&0u32.to_be_bytes());
    }
    let dirs: Vec<&[u8]> = {
        let mut parts: Vec<&[u8]> = rel.as_bytes().split(|&c| c == b'/').collect();
        parts.pop();
        parts
    };
    for (sig, body) in extensions(old, entries_end)? {
        match &sig {
            b"TREE" => {
                let mut tree = Vec::with_capacity(body.len());
                let mut at = 0;
                invalidate(body, &mut at, Some(&dirs), &mut tree)?;
                if at != body.len() {
                    return None;
                }
                push_extension(&mut out, b"TREE", &tree)?;
            }
            // Untracked files and the record of resolved conflicts do not depend on a
            // tracked file's content.
            b"UNTR" | b"REUC" => push_extension(&mut out, &sig, body)?,
            // Caches of entry offsets and of a file monitor's answers: optional, and libgit2
            // drops them too; git builds them again.
            b"EOIE" | b"IEOT" | b"FSMN" => {}
            _ => return None,
        }
    }
    let checksum = &old[old.len() - HASH..];
    // `index.skipHash`: git writes no checksum, only zeros; keep it so.
    if checksum.iter().all(|&c| c == 0) {
        out.extend_from_slice(&[0; HASH]);
    } else {
        let sum = Sha1::digest(&out);
        out.extend_from_slice(&sum);
    }
    Some(out)
}

fn push_extension(out: &mut Vec<u8>, sig: &[u8; 4], body: &[u8]) -> Option<()> {
    out.extend_from_slice(sig);
    out.extend_from_slice(&u32::try_from(body.len()).ok()?.to_be_bytes());
    out.extend_from_slice(body);
    Some(())
}

/// Copies one node of the TREE extension (and its subtrees) from `b` at `at` to `out`; the
/// nodes along `path` (the directories holding the changed file, the root first) lose their
/// tree id, as `git add` leaves them (cache-tree.c, `cache_tree_invalidate_path`).
fn invalidate(b: &[u8], at: &mut usize, path: Option<&[&[u8]]>, out: &mut Vec<u8>) -> Option<()> {
    let name_end = *at + b.get(*at..)?.iter().position(|&c| c == 0)?;
    let line_end = name_end + b.get(name_end..)?.iter().position(|&c| c == b'\n')?;
    let line = std::str::from_utf8(&b[name_end + 1..line_end]).ok()?;
    let (count, subtrees) = line.split_once(' ')?;
    let count: i64 = count.parse().ok()?;
    let subtrees: usize = subtrees.parse().ok()?;
    out.extend_from_slice(&b[*at..=name_end]);
    let mut next = line_end + 1;
    let id = if count >= 0 {
        let id = b.get(next..next + HASH)?;
        next += HASH;
        Some(id)
    } else {
        None
    };
    match (path, id) {
        (Some(_), _) | (None, None) => out.extend_from_slice(format!("-1 {subtrees}\n").as_bytes()),
        (None, Some(id)) => {
            out.extend_from_slice(format!("{count} {subtrees}\n").as_bytes());
            out.extend_from_slice(id);
        }
    }
    *at = next;
    for _ in 0..subtrees {
        let child_end = *at + b.get(*at..)?.iter().position(|&c| c == 0)?;
        let child = &b[*at..child_end];
        let below = path.and_then(|p| match p.split_first() {
            Some((first, rest)) if *first == child => Some(rest),
            _ => None,
        });
        invalidate(b, at, below, out)?;
    }
    Some(())
}

/// The id git gives a blob of `bytes`.
pub(super) fn blob_id(bytes: &[u8]) -> Oid {
    let mut h = Sha1::new();
    h.update(format!("blob {}\0", bytes.len()).as_bytes());
    h.update(bytes);
    let sum: [u8; HASH] = h.finalize().into();
    // Twenty bytes always make an id.
    Oid::from_bytes(&sum).unwrap_or_else(|_| Oid::zero())
}

/// What [`stage`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Staged {
    Done,
    /// The index is one this reader leaves to libgit2; nothing was written.
    Unknown,
    /// Another program holds `index.lock`; nothing was written.
    Locked,
}

/// Sets `rel`'s entry in the repository's index to `blob` and `stat`, under git's
/// `index.lock`, written whole and renamed into place as git does.
#[cfg(unix)]
pub(super) fn stage(
    git: &git2::Repository,
    rel: &str,
    blob: Oid,
    stat: Stat,
) -> std::io::Result<Staged> {
    use std::io::Write;
    use std::os::unix::ffi::OsStrExt;
    let path = git.path().join("index");
    let lock = LockFile(git.path().join("index.lock"));
    let mut file = match std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&lock.0)
    {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            std::mem::forget(lock);
            return Ok(Staged::Locked);
        }
        Err(e) => {
            std::mem::forget(lock);
            return Err(e);
        }
    };
    // Read under the lock: no git writes it meanwhile.
    let old = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Staged::Unknown),
        Err(e) => return Err(e),
    };
    let stamp = {
        use std::os::unix::fs::MetadataExt;
        let m = std::fs::metadata(&path)?;
        (m.mtime() as u32, m.mtime_nsec() as u32)
    };
    let keep_mode = !git
        .config()
        .and_then(|c| c.get_bool("core.filemode"))
        .unwrap_or(true);
    let workdir = git.workdir();
    let changed = |p: &[u8], id: Oid| match workdir {
        Some(w) => std::fs::read(w.join(std::ffi::OsStr::from_bytes(p)))
            .map_or(true, |b| blob_id(&b) != id),
        None => false,
    };
    let Some(new) = with_entry(&old, rel, blob, stat, stamp, keep_mode, changed) else {
        return Ok(Staged::Unknown);
    };
    file.write_all(&new)?;
    drop(file);
    std::fs::rename(&lock.0, &path)?;
    std::mem::forget(lock);
    Ok(Staged::Done)
}

/// Elsewhere than on Unix the stat data is not at hand: libgit2 writes the index.
#[cfg(not(unix))]
pub(super) fn stage(_: &git2::Repository, _: &str, _: Oid, _: Stat) -> std::io::Result<Staged> {
    Ok(Staged::Unknown)
}

/// `index.lock` while this process holds it; removed when dropped before the rename.
struct LockFile(std::path::PathBuf);

impl Drop for LockFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

#[cfg(test)]
mod tests;
