//! Blame's cache of scores by blob (`store::blame_cache`): whatever the history, a blame
//! answered partly or wholly from the cache is the blame computed from nothing, under the
//! Beijing rubric and under 财预〔2013〕53号; and a log scoring every revision again gives
//! the totals the saves recorded.

mod support;

use jixiao::store::{self, SaveOutcome, SaveRequest};
use proptest::prelude::*;
use support::{Fixture, dept, seed};

/// The qualitative inputs of each example whose score an edit sets, as `[TABLE]` headers.
const MOF_SCORED: &[&str] = &[
    "[targets.inputs.economic]",
    "[targets.inputs.social]",
    "[management.inputs.disclosure]",
    "[management.inputs.asset-safety]",
];
const SEED_SCORED: &[&str] = &["[management.inputs.asset-management]"];

/// `text` with the score under `table` set to `score` (`score = X` or an override's score).
fn set_score(text: &str, table: &str, score: &str) -> String {
    let start = text.find(table).expect("table");
    let line_at = |needle: &str| text[start..].find(needle).map(|i| start + i);
    let (at, line) = match (line_at("\nscore = "), line_at("override = {")) {
        (Some(a), _) if !text[start..a].contains("\n[") => (a + 1, format!("score = {score}")),
        (_, Some(o)) => (
            o,
            format!("override = {{ score = {score}, reason = \"复核改为 {score}\" }}"),
        ),
        _ => panic!("no score under {table}"),
    };
    let end = at + text[at..].find('\n').expect("line end");
    format!("{}{line}{}", &text[..at], &text[end..])
}

fn save(f: &Fixture, name: &str, text: &str, summary: &str) {
    let d = dept(name);
    let out = store::save(
        &f.repo,
        &SaveRequest {
            dept: &d,
            year: 2023,
            text,
            base: store::head_base(&f.repo, &d, 2023).unwrap(),
            file_base: None,
            summary,
        },
    )
    .unwrap();
    assert!(matches!(out, SaveOutcome::Committed { .. }), "{out:?}");
}

fn cold_blame(f: &Fixture, name: &str) -> Vec<store::BlameRow> {
    let _ = std::fs::remove_dir_all(f.path().join(".git/jixiao/cache/blame"));
    store::blame(&f.repo, &dept(name), 2023).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 10, ..ProptestConfig::default() })]

    #[test]
    fn a_blame_from_the_cache_is_the_blame_from_nothing(
        mof in any::<bool>(),
        edits in prop::collection::vec((0usize..4, 0usize..5, any::<bool>()), 1..6),
    ) {
        let f = Fixture::new();
        let (name, mut text, tables) = if mof {
            let t = std::fs::read_to_string(
                std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/mof-department-example.toml"),
            )
            .unwrap();
            ("tongji", t, MOF_SCORED)
        } else {
            ("bj-traffic", seed().to_string(), SEED_SCORED)
        };
        save(&f, name, &text, "录入");
        for (n, (table, score, also_blame)) in edits.into_iter().enumerate() {
            let score = ["3.00", "3.50", "4.00", "4.50", "5.00"][score];
            let next = set_score(&text, tables[table % tables.len()], score);
            // An edit that changes nothing is no revision: a date moves with it.
            text = next.replacen("\n[", &format!("\n# 第 {n} 次修改\n["), 1);
            save(&f, name, &text, &format!("第 {n} 次修改"));
            if also_blame {
                // Older revisions from the cache, the new one scored.
                let warm = store::blame(&f.repo, &dept(name), 2023).unwrap();
                prop_assert_eq!(&warm, &cold_blame(&f, name));
            }
        }
        // Each revision scored again (table by table from the one before, record::memo) has
        // the total its save scored from the whole text and wrote in its trailer.
        let totals = |rescore: bool| {
            store::log_with(&f.repo, &dept(name), 2023, rescore)
                .unwrap()
                .into_iter()
                .map(|r| (r.id, r.total, r.grade))
                .collect::<Vec<_>>()
        };
        prop_assert_eq!(totals(true), totals(false));
        let cold = cold_blame(&f, name);
        let warm = store::blame(&f.repo, &dept(name), 2023).unwrap();
        prop_assert!(f.path().join(".git/jixiao/cache/blame").exists());
        prop_assert_eq!(&warm, &cold);
        // From nothing kept, with no worker scoring ahead of the walk and with three.
        for workers in [0, 3] {
            let _ = std::fs::remove_dir_all(f.path().join(".git/jixiao/cache"));
            let ahead = store::blame_workers(&f.repo, &dept(name), 2023, workers).unwrap();
            prop_assert_eq!(&ahead, &cold, "{} workers", workers);
        }
    }
}

/// A record begun with `jixiao new` under the Dazhou rubric, saved by two writers at once:
/// blame is the same with workers scoring ahead of the walk and without.
#[test]
fn blame_from_a_new_record_is_the_same_with_workers_or_without() {
    let f = Fixture::new();
    f.jixiao_ok(&[
        "new",
        "dz",
        "2023",
        "--name",
        "某局",
        "--rubric",
        "dazhou-department",
    ]);
    let d = dept("dz");
    let first = std::fs::read_to_string(f.path().join("records/dz/2023.toml")).unwrap();
    save(&f, "dz", &first, "新建");
    // Two writers from the same base, each filling in a different field.
    let base = store::head_base(&f.repo, &d, 2023).unwrap();
    let edits = [("short_name", "某局简称"), ("evaluator", "评价组甲")];
    std::thread::scope(|s| {
        for (key, value) in edits {
            let (f, d, base, first) = (&f, &d, base.clone(), &first);
            s.spawn(move || {
                let text =
                    first.replacen(&format!("{key} = \"\""), &format!("{key} = \"{value}\""), 1);
                let out = store::save(
                    &f.repo,
                    &SaveRequest {
                        dept: d,
                        year: 2023,
                        text: &text,
                        base,
                        file_base: None,
                        summary: key,
                    },
                )
                .unwrap();
                assert!(matches!(out, SaveOutcome::Committed { .. }), "{out:?}");
            });
        }
    });
    let at_head = store::read_at(&f.repo, &d, 2023, "HEAD").unwrap();
    for (key, value) in edits {
        assert!(
            at_head.contains(&format!("{key} = \"{value}\"")),
            "{key} kept:\n{at_head}"
        );
    }
    let none = store::blame_workers(&f.repo, &d, 2023, 0).unwrap();
    assert!(!none.is_empty());
    for workers in [1, 2, 4] {
        let _ = std::fs::remove_dir_all(f.path().join(".git/jixiao/cache"));
        assert_eq!(
            store::blame_workers(&f.repo, &d, 2023, workers).unwrap(),
            none,
            "{workers}"
        );
    }
}
