//! Scoring the record's own indicators under an open node (产出, 效果): each row's target kind
//! decides its rule (≥ / = as a ratio, ≤ as an inverse ratio, a deadline, a qualitative level).

use super::NodeScore;
use super::judged;
use super::leaf::{Ctx, Outcome, Reporter, apply_override, evaluator_score, finish};
use super::methods;
use crate::finding::Finding;
use crate::join::cat;
use crate::num;
use crate::record::Item;
use crate::rubric::Method;
use crate::target::{self, Cmp, Target};
use crate::text::score as zh;
use rust_decimal::Decimal;
/// Scores the record's own indicators under open node `i`; returns their sum.
pub(super) fn score_items(
    ctx: &Ctx,
    i: usize,
    out: &mut Vec<NodeScore>,
    findings: &mut Vec<Finding>,
) -> Decimal {
    let node = &ctx.rubric.nodes[i];
    let mut sum = Decimal::ZERO;
    let mut weights = Decimal::ZERO;
    let items = ctx.record.items(node.section);
    let mut k = 0;
    for (idx, item) in items.iter().enumerate() {
        if item.parent != node.def.id {
            continue;
        }
        k += 1;
        let field = cat(&[node.section.id(), ".indicators[", &idx.to_string(), "]"]);
        let mut rep = Reporter {
            section: node.section,
            field: field.clone(),
            name: if item.name.is_empty() {
                zh::nth_item(&node.def.name, k)
            } else {
                item.name.clone()
            },
            findings,
        };
        let weight = match item.weight.get() {
            Some(w) => w,
            None => {
                rep.error(
                    "missing-input",
                    format!("{field}.weight"),
                    zh::NO_WEIGHT.into(),
                );
                Decimal::ZERO
            }
        };
        weights += weight;
        let na = Some(item.not_applicable.trim()).filter(|s| !s.is_empty());
        let target = Target::parse(&item.target);
        let outcome = match (na, &node.def.method) {
            (None, Some(m @ Method::Target { .. })) => {
                item_outcome(item, &target, weight, m, &field, ctx.explain, &mut rep)
            }
            _ => Outcome::none(),
        };
        let explicit = item.override_.as_ref();
        let mut override_ = apply_override(explicit, weight, &field, &mut rep);
        // A score typed on a quantity or a deadline is not the evaluator's to set.
        if na.is_none() && !matches!(target, Target::Level(_)) {
            let typed =
                judged::typed_override(item.score, &item.basis, explicit, weight, &field, &mut rep);
            override_ = override_.or(typed);
        }
        let path = cat(&[&node.path, "/", &k.to_string()]);
        let mut n = finish(
            NodeScore {
                key: if item.id.trim().is_empty() {
                    path.clone()
                } else {
                    cat(&[&node.path, "#", item.id.trim()])
                },
                path,
                name: item.name.clone(),
                level: node.level + 1,
                section: node.section,
                weight,
                applicable: weight,
                score: Decimal::ZERO,
                computed: None,
                override_,
                leaf: true,
                method: "target",
                not_applicable: na.map(str::to_string),
                basis: item.basis.clone(),
                target: String::new(),
                actual: String::new(),
                detail: String::new(),
                field,
                node: i,
            },
            outcome,
        );
        if ctx.explain {
            n.target = item.target.clone();
            n.actual = item.actual.clone();
        }
        sum += n.score;
        out.push(n);
    }
    if k == 0 {
        // No indicator listed yet: the record is incomplete, not at odds with the rubric.
        findings.push(Finding::error(
            node.section,
            "missing-input",
            format!("{}.indicators", node.section.id()),
            zh::no_items(&node.def.name, num::plain(node.def.weight.0)),
        ));
    } else if let Some((min, max)) = node.weight_bounds() {
        if weights < min || weights > max {
            findings.push(Finding::error(
                node.section,
                "rubric-mismatch",
                format!("{}.indicators", node.section.id()),
                zh::items_out_of_bounds(
                    &node.def.name,
                    k,
                    num::plain(weights),
                    num::plain(min),
                    num::plain(max),
                ),
            ));
        }
    } else if weights != node.def.weight.0 {
        findings.push(Finding::error(
            node.section,
            "rubric-mismatch",
            format!("{}.indicators", node.section.id()),
            zh::items_not_weight(
                &node.def.name,
                k,
                num::plain(weights),
                num::plain(node.def.weight.0),
            ),
        ));
    }
    sum
}

fn item_outcome(
    item: &Item,
    target: &Target,
    w: Decimal,
    m: &Method,
    field: &str,
    explain: bool,
    rep: &mut Reporter,
) -> Outcome {
    let mut out = Outcome::none();
    let Method::Target {
        bands,
        late_score,
        percent_max,
        ..
    } = m
    else {
        return out;
    };
    let (late_score, percent_max) = (late_score.map(|p| p.0), percent_max.map(|p| p.0));
    if item.target.trim().is_empty() {
        rep.error(
            "missing-input",
            format!("{field}.target"),
            zh::NO_TARGET.into(),
        );
        return out;
    }
    if item.actual.trim().is_empty() {
        rep.error(
            "missing-input",
            format!("{field}.actual"),
            zh::NO_ACTUAL.into(),
        );
        return out;
    }
    let actual_field = cat(&[field, ".actual"]);
    out.score = match target {
        Target::Quantity { cmp, value, unit } => {
            let value = *value;
            let Some((a, a_unit)) = target::split_quantity(&item.actual) else {
                rep.error(
                    "invalid-value",
                    actual_field,
                    zh::actual_not_quantity(&item.actual, &item.target, unit),
                );
                return out;
            };
            if !a_unit.is_empty() && !unit.is_empty() && a_unit != *unit {
                rep.error(
                    "invalid-value",
                    actual_field,
                    zh::unit_differs(&a_unit, unit),
                );
                return out;
            }
            if let Some(max) = percent_max.filter(|_| unit == "%" || a_unit == "%") {
                for (what, v, f) in [
                    (crate::text::rubric::ACTUAL, a, &actual_field),
                    (
                        crate::text::rubric::TARGET,
                        value,
                        &format!("{field}.target"),
                    ),
                ] {
                    if v > max {
                        rep.error(
                            "invalid-value",
                            f.clone(),
                            zh::percent_above(what, num::plain(v), num::plain(max)),
                        );
                        return out;
                    }
                }
            }
            match cmp {
                Cmp::AtMost => Some(methods::inverse_ratio(a, value, w)),
                Cmp::AtLeast | Cmp::Equal if value.is_zero() => Some(w),
                Cmp::AtLeast | Cmp::Equal => methods::ratio(a, value, w, bands).ok(),
            }
        }
        Target::BadDate { text, problem } => {
            rep.error(
                "invalid-value",
                format!("{field}.target"),
                zh::target_bad_date(text, problem),
            );
            None
        }
        Target::Deadline(due) => match target::parse_date(&item.actual) {
            None => {
                rep.error(
                    "invalid-value",
                    actual_field,
                    zh::actual_not_date(&item.actual),
                );
                None
            }
            Some(Err(problem)) => {
                rep.error(
                    "invalid-value",
                    actual_field,
                    zh::actual_bad_date(item.actual.trim(), &problem),
                );
                None
            }
            Some(Ok(done)) if done.date <= due.date => Some(w),
            Some(Ok(_)) => {
                if explain {
                    out.detail = zh::LATE.into();
                }
                Some(w * late_score.unwrap_or_default() / Decimal::ONE_HUNDRED)
            }
        },
        Target::Level(_) => {
            let s = evaluator_score(item.score, w, field, rep);
            if let Some(s) = s {
                judged::check_level(m.levels(), &item.level, s, w, field, rep);
            }
            s
        }
    };
    out
}
