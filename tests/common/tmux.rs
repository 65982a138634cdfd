//! A tmux session at 80×24 running the real jixiao binary, for the end-to-end tests: keys in,
//! the screen as text out; killed when dropped, even when a test fails.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_jixiao");

pub struct Session {
    pub name: String,
}

impl Session {
    /// Starts `jixiao --repo REPO ARGS` in a new session named `name` and this process's id,
    /// so that parallel runs never share a session.
    pub fn start(name: &str, repo: &Path, args: &str) -> Session {
        Session::start_command(name, &format!("{BIN} --repo {} {args}", repo.display()))
    }

    /// Starts the shell command `command` (followed by a `sleep`, so the screen stays to be
    /// read when it ends) in a new session named as [`Session::start`] names it.
    pub fn start_command(name: &str, command: &str) -> Session {
        let name = &format!("{name}-{}", std::process::id());
        let _ = Command::new("tmux")
            .args(["kill-session", "-t", name])
            .output();
        let cmd = format!("{command}; sleep 5");
        let ok = Command::new("tmux")
            .args([
                "-u",
                "new-session",
                "-d",
                "-s",
                name,
                "-x",
                "80",
                "-y",
                "24",
            ])
            .arg(cmd)
            .env("LANG", "C.UTF-8")
            .env("NO_COLOR", "1")
            .status()
            .expect("tmux must be installed (.ci/run installs it)");
        assert!(ok.success());
        Session {
            name: name.to_string(),
        }
    }

    pub fn screen(&self) -> String {
        let out = Command::new("tmux")
            .args(["capture-pane", "-p", "-t", &self.name])
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Waits until the screen shows `text`.
    pub fn wait_for(&self, text: &str) -> String {
        let start = Instant::now();
        loop {
            let s = self.screen();
            if s.contains(text) {
                return s;
            }
            assert!(
                start.elapsed() < Duration::from_secs(20),
                "never showed {text:?}:\n{s}"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// Waits until the program has ended (the pane runs the `sleep` that follows it).
    pub fn wait_exit(&self) {
        let start = Instant::now();
        loop {
            let out = Command::new("tmux")
                .args([
                    "display-message",
                    "-p",
                    "-t",
                    &self.name,
                    "#{pane_current_command}",
                ])
                .output()
                .unwrap();
            if String::from_utf8_lossy(&out.stdout).trim() == "sleep" {
                return;
            }
            assert!(
                start.elapsed() < Duration::from_secs(20),
                "jixiao did not exit:\n{}",
                self.screen()
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    pub fn keys(&self, keys: &[&str]) {
        for k in keys {
            let ok = Command::new("tmux")
                .args(["send-keys", "-t", &self.name, k])
                .status()
                .unwrap();
            assert!(ok.success());
            std::thread::sleep(Duration::from_millis(60));
        }
    }

    pub fn text(&self, s: &str) {
        let ok = Command::new("tmux")
            .args(["send-keys", "-t", &self.name, "-l", s])
            .status()
            .unwrap();
        assert!(ok.success());
        std::thread::sleep(Duration::from_millis(100));
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        let _ = Command::new("tmux")
            .args(["kill-session", "-t", &self.name])
            .output();
    }
}
