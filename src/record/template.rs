//! The text of a new, empty record for a rubric: every section present, every input empty,
//! with comments that tell a person what goes where.

use crate::rubric::columns::ColumnKind;
use crate::rubric::{Method, Rubric};
use crate::section::Section;
use std::fmt::Write;

fn quote(s: &str) -> String {
    toml_edit::Value::from(s).to_string()
}

/// The figures and narratives the rubric declares for `section`.
fn declared(out: &mut String, rubric: &Rubric, section: Section) {
    let cat = &rubric.catalogue;
    for n in cat.narratives_in(section) {
        let _ = writeln!(out, "{} = \"\"  # {}", n.key(), n.label);
    }
    for f in cat.figures_in(section) {
        let optional = if f.required { "" } else { "，可不填" };
        let _ = writeln!(
            out,
            "{} = \"\"  # {}（{}{optional}）",
            f.key(),
            f.label,
            f.unit
        );
    }
}

/// The head comment on how to write numbers, in the units the rubric's amounts are in.
fn units_note(rubric: &Rubric) -> String {
    let mut units: Vec<&str> = Vec::new();
    for f in rubric.catalogue.figures.iter().filter(|f| f.is_money()) {
        if !units.contains(&f.unit.as_str()) {
            units.push(&f.unit);
        }
    }
    let amounts = match units.as_slice() {
        [] => String::new(),
        [unit] => format!("金额以{unit}为单位，"),
        _ => "金额按各项注明的单位，".to_string(),
    };
    format!("# {amounts}写普通数字（如 576431.54）；\"\" 表示尚未填写。\n\n")
}

fn texts(out: &mut String, keys: &[(&str, &str)]) {
    for (k, label) in keys {
        let _ = writeln!(out, "{k} = \"\"  # {label}");
    }
}

/// A new record named `name` for `rubric`, as TOML text.
pub fn new_record(rubric: &Rubric, name: &str, year: u16) -> String {
    let mut o = String::new();
    let _ = writeln!(o, "# {name} {year} 年度部门整体绩效评价");
    o.push_str(&units_note(rubric));
    let _ = writeln!(o, "rubric = {}\n", quote(&rubric.name));

    o.push_str("# ---------------------------------------------------------------- 一、部门概况\n[overview]\n");
    let _ = writeln!(o, "name = {}", quote(name));
    texts(
        &mut o,
        &[
            ("short_name", "简称"),
            ("evaluator", "评价单位"),
            ("report_date", "报告日期，如 2024年5月"),
        ],
    );
    o.push_str("duties = []  # 主要职责，每项一行\n");
    declared(&mut o, rubric, Section::Overview);
    o.push_str("# 表 1 部门整体绩效目标：每行一个 [[overview.goals]]，含 activity、indicator、nature（定性/定量）、value\n");

    indicators(&mut o, rubric, Section::Overview);

    for section in [Section::Budget, Section::Targets, Section::Management] {
        let _ = writeln!(
            o,
            "\n# ---------------------------------------------------------------- {}、{}\n[{}]",
            section.numeral(),
            section.title(),
            section.id()
        );
        declared(&mut o, rubric, section);
        indicators(&mut o, rubric, section);
    }

    o.push_str(
        "\n# ---------------------------------------------------------------- 五、总体评价结论\n",
    );
    o.push_str("# 评分表、总分和等级由程序计算。存在的问题：每个问题一个 [[conclusion.problems]]，各含 title 和 text。\n[conclusion]\nproblems = []\n");
    o.push_str(
        "\n# ---------------------------------------------------------------- 六、措施建议\n",
    );
    o.push_str("# 每个问题一条 [[recommendations.items]]，含 problem（问题序号）、title 和 text。\n[recommendations]\nitems = []\n");
    // Rows the template writes get their ids now (today its tables start empty).
    super::rows::ensure_row_ids(std::path::Path::new("template"), &o).unwrap_or(o)
}

/// What the record lists for the groups the rubric places in `section`: a comment for each
/// open group (the record's own rows), then an inputs table for each of the rubric's leaves.
fn indicators(o: &mut String, rubric: &Rubric, section: Section) {
    for n in rubric
        .nodes
        .iter()
        .filter(|n| n.def.open && n.section == section)
    {
        let _ = writeln!(
            o,
            "# {}（{} 分）：每个三级指标一个 [[{}.indicators]]，含 parent = {}、name、target（≥600起 / 2023年12月底 / 有效提升）、actual、weight；定性指标另含 score 和 basis{}{}",
            n.def.name,
            n.weight_label(),
            section.id(),
            quote(&n.def.id),
            match n.def.method.as_ref().and_then(|m| m.levels()) {
                Some(l) => format!(
                    "，以及 level（评价等级：{}）",
                    l.levels
                        .iter()
                        .map(|x| x.name.as_str())
                        .collect::<Vec<_>>()
                        .join("、")
                ),
                None => String::new(),
            },
            columns_note(rubric, &n.def.id)
        );
    }
    inputs(o, rubric, section);
}

/// `；另填 columns = { core = true（是否核心指标：true 是 / false 否） }` for the form's own
/// columns of an open group's rows.
fn columns_note(rubric: &Rubric, group: &str) -> String {
    let cols: Vec<String> = rubric
        .catalogue
        .columns_of(group)
        .map(|c| {
            let what = match c.kind {
                ColumnKind::Flag => "true 是 / false 否".to_string(),
                ColumnKind::Text => "文字".to_string(),
                ColumnKind::Number => format!("数字，最多 {} 位小数", c.decimals()),
            };
            format!("{} = …（{}：{what}）", c.id, c.label)
        })
        .collect();
    if cols.is_empty() {
        String::new()
    } else {
        format!("；另填 columns = {{ {} }}", cols.join(", "))
    }
}

fn inputs(o: &mut String, rubric: &Rubric, section: Section) {
    for n in rubric
        .nodes
        .iter()
        .filter(|n| n.is_leaf() && n.section == section)
    {
        let Some(m) = &n.def.method else { continue };
        let mut body = String::new();
        match m {
            Method::Checklist { items, .. } => {
                let _ = writeln!(
                    body,
                    "pass = []  # {} 项，每项 true 合格 / false 不合格：",
                    items.len()
                );
                for (i, it) in items.iter().enumerate() {
                    let _ = writeln!(body, "#   {}. {it}", i + 1);
                }
            }
            Method::Qualitative { .. } => {
                if let Some(l) = m.levels() {
                    let names: Vec<&str> = l.levels.iter().map(|x| x.name.as_str()).collect();
                    let _ = writeln!(body, "level = \"\"  # 评价等级：{}", names.join("、"));
                }
                body.push_str("score = \"\"  # 评价人打分\nbasis = \"\"  # 评分依据\n")
            }
            _ => {}
        }
        // The values its rule and the rates read, with the rubric's labels and decimals.
        let index = rubric.nodes.iter().position(|x| x.def.id == n.def.id);
        for input in index.map(|i| rubric.inputs_of(i)).unwrap_or_default() {
            let unit = if input.unit.is_empty() {
                String::new()
            } else {
                format!("{}，", input.unit)
            };
            let digits = match input.decimals {
                0 => "整数".to_string(),
                d => format!("最多 {d} 位小数"),
            };
            let _ = if input.label == input.name {
                writeln!(body, "{} = \"\"  # {unit}{digits}", input.name)
            } else {
                writeln!(
                    body,
                    "{} = \"\"  # {}（{unit}{digits}）",
                    input.name, input.label
                )
            };
        }
        if !body.is_empty() {
            let _ = writeln!(
                o,
                "\n[{}.inputs.{}]  # {}（{} 分）",
                section.id(),
                n.def.id,
                n.def.name,
                crate::num::plain(n.def.weight.0)
            );
            o.push_str(&body);
        }
    }
}
