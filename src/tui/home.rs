//! The home screen: every department-year of the repository, filtered by year and name.

use super::Theme;
use super::view::{centered, help};
use crate::repo::{Dept, Repo, parse_year};
use crate::summary::{Distribution, Standing};
use crate::text::{pad, rpad};
use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};
use ratatui_textarea::TextArea;

/// One line of the home screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HomeRow {
    pub dept: Dept,
    pub year: u16,
    pub name: String,
    pub total: String,
    pub grade: String,
    /// Last save: author and time; latest draft name.
    pub author: String,
    pub time: String,
    pub draft: String,
    /// The rubric's grade names, highest first (empty when the record cannot be read), and
    /// where the record stands: what the grade distribution counts.
    pub bands: Vec<String>,
    pub standing: Standing,
}

/// Reads one record's row (the home screen reads them all with [`row`], in three passes).
pub fn load_row(
    repo: &Repo,
    dept: &Dept,
    year: u16,
    last: Option<&crate::store::LastSave>,
) -> HomeRow {
    let entry = crate::store::portfolio::Entry {
        dept: dept.clone(),
        year,
        listed: repo
            .load(dept, year)
            .map(|e| crate::store::portfolio::Listed::of(&e)),
    };
    let draft = crate::store::drafts(repo, dept, year)
        .ok()
        .and_then(|d| d.last().map(|d| d.name.clone()));
    row(entry, last, draft.as_ref())
}

/// One row from what the portfolio listed for the record, its last save and latest draft.
pub fn row(
    entry: crate::store::portfolio::Entry,
    last: Option<&crate::store::LastSave>,
    draft: Option<&String>,
) -> HomeRow {
    let mut bands = Vec::new();
    let mut standing = Standing::Unreadable;
    let (name, total, grade) = match entry.listed {
        Ok(l) => {
            bands = l.bands.to_vec();
            standing = Standing::of(l.complete.then_some(l.grade.as_str()));
            // A record with missing inputs has neither a total nor a grade yet.
            (l.name, l.total_text, l.grade)
        }
        // The whole error would not fit the name column; `jixiao rubric check` lists the problems.
        Err(crate::Error::InvalidRubric { name, problems, .. }) => (
            format!(
                "（指标体系 {name} 有 {} 个问题，不能用于评分：jixiao rubric check {name}）",
                problems.len()
            ),
            String::new(),
            String::new(),
        ),
        Err(e) => (format!("（无法读取：{e}）"), String::new(), String::new()),
    };
    let (author, time) = last
        .map(|l| {
            (
                l.author.clone(),
                l.time.local.chars().skip(5).take(5).collect(),
            )
        })
        .unwrap_or_default();
    HomeRow {
        dept: entry.dept,
        year: entry.year,
        name,
        total,
        grade,
        author,
        time,
        draft: draft.cloned().unwrap_or_default(),
        bands,
        standing,
    }
}

/// What the home screen is doing.
pub enum HomeMode {
    Normal,
    /// Typing the name filter.
    Filter,
    /// Asking DEPT, YEAR, 名称, 指标体系 for a new record.
    New {
        fields: Vec<TextArea<'static>>,
        focus: usize,
        error: Option<String>,
    },
    Help,
}

/// What the home screen asks of the application.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HomeRequest {
    None,
    Quit,
    Open(Dept, u16),
    /// Create a record, then open it (in the background).
    Create(Dept, u16, super::opening::NewRecord),
    /// Read every row again (after saves or edits elsewhere).
    Reload,
    /// Sync with the central repository (`jixiao sync`), in the background.
    Sync,
}

/// The home screen's state.
pub struct Home {
    pub rows: Vec<HomeRow>,
    /// Rows are still being read.
    pub loading: bool,
    pub query: TextArea<'static>,
    pub year: Option<u16>,
    pub selected: usize,
    pub mode: HomeMode,
    pub status: Option<String>,
    /// Where the branch stands against the remote as last fetched (`origin 领先 1 落后 0`),
    /// when there is a remote branch.
    pub remote: Option<String>,
}

const KEYS: &[(&str, &str)] = &[
    ("↑ ↓", "选择"),
    ("Enter", "打开记录"),
    ("/ 或直接输入中文", "按名称筛选（Esc 清除）"),
    ("y", "按年度筛选（循环）"),
    ("n", "新建记录（部门代码、年度、名称、指标体系）"),
    ("r", "重新读取"),
    (
        "s",
        "与中心仓库（origin）同步：取回、逐字段合并、推送，稿次双向传递",
    ),
    ("?", "本帮助"),
    ("q", "退出"),
];

impl Home {
    /// An empty home screen, rows to come.
    pub fn new() -> Home {
        Home {
            rows: Vec::new(),
            loading: true,
            query: TextArea::default(),
            year: None,
            selected: 0,
            mode: HomeMode::Normal,
            status: None,
            remote: None,
        }
    }

    /// The rows that pass the filters.
    pub fn visible(&self) -> Vec<&HomeRow> {
        let q = self.query.lines().join("");
        let q = q.trim();
        self.rows
            .iter()
            .filter(|r| self.year.is_none_or(|y| r.year == y))
            .filter(|r| q.is_empty() || r.name.contains(q) || r.dept.as_str().contains(q))
            .collect()
    }

    /// The grade distribution of the rows that pass the filters (the library's, as in
    /// `jixiao summary`).
    pub fn distribution(&self) -> Distribution {
        Distribution::of(
            self.visible()
                .into_iter()
                .map(|r| (r.year, r.bands.as_slice(), &r.standing)),
        )
    }

    fn years(&self) -> Vec<u16> {
        let mut y: Vec<u16> = self.rows.iter().map(|r| r.year).collect();
        y.sort_unstable();
        y.dedup();
        y
    }

    /// Whether the form for a new record is open.
    pub fn creating(&self) -> bool {
        matches!(self.mode, HomeMode::New { .. })
    }

    /// A record was opened: the form for a new record, if open, is done.
    pub fn created(&mut self) {
        if self.creating() {
            self.mode = HomeMode::Normal;
        }
    }

    /// The new record could not be made: why, in its form.
    pub fn create_failed(&mut self, why: String) {
        if let HomeMode::New { error, .. } = &mut self.mode {
            *error = Some(why);
        }
    }

    /// Handles a key.
    pub fn key(&mut self, repo: &Repo, key: KeyEvent) -> HomeRequest {
        self.status = None;
        match &mut self.mode {
            HomeMode::Help => self.mode = HomeMode::Normal,
            HomeMode::Filter => match key.code {
                KeyCode::Esc => {
                    self.query = TextArea::default();
                    self.mode = HomeMode::Normal;
                }
                KeyCode::Enter | KeyCode::Down | KeyCode::Up => self.mode = HomeMode::Normal,
                _ => {
                    self.query.input(key);
                    self.selected = 0;
                }
            },
            HomeMode::New {
                fields,
                focus,
                error,
            } => match key.code {
                KeyCode::Esc => self.mode = HomeMode::Normal,
                KeyCode::Tab | KeyCode::Down => *focus = (*focus + 1) % fields.len(),
                KeyCode::BackTab | KeyCode::Up => {
                    *focus = (*focus + fields.len() - 1) % fields.len()
                }
                KeyCode::Enter => {
                    let v: Vec<String> = fields
                        .iter()
                        .map(|f| f.lines().join("").trim().to_string())
                        .collect();
                    // The record is written and opened in the background; the form stays
                    // until then, to show an error where it was typed. With a team, the same
                    // check as `jixiao new` first.
                    let made = Dept::parse(&v[0]).and_then(|d| {
                        let y = parse_year(&v[1])?;
                        let edit = crate::team::Action::EditRecord {
                            dept: d.as_str(),
                            year: y,
                            final_draft: None,
                        };
                        crate::store::allow(repo, edit)?;
                        Ok((d, y))
                    });
                    match made {
                        Ok((d, y)) => {
                            *error = None;
                            let new = super::opening::NewRecord {
                                name: v[2].clone(),
                                rubric: v[3].clone(),
                            };
                            return HomeRequest::Create(d, y, new);
                        }
                        Err(e) => *error = Some(e.to_string()),
                    }
                }
                _ => {
                    fields[*focus].input(key);
                }
            },
            HomeMode::Normal => {
                let n = self.visible().len();
                match key.code {
                    KeyCode::Char('q') | KeyCode::Esc => return HomeRequest::Quit,
                    KeyCode::Up | KeyCode::Char('k') => {
                        self.selected = self.selected.saturating_sub(1)
                    }
                    KeyCode::Down | KeyCode::Char('j') => {
                        self.selected = (self.selected + 1).min(n.saturating_sub(1))
                    }
                    KeyCode::Enter => {
                        if let Some(r) = self.visible().get(self.selected) {
                            return HomeRequest::Open(r.dept.clone(), r.year);
                        }
                    }
                    KeyCode::Char('/') => self.mode = HomeMode::Filter,
                    KeyCode::Char('?') => self.mode = HomeMode::Help,
                    KeyCode::Char('y') => {
                        let years = self.years();
                        self.year = match self.year {
                            None => years.first().copied(),
                            Some(y) => years.iter().copied().find(|x| *x > y),
                        };
                        self.selected = 0;
                    }
                    KeyCode::Char('n') => {
                        let mut fields: Vec<TextArea<'static>> =
                            (0..4).map(|_| TextArea::default()).collect();
                        fields[3]
                            .insert_str(repo.rubric_names().first().cloned().unwrap_or_default());
                        self.mode = HomeMode::New {
                            fields,
                            focus: 0,
                            error: None,
                        };
                    }
                    KeyCode::Char('r') => return HomeRequest::Reload,
                    KeyCode::Char('s') => return HomeRequest::Sync,
                    KeyCode::Char(c) if !c.is_ascii() => {
                        self.query.insert_char(c);
                        self.mode = HomeMode::Filter;
                        self.selected = 0;
                    }
                    _ => {}
                }
            }
        }
        HomeRequest::None
    }

    /// Draws the home screen.
    pub fn draw(&self, f: &mut Frame, repo: &Repo, _theme: &Theme) {
        let area = f.area();
        let [head, filt, main, dist, foot] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Min(3),
            Constraint::Length(1),
            Constraint::Length(1),
        ])
        .areas(area);
        let title = match &self.remote {
            Some(r) => format!("jixiao 绩效评价  {r}  {}", repo.root().display()),
            None => format!("jixiao 绩效评价  {}", repo.root().display()),
        };
        f.render_widget(
            Paragraph::new(Span::styled(
                crate::text::truncate(&title, area.width as usize),
                Style::default().add_modifier(Modifier::BOLD),
            )),
            head,
        );
        let year = self
            .year
            .map(|y| y.to_string())
            .unwrap_or_else(|| "全部".into());
        let q = self.query.lines().join("");
        let filter = format!(
            "年度：{year}（y）  名称：{}{}",
            if q.is_empty() { "—" } else { &q },
            if matches!(self.mode, HomeMode::Filter) {
                "▏（Enter 完成，Esc 清除）"
            } else {
                "（/ 筛选）"
            }
        );
        f.render_widget(Paragraph::new(filter), filt);
        let mut lines = vec![Line::styled(
            columns(["部门", "年度", "名称", "总分", "等级", "最后保存", "草稿"]),
            Style::default().add_modifier(Modifier::UNDERLINED),
        )];
        let visible = self.visible();
        let h = main.height.saturating_sub(1) as usize;
        let skip = self.selected.saturating_sub(h.saturating_sub(1));
        for (i, r) in visible.iter().enumerate().skip(skip).take(h) {
            let who = if r.author.is_empty() {
                String::new()
            } else {
                format!("{} {}", r.author, r.time)
            };
            let year = r.year.to_string();
            let text = columns([
                r.dept.as_str(),
                &year,
                &r.name,
                &r.total,
                &r.grade,
                &who,
                &r.draft,
            ]);
            let st = if i == self.selected {
                Style::default().add_modifier(Modifier::REVERSED)
            } else {
                Style::default()
            };
            lines.push(Line::styled(text, st));
        }
        if visible.is_empty() {
            lines.push(Line::raw(if self.loading {
                "正在读取…"
            } else if self.rows.is_empty() {
                "还没有记录：按 n 新建"
            } else {
                "没有符合筛选的记录"
            }));
        }
        f.render_widget(Paragraph::new(lines), main);
        if !self.loading {
            let line = self.distribution().line();
            f.render_widget(
                Paragraph::new(crate::text::truncate(&line, area.width as usize)),
                dist,
            );
        }
        let keys = self.status.clone().unwrap_or_else(|| {
            "↑↓ 选择 Enter 打开 / 筛选 y 年度 n 新建 s 同步 ? 帮助 q 退出".into()
        });
        f.render_widget(
            Paragraph::new(Span::styled(
                keys,
                Style::default().add_modifier(Modifier::REVERSED),
            )),
            foot,
        );
        match &self.mode {
            HomeMode::Help => help(f, area, KEYS),
            HomeMode::New {
                fields,
                focus,
                error,
            } => new_form(f, area, fields, *focus, error.as_deref()),
            _ => {}
        }
    }
}

/// One line of the list in 80 columns: 部门 年度 名称 总分 等级 最后保存 草稿.
fn columns(c: [&str; 7]) -> String {
    format!(
        "{}{}{} {}  {}  {}  {}",
        pad(c[0], 12),
        pad(c[1], 5),
        pad(c[2], 26),
        rpad(c[3], 6),
        pad(c[4], 6),
        pad(c[5], 12),
        c[6]
    )
}

impl Default for Home {
    fn default() -> Self {
        Home::new()
    }
}

fn new_form(
    f: &mut Frame,
    area: Rect,
    fields: &[TextArea<'static>],
    focus: usize,
    error: Option<&str>,
) {
    // The error wraps onto as many lines as it needs, so all of it can be read.
    let errors = error.map(|e| crate::text::wrap(e, 66)).unwrap_or_default();
    let r = centered(area, 70, 8 + errors.len().max(1) as u16);
    f.render_widget(Clear, r);
    let block = Block::default()
        .borders(Borders::ALL)
        .title(" 新建记录（Tab 换栏，Enter 创建，Esc 取消） ");
    let inner = block.inner(r);
    f.render_widget(block, r);
    let labels = [
        "部门代码（如 bj-traffic）",
        "年度（四位数字）",
        "部门名称",
        "指标体系",
    ];
    let rows = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(1),
    ])
    .split(inner);
    for (i, (label, ta)) in labels.iter().zip(fields).enumerate() {
        let lw = 26u16;
        f.render_widget(
            Paragraph::new(pad(label, lw as usize)),
            Rect {
                width: lw,
                ..rows[i]
            },
        );
        let rect = Rect {
            x: rows[i].x + lw,
            width: rows[i].width.saturating_sub(lw),
            ..rows[i]
        };
        f.render_widget(ta, rect);
        if i == focus {
            let sc = ta.screen_cursor();
            f.set_cursor_position((rect.x + sc.col as u16, rect.y));
        }
    }
    if !errors.is_empty() {
        let lines: Vec<Line> = errors.into_iter().map(Line::raw).collect();
        f.render_widget(
            Paragraph::new(lines).style(Style::default().add_modifier(Modifier::BOLD)),
            rows[5],
        );
    }
}
