//! The command line's words around the library's own: how an error or a warning starts.

/// An error that stopped the command (on standard error).
pub fn error(message: &str) -> String {
    format!("错误：{message}")
}

/// A warning that did not stop the command (on standard error).
pub fn warning(message: &str) -> String {
    if message.starts_with("注意：") {
        message.to_string()
    } else {
        format!("注意：{message}")
    }
}

/// `jixiao new` for a record of `year` under a rubric published for `declared`.
pub fn rubric_year(rubric: &str, declared: u16, year: u16) -> String {
    format!(
        "注意：指标体系「{rubric}」适用于 {declared} 年度，而记录为 {year} 年度；请确认评分标准（如基准值、分值）是否适用于本年度"
    )
}

/// The commit message of `jixiao init`, naming the rubrics it adds.
pub fn init_message(rubrics: &str) -> String {
    format!("初始化评价库：指标体系 {rubrics}")
}

/// `jixiao init` done; `commit` is the short id of the commit of the rubrics, if one was made.
pub fn repo_ready(root: &std::path::Path, commit: Option<&str>) -> String {
    match commit {
        Some(id) => format!("评价库已就绪：{}（提交 {id}）\n", root.display()),
        None => format!("评价库已就绪：{}\n", root.display()),
    }
}

/// The rubrics `jixiao init` copied could not be committed.
pub fn rubrics_not_committed(why: &str) -> String {
    warning(&format!("指标体系尚未提交：{why}"))
}

/// `jixiao new` done.
pub fn created(path: &std::path::Path) -> String {
    format!("已新建 {}\n", path.display())
}

/// `jixiao list`: a file under `records/` that is not read.
pub fn not_read(why: &str) -> String {
    warning(&format!("未读取 {why}"))
}

/// `jixiao list`: a record that cannot be read, in its row.
pub fn unreadable_row(why: &str) -> String {
    format!("（无法读取：{why}）")
}

/// `jixiao list` with no record.
pub const NO_RECORDS: &str = "没有记录。用 `jixiao new 部门标识 年度 --name 名称` 新建。\n";

/// `jixiao rubric check` on a sound rubric.
pub fn rubric_sound(name: &str, indicators: usize, total: &str) -> String {
    format!("指标体系 {name}：{indicators} 个指标，总分 {total}，没有问题\n")
}

/// `jixiao rubric check`: the count of problems and what they mean.
pub fn rubric_problems(n: usize) -> String {
    format!("共 {n} 个问题：改正前，评分、检查和提交都不会使用这个指标体系\n")
}

/// The demo's folder could not be made.
pub const DEMO_FOLDER_FAILED: &str = "为示例新建临时文件夹失败";
/// Who saves in the demo's repository when the person has no git identity.
pub const DEMO_EVALUATOR: &str = "示例评价人";

/// The demo's first commit.
pub fn demo_summary(name: &str, year: u16) -> String {
    format!("导入示例：{name} {year} 年度部门整体绩效评价报告")
}

/// Where the demo is.
pub fn demo_repo(root: &std::path::Path) -> String {
    format!("示例评价库：{}\n", root.display())
}

/// Where the demo stays after the editor closes.
pub fn demo_kept(root: &std::path::Path) -> String {
    format!(
        "示例评价库保留在 {}（可用 jixiao --repo 该目录 继续）\n",
        root.display()
    )
}

/// The demo without a terminal: the heading of the findings.
pub const DEMO_FINDINGS: &str = "\n检查结果（jixiao check）：\n";

/// `jixiao export` refused because of errors.
pub const EXPORT_REFUSED: &str =
    "检查发现错误，未导出报告。请先修正；或加 --force 导出封面标有“草稿”的报告。";

/// `jixiao export` done; `forced` when it has errors and is marked as a draft.
pub fn exported(path: &std::path::Path, forced: bool) -> String {
    let mark = if forced {
        "（草稿：有错误，强制导出）"
    } else {
        ""
    };
    format!("已导出 {}{mark}", path.display())
}

/// What `-m` is, in errors about its text.
pub const COMMIT_MESSAGE: &str = "提交说明（-m）";

/// `jixiao commit` refused because of errors.
pub const COMMIT_REFUSED: &str = "未提交：请先改正上面的错误（jixiao check 可再查）。\n";

/// `jixiao commit` with nothing changed.
pub fn nothing_to_commit(path: &std::path::Path) -> String {
    format!("{}: 与上次提交相同，没有要提交的改动。\n", path.display())
}

/// `jixiao commit` done: the commit, its first line, and the total before and after.
pub fn committed(
    short: &str,
    summary: &str,
    old: &str,
    new: &str,
    grade: &str,
    merged: bool,
) -> String {
    let merged = if merged {
        "，已与他人同时提交的修改合并"
    } else {
        ""
    };
    format!("[{short}] {summary}\n总分：{old} → {new}（{grade}）{merged}\n")
}

/// The working file was changed during the save and merged with it.
pub fn working_file_merged(path: &std::path::Path) -> String {
    format!(
        "{}：保存期间该文件又有修改，已保留并与本次保存合并（尚未提交）。\n",
        path.display()
    )
}

/// The working file holds changes that conflict with the save, and was left alone.
pub fn working_file_kept(path: &std::path::Path) -> String {
    format!(
        "{}：该文件有与本次保存冲突的未提交修改，未改动它；用 jixiao commit 提交时会与已保存的版本合并。\n",
        path.display()
    )
}
