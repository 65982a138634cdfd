//! Scoring methods and their parameters, as a rubric file spells them.
//!
//! Every parameter (deduction amounts, bands, tiers, benchmarks) lives here, read from the
//! rubric; the scoring code holds no number of its own.

use crate::num;
use crate::text::rubric as zh;
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
                f.write_str(zh::PARAM_EXPECTED)
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
                f.write_str(zh::SOURCE_FORMS)
            }
            fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<Source, E> {
                let s = s.trim();
                let named = |rest: &str, make: fn(String) -> Source| {
                    if rest.is_empty() {
                        Err(E::custom(zh::source_without_name(s)))
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
                        .map_err(|_| E::custom(zh::not_a_source(s)))
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

/// A qualitative level (评价等级) and the scores it allows (优 9–10, 良 7–8.9, 差 < 6): `min`
/// inclusive, `max` inclusive unless `max_inclusive = false`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Level {
    pub name: String,
    #[serde(default)]
    pub min: Option<Param>,
    #[serde(default)]
    pub max: Option<Param>,
    #[serde(default = "yes")]
    pub max_inclusive: bool,
}

impl Level {
    /// Whether `v` (in the level's scale) falls in the level's range.
    pub fn contains(&self, v: Decimal) -> bool {
        self.min.is_none_or(|m| v >= m.0)
            && match self.max {
                None => true,
                Some(Param(m)) if self.max_inclusive => v <= m,
                Some(Param(m)) => v < m,
            }
    }
}

/// What a level's `min` and `max` are measured in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LevelScale {
    /// Points of the indicator (优 9–10 of 10).
    #[default]
    Points,
    /// Percent of the indicator's weight (优 90–100%), for indicators whose weight varies.
    Percent,
}

/// How serious a score outside its level's range is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RuleSeverity {
    #[default]
    Warning,
    Error,
}

/// The score ranges per level of a qualitative indicator, as one method declares them.
#[derive(Debug, Clone, Copy)]
pub struct Levels<'a> {
    pub levels: &'a [Level],
    pub scale: LevelScale,
    pub severity: RuleSeverity,
}

impl Tier {
    /// The tier's range in interval notation (`[90, 95)`, `[95, +∞)`).
    pub fn range(&self) -> String {
        let from = match self.from {
            None => "(−∞".to_string(),
            Some(f) if self.from_inclusive => format!("[{}", num::plain(f.0)),
            Some(f) => format!("({}", num::plain(f.0)),
        };
        let to = match self.to {
            None => "+∞)".to_string(),
            Some(t) if self.to_inclusive => format!("{}]", num::plain(t.0)),
            Some(t) => format!("{})", num::plain(t.0)),
        };
        format!("{from}, {to}")
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
        /// Score ranges per level for qualitative targets.
        #[serde(default)]
        levels: Vec<Level>,
        #[serde(default)]
        level_scale: LevelScale,
        #[serde(default)]
        level_severity: RuleSeverity,
    },
    /// The evaluator sets the score and gives the basis (评分依据), within the range of the
    /// level picked when the rubric declares `levels`.
    Qualitative {
        #[serde(default)]
        levels: Vec<Level>,
        #[serde(default)]
        level_scale: LevelScale,
        #[serde(default)]
        level_severity: RuleSeverity,
    },
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
            Method::Qualitative { .. } => "qualitative",
            Method::Checklist { .. } => "checklist",
            Method::PerPoint { .. } => "per_point",
            Method::YearOnYear { .. } => "year_on_year",
            Method::ThresholdExcess { .. } => "threshold_excess",
            Method::Tiers { .. } => "tiers",
            Method::LinearToZero { .. } => "linear_to_zero",
            Method::CountRatio { .. } => "count_ratio",
        }
    }

    /// Every source the method reads, in order.
    pub fn sources(&self) -> Vec<&Source> {
        self.source_roles().into_iter().map(|(s, _)| s).collect()
    }

    /// Every source the method reads, in order, with the part it plays in the rule in words
    /// (达成数, 总数 …): what a value of the inputs table is called when the rubric gives it
    /// no label.
    pub fn source_roles(&self) -> Vec<(&Source, &'static str)> {
        match self {
            Method::Ratio { actual, target, .. } | Method::InverseRatio { actual, target } => {
                vec![(actual, zh::ROLE_ACTUAL), (target, zh::ROLE_TARGET)]
            }
            Method::PerPoint {
                value, threshold, ..
            } => vec![(value, zh::ROLE_VALUE), (threshold, zh::ROLE_THRESHOLD)],
            Method::YearOnYear {
                value, previous, ..
            } => vec![(value, zh::ROLE_VALUE), (previous, zh::ROLE_PREVIOUS)],
            Method::ThresholdExcess {
                value, benchmark, ..
            } => vec![(value, zh::ROLE_VALUE), (benchmark, zh::ROLE_BENCHMARK)],
            Method::Tiers { value, .. } | Method::LinearToZero { value, .. } => {
                vec![(value, zh::ROLE_VALUE)]
            }
            Method::CountRatio { met, total } => {
                vec![(met, zh::ROLE_MET), (total, zh::ROLE_TOTAL)]
            }
            Method::Target { .. } | Method::Qualitative { .. } | Method::Checklist { .. } => vec![],
        }
    }

    /// The score ranges per level, when the method declares any.
    pub fn levels(&self) -> Option<Levels<'_>> {
        match self {
            Method::Qualitative {
                levels,
                level_scale,
                level_severity,
            }
            | Method::Target {
                levels,
                level_scale,
                level_severity,
                ..
            } if !levels.is_empty() => Some(Levels {
                levels,
                scale: *level_scale,
                severity: *level_severity,
            }),
            _ => None,
        }
    }

    /// The rule in words, for findings that quote it (逐项扣分：每有一项不合格扣 0.8 分).
    pub fn rule(&self) -> String {
        let p = |d: &Param| num::plain(d.0);
        match self {
            Method::Ratio { .. } => zh::RULE_RATIO.into(),
            Method::InverseRatio { .. } => zh::RULE_INVERSE_RATIO.into(),
            Method::Target { .. } => zh::RULE_TARGET.into(),
            Method::Qualitative { .. } => zh::RULE_QUALITATIVE.into(),
            Method::Checklist { deduct, .. } => zh::rule_checklist(p(deduct)),
            Method::PerPoint {
                direction,
                deduct,
                step,
                ..
            } => zh::rule_per_point(*direction == Direction::Above, p(step), p(deduct)),
            Method::YearOnYear { deduct, step, .. } => zh::rule_year_on_year(p(step), p(deduct)),
            Method::ThresholdExcess { deduct, step, .. } => {
                zh::rule_threshold_excess(p(step), p(deduct))
            }
            Method::Tiers { tiers, .. } => zh::rule_tiers(
                &tiers
                    .iter()
                    .map(|t| zh::rule_tier(&t.range(), p(&t.score)))
                    .collect::<Vec<_>>(),
            ),
            Method::LinearToZero { k, .. } => zh::rule_linear_to_zero(p(k)),
            Method::CountRatio { .. } => zh::RULE_COUNT_RATIO.into(),
        }
    }
}
