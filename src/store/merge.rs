//! Field-by-field three-way merge of a record: the fields one side changed are taken from that
//! side; a field both sides changed differently is a conflict. Our changes are applied onto
//! their document with `record::doc::set`/`remove`, so their comments and layout survive.

use crate::error::Result;
use crate::record::doc;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use toml_edit::{DocumentMut, Item, Value};

/// A field that both sides changed differently; values are TOML texts, `None` = absent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Conflict {
    /// The field path (`budget.budget_total`, `targets.indicators[3].actual`).
    pub field: String,
    /// The value where the edit started.
    pub base: Option<String>,
    /// The value someone else committed meanwhile.
    pub theirs: Option<String>,
    /// The value of this edit.
    pub ours: Option<String>,
}

/// The result of a merge: the merged text when there is no conflict.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Merge {
    /// Their text with our one-sided changes applied.
    pub text: String,
    /// Fields changed differently on both sides; when not empty, `text` must not be used.
    pub conflicts: Vec<Conflict>,
}

/// Every field of a document: its TOML text (for comparing) and its value (for applying).
type Fields = BTreeMap<String, (String, Value)>;

fn texts(path: &Path, text: &str) -> Result<(DocumentMut, Fields)> {
    let d = doc::parse(path, text)?;
    let flat = doc::flatten(&d)
        .into_iter()
        .map(|(k, v)| (k, (doc::value_text(&v), v)))
        .collect();
    Ok((d, flat))
}

/// Orders paths so that `x[9]` comes before `x[10]` (rows must be appended in order).
fn natural_key(path: &str) -> Vec<(String, usize)> {
    path.split(['.', '['])
        .map(
            |part| match part.strip_suffix(']').map(str::parse::<usize>) {
                Some(Ok(i)) => (String::new(), i),
                _ => (part.to_string(), 0),
            },
        )
        .collect()
}

/// Drops the tables of arrays of tables that our removals left empty.
fn drop_empty_rows(item: &mut Item) {
    match item {
        Item::Table(t) => {
            for (_, child) in t.iter_mut() {
                drop_empty_rows(child);
            }
        }
        Item::ArrayOfTables(a) => {
            a.retain(|t| !t.is_empty());
            for t in a.iter_mut() {
                for (_, child) in t.iter_mut() {
                    drop_empty_rows(child);
                }
            }
        }
        _ => {}
    }
}

/// Merges `ours` into `theirs`, both edited from `base`. `path` names the record in errors.
pub fn merge3(path: &Path, base: &str, theirs: &str, ours: &str) -> Result<Merge> {
    let (_, b) = texts(path, base)?;
    let (mut out, t) = texts(path, theirs)?;
    let (_, o) = texts(path, ours)?;
    let mut fields: Vec<&String> = b
        .keys()
        .chain(t.keys())
        .chain(o.keys())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    fields.sort_by_cached_key(|f| natural_key(f));
    let mut conflicts = Vec::new();
    let mut removed = false;
    for f in fields {
        let bv = b.get(f).map(|x| &x.0);
        let tv = t.get(f).map(|x| &x.0);
        let ov = o.get(f).map(|x| &x.0);
        if ov == bv || tv == ov {
            continue;
        }
        if tv == bv {
            match o.get(f) {
                Some((_, v)) => doc::set(&mut out, f, v.clone())?,
                None => {
                    doc::remove(&mut out, f)?;
                    removed = true;
                }
            }
            continue;
        }
        conflicts.push(Conflict {
            field: f.clone(),
            base: bv.cloned(),
            theirs: tv.cloned(),
            ours: ov.cloned(),
        });
    }
    if removed {
        for (_, item) in out.as_table_mut().iter_mut() {
            drop_empty_rows(item);
        }
    }
    Ok(Merge {
        text: out.to_string(),
        conflicts,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const BASE: &str = "# 记录\nrubric = \"r\"\n\n[budget]\nbudget_total = 100.00   # 全年支出预算\nspent_total = 90.00\ntext = \"甲\"\n";

    fn m(theirs: &str, ours: &str) -> Merge {
        merge3(Path::new("r.toml"), BASE, theirs, ours).unwrap()
    }

    #[test]
    fn one_sided_changes_merge_and_keep_comments() {
        let theirs = BASE
            .replace("# 记录", "# 记录（他人加注）")
            .replace("90.00", "91.00");
        let ours = BASE.replace("100.00", "101.00").replace("\"甲\"", "\"乙\"");
        let r = m(&theirs, &ours);
        assert!(r.conflicts.is_empty());
        assert_eq!(
            r.text,
            "# 记录（他人加注）\nrubric = \"r\"\n\n[budget]\nbudget_total = 101.00   # 全年支出预算\nspent_total = 91.00\ntext = \"乙\"\n"
        );
    }

    #[test]
    fn same_field_changed_differently_is_a_conflict() {
        let theirs = BASE.replace("90.00", "91.00");
        let ours = BASE.replace("90.00", "92.00");
        let r = m(&theirs, &ours);
        assert_eq!(
            r.conflicts,
            vec![Conflict {
                field: "budget.spent_total".into(),
                base: Some("90.00".into()),
                theirs: Some("91.00".into()),
                ours: Some("92.00".into()),
            }]
        );
        // The same change on both sides is no conflict.
        assert!(m(&theirs, &theirs).conflicts.is_empty());
    }

    #[test]
    fn added_rows_are_appended_in_order_and_removed_ones_dropped() {
        let mut ours = BASE.to_string();
        for i in 0..11 {
            ours.push_str(&format!("\n[[targets.indicators]]\nname = \"指标{i}\"\n"));
        }
        let r = m(BASE, &ours);
        assert!(r.conflicts.is_empty());
        let d = doc::parse(Path::new("r.toml"), &r.text).unwrap();
        assert_eq!(doc::table_count(&d, "targets.indicators"), 11);
        assert_eq!(
            doc::flatten(&d)["targets.indicators[10].name"].as_str(),
            Some("指标10")
        );
        // Removing the last row on our side removes it from theirs.
        let fewer = ours.replace("\n[[targets.indicators]]\nname = \"指标10\"\n", "");
        let r = merge3(Path::new("r.toml"), &ours, &ours, &fewer).unwrap();
        assert_eq!(r.text, fewer);
    }
}
