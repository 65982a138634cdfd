//! Two editing sessions of one new record: each keeps its own recovery file, a save by one
//! never removes the other's, and the edits of a session that went away are offered back,
//! saying whose and when.

mod common;
mod support;

use common::tui::{ctrl, go_to, key, screen, typed};
use jixiao::store::{self, Base, SaveRequest};
use jixiao::tui::recovery::{self, Session};
use jixiao::tui::{App, Theme};
use ratatui::crossterm::event::KeyCode;
use support::{Fixture, dept};

/// A repository with a record made as `jixiao new` makes it, committed once.
fn new_record() -> Fixture {
    let f = Fixture::new();
    let d = dept("edu");
    f.repo
        .create_record(&d, 2024, "某区教育局", "beijing-department-2023")
        .unwrap();
    let text = std::fs::read_to_string(f.repo.record_path(&d, 2024)).unwrap();
    store::save(
        &f.repo,
        &SaveRequest {
            dept: &d,
            year: 2024,
            text: &text,
            base: Base::New,
            file_base: None,
            summary: "新建记录",
        },
    )
    .unwrap();
    f
}

fn open(f: &Fixture, who: &str) -> App {
    let mut app = App::edit(f.repo.clone(), Theme { color: false }, dept("edu"), 2024).unwrap();
    app.session = Session::new(who.into());
    app
}

fn set(app: &mut App, label: &str, value: &str) {
    go_to(app, label);
    key(app, KeyCode::Enter);
    ctrl(app, 'u');
    typed(app, value);
    key(app, KeyCode::Enter);
    app.tick();
}

#[test]
fn a_save_by_one_session_keeps_the_others_unsaved_edits() {
    let f = new_record();
    let d = dept("edu");
    let mut a = open(&f, "甲 <jia@example.org>");
    set(&mut a, "简称", "区教育局");
    // B opens while A is still editing: A's edits are A's, nothing is offered to B.
    let mut b = open(&f, "乙 <yi@example.org>");
    assert!(b.editor().is_some(), "{}", screen(&b, 80, 24));
    set(&mut b, "评价单位", "某评价公司");
    ctrl(&mut b, 's');
    typed(&mut b, "乙填写评价单位");
    key(&mut b, KeyCode::Enter);
    b.tick();
    assert!(!b.editor().unwrap().unsaved());
    // A's file is still there after B's save.
    let files = recovery::list(&f.repo, &d, 2024).unwrap();
    assert_eq!(files.len(), 1, "{files:?}");
    assert_eq!(files[0].who, "甲 <jia@example.org>");
    assert!(files[0].alive);
    assert!(files[0].text.contains("short_name = \"区教育局\""));

    // A's connection drops: the process ends without saving.
    drop(a);
    let mut c = open(&f, "丙 <bing@example.org>");
    let s = screen(&c, 80, 24);
    assert!(s.contains("发现未保存的修改"), "{s}");
    assert!(s.contains("甲 <jia@example.org>"), "{s}");
    assert!(s.contains("写于 20"), "{s}");
    key(&mut c, KeyCode::Char('y'));
    let ed = c.editor().unwrap();
    assert_eq!(ed.eval.record.overview.short_name, "区教育局");
    // Saved, A's edit joins B's at HEAD.
    ctrl(&mut c, 's');
    typed(&mut c, "恢复甲的修改");
    key(&mut c, KeyCode::Enter);
    let (_, head) = store::tip(&f.repo, &d, 2024).unwrap().unwrap();
    let head = head.unwrap();
    assert!(head.contains("short_name = \"区教育局\""), "{head}");
    assert!(head.contains("evaluator = \"某评价公司\""), "{head}");
    // The taken-over file is kept aside, not offered again, never deleted.
    assert!(recovery::list(&f.repo, &d, 2024).unwrap().is_empty());
    let kept = std::fs::read_dir(f.path().join(".git/jixiao/recovery/edu-2024"))
        .unwrap()
        .flatten()
        .filter(|e| {
            e.file_name()
                .to_string_lossy()
                .contains("set-aside-restored")
        })
        .count();
    assert_eq!(kept, 1);
}

#[test]
fn a_save_error_stays_on_screen_with_the_recovery_message() {
    let f = new_record();
    let mut a = open(&f, "甲 <jia@example.org>");
    set(&mut a, "简称", "区教育局");
    // No author: the save fails and says so; the next ticks do not hide it.
    f.git(&["config", "--unset", "user.name"]);
    ctrl(&mut a, 's');
    typed(&mut a, "保存");
    key(&mut a, KeyCode::Enter);
    for _ in 0..3 {
        a.tick();
    }
    let status = a.editor().unwrap().status.clone().unwrap_or_default();
    assert!(status.contains("保存失败"), "{status}");
    assert!(status.contains("user.name"), "{status}");
    assert!(a.editor().unwrap().unsaved());
    let files = recovery::list(&f.repo, &dept("edu"), 2024).unwrap();
    assert_eq!(files.len(), 1);
}
