//! Scoring one indicator: resolving its sources, applying its method, its override and
//! 不适用, and reporting what is missing or out of range.

use super::judged;
use super::methods::{self, Unscorable};
use super::sources::Unresolved;
use super::{NodeScore, OverrideScore, RateValue};
use crate::finding::{Finding, Severity};
use crate::num;
use crate::record::{Inputs, Num, Override, Record};
use crate::rubric::{Method, Rubric, Source};
use crate::section::Section;
use crate::text::model::named;
use crate::text::score as zh;
use rust_decimal::Decimal;
use std::collections::BTreeMap;

pub(super) struct Ctx<'a> {
    pub rubric: &'a Rubric,
    pub record: &'a Record,
    pub rates: &'a BTreeMap<&'a str, &'a RateValue>,
    /// Whether to write each indicator's target, actual and detail (what blame, a re-scored
    /// history and a listing do not show; findings are written either way).
    pub explain: bool,
}

/// The outcome of a method before override and rounding.
pub(super) struct Outcome {
    pub(super) score: Option<Decimal>,
    pub(super) target: String,
    pub(super) actual: String,
    pub(super) detail: String,
}

impl Outcome {
    pub(super) fn none() -> Self {
        Outcome {
            score: None,
            target: String::new(),
            actual: String::new(),
            detail: String::new(),
        }
    }
}

/// Reports findings for one indicator.
pub(super) struct Reporter<'f> {
    pub(super) section: Section,
    pub(super) field: String,
    pub(super) name: String,
    pub(super) findings: &'f mut Vec<Finding>,
}

impl Reporter<'_> {
    /// A finding of `severity` about this indicator.
    pub(super) fn at(
        &mut self,
        severity: Severity,
        code: &'static str,
        field: String,
        message: String,
    ) {
        let f = Finding::error(self.section, code, field, named(&self.name, message));
        self.findings.push(Finding { severity, ..f });
    }

    pub(super) fn error(&mut self, code: &'static str, field: String, message: String) {
        let field = if field.is_empty() {
            self.field.clone()
        } else {
            field
        };
        self.findings.push(Finding::error(
            self.section,
            code,
            field,
            named(&self.name, message),
        ));
    }
}

pub(super) fn apply_override(
    ov: Option<&Override>,
    weight: Decimal,
    field: &str,
    rep: &mut Reporter,
) -> Option<OverrideScore> {
    let ov = ov?;
    let Some(score) = ov.score.get() else {
        rep.error(
            "missing-input",
            format!("{field}.override.score"),
            zh::OVERRIDE_WITHOUT_SCORE.into(),
        );
        return None;
    };
    if ov.reason.trim().is_empty() {
        rep.error(
            "override-without-reason",
            format!("{field}.override.reason"),
            zh::override_without_reason(num::fixed2(score)),
        );
    }
    if score > weight {
        rep.error(
            "score-above-weight",
            format!("{field}.override.score"),
            zh::override_above_weight(num::fixed2(score), num::plain(weight)),
        );
    }
    Some(OverrideScore {
        score,
        reason: ov.reason.clone(),
        typed: false,
    })
}

pub(super) fn evaluator_score(
    score: Num,
    weight: Decimal,
    field: &str,
    rep: &mut Reporter,
) -> Option<Decimal> {
    match score.get() {
        None => {
            rep.error(
                "missing-input",
                format!("{field}.score"),
                zh::QUALITATIVE_UNSCORED.into(),
            );
            None
        }
        Some(s) if s > weight => {
            rep.error(
                "score-above-weight",
                format!("{field}.score"),
                zh::score_above_weight(num::fixed2(s), num::plain(weight)),
            );
            None
        }
        Some(s) => Some(s),
    }
}

fn unscorable(u: Unscorable, what: &str, detail: &str, rep: &mut Reporter) {
    let msg = match u {
        Unscorable::ZeroDenominator => zh::zero_denominator(what, detail),
        Unscorable::MetAboveTotal => zh::MET_ABOVE_TOTAL.to_string(),
    };
    rep.error("unscorable", String::new(), msg);
}

/// Scores a leaf the rubric defines, with its inputs from `[SECTION.inputs.ID]`.
pub(super) fn score_rubric_leaf(ctx: &Ctx, i: usize, findings: &mut Vec<Finding>) -> NodeScore {
    let node = &ctx.rubric.nodes[i];
    let weight = node.def.weight.0;
    let field = crate::join::cat(&[node.section.id(), ".inputs.", &node.def.id]);
    let inputs = ctx.record.inputs(node.section, &node.def.id);
    let mut rep = Reporter {
        section: node.section,
        field: field.clone(),
        name: node.def.name.clone(),
        findings,
    };
    let na = inputs
        .map(|x| x.not_applicable.trim())
        .filter(|s| !s.is_empty());
    let method = node.def.method.as_ref();
    let outcome = match (na, method) {
        (Some(_), _) | (None, None) => Outcome::none(),
        (None, Some(m)) => leaf_method(ctx, m, weight, inputs, &field, &mut rep),
    };
    let explicit = inputs.and_then(|x| x.override_.as_ref());
    let mut override_ = apply_override(explicit, weight, &field, &mut rep);
    if na.is_none()
        && let (Some(m), Some(x)) = (method, inputs)
        && !matches!(m, Method::Qualitative { .. })
    {
        let typed = judged::typed_override(x.score, &x.basis, explicit, weight, &field, &mut rep);
        override_ = override_.or(typed);
    }
    finish(
        NodeScore {
            path: node.path.clone(),
            key: node.path.clone(),
            name: node.def.name.clone(),
            level: node.level,
            section: node.section,
            weight,
            applicable: weight,
            score: Decimal::ZERO,
            computed: None,
            override_,
            leaf: true,
            method: method.map(|m| m.kind()).unwrap_or(""),
            not_applicable: na.map(str::to_string),
            basis: inputs.map(|x| x.basis.clone()).unwrap_or_default(),
            target: String::new(),
            actual: String::new(),
            detail: String::new(),
            field,
            node: i,
        },
        outcome,
    )
}

pub(super) fn finish(mut n: NodeScore, o: Outcome) -> NodeScore {
    n.computed = o.score.map(num::round2);
    n.score = match (&n.not_applicable, &n.override_, n.computed) {
        (Some(_), _, _) => Decimal::ZERO,
        (None, Some(ov), _) => ov.score,
        (None, None, c) => c.unwrap_or_default(),
    };
    n.target = o.target;
    n.actual = o.actual;
    n.detail = o.detail;
    n
}

fn leaf_method(
    ctx: &Ctx,
    m: &Method,
    w: Decimal,
    inputs: Option<&Inputs>,
    field: &str,
    rep: &mut Reporter,
) -> Outcome {
    let mut out = Outcome::none();
    // Resolve every source first so that all missing inputs are reported at once.
    let mut vals = Vec::new();
    let mut missing = false;
    let mut unfilled: Vec<String> = Vec::new();
    for s in m.sources() {
        match ctx.resolve(s, inputs, field) {
            Ok(v) => vals.push(v),
            Err(e) => {
                missing = true;
                vals.push(Decimal::ZERO);
                match e {
                    Unresolved::Finding(code, f, msg) => rep.error(code, f, msg),
                    Unresolved::Unfilled(id) if !unfilled.contains(&id) => unfilled.push(id),
                    Unresolved::Unfilled(_) => {}
                }
            }
        }
    }
    if !unfilled.is_empty() {
        let (f, msg) = ctx.unfilled_rates(&unfilled);
        rep.error("missing-input", f, msg);
    }
    let node = field.rsplit('.').next().unwrap_or_default();
    let show = |s: &Source, v: Decimal| match s {
        Source::Rate(r) => ctx
            .rates
            .get(r.as_str())
            .map(|rv| rv.format(v))
            .unwrap_or_else(|| num::percent(v)),
        Source::Field(k) => ctx
            .rubric
            .catalogue
            .figure(k)
            .map_or_else(|| num::amount(v), |f| f.show(v)),
        // A value of the indicator's inputs table, with the decimals its rubric declares.
        Source::Input(name) => ctx
            .rubric
            .input_spec(node, name)
            .map_or_else(|| num::amount(v), |spec| spec.show(v)),
        Source::Const(_) => num::amount(v),
    };
    // A rate over a zero denominator has no value: say so as "—" where the value would be.
    if missing {
        for s in m.sources() {
            if let Source::Rate(r) = s
                && let Some(rv) = ctx.rates.get(r.as_str()).filter(|rv| rv.zero_denominator())
                && ctx.explain
            {
                out.actual = rv.display();
                out.detail = rv.detail.clone();
            }
        }
    }
    let score = match m {
        Method::Qualitative { .. } => {
            let i = inputs.cloned().unwrap_or_default();
            let s = evaluator_score(i.score, w, field, rep);
            if let Some(s) = s {
                judged::check_level(m.levels(), &i.level, s, w, field, rep);
            }
            s
        }
        Method::Checklist { items, deduct } => {
            let pass = inputs.map(|x| x.pass.as_slice()).unwrap_or(&[]);
            let assessed = pass.iter().filter(|p| p.is_some()).count();
            if pass.len() != items.len() || assessed != items.len() {
                rep.error(
                    "missing-input",
                    format!("{field}.pass"),
                    zh::checklist_unanswered(items.len(), assessed),
                );
                None
            } else {
                let failing = pass.iter().filter(|p| **p == Some(false)).count();
                if ctx.explain {
                    out.detail = zh::checklist_detail(items.len(), failing, num::plain(deduct.0));
                }
                Some(methods::checklist(failing, deduct.0, w))
            }
        }
        _ if missing => None,
        Method::Ratio {
            actual,
            target,
            bands,
        } => {
            let (a, t) = (|| show(actual, vals[0]), || show(target, vals[1]));
            match methods::ratio(vals[0], vals[1], w, bands) {
                Ok(s) => {
                    if ctx.explain {
                        (out.actual, out.target) = (a(), t());
                        out.detail = format!(
                            "{} / {} = {}",
                            out.actual,
                            out.target,
                            num::percent_of(vals[0], vals[1])
                                .map(num::percent)
                                .unwrap_or_default()
                        );
                    }
                    Some(s)
                }
                Err(u) => {
                    let detail = format!("{} / {} = —", a(), t());
                    unscorable(u, &ctx.name_of(target, node), &detail, rep);
                    if ctx.explain {
                        (out.actual, out.target, out.detail) = (a(), t(), detail);
                    }
                    None
                }
            }
        }
        Method::InverseRatio { actual, target } => {
            if ctx.explain {
                out.actual = show(actual, vals[0]);
                out.target = show(target, vals[1]);
            }
            Some(methods::inverse_ratio(vals[0], vals[1], w))
        }
        Method::PerPoint {
            value,
            direction,
            deduct,
            step,
            partial,
            ..
        } => {
            let excess = match direction {
                crate::rubric::Direction::Above => vals[0] - vals[1],
                crate::rubric::Direction::Below => vals[1] - vals[0],
            };
            if ctx.explain {
                out.actual = show(value, vals[0]);
                out.detail = zh::threshold(show(value, vals[1]));
            }
            Some(methods::stepped(excess, step.0, deduct.0, *partial, w))
        }
        Method::YearOnYear {
            value,
            deduct,
            step,
            partial,
            ..
        }
        | Method::ThresholdExcess {
            value,
            deduct,
            step,
            partial,
            ..
        } => {
            if ctx.explain {
                out.actual = show(value, vals[0]);
                out.target = show(value, vals[1]);
                out.detail =
                    explain_change(ctx, m, value, &out.actual, &out.target, vals[0] - vals[1]);
            }
            let excess = vals[0] - vals[1];
            Some(methods::stepped(excess, step.0, deduct.0, *partial, w))
        }
        Method::Tiers { value, tiers } => {
            let s = methods::tiers(vals[0], tiers);
            if s.is_none() || ctx.explain {
                let actual = show(value, vals[0]);
                if s.is_none() {
                    rep.error("unscorable", String::new(), zh::in_no_tier(&actual));
                }
                if ctx.explain {
                    out.actual = actual;
                }
            }
            s
        }
        Method::LinearToZero { value, k, limit } => {
            if ctx.explain {
                out.actual = show(value, vals[0]);
            }
            Some(methods::linear_to_zero(vals[0], k.0, limit.map(|l| l.0), w))
        }
        Method::CountRatio { total, .. } => match methods::count_ratio(vals[0], vals[1], w) {
            Ok(s) => {
                if ctx.explain {
                    out.actual = num::plain(vals[0]);
                    out.target = num::plain(vals[1]);
                }
                Some(s)
            }
            Err(u) => {
                let (a, t) = (num::plain(vals[0]), num::plain(vals[1]));
                let detail = if u == Unscorable::ZeroDenominator {
                    format!("{a} / {t} = —")
                } else {
                    String::new()
                };
                unscorable(u, &ctx.name_of(total, node), &detail, rep);
                if ctx.explain {
                    (out.actual, out.target, out.detail) = (a, t, detail);
                }
                None
            }
        },
        Method::Target { .. } => {
            rep.error("rubric-mismatch", String::new(), zh::TARGET_ON_LEAF.into());
            None
        }
    };
    out.score = score;
    out
}

/// The detail of a year-on-year or benchmark comparison: both values and their difference.
fn explain_change(
    ctx: &Ctx,
    m: &Method,
    value: &Source,
    actual: &str,
    target: &str,
    difference: Decimal,
) -> String {
    if let Method::YearOnYear { previous, .. } = m {
        // A difference of two percentages is in 个百分点, not a ratio.
        let percent = |s: &Source| match s {
            Source::Rate(r) => ctx.rates.get(r.as_str()).is_some_and(|rv| {
                rv.unit == crate::rubric::RateUnit::Percent
                    && rv.kind != crate::rubric::RateKind::Change
            }),
            _ => false,
        };
        let unit = if percent(value) && percent(previous) {
            zh::POINTS
        } else {
            ""
        };
        zh::year_on_year(actual, target, super::rates::signed(difference, 2), unit)
    } else {
        zh::against_benchmark(actual, target)
    }
}
