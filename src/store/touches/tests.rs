//! The walks through the trailers against the walk of every tree, on histories git writes.

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

use super::super::parents_ahead::ParentsAhead;
use super::super::testgit::git;
use proptest::prelude::*;
use std::path::Path;

const RECORDS: [&str; 3] = ["d0/2023", "d1/2023", "d2/2023"];

/// One commit of a generated history.
#[derive(Debug, Clone, Copy)]
enum Change {
    /// A save: changes the record its trailer names.
    Save(usize),
    /// A plain-git commit without trailers that changes a record.
    Plain(usize),
    /// A commit whose trailer names a record but that changes only another file.
    Names(usize),
    /// A commit amended by hand: its trailer names one record, it changes another.
    Lies(usize, usize),
}

/// The fast-import stream of `changes`, a line of commits from a root.
fn stream(changes: &[Change]) -> String {
    let mut s = String::new();
    for (n, c) in changes.iter().enumerate() {
        let (named, changed) = match *c {
            Change::Save(i) => (Some(i), Some(i)),
            Change::Plain(i) => (None, Some(i)),
            Change::Names(i) => (Some(i), None),
            Change::Lies(i, j) => (Some(i), Some(j)),
        };
        let message = match named {
            Some(i) => format!(
                "save {n}\n\nRecord: {}\nScore: none -> 1.00 (差)\n",
                RECORDS[i]
            ),
            None => format!("edit {n}\n"),
        };
        s.push_str(&format!(
            "commit refs/heads/main\ncommitter t <t@example.org> {} +0000\ndata {}\n{message}",
            1_700_000_000 + n,
            message.len()
        ));
        let (path, text) = match changed {
            Some(i) => (format!("records/{}.toml", RECORDS[i]), format!("v = {n}\n")),
            None => ("README".to_string(), format!("{n}\n")),
        };
        s.push_str(&format!(
            "M 100644 inline {path}\ndata {}\n{text}\n",
            text.len()
        ));
    }
    s
}

/// A repository holding `changes`.
fn repository(changes: &[Change]) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().expect("tempdir");
    let d = tmp.path();
    git(d, &["init", "-q", "-b", "main"], None);
    git(d, &["fast-import", "--quiet"], Some(&stream(changes)));
    tmp
}

/// (commit, blob) of every revision found.
type Found = Vec<(Oid, Option<Oid>)>;

/// The revisions found through the trailers, and through every tree.
fn both_walks(d: &Path, record: usize) -> (Found, Found) {
    let repo = git2::Repository::open(d).expect("open");
    let rel = format!("records/{}.toml", RECORDS[record]);
    let list = |trust: bool| -> Found {
        // Each walk from nothing kept.
        let _ = std::fs::remove_dir_all(d.join(".git/jixiao"));
        touches(&repo, &rel, RECORDS[record], trust)
            .expect("walked")
            .into_iter()
            .map(|t| (t.id, t.blob))
            .collect()
    };
    (list(true), list(false))
}

fn change() -> impl Strategy<Value = Change> {
    prop_oneof![
        6 => (0..3usize).prop_map(Change::Save),
        1 => (0..3usize).prop_map(Change::Plain),
        1 => (0..3usize).prop_map(Change::Names),
        1 => (0..3usize, 0..3usize).prop_map(|(i, j)| Change::Lies(i, j)),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 32, ..ProptestConfig::default() })]

    /// Saves, plain-git edits, commits that name a record they do not change and commits
    /// amended to change another: the walk through the trailers finds what the walk of every
    /// tree finds.
    #[test]
    fn the_trailer_walk_finds_what_every_tree_shows(
        changes in prop::collection::vec(change(), 1..24),
    ) {
        let d = repository(&changes);
        for r in 0..RECORDS.len() {
            let (trusted, all) = both_walks(d.path(), r);
            prop_assert_eq!(trusted, all, "record {}", r);
        }
    }

    /// What the walk tells as it goes (for blame to score ahead) is always the record's blob
    /// in the commit told, and when every commit is a save it tells every revision found.
    #[test]
    fn the_walk_tells_the_revisions_it_meets(
        changes in prop::collection::vec(change(), 1..24),
    ) {
        let d = repository(&changes);
        let repo = git2::Repository::open(d.path()).expect("open");
        let only_saves = changes.iter().all(|c| matches!(c, Change::Save(_)));
        for (r, record) in RECORDS.iter().enumerate() {
            let rel = format!("records/{record}.toml");
            let _ = std::fs::remove_dir_all(d.path().join(".git/jixiao"));
            let mut told = Vec::new();
            let found = touches_seen(&repo, &rel, record, true, &mut |c, b| told.push((c, b)))
                .expect("walked");
            for (c, b) in &told {
                let tree = repo.find_commit(*c).expect("commit").tree().expect("tree");
                let there = tree.get_path(Path::new(&rel)).expect("the record").id();
                prop_assert_eq!(there, *b, "record {}", r);
            }
            if only_saves {
                for t in &found {
                    prop_assert!(told.contains(&(t.id, t.blob.expect("saved"))), "record {}", r);
                }
            }
        }
    }
}

/// A merge (here below HEAD): the walk through merges finds what every tree shows.
#[test]
fn a_merge_is_walked_through_its_both_sides() {
    let changes: Vec<Change> = (0..40).map(|n| Change::Save(n % 3)).collect();
    let d = repository(&changes);
    let p = d.path();
    let run = |args: &[&str]| git(p, args, None);
    run(&["checkout", "-q", "-f", "main"]);
    run(&["switch", "-q", "-c", "side"]);
    std::fs::write(p.join("records/d0/2023.toml"), "side = 1\n").expect("written");
    run(&["commit", "-q", "-am", "side\n\nRecord: d0/2023"]);
    run(&["switch", "-q", "main"]);
    run(&["merge", "-q", "--no-ff", "-m", "merge side", "side"]);
    std::fs::write(p.join("records/d1/2023.toml"), "after = 1\n").expect("written");
    run(&["commit", "-q", "-am", "after\n\nRecord: d1/2023"]);
    for r in 0..RECORDS.len() {
        let (trusted, all) = both_walks(p, r);
        assert_eq!(trusted, all, "record {r}");
    }
}

/// The thread reading commits ahead gives them in the walk's order; an answer out of step
/// makes the walk read that commit, and the rest, itself.
#[test]
fn commits_read_ahead_come_in_order_or_are_read_here() {
    let changes: Vec<Change> = (0..30).map(|n| Change::Save(n % 3)).collect();
    let d = repository(&changes);
    let repo = git2::Repository::open(d.path()).expect("open");
    let head = repo
        .head()
        .expect("head")
        .peel_to_commit()
        .expect("commit")
        .id();
    let mut objects = Objects::new(&repo);
    std::thread::scope(|s| {
        let mut ahead = ParentsAhead::start(s, &repo, Some(head), true);
        assert!(
            matches!(ahead, ParentsAhead::Ahead(_))
                || std::thread::available_parallelism().map_or(1, |n| n.get()) == 1
        );
        let mut next = Some(head);
        let mut n = 0;
        while let Some(id) = next {
            let c = ahead.commit(id, &mut objects).expect("read");
            assert_eq!(c.tree, repo.find_commit(id).expect("commit").tree_id());
            next = c.parents.first().copied();
            n += 1;
        }
        assert_eq!(n, 30);
        assert!(
            matches!(ahead, ParentsAhead::Ahead(_))
                || std::thread::available_parallelism().map_or(1, |n| n.get()) == 1
        );
    });
    // Out of step: the thread's next commit is not the one asked for.
    let (tx, rx) = std::sync::mpsc::sync_channel(1);
    let parent = repo
        .find_commit(head)
        .expect("commit")
        .parent_id(0)
        .expect("parent");
    tx.send((parent, objects.commit(parent).expect("parent")))
        .expect("sent");
    let mut ahead = ParentsAhead::Ahead(rx);
    let c = ahead.commit(head, &mut objects).expect("read here");
    assert_eq!(c.parents, vec![parent]);
    assert!(matches!(ahead, ParentsAhead::Inline));
}
