//! Repositories made by earlier versions: their rubrics declare no figures and their rows
//! have no ids, in the working tree and all through their history. They still score exactly,
//! check, and take new saves.

mod support;

use std::process::Output;
use support::Fixture;

const RUBRIC: &str = include_str!("data/legacy/beijing-department-2023.toml");
const RECORD: &str = include_str!("data/legacy/bj-traffic-2023.toml");

fn run(f: &Fixture, args: &[&str]) -> Output {
    support::jixiao(f.path()).args(args).output().unwrap()
}

fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

/// A repository as an earlier jixiao left it: the old rubric and record, committed with git.
fn old_repository(rubric_name: &str) -> Fixture {
    let f = Fixture::new();
    let rubric = RUBRIC.replace(
        "name = \"beijing-department-2023\"",
        &format!("name = \"{rubric_name}\""),
    );
    std::fs::write(f.path().join(format!("rubrics/{rubric_name}.toml")), rubric).unwrap();
    let record = RECORD.replace(
        "rubric = \"beijing-department-2023\"",
        &format!("rubric = \"{rubric_name}\""),
    );
    std::fs::create_dir_all(f.path().join("records/bj-traffic")).unwrap();
    std::fs::write(f.path().join("records/bj-traffic/2023.toml"), record).unwrap();
    f.git(&["add", "-A"]);
    f.git(&["commit", "-q", "-m", "旧版本的评价库"]);
    f
}

fn total(f: &Fixture) -> String {
    let o = run(f, &["score", "bj-traffic", "2023", "--json"]);
    assert!(o.status.success(), "{}", text(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    format!(
        "{} {}",
        v["total"].as_str().unwrap(),
        v["grade"].as_str().unwrap()
    )
}

#[test]
fn the_old_bundled_rubric_borrows_todays_declarations_and_scores_exactly() {
    let f = old_repository("beijing-department-2023");
    assert_eq!(total(&f), "95.97 优");
    let o = run(&f, &["check", "bj-traffic", "2023"]);
    assert!(text(&o).contains("0 个错误，12 个警告"), "{}", text(&o));
    let o = run(&f, &["log", "bj-traffic", "2023", "--rescore"]);
    assert!(text(&o).contains("95.97"), "{}", text(&o));
}

#[test]
fn an_old_rubric_of_another_name_reads_the_figures_it_uses() {
    let f = old_repository("old-province-2023");
    assert_eq!(total(&f), "95.97 优");
    let o = run(&f, &["rubric", "check", "old-province-2023"]);
    assert!(o.status.success(), "{}", text(&o));
    // A new save of the old record works, gives its rows ids, and history still scores.
    let path = f.path().join("records/bj-traffic/2023.toml");
    let t = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        t.replace("spent_total = 522383.99", "spent_total = 500000"),
    )
    .unwrap();
    let o = run(&f, &["commit", "bj-traffic", "2023", "-m", "按决算调整"]);
    assert!(o.status.success(), "{}", text(&o));
    assert!(text(&o).contains("95.97 -> 95.20"), "{}", text(&o));
    assert!(std::fs::read_to_string(&path).unwrap().contains("id = \""));
    let o = run(&f, &["log", "bj-traffic", "2023", "--rescore"]);
    let log = text(&o);
    assert!(log.contains("95.20") && log.contains("95.97"), "{log}");
}
