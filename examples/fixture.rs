//! Builds the benchmark repository: `cargo run --release --example fixture -- DIR
//! [RECORDS COMMITS HOT_REVISIONS]` (default 2000 20000 1000).

#[path = "../benches/support/fixture.rs"]
mod fixture;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(dir) = args.first() else {
        eprintln!("usage: fixture DIR [RECORDS COMMITS HOT_REVISIONS]");
        std::process::exit(2);
    };
    let mut spec = fixture::Spec::FULL;
    let num = |i: usize, d: usize| args.get(i).and_then(|s| s.parse().ok()).unwrap_or(d);
    spec.records = num(1, spec.records).max(2);
    spec.commits = num(2, spec.commits).max(1);
    spec.hot_revisions = num(3, spec.hot_revisions);
    let dir = std::path::Path::new(dir);
    if dir.join(".git").exists() {
        eprintln!("{}: already a git repository", dir.display());
        std::process::exit(2);
    }
    let start = std::time::Instant::now();
    fixture::build(dir, spec)?;
    let (d, y) = fixture::hot();
    println!(
        "{}: {} records, {} commits, {d}/{y} with {} revisions, built in {:.1?}",
        dir.display(),
        spec.records,
        spec.commits,
        spec.hot_revisions,
        start.elapsed()
    );
    Ok(())
}
