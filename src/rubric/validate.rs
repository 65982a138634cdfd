//! `jixiao rubric check`: a rubric's weights add up, its methods have what they need.

use super::{Method, Node, Rubric, Source};
use crate::section::Section;
use crate::text::rubric::checks as zh;
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
        // A total of 0 makes every 得分率 a division by zero and every grade meaningless.
        if self.total.is_zero() {
            say("rubric", zh::TOTAL_ZERO.into());
        }
        let top: Decimal = self.groups().map(|(_, n)| n.def.weight.0).sum();
        if top != self.total {
            say(
                "rubric",
                zh::groups_not_total(top.normalize(), self.total.normalize()),
            );
        }
        if self.groups().next().is_none() {
            say("rubric", zh::NO_INDICATORS.into());
        }
        if self.grades.is_empty() {
            say("rubric", zh::NO_GRADES.into());
        } else if self.grades.last().is_some_and(|g| !g.min.0.is_zero()) {
            say("rubric", zh::LOWEST_GRADE_MIN.into());
        }
        for g in &self.grades {
            // No score can reach it: the band would never be given.
            if g.min.0 > self.total && !self.total.is_zero() {
                say(
                    "rubric",
                    zh::grade_above_total(&g.name, g.min.0.normalize(), self.total.normalize()),
                );
            }
        }
        for (i, g) in self.grades.iter().enumerate() {
            if self.grades[..i].iter().any(|h| h.min == g.min) {
                say("rubric", zh::grades_same_min(g.min.0));
            }
        }
        for (i, r) in self.rates.iter().enumerate() {
            let at = format!("rate.{}", r.id);
            for s in [&r.numerator, &r.denominator] {
                if let Some(m) = self.rate_source_problem(i, r, s) {
                    say(&at, m);
                }
            }
            if r.decimals.is_some_and(|d| d > 10) {
                say(&at, zh::RATE_DECIMALS_MAX.into());
            }
        }
        if let Some(id) = &self.execution_rate {
            match self.rate(id) {
                None => say("rubric", zh::execution_rate_unknown(id)),
                Some(r)
                    if r.kind != super::RateKind::Ratio
                        || r.unit != super::RateUnit::Percent
                        || r.previous_year =>
                {
                    say("rubric", zh::execution_rate_kind(id))
                }
                Some(_) => {}
            }
        }
        for n in &self.nodes {
            self.validate_node(n, &mut say);
        }
        for (field, message) in super::catalogue::cross_problems(self) {
            say(&field, message);
        }
        for (path, message) in self.input_problems() {
            say(&path, message);
        }
        out
    }

    /// What the rubric should say and does not, though it scores: a value read from an
    /// indicator's inputs table without a label (`[[indicator.input]]`), which people would
    /// know only by the part it plays (达成数). Empty when there is nothing to add.
    pub fn warnings(&self) -> Vec<RubricProblem> {
        let mut out = Vec::new();
        for (i, n) in self.nodes.iter().enumerate() {
            for spec in self.unlabelled_inputs(i) {
                out.push(RubricProblem {
                    path: n.path.clone(),
                    message: zh::input_without_label(&spec.name, &n.def.id, &spec.label),
                });
            }
        }
        out
    }

    /// What is wrong with a source of the `i`-th rate, if anything.
    fn rate_source_problem(&self, i: usize, r: &super::RateDef, s: &Source) -> Option<String> {
        match s {
            Source::Field(k) if self.catalogue.figure(k).is_none() => {
                Some(zh::not_a_figure_source(k))
            }
            Source::Field(_) | Source::Const(_) => None,
            Source::Input(k) => {
                let leaf = k
                    .split_once('.')
                    .and_then(|(id, name)| Some((self.node(id)?, name)))
                    .filter(|(n, name)| n.is_leaf() && !name.is_empty());
                match leaf {
                    Some(_) => None,
                    None => Some(zh::rate_input_form(k)),
                }
            }
            // Scoring would have to know the rate to compute it.
            Source::Rate(id) if *id == r.id => Some(zh::rate_of_itself(id)),
            Source::Rate(id) if r.kind != super::RateKind::Change => Some(zh::rate_of_rate(id)),
            Source::Rate(id) if !self.rates[..i].iter().any(|x| x.id == *id) => {
                Some(zh::rate_not_before(id))
            }
            Source::Rate(_) => None,
        }
    }

    fn validate_node(&self, n: &Node, say: &mut impl FnMut(&str, String)) {
        let p = n.path.as_str();
        if n.def.weight.0.is_zero() {
            say(p, zh::WEIGHT_ZERO.into());
        }
        // A group is presented in a section whose record table holds its inputs and its
        // own rows (部门概况 to 预算管理情况); the conclusion and recommendations hold none.
        if n.level == 1 && !n.section.holds_fields() {
            let holding: Vec<&str> = Section::HOLDING.iter().map(|s| s.title()).collect();
            say(
                p,
                zh::section_holds_no_indicators(n.section.id(), n.section.title(), &holding),
            );
        }
        if !n.children.is_empty() {
            let sum: Decimal = n.children.iter().map(|&c| self.nodes[c].def.weight.0).sum();
            if sum != n.def.weight.0 {
                say(
                    p,
                    zh::children_not_weight(sum.normalize(), n.def.weight.0.normalize()),
                );
            }
        }
        if n.def.open && !n.children.is_empty() {
            say(p, zh::OPEN_WITH_CHILDREN.into());
        }
        if !n.def.heads.is_empty() {
            if n.def.heads.len() != 3 {
                say(p, zh::heads_count(n.def.heads.len()));
            }
            if !matches!(
                n.def.method,
                Some(Method::Ratio { .. } | Method::InverseRatio { .. })
            ) {
                say(p, zh::HEADS_ONLY_RATIO.into());
            }
        }
        for d in &n.def.details {
            if self.rate(d).is_none() {
                say(p, zh::unknown_detail(d));
            }
        }
        match (&n.def.method, n.is_leaf(), n.def.open) {
            (None, true, _) => say(p, zh::LEAF_WITHOUT_METHOD.into()),
            (Some(m), false, false) => say(p, zh::group_with_method(m.kind())),
            (Some(m @ Method::Target { late_score, .. }), _, true) => {
                if late_score.is_some_and(|l| l.0 > Decimal::ONE_HUNDRED) {
                    say(p, zh::LATE_SCORE_RANGE.into());
                }
                self.validate_levels(p, m, say);
            }
            (Some(Method::Target { .. }), true, false) => say(p, zh::TARGET_NOT_OPEN.into()),
            (_, _, true) => say(p, zh::OPEN_NOT_TARGET.into()),
            (Some(m), true, false) => {
                self.validate_method(p, m, say);
                self.validate_levels(p, m, say);
            }
            (None, false, false) => {}
        }
    }

    fn validate_method(&self, p: &str, m: &Method, say: &mut impl FnMut(&str, String)) {
        for s in m.sources() {
            match s {
                Source::Field(k) if self.catalogue.figure(k).is_none() => {
                    say(p, zh::not_a_figure_source(k))
                }
                Source::Rate(r) if self.rate(r).is_none() => say(p, zh::unknown_rate(r)),
                Source::Input(n) if crate::record::INPUT_FIELDS.contains(&n.as_str()) => {
                    say(p, zh::reserved_input(n))
                }
                _ => {}
            }
        }
        let positive = |name: &str, v: Decimal, say: &mut dyn FnMut(&str, String)| {
            if v.is_zero() {
                say(p, zh::must_be_positive(m.kind(), name));
            }
        };
        match m {
            Method::Ratio { bands, .. } | Method::Target { bands, .. } => {
                for (i, b) in bands.iter().enumerate() {
                    if b.to.is_some_and(|t| t <= b.from) {
                        say(p, zh::band_reversed(i + 1));
                    }
                    if let Some(next) = bands.get(i + 1)
                        && b.to != Some(next.from)
                    {
                        say(p, zh::bands_not_joined(i + 1, i + 2));
                    }
                    if b.deduct.0 > Decimal::ONE_HUNDRED {
                        say(p, zh::band_deduct_range(i + 1));
                    }
                }
            }
            Method::Checklist { items, deduct } => {
                if items.is_empty() {
                    say(p, zh::CHECKLIST_EMPTY.into());
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
                    say(p, zh::TIERS_EMPTY.into());
                }
                for (i, t) in tiers.iter().enumerate() {
                    if t.score.0 > self.node_weight(p) {
                        say(p, zh::tier_above_weight(i + 1));
                    }
                    if let (Some(from), Some(to)) = (t.from, t.to)
                        && (to < from || (to == from && !(t.from_inclusive && t.to_inclusive)))
                    {
                        say(p, zh::tier_reversed(i + 1));
                    }
                }
            }
            Method::LinearToZero { k, .. } => positive("k", k.0, say),
            _ => {}
        }
        if let Method::Tiers { tiers, .. } = m {
            for msg in super::ranges::tier_problems(tiers) {
                say(p, msg);
            }
        }
    }

    /// Problems of the score ranges per level of a qualitative method or of `target`.
    fn validate_levels(&self, p: &str, m: &Method, say: &mut impl FnMut(&str, String)) {
        let Some(l) = m.levels() else { return };
        // A record-defined indicator's weight is the record's, so points cannot be bounded here.
        let max = match (l.scale, m) {
            (super::LevelScale::Percent, _) => Some(Decimal::ONE_HUNDRED),
            (super::LevelScale::Points, Method::Qualitative { .. }) => Some(self.node_weight(p)),
            _ => None,
        };
        for msg in super::ranges::level_problems(l.levels, max) {
            say(p, msg);
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
