//! Everything the command line says is Chinese (issue 10 item 15): every command's `--help`,
//! refused command lines, wrong record and rubric files, missing records and revisions, and
//! the ordinary output of each command, from a record made by `jixiao new` under the bundled
//! rubric and under the MoF 2013 framework. An English word in what a person reads fails the
//! test; allowed are jixiao, git and the names of formats (TOML, JSON, docx …), and what the
//! user types: flags, paths, ids, field paths, values in backquotes.

mod support;

use std::path::Path;
use std::process::Output;

/// Words that may stand alone: the program, tools, formats and values a person types.
const ALLOWED: &[&str] = &[
    "jixiao",
    "git",
    "toml",
    "json",
    "docx",
    "md",
    "markdown",
    "word",
    "utf",
    "head",
    "true",
    "false",
    "pdf",
    "libreoffice",
    "esc",
    "tab",
    // Protocol and program names a team's administrator meets as such.
    "ssh",
    "sshd",
    "xlsx",
];

/// The English words of `s`: runs of ASCII letters standing alone (not part of a path, an id,
/// a flag, a number or a field path), outside backquotes, and neither in [`ALLOWED`] nor the
/// name of a command.
fn english_words(s: &str) -> Vec<String> {
    let unquoted: String = s.split('`').step_by(2).collect::<Vec<_>>().join(" ");
    let mut out = Vec::new();
    let joins = |c: char| c.is_ascii_alphanumeric() || "_-./~@=+[]".contains(c);
    for token in unquoted.split(|c: char| !joins(c)) {
        let t = token.trim_matches(|c: char| ".[]".contains(c));
        let letters_only = !t.is_empty() && t.chars().all(|c| c.is_ascii_alphabetic());
        // A short commit id may be letters only (`deadbee`).
        let commit_id = t.len() == 7 && t.chars().all(|c| c.is_ascii_hexdigit());
        let lower = t.to_ascii_lowercase();
        if letters_only
            && t.len() >= 2
            && !commit_id
            && !ALLOWED.contains(&lower.as_str())
            && !command_names().contains(&lower)
        {
            out.push(t.to_string());
        }
    }
    out
}

/// The names of jixiao's commands, which a person types (`jixiao init`).
fn command_names() -> Vec<String> {
    command_paths()
        .into_iter()
        .filter_map(|p| p.last().cloned())
        .chain(["help".to_string()])
        .collect()
}

/// Runs jixiao in `dir` on the repository there; the text a person reads (stdout and stderr).
fn run(dir: &Path, args: &[&str]) -> (Output, String) {
    let o = support::jixiao(dir)
        .args(args)
        .output()
        .expect("jixiao runs");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    (o, text)
}

/// Asserts that what `args` prints holds no English word.
fn chinese(dir: &Path, args: &[&str]) -> String {
    let (o, text) = run(dir, args);
    assert!(
        !text.contains("panicked"),
        "jixiao {args:?} panicked:\n{text}"
    );
    assert!(!text.trim().is_empty(), "jixiao {args:?} said nothing");
    let words = english_words(&text);
    assert!(
        words.is_empty(),
        "jixiao {args:?} (status {:?}) says {words:?} in:\n{text}",
        o.status.code()
    );
    text
}

/// A repository with a committed record of 朝阳区教育委员会 for 2024 under `rubric`.
fn repo(rubric: &str) -> tempfile::TempDir {
    support::sandbox();
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    support::git(d, &["init", "-q", "-b", "main"]);
    support::git(d, &["config", "user.name", "评价员甲"]);
    support::git(d, &["config", "user.email", "jia@example.org"]);
    chinese(d, &["init"]);
    chinese(
        d,
        &[
            "new",
            "cy-edu",
            "2024",
            "--name",
            "朝阳区教育委员会",
            "--rubric",
            rubric,
        ],
    );
    chinese(d, &["commit", "cy-edu", "2024", "-m", "新建记录"]);
    dir
}

/// Every command's and subcommand's path (`["rubric", "check"]`), from the command line's own
/// definition, so a command added later is checked too.
fn command_paths() -> Vec<Vec<String>> {
    fn walk(cmd: &clap::Command, path: Vec<String>, out: &mut Vec<Vec<String>>) {
        out.push(path.clone());
        for sub in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
            let mut p = path.clone();
            p.push(sub.get_name().to_string());
            walk(sub, p, out);
        }
    }
    let mut out = Vec::new();
    walk(&jixiao::cli::command(), Vec::new(), &mut out);
    out
}

#[test]
fn every_help_page_is_chinese() {
    let dir = tempfile::tempdir().unwrap();
    let paths = command_paths();
    assert!(paths.len() > 15, "{paths:?}");
    for path in paths {
        let mut args: Vec<&str> = path.iter().map(String::as_str).collect();
        args.push("--help");
        let page = chinese(dir.path(), &args);
        assert!(page.contains("用法：jixiao"), "{page}");
    }
    chinese(dir.path(), &["help", "export"]);
}

#[test]
fn refused_command_lines_are_chinese() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    for (args, says) in [
        (&["--bogus"][..], "没有参数或选项 `--bogus`"),
        (&["frob"][..], "没有命令 `frob`"),
        (&["lst"][..], "是否想用命令 `list`"),
        (
            &["new"][..],
            "缺少必填的参数：--name <名称>、<部门>、<年度>",
        ),
        (
            &["new", "a", "2024", "--name"][..],
            "`--name <名称>` 后面须写一个值",
        ),
        (
            &["export", "a", "2024", "--format", "pdf"][..],
            "`--format <格式>` 的值 `pdf` 不可用；可用的值：docx、md",
        ),
        (&["list", "--json=3"][..], "`--json` 不接受值 `3`"),
        (&["list", "--json", "--json"][..], "`--json` 只能写一次"),
        (
            &["export", "a", "2024", "--rev", "x", "--draft", "y"][..],
            "`--rev <修订>` 不能与 `--draft <稿名>` 同用",
        ),
        (&["diff", "a", "2024", "-x"][..], "请写成 `-- -x`"),
        (&["rubric", "check"][..], "缺少必填的参数：<名称>"),
        (&["help", "frob"][..], "没有命令 `frob`"),
    ] {
        let (o, _) = run(d, args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        let text = chinese(d, args);
        assert!(text.starts_with("错误："), "{args:?}: {text}");
        assert!(text.contains(says), "{args:?}: `{says}` not in:\n{text}");
        assert!(text.contains("用法：jixiao"), "{args:?}: {text}");
        assert!(text.contains("查看说明：jixiao"), "{args:?}: {text}");
    }
    // Usage and help point at the subcommand concerned.
    let text = chinese(d, &["new", "a"]);
    assert!(
        text.contains("用法：jixiao new [选项] --name <名称> <部门> <年度>")
            && text.contains("查看说明：jixiao new --help"),
        "{text}"
    );
}

#[test]
fn wrong_files_and_missing_things_are_explained_in_chinese() {
    for rubric in ["beijing-department-2023", "mof-department-2013"] {
        let dir = repo(rubric);
        let d = dir.path();
        let record = d.join("records/cy-edu/2024.toml");
        let original = std::fs::read_to_string(&record).unwrap();
        let name = "name = \"朝阳区教育委员会\"";
        for (from, to, says) in [
            (
                name,
                "name = 3",
                "类型不对：写的是整数 `3`，应为字符串（加引号）",
            ),
            (name, "name = ", "TOML 语法错误：文字须加引号"),
            (name, "name \"x\"", "TOML 语法错误：键后面没有值"),
            (name, "name = \"a\"\nname = \"b\"", "同一个键写了两次"),
            (name, "name = \"x\"\nfoo = 1", "不认识的字段 `foo`"),
            ("duties = []", "duties = \"x\"", "应为列表"),
            (
                "report_date = \"\"",
                "report_date = 2024-05-01",
                "未加引号的日期",
            ),
            (
                "[overview]",
                "[overview2]\n[overview]",
                "不认识的字段 `overview2`；可用的字段：",
            ),
            (
                &format!("rubric = \"{rubric}\""),
                "",
                "缺少必填的字段 `rubric`",
            ),
            (
                "[overview]",
                "[overview]\ngoals = [{ activity = 1 }]",
                "字段 `overview.goals[0].activity`",
            ),
        ] {
            assert_eq!(original.matches(from).count(), 1, "{from}");
            std::fs::write(&record, original.replacen(from, to, 1)).unwrap();
            for cmd in ["check", "score", "export"] {
                let text = chinese(d, &[cmd, "cy-edu", "2024"]);
                assert!(text.contains(says), "{cmd} {to}: `{says}` not in:\n{text}");
                assert!(text.contains("records/cy-edu/2024.toml"), "{text}");
            }
        }
        std::fs::write(&record, &original).unwrap();

        // A rubric with mistakes.
        let rubric_path = d.join(format!("rubrics/{rubric}.toml"));
        let rubric_text = std::fs::read_to_string(&rubric_path).unwrap();
        for (from, to, says) in [
            ("\ntotal = 100", "\ntotal = [1]", "类型不对：写的是列表"),
            (
                "kind = \"",
                "kind = \"frob",
                "不是可用的值；可用的值：`ratio`",
            ),
            ("\nweight = ", "\nwieght = ", "不认识的字段 `wieght`"),
            ("\nweight = ", "\nweight = \"x\"\nw = ", "不是数字"),
        ] {
            std::fs::write(&rubric_path, rubric_text.replacen(from, to, 1)).unwrap();
            for args in [
                &["rubric", "check", rubric][..],
                &["score", "cy-edu", "2024"][..],
            ] {
                let text = chinese(d, args);
                assert!(text.contains(says), "{to}: `{says}` not in:\n{text}");
            }
        }
        std::fs::write(&rubric_path, &rubric_text).unwrap();

        // Things that are not there.
        let nowhere = d.join("nowhere");
        for (args, says) in [
            (&["score", "cy-edu", "2023"][..], "没有记录 cy-edu/2023"),
            (&["score", "Cy Edu", "2024"][..], "部门标识 `Cy Edu` 不可用"),
            (&["score", "cy-edu", "24"][..], "年度 `24` 不可用"),
            (
                &["diff", "cy-edu", "2024", "nosuch"][..],
                "找不到所需的对象或修订",
            ),
            (&["export", "cy-edu", "2024", "--draft", "终稿"][..], "终稿"),
            (&["rubric", "check", "nosuch"][..], "没有指标体系 `nosuch`"),
            (
                &["draft", "cy-edu", "2024", "初稿", "--rev", "HEAD~5"][..],
                "HEAD~5",
            ),
        ] {
            let text = chinese(d, args);
            assert!(text.contains(says), "{args:?}: `{says}` not in:\n{text}");
        }
        // `--repo` naming no folder, and a folder that is no evaluation repository.
        let cut = d.join("cut");
        std::fs::create_dir(&cut).unwrap();
        for (repo, says) in [(&nowhere, "没有这个文件夹"), (&cut, "不是评价库")] {
            let o = std::process::Command::new(env!("CARGO_BIN_EXE_jixiao"))
                .current_dir(d)
                .env("NO_COLOR", "1")
                .env_remove("JIXIAO_REPO")
                .arg("--repo")
                .arg(repo)
                .arg("list")
                .output()
                .unwrap();
            let text = String::from_utf8_lossy(&o.stderr);
            assert_eq!(o.status.code(), Some(1), "{text}");
            assert!(text.contains(says), "{text}");
            assert_eq!(english_words(&text), Vec::<String>::new(), "{text}");
        }
    }
}

#[test]
fn what_each_command_says_is_chinese() {
    for rubric in ["beijing-department-2023", "mof-department-2013"] {
        let dir = repo(rubric);
        let d = dir.path();
        let record = d.join("records/cy-edu/2024.toml");
        let t = std::fs::read_to_string(&record).unwrap();
        std::fs::write(
            &record,
            t.replacen("short_name = \"\"", "short_name = \"朝阳教委\"", 1),
        )
        .unwrap();
        let committed = chinese(d, &["commit", "cy-edu", "2024", "-m", "填写简称"]);
        assert!(committed.contains("填写简称"), "{committed}");
        chinese(d, &["draft", "cy-edu", "2024", "初稿"]);
        for args in [
            &["list"][..],
            &["score", "cy-edu", "2024"],
            &["check", "cy-edu", "2024"],
            &["log", "cy-edu", "2024"],
            &["log", "cy-edu", "2024", "--rescore", "--rubric-now"],
            &["diff", "cy-edu", "2024", "HEAD~1", "HEAD"],
            &["diff", "cy-edu", "2024", "HEAD~1", "HEAD", "--rubric-now"],
            &["drafts", "cy-edu", "2024"],
            &["blame", "cy-edu", "2024"],
            &["rubric", "check", rubric],
            &["export", "cy-edu", "2024"],
            &["export", "cy-edu", "2024", "--force", "--format", "md"],
            &["commit", "cy-edu", "2024", "-m", "没有改动"],
            &["new", "cy-edu", "2024", "--name", "再建一次"],
        ] {
            let text = chinese(d, args);
            // Findings' codes are for tools (`--json`), not in what people read.
            assert!(!text.contains("[missing-input]"), "{args:?}: {text}");
        }
    }
    // The demo without a terminal prints the example's score table and findings.
    let dir = tempfile::tempdir().unwrap();
    let (o, text) = run(dir.path(), &["demo"]);
    assert!(o.status.success(), "{text}");
    assert_eq!(english_words(&text), Vec::<String>::new(), "{text}");
}

#[test]
fn the_word_finder_finds_english_and_passes_what_users_type() {
    assert_eq!(
        english_words("error: unexpected argument found"),
        ["error", "unexpected", "argument", "found"]
    );
    assert_eq!(
        english_words(
            "错误：records/cy-edu/2024.toml:8:7: 字段 `overview.foo`：用 --name 和 jixiao init；HEAD~1 a1b2c3d"
        ),
        Vec::<String>::new()
    );
    assert_eq!(english_words("Total: 1 -> 2"), ["Total"]);
}
