//! `jixiao team …` and `jixiao whoami`: the team file kept with toml_edit and committed by
//! an administrator, and who the person running jixiao is.

use super::{json_out, out};
use crate::repo::Repo;
use crate::store;
use crate::team::{Assignment, Member, PublicKey, Role, TEAM_FILE, Team, edit};
use crate::text::printable_line as line;
use anyhow::{Context, Result, bail};
use clap::Subcommand;
use serde_json::json;
use std::path::{Path, PathBuf};

/// `jixiao team …`.
#[derive(Debug, Subcommand)]
pub enum TeamCommand {
    /// 添加成员（第一位成员须是管理员）
    Add {
        /// 成员标识（小写英文字母、数字、- 和 _，如 `zhang`）
        id: String,
        /// 姓名（保存时的署名）
        #[arg(long)]
        name: String,
        /// 邮箱（保存时的署名；本地按 git 邮箱对应成员）
        #[arg(long)]
        email: String,
        /// 角色：`evaluator`（评价人员）、`reviewer`（复核人员）、`admin`（管理员）、`observer`（查看）
        #[arg(long)]
        role: String,
        /// SSH 公钥文件（`.pub` 文件；`-` 表示标准输入），可多次给出
        #[arg(long = "key", value_name = "公钥文件")]
        keys: Vec<PathBuf>,
        /// 以 JSON 输出，供其他程序读取
        #[arg(long)]
        json: bool,
    },
    /// 为成员添加一把 SSH 公钥
    Key {
        /// 成员标识
        id: String,
        /// SSH 公钥文件（`.pub` 文件；`-` 表示标准输入）
        #[arg(value_name = "公钥文件")]
        file: PathBuf,
        /// 以 JSON 输出，供其他程序读取
        #[arg(long)]
        json: bool,
    },
    /// 把部门（某年度，或不写年度则所有年度）分配给成员
    Assign {
        /// 成员标识
        id: String,
        dept: String,
        /// 年度（四位数字；不写则为该部门所有年度）
        year: Option<String>,
        /// 以 JSON 输出，供其他程序读取
        #[arg(long)]
        json: bool,
    },
    /// 移除成员
    Remove {
        /// 成员标识
        id: String,
        /// 以 JSON 输出，供其他程序读取
        #[arg(long)]
        json: bool,
    },
    /// 列出成员：姓名、角色、邮箱、公钥数、分工
    List {
        /// 以 JSON 输出，供其他程序读取
        #[arg(long)]
        json: bool,
    },
    /// 检查团队文件，以及历史中由非管理员（用 git 直接）提交的团队文件改动
    Check {
        /// 以 JSON 输出，供其他程序读取
        #[arg(long)]
        json: bool,
    },
    /// 输出系统 sshd 的 authorized_keys 行：每把公钥只能以其成员身份运行 jixiao shell
    AuthorizedKeys,
}

fn team_path(repo: &Repo) -> PathBuf {
    edit::team_path(repo.root())
}

fn current_text(repo: &Repo) -> Result<String> {
    let path = team_path(repo);
    match std::fs::symlink_metadata(&path) {
        Ok(_) => Ok(crate::tomlio::read(&path)?),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(String::new()),
        Err(e) => Err(crate::Error::io(&path, e).into()),
    }
}

fn load(repo: &Repo) -> Result<Team> {
    Team::load(repo.root())
        .map_err(crate::Error::from)?
        .with_context(|| {
            format!(
                "{}：本评价库还没有团队文件；用 jixiao team add ID --name 姓名 --email 邮箱 --role admin 建立",
                team_path(repo).display()
            )
        })
}

/// Reads a public key from a `.pub` file or standard input (`-`).
fn read_key(file: &Path) -> Result<PublicKey> {
    let text = if file == Path::new("-") {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut std::io::stdin().lock(), &mut s)
            .context("从标准输入读取公钥失败")?;
        s
    } else {
        std::fs::read_to_string(file)
            .with_context(|| format!("{}：读取公钥文件失败", file.display()))?
    };
    let first = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with('#'))
        .unwrap_or_default();
    PublicKey::parse(first).map_err(|e| anyhow::anyhow!("{}：{e}", file.display()))
}

fn commit(repo: &Repo, text: &str, message: &str, json: bool) -> Result<i32> {
    let rev = store::commit_team(repo, text, message)?;
    if json {
        json_out(&json!({"committed": true, "rev": rev, "message": message}))?;
    } else {
        out(&format!(
            "[{}] {}\n",
            &rev[..7.min(rev.len())],
            line(message)
        ))?;
    }
    Ok(0)
}

/// Runs `jixiao team …`.
pub fn run(repo: &Repo, command: TeamCommand) -> Result<i32> {
    let path = team_path(repo);
    let err = |e: crate::team::TeamError| anyhow::Error::from(crate::Error::from(e));
    match command {
        TeamCommand::Add {
            id,
            name,
            email,
            role,
            keys,
            json,
        } => {
            let Some(role) = Role::parse(&role) else {
                bail!("--role：「{role}」不是角色；可用的有：{}", Role::allowed());
            };
            let keys = keys
                .iter()
                .map(|f| read_key(f))
                .collect::<Result<Vec<_>>>()?;
            let text = current_text(repo)?;
            let new = edit::add_member(
                &path,
                &text,
                &edit::NewMember {
                    id: &id,
                    name: &name,
                    email: &email,
                    role,
                    keys: &keys,
                },
            )
            .map_err(err)?;
            let message = format!("团队：添加{} {}（{id}）", role.label(), name.trim());
            commit(repo, &new, &message, json)
        }
        TeamCommand::Key { id, file, json } => {
            let key = read_key(&file)?;
            let new = edit::add_key(&path, &current_text(repo)?, &id, &key).map_err(err)?;
            let who = load(repo)?.member_or_err(&id).map_err(err)?.name.clone();
            let comment = if key.comment.is_empty() {
                String::new()
            } else {
                format!("（{}）", key.comment)
            };
            let message = format!("团队：为 {who}（{id}）添加 {} 公钥{comment}", key.kind);
            commit(repo, &new, &message, json)
        }
        TeamCommand::Assign {
            id,
            dept,
            year,
            json,
        } => {
            let spec = match &year {
                Some(y) => format!("{dept}/{y}"),
                None => dept.clone(),
            };
            let a = Assignment::parse(&spec).map_err(|e| anyhow::anyhow!("{e}"))?;
            let text = current_text(repo)?;
            let new = edit::assign(&path, &text, &id, &a).map_err(err)?;
            let who = load(repo)?.member_or_err(&id).map_err(err)?.name.clone();
            if new == text {
                out(&format!("{who}（{id}）已负责 {a}，无需改动\n"))?;
                return Ok(0);
            }
            let what = if a.year.is_some() {
                a.to_string()
            } else {
                format!("{a}（所有年度）")
            };
            commit(
                repo,
                &new,
                &format!("团队：{what} 分配给 {who}（{id}）"),
                json,
            )
        }
        TeamCommand::Remove { id, json } => {
            let team = load(repo)?;
            let who = team.member_or_err(&id).map_err(err)?.describe();
            let new = edit::remove_member(&path, &current_text(repo)?, &id).map_err(err)?;
            commit(repo, &new, &format!("团队：移除 {who}"), json)
        }
        TeamCommand::List { json } => list(&load(repo)?, json),
        TeamCommand::Check { json } => check(repo, json),
        TeamCommand::AuthorizedKeys => authorized_keys(repo, &load(repo)?),
    }
}

fn member_json(m: &Member) -> serde_json::Value {
    json!({
        "id": m.id, "name": m.name, "email": m.email, "role": m.role.id(),
        "role_label": m.role.label(),
        "keys": m.keys.iter().map(PublicKey::line).collect::<Vec<_>>(),
        "assignments": m.assignments.iter().map(ToString::to_string).collect::<Vec<_>>(),
    })
}

fn list(team: &Team, json: bool) -> Result<i32> {
    if json {
        json_out(&json!({"members": team.members.iter().map(member_json).collect::<Vec<_>>()}))?;
        return Ok(0);
    }
    let mut s = String::new();
    for m in &team.members {
        s.push_str(&format!(
            "{} {} {} {}  公钥 {} 把  分工：{}\n",
            crate::text::pad(&m.id, 12),
            crate::text::pad(&m.name, 10),
            crate::text::pad(m.role.label(), 8),
            crate::text::pad(&m.email, 28),
            m.keys.len(),
            if m.assignments.is_empty() {
                "—".to_string()
            } else {
                m.assignments
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join("、")
            }
        ));
    }
    if team.members.is_empty() {
        s.push_str("团队文件中没有成员\n");
    }
    out(&crate::text::printable(&s))?;
    Ok(0)
}

fn check(repo: &Repo, json: bool) -> Result<i32> {
    let team = Team::load(repo.root()).map_err(crate::Error::from);
    let changes = store::team_history(repo)?;
    let mut problems: Vec<String> = Vec::new();
    match &team {
        Err(e) => problems.push(e.to_string()),
        Ok(None) => {}
        Ok(Some(t)) => {
            if t.with_role(Role::Admin).next().is_none() {
                problems.push(format!("{}：没有管理员，无人能维护团队", t.path.display()));
            }
            for m in t
                .with_role(Role::Evaluator)
                .filter(|m| m.assignments.is_empty())
            {
                problems.push(format!(
                    "{}：评价人员 {} 没有分工，不能编辑任何记录",
                    t.path.display(),
                    m.describe()
                ));
            }
        }
    }
    if json {
        json_out(&json!({
            "team": matches!(team, Ok(Some(_))),
            "problems": problems,
            "changes": changes,
        }))?;
    } else {
        let mut s = String::new();
        if matches!(team, Ok(None)) {
            s.push_str(&format!(
                "本评价库没有团队文件（{TEAM_FILE}）：不限权限，以 git 身份保存\n"
            ));
        }
        for p in &problems {
            s.push_str(&format!("问题：{p}\n"));
        }
        for c in &changes {
            s.push_str(&format!(
                "非管理员的改动：{} {} {} <{}> {}：{}\n",
                c.short,
                c.time.local,
                c.author,
                c.email,
                line(&c.summary),
                c.problem
            ));
        }
        if problems.is_empty() && changes.is_empty() && matches!(team, Ok(Some(_))) {
            s.push_str("团队文件没有问题；历史中每次改动都由管理员提交\n");
        }
        out(&crate::text::printable(&s))?;
    }
    Ok(i32::from(!problems.is_empty() || !changes.is_empty()))
}

/// Quotes a path for the shell sshd runs `command=` with, and for the `"…"` around it.
fn quoted(p: &Path) -> Result<String> {
    let s = p.to_str().context("路径不是 UTF-8 文本")?;
    if s.contains(['"', '\n', '\\']) {
        bail!("{s}：路径含有 \" 或 \\ 或换行，无法写进 authorized_keys");
    }
    Ok(shlex::try_quote(s)
        .map_err(|_| anyhow::anyhow!("{s}：无法为 shell 转义"))?
        .into_owned())
}

fn authorized_keys(repo: &Repo, team: &Team) -> Result<i32> {
    let exe = std::env::current_exe().context("找不到 jixiao 程序的位置")?;
    let exe = exe.canonicalize().unwrap_or(exe);
    let root = repo
        .root()
        .canonicalize()
        .unwrap_or_else(|_| repo.root().to_path_buf());
    let (exe, root) = (quoted(&exe)?, quoted(&root)?);
    let mut s = format!(
        "# jixiao {}：评价库 {root} 的成员（由 jixiao team authorized-keys 生成，团队变化后重新生成）\n",
        env!("CARGO_PKG_VERSION")
    );
    for m in &team.members {
        for k in &m.keys {
            s.push_str(&format!(
                "command=\"{exe} --repo {root} shell --member {}\",restrict,pty {} {}\n",
                m.id,
                k.bare(),
                m.id
            ));
        }
    }
    out(&s)?;
    Ok(0)
}

/// `jixiao whoami`: the member (or, without a team, the git identity) a save is signed by.
pub fn whoami(repo: &Repo, json: bool) -> Result<i32> {
    match store::current_member(repo)? {
        Some((_, m)) => {
            if json {
                let mut v = member_json(&m);
                v["team"] = json!(true);
                json_out(&v)?;
            } else {
                let assignments = if m.assignments.is_empty() {
                    "—".to_string()
                } else {
                    m.assignments
                        .iter()
                        .map(ToString::to_string)
                        .collect::<Vec<_>>()
                        .join("、")
                };
                out(&crate::text::printable(&format!(
                    "{} <{}>\n成员标识：{}\n角色：{}（{}）\n分工：{assignments}\n",
                    m.name,
                    m.email,
                    m.id,
                    m.role.label(),
                    m.role.id()
                )))?;
            }
        }
        None => {
            let who = store::who(repo);
            if json {
                json_out(&json!({"team": false, "git_identity": who}))?;
            } else {
                out(&crate::text::printable(&format!(
                    "{}\n本评价库没有团队文件：以 git 身份保存，不限权限\n",
                    if who.is_empty() {
                        "（未设置 git 身份）"
                    } else {
                        &who
                    }
                )))?;
            }
        }
    }
    Ok(0)
}
