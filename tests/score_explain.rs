//! Scoring without the texts that explain each figure (`Explain::No`, what blame and the
//! re-scored history use) gives every figure, grade and finding that full scoring gives:
//! the two scorecards differ only in those texts, for the bundled record, filled records of
//! other rubrics, new records of every rubric, and any values typed into them.

use jixiao::record::Record;
use jixiao::record::template::new_record;
use jixiao::rubric::{BUILTIN, Rubric};
use jixiao::score::{Explain, Scorecard, score, score_with};
use proptest::prelude::*;
use std::path::Path;

/// The bundled rubrics, by name.
fn rubric(name: &str) -> Rubric {
    let text = BUILTIN
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, t)| *t)
        .expect("a bundled rubric");
    Rubric::parse(Path::new(name), text).expect("a bundled rubric reads")
}

/// Records to start from, each with its rubric: filled ones of three rubrics and a new one
/// of every bundled rubric.
fn starts() -> Vec<(Rubric, String)> {
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data");
    let read = |f: &str| std::fs::read_to_string(data.join(f)).expect("test record");
    let mut out = vec![
        (
            rubric("beijing-department-2023"),
            jixiao::repo::EXAMPLE.2.to_string(),
        ),
        (
            rubric("dazhou-department"),
            read("dazhou-department-example.toml"),
        ),
        (
            rubric("mof-department-2013"),
            read("mof-department-example.toml"),
        ),
    ];
    for (name, _) in BUILTIN {
        let r = rubric(name);
        let text = new_record(&r, "达州市某局", 2024);
        out.push((r, text));
    }
    out
}

/// Values typed over a value line: numbers of every shape, zero, too many decimals, text,
/// an empty string and dates (for deadlines).
const VALUES: &[&str] = &[
    "\"0\"",
    "0",
    "\"0.00\"",
    "\"12.5\"",
    "\"100\"",
    "\"99999999.99\"",
    "\"1.239\"",
    "\"\"",
    "\"abc\"",
    "\"2023年6月30日\"",
    "\"≥95%\"",
    "\"≤3天\"",
    "\"96%\"",
    "\"良\"",
    "3",
    "true",
    "false",
    "[true, false]",
    "[true, true, true, true]",
    "{ score = \"2.5\", reason = \"核减\" }",
    "{ score = \"99\", reason = \"\" }",
];

/// The scorecard with the texts that explain each figure taken out (a rate over a zero
/// denominator keeps its detail: the finding about it quotes it).
fn unexplained(mut card: Scorecard) -> Scorecard {
    for n in &mut card.nodes {
        n.target.clear();
        n.actual.clear();
        n.detail.clear();
    }
    for r in &mut card.rates {
        if !r.zero_denominator() {
            r.detail.clear();
        }
    }
    card
}

/// Replaces the value of the `n`-th `key = value` line (modulo their count) with `value`.
fn retype(text: &str, n: usize, value: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let values: Vec<usize> = (0..lines.len())
        .filter(|&i| {
            // Values scoring reads: numbers (quoted or not), empty ones, answers and
            // overrides, not the narratives.
            let Some((key, value)) = lines[i].split_once(" = ") else {
                return false;
            };
            let value = value.split(" #").next().unwrap_or_default().trim();
            !key.starts_with('[')
                && key != "id"
                && (value.len() < 24 || value.starts_with('{') || value.starts_with('['))
                && !value.starts_with("\"\"\"")
        })
        .collect();
    if values.is_empty() {
        return text.to_string();
    }
    let at = values[n % values.len()];
    let key = lines[at].split(" = ").next().unwrap_or_default();
    let mut out: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
    out[at] = format!("{key} = {value}");
    out.join("\n") + "\n"
}

/// Both ways of scoring `text`, when it parses.
fn both(rubric: &Rubric, text: &str) -> Option<(Scorecard, Scorecard)> {
    let record = Record::parse_for(Path::new("r.toml"), text, &rubric.catalogue).ok()?;
    Some((
        score(rubric, &record),
        score_with(rubric, &record, Explain::No),
    ))
}

#[test]
fn the_figures_alone_are_the_full_scorecard_without_its_texts() {
    let mut explained = 0;
    for (rubric, text) in starts() {
        let (full, quiet) = both(&rubric, &text).expect("a start record parses");
        // The full card explains something (so this compares what it means to), the other
        // nothing.
        explained += full
            .nodes
            .iter()
            .filter(|n| !n.detail.is_empty() || !n.actual.is_empty())
            .count();
        assert!(
            quiet
                .nodes
                .iter()
                .all(|n| n.detail.is_empty() && n.actual.is_empty() && n.target.is_empty())
        );
        assert!(
            quiet
                .rates
                .iter()
                .all(|r| r.detail.is_empty() || r.zero_denominator())
        );
        assert_eq!(quiet, unexplained(full), "{}", rubric.name);
    }
    assert!(explained > 20, "{explained}");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]
    /// Whatever is typed into a record, scoring it without the texts gives the same figures,
    /// grade and findings (their messages included) as scoring it with them.
    #[test]
    fn typed_values_score_the_same_without_the_texts(
        start in 0usize..6,
        typed in proptest::collection::vec(
            (any::<usize>(), proptest::sample::select(VALUES)),
            1..5,
        ),
    ) {
        let (rubric, mut text) = starts().swap_remove(start);
        for (n, value) in typed {
            text = retype(&text, n, value);
        }
        if let Some((full, quiet)) = both(&rubric, &text) {
            prop_assert_eq!(quiet, unexplained(full));
        }
    }
}
