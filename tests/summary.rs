//! `jixiao summary`: the .xlsx read back with calamine holds the figures `jixiao list --json`
//! and `jixiao score --json` give; two rubrics side by side, a record fresh from `jixiao new`,
//! the distribution, the year-on-year sheet; the Markdown and JSON forms; where the file goes.

mod common;

use calamine::{Data, Reader, Xlsx, open_workbook_from_rs};
use serde_json::Value;
use std::io::{Cursor, Read};
use std::path::Path;
use std::process::{Command, Output};

fn jixiao(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .args(args)
        .current_dir(dir)
        .env_remove("JIXIAO_REPO")
        .env_remove("GIT_DIR")
        .env_remove("GIT_WORK_TREE")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_AUTHOR_NAME", "王五")
        .env("GIT_AUTHOR_EMAIL", "wangwu@example.org")
        .env("GIT_COMMITTER_NAME", "王五")
        .env("GIT_COMMITTER_EMAIL", "wangwu@example.org")
        .env("RUST_BACKTRACE", "0")
        .output()
        .unwrap()
}

fn ok(o: &Output) -> String {
    assert!(
        o.status.success(),
        "{}\n{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn json(o: &Output) -> Value {
    serde_json::from_str(&ok(o)).unwrap()
}

/// A repository with four department-years under two rubrics:
/// - bj-traffic 2022 (the seed, one 效果 score lower and one indicator named differently) and
///   2023 (the seed), both saved, 2023 named 初稿 and then 征求意见稿;
/// - tongji 2024 under 财预〔2013〕53号 (85.76 良), saved and named 终稿;
/// - water 2024, fresh from `jixiao new` (未完成).
fn fixture() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    ok(&jixiao(d, &["init"]));
    std::fs::create_dir_all(d.join("records/bj-traffic")).unwrap();
    std::fs::create_dir_all(d.join("records/tongji")).unwrap();
    let older = common::seed_with("score = 5.00", "score = 4.00").replacen(
        "强化队伍建设",
        "加强队伍建设",
        1,
    );
    std::fs::write(d.join("records/bj-traffic/2022.toml"), older).unwrap();
    std::fs::write(
        d.join("records/bj-traffic/2023.toml"),
        common::seed_record_text(),
    )
    .unwrap();
    std::fs::copy(
        common::root().join("tests/data/mof-department-example.toml"),
        d.join("records/tongji/2024.toml"),
    )
    .unwrap();
    ok(&jixiao(
        d,
        &["commit", "bj-traffic", "2022", "-m", "导入 2022"],
    ));
    ok(&jixiao(
        d,
        &["commit", "bj-traffic", "2023", "-m", "导入 2023"],
    ));
    ok(&jixiao(
        d,
        &["commit", "tongji", "2024", "-m", "导入统计局"],
    ));
    ok(&jixiao(d, &["draft", "bj-traffic", "2023", "初稿"]));
    ok(&jixiao(d, &["draft", "bj-traffic", "2023", "征求意见稿"]));
    ok(&jixiao(d, &["draft", "tongji", "2024", "终稿"]));
    ok(&jixiao(
        d,
        &["new", "water", "2024", "--name", "某市水务局"],
    ));
    dir
}

fn workbook(bytes: Vec<u8>) -> Xlsx<Cursor<Vec<u8>>> {
    open_workbook_from_rs(Cursor::new(bytes)).expect("an .xlsx calamine reads")
}

fn sheet(wb: &mut Xlsx<Cursor<Vec<u8>>>, name: &str) -> Vec<Vec<Data>> {
    wb.worksheet_range(name)
        .unwrap_or_else(|e| panic!("sheet {name}: {e}"))
        .rows()
        .map(|r| r.to_vec())
        .collect()
}

fn text(c: &Data) -> String {
    match c {
        Data::String(s) => s.clone(),
        Data::Empty => String::new(),
        other => panic!("expected text, found {other:?}"),
    }
}

/// A number cell, as the two-decimal text it must print as exactly.
fn number(c: &Data) -> String {
    match c {
        Data::Float(v) => {
            // Stored as the shortest double of the decimal: reading it back loses nothing.
            let s = format!("{v:.2}");
            assert_eq!(
                s.parse::<f64>().unwrap(),
                *v,
                "{v} is not a two-decimal number"
            );
            s
        }
        Data::Int(v) => format!("{v}.00"),
        other => panic!("expected a number, found {other:?}"),
    }
}

/// A percentage cell (stored as a fraction) as the percent text `score --json` gives.
fn percent(c: &Data) -> String {
    match c {
        Data::Float(v) => format!("{:.2}", v * 100.0),
        other => panic!("expected a percentage, found {other:?}"),
    }
}

fn column(header: &[Data], name: &str) -> usize {
    header
        .iter()
        .position(|h| text(h) == name)
        .unwrap_or_else(|| panic!("no column {name} in {header:?}"))
}

fn row<'a>(rows: &'a [Vec<Data>], dept: &str, year: i64) -> &'a [Data] {
    rows.iter()
        .find(|r| text(&r[0]) == dept && r[1] == Data::Float(year as f64))
        .unwrap_or_else(|| panic!("no row {dept} {year}"))
}

/// A part of the .xlsx package, as text.
fn part(bytes: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut s = String::new();
    zip.by_name(name).unwrap().read_to_string(&mut s).unwrap();
    s
}

#[test]
fn the_workbook_holds_the_figures_list_and_score_give() {
    let dir = fixture();
    let d = dir.path();
    let o = jixiao(d, &["summary"]);
    ok(&o);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("4 份记录，3 个部门"), "{err}");
    // Written to exports/, which git ignores: the repository's status does not change.
    let path = d.join("exports/绩效汇总.xlsx");
    assert!(err.contains(&path.display().to_string()), "{err}");
    let status = Command::new("git")
        .args(["status", "--porcelain", "--untracked-files=all"])
        .current_dir(d)
        .output()
        .unwrap();
    let status = String::from_utf8(status.stdout).unwrap();
    assert!(!status.contains("exports"), "{status}");
    assert!(status.contains("records/water/2024.toml"), "{status}");

    let bytes = std::fs::read(&path).unwrap();
    let mut wb = workbook(bytes.clone());
    assert_eq!(
        wb.sheet_names(),
        vec![
            "汇总-beijing-department-2023",
            "汇总-mof-department-2013",
            "等级分布",
            "同比-bj-traffic",
            "同比-tongji",
            "同比-water",
        ]
    );
    let list = json(&jixiao(d, &["list", "--json"]));
    let list = list["records"].as_array().unwrap();
    assert_eq!(list.len(), 4);
    let bj = sheet(&mut wb, "汇总-beijing-department-2023");
    let mof = sheet(&mut wb, "汇总-mof-department-2013");
    let header: Vec<String> = bj[0].iter().map(text).collect();
    assert_eq!(
        header,
        vec![
            "部门标识",
            "年度",
            "部门名称",
            "总分",
            "等级",
            "当年预算执行情况得分",
            "当年预算执行情况得分率",
            "整体绩效目标实现情况得分",
            "整体绩效目标实现情况得分率",
            "预算管理情况得分",
            "预算管理情况得分率",
            "执行率",
            "状态",
            "评价单位",
            "最后保存人",
            "最后保存时间",
        ]
    );
    assert_eq!(text(&mof[0][5]), "投入得分");
    assert_eq!(bj.len() - 1 + mof.len() - 1, 4);
    // Every record: the same name, total and grade as `list --json`, the same group scores
    // and 得分率 as `score --json`.
    for r in list {
        let dept = r["dept"].as_str().unwrap();
        let year = r["year"].as_i64().unwrap();
        let rows = if dept == "tongji" { &mof } else { &bj };
        let cells = row(rows, dept, year);
        let h = &rows[0];
        assert_eq!(
            text(&cells[column(h, "部门名称")]),
            r["name"].as_str().unwrap()
        );
        let total = &cells[column(h, "总分")];
        let grade = text(&cells[column(h, "等级")]);
        match r["total"].as_str() {
            Some(t) => {
                assert_eq!(number(total), t, "{dept} {year}");
                assert_eq!(grade, r["grade"].as_str().unwrap());
            }
            None => {
                assert_eq!(text(total), "未完成", "{dept} {year}");
                assert_eq!(grade, "", "an incomplete record has no grade");
            }
        }
        let score = json(&jixiao(d, &["score", dept, &year.to_string(), "--json"]));
        for g in score["groups"].as_array().unwrap() {
            let name = g["name"].as_str().unwrap();
            let s = &cells[column(h, &format!("{name}得分"))];
            let rate = &cells[column(h, &format!("{name}得分率"))];
            if g["complete"].as_bool().unwrap() {
                assert_eq!(number(s), g["score"].as_str().unwrap(), "{dept} {name}");
                assert_eq!(percent(rate), g["rate"].as_str().unwrap(), "{dept} {name}");
            } else {
                assert_eq!(text(s), "未完成");
                assert_eq!(*rate, Data::Empty);
            }
        }
    }
    // The seed's own figures, status from its drafts, the evaluator and who saved it last.
    let seed = row(&bj, "bj-traffic", 2023);
    let h = &bj[0];
    assert_eq!(number(&seed[column(h, "总分")]), "95.97");
    assert_eq!(percent(&seed[column(h, "执行率")]), "90.62");
    assert_eq!(text(&seed[column(h, "状态")]), "征求意见稿");
    assert_eq!(
        text(&seed[column(h, "评价单位")]),
        "北京市公安局公安交通管理局"
    );
    assert_eq!(text(&seed[column(h, "最后保存人")]), "王五");
    assert!(text(&seed[column(h, "最后保存时间")]).starts_with("20"));
    let older = row(&bj, "bj-traffic", 2022);
    assert_eq!(number(&older[column(h, "总分")]), "94.97");
    assert_eq!(text(&older[column(h, "状态")]), "未完成");
    // From `jixiao new`: 未完成 everywhere, no grade, never saved.
    let water = row(&bj, "water", 2024);
    assert_eq!(text(&water[column(h, "状态")]), "未完成");
    assert_eq!(water[column(h, "执行率")], Data::Empty);
    assert_eq!(water[column(h, "最后保存人")], Data::Empty);
    // The other rubric names no 执行率: empty, never a figure of another tree.
    let tongji = row(&mof, "tongji", 2024);
    let hm = &mof[0];
    assert_eq!(number(&tongji[column(hm, "过程得分")]), "34.69");
    assert_eq!(percent(&tongji[column(hm, "过程得分率")]), "86.73");
    assert_eq!(tongji[column(hm, "执行率")], Data::Empty);
    assert_eq!(text(&tongji[column(hm, "状态")]), "终稿");

    // The distribution, per year and in all.
    let dist = sheet(&mut wb, "等级分布");
    let shown: Vec<Vec<String>> = dist
        .iter()
        .map(|r| {
            r.iter()
                .map(|c| match c {
                    Data::Float(v) => format!("{v}"),
                    c => text(c),
                })
                .collect()
        })
        .collect();
    assert_eq!(
        shown,
        vec![
            vec!["年度", "优", "良", "中", "差", "未完成", "合计"],
            vec!["2022", "1", "0", "0", "0", "0", "1"],
            vec!["2023", "1", "0", "0", "0", "0", "1"],
            vec!["2024", "0", "1", "0", "0", "1", "2"],
            vec!["合计", "2", "1", "0", "0", "1", "4"],
        ]
    );

    // Year on year: each indicator's score in both years; an indicator renamed in 2023 has
    // a row of its own for each name, next to its siblings.
    let yoy = sheet(&mut wb, "同比-bj-traffic");
    let header: Vec<String> = yoy[0].iter().map(text).collect();
    assert_eq!(
        header,
        vec!["一级指标", "二级指标", "三级指标", "2022 年度", "2023 年度"]
    );
    let find = |label: &str| -> &Vec<Data> {
        yoy.iter()
            .find(|r| r[..3].iter().any(|c| text(c) == label))
            .unwrap_or_else(|| panic!("no row {label}"))
    };
    assert_eq!(number(&find("总分")[3]), "94.97");
    assert_eq!(number(&find("总分")[4]), "95.97");
    assert_eq!(text(&find("等级")[4]), "优");
    assert_eq!(number(&find("提升交通安全能力")[3]), "4.00");
    assert_eq!(number(&find("提升交通安全能力")[4]), "5.00");
    assert_eq!(number(&find("效果")[3]), "27.55");
    assert_eq!(find("加强队伍建设")[4], Data::Empty);
    assert_eq!(find("强化队伍建设")[3], Data::Empty);
    let at = |label: &str| yoy.iter().position(|r| text(&r[2]) == label).unwrap();
    assert_eq!(at("加强队伍建设") + 1, at("强化队伍建设"));
    let water = sheet(&mut wb, "同比-water");
    assert_eq!(text(&water[2][3]), "未完成");

    // Stored as numbers with two decimals, headers bold in a frozen first row, columns as
    // wide as their Chinese text (13 characters of the name count 26).
    let ws = part(&bytes, "xl/worksheets/sheet1.xml");
    assert!(ws.contains("<v>95.97</v>"), "the total is a number");
    assert!(ws.contains(r#"state="frozen""#) && ws.contains(r#"ySplit="1""#));
    let styles = part(&bytes, "xl/styles.xml");
    assert!(styles.contains(r#"formatCode="0.00%""#), "{styles}");
    let width = |col: usize| -> f64 {
        let tag = format!(r#"<col min="{col}" max="{col}" width=""#);
        let at = ws
            .find(&tag)
            .unwrap_or_else(|| panic!("no width of column {col}"))
            + tag.len();
        ws[at..ws[at..].find('"').unwrap() + at].parse().unwrap()
    };
    assert!(width(3) >= 28.0, "部门名称 column {}", width(3));
    // A header of 10 Chinese characters needs 20: 当年预算执行情况得分.
    assert!(width(6) >= 20.0, "{}", width(6));
    assert!(width(1) < 16.0, "部门标识 column {}", width(1));
}

#[test]
fn markdown_and_json_give_the_same_figures() {
    let dir = fixture();
    let d = dir.path();
    let md = ok(&jixiao(d, &["summary", "--format", "md", "-o", "-"]));
    assert!(md.starts_with("# 部门整体绩效评价汇总\n"), "{md}");
    assert!(
        md.contains("| bj-traffic | 2023 | 北京市公安局公安交通管理局 | 95.97 | 优 | 18.12 | 90.60% | 58.55 | 97.58% | 19.30 | 96.50% | 90.62% | 征求意见稿 | 北京市公安局公安交通管理局 | 王五 |"),
        "{md}"
    );
    assert!(
        md.contains("| water | 2024 | 某市水务局 | 未完成 |  | 未完成 |  | 未完成 |  | 未完成 |  |  | 未完成 |  |  |  |"),
        "{md}"
    );
    assert!(
        md.contains("| tongji | 2024 | 某市统计局 | 85.76 | 良 | 9.50 | 63.33% | 34.69 | 86.73% | 18.87 | 94.35% | 22.70 | 90.80% |  | 终稿 |"),
        "{md}"
    );
    assert!(md.contains("| 合计 | 2 | 1 | 0 | 0 | 1 | 4 |"), "{md}");
    assert!(
        md.contains("| 整体绩效目标实现情况 | 效果 | 提升交通安全能力 | 4.00 | 5.00 |"),
        "{md}"
    );

    let v = json(&jixiao(d, &["summary", "--format", "json", "-o", "-"]));
    let rubrics = v["rubrics"].as_array().unwrap();
    assert_eq!(rubrics.len(), 2);
    assert_eq!(rubrics[0]["rubric"], "beijing-department-2023");
    assert_eq!(rubrics[0]["execution_rate"], "部门预算执行率");
    assert!(rubrics[1]["execution_rate"].is_null());
    let seed = &rubrics[0]["records"][1];
    assert_eq!(seed["dept"], "bj-traffic");
    assert_eq!(seed["year"], 2023);
    assert_eq!(seed["total"], "95.97");
    assert_eq!(seed["grade"], "优");
    assert_eq!(seed["groups"][0]["name"], "当年预算执行情况");
    assert_eq!(seed["groups"][0]["score"], "18.12");
    assert_eq!(seed["groups"][0]["rate"], "90.60");
    assert_eq!(seed["execution_rate"], "90.62");
    assert_eq!(seed["status"], "征求意见稿");
    assert_eq!(seed["drafts"], serde_json::json!(["初稿", "征求意见稿"]));
    assert_eq!(seed["last_save"]["author"], "王五");
    let water = &rubrics[0]["records"][2];
    assert_eq!(water["dept"], "water");
    assert_eq!(water["complete"], false);
    assert!(water["total"].is_null() && water["grade"].is_null());
    assert!(water["groups"][0]["score"].is_null());
    assert!(water["last_save"].is_null());
    assert_eq!(rubrics[1]["records"][0]["groups"][1]["score"], "34.69");
    let all = &v["distribution"]["all"];
    assert_eq!(
        all["grades"][0],
        serde_json::json!({"grade": "优", "count": 2})
    );
    assert_eq!(all["incomplete"], 1);
    assert_eq!(all["total"], 4);
    let bj = &v["departments"][0];
    assert_eq!(bj["years"], serde_json::json!([2022, 2023]));
    assert_eq!(bj["totals"], serde_json::json!(["94.97", "95.97"]));
}

#[test]
fn a_year_keeps_its_records_and_the_years_before() {
    let dir = fixture();
    let d = dir.path();
    let v = json(&jixiao(
        d,
        &["summary", "--year", "2023", "--format", "json", "-o", "-"],
    ));
    let rubrics = v["rubrics"].as_array().unwrap();
    assert_eq!(rubrics.len(), 1);
    let records = rubrics[0]["records"].as_array().unwrap();
    assert_eq!(records.len(), 1);
    assert_eq!(records[0]["dept"], "bj-traffic");
    assert_eq!(v["distribution"]["all"]["total"], 1);
    // The year-on-year table of the departments of 2023, up to 2023.
    let deps = v["departments"].as_array().unwrap();
    assert_eq!(deps.len(), 1);
    assert_eq!(deps[0]["years"], serde_json::json!([2022, 2023]));
    // Without -o, the file is named after the year.
    ok(&jixiao(d, &["summary", "--year", "2024"]));
    let mut wb = workbook(std::fs::read(d.join("exports/绩效汇总-2024.xlsx")).unwrap());
    let dist = sheet(&mut wb, "等级分布");
    assert_eq!(dist.len(), 3, "2024 and 合计: {dist:?}");
}

#[test]
fn the_file_goes_where_export_writes_and_never_into_git() {
    let dir = fixture();
    let d = dir.path();
    let o = jixiao(d, &["summary", "-o", ".git/summary.xlsx"]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("jixiao 不往那里写文件"), "{err}");
    assert!(!d.join(".git/summary.xlsx").exists());
    // Outside the repository (--repo), into the current folder.
    let out = tempfile::tempdir().unwrap();
    let repo = d.display().to_string();
    ok(&jixiao(
        out.path(),
        &["--repo", &repo, "summary", "--format", "md"],
    ));
    let md = std::fs::read_to_string(out.path().join("绩效汇总.md")).unwrap();
    assert!(md.contains("95.97"), "{md}");
}

#[test]
fn an_unreadable_record_is_listed_and_counted_apart() {
    let dir = fixture();
    let d = dir.path();
    std::fs::create_dir_all(d.join("records/broken")).unwrap();
    std::fs::write(
        d.join("records/broken/2023.toml"),
        "rubric = \"beijing-department-2023\"\n[budget]\nbudget_total = \"五千\"\n",
    )
    .unwrap();
    let o = jixiao(d, &["summary", "--format", "md", "-o", "-"]);
    let md = ok(&o);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("未读取 broken/2023"), "{err}");
    assert!(md.contains("## 无法读取的记录（未计入汇总）"), "{md}");
    assert!(md.contains("| broken/2023 |"), "{md}");
    // Escaped as Markdown text.
    assert!(md.contains(r"budget.budget\_total"), "{md}");
    assert!(
        md.contains("| 年度 | 优 | 良 | 中 | 差 | 未完成 | 无法读取 | 合计 |"),
        "{md}"
    );
    assert!(md.contains("| 2023 | 1 | 0 | 0 | 0 | 0 | 1 | 2 |"), "{md}");
}

#[test]
fn execution_rate_must_name_a_rate_of_this_year_in_percent() {
    let text = common::seed_rubric_text();
    let problems = |from: &str, to: &str| -> Vec<String> {
        let r = common::rubric(&text.replacen(from, to, 1));
        r.validate().iter().map(|p| p.to_string()).collect()
    };
    assert!(problems("", "").is_empty());
    let missing = problems(
        "execution_rate = \"budget_execution\"",
        "execution_rate = \"exec\"",
    );
    assert_eq!(missing.len(), 1, "{missing:?}");
    assert!(
        missing[0].contains("`execution_rate = \"exec\"` 不是本指标体系的 [[rate]]"),
        "{missing:?}"
    );
    // 部门预决算差异率 is a difference, not spent / budget.
    let difference = problems(
        "execution_rate = \"budget_execution\"",
        "execution_rate = \"variance\"",
    );
    assert!(
        difference
            .iter()
            .any(|p| p.contains("须指向本年度的百分比比率")),
        "{difference:?}"
    );
}

mod props {
    use jixiao::summary::{Distribution, Standing};
    use proptest::prelude::*;

    fn standing() -> impl Strategy<Value = Standing> {
        prop_oneof![
            prop::sample::select(vec!["优", "良", "中", "差"])
                .prop_map(|g| Standing::Graded(g.to_string())),
            Just(Standing::Incomplete),
            Just(Standing::Unreadable),
        ]
    }

    proptest! {
        /// Every department-year is counted once in its year and once in all years.
        #[test]
        fn every_record_is_counted_once(entries in prop::collection::vec((2020u16..2026, standing()), 0..40)) {
            let bands: Vec<String> = ["优", "良", "中", "差"].iter().map(|s| s.to_string()).collect();
            let d = Distribution::of(entries.iter().map(|(y, s)| (*y, bands.as_slice(), s)));
            prop_assert_eq!(d.all.total(), entries.len());
            prop_assert_eq!(d.years.iter().map(|r| r.total()).sum::<usize>(), entries.len());
            for r in &d.years {
                let y = r.year.unwrap();
                prop_assert_eq!(r.total(), entries.iter().filter(|(e, _)| *e == y).count());
            }
            let graded = entries.iter().filter(|(_, s)| matches!(s, Standing::Graded(g) if g == "优")).count();
            prop_assert_eq!(d.all.counts.first().copied().unwrap_or(0), graded);
            prop_assert!(d.years.windows(2).all(|w| w[0].year < w[1].year));
        }
    }
}
