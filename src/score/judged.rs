//! Scores set by the evaluator: a qualitative score checked against the range of the level
//! picked (优 9–10, 良 7–8.9 …), and a `score` typed on an indicator the rule scores, which
//! counts as an override and so needs a reason.

use super::OverrideScore;
use super::leaf::Reporter;
use crate::finding::Severity;
use crate::num;
use crate::record::{Num, Override};
use crate::rubric::{Level, LevelScale, Levels, RuleSeverity};
use crate::text::score as zh;
use rust_decimal::Decimal;

/// A level's range in words, with points of `weight` (`7–8.9 分`, `< 6 分`, `≥ 9 分`).
pub fn level_range(level: &Level, scale: LevelScale, weight: Decimal) -> String {
    let bounds = |f: &dyn Fn(Decimal) -> String| match (level.min, level.max) {
        (Some(a), Some(b)) if level.max_inclusive => zh::range_both(&f(a.0), &f(b.0)),
        (Some(a), Some(b)) => zh::range_below(&f(a.0), &f(b.0)),
        (Some(a), None) => zh::range_from(&f(a.0)),
        (None, Some(b)) if level.max_inclusive => zh::range_to(&f(b.0)),
        (None, Some(b)) => zh::range_under(&f(b.0)),
        (None, None) => zh::RANGE_ANY.to_string(),
    };
    match scale {
        LevelScale::Points => zh::in_points(&bounds(&num::plain)),
        LevelScale::Percent => zh::in_percent(
            &bounds(&|p| format!("{}%", num::plain(p))),
            &bounds(&|p| num::plain(p * weight / Decimal::ONE_HUNDRED)),
        ),
    }
}

fn list(l: &Levels, weight: Decimal) -> String {
    zh::levels(
        &l.levels
            .iter()
            .map(|v| zh::level_with_range(&v.name, &level_range(v, l.scale, weight)))
            .collect::<Vec<_>>(),
    )
}

/// Checks the evaluator's `score` against the level picked (or, with none picked, against
/// every level), at the rubric's severity.
pub(super) fn check_level(
    levels: Option<Levels>,
    picked: &str,
    score: Decimal,
    weight: Decimal,
    field: &str,
    rep: &mut Reporter,
) {
    let Some(l) = levels else {
        if !picked.trim().is_empty() {
            rep.at(
                Severity::Warning,
                "level-ignored",
                format!("{field}.level"),
                zh::level_ignored(picked.trim()),
            );
        }
        return;
    };
    // Ranges in percent are compared with the score's share of the weight.
    let v = match l.scale {
        LevelScale::Points => score,
        LevelScale::Percent => match num::percent_of(score, weight) {
            Some(p) => p,
            None => return,
        },
    };
    let severity = match l.severity {
        RuleSeverity::Warning => Severity::Warning,
        RuleSeverity::Error => Severity::Error,
    };
    let picked = picked.trim();
    if picked.is_empty() {
        if !l.levels.iter().any(|x| x.contains(v)) {
            rep.at(
                severity,
                "level-score-mismatch",
                format!("{field}.score"),
                zh::in_no_level(num::fixed2(score), &list(&l, weight)),
            );
        }
        return;
    }
    match l.levels.iter().find(|x| x.name.trim() == picked) {
        None => rep.error(
            "invalid-value",
            format!("{field}.level"),
            zh::unknown_level(
                picked,
                &l.levels.iter().map(|x| x.name.as_str()).collect::<Vec<_>>(),
            ),
        ),
        Some(x) if !x.contains(v) => rep.at(
            severity,
            "level-score-mismatch",
            format!("{field}.score"),
            zh::outside_level(
                &x.name,
                &level_range(x, l.scale, weight),
                num::fixed2(score),
            ),
        ),
        Some(_) => {}
    }
}

/// A `score` typed on an indicator its rule scores: an override with the 评分依据 as its
/// reason, never silently ignored. With an explicit override as well, the typed score is
/// reported and the override counts.
pub(super) fn typed_override(
    score: Num,
    basis: &str,
    explicit: Option<&Override>,
    weight: Decimal,
    field: &str,
    rep: &mut Reporter,
) -> Option<OverrideScore> {
    let s = score.get()?;
    if explicit.is_some() {
        rep.at(
            Severity::Warning,
            "score-ignored",
            format!("{field}.score"),
            zh::score_ignored(num::fixed2(s)),
        );
        return None;
    }
    if basis.trim().is_empty() {
        rep.error(
            "override-without-reason",
            format!("{field}.basis"),
            zh::typed_without_reason(num::fixed2(s)),
        );
    }
    if s > weight {
        rep.error(
            "score-above-weight",
            format!("{field}.score"),
            zh::typed_above_weight(num::fixed2(s), num::plain(weight)),
        );
    }
    Some(OverrideScore {
        score: s,
        reason: basis.trim().to_string(),
        typed: true,
    })
}
