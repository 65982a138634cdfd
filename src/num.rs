//! Exact numbers: strict parsing of what people type, half-up rounding, Chinese report formatting.
//!
//! Every amount, rate and score in jixiao is a [`Decimal`]; this module is the only place
//! where text becomes a number or a number becomes text.

use rust_decimal::{Decimal, RoundingStrategy};
use std::fmt;

/// Why a piece of text is not an acceptable number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NumError {
    /// Nothing was written.
    Empty,
    /// A minus sign where only non-negative values make sense.
    Negative(String),
    /// Commas that are not thousands separators in groups of three (`12,34.5`, `4，120`).
    Comma(String),
    /// Scientific notation (`1e5`), which hides the written precision.
    Exponent(String),
    /// More decimals than the field allows.
    TooPrecise { text: String, max: u32 },
    /// More than [`MAX_INT_DIGITS`] digits before the decimal point.
    TooLarge(String),
    /// Anything else that is not `digits[.digits]` (`五千`, `abc`, `1.2.3`).
    NotANumber(String),
}

impl NumError {
    /// What is wrong and what to type instead, for a field of at most `max_dp` decimals: an
    /// integer field's examples are integers.
    pub fn message(&self, max_dp: u32) -> String {
        use crate::text::num as t;
        let (kind, example) = if max_dp == 0 {
            (t::INTEGER, "4120")
        } else {
            (t::NUMBER, "576431.54")
        };
        match self {
            NumError::Empty => t::empty(kind, example),
            NumError::Negative(x) => t::negative(x),
            NumError::Comma(x) => t::comma(x, example, &group_thousands(example)),
            NumError::Exponent(x) => t::exponent(x),
            NumError::TooPrecise { text, max: 0 } => t::not_whole(text),
            NumError::TooPrecise { text, max } => t::too_precise(text, *max),
            NumError::TooLarge(x) => t::too_large(x, MAX_INT_DIGITS),
            NumError::NotANumber(x) if max_dp == 0 => t::not_an_integer(x, example),
            NumError::NotANumber(x) => t::not_a_number(x, example),
        }
    }
}

impl fmt::Display for NumError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let max = match self {
            NumError::TooPrecise { max, .. } => *max,
            _ => 2,
        };
        f.write_str(&self.message(max))
    }
}

/// `digits[.digits]` with commas between groups of three in the integer part (`1,234.5`).
fn group_thousands(plain: &str) -> String {
    let (int, frac) = plain.split_once('.').unwrap_or((plain, ""));
    let mut out = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if !frac.is_empty() {
        out.push('.');
        out.push_str(frac);
    }
    out
}

/// The integer part without its thousands separators, when every comma separates a group of
/// three digits as a 决算表 prints them (`4,120`, `576,431.54`); None when a comma is
/// misplaced (`12,34.5`, `4,12`, `,412`).
fn ungroup(t: &str) -> Option<String> {
    let (int, frac) = match t.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (t, None),
    };
    if frac.is_some_and(|f| f.contains(',')) {
        return None;
    }
    let mut groups = int.split(',');
    let first = groups.next()?;
    if first.is_empty() || first.len() > 3 || !first.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let mut out = first.to_string();
    for g in groups {
        if g.len() != 3 || !g.chars().all(|c| c.is_ascii_digit()) {
            return None;
        }
        out.push_str(g);
    }
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    Some(out)
}

impl std::error::Error for NumError {}

/// The most digits a typed value may have before the decimal point. 10¹² 万元 is beyond any
/// budget, and the bound keeps sums and products of inputs inside `Decimal`'s 28 digits,
/// so that no arithmetic on what people type can overflow.
pub const MAX_INT_DIGITS: usize = 12;

/// A TOML integer as a non-negative decimal, under the same rules as typed text.
pub fn integer(v: i128) -> Result<Decimal, NumError> {
    if v < 0 {
        Err(NumError::Negative(v.to_string()))
    } else {
        parse_non_negative(&v.to_string(), 0)
    }
}

/// Parses a non-negative decimal written as `digits[.digits]`, with at most `max_dp` decimals.
pub fn parse_non_negative(text: &str, max_dp: u32) -> Result<Decimal, NumError> {
    let t = text.trim();
    if t.is_empty() {
        return Err(NumError::Empty);
    }
    let owned = t.to_string();
    if t.starts_with('-') || t.starts_with(crate::text::num::FULLWIDTH_MINUS) {
        return Err(NumError::Negative(owned));
    }
    let ungrouped;
    let t = if t.contains(crate::text::num::FULLWIDTH_COMMA) {
        return Err(NumError::Comma(owned));
    } else if t.contains(',') {
        ungrouped =
            ungroup(t.strip_prefix('+').unwrap_or(t)).ok_or(NumError::Comma(owned.clone()))?;
        ungrouped.as_str()
    } else {
        t
    };
    let body = t.strip_prefix('+').unwrap_or(t);
    if body.chars().any(|c| c == 'e' || c == 'E')
        && body
            .chars()
            .all(|c| c.is_ascii_digit() || "eE.+-".contains(c))
    {
        return Err(NumError::Exponent(owned));
    }
    let (int, frac) = match body.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (body, None),
    };
    let digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
    if !digits(int) || frac.is_some_and(|f| !digits(f)) {
        return Err(NumError::NotANumber(owned));
    }
    if int.trim_start_matches('0').len() > MAX_INT_DIGITS {
        return Err(NumError::TooLarge(owned));
    }
    if frac.is_some_and(|f| f.len() > max_dp as usize) {
        return Err(NumError::TooPrecise {
            text: owned,
            max: max_dp,
        });
    }
    body.parse::<Decimal>()
        .map_err(|_| NumError::NotANumber(owned))
}

/// Rounds half-up (四舍五入) to two decimals, the report's rule for rates and scores.
///
/// ```
/// use rust_decimal::Decimal;
/// use std::str::FromStr;
/// let d = |s| Decimal::from_str(s).unwrap();
/// // Half-up, not banker's rounding: 0.125 → 0.13.
/// assert_eq!(jixiao::num::round2(d("0.125")), d("0.13"));
/// // 资金总体 of the seed: 522383.99 / 576431.54 × 20 = 18.1247… → 18.12.
/// assert_eq!(jixiao::num::round2(d("522383.99") / d("576431.54") * d("20")), d("18.12"));
/// ```
pub fn round2(d: Decimal) -> Decimal {
    d.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
}

/// `18.1` → `"18.10"`: a score or amount with exactly two decimals.
pub fn fixed2(d: Decimal) -> String {
    let mut r = round2(d);
    r.rescale(2);
    r.to_string()
}

/// `576431.54` → `"576,431.54"`: an amount in 万元 as the report prints it.
///
/// ```
/// use rust_decimal::Decimal;
/// assert_eq!(jixiao::num::amount(Decimal::new(9444880, 2)), "94,448.80");
/// ```
pub fn amount(d: Decimal) -> String {
    grouped(d, 2)
}

/// An amount with `dp` decimals (rounded half-up) and thousands separators, for figures a
/// rubric declares with other than two decimals.
///
/// ```
/// use rust_decimal::Decimal;
/// use std::str::FromStr;
/// let d = |s| Decimal::from_str(s).unwrap();
/// assert_eq!(jixiao::num::grouped(d("1234.5"), 3), "1,234.500");
/// assert_eq!(jixiao::num::grouped(d("1234567"), 0), "1,234,567");
/// assert_eq!(jixiao::num::grouped(d("-1234.5678"), 3), "-1,234.568");
/// ```
pub fn grouped(d: Decimal, dp: u32) -> String {
    let s = format!(
        "{:.*}",
        dp as usize,
        d.round_dp_with_strategy(dp, RoundingStrategy::MidpointAwayFromZero)
    );
    let (sign, body) = s.strip_prefix('-').map_or(("", s.as_str()), |r| ("-", r));
    let (int, frac) = match body.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (body, None),
    };
    // One string built once: every figure of every record listed goes through here.
    let mut out = String::with_capacity(s.len() + int.len() / 3);
    out.push_str(sign);
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    out
}

/// A rate already in percent (`90.6238…`) → `"90.62%"`.
pub fn percent(p: Decimal) -> String {
    format!("{}%", fixed2(p))
}

/// `a / b × 100`, or `None` when `b` is zero.
pub fn percent_of(a: Decimal, b: Decimal) -> Option<Decimal> {
    if b.is_zero() {
        None
    } else {
        a.checked_div(b)
            .and_then(|q| q.checked_mul(Decimal::ONE_HUNDRED))
    }
}

/// A weight or score written plainly: `20` stays `20`, `4.5` stays `4.5`.
pub fn plain(d: Decimal) -> String {
    d.normalize().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn parses_plain_decimals_exactly() {
        assert_eq!(parse_non_negative("576431.54", 2), Ok(d("576431.54")));
        assert_eq!(parse_non_negative(" 7.50 ", 2).unwrap().to_string(), "7.50");
        assert_eq!(parse_non_negative("0", 2), Ok(Decimal::ZERO));
    }

    #[test]
    fn accepts_thousands_separators_in_groups_of_three() {
        assert_eq!(parse_non_negative("4,120", 0), Ok(d("4120")));
        assert_eq!(parse_non_negative("576,431.54", 2), Ok(d("576431.54")));
        assert_eq!(parse_non_negative("1,000,000", 2), Ok(d("1000000")));
        for bad in [
            "4,12",
            "41,20",
            ",412",
            "4120,",
            "1,2345",
            "4,120.5,1",
            "4，120",
        ] {
            assert_eq!(
                parse_non_negative(bad, 2),
                Err(NumError::Comma(bad.into())),
                "{bad}"
            );
        }
    }

    #[test]
    fn an_integer_fields_hints_are_integers() {
        let e = parse_non_negative("五千", 0).unwrap_err();
        assert_eq!(e.message(0), "「五千」不是整数；请用阿拉伯数字，如 4120");
        let e = parse_non_negative("41,20", 0).unwrap_err();
        assert_eq!(
            e.message(0),
            "「41,20」的逗号不是每三位一组的千位分隔符；请写成 4120 或 4,120"
        );
        assert_eq!(
            e.to_string(),
            "「41,20」的逗号不是每三位一组的千位分隔符；请写成 576431.54 或 576,431.54"
        );
        let e = parse_non_negative("12.5", 0).unwrap_err();
        assert_eq!(e.message(0), "「12.5」不是整数；请填写整数");
    }

    #[test]
    fn rejects_what_people_mistype() {
        assert_eq!(
            parse_non_negative("12,34.5", 2),
            Err(NumError::Comma("12,34.5".into()))
        );
        assert_eq!(
            parse_non_negative("五千", 2),
            Err(NumError::NotANumber("五千".into()))
        );
        assert_eq!(
            parse_non_negative("1e5", 2),
            Err(NumError::Exponent("1e5".into()))
        );
        assert_eq!(
            parse_non_negative("-3", 2),
            Err(NumError::Negative("-3".into()))
        );
        assert_eq!(parse_non_negative("", 2), Err(NumError::Empty));
        assert_eq!(
            parse_non_negative("1.234", 2),
            Err(NumError::TooPrecise {
                text: "1.234".into(),
                max: 2
            })
        );
        assert!(matches!(
            parse_non_negative("1.2.3", 2),
            Err(NumError::NotANumber(_))
        ));
        assert!(matches!(
            parse_non_negative("inf", 2),
            Err(NumError::NotANumber(_))
        ));
        assert_eq!(
            parse_non_negative("1234567890123", 2),
            Err(NumError::TooLarge("1234567890123".into()))
        );
        assert_eq!(
            parse_non_negative("000999999999999.99", 2),
            Ok(d("999999999999.99"))
        );
        assert_eq!(integer(-1), Err(NumError::Negative("-1".into())));
        assert_eq!(
            integer(1_000_000_000_000),
            Err(NumError::TooLarge("1000000000000".into()))
        );
        assert_eq!(integer(5543), Ok(d("5543")));
    }

    #[test]
    fn rounds_half_up_not_to_even() {
        assert_eq!(round2(d("0.125")), d("0.13"));
        assert_eq!(round2(d("0.135")), d("0.14"));
        assert_eq!(round2(d("18.1247")), d("18.12"));
        assert_eq!(fixed2(d("4")), "4.00");
        assert_eq!(fixed2(d("95.965")), "95.97");
    }

    #[test]
    fn formats_amounts_and_percentages_as_the_report_does() {
        assert_eq!(amount(d("576431.54")), "576,431.54");
        assert_eq!(amount(d("94448.8")), "94,448.80");
        assert_eq!(amount(d("123")), "123.00");
        assert_eq!(amount(d("1234567")), "1,234,567.00");
        assert_eq!(
            percent(percent_of(d("522383.99"), d("576431.54")).unwrap()),
            "90.62%"
        );
        assert_eq!(percent_of(d("1"), Decimal::ZERO), None);
        assert_eq!(plain(d("20.00")), "20");
    }
}
