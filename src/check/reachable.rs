//! Scores the rule cannot give: an override (or a `score` typed on an indicator the rule
//! scores) that differs from what the rule computes is reported with both figures and the
//! rule, for every method; where the rule can only give a few scores (checklists, tiers), a
//! score outside them is called unreachable.

use crate::finding::Finding;
use crate::num;
use crate::rubric::{Method, Rubric};
use crate::score::{NodeScore, methods};
use rust_decimal::Decimal;

/// The scores a method can give at all, with the rule in words, where they are few.
fn reachable(m: &Method, n: &NodeScore) -> Option<(Vec<Decimal>, String)> {
    match m {
        Method::Checklist { items, deduct } if n.method == "checklist" => Some((
            methods::checklist_reachable(items.len(), deduct.0, n.weight),
            m.rule(),
        )),
        Method::Tiers { tiers, .. } => {
            let mut v: Vec<Decimal> = tiers.iter().map(|t| num::round2(t.score.0)).collect();
            v.sort();
            v.dedup();
            v.reverse();
            Some((v, m.rule()))
        }
        _ => None,
    }
}

/// Reports the override of leaf `n`, if any, that its rule cannot give or did not give.
pub(super) fn check(rubric: &Rubric, n: &NodeScore, out: &mut Vec<Finding>) {
    let Some(ov) = &n.override_ else { return };
    let Some(m) = rubric.nodes.get(n.node).and_then(|r| r.def.method.as_ref()) else {
        return;
    };
    let what = if ov.typed {
        crate::text::check::TYPED_SCORE
    } else {
        crate::text::check::ADJUSTED_SCORE
    };
    let field = if ov.typed {
        format!("{}.score", n.field)
    } else {
        format!("{}.override", n.field)
    };
    let reason = if ov.reason.trim().is_empty() {
        crate::text::check::NOT_WRITTEN
    } else {
        ov.reason.trim()
    };
    let computed = n.computed.map(num::fixed2).unwrap_or_else(|| "—".into());
    if let Some((set, rule)) = reachable(m, n)
        && !set.contains(&ov.score)
    {
        let list = set
            .iter()
            .map(|d| num::fixed2(*d))
            .collect::<Vec<_>>()
            .join(crate::text::check::LIST_SEP);
        out.push(Finding::warning(
            n.section,
            "unreachable-score",
            field,
            crate::text::check::unreachable(
                &n.name,
                num::fixed2(ov.score),
                &rule,
                &list,
                &computed,
                what,
                reason,
            ),
        ));
        return;
    }
    // Missing inputs leave nothing to compare with; they are reported where they are missing.
    let Some(c) = n.computed else { return };
    if c == ov.score {
        return;
    }
    let how = match (n.detail.is_empty(), n.target.is_empty()) {
        (false, _) => crate::text::check::detail(&n.detail),
        // A row of the record: its target and actual are its rule's figures.
        (true, false) => crate::text::check::target_actual(&n.target, &n.actual),
        (true, true) => String::new(),
    };
    out.push(Finding::warning(
        n.section,
        "override-differs",
        field,
        crate::text::check::override_differs(
            &n.name,
            what,
            num::fixed2(ov.score),
            num::fixed2(c),
            m.rule(),
            &how,
            reason,
        ),
    ));
}
