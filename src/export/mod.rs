//! Report export: the finished 部门整体绩效评价报告 as Word (.docx) or Markdown.
//!
//! The report is built once from an [`Evaluation`] into a neutral document model ([`Report`]:
//! headings, paragraphs, tables) and then rendered; both formats therefore carry the same
//! words and the same figures. Every figure in a generated part comes from the record and the
//! scoring engine; narratives are the evaluator's text, printed as written.

mod annex;
mod build;
pub mod docx;
pub mod markdown;
mod package;

use crate::error::Result;
use crate::repo::Evaluation;

pub use build::build;

/// The output format of `jixiao export`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Word, Office Open XML.
    Docx,
    /// Markdown (GitHub tables).
    Markdown,
}

impl Format {
    /// The file extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Docx => "docx",
            Format::Markdown => "md",
        }
    }
}

/// The cover page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cover {
    /// 部门名称.
    pub department: String,
    /// `2023 年度部门整体绩效评价报告`.
    pub title: String,
    /// 评价单位.
    pub evaluator: String,
    /// 报告日期 as the record writes it (`2024年5月`).
    pub date: String,
    /// Exported with `--force` over errors: the cover says 草稿.
    pub draft: bool,
}

/// A run of text in a paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    pub text: String,
    pub bold: bool,
}

/// How a table cell joins the cell above it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Merge {
    /// A cell of its own.
    #[default]
    None,
    /// The first cell of a vertical merge (the cells below continue it).
    Restart,
    /// Continues the cell above; its text is empty.
    Continue,
    /// Continues the cell above in looks only: an empty cell of its own with no border between
    /// them. For long text (the 附件's 指标解释 over several rows): a real merge spanning a
    /// page break is cut off in LibreOffice, while a row of its own grows to fit its text.
    Open,
}

/// One table cell, spanning `span` grid columns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    pub text: String,
    pub span: usize,
    pub merge: Merge,
}

impl Cell {
    /// A plain one-column cell.
    pub fn new(text: impl Into<String>) -> Cell {
        Cell {
            text: text.into(),
            span: 1,
            merge: Merge::None,
        }
    }

    /// A cell over `span` grid columns.
    pub fn spanning(text: impl Into<String>, span: usize) -> Cell {
        Cell {
            span: span.max(1),
            ..Cell::new(text)
        }
    }

    /// An empty cell that continues the one above in looks only (see [`Merge::Open`]).
    pub fn open_below(span: usize) -> Cell {
        Cell {
            merge: Merge::Open,
            ..Cell::below(span)
        }
    }

    /// A cell continuing the one above (vertical merge), `span` columns wide.
    pub fn below(span: usize) -> Cell {
        Cell {
            text: String::new(),
            span: span.max(1),
            merge: Merge::Continue,
        }
    }
}

/// A table: an optional title row over all columns, `header` header rows, then the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    /// Spanning first row (the 附件's `一、当年预算执行情况（20分）`).
    pub title: Option<String>,
    /// Relative column widths; their count is the grid's column count.
    pub widths: Vec<u32>,
    /// How many of `rows` are header rows (bold, repeated on each page).
    pub header: usize,
    pub rows: Vec<Vec<Cell>>,
    /// Small print (the 附件's long 评分标准 columns).
    pub small: bool,
}

impl Table {
    /// Marks the first cell of every vertical merge as [`Merge::Restart`].
    pub fn mark_merges(&mut self) {
        let grid = |row: &[Cell]| -> Vec<(usize, usize)> {
            let mut at = 0;
            row.iter()
                .enumerate()
                .map(|(i, c)| {
                    let start = at;
                    at += c.span;
                    (start, i)
                })
                .collect()
        };
        for r in 1..self.rows.len() {
            let below: Vec<(usize, usize)> = grid(&self.rows[r]);
            let above: Vec<(usize, usize)> = grid(&self.rows[r - 1]);
            for (start, i) in below {
                if self.rows[r][i].merge != Merge::Continue {
                    continue;
                }
                if let Some(&(_, j)) = above.iter().find(|(s, _)| *s == start)
                    && self.rows[r - 1][j].merge == Merge::None
                {
                    self.rows[r - 1][j].merge = Merge::Restart;
                }
            }
        }
    }
}

/// A block of the report body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// 1 = `一、部门概况`, 2 = `（一）…`, 3 = `1.社会效益`.
    Heading {
        level: u8,
        text: String,
    },
    /// A body paragraph, first line indented two characters.
    Paragraph(Vec<Span>),
    /// A table's caption (`表 1：部门整体绩效目标`), centred above it.
    Caption(String),
    Table(Table),
    /// A note in small print under a table.
    Note(String),
    /// The report's title at the top of the body (centred, large).
    Title(String),
    /// Where Word puts its table of contents.
    Contents,
    /// Ends the front matter (cover, contents): the body's pages are numbered from 1.
    FrontMatterEnd,
    /// Starts the 附件 on a new, landscape page.
    AnnexStart,
    /// A line set flush left without indent (`附件`, `附件：…`).
    Label(String),
}

impl Block {
    /// A paragraph of one plain run.
    pub fn text(s: impl Into<String>) -> Block {
        Block::Paragraph(vec![Span {
            text: s.into(),
            bold: false,
        }])
    }
}

/// The whole report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    pub cover: Cover,
    pub blocks: Vec<Block>,
}

impl Report {
    /// The headings, in order, as `(level, text)`.
    pub fn headings(&self) -> Vec<(u8, &str)> {
        self.blocks
            .iter()
            .filter_map(|b| match b {
                Block::Heading { level, text } => Some((*level, text.as_str())),
                _ => None,
            })
            .collect()
    }
}

/// Builds the report of `e` and renders it; `draft` puts 草稿 on the cover.
pub fn render(e: &Evaluation, format: Format, draft: bool) -> Result<Vec<u8>> {
    let mut report = build(e);
    report.cover.draft = draft;
    match format {
        Format::Markdown => Ok(markdown::render(&report).into_bytes()),
        Format::Docx => docx::render(&report),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merges_start_above_their_continuations_on_the_same_grid_column() {
        let mut t = Table {
            title: None,
            widths: vec![1, 1, 1],
            header: 1,
            rows: vec![
                vec![Cell::new("一级"), Cell::new("二级"), Cell::new("得分")],
                vec![Cell::new("A"), Cell::spanning("B", 2)],
                vec![Cell::below(1), Cell::new("C"), Cell::new("1.00")],
                vec![Cell::below(1), Cell::new("D"), Cell::below(1)],
            ],
            small: false,
        };
        t.mark_merges();
        let merges: Vec<Vec<Merge>> = t
            .rows
            .iter()
            .map(|r| r.iter().map(|c| c.merge).collect())
            .collect();
        assert_eq!(
            merges,
            vec![
                vec![Merge::None, Merge::None, Merge::None],
                vec![Merge::Restart, Merge::None],
                vec![Merge::Continue, Merge::None, Merge::Restart],
                vec![Merge::Continue, Merge::None, Merge::Continue],
            ]
        );
    }
}
