//! What the team commands and the SSH door say; the team file's own words (its errors, roles
//! and refusals) are in the submodules.

pub mod file;
pub mod rights;

use std::fmt::Display;

/// Between the items of a list.
pub const LIST_SEP: &str = "、";

/// The items joined with [`LIST_SEP`] (`甲、乙、丙`).
pub fn list<T: Display>(items: impl IntoIterator<Item = T>) -> String {
    items
        .into_iter()
        .map(|i| i.to_string())
        .collect::<Vec<_>>()
        .join(LIST_SEP)
}
/// Reading a key from standard input failed.
pub const STDIN_KEY_FAILED: &str = "从标准输入读取公钥失败";
/// A team without members.
pub const NO_MEMBERS: &str = "团队文件中没有成员\n";
/// A team file without problems.
pub const TEAM_OK: &str = "团队文件没有问题；历史中每次改动都由管理员提交\n";
/// A path that is not UTF-8.
pub const PATH_NOT_UTF8: &str = "路径不是 UTF-8 文本";
/// jixiao cannot find its own program.
pub const NO_EXE: &str = "找不到 jixiao 程序的位置";
/// What may be run through the SSH door, for the refusal message.
pub const SHELL_ALLOWED: &str = "list、score、check、log、diff、drafts、blame、notes、whoami、export -o -、summary -o -、team list、team check、note、answer、resolve、approve、reopen、draft、new、edit、tui（后两者需 ssh -t）";
/// The editor through SSH without a terminal.
pub const NEEDS_TERMINAL: &str = "编辑器需要终端：请用 ssh -t";
/// An export through SSH not to standard output.
pub const EXPORT_TO_STDOUT: &str =
    "通过 SSH 导出只能写到标准输出：请加 -o -（如 ssh … export DEPT YEAR -o - > 报告.docx）";
/// A summary through SSH not to standard output.
pub const SUMMARY_TO_STDOUT: &str =
    "通过 SSH 汇总只能写到标准输出：请加 -o -（如 ssh … summary -o - > 汇总.xlsx）";
/// A key through SSH not from standard input.
pub const KEY_FROM_STDIN: &str = "通过 SSH 添加公钥只能从标准输入读取（FILE 写 -）";
/// authorized-keys through SSH.
pub const AUTHORIZED_KEYS_ON_SERVER: &str = "authorized-keys 只能在服务器上运行";
/// A command for the server only.
pub const ON_SERVER_ONLY: &str = "该命令只能在服务器上运行";
/// Neither command nor terminal.
pub const NO_COMMAND: &str = "没有给出命令，也没有终端：交互使用请用 ssh -t，或在主机名后写命令";
/// `--repo` through SSH.
pub const NO_OTHER_REPO: &str = "不能用 --repo 指定其他评价库";
/// A command line clap refused.
pub const PARSE_FAILED: &str = "解析命令失败";
/// jixiao could not be started.
pub const START_FAILED: &str = "启动 jixiao 失败";

/// A repository without a team file.
pub fn no_team_file(path: impl Display) -> String {
    format!(
        "{path}：本评价库还没有团队文件；用 jixiao team add ID --name 姓名 --email 邮箱 --role admin 建立"
    )
}

/// A key file that cannot be read.
pub fn key_file_failed(path: impl Display) -> String {
    format!("{path}：读取公钥文件失败")
}

/// A path and what is wrong with it.
pub fn with_cause(path: impl Display, e: impl Display) -> String {
    format!("{path}：{e}")
}

/// A role that does not exist.
pub fn bad_role(role: &str, allowed: impl Display) -> String {
    format!("--role：{}", file::not_a_role(role, allowed))
}

/// The commit message of a member added.
pub fn added(role: &str, name: &str, id: &str) -> String {
    format!("团队：添加{role} {name}（{id}）")
}

/// Something in parentheses.
pub fn parenthesized(s: &str) -> String {
    format!("（{s}）")
}

/// The commit message of a key added.
pub fn key_added(who: &str, id: &str, kind: &str, comment: &str) -> String {
    format!("团队：为 {who}（{id}）添加 {kind} 公钥{comment}")
}

/// An assignment there already.
pub fn already_assigned(who: &str, id: &str, a: impl Display) -> String {
    format!("{who}（{id}）已负责 {a}，无需改动\n")
}

/// A department's every year.
pub fn all_years(a: impl Display) -> String {
    format!("{a}（所有年度）")
}

/// The commit message of an assignment.
pub fn assigned(what: &str, who: &str, id: &str) -> String {
    format!("团队：{what} 分配给 {who}（{id}）")
}

/// The commit message of a member removed.
pub fn removed(who: &str) -> String {
    format!("团队：移除 {who}")
}

/// A member's line in `jixiao team list`.
pub fn member_line(
    id: &str,
    name: &str,
    role: &str,
    email: &str,
    keys: usize,
    assignments: &[String],
) -> String {
    let assignments = if assignments.is_empty() {
        "—".to_string()
    } else {
        assignments.join(LIST_SEP)
    };
    format!("{id} {name} {role} {email}  公钥 {keys} 把  分工：{assignments}\n")
}

/// A team without administrators.
pub fn no_admin(path: impl Display) -> String {
    format!("{path}：没有管理员，无人能维护团队")
}

/// An evaluator without assignments.
pub fn unassigned(path: impl Display, who: impl Display) -> String {
    format!("{path}：评价人员 {who} 没有分工，不能编辑任何记录")
}

/// A repository without a team: open to every git identity.
pub fn no_team_open(file: &str) -> String {
    format!("本评价库没有团队文件（{file}）：不限权限，以 git 身份保存\n")
}

/// A problem of the team file.
pub fn problem(p: &str) -> String {
    format!("问题：{p}\n")
}

/// A change of the team file by someone not an administrator.
pub fn non_admin_change(
    short: &str,
    time: &str,
    author: &str,
    email: &str,
    summary: &str,
    problem: &str,
) -> String {
    format!("非管理员的改动：{short} {time} {author} <{email}> {summary}：{problem}\n")
}

/// A path the authorized_keys line cannot quote.
pub fn unquotable(s: &str) -> String {
    format!("{s}：路径含有 \" 或 \\ 或换行，无法写进 authorized_keys")
}

/// A path shlex cannot quote.
pub fn cannot_escape(s: &str) -> String {
    format!("{s}：无法为 shell 转义")
}

/// The first line of the generated authorized_keys.
pub fn authorized_keys_header(version: &str, root: &str) -> String {
    format!(
        "# jixiao {version}：评价库 {root} 的成员（由 jixiao team authorized-keys 生成，团队变化后重新生成）\n"
    )
}

/// `jixiao whoami` of a member.
pub fn whoami(
    name: &str,
    email: &str,
    id: &str,
    role: &str,
    role_id: &str,
    assignments: &str,
) -> String {
    format!("{name} <{email}>\n成员标识：{id}\n角色：{role}（{role_id}）\n分工：{assignments}\n")
}

/// `jixiao whoami` without a team.
pub fn whoami_without_team(who: &str) -> String {
    let who = if who.is_empty() {
        "（未设置 git 身份）"
    } else {
        who
    };
    format!("{who}\n本评价库没有团队文件：以 git 身份保存，不限权限\n")
}

/// A refusal of the SSH door.
pub fn shell_refused(why: &str) -> String {
    format!("jixiao shell：{why}")
}

/// What the SSH door runs.
pub fn shell_allowed(allowed: &str) -> String {
    format!("通过 SSH 只能运行这些 jixiao 命令：{allowed}")
}

/// A repository without a team has no SSH door.
pub fn no_team_no_door(root: impl Display) -> String {
    format!("{root}：没有团队文件，SSH 入口不可用")
}

/// A command line that cannot be split into words.
pub fn unparsable(cmd: &str) -> String {
    format!("无法解析命令「{cmd}」（引号不成对？）")
}

/// A command the door does not run.
pub fn not_allowed(cmd: &str) -> String {
    format!("不允许的命令「{cmd}」")
}

/// A refused command line.
pub fn refused_command(why: &str, cmd: &str) -> String {
    format!("{why}（命令「{cmd}」）")
}
