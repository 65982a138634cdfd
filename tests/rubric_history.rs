//! Old revisions keep the scores of the rubric they were saved under: `log`, `diff`, `blame`
//! and drafts read `rubrics/NAME.toml` from each commit, say where the rubric changed and how
//! much of a move it made; `--rubric-now` scores with today's rubric for comparison.

mod support;

use jixiao::repo::Dept;
use jixiao::store::{self, LogOptions, SaveRequest};
use rust_decimal::Decimal;
use serde_json::Value;
use support::{Fixture, dept, jixiao, replace_once, seed, with_asset_override};

fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

fn save(f: &Fixture, dept: &Dept, year: u16, text: &str, summary: &str) -> String {
    let req = SaveRequest {
        dept,
        year,
        text,
        // A text derived from the record as it stands at HEAD.
        base: store::head_base(&f.repo, dept, year).unwrap(),
        file_base: None,
        summary,
    };
    match store::save(&f.repo, &req).unwrap() {
        store::SaveOutcome::Committed { rev, .. } => rev,
        other => panic!("not committed: {other:?}"),
    }
}

/// Commits the working tree's rubrics with plain git, as a person editing a rubric does.
fn commit_rubrics(f: &Fixture, message: &str) {
    f.git(&["add", "rubrics"]);
    f.git(&["commit", "-q", "-m", message]);
}

fn edit_rubric(f: &Fixture, name: &str, edits: &[(&str, &str)]) {
    let path = f.repo.rubric_path(name);
    let mut text = std::fs::read_to_string(&path).unwrap();
    for (from, to) in edits {
        text = replace_once(&text, from, to);
    }
    std::fs::write(&path, text).unwrap();
}

fn run(f: &Fixture, args: &[&str]) -> (i32, String) {
    let o = jixiao(f.path()).args(args).output().unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(!err.contains("panicked"), "jixiao {args:?} panicked: {err}");
    (
        o.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&o.stdout).into_owned() + &err,
    )
}

fn json(f: &Fixture, args: &[&str]) -> Value {
    let (code, out) = run(f, args);
    assert_eq!(code, 0, "{out}");
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}"))
}

/// Beijing's rubric with 当年预算执行情况 raised from 20 to 25 points and 结转结余 and 预决算差异
/// lowered from 4 to 2 and 1 (so 预算管理情况 is 15): the seed's 90.62% execution now gives
/// 22.66 instead of 18.12, and the two full-mark indicators 3 points instead of 8.
const BJ_EDIT: &[(&str, &str)] = &[
    (
        "weight = 20\nsection = \"budget\"",
        "weight = 25\nsection = \"budget\"",
    ),
    (
        "name = \"资金总体\"\nweight = 20",
        "name = \"资金总体\"\nweight = 25",
    ),
    (
        "weight = 20\nsection = \"management\"",
        "weight = 15\nsection = \"management\"",
    ),
    (
        "name = \"结转结余率\"\nweight = 4",
        "name = \"结转结余率\"\nweight = 2",
    ),
    (
        "name = \"部门预决算差异率\"\nweight = 4",
        "name = \"部门预决算差异率\"\nweight = 1",
    ),
];

#[test]
fn history_keeps_the_scores_of_the_rubric_each_revision_was_saved_under() {
    let f = Fixture::new();
    let bj = dept("bj-traffic");
    let rubric = "beijing-department-2023";
    commit_rubrics(&f, "指标体系");
    let first = save(&f, &bj, 2023, seed(), "录入原报告");

    edit_rubric(&f, rubric, BJ_EDIT);
    assert_eq!(f.repo.load_rubric(rubric).unwrap().validate(), vec![]);
    commit_rubrics(&f, "调整指标体系权重");
    // Today's rubric scores the unchanged seed 95.51: 22.66 + 58.55 + (19.30 − 8 + 3).
    let today = f.repo.evaluate(&bj, 2023, seed()).unwrap();
    assert_eq!(today.card.total, d("95.51"));

    let second_text = with_asset_override(seed(), "4.00", "复核");
    let second = save(&f, &bj, 2023, &second_text, "复核资产管理");

    // log: the first revision keeps 95.97; the second is 96.01 (95.51 + 0.50), and of its
    // +0.04 the rubric made −0.46 (96.01 − 96.47, the second record under the old rubric).
    for rescore in [false, true] {
        let opts = LogOptions {
            rescore,
            rubric_now: false,
        };
        let revs = store::log_opts(&f.repo, &bj, 2023, opts).unwrap();
        assert_eq!(revs.len(), 2, "{revs:#?}");
        assert_eq!(
            (revs[1].id.as_str(), revs[1].total),
            (first.as_str(), Some(d("95.97")))
        );
        assert_eq!(revs[1].grade.as_deref(), Some("优"));
        assert!(!revs[1].rubric_changed);
        assert_eq!(
            (revs[0].id.as_str(), revs[0].total),
            (second.as_str(), Some(d("96.01")))
        );
        assert_eq!(revs[0].delta, Some(d("0.04")));
        assert!(revs[0].rubric_changed);
        assert_eq!(revs[0].rubric_delta, Some(d("-0.46")));
        assert_ne!(revs[0].rubric, revs[1].rubric);
        assert!(
            revs.iter()
                .all(|r| r.error.is_none() && r.total_now.is_none())
        );
    }
    let (code, out) = run(&f, &["log", "bj-traffic", "2023"]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains(
            "指标体系已修改：总分变动 +0.04 中，指标体系变化带来 -0.46，记录修改带来 +0.50"
        ),
        "{out}"
    );
    assert!(out.contains("95.97"), "{out}");
    assert!(!out.contains("按今日指标体系"), "{out}");

    // The terminal UI's history marks it too.
    let h = jixiao::tui::review::History::load(&f.repo, &bj, 2023).unwrap();
    assert!(
        h.lines[0].contains("96.01  +0.04 优 〔指标体系已修改〕复核资产管理"),
        "{:?}",
        h.lines
    );
    assert!(!h.lines[1].contains("指标体系"), "{:?}", h.lines);

    // --rubric-now: both revisions with today's rubric, for comparison.
    let v = json(&f, &["log", "bj-traffic", "2023", "--rubric-now", "--json"]);
    let revs = v["revisions"].as_array().unwrap();
    let row = |i: usize, k: &str| revs[i][k].clone();
    assert_eq!(
        (
            row(1, "total"),
            row(1, "total_now"),
            row(1, "rubric_changed")
        ),
        ("95.97".into(), "95.51".into(), false.into())
    );
    assert_eq!(
        (
            row(0, "total"),
            row(0, "total_now"),
            row(0, "rubric_changed")
        ),
        ("96.01".into(), "96.01".into(), true.into())
    );
    assert_eq!(
        (row(0, "delta"), row(0, "rubric_delta")),
        ("+0.04".into(), "-0.46".into())
    );
    let (_, out) = run(&f, &["log", "bj-traffic", "2023", "--rubric-now"]);
    assert!(out.contains("按今日指标体系：95.51（优）"), "{out}");

    // diff across the rubric change: move +0.04 = record +0.50 + rubric −0.46.
    let diff = store::diff_with(&f.repo, &bj, 2023, Some(&first), Some(&second), true).unwrap();
    let total = diff.total.as_ref().unwrap();
    assert_eq!((total.old, total.new), (Some(d("95.97")), Some(d("96.01"))));
    let c = diff.rubric_change.as_ref().unwrap();
    assert_eq!(
        (c.old_total, c.new_with_old_rubric, c.new_total),
        (d("95.97"), Some(d("96.47")), d("96.01"))
    );
    assert_eq!(
        (c.record_part, c.rubric_part),
        (Some(d("0.50")), Some(d("-0.46")))
    );
    let now = diff.rubric_now.as_ref().unwrap();
    assert_eq!((now.old_total, now.new_total), (d("95.51"), d("96.01")));
    // 资金总体 moved only through the rubric: 18.12 → 22.66.
    let overall = diff
        .scores
        .iter()
        .find(|s| s.path == "budget/overall")
        .unwrap();
    assert_eq!(
        (overall.old, overall.new),
        (Some(d("18.12")), Some(d("22.66")))
    );
    let (code, out) = run(&f, &["diff", "bj-traffic", "2023", &first, &second]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("指标体系已修改（rubrics/beijing-department-2023.toml")
            && out.contains("总分变动 +0.04 中，指标体系变化带来 -0.46，记录修改带来 +0.50"),
        "{out}"
    );
    assert!(
        out.contains(
            "旧记录按旧指标体系 95.97；新记录按旧指标体系 96.47；新记录按新指标体系 96.01"
        ),
        "{out}"
    );
    let v = json(
        &f,
        &[
            "diff",
            "bj-traffic",
            "2023",
            &first,
            &second,
            "--rubric-now",
            "--json",
        ],
    );
    assert_eq!(v["rubric_change"]["rubric_part"], "-0.46");
    assert_eq!(v["rubric_change"]["record_part"], "+0.50");
    assert_eq!(v["rubric_now"]["old_total"], "95.51");
    // The first revision against the working file (the second's text, today's rubric).
    let to_work = store::diff(&f.repo, &bj, 2023, Some(&first), None).unwrap();
    assert_eq!(to_work.total.unwrap().old, Some(d("95.97")));
    assert!(to_work.rubric_change.is_some());
    // Two revisions under the same rubric: nothing to say about it.
    let same = store::diff(&f.repo, &bj, 2023, Some(&second), None).unwrap();
    assert!(same.rubric_change.is_none() && same.is_empty());

    // A draft named now on the first revision gives the first revision's total.
    store::draft(&f.repo, &bj, 2023, "初稿", Some(&first)).unwrap();
    let drafts = store::drafts(&f.repo, &bj, 2023).unwrap();
    assert!(
        drafts[0].message.contains("总分 95.97（优）"),
        "{drafts:#?}"
    );

    // blame: 资金总体's 22.66 was set by the revision saved under the new rubric; an
    // indicator the rubric did not touch keeps the first revision.
    let rows = store::blame(&f.repo, &bj, 2023).unwrap();
    let row = |p: &str| rows.iter().find(|r| r.path == p).unwrap();
    assert_eq!(
        (
            row("budget/overall").score,
            row("budget/overall").rev.as_str()
        ),
        (d("22.66"), second.as_str())
    );
    assert_eq!(row("management/finance/finance-system").rev, first);

    // export --rev of the first revision reports it with the old rubric.
    let old = store::evaluate_at(&f.repo, &bj, 2023, &first).unwrap();
    assert_eq!(old.card.total, d("95.97"));

    // A save scored with a rubric edited but not committed says so: history would score it
    // with the committed one.
    edit_rubric(
        &f,
        rubric,
        &[("title = \"2023年度", "title = \"修订：2023年度")],
    );
    f.write(&bj, 2023, &with_asset_override(seed(), "3.20", "复核"));
    let (code, out) = run(&f, &["commit", "bj-traffic", "2023", "-m", "再复核"]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("注意：rubrics/beijing-department-2023.toml 有未提交的修改"),
        "{out}"
    );
}

/// other-province-2024 with 预算执行 raised from 40 to 50 points and 在职人员控制率 lowered
/// from 30 to 20 (the tiers still give at most 40).
const OTHER_EDIT: &[(&str, &str)] = &[
    (
        "weight = 40\nsection = \"budget\"",
        "weight = 50\nsection = \"budget\"",
    ),
    (
        "name = \"预算执行率\"\nweight = 40",
        "name = \"预算执行率\"\nweight = 50",
    ),
    (
        "weight = 60\nsection = \"management\"",
        "weight = 50\nsection = \"management\"",
    ),
    (
        "name = \"在职人员控制率\"\nweight = 30",
        "name = \"在职人员控制率\"\nweight = 20",
    ),
];

#[test]
fn a_new_record_of_another_provinces_rubric_across_a_rubric_edit() {
    let f = Fixture::new();
    let name = "other-province-2024";
    std::fs::write(
        f.repo.rubric_path(name),
        include_str!("data/other-province-2024.toml"),
    )
    .unwrap();
    commit_rubrics(&f, "某省指标体系");
    let water = dept("city-water");
    let path = f.repo.create_record(&water, 2024, "某局", name).unwrap();
    let empty = std::fs::read_to_string(&path).unwrap();
    let first = save(&f, &water, 2024, &empty, "新建");

    edit_rubric(&f, name, OTHER_EDIT);
    commit_rubrics(&f, "调整权重");
    let mut filled = empty.clone();
    for (from, to) in [
        ("budget_total = \"\"", "budget_total = 1000"),
        ("spent_total = \"\"", "spent_total = 920"),
        ("rate = \"\"", "rate = 103"),
        // Each input line says what it is (its part in the rule, as the rubric labels
        // neither) and what it takes (`# 达成数（最多 2 位小数）`).
        (
            "met = \"\"  # 达成数（最多 2 位小数）\ntotal = \"\"  # 总数（最多 2 位小数）",
            "met = 9\ntotal = 10",
        ),
    ] {
        filled = replace_once(&filled, from, to);
    }
    let second = save(&f, &water, 2024, &filled, "填写预算执行和管理");

    // Under the old rubric the filled record is 30 + 28.5 + 27 = 85.50; under the new one
    // 30 (the tiers still give 30 for 92%) + (20 − 1.5) + 27 = 75.50.
    let revs = store::log(&f.repo, &water, 2024).unwrap();
    assert_eq!(revs.len(), 2, "{revs:#?}");
    assert_eq!(
        (revs[1].id.as_str(), revs[1].total),
        (first.as_str(), Some(d("0.00")))
    );
    // The new record had no inputs: 未完成, never a grade.
    assert_eq!(revs[1].grade.as_deref(), Some("未完成"));
    assert_eq!(
        (revs[0].id.as_str(), revs[0].total),
        (second.as_str(), Some(d("75.50")))
    );
    assert_eq!(revs[0].grade.as_deref(), Some("中"));
    assert!(revs[0].rubric_changed && !revs[1].rubric_changed);
    assert_eq!(
        (revs[0].delta, revs[0].rubric_delta),
        (Some(d("75.50")), Some(d("-10.00")))
    );

    let diff = store::diff_with(&f.repo, &water, 2024, Some(&first), Some("HEAD"), true).unwrap();
    let c = diff.rubric_change.as_ref().unwrap();
    assert_eq!(
        (c.old_total, c.new_with_old_rubric, c.new_total),
        (d("0.00"), Some(d("85.50")), d("75.50"))
    );
    assert_eq!(
        (c.record_part, c.rubric_part),
        (Some(d("85.50")), Some(d("-10.00")))
    );
    let now = diff.rubric_now.as_ref().unwrap();
    assert_eq!((now.old_total, now.new_total), (d("0.00"), d("75.50")));
    assert_eq!(
        (now.old_grade.as_str(), now.new_grade.as_str()),
        ("差", "中")
    );
    let (code, out) = run(&f, &["diff", "city-water", "2024", &first, "HEAD"]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("总分变动 +75.50 中，指标体系变化带来 -10.00，记录修改带来 +85.50"),
        "{out}"
    );

    // The filled record exported at its revision, and with the CLI's --rubric-now.
    assert_eq!(
        store::evaluate_at(&f.repo, &water, 2024, "HEAD")
            .unwrap()
            .card
            .total,
        d("75.50")
    );
    let v = json(
        &f,
        &[
            "log",
            "city-water",
            "2024",
            "--rubric-now",
            "--rescore",
            "--json",
        ],
    );
    assert_eq!(v["revisions"][0]["total_now"], "75.50");
    assert_eq!(v["revisions"][1]["total"], "0.00");
    assert_eq!(v["revisions"][0]["rubric_delta"], "-10.00");
}

#[test]
fn a_rubric_gone_from_history_and_working_tree_leaves_the_trailer_with_a_note() {
    // The rubrics of this repository were never committed; then the file is removed.
    let f = Fixture::new();
    let bj = dept("bj-traffic");
    save(&f, &bj, 2023, seed(), "录入原报告");
    std::fs::remove_file(f.repo.rubric_path("beijing-department-2023")).unwrap();
    let revs = store::log(&f.repo, &bj, 2023).unwrap();
    assert_eq!(revs[0].total, Some(d("95.97")));
    let e = revs[0].error.as_deref().unwrap_or_default();
    assert!(e.contains("没有指标体系 `beijing-department-2023`"), "{e}");
    // Scored from the file, there is nothing to score it with.
    let revs = store::log_with(&f.repo, &bj, 2023, true).unwrap();
    assert_eq!(revs[0].total, None);
}
