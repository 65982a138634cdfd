//! A rubric declares the record's figures, narratives and rules: `jixiao new` under the seed
//! rubric and under a county's form (`tests/data/county-2024.toml`: 调整后预算数, 退休人员,
//! 财政专户/单位资金 rows), `check` asking for what that rubric declares and nothing else,
//! its sum and explanation rules firing in its own words, and 未完成 for incomplete records.

mod common;

use jixiao::record::doc;
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::Path;
use std::process::{Command, Output};

const COUNTY: &str = include_str!("data/county-2024.toml");

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

fn json(o: &Output) -> Value {
    serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}\n{}", stdout(o), String::from_utf8_lossy(&o.stderr)))
}

/// A fresh repository with the built-in rubrics and the county form.
fn repo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temporary folder");
    jixiao::store::init_repo(dir.path()).expect("init");
    std::fs::write(dir.path().join("rubrics/county-2024.toml"), COUNTY).expect("rubric");
    dir
}

/// The fields of the figures `check` says are missing (inputs of indicators aside).
fn missing_figures(v: &Value) -> BTreeSet<String> {
    v["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["code"] == "missing-input")
        .map(|f| f["field"].as_str().unwrap_or("").to_string())
        .filter(|f| !f.contains(".inputs.") && f != "targets.indicators" && f != "overview.name")
        .collect()
}

fn required_figures(rubric: &jixiao::rubric::Rubric) -> BTreeSet<String> {
    rubric
        .catalogue
        .figures
        .iter()
        .filter(|f| f.required)
        .map(|f| f.id.clone())
        .collect()
}

#[test]
fn a_new_record_under_the_seed_rubric_asks_for_the_seeds_figures_only() {
    let dir = repo();
    let o = jixiao(dir.path(), &["new", "w", "2024", "--name", "某市水务局"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let v = json(&jixiao(dir.path(), &["check", "w", "2024", "--json"]));
    let missing = missing_figures(&v);
    assert_eq!(missing, required_figures(&common::seed_rubric()));
    assert_eq!(missing.len(), 18);
    // Nothing of the county's form.
    assert!(
        !missing
            .iter()
            .any(|f| f.contains("retirees") || f.contains("adjusted"))
    );
}

#[test]
fn a_county_form_asks_for_its_figures_scores_and_enforces_its_rules() {
    let dir = repo();
    let o = jixiao(dir.path(), &["rubric", "check", "county-2024"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let o = jixiao(
        dir.path(),
        &[
            "new",
            "county-water",
            "2024",
            "--name",
            "某县水利局",
            "--rubric",
            "county-2024",
        ],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let path = dir.path().join("records/county-water/2024.toml");
    let template = std::fs::read_to_string(&path).expect("new record");
    // The template holds this form's fields, none of Beijing's.
    for key in [
        "retirees = \"\"",
        "adjusted = \"\"",
        "fund_special = \"\"",
        "transfer = \"\"",
    ] {
        assert!(template.contains(key), "{key}\n{template}");
    }
    for key in [
        "budget_total",
        "assets_original",
        "carryover",
        "outputs_text",
    ] {
        assert!(!template.contains(key), "{key}\n{template}");
    }

    // check lists exactly the required figures: not 调剂金额 or 三公经费 (optional), nothing
    // of Beijing's.
    let v = json(&jixiao(
        dir.path(),
        &["check", "county-water", "2024", "--json"],
    ));
    let missing = missing_figures(&v);
    let rubric = common::rubric(COUNTY);
    assert_eq!(missing, required_figures(&rubric));
    assert_eq!(
        missing,
        [
            "budget.adjusted",
            "budget.fund_fiscal",
            "budget.fund_special",
            "budget.fund_unit",
            "budget.initial",
            "budget.spent",
            "overview.retirees",
            "overview.staff_active",
            "overview.staff_total",
        ]
        .into_iter()
        .map(String::from)
        .collect::<BTreeSet<_>>()
    );
    let retirees = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["field"] == "overview.retirees")
        .expect("退休人员 asked for");
    assert_eq!(retirees["message"], "缺少「退休人员」（人）");

    // Incomplete: list and score show 未完成 and no grade, never 0.00 差.
    let o = jixiao(dir.path(), &["list"]);
    let line = stdout(&o)
        .lines()
        .find(|l| l.contains("county-water"))
        .expect("listed")
        .to_string();
    assert!(line.contains("未完成"), "{line}");
    assert!(!line.contains("0.00") && !line.contains('差'), "{line}");
    let o = jixiao(dir.path(), &["score", "county-water", "2024"]);
    let text = stdout(&o);
    assert!(text.contains("未完成"), "{text}");
    assert!(!text.contains("综合评价等级：差"), "{text}");
    let v = json(&jixiao(
        dir.path(),
        &["score", "county-water", "2024", "--json"],
    ));
    assert_eq!(v["complete"], false);
    assert!(v["total"].is_null() && v["grade"].is_null(), "{v}");
    let o = jixiao(
        dir.path(),
        &[
            "export",
            "county-water",
            "2024",
            "--format",
            "md",
            "-o",
            "-",
            "--force",
        ],
    );
    let md = stdout(&o);
    assert!(md.contains("尚未完成") && md.contains("未完成"), "{md}");
    assert!(
        !md.contains("综合评价等级为“差”") && !md.contains("0.00 分"),
        "{md}"
    );

    // Filled in.
    let mut d = doc::parse(&path, &template).expect("template parses");
    let num = |d: &mut toml_edit::DocumentMut, k: &str, v: &str| {
        doc::set(d, k, doc::number_value(v).expect("a number")).expect(k)
    };
    for (k, v) in [
        ("overview.staff_total", "30"),
        ("overview.staff_active", "25"),
        ("overview.retirees", "5"),
        ("budget.initial", "1000.00"),
        ("budget.adjusted", "1200.00"),
        ("budget.spent", "1050.00"),
        ("budget.fund_fiscal", "1000.00"),
        ("budget.fund_special", "150.00"),
        ("budget.fund_unit", "50.00"),
        ("targets.inputs.done.met", "9"),
        ("targets.inputs.done.planned", "10"),
        ("targets.inputs.satisfaction.score", "11"),
        ("management.inputs.public.score", "18.50"),
    ] {
        num(&mut d, k, v);
    }
    let mut pass = toml_edit::Array::new();
    for p in [true, false, true] {
        pass.push(p);
    }
    doc::set(
        &mut d,
        "management.inputs.system.pass",
        toml_edit::Value::Array(pass),
    )
    .expect("pass");
    std::fs::write(&path, d.to_string()).expect("write");

    // By hand: 1050 / 1200 = 87.50% × 20 = 17.50; 9 / 10 × 30 = 27.00; 满意度 11.00;
    // 制度建设 one failing item: 10 − 2 = 8.00; 三公经费 18.50.
    // 17.50 + (27.00 + 11.00) + (8.00 + 18.50) = 82.00, 良.
    let v = json(&jixiao(
        dir.path(),
        &["score", "county-water", "2024", "--json"],
    ));
    assert_eq!(v["complete"], true);
    assert_eq!(v["total"], "82.00");
    assert_eq!(v["grade"], "良");
    let groups: Vec<(&str, &str)> = v["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| (g["score"].as_str().unwrap(), g["rate"].as_str().unwrap()))
        .collect();
    assert_eq!(
        groups,
        vec![("17.50", "87.50"), ("38.00", "76.00"), ("26.50", "88.33")]
    );
    let rate = v["rates"][0]["value"].as_str().unwrap();
    assert_eq!(rate, "87.50");

    // The rules, in the rubric's own words.
    let v = json(&jixiao(
        dir.path(),
        &["check", "county-water", "2024", "--json"],
    ));
    let findings = v["findings"].as_array().unwrap().clone();
    let explain: Vec<&Value> = findings
        .iter()
        .filter(|f| f["code"] == "explanation-required")
        .collect();
    // 执行率 87.50% < 90%: an error, as the rubric says.
    let exec = explain
        .iter()
        .find(|f| f["field"] == "budget.text")
        .expect("execution rate needs a reason");
    assert_eq!(exec["severity"], "error");
    let m = exec["message"].as_str().unwrap();
    assert!(m.contains("预算执行率 87.50% 低于 90%"), "{m}");
    assert!(
        m.contains("执行率低于 90% 的，须在预算执行说明中写明原因"),
        "{m}"
    );
    // 调整后 1200 ≠ 年初 1000: a warning showing the 调整率.
    let adj = explain
        .iter()
        .find(|f| f["field"] == "budget.adjust_text")
        .expect("adjustment needs a reason");
    assert_eq!(adj["severity"], "warning");
    let m = adj["message"].as_str().unwrap();
    assert!(
        m.contains("调整后预算数 1,200.00 万元 ≠ 年初预算数 1,000.00 万元"),
        "{m}"
    );
    assert!(m.contains("调整率 20.00%"), "{m}");
    // 满意度 11 of 20 is under 60% of its weight, with no 评分依据.
    let low = explain
        .iter()
        .find(|f| f["field"] == "targets.inputs.satisfaction.basis")
        .expect("a low score needs a reason");
    assert!(
        low["message"]
            .as_str()
            .unwrap()
            .contains("服务对象满意度：得 11.00 / 20 分，低于分值的 60%；得分低于该项分值 60% 的，须写明扣分原因"),
        "{low}"
    );
    assert_eq!(explain.len(), 3, "{explain:#?}");
    assert!(!findings.iter().any(|f| f["code"] == "sum-mismatch"));
    assert_eq!(
        jixiao(dir.path(), &["check", "county-water", "2024"])
            .status
            .code(),
        Some(1)
    );

    // Reasons written: the rules are satisfied.
    let text = std::fs::read_to_string(&path).unwrap();
    let mut d = doc::parse(&path, &text).unwrap();
    for (k, v) in [
        ("budget.text", "执行率偏低的原因是两个项目延至次年实施。"),
        ("budget.adjust_text", "年中追加防汛资金 200 万元。"),
        ("targets.inputs.satisfaction.basis", "问卷满意率 55%。"),
    ] {
        doc::set(&mut d, k, doc::text_value(v)).unwrap();
    }
    std::fs::write(&path, d.to_string()).unwrap();
    let v = json(&jixiao(
        dir.path(),
        &["check", "county-water", "2024", "--json"],
    ));
    assert!(
        !v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["code"] == "explanation-required"),
        "{v:#}"
    );
    assert_eq!(
        jixiao(dir.path(), &["check", "county-water", "2024"])
            .status
            .code(),
        Some(0)
    );

    // The sum rule: 财政拨款 + 财政专户资金 + 单位资金 above 调整后预算数 is an error.
    let text = std::fs::read_to_string(&path).unwrap();
    let mut d = doc::parse(&path, &text).unwrap();
    num(&mut d, "budget.fund_unit", "60.00");
    num(&mut d, "overview.retirees", "6");
    std::fs::write(&path, d.to_string()).unwrap();
    let v = json(&jixiao(
        dir.path(),
        &["check", "county-water", "2024", "--json"],
    ));
    let sums: Vec<&Value> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == "sum-mismatch")
        .collect();
    assert_eq!(sums.len(), 2, "{sums:#?}");
    let budget = sums
        .iter()
        .find(|f| f["field"] == "budget.adjusted")
        .expect("budget sum");
    assert_eq!(budget["severity"], "error");
    assert_eq!(
        budget["message"],
        "调整后预算数 1,200.00 万元 ≠ 财政拨款 1,000.00 万元 + 财政专户资金 150.00 万元 + 单位资金 60.00 万元 = 1,210.00 万元"
    );
    let staff = sums
        .iter()
        .find(|f| f["field"] == "overview.staff_total")
        .expect("staff sum");
    assert_eq!(
        staff["message"],
        "实有人数 30 人 ≠ 在职人员 25 人 + 退休人员 6 人 = 31 人"
    );

    // A shortfall may be an unlisted 其他: a warning asking for it to be explained.
    let text = std::fs::read_to_string(&path).unwrap();
    let mut d = doc::parse(&path, &text).unwrap();
    num(&mut d, "budget.fund_unit", "40.00");
    num(&mut d, "overview.retirees", "5");
    std::fs::write(&path, d.to_string()).unwrap();
    let v = json(&jixiao(
        dir.path(),
        &["check", "county-water", "2024", "--json"],
    ));
    let f = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["code"] == "sum-mismatch")
        .expect("shortfall")
        .clone();
    assert_eq!(f["severity"], "warning");
    assert!(
        f["message"].as_str().unwrap().contains("差额 10.00 万元"),
        "{f}"
    );
}

#[test]
fn a_narrative_citing_a_sums_parts_across_a_full_stop_is_checked() {
    let rubric = common::rubric(COUNTY);
    let record = |text: &str| {
        format!(
            "rubric = \"county-2024\"\n[overview]\nname = \"某县水利局\"\nstaff_total = 30\nstaff_active = 25\nretirees = 5\n[budget]\ninitial = 1000\nadjusted = 1200\nspent = 1150\nfund_fiscal = 1000\nfund_special = 150\nfund_unit = 50\ntext = \"{text}\"\n"
        )
    };
    // 其中 after a full stop: the parts belong to the total of the sentence before.
    let (_, findings) = common::evaluate(
        &rubric,
        &record(
            "年初预算数 1,000.00 万元。其中，财政拨款 1,000.00 万元，财政专户资金 150.00 万元，单位资金 50.00 万元。",
        ),
    );
    let f = findings
        .iter()
        .find(|f| f.code == "parts-wrong-total")
        .expect("parts attached to the wrong total");
    assert!(
        f.message.contains("不等于它所接的年初预算数 1,000.00 万元")
            && f.message.contains("而等于调整后预算数 1,200.00 万元"),
        "{}",
        f.message
    );
    // Attached to the right total: nothing to say.
    let (_, findings) = common::evaluate(
        &rubric,
        &record(
            "调整后预算数 1,200.00 万元。其中，财政拨款 1,000.00 万元，财政专户资金 150.00 万元，单位资金 50.00 万元。",
        ),
    );
    assert!(!findings.iter().any(|f| f.code == "parts-wrong-total"));
}

#[test]
fn a_record_may_hold_only_what_its_rubric_declares() {
    let rubric = common::rubric(COUNTY);
    let text = "rubric = \"county-2024\"\n[budget]\nbudget_total = 1000\n";
    let e = jixiao::record::Record::parse_for(Path::new("r.toml"), text, &rubric.catalogue)
        .expect_err("an undeclared figure is refused");
    let m = e.to_string();
    assert!(
        m.contains("字段 `budget.budget_total`") && m.contains("不认识的字段 `budget_total`"),
        "{m}"
    );
    assert!(m.contains("`adjusted`") && m.contains("[[figure]]"), "{m}");
    // Decimals as the rubric allows: 调剂金额 four, a head count none.
    let text = "rubric = \"county-2024\"\n[budget]\ntransfer = 1.2345\n";
    let r = jixiao::record::Record::parse_for(Path::new("r.toml"), text, &rubric.catalogue)
        .expect("four decimals");
    assert_eq!(r.figure("budget.transfer"), Some(Some(common::d("1.2345"))));
    let text = "rubric = \"county-2024\"\n[budget]\ntransfer = 1.23456\n";
    let m = jixiao::record::Record::parse_for(Path::new("r.toml"), text, &rubric.catalogue)
        .expect_err("five decimals")
        .to_string();
    assert!(
        m.contains("字段 `budget.transfer`") && m.contains("超过 4 位小数"),
        "{m}"
    );
    let text = "rubric = \"county-2024\"\n[overview]\nretirees = 5.5\n";
    let m = jixiao::record::Record::parse_for(Path::new("r.toml"), text, &rubric.catalogue)
        .expect_err("a fraction of a person")
        .to_string();
    assert!(
        m.contains("字段 `overview.retirees`") && m.contains("不是整数"),
        "{m}"
    );
}

#[test]
fn a_groups_rate_is_over_its_applicable_weight() {
    // 资金总体 not applicable: 当年预算执行情况 has nothing applicable and no rate; the
    // management group with 资产管理规范性 (4 of 20) not applicable is over 16.
    let text = common::seed_with(
        "[management.inputs.asset-management]\n",
        "[management.inputs.asset-management]\nnot_applicable = \"本年无资产\"\n",
    );
    let (card, _) = common::evaluate(&common::seed_rubric(), &text);
    let g = card.node("management").expect("group");
    // 19.30 − 3.50 = 15.80 of 16 applicable: 98.75%.
    assert_eq!(common::d("15.80"), g.score);
    assert_eq!(g.rate(), Some(common::d("98.75")));
    let leaf = card.node("management/assets/asset-management").unwrap();
    assert_eq!(leaf.rate(), None);
}

#[test]
fn rubric_check_catches_declarations_that_name_nothing() {
    // A sum naming an undeclared figure: the rubric is refused when read, naming the place.
    let bad = COUNTY.replacen(
        "parts = [\"budget.fund_fiscal\", \"budget.fund_special\", \"budget.fund_unit\"]",
        "parts = [\"budget.fund_fiscal\", \"budget.fund_specal\", \"budget.fund_unit\"]",
        1,
    );
    let e = jixiao::rubric::Rubric::parse(Path::new("county-2024.toml"), &bad)
        .expect_err("an undeclared part");
    let m = e.to_string();
    assert!(
        m.contains("sum[1]") && m.contains("`budget.fund_specal`"),
        "{m}"
    );
    // A figure whose id is not SECTION.NAME, or takes a structural key.
    for (from, to) in [
        ("id = \"overview.retirees\"", "id = \"retirees\""),
        ("id = \"overview.retirees\"", "id = \"overview.duties\""),
    ] {
        let e = jixiao::rubric::Rubric::parse(Path::new("c.toml"), &COUNTY.replacen(from, to, 1))
            .expect_err("a bad id");
        assert!(e.to_string().contains("不是“部分.名称”形式"), "{e}");
    }
    // What `rubric check` lists: a template placeholder and an explained rate that name
    // nothing, and a narrative placing an indicator that is not open.
    let text = COUNTY
        .replacen("{budget.spent}", "{budget.spnt}", 1)
        .replacen("value = \"rate:exec\"", "value = \"rate:execution\"", 1)
        .replacen(
            "then = [\"duties\", \"sums\"]",
            "then = [\"duties\", \"sums\", \"indicators:exec\"]",
            1,
        );
    let problems: Vec<String> = common::rubric(&text)
        .validate()
        .iter()
        .map(|p| p.to_string())
        .collect();
    assert_eq!(problems.len(), 3, "{problems:#?}");
    assert!(
        problems
            .iter()
            .any(|p| p.starts_with("narrative[1].template") && p.contains("{budget.spnt}"))
    );
    assert!(
        problems
            .iter()
            .any(|p| p.starts_with("explain[0].value") && p.contains("rate:execution"))
    );
    assert!(
        problems
            .iter()
            .any(|p| p.starts_with("narrative[0].then") && p.contains("`exec`"))
    );
    // The county form itself is sound.
    assert!(common::rubric(COUNTY).validate().is_empty());
}

#[test]
fn the_editor_shows_the_county_forms_fields_with_its_labels() {
    use common::tui::{go_to, key, screen, typed};
    use jixiao::tui::{App, Theme};
    use ratatui::crossterm::event::KeyCode;
    let dir = repo();
    let repo = jixiao::repo::Repo::at(dir.path());
    let dept = jixiao::repo::Dept::parse("county-water").unwrap();
    repo.create_record(&dept, 2024, "某县水利局", "county-2024")
        .expect("new record");
    let mut app = App::edit(repo, Theme { color: false }, dept, 2024).expect("editor");
    app.resize(80, 24);
    let s = screen(&app, 80, 24);
    assert!(s.contains("总分 未完成"), "{s}");
    for label in [
        "（一）部门基本情况",
        "部门基本情况",
        "主要职责",
        "实有人数",
        "退休人员",
    ] {
        assert!(s.contains(label), "{label}\n{s}");
    }
    assert!(!s.contains("离休") && !s.contains("年末实有人数"), "{s}");
    // 退休人员 takes a whole number, as the rubric declares.
    go_to(&mut app, "退休人员");
    key(&mut app, KeyCode::Enter);
    typed(&mut app, "5");
    key(&mut app, KeyCode::Enter);
    assert_eq!(
        app.editor()
            .unwrap()
            .eval
            .record
            .figure("overview.retirees"),
        Some(Some(common::d("5")))
    );
    key(&mut app, KeyCode::Tab);
    let s = screen(&app, 80, 24);
    for label in [
        "调整后预算数",
        "财政专户资金",
        "单位资金",
        "调剂金额",
        "预算执行率",
        "预算调整说明",
    ] {
        assert!(s.contains(label), "{label}\n{s}");
    }
    assert!(
        !s.contains("全年支出预算") && !s.contains("基本支出"),
        "{s}"
    );
}
