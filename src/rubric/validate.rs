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
        // A total of 0 makes every 得分率 a division by zero and every grade meaningless.
        if self.total.is_zero() {
            say("rubric", "`total` 为 0：总分须大于 0（通常为 100）".into());
        }
        let top: Decimal = self.groups().map(|(_, n)| n.def.weight.0).sum();
        if top != self.total {
            say(
                "rubric",
                format!(
                    "一级指标的 `weight` 合计 {}，不等于 `total` {}：两者须相等",
                    top.normalize(),
                    self.total.normalize()
                ),
            );
        }
        if self.groups().next().is_none() {
            say(
                "rubric",
                "没有指标：至少要有一个 [[indicator]]（一级指标）".into(),
            );
        }
        if self.grades.is_empty() {
            say(
                "rubric",
                "没有等级：须有 [[grade]]，每个写 `name` 和 `min`".into(),
            );
        } else if self.grades.last().is_some_and(|g| !g.min.0.is_zero()) {
            say(
                "rubric",
                "最低等级的 `min` 须为 0，否则有的得分没有等级".into(),
            );
        }
        for g in &self.grades {
            // No score can reach it: the band would never be given.
            if g.min.0 > self.total && !self.total.is_zero() {
                say(
                    "rubric",
                    format!(
                        "等级 `{}` 的 `min` 为 {}，超过 `total` {}：等级下限须不超过总分",
                        g.name,
                        g.min.0.normalize(),
                        self.total.normalize()
                    ),
                );
            }
        }
        for (i, g) in self.grades.iter().enumerate() {
            if self.grades[..i].iter().any(|h| h.min == g.min) {
                say(
                    "rubric",
                    format!("两个等级的 `min` 都是 {}：每个等级的下限须不同", g.min.0),
                );
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
                say(&at, "`decimals` 最多为 10".into());
            }
        }
        if let Some(id) = &self.execution_rate {
            match self.rate(id) {
                None => say(
                    "rubric",
                    format!(
                        "`execution_rate = \"{id}\"` 不是本指标体系的 [[rate]]：须是某个 [[rate]] 的 id（如部门预算执行率）"
                    ),
                ),
                Some(r)
                    if r.kind != super::RateKind::Ratio
                        || r.unit != super::RateUnit::Percent
                        || r.previous_year =>
                {
                    say(
                        "rubric",
                        format!(
                            "`execution_rate = \"{id}\"` 须指向本年度的百分比比率（kind = \"ratio\"，unit 为百分比，不是 previous_year）：汇总表中的执行率是支出数 / 预算数"
                        ),
                    )
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

    /// What is wrong with a source of the `i`-th rate, if anything.
    fn rate_source_problem(&self, i: usize, r: &super::RateDef, s: &Source) -> Option<String> {
        match s {
            Source::Field(k) if self.catalogue.figure(k).is_none() => Some(format!(
                "`field:{k}` 不是记录中的数字：只能用指标体系 [[figure]] 声明的数字 `field:节.名称`"
            )),
            Source::Field(_) | Source::Const(_) => None,
            Source::Input(k) => {
                let leaf = k
                    .split_once('.')
                    .and_then(|(id, name)| Some((self.node(id)?, name)))
                    .filter(|(n, name)| n.is_leaf() && !name.is_empty());
                match leaf {
                    Some(_) => None,
                    None => Some(format!(
                        "`input:{k}` 须写成 `input:指标id.名称`，指标id 为本指标体系的末级指标：比率读取该指标输入表中的值"
                    )),
                }
            }
            // Scoring would have to know the rate to compute it.
            Source::Rate(id) if *id == r.id => {
                Some(format!("`rate:{id}` 指向比率自身：比率不能由自己算出"))
            }
            Source::Rate(id) if r.kind != super::RateKind::Change => Some(format!(
                "分子和分母不能是 `rate:{id}`：只有 `kind = \"change\"`（两数之差）的比率可以引用写在它之前的比率；其他比率由记录的数字 `field:节.名称`、输入 `input:指标id.名称` 或常数算出"
            )),
            Source::Rate(id) if !self.rates[..i].iter().any(|x| x.id == *id) => {
                Some(format!("`rate:{id}` 须是写在本比率之前的 [[rate]]"))
            }
            Source::Rate(_) => None,
        }
    }

    fn validate_node(&self, n: &Node, say: &mut impl FnMut(&str, String)) {
        let p = n.path.as_str();
        if n.def.weight.0.is_zero() {
            say(
                p,
                "`weight` 为 0：分值须大于 0（不适用的指标在记录中标为不适用，不要写 0 分值）"
                    .into(),
            );
        }
        // A group is presented in a section whose record table holds its inputs and its
        // own rows (部门概况 to 预算管理情况); the conclusion and recommendations hold none.
        if n.level == 1 && !n.section.holds_fields() {
            say(
                p,
                format!(
                    "`section` 为 `{}`（{}），该节不列指标：一级指标只能放在 overview、budget、targets 或 management（{}）",
                    n.section.id(),
                    n.section.title(),
                    Section::HOLDING
                        .iter()
                        .map(|s| s.title())
                        .collect::<Vec<_>>()
                        .join("、")
                ),
            );
        }
        if !n.children.is_empty() {
            let sum: Decimal = n.children.iter().map(|&c| self.nodes[c].def.weight.0).sum();
            if sum != n.def.weight.0 {
                say(
                    p,
                    format!(
                        "下级指标的 `weight` 合计 {}，不等于本指标的 `weight` {}：两者须相等",
                        sum.normalize(),
                        n.def.weight.0.normalize()
                    ),
                );
            }
        }
        if n.def.open && !n.children.is_empty() {
            say(
                p,
                "`open = true` 的指标由记录给出下级指标：去掉 `open` 或去掉下级指标".into(),
            );
        }
        if !n.def.heads.is_empty() {
            if n.def.heads.len() != 3 {
                say(
                    p,
                    format!(
                        "`heads` 有 {} 个列名：须恰好 3 个（指标值、完成值、完成率各列的表头）",
                        n.def.heads.len()
                    ),
                );
            }
            if !matches!(
                n.def.method,
                Some(Method::Ratio { .. } | Method::InverseRatio { .. })
            ) {
                say(
                    p,
                    "`heads` 只用于 ratio、inverse_ratio 评分办法的指标（附件中的三列数值）".into(),
                );
            }
        }
        for d in &n.def.details {
            if self.rate(d).is_none() {
                say(
                    p,
                    format!("`details` 中的比率 `{d}` 未由 [[rate]] 定义：只能写已定义的比率 id"),
                );
            }
        }
        match (&n.def.method, n.is_leaf(), n.def.open) {
            (None, true, _) => say(
                p,
                "末级指标须有评分方法 [indicator.method]（`kind` 及其参数）".into(),
            ),
            (Some(m), false, false) => say(
                p,
                format!(
                    "有下级指标，得分为下级之和：删去它的 `{}` 评分方法（method）",
                    m.kind()
                ),
            ),
            (Some(m @ Method::Target { late_score, .. }), _, true) => {
                if late_score.is_some_and(|l| l.0 > Decimal::ONE_HUNDRED) {
                    say(p, "`late_score` 是分值的百分比：须在 0 到 100 之间".into());
                }
                self.validate_levels(p, m, say);
            }
            (Some(Method::Target { .. }), true, false) => say(
                p,
                "method `kind = \"target\"` 为记录自列指标评分：须同时写 `open = true`".into(),
            ),
            (_, _, true) => say(
                p,
                "`open = true` 的指标须用 method `kind = \"target\"` 为记录自列指标评分".into(),
            ),
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
                Source::Field(k) if self.catalogue.figure(k).is_none() => say(
                    p,
                    format!(
                        "`field:{k}` 不是记录中的数字：只能用指标体系 [[figure]] 声明的数字 `field:节.名称`"
                    ),
                ),
                Source::Rate(r) if self.rate(r).is_none() => say(
                    p,
                    format!("`rate:{r}` 未由指标体系的 [[rate]] 定义：只能用已定义的比率 id"),
                ),
                Source::Input(n) if crate::record::INPUT_FIELDS.contains(&n.as_str()) => say(
                    p,
                    format!("`input:{n}` 无法填写：`{n}` 是每个输入表都有的字段，请换一个名称"),
                ),
                _ => {}
            }
        }
        let positive = |name: &str, v: Decimal, say: &mut dyn FnMut(&str, String)| {
            if v.is_zero() {
                say(p, format!("{} 的 `{name}` 为 0：须大于 0", m.kind()));
            }
        };
        match m {
            Method::Ratio { bands, .. } | Method::Target { bands, .. } => {
                for (i, b) in bands.iter().enumerate() {
                    if b.to.is_some_and(|t| t <= b.from) {
                        say(
                            p,
                            format!(
                                "`bands` 第 {} 档的 `to` 不大于 `from`（区间倒置）：须 from < to",
                                i + 1
                            ),
                        );
                    }
                    if let Some(next) = bands.get(i + 1)
                        && b.to != Some(next.from)
                    {
                        say(
                            p,
                            format!(
                                "`bands` 第 {} 档的 `to` 不等于第 {} 档的 `from`：各档须首尾相接",
                                i + 1,
                                i + 2
                            ),
                        );
                    }
                    if b.deduct.0 > Decimal::ONE_HUNDRED {
                        say(
                            p,
                            format!(
                                "`bands` 第 {} 档的 `deduct` 超过分值的 100%：须在 0 到 100 之间",
                                i + 1
                            ),
                        );
                    }
                }
            }
            Method::Checklist { items, deduct } => {
                if items.is_empty() {
                    say(p, "checklist 的 `items` 为空：至少写一项检查内容".into());
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
                    say(p, "tiers 的 `tiers` 为空：至少写一档".into());
                }
                for (i, t) in tiers.iter().enumerate() {
                    if t.score.0 > self.node_weight(p) {
                        say(
                            p,
                            format!(
                                "`tiers` 第 {} 档的 `score` 超过分值：须不大于 `weight`",
                                i + 1
                            ),
                        );
                    }
                    if let (Some(from), Some(to)) = (t.from, t.to)
                        && (to < from || (to == from && !(t.from_inclusive && t.to_inclusive)))
                    {
                        say(
                            p,
                            format!(
                                "`tiers` 第 {} 档的 `to` 小于 `from`（区间倒置或为空）：须 from < to",
                                i + 1
                            ),
                        );
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
