//! What `log` and `diff` say about rubrics: where the rubric changed between revisions, how
//! much of a score move it made, a revision whose rubric was invalid, and the scores with
//! today's rubric (`--rubric-now`).

use crate::num;
use crate::repo::Repo;
use crate::store::{self, RecordDiff, Revision, RubricChange, RubricNow};
use rust_decimal::Decimal;
use serde_json::{Value, json};

/// `+1.20`, `-0.50`, `0.00`.
fn signed(d: Decimal) -> String {
    if d > Decimal::ZERO {
        format!("+{}", num::fixed2(d))
    } else {
        num::fixed2(d)
    }
}

fn dim(colour: bool, s: &str) -> String {
    if colour {
        format!("\x1b[2m{s}\x1b[0m")
    } else {
        s.to_string()
    }
}

/// The indented lines under a `log` row: the rubric change, an invalid rubric, today's score.
pub fn revision_note(r: &Revision, colour: bool) -> String {
    let mut o = String::new();
    if let Some(e) = &r.error {
        // With a total, it is the trailer's: the rubric could not be read to check it.
        let what = if r.total.is_some() {
            "指标体系无法读取"
        } else {
            "未评分"
        };
        // The first line names the file and revision; the problems follow, indented.
        o.push_str(&format!("    {what}：{}\n", e.replace('\n', "\n    ")));
    }
    if r.rubric_changed {
        let line = match (r.delta, r.rubric_delta) {
            (Some(d), Some(rd)) => format!(
                "    指标体系已修改：总分变动 {} 中，指标体系变化带来 {}，记录修改带来 {}",
                signed(d),
                signed(rd),
                signed(d - rd)
            ),
            _ => "    指标体系已修改：本修订按修改后的指标体系评分".to_string(),
        };
        o.push_str(&dim(colour, &line));
        o.push('\n');
    }
    if let Some(t) = r.total_now {
        o.push_str(&dim(
            colour,
            &format!(
                "    按今日指标体系：{}（{}）",
                num::fixed2(t),
                r.grade_now.as_deref().unwrap_or("—")
            ),
        ));
        o.push('\n');
    }
    o
}

/// The rubric lines of `diff` for people, right under its heading.
pub fn diff_notes(d: &RecordDiff) -> String {
    let mut o = String::new();
    if let Some(c) = &d.rubric_change {
        let blob = |b: &Option<String>| b.clone().unwrap_or_else(|| "—".into());
        let file = if c.old_name == c.new_name {
            format!(
                "rubrics/{}.toml {} → {}",
                c.new_name,
                blob(&c.old_blob),
                blob(&c.new_blob)
            )
        } else {
            format!("{} → {}", c.old_name, c.new_name)
        };
        let moved = c.new_total - c.old_total;
        match (c.rubric_part, c.record_part, c.new_with_old_rubric) {
            (Some(rp), Some(dp), Some(w)) => {
                o.push_str(&format!(
                    "指标体系已修改（{file}）：总分变动 {} 中，指标体系变化带来 {}，记录修改带来 {}\n",
                    signed(moved),
                    signed(rp),
                    signed(dp)
                ));
                o.push_str(&format!(
                    "  旧记录按旧指标体系 {}；新记录按旧指标体系 {}；新记录按新指标体系 {}\n",
                    num::fixed2(c.old_total),
                    num::fixed2(w),
                    num::fixed2(c.new_total)
                ));
            }
            _ => o.push_str(&format!(
                "指标体系已修改（{file}）：总分变动 {}；新记录无法按旧指标体系评分，不能拆分\n",
                signed(moved)
            )),
        }
    }
    if let Some(n) = &d.rubric_now {
        o.push_str(&format!(
            "按今日指标体系：总分 {} → {}  {}  等级 {} → {}\n",
            num::fixed2(n.old_total),
            num::fixed2(n.new_total),
            signed(n.new_total - n.old_total),
            n.old_grade,
            n.new_grade
        ));
    }
    o
}

/// `rubric_change` of `diff --json`.
pub fn change_json(c: Option<&RubricChange>) -> Value {
    let Some(c) = c else {
        return Value::Null;
    };
    let opt = |d: Option<Decimal>| d.map(num::fixed2);
    let sig = |d: Option<Decimal>| d.map(signed);
    json!({
        "old_rubric": c.old_name, "new_rubric": c.new_name,
        "old_blob": c.old_blob, "new_blob": c.new_blob,
        "old_total": num::fixed2(c.old_total), "new_total": num::fixed2(c.new_total),
        "new_with_old_rubric": opt(c.new_with_old_rubric),
        "delta": signed(c.new_total - c.old_total),
        "record_part": sig(c.record_part), "rubric_part": sig(c.rubric_part),
    })
}

/// `rubric_now` of `diff --json`.
pub fn now_json(n: Option<&RubricNow>) -> Value {
    let Some(n) = n else {
        return Value::Null;
    };
    json!({
        "old_total": num::fixed2(n.old_total), "new_total": num::fixed2(n.new_total),
        "delta": signed(n.new_total - n.old_total),
        "old_grade": n.old_grade, "new_grade": n.new_grade,
    })
}

/// After a save: a warning when the rubric that scored it is not the one in the commit (edited
/// and not committed, or never committed), since history re-scores with the committed one.
pub fn uncommitted_rubric(repo: &Repo, rev: &str, name: &str) -> Option<String> {
    let rel = store::rubric_rel(name);
    let working = std::fs::read_to_string(repo.rubric_path(name)).ok()?;
    match store::rubric_text_at(repo, rev, name) {
        Ok(Some((_, text))) if text == working => None,
        Ok(Some(_)) => Some(format!(
            "注意：{rel} 有未提交的修改。本次总分按工作区的指标体系计算，而历史（log、diff、blame）按提交中的指标体系评分；请用 git 提交指标体系（git add {rel} && git commit）。"
        )),
        Ok(None) => Some(format!(
            "注意：{rel} 未纳入版本库，历史只能按今日的指标体系评分；请用 git 提交指标体系（git add {rel} && git commit）。"
        )),
        Err(_) => None,
    }
}
