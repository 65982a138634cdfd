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

fn value(text: &Option<String>) -> Result<Option<toml_edit::Value>> {
    text.as_deref()
        .map(|t| {
            t.parse::<toml_edit::Value>()
                .map_err(|e| Error::Other(crate::text::tui::bad_conflict_value(t, e)))
        })
        .transpose()
}

fn put(d: &mut toml_edit::DocumentMut, field: &str, v: Option<toml_edit::Value>) -> Result<()> {
    match v {
        Some(v) => doc::set(d, field, v),
        None => doc::remove(d, field),
    }
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
        let n = self.conflicts.len();
        match key.code {
            KeyCode::Esc => return ConflictRequest::Back,
            KeyCode::Up => self.selected = self.selected.saturating_sub(1),
            KeyCode::Down => self.selected = (self.selected + 1).min(n.saturating_sub(1)),
            KeyCode::Left | KeyCode::Char('t') => self.theirs[self.selected] = true,
            KeyCode::Right | KeyCode::Char('o') => self.theirs[self.selected] = false,
            KeyCode::Char(' ') => self.theirs[self.selected] = !self.theirs[self.selected],
            KeyCode::Char('?') => self.help = true,
            KeyCode::Enter => return ConflictRequest::Save(Box::new(self.merge())),
            _ => {}
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
        let w = (area.width as usize).saturating_sub(4) / 2;
        let show = |v: &Option<String>| match v {
            Some(_) => crate::report::history::value_for_people(v.as_deref()),
            None => crate::text::tui::DELETED.into(),
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
                crate::text::tui::conflict_field(sel, &c.label, &show(&c.base)),
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
                    pad(&crate::text::tui::theirs(t, &show(&c.theirs)), w),
                    if self.theirs[i] {
                        pick
                    } else {
                        Style::default()
                    },
                ),
                Span::raw("  "),
                Span::styled(
                    truncate(&crate::text::tui::ours(o, &show(&c.ours)), w),
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
