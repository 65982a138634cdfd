//! `jixiao list` answers unchanged records from `.git/jixiao/cache/scores.json`: whatever
//! happens to the records and rubrics, its output must equal a listing that scores every
//! record again.

mod support;

use proptest::prelude::*;
use serde_json::Value;
use support::{Fixture, jixiao};

fn cache_file(f: &Fixture) -> std::path::PathBuf {
    f.path().join(".git/jixiao/cache/scores.json")
}

fn list(f: &Fixture) -> Value {
    let o = jixiao(f.path())
        .args(["list", "--json"])
        .output()
        .expect("run jixiao list");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    serde_json::from_slice(&o.stdout).expect("json")
}

/// The listing with every record scored again (the cache moved away and put back).
fn fresh(f: &Fixture) -> Value {
    let cache = cache_file(f);
    let kept = std::fs::read(&cache).ok();
    let _ = std::fs::remove_file(&cache);
    let v = list(f);
    match kept {
        Some(k) => std::fs::write(&cache, k).expect("restore"),
        None => {
            let _ = std::fs::remove_file(&cache);
        }
    }
    v
}

fn new_record(f: &Fixture, dept: &str, year: &str, rubric: &str) {
    let o = jixiao(f.path())
        .args(["new", dept, year, "--name", "测试局", "--rubric", rubric])
        .output()
        .expect("run jixiao new");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

/// Replaces the first line starting with `key` in `path`.
fn set_line(path: &std::path::Path, key: &str, line: &str) {
    let text = std::fs::read_to_string(path).expect("read");
    let mut done = false;
    let out: Vec<String> = text
        .lines()
        .map(|l| {
            if !done && l.starts_with(key) {
                done = true;
                line.to_string()
            } else {
                l.to_string()
            }
        })
        .collect();
    assert!(done, "{} has a line {key}", path.display());
    std::fs::write(path, out.join("\n") + "\n").expect("write");
}

/// Makes the file's modification time an hour old, as if written long before the listing
/// (the cache does not keep a file changed within the last second).
fn age(path: &std::path::Path) {
    let old = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    let f = std::fs::File::options()
        .write(true)
        .open(path)
        .expect("open");
    f.set_modified(old).expect("set mtime");
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
        age(&f.path().join(format!("records/{d}/{y}.toml")));
    }
    for r in [
        "beijing-department-2023",
        "mof-department-2013",
        "dazhou-department",
    ] {
        age(&f.path().join(format!("rubrics/{r}.toml")));
    }
    f
}

#[test]
fn new_records_are_listed_then_kept_and_a_changed_record_is_scored_again() {
    let f = started();
    let first = list(&f);
    let rows = first["records"].as_array().expect("rows");
    assert_eq!(rows.len(), 3);
    for r in rows {
        assert_eq!(r["complete"], false, "{r}");
        assert_eq!(r["grade"], Value::Null, "{r}");
    }
    let cache = std::fs::read_to_string(cache_file(&f)).expect("the cache is written");
    assert!(cache.contains("records/water/2024.toml"), "{cache}");
    assert_eq!(list(&f), first);
    // The department's name changes: the listing shows it at once.
    let water = f.path().join("records/water/2024.toml");
    set_line(&water, "name =", "name = \"水务局\"");
    let after = list(&f);
    let water_row = after["records"]
        .as_array()
        .and_then(|a| a.iter().find(|r| r["dept"] == "water"))
        .cloned()
        .expect("water row");
    assert_eq!(water_row["name"], "水务局");
    assert_eq!(after, fresh(&f));
}

#[test]
fn a_changed_rubric_rescores_its_records_and_junk_in_the_cache_is_ignored() {
    let f = started();
    let before = list(&f);
    // A rubric made invalid: its record can no longer be scored, whatever the cache held.
    let rubric = f.path().join("rubrics/dazhou-department.toml");
    set_line(&rubric, "total =", "total = \"一百\"");
    let after = list(&f);
    let health = after["records"]
        .as_array()
        .and_then(|a| a.iter().find(|r| r["dept"] == "health"))
        .cloned()
        .expect("health row");
    assert!(health["error"].is_string(), "{health}");
    assert_ne!(after, before);
    assert_eq!(after, fresh(&f));
    for junk in ["", "{", "{\"version\":\"0\",\"records\":{}}", "[]"] {
        std::fs::write(cache_file(&f), junk).expect("junk");
        assert_eq!(list(&f), after, "cache {junk:?}");
    }
}

#[test]
fn listing_while_another_process_saves_shows_each_records_state() {
    let f = started();
    let _ = list(&f);
    let edu = f.path().join("records/edu/2024.toml");
    set_line(&edu, "name =", "name = \"教育局\"");
    let mut save = jixiao(f.path())
        .args(["commit", "edu", "2024", "-m", "保存"])
        .spawn()
        .expect("spawn");
    let during = list(&f);
    assert!(save.wait().expect("wait").success());
    let edu_row = |v: &Value| {
        v["records"]
            .as_array()
            .and_then(|a| a.iter().find(|r| r["dept"] == "edu"))
            .map(|r| r["name"].clone())
    };
    assert_eq!(edu_row(&during), Some(Value::from("教育局")));
    assert_eq!(list(&f), fresh(&f));
}

#[derive(Debug, Clone)]
enum Op {
    /// Rename record i's department (an edit the listing shows).
    Rename(usize, u8),
    /// Delete record i's file.
    Delete(usize),
    /// Create record i again when it is gone.
    Create(usize),
    /// Age record i's file (a file not changed for an hour can be kept).
    Age(usize),
    /// List.
    Look,
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        (0..3usize, any::<u8>()).prop_map(|(i, v)| Op::Rename(i, v)),
        (0..3usize).prop_map(Op::Delete),
        (0..3usize).prop_map(Op::Create),
        (0..3usize).prop_map(Op::Age),
        Just(Op::Look),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 16, ..ProptestConfig::default() })]

    /// Whatever happens to the files, the cached listing is the listing of a fresh scoring.
    #[test]
    fn the_cached_listing_is_always_the_scored_listing(ops in prop::collection::vec(op(), 1..10)) {
        let f = started();
        let _ = list(&f);
        // Records whose file has not changed since it was aged: the cache must hold them.
        let mut settled: std::collections::BTreeSet<usize> = (0..3).collect();
        for op in ops {
            let path = |i: usize| f.path().join(format!("records/{}/{}.toml", RECORDS[i].0, RECORDS[i].1));
            match op {
                Op::Rename(i, v) => {
                    if path(i).is_file() {
                        set_line(&path(i), "name =", &format!("name = \"第{v}局\""));
                    }
                    settled.remove(&i);
                }
                Op::Delete(i) => {
                    let _ = std::fs::remove_file(path(i));
                    settled.remove(&i);
                }
                Op::Create(i) => {
                    if !path(i).is_file() {
                        let (d, y, r) = RECORDS[i];
                        new_record(&f, d, y, r);
                        settled.remove(&i);
                    }
                }
                Op::Age(i) => {
                    if path(i).is_file() {
                        age(&path(i));
                        settled.insert(i);
                    }
                }
                Op::Look => {
                    let _ = list(&f);
                }
            }
            prop_assert_eq!(list(&f), fresh(&f));
            let cache = std::fs::read_to_string(cache_file(&f)).unwrap_or_default();
            for i in &settled {
                let rel = format!("records/{}/{}.toml", RECORDS[*i].0, RECORDS[*i].1);
                prop_assert!(cache.contains(&rel), "{} not kept: {}", rel, cache);
            }
        }
    }
}
