//! The rows of the sections whose fields the rubric declares (its figures and narratives,
//! in its order, with the parts of the report each narrative places after itself).

use super::leaves::number_kind;
use super::{
    Cell, Kind, NATURES, Row, Values, count, field, group_rows, open_rows, rate_rows,
    table_placeholder, text,
};
use crate::repo::Evaluation;
use crate::section::Section;
use crate::tui::table::{Table, TableRow};

fn figure_rows(e: &Evaluation, section: Section, v: &Values, rows: &mut Vec<Row>) {
    for f in e.rubric.catalogue.figures_in(section) {
        rows.push(field(
            &f.label,
            number_kind(f.decimals()),
            f.id.clone(),
            v,
            &f.unit,
        ));
    }
}

/// The rubric's narratives of `section` with their headings; `then` blocks are drawn by
/// `block`, which returns whether it drew anything the section would otherwise add itself.
fn narrative_rows(
    e: &Evaluation,
    section: Section,
    v: &Values,
    rows: &mut Vec<Row>,
    mut block: impl FnMut(&str, &mut Vec<Row>),
) {
    let mut group = "";
    for n in e.rubric.catalogue.narratives_in(section) {
        if !n.group.is_empty() && n.group != group {
            rows.push(Row::heading(n.group.clone()));
        }
        group = &n.group;
        if !n.heading.is_empty() {
            rows.push(Row::heading(n.heading.clone()));
        }
        rows.push(text(&n.label, &n.id, v));
        for b in &n.then {
            block(b, rows);
        }
    }
}

/// Whether a narrative of `section` places `block` itself.
fn placed(e: &Evaluation, section: Section, block: &str) -> bool {
    e.rubric
        .catalogue
        .narratives_in(section)
        .any(|n| n.then.iter().any(|b| b == block))
}

pub(super) fn overview(e: &Evaluation, v: &Values, rows: &mut Vec<Row>) {
    rows.push(field("部门名称", Kind::Text, "overview.name".into(), v, ""));
    rows.push(field(
        "简称",
        Kind::Text,
        "overview.short_name".into(),
        v,
        "",
    ));
    rows.push(field(
        "评价单位",
        Kind::Text,
        "overview.evaluator".into(),
        v,
        "",
    ));
    rows.push(field(
        "报告日期",
        Kind::Text,
        "overview.report_date".into(),
        v,
        "",
    ));
    let section = Section::Overview;
    let mut drawn: Vec<String> = Vec::new();
    let duties = |rows: &mut Vec<Row>| {
        rows.push(field(
            "主要职责",
            Kind::Lines,
            "overview.duties".into(),
            v,
            "",
        ))
    };
    narrative_rows(e, section, v, rows, |b, rows| match b {
        "duties" => duties(rows),
        "sums" | "figures" => figure_rows(e, section, v, rows),
        "goals" => goal_rows(v, rows),
        b => open_block(e, v, rows, b, &mut drawn),
    });
    if !placed(e, section, "duties") {
        duties(rows);
    }
    if !placed(e, section, "sums") && !placed(e, section, "figures") {
        figure_rows(e, section, v, rows);
    }
    if !placed(e, section, "goals") {
        goal_rows(v, rows);
    }
    group_rows(e, section, v, rows, &drawn);
}

/// `indicators:ID` in a narrative's `then`: the table of the open node ID drawn there.
fn open_block(e: &Evaluation, v: &Values, rows: &mut Vec<Row>, b: &str, drawn: &mut Vec<String>) {
    if let Some(id) = b.strip_prefix("indicators:") {
        open_rows(e, v, rows, id);
        drawn.push(id.to_string());
    }
}

/// 表 1.
fn goal_rows(v: &Values, rows: &mut Vec<Row>) {
    rows.push(Row::heading("表 1：部门整体绩效目标（a 添加一行）"));
    rows.push(Row::header(vec![
        Cell::label("活动", 16),
        Cell::label("绩效指标", 38),
        Cell::label("性质", 6),
        Cell::label("指标值", 0),
    ]));
    let n = count(v, "overview.goals");
    for i in 0..n {
        let p = |k: &str| format!("overview.goals[{i}].{k}");
        let mut r = Row::new(vec![
            Cell::edit(Kind::Text, p("activity"), v, 16).col("活动"),
            Cell::edit(Kind::Text, p("indicator"), v, 38).col("绩效指标"),
            Cell::edit(Kind::Choice(NATURES), p("nature"), v, 6).col("性质"),
            Cell::edit(Kind::Text, p("value"), v, 0).col("指标值"),
        ]);
        r.table = Some(TableRow::Row(Table::Goals, i));
        rows.push(r);
    }
    if n == 0 {
        rows.push(table_placeholder(Table::Goals));
    }
}

pub(super) fn budget(e: &Evaluation, v: &Values, rows: &mut Vec<Row>) {
    let section = Section::Budget;
    if e.rubric.catalogue.figures_in(section).next().is_some() {
        rows.push(Row::heading("预算与执行"));
        figure_rows(e, section, v, rows);
        rows.push(Row::heading("执行率（由填报数计算）"));
        rate_rows(e, section, rows);
    }
    // The narratives come after the indicators here; an open table a narrative places is
    // drawn with it, not with its group.
    let drawn: Vec<String> = e
        .rubric
        .catalogue
        .narratives_in(section)
        .flat_map(|n| &n.then)
        .filter_map(|b| b.strip_prefix("indicators:").map(str::to_string))
        .collect();
    group_rows(e, section, v, rows, &drawn);
    let mut placed_here = Vec::new();
    narrative_rows(e, section, v, rows, |b, rows| {
        open_block(e, v, rows, b, &mut placed_here)
    });
}

pub(super) fn targets(e: &Evaluation, v: &Values, rows: &mut Vec<Row>) {
    let section = Section::Targets;
    let mut drawn: Vec<String> = Vec::new();
    narrative_rows(e, section, v, rows, |b, rows| match b {
        "figures" => figure_rows(e, section, v, rows),
        b => open_block(e, v, rows, b, &mut drawn),
    });
    if !placed(e, section, "figures") {
        figure_rows(e, section, v, rows);
    }
    group_rows(e, section, v, rows, &drawn);
}

pub(super) fn management(e: &Evaluation, v: &Values, rows: &mut Vec<Row>) {
    let section = Section::Management;
    let mut drawn: Vec<String> = Vec::new();
    narrative_rows(e, section, v, rows, |b, rows| match b {
        "figures" => figure_rows(e, section, v, rows),
        "rates" => rate_rows(e, section, rows),
        b => open_block(e, v, rows, b, &mut drawn),
    });
    if !placed(e, section, "figures") {
        figure_rows(e, section, v, rows);
    }
    if !placed(e, section, "rates") {
        rate_rows(e, section, rows);
    }
    group_rows(e, section, v, rows, &drawn);
}
