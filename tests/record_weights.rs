//! A record-defined group's weight set per record within the rubric's bounds (issue 9 item
//! 5): a self-evaluation form whose 90 points of 绩效指标 each project splits between 产出 and
//! 效益 as it sees fit, within `weight_min`–`weight_max`, the split adding up to 90.

mod common;

use std::path::Path;

const RUBRIC: &str = r#"
name = "split-2024"
title = "某市项目支出绩效自评表"
total = 100

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

[[indicator]]
id = "exec"
name = "预算执行"
weight = 10
section = "budget"

[[indicator]]
id = "rate"
parent = "exec"
name = "预算执行率"
weight = 10

[indicator.method]
kind = "qualitative"

[[indicator]]
id = "perf"
name = "绩效指标"
weight = 90
section = "targets"

[[indicator]]
id = "output"
parent = "perf"
name = "产出指标"
weight = 50
weight_min = 40
weight_max = 60
open = true

[indicator.method]
kind = "target"

[[indicator]]
id = "effect"
parent = "perf"
name = "效益指标"
weight = 40
weight_min = 30
weight_max = 50
open = true

[indicator.method]
kind = "target"
percent_max = 100
"#;

fn record(w1: &str, w2: &str, w3: &str) -> String {
    format!(
        r#"rubric = "split-2024"
[overview]
name = "某培训项目"
[budget.inputs.rate]
score = 9.5
basis = "执行率 95%"
[[targets.indicators]]
parent = "output"
name = "举办培训班"
target = "≥100个"
actual = "120个"
weight = {w1}
[[targets.indicators]]
parent = "output"
name = "开发课程"
target = "≥20个"
actual = "18个"
weight = {w2}
[[targets.indicators]]
parent = "effect"
name = "学员满意度"
target = "≥90%"
actual = "95%"
weight = {w3}
"#
    )
}

fn mismatches(findings: &[jixiao::finding::Finding]) -> Vec<String> {
    findings
        .iter()
        .filter(|f| f.code == "rubric-mismatch")
        .map(|f| f.message.clone())
        .collect()
}

#[test]
fn a_record_splits_the_groups_weight_within_the_bounds() {
    let rubric = common::rubric(RUBRIC);
    assert!(rubric.validate().is_empty(), "{:?}", rubric.validate());
    // 产出 30 + 25 = 55 (in 40–60), 效益 35 (in 30–50): 55 + 35 = 90.
    // By hand: 举办培训班 120 ≥ 100 → 30.00 (capped); 开发课程 18 / 20 × 25 = 22.50;
    // 学员满意度 95% ≥ 90% → 35.00; 预算执行率 9.50. 产出 52.50 of 55 (95.45%), 效益 35.00 of 35,
    // 绩效指标 87.50 of 90 (97.22%); total 9.50 + 87.50 = 97.00, 优.
    let (card, findings) = common::evaluate(&rubric, &record("30", "25", "35"));
    assert!(mismatches(&findings).is_empty(), "{findings:#?}");
    assert!(card.complete);
    assert_eq!(card.total, common::d("97.00"));
    assert_eq!(card.grade, "优");
    let output = card.node("perf/output").expect("产出");
    assert_eq!(output.weight, common::d("55"));
    assert_eq!(output.score, common::d("52.50"));
    assert_eq!(output.rate(), Some(common::d("95.45")));
    let effect = card.node("perf/effect").expect("效益");
    assert_eq!(effect.weight, common::d("35"));
    let perf = card.node("perf").expect("绩效指标");
    assert_eq!(perf.weight, common::d("90"));
    assert_eq!(perf.score, common::d("87.50"));
    assert_eq!(perf.rate(), Some(common::d("97.22")));
}

#[test]
fn a_split_that_does_not_add_up_or_leaves_the_bounds_is_an_error() {
    let rubric = common::rubric(RUBRIC);
    // 55 + 45 = 100 ≠ 90: each within its bounds, the split does not add up.
    let (_, findings) = common::evaluate(&rubric, &record("30", "25", "45"));
    assert_eq!(
        mismatches(&findings),
        vec![
            "绩效指标：下级指标分值 产出指标 55 + 效益指标 45 合计 100，与指标体系规定的分值 90 不符"
        ]
    );
    assert!(jixiao::check::has_errors(&findings));
    // 65 + 25 = 90, but 产出 above 60 and 效益 below 30.
    let (_, findings) = common::evaluate(&rubric, &record("30", "35", "25"));
    assert_eq!(
        mismatches(&findings),
        vec![
            "产出指标：记录中 2 个指标的分值合计 65，超出指标体系允许的范围 40–60",
            "效益指标：记录中 1 个指标的分值合计 25，超出指标体系允许的范围 30–50",
        ]
    );
    // Without bounds the rubric's weight is fixed, as before.
    let fixed = RUBRIC
        .replace("weight_min = 40\nweight_max = 60\n", "")
        .replace("weight_min = 30\nweight_max = 50\n", "");
    let (_, findings) = common::evaluate(&common::rubric(&fixed), &record("30", "25", "35"));
    assert_eq!(
        mismatches(&findings),
        vec![
            "产出指标：记录中 2 个指标的分值合计 55，与指标体系规定的分值 50 不符",
            "效益指标：记录中 1 个指标的分值合计 35，与指标体系规定的分值 40 不符",
        ]
    );
}

#[test]
fn bounds_the_rubric_gets_wrong_are_refused() {
    for (from, to, says) in [
        ("weight_min = 40\n", "", "须同时给出"),
        (
            "weight_max = 60\n",
            "weight_max = 45\n",
            "weight_min ≤ weight ≤ weight_max",
        ),
        (
            "weight_min = 40\nweight_max = 60\nopen = true\n",
            "weight_min = 40\nweight_max = 60\n",
            "只用于 `open = true`",
        ),
    ] {
        let text = RUBRIC.replacen(from, to, 1);
        let e = jixiao::rubric::Rubric::parse(Path::new("split-2024.toml"), &text)
            .expect_err("bad bounds");
        let m = e.to_string();
        assert!(m.contains(says) && m.contains("weight_min"), "{m}");
    }
}

#[test]
fn the_new_records_template_gives_the_bounds() {
    let rubric = common::rubric(RUBRIC);
    let text = jixiao::record::template::new_record(&rubric, "某培训项目", 2024);
    assert!(
        text.contains("# 产出指标（40–60 分）：每个三级指标一个 [[targets.indicators]]"),
        "{text}"
    );
    assert!(
        text.contains("# 效益指标（30–50 分）：每个三级指标一个 [[targets.indicators]]"),
        "{text}"
    );
}
