//! Who a commit names: the author and committer, found as git finds them, or the team member
//! running jixiao when the repository has a team (`team.toml`).
//!
//! git takes `GIT_AUTHOR_NAME` / `GIT_AUTHOR_EMAIL` and `GIT_COMMITTER_NAME` /
//! `GIT_COMMITTER_EMAIL` before `user.name` / `user.email`, and `EMAIL` as a last resort for
//! the address; a server that runs jixiao for several people sets them per person, so a save
//! must honour them exactly as `git commit` would.
//!
//! With a team, the member is the one an SSH door names (`JIXIAO_MEMBER`), else the one whose
//! email is the git identity's; both the author and the committer are then the member's name
//! and email from `team.toml`, whatever the repository's git config says: on a shared server
//! that config names the service account, not the person.

use super::git_error;
use crate::error::{Error, Result};
use crate::repo::Repo;
use crate::team::{MEMBER_ENV, Member, Team};

/// The author and the committer of a new commit.
pub(super) struct Identity {
    pub author: git2::Signature<'static>,
    pub committer: git2::Signature<'static>,
}

fn env(key: &str) -> Option<String> {
    std::env::var(key).ok().filter(|v| !v.trim().is_empty())
}

/// The git identity's name and address (the author's), each `None` when not set.
fn git_person(git: &git2::Repository, role: &str) -> Result<(Option<String>, Option<String>)> {
    let config = git.config().map_err(|e| git_error("读取 git 配置", e))?;
    let get = |key: &str| config.get_string(key).ok().filter(|v| !v.trim().is_empty());
    let name = env(&format!("GIT_{role}_NAME")).or_else(|| get("user.name"));
    let email = env(&format!("GIT_{role}_EMAIL"))
        .or_else(|| get("user.email"))
        .or_else(|| env("EMAIL"));
    Ok((name, email))
}

/// The member of `team` running jixiao: named by the door, else by the git identity's email.
pub(super) fn member_in(git: &git2::Repository, team: &Team) -> Result<Member> {
    let named = env(MEMBER_ENV);
    let (_, email) = git_person(git, "AUTHOR")?;
    Ok(team.current(named.as_deref(), email.as_deref())?.clone())
}

/// The team and the member running jixiao; `None` when the repository has no team file.
pub(super) fn member_of(git: &git2::Repository) -> Result<Option<(Team, Member)>> {
    let Some(root) = git.workdir() else {
        return Ok(None);
    };
    let Some(team) = Team::load(root)? else {
        return Ok(None);
    };
    let member = member_in(git, &team)?;
    Ok(Some((team, member)))
}

/// A member as both the author and the committer.
pub(super) fn signed_by(m: &Member) -> Result<Identity> {
    let sig =
        git2::Signature::now(&m.name, &m.email).map_err(|err| git_error("生成提交署名", err))?;
    Ok(Identity {
        author: sig.clone(),
        committer: sig,
    })
}

/// The team of `repo` and the member running jixiao; `None` without a team file. Every
/// writing front end asks this, then [`Team::allows`].
pub fn current_member(repo: &Repo) -> Result<Option<(Team, Member)>> {
    member_of(&super::open(repo)?)
}

/// The author and committer from the team, else the environment and git config, or an
/// error that says how to set them.
pub(super) fn identity(git: &git2::Repository) -> Result<Identity> {
    if let Some((_, m)) = member_of(git)? {
        return signed_by(&m);
    }
    let person = |role: &str| -> Result<git2::Signature<'static>> {
        match git_person(git, role)? {
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
