//! Builds the report's document model from an evaluation, in the outline of the seed report:
//! cover, 目录, the six sections, then the 附件.

use super::{Block, Cell, Cover, Report, Span, Table, annex};
use crate::num;
use crate::repo::Evaluation;
use crate::rubric::{RateKind, Source};
use crate::section::Section;
use rust_decimal::Decimal;

/// What a missing figure prints as, so a half-filled record still exports a readable draft.
const MISSING: &str = "（未填报）";

/// Builds the whole report of `e`.
pub fn build(e: &Evaluation) -> Report {
    let o = &e.record.overview;
    let cover = Cover {
        department: o.name.clone(),
        title: format!("{} 年度部门整体绩效评价报告", e.year),
        evaluator: o.evaluator.clone(),
        date: o.report_date.clone(),
        draft: false,
    };
    let mut b = Builder {
        e,
        short: short_name(e),
        out: Vec::new(),
    };
    b.out.push(Block::Contents);
    b.out.push(Block::FrontMatterEnd);
    b.out.push(Block::Title(format!(
        "{} 年{}\n部门整体绩效评价报告",
        e.year, o.name
    )));
    b.overview();
    b.budget();
    b.targets();
    b.management();
    b.conclusion();
    b.recommendations();
    b.out
        .push(Block::text(format!("附件：{}评分表", e.rubric.title)));
    b.out.push(Block::AnnexStart);
    b.out.push(Block::Label("附件".into()));
    b.out.push(Block::Title(format!(
        "{}年度{}部门整体绩效评价指标体系评分表",
        e.year, o.name
    )));
    b.out.extend(annex::annex(e));
    Report {
        cover,
        blocks: b.out,
    }
}

/// 简称, else the full name.
fn short_name(e: &Evaluation) -> String {
    let o = &e.record.overview;
    if o.short_name.trim().is_empty() {
        o.name.trim().to_string()
    } else {
        o.short_name.trim().to_string()
    }
}

/// An amount in 万元 as the report prints it, or the missing mark.
fn amount(d: Option<Decimal>) -> String {
    d.map(num::amount).unwrap_or_else(|| MISSING.into())
}

/// A rate as the report prints it (`90.62%`), or the missing mark.
fn percent(d: Option<Decimal>) -> String {
    d.map(num::percent).unwrap_or_else(|| MISSING.into())
}

/// The rate `numerator / denominator` (or their difference ratio) of two record figures,
/// displayed value: the engine's rate where the rubric defines one, else the same formula and
/// rounding applied here.
pub(super) fn figure_rate(
    e: &Evaluation,
    kind: RateKind,
    numerator: &str,
    denominator: &str,
) -> Option<Decimal> {
    let defined = e.rubric.rates.iter().find(|r| {
        r.kind == kind
            && r.numerator == Source::Field(numerator.into())
            && r.denominator == Source::Field(denominator.into())
    });
    if let Some(rate) = defined.and_then(|r| e.card.rate(&r.id)) {
        return rate.value();
    }
    let n = e.record.figure(numerator).flatten()?;
    let d = e.record.figure(denominator).flatten()?;
    let exact = match kind {
        RateKind::Ratio => num::percent_of(n, d),
        RateKind::Difference => num::percent_of((n - d).abs(), d),
        // Sentences cite rates of figures; a change of two rates is not one of them.
        RateKind::Change => None,
    };
    exact.map(num::round2)
}

/// Splits a narrative into paragraphs: one per non-empty line.
fn paragraphs(text: &str) -> impl Iterator<Item = Block> + '_ {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(Block::text)
}

struct Builder<'a> {
    e: &'a Evaluation,
    short: String,
    out: Vec<Block>,
}

impl Builder<'_> {
    fn h(&mut self, level: u8, text: impl Into<String>) {
        self.out.push(Block::Heading {
            level,
            text: text.into(),
        });
    }

    fn section(&mut self, s: Section) {
        self.h(1, format!("{}、{}", s.numeral(), s.title()));
    }

    fn narrative(&mut self, text: &str) {
        self.out.extend(paragraphs(text));
    }

    /// The evaluator's text, or the standard sentence built from the figures when it is empty.
    fn narrative_or(&mut self, text: &str, generated: impl FnOnce(&Self) -> Vec<String>) {
        if text.trim().is_empty() {
            let lines = generated(self);
            self.out.extend(lines.into_iter().map(Block::text));
        } else {
            self.narrative(text);
        }
    }

    fn fig(&self, key: &str) -> Option<Decimal> {
        self.e.record.figure(key).flatten()
    }

    fn overview(&mut self) {
        let o = &self.e.record.overview;
        self.section(Section::Overview);
        self.h(2, "（一）机构设置及职责工作任务情况");
        self.narrative(&o.organization);
        for (i, d) in o.duties.iter().enumerate() {
            if !d.trim().is_empty() {
                self.out
                    .push(Block::text(format!("（{}）{}", i + 1, d.trim())));
            }
        }
        if let Some(total) = o.staff_total.0 {
            let mut s = format!(
                "{} {} 年部门年末实有人数共计 {total} 人",
                self.short, self.e.year
            );
            let parts: Vec<String> = [
                ("在职人员", o.staff_active.0),
                ("离休人员", o.staff_retired.0),
            ]
            .into_iter()
            .filter_map(|(label, n)| n.map(|n| format!("{label} {n} 人")))
            .collect();
            if !parts.is_empty() {
                s.push_str(&format!("，其中{}", parts.join("，")));
            }
            s.push('。');
            self.out.push(Block::text(s));
        }
        self.h(2, "（二）部门整体绩效目标设立情况");
        self.narrative(&o.target_setting);
        if !o.goals.is_empty() {
            self.out
                .push(Block::Caption("表 1：部门整体绩效目标".to_string()));
            let mut rows = vec![cells(&["活动", "绩效指标", "指标性质", "指标值"])];
            rows.extend(o.goals.iter().map(|g| {
                cells(&[
                    g.activity.as_str(),
                    g.indicator.as_str(),
                    g.nature.as_str(),
                    g.value.as_str(),
                ])
            }));
            self.out.push(Block::Table(table(vec![5, 12, 3, 3], rows)));
        }
        self.narrative(&o.target_assessment);
    }

    fn budget(&mut self) {
        self.section(Section::Budget);
        let text = self.e.record.budget.text.clone();
        self.narrative_or(&text, |b| b.budget_sentences());
        let year = self.e.year;
        self.out.push(Block::Caption(format!(
            "表 2：{year} 年度{}预算执行情况（单位：万元）",
            self.short
        )));
        let rate = |n: &str, d: &str| percent(figure_rate(self.e, RateKind::Ratio, n, d));
        let row = |label: &str, budget: &str, spent: &str| {
            vec![
                Cell::new(label),
                Cell::new(amount(self.fig(budget))),
                Cell::new(amount(self.fig(spent))),
                Cell::new(rate(spent, budget)),
            ]
        };
        let rows = vec![
            cells(&["项目", "全年预算数", "本年支出数", "预算执行率"]),
            row("基本支出", "budget.budget_basic", "budget.spent_basic"),
            row("项目支出", "budget.budget_project", "budget.spent_project"),
            row("合计", "budget.budget_total", "budget.spent_total"),
            row(
                "其中：财政拨款",
                "budget.budget_fiscal",
                "budget.spent_fiscal",
            ),
        ];
        self.out.push(Block::Table(table(vec![4, 4, 4, 3], rows)));
    }

    /// The standard sentences of 二、当年预算执行情况, from the figures and computed rates.
    fn budget_sentences(&self) -> Vec<String> {
        let (s, y) = (&self.short, self.e.year);
        let f = |k: &str| amount(self.fig(k));
        let rate = |n: &str, d: &str| percent(figure_rate(self.e, RateKind::Ratio, n, d));
        vec![
            format!(
                "{s} {y} 年全年支出预算 {} 万元，其中，基本支出预算 {} 万元，项目支出预算 {} 万元；全年财政拨款预算 {} 万元。",
                f("budget.budget_total"),
                f("budget.budget_basic"),
                f("budget.budget_project"),
                f("budget.budget_fiscal"),
            ),
            format!(
                "截至 {y} 年 12 月 31 日，{s}本年支出合计 {} 万元，其中，基本支出 {} 万元，项目支出 {} 万元；财政拨款支出 {} 万元。部门预算执行率为 {}，财政拨款预算执行率为 {}。",
                f("budget.spent_total"),
                f("budget.spent_basic"),
                f("budget.spent_project"),
                f("budget.spent_fiscal"),
                rate("budget.spent_total", "budget.budget_total"),
                rate("budget.spent_fiscal", "budget.budget_fiscal"),
            ),
        ]
    }

    fn targets(&mut self) {
        let t = &self.e.record.targets;
        self.section(Section::Targets);
        self.h(2, "（一）产出完成情况分析");
        self.narrative(&t.outputs_text);
        let key: Vec<_> = t.indicators.iter().filter(|i| i.key_task).collect();
        if !key.is_empty() {
            self.out.push(Block::Caption(format!(
                "表 3：{} 年度{}年度重点工作产出指标完成情况",
                self.e.year, self.short
            )));
            let mut rows = vec![cells(&["序号", "绩效指标", "计划值", "完成值"])];
            rows.extend(key.iter().enumerate().map(|(i, item)| {
                cells(&[&(i + 1).to_string(), &item.name, &item.target, &item.actual])
            }));
            self.out.push(Block::Table(table(vec![2, 12, 4, 4], rows)));
        }
        self.narrative(&t.outputs_analysis);
        self.h(2, "（二）效果实现情况分析");
        self.h(3, "1.社会效益");
        self.narrative(&t.social_text);
        self.h(3, "2.服务对象满意度");
        self.narrative(&t.satisfaction_text);
    }

    fn management(&mut self) {
        let m = self.e.record.management.clone();
        let (s, y) = (self.short.clone(), self.e.year);
        self.section(Section::Management);
        self.h(2, "（一）财务管理");
        self.h(3, "1.财务管理制度健全性");
        self.narrative(&m.finance_system_text);
        self.h(3, "2.资金使用合规和安全性");
        self.narrative(&m.funds_text);
        self.h(2, "（二）资产管理");
        self.narrative_or(&m.assets_text, |b| {
            let net = b.fig("management.assets_net").or_else(|| {
                Some(b.fig("management.assets_original")? - b.fig("management.assets_depreciation")?)
            });
            vec![format!(
                "截至 {y} 年 12 月 31 日，{s}固定资产原值 {} 万元，固定资产累计折旧 {} 万元，固定资产净值 {} 万元。",
                amount(b.fig("management.assets_original")),
                amount(b.fig("management.assets_depreciation")),
                amount(net),
            )]
        });
        self.h(2, "（三）绩效管理");
        self.narrative(&m.performance_text);
        self.h(2, "（四）结转结余率");
        self.narrative_or(&m.carryover_text, |b| b.carryover_sentences());
        self.h(2, "（五）部门预决算差异率");
        self.narrative_or(&m.variance_text, |b| {
            let rate = figure_rate(
                b.e,
                RateKind::Difference,
                "budget.spent_total",
                "management.initial_budget",
            );
            vec![format!(
                "{y}年{s}年初预算数为 {} 万元，部门年度决算数为 {} 万元，部门资金预决算差异率为 {}。",
                amount(b.fig("management.initial_budget")),
                amount(b.fig("budget.spent_total")),
                percent(rate),
            )]
        });
    }

    /// The standard sentences of （四）结转结余率; the change is in percentage points.
    fn carryover_sentences(&self) -> Vec<String> {
        let (s, y) = (&self.short, self.e.year);
        let now = figure_rate(
            self.e,
            RateKind::Ratio,
            "management.carryover",
            "budget.budget_total",
        );
        let prev = figure_rate(
            self.e,
            RateKind::Ratio,
            "management.carryover_prev",
            "management.budget_total_prev",
        );
        let mut text = format!(
            "{y}年{s}年末结转结余资金总额为 {} 万元，全年支出预算数为 {} 万元，部门资金结转结余率为 {}。{}年部门年末结转结余资金总额为 {} 万元，全年支出预算数为 {} 万元，部门资金结转结余率为 {}。",
            amount(self.fig("management.carryover")),
            amount(self.fig("budget.budget_total")),
            percent(now),
            y.saturating_sub(1),
            amount(self.fig("management.carryover_prev")),
            amount(self.fig("management.budget_total_prev")),
            percent(prev),
        );
        if let (Some(now), Some(prev)) = (now, prev) {
            let change = if now < prev {
                format!("下降 {} 个百分点", num::fixed2(prev - now))
            } else if now > prev {
                format!("上升 {} 个百分点", num::fixed2(now - prev))
            } else {
                "持平".to_string()
            };
            text.push_str(&format!("{y}年度部门结转结余率较上一年度{change}。"));
        }
        vec![text]
    }

    fn conclusion(&mut self) {
        let c = &self.e.card;
        self.section(Section::Conclusion);
        self.h(2, "（一）评价得分情况");
        self.out.push(Block::text(format!(
            "{} 年{}部门整体绩效评价得分为 {} 分，综合评价等级为“{}”，各一级指标得分情况如下：",
            self.e.year,
            self.short,
            num::fixed2(c.total),
            c.grade
        )));
        self.out.push(Block::Caption(format!(
            "表 4：{} 年{}部门整体绩效得分情况表",
            self.e.year, self.short
        )));
        let mut rows = vec![cells(&["一级指标", "分值", "得分", "得分率"])];
        rows.extend(c.groups().map(|g| {
            cells(&[
                &g.name,
                &num::plain(g.weight),
                &num::fixed2(g.score),
                &percent(g.rate()),
            ])
        }));
        rows.push(cells(&[
            "合计",
            &num::plain(c.full_marks),
            &num::fixed2(c.total),
            &percent(c.total_rate()),
        ]));
        self.out.push(Block::Table(table(vec![8, 3, 3, 3], rows)));
        if c.rescaled {
            self.out.push(Block::Note(
                "注：有指标不适用，合计得分已按适用指标的分值折算为百分制。".into(),
            ));
        }
        self.h(2, "（二）存在的问题及原因分析");
        let problems: Vec<(String, String)> = self
            .e
            .record
            .conclusion
            .problems
            .iter()
            .map(|p| (p.title.clone(), p.text.clone()))
            .collect();
        self.titled(&problems);
    }

    fn recommendations(&mut self) {
        self.section(Section::Recommendations);
        let items: Vec<(String, String)> = self
            .e
            .record
            .recommendations
            .items
            .iter()
            .map(|r| (r.title.clone(), r.text.clone()))
            .collect();
        self.titled(&items);
    }

    /// Problems and recommendations: `title，text`, the title in bold.
    fn titled(&mut self, items: &[(String, String)]) {
        for (title, text) in items {
            let (title, text) = (title.trim(), text.trim());
            let mut spans = Vec::new();
            if !title.is_empty() {
                spans.push(Span {
                    text: title.to_string(),
                    bold: true,
                });
            }
            if !text.is_empty() {
                let sep = if title.is_empty() { "" } else { "，" };
                spans.push(Span {
                    text: format!("{sep}{text}"),
                    bold: false,
                });
            }
            if !spans.is_empty() {
                self.out.push(Block::Paragraph(spans));
            }
        }
    }
}

/// A row of plain cells.
pub(super) fn cells(texts: &[&str]) -> Vec<Cell> {
    texts.iter().map(|t| Cell::new(*t)).collect()
}

/// A table with one header row.
fn table(widths: Vec<u32>, rows: Vec<Vec<Cell>>) -> Table {
    Table {
        title: None,
        widths,
        header: 1,
        rows,
        small: false,
    }
}
