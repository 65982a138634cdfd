//! The OpenSSH door, end to end: a real system sshd started by the test on a loopback port
//! (its own host key, `AuthorizedKeysFile` in a temporary folder) with the lines of `jixiao
//! team authorized-keys`, and the real OpenSSH client. `.ci/run` installs openssh-server.

mod common;

use common::sshd::{Sshd, keygen};
use common::team::{as_member, git, ok, refused, team_repo};
use common::tmux::Session;
use std::path::{Path, PathBuf};

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// A team repository with 张三's and 李四's keys, a record 张三 started from `jixiao new`,
/// and sshd serving the lines of `jixiao team authorized-keys`.
fn setup(tmp: &Path) -> (tempfile::TempDir, PathBuf, Sshd) {
    let (repo_tmp, dir) = team_repo("bj-traffic");
    for id in ["zhang", "li", "stranger"] {
        keygen(&tmp.join(id), &format!("{id}@laptop"));
    }
    for id in ["zhang", "li"] {
        let key = tmp.join(format!("{id}.pub"));
        ok(as_member(
            &dir,
            Some("wang"),
            &["team", "key", id, key.to_str().unwrap()],
        ));
    }
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
    let lines = ok(as_member(&dir, Some("wang"), &["team", "authorized-keys"]));
    assert_eq!(
        lines.lines().filter(|l| l.starts_with("command=")).count(),
        2,
        "{lines}"
    );
    assert!(
        lines.contains("shell --member zhang\",restrict,pty ssh-ed25519 "),
        "{lines}"
    );
    let sshd = Sshd::start(&tmp.join("sshd"), &lines);
    (repo_tmp, dir, sshd)
}

#[test]
fn commands_over_the_system_sshd_run_as_the_member_and_nothing_else_runs() {
    let tmp = tempfile::tempdir().unwrap();
    let (_repo, dir, sshd) = setup(tmp.path());
    let (zhang, li, stranger) = (
        tmp.path().join("zhang"),
        tmp.path().join("li"),
        tmp.path().join("stranger"),
    );

    let who = ok(sshd.ssh(&zhang, &[], &["whoami"]));
    assert!(
        who.starts_with("张三 <zhang@example.org>\n成员标识：zhang\n角色：评价人员"),
        "{who}"
    );
    let list = ok(sshd.ssh(&li, &[], &["jixiao", "list", "--json"]));
    assert!(list.contains("北京市公安局公安交通管理局"), "{list}");
    // An unknown key gets nothing.
    let o = sshd.ssh(&stranger, &[], &["whoami"]);
    assert_eq!(o.status.code(), Some(255), "{}", text(&o.stderr));
    assert!(
        text(&o.stderr).contains("Permission denied"),
        "{}",
        text(&o.stderr)
    );

    // No shell, no other program, no second command.
    refused(
        sshd.ssh(&zhang, &[], &["sh -c id"]),
        "不允许的命令「sh -c id」",
    );
    refused(sshd.ssh(&zhang, &[], &["list; id"]), "不允许的命令");
    refused(
        sshd.ssh(&zhang, &[], &["list", "--repo", "/"]),
        "不能用 --repo",
    );
    refused(
        sshd.ssh(
            &zhang,
            &[],
            &["export", "bj-traffic", "2023", "-o", "/tmp/x.docx"],
        ),
        "只能写到标准输出",
    );
    refused(
        sshd.ssh(&zhang, &[], &["init", "/tmp/elsewhere"]),
        "只能在服务器上运行",
    );
    // Forwarding is refused (`restrict`), though the sshd allows it.
    let o = sshd.ssh(&zhang, &["-W", "127.0.0.1:22"], &[]);
    assert_eq!(o.status.code(), Some(255));
    assert!(
        text(&o.stderr).contains("forwarding failed"),
        "{}",
        text(&o.stderr)
    );
    let o = sshd.ssh(
        &zhang,
        &[
            "-N",
            "-o",
            "ExitOnForwardFailure=yes",
            "-R",
            "0:127.0.0.1:22",
        ],
        &[],
    );
    assert_eq!(o.status.code(), Some(255));
    assert!(
        text(&o.stderr).contains("forwarding failed"),
        "{}",
        text(&o.stderr)
    );

    // The roles hold over SSH: an evaluator outside their assignment, an evaluator's 终稿.
    refused(
        sshd.ssh(
            &zhang,
            &[],
            &["new", "bj-water", "2023", "--name", "北京市水务局"],
        ),
        "bj-water/2023 没有分配给你",
    );
    refused(
        sshd.ssh(&zhang, &[], &["draft", "bj-traffic", "2023", "终稿"]),
        "只有复核人员",
    );
    ok(sshd.ssh(&zhang, &[], &["draft", "bj-traffic", "2023", "初稿"]));
    // The reviewer's note over SSH is a commit signed as the reviewer.
    ok(sshd.ssh(
        &li,
        &[],
        &[
            "note",
            "bj-traffic",
            "2023",
            "budget.budget_total",
            "-m",
            "请核对预算数",
        ],
    ));
    assert_eq!(
        git(&dir, &["log", "-1", "--format=%an <%ae>"]).trim(),
        "李四 <li@example.org>"
    );
    // A report comes back on standard output only.
    let md = ok(sshd.ssh(
        &li,
        &[],
        &[
            "export",
            "bj-traffic",
            "2023",
            "--format",
            "md",
            "--force",
            "-o",
            "-",
        ],
    ));
    assert!(md.contains("北京市公安局公安交通管理局"), "{md}");
    assert!(sshd.log().contains("Accepted publickey"), "{}", sshd.log());
}

#[test]
fn an_interactive_session_edits_and_saves_as_the_member_and_shows_the_reviewers_note() {
    let tmp = tempfile::tempdir().unwrap();
    let (_repo, dir, sshd) = setup(tmp.path());
    let (zhang, li) = (tmp.path().join("zhang"), tmp.path().join("li"));
    ok(sshd.ssh(
        &li,
        &[],
        &[
            "note",
            "bj-traffic",
            "2023",
            "budget.budget_total",
            "-m",
            "请核对预算数",
        ],
    ));
    let args = sshd.client_args(&zhang).join(" ");
    let s = Session::start_command("jixiao-ssh-door", &format!("ssh -tt {args} 127.0.0.1"));
    s.wait_for("北京市公安局公安交通管理局");
    s.keys(&["Enter"]);
    s.wait_for("一、部门概况");
    s.keys(&["Tab"]);
    // The reviewer's note, under its field in the evaluator's editor.
    s.wait_for("批注1（li，待答复）：请核对预算数");
    // 全年支出预算 is the first field of the section.
    s.keys(&["Enter", "C-u"]);
    s.text("576431.54");
    s.keys(&["Enter"]);
    s.wait_for("*未保存");
    s.keys(&["C-s"]);
    s.wait_for("保存：写一句修改说明");
    s.text("填全年支出预算");
    s.keys(&["Enter"]);
    s.wait_for("已保存");
    s.keys(&["q"]);
    s.keys(&["q"]);
    s.wait_exit();
    let log = git(&dir, &["log", "-1", "--format=%an <%ae>%n%s"]);
    assert_eq!(log.trim(), "张三 <zhang@example.org>\n填全年支出预算");
    let rec = std::fs::read_to_string(dir.join("records/bj-traffic/2023.toml")).unwrap();
    assert!(
        rec.contains("budget_total = \"576431.54\"") || rec.contains("budget_total = 576431.54"),
        "{rec}"
    );
}
