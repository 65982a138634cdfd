//! Targets (指标值) and actuals (完成值) as evaluators write them: `≥600起`, `2.8万处`,
//! `≤90万元`, `2023年12月底`, `有效提升`.

use crate::text::num as zh;
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
    /// A date by which the work is done.
    Deadline(Day),
    /// Written as a date, but no such day exists (`2023年2月31日`): why, in Chinese.
    BadDate { text: String, problem: String },
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

/// A date as evaluators write it: a day, or a month's end (`2023年12月底`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Day {
    /// The day; for a month's end, its last day.
    pub date: jiff::civil::Date,
    /// Written as 月底 / 月末 (or without a day).
    pub month_end: bool,
}

/// The digits of `s` as a number, `None` unless `s` is ASCII digits only.
fn digits(s: &str) -> Option<i64> {
    let s = s.trim();
    if s.is_empty() || s.len() > 9 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// Checks year, month and day with the calendar; the error says what is wrong, in Chinese.
fn calendar_day(y: i64, m: i64, d: Option<i64>) -> Result<Day, String> {
    if !(1900..=2200).contains(&y) {
        return Err(zh::year_out_of_range(y));
    }
    if !(1..=12).contains(&m) {
        return Err(zh::no_such_month(m));
    }
    // Both are in range now, so the casts are exact.
    let first = jiff::civil::Date::new(y as i16, m as i8, 1).map_err(|e| e.to_string())?;
    let last = first.days_in_month();
    match d {
        None => Ok(Day {
            date: first.last_of_month(),
            month_end: true,
        }),
        Some(d) if (1..=i64::from(last)).contains(&d) => Ok(Day {
            date: jiff::civil::Date::new(y as i16, m as i8, d as i8).map_err(|e| e.to_string())?,
            month_end: false,
        }),
        Some(d) => Err(zh::no_such_day(y, m, last, d)),
    }
}

/// Reads `2023年12月底`, `2023年6月30日` or `2023-06-30`: `None` when the text is not written
/// as a date at all, `Some(Err(why))` when it is but no such day exists (2023年2月31日).
pub fn parse_date(text: &str) -> Option<Result<Day, String>> {
    let t = text.trim();
    if let Some((y, rest)) = t.split_once(zh::YEAR) {
        let y = digits(y)?;
        let (m, rest) = rest.split_once(zh::MONTH)?;
        let m = digits(m)?;
        let d = match rest.trim() {
            r if zh::MONTH_END.contains(&r) => None,
            r => Some(digits(r.strip_suffix(zh::DAY)?)?),
        };
        return Some(calendar_day(y, m, d));
    }
    if let [y, m, d] = t.split('-').collect::<Vec<_>>().as_slice() {
        let (y, m, d) = (digits(y)?, digits(m)?, digits(d)?);
        return Some(calendar_day(y, m, Some(d)));
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
        } else if let Some(r) = t
            .strip_prefix('=')
            .or_else(|| t.strip_prefix(zh::FULLWIDTH_EQUALS))
        {
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
        match parse_date(t) {
            Some(Ok(day)) => return Target::Deadline(day),
            Some(Err(problem)) => {
                return Target::BadDate {
                    text: t.to_string(),
                    problem,
                };
            }
            None => {}
        }
        Target::Level(t.to_string())
    }

    /// The target's kind in Chinese, for messages.
    pub fn kind_label(&self) -> &'static str {
        match self {
            Target::Quantity { .. } => zh::QUANTITY,
            Target::Deadline(_) | Target::BadDate { .. } => zh::DEADLINE,
            Target::Level(_) => zh::LEVEL,
        }
    }
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
            Target::Deadline(Day {
                date: jiff::civil::date(2023, 12, 31),
                month_end: true
            })
        );
        assert_eq!(
            Target::parse("2023-06-30"),
            Target::Deadline(Day {
                date: jiff::civil::date(2023, 6, 30),
                month_end: false
            })
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
    }

    #[test]
    fn dates_are_checked_with_the_calendar() {
        assert_eq!(
            parse_date("2023年2月31日"),
            Some(Err("2023年2月只有 28 天，没有 31 日".into()))
        );
        assert_eq!(
            parse_date("2024年2月29日")
                .and_then(Result::ok)
                .map(|d| d.date),
            Some(jiff::civil::date(2024, 2, 29))
        );
        assert_eq!(
            parse_date("2024年2月底")
                .and_then(Result::ok)
                .map(|d| d.date),
            Some(jiff::civil::date(2024, 2, 29))
        );
        assert_eq!(
            parse_date("2023年13月32日"),
            Some(Err("没有 13 月：月份应为 1–12".into()))
        );
        assert_eq!(
            parse_date("2023-02-29"),
            Some(Err("2023年2月只有 28 天，没有 29 日".into()))
        );
        assert_eq!(parse_date("2023年度"), None);
        assert_eq!(parse_date("有效提升"), None);
        // A date that cannot exist is a bad date, not a quantity with the unit 年13月32日.
        assert_eq!(
            Target::parse("2023年13月32日"),
            Target::BadDate {
                text: "2023年13月32日".into(),
                problem: "没有 13 月：月份应为 1–12".into()
            }
        );
        let day = |s: &str| parse_date(s).and_then(Result::ok);
        assert!(day("2024年1月5日") > day("2023年12月底"));
    }
}
