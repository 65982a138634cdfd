//! End to end: the real binary in tmux at 80×24, driven by keys as a person would, checked
//! afterwards with plain git and `jixiao score`. `.ci/run` installs tmux where it is missing.

mod common;

use common::tmux::Session;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_jixiao");

fn git(dir: &Path, args: &[&str]) -> String {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn seeded_repo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    git(dir.path(), &["init", "-q"]);
    git(dir.path(), &["config", "user.name", "李评价"]);
    git(dir.path(), &["config", "user.email", "li@example.org"]);
    let st = Command::new(BIN)
        .args(["init"])
        .arg(dir.path())
        .status()
        .unwrap();
    assert!(st.success());
    assert!(git(dir.path(), &["log", "--format=%s"]).contains("初始化评价库"));
    let rec = dir.path().join("records/bj-traffic");
    std::fs::create_dir_all(&rec).unwrap();
    std::fs::write(rec.join("2023.toml"), jixiao::repo::EXAMPLE.2).unwrap();
    let st = Command::new(BIN)
        .args(["--repo"])
        .arg(dir.path())
        .args(["commit", "bj-traffic", "2023", "-m", "录入 2023 年报告"])
        .status()
        .unwrap();
    assert!(st.success());
    dir
}

#[test]
fn edit_save_and_quit_in_tmux() {
    let dir = seeded_repo();
    let s = Session::start("jixiao-e2e-edit", dir.path(), "edit bj-traffic 2023");
    s.wait_for("总分 95.97 优");
    for title in [
        "二、当年预算执行情况",
        "三、整体绩效目标实现情况",
        "四、预算管理情况",
        "五、总体评价结论",
        "六、措施建议",
    ] {
        s.keys(&["Tab"]);
        s.wait_for(title);
    }
    s.keys(&["Tab"]);
    s.wait_for("一、部门概况");
    s.keys(&["Tab"]);
    s.wait_for("二、当年预算执行情况");
    // 全年支出预算 is the first field; 本年支出合计 four rows below.
    s.keys(&["Down", "Down", "Down", "Down", "Enter"]);
    s.wait_for("本年支出合计：522383.99");
    s.keys(&["C-u"]);
    s.text("500000");
    s.keys(&["Enter"]);
    s.wait_for("总分 95.20 优");
    s.keys(&["C-s"]);
    s.wait_for("保存：写一句修改说明");
    s.text("按决算数调整本年支出");
    s.keys(&["Enter"]);
    s.wait_for("已保存");
    s.keys(&["q"]);
    s.wait_exit();
    let log = git(dir.path(), &["log", "-1", "--format=%an%n%B"]);
    assert!(log.starts_with("李评价\n按决算数调整本年支出"), "{log}");
    assert!(log.contains("Record: bj-traffic/2023"), "{log}");
    assert!(log.contains("Score: 95.97 -> 95.20 (优)"), "{log}");
    assert_eq!(git(dir.path(), &["status", "--porcelain"]), "");
    let out = Command::new(BIN)
        .arg("--repo")
        .arg(dir.path())
        .args(["score", "bj-traffic", "2023", "--json"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    // 500000 / 576431.54 × 20 = 17.35 for 资金总体: 95.97 − 18.12 + 17.35.
    assert_eq!(v["total"], "95.20");
    assert_eq!(v["grade"], "优");
}

#[test]
fn a_dropped_session_leaves_the_recovery_file() {
    let dir = seeded_repo();
    let s = Session::start("jixiao-e2e-hup", dir.path(), "edit bj-traffic 2023");
    s.wait_for("总分 95.97 优");
    // 部门名称 is the first field; 简称 the next.
    s.keys(&["Down", "Enter", "C-u"]);
    s.text("交管局");
    s.keys(&["Enter"]);
    s.wait_for("*未保存");
    // The next field (评价单位) is being typed when the connection drops: never confirmed.
    s.keys(&["Down", "Enter", "C-u"]);
    s.text("某评价公司");
    // Closing the session hangs up on the program, as a dropped SSH connection does.
    drop(s);
    let folder = dir.path().join(".git/jixiao/recovery/bj-traffic-2023");
    let find = || -> Option<std::path::PathBuf> {
        std::fs::read_dir(&folder)
            .ok()?
            .flatten()
            .map(|e| e.path())
            .find(|p| p.extension().is_some_and(|x| x == "toml"))
    };
    let start = Instant::now();
    let mut rec = find();
    while start.elapsed() < Duration::from_secs(5)
        && !rec
            .as_ref()
            .and_then(|p| std::fs::read_to_string(p).ok())
            .is_some_and(|t| t.contains("某评价公司"))
    {
        std::thread::sleep(Duration::from_millis(50));
        rec = find();
    }
    let rec = rec.expect("recovery file written");
    // The session has ended once its mark (an OS lock on the .live file) is released.
    let live = std::fs::File::open(rec.with_extension("live")).unwrap();
    while live.try_lock().is_err() {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "the session never ended"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    live.unlock().unwrap();
    let text = std::fs::read_to_string(&rec).unwrap();
    assert!(text.contains("short_name = \"交管局\""), "{text}");
    assert!(
        text.contains("# pending: overview.evaluator = \"某评价公司\""),
        "{text}"
    );
    assert!(text.contains("# who: 李评价 <li@example.org>"), "{text}");
    let file = std::fs::read_to_string(dir.path().join("records/bj-traffic/2023.toml")).unwrap();
    assert!(file.contains("short_name = \"市交通管理局\""));
    // Opening again offers the edits back, the unconfirmed one too.
    let s = Session::start("jixiao-e2e-hup2", dir.path(), "edit bj-traffic 2023");
    s.wait_for("发现未保存的修改");
    s.wait_for("李评价");
    s.keys(&["y"]);
    s.wait_for("已恢复未保存的修改");
    s.wait_for("交管局");
    s.wait_for("某评价公司");
}

#[test]
fn the_program_ends_when_its_terminal_goes() {
    let dir = seeded_repo();
    let s = Session::start("jixiao-e2e-gone", dir.path(), "edit bj-traffic 2023");
    s.wait_for("总分 95.97 优");
    let out = Command::new("tmux")
        .args(["display-message", "-p", "-t", &s.name, "#{pane_pid}"])
        .output()
        .unwrap();
    let shell = String::from_utf8_lossy(&out.stdout).trim().to_string();
    let out = Command::new("pgrep")
        .args(["-P", &shell, "jixiao"])
        .output()
        .unwrap();
    let pid = String::from_utf8_lossy(&out.stdout).trim().to_string();
    assert!(
        !pid.is_empty(),
        "jixiao runs under the pane's shell {shell}"
    );
    let alive = || {
        std::fs::read_to_string(format!("/proc/{pid}/stat"))
            .map(|st| !st.split(") ").nth(1).unwrap_or("").starts_with('Z'))
            .unwrap_or(false)
    };
    assert!(alive());
    drop(s);
    // Without the watchdog, crossterm spins on the closed input forever.
    let start = Instant::now();
    while alive() {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "jixiao {pid} still runs after its terminal closed"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// A repository with an empty record made by `jixiao new`, as a new department starts.
fn new_record_repo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    git(dir.path(), &["init", "-q"]);
    git(dir.path(), &["config", "user.name", "李评价"]);
    git(dir.path(), &["config", "user.email", "li@example.org"]);
    let st = Command::new(BIN)
        .arg("init")
        .arg(dir.path())
        .status()
        .unwrap();
    assert!(st.success());
    let st = Command::new(BIN)
        .arg("--repo")
        .arg(dir.path())
        .args(["new", "cy-edu", "2024", "--name", "朝阳区教育委员会"])
        .status()
        .unwrap();
    assert!(st.success());
    dir
}

#[test]
fn an_empty_record_gets_its_first_row_and_fast_esc_in_tmux() {
    let dir = new_record_repo();

    let s = Session::start("jixiao-e2e-new", dir.path(), "edit cy-edu 2024");
    s.wait_for("朝阳区教育委员会 2024");
    // 机构设置 is the fifth field: a narrative, left with Esc and j typed at once.
    s.keys(&["Down", "Down", "Down", "Down"]);
    s.keys(&["Enter"]);
    s.wait_for("编辑：机构设置");
    s.text("设办公室、财务科");
    let ok = Command::new("tmux")
        .args(["send-keys", "-t", &s.name, "Escape", "j"])
        .status()
        .unwrap();
    assert!(ok.success());
    s.wait_for("机构设置          设办公室、财务科");
    // The cursor went on to 主要职责: Enter opens it, not 机构设置 again.
    s.keys(&["Enter"]);
    s.wait_for("编辑：主要职责");
    s.keys(&["Escape"]);
    // Down to the empty 表 1, whose line the cursor stops on; a adds its first row.
    for _ in 0..5 {
        s.keys(&["Down"]);
    }
    s.wait_for("（空：按 a 或 Enter 添加一行）");
    s.keys(&["a"]);
    s.wait_for("已在「表 1 部门整体绩效目标」添加一行");
    s.keys(&["Enter"]);
    s.wait_for("表 1 第 1 行 活动：");
    s.text("义务教育");
    s.keys(&["Enter"]);
    s.keys(&["C-s"]);
    s.wait_for("保存：写一句修改说明");
    s.text("录入机构和表 1");
    s.keys(&["Enter"]);
    s.wait_for("已保存");
    s.keys(&["q"]);
    s.wait_exit();
    let file = std::fs::read_to_string(dir.path().join("records/cy-edu/2024.toml")).unwrap();
    assert!(file.contains("设办公室、财务科"), "{file}");
    assert!(file.contains("[[overview.goals]]"), "{file}");
    assert!(file.contains("activity = \"义务教育\""), "{file}");
    let log = git(dir.path(), &["log", "-1", "--format=%s"]);
    assert_eq!(log.trim(), "录入机构和表 1");
}
