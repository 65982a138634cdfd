//! The report as Markdown: headings as `#`, tables as GitHub tables (merged cells are left
//! empty below their first row, spanning cells fill their first column).

use super::{Block, Merge, Report, Table};
use crate::text::export as words;

/// Renders the report as Markdown text.
pub fn render(r: &Report) -> String {
    let mut o = String::new();
    let c = &r.cover;
    if c.draft {
        o.push_str(words::MARKDOWN_DRAFT);
    }
    o.push_str(&format!("# {}\n\n", c.department));
    o.push_str(&format!("**{}**\n\n", c.title));
    for line in [&c.evaluator, &c.date] {
        if !line.trim().is_empty() {
            o.push_str(&format!("{}\n\n", line.trim()));
        }
    }
    for b in &r.blocks {
        block(&mut o, r, b);
    }
    while o.ends_with("\n\n") {
        o.pop();
    }
    o
}

fn block(o: &mut String, r: &Report, b: &Block) {
    match b {
        Block::Contents => {
            o.push_str(&format!("## {}\n\n", words::CONTENTS));
            for (level, text) in r.headings() {
                if level <= 2 {
                    let indent = "  ".repeat(usize::from(level) - 1);
                    o.push_str(&format!("{indent}- {text}\n"));
                }
            }
            o.push('\n');
        }
        Block::FrontMatterEnd => o.push_str("---\n\n"),
        Block::AnnexStart => o.push_str("---\n\n"),
        Block::Title(t) => o.push_str(&format!("# {}\n\n", t.replace('\n', ""))),
        Block::Heading { level, text } => {
            o.push_str(&format!(
                "{} {text}\n\n",
                "#".repeat(usize::from(*level) + 1)
            ));
        }
        Block::Paragraph(spans) => {
            for s in spans {
                if s.bold {
                    o.push_str(&format!("**{}**", escape(&s.text)));
                } else {
                    o.push_str(&escape(&s.text));
                }
            }
            o.push_str("\n\n");
        }
        Block::Caption(t) => o.push_str(&format!("**{}**\n\n", escape(t))),
        Block::Label(t) => o.push_str(&format!("{}\n\n", escape(t))),
        Block::Note(t) => o.push_str(&format!("*{}*\n\n", escape(t))),
        Block::Table(t) => table(o, t),
    }
}

/// Escapes what Markdown would read as markup in running text.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        if matches!(
            ch,
            '*' | '_' | '`' | '\\' | '[' | ']' | '<' | '>' | '#' | '|'
        ) {
            out.push('\\');
        }
        out.push(ch);
    }
    out
}

fn cell_text(s: &str) -> String {
    escape(s).replace('\n', "<br>")
}

fn table(o: &mut String, t: &Table) {
    if let Some(title) = &t.title {
        o.push_str(&format!("**{}**\n\n", escape(title)));
    }
    let cols = t.widths.len();
    for (i, row) in t.rows.iter().enumerate() {
        let mut line = String::from("|");
        for c in row {
            let text = if c.merge == Merge::Continue {
                String::new()
            } else {
                cell_text(&c.text)
            };
            line.push_str(&format!(" {text} |"));
            for _ in 1..c.span {
                line.push_str("  |");
            }
        }
        o.push_str(&line);
        o.push('\n');
        if i == 0 {
            o.push('|');
            o.push_str(&" --- |".repeat(cols));
            o.push('\n');
        }
    }
    o.push('\n');
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::{Cell, Cover, Span};

    #[test]
    fn tables_flatten_spans_and_merges_and_escape_markup() {
        let mut t = Table {
            title: Some("一、当年预算执行情况（20分）".into()),
            widths: vec![1, 1, 1],
            header: 1,
            rows: vec![
                vec![Cell::new("指标"), Cell::spanning("说明", 2)],
                vec![
                    Cell::new("资金总体"),
                    Cell::new("a|b\nc"),
                    Cell::new("3.50*"),
                ],
                vec![Cell::below(1), Cell::new("x"), Cell::new("y")],
            ],
            small: true,
        };
        t.mark_merges();
        let r = Report {
            cover: Cover {
                department: "某局".into(),
                title: "2023 年度部门整体绩效评价报告".into(),
                evaluator: String::new(),
                date: String::new(),
                draft: false,
            },
            blocks: vec![
                Block::Table(t),
                Block::Paragraph(vec![
                    Span {
                        text: "问题".into(),
                        bold: true,
                    },
                    Span {
                        text: "，原因_1".into(),
                        bold: false,
                    },
                ]),
            ],
        };
        let md = render(&r);
        assert!(md.contains(
            "**一、当年预算执行情况（20分）**\n\n| 指标 | 说明 |  |\n| --- | --- | --- |\n| 资金总体 | a\\|b<br>c | 3.50\\* |\n|  | x | y |\n"
        ));
        assert!(md.ends_with("**问题**，原因\\_1\n"));
    }
}
