//! Every scoring method through the public path a user takes: a rubric written in TOML, a
//! record written in TOML, `score::score` and `check::check`. Edge cases at every boundary.

mod common;

use common::{d, evaluate, rubric};
use jixiao::finding::{Finding, Severity};
use jixiao::num;
use jixiao::rubric::Rubric;
use jixiao::score::{NodeScore, Scorecard};

const GRADES: &str = r#"
[[grade]]
name = "优"
min = 90

[[grade]]
name = "良"
min = 80

[[grade]]
name = "中"
min = 60

[[grade]]
name = "差"
min = 0

[[rate]]
id = "exec"
name = "部门预算执行率"
numerator = "field:budget.spent_total"
denominator = "field:budget.budget_total"

[[figure]]
id = "budget.budget_total"
label = "全年支出预算"

[[figure]]
id = "budget.spent_total"
label = "本年支出合计"

[[figure]]
id = "management.carryover"
label = "结转结余资金总额"

[[figure]]
id = "management.carryover_prev"
label = "上年结转结余资金总额"
previous_of = "management.carryover"

[[figure]]
id = "management.budget_total_prev"
label = "上年全年支出预算"
previous_of = "budget.budget_total"
"#;

/// A rubric with one group `g` (section management) holding one leaf `x` of `weight`.
fn leaf_rubric(weight: &str, method: &str) -> Rubric {
    rubric(&format!(
        r#"name = "t"
total = {weight}
{GRADES}
[[indicator]]
id = "g"
name = "组"
weight = {weight}
section = "management"

[[indicator]]
id = "x"
parent = "g"
name = "指标"
weight = {weight}

[indicator.method]
{method}
"#
    ))
}

/// Scores leaf `x` of `leaf_rubric(weight, method)` with `record` (after `rubric = "t"`).
fn leaf(weight: &str, method: &str, record: &str) -> (NodeScore, Vec<Finding>) {
    let r = leaf_rubric(weight, method);
    let (card, findings) = evaluate(&r, &format!("rubric = \"t\"\n{record}"));
    (card.node("g/x").unwrap().clone(), findings)
}

fn score_of(weight: &str, method: &str, record: &str) -> String {
    num::fixed2(leaf(weight, method, record).0.score)
}

/// Findings of the scorer itself (not the check's missing-figure list).
fn scoring(findings: &[Finding], code: &str) -> Vec<Finding> {
    findings
        .iter()
        .filter(|f| f.code == code)
        .cloned()
        .collect()
}

fn inputs(body: &str) -> String {
    format!("[management.inputs.x]\n{body}\n")
}

// ---------------------------------------------------------------- ratio

const RATIO_FIELDS: &str = r#"kind = "ratio"
actual = "field:budget.spent_total"
target = "field:budget.budget_total"
"#;

const BANDS: &str = r#"bands = [
  { from = 200, to = 300, deduct = 10 },
  { from = 300, to = 500, deduct = 20 },
  { from = 500, deduct = 30 },
]"#;

fn budget(total: &str, spent: &str) -> String {
    format!("[budget]\nbudget_total = {total}\nspent_total = {spent}\n")
}

#[test]
fn ratio_of_named_fields() {
    let (n, findings) = leaf("20", RATIO_FIELDS, &budget("576431.54", "522383.99"));
    assert_eq!(n.computed, Some(d("18.12")));
    assert_eq!(n.score, d("18.12"));
    assert_eq!(n.method, "ratio");
    assert_eq!(n.detail, "522,383.99 / 576,431.54 = 90.62%");
    assert!(scoring(&findings, "unscorable").is_empty());
}

#[test]
fn ratio_is_capped_at_the_weight() {
    assert_eq!(score_of("20", RATIO_FIELDS, &budget("100", "150")), "20.00");
    assert_eq!(score_of("20", RATIO_FIELDS, &budget("100", "100")), "20.00");
    assert_eq!(
        score_of("20", RATIO_FIELDS, &budget("100", "99.99")),
        "20.00"
    );
    assert_eq!(
        score_of("20", RATIO_FIELDS, &budget("100", "99.9")),
        "19.98"
    );
    assert_eq!(score_of("20", RATIO_FIELDS, &budget("100", "0")), "0.00");
}

#[test]
fn ratio_over_target_band_edges() {
    let m = format!("{RATIO_FIELDS}{BANDS}");
    // (actual − target) / target: 199.99% nothing, 200% −10%, 300% −20%, 500% −30% (含).
    for (spent, want) in [
        ("299.99", "20.00"),
        ("300", "18.00"),
        ("399.99", "18.00"),
        ("400", "16.00"),
        ("599.99", "16.00"),
        ("600", "14.00"),
        ("100000", "14.00"),
    ] {
        assert_eq!(
            score_of("20", &m, &budget("100", spent)),
            want,
            "spent {spent}"
        );
    }
}

#[test]
fn ratio_floor_at_zero() {
    // A band deducting more than the weight leaves 0, never a negative score.
    let m = format!("{RATIO_FIELDS}bands = [{{ from = 200, deduct = 150 }}]");
    let (n, _) = leaf("20", &m, &budget("100", "300"));
    assert_eq!(n.score, d("0"));
}

#[test]
fn ratio_with_zero_budget_is_a_clear_error() {
    let (n, findings) = leaf("20", RATIO_FIELDS, &budget("0", "100"));
    assert_eq!(n.computed, None);
    assert_eq!(n.score, d("0"));
    let f = scoring(&findings, "unscorable");
    assert_eq!(f.len(), 1, "{findings:#?}");
    assert_eq!(f[0].severity, Severity::Error);
    assert!(
        f[0].message.contains("全年支出预算为 0"),
        "{}",
        f[0].message
    );
}

#[test]
fn ratio_of_a_rate_with_zero_denominator_is_a_clear_error() {
    let m = "kind = \"ratio\"\nactual = \"rate:exec\"\ntarget = 100";
    let (n, findings) = leaf("20", m, &budget("0", "100"));
    assert_eq!(n.computed, None);
    let f = scoring(&findings, "unscorable");
    assert_eq!(f.len(), 1, "{findings:#?}");
    assert!(f[0].message.contains("部门预算执行率"), "{}", f[0].message);
    assert!(
        f[0].message.contains("分母全年支出预算为 0"),
        "{}",
        f[0].message
    );
    assert_eq!(f[0].field, "budget.budget_total");
    // With a budget the rate is 90.62% of a target of 100%: 18.12.
    let (n, _) = leaf("20", m, &budget("576431.54", "522383.99"));
    assert_eq!(n.score, d("18.12"));
}

#[test]
fn ratio_missing_figure_names_the_field() {
    let (n, findings) = leaf(
        "20",
        RATIO_FIELDS,
        "[budget]\nbudget_total = 100\nspent_total = \"\"\n",
    );
    assert_eq!(n.computed, None);
    let f: Vec<_> = findings
        .iter()
        .filter(|f| f.code == "missing-input" && f.field == "budget.spent_total")
        .collect();
    assert!(!f.is_empty(), "{findings:#?}");
    assert!(f.iter().any(|f| f.message.contains("本年支出合计")));
    assert!(
        findings
            .iter()
            .all(|f| f.severity == Severity::Error || f.code == "missing-text")
    );
}

// ---------------------------------------------------------------- inverse ratio

#[test]
fn inverse_ratio_rewards_lower_values() {
    let m = "kind = \"inverse_ratio\"\nactual = \"input:cost\"\ntarget = 90";
    assert_eq!(score_of("5", m, &inputs("cost = 100")), "4.50");
    assert_eq!(score_of("5", m, &inputs("cost = 90")), "5.00");
    assert_eq!(score_of("5", m, &inputs("cost = 80")), "5.00");
    assert_eq!(score_of("5", m, &inputs("cost = 0")), "5.00");
    assert_eq!(score_of("5", m, &inputs("cost = 900")), "0.50");
    let (n, findings) = leaf("5", m, &inputs("cost = \"\""));
    assert_eq!(n.computed, None);
    let f = scoring(&findings, "missing-input");
    assert!(
        f.iter().any(|f| f.field == "management.inputs.x.cost"),
        "{findings:#?}"
    );
}

// ---------------------------------------------------------------- target kinds (open nodes)

fn open_rubric(method_extra: &str) -> Rubric {
    rubric(&format!(
        r#"name = "t"
total = 10
{GRADES}
[[indicator]]
id = "g"
name = "整体绩效目标实现情况"
weight = 10
section = "targets"

[[indicator]]
id = "outputs"
parent = "g"
name = "产出"
weight = 10
open = true

[indicator.method]
kind = "target"
{method_extra}
"#
    ))
}

/// One record item of weight 10 under `outputs`.
fn item(extra: &str, target: &str, actual: &str, more: &str) -> (NodeScore, Vec<Finding>) {
    let r = open_rubric(extra);
    let rec = format!(
        "rubric = \"t\"\n[[targets.indicators]]\nparent = \"outputs\"\nname = \"指标\"\ntarget = \"{target}\"\nactual = \"{actual}\"\nweight = 10\n{more}"
    );
    let (card, findings) = evaluate(&r, &rec);
    (card.node("g/outputs/1").unwrap().clone(), findings)
}

fn item_score(extra: &str, target: &str, actual: &str) -> String {
    num::fixed2(item(extra, target, actual, "").0.score)
}

#[test]
fn target_at_least_is_a_ratio_with_bands() {
    assert_eq!(item_score(BANDS, "≥600起", "650起"), "10.00");
    assert_eq!(item_score(BANDS, "≥600起", "300起"), "5.00");
    assert_eq!(item_score(BANDS, ">=600起", "450"), "7.50");
    // 199.99% over the target: no deduction; 200%: 10% of the weight.
    assert_eq!(item_score(BANDS, "≥100起", "299.99起"), "10.00");
    assert_eq!(item_score(BANDS, "≥100起", "300起"), "9.00");
    assert_eq!(item_score(BANDS, "≥100起", "400起"), "8.00");
    assert_eq!(item_score(BANDS, "≥100起", "600起"), "7.00");
    // Without bands in the rubric, no deduction at all.
    assert_eq!(item_score("", "≥100起", "600起"), "10.00");
    // A target of 0 is met by anything.
    assert_eq!(item_score(BANDS, "≥0起", "0起"), "10.00");
}

#[test]
fn target_at_most_is_a_reverse_indicator() {
    assert_eq!(item_score("", "≤90万元", "100万元"), "9.00");
    assert_eq!(item_score("", "≤90万元", "80万元"), "10.00");
    assert_eq!(item_score("", "<=90万元", "180万元"), "5.00");
    assert_eq!(item_score("", "≤90万元", "0万元"), "10.00");
    // Bands are for targets set too low, not for reverse indicators.
    assert_eq!(item_score(BANDS, "≤100万元", "10万元"), "10.00");
}

#[test]
fn target_equal() {
    assert_eq!(item_score("", "2.8万处", "2.8万处"), "10.00");
    assert_eq!(item_score("", "=2.8万处", "1.4万处"), "5.00");
    assert_eq!(item_score("", "100%", "99.00%"), "9.90");
}

#[test]
fn target_deadline_met_and_missed() {
    assert_eq!(item_score("", "2023年12月底", "2023年12月底"), "10.00");
    assert_eq!(item_score("", "2023年12月底", "2023年11月30日"), "10.00");
    assert_eq!(item_score("", "2023年12月底", "2023年12月31日"), "10.00");
    assert_eq!(item_score("", "2023-06-30", "2023-06-30"), "10.00");
    // Missed: 0 unless the rubric gives a late score.
    let (n, findings) = item("", "2023年12月底", "2024年1月15日", "");
    assert_eq!(n.score, d("0"));
    assert_eq!(n.computed, Some(d("0")));
    assert_eq!(n.detail, "未按时完成");
    assert!(!jixiao::check::has_errors(
        &findings
            .iter()
            .filter(|f| f.code != "missing-input" && f.code != "missing-text")
            .cloned()
            .collect::<Vec<_>>()
    ));
    assert_eq!(item_score("", "2023-06-30", "2023-07-01"), "0.00");
    assert_eq!(
        item_score("late_score = 50", "2023年12月底", "2024年1月"),
        "5.00"
    );
    assert_eq!(
        item_score("late_score = 50", "2023年12月底", "2023年12月底"),
        "10.00"
    );
    // An actual that is not a date.
    let (n, findings) = item("", "2023年12月底", "已完成", "");
    assert_eq!(n.computed, None);
    let f = scoring(&findings, "invalid-value");
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].field, "targets.indicators[0].actual");
    assert!(f[0].message.contains("已完成"));
}

#[test]
fn target_qualitative_level_needs_a_score_and_a_basis() {
    // Scored by the evaluator.
    let (n, findings) = item("", "有效提升", "有效提升", "score = 4.5\nbasis = \"依据\"");
    assert_eq!(n.score, d("4.50"));
    assert!(scoring(&findings, "qualitative-without-basis").is_empty());
    // No score: an error naming the field.
    let (n, findings) = item("", "有效提升", "有效提升", "");
    assert_eq!(n.computed, None);
    assert_eq!(n.score, d("0"));
    let f = scoring(&findings, "missing-input");
    assert!(
        f.iter()
            .any(|f| f.field == "targets.indicators[0].score" && f.message.contains("评分依据")),
        "{findings:#?}"
    );
    // Below the weight without a basis: a warning quoting the score.
    let (_, findings) = item("", "有效提升", "有效提升", "score = 8.5");
    let f = scoring(&findings, "qualitative-without-basis");
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].severity, Severity::Warning);
    assert!(f[0].message.contains("8.50 / 10"), "{}", f[0].message);
    assert!(f[0].message.contains("扣 1.50 分"), "{}", f[0].message);
    assert_eq!(f[0].field, "targets.indicators[0].basis");
    // Full marks need no basis.
    let (_, findings) = item("", "有效提升", "有效提升", "score = 10");
    assert!(scoring(&findings, "qualitative-without-basis").is_empty());
    // Above the weight: an error.
    let (n, findings) = item("", "有效提升", "有效提升", "score = 10.5\nbasis = \"x\"");
    assert_eq!(n.computed, None);
    let f = scoring(&findings, "score-above-weight");
    assert_eq!(f.len(), 1);
    assert!(f[0].message.contains("10.50") && f[0].message.contains("分值 10"));
}

#[test]
fn target_percent_above_the_methods_maximum_is_rejected() {
    let (n, findings) = item("percent_max = 100", "100%", "100.5%", "");
    assert_eq!(n.computed, None);
    let f = scoring(&findings, "invalid-value");
    assert_eq!(f.len(), 1, "{findings:#?}");
    assert_eq!(f[0].severity, Severity::Error);
    assert_eq!(f[0].field, "targets.indicators[0].actual");
    assert!(f[0].message.contains("100.5%") && f[0].message.contains("100%"));
    let (_, findings) = item("percent_max = 100", "≥120%", "100%", "");
    let f = scoring(&findings, "invalid-value");
    assert_eq!(f[0].field, "targets.indicators[0].target");
    // Without a maximum, 120% of a 100% target is just capped.
    assert_eq!(item_score("", "100%", "120%"), "10.00");
}

#[test]
fn target_unit_and_quantity_mismatches() {
    let (_, findings) = item("", "≥600起", "650项", "");
    let f = scoring(&findings, "invalid-value");
    assert!(f[0].message.contains("项") && f[0].message.contains("起"));
    let (_, findings) = item("", "≥600起", "五千", "");
    let f = scoring(&findings, "invalid-value");
    assert!(f[0].message.contains("五千"), "{}", f[0].message);
    let (_, findings) = item("", "", "650起", "");
    assert!(
        scoring(&findings, "missing-input")
            .iter()
            .any(|f| f.field == "targets.indicators[0].target")
    );
}

#[test]
fn record_items_must_add_up_to_the_open_nodes_weight() {
    let r = open_rubric("");
    let rec = "rubric = \"t\"\n[[targets.indicators]]\nparent = \"outputs\"\nname = \"a\"\ntarget = \"≥1起\"\nactual = \"1起\"\nweight = 4\n";
    let (card, findings) = evaluate(&r, rec);
    assert_eq!(card.total, d("4"));
    let f = scoring(&findings, "rubric-mismatch");
    assert_eq!(f.len(), 1);
    assert!(f[0].message.contains("合计 4") && f[0].message.contains("分值 10"));
    // An item under a parent the rubric does not have.
    let rec = "rubric = \"t\"\n[[targets.indicators]]\nparent = \"nope\"\nname = \"a\"\ntarget = \"≥1起\"\nactual = \"1起\"\nweight = 10\n";
    let (_, findings) = evaluate(&r, rec);
    assert!(
        scoring(&findings, "rubric-mismatch")
            .iter()
            .any(|f| f.field == "targets.indicators[0].parent" && f.message.contains("nope"))
    );
}

// ---------------------------------------------------------------- qualitative

#[test]
fn qualitative_method() {
    let m = "kind = \"qualitative\"";
    let (n, findings) = leaf("5", m, &inputs("score = 4.8\nbasis = \"个别事项未完成\""));
    assert_eq!(n.score, d("4.80"));
    assert_eq!(n.basis, "个别事项未完成");
    assert!(scoring(&findings, "qualitative-without-basis").is_empty());
    let (n, findings) = leaf("5", m, &inputs("score = 4.8"));
    assert_eq!(n.score, d("4.80"));
    let f = scoring(&findings, "qualitative-without-basis");
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].field, "management.inputs.x.basis");
    let (n, findings) = leaf("5", m, "");
    assert_eq!(n.computed, None);
    assert!(
        scoring(&findings, "missing-input")
            .iter()
            .any(|f| f.field == "management.inputs.x.score")
    );
    let (_, findings) = leaf("5", m, &inputs("score = 6\nbasis = \"x\""));
    assert_eq!(scoring(&findings, "score-above-weight").len(), 1);
}

// ---------------------------------------------------------------- checklist

const CHECKLIST: &str = "kind = \"checklist\"\ndeduct = 0.5\nitems = [\"a\", \"b\", \"c\"]";

#[test]
fn checklist_deducts_per_failing_item_with_floor_zero() {
    assert_eq!(
        score_of("1", CHECKLIST, &inputs("pass = [true, true, true]")),
        "1.00"
    );
    assert_eq!(
        score_of("1", CHECKLIST, &inputs("pass = [true, false, true]")),
        "0.50"
    );
    assert_eq!(
        score_of("1", CHECKLIST, &inputs("pass = [false, false, true]")),
        "0.00"
    );
    // Three failing items would deduct 1.5 of 1: the floor is 0.
    let (n, _) = leaf("1", CHECKLIST, &inputs("pass = [false, false, false]"));
    assert_eq!(n.score, d("0"));
    assert_eq!(n.detail, "3 项中 3 项不合格，每项扣 0.5");
    let m =
        "kind = \"checklist\"\ndeduct = 0.8\nitems = [\"1\", \"2\", \"3\", \"4\", \"5\", \"6\"]";
    assert_eq!(
        score_of(
            "4",
            m,
            &inputs("pass = [true, false, true, true, true, false]")
        ),
        "2.40"
    );
}

#[test]
fn checklist_answers_must_match_the_items() {
    let (n, findings) = leaf("1", CHECKLIST, &inputs("pass = [true, true]"));
    assert_eq!(n.computed, None);
    let f = scoring(&findings, "missing-input");
    assert!(
        f.iter().any(|f| f.field == "management.inputs.x.pass"
            && f.message.contains("3 项")
            && f.message.contains("2 项")),
        "{findings:#?}"
    );
    let (_, findings) = leaf("1", CHECKLIST, "");
    assert!(
        scoring(&findings, "missing-input")
            .iter()
            .any(|f| f.message.contains("已评 0 项"))
    );
}

#[test]
fn override_keeps_both_scores_and_needs_a_reason() {
    let (n, findings) = leaf(
        "4",
        "kind = \"checklist\"\ndeduct = 0.8\nitems = [\"1\", \"2\"]",
        &inputs("pass = [true, true]\noverride = { score = 3.5, reason = \"专家评审调整\" }"),
    );
    assert_eq!(n.computed, Some(d("4.00")));
    assert_eq!(n.score, d("3.5"));
    let ov = n.override_.unwrap();
    assert_eq!((ov.score, ov.reason.as_str()), (d("3.5"), "专家评审调整"));
    let f = scoring(&findings, "unreachable-score");
    assert_eq!(f.len(), 1);
    assert!(
        f[0].message.contains("4.00、3.20、2.40"),
        "{}",
        f[0].message
    );
    // A reachable override is not "unreachable".
    let (_, findings) = leaf(
        "4",
        "kind = \"checklist\"\ndeduct = 0.8\nitems = [\"1\", \"2\"]",
        &inputs("pass = [true, true]\noverride = { score = 3.2, reason = \"专家\" }"),
    );
    assert!(scoring(&findings, "unreachable-score").is_empty());
    // Without a reason: an error.
    let (_, findings) = leaf(
        "1",
        CHECKLIST,
        &inputs("pass = [true, true, true]\noverride = { score = 0.5 }"),
    );
    let f = scoring(&findings, "override-without-reason");
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].severity, Severity::Error);
    assert!(f[0].message.contains("0.50"));
    assert_eq!(f[0].field, "management.inputs.x.override.reason");
    // An override without a score: an error, and the computed score counts.
    let (n, findings) = leaf(
        "1",
        CHECKLIST,
        &inputs("pass = [true, false, true]\noverride = { score = \"\", reason = \"待定\" }"),
    );
    assert_eq!(n.score, d("0.50"));
    assert!(n.override_.is_none());
    let f = scoring(&findings, "missing-input");
    assert!(
        f.iter()
            .any(|f| f.field == "management.inputs.x.override.score"),
        "{findings:#?}"
    );
    // Above the weight: an error.
    let (_, findings) = leaf(
        "1",
        CHECKLIST,
        &inputs("pass = [true, true, true]\noverride = { score = 1.5, reason = \"x\" }"),
    );
    let f = scoring(&findings, "score-above-weight");
    assert_eq!(f.len(), 1);
    assert!(f[0].message.contains("1.50") && f[0].message.contains("分值 1"));
}

// ---------------------------------------------------------------- per point

fn per_point(direction: &str, partial: &str, step: &str) -> String {
    format!(
        "kind = \"per_point\"\nvalue = \"input:v\"\nthreshold = 100\ndirection = \"{direction}\"\ndeduct = 0.5\nstep = {step}\npartial = \"{partial}\""
    )
}

#[test]
fn per_point_above_floor_and_proportional() {
    let floor = per_point("above", "floor", "1");
    let prop = per_point("above", "proportional", "1");
    assert_eq!(score_of("3", &floor, &inputs("v = 100")), "3.00");
    assert_eq!(score_of("3", &floor, &inputs("v = 95")), "3.00");
    assert_eq!(score_of("3", &floor, &inputs("v = 100.99")), "3.00");
    assert_eq!(score_of("3", &floor, &inputs("v = 101")), "2.50");
    assert_eq!(score_of("3", &floor, &inputs("v = 102.5")), "2.00");
    assert_eq!(score_of("3", &prop, &inputs("v = 102.5")), "1.75");
    assert_eq!(score_of("3", &prop, &inputs("v = 100.01")), "3.00"); // 2.995 rounds half-up
    assert_eq!(score_of("3", &prop, &inputs("v = 100.02")), "2.99");
    // Floor at 0.
    assert_eq!(score_of("3", &floor, &inputs("v = 200")), "0.00");
    // Steps of 5 points.
    let five = per_point("above", "floor", "5");
    assert_eq!(score_of("3", &five, &inputs("v = 109.99")), "2.50");
    assert_eq!(score_of("3", &five, &inputs("v = 110")), "2.00");
}

#[test]
fn per_point_below() {
    let m = per_point("below", "floor", "1");
    assert_eq!(score_of("3", &m, &inputs("v = 100")), "3.00");
    assert_eq!(score_of("3", &m, &inputs("v = 120")), "3.00");
    assert_eq!(score_of("3", &m, &inputs("v = 97.5")), "2.00");
    assert_eq!(score_of("3", &m, &inputs("v = 0")), "0.00");
}

// ---------------------------------------------------------------- year on year

fn yoy(partial: &str) -> String {
    format!(
        "kind = \"year_on_year\"\nvalue = \"input:cur\"\nprevious = \"input:prev\"\ndeduct = 0.4\nstep = 1\npartial = \"{partial}\""
    )
}

#[test]
fn year_on_year_not_higher_is_full() {
    let m = yoy("proportional");
    assert_eq!(
        score_of("4", &m, &inputs("cur = 7.40\nprev = 11.25")),
        "4.00"
    );
    assert_eq!(
        score_of("4", &m, &inputs("cur = 11.25\nprev = 11.25")),
        "4.00"
    );
    assert_eq!(
        score_of("4", &m, &inputs("cur = 12.25\nprev = 11.25")),
        "3.60"
    );
    assert_eq!(
        score_of("4", &m, &inputs("cur = 12.75\nprev = 11.25")),
        "3.40"
    );
    assert_eq!(
        score_of("4", &yoy("floor"), &inputs("cur = 12.75\nprev = 11.25")),
        "3.60"
    );
    assert_eq!(score_of("4", &m, &inputs("cur = 30\nprev = 11.25")), "0.00");
}

#[test]
fn year_on_year_from_rates_of_two_years() {
    // The seed's rule, through rates of this year's and last year's figures.
    let r = rubric(&format!(
        r#"name = "t"
total = 4
{GRADES}
[[rate]]
id = "co"
name = "结转结余率"
numerator = "field:management.carryover"
denominator = "field:budget.budget_total"

[[rate]]
id = "co_prev"
name = "结转结余率"
numerator = "field:management.carryover_prev"
denominator = "field:management.budget_total_prev"
previous_year = true

[[indicator]]
id = "g"
name = "组"
weight = 4
section = "management"

[[indicator]]
id = "x"
parent = "g"
name = "结转结余率"
weight = 4

[indicator.method]
kind = "year_on_year"
value = "rate:co"
previous = "rate:co_prev"
deduct = 0.4
partial = "proportional"
"#
    ));
    let rec = |co: &str| {
        format!(
            "rubric = \"t\"\n[budget]\nbudget_total = 576431.54\n[management]\ncarryover = {co}\ncarryover_prev = 63706.45\nbudget_total_prev = 566065.30\n"
        )
    };
    let (card, _) = evaluate(&r, &rec("42671.95"));
    assert_eq!(
        card.node("g/x").unwrap().detail,
        "本年 7.40% − 上年 11.25% = −3.85 个百分点"
    );
    assert_eq!(card.total, d("4"));
    // 13.25% vs 11.25%: two points above, −0.8.
    let (card, _) = evaluate(&r, &rec("76377.18"));
    assert_eq!(card.node("g/x").unwrap().actual, "13.25%");
    assert_eq!(num::fixed2(card.total), "3.20");
}

// ---------------------------------------------------------------- threshold excess

const THRESHOLD: &str = "kind = \"threshold_excess\"\nvalue = \"input:v\"\nbenchmark = 28.3\nstep = 10\ndeduct = 0.4\npartial = \"floor\"";

#[test]
fn threshold_excess_in_whole_steps_inclusive() {
    assert_eq!(score_of("4", THRESHOLD, &inputs("v = 0.66")), "4.00");
    assert_eq!(score_of("4", THRESHOLD, &inputs("v = 28.3")), "4.00");
    assert_eq!(score_of("4", THRESHOLD, &inputs("v = 38.29")), "4.00");
    // 每高出10%（含）: exactly 10 points above is one step.
    assert_eq!(score_of("4", THRESHOLD, &inputs("v = 38.3")), "3.60");
    assert_eq!(score_of("4", THRESHOLD, &inputs("v = 48.3")), "3.20");
    assert_eq!(score_of("4", THRESHOLD, &inputs("v = 58.29")), "3.20");
    // 17 steps would deduct 6.8 of 4: floor 0.
    assert_eq!(score_of("4", THRESHOLD, &inputs("v = 200")), "0.00");
    let (n, _) = leaf("4", THRESHOLD, &inputs("v = 0.66"));
    assert_eq!(n.detail, "0.66，基准 28.30");
}

// ---------------------------------------------------------------- tiers

const TIERS: &str = r#"kind = "tiers"
value = "input:v"
tiers = [
  { from = 90, score = 5 },
  { from = 80, to = 90, score = 4 },
  { from = 60, to = 80, score = 2 },
  { to = 60, score = 0 },
]"#;

#[test]
fn tiers_edges_inclusive_as_written() {
    for (v, want) in [
        ("100", "5.00"),
        ("90", "5.00"),
        ("89.99", "4.00"),
        ("80", "4.00"),
        ("79.99", "2.00"),
        ("60", "2.00"),
        ("59.99", "0.00"),
        ("0", "0.00"),
    ] {
        assert_eq!(
            score_of("5", TIERS, &inputs(&format!("v = {v}"))),
            want,
            "{v}"
        );
    }
    // (80, 90]: the upper edge belongs, the lower does not.
    let m = r#"kind = "tiers"
value = "input:v"
tiers = [
  { from = 80, to = 90, score = 4, from_inclusive = false, to_inclusive = true },
  { from = 90, score = 5, from_inclusive = false },
  { to = 80, score = 1, to_inclusive = true },
]"#;
    assert_eq!(score_of("5", m, &inputs("v = 90")), "4.00");
    assert_eq!(score_of("5", m, &inputs("v = 90.01")), "5.00");
    assert_eq!(score_of("5", m, &inputs("v = 80")), "1.00");
    assert_eq!(score_of("5", m, &inputs("v = 80.01")), "4.00");
}

#[test]
fn a_value_in_no_tier_is_an_error() {
    let m = "kind = \"tiers\"\nvalue = \"input:v\"\ntiers = [{ from = 90, score = 5 }]";
    let (n, findings) = leaf("5", m, &inputs("v = 50"));
    assert_eq!(n.computed, None);
    let f = scoring(&findings, "unscorable");
    assert_eq!(f.len(), 1);
    assert!(f[0].message.contains("50"), "{}", f[0].message);
}

// ---------------------------------------------------------------- linear to zero

#[test]
fn linear_to_zero_with_and_without_limit() {
    let m = "kind = \"linear_to_zero\"\nvalue = \"input:v\"\nk = 0.1";
    assert_eq!(score_of("4", m, &inputs("v = 0")), "4.00");
    assert_eq!(score_of("4", m, &inputs("v = 5")), "2.00");
    assert_eq!(score_of("4", m, &inputs("v = 2.5")), "3.00");
    assert_eq!(score_of("4", m, &inputs("v = 10")), "0.00");
    assert_eq!(score_of("4", m, &inputs("v = 12")), "0.00");
    let m = "kind = \"linear_to_zero\"\nvalue = \"input:v\"\nk = 0.1\nlimit = 4";
    assert_eq!(score_of("4", m, &inputs("v = 4")), "2.40");
    assert_eq!(score_of("4", m, &inputs("v = 4.01")), "0.00");
}

// ---------------------------------------------------------------- count ratio

const COUNT: &str = "kind = \"count_ratio\"\nmet = \"input:met\"\ntotal = \"input:total\"";

#[test]
fn count_ratio() {
    assert_eq!(score_of("8", COUNT, &inputs("met = 3\ntotal = 4")), "6.00");
    assert_eq!(score_of("8", COUNT, &inputs("met = 4\ntotal = 4")), "8.00");
    assert_eq!(score_of("8", COUNT, &inputs("met = 0\ntotal = 4")), "0.00");
    assert_eq!(score_of("9", COUNT, &inputs("met = 1\ntotal = 3")), "3.00");
    assert_eq!(score_of("5", COUNT, &inputs("met = 2\ntotal = 3")), "3.33");
    let (n, findings) = leaf("8", COUNT, &inputs("met = 0\ntotal = 0"));
    assert_eq!(n.computed, None);
    let f = scoring(&findings, "unscorable");
    assert_eq!(f.len(), 1);
    assert!(f[0].message.contains("为 0"), "{}", f[0].message);
    let (_, findings) = leaf("8", COUNT, &inputs("met = 5\ntotal = 4"));
    let f = scoring(&findings, "unscorable");
    assert!(f[0].message.contains("达成数大于总数"));
}

// ---------------------------------------------------------------- not applicable

fn two_groups() -> Rubric {
    rubric(&format!(
        r#"name = "t"
total = 100
{GRADES}
[[indicator]]
id = "a"
name = "甲"
weight = 50
section = "budget"

[[indicator]]
id = "a1"
parent = "a"
name = "甲一"
weight = 30

[indicator.method]
kind = "checklist"
deduct = 10
items = ["1", "2", "3"]

[[indicator]]
id = "a2"
parent = "a"
name = "甲二"
weight = 20

[indicator.method]
kind = "checklist"
deduct = 10
items = ["1", "2"]

[[indicator]]
id = "b"
name = "乙"
weight = 50
section = "management"

[[indicator]]
id = "b1"
parent = "b"
name = "乙一"
weight = 50

[indicator.method]
kind = "checklist"
deduct = 10
items = ["1", "2"]
"#
    ))
}

#[test]
fn not_applicable_rescales_the_total() {
    let r = two_groups();
    let rec = "rubric = \"t\"\n[budget.inputs.a1]\npass = [true, true, true]\n[budget.inputs.a2]\nnot_applicable = \"本年无此业务\"\n[management.inputs.b1]\npass = [true, false]\n";
    let (card, _) = evaluate(&r, rec);
    let a2 = card.node("a/a2").unwrap();
    assert_eq!(a2.not_applicable.as_deref(), Some("本年无此业务"));
    assert_eq!(a2.score, d("0"));
    assert_eq!(a2.computed, None);
    assert_eq!(card.node("a").unwrap().score, d("30"));
    assert_eq!(card.node("b").unwrap().score, d("40"));
    // 70 of the 80 applicable points → 87.50 of 100.
    assert!(card.rescaled);
    assert_eq!(num::fixed2(card.total), "87.50");
    assert_eq!(card.grade, "良");
    // Not the same as scoring it 0: 70, 中.
    let rec0 = "rubric = \"t\"\n[budget.inputs.a1]\npass = [true, true, true]\n[budget.inputs.a2]\npass = [false, false]\n[management.inputs.b1]\npass = [true, false]\n";
    let (card, _) = evaluate(&r, rec0);
    assert!(!card.rescaled);
    assert_eq!(num::fixed2(card.total), "70.00");
    assert_eq!(card.grade, "中");
    // Everything applicable and full: 100.
    let full = "rubric = \"t\"\n[budget.inputs.a1]\npass = [true, true, true]\n[budget.inputs.a2]\npass = [true, true]\n[management.inputs.b1]\npass = [true, true]\n";
    let (card, findings) = evaluate(&r, full);
    assert_eq!(card.total, d("100"));
    assert_eq!(card.grade, "优");
    assert!(!findings.iter().any(|f| f.code == "unscorable"));
}

#[test]
fn not_applicable_record_item_rescales_too() {
    let r = open_rubric("");
    let rec = "rubric = \"t\"\n[[targets.indicators]]\nparent = \"outputs\"\nname = \"a\"\ntarget = \"≥10起\"\nactual = \"5起\"\nweight = 5\n[[targets.indicators]]\nparent = \"outputs\"\nname = \"b\"\nweight = 5\nnot_applicable = \"项目取消\"\n";
    let (card, findings) = evaluate(&r, rec);
    assert!(card.rescaled);
    // 2.50 of the 5 applicable points of a rubric total 10 → 5.00.
    assert_eq!(num::fixed2(card.total), "5.00");
    assert!(
        !findings
            .iter()
            .any(|f| f.field.starts_with("targets.indicators[1]")),
        "{findings:#?}"
    );
}

// ---------------------------------------------------------------- grades

fn total_of(score: &str) -> Scorecard {
    let r = leaf_rubric("100", "kind = \"qualitative\"");
    evaluate(
        &r,
        &format!("rubric = \"t\"\n[management.inputs.x]\nscore = {score}\nbasis = \"依据\"\n"),
    )
    .0
}

#[test]
fn grade_band_edges() {
    for (score, grade) in [
        ("100", "优"),
        ("90", "优"),
        ("89.99", "良"),
        ("80", "良"),
        ("79.99", "中"),
        ("60", "中"),
        ("59.99", "差"),
        ("0", "差"),
    ] {
        let card = total_of(score);
        assert_eq!(card.total, d(score));
        assert_eq!(card.grade, grade, "{score}");
    }
}

#[test]
fn grade_bands_belong_to_the_rubric() {
    // One city's 中 starts at 70.
    let r = rubric(
        r#"name = "t"
total = 100

[[grade]]
name = "中"
min = 70

[[grade]]
name = "优"
min = 90

[[grade]]
name = "差"
min = 0

[[indicator]]
id = "g"
name = "组"
weight = 100
section = "management"

[[indicator]]
id = "x"
parent = "g"
name = "x"
weight = 100

[indicator.method]
kind = "qualitative"
"#,
    );
    let g = |s: &str| {
        evaluate(
            &r,
            &format!("rubric = \"t\"\n[management.inputs.x]\nscore = {s}\nbasis = \"b\"\n"),
        )
        .0
        .grade
    };
    assert_eq!(g("69.99"), "差");
    assert_eq!(g("70"), "中");
    assert_eq!(g("89.99"), "中");
    assert_eq!(g("90"), "优");
}

// ---------------------------------------------------------------- rounding

#[test]
fn indicators_are_rounded_half_up_and_summed() {
    // 2/3 × 5 = 3.333… → 3.33 and 1/3 × 5 = 1.666… → 1.67: the group is 3.33 + 1.67 = 5.00,
    // and 0.125 rounds to 0.13 (half-up, not half-even).
    let r = rubric(&format!(
        r#"name = "t"
total = 10.25
{GRADES}
[[indicator]]
id = "g"
name = "组"
weight = 10.25
section = "management"

[[indicator]]
id = "x"
parent = "g"
name = "x"
weight = 5

[indicator.method]
kind = "count_ratio"
met = "input:met"
total = "input:total"

[[indicator]]
id = "y"
parent = "g"
name = "y"
weight = 5

[indicator.method]
kind = "count_ratio"
met = "input:met"
total = "input:total"

[[indicator]]
id = "z"
parent = "g"
name = "z"
weight = 0.25

[indicator.method]
kind = "count_ratio"
met = "input:met"
total = "input:total"
"#
    ));
    let rec = "rubric = \"t\"\n[management.inputs.x]\nmet = 2\ntotal = 3\n[management.inputs.y]\nmet = 1\ntotal = 3\n[management.inputs.z]\nmet = 1\ntotal = 2\n";
    let (card, _) = evaluate(&r, rec);
    assert_eq!(card.node("g/x").unwrap().score, d("3.33"));
    assert_eq!(card.node("g/y").unwrap().score, d("1.67"));
    assert_eq!(card.node("g/z").unwrap().score, d("0.13"));
    assert_eq!(card.total, d("5.13"));
}

#[test]
fn inputs_for_an_indicator_the_rubric_lacks_are_a_mismatch() {
    let (_, findings) = leaf(
        "1",
        CHECKLIST,
        &format!(
            "{}[management.inputs.nope]\npass = []\n",
            inputs("pass = [true, true, true]")
        ),
    );
    let f = scoring(&findings, "rubric-mismatch");
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].field, "management.inputs.nope");
    assert!(f[0].message.contains("nope"));
}

#[test]
fn an_override_between_tiers_is_unreachable() {
    let (n, findings) = leaf(
        "5",
        TIERS,
        &inputs("v = 85\noverride = { score = 4.5, reason = \"专家组意见\" }"),
    );
    assert_eq!((n.score, n.computed), (d("4.5"), Some(d("4.00"))));
    let f = scoring(&findings, "unreachable-score");
    assert_eq!(f.len(), 1);
    for s in [
        "4.50",
        "按档次计分",
        "5.00、4.00、2.00、0.00",
        "按填报计算为 4.00",
        "专家组意见",
    ] {
        assert!(f[0].message.contains(s), "{s} in {}", f[0].message);
    }
    let (_, findings) = leaf(
        "5",
        TIERS,
        &inputs("v = 85\noverride = { score = 2, reason = \"专家组意见\" }"),
    );
    assert!(scoring(&findings, "unreachable-score").is_empty());
}
