//! The git store against real repositories in temporary folders.

mod support;

use jixiao::store::{self, Conflict, SaveOutcome, SaveRequest, Segment};
use rust_decimal::Decimal;
use std::str::FromStr;
use support::{Fixture, dept, replace_once, seed, with_asset_override};

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn save(f: &Fixture, dept: &str, text: &str, base: Option<&str>, summary: &str) -> SaveOutcome {
    let dept = support::dept(dept);
    store::save(
        &f.repo,
        &SaveRequest {
            dept: &dept,
            year: 2023,
            text,
            base: match base {
                Some(b) => store::Base::Revision(b.to_string()),
                None => store::head_base(&f.repo, &dept, 2023).unwrap(),
            },
            file_base: None,
            summary,
        },
    )
    .unwrap()
}

fn committed(o: SaveOutcome) -> String {
    match o {
        SaveOutcome::Committed { rev, .. } => rev,
        other => panic!("expected a commit, got {other:?}"),
    }
}

#[test]
fn a_save_is_one_commit_seen_by_plain_git() {
    let f = Fixture::new();
    // Unrelated files, committed with plain git before jixiao saves anything.
    std::fs::write(f.path().join("README.md"), "评价库\n").unwrap();
    f.git(&["add", "README.md", "rubrics"]);
    f.git(&["commit", "-q", "-m", "起始"]);
    let o = save(&f, "bj-traffic", seed(), None, "录入原报告");
    let SaveOutcome::Committed {
        rev,
        old_total,
        new_total,
        grade,
        merged,
        working_file,
    } = o
    else {
        panic!("not committed")
    };
    assert_eq!(
        (old_total, new_total, grade.as_str(), merged, working_file),
        (None, d("95.97"), "优", false, store::WorkingFile::Updated)
    );
    assert_eq!(f.git(&["rev-parse", "HEAD"]).trim(), rev);
    assert_eq!(
        f.git(&["log", "-1", "--format=%an|%ae|%cn|%ce%n%B"]),
        "评价员甲|jia@example.org|评价员甲|jia@example.org\n录入原报告\n\nRecord: bj-traffic/2023\nScore: none -> 95.97 (优)\n\n"
    );
    // Only the record's file changed; the unrelated files are still there.
    assert_eq!(
        f.git(&["show", "--name-status", "--format=", "HEAD"]),
        "A\trecords/bj-traffic/2023.toml\n"
    );
    assert_eq!(f.git(&["show", "HEAD:README.md"]), "评价库\n");
    assert_eq!(
        f.git(&["show", "HEAD:records/bj-traffic/2023.toml"]),
        seed()
    );
    // Working file and index follow, so git status is clean.
    assert_eq!(f.status(), "");
    assert_eq!(
        std::fs::read_to_string(f.repo.record_path(&dept("bj-traffic"), 2023)).unwrap(),
        seed()
    );

    let changed = with_asset_override(seed(), "4.00", "复核：资产管理制度健全");
    let rev2 = committed(save(&f, "bj-traffic", &changed, None, "复核资产管理"));
    assert_eq!(
        f.git(&["log", "-1", "--format=%(trailers:key=Score,valueonly)"])
            .trim(),
        "95.97 -> 96.47 (优)"
    );
    assert_eq!(f.git(&["rev-parse", "HEAD~1"]).trim(), rev);
    assert_eq!(f.git(&["rev-parse", "HEAD"]).trim(), rev2);
    assert_eq!(f.status(), "");
}

#[test]
fn the_first_save_of_a_fresh_repository_works() {
    let f = Fixture::new();
    assert_eq!(
        store::tip(&f.repo, &dept("bj-traffic"), 2023).unwrap(),
        None
    );
    let rev = committed(save(&f, "bj-traffic", seed(), None, ""));
    assert_eq!(f.git(&["rev-list", "--count", "HEAD"]).trim(), "1");
    assert_eq!(
        f.git(&["log", "-1", "--format=%s"]).trim(),
        "保存 bj-traffic/2023"
    );
    let (tip, text) = store::tip(&f.repo, &dept("bj-traffic"), 2023)
        .unwrap()
        .unwrap();
    assert_eq!((tip, text.as_deref()), (rev, Some(seed())));
    assert_eq!(f.status(), "");
}

#[test]
fn a_save_without_an_author_says_how_to_set_one() {
    let f = Fixture::new();
    f.git(&["config", "--unset", "user.name"]);
    let dept = dept("bj-traffic");
    let err = store::save(
        &f.repo,
        &SaveRequest {
            dept: &dept,
            year: 2023,
            text: seed(),
            base: store::Base::New,
            file_base: None,
            summary: "x",
        },
    )
    .unwrap_err()
    .to_string();
    assert!(err.contains("未设置 git 的 user.name"), "{err}");
    assert!(err.contains("git config --global user.name"), "{err}");
    assert!(
        git2::Repository::open(f.path()).unwrap().head().is_err(),
        "nothing committed"
    );
}

#[test]
fn detached_head_and_an_unfinished_merge_are_refused() {
    let f = Fixture::new();
    let rev = committed(save(&f, "bj-traffic", seed(), None, "v1"));
    let dept = dept("bj-traffic");
    let changed = with_asset_override(seed(), "4.00", "复核");
    let req = SaveRequest {
        dept: &dept,
        year: 2023,
        text: &changed,
        base: store::Base::Revision(rev.clone()),
        file_base: None,
        summary: "v2",
    };
    f.git(&["checkout", "-q", "--detach"]);
    let err = store::save(&f.repo, &req).unwrap_err().to_string();
    assert!(err.contains("HEAD 处于分离状态"), "{err}");
    f.git(&["checkout", "-q", "main"]);
    std::fs::write(f.path().join(".git/MERGE_HEAD"), format!("{rev}\n")).unwrap();
    let err = store::save(&f.repo, &req).unwrap_err().to_string();
    assert!(err.contains("未完成的 merge 操作"), "{err}");
    std::fs::remove_file(f.path().join(".git/MERGE_HEAD")).unwrap();
    assert_eq!(f.git(&["rev-parse", "HEAD"]).trim(), rev);
    committed(store::save(&f.repo, &req).unwrap());
}

#[test]
fn a_plain_git_commit_shows_in_the_log_with_its_score() {
    let f = Fixture::new();
    let rev1 = committed(save(&f, "bj-traffic", seed(), None, "录入原报告"));
    let dept = dept("bj-traffic");
    f.write(
        &dept,
        2023,
        &with_asset_override(seed(), "3.20", "一项不合格"),
    );
    f.author("评价员乙", "yi@example.org");
    f.git(&["commit", "-q", "-am", "手工修改资产管理得分"]);
    let plain = f.git(&["rev-parse", "HEAD"]).trim().to_string();
    // An unrelated plain commit is not a revision of the record.
    std::fs::write(f.path().join("notes.txt"), "备注\n").unwrap();
    f.git(&["add", "notes.txt"]);
    f.git(&["commit", "-q", "-m", "备注"]);
    let log = store::log(&f.repo, &dept, 2023).unwrap();
    let rows: Vec<_> = log
        .iter()
        .map(|r| {
            (
                r.id.as_str(),
                r.author.as_str(),
                r.summary.as_str(),
                r.total,
                r.delta,
                r.grade.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        vec![
            (
                plain.as_str(),
                "评价员乙",
                "手工修改资产管理得分",
                Some(d("95.67")),
                Some(d("-0.30")),
                Some("优")
            ),
            (
                rev1.as_str(),
                "评价员甲",
                "录入原报告",
                Some(d("95.97")),
                None,
                Some("优")
            ),
        ]
    );
    assert_eq!(log[0].short, plain[..7]);
    // Re-scoring every revision from its file gives the same totals as the trailers.
    let rescored = store::log_with(&f.repo, &dept, 2023, true).unwrap();
    assert_eq!(rescored, log);
}

#[test]
fn concurrent_edits_of_one_record_merge_field_by_field() {
    let f = Fixture::new();
    let base = committed(save(&f, "bj-traffic", seed(), None, "录入原报告"));
    // Someone else raises the asset score, starting from `base`.
    let theirs = with_asset_override(seed(), "4.00", "复核");
    committed(save(
        &f,
        "bj-traffic",
        &theirs,
        Some(&base),
        "他人：复核资产",
    ));
    // Meanwhile this edit, also from `base`, changes the report date only.
    let ours = replace_once(
        seed(),
        "report_date = \"2024年5月\"",
        "report_date = \"2024年6月\"",
    );
    let o = save(
        &f,
        "bj-traffic",
        &ours,
        Some(&base[..10]),
        "本人：改报告日期",
    );
    let SaveOutcome::Committed {
        new_total,
        old_total,
        merged,
        ..
    } = o
    else {
        panic!("expected a merge, got {o:?}")
    };
    assert_eq!(
        (old_total, new_total, merged),
        (Some(d("96.47")), d("96.47"), true)
    );
    let head = f.git(&["show", "HEAD:records/bj-traffic/2023.toml"]);
    assert_eq!(
        head,
        replace_once(
            &theirs,
            "report_date = \"2024年5月\"",
            "report_date = \"2024年6月\""
        )
    );
    assert_eq!(f.git(&["rev-list", "--count", "HEAD"]).trim(), "3");
    assert_eq!(f.status(), "");

    // A third edit from `base` sets the same override differently: a conflict.
    let tip_before = f.git(&["rev-parse", "HEAD"]);
    let mine = with_asset_override(seed(), "3.20", "一项不合格");
    match save(&f, "bj-traffic", &mine, Some(&base), "本人：资产扣分") {
        SaveOutcome::Conflicts { conflicts, kept } => {
            assert_eq!(
                conflicts,
                vec![
                    Conflict {
                        field: "management.inputs.asset-management.override.reason".into(),
                        label: "预算管理情况·资产管理规范性 调整理由".into(),
                        base: Some("\"原报告评分表打分 3.50 分，未写明不合格项；按评分标准不可得，照原报告录入\"".into()),
                        theirs: Some("\"复核\"".into()),
                        ours: Some("\"一项不合格\"".into()),
                    },
                    Conflict {
                        field: "management.inputs.asset-management.override.score".into(),
                        label: "预算管理情况·资产管理规范性 调整分".into(),
                        base: Some("3.50".into()),
                        theirs: Some("4.00".into()),
                        ours: Some("3.20".into()),
                    },
                ]
            );
            assert!(
                kept.starts_with(f.path().join(".git/jixiao/conflicts")),
                "{kept:?}"
            );
            assert_eq!(std::fs::read_to_string(&kept).unwrap(), mine);
        }
        other => panic!("expected conflicts, got {other:?}"),
    }
    // Nothing committed, nothing of theirs lost.
    assert_eq!(f.git(&["rev-parse", "HEAD"]), tip_before);
    assert_eq!(f.git(&["show", "HEAD:records/bj-traffic/2023.toml"]), head);
    assert_eq!(f.status(), "");
}

#[test]
fn diff_log_drafts_and_blame_on_a_known_history() {
    let f = Fixture::new();
    let dept = dept("bj-traffic");
    let r0 = committed(save(&f, "bj-traffic", seed(), None, "录入原报告"));
    store::draft(&f.repo, &dept, 2023, "初稿", None).unwrap();
    f.author("评价员乙", "yi@example.org");
    let v1 = with_asset_override(seed(), "4.00", "复核：资产管理制度健全");
    let r1 = committed(save(&f, "bj-traffic", &v1, None, "专家评审：资产管理"));
    f.author("评价员丙", "bing@example.org");
    let v2 = replace_once(&v1, "部门预算执行率为 90.63%", "部门预算执行率为 90.62%");
    let v2 = replace_once(
        &v2,
        "report_date = \"2024年5月\"",
        "report_date = \"2024年6月\"",
    );
    let r2 = committed(save(&f, "bj-traffic", &v2, None, "改正执行率"));
    assert_eq!(
        store::draft(&f.repo, &dept, 2023, "征求意见稿", None).unwrap(),
        r2
    );

    // A draft name never moves; naming the same revision again is fine.
    let err = store::draft(&f.repo, &dept, 2023, "初稿", Some(&r2))
        .unwrap_err()
        .to_string();
    assert!(err.contains("稿名一经命名不会移动"), "{err}");
    assert_eq!(
        store::draft(&f.repo, &dept, 2023, "初稿", Some(&r0)).unwrap(),
        r0
    );
    assert!(store::draft(&f.repo, &dept, 2023, "a/b", None).is_err());
    let drafts: Vec<_> = store::drafts(&f.repo, &dept, 2023)
        .unwrap()
        .into_iter()
        .map(|d| (d.name, d.rev, d.tagger))
        .collect();
    assert_eq!(
        drafts,
        vec![
            ("初稿".to_string(), r0.clone(), Some("评价员甲".to_string())),
            (
                "征求意见稿".to_string(),
                r2.clone(),
                Some("评价员丙".to_string())
            ),
        ]
    );
    let log = store::log(&f.repo, &dept, 2023).unwrap();
    let rows: Vec<_> = log
        .iter()
        .map(|r| (r.id.clone(), r.total, r.delta, r.drafts.clone()))
        .collect();
    assert_eq!(
        rows,
        vec![
            (
                r2.clone(),
                Some(d("96.47")),
                Some(d("0.00")),
                vec!["征求意见稿".to_string()]
            ),
            (r1.clone(), Some(d("96.47")), Some(d("0.50")), vec![]),
            (r0.clone(), Some(d("95.97")), None, vec!["初稿".to_string()]),
        ]
    );

    let diff = store::diff(&f.repo, &dept, 2023, Some("初稿"), Some("征求意见稿")).unwrap();
    assert_eq!(diff.from_label, format!("初稿 ({})", &r0[..7]));
    assert_eq!(diff.to_label, format!("征求意见稿 ({})", &r2[..7]));
    let scores: Vec<_> = diff
        .scores
        .iter()
        .map(|c| {
            (
                c.path.as_str(),
                c.old,
                c.new,
                c.old_computed,
                c.new_computed,
                c.old_override
                    .as_ref()
                    .map(|o| (o.score, o.reason.as_str())),
                c.new_override
                    .as_ref()
                    .map(|o| (o.score, o.reason.as_str())),
                c.delta,
            )
        })
        .collect();
    assert_eq!(
        scores,
        vec![(
            "management/assets/asset-management",
            Some(d("3.50")),
            Some(d("4.00")),
            Some(d("4.00")),
            Some(d("4.00")),
            Some((
                d("3.50"),
                "原报告评分表打分 3.50 分，未写明不合格项；按评分标准不可得，照原报告录入"
            )),
            Some((d("4.00"), "复核：资产管理制度健全")),
            Some(d("0.50")),
        )]
    );
    let groups: Vec<_> = diff
        .groups
        .iter()
        .map(|c| (c.name.as_str(), c.old, c.new, c.delta))
        .collect();
    assert_eq!(
        groups,
        vec![(
            "预算管理情况",
            Some(d("19.30")),
            Some(d("19.80")),
            Some(d("0.50"))
        )]
    );
    let total = diff.total.as_ref().unwrap();
    assert_eq!(
        (total.old, total.new, total.delta),
        (Some(d("95.97")), Some(d("96.47")), Some(d("0.50")))
    );
    let fields: Vec<_> = diff
        .fields
        .iter()
        .map(|c| (c.path.as_str(), c.old.as_deref(), c.new.as_deref()))
        .collect();
    assert_eq!(
        fields,
        vec![(
            "overview.report_date",
            Some("\"2024年5月\""),
            Some("\"2024年6月\"")
        )]
    );
    assert_eq!(diff.texts.len(), 1);
    let t = &diff.texts[0];
    assert_eq!(t.field, "budget.text");
    assert_eq!(t.hunks.len(), 1);
    let (a, b) = t.hunks[0];
    assert_eq!(
        t.segments[a..b],
        [
            // A number is replaced whole, not digit by digit.
            Segment::Same("部门预算执行率为 ".into()),
            Segment::Deleted("90.63".into()),
            Segment::Inserted("90.62".into()),
            Segment::Same("%，财政拨款预算执行率为 97.67%。".into()),
        ]
    );
    // The whole text is there for a UI: the segments' old side is the old text.
    let old_text: String = t
        .segments
        .iter()
        .filter_map(|s| match s {
            Segment::Same(x) | Segment::Deleted(x) => Some(x.as_str()),
            Segment::Inserted(_) => None,
        })
        .collect();
    let e = f.repo.evaluate(&dept, 2023, seed()).unwrap();
    assert_eq!(old_text, e.record.text("budget.text"));

    // Default: the last save against the working file, which equals it.
    assert!(
        store::diff(&f.repo, &dept, 2023, None, None)
            .unwrap()
            .is_empty()
    );

    let blame = store::blame(&f.repo, &dept, 2023).unwrap();
    assert_eq!(blame.len(), e.card.leaves().count());
    for row in &blame {
        if row.path == "management/assets/asset-management" {
            assert_eq!(
                (
                    row.score,
                    row.rev.as_str(),
                    row.author.as_str(),
                    row.reason.as_str()
                ),
                (d("4.00"), r1.as_str(), "评价员乙", "复核：资产管理制度健全")
            );
        } else {
            assert_eq!(
                (row.rev.as_str(), row.author.as_str()),
                (r0.as_str(), "评价员甲"),
                "{row:?}"
            );
        }
    }
    let perf = blame.iter().find(|r| r.name == "绩效管理情况").unwrap();
    assert_eq!(
        (perf.score, perf.reason.as_str()),
        (
            d("3.80"),
            "原报告评分表打分 3.80 分，未写明不合格项；按评分标准不可得，照原报告录入"
        )
    );
}

#[test]
fn two_threads_saving_at_once_lose_no_commit() {
    const SAVES: usize = 60;
    let f = Fixture::new();
    let handles: Vec<_> = ["dept-a", "dept-b"]
        .into_iter()
        .map(|name| {
            let repo = f.repo.clone();
            std::thread::spawn(move || {
                let dept = dept(name);
                for i in 0..SAVES {
                    let text = replace_once(
                        seed(),
                        "report_date = \"2024年5月\"",
                        &format!("report_date = \"{name} {i}\""),
                    );
                    let o = store::save(
                        &repo,
                        &SaveRequest {
                            dept: &dept,
                            year: 2023,
                            text: &text,
                            base: store::head_base(&repo, &dept, 2023).unwrap(),
                            file_base: None,
                            summary: &format!("{name} {i}"),
                        },
                    )
                    .unwrap();
                    assert!(matches!(o, SaveOutcome::Committed { merged: false, .. }));
                }
            })
        })
        .collect();
    for h in handles {
        h.join().unwrap();
    }
    assert_eq!(
        f.git(&["rev-list", "--count", "HEAD"]).trim(),
        (2 * SAVES).to_string()
    );
    for name in ["dept-a", "dept-b"] {
        assert_eq!(store::log(&f.repo, &dept(name), 2023).unwrap().len(), SAVES);
    }
    assert_eq!(f.status(), "");
}

#[test]
fn a_commit_amended_to_change_another_record_is_still_found() {
    let f = Fixture::new();
    committed(save(&f, "dept-a", seed(), None, "录入甲"));
    committed(save(&f, "dept-b", seed(), None, "录入乙"));
    // A save of dept-b, then amended by hand to change dept-a too, keeping its trailers.
    let b2 = with_asset_override(seed(), "4.00", "复核");
    committed(save(&f, "dept-b", &b2, None, "复核乙"));
    f.write(
        &dept("dept-a"),
        2023,
        &with_asset_override(seed(), "3.20", "手工"),
    );
    f.git(&["commit", "-q", "-a", "--amend", "--no-edit"]);
    assert!(
        f.git(&["log", "-1", "--format=%B"])
            .contains("Record: dept-b/2023")
    );
    let amended = f.git(&["rev-parse", "HEAD"]).trim().to_string();
    let log = store::log(&f.repo, &dept("dept-a"), 2023).unwrap();
    let rows: Vec<_> = log.iter().map(|r| (r.summary.as_str(), r.total)).collect();
    assert_eq!(
        rows,
        vec![("复核乙", Some(d("95.67"))), ("录入甲", Some(d("95.97")))]
    );
    assert_eq!(log[0].id, amended);
    assert_eq!(
        log,
        store::log_with(&f.repo, &dept("dept-a"), 2023, true).unwrap()
    );
    // dept-b's own log reads its trailer.
    let b = store::log(&f.repo, &dept("dept-b"), 2023).unwrap();
    assert_eq!(
        b.iter().map(|r| r.total).collect::<Vec<_>>(),
        vec![Some(d("96.47")), Some(d("95.97"))]
    );
}
