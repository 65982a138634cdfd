//! Reading many revisions of one record in turn (blame, `log --rescore`): a top-level table
//! whose text is the same as in the revision read before is taken from that reading, not
//! parsed again, and of a table that changed only the changed chunks are (`memo/chunks.rs`).
//!
//! A save changes a line or two, so most of a revision's tables are the text of the one
//! before, and parsing was two thirds of scoring a revision. Each table is read on its own
//! (with a stand-in `rubric`), which reads it as the whole text would: tables of different
//! names cannot touch each other in TOML, and text before the first header that names a table
//! (`budget.x = 1`) makes the record be parsed whole. So does anything that does not read,
//! so that errors are the whole text's, with its lines.

use super::Record;
use super::rows::{parse_with_row_ids, rows_have_ids};
use super::split::split;
use crate::error::Result;
use crate::tomlio::parse_looking;
use chunks::Chunk;
use std::collections::HashMap;
use std::path::Path;

/// The chunks of a table as the revision before read them, by their text. Hashed with
/// foldhash, not std's SipHash: every chunk of a changed table is hashed, a whole record's
/// text per revision of a blame, and SipHash was 2% of a first blame.
type Before = HashMap<String, Chunk, foldhash::fast::RandomState>;

/// The tables of the last revision read, each with its text and what it read as.
#[derive(Default)]
pub struct Memo {
    tables: Vec<Table>,
    /// How many tables or chunks were parsed (the others were taken from the revision
    /// before).
    parsed: usize,
    /// The records read are for [`Record::resolve`], which finds the narratives itself:
    /// they are not looked for here.
    to_resolve: bool,
}

/// One top-level table of a revision: its name, its chunks' text, the record holding only it
/// (and a stand-in rubric), whether all its rows have ids, and its chunks as read, one for
/// each text (none when it was read whole).
struct Table {
    name: String,
    texts: Vec<String>,
    read: Record,
    ids: bool,
    chunks: Vec<Chunk>,
}

impl Table {
    /// Whether its text is `chunks`.
    fn is(&self, name: &str, chunks: &[&str]) -> bool {
        self.name == name
            && self.texts.len() == chunks.len()
            && self.texts.iter().zip(chunks).all(|(a, b)| a == b)
    }
}

impl Memo {
    /// A memo whose records are scored next (blame, the re-scored history): as
    /// [`Memo::default`]'s but without their narratives, which [`Record::resolve`] finds.
    pub fn to_resolve() -> Memo {
        Memo {
            to_resolve: true,
            ..Memo::default()
        }
    }

    /// What [`parse_with_row_ids`] gives for `text` (without the narratives for a memo
    /// [`Memo::to_resolve`]), parsing only the tables whose text changed since the last call.
    pub fn parse_with_row_ids(&mut self, path: &Path, text: &str) -> Result<(Record, bool)> {
        if let Some(read) = self.by_tables(path, text) {
            return Ok(read);
        }
        self.tables.clear();
        if self.to_resolve {
            parse_looking(path, text, rows_have_ids)
        } else {
            parse_with_row_ids(path, text)
        }
    }

    /// What [`Record::parse`] gives for `text`, parsing only the tables whose text changed
    /// since the last call.
    pub fn parse(&mut self, path: &Path, text: &str) -> Result<Record> {
        self.parse_with_row_ids(path, text).map(|(r, _)| r)
    }

    /// The record read table by table; `None` when it must be read whole.
    fn by_tables(&mut self, path: &Path, text: &str) -> Option<(Record, bool)> {
        let split = split(text)?;
        let names: Vec<&str> = split.tables.iter().map(|(n, _)| *n).collect();
        let (mut record, (mut ids, clash)) = Record::parse_looking(path, split.root, |t| {
            let clash = t.iter().any(|(k, _)| names.contains(&k.get_ref().as_ref()));
            (rows_have_ids(t), clash)
        })
        .ok()?;
        if clash {
            return None;
        }
        let mut tables = Vec::with_capacity(split.tables.len());
        for (name, chunks) in split.tables {
            let t = match self.tables.iter().position(|t| t.is(name, &chunks)) {
                Some(k) => self.tables.swap_remove(k),
                None => self.read_table(path, name, &chunks)?,
            };
            if !take_table(&mut record, &t.read, name) {
                return None;
            }
            ids &= t.ids;
            tables.push(t);
        }
        if !self.to_resolve {
            record.narratives_from_extras();
        }
        self.tables = tables;
        Some((record, ids))
    }

    /// Reads a table whose text changed: chunk by chunk, the chunks of the revision before
    /// taken from it, or whole.
    fn read_table(&mut self, path: &Path, name: &str, chunks: &[&str]) -> Option<Table> {
        // The table as it was, if it was read chunk by chunk: its chunks by their text.
        let mut before: Before = match self.tables.iter_mut().find(|t| t.name == name) {
            Some(t) if t.chunks.len() == t.texts.len() => std::mem::take(&mut t.texts)
                .into_iter()
                .zip(std::mem::take(&mut t.chunks))
                .collect(),
            _ => Before::default(),
        };
        let texts = chunks.iter().map(|c| c.to_string()).collect();
        if let Some((read, ids, chunks)) =
            chunks::read(path, name, chunks, &mut before, &mut self.parsed)
        {
            return Some(Table {
                name: name.to_string(),
                texts,
                read,
                ids,
                chunks,
            });
        }
        // Its narratives are found once, in the whole record.
        let alone = format!("rubric = \"\"\n{}", chunks.concat());
        let (read, ids) = parse_looking(path, &alone, rows_have_ids).ok()?;
        self.parsed += 1;
        Some(Table {
            name: name.to_string(),
            texts,
            read,
            ids,
            chunks: Vec::new(),
        })
    }
}

/// Sets the table `name` of `record` to that of `from`; false when a record has no such
/// table (the whole text's parse then names the error).
fn take_table(record: &mut Record, from: &Record, name: &str) -> bool {
    match name {
        "overview" => record.overview = from.overview.clone(),
        "budget" => record.budget = from.budget.clone(),
        "targets" => record.targets = from.targets.clone(),
        "management" => record.management = from.management.clone(),
        "conclusion" => record.conclusion = from.conclusion.clone(),
        "recommendations" => record.recommendations = from.recommendations.clone(),
        "notes" => record.notes = from.notes.clone(),
        "reopenings" => record.reopenings = from.reopenings.clone(),
        _ => return false,
    }
    true
}

mod chunks;
#[cfg(test)]
mod tests;
