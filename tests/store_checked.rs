//! A save while its text is scored on a second thread (`Store::save_checked`, what `jixiao
//! commit` does): from `jixiao new` under rubrics other than Beijing's, refused, unchanged,
//! with row ids added, with errors in both the text and the repository, and by two writers at
//! once.

mod support;

use jixiao::repo::Dept;
use jixiao::store::{Base, CheckedOutcome, SaveOutcome, SaveRequest, Store};
use support::{Fixture, dept, replace_once};

const RUBRICS: [&str; 2] = ["dazhou-department", "mof-department-2013"];

/// A fixture with `jixiao new edu 2024` under `rubric`, and the new record's text.
fn new_record(rubric: &str) -> (Fixture, Dept, String) {
    let f = Fixture::new();
    f.jixiao_ok(&[
        "new",
        "edu",
        "2024",
        "--name",
        "某区教育局",
        "--rubric",
        rubric,
    ]);
    let edu = dept("edu");
    let text = std::fs::read_to_string(f.repo.record_path(&edu, 2024)).expect("new record");
    (f, edu, text)
}

fn request<'a>(edu: &'a Dept, text: &'a str, base: Base, summary: &'a str) -> SaveRequest<'a> {
    SaveRequest {
        dept: edu,
        year: 2024,
        text,
        base,
        file_base: Some(text),
        summary,
    }
}

/// The commit HEAD names; empty before the first.
fn head(f: &Fixture) -> String {
    let o = support::git_cmd(f.path())
        .args(["rev-parse", "--verify", "-q", "HEAD"])
        .output()
        .expect("git rev-parse");
    String::from_utf8_lossy(&o.stdout).trim().to_string()
}

#[test]
fn a_new_record_is_refused_then_saved_then_unchanged() {
    for rubric in RUBRICS {
        let (f, edu, text) = new_record(rubric);
        let before = head(&f);
        let st = Store::open(&f.repo).expect("open");
        let expected = f.repo.evaluate(&edu, 2024, &text).expect("score");
        let findings_seen = std::cell::Cell::new(0);

        // The caller refuses: nothing is committed, and the scoring is handed back.
        let checked = st
            .save_checked(&request(&edu, &text, Base::New, "录入"), |found| {
                findings_seen.set(found.len());
                true
            })
            .expect("refused save");
        assert!(
            matches!(checked.outcome, CheckedOutcome::Refused),
            "{rubric}"
        );
        assert_eq!(head(&f), before, "{rubric}: a refused save committed");
        assert_eq!(
            checked.evaluation.card.total, expected.card.total,
            "{rubric}"
        );
        assert_eq!(checked.findings, expected.findings(), "{rubric}");
        assert_eq!(findings_seen.get(), expected.findings().len(), "{rubric}");
        assert!(
            !checked.findings.is_empty(),
            "{rubric}: a new record misses inputs"
        );

        // Allowed: one commit, scored as the caller scored the text.
        let checked = st
            .save_checked(&request(&edu, &text, Base::New, "录入"), |_| false)
            .expect("save");
        let CheckedOutcome::Saved(SaveOutcome::Committed {
            rev,
            old_total,
            new_total,
            merged,
            ..
        }) = checked.outcome
        else {
            panic!("{rubric}: {:?}", checked.outcome);
        };
        assert_eq!(rev, head(&f), "{rubric}");
        assert_eq!(
            (old_total, new_total, merged),
            (None, expected.card.total, false)
        );
        let message = f.git(&["log", "-1", "--format=%B"]);
        assert!(message.contains("Record: edu/2024"), "{rubric}: {message}");
        assert_eq!(
            f.git(&["show", "HEAD:records/edu/2024.toml"]),
            text,
            "{rubric}"
        );
        // Its blob, written on a thread of its own, is there with everything the commit names.
        f.git(&["fsck", "--no-dangling", "--no-progress"]);

        // The same text again: nothing to commit, and the index is not written.
        let copy = st.working_copy(&edu, 2024).expect("working copy");
        let index = f.path().join(".git/index");
        let before = std::fs::metadata(&index)
            .and_then(|m| m.modified())
            .expect("index");
        let checked = st
            .save_checked(&request(&edu, &text, copy.base, "again"), |_| false)
            .expect("unchanged");
        assert!(
            matches!(checked.outcome, CheckedOutcome::Unchanged),
            "{rubric}"
        );
        assert_eq!(head(&f), rev, "{rubric}");
        assert_eq!(
            checked.evaluation.card.total, expected.card.total,
            "{rubric}"
        );
        let after = std::fs::metadata(&index)
            .and_then(|m| m.modified())
            .expect("index");
        assert_eq!(before, after, "{rubric}: the index was written");
        // Refused comes before unchanged.
        let checked = st
            .save_checked(&request(&edu, &text, Base::New, "again"), |_| true)
            .expect("refused");
        assert!(
            matches!(checked.outcome, CheckedOutcome::Refused),
            "{rubric}"
        );
    }
}

#[test]
fn the_cli_refuses_an_error_in_a_new_record_and_commits_nothing() {
    for rubric in RUBRICS {
        let (f, edu, text) = new_record(rubric);
        let before = head(&f);
        // A score above its indicator's weight: every rubric's first scored input has one.
        let bad = text.replacen("score = \"\"", "score = 99", 1);
        f.write(&edu, 2024, &bad);
        let o = support::jixiao(f.path())
            .args(["commit", "edu", "2024", "-m", "超分", "--json"])
            .output()
            .expect("run");
        let out = String::from_utf8_lossy(&o.stdout);
        assert_eq!(o.status.code(), Some(1), "{rubric}: {out}");
        let v: serde_json::Value = serde_json::from_str(&out).expect("json");
        assert_eq!(v["committed"], false, "{rubric}");
        assert!(
            v["findings"]
                .as_array()
                .expect("findings")
                .iter()
                .any(|x| x["severity"] == "error"),
            "{rubric}: {out}"
        );
        assert_eq!(head(&f), before, "{rubric}");
        // The refused save left no lock behind: the fixed text commits.
        f.write(&edu, 2024, &text);
        f.jixiao_ok(&["commit", "edu", "2024", "-m", "录入"]);
        assert_ne!(head(&f), before, "{rubric}");
    }
}

#[test]
fn the_texts_own_error_comes_before_the_repositorys() {
    for rubric in RUBRICS {
        let (f, edu, text) = new_record(rubric);
        f.jixiao_ok(&["commit", "edu", "2024", "-m", "新建"]);
        // HEAD detached: a save would refuse it, but the text names a rubric that does not
        // exist, which only scoring finds.
        f.git(&["checkout", "-q", "--detach"]);
        let unscorable = replace_once(
            &text,
            &format!("rubric = \"{rubric}\""),
            "rubric = \"no-such-rubric\"",
        );
        let st = Store::open(&f.repo).expect("open");
        let err = st
            .save_checked(&request(&edu, &unscorable, Base::New, "坏"), |_| false)
            .expect_err("an unscorable text")
            .to_string();
        assert!(err.contains("no-such-rubric"), "{rubric}: {err}");
        assert!(!err.contains("HEAD 处于分离状态"), "{rubric}: {err}");
        // A text that scores meets the repository's refusal.
        let edited = replace_once(&text, "evaluator = \"\"", "evaluator = \"某评价机构\"");
        let err = st
            .save_checked(&request(&edu, &edited, Base::New, "好"), |_| false)
            .expect_err("detached HEAD")
            .to_string();
        assert!(err.contains("HEAD 处于分离状态"), "{rubric}: {err}");
    }
}

#[test]
fn a_row_without_an_id_gets_one_and_the_evaluation_is_of_the_saved_text() {
    for rubric in RUBRICS {
        let (f, edu, text) = new_record(rubric);
        let row = "\n[[overview.goals]]\nactivity = \"义务教育\"\nindicator = \"入学率\"\n\
                   nature = \"定量\"\nvalue = \"100%\"\n";
        let with_row = replace_once(&text, "\n[budget]", &format!("{row}\n[budget]"));
        assert_ne!(with_row, text, "{rubric}");
        let st = Store::open(&f.repo).expect("open");
        let checked = st
            .save_checked(&request(&edu, &with_row, Base::New, "目标表"), |_| false)
            .expect("save");
        assert!(
            matches!(
                checked.outcome,
                CheckedOutcome::Saved(SaveOutcome::Committed { .. })
            ),
            "{rubric}: {:?}",
            checked.outcome
        );
        let saved = f.git(&["show", "HEAD:records/edu/2024.toml"]);
        assert_ne!(saved, with_row, "{rubric}: the row has no id");
        let evaluation = f.repo.evaluate(&edu, 2024, &saved).expect("score");
        assert_eq!(checked.evaluation.record, evaluation.record, "{rubric}");
    }
}

#[test]
fn two_writers_checking_at_once_lose_nothing() {
    for rubric in RUBRICS {
        let (f, edu, text) = new_record(rubric);
        f.jixiao_ok(&["commit", "edu", "2024", "-m", "新建"]);
        let base = Store::open(&f.repo)
            .expect("open")
            .working_copy(&edu, 2024)
            .expect("copy")
            .base;
        let a = replace_once(&text, "evaluator = \"\"", "evaluator = \"某评价机构\"");
        let b = replace_once(&text, "report_date = \"\"", "report_date = \"2025年5月\"");
        let outcomes: Vec<CheckedOutcome> = std::thread::scope(|s| {
            let writers: Vec<_> = [(&a, "评价单位"), (&b, "报告日期")]
                .into_iter()
                .map(|(t, summary)| {
                    let (repo, edu, base) = (&f.repo, &edu, base.clone());
                    s.spawn(move || {
                        let st = Store::open(repo).expect("open");
                        let req = SaveRequest {
                            file_base: None,
                            ..request(edu, t, base, summary)
                        };
                        st.save_checked(&req, |_| false).expect("save").outcome
                    })
                })
                .collect();
            writers
                .into_iter()
                .map(|w| w.join().expect("writer"))
                .collect()
        });
        for o in &outcomes {
            assert!(
                matches!(o, CheckedOutcome::Saved(SaveOutcome::Committed { .. })),
                "{rubric}: {o:?}"
            );
        }
        let merged = outcomes
            .iter()
            .filter(|o| {
                matches!(
                    o,
                    CheckedOutcome::Saved(SaveOutcome::Committed { merged: true, .. })
                )
            })
            .count();
        assert_eq!(merged, 1, "{rubric}: the second save merges the first");
        let at_head = f.git(&["show", "HEAD:records/edu/2024.toml"]);
        assert!(
            at_head.contains("evaluator = \"某评价机构\""),
            "{rubric}: {at_head}"
        );
        assert!(
            at_head.contains("report_date = \"2025年5月\""),
            "{rubric}: {at_head}"
        );
        assert_eq!(
            f.git(&["rev-list", "--count", "HEAD"]).trim(),
            "3",
            "{rubric}"
        );
    }
}
