//! The faults a server meets: processes killed mid-save, lock files left behind, a full or
//! read-only disk, odd revisions, output paths inside `.git`, identities from the environment.

mod support;

use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::Duration;
use support::{Fixture, git_cmd};

fn jixiao(f: &Fixture, args: &[&str]) -> Output {
    support::jixiao(f.path()).args(args).output().unwrap()
}

fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

/// `jixiao init`'s state plus a new record committed, as a new department starts.
fn started() -> Fixture {
    let f = Fixture::new();
    f.git(&["add", "rubrics"]);
    f.git(&["commit", "-q", "-m", "初始化评价库"]);
    for args in [
        &["new", "edu", "2024", "--name", "某区教育局"][..],
        &["commit", "edu", "2024", "-m", "新建记录"][..],
    ] {
        let o = jixiao(&f, args);
        assert!(o.status.success(), "{}", text(&o));
    }
    f
}

/// Sets `report_date` in the working file.
fn edit(f: &Fixture, value: &str) {
    let p = f.path().join("records/edu/2024.toml");
    let t = std::fs::read_to_string(&p).unwrap();
    let start = t.find("\nreport_date = ").unwrap() + 1;
    let end = start + t[start..].find('\n').unwrap();
    std::fs::write(
        &p,
        format!("{}report_date = \"{value}\"{}", &t[..start], &t[end..]),
    )
    .unwrap();
}

fn commit(f: &Fixture, msg: &str) -> Output {
    jixiao(f, &["commit", "edu", "2024", "-m", msg])
}

fn head_has(f: &Fixture, needle: &str) -> bool {
    f.git(&["show", "HEAD:records/edu/2024.toml"])
        .contains(needle)
}

#[test]
fn git_lock_files_of_a_killed_save_are_cleared_by_the_next() {
    let f = started();
    // A save killed between taking the ref lock and releasing it leaves both behind.
    let ref_lock = f.path().join(".git/refs/heads/main.lock");
    std::fs::write(&ref_lock, "").unwrap();
    std::fs::write(
        f.path().join(".git/jixiao/save.intent"),
        format!("{}\n", ref_lock.display()),
    )
    .unwrap();
    edit(&f, "2025年5月");
    let o = commit(&f, "杀死之后");
    assert!(o.status.success(), "{}", text(&o));
    assert!(!ref_lock.exists());
    // Nothing pending any more: the intent is gone or empty.
    let intent = std::fs::read_to_string(f.path().join(".git/jixiao/save.intent"));
    assert!(intent.as_ref().map_or(true, |t| t.is_empty()), "{intent:?}");
    assert!(head_has(&f, "report_date = \"2025年5月\""));
}

#[test]
fn a_git_lock_of_another_program_is_named_with_how_to_clear_it() {
    let f = started();
    let ref_lock = f.path().join(".git/refs/heads/main.lock");
    std::fs::write(&ref_lock, "").unwrap();
    edit(&f, "2025年5月");
    let before = f.git(&["rev-parse", "HEAD"]);
    let o = commit(&f, "被锁住");
    let msg = text(&o);
    assert_eq!(o.status.code(), Some(1), "{msg}");
    assert!(msg.contains("main.lock") && msg.contains("rm '"), "{msg}");
    assert_eq!(f.git(&["rev-parse", "HEAD"]), before);
    // Cleared as the message says, the same commit goes through.
    std::fs::remove_file(&ref_lock).unwrap();
    let o = commit(&f, "解锁后");
    assert!(o.status.success(), "{}", text(&o));

    // The index lock of a git that died: the save is committed and the message says so,
    // naming the lock file.
    let index_lock = f.path().join(".git/index.lock");
    std::fs::write(&index_lock, "").unwrap();
    edit(&f, "2026年5月");
    let o = commit(&f, "索引被锁");
    let msg = text(&o);
    assert_eq!(o.status.code(), Some(1), "{msg}");
    assert!(
        msg.contains("已提交") && msg.contains("index.lock"),
        "{msg}"
    );
    assert!(head_has(&f, "report_date = \"2026年5月\""));
    std::fs::remove_file(&index_lock).unwrap();
}

/// Kills a save at 100 moments; after each, the next save goes through with no hand
/// cleaning (or names a lock file and how to clear it), and the repository stays sound.
#[test]
fn a_hundred_saves_killed_at_random_moments_leave_nothing_stale() {
    let f = started();
    // A fixed sequence of pseudo-random delays (xorshift), spread over a save's duration.
    let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut named_locks = 0;
    for i in 0..100 {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        edit(&f, &format!("被终止 {i}"));
        let mut child = support::jixiao(f.path())
            .args(["commit", "edu", "2024", "-m", &format!("被终止 {i}")])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_micros(x % 40_000));
        let _ = child.kill();
        let _ = child.wait();
        edit(&f, &format!("下一次 {i}"));
        let o = commit(&f, &format!("下一次 {i}"));
        if !o.status.success() {
            let msg = text(&o);
            assert!(msg.contains(".lock") && msg.contains("rm '"), "{i}: {msg}");
            named_locks += 1;
            // The message's advice works.
            for lock in [".git/index.lock", ".git/refs/heads/main.lock"] {
                let _ = std::fs::remove_file(f.path().join(lock));
            }
            let o = commit(&f, &format!("清锁后 {i}"));
            assert!(o.status.success(), "{i}: {}", text(&o));
        }
        assert!(
            head_has(&f, &format!("report_date = \"下一次 {i}\"")),
            "{i}"
        );
    }
    // Every kill fell inside jixiao's own save lock or outside any lock: none needed a hand.
    assert_eq!(named_locks, 0);
    let fsck = git_cmd(f.path())
        .args(["fsck", "--full", "--no-dangling"])
        .output()
        .unwrap();
    assert!(fsck.status.success(), "{}", text(&fsck));
    assert_eq!(f.status(), "");
}

#[test]
fn odd_revisions_and_paths_inside_git_get_clear_errors() {
    let f = started();
    let o = jixiao(&f, &["diff", "edu", "2024", "@{-1}"]);
    let msg = text(&o);
    assert_eq!(o.status.code(), Some(1), "{msg}");
    assert!(!msg.contains("no error"), "{msg}");
    assert!(msg.contains("@{-1}") && msg.contains("jixiao log"), "{msg}");

    let head = std::fs::read(f.path().join(".git/HEAD")).unwrap();
    let o = jixiao(&f, &["export", "edu", "2024", "--force", "-o", ".git/HEAD"]);
    let msg = text(&o);
    assert_eq!(o.status.code(), Some(1), "{msg}");
    assert!(msg.contains(".git"), "{msg}");
    assert_eq!(std::fs::read(f.path().join(".git/HEAD")).unwrap(), head);
}

#[test]
fn the_author_and_committer_from_the_environment_win_as_in_git() {
    let f = started();
    edit(&f, "2025年5月");
    let o = support::jixiao(f.path())
        .args(["commit", "edu", "2024", "-m", "署名"])
        .env("GIT_AUTHOR_NAME", "张评价")
        .env("GIT_AUTHOR_EMAIL", "zhang@example.org")
        .env("GIT_COMMITTER_NAME", "评价服务器")
        .env("GIT_COMMITTER_EMAIL", "server@example.org")
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", text(&o));
    assert_eq!(
        f.git(&["log", "-1", "--format=%an|%ae|%cn|%ce"]).trim(),
        "张评价|zhang@example.org|评价服务器|server@example.org"
    );
    // Only the author set: the committer is git config's, as with git.
    edit(&f, "2026年5月");
    let o = support::jixiao(f.path())
        .args(["commit", "edu", "2024", "-m", "只设作者"])
        .env("GIT_AUTHOR_NAME", "李评价")
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", text(&o));
    assert_eq!(
        f.git(&["log", "-1", "--format=%an|%ae|%cn|%ce"]).trim(),
        "李评价|jia@example.org|评价员甲|jia@example.org"
    );
}

/// A small filesystem of its own (tmpfs), to fill up and to make read-only. Needs root, as CI
/// has; elsewhere the test says so and checks nothing, unless CI=true, where it fails.
struct Tmpfs(tempfile::TempDir);

impl Tmpfs {
    fn mount(size: &str) -> Option<Tmpfs> {
        let dir = tempfile::tempdir().unwrap();
        let ok = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(dir.path())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        if ok {
            Some(Tmpfs(dir))
        } else if std::env::var_os("CI").is_some_and(|v| v == "true") {
            panic!("CI: cannot mount a tmpfs (the full-disk test needs root)");
        } else {
            eprintln!("skipped: mounting a tmpfs needs root");
            None
        }
    }

    fn path(&self) -> &Path {
        self.0.path()
    }

    fn read_only(&self) {
        let s = Command::new("mount")
            .args(["-o", "remount,ro"])
            .arg(self.path())
            .status()
            .unwrap();
        assert!(s.success());
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg("-l").arg(self.0.path()).status();
    }
}

/// A repository on the tmpfs with the new record committed.
fn repo_on(fs: &Tmpfs) -> std::path::PathBuf {
    let root = fs.path().join("repo");
    std::fs::create_dir(&root).unwrap();
    support::git(&root, &["init", "-q", "-b", "main"]);
    support::git(&root, &["config", "user.name", "评价员甲"]);
    support::git(&root, &["config", "user.email", "jia@example.org"]);
    let o = support::jixiao(&root).args(["init"]).output().unwrap();
    assert!(o.status.success(), "{}", text(&o));
    for args in [
        &["new", "edu", "2024", "--name", "某区教育局"][..],
        &["commit", "edu", "2024", "-m", "新建记录"][..],
    ] {
        let o = support::jixiao(&root).args(args).output().unwrap();
        assert!(o.status.success(), "{}", text(&o));
    }
    root
}

#[test]
fn a_full_disk_and_a_read_only_repository_say_what_failed() {
    let Some(fs) = Tmpfs::mount("4m") else {
        return;
    };
    let root = repo_on(&fs);
    let record = root.join("records/edu/2024.toml");
    let t = std::fs::read_to_string(&record).unwrap();
    // A long narrative, then the disk filled up.
    std::fs::write(
        &record,
        t.replace(
            "organization = \"\"",
            &format!("organization = \"{}\"", "机构".repeat(4000)),
        ),
    )
    .unwrap();
    let filler = fs.path().join("filler");
    let _ = Command::new("dd")
        .args(["if=/dev/zero", "bs=64k"])
        .arg(format!("of={}", filler.display()))
        .stderr(Stdio::null())
        .status();
    let head = support::git(&root, &["rev-parse", "HEAD"]);
    let o = support::jixiao(&root)
        .args(["commit", "edu", "2024", "-m", "磁盘已满"])
        .output()
        .unwrap();
    let msg = text(&o);
    assert_eq!(o.status.code(), Some(1), "{msg}");
    assert!(!msg.contains("no error"), "{msg}");
    assert!(msg.contains("磁盘已满"), "{msg}");
    assert_eq!(support::git(&root, &["rev-parse", "HEAD"]), head);
    // The typed text is still in the working file.
    assert!(
        std::fs::read_to_string(&record)
            .unwrap()
            .contains("机构机构")
    );
    std::fs::remove_file(&filler).unwrap();

    // Read-only: naming a draft says which folder cannot be written, and why.
    fs.read_only();
    let o = support::jixiao(&root)
        .args(["draft", "edu", "2024", "初稿"])
        .output()
        .unwrap();
    let msg = text(&o);
    assert_eq!(o.status.code(), Some(1), "{msg}");
    assert!(msg.contains("文件系统只读"), "{msg}");
    assert!(msg.contains(".git"), "{msg}");
}
