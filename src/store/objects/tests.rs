use super::*;
use crate::store::testgit::git;

/// A commit object written as given, and how libgit2 reads it: (tree, parents, message).
fn written(dir: &std::path::Path, raw: &str) -> (Oid, (Oid, Vec<Oid>, Vec<u8>)) {
    let id = git(
        dir,
        &[
            "hash-object",
            "-t",
            "commit",
            "-w",
            "--stdin",
            "--literally",
        ],
        Some(raw),
    );
    let id = Oid::from_str(id.trim()).expect("an id");
    let repo = git2::Repository::open(dir).expect("open");
    let c = repo.find_commit(id).expect("libgit2 reads it");
    let read = (
        c.tree_id(),
        c.parent_ids().collect(),
        c.message_bytes().to_vec(),
    );
    (id, read)
}

#[test]
fn commits_read_as_libgit2_reads_them_packed_or_loose() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    git(d, &["init", "-q"], None);
    std::fs::write(d.join("a.toml"), "甲\n").expect("write");
    git(d, &["add", "-A"], None);
    git(d, &["commit", "-q", "-m", "第一版"], None);
    let tree = git(d, &["rev-parse", "HEAD^{tree}"], None)
        .trim()
        .to_string();
    let first = git(d, &["rev-parse", "HEAD"], None).trim().to_string();
    let who =
        "author 甲 <a@example.org> 1700000000 +0800\ncommitter 甲 <a@example.org> 1700000000 +0800";
    let cases = [
        // A root commit, and one with a parent and trailers.
        format!("tree {tree}\n{who}\n\n根\n"),
        format!(
            "tree {tree}\nparent {first}\n{who}\n\n修订 a/2023\n\nRecord: a/2023\nScore: 1 -> 2 (优)\n"
        ),
        // A merge: two parents.
        format!("tree {tree}\nparent {first}\nparent {first}\n{who}\n\n合并\n"),
        // A signature over several lines, one of them empty (a lone space), and an encoding.
        format!(
            "tree {tree}\nparent {first}\n{who}\ngpgsig -----BEGIN PGP SIGNATURE-----\n \n abc\n -----END PGP SIGNATURE-----\nencoding UTF-8\n\n签名的\n\n正文\n"
        ),
        // Leading empty lines before the message (libgit2 drops them), and no message.
        format!("tree {tree}\n{who}\n\n\n\n空行之后\n"),
        format!("tree {tree}\n{who}\n"),
    ];
    let mut made = Vec::new();
    for raw in &cases {
        made.push(written(d, raw));
    }
    let repo = git2::Repository::open(d).expect("open");
    for round in ["loose", "packed"] {
        let mut objects = Objects::new(&repo);
        for (id, (tree, parents, message)) in &made {
            let c = objects.commit(*id).expect("read");
            assert_eq!(c.tree, *tree, "{round} {id}");
            assert_eq!(&c.parents, parents, "{round} {id}");
            assert_eq!(c.message_bytes(), &message[..], "{round} {id}");
        }
        if round == "loose" {
            // Packed now, with the pack folder changed: the next reader maps the new pack.
            let all = git(
                d,
                &[
                    "cat-file",
                    "--batch-all-objects",
                    "--batch-check=%(objectname)",
                ],
                None,
            );
            let pack = d.join(".git/objects/pack/pack");
            git(
                d,
                &["pack-objects", "-q", &pack.to_string_lossy()],
                Some(&all),
            );
            git(d, &["prune-packed"], None);
            let loose = std::fs::read_dir(d.join(".git/objects"))
                .expect("objects")
                .filter_map(|e| e.ok())
                .filter(|e| e.file_name().len() == 2)
                .count();
            assert_eq!(loose, 0, "every object packed");
        }
    }
    // Packed, they come from the pack itself, not from libgit2.
    let packs = Packs::open(&d.join(".git/objects"));
    assert!(packs.read(made[1].0, &mut Reader::new()).is_some());
}

#[test]
fn header_lines_out_of_git_order_are_left_to_libgit2() {
    let tree = "4b825dc642cb6eb9a060e54bf8d69288fbee4904";
    let who =
        "author 甲 <a@example.org> 1700000000 +0800\ncommitter 甲 <a@example.org> 1700000000 +0800";
    assert!(parse_commit(format!("tree {tree}\n{who}\n\n信息\n").as_bytes()).is_some());
    assert!(parse_commit(format!("{who}\ntree {tree}\n\n信息\n").as_bytes()).is_none());
    assert!(parse_commit(format!("tree {tree}\n\n信息\n").as_bytes()).is_none());
    assert!(parse_commit(format!("tree {}\n{who}\n\n信息\n", &tree[..39]).as_bytes()).is_none());
    assert!(parse_commit(b"").is_none());
}

#[test]
fn blobs_read_as_text_or_say_they_are_not() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    git(d, &["init", "-q"], None);
    let repo = git2::Repository::open(d).expect("open");
    let text = repo.blob("绩效评价\n".as_bytes()).expect("blob");
    let binary = repo.blob(&[0xff, 0xfe, 0x00]).expect("blob");
    let mut objects = Objects::new(&repo);
    assert_eq!(objects.blob_text(text, "甲").expect("text"), "绩效评价\n");
    let err = objects
        .blob_text(binary, "乙.toml")
        .expect_err("not UTF-8")
        .to_string();
    assert!(err.contains("乙.toml"), "{err}");
    let missing = Oid::from_str("0123456789012345678901234567890123456789").expect("an id");
    assert!(objects.blob_text(missing, "丙").is_err());
}

proptest::proptest! {
    /// Forty characters read as an id exactly when libgit2 reads them as one, as the same id.
    #[test]
    fn ids_read_as_libgit2_reads_them(
        text in "[0-9a-fA-F]{40}|[0-9a-fA-Fg-z ]{38,42}|.{0,44}",
    ) {
        let ours = hex_id(text.as_bytes());
        let theirs = if text.len() == 40 { Oid::from_str(&text).ok() } else { None };
        proptest::prop_assert_eq!(ours, theirs);
    }
}

#[test]
fn an_id_reads_in_either_case() {
    let id = "0123456789abcdefABCDEF0123456789abcdef01";
    assert_eq!(hex_id(id.as_bytes()), Oid::from_str(id).ok());
    assert_eq!(
        hex_id(id.as_bytes()).map(|o| o.to_string()),
        Some(id.to_ascii_lowercase())
    );
    assert_eq!(hex_id(b"0123456789abcdefABCDEF0123456789abcdef0g"), None);
}
