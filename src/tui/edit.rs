//! Editing operations of the record editor: writing a typed value into the record, and
//! adding or removing rows of its tables (表 1, indicators, problems, recommendations).

use super::editor::{Editor, Mode};
use super::form::Kind;
use crate::Error;
use crate::num;
use crate::record::doc;
use toml_edit::{DocumentMut, Value};

impl Editor {
    pub(super) fn table_here(&self) -> Option<(String, usize)> {
        self.rows.get(self.cursor.0).and_then(|r| r.table.clone())
    }

    pub(super) fn add_row(&mut self) {
        let Some((table, _)) = self.table_here() else {
            self.status = Some("光标不在表格中；移到表格（表 1、指标、问题、建议）再按 a".into());
            return;
        };
        let (table, parent) = match table.split_once('@') {
            Some((t, p)) => (t.to_string(), Some(p.to_string())),
            None => (table, None),
        };
        let parent = parent.or_else(|| {
            let (_, i) = self.table_here()?;
            self.eval
                .record
                .targets
                .indicators
                .get(i)
                .map(|it| it.parent.clone())
        });
        let n = doc::table_count(&self.doc, &table);
        let first = match table.as_str() {
            "targets.indicators" => (
                "parent",
                Value::from(parent.unwrap_or_else(|| "outputs".into())),
            ),
            "overview.goals" => ("activity", Value::from("")),
            "conclusion.problems" => ("title", Value::from("")),
            _ => ("title", Value::from("")),
        };
        // The new row's stable id (record::rows), unique among the record's rows.
        let taken = crate::record::rows::row_arrays(&self.doc)
            .iter()
            .flat_map(|(_, a)| a.iter().filter_map(crate::record::rows::row_id))
            .map(str::to_string)
            .collect();
        let id = crate::record::rows::new_row_id(&taken);
        let mut fields = vec![
            (crate::record::rows::ID_KEY, Value::from(id.as_str())),
            first,
        ];
        match table.as_str() {
            "targets.indicators" => {
                fields.extend([
                    ("name", Value::from("")),
                    ("target", Value::from("")),
                    ("actual", Value::from("")),
                    ("weight", Value::from("")),
                ]);
            }
            "overview.goals" => fields.extend([
                ("indicator", Value::from("")),
                ("nature", Value::from("定量")),
                ("value", Value::from("")),
            ]),
            "conclusion.problems" => fields.push(("text", Value::from(""))),
            "recommendations.items" => {
                fields.insert(
                    1,
                    ("problem", Value::from(i64::try_from(n + 1).unwrap_or(1))),
                );
                fields.push(("text", Value::from("")));
            }
            _ => {}
        }
        for (k, v) in fields {
            if let Err(e) = doc::set(&mut self.doc, &format!("{table}[{n}].{k}"), v) {
                self.status = Some(e.to_string());
                return;
            }
        }
        self.revision += 1;
        self.refresh();
        if let Some(r) = self.rows.iter().position(|r| {
            r.table
                .as_ref()
                .is_some_and(|(t, i)| t == &table && *i == n)
        }) {
            self.cursor = (
                r,
                self.rows[r]
                    .cells
                    .iter()
                    .position(|c| c.editable())
                    .unwrap_or(0),
            );
            self.keep_visible();
        }
        self.status = Some("已添加一行".into());
    }

    pub(super) fn ask_delete(&mut self) {
        match self.table_here() {
            Some((table, index)) if index != usize::MAX => {
                let table = table.split('@').next().unwrap_or(&table).to_string();
                self.mode = Mode::ConfirmDelete { table, index };
            }
            _ => self.status = Some("光标不在表格行上".into()),
        }
    }

    pub(super) fn delete_row(&mut self, table: &str, index: usize) {
        if doc::remove(&mut self.doc, &format!("{table}[{index}]")).is_ok() {
            self.invalid
                .retain(|k, _| !k.starts_with(&format!("{table}[")));
            self.revision += 1;
            self.refresh();
            self.status = Some("已删除一行".into());
        }
    }
}

/// Writes what was typed into field `path` of `d`, checking it first; the error says what is
/// allowed.
pub fn set_text(d: &mut DocumentMut, path: &str, kind: Kind, typed: &str) -> Result<(), String> {
    let is_override = path.ends_with(".override.score");
    let value = match kind {
        Kind::Number | Kind::Count => {
            let t = typed.trim();
            if t.is_empty() {
                if is_override {
                    let table = path.trim_end_matches(".score");
                    return doc::remove(d, table).map_err(|e| e.to_string());
                }
                Value::from("")
            } else {
                let v = num::parse_non_negative(t, if kind == Kind::Count { 0 } else { 2 })
                    .map_err(|e| match (kind, e) {
                        (Kind::Count, num::NumError::TooPrecise { text, .. }) => {
                            format!("「{text}」不是整数；请填写整数")
                        }
                        (_, e) => e.to_string(),
                    })?;
                doc::number_value(&v.to_string()).ok_or_else(|| format!("「{t}」不是数字"))?
            }
        }
        Kind::Lines => {
            let mut arr = toml_edit::Array::new();
            typed
                .split('\n')
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .for_each(|l| arr.push(l));
            Value::Array(arr)
        }
        Kind::Multiline => doc::text_value(typed),
        _ => Value::from(typed.trim()),
    };
    if is_override && !doc::flatten(d).contains_key(&path.replace(".score", ".reason")) {
        // A new override: an inline table with an empty reason that check reports until written.
        let table = path.trim_end_matches(".score");
        let mut t = toml_edit::InlineTable::new();
        t.insert("score", value);
        t.insert("reason", Value::from(""));
        return doc::set(d, table, Value::InlineTable(t)).map_err(|e: Error| e.to_string());
    }
    doc::set(d, path, value).map_err(|e| e.to_string())
}
