//! Changes to the text of `team.toml`, keeping the comments and layout people wrote
//! (toml_edit). Each returns the new text after checking that it is a valid team file; the
//! caller writes it atomically and commits it (`store`).

use super::{Assignment, PublicKey, Role, TEAM_FILE, Team, TeamError};
use crate::text::team::file as file_text;
use std::path::Path;
use toml_edit::{ArrayOfTables, DocumentMut, Item, Table, value};

/// A member to add.
#[derive(Debug, Clone)]
pub struct NewMember<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub email: &'a str,
    pub role: Role,
    pub keys: &'a [PublicKey],
}

fn doc(path: &Path, text: &str) -> Result<DocumentMut, TeamError> {
    crate::record::doc::parse(path, text).map_err(TeamError::from)
}

fn members_mut<'d>(
    path: &Path,
    d: &'d mut DocumentMut,
) -> Result<&'d mut ArrayOfTables, TeamError> {
    if !d.contains_key("member") {
        d.insert("member", Item::ArrayOfTables(ArrayOfTables::new()));
    }
    d.get_mut("member")
        .and_then(Item::as_array_of_tables_mut)
        .ok_or_else(|| TeamError::Field {
            path: path.to_path_buf(),
            location: String::new(),
            field: "member".into(),
            message: file_text::MEMBERS_NOT_TABLES.into(),
        })
}

/// The member table with `id`, or the error of [`Team::member_or_err`].
fn member_mut<'d>(
    path: &Path,
    d: &'d mut DocumentMut,
    team: &Team,
    id: &str,
) -> Result<&'d mut Table, TeamError> {
    team.member_or_err(id)?;
    members_mut(path, d)?
        .iter_mut()
        .find(|t| t.get("id").and_then(Item::as_str) == Some(id))
        .ok_or_else(|| team.member_or_err("").unwrap_err())
}

fn finish(path: &Path, d: DocumentMut) -> Result<String, TeamError> {
    let text = d.to_string();
    Team::parse(path, &text)?;
    Ok(text)
}

/// `text` (empty for a new file) with a member added.
pub fn add_member(path: &Path, text: &str, m: &NewMember) -> Result<String, TeamError> {
    let text = if text.trim().is_empty() {
        file_text::HEADER
    } else {
        text
    };
    let team = Team::parse(path, text)?;
    if let Some(existing) = team.member(m.id) {
        return Err(TeamError::Field {
            path: path.to_path_buf(),
            location: String::new(),
            field: "member.id".into(),
            message: file_text::member_exists(m.id, &existing.describe()),
        });
    }
    let mut d = doc(path, text)?;
    let mut t = Table::new();
    t.insert("id", value(m.id));
    t.insert("name", value(m.name.trim()));
    t.insert("email", value(m.email.trim()));
    t.insert("role", value(m.role.id()));
    let mut keys = toml_edit::Array::new();
    for k in m.keys {
        keys.push(k.line());
    }
    t.insert("keys", value(keys));
    t.insert("assignments", value(toml_edit::Array::new()));
    members_mut(path, &mut d)?.push(t);
    finish(path, d)
}

/// `text` with a public key added to a member (a key they already have is refused).
pub fn add_key(path: &Path, text: &str, id: &str, key: &PublicKey) -> Result<String, TeamError> {
    let team = Team::parse(path, text)?;
    let mut d = doc(path, text)?;
    let t = member_mut(path, &mut d, &team, id)?;
    let keys = t
        .entry("keys")
        .or_insert(value(toml_edit::Array::new()))
        .as_array_mut()
        .ok_or_else(|| field_error(path, id, "keys", file_text::KEYS_NOT_ARRAY))?;
    keys.push(key.line());
    finish(path, d)
}

/// `text` with a department-year (or a department) assigned to a member; assigning what
/// they already have changes nothing.
pub fn assign(path: &Path, text: &str, id: &str, a: &Assignment) -> Result<String, TeamError> {
    let team = Team::parse(path, text)?;
    if team.member_or_err(id)?.assignments.contains(a) {
        return Ok(text.to_string());
    }
    let mut d = doc(path, text)?;
    let t = member_mut(path, &mut d, &team, id)?;
    let list = t
        .entry("assignments")
        .or_insert(value(toml_edit::Array::new()))
        .as_array_mut()
        .ok_or_else(|| field_error(path, id, "assignments", file_text::ASSIGNMENTS_NOT_ARRAY))?;
    list.push(a.to_string());
    finish(path, d)
}

/// `text` without the member `id`.
pub fn remove_member(path: &Path, text: &str, id: &str) -> Result<String, TeamError> {
    let team = Team::parse(path, text)?;
    team.member_or_err(id)?;
    let mut d = doc(path, text)?;
    members_mut(path, &mut d)?.retain(|t| t.get("id").and_then(Item::as_str) != Some(id));
    finish(path, d)
}

fn field_error(path: &Path, id: &str, key: &str, message: &str) -> TeamError {
    TeamError::Field {
        path: path.to_path_buf(),
        location: String::new(),
        field: file_text::member_field(id, key),
        message: message.to_string(),
    }
}

/// The path of the team file of the repository at `root`.
pub fn team_path(root: &Path) -> std::path::PathBuf {
    root.join(TEAM_FILE)
}
