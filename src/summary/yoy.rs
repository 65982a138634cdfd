//! Year on year: per department, each indicator's score across its years. Indicators are
//! matched by their names down the tree (一级 / 二级 / 三级), not by ids: a department's own
//! 产出 indicators carry a different row id in each year's file, the rubric may change
//! between years, and names are what a reader compares.

use super::distribution::merge_order;
use crate::repo::{Dept, Evaluation};
use rust_decimal::Decimal;
use std::collections::HashMap;

/// An indicator's score in one year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum YearScore {
    Score(Decimal),
    /// Inputs still missing (未完成).
    Incomplete,
    /// Marked 不适用 that year.
    NotApplicable,
}

/// One year of a record, as the year-on-year sheet reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YearCard {
    pub year: u16,
    pub name: String,
    /// `None` while the record is 未完成.
    pub total: Option<Decimal>,
    pub grade: Option<String>,
    /// Every indicator (groups too) in report order: its key, names from the 一级 down, and
    /// its score.
    nodes: Vec<(String, Vec<String>, YearScore)>,
}

impl YearCard {
    /// Reads the scores of a scored record.
    pub fn of(e: &Evaluation) -> YearCard {
        let c = &e.card;
        let mut names_at: HashMap<&str, Vec<String>> = HashMap::new();
        let mut seen: HashMap<String, usize> = HashMap::new();
        let mut nodes = Vec::new();
        for n in &c.nodes {
            // Parents come before their children: the parent's names are known.
            let mut names = n
                .path
                .rsplit_once('/')
                .and_then(|(parent, _)| names_at.get(parent))
                .cloned()
                .unwrap_or_default();
            names.push(n.name.clone());
            names_at.insert(n.path.as_str(), names.clone());
            let score = if n.not_applicable.is_some() {
                YearScore::NotApplicable
            } else if (n.leaf && (n.computed.is_some() || n.override_.is_some()))
                || (!n.leaf && c.node_complete(n))
            {
                YearScore::Score(n.score)
            } else {
                YearScore::Incomplete
            };
            // Two indicators of the same name under one parent (a department may list two
            // 产出 rows alike) stay two rows: the second is matched with the second.
            let base = names.join("\u{1f}");
            let k = seen.entry(base.clone()).or_insert(0);
            *k += 1;
            let key = format!("{base}\u{1f}{k}");
            nodes.push((key, names, score));
        }
        YearCard {
            year: e.year,
            name: e.record.overview.name.clone(),
            total: c.complete.then_some(c.total),
            grade: c.complete.then(|| c.grade.clone()),
            nodes,
        }
    }
}

/// An indicator across the years of the department (aligned with [`Department::years`]);
/// `None` where it did not exist that year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YoyRow {
    /// Names from the 一级 down to the indicator itself.
    pub names: Vec<String>,
    pub scores: Vec<Option<YearScore>>,
}

/// A department's year-on-year table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Department {
    pub dept: Dept,
    /// The name in its latest year.
    pub name: String,
    /// Oldest first.
    pub years: Vec<u16>,
    /// The name each year (a department may be renamed).
    pub names: Vec<String>,
    /// `None` where the year is 未完成.
    pub totals: Vec<Option<Decimal>>,
    pub grades: Vec<Option<String>>,
    pub rows: Vec<YoyRow>,
}

impl Department {
    /// The table of a department's years.
    pub fn of(dept: Dept, mut cards: Vec<YearCard>) -> Department {
        cards.sort_by_key(|c| c.year);
        // Rows in the latest year's order; an indicator only earlier years had goes right
        // after the row before it in that year, so it stays beside its siblings.
        let mut order: Vec<String> = Vec::new();
        for c in cards.iter().rev() {
            let keys: Vec<String> = c.nodes.iter().map(|(k, _, _)| k.clone()).collect();
            merge_order(&mut order, &keys);
        }
        let mut rows: Vec<YoyRow> = Vec::with_capacity(order.len());
        let mut index: HashMap<&str, usize> = HashMap::new();
        for (i, k) in order.iter().enumerate() {
            index.insert(k.as_str(), i);
            rows.push(YoyRow {
                names: Vec::new(),
                scores: vec![None; cards.len()],
            });
        }
        for (y, c) in cards.iter().enumerate() {
            for (k, names, score) in &c.nodes {
                if let Some(&i) = index.get(k.as_str()) {
                    rows[i].names.clone_from(names);
                    rows[i].scores[y] = Some(score.clone());
                }
            }
        }
        Department {
            dept,
            name: cards.last().map(|c| c.name.clone()).unwrap_or_default(),
            years: cards.iter().map(|c| c.year).collect(),
            names: cards.iter().map(|c| c.name.clone()).collect(),
            totals: cards.iter().map(|c| c.total).collect(),
            grades: cards.iter().map(|c| c.grade.clone()).collect(),
            rows,
        }
    }

    /// The deepest row's number of names (3 for 一级 / 二级 / 三级).
    pub fn depth(&self) -> usize {
        self.rows.iter().map(|r| r.names.len()).max().unwrap_or(1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn card(year: u16, nodes: &[(&[&str], Option<i64>)]) -> YearCard {
        YearCard {
            year,
            name: format!("名称{year}"),
            total: None,
            grade: None,
            nodes: nodes
                .iter()
                .map(|(names, s)| {
                    let names: Vec<String> = names.iter().map(|n| n.to_string()).collect();
                    (
                        format!("{}\u{1f}1", names.join("\u{1f}")),
                        names,
                        s.map_or(YearScore::Incomplete, |v| {
                            YearScore::Score(Decimal::new(v, 2))
                        }),
                    )
                })
                .collect(),
        }
    }

    #[test]
    fn rows_follow_the_latest_year_and_keep_older_ones_beside_their_siblings() {
        let old = card(
            2022,
            &[
                (&["甲"], Some(1000)),
                (&["甲", "旧指标"], Some(400)),
                (&["甲", "共有"], Some(600)),
            ],
        );
        let new = card(
            2023,
            &[
                (&["甲"], Some(1100)),
                (&["甲", "共有"], Some(700)),
                (&["甲", "新指标"], None),
            ],
        );
        // Given newest first, the result is the same.
        let d = Department::of(Dept::parse("x").unwrap(), vec![new, old]);
        assert_eq!(d.years, vec![2022, 2023]);
        assert_eq!(d.name, "名称2023");
        let names: Vec<String> = d.rows.iter().map(|r| r.names.join("/")).collect();
        assert_eq!(names, vec!["甲", "甲/旧指标", "甲/共有", "甲/新指标"]);
        assert_eq!(
            d.rows[1].scores,
            vec![Some(YearScore::Score(Decimal::new(400, 2))), None]
        );
        assert_eq!(
            d.rows[2].scores,
            vec![
                Some(YearScore::Score(Decimal::new(600, 2))),
                Some(YearScore::Score(Decimal::new(700, 2)))
            ]
        );
        assert_eq!(d.rows[3].scores, vec![None, Some(YearScore::Incomplete)]);
        assert_eq!(d.depth(), 2);
    }
}
