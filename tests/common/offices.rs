//! Two offices' clones of one central bare repository (file://), for the sync tests: each
//! saves under its own name, with git's and jixiao's environment sandboxed.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// git's and jixiao's environment: no system or global config, a fixed identity.
pub fn sandboxed(c: &mut Command, who: &str) {
    c.env_remove("JIXIAO_REPO")
        .env_remove("GIT_DIR")
        .env_remove("GIT_WORK_TREE")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_AUTHOR_NAME", who)
        .env("GIT_AUTHOR_EMAIL", "office@example.org")
        .env("GIT_COMMITTER_NAME", who)
        .env("GIT_COMMITTER_EMAIL", "office@example.org")
        .env("GIT_TERMINAL_PROMPT", "0")
        .env("RUST_BACKTRACE", "0");
}

/// Each office saves under its own name: office B's clone is the folder `b`.
pub fn office(dir: &Path) -> &'static str {
    if dir.ends_with("b") {
        "乙办公室"
    } else {
        "甲办公室"
    }
}

pub fn jixiao(dir: &Path, args: &[&str]) -> Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_jixiao"));
    c.args(args).current_dir(dir);
    sandboxed(&mut c, office(dir));
    c.output().unwrap()
}

pub fn git(dir: &Path, args: &[&str]) -> String {
    let mut c = Command::new("git");
    c.args(args).current_dir(dir);
    sandboxed(&mut c, "评价人");
    let o = c.output().unwrap();
    assert!(
        o.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout).unwrap().trim().to_string()
}

pub fn ok(o: &Output) -> String {
    assert!(
        o.status.success(),
        "{}\n{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout.clone()).unwrap()
}

/// Two offices' clones of one central bare repository.
pub struct Offices {
    pub _dir: tempfile::TempDir,
    pub central: PathBuf,
    pub a: PathBuf,
    pub b: PathBuf,
}

pub const RECORD: &str = "records/bj-traffic/2023.toml";

/// Office A starts the repository with the seed record and syncs it to the central one;
/// office B clones that.
pub fn offices() -> Offices {
    let dir = tempfile::tempdir().unwrap();
    let central = dir.path().join("central.git");
    let a = dir.path().join("a");
    let b = dir.path().join("b");
    git(dir.path(), &["init", "--quiet", "--bare", "central.git"]);
    std::fs::create_dir_all(a.join("records/bj-traffic")).unwrap();
    ok(&jixiao(&a, &["init"]));
    std::fs::write(a.join(RECORD), super::seed_record_text()).unwrap();
    ok(&jixiao(&a, &["commit", "bj-traffic", "2023", "-m", "导入"]));
    let url = format!("file://{}", central.display());
    git(&a, &["remote", "add", "origin", &url]);
    let out = ok(&jixiao(&a, &["sync"]));
    let branch = git(&a, &["symbolic-ref", "--short", "HEAD"]);
    assert!(out.contains(&format!("已推送到 origin/{branch}")), "{out}");
    // The central repository's HEAD names the branch pushed, as a server's default branch.
    git(
        &central,
        &["symbolic-ref", "HEAD", &format!("refs/heads/{branch}")],
    );
    git(dir.path(), &["clone", "--quiet", &url, "b"]);
    Offices {
        _dir: dir,
        central,
        a,
        b,
    }
}

/// Replaces `from` (once) in a clone's file and commits it with jixiao.
pub fn edit(dir: &Path, rel: &str, from: &str, to: &str, msg: &str) {
    let path = dir.join(rel);
    let text = std::fs::read_to_string(&path).unwrap();
    assert_eq!(text.matches(from).count(), 1, "`{from}` in {rel}");
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
    let parts: Vec<&str> = rel
        .trim_start_matches("records/")
        .trim_end_matches(".toml")
        .split('/')
        .collect();
    ok(&jixiao(dir, &["commit", parts[0], parts[1], "-m", msg]));
}

pub fn head(dir: &Path) -> String {
    git(dir, &["rev-parse", "HEAD"])
}

pub fn clean(dir: &Path) {
    let s = git(dir, &["status", "--porcelain"]);
    assert_eq!(s, "", "{}", dir.display());
}
