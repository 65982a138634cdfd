//! The report as Markdown: headings as `#`, tables as GitHub tables (merged cells are left
//! empty below their first row, spanning cells fill their first column).

use super::{Block, Merge, Report, Table};

/// Renders the report as Markdown text.
pub fn render(r: &Report) -> String {
    let mut o = String::new();
    let c = &r.cover;
    if c.draft {
        o.push_str("> **草稿**：本报告在检查发现错误的情况下强制导出，不得作为正式报告使用。\n\n");
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
            o.push_str("## 目录\n\n");
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
