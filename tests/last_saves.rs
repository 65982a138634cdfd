//! The home screen's "last save" of every record, answered from `.git/jixiao/cache/` after the
//! first walk: the cached answer must always equal a walk of the whole history, whatever
//! happened to the branch in between (saves, plain-git commits, deletions, resets, another
//! branch checked out, a damaged cache file).

mod support;

use jixiao::store;
use proptest::prelude::*;
use std::collections::BTreeMap;
use support::{Fixture, jixiao};

fn cache_file(f: &Fixture) -> std::path::PathBuf {
    f.path().join(".git/jixiao/cache/last-saves.json")
}

/// (record path, rev, author) of every record: what the home screen shows.
fn answer(f: &Fixture) -> BTreeMap<String, (String, String)> {
    store::last_saves(&f.repo)
        .expect("last saves")
        .into_iter()
        .map(|(p, s)| (p, (s.rev, s.author)))
        .collect()
}

/// The answer of a walk of the whole history, with the cache out of the way.
fn fresh(f: &Fixture) -> BTreeMap<String, (String, String)> {
    let cache = cache_file(f);
    let kept = std::fs::read(&cache).ok();
    let _ = std::fs::remove_file(&cache);
    let a = answer(f);
    if let Some(k) = kept {
        std::fs::write(&cache, k).expect("restore the cache");
    }
    a
}

fn new_record(f: &Fixture, dept: &str, year: &str, rubric: &str) {
    let o = jixiao(f.path())
        .args(["new", dept, year, "--name", "测试局", "--rubric", rubric])
        .output()
        .expect("run jixiao new");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

fn commit(f: &Fixture, dept: &str, year: &str, msg: &str) {
    let o = jixiao(f.path())
        .args(["commit", dept, year, "-m", msg])
        .output()
        .expect("run jixiao commit");
    assert!(
        o.status.success(),
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
}

/// Changes the record's 评价报告日期 by hand (a line every new record has).
fn touch(f: &Fixture, dept: &str, year: &str, value: &str) {
    let path = f.path().join(format!("records/{dept}/{year}.toml"));
    let text = std::fs::read_to_string(&path).expect("record");
    let mut out = String::new();
    let mut done = false;
    for line in text.lines() {
        if !done && line.starts_with("report_date") {
            out.push_str(&format!("report_date = \"{value}\"\n"));
            done = true;
        } else {
            out.push_str(line);
            out.push('\n');
        }
    }
    assert!(done, "the new record has a report_date line");
    std::fs::write(&path, out).expect("write");
}

const RECORDS: [(&str, &str, &str); 3] = [
    ("edu", "2024", "beijing-department-2023"),
    ("water", "2024", "mof-department-2013"),
    ("health", "2023", "dazhou-department"),
];

fn started() -> Fixture {
    let f = Fixture::new();
    for (d, y, r) in RECORDS {
        new_record(&f, d, y, r);
        commit(&f, d, y, &format!("新建 {d}"));
    }
    f
}

#[test]
fn a_new_repository_answers_from_the_cache_after_the_first_walk() {
    let f = started();
    let first = answer(&f);
    assert_eq!(first.len(), 3);
    assert!(cache_file(&f).is_file(), "the first walk is kept");
    // Another member saves one record: only that record's last save moves.
    f.author("评价员乙", "yi@example.org");
    touch(&f, "water", "2024", "2025年5月");
    commit(&f, "water", "2024", "乙的修改");
    let second = answer(&f);
    let head = f.git(&["rev-parse", "HEAD"]).trim().to_string();
    assert_eq!(second["records/water/2024.toml"], (head, "评价员乙".into()));
    assert_eq!(
        second["records/edu/2024.toml"],
        first["records/edu/2024.toml"]
    );
    assert_eq!(second, fresh(&f));
}

#[test]
fn a_damaged_or_foreign_cache_is_walked_around() {
    let f = started();
    let right = answer(&f);
    for junk in [
        "",
        "{",
        "{\"version\":1,\"head\":\"zz\",\"saves\":{}}",
        "\u{0}\u{1}",
    ] {
        std::fs::write(cache_file(&f), junk).expect("write junk");
        assert_eq!(answer(&f), right, "cache {junk:?}");
    }
    // A cache made at a commit that is not an ancestor of HEAD (another branch) is not used.
    f.git(&["checkout", "-q", "-b", "other", "HEAD~1"]);
    let other = answer(&f);
    assert!(!other.contains_key("records/health/2023.toml"));
    assert_eq!(other, fresh(&f));
}

#[test]
fn two_writers_at_once_then_the_cache_agrees_with_a_full_walk() {
    let f = started();
    let _ = answer(&f);
    touch(&f, "edu", "2024", "甲");
    touch(&f, "health", "2023", "乙");
    let run = |d: &'static str, y: &'static str| {
        jixiao(f.path())
            .args(["commit", d, y, "-m", "同时保存"])
            .spawn()
            .expect("spawn")
    };
    let (mut a, mut b) = (run("edu", "2024"), run("health", "2023"));
    assert!(a.wait().expect("wait").success());
    assert!(b.wait().expect("wait").success());
    let got = answer(&f);
    assert_eq!(got, fresh(&f));
    let log = f.git(&["log", "--format=%H", "-2"]);
    let two: Vec<&str> = log.lines().collect();
    for p in ["records/edu/2024.toml", "records/health/2023.toml"] {
        assert!(two.contains(&got[p].0.as_str()), "{p}: {got:?}");
    }
}

#[derive(Debug, Clone)]
enum Op {
    /// `jixiao commit` of a hand edit to record i.
    Save(usize, u8),
    /// The same with plain `git commit -a`.
    GitCommit(usize, u8),
    /// `git rm` of record i and a commit.
    Delete(usize),
    /// `git reset --hard HEAD~1`, when there is a parent.
    Reset,
    /// Ask for the answer (which updates the cache).
    Look,
    /// A save of record i on a branch from HEAD (or its parent), merged back with plain
    /// `git merge --no-ff -X ours`, as a colleague's work reaches the branch.
    Merge(usize, u8, bool),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        (0..3usize, any::<u8>()).prop_map(|(i, v)| Op::Save(i, v)),
        (0..3usize, any::<u8>()).prop_map(|(i, v)| Op::GitCommit(i, v)),
        (0..3usize).prop_map(Op::Delete),
        Just(Op::Reset),
        Just(Op::Look),
        (0..3usize, any::<u8>(), any::<bool>()).prop_map(|(i, v, p)| Op::Merge(i, v, p)),
    ]
}

/// Whether plain git succeeds.
fn git_ok(f: &Fixture, args: &[&str]) -> bool {
    support::git_cmd(f.path())
        .args(args)
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false)
}

/// [`Op::Merge`]: the side branch `side{n}` gets one save of record i (or an empty commit
/// where the record is not), then is merged; a merge git cannot settle is abandoned.
fn merge_side(f: &Fixture, n: usize, i: usize, v: u8, from_parent: bool) {
    let base = if from_parent && git_ok(f, &["rev-parse", "-q", "--verify", "HEAD~1"]) {
        "HEAD~1"
    } else {
        "HEAD"
    };
    let side = format!("side{n}");
    f.git(&["checkout", "-q", "-b", &side, base]);
    let (d, y, _) = RECORDS[i];
    if f.path().join(format!("records/{d}/{y}.toml")).is_file() {
        touch(f, d, y, &format!("旁支第{v}版"));
        commit(f, d, y, "旁支保存");
    } else {
        f.git(&["commit", "-q", "--allow-empty", "-m", "旁支"]);
    }
    f.git(&["checkout", "-q", "-"]);
    if !git_ok(
        f,
        &[
            "merge",
            "-q",
            "--no-ff",
            "-X",
            "ours",
            "-m",
            "合并旁支",
            &side,
        ],
    ) {
        f.git(&["merge", "--abort"]);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]

    /// Whatever happens to the branch, the cached answer is the whole-history answer, and each
    /// record's history through the trailers is the history read from every tree.
    #[test]
    fn the_cached_answer_is_always_the_walked_answer(ops in prop::collection::vec(op(), 1..8)) {
        let f = started();
        let _ = answer(&f);
        for (n, op) in ops.into_iter().enumerate() {
            match op {
                Op::Save(i, v) | Op::GitCommit(i, v) => {
                    let (d, y, r) = RECORDS[i];
                    let path = f.path().join(format!("records/{d}/{y}.toml"));
                    if !path.is_file() {
                        new_record(&f, d, y, r);
                    }
                    touch(&f, d, y, &format!("第{v}版"));
                    if matches!(op, Op::Save(..)) {
                        commit(&f, d, y, "保存");
                    } else {
                        f.git(&["add", "-A", "records"]);
                        let _ = support::git_cmd(f.path())
                            .args(["commit", "-q", "-m", "plain git"])
                            .output();
                    }
                }
                Op::Delete(i) => {
                    let (d, y, _) = RECORDS[i];
                    if f.path().join(format!("records/{d}/{y}.toml")).is_file() {
                        f.git(&["rm", "-q", &format!("records/{d}/{y}.toml")]);
                        f.git(&["commit", "-q", "-m", "删除"]);
                    }
                }
                Op::Reset => {
                    if support::git_cmd(f.path()).args(["rev-parse", "-q", "--verify", "HEAD~1"]).output().map(|o| o.status.success()).unwrap_or(false) {
                        f.git(&["reset", "-q", "--hard", "HEAD~1"]);
                    }
                }
                Op::Look => {
                    let _ = answer(&f);
                }
                Op::Merge(i, v, from_parent) => merge_side(&f, n, i, v, from_parent),
            }
            prop_assert_eq!(answer(&f), fresh(&f));
            // The history found through the trailers is the one found by reading every tree,
            // and each revision scored again (table by table, record::memo) has the total
            // its trailer recorded.
            for (d, y, _) in RECORDS {
                let dept = jixiao::repo::Dept::parse(d).expect("dept");
                let year: u16 = y.parse().expect("year");
                let ids = |rescore: bool| {
                    store::log_with(&f.repo, &dept, year, rescore)
                        .map(|revs| {
                            revs.into_iter()
                                .map(|r| (r.id, r.total, r.grade))
                                .collect::<Vec<_>>()
                        })
                        .map_err(|e| e.to_string())
                };
                prop_assert_eq!(ids(false), ids(true), "{}/{}", d, y);
            }
        }
    }
}

#[test]
fn the_latest_draft_of_every_record_from_one_listing_is_each_records_latest() {
    let f = started();
    let draft = |d: &str, y: &str, name: &str| {
        let o = jixiao(f.path())
            .args(["draft", d, y, name])
            .output()
            .expect("run jixiao draft");
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    };
    draft("edu", "2024", "初稿");
    draft("water", "2024", "初稿");
    touch(&f, "water", "2024", "第二稿");
    commit(&f, "water", "2024", "改");
    draft("water", "2024", "征求意见稿");
    let latest = store::latest_drafts(&f.repo).expect("drafts");
    for (d, y, _) in RECORDS {
        let dept = jixiao::repo::Dept::parse(d).expect("dept");
        let year: u16 = y.parse().expect("year");
        let each = store::drafts(&f.repo, &dept, year).expect("drafts");
        assert_eq!(
            latest.get(&(d.to_string(), year)),
            each.last().map(|x| &x.name),
            "{d}/{y}"
        );
    }
    assert_eq!(latest.len(), 2, "health has no draft: {latest:?}");
}
