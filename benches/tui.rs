//! Terminal UI speed: startup to first frame, and one keystroke to a redrawn frame.
//! Goals (issue 4): first frame under 100 ms with a large repository, a keystroke under 16 ms.

use criterion::{Criterion, criterion_group, criterion_main};
use jixiao::repo::{Dept, EXAMPLE, Repo};
use jixiao::tui::{App, Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::hint::black_box;

/// A repository with `n` department-years (copies of the seed under other ids).
fn repo_with(n: usize) -> (tempfile::TempDir, Repo) {
    let dir = tempfile::tempdir().expect("temp dir");
    let repo = jixiao::store::init_repo(dir.path()).expect("init");
    let (_, _, text) = EXAMPLE;
    for i in 0..n {
        let dept = Dept::parse(&format!("dept-{:04}", i / 2)).expect("dept");
        let year = 2022 + (i % 2) as u16;
        let p = repo.record_path(&dept, year);
        std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
        std::fs::write(p, text).expect("write");
    }
    (dir, repo)
}

fn draw(t: &mut Terminal<TestBackend>, app: &App) {
    t.draw(|f| app.draw(f)).expect("draw");
}

fn startup(c: &mut Criterion) {
    // The history benchmark's fixture (2,000 records, 20,000 commits) when JIXIAO_FIXTURE
    // names it, else 2,000 copies of the seed without history.
    let (_d, repo) = match std::env::var_os("JIXIAO_FIXTURE") {
        Some(dir) => (
            tempfile::tempdir().expect("temp dir"),
            Repo::at(std::path::PathBuf::from(dir)),
        ),
        None => repo_with(2000),
    };
    let first = repo.list().into_iter().next().expect("a record");
    let mut t = Terminal::new(TestBackend::new(80, 24)).expect("terminal");
    c.bench_function("edit: open a record, first frame", |b| {
        b.iter(|| {
            let app = App::edit(
                repo.clone(),
                Theme { color: false },
                first.0.clone(),
                first.1,
            )
            .expect("open");
            draw(&mut t, &app);
        })
    });
    // Until every row is in (the loader thread has ended), so no iteration leaves a thread
    // behind; the first iteration fills the caches under .git/jixiao/cache, the others read
    // them, as every opening of the home screen after the first does.
    c.bench_function("home: 2,000 records, every row loaded", |b| {
        b.iter(|| {
            let mut app = App::home(repo.clone(), Theme { color: false });
            while app.busy() {
                app.tick();
                std::thread::sleep(std::time::Duration::from_millis(1));
            }
            draw(&mut t, &app);
            black_box(&app);
        })
    });
}

fn keystroke(c: &mut Criterion) {
    let (_d, repo) = repo_with(1);
    let mut t = Terminal::new(TestBackend::new(80, 24)).expect("terminal");
    let mut app = App::edit(
        repo,
        Theme { color: false },
        Dept::parse("dept-0000").expect("dept"),
        2022,
    )
    .expect("open");
    app.resize(80, 24);
    let press = |app: &mut App, code| app.key(KeyEvent::new(code, KeyModifiers::NONE));
    c.bench_function("keystroke: move down and redraw", |b| {
        b.iter(|| {
            press(&mut app, KeyCode::Down);
            draw(&mut t, &app);
        })
    });
    c.bench_function("keystroke: next section and redraw", |b| {
        b.iter(|| {
            press(&mut app, KeyCode::Tab);
            draw(&mut t, &app);
        })
    });
    // The heaviest keystroke: accepting a changed amount re-parses, re-scores and re-checks.
    press(&mut app, KeyCode::Char('2'));
    for _ in 0..4 {
        press(&mut app, KeyCode::Down);
    }
    let mut v = 0u32;
    c.bench_function(
        "keystroke: accept an amount, rescore, recheck, redraw",
        |b| {
            b.iter(|| {
                press(&mut app, KeyCode::Enter);
                app.key(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL));
                v += 1;
                for ch in format!("52{v}").chars() {
                    press(&mut app, KeyCode::Char(ch));
                }
                press(&mut app, KeyCode::Enter);
                draw(&mut t, &app);
            })
        },
    );
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20).measurement_time(std::time::Duration::from_secs(3));
    targets = keystroke, startup
}
criterion_main!(benches);
