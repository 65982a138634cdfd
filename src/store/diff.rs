//! The difference between two revisions of a record: scores first (indicator, group, total),
//! then every other changed field, then the narratives as character-level text diffs shown
//! sentence by sentence (Chinese has no spaces, so words are not a useful unit).

use super::rubrics::{self, RubricChange, RubricNow, Rubrics};
use super::{blob_id, blob_text, open, resolve, short};
use crate::error::{Error, Result};
use crate::record::{doc, rows};
use crate::repo::{Dept, Evaluation, Repo};
use crate::score::{NodeScore, OverrideScore};
use rust_decimal::Decimal;
use similar::{Algorithm, DiffTag};
use std::collections::{BTreeMap, BTreeSet};

/// A version's fields by path (rows by id) and its rows' index paths → id paths.
type Flat = (BTreeMap<String, String>, BTreeMap<String, String>);

/// How one score moved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScoreChange {
    /// The indicator's path (`management/assets/asset-management`), or `total`.
    pub path: String,
    pub name: String,
    pub old: Option<Decimal>,
    pub new: Option<Decimal>,
    pub old_computed: Option<Decimal>,
    pub new_computed: Option<Decimal>,
    /// The evaluator's override with its reason, on each side.
    pub old_override: Option<OverrideScore>,
    pub new_override: Option<OverrideScore>,
    /// `new − old`, when both exist.
    pub delta: Option<Decimal>,
}

/// A changed field other than a score or a narrative; values are TOML texts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldChange {
    pub path: String,
    /// What a person calls the field (`当年预算执行情况·全年支出预算`, see
    /// [`crate::record::labels::field_label`]).
    pub label: String,
    pub old: Option<String>,
    pub new: Option<String>,
}

/// A piece of a text diff.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Segment {
    /// Text in both versions.
    Same(String),
    /// Text only in the old version.
    Deleted(String),
    /// Text only in the new version.
    Inserted(String),
}

/// A changed narrative.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextChange {
    /// The field path (`budget.text`).
    pub field: String,
    /// The section and what the text is (`当年预算执行情况·预算执行说明`).
    pub label: String,
    /// The whole text; unchanged sentences are one `Same` segment each.
    pub segments: Vec<Segment>,
    /// The changed sentences: ranges `start..end` of `segments`, in order.
    pub hunks: Vec<(usize, usize)>,
}

/// Everything that differs between two versions of a record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordDiff {
    /// What the old side is (`a1b2c3d`, `初稿 (a1b2c3d)`).
    pub from_label: String,
    pub to_label: String,
    /// Commit ids, `None` for the working file.
    pub from_rev: Option<String>,
    pub to_rev: Option<String>,
    /// Indicators whose score, computed score or override changed, in report order.
    pub scores: Vec<ScoreChange>,
    /// 一级指标 whose score changed.
    pub groups: Vec<ScoreChange>,
    /// The total, when it changed.
    pub total: Option<ScoreChange>,
    pub old_grade: String,
    pub new_grade: String,
    pub fields: Vec<FieldChange>,
    pub texts: Vec<TextChange>,
    /// Set when the two sides were scored with different rubrics (each side with its own).
    pub rubric_change: Option<RubricChange>,
    /// Both sides scored with today's rubric, when asked for (`--rubric-now`).
    pub rubric_now: Option<RubricNow>,
}

impl RecordDiff {
    /// Whether the two versions are the same in every field.
    pub fn is_empty(&self) -> bool {
        self.scores.is_empty()
            && self.groups.is_empty()
            && self.total.is_none()
            && self.fields.is_empty()
            && self.texts.is_empty()
    }
}

struct Side {
    label: String,
    rev: Option<String>,
    text: String,
}

fn side(git: &git2::Repository, dept: &Dept, year: u16, spec: &str) -> Result<Side> {
    let c = resolve(git, dept, year, spec)?;
    let rel = Repo::record_rel(dept, year);
    let id =
        blob_id(&c, &rel)?.ok_or_else(|| Error::Other(format!("修订 `{spec}` 中没有 {rel}")))?;
    let s = short(c.id());
    Ok(Side {
        label: if spec.starts_with(&s) {
            s.clone()
        } else {
            format!("{spec} ({s})")
        },
        rev: Some(c.id().to_string()),
        text: blob_text(git, id, &format!("{rel}（修订 `{spec}`）"))?,
    })
}

/// Compares revision `a` with `b` (revisions or draft names). Without `b` the other side is
/// the working file; without either, the last save (HEAD) against the working file.
pub fn diff(
    repo: &Repo,
    dept: &Dept,
    year: u16,
    a: Option<&str>,
    b: Option<&str>,
) -> Result<RecordDiff> {
    diff_with(repo, dept, year, a, b, false)
}

/// [`diff`], each revision scored with the rubric as it was in that revision (the working
/// file with the working tree's rubric); with `rubric_now`, both sides also scored with
/// today's rubric.
pub fn diff_with(
    repo: &Repo,
    dept: &Dept,
    year: u16,
    a: Option<&str>,
    b: Option<&str>,
    rubric_now: bool,
) -> Result<RecordDiff> {
    let git = open(repo)?;
    let from = side(&git, dept, year, a.unwrap_or("HEAD")).map_err(|e| match (a, &e) {
        (None, Error::Git(_)) => Error::Other(format!(
            "{dept}/{year} 还没有可供比较的已保存修订（请先提交）"
        )),
        _ => e,
    })?;
    let to = match b {
        Some(spec) => side(&git, dept, year, spec)?,
        None => {
            let path = repo.checked_record_path(dept, year)?;
            Side {
                label: format!("工作区 {}", Repo::record_rel(dept, year)),
                rev: None,
                text: crate::tomlio::read(&path)?,
            }
        }
    };
    // An old version written before rows had ids takes the ids of the same rows in the new
    // one, so that its rows compare by id too (record::rows).
    let from_text =
        crate::record::rows::inherit_row_ids(&repo.record_path(dept, year), &from.text, &to.text)
            .unwrap_or_else(|_| from.text.clone());
    let mut at = Rubrics::new(&git, repo);
    // A revision with the rubric of its commit, the working file with the working tree's.
    let mut score = |rev: Option<&str>, text: &str| -> Result<(Evaluation, Option<git2::Oid>)> {
        match rev.map(git2::Oid::from_str) {
            Some(Ok(id)) => at.evaluate(id, dept, year, text),
            _ => {
                let e = repo.evaluate(dept, year, text)?;
                let id = rubrics::working_blob(repo, &e.rubric.name);
                Ok((e, id))
            }
        }
    };
    let (old, old_rubric) = score(from.rev.as_deref(), &from_text)?;
    let (new, new_rubric) = score(to.rev.as_deref(), &to.text)?;
    let mut d = compare(&old, &new, &from_text, &to.text)?;
    d.rubric_change = rubrics::change(repo, (&old, old_rubric), (&new, new_rubric), &to.text);
    if rubric_now {
        d.rubric_now = Some(rubrics::now(repo, dept, year, &from_text, &to.text)?);
    }
    d.from_label = from.label;
    d.to_label = to.label;
    d.from_rev = from.rev;
    d.to_rev = to.rev;
    Ok(d)
}

fn change(path: &str, name: &str, o: Option<&NodeScore>, n: Option<&NodeScore>) -> ScoreChange {
    let (old, new) = (o.map(|x| x.score), n.map(|x| x.score));
    ScoreChange {
        path: path.to_string(),
        name: name.to_string(),
        old,
        new,
        old_computed: o.and_then(|x| x.computed),
        new_computed: n.and_then(|x| x.computed),
        old_override: o.and_then(|x| x.override_.clone()),
        new_override: n.and_then(|x| x.override_.clone()),
        delta: old.zip(new).map(|(a, b)| b - a),
    }
}

fn node_changes<'a>(
    old: impl Iterator<Item = &'a NodeScore>,
    new: impl Iterator<Item = &'a NodeScore>,
) -> Vec<ScoreChange> {
    let old: Vec<&NodeScore> = old.collect();
    let new: Vec<&NodeScore> = new.collect();
    let mut out = Vec::new();
    let key = |x: &NodeScore| (x.score, x.computed, x.override_.clone());
    // By `key`, not `path`: a record item keeps its key when rows are inserted before it.
    for n in &new {
        let o = old.iter().find(|o| o.key == n.key).copied();
        if o.map(key) != Some(key(n)) {
            out.push(change(&n.path, &n.name, o, Some(n)));
        }
    }
    for o in old.iter().filter(|o| !new.iter().any(|n| n.key == o.key)) {
        out.push(change(&o.path, &o.name, Some(o), None));
    }
    out
}

/// Compares two scored versions of a record given with their texts.
pub(super) fn compare(
    old: &Evaluation,
    new: &Evaluation,
    old_text: &str,
    new_text: &str,
) -> Result<RecordDiff> {
    let scores = node_changes(old.card.leaves(), new.card.leaves());
    let groups = node_changes(old.card.groups(), new.card.groups());
    let total = (old.card.total != new.card.total).then(|| ScoreChange {
        path: "total".into(),
        name: "总分".into(),
        old: Some(old.card.total),
        new: Some(new.card.total),
        old_computed: None,
        new_computed: None,
        old_override: None,
        new_override: None,
        delta: Some(new.card.total - old.card.total),
    });
    // Rows are named by id (`conclusion.problems[id=3f9a0c1e].text`), so that a row inserted
    // or moved is one change, not a change of every row after it.
    // Rows' names by id path, for labelling their fields; the new version's first.
    let mut row_names: BTreeMap<String, String> = BTreeMap::new();
    let mut flat = |e: &Evaluation, text: &str| -> Result<Flat> {
        let d = doc::parse(&e.path, text)?;
        let keys = doc::row_keys(&d);
        for (array, table) in rows::row_arrays(&d) {
            for (i, t) in table.iter().enumerate() {
                // A review note is named by the field it is on (批注「budget.text」).
                let name = if array == crate::record::notes::NOTES {
                    t.get("field")
                        .and_then(toml_edit::Item::as_str)
                        .map(|f| format!("批注「{f}」"))
                } else {
                    rows::row_name(t)
                };
                if let (Some(k), Some(name)) = (keys.get(&format!("{array}[{i}]")), name) {
                    row_names.insert(k.clone(), name);
                }
            }
        }
        let fields = doc::flatten(&d)
            .into_iter()
            .map(|(k, v)| (doc::keyed(&keys, &k), doc::value_text(&v)))
            .collect();
        Ok((fields, keys))
    };
    let (fo, ko) = flat(old, old_text)?;
    let (fnew, kn) = flat(new, new_text)?;
    // Fields already shown as scores.
    let mut score_fields = BTreeSet::new();
    for (e, keys) in [(old, &ko), (new, &kn)] {
        for n in e.card.leaves() {
            for suffix in ["score", "override", "override.score", "override.reason"] {
                score_fields.insert(format!("{}.{suffix}", doc::keyed(keys, &n.field)));
            }
        }
    }
    let mut narratives: BTreeMap<String, (Option<String>, Option<String>)> = BTreeMap::new();
    // Each narrative's path by index, for its label (`问题2`), the new version's first.
    let mut at: BTreeMap<String, String> = BTreeMap::new();
    for (_, path, text) in old.record.narratives() {
        let k = doc::keyed(&ko, &path);
        at.insert(k.clone(), path);
        narratives.entry(k).or_default().0 = Some(text.to_string());
    }
    for (_, path, text) in new.record.narratives() {
        let k = doc::keyed(&kn, &path);
        at.insert(k.clone(), path);
        narratives.entry(k).or_default().1 = Some(text.to_string());
    }
    let mut fields = Vec::new();
    for path in fo.keys().chain(fnew.keys()).collect::<BTreeSet<_>>() {
        let (o, n) = (fo.get(path), fnew.get(path));
        let row_id = path.contains("[id=") && path.ends_with(&format!("].{}", rows::ID_KEY));
        if o == n || row_id || score_fields.contains(path) || narratives.contains_key(path) {
            continue;
        }
        let row = path
            .find(']')
            .and_then(|i| row_names.get(&path[..i + 1]))
            .map(String::as_str);
        // A figure the rubric no longer declares is named as the old rubric named it.
        let rubric = match new.rubric.catalogue.label(path) {
            None if old.rubric.catalogue.label(path).is_some() => &old.rubric,
            _ => &new.rubric,
        };
        fields.push(FieldChange {
            path: path.clone(),
            // Review notes and reopenings are named by the row and what of it changed.
            label: path
                .find(']')
                .and_then(|end| {
                    let row_path = &path[..end + 1];
                    let what = review_key(row_path, &path[end + 1..])?;
                    let name = row_names.get(row_path)?;
                    Some(format!("{name}·{what}"))
                })
                .unwrap_or_else(|| crate::record::labels::field_label(rubric, path, row)),
            old: o.cloned(),
            new: n.cloned(),
        });
    }
    // In the report's order of sections (the record's own keys are alphabetical).
    fields.sort_by_key(|f| {
        let section = f.path.split(['.', '[']).next().unwrap_or_default();
        crate::section::Section::from_id(section).map_or(0, |s| s.index() + 1)
    });
    // Narratives in report order.
    let mut texts = Vec::new();
    let order = new
        .record
        .narratives()
        .into_iter()
        .map(|(_, p, _)| doc::keyed(&kn, &p))
        .chain(
            old.record
                .narratives()
                .into_iter()
                .map(|(_, p, _)| doc::keyed(&ko, &p)),
        )
        .collect::<Vec<_>>();
    let mut seen = BTreeSet::new();
    for path in order {
        if !seen.insert(path.clone()) {
            continue;
        }
        let (o, n) = &narratives[&path];
        let (o, n) = (o.as_deref().unwrap_or(""), n.as_deref().unwrap_or(""));
        if o != n {
            let (segments, hunks) = text_diff(o, n);
            texts.push(TextChange {
                label: {
                    let p = at.get(&path).unwrap_or(&path);
                    new.rubric
                        .catalogue
                        .label(p)
                        .or_else(|| old.rubric.catalogue.label(p))
                        .map(|l| format!("{}·{l}", section_of(p)))
                        .unwrap_or_else(|| text_label(p))
                },
                field: path,
                segments,
                hunks,
            });
        }
    }
    Ok(RecordDiff {
        from_label: String::new(),
        to_label: String::new(),
        from_rev: None,
        to_rev: None,
        scores,
        groups,
        total,
        old_grade: old.card.grade.clone(),
        new_grade: new.card.grade.clone(),
        fields,
        texts,
        rubric_change: None,
        rubric_now: None,
    })
}

/// What a field of a review note or a reopening is, for its label (`意见`, `答复` …).
fn review_key(row: &str, rest: &str) -> Option<&'static str> {
    use crate::record::notes::{NOTES, REOPENINGS};
    let key = rest.strip_prefix('.').unwrap_or(rest);
    if row.starts_with(&format!("{NOTES}[")) {
        Some(match key {
            "text" => "意见",
            "answer" => "答复",
            "answered_by" => "答复人",
            "resolved_by" => "解决人",
            "by" => "批注人",
            "field" => "位置",
            _ => return None,
        })
    } else if row.starts_with(&format!("{REOPENINGS}[")) {
        Some(match key {
            "reason" => "重新开放的理由",
            "by" => "重新开放人",
            "draft" => "重新开放的稿",
            _ => return None,
        })
    } else {
        None
    }
}

/// The title of the section a field path belongs to, or "".
fn section_of(path: &str) -> &'static str {
    crate::section::Section::ALL
        .iter()
        .find(|s| path.starts_with(&format!("{}.", s.id())))
        .map(|s| s.title())
        .unwrap_or("")
}

/// The section and the kind of a narrative field the rubric does not label, in the report's
/// terms.
pub fn text_label(path: &str) -> String {
    let section = section_of(path);
    let index = |p: &str| -> Option<usize> {
        let (_, rest) = p.split_once('[')?;
        rest.split(']').next()?.parse::<usize>().ok().map(|i| i + 1)
    };
    let what = if path.starts_with("overview.duties[") {
        format!("主要职责第{}项", index(path).unwrap_or(0))
    } else if path.starts_with("conclusion.problems[") {
        format!("问题{}", index(path).unwrap_or(0))
    } else if path.starts_with("recommendations.items[") {
        format!("建议{}", index(path).unwrap_or(0))
    } else {
        "说明".to_string()
    };
    if section.is_empty() {
        what
    } else {
        format!("{section}·{what}")
    }
}

/// Splits a text into sentences, each keeping its closing mark.
fn sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if matches!(c, '。' | '！' | '？' | '；' | '\n' | '!' | '?' | ';') {
            let end = i + c.len_utf8();
            out.push(&text[start..end]);
            start = end;
        }
    }
    if start < text.len() {
        out.push(&text[start..]);
    }
    out
}

fn push(out: &mut Vec<Segment>, seg: Segment) {
    let merged = match (out.last_mut(), &seg) {
        (Some(Segment::Deleted(a)), Segment::Deleted(b))
        | (Some(Segment::Inserted(a)), Segment::Inserted(b)) => {
            a.push_str(b);
            true
        }
        _ => false,
    };
    if !merged {
        out.push(seg);
    }
}

/// Splits a text into the units of a text diff: a number (`576,431.54`: digits, with `,` or
/// `.` between digits) is one unit, any other character is one.
fn tokens(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let mut end = i + c.len_utf8();
        if c.is_ascii_digit() {
            loop {
                let mut ahead = chars.clone();
                match ahead.next() {
                    Some((_, d)) if d.is_ascii_digit() => {}
                    Some((_, ',' | '.'))
                        if ahead.next().is_some_and(|(_, d)| d.is_ascii_digit()) => {}
                    _ => break,
                }
                if let Some((j, d)) = chars.next() {
                    end = j + d.len_utf8();
                }
            }
        }
        out.push(&text[i..end]);
    }
    out
}

/// Whether `text` is one number as [`tokens`] reads it (`1,413`, `90.62`).
pub fn is_number(text: &str) -> bool {
    text.starts_with(|c: char| c.is_ascii_digit()) && tokens(text).len() == 1
}

/// A sentence-aligned, character-level diff (numbers kept whole): unchanged sentences as whole `Same` segments,
/// changed runs of sentences refined to the characters; returns the segments and the ranges
/// of segments that are changed sentences.
pub fn text_diff(old: &str, new: &str) -> (Vec<Segment>, Vec<(usize, usize)>) {
    let (os, ns) = (sentences(old), sentences(new));
    let ops = similar::capture_diff_slices(Algorithm::Myers, &os, &ns);
    let mut segs = Vec::new();
    let mut hunks = Vec::new();
    for op in ops {
        match op.tag() {
            DiffTag::Equal => {
                for s in &os[op.old_range()] {
                    segs.push(Segment::Same((*s).to_string()));
                }
            }
            _ => {
                let (o, n) = (os[op.old_range()].concat(), ns[op.new_range()].concat());
                let start = segs.len();
                // Numbers are whole tokens: `1,398` → `1,413` reads as one value replaced,
                // never as `1,{+41+}3[-98-]`.
                let (ot, nt) = (tokens(&o), tokens(&n));
                let ops = similar::capture_diff_deadline(
                    Algorithm::Myers,
                    &ot,
                    0..ot.len(),
                    &nt,
                    0..nt.len(),
                    std::time::Instant::now().checked_add(std::time::Duration::from_secs(2)),
                );
                for c in ops {
                    let (or, nr) = (c.old_range(), c.new_range());
                    match c.tag() {
                        DiffTag::Equal => segs.push(Segment::Same(ot[or].concat())),
                        DiffTag::Delete => push(&mut segs, Segment::Deleted(ot[or].concat())),
                        DiffTag::Insert => push(&mut segs, Segment::Inserted(nt[nr].concat())),
                        DiffTag::Replace => {
                            push(&mut segs, Segment::Deleted(ot[or].concat()));
                            push(&mut segs, Segment::Inserted(nt[nr].concat()));
                        }
                    }
                }
                hunks.push((start, segs.len()));
            }
        }
    }
    (segs, hunks)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_changed_characters_in_whole_sentences() {
        let old = "预算执行率为90.63%。资金管理规范。";
        let new = "预算执行率为90.62%。资金管理规范。新增一句。";
        let (segs, hunks) = text_diff(old, new);
        assert_eq!(
            segs,
            vec![
                Segment::Same("预算执行率为".into()),
                Segment::Deleted("90.63".into()),
                Segment::Inserted("90.62".into()),
                Segment::Same("%。".into()),
                Segment::Same("资金管理规范。".into()),
                Segment::Inserted("新增一句。".into()),
            ]
        );
        assert_eq!(hunks, vec![(0, 4), (5, 6)]);
    }

    #[test]
    fn numbers_are_replaced_whole() {
        let (segs, _) = text_diff("支出1,398万元，增长3%。", "支出1,413万元，增长3%。");
        assert_eq!(
            segs,
            vec![
                Segment::Same("支出".into()),
                Segment::Deleted("1,398".into()),
                Segment::Inserted("1,413".into()),
                Segment::Same("万元，增长3%。".into()),
            ]
        );
        assert_eq!(
            tokens("a1,2.5,b 3."),
            ["a", "1,2.5", ",", "b", " ", "3", "."]
        );
        assert!(is_number("576,431.54") && !is_number("3%") && !is_number("第3"));
    }

    #[test]
    fn labels_narratives_in_the_reports_terms() {
        assert_eq!(text_label("budget.text"), "当年预算执行情况·说明");
        assert_eq!(
            text_label("conclusion.problems[0].text"),
            "总体评价结论·问题1"
        );
    }
}
