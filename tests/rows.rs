//! Rows of tables keep their identity (`id`) through saves, merges, diffs and blame (issue 8).

mod support;

use jixiao::record::doc;
use jixiao::store::{self, SaveOutcome, SaveRequest};
use jixiao::tui::conflict::Conflicts;
use std::collections::BTreeSet;
use std::path::Path;
use support::{Fixture, dept, replace_once, seed};

fn save_as(f: &Fixture, d: &str, year: u16, text: &str, base: Option<&str>) -> SaveOutcome {
    let dept = dept(d);
    let base = match base {
        Some(b) => store::Base::Revision(b.to_string()),
        None => store::head_base(&f.repo, &dept, year).unwrap(),
    };
    store::save(
        &f.repo,
        &SaveRequest {
            dept: &dept,
            year,
            text,
            base,
            file_base: None,
            summary: "测试",
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

fn head(f: &Fixture, rel: &str) -> String {
    f.git(&["show", &format!("HEAD:{rel}")])
}

/// The text of the row with `id` up to the next row header.
fn row_block<'a>(text: &'a str, id: &str) -> &'a str {
    let header = text[..text.find(&format!("id = \"{id}\"")).unwrap()]
        .rfind("[[")
        .unwrap();
    let end = text[header + 2..]
        .find("\n[")
        .map(|e| header + 2 + e + 1)
        .unwrap();
    &text[header..end]
}

const FIRST: &str = "3cf68341"; // 第一时间处理群众受困求助等涉汛警情
const SECOND: &str = "1a93fc1c"; // 加强执法力度，执法量同比增长

#[test]
fn deleting_a_row_and_editing_the_next_one_concurrently_merges_onto_the_right_row() {
    let f = Fixture::new();
    let base = committed(save_as(&f, "bj-traffic", 2023, seed(), None));
    let deleted = seed().replace(row_block(seed(), FIRST), "");
    committed(save_as(&f, "bj-traffic", 2023, &deleted, Some(&base)));
    let edited = replace_once(seed(), "actual = \"3.7倍\"", "actual = \"3.8倍\"");
    let o = save_as(&f, "bj-traffic", 2023, &edited, Some(&base));
    assert!(
        matches!(o, SaveOutcome::Committed { merged: true, .. }),
        "{o:?}"
    );
    let text = head(&f, "records/bj-traffic/2023.toml");
    assert!(!text.contains(FIRST));
    assert!(row_block(&text, SECOND).contains("actual = \"3.8倍\""));
    // Only that one value changed against the version with the row deleted.
    assert_eq!(
        text,
        replace_once(&deleted, "actual = \"3.7倍\"", "actual = \"3.8倍\"")
    );
}

#[test]
fn deleting_a_row_another_person_edited_is_a_conflict() {
    let f = Fixture::new();
    let base = committed(save_as(&f, "bj-traffic", 2023, seed(), None));
    let edited = replace_once(seed(), "actual = \"650起\"", "actual = \"660起\"");
    committed(save_as(&f, "bj-traffic", 2023, &edited, Some(&base)));
    let deleted = seed().replace(row_block(seed(), FIRST), "");
    match save_as(&f, "bj-traffic", 2023, &deleted, Some(&base)) {
        SaveOutcome::Conflicts { conflicts, .. } => {
            assert_eq!(conflicts.len(), 1, "{conflicts:?}");
            let c = &conflicts[0];
            assert_eq!(c.field, format!("targets.indicators[id={FIRST}]"));
            assert_eq!(c.label, "三级指标「第一时间处理群众受困求助等涉汛警情」");
            assert_eq!(c.ours, None);
            assert!(c.theirs.as_deref().unwrap().contains("actual = \"660起\""));
            // The conflict screen's picks: their edited row, or our deletion.
            for take_theirs in [true, false] {
                let screen = Conflicts {
                    dept: dept("bj-traffic"),
                    year: 2023,
                    conflicts: conflicts.clone(),
                    theirs: vec![take_theirs],
                    selected: 0,
                    kept: std::path::PathBuf::new(),
                    summary: String::new(),
                    base: store::Base::Revision(base.clone()),
                    ours: deleted.clone(),
                    help: false,
                };
                let (text, _) = screen.resolve(&f.repo).unwrap();
                // The comment above a deleted row goes with it, as when the editor deletes it.
                let without_row = replace_once(
                    &deleted,
                    "# 产出（30分）: the first five are 表 3 (年度重点工作产出指标).\n",
                    "",
                );
                assert_eq!(
                    text,
                    if take_theirs {
                        edited.clone()
                    } else {
                        without_row
                    }
                );
            }
        }
        other => panic!("expected a conflict, got {other:?}"),
    }
}

#[test]
fn an_inserted_row_is_one_change_in_the_diff_and_blame_follows_the_row() {
    let f = Fixture::new();
    let d = dept("bj-traffic");
    committed(save_as(&f, "bj-traffic", 2023, seed(), None));
    // Commit 2 lowers the second indicator's 完成值.
    let lowered = replace_once(seed(), "actual = \"3.7倍\"", "actual = \"2倍\"");
    let second = committed(save_as(&f, "bj-traffic", 2023, &lowered, None));
    // Commit 3 inserts a goal row and an indicator before the first one; the new rows get ids.
    let inserted = replace_once(
        &lowered,
        "[[targets.indicators]]\nid = \"3cf68341\"",
        "[[targets.indicators]]\nparent = \"outputs\"\nname = \"新增指标\"\ntarget = \"≥1起\"\nactual = \"1起\"\nweight = 0\n\n[[targets.indicators]]\nid = \"3cf68341\"",
    );
    let inserted = replace_once(
        &inserted,
        "# 表 1：部门整体绩效目标\n",
        "# 表 1：部门整体绩效目标\n[[overview.goals]]\nactivity = \"新增活动\"\n\n",
    );
    let third = committed(save_as(&f, "bj-traffic", 2023, &inserted, None));
    let diff = store::diff(&f.repo, &d, 2023, Some(&second), Some(&third)).unwrap();
    let fields: Vec<&str> = diff.fields.iter().map(|c| c.path.as_str()).collect();
    assert_eq!(fields.len(), 6, "{fields:?}");
    assert_eq!(
        fields
            .iter()
            .filter(|p| p.starts_with("overview.goals[id="))
            .count(),
        1
    );
    assert!(fields.iter().all(|p| p.ends_with(".activity")
        || p.starts_with("targets.indicators[id=") && !p.contains(FIRST) && !p.contains(SECOND)));
    // Row fields are labelled with their table, the row's name and their column.
    let labels: BTreeSet<&str> = diff.fields.iter().map(|c| c.label.as_str()).collect();
    assert_eq!(
        labels,
        BTreeSet::from([
            "表 1 部门整体绩效目标「新增活动」活动",
            "三级指标「新增指标」名称",
            "三级指标「新增指标」所属指标",
            "三级指标「新增指标」指标值",
            "三级指标「新增指标」完成值",
            "三级指标「新增指标」分值",
        ])
    );
    // One new score (weight 0: no group moves); the rows after it are not changed.
    assert_eq!(diff.scores.len(), 1, "{:?}", diff.scores);
    assert_eq!(diff.scores[0].name, "新增指标");
    assert_eq!(diff.scores[0].old, None);
    assert!(diff.texts.is_empty());
    // Blame: the second indicator, now third in its table, still points at commit 2.
    let rows = store::blame(&f.repo, &d, 2023).unwrap();
    let row = rows
        .iter()
        .find(|r| r.name == "加强执法力度，执法量同比增长")
        .unwrap();
    assert_eq!(row.path, "targets/outputs/3");
    assert_eq!(row.rev, second);
}

/// `jixiao new` for `rubric` under `d`/2024, committed.
fn new_record(f: &Fixture, d: &str, rubric: &str) -> (String, String) {
    let dept = dept(d);
    let path = f.repo.create_record(&dept, 2024, "某部门", rubric).unwrap();
    let text = std::fs::read_to_string(path).unwrap();
    let rev = committed(save_as(f, d, 2024, &text, None));
    (rev, text)
}

/// The text with a first problem row added as the editor adds it.
fn first_problem(text: &str, title: &str) -> String {
    let mut d = doc::parse(Path::new("r.toml"), text).unwrap();
    doc::set(&mut d, "conclusion.problems[0].title", title.into()).unwrap();
    doc::set(&mut d, "conclusion.problems[0].text", "问题说明".into()).unwrap();
    d.to_string()
}

fn problem_titles(text: &str) -> Vec<String> {
    let d = doc::parse(Path::new("r.toml"), text).unwrap();
    let flat = doc::flatten(&d);
    (0..)
        .map_while(|i| flat.get(&format!("conclusion.problems[{i}].title")))
        .map(|v| v.as_str().unwrap().to_string())
        .collect()
}

fn two_writers_add_first_rows(f: &Fixture, d: &str, rubric: &str) {
    let (base, text) = new_record(f, d, rubric);
    let first = committed(save_as(
        f,
        d,
        2024,
        &first_problem(&text, "甲发现的问题"),
        Some(&base),
    ));
    let o = save_as(
        f,
        d,
        2024,
        &first_problem(&text, "乙发现的问题"),
        Some(&base),
    );
    assert!(
        matches!(o, SaveOutcome::Committed { merged: true, .. }),
        "{o:?}"
    );
    let merged = head(f, &format!("records/{d}/2024.toml"));
    assert_eq!(problem_titles(&merged), ["甲发现的问题", "乙发现的问题"]);
    // Both rows have ids, and they differ.
    let ids: Vec<&str> = merged.lines().filter(|l| l.starts_with("id = ")).collect();
    assert_eq!(ids.len(), 2, "{merged}");
    assert_ne!(ids[0], ids[1]);
    // The first writer's text (ids added on save) with the second row after the first one.
    let at_first = f.git(&["show", &format!("{first}:records/{d}/2024.toml")]);
    let second_row = format!(
        "text = \"问题说明\"\n\n[[conclusion.problems]]\n{}\ntitle = \"乙发现的问题\"\ntext = \"问题说明\"\n",
        ids[1]
    );
    assert_eq!(
        merged,
        replace_once(&at_first, "text = \"问题说明\"\n", &second_row)
    );
}

#[test]
fn two_writers_adding_the_first_rows_of_a_new_record_keep_both() {
    let f = Fixture::new();
    two_writers_add_first_rows(&f, "bj-traffic", "beijing-department-2023");
}

#[test]
fn two_writers_adding_first_rows_under_another_provinces_rubric_keep_both() {
    let f = Fixture::new();
    std::fs::write(
        f.path().join("rubrics/other-province-2024.toml"),
        include_str!("data/other-province-2024.toml"),
    )
    .unwrap();
    two_writers_add_first_rows(&f, "other-dept", "other-province-2024");
}

#[test]
fn a_conflict_on_a_record_saved_before_rows_had_ids_can_be_resolved() {
    let f = Fixture::new();
    // The last commit before rows had ids, made with plain git.
    let old: String = seed()
        .lines()
        .filter(|l| !l.starts_with("id = \""))
        .map(|l| format!("{l}\n"))
        .collect();
    f.write(&dept("bj-traffic"), 2023, &old);
    f.git(&["add", "-A"]);
    f.git(&["commit", "-q", "-m", "旧版本"]);
    let base = f.git(&["rev-parse", "HEAD"]).trim().to_string();
    // Both sides save (each adding ids of its own) and set the same 完成值 differently.
    let theirs = replace_once(&old, "actual = \"3.7倍\"", "actual = \"3.8倍\"");
    committed(save_as(&f, "bj-traffic", 2023, &theirs, Some(&base)));
    let tip = head(&f, "records/bj-traffic/2023.toml");
    let ours = replace_once(&old, "actual = \"3.7倍\"", "actual = \"3.9倍\"");
    let ours = replace_once(&ours, "actual = \"53.1%\"", "actual = \"53.2%\"");
    let SaveOutcome::Conflicts { conflicts, .. } =
        save_as(&f, "bj-traffic", 2023, &ours, Some(&base))
    else {
        panic!("expected a conflict");
    };
    let at = tip.find("name = \"加强执法力度").unwrap();
    let id_line = tip[..at].rfind("id = \"").unwrap();
    let id = &tip[id_line + 6..id_line + 14];
    assert_eq!(conflicts.len(), 1, "{conflicts:?}");
    assert_eq!(
        conflicts[0].field,
        format!("targets.indicators[id={id}].actual")
    );
    assert_eq!(
        conflicts[0].label,
        "三级指标「加强执法力度，执法量同比增长」完成值"
    );
    for take_theirs in [true, false] {
        let screen = Conflicts {
            dept: dept("bj-traffic"),
            year: 2023,
            conflicts: conflicts.clone(),
            theirs: vec![take_theirs],
            selected: 0,
            kept: std::path::PathBuf::new(),
            summary: String::new(),
            base: store::Base::Revision(base.clone()),
            ours: ours.clone(),
            help: false,
        };
        let (text, rev) = screen.resolve(&f.repo).unwrap();
        assert_eq!(rev, f.git(&["rev-parse", "HEAD"]).trim());
        let mut want = replace_once(&tip, "actual = \"53.1%\"", "actual = \"53.2%\"");
        if !take_theirs {
            want = replace_once(&want, "actual = \"3.8倍\"", "actual = \"3.9倍\"");
        }
        assert_eq!(text, want, "take theirs: {take_theirs}");
    }
}

#[test]
fn commit_of_hand_written_rows_gives_them_ids_in_the_commit_and_the_working_file() {
    let f = Fixture::new();
    let d = dept("bj-traffic");
    committed(save_as(&f, "bj-traffic", 2023, seed(), None));
    // A goal row typed by hand, without an id, at the top of 表 1.
    let typed = replace_once(
        seed(),
        "# 表 1：部门整体绩效目标\n",
        "# 表 1：部门整体绩效目标\n[[overview.goals]]\nactivity = \"手写的活动\"\n\n",
    );
    f.write(&d, 2023, &typed);
    let o = support::jixiao(f.path())
        .args(["commit", "bj-traffic", "2023", "-m", "手写一行"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let committed = head(&f, "records/bj-traffic/2023.toml");
    let file = std::fs::read_to_string(f.repo.record_path(&d, 2023)).unwrap();
    assert_eq!(file, committed);
    assert_eq!(f.status(), "");
    let at = committed.find("activity = \"手写的活动\"").unwrap();
    let id_line = committed[..at].trim_end().lines().last().unwrap();
    assert!(
        id_line.starts_with("id = \"") && id_line.len() == 15,
        "{id_line}"
    );
    assert_eq!(
        committed.replace(&format!("{id_line}\n"), ""),
        typed,
        "only the id was added"
    );
}

#[test]
fn blame_follows_rows_through_revisions_plain_git_committed_without_ids() {
    let f = Fixture::new();
    let d = dept("bj-traffic");
    let rel = "records/bj-traffic/2023.toml";
    let plain_commit = |text: &str, message: &str| {
        f.write(&d, 2023, text);
        f.git(&["add", rel]);
        f.git(&["commit", "-q", "-m", message]);
        f.git(&["rev-parse", "HEAD"]).trim().to_string()
    };
    // The seed as it was before rows had ids, committed by plain git three times: as it is,
    // with the second indicator's 完成值 lowered, and with a row inserted above it.
    let no_ids: String = seed()
        .lines()
        .filter(|l| !l.starts_with("id = \""))
        .map(|l| format!("{l}\n"))
        .collect();
    plain_commit(&no_ids, "导入");
    let lowered = replace_once(&no_ids, "actual = \"3.7倍\"", "actual = \"2倍\"");
    let second = plain_commit(&lowered, "降低完成值");
    let inserted = replace_once(
        &lowered,
        "[[targets.indicators]]\nparent = \"outputs\"\nname = \"第一时间",
        "[[targets.indicators]]\nparent = \"outputs\"\nname = \"新增指标\"\ntarget = \"≥1起\"\nactual = \"1起\"\nweight = 0\n\n[[targets.indicators]]\nparent = \"outputs\"\nname = \"第一时间",
    );
    assert_ne!(inserted, lowered);
    plain_commit(&inserted, "插入一行");
    // A save of another field gives every row its id.
    f.write(
        &d,
        2023,
        &replace_once(
            &inserted,
            "report_date = \"2024年5月\"",
            "report_date = \"2024年6月\"",
        ),
    );
    let o = support::jixiao(f.path())
        .args(["commit", "bj-traffic", "2023", "-m", "报告日期"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(head(&f, rel).contains("id = \""));
    let rows = store::blame(&f.repo, &d, 2023).unwrap();
    let row = rows
        .iter()
        .find(|r| r.name == "加强执法力度，执法量同比增长")
        .unwrap();
    assert_eq!(row.rev, second, "{row:?}");
    let new = rows.iter().find(|r| r.name == "新增指标").unwrap();
    assert_eq!(new.summary, "插入一行");
}
