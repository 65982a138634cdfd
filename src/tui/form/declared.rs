//! The rows of the sections whose fields the rubric declares (its figures and narratives,
//! in its order, with the parts of the report each narrative places after itself).

use super::leaves::number_kind;
use super::{
    Cell, Kind, NATURES, Row, Values, column_name, count, field, group_rows, open_rows, rate_rows,
    table_placeholder, text,
};
use crate::repo::Evaluation;
use crate::section::Section;
use crate::text::{form as t, record};
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

/// A field of the record's own cover (部门名称 …), under the name messages give it.
fn own_field(key: &'static str, kind: Kind, v: &Values) -> Row {
    let label = record::own_field("overview", key).unwrap_or(key);
    field(label, kind, format!("overview.{key}"), v, "")
}

pub(super) fn overview(e: &Evaluation, v: &Values, rows: &mut Vec<Row>) {
    for key in ["name", "short_name", "evaluator", "report_date"] {
        rows.push(own_field(key, Kind::Text, v));
    }
    let section = Section::Overview;
    let mut drawn: Vec<String> = Vec::new();
    let duties = |rows: &mut Vec<Row>| rows.push(own_field("duties", Kind::Lines, v));
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
    const GOALS: &str = "overview.goals";
    // The columns: key, kind, width.
    const COLUMNS: [(&str, Kind, u16); 4] = [
        ("activity", Kind::Text, 16),
        ("indicator", Kind::Text, 38),
        ("nature", Kind::Choice(NATURES), 6),
        ("value", Kind::Text, 0),
    ];
    rows.push(Row::heading(t::GOALS_HEADING));
    rows.push(Row::header(
        COLUMNS
            .iter()
            .map(|&(key, _, w)| Cell::label(column_name(GOALS, key), w))
            .collect(),
    ));
    let n = count(v, GOALS);
    for i in 0..n {
        let mut r = Row::new(
            COLUMNS
                .iter()
                .map(|&(key, kind, w)| {
                    let path = format!("{GOALS}[{i}].{key}");
                    Cell::edit(kind, path, v, w).col(column_name(GOALS, key))
                })
                .collect(),
        );
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
        rows.push(Row::heading(t::BUDGET_HEADING));
        figure_rows(e, section, v, rows);
        rows.push(Row::heading(t::RATES_HEADING));
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
