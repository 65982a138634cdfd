//! Numbers that narratives cite, checked against the figures and the computed rates.
//!
//! A citation is a known term followed by a number and its unit: `部门预算执行率为 90.63%`,
//! `全年支出预算 576,431.54 万元`, `年末实有人数共计 5543 人`. The term decides what the number
//! must equal; a sentence that names last year (`2022年`) is compared with last year's figures.

use crate::finding::Finding;
use crate::num;
use crate::record::Record;
use crate::rubric::Rubric;
use crate::rubric::catalogue::FigureDef;
use crate::score::{RateValue, Scorecard};
use crate::section::Section;
use rust_decimal::Decimal;
use std::str::FromStr;

/// What a term in a narrative refers to.
#[derive(Debug, Clone, Copy)]
enum Term<'a> {
    Figure(&'a FigureDef),
    /// Rates sharing a name (this year's and last year's 结转结余率); whether it is a plain
    /// ratio (0.002), cited without a unit.
    Rate(&'a str, bool),
}

/// A number cited after a term.
#[derive(Debug, Clone)]
struct Citation<'a> {
    term: Term<'a>,
    label: &'a str,
    /// The text as written, from the term to the unit.
    quote: String,
    value: Decimal,
    /// Decimals as written (`99%` → 0).
    scale: u32,
    /// Byte offset in the sentence where the term starts.
    at: usize,
}

const CONNECTORS: &[char] = crate::text::check::CONNECTORS;

fn terms<'a>(card: &'a Scorecard, rubric: &'a Rubric) -> Vec<(&'a str, Term<'a>)> {
    let mut out: Vec<(&str, Term)> = Vec::new();
    for f in rubric
        .catalogue
        .figures
        .iter()
        .filter(|f| f.previous_of.is_none())
    {
        out.push((f.label.as_str(), Term::Figure(f)));
        for a in &f.aliases {
            out.push((a.as_str(), Term::Figure(f)));
        }
    }
    for r in &card.rates {
        if !out.iter().any(|(l, _)| *l == r.name) {
            let ratio = r.unit == crate::rubric::RateUnit::Ratio;
            out.push((r.name.as_str(), Term::Rate(r.name.as_str(), ratio)));
        }
    }
    out
}

fn rate_aliases<'a>(
    card: &'a Scorecard,
    rubric: &'a crate::rubric::Rubric,
) -> Vec<(&'a str, Term<'a>)> {
    rubric
        .rates
        .iter()
        .flat_map(|r| r.aliases.iter().map(move |a| (a.as_str(), r.name.as_str())))
        .filter_map(|(a, name)| {
            card.rates.iter().find(|rv| rv.name == name).map(|rv| {
                let ratio = rv.unit == crate::rubric::RateUnit::Ratio;
                (a, Term::Rate(rv.name.as_str(), ratio))
            })
        })
        .collect()
}

/// Reads the number and unit right after a term; `None` when there is none. `units` are the
/// units the rubric's figures use, longest first; `%` is always known. With `bare`, a number
/// followed by no unit is read too (a ratio, 0.002), with the unit `""`.
fn number_after<'u>(
    s: &str,
    units: &[&'u str],
    bare: bool,
) -> Option<(Decimal, u32, &'u str, usize)> {
    let mut skipped = 0;
    let mut rest = s;
    while let Some(c) = rest.chars().next() {
        if CONNECTORS.contains(&c) && skipped < 6 {
            skipped += 1;
            rest = &rest[c.len_utf8()..];
        } else {
            break;
        }
    }
    let end = rest
        .char_indices()
        .find(|(_, c)| !(c.is_ascii_digit() || *c == ',' || *c == '.'))
        .map(|(i, _)| i)
        .unwrap_or(rest.len());
    let digits = rest[..end].trim_end_matches(['.', ',']);
    if digits.is_empty() || !digits.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let value = Decimal::from_str(&digits.replace(',', "")).ok()?;
    let scale = digits
        .split_once('.')
        .map(|(_, f)| f.len() as u32)
        .unwrap_or(0);
    let after = rest[digits.len()..].trim_start();
    // (as written, as meant): Chinese text often has the full-width ％.
    let found = units
        .iter()
        .map(|u| (*u, *u))
        .chain([(crate::text::check::FULLWIDTH_PERCENT, "%")])
        .find(|(w, _)| after.starts_with(w));
    let (written, unit) = match found {
        Some(f) => f,
        None if bare => ("", ""),
        None => return None,
    };
    let consumed = s.len() - after.len() + written.len();
    Some((value, scale, unit, consumed))
}

fn unit_fits(term: Term, unit: &str) -> bool {
    match term {
        Term::Figure(f) => f.unit == unit,
        Term::Rate(_, false) => unit == "%",
        Term::Rate(_, true) => unit.is_empty(),
    }
}

fn citations<'a>(
    sentence: &str,
    terms: &[(&'a str, Term<'a>)],
    firsts: &[char],
    units: &[&str],
) -> Vec<Citation<'a>> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < sentence.len() {
        let rest = &sentence[i..];
        let found = rest
            .chars()
            .next()
            .filter(|c| firsts.binary_search(c).is_ok())
            .and_then(|_| terms.iter().find(|(l, _)| rest.starts_with(*l)));
        if let Some((label, term)) = found {
            let after = &rest[label.len()..];
            let bare = matches!(term, Term::Rate(_, true));
            match number_after(after, units, bare).filter(|(_, _, u, _)| unit_fits(*term, u)) {
                Some((value, scale, _, used)) => {
                    out.push(Citation {
                        term: *term,
                        label,
                        quote: rest[..label.len() + used].to_string(),
                        value,
                        scale,
                        at: i,
                    });
                    i += label.len() + used;
                }
                None => i += label.len(),
            }
        } else {
            i += rest.chars().next().map(char::len_utf8).unwrap_or(1);
        }
    }
    out
}

fn sentences(text: &str) -> impl Iterator<Item = &str> {
    text.split(crate::text::check::SENTENCE_ENDS)
        .filter(|s| !s.trim().is_empty())
}

/// What the checks of one record share.
struct Ctx<'a> {
    rubric: &'a Rubric,
    record: &'a Record,
    card: &'a Scorecard,
    units: &'a [&'a str],
}

/// Checks every narrative of the record for cited numbers that disagree with the figures.
pub fn check(
    rubric: &Rubric,
    record: &Record,
    card: &Scorecard,
    year: Option<u16>,
    out: &mut Vec<Finding>,
) {
    let mut terms = terms(card, rubric);
    terms.extend(rate_aliases(card, rubric));
    // Longest first, so that 基本支出预算 wins over 基本支出 at the same place.
    terms.sort_by_key(|(l, _)| std::cmp::Reverse(l.chars().count()));
    // Most characters start no label: trying every label at every character was most of a
    // check's time. Sorted once per record (once per sentence was half of a save's check).
    let mut firsts: Vec<char> = terms.iter().filter_map(|(l, _)| l.chars().next()).collect();
    firsts.sort_unstable();
    firsts.dedup();
    let mut units: Vec<&str> = rubric
        .catalogue
        .figures
        .iter()
        .map(|f| f.unit.as_str())
        .chain(["%"])
        .collect();
    units.sort_by_key(|u| std::cmp::Reverse(u.chars().count()));
    units.dedup();
    let ctx = Ctx {
        rubric,
        record,
        card,
        units: &units,
    };
    for (section, field, text) in record.narratives() {
        // The citations of the sentence before: `…合计 X 万元。其中，…` attaches its parts to
        // a total across the full stop.
        let mut before: Vec<Citation> = Vec::new();
        for sentence in sentences(text) {
            let cites = citations(sentence, &terms, &firsts, &units);
            for c in &cites {
                let end = c.at + c.quote.len();
                let previous = year.is_some_and(|y| about_last_year(sentence, end, y));
                compare(&ctx, section, &field, c, previous, out);
            }
            parts_of_total(&ctx, section, &field, sentence, &cites, &before, out);
            points_not_percent(&ctx, section, &field, sentence, &terms, out);
            before = cites;
        }
    }
}

/// Where `year` is written in `s` (`2022年` or `2022 年`), as byte offsets.
fn year_mentions(s: &str, year: u16) -> Vec<usize> {
    let y = year.to_string();
    s.match_indices(&y)
        .filter(|(i, _)| {
            let after = &s[i + y.len()..];
            crate::text::check::YEAR_WORDS
                .iter()
                .any(|w| after.starts_with(w))
        })
        .map(|(i, _)| i)
        .collect()
}

/// Whether a citation ending at byte `end` speaks of the year before `year`: the nearest
/// year written before it is last year (`2022年…结转结余率为11.25%`). With no year before
/// it, it is this year's.
fn about_last_year(sentence: &str, end: usize, year: u16) -> bool {
    let before = |y: u16| {
        year_mentions(sentence, y)
            .into_iter()
            .filter(|i| *i < end)
            .max()
    };
    match (before(year.saturating_sub(1)), before(year)) {
        (Some(l), Some(t)) => l > t,
        (Some(_), None) => true,
        (None, _) => false,
    }
}

/// The rate called `name` of this year or of last year; `None` when the rubric derives no
/// such rate for that year (last year's 部门预算执行率 cannot be checked).
fn rate_for<'a>(card: &'a Scorecard, name: &str, previous: bool) -> Option<&'a RateValue> {
    card.rates
        .iter()
        .find(|r| r.name == name && r.previous_year == previous)
}

fn compare(
    ctx: &Ctx,
    section: Section,
    field: &str,
    c: &Citation,
    previous: bool,
    out: &mut Vec<Finding>,
) {
    let (record, card) = (ctx.record, ctx.card);
    match c.term {
        Term::Figure(f) => {
            let fig = if previous {
                ctx.rubric.catalogue.previous(&f.id)
            } else {
                Some(f)
            };
            let Some(fig) = fig else { return };
            let Some(Some(v)) = record.figure(&fig.id) else {
                return;
            };
            if c.value != v {
                let shown = fig.show(v);
                out.push(Finding::warning(
                    section,
                    "narrative-figure",
                    field,
                    crate::text::check::figure_differs(&c.quote, &fig.label, &shown, &fig.unit),
                ));
            }
        }
        Term::Rate(name, _) => {
            let Some(rv) = rate_for(card, name, previous) else {
                return;
            };
            let Some(exact) = rv.exact else { return };
            // A citation is held to the decimals it gives, at most the rate's own.
            let scale = c.scale.min(rv.decimals);
            let computed = exact.round_dp_with_strategy(
                scale,
                rust_decimal::RoundingStrategy::MidpointAwayFromZero,
            );
            if c.value == computed {
                return;
            }
            let ceil =
                exact.round_dp_with_strategy(scale, rust_decimal::RoundingStrategy::AwayFromZero);
            let hint = if c.value == ceil {
                crate::text::check::ROUNDED_UP
            } else {
                ""
            };
            let (n, d) = (
                rv.numerator.unwrap_or_default(),
                rv.denominator.unwrap_or_default(),
            );
            out.push(Finding::warning(
                section,
                "narrative-rate",
                field,
                crate::text::check::rate_differs(
                    &c.quote,
                    &rv.name,
                    rv.display(),
                    num::amount(n),
                    num::amount(d),
                    hint,
                ),
            ));
        }
    }
}

/// `A a 万元，B b 万元，其中，C c 万元，D d 万元`: the parts after 其中 must add up to the
/// total just before it, which may end the sentence before (`…合计 X 万元。其中，…`). When
/// the parts are those of a rubric's `[[sum]]`, its total is named in the rubric's words.
fn parts_of_total(
    ctx: &Ctx,
    section: Section,
    field: &str,
    sentence: &str,
    cites: &[Citation],
    before: &[Citation],
    out: &mut Vec<Finding>,
) {
    let Some(pos) = sentence.find(crate::text::check::OF_WHICH) else {
        return;
    };
    let amounts = |c: &&Citation| matches!(c.term, Term::Figure(f) if f.is_money());
    let total = match cites.iter().filter(amounts).rfind(|c| c.at < pos) {
        Some(t) => t,
        // Only a sentence that opens with 其中 continues the one before.
        None if sentence[..pos]
            .trim_matches(|c: char| c.is_whitespace())
            .is_empty() =>
        {
            match before.iter().rfind(amounts) {
                Some(t) => t,
                None => return,
            }
        }
        None => return,
    };
    let parts: Vec<&Citation> = cites
        .iter()
        .filter(amounts)
        .filter(|c| c.at > pos)
        .collect();
    if parts.len() < 2 {
        return;
    }
    // Cited numbers are free text: a sum too large for Decimal is not a budget.
    let Some(sum) = parts
        .iter()
        .try_fold(Decimal::ZERO, |acc, c| acc.checked_add(c.value))
    else {
        return;
    };
    if sum == total.value {
        return;
    }
    // Amounts as the rubric declares them: its unit (万元, 元) and decimals.
    let Term::Figure(tf) = total.term else { return };
    let shown = |c: &Citation| match c.term {
        Term::Figure(f) => f.show(c.value),
        Term::Rate(..) => num::amount(c.value),
    };
    let unit = tf.unit.as_str();
    let listed = parts
        .iter()
        .map(|c| format!("{} {}", c.label, shown(c)))
        .collect::<Vec<_>>()
        .join(" + ");
    let cat = &ctx.rubric.catalogue;
    let ids: Vec<&str> = parts
        .iter()
        .filter_map(|c| match c.term {
            Term::Figure(f) => Some(f.id.as_str()),
            Term::Rate(..) => None,
        })
        .collect();
    // The rule whose parts these are, where its total adds up to them.
    let by_rule = cat
        .sums
        .iter()
        .filter(|r| r.minus.is_empty() && r.parts.len() == ids.len())
        .filter(|r| r.parts.iter().all(|p| ids.contains(&p.as_str())))
        .filter_map(|r| cat.figure(&r.total))
        .find(|f| ctx.record.figure(&f.id).flatten() == Some(sum))
        .map(|f| f.label.clone());
    let belongs = by_rule
        .or_else(|| {
            cites
                .iter()
                .filter(amounts)
                .filter(|c| c.at < pos && c.value == sum)
                .map(|c| c.label.to_string())
                .next()
        })
        .or_else(|| {
            cat.figures
                .iter()
                .find(|f| f.is_money() && ctx.record.figure(&f.id).flatten() == Some(sum))
                .map(|f| f.label.clone())
        });
    let tail = match belongs {
        Some(label) => crate::text::check::belongs_to(&label, tf.show(sum), unit),
        None => String::new(),
    };
    out.push(Finding::warning(
        section,
        "parts-wrong-total",
        field,
        crate::text::check::parts_wrong_total(
            &listed,
            tf.show(sum),
            unit,
            total.label,
            tf.show(total.value),
            &tail,
        ),
    ));
}

const CHANGE_WORDS: &[&str] = crate::text::check::CHANGE_WORDS;

/// `较上一年度下降3.85%` where 3.85 is the difference of two rates: percentage points.
fn points_not_percent(
    ctx: &Ctx,
    section: Section,
    field: &str,
    sentence: &str,
    terms: &[(&str, Term)],
    out: &mut Vec<Finding>,
) {
    if !crate::text::check::LAST_YEAR_WORDS
        .iter()
        .any(|w| sentence.contains(w))
    {
        return;
    }
    let card = ctx.card;
    let Some(name) = terms.iter().find_map(|(l, t)| match t {
        Term::Rate(n, _) if sentence.contains(*l) => Some(*n),
        _ => None,
    }) else {
        return;
    };
    let (Some(cur), Some(prev)) = (
        rate_for(card, name, false).and_then(|r| r.value()),
        card.rates
            .iter()
            .find(|r| r.name == name && r.previous_year)
            .and_then(|r| r.value()),
    ) else {
        return;
    };
    for word in CHANGE_WORDS {
        for (i, _) in sentence.match_indices(word) {
            let rest = &sentence[i + word.len()..];
            let Some((value, _, unit, used)) = number_after(rest, ctx.units, false) else {
                continue;
            };
            if unit != "%" || value != (cur - prev).abs() {
                continue;
            }
            let relative = num::percent_of((cur - prev).abs(), prev)
                .map(num::percent)
                .unwrap_or_default();
            out.push(Finding::warning(
                section,
                "rate-points",
                field,
                crate::text::check::rate_points(
                    word,
                    &rest[..used],
                    name,
                    num::percent(prev),
                    num::percent(cur),
                    num::fixed2(value),
                    &relative,
                ),
            ));
        }
    }
}
