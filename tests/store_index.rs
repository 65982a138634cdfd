//! A save writes the record's entry of git's index itself (`store::index`): after any save the
//! index is what `git add` of the record would leave, from a record's first save by
//! `jixiao new` on, under rubrics other than Beijing's, with plain git committing in between,
//! and with two writers saving at once.

mod support;

use std::path::Path;
use std::process::Child;
use support::{Fixture, git_cmd};

/// Runs the binary, asserting success.
fn jx(f: &Fixture, args: &[&str]) {
    f.jixiao_ok(args);
}

/// Sets a top-level text field of `records/DEPT/YEAR.toml` by hand, as an editor would.
fn set_field(f: &Fixture, rel: &str, field: &str, value: &str) {
    let path = f.path().join(rel);
    let text = std::fs::read_to_string(&path).unwrap();
    let prefix = format!("{field} = ");
    let mut hit = false;
    let out: Vec<String> = text
        .lines()
        .map(|l| {
            if !hit && l.starts_with(&prefix) {
                hit = true;
                format!("{field} = \"{value}\"")
            } else {
                l.to_string()
            }
        })
        .collect();
    assert!(hit, "{field} not in {rel}");
    std::fs::write(&path, out.join("\n") + "\n").unwrap();
}

/// `git ls-files -s` of the index in `index` (git's own when None).
fn staged(f: &Fixture, index: Option<&Path>) -> String {
    let mut c = git_cmd(f.path());
    if let Some(i) = index {
        c.env("GIT_INDEX_FILE", i);
    }
    let o = c.args(["ls-files", "-s"]).output().unwrap();
    assert!(o.status.success());
    String::from_utf8(o.stdout).unwrap()
}

/// The index is what git would have: its entries are HEAD's tree read afresh, its cached trees
/// write HEAD's tree, every entry's stat data matches its file (git compares them without
/// looking at contents: a wrong stat shows in `diff-files`), and fsck checks its checksum.
fn assert_index_as_git_leaves_it(f: &Fixture) {
    let fresh = tempfile::NamedTempFile::new().unwrap();
    let o = git_cmd(f.path())
        .env("GIT_INDEX_FILE", fresh.path())
        .args(["read-tree", "HEAD"])
        .status()
        .unwrap();
    assert!(o.success());
    assert_eq!(staged(f, None), staged(f, Some(fresh.path())));
    assert_eq!(f.git(&["write-tree"]), f.git(&["rev-parse", "HEAD^{tree}"]));
    assert_eq!(f.git(&["diff-files", "--name-status"]), "");
    assert_eq!(
        f.git(&["diff-index", "--cached", "--name-status", "HEAD"]),
        ""
    );
    let fsck = git_cmd(f.path())
        .args(["fsck", "--full", "--strict", "--no-dangling"])
        .output()
        .unwrap();
    assert!(
        fsck.status.success() && fsck.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&fsck.stderr)
    );
}

/// Whether the index still holds git's untracked cache: libgit2 drops it when it writes the
/// whole index, so a save that keeps it patched its entry itself.
fn has_untracked_cache(f: &Fixture) -> bool {
    let bytes = std::fs::read(f.path().join(".git/index")).unwrap();
    bytes.windows(4).any(|w| w == b"UNTR")
}

#[test]
fn saves_from_a_new_record_under_another_rubric_leave_the_index_as_git_add_would() {
    let f = Fixture::new();
    f.git(&["add", "rubrics"]);
    f.git(&["commit", "-q", "-m", "初始化评价库"]);
    jx(
        &f,
        &[
            "new",
            "wz",
            "2024",
            "--name",
            "某市卫健委",
            "--rubric",
            "dazhou-department",
        ],
    );
    // The first save: the record's path is not in the index yet.
    jx(&f, &["commit", "wz", "2024", "-m", "新建记录"]);
    assert_index_as_git_leaves_it(&f);
    // git's untracked cache, as `git status` keeps it when asked to.
    f.git(&["config", "core.untrackedCache", "true"]);
    f.git(&["status", "--short"]);
    assert!(has_untracked_cache(&f));
    let rel = "records/wz/2024.toml";
    for k in 1..=3 {
        set_field(&f, rel, "short_name", &format!("卫健委{k}"));
        jx(&f, &["commit", "wz", "2024", "-m", &format!("第 {k} 次")]);
        assert_index_as_git_leaves_it(&f);
        assert!(has_untracked_cache(&f), "save {k} kept the untracked cache");
    }
    // Plain git commits another record (under a third rubric) in between; the next save of
    // the first record patches the index git wrote.
    jx(
        &f,
        &[
            "new",
            "mof",
            "2024",
            "--name",
            "某省财政厅",
            "--rubric",
            "mof-department-2013",
        ],
    );
    f.git(&["add", "records/mof/2024.toml"]);
    f.git(&["commit", "-q", "-m", "用 git 提交"]);
    set_field(&f, rel, "evaluator", "某评价公司");
    jx(&f, &["commit", "wz", "2024", "-m", "评价单位"]);
    assert_index_as_git_leaves_it(&f);
    assert_eq!(
        f.git(&["show", &format!("HEAD:{rel}")])
            .lines()
            .find(|l| l.starts_with("evaluator = "))
            .unwrap(),
        "evaluator = \"某评价公司\""
    );
    assert_eq!(f.status(), "");
}

/// A shell loop that sets `field` of `rel` and commits with the binary, `saves` times.
fn writer(f: &Fixture, dept: &str, field: &str, saves: usize) -> Child {
    let rel = format!("records/{dept}/2024.toml");
    let script = format!(
        "for k in $(seq 1 {saves}); do \
           sed -i \"s/^{field} = .*/{field} = \\\"{dept}-$k\\\"/\" {rel} || exit 1; \
           \"$JIXIAO\" --repo . commit {dept} 2024 -m \"{dept} 第 $k 次\" >/dev/null || exit 3; \
         done"
    );
    support::shell(f.path(), &script).spawn().unwrap()
}

#[test]
fn two_writers_saving_two_records_at_once_keep_both_entries() {
    let f = Fixture::new();
    f.git(&["add", "rubrics"]);
    f.git(&["commit", "-q", "-m", "初始化评价库"]);
    for (dept, name, rubric) in [
        ("wz", "某市卫健委", "dazhou-department"),
        ("mof", "某省财政厅", "mof-department-2013"),
    ] {
        jx(
            &f,
            &["new", dept, "2024", "--name", name, "--rubric", rubric],
        );
        jx(&f, &["commit", dept, "2024", "-m", "新建记录"]);
    }
    const SAVES: usize = 12;
    support::Children(vec![
        writer(&f, "wz", "short_name", SAVES),
        writer(&f, "mof", "report_date", SAVES),
    ])
    .wait_all();
    assert_index_as_git_leaves_it(&f);
    assert_eq!(f.status(), "");
    for (dept, field) in [("wz", "short_name"), ("mof", "report_date")] {
        let at_head = f.git(&["show", &format!("HEAD:records/{dept}/2024.toml")]);
        assert!(
            at_head
                .lines()
                .any(|l| l == format!("{field} = \"{dept}-{SAVES}\"")),
            "{dept}'s last save is at HEAD"
        );
    }
    // Every save is a commit of its own: two records' first saves, then 2 × SAVES.
    let saves: usize = f
        .git(&["rev-list", "--count", "HEAD", "--", "records"])
        .trim()
        .parse()
        .unwrap();
    assert_eq!(saves, 2 + 2 * SAVES);
}
