use super::*;
use crate::store::testgit::git;
use proptest::prelude::*;

/// A repository whose objects are all in one pack, with deltas: a file and a folder of
/// many files changed over forty commits. `offsets` chooses git's two kinds of delta
/// (against an offset in the pack, or against a named object).
fn packed_repo(offsets: bool) -> (tempfile::TempDir, Vec<Oid>) {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    git(d, &["init", "-q"], None);
    std::fs::create_dir_all(d.join("records")).expect("mkdir");
    for round in 0..40 {
        // One line of the file changes each time, and one file of the folder.
        let mut text = String::new();
        for line in 0..200 {
            let edited = if line == round * 7 % 200 { round } else { 0 };
            text.push_str(&format!("第 {line} 行：评价意见，评分 {edited}\n"));
        }
        std::fs::write(d.join("record.toml"), &text).expect("write");
        for f in 0..40 {
            let edited = if f == round % 40 { round } else { 0 };
            std::fs::write(
                d.join(format!("records/{f}.toml")),
                format!("部门 {f}：第 {edited} 版，说明文字足够长，可以作为增量的基础。\n"),
            )
            .expect("write");
        }
        git(d, &["add", "-A"], None);
        git(
            d,
            &[
                "commit",
                "-q",
                "-m",
                &format!("第 {round} 版\n\nRecord: a/2023"),
            ],
            None,
        );
    }
    let base_offset = if offsets { "true" } else { "false" };
    git(
        d,
        &[
            "-c",
            &format!("repack.useDeltaBaseOffset={base_offset}"),
            "repack",
            "-a",
            "-d",
            "-f",
            "-q",
        ],
        None,
    );
    let ids = git(
        d,
        &[
            "cat-file",
            "--batch-all-objects",
            "--batch-check=%(objectname)",
        ],
        None,
    )
    .lines()
    .map(|l| Oid::from_str(l).expect("an id"))
    .collect();
    (dir, ids)
}

/// How many objects of the repository's pack are stored as deltas.
fn deltas(dir: &Path) -> usize {
    pack_and_listing(dir)
        .1
        .iter()
        .filter(|f| f.len() == 7)
        .count()
}

fn every_object_reads_as_libgit2_reads_it(offsets: bool) {
    let (dir, ids) = packed_repo(offsets);
    let n = deltas(dir.path());
    assert!(n > 50, "the pack has deltas to resolve: {n}");
    let repo = git2::Repository::open(dir.path()).expect("open");
    let odb = repo.odb().expect("odb");
    let packs = Packs::open(&dir.path().join(".git/objects"));
    let mut reader = Reader::new();
    // Twice: the second time through bases kept by the first.
    for _ in 0..2 {
        for id in &ids {
            let (kind, data) = packs.read(*id, &mut reader).expect("in the pack");
            let o = odb.read(*id).expect("libgit2 reads it");
            assert_eq!(kind, o.kind(), "{id}");
            assert_eq!(&data[..], o.data(), "{id}");
        }
    }
    assert!(ids.len() > 100);
}

#[test]
fn every_object_reads_as_libgit2_reads_it_with_offset_deltas() {
    every_object_reads_as_libgit2_reads_it(true);
}

#[test]
fn every_object_reads_as_libgit2_reads_it_with_named_bases() {
    every_object_reads_as_libgit2_reads_it(false);
}

#[test]
fn an_object_not_packed_is_left_to_libgit2() {
    let (dir, _) = packed_repo(true);
    let loose = git(
        dir.path(),
        &["hash-object", "-w", "--stdin"],
        Some("未打包的对象\n"),
    );
    let id = Oid::from_str(loose.trim()).expect("an id");
    let packs = Packs::open(&dir.path().join(".git/objects"));
    assert!(packs.read(id, &mut Reader::new()).is_none());
    // Nor is anything read from a folder without packs.
    let empty = tempfile::tempdir().expect("temp dir");
    assert!(Packs::open(empty.path()).packs.is_empty());
}

#[test]
fn packs_of_an_alternate_are_read() {
    let (dir, ids) = packed_repo(true);
    let other = tempfile::tempdir().expect("temp dir");
    git(other.path(), &["init", "-q"], None);
    let objects = dir.path().join(".git/objects");
    std::fs::write(
        other.path().join(".git/objects/info/alternates"),
        format!("{}\n", objects.display()),
    )
    .expect("write alternates");
    let packs = Packs::open(&other.path().join(".git/objects"));
    let (_, data) = packs
        .read(ids[0], &mut Reader::new())
        .expect("through the alternate");
    let repo = git2::Repository::open(dir.path()).expect("open");
    assert_eq!(
        &data[..],
        repo.odb().expect("odb").read(ids[0]).expect("read").data()
    );
}

/// The pack file of a repository made by `packed_repo`, and `git verify-pack -v`'s lines
/// for its objects (`id type size size-in-pack offset [depth base]`).
fn pack_and_listing(dir: &Path) -> (PathBuf, Vec<Vec<String>>) {
    let idx = std::fs::read_dir(dir.join(".git/objects/pack"))
        .expect("pack folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .find(|p| p.extension().is_some_and(|x| x == "idx"))
        .expect("an index");
    let listing = git(dir, &["verify-pack", "-v", &idx.to_string_lossy()], None)
        .lines()
        .map(|l| l.split_whitespace().map(str::to_string).collect::<Vec<_>>())
        .filter(|f| f.len() == 5 || f.len() == 7)
        .collect();
    (idx.with_extension("pack"), listing)
}

#[test]
fn a_damaged_object_is_not_read_and_the_others_read_as_before() {
    let (dir, ids) = packed_repo(true);
    let (pack_path, listing) = pack_and_listing(dir.path());
    let good = std::fs::read(&pack_path).expect("read pack");
    let repo = git2::Repository::open(dir.path()).expect("open");
    let odb = repo.odb().expect("odb");
    let want: HashMap<Oid, Vec<u8>> = ids
        .iter()
        .map(|id| (*id, odb.read(*id).expect("read").data().to_vec()))
        .collect();
    let wholes: Vec<&Vec<String>> = listing.iter().filter(|f| f.len() == 5).collect();
    assert!(wholes.len() > 20);
    for f in wholes.iter().step_by(7) {
        let id = Oid::from_str(&f[0]).expect("an id");
        let (in_pack, offset): (usize, usize) =
            (f[3].parse().expect("size"), f[4].parse().expect("offset"));
        // A byte of the stream's checksum (its last four bytes) changed.
        let mut bad = good.clone();
        bad[offset + in_pack - 2] ^= 0x5a;
        std::fs::write(&pack_path, &bad).expect("write damaged pack");
        let packs = Packs::open(&dir.path().join(".git/objects"));
        let mut reader = Reader::new();
        assert!(
            packs.read(id, &mut reader).is_none(),
            "{id} read despite its damage"
        );
        let mut read = 0;
        for (other, bytes) in &want {
            // Deltas on the damaged object cannot be read either; nothing reads otherwise.
            if let Some((_, data)) = packs.read(*other, &mut reader) {
                assert_eq!(&data[..], &bytes[..], "{other} with {id} damaged");
                read += 1;
            }
        }
        assert!(read > want.len() / 2, "{read} of {} read", want.len());
    }
    // Any byte changed: never a panic, whatever is read.
    for at in (12..good.len() - 20).step_by(89) {
        let mut bad = good.clone();
        bad[at] ^= 0xa5;
        std::fs::write(&pack_path, &bad).expect("write damaged pack");
        let packs = Packs::open(&dir.path().join(".git/objects"));
        let mut reader = Reader::new();
        for id in &ids {
            let _ = packs.read(*id, &mut reader);
        }
    }
}

/// The delta git would write for `ops` (copy `(from, len)` of the base, or insert bytes).
fn encode(base_len: usize, ops: &[Result<(usize, usize), Vec<u8>>]) -> (Vec<u8>, usize) {
    fn size(out: &mut Vec<u8>, mut n: usize) {
        loop {
            let b = (n & 0x7f) as u8;
            n >>= 7;
            if n == 0 {
                out.push(b);
                return;
            }
            out.push(b | 0x80);
        }
    }
    let mut body = Vec::new();
    let mut len = 0;
    for op in ops {
        match op {
            Ok((from, n)) => {
                let mut cmd = 0x80u8;
                let mut args = Vec::new();
                for k in 0..4 {
                    let b = (from >> (8 * k)) as u8;
                    if b != 0 {
                        cmd |= 1 << k;
                        args.push(b);
                    }
                }
                let coded = if *n == 0x10000 { 0 } else { *n };
                for k in 0..3 {
                    let b = (coded >> (8 * k)) as u8;
                    if b != 0 {
                        cmd |= 0x10 << k;
                        args.push(b);
                    }
                }
                body.push(cmd);
                body.extend(args);
                len += n;
            }
            Err(bytes) => {
                body.push(bytes.len() as u8);
                body.extend(bytes);
                len += bytes.len();
            }
        }
    }
    let mut out = Vec::new();
    size(&mut out, base_len);
    size(&mut out, len);
    out.extend(body);
    (out, len)
}

proptest! {
    /// A delta of copies and inserts gives exactly the bytes they name, in order.
    #[test]
    fn a_delta_gives_what_its_instructions_name(
        base in proptest::collection::vec(any::<u8>(), 1..3000),
        picks in proptest::collection::vec((any::<bool>(), any::<u16>(), 1usize..400, proptest::collection::vec(any::<u8>(), 1..127)), 0..20),
    ) {
        let mut ops = Vec::new();
        let mut want = Vec::new();
        for (copy, from, n, bytes) in picks {
            if copy {
                let from = usize::from(from) % base.len();
                let n = n.min(base.len() - from);
                ops.push(Ok((from, n)));
                want.extend_from_slice(&base[from..from + n]);
            } else {
                want.extend_from_slice(&bytes);
                ops.push(Err(bytes));
            }
        }
        let (delta, len) = encode(base.len(), &ops);
        prop_assert_eq!(len, want.len());
        prop_assert_eq!(apply_delta(&base, &delta), Some(want));
    }

    /// Any bytes at all as a delta: a result of the size it announces, or none, never a panic.
    #[test]
    fn any_bytes_as_a_delta_never_panic(
        base in proptest::collection::vec(any::<u8>(), 0..300),
        delta in proptest::collection::vec(any::<u8>(), 0..300),
    ) {
        if let Some(out) = apply_delta(&base, &delta) {
            let (_, i) = varint(&delta, 0).expect("a base size");
            let (len, _) = varint(&delta, i).expect("a result size");
            prop_assert_eq!(out.len(), len);
        }
    }
}

#[test]
fn a_copy_of_the_largest_size_is_64_kib() {
    let base: Vec<u8> = (0..0x10000u32).map(|i| (i % 251) as u8).collect();
    let (delta, len) = encode(base.len(), &[Ok((0, 0x10000))]);
    assert_eq!(len, 0x10000);
    assert_eq!(apply_delta(&base, &delta), Some(base));
}
