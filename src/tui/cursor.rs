//! The editor's cursor: which cells it stops on and how it moves between rows. It stops on
//! every cell a person can act on (fields, checklist answers, the line of an empty table).

use super::editor::Editor;
use super::form::Row;

/// Whether moving from row `a` to row `b` stays in the same column: only between rows of
/// one table with the same cells. Anywhere else the cursor lands on the first cell a person
/// can act on, so entering a table never starts on a column chosen by the row above.
fn same_columns(a: &Row, b: &Row) -> bool {
    match (&a.table, &b.table) {
        (Some(x), Some(y)) => x.table() == y.table() && a.cells.len() == b.cells.len(),
        _ => false,
    }
}

impl Editor {
    /// Whether the cursor can stop on cell (row, column).
    pub(super) fn cell_ok(&self, (r, c): (usize, usize)) -> bool {
        self.rows
            .get(r)
            .and_then(|row| row.cells.get(c))
            .is_some_and(|c| c.editable())
    }

    /// The first cell of the section the cursor can stop on, scrolled to the top.
    pub(super) fn first_field(&mut self) {
        self.scroll = 0;
        self.cursor = self
            .rows
            .iter()
            .enumerate()
            .find_map(|(r, row)| row.cells.iter().position(|c| c.editable()).map(|c| (r, c)))
            .unwrap_or((0, 0));
        self.keep_visible();
    }

    /// One stop up (-1) or down (1).
    pub(super) fn move_vertical(&mut self, dir: isize) {
        let from = self.cursor;
        let mut r = from.0 as isize;
        loop {
            r += dir;
            if r < 0 || r as usize >= self.rows.len() {
                return;
            }
            let row = &self.rows[r as usize];
            let keep = self
                .rows
                .get(from.0)
                .is_some_and(|here| same_columns(here, row))
                && row.cells.get(from.1).is_some_and(|c| c.editable());
            let col = if keep {
                Some(from.1)
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

    /// One stop left (-1) or right (1) within the row.
    pub(super) fn move_horizontal(&mut self, dir: isize) {
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

    /// Scrolls so the cursor's row, and the line under it, are in the body.
    pub(super) fn keep_visible(&mut self) {
        let lines = self.row_lines();
        let Some(&line) = lines.get(self.cursor.0) else {
            return;
        };
        let h = self.body_height().max(1);
        if line < self.scroll {
            self.scroll = line;
        } else if line + 1 >= self.scroll + h {
            self.scroll = line + 2 - h.min(line + 2);
        }
    }
}
