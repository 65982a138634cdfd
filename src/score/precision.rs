//! Values typed with more decimals than the rubric allows. A record reads every named input
//! value with up to [`MAX_DECIMALS`](crate::rubric::inputs::MAX_DECIMALS) decimals, since it
//! does not know its rubric then; here each is held to what its indicator declares
//! (`[[indicator.input]]`, two when it does not say), and a value past that is an error that
//! names the field and what is allowed. It is not rounded: rounding happens only where the
//! rubric says (a rate's `decimals`, each score to two).

use crate::finding::Finding;
use crate::record::Record;
use crate::rubric::Rubric;

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
                    format!(
                        "{}：「{}」{v} 有 {} 位小数，指标体系规定{}",
                        n.def.name,
                        spec.label,
                        v.scale(),
                        match spec.decimals {
                            0 => "为整数".to_string(),
                            d => format!("最多 {d} 位小数"),
                        }
                    ),
                ));
            }
        }
    }
}
