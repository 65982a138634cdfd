//! Recovery files: unsaved edits written outside the tracked tree
//! (`.git/jixiao/recovery/DEPT-YEAR.toml`) within a second of each change, so that a dropped
//! SSH connection or a crash loses nothing.

use crate::error::{Error, Result};
use crate::repo::{Dept, Repo};
use crate::tomlio;
use std::path::PathBuf;

const HEADER: &str = "# jixiao recovery: unsaved edits of ";

/// Where the recovery file of a department-year lives.
pub fn path(repo: &Repo, dept: &Dept, year: u16) -> PathBuf {
    let git_dir = git2::Repository::open(repo.root())
        .map(|r| r.path().to_path_buf())
        .unwrap_or_else(|_| repo.root().join(".git"));
    git_dir
        .join("jixiao")
        .join("recovery")
        .join(format!("{dept}-{year}.toml"))
}

/// Writes the unsaved text and the revision it started from.
pub fn write(
    repo: &Repo,
    dept: &Dept,
    year: u16,
    base: Option<&str>,
    text: &str,
) -> Result<PathBuf> {
    let p = path(repo, dept, year);
    let body = format!(
        "{HEADER}{}, base {}\n{text}",
        Repo::record_rel(dept, year),
        base.unwrap_or("none")
    );
    tomlio::write_atomic(&p, &body)?;
    Ok(p)
}

/// A recovered edit: the text and the revision it started from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recovered {
    pub text: String,
    pub base: Option<String>,
    pub path: PathBuf,
}

/// Reads the recovery file, if there is one.
pub fn read(repo: &Repo, dept: &Dept, year: u16) -> Result<Option<Recovered>> {
    let p = path(repo, dept, year);
    if !p.is_file() {
        return Ok(None);
    }
    let all = tomlio::read(&p)?;
    let (first, text) = all.split_once('\n').unwrap_or((&all, ""));
    let Some(meta) = first.strip_prefix(HEADER) else {
        return Err(Error::Other(format!(
            "{}: not a jixiao recovery file",
            p.display()
        )));
    };
    let base = meta
        .rsplit_once(", base ")
        .map(|(_, b)| b.trim().to_string())
        .filter(|b| b != "none");
    Ok(Some(Recovered {
        text: text.to_string(),
        base,
        path: p,
    }))
}

/// Removes the recovery file after a save or an explicit discard.
pub fn clear(repo: &Repo, dept: &Dept, year: u16) -> Result<()> {
    let p = path(repo, dept, year);
    match std::fs::remove_file(&p) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(Error::io(p, e)),
    }
}

/// Moves a declined recovery file aside (nothing is ever deleted unasked); returns where.
pub fn set_aside(r: &Recovered) -> Result<PathBuf> {
    let stamp = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or_default();
    let to = r.path.with_extension(format!("declined-{stamp}.toml"));
    std::fs::rename(&r.path, &to).map_err(|e| Error::io(&r.path, e))?;
    Ok(to)
}
