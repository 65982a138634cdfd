//! Resolving a save that conflicts with someone else's commit: every field both sides
//! changed, with both values, and a pick for each. Nothing is committed until the person
//! confirms, and their own text stays in the editor (and in the kept file) meanwhile.

use super::view::help;
use crate::record::doc;
use crate::repo::{Dept, Repo};
use crate::store::{self, Conflict};
use crate::text::{pad, truncate};
use crate::{Error, Result};
use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::{Constraint, Layout};
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

const KEYS: &[(&str, &str)] = &[
    ("↑ ↓", "选择冲突字段"),
    ("← 或 t", "采用他人的值"),
    ("→ 或 o", "保留我的值"),
    ("空格", "在两者间切换"),
    ("Enter", "按所选合并并保存"),
    ("Esc", "暂不保存，回到编辑（我的修改仍在）"),
];

/// What the conflict screen asks of the application.
pub enum ConflictRequest {
    None,
    Back,
    /// The merged text to save on top of revision `base`.
    Save {
        text: String,
        base: String,
    },
}

fn value(text: &Option<String>) -> Result<Option<toml_edit::Value>> {
    text.as_deref()
        .map(|t| {
            t.parse::<toml_edit::Value>()
                .map_err(|e| Error::Other(format!("冲突值 `{t}`：{e}")))
        })
        .transpose()
}

fn put(d: &mut toml_edit::DocumentMut, field: &str, v: Option<toml_edit::Value>) -> Result<()> {
    match v {
        Some(v) => doc::set(d, field, v),
        None => doc::remove(d, field),
    }
}

impl Conflicts {
    /// The merged text for the picks, and the revision it goes on top of.
    pub fn resolve(&self, repo: &Repo) -> Result<(String, String)> {
        let path = repo.record_path(&self.dept, self.year);
        let (tip, theirs) = match store::tip(repo, &self.dept, self.year)? {
            Some((rev, Some(text))) => (rev, text),
            _ => {
                return Err(Error::Other("评价库中已没有这份记录".into()));
            }
        };
        let base_text =
            store::read_base(repo, &self.dept, self.year, &self.base)?.unwrap_or_default();
        // Rows named by id in the conflicts must be found in base and ours too.
        let (base_text, ours_text) =
            crate::record::rows::align_row_ids(&path, &base_text, &theirs, &self.ours)?;
        let mut base = doc::parse(&path, &base_text)?;
        let mut ours = doc::parse(&path, &ours_text)?;
        for (c, take_theirs) in self.conflicts.iter().zip(&self.theirs) {
            let t = value(&c.theirs)?;
            if *take_theirs && c.ours.is_none() && c.field.ends_with(']') {
                // A row we deleted and they edited: without it in base, it is their row, which
                // the merge keeps where they have it.
                put(&mut base, &c.field, None)?;
            } else if *take_theirs {
                // Ours equal to theirs: the merge takes it without conflict.
                put(&mut ours, &c.field, t)?;
            } else {
                // Base equal to theirs: only ours changed it, so the merge keeps ours.
                put(&mut base, &c.field, t)?;
            }
        }
        let merged = store::merge3(&path, &base.to_string(), &theirs, &ours.to_string())?;
        if !merged.conflicts.is_empty() {
            let fields: Vec<&str> = merged.conflicts.iter().map(|c| c.label.as_str()).collect();
            return Err(Error::Other(format!("仍有冲突：{}", fields.join("、"))));
        }
        Ok((merged.text, tip))
    }

    /// Handles a key.
    pub fn key(&mut self, repo: &Repo, key: KeyEvent) -> (ConflictRequest, Option<String>) {
        if self.help {
            self.help = false;
            return (ConflictRequest::None, None);
        }
        let n = self.conflicts.len();
        match key.code {
            KeyCode::Esc => return (ConflictRequest::Back, None),
            KeyCode::Up => self.selected = self.selected.saturating_sub(1),
            KeyCode::Down => self.selected = (self.selected + 1).min(n.saturating_sub(1)),
            KeyCode::Left | KeyCode::Char('t') => self.theirs[self.selected] = true,
            KeyCode::Right | KeyCode::Char('o') => self.theirs[self.selected] = false,
            KeyCode::Char(' ') => self.theirs[self.selected] = !self.theirs[self.selected],
            KeyCode::Char('?') => self.help = true,
            KeyCode::Enter => {
                return match self.resolve(repo) {
                    Ok((text, base)) => (ConflictRequest::Save { text, base }, None),
                    Err(e) => (ConflictRequest::None, Some(format!("无法合并：{e}"))),
                };
            }
            _ => {}
        }
        (ConflictRequest::None, None)
    }

    /// Draws the conflicts, both values side by side.
    pub fn draw(&self, f: &mut Frame, status: Option<&str>) {
        let area = f.area();
        let kept = format!("我的版本已另存于 {}", self.kept.display());
        // The file path and any message wrap, so all of them can be read.
        let kept = crate::text::wrap(&kept, area.width as usize);
        let keys = status.map(str::to_string).unwrap_or_else(|| {
            "↑↓ 选择 ←/t 他人 →/o 我的 Enter 合并保存 Esc 返回编辑 ? 帮助".into()
        });
        let keys = crate::text::wrap(&keys, area.width as usize);
        let [head, main, foot] = Layout::vertical([
            Constraint::Length(1 + kept.len() as u16),
            Constraint::Min(2),
            Constraint::Length(keys.len() as u16),
        ])
        .areas(area);
        let title = format!(
            "保存冲突 {}/{}：他人同时修改了 {} 个相同字段，逐项选择后 Enter 保存",
            self.dept,
            self.year,
            self.conflicts.len()
        );
        let mut head_lines = vec![Line::styled(
            title,
            Style::default().add_modifier(Modifier::BOLD),
        )];
        head_lines.extend(kept.into_iter().map(Line::raw));
        f.render_widget(Paragraph::new(head_lines), head);
        let w = (area.width as usize).saturating_sub(4) / 2;
        let show = |v: &Option<String>| match v {
            Some(_) => crate::report::history::value_for_people(v.as_deref()),
            None => "（删除）".into(),
        };
        let mut lines = Vec::new();
        for (i, c) in self.conflicts.iter().enumerate() {
            let sel = i == self.selected;
            let field_style = if sel {
                Style::default().add_modifier(Modifier::REVERSED)
            } else {
                Style::default().add_modifier(Modifier::BOLD)
            };
            lines.push(Line::styled(
                format!(
                    "{} {}  原值：{}",
                    if sel { "▶" } else { " " },
                    c.label,
                    show(&c.base)
                ),
                field_style,
            ));
            let (t, o) = if self.theirs[i] {
                ("[✓]", "[ ]")
            } else {
                ("[ ]", "[✓]")
            };
            let pick = Style::default().add_modifier(Modifier::BOLD | Modifier::UNDERLINED);
            lines.push(Line::from(vec![
                Span::styled(
                    pad(&format!(" {t} 他人：{}", show(&c.theirs)), w),
                    if self.theirs[i] {
                        pick
                    } else {
                        Style::default()
                    },
                ),
                Span::raw("  "),
                Span::styled(
                    truncate(&format!("{o} 我的：{}", show(&c.ours)), w),
                    if self.theirs[i] {
                        Style::default()
                    } else {
                        pick
                    },
                ),
            ]));
        }
        f.render_widget(Paragraph::new(lines), main);
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
