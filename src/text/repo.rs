//! What the evaluation repository says: paths it refuses, the rubrics it cannot load, and
//! records it will not create.

use std::fmt::Display;

/// A path under the repository written with `..`, `.` or a root.
pub const NOT_PLAIN_PATH: &str =
    "路径只能由仓库内的文件夹名和文件名组成，不能含有 `..`、`.` 或根目录";

/// Where a symbolic link points, when that cannot be read.
pub const UNREADABLE_TARGET: &str = "无法读取的位置";

/// A part of a path that is a symbolic link.
pub fn symlink(target: &str) -> String {
    format!("是符号链接（指向 {target}）")
}

/// A path that leads outside the repository (a junction or the like).
pub fn outside(real: impl Display, root: impl Display) -> String {
    format!("实际位置 {real} 在仓库 {root} 以外")
}

/// The `.gitignore` of `exports/`: a comment, then everything ignored.
pub const EXPORTS_IGNORE: &str = "# jixiao 导出的报告：不纳入版本库\n*\n";

/// The rubrics there are, when there are none.
pub const NO_RUBRICS: &str = "无（请先运行 `jixiao init`）";

/// A rubric file whose `name` is not its file's.
pub fn rubric_name_mismatch(file: &str, name: &str) -> String {
    format!(
        "{file}.toml 中的指标体系名为 `{name}`；指标体系的名称必须与文件名相同（name = \"{file}\"）"
    )
}

/// A record naming a rubric there is not.
pub fn no_rubric(name: &str, available: &str) -> String {
    format!("没有指标体系 `{name}`；可用的有：{available}")
}

/// `jixiao new` over a record that exists.
pub fn record_exists(path: impl Display) -> String {
    format!("{path}：记录已存在，请直接编辑")
}

/// `jixiao new` without a department name.
pub const NAME_REQUIRED: &str = "--name：必须填写部门名称";

/// `jixiao new` with a department name over several lines.
pub const NAME_ONE_LINE: &str = "--name：部门名称须写在一行内，不能含换行或制表符";
