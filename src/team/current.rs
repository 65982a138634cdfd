//! Who is running jixiao, when the repository has a team: the member an SSH door names, else
//! the member whose email is the local git identity's.

use super::{Member, Team, TeamError};
use crate::text::team::file as text;

/// The environment variable through which the SSH doors (`jixiao shell --member ID`,
/// `jixiao serve`) name the member of a session. Local users could set it too, but a local
/// user owns the files anyway; over SSH the door sets it and the person cannot.
pub const MEMBER_ENV: &str = "JIXIAO_MEMBER";

impl Team {
    /// The member running jixiao: `named` (from [`MEMBER_ENV`]) when given, else the member
    /// whose email is `git_email` (the git identity's address). An error when neither
    /// names a member: with a team file, nobody outside it writes.
    pub fn current(
        &self,
        named: Option<&str>,
        git_email: Option<&str>,
    ) -> Result<&Member, TeamError> {
        if let Some(id) = named.map(str::trim).filter(|s| !s.is_empty()) {
            return self.member_or_err(id);
        }
        let not_member = |message: String| TeamError::NotAMember {
            path: self.path.clone(),
            message,
        };
        match git_email.map(str::trim).filter(|s| !s.is_empty()) {
            Some(email) => self
                .member_by_email(email)
                .ok_or_else(|| not_member(text::not_a_member_email(email))),
            None => Err(not_member(text::NO_GIT_EMAIL.into())),
        }
    }
}
