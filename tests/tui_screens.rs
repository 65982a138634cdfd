//! Editor and home screens rendered with ratatui's TestBackend.

mod common;

use common::tui::{ctrl, go_to, key, screen, typed, wait_loaded};

use jixiao::repo::{Dept, EXAMPLE, Repo};
use jixiao::tui::{App, Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::KeyCode;

fn seed_repo() -> (tempfile::TempDir, Repo) {
    let dir = tempfile::tempdir().unwrap();
    let repo = jixiao::store::init_repo(dir.path()).unwrap();
    let (dept, year, text) = EXAMPLE;
    std::fs::create_dir_all(dir.path().join("records").join(dept)).unwrap();
    std::fs::write(repo.record_path(&Dept::parse(dept).unwrap(), year), text).unwrap();
    (dir, repo)
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

#[test]
fn editing_an_amount_rescored_live() {
    let (_d, mut app) = open_seed();
    key(&mut app, KeyCode::Tab);
    go_to(&mut app, "本年支出合计");
    key(&mut app, KeyCode::Enter);
    ctrl(&mut app, 'u');
    typed(&mut app, "500000");
    key(&mut app, KeyCode::Enter);
    // 500000 / 576431.54 × 20 = 17.348… → 17.35; total 95.97 − 18.12 + 17.35 = 95.20.
    let s = screen(&app, 80, 24);
    assert!(s.contains("总分 95.20 优"), "{s}");
    assert!(s.contains("*未保存"), "{s}");
    let ed = app.editor().unwrap();
    assert!(
        ed.doc
            .to_string()
            .contains("spent_total = 500000       # 本年支出合计（决算数）"),
        "comment kept"
    );
}

#[test]
fn invalid_amount_is_kept_as_typed_and_not_applied() {
    let (_d, mut app) = open_seed();
    key(&mut app, KeyCode::Tab);
    go_to(&mut app, "本年支出合计");
    key(&mut app, KeyCode::Enter);
    ctrl(&mut app, 'u');
    typed(&mut app, "12,34.5");
    key(&mut app, KeyCode::Enter);
    let s = screen(&app, 80, 24);
    assert!(s.contains("12,34.5!"), "{s}");
    assert!(s.contains("↳ 无效："), "{s}");
    assert!(s.contains("总分 95.97 优"), "score unchanged: {s}");
    // Saving is refused while it stands.
    ctrl(&mut app, 's');
    let s = screen(&app, 80, 24);
    assert!(s.contains("有 1 个无效输入"), "{s}");
    // Editing again starts from what was typed; Esc gives it up.
    key(&mut app, KeyCode::Enter);
    assert!(screen(&app, 80, 24).contains("本年支出合计：12,34.5"));
    key(&mut app, KeyCode::Esc);
    let ed = app.editor().unwrap();
    assert!(ed.invalid.is_empty());
    assert!(!ed.unsaved());
}

#[test]
fn chinese_text_edits_with_the_cursor_after_wide_characters() {
    let (_d, mut app) = open_seed();
    go_to(&mut app, "简称");
    key(&mut app, KeyCode::Enter);
    ctrl(&mut app, 'u');
    typed(&mut app, "交管局");
    let mut t = Terminal::new(TestBackend::new(80, 24)).unwrap();
    t.draw(|f| app.draw(f)).unwrap();
    // Prompt 「简称：」 is 6 cells, three characters 6 more: the cursor sits at column 12.
    let pos = t.get_cursor_position().unwrap();
    assert_eq!((pos.x, pos.y), (12, 22));
    key(&mut app, KeyCode::Backspace);
    key(&mut app, KeyCode::Left);
    typed(&mut app, "通");
    key(&mut app, KeyCode::Enter);
    let ed = app.editor().unwrap();
    assert_eq!(ed.eval.record.overview.short_name, "交通管");
}

#[test]
fn narratives_edit_in_a_text_area_and_paste_works() {
    let (_d, mut app) = open_seed();
    key(&mut app, KeyCode::Tab);
    go_to(&mut app, "情况说明");
    key(&mut app, KeyCode::Enter);
    let s = screen(&app, 80, 24);
    assert!(s.contains("编辑：情况说明"), "{s}");
    app.paste("\n补充：执行率低于 100% 的原因是项目延期。");
    key(&mut app, KeyCode::Esc);
    let ed = app.editor().unwrap();
    assert!(
        ed.eval
            .record
            .text("budget.text")
            .ends_with("97.67%。\n补充：执行率低于 100% 的原因是项目延期。")
    );
    assert!(
        ed.doc.to_string().contains("text = \"\"\"\n市交通管理局"),
        "multi-line string kept readable"
    );
}

#[test]
fn checklist_items_toggle_and_score() {
    let (_d, mut app) = open_seed();
    for _ in 0..3 {
        key(&mut app, KeyCode::Tab);
    }
    go_to(&mut app, "合格");
    key(&mut app, KeyCode::Char(' '));
    // 财务管理制度健全性: one failing item deducts 0.5 → 0.50; total 95.47.
    let s = screen(&app, 80, 24);
    assert!(s.contains("总分 95.47 优"), "{s}");
    assert!(s.contains("不合格"), "{s}");
}

#[test]
fn findings_jump_to_their_field() {
    let (_d, mut app) = open_seed();
    key(&mut app, KeyCode::Tab);
    key(&mut app, KeyCode::Char('f'));
    let ed = app.editor().unwrap();
    let cell = ed.current_cell().unwrap().path.clone();
    assert_eq!(cell, "budget.text");
    assert!(
        ed.status.as_deref().unwrap_or("").starts_with("1/4 "),
        "{:?}",
        ed.status
    );
}

#[test]
fn adding_an_output_indicator_row_and_its_weight_mismatch() {
    let (_d, mut app) = open_seed();
    key(&mut app, KeyCode::Char('3'));
    go_to(&mut app, "第一时间处理");
    key(&mut app, KeyCode::Char('a'));
    typed(&mut app, "");
    let ed = app.editor().unwrap();
    assert_eq!(ed.eval.record.targets.indicators.len(), 14);
    assert_eq!(ed.eval.record.targets.indicators[13].parent, "outputs");
    assert!(
        ed.findings
            .iter()
            .any(|f| f.code == "missing-input" && f.field == "targets.indicators[13].target")
    );
    // Remove it again after confirming.
    key(&mut app, KeyCode::Char('x'));
    assert!(screen(&app, 80, 24).contains("y 删除"));
    key(&mut app, KeyCode::Char('y'));
    assert_eq!(
        app.editor().unwrap().eval.record.targets.indicators.len(),
        13
    );
}

#[test]
fn unsaved_edits_survive_a_crash_and_are_offered_back() {
    let (dir, repo) = seed_repo();
    let dept = Dept::parse("bj-traffic").unwrap();
    {
        let mut app = App::edit(repo.clone(), Theme { color: false }, dept.clone(), 2023).unwrap();
        go_to(&mut app, "简称");
        key(&mut app, KeyCode::Enter);
        ctrl(&mut app, 'u');
        typed(&mut app, "交管局");
        key(&mut app, KeyCode::Enter);
        app.tick();
        // The process dies here: no save, no quit.
    }
    let found = jixiao::tui::recovery::list(&repo, &dept, 2023).unwrap();
    assert_eq!(found.len(), 1);
    let rec = &found[0];
    assert!(rec.text.contains("short_name = \"交管局\""));
    let file = std::fs::read_to_string(repo.record_path(&dept, 2023)).unwrap();
    assert!(
        file.contains("short_name = \"市交通管理局\""),
        "the record file is untouched"
    );
    let mut app = App::edit(repo.clone(), Theme { color: false }, dept.clone(), 2023).unwrap();
    let s = screen(&app, 80, 24);
    assert!(s.contains("发现未保存的修改"), "{s}");
    key(&mut app, KeyCode::Char('y'));
    let ed = app.editor().unwrap();
    assert_eq!(ed.eval.record.overview.short_name, "交管局");
    assert!(ed.unsaved());
    drop(dir);
}

#[test]
fn declining_a_recovery_keeps_it_aside() {
    let (_dir, repo) = seed_repo();
    let dept = Dept::parse("bj-traffic").unwrap();
    let text = std::fs::read_to_string(repo.record_path(&dept, 2023))
        .unwrap()
        .replace("市交通管理局\"", "交管局\"");
    let other = jixiao::tui::recovery::Session::new("乙 <yi@example.org>".into());
    jixiao::tui::recovery::write(
        &repo,
        &dept,
        2023,
        &other,
        &jixiao::store::Base::New,
        &text,
        &[],
    )
    .unwrap();
    let mut app = App::edit(repo.clone(), Theme { color: false }, dept.clone(), 2023).unwrap();
    key(&mut app, KeyCode::Char('n'));
    let ed = app.editor().unwrap();
    assert_eq!(ed.eval.record.overview.short_name, "市交通管理局");
    let status = ed.status.clone().unwrap();
    assert!(status.contains("declined"), "{status}");
    let dir = jixiao::tui::recovery::path(&repo, &dept, 2023, &other)
        .parent()
        .unwrap()
        .to_path_buf();
    let kept: Vec<_> = std::fs::read_dir(dir).unwrap().flatten().collect();
    assert_eq!(kept.len(), 1);
    assert!(
        std::fs::read_to_string(kept[0].path())
            .unwrap()
            .contains("交管局")
    );
}

#[test]
fn quitting_with_unsaved_changes_asks_first() {
    let (_d, mut app) = open_seed();
    go_to(&mut app, "简称");
    key(&mut app, KeyCode::Enter);
    typed(&mut app, "X");
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Char('q'));
    assert!(!app.quit);
    assert!(screen(&app, 80, 24).contains("确定退出？"));
    key(&mut app, KeyCode::Char('n'));
    assert!(!app.quit);
    key(&mut app, KeyCode::Char('q'));
    key(&mut app, KeyCode::Char('y'));
    assert!(app.quit);
}

#[test]
fn help_lists_every_key_and_fits_80x24() {
    let (_d, mut app) = open_seed();
    key(&mut app, KeyCode::Char('?'));
    let s = screen(&app, 80, 24);
    for (k, _) in jixiao::tui::view::EDITOR_KEYS {
        assert!(s.contains(k), "{k}\n{s}");
    }
}

#[test]
fn home_lists_records_and_filters_by_name() {
    let (_d, repo) = seed_repo();
    repo.create_record(
        &Dept::parse("bj-water").unwrap(),
        2024,
        "北京市水务局",
        "beijing-department-2023",
    )
    .unwrap();
    let mut app = App::home(repo, Theme { color: false });
    wait_loaded(&mut app);
    let s = screen(&app, 80, 24);
    assert!(
        s.contains("bj-traffic  2023 北京市公安局公安交通管理局  95.97  优"),
        "{s}"
    );
    assert!(s.contains("北京市水务局"), "{s}");
    // An empty record has neither a total nor a grade yet: never "0.00 差".
    let row = s
        .lines()
        .find(|l| l.starts_with("bj-water"))
        .unwrap_or_default();
    assert!(
        row.contains("未完成") && !row.contains("0.00") && !row.contains('差'),
        "an empty record has no total and no grade yet: {s}"
    );
    typed(&mut app, "水");
    let s = screen(&app, 80, 24);
    assert!(!s.contains("bj-traffic"), "{s}");
    assert!(s.contains("bj-water"), "{s}");
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Enter);
    let s = screen(&app, 80, 24);
    assert!(s.contains("北京市水务局 2024"), "{s}");
    // The score panel of an incomplete record: 未完成, no grade.
    let top = s.lines().next().unwrap_or_default();
    assert!(top.contains("总分 未完成"), "{s}");
    assert!(!top.contains('差') && !top.contains("0.00"), "{s}");
}

#[test]
fn home_shows_the_grade_distribution_of_the_rows_it_lists() {
    let (dir, repo) = seed_repo();
    // A record under another rubric (财预〔2013〕53号, 85.76 良) and an empty one (未完成).
    std::fs::create_dir_all(dir.path().join("records/tongji")).unwrap();
    std::fs::copy(
        common::root().join("tests/data/mof-department-example.toml"),
        dir.path().join("records/tongji/2024.toml"),
    )
    .unwrap();
    repo.create_record(
        &Dept::parse("bj-water").unwrap(),
        2024,
        "北京市水务局",
        "beijing-department-2023",
    )
    .unwrap();
    let mut app = App::home(repo, Theme { color: false });
    wait_loaded(&mut app);
    let s = screen(&app, 80, 24);
    let lines: Vec<&str> = s.lines().collect();
    // Just above the footer.
    assert_eq!(
        lines[22], "等级分布：优 1  良 1  中 0  差 0  未完成 1",
        "{s}"
    );
    // The year filter narrows it: 2023 holds only the seed.
    key(&mut app, KeyCode::Char('y'));
    let s = screen(&app, 80, 24);
    assert!(
        s.contains("等级分布：优 1  良 0  中 0  差 0  未完成 0"),
        "{s}"
    );
    key(&mut app, KeyCode::Char('y'));
    let s = screen(&app, 80, 24);
    assert!(
        s.contains("等级分布：优 0  良 1  中 0  差 0  未完成 1"),
        "{s}"
    );
}

#[test]
fn home_reloads_with_r() {
    let (_d, repo) = seed_repo();
    let mut app = App::home(repo.clone(), Theme { color: false });
    wait_loaded(&mut app);
    assert!(!screen(&app, 80, 24).contains("bj-water"));
    repo.create_record(
        &Dept::parse("bj-water").unwrap(),
        2024,
        "北京市水务局",
        "beijing-department-2023",
    )
    .unwrap();
    key(&mut app, KeyCode::Char('r'));
    wait_loaded(&mut app);
    assert!(screen(&app, 80, 24).contains("bj-water    2024 北京市水务局"));
}

#[test]
fn small_and_wide_terminals_draw_without_panicking() {
    let (_d, mut app) = open_seed();
    for (w, h) in [(80, 24), (120, 40), (60, 20), (20, 5), (1, 1)] {
        app.resize(w, h);
        for _ in 0..6 {
            key(&mut app, KeyCode::Tab);
            let _ = screen(&app, w, h);
        }
    }
    app.resize(120, 40);
    assert!(screen(&app, 120, 40).contains("当年预算执行情况 18.12"));
}
