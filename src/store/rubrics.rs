//! The rubric as it was in a commit: `rubrics/NAME.toml` read from the commit's tree, so that
//! an old revision is scored with the rubric it was saved under and editing a rubric does not
//! rewrite history.
//!
//! A commit whose tree has no `rubrics/NAME.toml` (a repository whose rubrics were never
//! committed) is scored with the working tree's rubric. A rubric's identity is the id of the
//! blob that scored: the commit's blob, or the hash of the working file; two revisions are
//! "under different rubrics" when these differ. Rubrics are parsed and validated once per blob,
//! so a 1,000-revision log parses each version of a rubric once. An invalid rubric never
//! scores: the revision shows the rubric's problems instead of a total.

use super::objects::Objects;
use super::touches::PathLookup;
use super::{blob_text, git_error, open, resolve, short};
use crate::error::{Error, Result};
use crate::repo::{Dept, Evaluation, Repo, problem_lines};
use crate::rubric::Rubric;
use crate::score::Explain;
use git2::Oid;
use rust_decimal::Decimal;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Why a rubric read from history cannot score (kept instead of the error, which is not `Clone`).
#[derive(Clone)]
enum Unusable {
    /// `jixiao rubric check` rejects it: its problems.
    Invalid(Vec<String>),
    /// It does not parse: the error's text.
    Unreadable(String),
}

/// `rubrics/NAME.toml` relative to the repository root, as git names it.
pub fn rubric_rel(name: &str) -> String {
    format!("rubrics/{name}.toml")
}

/// The blob id and text of `rubrics/NAME.toml` at revision `spec` (any git revision), or
/// `None` when that commit does not hold the rubric.
pub fn rubric_text_at(repo: &Repo, spec: &str, name: &str) -> Result<Option<(String, String)>> {
    let git = open(repo)?;
    let commit = commit_at(&git, spec)?;
    let rel = rubric_rel(name);
    match rubric_blob(&git, commit.id(), name)? {
        Some(b) => Ok(Some((
            b.to_string(),
            blob_text(
                &git,
                b,
                &crate::text::store::at_revision(&rel, short(commit.id())),
            )?,
        ))),
        None => Ok(None),
    }
}

/// The blob id of `rubrics/NAME.toml` at revision `spec`, without reading the rubric.
pub(super) fn rubric_blob_at(
    git: &git2::Repository,
    spec: &str,
    name: &str,
) -> Result<Option<String>> {
    let commit = commit_at(git, spec)?;
    Ok(rubric_blob(git, commit.id(), name)?.map(|b| b.to_string()))
}

fn commit_at<'g>(git: &'g git2::Repository, spec: &str) -> Result<git2::Commit<'g>> {
    git.revparse_single(spec)
        .and_then(|o| o.peel_to_commit())
        .map_err(|e| {
            Error::Git(crate::text::store::no_revision(
                spec,
                super::cause::cause(&e),
            ))
        })
}

/// The blob of `rubrics/NAME.toml` in commit `commit`'s tree.
fn rubric_blob(git: &git2::Repository, commit: Oid, name: &str) -> Result<Option<Oid>> {
    let c = git
        .find_commit(commit)
        .map_err(|e| git_error(crate::text::store::READ_COMMIT, e))?;
    super::blob_id(&c, &rubric_rel(name))
}

/// The hash git would give the working tree's `rubrics/NAME.toml`, if it can be read. Named
/// with the CPU's SHA-1 ([`super::index::blob_id`]): libgit2's collision-detecting one took
/// 0.78M of a save's 24M instructions for a 23 KB rubric.
pub(super) fn working_blob(repo: &Repo, name: &str) -> Option<Oid> {
    let bytes = std::fs::read(repo.rubric_path(name)).ok()?;
    Some(super::index::blob_id(&bytes))
}

/// The rubric name a record's text gives in its top-level `rubric = "NAME"` line, read
/// without parsing the whole record (a log of 1,000 trailer-scored revisions parses none).
pub(super) fn rubric_name(text: &str) -> Option<String> {
    for line in text.lines() {
        let t = line.trim();
        if t.starts_with('[') {
            break;
        }
        let Some(v) = t
            .strip_prefix("rubric")
            .and_then(|r| r.trim_start().strip_prefix('='))
        else {
            continue;
        };
        let v = v.trim();
        let quote = v.chars().next().filter(|c| *c == '"' || *c == '\'')?;
        let inner = &v[1..];
        let end = inner.find(quote)?;
        return Some(inner[..end].to_string());
    }
    None
}

/// [`rubric_name`] of a record's blob, reading only the part before its first table.
fn blob_rubric_name(objects: &mut Objects, blob: Oid) -> Option<String> {
    let (_, bytes) = objects
        .read(blob, crate::text::store::OPEN_ODB)
        .ok()
        .filter(|(k, _)| *k == git2::ObjectType::Blob)?;
    let end = bytes
        .windows(2)
        .position(|w| w == b"\n[")
        .map_or(bytes.len(), |p| p + 1);
    rubric_name(std::str::from_utf8(&bytes[..end]).ok()?)
}

/// Rubrics read from commits, parsed and validated once per blob.
pub(super) struct Rubrics<'r> {
    git: &'r git2::Repository,
    repo: &'r Repo,
    /// Shared, so that a log checking every revision's rubric does not copy it each time.
    by_blob: HashMap<Oid, std::result::Result<Arc<Rubric>, Unusable>>,
    /// The working tree's rubrics, for commits that do not hold theirs.
    working: HashMap<String, (Arc<Rubric>, Option<Oid>)>,
    /// `rubrics/NAME.toml` in commits' trees, by name: the `rubrics` folder is the same tree
    /// in most commits, so most lookups read only the commit's root tree.
    lookups: HashMap<String, PathLookup<'r>>,
    /// The commits and record blobs read.
    objects: Objects<'r>,
    /// The last answer of `blob_in`: a revision's rubric is asked for by its identity first
    /// and then to score it, and each asking read the commit and its root tree.
    last_in: Option<(Oid, String, Option<Oid>)>,
}

impl<'r> Rubrics<'r> {
    /// An empty cache over `git`, the repository of `repo`.
    pub fn new(git: &'r git2::Repository, repo: &'r Repo) -> Rubrics<'r> {
        Rubrics {
            git,
            repo,
            by_blob: HashMap::new(),
            working: HashMap::new(),
            lookups: HashMap::new(),
            objects: Objects::new(git),
            last_in: None,
        }
    }

    /// [`rubric_name`] of a record's blob (at the top of the file), read through this cache's
    /// reader of objects.
    pub fn blob_rubric_name(&mut self, blob: Oid) -> Option<String> {
        blob_rubric_name(&mut self.objects, blob)
    }

    /// The text of a record's blob; `what` names it in an error.
    pub fn blob_text(&mut self, blob: Oid, what: &str) -> Result<String> {
        self.objects.blob_text(blob, what)
    }

    /// The blob of `rubrics/NAME.toml` in `commit`'s tree.
    fn blob_in(&mut self, commit: Oid, name: &str) -> Result<Option<Oid>> {
        if let Some((c, n, b)) = &self.last_in
            && *c == commit
            && n == name
        {
            return Ok(*b);
        }
        let found = self.blob_in_tree(commit, name)?;
        self.last_in = Some((commit, name.to_string(), found));
        Ok(found)
    }

    /// [`Rubrics::blob_in`], read from the commit's tree.
    fn blob_in_tree(&mut self, commit: Oid, name: &str) -> Result<Option<Oid>> {
        let tree = self.objects.commit(commit)?.tree;
        if !self.lookups.contains_key(name) {
            let l = PathLookup::new(self.git, &rubric_rel(name))?;
            self.lookups.insert(name.to_string(), l);
        }
        match self.lookups.get_mut(name) {
            Some(l) => l.find(tree),
            None => Ok(None),
        }
    }

    /// The identity of the rubric `name` scores with at `commit`: its blob there, else the
    /// working file's hash.
    pub fn identity(&mut self, commit: Oid, name: &str) -> Result<Option<Oid>> {
        Ok(match self.blob_in(commit, name)? {
            Some(b) => Some(b),
            None => working_blob(self.repo, name),
        })
    }

    /// The rubric `name` as it was at `commit` (the working tree's when the commit does not
    /// hold it), with its identity; an error naming the file and revision when it is invalid.
    pub fn rubric(&mut self, commit: Oid, name: &str) -> Result<(Arc<Rubric>, Option<Oid>)> {
        let Some(blob) = self.blob_in(commit, name)? else {
            if let Some((r, id)) = self.working.get(name) {
                return Ok((Arc::clone(r), *id));
            }
            let r = self.repo.load_rubric(name)?;
            let id = working_blob(self.repo, name);
            self.working.insert(name.to_string(), (Arc::clone(&r), id));
            return Ok((r, id));
        };
        let rel = rubric_rel(name);
        let at = crate::text::store::as_in_revision(short(commit));
        if !self.by_blob.contains_key(&blob)
            && working_blob(self.repo, name) == Some(blob)
            && let Ok(r) = self.repo.load_rubric(name)
        {
            // The commit holds the working file's very text: the process's parsed copy will do
            // (a save scores the tip with it on every commit).
            self.by_blob.insert(blob, Ok(r));
        }
        if !self.by_blob.contains_key(&blob) {
            let parsed = self
                .objects
                .blob_text(blob, &crate::text::store::at_revision(&rel, short(commit)))
                .and_then(|text| {
                    // `REV:rubrics/NAME.toml`, as git names a file of a revision.
                    let path = PathBuf::from(format!("{}:{rel}", short(commit)));
                    Rubric::parse_named(&path, &text, name)
                });
            let entry = match parsed {
                Ok(r) => {
                    let problems = problem_lines(&r);
                    if problems.is_empty() {
                        Ok(Arc::new(r))
                    } else {
                        Err(Unusable::Invalid(problems))
                    }
                }
                Err(e) => Err(Unusable::Unreadable(e.to_string())),
            };
            self.by_blob.insert(blob, entry);
        }
        match self.by_blob.get(&blob) {
            Some(Ok(r)) => Ok((Arc::clone(r), Some(blob))),
            Some(Err(Unusable::Invalid(problems))) => Err(Error::InvalidRubric {
                path: Path::new(&rel).to_path_buf(),
                at,
                name: name.to_string(),
                problems: problems.clone(),
            }),
            Some(Err(Unusable::Unreadable(msg))) => Err(Error::Other(msg.clone())),
            None => Err(Error::Other(crate::text::store::unreadable(&rel, &at))),
        }
    }

    /// Scores a record's text with the rubric as it was at `commit`; also the rubric's identity.
    pub fn evaluate(
        &mut self,
        commit: Oid,
        dept: &Dept,
        year: u16,
        text: &str,
    ) -> Result<(Evaluation, Option<Oid>)> {
        let record = crate::record::Record::parse(&self.repo.record_path(dept, year), text)?;
        self.evaluate_parsed(commit, dept, year, record, text, Explain::Yes)
    }

    /// [`Rubrics::evaluate`] of a record already parsed from `text`, with or without the
    /// texts that explain each figure.
    pub fn evaluate_parsed(
        &mut self,
        commit: Oid,
        dept: &Dept,
        year: u16,
        record: crate::record::Record,
        text: &str,
        explain: Explain,
    ) -> Result<(Evaluation, Option<Oid>)> {
        let mut identity = None;
        let e = self
            .repo
            .evaluate_parsed(dept, year, record, text, explain, |name| {
                let (r, id) = self.rubric(commit, name)?;
                identity = id;
                Ok(r)
            })?;
        Ok((e, identity))
    }
}

/// Scores the record as it was at revision `spec` (a draft name or any git revision) with the
/// rubric as it was there (for `jixiao export --rev`).
pub fn evaluate_at(repo: &Repo, dept: &Dept, year: u16, spec: &str) -> Result<Evaluation> {
    let git = open(repo)?;
    let commit = resolve(&git, dept, year, spec)?;
    let rel = Repo::record_rel(dept, year);
    let text = super::text_in(&git, &commit, &rel)?
        .ok_or_else(|| Error::Other(crate::text::store::not_in_revision(spec, &rel)))?;
    Rubrics::new(&git, repo)
        .evaluate(commit.id(), dept, year, &text)
        .map(|(e, _)| e)
}

/// How much of a score move came from a changed rubric (`jixiao diff` across a rubric edit).
///
/// With A the older side and B the newer: `old_total` is A scored with A's rubric,
/// `new_total` B with B's rubric, and `new_with_old_rubric` B's record with A's rubric, so
/// that `new_total − old_total = record_part + rubric_part`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RubricChange {
    /// The rubric's name on each side (they differ when the record switched rubrics).
    pub old_name: String,
    pub new_name: String,
    /// Short blob ids of the rubric on each side.
    pub old_blob: Option<String>,
    pub new_blob: Option<String>,
    pub old_total: Decimal,
    pub new_total: Decimal,
    /// B's record scored with A's rubric; `None` when B names another rubric or A's rubric
    /// cannot score it.
    pub new_with_old_rubric: Option<Decimal>,
    /// `new_with_old_rubric − old_total`: what the record's edits moved.
    pub record_part: Option<Decimal>,
    /// `new_total − new_with_old_rubric`: what the rubric's edit moved.
    pub rubric_part: Option<Decimal>,
}

/// Both sides of a diff scored with today's (the working tree's) rubric, for comparison.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RubricNow {
    pub old_total: Decimal,
    pub new_total: Decimal,
    pub old_grade: String,
    pub new_grade: String,
}

/// The rubric change between two scored sides, or `None` when both used the same rubric blob.
pub(super) fn change(
    repo: &Repo,
    old: (&Evaluation, Option<Oid>),
    new: (&Evaluation, Option<Oid>),
    new_text: &str,
) -> Option<RubricChange> {
    let (o, oid) = old;
    let (n, nid) = new;
    if o.rubric.name == n.rubric.name && oid == nid {
        return None;
    }
    let with_old = repo
        .evaluate_with(&n.dept, n.year, new_text, &o.rubric)
        .ok()
        .map(|e| e.card.total);
    let blob = |b: Option<Oid>| b.map(short);
    Some(RubricChange {
        old_name: o.rubric.name.clone(),
        new_name: n.rubric.name.clone(),
        old_blob: blob(oid),
        new_blob: blob(nid),
        old_total: o.card.total,
        new_total: n.card.total,
        new_with_old_rubric: with_old,
        record_part: with_old.map(|w| w - o.card.total),
        rubric_part: with_old.map(|w| n.card.total - w),
    })
}

/// Both texts scored with the working tree's rubric (which must be valid).
pub(super) fn now(
    repo: &Repo,
    dept: &Dept,
    year: u16,
    old_text: &str,
    new_text: &str,
) -> Result<RubricNow> {
    let o = repo.evaluate(dept, year, old_text)?;
    let n = repo.evaluate(dept, year, new_text)?;
    Ok(RubricNow {
        old_total: o.card.total,
        new_total: n.card.total,
        old_grade: o.card.grade,
        new_grade: n.card.grade,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_rubric_name_from_the_top_of_a_record() {
        assert_eq!(
            rubric_name("# c\nrubric = \"beijing-department-2023\"\n[overview]\n").as_deref(),
            Some("beijing-department-2023")
        );
        assert_eq!(rubric_name("rubric='x-1' # 注释\n").as_deref(), Some("x-1"));
        // Not at the top level: inside a table it is another field.
        assert_eq!(rubric_name("[overview]\nrubric = \"x\"\n"), None);
        assert_eq!(rubric_name("rubrics = 1\n"), None);
    }

    /// A commit holding `rubrics/NAME.toml` with `text` (and a note, to make commits differ).
    fn commit_rubric(git: &git2::Repository, name: &str, text: &str, note: &str) -> Oid {
        let sig = git2::Signature::now("测试", "t@example.org").unwrap();
        let mut index = git.index().unwrap();
        let add = |index: &mut git2::Index, path: &str, data: &str| {
            let id = git.blob(data.as_bytes()).unwrap();
            let mut e = crate::store::worktree::blank_entry(path);
            e.id = id;
            e.flags = e.path.len().min(0xfff) as u16;
            index.add(&e).unwrap();
        };
        add(&mut index, &rubric_rel(name), text);
        add(&mut index, "note.txt", note);
        let tree = git.find_tree(index.write_tree().unwrap()).unwrap();
        let parents: Vec<git2::Commit> = git
            .head()
            .ok()
            .and_then(|h| h.peel_to_commit().ok())
            .into_iter()
            .collect();
        let parents: Vec<&git2::Commit> = parents.iter().collect();
        git.commit(Some("HEAD"), &sig, &sig, note, &tree, &parents)
            .unwrap()
    }

    #[test]
    fn each_version_of_a_rubric_is_parsed_once_and_scores_its_commits() {
        let dir = tempfile::tempdir().unwrap();
        let repo = crate::store::init_repo(dir.path()).unwrap();
        let git = open(&repo).unwrap();
        let name = "beijing-department-2023";
        let text = std::fs::read_to_string(repo.rubric_path(name)).unwrap();
        let edited = text.replacen("title = \"2023年度", "title = \"修订：2023年度", 1);
        let a = commit_rubric(&git, name, &text, "1");
        let b = commit_rubric(&git, name, &text, "2");
        let c = commit_rubric(&git, name, &edited, "3");
        let mut at = Rubrics::new(&git, &repo);
        let (ra, ia) = at.rubric(a, name).unwrap();
        let (_, ib) = at.rubric(b, name).unwrap();
        let (rc, ic) = at.rubric(c, name).unwrap();
        // Two versions of the file, two parses, for three commits.
        assert_eq!(at.by_blob.len(), 2);
        assert_eq!(ia, ib);
        assert_ne!(ia, ic);
        assert_eq!(ra.title, "2023年度部门整体绩效评价指标体系");
        assert_eq!(rc.title, "修订：2023年度部门整体绩效评价指标体系");
        // The same object is shared, not copied, when asked again.
        let (again, _) = at.rubric(a, name).unwrap();
        assert!(Arc::ptr_eq(&ra, &again));
    }
}
