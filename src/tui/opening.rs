//! Opening a record in the editor: reading its working copy, the recovery files other
//! sessions left and the rubric runs in the background (see [`super::job`]), so the screen
//! shows a progress line meanwhile; then either the editor or an offer to restore unsaved
//! edits, one recovery file at a time.

use super::editor::Editor;
use super::job::{Done, Job};
use super::{App, Screen, recovery, view};
use crate::repo::{Dept, Repo};
use ratatui::Frame;
use ratatui::crossterm::event::KeyCode;

/// An offer to restore unsaved edits found in recovery files, newest first, one at a time.
pub struct Restore {
    pub dept: Dept,
    pub year: u16,
    pub file_text: String,
    /// What the working file was edited from.
    pub file_base: crate::store::Base,
    /// The recovery files not answered yet; the first is offered.
    pub found: Vec<recovery::Recovered>,
}

/// What opening a record gives: the editor, or first an offer to restore.
pub enum Opened {
    Editor(Box<Editor>),
    Restore(Restore),
}

/// A new record to create before opening it (the home screen's `n`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewRecord {
    pub name: String,
    pub rubric: String,
}

/// Reads what the editor needs to open `dept`/`year` (creating the record first when asked):
/// the working copy, the recovery files left by sessions that ended, the rubric.
pub fn open(
    repo: &Repo,
    dept: Dept,
    year: u16,
    create: Option<&NewRecord>,
) -> crate::Result<Opened> {
    if let Some(n) = create {
        repo.create_record(&dept, year, &n.name, &n.rubric)?;
    }
    let path = repo.checked_record_path(&dept, year)?;
    let copy = crate::store::working_copy(repo, &dept, year)?;
    let Some(file_text) = copy.text else {
        return Err(crate::Error::NoRecord {
            dept: dept.to_string(),
            year: year.to_string(),
            path,
        });
    };
    // Sessions still editing keep their files; their edits reach the record by their save.
    let found: Vec<recovery::Recovered> = recovery::list(repo, &dept, year)?
        .into_iter()
        .filter(|r| !r.alive && (r.text != file_text || !r.pending.is_empty()))
        .collect();
    if !found.is_empty() {
        return Ok(Opened::Restore(Restore {
            dept,
            year,
            file_text,
            file_base: copy.base,
            found,
        }));
    }
    let ed = Editor::open(
        repo.clone(),
        dept,
        year,
        file_text.clone(),
        &file_text,
        copy.base,
    )?;
    Ok(Opened::Editor(Box::new(ed)))
}

/// The background job that opens `dept`/`year` (creating it first when `create` says so).
pub fn job(repo: &Repo, dept: Dept, year: u16, create: Option<NewRecord>) -> Job {
    let label = match &create {
        Some(_) => format!("正在新建并打开 {dept}/{year}…"),
        None => format!("正在打开 {dept}/{year}…"),
    };
    let repo = repo.clone();
    Job::start(label, move || {
        Done::Opened(Box::new(open(&repo, dept, year, create.as_ref())))
    })
}

impl App {
    /// Shows what opening a record gave: the editor, sized for the terminal, or the offer
    /// to restore.
    pub(super) fn opened(&mut self, o: Opened) {
        match o {
            Opened::Editor(ed) => {
                self.screens.push(Screen::Editor(ed));
                // Sized for the terminal now, not at the next resize.
                let (w, h) = self.size;
                self.resize(w, h);
            }
            Opened::Restore(r) => self.screens.push(Screen::Restore(r)),
        }
    }

    /// The answer to a restore offer: `y` takes the offered edits into the editor, `n` sets
    /// them aside and offers the next; the file opens once none is left.
    pub(super) fn restore_key(&mut self, code: KeyCode) {
        let repo = self.repo.clone();
        let Some(Screen::Restore(r)) = self.screens.last_mut() else {
            return;
        };
        let Some(rec) = r.found.first().cloned() else {
            return;
        };
        let (dept, year, file_text) = (r.dept.clone(), r.year, r.file_text.clone());
        let take = match code {
            KeyCode::Char('y') | KeyCode::Char('Y') => true,
            KeyCode::Char('n') | KeyCode::Char('N') => false,
            _ => return,
        };
        let opened = if take {
            let others = r.found.len() - 1;
            Editor::open(repo, dept, year, file_text, &rec.text, rec.base.clone()).and_then(
                |mut ed| {
                    // This session carries the edits on; the file is kept aside, never deleted.
                    recovery::set_aside(&rec, "restored")?;
                    ed.restore_pending(&rec.pending);
                    ed.revision += 1;
                    ed.status = Some(if others > 0 {
                        format!("已恢复未保存的修改；另有 {others} 份恢复文件，下次打开时再询问")
                    } else {
                        "已恢复未保存的修改".into()
                    });
                    Ok(ed)
                },
            )
        } else {
            match recovery::set_aside(&rec, "declined") {
                Ok(kept) => {
                    r.found.remove(0);
                    if !r.found.is_empty() {
                        self.notice = Some(format!("未恢复；那些修改另存于 {}", kept.display()));
                        return;
                    }
                    let base = r.file_base.clone();
                    Editor::open(repo, dept, year, file_text.clone(), &file_text, base).map(
                        |mut ed| {
                            ed.status = Some(format!("未恢复；那些修改另存于 {}", kept.display()));
                            ed
                        },
                    )
                }
                Err(e) => Err(e),
            }
        };
        self.screens.pop();
        match opened {
            Ok(ed) => self.opened(Opened::Editor(Box::new(ed))),
            Err(e) => {
                self.notice = Some(format!(
                    "无法恢复：{e}；恢复文件保留在 {}",
                    rec.path.display()
                ));
                if self.screens.is_empty() {
                    self.quit = true;
                }
            }
        }
    }
}

/// The restore offer.
pub fn draw_restore(f: &mut Frame, r: &Restore) {
    let Some(rec) = r.found.first() else { return };
    let who = if rec.who.is_empty() {
        "（未记名）".to_string()
    } else {
        rec.who.clone()
    };
    let when = rec
        .written
        .map(|t| crate::store::Time::new(t, 480).local)
        .unwrap_or_else(|| "时间不明".into());
    let more = if r.found.len() > 1 {
        format!("（共 {} 份，最新的在前）", r.found.len())
    } else {
        String::new()
    };
    let pending = if rec.pending.is_empty() {
        String::new()
    } else {
        format!("，含 {} 处未确认的输入", rec.pending.len())
    };
    view::popup(
        f,
        f.area(),
        " 发现未保存的修改 ",
        &[
            &format!("{}/{} 有未保存的修改{more}。", r.dept, r.year),
            &format!("编辑人：{who}；写于 {when}{pending}"),
            &format!("恢复文件：{}", rec.path.display()),
            "y 恢复这些修改   n 不恢复（另存备份，不删除）",
        ],
    );
}
