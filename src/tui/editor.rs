//! The record editor's state and its update function: key events become actions, actions
//! change the state; rendering (view.rs) only reads it.

use super::edit::set_text;
use super::form::{self, Kind, Row, Values};
use crate::Result;
use crate::finding::{Finding, Severity};
use crate::num;
use crate::record::doc;
use crate::repo::{Dept, Evaluation, Repo};
use crate::section::Section;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui_textarea::{TextArea, WrapMode};
use std::collections::BTreeMap;
use toml_edit::{DocumentMut, Value};

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
    /// Unsaved changes: quit anyway?
    ConfirmQuit,
    /// Remove a table row?
    ConfirmDelete { table: String, index: usize },
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
    /// Body height in lines, as last drawn.
    pub height: usize,
    /// Values typed that are not valid, by field: (as typed, why).
    pub invalid: BTreeMap<String, (String, String)>,
    pub mode: Mode,
    /// A message for the person, shown until the next key.
    pub status: Option<String>,
    /// Counts changes, so the runner knows when to write the recovery file.
    pub revision: u64,
    finding_ix: Option<usize>,
}

fn line_area(text: &str) -> TextArea<'static> {
    let mut a = TextArea::new(vec![text.replace('\n', " ")]);
    a.move_cursor(ratatui_textarea::CursorMove::End);
    a.set_cursor_line_style(ratatui::style::Style::default());
    a
}

fn text_area(text: &str) -> TextArea<'static> {
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

    fn rebuild(&mut self) {
        self.rows = form::rows(self.section, &self.eval, &Values::of(&self.doc));
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

    fn cell_ok(&self, (r, c): (usize, usize)) -> bool {
        self.rows
            .get(r)
            .and_then(|row| row.cells.get(c))
            .is_some_and(|c| c.editable())
    }

    fn first_field(&mut self) {
        self.scroll = 0;
        self.cursor = self
            .rows
            .iter()
            .enumerate()
            .find_map(|(r, row)| row.cells.iter().position(|c| c.editable()).map(|c| (r, c)))
            .unwrap_or((0, 0));
        self.keep_visible();
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

    fn move_vertical(&mut self, dir: isize) {
        let mut r = self.cursor.0 as isize;
        loop {
            r += dir;
            if r < 0 || r as usize >= self.rows.len() {
                return;
            }
            let row = &self.rows[r as usize];
            // Keep the column when the next row has an editable cell there (tables).
            let col = if row.cells.get(self.cursor.1).is_some_and(|c| c.editable()) {
                Some(self.cursor.1)
            } else {
                row.cells.iter().position(|c| c.editable())
            };
            if let Some(c) = col {
                self.cursor = (r as usize, c);
                self.keep_visible();
                return;
            }
        }
    }

    fn move_horizontal(&mut self, dir: isize) {
        let Some(row) = self.rows.get(self.cursor.0) else {
            return;
        };
        let mut c = self.cursor.1 as isize;
        loop {
            c += dir;
            if c < 0 || c as usize >= row.cells.len() {
                return;
            }
            if row.cells[c as usize].editable() {
                self.cursor.1 = c as usize;
                return;
            }
        }
    }

    /// The body line of each row (rows with an invalid value take two).
    pub fn row_lines(&self) -> Vec<usize> {
        let mut at = 0;
        self.rows
            .iter()
            .map(|r| {
                let here = at;
                at += 1 + usize::from(
                    r.cells
                        .iter()
                        .any(|c| self.invalid.contains_key(&c.path) && !c.path.is_empty()),
                );
                here
            })
            .collect()
    }

    pub(super) fn keep_visible(&mut self) {
        let lines = self.row_lines();
        let Some(&line) = lines.get(self.cursor.0) else {
            return;
        };
        let h = self.height.max(1);
        if line < self.scroll {
            self.scroll = line;
        } else if line + 1 >= self.scroll + h {
            self.scroll = line + 2 - h.min(line + 2);
        }
    }

    fn goto_section(&mut self, s: Section) {
        self.section = s;
        self.rebuild();
        self.first_field();
        self.finding_ix = None;
    }

    /// Handles a key; returns what the application must do.
    pub fn key(&mut self, key: KeyEvent) -> Request {
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
                        Request::Save(summary)
                    }
                }
                _ => {
                    area.input(key);
                    Request::None
                }
            },
            Mode::Line { .. } => {
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
                match key.code {
                    KeyCode::Esc => self.accept(),
                    KeyCode::Char('g') if ctrl => self.cancel(),
                    _ => {
                        area.input(key);
                        self.revision += 1;
                    }
                }
                Request::None
            }
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

    /// Text pasted from the terminal (bracketed paste).
    pub fn paste(&mut self, text: &str) {
        match &mut self.mode {
            Mode::Line { area, .. } | Mode::Save { area } => {
                area.insert_str(text.replace(['\r', '\n'], " "));
            }
            Mode::Text { area, .. } => {
                area.insert_str(text.replace("\r\n", "\n").replace('\r', "\n"));
                self.revision += 1;
            }
            Mode::Normal => self.start_edit(Some(text)),
            _ => {}
        }
    }

    fn start_edit(&mut self, paste: Option<&str>) {
        let Some(cell) = self.current_cell().cloned() else {
            return;
        };
        if matches!(cell.kind, Kind::Check { .. }) {
            self.toggle();
            return;
        }
        if !cell.editable() {
            return;
        }
        let current = self
            .invalid
            .get(&cell.path)
            .map(|(t, _)| t.clone())
            .unwrap_or(cell.text.clone());
        let label = self.rows[self.cursor.0]
            .cells
            .first()
            .map(|c| c.text.trim().to_string())
            .unwrap_or_default();
        match cell.kind {
            Kind::Multiline | Kind::Lines => {
                let mut area = text_area(&current);
                area.move_cursor(ratatui_textarea::CursorMove::Bottom);
                area.move_cursor(ratatui_textarea::CursorMove::End);
                if let Some(p) = paste {
                    area.insert_str(p);
                }
                self.mode = Mode::Text {
                    path: cell.path,
                    kind: cell.kind,
                    label,
                    area,
                };
            }
            _ => {
                let mut area = line_area(&current);
                if let Some(p) = paste {
                    area.insert_str(p.replace(['\r', '\n'], " "));
                }
                self.mode = Mode::Line {
                    path: cell.path,
                    kind: cell.kind,
                    area,
                };
            }
        }
    }

    fn cancel(&mut self) {
        if let Mode::Line { path, .. } | Mode::Text { path, .. } = &self.mode
            && self.invalid.remove(path).is_some()
        {
            self.status = Some("已放弃无效输入".into());
        }
        self.mode = Mode::Normal;
        self.rebuild();
    }

    fn accept(&mut self) {
        let mode = std::mem::replace(&mut self.mode, Mode::Normal);
        let (path, kind, typed) = match mode {
            Mode::Line { path, kind, area } => (path, kind, area.lines().join("")),
            Mode::Text {
                path, kind, area, ..
            } => (path, kind, area.lines().join("\n")),
            other => {
                self.mode = other;
                return;
            }
        };
        match set_text(&mut self.doc, &path, kind, &typed) {
            Ok(()) => {
                self.invalid.remove(&path);
                self.revision += 1;
                self.refresh();
            }
            Err(why) => {
                self.invalid.insert(path, (typed, why));
                self.revision += 1;
                self.rebuild();
            }
        }
    }

    fn toggle(&mut self) {
        let Some(cell) = self.current_cell().cloned() else {
            return;
        };
        let Kind::Check { index, len } = cell.kind else {
            return;
        };
        let mut pass = Values::of(&self.doc).bools(&cell.path);
        // A checklist not assessed yet starts as all 合格, so every item shows its state.
        pass.resize(len, true);
        if let Some(p) = pass.get_mut(index) {
            *p = if cell.text == "未评" { true } else { !*p };
        }
        let mut arr = toml_edit::Array::new();
        pass.iter().for_each(|b| arr.push(*b));
        if doc::set(&mut self.doc, &cell.path, Value::Array(arr)).is_ok() {
            self.revision += 1;
            self.refresh();
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
            let list: Vec<&str> = self.invalid.keys().map(String::as_str).collect();
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
            area: line_area(""),
        };
    }

    /// The score change a save would record: `95.97 → 95.47（优）`.
    pub fn score_change(&self) -> String {
        let new = format!(
            "{}（{}）",
            num::fixed2(self.eval.card.total),
            self.eval.card.grade
        );
        match &self.saved_total {
            Some((old, _)) => format!("{} → {new}", num::fixed2(*old)),
            None => format!("新建 → {new}"),
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
        self.saved_total = Some((self.eval.card.total, self.eval.card.grade.clone()));
        self.saved = text;
        self.base = crate::store::Base::Revision(rev);
        self.revision += 1;
    }

    /// Values typed but not in the record: the one-line field being typed (before Enter) and
    /// values that are not valid yet, as (field, text typed).
    pub fn pending_inputs(&self) -> Vec<(String, String)> {
        let mut out: Vec<(String, String)> = self
            .invalid
            .iter()
            .map(|(p, (t, _))| (p.clone(), t.clone()))
            .collect();
        if let Mode::Line { path, area, .. } = &self.mode {
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
