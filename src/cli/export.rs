//! `jixiao export`: the report as .docx or Markdown, refused while `check` reports errors.

use super::report::findings_text;
use super::target;
use crate::check;
use crate::export::{self, Format};
use crate::repo::Repo;
use crate::store;
use anyhow::Result;
use clap::{Args, ValueEnum};
use std::io::Write;
use std::path::PathBuf;

/// `--format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    /// Word 文档（.docx）
    Docx,
    /// Markdown 文本（.md）
    Md,
}

/// The arguments of `jixiao export`; their doc comments are the `--help` text, in Chinese.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// 部门标识（如 bj-traffic）
    pub dept: String,
    /// 年度（四位数字，如 2023）
    pub year: String,
    /// 导出格式：docx（Word 文档，默认）或 md（Markdown 文本）
    #[arg(
        long,
        value_enum,
        default_value = "docx",
        hide_default_value = true,
        hide_possible_values = true
    )]
    pub format: FormatArg,
    /// 写入的文件（默认：评价库 `exports/` 下的 部门标识-年度.docx / .md，git 不跟踪该目录；在评价库以外运行时写到当前目录；`-` 表示标准输出）
    #[arg(short, long, value_name = "文件")]
    pub output: Option<PathBuf>,
    /// 导出某个 git 修订（提交号、HEAD~1、标签）时的记录，而不是工作文件
    #[arg(long, value_name = "修订", conflicts_with = "draft")]
    pub rev: Option<String>,
    /// 导出某个已命名稿（初稿、征求意见稿 …）的记录
    #[arg(long, value_name = "稿名")]
    pub draft: Option<String>,
    /// 即使检查（check）报告错误也导出；封面上注明“草稿”
    #[arg(long)]
    pub force: bool,
}

/// Runs `jixiao export`; returns the exit status.
pub fn run(repo: &Repo, a: ExportArgs) -> Result<i32> {
    let (dept, year) = target(&a.dept, &a.year)?;
    let e = match a.rev.as_deref().or(a.draft.as_deref()) {
        // A past revision is reported with the rubric it was scored with then.
        Some(spec) => store::evaluate_at(repo, &dept, year, spec)?,
        None => repo.load(&dept, year)?,
    };
    let findings = e.findings();
    let errors = check::has_errors(&findings);
    let mut err = std::io::stderr().lock();
    if errors && !a.force {
        err.write_all(findings_text(&findings).as_bytes())?;
        writeln!(
            err,
            "{}",
            crate::text::cli::error(crate::text::cli::EXPORT_REFUSED)
        )?;
        return Ok(1);
    }
    if !findings.is_empty() {
        err.write_all(findings_text(&findings).as_bytes())?;
    }
    let format = match a.format {
        FormatArg::Docx => Format::Docx,
        FormatArg::Md => Format::Markdown,
    };
    let bytes = export::render(&e, format, errors)?;
    let path = match a.output {
        Some(p) => p,
        None => default_path(repo, &format!("{dept}-{year}.{}", format.extension()))?,
    };
    if path.as_os_str() == "-" {
        let mut o = std::io::stdout().lock();
        o.write_all(&bytes)?;
        o.flush()?;
    } else {
        store::refuse_git_path(repo, &path)?;
        let path = output_path(repo, &path)?;
        crate::tomlio::write_atomic(&path, &bytes)?;
        writeln!(err, "{}", crate::text::cli::exported(&path, errors))?;
    }
    Ok(0)
}

/// Where a report goes without `-o`: `exports/NAME` when the current folder is inside the
/// repository (a report written into the working tree would otherwise sit there untracked),
/// else `NAME` in the current folder.
pub(super) fn default_path(repo: &Repo, name: &str) -> Result<PathBuf> {
    let inside = match (
        std::env::current_dir().and_then(std::fs::canonicalize),
        std::fs::canonicalize(repo.root()),
    ) {
        (Ok(cwd), Ok(root)) => cwd.starts_with(root),
        // Unknown: the repository's folder is the safe choice, never its working tree.
        _ => true,
    };
    if inside {
        Ok(repo.exports_dir()?.join(name))
    } else {
        Ok(PathBuf::from(name))
    }
}

/// The output file, refused when it lies inside the repository under a symbolic link (a
/// link committed to the repository must not redirect the report elsewhere). A path outside
/// the repository is the person's own choice and taken as given.
pub(super) fn output_path(repo: &Repo, path: &std::path::Path) -> Result<PathBuf> {
    use std::path::Component;
    let lexical = |p: &std::path::Path| -> std::io::Result<PathBuf> {
        let mut out = PathBuf::new();
        for c in std::path::absolute(p)?.components() {
            match c {
                Component::ParentDir => {
                    out.pop();
                }
                Component::CurDir => {}
                c => out.push(c),
            }
        }
        Ok(out)
    };
    let (Ok(abs), Ok(root)) = (lexical(path), lexical(repo.root())) else {
        return Ok(path.to_path_buf());
    };
    match abs.strip_prefix(&root) {
        Ok(rel) => Ok(crate::repo::safe_path(&root, rel)?),
        Err(_) => Ok(path.to_path_buf()),
    }
}
