//! Every record of the working tree with its score, as `jixiao list` and the home screen show
//! them, answered from a cache for the files that did not change.
//!
//! Scoring means parsing a record and its rubric: about half a millisecond a record, 10 s for
//! a province's 20,000. A record whose file (size, modification time to the nanosecond,
//! inode) and whose rubric file are as they were when it was scored keeps its figures, kept in
//! the worktree's `.git/jixiao/cache/scores.json` together with the version of jixiao that
//! scored them. A file changed within the second before the cache is written is not kept (a
//! second change in the same clock tick would look unchanged). Records that cannot be read are
//! never kept: their error is found again each time.

use crate::error::{Error, Result};
use crate::repo::{Dept, Repo};
use crate::rubric::Rubric;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// A record's figures as listed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Listed {
    /// The department's name (部门名称).
    pub name: String,
    /// The total, two decimals, or 未完成 while inputs are missing.
    pub total_text: String,
    /// The total as a number when the record is complete.
    pub total: Option<String>,
    /// The grade; empty while inputs are missing.
    pub grade: String,
    pub complete: bool,
    /// The rubric's grade names, best first (for a distribution of grades); shared by the
    /// records of one rubric, so 20,000 records do not hold 80,000 copies of them.
    pub bands: Arc<[String]>,
}

impl Listed {
    /// The figures of a scored record.
    pub fn of(e: &crate::repo::Evaluation) -> Listed {
        Listed {
            name: e.record.overview.name.clone(),
            total_text: e.card.total_text(),
            total: e.card.complete.then(|| crate::num::fixed2(e.card.total)),
            grade: e.card.grade_text().to_string(),
            complete: e.card.complete,
            bands: e.rubric.grades.iter().map(|g| g.name.clone()).collect(),
        }
    }
}

/// One record of the working tree: its figures or why it cannot be read.
#[derive(Debug)]
pub struct Entry {
    pub dept: Dept,
    pub year: u16,
    pub listed: Result<Listed>,
}

/// What identifies a file's contents without reading it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
struct Stamp {
    len: u64,
    mtime_ns: u64,
    ino: u64,
}

fn stamp(path: &Path) -> Option<(Stamp, SystemTime)> {
    let m = std::fs::metadata(path).ok()?;
    let modified = m.modified().ok()?;
    let mtime_ns = u64::try_from(modified.duration_since(UNIX_EPOCH).ok()?.as_nanos()).ok()?;
    #[cfg(unix)]
    let ino = std::os::unix::fs::MetadataExt::ino(&m);
    #[cfg(not(unix))]
    let ino = 0;
    Some((
        Stamp {
            len: m.len(),
            mtime_ns,
            ino,
        },
        modified,
    ))
}

#[derive(Serialize, Deserialize)]
struct Kept {
    record: Stamp,
    rubric_name: String,
    rubric: Stamp,
    listed: Listed,
}

#[derive(Serialize, Deserialize, Default)]
struct Cache {
    /// The jixiao version that scored: another version may score differently.
    version: String,
    records: BTreeMap<String, Kept>,
}

fn version() -> String {
    format!("{}-2", env!("CARGO_PKG_VERSION"))
}

fn cache_path(repo: &Repo) -> Option<PathBuf> {
    let git = super::open(repo).ok()?;
    Some(super::cache::file(&git, "scores.json"))
}

fn read_cache(path: Option<&Path>) -> Cache {
    path.and_then(super::cache::read::<Cache>)
        .filter(|c| c.version == version())
        .unwrap_or_default()
}

/// Every record of the working tree (of `year`, when given), in order, with its figures; also
/// the record folders refused (symbolic links out of the repository).
pub fn list(repo: &Repo, year: Option<u16>) -> (Vec<Entry>, Vec<Error>) {
    let (records, refused) = repo.list_plain();
    let path = cache_path(repo);
    let mut old = read_cache(path.as_deref());
    let old_len = old.records.len();
    // One copy of each rubric's grade names, and one look at each rubric file.
    let mut bands: HashMap<Arc<[String]>, ()> = HashMap::new();
    let mut share = |b: Arc<[String]>| -> Arc<[String]> {
        match bands.get_key_value(&b) {
            Some((k, _)) => Arc::clone(k),
            None => {
                bands.insert(Arc::clone(&b), ());
                b
            }
        }
    };
    // Each rubric file looked at once, before any record is scored: a rubric changed while
    // they are scored then differs from its stamp next time, and its records are scored again.
    let rubric_stamps = rubric_stamps(repo);
    let rubric_stamp = |name: &str| rubric_stamps.get(name).copied();
    let mut new = Cache {
        version: version(),
        records: BTreeMap::new(),
    };
    let now = SystemTime::now();
    let fresh = |t: SystemTime| now.duration_since(t).unwrap_or_default() < Duration::from_secs(1);
    let wanted: Vec<(Dept, u16, bool)> = records
        .into_iter()
        .filter(|(_, y, _)| year.is_none_or(|want| want == *y))
        .collect();
    let stamps: Vec<Option<(Stamp, SystemTime)>> = wanted
        .iter()
        .map(|(d, y, _)| stamp(&repo.record_path(d, *y)))
        .collect();
    let kept = |i: usize, k: &Kept| {
        stamps[i].map(|s| s.0) == Some(k.record)
            && rubric_stamp(&k.rubric_name).map(|s| s.0) == Some(k.rubric)
    };
    // The records whose figures are not kept are scored first, on every core: scoring is
    // the whole cost of a first listing.
    let misses: Vec<(Dept, u16, bool)> = wanted
        .iter()
        .enumerate()
        .filter(|(i, (d, y, _))| {
            !old.records
                .get(&Repo::record_rel(d, *y))
                .is_some_and(|k| kept(*i, k))
        })
        .map(|(_, r)| r.clone())
        .collect();
    let mut scored = score_all(repo, &misses).into_iter();
    let mut out = Vec::new();
    let mut changed = false;
    for (i, (dept, y, plain)) in wanted.into_iter().enumerate() {
        let rel = Repo::record_rel(&dept, y);
        let record_stamp = stamps[i];
        let hit = old.records.remove(&rel).filter(|k| kept(i, k));
        let listed = match hit {
            Some(mut k) => {
                k.listed.bands = share(Arc::clone(&k.listed.bands));
                let listed = k.listed.clone();
                new.records.insert(rel, k);
                Ok(listed)
            }
            None => {
                changed = true;
                let scored = scored
                    .next()
                    .unwrap_or_else(|| load(repo, &mut Read::new(), &(dept.clone(), y, plain)));
                let (listed, rubric) = match scored {
                    Ok((mut l, rubric)) => {
                        l.bands = share(l.bands);
                        (Ok(l), Some(rubric))
                    }
                    Err(e) => (Err(e), None),
                };
                let found = rubric.as_deref().and_then(rubric_stamp);
                if let (Ok(l), Some((rs, rt)), Some(name), Some((ss, st))) =
                    (&listed, record_stamp, rubric, found)
                    && !fresh(rt)
                    && !fresh(st)
                {
                    new.records.insert(
                        rel,
                        Kept {
                            record: rs,
                            rubric_name: name,
                            rubric: ss,
                            listed: l.clone(),
                        },
                    );
                }
                listed
            }
        };
        out.push(Entry {
            dept,
            year: y,
            listed,
        });
    }
    // Entries of other years are kept when listing one year.
    if year.is_some() {
        for (k, v) in old.records {
            new.records.entry(k).or_insert(v);
        }
    }
    // A record deleted since is dropped too.
    if changed || new.records.len() != old_len {
        write(path.as_deref(), &new);
    }
    (out, refused)
}

/// The rubrics one thread of a listing has read, by name: each rubric file is looked at
/// once a listing, not once a record.
type Read = HashMap<String, Arc<Rubric>>;

/// A record's figures and the name of the rubric it was scored with.
fn load(
    repo: &Repo,
    rubrics: &mut Read,
    (dept, year, plain): &(Dept, u16, bool),
) -> Result<(Listed, String)> {
    let rubric_for = |name: &str| match rubrics.get(name) {
        Some(r) => Ok(Arc::clone(r)),
        None => {
            let r = repo.load_rubric(name)?;
            rubrics.insert(name.to_string(), Arc::clone(&r));
            Ok(r)
        }
    };
    // A listing shows names, totals and grades: no indicator's detail.
    repo.load_listed(dept, *year, *plain, crate::score::Explain::No, rubric_for)
        .map(|e| (Listed::of(&e), e.record.rubric))
}

/// The stamp of every `rubrics/NAME.toml`, by name.
fn rubric_stamps(repo: &Repo) -> HashMap<String, (Stamp, SystemTime)> {
    let dir = repo.root().join("rubrics");
    std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|f| {
            let name = f.file_name().to_str()?.strip_suffix(".toml")?.to_string();
            Some((name, stamp(&f.path())?))
        })
        .collect()
}

/// The figures of `records`, in order, scored on as many threads as the machine has cores
/// (up to 8), each taking a contiguous share.
fn score_all(repo: &Repo, records: &[(Dept, u16, bool)]) -> Vec<Result<(Listed, String)>> {
    let load_all = |part: &[(Dept, u16, bool)]| {
        let mut rubrics = Read::new();
        part.iter()
            .map(|r| load(repo, &mut rubrics, r))
            .collect::<Vec<_>>()
    };
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, 8);
    if threads == 1 || records.len() < 2 * threads {
        return load_all(records);
    }
    let share = records.len().div_ceil(threads);
    std::thread::scope(|s| {
        let workers: Vec<_> = records
            .chunks(share)
            .map(|part| s.spawn(move || load_all(part)))
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().unwrap_or_else(|p| std::panic::resume_unwind(p)))
            .collect()
    })
}

/// Keeps the cache; one that cannot be written only costs the next listing its time.
fn write(path: Option<&Path>, cache: &Cache) {
    if let Some(p) = path {
        super::cache::write(p, cache);
    }
}
