//! The command line's own words: `--help` headings and the messages for a command line that
//! cannot be read (an unknown option, a missing argument …), which clap would give in English.

/// The help page's layout: description, usage, then the arguments under Chinese headings.
pub const TEMPLATE: &str =
    "{before-help}{about-with-newline}\n用法：{usage}\n\n{all-args}{after-help}";
/// Heading of the subcommands.
pub const COMMANDS: &str = "命令";
/// Heading of the positional arguments.
pub const ARGUMENTS: &str = "参数";
/// Heading of the options; also stands for them in a usage line (`jixiao [选项] [命令]`).
pub const OPTIONS: &str = "选项";
/// `-h, --help`.
pub const HELP: &str = "显示帮助";
/// `-V, --version`.
pub const VERSION: &str = "显示版本";
/// The `help` subcommand.
pub const HELP_COMMAND: &str = "显示本帮助或指定命令的帮助";
/// The `help` subcommand's argument.
pub const HELP_TOPIC: &str = "要查看帮助的命令";
/// A department id argument without a description of its own.
pub const DEPT: &str = "部门标识（如 bj-traffic）";
/// A year argument without a description of its own.
pub const YEAR: &str = "年度（四位数字，如 2023）";
/// `--json`.
pub const JSON: &str = "以 JSON 输出，供其他程序读取";

/// The placeholder in usage lines (`<部门>`) of an argument whose id is `id`, for arguments
/// that name none of their own.
pub fn value_name(id: &str) -> Option<&'static str> {
    Some(match id {
        "dept" => "部门",
        "year" => "年度",
        "name" => "名称",
        "message" => "说明",
        "rev" => "修订",
        "a" => "甲",
        "b" => "乙",
        "format" => "格式",
        "output" => "文件",
        "dir" | "repo" => "目录",
        "rubric" => "指标体系",
        "draft" => "稿名",
        "command" | "subcommand" => "命令",
        "remote" => "远端",
        "id" => "成员",
        "member" => "成员",
        "email" => "邮箱",
        "role" => "角色",
        "field" => "字段",
        "note" => "批注",
        "file" | "keys" | "key" => "公钥文件",
        _ => return None,
    })
}

/// The first line of a parse error.
pub fn error(message: &str) -> String {
    super::cli::error(message)
}

/// An option or argument that the command does not have.
pub fn unknown_argument(arg: &str) -> String {
    format!("没有参数或选项 `{arg}`")
}

/// A subcommand that does not exist.
pub fn unknown_command(name: &str) -> String {
    format!("没有命令 `{name}`")
}

/// Required arguments left out, each as in the usage line (`<部门>`, `--name <名称>`).
pub fn missing(args: &[String]) -> String {
    format!("缺少必填的参数：{}", args.join("、"))
}

/// A command that needs one of its subcommands.
pub fn missing_command(cmd: &str, valid: &[String]) -> String {
    if valid.is_empty() {
        format!("`{cmd}` 后面须跟一个命令")
    } else {
        format!("`{cmd}` 后面须跟一个命令：{}", valid.join("、"))
    }
}

/// An option given without its value.
pub fn value_missing(arg: &str) -> String {
    format!("`{arg}` 后面须写一个值")
}

/// A value that the option does not take; `valid` lists those it does.
pub fn invalid_value(arg: &str, value: &str, valid: &[String]) -> String {
    if valid.is_empty() {
        format!("`{arg}` 的值 `{value}` 不可用")
    } else {
        format!(
            "`{arg}` 的值 `{value}` 不可用；可用的值：{}",
            valid.join("、")
        )
    }
}

/// A value given to an option that takes none (`--json=3`), or one value too many.
pub fn unexpected_value(arg: &str, value: &str) -> String {
    format!("`{arg}` 不接受值 `{value}`（或值的个数已满）")
}

/// An option that takes its value only as `--opt=VALUE`.
pub fn needs_equals(arg: &str) -> String {
    format!("`{arg}` 的值须用等号写在一起：{arg}=值")
}

/// An option given twice.
pub fn given_twice(arg: &str) -> String {
    format!("`{arg}` 只能写一次")
}

/// Two options that exclude each other.
pub fn conflict(arg: &str, others: &[String]) -> String {
    if others.is_empty() {
        format!("`{arg}` 不能与已写的其他参数同用")
    } else {
        let others: Vec<String> = others.iter().map(|o| format!("`{o}`")).collect();
        format!("`{arg}` 不能与 {} 同用", others.join("、"))
    }
}

/// A wrong number of values.
pub fn value_count(arg: &str, wanted: isize, given: isize) -> String {
    format!("`{arg}` 需要 {wanted} 个值，写了 {given} 个")
}

/// An argument that is not valid UTF-8 text.
pub const NOT_UTF8: &str = "命令行中有无法识别的字符（不是 UTF-8 编码的文字）";

/// Any other problem with the command line.
pub const UNREADABLE: &str = "无法识别命令行";

/// A suggestion of a similar name (`list` for `lst`).
pub fn did_you_mean(what: &str, names: &[String]) -> String {
    format!(
        "提示：是否想用{what} {}？",
        names
            .iter()
            .map(|n| format!("`{n}`"))
            .collect::<Vec<_>>()
            .join("、")
    )
}

/// What a suggested name is: a command, an option, a value.
pub const SUGGESTED_COMMAND: &str = "命令";
/// See [`SUGGESTED_COMMAND`].
pub const SUGGESTED_OPTION: &str = "选项";
/// See [`SUGGESTED_COMMAND`].
pub const SUGGESTED_VALUE: &str = "值";

/// A value that starts with `-` is read as an option unless it follows `--`.
pub fn trailing_hint(arg: &str) -> String {
    format!("提示：若 `{arg}` 是要填写的值而不是选项，请写成 `-- {arg}`")
}

/// An option that belongs to a subcommand (`jixiao --json` for `jixiao list --json`).
pub fn belongs_to(usage: &str) -> String {
    format!("提示：该选项属于命令 `{usage}`")
}

/// The usage line under an error.
pub fn usage(usage: &str) -> String {
    format!("用法：{usage}")
}

/// Where to read more.
pub fn see_help(command: &str) -> String {
    format!("查看说明：{command} --help")
}

/// The placeholder of a file argument.
pub const FILE: &str = "文件";
/// The placeholder of a revision argument.
pub const REVISION: &str = "修订";
/// The placeholder of a draft name argument.
pub const DRAFT: &str = "稿名";
/// The placeholder of a folder argument.
pub const FOLDER: &str = "目录";
/// The placeholder of a rubric argument.
pub const RUBRIC: &str = "指标体系";
/// The placeholder of a public key file argument.
pub const KEY_FILE: &str = "公钥文件";
/// What jixiao is, atop `--help`.
pub const ABOUT: &str = "jixiao（绩效）：编制部门整体绩效评价报告并评分；每次保存都是一次 git 提交";
/// Between an error and its cause.
pub const CAUSE_SEP: &str = "：";
/// Between the items of a list.
pub const LIST_SEP: &str = "、";

/// `jixiao serve --listen`'s placeholder.
pub const ADDRESS_PORT: &str = "地址:端口";

/// A count's placeholder (`--max-sessions`).
pub const COUNT: &str = "个数";

/// A duration's placeholder (`--idle-timeout`).
pub const DURATION: &str = "时长";

/// A remote's placeholder (`--sync-remote`).
pub const REMOTE: &str = "远端";
