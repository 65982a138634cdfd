//! The grade distribution: how many department-years got each grade, per year and in all,
//! with those still 未完成 and those that could not be read counted apart (a record being
//! filled in has no grade, and counting it as 差 would misreport the department).

use crate::text::summary as t;

/// Where a department-year stands in the distribution.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Standing {
    /// Complete, with this grade.
    Graded(String),
    /// Inputs still missing: no total, no grade.
    Incomplete,
    /// The record or its rubric could not be read.
    Unreadable,
}

impl Standing {
    /// A readable record's standing: graded when it has a grade, else 未完成.
    pub fn of(grade: Option<&str>) -> Standing {
        match grade {
            Some(g) => Standing::Graded(g.to_string()),
            None => Standing::Incomplete,
        }
    }
}

/// The counts of one year, or of all years.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DistributionRow {
    /// `None` for the row of all years.
    pub year: Option<u16>,
    /// One count per grade of [`Distribution::grades`], in its order.
    pub counts: Vec<usize>,
    pub incomplete: usize,
    pub unreadable: usize,
}

impl DistributionRow {
    /// Every department-year counted.
    pub fn total(&self) -> usize {
        self.counts.iter().sum::<usize>() + self.incomplete + self.unreadable
    }
}

/// The grade distribution.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Distribution {
    /// The grade names, highest first, as the rubrics order their bands (several rubrics'
    /// bands merged, keeping each one's order).
    pub grades: Vec<String>,
    /// Per year, oldest first.
    pub years: Vec<DistributionRow>,
    /// All years together.
    pub all: DistributionRow,
}

/// Inserts `names` into `order`, keeping the order of both: a name not seen yet goes right
/// after the name before it in `names`.
pub(super) fn merge_order(order: &mut Vec<String>, names: &[String]) {
    let mut at = 0;
    for n in names {
        match order.iter().position(|o| o == n) {
            Some(i) => at = i + 1,
            None => {
                order.insert(at, n.clone());
                at += 1;
            }
        }
    }
}

impl Distribution {
    /// Counts `(year, the rubric's grade names highest first, standing)` of every
    /// department-year.
    pub fn of<'a>(entries: impl IntoIterator<Item = (u16, &'a [String], &'a Standing)>) -> Self {
        let entries: Vec<_> = entries.into_iter().collect();
        let mut grades: Vec<String> = Vec::new();
        for (_, bands, standing) in &entries {
            merge_order(&mut grades, bands);
            // A grade outside the rubric's bands cannot come from scoring; kept, never lost.
            if let Standing::Graded(g) = standing
                && !grades.contains(g)
            {
                grades.push(g.clone());
            }
        }
        let empty = |year| DistributionRow {
            year,
            counts: vec![0; grades.len()],
            incomplete: 0,
            unreadable: 0,
        };
        let mut years: Vec<DistributionRow> = Vec::new();
        let mut all = empty(None);
        for (year, _, standing) in &entries {
            let i = match years.iter().position(|r| r.year == Some(*year)) {
                Some(i) => i,
                None => {
                    years.push(empty(Some(*year)));
                    years.len() - 1
                }
            };
            for row in [&mut years[i], &mut all] {
                match standing {
                    Standing::Graded(g) => {
                        if let Some(k) = grades.iter().position(|x| x == g) {
                            row.counts[k] += 1;
                        }
                    }
                    Standing::Incomplete => row.incomplete += 1,
                    Standing::Unreadable => row.unreadable += 1,
                }
            }
        }
        years.sort_by_key(|r| r.year);
        Distribution { grades, years, all }
    }

    /// One line for the home screen: `等级分布：优 3  良 1  中 0  差 0  未完成 2`
    /// (`无法读取 n` only when there are such records); empty when nothing is counted.
    pub fn line(&self) -> String {
        let r = &self.all;
        if r.total() == 0 {
            return String::new();
        }
        let mut parts: Vec<String> = self
            .grades
            .iter()
            .zip(&r.counts)
            .map(|(g, n)| t::count(g, *n))
            .collect();
        parts.push(t::count(t::UNFINISHED, r.incomplete));
        if r.unreadable > 0 {
            parts.push(t::count(t::UNREADABLE, r.unreadable));
        }
        t::distribution_line(&parts)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: &[&str]) -> Vec<String> {
        v.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn counts_per_year_and_in_all_with_incomplete_and_unreadable_apart() {
        let four = s(&["优", "良", "中", "差"]);
        // Another rubric with a band of its own between 良 and 中.
        let five = s(&["优", "良", "较好", "中", "差"]);
        let entries = [
            (2023, four.clone(), Standing::Graded("优".into())),
            (2023, four.clone(), Standing::Graded("良".into())),
            (2024, five.clone(), Standing::Graded("较好".into())),
            (2024, four.clone(), Standing::Incomplete),
            (2024, Vec::new(), Standing::Unreadable),
            (2023, four.clone(), Standing::Graded("优".into())),
        ];
        let d = Distribution::of(entries.iter().map(|(y, b, st)| (*y, b.as_slice(), st)));
        assert_eq!(d.grades, s(&["优", "良", "较好", "中", "差"]));
        assert_eq!(d.years.len(), 2);
        assert_eq!(d.years[0].year, Some(2023));
        assert_eq!(d.years[0].counts, vec![2, 1, 0, 0, 0]);
        assert_eq!(d.years[1].counts, vec![0, 0, 1, 0, 0]);
        assert_eq!((d.years[1].incomplete, d.years[1].unreadable), (1, 1));
        assert_eq!(d.all.counts, vec![2, 1, 1, 0, 0]);
        assert_eq!(d.all.total(), 6);
        assert_eq!(
            d.line(),
            "等级分布：优 2  良 1  较好 1  中 0  差 0  未完成 1  无法读取 1"
        );
    }

    #[test]
    fn nothing_counted_gives_no_line() {
        let d = Distribution::of(std::iter::empty());
        assert!(d.grades.is_empty() && d.years.is_empty());
        assert_eq!(d.line(), "");
    }
}
