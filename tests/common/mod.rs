//! Helpers shared by the integration tests: the seed files and small rubrics written inline.
#![allow(dead_code)]

use jixiao::check;
use jixiao::finding::Finding;
use jixiao::record::Record;
use jixiao::rubric::Rubric;
use jixiao::score::{self, Scorecard};
use rust_decimal::Decimal;
use std::path::{Path, PathBuf};
use std::str::FromStr;

/// The crate's folder (the repository root holding `rubrics/` and `records/`).
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The seed rubric's text.
pub fn seed_rubric_text() -> String {
    std::fs::read_to_string(root().join("rubrics/beijing-department-2023.toml")).unwrap()
}

/// The seed record's text.
pub fn seed_record_text() -> String {
    std::fs::read_to_string(root().join("records/bj-traffic/2023.toml")).unwrap()
}

/// The seed rubric, parsed.
pub fn seed_rubric() -> Rubric {
    Rubric::parse(
        Path::new("beijing-department-2023.toml"),
        &seed_rubric_text(),
    )
    .unwrap()
}

/// Parses a record text, panicking with the error (tests only).
pub fn record(text: &str) -> Record {
    match Record::parse(Path::new("r.toml"), text) {
        Ok(r) => r,
        Err(e) => panic!("record does not parse: {e}\n{text}"),
    }
}

/// Parses a rubric text, panicking with the error (tests only).
pub fn rubric(text: &str) -> Rubric {
    match Rubric::parse(Path::new("t.toml"), text) {
        Ok(r) => r,
        Err(e) => panic!("rubric does not parse: {e}\n{text}"),
    }
}

/// Scores and checks a record text against a rubric.
pub fn evaluate(rubric: &Rubric, record_text: &str) -> (Scorecard, Vec<Finding>) {
    let rec = record(record_text);
    let card = score::score(rubric, &rec);
    let findings = check::check(rubric, &rec, &card, Some(2023));
    (card, findings)
}

/// A decimal from text.
pub fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

/// The seed record with `from` replaced by `to` (exactly once).
pub fn seed_with(from: &str, to: &str) -> String {
    let text = seed_record_text();
    assert_eq!(
        text.matches(from).count(),
        1,
        "`{from}` must occur once in the seed"
    );
    text.replacen(from, to, 1)
}
