//! The review loop on the command line: `note`, `answer`, `resolve`, `notes`, `approve`,
//! `reopen`. Each is a save through the store, so the team's rules apply to it.

use super::{json_out, out, target};
use crate::record::notes::Note;
use crate::repo::Repo;
use crate::store::{self, SaveOutcome};
use crate::text::printable_line as line;
use anyhow::Result;
use clap::Subcommand;
use serde_json::json;

/// Review commands, flattened into the top level.
#[derive(Debug, Subcommand)]
pub enum ReviewCommand {
    /// 复核人员在记录的指标、字段或部分上写批注
    Note {
        dept: String,
        year: String,
        /// 指标（路径或名称）、记录字段（如 `budget.text`）或部分（如 `budget`）
        field: String,
        /// 批注内容
        #[arg(short = 'm', long = "message")]
        message: String,
        /// 以 JSON 输出，供其他程序读取
        #[arg(long)]
        json: bool,
    },
    /// 评价人员答复批注
    Answer {
        dept: String,
        year: String,
        /// 批注的编号或标识（`jixiao notes` 所列）
        note: String,
        /// 答复内容
        #[arg(short = 'm', long = "message")]
        message: String,
        /// 以 JSON 输出，供其他程序读取
        #[arg(long)]
        json: bool,
    },
    /// 复核人员把批注标为已解决
    Resolve {
        dept: String,
        year: String,
        /// 批注的编号或标识（`jixiao notes` 所列）
        note: String,
        /// 以 JSON 输出，供其他程序读取
        #[arg(long)]
        json: bool,
    },
    /// 一份记录的全部批注及其状态
    Notes {
        dept: String,
        year: String,
        /// 以 JSON 输出，供其他程序读取
        #[arg(long)]
        json: bool,
    },
    /// 复核人员审核通过一份已命名的稿（在 git 中记为标签 `approved/部门/年度/稿名`）
    Approve {
        dept: String,
        year: String,
        /// 稿名（如 征求意见稿、终稿）
        draft: String,
        /// 以 JSON 输出，供其他程序读取
        #[arg(long)]
        json: bool,
    },
    /// 管理员重新开放已命名终稿的记录（理由随提交记入历史）
    Reopen {
        dept: String,
        year: String,
        /// 重新开放的理由
        #[arg(short = 'm', long = "message")]
        message: String,
        /// 以 JSON 输出，供其他程序读取
        #[arg(long)]
        json: bool,
    },
}

/// The JSON of a note, with its 1-based number.
pub fn note_json(i: usize, n: &Note) -> serde_json::Value {
    json!({
        "number": i + 1, "id": n.id, "field": n.field, "by": n.by, "text": n.text,
        "answer": n.answer, "answered_by": n.answered_by, "resolved_by": n.resolved_by,
        "status": n.status(), "open": n.is_open(),
    })
}

/// One note as lines of text.
pub fn note_text(i: usize, n: &Note) -> String {
    let mut s = format!(
        "{}. [{}] {}  {}：{}\n",
        i + 1,
        n.status(),
        line(&n.field),
        line(&n.by),
        line(&n.text)
    );
    if !n.answer.is_empty() {
        s.push_str(&format!(
            "   答复（{}）：{}\n",
            line(&n.answered_by),
            line(&n.answer)
        ));
    }
    if !n.resolved_by.is_empty() {
        s.push_str(&format!("   已由 {} 解决\n", line(&n.resolved_by)));
    }
    s
}

fn saved(outcome: SaveOutcome, what: &str, extra: serde_json::Value, json: bool) -> Result<i32> {
    match outcome {
        SaveOutcome::Committed { rev, .. } => {
            if json {
                let mut v = json!({"committed": true, "rev": rev});
                if let (Some(o), Some(e)) = (v.as_object_mut(), extra.as_object()) {
                    o.extend(e.clone());
                }
                json_out(&v)?;
            } else {
                out(&format!("[{}] {what}\n", &rev[..7.min(rev.len())]))?;
            }
            Ok(0)
        }
        SaveOutcome::Conflicts { conflicts, kept } => {
            if json {
                json_out(&super::history::conflicts_json(&conflicts, &kept))?;
            } else {
                out(&super::history::conflicts_text(&conflicts, &kept))?;
            }
            Ok(1)
        }
    }
}

/// Runs a review command.
pub fn run(repo: &Repo, command: ReviewCommand) -> Result<i32> {
    match command {
        ReviewCommand::Note {
            dept,
            year,
            field,
            message,
            json,
        } => {
            let (dept, year) = target(&dept, &year)?;
            let (outcome, id) = store::note(repo, &dept, year, &field, &message)?;
            saved(
                outcome,
                &format!("批注 {id} 已写在 {}", line(&field)),
                json!({"id": id}),
                json,
            )
        }
        ReviewCommand::Answer {
            dept,
            year,
            note,
            message,
            json,
        } => {
            let (dept, year) = target(&dept, &year)?;
            let outcome = store::answer(repo, &dept, year, &note, &message)?;
            saved(
                outcome,
                &format!("已答复批注 {}", line(&note)),
                json!({}),
                json,
            )
        }
        ReviewCommand::Resolve {
            dept,
            year,
            note,
            json,
        } => {
            let (dept, year) = target(&dept, &year)?;
            let outcome = store::resolve_note(repo, &dept, year, &note)?;
            saved(
                outcome,
                &format!("批注 {} 已解决", line(&note)),
                json!({}),
                json,
            )
        }
        ReviewCommand::Notes { dept, year, json } => {
            let (dept, year) = target(&dept, &year)?;
            let e = repo.load(&dept, year)?;
            if json {
                json_out(
                    &json!({"notes": e.record.notes.iter().enumerate().map(|(i, n)| note_json(i, n)).collect::<Vec<_>>()}),
                )?;
            } else if e.record.notes.is_empty() {
                out(&format!("{dept}/{year} 没有批注\n"))?;
            } else {
                let s: String = e
                    .record
                    .notes
                    .iter()
                    .enumerate()
                    .map(|(i, n)| note_text(i, n))
                    .collect();
                out(&s)?;
            }
            Ok(0)
        }
        ReviewCommand::Approve {
            dept,
            year,
            draft,
            json,
        } => {
            let (dept, year) = target(&dept, &year)?;
            let tag = store::approve(repo, &dept, year, &draft)?;
            if json {
                json_out(&json!({"approved": true, "tag": tag}))?;
            } else {
                out(&format!(
                    "{dept}/{year} {} 审核通过（标签 {}）\n",
                    line(&draft),
                    line(&tag)
                ))?;
            }
            Ok(0)
        }
        ReviewCommand::Reopen {
            dept,
            year,
            message,
            json,
        } => {
            let (dept, year) = target(&dept, &year)?;
            let outcome = store::reopen(repo, &dept, year, &message)?;
            saved(
                outcome,
                &format!("{dept}/{year} 已重新开放：{}", line(&message)),
                json!({}),
                json,
            )
        }
    }
}
