//! `jixiao diff` shows a number changed in a narrative as whole values, old → new, and
//! `jixiao log` gives each revision's time with its year; on a record made by `jixiao new`.

use std::path::Path;
use std::process::{Command, Output};

fn jixiao(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .args(args)
        .current_dir(dir)
        .env_remove("JIXIAO_REPO")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("NO_COLOR", "1")
        .output()
        .expect("jixiao runs")
}

fn ok(o: Output) -> String {
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn a_changed_number_reads_old_to_new_and_log_times_carry_the_year() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let git = |args: &[&str]| {
        assert!(
            Command::new("git")
                .args(args)
                .current_dir(d)
                .status()
                .unwrap()
                .success()
        );
    };
    git(&["init", "-q"]);
    git(&["config", "user.name", "评价员甲"]);
    git(&["config", "user.email", "jia@example.org"]);
    ok(jixiao(d, &["init"]));
    ok(jixiao(
        d,
        &["new", "district-edu", "2024", "--name", "某区教育局"],
    ));
    let path = d.join("records/district-edu/2024.toml");
    let edit = |from: &str, to: &str| {
        let t = std::fs::read_to_string(&path).unwrap();
        assert_eq!(t.matches(from).count(), 1, "{from}");
        std::fs::write(&path, t.replacen(from, to, 1)).unwrap();
    };
    edit(
        "\ntext = \"\"",
        "\ntext = \"本年支出1,398.50万元，执行率为90.63%。\"",
    );
    ok(jixiao(d, &["commit", "district-edu", "2024", "-m", "初稿"]));
    ok(jixiao(d, &["draft", "district-edu", "2024", "初稿"]));
    edit(
        "1,398.50万元，执行率为90.63%",
        "1,413.20万元，执行率为90.62%",
    );
    ok(jixiao(d, &["commit", "district-edu", "2024", "-m", "改数"]));

    let diff = ok(jixiao(d, &["diff", "district-edu", "2024", "初稿", "HEAD"]));
    assert!(
        diff.contains("本年支出[-1,398.50-] → {+1,413.20+}万元，执行率为[-90.63-] → {+90.62+}%。"),
        "{diff}"
    );
    let v: serde_json::Value = serde_json::from_str(&ok(jixiao(
        d,
        &["diff", "district-edu", "2024", "初稿", "HEAD", "--json"],
    )))
    .unwrap();
    let segs = v["texts"][0]["segments"].as_array().unwrap();
    let changed: Vec<(&str, &str)> = segs
        .iter()
        .filter(|s| s["kind"] != "same")
        .map(|s| (s["kind"].as_str().unwrap(), s["text"].as_str().unwrap()))
        .collect();
    assert_eq!(
        changed,
        [
            ("deleted", "1,398.50"),
            ("inserted", "1,413.20"),
            ("deleted", "90.63"),
            ("inserted", "90.62")
        ]
    );

    let log = ok(jixiao(d, &["log", "district-edu", "2024"]));
    let year = log
        .lines()
        .next()
        .and_then(|l| l.split_whitespace().nth(1))
        .unwrap_or_else(|| panic!("{log}"));
    assert_eq!(year.len(), 10, "{log}");
    assert!(
        year.starts_with("20") && year.as_bytes()[4] == b'-',
        "{log}"
    );
}

/// A diff line names a field as the report does (its section and label, a table row by its
/// text); the TOML path is in `--json` only (issue 10 item 10). Under the bundled rubric and
/// the MoF 2013 framework, each record made by `jixiao new`.
#[test]
fn diff_lines_name_fields_as_the_report_does() {
    for (rubric, figure, label, input, input_label) in [
        (
            "beijing-department-2023",
            "budget_total",
            "当年预算执行情况·全年支出预算",
            None,
            "",
        ),
        (
            "mof-department-2013",
            "budget",
            "当年预算执行情况·预算数",
            Some("late"),
            "预算管理情况·支付进度 未按进度完成资金下达的专项数",
        ),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        let git = |args: &[&str]| {
            assert!(
                Command::new("git")
                    .args(args)
                    .current_dir(d)
                    .status()
                    .unwrap()
                    .success()
            );
        };
        git(&["init", "-q"]);
        git(&["config", "user.name", "评价员甲"]);
        git(&["config", "user.email", "jia@example.org"]);
        ok(jixiao(d, &["init"]));
        ok(jixiao(
            d,
            &[
                "new",
                "edu",
                "2024",
                "--name",
                "某区教育局",
                "--rubric",
                rubric,
            ],
        ));
        let path = d.join("records/edu/2024.toml");
        let edit = |from: &str, to: &str| {
            let t = std::fs::read_to_string(&path).unwrap();
            assert_eq!(t.matches(from).count(), 1, "{from}");
            std::fs::write(&path, t.replacen(from, to, 1)).unwrap();
        };
        edit(&format!("\n{figure} = \"\""), &format!("\n{figure} = 100"));
        if let Some(k) = input {
            edit(&format!("\n{k} = \"\""), &format!("\n{k} = 2"));
        }
        let t = std::fs::read_to_string(&path).unwrap();
        std::fs::write(
            &path,
            format!("{t}\n[[overview.goals]]\nactivity = \"教学\"\nvalue = \"≥95%\"\n"),
        )
        .unwrap();
        ok(jixiao(d, &["commit", "edu", "2024", "-m", "一"]));
        edit(&format!("\n{figure} = 100"), &format!("\n{figure} = 120"));
        edit("value = \"≥95%\"", "value = \"≥98%\"");
        if let Some(k) = input {
            edit(&format!("\n{k} = 2"), &format!("\n{k} = 3"));
        }
        ok(jixiao(d, &["commit", "edu", "2024", "-m", "二"]));

        let diff = ok(jixiao(d, &["diff", "edu", "2024", "HEAD~1", "HEAD"]));
        assert!(diff.contains(&format!("  {label}：100 → 120\n")), "{diff}");
        assert!(
            diff.contains("  表 1 部门整体绩效目标「教学」指标值：≥95% → ≥98%\n"),
            "{diff}"
        );
        if input.is_some() {
            assert!(
                diff.contains(&format!("  {input_label}：2 → 3\n")),
                "{diff}"
            );
        }
        for path in ["budget.", "overview.goals", "management.inputs", "[id="] {
            assert!(!diff.contains(path), "{path} in:\n{diff}");
        }
        // Tools still get the path beside the label.
        let v: serde_json::Value = serde_json::from_str(&ok(jixiao(
            d,
            &["diff", "edu", "2024", "HEAD~1", "HEAD", "--json"],
        )))
        .unwrap();
        let fields = v["fields"].as_array().unwrap();
        let f = fields
            .iter()
            .find(|f| f["path"] == format!("budget.{figure}"))
            .unwrap_or_else(|| panic!("{v}"));
        assert_eq!(f["label"], label);
        assert_eq!(
            (f["old"].as_str(), f["new"].as_str()),
            (Some("100"), Some("120"))
        );
    }
}
