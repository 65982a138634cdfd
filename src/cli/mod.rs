//! The command line: thin wrappers over the library, text for people and `--json` for tools.

mod export;
pub mod history;
mod report;

use crate::check;
use crate::repo::{Dept, EXAMPLE, Repo, parse_year};
use crate::rubric::Rubric;
use crate::text::printable;
use anyhow::{Context, Result};
use clap::{Parser, Subcommand};
use std::io::Write;
use std::path::PathBuf;

pub use report::{findings_json, findings_text, score_json, score_text};

/// jixiao (绩效): prepare and score 部门整体绩效评价报告; every save is a git commit.
#[derive(Debug, Parser)]
#[command(name = "jixiao", version, about)]
pub struct Cli {
    /// The evaluation repository (default: the git repository around the current directory).
    #[arg(long, global = true, env = "JIXIAO_REPO", value_name = "DIR")]
    pub repo: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Make DIR (default: the current directory) an evaluation repository.
    Init { dir: Option<PathBuf> },
    /// Create an empty record for a department-year from a rubric.
    New {
        dept: String,
        year: String,
        /// 部门名称.
        #[arg(long)]
        name: String,
        /// The rubric (rubrics/NAME.toml).
        #[arg(long, default_value = "beijing-department-2023")]
        rubric: String,
    },
    /// The score table (表 4 and the 附件 rows).
    Score {
        dept: String,
        year: String,
        #[arg(long)]
        json: bool,
    },
    /// Findings: missing inputs, sums that do not add up, narratives that disagree with the figures.
    Check {
        dept: String,
        year: String,
        #[arg(long)]
        json: bool,
    },
    /// Write the report (部门整体绩效评价报告) as Word or Markdown.
    Export(export::ExportArgs),
    /// Every record with its department name, year, total and grade.
    List {
        #[arg(long)]
        year: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Rubric tools.
    Rubric {
        #[command(subcommand)]
        command: RubricCommand,
    },
    /// Validate the record file as edited by hand and commit it (errors refuse; warnings are listed).
    Commit {
        dept: String,
        year: String,
        /// The summary of the change (the commit message).
        #[arg(short = 'm', long = "message")]
        message: String,
        #[arg(long)]
        json: bool,
    },
    /// Every revision of a record, newest first, with its total score and change.
    Log {
        dept: String,
        year: String,
        /// Score every revision from its file (with its commit's rubric) instead of reading the
        /// commits' Score trailers.
        #[arg(long)]
        rescore: bool,
        /// Also score every revision with today's rubric (rubrics/NAME.toml as it is now).
        #[arg(long)]
        rubric_now: bool,
        #[arg(long)]
        json: bool,
    },
    /// Score, field and text changes between revisions or drafts A and B (default: the last
    /// save against the working file; with only A: A against the working file).
    Diff {
        dept: String,
        year: String,
        a: Option<String>,
        b: Option<String>,
        /// Also score both sides with today's rubric (rubrics/NAME.toml as it is now).
        #[arg(long)]
        rubric_now: bool,
        #[arg(long)]
        json: bool,
    },
    /// Name a revision (default: the last save) as a draft: 初稿, 征求意见稿, 终稿 …
    Draft {
        dept: String,
        year: String,
        name: String,
        #[arg(long)]
        rev: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// The named drafts of a record.
    Drafts {
        dept: String,
        year: String,
        #[arg(long)]
        json: bool,
    },
    /// For every indicator: the revision, author and time of the last change of its score, and why.
    Blame {
        dept: String,
        year: String,
        #[arg(long)]
        json: bool,
    },
    /// Copy the bundled example (a real 2023 report, records/ of this project) into a fresh
    /// repository and open the editor there.
    Demo,
    /// Open the record editor on a department-year.
    Edit { dept: String, year: String },
    /// The home screen: every department-year of the repository (also `jixiao` alone).
    Tui,
}

/// `jixiao rubric …`.
#[derive(Debug, Subcommand)]
pub enum RubricCommand {
    /// Validate rubrics/NAME.toml: weights add up, methods have their parameters.
    Check { name: String },
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
