//! The first commit of a new evaluation repository: the rubrics it scores with, so that
//! every later score can be reproduced from the history alone.

use super::{git_error, open};
use crate::error::{Error, Result};
use crate::repo::Repo;
use std::path::Path;

/// Commits the files at `paths` (relative to the root) that are new or changed, through the
/// index; `None` when there was nothing to commit.
pub fn commit_paths(repo: &Repo, paths: &[String], message: &str) -> Result<Option<String>> {
    let git = open(repo)?;
    let mut index = git.index().map_err(|e| git_error("读取索引", e))?;
    for p in paths {
        index
            .add_path(Path::new(p))
            .map_err(|e| git_error(&format!("加入 {p}"), e))?;
    }
    index.write().map_err(|e| git_error("写入索引", e))?;
    let tree_id = index.write_tree().map_err(|e| git_error("写入目录树", e))?;
    let parent = git.head().ok().and_then(|h| h.peel_to_commit().ok());
    if parent.as_ref().is_some_and(|p| p.tree_id() == tree_id) {
        return Ok(None);
    }
    let who = super::identity::identity(&git)?;
    let tree = git
        .find_tree(tree_id)
        .map_err(|e| git_error("读取目录树", e))?;
    let parents: Vec<&git2::Commit> = parent.iter().collect();
    let id = git
        .commit(
            Some("HEAD"),
            &who.author,
            &who.committer,
            message,
            &tree,
            &parents,
        )
        .map_err(|e| git_error("提交", e))?;
    Ok(Some(id.to_string()))
}

/// The evaluation repository: `explicit` if given (from `--repo` or `JIXIAO_REPO`), else the
/// git repository around the current directory.
pub fn open_repo(explicit: Option<&Path>) -> Result<Repo> {
    if let Some(p) = explicit {
        if !p.is_dir() {
            return Err(Error::Other(format!(
                "{}：没有这个文件夹（来自 --repo 或 JIXIAO_REPO）",
                p.display()
            )));
        }
        return evaluation_repo(p);
    }
    let cwd = std::env::current_dir().map_err(|e| Error::io(".", e))?;
    match super::discover(&cwd) {
        Some(root) => evaluation_repo(&root),
        None => Err(Error::Other(format!(
            "{} 不在评价库中：先运行 jixiao init，或用 --repo 目录（或环境变量 JIXIAO_REPO）指定评价库",
            cwd.display()
        ))),
    }
}

/// The repository at `root` when it is an evaluation repository (it has `records/` or
/// `rubrics/`, as `jixiao init` makes them): any other folder would otherwise look like an
/// evaluation repository with no records.
fn evaluation_repo(root: &Path) -> Result<Repo> {
    if root.join("records").is_dir() || root.join("rubrics").is_dir() {
        return Ok(Repo::at(root));
    }
    Err(Error::Other(format!(
        "{} 不是评价库（没有 records/ 和 rubrics/ 文件夹）：先运行 jixiao init {}，或用 --repo 目录（或环境变量 JIXIAO_REPO）指定评价库",
        root.display(),
        root.display()
    )))
}

/// Makes `dir` an evaluation repository: git init if needed, the built-in rubrics,
/// `records/`, `exports/` (ignored by git). Existing files are left alone.
pub fn init_repo(dir: &Path) -> Result<Repo> {
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    super::init_git(dir)?;
    for (name, text) in crate::rubric::BUILTIN {
        let path = crate::repo::safe_path(dir, &Path::new("rubrics").join(format!("{name}.toml")))?;
        if !path.exists() {
            crate::tomlio::write_atomic(&path, text)?;
        }
    }
    let records = crate::repo::safe_path(dir, Path::new("records"))?;
    std::fs::create_dir_all(&records).map_err(|e| Error::io(&records, e))?;
    let repo = Repo::at(dir);
    // Reports go there by default; made here so the folder is seen from the start.
    repo.exports_dir()?;
    Ok(repo)
}
