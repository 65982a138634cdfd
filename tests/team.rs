//! The team on the command line, from `jixiao new`: who signs a save, what each role may do,
//! the review loop (notes, answers, resolutions, 终稿, approval, reopening), two members
//! saving one record at once, and a rubric other than Beijing's.

mod common;

use common::team::{as_member, err, git, ok, out, refused, team_repo};
use serde_json::Value;
use std::path::Path;

fn json(o: std::process::Output) -> Value {
    serde_json::from_str(&ok(o)).unwrap()
}

/// The JSON a command printed, whatever its exit status (`check` exits 1 on findings).
fn json_any(o: std::process::Output) -> Value {
    serde_json::from_str(&out(&o)).unwrap_or_else(|e| panic!("{e}: {}\n{}", out(&o), err(&o)))
}

/// Replaces the first `from` in the record file with `to` (a hand edit).
fn edit(dir: &Path, dept: &str, from: &str, to: &str) {
    let p = dir.join(format!("records/{dept}/2023.toml"));
    let t = std::fs::read_to_string(&p).unwrap();
    assert!(t.contains(from), "{from} not in the record");
    std::fs::write(&p, t.replacen(from, to, 1)).unwrap();
}

fn last_author(dir: &Path) -> String {
    git(dir, &["log", "-1", "--format=%an <%ae>|%cn <%ce>"])
        .trim()
        .to_string()
}

#[test]
fn a_team_signs_saves_enforces_roles_and_keeps_the_review_loop_in_git() {
    let (_tmp, dir) = team_repo("bj-traffic");
    let d = dir.as_path();
    // The team's history: every change made by the admin, signed as the admin.
    assert_eq!(
        last_author(d),
        "王五 <wang@example.org>|王五 <wang@example.org>"
    );
    assert!(ok(as_member(d, Some("wang"), &["team", "check"])).contains("每次改动都由管理员提交"));
    let list = json(as_member(d, Some("qian"), &["team", "list", "--json"]));
    assert_eq!(list["members"][1]["role_label"], "评价人员");
    assert_eq!(list["members"][1]["assignments"][0], "bj-traffic/2023");
    let me = json(as_member(d, Some("zhang"), &["whoami", "--json"]));
    assert_eq!(
        (me["name"].as_str(), me["role"].as_str()),
        (Some("张三"), Some("evaluator"))
    );
    // Without JIXIAO_MEMBER the git identity's email decides: the service account is no member.
    refused(
        as_member(d, None, &["whoami"]),
        "svc@example.org 不是团队成员的邮箱",
    );

    // Only an assigned evaluator starts a record.
    refused(
        as_member(
            d,
            Some("li"),
            &[
                "new",
                "bj-traffic",
                "2023",
                "--name",
                "北京市公安局公安交通管理局",
            ],
        ),
        "只有评价人员可以这样做",
    );
    refused(
        as_member(
            d,
            Some("zhang"),
            &["new", "bj-water", "2023", "--name", "北京市水务局"],
        ),
        "bj-water/2023 没有分配给你",
    );
    ok(as_member(
        d,
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
        d,
        Some("zhang"),
        &["commit", "bj-traffic", "2023", "-m", "新建记录"],
    ));
    // The save is the member's, whatever the repository's git config says.
    assert_eq!(
        last_author(d),
        "张三 <zhang@example.org>|张三 <zhang@example.org>"
    );

    // A reviewer or an observer changing the content is refused by the same check.
    edit(
        d,
        "bj-traffic",
        "budget_total = \"\"",
        "budget_total = \"576431.54\"",
    );
    refused(
        as_member(
            d,
            Some("li"),
            &["commit", "bj-traffic", "2023", "-m", "改数"],
        ),
        "只有评价人员",
    );
    refused(
        as_member(
            d,
            Some("qian"),
            &["commit", "bj-traffic", "2023", "-m", "改数"],
        ),
        "只有评价人员",
    );
    ok(as_member(
        d,
        Some("zhao"),
        &["commit", "bj-traffic", "2023", "-m", "全年支出预算"],
    ));
    assert!(last_author(d).starts_with("赵六 <zhao@example.org>"));

    // Drafts: evaluators name 初稿 and 征求意见稿, never 终稿.
    ok(as_member(
        d,
        Some("zhang"),
        &["draft", "bj-traffic", "2023", "初稿"],
    ));
    refused(
        as_member(d, Some("zhang"), &["draft", "bj-traffic", "2023", "终稿"]),
        "只有复核人员",
    );
    refused(
        as_member(
            d,
            Some("wang"),
            &["draft", "bj-traffic", "2023", "征求意见稿"],
        ),
        "不能把",
    );

    // The review loop: a note, listed by check, answered, resolved.
    refused(
        as_member(
            d,
            Some("zhang"),
            &[
                "note",
                "bj-traffic",
                "2023",
                "budget.budget_total",
                "-m",
                "自己批",
            ],
        ),
        "只有复核人员",
    );
    refused(
        as_member(
            d,
            Some("li"),
            &["note", "bj-traffic", "2023", "budget.nothing", "-m", "x"],
        ),
        "没有字段「budget.nothing」",
    );
    let n = json(as_member(
        d,
        Some("li"),
        &[
            "note",
            "bj-traffic",
            "2023",
            "budget.budget_total",
            "-m",
            "预算数与决算表不一致，请核对",
            "--json",
        ],
    ));
    let id = n["id"].as_str().unwrap().to_string();
    assert_eq!(
        last_author(d),
        "李四 <li@example.org>|李四 <li@example.org>"
    );
    let c = json_any(as_member(
        d,
        Some("qian"),
        &["check", "bj-traffic", "2023", "--json"],
    ));
    let open: Vec<&Value> = c["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == "open-note")
        .collect();
    assert_eq!(open.len(), 1, "{c}");
    assert_eq!(open[0]["field"], "budget.budget_total");
    assert!(
        open[0]["message"]
            .as_str()
            .unwrap()
            .contains("预算数与决算表不一致"),
        "{}",
        open[0]
    );
    // Diff labels the note's fields; the record file carries it.
    let diff = ok(as_member(
        d,
        Some("qian"),
        &["diff", "bj-traffic", "2023", "HEAD~1", "HEAD"],
    ));
    assert!(diff.contains("批注「budget.budget_total」·意见"), "{diff}");
    refused(
        as_member(d, Some("li"), &["draft", "bj-traffic", "2023", "终稿"]),
        "还有 1 条批注未解决",
    );
    refused(
        as_member(
            d,
            Some("li"),
            &["answer", "bj-traffic", "2023", "1", "-m", "代答"],
        ),
        "只有评价人员",
    );
    ok(as_member(
        d,
        Some("zhang"),
        &["answer", "bj-traffic", "2023", &id, "-m", "已按决算表核对"],
    ));
    refused(
        as_member(d, Some("zhang"), &["resolve", "bj-traffic", "2023", "1"]),
        "只有复核人员",
    );
    ok(as_member(
        d,
        Some("li"),
        &["resolve", "bj-traffic", "2023", "1"],
    ));
    let notes = json(as_member(
        d,
        Some("qian"),
        &["notes", "bj-traffic", "2023", "--json"],
    ));
    assert_eq!(notes["notes"][0]["status"], "已解决");
    assert_eq!(notes["notes"][0]["answered_by"], "zhang");
    assert_eq!(notes["notes"][0]["resolved_by"], "li");
    // A hand edit cannot make a note vanish nor sign as someone else.
    let rec = d.join("records/bj-traffic/2023.toml");
    let text = std::fs::read_to_string(&rec).unwrap();
    let cut = text.find("[[notes]]").unwrap();
    std::fs::write(&rec, &text[..cut]).unwrap();
    refused(
        as_member(
            d,
            Some("zhang"),
            &["commit", "bj-traffic", "2023", "-m", "删批注"],
        ),
        "批注不删除",
    );
    std::fs::write(
        &rec,
        text.replace("answer = \"已按决算表核对\"", "answer = \"改了答复\"")
            .replace("answered_by = \"zhang\"", "answered_by = \"zhao\""),
    )
    .unwrap();
    refused(
        as_member(
            d,
            Some("zhang"),
            &["commit", "bj-traffic", "2023", "-m", "冒名"],
        ),
        "署名必须是你自己的成员 id「zhang」",
    );
    std::fs::write(&rec, &text).unwrap();

    // 终稿 by the reviewer, approved as a tag plain git shows.
    ok(as_member(
        d,
        Some("li"),
        &["draft", "bj-traffic", "2023", "终稿"],
    ));
    refused(
        as_member(d, Some("zhang"), &["approve", "bj-traffic", "2023", "终稿"]),
        "只有复核人员",
    );
    ok(as_member(
        d,
        Some("li"),
        &["approve", "bj-traffic", "2023", "终稿"],
    ));
    let tags = git(d, &["tag", "-n1", "-l", "approved/*"]);
    assert!(
        tags.contains("approved/bj-traffic/2023/终稿 bj-traffic/2023 终稿 审核通过：李四"),
        "{tags}"
    );
    assert_eq!(
        git(d, &["rev-parse", "approved/bj-traffic/2023/终稿^{commit}"]),
        git(d, &["rev-parse", "bj-traffic/2023/终稿^{commit}"])
    );
    assert!(
        git(d, &["cat-file", "-p", "approved/bj-traffic/2023/终稿"])
            .contains("Approved-by: 李四 <li@example.org>")
    );

    // Final: read-only for evaluators until an admin reopens it with a reason.
    edit(
        d,
        "bj-traffic",
        "budget_total = \"576431.54\"",
        "budget_total = \"576431.55\"",
    );
    refused(
        as_member(
            d,
            Some("zhang"),
            &["commit", "bj-traffic", "2023", "-m", "终稿后改数"],
        ),
        "已命名终稿，对评价人员只读",
    );
    refused(
        as_member(d, Some("li"), &["reopen", "bj-traffic", "2023", "-m", "x"]),
        "只有管理员",
    );
    ok(as_member(
        d,
        Some("wang"),
        &["reopen", "bj-traffic", "2023", "-m", "财政局要求核对预算数"],
    ));
    let log = git(d, &["log", "-1", "--format=%an|%s"]);
    assert_eq!(
        log.trim(),
        "王五|重新开放 bj-traffic/2023（终稿）：财政局要求核对预算数"
    );
    ok(as_member(
        d,
        Some("zhang"),
        &["commit", "bj-traffic", "2023", "-m", "重新开放后改数"],
    ));
    assert!(last_author(d).starts_with("张三"));
    // jixiao's own log shows the reopening as a revision of the record.
    let jlog = ok(as_member(d, Some("qian"), &["log", "bj-traffic", "2023"]));
    assert!(jlog.contains("重新开放 bj-traffic/2023（终稿）"), "{jlog}");
}

#[test]
fn team_check_flags_a_team_change_committed_with_plain_git_by_a_non_admin() {
    let (_tmp, dir) = team_repo("bj-traffic");
    let d = dir.as_path();
    let path = d.join("team.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    // 张三 gives himself the reviewer role by hand and commits with plain git.
    let changed = text.replacen("role = \"evaluator\"", "role = \"reviewer\"", 1);
    std::fs::write(&path, changed).unwrap();
    git(d, &["add", "team.toml"]);
    git(
        d,
        &[
            "-c",
            "user.name=张三",
            "-c",
            "user.email=zhang@example.org",
            "commit",
            "-qm",
            "改角色",
        ],
    );
    let o = as_member(d, Some("wang"), &["team", "check"]);
    assert_eq!(o.status.code(), Some(1), "{}", err(&o));
    let s = out(&o);
    assert!(s.contains("非管理员的改动") && s.contains("张三 <zhang@example.org> 改角色：作者 张三 <zhang@example.org> 在此前的团队文件中不是管理员"), "{s}");
    let v = json_any(as_member(d, Some("wang"), &["team", "check", "--json"]));
    assert_eq!(v["changes"].as_array().unwrap().len(), 1, "{v}");
    assert_eq!(v["changes"][0]["author"], "张三");
    // A team change through jixiao by a non-admin is refused outright.
    refused(
        as_member(d, Some("li"), &["team", "assign", "li", "bj-traffic"]),
        "只有管理员",
    );
}

#[test]
fn without_a_team_file_everything_works_as_before() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    ok(as_member(d, None, &["init"]));
    git(d, &["config", "user.name", "独立评价人"]);
    git(d, &["config", "user.email", "solo@example.org"]);
    let who = ok(as_member(d, None, &["whoami"]));
    assert!(
        who.contains("独立评价人 <solo@example.org>") && who.contains("没有团队文件"),
        "{who}"
    );
    ok(as_member(d, None, &["new", "x", "2023", "--name", "某局"]));
    ok(as_member(d, None, &["commit", "x", "2023", "-m", "新建"]));
    ok(as_member(d, None, &["draft", "x", "2023", "终稿"]));
    // Notes work too, signed with the git name.
    ok(as_member(
        d,
        None,
        &["note", "x", "2023", "overview", "-m", "自查"],
    ));
    let n = json(as_member(d, None, &["notes", "x", "2023", "--json"]));
    assert_eq!(n["notes"][0]["by"], "独立评价人");
    assert_eq!(
        last_author(d),
        "独立评价人 <solo@example.org>|独立评价人 <solo@example.org>"
    );
    // The first member of a team must be an admin.
    refused(
        as_member(
            d,
            None,
            &[
                "team",
                "add",
                "a",
                "--name",
                "甲",
                "--email",
                "a@x.org",
                "--role",
                "evaluator",
            ],
        ),
        "第一位成员须是管理员",
    );
}

#[test]
fn two_members_saving_one_record_at_once_both_land_each_signed_as_themselves() {
    let (_tmp, dir) = team_repo("bj-traffic");
    let d = dir.as_path();
    ok(as_member(
        d,
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
        d,
        Some("zhang"),
        &["commit", "bj-traffic", "2023", "-m", "新建"],
    ));
    ok(as_member(
        d,
        Some("li"),
        &["note", "bj-traffic", "2023", "budget", "-m", "第一条"],
    ));
    // Rounds of an evaluator's answer and a reviewer's new note started together: each
    // reads the same tip, the store merges the later one onto the earlier one.
    for round in 1..=4 {
        let dir_a = d.to_path_buf();
        let dir_b = d.to_path_buf();
        let a = std::thread::spawn(move || {
            as_member(
                &dir_a,
                Some("zhang"),
                &[
                    "answer",
                    "bj-traffic",
                    "2023",
                    "1",
                    "-m",
                    &format!("答复第 {round} 轮"),
                ],
            )
        });
        let b = std::thread::spawn(move || {
            as_member(
                &dir_b,
                Some("li"),
                &[
                    "note",
                    "bj-traffic",
                    "2023",
                    "overview",
                    "-m",
                    &format!("第 {round} 轮批注"),
                ],
            )
        });
        ok(a.join().unwrap());
        ok(b.join().unwrap());
    }
    let n = json(as_member(
        d,
        Some("qian"),
        &["notes", "bj-traffic", "2023", "--json"],
    ));
    let notes = n["notes"].as_array().unwrap();
    assert_eq!(notes.len(), 5, "{n}");
    assert_eq!(notes[0]["answer"], "答复第 4 轮");
    let authors = git(d, &["log", "-8", "--format=%an"]);
    assert_eq!(
        authors.lines().filter(|l| *l == "张三").count(),
        4,
        "{authors}"
    );
    assert_eq!(
        authors.lines().filter(|l| *l == "李四").count(),
        4,
        "{authors}"
    );
}

#[test]
fn notes_and_roles_under_the_dazhou_rubric() {
    let (_tmp, dir) = team_repo("dz-finance");
    let d = dir.as_path();
    ok(as_member(
        d,
        Some("zhang"),
        &[
            "new",
            "dz-finance",
            "2023",
            "--name",
            "达州市财政局",
            "--rubric",
            "dazhou-department",
        ],
    ));
    edit(
        d,
        "dz-finance",
        "score = \"\"  # 评价人打分",
        "score = \"4\"  # 评价人打分",
    );
    ok(as_member(
        d,
        Some("zhang"),
        &["commit", "dz-finance", "2023", "-m", "相关性 4 分"],
    ));
    // A note on an indicator named as the rubric names it lands on its inputs.
    let n = json(as_member(
        d,
        Some("li"),
        &[
            "note",
            "dz-finance",
            "2023",
            "相关性",
            "-m",
            "4 分的依据未写",
            "--json",
        ],
    ));
    assert!(n["committed"].as_bool().unwrap());
    let notes = json(as_member(
        d,
        Some("qian"),
        &["notes", "dz-finance", "2023", "--json"],
    ));
    // 部门决策 is presented in 部门概况 (issue 9 item 5): its inputs are there.
    assert_eq!(notes["notes"][0]["field"], "overview.inputs.relevance");
    let blame = ok(as_member(d, Some("qian"), &["blame", "dz-finance", "2023"]));
    let at = blame.find("相关性").unwrap();
    assert!(
        blame[at..]
            .lines()
            .nth(1)
            .unwrap()
            .contains("批注（未解决）li：4 分的依据未写"),
        "{blame}"
    );
    refused(
        as_member(d, Some("zhang"), &["draft", "dz-finance", "2023", "终稿"]),
        "只有复核人员",
    );
    refused(
        as_member(d, Some("li"), &["draft", "dz-finance", "2023", "终稿"]),
        "1 条批注未解决",
    );
}
