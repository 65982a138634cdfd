//! Blame's memory: the leaf scores of each revision of a record, keyed by the record's blob
//! and its rubric's blob, in `.git/jixiao/cache/blame/DEPT-YEAR.json`, so that blaming a
//! record again scores only the revisions saved since (scoring is most of blame's time: about
//! 2 ms a revision, 2.4 s for 1,000).
//!
//! Only revisions whose rows all have ids are kept: their scores follow from their text and
//! their rubric alone, while an older revision without ids takes them from the newer one
//! (`record::rows::inherit_row_ids`) and is scored afresh each time. The file holds the
//! version of jixiao that scored it and is ignored under any other; one that cannot be read or
//! written only costs the time of scoring again.

use git2::Oid;
use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

/// A revision's leaf scores by leaf key (`NodeScore::key`).
pub(super) type Scores = BTreeMap<String, Decimal>;

/// The cache of one record.
#[derive(Serialize, Deserialize, Default)]
pub(super) struct BlameCache {
    version: String,
    /// Every leaf key met, once; a revision's scores are listed in this order.
    keys: Vec<String>,
    /// `RECORD_BLOB:RUBRIC_BLOB` → the score of each key (`None`: no such leaf there).
    revs: HashMap<String, Vec<Option<Kept>>>,
    #[serde(skip)]
    index: HashMap<String, usize>,
    #[serde(skip)]
    path: Option<PathBuf>,
    #[serde(skip)]
    changed: bool,
}

/// A score as kept: `[mantissa, scale]`, the decimal exactly, written and read without
/// formatting it (a first blame keeps a thousand revisions' forty scores).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Kept(Decimal);

impl Serialize for Kept {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        (self.0.mantissa(), self.0.scale()).serialize(s)
    }
}

impl<'de> Deserialize<'de> for Kept {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let (mantissa, scale) = <(i128, u32)>::deserialize(d)?;
        Decimal::try_from_i128_with_scale(mantissa, scale)
            .map(Kept)
            .map_err(serde::de::Error::custom)
    }
}

fn slot(blob: Oid, rubric: Oid) -> String {
    format!("{blob}:{rubric}")
}

impl BlameCache {
    /// The cache of `DEPT/YEAR` in `git`, empty when missing, unreadable or of another version.
    pub(super) fn load(git: &git2::Repository, record: &str) -> BlameCache {
        let path = super::cache::record_file(git, "blame", record);
        let mut c = super::cache::read::<BlameCache>(&path)
            .filter(|c| c.version == env!("CARGO_PKG_VERSION"))
            .unwrap_or_default();
        c.version = env!("CARGO_PKG_VERSION").to_string();
        c.index = c
            .keys
            .iter()
            .enumerate()
            .map(|(i, k)| (k.clone(), i))
            .collect();
        c.path = Some(path);
        c
    }

    /// The scores of the record's blob under the rubric's blob, if kept.
    pub(super) fn get(&self, blob: Oid, rubric: Oid) -> Option<Scores> {
        let row = self.revs.get(&slot(blob, rubric))?;
        let mut out = Scores::new();
        for (k, v) in self.keys.iter().zip(row) {
            if let Some(Kept(v)) = v {
                out.insert(k.clone(), *v);
            }
        }
        Some(out)
    }

    /// Whether the scores of the record's blob under the rubric's blob are kept.
    pub(super) fn has(&self, blob: Oid, rubric: Oid) -> bool {
        self.revs.contains_key(&slot(blob, rubric))
    }

    /// Keeps the scores of the record's blob under the rubric's blob.
    pub(super) fn put(&mut self, blob: Oid, rubric: Oid, scores: &Scores) {
        for k in scores.keys() {
            if !self.index.contains_key(k) {
                self.index.insert(k.clone(), self.keys.len());
                self.keys.push(k.clone());
            }
        }
        let mut row = vec![None; self.keys.len()];
        for (k, v) in scores {
            row[self.index[k]] = Some(Kept(*v));
        }
        self.revs.insert(slot(blob, rubric), row);
        self.changed = true;
    }

    /// Writes the cache if anything was added (atomically; a failure is not an error).
    pub(super) fn save(&self) {
        if !self.changed {
            return;
        }
        if let Some(p) = &self.path {
            super::cache::write(p, self);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores_come_back_as_kept_and_keys_are_shared() {
        let dir = tempfile::tempdir().unwrap();
        let git = git2::Repository::init(dir.path()).unwrap();
        let (a, b, r) = (
            Oid::hash_object(git2::ObjectType::Blob, b"a").unwrap(),
            Oid::hash_object(git2::ObjectType::Blob, b"b").unwrap(),
            Oid::hash_object(git2::ObjectType::Blob, b"r").unwrap(),
        );
        let mut c = BlameCache::load(&git, "dept/2024");
        assert!(c.get(a, r).is_none());
        let first: Scores = [("x".to_string(), Decimal::new(150, 2))].into();
        let second: Scores = [
            ("y".to_string(), Decimal::new(3, 0)),
            ("x".to_string(), Decimal::new(2, 1)),
        ]
        .into();
        c.put(a, r, &first);
        c.put(b, r, &second);
        c.save();
        let c = BlameCache::load(&git, "dept/2024");
        assert_eq!(c.get(a, r), Some(first));
        assert_eq!(c.get(b, r), Some(second));
        assert_eq!(c.keys.len(), 2);
        assert!(c.get(a, b).is_none());
        // Another record's cache is another file.
        assert!(BlameCache::load(&git, "dept/2025").get(a, r).is_none());
    }

    /// A file whose scores are not `[mantissa, scale]` pairs of a decimal (the strings of an
    /// older build, a scale beyond 28) is not read: every revision is scored again.
    #[test]
    fn a_file_of_another_form_is_scored_again() {
        let dir = tempfile::tempdir().unwrap();
        let git = git2::Repository::init(dir.path()).unwrap();
        let (a, r) = (
            Oid::hash_object(git2::ObjectType::Blob, b"a").unwrap(),
            Oid::hash_object(git2::ObjectType::Blob, b"r").unwrap(),
        );
        let path = super::super::cache::record_file(&git, "blame", "dept/2024");
        let version = env!("CARGO_PKG_VERSION");
        let written = |row: &str| {
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(
                &path,
                format!(r#"{{"version":"{version}","keys":["x"],"revs":{{"{a}:{r}":[{row}]}}}}"#),
            )
            .unwrap();
            BlameCache::load(&git, "dept/2024").get(a, r)
        };
        assert_eq!(
            written("[350,2]"),
            Some([("x".to_string(), Decimal::new(350, 2))].into())
        );
        assert_eq!(written(r#""3.50""#), None);
        assert_eq!(written("[350,29]"), None);
        assert_eq!(written("null"), Some(Scores::new()));
    }
}
