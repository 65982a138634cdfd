//! The library's error type: every variant names the file and, where there is one, the field.

use std::path::PathBuf;

/// Errors of the jixiao library.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file could not be read or written.
    #[error("{path}：{}", crate::text::io::describe(source))]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// The file is not valid TOML.
    #[error("{path}:{line}:{column}: TOML 语法错误：{message}")]
    Syntax {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },
    /// A field holds a value that is not allowed.
    #[error("{path}{location}: 字段 `{field}`：{message}")]
    Field {
        path: PathBuf,
        /// `:LINE:COL` where the field is, or empty when unknown.
        location: String,
        field: String,
        message: String,
    },
    /// A rubric name that the repository does not hold.
    #[error("没有指标体系 `{name}`；可用的有：{available}")]
    UnknownRubric { name: String, available: String },
    /// A rubric that `jixiao rubric check` rejects: it is never used to score.
    #[error(
        "{path}{at}: 指标体系 `{name}` 有 {} 个问题，不能用于评分（改正后可用 `jixiao rubric check {name}` 复查）：\n{}",
        .problems.len(),
        .problems.iter().map(|p| format!("  - {p}")).collect::<Vec<_>>().join("\n")
    )]
    InvalidRubric {
        /// `rubrics/NAME.toml`.
        path: PathBuf,
        /// ` （修订 a1b2c3d）` for a rubric read from history, else empty.
        at: String,
        name: String,
        /// Each problem as `indicator path: message`.
        problems: Vec<String>,
    },
    /// A department id that cannot be a folder name.
    #[error(
        "部门标识 `{0}` 不可用：只能用小写英文字母、数字、`-` 和 `_`，并以字母或数字开头（如 bj-traffic）"
    )]
    InvalidDept(String),
    /// A year that is not four digits.
    #[error("年度 `{0}` 不可用：请写四位数字，如 2023")]
    InvalidYear(String),
    /// The record asked for does not exist.
    #[error(
        "没有记录 {dept}/{year}：{path} 不存在（用 `jixiao new {dept} {year} --name 名称` 新建）"
    )]
    NoRecord {
        dept: String,
        year: String,
        path: PathBuf,
    },
    /// A record, rubric or folder under `records/` or `rubrics/` that is a symbolic link or
    /// leads outside the repository: reading it would read another file, writing it would
    /// write outside the repository, and git would store the link itself.
    #[error(
        "{path}: {problem}。records/ 和 rubrics/ 下的记录、指标体系及其文件夹必须是仓库里的普通文件和文件夹，不能是符号链接，也不能指向仓库以外；请换成实际的文件或文件夹"
    )]
    UnsafePath { path: PathBuf, problem: String },
    /// Text that holds a character jixiao does not store (a control character).
    #[error("{what}：第 {position} 个字符是不允许的 {character}；{allowed}")]
    ForbiddenChar {
        /// What the text is (`提交说明（-m）`).
        what: String,
        position: usize,
        /// `U+001B（ESC）`.
        character: String,
        allowed: &'static str,
    },
    /// A git operation failed.
    #[error("git：{0}")]
    Git(String),
    /// A lock file stops the operation: who holds it and how to clear it.
    #[error("{path}: {message}")]
    Locked { path: PathBuf, message: String },
    /// The team file (`team.toml`) is wrong, or the person is not in it.
    #[error(transparent)]
    Team(Box<crate::team::TeamError>),
    /// The person's role does not allow what was asked.
    #[error(transparent)]
    Denied(#[from] crate::team::Denied),
    /// Anything else about the repository or the request.
    #[error("{0}")]
    Other(String),
}

/// Result with the library's error.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// An I/O error on `path`.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }
}

impl From<crate::team::TeamError> for Error {
    fn from(e: crate::team::TeamError) -> Self {
        match e {
            // A file error stays the file error it is.
            crate::team::TeamError::Read(inner) => inner,
            other => Error::Team(Box::new(other)),
        }
    }
}
