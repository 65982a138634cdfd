//! A record file as fields: flatten its TOML to `path → value` and set one value at a path
//! while keeping the person's comments, key order and layout (toml_edit).
//!
//! Paths are dotted keys with indexes for arrays of tables: `budget.budget_total`,
//! `targets.indicators[3].actual`, `management.inputs.asset-management.override.score`.
//! Arrays of plain values (`pass = [true, false]`, `duties = [...]`) are one field.

use crate::error::{Error, Result};
use std::collections::BTreeMap;
use std::path::Path;
use toml_edit::{DocumentMut, Item, Table, Value};

/// One step of a path.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Step<'a> {
    Key(&'a str),
    Index(&'a str, usize),
}

fn steps(path: &str) -> Vec<Step<'_>> {
    path.split('.')
        .map(|part| match part.split_once('[') {
            Some((k, rest)) => match rest.trim_end_matches(']').parse() {
                Ok(i) => Step::Index(k, i),
                Err(_) => Step::Key(part),
            },
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
            message: e.message().trim().to_string(),
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
    Error::Other(format!("field `{path}`: {why}"))
}

/// Sets the value at `path`, creating tables on the way; an existing value keeps its
/// comments and spacing. Appending at index == length adds a table to an array of tables.
pub fn set(doc: &mut DocumentMut, path: &str, value: Value) -> Result<()> {
    let steps = steps(path);
    let Some((last, parents)) = steps.split_last() else {
        return Err(bad(path, "empty path"));
    };
    let mut table: &mut dyn toml_edit::TableLike = doc.as_table_mut();
    for step in parents {
        table = match *step {
            Step::Key(k) => {
                let item = table.entry(k).or_insert(Item::Table(Table::new()));
                match item {
                    Item::Table(t) => t,
                    Item::Value(Value::InlineTable(t)) => t,
                    _ => return Err(bad(path, &format!("`{k}` is not a table"))),
                }
            }
            Step::Index(k, i) => {
                let item = table
                    .entry(k)
                    .or_insert(Item::ArrayOfTables(toml_edit::ArrayOfTables::new()));
                let Item::ArrayOfTables(a) = item else {
                    return Err(bad(path, &format!("`{k}` is not an array of tables")));
                };
                if i == a.len() {
                    a.push(Table::new());
                }
                a.get_mut(i)
                    .ok_or_else(|| bad(path, &format!("`{k}` has no entry {i}")))?
            }
        };
    }
    let Step::Key(key) = *last else {
        return Err(bad(path, "a path ends with a key"));
    };
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
    let steps = steps(path);
    let Some((last, parents)) = steps.split_last() else {
        return Ok(());
    };
    let mut table: &mut dyn toml_edit::TableLike = doc.as_table_mut();
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
            Value::from("open-b"),
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
        assert_eq!(value_text(&f["targets.indicators[1].parent"]), "\"open-b\"");
        assert_eq!(value_text(&f["management.inputs.b.score"]), "4");
        remove(&mut doc, "targets.indicators[0]").unwrap();
        assert_eq!(table_count(&doc, "targets.indicators"), 1);
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
}
