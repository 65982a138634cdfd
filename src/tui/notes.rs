//! Review notes (批注) in the editor: each shown on a line under the row of its field, and a
//! reviewer's new note on the field under the cursor (`n`), committed by the next save like
//! any change (the store checks the role).

use super::editor::{Editor, Mode, Request, line_area};
use super::form::{Cell, Kind, Row, Style};
use crate::record::{doc, notes};
use crate::team::Action;
use ratatui::crossterm::event::{KeyCode, KeyEvent};

/// How a note's line starts: the mark that tells it from the form's own rows.
const MARK: &str = "  ✎ 批注";

/// The line that shows a note.
fn note_line(n: &notes::Note, number: usize) -> String {
    let mut s = format!("{MARK}{number}（{}，{}）：{}", n.by, n.status(), n.text);
    if !n.answer.trim().is_empty() {
        s.push_str(&format!("　答复（{}）：{}", n.answered_by, n.answer));
    }
    crate::text::printable_line(&s)
}

fn note_row(text: String) -> Row {
    Row {
        cells: vec![Cell {
            kind: Kind::Label,
            path: String::new(),
            text,
            width: 0,
            column: String::new(),
        }],
        style: Style::Normal,
        table: None,
        context: None,
    }
}

/// Whether a row is a note's line.
fn is_note_row(r: &Row) -> bool {
    matches!(r.cells.as_slice(), [c] if c.kind == Kind::Label && c.text.starts_with(MARK))
}

impl Editor {
    /// The cursor's row among the form's own rows (note lines not counted), so that it
    /// stays on its field when the rows are built again.
    pub(super) fn form_cursor_row(&self) -> usize {
        let above = self.rows[..self.cursor.0.min(self.rows.len())]
            .iter()
            .filter(|r| is_note_row(r))
            .count();
        self.cursor.0 - above
    }

    /// Puts each note of this section on a line under the first row showing its field (or a
    /// field inside it); a note on the section itself, or on a field not shown, goes first.
    pub(super) fn insert_note_rows(&mut self) {
        let all = &self.eval.record.notes;
        if all.is_empty() {
            return;
        }
        let keys = doc::row_keys(&self.doc);
        let section = self.section.id();
        let mut placed: Vec<Vec<String>> = vec![Vec::new(); self.rows.len()];
        let mut top = Vec::new();
        for (i, n) in all.iter().enumerate() {
            let hit = self.rows.iter().position(|r| {
                r.cells
                    .iter()
                    .any(|c| !c.path.is_empty() && n.is_on(&doc::keyed(&keys, &c.path)))
            });
            match hit {
                Some(r) => placed[r].push(note_line(n, i + 1)),
                None => {
                    let head = n.field.split(['.', '/', '[']).next().unwrap_or_default();
                    if head == section {
                        top.push(note_line(n, i + 1));
                    }
                }
            }
        }
        let old = std::mem::take(&mut self.rows);
        let cursor_row = self.cursor.0;
        let mut rows: Vec<Row> = top.into_iter().map(note_row).collect();
        let mut new_cursor = cursor_row + rows.len();
        for (r, (row, lines)) in old.into_iter().zip(placed).enumerate() {
            if r == cursor_row {
                new_cursor = rows.len();
            }
            rows.push(row);
            rows.extend(lines.into_iter().map(note_row));
        }
        self.rows = rows;
        self.cursor.0 = new_cursor;
    }

    /// Opens the prompt for a note on the field under the cursor.
    pub(super) fn start_note(&mut self) {
        let Some(cell) = self.current_cell().filter(|c| !c.path.is_empty()).cloned() else {
            self.status = Some("光标不在字段上：先移到要批注的字段".into());
            return;
        };
        let action = Action::WriteNote {
            dept: self.dept.as_str(),
            year: self.year,
        };
        if let Err(e) = crate::store::allow(&self.repo, action) {
            self.status = Some(e.to_string());
            return;
        }
        let path = doc::keyed(&doc::row_keys(&self.doc), &cell.path);
        let label = self.field_label(&cell.path);
        self.mode = Mode::Note {
            path,
            label,
            area: line_area(""),
        };
    }

    /// A key while the note prompt is open.
    pub(super) fn note_key(&mut self, key: KeyEvent) -> Request {
        let Mode::Note { path, area, .. } = &mut self.mode else {
            return Request::None;
        };
        match key.code {
            KeyCode::Esc => {
                self.mode = Mode::Normal;
                self.status = Some("未写批注".into());
            }
            KeyCode::Enter => {
                let body = area.lines().join(" ").trim().to_string();
                let path = path.clone();
                if body.is_empty() {
                    self.status = Some("请写批注内容，Esc 取消".into());
                    return Request::None;
                }
                self.mode = Mode::Normal;
                self.add_note(&path, &body);
            }
            _ => {
                area.input(key);
            }
        }
        Request::None
    }

    fn add_note(&mut self, path: &str, body: &str) {
        let signer = match crate::store::current_member(&self.repo) {
            Ok(Some((_, m))) => m.id,
            Ok(None) => {
                let who = crate::store::who(&self.repo);
                who.split(" <").next().unwrap_or_default().to_string()
            }
            Err(e) => {
                self.status = Some(e.to_string());
                return;
            }
        };
        let file = self.repo.record_path(&self.dept, self.year);
        match notes::add_note(&file, &self.current_text(), path, &signer, body)
            .and_then(|(text, _)| doc::parse(&file, &text))
        {
            Ok(d) => {
                self.doc = d;
                self.revision += 1;
                self.refresh();
                self.status = Some("批注已加入；Ctrl-S 保存后提交".into());
            }
            Err(e) => self.status = Some(format!("无法加入批注：{e}")),
        }
    }
}
