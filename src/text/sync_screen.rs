//! What the editor's sync conflict screen says (the fields a sync could not merge, picked
//! one by one).

use std::fmt::Display;

/// The screen's keys, for its help.
pub const KEYS: &[(&str, &str)] = &[
    ("↑ ↓", "选择冲突字段"),
    ("← 或 t", "采用远端的值"),
    ("→ 或 o", "保留本地的值"),
    ("空格", "在两者间切换"),
    ("Enter", "按所选再次同步（合并、提交并推送）"),
    ("Esc", "暂不同步，回到首页（什么都没有改动）"),
];
/// The screen's key line.
pub const FOOTER: &str = "↑↓ 选择 ←/t 远端 →/o 本地 Enter 按所选同步 Esc 返回 ? 帮助";

/// Leaving the screen without syncing.
pub const NOT_DONE: &str = "未同步：冲突未解决，本地与远端都保持原样";

/// The screen's title.
pub fn title(remote: &str, branch: &str, n: usize) -> String {
    format!(
        "同步冲突：本地与 {remote}/{branch} 修改了 {n} 个相同字段或文件。尚未提交任何修改；逐项选择后按 Enter 再次同步"
    )
}

/// What a whole-file conflict is about, where a field conflict names its field.
pub const WHOLE_FILE: &str = "整个文件";

/// A whole file on one side: what that side did (none for the merge base), and the first
/// seven digits of its version (blob), or that it is not there.
pub fn file_version(did: Option<&str>, blob: Option<&str>) -> String {
    let version = match blob {
        Some(id) => format!("版本 {}", &id[..id.len().min(7)]),
        None => "（无此文件）".to_string(),
    };
    match did {
        Some(d) => format!("{d}，{version}"),
        None => version,
    }
}

/// A conflicting field of a record and its value before.
pub fn field(selected: bool, record: impl Display, label: &str, base: &str) -> String {
    format!(
        "{} {record} {label}  原值：{base}",
        if selected { "▶" } else { " " }
    )
}

/// The remote's value.
pub fn remote(mark: &str, value: &str) -> String {
    format!(" {mark} 远端：{value}")
}

/// This repository's value.
pub fn local(mark: &str, value: &str) -> String {
    format!("{mark} 本地：{value}")
}
