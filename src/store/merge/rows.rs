//! Merging the rows of every array of tables, matched by id.

use super::{Conflict, Fields, merge_fields, texts_of};
use crate::error::{Error, Result};
use crate::record::doc;
use crate::record::rows::{self, ID_KEY, Row};
use std::collections::{BTreeMap, BTreeSet};
use toml_edit::{ArrayOfTables, DocumentMut, Item, Table, Value};

/// Which row a row is: a base row, or a row only theirs or only ours has (by index).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Key {
    Base(usize),
    Theirs(usize),
    Ours(usize),
}

/// The rows of one version of an array of tables.
struct Side {
    tables: Vec<Table>,
    rows: Vec<Row>,
    keys: Vec<Key>,
}

impl Side {
    fn new(a: Option<&ArrayOfTables>) -> Side {
        let tables: Vec<Table> = a.map(|a| a.iter().cloned().collect()).unwrap_or_default();
        let rows = a.map(rows::rows_of).unwrap_or_default();
        Side {
            tables,
            rows,
            keys: Vec::new(),
        }
    }

    fn index(&self, k: Key) -> Option<usize> {
        self.keys.iter().position(|x| *x == k)
    }
}

/// All fields of a row but its id, nested rows included by index.
fn row_fields(t: &Table) -> Fields {
    let mut flat = BTreeMap::new();
    doc::flatten_into("", t, &mut flat);
    flat.into_iter()
        .filter(|(k, _)| k != ID_KEY)
        .map(|(k, v)| (k, (doc::value_text(&v), v)))
        .collect()
}

/// A row as one TOML value, for showing a deleted-versus-edited row.
fn row_text(t: &Table) -> String {
    let mut it = t.clone().into_inline_table();
    it.fmt();
    doc::value_text(&Value::InlineTable(it))
}

/// Whether the side's rows that are base rows are in another order than in base.
fn reordered(side: &Side) -> bool {
    let order: Vec<usize> = side
        .keys
        .iter()
        .filter_map(|k| match k {
            Key::Base(i) => Some(*i),
            _ => None,
        })
        .collect();
    order.windows(2).any(|w| w[0] > w[1])
}

/// The result's rows: the primary side's order, the other side's rows placed after the row
/// they follow there (or before the row they precede, or last).
fn order(primary: &Side, other: &Side, keep: &BTreeSet<Key>) -> Vec<Key> {
    let mut out: Vec<Key> = primary
        .keys
        .iter()
        .copied()
        .filter(|k| keep.contains(k))
        .collect();
    for (j, k) in other.keys.iter().enumerate() {
        if !keep.contains(k) || out.contains(k) {
            continue;
        }
        let after = other.keys[..j]
            .iter()
            .rev()
            .find_map(|p| out.iter().position(|x| x == p));
        let at = match after {
            Some(p) => p + 1,
            None => other.keys[j + 1..]
                .iter()
                .find_map(|n| out.iter().position(|x| x == n))
                .unwrap_or(out.len()),
        };
        out.insert(at, *k);
    }
    out
}

/// Every array of tables of the three documents, in document order (theirs first).
fn array_paths(docs: [&DocumentMut; 3]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for d in [docs[1], docs[2], docs[0]] {
        for (p, _) in rows::row_arrays(d) {
            if !out.contains(&p) {
                out.push(p);
            }
        }
    }
    out
}

fn array<'a>(d: &'a DocumentMut, path: &str) -> Option<&'a ArrayOfTables> {
    let mut item = d.as_item();
    for k in path.split('.') {
        item = item.get(k)?;
    }
    item.as_array_of_tables()
}

/// Puts `rows` at `path` of `out`, in place of what is there (an empty `x = []` included).
fn put_rows(out: &mut DocumentMut, path: &str, rows: ArrayOfTables) -> Result<()> {
    let keys: Vec<&str> = path.split('.').collect();
    let Some((last, parents)) = keys.split_last() else {
        return Ok(());
    };
    let mut table = out.as_table_mut();
    for k in parents {
        let item = table.entry(k).or_insert_with(|| {
            let mut t = Table::new();
            t.set_implicit(true);
            Item::Table(t)
        });
        table = item
            .as_table_mut()
            .ok_or_else(|| Error::Other(crate::text::store::not_a_table(path, k)))?;
    }
    match table.get(last) {
        None | Some(Item::ArrayOfTables(_)) => {}
        Some(Item::Value(Value::Array(a))) if a.is_empty() => {}
        Some(_) if rows.is_empty() => return Ok(()),
        Some(_) => {
            return Err(Error::Other(crate::text::store::rows_against_value(path)));
        }
    }
    if rows.is_empty() {
        if matches!(table.get(last), Some(Item::ArrayOfTables(_))) {
            table.remove(last);
        }
    } else {
        table.insert(last, Item::ArrayOfTables(rows));
    }
    Ok(())
}

/// Merges the rows of every array of tables of `o` into `out`, both edited from `b`.
pub(super) fn merge_all(
    b: &DocumentMut,
    out: &mut DocumentMut,
    o: &DocumentMut,
    conflicts: &mut Vec<Conflict>,
) -> Result<()> {
    for path in array_paths([b, out, o]) {
        let base = Side::new(array(b, &path));
        let theirs = Side::new(array(out, &path));
        let ours = Side::new(array(o, &path));
        if let Some(rows) = merge_array(&path, base, theirs, ours, conflicts)? {
            put_rows(out, &path, rows)?;
        }
    }
    Ok(())
}

/// Merges one array of tables; `None` when theirs stays as it is.
fn merge_array(
    path: &str,
    mut base: Side,
    mut theirs: Side,
    mut ours: Side,
    conflicts: &mut Vec<Conflict>,
) -> Result<Option<ArrayOfTables>> {
    base.keys = (0..base.rows.len()).map(Key::Base).collect();
    theirs.keys = rows::match_rows(&base.rows, &theirs.rows)
        .into_iter()
        .enumerate()
        .map(|(j, m)| m.map(Key::Base).unwrap_or(Key::Theirs(j)))
        .collect();
    ours.keys = rows::match_rows(&base.rows, &ours.rows)
        .into_iter()
        .enumerate()
        .map(|(j, m)| match m {
            Some(i) => Key::Base(i),
            // A row both inserted with the same id is one row.
            None => ours.rows[j]
                .id
                .as_ref()
                .and_then(|id| {
                    theirs.keys.iter().enumerate().find_map(|(k, key)| {
                        (matches!(key, Key::Theirs(_)) && theirs.rows[k].id.as_ref() == Some(id))
                            .then_some(*key)
                    })
                })
                .unwrap_or(Key::Ours(j)),
        })
        .collect();
    let mut all: Vec<Key> = base.keys.clone();
    all.extend(theirs.keys.iter().filter(|k| !matches!(k, Key::Base(_))));
    all.extend(ours.keys.iter().filter(|k| matches!(k, Key::Ours(_))));
    let mut keep = BTreeSet::new();
    let mut changed = false;
    let mut tables: Vec<Table> = theirs.tables.clone();
    let taken: BTreeSet<String> = theirs.rows.iter().filter_map(|r| r.id.clone()).collect();
    for k in all {
        let (bi, tj, ok) = (base.index(k), theirs.index(k), ours.index(k));
        let bt = bi.map(|i| &base.tables[i]);
        let tt = tj.map(|j| &theirs.tables[j]);
        let ot = ok.map(|j| &ours.tables[j]);
        let id = [tt, ot, bt]
            .into_iter()
            .flatten()
            .find_map(|t| rows::row_id(t).map(str::to_string));
        let row_path = match &id {
            Some(id) => doc::id_path(path, id),
            None => format!("{path}[{}]", tj.or(ok).or(bi).unwrap_or(0)),
        };
        let row_label = match [tt, ot, bt].into_iter().flatten().find_map(rows::row_name) {
            Some(n) => crate::text::store::named_row(path, &n),
            None => row_path.clone(),
        };
        let empty = Fields::new();
        let fields = |t: Option<&Table>| t.map(row_fields).unwrap_or_default();
        let (bf, tf, of) = (fields(bt), fields(tt), fields(ot));
        match (bi, tj, ok) {
            (_, Some(j), Some(jo)) => {
                keep.insert(k);
                let bf = if bi.is_some() { &bf } else { &empty };
                let Some(row) = tables.get_mut(j) else {
                    continue;
                };
                let before = row.to_string();
                for f in merge_fields(row, bf, &tf, &of)? {
                    let [base_v, theirs_v, ours_v] = texts_of(&f, bf, &tf, &of);
                    conflicts.push(Conflict {
                        field: format!("{row_path}.{f}"),
                        label: format!("{row_label}.{f}"),
                        base: base_v,
                        theirs: theirs_v,
                        ours: ours_v,
                    });
                }
                // A row only ours gave an id (theirs was written before rows had ids).
                if rows::row_id(row).is_none()
                    && let Some(oid) = rows::row_id(&ours.tables[jo])
                    && !taken.contains(oid)
                {
                    *row = rows::with_id_first(row, oid);
                }
                changed |= row.to_string() != before;
            }
            // Deleted by us: a conflict when they edited it.
            (Some(i), Some(j), None) => {
                if theirs.rows[j].fields == base.rows[i].fields {
                    changed = true;
                } else {
                    keep.insert(k);
                    conflicts.push(row_conflict(&row_path, &row_label, [bt, tt, None]));
                }
            }
            // Deleted by them: a conflict when we edited it.
            (Some(i), None, Some(j)) => {
                if ours.rows[j].fields != base.rows[i].fields {
                    conflicts.push(row_conflict(&row_path, &row_label, [bt, None, ot]));
                }
            }
            (None, Some(_), None) => {
                keep.insert(k);
            }
            // Inserted by us.
            (None, None, Some(_)) => {
                keep.insert(k);
                changed = true;
            }
            (_, None, None) => {}
        }
    }
    // Order is not a field: when both moved rows, theirs wins, without a conflict.
    let primary_is_ours = !reordered(&theirs) && reordered(&ours);
    let result = if primary_is_ours {
        order(&ours, &theirs, &keep)
    } else {
        order(&theirs, &ours, &keep)
    };
    if !changed && result == theirs.keys {
        return Ok(None);
    }
    let first_position = theirs.tables.iter().filter_map(Table::position).min();
    let mut out = ArrayOfTables::new();
    for (n, k) in result.iter().enumerate() {
        let mut t = match theirs.index(*k) {
            Some(j) => tables[j].clone(),
            None => match ours.index(*k) {
                Some(j) => ours.tables[j].clone(),
                None => continue,
            },
        };
        // Later rows take the first row's place in the document: a table without a position
        // is printed where the table before it is.
        t.set_position(if n == 0 { first_position } else { None });
        out.push(t);
    }
    Ok(Some(out))
}

fn row_conflict(path: &str, label: &str, [b, t, o]: [Option<&Table>; 3]) -> Conflict {
    Conflict {
        field: path.to_string(),
        label: label.to_string(),
        base: b.map(row_text),
        theirs: t.map(row_text),
        ours: o.map(row_text),
    }
}
