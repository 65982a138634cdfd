//! The built-in rubrics besides Beijing's, each with a worked example whose scores were
//! computed by hand (the computation is in the comments of each example file):
//! - `rubrics/mof-department-2013.toml`: 财预〔2013〕53号 部门整体支出 framework (投入/过程/
//!   产出/效果), weights and rules of 岳阳市财政局's 参考样表 where it gives them;
//!   example `tests/data/mof-department-example.toml`: 85.76 良.
//! - `rubrics/dazhou-department.toml`: 达州 部门决策 25 / 综合管理 30 / 部门绩效情况 45;
//!   example `tests/data/dazhou-department-example.toml`: 91.73 优.
//!
//! Through the library and through the binary: `rubric check`, `new` (a template asking for the
//! rubric's figures only), the filled-in record's `check`, `score --json` and `export`.

mod common;

use jixiao::record::doc;
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::Path;
use std::process::{Command, Output};

struct Case {
    name: &'static str,
    rubric: &'static str,
    example: &'static str,
    /// (一级指标, 得分, 得分率 %).
    groups: &'static [(&'static str, &'static str, &'static str)],
    /// (indicator id, 得分).
    leaves: &'static [(&'static str, &'static str)],
    total: &'static str,
    grade: &'static str,
}

const MOF: Case = Case {
    name: "mof-department-2013",
    rubric: include_str!("../rubrics/mof-department-2013.toml"),
    example: include_str!("data/mof-department-example.toml"),
    groups: &[
        ("投入", "9.50", "63.33"),
        ("过程", "34.69", "86.73"),
        ("产出", "18.87", "94.35"),
        ("效果", "22.70", "90.80"),
    ],
    leaves: &[
        ("staff-control", "3.00"),
        ("three-public-change", "2.50"),
        ("key-spending", "4.00"),
        ("adjustment", "2.00"),
        ("payment", "2.50"),
        ("carryover", "2.00"),
        ("three-public-control", "5.00"),
        ("system", "2.00"),
        ("compliance", "3.00"),
        ("disclosure", "4.50"),
        ("information", "4.00"),
        ("asset-safety", "5.00"),
        ("asset-use", "4.69"),
        ("completion", "4.75"),
        ("timeliness", "4.74"),
        ("quality", "5.00"),
        ("key-work", "4.38"),
        ("economic", "4.00"),
        ("social", "4.50"),
        ("ecological", "5.00"),
        ("satisfaction", "9.20"),
    ],
    total: "85.76",
    grade: "良",
};

const DAZHOU: Case = Case {
    name: "dazhou-department",
    rubric: include_str!("../rubrics/dazhou-department.toml"),
    example: include_str!("data/dazhou-department-example.toml"),
    groups: &[
        ("部门决策", "23.00", "92.00"),
        ("综合管理", "27.50", "91.67"),
        ("部门绩效情况", "41.23", "91.62"),
    ],
    leaves: &[
        ("relevance", "5.00"),
        ("clarity", "4.50"),
        ("reasonableness", "4.50"),
        ("estimation", "4.00"),
        ("goal-management", "5.00"),
        ("city-allocation", "1.00"),
        ("central-allocation", "1.00"),
        ("midterm-review", "2.00"),
        ("execution-monitoring", "1.50"),
        ("goal-monitoring", "3.00"),
        ("nontax-collection", "1.00"),
        ("nontax-remittance", "1.00"),
        ("asset-it", "2.00"),
        ("asset-report", "2.00"),
        ("asset-budget", "1.50"),
        ("internal-control-system", "2.00"),
        ("budget-disclosure", "2.00"),
        ("final-disclosure", "2.00"),
        ("performance-disclosure", "1.00"),
        ("evaluation-done", "2.00"),
        ("evaluation-use", "2.50"),
        ("specific", "18.33"),
        ("reform", "5.00"),
        ("innovation", "4.00"),
        ("talent", "4.50"),
        ("partner-satisfaction", "3.00"),
        ("client-satisfaction", "2.80"),
        ("public-satisfaction", "3.60"),
    ],
    total: "91.73",
    grade: "优",
};

fn jixiao(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .args(args)
        .current_dir(dir)
        .env_remove("JIXIAO_REPO")
        .env_remove("GIT_DIR")
        .env_remove("GIT_WORK_TREE")
        .env("RUST_BACKTRACE", "0")
        .output()
        .expect("jixiao runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn json(o: &Output) -> Value {
    serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}\n{}", stdout(o), stderr(o)))
}

/// Every value of a record text below its section tables, as (dotted path, value).
fn leaves(text: &str) -> Vec<(String, toml_edit::Value)> {
    fn walk(prefix: &str, t: &toml_edit::Table, out: &mut Vec<(String, toml_edit::Value)>) {
        for (k, item) in t.iter() {
            let path = format!("{prefix}.{k}");
            match item {
                toml_edit::Item::Table(sub) => walk(&path, sub, out),
                toml_edit::Item::Value(v) => out.push((path, v.clone())),
                // Rows (存在的问题, 措施建议) as one inline array.
                toml_edit::Item::ArrayOfTables(rows) => {
                    out.push((path, toml_edit::Value::Array(rows.clone().into_array())))
                }
                _ => {}
            }
        }
    }
    let doc: toml_edit::DocumentMut = text.parse().expect("a record");
    let mut out = Vec::new();
    for (k, item) in doc.iter() {
        if let toml_edit::Item::Table(t) = item {
            walk(k, t, &mut out);
        }
    }
    out
}

/// The figures `check` says are missing.
fn missing_inputs(v: &Value) -> BTreeSet<String> {
    v["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["code"] == "missing-input")
        .map(|f| f["field"].as_str().unwrap_or("").to_string())
        .collect()
}

/// The figures the rubric's rates and indicator methods read.
fn used_figures(rubric: &jixiao::rubric::Rubric) -> BTreeSet<String> {
    use jixiao::rubric::Source;
    let mut sources: Vec<&Source> = Vec::new();
    for r in &rubric.rates {
        sources.push(&r.numerator);
        sources.push(&r.denominator);
    }
    for n in &rubric.nodes {
        if let Some(m) = &n.def.method {
            sources.extend(m.sources());
        }
    }
    sources
        .into_iter()
        .filter_map(|s| match s {
            Source::Field(f) => Some(f.clone()),
            _ => None,
        })
        .collect()
}

fn library(case: &Case) {
    let rubric = common::rubric(case.rubric);
    assert_eq!(rubric.name, case.name);
    assert!(rubric.validate().is_empty(), "{:?}", rubric.validate());
    assert_eq!(rubric.total, common::d("100"));
    // Every declared figure is read by a rate or a method: the record asks for nothing unused.
    let declared: BTreeSet<String> = rubric
        .catalogue
        .figures
        .iter()
        .map(|f| f.id.clone())
        .collect();
    assert_eq!(declared, used_figures(&rubric), "{}", case.name);

    let (card, findings) = common::evaluate(&rubric, case.example);
    assert!(card.complete, "{:#?}", card.findings);
    assert_eq!(card.total, common::d(case.total), "{}", case.name);
    assert_eq!(card.grade, case.grade);
    let groups: Vec<(String, String, String)> = card
        .groups()
        .map(|g| {
            (
                g.name.clone(),
                jixiao::num::fixed2(g.score),
                g.rate().map(jixiao::num::fixed2).unwrap_or_default(),
            )
        })
        .collect();
    let expected: Vec<(String, String, String)> = case
        .groups
        .iter()
        .map(|(n, s, r)| (n.to_string(), s.to_string(), r.to_string()))
        .collect();
    assert_eq!(groups, expected);
    let scored: Vec<(String, String)> = card
        .leaves()
        .map(|n| {
            (
                n.path.rsplit('/').next().unwrap_or("").to_string(),
                jixiao::num::fixed2(n.score),
            )
        })
        .collect();
    let expected: Vec<(String, String)> = case
        .leaves
        .iter()
        .map(|(k, s)| (k.to_string(), s.to_string()))
        .collect();
    assert_eq!(scored, expected);
    // No override anywhere: every score is the rule's.
    assert!(card.leaves().all(|n| n.override_.is_none()));
    assert!(findings.is_empty(), "{findings:#?}");
}

fn cli(case: &Case) {
    let dir = tempfile::tempdir().expect("temporary folder");
    let d = dir.path();
    // `init` writes the built-in rubrics, this one among them.
    let o = jixiao(d, &["init"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let written = std::fs::read_to_string(d.join(format!("rubrics/{}.toml", case.name)))
        .expect("init writes the rubric");
    assert_eq!(written, case.rubric);
    let o = jixiao(d, &["rubric", "check", case.name]);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    assert!(stdout(&o).contains("没有问题"), "{}", stdout(&o));

    let o = jixiao(
        d,
        &[
            "new",
            "dept",
            "2024",
            "--name",
            "某部门",
            "--rubric",
            case.name,
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    // The rubric declares no year: no warning.
    assert!(!stderr(&o).contains("年度"), "{}", stderr(&o));
    let path = d.join("records/dept/2024.toml");
    let template = std::fs::read_to_string(&path).expect("new record");

    // Empty, it asks for this rubric's figures and inputs, and nothing else.
    let rubric = common::rubric(case.rubric);
    let v = json(&jixiao(d, &["check", "dept", "2024", "--json"]));
    let missing = missing_inputs(&v);
    let figures: BTreeSet<String> = rubric
        .catalogue
        .figures
        .iter()
        .filter(|f| f.required)
        .map(|f| f.id.clone())
        .collect();
    let asked: BTreeSet<String> = missing
        .iter()
        .filter(|f| !f.contains(".inputs."))
        .cloned()
        .collect();
    assert_eq!(asked, figures, "{}", case.name);
    for f in &missing {
        if let Some((_, rest)) = f.split_once(".inputs.") {
            let id = rest.split('.').next().unwrap_or("");
            assert!(
                rubric.node(id).is_some(),
                "{f} is no indicator of the rubric"
            );
        }
    }

    // The example fills every figure and input the template asks for, and nothing else.
    let example = leaves(case.example);
    let example_keys: BTreeSet<&str> = example.iter().map(|(k, _)| k.as_str()).collect();
    let template_keys: BTreeSet<String> = leaves(&template).into_iter().map(|(k, _)| k).collect();
    for k in &example_keys {
        assert!(template_keys.contains(*k), "{k} is not in the template");
    }
    for k in &template_keys {
        let figure = rubric.catalogue.figures.iter().any(|f| &f.id == k);
        let input = k.contains(".inputs.") && !k.ends_with(".basis");
        if figure || input {
            assert!(example_keys.contains(k.as_str()), "{k} left empty");
        }
    }

    // Filled in.
    let mut doc = doc::parse(&path, &template).expect("template parses");
    for (k, v) in example {
        doc::set(&mut doc, &k, v).unwrap_or_else(|e| panic!("{k}: {e}"));
    }
    std::fs::write(&path, doc.to_string()).expect("write");

    let o = jixiao(d, &["check", "dept", "2024", "--json"]);
    let v = json(&o);
    assert!(missing_inputs(&v).is_empty(), "{v:#}");
    // Nothing at all to say: every figure agrees, every deduction has its 评分依据.
    assert_eq!(v["findings"].as_array().map(Vec::len), Some(0), "{v:#}");
    assert_eq!(
        jixiao(d, &["check", "dept", "2024"]).status.code(),
        Some(0),
        "{v:#}"
    );

    let v = json(&jixiao(d, &["score", "dept", "2024", "--json"]));
    assert_eq!(v["complete"], true);
    assert_eq!(v["total"], case.total);
    assert_eq!(v["grade"], case.grade);
    let groups: Vec<(&str, &str, &str)> = v["groups"]
        .as_array()
        .expect("groups")
        .iter()
        .map(|g| {
            (
                g["name"].as_str().unwrap_or(""),
                g["score"].as_str().unwrap_or(""),
                g["rate"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(groups, case.groups.to_vec());
    let scored: Vec<(&str, &str)> = v["indicators"]
        .as_array()
        .expect("indicators")
        .iter()
        .map(|i| {
            (
                i["path"]
                    .as_str()
                    .unwrap_or("")
                    .rsplit('/')
                    .next()
                    .unwrap_or(""),
                i["score"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(scored, case.leaves.to_vec());

    let o = jixiao(d, &["export", "dept", "2024", "--format", "md", "-o", "-"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let md = stdout(&o);
    assert!(
        md.contains(&format!(
            "得分为 {} 分，综合评价等级为“{}”",
            case.total, case.grade
        )),
        "{md}"
    );
    for (name, score, rate) in case.groups {
        assert!(
            md.lines()
                .any(|l| l.contains(name) && l.contains(score) && l.contains(&format!("{rate}%"))),
            "{name} {score} {rate}\n{md}"
        );
    }
    assert!(
        md.contains(&format!("| 合计 | 100 | {} |", case.total)),
        "{md}"
    );
}

#[test]
fn the_mof_framework_scores_its_example_as_computed_by_hand() {
    library(&MOF);
}

#[test]
fn the_dazhou_form_scores_its_example_as_computed_by_hand() {
    library(&DAZHOU);
}

#[test]
fn the_mof_framework_from_new_to_export() {
    cli(&MOF);
}

#[test]
fn the_dazhou_form_from_new_to_export() {
    cli(&DAZHOU);
}

#[test]
fn the_rubrics_are_built_in() {
    let names: Vec<&str> = jixiao::rubric::BUILTIN.iter().map(|(n, _)| *n).collect();
    for case in [&MOF, &DAZHOU] {
        assert!(names.contains(&case.name), "{names:?}");
    }
}

#[test]
fn the_mof_rates_follow_the_rules_at_their_edges() {
    // 预算调整率 tiers: 0 → 3; (0, 10%] → 2, 10% itself included; (10%, 20%] → 1.
    // “三公经费”控制率: a part of a point above 100% deducts nothing; 107% deducts 6 of 6.
    let rubric = common::rubric(MOF.rubric);
    let score_of = |from: &str, to: &str, id: &str| {
        let text = MOF.example.replacen(from, to, 1);
        let (card, _) = common::evaluate(&rubric, &text);
        let n = card
            .leaves()
            .find(|n| n.path.ends_with(&format!("/{id}")))
            .expect("indicator");
        jixiao::num::fixed2(n.score)
    };
    assert_eq!(
        score_of("adjustment = 60.00", "adjustment = 0", "adjustment"),
        "3.00"
    );
    assert_eq!(
        score_of("adjustment = 60.00", "adjustment = 120.00", "adjustment"),
        "2.00"
    );
    assert_eq!(
        score_of("adjustment = 60.00", "adjustment = 120.12", "adjustment"),
        "1.00"
    );
    assert_eq!(
        score_of("adjustment = 60.00", "adjustment = 400.00", "adjustment"),
        "0.00"
    );
    assert_eq!(
        score_of(
            "three_public_budget = 12.40",
            "three_public_budget = 12.50",
            "three-public-control"
        ),
        "6.00"
    );
    // 12.60 / 11.70 = 107.69%: 7 whole points × 1 → 0, floor 0.
    assert_eq!(
        score_of(
            "three_public_budget = 12.40",
            "three_public_budget = 11.70",
            "three-public-control"
        ),
        "0.00"
    );
    // 资金结余: none → 3; more than last year → 0.
    assert_eq!(
        score_of("carryover = 30.00", "carryover = 0", "carryover"),
        "3.00"
    );
    assert_eq!(
        score_of("carryover = 30.00", "carryover = 40.01", "carryover"),
        "0.00"
    );
    // 重点支出安排率 90% exactly → 5.
    assert_eq!(
        score_of(
            "key_projects = 850.00",
            "key_projects = 900.00",
            "key-spending"
        ),
        "5.00"
    );
}

#[test]
fn new_warns_when_the_rubric_is_for_another_year() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let d = dir.path();
    assert!(jixiao(d, &["init"]).status.success());
    let text = MOF.rubric.replacen(
        "name = \"mof-department-2013\"",
        "name = \"yearly\"\nyear = 2023",
        1,
    );
    std::fs::write(d.join("rubrics/yearly.toml"), text).expect("rubric");
    let o = jixiao(
        d,
        &["new", "a", "2024", "--name", "某局", "--rubric", "yearly"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(d.join("records/a/2024.toml").exists());
    let e = stderr(&o);
    assert!(
        e.contains("指标体系「yearly」适用于 2023 年度，而记录为 2024 年度"),
        "{e}"
    );
    // The same year: nothing to say.
    let o = jixiao(
        d,
        &["new", "b", "2023", "--name", "某局", "--rubric", "yearly"],
    );
    assert_eq!(o.status.code(), Some(0));
    assert!(!stderr(&o).contains("适用于"), "{}", stderr(&o));
}

#[test]
fn the_seed_rubric_declares_its_year_and_the_annex_takes_the_records() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let d = dir.path();
    assert!(jixiao(d, &["init"]).status.success());
    let o = jixiao(d, &["new", "w", "2024", "--name", "某市水务局"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stderr(&o)
            .contains("指标体系「beijing-department-2023」适用于 2023 年度，而记录为 2024 年度"),
        "{}",
        stderr(&o)
    );
    let o = jixiao(d, &["new", "w", "2023", "--name", "某市水务局"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(!stderr(&o).contains("适用于"), "{}", stderr(&o));
    let o = jixiao(
        d,
        &[
            "export", "w", "2024", "--format", "md", "-o", "-", "--force",
        ],
    );
    let md = stdout(&o);
    assert!(
        md.contains("附件：2024年度部门整体绩效评价指标体系评分表"),
        "{}{md}",
        stderr(&o)
    );
    assert!(!md.contains("2023年度"), "{md}");
}

#[test]
fn the_dazhou_decisions_are_scored_and_written_in_the_overview() {
    // 部门决策 (目标任务, 预算编制) is presented with the department's targets in 部门概况; the
    // form has no budget figures, so 当年预算执行情况 holds the evaluator's narrative only.
    let rubric = common::rubric(DAZHOU.rubric);
    let decision = rubric.node("decision").expect("部门决策");
    assert_eq!(decision.section, jixiao::section::Section::Overview);
    assert!(rubric.catalogue.figures.is_empty());
    let template = jixiao::record::template::new_record(&rubric, "达州市某局", 2024);
    let at = |s: &str| {
        template
            .find(s)
            .unwrap_or_else(|| panic!("{s}\n{template}"))
    };
    assert!(at("[overview]") < at("[overview.inputs.relevance]"));
    assert!(at("[overview.inputs.goal-management]") < at("[budget]"));
    assert!(!template.contains("[budget.inputs."), "{template}");
    let (card, _) = common::evaluate(&rubric, DAZHOU.example);
    let g = card.node("decision").expect("scored");
    assert_eq!(g.section, jixiao::section::Section::Overview);
    assert_eq!(jixiao::num::fixed2(g.score), "23.00");
    // A missing score of 部门决策 is reported in 部门概况, at its field there.
    let (_, findings) = common::evaluate(
        &rubric,
        &DAZHOU
            .example
            .replacen("[overview.inputs.relevance]\nscore = 5.00\n", "", 1),
    );
    let missing: Vec<(&str, &str)> = findings
        .iter()
        .filter(|f| f.code == "missing-input")
        .map(|f| (f.section.id(), f.field.as_str()))
        .collect();
    assert_eq!(missing, [("overview", "overview.inputs.relevance.score")]);

    let dir = tempfile::tempdir().expect("temporary folder");
    let d = dir.path();
    assert!(jixiao(d, &["init"]).status.success());
    let rec = d.join("records/dz");
    std::fs::create_dir_all(&rec).expect("folder");
    std::fs::write(rec.join("2024.toml"), DAZHOU.example).expect("record");
    let o = jixiao(d, &["export", "dz", "2024", "--format", "md", "-o", "-"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let md = stdout(&o);
    // The last of each: the 目录 lists them first.
    let one = md.rfind("一、部门概况").expect("section 一");
    let two = md.rfind("二、当年预算执行情况").expect("section 二");
    let decision = md.rfind("（二）部门决策情况").expect("its heading");
    assert!(one < decision && decision < two, "{md}");
    assert!(md[decision..two].contains("年度目标与部门职责相符，预算编制基本有据。"));
    assert!(md[two..].contains("全年预算执行平稳。"));
}
