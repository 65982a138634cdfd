//! A shared-server evaluation repository with a team, for the team and SSH tests: the git
//! config names the service account (as on a server), members act through `JIXIAO_MEMBER`.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub const BIN: &str = env!("CARGO_BIN_EXE_jixiao");

/// Runs jixiao in `dir` as `member` (none: as the service account), with `stdin` if given.
pub fn as_member(dir: &Path, member: Option<&str>, args: &[&str]) -> Output {
    let mut c = Command::new(BIN);
    c.args(args)
        .current_dir(dir)
        .env_remove("JIXIAO_REPO")
        .env_remove("JIXIAO_MEMBER")
        .env_remove("GIT_AUTHOR_NAME")
        .env_remove("GIT_AUTHOR_EMAIL")
        .env_remove("GIT_COMMITTER_NAME")
        .env_remove("GIT_COMMITTER_EMAIL")
        .env_remove("EMAIL")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("RUST_BACKTRACE", "0");
    if let Some(m) = member {
        c.env("JIXIAO_MEMBER", m);
    }
    c.output().unwrap()
}

pub fn out(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn err(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Asserts success and returns stdout (of an output, owned or borrowed).
#[track_caller]
pub fn ok(o: impl std::borrow::Borrow<Output>) -> String {
    let o = o.borrow();
    assert!(o.status.success(), "{}\n{}", out(o), err(o));
    out(o)
}

/// Asserts a refusal whose message holds `needle`.
#[track_caller]
pub fn refused(o: impl std::borrow::Borrow<Output>, needle: &str) {
    let o = o.borrow();
    let e = err(o);
    assert_eq!(o.status.code(), Some(1), "{}\n{e}", out(o));
    assert!(e.contains(needle), "`{needle}` not in: {e}");
    assert!(!e.contains("panicked"), "{e}");
}

/// `git -C dir ARGS` with the sandboxed config; stdout.
pub fn git(dir: &Path, args: &[&str]) -> String {
    let o = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .output()
        .unwrap();
    assert!(
        o.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// The team every test uses: 王五 admin, 张三 and 赵六 evaluators of `dept`/2023, 李四
/// reviewer, 钱七 observer. Keys are added by the SSH tests.
pub const MEMBERS: &[(&str, &str, &str)] = &[
    ("wang", "王五", "admin"),
    ("zhang", "张三", "evaluator"),
    ("zhao", "赵六", "evaluator"),
    ("li", "李四", "reviewer"),
    ("qian", "钱七", "observer"),
];

/// `jixiao init` in a new folder whose git identity is the service account, the team of
/// [`MEMBERS`] made by the admin, and `dept`/2023 assigned to both evaluators.
pub fn team_repo(dept: &str) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("repo");
    std::fs::create_dir_all(&dir).unwrap();
    ok(as_member(&dir, None, &["init"]));
    git(&dir, &["config", "user.name", "服务账号"]);
    git(&dir, &["config", "user.email", "svc@example.org"]);
    for (id, name, role) in MEMBERS {
        let email = format!("{id}@example.org");
        ok(as_member(
            &dir,
            Some("wang"),
            &[
                "team", "add", id, "--name", name, "--email", &email, "--role", role,
            ],
        ));
    }
    for id in ["zhang", "zhao"] {
        ok(as_member(
            &dir,
            Some("wang"),
            &["team", "assign", id, dept, "2023"],
        ));
    }
    (tmp, dir)
}
