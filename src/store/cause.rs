//! libgit2's errors in Chinese: its messages are English, so the error's code (and, for a
//! generic one, its class) picks the Chinese cause, and only the names the message quotes (a
//! path, a revision) and the operating system's reason are kept from it.

use crate::text::git as t;
use git2::{ErrorClass as Class, ErrorCode as Code};

/// Why `e` happened, in Chinese.
pub(crate) fn cause(e: &git2::Error) -> String {
    let base = match e.code() {
        Code::NotFound => t::NOT_FOUND,
        Code::Exists => t::EXISTS,
        Code::Ambiguous => t::AMBIGUOUS,
        Code::BareRepo => t::BARE,
        Code::UnbornBranch => t::UNBORN,
        Code::Unmerged => t::UNMERGED,
        Code::NotFastForward => t::NOT_FAST_FORWARD,
        Code::InvalidSpec => t::INVALID_SPEC,
        Code::Conflict => t::CONFLICT,
        Code::Locked => t::LOCKED,
        Code::Modified => t::MODIFIED,
        Code::Auth => t::AUTH,
        Code::Certificate => t::CERTIFICATE,
        Code::Applied => t::APPLIED,
        Code::Peel => t::PEEL,
        Code::Eof => t::EOF,
        Code::Invalid => t::INVALID,
        Code::Uncommitted => t::UNCOMMITTED,
        Code::Directory => t::DIRECTORY,
        Code::MergeConflict => t::MERGE_CONFLICT,
        Code::HashsumMismatch => t::HASH_MISMATCH,
        Code::IndexDirty => t::INDEX_DIRTY,
        Code::ApplyFail => t::APPLY_FAIL,
        Code::Owner => t::OWNER,
        Code::Timeout => t::TIMEOUT,
        Code::GenericError | Code::BufSize | Code::User => match e.class() {
            Class::NoMemory => t::NO_MEMORY,
            Class::Os => t::OS,
            Class::Invalid => t::INVALID,
            Class::Reference => t::REFERENCE,
            Class::Zlib => t::ZLIB,
            Class::Repository => t::REPOSITORY,
            Class::Config => t::CONFIG,
            Class::Odb => t::ODB,
            Class::Index => t::INDEX,
            Class::Object => t::OBJECT,
            Class::Tag => t::TAG,
            Class::Tree => t::TREE,
            Class::Filesystem => t::FILESYSTEM,
            _ => t::OTHER,
        },
    };
    let message = e.message();
    let base = match t::OS_REASONS.iter().find(|(en, _)| message.contains(en)) {
        Some((_, zh)) => format!("{base}：{zh}"),
        None => base.to_string(),
    };
    t::with_names(&base, &quoted(message))
}

/// The names a libgit2 message quotes (`'refs/heads/main'`), at most three.
fn quoted(message: &str) -> Vec<String> {
    message
        .split('\'')
        .skip(1)
        .step_by(2)
        .filter(|s| !s.is_empty())
        .take(3)
        .map(str::to_string)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cause_is_chinese_and_keeps_the_quoted_names() {
        let e = git2::Error::new(
            Code::NotFound,
            Class::Reference,
            "revspec 'nosuch' not found",
        );
        assert_eq!(cause(&e), "找不到所需的对象或修订（涉及 `nosuch`）");
        let e = git2::Error::new(
            Code::GenericError,
            Class::Os,
            "failed to make directory '/x/y': Permission denied",
        );
        assert_eq!(cause(&e), "操作系统拒绝了读写：没有权限（涉及 `/x/y`）");
        let e = git2::Error::new(Code::Locked, Class::Index, "the index is locked");
        assert_eq!(cause(&e), t::LOCKED);
    }
}
