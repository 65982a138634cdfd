//! `jixiao sync` over ssh://, to the system's sshd started by the test on a loopback port with
//! a host key, a client key and a configuration of its own (nothing of the machine's ssh
//! setup is read or changed). The person's ssh settings reach git through GIT_SSH_COMMAND,
//! as they would through ~/.ssh/config: jixiao uses the system's git, so they apply.
//!
//! Where sshd is not installed the test is skipped with a notice; under `CI=true` it fails
//! instead (`.ci/run` installs openssh-server).

mod common;

use common::sshd::{SSHD, Sshd, keygen};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn run(c: &mut Command) -> String {
    let o = c.output().unwrap();
    assert!(
        o.status.success(),
        "{c:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout).unwrap().trim().to_string()
}

/// Whether sshd is there; see the module's comment.
fn sshd_present() -> bool {
    if Path::new(SSHD).exists() && Command::new("ssh-keygen").arg("-?").output().is_ok() {
        return true;
    }
    assert!(
        std::env::var("CI").as_deref() != Ok("true"),
        "CI=true but sshd is not installed (apt-get install openssh-server openssh-client; .ci/run does it)"
    );
    eprintln!(
        "NOTICE: skipping the ssh:// sync test: sshd not installed (apt-get install openssh-server)"
    );
    false
}

/// Starts sshd under `dir` with a client key of its own (`dir/client_key`) as the only one
/// it lets in; returns once it listens.
fn start_sshd(dir: &Path) -> Sshd {
    keygen(&dir.join("client_key"), "office@laptop");
    let key = std::fs::read_to_string(dir.join("client_key.pub")).unwrap();
    Sshd::start(&dir.join("sshd"), &key)
}

/// The ssh command a person would have configured (here through GIT_SSH_COMMAND).
fn ssh_command(dir: &Path, port: u16) -> String {
    format!(
        "ssh -F /dev/null -p {port} -i {key} -o IdentitiesOnly=yes -o BatchMode=yes \
         -o StrictHostKeyChecking=accept-new -o UserKnownHostsFile={known}",
        key = dir.join("client_key").display(),
        known = dir.join("known_hosts").display(),
    )
}

fn env(c: &mut Command, ssh: &str, who: &str) {
    c.env_remove("JIXIAO_REPO")
        .env_remove("GIT_DIR")
        .env_remove("GIT_WORK_TREE")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_SSH_COMMAND", ssh)
        .env("GIT_AUTHOR_NAME", who)
        .env("GIT_AUTHOR_EMAIL", "office@example.org")
        .env("GIT_COMMITTER_NAME", who)
        .env("GIT_COMMITTER_EMAIL", "office@example.org")
        .env("GIT_TERMINAL_PROMPT", "0");
}

fn jixiao(dir: &Path, ssh: &str, args: &[&str]) -> Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_jixiao"));
    c.args(args).current_dir(dir).stdin(Stdio::null());
    env(&mut c, ssh, "办公室");
    c.output().unwrap()
}

fn ok(o: &Output) -> String {
    assert!(
        o.status.success(),
        "{}\n{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn git(dir: &Path, ssh: &str, args: &[&str]) -> String {
    let mut c = Command::new("git");
    c.args(args).current_dir(dir);
    env(&mut c, ssh, "办公室");
    run(&mut c)
}

fn user() -> String {
    std::env::var("USER")
        .ok()
        .filter(|u| !u.is_empty())
        .unwrap_or_else(|| run(Command::new("id").arg("-un")))
}

#[test]
fn two_offices_sync_over_ssh_to_a_bare_repository() {
    if !sshd_present() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let sshd = start_sshd(d);
    let ssh = ssh_command(d, sshd.port);
    git(d, &ssh, &["init", "--quiet", "--bare", "central.git"]);
    let url = format!(
        "ssh://{}@127.0.0.1:{}{}",
        user(),
        sshd.port,
        d.join("central.git").display()
    );
    let a: PathBuf = d.join("a");
    std::fs::create_dir_all(a.join("records/bj-traffic")).unwrap();
    ok(&jixiao(&a, &ssh, &["init"]));
    let seed = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("records/bj-traffic/2023.toml"),
    )
    .unwrap();
    std::fs::write(a.join("records/bj-traffic/2023.toml"), &seed).unwrap();
    ok(&jixiao(
        &a,
        &ssh,
        &["commit", "bj-traffic", "2023", "-m", "导入"],
    ));
    ok(&jixiao(&a, &ssh, &["draft", "bj-traffic", "2023", "初稿"]));
    git(&a, &ssh, &["remote", "add", "origin", &url]);
    let out = ok(&jixiao(&a, &ssh, &["sync"]));
    assert!(
        out.contains("已推送到 origin/") && out.contains("推送的稿次：bj-traffic/2023/初稿"),
        "{out}"
    );
    let branch = git(&a, &ssh, &["symbolic-ref", "--short", "HEAD"]);
    git(
        &d.join("central.git"),
        &ssh,
        &["symbolic-ref", "HEAD", &format!("refs/heads/{branch}")],
    );
    git(d, &ssh, &["clone", "--quiet", &url, "b"]);
    let b = d.join("b");

    // Each office edits another field of the record, then both sync.
    let edit = |dir: &Path, from: &str, to: &str| {
        let p = dir.join("records/bj-traffic/2023.toml");
        let t = std::fs::read_to_string(&p).unwrap();
        std::fs::write(&p, t.replacen(from, to, 1)).unwrap();
        ok(&jixiao(
            dir,
            &ssh,
            &["commit", "bj-traffic", "2023", "-m", to],
        ));
    };
    edit(
        &a,
        "short_name = \"市交通管理局\"",
        "short_name = \"交管局\"",
    );
    edit(
        &b,
        "report_date = \"2024年5月\"",
        "report_date = \"2024年6月\"",
    );
    ok(&jixiao(
        &b,
        &ssh,
        &["draft", "bj-traffic", "2023", "征求意见稿"],
    ));
    ok(&jixiao(&b, &ssh, &["sync"]));
    let out = ok(&jixiao(&a, &ssh, &["sync"]));
    assert!(out.contains("逐字段合并的记录：bj-traffic/2023"), "{out}");
    assert!(
        out.contains("取回的稿次：bj-traffic/2023/征求意见稿"),
        "{out}"
    );
    ok(&jixiao(&b, &ssh, &["sync"]));
    let head = |dir: &Path| git(dir, &ssh, &["rev-parse", "HEAD"]);
    assert_eq!(head(&a), head(&b));
    for side in [&a, &b] {
        let t = std::fs::read_to_string(side.join("records/bj-traffic/2023.toml")).unwrap();
        assert!(
            t.contains("short_name = \"交管局\"") && t.contains("report_date = \"2024年6月\""),
            "{t}"
        );
        assert_eq!(git(side, &ssh, &["status", "--porcelain"]), "");
    }
    assert_eq!(
        git(&b, &ssh, &["tag", "--list"]),
        "bj-traffic/2023/初稿\nbj-traffic/2023/征求意见稿"
    );
    drop(sshd);
}
