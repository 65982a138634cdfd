//! The evaluator's path from an empty record (made as `jixiao new` makes it) in the editor,
//! with TestBackend at 80×24: first rows of empty tables, entering tables, checklists item by
//! item, messages read in full, and keys typed fast over SSH (issue 10).

mod common;

use common::tui::{ctrl, go_to, key, screen, typed};

use jixiao::repo::{Dept, Repo};
use jixiao::tui::editor::Mode;
use jixiao::tui::{App, Theme};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

const BEIJING: &str = "beijing-department-2023";
const OTHER: &str = "other-province-2024";

/// A git repository with a new, empty record of 朝阳区教育委员会 for 2024 under `rubric`,
/// and the editor open on it.
fn new_record(rubric: &str) -> (tempfile::TempDir, App) {
    let dir = tempfile::tempdir().unwrap();
    let repo = jixiao::store::init_repo(dir.path()).unwrap();
    std::fs::write(
        dir.path().join("rubrics/other-province-2024.toml"),
        include_str!("data/other-province-2024.toml"),
    )
    .unwrap();
    let dept = Dept::parse("cy-edu").unwrap();
    repo.create_record(&dept, 2024, "朝阳区教育委员会", rubric)
        .unwrap();
    let mut app = App::edit(repo, Theme { color: false }, dept, 2024).unwrap();
    app.resize(80, 24);
    (dir, app)
}

fn set_identity(dir: &tempfile::TempDir, name: &str) {
    let git = git2::Repository::open(dir.path()).unwrap();
    let mut cfg = git.config().unwrap();
    cfg.set_str("user.name", name).unwrap();
    cfg.set_str("user.email", "li@example.org").unwrap();
}

fn alt(app: &mut App, c: char) {
    app.key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::ALT));
}

/// The path of the field under the cursor.
fn here(app: &mut App) -> String {
    app.editor().unwrap().current_cell().unwrap().path.clone()
}

/// The step bar's mark of section `numeral` (✓, ! or ✗), from the screen.
fn mark(s: &str, numeral: &str) -> char {
    let bar = s.lines().nth(1).unwrap();
    let at = bar.find(numeral).unwrap() + numeral.len();
    bar[at..]
        .chars()
        .find(|c| ['✓', '!', '✗'].contains(c))
        .unwrap()
}

/// Whitespace removed, so wrapped text compares with the message it came from.
fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn every_empty_table_gets_its_first_row_with_a() {
    let (_d, mut app) = new_record(BEIJING);
    // 表 1: the arrows stop on the empty table's line and a adds the first row there.
    go_to(&mut app, "（空");
    let s = screen(&app, 80, 24);
    assert!(s.contains("（空：按 a 或 Enter 添加一行）"), "{s}");
    key(&mut app, KeyCode::Char('a'));
    let ed = app.editor().unwrap();
    assert_eq!(ed.eval.record.overview.goals.len(), 1);
    assert_eq!(here(&mut app), "overview.goals[0].activity");
    assert_eq!(
        app.editor().unwrap().status.as_deref(),
        Some("已在「表 1 部门整体绩效目标」添加一行")
    );

    // Both indicator groups of 整体绩效目标实现情况 (产出, 效果), each under its own heading.
    key(&mut app, KeyCode::Char('3'));
    go_to(&mut app, "（空");
    key(&mut app, KeyCode::Char('a'));
    assert_eq!(here(&mut app), "targets.indicators[0].name");
    go_to(&mut app, "（空");
    // Enter on the empty table's line adds the row too.
    key(&mut app, KeyCode::Enter);
    assert_eq!(here(&mut app), "targets.indicators[1].name");
    let ed = app.editor().unwrap();
    let groups: Vec<String> = ed
        .eval
        .rubric
        .nodes
        .iter()
        .filter(|n| n.def.open && n.section == jixiao::section::Section::Targets)
        .map(|n| n.def.id.clone())
        .collect();
    let parents: Vec<String> = ed
        .eval
        .record
        .targets
        .indicators
        .iter()
        .map(|i| i.parent.clone())
        .collect();
    assert_eq!(parents, groups);
    assert_eq!(groups.len(), 2);

    // 存在的问题 and 措施建议.
    key(&mut app, KeyCode::Char('5'));
    go_to(&mut app, "（空");
    key(&mut app, KeyCode::Char('a'));
    assert_eq!(here(&mut app), "conclusion.problems[0].title");
    // Its narrative is named with the problem's number.
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Enter);
    assert!(screen(&app, 80, 24).contains("编辑：问题 1 原因分析"));
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Char('6'));
    // The problem has no recommendation yet: said in the form's words.
    let s = screen(&app, 80, 24);
    assert!(
        s.contains("问题 1「」没有对应的措施建议（建议的「对应问题」填 1）"),
        "{s}"
    );
    go_to(&mut app, "（空");
    key(&mut app, KeyCode::Char('a'));
    assert_eq!(here(&mut app), "recommendations.items[0].problem");
    let ed = app.editor().unwrap();
    assert_eq!(ed.eval.record.conclusion.problems.len(), 1);
    assert_eq!(ed.eval.record.recommendations.items.len(), 1);
    assert_eq!(ed.eval.record.recommendations.items[0].problem.0, Some(1));

    // x on a row asks with the table's name, and removing the last row brings the line back.
    key(&mut app, KeyCode::Char('x'));
    let s = screen(&app, 80, 24);
    assert!(s.contains("删除「措施建议」第 1 行？"), "{s}");
    key(&mut app, KeyCode::Char('y'));
    assert!(screen(&app, 80, 24).contains("（空：按 a 或 Enter 添加一行）"));
    assert!(
        app.editor()
            .unwrap()
            .eval
            .record
            .recommendations
            .items
            .is_empty()
    );
}

#[test]
fn another_provinces_rubric_gets_its_first_rows_too() {
    let (_d, mut app) = new_record(OTHER);
    let s = screen(&app, 80, 24);
    assert!(s.contains("朝阳区教育委员会 2024"), "{s}");
    go_to(&mut app, "（空");
    key(&mut app, KeyCode::Char('a'));
    assert_eq!(here(&mut app), "overview.goals[0].activity");
    key(&mut app, KeyCode::Char('5'));
    go_to(&mut app, "（空");
    key(&mut app, KeyCode::Char('a'));
    assert_eq!(here(&mut app), "conclusion.problems[0].title");
    key(&mut app, KeyCode::Char('6'));
    // No recommendation yet: a finding, not 六✓.
    let s = screen(&app, 80, 24);
    assert_eq!(mark(&s, "六"), '!', "{s}");
    go_to(&mut app, "（空");
    key(&mut app, KeyCode::Char('a'));
    let ed = app.editor().unwrap();
    assert_eq!(ed.eval.record.recommendations.items.len(), 1);
    assert_eq!(ed.eval.rubric.name, OTHER);
    // Findings speak of the form's fields, not of TOML keys.
    key(&mut app, KeyCode::Char('5'));
    let found: Vec<String> = app
        .editor()
        .unwrap()
        .findings
        .iter()
        .map(|f| f.message.clone())
        .collect();
    assert!(
        !found
            .iter()
            .any(|m| m.contains("（weight）") || m.contains("problem =") || m.contains("pass ")),
        "{found:?}"
    );
}

#[test]
fn entering_a_table_starts_on_its_first_cell() {
    let (_d, mut app) = new_record(BEIJING);
    key(&mut app, KeyCode::Char('3'));
    go_to(&mut app, "（空");
    key(&mut app, KeyCode::Char('a'));
    // First indicator: qualitative, so it has a 评分依据 line below it.
    key(&mut app, KeyCode::Right);
    key(&mut app, KeyCode::Right);
    assert_eq!(here(&mut app), "targets.indicators[0].target");
    key(&mut app, KeyCode::Enter);
    typed(&mut app, "有效提升");
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Char('a'));
    assert_eq!(here(&mut app), "targets.indicators[1].name");
    // From the 评分依据 line (second column) down into the next indicator: its first cell,
    // not 指标值 under the cursor's column.
    key(&mut app, KeyCode::Up);
    assert_eq!(here(&mut app), "targets.indicators[0].basis");
    key(&mut app, KeyCode::Down);
    assert_eq!(here(&mut app), "targets.indicators[1].name");
    // From a field above the table (second column) into the table: its first cell.
    key(&mut app, KeyCode::Home);
    assert_eq!(here(&mut app), "targets.outputs_text");
    key(&mut app, KeyCode::Down);
    assert_eq!(here(&mut app), "targets.indicators[0].name");
    key(&mut app, KeyCode::Right);
    key(&mut app, KeyCode::Right);
    let s = screen(&app, 80, 24);
    assert!(s.contains("定性：评分依据"), "the kind shows: {s}");
    // The prompt names the table row and column.
    key(&mut app, KeyCode::Enter);
    let s = screen(&app, 80, 24);
    assert!(s.contains("产出 第 1 行 指标值：有效提升"), "{s}");
    key(&mut app, KeyCode::Esc);
}

#[test]
fn changing_an_indicators_kind_is_shown_and_confirmed() {
    let (_d, mut app) = new_record(BEIJING);
    key(&mut app, KeyCode::Char('3'));
    go_to(&mut app, "（空");
    key(&mut app, KeyCode::Char('a'));
    // Without a 指标值 the row is neither kind yet.
    let s = screen(&app, 80, 24);
    assert!(
        !s.contains("定性：评分依据") && !s.contains(" 定量 "),
        "{s}"
    );
    key(&mut app, KeyCode::Right);
    key(&mut app, KeyCode::Right);
    key(&mut app, KeyCode::Enter);
    typed(&mut app, "有效提升");
    key(&mut app, KeyCode::Enter);
    assert!(screen(&app, 80, 24).contains("└ 定性：评分依据"));
    // A score typed where 指标值 is would turn it into a quantity: asked first.
    key(&mut app, KeyCode::Enter);
    ctrl(&mut app, 'u');
    typed(&mut app, "4.8");
    key(&mut app, KeyCode::Enter);
    let s = screen(&app, 80, 24);
    assert!(s.contains("指标值「4.8」会把本指标从定性改为定量"), "{s}");
    key(&mut app, KeyCode::Char('n'));
    let ed = app.editor().unwrap();
    assert_eq!(ed.eval.record.targets.indicators[0].target, "有效提升");
    assert_eq!(ed.status.as_deref(), Some("未修改：指标值仍为「有效提升」"));
    // Confirmed, it changes, and the row says 定量 where the evaluator's score was.
    key(&mut app, KeyCode::Enter);
    ctrl(&mut app, 'u');
    typed(&mut app, "≥ 95%");
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Char('y'));
    let ed = app.editor().unwrap();
    assert_eq!(ed.eval.record.targets.indicators[0].target, "≥ 95%");
    assert_eq!(ed.status.as_deref(), Some("已改为定量指标"));
    let s = screen(&app, 80, 24);
    assert!(s.contains("定量"), "{s}");
    assert!(!s.contains("定性：评分依据"), "{s}");
}

#[test]
fn space_sets_only_the_checklist_item_under_the_cursor() {
    let (_d, mut app) = new_record(BEIJING);
    key(&mut app, KeyCode::Char('4'));
    go_to(&mut app, "未评");
    key(&mut app, KeyCode::Down);
    let path = here(&mut app);
    key(&mut app, KeyCode::Char(' '));
    let ed = app.editor().unwrap();
    let text = ed.doc.to_string();
    assert!(text.contains("pass = [\"\", true, \"\"]"), "{text}");
    let rows: Vec<String> = ed
        .rows
        .iter()
        .filter(|r| r.cells.first().is_some_and(|c| c.path == path))
        .map(|r| r.cells[0].text.clone())
        .collect();
    assert_eq!(rows, ["未评", "合格", "未评"]);
    // Not scored until every item is assessed.
    assert!(
        ed.findings
            .iter()
            .any(|f| f.field == path && f.message.ends_with("已评 1 项；每项评为合格或不合格")),
        "{:?}",
        ed.findings
    );
    // Space again: 不合格; then the other two, one each.
    key(&mut app, KeyCode::Char(' '));
    key(&mut app, KeyCode::Up);
    key(&mut app, KeyCode::Char(' '));
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Char(' '));
    let ed = app.editor().unwrap();
    assert!(ed.doc.to_string().contains("pass = [true, false, true]"));
    assert!(!ed.findings.iter().any(|f| f.field == path));
}

#[test]
fn an_empty_recommendation_is_a_finding() {
    let (_d, mut app) = new_record(BEIJING);
    let s = screen(&app, 80, 24);
    assert_eq!(
        mark(&s, "六"),
        '!',
        "a new record lacks its recommendations: {s}"
    );
    key(&mut app, KeyCode::Char('6'));
    go_to(&mut app, "（空");
    key(&mut app, KeyCode::Char('a'));
    let ed = app.editor().unwrap();
    let six: Vec<&str> = ed
        .section_findings()
        .iter()
        .map(|f| f.message.as_str())
        .collect();
    assert_eq!(six[0], "建议 1 没有内容", "{six:?}");
    // An error too: the recommendation answers problem 1, which is not written yet.
    let s = screen(&app, 80, 24);
    assert_eq!(mark(&s, "六"), '✗', "{s}");
}

#[test]
fn esc_typed_with_the_next_key_leaves_the_text_and_moves() {
    let (_d, mut app) = new_record(BEIJING);
    go_to(&mut app, "机构设置");
    key(&mut app, KeyCode::Enter);
    typed(&mut app, "设办公室");
    // Esc then j, fast over SSH, arrives as Alt-j.
    alt(&mut app, 'j');
    let ed = app.editor().unwrap();
    assert!(matches!(ed.mode, Mode::Normal));
    assert_eq!(ed.eval.record.text("overview.organization"), "设办公室");
    assert_eq!(here(&mut app), "overview.duties");
    // Alt-f is the text area's word move: it stays in the text.
    key(&mut app, KeyCode::Up);
    key(&mut app, KeyCode::Enter);
    alt(&mut app, 'f');
    assert!(matches!(app.editor().unwrap().mode, Mode::Text { .. }));
    key(&mut app, KeyCode::Esc);
}

#[test]
fn ctrl_a_selects_a_narrative_to_replace_or_clear_it() {
    let (_d, mut app) = new_record(BEIJING);
    go_to(&mut app, "机构设置");
    key(&mut app, KeyCode::Enter);
    typed(&mut app, "旧的说明");
    key(&mut app, KeyCode::Enter);
    typed(&mut app, "第二段");
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Enter);
    ctrl(&mut app, 'a');
    typed(&mut app, "新说明");
    key(&mut app, KeyCode::Esc);
    assert_eq!(
        app.editor()
            .unwrap()
            .eval
            .record
            .text("overview.organization"),
        "新说明"
    );
    key(&mut app, KeyCode::Enter);
    ctrl(&mut app, 'a');
    key(&mut app, KeyCode::Backspace);
    key(&mut app, KeyCode::Esc);
    assert_eq!(
        app.editor()
            .unwrap()
            .eval
            .record
            .text("overview.organization"),
        ""
    );
    // Ctrl-G still gives up the change.
    key(&mut app, KeyCode::Enter);
    typed(&mut app, "不要");
    ctrl(&mut app, 'g');
    assert_eq!(
        app.editor()
            .unwrap()
            .eval
            .record
            .text("overview.organization"),
        ""
    );
}

#[test]
fn table_cells_are_named_and_nature_takes_two_words() {
    let (_d, mut app) = new_record(BEIJING);
    go_to(&mut app, "（空");
    key(&mut app, KeyCode::Char('a'));
    key(&mut app, KeyCode::Right);
    key(&mut app, KeyCode::Right);
    assert_eq!(here(&mut app), "overview.goals[0].nature");
    key(&mut app, KeyCode::Enter);
    let s = screen(&app, 80, 24);
    assert!(s.contains("表 1 第 1 行 性质：定量"), "{s}");
    ctrl(&mut app, 'u');
    typed(&mut app, "重要");
    key(&mut app, KeyCode::Enter);
    let s = screen(&app, 80, 24);
    assert!(
        s.contains("无效：「重要」不可用；只能填 定性 或 定量"),
        "{s}"
    );
    // The save names the field as the report does, not by its TOML path.
    ctrl(&mut app, 's');
    let s = screen(&app, 80, 24);
    assert!(
        s.contains("有 1 个无效输入，请修正或放弃后再保存：表 1 第 1 行 性质"),
        "{s}"
    );
    assert!(!s.contains("overview.goals"), "{s}");
    key(&mut app, KeyCode::Enter);
    ctrl(&mut app, 'u');
    typed(&mut app, "定性");
    key(&mut app, KeyCode::Enter);
    let ed = app.editor().unwrap();
    assert!(ed.invalid.is_empty());
    assert_eq!(ed.eval.record.overview.goals[0].nature, "定性");
    // Space turns it to the other word.
    key(&mut app, KeyCode::Char(' '));
    assert_eq!(
        app.editor().unwrap().eval.record.overview.goals[0].nature,
        "定量"
    );
    key(&mut app, KeyCode::Char(' '));
    assert_eq!(
        app.editor().unwrap().eval.record.overview.goals[0].nature,
        "定性"
    );
}

#[test]
fn a_failed_save_is_read_in_full_and_keeps_the_summary() {
    let (dir, mut app) = new_record(BEIJING);
    // An empty user.name in the repository's config counts as unset, whatever ~/.gitconfig says.
    set_identity(&dir, "");
    go_to(&mut app, "简称");
    key(&mut app, KeyCode::Enter);
    typed(&mut app, "朝阳教委");
    key(&mut app, KeyCode::Enter);
    ctrl(&mut app, 's');
    // The first save has no score before it: the dialog says so as the result will.
    let s = screen(&app, 80, 24);
    assert!(s.contains("得分：— → 未完成"), "{s}");
    typed(&mut app, "录入部门概况");
    key(&mut app, KeyCode::Enter);
    let s = screen(&app, 80, 24);
    let flat = squeeze(&s);
    assert!(flat.contains("保存失败：未设置git的user.name"), "{s}");
    assert!(
        flat.contains("gitconfig--globaluser.name\"姓名\""),
        "the fix command is whole: {s}"
    );
    assert!(flat.contains("（去掉--global则只用于本评价库"), "{s}");
    assert!(s.lines().all(|l| jixiao::text::width(l) <= 80));
    // The summary typed is offered again.
    set_identity(&dir, "李评价");
    ctrl(&mut app, 's');
    let s = screen(&app, 80, 24);
    assert!(s.contains("录入部门概况"), "{s}");
    key(&mut app, KeyCode::Enter);
    let ed = app.editor().unwrap();
    let status = ed.status.clone().unwrap_or_default();
    assert!(status.starts_with("已保存"), "{status}");
    // Still incomplete: no total and no grade, never "0.00（差）".
    assert!(status.contains("：— → 未完成"), "{status}");
    assert!(!ed.unsaved());
    assert_eq!(ed.pending_summary, None);
}

#[test]
fn a_long_message_wraps_and_the_cursor_stays_in_view() {
    let (_d, mut app) = new_record(BEIJING);
    let long = "这是一条很长的发现：".repeat(12);
    app.editor().unwrap().status = Some(long.clone());
    let s = screen(&app, 80, 24);
    assert!(squeeze(&s).contains(&squeeze(&long)), "{s}");
    let ed = app.editor().unwrap();
    // 12 × 20 cells = 240 cells: three lines, so the body is two lines shorter.
    assert_eq!(ed.status_height(), 3);
    assert_eq!(ed.body_height(), ed.height - 2);
    // The cursor as low as it goes (the line under it is kept for a ↳ line), then a value
    // whose long reason takes two status lines, one more than before.
    // A short terminal, in 当年预算执行情况 whose first finding takes one line.
    app.resize(80, 12);
    key(&mut app, KeyCode::Char('2'));
    for _ in 0..100 {
        let ed = app.editor().unwrap();
        let last = ed.row_lines()[ed.cursor.0] == ed.scroll + ed.body_height() - 2;
        if last && ed.current_cell().unwrap().kind == jixiao::tui::form::Kind::Number {
            break;
        }
        key(&mut app, KeyCode::Down);
    }
    let ed = app.editor().unwrap();
    let line = ed.row_lines()[ed.cursor.0];
    assert_eq!(line, ed.scroll + ed.body_height() - 2, "as low as it goes");
    assert_eq!(ed.status_height(), 1);
    key(&mut app, KeyCode::Enter);
    typed(&mut app, "3,21,921.15");
    key(&mut app, KeyCode::Enter);
    let ed = app.editor().unwrap();
    assert_eq!(ed.status_height(), 2, "{:?}", ed.status_text());
    let line = ed.row_lines()[ed.cursor.0];
    assert!(
        line >= ed.scroll && line + 1 < ed.scroll + ed.body_height(),
        "the row and its ↳ line are shown: line {line}, scroll {}, body {}",
        ed.scroll,
        ed.body_height()
    );
    let s = screen(&app, 80, 12);
    assert!(s.contains("3,21,921.15!"), "{s}");
    assert!(s.contains("↳ 无效："), "{s}");
}

#[test]
fn page_down_in_a_text_view_moves_by_screen_rows() {
    use jixiao::tui::review::TextView;
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    // Forty entries, each one wrapping onto a second row at 80 columns.
    let text: String = (1..=40)
        .map(|i| format!("{i:02} {}\n", "改".repeat(45)))
        .collect();
    let mut v = TextView::new(" 测试 ".into(), &text);
    let draw = |v: &TextView| {
        let mut t = Terminal::new(TestBackend::new(80, 24)).unwrap();
        t.draw(|f| v.draw(f)).unwrap();
        let buf = t.backend().buffer().clone();
        (0..24)
            .map(|y| {
                let mut line = String::new();
                let mut x = 0;
                while x < 80 {
                    let sym = buf[(x, y)].symbol();
                    line.push_str(sym);
                    x += jixiao::text::width(sym).max(1) as u16;
                }
                line
            })
            .collect::<Vec<_>>()
    };
    let first = draw(&v);
    // 22 text rows: entries 01–11, both rows each.
    assert!(first[1].starts_with("01 "), "{first:?}");
    assert!(first[21].starts_with("11 "), "{first:?}");
    assert!(first[22].starts_with("改"), "{first:?}");
    v.key(
        KeyEvent::new(KeyCode::PageDown, KeyModifiers::NONE),
        (80, 24),
    );
    let second = draw(&v);
    // One row of overlap (the last row shown), then entry 12: nothing skipped.
    assert!(second[1].starts_with("改"), "{second:?}");
    assert!(second[2].starts_with("12 "), "{second:?}");
    assert!(second[23].contains("第 22/80 行"), "{second:?}");
}

#[test]
fn grouped_thousands_are_accepted_and_integer_hints_are_integers() {
    let (_d, mut app) = new_record(BEIJING);
    go_to(&mut app, "年末实有人数");
    key(&mut app, KeyCode::Enter);
    typed(&mut app, "4,120");
    key(&mut app, KeyCode::Enter);
    let ed = app.editor().unwrap();
    assert!(ed.invalid.is_empty(), "{:?}", ed.invalid);
    assert!(ed.doc.to_string().contains("staff_total = 4120"));
    // A head count is an integer: the hint's example is one, and it reads in full.
    key(&mut app, KeyCode::Enter);
    ctrl(&mut app, 'u');
    typed(&mut app, "41,20");
    key(&mut app, KeyCode::Enter);
    let s = screen(&app, 80, 24);
    assert!(
        squeeze(&s).contains("无效：「41,20」的逗号不是每三位一组的千位分隔符；请写成4120或4,120"),
        "{s}"
    );
    key(&mut app, KeyCode::Enter);
    ctrl(&mut app, 'u');
    typed(&mut app, "五千");
    key(&mut app, KeyCode::Enter);
    let s = screen(&app, 80, 24);
    assert!(
        s.contains("无效：「五千」不是整数；请用阿拉伯数字，如 4120"),
        "{s}"
    );
    // An amount copied from a 决算表.
    key(&mut app, KeyCode::Char('2'));
    go_to(&mut app, "本年支出合计");
    key(&mut app, KeyCode::Enter);
    typed(&mut app, "576,431.54");
    key(&mut app, KeyCode::Enter);
    let ed = app.editor().unwrap();
    assert!(ed.doc.to_string().contains("spent_total = 576431.54"));
}

#[test]
fn a_rubric_leafs_fields_are_named_with_their_indicator() {
    let (_d, mut app) = new_record(BEIJING);
    key(&mut app, KeyCode::Char('4'));
    go_to(&mut app, "未评");
    go_to(&mut app, "调整分");
    let ed = app.editor().unwrap();
    let indicator = ed.rows[ed.cursor.0].context.clone().unwrap();
    // The first checklist of the section is the indicator whose heading is above it.
    let heading = ed.rows[..ed.cursor.0]
        .iter()
        .rev()
        .find(|r| r.style == jixiao::tui::form::Style::Heading)
        .map(|r| r.cells[0].text.clone())
        .unwrap();
    assert!(heading.starts_with(&format!("{indicator}  ")), "{heading}");
    key(&mut app, KeyCode::Enter);
    typed(&mut app, "x");
    key(&mut app, KeyCode::Enter);
    ctrl(&mut app, 's');
    let s = screen(&app, 80, 24);
    assert!(
        s.contains(&format!("请修正或放弃后再保存：{indicator} 调整分")),
        "{s}"
    );
}

#[test]
fn esc_typed_with_the_next_key_in_a_line_gives_it_up_and_moves() {
    let (_d, mut app) = new_record(BEIJING);
    go_to(&mut app, "简称");
    key(&mut app, KeyCode::Enter);
    typed(&mut app, "不要");
    alt(&mut app, 'j');
    let ed = app.editor().unwrap();
    assert!(matches!(ed.mode, Mode::Normal));
    assert_eq!(ed.eval.record.overview.short_name, "");
    assert_eq!(here(&mut app), "overview.evaluator");
}

#[test]
fn a_new_record_error_on_the_home_screen_reads_in_full() {
    let (dir, app) = new_record(BEIJING);
    drop(app);
    let repo = Repo::at(dir.path());
    let mut app = App::home(repo, Theme { color: false });
    common::tui::wait_loaded(&mut app);
    key(&mut app, KeyCode::Char('n'));
    typed(&mut app, "cy-edu");
    key(&mut app, KeyCode::Tab);
    typed(&mut app, "2024");
    key(&mut app, KeyCode::Tab);
    typed(&mut app, "朝阳区教育委员会");
    key(&mut app, KeyCode::Enter);
    let s = screen(&app, 80, 24);
    let path = dir.path().join("records/cy-edu/2024.toml");
    let whole = format!("{}：记录已存在，请直接编辑", path.display());
    // Read inside the box: its borders left out.
    let inside = squeeze(&s).replace('│', "");
    assert!(inside.contains(&squeeze(&whole)), "{whole}\n{s}");
}

/// Creating a record and opening one read and write files off the UI thread (issue 10 item
/// 18): the key returns at once, the home screen stays with a progress line until the editor
/// is ready; under a rubric other than the Beijing one.
#[test]
fn creating_and_opening_a_record_run_in_the_background() {
    use jixiao::tui::Screen;
    let dir = tempfile::tempdir().unwrap();
    let repo = jixiao::store::init_repo(dir.path()).unwrap();
    std::fs::write(
        dir.path().join("rubrics/other-province-2024.toml"),
        include_str!("data/other-province-2024.toml"),
    )
    .unwrap();
    let mut app = App::home(repo, Theme { color: false });
    common::tui::wait_loaded(&mut app);
    key(&mut app, KeyCode::Char('n'));
    typed(&mut app, "cy-edu");
    key(&mut app, KeyCode::Tab);
    typed(&mut app, "2024");
    key(&mut app, KeyCode::Tab);
    typed(&mut app, "朝阳区教育委员会");
    key(&mut app, KeyCode::Tab);
    ctrl(&mut app, 'u');
    typed(&mut app, OTHER);
    app.key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
    assert!(app.job.is_some());
    assert!(matches!(app.screens.last(), Some(Screen::Home(_))));
    let s = screen(&app, 80, 24);
    assert!(s.contains("正在新建并打开 cy-edu/2024…"), "{s}");
    // The frame is a function of the state: drawn twice, the same.
    assert_eq!(s, screen(&app, 80, 24));
    app.wait_job(std::time::Duration::from_secs(60));
    let ed = app.editor().expect("the editor, once the job is done");
    assert_eq!(ed.eval.record.rubric, OTHER);
    assert_eq!(ed.eval.record.overview.name, "朝阳区教育委员会");

    // Back home, Enter on the row opens it in the background too.
    key(&mut app, KeyCode::Char('q'));
    common::tui::wait_loaded(&mut app);
    app.key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
    assert!(matches!(app.screens.last(), Some(Screen::Home(_))));
    assert!(screen(&app, 80, 24).contains("正在打开 cy-edu/2024…"));
    app.wait_job(std::time::Duration::from_secs(60));
    assert_eq!(
        app.editor().map(|e| e.eval.record.overview.name.clone()),
        Some("朝阳区教育委员会".to_string())
    );
}

#[test]
fn a_history_message_reads_in_full() {
    let (dir, mut app) = new_record(BEIJING);
    set_identity(&dir, "李评价");
    go_to(&mut app, "简称");
    key(&mut app, KeyCode::Enter);
    typed(&mut app, "朝阳教委");
    key(&mut app, KeyCode::Enter);
    ctrl(&mut app, 's');
    typed(&mut app, "录入");
    key(&mut app, KeyCode::Enter);
    go_to(&mut app, "简称");
    key(&mut app, KeyCode::Enter);
    typed(&mut app, "区教委");
    key(&mut app, KeyCode::Enter);
    ctrl(&mut app, 's');
    typed(&mut app, "改简称");
    key(&mut app, KeyCode::Enter);
    // The name of one revision given to another: refused, with a long reason.
    typed(&mut app, "H");
    typed(&mut app, "d");
    typed(&mut app, "初稿");
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Down);
    typed(&mut app, "d");
    typed(&mut app, "初稿");
    key(&mut app, KeyCode::Enter);
    let jixiao::tui::Screen::History(h) = app.screens.last().unwrap() else {
        panic!("not the history");
    };
    let status = h.status.clone().unwrap();
    assert!(status.starts_with("未命名："), "{status}");
    assert!(jixiao::text::width(&status) > 80, "a long one: {status}");
    let s = screen(&app, 80, 24);
    assert!(squeeze(&s).contains(&squeeze(&status)), "{status}\n{s}");
}

#[test]
fn the_restore_question_shows_the_whole_recovery_path() {
    let dir = tempfile::tempdir().unwrap();
    // A repository deep in folders with long names, as a shared server may have.
    let root = dir
        .path()
        .join("评价项目资料".repeat(4))
        .join("二〇二四年度");
    let repo = jixiao::store::init_repo(&root).unwrap();
    let dept = Dept::parse("cy-edu").unwrap();
    repo.create_record(&dept, 2024, "朝阳区教育委员会", BEIJING)
        .unwrap();
    let text = std::fs::read_to_string(repo.record_path(&dept, 2024))
        .unwrap()
        .replace("short_name = \"\"", "short_name = \"朝阳教委\"");
    let other = jixiao::tui::recovery::Session::new("甲 <jia@example.org>".into());
    let kept = jixiao::tui::recovery::write(
        &repo,
        &dept,
        2024,
        &other,
        &jixiao::store::Base::New,
        &text,
        &[],
    )
    .unwrap();
    let app = App::edit(repo, Theme { color: false }, dept, 2024).unwrap();
    let s = screen(&app, 80, 24);
    let whole = format!("恢复文件：{}", kept.display());
    assert!(jixiao::text::width(&whole) > 80, "{whole}");
    let inside = squeeze(&s).replace('│', "");
    assert!(inside.contains(&squeeze(&whole)), "{whole}\n{s}");
}

#[test]
fn the_score_diff_names_the_drafts_and_history_shows_the_year() {
    let (dir, mut app) = new_record(BEIJING);
    set_identity(&dir, "李评价");
    for (short, summary) in [("朝阳教委", "录入"), ("区教委", "改简称")] {
        go_to(&mut app, "简称");
        key(&mut app, KeyCode::Enter);
        ctrl(&mut app, 'u');
        typed(&mut app, short);
        key(&mut app, KeyCode::Enter);
        ctrl(&mut app, 's');
        typed(&mut app, summary);
        key(&mut app, KeyCode::Enter);
    }
    typed(&mut app, "H");
    let s = screen(&app, 80, 24);
    let year = jixiao::store::log(&Repo::at(dir.path()), &Dept::parse("cy-edu").unwrap(), 2024)
        .unwrap()[0]
        .time
        .local
        .chars()
        .take(16)
        .collect::<String>();
    assert!(s.contains(&year), "{year}\n{s}");
    typed(&mut app, "d");
    typed(&mut app, "征求意见稿");
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Down);
    typed(&mut app, "d");
    typed(&mut app, "初稿");
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Char(' '));
    key(&mut app, KeyCode::Up);
    key(&mut app, KeyCode::Enter);
    let s = screen(&app, 80, 24);
    let title = s.lines().next().unwrap();
    assert!(title.contains("得分差异：初稿 ("), "{s}");
    assert!(title.contains(" → 征求意见稿 ("), "{s}");
}

#[test]
fn the_help_shows_every_key_and_what_it_does_in_full() {
    let (_d, mut app) = new_record(BEIJING);
    key(&mut app, KeyCode::Char('?'));
    let s = screen(&app, 80, 24);
    for (k, what) in jixiao::tui::view::EDITOR_KEYS {
        assert!(s.contains(k) && s.contains(what), "{k} {what}\n{s}");
    }
}

#[test]
fn an_indicator_is_put_in_table_3_with_space() {
    let (_d, mut app) = new_record(BEIJING);
    key(&mut app, KeyCode::Char('3'));
    go_to(&mut app, "（空");
    key(&mut app, KeyCode::Char('a'));
    typed(&mut app, "e");
    typed(&mut app, "新建学校");
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Right);
    assert_eq!(here(&mut app), "targets.indicators[0].key_task");
    let s = screen(&app, 80, 24);
    assert!(s.contains("三级指标              表3 指标值"), "{s}");
    assert!(s.contains("新建学校              否"), "{s}");
    key(&mut app, KeyCode::Char(' '));
    let ed = app.editor().unwrap();
    assert!(ed.eval.record.targets.indicators[0].key_task);
    assert!(ed.doc.to_string().contains("key_task = true"));
    assert!(screen(&app, 80, 24).contains("新建学校              是"));
    key(&mut app, KeyCode::Enter);
    assert!(!app.editor().unwrap().eval.record.targets.indicators[0].key_task);
}

#[test]
fn a_record_opened_from_home_takes_the_terminals_size() {
    let (dir, app) = new_record(OTHER);
    drop(app);
    let mut app = App::home(Repo::at(dir.path()), Theme { color: false });
    app.resize(100, 30);
    common::tui::wait_loaded(&mut app);
    key(&mut app, KeyCode::Enter);
    let ed = app.editor().unwrap();
    assert_eq!((ed.width, ed.height), (100, 26));
}
