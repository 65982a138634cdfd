//! Extra columns a form gives the record's own indicators (是否核心指标, 得分系数 …):
//! `[[column]]` declares them; each row under an open group may hold a value for each column
//! that applies to its group (`columns = { core = true }`), which the editor shows and edits
//! and the 附件 prints. They record what the form asks; no scoring rule reads them.

use crate::text::rubric::checks as zh;
use serde::Deserialize;

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ColumnKind {
    /// Any text.
    #[default]
    Text,
    /// 是 / 否 (true / false in the record).
    Flag,
    /// A non-negative number with at most `decimals` decimals (得分系数 0.95).
    Number,
}

/// A column of the record's own indicators, as the rubric declares it (`[[column]]`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ColumnDef {
    /// The key in a row's `columns` table (`core`).
    pub id: String,
    /// The column head (是否核心指标).
    pub label: String,
    #[serde(default)]
    pub kind: ColumnKind,
    /// Decimals a number takes (default 2).
    #[serde(default)]
    pub decimals: Option<u32>,
    /// The open groups whose rows have it, by id; every open group when empty.
    #[serde(default)]
    pub groups: Vec<String>,
}

impl ColumnDef {
    /// Whether rows under the open group `group` have this column.
    pub fn applies_to(&self, group: &str) -> bool {
        self.groups.is_empty() || self.groups.iter().any(|g| g == group)
    }

    /// Decimals a number takes.
    pub fn decimals(&self) -> u32 {
        self.decimals.unwrap_or(2)
    }
}

/// A row's value of a column, typed by its declaration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ColumnValue {
    Flag(bool),
    Text(String),
    Number(rust_decimal::Decimal),
}

impl ColumnValue {
    /// The value as forms and the 附件 print it: 是 / 否, the text, the number with the
    /// column's decimals.
    pub fn show(&self, def: &ColumnDef) -> String {
        match self {
            ColumnValue::Flag(b) => crate::text::record::yes_no(*b).into(),
            ColumnValue::Text(t) => t.clone(),
            ColumnValue::Number(n) => format!("{:.*}", def.decimals() as usize, n),
        }
    }
}

/// Problems of the column declarations on their own, as (field, message).
pub fn problems(columns: &[ColumnDef]) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (i, c) in columns.iter().enumerate() {
        let at = |f: &str| format!("column[{i}].{f}");
        if !super::valid_id(&c.id) {
            out.push((at("id"), crate::text::rubric::invalid_id(&c.id)));
        }
        if columns[..i].iter().any(|x| x.id == c.id) {
            out.push((at("id"), zh::declared_twice(&c.id)));
        }
        if c.label.trim().is_empty() {
            out.push((at("label"), zh::COLUMN_WITHOUT_LABEL.into()));
        }
        match (c.kind, c.decimals) {
            (ColumnKind::Number, Some(d)) if d > super::inputs::MAX_DECIMALS => out.push((
                at("decimals"),
                zh::decimals_max(super::inputs::MAX_DECIMALS),
            )),
            (ColumnKind::Text | ColumnKind::Flag, Some(_)) => {
                out.push((at("decimals"), zh::COLUMN_DECIMALS_NUMBER.into()))
            }
            _ => {}
        }
    }
    out
}
