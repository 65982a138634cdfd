//! The named values a record types into an indicator's inputs table: read by the `input:NAME`
//! sources of its method and the `input:ID.NAME` sources of rates. `[[indicator.input]]`
//! declares how each is labelled and how many decimals it takes (a ratio such as 0.002, an
//! amount in 元 with three decimals). An undeclared one takes two decimals and is named by
//! the part it plays where it is read (达成数 in its method, 预算调剂率的分子 in a rate), never
//! by its key: people read labels, and `rubric check` warns about a value without one.

use super::{Rubric, Source};
use crate::text::rubric::checks as zh;
use crate::text::rubric::{ROLE_DENOMINATOR, ROLE_NUMERATOR};
use serde::Deserialize;

/// The decimals an input value takes when the rubric does not say (a count unit takes 0).
pub const INPUT_DECIMALS: u32 = 2;

/// The most decimals a rubric may allow for a figure or an input.
pub const MAX_DECIMALS: u32 = 6;

/// A named value of an indicator's inputs table, as the rubric declares it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InputDef {
    /// The key in the inputs table, as `input:NAME` reads it.
    pub name: String,
    /// What the form calls it (实际完成工作数); the part it plays in its rule when empty.
    #[serde(default)]
    pub label: String,
    /// The unit printed after it (个, 元, 项 …).
    #[serde(default)]
    pub unit: String,
    /// Decimals allowed when typed; 0 for a count unit, else 2 unless given.
    #[serde(default)]
    pub decimals: Option<u32>,
}

/// A unit of whole things (人, 个 …): its values take no decimals unless the rubric says.
pub fn is_count_unit(unit: &str) -> bool {
    crate::text::rubric::COUNT_UNITS.contains(&unit)
}

/// An input of one indicator with what the rubric declares about it, defaults filled in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputSpec {
    pub name: String,
    pub label: String,
    pub unit: String,
    pub decimals: u32,
}

impl InputSpec {
    /// The spec of the value `name`, declared by `def` if at all, playing `role` where it is
    /// first read.
    fn of(name: &str, def: Option<&InputDef>, role: &str) -> InputSpec {
        let unit = def.map(|d| d.unit.clone()).unwrap_or_default();
        let decimals = def
            .and_then(|d| d.decimals)
            .unwrap_or(if is_count_unit(&unit) {
                0
            } else {
                INPUT_DECIMALS
            });
        InputSpec {
            name: name.to_string(),
            label: def
                .map(|d| d.label.trim())
                .filter(|l| !l.is_empty())
                .unwrap_or(role)
                .to_string(),
            unit,
            decimals,
        }
    }

    /// A value as the report prints it: its declared decimals, half-up.
    pub fn show(&self, v: rust_decimal::Decimal) -> String {
        crate::num::grouped(v, self.decimals)
    }
}

impl Rubric {
    /// The names read from the inputs table of node `i`, in the order its method and then
    /// the rates read them, each with the part it plays where it is first read.
    fn input_names(&self, i: usize) -> Vec<(&str, String)> {
        let Some(n) = self.nodes.get(i) else {
            return Vec::new();
        };
        let mut read: Vec<(&str, String)> = Vec::new();
        if let Some(m) = &n.def.method {
            for (s, role) in m.source_roles() {
                if let Source::Input(name) = s {
                    read.push((name, role.to_string()));
                }
            }
        }
        for r in &self.rates {
            for (s, role) in [
                (&r.numerator, ROLE_NUMERATOR),
                (&r.denominator, ROLE_DENOMINATOR),
            ] {
                if let Source::Input(k) = s
                    && let Some((id, name)) = k.split_once('.')
                    && id == n.def.id
                {
                    read.push((name, crate::text::rubric::rate_part(&r.name, role)));
                }
            }
        }
        let mut names: Vec<(&str, String)> = Vec::new();
        for (name, role) in read {
            if !names.iter().any(|(n, _)| *n == name) {
                names.push((name, role));
            }
        }
        names
    }

    /// The named values of node `i`'s inputs table, with their labels, units and decimals.
    pub fn inputs_of(&self, i: usize) -> Vec<InputSpec> {
        let defs = self.nodes.get(i).map(|n| n.def.inputs.as_slice());
        self.input_names(i)
            .into_iter()
            .map(|(name, role)| {
                InputSpec::of(
                    name,
                    defs.unwrap_or_default().iter().find(|d| d.name == name),
                    &role,
                )
            })
            .collect()
    }

    /// The values of node `i`'s inputs table that the rubric reads without declaring a
    /// label, with the label they show instead.
    pub(super) fn unlabelled_inputs(&self, i: usize) -> Vec<InputSpec> {
        let Some(n) = self.nodes.get(i) else {
            return Vec::new();
        };
        self.inputs_of(i)
            .into_iter()
            .filter(|s| {
                !n.def
                    .inputs
                    .iter()
                    .any(|d| d.name == s.name && !d.label.trim().is_empty())
            })
            .collect()
    }

    /// The input `name` of the indicator with id `node`.
    pub fn input_spec(&self, node: &str, name: &str) -> Option<InputSpec> {
        let i = self.nodes.iter().position(|n| n.def.id == node)?;
        self.inputs_of(i).into_iter().find(|s| s.name == name)
    }

    /// Problems of the `[[indicator.input]]` declarations, as (indicator path, message).
    pub(super) fn input_problems(&self) -> Vec<(String, String)> {
        let mut out = Vec::new();
        for (i, n) in self.nodes.iter().enumerate() {
            let read = self.input_names(i);
            for (j, d) in n.def.inputs.iter().enumerate() {
                let mut say = |m: String| out.push((n.path.clone(), m));
                if !read.iter().any(|(name, _)| *name == d.name) {
                    say(zh::input_not_read(&d.name, &n.def.id));
                }
                if n.def.inputs[..j].iter().any(|x| x.name == d.name) {
                    say(zh::input_twice(&d.name));
                }
                if d.decimals.is_some_and(|x| x > MAX_DECIMALS) {
                    say(zh::input_decimals(&d.name, MAX_DECIMALS));
                }
            }
        }
        out
    }
}
