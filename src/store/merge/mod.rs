//! Three-way merge of a record: the fields one side changed are taken from that side; a field
//! both sides changed differently is a conflict. Our changes are applied onto their document,
//! so their comments and layout survive.
//!
//! Rows of arrays of tables are matched by their `id` (`record::rows`), not by position, so a
//! row inserted, deleted or moved on one side does not shift the other side's edits onto a
//! neighbour. Rows without ids (records written before rows had them) are matched by content
//! as `rows::match_rows` describes. A row deleted on one side and edited on the other is a
//! conflict; rows inserted on both sides are all kept. The rows follow their order, with our
//! inserted rows after the row they follow in ours; when only we reordered rows, ours.

mod rows;
#[cfg(test)]
mod tests;

use crate::error::Result;
use crate::record::doc;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use toml_edit::Value;

/// A field that both sides changed differently; values are TOML texts, `None` = absent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Conflict {
    /// The field path, rows named by id (`budget.budget_total`,
    /// `targets.indicators[id=3f9a0c1e].actual`, a whole row `overview.goals[id=0c1e3f9a]`);
    /// `record::doc::set` and `remove` take it.
    pub field: String,
    /// The field for people: rows named by their name or title
    /// (`targets.indicators「交通事故处理」.actual`).
    pub label: String,
    /// The value where the edit started.
    pub base: Option<String>,
    /// The value someone else committed meanwhile.
    pub theirs: Option<String>,
    /// The value of this edit.
    pub ours: Option<String>,
}

impl Conflict {
    /// Names the field as the report does (see [`crate::record::labels::field_label`]),
    /// keeping the row's name the merge found.
    pub fn relabel(&mut self, rubric: &crate::rubric::Rubric) {
        let row = crate::text::store::row_of_named(&self.label).map(str::to_string);
        self.label = crate::record::labels::field_label(rubric, &self.field, row.as_deref());
    }
}

/// The result of a merge: the merged text when there is no conflict.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Merge {
    /// Their text with our one-sided changes applied.
    pub text: String,
    /// Fields changed differently on both sides; when not empty, `text` must not be used.
    pub conflicts: Vec<Conflict>,
}

/// Fields by path: their TOML text (for comparing) and their value (for applying).
type Fields = BTreeMap<String, (String, Value)>;

/// The fields of a table, rows of arrays of tables left out (they are merged as rows).
fn fields_of(t: &dyn toml_edit::TableLike) -> Fields {
    let mut flat = BTreeMap::new();
    doc::flatten_into("", t, &mut flat);
    flat.into_iter()
        .filter(|(k, _)| !k.contains('['))
        .map(|(k, v)| (k, (doc::value_text(&v), v)))
        .collect()
}

/// One field-wise merge step: what to do with a field given its three versions.
enum Step<'a> {
    Keep,
    Take(Option<&'a Value>),
    Conflict,
}

fn field_step<'a>(f: &str, b: &Fields, t: &Fields, o: &'a Fields) -> Step<'a> {
    let bv = b.get(f).map(|x| &x.0);
    let tv = t.get(f).map(|x| &x.0);
    let ov = o.get(f).map(|x| &x.0);
    if ov == bv || tv == ov {
        Step::Keep
    } else if tv == bv {
        Step::Take(o.get(f).map(|x| &x.1))
    } else {
        Step::Conflict
    }
}

/// Merges the fields of `ours` into `out` (a table of theirs), both edited from `base`; the
/// fields both changed differently are returned.
fn merge_fields(
    out: &mut dyn toml_edit::TableLike,
    b: &Fields,
    t: &Fields,
    o: &Fields,
) -> Result<Vec<String>> {
    let mut conflicts = Vec::new();
    let all: BTreeSet<&String> = b.keys().chain(t.keys()).chain(o.keys()).collect();
    for f in all {
        match field_step(f, b, t, o) {
            Step::Keep => {}
            Step::Take(Some(v)) => doc::set_in(out, f, v.clone())?,
            Step::Take(None) => doc::remove_in(out, f)?,
            Step::Conflict => conflicts.push(f.clone()),
        }
    }
    Ok(conflicts)
}

/// The value texts of a field in three field maps.
fn texts_of(f: &str, b: &Fields, t: &Fields, o: &Fields) -> [Option<String>; 3] {
    [b, t, o].map(|m| m.get(f).map(|x| x.0.clone()))
}

/// Merges `ours` into `theirs`, both edited from `base`. `path` names the record in errors.
pub fn merge3(path: &Path, base: &str, theirs: &str, ours: &str) -> Result<Merge> {
    let (base, ours) = crate::record::rows::align_row_ids(path, base, theirs, ours)?;
    let b = doc::parse(path, &base)?;
    let mut out = doc::parse(path, theirs)?;
    let o = doc::parse(path, &ours)?;
    let (bf, tf, of) = (
        fields_of(b.as_table()),
        fields_of(out.as_table()),
        fields_of(o.as_table()),
    );
    let mut conflicts = Vec::new();
    for f in merge_fields(out.as_table_mut(), &bf, &tf, &of)? {
        let [base, theirs, ours] = texts_of(&f, &bf, &tf, &of);
        conflicts.push(Conflict {
            label: f.clone(),
            field: f,
            base,
            theirs,
            ours,
        });
    }
    rows::merge_all(&b, &mut out, &o, &mut conflicts)?;
    Ok(Merge {
        text: out.to_string(),
        conflicts,
    })
}

/// The value of a conflict's side, parsed from its TOML text.
fn side_value(text: &Option<String>) -> Result<Option<Value>> {
    text.as_deref()
        .map(|t| {
            t.parse::<Value>()
                .map_err(|e| crate::Error::Other(crate::text::store::bad_conflict_value(t, e)))
        })
        .transpose()
}

fn put(d: &mut toml_edit::DocumentMut, field: &str, v: Option<Value>) -> Result<()> {
    match v {
        Some(v) => doc::set(d, field, v),
        None => doc::remove(d, field),
    }
}

/// Merges `ours` into `theirs` from `base` as [`merge3`] does, with each conflict of `picks`
/// decided by a person: `true` takes their value, `false` keeps ours. A conflict not picked
/// (or one that arose since the picks were made) is still returned as a conflict.
pub fn merge3_picked(
    path: &Path,
    base: &str,
    theirs: &str,
    ours: &str,
    picks: &[(&Conflict, bool)],
) -> Result<Merge> {
    // Rows named by id in the conflicts must be found in base and ours too.
    let (base, ours) = crate::record::rows::align_row_ids(path, base, theirs, ours)?;
    let mut b = doc::parse(path, &base)?;
    let mut o = doc::parse(path, &ours)?;
    for (c, take_theirs) in picks {
        let t = side_value(&c.theirs)?;
        if *take_theirs && c.ours.is_none() && c.field.ends_with(']') {
            // A row we deleted and they edited: without it in base, it is their row, which
            // the merge keeps where they have it.
            put(&mut b, &c.field, None)?;
        } else if *take_theirs {
            // Ours equal to theirs: the merge takes it without conflict.
            put(&mut o, &c.field, t)?;
        } else {
            // Base equal to theirs: only ours changed it, so the merge keeps ours.
            put(&mut b, &c.field, t)?;
        }
    }
    merge3(path, &b.to_string(), theirs, &o.to_string())
}
