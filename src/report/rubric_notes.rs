//! What `log` and `diff` say about rubrics: where the rubric changed between revisions, how
//! much of a score move it made, a revision whose rubric was invalid, and the scores with
//! today's rubric (`--rubric-now`).

use crate::num;
use crate::store::{self, RecordDiff, Revision, RubricChange, RubricNow};
use crate::text::report as words;
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
            words::RUBRIC_UNREADABLE
        } else {
            words::UNSCORED
        };
        // The first line names the file and revision; the problems follow, indented.
        o.push_str(&words::revision_problem(what, e));
    }
    if r.rubric_changed {
        let line = match (r.delta, r.rubric_delta) {
            (Some(d), Some(rd)) => words::rubric_part(&signed(d), &signed(rd), &signed(d - rd)),
            _ => words::RUBRIC_CHANGED.to_string(),
        };
        o.push_str(&dim(colour, &line));
        o.push('\n');
    }
    if let Some(t) = r.total_now {
        o.push_str(&dim(
            colour,
            &words::today(num::fixed2(t), r.grade_now.as_deref().unwrap_or("—")),
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
                o.push_str(&words::diff_rubric_part(
                    &file,
                    &signed(moved),
                    &signed(rp),
                    &signed(dp),
                ));
                o.push_str(&words::diff_rubric_totals(
                    num::fixed2(c.old_total),
                    num::fixed2(w),
                    num::fixed2(c.new_total),
                ));
            }
            _ => o.push_str(&words::diff_rubric_unsplit(&file, &signed(moved))),
        }
    }
    if let Some(n) = &d.rubric_now {
        o.push_str(&words::diff_today(
            num::fixed2(n.old_total),
            num::fixed2(n.new_total),
            &signed(n.new_total - n.old_total),
            &n.old_grade,
            &n.new_grade,
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
pub fn uncommitted_rubric(st: &store::Store, rev: &str, name: &str) -> Option<String> {
    let rel = store::rubric_rel(name);
    let working = std::fs::read_to_string(st.repo().rubric_path(name)).ok()?;
    // Compared by blob id: the committed rubric need not be read.
    match st.rubric_blob_at(rev, name) {
        Ok(Some(id)) if id == store::blob_id_of(working.as_bytes()) => None,
        Ok(Some(_)) => Some(words::rubric_uncommitted(&rel)),
        Ok(None) => Some(words::rubric_untracked(&rel)),
        Err(_) => None,
    }
}
