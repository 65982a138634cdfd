//! What jixiao says about a sync, for the command line and the editor alike: what came in,
//! what went out, and, on a conflict, every field with its value on both sides.

use crate::repo::{Dept, Repo, parse_year};
use crate::store::{PathConflict, SyncOutcome, SyncReport, short_rev};
use crate::text::check::LIST_SEP;
use crate::text::printable_line;
use crate::text::report::sync as words;
use serde_json::{Value, json};

/// `records/DEPT/YEAR.toml` → the department and year.
pub fn record_of(path: &str) -> Option<(Dept, u16)> {
    let rest = path.strip_prefix("records/")?;
    let (dept, file) = rest.split_once('/')?;
    Some((
        Dept::parse(dept).ok()?,
        parse_year(file.strip_suffix(".toml")?).ok()?,
    ))
}

/// `records/bj-traffic/2023.toml` for people: `bj-traffic/2023`.
pub fn record_name(path: &str) -> String {
    record_of(path)
        .map(|(d, y)| format!("{d}/{y}"))
        .unwrap_or_else(|| path.to_string())
}

/// A field of a record for people: its path, and the rubric's label when the record's
/// rubric declares one (`budget.text「情况说明」`).
fn field_label(repo: &Repo, path: &str, field: &str, label: &str) -> String {
    let declared = record_of(path)
        .and_then(|(d, y)| repo.load(&d, y).ok())
        .and_then(|e| e.rubric.catalogue.label(field).map(str::to_string));
    match declared {
        Some(l) => crate::text::store::named_row(&printable_line(label), &printable_line(&l)),
        None => printable_line(label),
    }
}

fn value(v: &Option<String>) -> String {
    v.as_deref()
        .map(printable_line)
        .unwrap_or_else(|| crate::text::record::NONE.into())
}

fn list(items: &[String]) -> String {
    items
        .iter()
        .map(|i| record_name(i))
        .collect::<Vec<_>>()
        .join(LIST_SEP)
}

/// What a sync did, or why it committed nothing, for people.
pub fn sync_text(repo: &Repo, outcome: &SyncOutcome) -> String {
    match outcome {
        SyncOutcome::Synced(r) => report_text(r),
        SyncOutcome::Conflicts {
            remote,
            branch,
            conflicts,
        } => {
            let mut o = words::conflicts(remote, branch);
            for c in conflicts {
                match c {
                    PathConflict::Fields { path, conflicts } => {
                        o.push_str(&words::record(&record_name(path), path));
                        for f in conflicts {
                            o.push_str(&words::field(
                                &field_label(repo, path, &f.field, &f.label),
                                &value(&f.base),
                                &value(&f.ours),
                                &value(&f.theirs),
                            ));
                        }
                    }
                    PathConflict::File {
                        path,
                        local,
                        remote,
                        ..
                    } => o.push_str(&words::file(&printable_line(path), local, remote)),
                }
            }
            o.push_str(words::HOW_TO_RESOLVE);
            o
        }
    }
}

fn report_text(r: &SyncReport) -> String {
    let mut o = String::new();
    let at = format!("{}/{}", r.remote, r.branch);
    match (&r.merge, r.ahead, r.behind) {
        (Some(m), _, _) => o.push_str(&words::merged(&at, r.behind, r.ahead, &short_rev(m))),
        (None, _, b) if b > 0 || !r.taken.is_empty() => o.push_str(&words::fast_forward(&at, b)),
        _ => {}
    }
    if !r.merged.is_empty() {
        o.push_str(&words::merged_records(&list(&r.merged)));
    }
    if !r.taken.is_empty() {
        o.push_str(&words::taken(&list(&r.taken)));
    }
    if r.pushed {
        o.push_str(&words::pushed(&at));
    }
    if !r.drafts_in.is_empty() {
        o.push_str(&words::drafts_in(&r.drafts_in.join(LIST_SEP)));
    }
    if !r.drafts_out.is_empty() {
        o.push_str(&words::drafts_out(&r.drafts_out.join(LIST_SEP)));
    }
    for d in &r.diverged {
        o.push_str(&words::diverged(
            &printable_line(&d.name),
            &d.local,
            &d.remote,
            &r.remote,
        ));
    }
    if let Some(e) = &r.push_error {
        o.push_str(&words::push_failed(&printable_line(e)));
    }
    if o.is_empty() {
        o.push_str(&words::up_to_date(&at));
    }
    o
}

/// The sync's outcome, for tools.
pub fn sync_json(outcome: &SyncOutcome) -> Value {
    match outcome {
        SyncOutcome::Synced(r) => json!({
            "synced": true,
            "remote": r.remote,
            "branch": r.branch,
            "ahead": r.ahead,
            "behind": r.behind,
            "merge": r.merge,
            "merged": r.merged,
            "taken": r.taken,
            "pushed": r.pushed,
            "drafts_in": r.drafts_in,
            "drafts_out": r.drafts_out,
            "diverged": r.diverged,
            "push_error": r.push_error,
        }),
        SyncOutcome::Conflicts {
            remote,
            branch,
            conflicts,
        } => json!({
            "synced": false,
            "remote": remote,
            "branch": branch,
            "conflicts": conflicts.iter().map(|c| match c {
                PathConflict::Fields { path, conflicts } => json!({
                    "path": path,
                    "fields": conflicts.iter().map(|f| json!({
                        "field": f.field, "label": f.label, "base": f.base,
                        "local": f.ours, "remote": f.theirs,
                    })).collect::<Vec<_>>(),
                }),
                PathConflict::File {
                    path,
                    local,
                    remote,
                    ..
                } => json!({
                    "path": path, "local": local, "remote": remote,
                }),
            }).collect::<Vec<_>>(),
        }),
    }
}
