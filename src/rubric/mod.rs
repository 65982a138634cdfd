//! Rubrics: the indicator system (指标体系) of a kind of evaluation, read from
//! `rubrics/NAME.toml`: the tree of 一级/二级/三级指标, weights, texts, methods and grades.

pub mod catalogue;
pub mod columns;
mod cross;
pub mod inputs;
pub mod method;
mod ranges;
pub mod tables;
pub mod validate;

use crate::error::{Error, Result};
use crate::section::Section;
use crate::text::rubric as zh;
pub use catalogue::Catalogue;
pub use inputs::{InputDef, InputSpec};
pub use method::{
    Band, Direction, Level, LevelScale, Levels, Method, Param, Partial, RuleSeverity, Source, Tier,
};
use rust_decimal::Decimal;
use serde::Deserialize;
use std::path::Path;

/// The rubrics jixiao ships, as (name, text); `jixiao init` copies them into a repository.
pub const BUILTIN: &[(&str, &str)] = &[
    (
        "beijing-department-2023",
        include_str!("../../rubrics/beijing-department-2023.toml"),
    ),
    (
        "mof-department-2013",
        include_str!("../../rubrics/mof-department-2013.toml"),
    ),
    (
        "dazhou-department",
        include_str!("../../rubrics/dazhou-department.toml"),
    ),
];

/// A grade band: scores of `min` and above (down to the next band) get `name`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Grade {
    pub name: String,
    pub min: Param,
}

/// How a rate is derived from two figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RateKind {
    /// numerator / denominator × 100%.
    #[default]
    Ratio,
    /// |numerator − denominator| / denominator × 100% (预决算差异率).
    Difference,
    /// numerator − denominator, e.g. this year's rate minus last year's in 个百分点; its
    /// sources may be rates defined above it.
    Change,
}

/// What a rate's value is measured in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RateUnit {
    /// Percent (90.62%); a `change` of two percentages is in 个百分点.
    #[default]
    Percent,
    /// A plain ratio (0.002), not multiplied by 100.
    Ratio,
}

/// The decimals a rate is rounded to when the rubric does not say (half-up).
pub const RATE_DECIMALS: u32 = 2;

/// A rate the rubric derives from the record's figures (never typed).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RateDef {
    pub id: String,
    /// The report's term (部门预算执行率).
    pub name: String,
    /// Other ways narratives write it.
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub kind: RateKind,
    pub numerator: Source,
    pub denominator: Source,
    /// Last year's value of a rate (结转结余率 2022).
    #[serde(default)]
    pub previous_year: bool,
    #[serde(default)]
    pub unit: RateUnit,
    /// Decimals the value is rounded to, half-up (default 2).
    #[serde(default)]
    pub decimals: Option<u32>,
}

/// An indicator as written in the rubric file.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IndicatorDef {
    /// Short ASCII id, unique in the rubric.
    pub id: String,
    /// The id of the parent; none for a 一级指标.
    #[serde(default)]
    pub parent: Option<String>,
    pub name: String,
    /// 分值.
    pub weight: Param,
    /// For a 一级指标: the report section whose record holds its inputs.
    #[serde(default)]
    pub section: Option<Section>,
    /// 指标解释.
    #[serde(default)]
    pub explanation: String,
    /// 评分标准.
    #[serde(default)]
    pub criteria: String,
    /// The record supplies the 三级 indicators under this node (产出, 效果).
    #[serde(default)]
    pub open: bool,
    /// Rates shown under the indicator in the 附件 (基本支出, 项目支出执行率).
    #[serde(default)]
    pub details: Vec<String>,
    /// The 附件's heads of a ratio indicator's three value columns (预算数, 执行数,
    /// 预算执行率); the figures' shared unit is added (预算数（万元）). 指标值, 完成值, 完成率
    /// when not given.
    #[serde(default)]
    pub heads: Vec<String>,
    /// For an `open` node: the lowest weight a record may give it (the sum of its own
    /// indicators' weights); with `weight_max`, the record sets the split and the open node
    /// and its siblings must add up to their parent's weight.
    #[serde(default)]
    pub weight_min: Option<Param>,
    /// For an `open` node: the highest weight a record may give it.
    #[serde(default)]
    pub weight_max: Option<Param>,
    #[serde(default)]
    pub method: Option<Method>,
    /// Labels, units and decimals of the values its inputs table holds (`[[indicator.input]]`).
    #[serde(default, rename = "input")]
    pub inputs: Vec<InputDef>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RubricFile {
    name: String,
    #[serde(default)]
    title: String,
    /// The year the rubric is for, if it is for one (`jixiao new` warns on another year).
    #[serde(default)]
    year: Option<u16>,
    /// The `[[rate]]` the finance bureau's summary shows as the department's 执行率.
    #[serde(default)]
    execution_rate: Option<String>,
    total: Param,
    #[serde(rename = "grade")]
    grades: Vec<Grade>,
    #[serde(rename = "rate", default)]
    rates: Vec<RateDef>,
    #[serde(rename = "indicator")]
    indicators: Vec<IndicatorDef>,
    #[serde(rename = "figure", default)]
    figures: Vec<catalogue::FigureDef>,
    #[serde(rename = "narrative", default)]
    narratives: Vec<catalogue::NarrativeDef>,
    #[serde(rename = "sum", default)]
    sums: Vec<catalogue::SumDef>,
    #[serde(rename = "explain", default)]
    explains: Vec<catalogue::ExplainDef>,
    #[serde(rename = "execution_row", default)]
    execution_rows: Vec<catalogue::ExecutionRow>,
    #[serde(rename = "column", default)]
    columns: Vec<columns::ColumnDef>,
    #[serde(default)]
    execution_table: Option<catalogue::ExecutionTable>,
    #[serde(default)]
    key_task_table: Option<catalogue::KeyTaskTable>,
}

/// An indicator placed in the tree.
#[derive(Debug, Clone)]
pub struct Node {
    pub def: IndicatorDef,
    /// `management/finance/finance-system`.
    pub path: String,
    /// 1 for 一级, 2 for 二级, 3 for 三级.
    pub level: usize,
    pub parent: Option<usize>,
    pub children: Vec<usize>,
    /// The section of its 一级指标.
    pub section: Section,
}

/// What is wrong with an indicator's `weight_min` / `weight_max`, if anything.
fn weight_bounds_problem(def: &IndicatorDef) -> Option<String> {
    match (def.weight_min, def.weight_max) {
        (None, None) => None,
        (Some(min), Some(max)) => {
            if !def.open {
                Some(zh::WEIGHT_BOUNDS_NOT_OPEN.into())
            } else if min > max || def.weight < min || def.weight > max {
                Some(zh::weight_out_of_bounds(min.0, def.weight.0, max.0))
            } else {
                None
            }
        }
        _ => Some(zh::WEIGHT_BOUNDS_BOTH.into()),
    }
}

impl Node {
    /// The weights a record may give this node, when the rubric lets it choose.
    pub fn weight_bounds(&self) -> Option<(Decimal, Decimal)> {
        match (self.def.weight_min, self.def.weight_max) {
            (Some(min), Some(max)) if self.def.open => Some((min.0, max.0)),
            _ => None,
        }
    }

    /// The weight as forms print it: `30`, or `40–60` where the record sets it.
    pub fn weight_label(&self) -> String {
        match self.weight_bounds() {
            Some((min, max)) => format!("{}–{}", crate::num::plain(min), crate::num::plain(max)),
            None => crate::num::plain(self.def.weight.0),
        }
    }

    /// Whether it is scored itself (no children in the rubric and not open).
    pub fn is_leaf(&self) -> bool {
        self.children.is_empty() && !self.def.open
    }
}

/// A parsed rubric.
#[derive(Debug, Clone)]
pub struct Rubric {
    pub name: String,
    pub title: String,
    /// The evaluation year the rubric was published for, if it declares one.
    pub year: Option<u16>,
    /// The id of the `[[rate]]` that `jixiao summary` shows as 执行率 (the department's budget
    /// execution rate), if the rubric names one.
    pub execution_rate: Option<String>,
    /// Full marks (100).
    pub total: Decimal,
    /// Highest band first.
    pub grades: Vec<Grade>,
    pub rates: Vec<RateDef>,
    /// Indicators in file order; parents before children.
    pub nodes: Vec<Node>,
    /// The figures and narratives a record holds, and the consistency rules.
    pub catalogue: Catalogue,
}

fn field_error(path: &Path, text: &str, field: String, message: String) -> Error {
    let location = crate::tomlio::locate(text, &field)
        .map(|(l, c)| format!(":{l}:{c}"))
        .unwrap_or_default();
    Error::Field {
        path: path.to_path_buf(),
        location,
        field,
        message,
    }
}

/// Today's built-in rubric called `name`, parsed once per process (history reads an old
/// rubric at every revision), without lending: see [`Rubric::lend_from_builtin`].
fn builtin(name: &str) -> Option<Rubric> {
    type Cache = std::sync::Mutex<std::collections::HashMap<String, Option<Rubric>>>;
    static BUILTINS: std::sync::OnceLock<Cache> = std::sync::OnceLock::new();
    let cache = BUILTINS.get_or_init(Cache::default);
    if let Ok(c) = cache.lock()
        && let Some(found) = c.get(name)
    {
        return found.clone();
    }
    let found = BUILTIN
        .iter()
        .find(|(n, _)| *n == name)
        .and_then(|(n, text)| Rubric::parse_with(Path::new(n), text, false).ok());
    if let Ok(mut c) = cache.lock() {
        c.insert(name.to_string(), found.clone());
    }
    found
}

impl Rubric {
    /// Parses a rubric's text; `path` names the file in errors.
    pub fn parse(path: &Path, text: &str) -> Result<Rubric> {
        Rubric::parse_with(path, text, true)
    }

    /// Parses a rubric's text; with `lend`, a copy of a built-in rubric committed by an
    /// earlier version borrows the declarations it did not have yet.
    fn parse_with(path: &Path, text: &str, lend: bool) -> Result<Rubric> {
        let file: RubricFile =
            crate::tomlio::parse(path, text).map_err(|e| with_indicator_path(e, text))?;
        let mut nodes: Vec<Node> = Vec::with_capacity(file.indicators.len());
        for (i, def) in file.indicators.into_iter().enumerate() {
            let err =
                |f: &str, m: String| field_error(path, text, format!("indicator[{i}].{f}"), m);
            if !valid_id(&def.id) {
                return Err(err("id", zh::invalid_id(&def.id)));
            }
            if nodes.iter().any(|n| n.def.id == def.id) {
                return Err(err("id", zh::id_twice(&def.id)));
            }
            let (parent, level, section, path_str) = match &def.parent {
                None => {
                    let section = def
                        .section
                        .ok_or_else(|| err("section", zh::group_without_section(&def.id)))?;
                    (None, 1, section, def.id.clone())
                }
                Some(p) => {
                    let pi = nodes
                        .iter()
                        .position(|n| &n.def.id == p)
                        .ok_or_else(|| err("parent", zh::unknown_parent(p)))?;
                    let pn = &nodes[pi];
                    (
                        Some(pi),
                        pn.level + 1,
                        pn.section,
                        format!("{}/{}", pn.path, def.id),
                    )
                }
            };
            if let Some(problem) = weight_bounds_problem(&def) {
                return Err(err("weight_min", problem));
            }
            if let Some(pi) = parent {
                let next = nodes.len();
                nodes[pi].children.push(next);
            }
            nodes.push(Node {
                def,
                path: path_str,
                level,
                parent,
                children: Vec::new(),
                section,
            });
        }
        let catalogue = Catalogue {
            figures: file.figures,
            narratives: file.narratives,
            sums: file.sums,
            explains: file.explains,
            execution_rows: file.execution_rows,
            columns: file.columns,
            execution_table: file.execution_table,
            key_task_table: file.key_task_table,
        };
        if let Some((field, message)) = catalogue.problems().into_iter().next() {
            return Err(field_error(path, text, field, message));
        }
        let mut grades = file.grades;
        grades.sort_by_key(|g| std::cmp::Reverse(g.min));
        let mut rubric = Rubric {
            name: file.name,
            title: file.title,
            year: file.year,
            execution_rate: file.execution_rate,
            total: file.total.0,
            grades,
            rates: file.rates,
            nodes,
            catalogue,
        };
        // Today's built-in text itself has nothing to borrow: parsing it again to lend would
        // double the cost of loading the rubric most repositories use (a save's largest part).
        if lend && !BUILTIN.iter().any(|(n, t)| *n == rubric.name && *t == text) {
            rubric.lend_from_builtin();
        }
        Ok(rubric)
    }

    /// A built-in rubric as committed by an earlier version (every repository made then holds
    /// it, in its files and all through its history) lacks declarations added since: today's
    /// built-in rubric of the same name lends them, so its records score and export exactly as
    /// they did. All of its catalogue when it declares no figure and no narrative (before
    /// rubrics declared them); else 表 2's `[execution_table]`, 表 3's `[key_task_table]` and
    /// the 附件 `heads` and the labels of the input values (`[[indicator.input]]`, label only:
    /// its unit and decimals would change what the old records may hold) of the indicators it
    /// shares. Any other rubric lacking a declaration is refused by `rubric check` or takes
    /// the documented default.
    fn lend_from_builtin(&mut self) {
        let Some(today) = builtin(&self.name) else {
            return;
        };
        if self.catalogue.declares_nothing() && !today.catalogue.declares_nothing() {
            self.catalogue = today.catalogue.clone();
        }
        if self.catalogue.execution_table.is_none() && !self.catalogue.execution_rows.is_empty() {
            self.catalogue.execution_table = today.catalogue.execution_table.clone();
        }
        if self.catalogue.key_task_table.is_none() {
            self.catalogue.key_task_table = today.catalogue.key_task_table.clone();
        }
        // Only labels of values the copy's own rules read: a declaration of another would be
        // a problem of the copy.
        let labels: Vec<Vec<InputDef>> = (0..self.nodes.len())
            .map(|i| {
                let n = &self.nodes[i];
                let read = self.inputs_of(i);
                today
                    .node(&n.def.id)
                    .map(|t| t.def.inputs.as_slice())
                    .unwrap_or_default()
                    .iter()
                    .filter(|d| read.iter().any(|s| s.name == d.name))
                    .filter(|d| !n.def.inputs.iter().any(|x| x.name == d.name))
                    .map(|d| InputDef {
                        name: d.name.clone(),
                        label: d.label.clone(),
                        unit: String::new(),
                        decimals: None,
                    })
                    .collect()
            })
            .collect();
        for (n, lent) in self.nodes.iter_mut().zip(labels) {
            n.def.inputs.extend(lent);
            let ratio = matches!(
                n.def.method,
                Some(Method::Ratio { .. } | Method::InverseRatio { .. })
            );
            if n.def.heads.is_empty()
                && ratio
                && let Some(t) = today.node(&n.def.id)
            {
                n.def.heads = t.def.heads.clone();
            }
        }
    }

    /// Parses the text of `rubrics/NAME.toml` (`path` names it in errors), which must call
    /// itself `name`.
    pub fn parse_named(path: &Path, text: &str, name: &str) -> Result<Rubric> {
        let rubric = Rubric::parse(path, text)?;
        // Records name their rubric by file; a copied file keeping the old name would score
        // under one name and report another.
        if rubric.name != name {
            return Err(field_error(
                path,
                text,
                "name".into(),
                zh::name_not_file(name, &rubric.name),
            ));
        }
        Ok(rubric)
    }

    /// Reads and parses `path`.
    pub fn load(path: &Path) -> Result<Rubric> {
        Rubric::parse(path, &crate::tomlio::read(path)?)
    }

    /// The grade of a total score.
    pub fn grade(&self, score: Decimal) -> &str {
        self.grades
            .iter()
            .find(|g| score >= g.min.0)
            .map(|g| g.name.as_str())
            .unwrap_or("")
    }

    /// The 一级指标, in order.
    pub fn groups(&self) -> impl Iterator<Item = (usize, &Node)> {
        self.nodes
            .iter()
            .enumerate()
            .filter(|(_, n)| n.parent.is_none())
    }

    /// The node with this id.
    pub fn node(&self, id: &str) -> Option<&Node> {
        self.nodes.iter().find(|n| n.def.id == id)
    }

    /// The rate with this id.
    pub fn rate(&self, id: &str) -> Option<&RateDef> {
        self.rates.iter().find(|r| r.id == id)
    }
}

/// Adds the indicator's path (`management/variance`) to an error at `indicator[N]…`: people
/// know indicators by id, not by position in the file.
fn with_indicator_path(e: Error, text: &str) -> Error {
    let Error::Field {
        path,
        location,
        field,
        message,
    } = e
    else {
        return e;
    };
    let index = field
        .strip_prefix("indicator[")
        .and_then(|r| r.split_once(']'))
        .and_then(|(n, _)| n.parse::<usize>().ok());
    let message = match index.and_then(|i| indicator_path(text, i)) {
        Some(p) => zh::at_indicator(&p, &message),
        None => message,
    };
    Error::Field {
        path,
        location,
        field,
        message,
    }
}

/// The path of the `i`-th `[[indicator]]` of a rubric's text, following `parent` ids.
fn indicator_path(text: &str, i: usize) -> Option<String> {
    let doc: toml_edit::DocumentMut = text.parse().ok()?;
    let tables = doc.get("indicator")?.as_array_of_tables()?;
    let key = |t: &toml_edit::Table, k: &str| t.get(k).and_then(|v| v.as_str()).map(str::to_string);
    let mut current = tables.get(i)?;
    let mut parts = vec![key(current, "id")?];
    // Bounded by the number of indicators, so a cycle of parents cannot loop forever.
    for _ in 0..tables.len() {
        let Some(parent) = key(current, "parent") else {
            break;
        };
        let Some(t) = tables
            .iter()
            .find(|t| key(t, "id").as_deref() == Some(parent.as_str()))
        else {
            break;
        };
        parts.push(parent);
        current = t;
    }
    parts.reverse();
    Some(parts.join("/"))
}

/// Whether `s` is a valid indicator or rate id.
pub fn valid_id(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}
