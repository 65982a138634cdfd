//! `jixiao commit / log / diff / draft / drafts / blame` as a person or a script runs them,
//! on real repositories; and two processes committing at once.

mod support;

use jixiao::store::{self, SaveRequest};
use serde_json::Value;
use std::process::{Command, Stdio};
use support::{Fixture, dept, jixiao, replace_once, seed, with_asset_override};

fn run(f: &Fixture, args: &[&str]) -> (i32, String) {
    let o = jixiao(f.path()).args(args).output().unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(!err.contains("panicked"), "jixiao {args:?} panicked: {err}");
    (
        o.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&o.stdout).into_owned() + &err,
    )
}

fn json(f: &Fixture, args: &[&str]) -> Value {
    let (code, out) = run(f, args);
    assert_eq!(code, 0, "{out}");
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}"))
}

#[test]
fn commit_refuses_errors_and_log_diff_blame_print_the_history() {
    let f = Fixture::new();
    let bj = dept("bj-traffic");
    f.write(&bj, 2023, seed());
    let (code, out) = run(&f, &["commit", "bj-traffic", "2023", "-m", "录入原报告"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("总分：— → 95.97（优）"), "{out}");
    assert!(out.contains("0 个错误，12 个警告"), "{out}");
    let first = f.git(&["rev-parse", "HEAD"]).trim().to_string();

    // Unchanged: nothing to commit.
    let (code, out) = run(&f, &["commit", "bj-traffic", "2023", "-m", "again"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("没有要提交的改动"), "{out}");
    assert_eq!(f.git(&["rev-parse", "HEAD"]).trim(), first);

    // A score above the weight is an error of `check`: the commit is refused.
    let bad = replace_once(
        seed(),
        "score = 4.80\nbasis = \"\"\n\n[[targets.indicators]]\nid = \"7e12ab97\"\nparent = \"effects\"\nname = \"交通综合治理",
        "score = 5.80\nbasis = \"\"\n\n[[targets.indicators]]\nid = \"7e12ab97\"\nparent = \"effects\"\nname = \"交通综合治理",
    );
    f.write(&bj, 2023, &bad);
    let (code, out) = run(&f, &["commit", "bj-traffic", "2023", "-m", "bad", "--json"]);
    assert_eq!(code, 1, "{out}");
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["committed"], false);
    assert!(
        v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|x| x["severity"] == "error"),
        "{out}"
    );
    assert_eq!(f.git(&["rev-parse", "HEAD"]).trim(), first);

    f.write(&bj, 2023, &with_asset_override(seed(), "4.00", "复核"));
    let v = json(
        &f,
        &[
            "commit",
            "bj-traffic",
            "2023",
            "-m",
            "复核资产管理",
            "--json",
        ],
    );
    assert_eq!(
        (
            &v["committed"],
            &v["old_total"],
            &v["new_total"],
            &v["grade"]
        ),
        (
            &Value::Bool(true),
            &Value::from("95.97"),
            &Value::from("96.47"),
            &Value::from("优")
        )
    );
    assert_eq!(v["warnings"].as_array().unwrap().len(), 11);
    let second = f.git(&["rev-parse", "HEAD"]).trim().to_string();
    assert_eq!(v["rev"], second.as_str());
    assert_eq!(f.status(), "");

    let (code, out) = run(
        &f,
        &["draft", "bj-traffic", "2023", "初稿", "--rev", &first],
    );
    assert_eq!(
        (code, out.trim()),
        (
            0,
            format!("bj-traffic/2023 初稿 → {}", &first[..7]).as_str()
        )
    );
    let (code, out) = run(&f, &["draft", "bj-traffic", "2023", "初稿"]);
    assert_eq!(code, 1);
    assert!(out.contains("稿名一经命名不会移动"), "{out}");

    let v = json(&f, &["log", "bj-traffic", "2023", "--json"]);
    let revs = v["revisions"].as_array().unwrap();
    let rows: Vec<_> = revs
        .iter()
        .map(|r| {
            (
                r["id"].as_str().unwrap().to_string(),
                r["total"].clone(),
                r["delta"].clone(),
                r["drafts"].clone(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        vec![
            (
                second.clone(),
                Value::from("96.47"),
                Value::from("+0.50"),
                serde_json::json!([])
            ),
            (
                first.clone(),
                Value::from("95.97"),
                Value::Null,
                serde_json::json!(["初稿"])
            ),
        ]
    );
    let (_, text) = run(&f, &["log", "bj-traffic", "2023"]);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2, "{text}");
    assert!(lines[0].starts_with(&second[..7]), "{text}");
    assert!(
        lines[0].contains("96.47")
            && lines[0].contains("+0.50")
            && lines[0].ends_with("复核资产管理"),
        "{text}"
    );
    assert!(
        lines[1].contains("95.97") && lines[1].contains("[初稿] 录入原报告"),
        "{text}"
    );

    let v = json(
        &f,
        &["diff", "bj-traffic", "2023", "初稿", &second, "--json"],
    );
    assert_eq!(v["scores"][0]["path"], "management/assets/asset-management");
    assert_eq!(v["scores"][0]["old"], "3.50");
    assert_eq!(v["scores"][0]["new"], "4.00");
    assert_eq!(v["scores"][0]["delta"], "+0.50");
    assert_eq!(v["scores"][0]["new_override"]["reason"], "复核");
    assert_eq!(v["total"]["new"], "96.47");
    assert_eq!(v["fields"], serde_json::json!([]));
    let (_, text) = run(&f, &["diff", "bj-traffic", "2023", "初稿", &second]);
    assert!(
        text.starts_with(&format!("对比 初稿 ({}) → {}\n", &first[..7], &second[..7])),
        "{text}"
    );
    assert!(
        text.contains("总分 95.97 → 96.47  +0.50  等级 优 → 优"),
        "{text}"
    );

    // The working file against the last save: a narrative change, marked without colour.
    let edited = replace_once(
        &with_asset_override(seed(), "4.00", "复核"),
        "部门预算执行率为 90.63%",
        "部门预算执行率为 90.62%",
    );
    f.write(&bj, 2023, &edited);
    let (_, text) = run(&f, &["diff", "bj-traffic", "2023"]);
    assert!(
        text.contains("部门预算执行率为 [-90.63-] → {+90.62+}%，财政拨款预算执行率为 97.67%。"),
        "{text}"
    );
    assert!(
        !text.contains('\x1b'),
        "no colour when NO_COLOR is set: {text}"
    );

    let v = json(&f, &["blame", "bj-traffic", "2023", "--json"]);
    let asset = v["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["path"] == "management/assets/asset-management")
        .unwrap();
    assert_eq!(
        (&asset["rev"], &asset["score"], &asset["reason"]),
        (
            &Value::from(second.as_str()),
            &Value::from("4.00"),
            &Value::from("复核")
        )
    );
    let v = json(&f, &["drafts", "bj-traffic", "2023", "--json"]);
    assert_eq!(v["drafts"][0]["name"], "初稿");
    assert_eq!(v["drafts"][0]["rev"], first.as_str());
}

#[test]
fn two_processes_committing_at_once_lose_nothing() {
    const SAVES: usize = 200;
    let f = Fixture::new();
    for d in ["dept-a", "dept-b"] {
        let dept = dept(d);
        let r = store::save(
            &f.repo,
            &SaveRequest {
                dept: &dept,
                year: 2023,
                text: seed(),
                base: store::Base::New,
                file_base: None,
                summary: "录入",
            },
        )
        .unwrap();
        assert!(matches!(r, store::SaveOutcome::Committed { .. }));
    }
    // Each process edits its own record and commits it, SAVES times.
    let children: Vec<_> = ["dept-a", "dept-b"]
        .iter()
        .map(|d| {
            let script = format!(
                "for i in $(seq 1 {SAVES}); do \
                   sed -i \"s/^report_date = .*/report_date = \\\"{d} $i\\\"/\" records/{d}/2023.toml || exit 1; \
                   \"$JIXIAO\" --repo . commit {d} 2023 -m \"{d} save $i\" >/dev/null || exit 1; \
                 done"
            );
            let mut c = Command::new("sh");
            c.arg("-c")
                .arg(script)
                .current_dir(f.path())
                .env("JIXIAO", env!("CARGO_BIN_EXE_jixiao"))
                .env("HOME", support::empty_home())
                .env("XDG_CONFIG_HOME", support::empty_home())
                .stdout(Stdio::null())
                .stderr(Stdio::piped());
            c.spawn().unwrap()
        })
        .collect();
    for c in children {
        let o = c.wait_with_output().unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    }
    assert_eq!(
        f.git(&["rev-list", "--count", "HEAD"]).trim(),
        (2 + 2 * SAVES).to_string()
    );
    for d in ["dept-a", "dept-b"] {
        let log = store::log(&f.repo, &dept(d), 2023).unwrap();
        assert_eq!(log.len(), SAVES + 1, "{d}");
        for (k, r) in log.iter().take(SAVES).enumerate() {
            assert_eq!(r.summary, format!("{d} save {}", SAVES - k));
            assert_eq!(r.total.map(|t| t.to_string()).as_deref(), Some("95.97"));
        }
        let head = f.git(&["show", &format!("HEAD:records/{d}/2023.toml")]);
        assert!(
            head.contains(&format!("report_date = \"{d} {SAVES}\"")),
            "{d}"
        );
        assert_eq!(
            std::fs::read_to_string(f.path().join(format!("records/{d}/2023.toml"))).unwrap(),
            head
        );
    }
    let fsck = support::git_cmd(f.path())
        .args(["fsck", "--full", "--strict", "--no-dangling"])
        .output()
        .unwrap();
    assert!(fsck.status.success());
    assert_eq!(
        String::from_utf8_lossy(&fsck.stdout).to_string() + &String::from_utf8_lossy(&fsck.stderr),
        ""
    );
    assert_eq!(f.status(), "");
}
