//! Driving the terminal UI in tests: keys in, the screen as text out (TestBackend).

use jixiao::tui::App;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

pub fn screen(app: &App, w: u16, h: u16) -> String {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| app.draw(f)).unwrap();
    let buf = t.backend().buffer().clone();
    let mut out = String::new();
    for y in 0..h {
        let mut line = String::new();
        let mut x = 0;
        while x < w {
            let sym = buf[(x, y)].symbol();
            line.push_str(sym);
            // A double-width character covers the next cell too.
            x += jixiao::text::width(sym).max(1) as u16;
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// One key, then the result of any background work it started (history, blame, a diff), as
/// a person would wait for it.
pub fn key(app: &mut App, code: KeyCode) {
    app.key(KeyEvent::new(code, KeyModifiers::NONE));
    app.wait_job(std::time::Duration::from_secs(60));
}

pub fn ctrl(app: &mut App, c: char) {
    app.key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL));
    app.wait_job(std::time::Duration::from_secs(60));
}

pub fn typed(app: &mut App, s: &str) {
    for c in s.chars() {
        key(app, KeyCode::Char(c));
    }
}

/// Moves the cursor down until the row under it starts with `label`.
pub fn go_to(app: &mut App, label: &str) {
    for _ in 0..200 {
        let ed = app.editor().unwrap();
        let here = ed.rows[ed.cursor.0]
            .cells
            .first()
            .map(|c| c.text.clone())
            .unwrap_or_default();
        if here.trim_start().starts_with(label) {
            return;
        }
        key(app, KeyCode::Down);
    }
    panic!("no row {label}");
}

pub fn wait_loaded(app: &mut App) {
    for _ in 0..200 {
        app.tick();
        if let Some(jixiao::tui::Screen::Home(h)) = app.screens.first()
            && !h.loading
        {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    panic!("home rows never finished loading");
}
