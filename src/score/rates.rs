//! Rates the rubric derives from the record (执行率, 结转结余率, 差异率 …), never typed: their
//! values, rounded where the rubric says, and the text that shows how each came about.

use crate::num;
use crate::record::Record;
use crate::rubric::{RATE_DECIMALS, RateKind, RateUnit, Rubric, Source};
use rust_decimal::{Decimal, RoundingStrategy};
use std::collections::BTreeMap;

/// A rate derived from the record's figures.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RateValue {
    pub id: String,
    pub name: String,
    pub previous_year: bool,
    pub kind: RateKind,
    pub unit: RateUnit,
    /// Decimals the value is rounded to (half-up).
    pub decimals: u32,
    pub numerator: Option<Decimal>,
    pub denominator: Option<Decimal>,
    /// Exact value in the rate's unit; `None` when a figure is missing or the denominator is 0.
    pub exact: Option<Decimal>,
    /// A denominator is zero (see [`RateValue::zero_denominator`]).
    pub zero: bool,
    /// How the value came about (`522,383.99 / 576,431.54 = 90.62%`, `7.40% − 11.25% = −3.85
    /// 个百分点`); a zero denominator reads `… / 0.00 = —`.
    pub detail: String,
}

impl RateValue {
    /// The rate's name as people tell it apart: last year's value of a rate of the same name
    /// as this year's is 结转结余率（上年）.
    pub fn label(&self) -> String {
        if self.previous_year {
            crate::text::rubric::previous_year(&self.name)
        } else {
            self.name.clone()
        }
    }

    /// The value as displayed and as compared, half-up to the rate's decimals.
    pub fn value(&self) -> Option<Decimal> {
        self.exact.map(|v| {
            v.round_dp_with_strategy(self.decimals, RoundingStrategy::MidpointAwayFromZero)
        })
    }

    /// The value as a plain string with the rate's decimals (`90.62`, `0.002`), for JSON.
    pub fn value_text(&self) -> Option<String> {
        self.value()
            .map(|v| format!("{:.*}", self.decimals as usize, v))
    }

    /// The value with its unit (`90.62%`, `0.002`, `−3.85 个百分点`), or `—` when it cannot be
    /// computed.
    pub fn display(&self) -> String {
        match self.value() {
            None => "—".into(),
            Some(v) => show(v, self.kind, self.unit, self.decimals),
        }
    }

    /// Another value (last year's, a benchmark) written as this rate writes its own.
    pub fn format(&self, v: Decimal) -> String {
        show(v, self.kind, self.unit, self.decimals)
    }

    /// Whether the value cannot be computed because a denominator (its own, or that of a
    /// rate it is the change of) is filled in and zero.
    pub fn zero_denominator(&self) -> bool {
        self.zero
    }
}

/// `v` with `dp` decimals and a true minus sign (−3.85).
pub(super) fn signed(v: Decimal, dp: u32) -> String {
    let t = format!("{:.*}", dp as usize, v.abs());
    if v.is_sign_negative() && !v.is_zero() {
        format!("−{t}")
    } else {
        t
    }
}

fn show(v: Decimal, kind: RateKind, unit: RateUnit, dp: u32) -> String {
    match (kind, unit) {
        (RateKind::Change, RateUnit::Percent) => crate::text::score::points(signed(v, dp)),
        (_, RateUnit::Percent) => format!("{}%", signed(v, dp)),
        (_, RateUnit::Ratio) => signed(v, dp),
    }
}

/// Computes the rates a rubric defines from a record's figures, inputs and the rates defined
/// above each one.
pub fn rates(rubric: &Rubric, record: &Record) -> Vec<RateValue> {
    rates_with(rubric, record, true)
}

/// [`rates`], with the `detail` of each rate whose denominator is not zero left empty
/// unless `explain`.
pub(super) fn rates_with(rubric: &Rubric, record: &Record, explain: bool) -> Vec<RateValue> {
    let mut done: BTreeMap<&str, RateValue> = BTreeMap::new();
    let mut out = Vec::with_capacity(rubric.rates.len());
    for r in &rubric.rates {
        let get = |s: &Source| -> Option<Decimal> {
            match s {
                Source::Field(k) => record.figure(k).flatten(),
                Source::Const(c) => Some(*c),
                Source::Input(k) => input(rubric, record, k),
                Source::Rate(id) => done.get(id.as_str()).and_then(RateValue::value),
            }
        };
        // How a source's value is written in the detail: each figure as the report prints
        // it (its declared unit's grouping and decimals), a rate as it shows itself.
        let shown = |s: &Source, v: Option<Decimal>| -> String {
            let Some(v) = v else {
                return "—".into();
            };
            match s {
                Source::Field(k) => rubric
                    .catalogue
                    .figure(k)
                    .map_or_else(|| num::amount(v), |f| f.show(v)),
                Source::Const(_) | Source::Input(_) => num::plain(v),
                Source::Rate(id) => done
                    .get(id.as_str())
                    .map_or_else(|| "—".into(), RateValue::display),
            }
        };
        let (n, d) = (get(&r.numerator), get(&r.denominator));
        let scale = match r.unit {
            RateUnit::Percent => Decimal::ONE_HUNDRED,
            RateUnit::Ratio => Decimal::ONE,
        };
        let over = |a: Decimal, b: Decimal| {
            if b.is_zero() {
                None
            } else {
                a.checked_div(b).and_then(|q| q.checked_mul(scale))
            }
        };
        let exact = match (n, d, r.kind) {
            (Some(n), Some(d), RateKind::Ratio) => over(n, d),
            (Some(n), Some(d), RateKind::Difference) => over((n - d).abs(), d),
            (Some(n), Some(d), RateKind::Change) => n.checked_sub(d),
            _ => None,
        };
        let decimals = r.decimals.unwrap_or(RATE_DECIMALS);
        let zero = match r.kind {
            RateKind::Change => [&r.numerator, &r.denominator].iter().any(
                |s| matches!(s, Source::Rate(id) if done.get(id.as_str()).is_some_and(|x| x.zero)),
            ),
            _ => d.is_some_and(|v| v.is_zero()),
        };
        // The finding about a rate over a zero denominator quotes its detail.
        let detail = if explain || zero {
            let value = exact.map(|v| {
                show(
                    v.round_dp_with_strategy(decimals, RoundingStrategy::MidpointAwayFromZero),
                    r.kind,
                    r.unit,
                    decimals,
                )
            });
            let (a, b) = (shown(&r.numerator, n), shown(&r.denominator, d));
            let v = value.unwrap_or_else(|| "—".into());
            match r.kind {
                RateKind::Ratio => format!("{a} / {b} = {v}"),
                RateKind::Difference => format!("|{a} − {b}| / {b} = {v}"),
                RateKind::Change => format!("{a} − {b} = {v}"),
            }
        } else {
            String::new()
        };
        let rv = RateValue {
            zero,
            id: r.id.clone(),
            name: r.name.clone(),
            previous_year: r.previous_year,
            kind: r.kind,
            unit: r.unit,
            decimals,
            numerator: n,
            denominator: d,
            exact,
            detail,
        };
        done.insert(r.id.as_str(), rv.clone());
        out.push(rv);
    }
    out
}

/// The value of `input:INDICATOR.NAME`: NAME in the inputs table of the rubric's leaf
/// INDICATOR.
fn input(rubric: &Rubric, record: &Record, key: &str) -> Option<Decimal> {
    let (id, name) = key.split_once('.')?;
    let node = rubric.node(id)?;
    record
        .inputs(node.section, id)?
        .values
        .get(name)
        .and_then(|v| v.get())
}
