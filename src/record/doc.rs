//! A record file as fields: flatten its TOML to `path → value` and set one value at a path
//! while keeping the person's comments, key order and layout (toml_edit).
//!
//! Paths are dotted keys with indexes for arrays of tables: `budget.budget_total`,
//! `targets.indicators[3].actual`, `management.inputs.asset-management.override.score`.
//! Arrays of plain values (`pass = [true, false]`, `duties = [...]`) are one field.
//! A row may also be named by its id (`targets.indicators[id=3f9a0c1e].actual`, see
//! `record::rows`), which stays right when other rows are inserted, deleted or moved.

pub use super::rows::ensure_row_ids;

use crate::error::{Error, Result};
use crate::text::record::invalid as t;
use std::collections::BTreeMap;
use std::path::Path;
use toml_edit::{DocumentMut, Item, Table, Value};

/// One step of a path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step<'a> {
    Key(&'a str),
    Index(&'a str, usize),
    /// The row of an array of tables with this id.
    Id(&'a str, &'a str),
}

/// The path of a row named by its id: `targets.indicators[id=3f9a0c1e]`.
pub fn id_path(array: &str, id: &str) -> String {
    format!("{array}[id={id}]")
}

fn steps(path: &str) -> Vec<Step<'_>> {
    path.split('.')
        .map(|part| match part.split_once('[') {
            Some((k, rest)) => {
                let inner = rest.trim_end_matches(']');
                match (inner.strip_prefix("id="), inner.parse()) {
                    (Some(id), _) => Step::Id(k, id),
                    (None, Ok(i)) => Step::Index(k, i),
                    (None, Err(_)) => Step::Key(part),
                }
            }
            None => Step::Key(part),
        })
        .collect()
}

/// Parses a record's text for editing.
pub fn parse(path: &Path, text: &str) -> Result<DocumentMut> {
    text.parse::<DocumentMut>().map_err(|e| {
        let (line, column) = e
            .span()
            .map(|s| crate::tomlio::line_col(text, s.start))
            .unwrap_or((0, 0));
        Error::Syntax {
            path: path.to_path_buf(),
            line,
            column,
            message: crate::text::de::syntax_message(e.message()),
        }
    })
}

/// A value's text without its surrounding spaces and comments (`576431.54`, `"市交通管理局"`).
pub fn value_text(v: &Value) -> String {
    let mut v = v.clone();
    v.decor_mut().clear();
    if let Value::InlineTable(t) = &mut v {
        t.fmt();
    }
    v.to_string().trim().to_string()
}

/// The string inside a value's text, if it is a string.
pub fn as_text(v: &Value) -> Option<&str> {
    v.as_str()
}

/// Adds every field of `t` to `out`, by path under `prefix`.
pub fn flatten_into(prefix: &str, t: &dyn toml_edit::TableLike, out: &mut BTreeMap<String, Value>) {
    flatten_table(prefix, t, out)
}

fn flatten_table(prefix: &str, t: &dyn toml_edit::TableLike, out: &mut BTreeMap<String, Value>) {
    for (k, item) in t.iter() {
        let path = if prefix.is_empty() {
            k.to_string()
        } else {
            format!("{prefix}.{k}")
        };
        flatten_item(&path, item, out);
    }
}

fn flatten_item(path: &str, item: &Item, out: &mut BTreeMap<String, Value>) {
    match item {
        Item::None => {}
        Item::Value(Value::InlineTable(t)) => flatten_table(path, t, out),
        Item::Value(v) => {
            out.insert(path.to_string(), v.clone());
        }
        Item::Table(t) => flatten_table(path, t, out),
        Item::ArrayOfTables(a) => {
            for (i, t) in a.iter().enumerate() {
                flatten_table(&format!("{path}[{i}]"), t, out);
            }
        }
    }
}

/// Every field of a document, by path, in path order.
pub fn flatten(doc: &DocumentMut) -> BTreeMap<String, Value> {
    let mut out = BTreeMap::new();
    flatten_table("", doc.as_table(), &mut out);
    out
}

/// Every field of a document by path, rows of arrays of tables named by their id
/// (`targets.indicators[id=3f9a0c1e].weight`) when they have a unique one, else by index.
pub fn flatten_keyed(doc: &DocumentMut) -> BTreeMap<String, Value> {
    let mut out = BTreeMap::new();
    flatten_table("", doc.as_table(), &mut out);
    let keys = row_keys(doc);
    out.into_iter()
        .map(|(k, v)| (keyed(&keys, &k), v))
        .collect()
}

/// For every row of the document's tables of rows: its index path (`targets.indicators[3]`)
/// and its id path (`targets.indicators[id=3f9a0c1e]`, or the index path when it has no
/// unique id).
pub fn row_keys(doc: &DocumentMut) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for (array, rows) in super::rows::row_arrays(doc) {
        for (i, r) in super::rows::rows_of(rows).into_iter().enumerate() {
            let at = format!("{array}[{i}]");
            let key = match r.id {
                Some(id) => id_path(&array, &id),
                None => at.clone(),
            };
            out.insert(at, key);
        }
    }
    out
}

/// `path` with its row (`x[3]…`) named as in `keys` (from `row_keys`).
pub fn keyed(keys: &BTreeMap<String, String>, path: &str) -> String {
    if let Some(open) = path.find('[')
        && let Some(close) = path[open..].find(']')
    {
        let (row, rest) = path.split_at(open + close + 1);
        if let Some(k) = keys.get(row) {
            return format!("{k}{rest}");
        }
    }
    path.to_string()
}

/// A string value for `s`: multi-line text becomes a `"""` string that reads well by hand.
pub fn text_value(s: &str) -> Value {
    if !s.contains('\n') {
        return Value::from(s);
    }
    let escaped = s.replace('\\', "\\\\").replace("\"\"\"", "\"\"\\\"");
    // A trailing quote would merge with the closing delimiter.
    let escaped = match escaped.strip_suffix('"') {
        Some(rest) => format!("{rest}\\\""),
        None => escaped,
    };
    format!("\"\"\"\n{escaped}\"\"\"")
        .parse::<Value>()
        .unwrap_or_else(|_| Value::from(s))
}

/// A number value written exactly as `text` (already validated by the caller).
pub fn number_value(text: &str) -> Option<Value> {
    text.trim()
        .parse::<Value>()
        .ok()
        .filter(|v| v.is_float() || v.is_integer())
}

fn bad(path: &str, why: &str) -> Error {
    Error::Other(t::field(path, why))
}

/// Sets the value at `path`, creating tables on the way; an existing value keeps its
/// comments and spacing. Appending at index == length adds a table to an array of tables.
/// A path ending in a row (`targets.indicators[id=3f9a0c1e]`) with an inline table value
/// replaces that row's fields, or appends the row when there is none with that id.
pub fn set(doc: &mut DocumentMut, path: &str, value: Value) -> Result<()> {
    set_in(doc.as_table_mut(), path, value)
}

fn row_position(a: &toml_edit::ArrayOfTables, id: &str) -> Option<usize> {
    a.iter().position(|t| super::rows::row_id(t) == Some(id))
}

/// `set` on a table instead of a whole document (a row, for instance).
pub fn set_in(table: &mut dyn toml_edit::TableLike, path: &str, value: Value) -> Result<()> {
    let steps = steps(path);
    let Some((last, parents)) = steps.split_last() else {
        return Err(bad(path, t::EMPTY_PATH));
    };
    let mut table = table;
    for step in parents {
        table = match *step {
            Step::Key(k) => {
                let item = table.entry(k).or_insert(Item::Table(Table::new()));
                match item {
                    Item::Table(t) => t,
                    Item::Value(Value::InlineTable(t)) => t,
                    _ => return Err(bad(path, &t::not_a_table(k))),
                }
            }
            Step::Index(k, i) => {
                // A new record holds `problems = []`: its first row makes it a table of rows
                // (inserted afresh, as the key's spacing of `problems = ` would stay).
                if table
                    .get(k)
                    .and_then(Item::as_array)
                    .is_some_and(|a| a.is_empty())
                {
                    table.remove(k);
                }
                let item = table
                    .entry(k)
                    .or_insert(Item::ArrayOfTables(toml_edit::ArrayOfTables::new()));
                let Item::ArrayOfTables(a) = item else {
                    return Err(bad(path, &t::not_rows(k)));
                };
                if i == a.len() {
                    a.push(Table::new());
                }
                a.get_mut(i).ok_or_else(|| bad(path, &t::no_item(k, i)))?
            }
            Step::Id(k, id) => {
                let a = table
                    .get_mut(k)
                    .and_then(Item::as_array_of_tables_mut)
                    .ok_or_else(|| bad(path, &t::not_rows(k)))?;
                let i = row_position(a, id).ok_or_else(|| bad(path, &t::no_row(k, id)))?;
                a.get_mut(i).ok_or_else(|| bad(path, &t::no_row(k, id)))?
            }
        };
    }
    let key = match (*last, value) {
        (Step::Key(key), value) => (key, value),
        (Step::Id(k, id), Value::InlineTable(fields)) => {
            let item = table
                .entry(k)
                .or_insert(Item::ArrayOfTables(toml_edit::ArrayOfTables::new()));
            let Item::ArrayOfTables(a) = item else {
                return Err(bad(path, &t::not_rows(k)));
            };
            let mut row = fields.into_table();
            row.remove(super::rows::ID_KEY);
            let mut new = Table::new();
            new.insert(super::rows::ID_KEY, toml_edit::value(id));
            for (key, item) in row.iter() {
                new.insert(key, item.clone());
            }
            match row_position(a, id).and_then(|i| a.get_mut(i)) {
                Some(old) => {
                    *new.decor_mut() = old.decor().clone();
                    *old = new;
                }
                None => a.push(new),
            }
            return Ok(());
        }
        _ => {
            return Err(bad(path, t::BAD_PATH_END));
        }
    };
    let (key, value) = key;
    let mut value = value;
    match table.get_mut(key) {
        Some(Item::Value(old)) => {
            *value.decor_mut() = old.decor().clone();
            *old = value;
        }
        Some(other) => *other = Item::Value(value),
        None => {
            table.insert(key, Item::Value(value));
        }
    }
    Ok(())
}

/// Removes the field at `path`; removing a missing field is not an error.
pub fn remove(doc: &mut DocumentMut, path: &str) -> Result<()> {
    remove_in(doc.as_table_mut(), path)
}

/// `remove` on a table instead of a whole document (a row, for instance).
pub fn remove_in(table: &mut dyn toml_edit::TableLike, path: &str) -> Result<()> {
    let steps = steps(path);
    let Some((last, parents)) = steps.split_last() else {
        return Ok(());
    };
    let mut table = table;
    for step in parents {
        let next: Option<&mut dyn toml_edit::TableLike> = match *step {
            Step::Key(k) => match table.get_mut(k) {
                Some(Item::Table(t)) => Some(t),
                Some(Item::Value(Value::InlineTable(t))) => Some(t),
                _ => None,
            },
            Step::Index(k, i) => match table.get_mut(k) {
                Some(Item::ArrayOfTables(a)) => {
                    a.get_mut(i).map(|t| t as &mut dyn toml_edit::TableLike)
                }
                _ => None,
            },
            Step::Id(k, id) => match table.get_mut(k) {
                Some(Item::ArrayOfTables(a)) => row_position(a, id)
                    .and_then(|i| a.get_mut(i))
                    .map(|t| t as &mut dyn toml_edit::TableLike),
                _ => None,
            },
        };
        match next {
            Some(t) => table = t,
            None => return Ok(()),
        }
    }
    match *last {
        Step::Key(k) => {
            table.remove(k);
        }
        Step::Index(k, i) => {
            if let Some(Item::ArrayOfTables(a)) = table.get_mut(k)
                && i < a.len()
            {
                a.remove(i);
            }
        }
        Step::Id(k, id) => {
            if let Some(Item::ArrayOfTables(a)) = table.get_mut(k)
                && let Some(i) = row_position(a, id)
            {
                a.remove(i);
            }
        }
    }
    Ok(())
}

/// The number of tables in the array of tables at `path` (0 when absent).
pub fn table_count(doc: &DocumentMut, path: &str) -> usize {
    let mut item = doc.as_item();
    for k in path.split('.') {
        match item.get(k) {
            Some(i) => item = i,
            None => return 0,
        }
    }
    item.as_array_of_tables().map(|a| a.len()).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "# 记录\nrubric = \"r\"\n\n[budget]\nbudget_total = 576431.54      # 全年支出预算\ntext = \"\"\n\n[[targets.indicators]]\nparent = \"outputs\"\nactual = \"650起\"\n\n[management.inputs.a]\npass = [true, false]\noverride = { score = 3.50, reason = \"x\" }\n";

    #[test]
    fn flattens_to_paths() {
        let doc = parse(Path::new("r.toml"), TEXT).unwrap();
        let f = flatten(&doc);
        let keys: Vec<&str> = f.keys().map(String::as_str).collect();
        assert_eq!(
            keys,
            vec![
                "budget.budget_total",
                "budget.text",
                "management.inputs.a.override.reason",
                "management.inputs.a.override.score",
                "management.inputs.a.pass",
                "rubric",
                "targets.indicators[0].actual",
                "targets.indicators[0].parent",
            ]
        );
        assert_eq!(value_text(&f["budget.budget_total"]), "576431.54");
        assert_eq!(value_text(&f["management.inputs.a.pass"]), "[true, false]");
    }

    #[test]
    fn set_keeps_comments_and_layout() {
        let mut doc = parse(Path::new("r.toml"), TEXT).unwrap();
        set(
            &mut doc,
            "budget.budget_total",
            number_value("576431.55").unwrap(),
        )
        .unwrap();
        set(
            &mut doc,
            "targets.indicators[0].actual",
            Value::from("651起"),
        )
        .unwrap();
        set(
            &mut doc,
            "management.inputs.a.override.score",
            number_value("3.20").unwrap(),
        )
        .unwrap();
        let out = doc.to_string();
        assert!(
            out.contains("budget_total = 576431.55      # 全年支出预算\n"),
            "{out}"
        );
        assert!(out.contains("actual = \"651起\"\n"));
        assert!(
            out.contains("override = { score = 3.20, reason = \"x\" }"),
            "{out}"
        );
        assert!(out.starts_with("# 记录\n"));
        // Nothing else moved.
        assert_eq!(out.lines().count(), TEXT.lines().count());
    }

    #[test]
    fn set_creates_tables_and_appends_rows() {
        let mut doc = parse(Path::new("r.toml"), TEXT).unwrap();
        set(
            &mut doc,
            "targets.indicators[1].parent",
            Value::from("group-b"),
        )
        .unwrap();
        set(
            &mut doc,
            "management.inputs.b.score",
            number_value("4").unwrap(),
        )
        .unwrap();
        assert_eq!(table_count(&doc, "targets.indicators"), 2);
        assert!(set(&mut doc, "targets.indicators[5].parent", Value::from("x")).is_err());
        let again = parse(Path::new("r.toml"), &doc.to_string()).unwrap();
        let f = flatten(&again);
        assert_eq!(
            value_text(&f["targets.indicators[1].parent"]),
            "\"group-b\""
        );
        assert_eq!(value_text(&f["management.inputs.b.score"]), "4");
        remove(&mut doc, "targets.indicators[0]").unwrap();
        assert_eq!(table_count(&doc, "targets.indicators"), 1);
    }

    #[test]
    fn rows_are_named_by_id() {
        let text = "[[t.r]]\nid = \"0000000a\"\nx = 1\n\n[[t.r]]\nid = \"0000000b\"\nx = 2  # 注\n";
        let mut d = parse(Path::new("r.toml"), text).unwrap();
        set(&mut d, "t.r[id=0000000b].x", number_value("3").unwrap()).unwrap();
        assert!(d.to_string().ends_with("id = \"0000000b\"\nx = 3  # 注\n"));
        assert!(set(&mut d, "t.r[id=0000000c].x", number_value("1").unwrap()).is_err());
        // A whole row: appended when no row has the id, its id first.
        let row = "{ x = 5, id = \"x\" }".parse::<Value>().unwrap();
        set(&mut d, "t.r[id=0000000c]", row).unwrap();
        remove(&mut d, "t.r[id=0000000a]").unwrap();
        assert_eq!(
            d.to_string(),
            "\n[[t.r]]\nid = \"0000000b\"\nx = 3  # 注\n\n[[t.r]]\nid = \"0000000c\"\nx = 5\n"
        );
        let keys: Vec<String> = flatten_keyed(&d).into_keys().collect();
        assert_eq!(
            keys,
            [
                "t.r[id=0000000b].id",
                "t.r[id=0000000b].x",
                "t.r[id=0000000c].id",
                "t.r[id=0000000c].x"
            ]
        );
    }

    #[test]
    fn the_first_row_replaces_an_empty_array() {
        let mut d = parse(Path::new("r.toml"), "[conclusion]\nproblems = []\n").unwrap();
        set(&mut d, "conclusion.problems[0].title", Value::from("甲")).unwrap();
        assert_eq!(
            d.to_string(),
            "[conclusion]\n\n[[conclusion.problems]]\ntitle = \"甲\"\n"
        );
    }

    #[test]
    fn multiline_text_round_trips() {
        let mut doc = parse(Path::new("r.toml"), TEXT).unwrap();
        let s = "第一段，含\"引号\"和\\反斜杠。\n\n第二段\"\"\"结尾\"";
        set(&mut doc, "budget.text", text_value(s)).unwrap();
        let out = doc.to_string();
        assert!(out.contains("text = \"\"\"\n第一段"), "{out}");
        let again = parse(Path::new("r.toml"), &out).unwrap();
        assert_eq!(flatten(&again)["budget.text"].as_str(), Some(s));
    }

    #[test]
    fn a_path_through_a_value_says_in_chinese_that_it_is_not_a_table() {
        let mut doc = parse(Path::new("r.toml"), "rubric = \"r\"\n").unwrap();
        let e = set(&mut doc, "rubric.x", Value::from("a")).unwrap_err();
        assert_eq!(e.to_string(), "字段 `rubric.x`：`rubric` 不是表");
    }
}
