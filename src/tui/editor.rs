//! The record editor's state and its update function: key events become actions, actions
//! change the state; rendering (view.rs) only reads it.

use super::edit::set_text;
use super::form::{self, Kind, Row, Values};
use super::table::Table;
use crate::Result;
use crate::finding::{Finding, Severity};
use crate::num;
use crate::record::doc;
use crate::repo::{Dept, Evaluation, Repo};
use crate::section::Section;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui_textarea::{TextArea, WrapMode};
use std::collections::BTreeMap;
use toml_edit::DocumentMut;

/// What the editor is doing.
pub enum Mode {
    /// Moving between fields.
    Normal,
    /// Editing one line (a number, a name, a target).
    Line {
        path: String,
        kind: Kind,
        area: TextArea<'static>,
    },
    /// Editing a narrative.
    Text {
        path: String,
        kind: Kind,
        label: String,
        area: TextArea<'static>,
    },
    /// Asking for the one-line summary of a save.
    Save { area: TextArea<'static> },
    /// Writing a review note on a field (tui::notes).
    Note {
        path: String,
        label: String,
        area: TextArea<'static>,
    },
    /// Unsaved changes: quit anyway?
    ConfirmQuit,
    /// Remove a table row?
    ConfirmDelete { table: Table, index: usize },
    /// A new 指标值 changes the indicator's kind (定性 ↔ 定量): apply it?
    ConfirmKind {
        path: String,
        typed: String,
        /// Whether the indicator becomes qualitative.
        qualitative: bool,
    },
    /// The key list.
    Help,
}

/// What the editor asks of the application after a key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Request {
    None,
    Quit,
    /// Commit the current text with this summary.
    Save(String),
    History,
    Blame,
}

/// The editor of one department-year.
pub struct Editor {
    pub repo: Repo,
    pub dept: Dept,
    pub year: u16,
    /// The record as edited, with the person's comments and layout.
    pub doc: DocumentMut,
    /// The text of the last save (or of the file when opened).
    pub saved: String,
    /// Where the edit started (what a save merges against).
    pub base: crate::store::Base,
    /// The last scoring of `doc`.
    pub eval: Evaluation,
    /// The scoring of `saved`, to show what a save changes.
    pub saved_total: Option<(rust_decimal::Decimal, String)>,
    pub findings: Vec<Finding>,
    pub section: Section,
    pub rows: Vec<Row>,
    /// (row, cell) of the cursor.
    pub cursor: (usize, usize),
    /// First visible line of the body.
    pub scroll: usize,
    /// Body height in lines with a one-line status, as last drawn.
    pub height: usize,
    /// Terminal width, to know how many lines a message takes.
    pub width: u16,
    /// The summary typed for a save that has not succeeded yet, offered again next time.
    pub pending_summary: Option<String>,
    /// Values typed that are not valid, by field: (as typed, why).
    pub invalid: BTreeMap<String, (String, String)>,
    pub mode: Mode,
    /// A message for the person, shown until the next key.
    pub status: Option<String>,
    /// Counts changes, so the runner knows when to write the recovery file.
    pub revision: u64,
    finding_ix: Option<usize>,
}

pub(super) fn line_area(text: &str) -> TextArea<'static> {
    let mut a = TextArea::new(vec![text.replace('\n', " ")]);
    a.move_cursor(ratatui_textarea::CursorMove::End);
    a.set_cursor_line_style(ratatui::style::Style::default());
    a
}

pub(super) fn text_area(text: &str) -> TextArea<'static> {
    let lines: Vec<String> = text.split('\n').map(str::to_string).collect();
    let mut a = TextArea::new(if lines.is_empty() {
        vec![String::new()]
    } else {
        lines
    });
    a.set_wrap_mode(WrapMode::WordOrGlyph);
    a.set_cursor_line_style(ratatui::style::Style::default());
    a
}

/// Whether an Alt-key reaching the text area is really Esc followed by a key: the text
/// area binds only these Alt-keys (ratatui-textarea's emacs-like moves and deletes).
fn text_area_esc(key: KeyEvent) -> bool {
    if !key.modifiers.contains(KeyModifiers::ALT) || key.modifiers.contains(KeyModifiers::CONTROL) {
        return false;
    }
    let bound = match key.code {
        KeyCode::Char(c) => "hdfbnpv<>[]".contains(c),
        KeyCode::Backspace | KeyCode::Delete => true,
        _ => false,
    };
    !bound
}

impl Editor {
    /// Opens the editor on `text` (the file's or a recovered one), which started from `base`.
    pub fn open(
        repo: Repo,
        dept: Dept,
        year: u16,
        saved: String,
        text: &str,
        base: crate::store::Base,
    ) -> Result<Editor> {
        let path = repo.record_path(&dept, year);
        let doc = doc::parse(&path, text)?;
        let eval = repo.evaluate(&dept, year, text)?;
        let saved_total = repo
            .evaluate(&dept, year, &saved)
            .ok()
            .map(|e| (e.card.total, e.card.grade.clone()));
        let mut ed = Editor {
            repo,
            dept,
            year,
            doc,
            saved,
            base,
            eval,
            saved_total,
            findings: Vec::new(),
            section: Section::Overview,
            rows: Vec::new(),
            cursor: (0, 0),
            scroll: 0,
            height: 16,
            width: 80,
            pending_summary: None,
            invalid: BTreeMap::new(),
            mode: Mode::Normal,
            status: None,
            revision: 0,
            finding_ix: None,
        };
        ed.refresh();
        ed.first_field();
        Ok(ed)
    }

    /// The record text as it stands, including a narrative being typed.
    pub fn current_text(&self) -> String {
        match &self.mode {
            Mode::Text {
                path, kind, area, ..
            } => {
                let mut d = self.doc.clone();
                let _ = set_text(&mut d, path, *kind, &area.lines().join("\n"));
                d.to_string()
            }
            _ => self.doc.to_string(),
        }
    }

    /// Whether there is anything not saved.
    pub fn unsaved(&self) -> bool {
        self.current_text() != self.saved || !self.invalid.is_empty()
    }

    /// Re-scores and rebuilds the rows after a change.
    pub(super) fn refresh(&mut self) {
        let text = self.doc.to_string();
        match self.repo.evaluate(&self.dept, self.year, &text) {
            Ok(e) => {
                self.eval = e;
                self.findings = self.eval.findings();
            }
            Err(e) => self.status = Some(format!("无法评分：{e}")),
        }
        self.rebuild();
    }

    pub(super) fn rebuild(&mut self) {
        let form_row = self.form_cursor_row();
        self.rows = form::rows(self.section, &self.eval, &Values::of(&self.doc));
        self.cursor.0 = form_row;
        self.insert_note_rows();
        if self.cursor.0 >= self.rows.len() {
            self.cursor = (self.rows.len().saturating_sub(1), 0);
        }
        if !self.cell_ok(self.cursor) {
            self.move_vertical(1);
            if !self.cell_ok(self.cursor) {
                self.move_vertical(-1);
            }
        }
        self.keep_visible();
    }

    /// The message of the status line: the last message, else the reason the value under
    /// the cursor is invalid, else the section's findings. Second: whether it tells of an error.
    pub fn status_text(&self) -> (String, bool) {
        if let Some(s) = &self.status {
            return (s.clone(), false);
        }
        if let Some((_, why)) = self.current_cell().and_then(|c| self.invalid.get(&c.path)) {
            return (format!("无效：{why}"), true);
        }
        let found = self.section_findings();
        let errors = found
            .iter()
            .filter(|f| f.severity == Severity::Error)
            .count();
        match found.first() {
            None => ("本部分没有发现问题".into(), false),
            Some(first) => (
                format!(
                    "发现 {}（错误 {errors}）f 跳转：{}",
                    found.len(),
                    first.message
                ),
                errors > 0,
            ),
        }
    }

    /// Lines the status takes: all of its message, wrapped, leaving the body 3 lines.
    pub fn status_height(&self) -> usize {
        if matches!(self.mode, Mode::Line { .. } | Mode::Text { .. }) {
            return 1;
        }
        let lines = crate::text::wrap(&self.status_text().0, self.width as usize).len();
        lines.clamp(1, self.height.saturating_sub(2).max(1))
    }

    /// Lines of the body left by the status.
    pub fn body_height(&self) -> usize {
        self.height + 1 - self.status_height()
    }

    /// The cell under the cursor.
    pub fn current_cell(&self) -> Option<&form::Cell> {
        self.rows
            .get(self.cursor.0)
            .and_then(|r| r.cells.get(self.cursor.1))
    }

    /// Findings of the current section.
    pub fn section_findings(&self) -> Vec<&Finding> {
        self.findings
            .iter()
            .filter(|f| f.section == self.section)
            .collect()
    }

    /// Complete / incomplete / has findings, for the step bar: (errors, warnings).
    pub fn section_counts(&self, s: Section) -> (usize, usize) {
        let of = |sev| {
            self.findings
                .iter()
                .filter(|f| f.section == s && f.severity == sev)
                .count()
        };
        (of(Severity::Error), of(Severity::Warning))
    }

    fn goto_section(&mut self, s: Section) {
        self.section = s;
        self.rebuild();
        self.first_field();
        self.finding_ix = None;
    }

    /// Handles a key; returns what the application must do.
    pub fn key(&mut self, key: KeyEvent) -> Request {
        let req = self.handle(key);
        // A message set by the key may take more lines and shorten the body: the cursor
        // stays in view all the same.
        self.keep_visible();
        req
    }

    fn handle(&mut self, key: KeyEvent) -> Request {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        match &mut self.mode {
            Mode::Help => {
                self.mode = Mode::Normal;
                Request::None
            }
            Mode::ConfirmQuit => {
                self.mode = Mode::Normal;
                match key.code {
                    KeyCode::Char('y') | KeyCode::Char('Y') => Request::Quit,
                    _ => {
                        self.status = Some("继续编辑；未保存的修改仍在恢复文件中".into());
                        Request::None
                    }
                }
            }
            Mode::ConfirmDelete { table, index } => {
                let (table, index) = (table.clone(), *index);
                self.mode = Mode::Normal;
                if matches!(key.code, KeyCode::Char('y') | KeyCode::Char('Y')) {
                    self.delete_row(&table, index);
                }
                Request::None
            }
            Mode::ConfirmKind { .. } => {
                let yes = matches!(key.code, KeyCode::Char('y') | KeyCode::Char('Y'));
                self.confirm_kind(yes);
                Request::None
            }
            Mode::Save { area } => match key.code {
                KeyCode::Esc => {
                    self.mode = Mode::Normal;
                    self.status = Some("未保存".into());
                    Request::None
                }
                KeyCode::Enter => {
                    let summary = area.lines().join(" ").trim().to_string();
                    if summary.is_empty() {
                        self.status = Some("请写一句修改说明（必填），Esc 取消".into());
                        Request::None
                    } else {
                        self.mode = Mode::Normal;
                        // Kept until the save succeeds, so a failed save does not lose it.
                        self.pending_summary = Some(summary.clone());
                        Request::Save(summary)
                    }
                }
                _ => {
                    area.input(key);
                    Request::None
                }
            },
            Mode::Line { .. } => {
                if text_area_esc(key) {
                    // As in a narrative: Esc (give up the line) and the next key, typed fast.
                    self.cancel();
                    let plain = KeyEvent::new(key.code, key.modifiers - KeyModifiers::ALT);
                    return self.normal_key(plain);
                }
                match key.code {
                    KeyCode::Enter => self.accept(),
                    KeyCode::Esc => self.cancel(),
                    // Readline's kill-to-start, as people expect in a one-line field.
                    KeyCode::Char('u') if ctrl => {
                        if let Mode::Line { area, .. } = &mut self.mode {
                            area.delete_line_by_head();
                        }
                    }
                    _ => {
                        if let Mode::Line { area, .. } = &mut self.mode {
                            area.input(key);
                        }
                    }
                }
                Request::None
            }
            Mode::Text { area, .. } => {
                if text_area_esc(key) {
                    // Esc and the next key, typed fast over SSH, arrive as one Alt-key: finish
                    // the text, then act on the key as if Alt were not held.
                    self.accept();
                    if !matches!(self.mode, Mode::Normal) {
                        return Request::None;
                    }
                    let plain = KeyEvent::new(key.code, key.modifiers - KeyModifiers::ALT);
                    return self.normal_key(plain);
                }
                match key.code {
                    KeyCode::Esc => self.accept(),
                    KeyCode::Char('g') if ctrl => self.cancel(),
                    // Select all: what is typed next replaces it, Backspace clears it.
                    KeyCode::Char('a') if ctrl => {
                        area.select_all();
                        self.status =
                            Some("已全选：输入即替换，Backspace 清空，Ctrl-U 撤销".into());
                    }
                    _ => {
                        self.status = None;
                        area.input(key);
                        self.revision += 1;
                    }
                }
                Request::None
            }
            Mode::Note { .. } => self.note_key(key),
            Mode::Normal => self.normal_key(key),
        }
    }

    fn normal_key(&mut self, key: KeyEvent) -> Request {
        self.status = None;
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        match key.code {
            KeyCode::Char('s') if ctrl => self.start_save(),
            KeyCode::Char('q') if ctrl => return self.quit(),
            KeyCode::Char('q') => return self.quit(),
            KeyCode::Tab => self.goto_section(Section::ALL[(self.section.index() + 1) % 6]),
            KeyCode::BackTab => self.goto_section(Section::ALL[(self.section.index() + 5) % 6]),
            KeyCode::Char(c @ '1'..='6') => {
                self.goto_section(Section::ALL[c as usize - '1' as usize])
            }
            KeyCode::Up | KeyCode::Char('k') => self.move_vertical(-1),
            KeyCode::Down | KeyCode::Char('j') => self.move_vertical(1),
            KeyCode::Left | KeyCode::Char('h') => self.move_horizontal(-1),
            KeyCode::Right | KeyCode::Char('l') => self.move_horizontal(1),
            KeyCode::PageDown => (0..self.height.max(2) - 1).for_each(|_| self.move_vertical(1)),
            KeyCode::PageUp => (0..self.height.max(2) - 1).for_each(|_| self.move_vertical(-1)),
            KeyCode::Home => self.first_field(),
            KeyCode::Enter | KeyCode::Char('e') => self.start_edit(None),
            KeyCode::Char(' ') => self.toggle(),
            KeyCode::Char('f') => self.next_finding(1),
            KeyCode::Char('F') => self.next_finding(-1),
            KeyCode::Char('a') => self.add_row(),
            KeyCode::Char('n') => self.start_note(),
            KeyCode::Char('x') | KeyCode::Delete => self.ask_delete(),
            KeyCode::Char('?') => self.mode = Mode::Help,
            KeyCode::Char('H') => return Request::History,
            KeyCode::Char('B') => return Request::Blame,
            _ => {}
        }
        Request::None
    }

    fn quit(&mut self) -> Request {
        if self.unsaved() {
            self.mode = Mode::ConfirmQuit;
            Request::None
        } else {
            Request::Quit
        }
    }

    fn next_finding(&mut self, dir: isize) {
        let found: Vec<Finding> = self.section_findings().into_iter().cloned().collect();
        if found.is_empty() {
            self.status = Some("本部分没有发现问题".into());
            return;
        }
        let n = found.len();
        let ix = match (self.finding_ix, dir >= 0) {
            (Some(i), true) => (i + 1) % n,
            (Some(i), false) => (i + n - 1) % n,
            (None, true) => 0,
            (None, false) => n - 1,
        };
        self.finding_ix = Some(ix);
        let f = &found[ix];
        // Jump to the row whose field the finding names (or the nearest enclosing one).
        let mut target = f.field.clone();
        loop {
            let hit = self.rows.iter().enumerate().find_map(|(r, row)| {
                row.cells
                    .iter()
                    .position(|c| {
                        c.editable()
                            && (c.path == target || c.path.starts_with(&format!("{target}.")))
                    })
                    .map(|c| (r, c))
            });
            if let Some(pos) = hit {
                self.cursor = pos;
                self.keep_visible();
                break;
            }
            match target.rfind(['.', '[']) {
                Some(i) => target.truncate(i),
                None => break,
            }
        }
        self.status = Some(format!("{}/{} {}", ix + 1, n, f.message));
    }

    fn start_save(&mut self) {
        if !self.invalid.is_empty() {
            let list: Vec<String> = self.invalid.keys().map(|p| self.field_label(p)).collect();
            self.status = Some(format!(
                "有 {} 个无效输入，请修正或放弃后再保存：{}",
                list.len(),
                list.join("、")
            ));
            return;
        }
        if self.current_text() == self.saved {
            self.status = Some("没有未保存的修改".into());
            return;
        }
        self.mode = Mode::Save {
            area: line_area(self.pending_summary.as_deref().unwrap_or("")),
        };
    }

    /// The score change a save would record: `95.97 → 95.47（优）`, `— → 38.02（差）` for the
    /// first save, `— → 未完成` while inputs are missing.
    pub fn score_change(&self) -> String {
        // An incomplete record's partial total is no score: 未完成 alone.
        let new = if self.eval.card.complete {
            format!(
                "{}（{}）",
                num::fixed2(self.eval.card.total),
                self.eval.card.grade
            )
        } else {
            crate::score::INCOMPLETE.to_string()
        };
        // Before the first commit there is no score to compare with: "—", as the message
        // after the save says, not the 0.00 of the empty file.
        match (&self.saved_total, &self.base) {
            (Some((old, _)), b) if *b != crate::store::Base::New => {
                format!("{} → {new}", num::fixed2(*old))
            }
            _ => format!("— → {new}"),
        }
    }

    /// Replaces the edited text (after a merge), keeping the section and the cursor.
    pub fn reload(&mut self, text: &str) -> Result<()> {
        self.doc = doc::parse(&self.repo.record_path(&self.dept, self.year), text)?;
        self.invalid.clear();
        self.refresh();
        Ok(())
    }

    /// After a successful save.
    pub fn saved_as(&mut self, rev: String, text: String) {
        self.pending_summary = None;
        self.saved_total = Some((self.eval.card.total, self.eval.card.grade.clone()));
        self.saved = text;
        self.base = crate::store::Base::Revision(rev);
        self.revision += 1;
    }
}
