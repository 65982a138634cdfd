//! The history of a record: every commit that changed its file, newest first, with the total
//! score of each revision.
//!
//! Scores come from the commit's `Score:` trailer when its `Record:` trailer names this very
//! record (jixiao writes both on every save, computed by the same scoring); commits without
//! them (made with plain git) or whose trailers name another record are re-scored from the
//! file. Which commits changed the record is always decided from the trees, never from the
//! trailers, so a plain-git commit that touched several records still shows up.

use super::rubrics::Rubrics;
use super::touches::touches;
use super::{Time, draft::draft_names, git_error, open, short};
use crate::error::{Error, Result};
use crate::record::memo::Memo;
use crate::repo::{Dept, Repo};
use git2::Oid;
use rust_decimal::Decimal;
use serde::Serialize;
use std::str::FromStr;

/// One revision of a record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Revision {
    /// The full commit id.
    pub id: String,
    /// Its first seven digits.
    pub short: String,
    pub author: String,
    pub email: String,
    /// The author's time.
    pub time: Time,
    /// The message's first line.
    pub summary: String,
    /// The whole message, trailers included.
    pub message: String,
    /// 总分 of the record at this revision; `None` when it was deleted or does not parse.
    pub total: Option<Decimal>,
    /// `total` minus the previous (older) revision's total.
    pub delta: Option<Decimal>,
    pub grade: Option<String>,
    /// The draft names (初稿 …) that point at this revision.
    pub drafts: Vec<String>,
    /// The blob id of the rubric this revision is scored with: `rubrics/NAME.toml` in its
    /// commit, else the working file's (see `store::rubrics`).
    pub rubric: Option<String>,
    /// Whether that rubric differs from the previous (older) revision's.
    pub rubric_changed: bool,
    /// When the rubric changed: the part of `delta` the rubric's change made (this revision's
    /// total minus its record scored with the older revision's rubric).
    pub rubric_delta: Option<Decimal>,
    /// What was wrong with this revision's rubric: invalid there (then there is no total,
    /// whatever a trailer says), or not found or not readable (then only a trailer's total).
    pub error: Option<String>,
    /// The total and grade with today's rubric (`log --rubric-now`).
    pub total_now: Option<Decimal>,
    pub grade_now: Option<String>,
}

/// What `log` computes besides reading the trailers.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LogOptions {
    /// Ignore the trailers: read every commit's tree, score every revision from its file
    /// (with the rubric of its commit).
    pub rescore: bool,
    /// Also score every revision with today's (the working tree's) rubric.
    pub rubric_now: bool,
}

/// The `Key: value` trailers of a commit message, as git reads them (`git interpret-trailers`):
/// the last paragraph, keys and values trimmed. An unparseable message has none.
pub(super) fn trailers(message: &str) -> Vec<(String, String)> {
    git2::message_trailers_strs(message)
        .map(|t| {
            t.iter()
                .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
                .collect()
        })
        .unwrap_or_default()
}

/// The new total and grade of a `Score: OLD -> NEW (GRADE)` trailer for `record` (`DEPT/YEAR`).
pub(super) fn score_trailer(message: &str, record: &str) -> Option<(Decimal, String)> {
    let t = trailers(message);
    if !t.iter().any(|(k, v)| k == "Record" && v == record) {
        return None;
    }
    let (_, score) = t.iter().find(|(k, _)| k == "Score")?;
    let (_, new) = score.split_once("->")?;
    let (total, grade) = new.split_once('(')?;
    let grade = grade.trim_end().strip_suffix(')')?.trim();
    Some((Decimal::from_str(total.trim()).ok()?, grade.to_string()))
}

/// Every revision of a record, newest first. With `rescore`, trailers are ignored: every
/// commit's tree is read to find the revisions, and every revision is scored from its file.
pub fn log_with(repo: &Repo, dept: &Dept, year: u16, rescore: bool) -> Result<Vec<Revision>> {
    log_opts(
        repo,
        dept,
        year,
        LogOptions {
            rescore,
            rubric_now: false,
        },
    )
}

/// Every revision of a record, newest first, each scored with the rubric of its own commit
/// (from its `Score:` trailer, which was computed so, unless `rescore`), marked where the
/// rubric changed; a revision whose rubric was invalid there has an `error` and no total.
pub fn log_opts(repo: &Repo, dept: &Dept, year: u16, opts: LogOptions) -> Result<Vec<Revision>> {
    let rescore = opts.rescore;
    let git = open(repo)?;
    let mut at = Rubrics::new(&git, repo);
    // Per revision: its record's blob and rubric name, to score it with an older rubric.
    let mut meta: Vec<(Oid, Option<Oid>, Option<String>)> = Vec::new();
    let rel = Repo::record_rel(dept, year);
    let record = format!("{dept}/{year}");
    let drafts = draft_names(&git, dept, year)?;
    let path = repo.record_path(dept, year);
    // Revisions scored here are read table by table, each from the one before.
    let mut memo = Memo::to_resolve();
    let mut out = Vec::new();
    for t in touches(&git, &rel, &record, !rescore)? {
        let c = git
            .find_commit(t.id)
            .map_err(|e| git_error(crate::text::store::READ_COMMIT, e))?;
        let message = String::from_utf8_lossy(c.message_bytes()).into_owned();
        let (mut scored, mut rubric, mut error, mut now, mut name) = (None, None, None, None, None);
        if let Some(b) = t.blob {
            let trailer = score_trailer(&message, &record).filter(|_| !rescore);
            // A revision scored from its trailer needs only its rubric's name, at the top of
            // the file; the whole text only when it is scored here.
            let head = at.blob_rubric_name(b);
            let text = if head.is_none() || trailer.is_none() || opts.rubric_now {
                at.blob_text(b, &crate::text::store::at_revision(&rel, short(t.id)))?
            } else {
                String::new()
            };
            name = head.or_else(|| {
                crate::record::Record::parse(&path, &text)
                    .ok()
                    .map(|r| r.rubric)
            });
            match &name {
                // A record that does not say its rubric does not parse: no score to give.
                None => scored = trailer,
                Some(n) => match at.rubric(t.id, n) {
                    Ok((r, id)) => {
                        rubric = id;
                        scored = match trailer {
                            Some(s) => Some(s),
                            None => memo
                                .lend_with_row_ids(&path, &text)
                                .and_then(|(rec, _, loan)| {
                                    // Only the total and grade are shown.
                                    let e = repo.evaluate_parsed_with(
                                        dept,
                                        year,
                                        rec,
                                        &text,
                                        &r,
                                        crate::score::Explain::No,
                                    )?;
                                    memo.give_back(e.record, loan);
                                    Ok((e.card.total, e.card.grade_or_incomplete()))
                                })
                                .ok(),
                        };
                    }
                    // Never a total from an invalid rubric, even one a trailer recorded.
                    Err(e @ Error::InvalidRubric { .. }) => {
                        rubric = at.identity(t.id, n).ok().flatten();
                        error = Some(e.to_string());
                    }
                    // A rubric that cannot be read at all (gone from the commit and from the
                    // working tree): its trailer, if any, still tells what it scored then.
                    Err(e) => {
                        scored = trailer;
                        error = Some(e.to_string());
                    }
                },
            }
            if opts.rubric_now {
                now = match repo.evaluate(dept, year, &text) {
                    Ok(e) => Some((e.card.total, e.card.grade_or_incomplete())),
                    Err(e @ Error::InvalidRubric { .. }) => return Err(e),
                    Err(_) => None,
                };
            }
        }
        meta.push((t.id, t.blob, name));
        let author = c.author();
        out.push(Revision {
            id: t.id.to_string(),
            short: short(t.id),
            author: String::from_utf8_lossy(author.name_bytes()).into_owned(),
            email: String::from_utf8_lossy(author.email_bytes()).into_owned(),
            time: Time::of(author.when()),
            summary: message.lines().next().unwrap_or_default().to_string(),
            message,
            total: scored.as_ref().map(|s| s.0),
            delta: None,
            grade: scored.map(|s| s.1),
            drafts: drafts.get(&t.id).cloned().unwrap_or_default(),
            rubric: rubric.map(|r| r.to_string()),
            rubric_changed: false,
            rubric_delta: None,
            error,
            total_now: now.as_ref().map(|n| n.0),
            grade_now: now.map(|n| n.1),
        });
    }
    for i in 0..out.len() {
        let older = out.get(i + 1).and_then(|r| r.total);
        out[i].delta = match (out[i].total, older) {
            (Some(a), Some(b)) => Some(a - b),
            _ => None,
        };
        let older_rubric = out.get(i + 1).and_then(|r| r.rubric.clone());
        out[i].rubric_changed =
            out[i].rubric.is_some() && older_rubric.is_some() && out[i].rubric != older_rubric;
        if out[i].rubric_changed
            && let (Some(total), Some((_, Some(blob), _)), Some((older_id, _, Some(older_name)))) =
                (out[i].total, meta.get(i), meta.get(i + 1))
            && let Ok((older_rubric, _)) = at.rubric(*older_id, older_name)
        {
            let text =
                at.blob_text(*blob, &crate::text::store::at_revision(&rel, &out[i].short))?;
            out[i].rubric_delta = repo
                .evaluate_with(dept, year, &text, &older_rubric)
                .ok()
                .map(|e| total - e.card.total);
        }
    }
    Ok(out)
}

/// Every revision of a record, newest first, with its total and the change from the one before.
pub fn log(repo: &Repo, dept: &Dept, year: u16) -> Result<Vec<Revision>> {
    log_with(repo, dept, year, false)
}

#[cfg(test)]
mod tests {
    use super::super::touches::record_trailer;
    use super::*;

    #[test]
    fn reads_the_score_trailer_of_its_own_record_only() {
        let msg = "调整资产管理得分\n\n说明正文。\n\nRecord: bj-traffic/2023\nScore: 95.97 -> 96.47 (优)\n";
        assert_eq!(
            score_trailer(msg, "bj-traffic/2023"),
            Some((Decimal::new(9647, 2), "优".to_string()))
        );
        assert_eq!(score_trailer(msg, "bj-traffic/2024"), None);
        let first = "新建\n\nRecord: x/2023\nScore: none -> 0.00 (差)";
        assert_eq!(
            score_trailer(first, "x/2023"),
            Some((Decimal::ZERO.round_dp(2), "差".to_string()))
        );
        // Not a trailer block: the last paragraph has a line that is not `Key: value`.
        assert_eq!(
            score_trailer("x\n\nRecord: x/2023\nScore: 1 -> 2 (优)\n正文", "x/2023"),
            None
        );
    }

    #[test]
    fn reads_trailers_as_git_does() {
        // Spaces around the separator and the value, and trailers added by other tools.
        let msg = "改分\n\n正文\n\nSigned-off-by: 张三 <z@example.org>\nRecord :  x/2023  \nScore:   80.00  ->  91.50  (优)\nReviewed-by: 李四\n";
        assert_eq!(
            score_trailer(msg, "x/2023"),
            Some((Decimal::new(9150, 2), "优".to_string()))
        );
        assert_eq!(record_trailer(msg).as_deref(), Some("x/2023"));
        let t = trailers(msg);
        assert_eq!(t.len(), 4);
        assert_eq!(
            t[0],
            ("Signed-off-by".into(), "张三 <z@example.org>".into())
        );
        // Trailers are the last paragraph only: the same lines in the body are not trailers.
        let body = "改分\n\nRecord: x/2023\nScore: 1 -> 2 (优)\n\n说明。\n";
        assert_eq!(score_trailer(body, "x/2023"), None);
        assert_eq!(record_trailer(body), None);
        assert_eq!(record_trailer("一行\n"), None);
        // A subject is never a trailer.
        assert_eq!(record_trailer("Record: x/2023\n"), None);
    }
}
