use super::split;

/// The names of the tables of `text`, in order, or `None` when it is not cut.
fn names(text: &str) -> Option<Vec<&str>> {
    split(text).map(|s| s.tables.iter().map(|(n, _)| *n).collect())
}

#[test]
fn the_bundled_record_is_cut_into_its_six_sections_and_nothing_is_lost() {
    let text = crate::repo::EXAMPLE.2;
    let s = split(text).expect("the example is cut");
    assert_eq!(
        s.tables.iter().map(|(n, _)| *n).collect::<Vec<_>>(),
        [
            "overview",
            "budget",
            "targets",
            "management",
            "conclusion",
            "recommendations"
        ]
    );
    assert!(s.root.contains("rubric = \"beijing-department-2023\""));
    // The example writes each section's tables together, so root and tables in order are
    // the text itself.
    let joined: String = std::iter::once(s.root)
        .chain(s.tables.iter().flat_map(|(_, t)| t.iter().copied()))
        .collect();
    assert_eq!(joined, text);
    // A chunk is one header and its lines.
    let chunks: Vec<&str> = s
        .tables
        .iter()
        .flat_map(|(_, t)| t.iter().copied())
        .collect();
    assert!(chunks.iter().all(|c| c.starts_with('[')));
    let headers = text.lines().filter(|l| l.starts_with('[')).count();
    assert_eq!(chunks.len(), headers);
}

#[test]
fn a_tables_headers_anywhere_in_the_file_are_kept_together_in_order() {
    let text = "rubric = \"r\"\n[budget]\na = 1\n[targets]\nb = 2\n  [ budget . x ]\nc = 3\n";
    let s = split(text).expect("cut");
    assert_eq!(s.root, "rubric = \"r\"\n");
    assert_eq!(
        s.tables,
        vec![
            (
                "budget",
                vec!["[budget]\na = 1\n", "[ budget . x ]\nc = 3\n"]
            ),
            ("targets", vec!["[targets]\nb = 2\n  "]),
        ]
    );
}

#[test]
fn brackets_inside_strings_comments_and_arrays_are_not_headers() {
    let text = concat!(
        "rubric = \"r\"\n",
        "[overview]\n",
        "text = \"\"\"\n[budget]\n说明 \\\"\"\" 仍在文中\n\"\"\"\n",
        "raw = '''\n[[targets.indicators]]\n'''\n",
        "rows = [\n[1, 2],\n  [3],\n]\n",
        "t = { a = [\n1] }\n",
        "# [management]\n",
        "  # it's [ \"未闭合\n",
        "q = \"[notes]\"\n",
        "[budget]\n",
    );
    assert_eq!(names(text), Some(vec!["overview", "budget"]));
}

#[test]
fn up_to_two_quotes_may_end_a_multi_line_string() {
    assert_eq!(
        names("[overview]\na = \"\"\"x\"\"\"\"\"\n[budget]\n"),
        Some(vec!["overview", "budget"])
    );
    assert_eq!(
        names("[overview]\na = '''x'''''\n[budget]\n"),
        Some(vec!["overview", "budget"])
    );
    // Six quotes do not close a string as TOML reads it.
    assert_eq!(
        names("[overview]\na = \"\"\"x\"\"\"\"\"\"\n[budget]\n"),
        None
    );
}

#[test]
fn what_cannot_be_cut_with_certainty_is_not_cut() {
    for text in [
        "[\"budget\"]\na = 1\n",
        "['budget']\na = 1\n",
        "[预算]\na = 1\n",
        "[]\n",
        "[overview]\na = \"\"\"\n[budget]\n",
        "[overview]\na = '''\n[budget]\n",
        "[overview]\na = \"x\n[budget]\n",
        "[overview]\na = 'x\n[budget]\n",
        "[overview]\na = \"x\n[budget]\nc = \"\n[targets]\n",
        "[overview]\na = [1,\n[budget]\n",
        "[overview]\na = ]\n",
        "[overview\n",
    ] {
        assert_eq!(split(text), None, "{text}");
    }
}

#[test]
fn a_text_without_headers_is_all_root() {
    let s = split("rubric = \"r\"\n# 仅此\n").expect("cut");
    assert_eq!(s.root, "rubric = \"r\"\n# 仅此\n");
    assert!(s.tables.is_empty());
}
