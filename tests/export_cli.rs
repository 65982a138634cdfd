//! `jixiao export` on the command line: default file, stdout, refusal on errors, --force,
//! --rev and --draft.

mod common;

use common::{body, headings, seed_outline, seed_repo, seed_repo_with, seed_without};
use jixiao::repo::EXAMPLE;
use std::process::Command;

fn jixiao(dir: &std::path::Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .current_dir(dir)
        .env("JIXIAO_REPO", dir)
        .args(args)
        .output()
        .expect("jixiao runs")
}

#[test]
fn cli_writes_dept_year_docx_here_and_prints_warnings_to_stderr() {
    let dir = tempfile::tempdir().unwrap();
    seed_repo(dir.path());
    let out = jixiao(dir.path(), &["export", "bj-traffic", "2023"]);
    assert_eq!(out.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("叙述写「部门预算执行率为 90.63%」"),
        "{stderr}"
    );
    assert!(stderr.contains("0 个错误，12 个警告"), "{stderr}");
    let docx =
        std::fs::read(dir.path().join("exports/bj-traffic-2023.docx")).expect("default file");
    assert_eq!(headings(&body(&docx)), seed_outline());
    assert!(!dir.path().join("bj-traffic-2023.docx").exists());
    // git ignores the report: `git status` lists the hand-written record, nothing exported.
    let status = Command::new("git")
        .args(["status", "--porcelain", "--untracked-files=all"])
        .current_dir(dir.path())
        .output()
        .expect("git runs");
    let status = String::from_utf8_lossy(&status.stdout);
    assert!(status.contains("records/bj-traffic/2023.toml"), "{status}");
    assert!(!status.contains("export"), "{status}");
    assert!(!status.contains(".docx"), "{status}");
}

#[test]
fn cli_outside_the_repository_writes_into_the_current_folder() {
    let dir = tempfile::tempdir().unwrap();
    let here = tempfile::tempdir().unwrap();
    seed_repo(dir.path());
    let out = Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .current_dir(here.path())
        .env("JIXIAO_REPO", dir.path())
        .args(["export", "bj-traffic", "2023", "--format", "md"])
        .output()
        .expect("jixiao runs");
    assert_eq!(out.status.code(), Some(0));
    assert!(here.path().join("bj-traffic-2023.md").is_file());
    assert!(!dir.path().join("exports/bj-traffic-2023.md").exists());
}

#[test]
fn cli_md_to_stdout_and_to_a_named_file() {
    let dir = tempfile::tempdir().unwrap();
    seed_repo(dir.path());
    let out = jixiao(
        dir.path(),
        &["export", "bj-traffic", "2023", "--format", "md", "-o", "-"],
    );
    assert_eq!(out.status.code(), Some(0));
    let md = String::from_utf8(out.stdout).unwrap();
    assert!(md.contains("| 合计 | 100 | 95.97 | 95.97% |"));
    let out = jixiao(
        dir.path(),
        &[
            "export",
            "bj-traffic",
            "2023",
            "--format",
            "md",
            "-o",
            "out/r.md",
        ],
    );
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("out/r.md")).unwrap(),
        md
    );
}

#[test]
fn cli_refuses_on_errors_and_force_marks_the_draft() {
    let dir = tempfile::tempdir().unwrap();
    // An override without its reason is an error.
    seed_repo_with(
        dir.path(),
        &seed_without(&["management.inputs.asset-management.override.reason"]),
    );
    let out = jixiao(
        dir.path(),
        &["export", "bj-traffic", "2023", "--format", "md"],
    );
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("没有写明理由"), "{stderr}");
    assert!(stderr.contains("未导出"), "{stderr}");
    assert!(!dir.path().join("exports/bj-traffic-2023.md").exists());

    let out = jixiao(
        dir.path(),
        &["export", "bj-traffic", "2023", "--format", "md", "--force"],
    );
    assert_eq!(out.status.code(), Some(0));
    let md = std::fs::read_to_string(dir.path().join("exports/bj-traffic-2023.md")).unwrap();
    assert!(md.starts_with("> **草稿**"));
}

#[test]
fn cli_exports_a_revision_and_a_draft() {
    let dir = tempfile::tempdir().unwrap();
    let repo = seed_repo(dir.path());
    let git = git2::Repository::open(repo.root()).unwrap();
    let sig = git2::Signature::now("评价人", "eval@example.org").unwrap();
    let mut index = git.index().unwrap();
    index
        .add_path(std::path::Path::new("records/bj-traffic/2023.toml"))
        .unwrap();
    let tree = git.find_tree(index.write_tree().unwrap()).unwrap();
    let commit = git
        .commit(Some("HEAD"), &sig, &sig, "初稿", &tree, &[])
        .unwrap();
    git.tag(
        "bj-traffic/2023/初稿",
        &git.find_object(commit, None).unwrap(),
        &sig,
        "初稿",
        false,
    )
    .unwrap();
    // The working file changes after the draft: 城市交通运行安全平稳 now gets full marks.
    let changed = EXAMPLE.2.replacen("score = 4.80", "score = 5.00", 1);
    std::fs::write(dir.path().join("records/bj-traffic/2023.toml"), changed).unwrap();

    let total = |args: &[&str]| {
        let mut all = vec!["export", "bj-traffic", "2023", "--format", "md", "-o", "-"];
        all.extend_from_slice(args);
        let out = jixiao(dir.path(), &all);
        assert_eq!(out.status.code(), Some(0), "{:?}", out);
        let md = String::from_utf8(out.stdout).unwrap();
        md.lines()
            .find(|l| l.starts_with("| 合计 | 100 |"))
            .unwrap()
            .to_string()
    };
    assert_eq!(total(&[]), "| 合计 | 100 | 96.17 | 96.17% |");
    assert_eq!(total(&["--rev", "HEAD"]), "| 合计 | 100 | 95.97 | 95.97% |");
    assert_eq!(
        total(&["--draft", "初稿"]),
        "| 合计 | 100 | 95.97 | 95.97% |"
    );
    let out = jixiao(
        dir.path(),
        &["export", "bj-traffic", "2023", "--draft", "终稿"],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("终稿"));
}
