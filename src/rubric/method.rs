//! Scoring methods and their parameters, as a rubric file spells them.
//!
//! Every parameter (deduction amounts, bands, tiers, benchmarks) lives here, read from the
//! rubric; the scoring code holds no number of its own.

use crate::num;
use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer};

/// A non-negative decimal parameter of a rubric, read exactly from the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Param(pub Decimal);

impl<'de> Deserialize<'de> for Param {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = Param;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("非负数，如 20 或 0.5")
            }
            fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<Param, E> {
                num::parse_non_negative(s, 10).map(Param).map_err(E::custom)
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Param, E> {
                num::integer(v.into()).map(Param).map_err(E::custom)
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Param, E> {
                num::integer(v.into()).map(Param).map_err(E::custom)
            }
        }
        d.deserialize_any(V)
    }
}

/// Where a method takes a value from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// A figure of the record (`field:budget.spent_total`).
    Field(String),
    /// A rate the rubric derives (`rate:carryover`), in percent.
    Rate(String),
    /// A value the record gives in the indicator's inputs (`input:met`).
    Input(String),
    /// A constant written in the rubric (`28.3`).
    Const(Decimal),
}

impl std::fmt::Display for Source {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Source::Field(k) => write!(f, "field:{k}"),
            Source::Rate(k) => write!(f, "rate:{k}"),
            Source::Input(k) => write!(f, "input:{k}"),
            Source::Const(d) => write!(f, "{d}"),
        }
    }
}

impl<'de> Deserialize<'de> for Source {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = Source;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("`field:SECTION.NAME`、`rate:ID`、`input:NAME` 或数字")
            }
            fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<Source, E> {
                let s = s.trim();
                let named = |rest: &str, make: fn(String) -> Source| {
                    if rest.is_empty() {
                        Err(E::custom(format!("`{s}` 冒号后没有名称")))
                    } else {
                        Ok(make(rest.to_string()))
                    }
                };
                if let Some(rest) = s.strip_prefix("field:") {
                    named(rest, Source::Field)
                } else if let Some(rest) = s.strip_prefix("rate:") {
                    named(rest, Source::Rate)
                } else if let Some(rest) = s.strip_prefix("input:") {
                    named(rest, Source::Input)
                } else {
                    num::parse_non_negative(s, 10)
                        .map(Source::Const)
                        .map_err(|_| {
                            E::custom(format!(
                                "`{s}` 不是数据来源：请写 `field:SECTION.NAME`、`rate:ID`、`input:NAME` 或数字"
                            ))
                        })
                }
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Source, E> {
                Param::deserialize(serde::de::value::I64Deserializer::<E>::new(v))
                    .map(|p| Source::Const(p.0))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Source, E> {
                num::integer(v.into()).map(Source::Const).map_err(E::custom)
            }
        }
        d.deserialize_any(V)
    }
}

/// An over-target band: when (actual − target) / target, in percent, is in `[from, to)`,
/// `deduct` percent of the weight is taken off (the seed's 200% / 300% / 500% rule).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Band {
    pub from: Param,
    #[serde(default)]
    pub to: Option<Param>,
    pub deduct: Param,
}

/// A tier: values in the range score `score` points.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tier {
    #[serde(default)]
    pub from: Option<Param>,
    #[serde(default)]
    pub to: Option<Param>,
    pub score: Param,
    /// Whether `from` itself belongs to the tier (default yes).
    #[serde(default = "yes")]
    pub from_inclusive: bool,
    /// Whether `to` itself belongs to the tier (default no).
    #[serde(default)]
    pub to_inclusive: bool,
}

impl Tier {
    /// Whether `v` falls in this tier.
    pub fn contains(&self, v: Decimal) -> bool {
        let above = match self.from {
            None => true,
            Some(Param(f)) if self.from_inclusive => v >= f,
            Some(Param(f)) => v > f,
        };
        let below = match self.to {
            None => true,
            Some(Param(t)) if self.to_inclusive => v <= t,
            Some(Param(t)) => v < t,
        };
        above && below
    }
}

fn yes() -> bool {
    true
}

fn one() -> Param {
    Param(Decimal::ONE)
}

/// Which side of a threshold deducts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// Values above the threshold deduct (e.g. 在职人员控制率 > 100%).
    Above,
    /// Values below the threshold deduct.
    Below,
}

/// How a partial step counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Partial {
    /// Only whole steps deduct ("每高出10%（含）").
    #[default]
    Floor,
    /// Part of a step deducts its share.
    Proportional,
}

/// How an indicator is scored, with its parameters.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Method {
    /// actual / target × weight, capped at the weight; optional over-target bands.
    Ratio {
        actual: Source,
        target: Source,
        #[serde(default)]
        bands: Vec<Band>,
    },
    /// target / actual × weight, capped (lower is better).
    InverseRatio { actual: Source, target: Source },
    /// Record-defined indicators scored by their target's kind: ≥ and = as a ratio, ≤ as an
    /// inverse ratio, a deadline met or missed, a qualitative level by the evaluator.
    Target {
        #[serde(default)]
        bands: Vec<Band>,
        /// Share of the weight, in percent, given when a deadline is missed (default 0).
        #[serde(default)]
        late_score: Option<Param>,
        /// The highest percentage a `%` value may take (e.g. 100 for 满意度).
        #[serde(default)]
        percent_max: Option<Param>,
    },
    /// The evaluator sets the score and gives the basis (评分依据).
    Qualitative {},
    /// Each failing item deducts `deduct`, floor 0.
    Checklist { items: Vec<String>, deduct: Param },
    /// Deduct per `step` points above (or below) a threshold, floor 0.
    PerPoint {
        value: Source,
        threshold: Source,
        direction: Direction,
        deduct: Param,
        #[serde(default = "one")]
        step: Param,
        #[serde(default)]
        partial: Partial,
    },
    /// Not higher than last year → full; higher → deduct per `step` points.
    YearOnYear {
        value: Source,
        previous: Source,
        deduct: Param,
        #[serde(default = "one")]
        step: Param,
        #[serde(default)]
        partial: Partial,
    },
    /// Above a benchmark (a yearly parameter), deduct per `step` points.
    ThresholdExcess {
        value: Source,
        benchmark: Source,
        deduct: Param,
        #[serde(default = "one")]
        step: Param,
        #[serde(default)]
        partial: Partial,
    },
    /// Ranges of a value map to points.
    Tiers { value: Source, tiers: Vec<Tier> },
    /// (1 − k × value) × weight, 0 beyond `limit`.
    LinearToZero {
        value: Source,
        k: Param,
        #[serde(default)]
        limit: Option<Param>,
    },
    /// met / total × weight.
    CountRatio { met: Source, total: Source },
}

impl Method {
    /// The method's name as written in rubric files.
    pub fn kind(&self) -> &'static str {
        match self {
            Method::Ratio { .. } => "ratio",
            Method::InverseRatio { .. } => "inverse_ratio",
            Method::Target { .. } => "target",
            Method::Qualitative {} => "qualitative",
            Method::Checklist { .. } => "checklist",
            Method::PerPoint { .. } => "per_point",
            Method::YearOnYear { .. } => "year_on_year",
            Method::ThresholdExcess { .. } => "threshold_excess",
            Method::Tiers { .. } => "tiers",
            Method::LinearToZero { .. } => "linear_to_zero",
            Method::CountRatio { .. } => "count_ratio",
        }
    }

    /// Every source the method reads, for validation.
    pub fn sources(&self) -> Vec<&Source> {
        match self {
            Method::Ratio { actual, target, .. } | Method::InverseRatio { actual, target } => {
                vec![actual, target]
            }
            Method::PerPoint {
                value, threshold, ..
            } => vec![value, threshold],
            Method::YearOnYear {
                value, previous, ..
            } => vec![value, previous],
            Method::ThresholdExcess {
                value, benchmark, ..
            } => vec![value, benchmark],
            Method::Tiers { value, .. } | Method::LinearToZero { value, .. } => vec![value],
            Method::CountRatio { met, total } => vec![met, total],
            Method::Target { .. } | Method::Qualitative {} | Method::Checklist { .. } => vec![],
        }
    }
}
