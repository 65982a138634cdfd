//! The command line: thin wrappers over the library, text for people and `--json` for tools.

mod args;
mod export;
pub mod history;
mod report;
pub mod review;
mod shell;
mod summary;
pub mod team;

use crate::check;
use crate::repo::{Dept, EXAMPLE, Repo, parse_year};
use crate::rubric::Rubric;
use crate::text::args as help;
use crate::text::printable;
use anyhow::{Context, Result};
use clap::{Parser, Subcommand};
use std::io::Write;
use std::path::PathBuf;

pub use args::{Parsed, parse};
pub use report::{findings_json, findings_text, score_json, score_text};
pub use review::ReviewCommand;
pub use team::TeamCommand;

/// jixiao（绩效）：编制部门整体绩效评价报告并评分；每次保存都是一次 git 提交。
#[derive(Debug, Parser)]
#[command(
    name = "jixiao",
    version,
    about = crate::text::args::ABOUT
)]
pub struct Cli {
    /// 评价库所在目录（默认：环境变量 JIXIAO_REPO，否则当前目录所在的 git 仓库）
    #[arg(
        long,
        global = true,
        env = "JIXIAO_REPO",
        hide_env = true,
        value_name = crate::text::args::FOLDER
    )]
    pub repo: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The subcommands; their doc comments are the `--help` text, in Chinese.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// 把一个目录（默认：当前目录）初始化为评价库
    Init {
        /// 要初始化的目录（默认：当前目录）
        dir: Option<PathBuf>,
    },
    /// 按指标体系为某部门某年度新建一份空白记录
    New {
        /// 部门标识（小写英文字母、数字、- 和 _，如 bj-traffic）
        dept: String,
        /// 年度（四位数字，如 2023）
        year: String,
        /// 部门名称
        #[arg(long)]
        name: String,
        /// 使用的指标体系（rubrics/名称.toml 中的名称；默认 beijing-department-2023）
        #[arg(
            long,
            value_name = crate::text::args::RUBRIC,
            default_value = "beijing-department-2023",
            hide_default_value = true
        )]
        rubric: String,
    },
    /// 评分表（表 4 及附件各行）
    Score {
        /// 部门标识（如 bj-traffic）
        dept: String,
        /// 年度（四位数字，如 2023）
        year: String,
        /// 以 JSON 输出，供其他程序读取
        #[arg(long)]
        json: bool,
    },
    /// 检查：缺少的数据、对不上的合计、与数字不符的叙述
    Check {
        /// 部门标识（如 bj-traffic）
        dept: String,
        /// 年度（四位数字，如 2023）
        year: String,
        /// 以 JSON 输出，供其他程序读取
        #[arg(long)]
        json: bool,
    },
    /// 导出部门整体绩效评价报告（Word 或 Markdown）
    Export(export::ExportArgs),
    /// 列出所有记录：部门名称、年度、总分和等级
    List {
        /// 只列出该年度（四位数字，如 2023）
        #[arg(long)]
        year: Option<String>,
        /// 以 JSON 输出，供其他程序读取
        #[arg(long)]
        json: bool,
    },
    /// 财政部门的汇总表：每个部门每年度一行（总分、等级、各一级指标得分及得分率、执行率、状态、评价单位、最后保存），等级分布，以及各部门历年得分
    Summary(summary::SummaryArgs),
    /// 与中心 git 服务器同步：取回、逐字段合并记录、提交合并、推送，并双向传递稿次
    Sync {
        /// 远端仓库名（默认 `origin`；用 `git remote add` 添加）
        remote: Option<String>,
        /// 以 JSON 输出，供其他程序读取
        #[arg(long)]
        json: bool,
    },
    /// 指标体系工具
    Rubric {
        #[command(subcommand)]
        command: RubricCommand,
    },
    /// 校验手工编辑过的记录文件并提交（有错误则拒绝提交；警告会列出）
    Commit {
        dept: String,
        year: String,
        /// 修改说明（即提交说明）
        #[arg(short = 'm', long = "message")]
        message: String,
        /// 以 JSON 输出，供其他程序读取
        #[arg(long)]
        json: bool,
    },
    /// 一份记录的所有修订，最新的在前，附总分及其变化
    Log {
        dept: String,
        year: String,
        /// 按每个修订的文件（及其提交时的指标体系）重新评分，而不读取提交中的 Score 记载
        #[arg(long)]
        rescore: bool,
        /// 同时按现行指标体系（rubrics/ 下该指标体系文件的当前内容）为每个修订评分
        #[arg(long)]
        rubric_now: bool,
        /// 以 JSON 输出，供其他程序读取
        #[arg(long)]
        json: bool,
    },
    /// 修订或稿甲与乙之间分数、字段和文字的变化（默认：上次保存与工作文件比较；只给甲时：甲与工作文件比较）
    Diff {
        dept: String,
        year: String,
        /// 比较的一方：修订（提交号、HEAD~1 等）或稿名（默认：上次保存）
        a: Option<String>,
        /// 比较的另一方：修订或稿名（默认：工作文件）
        b: Option<String>,
        /// 同时按现行指标体系（rubrics/ 下该指标体系文件的当前内容）为两边评分
        #[arg(long)]
        rubric_now: bool,
        /// 以 JSON 输出，供其他程序读取
        #[arg(long)]
        json: bool,
    },
    /// 把某个修订（默认：上次保存）命名为一稿：初稿、征求意见稿、终稿 …
    Draft {
        dept: String,
        year: String,
        /// 稿名（如 初稿、征求意见稿、终稿）
        #[arg(value_name = crate::text::args::DRAFT)]
        name: String,
        /// 要命名的修订（提交号、HEAD~1 等；默认：上次保存）
        #[arg(long)]
        rev: Option<String>,
        /// 以 JSON 输出，供其他程序读取
        #[arg(long)]
        json: bool,
    },
    /// 一份记录已命名的各稿
    Drafts {
        dept: String,
        year: String,
        /// 以 JSON 输出，供其他程序读取
        #[arg(long)]
        json: bool,
    },
    /// 每个指标的得分最后一次修改于哪个修订、由谁、何时，以及原因
    Blame {
        dept: String,
        year: String,
        /// 以 JSON 输出，供其他程序读取
        #[arg(long)]
        json: bool,
    },
    /// 把随附的示例（一份真实的 2023 年度报告，即本项目的 records/）复制到新建的评价库，并在其中打开编辑器
    Demo,
    /// 打开某部门某年度记录的编辑器
    Edit { dept: String, year: String },
    /// 首页：评价库中所有部门、年度（单独运行 `jixiao` 也打开首页）
    Tui,
    #[command(flatten)]
    Review(ReviewCommand),
    /// 团队：成员、角色、SSH 公钥、分工（team.toml）
    Team {
        #[command(subcommand)]
        command: TeamCommand,
    },
    /// 我是谁：保存时的署名、角色和分工
    Whoami {
        /// 以 JSON 输出，供其他程序读取
        #[arg(long)]
        json: bool,
    },
    /// SSH 入口（由 authorized_keys 的 command= 调用）：以该成员的身份运行其角色允许的命令
    Shell {
        /// 成员标识
        #[arg(long)]
        member: String,
    },
    /// SSH 服务：团队成员用 team.toml 中的公钥登录，打开编辑器或运行其角色允许的命令
    Serve(ServeArgs),
}

/// `jixiao serve`'s options.
#[derive(Debug, clap::Args)]
pub struct ServeArgs {
    /// 监听的地址和端口（默认 127.0.0.1:2222，只接受本机连接；对外服务写 0.0.0.0:2222）
    #[arg(long, value_name = crate::text::args::ADDRESS_PORT, default_value = crate::serve::DEFAULT_LISTEN, hide_default_value = true)]
    pub listen: std::net::SocketAddr,
    /// 每位成员同时打开的会话（编辑器或命令）上限（默认 4）
    #[arg(long, value_name = crate::text::args::COUNT, default_value_t = 4, hide_default_value = true, value_parser = clap::value_parser!(u16).range(1..))]
    pub max_sessions: u16,
    /// 每个地址同时的连接上限（默认 10）
    #[arg(long, value_name = crate::text::args::COUNT, default_value_t = 10, hide_default_value = true, value_parser = clap::value_parser!(u16).range(1..))]
    pub max_connections: u16,
    /// 多久没有输入就断开连接，如 30m、90s、2h（默认 30m；未保存的修改留在恢复文件中）
    #[arg(long, value_name = crate::text::args::DURATION, default_value = "30m", hide_default_value = true, value_parser = crate::serve::parse_duration)]
    pub idle_timeout: std::time::Duration,
    /// 每隔多久与中心服务器同步一次（如 10m、1h；同 jixiao sync，有冲突时不提交，记入日志）；默认不定时同步
    #[arg(long, value_name = crate::text::args::DURATION, value_parser = crate::serve::parse_duration)]
    pub sync_every: Option<std::time::Duration>,
    /// 定时同步所用的远端（默认 `origin`；用 `git remote add` 添加）
    #[arg(long, value_name = crate::text::args::REMOTE, default_value = crate::store::DEFAULT_REMOTE, hide_default_value = true, requires = "sync_every")]
    pub sync_remote: String,
}

/// `jixiao rubric …`.
#[derive(Debug, Subcommand)]
pub enum RubricCommand {
    /// 校验 rubrics/名称.toml：权重合计正确、评分方法参数齐全
    Check {
        /// 指标体系名称（rubrics/名称.toml 中的名称）
        name: String,
    },
}

/// The command line with Chinese headings (命令, 参数, 选项), `-h`/`-V` descriptions and the
/// shared DEPT/YEAR/--json descriptions filled in wherever a command has none of its own.
pub fn command() -> clap::Command {
    use clap::CommandFactory;
    let root = localize(Cli::command(), true);
    // The `help` subcommands exist only once the command is built.
    let mut root = root;
    root.build();
    usage_in_chinese(localize_help_command(root))
}

/// Sets every command's usage line to clap's own with `[选项]` for `[OPTIONS]`, so that help
/// pages and error messages show it so.
fn usage_in_chinese(mut cmd: clap::Command) -> clap::Command {
    let usage = cmd.render_usage().to_string();
    let usage = usage.trim();
    let usage = usage
        .strip_prefix("Usage:")
        .unwrap_or(usage)
        .trim()
        .replace("[OPTIONS]", &format!("[{}]", help::OPTIONS));
    cmd.override_usage(usage).mut_subcommands(usage_in_chinese)
}

/// Describes the `help` subcommand (and its argument) of `cmd` and of its subcommands.
fn localize_help_command(cmd: clap::Command) -> clap::Command {
    if cmd.get_name() == "help" {
        return cmd;
    }
    let cmd = if cmd.find_subcommand("help").is_some() {
        cmd.mut_subcommand("help", |c| {
            c.about(help::HELP_COMMAND)
                .mut_args(|a| a.help(help::HELP_TOPIC).value_name(help::COMMANDS))
        })
    } else {
        cmd
    };
    cmd.mut_subcommands(localize_help_command)
}

fn localize(cmd: clap::Command, root: bool) -> clap::Command {
    use clap::{Arg, ArgAction};
    let mut cmd = cmd
        .help_template(help::TEMPLATE)
        .subcommand_help_heading(help::COMMANDS)
        .subcommand_value_name(help::COMMANDS)
        .disable_help_flag(true)
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .help(help::HELP),
        )
        .mut_args(|a| {
            // Placeholders clap derives from the field (`<DEPT>`) read in Chinese (`<部门>`).
            let derived = a
                .get_value_names()
                .is_some_and(|v| v.len() == 1 && v[0] == a.get_id().as_str().to_uppercase());
            let a = match help::value_name(a.get_id().as_str()) {
                Some(name) if derived => a.value_name(name),
                _ => a,
            };
            let a = if a.get_help().is_some() {
                a
            } else {
                match a.get_id().as_str() {
                    "dept" => a.help(help::DEPT),
                    "year" => a.help(help::YEAR),
                    "json" => a.help(help::JSON),
                    _ => a,
                }
            };
            if a.is_positional() {
                a.help_heading(help::ARGUMENTS)
            } else {
                a.help_heading(help::OPTIONS)
            }
        });
    if root {
        cmd = cmd.disable_version_flag(true).arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help(help::VERSION)
                .help_heading(help::OPTIONS),
        );
    }
    cmd.mut_subcommands(|c| localize(c, false))
}

/// The warning `jixiao new` gives when the rubric was published for another year.
fn rubric_year_warning(rubric: &Rubric, year: u16) -> Option<String> {
    let declared = rubric.year?;
    (declared != year).then(|| crate::text::cli::rubric_year(&rubric.name, declared, year))
}

/// What the person reads when a command fails: the error and its causes in Chinese (an I/O
/// error's English from the system is replaced), made safe to print on a terminal.
pub fn error_text(e: &anyhow::Error) -> String {
    let mut parts: Vec<String> = Vec::new();
    for cause in e.chain() {
        let text = match cause.downcast_ref::<std::io::Error>() {
            Some(io) => crate::text::io::describe(io),
            None => cause.to_string(),
        };
        if parts.last().is_none_or(|p| !p.contains(&text)) {
            parts.push(text);
        }
        // jixiao's own I/O error says its cause already (`路径：没有这个文件或文件夹`).
        if matches!(
            cause.downcast_ref::<crate::Error>(),
            Some(crate::Error::Io { .. })
        ) {
            break;
        }
    }
    // Errors quote file names, fields and git messages, which may hold anything.
    crate::text::cli::error(&printable(&parts.join(crate::text::args::CAUSE_SEP)))
}

fn out(s: &str) -> Result<()> {
    let mut o = std::io::stdout().lock();
    o.write_all(s.as_bytes())?;
    o.flush()?;
    Ok(())
}

fn json_out(v: &serde_json::Value) -> Result<()> {
    out(&format!("{}\n", serde_json::to_string_pretty(v)?))
}

fn target(dept: &str, year: &str) -> Result<(Dept, u16)> {
    Ok((Dept::parse(dept)?, parse_year(year)?))
}

/// Runs a parsed command line; returns the exit status.
pub fn run(cli: Cli) -> Result<i32> {
    let repo = || crate::store::open_repo(cli.repo.as_deref());
    let Some(command) = cli.command else {
        // `jixiao` alone opens the home screen, like `jixiao tui`.
        crate::tui::run(crate::tui::App::home(
            repo()?,
            crate::tui::Theme::from_env(),
        ))?;
        return Ok(0);
    };
    match command {
        Command::Init { dir } => {
            let dir = match dir.or(cli.repo.clone()) {
                Some(d) => d,
                None => std::env::current_dir()?,
            };
            let r = crate::store::init_repo(&dir)?;
            let rubrics: Vec<String> = crate::rubric::BUILTIN
                .iter()
                .map(|(n, _)| format!("rubrics/{n}.toml"))
                .collect();
            let message = crate::text::cli::init_message(
                &crate::rubric::BUILTIN
                    .iter()
                    .map(|(n, _)| *n)
                    .collect::<Vec<_>>()
                    .join(crate::text::args::LIST_SEP),
            );
            match crate::store::commit_paths(&r, &rubrics, &message) {
                Ok(Some(id)) => out(&crate::text::cli::repo_ready(r.root(), id.get(..7)))?,
                Ok(None) => out(&crate::text::cli::repo_ready(r.root(), None))?,
                Err(e) => {
                    out(&crate::text::cli::repo_ready(r.root(), None))?;
                    eprintln!(
                        "{}",
                        crate::text::cli::rubrics_not_committed(&e.to_string())
                    );
                }
            }
        }
        Command::New {
            dept,
            year,
            name,
            rubric,
        } => {
            let (dept, year) = target(&dept, &year)?;
            let repo = repo()?;
            // With a team, only an evaluator of this department-year starts its record.
            crate::store::allow(
                &repo,
                crate::team::Action::EditRecord {
                    dept: dept.as_str(),
                    year,
                    final_draft: None,
                },
            )?;
            let path = repo.create_record(&dept, year, &name, &rubric)?;
            out(&crate::text::cli::created(&path))?;
            if let Some(warning) = repo
                .load_rubric(&rubric)
                .ok()
                .and_then(|r| rubric_year_warning(&r, year))
            {
                eprintln!("{}", crate::text::cli::warning(&warning));
            }
        }
        Command::Score { dept, year, json } => {
            let (dept, year) = target(&dept, &year)?;
            let e = repo()?.load(&dept, year)?;
            if json {
                json_out(&score_json(&e))?;
            } else {
                out(&score_text(&e))?;
            }
        }
        Command::Check { dept, year, json } => {
            let (dept, year) = target(&dept, &year)?;
            let e = repo()?.load(&dept, year)?;
            let findings = e.findings();
            if json {
                json_out(&findings_json(&findings))?;
            } else {
                out(&findings_text(&findings))?;
            }
            return Ok(i32::from(check::has_errors(&findings)));
        }
        Command::Export(args) => return export::run(&repo()?, args),
        Command::List { year, json } => return list(&repo()?, year.as_deref(), json),
        Command::Summary(args) => return summary::run(&repo()?, args),
        Command::Sync { remote, json } => return sync(&repo()?, remote.as_deref(), json),
        Command::Rubric {
            command: RubricCommand::Check { name },
        } => {
            let r = repo()?;
            // The one command that reads an invalid rubric: to list its problems.
            let rubric = r.load_rubric_unchecked(&name)?;
            return rubric_check(&rubric);
        }
        Command::Demo => return demo(),
        Command::Edit { dept, year } => {
            let (dept, year) = target(&dept, &year)?;
            let app = crate::tui::App::edit(repo()?, crate::tui::Theme::from_env(), dept, year)?;
            crate::tui::run(app)?;
        }
        Command::Tui => crate::tui::run(crate::tui::App::home(
            repo()?,
            crate::tui::Theme::from_env(),
        ))?,
        Command::Review(c) => return review::run(&repo()?, c),
        Command::Team { command } => return team::run(&repo()?, command),
        Command::Whoami { json } => return team::whoami(&repo()?, json),
        Command::Shell { member } => return shell::run(&repo()?, &member),
        Command::Serve(a) => {
            let options = crate::serve::Options {
                listen: a.listen,
                max_sessions: usize::from(a.max_sessions),
                max_connections: usize::from(a.max_connections),
                idle_timeout: a.idle_timeout,
                sync: a.sync_every.map(|every| (a.sync_remote, every)),
            };
            return crate::serve::run(&repo()?, options);
        }
        c @ (Command::Commit { .. }
        | Command::Log { .. }
        | Command::Diff { .. }
        | Command::Draft { .. }
        | Command::Drafts { .. }
        | Command::Blame { .. }) => return history::run(&repo()?, c),
    }
    Ok(0)
}

/// One row of `list --json`; its keys in the order the earlier `serde_json::Value` printed
/// them (alphabetical), so that scripts see the same text.
#[derive(serde::Serialize)]
struct ListRow<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    complete: Option<bool>,
    dept: &'a str,
    error: Option<String>,
    grade: Option<&'a str>,
    name: Option<&'a str>,
    total: Option<&'a str>,
    year: u16,
}

fn list(repo: &Repo, year: Option<&str>, json: bool) -> Result<i32> {
    let year = year.map(parse_year).transpose()?;
    let (records, refused) = crate::store::portfolio::list(repo, year);
    for e in &refused {
        eprintln!("{}", crate::text::cli::not_read(&printable(&e.to_string())));
    }
    if json {
        // Typed rows, not a `serde_json::Value` per record: 20,000 records' values took more
        // memory than all the rest of the listing.
        let rows: Vec<ListRow> = records
            .iter()
            .map(|e| match &e.listed {
                Ok(l) => ListRow {
                    complete: Some(l.complete),
                    dept: e.dept.as_str(),
                    error: None,
                    grade: l.complete.then_some(l.grade.as_str()),
                    name: Some(&l.name),
                    total: l.total.as_deref(),
                    year: e.year,
                },
                Err(err) => ListRow {
                    complete: None,
                    dept: e.dept.as_str(),
                    error: Some(err.to_string()),
                    grade: None,
                    name: None,
                    total: None,
                    year: e.year,
                },
            })
            .collect();
        #[derive(serde::Serialize)]
        struct All<'a> {
            records: Vec<ListRow<'a>>,
        }
        out(&format!(
            "{}\n",
            serde_json::to_string_pretty(&All { records: rows })?
        ))?;
        return Ok(0);
    }
    let mut text = String::new();
    for e in &records {
        match &e.listed {
            Ok(l) => text.push_str(&format!(
                "{} {}  {}  {}  {}\n",
                crate::text::pad(e.dept.as_str(), 16),
                e.year,
                crate::text::pad(&l.name, 36),
                crate::text::rpad(&l.total_text, 7),
                l.grade
            )),
            Err(err) => text.push_str(&format!(
                "{} {}  {}\n",
                crate::text::pad(e.dept.as_str(), 16),
                e.year,
                crate::text::cli::unreadable_row(&err.to_string())
            )),
        }
    }
    if records.is_empty() {
        out(crate::text::cli::NO_RECORDS)?;
    } else {
        out(&printable(&text))?;
    }
    Ok(0)
}

fn sync(repo: &Repo, remote: Option<&str>, json: bool) -> Result<i32> {
    use std::io::IsTerminal;
    let remote = remote.unwrap_or(crate::store::DEFAULT_REMOTE);
    // git and ssh may ask for a passphrase or password only when someone can answer.
    let interactive = std::io::stdin().is_terminal();
    let outcome = crate::store::sync(repo, remote, interactive)?;
    if json {
        json_out(&crate::report::sync::sync_json(&outcome))?;
    } else {
        out(&crate::report::sync::sync_text(repo, &outcome))?;
    }
    Ok(match &outcome {
        crate::store::SyncOutcome::Synced(r) if r.clean() => 0,
        _ => 1,
    })
}

fn rubric_check(rubric: &Rubric) -> Result<i32> {
    let problems = rubric.validate();
    // What the rubric should still say (a label) is noted first; it never refuses the rubric.
    let mut s = String::new();
    for w in rubric.warnings() {
        s.push_str(&crate::text::cli::warning(&format!("{}: {w}", rubric.name)));
        s.push('\n');
    }
    if problems.is_empty() {
        s.push_str(&crate::text::cli::rubric_sound(
            &rubric.name,
            rubric.nodes.len(),
            &crate::num::plain(rubric.total),
        ));
        out(&s)?;
        Ok(0)
    } else {
        for p in &problems {
            s.push_str(&format!("{}: {p}\n", rubric.name));
        }
        s.push_str(&crate::text::cli::rubric_problems(problems.len()));
        out(&s)?;
        Ok(1)
    }
}

/// Sets up the bundled example in a fresh folder; returns the repository.
pub fn demo_repo() -> Result<Repo> {
    let dir = tempfile::Builder::new()
        .prefix("jixiao-demo-")
        .tempdir()
        .context(crate::text::cli::DEMO_FOLDER_FAILED)?
        .keep();
    let repo = crate::store::init_repo(&dir)?;
    // The demo saves as the person's own git identity; without one, as a named demo evaluator
    // in this throw-away repository only (never a silent "unknown").
    crate::store::default_identity(
        &repo,
        crate::text::cli::DEMO_EVALUATOR,
        "demo@jixiao.invalid",
    )?;
    let (dept, year, text) = EXAMPLE;
    let dept = Dept::parse(dept)?;
    let name = crate::record::Record::parse(&repo.record_path(&dept, year), text)
        .map(|r| r.overview.name)
        .unwrap_or_default();
    let summary = crate::text::cli::demo_summary(&name, year);
    let req = crate::store::SaveRequest {
        dept: &dept,
        year,
        text,
        base: crate::store::Base::New,
        file_base: None,
        summary: &summary,
    };
    crate::store::save(&repo, &req)?;
    Ok(repo)
}

fn demo() -> Result<i32> {
    use std::io::IsTerminal;
    let repo = demo_repo()?;
    let (dept, year, _) = EXAMPLE;
    let dept = Dept::parse(dept)?;
    out(&crate::text::cli::demo_repo(repo.root()))?;
    if std::io::stdout().is_terminal() && std::io::stdin().is_terminal() {
        let app = crate::tui::App::edit(repo.clone(), crate::tui::Theme::from_env(), dept, year)?;
        crate::tui::run(app)?;
        out(&crate::text::cli::demo_kept(repo.root()))?;
    } else {
        // Not a terminal (a pipe, CI): show what the editor would.
        let e = repo.load(&dept, year)?;
        out(&format!("\n{}", score_text(&e)))?;
        out(crate::text::cli::DEMO_FINDINGS)?;
        out(&findings_text(&e.findings()))?;
    }
    Ok(0)
}
