//! What the home, history, diff and blame screens say.

use std::fmt::Display;

/// The home screen's keys, for its help.
pub const HOME_KEYS: &[(&str, &str)] = &[
    ("↑ ↓", "选择"),
    ("Enter", "打开记录"),
    ("/ 或直接输入中文", "按名称筛选（Esc 清除）"),
    ("y", "按年度筛选（循环）"),
    ("n", "新建记录（部门代码、年度、名称、指标体系）"),
    ("r", "重新读取"),
    (
        "s",
        "与中心仓库（origin）同步：取回、逐字段合并、推送，稿次双向传递",
    ),
    ("?", "本帮助"),
    ("q", "退出"),
];
/// Every year.
pub const ALL_YEARS: &str = "全部";
/// The home screen's columns.
pub const HOME_COLUMNS: [&str; 7] = ["部门", "年度", "名称", "总分", "等级", "最后保存", "草稿"];
/// Rows being read.
pub const READING: &str = "正在读取…";
/// No records yet.
pub const NO_RECORDS: &str = "还没有记录：按 n 新建";
/// No record matches the filter.
pub const NONE_MATCH: &str = "没有符合筛选的记录";
/// The home screen's key line.
pub const HOME_FOOTER: &str = "↑↓ 选择 Enter 打开 / 筛选 y 年度 n 新建 s 同步 ? 帮助 q 退出";
/// The new-record form's title.
pub const NEW_RECORD_TITLE: &str = " 新建记录（Tab 换栏，Enter 创建，Esc 取消） ";
/// The new-record form's fields.
pub const NEW_RECORD_LABELS: [&str; 4] = [
    "部门代码（如 bj-traffic）",
    "年度（四位数字）",
    "部门名称",
    "指标体系",
];
/// The history screen's keys, for its help.
pub const HISTORY_KEYS: &[(&str, &str)] = &[
    ("↑ ↓", "选择修订"),
    ("空格", "标记第一个修订（再选第二个后按 Enter）"),
    (
        "Enter",
        "得分差异：标记的修订 → 当前修订；未标记时：当前修订 → 其前一修订之后的改动",
    ),
    ("w", "得分差异：当前修订 → 工作文件（未保存的修改）"),
    ("d", "把当前修订命名为草稿（初稿、征求意见稿、终稿…）"),
    ("B", "逐项得分的最后修改（blame）"),
    ("Esc / q", "返回"),
];
/// A score diff being computed.
pub const COMPUTING_DIFF: &str = "正在计算得分差异…";
/// A score diff's title when it failed.
pub const DIFF_TITLE: &str = " 得分差异 ";
/// A draft being named.
pub const NAMING: &str = "正在命名草稿…";
/// Enter on the first revision.
pub const FIRST_REVISION: &str = "这是第一个修订：标记另一修订（空格）或按 w 与工作文件比较";
/// The history screen's key line.
pub const HISTORY_FOOTER: &str =
    "↑↓ 选择 空格 标记 Enter 差异 w 与工作文件比较 d 命名草稿 B blame ? 帮助 Esc 返回";
/// A record without commits.
pub const NO_HISTORY: &str = "没有已提交的修订：Ctrl-S 保存后即有历史";
/// The draft name prompt's title.
pub const DRAFT_NAME_TITLE: &str = " 草稿名称（如 初稿、征求意见稿、终稿） ";
/// The draft name prompt's keys.
pub const DRAFT_NAME_KEYS: &str = "Enter 命名  Esc 取消（草稿名不会被悄悄移动）";
/// A revision whose rubric is invalid.
pub const RUBRIC_INVALID_MARK: &str = "〔指标体系无效，未评分〕";
/// A revision whose rubric changed.
pub const RUBRIC_CHANGED_MARK: &str = "〔指标体系已修改〕";
/// No revisions to blame.
pub const NO_REVISIONS: &str = "没有已提交的修订。";
/// Blame being read.
pub const READING_BLAME: &str = "正在读取逐项得分的最后修改…";
/// History being read.
pub const READING_HISTORY: &str = "正在读取修订历史…";

/// A row whose rubric is invalid.
pub fn rubric_problems(name: &str, n: usize) -> String {
    format!("（指标体系 {name} 有 {n} 个问题，不能用于评分：jixiao rubric check {name}）")
}

/// A row that cannot be read.
pub fn row_unreadable(e: impl Display) -> String {
    format!("（无法读取：{e}）")
}

/// The home screen's title.
pub fn home_title(remote: Option<&str>, root: impl Display) -> String {
    match remote {
        Some(r) => format!("jixiao 绩效评价  {r}  {root}"),
        None => format!("jixiao 绩效评价  {root}"),
    }
}

/// The home screen's filter line.
pub fn home_filter(year: &str, query: &str, typing: bool) -> String {
    format!(
        "年度：{year}（y）  名称：{}{}",
        if query.is_empty() { "—" } else { query },
        if typing {
            "▏（Enter 完成，Esc 清除）"
        } else {
            "（/ 筛选）"
        }
    )
}

/// The drafts that name a revision.
pub fn drafts_at(drafts: &[String], short: &str) -> String {
    format!("{} ({short})", drafts.join("、"))
}

/// A score diff's title.
pub fn diff_title(from: &str, to: &str) -> String {
    format!(" 得分差异：{from} → {to} ")
}

/// A diff that failed.
pub fn cannot_compare(e: impl Display) -> String {
    format!("无法比较：{e}")
}

/// A draft named.
pub fn named(short: &str, name: &str) -> String {
    format!("已把 {short} 命名为草稿「{name}」")
}

/// A draft named, the history not read again.
pub fn named_unreadable(name: &str, e: impl Display) -> String {
    format!("已命名草稿「{name}」，但无法重新读取历史：{e}")
}

/// A draft not named.
pub fn not_named(e: impl Display) -> String {
    format!("未命名：{e}")
}

/// The history screen's title.
pub fn history_title(dept: impl Display, year: u16, n: usize) -> String {
    format!("修订历史 {dept}/{year}（{n} 个修订）")
}

/// Something that cannot be read.
pub fn unreadable(e: impl Display) -> String {
    format!("无法读取：{e}")
}

/// The blame view's title.
pub fn blame_title(dept: impl Display, year: u16) -> String {
    format!(" 逐项得分的最后修改 {dept}/{year} ")
}

/// A text view's key line and position.
pub fn text_footer(line: usize, total: usize) -> String {
    format!("↑↓ PgUp PgDn 滚动  Esc 返回   第 {line}/{total} 行")
}
