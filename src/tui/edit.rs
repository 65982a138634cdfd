//! Editing one field: opening it, writing what was typed into the record (checked against
//! what the field accepts), checklist answers, and confirming a change of an indicator's kind.

use super::editor::{Editor, Mode, line_area, text_area};
use super::form::{Kind, Values, is_qualitative};
use crate::Error;
use crate::num;
use crate::record::doc;
use toml_edit::{DocumentMut, Value};

impl Editor {
    /// Text pasted from the terminal (bracketed paste).
    pub fn paste(&mut self, text: &str) {
        match &mut self.mode {
            Mode::Line { area, .. } | Mode::Save { area } => {
                area.insert_str(text.replace(['\r', '\n'], " "));
            }
            Mode::Text { area, .. } => {
                area.insert_str(text.replace("\r\n", "\n").replace('\r', "\n"));
                self.revision += 1;
            }
            Mode::Normal => self.start_edit(Some(text)),
            _ => {}
        }
    }

    /// Opens the field under the cursor for typing (`paste` already typed into it).
    pub(super) fn start_edit(&mut self, paste: Option<&str>) {
        let Some(cell) = self.current_cell().cloned() else {
            return;
        };
        match cell.kind {
            Kind::Check { .. } | Kind::Flag => return self.toggle(),
            Kind::AddRow => return self.add_row(),
            _ => {}
        }
        if !cell.editable() {
            return;
        }
        let current = self
            .invalid
            .get(&cell.path)
            .map(|(t, _)| t.clone())
            .unwrap_or(cell.text.clone());
        let label = self.prompt_label();
        match cell.kind {
            Kind::Multiline | Kind::Lines => {
                let mut area = text_area(&current);
                area.move_cursor(ratatui_textarea::CursorMove::Bottom);
                area.move_cursor(ratatui_textarea::CursorMove::End);
                if let Some(p) = paste {
                    area.insert_str(p);
                }
                self.mode = Mode::Text {
                    path: cell.path,
                    kind: cell.kind,
                    label,
                    area,
                };
            }
            _ => {
                let mut area = line_area(&current);
                if let Some(p) = paste {
                    area.insert_str(p.replace(['\r', '\n'], " "));
                }
                self.mode = Mode::Line {
                    path: cell.path,
                    kind: cell.kind,
                    area,
                };
            }
        }
    }

    /// Gives up what is being typed.
    pub(super) fn cancel(&mut self) {
        if let Mode::Line { path, .. } | Mode::Text { path, .. } = &self.mode
            && self.invalid.remove(path).is_some()
        {
            self.status = Some("已放弃无效输入".into());
        }
        self.mode = Mode::Normal;
        self.rebuild();
    }

    /// Writes what was typed into the record, or keeps it as an invalid entry with the reason.
    pub(super) fn accept(&mut self) {
        let mode = std::mem::replace(&mut self.mode, Mode::Normal);
        let (path, kind, typed) = match mode {
            Mode::Line { path, kind, area } => (path, kind, area.lines().join("")),
            Mode::Text {
                path, kind, area, ..
            } => (path, kind, area.lines().join("\n")),
            other => {
                self.mode = other;
                return;
            }
        };
        if let Some(qualitative) = self.kind_change(&path, &typed) {
            self.mode = Mode::ConfirmKind {
                path,
                typed,
                qualitative,
            };
            return;
        }
        self.apply(path, kind, typed);
    }

    /// Whether typing `typed` as the 指标值 at `path` turns a qualitative indicator into a
    /// quantitative one or back: Some(becomes qualitative). A new, empty target is no change.
    fn kind_change(&self, path: &str, typed: &str) -> Option<bool> {
        let table = path.strip_suffix("].target")?;
        // The record's own rows, in whichever section the rubric places their group.
        let (section, _) = table.split_once(".indicators[")?;
        crate::section::Section::from_id(section)?;
        let old = Values::of(&self.doc).text(path);
        if old.trim().is_empty() || typed.trim().is_empty() {
            return None;
        }
        let (was, will) = (is_qualitative(&old), is_qualitative(typed));
        (was != will).then_some(will)
    }

    /// The answer to "change the indicator's kind?".
    pub(super) fn confirm_kind(&mut self, yes: bool) {
        let Mode::ConfirmKind {
            path,
            typed,
            qualitative,
        } = std::mem::replace(&mut self.mode, Mode::Normal)
        else {
            return;
        };
        let now = if qualitative { "定性" } else { "定量" };
        if yes {
            self.apply(path, Kind::Text, typed);
            self.status = Some(format!("已改为{now}指标"));
        } else {
            let old = Values::of(&self.doc).text(&path);
            self.status = Some(format!("未修改：指标值仍为「{old}」"));
        }
    }

    fn apply(&mut self, path: String, kind: Kind, typed: String) {
        match set_text(&mut self.doc, &path, kind, &typed) {
            Ok(()) => {
                self.invalid.remove(&path);
                self.revision += 1;
                self.refresh();
            }
            Err(why) => {
                self.invalid.insert(path, (typed, why));
                self.revision += 1;
                self.rebuild();
            }
        }
    }

    /// Turns over the yes/no field under the cursor, moves a choice (性质) to its next word,
    /// or sets the checklist item under it:
    /// 未评 → 合格 → 不合格 → 合格. Only that item: the others stay as they are, 未评 ones
    /// written as "" until assessed.
    pub(super) fn toggle(&mut self) {
        let Some(cell) = self.current_cell().cloned() else {
            return;
        };
        if let Kind::Choice(words) = cell.kind {
            // The next word of the choice, from the first when the field holds none of them.
            let at = words.iter().position(|w| *w == cell.text.trim());
            let Some(next) = words.get(at.map_or(0, |i| (i + 1) % words.len().max(1))) else {
                return;
            };
            if doc::set(&mut self.doc, &cell.path, Value::from(*next)).is_ok() {
                self.invalid.remove(&cell.path);
                self.revision += 1;
                self.refresh();
            }
            return;
        }
        if cell.kind == Kind::Flag {
            let on = Values::of(&self.doc).flag(&cell.path);
            if doc::set(&mut self.doc, &cell.path, Value::from(!on)).is_ok() {
                self.revision += 1;
                self.refresh();
            }
            return;
        }
        let Kind::Check { index, len } = cell.kind else {
            return;
        };
        let mut pass = Values::of(&self.doc).answers(&cell.path);
        pass.resize(len.max(pass.len()), None);
        if let Some(p) = pass.get_mut(index) {
            *p = Some(p.is_none_or(|b| !b));
        }
        let mut arr = toml_edit::Array::new();
        for p in &pass {
            match p {
                Some(b) => arr.push(*b),
                None => arr.push(""),
            }
        }
        if doc::set(&mut self.doc, &cell.path, Value::Array(arr)).is_ok() {
            self.revision += 1;
            self.refresh();
        }
    }
}

/// Writes what was typed into field `path` of `d`, checking it first; the error says what is
/// allowed.
pub fn set_text(d: &mut DocumentMut, path: &str, kind: Kind, typed: &str) -> Result<(), String> {
    let is_override = path.ends_with(".override.score");
    let value = match kind {
        Kind::Number | Kind::Count | Kind::Figure { .. } => {
            let t = typed.trim();
            if t.is_empty() {
                if is_override {
                    let table = path.trim_end_matches(".score");
                    return doc::remove(d, table).map_err(|e| e.to_string());
                }
                Value::from("")
            } else {
                let dp = match kind {
                    Kind::Count => 0,
                    Kind::Figure { decimals } => decimals,
                    _ => 2,
                };
                let v = num::parse_non_negative(t, dp).map_err(|e| e.message(dp))?;
                doc::number_value(&v.to_string()).ok_or_else(|| format!("「{t}」不是数字"))?
            }
        }
        Kind::Lines => {
            let mut arr = toml_edit::Array::new();
            typed
                .split('\n')
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .for_each(|l| arr.push(l));
            Value::Array(arr)
        }
        Kind::Multiline => doc::text_value(typed),
        Kind::Choice(words) => {
            let t = typed.trim();
            if !words.contains(&t) {
                return Err(format!("「{t}」不可用；只能填 {}", words.join(" 或 ")));
            }
            Value::from(t)
        }
        _ => Value::from(typed.trim()),
    };
    if is_override && !doc::flatten(d).contains_key(&path.replace(".score", ".reason")) {
        // A new override: an inline table with an empty reason that check reports until written.
        let table = path.trim_end_matches(".score");
        let mut t = toml_edit::InlineTable::new();
        t.insert("score", value);
        t.insert("reason", Value::from(""));
        return doc::set(d, table, Value::InlineTable(t)).map_err(|e: Error| e.to_string());
    }
    doc::set(d, path, value).map_err(|e| e.to_string())
}
