//! Benchmarks of the git store on the fixture (2,000 records, 20,000 commits, one
//! record with 1,000 revisions): save+commit, log with scores, diff of two revisions, and the
//! list of all records with their scores.
//!
//! The fixture is built once (release build: about a minute) into `$JIXIAO_FIXTURE`, default
//! `$TMPDIR/jixiao-bench-fixture`, and reused. Saves go to a record other than the one
//! logged, so the 1,000-revision history stays as built.

#[path = "support/fixture.rs"]
mod fixture;

use criterion::{Criterion, criterion_group, criterion_main};
use jixiao::repo::Repo;
use jixiao::store::{self, SaveOutcome, SaveRequest};
use std::hint::black_box;
use std::path::PathBuf;
use std::time::Duration;

fn repo() -> Repo {
    let dir = std::env::var_os("JIXIAO_FIXTURE")
        .map(PathBuf::from)
        .unwrap_or_else(|| std::env::temp_dir().join("jixiao-bench-fixture"));
    if !dir.join(".git").exists() {
        eprintln!("building the fixture in {} …", dir.display());
        fixture::build(&dir, fixture::Spec::FULL).expect("build the fixture");
    }
    Repo::at(dir)
}

fn benches(c: &mut Criterion) {
    let repo = repo();
    let (hot, year) = fixture::hot();
    let log = store::log(&repo, &hot, year).expect("log");
    assert!(
        log.len() >= 1_000,
        "the hot record has {} revisions",
        log.len()
    );

    c.bench_function("log: 1,000 revisions with scores", |b| {
        b.iter(|| black_box(store::log(&repo, &hot, year).expect("log").len()))
    });

    let (a, z) = (log[1].id.clone(), log[500].id.clone());
    c.bench_function("diff: two revisions", |b| {
        b.iter(|| {
            black_box(
                store::diff(&repo, &hot, year, Some(&a), Some(&z))
                    .expect("diff")
                    .scores
                    .len(),
            )
        })
    });

    c.bench_function("list: 2,000 records with scores", |b| {
        b.iter(|| {
            let mut n = 0;
            for (d, y) in repo.list() {
                n += usize::from(repo.load(&d, y).is_ok());
            }
            black_box(n)
        })
    });

    let (cold, cold_year) = fixture::record_id(199);
    let mut k = 0u64;
    c.bench_function("save+commit", |b| {
        b.iter(|| {
            k += 1;
            let text = fixture::variant(&format!("bench {k}"), "4.00");
            let o = store::save(
                &repo,
                &SaveRequest {
                    dept: &cold,
                    year: cold_year,
                    text: &text,
                    base: store::head_base(&repo, &cold, cold_year).expect("base"),
                    file_base: None,
                    summary: "基准测试保存",
                },
            )
            .expect("save");
            assert!(matches!(o, SaveOutcome::Committed { .. }));
        })
    });
}

criterion_group! {
    name = store_benches;
    config = Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5));
    targets = benches
}
criterion_main!(store_benches);
