//! An evaluation repository on disk: `rubrics/NAME.toml`, `records/DEPT/YEAR.toml`, found
//! like git finds its repository.

use crate::check;
use crate::error::{Error, Result};
use crate::finding::Finding;
use crate::record::Record;
use crate::rubric::{self, Rubric};
use crate::score::{self, Scorecard};
use crate::text::repo as t;
use crate::tomlio;
use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::SystemTime;

/// The bundled example: the seed's record, as (DEPT, YEAR, text).
pub const EXAMPLE: (&str, u16, &str) = (
    "bj-traffic",
    2023,
    include_str!("../records/bj-traffic/2023.toml"),
);

/// A department id: `[a-z0-9][a-z0-9_-]*`, safe as a folder name.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Dept(String);

impl Dept {
    /// Validates a department id.
    pub fn parse(s: &str) -> Result<Dept> {
        let mut chars = s.chars();
        let first_ok = chars
            .next()
            .is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit());
        let rest_ok =
            chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_');
        if first_ok && rest_ok && s.len() <= 64 {
            Ok(Dept(s.to_string()))
        } else {
            Err(Error::InvalidDept(s.to_string()))
        }
    }

    /// The id.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for Dept {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Validates a year: exactly four digits.
pub fn parse_year(s: &str) -> Result<u16> {
    if s.len() == 4 && s.chars().all(|c| c.is_ascii_digit()) && !s.starts_with('0') {
        s.parse().map_err(|_| Error::InvalidYear(s.to_string()))
    } else {
        Err(Error::InvalidYear(s.to_string()))
    }
}

/// `root/rel`, refused when any part of it below `root` is a symbolic link or `rel` is not a
/// plain relative path: every path jixiao reads or writes under `records/` and `rubrics/` goes
/// through here, so that no link can make it read or write outside the repository (and none
/// ends up committed). Parts that do not exist yet are fine: they are created as plain
/// folders and files.
pub fn safe_path(root: &Path, rel: &Path) -> Result<PathBuf> {
    let unsafe_path = |path: PathBuf, problem: String| Err(Error::UnsafePath { path, problem });
    if !rel.components().all(|c| matches!(c, Component::Normal(_))) {
        return unsafe_path(root.join(rel), t::NOT_PLAIN_PATH.into());
    }
    let mut at = root.to_path_buf();
    for name in rel.components() {
        at.push(name);
        match std::fs::symlink_metadata(&at) {
            Ok(m) if m.file_type().is_symlink() => {
                let target = std::fs::read_link(&at)
                    .map(|t| t.display().to_string())
                    .unwrap_or_else(|_| t::UNREADABLE_TARGET.into());
                return unsafe_path(at, t::symlink(&target));
            }
            Ok(_) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(root.join(rel)),
            Err(e) => return Err(Error::io(&at, e)),
        }
    }
    // No part is a link; on Windows a junction could still lead elsewhere. On Unix only a
    // symbolic link can, and resolving the whole path again for every record listed was
    // a tenth of a province's first listing.
    #[cfg(not(unix))]
    if let (Ok(real_root), Ok(real)) = (root.canonicalize(), at.canonicalize())
        && !real.starts_with(&real_root)
    {
        return unsafe_path(at, t::outside(real.display(), real_root.display()));
    }
    Ok(at)
}

/// A record loaded with its rubric and scored.
#[derive(Debug, Clone)]
pub struct Evaluation {
    pub dept: Dept,
    pub year: u16,
    pub path: PathBuf,
    pub record: Record,
    /// Shared: a listing or a blame scores thousands of records with one rubric.
    pub rubric: Arc<Rubric>,
    pub card: Scorecard,
}

impl Evaluation {
    /// Scores `record` with `rubric`.
    pub fn new(dept: Dept, year: u16, path: PathBuf, record: Record, rubric: Arc<Rubric>) -> Self {
        Self::scored(dept, year, path, record, rubric, score::Explain::Yes)
    }

    /// [`Evaluation::new`], with or without the texts that explain each figure.
    pub fn scored(
        dept: Dept,
        year: u16,
        path: PathBuf,
        record: Record,
        rubric: Arc<Rubric>,
        explain: score::Explain,
    ) -> Self {
        let card = score::score_with(&rubric, &record, explain);
        Evaluation {
            dept,
            year,
            path,
            record,
            rubric,
            card,
        }
    }

    /// Everything `jixiao check` reports for it.
    pub fn findings(&self) -> Vec<Finding> {
        check::check(&self.rubric, &self.record, &self.card, Some(self.year))
    }
}

/// Rubrics already parsed, by name, with the file's modification time and length: listing
/// 2,000 records or re-scoring on every keystroke should not parse the rubric each time,
/// and a rubric edited by hand is read again.
type RubricCache = Arc<Mutex<HashMap<String, CachedRubric>>>;

/// A parsed rubric file, with what `jixiao rubric check` found in it once it was asked.
#[derive(Debug)]
struct CachedRubric {
    modified: Option<SystemTime>,
    len: u64,
    rubric: Arc<Rubric>,
    problems: Option<Vec<String>>,
}

/// The problems `jixiao rubric check` reports for `rubric`, as `path: message` lines.
pub fn problem_lines(rubric: &Rubric) -> Vec<String> {
    rubric.validate().iter().map(ToString::to_string).collect()
}

/// An evaluation repository.
/// The folder of exported reports, relative to the repository's root.
pub const EXPORTS: &str = "exports";

#[derive(Debug, Clone)]
pub struct Repo {
    root: PathBuf,
    rubrics: RubricCache,
}

impl Repo {
    /// The repository at `root`, as is.
    pub fn at(root: impl Into<PathBuf>) -> Repo {
        Repo {
            root: root.into(),
            rubrics: RubricCache::default(),
        }
    }

    /// The folder.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// `records/DEPT/YEAR.toml`.
    pub fn record_path(&self, dept: &Dept, year: u16) -> PathBuf {
        self.root
            .join("records")
            .join(dept.as_str())
            .join(format!("{year}.toml"))
    }

    /// `records/DEPT/YEAR.toml`, refused when it or a folder on the way is a symbolic link
    /// (see [`safe_path`]): use this for every read and write of the file.
    pub fn checked_record_path(&self, dept: &Dept, year: u16) -> Result<PathBuf> {
        safe_path(&self.root, Path::new(&Self::record_rel(dept, year)))
    }

    /// `rubrics/NAME.toml`, refused like [`Repo::checked_record_path`].
    pub fn checked_rubric_path(&self, name: &str) -> Result<PathBuf> {
        safe_path(
            &self.root,
            &Path::new("rubrics").join(format!("{name}.toml")),
        )
    }

    /// `exports/`, where `jixiao export` writes reports by default, created with a
    /// `.gitignore` of `*`: the folder ignores itself and what it holds, so reports never show
    /// up in `git status` nor get committed by accident, whatever the repository's own
    /// `.gitignore` says.
    pub fn exports_dir(&self) -> Result<PathBuf> {
        let dir = safe_path(&self.root, Path::new(EXPORTS))?;
        let ignore = safe_path(&self.root, &Path::new(EXPORTS).join(".gitignore"))?;
        if !ignore.exists() {
            std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
            tomlio::write_atomic(&ignore, t::EXPORTS_IGNORE.as_bytes())?;
        }
        Ok(dir)
    }

    /// The path of a record relative to the root, with `/` (as git names it).
    pub fn record_rel(dept: &Dept, year: u16) -> String {
        format!("records/{dept}/{year}.toml")
    }

    /// The names of the rubrics in `rubrics/`.
    pub fn rubric_names(&self) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(self.root.join("rubrics"))
            .into_iter()
            .flatten()
            .flatten()
            .filter_map(|e| {
                let p = e.path();
                (p.extension().is_some_and(|x| x == "toml"))
                    .then(|| p.file_stem().map(|s| s.to_string_lossy().into_owned()))
                    .flatten()
            })
            .collect();
        names.sort();
        names
    }

    /// Loads `rubrics/NAME.toml`, refusing a rubric that `jixiao rubric check` rejects: an
    /// invalid rubric never scores (its totals would look right and be wrong). The problems
    /// found are kept with the parsed file, so a rubric is checked again only when its file
    /// changes, not for every record scored with it.
    pub fn load_rubric(&self, name: &str) -> Result<Arc<Rubric>> {
        let rubric = self.load_rubric_unchecked(name)?;
        // Checked once per parsed file, not once per record scored with it.
        let known = self.rubrics.lock().ok().and_then(|c| {
            c.get(name)
                .filter(|k| Arc::ptr_eq(&k.rubric, &rubric))
                .and_then(|k| k.problems.clone())
        });
        let problems = known.unwrap_or_else(|| {
            let problems = problem_lines(&rubric);
            if let Ok(mut c) = self.rubrics.lock()
                && let Some(k) = c.get_mut(name)
                && Arc::ptr_eq(&k.rubric, &rubric)
            {
                k.problems = Some(problems.clone());
            }
            problems
        });
        if problems.is_empty() {
            Ok(rubric)
        } else {
            Err(Error::InvalidRubric {
                path: self.rubric_path(name),
                at: String::new(),
                name: name.to_string(),
                problems,
            })
        }
    }

    /// `rubrics/NAME.toml`.
    pub fn rubric_path(&self, name: &str) -> PathBuf {
        self.root.join("rubrics").join(format!("{name}.toml"))
    }

    /// Loads `rubrics/NAME.toml` even when `jixiao rubric check` rejects it (for that command).
    pub fn load_rubric_unchecked(&self, name: &str) -> Result<Arc<Rubric>> {
        let path = self.root.join("rubrics").join(format!("{name}.toml"));
        // A rubric parsed before (through the checks below) whose file is unchanged: one
        // look at the file instead of one per part of its path, for each record scored.
        let stamp_of = |m: std::fs::Metadata| (m.modified().ok(), m.len());
        if let Ok(meta) = std::fs::metadata(&path)
            && let Ok(cache) = self.rubrics.lock()
            && let Some(k) = cache.get(name)
            && (k.modified, k.len) == stamp_of(meta)
        {
            return Ok(Arc::clone(&k.rubric));
        }
        let path = if rubric::valid_id(name) {
            self.checked_rubric_path(name)?
        } else {
            path
        };
        if !rubric::valid_id(name) || !path.is_file() {
            let names = self.rubric_names();
            return Err(Error::UnknownRubric {
                name: name.to_string(),
                available: if names.is_empty() {
                    t::NO_RUBRICS.into()
                } else {
                    names.join(crate::text::check::LIST_SEP)
                },
            });
        }
        let meta = std::fs::metadata(&path).map_err(|e| Error::io(&path, e))?;
        let stamp = stamp_of(meta);
        let rubric = Arc::new(Rubric::load(&path)?);
        // Records name their rubric by file; a copied file keeping the old name would score
        // under one name and report another.
        if rubric.name != name {
            let text = tomlio::read(&path)?;
            return Err(Error::Field {
                location: tomlio::locate(&text, "name")
                    .map(|(l, c)| format!(":{l}:{c}"))
                    .unwrap_or_default(),
                path,
                field: "name".into(),
                message: t::rubric_name_mismatch(name, &rubric.name),
            });
        }
        if let Ok(mut cache) = self.rubrics.lock() {
            cache.insert(
                name.to_string(),
                CachedRubric {
                    modified: stamp.0,
                    len: stamp.1,
                    rubric: Arc::clone(&rubric),
                    problems: None,
                },
            );
        }
        Ok(rubric)
    }

    /// Parses a record's text (of the file or of a revision) and scores it with the working
    /// tree's rubric.
    pub fn evaluate(&self, dept: &Dept, year: u16, text: &str) -> Result<Evaluation> {
        self.evaluate_by(dept, year, text, |name| self.load_rubric(name))
    }

    /// Parses a record's text and scores it with `rubric` (e.g. the rubric as it was in a
    /// past revision); the record must name that rubric.
    pub fn evaluate_with(
        &self,
        dept: &Dept,
        year: u16,
        text: &str,
        rubric: &Arc<Rubric>,
    ) -> Result<Evaluation> {
        let record = Record::parse_to_resolve(&self.record_path(dept, year), text)?;
        self.evaluate_parsed_with(dept, year, record, text, rubric, score::Explain::Yes)
    }

    /// [`Repo::evaluate_with`] of a record already parsed from `text`.
    pub fn evaluate_parsed_with(
        &self,
        dept: &Dept,
        year: u16,
        record: Record,
        text: &str,
        rubric: &Arc<Rubric>,
        explain: score::Explain,
    ) -> Result<Evaluation> {
        self.evaluate_parsed(dept, year, record, text, explain, |name| {
            if name == rubric.name {
                Ok(Arc::clone(rubric))
            } else {
                Err(Error::UnknownRubric {
                    name: name.to_string(),
                    available: rubric.name.clone(),
                })
            }
        })
    }

    /// Parses a record's text and scores it with the rubric `rubric_for` gives for the name
    /// the record carries (the working tree's, or one read from a commit).
    pub fn evaluate_by(
        &self,
        dept: &Dept,
        year: u16,
        text: &str,
        rubric_for: impl FnOnce(&str) -> Result<Arc<Rubric>>,
    ) -> Result<Evaluation> {
        let path = self.record_path(dept, year);
        let record = Record::parse_to_resolve(&path, text)?;
        self.evaluate_parsed(dept, year, record, text, score::Explain::Yes, rubric_for)
    }

    /// [`Repo::evaluate_by`] of a record already parsed from `text`.
    pub fn evaluate_parsed(
        &self,
        dept: &Dept,
        year: u16,
        mut record: Record,
        text: &str,
        explain: score::Explain,
        rubric_for: impl FnOnce(&str) -> Result<Arc<Rubric>>,
    ) -> Result<Evaluation> {
        let path = self.record_path(dept, year);
        let rubric = rubric_for(&record.rubric).map_err(|e| match e {
            Error::UnknownRubric { name, available } => Error::Field {
                path: path.clone(),
                location: tomlio::locate(text, "rubric")
                    .map(|(l, c)| format!(":{l}:{c}"))
                    .unwrap_or_default(),
                field: "rubric".into(),
                message: t::no_rubric(&name, &available),
            },
            other => other,
        })?;
        record.resolve(&rubric.catalogue, &path, text)?;
        Ok(Evaluation::scored(
            dept.clone(),
            year,
            path,
            record,
            rubric,
            explain,
        ))
    }

    /// Loads and scores `records/DEPT/YEAR.toml`.
    pub fn load(&self, dept: &Dept, year: u16) -> Result<Evaluation> {
        self.load_listed(dept, year, false, score::Explain::Yes, |name| {
            self.load_rubric(name)
        })
    }

    /// Every record file, sorted by department and year.
    pub fn list(&self) -> Vec<(Dept, u16)> {
        self.list_checked().0
    }

    /// Loads a record as [`Repo::load`] does, from a listing ([`Repo::list_plain`]) that
    /// found it a plain file in a plain folder: the path is not looked at again, part by part
    /// (four system calls of a province's 20,000 records' eight). Its rubric is the one
    /// `rubric_for` gives for its name; `explain` says whether its scorecard carries the
    /// texts that explain each figure (a listing shows none).
    pub fn load_listed(
        &self,
        dept: &Dept,
        year: u16,
        plain: bool,
        explain: score::Explain,
        rubric_for: impl FnOnce(&str) -> Result<Arc<Rubric>>,
    ) -> Result<Evaluation> {
        let path = if plain && cfg!(unix) {
            self.record_path(dept, year)
        } else {
            let path = self.checked_record_path(dept, year)?;
            if !path.is_file() {
                return Err(Error::NoRecord {
                    dept: dept.to_string(),
                    year: year.to_string(),
                    path,
                });
            }
            path
        };
        tomlio::with_text(&path, |text| {
            let record = Record::parse_to_resolve(&self.record_path(dept, year), text)?;
            self.evaluate_parsed(dept, year, record, text, explain, rubric_for)
        })
    }

    /// Every record file, sorted by department and year, and the folders not read because
    /// they are symbolic links (`records/` itself or a department's folder). A record file
    /// that is a link is listed: loading it says why it is refused.
    pub fn list_checked(&self) -> (Vec<(Dept, u16)>, Vec<Error>) {
        let (found, refused) = self.list_plain();
        (found.into_iter().map(|(d, y, _)| (d, y)).collect(), refused)
    }

    /// [`Repo::list_checked`], each record with whether the listing saw it a plain file (not
    /// a link) in a folder that is no link either.
    pub fn list_plain(&self) -> (Vec<(Dept, u16, bool)>, Vec<Error>) {
        let mut out = Vec::new();
        let mut refused = Vec::new();
        let records = match safe_path(&self.root, Path::new("records")) {
            Ok(p) => p,
            Err(e) => return (out, vec![e]),
        };
        for d in std::fs::read_dir(records).into_iter().flatten().flatten() {
            let Ok(dept) = Dept::parse(&d.file_name().to_string_lossy()) else {
                continue;
            };
            if d.file_type().is_ok_and(|t| t.is_symlink()) {
                if let Err(e) = safe_path(&self.root, &Path::new("records").join(dept.as_str())) {
                    refused.push(e);
                }
                continue;
            }
            for f in std::fs::read_dir(d.path()).into_iter().flatten().flatten() {
                let name = f.file_name().to_string_lossy().into_owned();
                let Some(stem) = name.strip_suffix(".toml") else {
                    continue;
                };
                if let Ok(year) = parse_year(stem) {
                    let plain = f.file_type().is_ok_and(|t| t.is_file());
                    out.push((dept.clone(), year, plain));
                }
            }
        }
        out.sort();
        (out, refused)
    }

    /// Writes a new, empty record for `name`; refuses to overwrite one.
    pub fn create_record(
        &self,
        dept: &Dept,
        year: u16,
        name: &str,
        rubric_name: &str,
    ) -> Result<PathBuf> {
        let path = self.checked_record_path(dept, year)?;
        if path.exists() {
            return Err(Error::Other(t::record_exists(path.display())));
        }
        if name.trim().is_empty() {
            return Err(Error::Other(t::NAME_REQUIRED.into()));
        }
        // The name also goes into the file's first comment line, which a line break would end.
        if name.chars().any(char::is_control) {
            return Err(Error::Other(t::NAME_ONE_LINE.into()));
        }
        let rubric = self.load_rubric(rubric_name)?;
        let text = crate::record::template::new_record(&rubric, name.trim(), year);
        // The template must be a record this version of jixiao reads back.
        Record::parse_for(&path, &text, &rubric.catalogue)?;
        tomlio::write_atomic(&path, &text)?;
        Ok(path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn department_ids_are_safe_folder_names() {
        assert!(Dept::parse("bj-traffic").is_ok());
        assert!(Dept::parse("dept_2").is_ok());
        for bad in ["../x", "A B", "", "-x", "Bj", "x/y", "交通"] {
            assert!(
                matches!(Dept::parse(bad), Err(Error::InvalidDept(_))),
                "{bad}"
            );
        }
    }

    #[test]
    fn years_are_four_digits() {
        assert_eq!(parse_year("2023").unwrap(), 2023);
        for bad in ["23", "20234", "二〇二三", "0123", "20a3"] {
            assert!(
                matches!(parse_year(bad), Err(Error::InvalidYear(_))),
                "{bad}"
            );
        }
    }

    #[test]
    fn safe_paths_stay_below_the_root() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        assert_eq!(
            safe_path(root, Path::new("records/a/2023.toml")).unwrap(),
            root.join("records/a/2023.toml")
        );
        for bad in ["records/../../x.toml", "/etc/passwd", "./records"] {
            assert!(
                matches!(
                    safe_path(root, Path::new(bad)),
                    Err(Error::UnsafePath { .. })
                ),
                "{bad}"
            );
        }
    }

    #[test]
    fn a_rubric_edited_by_hand_is_read_again() {
        let dir = tempfile::tempdir().unwrap();
        let repo = crate::store::init_repo(dir.path()).unwrap();
        let name = "beijing-department-2023";
        assert_eq!(
            repo.load_rubric(name).unwrap().title,
            "2023年度部门整体绩效评价指标体系"
        );
        let path = dir.path().join("rubrics").join(format!("{name}.toml"));
        let text = std::fs::read_to_string(&path).unwrap();
        std::fs::write(
            &path,
            text.replace("title = \"2023年度", "title = \"修订：2023年度"),
        )
        .unwrap();
        assert_eq!(
            repo.load_rubric(name).unwrap().title,
            "修订：2023年度部门整体绩效评价指标体系"
        );
    }
}
