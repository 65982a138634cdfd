//! A record: one department-year, all six sections in order, as stored in
//! `records/DEPT/YEAR.toml` and edited by hand or by jixiao.

pub mod doc;
mod fields;
pub mod labels;
pub mod memo;
pub mod notes;
pub mod rows;
mod split;
pub mod template;

use crate::error::Result;
use crate::num;
use crate::rubric::catalogue::Catalogue;
use crate::section::Section;
use crate::text::record::invalid as t;
pub use fields::{Raw, own_fields};
use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer};
use std::collections::BTreeMap;
use std::path::Path;

/// A number field of a record: `""` means not filled in yet; otherwise a non-negative
/// decimal with at most two decimals, read exactly from the text.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Num(pub Option<Decimal>);

impl Num {
    /// The value, if filled in.
    pub fn get(self) -> Option<Decimal> {
        self.0
    }
}

struct NumVisitor;

impl serde::de::Visitor<'_> for NumVisitor {
    type Value = Num;
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str(t::AMOUNT_EXPECTED)
    }
    fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<Num, E> {
        if s.trim().is_empty() {
            return Ok(Num(None));
        }
        num::parse_non_negative(s, 2)
            .map(|d| Num(Some(d)))
            .map_err(E::custom)
    }
    fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Num, E> {
        num::integer(v.into())
            .map(|d| Num(Some(d)))
            .map_err(E::custom)
    }
    fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Num, E> {
        num::integer(v.into())
            .map(|d| Num(Some(d)))
            .map_err(E::custom)
    }
}

impl<'de> Deserialize<'de> for Num {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(NumVisitor)
    }
}

/// A whole number of 0 or more (a problem's number), or `""` when not known yet.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Count(pub Option<u64>);

impl<'de> Deserialize<'de> for Count {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let n = Num::deserialize(d)?;
        match n.0 {
            None => Ok(Count(None)),
            Some(v) if v.fract().is_zero() => u64::try_from(v)
                .map(|c| Count(Some(c)))
                .map_err(|_| serde::de::Error::custom(t::COUNT_TOO_LARGE)),
            Some(v) => Err(serde::de::Error::custom(t::not_an_integer(v))),
        }
    }
}

/// An evaluator's score that replaces the computed one, with the reason.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Override {
    pub score: Num,
    #[serde(default)]
    pub reason: String,
}

/// The inputs of one indicator the rubric defines (`[SECTION.inputs.ID]`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Inputs {
    /// Checklist answers, one per item of the rubric: true = 合格, false = 不合格, None (`""`
    /// in the file) = not assessed yet.
    pub pass: Vec<Option<bool>>,
    /// Notes per checklist item.
    pub notes: Vec<String>,
    /// The evaluator's score for a qualitative indicator.
    pub score: Num,
    /// 评分依据.
    pub basis: String,
    /// The level (评价等级) the evaluator picked, when the rubric gives a score range per level.
    pub level: String,
    /// An evaluator's score replacing the computed one (`override`).
    pub override_: Option<Override>,
    /// 不适用, with its reason; the indicator is left out and the rest re-scaled.
    pub not_applicable: String,
    /// Named values read by `input:NAME` sources.
    pub values: BTreeMap<String, Num>,
}

/// The fields every inputs table has; other keys are named values read by `input:NAME`.
pub const INPUT_FIELDS: &[&str] = &[
    "pass",
    "notes",
    "score",
    "basis",
    "level",
    "override",
    "not_applicable",
];

/// One checklist answer: true, false, or "" for an item not assessed yet.
struct Answer(Option<bool>);

impl<'de> Deserialize<'de> for Answer {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = Answer;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str(t::ANSWER_EXPECTED)
            }
            fn visit_bool<E: serde::de::Error>(self, b: bool) -> Result<Answer, E> {
                Ok(Answer(Some(b)))
            }
            fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<Answer, E> {
                if s.trim().is_empty() {
                    Ok(Answer(None))
                } else {
                    Err(E::invalid_value(serde::de::Unexpected::Str(s), &self))
                }
            }
        }
        d.deserialize_any(V)
    }
}

/// A named value of an inputs table: a number, or a typo of one of the table's fields.
struct InputValue(Num);

impl<'de> Deserialize<'de> for InputValue {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = InputValue;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str(t::INPUT_VALUE_EXPECTED)
            }
            // As many decimals as any rubric may allow: scoring holds each value to what its
            // rubric declares (`[[indicator.input]]`, two when it does not say).
            fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<InputValue, E> {
                if s.trim().is_empty() {
                    return Ok(InputValue(Num(None)));
                }
                num::parse_non_negative(s, crate::rubric::inputs::MAX_DECIMALS)
                    .map(|d| InputValue(Num(Some(d))))
                    .map_err(E::custom)
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<InputValue, E> {
                NumVisitor.visit_i64(v).map(InputValue)
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<InputValue, E> {
                NumVisitor.visit_u64(v).map(InputValue)
            }
        }
        d.deserialize_any(V)
    }
}

// Written by hand rather than with `#[serde(flatten)]`, which loses the key of a bad value
// (`pas = [true]` was reported at the table, as "expected a number").
impl<'de> Deserialize<'de> for Inputs {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = Inputs;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str(t::INPUTS_EXPECTED)
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<Inputs, A::Error> {
                let mut out = Inputs::default();
                while let Some(key) = map.next_key::<String>()? {
                    match key.as_str() {
                        "pass" => {
                            let answers: Vec<Answer> = map.next_value()?;
                            out.pass = answers.into_iter().map(|a| a.0).collect();
                        }
                        "notes" => out.notes = map.next_value()?,
                        "score" => out.score = map.next_value()?,
                        "basis" => out.basis = map.next_value()?,
                        "level" => out.level = map.next_value()?,
                        "override" => out.override_ = Some(map.next_value()?),
                        "not_applicable" => out.not_applicable = map.next_value()?,
                        _ => {
                            let InputValue(v) = map.next_value()?;
                            out.values.insert(key, v);
                        }
                    }
                }
                Ok(out)
            }
        }
        d.deserialize_map(V)
    }
}

/// A third-level indicator the record defines under an open rubric node (产出, 效果).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Item {
    /// The row's stable identity (`record::rows`); jixiao adds it on save.
    #[serde(default)]
    pub id: String,
    /// The id of the open rubric node it belongs to (产出, 效果 …).
    pub parent: String,
    /// 三级指标.
    pub name: String,
    /// 指标值 / 计划值, e.g. `≥600起`, `2023年12月底`, `有效提升`.
    #[serde(default)]
    pub target: String,
    /// 完成值.
    #[serde(default)]
    pub actual: String,
    /// 分值.
    #[serde(default)]
    pub weight: Num,
    /// Listed in the 年度重点工作 table (表 3).
    #[serde(default)]
    pub key_task: bool,
    /// The evaluator's score for a qualitative target.
    #[serde(default)]
    pub score: Num,
    /// 评分依据.
    #[serde(default)]
    pub basis: String,
    /// The level (评价等级) the evaluator picked, when the rubric gives a score range per level.
    #[serde(default)]
    pub level: String,
    #[serde(default, rename = "override")]
    pub override_: Option<Override>,
    #[serde(default)]
    pub not_applicable: String,
    /// Values of the rubric's extra columns (`[[column]]`: 是否核心指标 …) by column id, as
    /// written.
    #[serde(default)]
    pub columns: BTreeMap<String, Raw>,
    /// The same values typed by the rubric's declarations once resolved; empty ones left out.
    #[serde(skip)]
    pub cells: BTreeMap<String, crate::rubric::columns::ColumnValue>,
}

/// A row of 表 1 部门整体绩效目标.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Goal {
    /// The row's stable identity (`record::rows`); jixiao adds it on save.
    #[serde(default)]
    pub id: String,
    /// 活动
    #[serde(default)]
    pub activity: String,
    /// 绩效指标
    #[serde(default)]
    pub indicator: String,
    /// 指标性质: 定性 / 定量
    #[serde(default)]
    pub nature: String,
    /// 指标值
    #[serde(default)]
    pub value: String,
}

/// 一、部门概况: the record's own structure; figures and narratives are declared by the rubric.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
pub struct Overview {
    /// 部门名称
    #[serde(default)]
    pub name: String,
    /// 简称
    #[serde(default)]
    pub short_name: String,
    /// 评价单位, printed on the cover.
    #[serde(default)]
    pub evaluator: String,
    /// 报告日期, e.g. 2024年5月.
    #[serde(default)]
    pub report_date: String,
    /// 主要职责, one per item.
    #[serde(default)]
    pub duties: Vec<String>,
    /// 表 1.
    #[serde(default)]
    pub goals: Vec<Goal>,
    /// The record's own indicators under open groups the rubric places in this section.
    #[serde(default)]
    pub indicators: Vec<Item>,
    /// Inputs of the rubric's indicators in groups placed in this section.
    #[serde(default)]
    pub inputs: BTreeMap<String, Inputs>,
    /// Figures and narratives, typed by [`Record::resolve`].
    #[serde(flatten)]
    pub extra: BTreeMap<String, Raw>,
}

/// 二、当年预算执行情况: figures and narratives are declared by the rubric.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
pub struct Budget {
    /// The record's own indicators under open groups the rubric places in this section.
    #[serde(default)]
    pub indicators: Vec<Item>,
    #[serde(default)]
    pub inputs: BTreeMap<String, Inputs>,
    /// Figures and narratives, typed by [`Record::resolve`].
    #[serde(flatten)]
    pub extra: BTreeMap<String, Raw>,
}

/// 三、整体绩效目标实现情况
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
pub struct Targets {
    /// The record's own 三级 indicators under the rubric's open nodes.
    #[serde(default)]
    pub indicators: Vec<Item>,
    #[serde(default)]
    pub inputs: BTreeMap<String, Inputs>,
    /// Figures and narratives, typed by [`Record::resolve`].
    #[serde(flatten)]
    pub extra: BTreeMap<String, Raw>,
}

/// 四、预算管理情况: figures and narratives are declared by the rubric.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
pub struct Management {
    /// The record's own indicators under open groups the rubric places in this section.
    #[serde(default)]
    pub indicators: Vec<Item>,
    #[serde(default)]
    pub inputs: BTreeMap<String, Inputs>,
    /// Figures and narratives, typed by [`Record::resolve`].
    #[serde(flatten)]
    pub extra: BTreeMap<String, Raw>,
}

/// A problem found (存在的问题), with its cause.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Problem {
    /// The row's stable identity (`record::rows`); jixiao adds it on save.
    #[serde(default)]
    pub id: String,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub text: String,
}

/// 五、总体评价结论: the score table is computed; the problems are written.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Conclusion {
    #[serde(default)]
    pub problems: Vec<Problem>,
}

/// One recommendation, answering one problem.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Recommendation {
    /// The row's stable identity (`record::rows`); jixiao adds it on save.
    #[serde(default)]
    pub id: String,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub text: String,
    /// The problem it answers, 1-based.
    #[serde(default)]
    pub problem: Count,
}

/// 六、措施建议
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Recommendations {
    #[serde(default)]
    pub items: Vec<Recommendation>,
}

/// One department-year's evaluation.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Record {
    /// The rubric it is scored with (`rubrics/NAME.toml`).
    pub rubric: String,
    #[serde(default)]
    pub overview: Overview,
    #[serde(default)]
    pub budget: Budget,
    #[serde(default)]
    pub targets: Targets,
    #[serde(default)]
    pub management: Management,
    #[serde(default)]
    pub conclusion: Conclusion,
    #[serde(default)]
    pub recommendations: Recommendations,
    /// Review notes (批注), see [`notes`].
    #[serde(default)]
    pub notes: Vec<notes::Note>,
    /// Reopenings of a final record by an administrator, see [`notes`].
    #[serde(default)]
    pub reopenings: Vec<notes::Reopening>,
    /// The figures, by id (`budget.budget_total`): every one the rubric declares once
    /// resolved, `None` while not filled in.
    #[serde(skip)]
    pub figures: BTreeMap<String, Num>,
    /// The narratives, by id (`budget.text`), in the rubric's order once resolved.
    #[serde(skip)]
    pub texts: Vec<(String, String)>,
}

impl Record {
    /// Parses a record's text without its rubric; `path` names the file in errors. Strings
    /// outside the record's own structure are taken as narratives until [`Record::resolve`]
    /// types them by the rubric's catalogue.
    pub fn parse(path: &Path, text: &str) -> Result<Record> {
        Record::parse_looking(path, text, |_| ()).map(|(r, ())| r)
    }

    /// [`Record::parse`], handing the parsed document to `look` on the way (one read of
    /// the text for a caller that asks something of its shape too).
    pub(crate) fn parse_looking<L>(
        path: &Path,
        text: &str,
        look: impl FnOnce(&toml::de::DeTable<'_>) -> L,
    ) -> Result<(Record, L)> {
        let (mut r, seen): (Record, L) = crate::tomlio::parse_looking(path, text, look)?;
        r.narratives_from_extras();
        Ok((r, seen))
    }

    /// Takes the strings outside the record's own structure as its narratives.
    fn narratives_from_extras(&mut self) {
        let found: Vec<(String, String)> = self
            .extras()
            .filter_map(|(id, raw)| match raw {
                Raw::Str(s) => Some((id, s.clone())),
                _ => None,
            })
            .collect();
        self.texts.extend(found);
    }

    /// [`Record::parse`] for a record that [`Record::resolve`] types next, which finds the
    /// narratives itself.
    pub(crate) fn parse_to_resolve(path: &Path, text: &str) -> Result<Record> {
        crate::tomlio::parse(path, text)
    }

    /// Parses a record and types its figures and narratives by `catalogue`.
    pub fn parse_for(path: &Path, text: &str, catalogue: &Catalogue) -> Result<Record> {
        let mut r = Record::parse_to_resolve(path, text)?;
        r.resolve(catalogue, path, text)?;
        Ok(r)
    }

    /// The record's own indicators of every section, mutably, with their sections and
    /// indexes (the field path `targets.indicators[2]` is spelled out only for an error).
    fn items_mut(&mut self) -> impl Iterator<Item = (Section, usize, &mut Item)> {
        let sections: [(Section, &mut Vec<Item>); 4] = [
            (Section::Overview, &mut self.overview.indicators),
            (Section::Budget, &mut self.budget.indicators),
            (Section::Targets, &mut self.targets.indicators),
            (Section::Management, &mut self.management.indicators),
        ];
        sections
            .into_iter()
            .flat_map(|(s, items)| items.iter_mut().enumerate().map(move |(i, it)| (s, i, it)))
    }

    /// Reads and parses a record file.
    pub fn load(path: &Path) -> Result<Record> {
        Record::parse(path, &crate::tomlio::read(path)?)
    }

    /// Every value outside the record's structure, as (id, raw value), in section order.
    fn extras(&self) -> impl Iterator<Item = (String, &Raw)> {
        [
            (Section::Overview, &self.overview.extra),
            (Section::Budget, &self.budget.extra),
            (Section::Targets, &self.targets.extra),
            (Section::Management, &self.management.extra),
        ]
        .into_iter()
        .flat_map(|(s, m)| {
            m.iter()
                .map(move |(k, v)| (crate::join::cat(&[s.id(), ".", k]), v))
        })
    }

    /// The value of a figure by id (`budget.spent_total`); `None` if the rubric declares no
    /// such figure, `Some(None)` if it is empty.
    pub fn figure(&self, key: &str) -> Option<Option<Decimal>> {
        self.figures.get(key).map(|n| n.get())
    }

    /// A narrative by id (`budget.text`); empty when absent.
    pub fn text(&self, id: &str) -> &str {
        self.texts
            .iter()
            .find(|(k, _)| k == id)
            .map(|(_, t)| t.as_str())
            .unwrap_or("")
    }

    /// Replaces a narrative (adding it when absent).
    pub fn set_text(&mut self, id: &str, text: String) {
        match self.texts.iter_mut().find(|(k, _)| k == id) {
            Some((_, t)) => *t = text,
            None => self.texts.push((id.to_string(), text)),
        }
    }

    /// The notes not resolved yet.
    pub fn open_notes(&self) -> impl Iterator<Item = &notes::Note> {
        self.notes.iter().filter(|n| n.is_open())
    }

    /// The inputs table of a rubric-defined indicator in `section`.
    pub fn inputs(&self, section: Section, id: &str) -> Option<&Inputs> {
        self.inputs_map(section).and_then(|m| m.get(id))
    }

    /// All inputs tables of a section (sections without indicators have none).
    pub fn inputs_map(&self, section: Section) -> Option<&BTreeMap<String, Inputs>> {
        match section {
            Section::Overview => Some(&self.overview.inputs),
            Section::Budget => Some(&self.budget.inputs),
            Section::Targets => Some(&self.targets.inputs),
            Section::Management => Some(&self.management.inputs),
            _ => None,
        }
    }

    /// The record's own indicator at a field path (`targets.indicators[3]`), as scoring names
    /// it.
    pub fn item_at(&self, field: &str) -> Option<&Item> {
        let (section, rest) = field.split_once(".indicators[")?;
        let index: usize = rest.strip_suffix(']')?.parse().ok()?;
        self.items(Section::from_id(section)?).get(index)
    }

    /// The record's own indicators in `section`: the rows under the open groups the rubric
    /// places there (the conclusion and recommendations hold none).
    pub fn items(&self, section: Section) -> &[Item] {
        match section {
            Section::Overview => &self.overview.indicators,
            Section::Budget => &self.budget.indicators,
            Section::Targets => &self.targets.indicators,
            Section::Management => &self.management.indicators,
            Section::Conclusion | Section::Recommendations => &[],
        }
    }

    /// Every narrative of the record with its field path and section, in report order.
    pub fn narratives(&self) -> Vec<(Section, String, &str)> {
        let mut out: Vec<(Section, String, &str)> = Vec::new();
        let section_of = |id: &str| {
            id.split_once('.')
                .and_then(|(s, _)| Section::from_id(s))
                .unwrap_or(Section::Overview)
        };
        for s in Section::HOLDING {
            for (id, text) in self.texts.iter().filter(|(id, _)| section_of(id) == s) {
                out.push((s, id.clone(), text));
            }
            if s == Section::Overview {
                for (i, d) in self.overview.duties.iter().enumerate() {
                    out.push((Section::Overview, format!("overview.duties[{i}]"), d));
                }
            }
        }
        for (i, p) in self.conclusion.problems.iter().enumerate() {
            out.push((
                Section::Conclusion,
                format!("conclusion.problems[{i}].text"),
                &p.text,
            ));
        }
        for (i, r) in self.recommendations.items.iter().enumerate() {
            out.push((
                Section::Recommendations,
                format!("recommendations.items[{i}].text"),
                &r.text,
            ));
        }
        out
    }
}
