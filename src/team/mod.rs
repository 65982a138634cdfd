//! The team: who may do what in an evaluation repository (`team.toml` at its root).
//!
//! The file is committed like the records, so who held which rights when is part of the
//! audited history. Without it jixiao works as a one-person tool: anyone who can run it may
//! do anything, saves signed with the git identity. With it every writing command and every
//! door (CLI, editor, SSH) asks [`Team::allows`] first. This module is the model only: it
//! reads and checks the file and answers questions; git lives in `store`.
//!
//! ```toml
//! [[member]]
//! id = "zhang"                 # 小写字母、数字、- 和 _
//! name = "张三"
//! email = "zhang@example.org"  # how a local git identity is matched to a member
//! role = "evaluator"           # evaluator | reviewer | admin | observer
//! keys = ["ssh-ed25519 AAAA… zhang@laptop"]
//! assignments = ["bj-traffic/2023", "bj-water"]   # 部门/年度, or 部门 for every year
//! ```

mod current;
pub mod edit;
mod key;
mod rights;

pub use current::MEMBER_ENV;
pub use key::{KEY_TYPES, PublicKey};
pub use rights::{Action, Denied};

use crate::text::team::{self as text, file as file_text, rights as rights_text};
use serde::Deserialize;
use std::path::{Path, PathBuf};

/// The team file's name, at the repository's root.
pub const TEAM_FILE: &str = "team.toml";

/// Draft names an evaluator may give when the file says nothing (`[drafts] evaluator`).
pub const EVALUATOR_DRAFTS: &[&str] = rights_text::EVALUATOR_DRAFTS;

/// The final draft's name when the file says nothing (`[drafts] final`): drafts whose name
/// starts with it (终稿, 终稿2 …) are final.
pub const FINAL_DRAFT: &str = rights_text::FINAL_DRAFT;

/// Errors reading the team file or resolving a member; each names the file and the field.
#[derive(Debug, thiserror::Error)]
pub enum TeamError {
    /// The file could not be read or is not valid TOML (the inner error says where).
    #[error(transparent)]
    Read(#[from] crate::Error),
    /// A field holds a value that is not allowed.
    #[error("{}", file_text::field_error(path.display(), location, field, message))]
    Field {
        path: PathBuf,
        location: String,
        field: String,
        message: String,
    },
    /// `team.toml` is a symbolic link: it would read another file.
    #[error("{}", file_text::link(.0.display()))]
    Link(PathBuf),
    /// An id that names no member.
    #[error("{}", file_text::unknown_member(path.display(), id, available))]
    UnknownMember {
        path: PathBuf,
        id: String,
        available: String,
    },
    /// The person running jixiao is not in the team.
    #[error("{path}: {message}")]
    NotAMember { path: PathBuf, message: String },
}

/// A member's role: what they may do (see [`Team::allows`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// 评价人员: edits the department-years assigned; names 初稿 and 征求意见稿.
    Evaluator,
    /// 复核人员: reads everything, writes review notes, approves drafts, names 终稿.
    Reviewer,
    /// 管理员: the team file, rubrics, assignments, reopening a final record.
    Admin,
    /// 查看: reads and exports.
    Observer,
}

impl Role {
    /// Every role, in the order of the roles table.
    pub const ALL: [Role; 4] = [Role::Evaluator, Role::Reviewer, Role::Admin, Role::Observer];

    /// The word in `team.toml` and on the command line.
    pub fn id(self) -> &'static str {
        match self {
            Role::Evaluator => "evaluator",
            Role::Reviewer => "reviewer",
            Role::Admin => "admin",
            Role::Observer => "observer",
        }
    }

    /// The Chinese name people read.
    pub fn label(self) -> &'static str {
        match self {
            Role::Evaluator => rights_text::EVALUATOR,
            Role::Reviewer => rights_text::REVIEWER,
            Role::Admin => rights_text::ADMIN,
            Role::Observer => rights_text::OBSERVER,
        }
    }

    /// A role from its word or its Chinese name.
    pub fn parse(s: &str) -> Option<Role> {
        Role::ALL
            .into_iter()
            .find(|r| r.id() == s.trim() || r.label() == s.trim())
    }

    /// What may be written, for messages.
    pub fn allowed() -> String {
        text::list(
            Role::ALL
                .iter()
                .map(|r| rights_text::role_choice(r.id(), r.label())),
        )
    }
}

/// A department-year (or a department, every year) given to an evaluator.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Assignment {
    pub dept: String,
    /// `None`: every year of the department.
    pub year: Option<u16>,
}

impl Assignment {
    /// Parses `DEPT/YEAR` or `DEPT`.
    pub fn parse(s: &str) -> Result<Assignment, String> {
        let (dept, year) = match s.split_once('/') {
            Some((d, y)) => (d, Some(y)),
            None => (s, None),
        };
        if !valid_id(dept) {
            return Err(file_text::assignment_bad_dept(s));
        }
        let year = match year {
            None => None,
            Some(y) => Some(parse_year(y).ok_or_else(|| file_text::assignment_bad_year(s))?),
        };
        Ok(Assignment {
            dept: dept.to_string(),
            year,
        })
    }

    /// Whether it covers `dept`/`year`.
    pub fn covers(&self, dept: &str, year: u16) -> bool {
        self.dept == dept && self.year.is_none_or(|y| y == year)
    }
}

impl std::fmt::Display for Assignment {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.year {
            Some(y) => write!(f, "{}/{y}", self.dept),
            None => f.write_str(&self.dept),
        }
    }
}

/// A four-digit year, as `repo::parse_year` reads one.
fn parse_year(s: &str) -> Option<u16> {
    (s.len() == 4 && s.chars().all(|c| c.is_ascii_digit()) && !s.starts_with('0'))
        .then(|| s.parse().ok())
        .flatten()
}

/// Whether `s` may be a member id or a department id: `[a-z0-9][a-z0-9_-]*`, at most 64
/// characters (the rule of `repo::Dept`; a member id also goes into `authorized_keys`).
pub fn valid_id(s: &str) -> bool {
    let mut chars = s.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
        && s.len() <= 64
}

/// One member of the team.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    pub id: String,
    /// 姓名, the author name of their saves.
    pub name: String,
    /// The author address of their saves; matches a local git identity to the member.
    pub email: String,
    pub role: Role,
    pub keys: Vec<PublicKey>,
    pub assignments: Vec<Assignment>,
}

impl Member {
    /// `张三（zhang，评价人员）`, for messages.
    pub fn describe(&self) -> String {
        file_text::member(&self.name, &self.id, self.role.label())
    }

    /// Whether an assignment covers `dept`/`year`.
    pub fn assigned(&self, dept: &str, year: u16) -> bool {
        self.assignments.iter().any(|a| a.covers(dept, year))
    }
}

/// Who may name which drafts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DraftRules {
    /// Names an evaluator may give.
    pub evaluator: Vec<String>,
    /// The final draft's name (drafts whose name starts with it are final).
    pub final_name: String,
}

impl Default for DraftRules {
    fn default() -> Self {
        DraftRules {
            evaluator: EVALUATOR_DRAFTS.iter().map(|s| s.to_string()).collect(),
            final_name: FINAL_DRAFT.to_string(),
        }
    }
}

impl DraftRules {
    /// Whether a draft of this name is final.
    pub fn is_final(&self, name: &str) -> bool {
        name.starts_with(&self.final_name)
    }
}

/// The team of a repository.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Team {
    /// The file it was read from (for messages).
    pub path: PathBuf,
    pub members: Vec<Member>,
    pub drafts: DraftRules,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileMember {
    id: String,
    name: String,
    email: String,
    role: String,
    #[serde(default)]
    keys: Vec<String>,
    #[serde(default)]
    assignments: Vec<String>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct FileDrafts {
    evaluator: Option<Vec<String>>,
    #[serde(rename = "final")]
    final_name: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    member: Vec<FileMember>,
    #[serde(default)]
    drafts: FileDrafts,
}

impl Team {
    /// The team of the repository at `workdir`; `None` when it has no `team.toml`.
    pub fn load(workdir: &Path) -> Result<Option<Team>, TeamError> {
        let path = workdir.join(TEAM_FILE);
        match std::fs::symlink_metadata(&path) {
            Ok(m) if m.file_type().is_symlink() => return Err(TeamError::Link(path)),
            Ok(_) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(crate::Error::io(&path, e).into()),
        }
        let text = crate::tomlio::read(&path)?;
        Team::parse(&path, &text).map(Some)
    }

    /// Parses and checks the text of a team file; `path` names it in errors.
    pub fn parse(path: &Path, text: &str) -> Result<Team, TeamError> {
        let file: File = crate::tomlio::parse(path, text)?;
        let field = |f: String, message: String| TeamError::Field {
            path: path.to_path_buf(),
            location: crate::tomlio::locate(text, &f)
                .map(|(l, c)| format!(":{l}:{c}"))
                .unwrap_or_default(),
            field: f,
            message,
        };
        let mut members: Vec<Member> = Vec::new();
        for (i, m) in file.member.into_iter().enumerate() {
            let at = |k: &str| format!("member[{i}].{k}");
            if !valid_id(&m.id) {
                return Err(field(at("id"), file_text::bad_member_id(&m.id)));
            }
            if let Some(other) = members.iter().find(|o| o.id == m.id) {
                return Err(field(at("id"), file_text::duplicate_id(&m.id, &other.name)));
            }
            if m.name.trim().is_empty() || m.name.chars().any(char::is_control) {
                return Err(field(at("name"), file_text::NAME_REQUIRED.into()));
            }
            let email = m.email.trim();
            if !email.contains('@')
                || email
                    .chars()
                    .any(|c| c.is_whitespace() || c == '<' || c == '>')
            {
                return Err(field(at("email"), file_text::not_an_email(&m.email)));
            }
            if let Some(other) = members.iter().find(|o| o.email.eq_ignore_ascii_case(email)) {
                return Err(field(
                    at("email"),
                    file_text::duplicate_email(email, &other.name),
                ));
            }
            let role = Role::parse(&m.role).ok_or_else(|| {
                field(at("role"), file_text::not_a_role(&m.role, Role::allowed()))
            })?;
            let mut keys: Vec<PublicKey> = Vec::new();
            for (k, line) in m.keys.iter().enumerate() {
                let key = PublicKey::parse(line)
                    .map_err(|e| field(format!("member[{i}].keys[{k}]"), e))?;
                let owner = members
                    .iter()
                    .find(|o| o.keys.iter().any(|x| x.same_key(&key)))
                    .map(|o| o.name.clone())
                    .or_else(|| {
                        keys.iter()
                            .any(|x| x.same_key(&key))
                            .then(|| m.name.clone())
                    });
                if let Some(owner) = owner {
                    return Err(field(
                        format!("member[{i}].keys[{k}]"),
                        file_text::key_taken(&owner),
                    ));
                }
                keys.push(key);
            }
            let mut assignments = Vec::new();
            for (a, s) in m.assignments.iter().enumerate() {
                assignments.push(
                    Assignment::parse(s)
                        .map_err(|e| field(format!("member[{i}].assignments[{a}]"), e))?,
                );
            }
            members.push(Member {
                id: m.id,
                name: m.name.trim().to_string(),
                email: email.to_string(),
                role,
                keys,
                assignments,
            });
        }
        let mut drafts = DraftRules::default();
        if let Some(names) = file.drafts.evaluator {
            drafts.evaluator = names;
        }
        if let Some(name) = file.drafts.final_name {
            if name.trim().is_empty() {
                return Err(field(
                    "drafts.final".into(),
                    file_text::FINAL_NAME_REQUIRED.into(),
                ));
            }
            drafts.final_name = name;
        }
        if let Some(bad) = drafts.evaluator.iter().find(|n| drafts.is_final(n)) {
            return Err(field(
                "drafts.evaluator".into(),
                file_text::final_name_for_evaluator(bad),
            ));
        }
        Ok(Team {
            path: path.to_path_buf(),
            members,
            drafts,
        })
    }

    /// The member with this id.
    pub fn member(&self, id: &str) -> Option<&Member> {
        self.members.iter().find(|m| m.id == id)
    }

    /// The member with this id, or an error listing the members.
    pub fn member_or_err(&self, id: &str) -> Result<&Member, TeamError> {
        self.member(id).ok_or_else(|| TeamError::UnknownMember {
            path: self.path.clone(),
            id: id.to_string(),
            available: if self.members.is_empty() {
                crate::text::store::NONE.into()
            } else {
                text::list(self.members.iter().map(|m| m.id.as_str()))
            },
        })
    }

    /// The member holding this public key (an `authorized_keys`/`.pub` line; the comment is
    /// ignored).
    pub fn member_by_key(&self, line: &str) -> Option<&Member> {
        let key = PublicKey::parse(line).ok()?;
        self.members
            .iter()
            .find(|m| m.keys.iter().any(|k| k.same_key(&key)))
    }

    /// The member with this email address (case of the letters ignored).
    pub fn member_by_email(&self, email: &str) -> Option<&Member> {
        self.members
            .iter()
            .find(|m| m.email.eq_ignore_ascii_case(email.trim()))
    }

    /// The members with a role.
    pub fn with_role(&self, role: Role) -> impl Iterator<Item = &Member> {
        self.members.iter().filter(move |m| m.role == role)
    }
}

#[cfg(test)]
mod tests;
