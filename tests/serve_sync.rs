//! `jixiao serve --sync-every`: the server keeps its repository in step with the central git
//! server on a schedule (issue 12), logging each round; a round that meets a conflict commits
//! nothing on either side and says so in the log.

mod common;

use common::offices::{clean, head};
use common::serve::{Serve, team_with_keys};
use common::team::{as_member, git, ok};
use std::path::Path;
use std::time::{Duration, Instant};

const RECORD: &str = "records/bj-traffic/2023.toml";

/// Waits until `f` holds (the scheduled round runs in the server, not in the test).
fn wait_until(what: &str, mut f: impl FnMut() -> bool, log: impl Fn() -> String) {
    let start = Instant::now();
    while !f() {
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "never: {what}\n{}",
            log()
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// Replaces `from` in the record's file in `dir` and commits it as `member`.
fn edit_as(dir: &Path, member: &str, rel: &str, from: &str, to: &str, msg: &str) {
    let text = std::fs::read_to_string(dir.join(rel)).unwrap();
    assert_eq!(text.matches(from).count(), 1, "`{from}` in {rel}");
    std::fs::write(dir.join(rel), text.replacen(from, to, 1)).unwrap();
    let (dept, year) = rel
        .trim_start_matches("records/")
        .trim_end_matches(".toml")
        .split_once('/')
        .unwrap();
    ok(as_member(
        dir,
        Some(member),
        &["commit", dept, year, "-m", msg],
    ));
}

fn evaluator_line(dir: &Path, rel: &str) -> String {
    std::fs::read_to_string(dir.join(rel))
        .unwrap()
        .lines()
        .find(|l| l.starts_with("evaluator ="))
        .unwrap()
        .to_string()
}

#[test]
fn the_server_syncs_on_a_schedule_and_a_conflict_commits_nothing() {
    let keys = tempfile::tempdir().unwrap();
    let (tmp, dir) = team_with_keys(keys.path(), "bj-traffic");
    // The server's record, begun with `jixiao new` by an evaluator.
    ok(as_member(
        &dir,
        Some("zhang"),
        &[
            "new",
            "bj-traffic",
            "2023",
            "--name",
            "北京市公安局公安交通管理局",
        ],
    ));
    ok(as_member(
        &dir,
        Some("zhang"),
        &["commit", "bj-traffic", "2023", "-m", "新建"],
    ));
    // The central repository, and an office's clone of it.
    let central = tmp.path().join("central.git");
    git(tmp.path(), &["init", "--quiet", "--bare", "central.git"]);
    let url = format!("file://{}", central.display());
    git(&dir, &["remote", "add", "origin", &url]);
    ok(as_member(&dir, None, &["sync"]));
    let branch = git(&dir, &["symbolic-ref", "--short", "HEAD"]);
    let branch = branch.trim();
    git(
        &central,
        &["symbolic-ref", "HEAD", &format!("refs/heads/{branch}")],
    );
    let b = tmp.path().join("b");
    git(tmp.path(), &["clone", "--quiet", &url, "b"]);
    // An evaluator of the office fills in the evaluator; another begins a record under the
    // 达州 rubric.
    let line = evaluator_line(&b, RECORD);
    edit_as(
        &b,
        "zhao",
        RECORD,
        &line,
        "evaluator = \"乙评价组\"",
        "乙填评价机构",
    );
    let new = [
        "new",
        "dz-dept",
        "2024",
        "--name",
        "达州市某局",
        "--rubric",
        "dazhou-department",
    ];
    ok(as_member(&b, Some("zhang"), &new));
    ok(as_member(
        &b,
        Some("zhang"),
        &["commit", "dz-dept", "2024", "-m", "新建"],
    ));
    ok(as_member(&b, Some("zhao"), &["sync"]));

    let serve = Serve::start(&dir, &["--sync-every", "1s"]);
    let log = serve.wait_log("定时同步 origin：", 1);
    assert!(log.contains("每 1 秒与 origin 同步一次"), "{log}");
    wait_until(
        "the office's saves on the server",
        || head(&dir) == git(&central, &["rev-parse", "HEAD"]).trim(),
        || serve.log(),
    );
    assert_eq!(evaluator_line(&dir, RECORD), "evaluator = \"乙评价组\"");
    let list = ok(as_member(&dir, None, &["list", "--json"]));
    assert!(list.contains("达州市某局"), "{list}");
    clean(&dir);
    drop(serve);

    // Both sides change the evaluator while the server is down: the next round refuses.
    let (from, to) = ("evaluator = \"乙评价组\"", "evaluator = \"丙评价组\"");
    edit_as(&b, "zhao", RECORD, from, to, "乙改");
    ok(as_member(&b, Some("zhao"), &["sync"]));
    let text = std::fs::read_to_string(dir.join(RECORD)).unwrap();
    std::fs::write(
        dir.join(RECORD),
        text.replace("evaluator = \"乙评价组\"", "evaluator = \"甲评价组\""),
    )
    .unwrap();
    ok(as_member(
        &dir,
        Some("zhang"),
        &["commit", "bj-traffic", "2023", "-m", "甲改"],
    ));
    let ours = head(&dir);
    let theirs = git(&central, &["rev-parse", "HEAD"]).trim().to_string();
    let serve = Serve::start(&dir, &["--sync-every", "1s"]);
    let log = serve.wait_log("定时同步 origin 未完成", 1);
    assert!(
        log.contains("甲评价组") && log.contains("丙评价组"),
        "{log}"
    );
    // Nothing committed or pushed, the working file as it was.
    assert_eq!(head(&dir), ours);
    assert_eq!(
        git(&central, &["rev-parse", "HEAD"]).trim().to_string(),
        theirs
    );
    assert_eq!(evaluator_line(&dir, RECORD), "evaluator = \"甲评价组\"");
    clean(&dir);
}
