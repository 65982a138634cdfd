//! `jixiao export`: the seed record exported to .docx (read back from word/document.xml) and
//! Markdown, with the outline, the tables and the figures of the seed report.

mod common;

use common::{
    Item, body, headings, part, row_with, seed_outline, seed_repo, seed_repo_with, seed_without,
};
use jixiao::export::{self, Format};
use jixiao::repo::{Dept, EXAMPLE};

fn seed_eval(dir: &std::path::Path) -> jixiao::repo::Evaluation {
    let repo = seed_repo(dir);
    repo.load(&Dept::parse(EXAMPLE.0).unwrap(), EXAMPLE.1)
        .expect("the seed loads")
}

fn seed_docx() -> Vec<u8> {
    let dir = tempfile::tempdir().unwrap();
    export::render(&seed_eval(dir.path()), Format::Docx, false).expect("docx renders")
}

fn seed_markdown() -> String {
    let dir = tempfile::tempdir().unwrap();
    let bytes = export::render(&seed_eval(dir.path()), Format::Markdown, false).unwrap();
    String::from_utf8(bytes).expect("utf-8 markdown")
}

fn row(cells: &[&str]) -> Vec<String> {
    cells.iter().map(|c| c.to_string()).collect()
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

/// The table that follows the caption paragraph starting with `caption`.
fn table_after<'a>(items: &'a [Item], caption: &str) -> &'a Vec<Vec<String>> {
    let at = items
        .iter()
        .position(|i| matches!(i, Item::Para { text, .. } if text.starts_with(caption)))
        .unwrap_or_else(|| panic!("caption {caption}"));
    items[at..]
        .iter()
        .find_map(|i| match i {
            Item::Table(t) => Some(t),
            Item::Para { .. } => None,
        })
        .unwrap_or_else(|| panic!("a table after {caption}"))
}

#[test]
fn docx_headings_follow_the_seed_outline_in_word_heading_styles() {
    let items = body(&seed_docx());
    assert_eq!(headings(&items), seed_outline());
}

#[test]
fn docx_table_1_lists_the_departments_goals() {
    let items = body(&seed_docx());
    let t = table_after(&items, "表 1：部门整体绩效目标");
    assert_eq!(t.len(), 7);
    assert_eq!(t[0], row(&["活动", "绩效指标", "指标性质", "指标值"]));
    assert_eq!(
        t[1],
        row(&[
            "综合事务",
            "满意度指标服务对象满意度指标提升交通参与者获得感和满意度",
            "定性",
            "优"
        ])
    );
    assert_eq!(
        t[6],
        row(&[
            "交通秩序和交通规划管理",
            "效益指标可持续影响指标完善交通设施优化交通组织",
            "定性",
            "优"
        ])
    );
}

#[test]
fn docx_table_2_gives_amounts_and_rates_computed_half_up() {
    let items = body(&seed_docx());
    let t = table_after(&items, "表 2：2023 年度市交通管理局预算执行情况");
    assert_eq!(
        t[1..],
        [
            row(&["基本支出", "372,936.71", "372,131.93", "99.78%"]),
            row(&["项目支出", "203,494.83", "150,252.06", "73.84%"]),
            row(&["合计", "576,431.54", "522,383.99", "90.62%"]),
            row(&["其中：财政拨款", "500,358.28", "488,653.84", "97.66%"]),
        ]
    );
}

#[test]
fn docx_table_3_lists_the_key_tasks() {
    let items = body(&seed_docx());
    let t = table_after(
        &items,
        "表 3：2023 年度市交通管理局年度重点工作产出指标完成情况",
    );
    assert_eq!(
        *t,
        vec![
            row(&["序号", "绩效指标", "计划值", "完成值"]),
            row(&["1", "第一时间处理群众受困求助等涉汛警情", "≥600起", "650起"]),
            row(&["2", "加强执法力度，执法量同比增长", "≥3倍", "3.7倍"]),
            row(&["3", "动态治理各类隐患", "2.8万处", "2.8万处"]),
            row(&["4", "平均出警用时同比下降", "≥50%", "53.1%"]),
            row(&["5", "互联网平台注册用户量", "≥1000万", "1345.7万"]),
        ]
    );
}

#[test]
fn docx_table_4_is_the_scorecard_with_total_and_grade() {
    let items = body(&seed_docx());
    let t = table_after(&items, "表 4：2023 年市交通管理局部门整体绩效得分情况表");
    assert_eq!(
        *t,
        vec![
            row(&["一级指标", "分值", "得分", "得分率"]),
            row(&["当年预算执行情况", "20", "18.12", "90.60%"]),
            row(&["整体绩效目标实现情况", "60", "58.55", "97.58%"]),
            row(&["预算管理情况", "20", "19.30", "96.50%"]),
            row(&["合计", "100", "95.97", "95.97%"]),
        ]
    );
    let text = paragraphs(&items);
    assert!(text.contains(
        &"2023 年市交通管理局部门整体绩效评价得分为 95.97 分，综合评价等级为“优”，各一级指标得分情况如下："
    ));
}

#[test]
fn docx_annex_budget_table_has_the_rate_and_its_details() {
    let items = body(&seed_docx());
    let t = common::table_starting(&items, "一、当年预算执行情况（20分）");
    assert_eq!(
        t[1],
        row(&[
            "一级指标",
            "二级指标",
            "预算数（万元）",
            "执行数（万元）",
            "预算执行率",
            "分值",
            "得分",
            "指标解释",
            "评分标准"
        ])
    );
    let overall = row_with(t, "资金总体");
    assert_eq!(
        overall[..7],
        row(&[
            "当年预算执行情况（20）",
            "资金总体",
            "576,431.54",
            "522,383.99",
            "90.62%",
            "20",
            "18.12"
        ])
    );
    assert!(overall[7].starts_with("部门全年执行数与全年预算数的比率"));
    assert!(overall[8].starts_with("①得分一档最高不能超过该指标分值上限（20分）"));
    // Merged cells continue empty below their first row.
    assert_eq!(
        row_with(t, "基本支出")[..5],
        row(&["", "基本支出", "372,936.71", "372,131.93", "99.78%"])
    );
    assert_eq!(
        row_with(t, "项目支出")[..5],
        row(&["", "项目支出", "203,494.83", "150,252.06", "73.84%"])
    );
}

#[test]
fn docx_annex_targets_table_has_every_indicator_with_weight_and_score() {
    let items = body(&seed_docx());
    let t = common::table_starting(&items, "二、整体绩效目标实现情况（60分）");
    // title, header, 7 产出 and 6 效果 indicators.
    assert_eq!(t.len(), 15);
    assert_eq!(
        row_with(t, "第一时间处理群众受困求助等涉汛警情")[..7],
        row(&[
            "整体绩效目标实现情况（60）",
            "产出（30）",
            "第一时间处理群众受困求助等涉汛警情",
            "≥600起",
            "650起",
            "4",
            "4.00"
        ])
    );
    assert_eq!(
        row_with(t, "城市交通运行安全平稳")[2..7],
        row(&["城市交通运行安全平稳", "效果显著", "效果显著", "5", "4.80"])
    );
    assert_eq!(
        row_with(t, "“接诉即办”满意度")[2..7],
        row(&["“接诉即办”满意度", "100%", "99.00%", "5", "4.95"])
    );
    let effects = row_with(t, "提升交通安全能力");
    assert_eq!(effects[1], "效果（30）");
    assert!(effects[7].starts_with("经济效益：部门（单位）履行职责"));
    assert_eq!(row_with(t, "强化队伍建设")[7], "", "merged 指标解释");
}

#[test]
fn docx_annex_management_table_marks_overrides_and_ends_with_the_total() {
    let items = body(&seed_docx());
    let t = common::table_starting(&items, "三、预算管理情况（20分）");
    let assets = row_with(t, "资产管理规范性");
    assert_eq!(
        assets[..6],
        row(&["", "资产管理（4）", "资产管理规范性", "——", "4", "3.50*"])
    );
    assert_eq!(row_with(t, "绩效管理情况")[5], "3.80*");
    assert_eq!(row_with(t, "财务管理制度健全性")[5], "1.00");
    assert_eq!(
        row_with(t, "指标")[1..8],
        row(&[
            "指标",
            "2022年",
            "2023年",
            "分值",
            "得分",
            "指标解释",
            "评分标准"
        ])
    );
    assert_eq!(
        row_with(t, "结转结余率")[1..6],
        row(&["结转结余率", "11.25%", "7.40%", "4", "4.00"])
    );
    assert_eq!(
        row_with(t, "部门预决算差异率")[1..6],
        row(&["部门预决算差异率", "——", "0.66%", "4", "4.00"])
    );
    assert_eq!(t.last().unwrap()[..3], row(&["合计", "100", "95.97"]));
    let text = paragraphs(&items);
    assert!(text.iter().any(|p| p.starts_with(
        "资产管理规范性：按评分标准计算为 4.00 分，调整为 3.50 分。理由：原报告评分表打分 3.50 分"
    )));
    assert!(
        text.iter().any(
            |p| p.starts_with("绩效管理情况：按评分标准计算为 4.00 分，调整为 3.80 分。理由：")
        )
    );
}

#[test]
fn docx_prints_narratives_verbatim_and_generates_the_staff_sentence() {
    let items = body(&seed_docx());
    let text = paragraphs(&items);
    // The seed's own words, typo included (check warns about it; the tables say 90.62%).
    assert!(
        text.iter()
            .any(|p| p.ends_with("部门预算执行率为 90.63%，财政拨款预算执行率为 97.67%。"))
    );
    assert!(text.contains(
        &"市交通管理局 2023 年部门年末实有人数共计 5543 人，其中在职人员 5538 人，离休人员 5 人。"
    ));
    assert!(text.contains(&"（8）负责承办市委、市政府、公安部和市公安局交办的其他工作事项。"));
    assert!(
        text.iter()
            .any(|p| p.starts_with("部门整体绩效目标设置有待进一步完善，市交通管理局根据"))
    );
    assert!(
        text.iter()
            .any(|p| p.starts_with("完善部门整体绩效目标设置，进一步提升预算绩效管理意识，"))
    );
}

#[test]
fn docx_has_a_cover_a_contents_field_chinese_fonts_and_three_sections() {
    let docx = seed_docx();
    let items = body(&docx);
    let text = paragraphs(&items);
    assert_eq!(text[..3].iter().filter(|p| p.is_empty()).count(), 3);
    assert!(text.contains(&"北京市公安局公安交通管理局"));
    assert!(text.contains(&"2023 年度部门整体绩效评价报告"));
    assert!(text.contains(&"2024年5月"));
    assert!(!text.iter().any(|p| p.contains("草稿")));
    let xml = part(&docx, "word/document.xml");
    assert!(xml.contains(r#"TOC \o &quot;1-2&quot; \h"#), "a TOC field");
    assert_eq!(xml.matches("<w:sectPr").count(), 3);
    assert!(
        xml.contains(r#"w:orient="landscape""#),
        "the 附件 is landscape"
    );
    let styles = part(&docx, "word/styles.xml");
    for font in ["仿宋", "黑体", "楷体", "宋体"] {
        assert!(
            styles.contains(&format!(r#"w:eastAsia="{font}""#)),
            "{font}"
        );
    }
    assert!(styles.contains(r#"w:val="heading 1""#));
    // Word rejects a package whose styles repeat an id.
    let mut ids: Vec<&str> = styles
        .split(r#"w:styleId=""#)
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .collect();
    let count = ids.len();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), count, "duplicate style ids: {ids:?}");
    assert!(part(&docx, "word/footer1.xml").contains("PAGE"));
    // Fallbacks for a machine without the Chinese fonts, and a compressed package.
    let fonts = part(&docx, "word/fontTable.xml");
    for (name, alt) in [
        ("仿宋", "FangSong"),
        ("宋体", "SimSun"),
        ("黑体", "SimHei"),
        ("楷体", "KaiTi"),
    ] {
        assert!(
            fonts.contains(&format!(
                r#"<w:font w:name="{name}"><w:altName w:val="{alt}"/>"#
            )),
            "{name}"
        );
    }
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&docx)).unwrap();
    let document = zip.by_name("word/document.xml").unwrap();
    assert_eq!(document.compression(), zip::CompressionMethod::Deflated);
    assert!(document.compressed_size() * 4 < document.size());
}

#[test]
fn draft_mark_goes_on_the_cover() {
    let dir = tempfile::tempdir().unwrap();
    let e = seed_eval(dir.path());
    let items = body(&export::render(&e, Format::Docx, true).unwrap());
    let cover_end = items
        .iter()
        .position(|i| matches!(i, Item::Para { text, .. } if text == "目  录"))
        .unwrap();
    assert!(
        paragraphs(&items[..cover_end]).contains(&"草稿"),
        "草稿 on the cover"
    );
    let md = String::from_utf8(export::render(&e, Format::Markdown, true).unwrap()).unwrap();
    assert!(md.starts_with("> **草稿**"));
}

#[test]
fn markdown_has_the_same_outline_and_tables() {
    let md = seed_markdown();
    let outline: Vec<(u8, String)> = md
        .lines()
        .filter_map(|l| {
            let level = l.chars().take_while(|c| *c == '#').count();
            (2..=4)
                .contains(&level)
                .then(|| (level as u8 - 1, l[level..].trim().to_string()))
        })
        .filter(|(_, t)| t != "目录")
        .collect();
    assert_eq!(outline, seed_outline());
    for line in [
        "| 综合事务 | 满意度指标服务对象满意度指标提升交通参与者获得感和满意度 | 定性 | 优 |",
        "| 5 | 互联网平台注册用户量 | ≥1000万 | 1345.7万 |",
        "| 当年预算执行情况 | 20 | 18.12 | 90.60% |",
        "| 整体绩效目标实现情况 | 60 | 58.55 | 97.58% |",
        "| 预算管理情况 | 20 | 19.30 | 96.50% |",
        "| 合计 | 100 | 95.97 | 95.97% |",
        "| 合计 | 576,431.54 | 522,383.99 | 90.62% |",
        "|  | 基本支出 | 372,936.71 | 372,131.93 | 99.78% |  |  |  |  |",
        "|  | 结转结余率 |  | 11.25% | 7.40% | 4 | 4.00 |",
    ] {
        assert!(
            md.lines().any(|l| l.starts_with(line)),
            "markdown line {line}"
        );
    }
    assert!(md.contains("| 资产管理规范性 | —— |  | 4 | 3.50\\* |"));
    assert!(md.contains("# 2023 年北京市公安局公安交通管理局部门整体绩效评价报告"));
}

#[test]
fn empty_narratives_with_figures_get_the_standard_sentences() {
    let dir = tempfile::tempdir().unwrap();
    let text = seed_without(&[
        "budget.text",
        "management.assets_text",
        "management.carryover_text",
        "management.variance_text",
    ]);
    let repo = seed_repo_with(dir.path(), &text);
    let e = repo
        .load(&Dept::parse("bj-traffic").unwrap(), 2023)
        .unwrap();
    let items = body(&export::render(&e, Format::Docx, false).unwrap());
    let text = paragraphs(&items);
    for sentence in [
        "市交通管理局 2023 年全年支出预算 576,431.54 万元，其中，基本支出预算 372,936.71 万元，项目支出预算 203,494.83 万元；全年财政拨款预算 500,358.28 万元。",
        "截至 2023 年 12 月 31 日，市交通管理局本年支出合计 522,383.99 万元，其中，基本支出 372,131.93 万元，项目支出 150,252.06 万元；财政拨款支出 488,653.84 万元。部门预算执行率为 90.62%，财政拨款预算执行率为 97.66%。",
        "截至 2023 年 12 月 31 日，市交通管理局固定资产原值 321,921.15 万元，固定资产累计折旧 227,472.35 万元，固定资产净值 94,448.80 万元。",
        "2023年市交通管理局年末结转结余资金总额为 42,671.95 万元，全年支出预算数为 576,431.54 万元，部门资金结转结余率为 7.40%。2022年部门年末结转结余资金总额为 63,706.45 万元，全年支出预算数为 566,065.30 万元，部门资金结转结余率为 11.25%。2023年度部门结转结余率较上一年度下降 3.85 个百分点。",
        "2023年市交通管理局年初预算数为 525,856.03 万元，部门年度决算数为 522,383.99 万元，部门资金预决算差异率为 0.66%。",
    ] {
        assert!(text.contains(&sentence), "{sentence}");
    }
    // The generated text agrees with the figures: check finds nothing wrong in it.
    let findings = e.findings();
    assert!(
        !findings
            .iter()
            .any(|f| f.code == "narrative-rate" || f.code == "parts-wrong-total"),
        "{findings:?}"
    );
}

#[test]
fn not_applicable_indicators_show_in_the_annex_and_the_total_is_rescaled() {
    let dir = tempfile::tempdir().unwrap();
    let text = format!(
        "{}\n[management.inputs.variance]\nnot_applicable = \"本年度未编制年初预算\"\n",
        EXAMPLE.2
    );
    let repo = seed_repo_with(dir.path(), &text);
    let e = repo
        .load(&Dept::parse("bj-traffic").unwrap(), 2023)
        .unwrap();
    assert!(e.card.rescaled);
    let items = body(&export::render(&e, Format::Docx, false).unwrap());
    let annex = common::table_starting(&items, "三、预算管理情况（20分）");
    assert_eq!(row_with(annex, "部门预决算差异率")[5], "不适用");
    // 95.97 − 4.00 over the 96 applicable points, re-scaled to 100: 95.80.
    assert_eq!(annex.last().unwrap()[..3], row(&["合计", "100", "95.80"]));
    let t4 = table_after(&items, "表 4：");
    assert_eq!(t4[4], row(&["合计", "100", "95.80", "95.80%"]));
    let text = paragraphs(&items);
    assert!(text.contains(&"部门预决算差异率：不适用，不计分。理由：本年度未编制年初预算"));
    assert!(
        text.iter()
            .filter(|p| p.starts_with("注：有指标不适用，合计得分已按适用指标的分值折算为百分制"))
            .count()
            == 2
    );
}
