//! The terminal UI: home screen, record editor, history. Key events become requests and
//! actions on plain state; `draw` is a pure function of that state, so every screen can be
//! tested with ratatui's `TestBackend`.

pub mod conflict;
pub mod cursor;
pub mod edit;
pub mod editor;
pub mod form;
pub mod home;
pub mod job;
pub mod label;
pub mod notes;
pub mod opening;
pub mod recovery;
pub mod review;
pub mod saving;
mod sync_pick;
mod syncing;
pub mod table;
pub mod view;

use crate::repo::{Dept, Repo};
use editor::{Editor, Request};
use home::{Home, HomeRequest};
use opening::Restore;
use ratatui::Frame;
use ratatui::crossterm::event::{self, Event, KeyEvent, KeyEventKind};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, TryRecvError};
use std::time::{Duration, Instant};

/// Colours on or off (NO_COLOR).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub color: bool,
}

impl Theme {
    /// Colour unless NO_COLOR is set (no-color.org).
    pub fn from_env() -> Theme {
        Theme {
            color: std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
        }
    }
}

/// A screen of the application.
pub enum Screen {
    Home(Box<Home>),
    Restore(Restore),
    Editor(Box<Editor>),
    History(Box<review::History>),
    Text(review::TextView),
    Conflicts(Box<conflict::Conflicts>),
    /// The conflicts of a sync, to pick.
    SyncPicks(Box<sync_pick::SyncPicks>),
}

/// The whole application state.
pub struct App {
    pub repo: Repo,
    pub theme: Theme,
    /// The screens, the visible one last.
    pub screens: Vec<Screen>,
    pub quit: bool,
    /// This process's editing session, whose recovery files it writes.
    pub session: recovery::Session,
    /// The editor revision and pending inputs last written to the recovery file.
    recovery_written: Option<(u64, Vec<recovery::Pending>)>,
    /// The mark that this session is editing the record of its recovery file.
    live: Option<recovery::Live>,
    loader: Option<Receiver<home::HomeRow>>,
    /// Git work running in the background (history, blame, a diff), shown as a progress line.
    pub job: Option<job::Job>,
    /// A message for the next frame, e.g. after a save.
    pub notice: Option<String>,
    /// The terminal's size.
    pub size: (u16, u16),
}

impl App {
    /// The application on its home screen; rows are read in the background.
    pub fn home(repo: Repo, theme: Theme) -> App {
        let rx = load_rows(&repo);
        let mut home = Box::<Home>::default();
        home.remote = syncing::remote_status(&repo);
        App {
            session: recovery::Session::new(crate::store::who(&repo)),
            repo,
            theme,
            screens: vec![Screen::Home(home)],
            quit: false,
            recovery_written: None,
            live: None,
            loader: Some(rx),
            job: None,
            notice: None,
            size: (80, 24),
        }
    }

    /// The application opened on one record (`jixiao edit`).
    pub fn edit(repo: Repo, theme: Theme, dept: Dept, year: u16) -> crate::Result<App> {
        let mut app = App {
            session: recovery::Session::new(crate::store::who(&repo)),
            repo,
            theme,
            screens: Vec::new(),
            quit: false,
            recovery_written: None,
            live: None,
            loader: None,
            job: None,
            notice: None,
            size: (80, 24),
        };
        // Before the terminal is taken over: a record that cannot be opened is the command's
        // error.
        let opened = opening::open(&app.repo, dept, year, None)?;
        app.opened(opened);
        Ok(app)
    }

    /// The editor, if it is the visible screen.
    pub fn editor(&mut self) -> Option<&mut Editor> {
        match self.screens.last_mut() {
            Some(Screen::Editor(e)) => Some(e),
            _ => None,
        }
    }

    /// Reads the home screen's rows again, if the home screen is open.
    fn reload_home(&mut self) {
        if let Some(Screen::Home(h)) = self.screens.first_mut() {
            h.rows.clear();
            h.loading = true;
            h.selected = 0;
            h.remote = syncing::remote_status(&self.repo);
            self.loader = Some(load_rows(&self.repo));
        }
    }

    fn pop(&mut self) {
        self.screens.pop();
        if self.screens.is_empty() {
            self.quit = true;
        }
    }

    /// Handles one key press.
    pub fn key(&mut self, key: KeyEvent) {
        self.notice = None;
        if self.job.is_some() {
            // Keys wait for the result, lest they act on a screen about to change; Esc stops
            // waiting (the thread's late result is dropped).
            if key.code == event::KeyCode::Esc && self.job.as_ref().is_some_and(|j| j.cancellable) {
                self.job = None;
                self.notice = Some(crate::text::tui::STOPPED_WAITING.into());
            }
            return;
        }
        let repo = self.repo.clone();
        match self.screens.last_mut() {
            None => self.quit = true,
            Some(Screen::Home(h)) => match h.key(&repo, key) {
                HomeRequest::Quit => self.pop(),
                HomeRequest::Open(d, y) => self.job = Some(opening::job(&repo, d, y, None)),
                HomeRequest::Create(d, y, new) => {
                    self.job = Some(opening::job(&repo, d, y, Some(new)));
                }
                HomeRequest::Reload => self.reload_home(),
                HomeRequest::Sync => self.job = Some(syncing::start(&repo, Vec::new())),
                HomeRequest::None => {}
            },
            Some(Screen::Restore(_)) => self.restore_key(key.code),
            Some(Screen::Editor(ed)) => match ed.key(key) {
                Request::None => {}
                Request::Quit => {
                    let (d, y) = (ed.dept.clone(), ed.year);
                    if !ed.unsaved() {
                        let _ = recovery::clear(&repo, &d, y, &self.session);
                    }
                    self.recovery_written = None;
                    self.pop();
                    // Back on the home screen: its total, grade and last save may have changed.
                    self.reload_home();
                }
                Request::Save(summary) => {
                    let text = ed.current_text();
                    let base = ed.base.clone();
                    self.save(&summary, &text, base);
                }
                Request::History => {
                    self.job = Some(review::history_job(&repo, &ed.dept, ed.year));
                }
                Request::Blame => self.job = Some(review::blame_job(&repo, &ed.dept, ed.year)),
            },
            Some(Screen::History(h)) => match h.key(&repo, key) {
                review::ReviewRequest::None => {}
                review::ReviewRequest::Back => self.pop(),
                review::ReviewRequest::Show(v) => self.screens.push(Screen::Text(v)),
                review::ReviewRequest::Work(j) => self.job = Some(j),
            },
            Some(Screen::Text(v)) => {
                if v.key(key, self.size) {
                    self.pop();
                }
            }
            Some(Screen::SyncPicks(p)) => match p.key(key) {
                sync_pick::SyncPickRequest::None => {}
                sync_pick::SyncPickRequest::Back => {
                    self.pop();
                    self.notice = Some(crate::text::sync_screen::NOT_DONE.into());
                }
                sync_pick::SyncPickRequest::Sync(picks) => {
                    // The screen stays until the outcome: new conflicts replace it.
                    self.job = Some(syncing::start(&repo, picks));
                }
            },
            Some(Screen::Conflicts(c)) => {
                match c.key(key) {
                    conflict::ConflictRequest::None => {}
                    conflict::ConflictRequest::Back => {
                        self.pop();
                        if let Some(ed) = self.editor() {
                            ed.status = Some(crate::text::tui::CONFLICT_UNRESOLVED.into());
                        }
                    }
                    conflict::ConflictRequest::Save(merge) => {
                        // The conflict screen stays until the outcome arrives: a failed merge
                        // is said on it, with the picks still there.
                        let opened = self.screens.iter().rev().find_map(|s| match s {
                            Screen::Editor(ed) => Some(ed.saved.clone()),
                            _ => None,
                        });
                        let opened = opened.unwrap_or_default();
                        self.job = Some(saving::merge_job(&repo, *merge, opened));
                    }
                }
            }
        }
    }

    /// Commits `text` as a save that started from `base`, in the background (see
    /// [`saving`]); keys wait until it is done.
    fn save(&mut self, summary: &str, text: &str, base: crate::store::Base) {
        let repo = self.repo.clone();
        let Some(ed) = self.editor() else { return };
        // The working file holds what the editor opened or last saved, unless changed by hand.
        let job = saving::job(
            &repo,
            saving::SaveWork {
                dept: ed.dept.clone(),
                year: ed.year,
                summary: summary.to_string(),
                text: text.to_string(),
                base,
                opened: ed.saved.clone(),
            },
        );
        self.job = Some(job);
    }

    /// Pasted text.
    pub fn paste(&mut self, text: &str) {
        if let Some(ed) = self.editor() {
            ed.paste(text);
        }
    }

    /// The terminal's size changed.
    pub fn resize(&mut self, w: u16, h: u16) {
        self.size = (w, h);
        for s in &mut self.screens {
            if let Screen::Editor(ed) = s {
                ed.height = (h as usize).saturating_sub(4);
                ed.width = w;
            }
        }
    }

    /// Takes the result of a background job.
    fn finish(&mut self, done: job::Done) {
        match done {
            job::Done::History(h) => match *h {
                Ok(h) => self.screens.push(Screen::History(Box::new(h))),
                Err(e) => match self.editor() {
                    Some(ed) => ed.status = Some(crate::text::tui::history_unreadable(&e)),
                    None => self.notice = Some(crate::text::tui::history_unreadable(&e)),
                },
            },
            job::Done::Text(v) => self.screens.push(Screen::Text(v)),
            job::Done::Synced(v) => {
                if matches!(self.screens.last(), Some(Screen::SyncPicks(_))) {
                    self.screens.pop();
                }
                // Records and drafts may have changed: the home screen reads them again.
                self.reload_home();
                self.screens.push(Screen::Text(v));
            }
            job::Done::SyncConflicts(p) => {
                if matches!(self.screens.last(), Some(Screen::SyncPicks(_))) {
                    self.screens.pop();
                }
                self.screens.push(Screen::SyncPicks(p));
            }
            job::Done::Saved(done) => {
                // A save from the conflict screen: its outcome belongs to the editor below.
                if matches!(self.screens.last(), Some(Screen::Conflicts(_))) {
                    self.screens.pop();
                }
                saving::apply(self, *done);
            }
            job::Done::Unmerged(msg) => self.notice = Some(msg),
            job::Done::Opened(opened) => match *opened {
                Ok(o) => {
                    if let Some(Screen::Home(h)) = self.screens.last_mut() {
                        h.created();
                    }
                    self.opened(o);
                }
                // A new record's error belongs in its form; any other is said on the screen.
                Err(e) => match self.screens.last_mut() {
                    Some(Screen::Home(h)) if h.creating() => h.create_failed(e.to_string()),
                    _ => self.notice = Some(e.to_string()),
                },
            },
            job::Done::Named(named) => {
                if let Some(Screen::History(h)) = self.screens.last_mut() {
                    match *named {
                        Ok(new) => **h = new,
                        Err(msg) => h.status = Some(msg),
                    }
                }
            }
        }
    }

    /// Whether background work is under way (home rows, a job): the screen then redraws
    /// on every tick.
    pub fn busy(&self) -> bool {
        self.loader.is_some() || self.job.is_some()
    }

    /// Waits up to `timeout` for the background job, if any, and takes its result.
    pub fn wait_job(&mut self, timeout: Duration) {
        if let Some(done) = self.job.as_mut().and_then(|j| j.wait(timeout)) {
            self.job = None;
            self.finish(done);
        }
    }

    /// Background work between keys: home rows arriving, a job's result, the recovery file.
    pub fn tick(&mut self) {
        if let Some(j) = &mut self.job {
            j.ticks += 1;
            if let Some(done) = j.poll() {
                self.job = None;
                self.finish(done);
            }
        }
        if let Some(rx) = &self.loader {
            loop {
                match rx.try_recv() {
                    Ok(row) => {
                        if let Some(Screen::Home(h)) = self.screens.first_mut() {
                            h.rows.push(row);
                        }
                    }
                    Err(TryRecvError::Empty) => break,
                    Err(TryRecvError::Disconnected) => {
                        if let Some(Screen::Home(h)) = self.screens.first_mut() {
                            h.loading = false;
                        }
                        self.loader = None;
                        break;
                    }
                }
            }
        }
        self.write_recovery();
    }

    /// Writes unsaved edits (and what is typed but not confirmed) to this session's recovery
    /// file when they changed since the last write.
    pub fn write_recovery(&mut self) {
        let repo = self.repo.clone();
        let session = self.session.clone();
        let last = self.recovery_written.clone();
        let Some(ed) = self.editor() else { return };
        let now = (ed.revision, ed.pending_inputs());
        if last.as_ref() == Some(&now) {
            return;
        }
        let text = ed.current_text();
        let unchanged = text == ed.saved && now.1.is_empty();
        let (dept, year, base) = (ed.dept.clone(), ed.year, ed.base.clone());
        let file = recovery::path(&repo, &dept, year, &session);
        let result = if unchanged {
            // Nothing unsaved: no file, and no mark of an edit in progress.
            self.live = None;
            recovery::clear(&repo, &dept, year, &session)
        } else {
            recovery::write(&repo, &dept, year, &session, &base, &text, &now.1).and_then(|_| {
                if self.live.as_ref().is_none_or(|l| l.recovery() != file) {
                    self.live = Some(recovery::Live::hold(&file)?);
                }
                Ok(())
            })
        };
        match result {
            Ok(()) => self.recovery_written = Some(now),
            // Added to what is shown, never in place of it: a save's error must stay visible.
            Err(e) => {
                let Some(ed) = self.editor() else { return };
                let msg = crate::text::tui::recovery_unwritable(e);
                ed.status = Some(match ed.status.take() {
                    Some(s) if !s.contains(&msg) => crate::text::tui::and(&s, &msg),
                    Some(s) => s,
                    None => msg,
                });
            }
        }
    }

    /// Draws the visible screen.
    pub fn draw(&self, f: &mut Frame) {
        match self.screens.last() {
            Some(Screen::Home(h)) => h.draw(f, &self.repo, &self.theme),
            Some(Screen::Editor(ed)) => view::draw_editor(f, ed, &self.theme),
            Some(Screen::History(h)) => h.draw(f),
            Some(Screen::Text(v)) => v.draw(f),
            Some(Screen::Conflicts(c)) => c.draw(f, self.notice.as_deref()),
            Some(Screen::SyncPicks(p)) => p.draw(f, self.notice.as_deref()),
            Some(Screen::Restore(r)) => opening::draw_restore(f, r),
            None => {}
        }
        if let Some(j) = &self.job {
            job::draw(f, j);
        }
        if let Some(n) = &self.notice {
            // All of it, wrapped, above the bottom line.
            let area = f.area();
            let lines = crate::text::wrap(n, area.width as usize);
            let h = (lines.len() as u16).min(area.height.saturating_sub(1));
            let r = ratatui::layout::Rect {
                y: area.height.saturating_sub(1 + h),
                height: h,
                ..area
            };
            let text: Vec<ratatui::text::Line> =
                lines.into_iter().map(ratatui::text::Line::raw).collect();
            f.render_widget(ratatui::widgets::Clear, r);
            f.render_widget(ratatui::widgets::Paragraph::new(text), r);
        }
    }
}

/// Reads the home screen's rows in a background thread, so the first frame does not wait.
fn load_rows(repo: &Repo) -> Receiver<home::HomeRow> {
    let (tx, rx) = std::sync::mpsc::channel();
    let r = repo.clone();
    std::thread::spawn(move || {
        // Three passes over the repository, none per record: the last saves (cached per
        // HEAD), the drafts (one listing of the tags) and the figures (cached per file).
        let last = crate::store::last_saves(&r).unwrap_or_default();
        let drafts = crate::store::latest_drafts(&r).unwrap_or_default();
        let (entries, _) = crate::store::portfolio::list(&r, None);
        for e in entries {
            let save = last.get(&Repo::record_rel(&e.dept, e.year));
            let draft = drafts.get(&(e.dept.as_str().to_string(), e.year));
            if tx.send(home::row(e, save, draft)).is_err() {
                break;
            }
        }
    });
    rx
}

/// Runs the application in the terminal until it quits or the session ends.
pub fn run(mut app: App) -> anyhow::Result<()> {
    use anyhow::Context;
    use ratatui::crossterm::{event::DisableBracketedPaste, event::EnableBracketedPaste, execute};
    // An SSH connection that drops sends SIGHUP; a shutdown sends SIGTERM: the main loop
    // sees the flag within 200 ms, writes the recovery file and restores the terminal. When
    // the terminal is gone, crossterm can spin reading the closed input and never return to
    // the loop; every change was already written to the recovery file after its key, so the
    // watchdog then ends the process.
    let stop = Arc::new(AtomicBool::new(false));
    let mut signals = signal_hook::iterator::Signals::new([
        signal_hook::consts::SIGHUP,
        signal_hook::consts::SIGTERM,
    ])
    .context(crate::text::tui::SIGNALS_FAILED)?;
    let flag = Arc::clone(&stop);
    std::thread::spawn(move || {
        if let Some(sig) = signals.forever().next() {
            flag.store(true, Ordering::SeqCst);
            std::thread::sleep(Duration::from_secs(2));
            std::process::exit(128 + sig);
        }
    });
    let mut terminal = ratatui::try_init().context(crate::text::tui::TERMINAL_FAILED)?;
    let ratatui_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(std::io::stdout(), DisableBracketedPaste);
        ratatui_hook(info);
    }));
    let _ = execute!(std::io::stdout(), EnableBracketedPaste);
    let size = terminal.size()?;
    app.resize(size.width, size.height);
    let result = event_loop(&mut terminal, &mut app, &stop);
    // Whatever happened, the unsaved text is on disk before the terminal goes; then this
    // session no longer edits, and its file may be offered to the next one at once.
    app.write_recovery();
    app.live = None;
    let _ = execute!(std::io::stdout(), DisableBracketedPaste);
    ratatui::restore();
    if let Some(n) = app.notice.take() {
        eprintln!("{n}");
    }
    result
}

fn event_loop(
    terminal: &mut ratatui::DefaultTerminal,
    app: &mut App,
    stop: &AtomicBool,
) -> anyhow::Result<()> {
    let mut dirty = true;
    let mut last_tick = Instant::now();
    while !app.quit {
        if stop.load(Ordering::Relaxed) {
            app.write_recovery();
            break;
        }
        if dirty {
            terminal.draw(|f| app.draw(f))?;
            dirty = false;
        }
        if event::poll(Duration::from_millis(200))? {
            match event::read()? {
                Event::Key(k) if k.kind != KeyEventKind::Release => {
                    if k.code == event::KeyCode::Char('l')
                        && k.modifiers.contains(event::KeyModifiers::CONTROL)
                    {
                        terminal.clear()?;
                    } else {
                        app.key(k);
                    }
                }
                Event::Paste(s) => app.paste(&s),
                Event::Resize(w, h) => app.resize(w, h),
                _ => {}
            }
            dirty = true;
        }
        if last_tick.elapsed() >= Duration::from_millis(200) || dirty {
            let was_busy = app.busy();
            app.tick();
            dirty |= was_busy;
            last_tick = Instant::now();
        }
    }
    Ok(())
}
