//! The summary as Markdown: a heading and a GitHub table per sheet, the same cells as the
//! .xlsx.

use super::{Summary, sheets};
use crate::text::summary as t;

/// Text safe in a table cell: Markdown's marks escaped, line breaks as `<br>`.
fn cell(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '*' | '_' | '`' | '\\' | '[' | ']' | '<' | '>' | '#' | '|' => {
                out.push('\\');
                out.push(ch);
            }
            '\n' => out.push_str("<br>"),
            _ => out.push(ch),
        }
    }
    out
}

fn line(cells: impl IntoIterator<Item = String>) -> String {
    let mut o = String::from("|");
    for c in cells {
        o.push(' ');
        o.push_str(&c);
        o.push_str(" |");
    }
    o.push('\n');
    o
}

/// Renders the summary as Markdown text.
pub fn render(s: &Summary) -> String {
    let mut o = format!("# {}\n\n", t::title(s.year));
    if s.tables.is_empty() {
        o.push_str(t::NO_RECORDS);
        o.push_str("\n\n");
    }
    for sheet in sheets(s) {
        o.push_str(&format!("## {}\n\n", cell(&sheet.title)));
        o.push_str(&line(sheet.header.iter().map(|h| cell(h))));
        o.push_str(&line(sheet.header.iter().map(|_| "---".to_string())));
        for r in &sheet.rows {
            o.push_str(&line(r.iter().map(|c| cell(&c.display()))));
        }
        o.push('\n');
    }
    while o.ends_with("\n\n") {
        o.pop();
    }
    o
}
