//! Editor and home screens rendered with ratatui's TestBackend.

use jixiao::repo::{Dept, EXAMPLE, Repo};
use jixiao::tui::{App, Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn seed_repo() -> (tempfile::TempDir, Repo) {
    let dir = tempfile::tempdir().unwrap();
    let repo = Repo::init(dir.path()).unwrap();
    let (dept, year, text) = EXAMPLE;
    std::fs::create_dir_all(dir.path().join("records").join(dept)).unwrap();
    std::fs::write(repo.record_path(&Dept::parse(dept).unwrap(), year), text).unwrap();
    (dir, repo)
}

fn screen(app: &App, w: u16, h: u16) -> String {
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

fn key(app: &mut App, code: KeyCode) {
    app.key(KeyEvent::new(code, KeyModifiers::NONE));
}

fn open_seed() -> (tempfile::TempDir, App) {
    let (dir, repo) = seed_repo();
    let mut app = App::edit(
        repo,
        Theme { color: false },
        Dept::parse("bj-traffic").unwrap(),
        2023,
    )
    .unwrap();
    app.resize(80, 24);
    (dir, app)
}

#[test]
fn editor_shows_scores_and_sections_at_80x24() {
    let (_d, app) = open_seed();
    let s = screen(&app, 80, 24);
    println!("{s}");
    assert!(s.contains("总分 95.97 优"), "{s}");
    assert!(s.contains("【一、部门概况"), "{s}");
}

#[test]
fn tab_walks_the_sections() {
    let (_d, mut app) = open_seed();
    for title in [
        "当年预算执行情况",
        "整体绩效目标实现情况",
        "预算管理情况",
        "总体评价结论",
        "措施建议",
    ] {
        key(&mut app, KeyCode::Tab);
        let s = screen(&app, 80, 24);
        println!("{s}");
        assert!(s.contains(title), "{title}\n{s}");
    }
}
