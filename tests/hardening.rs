//! Issue 8, items 6 and 7: symbolic links under `records/` and `rubrics/` are refused on read
//! and write (and a record is never committed as a link); control characters are refused in
//! records and commit summaries, escaped when git history is printed, and never reach the
//! .docx; dates are checked with the calendar.

mod common;
mod support;

use jixiao::Error;
use jixiao::export::{self, Format};
use jixiao::store::{self, SaveRequest};
use support::{Fixture, dept, jixiao, replace_once, seed};

/// Runs jixiao on the fixture: (exit code, stdout, stderr).
fn run(f: &Fixture, args: &[&str]) -> (i32, String, String) {
    let o = jixiao(f.path()).args(args).output().expect("run jixiao");
    let err = String::from_utf8_lossy(&o.stderr).into_owned();
    assert!(!err.contains("panicked"), "jixiao {args:?} panicked: {err}");
    (
        o.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&o.stdout).into_owned(),
        err,
    )
}

fn commits(f: &Fixture) -> usize {
    f.git(&["rev-list", "--count", "--all"])
        .trim()
        .parse()
        .expect("a count")
}

fn save_seed(f: &Fixture) {
    let bj = dept("bj-traffic");
    f.write(&bj, 2023, seed());
    let (code, out, err) = run(f, &["commit", "bj-traffic", "2023", "-m", "导入"]);
    assert_eq!(code, 0, "{out}{err}");
}

const SPENT: &str = "截至 2023 年 12 月 31 日，市交通管理局本年支出合计";

#[test]
fn control_characters_in_a_narrative_are_refused_by_check_and_commit() {
    let f = Fixture::new();
    save_seed(&f);
    let bj = dept("bj-traffic");
    let before = commits(&f);
    for (escape, shown) in [("\\u0001", "U+0001"), ("\\u001B[31m", "U+001B（ESC）")] {
        f.write(
            &bj,
            2023,
            &replace_once(seed(), SPENT, &format!("截至{escape} 2023 年")),
        );
        for args in [
            &["check", "bj-traffic", "2023"][..],
            &["commit", "bj-traffic", "2023", "-m", "改"][..],
        ] {
            let (code, out, err) = run(&f, args);
            assert_eq!(code, 1, "{args:?}: {out}{err}");
            assert!(
                err.contains("records/bj-traffic/2023.toml:87:")
                    && err.contains("字段 `budget.text`")
                    && err.contains(&format!("个字符是不允许的 {shown}"))
                    && err.contains("只允许可打印字符、换行和制表符"),
                "{args:?}: {err}"
            );
            assert!(!err.contains('\x1b') && !out.contains('\x1b'), "{err}");
        }
    }
    assert_eq!(commits(&f), before, "nothing was committed");
}

#[test]
fn a_summary_with_control_characters_is_not_committed() {
    let f = Fixture::new();
    save_seed(&f);
    let bj = dept("bj-traffic");
    f.write(&bj, 2023, &replace_once(seed(), SPENT, "截至 2023 年"));
    let before = commits(&f);
    let (code, _, err) = run(&f, &["commit", "bj-traffic", "2023", "-m", "改\x1b[31m红"]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("提交说明（-m）：第 2 个字符是不允许的 U+001B（ESC）"),
        "{err}"
    );
    assert_eq!(commits(&f), before);
}

#[test]
fn history_made_with_plain_git_prints_escaped() {
    let f = Fixture::new();
    save_seed(&f);
    let bj = dept("bj-traffic");
    f.write(&bj, 2023, &replace_once(seed(), SPENT, "截至 2023 年"));
    f.git(&[
        "-c",
        "user.name=坏人\x1b[2J",
        "commit",
        "-q",
        "-am",
        "改\x1b]0;pwned\x07标题",
    ]);
    let (code, out, err) = run(&f, &["log", "bj-traffic", "2023"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("改\\u{1b}]0;pwned\\u{7}标题"), "{out}");
    // The name is cut to its column, escape included.
    assert!(out.contains("坏人\\u{1b}["), "{out}");
    for args in [
        &["log", "bj-traffic", "2023"][..],
        &["diff", "bj-traffic", "2023", "HEAD~1", "HEAD"][..],
        &["blame", "bj-traffic", "2023"][..],
    ] {
        let (code, out, err) = run(&f, args);
        assert_eq!(code, 0, "{args:?}: {err}");
        assert!(
            !out.contains(['\x1b', '\x07']),
            "{args:?} printed a raw control character: {out:?}"
        );
    }
    // Tools get the message as it is, in JSON (escaped by JSON itself).
    let (_, out, _) = run(&f, &["log", "bj-traffic", "2023", "--json"]);
    assert!(out.contains("改\\u001b]0;pwned\\u0007标题"), "{out}");
}

/// Characters XML 1.0 does not allow: control characters other than tab, LF and CR; U+FFFE/F.
fn illegal_in_xml(c: char) -> bool {
    (c < '\u{20}' && !matches!(c, '\t' | '\n' | '\r')) || matches!(c, '\u{FFFE}' | '\u{FFFF}')
}

#[test]
fn export_never_writes_invalid_xml() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let repo = common::seed_repo(dir.path());
    let mut e = repo
        .load(&dept("bj-traffic"), 2023)
        .expect("the seed loads");
    // Forced in past the record parser, as a last line of defence.
    let forced = replace_once(
        e.record.text("budget.text"),
        SPENT,
        "截至\u{1}标记\u{1b}[31m红\u{FFFF} 2023 年",
    );
    e.record.set_text("budget.text", forced);
    let docx = export::render(&e, Format::Docx, false).expect("docx renders");
    let xml = common::part(&docx, "word/document.xml");
    assert!(!xml.contains(illegal_in_xml), "a raw illegal character");
    let mut reader = quick_xml::Reader::from_str(&xml);
    let mut texts = String::new();
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Eof) => break,
            Ok(quick_xml::events::Event::Text(t)) => {
                texts.push_str(&t.decode().expect("utf-8 text"));
            }
            Ok(quick_xml::events::Event::GeneralRef(r)) => {
                let name = String::from_utf8_lossy(&r).into_owned();
                let code = name
                    .strip_prefix("#x")
                    .and_then(|h| u32::from_str_radix(h, 16).ok())
                    .or_else(|| name.strip_prefix('#').and_then(|d| d.parse().ok()));
                assert!(
                    !code.and_then(char::from_u32).is_some_and(illegal_in_xml),
                    "an illegal character reference &{name};"
                );
            }
            Ok(_) => {}
            Err(e) => panic!("word/document.xml is not well-formed: {e}"),
        }
    }
    assert!(texts.contains("截至\u{FFFD}标记\u{FFFD}[31m红\u{FFFD} 2023 年"));
}

#[test]
fn windows_line_ends_still_read() {
    let text = seed().replace('\n', "\r\n");
    let r = jixiao::record::Record::parse(std::path::Path::new("r.toml"), &text)
        .expect("a record saved with CRLF line ends reads");
    assert!(r.text("budget.text").contains(SPENT) && !r.text("budget.text").contains('\r'));
    // A lone carriage return (which moves a terminal's cursor) is refused.
    let lone = replace_once(seed(), SPENT, "截至\\r 2023 年");
    let err = jixiao::record::Record::parse(std::path::Path::new("r.toml"), &lone)
        .expect_err("a lone CR is refused")
        .to_string();
    assert!(err.contains("U+000D（回车 CR）"), "{err}");
}

#[test]
fn impossible_dates_are_refused_with_the_field() {
    let dir = tempfile::tempdir().expect("temporary folder");
    for (target, actual, field, message) in [
        (
            "2023年12月底",
            "2023年2月31日",
            "targets.indicators[6].actual",
            "完成值「2023年2月31日」不是有效日期：2023年2月只有 28 天，没有 31 日",
        ),
        (
            "2023年13月32日",
            "2023年12月底",
            "targets.indicators[6].target",
            "指标值「2023年13月32日」不是有效日期：没有 13 月：月份应为 1–12",
        ),
    ] {
        let text = replace_once(
            seed(),
            "target = \"2023年12月底\"\nactual = \"2023年12月底\"",
            &format!("target = \"{target}\"\nactual = \"{actual}\""),
        );
        let repo = common::seed_repo_with(dir.path(), &text);
        let e = repo.load(&dept("bj-traffic"), 2023).expect("loads");
        let found = e.findings();
        assert!(
            found
                .iter()
                .any(|x| x.field == field && x.message.contains(message)),
            "{field}: {found:#?}"
        );
    }
    // A leap day is a real day: the deadline is met and scores in full.
    let text = replace_once(
        seed(),
        "actual = \"2023年12月底\"",
        "actual = \"2023年2月28日\"",
    );
    let leap = replace_once(
        &text,
        "target = \"2023年12月底\"",
        "target = \"2024年2月29日\"",
    );
    let repo = common::seed_repo_with(dir.path(), &leap);
    let e = repo.load(&dept("bj-traffic"), 2023).expect("loads");
    assert!(
        !e.findings()
            .iter()
            .any(|x| x.field.starts_with("targets.indicators[6]")),
        "{:#?}",
        e.findings()
    );
}

#[cfg(unix)]
mod links {
    use super::*;
    use std::os::unix::fs::symlink;

    #[test]
    fn a_record_that_is_a_link_is_refused_on_read_and_write() {
        let f = Fixture::new();
        let outside = tempfile::tempdir().expect("temporary folder");
        let target = outside.path().join("elsewhere.toml");
        std::fs::write(&target, seed()).expect("write");
        std::fs::create_dir_all(f.path().join("records/bj-traffic")).expect("mkdir");
        symlink(&target, f.path().join("records/bj-traffic/2023.toml")).expect("symlink");
        for args in [
            &["check", "bj-traffic", "2023"][..],
            &["score", "bj-traffic", "2023"][..],
            &["commit", "bj-traffic", "2023", "-m", "导入"][..],
        ] {
            let (code, _, err) = run(&f, args);
            assert_eq!(code, 1, "{args:?}: {err}");
            assert!(
                err.contains("records/bj-traffic/2023.toml: 是符号链接（指向 ")
                    && err.contains("不能是符号链接，也不能指向仓库以外"),
                "{args:?}: {err}"
            );
        }
        // Listed, but not read through the link: the listing says why (it reads the files
        // it found plain without looking at their paths again).
        let (_, out, err) = run(&f, &["list", "--json"]);
        let listed: serde_json::Value = serde_json::from_str(&out).expect(&err);
        let row = listed["records"]
            .as_array()
            .and_then(|a| a.iter().find(|r| r["dept"] == "bj-traffic"))
            .cloned()
            .expect("listed");
        assert!(
            row["error"]
                .as_str()
                .is_some_and(|e| e.contains("是符号链接")),
            "{row}"
        );
        assert!(row["total"].is_null(), "{row}");
        let bj = dept("bj-traffic");
        let saved = store::save(
            &f.repo,
            &SaveRequest {
                dept: &bj,
                year: 2023,
                text: seed(),
                base: store::Base::New,
                file_base: None,
                summary: "导入",
            },
        );
        assert!(matches!(saved, Err(Error::UnsafePath { .. })), "{saved:?}");
        assert_eq!(commits(&f), 0, "nothing committed");
        assert_eq!(std::fs::read_to_string(&target).expect("read"), seed());
    }

    #[test]
    fn a_department_folder_that_is_a_link_is_not_written_through() {
        let f = Fixture::new();
        let outside = tempfile::tempdir().expect("temporary folder");
        symlink(outside.path(), f.path().join("records/evil")).expect("symlink");
        let (code, _, err) = run(&f, &["new", "evil", "2023", "--name", "某部门"]);
        assert_eq!(code, 1, "{err}");
        assert!(err.contains("records/evil: 是符号链接"), "{err}");
        assert_eq!(
            std::fs::read_dir(outside.path()).expect("list").count(),
            0,
            "nothing written outside the repository"
        );
        std::fs::write(outside.path().join("2023.toml"), seed()).expect("write");
        let (code, out, err) = run(&f, &["list"]);
        assert_eq!(code, 0, "{err}");
        assert!(!out.contains("evil"), "{out}");
        assert!(
            err.contains("未读取") && err.contains("records/evil"),
            "{err}"
        );
        assert!(f.repo.list().is_empty());
    }

    #[test]
    fn a_rubric_that_is_a_link_is_refused() {
        let f = Fixture::new();
        let outside = tempfile::tempdir().expect("temporary folder");
        let name = "beijing-department-2023";
        let path = f.path().join(format!("rubrics/{name}.toml"));
        let copy = outside.path().join("r.toml");
        std::fs::rename(&path, &copy).expect("move");
        symlink(&copy, &path).expect("symlink");
        let (code, _, err) = run(&f, &["rubric", "check", name]);
        assert_eq!(code, 1, "{err}");
        assert!(
            err.contains(&format!("rubrics/{name}.toml: 是符号链接")),
            "{err}"
        );
        assert!(matches!(
            f.repo.load_rubric(name),
            Err(Error::UnsafePath { .. })
        ));
    }

    #[test]
    fn a_record_committed_as_a_link_is_saved_as_a_plain_file() {
        let f = Fixture::new();
        save_seed(&f);
        // Someone commits the record as a link with plain git.
        let rec = f.path().join("records/bj-traffic/2023.toml");
        std::fs::remove_file(&rec).expect("remove");
        symlink("../../elsewhere.toml", &rec).expect("symlink");
        f.git(&["commit", "-q", "-am", "链接"]);
        let mode = |f: &Fixture| {
            f.git(&["ls-tree", "HEAD", "records/bj-traffic/2023.toml"])
                .split_whitespace()
                .next()
                .map(str::to_string)
        };
        assert_eq!(mode(&f).as_deref(), Some("120000"));
        // The file is put back; the next save commits a plain file, not a link.
        std::fs::remove_file(&rec).expect("remove");
        std::fs::write(&rec, replace_once(seed(), SPENT, "截至 2023 年")).expect("write");
        let (code, out, err) = run(&f, &["commit", "bj-traffic", "2023", "-m", "恢复"]);
        assert_eq!(code, 0, "{out}{err}");
        assert_eq!(mode(&f).as_deref(), Some("100644"));
        assert_eq!(
            f.git(&["show", "HEAD:records/bj-traffic/2023.toml"]),
            replace_once(seed(), SPENT, "截至 2023 年")
        );
    }

    #[test]
    fn export_does_not_write_through_a_link_in_the_repository() {
        let f = Fixture::new();
        save_seed(&f);
        let outside = tempfile::tempdir().expect("temporary folder");
        symlink(outside.path(), f.path().join("records/out")).expect("symlink");
        let (code, _, err) = run(
            &f,
            &[
                "export",
                "bj-traffic",
                "2023",
                "--format",
                "md",
                "-o",
                "records/out/r.md",
            ],
        );
        assert_eq!(code, 1, "{err}");
        assert!(err.contains("records/out: 是符号链接"), "{err}");
        assert_eq!(std::fs::read_dir(outside.path()).expect("list").count(), 0);
    }
}

#[test]
fn diff_styles_through_anstyle_and_escapes_the_text_it_styles() {
    use jixiao::cli::history::{Style, diff_text};
    use jixiao::store::{RecordDiff, Segment, TextChange};
    let d = RecordDiff {
        from_label: "a1b2c3d".into(),
        to_label: "工作区".into(),
        from_rev: None,
        to_rev: None,
        scores: Vec::new(),
        groups: Vec::new(),
        total: None,
        old_grade: "优".into(),
        new_grade: "优".into(),
        fields: Vec::new(),
        rubric_change: None,
        rubric_now: None,
        texts: vec![TextChange {
            field: "budget.text".into(),
            label: "预算执行说明".into(),
            segments: vec![
                Segment::Same("不变。".into()),
                Segment::Deleted("旧\x1b[2J".into()),
                Segment::Inserted("新".into()),
            ],
            hunks: vec![(0, 3)],
        }],
    };
    let plain = diff_text(&d, Style { colour: false });
    assert!(
        plain.contains("    不变。[-旧\\u{1b}[2J-]{+新+}\n"),
        "{plain}"
    );
    assert!(!plain.contains('\x1b'), "{plain}");
    let coloured = diff_text(&d, Style { colour: true });
    // Red struck-through and green underlined, each closed by a reset; the ESC of the text
    // itself is shown, not sent.
    assert!(
        coloured.contains("\x1b[9m\x1b[31m旧\\u{1b}[2J\x1b[0m\x1b[4m\x1b[32m新\x1b[0m"),
        "{coloured:?}"
    );
    assert!(
        coloured.contains("\x1b[1m对比 a1b2c3d → 工作区\x1b[0m"),
        "{coloured:?}"
    );
}

mod properties {
    use proptest::prelude::*;

    proptest! {
        /// Whatever a narrative holds, the record either refuses it (naming the character)
        /// or stores none of the characters that steer terminals or break Word's XML.
        #[test]
        fn a_record_never_holds_a_forbidden_character(text in any::<String>()) {
            let value = toml_edit::Value::from(text.clone()).to_string();
            let toml = format!("rubric = \"r\"\n[budget]\ntext = {value}\n");
            // Windows line ends are read as line feeds.
            let text = text.replace("\r\n", "\n");
            match jixiao::record::Record::parse(std::path::Path::new("r.toml"), &toml) {
                Ok(r) => {
                    prop_assert_eq!(r.text("budget.text"), text.as_str());
                    prop_assert!(jixiao::text::first_forbidden(r.text("budget.text")).is_none());
                }
                Err(e) => {
                    let e = e.to_string();
                    prop_assert!(jixiao::text::first_forbidden(&text).is_some(), "{}", e);
                    prop_assert!(e.contains("字段 `budget.text`") && e.contains("U+"), "{}", e);
                }
            }
        }

        /// What the CLI prints from git holds no control character but line feed and tab.
        #[test]
        fn printable_text_steers_nothing(text in any::<String>()) {
            let shown = jixiao::text::printable(&text);
            prop_assert!(!shown.chars().any(|c| c.is_control() && c != '\n' && c != '\t'));
            prop_assert!(!jixiao::text::printable_line(&text).chars().any(char::is_control));
        }
    }
}
