//! The catalogue of a rubric: the figures and narratives a record under it holds, and the
//! consistency rules `check` enforces on them (sums, threshold-triggered explanations).
//!
//! Everything a province's form asks for is declared in its rubric file (`[[figure]]`,
//! `[[narrative]]`, `[[sum]]`, `[[explain]]`), so that the record, `check`, the editor's forms,
//! diff labels and the exported report take their fields and labels from here and no code
//! names one form's fields.

pub use super::cross::{cross_problems, placeholders};
pub use super::tables::{ExecutionRow, ExecutionTable, KeyTaskTable};
use super::{Param, Source};
use crate::section::Section;
use crate::text::rubric::checks as zh;
use serde::Deserialize;

/// Keys of a section table that are the record's own structure, never a declared field.
pub const STRUCTURAL: &[&str] = &[
    "name",
    "short_name",
    "evaluator",
    "report_date",
    "duties",
    "goals",
    "indicators",
    "inputs",
];

/// A figure the record holds, as the rubric declares it (`[[figure]]`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FigureDef {
    /// `SECTION.NAME`: the key in the record's section table (`budget.budget_total`).
    pub id: String,
    /// The report's own term (全年支出预算).
    pub label: String,
    /// Other ways narratives write it (决算数 for 本年支出合计).
    #[serde(default)]
    pub aliases: Vec<String>,
    /// The unit printed after the number: 万元, 元, 人, 个 …
    #[serde(default = "default_unit")]
    pub unit: String,
    /// Decimals allowed when typed; 0 for 人, else 2 unless given.
    #[serde(default)]
    pub decimals: Option<u32>,
    /// Whether `check` asks for it (an error while empty); optional figures may stay empty.
    #[serde(default = "yes")]
    pub required: bool,
    /// For last year's figures: the id of this year's counterpart.
    #[serde(default)]
    pub previous_of: Option<String>,
}

fn default_unit() -> String {
    crate::text::rubric::DEFAULT_UNIT.into()
}

fn yes() -> bool {
    true
}

impl FigureDef {
    /// The section whose table holds it.
    pub fn section(&self) -> Section {
        self.id
            .split_once('.')
            .and_then(|(s, _)| Section::from_id(s))
            .unwrap_or(Section::Overview)
    }

    /// The key inside its section table (`budget_total`).
    pub fn key(&self) -> &str {
        self.id.split_once('.').map(|(_, k)| k).unwrap_or(&self.id)
    }

    /// Decimals allowed.
    pub fn decimals(&self) -> u32 {
        self.decimals.unwrap_or(if self.is_count() { 0 } else { 2 })
    }

    /// A head count or other whole number of things (人, 个, 名 …), printed without separators.
    pub fn is_count(&self) -> bool {
        super::inputs::is_count_unit(&self.unit)
    }

    /// An amount of money, printed with thousands separators.
    pub fn is_money(&self) -> bool {
        self.unit.ends_with(crate::text::rubric::MONEY_UNIT_END)
    }

    /// A value of this figure as the report prints it (without the unit): money with
    /// thousands separators and its declared decimals, other figures with the decimals they
    /// declare, counts and the rest as written.
    pub fn show(&self, v: rust_decimal::Decimal) -> String {
        match self.decimals {
            _ if self.is_money() => crate::num::grouped(v, self.decimals()),
            // A value never has more decimals than declared (the record refuses it): this
            // only writes out the ones declared (0.020 for three).
            Some(d) if !self.is_count() => format!("{:.*}", d as usize, v),
            _ => crate::num::plain(v),
        }
    }
}

/// A narrative field of a section (`[[narrative]]`), in report order.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NarrativeDef {
    /// `SECTION.NAME` (`management.assets_text`).
    pub id: String,
    /// The label in the editor and in diffs.
    pub label: String,
    /// A level-2 heading printed before it when it differs from the previous narrative's.
    #[serde(default)]
    pub group: String,
    /// Its own heading: level 3 under a `group`, else level 2.
    #[serde(default)]
    pub heading: String,
    /// The standard text printed when the narrative is empty; `{FIGURE_ID}`, `{rate:ID}`,
    /// `{change:ID}`, `{year}`, `{prev_year}` and `{short}` are filled in.
    #[serde(default)]
    pub template: String,
    /// Parts of the report that follow it: `duties`, `sums`, `goals`, `execution_table`,
    /// `key_tasks` (表 3), and in the editor `figures`, `rates` and `indicators:ID` (the
    /// table of the open indicator ID).
    #[serde(default)]
    pub then: Vec<String>,
}

impl NarrativeDef {
    /// The section it belongs to.
    pub fn section(&self) -> Section {
        self.id
            .split_once('.')
            .and_then(|(s, _)| Section::from_id(s))
            .unwrap_or(Section::Overview)
    }

    /// The key inside its section table.
    pub fn key(&self) -> &str {
        self.id.split_once('.').map(|(_, k)| k).unwrap_or(&self.id)
    }
}

/// Parts of the report a narrative may be followed by (`then`).
pub const BLOCKS: &[&str] = &[
    "duties",
    "sums",
    "goals",
    "execution_table",
    "key_tasks",
    "figures",
    "rates",
];

/// What a shortfall of the parts below the total means.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Other {
    /// The parts must add up to the total exactly.
    #[default]
    None,
    /// An unlisted 其他 part may make up the rest; `check` asks for it to be explained.
    Explain,
    /// The parts are only some of the total (其中 财政拨款): only exceeding it is wrong.
    Allowed,
}

/// A sum rule (`[[sum]]`): `total = parts − minus`, checked on the figures and in narratives.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SumDef {
    /// The figure that is the total.
    pub total: String,
    /// Figures added up.
    pub parts: Vec<String>,
    /// Figures subtracted (固定资产净值 = 原值 − 累计折旧).
    #[serde(default)]
    pub minus: Vec<String>,
    #[serde(default)]
    pub other: Other,
    /// Printed as `total 共计 …，其中 parts` where the report lists the section's sums.
    #[serde(default)]
    pub report: bool,
}

/// The severity a rule gives its finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RuleSeverity {
    Error,
    #[default]
    Warning,
}

/// A threshold-triggered explanation (`[[explain]]`): when the trigger holds, the named
/// narrative (or, for `scores_below`, the indicator's 评分依据) must say why.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExplainDef {
    /// The value watched (`rate:budget_execution`, `field:budget.budget_adjusted`).
    #[serde(default)]
    pub value: Option<Source>,
    /// Fires when the value is below this.
    #[serde(default)]
    pub below: Option<Param>,
    /// Fires when the value is above this.
    #[serde(default)]
    pub above: Option<Param>,
    /// Fires when the value differs from this one (调整后预算数 ≠ 年初预算数).
    #[serde(default)]
    pub differs_from: Option<Source>,
    /// Fires for every scored indicator whose score is below this percentage of its weight.
    #[serde(default)]
    pub scores_below: Option<Param>,
    /// The narrative that must hold the reason (not for `scores_below`).
    #[serde(default)]
    pub field: Option<String>,
    /// The reason must contain one of these words (原因, 调整 …); any text when empty.
    #[serde(default)]
    pub words: Vec<String>,
    #[serde(default)]
    pub severity: RuleSeverity,
    /// What is asked for, in the rubric's words (须写明执行率偏低的原因).
    pub message: String,
}

/// The figures, narratives and rules of a rubric.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Catalogue {
    /// In report order.
    pub figures: Vec<FigureDef>,
    /// In report order.
    pub narratives: Vec<NarrativeDef>,
    pub sums: Vec<SumDef>,
    pub explains: Vec<ExplainDef>,
    /// 表 2, in order.
    pub execution_rows: Vec<ExecutionRow>,
    /// 表 2's caption and heads; required with `execution_rows`.
    pub execution_table: Option<ExecutionTable>,
    /// 表 3's caption and heads, when the rubric words them.
    pub key_task_table: Option<KeyTaskTable>,
    /// Extra columns of the record's own indicators (是否核心指标 …), in order.
    pub columns: Vec<super::columns::ColumnDef>,
}

impl Catalogue {
    /// Whether the rubric declares no figure and no narrative.
    pub fn declares_nothing(&self) -> bool {
        self.figures.is_empty() && self.narratives.is_empty()
    }

    /// The figure with this id.
    pub fn figure(&self, id: &str) -> Option<&FigureDef> {
        self.figures.iter().find(|f| f.id == id)
    }

    /// The narrative with this id.
    pub fn narrative(&self, id: &str) -> Option<&NarrativeDef> {
        self.narratives.iter().find(|n| n.id == id)
    }

    /// The figures shown in `section`.
    pub fn figures_in(&self, section: Section) -> impl Iterator<Item = &FigureDef> {
        self.figures.iter().filter(move |f| f.section() == section)
    }

    /// The narratives of `section`, in order.
    pub fn narratives_in(&self, section: Section) -> impl Iterator<Item = &NarrativeDef> {
        self.narratives
            .iter()
            .filter(move |n| n.section() == section)
    }

    /// Last year's counterpart of a figure, if declared.
    pub fn previous(&self, id: &str) -> Option<&FigureDef> {
        self.figures
            .iter()
            .find(|f| f.previous_of.as_deref() == Some(id))
    }

    /// The unit the figures `ids` share (万元), if they are all declared and share one.
    pub fn shared_unit<'a>(&self, ids: impl IntoIterator<Item = &'a str>) -> Option<&str> {
        let mut unit: Option<&str> = None;
        for id in ids {
            let u = self.figure(id)?.unit.as_str();
            if unit.is_some_and(|x| x != u) {
                return None;
            }
            unit = Some(u);
        }
        unit.filter(|u| !u.is_empty())
    }

    /// The columns that rows under the open group `group` have, in order.
    pub fn columns_of(&self, group: &str) -> impl Iterator<Item = &super::columns::ColumnDef> {
        self.columns.iter().filter(move |c| c.applies_to(group))
    }

    /// The label of a record field (figure or narrative), for diffs and messages.
    pub fn label(&self, id: &str) -> Option<&str> {
        self.figure(id)
            .map(|f| f.label.as_str())
            .or_else(|| self.narrative(id).map(|n| n.label.as_str()))
    }

    /// What is wrong with the declarations themselves, as (field, message); empty when sound.
    pub fn problems(&self) -> Vec<(String, String)> {
        let mut out = super::columns::problems(&self.columns);
        let holds = Section::HOLDING;
        let mut seen: Vec<&str> = Vec::new();
        for (i, f) in self.figures.iter().enumerate() {
            out.extend(key_problem(&format!("figure[{i}].id"), &f.id, &holds));
            if seen.contains(&f.id.as_str()) {
                out.push((format!("figure[{i}].id"), zh::declared_twice(&f.id)));
            }
            seen.push(&f.id);
            if f.decimals.is_some_and(|d| d > super::inputs::MAX_DECIMALS) {
                out.push((
                    format!("figure[{i}].decimals"),
                    zh::decimals_max(super::inputs::MAX_DECIMALS),
                ));
            }
            if let Some(p) = &f.previous_of
                && self.figure(p).is_none()
            {
                out.push((format!("figure[{i}].previous_of"), zh::not_a_figure(p)));
            }
        }
        for (i, n) in self.narratives.iter().enumerate() {
            out.extend(key_problem(&format!("narrative[{i}].id"), &n.id, &holds));
            if seen.contains(&n.id.as_str()) {
                out.push((format!("narrative[{i}].id"), zh::declared_twice(&n.id)));
            }
            seen.push(&n.id);
            for b in &n.then {
                if !BLOCKS.contains(&b.as_str()) && !b.starts_with("indicators:") {
                    out.push((format!("narrative[{i}].then"), zh::not_a_block(b, BLOCKS)));
                }
            }
        }
        for (i, s) in self.sums.iter().enumerate() {
            for (j, id) in std::iter::once(&s.total)
                .chain(&s.parts)
                .chain(&s.minus)
                .enumerate()
            {
                if self.figure(id).is_none() {
                    out.push((format!("sum[{i}]"), zh::sum_term_not_a_figure(id, j + 1)));
                }
            }
            if s.parts.is_empty() {
                out.push((format!("sum[{i}].parts"), zh::SUM_WITHOUT_PARTS.into()));
            }
        }
        for (i, r) in self.execution_rows.iter().enumerate() {
            for id in [&r.budget, &r.spent] {
                if self.figure(id).is_none() {
                    out.push((format!("execution_row[{i}]"), zh::not_a_figure(id)));
                }
            }
        }
        for (i, e) in self.explains.iter().enumerate() {
            let at = |f: &str| format!("explain[{i}].{f}");
            let triggers = [
                e.below.is_some(),
                e.above.is_some(),
                e.differs_from.is_some(),
                e.scores_below.is_some(),
            ]
            .iter()
            .filter(|t| **t)
            .count();
            if triggers != 1 {
                out.push((at("below"), zh::ONE_TRIGGER.into()));
            }
            if e.scores_below.is_none() {
                if e.value.is_none() {
                    out.push((at("value"), zh::NO_WATCHED_VALUE.into()));
                }
                match &e.field {
                    Some(f) if self.narrative(f).is_some() => {}
                    Some(f) => out.push((at("field"), zh::not_a_narrative(f))),
                    None => out.push((at("field"), zh::NO_EXPLAIN_FIELD.into())),
                }
            }
            for s in e.value.iter().chain(&e.differs_from) {
                if let Source::Field(k) = s
                    && self.figure(k).is_none()
                {
                    out.push((at("value"), zh::not_a_figure(k)));
                }
            }
        }
        out
    }
}

/// `SECTION.NAME` with a section that holds fields and a name that is not structural.
fn key_problem(field: &str, id: &str, holds: &[Section]) -> Option<(String, String)> {
    let ok = id.split_once('.').is_some_and(|(s, k)| {
        Section::from_id(s).is_some_and(|s| holds.contains(&s))
            && super::valid_id(k)
            && !STRUCTURAL.contains(&k)
    });
    (!ok).then(|| (field.to_string(), zh::not_section_name(id, STRUCTURAL)))
}

#[cfg(test)]
mod tests {
    use super::FigureDef;
    use std::str::FromStr;

    fn figure(unit: &str, decimals: Option<u32>) -> FigureDef {
        FigureDef {
            id: "budget.x".into(),
            label: "x".into(),
            aliases: Vec::new(),
            unit: unit.into(),
            decimals,
            required: true,
            previous_of: None,
        }
    }

    #[test]
    fn a_figure_prints_the_decimals_its_rubric_declares() {
        let d = |s| rust_decimal::Decimal::from_str(s).unwrap();
        // 万元 to three decimals, 元 to none, a ratio to three, a head count as written.
        assert_eq!(figure("万元", Some(3)).show(d("12345.6")), "12,345.600");
        assert_eq!(figure("元", Some(0)).show(d("1234567")), "1,234,567");
        assert_eq!(figure("万元", None).show(d("576431.54")), "576,431.54");
        assert_eq!(figure("", Some(3)).show(d("0.02")), "0.020");
        assert_eq!(figure("人", None).show(d("5543")), "5543");
    }
}
