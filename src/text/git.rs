//! What went wrong in git, in Chinese: libgit2 explains its errors in English, so the store
//! maps each error's code and class to one of these (see `store::cause`) and keeps only the
//! names it quotes (a path, a revision).

/// An object, revision or path that git cannot find.
pub const NOT_FOUND: &str = "找不到所需的对象或修订";
/// Something that already exists stops the operation.
pub const EXISTS: &str = "同名的对象已存在";
/// More than one object matches a short id.
pub const AMBIGUOUS: &str = "有多个对象与之匹配，请写得更长些";
/// A bare repository has no working tree.
pub const BARE: &str = "这是没有工作区的裸仓库";
/// HEAD names a branch without commits.
pub const UNBORN: &str = "仓库还没有任何提交";
/// A merge in progress.
pub const UNMERGED: &str = "仓库中有尚未完成的合并";
/// A reference that cannot move forward.
pub const NOT_FAST_FORWARD: &str = "分支已分叉，不能直接前移";
/// A revision or name written wrongly.
pub const INVALID_SPEC: &str = "修订或名称的写法不对";
/// Changes in the working tree stop the operation.
pub const CONFLICT: &str = "与工作区中尚未提交的修改冲突";
/// A `.lock` file stops the operation.
pub const LOCKED: &str = "文件被锁定：另一个 git 程序正在使用仓库，或上次异常退出留下了 .lock 文件";
/// A reference changed meanwhile.
pub const MODIFIED: &str = "引用在此期间已被他人修改";
/// Logging in to a remote failed.
pub const AUTH: &str = "身份验证失败";
/// A remote's certificate is not valid.
pub const CERTIFICATE: &str = "服务器证书无效";
/// A change applied twice.
pub const APPLIED: &str = "该修改已经应用过";
/// An object of another kind than asked for.
pub const PEEL: &str = "该对象不是所需的类型（如不是提交）";
/// A file ends too early.
pub const EOF: &str = "数据意外结束";
/// An operation or input git does not accept.
pub const INVALID: &str = "操作或输入无效";
/// Changes in the index stop the operation.
pub const UNCOMMITTED: &str = "索引中有未提交的修改";
/// A folder where a file was expected.
pub const DIRECTORY: &str = "不能对文件夹进行此操作";
/// A merge conflict.
pub const MERGE_CONFLICT: &str = "存在合并冲突";
/// An object whose content does not match its id.
pub const HASH_MISMATCH: &str = "对象的校验和不符，仓库可能已损坏";
/// Unsaved changes in the index would be lost.
pub const INDEX_DIRTY: &str = "索引中有未保存的修改会被覆盖";
/// A patch that does not apply.
pub const APPLY_FAIL: &str = "补丁无法应用";
/// A repository owned by another user (git's `safe.directory`).
pub const OWNER: &str =
    "仓库属于另一个用户；如确认可信，请用 git config --global --add safe.directory 目录 加入信任";
/// A time-out.
pub const TIMEOUT: &str = "操作超时";
/// Out of memory.
pub const NO_MEMORY: &str = "内存不足";
/// The operating system refused (see the cause after it).
pub const OS: &str = "操作系统拒绝了读写";
/// A reference (branch, tag) is wrong.
pub const REFERENCE: &str = "分支或标签有误";
/// The repository's state is wrong.
pub const REPOSITORY: &str = "不是 git 仓库，或仓库已损坏";
/// git's configuration is wrong.
pub const CONFIG: &str = "git 配置有误";
/// The object database is wrong.
pub const ODB: &str = "git 对象库有误";
/// The index (`.git/index`) is wrong.
pub const INDEX: &str = "git 索引（.git/index）有误";
/// An object is wrong.
pub const OBJECT: &str = "git 对象有误";
/// A tag is wrong.
pub const TAG: &str = "标签有误";
/// A tree is wrong.
pub const TREE: &str = "目录树有误";
/// Files on disk.
pub const FILESYSTEM: &str = "文件系统出错";
/// Compressed data is damaged.
pub const ZLIB: &str = "压缩数据已损坏";
/// Anything else.
pub const OTHER: &str = "git 操作失败";

/// The operating system's reasons that libgit2 appends in English, in Chinese.
pub const OS_REASONS: &[(&str, &str)] = &[
    ("No such file or directory", "没有这个文件或文件夹"),
    ("Permission denied", "没有权限"),
    ("No space left on device", "磁盘已满"),
    ("Disk quota exceeded", "超出磁盘配额"),
    ("Read-only file system", "文件系统只读"),
    ("File exists", "文件已存在"),
    ("Not a directory", "不是文件夹"),
    ("Is a directory", "是文件夹"),
    ("Directory not empty", "文件夹不是空的"),
    ("Too many open files", "打开的文件太多"),
    ("Input/output error", "磁盘读写出错"),
];

/// A cause with the names the message quoted: `找不到所需的对象或修订（涉及 `x`）`.
pub fn with_names(cause: &str, names: &[String]) -> String {
    if names.is_empty() {
        cause.to_string()
    } else {
        format!(
            "{cause}（涉及 {}）",
            names
                .iter()
                .map(|n| format!("`{n}`"))
                .collect::<Vec<_>>()
                .join("、")
        )
    }
}

/// `doing` failed because of `cause`.
pub fn failed(doing: &str, cause: &str) -> String {
    format!("{doing}失败：{cause}")
}
