//! `jixiao serve`: an SSH server inside jixiao, for a team that wants one command instead of
//! a system sshd (as soft-serve is for git).
//!
//! It is a front end over the same door as the OpenSSH setup: every session, interactive or
//! a command, runs `jixiao shell --member ID` as a child process of its own, so both doors
//! enforce the same roles with the same code, a crash ends one session only, and the library
//! signs every save as the member. This module speaks SSH (russh) and moves bytes; it never
//! touches git and nothing below the front ends imports it. The async runtime lives here only.
//!
//! Who may connect: public-key authentication only, against the keys in `team.toml` (re-read
//! whenever the file changes). Nothing but jixiao runs: no shell, no subsystem, no port, agent
//! or X11 forwarding, no environment passing.

mod access;
mod child;
mod handler;
mod hostkey;
mod log;
mod schedule;

use crate::repo::Repo;
use crate::text::serve as text;
use anyhow::{Context, Result};
use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

pub use log::Log;

/// The address `jixiao serve` listens on when not told: the loopback only, so that a server
/// is reachable from outside only when its administrator says so.
pub const DEFAULT_LISTEN: &str = "127.0.0.1:2222";

/// The limits and the address of a server.
#[derive(Debug, Clone)]
pub struct Options {
    /// Where to listen.
    pub listen: SocketAddr,
    /// Sessions (terminals and commands) one member may have open at once.
    pub max_sessions: usize,
    /// Connections one address may have open at once.
    pub max_connections: usize,
    /// A connection with no input from the client for this long is closed.
    pub idle_timeout: Duration,
    /// Sync with this remote on this schedule (`--sync-every`), if at all.
    pub sync: Option<(String, Duration)>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            listen: DEFAULT_LISTEN.parse().expect("a valid constant address"),
            max_sessions: 4,
            max_connections: 10,
            idle_timeout: Duration::from_secs(30 * 60),
            sync: None,
        }
    }
}

/// Parses `30m`, `90s`, `2h` or a number of minutes, for `--idle-timeout`.
pub fn parse_duration(s: &str) -> Result<Duration, String> {
    let t = s.trim();
    let (digits, unit) = match t.char_indices().find(|(_, c)| !c.is_ascii_digit()) {
        Some((i, _)) => t.split_at(i),
        None => (t, "m"),
    };
    let n: u64 = digits.parse().map_err(|_| text::not_a_duration(s))?;
    let secs = if unit == "s" || text::SECOND_UNITS.contains(&unit) {
        n
    } else if unit == "m" || text::MINUTE_UNITS.contains(&unit) {
        n.saturating_mul(60)
    } else if unit == "h" || text::HOUR_UNITS.contains(&unit) {
        n.saturating_mul(3600)
    } else {
        return Err(text::bad_unit(s));
    };
    if secs == 0 {
        return Err(text::zero_duration(s));
    }
    Ok(Duration::from_secs(secs))
}

/// `30 分钟`, `8 秒`, `2 小时`: a limit as people read it.
pub fn human(d: Duration) -> String {
    let s = d.as_secs();
    if s >= 3600 && s.is_multiple_of(3600) {
        text::hours(s / 3600)
    } else if s >= 60 && s.is_multiple_of(60) {
        text::minutes(s / 60)
    } else {
        text::seconds(s)
    }
}

/// What every connection shares: the repository, the limits, the team and the counters.
pub(crate) struct Shared {
    /// The repository's root, given to every child as `--repo`.
    root: PathBuf,
    /// This program, run as the child of every session.
    exe: PathBuf,
    options: Options,
    log: Log,
    team: Mutex<access::TeamCache>,
    throttle: Mutex<access::Throttle>,
    /// Open sessions per member id.
    sessions: Mutex<HashMap<String, usize>>,
    /// Open connections per address.
    connections: Mutex<HashMap<IpAddr, usize>>,
    /// Process groups of the running children, hung up when the server stops.
    children: Mutex<HashMap<u32, String>>,
}

/// Locks a mutex, taking over one that a panicking task poisoned (the counters stay usable).
pub(crate) fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

/// Runs the server for `repo` until it is stopped (SIGINT, SIGTERM).
pub fn run(repo: &Repo, options: Options) -> Result<i32> {
    let root = repo.root().to_path_buf();
    if crate::team::Team::load(&root)
        .map_err(crate::Error::from)?
        .is_none()
    {
        anyhow::bail!(text::no_team(root.display()));
    }
    let own = crate::store::own_dir(repo)?;
    std::fs::create_dir_all(&own).with_context(|| text::create_dir_failed(own.display()))?;
    let key = hostkey::load_or_create(&own.join(hostkey::FILE))?;
    let log = Log::open(&own.join(log::FILE))?;
    let shared = Arc::new(Shared {
        team: Mutex::new(access::TeamCache::new(&root)),
        root,
        exe: std::env::current_exe().context(crate::text::team::NO_EXE)?,
        options,
        log,
        throttle: Mutex::new(access::Throttle::default()),
        sessions: Mutex::new(HashMap::new()),
        connections: Mutex::new(HashMap::new()),
        children: Mutex::new(HashMap::new()),
    });
    // Two workers: the server only moves bytes between sockets and child processes.
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .context(text::RUNTIME_FAILED)?;
    runtime.block_on(serve(shared, key))
}

fn config(shared: &Shared, key: russh::keys::PrivateKey) -> russh::server::Config {
    let mut methods = russh::MethodSet::empty();
    methods.push(russh::MethodKind::PublicKey);
    russh::server::Config {
        server_id: russh::SshId::Standard(
            concat!("SSH-2.0-jixiao_", env!("CARGO_PKG_VERSION")).into(),
        ),
        methods,
        // A refused key costs at least a second, whatever the throttle says.
        auth_rejection_time: Duration::from_secs(1),
        // OpenSSH asks with "none" first to learn the methods: not a failure.
        auth_rejection_time_initial: Some(Duration::ZERO),
        max_auth_attempts: 6,
        keys: vec![key],
        // The idle timeout counts the person's input (handler.rs); russh's own timer would be
        // reset by the editor's output, so it only catches connections that stopped talking.
        inactivity_timeout: Some(shared.options.idle_timeout + Duration::from_secs(60)),
        keepalive_interval: Some(Duration::from_secs(60)),
        keepalive_max: 3,
        // Keystrokes are small packets: sent at once rather than gathered.
        nodelay: true,
        ..Default::default()
    }
}

async fn serve(shared: Arc<Shared>, key: russh::keys::PrivateKey) -> Result<i32> {
    let listen = shared.options.listen;
    let fingerprint = key.public_key().fingerprint(Default::default());
    let config = Arc::new(config(&shared, key));
    let listener = tokio::net::TcpListener::bind(listen)
        .await
        .with_context(|| text::cannot_listen(listen))?;
    let bound = listener.local_addr().unwrap_or(listen);
    shared
        .log
        .line(&text::started(shared.root.display(), bound, fingerprint));
    // Dropped with the loop's end: a round under way is killed with its child.
    let _scheduled = shared.options.sync.clone().map(|(remote, every)| {
        shared.log.line(&text::syncs_every(&remote, human(every)));
        tokio::spawn(schedule::run(Arc::clone(&shared), every, remote))
    });
    let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        .context(crate::text::tui::SIGNALS_FAILED)?;
    loop {
        let (socket, peer) = tokio::select! {
            r = listener.accept() => match r {
                Ok(x) => x,
                Err(e) => {
                    // Out of file descriptors and the like: wait, do not spin.
                    shared.log.line(&text::accept_failed(e));
                    tokio::time::sleep(Duration::from_millis(200)).await;
                    continue;
                }
            },
            _ = tokio::signal::ctrl_c() => break,
            _ = term.recv() => break,
        };
        let Some(slot) = access::ConnectionSlot::take(&shared, peer.ip()) else {
            shared.log.line(&text::too_many_connections(
                peer,
                shared.options.max_connections,
            ));
            drop(socket);
            continue;
        };
        let shared = Arc::clone(&shared);
        let config = Arc::clone(&config);
        tokio::spawn(async move {
            let handler = handler::Connection::new(Arc::clone(&shared), peer, slot);
            match russh::server::run_stream(config, socket, handler).await {
                Ok(session) => {
                    if let Err(e) = session.await {
                        shared.log.line(&text::connection_failed(peer, e));
                    }
                }
                Err(e) => shared.log.line(&text::not_established(peer, e)),
            }
        });
    }
    shared.log.line(text::STOPPING);
    child::hang_up_all(&shared).await;
    Ok(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_with_their_unit() {
        assert_eq!(parse_duration("90s"), Ok(Duration::from_secs(90)));
        assert_eq!(parse_duration("30m"), Ok(Duration::from_secs(1800)));
        assert_eq!(parse_duration("2h"), Ok(Duration::from_secs(7200)));
        assert_eq!(parse_duration("15"), Ok(Duration::from_secs(900)));
        assert!(parse_duration("0s").unwrap_err().contains("大于 0"));
        assert!(parse_duration("3d").unwrap_err().contains("单位不对"));
        assert!(parse_duration("半小时").unwrap_err().contains("不是时长"));
        assert_eq!(human(Duration::from_secs(1800)), "30 分钟");
        assert_eq!(human(Duration::from_secs(7200)), "2 小时");
        assert_eq!(human(Duration::from_secs(90)), "90 秒");
    }
}
