//! Objects read straight from git's pack files, for the walks down a long history.
//!
//! A first `log` or `blame` reads 20,000 commits and a few thousand trees and blobs. Through
//! libgit2 most of that was setting up a zlib stream and object bookkeeping for each 300-byte
//! commit, and libgit2 lets one thread at a time into a pack. Here version-2 pack indexes and
//! their packs are mapped into memory, an object is inflated by libdeflate in one call (its
//! size is in its header), and deltas are resolved with a small cache of recent bases; any
//! number of threads may read at once, each with its own [`Reader`].
//!
//! This is a fast path only: an object it cannot read here (a loose object, another index
//! version, a damaged entry) is `None`, and the caller asks libgit2 (`store::objects`).

use foldhash::HashMap;
use git2::{ObjectType, Oid};
use memmap2::Mmap;
use std::collections::VecDeque;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// An object's type and its bytes (shared: a delta base is kept while callers hold it; a
/// `Vec` inside, so that the bytes inflated are not copied again).
pub(super) type Object = (ObjectType, Arc<Vec<u8>>);

/// The pack files of a repository (and of its alternates), mapped.
pub(super) struct Packs {
    packs: Vec<Pack>,
}

/// One pack: its index (`.idx`, version 2) and its data (`.pack`).
struct Pack {
    idx: Mmap,
    data: Mmap,
    count: usize,
}

/// The index's header and its fan-out table (256 counts), before the sorted object ids.
const NAMES: usize = 8 + 256 * 4;
/// Deltas followed at most, against a damaged pack whose bases point at each other.
const MAX_CHAIN: usize = 10_000;
/// Objects larger than this are left to libgit2 rather than allocated here at once.
const MAX_OBJECT: usize = 1 << 30;

impl Packs {
    /// The packs under `objects` (`.git/objects`) and under the object folders its
    /// `info/alternates` names; one that cannot be read is left out.
    pub(super) fn open(objects: &Path) -> Packs {
        let mut dirs = vec![objects.to_path_buf()];
        if let Ok(list) = std::fs::read_to_string(objects.join("info/alternates")) {
            dirs.extend(
                list.lines()
                    .map(str::trim)
                    .filter(|l| !l.is_empty() && !l.starts_with('#'))
                    .map(|l| objects.join(l)),
            );
        }
        let mut idx_files: Vec<PathBuf> = dirs
            .iter()
            .filter_map(|d| std::fs::read_dir(d.join("pack")).ok())
            .flatten()
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "idx"))
            .collect();
        // Newest first is what git does; any order is correct, the name keeps runs alike.
        idx_files.sort();
        Packs {
            packs: idx_files.iter().filter_map(|p| Pack::open(p)).collect(),
        }
    }

    /// Where object `id` is: its pack and the offset of its entry there.
    fn locate(&self, id: &[u8]) -> Option<(usize, usize)> {
        self.packs
            .iter()
            .enumerate()
            .find_map(|(i, p)| p.offset_of(id).map(|at| (i, at)))
    }

    /// Object `id`, when a pack here holds it and it reads cleanly.
    pub(super) fn read(&self, id: Oid, reader: &mut Reader) -> Option<Object> {
        let (pack, at) = self.locate(id.as_bytes())?;
        self.read_at(pack, at, reader)
    }

    /// The object whose entry is at `at` in pack `pack`: the deltas down to a whole object
    /// (or one kept from an earlier read) are gathered, then applied from the base up.
    fn read_at(&self, mut pack: usize, mut at: usize, reader: &mut Reader) -> Option<Object> {
        let mut deltas: Vec<(usize, usize, Vec<u8>)> = Vec::new();
        let (kind, mut data) = loop {
            if let Some(o) = reader.bases.get(pack, at) {
                break o;
            }
            if deltas.len() > MAX_CHAIN {
                return None;
            }
            let p = self.packs.get(pack)?;
            match p.entry(at)? {
                Entry::Whole { kind, size, z } => {
                    let o: Object = (kind, Arc::new(reader.inflate(z, size)?));
                    if kind != ObjectType::Commit {
                        reader.bases.put(pack, at, &o);
                    }
                    break o;
                }
                Entry::OfsDelta { base, size, z } => {
                    deltas.push((pack, at, reader.inflate(z, size)?));
                    at = base;
                }
                Entry::RefDelta { base, size, z } => {
                    deltas.push((pack, at, reader.inflate(z, size)?));
                    (pack, at) = self.locate(base)?;
                }
            }
        };
        while let Some((p, a, delta)) = deltas.pop() {
            data = Arc::new(apply_delta(&data, &delta)?);
            // Older versions of a tree or a file are stored as deltas of newer ones: a walk
            // from the newest down reads each as the base of the next.
            if kind != ObjectType::Commit {
                reader.bases.put(p, a, &(kind, Arc::clone(&data)));
            }
        }
        Some((kind, data))
    }
}

/// What one thread needs to read objects: an inflater and the bases it has resolved.
pub(super) struct Reader {
    inflater: libdeflater::Decompressor,
    bases: Bases,
}

impl Reader {
    /// A reader with no bases kept yet.
    pub(super) fn new() -> Reader {
        Reader {
            inflater: libdeflater::Decompressor::new(),
            bases: Bases::default(),
        }
    }

    /// The `size` bytes the zlib stream at the start of `z` inflates to (the stream may be
    /// followed by the next entry); `None` when it does not give exactly that many.
    fn inflate(&mut self, z: &[u8], size: usize) -> Option<Vec<u8>> {
        // Deflate expands at most 1032 to 1: a size beyond that is a damaged header.
        if size > MAX_OBJECT || size > z.len().saturating_mul(1032) {
            return None;
        }
        let mut out = vec![0; size];
        match self.inflater.zlib_decompress(z, &mut out) {
            Ok(n) if n == size => Some(out),
            _ => None,
        }
    }
}

/// Recently resolved objects by (pack, offset), up to a budget of bytes, oldest dropped first.
#[derive(Default)]
struct Bases {
    by_at: HashMap<(usize, usize), Object>,
    order: VecDeque<(usize, usize)>,
    bytes: usize,
}

/// Bytes of bases kept per reader: a dozen versions of a 70 kB tree, fifty of a 20 kB record.
const BASES_BUDGET: usize = 1 << 20;

impl Bases {
    fn get(&self, pack: usize, at: usize) -> Option<Object> {
        self.by_at
            .get(&(pack, at))
            .map(|(k, d)| (*k, Arc::clone(d)))
    }

    fn put(&mut self, pack: usize, at: usize, o: &Object) {
        let len = o.1.len();
        if len > BASES_BUDGET / 4 || self.by_at.contains_key(&(pack, at)) {
            return;
        }
        while self.bytes + len > BASES_BUDGET {
            let Some(old) = self.order.pop_front() else {
                break;
            };
            if let Some((_, d)) = self.by_at.remove(&old) {
                self.bytes -= d.len();
            }
        }
        self.by_at.insert((pack, at), (o.0, Arc::clone(&o.1)));
        self.order.push_back((pack, at));
        self.bytes += len;
    }
}

/// A pack entry: a whole object or a delta against a base, with its zlib stream (which runs
/// on into the next entry).
enum Entry<'p> {
    Whole {
        kind: ObjectType,
        size: usize,
        z: &'p [u8],
    },
    OfsDelta {
        base: usize,
        size: usize,
        z: &'p [u8],
    },
    RefDelta {
        base: &'p [u8],
        size: usize,
        z: &'p [u8],
    },
}

fn map(path: &Path) -> Option<Mmap> {
    let file = std::fs::File::open(path).ok()?;
    // SAFETY: git never rewrites a pack or its index in place: a repack writes new files and
    // deletes the old ones, which a mapping outlives. A file another program truncates while
    // mapped would fault here as it would in git and libgit2, which map packs the same way.
    unsafe { Mmap::map(&file) }.ok()
}

fn be32(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_be_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

fn be64(b: &[u8], at: usize) -> Option<u64> {
    Some(u64::from_be_bytes(b.get(at..at + 8)?.try_into().ok()?))
}

impl Pack {
    fn open(idx_path: &Path) -> Option<Pack> {
        let idx = map(idx_path)?;
        let data = map(&idx_path.with_extension("pack"))?;
        if idx.get(..8)? != b"\xfftOc\0\0\0\x02" || data.get(..4)? != b"PACK" {
            return None;
        }
        let count = usize::try_from(be32(&idx, NAMES - 4)?).ok()?;
        // Ids (20 bytes), checksums (4) and offsets (4) per object, then the two checksums.
        if idx.len() < NAMES.checked_add(count.checked_mul(28)?)?.checked_add(40)? {
            return None;
        }
        Some(Pack { idx, data, count })
    }

    /// The offset in the pack of the entry of object `id`, by binary search of the index.
    fn offset_of(&self, id: &[u8]) -> Option<usize> {
        let first = usize::from(*id.first()?);
        let mut lo = match first {
            0 => 0,
            f => be32(&self.idx, 8 + (f - 1) * 4)? as usize,
        };
        let mut hi = (be32(&self.idx, 8 + first * 4)? as usize).min(self.count);
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            let name = self.idx.get(NAMES + mid * 20..NAMES + mid * 20 + 20)?;
            match name.cmp(id) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => {
                    let small = be32(&self.idx, NAMES + self.count * 24 + mid * 4)?;
                    if small & 0x8000_0000 == 0 {
                        return usize::try_from(small).ok();
                    }
                    let large = NAMES + self.count * 28 + (small & 0x7fff_ffff) as usize * 8;
                    return usize::try_from(be64(&self.idx, large)?).ok();
                }
            }
        }
        None
    }

    /// The entry at `at`: its type and size (a little-endian base-128 number after the type's
    /// three bits), the delta's base, then the zlib stream.
    fn entry(&self, at: usize) -> Option<Entry<'_>> {
        let d: &[u8] = &self.data;
        let mut i = at;
        let mut c = *d.get(i)?;
        i += 1;
        let kind = (c >> 4) & 7;
        let mut size = u64::from(c & 15);
        let mut shift = 4;
        while c & 0x80 != 0 {
            c = *d.get(i)?;
            i += 1;
            if shift > 57 {
                return None;
            }
            size |= u64::from(c & 0x7f) << shift;
            shift += 7;
        }
        let size = usize::try_from(size).ok()?;
        let whole = |kind| {
            Some(Entry::Whole {
                kind,
                size,
                z: d.get(i..)?,
            })
        };
        match kind {
            1 => whole(ObjectType::Commit),
            2 => whole(ObjectType::Tree),
            3 => whole(ObjectType::Blob),
            4 => whole(ObjectType::Tag),
            6 => {
                // The distance back to the base, in git's "offset encoding" (each further byte
                // adds one before shifting, so that no distance has two spellings).
                let mut c = *d.get(i)?;
                i += 1;
                let mut back = usize::from(c & 0x7f);
                while c & 0x80 != 0 {
                    c = *d.get(i)?;
                    i += 1;
                    back = back.checked_add(1)?.checked_mul(128)? | usize::from(c & 0x7f);
                }
                if back == 0 {
                    return None;
                }
                Some(Entry::OfsDelta {
                    base: at.checked_sub(back)?,
                    size,
                    z: d.get(i..)?,
                })
            }
            7 => Some(Entry::RefDelta {
                base: d.get(i..i + 20)?,
                size,
                z: d.get(i + 20..)?,
            }),
            _ => None,
        }
    }
}

/// A little-endian base-128 number of a delta's header, and where the rest starts.
fn varint(b: &[u8], mut i: usize) -> Option<(usize, usize)> {
    let mut n = 0usize;
    let mut shift = 0;
    loop {
        let c = *b.get(i)?;
        i += 1;
        if shift > 57 {
            return None;
        }
        n |= usize::from(c & 0x7f) << shift;
        shift += 7;
        if c & 0x80 == 0 {
            return Some((n, i));
        }
    }
}

/// `base` with git's delta applied: the sizes of the base and of the result, then
/// instructions that copy a range of the base or insert the bytes that follow them.
pub(super) fn apply_delta(base: &[u8], delta: &[u8]) -> Option<Vec<u8>> {
    let (base_len, i) = varint(delta, 0)?;
    let (out_len, mut i) = varint(delta, i)?;
    if base_len != base.len() || out_len > MAX_OBJECT {
        return None;
    }
    let mut out = Vec::with_capacity(out_len);
    while i < delta.len() {
        let op = delta[i];
        i += 1;
        if op & 0x80 != 0 {
            let mut from = 0usize;
            let mut len = 0usize;
            for k in 0..4 {
                if op & (1 << k) != 0 {
                    from |= usize::from(*delta.get(i)?) << (8 * k);
                    i += 1;
                }
            }
            for k in 0..3 {
                if op & (0x10 << k) != 0 {
                    len |= usize::from(*delta.get(i)?) << (8 * k);
                    i += 1;
                }
            }
            if len == 0 {
                len = 0x10000;
            }
            out.extend_from_slice(base.get(from..from.checked_add(len)?)?);
        } else if op != 0 {
            let len = usize::from(op);
            out.extend_from_slice(delta.get(i..i + len)?);
            i += len;
        } else {
            return None;
        }
        if out.len() > out_len {
            return None;
        }
    }
    (out.len() == out_len).then_some(out)
}

#[cfg(test)]
mod tests;
