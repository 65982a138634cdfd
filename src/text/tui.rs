//! What the terminal UI says: conflicts, saving, background jobs, syncing, recovery, notes
//! and the names of table rows.

use std::fmt::Display;

/// The conflict screen's keys, for its help.
pub const CONFLICT_KEYS: &[(&str, &str)] = &[
    ("↑ ↓", "选择冲突字段"),
    ("← 或 t", "采用他人的值"),
    ("→ 或 o", "保留我的值"),
    ("空格", "在两者间切换"),
    ("Enter", "按所选合并并保存"),
    ("Esc", "暂不保存，回到编辑（我的修改仍在）"),
];
/// The record no longer in the repository.
pub const RECORD_GONE: &str = "评价库中已没有这份记录";
/// The conflict screen's key line.
pub const CONFLICT_FOOTER: &str = "↑↓ 选择 ←/t 他人 →/o 我的 Enter 合并保存 Esc 返回编辑 ? 帮助";
/// A value deleted.
pub const DELETED: &str = "（删除）";
/// A save under way.
pub const SAVING: &str = "正在保存…";
/// A conflict's picks being merged and saved.
pub const MERGING: &str = "正在按所选合并并保存…";
/// The summary, as a field in errors.
pub const SUMMARY_FIELD: &str = "保存说明";
/// A save merged with someone else's.
pub const MERGED_WITH_OTHERS: &str = "，已与他人同时的修改合并";
/// The working file's uncommitted changes kept by a save.
pub const WORKING_FILE_MERGED: &str = "；工作文件中他人未提交的修改已保留";
/// The working file left alone by a save.
pub const WORKING_FILE_KEPT: &str = "；工作文件有冲突的未提交修改，未改动它";
/// A background job that ended without an answer: the title.
pub const JOB_LOST_TITLE: &str = " 出错 ";
/// A background job that ended without an answer.
pub const JOB_LOST: &str =
    "后台读取意外中止，没有结果。请重试；若再次出现，请用命令行（jixiao log / diff / blame）查看。";
/// Esc stops waiting.
pub const ESC_STOPS_WAITING: &str = "（Esc 不再等待）";
/// Waiting stopped.
pub const STOPPED_WAITING: &str = "已停止等待";
/// Back from the conflict screen.
pub const CONFLICT_UNRESOLVED: &str = "未保存：冲突尚未解决，我的修改仍在编辑器中";
/// Signal handlers failed.
pub const SIGNALS_FAILED: &str = "安装信号处理程序失败";
/// The terminal could not be set up.
pub const TERMINAL_FAILED: &str = "设置终端失败";
/// A sync's title: done.
pub const SYNC_DONE: &str = " 同步完成 ";
/// A sync's title: partly done.
pub const SYNC_PARTIAL: &str = " 同步：有未完成的部分 ";
/// A sync's title: conflicts.
pub const SYNC_CONFLICTS: &str = " 未同步：冲突 ";
/// A sync's title: failed.
pub const SYNC_FAILED: &str = " 同步失败 ";
/// A recovery file another session holds.
pub const RECOVERY_IN_USE: &str = "另一个编辑会话正在使用这个恢复文件";
/// Input left unconfirmed last time.
pub const UNCONFIRMED_INPUT: &str = "上次未确认的输入：按 Enter 修改并确认，Esc 放弃";
/// An indicator group without a name.
pub const INDICATOR: &str = "指标";
/// How a note's line starts.
pub const NOTE_MARK: &str = "  ✎ 批注";
/// A note asked for away from a field.
pub const NOT_ON_FIELD: &str = "光标不在字段上：先移到要批注的字段";
/// An empty note.
pub const NO_NOTE: &str = "未写批注";
/// A note being written.
pub const WRITE_NOTE: &str = "请写批注内容，Esc 取消";
/// A note added.
pub const NOTE_ADDED: &str = "批注已加入；Ctrl-S 保存后提交";

/// Fields still in conflict after the merge.
pub fn still_conflicts(fields: &[&str]) -> String {
    format!("仍有冲突：{}", fields.join("、"))
}

/// Where the person's version was kept.
pub fn kept_at(path: impl Display) -> String {
    format!("我的版本已另存于 {path}")
}

/// The conflict screen's title.
pub fn conflict_title(dept: impl Display, year: u16, n: usize) -> String {
    format!("保存冲突 {dept}/{year}：他人同时修改了 {n} 个相同字段，逐项选择后 Enter 保存")
}

/// A conflicting field and its value before.
pub fn conflict_field(selected: bool, label: &str, base: &str) -> String {
    format!("{} {label}  原值：{base}", if selected { "▶" } else { " " })
}

/// Their value.
pub fn theirs(mark: &str, value: &str) -> String {
    format!(" {mark} 他人：{value}")
}

/// My value.
pub fn ours(mark: &str, value: &str) -> String {
    format!("{mark} 我的：{value}")
}

/// A merge that failed.
pub fn cannot_merge(e: impl Display) -> String {
    format!("无法合并：{e}")
}

/// A save whose result cannot be read back.
pub fn saved_unreadable(e: impl Display) -> String {
    format!("已保存，但无法重新读取：{e}")
}

/// A total with its grade.
pub fn total_grade(total: impl Display, grade: &str) -> String {
    format!("{total}（{grade}）")
}

/// A save done, and how the score moved.
pub fn saved(rev: &str, old: &str, new: &str, how: &str, file_note: &str) -> String {
    format!("已保存 {rev}：{old} → {new}{how}{file_note}")
}

/// A save that failed.
pub fn save_failed(e: impl Display) -> String {
    format!("保存失败：{e}（修改仍在编辑器和恢复文件中）")
}

/// A history that cannot be read.
pub fn history_unreadable(e: impl Display) -> String {
    format!("无法读取历史：{e}")
}

/// The recovery file cannot be written.
pub fn recovery_unwritable(e: impl Display) -> String {
    format!("无法写恢复文件：{e}")
}

/// Two messages at once.
pub fn and(a: &str, b: &str) -> String {
    format!("{a}；{b}")
}

/// In step with the remote.
pub fn in_step_with(remote: &str) -> String {
    format!("与 {remote} 一致")
}

/// Ahead of and behind the remote.
pub fn ahead_behind(remote: &str, ahead: usize, behind: usize) -> String {
    format!("{remote} 领先 {ahead} 落后 {behind}（s 同步）")
}

/// A sync under way.
pub fn syncing(remote: &str) -> String {
    format!("正在与 {remote} 同步…")
}

/// A file that is not a recovery file.
pub fn not_a_recovery_file(path: impl Display) -> String {
    format!("{path}：不是 jixiao 的恢复文件")
}

/// A row of table 1.
pub fn goal_row(n: usize) -> String {
    format!("表 1 第 {n} 行")
}

/// A row of an indicator group.
pub fn group_row(group: &str, n: usize) -> String {
    format!("{group} 第 {n} 行")
}

/// A problem.
pub fn problem_item(n: usize) -> String {
    format!("问题 {n}")
}

/// A recommendation.
pub fn recommendation_item(n: usize) -> String {
    format!("建议 {n}")
}

/// A note's line.
pub fn note_line(
    mark: &str,
    number: impl Display,
    by: &str,
    status: impl Display,
    text: &str,
) -> String {
    format!("{mark}{number}（{by}，{status}）：{text}")
}

/// A note's answer.
pub fn note_answer(by: &str, answer: &str) -> String {
    format!("　答复（{by}）：{answer}")
}

/// A note that could not be added.
pub fn note_failed(e: impl Display) -> String {
    format!("无法加入批注：{e}")
}

/// An invalid input dropped.
pub const INVALID_DROPPED: &str = "已放弃无效输入";
/// A qualitative indicator (also the value of 性质).
pub const QUALITATIVE: &str = "定性";
/// A quantitative indicator (also the value of 性质, and a new row's default).
pub const QUANTITATIVE: &str = "定量";
/// A section without findings.
pub const NO_FINDINGS_HERE: &str = "本部分没有发现问题";
/// Quitting declined.
pub const KEEP_EDITING: &str = "继续编辑；未保存的修改仍在恢复文件中";
/// A save cancelled.
pub const NOT_SAVED: &str = "未保存";
/// A save without summary.
pub const SUMMARY_NEEDED: &str = "请写一句修改说明（必填），Esc 取消";
/// The text area's text selected.
pub const ALL_SELECTED: &str = "已全选：输入即替换，Backspace 清空，Ctrl-U 撤销";
/// Nothing to save.
pub const NOTHING_TO_SAVE: &str = "没有未保存的修改";
/// Unsaved changes restored.
pub const RESTORED: &str = "已恢复未保存的修改";
/// A recovery file without a name.
pub const UNNAMED: &str = "（未记名）";
/// A recovery file without a time.
pub const TIME_UNKNOWN: &str = "时间不明";
/// The recovery question's title.
pub const RECOVERY_TITLE: &str = " 发现未保存的修改 ";
/// The recovery question's keys.
pub const RECOVERY_KEYS: &str = "y 恢复这些修改   n 不恢复（另存备份，不删除）";
/// Table 1's title.
pub const GOALS_TABLE: &str = "表 1 部门整体绩效目标";
/// The problems' title.
pub const PROBLEMS_TABLE: &str = "存在的问题";
/// The recommendations' title.
pub const RECOMMENDATIONS_TABLE: &str = "措施建议";
/// `a` away from a table.
pub const NOT_IN_TABLE: &str = "光标不在表格中；移到表格（表 1、指标、问题、建议）再按 a";
/// `d` away from a row.
pub const NOT_ON_ROW: &str = "光标不在表格行上";

/// An indicator's kind changed.
pub fn kind_changed(now: &str) -> String {
    format!("已改为{now}指标")
}

/// An indicator's kind change declined.
pub fn target_unchanged(old: &str) -> String {
    format!("未修改：指标值仍为「{old}」")
}

/// Not a number.
pub fn not_a_number(t: &str) -> String {
    format!("「{t}」不是数字")
}

/// Not one of the words allowed.
pub fn not_a_word(t: &str, words: &[&str]) -> String {
    format!("「{t}」不可用；只能填 {}", words.join(" 或 "))
}

/// The record cannot be scored.
pub fn cannot_score(e: impl Display) -> String {
    format!("无法评分：{e}")
}

/// An invalid input and why.
pub fn invalid(why: &str) -> String {
    format!("无效：{why}")
}

/// The section's findings.
pub fn findings_here(n: usize, errors: usize, first: &str) -> String {
    format!("发现 {n}（错误 {errors}）f 跳转：{first}")
}

/// A save refused for invalid inputs.
pub fn invalid_inputs(list: &[String]) -> String {
    format!(
        "有 {} 个无效输入，请修正或放弃后再保存：{}",
        list.len(),
        list.join("、")
    )
}

/// A record being created and opened.
pub fn creating(dept: impl Display, year: u16) -> String {
    format!("正在新建并打开 {dept}/{year}…")
}

/// A record being opened.
pub fn opening(dept: impl Display, year: u16) -> String {
    format!("正在打开 {dept}/{year}…")
}

/// Restored, with more recovery files left.
pub fn restored_more(others: usize) -> String {
    format!("已恢复未保存的修改；另有 {others} 份恢复文件，下次打开时再询问")
}

/// Not restored: where the changes were kept.
pub fn not_restored(kept: impl Display) -> String {
    format!("未恢复；那些修改另存于 {kept}")
}

/// A restore that failed.
pub fn cannot_restore(e: impl Display, path: impl Display) -> String {
    format!("无法恢复：{e}；恢复文件保留在 {path}")
}

/// How many recovery files.
pub fn recoveries_count(n: usize) -> String {
    format!("（共 {n} 份，最新的在前）")
}

/// How many unconfirmed inputs.
pub fn pending_count(n: usize) -> String {
    format!("，含 {n} 处未确认的输入")
}

/// A record with unsaved changes.
pub fn unsaved_changes(dept: impl Display, year: u16, more: &str) -> String {
    format!("{dept}/{year} 有未保存的修改{more}。")
}

/// Who wrote a recovery file, and when.
pub fn written_by(who: &str, when: &str, pending: &str) -> String {
    format!("编辑人：{who}；写于 {when}{pending}")
}

/// The recovery file.
pub fn recovery_file(path: impl Display) -> String {
    format!("恢复文件：{path}")
}

/// An indicator group's table title.
pub fn group_indicators(name: &str) -> String {
    format!("{name}指标")
}

/// A row that could not be added.
pub fn cannot_add(e: impl Display) -> String {
    format!("无法添加：{e}")
}

/// A row added.
pub fn row_added(table: &str) -> String {
    format!("已在「{table}」添加一行")
}

/// A row deleted.
pub fn row_deleted(table: &str) -> String {
    format!("已从「{table}」删除一行")
}

/// The editor's keys, for its help screen.
pub const EDITOR_KEYS: &[(&str, &str)] = &[
    ("Tab / Shift-Tab", "下一部分 / 上一部分（1-6 直达）"),
    ("↑ ↓ ← →  或 k j h l", "在字段间移动；PgUp / PgDn 翻页"),
    ("Enter", "编辑字段；复选项切换 合格 / 不合格"),
    (
        "空格",
        "切换 表3、性质；复选项 未评→合格↔不合格（只改本项）",
    ),
    ("Esc", "单行：放弃；段落：完成"),
    ("Ctrl-G", "段落编辑中放弃本次修改"),
    ("Ctrl-A", "段落编辑中全选：输入即替换，Backspace 清空"),
    ("a / x", "表格中添加一行（空表格处也可 Enter）/ 删除当前行"),
    ("f / F", "跳到本部分的下一个 / 上一个发现"),
    ("n", "在光标处的字段上写批注（复核人员；保存后提交）"),
    ("Ctrl-S", "保存（写一句修改说明，提交为一次 git 提交）"),
    ("H", "修订历史；选两个修订看得分差异；d 命名草稿"),
    ("B", "逐项得分的最后修改人（blame）"),
    ("Ctrl-L", "重绘屏幕"),
    ("?", "本帮助"),
    ("q", "退出（有未保存的修改时先确认）"),
];
/// The editor's top line when there are unsaved changes.
pub const UNSAVED_MARK: &str = " *未保存";
/// A narrative not written yet, in its row.
pub const NOT_WRITTEN_YET: &str = "（未填写，Enter 编辑）";
/// A count field's hint while it is typed.
pub const WHOLE_NUMBER: &str = "整数";
/// The key line while one line is typed.
pub const LINE_FOOTER: &str = "Enter 确认  Esc 放弃";
/// The key line while a narrative is typed.
pub const TEXT_FOOTER: &str = "Esc 完成 Ctrl-G 放弃修改 Ctrl-A 全选 Ctrl-U 撤销 Ctrl-R 重做";
/// The key line while the save summary is typed.
pub const SAVE_FOOTER: &str = "Enter 保存  Esc 取消";
/// The key line while a note is typed.
pub const NOTE_FOOTER: &str = "Enter 加入批注  Esc 取消";
/// The editor's key line.
pub const EDITOR_FOOTER: &str =
    "Tab 下一部分 ↑↓←→ 移动 Enter 编辑 ^S 保存 f 发现 H 历史 ? 帮助 q 退出";
/// The save dialog's title.
pub const SAVE_TITLE: &str = " 保存：写一句修改说明（必填） ";
/// The save dialog's keys.
pub const SAVE_KEYS: &str = "Enter 保存为一次提交   Esc 取消";
/// The note dialog's keys.
pub const NOTE_KEYS: &str = "Enter 加入批注（Ctrl-S 保存后提交）  Esc 取消";
/// The quit question's title.
pub const QUIT_TITLE: &str = " 退出 ";
/// The quit question.
pub const QUIT_LINES: [&str; 2] = [
    "有未保存的修改（已写入恢复文件）。",
    "确定退出？ y 退出  其他键 继续编辑",
];
/// The row deletion question's title.
pub const DELETE_TITLE: &str = " 删除 ";
/// The row deletion question's keys.
pub const DELETE_KEYS: &str = "y 删除  其他键 取消";
/// The question before an indicator's kind changes: its title.
pub const KIND_TITLE: &str = " 改变指标性质 ";
/// The question before an indicator's kind changes: its keys.
pub const KIND_KEYS: &str = "y 改为新性质  其他键 不修改指标值";
/// The help screen's title.
pub const HELP_TITLE: &str = " 按键 ";
/// The help screen's last line.
pub const ANY_KEY_CLOSES: &str = "任意键关闭";

/// The total and grade on the editor's top line.
pub fn header_total(total: &str, grade: &str) -> String {
    format!("总分 {total} {grade}")
}

/// The section open, in the bar of sections, with its mark (✓ ! ✗).
pub fn current_section(numeral: &str, title: &str, mark: &str) -> String {
    format!("【{numeral}、{title} {mark}】")
}

/// A narrative of several paragraphs, in its row: the first and how many.
pub fn paragraphs(first: &str, n: usize) -> String {
    format!("{first} …（{n} 段）")
}

/// The line under a row with an invalid input, and why.
pub fn invalid_below(why: &str) -> String {
    format!("    ↳ {}（Enter 修改，Esc 放弃）", invalid(why))
}

/// A number field's hint while it is typed: the decimals it takes.
pub fn at_most_decimals(decimals: u32) -> String {
    format!("最多 {decimals} 位小数")
}

/// The key line while a number is typed, after what it takes.
pub fn number_footer(hint: &str) -> String {
    format!("{hint}  {LINE_FOOTER}")
}

/// The title of the text area a narrative is typed in.
pub fn editing(label: &str) -> String {
    format!(" 编辑：{label} ")
}

/// The label before the line being typed.
pub fn prompt(label: &str) -> String {
    format!("{label}：")
}

/// The save dialog's score line.
pub fn score_line(change: &str) -> String {
    format!("得分：{change}")
}

/// The note dialog's title.
pub fn note_title(label: &str) -> String {
    format!(" 批注：{label} ")
}

/// The row deletion question.
pub fn delete_row(table: &str, n: usize) -> String {
    format!("删除「{table}」第 {n} 行？")
}

/// The question before an indicator's kind changes: what the typed 指标值 does, and what
/// scoring it then means.
pub fn kind_change(typed: &str, qualitative: bool) -> [String; 2] {
    let (from, to, how) = if qualitative {
        (QUANTITATIVE, QUALITATIVE, "由评价人打分并写评分依据")
    } else {
        (
            QUALITATIVE,
            QUANTITATIVE,
            "按完成值与指标值计算得分，评价分不再使用",
        )
    };
    [
        format!("指标值「{typed}」会把本指标从{from}改为{to}："),
        format!("{how}。"),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_kind_change_says_which_way_and_what_scoring_follows() {
        assert_eq!(
            kind_change("良好", true),
            [
                "指标值「良好」会把本指标从定量改为定性：",
                "由评价人打分并写评分依据。"
            ]
        );
        assert_eq!(
            kind_change("4.8", false),
            [
                "指标值「4.8」会把本指标从定性改为定量：",
                "按完成值与指标值计算得分，评价分不再使用。"
            ]
        );
        assert_eq!(
            number_footer(&at_most_decimals(4)),
            "最多 4 位小数  Enter 确认  Esc 放弃"
        );
        assert_eq!(
            invalid_below("不是数字"),
            "    ↳ 无效：不是数字（Enter 修改，Esc 放弃）"
        );
    }
}
