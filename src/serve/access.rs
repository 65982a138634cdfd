//! Who gets in and how much they may hold: the team file as last read (re-read when it
//! changes), the slow-down after refused keys, and the counted slots for connections per
//! address and sessions per member.

use super::{Shared, lock};
use crate::team::{Member, TEAM_FILE, Team};
use std::net::IpAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};

/// What identifies one version of the file without reading it: its modification time (to the
/// nanosecond here), length and inode. `jixiao team …` replaces the file (a new inode), and
/// an editor that rewrites it in place changes the time.
type Stamp = (SystemTime, u64, u64);

fn stamp(path: &Path) -> std::io::Result<Stamp> {
    use std::os::unix::fs::MetadataExt;
    let m = std::fs::symlink_metadata(path)?;
    Ok((m.modified()?, m.len(), m.ino()))
}

/// The team as last read from `team.toml`.
pub struct TeamCache {
    path: PathBuf,
    root: PathBuf,
    stamp: Option<Stamp>,
    team: Result<Option<Team>, String>,
}

impl TeamCache {
    /// A cache that reads the file on first use.
    pub fn new(root: &Path) -> TeamCache {
        TeamCache {
            path: root.join(TEAM_FILE),
            root: root.to_path_buf(),
            stamp: None,
            team: Ok(None),
        }
    }

    /// The member holding `key` (a `TYPE BASE64` line), reading the file again first if it
    /// changed. `Err` says why nobody can be let in (no file, a broken file).
    pub fn member_by_key(&mut self, key: &str) -> Result<Option<Member>, String> {
        let now = stamp(&self.path).ok();
        if now.is_none() || now != self.stamp {
            self.team = Team::load(&self.root).map_err(|e| e.to_string());
            self.stamp = now;
        }
        match &self.team {
            Ok(Some(team)) => Ok(team.member_by_key(key).cloned()),
            Ok(None) => Err(crate::text::serve::no_team_file(self.path.display())),
            Err(e) => Err(e.clone()),
        }
    }
}

/// Refused keys per address, and how long the next attempt from there must wait.
#[derive(Default)]
pub struct Throttle {
    by_addr: std::collections::HashMap<IpAddr, Failures>,
}

struct Failures {
    count: u32,
    last: Instant,
}

/// Failures further apart than this are forgotten.
const FORGET: Duration = Duration::from_secs(15 * 60);
/// The longest wait before an attempt.
const MAX_DELAY: Duration = Duration::from_secs(16);

impl Throttle {
    /// How long an attempt from `addr` must wait before its key is even looked at: one
    /// second after the first failure, doubling with each, at most [`MAX_DELAY`], counted from
    /// the last failure.
    pub fn wait(&mut self, addr: IpAddr, now: Instant) -> Duration {
        self.by_addr
            .retain(|_, f| now.duration_since(f.last) < FORGET);
        match self.by_addr.get(&addr) {
            Some(f) => delay(f.count).saturating_sub(now.duration_since(f.last)),
            None => Duration::ZERO,
        }
    }

    /// Records a refused key from `addr`; returns how many in a row and the next wait.
    pub fn fail(&mut self, addr: IpAddr, now: Instant) -> (u32, Duration) {
        let f = self.by_addr.entry(addr).or_insert(Failures {
            count: 0,
            last: now,
        });
        f.count = f.count.saturating_add(1);
        f.last = now;
        (f.count, delay(f.count))
    }

    /// A member logged in from `addr`: its earlier failures were its own keys' order.
    pub fn forgive(&mut self, addr: IpAddr) {
        self.by_addr.remove(&addr);
    }
}

fn delay(count: u32) -> Duration {
    match count {
        0 => Duration::ZERO,
        n => Duration::from_secs(1u64 << (n - 1).min(4)).min(MAX_DELAY),
    }
}

/// One open connection of an address, given back when dropped.
pub struct ConnectionSlot {
    shared: Arc<Shared>,
    addr: IpAddr,
}

impl ConnectionSlot {
    /// Takes a slot for `addr`, unless it already has the most connections allowed.
    pub fn take(shared: &Arc<Shared>, addr: IpAddr) -> Option<ConnectionSlot> {
        let mut c = lock(&shared.connections);
        let n = c.entry(addr).or_insert(0);
        if *n >= shared.options.max_connections {
            return None;
        }
        *n += 1;
        Some(ConnectionSlot {
            shared: Arc::clone(shared),
            addr,
        })
    }
}

impl Drop for ConnectionSlot {
    fn drop(&mut self) {
        let mut c = lock(&self.shared.connections);
        if let Some(n) = c.get_mut(&self.addr) {
            *n = n.saturating_sub(1);
            if *n == 0 {
                c.remove(&self.addr);
            }
        }
    }
}

/// One open session of a member, given back when dropped.
pub struct SessionSlot {
    shared: Arc<Shared>,
    member: String,
}

impl SessionSlot {
    /// Takes a slot for `member`; `Err` holds how many they have open.
    pub fn take(shared: &Arc<Shared>, member: &str) -> Result<SessionSlot, usize> {
        let mut s = lock(&shared.sessions);
        let n = s.entry(member.to_string()).or_insert(0);
        if *n >= shared.options.max_sessions {
            return Err(*n);
        }
        *n += 1;
        Ok(SessionSlot {
            shared: Arc::clone(shared),
            member: member.to_string(),
        })
    }
}

impl Drop for SessionSlot {
    fn drop(&mut self) {
        let mut s = lock(&self.shared.sessions);
        if let Some(n) = s.get_mut(&self.member) {
            *n = n.saturating_sub(1);
            if *n == 0 {
                s.remove(&self.member);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_failure_doubles_the_wait_up_to_the_cap_and_is_forgotten_later() {
        let mut t = Throttle::default();
        let a: IpAddr = "192.0.2.7".parse().unwrap();
        let b: IpAddr = "192.0.2.8".parse().unwrap();
        let t0 = Instant::now();
        assert_eq!(t.wait(a, t0), Duration::ZERO);
        assert_eq!(t.fail(a, t0), (1, Duration::from_secs(1)));
        assert_eq!(t.wait(a, t0), Duration::from_secs(1));
        // Half a second later, half a second is left; another address waits for nothing.
        assert_eq!(
            t.wait(a, t0 + Duration::from_millis(500)),
            Duration::from_millis(500)
        );
        assert_eq!(t.wait(b, t0), Duration::ZERO);
        let waits: Vec<u64> = (2..=7).map(|_| t.fail(a, t0).1.as_secs()).collect();
        assert_eq!(waits, [2, 4, 8, 16, 16, 16]);
        assert_eq!(t.wait(a, t0 + FORGET), Duration::ZERO);
        assert_eq!(t.fail(a, t0 + FORGET).0, 1);
        t.forgive(a);
        assert_eq!(t.wait(a, t0 + FORGET), Duration::ZERO);
    }

    #[test]
    fn the_team_is_read_again_when_the_file_changes() {
        let dir = tempfile::tempdir().unwrap();
        let key = crate::team::PublicKey::parse(
            "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJ8HqJRmLQbycNJ9f3fegPVqd6QE4XVmUGnMMszPccA+ x",
        )
        .unwrap();
        let mut cache = TeamCache::new(dir.path());
        let e = cache.member_by_key(&key.bare()).unwrap_err();
        assert!(e.contains("没有团队文件"), "{e}");
        let member = |keys: &str| {
            format!(
                "[[member]]\nid = \"zhang\"\nname = \"张三\"\nemail = \"z@example.org\"\nrole = \"evaluator\"\nkeys = [{keys}]\n"
            )
        };
        std::fs::write(dir.path().join(TEAM_FILE), member("")).unwrap();
        assert_eq!(cache.member_by_key(&key.bare()), Ok(None));
        // Replaced as jixiao replaces it (a new file renamed over the old one).
        let tmp = dir.path().join("t.toml");
        std::fs::write(&tmp, member(&format!("\"{}\"", key.line()))).unwrap();
        std::fs::rename(&tmp, dir.path().join(TEAM_FILE)).unwrap();
        let m = cache.member_by_key(&key.bare()).unwrap().unwrap();
        assert_eq!((m.id.as_str(), m.name.as_str()), ("zhang", "张三"));
        std::fs::write(dir.path().join(TEAM_FILE), "[[member]]\nid = 3\n").unwrap();
        let e = cache.member_by_key(&key.bare()).unwrap_err();
        assert!(e.contains("team.toml"), "{e}");
    }
}
