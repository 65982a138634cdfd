//! The record's inputs checked against the rubric: tables and rows it does not know, and
//! values typed with more decimals than it allows. A record reads every named input
//! value with up to [`MAX_DECIMALS`](crate::rubric::inputs::MAX_DECIMALS) decimals, since it
//! does not know its rubric then; here each is held to what its indicator declares
//! (`[[indicator.input]]`, two when it does not say), and a value past that is an error that
//! names the field and what is allowed. It is not rounded: rounding happens only where the
//! rubric says (a rate's `decimals`, each score to two).

use super::leaf::Ctx;
use crate::finding::Finding;
use crate::record::Record;
use crate::rubric::Rubric;
use crate::section::Section;
use crate::text::score as zh;

/// Reports every input value of a rubric leaf with more decimals than its declaration allows.
pub(super) fn check_input_decimals(rubric: &Rubric, record: &Record, out: &mut Vec<Finding>) {
    for (i, n) in rubric.nodes.iter().enumerate() {
        if !n.is_leaf() {
            continue;
        }
        let Some(inputs) = record.inputs(n.section, &n.def.id) else {
            continue;
        };
        for spec in rubric.inputs_of(i) {
            let Some(v) = inputs.values.get(&spec.name).and_then(|v| v.get()) else {
                continue;
            };
            if v.scale() > spec.decimals {
                out.push(Finding::error(
                    n.section,
                    "invalid-value",
                    format!("{}.inputs.{}.{}", n.section.id(), n.def.id, spec.name),
                    zh::too_many_decimals(
                        &n.def.name,
                        &spec.label,
                        v,
                        v.scale(),
                        &match spec.decimals {
                            0 => zh::INTEGER_ONLY.to_string(),
                            d => crate::text::rubric::checks::decimals_max(d),
                        },
                    ),
                ));
            }
        }
    }
}

/// Reports inputs tables and items that the rubric does not know.
pub(super) fn check_inputs_known(ctx: &Ctx<'_>, findings: &mut Vec<Finding>) {
    for section in Section::ALL {
        let Some(map) = ctx.record.inputs_map(section) else {
            continue;
        };
        for id in map.keys() {
            let ok = ctx
                .rubric
                .node(id)
                .is_some_and(|n| n.is_leaf() && n.section == section);
            if !ok {
                findings.push(Finding::error(
                    section,
                    "rubric-mismatch",
                    format!("{}.inputs.{id}", section.id()),
                    zh::no_such_leaf(&ctx.rubric.name, id),
                ));
            }
        }
        for (idx, item) in ctx.record.items(section).iter().enumerate() {
            let ok = ctx
                .rubric
                .node(&item.parent)
                .is_some_and(|n| n.def.open && n.section == section);
            if !ok {
                let open: Vec<String> = ctx
                    .rubric
                    .nodes
                    .iter()
                    .filter(|n| n.def.open && n.section == section)
                    .map(|n| zh::open_group(&n.def.id, &n.def.name))
                    .collect();
                findings.push(Finding::error(
                    section,
                    "rubric-mismatch",
                    format!("{}.indicators[{idx}].parent", section.id()),
                    zh::not_an_open_parent(&item.name, &item.parent, &open),
                ));
            }
        }
    }
}
