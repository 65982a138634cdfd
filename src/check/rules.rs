//! The consistency rules a rubric declares: required figures, sums (`[[sum]]`) and
//! threshold-triggered explanations (`[[explain]]`), reported in the rubric's own words.

use super::MISSING_INPUT;
use crate::finding::{Finding, Severity};
use crate::num;
use crate::record::Record;
use crate::rubric::catalogue::{ExplainDef, FigureDef, Other, RuleSeverity};
use crate::rubric::{Rubric, Source};
use crate::score::Scorecard;
use crate::section::Section;
use rust_decimal::Decimal;

/// A figure's value with its unit, as messages print it.
pub(super) fn show(v: Decimal, f: &FigureDef) -> String {
    format!("{} {}", f.show(v), f.unit)
}

/// Every required figure the rubric declares that is still empty.
pub(super) fn missing(rubric: &Rubric, record: &Record, out: &mut Vec<Finding>) {
    for f in rubric.catalogue.figures.iter().filter(|f| f.required) {
        if record.figure(&f.id) == Some(None) {
            out.push(Finding::error(
                f.section(),
                MISSING_INPUT,
                f.id.clone(),
                format!("缺少「{}」（{}）", f.label, f.unit),
            ));
        }
    }
}

/// The `[[sum]]` rules on the figures.
pub(super) fn sums(rubric: &Rubric, record: &Record, out: &mut Vec<Finding>) {
    let cat = &rubric.catalogue;
    let fig = |id: &str| record.figure(id).flatten();
    for rule in &cat.sums {
        let Some(total_def) = cat.figure(&rule.total) else {
            continue;
        };
        let Some(total) = fig(&rule.total) else {
            continue;
        };
        let values = |ids: &[String]| -> Option<Vec<(&FigureDef, Decimal)>> {
            ids.iter()
                .map(|id| Some((cat.figure(id)?, fig(id)?)))
                .collect()
        };
        let (Some(parts), Some(minus)) = (values(&rule.parts), values(&rule.minus)) else {
            continue;
        };
        // Figures have at most 12 integer digits, so a sum of a few cannot overflow.
        let sum: Decimal = parts.iter().map(|(_, v)| *v).sum::<Decimal>()
            - minus.iter().map(|(_, v)| *v).sum::<Decimal>();
        let mut listed = parts
            .iter()
            .map(|(f, v)| format!("{} {}", f.label, show(*v, f)))
            .collect::<Vec<_>>()
            .join(" + ");
        for (f, v) in &minus {
            listed.push_str(&format!(" − {} {}", f.label, show(*v, f)));
        }
        let section = total_def.section();
        match rule.other {
            Other::Allowed => {
                if sum > total {
                    let field = rule.parts.first().cloned().unwrap_or_default();
                    let what = if parts.len() == 1 && minus.is_empty() {
                        listed
                    } else {
                        format!("{listed} = {}", show(sum, total_def))
                    };
                    out.push(Finding::error(
                        section,
                        "sum-mismatch",
                        field,
                        format!("{what} 大于{} {}", total_def.label, show(total, total_def)),
                    ));
                }
            }
            _ if sum == total => {}
            other => {
                let msg = format!(
                    "{} {} ≠ {listed} = {}",
                    total_def.label,
                    show(total, total_def),
                    show(sum, total_def)
                );
                if other == Other::Explain && sum < total {
                    out.push(Finding::warning(
                        section,
                        "sum-mismatch",
                        rule.total.clone(),
                        format!(
                            "{msg}；差额 {} 若为其他，请在说明中写明",
                            show(total - sum, total_def)
                        ),
                    ));
                } else {
                    out.push(Finding::error(
                        section,
                        "sum-mismatch",
                        rule.total.clone(),
                        msg,
                    ));
                }
            }
        }
    }
}

/// A watched value with how to print it: (value, name, printed).
fn watched(
    rubric: &Rubric,
    record: &Record,
    card: &Scorecard,
    s: &Source,
) -> Option<(Decimal, String, String)> {
    match s {
        Source::Field(k) => {
            let f = rubric.catalogue.figure(k)?;
            let v = record.figure(k).flatten()?;
            Some((v, f.label.clone(), show(v, f)))
        }
        Source::Rate(r) => {
            let rv = card.rate(r)?;
            let v = rv.value()?;
            Some((v, rv.name.clone(), rv.display()))
        }
        Source::Const(c) => Some((*c, num::plain(*c), num::plain(*c))),
        Source::Input(_) => None,
    }
}

fn severity(s: RuleSeverity) -> Severity {
    match s {
        RuleSeverity::Error => Severity::Error,
        RuleSeverity::Warning => Severity::Warning,
    }
}

/// Whether `text` gives the reason the rule asks for.
fn explained(e: &ExplainDef, text: &str) -> bool {
    !text.trim().is_empty() && (e.words.is_empty() || e.words.iter().any(|w| text.contains(w)))
}

/// The `[[explain]]` rules: a trigger that holds needs its written reason.
pub(super) fn explanations(
    rubric: &Rubric,
    record: &Record,
    card: &Scorecard,
    out: &mut Vec<Finding>,
) {
    for e in &rubric.catalogue.explains {
        let sev = severity(e.severity);
        if let Some(pct) = e.scores_below {
            for n in card.leaves() {
                if n.not_applicable.is_some() || n.weight.is_zero() {
                    continue;
                }
                let below = n
                    .score
                    .checked_mul(Decimal::ONE_HUNDRED)
                    .is_some_and(|s| s < pct.0 * n.weight);
                let reason = n
                    .override_
                    .as_ref()
                    .map(|o| format!("{} {}", n.basis, o.reason))
                    .unwrap_or_else(|| n.basis.clone());
                if below && !explained(e, &reason) {
                    out.push(Finding {
                        severity: sev,
                        section: n.section,
                        code: "explanation-required",
                        field: format!("{}.basis", n.field),
                        message: format!(
                            "{}：得 {} / {} 分，低于分值的 {}%；{}",
                            n.name,
                            num::fixed2(n.score),
                            num::plain(n.weight),
                            num::plain(pct.0),
                            e.message
                        ),
                    });
                }
            }
            continue;
        }
        let (Some(value), Some(field)) = (&e.value, &e.field) else {
            continue;
        };
        let Some((v, name, shown)) = watched(rubric, record, card, value) else {
            continue;
        };
        let percent = match value {
            Source::Rate(r) => card
                .rate(r)
                .is_some_and(|rv| rv.unit == crate::rubric::RateUnit::Percent),
            _ => false,
        };
        let bound = |p: Decimal| {
            if percent {
                format!("{}%", num::plain(p))
            } else {
                num::plain(p)
            }
        };
        let trigger = if let Some(b) = e.below.filter(|b| v < b.0) {
            Some(format!("{name} {shown} 低于 {}", bound(b.0)))
        } else if let Some(a) = e.above.filter(|a| v > a.0) {
            Some(format!("{name} {shown} 高于 {}", bound(a.0)))
        } else if let Some(other) = &e.differs_from {
            watched(rubric, record, card, other)
                .filter(|(o, _, _)| *o != v)
                .map(|(o, oname, oshown)| {
                    let rate = num::percent_of((v - o).abs(), o)
                        .map(|r| format!("，调整率 {}", num::percent(r)))
                        .unwrap_or_else(|| "，调整率 —".into());
                    format!("{name} {shown} ≠ {oname} {oshown}{rate}")
                })
        } else {
            None
        };
        let Some(trigger) = trigger else { continue };
        if explained(e, record.text(field)) {
            continue;
        }
        let label = rubric.catalogue.label(field).unwrap_or(field);
        let section = rubric
            .catalogue
            .narrative(field)
            .map(|n| n.section())
            .unwrap_or(Section::Overview);
        let words = if e.words.is_empty() {
            String::new()
        } else {
            format!("（须含「{}」之一）", e.words.join("」「"))
        };
        out.push(Finding {
            severity: sev,
            section,
            code: "explanation-required",
            field: field.clone(),
            message: format!("{trigger}：{}；「{label}」未写明{words}", e.message),
        });
    }
}
