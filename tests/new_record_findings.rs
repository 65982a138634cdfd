//! What `jixiao check` says about a record made with `jixiao new` under each bundled rubric:
//! every finding once (two sources of one indicator, this year's and last year's rate of the
//! same name, once gave the same 无法计算 finding twice), and the values of an indicator's
//! inputs table named by labels a person reads, never by the rubric's keys (`done`,
//! `planned`), whether the rubric declares a label or not; a rubric that leaves an input
//! without one gets a warning from `jixiao rubric check`.

mod common;
mod support;

use jixiao::record::doc;
use jixiao::rubric::Rubric;
use serde_json::Value;
use std::collections::BTreeSet;
use support::{Fixture, jixiao};

const BUNDLED: [&str; 3] = [
    "beijing-department-2023",
    "mof-department-2013",
    "dazhou-department",
];

/// A repository with the empty record `dept/2024` made by `jixiao new` under `rubric`.
fn new_record(rubric: &str) -> Fixture {
    let f = Fixture::new();
    let o = jixiao(f.path())
        .args([
            "new",
            "dept",
            "2024",
            "--name",
            "某部门",
            "--rubric",
            rubric,
        ])
        .output()
        .expect("jixiao runs");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    f
}

/// `jixiao check dept 2024`: its lines, the count at the end left out.
fn check_lines(f: &Fixture) -> Vec<String> {
    let o = jixiao(f.path())
        .args(["check", "dept", "2024"])
        .output()
        .expect("jixiao runs");
    let out = String::from_utf8_lossy(&o.stdout).into_owned();
    let mut lines: Vec<String> = out.lines().map(str::to_string).collect();
    assert!(lines.pop().is_some_and(|l| l.contains("个错误")), "{out}");
    lines
}

/// `jixiao check dept 2024 --json`: its findings.
fn findings(f: &Fixture) -> Vec<Value> {
    let o = jixiao(f.path())
        .args(["check", "dept", "2024", "--json"])
        .output()
        .expect("jixiao runs");
    let v: Value = serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&o.stdout)));
    v["findings"].as_array().expect("findings").clone()
}

fn record_path(f: &Fixture) -> std::path::PathBuf {
    f.path().join("records/dept/2024.toml")
}

/// Sets `values` (dotted path, TOML value) in the record file.
fn set(f: &Fixture, values: &[(String, toml_edit::Value)]) {
    let path = record_path(f);
    let text = std::fs::read_to_string(&path).expect("record");
    let mut d = doc::parse(&path, &text).expect("record parses");
    for (k, v) in values {
        doc::set(&mut d, k, v.clone()).unwrap_or_else(|e| panic!("{k}: {e}"));
    }
    std::fs::write(&path, d.to_string()).expect("write");
}

fn bundled(name: &str) -> Rubric {
    Rubric::load(&common::root().join(format!("rubrics/{name}.toml"))).expect("rubric")
}

/// Every value the rubric's leaves read from their inputs tables, as (record path, key).
fn input_values(rubric: &Rubric) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (i, n) in rubric.nodes.iter().enumerate() {
        if !n.is_leaf() {
            continue;
        }
        for spec in rubric.inputs_of(i) {
            let path = format!("{}.inputs.{}.{}", n.section.id(), n.def.id, spec.name);
            out.push((path, spec.name));
        }
    }
    out
}

/// The ASCII words of `s` (letters, digits, `_`, `-`): where a key would show.
fn ascii_words(s: &str) -> BTreeSet<&str> {
    s.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))
        .filter(|w| !w.is_empty())
        .collect()
}

#[test]
fn every_finding_of_a_new_record_is_listed_once() {
    for name in BUNDLED {
        let f = new_record(name);
        let lines = check_lines(&f);
        let mut seen = BTreeSet::new();
        for l in &lines {
            assert!(seen.insert(l), "{name}: listed twice: {l}");
        }
        // Nor does one message stand twice at different fields.
        let mut said = BTreeSet::new();
        for x in findings(&f) {
            let m = x["message"].as_str().unwrap_or("").to_string();
            assert!(said.insert(m.clone()), "{name}: said twice: {m}");
        }
    }
    // Beijing's 结转结余率 compares this year's rate with last year's, two rates of one name:
    // a single finding names both and the figures they lack, at the first of them.
    let f = new_record("beijing-department-2023");
    let carry: Vec<String> = check_lines(&f)
        .into_iter()
        .filter(|l| l.contains("无法计算") && l.contains("结转结余率"))
        .collect();
    assert_eq!(
        carry,
        [
            "错误 预算管理情况：结转结余率：无法计算结转结余率、结转结余率（上年）：缺少「结转结余资金总额」、「全年支出预算」、「上年结转结余资金总额」、「上年全年支出预算」（management.carryover）"
        ]
    );
    // This year's figures typed: only last year's rate is left, named as last year's.
    let n = |s: &str| doc::number_value(s).expect("a number");
    set(
        &f,
        &[
            ("management.carryover".into(), n("100")),
            ("budget.budget_total".into(), n("1000")),
        ],
    );
    let carry: Vec<String> = check_lines(&f)
        .into_iter()
        .filter(|l| l.contains("无法计算") && l.contains("结转结余率"))
        .collect();
    assert_eq!(
        carry,
        [
            "错误 预算管理情况：结转结余率：无法计算结转结余率（上年）：缺少「上年结转结余资金总额」、「上年全年支出预算」（management.carryover_prev）"
        ]
    );
}

/// Under `name`, no finding about an input value shows one of the rubric's keys: empty, every
/// value 0 (denominators of zero), every value with three decimals (more than allowed).
fn no_key_shows(name: &str) {
    let rubric = bundled(name);
    let values = input_values(&rubric);
    assert!(!values.is_empty(), "{name} reads inputs");
    let keys: BTreeSet<&str> = values.iter().map(|(_, k)| k.as_str()).collect();
    let f = new_record(name);
    let mut about_inputs = 0;
    for typed in [None, Some("0"), Some("1.125")] {
        if let Some(t) = typed {
            let v = doc::number_value(t).expect("a number");
            let all: Vec<(String, toml_edit::Value)> =
                values.iter().map(|(p, _)| (p.clone(), v.clone())).collect();
            set(&f, &all);
        }
        for x in findings(&f) {
            let message = x["message"].as_str().unwrap_or("");
            let field = x["field"].as_str().unwrap_or("");
            let shown: Vec<&&str> = keys
                .iter()
                .filter(|k| ascii_words(message).contains(**k))
                .collect();
            assert!(
                shown.is_empty(),
                "{name}, typed {typed:?}: {message} shows {shown:?}"
            );
            if values.iter().any(|(p, _)| field == p) {
                about_inputs += 1;
            }
        }
    }
    // The empty record asks for each value, the typed ones are refused or cannot divide.
    assert!(about_inputs >= 2 * values.len(), "{name}: {about_inputs}");
    // Diffs name them alike.
    for (path, key) in &values {
        let label = jixiao::record::labels::field_label(&rubric, path, None);
        assert!(!ascii_words(&label).contains(key.as_str()), "{label}");
    }
}

#[test]
fn input_messages_under_the_mof_rubric_show_labels_not_keys() {
    no_key_shows("mof-department-2013");
}

#[test]
fn input_messages_under_the_dazhou_rubric_show_labels_not_keys() {
    no_key_shows("dazhou-department");
}

/// MoF's rubric with its `[[indicator.input]]` declarations taken out, called `name`.
fn mof_without_labels(name: &str) -> String {
    let text = std::fs::read_to_string(common::root().join("rubrics/mof-department-2013.toml"))
        .expect("rubric");
    let text = support::replace_once(
        &text,
        "name = \"mof-department-2013\"",
        &format!("name = \"{name}\""),
    );
    let mut out = String::new();
    let mut skipping = false;
    for line in text.lines() {
        if line.starts_with('[') {
            skipping = line == "[[indicator.input]]";
        }
        if !skipping {
            out.push_str(line);
            out.push('\n');
        }
    }
    assert_ne!(out, text, "the rubric declares its inputs' labels");
    out
}

#[test]
fn an_input_without_a_label_is_named_by_its_role_and_rubric_check_warns() {
    let text = mof_without_labels("mof-unlabelled");
    let rubric = common::rubric(&text);
    // Scoring does not depend on it: no problem, one warning per value.
    assert!(rubric.validate().is_empty(), "{:?}", rubric.validate());
    let warnings: Vec<String> = rubric.warnings().iter().map(ToString::to_string).collect();
    assert_eq!(warnings.len(), input_values(&rubric).len(), "{warnings:#?}");
    assert!(
        warnings.contains(
            &"output/duties/completion: 输入 `done` 没有名称：表单、提示和差异中将显示为「达成数」；请在指标 `completion` 后写 [[indicator.input]]，name = \"done\"，label = \"名称\"（如 实际完成工作数）".to_string()
        ),
        "{warnings:#?}"
    );
    // `rubric check` says so and still passes the rubric.
    let f = Fixture::new();
    std::fs::write(f.path().join("rubrics/mof-unlabelled.toml"), &text).expect("write");
    let o = jixiao(f.path())
        .args(["rubric", "check", "mof-unlabelled"])
        .output()
        .expect("jixiao runs");
    let out = String::from_utf8_lossy(&o.stdout);
    assert_eq!(o.status.code(), Some(0), "{out}");
    assert!(out.contains("没有问题"), "{out}");
    assert!(
        out.lines().any(
            |l| l.starts_with("注意：mof-unlabelled: output/duties/completion: ")
                && l.contains("输入 `done` 没有名称")
        ),
        "{out}"
    );
    // A record under it names each value by the indicator and the value's part in its rule.
    let o = jixiao(f.path())
        .args([
            "new",
            "dept",
            "2024",
            "--name",
            "某部门",
            "--rubric",
            "mof-unlabelled",
        ])
        .output()
        .expect("jixiao runs");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let messages: Vec<String> = findings(&f)
        .iter()
        .filter(|x| {
            x["field"]
                .as_str()
                .is_some_and(|p| p.starts_with("targets.inputs.completion."))
        })
        .map(|x| x["message"].as_str().unwrap_or("").to_string())
        .collect();
    assert_eq!(
        messages,
        ["实际完成率：缺少「达成数」", "实际完成率：缺少「总数」"]
    );
    // The bundled rubrics label every value they read; a copy of one committed before it
    // did borrows today's labels (not units: they would change what its records may hold).
    for name in BUNDLED {
        assert!(bundled(name).warnings().is_empty(), "{name}");
    }
    let old = common::rubric(&mof_without_labels("mof-department-2013"));
    assert!(old.warnings().is_empty(), "{:?}", old.warnings());
    let i = old
        .nodes
        .iter()
        .position(|n| n.def.id == "completion")
        .expect("completion");
    let specs = old.inputs_of(i);
    let labels: Vec<(&str, &str, u32)> = specs
        .iter()
        .map(|s| (s.label.as_str(), s.unit.as_str(), s.decimals))
        .collect();
    assert_eq!(labels, [("实际完成工作数", "", 2), ("计划工作数", "", 2)]);
}
