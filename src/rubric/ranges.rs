//! Ranges of values in a rubric (tiers, score ranges per level): whether they overlap or
//! leave gaps, so that `rubric check` catches a value two tiers claim or none does.

use super::{Level, Tier};
use crate::num;
use crate::text::rubric::checks as zh;
use rust_decimal::Decimal;

/// A range with optional ends, each inclusive or not.
#[derive(Debug, Clone, Copy)]
struct Range {
    from: Option<Decimal>,
    from_inclusive: bool,
    to: Option<Decimal>,
    to_inclusive: bool,
}

impl Range {
    fn of_tier(t: &Tier) -> Range {
        Range {
            from: t.from.map(|p| p.0),
            from_inclusive: t.from_inclusive,
            to: t.to.map(|p| p.0),
            to_inclusive: t.to_inclusive,
        }
    }

    fn of_level(l: &Level) -> Range {
        Range {
            from: l.min.map(|p| p.0),
            from_inclusive: true,
            to: l.max.map(|p| p.0),
            to_inclusive: l.max_inclusive,
        }
    }

    /// A point both ranges hold, as text, if any.
    fn overlap(&self, o: &Range) -> Option<String> {
        // The higher of the two lower ends and the lower of the two upper ends.
        let lo = match (self.from, o.from) {
            (None, x) | (x, None) => x.map(|v| {
                let incl = if self.from == Some(v) {
                    self.from_inclusive
                } else {
                    o.from_inclusive
                };
                (v, incl)
            }),
            (Some(a), Some(b)) if a == b => Some((a, self.from_inclusive && o.from_inclusive)),
            (Some(a), Some(b)) if a > b => Some((a, self.from_inclusive)),
            (Some(_), Some(b)) => Some((b, o.from_inclusive)),
        };
        let hi = match (self.to, o.to) {
            (None, x) | (x, None) => x.map(|v| {
                let incl = if self.to == Some(v) {
                    self.to_inclusive
                } else {
                    o.to_inclusive
                };
                (v, incl)
            }),
            (Some(a), Some(b)) if a == b => Some((a, self.to_inclusive && o.to_inclusive)),
            (Some(a), Some(b)) if a < b => Some((a, self.to_inclusive)),
            (Some(_), Some(b)) => Some((b, o.to_inclusive)),
        };
        match (lo, hi) {
            (Some((l, li)), Some((h, hi))) if l == h && li && hi => Some(num::plain(l)),
            (Some((l, _)), Some((h, _))) if l < h => {
                Some(zh::between(num::plain(l), num::plain(h)))
            }
            (Some(_), Some(_)) => None,
            (Some((l, _)), None) => Some(zh::from_up(num::plain(l))),
            (None, Some((h, _))) => Some(zh::up_to(num::plain(h))),
            (None, None) => Some(zh::ALL_VALUES.into()),
        }
    }
}

/// Pairs of ranges (1-based) that share values, with the values shared.
fn overlaps(ranges: &[Range]) -> Vec<(usize, usize, String)> {
    let mut out = Vec::new();
    for (i, a) in ranges.iter().enumerate() {
        for (j, b) in ranges.iter().enumerate().skip(i + 1) {
            if let Some(at) = a.overlap(b) {
                out.push((i + 1, j + 1, at));
            }
        }
    }
    out
}

/// Values between the lowest and the highest range that no range holds, as text.
fn gaps(ranges: &[Range]) -> Vec<String> {
    let mut sorted: Vec<&Range> = ranges.iter().collect();
    // Lowest start first; an open start is the lowest of all.
    sorted.sort_by(|a, b| match (a.from, b.from) {
        (None, None) => std::cmp::Ordering::Equal,
        (None, _) => std::cmp::Ordering::Less,
        (_, None) => std::cmp::Ordering::Greater,
        (Some(x), Some(y)) => x.cmp(&y).then(b.from_inclusive.cmp(&a.from_inclusive)),
    });
    let mut out = Vec::new();
    let Some(first) = sorted.first() else {
        return out;
    };
    // The highest end reached so far; `None` is unbounded, after which nothing is missing.
    let mut reach = first.to.map(|t| (t, first.to_inclusive));
    for r in &sorted[1..] {
        let Some((end, end_incl)) = reach else { break };
        if let Some(from) = r.from {
            if from > end {
                out.push(zh::between(num::plain(end), num::plain(from)));
            } else if from == end && !end_incl && !r.from_inclusive {
                out.push(num::plain(end));
            }
        }
        reach = match r.to {
            None => None,
            Some(t) if t > end || (t == end && r.to_inclusive) => Some((t, r.to_inclusive)),
            Some(_) => Some((end, end_incl)),
        };
    }
    out
}

/// Problems of a method's tiers: overlapping tiers and gaps between them.
pub fn tier_problems(tiers: &[Tier]) -> Vec<String> {
    let ranges: Vec<Range> = tiers.iter().map(Range::of_tier).collect();
    let mut out: Vec<String> = overlaps(&ranges)
        .into_iter()
        .map(|(i, j, at)| zh::tiers_overlap(i, j, &at))
        .collect();
    out.extend(gaps(&ranges).into_iter().map(|g| zh::tiers_gap(&g)));
    out
}

/// Problems of a method's levels: names, reversed ranges, overlaps, ranges above `max`.
pub fn level_problems(levels: &[Level], max: Option<Decimal>) -> Vec<String> {
    let mut out = Vec::new();
    for (i, l) in levels.iter().enumerate() {
        if l.name.trim().is_empty() {
            out.push(zh::level_without_name(i + 1));
        } else if levels[..i].iter().any(|m| m.name.trim() == l.name.trim()) {
            out.push(zh::level_twice(l.name.trim()));
        }
        if let (Some(a), Some(b)) = (l.min, l.max)
            && (b < a || (a == b && !l.max_inclusive))
        {
            out.push(zh::level_reversed(&l.name));
        }
        if let (Some(m), Some(top)) = (l.max.or(l.min), max)
            && m.0 > top
        {
            out.push(zh::level_above(&l.name, num::plain(top)));
        }
    }
    let ranges: Vec<Range> = levels.iter().map(Range::of_level).collect();
    // Gaps between levels are common (良 7–8.9, 中 6–6.9) and left to the evaluator.
    out.extend(
        overlaps(&ranges)
            .into_iter()
            .map(|(i, j, at)| zh::levels_overlap(&levels[i - 1].name, &levels[j - 1].name, &at)),
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rubric::Param;
    use std::str::FromStr;

    fn tier(from: Option<&str>, to: Option<&str>, fi: bool, ti: bool) -> Tier {
        let p = |s: &str| Param(Decimal::from_str(s).unwrap());
        Tier {
            from: from.map(p),
            to: to.map(p),
            score: p("1"),
            from_inclusive: fi,
            to_inclusive: ti,
        }
    }

    #[test]
    fn edges_that_meet_are_neither_overlap_nor_gap() {
        let t = [
            tier(Some("90"), None, true, false),
            tier(Some("80"), Some("90"), true, false),
            tier(None, Some("80"), true, false),
        ];
        assert!(tier_problems(&t).is_empty(), "{:?}", tier_problems(&t));
    }

    #[test]
    fn shared_edges_overlap_and_open_edges_leave_gaps() {
        let both = [
            tier(Some("80"), Some("90"), true, true),
            tier(Some("90"), None, true, false),
        ];
        let p = tier_problems(&both);
        assert_eq!(p.len(), 1);
        assert!(
            p[0].contains("第 1 档与第 2 档重叠（90 同属两档）"),
            "{p:?}"
        );
        let neither = [
            tier(Some("80"), Some("90"), true, false),
            tier(Some("90"), None, false, false),
        ];
        let p = tier_problems(&neither);
        assert_eq!(
            p,
            vec!["`tiers` 之间有空档：90 不在任何一档内，各档须首尾相接"]
        );
        let hole = [
            tier(Some("60"), Some("80"), true, false),
            tier(Some("85"), None, true, false),
        ];
        assert!(tier_problems(&hole)[0].contains("80 至 85 不在任何一档内"));
        let wide = [
            tier(Some("0"), Some("100"), true, true),
            tier(Some("50"), Some("60"), true, false),
        ];
        assert!(tier_problems(&wide)[0].contains("50 至 60 同属两档"));
    }
}
