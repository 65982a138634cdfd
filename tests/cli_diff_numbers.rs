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
