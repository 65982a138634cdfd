//! The report as a Word document, written with the `docx-rs` crate: Word heading styles (so
//! Word builds the table of contents itself), real tables, Chinese government typography
//! (仿宋 body, 黑体 / 楷体 headings, 宋体 titles and tables), A4 pages numbered from the body.
//! [`super::package`] then compresses the package and adds the font table.

use super::{Block, Cover, Merge, Report, Span, Table};
use crate::error::{Error, Result};
use crate::text::export as t;
use docx_rs::{
    AlignmentType, BreakType, Docx, FieldCharType, Footer, InstrPAGEREF, InstrText, InstrToC,
    LineSpacing, LineSpacingType, PageMargin, PageNum, PageNumType, PageOrientationType, PageSize,
    Paragraph, Run, RunFonts, SectionProperty, SpecialIndentType, StructuredDataTag, Style,
    StyleType, Tab, TabLeaderType, TabValueType, TableCell, TableCellBorderPosition,
    TableCellMargins, TableLayoutType, TableRow, VAlignType, VMergeType, WidthType,
};

/// Fonts by role. Word substitutes a font it lacks; LibreOffice falls back to any installed
/// CJK font. Latin text and digits are set in Times New Roman.
const FANGSONG: &str = t::FANGSONG;
const HEITI: &str = t::HEITI;
const KAITI: &str = t::KAITI;
const SONGTI: &str = t::SONGTI;
const LATIN: &str = "Times New Roman";

/// Two characters of 三号 (16pt) in twips: the first-line indent of body text and headings.
const INDENT: i32 = 640;

/// Sizes in half-points: 三号 16pt, 四号 14pt, 小四 12pt, 五号 10.5pt, 小五 9pt, 二号 22pt, 一号 26pt.
const SAN_HAO: usize = 32;
const SI_HAO: usize = 28;
const XIAO_SI: usize = 24;
const WU_HAO: usize = 21;
const XIAO_WU: usize = 18;
const ER_HAO: usize = 44;
const YI_HAO: usize = 52;

/// A4 in twips, and the GB/T 9704 margins (37 / 35 / 28 / 26 mm).
const A4_W: u32 = 11906;
const A4_H: u32 = 16838;
const PORTRAIT_TEXT_W: u32 = A4_W - 1588 - 1474;
const LANDSCAPE_TEXT_W: u32 = A4_H - 2 * 1134;

/// Latin letters and digits in Times New Roman, Chinese in `east_asia`; the hint makes Word
/// set the characters both scripts share (“” ——) in the Chinese font, as Chinese text wants.
fn fonts(east_asia: &str) -> RunFonts {
    RunFonts::new()
        .hint("eastAsia")
        .ascii(LATIN)
        .hi_ansi(LATIN)
        .cs(LATIN)
        .east_asia(east_asia)
}

fn portrait() -> SectionProperty {
    SectionProperty::new()
        .page_size(
            PageSize::new()
                .size(A4_W, A4_H)
                .orient(PageOrientationType::Portrait),
        )
        .page_margin(
            PageMargin::new()
                .top(2098)
                .bottom(1984)
                .left(1588)
                .right(1474)
                .header(851)
                .footer(992),
        )
}

fn exact(line: i32) -> LineSpacing {
    LineSpacing::new()
        .line_rule(LineSpacingType::Exact)
        .line(line)
}

fn styles() -> Vec<Style> {
    let heading = |id: &str, name: &str, font: &str, level: usize| {
        Style::new(id, StyleType::Paragraph)
            .name(name)
            .fonts(fonts(font))
            .size(SAN_HAO)
            .outline_lvl(level)
            .indent(None, Some(SpecialIndentType::FirstLine(INDENT)), None, None)
            .line_spacing(exact(560))
    };
    vec![
        // docx-rs always writes an empty Normal style; body text has a style of its own.
        Style::new("BodyText", StyleType::Paragraph)
            .name("Body Text")
            .fonts(fonts(FANGSONG))
            .size(SAN_HAO)
            .align(AlignmentType::Both)
            .indent(None, Some(SpecialIndentType::FirstLine(INDENT)), None, None)
            .line_spacing(exact(560)),
        heading("Heading1", "heading 1", HEITI, 0),
        heading("Heading2", "heading 2", KAITI, 1),
        heading("Heading3", "heading 3", FANGSONG, 2).bold(),
        Style::new("TOCField", StyleType::Paragraph)
            .name("TOC Field")
            .size(2)
            .color("FFFFFF")
            .vanish()
            .line_spacing(exact(20)),
        Style::new("TOC1", StyleType::Paragraph)
            .name("toc 1")
            .fonts(fonts(FANGSONG))
            .size(SAN_HAO)
            .line_spacing(exact(560)),
        Style::new("TOC2", StyleType::Paragraph)
            .name("toc 2")
            .fonts(fonts(FANGSONG))
            .size(SAN_HAO)
            .indent(Some(640), None, None, None)
            .line_spacing(exact(560)),
        Style::new("Title", StyleType::Paragraph)
            .name("Title")
            .fonts(fonts(SONGTI))
            .size(ER_HAO)
            .bold()
            .align(AlignmentType::Center)
            .line_spacing(LineSpacing::new().before(240).after(360)),
        Style::new("Caption", StyleType::Paragraph)
            .name("caption")
            .fonts(fonts(HEITI))
            .size(SI_HAO)
            .align(AlignmentType::Center)
            .line_spacing(LineSpacing::new().before(120).after(120)),
        Style::new("TableText", StyleType::Paragraph)
            .name("Table Text")
            .fonts(fonts(SONGTI))
            .size(XIAO_SI)
            .align(AlignmentType::Center)
            .line_spacing(
                LineSpacing::new()
                    .line_rule(LineSpacingType::Auto)
                    .line(240),
            ),
        Style::new("Note", StyleType::Paragraph)
            .name("Note")
            .fonts(fonts(FANGSONG))
            .size(WU_HAO)
            .line_spacing(LineSpacing::new().before(60).after(60)),
        Style::new("Label", StyleType::Paragraph)
            .name("Label")
            .fonts(fonts(HEITI))
            .size(SAN_HAO)
            .line_spacing(exact(560)),
    ]
}

/// `text` without the characters XML 1.0 does not allow (control characters other than tab,
/// line feed and carriage return; U+FFFE, U+FFFF), each shown as U+FFFD. Records refuse them
/// when read, so this only guards against text that came in some other way: one such
/// character would make the whole document unreadable to Word.
fn xml_text(text: &str) -> std::borrow::Cow<'_, str> {
    let illegal = |c: char| {
        (c < '\u{20}' && !matches!(c, '\t' | '\n' | '\r')) || matches!(c, '\u{FFFE}' | '\u{FFFF}')
    };
    if text.chars().any(illegal) {
        text.chars()
            .map(|c| if illegal(c) { '\u{FFFD}' } else { c })
            .collect::<String>()
            .into()
    } else {
        text.into()
    }
}

fn run(text: &str) -> Run {
    Run::new().add_text(xml_text(text))
}

fn styled(style: &str, text: &str) -> Paragraph {
    Paragraph::new().style(style).add_run(run(text))
}

/// An empty line of body height, for vertical spacing on the cover.
fn blank() -> Paragraph {
    Paragraph::new().style("Label")
}

fn cover(c: &Cover) -> Vec<Paragraph> {
    let centred = |text: &str, font: &str, size: usize, bold: bool| {
        let mut r = run(text).fonts(fonts(font)).size(size);
        if bold {
            r = r.bold();
        }
        Paragraph::new()
            .style("Label")
            .align(AlignmentType::Center)
            .line_spacing(
                LineSpacing::new()
                    .line_rule(LineSpacingType::Auto)
                    .line(360),
            )
            .add_run(r)
    };
    let mut out = Vec::new();
    if c.draft {
        out.push(
            Paragraph::new()
                .style("Label")
                .align(AlignmentType::Right)
                .add_run(
                    run(t::DRAFT)
                        .fonts(fonts(HEITI))
                        .size(ER_HAO)
                        .bold()
                        .color("C00000"),
                ),
        );
        out.push(centred(t::DRAFT_WARNING, FANGSONG, SI_HAO, false));
    }
    out.extend((0..4).map(|_| blank()));
    out.push(centred(&c.department, SONGTI, YI_HAO, true));
    out.push(blank());
    out.push(centred(&c.title, SONGTI, ER_HAO, true));
    out.extend((0..8).map(|_| blank()));
    for line in [&c.evaluator, &c.date] {
        if !line.trim().is_empty() {
            out.push(centred(line.trim(), FANGSONG, SAN_HAO, false));
        }
    }
    out
}

fn paragraph(spans: &[Span]) -> Paragraph {
    spans
        .iter()
        .fold(Paragraph::new().style("BodyText"), |p, s| {
            let r = run(&s.text);
            p.add_run(if s.bold { r.bold() } else { r })
        })
}

fn table(t: &Table, text_width: u32) -> docx_rs::Table {
    let total: u32 = t.widths.iter().sum::<u32>().max(1);
    let grid: Vec<usize> = t
        .widths
        .iter()
        .map(|w| (text_width * w / total) as usize)
        .collect();
    let size = if t.small { XIAO_WU } else { XIAO_SI };
    // A body table stays on one page with its caption (Word keeps rows whose paragraphs
    // are "keep with next" together); the 附件's long tables run on.
    let keep = !t.small;
    let cell_para = |text: &str, bold: bool, long: bool| {
        let mut p = Paragraph::new().style("TableText").keep_next(keep);
        if long {
            p = p.align(AlignmentType::Left);
        }
        let lines: Vec<&str> = text.split('\n').collect();
        for (i, line) in lines.iter().enumerate() {
            let mut r = run(line).size(size);
            if bold {
                r = r.bold();
            }
            if i + 1 < lines.len() {
                r = r.add_break(BreakType::TextWrapping);
            }
            p = p.add_run(r);
        }
        p
    };
    let mut rows = Vec::new();
    if let Some(title) = &t.title {
        rows.push(TableRow::new(vec![
            TableCell::new()
                .grid_span(grid.len())
                .width(text_width as usize, WidthType::Dxa)
                .add_paragraph(cell_para(title, true, false).align(AlignmentType::Left)),
        ]));
    }
    // The grid columns where the next row has a cell continuing this one in looks only.
    let open_starts = |ri: usize| -> Vec<usize> {
        let mut at = 0;
        let mut starts = Vec::new();
        for c in t.rows.get(ri + 1).map(Vec::as_slice).unwrap_or_default() {
            if c.merge == Merge::Open {
                starts.push(at);
            }
            at += c.span;
        }
        starts
    };
    for (ri, row) in t.rows.iter().enumerate() {
        let header = ri < t.header;
        let open_below = open_starts(ri);
        let mut at = 0;
        let cells = row
            .iter()
            .map(|c| {
                let width: usize = grid[at.min(grid.len())..(at + c.span).min(grid.len())]
                    .iter()
                    .sum();
                let start = at;
                at += c.span;
                let long = !header && c.text.chars().count() > 40;
                let mut cell = TableCell::new()
                    .width(width, WidthType::Dxa)
                    .vertical_align(VAlignType::Center)
                    .add_paragraph(cell_para(&c.text, header, long));
                if c.span > 1 {
                    cell = cell.grid_span(c.span);
                }
                if open_below.contains(&start) {
                    cell = cell.clear_border(TableCellBorderPosition::Bottom);
                }
                match c.merge {
                    Merge::Restart => cell.vertical_merge(VMergeType::Restart),
                    Merge::Continue => cell.vertical_merge(VMergeType::Continue),
                    Merge::Open => cell.clear_border(TableCellBorderPosition::Top),
                    Merge::None => cell,
                }
            })
            .collect();
        rows.push(TableRow::new(cells).cant_split());
    }
    docx_rs::Table::new(rows)
        .set_grid(grid)
        .layout(TableLayoutType::Fixed)
        .margins(TableCellMargins::new().margin(40, 80, 40, 80))
        .width(text_width as usize, WidthType::Dxa)
        .align(docx_rs::TableAlignmentType::Center)
}

/// Heading levels listed in the 目录.
const TOC_LEVELS: u8 = 2;

/// The bookmark a 目录 entry points at.
fn toc_key(n: usize) -> String {
    format!("_Toc{n:08}")
}

/// The 目录: a Word TOC field over the heading styles, its result pre-filled with one entry
/// per heading (a PAGEREF to the heading's bookmark), so Word can rebuild it (the field is
/// marked dirty) and other programs show the entries with their page numbers.
///
/// The entries sit in a content control: LibreOffice then computes their PAGEREFs (outside
/// one it would import the field as a static index and show the pre-filled page numbers),
/// but it also prints the TOC field's code as text. So the code has a paragraph of its own
/// in a hidden style (LibreOffice ignores hiding on the run itself); Word never shows field
/// codes, and an update replaces that paragraph with the new entries.
fn contents(r: &Report, text_width: u32) -> StructuredDataTag {
    let instr = InstrToC::new()
        .heading_styles_range(1, usize::from(TOC_LEVELS))
        .hyperlink();
    let mut sdt = StructuredDataTag::new().alias(t::CONTENTS).add_paragraph(
        Paragraph::new().style("TOCField").add_run(
            Run::new()
                .add_field_char(FieldCharType::Begin, true)
                .add_instr_text(InstrText::TOC(instr))
                .add_field_char(FieldCharType::Separate, false),
        ),
    );
    let mut n = 0;
    for (level, text) in r.headings() {
        if level > TOC_LEVELS {
            continue;
        }
        n += 1;
        let key = toc_key(n);
        sdt = sdt.add_paragraph(
            Paragraph::new()
                .style(&format!("TOC{level}"))
                .add_tab(
                    Tab::new()
                        .val(TabValueType::Right)
                        .leader(TabLeaderType::Dot)
                        .pos(text_width as usize),
                )
                .add_run(run(text))
                .add_run(Run::new().add_tab())
                .add_run(
                    Run::new()
                        .add_field_char(FieldCharType::Begin, false)
                        .add_instr_text(InstrText::PAGEREF(InstrPAGEREF::new(&key).hyperlink()))
                        .add_field_char(FieldCharType::Separate, false)
                        .add_text("")
                        .add_field_char(FieldCharType::End, false),
                ),
        );
    }
    sdt.add_paragraph(
        Paragraph::new()
            .style("TOC1")
            .add_run(Run::new().add_field_char(FieldCharType::End, false)),
    )
}

/// Renders the report as the bytes of a .docx package.
pub fn render(r: &Report) -> Result<Vec<u8>> {
    // The body and 附件 share one footer: a centred page number, — 1 —.
    let footer = Footer::new().add_paragraph(
        Paragraph::new()
            .align(AlignmentType::Center)
            .add_run(run("— ").fonts(fonts(SONGTI)).size(SI_HAO))
            .add_page_num(PageNum::new())
            .add_run(run(" —").fonts(fonts(SONGTI)).size(SI_HAO)),
    );
    let footer_rid = docx_rs::create_footer_rid(1);
    let mut doc = Docx::new()
        .default_fonts(fonts(FANGSONG))
        .default_size(SAN_HAO)
        .footer(footer.clone())
        .page_size(A4_H, A4_W)
        .page_orient(PageOrientationType::Landscape)
        .page_margin(
            PageMargin::new()
                .top(1134)
                .bottom(1134)
                .left(1134)
                .right(1134)
                .header(851)
                .footer(567),
        );
    for s in styles() {
        doc = doc.add_style(s);
    }
    for p in cover(&r.cover) {
        doc = doc.add_paragraph(p);
    }
    let mut width = PORTRAIT_TEXT_W;
    let mut heading_no = 0;
    for b in &r.blocks {
        doc = match b {
            Block::Contents => doc
                .add_paragraph(styled("Title", t::CONTENTS_TITLE).page_break_before(true))
                .add_structured_data_tag(contents(r, PORTRAIT_TEXT_W)),
            // The front matter (cover, 目录) is a section without a footer; the body's
            // page numbers start at 1.
            Block::FrontMatterEnd => {
                doc.add_paragraph(Paragraph::new().section_property(portrait()))
            }
            Block::AnnexStart => {
                width = LANDSCAPE_TEXT_W;
                doc.add_paragraph(
                    Paragraph::new().section_property(
                        portrait()
                            .footer(footer.clone(), &footer_rid)
                            .page_num_type(PageNumType::new().start(1)),
                    ),
                )
            }
            Block::Title(t) => {
                let lines: Vec<&str> = t.split('\n').collect();
                let mut p = Paragraph::new().style("Title");
                for (i, line) in lines.iter().enumerate() {
                    let mut rn = run(line);
                    if i + 1 < lines.len() {
                        rn = rn.add_break(BreakType::TextWrapping);
                    }
                    p = p.add_run(rn);
                }
                doc.add_paragraph(p)
            }
            Block::Heading { level, text } => {
                let style = format!("Heading{}", level.clamp(&1, &3));
                let p = Paragraph::new().style(&style).keep_next(true);
                // The 目录's PAGEREF points at a bookmark around the heading's text.
                let p = if *level <= TOC_LEVELS {
                    heading_no += 1;
                    p.add_bookmark_start(heading_no, toc_key(heading_no))
                        .add_run(run(text))
                        .add_bookmark_end(heading_no)
                } else {
                    p.add_run(run(text))
                };
                doc.add_paragraph(p)
            }
            Block::Paragraph(spans) => doc.add_paragraph(paragraph(spans)),
            Block::Caption(t) => doc.add_paragraph(styled("Caption", t).keep_next(true)),
            Block::Note(t) => doc.add_paragraph(styled("Note", t)),
            Block::Label(t) => doc.add_paragraph(styled("Label", t)),
            Block::Table(t) => doc
                .add_table(table(t, width))
                .add_paragraph(Paragraph::new().style("Note")),
        };
    }
    let mut buf = std::io::Cursor::new(Vec::new());
    doc.build()
        .pack(&mut buf)
        .map_err(|e| Error::Other(t::package_failed(e)))?;
    super::package::finish(&buf.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_illegal_in_xml_is_replaced() {
        assert_eq!(xml_text("正常\t文字\n"), "正常\t文字\n");
        assert_eq!(
            xml_text("a\u{1}b\u{1b}[31mc\u{FFFF}"),
            "a\u{FFFD}b\u{FFFD}[31mc\u{FFFD}"
        );
    }
}
