//! A record's status reads the same everywhere: `jixiao list` and the home screen show an
//! incomplete new record as 未完成 (never 0.00 差), and `list` on a folder that is not an
//! evaluation repository says so and fails.

use std::path::Path;
use std::process::{Command, Output};

fn jixiao(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .args(args)
        .current_dir(dir)
        .env_remove("JIXIAO_REPO")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("RUST_BACKTRACE", "0")
        .output()
        .expect("jixiao runs")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

#[test]
fn list_and_home_screen_show_a_new_record_as_incomplete() {
    let dir = tempfile::tempdir().unwrap();
    assert!(jixiao(dir.path(), &["init"]).status.success());
    let o = jixiao(
        dir.path(),
        &["new", "district-edu", "2024", "--name", "某区教育局"],
    );
    assert!(o.status.success(), "{}", text(&o.stderr));

    let o = jixiao(dir.path(), &["list"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let out = text(&o.stdout);
    let line = out
        .lines()
        .find(|l| l.contains("district-edu"))
        .unwrap_or_else(|| panic!("{out}"));
    assert!(line.contains("未完成"), "{line}");
    assert!(!line.contains('差'), "{line}");

    let o = jixiao(dir.path(), &["list", "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    // Neither a total nor a grade while inputs are missing.
    assert!(v["records"][0]["grade"].is_null(), "{v}");
    assert!(v["records"][0]["total"].is_null(), "{v}");
    assert_eq!(v["records"][0]["complete"], false);

    // The home screen's row says the same, through the same functions.
    let repo = jixiao::repo::Repo::at(dir.path());
    let dept = jixiao::repo::Dept::parse("district-edu").unwrap();
    let row = jixiao::tui::home::load_row(&repo, &dept, 2024, None);
    assert_eq!(row.total, "未完成");
    assert!(!row.grade.contains('差'), "{row:?}");
}

#[test]
fn list_on_a_folder_that_is_not_an_evaluation_repository_fails() {
    let dir = tempfile::tempdir().unwrap();
    let here = tempfile::tempdir().unwrap();
    // A plain folder, and a git repository of something else.
    for args in [vec![], vec!["init", "-q"]] {
        if !args.is_empty() {
            let s = Command::new("git")
                .args(&args)
                .current_dir(dir.path())
                .status()
                .expect("git runs");
            assert!(s.success());
        }
        let repo = dir.path().to_str().unwrap();
        for cmd in [
            vec!["--repo", repo, "list"],
            vec!["--repo", repo, "list", "--json"],
        ] {
            let o = jixiao(here.path(), &cmd);
            assert_eq!(o.status.code(), Some(1), "{cmd:?}: {}", text(&o.stdout));
            let err = text(&o.stderr);
            assert!(err.contains("不是评价库"), "{err}");
            assert!(err.contains("jixiao init"), "{err}");
            assert!(!text(&o.stdout).contains("没有记录"));
        }
    }
    // From inside that git repository, found by discovery: the same.
    let o = jixiao(dir.path(), &["list"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(text(&o.stderr).contains("不是评价库"));
    // Once initialised, an empty list is fine.
    assert!(jixiao(dir.path(), &["init"]).status.success());
    let o = jixiao(dir.path(), &["list"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert!(text(&o.stdout).contains("没有记录"));
}

/// Without `--repo`, the repository is the one around the current folder: found from a
/// subfolder, from a linked worktree (whose `.git` is a file naming its git directory), and
/// a save made there lands in that worktree's branch.
#[test]
fn the_repository_is_found_from_a_subfolder_and_from_a_linked_worktree() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("库");
    std::fs::create_dir(&root).unwrap();
    let git = |at: &Path, args: &[&str]| {
        let o = Command::new("git")
            .args(args)
            .current_dir(at)
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .env("GIT_AUTHOR_NAME", "甲")
            .env("GIT_AUTHOR_EMAIL", "jia@example.org")
            .env("GIT_COMMITTER_NAME", "甲")
            .env("GIT_COMMITTER_EMAIL", "jia@example.org")
            .output()
            .expect("git runs");
        assert!(o.status.success(), "{args:?}: {}", text(&o.stderr));
        text(&o.stdout)
    };
    let ok = |at: &Path, args: &[&str]| {
        let o = jixiao(at, args);
        assert!(o.status.success(), "{args:?}: {}", text(&o.stderr));
        text(&o.stdout)
    };
    // The repository's own author, not the machine's.
    git(&root, &["init", "-q"]);
    git(&root, &["config", "user.name", "甲"]);
    git(&root, &["config", "user.email", "jia@example.org"]);
    ok(&root, &["init"]);
    ok(
        &root,
        &[
            "new",
            "edu",
            "2024",
            "--name",
            "某区教育局",
            "--rubric",
            "dazhou-department",
        ],
    );
    // From records/edu: the record is found and committed in the repository above.
    let sub = root.join("records").join("edu");
    ok(&sub, &["commit", "edu", "2024", "-m", "新建记录"]);
    assert!(git(&root, &["log", "-1", "--format=%s"]).starts_with("新建记录"));
    assert!(ok(&sub, &["list"]).contains("edu"));
    // A linked worktree on a branch of its own.
    let tree = dir.path().join("工作树");
    git(
        &root,
        &[
            "worktree",
            "add",
            "-q",
            "-b",
            "二处",
            tree.to_str().unwrap(),
        ],
    );
    let file = tree.join("records/edu/2024.toml");
    let edited = std::fs::read_to_string(&file).unwrap().replacen(
        "short_name = \"\"",
        "short_name = \"区教育局\"",
        1,
    );
    std::fs::write(&file, edited).unwrap();
    ok(
        &tree.join("records"),
        &["commit", "edu", "2024", "-m", "简称"],
    );
    assert!(git(&tree, &["log", "-1", "--format=%s", "二处"]).starts_with("简称"));
    assert!(git(&root, &["log", "-1", "--format=%s"]).starts_with("新建记录"));
    assert_eq!(git(&tree, &["status", "--porcelain"]), "");
    assert!(
        git(&tree, &["show", "二处:records/edu/2024.toml"]).contains("short_name = \"区教育局\"")
    );
}
