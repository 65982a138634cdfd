//! What `commit`, `log`, `diff`, `draft`, `drafts` and `blame` print: plain text for people
//! (coloured on a terminal unless NO_COLOR is set), JSON with decimals as strings for tools.
//!
//! Every text that comes from a commit, a tag or a record goes through [`printable`] before it
//! is printed: a commit made with plain git may hold escape sequences that would otherwise
//! steer the terminal.

use crate::num;
use crate::score::OverrideScore;
use crate::store::{BlameRow, Conflict, Draft, RecordDiff, Revision, ScoreChange, Segment};
use crate::text::report as words;
use crate::text::{pad, printable, printable_line as line, rpad};
use anstyle::{AnsiColor, Style as Ansi};
use rust_decimal::Decimal;
use serde_json::{Value, json};

/// Whether to colour the output: a terminal, and NO_COLOR unset or empty.
pub fn colour_wanted() -> bool {
    use std::io::IsTerminal;
    std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// ANSI styling (through anstyle) that is a no-op without colour.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    pub colour: bool,
}

impl Style {
    fn paint(self, style: Ansi, s: &str) -> String {
        if self.colour && !s.is_empty() {
            format!("{style}{s}{style:#}")
        } else {
            s.to_string()
        }
    }
    fn bold(self, s: &str) -> String {
        self.paint(Ansi::new().bold(), s)
    }
    fn dim(self, s: &str) -> String {
        self.paint(Ansi::new().dimmed(), s)
    }
    fn yellow(self, s: &str) -> String {
        self.paint(AnsiColor::Yellow.on_default(), s)
    }
    /// Deleted text: red with colour, `[-…-]` without.
    fn deleted(self, s: &str) -> String {
        let s = printable(&s.replace('\n', "↵")).into_owned();
        if self.colour {
            self.paint(AnsiColor::Red.on_default().strikethrough(), &s)
        } else {
            format!("[-{s}-]")
        }
    }
    /// Inserted text: green with colour, `{+…+}` without.
    fn inserted(self, s: &str) -> String {
        let s = printable(&s.replace('\n', "↵")).into_owned();
        if self.colour {
            self.paint(AnsiColor::Green.on_default().underline(), &s)
        } else {
            format!("{{+{s}+}}")
        }
    }
    /// A signed change, green when up and red when down.
    fn delta(self, d: Option<Decimal>) -> String {
        match d {
            Some(d) if d > Decimal::ZERO => self.paint(
                AnsiColor::Green.on_default(),
                &format!("+{}", num::fixed2(d)),
            ),
            Some(d) if d < Decimal::ZERO => {
                self.paint(AnsiColor::Red.on_default(), &num::fixed2(d))
            }
            Some(d) => num::fixed2(d),
            None => String::new(),
        }
    }
}

/// A decimal as a JSON string (`"95.97"`), or null.
pub(crate) fn opt(d: Option<Decimal>) -> Value {
    d.map(|d| Value::String(num::fixed2(d)))
        .unwrap_or(Value::Null)
}

/// A change as a JSON string with its sign (`"+0.50"`), or null.
pub(crate) fn signed(d: Option<Decimal>) -> Value {
    match d {
        Some(d) if d > Decimal::ZERO => Value::String(format!("+{}", num::fixed2(d))),
        Some(d) => Value::String(num::fixed2(d)),
        None => Value::Null,
    }
}

/// A score, or `—` when there is none.
pub(crate) fn or_dash(d: Option<Decimal>) -> String {
    d.map(num::fixed2).unwrap_or_else(|| "—".into())
}

/// `jixiao log --json`.
pub fn log_json(revs: &[Revision]) -> Value {
    json!({ "revisions": revs.iter().map(|r| json!({
        "id": r.id, "short": r.short, "author": r.author, "email": r.email,
        "time": r.time.local, "timestamp": r.time.secs, "offset_minutes": r.time.offset_minutes,
        "summary": r.summary, "message": r.message,
        "total": opt(r.total), "delta": signed(r.delta), "grade": r.grade, "drafts": r.drafts,
        "rubric": r.rubric, "rubric_changed": r.rubric_changed,
        "rubric_delta": signed(r.rubric_delta), "error": r.error,
        "total_now": opt(r.total_now), "grade_now": r.grade_now,
    })).collect::<Vec<_>>() })
}

/// `jixiao log` for people.
pub fn log_text(revs: &[Revision], st: Style) -> String {
    if revs.is_empty() {
        return words::NO_REVISIONS.into();
    }
    let mut o = String::new();
    for r in revs {
        let drafts = if r.drafts.is_empty() {
            String::new()
        } else {
            st.yellow(&format!("[{}] ", line(&r.drafts.join(", "))))
        };
        let delta = st.delta(r.delta);
        let pad_delta = 8usize.saturating_sub(crate::text::width(&match r.delta {
            Some(d) if d > Decimal::ZERO => format!("+{}", num::fixed2(d)),
            Some(d) => num::fixed2(d),
            None => String::new(),
        }));
        o.push_str(&format!(
            "{}  {}  {}  {}{}{}  {}  {}{}\n",
            st.yellow(&r.short),
            st.dim(&r.time.local),
            pad(&line(&r.author), 12),
            rpad(&or_dash(r.total), 7),
            " ".repeat(pad_delta),
            delta,
            pad(&line(r.grade.as_deref().unwrap_or("—")), 2),
            drafts,
            line(&r.summary)
        ));
        o.push_str(&super::rubric_notes::revision_note(r, st.colour));
    }
    o
}

fn override_json(o: &Option<OverrideScore>) -> Value {
    o.as_ref()
        .map(|o| json!({"score": num::fixed2(o.score), "reason": o.reason}))
        .unwrap_or(Value::Null)
}

fn change_json(c: &ScoreChange) -> Value {
    json!({
        "path": c.path, "name": c.name, "old": opt(c.old), "new": opt(c.new),
        "old_computed": opt(c.old_computed), "new_computed": opt(c.new_computed),
        "old_override": override_json(&c.old_override), "new_override": override_json(&c.new_override),
        "delta": signed(c.delta),
    })
}

fn segment_json(s: &Segment) -> Value {
    let (kind, text) = match s {
        Segment::Same(t) => ("same", t),
        Segment::Deleted(t) => ("deleted", t),
        Segment::Inserted(t) => ("inserted", t),
    };
    json!({"kind": kind, "text": text})
}

/// `jixiao diff --json`.
pub fn diff_json(d: &RecordDiff) -> Value {
    json!({
        "from": d.from_label, "to": d.to_label, "from_rev": d.from_rev, "to_rev": d.to_rev,
        "scores": d.scores.iter().map(change_json).collect::<Vec<_>>(),
        "groups": d.groups.iter().map(change_json).collect::<Vec<_>>(),
        "total": d.total.as_ref().map(change_json),
        "old_grade": d.old_grade, "new_grade": d.new_grade,
        "fields": d.fields.iter().map(|f| json!({
            "path": f.path, "label": f.label, "old": f.old, "new": f.new,
        })).collect::<Vec<_>>(),
        "texts": d.texts.iter().map(|t| json!({
            "field": t.field, "label": t.label,
            "segments": t.segments.iter().map(segment_json).collect::<Vec<_>>(),
            "hunks": t.hunks.iter().map(|(a, b)| json!([a, b])).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "rubric_change": super::rubric_notes::change_json(d.rubric_change.as_ref()),
        "rubric_now": super::rubric_notes::now_json(d.rubric_now.as_ref()),
    })
}

/// A field's value as a person reads it: text without TOML's quotes, checklist answers as
/// 合格/不合格/未评, yes/no as 是/否; numbers as written.
pub fn value_for_people(v: Option<&str>) -> String {
    use crate::text::record as t;
    use toml_edit::Value;
    let Some(v) = v else {
        return t::NONE.to_string();
    };
    let one = |x: &Value, answers: bool| -> String {
        match x {
            Value::String(s) if s.value().is_empty() && answers => t::answer(None).to_string(),
            Value::String(s) if s.value().is_empty() => t::EMPTY.to_string(),
            Value::String(s) => s.value().clone(),
            Value::Boolean(b) if answers => t::answer(Some(*b.value())).to_string(),
            Value::Boolean(b) => t::yes_no(*b.value()).to_string(),
            other => crate::record::doc::value_text(other),
        }
    };
    match v.parse::<Value>() {
        Ok(Value::Array(a)) => {
            let answers = a.iter().any(|x| x.as_bool().is_some());
            a.iter()
                .map(|x| one(x, answers))
                .collect::<Vec<_>>()
                .join(crate::text::check::LIST_SEP)
        }
        Ok(x) => one(&x, false),
        Err(_) => v.to_string(),
    }
}

fn override_text(o: &Option<OverrideScore>) -> String {
    match o {
        Some(o) => words::override_score(num::fixed2(o.score), &line(&o.reason)),
        None => crate::text::store::NONE.into(),
    }
}

fn change_line(c: &ScoreChange, st: Style) -> String {
    let mut line = format!(
        "  {}{} → {}  {}",
        pad(&line(&c.name), 36),
        rpad(&or_dash(c.old), 6),
        rpad(&or_dash(c.new), 6),
        st.delta(c.delta)
    );
    if c.old_computed != c.new_computed {
        line.push_str(&words::computed_change(
            &or_dash(c.old_computed),
            &or_dash(c.new_computed),
        ));
    }
    if c.old_override != c.new_override {
        line.push_str(&words::override_change(
            &override_text(&c.old_override),
            &override_text(&c.new_override),
        ));
    }
    line.push('\n');
    line
}

/// `jixiao diff` for people.
pub fn diff_text(d: &RecordDiff, st: Style) -> String {
    let mut o = format!(
        "{}\n",
        st.bold(&words::compare(&line(&d.from_label), &line(&d.to_label)))
    );
    o.push_str(&super::rubric_notes::diff_notes(d));
    if d.is_empty() {
        o.push_str(words::NO_DIFFERENCES);
        return o;
    }
    if !d.scores.is_empty() {
        o.push_str(&format!("\n{}\n", st.bold(words::INDICATOR_SCORES)));
        for c in &d.scores {
            o.push_str(&change_line(c, st));
        }
    }
    if !d.groups.is_empty() {
        o.push_str(&format!("\n{}\n", st.bold(crate::text::printers::GROUP)));
        for c in &d.groups {
            o.push_str(&change_line(c, st));
        }
    }
    if let Some(t) = &d.total {
        o.push_str(&words::total_change(
            &st.bold(crate::text::store::TOTAL),
            &or_dash(t.old),
            &or_dash(t.new),
            &st.delta(t.delta),
            &line(&d.old_grade),
            &line(&d.new_grade),
        ));
    }
    if !d.fields.is_empty() {
        o.push_str(&format!("\n{}\n", st.bold(words::OTHER_FIELDS)));
        for f in &d.fields {
            // The field's TOML path is in `--json` only: people read the report's names.
            o.push_str(&words::field_change(
                &line(&f.label),
                &line(&value_for_people(f.old.as_deref())),
                &line(&value_for_people(f.new.as_deref())),
            ));
        }
    }
    if !d.texts.is_empty() {
        o.push_str(&format!("\n{}\n", st.bold(words::TEXTS)));
        for t in &d.texts {
            o.push_str(&format!("  {}\n", line(&t.label)));
            for &(a, b) in &t.hunks {
                let mut text = String::new();
                let hunk = &t.segments[a..b];
                for (i, s) in hunk.iter().enumerate() {
                    match s {
                        Segment::Same(x) => text.push_str(&printable(x.trim_end_matches('\n'))),
                        Segment::Deleted(x) => {
                            text.push_str(&st.deleted(x));
                            // A number replaced by another reads old → new.
                            if let Some(Segment::Inserted(y)) = hunk.get(i + 1)
                                && crate::store::is_number(x)
                                && crate::store::is_number(y)
                            {
                                text.push_str(" → ");
                            }
                        }
                        Segment::Inserted(x) => text.push_str(&st.inserted(x)),
                    }
                }
                o.push_str(&format!("    {}\n", text.replace('\n', "\n    ")));
            }
        }
    }
    o
}

/// `jixiao drafts --json`.
pub fn drafts_json(drafts: &[Draft]) -> Value {
    json!({ "drafts": drafts.iter().map(|d| json!({
        "name": d.name, "rev": d.rev, "short": d.short, "tagger": d.tagger,
        "time": d.time.as_ref().map(|t| t.local.clone()), "message": d.message,
    })).collect::<Vec<_>>() })
}

/// `jixiao drafts` for people.
pub fn drafts_text(drafts: &[Draft], st: Style) -> String {
    if drafts.is_empty() {
        return words::NO_DRAFTS.into();
    }
    let mut o = String::new();
    for d in drafts {
        o.push_str(&format!(
            "{}  {}  {}  {}  {}\n",
            pad(&line(&d.name), 12),
            st.yellow(&d.short),
            st.dim(d.time.as_ref().map(|t| t.local.as_str()).unwrap_or("")),
            pad(&line(d.tagger.as_deref().unwrap_or("—")), 12),
            line(d.message.lines().next().unwrap_or_default())
        ));
    }
    o
}

/// `jixiao blame --json`.
pub fn blame_json(rows: &[BlameRow]) -> Value {
    json!({ "indicators": rows.iter().map(|r| json!({
        "path": r.path, "name": r.name, "score": num::fixed2(r.score), "rev": r.rev,
        "short": r.short, "author": r.author, "time": r.time.local, "summary": r.summary,
        "reason": r.reason, "notes": r.notes,
    })).collect::<Vec<_>>() })
}

/// `jixiao blame` for people.
pub fn blame_text(rows: &[BlameRow], st: Style) -> String {
    let mut o = String::new();
    for r in rows {
        let why = if r.reason.is_empty() {
            st.dim(&line(&r.summary))
        } else {
            line(&r.reason)
        };
        o.push_str(&format!(
            "{}{}  {}  {}  {}  {}\n",
            pad(&line(&r.name), 36),
            rpad(&num::fixed2(r.score), 6),
            st.yellow(&r.short),
            pad(&line(&r.author), 10),
            st.dim(&r.time.local),
            why
        ));
        for n in &r.notes {
            o.push_str(&words::open_note(&line(n)));
        }
    }
    o
}

/// The conflicts of a save, for people.
pub fn conflicts_text(conflicts: &[Conflict], kept: &std::path::Path) -> String {
    let mut o = String::from(words::CONFLICTS);
    for c in conflicts {
        let v = |x: &Option<String>| line(&value_for_people(x.as_deref()));
        o.push_str(&words::conflict(
            &line(&c.label),
            &v(&c.base),
            &v(&c.theirs),
            &v(&c.ours),
        ));
    }
    o.push_str(&words::kept(kept.display()));
    o
}

/// The conflicts of a save, for tools.
pub fn conflicts_json(conflicts: &[Conflict], kept: &std::path::Path) -> Value {
    json!({
        "committed": false,
        "conflicts": conflicts.iter().map(|c| json!({
            "field": c.field, "label": c.label, "base": c.base, "theirs": c.theirs, "ours": c.ours,
        })).collect::<Vec<_>>(),
        "kept": kept.display().to_string(),
    })
}
