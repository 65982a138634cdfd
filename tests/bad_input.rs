//! Bad input gets a clear error naming the file, the field and what is allowed; nothing panics.

mod common;

use common::{d, evaluate, seed_record_text, seed_rubric, seed_with};
use jixiao::error::Error;
use jixiao::num;
use jixiao::record::Record;
use jixiao::rubric::Rubric;
use std::path::Path;

fn record_err(text: &str) -> Error {
    match Record::parse_for(
        Path::new("records/d/2023.toml"),
        text,
        &seed_rubric().catalogue,
    ) {
        Ok(_) => panic!("accepted:\n{text}"),
        Err(e) => e,
    }
}

/// The error for the seed with `from` replaced by `to`: its field and its message.
fn seed_err(from: &str, to: &str) -> (String, String) {
    match record_err(&seed_with(from, to)) {
        e @ Error::Field { .. } => {
            let Error::Field { ref field, .. } = e else {
                unreachable!()
            };
            (field.clone(), e.to_string())
        }
        other => panic!("not a field error: {other}"),
    }
}

#[test]
fn amounts_people_mistype_are_rejected_with_the_field() {
    let base = "budget_total = 576431.54 ";
    for (written, why) in [
        ("\"12,34.5\"", "的逗号不是每三位一组的千位分隔符"),
        ("\"五千\"", "不是数字"),
        ("1e5", "科学计数法"),
        ("1E5", "科学计数法"),
        ("\"1e5\"", "科学计数法"),
        ("-3", "负数"),
        ("-3.5", "负数"),
        ("\"-3\"", "负数"),
        ("576431.545", "超过 2 位小数"),
        ("inf", "不是数字"),
        ("nan", "不是数字"),
        ("1234567890123", "太大"),
        ("\"79228162514264337593543950335\"", "太大"),
        ("true", "应为不小于 0"),
        ("[1]", "应为不小于 0"),
    ] {
        let (field, msg) = seed_err(base, &format!("budget_total = {written} "));
        assert_eq!(field, "budget.budget_total", "{written}");
        assert!(msg.contains(why), "{written}: {msg}");
        // File, line and column of the field.
        assert!(msg.starts_with("records/d/2023.toml:79:"), "{msg}");
        assert!(msg.contains("字段 `budget.budget_total`"), "{msg}");
    }
}

#[test]
fn other_numbers_are_checked_where_they_are() {
    let cases = [
        (
            "staff_total = 5543",
            "staff_total = 5543.5",
            "overview.staff_total",
            "不是整数",
        ),
        (
            "staff_active = 5538",
            "staff_active = -1",
            "overview.staff_active",
            "负数",
        ),
        (
            "carryover = 42671.95 ",
            "carryover = \"4,2671.95\" ",
            "management.carryover",
            "逗号",
        ),
        (
            "weight = 4\nkey_task = true\n\n[[targets.indicators]]\nid = \"2d3c0e1b\"\nparent = \"outputs\"\nname = \"动态治理各类隐患\"",
            "weight = \"四\"\nkey_task = true\n\n[[targets.indicators]]\nid = \"2d3c0e1b\"\nparent = \"outputs\"\nname = \"动态治理各类隐患\"",
            "targets.indicators[1].weight",
            "不是数字",
        ),
        (
            "score = 4.80\nbasis = \"\"\n\n[[targets.indicators]]\nid = \"7e12ab97\"\nparent = \"effects\"\nname = \"交通综合治理取得新成效\"",
            "score = 4.8e0\nbasis = \"\"\n\n[[targets.indicators]]\nid = \"7e12ab97\"\nparent = \"effects\"\nname = \"交通综合治理取得新成效\"",
            "targets.indicators[8].score",
            "科学计数法",
        ),
        (
            "override = { score = 3.50,",
            "override = { score = -3.50,",
            "management.inputs.asset-management.override.score",
            "负数",
        ),
        (
            "override = { score = 3.80,",
            "override = { score = \"三点八\",",
            "management.inputs.performance-management.override.score",
            "不是数字",
        ),
        (
            "problem = 1",
            "problem = -1",
            "recommendations.items[0].problem",
            "负数",
        ),
    ];
    for (from, to, field, why) in cases {
        let (f, msg) = seed_err(from, to);
        assert_eq!(f, field, "{msg}");
        assert!(msg.contains(why), "{msg}");
    }
}

#[test]
fn unknown_fields_are_named() {
    for (from, to, field, known) in [
        (
            "budget_total = 576431.54 ",
            "budget_totl = 576431.54 ",
            "budget.budget_totl",
            "budget_total",
        ),
        (
            "staff_total = 5543",
            "staff_totl = 5543",
            "overview.staff_totl",
            "staff_total",
        ),
        (
            "name = \"第一时间处理群众受困求助等涉汛警情\"",
            "name = \"第一时间处理群众受困求助等涉汛警情\"\nkey_tsk = true",
            "targets.indicators[0].key_tsk",
            "key_task",
        ),
        (
            "reason = \"原报告评分表打分 3.50",
            "reasn = \"原报告评分表打分 3.50",
            "management.inputs.asset-management.override.reasn",
            "reason",
        ),
    ] {
        let (f, msg) = seed_err(from, to);
        assert_eq!(f, field, "{msg}");
        assert!(
            msg.contains("不认识的字段") && msg.contains(&format!("`{known}`")),
            "{msg}"
        );
    }
    // An unknown top-level section.
    let e = record_err(&format!("{}\n[budgett]\nx = 1\n", seed_record_text()));
    assert!(e.to_string().contains("不认识的字段 `budgett`"), "{e}");
}

#[test]
fn a_typo_in_an_inputs_table_names_the_key() {
    // `pas` for `pass`: inputs tables also hold named numbers (input:NAME), so the error
    // must say which key and what the table takes.
    let (f, msg) = seed_err(
        "[management.inputs.finance-system]\npass = [true, true, true]",
        "[management.inputs.finance-system]\npas = [true, true, true]",
    );
    assert_eq!(f, "management.inputs.finance-system.pas", "{msg}");
    assert!(msg.contains("pass"), "{msg}");
    let (f, msg) = seed_err(
        "[management.inputs.finance-system]\npass = [true, true, true]",
        "[management.inputs.finance-system]\npass = [true, true, true]\nmet = \"五\"",
    );
    assert_eq!(f, "management.inputs.finance-system.met", "{msg}");
    assert!(msg.contains("「五」不是数字"), "{msg}");
    let (f, msg) = seed_err(
        "[management.inputs.finance-system]\npass = [true, true, true]",
        "[management.inputs.finance-system]\npass = [true, \"yes\", true]",
    );
    assert!(
        f.starts_with("management.inputs.finance-system.pass"),
        "{f}: {msg}"
    );
    // It says what an answer may be, including "" for an item not assessed yet.
    assert!(
        msg.contains("true（合格）、false（不合格）或 \"\"（未评）"),
        "{msg}"
    );
}

#[test]
fn a_toml_syntax_error_names_file_line_and_column() {
    let text = seed_with("budget_total = 576431.54 ", "budget_total = 576,431.54 ");
    let e = record_err(&text);
    let Error::Syntax { line, column, .. } = &e else {
        panic!("{e}")
    };
    // The comma after `576` is column 19.
    assert_eq!((*line, *column), (79, 19));
    assert!(
        e.to_string()
            .starts_with("records/d/2023.toml:79:19: TOML 语法错误"),
        "{e}"
    );
    // An unclosed string, with Chinese before it: the column counts characters.
    let e = record_err("rubric = \"t\"\n[overview]\nname = \"市交通管理局\nx = 1\n");
    let Error::Syntax { line, .. } = &e else {
        panic!("{e}")
    };
    assert_eq!(*line, 3, "{e}");
    // In a rubric too.
    let e =
        Rubric::parse(Path::new("rubrics/x.toml"), "name = \"x\"\ntotal = = 100\n").unwrap_err();
    assert!(e.to_string().starts_with("rubrics/x.toml:2:"), "{e}");
}

#[test]
fn a_percent_above_what_the_method_allows_is_rejected_with_the_field() {
    let text = seed_with("actual = \"99.00%\"", "actual = \"100.50%\"");
    let (card, findings) = evaluate(&seed_rubric(), &text);
    let f: Vec<_> = findings
        .iter()
        .filter(|f| f.code == "invalid-value")
        .collect();
    assert_eq!(f.len(), 1, "{findings:#?}");
    assert_eq!(f[0].field, "targets.indicators[12].actual");
    assert!(f[0].message.contains("100.50%") || f[0].message.contains("100.5%"));
    assert!(f[0].message.contains("100%"), "{}", f[0].message);
    assert!(jixiao::check::has_errors(&findings));
    // The indicator is not scored from an impossible value.
    assert_eq!(card.node("targets/effects/6").unwrap().computed, None);
}

#[test]
fn an_unknown_rubric_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let repo = jixiao::store::init_repo(dir.path()).unwrap();
    let dept = jixiao::repo::Dept::parse("d").unwrap();
    for name in [
        "nope",
        "../rubrics/beijing-department-2023",
        "beijing department",
    ] {
        let text = seed_with(
            "rubric = \"beijing-department-2023\"",
            &format!("rubric = \"{name}\""),
        );
        let e = repo.evaluate(&dept, 2023, &text).unwrap_err();
        let msg = e.to_string();
        assert!(msg.contains("字段 `rubric`"), "{msg}");
        assert!(msg.contains(&format!("没有指标体系 `{name}`")), "{msg}");
        assert!(msg.contains("可用的有：beijing-department-2023"), "{msg}");
    }
    let e = repo.load_rubric("nope").unwrap_err();
    assert!(matches!(e, Error::UnknownRubric { .. }), "{e}");
}

#[test]
fn departments_and_years_are_validated() {
    use jixiao::repo::{Dept, parse_year};
    for bad in ["../x", "A B", "x/../../y", "", " ", "a b", "x\0"] {
        let e = Dept::parse(bad).unwrap_err();
        assert!(e.to_string().contains("不可用"), "{e}");
    }
    for bad in ["23", "023", "20233", "2O23", "-2023", "+202"] {
        let e = parse_year(bad).unwrap_err();
        assert!(e.to_string().contains("四位数字"), "{e}");
    }
}

#[test]
fn huge_numbers_are_refused_with_the_field() {
    for (from, to, field) in [
        (
            "spent_total = 522383.99 ",
            "spent_total = \"79228162514264337593543950335\" ",
            "budget.spent_total",
        ),
        (
            "override = { score = 3.50,",
            "override = { score = 1000000000000,",
            "management.inputs.asset-management.override.score",
        ),
        (
            "staff_retired = 5",
            "staff_retired = 9223372036854775807",
            "overview.staff_retired",
        ),
    ] {
        let (f, msg) = seed_err(from, to);
        assert_eq!(f, field, "{msg}");
        assert!(msg.contains("太大") && msg.contains("最多 12 位"), "{msg}");
    }
    let base = common::seed_rubric_text();
    let e = Rubric::parse(
        Path::new("r.toml"),
        &base.replacen("weight = 20\nsection", "weight = 1000000000000\nsection", 1),
    )
    .unwrap_err();
    assert!(e.to_string().contains("太大"), "{e}");
}

#[test]
fn extreme_values_that_are_accepted_score_by_the_rule() {
    // The smallest budget and the largest spending a record takes: 10¹⁶% over the target,
    // capped at 20 and then 30% off by the ≥ 500% band.
    let text = seed_with("budget_total = 576431.54 ", "budget_total = 0.01 ").replacen(
        "spent_total = 522383.99 ",
        "spent_total = 999999999999.99 ",
        1,
    );
    let (card, _) = evaluate(&seed_rubric(), &text);
    assert_eq!(card.node("budget/overall").unwrap().score, d("14.00"));
    // A record item whose actual is 10³⁸ times its target: Decimal cannot hold the ratio,
    // which counts as the largest over-target band, not as a crash.
    let text = seed_with("target = \"≥600起\"", "target = \"≥0.0000000001起\"").replacen(
        "actual = \"650起\"",
        "actual = \"7922816251426433759354395033起\"",
        1,
    );
    let (card, _) = evaluate(&seed_rubric(), &text);
    assert_eq!(card.node("targets/outputs/1").unwrap().score, d("2.80"));
    // A reverse indicator with a tiny actual: full marks.
    let text = seed_with(
        "target = \"≥3倍\"",
        "target = \"≤7922816251426433759354395033倍\"",
    )
    .replacen("actual = \"3.7倍\"", "actual = \"0.0000000001倍\"", 1);
    let (card, _) = evaluate(&seed_rubric(), &text);
    assert_eq!(card.node("targets/outputs/2").unwrap().score, d("4.00"));
    // 预决算差异率 of 10¹⁶%, in steps of 0.0000000001 points: everything deducted, floor 0.
    let r = Rubric::parse(
        Path::new("r.toml"),
        &common::seed_rubric_text().replacen("step = 10", "step = 0.0000000001", 1),
    )
    .unwrap();
    let text = seed_with("initial_budget = 525856.03", "initial_budget = 0.01");
    let (card, _) = evaluate(&r, &text);
    assert_eq!(card.node("management/variance").unwrap().score, d("0"));
    assert_eq!(num::fixed2(card.total), "91.97");
}

#[test]
fn rubric_parameters_are_checked_at_parse() {
    let base = common::seed_rubric_text();
    for (from, to, field, why) in [
        (
            "deduct = 0.4\npartial = \"floor\"",
            "deduct = -0.4\npartial = \"floor\"",
            "indicator[",
            "负数",
        ),
        (
            "benchmark = 28.3",
            "benchmark = \"28,3\"",
            "indicator[",
            "不是数据来源",
        ),
        (
            "weight = 20\nsection = \"budget\"",
            "weight = 2e1\nsection = \"budget\"",
            "indicator[0].weight",
            "科学计数法",
        ),
        (
            "kind = \"threshold_excess\"",
            "kind = \"threshold\"",
            "indicator[",
            "`threshold` 不是可用的值",
        ),
        (
            "step = 10",
            "stepp = 10",
            "indicator[",
            "不认识的字段 `stepp`",
        ),
    ] {
        assert_eq!(base.matches(from).count(), 1, "{from}");
        let e =
            Rubric::parse(Path::new("rubrics/r.toml"), &base.replacen(from, to, 1)).unwrap_err();
        let Error::Field { field: f, .. } = &e else {
            panic!("{e}")
        };
        assert!(f.starts_with(field), "{f}: {e}");
        let msg = e.to_string();
        assert!(msg.contains(why), "{msg}");
        assert!(msg.starts_with("rubrics/r.toml:"), "{msg}");
    }
    // A missing parameter names the indicator by its path.
    let e = Rubric::parse(
        Path::new("rubrics/r.toml"),
        &base.replacen("benchmark = 28.3\n", "", 1),
    )
    .unwrap_err();
    let msg = e.to_string();
    assert!(msg.contains("缺少必填的字段 `benchmark`"), "{msg}");
    assert!(msg.contains("management/variance"), "{msg}");
}

#[test]
fn unknown_rubric_fields_are_named() {
    let e = rubric_err("name = \"t\"\ntotal = 100\ngrades = []\n");
    assert!(e.contains("不认识的字段 `grades`；可用的字段："), "{e}");
    let e = rubric_err(
        "name = \"t\"\ntotal = 100\n[[grade]]\nname = \"差\"\nmin = 0\n[[indicator]]\nid = \"g\"\nname = \"g\"\nwieght = 100\nsection = \"budget\"\n",
    );
    assert!(e.contains("字段 `indicator[0].wieght`"), "{e}");
    assert!(e.contains("指标 `g`：不认识的字段 `wieght`"), "{e}");
    assert!(e.starts_with("r.toml:9:"), "{e}");
}

fn rubric_err(text: &str) -> String {
    Rubric::parse(Path::new("r.toml"), text)
        .unwrap_err()
        .to_string()
}

#[test]
fn a_missing_field_is_named_by_its_path() {
    let e = record_err("[overview]\nname = \"x\"\n");
    let Error::Field { field, .. } = &e else {
        panic!("{e}")
    };
    assert_eq!(field, "rubric");
    assert!(
        e.to_string()
            .contains("字段 `rubric`：缺少必填的字段 `rubric`"),
        "{e}"
    );
    let e = record_err("rubric = \"r\"\n[[targets.indicators]]\nname = \"x\"\n");
    assert!(
        e.to_string().starts_with(
            "records/d/2023.toml:2:1: 字段 `targets.indicators[0].parent`：缺少必填的字段 `parent`"
        ),
        "{e}"
    );
    let e = rubric_err("name = \"t\"\n[[grade]]\nname = \"差\"\nmin = 0\n");
    assert!(e.contains("字段 `total`：缺少必填的字段 `total`"), "{e}");
}
