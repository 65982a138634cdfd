//! The team file in git: written by `jixiao team` as one commit by an administrator, and
//! its history checked for changes made with plain git by someone who was not one.

use super::identity::{Identity, identity, member_in, member_of, signed_by};
use super::touches::touches;
use super::{Time, blob_text, git_error, open, short};
use crate::error::{Error, Result};
use crate::repo::Repo;
use crate::team::{Action, Role, TEAM_FILE, Team};
use std::path::Path;

/// Writes `text` as `team.toml` (atomically) and commits it alone with `message`, as the
/// member running jixiao, who must be an administrator. A repository without a team file
/// may be given one by anyone: the new file must then name an administrator.
pub fn commit_team(repo: &Repo, text: &str, message: &str) -> Result<String> {
    let git = open(repo)?;
    let path = repo.root().join(TEAM_FILE);
    // Who writes is decided by the team in force before the change.
    let who: Identity = match member_of(&git)? {
        Some((team, member)) => {
            team.allows(&member, Action::EditTeam)?;
            identity(&git)?
        }
        None => {
            let new = Team::parse(&path, text)?;
            if new.with_role(Role::Admin).next().is_none() {
                return Err(Error::Other(crate::text::store::first_member_admin(
                    path.display(),
                )));
            }
            // The person creating the team signs as the member they are in it, if they are.
            match member_in(&git, &new) {
                Ok(m) => signed_by(&m)?,
                Err(_) => identity(&git)?,
            }
        }
    };
    Team::parse(&path, text)?;
    crate::tomlio::write_atomic(&path, text)?;
    let mut index = git
        .index()
        .map_err(|e| git_error(crate::text::store::READ_INDEX, e))?;
    index
        .add_path(Path::new(TEAM_FILE))
        .map_err(|e| git_error(&crate::text::store::add_path(TEAM_FILE), e))?;
    index
        .write()
        .map_err(|e| git_error(crate::text::store::WRITE_INDEX, e))?;
    let tree_id = index
        .write_tree()
        .map_err(|e| git_error(crate::text::store::WRITE_TREE, e))?;
    let parent = git.head().ok().and_then(|h| h.peel_to_commit().ok());
    if parent.as_ref().is_some_and(|p| p.tree_id() == tree_id) {
        return Ok(parent.map(|p| p.id().to_string()).unwrap_or_default());
    }
    let tree = git
        .find_tree(tree_id)
        .map_err(|e| git_error(crate::text::store::READ_TREE, e))?;
    let parents: Vec<&git2::Commit> = parent.iter().collect();
    let msg = format!("{}\n\nTeam: {TEAM_FILE}\n", message.trim());
    let id = git
        .commit(
            Some("HEAD"),
            &who.author,
            &who.committer,
            &msg,
            &tree,
            &parents,
        )
        .map_err(|e| super::write_error(&git, crate::text::store::COMMIT_TEAM_FILE, e))?;
    Ok(id.to_string())
}

/// A change of `team.toml` in history that no administrator made.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct TeamChange {
    pub rev: String,
    pub short: String,
    pub author: String,
    pub email: String,
    pub time: Time,
    pub summary: String,
    /// Why it is flagged, in Chinese.
    pub problem: String,
}

/// Every commit that changed `team.toml` whose author was not an administrator of the team
/// in force before it (for the commit that created the file: of the file it created), or
/// that left a file that does not read. Newest first.
pub fn team_history(repo: &Repo) -> Result<Vec<TeamChange>> {
    let git = open(repo)?;
    if git.head().is_err() {
        return Ok(Vec::new());
    }
    let revs = touches(&git, TEAM_FILE, "", false)?;
    let path = repo.root().join(TEAM_FILE);
    let team_at = |blob: Option<git2::Oid>| -> Option<std::result::Result<Team, String>> {
        let b = blob?;
        Some(
            blob_text(&git, b, TEAM_FILE)
                .map_err(|e| e.to_string())
                .and_then(|t| Team::parse(&path, &t).map_err(|e| e.to_string())),
        )
    };
    let mut out = Vec::new();
    for (i, t) in revs.iter().enumerate() {
        let c = git
            .find_commit(t.id)
            .map_err(|e| git_error(crate::text::store::READ_COMMIT, e))?;
        let author = c.author();
        let name = String::from_utf8_lossy(author.name_bytes()).into_owned();
        let email = String::from_utf8_lossy(author.email_bytes()).into_owned();
        let before = revs.get(i + 1).and_then(|o| team_at(o.blob));
        let after = team_at(t.blob);
        let admin_in = |team: &Team| {
            team.member_by_email(&email)
                .is_some_and(|m| m.role == Role::Admin)
        };
        let problem = match (&before, &after) {
            (_, Some(Err(e))) => Some(crate::text::store::team_unreadable_after(e)),
            (Some(Ok(team)), _) if !admin_in(team) => {
                Some(crate::text::store::author_not_admin(&name, &email))
            }
            (None | Some(Err(_)), Some(Ok(team))) if !admin_in(team) => {
                Some(crate::text::store::founder_not_admin(&name, &email))
            }
            _ => None,
        };
        if let Some(problem) = problem {
            out.push(TeamChange {
                rev: t.id.to_string(),
                short: short(t.id),
                author: name,
                email,
                time: Time::of(author.when()),
                summary: c.summary().unwrap_or_default().to_string(),
                problem,
            });
        }
    }
    Ok(out)
}
