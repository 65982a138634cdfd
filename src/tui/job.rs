//! Git work in a background thread (opening a record, history, blame, score diffs, saves), as
//! the home screen reads
//! its rows: a record with a thousand revisions takes a second or two, and the screen must
//! not freeze meanwhile. Until the result arrives the screen shows what is being read; `Esc`
//! gives up waiting (except on a save), other keys wait.

use super::review::{History, TextView};
use ratatui::Frame;
use std::sync::mpsc::{Receiver, RecvTimeoutError, TryRecvError};
use std::time::Duration;

/// What a background job hands back to the application.
pub enum Done {
    /// The history screen, or why it could not be read.
    History(Box<crate::Result<History>>),
    /// A page of text: a score diff, blame.
    Text(TextView),
    /// A draft named: the history read again (it replaces the history screen), or what
    /// went wrong (said on it).
    Named(Box<Result<History, String>>),
    /// Merging a conflict's picks failed: why, said on the conflict screen.
    Unmerged(String),
    /// A save's outcome, to apply to the editor.
    Saved(Box<super::saving::SaveDone>),
    /// A record opened (or created and opened), or why it could not be.
    Opened(Box<crate::Result<super::opening::Opened>>),
    /// A sync's report (or why it failed): the home screen is read again under it.
    Synced(TextView),
    /// A sync stopped by conflicts of fields, to pick on their screen.
    SyncConflicts(Box<super::sync_pick::SyncPicks>),
}

/// A job running in the background.
pub struct Job {
    /// What is being done (`正在读取修订历史…`).
    pub label: String,
    /// Ticks since the start, for the progress mark (the frame depends on state only).
    pub ticks: usize,
    /// Whether `Esc` may stop waiting: not for a save, whose outcome the editor must take.
    pub cancellable: bool,
    rx: Receiver<Done>,
}

/// The answer when the thread ended without one (it panicked): said, never silent.
fn lost() -> Done {
    Done::Text(TextView::new(
        crate::text::tui::JOB_LOST_TITLE.into(),
        crate::text::tui::JOB_LOST,
    ))
}

impl Job {
    /// Runs `work` in a new thread.
    pub fn start(label: impl Into<String>, work: impl FnOnce() -> Done + Send + 'static) -> Job {
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            // The receiver is gone when the person gave up waiting: nothing to do then.
            let _ = tx.send(work());
        });
        Job {
            label: label.into(),
            ticks: 0,
            cancellable: true,
            rx,
        }
    }

    /// The job, with `Esc` not stopping the wait.
    pub fn not_cancellable(self) -> Job {
        Job {
            cancellable: false,
            ..self
        }
    }

    /// The result, once there is one.
    pub fn poll(&mut self) -> Option<Done> {
        match self.rx.try_recv() {
            Ok(d) => Some(d),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => Some(lost()),
        }
    }

    /// Waits up to `timeout` for the result (tests, benches, scripts).
    pub fn wait(&mut self, timeout: Duration) -> Option<Done> {
        match self.rx.recv_timeout(timeout) {
            Ok(d) => Some(d),
            Err(RecvTimeoutError::Timeout) => None,
            Err(RecvTimeoutError::Disconnected) => Some(lost()),
        }
    }
}

/// The progress line over the bottom of the screen.
pub fn draw(f: &mut Frame, job: &Job) {
    const MARKS: [&str; 4] = ["⠋", "⠙", "⠸", "⠴"];
    let area = f.area();
    let text = format!(
        "{} {}{}",
        MARKS[job.ticks % MARKS.len()],
        job.label,
        if job.cancellable {
            crate::text::tui::ESC_STOPS_WAITING
        } else {
            ""
        }
    );
    let lines = crate::text::wrap(&text, area.width as usize);
    let h = (lines.len() as u16).min(area.height);
    let r = ratatui::layout::Rect {
        y: area.height.saturating_sub(h),
        height: h,
        ..area
    };
    let text: Vec<ratatui::text::Line> = lines.into_iter().map(ratatui::text::Line::raw).collect();
    f.render_widget(ratatui::widgets::Clear, r);
    f.render_widget(
        ratatui::widgets::Paragraph::new(text).style(
            ratatui::style::Style::default().add_modifier(ratatui::style::Modifier::REVERSED),
        ),
        r,
    );
}
