//! `jixiao summary`: the finance bureau's workbook of every department-year (see
//! [`crate::summary`]), written where `jixiao export` writes reports.

use super::export::{default_path, output_path};
use crate::repo::{Repo, parse_year};
use crate::store;
use anyhow::{Context, Result};
use clap::{Args, ValueEnum};
use std::io::Write;
use std::path::PathBuf;

/// `--format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SummaryFormat {
    /// 电子表格工作簿（.xlsx）
    Xlsx,
    /// Markdown 文本（.md）
    Md,
    /// JSON（.json）
    Json,
}

impl SummaryFormat {
    fn extension(self) -> &'static str {
        match self {
            SummaryFormat::Xlsx => "xlsx",
            SummaryFormat::Md => "md",
            SummaryFormat::Json => "json",
        }
    }
}

/// The arguments of `jixiao summary`; their doc comments are the `--help` text, in Chinese.
#[derive(Debug, Args)]
pub struct SummaryArgs {
    /// 只汇总该年度（四位数字，如 2023）；各部门的历年得分表列到该年度为止
    #[arg(long)]
    pub year: Option<String>,
    /// 输出格式：xlsx（电子表格工作簿，默认）、md（Markdown 文本）或 json
    #[arg(
        long,
        value_enum,
        default_value = "xlsx",
        hide_default_value = true,
        hide_possible_values = true
    )]
    pub format: SummaryFormat,
    /// 写入的文件（默认：评价库 `exports/` 下的 绩效汇总[-年度].xlsx / .md / .json，git 不跟踪该目录；在评价库以外运行时写到当前目录；`-` 表示标准输出）
    #[arg(short, long, value_name = "文件")]
    pub output: Option<PathBuf>,
}

/// Runs `jixiao summary`; returns the exit status.
pub fn run(repo: &Repo, a: SummaryArgs) -> Result<i32> {
    let year = a.year.as_deref().map(parse_year).transpose()?;
    let s = crate::summary::build(repo, year)?;
    let mut err = std::io::stderr().lock();
    for u in &s.unreadable {
        let what = if u.record.is_empty() {
            String::new()
        } else {
            format!("{} ", u.record)
        };
        writeln!(
            err,
            "jixiao summary: 未读取 {what}{}",
            crate::text::printable(&u.error)
        )?;
    }
    let bytes = match a.format {
        SummaryFormat::Xlsx => crate::summary::xlsx(&s)?,
        SummaryFormat::Md => {
            let mut t = crate::summary::markdown(&s);
            t.push('\n');
            t.into_bytes()
        }
        SummaryFormat::Json => {
            let mut t = serde_json::to_string_pretty(&crate::summary::json(&s))?;
            t.push('\n');
            t.into_bytes()
        }
    };
    let path = match a.output {
        Some(p) => p,
        None => {
            let name = match year {
                Some(y) => format!("绩效汇总-{y}.{}", a.format.extension()),
                None => format!("绩效汇总.{}", a.format.extension()),
            };
            default_path(repo, &name)?
        }
    };
    if path.as_os_str() == "-" {
        let mut o = std::io::stdout().lock();
        o.write_all(&bytes)?;
        o.flush()?;
    } else {
        store::refuse_git_path(repo, &path)?;
        let path = output_path(repo, &path)?;
        crate::tomlio::write_atomic(&path, &bytes)
            .with_context(|| format!("写入汇总表 {} 失败", path.display()))?;
        let records: usize = s.tables.iter().map(|t| t.rows.len()).sum();
        writeln!(
            err,
            "已写出汇总表 {}（{records} 份记录，{} 个部门）",
            path.display(),
            s.departments.len()
        )?;
    }
    Ok(0)
}
