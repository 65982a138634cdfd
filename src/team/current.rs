//! Who is running jixiao, when the repository has a team: the member an SSH door names, else
//! the member whose email is the local git identity's.

use super::{Member, Team, TeamError};

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
            Some(email) => self.member_by_email(email).ok_or_else(|| {
                not_member(format!(
                    "你的 git 邮箱 {email} 不是团队成员的邮箱：本评价库有团队文件，只有其中的成员可以使用；\
                     请管理员运行 jixiao team add ID --name 姓名 --email {email} --role 角色"
                ))
            }),
            None => Err(not_member(
                "无法确定你是哪位团队成员：未设置 git 的 user.email（也没有 GIT_AUTHOR_EMAIL）；\
                 请设置为你在团队文件中的邮箱：git config --global user.email 你的邮箱"
                    .into(),
            )),
        }
    }
}
