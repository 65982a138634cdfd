//! Builds a large evaluation repository for benchmarks, writing git objects directly with
//! git2 (no process per commit): `records` records (200 departments × N years) in one import
//! commit, then single-record commits up to `commits` in all, of which `hot_revisions − 1`
//! change one record (`dept-000/2023`), spread evenly through the history. Every commit
//! carries jixiao's `Record:` / `Score:` trailers; objects are packed with one `git gc`.

use jixiao::num;
use jixiao::repo::{Dept, EXAMPLE, Repo};
use std::collections::HashMap;
use std::path::Path;

/// The size of the repository to build.
#[derive(Debug, Clone, Copy)]
pub struct Spec {
    pub records: usize,
    pub commits: usize,
    pub hot_revisions: usize,
}

impl Spec {
    /// The fixture: 2,000 records, 20,000 commits, one record with 1,000 revisions.
    pub const FULL: Spec = Spec {
        records: 2_000,
        commits: 20_000,
        hot_revisions: 1_000,
    };
}

/// The department and year of record `i`.
pub fn record_id(i: usize) -> (Dept, u16) {
    let dept = Dept::parse(&format!("dept-{:03}", i % 200)).expect("valid id");
    (dept, 2023 - (i / 200) as u16)
}

/// The often-edited record.
pub fn hot() -> (Dept, u16) {
    record_id(0)
}

/// The seed record, with a per-record date and the asset override at `score`.
pub fn variant(tag: &str, score: &str) -> String {
    let text = EXAMPLE.2.replacen(
        "report_date = \"2024年5月\"",
        &format!("report_date = \"{tag}\""),
        1,
    );
    let start = text
        .find("[management.inputs.asset-management]")
        .expect("asset table");
    let at = start + text[start..].find("override = {").expect("override");
    let end = at + text[at..].find('\n').expect("line");
    format!(
        "{}override = {{ score = {score}, reason = \"基准测试修订\" }}{}",
        &text[..at],
        &text[end..]
    )
}

const SCORES: [&str; 4] = ["3.50", "3.20", "4.00", "2.40"];

fn insert(
    git: &git2::Repository,
    tree: Option<&git2::Tree>,
    parts: &[&str],
    blob: git2::Oid,
) -> Result<git2::Oid, git2::Error> {
    let mut tb = git.treebuilder(tree)?;
    let (first, rest) = parts.split_first().expect("non-empty path");
    if rest.is_empty() {
        tb.insert(first, blob, 0o100644)?;
    } else {
        let sub = match tree.and_then(|t| t.get_name(first)) {
            Some(e) => Some(git.find_tree(e.id())?),
            None => None,
        };
        let id = insert(git, sub.as_ref(), rest, blob)?;
        tb.insert(first, id, 0o040000)?;
    }
    tb.write()
}

/// Builds the repository in `dir` (which must not hold one yet).
pub fn build(dir: &Path, spec: Spec) -> Result<(), Box<dyn std::error::Error>> {
    let repo = jixiao::store::init_repo(dir)?;
    let git = git2::Repository::open(dir)?;
    git.set_head("refs/heads/main")?;
    let mut config = git.config()?;
    config.set_str("user.name", "基准测试")?;
    config.set_str("user.email", "bench@example.org")?;
    // Totals of the variants: scoring does not depend on the date.
    let mut totals: HashMap<&str, (String, String)> = HashMap::new();
    let (d0, y0) = hot();
    for s in SCORES {
        let e = repo.evaluate(&d0, y0, &variant("x", s))?;
        totals.insert(s, (num::fixed2(e.card.total), e.card.grade.clone()));
    }
    let authors = ["评价员甲", "评价员乙", "评价员丙"];
    let mut time = 1_704_067_200i64; // 2024-01-01 00:00 UTC
    let sig = |i: usize, t: i64| {
        git2::Signature::new(
            authors[i % authors.len()],
            "bench@example.org",
            &git2::Time::new(t, 480),
        )
    };
    // The import commit: rubrics and every record.
    let mut index = git2::Index::new()?;
    for (name, text) in jixiao::rubric::BUILTIN {
        let id = git.blob(text.as_bytes())?;
        index.add(&entry(&format!("rubrics/{name}.toml"), id))?;
    }
    let mut current: Vec<usize> = vec![0; spec.records];
    for i in 0..spec.records {
        let (d, y) = record_id(i);
        let id = git.blob(variant(&format!("r{i}"), SCORES[0]).as_bytes())?;
        index.add(&entry(&Repo::record_rel(&d, y), id))?;
    }
    let tree = git.find_tree(index.write_tree_to(&git)?)?;
    let first = git.commit(
        None,
        &sig(0, time)?,
        &sig(0, time)?,
        "导入全部记录\n",
        &tree,
        &[],
    )?;
    let mut parent = git.find_commit(first)?;
    // Then one record per commit; the hot record every `step` commits.
    let rest = spec.commits.saturating_sub(1);
    let hot_edits = spec.hot_revisions.saturating_sub(1).min(rest);
    let step = rest.checked_div(hot_edits).unwrap_or(usize::MAX);
    let mut rng: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut hot_done = 0;
    for n in 1..=rest {
        let i = if n % step == 0 && hot_done < hot_edits {
            hot_done += 1;
            0
        } else {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            1 + (rng % (spec.records as u64 - 1)) as usize
        };
        let (old, new) = (SCORES[current[i] % 4], SCORES[(current[i] + 1) % 4]);
        current[i] += 1;
        let (d, y) = record_id(i);
        let text = variant(&format!("r{i} v{}", current[i]), new);
        let blob = git.blob(text.as_bytes())?;
        let year = format!("{y}.toml");
        let tree_id = insert(
            &git,
            Some(&parent.tree()?),
            &["records", d.as_str(), &year],
            blob,
        )?;
        let tree = git.find_tree(tree_id)?;
        let (o, g) = &totals[old];
        let (t, _) = &totals[new];
        let msg = format!(
            "修订 {d}/{y} 第 {} 版\n\nRecord: {d}/{y}\nScore: {o} -> {t} ({g})\n",
            current[i]
        );
        time += 60;
        let s = sig(n, time)?;
        let id = git.commit(None, &s, &s, &msg, &tree, &[&parent])?;
        parent = git.find_commit(id)?;
    }
    git.reference("refs/heads/main", parent.id(), true, "fixture")?;
    git.checkout_head(Some(git2::build::CheckoutBuilder::new().force()))?;
    let gc = std::process::Command::new("git")
        .args(["gc", "--quiet"])
        .current_dir(dir)
        .status()?;
    if !gc.success() {
        return Err("git gc failed".into());
    }
    Ok(())
}

fn entry(path: &str, id: git2::Oid) -> git2::IndexEntry {
    git2::IndexEntry {
        ctime: git2::IndexTime::new(0, 0),
        mtime: git2::IndexTime::new(0, 0),
        dev: 0,
        ino: 0,
        mode: 0o100644,
        uid: 0,
        gid: 0,
        file_size: 0,
        id,
        flags: (path.len().min(0xfff)) as u16,
        flags_extended: 0,
        path: path.as_bytes().to_vec(),
    }
}
