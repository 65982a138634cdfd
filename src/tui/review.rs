//! Review screens: the record's history (as `jixiao log`), a score diff between two
//! revisions or drafts (as `jixiao diff`) and blame per indicator (as `jixiao blame`). They
//! show the command line's own text, so the two front ends cannot disagree.

use super::view::{centered, help};
use crate::num;
use crate::repo::{Dept, Repo};
use crate::report::history::{self as printers, Style as Plain};
use crate::store::{self, Revision};
use crate::text::{pad, rpad, truncate};
use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::{Constraint, Layout};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};
use ratatui_textarea::TextArea;

const PLAIN: Plain = Plain { colour: false };

/// What a review screen asks of the application.
pub enum ReviewRequest {
    None,
    Back,
    /// Open a text view (diff, blame).
    Show(TextView),
    /// Read it in the background (a diff, blame): the view opens when it is ready.
    Work(super::job::Job),
}

/// The history of one record.
pub struct History {
    pub dept: Dept,
    pub year: u16,
    pub revs: Vec<Revision>,
    /// One line per revision, as `jixiao log` prints it.
    pub lines: Vec<String>,
    pub selected: usize,
    /// The first revision picked for a diff.
    pub marked: Option<usize>,
    /// Typing a draft name.
    pub naming: Option<TextArea<'static>>,
    pub help: bool,
    pub status: Option<String>,
}

const HISTORY_KEYS: &[(&str, &str)] = crate::text::screens::HISTORY_KEYS;

impl History {
    /// Reads the history of a record.
    pub fn load(repo: &Repo, dept: &Dept, year: u16) -> crate::Result<History> {
        let revs = store::log(repo, dept, year)?;
        let lines = revs.iter().map(line).collect();
        Ok(History {
            dept: dept.clone(),
            year,
            revs,
            lines,
            selected: 0,
            marked: None,
            naming: None,
            help: false,
            status: None,
        })
    }

    /// The score diff of `a` → `b` (`None`: the working file), read in the background.
    fn diff(&self, repo: &Repo, a: Option<&str>, b: Option<&str>) -> ReviewRequest {
        // A revision named as a draft is shown by its name, as people refer to it.
        let names: Vec<(String, String)> = self
            .revs
            .iter()
            .filter(|r| !r.drafts.is_empty())
            .map(|r| {
                (
                    r.id.clone(),
                    crate::text::screens::drafts_at(&r.drafts, &r.short),
                )
            })
            .collect();
        let (repo, dept, year) = (repo.clone(), self.dept.clone(), self.year);
        let (a, b) = (a.map(str::to_string), b.map(str::to_string));
        ReviewRequest::Work(super::job::Job::start(
            crate::text::screens::COMPUTING_DIFF,
            move || {
                super::job::Done::Text(
                    match store::diff(&repo, &dept, year, a.as_deref(), b.as_deref()) {
                        Ok(mut d) => {
                            let named = |rev: &Option<String>| {
                                names
                                    .iter()
                                    .find(|(id, _)| Some(id) == rev.as_ref())
                                    .map(|(_, n)| n.clone())
                            };
                            if let Some(n) = named(&d.from_rev) {
                                d.from_label = n;
                            }
                            if let Some(n) = named(&d.to_rev) {
                                d.to_label = n;
                            }
                            let title =
                                crate::text::screens::diff_title(&d.from_label, &d.to_label);
                            TextView::new(title, &printers::diff_text(&d, PLAIN))
                        }
                        Err(e) => TextView::new(
                            crate::text::screens::DIFF_TITLE.into(),
                            &crate::text::screens::cannot_compare(e),
                        ),
                    },
                )
            },
        ))
    }

    /// Handles a key.
    pub fn key(&mut self, repo: &Repo, key: KeyEvent) -> ReviewRequest {
        self.status = None;
        if self.help {
            self.help = false;
            return ReviewRequest::None;
        }
        if let Some(area) = &mut self.naming {
            match key.code {
                KeyCode::Esc => self.naming = None,
                KeyCode::Enter => {
                    let name = area.lines().join("").trim().to_string();
                    let Some(rev) = self.revs.get(self.selected) else {
                        return ReviewRequest::None;
                    };
                    // Tagging and reading the history again is git work: in the background.
                    let (repo, dept, year) = (repo.clone(), self.dept.clone(), self.year);
                    let (id, short, at) = (rev.id.clone(), rev.short.clone(), self.selected);
                    self.naming = None;
                    return ReviewRequest::Work(
                        super::job::Job::start(crate::text::screens::NAMING, move || {
                            super::job::Done::Named(Box::new(
                                match store::draft(&repo, &dept, year, &name, Some(&id)) {
                                    Ok(_) => History::load(&repo, &dept, year)
                                        .map(|mut h| {
                                            h.selected = at;
                                            h.status =
                                                Some(crate::text::screens::named(&short, &name));
                                            h
                                        })
                                        .map_err(|e| {
                                            crate::text::screens::named_unreadable(&name, e)
                                        }),
                                    Err(e) => Err(crate::text::screens::not_named(e)),
                                },
                            ))
                        })
                        // The tag is made whether or not one waits: the history must show it.
                        .not_cancellable(),
                    );
                }
                _ => {
                    area.input(key);
                }
            }
            return ReviewRequest::None;
        }
        let n = self.revs.len();
        match key.code {
            KeyCode::Esc | KeyCode::Char('q') => return ReviewRequest::Back,
            KeyCode::Up | KeyCode::Char('k') => self.selected = self.selected.saturating_sub(1),
            KeyCode::Down | KeyCode::Char('j') => {
                self.selected = (self.selected + 1).min(n.saturating_sub(1))
            }
            KeyCode::Char(' ') => {
                self.marked = if self.marked == Some(self.selected) {
                    None
                } else {
                    Some(self.selected)
                };
            }
            KeyCode::Enter => {
                let Some(sel) = self.revs.get(self.selected) else {
                    return ReviewRequest::None;
                };
                return match self.marked.and_then(|m| self.revs.get(m)) {
                    // Older first, whichever order they were picked in.
                    Some(m) if self.marked > Some(self.selected) => {
                        self.diff(repo, Some(&m.id), Some(&sel.id))
                    }
                    Some(m) => self.diff(repo, Some(&sel.id), Some(&m.id)),
                    None => match self.revs.get(self.selected + 1) {
                        Some(prev) => self.diff(repo, Some(&prev.id), Some(&sel.id)),
                        None => {
                            self.status = Some(crate::text::screens::FIRST_REVISION.into());
                            ReviewRequest::None
                        }
                    },
                };
            }
            KeyCode::Char('w') => {
                if let Some(sel) = self.revs.get(self.selected) {
                    let id = sel.id.clone();
                    return self.diff(repo, Some(&id), None);
                }
            }
            KeyCode::Char('d') if n > 0 => {
                self.naming = Some(TextArea::default());
            }
            KeyCode::Char('B') => {
                return ReviewRequest::Work(blame_job(repo, &self.dept, self.year));
            }
            KeyCode::Char('?') => self.help = true,
            _ => {}
        }
        ReviewRequest::None
    }

    /// Draws the history.
    pub fn draw(&self, f: &mut Frame) {
        let area = f.area();
        let keys = self
            .status
            .clone()
            .unwrap_or_else(|| crate::text::screens::HISTORY_FOOTER.into());
        // A message (a draft that could not be named, say) wraps so all of it shows.
        let keys = crate::text::wrap(&keys, area.width as usize);
        let [head, main, foot] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Min(2),
            Constraint::Length(
                keys.len()
                    .min(area.height.saturating_sub(3) as usize)
                    .max(1) as u16,
            ),
        ])
        .areas(area);
        let title = crate::text::screens::history_title(&self.dept, self.year, self.revs.len());
        f.render_widget(
            Paragraph::new(Span::styled(
                title,
                Style::default().add_modifier(Modifier::BOLD),
            )),
            head,
        );
        let h = main.height as usize;
        let skip = self.selected.saturating_sub(h.saturating_sub(1));
        let mut lines = Vec::new();
        for (i, l) in self.lines.iter().enumerate().skip(skip).take(h) {
            let mark = if self.marked == Some(i) { "●" } else { " " };
            let st = if i == self.selected {
                Style::default().add_modifier(Modifier::REVERSED)
            } else {
                Style::default()
            };
            lines.push(Line::styled(
                truncate(&format!("{mark}{l}"), area.width as usize),
                st,
            ));
        }
        if self.revs.is_empty() {
            lines.push(Line::raw(crate::text::screens::NO_HISTORY));
        }
        f.render_widget(Paragraph::new(lines), main);
        let keys: Vec<Line> = keys.into_iter().map(Line::raw).collect();
        f.render_widget(
            Paragraph::new(keys).style(Style::default().add_modifier(Modifier::REVERSED)),
            foot,
        );
        if let Some(ta) = &self.naming {
            let r = centered(area, 60, 4);
            f.render_widget(Clear, r);
            let block = Block::default()
                .borders(Borders::ALL)
                .title(crate::text::screens::DRAFT_NAME_TITLE);
            let inner = block.inner(r);
            f.render_widget(block, r);
            let [l1, l2] = Layout::vertical([Constraint::Length(1); 2]).areas(inner);
            f.render_widget(ta, l1);
            let sc = ta.screen_cursor();
            f.set_cursor_position((l1.x + sc.col as u16, l1.y));
            f.render_widget(Paragraph::new(crate::text::screens::DRAFT_NAME_KEYS), l2);
        }
        if self.help {
            help(f, area, HISTORY_KEYS);
        }
    }
}

/// One revision in 80 columns: `a9d0527 2026-11-27 08:21 王评价 95.20 -0.77 优 [初稿] 说明`.
fn line(r: &Revision) -> String {
    // With the year: a record's history spans the drafts of more than one year.
    let when: String = r.time.local.chars().take(16).collect();
    let total = r.total.map(num::fixed2).unwrap_or_else(|| "—".into());
    let delta = match r.delta {
        Some(d) if d > rust_decimal::Decimal::ZERO => format!("+{}", num::fixed2(d)),
        Some(d) => num::fixed2(d),
        None => String::new(),
    };
    let drafts = if r.drafts.is_empty() {
        String::new()
    } else {
        format!("[{}] ", r.drafts.join(","))
    };
    // The details (the rubric's problems, its part of the change) are in `d` (diff).
    let rubric = if r.error.is_some() {
        crate::text::screens::RUBRIC_INVALID_MARK
    } else if r.rubric_changed {
        crate::text::screens::RUBRIC_CHANGED_MARK
    } else {
        ""
    };
    format!(
        "{} {when} {} {} {} {} {drafts}{rubric}{}",
        r.short,
        pad(&r.author, 8),
        rpad(&total, 6),
        rpad(&delta, 6),
        pad(r.grade.as_deref().unwrap_or("—"), 2),
        r.summary
    )
}

/// Blame of every indicator, as a text view.
pub fn blame_view(repo: &Repo, dept: &Dept, year: u16) -> TextView {
    let body = match store::blame(repo, dept, year) {
        Ok(rows) if rows.is_empty() => crate::text::screens::NO_REVISIONS.to_string(),
        Ok(rows) => printers::blame_text(&rows, PLAIN),
        Err(e) => crate::text::screens::unreadable(e),
    };
    TextView::new(crate::text::screens::blame_title(dept, year), &body)
}

/// [`blame_view`] read in the background.
pub fn blame_job(repo: &Repo, dept: &Dept, year: u16) -> super::job::Job {
    let (repo, dept) = (repo.clone(), dept.clone());
    super::job::Job::start(crate::text::screens::READING_BLAME, move || {
        super::job::Done::Text(blame_view(&repo, &dept, year))
    })
}

/// [`History::load`] read in the background.
pub fn history_job(repo: &Repo, dept: &Dept, year: u16) -> super::job::Job {
    let (repo, dept) = (repo.clone(), dept.clone());
    super::job::Job::start(crate::text::screens::READING_HISTORY, move || {
        super::job::Done::History(Box::new(History::load(&repo, &dept, year)))
    })
}

/// A scrollable page of text (diff, blame), with `[-deleted-]` and `{+inserted+}` marked.
pub struct TextView {
    pub title: String,
    pub lines: Vec<String>,
    pub scroll: usize,
}

impl TextView {
    /// A view of `text`.
    pub fn new(title: String, text: &str) -> TextView {
        TextView {
            title,
            lines: text.lines().map(str::to_string).collect(),
            scroll: 0,
        }
    }

    /// The lines as shown `width` cells wide: a long line takes several screen rows.
    pub fn screen_rows(&self, width: usize) -> Vec<Line<'static>> {
        self.lines
            .iter()
            .flat_map(|l| split_rows(marked_line(l), width.max(2)))
            .collect()
    }

    /// Handles a key in a terminal of `(width, height)`; true when the view closes. Scrolls
    /// by screen rows, so a page down shows the rows right after the last one shown.
    pub fn key(&mut self, key: KeyEvent, (w, h): (u16, u16)) -> bool {
        // The text sits below the title line and above the key line.
        let page = (h as usize).saturating_sub(3).max(1);
        let max = self.screen_rows(w as usize).len().saturating_sub(1);
        match key.code {
            KeyCode::Esc | KeyCode::Char('q') => return true,
            KeyCode::Down | KeyCode::Char('j') => self.scroll = (self.scroll + 1).min(max),
            KeyCode::Up | KeyCode::Char('k') => self.scroll = self.scroll.saturating_sub(1),
            KeyCode::PageDown | KeyCode::Char(' ') => self.scroll = (self.scroll + page).min(max),
            KeyCode::PageUp => self.scroll = self.scroll.saturating_sub(page),
            KeyCode::Home => self.scroll = 0,
            _ => {}
        }
        false
    }

    /// Draws the view: `scroll` counts screen rows.
    pub fn draw(&self, f: &mut Frame) {
        let area = f.area();
        let [main, foot] =
            Layout::vertical([Constraint::Min(2), Constraint::Length(1)]).areas(area);
        let block = Block::default()
            .borders(Borders::TOP)
            .title(self.title.clone());
        let inner = block.inner(main);
        let rows = self.screen_rows(inner.width as usize);
        let total = rows.len();
        let shown: Vec<Line> = rows
            .into_iter()
            .skip(self.scroll)
            .take(inner.height as usize)
            .collect();
        f.render_widget(Paragraph::new(shown).block(block), main);
        let keys =
            crate::text::screens::text_footer((self.scroll + 1).min(total.max(1)), total.max(1));
        f.render_widget(
            Paragraph::new(Span::styled(
                keys,
                Style::default().add_modifier(Modifier::REVERSED),
            )),
            foot,
        );
    }
}

/// A line cut into screen rows of at most `width` cells, styles kept.
fn split_rows(line: Line<'static>, width: usize) -> Vec<Line<'static>> {
    use unicode_width::UnicodeWidthChar;
    let mut rows = vec![Vec::new()];
    let mut used = 0;
    for span in line.spans {
        let mut text = String::new();
        for c in span.content.chars() {
            let cw = c.width().unwrap_or(0);
            if used + cw > width {
                if !text.is_empty()
                    && let Some(row) = rows.last_mut()
                {
                    row.push(Span::styled(std::mem::take(&mut text), span.style));
                }
                rows.push(Vec::new());
                used = 0;
            }
            text.push(c);
            used += cw;
        }
        if !text.is_empty()
            && let Some(row) = rows.last_mut()
        {
            row.push(Span::styled(text, span.style));
        }
    }
    rows.into_iter().map(Line::from).collect()
}

/// Splits `a [-old-] b {+new+}` into spans: deletions crossed out, insertions underlined; the
/// markers stay, so the change reads without colour or font effects too.
fn marked_line(l: &str) -> Line<'static> {
    let mut spans = Vec::new();
    let mut rest = l;
    while !rest.is_empty() {
        let next = [
            ("[-", "-]", Modifier::CROSSED_OUT),
            ("{+", "+}", Modifier::UNDERLINED | Modifier::BOLD),
        ]
        .into_iter()
        .filter_map(|(o, c, m)| rest.find(o).map(|i| (i, o, c, m)))
        .min_by_key(|(i, ..)| *i);
        match next {
            Some((i, open, close, m)) => match rest[i + open.len()..].find(close) {
                Some(j) => {
                    spans.push(Span::raw(rest[..i].to_string()));
                    let end = i + open.len() + j + close.len();
                    spans.push(Span::styled(
                        rest[i..end].to_string(),
                        Style::default().add_modifier(m),
                    ));
                    rest = &rest[end..];
                }
                None => {
                    spans.push(Span::raw(rest.to_string()));
                    rest = "";
                }
            },
            None => {
                spans.push(Span::raw(rest.to_string()));
                rest = "";
            }
        }
    }
    Line::from(spans)
}
