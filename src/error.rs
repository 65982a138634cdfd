//! The library's error type: every variant names the file and, where there is one, the field.

use crate::text::model as text;
use std::path::PathBuf;

/// Errors of the jixiao library.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file could not be read or written.
    #[error("{}", text::io_error(.path, .source))]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// The file is not valid TOML.
    #[error("{}", text::syntax_error(.path, *.line, *.column, .message))]
    Syntax {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },
    /// A field holds a value that is not allowed.
    #[error("{}", text::field_error(.path, .location, .field, .message))]
    Field {
        path: PathBuf,
        /// `:LINE:COL` where the field is, or empty when unknown.
        location: String,
        field: String,
        message: String,
    },
    /// A rubric name that the repository does not hold.
    #[error("{}", text::unknown_rubric(.name, .available))]
    UnknownRubric { name: String, available: String },
    /// A rubric that `jixiao rubric check` rejects: it is never used to score.
    #[error("{}", text::invalid_rubric(.path, .at, .name, .problems))]
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
    #[error("{}", text::invalid_dept(.0))]
    InvalidDept(String),
    /// A year that is not four digits.
    #[error("{}", text::invalid_year(.0))]
    InvalidYear(String),
    /// The record asked for does not exist.
    #[error("{}", text::no_record(.dept, .year, .path))]
    NoRecord {
        dept: String,
        year: String,
        path: PathBuf,
    },
    /// A record, rubric or folder under `records/` or `rubrics/` that is a symbolic link or
    /// leads outside the repository: reading it would read another file, writing it would
    /// write outside the repository, and git would store the link itself.
    #[error("{}", text::unsafe_path(.path, .problem))]
    UnsafePath { path: PathBuf, problem: String },
    /// Text that holds a character jixiao does not store (a control character).
    #[error("{}", text::forbidden_char(.what, *.position, .character, .allowed))]
    ForbiddenChar {
        /// What the text is (`提交说明（-m）`).
        what: String,
        position: usize,
        /// `U+001B（ESC）`.
        character: String,
        allowed: &'static str,
    },
    /// A git operation failed.
    #[error("{}", text::git_error(.0))]
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
