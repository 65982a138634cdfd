//! The 附件: the scoring table, one table per 一级指标, generated from the rubric (names,
//! 指标解释, 评分标准) and the scorecard (分值, 得分, the values behind each score).

use super::build::{cells, figure_rate, figure_text};
use super::{Block, Cell, Table};
use crate::num;
use crate::repo::Evaluation;
use crate::rubric::columns::ColumnDef;
use crate::rubric::{Method, RateKind, Source};
use crate::score::NodeScore;
use crate::text::export::{RESCALED_NOTE, annex as t};
use crate::text::printers;
use rust_decimal::Decimal;

/// Which value columns a row fills.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// 预算数, 执行数, 执行率 (ratio methods).
    Ratio,
    /// 指标值, 完成值.
    Pair,
    /// 上年, 本年 (year-on-year and benchmark comparisons).
    Year,
    /// Nothing to show but the score (checklists …): `——`.
    Plain,
}

impl Kind {
    fn of(n: &NodeScore) -> Kind {
        match n.method {
            "ratio" | "inverse_ratio" => Kind::Ratio,
            "target" => Kind::Pair,
            "year_on_year" | "threshold_excess" => Kind::Year,
            _ if !n.target.is_empty() || !n.actual.is_empty() => Kind::Pair,
            _ => Kind::Plain,
        }
    }

    fn columns(self) -> usize {
        match self {
            Kind::Ratio => 3,
            Kind::Pair | Kind::Year => 2,
            Kind::Plain => 1,
        }
    }
}

/// The 附件's blocks: a table per 一级指标, then the notes on overrides and 不适用.
pub(super) fn annex(e: &Evaluation) -> Vec<Block> {
    let nodes = &e.card.nodes;
    let starts: Vec<usize> = (0..nodes.len()).filter(|&i| nodes[i].level == 1).collect();
    let mut out = Vec::new();
    for (gi, &start) in starts.iter().enumerate() {
        let end = starts.get(gi + 1).copied().unwrap_or(nodes.len());
        let last = gi + 1 == starts.len();
        let mut table = group_table(e, gi, &nodes[start..end], last);
        table.mark_merges();
        out.push(Block::Table(table));
        out.extend(notes(&nodes[start..end]));
    }
    if e.card.rescaled {
        out.push(Block::Note(RESCALED_NOTE.into()));
    }
    out
}

fn notes(group: &[NodeScore]) -> Vec<Block> {
    let mut out = Vec::new();
    let leaves = group.iter().filter(|n| n.leaf);
    if group.iter().any(|n| n.leaf && n.override_.is_some()) {
        out.push(Block::Note(t::OVERRIDE_NOTE.into()));
    }
    for n in leaves {
        if let Some(ov) = &n.override_ {
            let computed = n
                .computed
                .map(|c| t::computed(num::fixed2(c)))
                .unwrap_or_default();
            out.push(Block::Note(t::overridden(
                &n.name,
                &computed,
                num::fixed2(ov.score),
                ov.reason.trim(),
            )));
        }
        if let Some(na) = &n.not_applicable {
            out.push(Block::Note(t::not_applicable(&n.name, na.trim())));
        }
    }
    out
}

fn group_title(n: &NodeScore) -> String {
    t::weighted(&n.name, num::plain(n.weight))
}

/// The score cell: the score, `*` for an override, 不适用.
fn score_text(n: &NodeScore) -> String {
    if n.not_applicable.is_some() {
        t::NOT_APPLICABLE.into()
    } else if n.override_.is_some() {
        format!("{}*", num::fixed2(n.score))
    } else {
        num::fixed2(n.score)
    }
}

fn group_table(e: &Evaluation, gi: usize, group: &[NodeScore], last: bool) -> Table {
    let head = &group[0];
    let leaves: Vec<&NodeScore> = group.iter().filter(|n| n.leaf).collect();
    let name_cols = group.iter().map(|n| n.level).max().unwrap_or(1).max(2);
    let val_cols = leaves
        .iter()
        .map(|n| Kind::of(n).columns())
        .max()
        .unwrap_or(1);
    let first_kind = leaves.first().map(|n| Kind::of(n)).unwrap_or(Kind::Plain);
    let ratio_heads = leaves
        .iter()
        .find(|n| Kind::of(n) == Kind::Ratio)
        .map(|n| ratio_heads(e, n))
        .unwrap_or_default();
    // The form's own columns (是否核心指标 …) of the record's indicators in this group.
    let extra: Vec<&ColumnDef> = e
        .rubric
        .catalogue
        .columns
        .iter()
        .filter(|c| {
            leaves
                .iter()
                .any(|n| open_group(e, n).is_some_and(|g| c.applies_to(g)))
        })
        .collect();
    let scores_head = || {
        let mut h = cells(&[printers::WEIGHT, printers::SCORE]);
        h.extend(extra.iter().map(|c| Cell::new(c.label.as_str())));
        h.extend(cells(&[t::EXPLANATION, t::CRITERIA]));
        h
    };

    let mut rows: Vec<Vec<Cell>> = Vec::new();
    let mut header = t::LEVEL_HEADS[..name_cols.min(3)]
        .iter()
        .map(|s| Cell::new(*s))
        .collect::<Vec<_>>();
    if name_cols > 3 {
        header.push(Cell::spanning("", name_cols - 3));
    }
    header.extend(value_header(first_kind, val_cols, e.year, &ratio_heads));
    header.extend(scores_head());
    rows.push(header);

    // The open ancestors of the current row, by level, to merge their cells downwards.
    let mut stack: Vec<&NodeScore> = Vec::new();
    let mut shown: Vec<Option<String>> = vec![None; name_cols + 1];
    let mut kind_now = first_kind;
    let mut explained: Option<usize> = None;
    for n in group {
        stack.truncate(n.level.saturating_sub(1));
        if !n.leaf {
            stack.push(n);
            continue;
        }
        let kind = Kind::of(n);
        if kind != kind_now && kind != Kind::Plain {
            let mut sub = vec![Cell::below(1)];
            sub.push(Cell::spanning(printers::INDICATOR, name_cols - 1));
            sub.extend(value_header(kind, val_cols, e.year, &ratio_heads));
            sub.extend(scores_head());
            rows.push(sub);
            kind_now = kind;
            // A header row breaks every merge above it except the 一级 column.
            shown.iter_mut().skip(1).for_each(|s| *s = None);
        }
        let mut row = Vec::new();
        for (level, anc) in stack.iter().enumerate() {
            if shown[level].as_deref() == Some(anc.path.as_str()) {
                row.push(Cell::below(1));
            } else {
                shown[level] = Some(anc.path.clone());
                shown.iter_mut().skip(level + 1).for_each(|s| *s = None);
                row.push(Cell::new(group_title(anc)));
            }
        }
        let own = stack.len();
        shown.iter_mut().skip(own).for_each(|s| *s = None);
        row.push(Cell::spanning(&n.name, name_cols - own));
        row.extend(values(e, n, kind, val_cols));
        row.push(Cell::new(num::plain(n.weight)));
        row.push(Cell::new(score_text(n)));
        for c in &extra {
            row.push(Cell::new(match open_group(e, n) {
                Some(g) if c.applies_to(g) => e
                    .record
                    .item_at(&n.field)
                    .and_then(|it| it.cells.get(&c.id))
                    .map(|v| v.show(c))
                    .unwrap_or_default(),
                _ => "——".to_string(),
            }));
        }
        let node = e.rubric.nodes.get(n.node);
        let from_parent = node.is_some_and(|r| !r.is_leaf());
        match node {
            // The text stays in the first row, which grows to hold it: merged over the rows
            // it would be cut off where they cross a page break.
            Some(_) if from_parent && explained == Some(n.node) => {
                row.push(Cell::open_below(1));
                row.push(Cell::open_below(1));
            }
            Some(r) => {
                row.push(Cell::new(r.def.explanation.trim()));
                row.push(Cell::new(r.def.criteria.trim()));
            }
            None => row.extend(cells(&["", ""])),
        }
        explained = from_parent.then_some(n.node);
        rows.push(row);
        for id in node.map(|r| r.def.details.as_slice()).unwrap_or_default() {
            if let Some(d) = detail_row(e, id, own, name_cols, val_cols, extra.len()) {
                rows.push(d);
            }
        }
    }
    if last {
        let mut total = vec![Cell::spanning(printers::SUM, name_cols + val_cols)];
        total.push(Cell::new(num::plain(e.card.full_marks)));
        total.push(Cell::new(e.card.total_text()));
        total.extend((0..extra.len() + 2).map(|_| Cell::new("")));
        rows.push(total);
    }
    let mut widths = vec![4u32; name_cols];
    if name_cols >= 3 {
        widths[name_cols - 1] = 7;
    }
    // Amounts in 万元 (576,431.54) need wider columns than targets (≥600起).
    let value_width = if val_cols >= 3 { 6 } else { 4 };
    widths.extend(std::iter::repeat_n(value_width, val_cols));
    widths.extend([3, 3]);
    widths.extend(extra.iter().map(|_| 3));
    widths.extend([12, 16]);
    Table {
        title: Some(t::table_title(
            t::NUMERALS
                .get(gi)
                .or(t::NUMERALS.last())
                .copied()
                .unwrap_or_default(),
            &head.name,
            num::plain(head.weight),
        )),
        widths,
        header: 1,
        rows,
        small: true,
    }
}

/// The id of the open group a record's own indicator belongs to; `None` for the rubric's
/// own indicators.
fn open_group<'a>(e: &'a Evaluation, n: &NodeScore) -> Option<&'a str> {
    e.rubric
        .nodes
        .get(n.node)
        .filter(|g| g.def.open && n.leaf)
        .map(|g| g.def.id.as_str())
}

/// The heads of a ratio indicator's three value columns: the rubric's `heads` (else 指标值,
/// 完成值, 完成率), the first two with the unit its two figures share (预算数（万元）).
fn ratio_heads(e: &Evaluation, n: &NodeScore) -> Vec<String> {
    let Some(node) = e.rubric.nodes.get(n.node) else {
        return Vec::new();
    };
    let mut heads: Vec<String> = if node.def.heads.len() == 3 {
        node.def.heads.clone()
    } else {
        vec![t::TARGET.into(), t::ACTUAL.into(), t::COMPLETION.into()]
    };
    if let Some(Method::Ratio { actual, target, .. } | Method::InverseRatio { actual, target }) =
        node.def.method.as_ref()
    {
        let fields: Option<Vec<&str>> = [target, actual]
            .iter()
            .map(|s| match s {
                Source::Field(k) => Some(k.as_str()),
                _ => None,
            })
            .collect();
        if let Some(unit) = fields.and_then(|f| e.rubric.catalogue.shared_unit(f)) {
            for h in &mut heads[..2] {
                *h = t::in_unit(h, unit);
            }
        }
    }
    heads
}

fn value_header(kind: Kind, cols: usize, year: u16, ratio_heads: &[String]) -> Vec<Cell> {
    let labels: Vec<String> = match kind {
        Kind::Ratio if ratio_heads.len() == 3 => ratio_heads.to_vec(),
        Kind::Ratio => vec![t::TARGET.into(), t::ACTUAL.into(), t::COMPLETION.into()],
        Kind::Pair => vec![t::TARGET.into(), t::ACTUAL.into()],
        Kind::Year => vec![t::year_head(year.saturating_sub(1)), t::year_head(year)],
        Kind::Plain => vec!["——".into()],
    };
    spread(labels, cols)
}

/// Lays `texts` over `cols` grid columns, the last one spanning what is left.
fn spread(texts: Vec<String>, cols: usize) -> Vec<Cell> {
    let n = texts.len();
    texts
        .into_iter()
        .enumerate()
        .map(|(i, t)| {
            if i + 1 == n {
                Cell::spanning(t, cols.saturating_sub(n - 1))
            } else {
                Cell::new(t)
            }
        })
        .collect()
}

/// The value of a method's source, as displayed.
fn source_value(e: &Evaluation, s: &Source) -> Option<Decimal> {
    match s {
        Source::Field(k) => e.record.figure(k).flatten(),
        Source::Const(c) => Some(*c),
        Source::Rate(r) => e.card.rate(r).and_then(|r| r.value()),
        Source::Input(_) => None,
    }
}

fn values(e: &Evaluation, n: &NodeScore, kind: Kind, cols: usize) -> Vec<Cell> {
    let dash = || "——".to_string();
    let or_dash = |s: &str| {
        if s.is_empty() { dash() } else { s.to_string() }
    };
    let texts = match kind {
        Kind::Ratio => {
            let rate = match e
                .rubric
                .nodes
                .get(n.node)
                .and_then(|r| r.def.method.as_ref())
            {
                Some(Method::Ratio { actual, target, .. })
                | Some(Method::InverseRatio { actual, target }) => {
                    match (source_value(e, actual), source_value(e, target)) {
                        (Some(a), Some(t)) => num::percent_of(a, t).map(num::round2),
                        _ => None,
                    }
                }
                _ => None,
            };
            vec![
                or_dash(&n.target),
                or_dash(&n.actual),
                rate.map(num::percent).unwrap_or_else(dash),
            ]
        }
        Kind::Pair => vec![or_dash(&n.target), or_dash(&n.actual)],
        Kind::Year if n.method == "year_on_year" => vec![or_dash(&n.target), or_dash(&n.actual)],
        Kind::Year => vec![dash(), or_dash(&n.actual)],
        Kind::Plain => vec![dash()],
    };
    spread(texts, cols)
}

/// A row under a ratio indicator for one of its detail rates (基本支出, 项目支出).
fn detail_row(
    e: &Evaluation,
    id: &str,
    own: usize,
    name_cols: usize,
    val_cols: usize,
    extra: usize,
) -> Option<Vec<Cell>> {
    let def = e.rubric.rate(id)?;
    let label = match &def.numerator {
        Source::Field(k) => e.rubric.catalogue.figure(k).map(|f| f.label.to_string()),
        _ => None,
    }
    .unwrap_or_else(|| def.name.clone());
    let (Source::Field(nk), Source::Field(dk)) = (&def.numerator, &def.denominator) else {
        return None;
    };
    let fig = |k: &str| figure_text(e, k, "——");
    let rate = figure_rate(e, RateKind::Ratio, nk, dk).unwrap_or_else(|| "——".into());
    let mut row: Vec<Cell> = (0..own).map(|_| Cell::below(1)).collect();
    row.push(Cell::spanning(label, name_cols - own));
    row.extend(spread(vec![fig(dk), fig(nk), rate], val_cols));
    row.extend((0..4 + extra).map(|_| Cell::below(1)));
    Some(row)
}
