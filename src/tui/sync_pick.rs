//! The conflicts of a sync, picked one by one: every field that this repository and the
//! remote both changed differently, with both values, and every other file (a rubric) both
//! changed, picked whole. Enter syncs again with the picks (a field or file changed again
//! meanwhile is asked anew); Esc leaves everything as it was, since a sync with conflicts
//! commits nothing.

use super::conflict::{PickItem, draw_picks, mark, pick_key, side_text};
use super::view::help;
use crate::repo::Repo;
use crate::store::{Conflict, PathConflict, Pick};
use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::{Constraint, Layout};
use ratatui::style::{Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

/// One field in conflict: the record's file, the record for people, and both values; or a
/// whole file (a rubric) both sides changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyncConflict {
    pub path: String,
    /// `DEPT/YEAR`; for a whole file, its path.
    pub record: String,
    /// The conflict, its label the report's (relabelled with the record's rubric); for a
    /// whole file, its blob ids at the merge base, here and on the remote.
    pub conflict: Conflict,
    /// For a whole file: what this repository and the remote did to it (修改, 删除, 新建).
    pub file: Option<(&'static str, &'static str)>,
}

/// The sync conflict screen's state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyncPicks {
    pub remote: String,
    pub branch: String,
    pub conflicts: Vec<SyncConflict>,
    /// Per conflict: true = the remote's value, false = ours.
    pub remote_side: Vec<bool>,
    pub selected: usize,
    pub help: bool,
}

/// What the sync conflict screen asks of the application.
#[derive(Debug, PartialEq, Eq)]
pub enum SyncPickRequest {
    None,
    Back,
    /// Sync again with these picks.
    Sync(Vec<Pick>),
}

impl SyncPicks {
    /// The screen for a sync's conflicts, each field named as the report does and each
    /// whole file (a rubric both sides changed, a record deleted on one side) by its path,
    /// the picks of `earlier` (an earlier round) kept for the conflicts that are still the
    /// same.
    pub fn new(
        repo: &Repo,
        remote: &str,
        branch: &str,
        conflicts: &[PathConflict],
        earlier: &[Pick],
    ) -> SyncPicks {
        let mut out = Vec::new();
        for c in conflicts {
            let (path, conflicts) = match c {
                PathConflict::Fields { path, conflicts } => (path, conflicts),
                PathConflict::File {
                    path,
                    local,
                    remote,
                    conflict,
                } => {
                    out.push(SyncConflict {
                        path: path.clone(),
                        record: crate::text::printable_line(path),
                        conflict: conflict.clone(),
                        file: Some((local, remote)),
                    });
                    continue;
                }
            };
            let record = crate::report::sync::record_name(path);
            let rubric =
                crate::report::sync::record_of(path).and_then(|(d, y)| repo.load(&d, y).ok());
            for f in conflicts {
                let mut conflict = f.clone();
                if let Some(e) = &rubric {
                    conflict.relabel(&e.rubric);
                }
                out.push(SyncConflict {
                    path: path.clone(),
                    record: record.clone(),
                    conflict,
                    file: None,
                });
            }
        }
        // Unless picked otherwise before, a conflict keeps this repository's value.
        let remote_side = out
            .iter()
            .map(|c| {
                earlier
                    .iter()
                    .any(|p| p.remote && p.decides(&c.path, &c.conflict))
            })
            .collect();
        SyncPicks {
            remote: remote.to_string(),
            branch: branch.to_string(),
            conflicts: out,
            remote_side,
            selected: 0,
            help: false,
        }
    }

    /// The picks, for the next sync.
    pub fn picks(&self) -> Vec<Pick> {
        self.conflicts
            .iter()
            .zip(&self.remote_side)
            .map(|(c, &remote)| Pick {
                path: c.path.clone(),
                conflict: c.conflict.clone(),
                remote,
            })
            .collect()
    }

    /// Handles a key.
    pub fn key(&mut self, key: KeyEvent) -> SyncPickRequest {
        if self.help {
            self.help = false;
            return SyncPickRequest::None;
        }
        match key.code {
            KeyCode::Esc => return SyncPickRequest::Back,
            KeyCode::Char('?') => self.help = true,
            KeyCode::Enter => return SyncPickRequest::Sync(self.picks()),
            code => pick_key(code, &mut self.selected, &mut self.remote_side),
        }
        SyncPickRequest::None
    }

    /// Draws the conflicts, the remote's value left and ours right, the selected one kept
    /// in view.
    pub fn draw(&self, f: &mut Frame, status: Option<&str>) {
        let area = f.area();
        let width = area.width as usize;
        let title =
            crate::text::sync_screen::title(&self.remote, &self.branch, self.conflicts.len());
        let title = crate::text::wrap(&title, width);
        let keys = status.unwrap_or(crate::text::sync_screen::FOOTER);
        let keys = crate::text::wrap(keys, width);
        let [head, main, foot] = Layout::vertical([
            Constraint::Length(title.len() as u16),
            Constraint::Min(2),
            Constraint::Length(keys.len() as u16),
        ])
        .areas(area);
        let bold = Style::default().add_modifier(Modifier::BOLD);
        let title: Vec<Line> = title.into_iter().map(|l| Line::styled(l, bold)).collect();
        f.render_widget(Paragraph::new(title), head);
        let items: Vec<PickItem> = self
            .conflicts
            .iter()
            .zip(&self.remote_side)
            .enumerate()
            .map(|(i, (c, &remote))| {
                let (base, theirs, ours) = match c.file {
                    // A whole file: what each side did, and its version (blob) there.
                    Some((local, from_remote)) => {
                        let version = crate::text::sync_screen::file_version;
                        (
                            version(None, c.conflict.base.as_deref()),
                            version(Some(from_remote), c.conflict.theirs.as_deref()),
                            version(Some(local), c.conflict.ours.as_deref()),
                        )
                    }
                    None => (
                        side_text(&c.conflict.base),
                        side_text(&c.conflict.theirs),
                        side_text(&c.conflict.ours),
                    ),
                };
                let label = match c.file {
                    Some(_) => crate::text::sync_screen::WHOLE_FILE,
                    None => &c.conflict.label,
                };
                PickItem {
                    head: crate::text::sync_screen::field(
                        i == self.selected,
                        &c.record,
                        label,
                        &base,
                    ),
                    left: crate::text::sync_screen::remote(mark(remote), &theirs),
                    right: crate::text::sync_screen::local(mark(!remote), &ours),
                    left_picked: remote,
                }
            })
            .collect();
        draw_picks(f, main, &items, self.selected);
        let keys: Vec<Line> = keys.into_iter().map(Line::raw).collect();
        f.render_widget(
            Paragraph::new(keys).style(Style::default().add_modifier(Modifier::REVERSED)),
            foot,
        );
        if self.help {
            help(f, area, crate::text::sync_screen::KEYS);
        }
    }
}
