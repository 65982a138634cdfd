//! What jixiao says about a sync, for the command line and the editor alike: what came in,
//! what went out, and, on a conflict, every field with its value on both sides.

use crate::repo::{Dept, Repo, parse_year};
use crate::store::{PathConflict, SyncOutcome, SyncReport, short_rev};
use crate::text::printable_line;
use serde_json::{Value, json};

/// `records/DEPT/YEAR.toml` → the department and year.
fn record_of(path: &str) -> Option<(Dept, u16)> {
    let rest = path.strip_prefix("records/")?;
    let (dept, file) = rest.split_once('/')?;
    Some((
        Dept::parse(dept).ok()?,
        parse_year(file.strip_suffix(".toml")?).ok()?,
    ))
}

/// `records/bj-traffic/2023.toml` for people: `bj-traffic/2023`.
fn record_name(path: &str) -> String {
    record_of(path)
        .map(|(d, y)| format!("{d}/{y}"))
        .unwrap_or_else(|| path.to_string())
}

/// A field of a record for people: its path, and the rubric's label when the record's
/// rubric declares one (`budget.text「情况说明」`).
fn field_label(repo: &Repo, path: &str, field: &str, label: &str) -> String {
    let declared = record_of(path)
        .and_then(|(d, y)| repo.load(&d, y).ok())
        .and_then(|e| e.rubric.catalogue.label(field).map(str::to_string));
    match declared {
        Some(l) => format!("{}「{}」", printable_line(label), printable_line(&l)),
        None => printable_line(label),
    }
}

fn value(v: &Option<String>) -> String {
    v.as_deref()
        .map(printable_line)
        .unwrap_or_else(|| "（无）".into())
}

fn list(items: &[String]) -> String {
    items
        .iter()
        .map(|i| record_name(i))
        .collect::<Vec<_>>()
        .join("、")
}

/// What a sync did, or why it committed nothing, for people.
pub fn sync_text(repo: &Repo, outcome: &SyncOutcome) -> String {
    match outcome {
        SyncOutcome::Synced(r) => report_text(r),
        SyncOutcome::Conflicts {
            remote,
            branch,
            conflicts,
        } => {
            let mut o = format!(
                "未同步：本地与 {remote}/{branch} 修改了相同的内容（冲突）。没有提交任何修改，分支、工作文件和稿次都保持原样：\n"
            );
            for c in conflicts {
                match c {
                    PathConflict::Fields { path, conflicts } => {
                        o.push_str(&format!("  {}（{path}）\n", record_name(path)));
                        for f in conflicts {
                            o.push_str(&format!(
                                "    {}：原值 {}；本地 {}；远端 {}\n",
                                field_label(repo, path, &f.field, &f.label),
                                value(&f.base),
                                value(&f.ours),
                                value(&f.theirs)
                            ));
                        }
                    }
                    PathConflict::File {
                        path,
                        local,
                        remote,
                    } => o.push_str(&format!(
                        "  {}：本地{local}，远端{remote}（jixiao 只逐字段合并记录文件）\n",
                        printable_line(path)
                    )),
                }
            }
            o.push_str(
                "解决办法：在本地把这些字段改成与远端相同的值并保存（jixiao edit 或 jixiao commit），再同步，之后可再修改；\
                 不同意远端的值时，先与对方商定。（在编辑器中逐项选取两边的值，尚待提供。）\n",
            );
            o
        }
    }
}

fn report_text(r: &SyncReport) -> String {
    let mut o = String::new();
    let at = format!("{}/{}", r.remote, r.branch);
    match (&r.merge, r.ahead, r.behind) {
        (Some(m), _, _) => o.push_str(&format!(
            "已合并 {at} 的 {} 个提交与本地的 {} 个提交（合并提交 {}）\n",
            r.behind,
            r.ahead,
            short_rev(m)
        )),
        (None, _, b) if b > 0 || !r.taken.is_empty() => {
            o.push_str(&format!("已取回 {at} 的 {b} 个提交（快进）\n"))
        }
        _ => {}
    }
    if !r.merged.is_empty() {
        o.push_str(&format!("逐字段合并的记录：{}\n", list(&r.merged)));
    }
    if !r.taken.is_empty() {
        o.push_str(&format!("取自远端的文件：{}\n", list(&r.taken)));
    }
    if r.pushed {
        o.push_str(&format!("已推送到 {at}\n"));
    }
    if !r.drafts_in.is_empty() {
        o.push_str(&format!("取回的稿次：{}\n", r.drafts_in.join("、")));
    }
    if !r.drafts_out.is_empty() {
        o.push_str(&format!("推送的稿次：{}\n", r.drafts_out.join("、")));
    }
    for d in &r.diverged {
        o.push_str(&format!(
            "未移动的稿次 {}：本地指向 {}，远端指向 {}。稿名一经命名不会移动：请商定保留哪一个，\
             在另一边用 `git tag -d {}` 删除（远端用 `git push {} :refs/tags/{}`）后再同步\n",
            printable_line(&d.name),
            d.local,
            d.remote,
            printable_line(&d.name),
            r.remote,
            printable_line(&d.name)
        ));
    }
    if let Some(e) = &r.push_error {
        o.push_str(&format!(
            "推送失败（本地的合并已提交，不会丢失）：{}\n请稍后再运行 jixiao sync\n",
            printable_line(e)
        ));
    }
    if o.is_empty() {
        o.push_str(&format!("已是最新：本地与 {at} 一致\n"));
    }
    o
}

/// The sync's outcome, for tools.
pub fn sync_json(outcome: &SyncOutcome) -> Value {
    match outcome {
        SyncOutcome::Synced(r) => json!({
            "synced": true,
            "remote": r.remote,
            "branch": r.branch,
            "ahead": r.ahead,
            "behind": r.behind,
            "merge": r.merge,
            "merged": r.merged,
            "taken": r.taken,
            "pushed": r.pushed,
            "drafts_in": r.drafts_in,
            "drafts_out": r.drafts_out,
            "diverged": r.diverged,
            "push_error": r.push_error,
        }),
        SyncOutcome::Conflicts {
            remote,
            branch,
            conflicts,
        } => json!({
            "synced": false,
            "remote": remote,
            "branch": branch,
            "conflicts": conflicts.iter().map(|c| match c {
                PathConflict::Fields { path, conflicts } => json!({
                    "path": path,
                    "fields": conflicts.iter().map(|f| json!({
                        "field": f.field, "label": f.label, "base": f.base,
                        "local": f.ours, "remote": f.theirs,
                    })).collect::<Vec<_>>(),
                }),
                PathConflict::File { path, local, remote } => json!({
                    "path": path, "local": local, "remote": remote,
                }),
            }).collect::<Vec<_>>(),
        }),
    }
}
