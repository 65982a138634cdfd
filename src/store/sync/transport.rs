//! The network half of a sync: `git fetch` and `git push`, run as the system's own `git`.
//!
//! Why the git binary and not git2's transports: jixiao builds git2 without its network
//! features, and turning them on would vendor libssh2 and OpenSSL into every build for one
//! command. More to the point, evaluators reach their servers the way they already do with
//! git: `~/.ssh/config` (hosts, ports, `ProxyJump`), ssh-agent and hardware keys, credential
//! helpers and tokens for Gitea or GitLab over https, proxies, `insteadOf` rewrites,
//! `core.sshCommand`. libgit2 reads none of ssh's configuration and would need each of those
//! rebuilt by hand in credential callbacks; `git` does all of it, for every kind of remote
//! (ssh://, https://, file://, a bare repository on a shared drive). So the project's rule —
//! git2's network features only if sync needs them — keeps them off: sync does not need
//! them. Everything after the transfer (merging, committing, tags, the working tree) stays in
//! process with git2, as every other store operation.

use crate::error::{Error, Result};
use std::process::{Command, Stdio};

/// Where jixiao keeps its copy of the remote's tags, one folder per remote: fetched there
/// rather than into `refs/tags/`, so a draft that differs on the remote never overwrites the
/// local one before it is compared.
pub(super) fn remote_tags_prefix(remote: &str) -> String {
    format!("refs/jixiao/remote-tags/{remote}/")
}

/// A `git` command on the repository of `git`, with the person's environment (ssh agent,
/// credential helpers) but without variables that would point it at another repository.
/// `interactive`: git and ssh may ask on the terminal (a passphrase, a password); otherwise
/// they fail instead of waiting for an answer nobody can type (the editor's screen).
fn command(git: &git2::Repository, interactive: bool) -> Result<Command> {
    let dir = git.workdir().unwrap_or_else(|| git.path()).to_path_buf();
    let mut c = Command::new("git");
    c.arg("-C")
        .arg(dir)
        .env_remove("GIT_DIR")
        .env_remove("GIT_WORK_TREE")
        .env_remove("GIT_INDEX_FILE")
        .env_remove("GIT_OBJECT_DIRECTORY")
        .env_remove("GIT_COMMON_DIR");
    if !interactive {
        c.env("GIT_TERMINAL_PROMPT", "0").stdin(Stdio::null());
        // ssh asks for a passphrase on the terminal itself; in batch mode it fails instead.
        // The person's own ssh command, if set, is left alone.
        let configured = git
            .config()
            .ok()
            .and_then(|c| c.get_string("core.sshCommand").ok())
            .is_some();
        if std::env::var_os("GIT_SSH_COMMAND").is_none()
            && std::env::var_os("GIT_SSH").is_none()
            && !configured
        {
            c.env("GIT_SSH_COMMAND", "ssh -o BatchMode=yes");
        }
    }
    Ok(c)
}

/// Runs `c`; its error output on failure, with what was being done.
fn run(mut c: Command, doing: &str) -> Result<String> {
    let out = c.stderr(Stdio::piped()).stdout(Stdio::piped()).output();
    let out = match out {
        Ok(o) => o,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(Error::Other(format!(
                "{doing}失败：找不到 git 命令。同步使用系统的 git（以便沿用您的 ssh 密钥和凭据）；请先安装 git（如 apt-get install git）"
            )));
        }
        Err(e) => return Err(Error::Other(format!("{doing}失败：无法运行 git：{e}"))),
    };
    let stderr = String::from_utf8_lossy(&out.stderr).trim().to_string();
    if out.status.success() {
        Ok(String::from_utf8_lossy(&out.stdout).into_owned())
    } else {
        Err(Error::Git(format!(
            "{doing}失败（git 退出码 {}）：{}",
            out.status
                .code()
                .map_or_else(|| "无".to_string(), |c| c.to_string()),
            crate::text::printable(&stderr)
        )))
    }
}

/// Fetches every branch of `remote` into `refs/remotes/REMOTE/` and every tag into jixiao's
/// own copy ([`remote_tags_prefix`]), pruning what the remote no longer has.
pub(super) fn fetch(git: &git2::Repository, remote: &str, interactive: bool) -> Result<()> {
    let mut c = command(git, interactive)?;
    c.args([
        "fetch",
        "--quiet",
        "--prune",
        "--no-tags",
        "--end-of-options",
    ])
    .arg(remote)
    .arg(format!("+refs/heads/*:refs/remotes/{remote}/*"))
    .arg(format!("+refs/tags/*:{}*", remote_tags_prefix(remote)));
    run(c, &format!("从远端 {remote} 取回")).map(|_| ())
}

/// Pushes `refspecs` (`SRC:DST`, never forced) to `remote`.
pub(super) fn push(
    git: &git2::Repository,
    remote: &str,
    refspecs: &[String],
    interactive: bool,
) -> Result<()> {
    if refspecs.is_empty() {
        return Ok(());
    }
    let mut c = command(git, interactive)?;
    c.args(["push", "--quiet", "--end-of-options"])
        .arg(remote)
        .args(refspecs);
    run(c, &format!("推送到远端 {remote}")).map(|_| ())
}
