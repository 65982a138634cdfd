//! The fields of each section as rows of cells: what the editor shows and edits. Built from
//! the record's TOML (values as typed) and the scorecard (derived values, never editable).

use super::table::{Table, TableRow};
use crate::num;
use crate::record::doc;
use crate::repo::Evaluation;
use crate::rubric::columns::{ColumnDef, ColumnKind};
use crate::section::Section;
use crate::text::tui::{QUALITATIVE, QUANTITATIVE};
use crate::text::{form as t, printers, record};
use std::collections::BTreeMap;

mod declared;
mod leaves;
use declared::{budget, management, overview, targets};
use leaves::group_rows;
use toml_edit::Value;

/// What a cell holds and how it is edited.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A caption, not editable.
    Label,
    /// An amount or score: non-negative, two decimals at most.
    Number,
    /// A head count or a problem number.
    Count,
    /// A figure the rubric declares with other than two decimals (0 is a [`Kind::Count`]).
    Figure { decimals: u32 },
    /// One line of text.
    Text,
    /// Several paragraphs, edited in a text area.
    Multiline,
    /// A list of strings edited as one line each (主要职责).
    Lines,
    /// One of a fixed set of words (性质: 定性 / 定量).
    Choice(&'static [&'static str]),
    /// A checklist answer: 合格 / 不合格, item `index` of the `pass` array of `len` items.
    Check { index: usize, len: usize },
    /// The line of an empty table: a and Enter add its first row.
    AddRow,
    /// A yes/no field (列入表 3): Space or Enter turns it over.
    Flag,
    /// Computed by jixiao: rates, scores, grade.
    Derived,
}

/// One cell of a row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    pub kind: Kind,
    /// The record field it edits.
    pub path: String,
    /// The text shown.
    pub text: String,
    /// Width in terminal cells; 0 takes the rest of the line.
    pub width: u16,
    /// The column's name in a table (活动, 指标值 …), for the prompt; empty elsewhere.
    pub column: String,
}

impl Cell {
    fn label(text: impl Into<String>, width: u16) -> Cell {
        Cell {
            kind: Kind::Label,
            path: String::new(),
            text: text.into(),
            width,
            column: String::new(),
        }
    }
    /// An editable cell showing the field's current value.
    fn edit(kind: Kind, path: String, v: &Values, width: u16) -> Cell {
        Cell {
            kind,
            text: v.text(&path),
            path,
            width,
            column: String::new(),
        }
    }
    /// The same cell, named as its table column.
    fn col(self, column: impl Into<String>) -> Cell {
        Cell {
            column: column.into(),
            ..self
        }
    }
    fn derived(text: impl Into<String>, width: u16) -> Cell {
        Cell {
            kind: Kind::Derived,
            path: String::new(),
            text: text.into(),
            width,
            column: String::new(),
        }
    }
    /// Whether the cursor can stop on it.
    pub fn editable(&self) -> bool {
        !matches!(self.kind, Kind::Label | Kind::Derived)
    }
}

/// How a row looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    Normal,
    /// A sub-heading (（一）财务管理, 表 3 …).
    Heading,
    /// A table header.
    Header,
}

/// One line of the form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub cells: Vec<Cell>,
    pub style: Style,
    /// The table this row belongs to, and which of its rows it shows.
    pub table: Option<TableRow>,
    /// The indicator a row of a rubric leaf belongs to, to name its fields in messages
    /// (资产管理规范性 调整分): the captions repeat for every leaf.
    pub context: Option<String>,
}

impl Row {
    fn new(cells: Vec<Cell>) -> Row {
        Row {
            cells,
            style: Style::Normal,
            table: None,
            context: None,
        }
    }
    fn heading(text: impl Into<String>) -> Row {
        Row {
            cells: vec![Cell::label(text, 0)],
            style: Style::Heading,
            table: None,
            context: None,
        }
    }
    fn header(cells: Vec<Cell>) -> Row {
        Row {
            cells,
            style: Style::Header,
            table: None,
            context: None,
        }
    }
}

/// The field values of a record document by path, as people typed them.
pub struct Values(BTreeMap<String, Value>);

impl Values {
    /// Reads every field of `d`.
    pub fn of(d: &toml_edit::DocumentMut) -> Values {
        Values(doc::flatten(d))
    }
    /// The text of a field for display and editing: strings without quotes, numbers as written.
    pub fn text(&self, path: &str) -> String {
        match self.0.get(path) {
            None => String::new(),
            Some(Value::String(s)) => s.value().clone(),
            Some(Value::Array(a)) => a
                .iter()
                .map(|v| {
                    v.as_str()
                        .map(str::to_string)
                        .unwrap_or_else(|| doc::value_text(v))
                })
                .collect::<Vec<_>>()
                .join("\n"),
            Some(v) => doc::value_text(v),
        }
    }
    /// The `pass` answers of a checklist: None for an item not assessed yet.
    pub fn answers(&self, path: &str) -> Vec<Option<bool>> {
        match self.0.get(path) {
            Some(Value::Array(a)) => a.iter().map(Value::as_bool).collect(),
            _ => Vec::new(),
        }
    }
    /// A yes/no field; absent is no.
    pub fn flag(&self, path: &str) -> bool {
        self.0.get(path).and_then(Value::as_bool).unwrap_or(false)
    }
}

fn field(label: &str, kind: Kind, path: String, v: &Values, unit: &str) -> Row {
    let mut cells = vec![Cell::label(label, 18), Cell::edit(kind, path, v, 0)];
    if !unit.is_empty() {
        cells[1].width = 16;
        cells.push(Cell::label(unit, 0));
    }
    Row::new(cells)
}

fn text(label: &str, path: &str, v: &Values) -> Row {
    field(label, Kind::Multiline, path.to_string(), v, "")
}

/// A caption under another, indented.
fn indented(caption: &str) -> String {
    format!("  {caption}")
}

/// The record's name of a key it defines for every indicator (评价分, 调整理由 …), as
/// messages name it; the key itself should it have none.
fn input_name(key: &'static str) -> &'static str {
    record::input(key).unwrap_or(key)
}

/// The record's name of a column of one of its tables, as messages name it.
fn column_name(table: &str, key: &'static str) -> &'static str {
    record::column(table, key).unwrap_or(key)
}

fn score_of(e: &Evaluation, path: &str) -> String {
    e.card
        .node(path)
        .map(|n| {
            let mark = if n.override_.is_some() { "*" } else { "" };
            format!("{}{mark} / {}", num::fixed2(n.score), num::plain(n.weight))
        })
        .unwrap_or_default()
}

/// The rows of `section`.
pub fn rows(section: Section, e: &Evaluation, v: &Values) -> Vec<Row> {
    let mut rows = Vec::new();
    match section {
        Section::Overview => overview(e, v, &mut rows),
        Section::Budget => budget(e, v, &mut rows),
        Section::Targets => targets(e, v, &mut rows),
        Section::Management => management(e, v, &mut rows),
        Section::Conclusion => conclusion(e, v, &mut rows),
        Section::Recommendations => recommendations(v, &mut rows),
    }
    rows
}

/// The words 表 1's 性质 column takes.
pub const NATURES: &[&str] = &[QUALITATIVE, QUANTITATIVE];

/// The line of an empty table; the cursor stops on it so `a` (or Enter) adds the first row.
fn table_placeholder(table: Table) -> Row {
    let mut r = Row::new(vec![Cell {
        kind: Kind::AddRow,
        path: String::new(),
        text: t::EMPTY_TABLE.into(),
        width: 0,
        column: String::new(),
    }]);
    r.table = Some(TableRow::Empty(table));
    r
}

/// How many tables an array of tables has, from the paths that exist.
fn count(v: &Values, table: &str) -> usize {
    let prefix = format!("{table}[");
    v.0.keys()
        .filter_map(|k| k.strip_prefix(&prefix))
        .filter_map(|rest| rest.split(']').next()?.parse::<usize>().ok())
        .map(|i| i + 1)
        .max()
        .unwrap_or(0)
}

/// The section a rate is shown in: the last section (in report order) among its figures.
fn rate_section(e: &Evaluation, def: &crate::rubric::RateDef) -> Option<Section> {
    [&def.numerator, &def.denominator]
        .into_iter()
        .filter_map(|s| match s {
            crate::rubric::Source::Field(k) => e.rubric.catalogue.figure(k).map(|f| f.section()),
            _ => None,
        })
        .max()
}

fn rate_rows(e: &Evaluation, section: Section, rows: &mut Vec<Row>) {
    for r in &e.card.rates {
        if e.rubric.rate(&r.id).and_then(|d| rate_section(e, d)) != Some(section) {
            continue;
        }
        let label = if r.previous_year {
            t::previous_year(&r.name)
        } else {
            r.name.clone()
        };
        let value = r.display();
        rows.push(Row::new(vec![
            Cell::label(label, 18),
            Cell::derived(value, 16),
            Cell::label(t::COMPUTED_NOTE, 0),
        ]));
    }
}

/// The table of the record's own indicators under the open node `id`, in the section the
/// rubric places its group (whose `indicators` array holds the rows).
fn open_rows(e: &Evaluation, v: &Values, rows: &mut Vec<Row>, id: &str) {
    for n in e
        .rubric
        .nodes
        .iter()
        .filter(|n| n.def.open && n.def.id == id)
    {
        let section = n.section;
        let items = e.record.items(section);
        let table = Table::Indicators(section, n.def.id.clone());
        rows.push(Row::heading(t::open_heading(
            &n.def.name,
            &n.weight_label(),
            &score_of(e, &n.path),
        )));
        // The form's own columns for this group (是否核心指标 …), as the rubric declares them.
        let extra: Vec<&ColumnDef> = e.rubric.catalogue.columns_of(&n.def.id).collect();
        // The record names the own indicators of every section, and their columns, alike.
        let own = "targets.indicators";
        let name = record::table(own).unwrap_or(own);
        let column = |key| column_name(own, key);
        let mut header = vec![
            Cell::label(name, 22),
            Cell::label(t::KEY_TASK_HEAD, 4),
            Cell::label(column("target"), 12),
            Cell::label(column("actual"), 12),
            Cell::label(column("weight"), 5),
            Cell::label(input_name("score"), 7),
            Cell::label(input_name("override.score"), 7),
        ];
        header.extend(
            extra
                .iter()
                .map(|c| Cell::label(c.label.clone(), column_width(c))),
        );
        header.push(Cell::label(printers::SCORE, 0));
        rows.push(Row::header(header));
        let mut k = 0;
        for (i, it) in items
            .iter()
            .enumerate()
            .filter(|(_, it)| it.parent == n.def.id)
        {
            k += 1;
            let p = |f: &str| format!("{}.indicators[{i}].{f}", section.id());
            let score = e.card.node(&format!("{}/{k}", n.path));
            let shown = score
                .map(|s| {
                    let computed = s.computed.map(num::fixed2).unwrap_or_else(|| "—".into());
                    if s.override_.is_some() {
                        t::overridden(num::fixed2(s.score), &computed)
                    } else {
                        computed
                    }
                })
                .unwrap_or_default();
            // A row whose 指标值 is not written yet is neither kind: it says so by showing none.
            let set = !it.target.trim().is_empty();
            let qualitative = set && is_qualitative(&it.target);
            let mut r = Row::new(vec![
                Cell::edit(Kind::Text, p("name"), v, 22).col(name),
                // Whether the indicator is listed in 表 3 (年度重点工作).
                Cell {
                    text: record::yes_no(it.key_task).into(),
                    ..Cell::edit(Kind::Flag, p("key_task"), v, 4).col(t::KEY_TASK_HEAD)
                },
                Cell::edit(Kind::Text, p("target"), v, 12).col(column("target")),
                Cell::edit(Kind::Text, p("actual"), v, 12).col(column("actual")),
                Cell::edit(Kind::Number, p("weight"), v, 5).col(column("weight")),
                if qualitative {
                    Cell::edit(Kind::Number, p("score"), v, 7).col(input_name("score"))
                } else if set {
                    // Says why there is nothing to type: the score of a quantity is computed.
                    Cell::derived(QUANTITATIVE, 7)
                } else {
                    Cell::derived("", 7)
                },
                Cell::edit(Kind::Number, p("override.score"), v, 7)
                    .col(input_name("override.score")),
            ]);
            for c in &extra {
                r.cells
                    .push(column_cell(c, p(&format!("columns.{}", c.id)), v));
            }
            r.cells.push(Cell::derived(shown, 0));
            r.table = Some(TableRow::Row(table.clone(), i));
            rows.push(r);
            if qualitative {
                rows.push(sub_row(t::QUALITATIVE_BASIS, p("basis"), v, &table, i));
            }
            if it.override_.is_some() {
                let reason = input_name("override.reason");
                rows.push(sub_row(reason, p("override.reason"), v, &table, i));
            }
        }
        if k == 0 {
            rows.push(table_placeholder(table));
        }
    }
}

/// The width of a declared column: its head, at least wide enough for 是/否 or a number.
fn column_width(c: &ColumnDef) -> u16 {
    let head = u16::try_from(crate::text::width(&c.label)).unwrap_or(u16::MAX);
    head.max(6).saturating_add(1)
}

/// The cell of a declared column in a row of the record's own indicators.
fn column_cell(c: &ColumnDef, path: String, v: &Values) -> Cell {
    let kind = match c.kind {
        ColumnKind::Flag => Kind::Flag,
        ColumnKind::Text => Kind::Text,
        ColumnKind::Number => leaves::number_kind(c.decimals()),
    };
    let mut cell = Cell::edit(kind, path, v, column_width(c)).col(c.label.clone());
    if c.kind == ColumnKind::Flag {
        // Absent is 否, as for 列入表 3.
        cell.text = crate::text::record::yes_no(v.flag(&cell.path)).into();
    }
    cell
}

/// Whether a target is a qualitative level (scored by the evaluator) rather than a quantity
/// or a deadline (scored from the 完成值).
pub fn is_qualitative(target: &str) -> bool {
    matches!(
        crate::target::Target::parse(target),
        crate::target::Target::Level(_)
    )
}

fn sub_row(label: &str, path: String, v: &Values, table: &Table, i: usize) -> Row {
    let mut r = Row::new(vec![
        Cell::label(format!("  └ {label}"), 20),
        Cell::edit(Kind::Text, path, v, 0),
    ]);
    r.table = Some(TableRow::Row(table.clone(), i));
    r
}

fn conclusion(e: &Evaluation, v: &Values, rows: &mut Vec<Row>) {
    rows.push(Row::heading(t::SCORES_HEADING));
    rows.push(Row::header(vec![
        Cell::label(printers::GROUP, 30),
        Cell::label(printers::WEIGHT, 8),
        Cell::label(printers::SCORE, 10),
        Cell::label(printers::RATE, 0),
    ]));
    let rate = |r: Option<rust_decimal::Decimal>| r.map(num::percent).unwrap_or_default();
    for g in e.card.groups() {
        // A group still missing inputs has no score yet (未完成), nor a 得分率.
        let done = e.card.node_complete(g);
        rows.push(Row::new(vec![
            Cell::label(g.name.clone(), 30),
            Cell::derived(num::plain(g.weight), 8),
            Cell::derived(e.card.score_text(g), 10),
            Cell::derived(if done { rate(g.rate()) } else { String::new() }, 0),
        ]));
    }
    rows.push(Row::new(vec![
        Cell::label(printers::SUM, 30),
        Cell::derived(num::plain(e.card.full_marks), 8),
        Cell::derived(e.card.total_text(), 10),
        Cell::derived(
            if e.card.complete {
                rate(e.card.total_rate())
            } else {
                String::new()
            },
            0,
        ),
    ]));
    rows.push(Row::new(vec![
        Cell::label(t::GRADE_ROW, 30),
        Cell::derived(e.card.grade_or_incomplete(), 0),
    ]));
    rows.push(Row::heading(t::PROBLEMS_HEADING));
    let n = count(v, "conclusion.problems");
    for i in 0..n {
        let mut t = field(
            &t::problem_title(i + 1),
            Kind::Text,
            format!("conclusion.problems[{i}].title"),
            v,
            "",
        );
        t.table = Some(TableRow::Row(Table::Problems, i));
        rows.push(t);
        let caption = indented(t::PROBLEM_TEXT);
        let mut b = text(&caption, &format!("conclusion.problems[{i}].text"), v);
        b.table = Some(TableRow::Row(Table::Problems, i));
        rows.push(b);
    }
    if n == 0 {
        rows.push(table_placeholder(Table::Problems));
    }
}

fn recommendations(v: &Values, rows: &mut Vec<Row>) {
    // The problems they answer, for reference (edited in 总体评价结论).
    let problems = count(v, "conclusion.problems");
    rows.push(Row::heading(t::problems_for_reference(problems)));
    for i in 0..problems {
        let title = v.text(&format!("conclusion.problems[{i}].title"));
        rows.push(Row::new(vec![Cell::label(
            t::problem_line(i + 1, &title),
            0,
        )]));
    }
    rows.push(Row::heading(t::RECOMMENDATIONS_HEADING));
    let items = "recommendations.items";
    let n = count(v, items);
    for i in 0..n {
        let mut rows_i = vec![
            field(
                &t::answers_problem(i + 1),
                Kind::Count,
                format!("{items}[{i}].problem"),
                v,
                t::PROBLEM_UNIT,
            ),
            field(
                &indented(column_name(items, "title")),
                Kind::Text,
                format!("{items}[{i}].title"),
                v,
                "",
            ),
            text(
                &indented(column_name(items, "text")),
                &format!("{items}[{i}].text"),
                v,
            ),
        ];
        for r in &mut rows_i {
            r.table = Some(TableRow::Row(Table::Recommendations, i));
        }
        rows.extend(rows_i);
    }
    if n == 0 {
        rows.push(table_placeholder(Table::Recommendations));
    }
}
