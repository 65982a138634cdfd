//! The fields of each section as rows of cells: what the editor shows and edits. Built from
//! the record's TOML (values as typed) and the scorecard (derived values, never editable).

mod declared;

use crate::num;
use crate::record::doc;
use crate::repo::Evaluation;
use crate::rubric::Method;
use crate::section::Section;
use declared::{budget, management, overview, targets};
use std::collections::BTreeMap;
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
    /// A checklist answer: 合格 / 不合格, item `index` of the `pass` array of `len` items.
    Check { index: usize, len: usize },
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
}

impl Cell {
    fn label(text: impl Into<String>, width: u16) -> Cell {
        Cell {
            kind: Kind::Label,
            path: String::new(),
            text: text.into(),
            width,
        }
    }
    /// An editable cell showing the field's current value.
    fn edit(kind: Kind, path: String, v: &Values, width: u16) -> Cell {
        Cell {
            kind,
            text: v.text(&path),
            path,
            width,
        }
    }
    fn derived(text: impl Into<String>, width: u16) -> Cell {
        Cell {
            kind: Kind::Derived,
            path: String::new(),
            text: text.into(),
            width,
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
    /// The add/remove target of the table this row belongs to (`targets.indicators`).
    pub table: Option<(String, usize)>,
}

impl Row {
    fn new(cells: Vec<Cell>) -> Row {
        Row {
            cells,
            style: Style::Normal,
            table: None,
        }
    }
    fn heading(text: impl Into<String>) -> Row {
        Row {
            cells: vec![Cell::label(text, 0)],
            style: Style::Heading,
            table: None,
        }
    }
    fn header(cells: Vec<Cell>) -> Row {
        Row {
            cells,
            style: Style::Header,
            table: None,
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
    /// The `pass` answers of a checklist.
    pub fn bools(&self, path: &str) -> Vec<bool> {
        match self.0.get(path) {
            Some(Value::Array(a)) => a.iter().map(|v| v.as_bool().unwrap_or(false)).collect(),
            _ => Vec::new(),
        }
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

fn table_placeholder(table: &str) -> Row {
    let mut r = Row::new(vec![Cell::label("（空：按 a 添加一行）", 0)]);
    r.table = Some((table.to_string(), usize::MAX));
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
            format!("{}（上年）", r.name)
        } else {
            r.name.clone()
        };
        let value = r.value().map(num::percent).unwrap_or_else(|| "—".into());
        rows.push(Row::new(vec![
            Cell::label(label, 18),
            Cell::derived(value, 16),
            Cell::label("（计算）", 0),
        ]));
    }
}

/// The table of the record's own indicators under the open node `only` (every open node of
/// 整体绩效目标实现情况 when `None`).
fn open_rows(e: &Evaluation, v: &Values, rows: &mut Vec<Row>, only: Option<&str>) {
    let items = &e.record.targets.indicators;
    for n in e
        .rubric
        .nodes
        .iter()
        .filter(|n| n.def.open && n.section == Section::Targets)
        .filter(|n| only.is_none_or(|id| n.def.id == id))
    {
        rows.push(Row::heading(format!(
            "{}（{} 分）  {}  （a 添加，x 删除）",
            n.def.name,
            num::plain(n.def.weight.0),
            score_of(e, &n.path)
        )));
        rows.push(Row::header(vec![
            Cell::label("三级指标", 26),
            Cell::label("指标值", 12),
            Cell::label("完成值", 12),
            Cell::label("分值", 5),
            Cell::label("评价分", 7),
            Cell::label("调整分", 7),
            Cell::label("得分", 0),
        ]));
        let mut k = 0;
        for (i, it) in items
            .iter()
            .enumerate()
            .filter(|(_, it)| it.parent == n.def.id)
        {
            k += 1;
            let p = |f: &str| format!("targets.indicators[{i}].{f}");
            let score = e.card.node(&format!("{}/{k}", n.path));
            let shown = score
                .map(|s| {
                    let computed = s.computed.map(num::fixed2).unwrap_or_else(|| "—".into());
                    if s.override_.is_some() {
                        format!("{}*（算 {computed}）", num::fixed2(s.score))
                    } else {
                        computed
                    }
                })
                .unwrap_or_default();
            let qualitative = matches!(
                crate::target::Target::parse(&it.target),
                crate::target::Target::Level(_)
            );
            let mut r = Row::new(vec![
                Cell::edit(Kind::Text, p("name"), v, 26),
                Cell::edit(Kind::Text, p("target"), v, 12),
                Cell::edit(Kind::Text, p("actual"), v, 12),
                Cell::edit(Kind::Number, p("weight"), v, 5),
                if qualitative {
                    Cell::edit(Kind::Number, p("score"), v, 7)
                } else {
                    Cell::derived("", 7)
                },
                Cell::edit(Kind::Number, p("override.score"), v, 7),
                Cell::derived(shown, 0),
            ]);
            r.table = Some(("targets.indicators".into(), i));
            rows.push(r);
            if qualitative {
                rows.push(sub_row("评分依据", p("basis"), v, i));
            }
            if it.override_.is_some() {
                rows.push(sub_row("调整理由", p("override.reason"), v, i));
            }
        }
        if k == 0 {
            let mut r = table_placeholder("targets.indicators");
            r.table = Some((format!("targets.indicators@{}", n.def.id), usize::MAX));
            rows.push(r);
        }
    }
}

fn sub_row(label: &str, path: String, v: &Values, i: usize) -> Row {
    let mut r = Row::new(vec![
        Cell::label(format!("  └ {label}"), 14),
        Cell::edit(Kind::Text, path, v, 0),
    ]);
    r.table = Some(("targets.indicators".into(), i));
    r
}

/// Rows for the rubric's own leaves of a section: checklists, qualitative scores, overrides.
fn leaf_rows(e: &Evaluation, section: Section, v: &Values, rows: &mut Vec<Row>) {
    for n in e
        .rubric
        .nodes
        .iter()
        .filter(|n| n.is_leaf() && n.section == section)
    {
        let base = format!("{}.inputs.{}", section.id(), n.def.id);
        rows.push(Row::heading(format!(
            "{}  {}",
            n.def.name,
            score_of(e, &n.path)
        )));
        match &n.def.method {
            Some(Method::Checklist { items, deduct }) => {
                let pass = v.bools(&format!("{base}.pass"));
                for (i, item) in items.iter().enumerate() {
                    let mark = match pass.get(i) {
                        Some(true) => "合格",
                        Some(false) => "不合格",
                        None => "未评",
                    };
                    rows.push(Row::new(vec![
                        Cell {
                            kind: Kind::Check {
                                index: i,
                                len: items.len(),
                            },
                            text: mark.into(),
                            path: format!("{base}.pass"),
                            width: 8,
                        },
                        Cell::label(format!("{}. {item}", i + 1), 0),
                    ]));
                }
                rows.push(Row::new(vec![Cell::label(
                    format!("  每有一项不合格扣 {} 分", num::plain(deduct.0)),
                    0,
                )]));
            }
            Some(Method::Qualitative {}) => {
                rows.push(field(
                    "评价分",
                    Kind::Number,
                    format!("{base}.score"),
                    v,
                    "分",
                ));
                rows.push(field(
                    "评分依据",
                    Kind::Text,
                    format!("{base}.basis"),
                    v,
                    "",
                ));
            }
            _ => {
                if let Some(s) = e.card.node(&n.path).filter(|s| !s.detail.is_empty()) {
                    rows.push(Row::new(vec![
                        Cell::label("  计算", 18),
                        Cell::derived(s.detail.clone(), 0),
                    ]));
                }
            }
        }
        rows.push(field(
            "调整分",
            Kind::Number,
            format!("{base}.override.score"),
            v,
            "分（空 = 不调整）",
        ));
        if e.record
            .inputs(section, &n.def.id)
            .is_some_and(|i| i.override_.is_some())
        {
            rows.push(field(
                "调整理由",
                Kind::Text,
                format!("{base}.override.reason"),
                v,
                "",
            ));
        }
    }
}

fn conclusion(e: &Evaluation, v: &Values, rows: &mut Vec<Row>) {
    rows.push(Row::heading("（一）评价得分情况 表 4（计算所得）"));
    rows.push(Row::header(vec![
        Cell::label("一级指标", 30),
        Cell::label("分值", 8),
        Cell::label("得分", 10),
        Cell::label("得分率", 0),
    ]));
    let rate = |r: Option<rust_decimal::Decimal>| r.map(num::percent).unwrap_or_default();
    for g in e.card.groups() {
        rows.push(Row::new(vec![
            Cell::label(g.name.clone(), 30),
            Cell::derived(num::plain(g.weight), 8),
            Cell::derived(num::fixed2(g.score), 10),
            Cell::derived(rate(g.rate()), 0),
        ]));
    }
    rows.push(Row::new(vec![
        Cell::label("合计", 30),
        Cell::derived(num::plain(e.card.full_marks), 8),
        Cell::derived(num::fixed2(e.card.total), 10),
        Cell::derived(rate(e.card.total_rate()), 0),
    ]));
    rows.push(Row::new(vec![
        Cell::label("综合评价等级", 30),
        Cell::derived(e.card.grade.clone(), 0),
    ]));
    rows.push(Row::heading("（二）存在的问题及原因分析（a 添加，x 删除）"));
    let n = count(v, "conclusion.problems");
    for i in 0..n {
        let mut t = field(
            &format!("问题 {} 标题", i + 1),
            Kind::Text,
            format!("conclusion.problems[{i}].title"),
            v,
            "",
        );
        t.table = Some(("conclusion.problems".into(), i));
        rows.push(t);
        let mut b = text("  原因分析", &format!("conclusion.problems[{i}].text"), v);
        b.table = Some(("conclusion.problems".into(), i));
        rows.push(b);
    }
    if n == 0 {
        rows.push(table_placeholder("conclusion.problems"));
    }
}

fn recommendations(v: &Values, rows: &mut Vec<Row>) {
    // The problems they answer, for reference (edited in 总体评价结论).
    let problems = count(v, "conclusion.problems");
    rows.push(Row::heading(format!(
        "存在的问题（{problems} 个，在第五部分编辑）"
    )));
    for i in 0..problems {
        let title = v.text(&format!("conclusion.problems[{i}].title"));
        rows.push(Row::new(vec![Cell::label(
            format!("  问题 {}：{title}", i + 1),
            0,
        )]));
    }
    rows.push(Row::heading("措施建议：每个问题一条（a 添加，x 删除）"));
    let n = count(v, "recommendations.items");
    for i in 0..n {
        let mut rows_i = vec![
            field(
                &format!("建议 {} 对应问题", i + 1),
                Kind::Count,
                format!("recommendations.items[{i}].problem"),
                v,
                "号问题",
            ),
            field(
                "  标题",
                Kind::Text,
                format!("recommendations.items[{i}].title"),
                v,
                "",
            ),
            text("  内容", &format!("recommendations.items[{i}].text"), v),
        ];
        for r in &mut rows_i {
            r.table = Some(("recommendations.items".into(), i));
        }
        rows.extend(rows_i);
    }
    if n == 0 {
        rows.push(table_placeholder("recommendations.items"));
    }
}
