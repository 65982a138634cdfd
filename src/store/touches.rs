//! Which commits changed a record: the walks down the history that `log`, `blame` and the
//! team's history share, through the `Record:` trailers where they can be trusted and through
//! every tree where not.

use super::git_error;
use super::objects::Objects;
use super::parents_ahead::ParentsAhead;
use crate::error::Result;
use foldhash::{HashMap, HashMapExt};
use git2::Oid;

/// A commit that changed the record, with the record's blob there.
pub(super) struct Touch {
    pub id: Oid,
    pub blob: Option<Oid>,
}

/// The entry `name` of a tree in git's raw tree format (`MODE NAME\0<20-byte id>`…).
/// Scanning the bytes avoids building the whole entry list of a large tree, which was most
/// of the time of walking 20,000 commits.
fn raw_entry(data: &[u8], name: &[u8]) -> Option<Oid> {
    let mut rest = data;
    while !rest.is_empty() {
        let space = rest.iter().position(|&b| b == b' ')?;
        let nul = space + 1 + rest[space + 1..].iter().position(|&b| b == 0)?;
        let id = rest.get(nul + 1..nul + 21)?;
        if &rest[space + 1..nul] == name {
            return Oid::from_bytes(id).ok();
        }
        rest = &rest[nul + 21..];
    }
    None
}

/// Finds the blob at a path in commits' trees, remembering every tree already looked into.
pub(super) struct PathLookup<'r> {
    /// Also the walks' reader of commits.
    pub objects: Objects<'r>,
    parts: Vec<Vec<u8>>,
    /// Per level: tree id → the id of the entry at that level.
    memo: Vec<HashMap<Oid, Option<Oid>>>,
}

impl<'r> PathLookup<'r> {
    /// A lookup of `rel` (`records/DEPT/YEAR.toml`) in the trees of `git`.
    pub(super) fn new(git: &'r git2::Repository, rel: &str) -> Result<PathLookup<'r>> {
        let parts: Vec<Vec<u8>> = rel.split('/').map(|p| p.as_bytes().to_vec()).collect();
        Ok(PathLookup {
            objects: Objects::new(git),
            memo: vec![HashMap::new(); parts.len()],
            parts,
        })
    }

    /// The id at the path under tree `root` (a blob id when the path is a file).
    pub(super) fn find(&mut self, root: Oid) -> Result<Option<Oid>> {
        let mut at = root;
        for level in 0..self.parts.len() {
            let next = match self.memo[level].get(&at) {
                Some(n) => *n,
                None => {
                    let (kind, data) = self.objects.read(at, crate::text::store::READ_TREE)?;
                    let n = if kind == git2::ObjectType::Tree {
                        raw_entry(&data, &self.parts[level])
                    } else {
                        None
                    };
                    self.memo[level].insert(at, n);
                    n
                }
            };
            match next {
                Some(n) => at = n,
                None => return Ok(None),
            }
        }
        Ok(Some(at))
    }
}

/// The `Record:` trailer of a commit message: a `Record: …` line of its last paragraph, the
/// subject excepted.
///
/// The walks read this for every commit of the history, and git's whole trailer grammar
/// (libgit2's parser, and a string for every trailer) was a tenth of a first `log`. A message
/// this reads otherwise than git only costs time: a commit taken for the record's has its tree
/// read, and one taken for another record's that changed it breaks the chain of blobs the
/// walks check, so that every tree is read.
pub(super) fn record_trailer(message: &str) -> Option<String> {
    let (_, last) = message.trim_end().rsplit_once("\n\n")?;
    last.lines().find_map(|line| {
        let (key, value) = line.split_once(':')?;
        (key.trim() == "Record").then(|| value.trim().to_string())
    })
}

/// Every commit reachable from HEAD that changed `rel` (the file of record `record`),
/// newest first.
///
/// A jixiao save changes only the record its `Record:` trailer names, so by default the trees
/// of single-parent commits whose trailer names another record are not read: on the
/// benchmark repository that skips 19,000 of 20,000 tree lookups. The shortcut is verified:
/// the record's blob at HEAD must be that of the newest revision found, the blob in the parent
/// of each revision found that of the next older one, and the oldest must have created the
/// file. A history with merges is walked the same way along every line of descent
/// (`touches_by_trailer_merged`). Any mismatch (a commit amended by hand to change more than
/// its trailer says) falls back to reading every commit's tree, as `trust_trailers = false`
/// always does. What the check cannot see is a pair of such hidden changes that cancel out
/// between two revisions found: `--rescore` reads every tree.
pub(super) fn touches(
    git: &git2::Repository,
    rel: &str,
    record: &str,
    trust_trailers: bool,
) -> Result<Vec<Touch>> {
    touches_seen(git, rel, record, trust_trailers, &mut |_, _| {})
}

/// [`touches`], telling `seen` the commit and blob of each likely revision as the walk through
/// the trailers meets it, newest first, before the walk is over and checked: a commit named
/// may turn out not to have changed the record, and a walk that falls back tells nothing more.
pub(super) fn touches_seen(
    git: &git2::Repository,
    rel: &str,
    record: &str,
    trust_trailers: bool,
    seen: &mut dyn FnMut(Oid, Oid),
) -> Result<Vec<Touch>> {
    if trust_trailers {
        if let Some(found) = touches_by_trailer(git, rel, record, seen)? {
            return Ok(found);
        }
        // A history with merges (every sync that merges makes one).
        if let Some(found) = touches_by_trailer_merged(git, rel, record)? {
            return Ok(found);
        }
    }
    let mut lookup = PathLookup::new(git, rel)?;
    let mut memo: HashMap<Oid, Option<Oid>> = HashMap::new();
    let mut blob_of = |id: Oid| -> Result<Option<Oid>> {
        if let Some(b) = memo.get(&id) {
            return Ok(*b);
        }
        let tree = lookup.objects.commit(id)?.tree;
        let b = lookup.find(tree)?;
        memo.insert(id, b);
        Ok(b)
    };
    let mut out = Vec::new();
    for id in walk(git)? {
        let id = id.map_err(|e| git_error(crate::text::store::WALK_HISTORY, e))?;
        let commit = git
            .find_commit(id)
            .map_err(|e| git_error(crate::text::store::READ_COMMIT, e))?;
        let blob = blob_of(id)?;
        let mut changed = true;
        for p in commit.parent_ids() {
            if blob_of(p)? == blob {
                changed = false;
                break;
            }
        }
        // A commit without the record whose parents lacked it too is not about it.
        if changed && (blob.is_some() || commit.parent_count() > 0) {
            out.push(Touch { id, blob });
        }
    }
    Ok(out)
}

fn walk(git: &git2::Repository) -> Result<git2::Revwalk<'_>> {
    let mut walk = git
        .revwalk()
        .map_err(|e| git_error(crate::text::store::WALK_HISTORY, e))?;
    let head = match git.head().and_then(|h| h.peel_to_commit()) {
        Ok(c) => c.id(),
        Err(_) => return Ok(walk),
    };
    walk.set_sorting(git2::Sort::TOPOLOGICAL | git2::Sort::TIME)
        .and_then(|_| walk.push(head))
        .map_err(|e| git_error(crate::text::store::WALK_HISTORY, e))?;
    Ok(walk)
}

/// The revisions found through the trailers, or `None` when that cannot be trusted here.
///
/// Each commit is read once: a revision's parent comes next in the walk (the history is
/// linear here, a merge falls back), so the record's blob in the parent is looked up when the
/// walk reaches it rather than by reading the parent commit a second time.
fn touches_by_trailer(
    git: &git2::Repository,
    rel: &str,
    record: &str,
    seen: &mut dyn FnMut(Oid, Oid),
) -> Result<Option<Vec<Touch>>> {
    let mut lookup = PathLookup::new(git, rel)?;
    // (revision, blob there, its parent's id); then each parent's blob, once walked.
    let mut found: Vec<(Touch, Option<Oid>)> = Vec::new();
    let mut wanted: HashMap<Oid, Option<Oid>> = HashMap::new();
    let mut at_head = None;
    // Down the parents from HEAD rather than through a revision walk, which reads every
    // commit once to sort them and once more here (libgit2 keeps no object cache for us),
    // and only down to the HEAD of the last answer kept, whose revisions still hold.
    let head = git
        .head()
        .and_then(|h| h.peel_to_commit())
        .ok()
        .map(|c| c.id());
    let kept = super::history_cache::load(git, record);
    let mut older: Vec<Touch> = Vec::new();
    // The record's blob where the walk met the kept HEAD (none: the walk reached the root).
    let mut below = None;
    let mut next = head;
    let mut n = 0usize;
    // With nothing kept, the walk goes down to the root: its commits are read on another core.
    let linear = std::thread::scope(|s| -> Result<bool> {
        let mut parents = ParentsAhead::start(s, git, head, kept.is_none());
        while let Some(id) = next {
            if let Some(k) = &kept
                && k.head == id
            {
                let blob = k.head_blob;
                if n == 0 {
                    at_head = blob;
                }
                if let Some(b) = wanted.get_mut(&id) {
                    *b = blob;
                }
                below = blob;
                older = k
                    .revs
                    .iter()
                    .map(|t| Touch {
                        id: t.id,
                        blob: t.blob,
                    })
                    .collect();
                break;
            }
            let commit = parents.commit(id, &mut lookup.objects)?;
            if commit.parents.len() > 1 {
                return Ok(false);
            }
            next = commit.parents.first().copied();
            let is_parent = wanted.contains_key(&id);
            let names = std::str::from_utf8(commit.message_bytes())
                .ok()
                .and_then(record_trailer);
            let ours = names.is_none_or(|r| r == record);
            let blob = if n == 0 || is_parent || ours {
                lookup.find(commit.tree)?
            } else {
                None
            };
            if n == 0 {
                at_head = blob;
            }
            if is_parent {
                wanted.insert(id, blob);
            }
            if ours {
                let parent = next;
                if let Some(p) = parent {
                    wanted.entry(p).or_insert(None);
                }
                if let Some(b) = blob {
                    seen(id, b);
                }
                found.push((Touch { id, blob }, parent));
            }
            n += 1;
        }
        Ok(true)
    })?;
    if !linear {
        return Ok(None);
    }
    // A commit that named the record without changing it is not a revision.
    let parent_blob = |p: Option<Oid>| p.and_then(|p| wanted.get(&p).copied().flatten());
    found.retain(|(t, parent)| t.blob != parent_blob(*parent));
    // The newest revision found must be what HEAD holds, each one's parent must hold the
    // next older one, and the oldest must have created the file (or its parent hold what the
    // kept HEAD held, whose revisions were checked so when they were found).
    let newest = found.first().map_or(below, |(t, _)| t.blob);
    let chained = newest == at_head
        && found
            .iter()
            .zip(found.iter().skip(1).map(|(t, _)| t.blob).chain([below]))
            .all(|((_, parent), older)| parent_blob(*parent) == older);
    if !chained {
        return Ok(None);
    }
    let mut all: Vec<Touch> = found.into_iter().map(|(t, _)| t).collect();
    all.extend(older);
    if let Some(h) = head
        && kept.as_ref().is_none_or(|k| k.head != h)
    {
        super::history_cache::save(git, record, h, at_head, &all);
    }
    Ok(Some(all))
}

/// The revisions found through the trailers in a history that may hold merges, in the order
/// of the walk of every tree (`touches`), or `None` when that cannot be trusted; the answer is
/// kept with HEAD as the linear walk's is.
///
/// Every commit is read once, for its parents and its trailer; trees only of the commits that
/// can have changed the record (those naming it or no record, merges, roots), of their parents
/// and of HEAD. The check is the linear walk's, along each line of descent: every tree read
/// must hold what the nearest commit below it that may change the record holds.
fn touches_by_trailer_merged(
    git: &git2::Repository,
    rel: &str,
    record: &str,
) -> Result<Option<Vec<Touch>>> {
    /// A commit: its parents, its tree, and whether it may change the record.
    struct Node {
        parents: Vec<Oid>,
        tree: Oid,
        ours: bool,
    }
    let mut order = Vec::new();
    let mut nodes: HashMap<Oid, Node> = HashMap::new();
    let mut lookup = PathLookup::new(git, rel)?;
    for id in walk(git)? {
        let id = id.map_err(|e| git_error(crate::text::store::WALK_HISTORY, e))?;
        let commit = lookup.objects.commit(id)?;
        let names = std::str::from_utf8(commit.message_bytes())
            .ok()
            .and_then(record_trailer);
        let ours = commit.parents.len() != 1 || names.is_none_or(|r| r == record);
        let node = Node {
            parents: commit.parents,
            tree: commit.tree,
            ours,
        };
        nodes.insert(id, node);
        order.push(id);
    }
    // The trees to read: of each commit that may change the record and of its parents, and
    // of HEAD.
    let mut blobs: HashMap<Oid, Option<Oid>> = HashMap::new();
    let wanted = order
        .iter()
        .filter(|id| nodes[*id].ours)
        .flat_map(|id| std::iter::once(id).chain(&nodes[id].parents))
        .chain(order.first());
    for id in wanted {
        if !blobs.contains_key(id)
            && let Some(n) = nodes.get(id)
        {
            blobs.insert(*id, lookup.find(n.tree)?);
        }
    }
    // Parents first: what each commit holds if only the commits that may change it did.
    let mut carried: HashMap<Oid, Option<Oid>> = HashMap::new();
    for id in order.iter().rev() {
        let n = &nodes[id];
        let held = if n.ours {
            blobs.get(id).copied().flatten()
        } else {
            match n.parents.first().map(|p| carried.get(p)) {
                Some(Some(b)) => *b,
                Some(None) => return Ok(None),
                None => None,
            }
        };
        if blobs.get(id).is_some_and(|b| *b != held) {
            return Ok(None);
        }
        carried.insert(*id, held);
    }
    let blob_at = |id: &Oid| blobs.get(id).copied().flatten();
    let found: Vec<Touch> = order
        .iter()
        .filter(|id| {
            let n = &nodes[*id];
            let blob = blob_at(id);
            n.ours
                && n.parents.iter().all(|p| blob_at(p) != blob)
                && (blob.is_some() || !n.parents.is_empty())
        })
        .map(|id| Touch {
            id: *id,
            blob: blob_at(id),
        })
        .collect();
    if let Some(&head) = order.first() {
        super::history_cache::save(git, record, head, blob_at(&head), &found);
    }
    Ok(Some(found))
}

#[cfg(test)]
mod tests;
