//! Rewriting a record by program keeps what a person wrote: comments, key order, layout;
//! only the value asked for changes, and the score follows it.

mod common;

use common::{d, evaluate, seed_record_text, seed_rubric};
use jixiao::num;
use jixiao::record::doc;
use std::path::Path;

fn changed_lines(a: &str, b: &str) -> Vec<(String, String)> {
    assert_eq!(a.lines().count(), b.lines().count(), "line count changed");
    a.lines()
        .zip(b.lines())
        .filter(|(x, y)| x != y)
        .map(|(x, y)| (x.to_string(), y.to_string()))
        .collect()
}

#[test]
fn setting_a_figure_changes_one_line_and_keeps_its_comment() {
    let seed = seed_record_text();
    let mut doc = doc::parse(Path::new("2023.toml"), &seed).unwrap();
    doc::set(
        &mut doc,
        "budget.spent_total",
        doc::number_value("532383.99").unwrap(),
    )
    .unwrap();
    let out = doc.to_string();
    assert_eq!(
        changed_lines(&seed, &out),
        vec![(
            "spent_total = 522383.99       # 本年支出合计（决算数）".to_string(),
            "spent_total = 532383.99       # 本年支出合计（决算数）".to_string()
        )]
    );
    let (card, _) = evaluate(&seed_rubric(), &out);
    assert_eq!(num::fixed2(card.total), "96.32");
}

#[test]
fn setting_a_checklist_answer_and_an_override() {
    let seed = seed_record_text();
    let mut doc = doc::parse(Path::new("2023.toml"), &seed).unwrap();
    doc::set(
        &mut doc,
        "management.inputs.finance-system.pass",
        "[true, false, true]".parse().unwrap(),
    )
    .unwrap();
    doc::set(
        &mut doc,
        "management.inputs.asset-management.override.score",
        doc::number_value("3.20").unwrap(),
    )
    .unwrap();
    let out = doc.to_string();
    let changed = changed_lines(&seed, &out);
    assert_eq!(changed.len(), 2, "{changed:#?}");
    assert_eq!(changed[0].1, "pass = [true, false, true]");
    assert!(
        changed[1]
            .1
            .starts_with("override = { score = 3.20, reason = \"原报告评分表打分")
    );
    // Every comment is where it was.
    let comments = |t: &str| -> Vec<String> {
        t.lines()
            .filter(|l| l.trim_start().starts_with('#'))
            .map(str::to_string)
            .collect()
    };
    assert_eq!(comments(&seed), comments(&out));
    let (card, findings) = evaluate(&seed_rubric(), &out);
    // 95.97 − 0.50 (one failing item) − 0.30 (3.50 → 3.20) = 95.17.
    assert_eq!(num::fixed2(card.total), "95.17");
    let n = card.node("management/assets/asset-management").unwrap();
    assert_eq!((n.score, n.computed), (d("3.20"), Some(d("4.00"))));
    // 3.20 is reachable by the rule: only 绩效管理情况 remains unreachable.
    assert_eq!(
        findings
            .iter()
            .filter(|f| f.code == "unreachable-score")
            .count(),
        1
    );
}

#[test]
fn flatten_gives_every_field_by_path() {
    let doc = doc::parse(Path::new("2023.toml"), &seed_record_text()).unwrap();
    let f = doc::flatten(&doc);
    assert_eq!(doc::value_text(&f["budget.budget_total"]), "576431.54");
    assert_eq!(doc::value_text(&f["management.assets_net"]), "94448.80");
    assert_eq!(
        doc::value_text(&f["targets.indicators[12].actual"]),
        "\"99.00%\""
    );
    assert_eq!(
        doc::value_text(&f["management.inputs.asset-management.override.score"]),
        "3.50"
    );
    assert_eq!(
        f["overview.name"].as_str(),
        Some("北京市公安局公安交通管理局")
    );
    assert_eq!(doc::table_count(&doc, "targets.indicators"), 13);
    assert_eq!(doc::table_count(&doc, "overview.goals"), 6);
}

#[test]
fn a_rewritten_narrative_round_trips_and_is_checked() {
    let seed = seed_record_text();
    let mut doc = doc::parse(Path::new("2023.toml"), &seed).unwrap();
    let text = "市交通管理局 2023 年全年支出预算 576,431.54 万元。\n\n部门预算执行率为 90.62%，财政拨款预算执行率为 97.66%。";
    doc::set(&mut doc, "budget.text", doc::text_value(text)).unwrap();
    let out = doc.to_string();
    let rec = common::record(&out);
    assert_eq!(rec.text("budget.text"), text);
    let (_, findings) = evaluate(&seed_rubric(), &out);
    // The corrected text no longer disagrees with the figures.
    assert!(
        !findings.iter().any(|f| f.field == "budget.text"),
        "{findings:#?}"
    );
    assert_eq!(findings.len(), 8);
    // The file is written atomically and reads back the same.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("records/d/2023.toml");
    jixiao::tomlio::write_atomic(&path, &out).unwrap();
    assert_eq!(std::fs::read_to_string(&path).unwrap(), out);
    let names: Vec<_> = std::fs::read_dir(path.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, vec![std::ffi::OsString::from("2023.toml")]);
}

#[cfg(unix)]
#[test]
fn atomic_writes_keep_permissions_and_new_files_are_readable() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("a.toml");
    jixiao::tomlio::write_atomic(&p, "x = 1\n").unwrap();
    assert_eq!(
        std::fs::metadata(&p).unwrap().permissions().mode() & 0o777,
        0o644
    );
    std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o640)).unwrap();
    jixiao::tomlio::write_atomic(&p, "x = 2\n").unwrap();
    assert_eq!(
        std::fs::metadata(&p).unwrap().permissions().mode() & 0o777,
        0o640
    );
    assert_eq!(std::fs::read_to_string(&p).unwrap(), "x = 2\n");
}
