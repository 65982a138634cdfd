//! Rows for the rubric's own leaves of a section: checklists, qualitative scores and
//! overrides, whatever indicators the rubric defines.

use super::{Cell, Kind, Row, Values, field, score_of};
use crate::num;
use crate::repo::Evaluation;
use crate::rubric::Method;
use crate::section::Section;

/// Rows for the rubric's own leaves of a section: checklists, qualitative scores, overrides.
pub(super) fn leaf_rows(e: &Evaluation, section: Section, v: &Values, rows: &mut Vec<Row>) {
    for n in e
        .rubric
        .nodes
        .iter()
        .filter(|n| n.is_leaf() && n.section == section)
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
                    let mark = match pass.get(i).copied().flatten() {
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
                            column: "",
                        },
                        Cell::label(format!("{}. {item}", i + 1), 0),
                    ]));
                }
                rows.push(Row::new(vec![Cell::label(
                    format!("  每有一项不合格扣 {} 分", num::plain(deduct.0)),
                    0,
                )]));
            }
            Some(m @ Method::Qualitative { .. }) => {
                // The level picked bounds the score (优 9–10 …); the rubric lists them.
                if let Some(l) = m.levels() {
                    let names: Vec<&str> = l.levels.iter().map(|x| x.name.as_str()).collect();
                    rows.push(field(
                        "评价等级",
                        Kind::Text,
                        format!("{base}.level"),
                        v,
                        &names.join("/"),
                    ));
                }
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
        for r in &mut rows[first..] {
            r.context = Some(n.def.name.clone());
        }
    }
}
