//! Issue 9 items 4 and 5 under a rubric other than Beijing's (`tests/data/decision-2020.toml`,
//! 决策 / 过程 / 产出 / 效益): groups placed in the section that presents them (部门概况,
//! 当年预算执行情况 with an open group of its own), the form's own columns (是否核心指标,
//! 得分系数), values with more decimals where the rubric allows them, and 表 2 and the 附件 in
//! the rubric's words and units. The scores were computed by hand (the example's header).

mod common;

use common::tui::{ctrl, go_to, key, screen, typed};
use jixiao::record::doc;
use jixiao::repo::{Dept, Repo};
use jixiao::section::Section;
use jixiao::tui::form::{Kind, Style};
use jixiao::tui::{App, Theme};
use ratatui::crossterm::event::KeyCode;
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::Path;
use std::process::{Command, Output};

const NAME: &str = "decision-2020";
const RUBRIC: &str = include_str!("data/decision-2020.toml");
const EXAMPLE: &str = include_str!("data/decision-2020-example.toml");

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

/// Every value of a record text below its section tables, as (dotted path, value); a row
/// of a table of rows field by field (`targets.indicators[2].name`), as an editor adds it.
fn leaves(text: &str) -> Vec<(String, toml_edit::Value)> {
    fn walk(prefix: &str, t: &toml_edit::Table, out: &mut Vec<(String, toml_edit::Value)>) {
        for (k, item) in t.iter() {
            let path = format!("{prefix}.{k}");
            match item {
                toml_edit::Item::Table(sub) => walk(&path, sub, out),
                toml_edit::Item::Value(v) => out.push((path, v.clone())),
                toml_edit::Item::ArrayOfTables(rows) => {
                    for (i, row) in rows.iter().enumerate() {
                        for (f, v) in row.iter() {
                            if let Some(v) = v.as_value() {
                                out.push((format!("{path}[{i}].{f}"), v.clone()));
                            }
                        }
                    }
                }
                _ => {}
            }
        }
    }
    let doc: toml_edit::DocumentMut = text.parse().expect("a record");
    let mut out = Vec::new();
    for (k, item) in doc.iter() {
        match item {
            toml_edit::Item::Table(t) => walk(k, t, &mut out),
            // `[[conclusion.problems]]` written at the top level of the example.
            toml_edit::Item::ArrayOfTables(_) => {}
            _ => {}
        }
    }
    out
}

/// A repository made by `jixiao init` with the rubric written beside the built-in ones and a
/// record made by `jixiao new`; returns the folder and the template `new` wrote.
fn new_record() -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().expect("temporary folder");
    let d = dir.path();
    assert!(jixiao(d, &["init"]).status.success());
    std::fs::write(d.join(format!("rubrics/{NAME}.toml")), RUBRIC).expect("rubric");
    let o = jixiao(d, &["rubric", "check", NAME]);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    let o = jixiao(
        d,
        &[
            "new",
            "px",
            "2024",
            "--name",
            "某培训中心",
            "--rubric",
            NAME,
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let template = std::fs::read_to_string(d.join("records/px/2024.toml")).expect("record");
    (dir, template)
}

/// The template filled in with the example's values, key by key.
fn fill(dir: &Path, template: &str) {
    let path = dir.join("records/px/2024.toml");
    let mut d = doc::parse(&path, template).expect("template parses");
    for (k, v) in leaves(EXAMPLE) {
        doc::set(&mut d, &k, v).unwrap_or_else(|e| panic!("{k}: {e}"));
    }
    std::fs::write(&path, d.to_string()).expect("write");
}

#[test]
fn new_asks_for_each_groups_inputs_in_the_section_that_presents_it() {
    let (dir, template) = new_record();
    // Sections in report order; 决策's inputs under 部门概况, 过程's under 当年预算执行情况.
    let at = |s: &str| {
        template
            .find(s)
            .unwrap_or_else(|| panic!("`{s}` not in\n{template}"))
    };
    assert!(at("[overview]") < at("[overview.inputs.d-goal]"));
    assert!(at("[overview.inputs.d-index]") < at("[budget]"));
    assert!(at("[budget]") < at("[budget.inputs.p-adjust]"));
    assert!(at("[budget.inputs.p-adjust]") < at("[targets]"));
    // The open group of 过程 lists its rows in the budget table.
    assert!(template.contains(
        "# 过程管理任务（10 分）：每个三级指标一个 [[budget.indicators]]，含 parent = \"p-tasks\""
    ));
    // The declared input: its label and its four decimals.
    assert!(
        template.contains("ratio = \"\"  # 预算调剂比例（最多 4 位小数）"),
        "{template}"
    );
    // The 产出 rows take both columns, the 效益 rows only 是否核心指标.
    assert!(template.contains(
        "另填 columns = { core = …（是否核心指标：true 是 / false 否）, coef = …（得分系数：数字，最多 2 位小数） }"
    ));
    assert!(template.contains(
        "# 效益指标（20 分）：每个三级指标一个 [[targets.indicators]]，含 parent = \"t-effect\"、name、target（≥600起 / 2023年12月底 / 有效提升）、actual、weight；定性指标另含 score 和 basis；另填 columns = { core = …（是否核心指标：true 是 / false 否） }"
    ));
    // Amounts in 元 and 万元: no single unit is claimed.
    assert!(template.contains("# 金额按各项注明的单位，写普通数字"));
    assert!(template.contains("transfer = \"\"  # 调剂金额（万元，可不填）"));

    // Empty, it asks for what this rubric uses, each in the section that presents it.
    let v = json(&jixiao(dir.path(), &["check", "px", "2024", "--json"]));
    let missing: BTreeSet<(String, String)> = v["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["code"] == "missing-input")
        .map(|f| {
            (
                f["section"].as_str().unwrap_or("").to_string(),
                f["field"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    let expected: BTreeSet<(String, String)> = [
        ("overview", "overview.inputs.d-goal.score"),
        ("overview", "overview.inputs.d-index.score"),
        ("budget", "budget.adjusted"),
        ("budget", "budget.spent"),
        ("budget", "budget.inputs.p-adjust.ratio"),
        ("budget", "budget.indicators"),
        ("targets", "targets.indicators"),
    ]
    .iter()
    .map(|(s, f)| (s.to_string(), f.to_string()))
    .collect();
    assert_eq!(missing, expected, "{v:#}");
}

#[test]
fn a_filled_record_scores_as_computed_by_hand_and_exports_in_the_rubrics_words() {
    let (dir, template) = new_record();
    let d = dir.path();
    fill(d, &template);
    let v = json(&jixiao(d, &["check", "px", "2024", "--json"]));
    assert_eq!(v["findings"].as_array().map(Vec::len), Some(0), "{v:#}");

    let v = json(&jixiao(d, &["score", "px", "2024", "--json"]));
    assert_eq!(v["total"], "91.34");
    assert_eq!(v["grade"], "优");
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
    assert_eq!(
        groups,
        vec![
            ("决策", "17.50", "87.50"),
            ("过程", "26.74", "89.13"),
            ("产出", "28.60", "95.33"),
            ("效益", "18.50", "92.50"),
        ]
    );
    let indicators = v["indicators"].as_array().expect("indicators");
    let by_name = |n: &str| {
        indicators
            .iter()
            .find(|i| i["name"] == n)
            .unwrap_or_else(|| panic!("{n}"))
    };
    assert_eq!(by_name("预算执行率")["score"], "9.50");
    assert_eq!(
        by_name("预算执行率")["detail"],
        "1,234,567.89 / 1,300,000.00 = 94.97%"
    );
    // The ratio as typed, with its four decimals.
    assert_eq!(by_name("预算调剂率")["actual"], "0.0025");
    assert_eq!(by_name("预算调剂率")["score"], "7.50");
    assert_eq!(by_name("内部审计整改完成率")["score"], "4.74");
    assert_eq!(
        by_name("培训人次")["columns"],
        serde_json::json!({"core": "是", "coef": "1.00"})
    );
    assert_eq!(
        by_name("课程开发")["columns"],
        serde_json::json!({"core": "否", "coef": "0.90"})
    );
    assert_eq!(
        by_name("学员满意度")["columns"],
        serde_json::json!({"core": "是"})
    );
    assert_eq!(by_name("培训成果应用")["columns"], serde_json::json!({}));

    let o = jixiao(d, &["export", "px", "2024", "--format", "md", "-o", "-"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let md = stdout(&o);
    // 表 2: the rubric's caption and heads, the unit its figures share.
    assert!(
        md.contains("表 1：2024 年度培训中心资金执行情况（单位：元）"),
        "{md}"
    );
    assert!(
        md.contains("| 资金 | 调整后预算数 | 实际支出数 | 执行率 |"),
        "{md}"
    );
    assert!(
        md.contains("| 合计 | 1,300,000.00 | 1,234,567.89 | 94.97% |"),
        "{md}"
    );
    assert!(!md.contains("万元）"), "{md}");
    // A figure to three decimals keeps them.
    assert!(md.contains("年内调剂金额 12.345 万元"), "{md}");
    // 表 3 lists the key tasks of every section's rows: 过程's first, then 产出's.
    let t3 = md
        .find("表 2：2024 年度培训中心重点任务完成情况")
        .expect("表 3, numbered 2, in the rubric's words");
    assert!(
        md[t3..].contains("| 序号 | 任务 | 目标值 | 实际完成值 |"),
        "{md}"
    );
    let first = md[t3..].find("完成年度预算编报").expect("budget row");
    let second = md[t3..].find("验收合格率").expect("targets row");
    assert!(first < second, "{md}");
    // The 附件: 过程's ratio heads with the figures' unit, the form's columns for 产出 and
    // 效益, a dash where the column is not the row's.
    assert!(
        md.contains("| 调整后预算数（元） | 实际支出数（元） | 预算执行率 |"),
        "{md}"
    );
    let annex = &md[md.find("评分表").expect("the 附件")..];
    let row = |name: &str| {
        annex
            .lines()
            .find(|l| l.contains(&format!("| {name} |")))
            .unwrap_or_else(|| panic!("{name}\n{annex}"))
            .to_string()
    };
    assert!(
        row("培训人次").contains("| 10 | 10.00 | 是 | 1.00 |"),
        "{}",
        row("培训人次")
    );
    assert!(
        row("课程开发").contains("| 10 | 9.00 | 否 | 0.90 |"),
        "{}",
        row("课程开发")
    );
    assert!(
        row("验收合格率").contains("| 10 | 9.60 | 是 |  |"),
        "{}",
        row("验收合格率")
    );
    assert!(
        row("学员满意度").contains("| 10 | 10.00 | 是 |"),
        "{}",
        row("学员满意度")
    );
    assert!(md.contains("是否核心指标 | 得分系数 | 指标解释"), "{md}");
    assert!(md.contains("| 合计 | 100 | 91.34 |"), "{md}");
}

#[test]
fn values_past_the_rubrics_decimals_are_refused_by_name() {
    let (dir, template) = new_record();
    let d = dir.path();
    fill(d, &template);
    let path = d.join("records/px/2024.toml");
    let text = std::fs::read_to_string(&path).expect("record");
    // Five decimals where the rubric allows four: an error naming the field and the rule.
    std::fs::write(&path, text.replacen("ratio = 0.0025", "ratio = 0.00255", 1)).expect("write");
    let v = json(&jixiao(d, &["check", "px", "2024", "--json"]));
    let errors: Vec<(&str, &str)> = v["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["severity"] == "error")
        .map(|f| {
            (
                f["field"].as_str().unwrap_or(""),
                f["message"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(
        errors,
        vec![(
            "budget.inputs.p-adjust.ratio",
            "预算调剂率：「预算调剂比例」0.00255 有 5 位小数，指标体系规定最多 4 位小数"
        )],
        "{v:#}"
    );
    let o = jixiao(d, &["export", "px", "2024", "--format", "md", "-o", "-"]);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    // A figure past its three decimals: the record does not load.
    std::fs::write(
        &path,
        text.replacen("transfer = 12.345", "transfer = 12.3456", 1),
    )
    .expect("write");
    let o = jixiao(d, &["score", "px", "2024"]);
    assert_eq!(o.status.code(), Some(1));
    let e = stderr(&o);
    assert!(
        e.contains("budget.transfer") && e.contains("「12.3456」超过 3 位小数"),
        "{e}"
    );
    // Two decimals are enough where the rubric says nothing: 得分系数 0.955 is refused.
    std::fs::write(&path, text.replacen("coef = 0.90", "coef = 0.905", 1)).expect("write");
    let o = jixiao(d, &["score", "px", "2024"]);
    assert_eq!(o.status.code(), Some(1));
    let e = stderr(&o);
    assert!(
        e.contains("targets.indicators[1].columns.coef") && e.contains("超过 2 位小数"),
        "{e}"
    );
    // A column the row's group does not have.
    std::fs::write(
        &path,
        text.replacen(
            "score = 8.50\nbasis = \"成果应用案例偏少。\"",
            "score = 8.50\nbasis = \"成果应用案例偏少。\"\ncolumns = { coef = 1 }",
            1,
        ),
    )
    .expect("write");
    let o = jixiao(d, &["score", "px", "2024"]);
    assert_eq!(o.status.code(), Some(1));
    let e = stderr(&o);
    assert!(
        e.contains(
            "`coef` 不是指标体系为 `t-effect` 下的指标声明的列（[[column]]）；可用：`core`（是否核心指标）"
        ),
        "{e}"
    );
}

/// The editor open on the record `new_record` made, filled in when `filled`.
fn editor(filled: bool) -> (tempfile::TempDir, App) {
    let (dir, template) = new_record();
    if filled {
        fill(dir.path(), &template);
    }
    let repo = Repo::at(dir.path());
    let dept = Dept::parse("px").expect("dept");
    let mut app = App::edit(repo, Theme { color: false }, dept, 2024).expect("editor");
    app.resize(120, 40);
    (dir, app)
}

fn headings(app: &mut App) -> Vec<String> {
    let ed = app.editor().expect("editor");
    ed.rows
        .iter()
        .filter(|r| r.style == Style::Heading)
        .map(|r| r.cells[0].text.clone())
        .collect()
}

#[test]
fn the_editor_shows_each_group_in_its_section_with_its_score() {
    let (_d, mut app) = editor(true);
    // 部门概况 holds 决策: its heading with the score, and the evaluator's scores to type.
    let h = headings(&mut app);
    assert!(
        h.contains(&"决策（20 分）  得分 17.50".to_string()),
        "{h:#?}"
    );
    let ed = app.editor().expect("editor");
    let cell = ed
        .rows
        .iter()
        .flat_map(|r| &r.cells)
        .find(|c| c.path == "overview.inputs.d-index.score")
        .expect("决策's score cell in 部门概况");
    assert_eq!(cell.text, "8.50");
    // 当年预算执行情况 holds 过程: the ratio input takes four decimals, its rows are there.
    key(&mut app, KeyCode::Char('2'));
    let h = headings(&mut app);
    assert!(
        h.contains(&"过程（30 分）  得分 26.74".to_string()),
        "{h:#?}"
    );
    let ed = app.editor().expect("editor");
    let ratio = ed
        .rows
        .iter()
        .find(|r| {
            r.cells
                .iter()
                .any(|c| c.path == "budget.inputs.p-adjust.ratio")
        })
        .expect("the ratio's row");
    assert_eq!(ratio.cells[0].text, "预算调剂比例");
    assert_eq!(ratio.cells[1].kind, Kind::Figure { decimals: 4 });
    assert_eq!(ratio.cells[1].text, "0.0025");
    assert!(
        ed.rows
            .iter()
            .flat_map(|r| &r.cells)
            .any(|c| c.path == "budget.indicators[1].actual" && c.text == "90%")
    );
    // 整体绩效目标实现情况: the 产出 table has the form's columns, 效益's only 是否核心指标.
    key(&mut app, KeyCode::Char('3'));
    let ed = app.editor().expect("editor");
    let heads: Vec<Vec<String>> = ed
        .rows
        .iter()
        .filter(|r| r.style == Style::Header)
        .map(|r| r.cells.iter().map(|c| c.text.clone()).collect())
        .collect();
    assert_eq!(heads.len(), 2, "{heads:#?}");
    assert_eq!(heads[0][7..], ["是否核心指标", "得分系数", "得分"]);
    assert_eq!(heads[1][7..], ["是否核心指标", "得分"]);
    let row = ed
        .rows
        .iter()
        .find(|r| r.cells.first().is_some_and(|c| c.text == "课程开发"))
        .expect("课程开发");
    let texts: Vec<&str> = row.cells[7..].iter().map(|c| c.text.as_str()).collect();
    assert_eq!(texts, ["否", "0.90", "9.00"]);
    // 预算管理情况 presents no group: no score heading there.
    key(&mut app, KeyCode::Char('4'));
    let h = headings(&mut app);
    assert!(!h.iter().any(|x| x.contains("得分")), "{h:#?}");
}

/// Moves the cursor right until it is on the cell of column `column`.
fn to_column(app: &mut App, column: &str) {
    for _ in 0..20 {
        let here = app
            .editor()
            .and_then(|e| e.current_cell().map(|c| c.column.clone()))
            .unwrap_or_default();
        if here == column {
            return;
        }
        key(app, KeyCode::Right);
    }
    panic!("no column {column}");
}

#[test]
fn the_editor_adds_rows_where_the_group_lives_and_edits_columns_and_decimals() {
    let (_d, mut app) = editor(false);
    key(&mut app, KeyCode::Char('2'));
    // The ratio: four decimals taken, five refused with the rule.
    go_to(&mut app, "预算调剂比例");
    assert_eq!(
        app.editor()
            .and_then(|e| e.current_cell().map(|c| c.path.clone())),
        Some("budget.inputs.p-adjust.ratio".to_string())
    );
    key(&mut app, KeyCode::Enter);
    // Before anything is typed, the foot line says what the field takes.
    let s = screen(&app, 120, 40);
    assert!(
        s.lines()
            .last()
            .is_some_and(|l| l.starts_with("最多 4 位小数  Enter 确认")),
        "{s}"
    );
    typed(&mut app, "0.00255");
    key(&mut app, KeyCode::Enter);
    let ed = app.editor().expect("editor");
    let (typed_in, why) = ed
        .invalid
        .get("budget.inputs.p-adjust.ratio")
        .expect("refused")
        .clone();
    assert_eq!(typed_in, "0.00255");
    assert!(why.contains("超过 4 位小数"), "{why}");
    key(&mut app, KeyCode::Enter);
    ctrl(&mut app, 'u');
    typed(&mut app, "0.0025");
    key(&mut app, KeyCode::Enter);
    let ed = app.editor().expect("editor");
    assert!(ed.doc.to_string().contains("ratio = 0.0025"), "{}", ed.doc);
    let adjust = ed.eval.card.node("process/p-adjust").expect("scored");
    assert_eq!(jixiao::num::fixed2(adjust.score), "7.50");
    // 过程管理任务's table is in 当年预算执行情况: its first row goes to budget.indicators.
    go_to(&mut app, "（空");
    key(&mut app, KeyCode::Char('a'));
    let ed = app.editor().expect("editor");
    let text = ed.doc.to_string();
    assert!(text.contains("[[budget.indicators]]"), "{text}");
    assert!(text.contains("parent = \"p-tasks\""), "{text}");
    assert_eq!(
        ed.current_cell().map(|c| c.path.as_str()),
        Some("budget.indicators[0].name")
    );

    // A 产出 row: 是否核心指标 turned on, 得分系数 typed.
    key(&mut app, KeyCode::Char('3'));
    go_to(&mut app, "（空");
    key(&mut app, KeyCode::Char('a'));
    to_column(&mut app, "是否核心指标");
    key(&mut app, KeyCode::Enter);
    to_column(&mut app, "得分系数");
    key(&mut app, KeyCode::Enter);
    typed(&mut app, "0.95");
    key(&mut app, KeyCode::Enter);
    let ed = app.editor().expect("editor");
    let d = ed.doc.to_string();
    let columns: Vec<(String, String)> = leaves(&d)
        .into_iter()
        .filter(|(k, _)| k.starts_with("targets.indicators[0].columns"))
        .map(|(k, v)| (k, v.to_string().trim().to_string()))
        .collect();
    assert!(
        d.contains("core = true") && d.contains("coef = 0.95"),
        "{columns:?}\n{d}"
    );
    let item = &ed.eval.record.items(Section::Targets)[0];
    assert_eq!(
        item.cells.get("coef"),
        Some(&jixiao::rubric::columns::ColumnValue::Number(common::d(
            "0.95"
        )))
    );
}

mod support;

/// Saves `text` as the record `px` 2024 against `base` (HEAD's when `None`), as the editor does.
fn save_as(f: &support::Fixture, text: &str, base: Option<&str>) -> jixiao::store::SaveOutcome {
    use jixiao::store::{self, SaveRequest};
    let dept = support::dept("px");
    let base = match base {
        Some(b) => store::Base::Revision(b.to_string()),
        None => store::head_base(&f.repo, &dept, 2024).expect("base"),
    };
    store::save(
        &f.repo,
        &SaveRequest {
            dept: &dept,
            year: 2024,
            text,
            base,
            file_base: None,
            summary: "测试",
        },
    )
    .expect("save")
}

fn committed(o: jixiao::store::SaveOutcome) -> String {
    match o {
        jixiao::store::SaveOutcome::Committed { rev, .. } => rev,
        other => panic!("expected a commit, got {other:?}"),
    }
}

#[test]
fn two_writers_set_columns_and_add_a_process_row_at_once_and_both_stay() {
    let f = support::Fixture::new();
    std::fs::write(f.path().join(format!("rubrics/{NAME}.toml")), RUBRIC).expect("rubric");
    let dept = support::dept("px");
    let path = f
        .repo
        .create_record(&dept, 2024, "某培训中心", NAME)
        .expect("new record");
    let template = std::fs::read_to_string(&path).expect("template");
    let mut d = doc::parse(&path, &template).expect("template parses");
    for (k, v) in leaves(EXAMPLE) {
        doc::set(&mut d, &k, v).unwrap_or_else(|e| panic!("{k}: {e}"));
    }
    let base = committed(save_as(&f, &d.to_string(), None));
    // As committed, with the rows' ids.
    let filled = f.git(&["show", "HEAD:records/px/2024.toml"]);
    // 甲 makes 课程开发 a core indicator and lowers its 得分系数; 乙 adds a 过程 row.
    let mut a = doc::parse(&path, &filled).expect("parses");
    doc::set(&mut a, "targets.indicators[1].columns.core", true.into()).expect("core");
    doc::set(&mut a, "targets.indicators[1].columns.coef", 0.8.into()).expect("coef");
    committed(save_as(&f, &a.to_string(), Some(&base)));
    let mut b = doc::parse(&path, &filled).expect("parses");
    for (k, v) in [
        ("parent", toml_edit::Value::from("p-tasks")),
        ("name", "内控制度修订".into()),
        ("target", "2024年6月底".into()),
        ("actual", "2024年6月10日".into()),
        ("weight", 0.into()),
    ] {
        doc::set(&mut b, &format!("budget.indicators[2].{k}"), v).expect("row");
    }
    let o = save_as(&f, &b.to_string(), Some(&base));
    assert!(
        matches!(
            o,
            jixiao::store::SaveOutcome::Committed { merged: true, .. }
        ),
        "{o:?}"
    );
    let merged = f.git(&["show", "HEAD:records/px/2024.toml"]);
    let rubric = common::rubric(RUBRIC);
    let record = common::record_for(&rubric, &merged);
    let row = |s: Section, i: usize| &record.items(s)[i];
    use jixiao::rubric::columns::ColumnValue;
    assert_eq!(
        row(Section::Targets, 1).cells.get("core"),
        Some(&ColumnValue::Flag(true))
    );
    assert_eq!(
        row(Section::Targets, 1).cells.get("coef"),
        Some(&ColumnValue::Number(common::d("0.8")))
    );
    assert_eq!(row(Section::Budget, 2).name, "内控制度修订");
    // The new row weighs 0: the 过程 score is unchanged, 91.34 still.
    let (card, _) = common::evaluate(&rubric, &merged);
    assert_eq!(jixiao::num::fixed2(card.total), "91.34");
}
