//! The merge's own cases; property tests of `merge3` are in `tests/merge_props.rs`.

use super::*;

const BASE: &str = "# 记录\nrubric = \"r\"\n\n[budget]\nbudget_total = 100.00   # 全年支出预算\nspent_total = 90.00\ntext = \"甲\"\n";

fn m(theirs: &str, ours: &str) -> Merge {
    merge3(Path::new("r.toml"), BASE, theirs, ours).unwrap()
}

#[test]
fn one_sided_changes_merge_and_keep_comments() {
    let theirs = BASE
        .replace("# 记录", "# 记录（他人加注）")
        .replace("90.00", "91.00");
    let ours = BASE.replace("100.00", "101.00").replace("\"甲\"", "\"乙\"");
    let r = m(&theirs, &ours);
    assert!(r.conflicts.is_empty());
    assert_eq!(
        r.text,
        "# 记录（他人加注）\nrubric = \"r\"\n\n[budget]\nbudget_total = 101.00   # 全年支出预算\nspent_total = 91.00\ntext = \"乙\"\n"
    );
}

#[test]
fn same_field_changed_differently_is_a_conflict() {
    let theirs = BASE.replace("90.00", "91.00");
    let ours = BASE.replace("90.00", "92.00");
    let r = m(&theirs, &ours);
    assert_eq!(
        r.conflicts,
        vec![Conflict {
            field: "budget.spent_total".into(),
            label: "budget.spent_total".into(),
            base: Some("90.00".into()),
            theirs: Some("91.00".into()),
            ours: Some("92.00".into()),
        }]
    );
    // The same change on both sides is no conflict.
    assert!(m(&theirs, &theirs).conflicts.is_empty());
}

/// A record with indicator rows `(id, name, weight)`.
fn rows(list: &[(&str, &str, &str)]) -> String {
    let mut s = String::from("rubric = \"r\"\n\n[targets]\noutputs_text = \"\"\n");
    for (id, name, weight) in list {
        s.push_str(&format!(
            "\n[[targets.indicators]]\nid = \"{id}\"\nparent = \"outputs\"\nname = \"{name}\"\nweight = {weight}\n"
        ));
    }
    s.push_str("\n[targets.inputs.a]\nscore = 1\n");
    s
}

fn merge(base: &str, theirs: &str, ours: &str) -> Merge {
    merge3(Path::new("r.toml"), base, theirs, ours).unwrap()
}

const ABC: &[(&str, &str, &str)] = &[
    ("0000000a", "甲", "1"),
    ("0000000b", "乙", "2"),
    ("0000000c", "丙", "3"),
];

#[test]
fn a_deleted_row_does_not_move_an_edit_onto_its_neighbour() {
    // The reproduction of issue 8: one side deletes A, the other sets B's weight.
    let base = rows(ABC);
    let theirs = rows(&ABC[1..]);
    let ours = rows(&[ABC[0], ("0000000b", "乙", "5"), ABC[2]]);
    let want = rows(&[("0000000b", "乙", "5"), ABC[2]]);
    for (t, o) in [(&theirs, &ours), (&ours, &theirs)] {
        let r = merge(&base, t, o);
        assert!(r.conflicts.is_empty(), "{:?}", r.conflicts);
        assert_eq!(r.text, want);
    }
}

#[test]
fn a_row_deleted_on_one_side_and_edited_on_the_other_is_a_conflict() {
    let base = rows(ABC);
    let deleted = rows(&ABC[1..]);
    let edited = rows(&[("0000000a", "甲", "4"), ABC[1], ABC[2]]);
    let r = merge(&base, &deleted, &edited);
    assert_eq!(
        r.conflicts,
        vec![Conflict {
            field: "targets.indicators[id=0000000a]".into(),
            label: "targets.indicators「甲」".into(),
            base: Some(
                "{ id = \"0000000a\", parent = \"outputs\", name = \"甲\", weight = 1 }".into()
            ),
            theirs: None,
            ours: Some(
                "{ id = \"0000000a\", parent = \"outputs\", name = \"甲\", weight = 4 }".into()
            ),
        }]
    );
    let r = merge(&base, &edited, &deleted);
    assert_eq!(r.conflicts.len(), 1);
    assert_eq!(r.conflicts[0].ours, None);
    // Deleted on both sides is no conflict.
    assert_eq!(merge(&base, &deleted, &deleted).text, deleted);
}

#[test]
fn an_edit_follows_its_row_when_the_other_side_reorders() {
    let base = rows(ABC);
    let moved = rows(&[ABC[2], ABC[0], ABC[1]]);
    let edited = rows(&[ABC[0], ("0000000b", "乙", "7"), ABC[2]]);
    let want = rows(&[ABC[2], ABC[0], ("0000000b", "乙", "7")]);
    assert_eq!(merge(&base, &moved, &edited).text, want);
    // Our move is kept when they only edited.
    let r = merge(&base, &edited, &moved);
    assert!(r.conflicts.is_empty());
    assert_eq!(r.text, want);
}

#[test]
fn rows_inserted_on_both_sides_are_all_kept() {
    let base = rows(&ABC[..2]);
    let theirs = rows(&[ABC[0], ("000000f1", "他人新增", "1"), ABC[1]]);
    let ours = rows(&[ABC[0], ABC[1], ("000000e1", "我方新增", "1")]);
    let r = merge(&base, &theirs, &ours);
    assert!(r.conflicts.is_empty());
    assert_eq!(
        r.text,
        rows(&[
            ABC[0],
            ("000000f1", "他人新增", "1"),
            ABC[1],
            ("000000e1", "我方新增", "1")
        ])
    );
    // Our row inserted at the top goes before the row it preceded.
    let ours = rows(&[("000000e1", "我方新增", "1"), ABC[0], ABC[1]]);
    let r = merge(&base, &theirs, &ours);
    assert_eq!(
        r.text,
        rows(&[
            ("000000e1", "我方新增", "1"),
            ABC[0],
            ("000000f1", "他人新增", "1"),
            ABC[1]
        ])
    );
}

#[test]
fn rows_without_ids_are_matched_by_content() {
    let strip = |s: String| {
        s.lines()
            .filter(|l| !l.starts_with("id = "))
            .map(|l| format!("{l}\n"))
            .collect::<String>()
    };
    // Base written before rows had ids; both sides saved with fresh ids.
    let base = strip(rows(ABC));
    let theirs = rows(&[("000000b1", "乙", "2"), ("000000c1", "丙", "3")]);
    let ours = rows(&[
        ("000000a2", "甲", "1"),
        ("000000b2", "乙", "5"),
        ("000000c2", "丙", "3"),
    ]);
    let r = merge(&base, &theirs, &ours);
    assert!(r.conflicts.is_empty(), "{:?}", r.conflicts);
    assert_eq!(
        r.text,
        rows(&[("000000b1", "乙", "5"), ("000000c1", "丙", "3")])
    );
}

#[test]
fn first_rows_of_an_empty_table_from_both_sides() {
    let base = "rubric = \"r\"\n\n[conclusion]\nproblems = []\n";
    let theirs = "rubric = \"r\"\n\n[conclusion]\n\n[[conclusion.problems]]\nid = \"000000f1\"\ntitle = \"他\"\n";
    let ours = "rubric = \"r\"\n\n[conclusion]\n\n[[conclusion.problems]]\nid = \"000000e1\"\ntitle = \"我\"\n";
    let r = merge(base, theirs, ours);
    assert!(r.conflicts.is_empty());
    assert_eq!(
        r.text,
        format!("{theirs}\n[[conclusion.problems]]\nid = \"000000e1\"\ntitle = \"我\"\n")
    );
    // Their table still empty: ours replaces the `[]`.
    let r = merge(base, base, ours);
    assert_eq!(r.text, ours);
}
