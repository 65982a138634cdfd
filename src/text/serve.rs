//! What `jixiao serve` says: its errors on start, the lines of its connection log (read by the
//! administrator, on standard error and in `.git/jixiao/serve.log`), and what a client is told
//! when it is refused or cut off.

use std::fmt::Display;

/// Units `--idle-timeout` accepts for seconds besides `s`.
pub const SECOND_UNITS: &[&str] = &["秒"];
/// Units `--idle-timeout` accepts for minutes besides `m`.
pub const MINUTE_UNITS: &[&str] = &["分", "分钟"];
/// Units `--idle-timeout` accepts for hours besides `h`.
pub const HOUR_UNITS: &[&str] = &["时", "小时"];

/// `--idle-timeout` that is not a number with a unit.
pub fn not_a_duration(s: &str) -> String {
    format!("「{s}」不是时长：写作数字加单位 s（秒）、m（分钟）或 h（小时），如 30m")
}

/// `--idle-timeout` with a unit not accepted.
pub fn bad_unit(s: &str) -> String {
    format!("「{s}」的单位不对：只能用 s（秒）、m（分钟）或 h（小时），如 30m")
}

/// `--idle-timeout` of zero.
pub fn zero_duration(s: &str) -> String {
    format!("「{s}」：空闲时限须大于 0")
}

/// A limit of whole hours, in log lines and messages: `2 小时`.
pub fn hours(n: u64) -> String {
    format!("{n} 小时")
}

/// A limit of whole minutes: `30 分钟`.
pub fn minutes(n: u64) -> String {
    format!("{n} 分钟")
}

/// A limit in seconds: `90 秒`.
pub fn seconds(n: u64) -> String {
    format!("{n} 秒")
}

/// `jixiao serve` on a repository without a team file.
pub fn no_team(root: impl Display) -> String {
    format!(
        "{root}：没有团队文件 team.toml；jixiao serve 只接受团队成员的公钥。先添加成员：jixiao team add ID --name 姓名 --email 邮箱 --role 角色 --key 公钥.pub"
    )
}

/// jixiao's own folder could not be made.
pub fn create_dir_failed(dir: impl Display) -> String {
    format!("创建 {dir} 失败")
}

/// The async runtime could not be started.
pub const RUNTIME_FAILED: &str = "启动异步运行时失败";

/// The address cannot be listened on.
pub fn cannot_listen(addr: impl Display) -> String {
    format!("无法监听 {addr}（端口已被占用，或没有权限）")
}

/// Log: the server started.
pub fn started(root: impl Display, bound: impl Display, fingerprint: impl Display) -> String {
    format!("开始服务 {root}：监听 {bound}，主机公钥指纹 {fingerprint}")
}

/// Log: accepting a connection failed (out of file descriptors and the like).
pub fn accept_failed(e: impl Display) -> String {
    format!("接受连接失败：{e}")
}

/// Log: a connection refused, its address having the most allowed.
pub fn too_many_connections(peer: impl Display, max: usize) -> String {
    format!("拒绝连接 {peer}：该地址已有 {max} 个连接（上限）")
}

/// Log: a connection ended with an error (`e` with its causes).
pub fn connection_failed(peer: impl Display, e: impl Display) -> String {
    format!("连接 {peer} 异常结束：{e:#}")
}

/// Log: a connection could not be set up (`e` with its causes).
pub fn not_established(peer: impl Display, e: impl Display) -> String {
    format!("连接 {peer} 未能建立：{e:#}")
}

/// Log: the server stops.
pub const STOPPING: &str = "停止服务：挂断所有会话";

/// The log file cannot be opened.
pub fn open_log_failed(path: impl Display) -> String {
    format!("打开日志文件 {path} 失败")
}

/// The host key's path is not a regular file.
pub fn host_key_not_file(path: impl Display) -> String {
    format!("{path}：主机私钥须是普通文件")
}

/// The host key is readable by others (`mode`: its permission bits).
pub fn host_key_readable(path: impl Display, mode: u32) -> String {
    format!(
        "{path}：主机私钥的权限是 {mode:o}，其他用户可以读取；请改为只有服务账号可读写（chmod 600 {path}），或删除它以生成新的主机密钥"
    )
}

/// The host key cannot be read.
pub fn read_host_key_failed(path: impl Display) -> String {
    format!("读取主机私钥 {path} 失败")
}

/// The host key file holds no OpenSSH private key.
pub fn not_openssh_key(path: impl Display, e: impl Display) -> String {
    format!("{path}：不是 OpenSSH 格式的私钥（{e}）；删除它以生成新的主机密钥")
}

/// No random numbers for a new host key.
pub fn random_failed(e: impl Display) -> String {
    format!("取得随机数失败：{e}")
}

/// The new host key cannot be encoded.
pub fn encode_key_failed(e: impl Display) -> String {
    format!("编码主机私钥失败：{e}")
}

/// The host key's path has no folder.
pub fn no_parent(path: impl Display) -> String {
    format!("{path}：没有所在目录")
}

/// The new host key's temporary file cannot be made in `dir`.
pub fn create_key_failed(dir: impl Display) -> String {
    format!("在 {dir} 新建主机私钥失败")
}

/// The new host key cannot be written.
pub fn write_key_failed(path: impl Display) -> String {
    format!("写入主机私钥 {path} 失败")
}

/// The new host key cannot be put in place.
pub fn save_key_failed(path: impl Display) -> String {
    format!("保存主机私钥 {path} 失败")
}

/// Why nobody can log in: the repository has no team file.
pub fn no_team_file(path: impl Display) -> String {
    format!("{path}：没有团队文件")
}

/// A session's child started without its pipes.
pub const NO_STDIO: &str = "子进程没有标准输入输出";

/// Log: a session's child started (`what`: see [`command_on_terminal`] and the others).
pub fn session_started(member: &str, peer: impl Display, what: &str, pid: impl Display) -> String {
    format!("会话开始 {member} {peer}：{what}（进程 {pid}）")
}

/// Log: a session ended, hung up when the client left, or by the program's own end.
pub fn session_ended(
    member: &str,
    peer: impl Display,
    what: &str,
    hung_up: bool,
    code: u32,
    secs: u64,
) -> String {
    let how = if hung_up {
        "客户端已断开"
    } else {
        "程序结束"
    };
    format!("会话结束 {member} {peer}：{what}，{how}，退出码 {code}，历时 {secs} 秒")
}

/// What a session runs: a command on a terminal.
pub fn command_on_terminal(command: &str, term: &str, cols: u16, rows: u16) -> String {
    format!("命令「{command}」，终端 {term} {cols}×{rows}")
}

/// What a session runs: a command without a terminal.
pub fn command(command: &str) -> String {
    format!("命令「{command}」")
}

/// What a session runs: the editor on a terminal.
pub fn editor_on_terminal(term: &str, cols: u16, rows: u16) -> String {
    format!("编辑器，终端 {term} {cols}×{rows}")
}

/// What a session runs: neither a terminal nor a command.
pub const NO_TERMINAL_NO_COMMAND: &str = "无终端、无命令";

/// Log: a new connection.
pub fn connected(peer: impl Display) -> String {
    format!("连接 {peer}")
}

/// Who a connection is before its key is accepted, in log lines.
pub const NOT_LOGGED_IN: &str = "（未登录）";

/// Why a key was refused: the team file cannot be read.
pub fn team_unreadable(e: impl Display) -> String {
    format!("无法读取团队文件：{e}")
}

/// Why a key was refused: no member holds it.
pub const NOT_A_MEMBER_KEY: &str = "不是任何成员的公钥";

/// Log: a key refused, the `n`th in a row from the address, and the next wait in seconds.
pub fn key_refused(
    peer: impl Display,
    fingerprint: impl Display,
    why: &str,
    n: u32,
    next_secs: u64,
) -> String {
    format!(
        "拒绝公钥 {peer} {fingerprint}：{why}（该地址连续第 {n} 次失败，下次须等 {next_secs} 秒）"
    )
}

/// Log: a connection closed after `limit` (see [`minutes`]) without input.
pub fn idle_timeout(who: &str, peer: impl Display, limit: &str) -> String {
    format!("空闲超时 {who} {peer}：{limit}没有输入，断开连接")
}

/// What the client is told when it is cut off after `limit` without input.
pub fn idle_disconnect(limit: &str) -> String {
    format!(
        "jixiao serve：{limit}没有输入，连接已断开；未保存的修改在恢复文件中，下次打开该记录时可以恢复"
    )
}

/// A refusal on the client's standard error, as a line of its terminal.
pub fn refusal_line(why: &str) -> String {
    format!("jixiao serve：{why}\r\n")
}

/// Log: a session refused, the member having the most allowed.
pub fn session_refused(member: &str, peer: impl Display, n: usize) -> String {
    format!("拒绝会话 {member} {peer}：已有 {n} 个会话（上限）")
}

/// The client is told it has the most sessions allowed.
pub fn too_many_sessions(n: usize) -> String {
    format!("你已有 {n} 个会话，达到每位成员的上限；请先关闭其他会话")
}

/// Log: a session's child could not be started.
pub fn start_failed_log(member: &str, peer: impl Display, e: impl Display) -> String {
    format!("启动会话失败 {member} {peer}：{e}")
}

/// The client is told its session could not be started.
pub fn start_failed(e: impl Display) -> String {
    format!("启动失败：{e}")
}

/// Log: a connection ended after `secs` seconds.
pub fn disconnected(who: &str, peer: impl Display, secs: u64) -> String {
    format!("断开 {who} {peer}，历时 {secs} 秒")
}

/// Log: a password refused (`user`: the user name the client gave).
pub fn password_refused(peer: impl Display, user: &str) -> String {
    format!("拒绝密码登录 {peer}（用户名 {user}）：只接受公钥")
}

/// Log: a member logged in (`describe`: `张三（zhang，评价人员）`).
pub fn logged_in(
    id: &str,
    peer: impl Display,
    describe: &str,
    fingerprint: impl Display,
) -> String {
    format!("登录 {id} {peer}：{describe}，公钥 {fingerprint}")
}

/// Log: a local port forwarding refused.
pub fn forwarding_refused(who: &str, peer: impl Display, host: &str, port: u32) -> String {
    format!("拒绝端口转发 {who} {peer}：到 {host}:{port}")
}

/// Log: a remote port forwarding refused.
pub fn remote_forwarding_refused(
    who: &str,
    peer: impl Display,
    address: &str,
    port: u32,
) -> String {
    format!("拒绝远程端口转发 {who} {peer}：{address}:{port}")
}

/// Log: a command that is not UTF-8 refused.
pub fn command_not_utf8(who: &str, peer: impl Display) -> String {
    format!("拒绝命令 {who} {peer}：不是 UTF-8 文本")
}

/// Log: a subsystem (sftp …) refused.
pub fn subsystem_refused(who: &str, peer: impl Display, name: &str) -> String {
    format!("拒绝子系统 {who} {peer}：{name}")
}

/// Between the lines of a scheduled sync's output in its log line.
pub const SYNC_LINE_SEP: &str = "；";

/// Log: a scheduled sync went through.
pub fn sync_round_done(remote: &str, said: &str) -> String {
    format!("定时同步 {remote}：{said}")
}

/// Log: a scheduled sync stopped (conflicts, a draft named differently, a failed push):
/// nothing half-way committed.
pub fn sync_round_refused(remote: &str, said: &str) -> String {
    format!("定时同步 {remote} 未完成（需有人处理，编辑器首页按 s 可逐项选择）：{said}")
}

/// Log: a scheduled sync could not run.
pub fn sync_round_failed(remote: &str, said: &str) -> String {
    format!("定时同步 {remote} 失败：{said}")
}

/// Log: the server syncs on a schedule.
pub fn syncs_every(remote: &str, every: impl Display) -> String {
    format!("每 {every}与 {remote} 同步一次")
}
