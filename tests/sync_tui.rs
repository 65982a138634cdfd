//! The conflicts of a sync picked in the editor (issue 12: "conflicts shown for a pick in the
//! TUI, never committed half-way"): `s` on the home screen stops at a screen listing every field
//! both offices changed, with both values; the picks are merged, committed and pushed by Enter;
//! Esc, or a field changed again on the remote meanwhile, commits nothing; a rubric both
//! changed is picked whole.

mod common;

use common::offices::*;
use common::team::ok;
use common::tui::{key, screen, wait_loaded};
use jixiao::tui::{App, Screen, Theme};
use ratatui::crossterm::event::KeyCode;
use std::path::Path;

/// Office A's editor on its home screen, its rows read.
fn home(dir: &Path) -> App {
    git(dir, &["config", "user.name", "甲办公室"]);
    git(dir, &["config", "user.email", "a@example.org"]);
    let repo = jixiao::store::open_repo(Some(dir)).unwrap();
    let mut app = App::home(repo, Theme { color: false });
    wait_loaded(&mut app);
    app
}

fn file(dir: &Path, rel: &str) -> String {
    std::fs::read_to_string(dir.join(rel)).unwrap()
}

fn on_pick_screen(app: &App) -> bool {
    matches!(app.screens.last(), Some(Screen::SyncPicks(_)))
}

#[test]
fn each_conflict_of_a_sync_is_picked_and_the_picks_are_merged_and_pushed() {
    let o = offices();
    edit(
        &o.a,
        RECORD,
        "short_name = \"市交通管理局\"",
        "short_name = \"甲\"",
        "甲改简称",
    );
    edit(
        &o.a,
        RECORD,
        "report_date = \"2024年5月\"",
        "report_date = \"2024年6月\"",
        "甲改日期",
    );
    edit(
        &o.b,
        RECORD,
        "short_name = \"市交通管理局\"",
        "short_name = \"乙\"",
        "乙改简称",
    );
    edit(
        &o.b,
        RECORD,
        "report_date = \"2024年5月\"",
        "report_date = \"2024年7月\"",
        "乙改日期",
    );
    ok(jixiao(&o.b, &["sync"]));
    let before = head(&o.a);
    let mut app = home(&o.a);
    key(&mut app, KeyCode::Char('s'));
    assert!(on_pick_screen(&app));
    let s = screen(&app, 80, 24);
    assert!(s.contains("同步冲突：本地与 origin/"), "{s}");
    assert!(s.contains("修改了 2 个相同字段"), "{s}");
    // Both fields with the record, the value before and both sides' values.
    assert!(s.contains("bj-traffic/2023"), "{s}");
    assert!(s.contains("原值：市交通管理局"), "{s}");
    assert!(s.contains("远端：乙") && s.contains("本地：甲"), "{s}");
    assert!(
        s.contains("远端：2024年7月") && s.contains("本地：2024年6月"),
        "{s}"
    );
    // Nothing has happened yet.
    assert_eq!(head(&o.a), before);
    // The first field (in the record's order: 简称 before the report date): the remote's.
    let (first, second) = match app.screens.last() {
        Some(Screen::SyncPicks(p)) => (
            p.conflicts[0].conflict.field.clone(),
            p.conflicts[1].conflict.field.clone(),
        ),
        _ => unreachable!(),
    };
    key(&mut app, KeyCode::Left);
    let s = screen(&app, 80, 24);
    assert!(s.contains("[✓] 远端"), "{s}");
    key(&mut app, KeyCode::Enter);
    assert!(!on_pick_screen(&app));
    let s = screen(&app, 80, 24);
    assert!(s.contains("同步完成"), "{s}");
    let text = file(&o.a, RECORD);
    let value = |field: &str| -> String {
        let key = field.rsplit('.').next().unwrap();
        text.lines()
            .find(|l| l.starts_with(&format!("{key} =")))
            .unwrap()
            .to_string()
    };
    let remote_first = if first.ends_with("short_name") {
        "short_name = \"乙\""
    } else {
        "report_date = \"2024年7月\""
    };
    let local_second = if second.ends_with("short_name") {
        "short_name = \"甲\""
    } else {
        "report_date = \"2024年6月\""
    };
    assert_eq!(value(&first), remote_first);
    assert_eq!(value(&second), local_second);
    // A merge commit of both sides, pushed: B takes it as a fast-forward.
    let parents = git(&o.a, &["rev-list", "--parents", "-n", "1", "HEAD"]);
    assert_eq!(parents.split(' ').count(), 3, "{parents}");
    assert_eq!(git(&o.central, &["rev-parse", "HEAD"]), head(&o.a));
    ok(jixiao(&o.b, &["sync"]));
    assert_eq!(head(&o.b), head(&o.a));
    assert_eq!(file(&o.b, RECORD), text);
    clean(&o.a);
    clean(&o.b);
}

#[test]
fn esc_or_a_field_changed_again_on_the_remote_commits_nothing() {
    let o = offices();
    edit(
        &o.a,
        RECORD,
        "short_name = \"市交通管理局\"",
        "short_name = \"甲\"",
        "甲",
    );
    edit(
        &o.b,
        RECORD,
        "short_name = \"市交通管理局\"",
        "short_name = \"乙\"",
        "乙",
    );
    ok(jixiao(&o.b, &["sync"]));
    let before = head(&o.a);
    let central = git(&o.central, &["rev-parse", "HEAD"]);
    let mut app = home(&o.a);
    key(&mut app, KeyCode::Char('s'));
    assert!(on_pick_screen(&app));
    key(&mut app, KeyCode::Left);
    // Meanwhile office B changes the field again: the pick was made for 乙, not for 丙.
    edit(
        &o.b,
        RECORD,
        "short_name = \"乙\"",
        "short_name = \"丙\"",
        "丙",
    );
    ok(jixiao(&o.b, &["sync"]));
    key(&mut app, KeyCode::Enter);
    assert!(on_pick_screen(&app), "asked anew");
    let s = screen(&app, 80, 24);
    assert!(s.contains("远端：丙"), "{s}");
    // Asked anew, the conflict starts from this office's value.
    assert!(s.contains("[✓] 本地：甲"), "{s}");
    assert_eq!(head(&o.a), before);
    key(&mut app, KeyCode::Esc);
    assert!(!on_pick_screen(&app));
    let s = screen(&app, 80, 24);
    assert!(s.contains("未同步：冲突未解决"), "{s}");
    assert_eq!(head(&o.a), before);
    assert!(file(&o.a, RECORD).contains("short_name = \"甲\""));
    clean(&o.a);
    assert_ne!(
        git(&o.central, &["rev-parse", "HEAD"]),
        central,
        "B's 丙 arrived"
    );
    assert!(file(&o.b, RECORD).contains("short_name = \"丙\""));
}

#[test]
fn a_new_record_under_another_rubric_is_picked_by_its_rubrics_labels() {
    let o = offices();
    let rel = "records/tongji/2024.toml";
    ok(jixiao(
        &o.b,
        &[
            "new",
            "tongji",
            "2024",
            "--name",
            "某市统计局",
            "--rubric",
            "mof-department-2013",
        ],
    ));
    ok(jixiao(&o.b, &["commit", "tongji", "2024", "-m", "新建"]));
    ok(jixiao(&o.b, &["sync"]));
    ok(jixiao(&o.a, &["sync"]));
    let line = file(&o.a, rel)
        .lines()
        .find(|l| l.starts_with("evaluator ="))
        .unwrap()
        .to_string();
    edit(&o.a, rel, &line, "evaluator = \"财政局评价组\"", "甲");
    edit(&o.b, rel, &line, "evaluator = \"统计局自评组\"", "乙");
    ok(jixiao(&o.b, &["sync"]));
    let mut app = home(&o.a);
    key(&mut app, KeyCode::Char('s'));
    let s = screen(&app, 80, 24);
    assert!(s.contains("修改了 1 个相同字段"), "{s}");
    assert!(s.contains("tongji/2024"), "{s}");
    // The field is named as the report names it, not by its TOML path.
    let label = match app.screens.last() {
        Some(Screen::SyncPicks(p)) => p.conflicts[0].conflict.label.clone(),
        _ => panic!("not on the pick screen:\n{s}"),
    };
    assert!(!label.contains("overview.") && !label.is_empty(), "{label}");
    assert!(s.contains(&label), "{s}");
    key(&mut app, KeyCode::Char('t'));
    key(&mut app, KeyCode::Enter);
    let s = screen(&app, 80, 24);
    assert!(s.contains("同步完成"), "{s}");
    assert!(file(&o.a, rel).contains("evaluator = \"统计局自评组\""));
    ok(jixiao(&o.b, &["sync"]));
    assert_eq!(head(&o.a), head(&o.b));
    let list = ok(jixiao(&o.a, &["list", "--json"]));
    assert!(list.contains("某市统计局"), "{list}");
}

const RUBRIC: &str = "rubrics/beijing-department-2023.toml";

/// Both offices change the rubric file differently (a comment line each, with plain git);
/// B syncs first. Returns the offices and the rubric as each side left it.
fn rubric_changed_on_both_sides() -> (Offices, String, String) {
    let o = offices();
    let mut texts = Vec::new();
    for (dir, note) in [(&o.a, "# 甲办公室的说明\n"), (&o.b, "# 乙办公室的说明\n")] {
        let text = format!("{}{note}", file(dir, RUBRIC));
        std::fs::write(dir.join(RUBRIC), &text).unwrap();
        git(dir, &["commit", "--quiet", "-am", "说明指标体系"]);
        texts.push(text);
    }
    ok(jixiao(&o.b, &["sync"]));
    let b = texts.pop().unwrap();
    let a = texts.pop().unwrap();
    (o, a, b)
}

/// A rubric both sides changed is picked whole: the screen names the file and each side's
/// version; taking the remote's merges, commits and pushes it.
#[test]
fn a_rubric_changed_on_both_sides_is_picked_whole() {
    let (o, _, theirs) = rubric_changed_on_both_sides();
    let before = head(&o.a);
    let mut app = home(&o.a);
    key(&mut app, KeyCode::Char('s'));
    assert!(on_pick_screen(&app));
    let s = screen(&app, 80, 24);
    assert!(s.contains(RUBRIC) && s.contains("整个文件"), "{s}");
    assert!(
        s.contains("远端：修改，版本") && s.contains("本地：修改，版本"),
        "{s}"
    );
    assert_eq!(head(&o.a), before, "nothing yet");
    key(&mut app, KeyCode::Left);
    key(&mut app, KeyCode::Enter);
    assert!(!on_pick_screen(&app));
    let s = screen(&app, 80, 24);
    assert!(s.contains("同步完成"), "{s}");
    assert_eq!(file(&o.a, RUBRIC), theirs);
    let parents = git(&o.a, &["rev-list", "--parents", "-n", "1", "HEAD"]);
    assert_eq!(parents.split(' ').count(), 3, "a merge commit: {parents}");
    assert_eq!(git(&o.central, &["rev-parse", "HEAD"]), head(&o.a));
    clean(&o.a);
}

/// Keeping this repository's rubric: the merge keeps it, and the other office gets it.
#[test]
fn a_rubric_kept_from_this_side_reaches_the_other_office() {
    let (o, ours, _) = rubric_changed_on_both_sides();
    let mut app = home(&o.a);
    // Esc first: nothing moves.
    key(&mut app, KeyCode::Char('s'));
    assert!(on_pick_screen(&app));
    let before = head(&o.a);
    key(&mut app, KeyCode::Esc);
    assert_eq!(head(&o.a), before);
    key(&mut app, KeyCode::Char('s'));
    assert!(on_pick_screen(&app));
    // Ours is the default pick.
    let s = screen(&app, 80, 24);
    assert!(s.contains("[✓] 本地"), "{s}");
    key(&mut app, KeyCode::Enter);
    assert!(!on_pick_screen(&app));
    assert_eq!(file(&o.a, RUBRIC), ours);
    ok(jixiao(&o.b, &["sync"]));
    assert_eq!(file(&o.b, RUBRIC), ours);
    assert_eq!(head(&o.b), head(&o.a));
    clean(&o.a);
    clean(&o.b);
}

/// A whole-file pick holds only for the versions it was made on: when the other office
/// changes the rubric again meanwhile, the screen asks anew and nothing is committed.
#[test]
fn a_rubric_changed_again_on_the_remote_is_asked_anew() {
    let (o, ours, theirs) = rubric_changed_on_both_sides();
    let before = head(&o.a);
    let mut app = home(&o.a);
    key(&mut app, KeyCode::Char('s'));
    assert!(on_pick_screen(&app));
    let first = screen(&app, 80, 24);
    key(&mut app, KeyCode::Left);
    let again = format!("{theirs}# 乙办公室又改了\n");
    std::fs::write(o.b.join(RUBRIC), &again).unwrap();
    git(&o.b, &["commit", "--quiet", "-am", "再说明指标体系"]);
    ok(jixiao(&o.b, &["sync"]));
    key(&mut app, KeyCode::Enter);
    assert!(on_pick_screen(&app), "asked anew");
    let s = screen(&app, 80, 24);
    assert!(s.contains("[✓] 本地"), "{s}");
    // The remote's version is the new one.
    let remote_line = |s: &str| s.lines().find(|l| l.contains("远端：")).map(str::to_string);
    assert_ne!(remote_line(&s), remote_line(&first), "{s}");
    assert_eq!(head(&o.a), before);
    assert_eq!(file(&o.a, RUBRIC), ours);
    key(&mut app, KeyCode::Esc);
    assert_eq!(head(&o.a), before);
    clean(&o.a);
}
