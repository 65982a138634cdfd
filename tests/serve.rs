//! `jixiao serve` end to end: the server on a loopback port, members' keys made by
//! `ssh-keygen` and registered with `jixiao team add … --key`, and the real OpenSSH client,
//! for commands and (in tmux at 80×24) for the editor.

mod common;

use common::serve::{Serve, keygen, pane_client_pid, team_with_keys};
use common::team::{as_member, git, ok, refused};
use common::tmux::Session;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

#[track_caller]
fn denied(o: &Output, needle: &str) {
    let e = text(&o.stderr);
    assert_eq!(o.status.code(), Some(255), "{}\n{e}", text(&o.stdout));
    assert!(e.contains(needle), "`{needle}` not in: {e}");
}

/// A team repository whose `bj-traffic`/2023 record 张三 started with `jixiao new` over SSH
/// (then committed on the server), and the server.
fn setup(keys: &Path, extra: &[&str]) -> (tempfile::TempDir, PathBuf, Serve) {
    let (tmp, dir) = team_with_keys(keys, "bj-traffic");
    let serve = Serve::start(&dir, extra);
    ok(serve.ssh(
        &keys.join("zhang"),
        &[],
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
    (tmp, dir, serve)
}

/// The recovery files (`.toml`) of bj-traffic/2023 whose text holds `needle`.
fn recovery_with(dir: &Path, needle: &str) -> Vec<PathBuf> {
    let folder = dir.join(".git/jixiao/recovery/bj-traffic-2023");
    std::fs::read_dir(folder)
        .map(|d| {
            d.flatten()
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == "toml"))
                .filter(|p| std::fs::read_to_string(p).is_ok_and(|t| t.contains(needle)))
                .collect()
        })
        .unwrap_or_default()
}

/// Waits until a recovery file holds `needle`.
fn wait_recovery(dir: &Path, needle: &str) -> PathBuf {
    let start = Instant::now();
    loop {
        if let Some(p) = recovery_with(dir, needle).pop() {
            return p;
        }
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "no recovery file holds {needle:?}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Opens bj-traffic/2023's budget section in a session at the home screen.
fn open_budget(s: &Session) {
    s.wait_for("北京市公安局公安交通管理局");
    s.keys(&["Enter"]);
    s.wait_for("一、部门概况");
    s.keys(&["Tab"]);
    s.wait_for("全年支出预算");
}

#[test]
fn commands_over_serve_run_as_the_member_and_nothing_else_runs() {
    let keys = tempfile::tempdir().unwrap();
    let k = |id: &str| keys.path().join(id);
    let (_tmp, dir, serve) = setup(keys.path(), &[]);

    let who = ok(serve.ssh(&k("zhang"), &[], &["whoami"]));
    assert!(
        who.starts_with("张三 <zhang@example.org>\n成员标识：zhang\n角色：评价人员"),
        "{who}"
    );
    let list = ok(serve.ssh(&k("li"), &[], &["jixiao", "list", "--json"]));
    let v: serde_json::Value = serde_json::from_str(&list).unwrap();
    assert_eq!(v["records"][0]["dept"], "bj-traffic");
    assert_eq!(v["records"][0]["name"], "北京市公安局公安交通管理局");
    assert_eq!(v["records"][0]["complete"], false);
    let score = ok(serve.ssh(&k("qian"), &[], &["score", "bj-traffic", "2023"]));
    assert!(score.contains("当年预算执行情况"), "{score}");
    assert!(score.contains("未完成"), "{score}");

    // An unknown key gets nothing, and the refusal is logged with the wait it costs.
    denied(
        &serve.ssh(&k("stranger"), &[], &["whoami"]),
        "Permission denied (publickey)",
    );
    let log = serve.wait_log("不是任何成员的公钥", 1);
    assert!(log.contains("连续第 1 次失败，下次须等 1 秒"), "{log}");
    // No password either: the only method offered is the key.
    let o = serve.ssh(
        &k("stranger"),
        &[
            "-o",
            "PubkeyAuthentication=no",
            "-o",
            "PasswordAuthentication=yes",
        ],
        &["whoami"],
    );
    denied(&o, "Permission denied (publickey)");

    // No shell, no other program, no second command, no subsystem.
    refused(
        serve.ssh(&k("zhang"), &[], &["sh -c id"]),
        "不允许的命令「sh -c id」",
    );
    refused(serve.ssh(&k("zhang"), &[], &["list; id"]), "不允许的命令");
    refused(
        serve.ssh(&k("zhang"), &[], &["list", "--repo", "/"]),
        "不能用 --repo",
    );
    refused(
        serve.ssh(&k("zhang"), &[], &["serve", "--listen", "0.0.0.0:2200"]),
        "只能在服务器上运行",
    );
    let o = serve.ssh(&k("zhang"), &["-s"], &["sftp"]);
    assert_ne!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert!(serve.wait_log("拒绝子系统 zhang", 1).contains("：sftp"));
    // The client's environment is not passed on; the command still runs.
    let o = serve.ssh(
        &k("zhang"),
        &["-o", "SetEnv=JIXIAO_MEMBER=wang"],
        &["whoami"],
    );
    assert!(ok(&o).starts_with("张三 <zhang@example.org>"));

    // Port forwarding: standard-input forwarding (-W), local (-L, used) and remote (-R).
    let o = serve.ssh(&k("zhang"), &["-W", "127.0.0.1:22"], &[]);
    denied(&o, "forwarding failed");
    let sock = keys.path().join("fwd.sock");
    let target = format!("{}:127.0.0.1:{}", sock.display(), serve.port);
    let mut fwd = serve
        .ssh_command(&k("zhang"), &["-N", "-L", &target], &[])
        .stdin(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    let stream = loop {
        if let Ok(s) = std::os::unix::net::UnixStream::connect(&sock) {
            break s;
        }
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "-L never listened"
        );
        std::thread::sleep(Duration::from_millis(50));
    };
    // The forwarded connection is closed at once: the server said no.
    let mut got = Vec::new();
    std::io::Read::read_to_end(&mut &stream, &mut got).unwrap();
    assert!(got.is_empty(), "{}", text(&got));
    serve.wait_log("拒绝端口转发 zhang", 1);
    let _ = fwd.kill();
    let _ = fwd.wait();
    let o = serve.ssh(
        &k("zhang"),
        &[
            "-N",
            "-o",
            "ExitOnForwardFailure=yes",
            "-R",
            "0:127.0.0.1:22",
        ],
        &[],
    );
    denied(&o, "forwarding failed");

    // The roles hold: an evaluator outside their assignment, an evaluator's 终稿.
    refused(
        serve.ssh(
            &k("zhang"),
            &[],
            &["new", "bj-water", "2023", "--name", "北京市水务局"],
        ),
        "bj-water/2023 没有分配给你",
    );
    refused(
        serve.ssh(&k("zhang"), &[], &["draft", "bj-traffic", "2023", "终稿"]),
        "只有复核人员",
    );
    ok(serve.ssh(&k("zhang"), &[], &["draft", "bj-traffic", "2023", "初稿"]));
    refused(
        serve.ssh(
            &k("qian"),
            &[],
            &[
                "note",
                "bj-traffic",
                "2023",
                "budget.budget_total",
                "-m",
                "看看",
            ],
        ),
        "不能在 bj-traffic/2023 上写批注",
    );

    // Another rubric: a 达州 record started over SSH scores under its own tree.
    ok(serve.ssh(
        &k("zhang"),
        &[],
        &[
            "new",
            "dz-dept",
            "2023",
            "--name",
            "达州市某局",
            "--rubric",
            "dazhou-department",
        ],
    ));
    let score = ok(serve.ssh(&k("zhang"), &[], &["score", "dz-dept", "2023", "--json"]));
    let v: serde_json::Value = serde_json::from_str(&score).unwrap();
    assert_eq!(v["rubric"], "dazhou-department", "{score}");

    // The team file is read again when it changes: a key added now logs in at once.
    keygen(&k("sun"), "sun@laptop");
    let pubkey = k("sun.pub");
    ok(as_member(
        &dir,
        Some("wang"),
        &[
            "team",
            "add",
            "sun",
            "--name",
            "孙八",
            "--email",
            "sun@example.org",
            "--role",
            "observer",
            "--key",
            pubkey.to_str().unwrap(),
        ],
    ));
    let who = ok(serve.ssh(&k("sun"), &[], &["whoami"]));
    assert!(who.starts_with("孙八 <sun@example.org>"), "{who}");

    // Every connection is logged with the member, the address, its start and its end.
    let log = serve.log();
    for line in [
        "登录 li 127.0.0.1:",
        "会话开始 li 127.0.0.1:",
        "命令「jixiao list --json」",
        "断开 li 127.0.0.1:",
        "登录 sun 127.0.0.1:",
        "断开 （未登录） 127.0.0.1:",
    ] {
        assert!(log.contains(line), "{line} not in:\n{log}");
    }
    assert!(!log.contains("登录 stranger"), "{log}");
}

#[test]
fn the_editor_over_serve_saves_as_the_member_shows_the_note_and_follows_the_window() {
    let keys = tempfile::tempdir().unwrap();
    let (_tmp, dir, serve) = setup(keys.path(), &[]);
    ok(serve.ssh(
        &keys.path().join("li"),
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
    let args = serve.client_args(&keys.path().join("zhang")).join(" ");
    let s = Session::start_command("jixiao-serve-edit", &format!("ssh -tt {args} 127.0.0.1"));
    open_budget(&s);
    // The reviewer's note, under its field in the evaluator's editor.
    s.wait_for("批注1（li，待答复）：请核对预算数");
    s.keys(&["Enter", "C-u"]);
    s.text("576431.54");
    s.keys(&["Enter"]);
    s.wait_for("*未保存");
    // A bigger window: the editor is told and draws to the new width.
    let ok = Command::new("tmux")
        .args(["resize-window", "-t", &s.name, "-x", "100", "-y", "30"])
        .status()
        .unwrap();
    assert!(ok.success());
    let start = Instant::now();
    while !s
        .screen()
        .lines()
        .any(|l| jixiao::text::width(l.trim_end()) > 80)
    {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "never redrawn wider:\n{}",
            s.screen()
        );
        std::thread::sleep(Duration::from_millis(100));
    }
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
    assert!(rec.contains("budget_total = 576431.54"), "{rec}");
    let log = serve.wait_log("80×24，程序结束，退出码 0", 1);
    assert!(log.contains("会话结束 zhang 127.0.0.1:"), "{log}");
    assert!(log.contains("：编辑器，终端 "), "{log}");
}

#[test]
fn two_sessions_on_one_record_merge() {
    let keys = tempfile::tempdir().unwrap();
    let (_tmp, dir, serve) = setup(keys.path(), &[]);
    let open = |id: &str| {
        let args = serve.client_args(&keys.path().join(id)).join(" ");
        let s = Session::start_command(
            &format!("jixiao-serve-merge-{id}"),
            &format!("ssh -tt {args} 127.0.0.1"),
        );
        open_budget(&s);
        s
    };
    let (a, b) = (open("zhang"), open("zhao"));
    // 张三 fills 全年支出预算, 赵六 the next field, 全年财政拨款预算; both before either saves.
    a.keys(&["Enter", "C-u"]);
    a.text("576431.54");
    a.keys(&["Enter"]);
    a.wait_for("*未保存");
    b.keys(&["Down", "Enter", "C-u"]);
    b.text("500358.28");
    b.keys(&["Enter"]);
    b.wait_for("*未保存");
    for (s, why, done) in [
        (&a, "张三填支出预算", "已保存"),
        (&b, "赵六填拨款预算", "已与他人同时的修改合并"),
    ] {
        s.keys(&["C-s"]);
        s.wait_for("保存：写一句修改说明");
        s.text(why);
        s.keys(&["Enter"]);
        s.wait_for(done);
    }
    let log = git(&dir, &["log", "-2", "--format=%an|%s"]);
    assert_eq!(log.trim(), "赵六|赵六填拨款预算\n张三|张三填支出预算");
    let rec = git(&dir, &["show", "HEAD:records/bj-traffic/2023.toml"]);
    assert!(rec.contains("budget_total = 576431.54"), "{rec}");
    assert!(rec.contains("budget_fiscal = 500358.28"), "{rec}");
}

#[test]
fn a_closed_client_leaves_the_recovery_file_and_the_next_session_gets_it_back() {
    let keys = tempfile::tempdir().unwrap();
    let (_tmp, dir, serve) = setup(keys.path(), &[]);
    let args = serve.client_args(&keys.path().join("zhang")).join(" ");
    let s = Session::start_command("jixiao-serve-drop", &format!("ssh -tt {args} 127.0.0.1"));
    open_budget(&s);
    s.keys(&["Enter", "C-u"]);
    s.text("600000.01");
    s.keys(&["Enter"]);
    s.wait_for("*未保存");
    // The next field is being typed, not confirmed, when the client is killed.
    s.keys(&["Down", "Enter", "C-u"]);
    s.text("500000.02");
    // On the screen, the typing has reached the editor: only then is the client killed.
    s.wait_for("500000.02");
    let client = pane_client_pid(&s.name);
    let st = Command::new("kill")
        .args(["-KILL", &client.to_string()])
        .status()
        .unwrap();
    assert!(st.success());
    let log = serve.wait_log("客户端已断开", 1);
    assert!(log.contains("会话结束 zhang 127.0.0.1:"), "{log}");
    let rec = wait_recovery(&dir, "# pending: budget.budget_fiscal = \"500000.02\"");
    let t = std::fs::read_to_string(&rec).unwrap();
    assert!(t.contains("budget_total = 600000.01"), "{t}");
    assert!(t.contains("# who: 张三 <zhang@example.org>"), "{t}");
    // Nothing was saved; the next session is offered the edits back.
    let file = std::fs::read_to_string(dir.join("records/bj-traffic/2023.toml")).unwrap();
    assert!(!file.contains("600000.01"), "{file}");
    drop(s);
    let s = Session::start_command("jixiao-serve-back", &format!("ssh -tt {args} 127.0.0.1"));
    s.wait_for("北京市公安局公安交通管理局");
    s.keys(&["Enter"]);
    s.wait_for("发现未保存的修改");
    s.keys(&["y"]);
    s.wait_for("已恢复未保存的修改");
}

#[test]
fn an_idle_connection_is_closed_and_the_typing_kept() {
    let keys = tempfile::tempdir().unwrap();
    let (_tmp, dir, serve) = setup(keys.path(), &["--idle-timeout", "8s"]);
    let args = serve.client_args(&keys.path().join("zhang")).join(" ");
    let s = Session::start_command("jixiao-serve-idle", &format!("ssh -tt {args} 127.0.0.1"));
    open_budget(&s);
    s.keys(&["Enter", "C-u"]);
    s.text("576431.54");
    s.keys(&["Enter"]);
    s.wait_for("*未保存");
    // No more keys: the server closes the connection and hangs the editor up.
    let log = serve.wait_log("空闲超时 zhang", 1);
    assert!(log.contains("8 秒没有输入，断开连接"), "{log}");
    serve.wait_log("客户端已断开", 1);
    s.wait_exit();
    wait_recovery(&dir, "budget_total = 576431.54");
}

#[test]
fn sessions_per_member_and_connections_per_address_are_limited() {
    let keys = tempfile::tempdir().unwrap();
    let k = |id: &str| keys.path().join(id);
    let (_tmp, _dir, serve) = setup(
        keys.path(),
        &["--max-sessions", "1", "--max-connections", "2"],
    );
    let args = serve.client_args(&k("zhang")).join(" ");
    let s = Session::start_command("jixiao-serve-limit", &format!("ssh -tt {args} 127.0.0.1"));
    s.wait_for("北京市公安局公安交通管理局");
    // 张三's editor is his one session: a command of his waits for it to close.
    refused(
        serve.ssh(&k("zhang"), &[], &["whoami"]),
        "你已有 1 个会话，达到每位成员的上限",
    );
    ok(serve.ssh(&k("li"), &[], &["whoami"]));
    // A second connection held open (no session), then a third is refused outright.
    let mut held = serve
        .ssh_command(&k("li"), &["-N"], &[])
        .stdin(Stdio::null())
        .spawn()
        .unwrap();
    serve.wait_log("登录 li", 2);
    let o = serve.ssh(&k("wang"), &[], &["whoami"]);
    assert_eq!(o.status.code(), Some(255), "{}", text(&o.stderr));
    serve.wait_log("该地址已有 2 个连接（上限）", 1);
    let _ = held.kill();
    let _ = held.wait();
    serve.wait_log("断开 li", 2);
    ok(serve.ssh(&k("wang"), &[], &["whoami"]));
}

#[test]
fn the_host_key_is_made_once_with_mode_0600_and_kept_across_starts() {
    let keys = tempfile::tempdir().unwrap();
    let (_tmp, dir) = team_with_keys(keys.path(), "bj-traffic");
    let key_file = dir.join(".git/jixiao/serve_host_ed25519");
    assert!(!key_file.exists());
    let known = keys.path().join("known_hosts");
    // The client's own checking, with a known_hosts file of the test's and the server named
    // by an alias rather than its port.
    let whoami = |serve: &Serve, mode: &str| {
        Command::new("ssh")
            .args(["-p", &serve.port.to_string(), "-i"])
            .arg(keys.path().join("li"))
            .args(["-o", &format!("StrictHostKeyChecking={mode}")])
            .args(["-o", &format!("UserKnownHostsFile={}", known.display())])
            .args(["-o", "HostKeyAlias=jixiao-test", "-o", "BatchMode=yes"])
            .args(["-o", "IdentitiesOnly=yes", "-o", "LogLevel=ERROR"])
            .args(["127.0.0.1", "whoami"])
            .stdin(Stdio::null())
            .output()
            .unwrap()
    };
    let mut serve = Serve::start(&dir, &[]);
    let meta = std::fs::metadata(&key_file).unwrap();
    assert_eq!(meta.permissions().mode() & 0o777, 0o600);
    let first = std::fs::read(&key_file).unwrap();
    ok(whoami(&serve, "accept-new"));
    // One line (hashed or not, as the client's HashKnownHosts says) with the ed25519 key.
    let lines = std::fs::read_to_string(&known).unwrap();
    assert_eq!(lines.lines().count(), 1, "{lines}");
    assert!(lines.contains(" ssh-ed25519 "), "{lines}");
    serve.stop();
    assert!(serve.log().contains("停止服务"));
    // Started again (on another port): the same key, which the client now insists on.
    let serve = Serve::start(&dir, &[]);
    assert_eq!(std::fs::read(&key_file).unwrap(), first);
    ok(whoami(&serve, "yes"));
    // The fingerprint in the log is the same at both starts.
    let log = serve.log();
    let prints: Vec<&str> = log
        .lines()
        .filter_map(|l| l.split("主机公钥指纹 ").nth(1))
        .collect();
    assert_eq!(prints.len(), 2, "{log}");
    assert_eq!(prints[0], prints[1]);
}
