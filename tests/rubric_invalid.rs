//! A rubric that `jixiao rubric check` rejects is never used: `score`, `check`, `commit`,
//! `list`, `export`, `new` refuse it, naming the file and listing its problems, and print no
//! total; a revision saved under an invalid rubric shows the problems in `log`, not a score.

mod common;
mod support;

use common::tui::{screen, wait_loaded};
use jixiao::tui::{App, Theme};
use support::{Fixture, dept, jixiao, seed};

const RUBRIC: &str = "beijing-department-2023";

fn run(f: &Fixture, args: &[&str]) -> (i32, String) {
    let o = jixiao(f.path()).args(args).output().unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(!err.contains("panicked"), "jixiao {args:?} panicked: {err}");
    (
        o.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&o.stdout).into_owned() + &err,
    )
}

/// Replaces the first occurrence of `from`, which must exist.
fn first(text: &str, from: &str, to: &str) -> String {
    assert!(text.contains(from), "`{from}` not in the rubric");
    text.replacen(from, to, 1)
}

/// Each mistake, as an edit of Beijing's rubric, with the problem `rubric check` lists.
fn cases() -> Vec<(&'static str, &'static str, &'static str, &'static str)> {
    vec![
        (
            "children's weights",
            "name = \"资金总体\"\nweight = 20",
            "name = \"资金总体\"\nweight = 21",
            "budget: 下级指标的 `weight` 合计 21，不等于本指标的 `weight` 20：两者须相等",
        ),
        (
            "total = 0",
            "total = 100",
            "total = 0",
            "rubric: `total` 为 0：总分须大于 0",
        ),
        (
            "step = 0",
            "step = 10",
            "step = 0",
            "management/variance: threshold_excess 的 `step` 为 0：须大于 0",
        ),
        (
            "inverted band",
            "{ from = 200, to = 300, deduct = 10 }",
            "{ from = 300, to = 200, deduct = 10 }",
            "budget/overall: `bands` 第 1 档的 `to` 不大于 `from`（区间倒置）：须 from < to",
        ),
        (
            "rate of itself",
            "numerator = \"field:budget.spent_basic\"",
            "numerator = \"rate:basic_execution\"",
            "rate.basic_execution: `rate:basic_execution` 指向比率自身",
        ),
        (
            "zero weight",
            "weight = 1\nexplanation = \"财务管理制度健全性",
            "weight = 0\nexplanation = \"财务管理制度健全性",
            "management/finance/finance-system: `weight` 为 0：分值须大于 0",
        ),
        // Issue 9 item 5: a group in a section that lists no indicators.
        (
            "group in the conclusion",
            "name = \"预算管理情况\"\nweight = 20\nsection = \"management\"",
            "name = \"预算管理情况\"\nweight = 20\nsection = \"conclusion\"",
            "management: `section` 为 `conclusion`（总体评价结论），该节不列指标",
        ),
        // An open group's table placed by a narrative of another section.
        (
            "open table in another section",
            "then = [\"figures\"]\ntemplate = \"截至",
            "then = [\"figures\", \"indicators:outputs\"]\ntemplate = \"截至",
            "narrative[10].then: 开放指标 `outputs` 属于「整体绩效目标实现情况」部分",
        ),
        // Issue 9 items 2–4: columns, inputs and heads that nothing can use.
        (
            "column of no open group",
            "partial = \"floor\"",
            "partial = \"floor\"\n\n[[column]]\nid = \"core\"\nlabel = \"是否核心指标\"\nkind = \"flag\"\ngroups = [\"finance\"]",
            "column[0].groups: `finance` 不是指标体系中的开放指标（open = true）",
        ),
        (
            "input nothing reads",
            "partial = \"floor\"",
            "partial = \"floor\"\n\n[[indicator.input]]\nname = \"ratio\"\nlabel = \"调剂比例\"\ndecimals = 4",
            "management/variance: [[indicator.input]] `ratio` 没有被评分办法或比率读取",
        ),
        (
            "unknown placeholder in a caption",
            "caption = \"{year} 年度{short}预算执行情况\"",
            "caption = \"{year} 年度{shrt}预算执行情况\"",
            "execution_table.caption: `{shrt}` 既不是已声明的数字",
        ),
        (
            "two heads",
            "heads = [\"预算数\", \"执行数\", \"预算执行率\"]",
            "heads = [\"预算数\", \"执行数\"]",
            "budget/overall: `heads` 有 2 个列名：须恰好 3 个",
        ),
    ]
}

/// Output that shows a score: the score table, a commit's Score line, a list row's total.
fn shows_a_score(out: &str) -> bool {
    ["综合评价等级", "Score:", "表 4", "95.97", "优"]
        .iter()
        .any(|s| out.contains(s))
}

#[test]
fn every_command_refuses_each_invalid_rubric_and_lists_its_problems() {
    let f = Fixture::new();
    let bj = dept("bj-traffic");
    f.write(&bj, 2023, seed());
    let path = f.repo.rubric_path(RUBRIC);
    let good = std::fs::read_to_string(&path).unwrap();
    let (code, out) = run(&f, &["score", "bj-traffic", "2023"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("95.97"), "{out}");

    for (what, from, to, problem) in cases() {
        std::fs::write(&path, first(&good, from, to)).unwrap();
        let (code, out) = run(&f, &["rubric", "check", RUBRIC]);
        assert_eq!(code, 1, "{what}: {out}");
        assert!(out.contains(problem), "{what}: `{problem}` in\n{out}");
        for args in [
            &["score", "bj-traffic", "2023"][..],
            &["score", "bj-traffic", "2023", "--json"],
            &["check", "bj-traffic", "2023"],
            &["commit", "bj-traffic", "2023", "-m", "录入"],
            &["export", "bj-traffic", "2023", "-o", "-", "--format", "md"],
        ] {
            let (code, out) = run(&f, args);
            assert_ne!(code, 0, "{what}: {args:?} accepted it:\n{out}");
            assert!(
                out.contains("rubrics/beijing-department-2023.toml")
                    && out.contains("不能用于评分")
                    && out.contains(problem),
                "{what}: {args:?} does not name the file and the problem:\n{out}"
            );
            assert!(
                !shows_a_score(&out),
                "{what}: {args:?} printed a score:\n{out}"
            );
        }
        // Nothing was committed.
        assert_eq!(
            f.git(&["rev-list", "--all", "--count"]).trim(),
            "0",
            "{what}"
        );
        // `list` shows the record with the error, not a total.
        let (code, out) = run(&f, &["list"]);
        assert_eq!(code, 0, "{out}");
        assert!(
            out.contains("不能用于评分") && !shows_a_score(&out),
            "{what}: {out}"
        );
        // A new record is not made from it either.
        let (code, out) = run(&f, &["new", "x", "2024", "--name", "某局"]);
        assert_ne!(code, 0, "{what}: {out}");
        assert!(out.contains(problem), "{what}: {out}");
    }
    std::fs::write(&path, &good).unwrap();
    let (code, out) = run(&f, &["commit", "bj-traffic", "2023", "-m", "录入"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("总分：— → 95.97（优）"), "{out}");
    // The rubrics of this repository were never committed: the save says so.
    assert!(
        out.contains("注意：rubrics/beijing-department-2023.toml 未纳入版本库"),
        "{out}"
    );
}

#[test]
fn a_revision_saved_under_an_invalid_rubric_shows_its_problems_not_a_total() {
    let f = Fixture::new();
    let bj = dept("bj-traffic");
    let path = f.repo.rubric_path(RUBRIC);
    let good = std::fs::read_to_string(&path).unwrap();
    f.git(&["add", "rubrics"]);
    f.git(&["commit", "-q", "-m", "指标体系"]);
    // With plain git: an invalid rubric and a record scored with it, whose trailer claims
    // a total (as an older jixiao would have written).
    let bad = first(
        &good,
        "name = \"资金总体\"\nweight = 20",
        "name = \"资金总体\"\nweight = 21",
    );
    std::fs::write(&path, &bad).unwrap();
    f.write(&bj, 2023, seed());
    f.git(&["add", "rubrics", "records"]);
    f.git(&[
        "commit",
        "-q",
        "-m",
        "录入\n\nRecord: bj-traffic/2023\nScore: none -> 96.88 (优)",
    ]);
    let bad_rev = f.git(&["rev-parse", "HEAD"]).trim().to_string();
    std::fs::write(&path, &good).unwrap();
    f.git(&["commit", "-q", "-am", "改正指标体系"]);
    let (code, out) = run(&f, &["commit", "bj-traffic", "2023", "-m", "复核"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("没有要提交的改动"), "{out}");
    f.write(
        &bj,
        2023,
        &support::with_asset_override(seed(), "4.00", "复核"),
    );
    let (code, out) = run(&f, &["commit", "bj-traffic", "2023", "-m", "复核"]);
    assert_eq!(code, 0, "{out}");

    for rescore in [false, true] {
        let revs = jixiao::store::log_with(&f.repo, &bj, 2023, rescore).unwrap();
        assert_eq!(revs.len(), 2, "{revs:#?}");
        assert_eq!(revs[1].id, bad_rev);
        assert_eq!((revs[1].total, revs[1].grade.as_deref()), (None, None));
        let e = revs[1].error.as_deref().unwrap_or_default();
        assert!(
            e.contains("rubrics/beijing-department-2023.toml")
                && e.contains(&bad_rev[..7])
                && e.contains("budget: 下级指标的 `weight` 合计 21"),
            "{e}"
        );
        assert_eq!(revs[0].total.map(|t| t.to_string()), Some("96.47".into()));
        // No delta from a revision without a total.
        assert_eq!(revs[0].delta, None);
    }
    let (code, out) = run(&f, &["log", "bj-traffic", "2023"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("未评分：") && !out.contains("96.88"), "{out}");
    let (code, out) = run(&f, &["log", "bj-traffic", "2023", "--json"]);
    assert_eq!(code, 0, "{out}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["revisions"][1]["total"], serde_json::Value::Null);
    assert!(
        v["revisions"][1]["error"]
            .as_str()
            .unwrap()
            .contains("不能用于评分")
    );
    let h = jixiao::tui::review::History::load(&f.repo, &bj, 2023).unwrap();
    assert!(
        h.lines[1].contains("—") && h.lines[1].contains("〔指标体系无效，未评分〕录入"),
        "{:?}",
        h.lines
    );
    // diff and blame refuse to score it; a draft on it says it was not scored.
    let (code, out) = run(&f, &["diff", "bj-traffic", "2023", &bad_rev, "HEAD"]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("不能用于评分") && !out.contains("96.88"),
        "{out}"
    );
    jixiao::store::draft(&f.repo, &bj, 2023, "初稿", Some(&bad_rev)).unwrap();
    let drafts = jixiao::store::drafts(&f.repo, &bj, 2023).unwrap();
    assert!(
        drafts[0].message.contains("指标体系无效，未评分"),
        "{drafts:#?}"
    );
    let (code, out) = run(&f, &["blame", "bj-traffic", "2023"]);
    assert_eq!(code, 0, "{out}");
}

#[test]
fn the_terminal_ui_refuses_an_invalid_rubric_too() {
    let f = Fixture::new();
    let bj = dept("bj-traffic");
    f.write(&bj, 2023, seed());
    let path = f.repo.rubric_path(RUBRIC);
    let good = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, first(&good, "total = 100", "total = 0")).unwrap();
    let theme = Theme { color: false };
    match App::edit(f.repo.clone(), theme, bj.clone(), 2023) {
        Ok(_) => panic!("the editor opened a record scored with an invalid rubric"),
        Err(e) => {
            let e = e.to_string();
            assert!(
                e.contains("不能用于评分") && e.contains("rubric: `total` 为 0：总分须大于 0"),
                "{e}"
            );
        }
    }
    let mut app = App::home(f.repo.clone(), theme);
    app.resize(160, 20);
    wait_loaded(&mut app);
    let s = screen(&app, 160, 20);
    assert!(
        s.contains("bj-traffic  2023 （指标体系 beijing-depart"),
        "{s}"
    );
    assert!(!s.contains("95.97"), "{s}");
    // Opening it says why, with the file and the problem, and stays on the home screen.
    common::tui::key(&mut app, ratatui::crossterm::event::KeyCode::Enter);
    let s = screen(&app, 160, 20);
    assert!(
        s.contains("beijing-department-2023.toml") && s.contains("不能用于评分"),
        "{s}"
    );
    assert!(app.editor().is_none());
}

#[test]
fn a_zero_total_a_rate_of_itself_and_inverted_tiers_are_problems() {
    let r = common::rubric(
        r#"name = "t"
total = 0

[[grade]]
name = "差"
min = 0

[[rate]]
id = "loop"
name = "自指率"
numerator = "rate:loop"
denominator = "field:budget.budget_total"

[[indicator]]
id = "g"
name = "管理"
weight = 0
section = "management"

[[indicator]]
id = "x"
parent = "g"
name = "档次"
weight = 0

[indicator.method]
kind = "tiers"
value = "input:v"
tiers = [{ from = 90, to = 80, score = 0 }]
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
    has("rubric", "`total` 为 0：总分须大于 0");
    has("rate.loop", "`rate:loop` 指向比率自身");
    has("g", "`weight` 为 0");
    has("g/x", "`weight` 为 0");
    has("g/x", "`tiers` 第 1 档的 `to` 小于 `from`");
    // A grade above the total can never be given.
    let r = common::rubric(&common::seed_rubric_text().replacen("min = 90", "min = 120", 1));
    assert_eq!(
        r.validate()
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>(),
        vec!["rubric: 等级 `优` 的 `min` 为 120，超过 `total` 100：等级下限须不超过总分"]
    );
}
