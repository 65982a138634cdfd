//! `Rubric::validate` (`jixiao rubric check`): every problem of a broken rubric, each at its
//! indicator's path.

mod common;

use common::{rubric, seed_rubric_text};
use jixiao::rubric::validate::RubricProblem;

const BROKEN: &str = r#"name = "broken"
total = 100

[[grade]]
name = "优"
min = 90

[[grade]]
name = "良"
min = 90

[[rate]]
id = "exec"
name = "执行率"
numerator = "field:budget.spent_totl"
denominator = "rate:other"

# The 一级指标 add up to 95.
[[indicator]]
id = "budget"
name = "预算执行"
weight = 20
section = "budget"
details = ["nope"]

[[indicator]]
id = "overall"
parent = "budget"
name = "资金总体"
weight = 15

[indicator.method]
kind = "ratio"
actual = "field:budget.spent_total"
target = "rate:missing"
bands = [
  { from = 300, to = 200, deduct = 10 },
  { from = 250, deduct = 120 },
]

[[indicator]]
id = "mgmt"
name = "管理"
weight = 75
section = "management"

[[indicator]]
id = "no-method"
parent = "mgmt"
name = "没有办法"
weight = 10

[[indicator]]
id = "list"
parent = "mgmt"
name = "空清单"
weight = 10

[indicator.method]
kind = "checklist"
deduct = 0
items = []

[[indicator]]
id = "steps"
parent = "mgmt"
name = "每点扣分"
weight = 10

[indicator.method]
kind = "per_point"
value = "input:v"
threshold = 100
direction = "above"
deduct = 0.5
step = 0

[[indicator]]
id = "tiers"
parent = "mgmt"
name = "档次"
weight = 5

[indicator.method]
kind = "tiers"
value = "input:v"
tiers = [{ from = 90, score = 6 }]

[[indicator]]
id = "lin"
parent = "mgmt"
name = "线性"
weight = 10

[indicator.method]
kind = "linear_to_zero"
value = "field:budget.nothing"
k = 0

[[indicator]]
id = "zero"
parent = "mgmt"
name = "零分值"
weight = 0

[indicator.method]
kind = "qualitative"

[[indicator]]
id = "open"
parent = "mgmt"
name = "开放"
weight = 10
open = true

[indicator.method]
kind = "qualitative"

[[indicator]]
id = "group"
parent = "mgmt"
name = "有子指标"
weight = 20

[indicator.method]
kind = "qualitative"

[[indicator]]
id = "child"
parent = "group"
name = "子"
weight = 20

[indicator.method]
kind = "qualitative"
"#;

fn problems() -> Vec<RubricProblem> {
    rubric(BROKEN).validate()
}

fn at(path: &str) -> Vec<String> {
    problems()
        .into_iter()
        .filter(|p| p.path == path)
        .map(|p| p.message)
        .collect()
}

fn has(path: &str, needle: &str) {
    let msgs = at(path);
    assert!(
        msgs.iter().any(|m| m.contains(needle)),
        "{path}: `{needle}` not in {msgs:#?}"
    );
}

#[test]
fn the_seed_rubric_has_no_problems() {
    assert_eq!(rubric(&seed_rubric_text()).validate(), vec![]);
}

#[test]
fn rubric_level_problems() {
    has("rubric", "一级指标的 `weight` 合计 95，不等于 `total` 100");
    has("rubric", "最低等级的 `min` 须为 0");
    has("rubric", "两个等级的 `min` 都是 90");
    has("rate.exec", "`field:budget.spent_totl` 不是记录中的数字");
    has("rate.exec", "不能是 `rate:other`");
}

#[test]
fn weights_of_children_must_add_up_to_the_parent() {
    has(
        "budget",
        "下级指标的 `weight` 合计 15，不等于本指标的 `weight` 20",
    );
    // 10 + 10 + 10 + 5 + 10 + 0 + 10 + 20 = 75: this one adds up.
    assert!(
        !at("mgmt")
            .iter()
            .any(|m| m.contains("下级指标的 `weight` 合计")),
        "{:#?}",
        at("mgmt")
    );
    has("mgmt/zero", "`weight` 为 0：分值须大于 0");
}

#[test]
fn every_method_has_its_parameters() {
    has("budget", "`details` 中的比率 `nope` 未由 [[rate]] 定义");
    has(
        "budget/overall",
        "`rate:missing` 未由指标体系的 [[rate]] 定义",
    );
    has(
        "budget/overall",
        "`bands` 第 1 档的 `to` 不大于 `from`（区间倒置）",
    );
    has(
        "budget/overall",
        "`bands` 第 1 档的 `to` 不等于第 2 档的 `from`",
    );
    has(
        "budget/overall",
        "`bands` 第 2 档的 `deduct` 超过分值的 100%",
    );
    has("mgmt/no-method", "末级指标须有评分方法 [indicator.method]");
    has("mgmt/list", "checklist 的 `items` 为空");
    has("mgmt/list", "checklist 的 `deduct` 为 0：须大于 0");
    has("mgmt/steps", "per_point 的 `step` 为 0：须大于 0");
    has("mgmt/tiers", "`tiers` 第 1 档的 `score` 超过分值");
    has("mgmt/lin", "`field:budget.nothing` 不是记录中的数字");
    has("mgmt/lin", "linear_to_zero 的 `k` 为 0：须大于 0");
    has("mgmt/open", "须用 method `kind = \"target\"`");
    has("mgmt/group", "删去它的 `qualitative` 评分方法");
    // A sound leaf has no problem.
    assert!(at("mgmt/group/child").is_empty());
}

#[test]
fn every_problem_names_an_indicator_path_or_the_rubric() {
    let r = rubric(BROKEN);
    let paths: Vec<&str> = r.nodes.iter().map(|n| n.path.as_str()).collect();
    let problems = r.validate();
    assert!(problems.len() >= 20, "{problems:#?}");
    for p in &problems {
        assert!(
            p.path == "rubric" || p.path.starts_with("rate.") || paths.contains(&p.path.as_str()),
            "{p}"
        );
        // Displayed as `path: message`.
        assert_eq!(p.to_string(), format!("{}: {}", p.path, p.message));
    }
}

#[test]
fn a_rubric_for_another_province_in_toml_alone() {
    // Different weights, different grade bands (中 from 70), tiers and per-point rules: all
    // parameters are in the text, none in code.
    let text = include_str!("data/other-province-2024.toml");
    let r = rubric(text);
    assert_eq!(r.validate(), vec![]);
    let (card, findings) = common::evaluate(
        &r,
        "rubric = \"other-province-2024\"\n[overview]\nname = \"某局\"\n[budget]\nbudget_total = 1000\nspent_total = 920\n[management.inputs.staff]\nrate = 103\n[management.inputs.goals]\nmet = 9\ntotal = 10\n",
    );
    // 92% → 30; 103% → 30 − 1.5 = 28.5; 9/10 → 27: 85.50, 中 in this province.
    assert_eq!(card.node("budget/exec").unwrap().score, common::d("30"));
    assert_eq!(card.node("mgmt/staff").unwrap().score, common::d("28.5"));
    assert_eq!(card.node("mgmt/goals").unwrap().score, common::d("27"));
    assert_eq!(jixiao::num::fixed2(card.total), "85.50");
    assert_eq!(card.grade, "中");
    assert!(
        !findings
            .iter()
            .any(|f| f.code == "rubric-mismatch" || f.code == "unscorable")
    );
}

#[test]
fn structural_errors_stop_the_parse_with_the_indicator() {
    let err = |t: &str| {
        jixiao::rubric::Rubric::parse(std::path::Path::new("rubrics/r.toml"), t)
            .unwrap_err()
            .to_string()
    };
    let head = "name = \"r\"\ntotal = 100\n[[grade]]\nname = \"差\"\nmin = 0\n";
    let e = err(&format!(
        "{head}[[indicator]]\nid = \"a\"\nname = \"a\"\nweight = 100\nsection = \"budget\"\n[[indicator]]\nid = \"a\"\nparent = \"a\"\nname = \"b\"\nweight = 100\n"
    ));
    assert!(
        e.contains("indicator[1].id") && e.contains("用了两次"),
        "{e}"
    );
    let e = err(&format!(
        "{head}[[indicator]]\nid = \"a\"\nname = \"a\"\nweight = 100\nsection = \"budget\"\n[[indicator]]\nid = \"b\"\nparent = \"zz\"\nname = \"b\"\nweight = 100\n"
    ));
    assert!(
        e.contains("indicator[1].parent") && e.contains("`zz`"),
        "{e}"
    );
    let e = err(&format!(
        "{head}[[indicator]]\nid = \"a\"\nname = \"a\"\nweight = 100\n"
    ));
    assert!(e.contains("须有 `section`"), "{e}");
    let e = err(&format!(
        "{head}[[indicator]]\nid = \"a b\"\nname = \"a\"\nweight = 100\nsection = \"budget\"\n"
    ));
    assert!(e.contains("不是合规的标识"), "{e}");
    // A method without a parameter: the indicator's path, the line of its method table.
    let e = err(&format!(
        "{head}[[indicator]]\nid = \"a\"\nname = \"a\"\nweight = 100\nsection = \"budget\"\n[[indicator]]\nid = \"b\"\nparent = \"a\"\nname = \"b\"\nweight = 100\n[indicator.method]\nkind = \"year_on_year\"\nvalue = \"input:v\"\ndeduct = 1\n"
    ));
    assert!(e.contains("指标 `a/b`：缺少必填的字段 `previous`"), "{e}");
    assert!(e.starts_with("rubrics/r.toml:16:"), "{e}");
}

#[test]
fn target_methods_and_sections_that_scoring_cannot_use() {
    let r = rubric(
        r#"name = "t"
total = 30

[[grade]]
name = "差"
min = 0

[[indicator]]
id = "o"
name = "结论"
weight = 5
section = "conclusion"

[[indicator]]
id = "o1"
parent = "o"
name = "概况一"
weight = 5

[indicator.method]
kind = "qualitative"

[[indicator]]
id = "m"
name = "管理"
weight = 15
section = "management"

[[indicator]]
id = "leaf"
parent = "m"
name = "叶"
weight = 5

[indicator.method]
kind = "target"

[[indicator]]
id = "open-here"
parent = "m"
name = "开放"
weight = 10
open = true

[indicator.method]
kind = "target"

[[indicator]]
id = "t"
name = "目标"
weight = 10
section = "targets"

[[indicator]]
id = "outputs"
parent = "t"
name = "产出"
weight = 10
open = true

[indicator.method]
kind = "target"
late_score = 150
"#,
    );
    let problems = r.validate();
    let has = |path: &str, needle: &str| {
        assert!(
            problems
                .iter()
                .any(|p| p.path == path && p.message.contains(needle)),
            "{path}: `{needle}` not in {problems:#?}"
        )
    };
    // The conclusion lists no indicators; any section from 部门概况 to 预算管理情况 may.
    has("o", "`section` 为 `conclusion`");
    has("m/leaf", "open");
    has("t/outputs", "late_score");
    // An open group may sit in any section that holds indicators (过程 under 预算管理情况).
    assert!(
        !problems.iter().any(|p| p.path == "m/open-here"),
        "{problems:#?}"
    );
    // Scoring agrees that these cannot be used.
    let (_, findings) = common::evaluate(&r, "rubric = \"t\"\n");
    assert!(
        findings
            .iter()
            .any(|f| f.code == "rubric-mismatch" && f.message.contains("open = true"))
    );
}

#[test]
fn input_names_an_inputs_table_reserves_are_refused() {
    // `score`, `pass` … are fields of every inputs table, so `input:score` could never be
    // filled in.
    for name in [
        "score",
        "pass",
        "basis",
        "notes",
        "override",
        "not_applicable",
    ] {
        let r = rubric(&format!(
            "name = \"t\"\ntotal = 5\n[[grade]]\nname = \"差\"\nmin = 0\n[[indicator]]\nid = \"g\"\nname = \"g\"\nweight = 5\nsection = \"management\"\n[[indicator]]\nid = \"x\"\nparent = \"g\"\nname = \"x\"\nweight = 5\n[indicator.method]\nkind = \"linear_to_zero\"\nvalue = \"input:{name}\"\nk = 0.1\n"
        ));
        let problems = r.validate();
        assert!(
            problems
                .iter()
                .any(|p| p.path == "g/x" && p.message.contains(&format!("`input:{name}`"))),
            "{name}: {problems:#?}"
        );
    }
    // Any other name is fine, and is what the record fills in.
    let r = rubric(
        "name = \"t\"\ntotal = 5\n[[grade]]\nname = \"差\"\nmin = 0\n[[indicator]]\nid = \"g\"\nname = \"g\"\nweight = 5\nsection = \"management\"\n[[indicator]]\nid = \"x\"\nparent = \"g\"\nname = \"x\"\nweight = 5\n[indicator.method]\nkind = \"linear_to_zero\"\nvalue = \"input:adjust_rate\"\nk = 0.1\n",
    );
    assert_eq!(r.validate(), vec![]);
    let (card, _) = common::evaluate(
        &r,
        "rubric = \"t\"\n[management.inputs.x]\nadjust_rate = 2.5\n",
    );
    assert_eq!(card.total, common::d("3.75"));
}

#[test]
fn a_new_record_asks_for_every_input_of_every_method() {
    let r = rubric(
        r#"name = "all"
total = 100

[[grade]]
name = "差"
min = 0

[[indicator]]
id = "m"
name = "管理"
weight = 100
section = "management"

[[indicator]]
id = "q"
parent = "m"
name = "定性"
weight = 10
[indicator.method]
kind = "qualitative"

[[indicator]]
id = "c"
parent = "m"
name = "清单"
weight = 10
[indicator.method]
kind = "checklist"
deduct = 1
items = ["甲", "乙"]

[[indicator]]
id = "r"
parent = "m"
name = "比率"
weight = 10
[indicator.method]
kind = "ratio"
actual = "input:done"
target = "input:planned"

[[indicator]]
id = "i"
parent = "m"
name = "反向"
weight = 10
[indicator.method]
kind = "inverse_ratio"
actual = "input:cost"
target = 90

[[indicator]]
id = "p"
parent = "m"
name = "每点"
weight = 10
[indicator.method]
kind = "per_point"
value = "input:staff_rate"
threshold = 100
direction = "above"
deduct = 0.5

[[indicator]]
id = "y"
parent = "m"
name = "同比"
weight = 10
[indicator.method]
kind = "year_on_year"
value = "input:now"
previous = "input:before"
deduct = 0.4

[[indicator]]
id = "t"
parent = "m"
name = "超基准"
weight = 10
[indicator.method]
kind = "threshold_excess"
value = "input:gap"
benchmark = 28.3
step = 10
deduct = 0.4

[[indicator]]
id = "ti"
parent = "m"
name = "档次"
weight = 10
[indicator.method]
kind = "tiers"
value = "input:share"
tiers = [{ from = 90, score = 10 }, { to = 90, score = 0 }]

[[indicator]]
id = "l"
parent = "m"
name = "线性"
weight = 10
[indicator.method]
kind = "linear_to_zero"
value = "input:adjust"
k = 0.1
limit = 5

[[indicator]]
id = "n"
parent = "m"
name = "计数"
weight = 10
[indicator.method]
kind = "count_ratio"
met = "input:met"
total = "input:all"
"#,
    );
    assert_eq!(r.validate(), vec![]);
    let text = jixiao::record::template::new_record(&r, "某局", 2024);
    let (card, findings) = common::evaluate(&r, &text);
    assert_eq!(card.total, common::d("0"));
    for field in [
        "management.inputs.q.score",
        "management.inputs.c.pass",
        "management.inputs.r.done",
        "management.inputs.r.planned",
        "management.inputs.i.cost",
        "management.inputs.p.staff_rate",
        "management.inputs.y.now",
        "management.inputs.y.before",
        "management.inputs.t.gap",
        "management.inputs.ti.share",
        "management.inputs.l.adjust",
        "management.inputs.n.met",
        "management.inputs.n.all",
    ] {
        assert!(
            findings
                .iter()
                .any(|f| f.code == "missing-input" && f.field == field),
            "{field} not asked for:\n{text}"
        );
    }
    // Filling in the template's blanks scores every method.
    let filled = text
        .replacen("score = \"\"", "score = 9", 1)
        .replacen("basis = \"\"", "basis = \"依据\"", 1)
        .replacen("pass = []", "pass = [true, false]", 1)
        .replacen("done = \"\"", "done = 8", 1)
        .replacen("planned = \"\"", "planned = 10", 1)
        .replacen("cost = \"\"", "cost = 100", 1)
        .replacen("staff_rate = \"\"", "staff_rate = 102", 1)
        .replacen("now = \"\"", "now = 12", 1)
        .replacen("before = \"\"", "before = 11", 1)
        .replacen("gap = \"\"", "gap = 38.3", 1)
        .replacen("share = \"\"", "share = 95", 1)
        .replacen("adjust = \"\"", "adjust = 2", 1)
        .replacen("met = \"\"", "met = 3", 1)
        .replacen("all = \"\"", "all = 4", 1);
    let (card, findings) = common::evaluate(&r, &filled);
    let scores: Vec<String> = card
        .leaves()
        .map(|n| jixiao::num::fixed2(n.score))
        .collect();
    assert_eq!(
        scores,
        vec![
            "9.00", "9.00", "8.00", "9.00", "9.00", "9.60", "9.60", "10.00", "8.00", "7.50"
        ]
    );
    assert_eq!(jixiao::num::fixed2(card.total), "88.70");
    assert!(
        !findings
            .iter()
            .any(|f| f.field.starts_with("management.inputs")),
        "{findings:#?}"
    );
}

#[test]
fn columns_and_table_2_declared_wrong_are_caught_and_old_bundled_copies_borrow_table_2() {
    let err = |t: &str| {
        jixiao::rubric::Rubric::parse(std::path::Path::new("rubrics/r.toml"), t)
            .unwrap_err()
            .to_string()
    };
    let seed = common::seed_rubric_text();
    // 表 2's rows without its caption and heads, and 资金总体 without its 附件 heads, as the
    // bundled rubric was committed before they were declared: it borrows today's.
    let start = seed.find("[execution_table]").expect("table");
    let end = start + seed[start..].find("[[execution_row]]").expect("rows");
    let old = format!("{}{}", &seed[..start], &seed[end..]).replacen(
        "heads = [\"预算数\", \"执行数\", \"预算执行率\"]\n",
        "",
        1,
    );
    let today = common::seed_rubric();
    let r = common::rubric(&old);
    assert!(r.validate().is_empty(), "{:#?}", r.validate());
    assert_eq!(r.catalogue.execution_table, today.catalogue.execution_table);
    assert_eq!(
        r.node("overall").map(|n| n.def.heads.clone()),
        Some(vec![
            "预算数".to_string(),
            "执行数".into(),
            "预算执行率".into()
        ])
    );
    // Under another name nothing is borrowed: `rubric check` asks for the table.
    let copy =
        common::rubric(&old.replacen("name = \"beijing-department-2023\"", "name = \"copy\"", 1));
    assert!(
        copy.validate().iter().any(|p| p.path == "execution_table"
            && p.message
                .contains("声明了 [[execution_row]] 却没有 [execution_table]")),
        "{:#?}",
        copy.validate()
    );
    assert!(copy.node("overall").is_some_and(|n| n.def.heads.is_empty()));
    // A column's decimals where it holds no number; the same id twice.
    let column = |extra: &str| {
        format!(
            "{seed}\n[[column]]\nid = \"core\"\nlabel = \"是否核心指标\"\nkind = \"flag\"\n{extra}"
        )
    };
    let e = err(&column("decimals = 2\n"));
    assert!(
        e.contains("column[0].decimals") && e.contains("只用于 `kind = \"number\"` 的列"),
        "{e}"
    );
    let e = err(&column(
        "\n[[column]]\nid = \"core\"\nlabel = \"核心\"\nkind = \"flag\"\n",
    ));
    assert!(
        e.contains("column[1].id") && e.contains("声明了两次"),
        "{e}"
    );
    // A kind the format does not have.
    let e = err(&column("").replace("kind = \"flag\"", "kind = \"yesno\""));
    assert!(e.contains("yesno"), "{e}");
    // Declared right, the seed's rubric takes a column for its open groups.
    let r = common::rubric(&column(""));
    assert!(r.validate().is_empty(), "{:#?}", r.validate());
    assert_eq!(
        r.catalogue
            .columns_of("outputs")
            .map(|c| c.label.as_str())
            .collect::<Vec<_>>(),
        ["是否核心指标"]
    );
}
