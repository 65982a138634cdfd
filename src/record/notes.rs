//! Review notes (批注) and reopenings, kept in the record file itself (`[[notes]]`,
//! `[[reopenings]]`) so that history, diff and blame carry them like any other field.
//!
//! ```toml
//! [[notes]]
//! id = "3f9a0c1e"
//! field = "budget.text"          # the field, indicator or section it is about
//! by = "li"                      # the reviewer (member id; the git name without a team)
//! text = "执行率低于 90%，请说明原因"
//! answer = "已补充原因"           # the evaluator's reply
//! answered_by = "zhang"
//! resolved_by = ""               # the reviewer who resolved it; empty while open
//!
//! [[reopenings]]
//! id = "0c1e3f9a"
//! draft = "终稿"                  # the final draft it reopens
//! by = "wang"
//! reason = "财政局要求补充资产数据"
//! ```

use crate::error::{Error, Result};
use crate::record::doc;
use crate::record::rows::{self, ID_KEY};
use crate::text::record::notes as t;
use serde::Deserialize;
use std::collections::BTreeSet;
use std::path::Path;
use toml_edit::{ArrayOfTables, Item, Table, value};

/// The record's table of notes.
pub const NOTES: &str = "notes";
/// The record's table of reopenings.
pub const REOPENINGS: &str = "reopenings";

/// A review note on a field.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Note {
    /// The row's stable identity (`record::rows`).
    #[serde(default)]
    pub id: String,
    /// The field path, indicator path or section id it is about.
    pub field: String,
    /// Who wrote it.
    #[serde(default)]
    pub by: String,
    pub text: String,
    /// The evaluator's reply.
    #[serde(default)]
    pub answer: String,
    #[serde(default)]
    pub answered_by: String,
    /// Who resolved it; empty while it is open.
    #[serde(default)]
    pub resolved_by: String,
}

impl Note {
    /// Whether it still waits for the reviewer.
    pub fn is_open(&self) -> bool {
        self.resolved_by.trim().is_empty()
    }

    /// 待答复 / 已答复 / 已解决.
    pub fn status(&self) -> &'static str {
        if !self.is_open() {
            t::RESOLVED
        } else if self.answer.trim().is_empty() {
            t::WAITING
        } else {
            t::ANSWERED
        }
    }

    /// Whether it is about `field` or something inside it (`budget` covers `budget.text`).
    pub fn is_on(&self, field: &str) -> bool {
        self.field == field
            || field.starts_with(&format!("{}.", self.field))
            || field.starts_with(&format!("{}[", self.field))
    }
}

/// An administrator's reopening of a record whose final draft was named.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reopening {
    #[serde(default)]
    pub id: String,
    /// The final draft it reopens.
    #[serde(default)]
    pub draft: String,
    #[serde(default)]
    pub by: String,
    pub reason: String,
}

fn rows_mut<'d>(d: &'d mut toml_edit::DocumentMut, key: &str) -> &'d mut ArrayOfTables {
    if !d.contains_array_of_tables(key) {
        d.insert(key, Item::ArrayOfTables(ArrayOfTables::new()));
    }
    // Just made an array of tables when it was not one.
    d[key]
        .as_array_of_tables_mut()
        .expect("an array of tables was just inserted")
}

fn taken_ids(d: &toml_edit::DocumentMut) -> BTreeSet<String> {
    rows::row_arrays(d)
        .into_iter()
        .flat_map(|(_, a)| {
            a.iter()
                .filter_map(|t| rows::row_id(t).map(str::to_string))
                .collect::<Vec<_>>()
        })
        .collect()
}

fn one_line(what: &str, s: &str) -> Result<()> {
    crate::text::check_allowed(what, s)?;
    if s.trim().is_empty() {
        return Err(Error::Other(t::empty(what)));
    }
    Ok(())
}

/// `text` with a new open note on `field` by `by`; returns the text and the note's id.
pub fn add_note(
    path: &Path,
    text: &str,
    field: &str,
    by: &str,
    body: &str,
) -> Result<(String, String)> {
    one_line(t::NOTE_TEXT, body)?;
    let mut d = doc::parse(path, text)?;
    if d.get(NOTES).is_some_and(|i| !i.is_array_of_tables()) {
        return Err(Error::Field {
            path: path.to_path_buf(),
            location: String::new(),
            field: NOTES.into(),
            message: t::NOTES_NOT_ROWS.into(),
        });
    }
    let id = rows::new_row_id(&taken_ids(&d));
    let mut t = Table::new();
    t.insert(ID_KEY, value(&id));
    t.insert("field", value(field));
    t.insert("by", value(by));
    t.insert("text", value(body.trim()));
    t.insert("answer", value(""));
    t.insert("answered_by", value(""));
    t.insert("resolved_by", value(""));
    rows_mut(&mut d, NOTES).push(t);
    Ok((d.to_string(), id))
}

/// The index of the note `which` names: its id, or its number (1-based, in file order).
pub fn find_note(notes: &[Note], which: &str) -> Result<usize> {
    let which = which.trim().trim_start_matches('#');
    if let Some(i) = notes.iter().position(|n| n.id == which) {
        return Ok(i);
    }
    match which.parse::<usize>() {
        Ok(n) if (1..=notes.len()).contains(&n) && which.len() < 8 => Ok(n - 1),
        _ => Err(Error::Other(t::no_such_note(which, notes.len()))),
    }
}

/// `text` with the note at `index` (in file order) changed by `change`.
fn change_note(
    path: &Path,
    text: &str,
    index: usize,
    change: impl FnOnce(&mut Table),
) -> Result<String> {
    let mut d = doc::parse(path, text)?;
    let t = d
        .get_mut(NOTES)
        .and_then(Item::as_array_of_tables_mut)
        .and_then(|a| a.get_mut(index))
        .ok_or_else(|| Error::Other(t::no_note_at(path.display(), index + 1)))?;
    change(t);
    Ok(d.to_string())
}

/// `text` with the evaluator's answer to the note at `index`.
pub fn answer_note(
    path: &Path,
    text: &str,
    index: usize,
    by: &str,
    answer: &str,
) -> Result<String> {
    one_line(t::ANSWER_TEXT, answer)?;
    change_note(path, text, index, |t| {
        t.insert("answer", value(answer.trim()));
        t.insert("answered_by", value(by));
    })
}

/// `text` with the note at `index` resolved by `by`.
pub fn resolve_note(path: &Path, text: &str, index: usize, by: &str) -> Result<String> {
    change_note(path, text, index, |t| {
        t.insert("resolved_by", value(by));
    })
}

/// `text` with a reopening of the final draft `draft` by `by`, for `reason`.
pub fn add_reopening(
    path: &Path,
    text: &str,
    draft: &str,
    by: &str,
    reason: &str,
) -> Result<String> {
    one_line(t::REOPEN_REASON, reason)?;
    let mut d = doc::parse(path, text)?;
    let id = rows::new_row_id(&taken_ids(&d));
    let mut t = Table::new();
    t.insert(ID_KEY, value(&id));
    t.insert("draft", value(draft));
    t.insert("by", value(by));
    t.insert("reason", value(reason.trim()));
    rows_mut(&mut d, REOPENINGS).push(t);
    Ok(d.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::Record;

    const P: &str = "records/x/2023.toml";

    #[test]
    fn a_note_is_added_answered_and_resolved_in_the_file() {
        let p = Path::new(P);
        let text = "rubric = \"r\"\n# 说明\n[budget]\ntext = \"执行良好\"\n";
        let (t, id) = add_note(p, text, "budget.text", "li", "请说明执行率低的原因").unwrap();
        assert_eq!(id.len(), 8);
        assert!(t.starts_with(text), "{t}");
        let r = Record::parse(p, &t).unwrap();
        assert_eq!(r.notes.len(), 1);
        assert_eq!(r.notes[0].status(), "待答复");
        assert!(r.notes[0].is_on("budget.text"));
        assert!(!r.notes[0].is_on("budget.texts"));
        let i = find_note(&r.notes, "1").unwrap();
        assert_eq!(find_note(&r.notes, &id).unwrap(), i);
        assert!(find_note(&r.notes, "2").is_err());
        let t = answer_note(p, &t, i, "zhang", "已补充").unwrap();
        let r = Record::parse(p, &t).unwrap();
        assert_eq!(
            (r.notes[0].answer.as_str(), r.notes[0].status()),
            ("已补充", "已答复")
        );
        let t = resolve_note(p, &t, i, "li").unwrap();
        let r = Record::parse(p, &t).unwrap();
        assert!(!r.notes[0].is_open());
        assert_eq!(r.notes[0].status(), "已解决");
        assert!(add_note(p, &t, "budget.text", "li", "  ").is_err());
        assert!(add_note(p, &t, "budget.text", "li", "a\u{1b}b").is_err());
        let t = add_reopening(p, &t, "终稿", "wang", "补充资产数据").unwrap();
        let r = Record::parse(p, &t).unwrap();
        assert_eq!(r.reopenings[0].reason, "补充资产数据");
    }
}
