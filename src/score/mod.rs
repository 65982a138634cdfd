//! The scoring engine: every indicator, the group and total scores, 得分率 and the grade,
//! computed from a rubric and a record with the rounding rules of the report.

mod inputs_check;
mod items;
mod judged;
mod leaf;
pub mod methods;
mod rates;
mod sources;

pub use rates::{RateValue, rates};

use crate::finding::Finding;
use crate::num;
use crate::record::Record;
use crate::rubric::Rubric;
use crate::section::Section;
use rust_decimal::Decimal;
use std::collections::BTreeMap;

/// An evaluator's score that replaced the computed one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OverrideScore {
    pub score: Decimal,
    pub reason: String,
    /// Typed as `score` (评价分) on an indicator its rule scores, with the 评分依据 as reason.
    pub typed: bool,
}

/// The score of one indicator (rubric node or record item).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NodeScore {
    /// `management/assets/asset-management`; record items are `GROUP/OPEN/3` (the third under an open node).
    pub path: String,
    /// The identity that survives reordering rows: `path` for rubric nodes; for record items
    /// with a row id, `targets/outputs#3f9a0c1e` (`record::rows`).
    pub key: String,
    pub name: String,
    /// 1 = 一级, 2 = 二级, 3 = 三级.
    pub level: usize,
    pub section: Section,
    pub weight: Decimal,
    /// The weight that counts for 得分率: less the weight of its 不适用 indicators.
    pub applicable: Decimal,
    /// The score that counts: the override if there is one, else the computed score.
    pub score: Decimal,
    /// What the method gives, rounded; `None` for groups and when inputs are missing.
    pub computed: Option<Decimal>,
    pub override_: Option<OverrideScore>,
    /// Scored itself, not the sum of children.
    pub leaf: bool,
    /// The scoring method's name (`ratio`, `checklist` …), empty for groups.
    pub method: &'static str,
    /// 不适用, with the reason.
    pub not_applicable: Option<String>,
    /// 评分依据.
    pub basis: String,
    /// 指标值 and 完成值 as written or derived.
    pub target: String,
    pub actual: String,
    /// How the score came about (`522,383.99 / 576,431.54 = 90.62%`).
    pub detail: String,
    /// The record field holding the indicator's inputs.
    pub field: String,
    /// Index of the rubric node (for items: of their open parent).
    pub node: usize,
}

impl NodeScore {
    /// 得分率 in percent over the applicable weight, rounded; `None` for a zero weight or an
    /// indicator that is 不适用.
    pub fn rate(&self) -> Option<Decimal> {
        num::percent_of(self.score, self.applicable).map(num::round2)
    }
}

/// Everything the engine computes for a record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scorecard {
    pub rubric: String,
    /// 满分 (100).
    pub full_marks: Decimal,
    /// 总分, re-scaled (折算) when some indicators are 不适用.
    pub total: Decimal,
    pub grade: String,
    /// Whether `total` was re-scaled for 不适用 indicators.
    pub rescaled: bool,
    /// Every rubric node and record item, parents before children, in report order.
    pub nodes: Vec<NodeScore>,
    pub rates: Vec<RateValue>,
    /// What went wrong while scoring (missing inputs, values out of range …).
    pub findings: Vec<Finding>,
    /// Every indicator has its inputs: a record still being filled in (未完成) has a partial
    /// total that is no score of the department and gets no grade.
    pub complete: bool,
}

/// What an incomplete record shows instead of a total and a grade.
pub use crate::text::score::INCOMPLETE;

impl Scorecard {
    /// The 一级指标 scores (表 4).
    pub fn groups(&self) -> impl Iterator<Item = &NodeScore> {
        self.nodes.iter().filter(|n| n.level == 1)
    }

    /// The scored indicators (leaves and record items).
    pub fn leaves(&self) -> impl Iterator<Item = &NodeScore> {
        self.nodes.iter().filter(|n| n.leaf)
    }

    /// The node at `path`.
    pub fn node(&self, path: &str) -> Option<&NodeScore> {
        self.nodes.iter().find(|n| n.path == path)
    }

    /// The node with this identity (`NodeScore::key`).
    pub fn node_by_key(&self, key: &str) -> Option<&NodeScore> {
        self.nodes.iter().find(|n| n.key == key)
    }

    /// The rate with this id.
    pub fn rate(&self, id: &str) -> Option<&RateValue> {
        self.rates.iter().find(|r| r.id == id)
    }

    /// 总得分率 in percent.
    pub fn total_rate(&self) -> Option<Decimal> {
        num::percent_of(self.total, self.full_marks).map(num::round2)
    }

    /// Whether every indicator under `group` has its score (computed, overridden or 不适用).
    pub fn node_complete(&self, group: &NodeScore) -> bool {
        let under = |n: &NodeScore, p: &str| n.path == p || below(&n.path, p);
        let scored = self
            .leaves()
            .filter(|n| under(n, &group.path))
            .all(|n| n.computed.is_some() || n.override_.is_some() || n.not_applicable.is_some());
        // A group (or an open 产出 node) with no indicator listed yet is not complete either.
        let empty = self
            .nodes
            .iter()
            .filter(|n| !n.leaf && under(n, &group.path))
            .any(|g| !self.leaves().any(|l| below(&l.path, &g.path)));
        scored && !empty
    }

    /// A node's score as shown: two decimals, or 未完成 while an indicator under it lacks
    /// its inputs.
    pub fn score_text(&self, n: &NodeScore) -> String {
        if self.node_complete(n) {
            num::fixed2(n.score)
        } else {
            INCOMPLETE.to_string()
        }
    }

    /// The total as shown: two decimals, or 未完成 while inputs are missing.
    pub fn total_text(&self) -> String {
        if self.complete {
            num::fixed2(self.total)
        } else {
            INCOMPLETE.to_string()
        }
    }

    /// The grade, or 未完成 while inputs are missing: what a commit's trailer and `log` say.
    pub fn grade_or_incomplete(&self) -> String {
        if self.complete {
            self.grade.clone()
        } else {
            INCOMPLETE.to_string()
        }
    }

    /// The grade as shown: none while inputs are missing.
    pub fn grade_text(&self) -> &str {
        if self.complete { &self.grade } else { "" }
    }
}

/// Whether a scorecard carries the texts that show how each figure came about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Explain {
    /// Every indicator's target, actual and detail and every rate's detail: what the editor,
    /// `check` and the report show.
    Yes,
    /// The figures alone (those texts left empty, but for the detail of a rate over a zero
    /// denominator, which its finding quotes), for blame, the re-scored history and the
    /// listing, which show none of them: writing them was a third of scoring a revision.
    No,
}

/// Scores a record against its rubric.
pub fn score(rubric: &Rubric, record: &Record) -> Scorecard {
    score_with(rubric, record, Explain::Yes)
}

/// [`score`], with or without the texts that explain each figure; every figure, grade and
/// finding is the same either way.
pub fn score_with(rubric: &Rubric, record: &Record, explain: Explain) -> Scorecard {
    let explain = explain == Explain::Yes;
    let rates = rates::rates_with(rubric, record, explain);
    let rate_map: BTreeMap<&str, &RateValue> = rates.iter().map(|r| (r.id.as_str(), r)).collect();
    let mut findings = Vec::new();
    let mut nodes: Vec<NodeScore> = Vec::new();
    let ctx = leaf::Ctx {
        rubric,
        record,
        rates: &rate_map,
        explain,
    };
    for (i, _) in rubric.groups() {
        walk(&ctx, i, &mut nodes, &mut findings);
    }
    inputs_check::check_inputs_known(&ctx, &mut findings);
    inputs_check::check_input_decimals(rubric, record, &mut findings);

    applicable_weights(&mut nodes);
    let sum: Decimal = nodes.iter().filter(|n| n.level == 1).map(|n| n.score).sum();
    let na_weight: Decimal = nodes
        .iter()
        .filter(|n| n.leaf && n.not_applicable.is_some())
        .map(|n| n.weight)
        .sum();
    let applicable = rubric.total - na_weight;
    let scaled = sum
        .checked_mul(rubric.total)
        .and_then(|x| x.checked_div(applicable));
    let (total, rescaled) = match scaled {
        Some(t) if !na_weight.is_zero() && applicable > Decimal::ZERO => (num::round2(t), true),
        _ => (sum, false),
    };
    let complete = !findings
        .iter()
        .any(|f: &Finding| f.code == crate::check::MISSING_INPUT);
    Scorecard {
        complete,
        rubric: rubric.name.clone(),
        full_marks: rubric.total,
        grade: rubric.grade(total).to_string(),
        total,
        rescaled,
        nodes,
        rates,
        findings,
    }
}

/// Whether the node at `path` lies below the node at `parent` (`a/b/c` below `a/b`, not
/// `a/bc`), without building `parent/` for each pair compared.
fn below(path: &str, parent: &str) -> bool {
    path.len() > parent.len()
        && path.starts_with(parent)
        && path.as_bytes().get(parent.len()) == Some(&b'/')
}

/// Takes the weight of 不适用 indicators off their own and their groups' applicable weight.
fn applicable_weights(nodes: &mut [NodeScore]) {
    let na: Vec<(String, Decimal)> = nodes
        .iter()
        .filter(|n| n.leaf && n.not_applicable.is_some())
        .map(|n| (n.path.clone(), n.weight))
        .collect();
    for n in nodes.iter_mut() {
        let below: Decimal = na
            .iter()
            .filter(|(p, _)| *p == n.path || below(p, &n.path))
            .map(|(_, w)| *w)
            .sum();
        n.applicable = (n.weight - below).max(Decimal::ZERO);
    }
}

/// Scores node `i` and its subtree, pushing parents before children; returns its score and
/// the weight of its 不适用 leaves.
fn walk(
    ctx: &leaf::Ctx,
    i: usize,
    out: &mut Vec<NodeScore>,
    findings: &mut Vec<Finding>,
) -> Decimal {
    let node = &ctx.rubric.nodes[i];
    if node.is_leaf() {
        let s = leaf::score_rubric_leaf(ctx, i, findings);
        let score = s.score;
        out.push(s);
        return score;
    }
    let at = out.len();
    out.push(NodeScore {
        path: node.path.clone(),
        key: node.path.clone(),
        name: node.def.name.clone(),
        level: node.level,
        section: node.section,
        weight: node.def.weight.0,
        applicable: node.def.weight.0,
        score: Decimal::ZERO,
        computed: None,
        override_: None,
        leaf: false,
        method: "",
        not_applicable: None,
        basis: String::new(),
        target: String::new(),
        actual: String::new(),
        detail: String::new(),
        field: String::new(),
        node: i,
    });
    let mut sum = Decimal::ZERO;
    if node.def.open {
        sum += items::score_items(ctx, i, out, findings);
    }
    for &c in &node.children {
        sum += walk(ctx, c, out, findings);
    }
    out[at].score = sum;
    if node.weight_bounds().is_some() {
        // The record set this node's weight: the sum of its own indicators' weights.
        let listed: Decimal = out[at + 1..]
            .iter()
            .filter(|n| n.node == i && n.leaf)
            .map(|n| n.weight)
            .sum();
        if !listed.is_zero() {
            out[at].weight = listed;
            out[at].applicable = listed;
        }
    }
    split_must_add_up(ctx, i, at, out, findings);
    sum
}

/// Where a record set the weights of open nodes within their bounds, the children of node
/// `i` (whose score row is `out[at]`) must still add up to its weight.
fn split_must_add_up(
    ctx: &leaf::Ctx,
    i: usize,
    at: usize,
    out: &[NodeScore],
    findings: &mut Vec<Finding>,
) {
    let node = &ctx.rubric.nodes[i];
    let bounded = |c: &usize| ctx.rubric.nodes[*c].weight_bounds().is_some();
    if !node.children.iter().any(bounded) {
        return;
    }
    let children: Vec<&NodeScore> = out[at + 1..]
        .iter()
        .filter(|n| n.level == node.level + 1 && node.children.contains(&n.node))
        .collect();
    let sum: Decimal = children.iter().map(|n| n.weight).sum();
    if sum != node.def.weight.0 {
        let parts: Vec<String> = children
            .iter()
            .map(|n| crate::text::score::name_weight(&n.name, num::plain(n.weight)))
            .collect();
        findings.push(Finding::error(
            node.section,
            "rubric-mismatch",
            format!("{}.indicators", node.section.id()),
            crate::text::score::children_not_weight(
                &node.def.name,
                &parts,
                num::plain(sum),
                num::plain(node.def.weight.0),
            ),
        ));
    }
}
