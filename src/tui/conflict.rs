//! Resolving a save that conflicts with someone else's commit: every field both sides
//! changed, with both values, and a pick for each. Nothing is committed until the person
//! confirms, and their own text stays in the editor (and in the kept file) meanwhile.

use super::view::help;
use crate::repo::{Dept, Repo};
use crate::store::{self, Conflict};
use crate::text::{pad, truncate};
use crate::{Error, Result};
use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use std::path::PathBuf;

/// The conflicts of one save and the person's picks.
pub struct Conflicts {
    pub dept: Dept,
    pub year: u16,
    pub conflicts: Vec<Conflict>,
    /// Per conflict: true = take theirs, false = keep ours.
    pub theirs: Vec<bool>,
    pub selected: usize,
    /// Where the person's version was kept.
    pub kept: PathBuf,
    pub summary: String,
    /// Where the edit started and the person's text.
    pub base: store::Base,
    pub ours: String,
    pub help: bool,
}

const KEYS: &[(&str, &str)] = crate::text::tui::CONFLICT_KEYS;

/// What the conflict screen asks of the application.
pub enum ConflictRequest {
    None,
    Back,
    /// Merge by the picks and save, in the background (see [`Merge`]).
    Save(Box<Merge>),
}

/// What merging by the picks needs, owned, for the background thread: reading the tip and
/// the base and merging three texts takes a moment on a large repository.
pub struct Merge {
    pub dept: Dept,
    pub year: u16,
    pub conflicts: Vec<Conflict>,
    /// Per conflict: true = take theirs.
    pub theirs: Vec<bool>,
    pub base: store::Base,
    pub ours: String,
    pub summary: String,
}

impl Merge {
    /// The merged text for the picks, and the revision it goes on top of.
    pub fn resolve(&self, repo: &Repo) -> Result<(String, String)> {
        let path = repo.record_path(&self.dept, self.year);
        let (tip, theirs) = match store::tip(repo, &self.dept, self.year)? {
            Some((rev, Some(text))) => (rev, text),
            _ => {
                return Err(Error::Other(crate::text::tui::RECORD_GONE.into()));
            }
        };
        let base_text =
            store::read_base(repo, &self.dept, self.year, &self.base)?.unwrap_or_default();
        let picks: Vec<(&Conflict, bool)> = self
            .conflicts
            .iter()
            .zip(self.theirs.iter().copied())
            .collect();
        let merged = store::merge3_picked(&path, &base_text, &theirs, &self.ours, &picks)?;
        if !merged.conflicts.is_empty() {
            let fields: Vec<&str> = merged.conflicts.iter().map(|c| c.label.as_str()).collect();
            return Err(Error::Other(crate::text::tui::still_conflicts(&fields)));
        }
        Ok((merged.text, tip))
    }
}

impl Conflicts {
    /// The merged text for the picks, and the revision it goes on top of (see [`Merge`]).
    pub fn resolve(&self, repo: &Repo) -> Result<(String, String)> {
        self.merge().resolve(repo)
    }

    /// The picks as work for the background thread.
    fn merge(&self) -> Merge {
        Merge {
            dept: self.dept.clone(),
            year: self.year,
            conflicts: self.conflicts.clone(),
            theirs: self.theirs.clone(),
            base: self.base.clone(),
            ours: self.ours.clone(),
            summary: self.summary.clone(),
        }
    }

    /// Handles a key.
    pub fn key(&mut self, key: KeyEvent) -> ConflictRequest {
        if self.help {
            self.help = false;
            return ConflictRequest::None;
        }
        match key.code {
            KeyCode::Esc => return ConflictRequest::Back,
            KeyCode::Char('?') => self.help = true,
            KeyCode::Enter => return ConflictRequest::Save(Box::new(self.merge())),
            code => pick_key(code, &mut self.selected, &mut self.theirs),
        }
        ConflictRequest::None
    }

    /// Draws the conflicts, both values side by side.
    pub fn draw(&self, f: &mut Frame, status: Option<&str>) {
        let area = f.area();
        let kept = crate::text::tui::kept_at(self.kept.display());
        // The file path and any message wrap, so all of them can be read.
        let kept = crate::text::wrap(&kept, area.width as usize);
        let keys = status
            .map(str::to_string)
            .unwrap_or_else(|| crate::text::tui::CONFLICT_FOOTER.into());
        let keys = crate::text::wrap(&keys, area.width as usize);
        let [head, main, foot] = Layout::vertical([
            Constraint::Length(1 + kept.len() as u16),
            Constraint::Min(2),
            Constraint::Length(keys.len() as u16),
        ])
        .areas(area);
        let title = crate::text::tui::conflict_title(&self.dept, self.year, self.conflicts.len());
        let mut head_lines = vec![Line::styled(
            title,
            Style::default().add_modifier(Modifier::BOLD),
        )];
        head_lines.extend(kept.into_iter().map(Line::raw));
        f.render_widget(Paragraph::new(head_lines), head);
        let items: Vec<PickItem> = self
            .conflicts
            .iter()
            .zip(&self.theirs)
            .enumerate()
            .map(|(i, (c, &t))| PickItem {
                head: crate::text::tui::conflict_field(
                    i == self.selected,
                    &c.label,
                    &side_text(&c.base),
                ),
                left: crate::text::tui::theirs(mark(t), &side_text(&c.theirs)),
                right: crate::text::tui::ours(mark(!t), &side_text(&c.ours)),
                left_picked: t,
            })
            .collect();
        draw_picks(f, main, &items, self.selected);
        let keys: Vec<Line> = keys.into_iter().map(Line::raw).collect();
        f.render_widget(
            Paragraph::new(keys).style(Style::default().add_modifier(Modifier::REVERSED)),
            foot,
        );
        if self.help {
            help(f, area, KEYS);
        }
    }
}

/// One conflict as the pick screens show it: the field, and the two values side by side.
pub(super) struct PickItem {
    /// The field and its value before (`▶ 项目支出：原值 …`).
    pub head: String,
    /// The left value (theirs, the remote's) with its mark, and the right one (ours).
    pub left: String,
    pub right: String,
    /// Whether the left value is the one picked.
    pub left_picked: bool,
}

/// The keys that move between conflicts and pick a side, shared by the pick screens:
/// `sides[i]` true = the left value (theirs, the remote's).
pub(super) fn pick_key(code: KeyCode, selected: &mut usize, sides: &mut [bool]) {
    let n = sides.len();
    let Some(side) = sides.get_mut(*selected) else {
        return;
    };
    match code {
        KeyCode::Up => *selected = selected.saturating_sub(1),
        KeyCode::Down => *selected = (*selected + 1).min(n.saturating_sub(1)),
        KeyCode::Left | KeyCode::Char('t') => *side = true,
        KeyCode::Right | KeyCode::Char('o') => *side = false,
        KeyCode::Char(' ') => *side = !*side,
        _ => {}
    }
}

/// A pick's check box.
pub(super) fn mark(picked: bool) -> &'static str {
    if picked { "[✓]" } else { "[ ]" }
}

/// A conflict's value for people, or that it was deleted.
pub(super) fn side_text(v: &Option<String>) -> String {
    match v {
        Some(_) => crate::report::history::value_for_people(v.as_deref()),
        None => crate::text::tui::DELETED.into(),
    }
}

/// The conflicts in `area`, both values side by side, scrolled so that the selected one is
/// on the screen (two lines a conflict).
pub(super) fn draw_picks(f: &mut Frame, area: Rect, items: &[PickItem], selected: usize) {
    let w = (area.width as usize).saturating_sub(4) / 2;
    let bottom = u16::try_from(2 * (selected + 1)).unwrap_or(u16::MAX);
    let scroll = bottom.saturating_sub(area.height);
    f.render_widget(
        Paragraph::new(pick_lines(items, selected, w)).scroll((scroll, 0)),
        area,
    );
}

/// The lines of a list of conflicts, two per conflict (the field; both values, the picked one
/// underlined), the selected field reversed; `w` is the width of each value's column.
fn pick_lines(items: &[PickItem], selected: usize, w: usize) -> Vec<Line<'static>> {
    let pick = Style::default().add_modifier(Modifier::BOLD | Modifier::UNDERLINED);
    let mut lines = Vec::new();
    for (i, it) in items.iter().enumerate() {
        let field_style = if i == selected {
            Style::default().add_modifier(Modifier::REVERSED)
        } else {
            Style::default().add_modifier(Modifier::BOLD)
        };
        lines.push(Line::styled(it.head.clone(), field_style));
        let (l, r) = if it.left_picked {
            (pick, Style::default())
        } else {
            (Style::default(), pick)
        };
        lines.push(Line::from(vec![
            Span::styled(pad(&it.left, w), l),
            Span::raw("  "),
            Span::styled(truncate(&it.right, w), r),
        ]));
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;

    /// The screen's text, one string a row (a double-width character once, not followed by
    /// the blank of its second cell).
    fn rows(items: &[PickItem], selected: usize, height: u16) -> Vec<String> {
        let mut t = Terminal::new(TestBackend::new(80, height)).expect("terminal");
        t.draw(|f| draw_picks(f, f.area(), items, selected))
            .expect("draw");
        let buf = t.backend().buffer();
        (0..height)
            .map(|y| {
                let mut row = String::new();
                let mut x = 0;
                while x < 80 {
                    let s = buf[(x, y)].symbol();
                    row.push_str(s);
                    x += u16::try_from(crate::text::width(s).max(1)).unwrap_or(1);
                }
                row
            })
            .collect()
    }

    /// More conflicts than fit on a 24-row screen: whichever is selected is on the screen,
    /// with its two values, and the list starts at the top while the first ones are.
    #[test]
    fn the_selected_conflict_is_always_on_the_screen() {
        let items: Vec<PickItem> = (0..30)
            .map(|i| PickItem {
                head: format!("字段{i:02}：原值"),
                left: format!("远端{i:02}"),
                right: format!("本地{i:02}"),
                left_picked: i % 2 == 0,
            })
            .collect();
        for selected in [0, 5, 9, 10, 17, 29] {
            let screen = rows(&items, selected, 20);
            let head = format!("字段{selected:02}");
            let at = screen
                .iter()
                .position(|r| r.contains(&head))
                .unwrap_or_else(|| panic!("{head} not on {screen:#?}"));
            assert!(
                screen[at + 1].contains(&format!("远端{selected:02}")),
                "{screen:#?}"
            );
            assert!(
                screen[at + 1].contains(&format!("本地{selected:02}")),
                "{screen:#?}"
            );
            if selected < 10 {
                assert!(screen[0].contains("字段00"), "{selected}: {screen:#?}");
            } else {
                assert_eq!(at, 18, "{selected} on the last two rows: {screen:#?}");
            }
        }
    }
}
