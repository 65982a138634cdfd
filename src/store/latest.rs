//! The last save of every record, for the home screen: comparing tree ids level by level
//! (records/ → DEPT/ → YEAR.toml) instead of diffing whole trees, and remembering the answer.
//!
//! The answer for a HEAD is kept in `.git/jixiao/cache/last-saves.json`. When HEAD has moved
//! on from the commit the cache was made at, only the commits since are walked; when HEAD no
//! longer descends from it (history rewritten, another branch checked out), or the file is
//! missing or unreadable, the whole history is walked again. The cache is only ever an answer
//! for one commit id, so it cannot be stale: at worst it is not used.

use super::{Time, git_error, open};
use crate::error::Result;
use crate::repo::Repo;
use git2::{Oid, Tree};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

/// Who saved a record last, and when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LastSave {
    pub rev: String,
    pub author: String,
    pub time: Time,
}

/// The cache file's contents.
#[derive(Serialize, Deserialize)]
struct Cache {
    version: u32,
    head: String,
    saves: BTreeMap<String, Saved>,
}

#[derive(Serialize, Deserialize)]
struct Saved {
    rev: String,
    author: String,
    secs: i64,
    offset: i32,
}

/// 2: a last save is the commit that made the text HEAD holds.
const VERSION: u32 = 2;

/// The entries of a tree by name, with their object ids.
fn entries(tree: Option<&Tree>) -> HashMap<String, Oid> {
    tree.map(|t| {
        t.iter()
            .filter_map(|e| Some((e.name()?.to_string(), e.id())))
            .collect()
    })
    .unwrap_or_default()
}

fn sub_tree<'r>(git: &'r git2::Repository, tree: Option<&Tree>, path: &str) -> Option<Tree<'r>> {
    tree.and_then(|t| t.get_path(std::path::Path::new(path)).ok())
        .and_then(|e| e.to_object(git).ok())
        .and_then(|o| o.into_tree().ok())
}

fn cache_path(git: &git2::Repository) -> PathBuf {
    super::cache::file(git, "last-saves.json")
}

/// The cached answer, if the file is there and readable.
fn read_cache(git: &git2::Repository) -> Option<(Oid, BTreeMap<String, LastSave>)> {
    let c: Cache = super::cache::read(&cache_path(git))?;
    if c.version != VERSION {
        return None;
    }
    let head = Oid::from_str(&c.head).ok()?;
    let saves = c
        .saves
        .into_iter()
        .map(|(p, s)| {
            let time = Time::new(s.secs, s.offset);
            let save = LastSave {
                rev: s.rev,
                author: s.author,
                time,
            };
            (p, save)
        })
        .collect();
    Some((head, saves))
}

/// Keeps the answer for `head`; a cache that cannot be written only costs the next walk.
fn write_cache(git: &git2::Repository, head: Oid, saves: &BTreeMap<String, LastSave>) {
    let c = Cache {
        version: VERSION,
        head: head.to_string(),
        saves: saves
            .iter()
            .map(|(p, s)| {
                let saved = Saved {
                    rev: s.rev.clone(),
                    author: s.author.clone(),
                    secs: s.time.secs,
                    offset: s.time.offset_minutes,
                };
                (p.clone(), saved)
            })
            .collect(),
    };
    super::cache::write(&cache_path(git), &c);
}

/// Every record file (`records/DEPT/YEAR.toml`) in `tree`, with its blob.
fn record_blobs(git: &git2::Repository, tree: Option<&Tree>) -> HashMap<String, Oid> {
    let mut out = HashMap::new();
    if let Some(records) = sub_tree(git, tree, "records") {
        for d in records.iter() {
            let dept = d.name().unwrap_or_default();
            if let Some(t) = sub_tree(git, Some(&records), dept) {
                for f in t.iter() {
                    let path = format!("records/{dept}/{}", f.name().unwrap_or_default());
                    out.insert(path, f.id());
                }
            }
        }
    }
    out
}

/// For every record file (`records/DEPT/YEAR.toml`) at HEAD, its last save.
pub fn last_saves(repo: &Repo) -> Result<BTreeMap<String, LastSave>> {
    let git = open(repo)?;
    let Ok(head) = git.head().and_then(|h| h.peel_to_commit()) else {
        return Ok(BTreeMap::new());
    };
    let cached = read_cache(&git);
    if let Some((at, saves)) = &cached
        && *at == head.id()
    {
        return Ok(saves.clone());
    }
    // A record's last save is the commit that made the text HEAD holds: below a merge, a
    // newer commit on the other side may have made a text the merge did not keep.
    let wanted = record_blobs(&git, head.tree().ok().as_ref());
    // Only the commits since the cached one, when HEAD descends from it.
    let since = cached.filter(|(at, _)| git.graph_descendant_of(head.id(), *at).unwrap_or(false));
    let mut out = walk(&git, head.id(), since.as_ref().map(|(at, _)| *at), &wanted)?;
    if let Some((at, before)) = since {
        // A record no commit since has made keeps its last save if its text is the one it
        // had at the cached commit.
        let then = git
            .find_commit(at)
            .ok()
            .map(|c| record_blobs(&git, c.tree().ok().as_ref()))
            .unwrap_or_default();
        for (path, blob) in &wanted {
            if !out.contains_key(path)
                && then.get(path) == Some(blob)
                && let Some(s) = before.get(path)
            {
                out.insert(path.clone(), s.clone());
            }
        }
    }
    // A record whose history the walk since the cache did not reach (its text came back
    // from below the cached commit, or a cache made by an older jixiao): walk everything.
    if wanted.keys().any(|p| !out.contains_key(p)) {
        out = walk(&git, head.id(), None, &wanted)?;
    }
    write_cache(&git, head.id(), &out);
    Ok(out)
}

/// Walks from `head` (not into `hide` and its ancestors) until every `wanted` record (path →
/// its blob at `head`) is found: the newest commit that made that blob.
fn walk(
    git: &git2::Repository,
    head: Oid,
    hide: Option<Oid>,
    wanted: &HashMap<String, Oid>,
) -> Result<BTreeMap<String, LastSave>> {
    let mut out = BTreeMap::new();
    let mut walk = git
        .revwalk()
        .map_err(|e| git_error(crate::text::store::WALK_HISTORY, e))?;
    walk.set_sorting(git2::Sort::TOPOLOGICAL | git2::Sort::TIME)
        .and_then(|_| walk.push(head))
        .and_then(|_| hide.map_or(Ok(()), |h| walk.hide(h)))
        .map_err(|e| git_error(crate::text::store::WALK_HISTORY, e))?;
    for id in walk {
        if out.len() >= wanted.len() {
            break;
        }
        let id = id.map_err(|e| git_error(crate::text::store::WALK_HISTORY, e))?;
        let c = git
            .find_commit(id)
            .map_err(|e| git_error(crate::text::store::READ_COMMIT, e))?;
        let tree = c.tree().ok();
        let parent_tree = c.parent(0).ok().and_then(|p| p.tree().ok());
        let here = tree
            .as_ref()
            .and_then(|t| t.get_name("records").map(|e| e.id()));
        let before = parent_tree
            .as_ref()
            .and_then(|t| t.get_name("records").map(|e| e.id()));
        if here == before {
            continue;
        }
        // Read each `records/` tree once per commit, then only the departments that changed.
        let records = sub_tree(git, tree.as_ref(), "records");
        let old_records = sub_tree(git, parent_tree.as_ref(), "records");
        let old_depts = entries(old_records.as_ref());
        for (dept, dept_id) in &entries(records.as_ref()) {
            if old_depts.get(dept) == Some(dept_id) {
                continue;
            }
            let years = entries(sub_tree(git, records.as_ref(), dept).as_ref());
            let old_years = entries(sub_tree(git, old_records.as_ref(), dept).as_ref());
            for (file, blob) in &years {
                let path = format!("records/{dept}/{file}");
                // A merge (a sync) brings the other side's saves unchanged: the file is the
                // merge's own only when it differs from every parent, else its last save is
                // the commit that made it, further down the walk.
                let from_other_parent = c.parents().skip(1).any(|p| {
                    p.tree()
                        .ok()
                        .and_then(|t| t.get_path(std::path::Path::new(&path)).ok())
                        .is_some_and(|e| e.id() == *blob)
                });
                // Only records still at HEAD, and the text HEAD holds.
                if old_years.get(file) != Some(blob)
                    && wanted.get(&path) == Some(blob)
                    && !from_other_parent
                    && !out.contains_key(&path)
                {
                    let a = c.author();
                    out.insert(
                        path,
                        LastSave {
                            rev: id.to_string(),
                            author: a.name().unwrap_or("?").to_string(),
                            time: Time::new(a.when().seconds(), a.when().offset_minutes()),
                        },
                    );
                }
            }
        }
    }
    Ok(out)
}
