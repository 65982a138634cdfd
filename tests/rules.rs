//! Issue 9 items 3 and 4, under a rubric other than Beijing's (`tests/data/county-levels-2024.toml`)
//! and on a record made as `jixiao new` makes it: scores the rule cannot give, score ranges
//! per level, rates from inputs with three decimals, a change of rates in 个百分点, a zero
//! denominator shown as "—", and the rubric mistakes `rubric check` names. Every expected
//! figure is computed by hand in the comments.

mod common;

use common::{d, rubric, seed_rubric, seed_with};
use jixiao::check;
use jixiao::finding::{Finding, Severity};
use jixiao::record::doc;
use jixiao::repo::{Dept, Evaluation, Repo};
use jixiao::score::NodeScore;
use std::path::Path;

const COUNTY: &str = include_str!("data/county-levels-2024.toml");

/// A repository holding the county rubric and a record `xx-edu/2024` made by `jixiao new`.
fn county_repo(dir: &Path) -> (Repo, Dept, String) {
    let repo = jixiao::store::init_repo(dir).expect("init repository");
    std::fs::write(dir.join("rubrics/county-levels-2024.toml"), COUNTY).expect("write rubric");
    let dept = Dept::parse("xx-edu").expect("dept");
    let path = repo
        .create_record(&dept, 2024, "某县教育局", "county-levels-2024")
        .expect("jixiao new");
    let text = std::fs::read_to_string(path).expect("read the new record");
    (repo, dept, text)
}

/// The new record filled in as an evaluator would: figures, inputs, and three 重点工作 rows.
/// `extra` is appended (more inputs or rows); `set` overrides values after the defaults.
fn filled(template: &str, set: &[(&str, &str)], extra: &str) -> String {
    let mut values: Vec<(&str, &str)> = vec![
        ("budget.budget_total", "5000.00"),
        ("budget.spent_total", "4700.00"),
        ("budget.inputs.adjust.amount", "10.00"),
        ("management.carryover", "370.00"),
        ("management.carryover_prev", "450.00"),
        ("management.budget_total_prev", "4000.00"),
        ("management.inputs.system.level", "\"良\""),
        ("management.inputs.system.score", "8.50"),
        (
            "management.inputs.system.basis",
            "\"制度较健全，个别制度未按新规更新\"",
        ),
        ("management.inputs.assets.pass", "[true, false]"),
    ];
    values.extend_from_slice(set);
    let mut doc = doc::parse(Path::new("2024.toml"), template).expect("template parses");
    for (path, v) in values {
        let value = doc::number_value(v)
            .or_else(|| v.parse::<toml_edit::Value>().ok())
            .unwrap_or_else(|| panic!("{path} = {v} is a TOML value"));
        doc::set(&mut doc, path, value).unwrap_or_else(|e| panic!("set {path}: {e}"));
    }
    format!(
        "{doc}{}{extra}",
        r#"
[[targets.indicators]]
parent = "work"
name = "家长满意度"
target = "≥90%"
actual = "95%"
weight = 20

[[targets.indicators]]
parent = "work"
name = "教学质量提升"
target = "有效提升"
actual = "有效提升"
weight = 20
level = "良"
score = 15
basis = "两所学校质量监测未达标"

[[targets.indicators]]
parent = "work"
name = "课程改革"
target = "持续推进"
actual = "持续推进"
weight = 20
level = "优"
score = 18
basis = "改革方案全部落实，个别学校进度偏慢"
"#
    )
}

fn evaluate(repo: &Repo, dept: &Dept, text: &str) -> (Evaluation, Vec<Finding>) {
    let e = repo.evaluate(dept, 2024, text).expect("the record scores");
    let findings = check::check(&e.rubric, &e.record, &e.card, Some(2024));
    (e, findings)
}

fn node<'a>(e: &'a Evaluation, path: &str) -> &'a NodeScore {
    e.card
        .node(path)
        .unwrap_or_else(|| panic!("no node {path}"))
}

fn with_code<'a>(findings: &'a [Finding], code: &str) -> Vec<&'a Finding> {
    findings.iter().filter(|f| f.code == code).collect()
}

#[test]
fn a_county_record_made_by_jixiao_new_scores_as_computed_by_hand() {
    let dir = tempfile::tempdir().unwrap();
    let (repo, dept, template) = county_repo(dir.path());
    // `jixiao new` asks for the level, and for the 调剂金额 the 调剂率 reads from its table.
    assert!(template.contains("level = \"\"  # 评价等级：优、良、中、差"));
    assert!(template.contains("[budget.inputs.adjust]"));
    assert!(template.contains("amount = \"\""));
    let (e, findings) = evaluate(&repo, &dept, &filled(&template, &[], ""));
    let c = &e.card;

    // 预算执行率 4,700 / 5,000 = 94.00%: the [90, 95) tier, 8 of 10.
    let exec = c.rate("exec").unwrap();
    assert_eq!(exec.display(), "94.00%");
    assert_eq!(exec.detail, "4,700.00 / 5,000.00 = 94.00%");
    assert_eq!(node(&e, "exec-group/exec").score, d("8"));
    // 预算调剂率 10 / 5,000 = 0.002 (a ratio to three decimals, from the indicator's inputs):
    // (1 − 100 × 0.002) × 5 = 4.00.
    let adjust = c.rate("adjust_ratio").unwrap();
    assert_eq!(adjust.value(), Some(d("0.002")));
    assert_eq!(adjust.value_text().as_deref(), Some("0.002"));
    assert_eq!(adjust.detail, "10 / 5,000.00 = 0.002");
    assert_eq!(node(&e, "exec-group/adjust").score, d("4.00"));
    // 结转结余率 370 / 5,000 = 7.40%, last year 450 / 4,000 = 11.25%: a change of −3.85
    // 个百分点, not above last year, 5 of 5.
    let change = c.rate("carry_change").unwrap();
    assert_eq!(change.value(), Some(d("-3.85")));
    assert_eq!(change.display(), "−3.85 个百分点");
    assert_eq!(change.detail, "7.40% − 11.25% = −3.85 个百分点");
    assert_eq!(node(&e, "exec-group/carry").score, d("5"));
    assert_eq!(node(&e, "exec-group").score, d("17.00"));
    // 重点工作: 95% against ≥90% is capped at 20; 良 15 (75% of 20) and 优 18 (90%) are the
    // evaluator's, within their levels: 20 + 15 + 18 = 53.
    assert_eq!(node(&e, "duties").score, d("53"));
    // 制度建设 良 8.50; 资产管理 one item failing of two, −5: 5. 13.50.
    assert_eq!(node(&e, "mgmt").score, d("13.50"));
    // 17 + 53 + 13.50 = 83.50, 良.
    assert_eq!((c.total, c.grade.as_str()), (d("83.50"), "良"));
    for code in [
        "level-score-mismatch",
        "override-differs",
        "unreachable-score",
        "unscorable",
        "override-without-reason",
        "rubric-mismatch",
        "invalid-value",
    ] {
        assert!(
            with_code(&findings, code).is_empty(),
            "{code}: {findings:#?}"
        );
    }
    // The score text shows the detail rates as they were computed.
    let text = jixiao::cli::score_text(&e);
    for s in [
        "370.00 / 5,000.00 = 7.40%",
        "450.00 / 4,000.00 = 11.25%",
        "7.40% − 11.25% = −3.85 个百分点",
    ] {
        assert!(text.contains(s), "{s} in\n{text}");
    }
}

#[test]
fn a_score_typed_on_a_quantitative_indicator_is_an_override_that_needs_a_reason() {
    let dir = tempfile::tempdir().unwrap();
    let (repo, dept, template) = county_repo(dir.path());
    // 预算执行率 is scored by tiers (8 for 94%); the evaluator typed 10 and no reason.
    let text = filled(
        &template,
        &[],
        "\n[budget.inputs.exec]\nscore = 10\nbasis = \"\"\n",
    );
    let (e, findings) = evaluate(&repo, &dept, &text);
    let n = node(&e, "exec-group/exec");
    assert_eq!((n.score, n.computed), (d("10"), Some(d("8.00"))));
    assert!(n.override_.as_ref().is_some_and(|o| o.typed));
    let err = with_code(&findings, "override-without-reason");
    assert_eq!(err.len(), 1, "{findings:#?}");
    assert_eq!(err[0].severity, Severity::Error);
    assert_eq!(err[0].field, "budget.inputs.exec.basis");
    assert!(
        err[0].message.contains("评价分 10.00 视为调整分"),
        "{}",
        err[0].message
    );
    let w = with_code(&findings, "override-differs");
    assert_eq!(w.len(), 1, "{findings:#?}");
    assert_eq!(w[0].severity, Severity::Warning);
    assert_eq!(
        w[0].message,
        "预算执行率：评价分 10.00 与按评分标准计算的 8.00 分不同（按档次计分：[95, +∞) 得 10 分，[90, 95) 得 8 分，[80, 90) 得 6 分，(−∞, 80) 得 0 分）；理由：未写"
    );
    // 10 + 4 + 5 = 19; 19 + 53 + 13.50 = 85.50.
    assert_eq!(e.card.total, d("85.50"));

    // A 定量 row of the record with a typed score and a reason: it counts, and the warning
    // quotes the computed 20.00 and the row's rule.
    let text = filled(&template, &[], "").replacen(
        "actual = \"95%\"\nweight = 20\n",
        "actual = \"95%\"\nweight = 20\nscore = 19\nbasis = \"满意度调查样本不足\"\n",
        1,
    );
    let (e, findings) = evaluate(&repo, &dept, &text);
    let n = node(&e, "duties/work/1");
    assert_eq!((n.score, n.computed), (d("19"), Some(d("20.00"))));
    assert!(with_code(&findings, "override-without-reason").is_empty());
    let w = with_code(&findings, "override-differs");
    assert_eq!(w.len(), 1, "{findings:#?}");
    assert!(
        w[0].message
            .starts_with("家长满意度：评价分 19.00 与按评分标准计算的 20.00 分不同"),
        "{}",
        w[0].message
    );
    assert!(w[0].message.ends_with("理由：满意度调查样本不足"));
    assert_eq!(w[0].field, "targets.indicators[0].score");

    // With an explicit override as well, the typed score is reported and the override counts.
    let text = filled(
        &template,
        &[],
        "\n[budget.inputs.exec]\nscore = 10\noverride = { score = 6, reason = \"专家组复核\" }\n",
    );
    let (e, findings) = evaluate(&repo, &dept, &text);
    assert_eq!(node(&e, "exec-group/exec").score, d("6"));
    assert_eq!(with_code(&findings, "score-ignored").len(), 1);
    let w = with_code(&findings, "override-differs");
    assert_eq!(w.len(), 1);
    assert!(
        w[0].message
            .contains("调整分 6.00 与按评分标准计算的 8.00 分不同")
    );
}

#[test]
fn an_override_the_rule_did_not_give_is_reported_for_every_method() {
    let dir = tempfile::tempdir().unwrap();
    let (repo, dept, template) = county_repo(dir.path());
    // linear_to_zero: 4.00 computed, 4.50 set.
    let text = filled(
        &template,
        &[],
        "\n[budget.inputs.adjust.override]\nscore = 4.5\nreason = \"调剂为上级追加\"\n",
    );
    let (_, findings) = evaluate(&repo, &dept, &text);
    let w = with_code(&findings, "override-differs");
    assert_eq!(w.len(), 1, "{findings:#?}");
    assert_eq!(
        w[0].message,
        "预算调剂率：调整分 4.50 与按评分标准计算的 4.00 分不同（（1 − 100 × 值）× 分值）；理由：调剂为上级追加"
    );
    assert_eq!(w[0].field, "budget.inputs.adjust.override");
    // A checklist override the rule can give (10, 5, 0) but did not (5): override-differs;
    // one it cannot give at all: unreachable-score, quoting the computed score.
    for (score, code, needle) in [
        (
            "10",
            "override-differs",
            "调整分 10.00 与按评分标准计算的 5.00 分不同（每有一项不合格扣 5 分：2 项中 1 项不合格，每项扣 5）",
        ),
        (
            "7",
            "unreachable-score",
            "得分 7.00 按评分标准不可得（每有一项不合格扣 5 分，只可能得 10.00、5.00、0.00 分；按填报计算为 5.00 分）",
        ),
    ] {
        let text = filled(
            &template,
            &[],
            &format!("\n[management.inputs.assets.override]\nscore = {score}\nreason = \"复核\"\n"),
        );
        let (_, findings) = evaluate(&repo, &dept, &text);
        let w = with_code(&findings, code);
        assert_eq!(w.len(), 1, "{findings:#?}");
        assert!(w[0].message.contains(needle), "{}", w[0].message);
    }
    // An override equal to the computed score says nothing.
    let text = filled(
        &template,
        &[],
        "\n[management.inputs.assets.override]\nscore = 5\nreason = \"复核\"\n",
    );
    let (_, findings) = evaluate(&repo, &dept, &text);
    assert!(with_code(&findings, "override-differs").is_empty());
    assert!(with_code(&findings, "unreachable-score").is_empty());
}

#[test]
fn the_level_picked_bounds_the_evaluators_score() {
    let dir = tempfile::tempdir().unwrap();
    let (repo, dept, template) = county_repo(dir.path());
    // 良 is 7–8.9 of 10 points: 8.95 is outside, a warning (the rubric's default severity).
    let text = filled(&template, &[("management.inputs.system.score", "8.95")], "");
    let (e, findings) = evaluate(&repo, &dept, &text);
    assert_eq!(node(&e, "mgmt/system").score, d("8.95"));
    let w = with_code(&findings, "level-score-mismatch");
    assert_eq!(w.len(), 1, "{findings:#?}");
    assert_eq!(w[0].severity, Severity::Warning);
    assert_eq!(w[0].field, "management.inputs.system.score");
    assert_eq!(
        w[0].message,
        "制度建设：评价等级「良」的得分范围为 7–8.9 分，得分 8.95 不在其中"
    );
    // No level picked: 8.95 is in no level's range at all (the rubric leaves 8.9–9 out).
    let text = filled(
        &template,
        &[
            ("management.inputs.system.score", "8.95"),
            ("management.inputs.system.level", "\"\""),
        ],
        "",
    );
    let (_, findings) = evaluate(&repo, &dept, &text);
    let w = with_code(&findings, "level-score-mismatch");
    assert_eq!(w.len(), 1);
    assert!(
        w[0].message.contains("得分 8.95 不在任何评价等级的得分范围内（优 9–10 分，良 7–8.9 分，中 6–6.9 分，差 < 6 分）"),
        "{}",
        w[0].message
    );
    // A level the rubric does not have.
    let text = filled(
        &template,
        &[("management.inputs.system.level", "\"较好\"")],
        "",
    );
    let (_, findings) = evaluate(&repo, &dept, &text);
    let f = with_code(&findings, "invalid-value");
    assert_eq!(f.len(), 1);
    assert!(
        f[0].message.contains("只能是 优、良、中、差"),
        "{}",
        f[0].message
    );
    // 重点工作 rows: levels in percent of the row's weight, at the rubric's severity (error).
    // 优 is 90%–100% of 20 = 18–20 points: 16 is outside.
    let text = filled(&template, &[], "").replacen("score = 18\n", "score = 16\n", 1);
    let (_, findings) = evaluate(&repo, &dept, &text);
    let f = with_code(&findings, "level-score-mismatch");
    assert_eq!(f.len(), 1, "{findings:#?}");
    assert_eq!(f[0].severity, Severity::Error);
    assert_eq!(
        f[0].message,
        "课程改革：评价等级「优」的得分范围为 分值的 90%–100%（18–20 分），得分 16.00 不在其中"
    );
}

#[test]
fn a_zero_denominator_reads_a_dash_in_text_json_and_check() {
    let dir = tempfile::tempdir().unwrap();
    let (repo, dept, template) = county_repo(dir.path());
    // 上年全年支出预算 0: last year's rate and its change cannot be computed.
    let text = filled(&template, &[("management.budget_total_prev", "0")], "");
    let (e, findings) = evaluate(&repo, &dept, &text);
    let prev = e.card.rate("carry_prev").unwrap();
    assert_eq!((prev.value(), prev.display()), (None, "—".to_string()));
    assert_eq!(prev.detail, "450.00 / 0.00 = —");
    let change = e.card.rate("carry_change").unwrap();
    assert_eq!(change.detail, "7.40% − — = —");
    let n = node(&e, "exec-group/carry");
    assert_eq!((n.computed, n.detail.as_str()), (None, "7.40% − — = —"));
    let f = with_code(&findings, "unscorable");
    assert_eq!(f.len(), 1, "{findings:#?}");
    assert!(
        f[0].message.contains("分母为 0（7.40% − — = —）"),
        "{}",
        f[0].message
    );

    let json = jixiao::cli::score_json(&e).to_string();
    assert!(json.contains(r#""detail":"450.00 / 0.00 = —""#), "{json}");
    assert!(json.contains(r#""display":"—""#), "{json}");
    let text_out = jixiao::cli::score_text(&e);
    assert!(text_out.contains("450.00 / 0.00 = —"), "{text_out}");
    let check_out = jixiao::cli::findings_text(&findings);
    for out in [&json, &text_out, &check_out] {
        assert!(!out.contains("NaN"), "{out}");
    }

    // 全年支出预算 0: every rate over it reads —, and the tiers and linear methods say why.
    let text = filled(&template, &[("budget.budget_total", "0")], "");
    let (e, findings) = evaluate(&repo, &dept, &text);
    assert_eq!(e.card.rate("exec").unwrap().detail, "4,700.00 / 0.00 = —");
    assert_eq!(e.card.rate("adjust_ratio").unwrap().detail, "10 / 0.00 = —");
    let f = with_code(&findings, "unscorable");
    assert!(
        f.iter()
            .any(|f| f.message.contains("无法计算预算执行率：分母")
                && f.message
                    .contains("为 0（4,700.00 / 0.00 = —），无法据此计分")),
        "{findings:#?}"
    );
    assert_eq!(node(&e, "exec-group/exec").actual, "—");
}

#[test]
fn the_seeds_difference_rate_reads_as_a_difference() {
    let (card, _) = common::evaluate(&seed_rubric(), &common::seed_record_text());
    let v = card.rate("variance").unwrap();
    assert!(v.detail.starts_with("|522,383.99 − "), "{}", v.detail);
    assert!(v.detail.ends_with("= 0.66%"), "{}", v.detail);
    assert_eq!(
        card.node("management/carryover").unwrap().detail,
        "本年 7.40% − 上年 11.25% = −3.85 个百分点"
    );
}

#[test]
fn a_score_typed_on_a_quantitative_row_of_the_seed_is_an_override() {
    // 第一时间处理群众受困求助等涉汛警情 ≥600起, 650起: the rule gives 4.00.
    let text = seed_with(
        "actual = \"650起\"\nweight = 4\n",
        "actual = \"650起\"\nweight = 4\nscore = 3.5\n",
    );
    let (card, findings) = common::evaluate(&seed_rubric(), &text);
    let n = card.node("targets/outputs/1").unwrap();
    assert_eq!((n.score, n.computed), (d("3.5"), Some(d("4.00"))));
    assert_eq!(with_code(&findings, "override-without-reason").len(), 1);
    assert_eq!(with_code(&findings, "override-differs").len(), 1);
    // 95.97 − 0.50 = 95.47.
    assert_eq!(card.total, d("95.47"));
}

#[test]
fn rubric_check_names_tiers_that_overlap_or_leave_gaps_and_bad_levels() {
    let bad = COUNTY
        .replace(
            "{ from = 90, to = 95, score = 8 },",
            "{ from = 90, to = 95, to_inclusive = true, score = 8 },",
        )
        .replace(
            "{ from = 80, to = 90, score = 6 },",
            "{ from = 80, to = 85, score = 6 },",
        )
        .replace(
            "{ name = \"良\", min = 7, max = 8.9 },",
            "{ name = \"良\", min = 7, max = 9 },",
        )
        .replace(
            "{ name = \"中\", min = 6, max = 6.9 },",
            "{ name = \"中\", min = 6.9, max = 6 },",
        )
        .replace(
            "numerator = \"input:adjust.amount\"",
            "numerator = \"input:amount\"",
        )
        .replace(
            "numerator = \"rate:carry\"",
            "numerator = \"rate:carry_later\"",
        );
    let problems: Vec<String> = rubric(&bad)
        .validate()
        .into_iter()
        .map(|p| p.to_string())
        .collect();
    for want in [
        "exec-group/exec: `tiers` 第 1 档与第 2 档重叠（95 同属两档）",
        "exec-group/exec: `tiers` 之间有空档：85 至 90 不在任何一档内",
        "duties/work: ",
        "mgmt/system: `levels` 等级「优」与「良」的得分范围重叠（9）",
        "mgmt/system: `levels` 等级「中」的 `max` 小于 `min`",
        "rate.adjust_ratio: `input:amount` 须写成 `input:指标id.名称`",
        "rate.carry_change: `rate:carry_later` 须是写在本比率之前的 [[rate]]",
    ] {
        if want == "duties/work: " {
            // The percent levels of 重点工作 are sound.
            assert!(!problems.iter().any(|p| p.contains(want)), "{problems:#?}");
        } else {
            assert!(
                problems.iter().any(|p| p.contains(want)),
                "{want} in {problems:#?}"
            );
        }
    }
    // The county rubric itself has none.
    assert_eq!(rubric(COUNTY).validate(), vec![]);
}

#[test]
fn the_seed_with_a_zero_budget_reads_a_dash_and_an_override_quotes_the_ratio() {
    // 全年支出预算 0: 资金总体 cannot be computed; its detail and the error say so with "—".
    let text = seed_with("budget_total = 576431.54 ", "budget_total = 0 ");
    let (card, findings) = common::evaluate(&seed_rubric(), &text);
    let n = card.node("budget/overall").unwrap();
    assert_eq!(
        (n.computed, n.detail.as_str()),
        (None, "522,383.99 / 0.00 = —")
    );
    assert_eq!(card.rate("budget_execution").unwrap().display(), "—");
    let f = with_code(&findings, "unscorable");
    assert!(
        f.iter()
            .any(|f| f.message == "资金总体：全年支出预算为 0，无法计算（522,383.99 / 0.00 = —）"),
        "{findings:#?}"
    );
    // An override of 资金总体 (ratio): 18.12 computed, 19.00 set.
    let text = format!(
        "{}\n[budget.inputs.overall]\noverride = {{ score = 19, reason = \"专家组认为追加预算不应扣分\" }}\n",
        common::seed_record_text()
    );
    let (card, findings) = common::evaluate(&seed_rubric(), &text);
    assert_eq!(card.total, d("96.85"));
    let w = with_code(&findings, "override-differs");
    assert_eq!(w.len(), 1, "{findings:#?}");
    assert_eq!(
        w[0].message,
        "资金总体：调整分 19.00 与按评分标准计算的 18.12 分不同（完成值 / 指标值 × 分值，不超过分值：522,383.99 / 576,431.54 = 90.62%）；理由：专家组认为追加预算不应扣分"
    );
}

#[test]
fn the_editor_asks_for_the_level_and_checks_the_score_against_it() {
    use common::tui::{go_to, key, screen, typed};
    use jixiao::tui::{App, Theme};
    use ratatui::crossterm::event::KeyCode;
    let dir = tempfile::tempdir().unwrap();
    let (repo, dept, _) = county_repo(dir.path());
    let mut app = App::edit(repo, Theme { color: false }, dept, 2024).unwrap();
    app.resize(80, 24);
    key(&mut app, KeyCode::Char('4'));
    go_to(&mut app, "评价等级");
    key(&mut app, KeyCode::Enter);
    typed(&mut app, "良");
    key(&mut app, KeyCode::Enter);
    go_to(&mut app, "评价分");
    key(&mut app, KeyCode::Enter);
    typed(&mut app, "9.5");
    key(&mut app, KeyCode::Enter);
    let s = screen(&app, 80, 24);
    assert!(s.contains("优/良/中/差"), "{s}");
    let ed = app.editor().unwrap();
    let inputs = ed
        .eval
        .record
        .inputs(jixiao::section::Section::Management, "system")
        .unwrap();
    assert_eq!(
        (inputs.level.as_str(), inputs.score.get()),
        ("良", Some(d("9.5")))
    );
    let findings = check::check(&ed.eval.rubric, &ed.eval.record, &ed.eval.card, Some(2024));
    let w = with_code(&findings, "level-score-mismatch");
    assert_eq!(w.len(), 1, "{findings:#?}");
    assert!(
        w[0].message
            .contains("「良」的得分范围为 7–8.9 分，得分 9.50 不在其中")
    );
}

#[test]
fn a_level_the_rubric_gives_no_range_for_is_reported_not_ignored() {
    // Beijing's 效果 rubric has no levels: a level typed on 提升交通安全能力 does not count.
    let text = seed_with("score = 5.00\n", "score = 5.00\nlevel = \"优\"\n");
    let (card, findings) = common::evaluate(&seed_rubric(), &text);
    assert_eq!(card.total, d("95.97"));
    let w = with_code(&findings, "level-ignored");
    assert_eq!(w.len(), 1, "{findings:#?}");
    assert_eq!(w[0].field, "targets.indicators[7].level");
}

#[test]
fn a_narrative_citing_a_rate_to_three_decimals_is_held_to_three() {
    // 预算调剂率 is a ratio to three decimals (0.002): a sentence citing 0.002 agrees with it,
    // one citing 0.003 does not, and the warning shows the rate as the rubric writes it.
    let rubric = common::rubric(&format!(
        "{COUNTY}\n[[narrative]]\nid = \"budget.text\"\nlabel = \"情况说明\"\n"
    ));
    let record = |sentence: &str| {
        format!(
            "rubric = \"county-levels-2024\"\n[overview]\nname = \"某县教育局\"\n[budget]\nbudget_total = 5000.00\nspent_total = 4700.00\ntext = \"{sentence}\"\n[budget.inputs.adjust]\namount = 10.00\n"
        )
    };
    let cited = |sentence: &str| {
        let (_, findings) = common::evaluate(&rubric, &record(sentence));
        findings
            .into_iter()
            .filter(|f| f.code == "narrative-rate")
            .map(|f| f.message)
            .collect::<Vec<_>>()
    };
    assert_eq!(cited("全年预算调剂率为0.002。"), Vec::<String>::new());
    assert_eq!(
        cited("全年预算调剂率为0.003。"),
        [
            "叙述写「预算调剂率为0.003」，按填报数计算预算调剂率为 0.002（10.00 / 5,000.00，四舍五入）"
        ]
    );
    // A percentage to two decimals stays as it was: 94.00%.
    assert_eq!(cited("预算执行率为94.00%。"), Vec::<String>::new());
}
