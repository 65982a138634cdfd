//! Drawing: a pure function of the state. Status is never told by colour alone (marks, bold,
//! reverse, underline), so it reads the same with NO_COLOR.

use super::Theme;
use super::editor::{Editor, Mode};
use super::form::{Kind, Style as RowStyle};
use crate::num;
use crate::section::Section;
use crate::text::tui as t;
use crate::text::{pad, truncate, width};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};
use ratatui_textarea::TextArea;

/// The keys of the editor, for the help screen.
pub const EDITOR_KEYS: &[(&str, &str)] = t::EDITOR_KEYS;

pub(super) fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}

fn group_label(name: &str, short: bool) -> String {
    if short {
        name.chars().take(4).collect()
    } else {
        name.to_string()
    }
}

fn header(ed: &Editor, theme: &Theme, w: u16) -> Line<'static> {
    let c = &ed.eval.card;
    let dirty = if ed.unsaved() { t::UNSAVED_MARK } else { "" };
    let short = w < 110;
    let mut groups = String::new();
    for g in c.groups() {
        groups.push_str(&format!(
            " {} {}",
            group_label(&g.name, short),
            // The top line is narrow: a group still missing inputs shows a dash.
            if c.node_complete(g) {
                num::fixed2(g.score)
            } else {
                "—".to_string()
            }
        ));
    }
    let score = t::header_total(&c.total_text(), c.grade_text());
    let right = format!("{score} │{groups}{dirty}");
    let room = (w as usize).saturating_sub(width(&right) + 2);
    let left = truncate(
        &format!("{} {}", ed.eval.record.overview.name, ed.year),
        room,
    );
    let fill = (w as usize).saturating_sub(width(&left) + width(&right));
    Line::from(vec![
        Span::styled(left, Style::default().add_modifier(Modifier::BOLD)),
        Span::raw(" ".repeat(fill)),
        Span::styled(right, theme.accent().add_modifier(Modifier::BOLD)),
    ])
}

fn steps(ed: &Editor, theme: &Theme) -> Line<'static> {
    let mut spans = Vec::new();
    for s in Section::ALL {
        let (e, w) = ed.section_counts(s);
        let mark = if e > 0 {
            "✗"
        } else if w > 0 {
            "!"
        } else {
            "✓"
        };
        if s == ed.section {
            spans.push(Span::styled(
                t::current_section(s.numeral(), s.title(), mark),
                Style::default().add_modifier(Modifier::REVERSED | Modifier::BOLD),
            ));
        } else {
            let st = if e > 0 {
                theme.error()
            } else {
                Style::default()
            };
            spans.push(Span::styled(format!(" {}{mark} ", s.numeral()), st));
        }
    }
    Line::from(spans)
}

fn body(f: &mut Frame, ed: &Editor, theme: &Theme, area: Rect) {
    let mut lines: Vec<Line> = Vec::new();
    for (r, row) in ed.rows.iter().enumerate() {
        let mut spans = Vec::new();
        let mut used = 0usize;
        let mut error = None;
        for (c, cell) in row.cells.iter().enumerate() {
            let w = if cell.width == 0 {
                (area.width as usize).saturating_sub(used)
            } else {
                cell.width as usize
            };
            let invalid = ed.invalid.get(&cell.path).filter(|_| !cell.path.is_empty());
            let mut text = match invalid {
                Some((typed, why)) => {
                    error = Some(why.clone());
                    format!("{typed}!")
                }
                None => cell.text.clone(),
            };
            if matches!(cell.kind, Kind::Multiline | Kind::Lines) {
                let n = text.split('\n').filter(|l| !l.trim().is_empty()).count();
                let first = text
                    .split('\n')
                    .find(|l| !l.trim().is_empty())
                    .unwrap_or("")
                    .to_string();
                text = if n > 1 {
                    t::paragraphs(&first, n)
                } else {
                    first
                };
                if text.is_empty() {
                    text = t::NOT_WRITTEN_YET.into();
                }
            }
            let mut style = match cell.kind {
                Kind::Derived => theme.derived(),
                Kind::Check { .. } if cell.text == crate::text::record::answer(Some(false)) => {
                    theme.error()
                }
                _ => Style::default(),
            };
            if cell.editable()
                && cell.text.is_empty()
                && invalid.is_none()
                && !matches!(cell.kind, Kind::Multiline | Kind::Lines)
            {
                text = "·".into();
            }
            if invalid.is_some() {
                style = theme.error().add_modifier(Modifier::UNDERLINED);
            }
            if (r, c) == ed.cursor && matches!(ed.mode, Mode::Normal | Mode::Line { .. }) {
                style = style.add_modifier(Modifier::REVERSED);
            }
            match row.style {
                RowStyle::Heading => style = style.add_modifier(Modifier::BOLD),
                RowStyle::Header => style = style.add_modifier(Modifier::UNDERLINED),
                RowStyle::Normal => {}
            }
            let shown = pad(&text, w.saturating_sub(1));
            used += width(&shown) + 1;
            spans.push(Span::styled(shown, style));
            spans.push(Span::raw(" "));
        }
        lines.push(Line::from(spans));
        if let Some(why) = error {
            lines.push(Line::styled(t::invalid_below(&why), theme.error()));
        }
    }
    let visible: Vec<Line> = lines
        .into_iter()
        .skip(ed.scroll)
        .take(area.height as usize)
        .collect();
    f.render_widget(Paragraph::new(visible), area);
}

fn footer(ed: &Editor) -> std::borrow::Cow<'static, str> {
    // A number says what it takes before it is typed: the decimals its rubric allows.
    let digits = |kind: &Kind| match kind {
        Kind::Count => Some(t::WHOLE_NUMBER.to_string()),
        Kind::Number => Some(t::at_most_decimals(2)),
        Kind::Figure { decimals } => Some(t::at_most_decimals(*decimals)),
        _ => None,
    };
    match &ed.mode {
        Mode::Line { kind, .. } => match digits(kind) {
            Some(d) => t::number_footer(&d).into(),
            None => t::LINE_FOOTER.into(),
        },
        mode => footer_of(mode).into(),
    }
}

fn footer_of(mode: &Mode) -> &'static str {
    match mode {
        Mode::Line { .. } => t::LINE_FOOTER,
        Mode::Text { .. } => t::TEXT_FOOTER,
        Mode::Save { .. } => t::SAVE_FOOTER,
        Mode::Note { .. } => t::NOTE_FOOTER,
        _ => t::EDITOR_FOOTER,
    }
}

fn place_cursor(f: &mut Frame, area: &TextArea, rect: Rect) {
    let sc = area.screen_cursor();
    let (top, left) = area.scroll_offset();
    let x = rect.x as usize + sc.col.saturating_sub(left as usize);
    let y = rect.y as usize + sc.row.saturating_sub(top as usize);
    if x < (rect.x + rect.width) as usize && y < (rect.y + rect.height) as usize {
        f.set_cursor_position(Position::new(x as u16, y as u16));
    }
}

/// Draws the editor.
pub fn draw_editor(f: &mut Frame, ed: &Editor, theme: &Theme) {
    let area = f.area();
    let [head, bar, main, status, foot] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(3),
        Constraint::Length(ed.status_height() as u16),
        Constraint::Length(1),
    ])
    .areas(area);
    f.render_widget(Paragraph::new(header(ed, theme, area.width)), head);
    f.render_widget(Paragraph::new(steps(ed, theme)), bar);
    match &ed.mode {
        Mode::Text {
            label, area: ta, ..
        } => {
            let block = Block::default()
                .borders(Borders::TOP)
                .title(t::editing(label));
            let inner = block.inner(main);
            f.render_widget(block, main);
            f.render_widget(ta, inner);
            place_cursor(f, ta, inner);
        }
        _ => body(f, ed, theme, main),
    }
    match &ed.mode {
        Mode::Line { area: ta, .. } => {
            let prompt = t::prompt(&truncate(&ed.prompt_label(), 30));
            let pw = width(&prompt) as u16;
            f.render_widget(
                Paragraph::new(Span::styled(
                    prompt,
                    Style::default().add_modifier(Modifier::BOLD),
                )),
                status,
            );
            let rect = Rect {
                x: status.x + pw,
                width: status.width.saturating_sub(pw),
                ..status
            };
            f.render_widget(ta, rect);
            place_cursor(f, ta, rect);
        }
        _ => {
            let (text, error) = ed.status_text();
            let style = if ed.status.is_some() {
                Style::default().add_modifier(Modifier::BOLD)
            } else if error {
                theme.error()
            } else {
                Style::default()
            };
            // Wrapped by the same rule that sized the area, so all of it shows.
            let lines: Vec<Line> = crate::text::wrap(&text, status.width as usize)
                .into_iter()
                .map(|l| Line::styled(l, style))
                .collect();
            f.render_widget(Paragraph::new(lines), status);
        }
    }
    f.render_widget(
        Paragraph::new(Span::styled(
            footer(ed),
            Style::default().add_modifier(Modifier::REVERSED),
        )),
        foot,
    );
    match &ed.mode {
        Mode::Save { area: ta } => {
            let r = centered(area, 72, 7);
            f.render_widget(Clear, r);
            let block = Block::default().borders(Borders::ALL).title(t::SAVE_TITLE);
            let inner = block.inner(r);
            f.render_widget(block, r);
            let [l1, l2, _, l3] = Layout::vertical([Constraint::Length(1); 4]).areas(inner);
            f.render_widget(Paragraph::new(t::score_line(&ed.score_change())), l1);
            f.render_widget(ta, l2);
            place_cursor(f, ta, l2);
            f.render_widget(Paragraph::new(t::SAVE_KEYS), l3);
        }
        Mode::Note {
            label, area: ta, ..
        } => {
            let r = centered(area, 72, 6);
            f.render_widget(Clear, r);
            let block = Block::default()
                .borders(Borders::ALL)
                .title(t::note_title(&truncate(label, 50)));
            let inner = block.inner(r);
            f.render_widget(block, r);
            let [l1, _, l2] = Layout::vertical([Constraint::Length(1); 3]).areas(inner);
            f.render_widget(ta, l1);
            place_cursor(f, ta, l1);
            f.render_widget(Paragraph::new(t::NOTE_KEYS), l2);
        }
        Mode::ConfirmQuit => popup(f, area, t::QUIT_TITLE, &t::QUIT_LINES),
        Mode::ConfirmDelete { table, index } => popup(
            f,
            area,
            t::DELETE_TITLE,
            &[
                &t::delete_row(&table.title(ed), ed.row_number(table, *index)),
                t::DELETE_KEYS,
            ],
        ),
        Mode::ConfirmKind {
            typed, qualitative, ..
        } => {
            let [what, how] = t::kind_change(typed, *qualitative);
            popup(f, area, t::KIND_TITLE, &[&what, &how, t::KIND_KEYS])
        }
        Mode::Help => help(f, area, EDITOR_KEYS),
        _ => {}
    }
}

/// A small box with lines of text.
pub(super) fn popup(f: &mut Frame, area: Rect, title: &str, lines: &[&str]) {
    let widest = lines
        .iter()
        .map(|l| width(l))
        .max()
        .unwrap_or(10)
        .max(width(title));
    let w = (widest as u16 + 4).min(area.width);
    // Wrapped to the box, which grows to hold every line (a long file path, say).
    let text: Vec<Line> = lines
        .iter()
        .flat_map(|l| crate::text::wrap(l, w.saturating_sub(2) as usize))
        .map(Line::raw)
        .collect();
    let r = centered(area, w, text.len() as u16 + 2);
    f.render_widget(Clear, r);
    f.render_widget(
        Paragraph::new(text).block(
            Block::default()
                .borders(Borders::ALL)
                .title(title.to_string()),
        ),
        r,
    );
}

/// The help screen: every key with what it does.
pub(super) fn help(f: &mut Frame, area: Rect, keys: &[(&str, &str)]) {
    let r = centered(area, 78, keys.len() as u16 + 3);
    f.render_widget(Clear, r);
    let mut lines: Vec<Line> = keys
        .iter()
        .map(|(k, d)| {
            Line::from(vec![
                Span::styled(pad(k, 22), Style::default().add_modifier(Modifier::BOLD)),
                Span::raw(d.to_string()),
            ])
        })
        .collect();
    lines.push(Line::raw(t::ANY_KEY_CLOSES));
    f.render_widget(
        Paragraph::new(lines).block(Block::default().borders(Borders::ALL).title(t::HELP_TITLE)),
        r,
    );
}

impl Theme {
    /// Highlight for scores.
    pub fn accent(&self) -> Style {
        if self.color {
            Style::default().fg(Color::Cyan)
        } else {
            Style::default()
        }
    }
    /// Errors and failing items.
    pub fn error(&self) -> Style {
        if self.color {
            Style::default().fg(Color::Red)
        } else {
            Style::default().add_modifier(Modifier::BOLD)
        }
    }
    /// Values jixiao computes.
    pub fn derived(&self) -> Style {
        if self.color {
            Style::default().fg(Color::Green)
        } else {
            Style::default().add_modifier(Modifier::ITALIC)
        }
    }
}
