//! The finance bureau's summary (`jixiao summary`): one row per department-year (name, total,
//! grade, each 一级指标's score and 得分率, 执行率, draft status, evaluator, last save), the
//! grade distribution, and per department each indicator's score across years. The CLI writes
//! it as .xlsx, Markdown or JSON; the TUI's home screen shows the distribution.
//!
//! Records may use different rubrics. The rows are grouped by rubric, one table each, rather
//! than put in one table with the union of every rubric's group names: a column then means
//! the same 一级指标, with the same weight and rules, in every row of its table, and a 投入 of
//! one tree never stands beside a 当年预算执行情况 of another as if the two were comparable
//! (a union would also leave most cells of every row empty). What all rubrics share (total,
//! grade, status) is also in the distribution, which counts every record.

mod distribution;
mod json;
mod markdown;
mod sheet;
mod xlsx;
mod yoy;

pub use distribution::{Distribution, DistributionRow, Standing};
pub use json::render as json;
pub use markdown::render as markdown;
pub use sheet::{Cell, Sheet, sheets};
pub use xlsx::render as xlsx;
pub use yoy::{Department, YearCard, YearScore, YoyRow};

use crate::error::Result;
use crate::repo::{Dept, Evaluation, Repo};
use crate::store::LastSave;
use rust_decimal::Decimal;
use std::collections::BTreeMap;

use crate::text::summary::{STAGES, UNFINISHED};

/// The status of a department-year: the furthest stage among its draft names (a 终稿 named
/// before a 征求意见稿 is still 终稿), else 未完成. Other draft names (修改稿 …) are no stage.
pub fn status(drafts: &[String]) -> &'static str {
    STAGES
        .iter()
        .rev()
        .find(|s| drafts.iter().any(|d| d == *s))
        .copied()
        .unwrap_or(UNFINISHED)
}

/// A 一级指标's score and 得分率 in one row; both `None` while an indicator under it lacks
/// its inputs (未完成).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupScore {
    pub score: Option<Decimal>,
    /// In percent, over the weight of its applicable indicators.
    pub rate: Option<Decimal>,
}

/// One department-year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub dept: Dept,
    pub year: u16,
    pub name: String,
    /// Every indicator has its inputs; otherwise `total` and `grade` are `None`.
    pub complete: bool,
    pub total: Option<Decimal>,
    pub grade: Option<String>,
    /// In the order of the table's `groups`.
    pub groups: Vec<GroupScore>,
    /// The rate the rubric names as `execution_rate`, in percent with its decimals; `None`
    /// when the rubric names none or a figure is missing.
    pub execution: Option<Decimal>,
    /// Decimals of `execution`.
    pub execution_decimals: u32,
    /// 未完成, 初稿, 征求意见稿 or 终稿 (see [`status`]).
    pub status: &'static str,
    /// Every draft name of the record.
    pub drafts: Vec<String>,
    /// 评价单位, as the record's cover names it.
    pub evaluator: String,
    pub last_save: Option<LastSave>,
}

/// The rows of one rubric, with its 一级指标 as columns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RubricTable {
    pub rubric: String,
    pub title: String,
    /// The 一级指标 names, in the rubric's order.
    pub groups: Vec<String>,
    /// The name of the rate shown as 执行率 (部门预算执行率), if the rubric names one.
    pub execution_rate: Option<String>,
    pub rows: Vec<Row>,
}

/// A record that could not be read or scored, with why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unreadable {
    /// `dept/year`, or the folder that was refused.
    pub record: String,
    pub year: Option<u16>,
    pub error: String,
}

/// The whole summary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    /// The year asked for, if one was.
    pub year: Option<u16>,
    /// One table per rubric, by rubric name.
    pub tables: Vec<RubricTable>,
    pub distribution: Distribution,
    /// Year-on-year, per department of the summary, by department id.
    pub departments: Vec<Department>,
    pub unreadable: Vec<Unreadable>,
}

/// What one record gives the summary: its row, and its year for the year-on-year sheet.
fn row_of(e: &Evaluation, drafts: Vec<String>, last_save: Option<LastSave>) -> (Row, RubricTable) {
    let c = &e.card;
    let groups = c
        .groups()
        .map(|g| {
            let done = c.node_complete(g);
            GroupScore {
                score: done.then_some(g.score),
                rate: if done { g.rate() } else { None },
            }
        })
        .collect();
    let rate = e.rubric.execution_rate.as_deref().and_then(|id| c.rate(id));
    let row = Row {
        dept: e.dept.clone(),
        year: e.year,
        name: e.record.overview.name.clone(),
        complete: c.complete,
        total: c.complete.then_some(c.total),
        grade: c.complete.then(|| c.grade.clone()),
        groups,
        execution: rate.and_then(|r| r.value()),
        execution_decimals: rate.map_or(crate::rubric::RATE_DECIMALS, |r| r.decimals),
        status: status(&drafts),
        drafts,
        evaluator: e.record.overview.evaluator.clone(),
        last_save,
    };
    let table = RubricTable {
        rubric: e.rubric.name.clone(),
        title: e.rubric.title.clone(),
        groups: e.rubric.groups().map(|(_, n)| n.def.name.clone()).collect(),
        execution_rate: e
            .rubric
            .execution_rate
            .as_deref()
            .and_then(|id| e.rubric.rate(id))
            .map(|r| r.name.clone()),
        rows: Vec::new(),
    };
    (row, table)
}

/// Reads every record of the repository's working tree (as `jixiao list` does) with its
/// drafts and last save, and builds the summary; `year` keeps that year's records, and the
/// year-on-year sheets then go up to that year.
pub fn build(repo: &Repo, year: Option<u16>) -> Result<Summary> {
    let (records, refused) = repo.list_checked();
    let mut unreadable: Vec<Unreadable> = refused
        .iter()
        .map(|e| Unreadable {
            record: String::new(),
            year: None,
            error: e.to_string(),
        })
        .collect();
    let saves = crate::store::last_saves(repo)?;
    let mut drafts = crate::store::all_drafts(repo)?;
    // The departments of the summary: those with a record in the year asked for.
    let wanted: std::collections::BTreeSet<&Dept> = records
        .iter()
        .filter(|(_, y)| year.is_none_or(|w| w == *y))
        .map(|(d, _)| d)
        .collect();
    let mut tables: BTreeMap<String, RubricTable> = BTreeMap::new();
    let mut cards: BTreeMap<Dept, Vec<YearCard>> = BTreeMap::new();
    let mut standings: Vec<(u16, Vec<String>, Standing)> = Vec::new();
    for (dept, y) in &records {
        if !wanted.contains(dept) || year.is_some_and(|w| *y > w) {
            continue;
        }
        let selected = year.is_none_or(|w| w == *y);
        let e = match repo.load(dept, *y) {
            Ok(e) => e,
            Err(err) => {
                if selected {
                    unreadable.push(Unreadable {
                        record: format!("{dept}/{y}"),
                        year: Some(*y),
                        error: err.to_string(),
                    });
                    standings.push((*y, Vec::new(), Standing::Unreadable));
                }
                continue;
            }
        };
        cards
            .entry(dept.clone())
            .or_default()
            .push(YearCard::of(&e));
        if !selected {
            continue;
        }
        let names = drafts
            .remove(&(dept.as_str().to_string(), *y))
            .unwrap_or_default();
        let save = saves.get(&Repo::record_rel(dept, *y)).cloned();
        let (row, table) = row_of(&e, names, save);
        let bands = e.rubric.grades.iter().map(|g| g.name.clone()).collect();
        standings.push((*y, bands, Standing::of(row.grade.as_deref())));
        tables
            .entry(table.rubric.clone())
            .or_insert(table)
            .rows
            .push(row);
    }
    let distribution = Distribution::of(standings.iter().map(|(y, b, s)| (*y, b.as_slice(), s)));
    let departments = cards
        .into_iter()
        .map(|(dept, years)| Department::of(dept, years))
        .collect();
    Ok(Summary {
        year,
        tables: tables.into_values().collect(),
        distribution,
        departments,
        unreadable,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn status_is_the_furthest_stage_named() {
        assert_eq!(status(&[]), "未完成");
        assert_eq!(status(&names(&["修改稿"])), "未完成");
        assert_eq!(status(&names(&["初稿"])), "初稿");
        assert_eq!(
            status(&names(&["初稿", "修改稿", "征求意见稿"])),
            "征求意见稿"
        );
        // Named out of order: the furthest stage counts.
        assert_eq!(status(&names(&["终稿", "初稿"])), "终稿");
    }
}
