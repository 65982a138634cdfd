//! Targets (指标值) and actuals (完成值) as evaluators write them: `≥600起`, `2.8万处`,
//! `≤90万元`, `2023年12月底`, `有效提升`.

use rust_decimal::Decimal;
use std::str::FromStr;

/// How a quantity is compared with its target.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cmp {
    /// ≥: more is better.
    AtLeast,
    /// ≤: less is better (a reverse indicator).
    AtMost,
    /// = or no sign: reach the value.
    Equal,
}

/// A parsed target.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// A comparator with a value and a unit (起, 倍, 万处, %, 万, 个, 篇…).
    Quantity {
        cmp: Cmp,
        value: Decimal,
        unit: String,
    },
    /// A date by which the work is done: year, month, and day (None = 月底).
    Deadline {
        year: u32,
        month: u32,
        day: Option<u32>,
    },
    /// A qualitative level (有效提升, 效果显著, 持续推动).
    Level(String),
}

/// Splits `650起` into (650, "起"); `None` when the text does not start with a number.
pub fn split_quantity(text: &str) -> Option<(Decimal, String)> {
    let t = text.trim();
    let end = t
        .char_indices()
        .find(|(_, c)| !(c.is_ascii_digit() || *c == '.'))
        .map(|(i, _)| i)
        .unwrap_or(t.len());
    let (num, unit) = t.split_at(end);
    if num.is_empty() || num.starts_with('.') || num.ends_with('.') {
        return None;
    }
    let value = Decimal::from_str(num).ok()?;
    Some((value, unit.trim().to_string()))
}

/// Parses `2023年12月底`, `2023年6月30日` or `2023-06-30` into (year, month, day).
pub fn parse_date(text: &str) -> Option<(u32, u32, Option<u32>)> {
    let t = text.trim();
    let valid = |y: u32, m: u32, d: Option<u32>| {
        (1900..=2200).contains(&y)
            && (1..=12).contains(&m)
            && d.is_none_or(|d| (1..=31).contains(&d))
    };
    if let Some((y, rest)) = t.split_once('年') {
        let y: u32 = y.trim().parse().ok()?;
        let (m, rest) = rest.split_once('月')?;
        let m: u32 = m.trim().parse().ok()?;
        let rest = rest.trim();
        let d = match rest {
            "底" | "末" | "" => None,
            _ => Some(rest.strip_suffix('日')?.trim().parse().ok()?),
        };
        return valid(y, m, d).then_some((y, m, d));
    }
    let parts: Vec<&str> = t.split('-').collect();
    if let [y, m, d] = parts.as_slice() {
        let (y, m, d) = (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
        return valid(y, m, Some(d)).then_some((y, m, Some(d)));
    }
    None
}

impl Target {
    /// Reads a target as written.
    pub fn parse(text: &str) -> Target {
        let t = text.trim();
        let (cmp, rest) = if let Some(r) = t.strip_prefix('≥').or_else(|| t.strip_prefix(">=")) {
            (Some(Cmp::AtLeast), r)
        } else if let Some(r) = t.strip_prefix('≤').or_else(|| t.strip_prefix("<=")) {
            (Some(Cmp::AtMost), r)
        } else if let Some(r) = t.strip_prefix('=').or_else(|| t.strip_prefix('＝')) {
            (Some(Cmp::Equal), r)
        } else {
            (None, t)
        };
        if let Some((value, unit)) = split_quantity(rest)
            && (cmp.is_some() || parse_date(rest).is_none())
        {
            return Target::Quantity {
                cmp: cmp.unwrap_or(Cmp::Equal),
                value,
                unit,
            };
        }
        if let Some((year, month, day)) = parse_date(t) {
            return Target::Deadline { year, month, day };
        }
        Target::Level(t.to_string())
    }

    /// The target's kind in Chinese, for messages.
    pub fn kind_label(&self) -> &'static str {
        match self {
            Target::Quantity { .. } => "定量",
            Target::Deadline { .. } => "时限",
            Target::Level(_) => "定性",
        }
    }
}

/// A date as a comparable number; 月底 counts as the last day.
pub fn date_key(year: u32, month: u32, day: Option<u32>) -> u32 {
    year * 10_000 + month * 100 + day.unwrap_or(31)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn reads_the_seeds_targets() {
        assert_eq!(
            Target::parse("≥600起"),
            Target::Quantity {
                cmp: Cmp::AtLeast,
                value: d("600"),
                unit: "起".into()
            }
        );
        assert_eq!(
            Target::parse("2.8万处"),
            Target::Quantity {
                cmp: Cmp::Equal,
                value: d("2.8"),
                unit: "万处".into()
            }
        );
        assert_eq!(
            Target::parse("≤90 万元"),
            Target::Quantity {
                cmp: Cmp::AtMost,
                value: d("90"),
                unit: "万元".into()
            }
        );
        assert_eq!(
            Target::parse("2023年12月底"),
            Target::Deadline {
                year: 2023,
                month: 12,
                day: None
            }
        );
        assert_eq!(
            Target::parse("2023-06-30"),
            Target::Deadline {
                year: 2023,
                month: 6,
                day: Some(30)
            }
        );
        assert_eq!(Target::parse("有效提升"), Target::Level("有效提升".into()));
        assert_eq!(Target::parse("优"), Target::Level("优".into()));
    }

    #[test]
    fn splits_actuals() {
        assert_eq!(split_quantity("1345.7万"), Some((d("1345.7"), "万".into())));
        assert_eq!(split_quantity("99.00%"), Some((d("99.00"), "%".into())));
        assert_eq!(split_quantity("五千"), None);
        assert_eq!(split_quantity("3.倍"), None);
        assert_eq!(parse_date("2023年13月底"), None);
        assert!(date_key(2024, 1, Some(5)) > date_key(2023, 12, None));
    }
}
