//! The report's tables in its sections: 表 1 部门整体绩效目标, 表 2 预算执行情况 and 表 3
//! 年度重点工作, captioned and headed in the rubric's words, and the figures and rates they
//! show as the rubric declares them.

use super::{Builder, MISSING, cells, table};
use crate::export::{Block, Cell};
use crate::num;
use crate::repo::Evaluation;
use crate::rubric::{RateKind, Source};
use crate::section::Section;
use crate::text::export as words;

/// A figure of the record as the report prints it (its declared grouping and decimals,
/// without the unit), or `missing` when it is empty.
pub(in crate::export) fn figure_text(e: &Evaluation, id: &str, missing: &str) -> String {
    match (e.rubric.catalogue.figure(id), e.record.figure(id).flatten()) {
        (Some(f), Some(v)) => f.show(v),
        (None, Some(v)) => num::amount(v),
        _ => missing.to_string(),
    }
}

/// The rate `numerator / denominator` (or their difference ratio) of two record figures, as
/// displayed: the engine's rate, with its unit and decimals, where the rubric defines one;
/// else the percentage to two decimals, half-up.
pub(in crate::export) fn figure_rate(
    e: &Evaluation,
    kind: RateKind,
    numerator: &str,
    denominator: &str,
) -> Option<String> {
    let defined = e.rubric.rates.iter().find(|r| {
        r.kind == kind
            && r.numerator == Source::Field(numerator.into())
            && r.denominator == Source::Field(denominator.into())
    });
    if let Some(rate) = defined.and_then(|r| e.card.rate(&r.id)) {
        return rate.value().map(|_| rate.display());
    }
    let n = e.record.figure(numerator).flatten()?;
    let d = e.record.figure(denominator).flatten()?;
    let exact = match kind {
        RateKind::Ratio => num::percent_of(n, d),
        RateKind::Difference => num::percent_of((n - d).abs(), d),
        // Sentences cite rates of figures; a change of two rates is not one of them.
        RateKind::Change => None,
    };
    exact.map(num::percent)
}

/// The record's own indicators listed in 表 3 (年度重点工作), in report order, whichever
/// sections the rubric places their groups in.
pub(super) fn key_task_items(e: &Evaluation) -> Vec<crate::record::Item> {
    Section::HOLDING
        .into_iter()
        .flat_map(|s| e.record.items(s))
        .filter(|i| i.key_task)
        .cloned()
        .collect()
}

impl Builder<'_> {
    /// 表 1.
    pub(super) fn goals(&mut self) {
        let o = &self.e.record.overview;
        if !o.goals.is_empty() {
            let mut rows = vec![cells(&words::GOALS_HEADS)];
            rows.extend(o.goals.iter().map(|g| {
                cells(&[
                    g.activity.as_str(),
                    g.indicator.as_str(),
                    g.nature.as_str(),
                    g.value.as_str(),
                ])
            }));
            self.caption(words::GOALS_CAPTION);
            self.out.push(Block::Table(table(vec![5, 12, 3, 3], rows)));
        }
    }

    /// 表 2, from the rubric's `[execution_table]` and `[[execution_row]]`s: its caption and
    /// heads in the rubric's words, the unit its figures share (else each amount with its own).
    pub(super) fn execution_table(&mut self) {
        let cat = &self.e.rubric.catalogue;
        let defs = cat.execution_rows.clone();
        let Some(t) = cat.execution_table.clone().filter(|_| !defs.is_empty()) else {
            return;
        };
        let unit = cat
            .shared_unit(
                defs.iter()
                    .flat_map(|r| [r.budget.as_str(), r.spent.as_str()]),
            )
            .map(str::to_string);
        let caption = self.fill(&t.caption);
        self.caption(&match &unit {
            Some(u) => words::caption_in_unit(&caption, u),
            None => caption,
        });
        let e = self.e;
        let shown = |id: &str| {
            let v = figure_text(e, id, MISSING);
            match (&unit, e.rubric.catalogue.figure(id)) {
                (None, Some(f)) if e.record.figure(id).flatten().is_some() => {
                    format!("{v} {}", f.unit)
                }
                _ => v,
            }
        };
        let rate = |n: &str, d: &str| {
            figure_rate(e, RateKind::Ratio, n, d).unwrap_or_else(|| MISSING.into())
        };
        let mut rows = vec![cells(&[&t.item, &t.budget, &t.spent, &t.rate])];
        rows.extend(defs.iter().map(|r| {
            vec![
                Cell::new(r.label.as_str()),
                Cell::new(shown(&r.budget)),
                Cell::new(shown(&r.spent)),
                Cell::new(rate(&r.spent, &r.budget)),
            ]
        }));
        self.out.push(Block::Table(table(vec![4, 4, 4, 3], rows)));
    }

    /// 表 3: the record's indicators marked `key_task`.
    pub(super) fn key_tasks(&mut self) {
        let key = key_task_items(self.e);
        if !key.is_empty() {
            // In the rubric's words, or the report's plain ones.
            let t = self
                .e
                .rubric
                .catalogue
                .key_task_table
                .clone()
                .unwrap_or_default();
            let caption = self.fill(&t.caption);
            self.caption(&caption);
            let mut rows = vec![cells(&[&t.number, &t.name, &t.target, &t.actual])];
            rows.extend(key.iter().enumerate().map(|(i, item)| {
                cells(&[&(i + 1).to_string(), &item.name, &item.target, &item.actual])
            }));
            self.out.push(Block::Table(table(vec![2, 12, 4, 4], rows)));
        }
    }
}
