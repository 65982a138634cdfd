//! Builds the report's document model from an evaluation, in the outline of the seed report:
//! cover, 目录, the six sections, then the 附件.

use super::{Block, Cell, Cover, Report, Span, Table, annex};
use crate::num;
use crate::repo::Evaluation;
use crate::section::Section;
use crate::text::export as t;
use crate::text::printers;
use rust_decimal::Decimal;

mod tables;
use tables::key_task_items;
pub(super) use tables::{figure_rate, figure_text};

/// What a missing figure prints as, so a half-filled record still exports a readable draft.
const MISSING: &str = t::MISSING;

/// Builds the whole report of `e`.
pub fn build(e: &Evaluation) -> Report {
    let o = &e.record.overview;
    let cover = Cover {
        department: o.name.clone(),
        title: t::cover_title(e.year),
        evaluator: o.evaluator.clone(),
        date: o.report_date.clone(),
        draft: false,
    };
    let mut b = Builder {
        e,
        short: short_name(e),
        out: Vec::new(),
        tables: 0,
    };
    b.out.push(Block::Contents);
    b.out.push(Block::FrontMatterEnd);
    b.out.push(Block::Title(t::body_title(e.year, &o.name)));
    b.overview();
    b.budget();
    b.targets();
    b.management();
    b.conclusion();
    b.recommendations();
    // The record's year and name, not the rubric's title: a rubric written for 2023 scores a
    // 2024 record too, and its title names the year it was written for.
    b.out.push(Block::text(t::annex_line(
        e.year,
        without_year(&e.rubric.title),
    )));
    b.out.push(Block::AnnexStart);
    b.out.push(Block::Label(t::ANNEX.into()));
    b.out.push(Block::Title(t::annex_title(e.year, &o.name)));
    b.out.extend(annex::annex(e));
    Report {
        cover,
        blocks: b.out,
    }
}

/// A rubric title without its leading year (`2023年度部门整体绩效评价指标体系` →
/// `部门整体绩效评价指标体系`), so the report can put the record's year in front.
fn without_year(title: &str) -> &str {
    let title = title.trim();
    let digits = title.len() - title.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if digits != 4 {
        return title;
    }
    let rest = title[digits..].trim_start();
    t::AFTER_YEAR
        .iter()
        .find_map(|w| rest.strip_prefix(w))
        .map_or(title, str::trim_start)
}

/// 简称, else the full name.
fn short_name(e: &Evaluation) -> String {
    let o = &e.record.overview;
    if o.short_name.trim().is_empty() {
        o.name.trim().to_string()
    } else {
        o.short_name.trim().to_string()
    }
}

/// A rate as the report prints it (`90.62%`), or the missing mark.
fn percent(d: Option<Decimal>) -> String {
    d.map(num::percent).unwrap_or_else(|| MISSING.into())
}

/// Whether a block of the report is a table (表 1, 表 2, 表 3).
fn is_table_block(block: &str) -> bool {
    matches!(block, "goals" | "execution_table" | "key_tasks")
}

/// The section a part of the report belongs to when no narrative places it: 表 3 goes with
/// the first open group (the record's own indicators), wherever the rubric places it.
fn block_section(e: &Evaluation, block: &str) -> Option<Section> {
    match block {
        "duties" | "sums" | "goals" => Some(Section::Overview),
        "execution_table" => Some(Section::Budget),
        "key_tasks" => Some(
            e.rubric
                .nodes
                .iter()
                .find(|n| n.def.open)
                .map_or(Section::Targets, |n| n.section),
        ),
        _ => None,
    }
}

/// Splits a narrative into paragraphs: one per non-empty line.
fn paragraphs(text: &str) -> impl Iterator<Item = Block> + '_ {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(Block::text)
}

struct Builder<'a> {
    e: &'a Evaluation,
    short: String,
    out: Vec<Block>,
    /// Tables captioned so far: a table left out (no 表 1 goals, no 表 3 key tasks) takes no
    /// number, so the report's tables are numbered 1, 2, 3 … as they appear.
    tables: usize,
}

impl Builder<'_> {
    /// Pushes the caption `表 N：text` with the next table number.
    fn caption(&mut self, text: &str) {
        self.tables += 1;
        self.out.push(Block::Caption(t::caption(self.tables, text)));
    }

    fn h(&mut self, level: u8, text: impl Into<String>) {
        self.out.push(Block::Heading {
            level,
            text: text.into(),
        });
    }

    fn section(&mut self, s: Section) {
        self.h(1, t::section_heading(s.numeral(), s.title()));
    }

    fn narrative(&mut self, text: &str) {
        self.out.extend(paragraphs(text));
    }

    fn fig(&self, key: &str) -> Option<Decimal> {
        self.e.record.figure(key).flatten()
    }

    /// A section's narratives in the rubric's order, each with its headings, its text (or the
    /// rubric's standard text when empty) and the parts of the report that follow it; parts
    /// no narrative names come at the end of the section.
    fn declared(&mut self, section: Section) {
        let cat = &self.e.rubric.catalogue;
        let defs: Vec<_> = cat.narratives_in(section).cloned().collect();
        let mut group = String::new();
        let mut placed: Vec<String> = Vec::new();
        for n in &defs {
            if !n.group.is_empty() && n.group != group {
                self.h(2, n.group.clone());
            }
            group = n.group.clone();
            if !n.heading.is_empty() {
                let level = if n.group.is_empty() { 2 } else { 3 };
                self.h(level, n.heading.clone());
            }
            let mut text = self.e.record.text(&n.id).to_string();
            // A narrative followed by tables that are all left out (no goals, no key task)
            // must not announce a table: its closing 「…如下表：」 clause goes.
            let tables: Vec<&String> = n.then.iter().filter(|b| is_table_block(b)).collect();
            if !tables.is_empty() && !tables.iter().any(|b| self.has_table(b)) {
                text = without_table_lead_in(&text);
            }
            if text.trim().is_empty() && !n.template.trim().is_empty() {
                let filled = self.fill(&n.template);
                self.narrative(&filled);
            } else {
                self.narrative(&text);
            }
            for block in &n.then {
                self.block(section, block);
                placed.push(block.clone());
            }
        }
        for block in crate::rubric::catalogue::BLOCKS {
            if !placed.iter().any(|p| p == block)
                && (*block == "sums" || block_section(self.e, block) == Some(section))
            {
                self.block(section, block);
            }
        }
    }

    /// Whether the table block `name` has rows to show.
    fn has_table(&self, name: &str) -> bool {
        let r = &self.e.record;
        match name {
            "goals" => !r.overview.goals.is_empty(),
            "execution_table" => !self.e.rubric.catalogue.execution_rows.is_empty(),
            "key_tasks" => !key_task_items(self.e).is_empty(),
            _ => false,
        }
    }

    /// A part of the report other than a narrative (`then` of a narrative).
    fn block(&mut self, section: Section, name: &str) {
        match name {
            "duties" => {
                let duties = self.e.record.overview.duties.clone();
                for (i, d) in duties.iter().enumerate() {
                    if !d.trim().is_empty() {
                        self.out.push(Block::text(t::duty(i + 1, d.trim())));
                    }
                }
            }
            "sums" => self.sum_sentences(section),
            "goals" => self.goals(),
            "execution_table" => self.execution_table(),
            "key_tasks" => self.key_tasks(),
            _ => {}
        }
    }

    /// `{short} {year} 年部门年末实有人数共计 N 人，其中…` for each `[[sum]]` with `report`.
    fn sum_sentences(&mut self, section: Section) {
        let cat = &self.e.rubric.catalogue;
        let mut lines = Vec::new();
        for rule in cat.sums.iter().filter(|r| r.report) {
            let Some(total) = cat.figure(&rule.total).filter(|f| f.section() == section) else {
                continue;
            };
            let Some(v) = self.fig(&total.id) else {
                continue;
            };
            let parts: Vec<String> = rule
                .parts
                .iter()
                .filter_map(|p| {
                    let f = cat.figure(p)?;
                    let v = self.fig(p)?;
                    Some(t::sum_part(&f.label, &f.show(v), &f.unit))
                })
                .collect();
            lines.push(t::sum_sentence(
                &self.short,
                self.e.year,
                &total.label,
                &total.show(v),
                &total.unit,
                &parts,
            ));
        }
        self.out.extend(lines.into_iter().map(Block::text));
    }

    /// The rubric's standard text with its placeholders filled in.
    fn fill(&self, template: &str) -> String {
        let mut out = String::new();
        let mut rest = template;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let after = &rest[open + 1..];
            let Some(close) = after.find('}') else {
                out.push_str(&rest[open..]);
                rest = "";
                break;
            };
            out.push_str(&self.placeholder(&after[..close]));
            rest = &after[close + 1..];
        }
        out.push_str(rest);
        out.trim().to_string()
    }

    fn placeholder(&self, name: &str) -> String {
        let e = self.e;
        match name {
            "year" => return e.year.to_string(),
            "prev_year" => return e.year.saturating_sub(1).to_string(),
            "short" => return self.short.clone(),
            _ => {}
        }
        if let Some(id) = name.strip_prefix("rate:") {
            return match e.card.rate(id) {
                Some(r) if r.value().is_some() => r.display(),
                _ => MISSING.to_string(),
            };
        }
        if let Some(id) = name.strip_prefix("change:") {
            let now = e.card.rate(id).filter(|r| !r.previous_year);
            let prev = now.and_then(|n| {
                e.card
                    .rates
                    .iter()
                    .find(|r| r.previous_year && r.name == n.name)
            });
            return match (now.and_then(|r| r.value()), prev.and_then(|r| r.value())) {
                (Some(now), Some(prev)) if now < prev => t::fell_by(num::fixed2(prev - now)),
                (Some(now), Some(prev)) if now > prev => t::rose_by(num::fixed2(now - prev)),
                (Some(_), Some(_)) => t::UNCHANGED.to_string(),
                _ => MISSING.to_string(),
            };
        }
        match e.rubric.catalogue.figure(name) {
            Some(f) => self
                .fig(name)
                .map(|v| f.show(v))
                .unwrap_or_else(|| MISSING.into()),
            // Not a placeholder: keep the braces as written.
            None => format!("{{{name}}}"),
        }
    }

    fn overview(&mut self) {
        self.section(Section::Overview);
        self.declared(Section::Overview);
    }

    fn budget(&mut self) {
        self.section(Section::Budget);
        self.declared(Section::Budget);
    }

    fn targets(&mut self) {
        self.section(Section::Targets);
        self.declared(Section::Targets);
    }

    fn management(&mut self) {
        self.section(Section::Management);
        self.declared(Section::Management);
    }

    fn conclusion(&mut self) {
        let c = &self.e.card;
        self.section(Section::Conclusion);
        self.h(2, t::SCORE_HEADING);
        self.out.push(Block::text(if c.complete {
            t::score_sentence(self.e.year, &self.short, &num::fixed2(c.total), &c.grade)
        } else {
            t::incomplete_sentence(self.e.year, &self.short)
        }));
        self.caption(&t::score_caption(self.e.year, &self.short));
        let mut rows = vec![cells(&[
            printers::GROUP,
            printers::WEIGHT,
            printers::SCORE,
            printers::RATE,
        ])];
        rows.extend(c.groups().map(|g| {
            cells(&[
                &g.name,
                &num::plain(g.weight),
                &c.score_text(g),
                &if c.node_complete(g) {
                    percent(g.rate())
                } else {
                    String::new()
                },
            ])
        }));
        rows.push(cells(&[
            printers::SUM,
            &num::plain(c.full_marks),
            &c.total_text(),
            &if c.complete {
                percent(c.total_rate())
            } else {
                String::new()
            },
        ]));
        self.out.push(Block::Table(table(vec![8, 3, 3, 3], rows)));
        if c.rescaled {
            self.out.push(Block::Note(t::RESCALED_NOTE.into()));
        }
        self.h(2, t::PROBLEMS_HEADING);
        let problems: Vec<(String, String)> = self
            .e
            .record
            .conclusion
            .problems
            .iter()
            .map(|p| (p.title.clone(), p.text.clone()))
            .collect();
        self.titled(&problems);
    }

    fn recommendations(&mut self) {
        self.section(Section::Recommendations);
        let items: Vec<(String, String)> = self
            .e
            .record
            .recommendations
            .items
            .iter()
            .map(|r| (r.title.clone(), r.text.clone()))
            .collect();
        self.titled(&items);
    }

    /// Problems and recommendations: `title，text`, the title in bold.
    fn titled(&mut self, items: &[(String, String)]) {
        for (title, text) in items {
            let (title, text) = (title.trim(), text.trim());
            let mut spans = Vec::new();
            if !title.is_empty() {
                spans.push(Span {
                    text: title.to_string(),
                    bold: true,
                });
            }
            if !text.is_empty() {
                let sep = if title.is_empty() { "" } else { t::TITLE_SEP };
                spans.push(Span {
                    text: format!("{sep}{text}"),
                    bold: false,
                });
            }
            if !spans.is_empty() {
                self.out.push(Block::Paragraph(spans));
            }
        }
    }
}

/// `text` without the clause that announces a table, for when no table follows: the clause
/// after the last `，`/`。` of the closing paragraph goes, and the sentence ends with `。`
/// (`…均按照计划完成，各项绩效指标具体完成情况如下表：` → `…均按照计划完成。`).
fn without_table_lead_in(text: &str) -> String {
    let trimmed = text.trim_end();
    let Some(body) = trimmed.strip_suffix(t::LEAD_IN_ENDS) else {
        return text.to_string();
    };
    let line_start = body.rfind('\n').map_or(0, |i| i + 1);
    // The clause starts after the last punctuation of the closing line (byte index of the
    // punctuation mark, and of what follows it).
    let cut = body[line_start..]
        .char_indices()
        .rfind(|(_, c)| t::CLAUSE_ENDS.contains(c))
        .map(|(i, c)| (line_start + i, line_start + i + c.len_utf8()));
    let clause = &body[cut.map_or(line_start, |(_, after)| after)..];
    if !t::TABLE_LEAD_INS.iter().any(|w| clause.ends_with(w)) {
        return text.to_string();
    }
    match cut {
        Some((at, _)) => format!("{}{}", &body[..at], t::FULL_STOP),
        None => body[..line_start].trim_end().to_string(),
    }
}

/// A row of plain cells.
pub(super) fn cells(texts: &[&str]) -> Vec<Cell> {
    texts.iter().map(|t| Cell::new(*t)).collect()
}

/// A table with one header row.
fn table(widths: Vec<u32>, rows: Vec<Vec<Cell>>) -> Table {
    Table {
        title: None,
        widths,
        header: 1,
        rows,
        small: false,
    }
}
