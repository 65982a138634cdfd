//! What the store says about remotes, syncs and merged rows.

use super::{LIST_SEP, NONE};
use std::fmt::Display;

/// The remotes there are.
pub fn known_remotes(known: &[String]) -> String {
    format!("已有的远端：{}", known.join(LIST_SEP))
}

/// A sync with a remote that is not configured.
pub fn no_such_remote(remote: &str, known: &str) -> String {
    format!(
        "没有名为 `{remote}` 的远端仓库（{known}）；请先用 `git remote add {remote} 地址` 添加，\
         地址如 ssh://git@server/evaluations.git 或 /srv/git/evaluations.git"
    )
}

/// A sync stopped by uncommitted changes the remote's changes touch.
pub fn sync_dirty(dirty: &[String]) -> String {
    format!(
        "同步未进行，评价库保持原样：以下文件有尚未保存（提交）的修改，或是尚未保存的新文件，而远端的修改也涉及它们：{}。\
         请先保存（jixiao commit 部门 年度 -m 说明），或放弃这些修改，再同步",
        dirty.join(LIST_SEP)
    )
}

/// The first line of a sync's merge commit.
pub fn sync_merge_message(remote: &str, branch: &str) -> String {
    format!("同步：合并 {remote}/{branch}\n")
}

/// A branch moved by another program during a sync.
pub fn branch_moved_in_sync(branch: &str, why: &str) -> String {
    format!("分支 {branch} 在同步期间被其他程序改动（{why}），未移动；请再同步一次")
}

/// Creating a tag.
pub fn create_tag(name: &str) -> String {
    format!("创建标签 {name}")
}

/// No git program to sync with.
pub fn no_git_command(doing: &str) -> String {
    format!(
        "{doing}失败：找不到 git 命令。同步使用系统的 git（以便沿用您的 ssh 密钥和凭据）；请先安装 git（如 apt-get install git）"
    )
}

/// git could not be started.
pub fn cannot_run_git(doing: &str, e: impl Display) -> String {
    format!("{doing}失败：无法运行 git：{e}")
}

/// A git command that failed.
pub fn git_failed(doing: &str, code: Option<i32>, stderr: &str) -> String {
    let code = code.map_or_else(|| NONE.to_string(), |c| c.to_string());
    format!("{doing}失败（git 退出码 {code}）：{stderr}")
}

/// Fetching from a remote.
pub fn fetch_from(remote: &str) -> String {
    format!("从远端 {remote} 取回")
}

/// Pushing to a remote.
pub fn push_to(remote: &str) -> String {
    format!("推送到远端 {remote}")
}

/// A field whose parent is not a table on the other side.
pub fn not_a_table(path: &str, key: &str) -> String {
    format!("字段 `{path}`：对方版本中的 `{key}` 不是表")
}

/// Rows on one side, another value on the other.
pub fn rows_against_value(path: &str) -> String {
    format!("字段 `{path}`：一方是若干行，另一方是别的值")
}

/// A row named by its name.
pub fn named_row(path: &str, name: &str) -> String {
    format!("{path}「{name}」")
}

/// The row's name in a label made by [`named_row`].
pub fn row_of_named(label: &str) -> Option<&str> {
    label
        .split_once('「')
        .and_then(|(_, r)| r.split_once('」'))
        .map(|(n, _)| n)
}
