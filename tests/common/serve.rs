//! `jixiao serve` for the SSH tests: a team whose members have keys made by `ssh-keygen`, the
//! server on a loopback port the system picks (read back from its log, so no port is ever
//! guessed), and the real OpenSSH client.

pub use super::sshd::keygen;
use super::team::{BIN, MEMBERS, as_member, git, ok};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

/// A running `jixiao serve`; stopped by its pid when dropped.
pub struct Serve {
    child: Child,
    /// Once reaped, its pid may name another process: never signalled again.
    stopped: bool,
    pub port: u16,
    pub repo: PathBuf,
}

/// The serve log's text.
pub fn log_of(repo: &Path) -> String {
    std::fs::read_to_string(repo.join(".git/jixiao/serve.log")).unwrap_or_default()
}

impl Serve {
    /// Starts `jixiao --repo REPO serve --listen 127.0.0.1:0 EXTRA…` and waits until it listens.
    pub fn start(repo: &Path, extra: &[&str]) -> Serve {
        let before = log_of(repo).len();
        let child = Command::new(BIN)
            .arg("--repo")
            .arg(repo)
            .args(["serve", "--listen", "127.0.0.1:0"])
            .args(extra)
            .env_remove("JIXIAO_REPO")
            .env_remove("JIXIAO_MEMBER")
            .env_remove("SSH_ORIGINAL_COMMAND")
            .env_remove("GIT_AUTHOR_NAME")
            .env_remove("GIT_AUTHOR_EMAIL")
            .env_remove("GIT_COMMITTER_NAME")
            .env_remove("GIT_COMMITTER_EMAIL")
            .env_remove("EMAIL")
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .env("LANG", "C.UTF-8")
            .env("NO_COLOR", "1")
            .env("RUST_BACKTRACE", "0")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut serve = Serve {
            child,
            stopped: false,
            port: 0,
            repo: repo.to_path_buf(),
        };
        let start = Instant::now();
        loop {
            let log = log_of(repo);
            let new = log.get(before..).unwrap_or_default();
            if let Some(rest) = new.split("监听 127.0.0.1:").nth(1) {
                let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
                serve.port = digits.parse().unwrap();
                return serve;
            }
            if let Ok(Some(st)) = serve.child.try_wait() {
                panic!("jixiao serve ended ({st}):\n{log}");
            }
            assert!(
                start.elapsed() < Duration::from_secs(20),
                "jixiao serve did not start:\n{log}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// The OpenSSH client's options for `key`.
    pub fn client_args(&self, key: &Path) -> Vec<String> {
        let mut v: Vec<String> = vec!["-p".into(), self.port.to_string(), "-i".into()];
        v.push(key.display().to_string());
        for o in [
            "StrictHostKeyChecking=no",
            "UserKnownHostsFile=/dev/null",
            "BatchMode=yes",
            "IdentitiesOnly=yes",
            "LogLevel=ERROR",
        ] {
            v.push("-o".into());
            v.push(o.into());
        }
        v
    }

    /// `ssh … 127.0.0.1 COMMAND` with `key`, extra options first.
    pub fn ssh(&self, key: &Path, extra: &[&str], command: &[&str]) -> Output {
        self.ssh_command(key, extra, command)
            .stdin(Stdio::null())
            .output()
            .unwrap()
    }

    /// The `ssh` command line, to run as the caller likes.
    pub fn ssh_command(&self, key: &Path, extra: &[&str], command: &[&str]) -> Command {
        let mut c = Command::new("ssh");
        c.args(self.client_args(key))
            .args(extra)
            .arg("127.0.0.1")
            .args(command);
        c
    }

    /// The log of this repository's servers.
    pub fn log(&self) -> String {
        log_of(&self.repo)
    }

    /// Waits until the log holds `text` `n` times; returns the log.
    pub fn wait_log(&self, text: &str, n: usize) -> String {
        let start = Instant::now();
        loop {
            let log = self.log();
            if log.matches(text).count() >= n {
                return log;
            }
            assert!(
                start.elapsed() < Duration::from_secs(20),
                "the log never held {text:?} {n} times:\n{log}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Stops the server as a service manager would (SIGTERM by its pid), then for sure.
    pub fn stop(&mut self) {
        if self.stopped {
            return;
        }
        self.stopped = true;
        let _ = Command::new("kill")
            .arg(self.child.id().to_string())
            .status();
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(10) {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Serve {
    fn drop(&mut self) {
        self.stop();
    }
}

/// A team repository ([`MEMBERS`], each added with `jixiao team add … --key` and a key of
/// their own in `keys`, plus a `stranger` key nobody holds); `dept`/2023 assigned to both
/// evaluators, `dz-dept` (every year) to 张三 as well.
pub fn team_with_keys(keys: &Path, dept: &str) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("repo");
    std::fs::create_dir_all(&dir).unwrap();
    ok(as_member(&dir, None, &["init"]));
    git(&dir, &["config", "user.name", "服务账号"]);
    git(&dir, &["config", "user.email", "svc@example.org"]);
    keygen(&keys.join("stranger"), "stranger@laptop");
    for (id, name, role) in MEMBERS {
        keygen(&keys.join(id), &format!("{id}@laptop"));
        let email = format!("{id}@example.org");
        let key = keys.join(format!("{id}.pub"));
        ok(as_member(
            &dir,
            Some("wang"),
            &[
                "team",
                "add",
                id,
                "--name",
                name,
                "--email",
                &email,
                "--role",
                role,
                "--key",
                key.to_str().unwrap(),
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
    ok(as_member(
        &dir,
        Some("wang"),
        &["team", "assign", "zhang", "dz-dept"],
    ));
    (tmp, dir)
}

/// The pid of the client that a tmux pane runs (the child of the pane's shell).
pub fn pane_client_pid(session: &str) -> u32 {
    let out = Command::new("tmux")
        .args(["display-message", "-p", "-t", session, "#{pane_pid}"])
        .output()
        .unwrap();
    let pane = String::from_utf8_lossy(&out.stdout).trim().to_string();
    let children =
        std::fs::read_to_string(format!("/proc/{pane}/task/{pane}/children")).unwrap_or_default();
    children
        .split_whitespace()
        .next()
        .and_then(|p| p.parse().ok())
        .unwrap_or_else(|| panic!("no client under the pane's shell {pane}"))
}
