//! The history of a record: every commit that changed its file, newest first, with the total
//! score of each revision.
//!
//! Scores come from the commit's `Score:` trailer when its `Record:` trailer names this very
//! record (jixiao writes both on every save, computed by the same scoring); commits without
//! them (made with plain git) or whose trailers name another record are re-scored from the
//! file. Which commits changed the record is always decided from the trees, never from the
//! trailers, so a plain-git commit that touched several records still shows up.

use super::rubrics::{self, Rubrics};
use super::{Time, blob_text, draft::draft_names, git_error, open, short};
use crate::error::{Error, Result};
use crate::repo::{Dept, Repo};
use git2::Oid;
use rust_decimal::Decimal;
use serde::Serialize;
use std::collections::HashMap;
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

/// A commit that changed the record, with the record's blob there.
pub(super) struct Touch {
    pub id: Oid,
    pub blob: Option<Oid>,
}

/// The entry `name` of a tree in git's raw tree format (`MODE NAME\0<20-byte id>`…).
/// Scanning the bytes avoids building the whole entry list of a large tree, which was most
/// of the time of walking 20,000 commits.
fn raw_entry(data: &[u8], name: &[u8]) -> Option<Oid> {
    let mut rest = data;
    while !rest.is_empty() {
        let space = rest.iter().position(|&b| b == b' ')?;
        let nul = space + 1 + rest[space + 1..].iter().position(|&b| b == 0)?;
        let id = rest.get(nul + 1..nul + 21)?;
        if &rest[space + 1..nul] == name {
            return Oid::from_bytes(id).ok();
        }
        rest = &rest[nul + 21..];
    }
    None
}

/// Finds the blob at a path in commits' trees, remembering every tree already looked into.
pub(super) struct PathLookup<'r> {
    odb: git2::Odb<'r>,
    parts: Vec<Vec<u8>>,
    /// Per level: tree id → the id of the entry at that level.
    memo: Vec<HashMap<Oid, Option<Oid>>>,
}

impl<'r> PathLookup<'r> {
    /// A lookup of `rel` (`records/DEPT/YEAR.toml`) in the trees of `git`.
    pub(super) fn new(git: &'r git2::Repository, rel: &str) -> Result<PathLookup<'r>> {
        let parts: Vec<Vec<u8>> = rel.split('/').map(|p| p.as_bytes().to_vec()).collect();
        Ok(PathLookup {
            odb: git
                .odb()
                .map_err(|e| git_error(crate::text::store::OPEN_ODB, e))?,
            memo: vec![HashMap::new(); parts.len()],
            parts,
        })
    }

    /// The id at the path under tree `root` (a blob id when the path is a file).
    pub(super) fn find(&mut self, root: Oid) -> Result<Option<Oid>> {
        let mut at = root;
        for level in 0..self.parts.len() {
            let next = match self.memo[level].get(&at) {
                Some(n) => *n,
                None => {
                    let obj = self
                        .odb
                        .read(at)
                        .map_err(|e| git_error(crate::text::store::READ_TREE, e))?;
                    let n = if obj.kind() == git2::ObjectType::Tree {
                        raw_entry(obj.data(), &self.parts[level])
                    } else {
                        None
                    };
                    self.memo[level].insert(at, n);
                    n
                }
            };
            match next {
                Some(n) => at = n,
                None => return Ok(None),
            }
        }
        Ok(Some(at))
    }
}

/// The `Record:` trailer of a commit message: a `Record: …` line of its last paragraph, the
/// subject excepted.
///
/// The walks read this for every commit of the history, and git's whole trailer grammar
/// (libgit2's parser, and a string for every trailer) was a tenth of a first `log`. A message
/// this reads otherwise than git only costs time: a commit taken for the record's has its tree
/// read, and one taken for another record's that changed it breaks the chain of blobs the
/// walks check, so that every tree is read.
fn record_trailer(message: &str) -> Option<String> {
    let (_, last) = message.trim_end().rsplit_once("\n\n")?;
    last.lines().find_map(|line| {
        let (key, value) = line.split_once(':')?;
        (key.trim() == "Record").then(|| value.trim().to_string())
    })
}

/// Every commit reachable from HEAD that changed `rel` (the file of record `record`),
/// newest first.
///
/// A jixiao save changes only the record its `Record:` trailer names, so by default the trees
/// of single-parent commits whose trailer names another record are not read: on the
/// benchmark repository that skips 19,000 of 20,000 tree lookups. The shortcut is verified:
/// the record's blob at HEAD must be that of the newest revision found, the blob in the parent
/// of each revision found that of the next older one, and the oldest must have created the
/// file. A history with merges is walked the same way along every line of descent
/// (`touches_by_trailer_merged`). Any mismatch (a commit amended by hand to change more than
/// its trailer says) falls back to reading every commit's tree, as `trust_trailers = false`
/// always does. What the check cannot see is a pair of such hidden changes that cancel out
/// between two revisions found: `--rescore` reads every tree.
pub(super) fn touches(
    git: &git2::Repository,
    rel: &str,
    record: &str,
    trust_trailers: bool,
) -> Result<Vec<Touch>> {
    if trust_trailers {
        if let Some(found) = touches_by_trailer(git, rel, record)? {
            return Ok(found);
        }
        // A history with merges (every sync that merges makes one).
        if let Some(found) = touches_by_trailer_merged(git, rel, record)? {
            return Ok(found);
        }
    }
    let mut lookup = PathLookup::new(git, rel)?;
    let mut memo: HashMap<Oid, Option<Oid>> = HashMap::new();
    let mut blob_of = |id: Oid| -> Result<Option<Oid>> {
        if let Some(b) = memo.get(&id) {
            return Ok(*b);
        }
        let c = git
            .find_commit(id)
            .map_err(|e| git_error(crate::text::store::READ_COMMIT, e))?;
        let b = lookup.find(c.tree_id())?;
        memo.insert(id, b);
        Ok(b)
    };
    let mut out = Vec::new();
    for id in walk(git)? {
        let id = id.map_err(|e| git_error(crate::text::store::WALK_HISTORY, e))?;
        let commit = git
            .find_commit(id)
            .map_err(|e| git_error(crate::text::store::READ_COMMIT, e))?;
        let blob = blob_of(id)?;
        let mut changed = true;
        for p in commit.parent_ids() {
            if blob_of(p)? == blob {
                changed = false;
                break;
            }
        }
        // A commit without the record whose parents lacked it too is not about it.
        if changed && (blob.is_some() || commit.parent_count() > 0) {
            out.push(Touch { id, blob });
        }
    }
    Ok(out)
}

fn walk(git: &git2::Repository) -> Result<git2::Revwalk<'_>> {
    let mut walk = git
        .revwalk()
        .map_err(|e| git_error(crate::text::store::WALK_HISTORY, e))?;
    let head = match git.head().and_then(|h| h.peel_to_commit()) {
        Ok(c) => c.id(),
        Err(_) => return Ok(walk),
    };
    walk.set_sorting(git2::Sort::TOPOLOGICAL | git2::Sort::TIME)
        .and_then(|_| walk.push(head))
        .map_err(|e| git_error(crate::text::store::WALK_HISTORY, e))?;
    Ok(walk)
}

/// The revisions found through the trailers, or `None` when that cannot be trusted here.
///
/// Each commit is read once: a revision's parent comes next in the walk (the history is
/// linear here, a merge falls back), so the record's blob in the parent is looked up when the
/// walk reaches it rather than by reading the parent commit a second time.
fn touches_by_trailer(
    git: &git2::Repository,
    rel: &str,
    record: &str,
) -> Result<Option<Vec<Touch>>> {
    let mut lookup = PathLookup::new(git, rel)?;
    // (revision, blob there, its parent's id); then each parent's blob, once walked.
    let mut found: Vec<(Touch, Option<Oid>)> = Vec::new();
    let mut wanted: HashMap<Oid, Option<Oid>> = HashMap::new();
    let mut at_head = None;
    // Down the parents from HEAD rather than through a revision walk, which reads every
    // commit once to sort them and once more here (libgit2 keeps no object cache for us),
    // and only down to the HEAD of the last answer kept, whose revisions still hold.
    let head = git
        .head()
        .and_then(|h| h.peel_to_commit())
        .ok()
        .map(|c| c.id());
    let kept = super::history_cache::load(git, record);
    let mut older: Vec<Touch> = Vec::new();
    // The record's blob where the walk met the kept HEAD (none: the walk reached the root).
    let mut below = None;
    let mut next = head;
    let mut n = 0usize;
    while let Some(id) = next {
        if let Some(k) = &kept
            && k.head == id
        {
            let blob = k.head_blob;
            if n == 0 {
                at_head = blob;
            }
            if let Some(b) = wanted.get_mut(&id) {
                *b = blob;
            }
            below = blob;
            older = k
                .revs
                .iter()
                .map(|t| Touch {
                    id: t.id,
                    blob: t.blob,
                })
                .collect();
            break;
        }
        let commit = git
            .find_commit(id)
            .map_err(|e| git_error(crate::text::store::READ_COMMIT, e))?;
        if commit.parent_count() > 1 {
            return Ok(None);
        }
        next = commit.parent_ids().next();
        let is_parent = wanted.contains_key(&id);
        let names = std::str::from_utf8(commit.message_bytes())
            .ok()
            .and_then(record_trailer);
        let ours = names.is_none_or(|r| r == record);
        let blob = if n == 0 || is_parent || ours {
            lookup.find(commit.tree_id())?
        } else {
            None
        };
        if n == 0 {
            at_head = blob;
        }
        if is_parent {
            wanted.insert(id, blob);
        }
        if ours {
            let parent = next;
            if let Some(p) = parent {
                wanted.entry(p).or_insert(None);
            }
            found.push((Touch { id, blob }, parent));
        }
        n += 1;
    }
    // A commit that named the record without changing it is not a revision.
    let parent_blob = |p: Option<Oid>| p.and_then(|p| wanted.get(&p).copied().flatten());
    found.retain(|(t, parent)| t.blob != parent_blob(*parent));
    // The newest revision found must be what HEAD holds, each one's parent must hold the
    // next older one, and the oldest must have created the file (or its parent hold what the
    // kept HEAD held, whose revisions were checked so when they were found).
    let newest = found.first().map_or(below, |(t, _)| t.blob);
    let chained = newest == at_head
        && found
            .iter()
            .zip(found.iter().skip(1).map(|(t, _)| t.blob).chain([below]))
            .all(|((_, parent), older)| parent_blob(*parent) == older);
    if !chained {
        return Ok(None);
    }
    let mut all: Vec<Touch> = found.into_iter().map(|(t, _)| t).collect();
    all.extend(older);
    if let Some(h) = head
        && kept.as_ref().is_none_or(|k| k.head != h)
    {
        super::history_cache::save(git, record, h, at_head, &all);
    }
    Ok(Some(all))
}

/// The revisions found through the trailers in a history that may hold merges, in the order
/// of the walk of every tree (`touches`), or `None` when that cannot be trusted; the answer is
/// kept with HEAD as the linear walk's is.
///
/// Every commit is read once, for its parents and its trailer; trees only of the commits that
/// can have changed the record (those naming it or no record, merges, roots), of their parents
/// and of HEAD. The check is the linear walk's, along each line of descent: every tree read
/// must hold what the nearest commit below it that may change the record holds.
fn touches_by_trailer_merged(
    git: &git2::Repository,
    rel: &str,
    record: &str,
) -> Result<Option<Vec<Touch>>> {
    /// A commit: its parents, its tree, and whether it may change the record.
    struct Node {
        parents: Vec<Oid>,
        tree: Oid,
        ours: bool,
    }
    let mut order = Vec::new();
    let mut nodes: HashMap<Oid, Node> = HashMap::new();
    for id in walk(git)? {
        let id = id.map_err(|e| git_error(crate::text::store::WALK_HISTORY, e))?;
        let commit = git
            .find_commit(id)
            .map_err(|e| git_error(crate::text::store::READ_COMMIT, e))?;
        let names = std::str::from_utf8(commit.message_bytes())
            .ok()
            .and_then(record_trailer);
        let ours = commit.parent_count() != 1 || names.is_none_or(|r| r == record);
        let node = Node {
            parents: commit.parent_ids().collect(),
            tree: commit.tree_id(),
            ours,
        };
        nodes.insert(id, node);
        order.push(id);
    }
    // The trees to read: of each commit that may change the record and of its parents, and
    // of HEAD.
    let mut lookup = PathLookup::new(git, rel)?;
    let mut blobs: HashMap<Oid, Option<Oid>> = HashMap::new();
    let wanted = order
        .iter()
        .filter(|id| nodes[*id].ours)
        .flat_map(|id| std::iter::once(id).chain(&nodes[id].parents))
        .chain(order.first());
    for id in wanted {
        if !blobs.contains_key(id)
            && let Some(n) = nodes.get(id)
        {
            blobs.insert(*id, lookup.find(n.tree)?);
        }
    }
    // Parents first: what each commit holds if only the commits that may change it did.
    let mut carried: HashMap<Oid, Option<Oid>> = HashMap::new();
    for id in order.iter().rev() {
        let n = &nodes[id];
        let held = if n.ours {
            blobs.get(id).copied().flatten()
        } else {
            match n.parents.first().map(|p| carried.get(p)) {
                Some(Some(b)) => *b,
                Some(None) => return Ok(None),
                None => None,
            }
        };
        if blobs.get(id).is_some_and(|b| *b != held) {
            return Ok(None);
        }
        carried.insert(*id, held);
    }
    let blob_at = |id: &Oid| blobs.get(id).copied().flatten();
    let found: Vec<Touch> = order
        .iter()
        .filter(|id| {
            let n = &nodes[*id];
            let blob = blob_at(id);
            n.ours
                && n.parents.iter().all(|p| blob_at(p) != blob)
                && (blob.is_some() || !n.parents.is_empty())
        })
        .map(|id| Touch {
            id: *id,
            blob: blob_at(id),
        })
        .collect();
    if let Some(&head) = order.first() {
        super::history_cache::save(git, record, head, blob_at(&head), &found);
    }
    Ok(Some(found))
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
            let head = rubrics::blob_rubric_name(&git, b);
            let text = if head.is_none() || trailer.is_none() || opts.rubric_now {
                blob_text(&git, b, &crate::text::store::at_revision(&rel, short(t.id)))?
            } else {
                String::new()
            };
            name = head.or_else(|| {
                crate::record::Record::parse(&repo.record_path(dept, year), &text)
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
                            None => repo
                                .evaluate_with(dept, year, &text, &r)
                                .ok()
                                .map(|e| (e.card.total, e.card.grade_or_incomplete())),
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
            let text = blob_text(
                &git,
                *blob,
                &crate::text::store::at_revision(&rel, &out[i].short),
            )?;
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
    use super::*;

    #[test]
    fn finds_entries_in_raw_trees() {
        let id = |b: u8| [b; 20];
        let mut raw = Vec::new();
        for (mode, name, b) in [
            ("40000", "dept-0", 1u8),
            ("100644", "dept-000", 2),
            ("40000", "dept-001", 3),
        ] {
            raw.extend_from_slice(format!("{mode} {name}\0").as_bytes());
            raw.extend_from_slice(&id(b));
        }
        assert_eq!(raw_entry(&raw, b"dept-000"), Oid::from_bytes(&id(2)).ok());
        assert_eq!(raw_entry(&raw, b"dept-001"), Oid::from_bytes(&id(3)).ok());
        assert_eq!(raw_entry(&raw, b"dept-00"), None);
        assert_eq!(raw_entry(&raw[..raw.len() - 3], b"dept-001"), None);
    }

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
