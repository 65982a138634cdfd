//! Helpers shared by the integration tests: the seed files, small rubrics written inline, and
//! a reader of the .docx package that turns word/document.xml back into paragraphs and tables.
#![allow(dead_code)]

pub mod offices;
pub mod serve;
pub mod sshd;
pub mod team;
pub mod tmux;
pub mod tui;

use jixiao::check;
use jixiao::finding::Finding;
use jixiao::record::Record;
use jixiao::record::doc;
use jixiao::repo::{Dept, EXAMPLE, Repo};
use jixiao::rubric::Rubric;
use jixiao::score::{self, Scorecard};
use quick_xml::events::Event;
use quick_xml::{Reader, XmlVersion};
use rust_decimal::Decimal;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::str::FromStr;

/// The crate's folder (the repository root holding `rubrics/` and `records/`).
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The seed rubric's text.
pub fn seed_rubric_text() -> String {
    std::fs::read_to_string(root().join("rubrics/beijing-department-2023.toml")).unwrap()
}

/// The seed record's text.
pub fn seed_record_text() -> String {
    std::fs::read_to_string(root().join("records/bj-traffic/2023.toml")).unwrap()
}

/// The seed rubric, parsed.
pub fn seed_rubric() -> Rubric {
    Rubric::parse(
        Path::new("beijing-department-2023.toml"),
        &seed_rubric_text(),
    )
    .unwrap()
}

/// Parses a record text, panicking with the error (tests only).
pub fn record(text: &str) -> Record {
    match Record::parse(Path::new("r.toml"), text) {
        Ok(r) => r,
        Err(e) => panic!("record does not parse: {e}\n{text}"),
    }
}

/// Parses a rubric text, panicking with the error (tests only).
pub fn rubric(text: &str) -> Rubric {
    match Rubric::parse(Path::new("t.toml"), text) {
        Ok(r) => r,
        Err(e) => panic!("rubric does not parse: {e}\n{text}"),
    }
}

/// Parses a record text under a rubric's catalogue, panicking with the error (tests only).
pub fn record_for(rubric: &Rubric, text: &str) -> Record {
    match Record::parse_for(Path::new("r.toml"), text, &rubric.catalogue) {
        Ok(r) => r,
        Err(e) => panic!("record does not parse: {e}\n{text}"),
    }
}

/// Scores and checks a record text against a rubric.
pub fn evaluate(rubric: &Rubric, record_text: &str) -> (Scorecard, Vec<Finding>) {
    let rec = record_for(rubric, record_text);
    let card = score::score(rubric, &rec);
    let findings = check::check(rubric, &rec, &card, Some(2023));
    (card, findings)
}

/// A decimal from text.
pub fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

/// The seed record with `from` replaced by `to` (exactly once).
pub fn seed_with(from: &str, to: &str) -> String {
    let text = seed_record_text();
    assert_eq!(
        text.matches(from).count(),
        1,
        "`{from}` must occur once in the seed"
    );
    text.replacen(from, to, 1)
}

/// A fresh evaluation repository with the bundled seed record at `records/bj-traffic/2023.toml`.
pub fn seed_repo(dir: &Path) -> Repo {
    seed_repo_with(dir, EXAMPLE.2)
}

/// A fresh evaluation repository whose `bj-traffic/2023` record has the text `record`.
pub fn seed_repo_with(dir: &Path, record: &str) -> Repo {
    let repo = jixiao::store::init_repo(dir).expect("init repository");
    let dept = Dept::parse(EXAMPLE.0).expect("dept");
    std::fs::create_dir_all(dir.join("records/bj-traffic")).expect("records dir");
    std::fs::write(repo.record_path(&dept, EXAMPLE.1), record).expect("write record");
    repo
}

/// The seed with these fields emptied.
pub fn seed_without(fields: &[&str]) -> String {
    let path = std::path::Path::new("2023.toml");
    let mut d = doc::parse(path, EXAMPLE.2).unwrap();
    for f in fields {
        doc::set(&mut d, f, doc::text_value("")).unwrap();
    }
    d.to_string()
}

/// One block of the document body as read back from the package.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    /// A paragraph with its style id (empty when none) and its visible text.
    Para { style: String, text: String },
    /// A table: rows of cell texts.
    Table(Vec<Vec<String>>),
}

/// A part of the .docx package as text.
pub fn part(docx: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).expect("a zip package");
    let mut s = String::new();
    zip.by_name(name)
        .unwrap_or_else(|_| panic!("{name} is in the package"))
        .read_to_string(&mut s)
        .expect("utf-8 part");
    s
}

fn entity(name: &str) -> String {
    match name {
        "amp" => "&".into(),
        "lt" => "<".into(),
        "gt" => ">".into(),
        "quot" => "\"".into(),
        "apos" => "'".into(),
        n => n
            .strip_prefix("#x")
            .and_then(|h| u32::from_str_radix(h, 16).ok())
            .or_else(|| n.strip_prefix('#').and_then(|d| d.parse().ok()))
            .and_then(char::from_u32)
            .map(String::from)
            .unwrap_or_default(),
    }
}

/// Reads word/document.xml into the body's paragraphs and tables, in order. Text is what
/// `w:t` elements hold (field codes are left out); a `w:br` in a cell or paragraph is `\n`.
pub fn body(docx: &[u8]) -> Vec<Item> {
    let xml = part(docx, "word/document.xml");
    let mut r = Reader::from_str(&xml);
    let mut items = Vec::new();
    let mut table: Option<Vec<Vec<String>>> = None;
    let mut depth_tbl = 0;
    let (mut style, mut text) = (String::new(), String::new());
    let mut in_t = false;
    let mut cell: Option<String> = None;
    loop {
        let ev = r.read_event().expect("well-formed document.xml");
        match ev {
            Event::Start(ref e) | Event::Empty(ref e) => {
                let empty = matches!(ev, Event::Empty(_));
                match e.name().as_ref() {
                    b"w:tbl" if !empty => {
                        depth_tbl += 1;
                        table = Some(Vec::new());
                    }
                    b"w:tr" if !empty => {
                        if let Some(t) = table.as_mut() {
                            t.push(Vec::new());
                        }
                    }
                    b"w:tc" if !empty => cell = Some(String::new()),
                    b"w:p" => {
                        style.clear();
                        text.clear();
                        if empty && depth_tbl == 0 {
                            items.push(Item::Para {
                                style: String::new(),
                                text: String::new(),
                            });
                        }
                    }
                    b"w:pStyle" => {
                        if let Ok(Some(a)) = e.try_get_attribute("w:val") {
                            style = a
                                .decoded_and_normalized_value(XmlVersion::Implicit1_0, r.decoder())
                                .expect("attribute")
                                .into_owned();
                        }
                    }
                    b"w:t" if !empty => in_t = true,
                    b"w:br" => text.push('\n'),
                    // A run's tab has no attributes; a tab stop (in w:tabs) has some.
                    b"w:tab" if empty && e.attributes().next().is_none() => text.push('\t'),
                    _ => {}
                }
            }
            Event::Text(t) if in_t => text.push_str(&t.decode().expect("text")),
            Event::GeneralRef(g) if in_t => text.push_str(&entity(&g.decode().expect("ref"))),
            Event::End(e) => match e.name().as_ref() {
                b"w:t" => in_t = false,
                b"w:p" => {
                    if let Some(c) = cell.as_mut() {
                        if !c.is_empty() {
                            c.push('\n');
                        }
                        c.push_str(&text);
                    } else {
                        items.push(Item::Para {
                            style: style.clone(),
                            text: text.clone(),
                        });
                    }
                }
                b"w:tc" => {
                    if let (Some(t), Some(c)) = (table.as_mut(), cell.take())
                        && let Some(row) = t.last_mut()
                    {
                        row.push(c);
                    }
                }
                b"w:tbl" => {
                    depth_tbl -= 1;
                    if let Some(t) = table.take() {
                        items.push(Item::Table(t));
                    }
                }
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    items
}

/// The headings (paragraphs in styles Heading1–3), as `(level, text)`.
pub fn headings(items: &[Item]) -> Vec<(u8, String)> {
    items
        .iter()
        .filter_map(|i| match i {
            Item::Para { style, text } => style
                .strip_prefix("Heading")
                .and_then(|l| l.parse().ok())
                .map(|l| (l, text.clone())),
            Item::Table(_) => None,
        })
        .collect()
}

/// The tables, in order.
pub fn tables(items: &[Item]) -> Vec<&Vec<Vec<String>>> {
    items
        .iter()
        .filter_map(|i| match i {
            Item::Table(t) => Some(t),
            Item::Para { .. } => None,
        })
        .collect()
}

/// The table whose first row starts with `first`.
pub fn table_starting<'a>(items: &'a [Item], first: &str) -> &'a Vec<Vec<String>> {
    tables(items)
        .into_iter()
        .find(|t| {
            t.first()
                .and_then(|r| r.first())
                .is_some_and(|c| c == first)
        })
        .unwrap_or_else(|| panic!("a table starting with {first}"))
}

/// The row of `t` whose cells include `cell`.
pub fn row_with<'a>(t: &'a [Vec<String>], cell: &str) -> &'a Vec<String> {
    t.iter()
        .find(|r| r.iter().any(|c| c == cell))
        .unwrap_or_else(|| panic!("a row with {cell}"))
}

/// The report's headings in the outline of the seed, as `(level, text)`.
pub fn seed_outline() -> Vec<(u8, String)> {
    [
        (1, "一、部门概况"),
        (2, "（一）机构设置及职责工作任务情况"),
        (2, "（二）部门整体绩效目标设立情况"),
        (1, "二、当年预算执行情况"),
        (1, "三、整体绩效目标实现情况"),
        (2, "（一）产出完成情况分析"),
        (2, "（二）效果实现情况分析"),
        (3, "1.社会效益"),
        (3, "2.服务对象满意度"),
        (1, "四、预算管理情况"),
        (2, "（一）财务管理"),
        (3, "1.财务管理制度健全性"),
        (3, "2.资金使用合规和安全性"),
        (2, "（二）资产管理"),
        (2, "（三）绩效管理"),
        (2, "（四）结转结余率"),
        (2, "（五）部门预决算差异率"),
        (1, "五、总体评价结论"),
        (2, "（一）评价得分情况"),
        (2, "（二）存在的问题及原因分析"),
        (1, "六、措施建议"),
    ]
    .into_iter()
    .map(|(l, t)| (l, t.to_string()))
    .collect()
}
