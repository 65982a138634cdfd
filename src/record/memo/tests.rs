use super::Memo;
use crate::record::rows::parse_with_row_ids;
use crate::record::template::new_record;
use crate::rubric::{BUILTIN, Rubric};
use proptest::prelude::*;
use std::path::Path;

/// The texts revisions start from: the bundled record and a new record of every rubric.
fn starts() -> Vec<String> {
    let mut texts = vec![crate::repo::EXAMPLE.2.to_string()];
    for (name, text) in BUILTIN {
        let rubric = Rubric::parse(Path::new(name), text).expect("a bundled rubric reads");
        texts.push(new_record(&rubric, "达州市某局", 2024));
    }
    // Rows with columns of their rubric's own, which `Record::resolve` types.
    texts.push(DECISION.1.to_string());
    texts
}

/// A record of a rubric with row columns (决策 2020), and that rubric.
const DECISION: (&str, &str) = (
    include_str!("../../../tests/data/decision-2020.toml"),
    include_str!("../../../tests/data/decision-2020-example.toml"),
);

/// The rubric of each of [`starts`]: the bundled record's, each new record's, the one with
/// columns.
fn start_rubric(start: usize) -> Rubric {
    let (name, text) = match start {
        0 => BUILTIN
            .iter()
            .find(|(n, _)| *n == "beijing-department-2023")
            .expect("the bundled rubric"),
        k if k <= BUILTIN.len() => &BUILTIN[k - 1],
        _ => &("decision-2020", DECISION.0),
    };
    Rubric::parse(Path::new(name), text).expect("a bundled rubric reads")
}

/// What is done with a lent record before the next text is read.
#[derive(Debug, Clone, Copy)]
enum Back {
    /// Resolved by its rubric, then given back.
    Resolved,
    /// Given back as it came.
    AsItCame,
    /// Not given back.
    Kept,
    /// Given back after the next text is lent (too late: it is dropped).
    Late,
}

/// Lines an edit puts in: values, headers of every kind, and what can hide or fake one.
const LINES: &[&str] = &[
    "report_date = \"2025年3月\"",
    "short_name = \"乙\"",
    "spent_total = \"12.50\"",
    "spent_total = 12.5",
    "[budget]",
    "[overview]",
    "[[targets.indicators]]",
    "[[overview.goals]]",
    "[[notes]]",
    "[management.inputs.accounting]",
    "[management.inputs.新]",
    "[management.inputs.accounting.sub]",
    "[targets.inputs.extra]",
    "[[targets.indicators.sub]]",
    "[[conclusion.problems]]",
    "[[recommendations.items]]",
    "[[overview.indicators]]",
    "inputs.accounting.pass = [true]",
    "goals = []",
    "indicators = []",
    "pass = [true, false]",
    "title = \"问题\"",
    "id = \"1234abcd\"",
    "  [ conclusion ]",
    "[\"budget\"]",
    "[rubric]",
    "[other]",
    "budget.note = \"丙\"",
    "overview = { name = \"丁\" }",
    "text = \"\"\"",
    "\"\"\"",
    "'''",
    "a = [",
    "]",
    "{",
    "# [targets]",
    "id = \"0000beef\"",
    "name = \"重复\"",
    "x = \"\\u001b\"",
    "",
];

/// One edit: at a line (taken modulo the line count), insert, replace or delete.
#[derive(Debug, Clone)]
enum Edit {
    Insert(usize, &'static str),
    Replace(usize, &'static str),
    Delete(usize),
    /// Deletes a row's id line (the n-th, modulo their count).
    DropId(usize),
}

fn edit() -> impl Strategy<Value = Edit> {
    let line = proptest::sample::select(LINES);
    prop_oneof![
        (any::<usize>(), line.clone()).prop_map(|(at, l)| Edit::Insert(at, l)),
        (any::<usize>(), line).prop_map(|(at, l)| Edit::Replace(at, l)),
        any::<usize>().prop_map(Edit::Delete),
        any::<usize>().prop_map(Edit::DropId),
    ]
}

fn apply(text: &str, e: &Edit) -> String {
    let mut lines: Vec<&str> = text.lines().collect();
    let n = lines.len().max(1);
    match *e {
        Edit::Insert(at, l) => lines.insert(at % (n + 1).min(lines.len() + 1), l),
        Edit::Replace(at, l) if !lines.is_empty() => lines[at % n] = l,
        Edit::Delete(at) if !lines.is_empty() => {
            lines.remove(at % n);
        }
        Edit::DropId(n) => {
            let ids: Vec<usize> = (0..lines.len())
                .filter(|&i| lines[i].starts_with("id = "))
                .collect();
            if !ids.is_empty() {
                lines.remove(ids[n % ids.len()]);
            }
        }
        _ => {}
    }
    lines.join("\n") + "\n"
}

/// The whole text's reading, with errors as the user reads them.
fn whole(text: &str) -> Result<(crate::record::Record, bool), String> {
    parse_with_row_ids(Path::new("r.toml"), text).map_err(|e| e.to_string())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]
    /// Revisions read one after another through one memo read exactly as each read whole:
    /// the same record, the same answer on row ids, the same error.
    #[test]
    fn revisions_read_through_the_memo_read_as_the_whole_text(
        start in 0usize..5,
        edits in proptest::collection::vec(proptest::collection::vec(edit(), 1..4), 1..6),
        backs in proptest::collection::vec(
            proptest::sample::select(&[Back::Resolved, Back::AsItCame, Back::Kept, Back::Late][..]),
            6,
        ),
    ) {
        let mut text = starts()[start].clone();
        let mut memo = Memo::default();
        // One whose records are resolved next reads them without their narratives.
        let mut to_resolve = Memo::to_resolve();
        // One that lends its tables, given back (or not) as `backs` says.
        let mut lending = Memo::to_resolve();
        let rubric = start_rubric(start);
        let mut late = None;
        let path = Path::new("r.toml");
        let unnarrated = |read: Result<(crate::record::Record, bool), String>| {
            read.map(|(mut r, ids)| {
                r.texts.clear();
                (r, ids)
            })
        };
        prop_assert_eq!(
            memo.parse_with_row_ids(path, &text).map_err(|e| e.to_string()),
            whole(&text)
        );
        prop_assert_eq!(
            to_resolve.parse_with_row_ids(path, &text).map_err(|e| e.to_string()),
            unnarrated(whole(&text))
        );
        let mut lend = |text: &str, back: Back| {
            let read = lending.lend_with_row_ids(path, text);
            if let Some((record, loan)) = late.take() {
                lending.give_back(record, loan);
            }
            let (mut record, ids, loan) = read.map_err(|e| e.to_string())?;
            let answer = (record.clone(), ids);
            match back {
                Back::Resolved => {
                    let _ = record.resolve(&rubric.catalogue, path, text);
                    lending.give_back(record, loan);
                }
                Back::AsItCame => lending.give_back(record, loan),
                Back::Kept => drop((record, loan)),
                Back::Late => late = Some((record, loan)),
            }
            Ok(answer)
        };
        prop_assert_eq!(lend(&text, backs[0]), unnarrated(whole(&text)));
        for (revision, back) in edits.iter().zip(backs.iter().skip(1)) {
            for e in revision {
                text = apply(&text, e);
            }
            prop_assert_eq!(
                memo.parse_with_row_ids(path, &text).map_err(|e| e.to_string()),
                whole(&text),
                "{}",
                text
            );
            prop_assert_eq!(
                to_resolve.parse_with_row_ids(path, &text).map_err(|e| e.to_string()),
                unnarrated(whole(&text)),
                "{}",
                text
            );
            prop_assert_eq!(lend(&text, *back), unnarrated(whole(&text)), "{}", text);
        }
    }
}

#[test]
fn only_the_chunks_whose_text_changed_are_parsed_again() {
    let text = crate::repo::EXAMPLE.2;
    let mut memo = Memo::default();
    let path = Path::new("r.toml");
    let (first, _) = memo.parse_with_row_ids(path, text).expect("reads");
    // Every header with its lines is read once.
    let headers = text.lines().filter(|l| l.starts_with('[')).count();
    assert_eq!(memo.parsed, headers);
    // A new short name changes the overview's own chunk only, not its goals.
    let edited = text.replacen(
        "short_name = \"市交通管理局\"",
        "short_name = \"市交管局\"",
        1,
    );
    assert_ne!(edited, text);
    let (second, ids) = memo.parse_with_row_ids(path, &edited).expect("reads");
    assert_eq!(memo.parsed, headers + 1);
    assert!(ids);
    assert_eq!(second.overview.short_name, "市交管局");
    assert_eq!(second.overview.goals, first.overview.goals);
    assert_eq!(second.budget, first.budget);
    assert_eq!(second, whole(&edited).expect("reads").0);
    // The same text again parses nothing.
    memo.parse_with_row_ids(path, &edited).expect("reads");
    assert_eq!(memo.parsed, headers + 1);
    // A row changed: that row alone.
    let row = edited.replacen("actual = \"650起\"", "actual = \"590起\"", 1);
    assert_ne!(row, edited);
    let (third, _) = memo.parse_with_row_ids(path, &row).expect("reads");
    assert_eq!(memo.parsed, headers + 2);
    assert_eq!(third, whole(&row).expect("reads").0);
}

#[test]
fn text_before_the_first_header_that_names_a_table_is_read_whole() {
    let text = "rubric = \"r\"\nbudget.text = \"甲\"\n[budget]\nspent_total = \"1\"\n";
    let mut memo = Memo::default();
    let path = Path::new("r.toml");
    assert_eq!(
        memo.parse_with_row_ids(path, text)
            .map_err(|e| e.to_string()),
        whole(text)
    );
    assert!(memo.tables.is_empty());
}

/// Shapes where a table's chunks read alone would not read as the whole: each is read as the
/// whole text reads it (an error, or rows whose ids repeat).
#[test]
fn chunks_that_do_not_read_alone_as_in_the_whole_are_read_whole() {
    let seed = crate::repo::EXAMPLE.2;
    let path = Path::new("r.toml");
    let first_id = "id = \"3cf68341\"";
    let second_id = "id = \"1a93fc1c\"";
    let cases = [
        // The table's own chunk names the rows its row chunks add to.
        seed.replacen("[targets]\n", "[targets]\nindicators = []\n", 1),
        // An inline table of inputs, which an input table header may not add to.
        seed.replacen(
            "[management]\n",
            "[management]\ninputs = { extra = { pass = [true] } }\n",
            1,
        ),
        // One input table twice.
        format!("{seed}\n[management.inputs.accounting]\npass = [true]\n"),
        // Two rows with one id.
        seed.replacen(second_id, first_id, 1),
    ];
    for (n, text) in cases.iter().enumerate() {
        assert_ne!(text, seed, "case {n} changes the text");
        let whole = whole(text);
        assert!(
            whole.as_ref().map_or(true, |(_, ids)| !ids),
            "case {n} is refused or has repeated ids"
        );
        let mut memo = Memo::default();
        assert_eq!(
            memo.parse_with_row_ids(path, text)
                .map_err(|e| e.to_string()),
            whole,
            "case {n}"
        );
    }
}

/// Tables lent to a record come back without what resolving typed in its rows, and are lent
/// again (not read again) to the next text that has them unchanged.
#[test]
fn tables_given_back_after_resolving_are_lent_again_as_read() {
    let (text, rubric) = (starts()[4].clone(), start_rubric(4));
    let path = Path::new("r.toml");
    let mut memo = Memo::to_resolve();
    let (mut record, _, loan) = memo.lend_with_row_ids(path, &text).expect("reads");
    record
        .resolve(&rubric.catalogue, path, &text)
        .expect("resolves");
    let cells: usize = record.items_mut().map(|(_, _, i)| i.cells.len()).sum();
    assert!(cells > 0, "the rows have typed columns");
    memo.give_back(record, loan);
    assert!(memo.tables.iter().all(|t| !t.lent));
    let parsed = memo.parsed;
    let (again, _, _) = memo.lend_with_row_ids(path, &text).expect("reads");
    assert_eq!(memo.parsed, parsed, "nothing read again");
    let mut whole = whole(&text).expect("reads").0;
    whole.texts.clear();
    assert_eq!(again, whole);
    // A record not given back: its tables are put together again next time (from their
    // chunks, unparsed), as they were.
    let (kept, _, _) = memo.lend_with_row_ids(path, &text).expect("reads");
    assert_eq!(kept, whole);
}
