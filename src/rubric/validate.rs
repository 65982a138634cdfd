//! `jixiao rubric check`: a rubric's weights add up, its methods have what they need.

use super::{Method, Node, Rubric, Source};
use crate::section::Section;
use rust_decimal::Decimal;

/// A problem in a rubric, at an indicator path (or `rubric` for the whole file).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RubricProblem {
    pub path: String,
    pub message: String,
}

impl std::fmt::Display for RubricProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

impl Rubric {
    /// Every problem of the rubric; empty when it is sound.
    pub fn validate(&self) -> Vec<RubricProblem> {
        let mut out = Vec::new();
        let mut say = |path: &str, message: String| {
            out.push(RubricProblem {
                path: path.to_string(),
                message,
            })
        };
        let top: Decimal = self.groups().map(|(_, n)| n.def.weight.0).sum();
        if top != self.total {
            say(
                "rubric",
                format!(
                    "the 一级指标 weights add up to {}, not to the total {}",
                    top.normalize(),
                    self.total.normalize()
                ),
            );
        }
        if self.groups().next().is_none() {
            say("rubric", "no indicators".into());
        }
        if self.grades.is_empty() {
            say(
                "rubric",
                "no grades: add [[grade]] tables with name and min".into(),
            );
        } else if self.grades.last().is_some_and(|g| !g.min.0.is_zero()) {
            say(
                "rubric",
                "the lowest grade must start at min = 0 so that every score has a grade".into(),
            );
        }
        for (i, g) in self.grades.iter().enumerate() {
            if self.grades[..i].iter().any(|h| h.min == g.min) {
                say("rubric", format!("two grades start at {}", g.min.0));
            }
        }
        for r in &self.rates {
            for s in [&r.numerator, &r.denominator] {
                match s {
                    Source::Field(k) if self.catalogue.figure(k).is_none() => say(
                        &format!("rate.{}", r.id),
                        format!(
                            "`field:{k}` is not a figure declared by a [[figure]] of the rubric"
                        ),
                    ),
                    Source::Field(_) => {}
                    other => say(
                        &format!("rate.{}", r.id),
                        format!("a rate is derived from record figures (`field:…`), not `{other}`"),
                    ),
                }
            }
        }
        for n in &self.nodes {
            self.validate_node(n, &mut say);
        }
        for (field, message) in super::catalogue::cross_problems(self) {
            say(&field, message);
        }
        out
    }

    fn validate_node(&self, n: &Node, say: &mut impl FnMut(&str, String)) {
        let p = n.path.as_str();
        if n.def.weight.0.is_zero() {
            say(p, "weight is 0".into());
        }
        // Only these sections of a record hold indicator inputs.
        if n.level == 1
            && !matches!(
                n.section,
                Section::Budget | Section::Targets | Section::Management
            )
        {
            say(
                p,
                format!(
                    "section `{}` holds no indicator inputs: use budget, targets or management",
                    n.section.id()
                ),
            );
        }
        // Records list their own indicators only in 整体绩效目标实现情况 (targets.indicators).
        if n.def.open && n.section != Section::Targets {
            say(
                p,
                format!(
                    "an open node must be under a 一级指标 of section targets ({}): records list their own indicators only there",
                    Section::Targets.title()
                ),
            );
        }
        if !n.children.is_empty() {
            let sum: Decimal = n.children.iter().map(|&c| self.nodes[c].def.weight.0).sum();
            if sum != n.def.weight.0 {
                say(
                    p,
                    format!(
                        "the children's weights add up to {}, not to its weight {}",
                        sum.normalize(),
                        n.def.weight.0.normalize()
                    ),
                );
            }
        }
        if n.def.open && !n.children.is_empty() {
            say(
                p,
                "an open node takes its children from the record; remove `open` or the children"
                    .into(),
            );
        }
        for d in &n.def.details {
            if self.rate(d).is_none() {
                say(
                    p,
                    format!("details names rate `{d}`, which the rubric does not define"),
                );
            }
        }
        match (&n.def.method, n.is_leaf(), n.def.open) {
            (None, true, _) => say(p, "a leaf indicator needs a [indicator.method]".into()),
            (Some(m), false, false) => say(
                p,
                format!(
                    "has children, so it is scored by them; remove its `{}` method",
                    m.kind()
                ),
            ),
            (Some(Method::Target { late_score, .. }), _, true) => {
                if late_score.is_some_and(|l| l.0 > Decimal::ONE_HUNDRED) {
                    say(
                        p,
                        "late_score is a share of the weight in percent: at most 100".into(),
                    );
                }
            }
            (Some(Method::Target { .. }), true, false) => say(
                p,
                "method kind = \"target\" scores the record's own indicators: it needs `open = true`".into(),
            ),
            (_, _, true) => say(
                p,
                "an open node needs method kind = \"target\" for the record's indicators".into(),
            ),
            (Some(m), true, false) => self.validate_method(p, m, say),
            (None, false, false) => {}
        }
    }

    fn validate_method(&self, p: &str, m: &Method, say: &mut impl FnMut(&str, String)) {
        for s in m.sources() {
            match s {
                Source::Field(k) if self.catalogue.figure(k).is_none() => say(
                    p,
                    format!("`field:{k}` is not a figure declared by a [[figure]] of the rubric"),
                ),
                Source::Rate(r) if self.rate(r).is_none() => say(
                    p,
                    format!("`rate:{r}` is not defined by a [[rate]] of the rubric"),
                ),
                Source::Input(n) if crate::record::INPUT_FIELDS.contains(&n.as_str()) => say(
                    p,
                    format!(
                        "`input:{n}` cannot be filled in: `{n}` is a field of every inputs table; choose another name"
                    ),
                ),
                _ => {}
            }
        }
        let positive = |name: &str, v: Decimal, say: &mut dyn FnMut(&str, String)| {
            if v.is_zero() {
                say(p, format!("{} `{name}` must be above 0", m.kind()));
            }
        };
        match m {
            Method::Ratio { bands, .. } | Method::Target { bands, .. } => {
                for (i, b) in bands.iter().enumerate() {
                    if b.to.is_some_and(|t| t <= b.from) {
                        say(p, format!("band {} ends before it starts", i + 1));
                    }
                    if let Some(next) = bands.get(i + 1)
                        && b.to != Some(next.from)
                    {
                        say(
                            p,
                            format!("band {} does not end where band {} starts", i + 1, i + 2),
                        );
                    }
                    if b.deduct.0 > Decimal::ONE_HUNDRED {
                        say(
                            p,
                            format!("band {} deducts more than 100% of the weight", i + 1),
                        );
                    }
                }
            }
            Method::Checklist { items, deduct } => {
                if items.is_empty() {
                    say(p, "checklist has no items".into());
                }
                positive("deduct", deduct.0, say);
            }
            Method::PerPoint { deduct, step, .. }
            | Method::YearOnYear { deduct, step, .. }
            | Method::ThresholdExcess { deduct, step, .. } => {
                positive("deduct", deduct.0, say);
                positive("step", step.0, say);
            }
            Method::Tiers { tiers, .. } => {
                if tiers.is_empty() {
                    say(p, "tiers has no tiers".into());
                }
                for (i, t) in tiers.iter().enumerate() {
                    if t.score.0 > self.node_weight(p) {
                        say(p, format!("tier {} gives more than the weight", i + 1));
                    }
                }
            }
            Method::LinearToZero { k, .. } => positive("k", k.0, say),
            _ => {}
        }
    }

    fn node_weight(&self, path: &str) -> Decimal {
        self.nodes
            .iter()
            .find(|n| n.path == path)
            .map(|n| n.def.weight.0)
            .unwrap_or_default()
    }
}
