//! The merge of two commits' trees from their merge base: a file one side changed is taken
//! from that side; a record both sides changed is merged field by field with the same
//! three-way merge as concurrent saves (`store::merge`); any other file both sides changed
//! differently, and a record deleted on one side and changed on the other, is a conflict,
//! which a person's pick settles whole.

use super::super::merge::{Conflict, merge3, merge3_picked};
use super::super::{blob_text, git_error, write_error};
use crate::error::Result;
use crate::repo::{Dept, Repo, parse_year};
use git2::{ObjectType, Oid, Tree, TreeWalkMode, TreeWalkResult};
use std::collections::{BTreeMap, BTreeSet};

/// A file's blob id and mode.
type Entry = (Oid, i32);

/// Every file of a tree by path.
fn files(tree: Option<&Tree>) -> Result<BTreeMap<String, Entry>> {
    let mut out = BTreeMap::new();
    if let Some(t) = tree {
        t.walk(TreeWalkMode::PreOrder, |dir, e| {
            if e.kind() != Some(ObjectType::Tree)
                && let Some(name) = e.name()
            {
                out.insert(format!("{dir}{name}"), (e.id(), e.filemode()));
            }
            TreeWalkResult::Ok
        })
        .map_err(|e| git_error(crate::text::store::READ_TREE, e))?;
    }
    Ok(out)
}

/// Whether `path` is a record file, `records/DEPT/YEAR.toml`.
fn is_record(path: &str) -> bool {
    let parts: Vec<&str> = path.split('/').collect();
    matches!(parts.as_slice(), ["records", dept, file]
        if Dept::parse(dept).is_ok()
            && file.strip_suffix(".toml").is_some_and(|y| parse_year(y).is_ok()))
}

/// Why a path could not be merged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathConflict {
    /// A record whose fields both sides changed differently (both values of each).
    Fields {
        path: String,
        conflicts: Vec<Conflict>,
    },
    /// A file both sides changed in ways jixiao does not merge: `local` and `remote` say
    /// what each side did (修改, 删除, 新建). It is picked whole: `conflict` names the file's
    /// blob at the merge base, here and on the remote (see [`whole_file`]).
    File {
        path: String,
        local: &'static str,
        remote: &'static str,
        conflict: Conflict,
    },
}

/// The conflict a whole-file pick decides: no field, the file's path for people, and its
/// blob ids (none where the file is absent), so that a pick holds only while neither side
/// changes the file again.
fn whole_file(
    path: &str,
    base: Option<&Entry>,
    ours: Option<&Entry>,
    theirs: Option<&Entry>,
) -> Conflict {
    let id = |e: Option<&Entry>| e.map(|(id, _)| id.to_string());
    Conflict {
        field: String::new(),
        label: path.to_string(),
        base: id(base),
        theirs: id(theirs),
        ours: id(ours),
    }
}

/// A person's decision on one field both sides of a sync changed: the remote's value
/// (`remote`) or ours. It applies only to the very same conflict (field and the three values):
/// when either side changed the field again since, the conflict is asked anew.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pick {
    /// The record's file, `records/DEPT/YEAR.toml`.
    pub path: String,
    pub conflict: Conflict,
    pub remote: bool,
}

impl Pick {
    /// Whether this pick decides conflict `c` of the record at `path`.
    pub fn decides(&self, path: &str, c: &Conflict) -> bool {
        self.path == path
            && self.conflict.field == c.field
            && self.conflict.base == c.base
            && self.conflict.theirs == c.theirs
            && self.conflict.ours == c.ours
    }
}

/// The merged tree, or the conflicts.
pub(super) struct TreeMerge {
    pub tree: Oid,
    /// The records merged field by field (both sides changed them).
    pub merged: Vec<String>,
    /// What came from the remote side (files it changed that we did not).
    pub taken: Vec<String>,
    pub conflicts: Vec<PathConflict>,
}

fn what(base: Option<&Entry>, side: Option<&Entry>) -> &'static str {
    match (base, side) {
        (None, Some(_)) => crate::text::store::ADDED,
        (Some(_), None) => crate::text::store::DELETED,
        _ => crate::text::store::MODIFIED,
    }
}

/// Merges `theirs` (the remote's tree) into `ours` (the local branch's), both from `base`.
pub(super) fn merge(
    git: &git2::Repository,
    repo: &Repo,
    base: Option<&Tree>,
    ours: &Tree,
    theirs: &Tree,
    picks: &[Pick],
) -> Result<TreeMerge> {
    let (b, o, t) = (files(base)?, files(Some(ours))?, files(Some(theirs))?);
    let paths: BTreeSet<&String> = b.keys().chain(o.keys()).chain(t.keys()).collect();
    let mut update = git2::build::TreeUpdateBuilder::new();
    let mut out = TreeMerge {
        tree: ours.id(),
        merged: Vec::new(),
        taken: Vec::new(),
        conflicts: Vec::new(),
    };
    let mut changed = false;
    for p in paths {
        let (be, oe, te) = (b.get(p), o.get(p), t.get(p));
        if oe == te || te == be {
            continue;
        }
        // The remote's version of the file (or its deletion) into the merged tree.
        let mut take_remote = |update: &mut git2::build::TreeUpdateBuilder, out: &mut TreeMerge| {
            match te {
                Some((id, mode)) => update.upsert(p.as_str(), *id, filemode(*mode)),
                None => update.remove(p.as_str()),
            };
            out.taken.push(p.clone());
            changed = true;
        };
        if oe == be {
            // Only the remote changed it.
            take_remote(&mut update, &mut out);
            continue;
        }
        match (oe, te) {
            (Some((oid, omode)), Some((tid, _))) if is_record(p) => {
                let base_text = match be {
                    Some((id, _)) => blob_text(git, *id, p)?,
                    None => String::new(),
                };
                let (theirs_text, ours_text) = (blob_text(git, *tid, p)?, blob_text(git, *oid, p)?);
                let file = repo.root().join(p);
                let mut m = merge3(&file, &base_text, &theirs_text, &ours_text)?;
                // The picks made for these very conflicts, when every one has one.
                let decided: Vec<(&Conflict, bool)> = m
                    .conflicts
                    .iter()
                    .filter_map(|c| {
                        picks
                            .iter()
                            .find(|k| k.decides(p, c))
                            .map(|k| (&k.conflict, k.remote))
                    })
                    .collect();
                if !m.conflicts.is_empty() && decided.len() == m.conflicts.len() {
                    m = merge3_picked(&file, &base_text, &theirs_text, &ours_text, &decided)?;
                }
                if !m.conflicts.is_empty() {
                    out.conflicts.push(PathConflict::Fields {
                        path: p.clone(),
                        conflicts: m.conflicts,
                    });
                    continue;
                }
                let id = git
                    .blob(m.text.as_bytes())
                    .map_err(|e| write_error(git, crate::text::store::WRITE_MERGED_RECORD, e))?;
                update.upsert(p.as_str(), id, filemode(*omode));
                out.merged.push(p.clone());
                changed = true;
            }
            _ => {
                let whole = whole_file(p, be, oe, te);
                match picks.iter().find(|k| k.decides(p, &whole)) {
                    // The remote's file, as if only the remote had changed it.
                    Some(k) if k.remote => take_remote(&mut update, &mut out),
                    // Ours: the merged tree starts from our tree.
                    Some(_) => {}
                    None => out.conflicts.push(PathConflict::File {
                        path: p.clone(),
                        local: what(be, oe),
                        remote: what(be, te),
                        conflict: whole,
                    }),
                }
            }
        }
    }
    if changed && out.conflicts.is_empty() {
        out.tree = update
            .create_updated(git, ours)
            .map_err(|e| write_error(git, crate::text::store::BUILD_MERGED_TREE, e))?;
    }
    Ok(out)
}

fn filemode(mode: i32) -> git2::FileMode {
    match mode {
        0o100755 => git2::FileMode::BlobExecutable,
        0o120000 => git2::FileMode::Link,
        0o160000 => git2::FileMode::Commit,
        _ => git2::FileMode::Blob,
    }
}

#[cfg(test)]
mod tests {
    use super::is_record;

    #[test]
    fn only_record_files_are_merged_by_field() {
        assert!(is_record("records/bj-traffic/2023.toml"));
        assert!(!is_record("records/bj-traffic/notes.toml"));
        assert!(!is_record("records/BJ/2023.toml"));
        assert!(!is_record("rubrics/beijing-department-2023.toml"));
        assert!(!is_record("records/a/b/2023.toml"));
    }
}
