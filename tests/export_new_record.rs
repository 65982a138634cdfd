//! The report of a record made by `jixiao new` for another department and year: tables
//! numbered as they appear, no lead-in to a table that is not there, the record's year in the
//! 附件 line, and the 附件's merged 指标解释 cells readable in full.

mod common;

use common::{Item, body};
use jixiao::export::{self, Format};
use jixiao::repo::{Dept, Repo};
use std::path::Path;

const RUBRIC: &str = "beijing-department-2023";

/// A new record `city-edu/2024` (某区教育局) as `jixiao new` writes it, with `extra` appended.
fn new_record(dir: &Path, extra: &str) -> Repo {
    let repo = jixiao::store::init_repo(dir).expect("init repository");
    let dept = Dept::parse("city-edu").unwrap();
    let path = repo
        .create_record(&dept, 2024, "某区教育局", RUBRIC)
        .expect("new record");
    let mut text = std::fs::read_to_string(&path).unwrap();
    text.push_str(extra);
    std::fs::write(&path, text).unwrap();
    repo
}

fn docx(repo: &Repo) -> Vec<u8> {
    let e = repo
        .load(&Dept::parse("city-edu").unwrap(), 2024)
        .expect("the record loads");
    export::render(&e, Format::Docx, true).expect("docx renders")
}

fn paragraphs(items: &[Item]) -> Vec<&str> {
    items
        .iter()
        .filter_map(|i| match i {
            Item::Para { text, .. } => Some(text.as_str()),
            Item::Table(_) => None,
        })
        .collect()
}

/// The captions `表 N：…`, in order.
fn captions(items: &[Item]) -> Vec<String> {
    paragraphs(items)
        .into_iter()
        .filter(|p| p.starts_with("表 "))
        .map(str::to_string)
        .collect()
}

/// `outputs_text` set by replacing the template's empty value.
fn with_outputs_text(repo_dir: &Path, text: &str) {
    let path = repo_dir.join("records/city-edu/2024.toml");
    let t = std::fs::read_to_string(&path).unwrap();
    let t = t.replacen(
        "outputs_text = \"\"",
        &format!("outputs_text = \"{text}\""),
        1,
    );
    std::fs::write(&path, t).unwrap();
}

fn indicator(name: &str, key_task: bool) -> String {
    format!(
        "\n[[targets.indicators]]\nparent = \"outputs\"\nname = \"{name}\"\ntarget = \"≥100所\"\nactual = \"120所\"\nweight = 10\nkey_task = {key_task}\n"
    )
}

#[test]
fn no_key_task_means_no_table_3_no_lead_in_and_tables_numbered_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let repo = new_record(dir.path(), &indicator("新建改扩建学校", false));
    with_outputs_text(
        dir.path(),
        "2024 年度区教育局各项产出指标均按照计划完成，各项绩效指标具体完成情况如下表：",
    );
    let items = body(&docx(&repo));
    let paras = paragraphs(&items);
    assert!(
        paras.contains(&"2024 年度区教育局各项产出指标均按照计划完成。"),
        "{paras:#?}"
    );
    assert!(!paras.iter().any(|p| p.contains("如下表")), "{paras:#?}");
    // No goals (表 1) and no key task (表 3): the two tables left are 表 1 and 表 2.
    assert_eq!(
        captions(&items),
        [
            "表 1：2024 年度某区教育局预算执行情况（单位：万元）",
            "表 2：2024 年某区教育局部门整体绩效得分情况表",
        ]
    );
}

#[test]
fn key_tasks_and_goals_give_tables_1_to_4_and_keep_the_lead_in() {
    let dir = tempfile::tempdir().unwrap();
    let goal = "\n[[overview.goals]]\nactivity = \"义务教育\"\nindicator = \"新建学校\"\nnature = \"定量\"\nvalue = \"≥100所\"\n";
    let repo = new_record(
        dir.path(),
        &format!(
            "{goal}{}{}",
            indicator("新建改扩建学校", true),
            indicator("教师培训", false)
        ),
    );
    with_outputs_text(dir.path(), "各项绩效指标具体完成情况如下表：");
    let items = body(&docx(&repo));
    let caps = captions(&items);
    let numbers: Vec<&str> = caps.iter().map(|c| &c[..8]).collect();
    assert_eq!(
        numbers,
        ["表 1：", "表 2：", "表 3：", "表 4："],
        "{caps:#?}"
    );
    assert!(
        caps[2].contains("年度重点工作产出指标完成情况"),
        "{caps:#?}"
    );
    assert!(paragraphs(&items).contains(&"各项绩效指标具体完成情况如下表："));
    let key_table = items
        .iter()
        .filter_map(|i| match i {
            Item::Table(t) => Some(t),
            Item::Para { .. } => None,
        })
        .nth(2)
        .expect("表 3");
    assert_eq!(key_table.len(), 2, "one key task: {key_table:?}");
    assert_eq!(key_table[1][1], "新建改扩建学校");
}

#[test]
fn the_annex_line_and_title_carry_the_records_year_not_the_rubrics() {
    let dir = tempfile::tempdir().unwrap();
    let repo = new_record(dir.path(), "");
    let items = body(&docx(&repo));
    let paras = paragraphs(&items);
    assert!(
        paras.contains(&"附件：2024年度部门整体绩效评价指标体系评分表"),
        "{paras:#?}"
    );
    assert!(paras.contains(&"2024年度某区教育局部门整体绩效评价指标体系评分表"));
    assert!(!paras.iter().any(|p| p.contains("2023年度")), "{paras:#?}");
}

/// The `<w:tc>…</w:tc>` element of word/document.xml holding `text`.
fn cell_xml<'a>(xml: &'a str, text: &str) -> &'a str {
    let at = xml
        .find(text)
        .unwrap_or_else(|| panic!("{text} in document.xml"));
    let start = xml[..at].rfind("<w:tc>").expect("a cell around the text");
    let end = at + xml[at..].find("</w:tc>").expect("the cell's end");
    &xml[start..end]
}

#[test]
fn a_three_row_group_keeps_its_whole_explanation_in_a_cell_that_grows() {
    let dir = tempfile::tempdir().unwrap();
    let rows: String = ["新建改扩建学校", "教师培训", "课后服务覆盖率"]
        .iter()
        .map(|n| indicator(n, true))
        .collect();
    let repo = new_record(dir.path(), &rows);
    let docx = docx(&repo);
    let items = body(&docx);
    let annex = common::table_starting(&items, "二、整体绩效目标实现情况（60分）");
    let rows: Vec<&Vec<String>> = ["新建改扩建学校", "教师培训", "课后服务覆盖率"]
        .iter()
        .map(|n| common::row_with(annex, n))
        .collect();
    // The first row holds the whole 指标解释, 产出进度 and 产出成本 included; the rows
    // below are empty there.
    let explanation = &rows[0][rows[0].len() - 2];
    for part in [
        "产出数量：",
        "产出质量：",
        "产出进度：",
        "产出成本：",
        "③部门公用经费的控制情况。",
    ] {
        assert!(explanation.contains(part), "{part} in {explanation}");
    }
    for r in &rows[1..] {
        assert_eq!(r[r.len() - 2..], ["", ""], "{r:?}");
    }
    // Not a vertical merge (cut off where its rows cross a page break in LibreOffice), and no
    // fixed row height: the cell grows with its text, joined to the rows below by their
    // missing borders.
    let xml = common::part(&docx, "word/document.xml");
    let cell = cell_xml(&xml, "产出成本：");
    assert!(!cell.contains("w:vMerge"), "{cell}");
    assert!(!xml.contains("w:hRule=\"exact\""));
    assert!(cell.contains("<w:bottom w:val=\"nil\""), "{cell}");
}
