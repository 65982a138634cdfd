//! The figures and narratives of a record: kept as written while parsing, then typed by
//! the rubric's catalogue ([`Record::resolve`]), which alone says which may be there.

use super::{Num, Record};
use crate::error::{Error, Result};
use crate::num;
use crate::rubric::catalogue::{Catalogue, FigureDef};
use crate::section::Section;
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
    /// Anything else, described for the error (`a boolean`, `an array`).
    Other(&'static str),
}

impl<'de> Deserialize<'de> for Raw {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = Raw;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a number or a text")
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
            fn visit_bool<E: serde::de::Error>(self, _: bool) -> Result<Raw, E> {
                Ok(Raw::Other("布尔值"))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut a: A) -> Result<Raw, A::Error> {
                while a.next_element::<serde::de::IgnoredAny>()?.is_some() {}
                Ok(Raw::Other("数组"))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut a: A) -> Result<Raw, A::Error> {
                while a
                    .next_entry::<serde::de::IgnoredAny, serde::de::IgnoredAny>()?
                    .is_some()
                {}
                Ok(Raw::Other("表"))
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
                figures.insert(id.clone(), figure_value(f, &raw).map_err(|m| err(&id, m))?);
            } else if catalogue.narrative(&id).is_some() {
                match raw {
                    Raw::Str(s) => {
                        texts.insert(id, s);
                    }
                    Raw::Int(i) => {
                        return Err(err(
                            &id,
                            format!("类型不对：写的是整数 `{i}`，应为字符串（加引号）"),
                        ));
                    }
                    Raw::Other(what) => {
                        return Err(err(
                            &id,
                            format!("类型不对：写的是{what}，应为字符串（加引号）"),
                        ));
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
                    format!(
                        "{}（指标体系未声明此字段：数字用 `[[figure]]`、叙述用 `[[narrative]]` 声明）",
                        crate::text::de::unknown_field(key, &known)
                    ),
                ));
            }
        }
        for f in &catalogue.figures {
            figures.entry(f.id.clone()).or_insert(Num(None));
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
        ],
        Section::Targets => &["indicators", "inputs"],
        Section::Budget | Section::Management => &["inputs"],
        _ => &[],
    }
}

/// A figure's value as written, under its declared unit and decimals.
fn figure_value(f: &FigureDef, raw: &Raw) -> std::result::Result<Num, String> {
    let parsed = match raw {
        Raw::Str(s) if s.trim().is_empty() => return Ok(Num(None)),
        Raw::Str(s) => num::parse_non_negative(s, f.decimals()),
        Raw::Int(i) => num::integer(*i),
        Raw::Other(what) => {
            return Err(format!(
                "类型不对：写的是{what}，应为不小于 0、最多 {} 位小数的数字，尚不知道时写 \"\"",
                f.decimals()
            ));
        }
    };
    match parsed {
        Ok(d) => Ok(Num(Some(d))),
        Err(num::NumError::TooPrecise { text, max: 0 }) => Err(format!(
            "「{text}」不是整数；{}（{}）没有小数",
            f.label, f.unit
        )),
        Err(e) => Err(e.to_string()),
    }
}
