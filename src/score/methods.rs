//! The arithmetic of each scoring method, on plain decimals. Results are not yet rounded;
//! the caller rounds each indicator half-up to two decimals.

use crate::num;
use crate::rubric::{Band, Partial, Tier};
use rust_decimal::Decimal;

const HUNDRED: Decimal = Decimal::ONE_HUNDRED;

/// Why a method could not produce a score.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unscorable {
    /// A denominator (target, budget, total count) is zero.
    ZeroDenominator,
    /// A count of met indicators exceeds the total.
    MetAboveTotal,
}

fn capped(share: Decimal, weight: Decimal) -> Decimal {
    share.min(Decimal::ONE).max(Decimal::ZERO) * weight
}

/// `a / b` for a non-zero `b`; a quotient too large for `Decimal` saturates, so that extreme
/// inputs give the score their size calls for instead of an overflow.
fn quotient(a: Decimal, b: Decimal) -> Decimal {
    a.checked_div(b)
        .unwrap_or(if a.is_sign_negative() == b.is_sign_negative() {
            Decimal::MAX
        } else {
            Decimal::MIN
        })
}

/// The share of the weight, in percent, that the bands deduct for `actual` over `target`.
pub fn band_deduction(actual: Decimal, target: Decimal, bands: &[Band]) -> Decimal {
    if target.is_zero() {
        return Decimal::ZERO;
    }
    let excess = num::percent_of(actual - target, target).unwrap_or_else(|| {
        if actual > target {
            Decimal::MAX
        } else {
            Decimal::MIN
        }
    });
    bands
        .iter()
        .find(|b| excess >= b.from.0 && b.to.is_none_or(|t| excess < t.0))
        .map(|b| b.deduct.0)
        .unwrap_or_default()
}

/// actual / target × weight, capped at the weight, less any over-target band.
pub fn ratio(
    actual: Decimal,
    target: Decimal,
    weight: Decimal,
    bands: &[Band],
) -> Result<Decimal, Unscorable> {
    if target.is_zero() {
        return Err(Unscorable::ZeroDenominator);
    }
    let base = capped(quotient(actual, target), weight);
    let cut = weight * band_deduction(actual, target, bands) / HUNDRED;
    Ok((base - cut).max(Decimal::ZERO))
}

/// target / actual × weight, capped (a reverse indicator: less is better). Nothing spent
/// against a target scores full marks.
pub fn inverse_ratio(actual: Decimal, target: Decimal, weight: Decimal) -> Decimal {
    if actual.is_zero() {
        weight
    } else {
        capped(quotient(target, actual), weight)
    }
}

/// Each failing item deducts `deduct`, floor 0.
pub fn checklist(failing: usize, deduct: Decimal, weight: Decimal) -> Decimal {
    match Decimal::from(failing).checked_mul(deduct) {
        Some(cut) => (weight - cut).max(Decimal::ZERO),
        None => Decimal::ZERO,
    }
}

/// Every score a checklist can give: weight, weight − deduct, … down to 0.
pub fn checklist_reachable(items: usize, deduct: Decimal, weight: Decimal) -> Vec<Decimal> {
    let mut out: Vec<Decimal> = (0..=items)
        .map(|k| num::round2(checklist(k, deduct, weight)))
        .collect();
    out.dedup();
    out
}

/// `deduct` per `step` of `excess` (in points), whole steps only or in proportion; floor 0.
pub fn stepped(
    excess: Decimal,
    step: Decimal,
    deduct: Decimal,
    partial: Partial,
    weight: Decimal,
) -> Decimal {
    if excess <= Decimal::ZERO || step.is_zero() {
        return weight;
    }
    let steps = match partial {
        Partial::Floor => quotient(excess, step).floor(),
        Partial::Proportional => quotient(excess, step),
    };
    match steps.checked_mul(deduct) {
        Some(cut) => (weight - cut).max(Decimal::ZERO),
        // More steps than Decimal can count deduct everything.
        None => Decimal::ZERO,
    }
}

/// The points of the first tier that contains `value`, or `None` when none does.
pub fn tiers(value: Decimal, tiers: &[Tier]) -> Option<Decimal> {
    tiers.iter().find(|t| t.contains(value)).map(|t| t.score.0)
}

/// (1 − k × value) × weight, and 0 beyond `limit`.
pub fn linear_to_zero(
    value: Decimal,
    k: Decimal,
    limit: Option<Decimal>,
    weight: Decimal,
) -> Decimal {
    if limit.is_some_and(|l| value > l) {
        return Decimal::ZERO;
    }
    match k.checked_mul(value) {
        Some(kv) => (Decimal::ONE - kv).max(Decimal::ZERO) * weight,
        None => Decimal::ZERO,
    }
}

/// met / total × weight.
pub fn count_ratio(met: Decimal, total: Decimal, weight: Decimal) -> Result<Decimal, Unscorable> {
    if total.is_zero() {
        Err(Unscorable::ZeroDenominator)
    } else if met > total {
        Err(Unscorable::MetAboveTotal)
    } else {
        Ok(met / total * weight)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rubric::Param;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    fn seed_bands() -> Vec<Band> {
        vec![
            Band {
                from: Param(d("200")),
                to: Some(Param(d("300"))),
                deduct: Param(d("10")),
            },
            Band {
                from: Param(d("300")),
                to: Some(Param(d("500"))),
                deduct: Param(d("20")),
            },
            Band {
                from: Param(d("500")),
                to: None,
                deduct: Param(d("30")),
            },
        ]
    }

    #[test]
    fn ratio_is_capped_and_exact() {
        let s = ratio(d("522383.99"), d("576431.54"), d("20"), &[]).unwrap();
        assert_eq!(num::round2(s), d("18.12"));
        assert_eq!(ratio(d("650"), d("600"), d("4"), &seed_bands()), Ok(d("4")));
        assert_eq!(ratio(d("0"), d("600"), d("4"), &[]), Ok(d("0")));
        assert_eq!(
            ratio(d("1"), d("0"), d("4"), &[]),
            Err(Unscorable::ZeroDenominator)
        );
    }

    #[test]
    fn over_target_bands_deduct_from_two_hundred_percent_inclusive() {
        // (actual − target) / target: 199% → nothing; 200% → 10%; 300% → 20%; 500% → 30%.
        let b = seed_bands();
        assert_eq!(ratio(d("299"), d("100"), d("20"), &b), Ok(d("20")));
        assert_eq!(ratio(d("300"), d("100"), d("20"), &b), Ok(d("18")));
        assert_eq!(ratio(d("399.99"), d("100"), d("20"), &b), Ok(d("18")));
        assert_eq!(ratio(d("400"), d("100"), d("20"), &b), Ok(d("16")));
        assert_eq!(ratio(d("600"), d("100"), d("20"), &b), Ok(d("14")));
        assert_eq!(ratio(d("5000"), d("100"), d("20"), &b), Ok(d("14")));
    }

    #[test]
    fn reverse_indicators_score_target_over_actual() {
        assert_eq!(inverse_ratio(d("80"), d("90"), d("5")), d("5"));
        assert_eq!(
            num::round2(inverse_ratio(d("100"), d("90"), d("5"))),
            d("4.50")
        );
        assert_eq!(inverse_ratio(d("0"), d("90"), d("5")), d("5"));
    }

    #[test]
    fn checklist_floors_at_zero() {
        assert_eq!(checklist(0, d("0.5"), d("1")), d("1"));
        assert_eq!(checklist(1, d("0.5"), d("1")), d("0.5"));
        assert_eq!(checklist(3, d("0.5"), d("1")), d("0"));
        assert_eq!(
            checklist_reachable(6, d("0.8"), d("4")),
            vec![d("4"), d("3.2"), d("2.4"), d("1.6"), d("0.8"), d("0")]
        );
        assert_eq!(
            checklist_reachable(2, d("2"), d("4")),
            vec![d("4"), d("2"), d("0")]
        );
    }

    #[test]
    fn stepped_deductions_floor_or_proportional() {
        // 在职人员控制率 102.5% against 100%, −0.5 per point.
        assert_eq!(
            stepped(d("2.5"), d("1"), d("0.5"), Partial::Floor, d("3")),
            d("2")
        );
        assert_eq!(
            stepped(d("2.5"), d("1"), d("0.5"), Partial::Proportional, d("3")),
            d("1.75")
        );
        assert_eq!(
            stepped(d("-1"), d("1"), d("0.5"), Partial::Floor, d("3")),
            d("3")
        );
        assert_eq!(
            stepped(d("100"), d("1"), d("0.5"), Partial::Floor, d("3")),
            d("0")
        );
        // 每高出10%（含）: exactly one step counts.
        assert_eq!(
            stepped(d("10"), d("10"), d("0.4"), Partial::Floor, d("4")),
            d("3.6")
        );
        assert_eq!(
            stepped(d("9.99"), d("10"), d("0.4"), Partial::Floor, d("4")),
            d("4")
        );
    }

    #[test]
    fn tiers_respect_their_edges() {
        let t = vec![
            Tier {
                from: Some(Param(d("90"))),
                to: None,
                score: Param(d("5")),
                from_inclusive: true,
                to_inclusive: false,
            },
            Tier {
                from: Some(Param(d("80"))),
                to: Some(Param(d("90"))),
                score: Param(d("4")),
                from_inclusive: true,
                to_inclusive: false,
            },
            Tier {
                from: None,
                to: Some(Param(d("80"))),
                score: Param(d("0")),
                from_inclusive: true,
                to_inclusive: false,
            },
        ];
        assert_eq!(tiers(d("90"), &t), Some(d("5")));
        assert_eq!(tiers(d("89.99"), &t), Some(d("4")));
        assert_eq!(tiers(d("80"), &t), Some(d("4")));
        assert_eq!(tiers(d("79.99"), &t), Some(d("0")));
        assert_eq!(tiers(d("1"), &t[..2]), None);
    }

    #[test]
    fn extreme_values_saturate_instead_of_overflowing() {
        let huge = d("79228162514264337593543950");
        let tiny = d("0.0000000001");
        assert_eq!(ratio(huge, tiny, d("4"), &seed_bands()), Ok(d("2.8")));
        assert_eq!(inverse_ratio(tiny, huge, d("4")), d("4"));
        assert_eq!(
            stepped(huge, tiny, d("0.4"), Partial::Proportional, d("4")),
            d("0")
        );
        assert_eq!(linear_to_zero(huge, huge, None, d("4")), d("0"));
        assert_eq!(checklist(3, Decimal::MAX, d("4")), d("0"));
    }

    #[test]
    fn linear_to_zero_and_count_ratio() {
        assert_eq!(linear_to_zero(d("5"), d("0.1"), None, d("4")), d("2"));
        assert_eq!(linear_to_zero(d("12"), d("0.1"), None, d("4")), d("0"));
        assert_eq!(
            linear_to_zero(d("5"), d("0.1"), Some(d("4")), d("4")),
            d("0")
        );
        assert_eq!(count_ratio(d("3"), d("4"), d("8")), Ok(d("6")));
        assert_eq!(
            count_ratio(d("3"), d("0"), d("8")),
            Err(Unscorable::ZeroDenominator)
        );
        assert_eq!(
            count_ratio(d("5"), d("4"), d("8")),
            Err(Unscorable::MetAboveTotal)
        );
    }
}
