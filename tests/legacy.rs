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
fn an_old_bundled_rubric_takes_new_saves_and_its_history_still_scores() {
    let f = old_repository("beijing-department-2023");
    // A new save of the old record works, gives its rows ids, and history still scores.
    let path = f.path().join("records/bj-traffic/2023.toml");
    let t = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, support::with_asset_override(&t, "4.00", "复核")).unwrap();
    let o = run(&f, &["commit", "bj-traffic", "2023", "-m", "复核资产管理"]);
    assert!(o.status.success(), "{}", text(&o));
    assert!(text(&o).contains("总分：95.97 → 96.47"), "{}", text(&o));
    assert!(std::fs::read_to_string(&path).unwrap().contains("id = \""));
    let o = run(&f, &["log", "bj-traffic", "2023", "--rescore"]);
    let log = text(&o);
    assert!(log.contains("96.47") && log.contains("95.97"), "{log}");
}

#[test]
fn an_old_rubric_of_another_name_says_which_figures_to_declare() {
    let f = old_repository("old-province-2023");
    let o = run(&f, &["rubric", "check", "old-province-2023"]);
    let msg = text(&o);
    assert_eq!(o.status.code(), Some(1), "{msg}");
    assert!(
        msg.contains("`field:budget.spent_total` 不是记录中的数字") && msg.contains("[[figure]]"),
        "{msg}"
    );
    let o = run(&f, &["score", "bj-traffic", "2023"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(text(&o).contains("[[figure]]"), "{}", text(&o));
}
