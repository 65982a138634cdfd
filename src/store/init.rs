//! The first commit of a new evaluation repository: the rubrics it scores with, so that
//! every later score can be reproduced from the history alone.

use super::{git_error, open, signature};
use crate::error::Result;
use crate::repo::Repo;
use std::path::Path;

/// Commits the files at `paths` (relative to the root) that are new or changed, through the
/// index; `None` when there was nothing to commit.
pub fn commit_paths(repo: &Repo, paths: &[String], message: &str) -> Result<Option<String>> {
    let git = open(repo)?;
    let mut index = git.index().map_err(|e| git_error("reading the index", e))?;
    for p in paths {
        index
            .add_path(Path::new(p))
            .map_err(|e| git_error(&format!("adding {p}"), e))?;
    }
    index
        .write()
        .map_err(|e| git_error("writing the index", e))?;
    let tree_id = index
        .write_tree()
        .map_err(|e| git_error("writing the tree", e))?;
    let parent = git.head().ok().and_then(|h| h.peel_to_commit().ok());
    if parent.as_ref().is_some_and(|p| p.tree_id() == tree_id) {
        return Ok(None);
    }
    let sig = signature(&git)?;
    let tree = git
        .find_tree(tree_id)
        .map_err(|e| git_error("reading the tree", e))?;
    let parents: Vec<&git2::Commit> = parent.iter().collect();
    let id = git
        .commit(Some("HEAD"), &sig, &sig, message, &tree, &parents)
        .map_err(|e| git_error("committing", e))?;
    Ok(Some(id.to_string()))
}
