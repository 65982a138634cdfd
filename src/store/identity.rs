//! Who a commit names: the author and committer, found as git finds them.
//!
//! git takes `GIT_AUTHOR_NAME` / `GIT_AUTHOR_EMAIL` and `GIT_COMMITTER_NAME` /
//! `GIT_COMMITTER_EMAIL` before `user.name` / `user.email`, and `EMAIL` as a last resort for
//! the address; a server that runs jixiao for several people sets them per person, so a save
//! must honour them exactly as `git commit` would.

use super::git_error;
use crate::error::{Error, Result};

/// The author and the committer of a new commit.
pub(super) struct Identity {
    pub author: git2::Signature<'static>,
    pub committer: git2::Signature<'static>,
}

fn env(key: &str) -> Option<String> {
    std::env::var(key).ok().filter(|v| !v.trim().is_empty())
}

/// The author and committer from the environment and git config, or an error that says
/// how to set them.
pub(super) fn identity(git: &git2::Repository) -> Result<Identity> {
    let config = git.config().map_err(|e| git_error("读取 git 配置", e))?;
    let get = |key: &str| config.get_string(key).ok().filter(|v| !v.trim().is_empty());
    let name = get("user.name");
    let email = get("user.email").or_else(|| env("EMAIL"));
    let person = |role: &str| -> Result<git2::Signature<'static>> {
        let n = env(&format!("GIT_{role}_NAME")).or_else(|| name.clone());
        let e = env(&format!("GIT_{role}_EMAIL")).or_else(|| email.clone());
        match (n, e) {
            (Some(n), Some(e)) => {
                git2::Signature::now(&n, &e).map_err(|err| git_error("生成提交署名", err))
            }
            (n, _) => Err(missing(if n.is_none() {
                "user.name"
            } else {
                "user.email"
            })),
        }
    };
    Ok(Identity {
        author: person("AUTHOR")?,
        committer: person("COMMITTER")?,
    })
}

fn missing(key: &str) -> Error {
    Error::Other(format!(
        "未设置 git 的 {key}：每次保存都是一次署名的提交。请设置：\n  git config --global user.name \"姓名\"\n  git config --global user.email \"you@example.org\"\n（去掉 --global 则只用于本评价库；也可用环境变量 GIT_AUTHOR_NAME、GIT_AUTHOR_EMAIL）"
    ))
}
