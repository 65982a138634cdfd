//! Hermetic git repositories for the store tests: the developer's global and system git
//! config cannot leak in (libgit2's search paths and the `git` binary's HOME point at an
//! empty folder), and each repository sets its own user.name / user.email.

#![allow(dead_code)]

use jixiao::repo::{Dept, EXAMPLE, Repo};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Once, OnceLock};

static SANDBOX: Once = Once::new();
static EMPTY: OnceLock<PathBuf> = OnceLock::new();

/// An empty folder used as HOME and as every libgit2 config search path.
pub fn empty_home() -> &'static Path {
    EMPTY.get_or_init(|| {
        tempfile::Builder::new()
            .prefix("jixiao-test-home-")
            .tempdir()
            .expect("temporary folder")
            .keep()
    })
}

/// Points libgit2's system, global and XDG config at an empty folder, once per test binary.
pub fn sandbox() {
    SANDBOX.call_once(|| {
        let home = empty_home();
        for level in [
            git2::ConfigLevel::System,
            git2::ConfigLevel::Global,
            git2::ConfigLevel::XDG,
            git2::ConfigLevel::ProgramData,
        ] {
            // SAFETY: runs once, before any test of this binary opens a repository.
            unsafe { git2::opts::set_search_path(level, home.as_os_str()) }
                .expect("set the git config search path");
        }
    });
}

/// A `git` command in `dir` that sees only the repository's own config.
pub fn git_cmd(dir: &Path) -> Command {
    let mut c = Command::new("git");
    c.current_dir(dir)
        .env("HOME", empty_home())
        .env("XDG_CONFIG_HOME", empty_home())
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env_remove("GIT_DIR")
        .env_remove("GIT_WORK_TREE")
        .env_remove("GIT_AUTHOR_NAME")
        .env_remove("GIT_AUTHOR_EMAIL")
        .env_remove("GIT_COMMITTER_NAME")
        .env_remove("GIT_COMMITTER_EMAIL")
        .env_remove("GIT_INDEX_FILE");
    c
}

/// Runs git in `dir`, asserting success; returns stdout.
pub fn git(dir: &Path, args: &[&str]) -> String {
    let o = git_cmd(dir).args(args).output().expect("run git");
    assert!(
        o.status.success(),
        "git {args:?} failed: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// The jixiao binary with the same hermetic environment, on repository `dir`.
pub fn jixiao(dir: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_jixiao"));
    c.current_dir(dir)
        .env("HOME", empty_home())
        .env("XDG_CONFIG_HOME", empty_home())
        .env("NO_COLOR", "1")
        .env_remove("JIXIAO_REPO")
        .arg("--repo")
        .arg(dir);
    c
}

/// `sh -c SCRIPT` in `dir`, `$JIXIAO` naming the binary under test, in the same hermetic
/// environment; its standard error is piped for [`Children::wait_all`] to show.
pub fn shell(dir: &Path, script: &str) -> Command {
    let mut c = Command::new("sh");
    c.arg("-c")
        .arg(script)
        .current_dir(dir)
        .env("JIXIAO", env!("CARGO_BIN_EXE_jixiao"))
        .env("HOME", empty_home())
        .env("XDG_CONFIG_HOME", empty_home())
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("NO_COLOR", "1")
        .env_remove("JIXIAO_REPO")
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    c
}

/// Child processes a test started: each is ended, by its own handle, when the test fails
/// half-way, so none is left behind.
pub struct Children(pub Vec<Child>);

impl Children {
    /// Waits for every child, asserting that each succeeded (showing its standard error).
    pub fn wait_all(&mut self) {
        for c in &mut self.0 {
            let status = c.wait().expect("wait for a child");
            let mut err = String::new();
            if let Some(mut e) = c.stderr.take() {
                use std::io::Read;
                let _ = e.read_to_string(&mut err);
            }
            assert!(status.success(), "{err}");
        }
    }
}

impl Drop for Children {
    fn drop(&mut self) {
        for c in &mut self.0 {
            let _ = c.kill();
            let _ = c.wait();
        }
    }
}

/// A fresh evaluation repository (no commit yet) with an author configured.
pub struct Fixture {
    pub dir: tempfile::TempDir,
    pub repo: Repo,
}

impl Fixture {
    /// `jixiao init` in a new folder, with user.name 评价员甲.
    pub fn new() -> Fixture {
        sandbox();
        let dir = tempfile::tempdir().expect("temporary folder");
        let repo = jixiao::store::init_repo(dir.path()).expect("init");
        git(dir.path(), &["symbolic-ref", "HEAD", "refs/heads/main"]);
        let f = Fixture { dir, repo };
        f.author("评价员甲", "jia@example.org");
        f
    }

    /// Sets the repository's user.name / user.email.
    pub fn author(&self, name: &str, email: &str) {
        git(self.path(), &["config", "user.name", name]);
        git(self.path(), &["config", "user.email", email]);
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn git(&self, args: &[&str]) -> String {
        git(self.path(), args)
    }

    /// Writes a record file by hand.
    pub fn write(&self, dept: &Dept, year: u16, text: &str) {
        jixiao::tomlio::write_atomic(&self.repo.record_path(dept, year), text).expect("write");
    }

    /// Runs the binary on this repository, asserting success; returns its standard output.
    pub fn jixiao_ok(&self, args: &[&str]) -> String {
        let o = jixiao(self.path()).args(args).output().expect("run jixiao");
        assert!(
            o.status.success(),
            "{args:?}: {}{}",
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr)
        );
        String::from_utf8_lossy(&o.stdout).into_owned()
    }

    /// `git status --porcelain` without untracked files: empty when clean.
    pub fn status(&self) -> String {
        self.git(&["status", "--porcelain", "--untracked-files=no"])
    }
}

/// The seed record's text.
pub fn seed() -> &'static str {
    EXAMPLE.2
}

/// The bundled department.
pub fn dept(s: &str) -> Dept {
    Dept::parse(s).expect("department id")
}

/// The seed with the 资产管理规范性 override set to `score` with `reason`.
pub fn with_asset_override(text: &str, score: &str, reason: &str) -> String {
    let start = text
        .find("[management.inputs.asset-management]")
        .expect("asset table");
    let at = start + text[start..].find("override = {").expect("override");
    let end = at + text[at..].find('\n').expect("line end");
    format!(
        "{}override = {{ score = {score}, reason = \"{reason}\" }}{}",
        &text[..at],
        &text[end..]
    )
}

/// Replaces exactly one occurrence of `from`.
pub fn replace_once(text: &str, from: &str, to: &str) -> String {
    assert_eq!(text.matches(from).count(), 1, "`{from}` must occur once");
    text.replacen(from, to, 1)
}
