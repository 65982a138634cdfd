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
    /// The number of the last [`Loan`]: only its record is taken back.
    loans: u64,
}

/// The tables a memo lent to the record it gave ([`Memo::lend_with_row_ids`]), to give back
/// with that record ([`Memo::give_back`]).
#[must_use]
pub struct Loan(u64);

/// One top-level table of a revision: its name, its chunks' text, the record holding only it
/// (and a stand-in rubric), whether all its rows have ids, and its chunks as read, one for
/// each text (none when it was read whole).
struct Table {
    name: String,
    texts: Vec<String>,
    read: Record,
    ids: bool,
    chunks: Vec<Chunk>,
    /// Its table is in the record last lent, not in `read`, until that is given back.
    lent: bool,
}

impl Table {
    /// Whether its text is `chunks` and its reading is here.
    fn is(&self, name: &str, chunks: &[&str]) -> bool {
        !self.lent
            && self.name == name
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
        self.read(path, text, false)
    }

    /// [`Memo::parse_with_row_ids`], the memo's tables moved into the record rather than
    /// copied (copying unchanged tables and dropping them again was a seventh of scoring a
    /// revision). Give the record back with [`Memo::give_back`], resolved or not, and the next
    /// text's unchanged tables are moved again; a record not given back costs a reading of
    /// those tables next time, never a wrong one.
    pub fn lend_with_row_ids(&mut self, path: &Path, text: &str) -> Result<(Record, bool, Loan)> {
        let (record, ids) = self.read(path, text, true)?;
        self.loans += 1;
        Ok((record, ids, Loan(self.loans)))
    }

    /// Takes back the tables lent to `record`, the record of `loan`, which must be the last
    /// one; what [`Record::resolve`] typed in its rows is dropped. The record of an older loan
    /// is dropped instead.
    pub fn give_back(&mut self, mut record: Record, loan: Loan) {
        if loan.0 != self.loans {
            return;
        }
        for t in self.tables.iter_mut().filter(|t| t.lent) {
            if move_table(&mut t.read, &mut record, &t.name, false) {
                for (_, _, item) in t.read.items_mut() {
                    item.cells.clear();
                }
                t.lent = false;
            }
        }
    }

    /// The record of `text`, its tables lent or copied.
    fn read(&mut self, path: &Path, text: &str, lend: bool) -> Result<(Record, bool)> {
        if let Some(read) = self.by_tables(path, text, lend) {
            return Ok(read);
        }
        self.tables.clear();
        if self.to_resolve {
            parse_looking(path, text, rows_have_ids)
        } else {
            parse_with_row_ids(path, text)
        }
    }

    /// The record read table by table; `None` when it must be read whole.
    fn by_tables(&mut self, path: &Path, text: &str, lend: bool) -> Option<(Record, bool)> {
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
            let mut t = match self.tables.iter().position(|t| t.is(name, &chunks)) {
                Some(k) => self.tables.swap_remove(k),
                None => self.read_table(path, name, &chunks)?,
            };
            if !move_table(&mut record, &mut t.read, name, !lend) {
                return None;
            }
            t.lent = lend;
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
                lent: false,
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
            lent: false,
        })
    }
}

/// Sets the table `name` of `to` to that of `from`, copied, or swapped with `to`'s; false
/// when a record has no such table (the whole text's parse then names the error).
fn move_table(to: &mut Record, from: &mut Record, name: &str, copy: bool) -> bool {
    macro_rules! table {
        ($field:ident) => {
            if copy {
                to.$field = from.$field.clone();
            } else {
                std::mem::swap(&mut to.$field, &mut from.$field);
            }
        };
    }
    match name {
        "overview" => table!(overview),
        "budget" => table!(budget),
        "targets" => table!(targets),
        "management" => table!(management),
        "conclusion" => table!(conclusion),
        "recommendations" => table!(recommendations),
        "notes" => table!(notes),
        "reopenings" => table!(reopenings),
        _ => return false,
    }
    true
}

mod chunks;
#[cfg(test)]
mod tests;
