//! The scheduled sync (`jixiao serve --sync-every 10m`): a server that people's offices reach
//! also keeps its repository in step with the central git server, so that what one office
//! pushed is in the editor of the next person who connects.
//!
//! Each round runs `jixiao --repo ROOT sync REMOTE` as a child process, as sessions do: the
//! library's sync with its lock against saves, in a process of its own (a crash ends one round),
//! never asking on a terminal. A conflict commits nothing (as `jixiao sync` never does): it is
//! logged, and waits for a person to pick the values (`s` in the editor).

use super::Shared;
use super::text;
use std::process::Stdio;
use std::sync::Arc;
use std::time::Duration;

/// Lines of a round's output kept in the log line.
const LOG_LINES: usize = 6;

/// Syncs with `remote` now and then every `every`, until the server stops.
pub async fn run(shared: Arc<Shared>, every: Duration, remote: String) {
    let mut tick = tokio::time::interval(every);
    // A round longer than the period (a slow network) is not followed by a burst of rounds.
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tick.tick().await;
        let out = tokio::process::Command::new(&shared.exe)
            .arg("--repo")
            .arg(&shared.root)
            .args(["sync", "--", &remote])
            .env("GIT_TERMINAL_PROMPT", "0")
            .env("NO_COLOR", "1")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .kill_on_drop(true)
            .output()
            .await;
        let line = match out {
            Ok(o) => {
                let said = String::from_utf8_lossy(&o.stdout).into_owned()
                    + &String::from_utf8_lossy(&o.stderr);
                let said: Vec<&str> = said
                    .lines()
                    .map(str::trim)
                    .filter(|l| !l.is_empty())
                    .take(LOG_LINES)
                    .collect();
                let said = said.join(text::SYNC_LINE_SEP);
                match o.status.code() {
                    Some(0) => text::sync_round_done(&remote, &said),
                    Some(1) => text::sync_round_refused(&remote, &said),
                    _ => text::sync_round_failed(&remote, &said),
                }
            }
            Err(e) => text::sync_round_failed(&remote, &e.to_string()),
        };
        shared.log.line(&line);
    }
}
