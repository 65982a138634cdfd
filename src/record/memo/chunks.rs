//! A top-level table read chunk by chunk (a chunk is one header and its lines): a table whose
//! text changed is mostly the text it had, and only its changed chunks are parsed again.
//!
//! Only the shapes a record is written in are read so: the table's own header first
//! (`[targets]`), rows (`[[targets.indicators]]`) and input tables
//! (`[management.inputs.accounting]`). A row or input table is put where TOML puts it, and
//! whatever TOML could read differently or refuse (the table's own chunk also naming the rows
//! or the inputs, a repeated input, a header of another shape) makes the table be read whole.

use super::super::Record;
use super::super::rows::rows_have_ids;
use crate::tomlio::parse_looking;
use std::collections::BTreeMap;
use std::path::Path;

/// One chunk as read: the record holding only it, and what its document showed.
pub(super) struct Chunk {
    read: Record,
    /// Whether its own rows all have ids.
    ids: bool,
    /// A row's id (non-blank text), when the chunk is a row that has one.
    row_id: Option<String>,
    /// The keys of the table's own chunk (`[targets]`): a row or input table of the same
    /// name elsewhere would be refused by TOML or read differently.
    keys: Vec<String>,
}

/// Where a chunk's header puts it in its table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Place<'t> {
    /// `[NAME]`
    Own,
    /// `[[NAME.KEY]]`
    Row(&'t str),
    /// `[NAME.inputs.KEY]`
    Input(&'t str),
}

/// The table `name` of `chunks` read chunk by chunk, chunks whose text is in `before` (by
/// text) taken from there; with whether all its rows have ids and the chunks as read, in
/// order. `None` when it must be read whole.
pub(super) fn read(
    path: &Path,
    name: &str,
    chunks: &[&str],
    before: &mut super::Before,
    parsed: &mut usize,
) -> Option<(Record, bool, Vec<Chunk>)> {
    let places: Vec<Place> = chunks
        .iter()
        .map(|c| place(c, name))
        .collect::<Option<_>>()?;
    let mut read: Vec<Chunk> = Vec::with_capacity(chunks.len());
    for c in chunks {
        // Looked up by hash: a table of thousands of rows compared row by row with the
        // revision before's would cost their square.
        let chunk = match before.remove(*c) {
            Some(chunk) => chunk,
            None => {
                *parsed += 1;
                parse(path, name, c)?
            }
        };
        read.push(chunk);
    }
    let mut record = Record::default();
    let mut own_keys: &[String] = &[];
    let mut ids = true;
    let mut row_ids: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (k, (place, chunk)) in places.iter().zip(&read).enumerate() {
        ids &= chunk.ids;
        match *place {
            Place::Own if k == 0 => {
                record = chunk.read.clone();
                own_keys = &chunk.keys;
            }
            Place::Own => return None,
            Place::Row(key) => {
                if own_keys.iter().any(|o| o == key) {
                    return None;
                }
                take_row(&mut record, &chunk.read, name, key)?;
                match &chunk.row_id {
                    Some(id) => row_ids.entry(key).or_default().push(id),
                    None => ids = false,
                }
            }
            Place::Input(key) => {
                if own_keys.iter().any(|o| o == "inputs") {
                    return None;
                }
                take_input(&mut record, &chunk.read, name, key)?;
            }
        }
    }
    // The rows of one array must have different ids, as rows_have_ids asks of the whole.
    for list in row_ids.values_mut() {
        let n = list.len();
        list.sort_unstable();
        list.dedup();
        ids &= list.len() == n;
    }
    Some((record, ids, read))
}

/// Reads one chunk alone, with a stand-in rubric; its narratives are found once, in the
/// whole record.
fn parse(path: &Path, name: &str, text: &str) -> Option<Chunk> {
    let alone = format!("rubric = \"\"\n{text}");
    let (read, (ids, row_id, keys)) = parse_looking(path, &alone, |t| {
        let table = t.get(name).and_then(|v| v.get_ref().as_table());
        let keys = table
            .map(|t| t.iter().map(|(k, _)| k.get_ref().to_string()).collect())
            .unwrap_or_default();
        // A row chunk's table holds one array of one row.
        let row_id = table
            .and_then(|t| t.values().next())
            .and_then(|v| v.get_ref().as_array())
            .and_then(|rows| rows.first())
            .and_then(|row| row.get_ref().as_table())
            .and_then(|row| row.get(super::super::rows::ID_KEY))
            .and_then(|id| id.get_ref().as_str())
            .filter(|id| !id.trim().is_empty())
            .map(str::to_string);
        (rows_have_ids(t), row_id, keys)
    })
    .ok()?;
    Some(Chunk {
        read,
        ids,
        row_id,
        keys,
    })
}

/// Where the header opening `chunk` puts it in table `name`; `None` for any other shape.
fn place<'t>(chunk: &'t str, name: &str) -> Option<Place<'t>> {
    let (array, rest) = match chunk.strip_prefix("[[") {
        Some(r) => (true, r),
        None => (false, chunk.strip_prefix('[')?),
    };
    let close = if array { "]]" } else { "]" };
    let header = &rest[..rest.find(']')?];
    if !rest[header.len()..].starts_with(close) {
        return None;
    }
    let keys: Vec<&str> = header
        .split('.')
        .map(|k| k.trim_matches([' ', '\t']))
        .collect();
    let bare = |k: &str| {
        !k.is_empty()
            && k.bytes()
                .all(|c| c.is_ascii_alphanumeric() || c == b'_' || c == b'-')
    };
    if !keys.iter().all(|k| bare(k)) || keys[0] != name {
        return None;
    }
    match (array, keys.as_slice()) {
        (false, [_]) => Some(Place::Own),
        (true, [_, key]) => Some(Place::Row(key)),
        (false, [_, "inputs", key]) => Some(Place::Input(key)),
        _ => None,
    }
}

/// Appends the one row `from` holds at `name.key` to `record`'s; `None` when a record has
/// no such rows or `from` holds other than one.
fn take_row(record: &mut Record, from: &Record, name: &str, key: &str) -> Option<()> {
    fn one<T: Clone>(to: &mut Vec<T>, from: &[T]) -> Option<()> {
        let [row] = from else { return None };
        to.push(row.clone());
        Some(())
    }
    match (name, key) {
        ("overview", "goals") => one(&mut record.overview.goals, &from.overview.goals),
        ("overview", "indicators") => {
            one(&mut record.overview.indicators, &from.overview.indicators)
        }
        ("budget", "indicators") => one(&mut record.budget.indicators, &from.budget.indicators),
        ("targets", "indicators") => one(&mut record.targets.indicators, &from.targets.indicators),
        ("management", "indicators") => one(
            &mut record.management.indicators,
            &from.management.indicators,
        ),
        ("conclusion", "problems") => {
            one(&mut record.conclusion.problems, &from.conclusion.problems)
        }
        ("recommendations", "items") => one(
            &mut record.recommendations.items,
            &from.recommendations.items,
        ),
        _ => None,
    }
}

/// Adds the input table `from` holds at `name.inputs.key` to `record`'s; `None` when a record
/// has no inputs there, `from` holds other than that one, or `record` has it already.
fn take_input(record: &mut Record, from: &Record, name: &str, key: &str) -> Option<()> {
    let (to, from) = match name {
        "overview" => (&mut record.overview.inputs, &from.overview.inputs),
        "budget" => (&mut record.budget.inputs, &from.budget.inputs),
        "targets" => (&mut record.targets.inputs, &from.targets.inputs),
        "management" => (&mut record.management.inputs, &from.management.inputs),
        _ => return None,
    };
    let (k, v) = from.iter().next().filter(|_| from.len() == 1)?;
    if k != key || to.contains_key(key) {
        return None;
    }
    to.insert(k.clone(), v.clone());
    Some(())
}
