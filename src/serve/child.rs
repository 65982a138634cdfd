//! One session's child process: `jixiao --repo ROOT shell --member ID`, on a pseudo-terminal
//! of its own when the client asked for one (the editor), on pipes otherwise (a command whose
//! output is piped on the client). Its output goes to the channel; its exit status closes it.
//!
//! Each child leads a process group of its own (a session, on a terminal), so that hanging
//! it up reaches the editor that `jixiao shell` starts, and killing it by its id ends nothing
//! else. A child is hung up (SIGHUP) when its channel or connection closes: the editor then
//! writes its recovery file and ends; one that has not ended three seconds later is killed.
//!
//! The terminal comes from `pty-process`: it opens the pair, makes the child a session leader
//! with the terminal as its controlling one, and gives the master side as tokio reader and
//! writer, so a session costs no thread of its own.

use super::access::SessionSlot;
use super::{Shared, lock};
use crate::team::MEMBER_ENV;
use crate::text::serve as text;
use russh::ChannelId;
use russh::server::Handle;
use std::net::SocketAddr;
use std::process::{ExitStatus, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWriteExt};
use tokio::sync::oneshot;

/// How long a hung-up child has to end before it is killed.
const GRACE: Duration = Duration::from_secs(3);

/// The terminal a client asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Terminal {
    /// `TERM`, as the client sent it (checked).
    pub term: String,
    pub cols: u16,
    pub rows: u16,
}

/// A terminal type safe to pass on: letters, digits and `-._+`, as terminfo names are.
pub fn term_name(s: &str) -> Option<String> {
    (!s.is_empty()
        && s.len() <= 64
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '_' | '+')))
    .then(|| s.to_string())
}

/// A window size as the pty wants it; SSH sends 32 bits, a terminal has 16.
pub fn cells(n: u32) -> u16 {
    u16::try_from(n).unwrap_or(u16::MAX)
}

/// Where the client's input goes.
pub enum Input {
    Pty(pty_process::OwnedWritePty),
    Pipe(tokio::process::ChildStdin),
}

impl Input {
    /// Passes the client's bytes on; an error means the child no longer reads.
    pub async fn write(&mut self, data: &[u8]) -> std::io::Result<()> {
        match self {
            Input::Pty(w) => w.write_all(data).await,
            Input::Pipe(w) => w.write_all(data).await,
        }
    }

    /// Resizes the terminal (the editor redraws on the change); nothing on pipes.
    pub fn resize(&self, cols: u16, rows: u16) {
        if let Input::Pty(w) = self {
            let _ = w.resize(pty_process::Size::new(rows, cols));
        }
    }
}

/// A running child; dropping it hangs the child up.
pub struct Running {
    /// `None` once the client sent EOF on a pipe (the child then reads the end of its input).
    pub input: Option<Input>,
    _hangup: oneshot::Sender<()>,
}

/// What to run.
pub struct Spec<'a> {
    pub member: &'a str,
    /// The command the client gave (`SSH_ORIGINAL_COMMAND`); `None` for a shell.
    pub command: Option<&'a str>,
    pub terminal: Option<&'a Terminal>,
    pub peer: SocketAddr,
}

/// Starts the child of a session on `channel`; its task owns the session's slot.
pub fn start(
    shared: &Arc<Shared>,
    slot: SessionSlot,
    spec: &Spec<'_>,
    handle: Handle,
    channel: ChannelId,
) -> std::io::Result<Running> {
    let mut cmd = tokio::process::Command::new(&shared.exe);
    cmd.arg("--repo")
        .arg(&shared.root)
        .args(["shell", "--member", spec.member])
        .env(MEMBER_ENV, spec.member)
        .env_remove("JIXIAO_REPO")
        .env_remove("SSH_ORIGINAL_COMMAND")
        .kill_on_drop(false);
    if let Some(c) = spec.command {
        cmd.env("SSH_ORIGINAL_COMMAND", c);
    }
    let (child, input, outputs) = match spec.terminal {
        Some(t) => {
            cmd.env("TERM", &t.term);
            let (pty, pts) = pty_process::open().map_err(std::io::Error::other)?;
            pty.resize(pty_process::Size::new(t.rows, t.cols))
                .map_err(std::io::Error::other)?;
            let child = pty_process::Command::from(cmd)
                .spawn(pts)
                .map_err(std::io::Error::other)?;
            let (read, write) = pty.into_split();
            // The terminal joins standard output and error, as on any terminal.
            let out = tokio::spawn(relay(read, handle.clone(), channel, None));
            (child, Input::Pty(write), vec![out])
        }
        None => {
            cmd.env_remove("TERM")
                .stdin(Stdio::piped())
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .process_group(0);
            let mut child = cmd.spawn()?;
            let (Some(stdin), Some(stdout), Some(stderr)) =
                (child.stdin.take(), child.stdout.take(), child.stderr.take())
            else {
                return Err(std::io::Error::other(text::NO_STDIO));
            };
            let out = tokio::spawn(relay(stdout, handle.clone(), channel, None));
            let err = tokio::spawn(relay(stderr, handle.clone(), channel, Some(1)));
            (child, Input::Pipe(stdin), vec![out, err])
        }
    };
    let pid = child.id();
    let what = describe(spec);
    if let Some(pid) = pid {
        lock(&shared.children).insert(pid, spec.member.to_string());
    }
    shared.log.line(&text::session_started(
        spec.member,
        spec.peer,
        &what,
        pid.map(|p| p.to_string()).unwrap_or_default(),
    ));
    let (hangup, hungup) = oneshot::channel();
    let shared = Arc::clone(shared);
    let (member, peer) = (spec.member.to_string(), spec.peer);
    tokio::spawn(async move {
        let started = Instant::now();
        let (status, hung) = wait(child, pid, hungup).await;
        // What the child wrote before it ended is sent before its exit status; output of a
        // process it left behind holding the terminal is not waited for long.
        for o in outputs {
            let abort = o.abort_handle();
            if tokio::time::timeout(Duration::from_secs(2), o)
                .await
                .is_err()
            {
                abort.abort();
            }
        }
        let code = exit_code(status.as_ref());
        let _ = handle.exit_status_request(channel, code).await;
        let _ = handle.eof(channel).await;
        let _ = handle.close(channel).await;
        if let Some(pid) = pid {
            lock(&shared.children).remove(&pid);
        }
        drop(slot);
        shared.log.line(&text::session_ended(
            &member,
            peer,
            &what,
            hung,
            code,
            started.elapsed().as_secs(),
        ));
    });
    Ok(Running {
        input: Some(input),
        _hangup: hangup,
    })
}

fn describe(spec: &Spec<'_>) -> String {
    match (spec.command, spec.terminal) {
        (Some(c), Some(t)) => text::command_on_terminal(c, &t.term, t.cols, t.rows),
        (Some(c), None) => text::command(c),
        (None, Some(t)) => text::editor_on_terminal(&t.term, t.cols, t.rows),
        (None, None) => text::NO_TERMINAL_NO_COMMAND.to_string(),
    }
}

/// Waits for the child; hangs it up when `hungup` fires (the sender was dropped). Returns the
/// status and whether it was hung up.
async fn wait(
    mut child: tokio::process::Child,
    pid: Option<u32>,
    hungup: oneshot::Receiver<()>,
) -> (Option<ExitStatus>, bool) {
    tokio::select! {
        s = child.wait() => (s.ok(), false),
        _ = hungup => {
            // The child has not been reaped yet, so its id still names its group.
            signal(pid, rustix::process::Signal::HUP);
            let s = match tokio::time::timeout(GRACE, child.wait()).await {
                Ok(s) => s.ok(),
                Err(_) => {
                    signal(pid, rustix::process::Signal::KILL);
                    child.wait().await.ok()
                }
            };
            (s, true)
        }
    }
}

/// Sends `sig` to the process group led by `pid`.
fn signal(pid: Option<u32>, sig: rustix::process::Signal) {
    let pid = pid
        .and_then(|p| i32::try_from(p).ok())
        .and_then(rustix::process::Pid::from_raw);
    if let Some(pid) = pid {
        let _ = rustix::process::kill_process_group(pid, sig);
    }
}

/// The exit status SSH reports: the code, or 128 + the signal that ended the child.
fn exit_code(status: Option<&ExitStatus>) -> u32 {
    use std::os::unix::process::ExitStatusExt;
    match status {
        Some(s) => match (s.code(), s.signal()) {
            (Some(c), _) => u32::try_from(c).unwrap_or(1),
            (None, Some(sig)) => 128 + u32::try_from(sig).unwrap_or(0),
            _ => 1,
        },
        None => 255,
    }
}

/// Copies a child's output to the channel (`ext`: SSH's code for standard error) until the
/// child closes it. When the client is gone the rest is read and dropped, so that the child
/// never blocks writing while it ends.
async fn relay(
    mut from: impl AsyncRead + Unpin,
    handle: Handle,
    channel: ChannelId,
    ext: Option<u32>,
) {
    let mut buf = vec![0u8; 16 * 1024];
    let mut open = true;
    loop {
        // A terminal whose last holder closed it reads as an error (EIO): its end.
        let n = match from.read(&mut buf).await {
            Ok(0) | Err(_) => break,
            Ok(n) => n,
        };
        if open {
            let data = buf[..n].to_vec();
            open = match ext {
                None => handle.data(channel, data).await.is_ok(),
                Some(code) => handle.extended_data(channel, code, data).await.is_ok(),
            };
        }
    }
}

/// Hangs up every running child (the server is stopping) and waits for them to end.
pub async fn hang_up_all(shared: &Shared) {
    let pids: Vec<u32> = lock(&shared.children).keys().copied().collect();
    for pid in &pids {
        signal(Some(*pid), rustix::process::Signal::HUP);
    }
    let start = Instant::now();
    while !lock(&shared.children).is_empty() && start.elapsed() < GRACE + Duration::from_secs(1) {
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terminal_names_and_sizes_are_checked() {
        assert_eq!(
            term_name("xterm-256color").as_deref(),
            Some("xterm-256color")
        );
        assert_eq!(term_name("screen.xterm+x"), Some("screen.xterm+x".into()));
        assert_eq!(term_name(""), None);
        assert_eq!(term_name("xterm\nLD_PRELOAD=x"), None);
        assert_eq!(term_name(&"x".repeat(65)), None);
        assert_eq!(cells(80), 80);
        assert_eq!(cells(1 << 20), u16::MAX);
    }

    #[test]
    fn exit_codes_carry_the_signal() {
        use std::os::unix::process::ExitStatusExt;
        assert_eq!(exit_code(Some(&ExitStatus::from_raw(0))), 0);
        assert_eq!(exit_code(Some(&ExitStatus::from_raw(1 << 8))), 1);
        // Killed by SIGHUP (1).
        assert_eq!(exit_code(Some(&ExitStatus::from_raw(1))), 129);
        assert_eq!(exit_code(None), 255);
    }
}
