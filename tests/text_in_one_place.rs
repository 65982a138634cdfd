//! Every word a user reads comes from one place, `src/text/` (issue 10 item 15): a string or
//! character literal holding a Chinese character anywhere else in `src/` fails this test.
//! Comments and `#[cfg(test)]` code (test data) are not messages and are not looked at.

use std::path::{Path, PathBuf};

/// Whether `c` is a Han character (CJK Unified Ideographs and Extension A) or CJK
/// punctuation or a fullwidth form (`，`、`：`、`（`), which only Chinese text uses.
fn is_chinese(c: char) -> bool {
    matches!(c, '\u{3000}'..='\u{303F}' | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{FF00}'..='\u{FFEF}')
}

/// The string and character literals of Rust source `src` (outside comments), with the line
/// each starts on. Enough of a lexer for this crate: line and nested block comments, plain,
/// byte and raw strings, char literals, lifetimes and raw identifiers.
fn literals(src: &str) -> Vec<(usize, String)> {
    let c: Vec<char> = src.chars().collect();
    let at = |i: usize| c.get(i).copied().unwrap_or('\0');
    let mut out = Vec::new();
    let (mut i, mut line) = (0, 1);
    while i < c.len() {
        match c[i] {
            '\n' => {
                line += 1;
                i += 1;
            }
            '/' if at(i + 1) == '/' => {
                while i < c.len() && c[i] != '\n' {
                    i += 1;
                }
            }
            '/' if at(i + 1) == '*' => {
                let mut depth = 0;
                while i < c.len() {
                    if c[i] == '/' && at(i + 1) == '*' {
                        depth += 1;
                        i += 2;
                    } else if c[i] == '*' && at(i + 1) == '/' {
                        depth -= 1;
                        i += 2;
                        if depth == 0 {
                            break;
                        }
                    } else {
                        line += usize::from(c[i] == '\n');
                        i += 1;
                    }
                }
            }
            '"' => {
                let start = line;
                let mut s = String::new();
                i += 1;
                while i < c.len() && c[i] != '"' {
                    if c[i] == '\\' {
                        s.push(c[i]);
                        i += 1;
                    }
                    line += usize::from(at(i) == '\n');
                    s.push(at(i));
                    i += 1;
                }
                i += 1;
                out.push((start, s));
            }
            '\'' if at(i + 1) == '\\' => {
                let mut j = i + 2;
                while j < c.len() && c[j] != '\'' {
                    j += 1;
                }
                out.push((line, c[i + 1..j].iter().collect()));
                i = j + 1;
            }
            '\'' if at(i + 2) == '\'' => {
                out.push((line, at(i + 1).to_string()));
                i += 3;
            }
            ch if ch.is_alphanumeric() || ch == '_' => {
                let begin = i;
                while i < c.len() && (c[i].is_alphanumeric() || c[i] == '_') {
                    i += 1;
                }
                let ident: String = c[begin..i].iter().collect();
                if matches!(ident.as_str(), "r" | "br" | "cr") {
                    // A raw string `r#"…"#`, unless a raw identifier `r#type`.
                    let mut j = i;
                    while at(j) == '#' {
                        j += 1;
                    }
                    let hashes = j - i;
                    if at(j) == '"' {
                        let start = line;
                        let mut s = String::new();
                        j += 1;
                        while j < c.len()
                            && !(c[j] == '"' && (1..=hashes).all(|k| at(j + k) == '#'))
                        {
                            line += usize::from(c[j] == '\n');
                            s.push(c[j]);
                            j += 1;
                        }
                        out.push((start, s));
                        i = j + 1 + hashes;
                    }
                }
            }
            // Anything else, a lifetime's quote included.
            _ => i += 1,
        }
    }
    out
}

/// `src` without its `#[cfg(test)]` items (test data, not messages): from the attribute to
/// the end of the item it marks (a module's or function's closing brace at its level).
fn without_tests(src: &str) -> String {
    let mut out = String::new();
    let mut rest = src;
    while let Some(p) = rest.find("#[cfg(test)]") {
        out.push_str(&rest[..p]);
        let after = &rest[p..];
        // The item ends at the brace that closes its first block, or at `;` before any.
        let mut depth = 0usize;
        let mut end = after.len();
        for (k, ch) in after.char_indices() {
            match ch {
                '{' => depth += 1,
                '}' => {
                    depth -= 1;
                    if depth == 0 {
                        end = k + 1;
                        break;
                    }
                }
                ';' if depth == 0 => {
                    end = k + 1;
                    break;
                }
                _ => {}
            }
        }
        // Keep the line count, so lines reported stay true.
        out.push_str(&"\n".repeat(after[..end].matches('\n').count()));
        rest = &after[end..];
    }
    out.push_str(rest);
    out
}

/// The `.rs` files under `dir`, sorted.
fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            out.push(p);
        }
    }
}

/// Per file of `src/` outside `src/text/` (path relative to the crate, with `/`): the lines
/// of its Chinese literals, outside tests.
fn chinese_literals() -> Vec<(String, Vec<(usize, String)>)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rust_files(&root.join("src"), &mut files);
    let mut out = Vec::new();
    for f in files {
        let rel = f
            .strip_prefix(root)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        // The text module, and whole files of tests (`mod tests;` under `#[cfg(test)]`).
        if rel.starts_with("src/text/") || rel.ends_with("/tests.rs") {
            continue;
        }
        let src = without_tests(&std::fs::read_to_string(&f).unwrap());
        let found: Vec<(usize, String)> = literals(&src)
            .into_iter()
            .filter(|(_, s)| s.chars().any(is_chinese))
            .collect();
        if !found.is_empty() {
            out.push((rel, found));
        }
    }
    out
}

#[test]
fn chinese_text_lives_in_the_text_module() {
    let stray: Vec<String> = chinese_literals()
        .into_iter()
        .flat_map(|(file, lits)| {
            lits.into_iter()
                .map(move |(line, s)| format!("{file}:{line}: \"{s}\""))
        })
        .collect();
    assert!(
        stray.is_empty(),
        "Chinese text outside src/text/ (move it there, as a function or const):\n{}",
        stray.join("\n")
    );
}

#[test]
fn the_lexer_finds_literals_and_skips_comments() {
    let src = "// 注释\n/* 块 /* 嵌套 */ 注释 */ let a = \"甲\\\"乙\";\nlet b = r#\"丙\"#; let c = '丁'; fn f<'a>(x: &'a str) {}\nlet r#type = br\"x\";";
    let lits = literals(src);
    assert_eq!(
        lits,
        vec![
            (2, "甲\\\"乙".to_string()),
            (3, "丙".to_string()),
            (3, "丁".to_string()),
            (4, "x".to_string()),
        ]
    );
    let t = without_tests(
        "let a = \"甲\";\n#[cfg(test)]\nmod tests {\n fn f() { \"乙\"; }\n}\nlet b = \"丙\";",
    );
    let lits: Vec<String> = literals(&t).into_iter().map(|(_, s)| s).collect();
    assert_eq!(lits, ["甲", "丙"]);
}

/// Prints the files with Chinese literals and their counts (run with `--nocapture` to see
/// the gap; it never fails).
#[test]
fn print_the_files_still_to_move() {
    for (file, lits) in chinese_literals() {
        println!("{:5} {file}", lits.len());
    }
}
