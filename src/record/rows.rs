//! Stable row identities: every row of an array of tables (`[[targets.indicators]]`,
//! `[[overview.goals]]` …) carries an `id` key that jixiao adds and keeps, so that merges,
//! diffs and blame follow a row when other rows are inserted, deleted or moved.
//!
//! An id is 8 lowercase hex digits (`id = "3f9a0c1e"`), unique within the record. Any array
//! of tables reachable through plain tables is a table of rows; nothing here knows the
//! record's field names. Arrays of tables nested inside a row are fields of that row.
//!
//! A duplicate id (a row copied by hand with its id) is not an error: the later copy gets a
//! new id on the next save, as the copy is the new row. An id that is not a string is an
//! error naming the file and the field.

use crate::error::{Error, Result};
use crate::text::record::invalid::ROW_ID_NOT_TEXT;
use std::collections::{BTreeMap, BTreeSet};
use std::hash::{BuildHasher, Hasher};
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use toml_edit::{ArrayOfTables, DocumentMut, Item, Table};

/// The key of a row's identity.
pub const ID_KEY: &str = "id";

/// A fresh row id not in `taken`.
///
/// The std hasher's per-process random keys (seeded by the OS) mixed with the time, the
/// process id and a counter give ids that differ between two writers adding rows to the same
/// record at the same moment, without a new dependency for a random source.
pub fn new_row_id(taken: &BTreeSet<String>) -> String {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    loop {
        let mut h = std::collections::hash_map::RandomState::new().build_hasher();
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0);
        h.write_u128(now);
        h.write_u32(std::process::id());
        h.write_u64(COUNTER.fetch_add(1, Ordering::Relaxed));
        let id = format!("{:08x}", h.finish() as u32);
        if !taken.contains(&id) {
            return id;
        }
    }
}

/// The row's id, if it has a non-empty string one.
pub fn row_id(t: &Table) -> Option<&str> {
    t.get(ID_KEY)
        .and_then(Item::as_str)
        .filter(|s| !s.trim().is_empty())
}

fn collect_arrays<'a>(prefix: &str, t: &'a Table, out: &mut Vec<(String, &'a ArrayOfTables)>) {
    for (k, item) in t.iter() {
        let path = if prefix.is_empty() {
            k.to_string()
        } else {
            format!("{prefix}.{k}")
        };
        match item {
            Item::Table(t) => collect_arrays(&path, t, out),
            Item::ArrayOfTables(a) => out.push((path, a)),
            _ => {}
        }
    }
}

/// Every table of rows of a document with its dotted path, in document order.
pub fn row_arrays(doc: &DocumentMut) -> Vec<(String, &ArrayOfTables)> {
    let mut out = Vec::new();
    collect_arrays("", doc.as_table(), &mut out);
    out
}

/// The table of rows at dotted `path`, for changing.
pub fn row_array_mut<'a>(doc: &'a mut DocumentMut, path: &str) -> Option<&'a mut ArrayOfTables> {
    let mut item = doc.as_item_mut();
    for k in path.split('.') {
        item = item.get_mut(k)?;
    }
    item.as_array_of_tables_mut()
}

/// A copy of `t` with `id` as its first key, keeping the table's and the keys' comments.
pub fn with_id_first(t: &Table, id: &str) -> Table {
    let mut out = Table::new();
    *out.decor_mut() = t.decor().clone();
    out.set_position(t.position());
    out.set_implicit(t.is_implicit());
    out.insert(ID_KEY, toml_edit::value(id));
    for (k, item) in t.iter() {
        if k == ID_KEY {
            continue;
        }
        match t.key(k) {
            Some(key) => out.insert_formatted(key, item.clone()),
            None => out.insert(k, item.clone()),
        };
    }
    out
}

/// Adds an id to every row that has none (or an empty one, or one an earlier row already
/// uses), keeping comments and layout; returns `text` itself when every row has its id.
pub fn ensure_row_ids(path: &Path, text: &str) -> Result<String> {
    // Nearly every save's rows have their ids already: the fast reader says so for less than
    // building the editable document costs.
    if crate::tomlio::document(path, text).is_ok_and(|d| rows_have_ids(d.get_ref())) {
        return Ok(text.to_string());
    }
    let mut doc = super::doc::parse(path, text)?;
    let mut taken = BTreeSet::new();
    let mut fix: Vec<(String, usize)> = Vec::new();
    for (array, rows) in row_arrays(&doc) {
        for (i, row) in rows.iter().enumerate() {
            match row.get(ID_KEY) {
                None => fix.push((array.clone(), i)),
                Some(item) => match item.as_str() {
                    Some(id) if !id.trim().is_empty() && taken.insert(id.to_string()) => {}
                    Some(_) => fix.push((array.clone(), i)),
                    None => {
                        return Err(Error::Field {
                            path: path.to_path_buf(),
                            location: String::new(),
                            field: format!("{array}[{i}].{ID_KEY}"),
                            message: ROW_ID_NOT_TEXT.into(),
                        });
                    }
                },
            }
        }
    }
    if fix.is_empty() {
        return Ok(text.to_string());
    }
    for (array, i) in fix {
        let id = new_row_id(&taken);
        taken.insert(id.clone());
        if let Some(row) = row_array_mut(&mut doc, &array).and_then(|a| a.get_mut(i)) {
            let fixed = with_id_first(row, &id);
            *row = fixed;
        }
    }
    Ok(doc.to_string())
}

/// A row as compared: its id and its fields' texts (without the id), by row-relative path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub id: Option<String>,
    pub fields: BTreeMap<String, String>,
}

impl Row {
    /// The row of a table.
    pub fn of(t: &Table) -> Row {
        let mut fields = BTreeMap::new();
        let mut flat = BTreeMap::new();
        super::doc::flatten_into("", t, &mut flat);
        for (k, v) in flat {
            if k != ID_KEY {
                fields.insert(k, super::doc::value_text(&v));
            }
        }
        Row {
            id: row_id(t).map(str::to_string),
            fields,
        }
    }
}

/// What people call a row: its name or title, else its first non-empty text (cut to 24
/// characters); `None` for a row without text.
pub fn row_name(t: &Table) -> Option<String> {
    let text = |k: &str| {
        t.get(k)
            .and_then(Item::as_str)
            .filter(|s| !s.trim().is_empty())
    };
    text("name")
        .or_else(|| text("title"))
        .or_else(|| {
            t.iter()
                .filter(|(k, _)| *k != ID_KEY)
                .find_map(|(_, v)| v.as_str().filter(|s| !s.trim().is_empty()))
        })
        .map(|s| s.chars().take(24).collect())
}

/// The rows of a table of rows; an id an earlier row already uses counts as no id.
pub fn rows_of(a: &ArrayOfTables) -> Vec<Row> {
    let mut seen = BTreeSet::new();
    a.iter()
        .map(|t| {
            let mut r = Row::of(t);
            if let Some(id) = &r.id
                && !seen.insert(id.clone())
            {
                r.id = None;
            }
            r
        })
        .collect()
}

/// How many fields two rows have equal.
fn equal_fields(a: &Row, b: &Row) -> usize {
    a.fields
        .iter()
        .filter(|(k, v)| b.fields.get(*k) == Some(v))
        .count()
}

/// For every row of `side`, the row of `base` it is (an edited version of), if any.
///
/// Rows are the same row when they have the same id. A row without an id, or with an id
/// `base` does not know, may still be a base row without an id (a record written before
/// rows had ids, or by hand): identical rows are paired first, then the most similar pairs
/// (at least half of their fields equal, the nearest position on a tie). Anything else is a
/// row one side deleted and the other inserted.
pub fn match_rows(base: &[Row], side: &[Row]) -> Vec<Option<usize>> {
    let mut out: Vec<Option<usize>> = vec![None; side.len()];
    let mut claimed = vec![false; base.len()];
    for (j, s) in side.iter().enumerate() {
        if let Some(id) = &s.id
            && let Some(i) = base.iter().position(|b| b.id.as_ref() == Some(id))
            && !claimed[i]
        {
            out[j] = Some(i);
            claimed[i] = true;
        }
    }
    // A side row with an id may stand for a base row without one; a side row without an id
    // for any base row whose id it lost.
    let candidate = |i: usize, j: usize, claimed: &[bool]| {
        !claimed[i] && (side[j].id.is_none() || base[i].id.is_none())
    };
    for j in 0..side.len() {
        if out[j].is_some() {
            continue;
        }
        if let Some(i) =
            (0..base.len()).find(|&i| candidate(i, j, &claimed) && base[i].fields == side[j].fields)
        {
            out[j] = Some(i);
            claimed[i] = true;
        }
    }
    let mut pairs = Vec::new();
    for j in (0..side.len()).filter(|&j| out[j].is_none()) {
        for i in (0..base.len()).filter(|&i| candidate(i, j, &claimed)) {
            let same = equal_fields(&base[i], &side[j]);
            let most = base[i].fields.len().max(side[j].fields.len());
            if same > 0 && same * 2 >= most {
                pairs.push((std::cmp::Reverse(same), i.abs_diff(j), i, j));
            }
        }
    }
    pairs.sort();
    for (_, _, i, j) in pairs {
        if out[j].is_none() && !claimed[i] {
            out[j] = Some(i);
            claimed[i] = true;
        }
    }
    out
}

fn every_row_has_id(doc: &toml_edit::DocumentMut) -> bool {
    row_arrays(doc)
        .iter()
        .all(|(_, a)| rows_of(a).iter().all(|r| r.id.is_some()))
}

/// The record of `text`, parsed, and whether every row of it has its id (every version saved
/// since rows have ids): then its rows are what they are whatever a newer version holds, and
/// `inherit_row_ids` leaves it alone.
///
/// Blame asks this of every revision, so both come from one read with the fast reader
/// (`tomlio::document`) rather than as an editable document (a fifth of a first blame). That
/// reader does not tell `[[rows]]` from an inline array of inline tables, so both count as
/// rows here: the answer can be `false` where `inherit_row_ids` has nothing to do (the
/// revision is then only not kept in blame's cache), never `true` where it has.
pub fn parse_with_row_ids(path: &Path, text: &str) -> Result<(super::Record, bool)> {
    super::Record::parse_looking(path, text, rows_have_ids)
}

/// [`every_row_has_id`] over the fast reader's document.
pub(super) fn rows_have_ids(t: &toml::de::DeTable) -> bool {
    use toml::de::DeValue;
    t.iter().all(|(_, v)| match v.get_ref() {
        DeValue::Table(sub) => rows_have_ids(sub),
        DeValue::Array(rows)
            if rows
                .iter()
                .all(|r| matches!(r.get_ref(), DeValue::Table(_))) =>
        {
            let mut seen = BTreeSet::new();
            rows.iter().all(|r| match r.get_ref() {
                DeValue::Table(row) => row
                    .iter()
                    .find(|(k, _)| k.get_ref() == ID_KEY)
                    .and_then(|(_, id)| id.get_ref().as_str())
                    .filter(|id| !id.trim().is_empty())
                    .is_some_and(|id| seen.insert(id.to_string())),
                _ => false,
            })
        }
        _ => true,
    })
}

/// `text` with its rows that have no id given the id of the same row in `from` (matched as
/// `match_rows` does), so that an old version without ids compares by id with a newer one.
pub fn inherit_row_ids(path: &Path, text: &str, from: &str) -> Result<String> {
    let mut doc = super::doc::parse(path, text)?;
    // Versions saved since rows have ids need nothing (blame asks this of every revision).
    if every_row_has_id(&doc) {
        return Ok(text.to_string());
    }
    let newer = super::doc::parse(path, from)?;
    let newer_rows: BTreeMap<String, Vec<Row>> = row_arrays(&newer)
        .into_iter()
        .map(|(p, a)| (p, rows_of(a)))
        .collect();
    let mut taken: BTreeSet<String> = row_arrays(&doc)
        .iter()
        .flat_map(|(_, a)| a.iter().filter_map(row_id).map(str::to_string))
        .collect();
    let mut changes: Vec<(String, usize, String)> = Vec::new();
    for (array, rows) in row_arrays(&doc) {
        let Some(theirs) = newer_rows.get(&array) else {
            continue;
        };
        let mine = rows_of(rows);
        // Which of mine each newer row is; then mine take the ids of their newer rows.
        for (j, m) in match_rows(&mine, theirs).into_iter().enumerate() {
            if let (Some(i), Some(id)) = (m, &theirs[j].id)
                && mine[i].id.is_none()
                && taken.insert(id.clone())
            {
                changes.push((array.clone(), i, id.clone()));
            }
        }
    }
    if changes.is_empty() {
        return Ok(text.to_string());
    }
    for (array, i, id) in changes {
        if let Some(row) = row_array_mut(&mut doc, &array).and_then(|a| a.get_mut(i)) {
            let fixed = with_id_first(row, &id);
            *row = fixed;
        }
    }
    Ok(doc.to_string())
}

fn array_at<'a>(doc: &'a DocumentMut, path: &str) -> Option<&'a ArrayOfTables> {
    let mut item = doc.as_item();
    for k in path.split('.') {
        item = item.get(k)?;
    }
    item.as_array_of_tables()
}

/// `base` and `ours` of a merge with the ids `theirs` gave the same rows (then base rows
/// still without one take ours'), so that versions written before rows had ids, each saved
/// since with ids of its own, merge by id and a conflict's id path names the row in all three.
pub fn align_row_ids(
    path: &Path,
    base: &str,
    theirs: &str,
    ours: &str,
) -> Result<(String, String)> {
    let b = super::doc::parse(path, base)?;
    if row_arrays(&b)
        .iter()
        .all(|(_, a)| rows_of(a).iter().all(|r| r.id.is_some()))
    {
        return Ok((base.to_string(), ours.to_string()));
    }
    let b1 = inherit_row_ids(path, base, theirs)?;
    let b1doc = super::doc::parse(path, &b1)?;
    let mut o = super::doc::parse(path, ours)?;
    let mut taken: BTreeSet<String> = row_arrays(&o)
        .iter()
        .flat_map(|(_, a)| a.iter().filter_map(row_id).map(str::to_string))
        .collect();
    let mut changes: Vec<(String, usize, String)> = Vec::new();
    for (array, rows) in row_arrays(&o) {
        let (Some(ba), Some(b1a)) = (array_at(&b, &array), array_at(&b1doc, &array)) else {
            continue;
        };
        let (before, after, mine) = (rows_of(ba), rows_of(b1a), rows_of(rows));
        for (j, m) in match_rows(&before, &mine).into_iter().enumerate() {
            if let Some(i) = m
                && before[i].id.is_none()
                && let Some(id) = &after[i].id
                && mine[j].id.as_ref() != Some(id)
                && taken.insert(id.clone())
            {
                changes.push((array.clone(), j, id.clone()));
            }
        }
    }
    let ours = if changes.is_empty() {
        ours.to_string()
    } else {
        for (array, j, id) in changes {
            if let Some(row) = row_array_mut(&mut o, &array).and_then(|a| a.get_mut(j)) {
                let fixed = with_id_first(row, &id);
                *row = fixed;
            }
        }
        o.to_string()
    };
    let base = inherit_row_ids(path, &b1, &ours)?;
    Ok((base, ours))
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "rubric = \"r\"\n\n# 表 1\n[[overview.goals]]\nactivity = \"甲\"  # 活动\nvalue = \"优\"\n\n[[overview.goals]]\nid = \"0000beef\"\nactivity = \"乙\"\n\n[[overview.goals]]\nid = \"0000beef\"\nactivity = \"丙\"\n";

    #[test]
    fn adds_missing_ids_first_and_keeps_comments() {
        let out = ensure_row_ids(Path::new("r.toml"), TEXT).unwrap();
        let doc = super::super::doc::parse(Path::new("r.toml"), &out).unwrap();
        let (_, rows) = &row_arrays(&doc)[0];
        let ids: Vec<&str> = rows.iter().filter_map(row_id).collect();
        assert_eq!(ids.len(), 3);
        assert_eq!(ids[1], "0000beef");
        // The copied row (the later duplicate) got a new id.
        assert_ne!(ids[2], "0000beef");
        assert!(
            ids.iter()
                .all(|i| i.len() == 8 && i.chars().all(|c| c.is_ascii_hexdigit()))
        );
        assert!(out.contains(&format!(
            "# 表 1\n[[overview.goals]]\nid = \"{}\"\nactivity = \"甲\"  # 活动\n",
            ids[0]
        )));
        // A second pass changes nothing.
        assert_eq!(ensure_row_ids(Path::new("r.toml"), &out).unwrap(), out);
    }

    #[test]
    fn an_id_that_is_not_text_is_an_error_naming_the_field() {
        let e = ensure_row_ids(
            Path::new("r.toml"),
            "[[conclusion.problems]]\nid = 5\ntitle = \"x\"\n",
        )
        .unwrap_err()
        .to_string();
        assert!(e.contains("r.toml"), "{e}");
        assert!(e.contains("conclusion.problems[0].id"), "{e}");
        assert!(e.contains("须为字符串"), "{e}");
    }

    #[test]
    fn fresh_ids_differ() {
        let mut taken = BTreeSet::new();
        for _ in 0..1000 {
            let id = new_row_id(&taken);
            assert!(taken.insert(id));
        }
    }

    fn row(id: Option<&str>, f: &[(&str, &str)]) -> Row {
        Row {
            id: id.map(str::to_string),
            fields: f
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        }
    }

    #[test]
    fn rows_without_ids_match_by_content() {
        let base = vec![
            row(None, &[("name", "A"), ("weight", "1"), ("parent", "o")]),
            row(None, &[("name", "B"), ("weight", "2"), ("parent", "o")]),
        ];
        // A deleted, B's weight changed, a new row appended, all with fresh ids.
        let side = vec![
            row(
                Some("1"),
                &[("name", "B"), ("weight", "3"), ("parent", "o")],
            ),
            row(
                Some("2"),
                &[("name", "N"), ("weight", "9"), ("parent", "x")],
            ),
        ];
        assert_eq!(match_rows(&base, &side), vec![Some(1), None]);
    }

    #[test]
    fn old_versions_inherit_ids() {
        let old = "[[t.r]]\nname = \"A\"\n\n[[t.r]]\nname = \"B\"\n";
        let new = "[[t.r]]\nid = \"0000000b\"\nname = \"B\"\n";
        let out = inherit_row_ids(Path::new("r.toml"), old, new).unwrap();
        assert_eq!(
            out,
            "[[t.r]]\nname = \"A\"\n\n[[t.r]]\nid = \"0000000b\"\nname = \"B\"\n"
        );
    }

    proptest::proptest! {
        /// The fast answer is the editable document's for tables of rows (`[[...]]`), at the
        /// top or in a section, with ids present, missing, blank, repeated or not text.
        #[test]
        fn the_fast_row_id_check_is_the_documents(
            tables in proptest::collection::vec(
                (
                    proptest::sample::select(vec!["goals", "overview.goals", "targets.indicators"]),
                    proptest::collection::vec(
                        proptest::sample::select(vec![
                            "id = \"0000beef\"\n", "id = \"1234abcd\"\n", "", "id = \"  \"\n",
                            "id = 7\n", "id = \"9\"\n",
                        ]),
                        0..4,
                    ),
                ),
                0..4,
            ),
        ) {
            let mut text = String::from("rubric = \"r\"\n");
            for (table, rows) in &tables {
                for id in rows {
                    text.push_str(&format!("\n[[{table}]]\n{id}activity = \"甲\"\n"));
                }
            }
            let path = Path::new("r.toml");
            // A table of rows and a plain table of the same name cannot both be written.
            let Ok(doc) = super::super::doc::parse(path, &text) else {
                return Ok(());
            };
            proptest::prop_assert_eq!(
                crate::tomlio::document(path, &text)
                    .ok()
                    .map(|d| rows_have_ids(d.get_ref())),
                Some(every_row_has_id(&doc)),
                "{}",
                text
            );
        }
    }
}
