//! The seed (the 2023 report of 北京市公安局公安交通管理局): every figure it prints, every
//! indicator score of its 附件, and every disagreement `check` must find in it.

mod common;

use common::{d, evaluate, seed_record_text, seed_rubric, seed_with};
use jixiao::check;
use jixiao::finding::{Finding, Severity};
use jixiao::num;
use jixiao::section::Section;

fn seed() -> (jixiao::score::Scorecard, Vec<Finding>) {
    evaluate(&seed_rubric(), &seed_record_text())
}

#[test]
fn seed_rubric_is_sound() {
    let problems = seed_rubric().validate();
    assert!(problems.is_empty(), "{problems:?}");
}

#[test]
fn rates_are_the_reports() {
    let (card, _) = seed();
    let rate = |id: &str| num::percent(card.rate(id).unwrap().value().unwrap());
    assert_eq!(rate("budget_execution"), "90.62%");
    assert_eq!(rate("basic_execution"), "99.78%");
    assert_eq!(rate("project_execution"), "73.84%");
    assert_eq!(rate("fiscal_execution"), "97.66%");
    assert_eq!(rate("carryover"), "7.40%");
    assert_eq!(rate("carryover_prev"), "11.25%");
    assert_eq!(rate("variance"), "0.66%");
    let r = card.rate("budget_execution").unwrap();
    assert_eq!(r.numerator, Some(d("522383.99")));
    assert_eq!(r.denominator, Some(d("576431.54")));
    let f = card.rate("fiscal_execution").unwrap();
    assert_eq!(
        (f.numerator, f.denominator),
        (Some(d("488653.84")), Some(d("500358.28")))
    );
    for (id, n, dd) in [
        ("basic_execution", "372131.93", "372936.71"),
        ("project_execution", "150252.06", "203494.83"),
        ("carryover", "42671.95", "576431.54"),
        ("carryover_prev", "63706.45", "566065.30"),
        ("variance", "522383.99", "525856.03"),
    ] {
        let r = card.rate(id).unwrap();
        assert_eq!(
            (r.numerator, r.denominator),
            (Some(d(n)), Some(d(dd))),
            "{id}"
        );
    }
    assert!(card.rate("carryover_prev").unwrap().previous_year);
    assert!(!card.rate("carryover").unwrap().previous_year);
    // Exact, not a float: 522383.99 / 576431.54 × 100 = 90.623769476597342331…
    assert!(
        r.exact
            .unwrap()
            .to_string()
            .starts_with("90.6237694765973423")
    );
}

#[test]
fn table_4_and_total() {
    let (card, _) = seed();
    let groups: Vec<(String, String, String, String)> = card
        .groups()
        .map(|g| {
            (
                g.name.clone(),
                num::plain(g.weight),
                num::fixed2(g.score),
                num::percent(g.rate().unwrap()),
            )
        })
        .collect();
    let want = [
        ("当年预算执行情况", "20", "18.12", "90.60%"),
        ("整体绩效目标实现情况", "60", "58.55", "97.58%"),
        ("预算管理情况", "20", "19.30", "96.50%"),
    ];
    assert_eq!(groups.len(), 3);
    for (g, w) in groups.iter().zip(want) {
        assert_eq!((g.0.as_str(), g.1.as_str(), g.2.as_str(), g.3.as_str()), w);
    }
    assert_eq!(num::fixed2(card.total), "95.97");
    assert_eq!(num::percent(card.total_rate().unwrap()), "95.97%");
    assert_eq!(card.grade, "优");
    assert!(!card.rescaled);
    assert_eq!(card.full_marks, d("100"));
}

#[test]
fn second_level_scores() {
    let (card, _) = seed();
    for (path, score) in [
        ("targets/outputs", "30.00"),
        ("targets/effects", "28.55"),
        ("management/finance", "4.00"),
        ("management/assets", "3.50"),
        ("management/performance", "3.80"),
    ] {
        let n = card.node(path).unwrap_or_else(|| panic!("{path}"));
        assert_eq!(num::fixed2(n.score), score, "{path}");
        assert!(!n.leaf);
    }
}

/// Every row of the 附件: path, 三级指标, 分值, 得分.
const APPENDIX: &[(&str, &str, &str, &str)] = &[
    ("budget/overall", "资金总体", "20", "18.12"),
    (
        "targets/outputs/1",
        "第一时间处理群众受困求助等涉汛警情",
        "4",
        "4.00",
    ),
    (
        "targets/outputs/2",
        "加强执法力度，执法量同比增长",
        "4",
        "4.00",
    ),
    ("targets/outputs/3", "动态治理各类隐患", "4", "4.00"),
    ("targets/outputs/4", "平均出警用时同比下降", "4", "4.00"),
    ("targets/outputs/5", "互联网平台注册用户量", "4", "4.00"),
    ("targets/outputs/6", "项目验收合格率", "5", "5.00"),
    ("targets/outputs/7", "年度工作任务完成时间", "5", "5.00"),
    ("targets/effects/1", "提升交通安全能力", "5", "5.00"),
    ("targets/effects/2", "城市交通运行安全平稳", "5", "4.80"),
    ("targets/effects/3", "交通综合治理取得新成效", "5", "4.50"),
    ("targets/effects/4", "提升办事效率", "5", "4.80"),
    ("targets/effects/5", "强化队伍建设", "5", "4.50"),
    ("targets/effects/6", "“接诉即办”满意度", "5", "4.95"),
    (
        "management/finance/finance-system",
        "财务管理制度健全性",
        "1",
        "1.00",
    ),
    (
        "management/finance/funds-compliance",
        "资金使用合规性和安全性",
        "2",
        "2.00",
    ),
    (
        "management/finance/accounting",
        "会计基础信息完善性",
        "1",
        "1.00",
    ),
    (
        "management/assets/asset-management",
        "资产管理规范性",
        "4",
        "3.50",
    ),
    (
        "management/performance/performance-management",
        "绩效管理情况",
        "4",
        "3.80",
    ),
    ("management/carryover", "结转结余率", "4", "4.00"),
    ("management/variance", "部门预决算差异率", "4", "4.00"),
];

#[test]
fn every_indicator_of_the_appendix() {
    let (card, _) = seed();
    let leaves: Vec<_> = card.leaves().collect();
    assert_eq!(leaves.len(), APPENDIX.len());
    for (n, (path, name, weight, score)) in leaves.iter().zip(APPENDIX) {
        assert_eq!(n.path, *path);
        assert_eq!(n.name, *name);
        assert_eq!(num::plain(n.weight), *weight, "{name}");
        assert_eq!(num::fixed2(n.score), *score, "{name}");
    }
    let sum: rust_decimal::Decimal = leaves.iter().map(|n| n.score).sum();
    assert_eq!(sum, card.total);
}

#[test]
fn appendix_targets_and_actuals() {
    let (card, _) = seed();
    let row = |p: &str| {
        let n = card.node(p).unwrap();
        (n.target.as_str(), n.actual.as_str())
    };
    assert_eq!(row("targets/outputs/1"), ("≥600起", "650起"));
    assert_eq!(row("targets/outputs/2"), ("≥3倍", "3.7倍"));
    assert_eq!(row("targets/outputs/3"), ("2.8万处", "2.8万处"));
    assert_eq!(row("targets/outputs/4"), ("≥50%", "53.1%"));
    assert_eq!(row("targets/outputs/5"), ("≥1000万", "1345.7万"));
    assert_eq!(row("targets/outputs/6"), ("100%", "100%"));
    assert_eq!(row("targets/outputs/7"), ("2023年12月底", "2023年12月底"));
    assert_eq!(row("targets/effects/2"), ("效果显著", "效果显著"));
    assert_eq!(row("targets/effects/6"), ("100%", "99.00%"));
    // 资金总体: 预算数, 执行数 and the rate as the 附件 prints them.
    let overall = card.node("budget/overall").unwrap();
    assert_eq!(overall.target, "576,431.54");
    assert_eq!(overall.actual, "522,383.99");
    assert_eq!(overall.detail, "522,383.99 / 576,431.54 = 90.62%");
    assert_eq!(overall.computed, Some(d("18.12")));
    assert_eq!(
        card.node("management/carryover").unwrap().detail,
        "本年 7.40% − 上年 11.25% = −3.85 个百分点"
    );
    assert_eq!(
        card.node("management/variance").unwrap().detail,
        "0.66%，基准 28.30%"
    );
}

#[test]
fn overrides_keep_the_computed_score_and_the_reason() {
    let (card, _) = seed();
    for (path, computed, score) in [
        ("management/assets/asset-management", "4.00", "3.50"),
        (
            "management/performance/performance-management",
            "4.00",
            "3.80",
        ),
    ] {
        let n = card.node(path).unwrap();
        assert_eq!(n.computed.map(num::fixed2).as_deref(), Some(computed));
        let ov = n.override_.as_ref().unwrap();
        assert_eq!(num::fixed2(ov.score), score);
        assert_eq!(n.score, ov.score);
        assert!(ov.reason.contains(score), "{}", ov.reason);
    }
    // No other indicator is overridden.
    assert_eq!(card.leaves().filter(|n| n.override_.is_some()).count(), 2);
    // Qualitative scores are the evaluator's own (computed), not overrides.
    let n = card.node("targets/effects/3").unwrap();
    assert_eq!(n.computed, Some(d("4.50")));
    assert!(n.override_.is_none());
}

#[test]
fn the_record_transcribes_the_reports_figures() {
    let r = common::record_for(&seed_rubric(), &seed_record_text());
    assert_eq!(r.overview.name, "北京市公安局公安交通管理局");
    assert_eq!(r.overview.short_name, "市交通管理局");
    assert_eq!(r.figure("overview.staff_total"), Some(Some(d("5543"))));
    assert_eq!(r.figure("overview.staff_active"), Some(Some(d("5538"))));
    assert_eq!(r.figure("overview.staff_retired"), Some(Some(d("5"))));
    assert_eq!(r.overview.duties.len(), 8);
    assert_eq!(r.overview.goals.len(), 6);
    assert!(
        r.overview
            .goals
            .iter()
            .all(|g| g.nature == "定性" && g.value == "优")
    );
    let fig = |k: &str| r.figure(k).unwrap().unwrap();
    for (k, v) in [
        ("budget.budget_total", "576431.54"),
        ("budget.budget_fiscal", "500358.28"),
        ("budget.budget_basic", "372936.71"),
        ("budget.budget_project", "203494.83"),
        ("budget.spent_total", "522383.99"),
        ("budget.spent_fiscal", "488653.84"),
        ("budget.spent_basic", "372131.93"),
        ("budget.spent_project", "150252.06"),
        ("management.assets_original", "321921.15"),
        ("management.assets_depreciation", "227472.35"),
        ("management.assets_net", "94448.80"),
        ("management.carryover", "42671.95"),
        ("management.carryover_prev", "63706.45"),
        ("management.budget_total_prev", "566065.30"),
        ("management.initial_budget", "525856.03"),
    ] {
        assert_eq!(fig(k), d(v), "{k}");
        // Exact as written: the scale is kept (94448.80 stays 94448.80).
        assert_eq!(fig(k).to_string(), v, "{k}");
    }
    assert_eq!(r.targets.indicators.len(), 13);
    assert_eq!(
        r.targets.indicators.iter().filter(|i| i.key_task).count(),
        5
    );
    assert_eq!(r.conclusion.problems.len(), 1);
    assert_eq!(r.recommendations.items.len(), 1);
    assert_eq!(r.recommendations.items[0].problem.0, Some(1));
}

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Every narrative of the record is the report's own words (line breaks and spaces aside).
#[test]
fn narratives_are_the_reports_own_words() {
    let report = squeeze(
        &std::fs::read_to_string(common::root().join("tests/data/seed-report.txt")).unwrap(),
    );
    let r = common::record_for(&seed_rubric(), &seed_record_text());
    let narratives = r.narratives();
    assert!(narratives.len() >= 20);
    for (_, field, text) in narratives {
        assert!(!text.trim().is_empty(), "{field} is empty");
        for para in text.split('\n').filter(|p| !p.trim().is_empty()) {
            assert!(
                report.contains(&squeeze(para)),
                "{field}: not in the report: {para}"
            );
        }
    }
    for p in &r.conclusion.problems {
        assert!(report.contains(&squeeze(&p.title)));
    }
    for i in &r.recommendations.items {
        // The report breaks this title over a page: 意 | 识.
        assert!(report.contains(&squeeze(&i.title)), "{}", i.title);
    }
    for g in &r.overview.goals {
        assert!(report.contains(&squeeze(&format!(
            "{}{}{}{}",
            g.activity, g.indicator, g.nature, g.value
        ))));
    }
    for it in &r.targets.indicators {
        assert!(report.contains(&squeeze(&it.name)), "{}", it.name);
    }
}

fn codes(findings: &[Finding]) -> Vec<&'static str> {
    let mut c: Vec<&str> = findings.iter().map(|f| f.code).collect();
    c.sort();
    c
}

#[test]
fn check_finds_the_twelve_disagreements_as_warnings() {
    let (_, findings) = seed();
    assert_eq!(
        codes(&findings),
        vec![
            "narrative-rate",
            "narrative-rate",
            "parts-wrong-total",
            "parts-wrong-total",
            "qualitative-without-basis",
            "qualitative-without-basis",
            "qualitative-without-basis",
            "qualitative-without-basis",
            "qualitative-without-basis",
            "rate-points",
            "unreachable-score",
            "unreachable-score",
        ],
        "{findings:#?}"
    );
    assert!(findings.iter().all(|f| f.severity == Severity::Warning));
    assert!(!check::has_errors(&findings));
    // In section order.
    let sections: Vec<Section> = findings.iter().map(|f| f.section).collect();
    let mut sorted = sections.clone();
    sorted.sort();
    assert_eq!(sections, sorted);
}

fn one<'a>(findings: &'a [Finding], code: &str, needle: &str) -> &'a Finding {
    let hits: Vec<&Finding> = findings
        .iter()
        .filter(|f| f.code == code && f.message.contains(needle))
        .collect();
    assert_eq!(hits.len(), 1, "{code} with `{needle}` in {findings:#?}");
    hits[0]
}

#[test]
fn disagreement_1_and_2_rates_rounded_up() {
    let (_, findings) = seed();
    let f = one(&findings, "narrative-rate", "90.63%");
    assert!(f.message.contains("90.62%"), "{}", f.message);
    assert!(
        f.message.contains("522,383.99 / 576,431.54"),
        "{}",
        f.message
    );
    assert!(f.message.contains("向上进位"));
    assert_eq!(
        (f.section, f.field.as_str()),
        (Section::Budget, "budget.text")
    );
    let f = one(&findings, "narrative-rate", "97.67%");
    assert!(f.message.contains("97.66%"), "{}", f.message);
    assert!(
        f.message.contains("488,653.84 / 500,358.28"),
        "{}",
        f.message
    );
}

#[test]
fn disagreement_3_and_4_unreachable_printed_scores() {
    let (_, findings) = seed();
    let f = one(&findings, "unreachable-score", "资产管理规范性");
    for s in [
        "3.50",
        "0.8",
        "4.00、3.20、2.40、1.60、0.80、0.00",
        "按填报计算为 4.00",
    ] {
        assert!(f.message.contains(s), "{s} in {}", f.message);
    }
    assert_eq!(f.field, "management.inputs.asset-management.override");
    assert_eq!(f.section, Section::Management);
    let f = one(&findings, "unreachable-score", "绩效管理情况");
    for s in ["3.80", "扣 2 分", "4.00、2.00、0.00"] {
        assert!(f.message.contains(s), "{s} in {}", f.message);
    }
}

#[test]
fn disagreement_5_qualitative_deductions_without_basis() {
    let (_, findings) = seed();
    for (name, score, lost, field) in [
        (
            "城市交通运行安全平稳",
            "4.80",
            "0.20",
            "targets.indicators[8].basis",
        ),
        (
            "交通综合治理取得新成效",
            "4.50",
            "0.50",
            "targets.indicators[9].basis",
        ),
        (
            "提升办事效率",
            "4.80",
            "0.20",
            "targets.indicators[10].basis",
        ),
        (
            "强化队伍建设",
            "4.50",
            "0.50",
            "targets.indicators[11].basis",
        ),
    ] {
        let f = one(
            &findings,
            "qualitative-without-basis",
            &format!("{name}：定性指标"),
        );
        assert!(
            f.message.contains(&format!("得 {score} / 5 分")),
            "{}",
            f.message
        );
        assert!(
            f.message.contains(&format!("扣 {lost} 分")),
            "{}",
            f.message
        );
        assert_eq!(f.field, field);
    }
    let f = one(&findings, "qualitative-without-basis", "共扣 1.40 分");
    assert!(f.message.starts_with("4 个定性指标"), "{}", f.message);
    // 提升交通安全能力 got full marks: no finding names it.
    assert!(
        !findings
            .iter()
            .any(|f| f.message.contains("提升交通安全能力"))
    );
}

#[test]
fn disagreement_6_parts_attached_to_the_wrong_total() {
    let (_, findings) = seed();
    let f = one(&findings, "parts-wrong-total", "基本支出预算");
    for s in [
        "372,936.71",
        "203,494.83",
        "576,431.54",
        "全年财政拨款预算 500,358.28",
        "等于全年支出预算",
    ] {
        assert!(f.message.contains(s), "{s} in {}", f.message);
    }
    let f = one(&findings, "parts-wrong-total", "基本支出 372,131.93");
    for s in [
        "150,252.06",
        "522,383.99",
        "财政拨款支出 488,653.84",
        "等于本年支出合计",
    ] {
        assert!(f.message.contains(s), "{s} in {}", f.message);
    }
}

#[test]
fn disagreement_7_percentage_points() {
    let (_, findings) = seed();
    let f = one(&findings, "rate-points", "3.85");
    for s in ["11.25%", "7.40%", "3.85 个百分点", "34.22%"] {
        assert!(f.message.contains(s), "{s} in {}", f.message);
    }
    assert_eq!(f.field, "management.carryover_text");
}

#[test]
fn fixed_assets_net_value_adds_up_and_a_wrong_one_is_an_error() {
    let (_, findings) = seed();
    assert!(!findings.iter().any(|f| f.code == "sum-mismatch"));
    let text = seed_with("assets_net = 94448.80", "assets_net = 94448.81");
    let (_, findings) = evaluate(&seed_rubric(), &text);
    let f = one(&findings, "sum-mismatch", "固定资产净值");
    assert_eq!(f.severity, Severity::Error);
    for s in ["94,448.81", "321,921.15", "227,472.35", "94,448.80"] {
        assert!(f.message.contains(s), "{s} in {}", f.message);
    }
    assert_eq!(f.field, "management.assets_net");
    assert!(check::has_errors(&findings));
}

#[test]
fn head_count_and_budget_sums() {
    let text = seed_with("staff_total = 5543", "staff_total = 5544");
    let (_, findings) = evaluate(&seed_rubric(), &text);
    let f = one(&findings, "sum-mismatch", "年末实有人数");
    assert_eq!(f.severity, Severity::Error);
    for s in ["5544 人", "在职人员 5538 人", "离休人员 5 人", "5543 人"] {
        assert!(f.message.contains(s), "{s} in {}", f.message);
    }
    assert_eq!(f.section, Section::Overview);

    // Parts short of the total may be 其他支出: a warning with the difference.
    let text = seed_with("budget_project = 203494.83", "budget_project = 203000.00");
    let (_, findings) = evaluate(&seed_rubric(), &text);
    let f = one(&findings, "sum-mismatch", "全年支出预算 576,431.54 万元");
    assert_eq!(f.severity, Severity::Warning);
    assert!(f.message.contains("575,936.71"), "{}", f.message);
    assert!(f.message.contains("差额 494.83 万元"), "{}", f.message);

    // Parts above the total cannot be: an error.
    let text = seed_with("spent_basic = 372131.93", "spent_basic = 472131.93");
    let (_, findings) = evaluate(&seed_rubric(), &text);
    let f = one(&findings, "sum-mismatch", "本年支出合计 522,383.99 万元");
    assert_eq!(f.severity, Severity::Error);
    assert!(f.message.contains("622,383.99"), "{}", f.message);

    // 财政拨款 above the whole budget.
    let text = seed_with("budget_fiscal = 500358.28", "budget_fiscal = 600358.28");
    let (_, findings) = evaluate(&seed_rubric(), &text);
    let f = one(
        &findings,
        "sum-mismatch",
        "全年财政拨款预算 600,358.28 万元",
    );
    assert_eq!(f.severity, Severity::Error);
}

#[test]
fn a_narrative_figure_that_disagrees_is_quoted() {
    let text = seed_with(
        "全年支出预算 576,431.54 万元，全年财政拨款预算",
        "全年支出预算 576,431.45 万元，全年财政拨款预算",
    );
    let (_, findings) = evaluate(&seed_rubric(), &text);
    let f = one(&findings, "narrative-figure", "576,431.45");
    assert!(f.message.contains("576,431.54 万元"), "{}", f.message);
    assert_eq!(f.field, "budget.text");
    assert_eq!(f.severity, Severity::Warning);
}

#[test]
fn changing_one_input_changes_the_score_as_the_rubric_says() {
    // One failing item of 财务管理制度健全性 deducts 0.5: 1.00 → 0.50, 95.97 → 95.47.
    let text = seed_with(
        "[management.inputs.finance-system]\npass = [true, true, true]",
        "[management.inputs.finance-system]\npass = [true, false, true]",
    );
    let (card, _) = evaluate(&seed_rubric(), &text);
    let n = card.node("management/finance/finance-system").unwrap();
    assert_eq!(num::fixed2(n.score), "0.50");
    assert_eq!(num::fixed2(card.node("management").unwrap().score), "18.80");
    assert_eq!(num::fixed2(card.total), "95.47");
    assert_eq!(card.grade, "优");

    // Spending 10,000 万元 more: 532383.99 / 576431.54 = 92.36% → 18.47; total 96.32.
    let text = seed_with("spent_total = 522383.99", "spent_total = 532383.99");
    let (card, findings) = evaluate(&seed_rubric(), &text);
    assert_eq!(
        num::percent(card.rate("budget_execution").unwrap().value().unwrap()),
        "92.36%"
    );
    assert_eq!(
        num::fixed2(card.node("budget/overall").unwrap().score),
        "18.47"
    );
    assert_eq!(num::fixed2(card.total), "96.32");
    // The narrative's 决算数 and 本年支出合计 now disagree with the figure.
    assert!(findings.iter().any(|f| f.code == "narrative-figure"
        && f.message.contains("522,383.99")
        && f.message.contains("532,383.99")));

    // 结转结余率 above last year's: 12.25% vs 11.25% → −0.4 per point, proportional.
    let text = seed_with("carryover = 42671.95", "carryover = 70612.86");
    let (card, _) = evaluate(&seed_rubric(), &text);
    assert_eq!(
        num::percent(card.rate("carryover").unwrap().value().unwrap()),
        "12.25%"
    );
    assert_eq!(
        num::fixed2(card.node("management/carryover").unwrap().score),
        "3.60"
    );
    assert_eq!(num::fixed2(card.total), "95.57");

    // Removing the override gives the computed 4.00 back: 95.97 + 0.50 = 96.47.
    let text = seed_with(
        "override = { score = 3.50, reason = \"原报告评分表打分 3.50 分，未写明不合格项；按评分标准不可得，照原报告录入\" }\n",
        "",
    );
    let (card, findings) = evaluate(&seed_rubric(), &text);
    assert_eq!(num::fixed2(card.total), "96.47");
    assert_eq!(
        findings
            .iter()
            .filter(|f| f.code == "unreachable-score")
            .count(),
        1
    );

    // 绩效管理情况 with one failing item: 4 − 2 = 2 computed, still overridden to 3.80.
    let text = seed_with(
        "[management.inputs.performance-management]\npass = [true, true]",
        "[management.inputs.performance-management]\npass = [true, false]",
    );
    let (card, _) = evaluate(&seed_rubric(), &text);
    let n = card
        .node("management/performance/performance-management")
        .unwrap();
    assert_eq!(n.computed, Some(d("2.00")));
    assert_eq!(num::fixed2(n.score), "3.80");
    assert_eq!(num::fixed2(card.total), "95.97");
}

#[test]
fn a_qualitative_score_with_a_basis_is_not_a_finding() {
    let text = seed_with(
        "target = \"效果显著\"\nactual = \"效果显著\"\nweight = 5\nscore = 4.80\nbasis = \"\"",
        "target = \"效果显著\"\nactual = \"效果显著\"\nweight = 5\nscore = 4.80\nbasis = \"降雪期间个别路段拥堵，扣 0.2 分\"",
    );
    let (_, findings) = evaluate(&seed_rubric(), &text);
    assert!(
        !findings
            .iter()
            .any(|f| f.message.starts_with("城市交通运行安全平稳"))
    );
    // The summary now counts three.
    one(&findings, "qualitative-without-basis", "3 个定性指标");
    one(&findings, "qualitative-without-basis", "共扣 1.20 分");
}

#[test]
fn narratives_citing_other_rates_and_figures() {
    let ok = "部门预算执行率为 90.62%，财政拨款预算执行率为 97.66%。基本支出执行率为 99.78%，项目支出执行率为 73.84%。";
    let text = seed_with("部门预算执行率为 90.63%，财政拨款预算执行率为 97.67%。", ok);
    let (_, findings) = evaluate(&seed_rubric(), &text);
    assert!(
        !findings.iter().any(|f| f.code == "narrative-rate"),
        "{findings:#?}"
    );
    // One decimal written, one decimal compared: 90.6% is right.
    let text = seed_with("部门预算执行率为 90.63%", "部门预算执行率为 90.6%");
    let (_, findings) = evaluate(&seed_rubric(), &text);
    assert_eq!(
        findings
            .iter()
            .filter(|f| f.code == "narrative-rate")
            .count(),
        1
    );
    let text = seed_with(
        "部门预算执行率为 90.63%",
        "部门预算执行率为 90.62%，项目支出执行率为 73.85%",
    );
    let (_, findings) = evaluate(&seed_rubric(), &text);
    let f = one(&findings, "narrative-rate", "73.85%");
    assert!(f.message.contains("73.84%"), "{}", f.message);
    assert!(
        f.message.contains("150,252.06 / 203,494.83"),
        "{}",
        f.message
    );
    // Not a round-up: no hint about rounding.
    assert!(!f.message.contains("向上进位"), "{}", f.message);
    let text = seed_with("部门资金预决算差异率 0.66%", "部门资金预决算差异率 0.67%");
    let (_, findings) = evaluate(&seed_rubric(), &text);
    let f = one(&findings, "narrative-rate", "0.67%");
    assert!(f.message.contains("0.66%"), "{}", f.message);
    assert_eq!(f.field, "management.variance_text");
    // Last year's rate is compared with last year's figures.
    let text = seed_with("部门资金结转结余率为11.25%", "部门资金结转结余率为11.52%");
    let (_, findings) = evaluate(&seed_rubric(), &text);
    let f = one(&findings, "narrative-rate", "11.52%");
    assert!(f.message.contains("11.25%"), "{}", f.message);
    assert!(
        f.message.contains("63,706.45 / 566,065.30"),
        "{}",
        f.message
    );
    // People. (The report's staff sentence is generated from the figures, so it is not in
    // the record's narratives; an evaluator may still write one.)
    let text = seed_with(
        "承担的主要职责如下：",
        "年末实有人数共计 5542 人。承担的主要职责如下：",
    );
    let (_, findings) = evaluate(&seed_rubric(), &text);
    let f = one(&findings, "narrative-figure", "5542 人");
    assert!(f.message.contains("5543 人"), "{}", f.message);
    assert_eq!(f.section, Section::Overview);
}

#[test]
fn last_years_rate_without_last_years_figures_is_not_compared_with_this_years() {
    // The rubric derives no 2022 部门预算执行率, so a sentence about 2022 cannot be checked;
    // comparing it with 2023's 90.62% would be a false alarm.
    let text = seed_with(
        "财政拨款预算执行率为 97.67%。",
        "财政拨款预算执行率为 97.67%，2022年部门预算执行率为 88.00%。",
    );
    let (_, findings) = evaluate(&seed_rubric(), &text);
    assert!(
        !findings.iter().any(|f| f.message.contains("88.00%")),
        "{findings:#?}"
    );
    // What the sentence says before it, of 2023 (截至 2023 年 12 月 31 日), is still checked.
    one(&findings, "narrative-rate", "97.67%");
    one(&findings, "narrative-rate", "90.63%");
    // The same sentence about this year is checked.
    let text = seed_with(
        "部门预算执行率为 90.63%，",
        "部门预算执行率为 90.62%，2023年部门预算执行率为 88.00%，",
    );
    let (_, findings) = evaluate(&seed_rubric(), &text);
    one(&findings, "narrative-rate", "88.00%");
}

#[test]
fn full_width_percent_signs_are_read() {
    let text = seed_with("部门预算执行率为 90.63%", "部门预算执行率为 90.63％");
    let (_, findings) = evaluate(&seed_rubric(), &text);
    let f = one(&findings, "narrative-rate", "90.63％");
    assert!(f.message.contains("90.62%"), "{}", f.message);
}

#[test]
fn parts_attached_to_the_right_total_are_not_a_finding() {
    let text = seed_with(
        "全年支出预算 576,431.54 万元，全年财政拨款预算 500,358.28 万元，其中，基本支出预算 372,936.71 万元，项目支出预算 203,494.83 万元。",
        "全年财政拨款预算 500,358.28 万元，全年支出预算 576,431.54 万元，其中，基本支出预算 372,936.71 万元，项目支出预算 203,494.83 万元。",
    );
    let (_, findings) = evaluate(&seed_rubric(), &text);
    assert_eq!(
        findings
            .iter()
            .filter(|f| f.code == "parts-wrong-total")
            .count(),
        1
    );
    one(&findings, "parts-wrong-total", "基本支出 372,131.93");
    // Parts that add up to nothing the record holds: the message says so without a guess.
    let text = seed_with(
        "其中，基本支出预算 372,936.71 万元",
        "其中，基本支出预算 372,936.70 万元",
    );
    let (_, findings) = evaluate(&seed_rubric(), &text);
    let f = one(&findings, "parts-wrong-total", "372,936.70");
    assert!(f.message.contains("576,431.53 万元"), "{}", f.message);
    assert!(!f.message.contains("接错了总数"), "{}", f.message);
    // …and the figure itself disagrees with the record.
    one(&findings, "narrative-figure", "372,936.70");
}
