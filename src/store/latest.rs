//! The last save of every record in one walk of the history, for the home screen: comparing
//! tree ids level by level (records/ → DEPT/ → YEAR.toml) instead of diffing whole trees.

use super::{Time, git_error, open};
use crate::error::Result;
use crate::repo::Repo;
use git2::{Oid, Tree};
use std::collections::{BTreeMap, HashMap};

/// Who saved a record last, and when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LastSave {
    pub rev: String,
    pub author: String,
    pub time: Time,
}

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

/// For every record file (`records/DEPT/YEAR.toml`) at HEAD, its last save.
pub fn last_saves(repo: &Repo) -> Result<BTreeMap<String, LastSave>> {
    let git = open(repo)?;
    let Ok(head) = git.head().and_then(|h| h.peel_to_commit()) else {
        return Ok(BTreeMap::new());
    };
    let mut wanted = 0usize;
    if let Some(records) = sub_tree(&git, head.tree().ok().as_ref(), "records") {
        for d in records.iter() {
            wanted += sub_tree(&git, Some(&records), d.name().unwrap_or_default())
                .map(|t| t.len())
                .unwrap_or(0);
        }
    }
    let mut out = BTreeMap::new();
    let mut walk = git.revwalk().map_err(|e| git_error("遍历历史", e))?;
    walk.set_sorting(git2::Sort::TOPOLOGICAL | git2::Sort::TIME)
        .and_then(|_| walk.push(head.id()))
        .map_err(|e| git_error("遍历历史", e))?;
    for id in walk {
        if out.len() >= wanted {
            break;
        }
        let id = id.map_err(|e| git_error("遍历历史", e))?;
        let c = git.find_commit(id).map_err(|e| git_error("读取提交", e))?;
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
        let records = sub_tree(&git, tree.as_ref(), "records");
        let old_records = sub_tree(&git, parent_tree.as_ref(), "records");
        let old_depts = entries(old_records.as_ref());
        for (dept, dept_id) in &entries(records.as_ref()) {
            if old_depts.get(dept) == Some(dept_id) {
                continue;
            }
            let years = entries(sub_tree(&git, records.as_ref(), dept).as_ref());
            let old_years = entries(sub_tree(&git, old_records.as_ref(), dept).as_ref());
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
                if old_years.get(file) != Some(blob)
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
