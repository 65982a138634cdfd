//! What the team file (`team.toml`) says when it is read, changed or wrong: its errors, the
//! fields it refuses, its public keys, and who is running jixiao.

use std::fmt::Display;

/// A field of `team.toml` holding a value that is not allowed (`location` is `:行:列` or
/// empty).
pub fn field_error(
    path: impl Display,
    location: impl Display,
    field: impl Display,
    message: impl Display,
) -> String {
    format!("{path}{location}: 字段 `{field}`：{message}")
}

/// `team.toml` is a symbolic link.
pub fn link(path: impl Display) -> String {
    format!("{path}: 是符号链接；团队文件必须是仓库里的普通文件")
}

/// An id that names no member; `available` lists the members' ids.
pub fn unknown_member(path: impl Display, id: impl Display, available: impl Display) -> String {
    format!("{path}: 没有 id 为 `{id}` 的成员；现有成员：{available}")
}

/// An assignment whose department is not an id.
pub fn assignment_bad_dept(s: &str) -> String {
    format!(
        "「{s}」：部门标识只能用小写英文字母、数字、`-` 和 `_`，并以字母或数字开头；写作 部门/年度（如 bj-traffic/2023）或 部门（该部门所有年度）"
    )
}

/// An assignment whose year is not four digits.
pub fn assignment_bad_year(s: &str) -> String {
    format!("「{s}」：年度须为四位数字，写作 部门/年度（如 bj-traffic/2023）")
}

/// `member[i].id` that is not an id.
pub fn bad_member_id(id: &str) -> String {
    format!(
        "「{id}」不可用：成员 id 只能用小写英文字母、数字、`-` 和 `_`，并以字母或数字开头（如 zhang）"
    )
}

/// `member[i].id` that another member has.
pub fn duplicate_id(id: &str, other: &str) -> String {
    format!("id「{id}」已是 {other} 的 id；每位成员的 id 必须不同")
}

/// `member[i].name` empty or on more than one line.
pub const NAME_REQUIRED: &str = "须填写姓名，写在一行内";

/// `member[i].email` that is not an address.
pub fn not_an_email(email: &str) -> String {
    format!("「{email}」不是邮箱地址（如 zhang@example.org）")
}

/// `member[i].email` that another member has.
pub fn duplicate_email(email: &str, other: &str) -> String {
    format!("{email} 已是 {other} 的邮箱；本地的 git 身份按邮箱对应成员，邮箱必须不同")
}

/// `member[i].role` that is not a role; `allowed` lists the roles.
pub fn not_a_role(role: &str, allowed: impl Display) -> String {
    format!("「{role}」不是角色；可用的有：{allowed}")
}

/// `member[i].keys[k]` that another member (or the same one) already has.
pub fn key_taken(owner: &str) -> String {
    format!("这把公钥已属于 {owner}；一把公钥只能对应一位成员")
}

/// `drafts.final` empty.
pub const FINAL_NAME_REQUIRED: &str = "须写出终稿的稿名（如 终稿）";

/// `drafts.evaluator` listing a final draft's name.
pub fn final_name_for_evaluator(name: &str) -> String {
    format!("「{name}」是终稿的稿名，只能由复核人员命名，不能列为评价人员可命名的稿")
}

/// A member in messages: `张三（zhang，评价人员）`.
pub fn member(name: &str, id: &str, role: &str) -> String {
    format!("{name}（{id}，{role}）")
}

/// The git email of the person running jixiao is no member's.
pub fn not_a_member_email(email: &str) -> String {
    format!(
        "你的 git 邮箱 {email} 不是团队成员的邮箱：本评价库有团队文件，只有其中的成员可以使用；\
         请管理员运行 jixiao team add ID --name 姓名 --email {email} --role 角色"
    )
}

/// The person running jixiao has no git email, so no member can be found.
pub const NO_GIT_EMAIL: &str = "无法确定你是哪位团队成员：未设置 git 的 user.email（也没有 GIT_AUTHOR_EMAIL）；\
     请设置为你在团队文件中的邮箱：git config --global user.email 你的邮箱";

/// The comment a new team file starts with.
pub const HEADER: &str = "# 评价组成员：谁可以做什么（jixiao team 命令维护；改动也会提交到历史中）。\n\
# role：evaluator（评价人员）、reviewer（复核人员）、admin（管理员）、observer（查看）\n\
# assignments：部门/年度（如 bj-traffic/2023），或 部门（该部门所有年度）\n";

/// `member` that is not an array of tables.
pub const MEMBERS_NOT_TABLES: &str = "须是成员表的数组（[[member]]）";

/// Adding a member whose id is taken (`existing` describes its holder).
pub fn member_exists(id: &str, existing: &str) -> String {
    format!(
        "已有 id 为 {id} 的成员（{existing}）；改角色请先 jixiao team remove {id} 再添加，加公钥用 jixiao team key"
    )
}

/// A member's `keys` that is not an array.
pub const KEYS_NOT_ARRAY: &str = "须是公钥的数组";

/// A member's `assignments` that is not an array.
pub const ASSIGNMENTS_NOT_ARRAY: &str = "须是 部门/年度 的数组";

/// A field of the member with `id`, in errors of a change: `member（id = zhang）.keys`.
pub fn member_field(id: &str, key: &str) -> String {
    format!("member（id = {id}）.{key}")
}

/// A line that is not a public key (`line` shortened); `types` lists the types allowed.
pub fn not_a_key(line: &str, types: impl Display) -> String {
    format!("「{line}」不是 SSH 公钥：公钥一行写作「类型 base64 注释」，类型可以是 {types}")
}

/// A key whose second part is not base64.
pub fn key_not_base64(kind: &str) -> String {
    format!("{kind} 公钥的第二部分不是有效的 base64")
}

/// A key whose content is of another type (or cut short).
pub fn key_kind_mismatch(kind: &str) -> String {
    format!("{kind} 公钥的内容与类型不符（不完整，或类型写错了）")
}
