//! What `jixiao sync` says it did, or why it committed nothing (the command line and the
//! editor print the same).

use std::fmt::Display;

/// The first line of a sync stopped by conflicts.
pub fn conflicts(remote: &str, branch: &str) -> String {
    format!(
        "未同步：本地与 {remote}/{branch} 修改了相同的内容（冲突）。没有提交任何修改，分支、工作文件和稿次都保持原样：\n"
    )
}

/// A record with conflicting fields: its name and file.
pub fn record(name: &str, path: &str) -> String {
    format!("  {name}（{path}）\n")
}

/// A field both sides changed.
pub fn field(label: &str, base: &str, local: &str, remote: &str) -> String {
    format!("    {label}：原值 {base}；本地 {local}；远端 {remote}\n")
}

/// A file other than a record that both sides changed (`local`, `remote`: 新建, 修改 …).
pub fn file(path: &str, local: &str, remote: &str) -> String {
    format!("  {path}：本地{local}，远端{remote}（jixiao 只逐字段合并记录文件）\n")
}

/// How to get past conflicts, after them.
pub const HOW_TO_RESOLVE: &str = "解决办法：在本地把这些字段改成与远端相同的值并保存（jixiao edit 或 jixiao commit），再同步，之后可再修改；\
     不同意远端的值时，先与对方商定。也可在编辑器首页按 s，逐项选取两边的值（字段逐个选，其他文件整份选）。\n";

/// Remote commits merged with local ones.
pub fn merged(at: &str, behind: usize, ahead: usize, merge: &str) -> String {
    format!("已合并 {at} 的 {behind} 个提交与本地的 {ahead} 个提交（合并提交 {merge}）\n")
}

/// Remote commits taken by moving forward.
pub fn fast_forward(at: &str, behind: usize) -> String {
    format!("已取回 {at} 的 {behind} 个提交（快进）\n")
}

/// The records merged field by field.
pub fn merged_records(list: &str) -> String {
    format!("逐字段合并的记录：{list}\n")
}

/// The files taken from the remote as they are.
pub fn taken(list: &str) -> String {
    format!("取自远端的文件：{list}\n")
}

/// Local commits pushed.
pub fn pushed(at: &str) -> String {
    format!("已推送到 {at}\n")
}

/// Drafts fetched.
pub fn drafts_in(list: &str) -> String {
    format!("取回的稿次：{list}\n")
}

/// Drafts pushed.
pub fn drafts_out(list: &str) -> String {
    format!("推送的稿次：{list}\n")
}

/// A draft named differently on both sides, left alone.
pub fn diverged(
    name: &str,
    local: impl Display,
    remote: impl Display,
    remote_name: &str,
) -> String {
    format!(
        "未移动的稿次 {name}：本地指向 {local}，远端指向 {remote}。稿名一经命名不会移动：请商定保留哪一个，\
         在另一边用 `git tag -d {name}` 删除（远端用 `git push {remote_name} :refs/tags/{name}`）后再同步\n"
    )
}

/// The push failed after the merge was committed.
pub fn push_failed(e: &str) -> String {
    format!("推送失败（本地的合并已提交，不会丢失）：{e}\n请稍后再运行 jixiao sync\n")
}

/// Nothing to fetch or push.
pub fn up_to_date(at: &str) -> String {
    format!("已是最新：本地与 {at} 一致\n")
}
