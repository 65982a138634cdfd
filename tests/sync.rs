//! `jixiao sync` between two clones through a bare repository (file://): edits to different
//! fields of one record merge and both sides end at the same commit; the same field is a
//! conflict that commits nothing; drafts travel both ways and a draft named differently on
//! each side is refused; a record made with `jixiao new` and one under another rubric travel;
//! a branch whose upstream has another name syncs with that one.

mod common;

use std::path::Path;

use common::offices::*;

/// A's usual edit: the short name, saved as 改简称.
fn edit_short_name(dir: &Path) {
    edit(
        dir,
        RECORD,
        "short_name = \"市交通管理局\"",
        "short_name = \"交管局\"",
        "改简称",
    );
}

/// B's usual edit: the report's date, saved as 改报告日期.
fn edit_report_date(dir: &Path) {
    edit(
        dir,
        RECORD,
        "report_date = \"2024年5月\"",
        "report_date = \"2024年6月\"",
        "改报告日期",
    );
}

#[test]
fn different_fields_of_one_record_merge_and_both_sides_end_at_the_same_commit() {
    let o = offices();
    edit_short_name(&o.a);
    edit_report_date(&o.b);
    let b_before = head(&o.b);
    let out = ok(&jixiao(&o.b, &["sync"]));
    assert!(out.contains("已推送到 origin/"), "{out}");
    assert_eq!(head(&o.b), b_before, "B was ahead only: no merge");
    let a_before = head(&o.a);
    let out = ok(&jixiao(&o.a, &["sync"]));
    assert!(
        out.contains("已合并 origin/") && out.contains("的 1 个提交与本地的 1 个提交"),
        "{out}"
    );
    assert!(out.contains("逐字段合并的记录：bj-traffic/2023"), "{out}");
    // A merge commit of both sides, on A and on the central repository.
    let parents = git(&o.a, &["rev-list", "--parents", "-n", "1", "HEAD"]);
    assert_eq!(
        parents.split(' ').skip(1).collect::<Vec<_>>(),
        vec![a_before.as_str(), b_before.as_str()]
    );
    let out = ok(&jixiao(&o.b, &["sync"]));
    assert!(out.contains("（快进）"), "{out}");
    assert_eq!(head(&o.a), head(&o.b));
    assert_eq!(head(&o.a), git(&o.central, &["rev-parse", "HEAD"]));
    for side in [&o.a, &o.b] {
        let text = std::fs::read_to_string(side.join(RECORD)).unwrap();
        assert!(text.contains("short_name = \"交管局\""), "{text}");
        assert!(text.contains("report_date = \"2024年6月\""), "{text}");
        clean(side);
    }
    // The merged record scores as before, and its history reads through the merge.
    let list = ok(&jixiao(&o.b, &["list", "--json"]));
    assert!(list.contains("\"95.97\""), "{list}");
    let log = ok(&jixiao(&o.a, &["log", "bj-traffic", "2023"]));
    assert!(
        log.contains("改简称") && log.contains("改报告日期"),
        "{log}"
    );
    // Nothing new on either side: up to date.
    let out = ok(&jixiao(&o.a, &["sync"]));
    assert!(out.contains("已是最新"), "{out}");
}

#[test]
fn the_same_field_on_both_sides_is_a_conflict_and_nothing_is_committed() {
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
    ok(&jixiao(&o.b, &["sync"]));
    let central = git(&o.central, &["rev-parse", "HEAD"]);
    let before = head(&o.a);
    let file = std::fs::read_to_string(o.a.join(RECORD)).unwrap();
    let out = jixiao(&o.a, &["sync"]);
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("未同步"), "{text}");
    assert!(
        text.contains("overview.short_name：原值 \"市交通管理局\"；本地 \"甲\"；远端 \"乙\""),
        "{text}"
    );
    // As it was: the branch, the file, the index, no merge in progress; the remote untouched.
    assert_eq!(head(&o.a), before);
    assert_eq!(std::fs::read_to_string(o.a.join(RECORD)).unwrap(), file);
    clean(&o.a);
    assert!(!o.a.join(".git/MERGE_HEAD").exists());
    assert_eq!(git(&o.central, &["rev-parse", "HEAD"]), central);
    // For tools: both values.
    let v: serde_json::Value =
        serde_json::from_slice(&jixiao(&o.a, &["sync", "--json"]).stdout).unwrap();
    assert_eq!(v["synced"], false);
    let f = &v["conflicts"][0]["fields"][0];
    assert_eq!(f["field"], "overview.short_name");
    assert_eq!(f["local"], "\"甲\"");
    assert_eq!(f["remote"], "\"乙\"");
    // Settled: A takes B's value; the sync then goes through.
    edit(
        &o.a,
        RECORD,
        "short_name = \"甲\"",
        "short_name = \"乙\"",
        "采用乙",
    );
    ok(&jixiao(&o.a, &["sync"]));
    ok(&jixiao(&o.b, &["sync"]));
    assert_eq!(head(&o.a), head(&o.b));
}

fn drafts(dir: &Path) -> Vec<(String, String)> {
    let v: serde_json::Value = serde_json::from_str(&ok(&jixiao(
        dir,
        &["drafts", "bj-traffic", "2023", "--json"],
    )))
    .unwrap();
    let list = v
        .as_array()
        .cloned()
        .or_else(|| v["drafts"].as_array().cloned())
        .unwrap_or_default();
    list.iter()
        .map(|d| {
            (
                d["name"].as_str().unwrap().to_string(),
                d["rev"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn drafts_travel_both_ways_and_one_named_differently_is_refused() {
    let o = offices();
    ok(&jixiao(&o.a, &["draft", "bj-traffic", "2023", "初稿"]));
    let out = ok(&jixiao(&o.a, &["sync"]));
    assert!(out.contains("推送的稿次：bj-traffic/2023/初稿"), "{out}");
    let out = ok(&jixiao(&o.b, &["sync"]));
    assert!(out.contains("取回的稿次：bj-traffic/2023/初稿"), "{out}");
    assert_eq!(drafts(&o.b), drafts(&o.a));
    edit(
        &o.b,
        RECORD,
        "report_date = \"2024年5月\"",
        "report_date = \"2024年6月\"",
        "修改稿",
    );
    ok(&jixiao(
        &o.b,
        &["draft", "bj-traffic", "2023", "征求意见稿"],
    ));
    ok(&jixiao(&o.b, &["sync"]));
    ok(&jixiao(&o.a, &["sync"]));
    let names: Vec<String> = drafts(&o.a).into_iter().map(|d| d.0).collect();
    assert_eq!(names, vec!["初稿", "征求意见稿"]);
    assert_eq!(drafts(&o.a), drafts(&o.b));

    // Both offices name a 终稿, each on its own revision.
    edit(
        &o.a,
        RECORD,
        "short_name = \"市交通管理局\"",
        "short_name = \"交管局\"",
        "A 定稿",
    );
    ok(&jixiao(&o.a, &["draft", "bj-traffic", "2023", "终稿"]));
    edit(
        &o.b,
        RECORD,
        "evaluator = \"北京市公安局公安交通管理局\"",
        "evaluator = \"某评价机构\"",
        "B 定稿",
    );
    ok(&jixiao(&o.b, &["draft", "bj-traffic", "2023", "终稿"]));
    ok(&jixiao(&o.b, &["sync"]));
    let a_final = head(&o.a);
    let b_final = head(&o.b);
    let out = jixiao(&o.a, &["sync"]);
    assert_eq!(out.status.code(), Some(1), "a refused draft fails the sync");
    let text = String::from_utf8_lossy(&out.stdout);
    // The records still merged; the draft moved on neither side.
    assert!(text.contains("逐字段合并的记录：bj-traffic/2023"), "{text}");
    assert!(
        text.contains(&format!(
            "未移动的稿次 bj-traffic/2023/终稿：本地指向 {}，远端指向 {}",
            &a_final[..7],
            &b_final[..7]
        )),
        "{text}"
    );
    let final_of = |d: &Path| {
        drafts(d)
            .into_iter()
            .find(|(n, _)| n == "终稿")
            .map(|(_, r)| r)
            .unwrap()
    };
    assert_eq!(final_of(&o.a), a_final);
    let remote = git(
        &o.central,
        &["rev-parse", "refs/tags/bj-traffic/2023/终稿^{commit}"],
    );
    assert_eq!(remote, b_final);
}

#[test]
fn a_new_record_and_one_under_another_rubric_travel_and_merge() {
    let o = offices();
    // Office B starts a department with `jixiao new` and one under 财预〔2013〕53号.
    ok(&jixiao(
        &o.b,
        &["new", "water", "2024", "--name", "某市水务局"],
    ));
    ok(&jixiao(&o.b, &["commit", "water", "2024", "-m", "新建"]));
    std::fs::create_dir_all(o.b.join("records/tongji")).unwrap();
    std::fs::copy(
        common::root().join("tests/data/mof-department-example.toml"),
        o.b.join("records/tongji/2024.toml"),
    )
    .unwrap();
    ok(&jixiao(
        &o.b,
        &["commit", "tongji", "2024", "-m", "导入统计局"],
    ));
    ok(&jixiao(&o.b, &["sync"]));
    // Office A has begun the same department by hand and not saved it: the sync refuses to
    // overwrite it and changes nothing.
    std::fs::create_dir_all(o.a.join("records/water")).unwrap();
    std::fs::write(o.a.join("records/water/2024.toml"), "# 未保存\n").unwrap();
    let before = head(&o.a);
    let out = jixiao(&o.a, &["sync"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("records/water/2024.toml") && err.contains("评价库保持原样"),
        "{err}"
    );
    assert_eq!(head(&o.a), before);
    assert!(!o.a.join("records/tongji").exists());
    std::fs::remove_dir_all(o.a.join("records/water")).unwrap();
    // A saved something of its own meanwhile: the sync is a merge.
    edit_short_name(&o.a);
    let out = ok(&jixiao(&o.a, &["sync"]));
    assert!(
        out.contains("取自远端的文件：tongji/2024、water/2024"),
        "{out}"
    );
    let list = ok(&jixiao(&o.a, &["list", "--json"]));
    assert!(
        list.contains("某市水务局") && list.contains("\"85.76\""),
        "{list}"
    );
    // Their last save is B's, not the merge's; the record A changed is A's.
    let v: serde_json::Value = serde_json::from_str(&ok(&jixiao(
        &o.a,
        &["summary", "--format", "json", "-o", "-"],
    )))
    .unwrap();
    let who = |dept: &str| -> String {
        v["rubrics"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|t| t["records"].as_array().unwrap().iter())
            .find(|r| r["dept"] == dept)
            .map(|r| r["last_save"]["author"].as_str().unwrap().to_string())
            .unwrap()
    };
    assert_eq!(who("water"), "乙办公室");
    assert_eq!(who("tongji"), "乙办公室");
    assert_eq!(who("bj-traffic"), "甲办公室");

    // Both offices edit the 53号 record, different fields: merged by field.
    let mof = "records/tongji/2024.toml";
    edit(
        &o.a,
        mof,
        "evaluator = \"某市统计局绩效评价工作组\"",
        "evaluator = \"某市财政局\"",
        "A",
    );
    let text = std::fs::read_to_string(o.b.join(mof)).unwrap();
    let short = text
        .lines()
        .find(|l| l.starts_with("short_name"))
        .unwrap()
        .to_string();
    edit(&o.b, mof, &short, "short_name = \"统计局\"", "B");
    ok(&jixiao(&o.b, &["sync"]));
    let out = ok(&jixiao(&o.a, &["sync"]));
    assert!(out.contains("逐字段合并的记录：tongji/2024"), "{out}");
    ok(&jixiao(&o.b, &["sync"]));
    assert_eq!(head(&o.a), head(&o.b));
    let merged = std::fs::read_to_string(o.b.join(mof)).unwrap();
    assert!(
        merged.contains("evaluator = \"某市财政局\"") && merged.contains("short_name = \"统计局\""),
        "{merged}"
    );
    clean(&o.a);
    clean(&o.b);
}

#[test]
fn an_unknown_remote_is_refused_with_how_to_add_one() {
    let o = offices();
    let out = jixiao(&o.a, &["sync", "upstream"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("没有名为 `upstream` 的远端仓库（已有的远端：origin）")
            && err.contains("git remote add upstream"),
        "{err}"
    );
    let out = jixiao(&o.a, &["sync", "--", "--upload-pack=touch x"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(!o.a.join("x").exists());
}

#[test]
fn the_home_screen_shows_ahead_and_behind_and_syncs_on_s() {
    use common::tui::{key, screen, wait_loaded};
    use ratatui::crossterm::event::KeyCode;
    let o = offices();
    edit_report_date(&o.b);
    ok(&jixiao(&o.b, &["sync"]));
    // A has fetched (plain git) but not merged: one commit behind.
    git(&o.a, &["fetch", "--quiet", "origin"]);
    git(&o.a, &["config", "user.name", "甲办公室"]);
    git(&o.a, &["config", "user.email", "a@example.org"]);
    let repo = jixiao::store::open_repo(Some(&o.a)).unwrap();
    let mut app = jixiao::tui::App::home(repo, jixiao::tui::Theme { color: false });
    wait_loaded(&mut app);
    let s = screen(&app, 100, 24);
    assert!(s.contains("origin 领先 0 落后 1（s 同步）"), "{s}");
    key(&mut app, KeyCode::Char('s'));
    let s = screen(&app, 100, 24);
    assert!(s.contains("同步完成"), "{s}");
    assert!(s.contains("的 1 个提交（快进）"), "{s}");
    key(&mut app, KeyCode::Esc);
    wait_loaded(&mut app);
    let s = screen(&app, 100, 24);
    assert!(s.contains("与 origin 一致"), "{s}");
    assert_eq!(head(&o.a), head(&o.b));
    let text = std::fs::read_to_string(o.a.join(RECORD)).unwrap();
    assert!(text.contains("report_date = \"2024年6月\""));
}

/// A branch whose upstream on the remote has another name (`git branch -u origin/trunk`)
/// syncs with that branch: merges it, pushes to it, and counts ahead and behind against it.
#[test]
fn a_branch_syncs_with_its_upstream_of_another_name() {
    let o = offices();
    // The central repository gets a `trunk` branch; B's branch follows it.
    let branch = git(&o.a, &["symbolic-ref", "--short", "HEAD"]);
    git(&o.a, &["push", "--quiet", "origin", "HEAD:trunk"]);
    git(&o.b, &["fetch", "--quiet", "origin"]);
    git(
        &o.b,
        &["branch", "--quiet", "--set-upstream-to=origin/trunk"],
    );
    let main_before = git(&o.central, &["rev-parse", &branch]);
    edit_short_name(&o.a);
    // A's save goes to trunk by hand, as another tool would push it.
    git(&o.a, &["push", "--quiet", "origin", "HEAD:trunk"]);
    edit_report_date(&o.b);
    // Fetched but not merged: B is one ahead of trunk and one behind it (while the remote's
    // branch of B's own name is not ahead of B at all).
    git(&o.b, &["fetch", "--quiet", "origin"]);
    let repo = jixiao::store::open_repo(Some(&o.b)).unwrap();
    assert_eq!(
        jixiao::store::ahead_behind(&repo, "origin").unwrap(),
        Some((1, 1))
    );
    let out = ok(&jixiao(&o.b, &["sync"]));
    assert!(out.contains("origin/trunk"), "{out}");
    assert_eq!(git(&o.central, &["rev-parse", "trunk"]), head(&o.b));
    assert_eq!(
        git(&o.central, &["rev-parse", &branch]),
        main_before,
        "the remote's branch of B's name is not B's upstream"
    );
    let text = std::fs::read_to_string(o.b.join(RECORD)).unwrap();
    assert!(text.contains("short_name = \"交管局\""), "{text}");
    assert!(text.contains("report_date = \"2024年6月\""), "{text}");
    clean(&o.b);
    let out = ok(&jixiao(&o.b, &["sync"]));
    assert!(out.contains("已是最新"), "{out}");
}
