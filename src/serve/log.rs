//! The connection log: one line per event (connection, login, refusal, session, end), with the
//! time, to standard error and appended to `.git/jixiao/serve.log`, which is outside the
//! tracked tree and so never committed.

use anyhow::{Context, Result};
use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::Path;
use std::sync::Mutex;

/// The log file's name in jixiao's own folder.
pub const FILE: &str = "serve.log";

/// Where the server writes what happened.
pub struct Log {
    file: Mutex<File>,
}

impl Log {
    /// Opens (or creates) the log file for appending.
    pub fn open(path: &Path) -> Result<Log> {
        let file = OpenOptions::new()
            .create(true)
            .append(true)
            .open(path)
            .with_context(|| crate::text::serve::open_log_failed(path.display()))?;
        Ok(Log {
            file: Mutex::new(file),
        })
    }

    /// Writes one line, stamped with the local time. Anything quoted from a client (a user
    /// name, a command) is made printable first, so that it cannot forge a line.
    pub fn line(&self, event: &str) {
        let now = jiff::Zoned::now().strftime("%Y-%m-%d %H:%M:%S %z");
        let line = format!("{now} {}\n", crate::text::printable_line(event));
        eprint!("jixiao serve: {line}");
        // One write per line on a file opened for appending: lines never interleave. A full
        // disk must not stop the server; standard error still has the line.
        let _ = super::lock(&self.file).write_all(line.as_bytes());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_appended_with_the_time_and_control_characters_shown() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE);
        let log = Log::open(&path).unwrap();
        log.line("登录 zhang");
        log.line("命令「list\n2026-01-01 伪造」");
        drop(log);
        let log = Log::open(&path).unwrap();
        log.line("结束");
        let text = std::fs::read_to_string(&path).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 3, "{text}");
        assert!(lines[0].ends_with(" 登录 zhang"), "{text}");
        assert!(
            lines[1].ends_with(" 命令「list\\u{a}2026-01-01 伪造」"),
            "{text}"
        );
        assert!(lines[2].ends_with(" 结束"), "{text}");
        // The stamp: date, time and offset.
        assert_eq!(lines[0].split(' ').count(), 5, "{text}");
    }
}
