//! What the store (git) says: the operations named in git errors, refusals of saves, drafts,
//! notes and syncs, and the words of commit messages and diffs.

/// Reading a commit.
pub const READ_COMMIT: &str = "读取提交";
/// Reading HEAD.
pub const READ_HEAD: &str = "读取 HEAD";
/// Building the tree of a commit.
pub const BUILD_COMMIT_TREE: &str = "生成提交的目录树";
/// A record path with no parts.
pub const EMPTY_RECORD_PATH: &str = "记录路径为空";
/// Reading the branch's last commit.
pub const READ_BRANCH_TIP: &str = "读取分支最新提交";
/// A file that exists, as a conflict value.
pub const EXISTS: &str = "（存在）";
/// A file that was changed, as a conflict value.
pub const CHANGED: &str = "（已修改）";
/// Writing the record's git object.
pub const WRITE_RECORD_BLOB: &str = "写入记录的 git 对象";
/// Reading the tree of the branch's last commit.
pub const READ_BRANCH_TIP_TREE: &str = "读取分支最新提交的目录树";
/// Reading the new tree.
pub const READ_NEW_TREE: &str = "读取新目录树";
/// Writing a commit.
pub const WRITE_COMMIT: &str = "写入提交";
/// A save that was given no evaluation of its text (a fault of the program, not of the text).
pub const SAVE_NOT_SCORED: &str = "保存时没有得到记录的评分，未提交";
/// The total score, as a diff row.
pub const TOTAL: &str = "总分";
/// A note's text.
pub const NOTE_TEXT: &str = "意见";
/// A note's answer.
pub const NOTE_ANSWER: &str = "答复";
/// Who answered a note.
pub const NOTE_ANSWERED_BY: &str = "答复人";
/// Who resolved a note.
pub const NOTE_RESOLVED_BY: &str = "解决人";
/// Who wrote a note.
pub const NOTE_BY: &str = "批注人";
/// Where a note is.
pub const NOTE_FIELD: &str = "位置";
/// Why a final draft was reopened.
pub const REOPEN_REASON: &str = "重新开放的理由";
/// Who reopened a final draft.
pub const REOPEN_BY: &str = "重新开放人";
/// The draft reopened.
pub const REOPEN_DRAFT: &str = "重新开放的稿";
/// A section's text.
pub const TEXT: &str = "说明";
/// Listing the drafts.
pub const LIST_DRAFTS: &str = "列出各稿";
/// A draft tag's score when the record is incomplete.
pub const TOTAL_INCOMPLETE: &str = "总分 未完成";
/// A draft tag's score when the rubric is invalid.
pub const RUBRIC_INVALID_UNSCORED: &str = "指标体系无效，未评分";
/// A draft tag's score when the record cannot be scored.
pub const RECORD_UNSCORABLE: &str = "记录无法评分";
/// The signature field of a reopening.
pub const REOPEN_BY_FIELD: &str = "重新开放的 by";
/// Why a reopening cannot change.
pub const REOPEN_IS_FINAL: &str = "重新开放记录一经提交不能修改或删除";
/// The signature field of a note.
pub const NOTE_BY_FIELD: &str = "批注的 by";
/// Why another person's note cannot change.
pub const NOTE_OWNED: &str = "批注只能由写它的复核人员修改";
/// The answer's signature field of a note.
pub const NOTE_ANSWERED_BY_FIELD: &str = "批注的 answered_by";
/// The resolution's signature field of a note.
pub const NOTE_RESOLVED_BY_FIELD: &str = "批注的 resolved_by";
/// Why a note cannot be deleted.
pub const NOTE_NOT_DELETED: &str = "批注不删除：复核人员解决它（jixiao resolve），它留在记录中";
/// Opening the object database.
pub const OPEN_ODB: &str = "打开对象库";
/// Reading a tree.
pub const READ_TREE: &str = "读取目录树";
/// Walking the history.
pub const WALK_HISTORY: &str = "遍历历史";
/// Reading git's configuration.
pub const READ_GIT_CONFIG: &str = "读取 git 配置";
/// Making a commit's signature.
pub const MAKE_SIGNATURE: &str = "生成提交署名";
/// Reading the index.
pub const READ_INDEX: &str = "读取索引";
/// Writing the index.
pub const WRITE_INDEX: &str = "写入索引";
/// Writing a tree.
pub const WRITE_TREE: &str = "写入目录树";
/// Committing.
pub const COMMIT: &str = "提交";
/// Reading a commit's tree.
pub const READ_COMMIT_TREE: &str = "读取提交的目录树";
/// Reading the repository's git configuration.
pub const READ_REPO_CONFIG: &str = "读取评价库的 git 配置";
/// Setting the repository's git identity.
pub const SET_REPO_IDENTITY: &str = "设置评价库的 git 身份";
/// A note without user.name.
pub const NOTE_NEEDS_NAME: &str =
    "未设置 git 的 user.name：批注要署名；请运行 git config --global user.name \"姓名\"";
/// Listing the approval tags.
pub const LIST_APPROVALS: &str = "列出审核标签";
/// A repository without remotes.
pub const NO_REMOTES: &str = "本评价库还没有远端仓库";
/// Reading the merge result's tree.
pub const READ_MERGE_RESULT_TREE: &str = "读取合并结果的目录树";
/// Updating the files of the working tree.
pub const UPDATE_WORKDIR: &str = "更新工作目录中的文件";
/// Reading the merged tree.
pub const READ_MERGED_TREE: &str = "读取合并后的目录树";
/// Reading the commit to merge.
pub const READ_MERGE_COMMIT: &str = "读取要合并的提交";
/// The heading of the records merged field by field in a sync's commit.
pub const SYNC_MERGED_RECORDS: &str = "\n两边都修改、已逐字段合并的记录：\n";
/// Writing the merge commit.
pub const WRITE_MERGE_COMMIT: &str = "写入合并提交";
/// Comparing local and remote commits.
pub const COMPARE_WITH_REMOTE: &str = "比较本地与远端的提交";
/// Finding the merge base.
pub const FIND_MERGE_BASE: &str = "查找共同的基础提交";
/// The reflog message of a push.
pub const REFLOG_PUSHED: &str = "jixiao sync: 已推送";
/// Updating the remote-tracking branch.
pub const UPDATE_TRACKING: &str = "更新远端跟踪分支";
/// Comparing trees.
pub const COMPARE_TREES: &str = "比较目录树";
/// Listing tags.
pub const LIST_TAGS: &str = "列出标签";
/// The reflog message of a fetched tag.
pub const REFLOG_FETCHED_TAG: &str = "jixiao sync: 取回标签";
/// No value (an exit code).
pub const NONE: &str = "无";
/// A file added.
pub const ADDED: &str = "新建";
/// A file deleted.
pub const DELETED: &str = "删除";
/// A file modified.
pub const MODIFIED: &str = "修改";
/// Writing the merged record.
pub const WRITE_MERGED_RECORD: &str = "写入合并后的记录";
/// Building the merged tree.
pub const BUILD_MERGED_TREE: &str = "生成合并后的目录树";
/// Committing the team file.
pub const COMMIT_TEAM_FILE: &str = "提交团队文件";
/// Between the items of a list.
pub const LIST_SEP: &str = "、";

use std::fmt::Display;

mod review;
mod sync;

pub use review::*;
pub use sync::*;

/// A blame with no scorable revision at HEAD.
pub fn no_scorable_revision(rel: &str) -> String {
    format!("{rel}：HEAD 中没有可以评分的已保存修订")
}

/// A note in a blame line: who wrote what.
pub fn note_line(by: &str, text: &str) -> String {
    format!("{by}：{text}")
}

/// A git error's Chinese meaning with the operating system's reason.
pub fn with_reason(base: &str, reason: &str) -> String {
    format!("{base}：{reason}")
}

/// A save refused while git is in the middle of a merge or rebase.
pub fn operation_in_progress(what: &str) -> String {
    format!(
        "评价库正处于未完成的 {what} 操作中（见 `git status`）：请先完成或中止\
         （如 `git merge --abort`、`git rebase --abort`）再保存"
    )
}

/// A save with HEAD detached (at commit `at`).
pub fn head_detached(at: &str) -> String {
    format!(
        "HEAD 处于分离状态（在 {at}）：保存只提交到分支上，请先切换到一个分支\
         （如 `git switch main`）"
    )
}

/// Reading a branch.
pub fn read_branch(branch: &str) -> String {
    format!("读取分支 {branch}")
}

/// The summary of a save whose summary was left empty.
pub fn default_summary(dept: impl Display, year: u16) -> String {
    format!("保存 {dept}/{year}")
}

/// No free name for a kept copy.
pub fn too_many_kept(folder: impl Display, stem: &str) -> String {
    format!("{folder}：名为 {stem} 的保留副本太多")
}

/// A branch whose lock another program holds.
pub fn cannot_move_branch(branch: &str) -> String {
    format!("无法移动分支 {branch}")
}

/// A save given up because the branch kept moving.
pub fn branch_kept_moving(rel: &str, branch: &str, attempts: u32) -> String {
    format!("保存 {rel} 时分支 {branch} 被其他程序连续改动了 {attempts} 次，未能保存；请再试一次")
}

/// Moving a branch.
pub fn move_branch(branch: &str) -> String {
    format!("移动分支 {branch}")
}

/// A revision without the record.
pub fn not_in_revision(spec: &str, rel: &str) -> String {
    format!("修订 `{spec}` 中没有 {rel}")
}

/// The record at a revision as the person wrote it.
pub fn at_spec(rel: &str, spec: &str) -> String {
    format!("{rel}（修订 `{spec}`）")
}

/// The record at a revision, by short id.
pub fn at_revision(rel: &str, short: impl Display) -> String {
    format!("{rel}（修订 {short}）")
}

/// A diff asked of a record never committed.
pub fn nothing_to_compare(dept: impl Display, year: u16) -> String {
    format!("{dept}/{year} 还没有可供比较的已保存修订（请先提交）")
}

/// The working file as one side of a diff.
pub fn working_copy(rel: impl Display) -> String {
    format!("工作区 {rel}")
}

/// A note, named by where it is.
pub fn note_at(field: &str) -> String {
    format!("批注「{field}」")
}

/// The n-th duty.
pub fn duty_n(n: usize) -> String {
    format!("主要职责第{n}项")
}

/// The n-th problem.
pub fn problem_n(n: usize) -> String {
    format!("问题{n}")
}

/// The n-th recommendation.
pub fn recommendation_n(n: usize) -> String {
    format!("建议{n}")
}

/// A draft name git cannot hold.
pub fn bad_draft_name(name: &str) -> String {
    format!(
        "稿名 `{name}` 不可用：请用初稿、征求意见稿、终稿这样的名称，\
         不含 `/`、首尾空格，也不含字符 ~ ^ : ? * [ \\"
    )
}

/// Naming a draft before any save.
pub fn nothing_to_name(cause: impl Display) -> String {
    format!("还没有可命名的已保存修订（HEAD）：{cause}")
}

/// A draft name for a revision that does not hold the record.
pub fn draft_not_of_record(short: impl Display, rel: &str) -> String {
    format!("修订 {short} 中没有 {rel}：稿名只能指向这份记录的某个修订")
}

/// A draft name already given to another revision.
pub fn draft_name_taken(
    dept: impl Display,
    year: u16,
    name: &str,
    at: impl Display,
    tag: &str,
) -> String {
    format!(
        "{dept}/{year} 的稿名 {name} 已指向 {at}；稿名一经命名不会移动：\
         请换一个名称（如果是误命名，可用 `git tag -d {tag}` 删除）"
    )
}

/// A draft tag's score.
pub fn draft_total(total: impl Display, grade: &str) -> String {
    format!("总分 {total}（{grade}）")
}

/// A draft tag's message, with the trailer that names the record.
pub fn draft_tag_message(dept: impl Display, year: u16, name: &str, score: &str) -> String {
    format!("{dept}/{year} {name}：{score}\n\nRecord: {dept}/{year}\n")
}

/// Creating a draft tag.
pub fn create_draft_tag(tag: &str) -> String {
    format!("创建稿次标签 {tag}")
}

/// Changing a reopening.
pub fn change_reopening(dept: impl Display, year: u16) -> String {
    format!("修改 {dept}/{year} 的重新开放记录")
}

/// Saving under another member's name.
pub fn save_as(by: &str, what: &str) -> String {
    format!("以「{by}」的名义保存（{what}）")
}

/// What a signature must be.
pub fn sign_as_yourself(id: &str) -> String {
    format!("署名必须是你自己的成员 id「{id}」")
}

/// Changing another person's note.
pub fn change_others_note(dept: impl Display, year: u16) -> String {
    format!("修改 {dept}/{year} 中他人的批注")
}

/// Deleting a note.
pub fn delete_note(dept: impl Display, year: u16, text: &str) -> String {
    format!("删除 {dept}/{year} 的批注「{text}」")
}

/// A save without git's user.name or user.email.
pub fn identity_missing(key: &str) -> String {
    format!(
        "未设置 git 的 {key}：每次保存都是一次署名的提交。请设置：\n  git config --global user.name \"姓名\"\n  git config --global user.email \"you@example.org\"\n（去掉 --global 则只用于本评价库；也可用环境变量 GIT_AUTHOR_NAME、GIT_AUTHOR_EMAIL）"
    )
}

/// Adding a file to the index.
pub fn add_path(path: impl Display) -> String {
    format!("加入 {path}")
}

/// A `--repo` folder that does not exist.
pub fn no_such_folder(path: impl Display) -> String {
    format!("{path}：没有这个文件夹（来自 --repo 或 JIXIAO_REPO）")
}

/// A command run outside any evaluation repository.
pub fn outside_repo(cwd: impl Display) -> String {
    format!(
        "{cwd} 不在评价库中：先运行 jixiao init，或用 --repo 目录（或环境变量 JIXIAO_REPO）指定评价库"
    )
}

/// A git repository that is not an evaluation repository.
pub fn not_a_repo(root: impl Display) -> String {
    format!(
        "{root} 不是评价库（没有 records/ 和 rubrics/ 文件夹）：先运行 jixiao init {root}，或用 --repo 目录（或环境变量 JIXIAO_REPO）指定评价库"
    )
}

/// Another jixiao process saving for too long; `holder` as its lock file names it.
pub fn save_lock_held(holder: &str, secs: u64) -> String {
    let holder = if holder.is_empty() {
        String::new()
    } else {
        format!("（{holder}）")
    };
    format!(
        "另一个 jixiao 进程{holder}正在保存，等了 {secs} 秒仍未结束；该进程结束后锁会自动释放，请稍后再试"
    )
}

/// Who holds the save lock, written into it.
pub fn lock_holder(pid: u32) -> String {
    format!("进程 {pid}")
}

/// A git lock file in the way.
pub fn git_lock_held(doing: &str, lock: impl Display) -> String {
    format!(
        "{doing}：git 的锁文件存在，另一个 git 程序正在使用它，或曾中途退出。\
         确认没有 git 程序在运行后删除它：rm '{lock}'"
    )
}

/// Opening the repository.
pub fn open_repo(root: impl Display) -> String {
    format!("把 {root} 作为 git 仓库打开")
}

/// A reason in parentheses.
pub fn parenthesized(s: impl Display) -> String {
    format!("（{s}）")
}

/// A revision that is neither a draft name nor anything git knows.
pub fn no_such_revision(dept: impl Display, year: u16, spec: &str, why: &str) -> String {
    format!(
        "{dept}/{year} 没有名为 `{spec}` 的稿次，git 也找不到修订 `{spec}`{why}；\
         可用的稿次见 jixiao drafts {dept} {year}，修订见 jixiao log {dept} {year}"
    )
}

/// A revision that is not a commit.
pub fn not_a_commit(spec: &str, cause: impl Display) -> String {
    format!("`{spec}` 不是提交：{cause}")
}

/// Reading something.
pub fn read(what: &str) -> String {
    format!("读取{what}")
}

/// A file that is not UTF-8.
pub fn not_utf8(what: impl Display) -> String {
    format!("{what} 不是 UTF-8 文本")
}

/// A git operation that failed because a folder cannot be written.
pub fn cannot_write(doing: &str, dir: impl Display, why: impl Display) -> String {
    format!("{doing}失败：无法写入 {dir}：{why}")
}

/// `git init` failed.
pub fn git_init_failed(dir: impl Display, cause: impl Display) -> String {
    format!("{dir}：git init 失败：{cause}")
}

/// An output path inside git's own folder.
pub fn inside_git_dir(path: impl Display, dir: impl Display) -> String {
    format!("{path}：在 git 的目录 {dir} 之内，jixiao 不往那里写文件；请换一个输出位置（-o）")
}

/// A conflict value that is not TOML.
pub fn bad_conflict_value(t: &str, e: impl Display) -> String {
    format!("冲突值 `{t}`：{e}")
}
