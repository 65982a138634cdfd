//! The record's tables in the editor (表 1, indicators, problems, recommendations): which
//! table a row belongs to, and adding or removing rows.

use super::editor::{Editor, Mode};
use crate::record::doc;
use crate::section::Section;
use toml_edit::Value;

/// A table of the record whose rows the editor adds and removes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Table {
    /// 表 1 部门整体绩效目标.
    Goals,
    /// The indicators of one open group of the rubric: the section the rubric places it in
    /// (whose `indicators` array holds the rows) and the group's id.
    Indicators(Section, String),
    /// 存在的问题.
    Problems,
    /// 措施建议.
    Recommendations,
}

impl Table {
    /// The record's array of tables holding the rows.
    pub fn path(&self) -> String {
        match self {
            Table::Goals => "overview.goals".into(),
            Table::Indicators(section, _) => format!("{}.indicators", section.id()),
            Table::Problems => "conclusion.problems".into(),
            Table::Recommendations => "recommendations.items".into(),
        }
    }

    /// The name a person knows the table by; indicator groups are named by the rubric.
    pub fn title(&self, ed: &Editor) -> String {
        match self {
            Table::Goals => "表 1 部门整体绩效目标".into(),
            Table::Indicators(_, id) => ed
                .eval
                .rubric
                .nodes
                .iter()
                .find(|n| &n.def.id == id)
                .map(|n| format!("{}指标", n.def.name))
                .unwrap_or_else(|| "指标".into()),
            Table::Problems => "存在的问题".into(),
            Table::Recommendations => "措施建议".into(),
        }
    }

    /// The fields of a new, empty row; `n` is the number of rows before it.
    fn new_row(&self, n: usize) -> Vec<(&'static str, Value)> {
        match self {
            Table::Goals => vec![
                ("activity", Value::from("")),
                ("indicator", Value::from("")),
                ("nature", Value::from("定量")),
                ("value", Value::from("")),
            ],
            Table::Indicators(_, group) => vec![
                ("parent", Value::from(group.as_str())),
                ("name", Value::from("")),
                ("target", Value::from("")),
                ("actual", Value::from("")),
                ("weight", Value::from("")),
            ],
            Table::Problems => vec![("title", Value::from("")), ("text", Value::from(""))],
            Table::Recommendations => vec![
                // A new recommendation answers the problem of the same number, as they pair.
                ("problem", Value::from(i64::try_from(n + 1).unwrap_or(1))),
                ("title", Value::from("")),
                ("text", Value::from("")),
            ],
        }
    }
}

/// Which line of a table a form row shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TableRow {
    /// Row `index` of the record's array (indices count every indicator, whatever its group).
    Row(Table, usize),
    /// The line shown while the table has no rows.
    Empty(Table),
}

impl TableRow {
    /// The table the line belongs to.
    pub fn table(&self) -> &Table {
        match self {
            TableRow::Row(t, _) | TableRow::Empty(t) => t,
        }
    }
}

impl Editor {
    /// The table line under the cursor.
    pub(super) fn table_here(&self) -> Option<TableRow> {
        self.rows.get(self.cursor.0).and_then(|r| r.table.clone())
    }

    /// Adds an empty row at the end of the table under the cursor and moves onto it.
    pub(super) fn add_row(&mut self) {
        let Some(here) = self.table_here() else {
            self.status = Some("光标不在表格中；移到表格（表 1、指标、问题、建议）再按 a".into());
            return;
        };
        let table = here.table().clone();
        let path = table.path();
        let n = doc::table_count(&self.doc, &path);
        // A new record writes an empty table as `items = []`: the first row replaces it.
        let empty_list = matches!(
            doc::flatten(&self.doc).get(&path),
            Some(Value::Array(a)) if a.is_empty()
        );
        if n == 0 && empty_list {
            let _ = doc::remove(&mut self.doc, &path);
        }
        // The new row's stable id first (record::rows), unique among the record's rows.
        let taken = crate::record::rows::row_arrays(&self.doc)
            .iter()
            .flat_map(|(_, a)| a.iter().filter_map(crate::record::rows::row_id))
            .map(str::to_string)
            .collect();
        let id = (
            crate::record::rows::ID_KEY,
            Value::from(crate::record::rows::new_row_id(&taken)),
        );
        for (k, v) in std::iter::once(id).chain(table.new_row(n)) {
            if let Err(e) = doc::set(&mut self.doc, &format!("{path}[{n}].{k}"), v) {
                self.status = Some(format!("无法添加：{e}"));
                return;
            }
        }
        self.revision += 1;
        self.refresh();
        let wanted = TableRow::Row(table.clone(), n);
        if let Some(r) = self
            .rows
            .iter()
            .position(|r| r.table.as_ref() == Some(&wanted))
        {
            let c = self.rows[r]
                .cells
                .iter()
                .position(|c| c.editable())
                .unwrap_or(0);
            self.cursor = (r, c);
            self.keep_visible();
        }
        self.status = Some(format!("已在「{}」添加一行", table.title(self)));
    }

    /// Asks before removing the table row under the cursor.
    pub(super) fn ask_delete(&mut self) {
        match self.table_here() {
            Some(TableRow::Row(table, index)) => {
                self.mode = Mode::ConfirmDelete { table, index };
            }
            _ => self.status = Some("光标不在表格行上".into()),
        }
    }

    /// Removes row `index` of `table`.
    pub(super) fn delete_row(&mut self, table: &Table, index: usize) {
        let path = table.path();
        if doc::remove(&mut self.doc, &format!("{path}[{index}]")).is_ok() {
            self.invalid
                .retain(|k, _| !k.starts_with(&format!("{path}[")));
            self.revision += 1;
            self.refresh();
            self.status = Some(format!("已从「{}」删除一行", table.title(self)));
        }
    }

    /// The row number a person sees for a table row: indicators count within their group.
    pub fn row_number(&self, table: &Table, index: usize) -> usize {
        match table {
            Table::Indicators(section, group) => self
                .eval
                .record
                .items(*section)
                .iter()
                .take(index + 1)
                .filter(|it| &it.parent == group)
                .count(),
            _ => index + 1,
        }
    }
}
