//! End to end, the evaluator's whole path for a new department (issue 10's "done when"): the
//! real binary in tmux at 80×24, from an empty evaluation repository, driven by keys alone:
//! a record for a district education bureau made on the home screen, every section filled
//! (the first row of every table, Chinese narratives, each checklist item, a qualitative score
//! with its reason), saved, named 初稿, figures changed, saved, named 征求意见稿, the score
//! diff of the two drafts shown; then the exported .docx read back.

mod common;

use common::tmux::Session;

use std::path::Path;
use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_jixiao");

/// The walk's steps, on top of the shared tmux session.
trait Steps {
    fn field(&self, value: &str);
    fn replace(&self, value: &str);
    fn narrative(&self, value: &str);
    fn save(&self, summary: &str);
    fn name_draft(&self, draft: &str);
}

impl Steps for Session {
    /// Enter on a one-line field, its value, Enter.
    fn field(&self, value: &str) {
        self.keys(&["Enter"]);
        self.text(value);
        self.keys(&["Enter"]);
    }

    /// Enter on a filled one-line field, Ctrl-U to clear it, the new value, Enter.
    fn replace(&self, value: &str) {
        self.keys(&["Enter", "C-u"]);
        self.text(value);
        self.keys(&["Enter"]);
    }

    /// Enter on a narrative, its text, Esc (which keeps it).
    fn narrative(&self, value: &str) {
        self.keys(&["Enter"]);
        self.wait_for("编辑：");
        self.text(value);
        self.keys(&["Escape"]);
        // The editor's footer is back: the Esc was read alone, not merged with the next
        // key's escape sequence.
        self.wait_for("Tab 下一部分");
    }

    /// Ctrl-S with a summary; waits for the save.
    fn save(&self, summary: &str) {
        self.keys(&["C-s"]);
        self.wait_for("保存：写一句修改说明");
        self.text(summary);
        self.keys(&["Enter"]);
        self.wait_for("已保存");
    }

    /// From the editor: the history, the newest revision named `draft`, back to the editor.
    fn name_draft(&self, draft: &str) {
        self.keys(&["H"]);
        self.wait_for("修订历史 dx-edu/2024");
        self.keys(&["d"]);
        self.text(draft);
        self.keys(&["Enter"]);
        self.wait_for(&format!("[{draft}]"));
        self.keys(&["Escape"]);
        self.wait_for("Tab 下一部分");
    }
}

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

/// Fills section 一 from 部门名称: a narrative, the staff, the first row of 表 1.
fn fill_overview(s: &Session) {
    s.keys(&["Down", "Down", "Down", "Down"]);
    s.narrative("设办公室、财务科、基础教育科等 8 个内设机构。");
    s.wait_for("设办公室、财务科");
    // Past 主要职责 to 年末实有人数.
    s.keys(&["Down", "Down"]);
    for n in ["120", "118", "2"] {
        s.field(n);
        s.keys(&["Down"]);
    }
    s.wait_for("离休人员          2");
    s.keys(&["Down"]);
    s.wait_for("（空：按 a 或 Enter 添加一行）");
    s.keys(&["a"]);
    s.wait_for("已在「表 1 部门整体绩效目标」添加一行");
    s.field("义务教育");
    s.keys(&["Right"]);
    s.field("新建改扩建学校");
    s.keys(&["Right", "Space", "Right"]);
    s.field("≥3所");
    s.wait_for("≥3所");
}

/// Section 二: the eight amounts, from 全年支出预算 down.
fn fill_budget(s: &Session, spent_total: &str, spent_project: &str) {
    s.keys(&["Tab"]);
    s.wait_for("【二、当年预算执行情况");
    for v in [
        "5000",
        "4800",
        "3000",
        "2000",
        spent_total,
        "4400",
        "2900",
        spent_project,
    ] {
        s.field(v);
        s.keys(&["Down"]);
    }
}

/// Section 三: an output indicator in 表 3 and a qualitative effect with its reason.
fn fill_targets(s: &Session) {
    s.keys(&["Tab"]);
    s.wait_for("【三、整体绩效目标实现情况");
    s.keys(&["Down", "a"]);
    s.field("新建改扩建学校");
    s.keys(&["Right", "Space", "Right"]);
    s.field("≥3所");
    s.keys(&["Right"]);
    s.field("3所");
    s.keys(&["Right"]);
    s.field("30");
    s.wait_for("新建改扩建学校        是  ≥3所        3所         30");
    s.keys(&["Down", "Down", "a"]);
    s.field("教育质量稳步提升");
    s.keys(&["Right", "Right"]);
    s.field("有效提升");
    s.keys(&["Right"]);
    s.field("有效提升");
    s.keys(&["Right"]);
    s.field("30");
    s.keys(&["Right"]);
    s.field("28");
    s.keys(&["Down"]);
    s.field("家长满意度调查中仍有改进空间");
    s.wait_for("【三、整体绩效目标实现情况 ✓】");
}

/// Section 四: the amounts, then every checklist item one by one.
fn fill_management(s: &Session) {
    s.keys(&["Tab"]);
    s.wait_for("【四、预算管理情况");
    // Past two narratives and 资产管理 to 固定资产原值.
    s.keys(&["Down", "Down", "Down"]);
    for v in ["1000", "400", "600", "300", "350", "5200", "4900"] {
        s.field(v);
        s.keys(&["Down"]);
    }
    s.wait_for("年初预算数        4900");
    // From 绩效管理 past two narratives to the first checklist item.
    s.keys(&["Down", "Down", "Down"]);
    for n in [3, 7, 3, 6, 2] {
        s.keys(&["Space"]);
        for _ in 1..n {
            s.keys(&["Down", "Space"]);
        }
        // Past the checklist's 调整分 to the next one's first item.
        s.keys(&["Down", "Down"]);
    }
    s.wait_for("【四、预算管理情况 ✓】");
}

/// Sections 五 and 六: the first problem and its recommendation.
fn fill_conclusion(s: &Session) {
    s.keys(&["Tab"]);
    s.wait_for("【五、总体评价结论");
    s.keys(&["a"]);
    s.field("绩效目标不够细化");
    s.keys(&["Down"]);
    s.narrative("部分指标缺少量化标准，难以衡量完成程度。");
    s.wait_for("【五、总体评价结论 ✓】");
    s.keys(&["Tab"]);
    s.wait_for("【六、措施建议");
    s.keys(&["a", "Down"]);
    s.field("细化绩效目标");
    s.keys(&["Down"]);
    s.narrative("下一年度为每项指标设定可衡量的量化标准。");
    s.wait_for("【六、措施建议 ✓】");
}

#[test]
fn a_new_department_from_an_empty_repository_to_the_report_in_tmux() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    git(d, &["init", "-q"]);
    git(d, &["config", "user.name", "李评价"]);
    git(d, &["config", "user.email", "li@example.org"]);
    assert!(
        Command::new(BIN)
            .arg("init")
            .arg(d)
            .status()
            .unwrap()
            .success()
    );

    let s = Session::start("jixiao-e2e-dept", d, "");
    s.wait_for("还没有记录：按 n 新建");
    s.keys(&["n"]);
    s.text("dx-edu");
    s.keys(&["Tab"]);
    s.text("2024");
    s.keys(&["Tab"]);
    s.text("某区教育局");
    s.keys(&["Enter"]);
    s.wait_for("某区教育局 2024");

    fill_overview(&s);
    fill_budget(&s, "4500", "1600");
    fill_targets(&s);
    fill_management(&s);
    fill_conclusion(&s);
    let screen = s.wait_for(" 一✓  二✓  三✓  四✓  五✓ 【六、措施建议 ✓】");
    // 4500 / 5000 × 20 = 18.00; 30 + 28; 预算管理 20.
    assert!(screen.contains("总分 96.00 优"), "{screen}");
    s.save("初稿录入");
    s.name_draft("初稿");

    // The final accounts move 100 万元 into 项目支出.
    s.keys(&["2"]);
    s.wait_for("【二、当年预算执行情况");
    s.keys(&["Down", "Down", "Down", "Down"]);
    s.replace("4600");
    s.keys(&["Down", "Down", "Down"]);
    s.replace("1700");
    s.wait_for("总分 96.40 优");
    s.save("按决算调整支出");
    s.name_draft("征求意见稿");

    // The score diff between the drafts: mark 初稿 (the older), Enter on 征求意见稿.
    s.keys(&["H"]);
    s.wait_for("修订历史 dx-edu/2024（2 个修订）");
    s.keys(&["Down", "Space", "Up", "Enter"]);
    let diff = s.wait_for("得分差异：初稿");
    assert!(diff.contains("征求意见稿"), "{diff}");
    assert!(diff.contains("18.00 → 18.40"), "{diff}");
    assert!(diff.contains("96.00 → 96.40"), "{diff}");
    s.keys(&["Escape"]);
    s.wait_for("修订历史 dx-edu/2024");
    s.keys(&["Escape"]);
    s.wait_for("Tab 下一部分");
    // Back on the home screen, the record reads as the editor and `jixiao list` say.
    s.keys(&["q"]);
    let home = s.wait_for("dx-edu      2024");
    let row = home
        .lines()
        .find(|l| l.starts_with("dx-edu"))
        .unwrap_or_else(|| panic!("{home}"));
    assert!(row.contains("96.40  优") && row.contains("征求意"), "{row}");
    s.keys(&["q"]);
    s.wait_exit();
    drop(s);

    assert_eq!(git(d, &["status", "--porcelain"]), "");
    let tags = git(d, &["tag", "--list"]);
    assert!(tags.contains("dx-edu/2024/初稿") && tags.contains("dx-edu/2024/征求意见稿"));

    // The report: no error to refuse it, and every table with the figures typed.
    let out = Command::new(BIN)
        .current_dir(d)
        .args(["export", "dx-edu", "2024"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(!stderr.contains("missing-input"), "{stderr}");
    let docx = std::fs::read(d.join("exports/dx-edu-2024.docx")).unwrap();
    let items = common::body(&docx);
    let paras: Vec<&str> = items
        .iter()
        .filter_map(|i| match i {
            common::Item::Para { text, .. } => Some(text.as_str()),
            common::Item::Table(_) => None,
        })
        .collect();
    for caption in [
        "表 1：部门整体绩效目标",
        "表 2：2024 年度某区教育局预算执行情况（单位：万元）",
        "表 3：2024 年度某区教育局年度重点工作产出指标完成情况",
        "表 4：2024 年某区教育局部门整体绩效得分情况表",
        "附件：2024年度部门整体绩效评价指标体系评分表",
        "2024年度某区教育局部门整体绩效评价指标体系评分表",
    ] {
        assert!(paras.contains(&caption), "{caption} in {paras:#?}");
    }
    let goals = common::table_starting(&items, "活动");
    assert_eq!(goals[1][0], "义务教育");
    assert_eq!(goals[1][3], "≥3所");
    let key = common::table_starting(&items, "序号");
    assert_eq!(key[1], ["1", "新建改扩建学校", "≥3所", "3所"]);
    let score = common::table_starting(&items, "一级指标");
    assert_eq!(
        common::row_with(score, "合计"),
        &["合计", "100", "96.40", "96.40%"]
    );
    let budget = common::table_starting(&items, "项目");
    assert_eq!(
        common::row_with(budget, "合计"),
        &["合计", "5,000.00", "4,600.00", "92.00%"]
    );
    let annex = common::table_starting(&items, "二、整体绩效目标实现情况（60分）");
    assert!(common::row_with(annex, "教育质量稳步提升").contains(&"28.00".to_string()));
    assert!(paras.iter().any(|p| p.contains("设办公室、财务科")));
}
