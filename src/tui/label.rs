//! The names a person knows fields by (本年支出合计, 表 1 第 2 行 性质), for prompts and
//! messages, instead of the record's TOML paths.

use super::editor::Editor;
use super::form::{self, Cell, Row, Values};
use super::table::{Table, TableRow};
use crate::section::Section;

impl Table {
    /// How one row of the table is named: 表 1 第 2 行, 产出 第 1 行, 问题 3, 建议 1.
    fn item(&self, ed: &Editor, index: usize) -> String {
        let n = ed.row_number(self, index);
        match self {
            Table::Goals => format!("表 1 第 {n} 行"),
            Table::Indicators(_, id) => {
                let group = ed
                    .eval
                    .rubric
                    .nodes
                    .iter()
                    .find(|g| &g.def.id == id)
                    .map(|g| g.def.name.clone())
                    .unwrap_or_else(|| "指标".into());
                format!("{group} 第 {n} 行")
            }
            Table::Problems => format!("问题 {n}"),
            Table::Recommendations => format!("建议 {n}"),
        }
    }
}

impl Editor {
    /// The name of `cell` in `row`: its table column or the row's caption, with the table
    /// row it belongs to.
    pub fn cell_label(&self, row: &Row, cell: &Cell) -> String {
        let caption = row
            .cells
            .first()
            .filter(|c| !c.editable())
            .map(|c| c.text.trim().trim_start_matches('└').trim().to_string())
            .unwrap_or_default();
        let name = if cell.column.is_empty() {
            caption
        } else {
            cell.column.to_string()
        };
        match &row.table {
            Some(TableRow::Row(t, i)) => {
                let item = t.item(self, *i);
                if name.starts_with(&item) {
                    name
                } else {
                    format!("{item} {}", name.trim_start_matches(&item).trim())
                }
            }
            _ => match &row.context {
                Some(indicator) => format!("{indicator} {name}"),
                None => name,
            },
        }
    }

    /// The name of the field at `path`, looked up in every section; the path itself when no
    /// row shows it.
    pub fn field_label(&self, path: &str) -> String {
        let values = Values::of(&self.doc);
        for s in Section::ALL {
            for row in form::rows(s, &self.eval, &values) {
                if let Some(cell) = row.cells.iter().find(|c| c.path == path) {
                    return self.cell_label(&row, cell);
                }
            }
        }
        path.to_string()
    }

    /// The prompt's label for the field under the cursor.
    pub fn prompt_label(&self) -> String {
        self.rows
            .get(self.cursor.0)
            .and_then(|row| {
                row.cells
                    .get(self.cursor.1)
                    .map(|cell| self.cell_label(row, cell))
            })
            .unwrap_or_default()
    }
}
