//! The figures and narratives of a record: kept as written while parsing, then typed by
//! the rubric's catalogue ([`Record::resolve`]), which alone says which may be there.

use super::{Num, Record};
use crate::error::{Error, Result};
use crate::num;
use crate::rubric::catalogue::{Catalogue, FigureDef};
use crate::rubric::columns::{ColumnKind, ColumnValue};
use crate::section::Section;
use crate::text::de::invalid_type;
use crate::text::record::invalid as t;
use serde::{Deserialize, Deserializer};
use std::collections::BTreeMap;
use std::path::Path;

/// A value of a section table that is not part of the record's structure: a figure or a
/// narrative the rubric declares, kept as written until the rubric's catalogue types it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Raw {
    /// A string: a narrative, a number written in quotes, or `""` (not filled in).
    Str(String),
    /// A TOML integer.
    Int(i128),
    /// A TOML boolean (a 是/否 column).
    Bool(bool),
    /// Anything else, described for the error (数组, 表).
    Other(&'static str),
}

impl<'de> Deserialize<'de> for Raw {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = Raw;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str(t::DECLARED_EXPECTED)
            }
            fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<Raw, E> {
                Ok(Raw::Str(s.to_string()))
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Raw, E> {
                Ok(Raw::Int(v.into()))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Raw, E> {
                Ok(Raw::Int(v.into()))
            }
            // No visit of binary floats: decimals are read from the TOML text before serde
            // (tomlio), and one reaching here is refused by serde's own type error.
            fn visit_bool<E: serde::de::Error>(self, b: bool) -> Result<Raw, E> {
                Ok(Raw::Bool(b))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut a: A) -> Result<Raw, A::Error> {
                while a.next_element::<serde::de::IgnoredAny>()?.is_some() {}
                Ok(Raw::Other(t::ARRAY))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut a: A) -> Result<Raw, A::Error> {
                while a
                    .next_entry::<serde::de::IgnoredAny, serde::de::IgnoredAny>()?
                    .is_some()
                {}
                Ok(Raw::Other(t::TABLE))
            }
        }
        d.deserialize_any(V)
    }
}

impl Record {
    /// Types the figures and narratives by the rubric's catalogue: a figure must be a number
    /// with at most its declared decimals, a narrative a text, and nothing undeclared may be
    /// there. Declared fields the file lacks are empty.
    pub fn resolve(&mut self, catalogue: &Catalogue, path: &Path, text: &str) -> Result<()> {
        let err = |id: &str, message: String| Error::Field {
            path: path.to_path_buf(),
            location: crate::tomlio::locate(text, id)
                .map(|(l, c)| format!(":{l}:{c}"))
                .unwrap_or_default(),
            field: id.to_string(),
            message,
        };
        let mut figures = BTreeMap::new();
        let mut texts = BTreeMap::new();
        for (id, raw) in self.extras() {
            if let Some(f) = catalogue.figure(&id) {
                figures.insert(id.clone(), figure_value(f, raw).map_err(|m| err(&id, m))?);
            } else if catalogue.narrative(&id).is_some() {
                match raw {
                    Raw::Str(s) => {
                        texts.insert(id, s.clone());
                    }
                    Raw::Int(i) => {
                        return Err(err(
                            &id,
                            invalid_type(&t::integer(*i), t::NARRATIVE_EXPECTED),
                        ));
                    }
                    Raw::Other(what) => {
                        return Err(err(&id, invalid_type(what, t::NARRATIVE_EXPECTED)));
                    }
                    Raw::Bool(_) => {
                        return Err(err(&id, invalid_type(t::BOOLEAN, t::NARRATIVE_EXPECTED)));
                    }
                }
            } else {
                let (section, key) = id.split_once('.').unwrap_or(("", &id));
                let section = Section::from_id(section).unwrap_or(Section::Overview);
                let known: Vec<String> = own_fields(section)
                    .iter()
                    .map(|k| format!("`{k}`"))
                    .chain(
                        catalogue
                            .figures_in(section)
                            .map(|f| format!("`{}`", f.key())),
                    )
                    .chain(
                        catalogue
                            .narratives_in(section)
                            .map(|n| format!("`{}`", n.key())),
                    )
                    .collect();
                return Err(err(
                    &id,
                    t::undeclared(&crate::text::de::unknown_field(key, &known)),
                ));
            }
        }
        for f in &catalogue.figures {
            figures.entry(f.id.clone()).or_insert(Num(None));
        }
        for (section, row, item) in self.items_mut() {
            item.cells = columns(catalogue, item).map_err(|(key, m)| {
                err(
                    &format!("{}.indicators[{row}].columns.{key}", section.id()),
                    m,
                )
            })?;
        }
        self.figures = figures;
        self.texts = catalogue
            .narratives
            .iter()
            .map(|n| (n.id.clone(), texts.remove(&n.id).unwrap_or_default()))
            .collect();
        Ok(())
    }
}

/// The values of an indicator row's extra columns, typed by the rubric's `[[column]]`s; an
/// error names the column key and says what is allowed.
fn columns(
    catalogue: &Catalogue,
    item: &super::Item,
) -> std::result::Result<BTreeMap<String, ColumnValue>, (String, String)> {
    let mut out = BTreeMap::new();
    for (key, raw) in &item.columns {
        let Some(def) = catalogue.columns_of(&item.parent).find(|c| &c.id == key) else {
            let allowed: Vec<String> = catalogue
                .columns_of(&item.parent)
                .map(|c| t::column(&c.id, &c.label))
                .collect();
            return Err((key.clone(), t::not_a_column(key, &item.parent, &allowed)));
        };
        let wrong = |what: &str| {
            let hint = match def.kind {
                ColumnKind::Flag => t::FLAG_HINT.to_string(),
                ColumnKind::Text => t::TEXT_HINT.to_string(),
                ColumnKind::Number => t::number_hint(def.decimals()),
            };
            (key.clone(), t::wrong_column(what, &def.label, &hint))
        };
        let value = match (def.kind, raw) {
            (_, Raw::Str(s)) if s.trim().is_empty() => continue,
            (ColumnKind::Flag, Raw::Bool(b)) => ColumnValue::Flag(*b),
            (ColumnKind::Text, Raw::Str(s)) => ColumnValue::Text(s.clone()),
            (ColumnKind::Number, Raw::Str(s)) => num::parse_non_negative(s, def.decimals())
                .map(ColumnValue::Number)
                .map_err(|e| (key.clone(), e.message(def.decimals())))?,
            (ColumnKind::Number, Raw::Int(i)) => num::integer(*i)
                .map(ColumnValue::Number)
                .map_err(|e| (key.clone(), e.message(def.decimals())))?,
            (_, Raw::Bool(_)) => return Err(wrong(t::BOOLEAN)),
            (_, Raw::Int(_)) => return Err(wrong(t::INTEGER)),
            (_, Raw::Str(_)) => return Err(wrong(t::TEXT)),
            (_, Raw::Other(what)) => return Err(wrong(what)),
        };
        out.insert(key.clone(), value);
    }
    Ok(out)
}

/// The keys of a section table that are the record's own structure.
pub fn own_fields(section: Section) -> &'static [&'static str] {
    match section {
        Section::Overview => &[
            "name",
            "short_name",
            "evaluator",
            "report_date",
            "duties",
            "goals",
            "indicators",
            "inputs",
        ],
        Section::Budget | Section::Targets | Section::Management => &["indicators", "inputs"],
        Section::Conclusion | Section::Recommendations => &[],
    }
}

/// A figure's value as written, under its declared unit and decimals.
fn figure_value(f: &FigureDef, raw: &Raw) -> std::result::Result<Num, String> {
    let parsed = match raw {
        Raw::Str(s) if s.trim().is_empty() => return Ok(Num(None)),
        Raw::Str(s) => num::parse_non_negative(s, f.decimals()),
        Raw::Int(i) => num::integer(*i),
        Raw::Other(what) => return Err(invalid_type(what, &t::number_expected(f.decimals()))),
        Raw::Bool(_) => {
            return Err(invalid_type(t::BOOLEAN, &t::number_expected(f.decimals())));
        }
    };
    match parsed {
        Ok(d) => Ok(Num(Some(d))),
        Err(num::NumError::TooPrecise { text, max: 0 }) => {
            Err(t::not_whole(&text, &f.label, &f.unit))
        }
        Err(e) => Err(e.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_value_of_no_declared_kind_is_described_in_chinese() {
        let e = toml_edit::de::from_str::<BTreeMap<String, Raw>>("a = 1.5").unwrap_err();
        assert_eq!(
            crate::text::de::serde_message(e.message()),
            "类型不对：写的是小数 `1.5`，应为数字、文字或 true/false"
        );
        let ok =
            toml_edit::de::from_str::<BTreeMap<String, Raw>>("a = [1]\nb = { c = 1 }").unwrap();
        assert_eq!(ok["a"], Raw::Other("数组"));
        assert_eq!(ok["b"], Raw::Other("表"));
    }
}
