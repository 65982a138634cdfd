//! Rows for the groups (一级指标) the rubric places in a section: each group's heading with
//! its score, the record's own indicators under its open nodes, and the rubric's leaves
//! (checklists, qualitative scores, named input values, overrides), whatever the rubric is.

use super::{Cell, Kind, Row, Values, field, indented, input_name, open_rows, score_of};
use crate::num;
use crate::repo::Evaluation;
use crate::rubric::{Method, Node};
use crate::section::Section;
use crate::text::{form as t, printers, record};

/// The editor's kind for a value typed with `decimals` decimals.
pub(super) fn number_kind(decimals: u32) -> Kind {
    match decimals {
        0 => Kind::Count,
        2 => Kind::Number,
        decimals => Kind::Figure { decimals },
    }
}

/// Rows for every group the rubric places in `section`, in the rubric's order: a heading
/// with the group's score, then its indicators. Open nodes a narrative of the section has
/// already drawn (`drawn`) are not drawn again; a group with nothing left to draw shows no
/// heading.
pub(super) fn group_rows(
    e: &Evaluation,
    section: Section,
    v: &Values,
    rows: &mut Vec<Row>,
    drawn: &[String],
) {
    for (_, g) in e.rubric.groups().filter(|(_, g)| g.section == section) {
        let under = |n: &Node| n.path == g.path || n.path.starts_with(&format!("{}/", g.path));
        let todo: Vec<&Node> = e
            .rubric
            .nodes
            .iter()
            .filter(|n| under(n) && (n.is_leaf() || (n.def.open && !drawn.contains(&n.def.id))))
            .collect();
        if todo.is_empty() {
            continue;
        }
        let score = e
            .card
            .node(&g.path)
            .map(|s| e.card.score_text(s))
            .unwrap_or_default();
        rows.push(Row::heading(t::group_heading(
            &g.def.name,
            &g.weight_label(),
            &score,
        )));
        for n in todo {
            if n.def.open {
                open_rows(e, v, rows, &n.def.id);
            } else {
                leaf_rows(e, n, v, rows);
            }
        }
    }
}

/// Rows for one of the rubric's leaves: checklists, qualitative scores, input values,
/// overrides.
fn leaf_rows(e: &Evaluation, n: &Node, v: &Values, rows: &mut Vec<Row>) {
    let section = n.section;
    {
        let base = format!("{}.inputs.{}", section.id(), n.def.id);
        let first = rows.len();
        rows.push(Row::heading(format!(
            "{}  {}",
            n.def.name,
            score_of(e, &n.path)
        )));
        match &n.def.method {
            Some(Method::Checklist { items, deduct }) => {
                let pass = v.answers(&format!("{base}.pass"));
                for (i, item) in items.iter().enumerate() {
                    let mark = record::answer(pass.get(i).copied().flatten());
                    rows.push(Row::new(vec![
                        Cell {
                            kind: Kind::Check {
                                index: i,
                                len: items.len(),
                            },
                            text: mark.into(),
                            path: format!("{base}.pass"),
                            width: 8,
                            column: String::new(),
                        },
                        Cell::label(format!("{}. {item}", i + 1), 0),
                    ]));
                }
                rows.push(Row::new(vec![Cell::label(
                    t::deduct_each(num::plain(deduct.0)),
                    0,
                )]));
            }
            Some(m @ Method::Qualitative { .. }) => {
                // The level picked bounds the score (优 9–10 …); the rubric lists them.
                if let Some(l) = m.levels() {
                    let names: Vec<&str> = l.levels.iter().map(|x| x.name.as_str()).collect();
                    rows.push(field(
                        input_name("level"),
                        Kind::Text,
                        format!("{base}.level"),
                        v,
                        &names.join("/"),
                    ));
                }
                rows.push(field(
                    input_name("score"),
                    Kind::Number,
                    format!("{base}.score"),
                    v,
                    t::POINTS,
                ));
                rows.push(field(
                    input_name("basis"),
                    Kind::Text,
                    format!("{base}.basis"),
                    v,
                    "",
                ));
            }
            _ => {
                // The values its rule and the rates read, under the rubric's labels, each
                // taking the decimals the rubric allows.
                if let Some(i) = e.rubric.nodes.iter().position(|x| x.def.id == n.def.id) {
                    for input in e.rubric.inputs_of(i) {
                        rows.push(field(
                            &input.label,
                            number_kind(input.decimals),
                            format!("{base}.{}", input.name),
                            v,
                            &input.unit,
                        ));
                    }
                }
                if let Some(s) = e.card.node(&n.path).filter(|s| !s.detail.is_empty()) {
                    rows.push(Row::new(vec![
                        Cell::label(indented(printers::COMPUTED), 18),
                        Cell::derived(s.detail.clone(), 0),
                    ]));
                }
            }
        }
        rows.push(field(
            input_name("override.score"),
            Kind::Number,
            format!("{base}.override.score"),
            v,
            t::OVERRIDE_UNIT,
        ));
        if e.record
            .inputs(section, &n.def.id)
            .is_some_and(|i| i.override_.is_some())
        {
            rows.push(field(
                input_name("override.reason"),
                Kind::Text,
                format!("{base}.override.reason"),
                v,
                "",
            ));
        }
        for r in &mut rows[first..] {
            r.context = Some(n.def.name.clone());
        }
    }
}
