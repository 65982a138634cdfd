//! The command line: thin wrappers over the library, text for people and `--json` for tools.

mod export;
pub mod history;
mod report;
pub mod review;
mod shell;
pub mod team;

use crate::check;
use crate::repo::{Dept, EXAMPLE, Repo, parse_year};
use crate::rubric::Rubric;
use crate::text::printable;
use anyhow::{Context, Result};
use clap::{Parser, Subcommand};
use std::io::Write;
use std::path::PathBuf;

pub use report::{findings_json, findings_text, score_json, score_text};
pub use review::ReviewCommand;
pub use team::TeamCommand;

/// jixiao（绩效）：编制部门整体绩效评价报告并评分；每次保存都是一次 git 提交。
#[derive(Debug, Parser)]
#[command(
    name = "jixiao",
    version,
    about = "jixiao（绩效）：编制部门整体绩效评价报告并评分；每次保存都是一次 git 提交"
)]
pub struct Cli {
    /// 评价库所在目录（默认：环境变量 JIXIAO_REPO，否则当前目录所在的 git 仓库）
    #[arg(
        long,
        global = true,
        env = "JIXIAO_REPO",
        hide_env = true,
        value_name = "DIR"
    )]
    pub repo: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The subcommands; their doc comments are the `--help` text, in Chinese.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// 把目录 DIR（默认：当前目录）初始化为评价库
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
        /// 使用的指标体系（rubrics/NAME.toml 的 NAME；默认 beijing-department-2023）
        #[arg(
            long,
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
        /// 同时按现行指标体系（rubrics/NAME.toml 的当前内容）为每个修订评分
        #[arg(long)]
        rubric_now: bool,
        /// 以 JSON 输出，供其他程序读取
        #[arg(long)]
        json: bool,
    },
    /// 修订或稿 A 与 B 之间分数、字段和文字的变化（默认：上次保存与工作文件比较；只给 A 时：A 与工作文件比较）
    Diff {
        dept: String,
        year: String,
        /// 比较的一方：修订（提交号、HEAD~1 等）或稿名（默认：上次保存）
        a: Option<String>,
        /// 比较的另一方：修订或稿名（默认：工作文件）
        b: Option<String>,
        /// 同时按现行指标体系（rubrics/NAME.toml 的当前内容）为两边评分
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
    /// SSH 入口（由 authorized_keys 的 command= 调用）：以成员 ID 的身份运行其角色允许的命令
    Shell {
        /// 成员 id
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
    #[arg(long, value_name = "ADDR:PORT", default_value = crate::serve::DEFAULT_LISTEN, hide_default_value = true)]
    pub listen: std::net::SocketAddr,
    /// 每位成员同时打开的会话（编辑器或命令）上限（默认 4）
    #[arg(long, value_name = "N", default_value_t = 4, hide_default_value = true, value_parser = clap::value_parser!(u16).range(1..))]
    pub max_sessions: u16,
    /// 每个地址同时的连接上限（默认 10）
    #[arg(long, value_name = "N", default_value_t = 10, hide_default_value = true, value_parser = clap::value_parser!(u16).range(1..))]
    pub max_connections: u16,
    /// 多久没有输入就断开连接，如 30m、90s、2h（默认 30m；未保存的修改留在恢复文件中）
    #[arg(long, value_name = "时长", default_value = "30m", hide_default_value = true, value_parser = crate::serve::parse_duration)]
    pub idle_timeout: std::time::Duration,
}

/// `jixiao rubric …`.
#[derive(Debug, Subcommand)]
pub enum RubricCommand {
    /// 校验 rubrics/NAME.toml：权重合计正确、评分方法参数齐全
    Check {
        /// 指标体系名称（rubrics/NAME.toml 的 NAME）
        name: String,
    },
}

/// `--help` headings and the descriptions shared by many commands, in one place.
mod help {
    pub const TEMPLATE: &str =
        "{before-help}{about-with-newline}\n用法：{usage}\n\n{all-args}{after-help}";
    pub const COMMANDS: &str = "命令";
    pub const ARGUMENTS: &str = "参数";
    pub const OPTIONS: &str = "选项";
    pub const HELP: &str = "显示帮助";
    pub const VERSION: &str = "显示版本";
    pub const HELP_COMMAND: &str = "显示本帮助或指定命令的帮助";
    pub const HELP_TOPIC: &str = "要查看帮助的命令";
    pub const DEPT: &str = "部门标识（如 bj-traffic）";
    pub const YEAR: &str = "年度（四位数字，如 2023）";
    pub const JSON: &str = "以 JSON 输出，供其他程序读取";
}

/// The command line with Chinese headings (命令, 参数, 选项), `-h`/`-V` descriptions and the
/// shared DEPT/YEAR/--json descriptions filled in wherever a command has none of its own.
pub fn command() -> clap::Command {
    use clap::CommandFactory;
    let root = localize(Cli::command(), true);
    // The `help` subcommands exist only once the command is built.
    let mut root = root;
    root.build();
    localize_help_command(root)
}

/// Describes the `help` subcommand (and its argument) of `cmd` and of its subcommands.
fn localize_help_command(cmd: clap::Command) -> clap::Command {
    if cmd.get_name() == "help" {
        return cmd;
    }
    let cmd = if cmd.find_subcommand("help").is_some() {
        cmd.mut_subcommand("help", |c| {
            c.about(help::HELP_COMMAND)
                .mut_args(|a| a.help(help::HELP_TOPIC))
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
    (declared != year).then(|| {
        format!(
            "注意：指标体系「{}」适用于 {declared} 年度，而记录为 {year} 年度；请确认评分标准（如基准值、分值）是否适用于本年度",
            rubric.name
        )
    })
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
            let message = format!(
                "初始化评价库：指标体系 {}",
                crate::rubric::BUILTIN
                    .iter()
                    .map(|(n, _)| *n)
                    .collect::<Vec<_>>()
                    .join("、")
            );
            match crate::store::commit_paths(&r, &rubrics, &message) {
                Ok(Some(id)) => out(&format!(
                    "评价库已就绪：{}（提交 {}）\n",
                    r.root().display(),
                    &id[..7]
                ))?,
                Ok(None) => out(&format!("评价库已就绪：{}\n", r.root().display()))?,
                Err(e) => {
                    out(&format!("评价库已就绪：{}\n", r.root().display()))?;
                    eprintln!("jixiao：指标体系尚未提交：{e}");
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
            out(&format!("已新建 {}\n", path.display()))?;
            if let Some(warning) = repo
                .load_rubric(&rubric)
                .ok()
                .and_then(|r| rubric_year_warning(&r, year))
            {
                eprintln!("jixiao new: {warning}");
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

fn list(repo: &Repo, year: Option<&str>, json: bool) -> Result<i32> {
    let year = year.map(parse_year).transpose()?;
    let mut rows = Vec::new();
    let mut text = String::new();
    let (records, refused) = repo.list_checked();
    for e in &refused {
        eprintln!("jixiao list: 未读取 {}", printable(&e.to_string()));
    }
    for (dept, y) in records {
        if year.is_some_and(|want| want != y) {
            continue;
        }
        match repo.load(&dept, y) {
            Ok(e) => {
                text.push_str(&format!(
                    "{} {}  {}  {}  {}\n",
                    crate::text::pad(dept.as_str(), 16),
                    y,
                    crate::text::pad(&e.record.overview.name, 36),
                    crate::text::rpad(&e.card.total_text(), 7),
                    e.card.grade_text()
                ));
                let c = &e.card;
                rows.push(serde_json::json!({
                    "dept": dept.as_str(), "year": y, "name": e.record.overview.name,
                    "total": c.complete.then(|| crate::num::fixed2(c.total)),
                    "grade": c.complete.then_some(c.grade.as_str()),
                    "complete": c.complete, "error": null,
                }));
            }
            Err(err) => {
                text.push_str(&format!(
                    "{} {}  （无法读取：{err}）\n",
                    crate::text::pad(dept.as_str(), 16),
                    y
                ));
                rows.push(serde_json::json!({
                    "dept": dept.as_str(), "year": y, "name": null, "total": null, "grade": null,
                    "error": err.to_string(),
                }));
            }
        }
    }
    if json {
        json_out(&serde_json::json!({ "records": rows }))?;
    } else if rows.is_empty() {
        out("没有记录。用 `jixiao new DEPT YEAR --name 名称` 新建。\n")?;
    } else {
        out(&printable(&text))?;
    }
    Ok(0)
}

fn rubric_check(rubric: &Rubric) -> Result<i32> {
    let problems = rubric.validate();
    if problems.is_empty() {
        out(&format!(
            "指标体系 {}：{} 个指标，总分 {}，没有问题\n",
            rubric.name,
            rubric.nodes.len(),
            crate::num::plain(rubric.total)
        ))?;
        Ok(0)
    } else {
        let mut s = String::new();
        for p in &problems {
            s.push_str(&format!("{}: {p}\n", rubric.name));
        }
        s.push_str(&format!(
            "共 {} 个问题：改正前，评分、检查和提交都不会使用这个指标体系\n",
            problems.len()
        ));
        out(&s)?;
        Ok(1)
    }
}

/// Sets up the bundled example in a fresh folder; returns the repository.
pub fn demo_repo() -> Result<Repo> {
    let dir = tempfile::Builder::new()
        .prefix("jixiao-demo-")
        .tempdir()
        .context("为示例新建临时文件夹失败")?
        .keep();
    let repo = crate::store::init_repo(&dir)?;
    // The demo saves as the person's own git identity; without one, as a named demo evaluator
    // in this throw-away repository only (never a silent "unknown").
    crate::store::default_identity(&repo, "示例评价人", "demo@jixiao.invalid")?;
    let (dept, year, text) = EXAMPLE;
    let dept = Dept::parse(dept)?;
    let name = crate::record::Record::parse(&repo.record_path(&dept, year), text)
        .map(|r| r.overview.name)
        .unwrap_or_default();
    let summary = format!("导入示例：{name} {year} 年度部门整体绩效评价报告");
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
    out(&format!("示例评价库：{}\n", repo.root().display()))?;
    if std::io::stdout().is_terminal() && std::io::stdin().is_terminal() {
        let app = crate::tui::App::edit(repo.clone(), crate::tui::Theme::from_env(), dept, year)?;
        crate::tui::run(app)?;
        out(&format!(
            "示例评价库保留在 {}（可用 jixiao --repo 该目录 继续）\n",
            repo.root().display()
        ))?;
    } else {
        // Not a terminal (a pipe, CI): show what the editor would.
        let e = repo.load(&dept, year)?;
        out(&format!("\n{}", score_text(&e)))?;
        out("\n检查结果（jixiao check）：\n")?;
        out(&findings_text(&e.findings()))?;
    }
    Ok(0)
}
