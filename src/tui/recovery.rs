//! Recovery files: the unsaved edits of each editing session, written outside the tracked
//! tree (`.git/jixiao/recovery/DEPT-YEAR/SESSION.toml`) within a second of each change, so
//! that a dropped SSH connection or a crash loses nothing.
//!
//! Each session has a file of its own: two people editing one record each keep theirs, and a
//! save by one never removes the other's. A file names whose edits it holds, when they were
//! written, what they started from, and any value typed but not yet confirmed with Enter.

use crate::error::{Error, Result};
use crate::repo::{Dept, Repo};
use crate::store::Base;
use crate::tomlio;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

const HEADER: &str = "# jixiao recovery: unsaved edits of ";

/// One editing session: its id (unique per process and start) and who edits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    pub id: String,
    pub who: String,
}

impl Session {
    /// A new session of this process, for `who` (a name and address, as git shows them).
    pub fn new(who: String) -> Session {
        let now = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap_or_default();
        Session {
            id: format!(
                "{}-{:09}-{}",
                now.as_secs(),
                now.subsec_nanos(),
                std::process::id()
            ),
            who,
        }
    }
}

fn now_secs() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
        .unwrap_or(0)
}

/// The folder of a department-year's recovery files.
fn folder(repo: &Repo, dept: &Dept, year: u16) -> PathBuf {
    own_dir(repo)
        .join("recovery")
        .join(format!("{dept}-{year}"))
}

fn own_dir(repo: &Repo) -> PathBuf {
    crate::store::own_dir(repo).unwrap_or_else(|_| repo.root().join(".git").join("jixiao"))
}

/// Where a session's recovery file of a department-year lives.
pub fn path(repo: &Repo, dept: &Dept, year: u16, session: &Session) -> PathBuf {
    folder(repo, dept, year).join(format!("{}.toml", session.id))
}

/// The mark of a session that is still editing: an OS lock on `SESSION.live` beside its
/// recovery file, held while the editor is open and released when the process ends, however
/// it ends. Another session's recovery file is offered back only once its editor is gone.
#[derive(Debug)]
pub struct Live {
    path: PathBuf,
    file: std::fs::File,
}

impl Live {
    /// Marks the session whose recovery file is `recovery` as editing.
    pub fn hold(recovery: &Path) -> Result<Live> {
        let path = recovery.with_extension("live");
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        }
        let file = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(|e| Error::io(&path, e))?;
        file.try_lock().map_err(|e| match e {
            std::fs::TryLockError::Error(e) => Error::io(&path, e),
            std::fs::TryLockError::WouldBlock => Error::Locked {
                path: path.clone(),
                message: "另一个编辑会话正在使用这个恢复文件".into(),
            },
        })?;
        Ok(Live { path, file })
    }

    /// The recovery file it marks.
    pub fn recovery(&self) -> PathBuf {
        self.path.with_extension("toml")
    }
}

impl Drop for Live {
    fn drop(&mut self) {
        let _ = self.file.unlock();
    }
}

/// Whether the session that wrote `recovery` is still editing (its `.live` file is locked).
fn alive(recovery: &Path) -> bool {
    let Ok(f) = std::fs::OpenOptions::new()
        .write(true)
        .open(recovery.with_extension("live"))
    else {
        return false;
    };
    match f.try_lock() {
        Ok(()) => {
            let _ = f.unlock();
            false
        }
        Err(_) => true,
    }
}

/// A value typed into a field but not confirmed (or not valid yet): the field and the text.
pub type Pending = (String, String);

/// Writes the session's unsaved text, what it started from and what is typed but pending.
pub fn write(
    repo: &Repo,
    dept: &Dept,
    year: u16,
    session: &Session,
    base: &Base,
    text: &str,
    pending: &[Pending],
) -> Result<PathBuf> {
    let p = path(repo, dept, year, session);
    let mut body = format!(
        "{HEADER}{}\n# base: {}\n# who: {}\n# session: {}\n# written: {}\n",
        Repo::record_rel(dept, year),
        base.token(),
        one_line(&session.who),
        session.id,
        now_secs()
    );
    for (field, typed) in pending {
        body.push_str(&format!(
            "# pending: {field} = {}\n",
            toml_edit::Value::from(typed.as_str())
        ));
    }
    body.push_str(text);
    tomlio::write_atomic(&p, &body)?;
    Ok(p)
}

fn one_line(s: &str) -> String {
    s.chars().filter(|c| !c.is_control()).collect()
}

/// A recovered edit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recovered {
    pub text: String,
    pub base: Base,
    pub path: PathBuf,
    /// Whose edits (name and address), when known.
    pub who: String,
    /// When they were last written (seconds since 1970), when known.
    pub written: Option<i64>,
    /// Values typed but not confirmed.
    pub pending: Vec<Pending>,
    /// Its session is still editing (another window, another connection).
    pub alive: bool,
}

fn parse(p: &Path) -> Result<Recovered> {
    let all = tomlio::read(p)?;
    let (first, mut rest) = all.split_once('\n').unwrap_or((&all, ""));
    let Some(meta) = first.strip_prefix(HEADER) else {
        return Err(Error::Other(format!(
            "{}：不是 jixiao 的恢复文件",
            p.display()
        )));
    };
    let mut r = Recovered {
        text: String::new(),
        // Files of earlier versions: `…, base ID` on the first line.
        base: meta
            .rsplit_once(", base ")
            .map_or(Base::New, |(_, b)| Base::from_token(b)),
        path: p.to_path_buf(),
        who: String::new(),
        written: std::fs::metadata(p)
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
            .and_then(|d| i64::try_from(d.as_secs()).ok()),
        pending: Vec::new(),
        alive: alive(p),
    };
    while let Some((line, next)) = rest.split_once('\n') {
        let Some((key, value)) = line
            .strip_prefix("# ")
            .and_then(|l| l.split_once(": "))
            .filter(|(k, _)| ["base", "who", "session", "written", "pending"].contains(k))
        else {
            break;
        };
        match key {
            "base" => r.base = Base::from_token(value),
            "who" => r.who = value.to_string(),
            "written" => r.written = value.trim().parse().ok().or(r.written),
            "pending" => {
                if let Some((field, typed)) = value.split_once(" = ")
                    && let Ok(v) = typed.parse::<toml_edit::Value>()
                    && let Some(s) = v.as_str()
                {
                    r.pending.push((field.to_string(), s.to_string()));
                }
            }
            _ => {}
        }
        rest = next;
    }
    r.text = rest.to_string();
    Ok(r)
}

/// Every recovery file of a department-year (any session's), newest first.
pub fn list(repo: &Repo, dept: &Dept, year: u16) -> Result<Vec<Recovered>> {
    let dir = folder(repo, dept, year);
    let mut paths: Vec<PathBuf> = match std::fs::read_dir(&dir) {
        Ok(entries) => entries
            .flatten()
            .map(|e| e.path())
            .filter(|p| {
                p.extension().is_some_and(|x| x == "toml")
                    && p.file_name()
                        .and_then(|n| n.to_str())
                        .is_some_and(|n| !n.contains(".set-aside-"))
            })
            .collect(),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Vec::new(),
        Err(e) => return Err(Error::io(&dir, e)),
    };
    // The single file of earlier versions.
    let legacy = own_dir(repo)
        .join("recovery")
        .join(format!("{dept}-{year}.toml"));
    if legacy.is_file() {
        paths.push(legacy);
    }
    let mut out = paths.iter().map(|p| parse(p)).collect::<Result<Vec<_>>>()?;
    out.sort_by_key(|r| std::cmp::Reverse(r.written));
    Ok(out)
}

/// Removes this session's recovery file (after its save, or when it quits with nothing
/// unsaved); other sessions' files are never touched.
pub fn clear(repo: &Repo, dept: &Dept, year: u16, session: &Session) -> Result<()> {
    let p = path(repo, dept, year, session);
    let _ = std::fs::remove_file(p.with_extension("live"));
    match std::fs::remove_file(&p) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(Error::io(p, e)),
    }
}

/// Moves a recovery file aside once it was declined or taken over by another session
/// (nothing is ever deleted unasked); returns where.
pub fn set_aside(r: &Recovered, why: &str) -> Result<PathBuf> {
    let to = r
        .path
        .with_extension(format!("set-aside-{why}-{}.toml", now_secs()));
    std::fs::rename(&r.path, &to).map_err(|e| Error::io(&r.path, e))?;
    let _ = std::fs::remove_file(r.path.with_extension("live"));
    Ok(to)
}

impl super::editor::Editor {
    /// Values typed but not in the record: the one-line field being typed (before Enter) and
    /// values that are not valid yet, as (field, text typed).
    pub fn pending_inputs(&self) -> Vec<(String, String)> {
        let mut out: Vec<(String, String)> = self
            .invalid
            .iter()
            .map(|(p, (t, _))| (p.clone(), t.clone()))
            .collect();
        if let super::editor::Mode::Line { path, area, .. } = &self.mode {
            let typed = area.lines().join("");
            let unchanged = self
                .current_cell()
                .is_some_and(|c| c.path == *path && c.text == typed);
            out.retain(|(p, _)| p != path);
            if !unchanged {
                out.push((path.clone(), typed));
            }
        }
        out
    }

    /// Puts back values typed in an earlier session and never confirmed: each stays as
    /// typed under its field until Enter confirms it or Esc gives it up.
    pub fn restore_pending(&mut self, pending: &[(String, String)]) {
        for (path, typed) in pending {
            self.invalid.insert(
                path.clone(),
                (
                    typed.clone(),
                    "上次未确认的输入：按 Enter 修改并确认，Esc 放弃".into(),
                ),
            );
        }
        if !pending.is_empty() {
            self.revision += 1;
            self.rebuild();
        }
    }
}
