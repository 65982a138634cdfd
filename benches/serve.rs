//! `jixiao serve` under load, with the real OpenSSH client on pseudo-terminals of the bench's
//! own: 20 concurrent editor sessions on the loopback (time to open them all, and memory per
//! session: the resident set of the server and of its children), then one keystroke to the
//! end of the redrawn frame over SSH, against the same editor run on a local pty.
//!
//! The memory figures are printed once before criterion's timings (they are not timings);
//! `cargo bench --bench serve` runs both. Needs `ssh` and `ssh-keygen` (openssh-client).

use criterion::{Criterion, criterion_group};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_jixiao");
const SESSIONS: usize = 20;
/// The end of every frame: ratatui hides the cursor after drawing the home screen.
const FRAME_END: &[u8] = b"\x1b[?25l";
/// On the home screen once it has listed the records (ASCII: ratatui positions the cursor
/// before each wide character, so Chinese text never arrives as one run of bytes).
const HOME: &str = "bj-traffic";

fn jixiao(dir: &Path, member: Option<&str>, args: &[&str]) {
    let mut c = Command::new(BIN);
    c.args(args)
        .current_dir(dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env_remove("JIXIAO_MEMBER")
        .env_remove("JIXIAO_REPO");
    if let Some(m) = member {
        c.env("JIXIAO_MEMBER", m);
    }
    let o = c.output().expect("run jixiao");
    assert!(
        o.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
}

/// A repository whose team has one evaluator with a key, and the seed record committed.
fn team_repo(tmp: &Path) -> (PathBuf, PathBuf) {
    let dir = tmp.join("repo");
    std::fs::create_dir_all(&dir).expect("mkdir");
    jixiao(&dir, None, &["init"]);
    let key = tmp.join("zhang");
    let st = Command::new("ssh-keygen")
        .args(["-q", "-t", "ed25519", "-N", "", "-f"])
        .arg(&key)
        .status()
        .expect("ssh-keygen");
    assert!(st.success());
    let pubkey = tmp.join("zhang.pub");
    let (dept, year, text) = jixiao::repo::EXAMPLE;
    #[rustfmt::skip]
    let adds: [&[&str]; 3] = [
        &["team", "add", "wang", "--name", "王五", "--email", "wang@example.org", "--role", "admin"],
        &["team", "add", "zhang", "--name", "张三", "--email", "zhang@example.org", "--role",
          "evaluator", "--key", pubkey.to_str().expect("utf-8 path")],
        &["team", "assign", "zhang", dept],
    ];
    for args in adds {
        jixiao(&dir, Some("wang"), args);
    }
    let rec = dir.join(format!("records/{dept}/{year}.toml"));
    std::fs::create_dir_all(rec.parent().expect("parent")).expect("mkdir");
    std::fs::write(&rec, text).expect("write record");
    jixiao(
        &dir,
        Some("zhang"),
        &["commit", dept, &year.to_string(), "-m", "导入"],
    );
    (dir, key)
}

/// The server, stopped by its pid when dropped.
struct Serve {
    child: Child,
    port: u16,
}

impl Serve {
    fn start(dir: &Path) -> Serve {
        let child = Command::new(BIN)
            .arg("--repo")
            .arg(dir)
            .args(["serve", "--listen", "127.0.0.1:0", "--max-sessions", "30"])
            .args(["--max-connections", "30"])
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .env("NO_COLOR", "1")
            .stdin(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start jixiao serve");
        // Owned by the guard at once: stopped by its pid whatever happens next.
        let mut serve = Serve { child, port: 0 };
        let log = dir.join(".git/jixiao/serve.log");
        let start = Instant::now();
        loop {
            let text = std::fs::read_to_string(&log).unwrap_or_default();
            if let Some(rest) = text.split("监听 127.0.0.1:").nth(1) {
                let port: String = rest.chars().take_while(char::is_ascii_digit).collect();
                serve.port = port.parse().expect("port");
                return serve;
            }
            assert!(
                start.elapsed() < Duration::from_secs(20),
                "serve did not start"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Serve {
    fn drop(&mut self) {
        let _ = Command::new("kill")
            .arg(self.child.id().to_string())
            .status();
        let _ = self.child.wait();
    }
}

/// A program on a pseudo-terminal of 80×24: its output arrives on a channel, read by a thread.
struct Term {
    pty: Arc<pty_process::blocking::Pty>,
    child: Child,
    out: Receiver<Vec<u8>>,
}

impl Term {
    fn spawn(cmd: pty_process::blocking::Command) -> Term {
        let (pty, pts) = pty_process::blocking::open().expect("open pty");
        pty.resize(pty_process::Size::new(24, 80)).expect("resize");
        let child = cmd.spawn(pts).expect("spawn on pty");
        let pty = Arc::new(pty);
        let (tx, out) = channel();
        let reader = Arc::clone(&pty);
        std::thread::spawn(move || {
            let mut buf = vec![0u8; 65536];
            while let Ok(n) = (&*reader).read(&mut buf) {
                if n == 0 || tx.send(buf[..n].to_vec()).is_err() {
                    break;
                }
            }
        });
        Term { pty, child, out }
    }

    /// Reads until the output since the call holds `needle`.
    fn until(&self, needle: &[u8]) {
        let mut seen: Vec<u8> = Vec::new();
        let deadline = Instant::now() + Duration::from_secs(30);
        while !seen.windows(needle.len()).any(|w| w == needle) {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.out.recv_timeout(left) {
                Ok(chunk) => seen.extend(chunk),
                Err(_) => panic!(
                    "never saw {:?}: {}",
                    String::from_utf8_lossy(needle),
                    String::from_utf8_lossy(&seen)
                ),
            }
        }
    }

    /// Sends one key and waits for the end of the frame it causes.
    fn key_to_frame(&self, key: &[u8]) {
        (&*self.pty).write_all(key).expect("write key");
        self.until(FRAME_END);
    }
}

impl Drop for Term {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn ssh_term(port: u16, key: &Path) -> Term {
    let cmd = pty_process::blocking::Command::new("ssh")
        .args(["-tt", "-p", &port.to_string(), "-i"])
        .arg(key)
        .args([
            "-o",
            "StrictHostKeyChecking=no",
            "-o",
            "UserKnownHostsFile=/dev/null",
        ])
        .args([
            "-o",
            "BatchMode=yes",
            "-o",
            "IdentitiesOnly=yes",
            "-o",
            "LogLevel=ERROR",
        ])
        .arg("127.0.0.1")
        .env("TERM", "xterm-256color");
    Term::spawn(cmd)
}

fn local_term(dir: &Path) -> Term {
    let cmd = pty_process::blocking::Command::new(BIN)
        .arg("--repo")
        .arg(dir)
        .arg("tui")
        .env("TERM", "xterm-256color")
        .env("NO_COLOR", "1")
        .env("JIXIAO_MEMBER", "zhang")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null");
    Term::spawn(cmd)
}

/// Memory of one process in KiB: resident (shared pages counted whole) and proportional
/// (shared pages divided among the processes sharing them: the binary's code, mostly).
#[derive(Debug, Clone, Copy, Default)]
struct Mem {
    rss: u64,
    pss: u64,
}

impl std::ops::Add for Mem {
    type Output = Mem;
    fn add(self, o: Mem) -> Mem {
        Mem {
            rss: self.rss + o.rss,
            pss: self.pss + o.pss,
        }
    }
}

fn kib(text: &str, name: &str) -> Option<u64> {
    text.lines()
        .find(|l| l.starts_with(name))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse().ok())
}

/// The memory of `pid`, of every process below it, and how many those are.
fn tree_mem(pid: u32) -> (Mem, Mem, usize) {
    let mut parent = std::collections::HashMap::new();
    let mut mem = std::collections::HashMap::new();
    for e in std::fs::read_dir("/proc").expect("/proc").flatten() {
        let Ok(p) = e.file_name().to_string_lossy().parse::<u32>() else {
            continue;
        };
        let Ok(status) = std::fs::read_to_string(format!("/proc/{p}/status")) else {
            continue;
        };
        let rollup = std::fs::read_to_string(format!("/proc/{p}/smaps_rollup")).unwrap_or_default();
        parent.insert(p, kib(&status, "PPid:").unwrap_or(0) as u32);
        mem.insert(
            p,
            Mem {
                rss: kib(&status, "VmRSS:").unwrap_or(0),
                pss: kib(&rollup, "Pss:").unwrap_or(0),
            },
        );
    }
    let below = |mut p: u32| loop {
        match parent.get(&p) {
            Some(&q) if q == pid => return true,
            Some(&q) if q > 1 => p = q,
            _ => return false,
        }
    };
    let own = mem.get(&pid).copied().unwrap_or_default();
    let kids: Vec<u32> = parent.keys().copied().filter(|&p| below(p)).collect();
    let all = kids
        .iter()
        .map(|p| mem.get(p).copied().unwrap_or_default())
        .fold(Mem::default(), |a, b| a + b);
    (own, all, kids.len())
}

/// Opens 20 editor sessions at once and prints the time and memory they take.
fn concurrent_sessions(dir: &Path, key: &Path, serve: &Serve) {
    let pid = serve.child.id();
    let (idle, _, _) = tree_mem(pid);
    let start = Instant::now();
    let terms: Vec<Term> = (0..SESSIONS).map(|_| ssh_term(serve.port, key)).collect();
    let handles: Vec<_> = terms
        .into_iter()
        .map(|t| {
            std::thread::spawn(move || {
                t.until(HOME.as_bytes());
                t
            })
        })
        .collect();
    let terms: Vec<Term> = handles
        .into_iter()
        .map(|h| h.join().expect("session"))
        .collect();
    let opened = start.elapsed();
    // Let the editors settle on the home screen.
    std::thread::sleep(Duration::from_secs(2));
    let (own, kids, n) = tree_mem(pid);
    let n_sessions = SESSIONS as u64;
    let conn = own.rss.saturating_sub(idle.rss) / n_sessions;
    println!(
        "serve: {SESSIONS} concurrent SSH editor sessions opened in {:.2} s",
        opened.as_secs_f64()
    );
    println!(
        "serve: the server's RSS {} KiB idle, {} KiB with {SESSIONS} sessions: {conn} KiB per connection",
        idle.rss, own.rss
    );
    println!(
        "serve: {n} child processes: RSS {} KiB, PSS {} KiB in all; per session RSS {} KiB, PSS {} KiB (+ {conn} KiB in the server)",
        kids.rss,
        kids.pss,
        kids.rss / n_sessions,
        kids.pss / n_sessions
    );
    // The same editor on a local terminal, for comparison.
    let local = local_term(dir);
    local.until(HOME.as_bytes());
    std::thread::sleep(Duration::from_secs(1));
    let (editor, _, _) = tree_mem(local.child.id());
    drop(local);
    println!(
        "serve: one local editor (jixiao tui on a pty): RSS {} KiB, PSS {} KiB",
        editor.rss, editor.pss
    );
    drop(terms);
}

fn keystroke(c: &mut Criterion) {
    let tmp = tempfile::tempdir().expect("temp dir");
    let (dir, key) = team_repo(tmp.path());
    let serve = Serve::start(&dir);
    concurrent_sessions(&dir, &key, &serve);
    let mut group = c.benchmark_group("serve/keystroke_to_redraw");
    group.sample_size(50);
    group.measurement_time(Duration::from_secs(8));
    for (name, term) in [
        ("ssh", ssh_term(serve.port, &key)),
        ("local_pty", local_term(&dir)),
    ] {
        term.until(HOME.as_bytes());
        // Into the editor: Down and Up then move between its fields.
        std::thread::sleep(Duration::from_millis(500));
        (&*term.pty).write_all(b"\r").expect("write key");
        term.until(b"95.97");
        std::thread::sleep(Duration::from_millis(500));
        while term.out.try_recv().is_ok() {}
        let mut down = true;
        group.bench_function(name, |b| {
            b.iter(|| {
                // Down and Up in turn: the selection moves, one frame each.
                term.key_to_frame(if down { b"\x1b[B" } else { b"\x1b[A" });
                down = !down;
            })
        });
    }
    group.finish();
}

criterion_group!(benches, keystroke);

fn main() {
    benches();
    Criterion::default().configure_from_args().final_summary();
}
