//! The index reader and writer against git itself: what `git add` leaves, on indexes git wrote in
//! each version and with each extension jixiao keeps or drops.

use super::*;

#[test]
fn varint_reads_gits_encoding() {
    // varint.c: 0x7f is 127; 0x80 0x00 is 128; 0x80 0x7f is 255; 0xff 0x7f is 16511.
    for (bytes, want) in [
        (&[0x7f][..], 127),
        (&[0x80, 0x00][..], 128),
        (&[0x80, 0x7f][..], 255),
        (&[0xff, 0x7f][..], 16511),
    ] {
        let mut at = 0;
        assert_eq!(varint(bytes, &mut at), Some(want), "{bytes:?}");
        assert_eq!(at, bytes.len());
    }
    assert_eq!(varint(&[0x80], &mut 0), None);
}

#[test]
fn a_file_that_is_not_an_index_is_left_to_libgit2() {
    assert_eq!(blob_of(b"", "a"), None);
    assert_eq!(blob_of(b"DIRC\0\0\0\x05\0\0\0\0", "a"), None);
    let mut empty = b"DIRC\0\0\0\x02\0\0\0\0".to_vec();
    empty.extend_from_slice(&Sha1::digest(&empty));
    assert_eq!(blob_of(&empty, "a"), Some(None));
    // An entry counted but cut short.
    let mut short = b"DIRC\0\0\0\x02\0\0\0\x01".to_vec();
    short.extend_from_slice(&[0; 30]);
    assert_eq!(blob_of(&short, "a"), None);
}

use super::super::testgit::git as git_in;
use proptest::prelude::*;
use std::path::Path;

/// Runs git in `dir`; returns its output.
fn git(dir: &Path, args: &[&str]) -> String {
    git_in(dir, args, None)
}

/// How the test repository's index is written before an entry is changed.
#[derive(Debug, Clone)]
struct Setup {
    files: Vec<(String, String)>,
    /// Which file's entry changes, and its new text.
    target: usize,
    new_text: String,
    version: u8,
    untracked_cache: bool,
    skip_hash: bool,
    offsets: bool,
    /// An entry whose path is longer than the 12 bits of an entry's name length.
    long_path: bool,
}

fn write(dir: &Path, rel: &str, text: &str) {
    let p = dir.join(rel);
    std::fs::create_dir_all(p.parent().expect("a parent")).expect("dirs");
    std::fs::write(p, text).expect("written");
}

/// A repository with `s.files` committed and its index rewritten as `s` says.
fn repository(s: &Setup) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().expect("tempdir");
    let d = tmp.path();
    git(d, &["init", "-q"]);
    for (rel, text) in &s.files {
        write(d, rel, text);
    }
    git(d, &["add", "-A"]);
    if s.long_path {
        let long = vec!["长".repeat(70); 20].join("/");
        let empty = git_in(d, &["hash-object", "-w", "--stdin"], Some(""));
        git(
            d,
            &[
                "update-index",
                "--add",
                "--cacheinfo",
                &format!("100644,{},{long}", empty.trim()),
            ],
        );
    }
    git(d, &["commit", "-q", "-m", "起点"]);
    // In the repository's own configuration, so that every later git keeps to it.
    let mut config = vec![("index.skipHash", s.skip_hash)];
    if s.offsets {
        config.extend([
            ("index.recordEndOfIndexEntries", true),
            ("index.recordOffsetTable", true),
        ]);
        git(d, &["config", "index.threads", "2"]);
    }
    config.push(("core.untrackedCache", s.untracked_cache));
    for (key, on) in config {
        git(d, &["config", key, if on { "true" } else { "false" }]);
    }
    let version = s.version.to_string();
    git(
        d,
        &[
            "update-index",
            "--force-write-index",
            "--index-version",
            &version,
        ],
    );
    if s.untracked_cache {
        write(d, "untracked/file", "不在索引里");
        git(d, &["status", "--short"]);
    }
    tmp
}

/// The extensions' signatures in the index file of `dir`.
fn signatures(dir: &Path) -> Vec<String> {
    let b = std::fs::read(dir.join(".git/index")).expect("index");
    let end = walk(&b, |_| Some(())).expect("entries");
    extensions(&b, end)
        .expect("extensions")
        .iter()
        .map(|(s, _)| String::from_utf8_lossy(s).into_owned())
        .collect()
}

/// Stages the target's new text with [`stage`] in one repository and with `git add` in
/// another made the same way (a copy would carry stale stat data); returns both.
fn both(s: &Setup) -> (tempfile::TempDir, tempfile::TempDir) {
    let ours = repository(s);
    let theirs = repository(s);
    let rel = &s.files[s.target].0;
    for d in [ours.path(), theirs.path()] {
        write(d, rel, &s.new_text);
    }
    git(theirs.path(), &["add", "--", rel]);
    let repo = git2::Repository::open(ours.path()).expect("open");
    let blob = repo.blob(s.new_text.as_bytes()).expect("blob");
    assert_eq!(blob, blob_id(s.new_text.as_bytes()), "blob ids agree");
    let meta = std::fs::symlink_metadata(ours.path().join(rel)).expect("stat");
    assert_eq!(
        stage(&repo, rel, blob, Stat::of(&meta)).expect("staged"),
        Staged::Done
    );
    assert!(!ours.path().join(".git/index.lock").exists());
    (ours, theirs)
}

/// What git says of an index: its entries, the tree it makes, what differs from HEAD and
/// from the files.
fn view(d: &Path) -> Vec<String> {
    vec![
        git(d, &["ls-files", "-s"]),
        git(d, &["write-tree"]),
        git(d, &["diff-index", "--cached", "HEAD"]),
        git(d, &["diff-files", "--name-only"]),
    ]
}

fn path_part() -> impl Strategy<Value = String> {
    prop::sample::select(vec!["records", "rubrics", "dept-0", "dept-1", "部门", "a"])
        .prop_map(String::from)
}

fn setup() -> impl Strategy<Value = Setup> {
    let file = (
        prop::collection::vec(path_part(), 0..3),
        prop::sample::select(vec!["2023.toml", "2024.toml", "x", "说明.md"]),
        "[a-z一二三 ]{0,12}",
    )
        .prop_map(|(dirs, name, text)| {
            let mut parts = dirs;
            parts.push(name.to_string());
            (parts.join("/"), text)
        });
    (
        prop::collection::vec(file, 1..12),
        any::<prop::sample::Index>(),
        "[a-z一二三]{1,12}",
        2u8..=4,
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(
            |(files, target, new_text, version, untracked_cache, skip_hash, offsets, long_path)| {
                // One file per path, and no path both a file and a folder.
                let mut kept: Vec<(String, String)> = Vec::new();
                for (p, t) in files {
                    let clash = kept.iter().any(|(k, _)| {
                        *k == p
                            || k.starts_with(&format!("{p}/"))
                            || p.starts_with(&format!("{k}/"))
                    });
                    if !clash {
                        kept.push((p, t));
                    }
                }
                let target = target.index(kept.len());
                let new_text = format!("{new_text}{}", kept[target].1);
                Setup {
                    files: kept,
                    target,
                    new_text,
                    version,
                    untracked_cache,
                    skip_hash,
                    offsets,
                    long_path,
                }
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    /// Whatever index git wrote, changing one entry leaves what `git add` of it leaves: the
    /// same entries, the same tree from `write-tree` (the changed folders' cached trees
    /// dropped, the others kept), a file git checks as whole (`fsck`) and libgit2 reads.
    #[test]
    fn staging_one_entry_leaves_what_git_add_leaves(s in setup()) {
        let (ours, theirs) = both(&s);
        // Before git reads it: `write-tree` writes the index again.
        let bytes = std::fs::read(ours.path().join(".git/index")).expect("index");
        let sigs = signatures(ours.path());
        let read = |d: &Path| git2::Index::open(&d.join(".git/index"));
        let entries = |i: &git2::Index| -> Vec<(Vec<u8>, git2::Oid, u32, u16)> {
            i.iter().map(|e| (e.path, e.id, e.mode, e.flags)).collect()
        };
        // libgit2 reads ours as it reads git's (it refuses a version 4 index with a path
        // longer than 4,095 bytes, whoever wrote it).
        match (read(ours.path()), read(theirs.path())) {
            (Ok(o), Ok(t)) => prop_assert_eq!(entries(&o), entries(&t)),
            (o, t) => prop_assert_eq!(o.is_ok(), t.is_ok()),
        }
        prop_assert_eq!(view(ours.path()), view(theirs.path()));
        git(ours.path(), &["fsck", "--no-dangling", "--no-progress"]);
        let rel = &s.files[s.target].0;
        prop_assert_eq!(blob_of(&bytes, rel), Some(Some(blob_id(s.new_text.as_bytes()))));
        // The reader finds every entry where git does.
        for (p, _) in &s.files {
            let listed = git(theirs.path(), &["ls-files", "-s", "--", p]);
            let id = listed.split_whitespace().nth(1).and_then(|i| git2::Oid::from_str(i).ok());
            prop_assert_eq!(blob_of(&bytes, p), Some(id));
        }
        prop_assert_eq!(blob_of(&bytes, "no/such/file"), Some(None));
        // Kept: the untracked-file cache; dropped: the offset tables.
        prop_assert_eq!(sigs.contains(&"UNTR".to_string()), s.untracked_cache);
        prop_assert!(!sigs.iter().any(|s| s == "EOIE" || s == "IEOT"), "{:?}", sigs);
        prop_assert!(sigs.contains(&"TREE".to_string()));
        let checksum = &bytes[bytes.len() - HASH..];
        prop_assert_eq!(checksum.iter().all(|&c| c == 0), s.skip_hash);
    }
}

proptest! {
    /// The CPU's SHA-1 names any bytes as libgit2 does (the working rubric's identity and the
    /// save's blobs are named by it).
    #[test]
    fn blob_id_is_libgit2s(bytes in proptest::collection::vec(any::<u8>(), 0..3000)) {
        prop_assert_eq!(
            blob_id(&bytes),
            git2::Oid::hash_object(git2::ObjectType::Blob, &bytes).expect("hash")
        );
    }
}

fn small() -> Setup {
    Setup {
        files: vec![
            ("records/d/2023.toml".into(), "甲".into()),
            ("records/e/2023.toml".into(), "乙乙".into()),
            ("rubrics/r.toml".into(), "丙".into()),
        ],
        target: 0,
        new_text: "甲乙丙".into(),
        version: 3,
        untracked_cache: false,
        skip_hash: false,
        offsets: false,
        long_path: false,
    }
}

/// An entry changed on disk in the instant the old index was written looked clean to git
/// only because git compares the content of such entries; the new index, written later,
/// must mark it for a second look ("racy git"), or git would take the change for clean.
#[test]
fn a_racily_clean_entry_is_marked_for_git_to_look_again() {
    let s = small();
    let d = repository(&s);
    let p = d.path();
    git(p, &["config", "core.trustctime", "false"]);
    let other = p.join("records/e/2023.toml");
    // A minute ago, so that the index written now has a later stamp even where git keeps
    // whole seconds only.
    let past = std::time::SystemTime::now() - std::time::Duration::from_secs(60);
    let set = |f: &Path| {
        std::fs::File::options()
            .write(true)
            .open(f)
            .and_then(|f| f.set_modified(past))
            .expect("mtime set")
    };
    set(&other);
    git(p, &["update-index", "--refresh"]);
    // Rewritten in place with text of the same size and the same mtime, and the index's stamp
    // set to that instant: only the content tells the change.
    std::fs::write(&other, "丙丙").expect("written");
    set(&other);
    set(&p.join(".git/index"));
    assert_eq!(
        git(p, &["diff-files", "--name-only"]),
        "records/e/2023.toml\n",
        "git sees the change before"
    );
    let repo = git2::Repository::open(p).expect("open");
    write(p, &s.files[0].0, &s.new_text);
    let blob = repo.blob(s.new_text.as_bytes()).expect("blob");
    let meta = std::fs::symlink_metadata(p.join(&s.files[0].0)).expect("stat");
    assert_eq!(
        stage(&repo, &s.files[0].0, blob, Stat::of(&meta)).expect("staged"),
        Staged::Done
    );
    assert_eq!(
        git(p, &["diff-files", "--name-only"]),
        "records/e/2023.toml\n",
        "git still sees the other file's change"
    );
}

/// Indexes whose meaning this reader does not know end in libgit2's hands, untouched.
#[test]
fn unknown_indexes_are_left_to_libgit2() {
    let s = small();
    let rel = s.files[0].0.clone();
    let cases: [&dyn Fn(&Path); 4] = [
        &|p| {
            git(p, &["update-index", "--split-index"]);
        },
        &|p| {
            git(
                p,
                &[
                    "update-index",
                    "--assume-unchanged",
                    "--",
                    "records/d/2023.toml",
                ],
            );
        },
        &|p| {
            git(
                p,
                &[
                    "update-index",
                    "--skip-worktree",
                    "--",
                    "records/d/2023.toml",
                ],
            );
        },
        &|p| {
            let id = git(p, &["rev-parse", ":records/d/2023.toml"]);
            let id = id.trim();
            let zero = "0".repeat(40);
            git_in(
                p,
                &["update-index", "--index-info"],
                Some(&format!(
                    "0 {zero}\trecords/d/2023.toml\n100644 {id} 1\trecords/d/2023.toml\n\
                     100644 {id} 2\trecords/d/2023.toml\n"
                )),
            );
        },
    ];
    for (n, make) in cases.iter().enumerate() {
        let d = repository(&s);
        let p = d.path();
        make(p);
        let before = std::fs::read(p.join(".git/index")).expect("index");
        let repo = git2::Repository::open(p).expect("open");
        let blob = repo.blob(b"new").expect("blob");
        assert_eq!(
            stage(&repo, &rel, blob, Stat::blank(3)).expect("no error"),
            Staged::Unknown,
            "case {n}"
        );
        assert_eq!(
            std::fs::read(p.join(".git/index")).expect("index"),
            before,
            "case {n}"
        );
        assert!(!p.join(".git/index.lock").exists(), "case {n}");
        if n == 0 {
            assert_eq!(blob_of(&before, &rel), None, "a split index");
        }
    }
}

/// Another program's `index.lock` is not taken, and not removed.
#[test]
fn a_held_index_lock_is_left_alone() {
    let d = repository(&small());
    let p = d.path();
    let lock = p.join(".git/index.lock");
    std::fs::write(&lock, "git").expect("lock");
    let repo = git2::Repository::open(p).expect("open");
    let blob = repo.blob(b"new").expect("blob");
    assert_eq!(
        stage(&repo, "records/d/2023.toml", blob, Stat::blank(3)).expect("no error"),
        Staged::Locked
    );
    assert_eq!(std::fs::read_to_string(&lock).expect("still there"), "git");
}

/// Blank stat data keeps the entry's mode and makes git compare the file's content.
#[test]
fn blank_stat_data_makes_git_compare_content() {
    let s = small();
    let d = repository(&s);
    let p = d.path();
    // The file holds more than the blob staged: git must see that difference.
    write(p, &s.files[0].0, "甲乙丙，还有别的");
    let repo = git2::Repository::open(p).expect("open");
    let blob = repo.blob(s.new_text.as_bytes()).expect("blob");
    let st = Stat::blank(s.new_text.len());
    assert_eq!(
        stage(&repo, &s.files[0].0, blob, st).expect("staged"),
        Staged::Done
    );
    assert_eq!(
        git(p, &["diff-files", "--name-only"]),
        "records/d/2023.toml\n"
    );
    let staged = git(p, &["ls-files", "-s", "--", "records/d/2023.toml"]);
    assert_eq!(staged, format!("100644 {blob} 0\trecords/d/2023.toml\n"));
}
