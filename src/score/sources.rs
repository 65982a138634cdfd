//! The values an indicator's method reads (figures, rates, values of its inputs table,
//! constants), taken from the record, and what is said when one has none: each named as the
//! rubric names it (a figure's label, a rate's name, an input's label), never by its key.
//!
//! Rates lacking figures are said once per indicator: a rule may read two rates of one name
//! (this year's 结转结余率 and last year's), and a finding per rate named by its name alone
//! said the same thing twice. The one finding names each rate as people tell them apart
//! (（上年） for last year's) and every figure or input they lack.

use super::leaf::Ctx;
use crate::record::Inputs;
use crate::rubric::{RateKind, Source};
use crate::text::score as zh;
use rust_decimal::Decimal;

/// The code of a finding about a value not filled in.
const MISSING: &str = "missing-input";

/// Why a source has no value.
pub(super) enum Unresolved {
    /// A finding to report: its code, the field to fill in (empty: the indicator's inputs
    /// table) and the message.
    Finding(&'static str, String, String),
    /// A rate lacking figures, by id: reported with the indicator's others by
    /// [`Ctx::unfilled_rates`].
    Unfilled(String),
}

impl Ctx<'_> {
    /// How a person knows `source`, read by the method of the indicator with id `node`: a
    /// figure's label, a rate's name (with （上年） for last year's), an input's label, a
    /// constant as written.
    pub(super) fn name_of(&self, source: &Source, node: &str) -> String {
        match source {
            Source::Field(k) => self
                .rubric
                .catalogue
                .figure(k)
                .map_or_else(|| k.clone(), |f| f.label.clone()),
            Source::Rate(id) => match self.rates.get(id.as_str()) {
                Some(rv) => rv.label(),
                None => self
                    .rubric
                    .rate(id)
                    .map_or_else(|| id.clone(), |r| r.name.clone()),
            },
            Source::Input(k) => self.input_label(node, k),
            Source::Const(c) => crate::num::plain(*c),
        }
    }

    /// The label of input `key` of the indicator `node`; a rate's `ID.NAME` names its own.
    fn input_label(&self, node: &str, key: &str) -> String {
        let own = self.rubric.input_spec(node, key);
        let of_rate = || {
            let (id, name) = key.split_once('.')?;
            self.rubric.input_spec(id, name)
        };
        own.or_else(of_rate)
            .map_or_else(|| key.to_string(), |s| s.label)
    }

    /// The value of a source of the method of the indicator whose inputs table is
    /// `inputs_field` (`SECTION.inputs.ID`), or why it has none.
    pub(super) fn resolve(
        &self,
        source: &Source,
        inputs: Option<&Inputs>,
        inputs_field: &str,
    ) -> Result<Decimal, Unresolved> {
        let node = inputs_field.rsplit('.').next().unwrap_or_default();
        match source {
            Source::Const(c) => Ok(*c),
            Source::Field(k) => match self.record.figure(k) {
                Some(Some(v)) => Ok(v),
                Some(None) => Err(Unresolved::Finding(
                    MISSING,
                    k.clone(),
                    // The field's path goes with the finding, not into what a person reads.
                    zh::missing(&self.name_of(source, node)),
                )),
                None => Err(Unresolved::Finding(
                    MISSING,
                    k.clone(),
                    zh::no_such_field(k),
                )),
            },
            Source::Rate(r) => match self.rates.get(r.as_str()) {
                // A zero denominator is filled in, not missing: the rate cannot be computed.
                Some(rv) if rv.zero_denominator() => {
                    let def = self.rubric.rate(r);
                    let field = def
                        .and_then(|def| match &def.denominator {
                            Source::Field(k) => Some(k.clone()),
                            _ => None,
                        })
                        .unwrap_or_default();
                    let label = def
                        .map(|def| self.name_of(&def.denominator, node))
                        .unwrap_or_default();
                    Err(Unresolved::Finding(
                        "unscorable",
                        field,
                        if rv.kind == RateKind::Change {
                            zh::change_over_zero(&rv.label(), &rv.detail)
                        } else {
                            zh::rate_over_zero(&rv.label(), &label, &rv.detail)
                        },
                    ))
                }
                Some(rv) => rv.value().ok_or_else(|| Unresolved::Unfilled(r.clone())),
                None => Err(Unresolved::Finding(
                    MISSING,
                    String::new(),
                    zh::no_such_rate(r),
                )),
            },
            Source::Input(n) => match inputs.and_then(|i| i.values.get(n)).and_then(|v| v.get()) {
                Some(v) => Ok(v),
                None => Err(Unresolved::Finding(
                    MISSING,
                    format!("{inputs_field}.{n}"),
                    zh::missing(&self.name_of(source, node)),
                )),
            },
        }
    }

    /// The one finding about the rates `ids` of an indicator that lack figures: the field to
    /// fill in first (empty when none is known) and the message naming the rates and every
    /// figure or input they lack.
    pub(super) fn unfilled_rates(&self, ids: &[String]) -> (String, String) {
        let mut names: Vec<String> = Vec::new();
        let mut lacking: Vec<(String, String)> = Vec::new();
        for id in ids {
            let name = self
                .rates
                .get(id.as_str())
                .map_or_else(|| id.clone(), |rv| rv.label());
            if !names.contains(&name) {
                names.push(name);
            }
            self.lacking(id, &mut lacking);
        }
        let field = lacking.first().map(|(f, _)| f.clone()).unwrap_or_default();
        let message = if lacking.is_empty() {
            zh::rate_unfilled(&names.join(zh::LIST_SEP))
        } else {
            let labels: Vec<String> = lacking.into_iter().map(|(_, l)| l).collect();
            zh::rates_unfilled(&names, &labels)
        };
        (field, message)
    }

    /// Adds the figures and inputs that rate `id` lacks to `out`, as (record field, label),
    /// each once, through the rates above it that it is the change of.
    fn lacking(&self, id: &str, out: &mut Vec<(String, String)>) {
        let Some(at) = self.rubric.rates.iter().position(|r| r.id == id) else {
            return;
        };
        let def = &self.rubric.rates[at];
        for s in [&def.numerator, &def.denominator] {
            let gap = match s {
                Source::Field(k) => match self.record.figure(k) {
                    Some(Some(_)) => None,
                    _ => Some((k.clone(), self.name_of(s, ""))),
                },
                Source::Input(k) => {
                    let Some((node, name)) = k.split_once('.') else {
                        continue;
                    };
                    let Some(n) = self.rubric.node(node) else {
                        continue;
                    };
                    let typed = self
                        .record
                        .inputs(n.section, node)
                        .and_then(|i| i.values.get(name))
                        .and_then(|v| v.get());
                    typed.is_none().then(|| {
                        (
                            format!("{}.inputs.{k}", n.section.id()),
                            self.input_label(node, name),
                        )
                    })
                }
                // Only a rate written above it: a rubric's rates cannot lead round in a circle.
                Source::Rate(r) if self.rubric.rates[..at].iter().any(|x| x.id == *r) => {
                    self.lacking(r, out);
                    None
                }
                Source::Rate(_) | Source::Const(_) => None,
            };
            if let Some(g) = gap
                && !out.iter().any(|(f, _)| *f == g.0)
            {
                out.push(g);
            }
        }
    }
}
