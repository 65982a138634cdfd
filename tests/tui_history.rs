//! Saving from the editor, history, score diff, drafts, blame and conflicts, on real git
//! repositories in temporary folders.

mod common;

use common::tui::{ctrl, go_to, key, screen, typed};

use jixiao::repo::{Dept, EXAMPLE, Repo};
use jixiao::store::{self, SaveOutcome, SaveRequest};
use jixiao::tui::{App, Screen, Theme};
use ratatui::crossterm::event::KeyCode;

fn git_repo() -> (tempfile::TempDir, Repo, Dept) {
    let dir = tempfile::tempdir().unwrap();
    let repo = jixiao::store::init_repo(dir.path()).unwrap();
    let git = git2::Repository::open(dir.path()).unwrap();
    let mut cfg = git.config().unwrap();
    cfg.set_str("user.name", "王评价").unwrap();
    cfg.set_str("user.email", "wang@example.org").unwrap();
    let (d, year, text) = EXAMPLE;
    let dept = Dept::parse(d).unwrap();
    let req = SaveRequest {
        dept: &dept,
        year,
        text,
        base: store::Base::New,
        file_base: None,
        summary: "录入 2023 年报告",
    };
    assert!(matches!(
        store::save(&repo, &req).unwrap(),
        SaveOutcome::Committed { .. }
    ));
    (dir, repo, dept)
}

/// Edits 本年支出合计 to `value` in an open editor.
fn set_spent(app: &mut App, value: &str) {
    key(app, KeyCode::Char('2'));
    go_to(app, "本年支出合计");
    key(app, KeyCode::Enter);
    ctrl(app, 'u');
    typed(app, value);
    key(app, KeyCode::Enter);
}

fn save(app: &mut App, summary: &str) {
    ctrl(app, 's');
    typed(app, summary);
    key(app, KeyCode::Enter);
}

#[test]
fn ctrl_s_commits_with_the_summary_and_score_trailer() {
    let (dir, repo, dept) = git_repo();
    let mut app = App::edit(repo.clone(), Theme { color: false }, dept.clone(), 2023).unwrap();
    set_spent(&mut app, "500000");
    ctrl(&mut app, 's');
    let s = screen(&app, 80, 24);
    assert!(s.contains("得分：95.97 → 95.20（优）"), "{s}");
    typed(&mut app, "按决算调整支出");
    key(&mut app, KeyCode::Enter);
    let s = screen(&app, 80, 24);
    assert!(s.contains("已保存"), "{s}");
    assert!(!app.editor().unwrap().unsaved());
    let git = git2::Repository::open(dir.path()).unwrap();
    let head = git.head().unwrap().peel_to_commit().unwrap();
    let msg = head.message().unwrap();
    assert!(msg.starts_with("按决算调整支出"), "{msg}");
    assert!(msg.contains("Record: bj-traffic/2023"), "{msg}");
    assert!(msg.contains("Score: 95.97 -> 95.20 (优)"), "{msg}");
    assert_eq!(head.author().name(), Some("王评价"));
    assert!(
        !jixiao::tui::recovery::path(&repo, &dept, 2023, &app.session).exists(),
        "recovery cleared after the save"
    );
    // The working file holds what was saved and git sees nothing to commit.
    let statuses = git.statuses(None).unwrap();
    assert!(
        statuses
            .iter()
            .all(|e| e.status().is_ignored() || e.path() != Some("records/bj-traffic/2023.toml"))
    );
}

#[test]
fn a_save_needs_a_summary() {
    let (_dir, repo, dept) = git_repo();
    let mut app = App::edit(repo, Theme { color: false }, dept, 2023).unwrap();
    set_spent(&mut app, "500000");
    ctrl(&mut app, 's');
    key(&mut app, KeyCode::Enter);
    assert!(screen(&app, 80, 24).contains("请写一句修改说明"));
    assert!(app.editor().unwrap().unsaved());
}

#[test]
fn history_diff_draft_and_blame_screens() {
    let (_dir, repo, dept) = git_repo();
    let mut app = App::edit(repo.clone(), Theme { color: false }, dept.clone(), 2023).unwrap();
    set_spent(&mut app, "500000");
    save(&mut app, "按决算调整支出");
    key(&mut app, KeyCode::Char('H'));
    let s = screen(&app, 80, 24);
    assert!(s.contains("修订历史 bj-traffic/2023（2 个修订）"), "{s}");
    assert!(s.contains("95.20"), "{s}");
    assert!(s.contains("按决算调整支出"), "{s}");
    // Name the newest revision 征求意见稿.
    key(&mut app, KeyCode::Char('d'));
    typed(&mut app, "征求意见稿");
    key(&mut app, KeyCode::Enter);
    let s = screen(&app, 80, 24);
    assert!(s.contains("[征求意见稿]"), "{s}");
    // Enter on the newest revision: its score diff against the one before.
    key(&mut app, KeyCode::Enter);
    let s = screen(&app, 80, 24);
    assert!(s.contains("资金总体"), "{s}");
    assert!(s.contains("18.12 → 17.35"), "{s}");
    assert!(s.contains("95.97 → 95.20"), "{s}");
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Char('B'));
    let s = screen(&app, 80, 24);
    assert!(s.contains("资金总体"), "{s}");
    assert!(s.contains("王评价"), "{s}");
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Esc);
    assert!(matches!(app.screens.last(), Some(Screen::Editor(_))));
}

#[test]
fn history_and_blame_are_read_in_the_background_with_a_progress_line() {
    use ratatui::crossterm::event::{KeyEvent, KeyModifiers};
    let (_dir, repo, dept) = git_repo();
    let mut app = App::edit(repo.clone(), Theme { color: false }, dept.clone(), 2023).unwrap();
    let press = |app: &mut App, c: KeyCode| app.key(KeyEvent::new(c, KeyModifiers::NONE));
    // H returns at once: the editor stays, with what is being read at the bottom.
    press(&mut app, KeyCode::Char('H'));
    assert!(app.job.is_some());
    assert!(matches!(app.screens.last(), Some(Screen::Editor(_))));
    let s = screen(&app, 80, 24);
    assert!(s.contains("正在读取修订历史…（Esc 不再等待）"), "{s}");
    // The frame is a function of the state: drawn twice, the same.
    assert_eq!(s, screen(&app, 80, 24));
    // Keys wait meanwhile (none reaches the editor); the result then opens the history.
    press(&mut app, KeyCode::Char('3'));
    app.wait_job(std::time::Duration::from_secs(60));
    assert!(app.job.is_none());
    let s = screen(&app, 80, 24);
    assert!(s.contains("修订历史 bj-traffic/2023（1 个修订）"), "{s}");
    assert!(!s.contains("正在读取"), "{s}");
    // Naming a draft tags and reads the history again in the background too.
    press(&mut app, KeyCode::Char('d'));
    typed(&mut app, "初稿");
    press(&mut app, KeyCode::Enter);
    assert!(screen(&app, 80, 24).contains("正在命名草稿…"));
    app.wait_job(std::time::Duration::from_secs(60));
    let s = screen(&app, 80, 24);
    assert!(
        s.contains("[初稿]") && s.contains("命名为草稿「初稿」"),
        "{s}"
    );
    // B from the history, and Esc gives up waiting.
    press(&mut app, KeyCode::Char('B'));
    assert!(screen(&app, 80, 24).contains("正在读取逐项得分的最后修改…"));
    press(&mut app, KeyCode::Esc);
    assert!(app.job.is_none());
    assert!(screen(&app, 80, 24).contains("已停止等待"));
    assert!(matches!(app.screens.last(), Some(Screen::History(_))));
    // Polled by the event loop's tick, the result arrives too.
    press(&mut app, KeyCode::Char('B'));
    let start = std::time::Instant::now();
    while app.job.is_some() && start.elapsed() < std::time::Duration::from_secs(60) {
        std::thread::sleep(std::time::Duration::from_millis(20));
        app.tick();
    }
    let s = screen(&app, 80, 24);
    assert!(s.contains("逐项得分的最后修改"), "{s}");
    assert!(s.contains("王评价"), "{s}");
}

#[test]
fn a_save_runs_in_the_background_and_esc_does_not_drop_it() {
    use ratatui::crossterm::event::{KeyEvent, KeyModifiers};
    let (_dir, repo, dept) = git_repo();
    let mut app = App::edit(repo.clone(), Theme { color: false }, dept.clone(), 2023).unwrap();
    set_spent(&mut app, "500000");
    ctrl(&mut app, 's');
    typed(&mut app, "按决算调整支出");
    app.key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
    assert!(app.job.is_some());
    let s = screen(&app, 80, 24);
    assert!(s.contains("正在保存…"), "{s}");
    assert!(!s.contains("Esc 不再等待"), "{s}");
    // Esc neither stops the save nor reaches the editor.
    app.key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE));
    assert!(app.job.is_some());
    app.wait_job(std::time::Duration::from_secs(60));
    let s = screen(&app, 80, 24);
    assert!(s.contains("已保存"), "{s}");
    assert!(s.contains("95.97 → 95.20（优）"), "{s}");
    let ed = app.editor().unwrap();
    assert!(!ed.unsaved());
    assert_eq!(store::log(&repo, &dept, 2023).unwrap().len(), 2);
}

#[test]
fn a_conflicting_save_shows_both_values_and_commits_the_pick() {
    let (_dir, repo, dept) = git_repo();
    let mut app = App::edit(repo.clone(), Theme { color: false }, dept.clone(), 2023).unwrap();
    set_spent(&mut app, "500000");
    // Meanwhile another evaluator commits a different 本年支出合计 and another field.
    let (tip, text) = store::tip(&repo, &dept, 2023).unwrap().unwrap();
    let theirs = text
        .unwrap()
        .replace("spent_total = 522383.99", "spent_total = 510000")
        .replace("short_name = \"市交通管理局\"", "short_name = \"交管局\"");
    let req = SaveRequest {
        dept: &dept,
        year: 2023,
        text: &theirs,
        base: store::Base::Revision(tip.clone()),
        file_base: None,
        summary: "另一位评价人的修改",
    };
    assert!(matches!(
        store::save(&repo, &req).unwrap(),
        SaveOutcome::Committed { .. }
    ));
    save(&mut app, "我的修改");
    let s = screen(&app, 80, 24);
    assert!(s.contains("保存冲突"), "{s}");
    // The field as the report names it, not its TOML path (issue 10 item 10).
    assert!(
        s.contains("当年预算执行情况·本年支出合计  原值：522383.99"),
        "{s}"
    );
    assert!(!s.contains("budget.spent_total"), "{s}");
    assert!(s.contains("他人：510000"), "{s}");
    assert!(s.contains("我的：500000"), "{s}");
    // Keep ours (the default) and save: their other change is merged in.
    key(&mut app, KeyCode::Enter);
    let ed = app.editor().unwrap();
    assert!(!ed.unsaved(), "{:?}", ed.status);
    assert_eq!(ed.eval.record.overview.short_name, "交管局");
    assert_eq!(
        ed.eval
            .record
            .figure("budget.spent_total")
            .flatten()
            .unwrap()
            .to_string(),
        "500000"
    );
    let (_, now) = store::tip(&repo, &dept, 2023).unwrap().unwrap();
    let now = now.unwrap();
    assert!(now.contains("spent_total = 500000"));
    assert!(now.contains("short_name = \"交管局\""));
}

#[test]
fn taking_their_value_in_a_conflict() {
    let (_dir, repo, dept) = git_repo();
    let mut app = App::edit(repo.clone(), Theme { color: false }, dept.clone(), 2023).unwrap();
    set_spent(&mut app, "500000");
    let (tip, text) = store::tip(&repo, &dept, 2023).unwrap().unwrap();
    let theirs = text
        .unwrap()
        .replace("spent_total = 522383.99", "spent_total = 510000");
    let req = SaveRequest {
        dept: &dept,
        year: 2023,
        text: &theirs,
        base: store::Base::Revision(tip.clone()),
        file_base: None,
        summary: "另一位评价人的修改",
    };
    store::save(&repo, &req).unwrap();
    save(&mut app, "我的修改");
    key(&mut app, KeyCode::Left);
    key(&mut app, KeyCode::Enter);
    let (_, now) = store::tip(&repo, &dept, 2023).unwrap().unwrap();
    assert!(now.unwrap().contains("spent_total = 510000"));
    assert_eq!(app.editor().unwrap().eval.card.total.to_string(), "95.55");
}

#[test]
fn last_saves_names_each_records_latest_commit() {
    let (_dir, repo, dept) = git_repo();
    let other = Dept::parse("bj-water").unwrap();
    let text = jixiao::repo::EXAMPLE.2;
    let req = SaveRequest {
        dept: &other,
        year: 2024,
        text,
        base: store::Base::New,
        file_base: None,
        summary: "水务局",
    };
    store::save(&repo, &req).unwrap();
    let (tip, _) = store::tip(&repo, &dept, 2023).unwrap().unwrap();
    let last = store::last_saves(&repo).unwrap();
    let keys: Vec<&str> = last.keys().map(String::as_str).collect();
    assert_eq!(
        keys,
        ["records/bj-traffic/2023.toml", "records/bj-water/2024.toml"]
    );
    // bj-traffic was last saved by the first commit of the record, bj-water by the tip.
    assert_eq!(last["records/bj-water/2024.toml"].rev, tip);
    assert_ne!(last["records/bj-traffic/2023.toml"].rev, tip);
    assert_eq!(last["records/bj-traffic/2023.toml"].author, "王评价");
}
