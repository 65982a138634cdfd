//! Many writers on one record at once, with the real binary: every save `jixiao commit`
//! reports is in HEAD's history, and each writer's last value is at HEAD.
//!
//! Eight processes each change a field of their own, 25 times, committing after each change:
//! once from eight worktrees of one branch (`git worktree add -f`), once in one shared working
//! tree. The record starts as `jixiao new` makes it.

mod support;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Child;
use support::{Fixture, git, git_cmd};

const SAVES: usize = 25;
/// One field per writer: text fields of a new record that no other writer touches.
const FIELDS: [&str; 8] = [
    "short_name",
    "evaluator",
    "report_date",
    "organization",
    "target_setting",
    "target_assessment",
    "outputs_text",
    "social_text",
];

/// A new record made and committed with the binary, as a new department's first save.
fn new_record(f: &Fixture) {
    // As `jixiao init` does: the rubrics are committed, so every worktree has them.
    f.git(&["add", "rubrics"]);
    f.git(&["commit", "-q", "-m", "初始化评价库"]);
    for args in [
        &["new", "edu", "2024", "--name", "某区教育局"][..],
        &["commit", "edu", "2024", "-m", "新建记录"][..],
    ] {
        f.jixiao_ok(args);
    }
}

/// A shell loop that sets `field` to `W<i>-<k>` and commits, SAVES times; each commit's JSON
/// answer is appended to `log`. In a shared tree the edit takes jixiao's save lock (as an
/// editor that respects it would), so the writers' own edits do not overwrite each other.
fn writer(dir: &Path, root: &Path, i: usize, field: &str, log: &Path, shared: bool) -> Child {
    let lock = root.join(".git/jixiao/save.lock");
    let sed =
        format!("sed -i \"s/^{field} = .*/{field} = \\\"W{i}-$k\\\"/\" records/edu/2024.toml");
    let edit = if shared {
        format!("flock '{}' {sed}", lock.display())
    } else {
        sed
    };
    let script = format!(
        "for k in $(seq 1 {SAVES}); do \
           {edit} || exit 1; \
           out=$(\"$JIXIAO\" --repo . commit edu 2024 -m \"W{i} 第 $k 次\" --json 2>'{log}.err'); \
           code=$?; \
           if [ $code -gt 1 ] || [ -z \"$out\" ]; then cat '{log}.err' >&2; exit 3; fi; \
           printf '%s\\t%s\\n' \"$k\" \"$(printf '%s' \"$out\" | tr -d '\\n')\" >> '{log}'; \
         done",
        log = log.display()
    );
    support::shell(dir, &script).spawn().unwrap()
}

/// Each writer's reported saves: (k, committed rev or None when refused as a conflict).
fn reports(log: &Path) -> Vec<(usize, Option<String>)> {
    std::fs::read_to_string(log)
        .unwrap()
        .lines()
        .map(|l| {
            let (k, json) = l.split_once('\t').unwrap();
            let v: serde_json::Value =
                serde_json::from_str(json).unwrap_or_else(|e| panic!("{e}: {json}"));
            let rev = (v["committed"] == true).then(|| v["rev"].as_str().unwrap().to_string());
            (k.parse().unwrap(), rev)
        })
        .collect()
}

fn field_at_head(f: &Fixture, field: &str) -> String {
    let text = f.git(&["show", "HEAD:records/edu/2024.toml"]);
    let doc: toml_edit::DocumentMut = text.parse().unwrap();
    let flat = jixiao::record::doc::flatten(&doc);
    let key = flat
        .keys()
        .find(|k| k.rsplit('.').next() == Some(field))
        .unwrap_or_else(|| panic!("{field} not in the record"))
        .clone();
    flat[&key].as_str().unwrap().to_string()
}

fn check_outcome(f: &Fixture, logs: &[PathBuf]) {
    let head = f.git(&["rev-parse", "HEAD"]).trim().to_string();
    let mut committed = 0;
    for (i, log) in logs.iter().enumerate() {
        let r = reports(log);
        assert_eq!(r.len(), SAVES, "writer {i} reported every save");
        for (k, rev) in &r {
            if let Some(rev) = rev {
                committed += 1;
                let o = git_cmd(f.path())
                    .args(["merge-base", "--is-ancestor", rev, &head])
                    .status()
                    .unwrap();
                assert!(
                    o.success(),
                    "writer {i} save {k}: {rev} not in HEAD's history:\n{}",
                    f.git(&["reflog", "show", "--format=%h %gs", "main"])
                );
            }
        }
        // Nobody else changes this field, so its last value is at HEAD.
        assert_eq!(
            field_at_head(f, FIELDS[i]),
            format!("W{i}-{SAVES}"),
            "writer {i}'s last change is at HEAD"
        );
    }
    assert!(committed > 0);
    let fsck = git_cmd(f.path())
        .args(["fsck", "--full", "--strict", "--no-dangling"])
        .output()
        .unwrap();
    assert!(
        fsck.status.success() && fsck.stdout.is_empty() && fsck.stderr.is_empty(),
        "{}{}",
        String::from_utf8_lossy(&fsck.stdout),
        String::from_utf8_lossy(&fsck.stderr)
    );
}

fn run(writers: Vec<Child>) {
    support::Children(writers).wait_all();
}

#[test]
fn eight_writers_in_eight_worktrees_of_one_branch_lose_nothing() {
    let f = Fixture::new();
    new_record(&f);
    let logs_dir = tempfile::tempdir().unwrap();
    let trees = tempfile::tempdir().unwrap();
    // Every worktree first: `git worktree add` resets the branch to the commit it read,
    // which would undo a save made meanwhile (plain git's doing, not a save's).
    let trees: Vec<PathBuf> = (0..FIELDS.len())
        .map(|i| {
            let tree = trees.path().join(format!("w{i}"));
            // -f: the same branch checked out in every worktree, as people sharing it would.
            git(
                f.path(),
                &[
                    "worktree",
                    "add",
                    "-q",
                    "-f",
                    tree.to_str().unwrap(),
                    "main",
                ],
            );
            tree
        })
        .collect();
    let mut logs = Vec::new();
    let mut children = Vec::new();
    for (i, (field, tree)) in FIELDS.iter().zip(&trees).enumerate() {
        let log = logs_dir.path().join(format!("w{i}.log"));
        children.push(writer(tree, f.path(), i, field, &log, false));
        logs.push(log);
    }
    run(children);
    check_outcome(&f, &logs);
}

#[test]
fn eight_writers_in_one_shared_tree_lose_nothing() {
    let f = Fixture::new();
    new_record(&f);
    let logs_dir = tempfile::tempdir().unwrap();
    let mut logs = Vec::new();
    let mut children = Vec::new();
    for (i, field) in FIELDS.iter().enumerate() {
        let log = logs_dir.path().join(format!("w{i}.log"));
        children.push(writer(f.path(), f.path(), i, field, &log, true));
        logs.push(log);
    }
    run(children);
    check_outcome(&f, &logs);
    // Everything typed was committed, and the working file holds it.
    assert_eq!(f.status(), "");
    let mut at_head = BTreeMap::new();
    for (i, field) in FIELDS.iter().enumerate() {
        at_head.insert(i, field_at_head(&f, field));
    }
    assert_eq!(at_head.len(), 8);
}

/// The reproduction: two worktrees, B commits a change of one field, then A commits a
/// change of another; both are at HEAD. When both change one field, A is told of a conflict,
/// HEAD keeps B's value and A's file keeps A's text.
#[test]
fn two_worktrees_commit_one_after_the_other() {
    let f = Fixture::new();
    new_record(&f);
    let trees = tempfile::tempdir().unwrap();
    let [a, b] = ["a", "b"].map(|n| {
        let t = trees.path().join(n);
        git(
            f.path(),
            &["worktree", "add", "-q", "-f", t.to_str().unwrap(), "main"],
        );
        t
    });
    let set = |tree: &Path, field: &str, value: &str| {
        let p = tree.join("records/edu/2024.toml");
        let text = std::fs::read_to_string(&p).unwrap();
        let start = text.find(&format!("\n{field} = ")).unwrap() + 1;
        let end = start + text[start..].find('\n').unwrap();
        let text = format!("{}{field} = \"{value}\"{}", &text[..start], &text[end..]);
        std::fs::write(&p, text).unwrap();
    };
    let commit = |tree: &Path, msg: &str| {
        support::jixiao(tree)
            .args(["commit", "edu", "2024", "-m", msg])
            .output()
            .unwrap()
    };
    set(&b, "report_date", "2025年5月");
    assert!(commit(&b, "乙：报告日期").status.success());
    set(&a, "evaluator", "某评价公司");
    let o = commit(&a, "甲：评价单位");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(field_at_head(&f, "report_date"), "2025年5月");
    assert_eq!(field_at_head(&f, "evaluator"), "某评价公司");
    // Both change one field: the second is refused with both values, nothing is lost.
    set(&b, "short_name", "乙的简称");
    assert!(commit(&b, "乙：简称").status.success());
    set(&a, "short_name", "甲的简称");
    let before = f.git(&["rev-parse", "HEAD"]);
    let o = commit(&a, "甲：简称");
    let out = String::from_utf8_lossy(&o.stdout);
    assert_eq!(o.status.code(), Some(1), "{out}");
    assert!(
        out.contains("乙的简称") && out.contains("甲的简称"),
        "{out}"
    );
    assert_eq!(f.git(&["rev-parse", "HEAD"]), before);
    assert_eq!(field_at_head(&f, "short_name"), "乙的简称");
    let a_file = std::fs::read_to_string(a.join("records/edu/2024.toml")).unwrap();
    assert!(a_file.contains("short_name = \"甲的简称\""));
}

/// In one shared tree, a save (the editor's, from the revision it opened) never overwrites
/// uncommitted hand edits of the working file: they stay, merged with the save; hand edits
/// that clash with it leave the file untouched, and its next commit merges right.
#[test]
fn a_save_keeps_hand_edits_of_the_working_file() {
    use jixiao::store::{self, Base, SaveOutcome, SaveRequest, WorkingFile};
    let f = Fixture::new();
    new_record(&f);
    let dept = support::dept("edu");
    let path = f.repo.record_path(&dept, 2024);
    let original = std::fs::read_to_string(&path).unwrap();
    let head = f.git(&["rev-parse", "HEAD"]).trim().to_string();
    // Someone edits the file by hand and has not committed.
    let hand = original.replace("evaluator = \"\"", "evaluator = \"手工填写\"");
    std::fs::write(&path, &hand).unwrap();
    // Meanwhile an editor session saves another field.
    let edited = original.replace("report_date = \"\"", "report_date = \"2025年5月\"");
    let o = store::save(
        &f.repo,
        &SaveRequest {
            dept: &dept,
            year: 2024,
            text: &edited,
            base: Base::Revision(head),
            file_base: None,
            summary: "编辑器保存",
        },
    )
    .unwrap();
    let SaveOutcome::Committed { working_file, .. } = o else {
        panic!("{o:?}")
    };
    assert_eq!(working_file, WorkingFile::Merged);
    let now = std::fs::read_to_string(&path).unwrap();
    assert!(now.contains("evaluator = \"手工填写\""), "{now}");
    assert!(now.contains("report_date = \"2025年5月\""), "{now}");
    assert_eq!(field_at_head(&f, "evaluator"), "");
    assert!(!f.path().join(".git/jixiao/backup").exists());
    // The hand edit is still to be committed, and commits on top of the save.
    assert!(f.status().contains("records/edu/2024.toml"));
    let o = support::jixiao(f.path())
        .args(["commit", "edu", "2024", "-m", "手工修改"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(field_at_head(&f, "evaluator"), "手工填写");
    assert_eq!(field_at_head(&f, "report_date"), "2025年5月");
    assert_eq!(f.status(), "");

    // A hand edit of the very field a save changes: the file is left as it is.
    let head = f.git(&["rev-parse", "HEAD"]).trim().to_string();
    let base = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        base.replace("evaluator = \"手工填写\"", "evaluator = \"手工二\""),
    )
    .unwrap();
    let o = store::save(
        &f.repo,
        &SaveRequest {
            dept: &dept,
            year: 2024,
            text: &base.replace("evaluator = \"手工填写\"", "evaluator = \"编辑器\""),
            base: Base::Revision(head),
            file_base: None,
            summary: "编辑器再保存",
        },
    )
    .unwrap();
    assert!(matches!(
        o,
        SaveOutcome::Committed {
            working_file: WorkingFile::Kept,
            ..
        }
    ));
    assert!(
        std::fs::read_to_string(&path)
            .unwrap()
            .contains("evaluator = \"手工二\"")
    );
    // Its commit now clashes with the save, and says so instead of reverting it.
    let o = support::jixiao(f.path())
        .args(["commit", "edu", "2024", "-m", "手工二"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(field_at_head(&f, "evaluator"), "编辑器");
}
