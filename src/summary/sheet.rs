//! The summary laid out as tables (one per worksheet of the .xlsx, one per section of the
//! Markdown): both outputs write these same cells, so they cannot disagree.

use super::{Summary, YearScore};
use crate::num;
use crate::text::printers::SUM;
use crate::text::store::TOTAL;
use crate::text::summary::{self as t, UNFINISHED};
use rust_decimal::Decimal;

/// One cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cell {
    Empty,
    Text(String),
    /// A score: a number with two decimals.
    Score(Decimal),
    /// A rate in percent (90.62), shown with `decimals` decimals and `%`.
    Percent(Decimal, u32),
    /// A count of records.
    Count(usize),
}

impl Cell {
    /// The cell as a person reads it (`95.97`, `90.62%`, `3`).
    pub fn display(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(t) => t.clone(),
            Cell::Score(d) => num::fixed2(*d),
            Cell::Percent(p, dp) => format!(
                "{:.*}%",
                *dp as usize,
                p.round_dp_with_strategy(*dp, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
            ),
            Cell::Count(n) => n.to_string(),
        }
    }

    fn text(s: impl Into<String>) -> Cell {
        let s = s.into();
        if s.is_empty() {
            Cell::Empty
        } else {
            Cell::Text(s)
        }
    }

    fn score_or_unfinished(d: Option<Decimal>) -> Cell {
        d.map_or_else(|| Cell::text(UNFINISHED), Cell::Score)
    }
}

/// One table: a worksheet of the .xlsx, a section of the Markdown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sheet {
    /// The worksheet's tab name (at most 31 characters, unique).
    pub name: String,
    /// The heading of the section.
    pub title: String,
    pub header: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

/// Excel's limit on a worksheet name.
const SHEET_NAME_MAX: usize = 31;

/// `base` cut to what a worksheet name may hold and made unique among `used` (Excel compares
/// names without case). Department and rubric ids hold none of the characters Excel refuses.
fn sheet_name(base: &str, used: &mut Vec<String>) -> String {
    let cut = |s: &str, n: usize| s.chars().take(n).collect::<String>();
    let mut name = cut(base, SHEET_NAME_MAX);
    let mut k = 2;
    while used.iter().any(|u| u.eq_ignore_ascii_case(&name)) {
        let suffix = format!("~{k}");
        name = format!(
            "{}{suffix}",
            cut(base, SHEET_NAME_MAX - suffix.chars().count())
        );
        k += 1;
    }
    used.push(name.clone());
    name
}

/// Every table of the summary, in order: the rows per rubric, the grade distribution, each
/// department's years, and the records that could not be read (only when there are some).
pub fn sheets(s: &Summary) -> Vec<Sheet> {
    let mut used = Vec::new();
    let mut out = Vec::new();
    for table in &s.tables {
        let mut header: Vec<String> = t::RECORD_HEAD.map(String::from).to_vec();
        for g in &table.groups {
            header.push(t::group_score(g));
            header.push(t::group_rate(g));
        }
        header.extend(t::RECORD_TAIL.map(String::from));
        let rows = table
            .rows
            .iter()
            .map(|r| {
                let mut cells = vec![
                    Cell::text(r.dept.as_str()),
                    Cell::Count(usize::from(r.year)),
                    Cell::text(r.name.clone()),
                    Cell::score_or_unfinished(r.total),
                    Cell::text(r.grade.clone().unwrap_or_default()),
                ];
                for g in &r.groups {
                    cells.push(Cell::score_or_unfinished(g.score));
                    cells.push(g.rate.map_or(Cell::Empty, |p| Cell::Percent(p, 2)));
                }
                cells.push(
                    r.execution
                        .map_or(Cell::Empty, |p| Cell::Percent(p, r.execution_decimals)),
                );
                cells.push(Cell::text(r.status));
                cells.push(Cell::text(r.evaluator.clone()));
                let (who, when) = r
                    .last_save
                    .as_ref()
                    .map(|l| (l.author.clone(), l.time.local.clone()))
                    .unwrap_or_default();
                cells.push(Cell::text(who));
                cells.push(Cell::text(when));
                cells
            })
            .collect();
        let rate = table
            .execution_rate
            .as_deref()
            .map(t::execution_rate)
            .unwrap_or_else(|| t::NO_EXECUTION_RATE.into());
        out.push(Sheet {
            name: sheet_name(&t::rubric_sheet(&table.rubric), &mut used),
            title: t::rubric_title(s.year, &table.title, &table.rubric, &rate),
            header,
            rows,
        });
    }
    out.push(distribution_sheet(s, &mut used));
    for d in &s.departments {
        let depth = d.depth();
        let mut header: Vec<String> = (0..depth).map(t::level_head).collect();
        header.extend(d.years.iter().map(|y| t::year_head(*y)));
        let lead = |label: &str| {
            let mut v = vec![Cell::text(label)];
            v.resize(depth, Cell::Empty);
            v
        };
        let mut rows = Vec::new();
        let mut names = lead(t::DEPT_NAME);
        names.extend(d.names.iter().map(|n| Cell::text(n.clone())));
        rows.push(names);
        let mut totals = lead(TOTAL);
        totals.extend(d.totals.iter().map(|t| Cell::score_or_unfinished(*t)));
        rows.push(totals);
        let mut grades = lead(t::GRADE);
        grades.extend(
            d.grades
                .iter()
                .map(|g| Cell::text(g.clone().unwrap_or_default())),
        );
        rows.push(grades);
        for r in &d.rows {
            // Each name in its level's column, the deepest one last.
            let mut cells: Vec<Cell> = r.names.iter().map(|n| Cell::text(n.clone())).collect();
            cells.resize(depth, Cell::Empty);
            cells.extend(r.scores.iter().map(|s| match s {
                None => Cell::Empty,
                Some(YearScore::Score(v)) => Cell::Score(*v),
                Some(YearScore::Incomplete) => Cell::text(UNFINISHED),
                Some(YearScore::NotApplicable) => Cell::text(t::NOT_APPLICABLE),
            }));
            rows.push(cells);
        }
        out.push(Sheet {
            name: sheet_name(&t::department_sheet(&d.dept), &mut used),
            title: t::department_title(&d.name, &d.dept),
            header,
            rows,
        });
    }
    if !s.unreadable.is_empty() {
        out.push(Sheet {
            name: sheet_name(t::UNREADABLE, &mut used),
            title: t::UNREADABLE_TITLE.into(),
            header: t::UNREADABLE_HEAD.map(String::from).to_vec(),
            rows: s
                .unreadable
                .iter()
                .map(|u| vec![Cell::text(u.record.clone()), Cell::text(u.error.clone())])
                .collect(),
        });
    }
    out
}

fn distribution_sheet(s: &Summary, used: &mut Vec<String>) -> Sheet {
    let d = &s.distribution;
    let unreadable = d.all.unreadable > 0;
    let mut header = vec![t::YEAR.to_string()];
    header.extend(d.grades.iter().cloned());
    header.push(UNFINISHED.into());
    if unreadable {
        header.push(t::UNREADABLE.into());
    }
    header.push(SUM.into());
    let rows = d
        .years
        .iter()
        .chain(std::iter::once(&d.all))
        .map(|r| {
            let mut cells = vec![match r.year {
                Some(y) => Cell::Count(usize::from(y)),
                None => Cell::text(SUM),
            }];
            cells.extend(r.counts.iter().map(|n| Cell::Count(*n)));
            cells.push(Cell::Count(r.incomplete));
            if unreadable {
                cells.push(Cell::Count(r.unreadable));
            }
            cells.push(Cell::Count(r.total()));
            cells
        })
        .collect();
    Sheet {
        name: sheet_name(t::DISTRIBUTION, used),
        title: t::distribution_title(s.year),
        header,
        rows,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sheet_names_are_cut_to_31_characters_and_unique() {
        let mut used = vec!["汇总-a".to_string()];
        let long = format!("同比-{}", "x".repeat(40));
        let a = sheet_name(&long, &mut used);
        let b = sheet_name(&long, &mut used);
        assert_eq!(a.chars().count(), 31);
        assert_eq!(b.chars().count(), 31);
        assert!(b.ends_with("~2"), "{b}");
        assert_ne!(a, b);
        assert_eq!(sheet_name("汇总-A", &mut used), "汇总-A~2");
    }

    #[test]
    fn cells_display_as_the_report_prints() {
        assert_eq!(Cell::Score(Decimal::new(9597, 2)).display(), "95.97");
        assert_eq!(Cell::Score(Decimal::new(30, 0)).display(), "30.00");
        assert_eq!(Cell::Percent(Decimal::new(906, 1), 2).display(), "90.60%");
        assert_eq!(Cell::Percent(Decimal::new(90625, 3), 2).display(), "90.63%");
        assert_eq!(Cell::Count(3).display(), "3");
        assert_eq!(Cell::score_or_unfinished(None).display(), "未完成");
    }
}
