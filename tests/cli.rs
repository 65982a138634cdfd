//! The real binary in temporary repositories: every command, its exit status, its JSON, and
//! that reading commands write nothing.

mod common;

use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn jixiao_in(dir: &Path, args: &[&str], env: &[(&str, &Path)]) -> Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_jixiao"));
    c.args(args)
        .current_dir(dir)
        .env_remove("JIXIAO_REPO")
        .env_remove("GIT_DIR")
        .env_remove("GIT_WORK_TREE")
        .env("RUST_BACKTRACE", "0");
    for (k, v) in env {
        c.env(k, v);
    }
    c.output().unwrap()
}

fn jixiao(dir: &Path, args: &[&str]) -> Output {
    jixiao_in(dir, args, &[])
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

fn json(o: &Output) -> Value {
    serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}\n{}", stdout(o), stderr(o)))
}

/// A refused command: status 1, a message, and no panic.
fn refused(o: &Output, needle: &str) {
    let err = stderr(o);
    assert_eq!(o.status.code(), Some(1), "{}\n{err}", stdout(o));
    assert!(err.contains(needle), "`{needle}` not in: {err}");
    assert!(!err.contains("panicked"), "{err}");
}

/// A fresh repository holding the seed record.
fn seed_repo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let o = jixiao(dir.path(), &["init"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let rec = dir.path().join("records/bj-traffic");
    std::fs::create_dir_all(&rec).unwrap();
    std::fs::write(rec.join("2023.toml"), common::seed_record_text()).unwrap();
    dir
}

/// Every file under `dir` with its contents.
/// Every file of the folder, except jixiao's caches of figures (`.git/jixiao/cache`, and the
/// folders made for it), which reading commands keep up to date like git keeps its index's
/// stat data.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<PathBuf, Vec<u8>>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.ends_with(".git/jixiao/cache") {
                continue;
            }
            if p.is_dir() {
                walk(root, &p, out);
            } else {
                out.insert(
                    p.strip_prefix(root).unwrap().to_path_buf(),
                    std::fs::read(&p).unwrap(),
                );
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

#[test]
fn init_makes_a_repository_and_keeps_existing_files() {
    let dir = tempfile::tempdir().unwrap();
    let o = jixiao(dir.path(), &["init"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("评价库已就绪"));
    assert!(dir.path().join(".git").is_dir());
    assert!(dir.path().join("records").is_dir());
    let rubric = dir.path().join("rubrics/beijing-department-2023.toml");
    assert_eq!(
        std::fs::read_to_string(&rubric).unwrap(),
        common::seed_rubric_text()
    );
    // A rubric the user changed is not overwritten by a second init.
    std::fs::write(&rubric, "# mine\n").unwrap();
    let o = jixiao(dir.path(), &["init"]);
    assert!(o.status.success());
    assert_eq!(std::fs::read_to_string(&rubric).unwrap(), "# mine\n");
    // init DIR creates the folder.
    let o = jixiao(dir.path(), &["init", "sub/repo"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        dir.path()
            .join("sub/repo/rubrics/beijing-department-2023.toml")
            .is_file()
    );
}

#[test]
fn new_writes_a_record_that_parses_and_check_lists_its_missing_inputs() {
    let dir = seed_repo();
    let o = jixiao(
        dir.path(),
        &["new", "city-water", "2024", "--name", "某市水务局"],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let path = dir.path().join("records/city-water/2024.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    let rec = common::record(&text);
    assert_eq!(rec.overview.name, "某市水务局");
    assert_eq!(rec.rubric, "beijing-department-2023");
    assert_eq!(
        common::record_for(&common::seed_rubric(), &text).figure("budget.budget_total"),
        Some(None)
    );

    let o = jixiao(dir.path(), &["check", "city-water", "2024", "--json"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let v = json(&o);
    let findings = v["findings"].as_array().unwrap();
    let missing: Vec<&Value> = findings
        .iter()
        .filter(|f| f["code"] == "missing-input")
        .collect();
    assert!(missing.len() >= 15, "{v:#}");
    assert!(missing.iter().all(|f| f["severity"] == "error"));
    for (field, label) in [
        ("budget.budget_total", "全年支出预算"),
        ("budget.spent_total", "本年支出合计"),
        ("management.carryover", "结转结余资金总额"),
        ("overview.staff_total", "年末实有人数"),
    ] {
        assert!(
            missing
                .iter()
                .any(|f| f["field"] == field && f["message"].as_str().unwrap().contains(label)),
            "{field}"
        );
    }
    // The checklists ask for their answers, the open nodes for their indicators.
    assert!(
        missing
            .iter()
            .any(|f| f["field"] == "management.inputs.finance-system.pass")
    );
    // A group with no indicator listed yet is incomplete, not at odds with the rubric.
    assert!(missing.iter().any(|f| f["field"] == "targets.indicators"
        && f["message"].as_str().unwrap().contains("尚未列出三级指标")));
    assert!(!findings.iter().any(|f| f["code"] == "rubric-mismatch"));
    // The text form says the same, with a count.
    let o = jixiao(dir.path(), &["check", "city-water", "2024"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains("缺少「全年支出预算」（万元）"));
    assert!(stdout(&o).contains("个错误"));

    // new refuses to overwrite, and leaves the file alone.
    std::fs::write(&path, format!("{text}# edited\n")).unwrap();
    let o = jixiao(dir.path(), &["new", "city-water", "2024", "--name", "x"]);
    refused(&o, "记录已存在");
    assert!(
        std::fs::read_to_string(&path)
            .unwrap()
            .ends_with("# edited\n")
    );
    // An unknown rubric is refused and nothing is written.
    let o = jixiao(
        dir.path(),
        &["new", "other", "2024", "--name", "x", "--rubric", "nope"],
    );
    refused(&o, "没有指标体系 `nope`");
    assert!(!dir.path().join("records/other").exists());
    // A name is required, on one line.
    let o = jixiao(dir.path(), &["new", "other", "2024", "--name", " "]);
    refused(&o, "部门名称");
    let o = jixiao(dir.path(), &["new", "other", "2024", "--name", "某局\n[x]"]);
    refused(&o, "须写在一行内");
    assert!(!dir.path().join("records/other/2024.toml").exists());
    // Quotes and backslashes are kept as written.
    let o = jixiao(dir.path(), &["new", "quoted", "2024", "--name", "某\"局\\"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = std::fs::read_to_string(dir.path().join("records/quoted/2024.toml")).unwrap();
    assert_eq!(common::record(&text).overview.name, "某\"局\\");
}

#[test]
fn score_json_gives_the_seeds_table() {
    let dir = seed_repo();
    let o = jixiao(dir.path(), &["score", "bj-traffic", "2023", "--json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v = json(&o);
    assert_eq!(v["total"], "95.97");
    assert_eq!(v["grade"], "优");
    assert_eq!(v["rate"], "95.97");
    assert_eq!(v["rubric"], "beijing-department-2023");
    assert_eq!(v["name"], "北京市公安局公安交通管理局");
    let groups: Vec<(&str, &str, &str, &str)> = v["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| {
            (
                g["name"].as_str().unwrap(),
                g["weight"].as_str().unwrap(),
                g["score"].as_str().unwrap(),
                g["rate"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        groups,
        vec![
            ("当年预算执行情况", "20", "18.12", "90.60"),
            ("整体绩效目标实现情况", "60", "58.55", "97.58"),
            ("预算管理情况", "20", "19.30", "96.50"),
        ]
    );
    let indicators = v["indicators"].as_array().unwrap();
    assert_eq!(indicators.len(), 21);
    let by_path = |p: &str| {
        indicators
            .iter()
            .find(|i| i["path"] == p)
            .unwrap_or_else(|| panic!("{p}"))
    };
    let assets = by_path("management/assets/asset-management");
    assert_eq!(assets["name"], "资产管理规范性");
    assert_eq!(assets["weight"], "4");
    assert_eq!(assets["score"], "3.50");
    assert_eq!(assets["computed"], "4.00");
    assert_eq!(assets["override"]["score"], "3.50");
    assert!(
        assets["override"]["reason"]
            .as_str()
            .unwrap()
            .contains("3.50")
    );
    let perf = by_path("management/performance/performance-management");
    assert_eq!(
        (
            &perf["score"],
            &perf["computed"],
            &perf["override"]["score"]
        ),
        (
            &Value::from("3.80"),
            &Value::from("4.00"),
            &Value::from("3.80")
        )
    );
    let overall = by_path("budget/overall");
    assert_eq!(overall["score"], "18.12");
    assert_eq!(overall["computed"], "18.12");
    assert!(overall["override"].is_null());
    assert_eq!(by_path("targets/effects/3")["score"], "4.50");
    // Every decimal is a JSON string, never a float.
    for i in indicators {
        for k in ["weight", "score", "computed"] {
            assert!(i[k].is_string(), "{k} of {}", i["path"]);
        }
    }
    let rates = v["rates"].as_array().unwrap();
    let rate = |id: &str| rates.iter().find(|r| r["id"] == id).unwrap()["value"].clone();
    assert_eq!(rate("budget_execution"), "90.62");
    assert_eq!(rate("fiscal_execution"), "97.66");
    assert_eq!(rate("variance"), "0.66");

    // The text form: 表 4 and the 附件 rows, the overrides marked.
    let o = jixiao(dir.path(), &["score", "bj-traffic", "2023"]);
    let text = stdout(&o);
    for s in [
        "95.97",
        "95.97%",
        "综合评价等级：优",
        "18.12",
        "90.60%",
        "3.50*",
        "3.80*",
        "522,383.99 / 576,431.54 = 90.62%",
        "372,131.93 / 372,936.71 = 99.78%",
        "150,252.06 / 203,494.83 = 73.84%",
        "本年 7.40% − 上年 11.25% = −3.85 个百分点",
        "0.66%，基准 28.30%",
    ] {
        assert!(text.contains(s), "{s} in\n{text}");
    }
}

#[test]
fn score_from_the_projects_own_root() {
    // `jixiao score bj-traffic 2023 --json` run from the repository root.
    let root = common::root();
    let args: Vec<&str> = if root.join(".git").exists() {
        vec!["score", "bj-traffic", "2023", "--json"]
    } else {
        vec!["--repo", ".", "score", "bj-traffic", "2023", "--json"]
    };
    let o = jixiao(&root, &args);
    assert!(o.status.success(), "{}", stderr(&o));
    let v = json(&o);
    assert_eq!(
        (&v["total"], &v["grade"]),
        (&Value::from("95.97"), &Value::from("优"))
    );
}

#[test]
fn check_json_on_the_seed() {
    let dir = seed_repo();
    let o = jixiao(dir.path(), &["check", "bj-traffic", "2023", "--json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v = json(&o);
    let findings = v["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 12);
    for f in findings {
        assert_eq!(f["severity"], "warning");
        for k in ["section", "code", "message"] {
            assert!(f[k].as_str().is_some_and(|s| !s.is_empty()), "{k}: {f}");
        }
    }
    let sections: Vec<&str> = findings
        .iter()
        .map(|f| f["section"].as_str().unwrap())
        .collect();
    assert_eq!(
        sections,
        [vec!["budget"; 4], vec!["targets"; 5], vec!["management"; 3]].concat()
    );
    assert!(findings.iter().any(|f| f["code"] == "narrative-rate"
        && f["message"].as_str().unwrap().contains("90.63%")
        && f["message"].as_str().unwrap().contains("90.62%")));
    // Text form: 12 warnings, 0 errors.
    let o = jixiao(dir.path(), &["check", "bj-traffic", "2023"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(
        stdout(&o).ends_with("0 个错误，12 个警告\n"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn check_exits_1_on_an_error() {
    let dir = seed_repo();
    let path = dir.path().join("records/bj-traffic/2023.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        text.replacen("assets_net = 94448.80", "assets_net = 94448.81", 1),
    )
    .unwrap();
    let o = jixiao(dir.path(), &["check", "bj-traffic", "2023", "--json"]);
    assert_eq!(o.status.code(), Some(1));
    let v = json(&o);
    let f = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["code"] == "sum-mismatch")
        .unwrap();
    assert_eq!(f["severity"], "error");
    assert_eq!(f["section"], "management");
    assert!(f["message"].as_str().unwrap().contains("94,448.81"));
}

#[test]
fn changing_one_input_by_hand_changes_the_score() {
    let dir = seed_repo();
    let path = dir.path().join("records/bj-traffic/2023.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    let from = "[management.inputs.finance-system]\npass = [true, true, true]";
    assert_eq!(text.matches(from).count(), 1);
    std::fs::write(
        &path,
        text.replacen(
            from,
            "[management.inputs.finance-system]\npass = [true, false, true]",
            1,
        ),
    )
    .unwrap();
    let v = json(&jixiao(
        dir.path(),
        &["score", "bj-traffic", "2023", "--json"],
    ));
    assert_eq!(v["total"], "95.47");
    let n = v["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["name"] == "财务管理制度健全性")
        .unwrap()
        .clone();
    assert_eq!(n["score"], "0.50");
    assert_eq!(v["groups"][2]["score"], "18.80");
    // And list shows it.
    let v = json(&jixiao(dir.path(), &["list", "--json"]));
    assert_eq!(v["records"][0]["total"], "95.47");
}

#[test]
fn list_json_and_year_filter() {
    let dir = seed_repo();
    let o = jixiao(
        dir.path(),
        &["new", "city-water", "2024", "--name", "某市水务局"],
    );
    assert!(o.status.success());
    // A record that does not parse is listed with its error, not skipped or fatal.
    let broken = dir.path().join("records/broken/2023.toml");
    std::fs::create_dir_all(broken.parent().unwrap()).unwrap();
    std::fs::write(
        &broken,
        "rubric = \"beijing-department-2023\"\n[budget]\nbudget_total = \"五千\"\n",
    )
    .unwrap();
    let o = jixiao(dir.path(), &["list", "--json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v = json(&o);
    let rows = v["records"].as_array().unwrap();
    let keys: Vec<(String, u64)> = rows
        .iter()
        .map(|r| {
            (
                r["dept"].as_str().unwrap().to_string(),
                r["year"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        keys,
        vec![
            ("bj-traffic".to_string(), 2023),
            ("broken".to_string(), 2023),
            ("city-water".to_string(), 2024)
        ]
    );
    assert_eq!(rows[0]["name"], "北京市公安局公安交通管理局");
    assert_eq!(rows[0]["total"], "95.97");
    assert_eq!(rows[0]["grade"], "优");
    assert!(rows[0]["error"].is_null());
    assert!(rows[1]["total"].is_null());
    assert!(
        rows[1]["error"]
            .as_str()
            .unwrap()
            .contains("budget.budget_total")
    );
    // A new record has no inputs yet: no total and no grade, never "0.00 差".
    assert!(rows[2]["total"].is_null(), "{}", rows[2]);
    assert!(rows[2]["grade"].is_null(), "{}", rows[2]);
    assert_eq!(rows[2]["complete"], false);

    let v = json(&jixiao(dir.path(), &["list", "--year", "2024", "--json"]));
    assert_eq!(v["records"].as_array().unwrap().len(), 1);
    assert_eq!(v["records"][0]["dept"], "city-water");
    let v = json(&jixiao(dir.path(), &["list", "--year", "2020", "--json"]));
    assert_eq!(v["records"], Value::Array(vec![]));
    refused(&jixiao(dir.path(), &["list", "--year", "23"]), "四位数字");
    // Text form.
    let o = jixiao(dir.path(), &["list", "--year", "2023"]);
    let text = stdout(&o);
    assert!(text.contains("bj-traffic") && text.contains("95.97") && text.contains("优"));
    assert!(!text.contains("city-water"));
}

#[test]
fn rubric_check_command() {
    let dir = seed_repo();
    let o = jixiao(dir.path(), &["rubric", "check", "beijing-department-2023"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("没有问题"), "{}", stdout(&o));
    let text = common::seed_rubric_text()
        .replacen("name = \"beijing-department-2023\"", "name = \"bad\"", 1)
        .replacen(
            "weight = 1\nexplanation = \"财务管理制度健全性",
            "weight = 2\nexplanation = \"财务管理制度健全性",
            1,
        )
        .replacen("step = 10", "step = 0", 1);
    std::fs::write(dir.path().join("rubrics/bad.toml"), text).unwrap();
    let o = jixiao(dir.path(), &["rubric", "check", "bad"]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    for s in [
        "bad: management/finance: 下级指标的 `weight` 合计 5，不等于本指标的 `weight` 4：两者须相等",
        "bad: management/variance: threshold_excess 的 `step` 为 0：须大于 0",
        "共 2 个问题",
    ] {
        assert!(out.contains(s), "`{s}` in\n{out}");
    }
    refused(
        &jixiao(dir.path(), &["rubric", "check", "nope"]),
        "没有指标体系 `nope`；可用的有：bad、beijing-department-2023",
    );
    refused(
        &jixiao(dir.path(), &["rubric", "check", "../rubrics/bad"]),
        "没有指标体系",
    );
    // A syntax error names file, line and column.
    std::fs::write(
        dir.path().join("rubrics/syntax.toml"),
        "name = \"s\"\ntotal = = 1\n",
    )
    .unwrap();
    let o = jixiao(dir.path(), &["rubric", "check", "syntax"]);
    refused(&o, "rubrics/syntax.toml:2:");
    assert!(stderr(&o).contains("TOML 语法错误"));
}

#[test]
fn repo_flag_and_environment_variable() {
    let dir = seed_repo();
    let elsewhere = tempfile::tempdir().unwrap();
    // Outside any repository: a clear error.
    let o = jixiao(elsewhere.path(), &["score", "bj-traffic", "2023"]);
    refused(&o, "不在评价库中");
    // --repo.
    let repo = dir.path().to_str().unwrap();
    let v = json(&jixiao(
        elsewhere.path(),
        &["--repo", repo, "score", "bj-traffic", "2023", "--json"],
    ));
    assert_eq!(v["total"], "95.97");
    // --repo after the subcommand (global).
    let v = json(&jixiao(
        elsewhere.path(),
        &["score", "bj-traffic", "2023", "--json", "--repo", repo],
    ));
    assert_eq!(v["total"], "95.97");
    // JIXIAO_REPO.
    let o = jixiao_in(
        elsewhere.path(),
        &["score", "bj-traffic", "2023", "--json"],
        &[("JIXIAO_REPO", dir.path())],
    );
    assert_eq!(json(&o)["total"], "95.97");
    // Found from a subfolder, like git.
    let sub = dir.path().join("records/bj-traffic");
    let v = json(&jixiao(&sub, &["score", "bj-traffic", "2023", "--json"]));
    assert_eq!(v["grade"], "优");
    // --repo to a folder that does not exist.
    refused(
        &jixiao(elsewhere.path(), &["--repo", "/nonexistent/x", "list"]),
        "没有这个文件夹",
    );
    // A department-year without a record.
    refused(
        &jixiao(dir.path(), &["score", "bj-traffic", "2022"]),
        "没有记录 bj-traffic/2022",
    );
}

#[test]
fn bad_departments_and_years_are_refused_without_panic() {
    let dir = seed_repo();
    for args in [
        vec!["score", "../x", "2023"],
        vec!["score", "A B", "2023"],
        vec!["check", "../../etc", "2023"],
        vec!["new", "../x", "2023", "--name", "x"],
        vec!["new", "A B", "2023", "--name", "x"],
    ] {
        refused(&jixiao(dir.path(), &args), "不可用");
    }
    for args in [
        vec!["score", "bj-traffic", "23"],
        vec!["check", "bj-traffic", "20233"],
        vec!["new", "x", "23", "--name", "x"],
    ] {
        refused(&jixiao(dir.path(), &args), "四位数字");
    }
    assert!(!dir.path().join("records/x").exists());
    assert!(!dir.path().join("x").exists());
    // A record that does not parse: file, line, field.
    let path = dir.path().join("records/bj-traffic/2023.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        text.replacen("budget_total = 576431.54", "budget_total = \"12,34.5\"", 1),
    )
    .unwrap();
    let o = jixiao(dir.path(), &["score", "bj-traffic", "2023"]);
    refused(
        &o,
        "2023.toml:79:16: 字段 `budget.budget_total`：「12,34.5」的逗号不是每三位一组的千位分隔符",
    );
    // A record that is not UTF-8 text.
    std::fs::write(&path, b"rubric = \"\xff\"\n").unwrap();
    let o = jixiao(dir.path(), &["check", "bj-traffic", "2023"]);
    refused(&o, "2023.toml");
    assert!(stderr(&o).contains("UTF-8"), "{}", stderr(&o));
    // Unknown subcommands and missing arguments are clap's usage errors (status 2).
    let o = jixiao(dir.path(), &["scor"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(!stderr(&o).contains("panicked"));
}

#[test]
fn reading_commands_write_nothing() {
    let dir = seed_repo();
    let o = jixiao(
        dir.path(),
        &["new", "city-water", "2024", "--name", "某市水务局"],
    );
    assert!(o.status.success());
    let before = snapshot(dir.path());
    for args in [
        vec!["score", "bj-traffic", "2023"],
        vec!["score", "bj-traffic", "2023", "--json"],
        vec!["check", "bj-traffic", "2023"],
        vec!["check", "bj-traffic", "2023", "--json"],
        vec!["check", "city-water", "2024"],
        vec!["list"],
        vec!["list", "--json", "--year", "2023"],
        vec!["rubric", "check", "beijing-department-2023"],
        vec!["score", "../x", "2023"],
        vec!["score", "bj-traffic", "1999"],
        vec!["rubric", "check", "nope"],
    ] {
        let o = jixiao(dir.path(), &args);
        assert!(!stderr(&o).contains("panicked"), "{args:?}");
        assert_eq!(
            snapshot(dir.path()),
            before,
            "{args:?} changed the repository"
        );
    }
    // From a subfolder and through --repo, too.
    let elsewhere = tempfile::tempdir().unwrap();
    let o = jixiao(
        elsewhere.path(),
        &[
            "--repo",
            dir.path().to_str().unwrap(),
            "check",
            "bj-traffic",
            "2023",
        ],
    );
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(snapshot(dir.path()), before);
    assert!(snapshot(elsewhere.path()).is_empty());
}

#[test]
fn no_subcommand_outside_a_repository_says_where_to_start() {
    // `jixiao` alone opens the home screen of the repository around the current folder.
    let dir = tempfile::tempdir().unwrap();
    let o = jixiao(dir.path(), &[]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("不在评价库中") && err.contains("jixiao init"),
        "{err}"
    );
    assert!(snapshot(dir.path()).is_empty());
}

#[test]
fn demo_sets_up_the_example_in_a_new_folder() {
    let tmp = tempfile::tempdir().unwrap();
    let o = jixiao_in(tmp.path(), &["demo"], &[("TMPDIR", tmp.path())]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    for s in [
        "示例评价库",
        "95.97",
        "综合评价等级：优",
        "0 个错误，12 个警告",
    ] {
        assert!(text.contains(s), "{s} in\n{text}");
    }
    // It wrote only its own folder, which holds a repository with the seed record.
    let made: Vec<PathBuf> = std::fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(made.len(), 1, "{made:?}");
    assert_eq!(
        std::fs::read_to_string(made[0].join("records/bj-traffic/2023.toml")).unwrap(),
        common::seed_record_text()
    );
    assert!(made[0].join(".git").is_dir());
}

/// A rubric for another province, written in TOML alone (shared with rubric_check.rs).
const OTHER_PROVINCE: &str = include_str!("data/other-province-2024.toml");

#[test]
fn a_rubric_written_for_another_province_scores_a_new_record() {
    let dir = seed_repo();
    std::fs::write(
        dir.path().join("rubrics/other-province-2024.toml"),
        OTHER_PROVINCE,
    )
    .unwrap();
    let o = jixiao(dir.path(), &["rubric", "check", "other-province-2024"]);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    let o = jixiao(
        dir.path(),
        &[
            "new",
            "x",
            "2024",
            "--name",
            "某省某局",
            "--rubric",
            "other-province-2024",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let path = dir.path().join("records/x/2024.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    // The template asks for exactly the inputs this rubric reads.
    assert!(text.contains("rubric = \"other-province-2024\""));
    assert!(text.contains("[management.inputs.staff]"));
    assert!(text.contains("rate = \"\""));
    assert!(text.contains("[management.inputs.goals]"));
    assert!(text.contains("met = \"\"") && text.contains("total = \"\""));
    assert!(!text.contains("finance-system"));
    let filled = text
        .replacen("budget_total = \"\"", "budget_total = 1000", 1)
        .replacen("spent_total = \"\"", "spent_total = 920", 1)
        .replacen("rate = \"\"", "rate = 103", 1)
        .replacen("met = \"\"", "met = 9", 1)
        // The inputs' lines say what they are and take: `total = ""  # 总数（最多 2 位小数）`.
        .replacen("total = \"\"  # 总数（最多 2 位小数）", "total = 10", 1);
    std::fs::write(&path, filled).unwrap();
    let v = json(&jixiao(dir.path(), &["score", "x", "2024", "--json"]));
    // 92% → 30; 103% → 30 − 1.5; 9 of 10 → 27: 85.50, 中 with this rubric's bands.
    assert_eq!(v["total"], "85.50");
    assert_eq!(v["grade"], "中");
    assert_eq!(v["rubric"], "other-province-2024");
    let scores: Vec<&str> = v["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["score"].as_str().unwrap())
        .collect();
    assert_eq!(scores, vec!["30.00", "28.50", "27.00"]);
}

#[test]
fn a_rubric_file_must_carry_its_own_name() {
    let dir = seed_repo();
    std::fs::write(dir.path().join("rubrics/copy.toml"), OTHER_PROVINCE).unwrap();
    let o = jixiao(dir.path(), &["rubric", "check", "copy"]);
    refused(&o, "`other-province-2024`");
    assert!(stderr(&o).contains("copy"), "{}", stderr(&o));
}
