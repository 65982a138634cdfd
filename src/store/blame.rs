//! Blame: for every indicator, the revision that last changed its score, who made it, when,
//! and the reason given (the override's reason, else the 评分依据, else the commit summary).

use super::blame_ahead::{Ahead, score_revision, scores_of};
use super::blame_cache::{BlameCache, Scores};
use super::rubrics::Rubrics;
use super::touches::touches_seen;
use super::{Time, blob_text, git_error, open, short};
use crate::error::{Error, Result};
use crate::record::memo::Memo;
use crate::record::rows::inherit_row_ids;
use crate::repo::{Dept, Repo};
use crate::score::{Explain, Scorecard};
use git2::Oid;
use rust_decimal::Decimal;
use std::collections::HashSet;

/// The last change of one indicator's score.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BlameRow {
    /// The indicator's path.
    pub path: String,
    pub name: String,
    /// Its score now (at HEAD).
    pub score: Decimal,
    /// The commit that gave it this score.
    pub rev: String,
    pub short: String,
    pub author: String,
    pub time: Time,
    /// That commit's first line.
    pub summary: String,
    /// The override's reason or the 评分依据 at that revision; empty when none was written.
    pub reason: String,
    /// The review notes (批注) on the indicator at HEAD that are not resolved yet, each as
    /// `批注人：意见`.
    pub notes: Vec<String>,
}

/// For every indicator of the record at HEAD, the last revision that changed its score.
pub fn blame(repo: &Repo, dept: &Dept, year: u16) -> Result<Vec<BlameRow>> {
    // On one core there is no other to score on while the history is walked.
    let workers = match std::thread::available_parallelism().map_or(1, |n| n.get()) {
        1 => 0,
        n => n.min(8),
    };
    blame_workers(repo, dept, year, workers)
}

/// [`blame`] with `workers` threads scoring revisions while the history is walked (none: each
/// is scored when blame reaches it). The answer is the same whatever their number.
pub fn blame_workers(repo: &Repo, dept: &Dept, year: u16, workers: usize) -> Result<Vec<BlameRow>> {
    std::thread::scope(|s| {
        let ahead = Ahead::start(s, repo, dept, year, workers);
        blame_with(repo, dept, year, ahead)
    })
}

/// [`blame`], with workers that score the revisions the walk meets as it meets them.
fn blame_with(repo: &Repo, dept: &Dept, year: u16, mut ahead: Ahead) -> Result<Vec<BlameRow>> {
    let git = open(repo)?;
    let rel = Repo::record_rel(dept, year);
    // The newest revision met is HEAD's record, which blame scores whole itself.
    let mut newest = true;
    let revs = touches_seen(&git, &rel, &format!("{dept}/{year}"), true, &mut |c, b| {
        if !std::mem::take(&mut newest) {
            ahead.offer(c, b);
        }
    })?;
    ahead.walked();
    // Each revision is scored with the rubric as it was there; an older revision that cannot
    // be scored (it does not parse, or its rubric was invalid) is looked past, HEAD's is an error.
    let mut rubrics = Rubrics::new(&git, repo);
    let path = repo.record_path(dept, year);
    let mut cache = BlameCache::load(&git, &format!("{dept}/{year}"));
    // The newer revision looked at, whose row ids older revisions written before rows had ids
    // take (record::rows), so that an indicator is followed by its id: its text, or the blob
    // that is its text when its scores came from the cache.
    let mut newer_text: Option<Result<String, Oid>> = None;
    let mut tried: HashSet<Oid> = HashSet::new();
    let mut memo = Memo::to_resolve();
    let mut card_at = |i: usize, want: Want| -> Result<Option<(Scores, Option<Scorecard>)>> {
        let Some(b) = revs[i].blob else {
            return Ok(None);
        };
        // Scores kept for this blob under this rubric: nothing to parse.
        let mut rubric_of = |j: usize, b: Oid| {
            rubrics
                .blob_rubric_name(b)
                .and_then(|name| rubrics.identity(revs[j].id, &name).ok().flatten())
        };
        // Scored by a worker during the walk, under the rubric of the commit it met it in:
        // when that is this revision's, its rubric is known without reading the blob again.
        let scored = ahead.take(b);
        let rubric = match &scored {
            Some((c, r, _)) if *c == revs[i].id => Some(*r),
            _ => rubric_of(i, b),
        };
        // Kept, and used as they are when scored under this revision's rubric.
        let mut fresh = None;
        if let Some((_, r, s)) = scored {
            cache.put(b, r, &s);
            if rubric == Some(r) {
                fresh = Some(s);
            }
        }
        if want == Want::Older
            && let Some(r) = rubric
            && !cache.has(b, r)
        {
            // Not kept: this revision and the next ones are scored on every core at once.
            // Each at most once: a revision without row ids is never kept, and must not be
            // tried again with every batch.
            let batch: Vec<(Oid, Oid, Oid)> = (i..revs.len().min(i + BATCH))
                .filter_map(|j| {
                    let b = revs[j].blob?;
                    let r = rubric_of(j, b)?;
                    (!cache.has(b, r) && !ahead.offered(b) && tried.insert(b))
                        .then_some((revs[j].id, b, r))
                })
                .collect();
            for (b, r, s) in score_on_every_core(repo, dept, year, &batch) {
                cache.put(b, r, &s);
            }
        }
        if want == Want::Older
            && let Some(s) = fresh.or_else(|| rubric.and_then(|r| cache.get(b, r)))
        {
            newer_text = Some(Err(b));
            return Ok(Some((s, None)));
        }
        let at = format!("{rel} at {}", short(revs[i].id));
        let mut text = rubrics.blob_text(b, &at)?;
        // Read once when its rows have their ids (every revision saved since rows have them).
        let mut parsed = memo.parse_with_row_ids(&path, &text).ok();
        let own_ids = parsed.as_ref().is_some_and(|(_, ids)| *ids);
        if !own_ids {
            let newer = match &newer_text {
                Some(Ok(t)) => Some(t.clone()),
                Some(Err(blob)) => Some(rubrics.blob_text(*blob, &rel)?),
                None => None,
            };
            if let Some(newer) = newer
                && let Ok(t) = inherit_row_ids(&path, &text, &newer)
            {
                text = t;
                parsed = None;
            }
        }
        let evaluated = match parsed {
            // Blame shows no indicator's detail: the figures alone.
            Some((record, _)) => {
                rubrics.evaluate_parsed(revs[i].id, dept, year, record, &text, Explain::No)
            }
            None => rubrics.evaluate(revs[i].id, dept, year, &text),
        };
        let card = match evaluated {
            Ok((e, _)) => Some(e.card),
            Err(e @ Error::InvalidRubric { .. }) if i == 0 => return Err(e),
            Err(_) => None,
        };
        let Some(card) = card else {
            return Ok(None);
        };
        let scores = scores_of(&card);
        if own_ids && let Some(r) = rubric {
            cache.put(b, r, &scores);
        }
        if want != Want::Reasons {
            newer_text = Some(Ok(text));
        }
        Ok(Some((scores, Some(card))))
    };
    let current = if revs.is_empty() {
        None
    } else {
        card_at(0, Want::Head)?.and_then(|(_, c)| c)
    };
    let Some(current) = current else {
        return Err(Error::Other(crate::text::store::no_scorable_revision(&rel)));
    };
    let leaves: Vec<_> = current.leaves().collect();
    // For each leaf: the index of the revision that set its current score.
    let mut found: Vec<Option<(usize, String)>> = vec![None; leaves.len()];
    let mut newer: (usize, Scores, Option<Scorecard>) =
        (0, scores_of(&current), Some(current.clone()));
    let mut i = 1;
    while found.iter().any(Option::is_none) {
        let older = if i < revs.len() {
            card_at(i, Want::Older)?
        } else {
            None
        };
        if i < revs.len() && older.is_none() && revs[i].blob.is_some() {
            // A revision that does not parse says nothing about scores: look past it.
            i += 1;
            continue;
        }
        for (k, leaf) in leaves.iter().enumerate() {
            if found[k].is_some() {
                continue;
            }
            let at_newer = newer.1.get(&leaf.key);
            let at_older = older.as_ref().and_then(|(s, _)| s.get(&leaf.key));
            if at_older != at_newer {
                // The reason is the newer revision's: scored now if its scores were kept.
                if newer.2.is_none() {
                    newer.2 = card_at(newer.0, Want::Reasons)?.and_then(|(_, c)| c);
                }
                let reason = newer
                    .2
                    .as_ref()
                    .and_then(|c| c.node_by_key(&leaf.key))
                    .map(|n| match &n.override_ {
                        Some(o) => o.reason.clone(),
                        None => n.basis.clone(),
                    })
                    .unwrap_or_default();
                found[k] = Some((newer.0, reason));
            }
        }
        match older {
            Some((s, c)) if i < revs.len() => newer = (i, s, c),
            _ => break,
        }
        i += 1;
    }
    cache.save();
    // The open notes of the record at HEAD, to show beside their indicators.
    let notes: Vec<crate::record::notes::Note> = revs[0]
        .blob
        .and_then(|b| blob_text(&git, b, &rel).ok())
        .and_then(|t| crate::record::Record::parse(&path, &t).ok())
        .map(|r| r.notes.into_iter().filter(|n| n.is_open()).collect())
        .unwrap_or_default();
    let mut out = Vec::new();
    for (leaf, f) in leaves.iter().zip(found) {
        let (idx, reason) = f.unwrap_or((0, String::new()));
        let c = git
            .find_commit(revs[idx].id)
            .map_err(|e| git_error(crate::text::store::READ_COMMIT, e))?;
        let author = c.author();
        out.push(BlameRow {
            path: leaf.path.clone(),
            name: leaf.name.clone(),
            score: leaf.score,
            rev: c.id().to_string(),
            short: short(c.id()),
            author: String::from_utf8_lossy(author.name_bytes()).into_owned(),
            time: Time::of(author.when()),
            summary: c.summary().unwrap_or_default().to_string(),
            reason,
            notes: notes
                .iter()
                .filter(|n| {
                    // On the indicator itself or on one of its inputs.
                    n.field == leaf.path
                        || (!leaf.field.is_empty()
                            && (n.field == leaf.field
                                || n.field.starts_with(&format!("{}.", leaf.field))))
                })
                .map(|n| crate::text::store::note_line(&n.by, &n.text))
                .collect(),
        });
    }
    Ok(out)
}

/// Revisions scored at once when blame reaches one whose scores are not kept.
const BATCH: usize = 64;

/// The leaf scores of revisions (commit, record blob, rubric blob) whose rows all have ids,
/// scored on every core, each thread with its own handle on the repository; a revision that
/// cannot be scored so is left out (blame then scores it itself, and says why if it must).
fn score_on_every_core(
    repo: &Repo,
    dept: &Dept,
    year: u16,
    batch: &[(Oid, Oid, Oid)],
) -> Vec<(Oid, Oid, Scores)> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, 8);
    if threads < 2 || batch.len() < 2 {
        return Vec::new();
    }
    let share = batch.len().div_ceil(threads);
    let path = repo.record_path(dept, year);
    std::thread::scope(|s| {
        let workers: Vec<_> = batch
            .chunks(share)
            .map(|part| {
                let path = &path;
                s.spawn(move || {
                    let Ok(git) = open(repo) else {
                        return Vec::new();
                    };
                    let mut rubrics = Rubrics::new(&git, repo);
                    let mut memo = Memo::to_resolve();
                    part.iter()
                        .filter_map(|&(commit, blob, rubric)| {
                            let card = score_revision(
                                &mut rubrics,
                                &mut memo,
                                path,
                                dept,
                                year,
                                (commit, blob),
                            )?;
                            Some((blob, rubric, scores_of(&card)))
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().unwrap_or_else(|p| std::panic::resume_unwind(p)))
            .collect()
    })
}

/// What blame scores a revision for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Want {
    /// HEAD's whole scorecard: the leaves blamed.
    Head,
    /// An older revision's scores, from the cache when kept; it becomes the newer one whose
    /// row ids the next older revision takes.
    Older,
    /// The whole scorecard of a revision whose scores came from the cache, for the reasons
    /// it gave: the chain of row ids is left where it is.
    Reasons,
}
