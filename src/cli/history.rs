//! `commit`, `log`, `diff`, `draft`, `drafts` and `blame` on the command line. What they
//! print is in [`crate::report::history`], shared with the editor's review screens.

pub use crate::report::history::*;

use crate::num;
use crate::report::rubric_notes;
use crate::text::printable_line as line;
use serde_json::json;

/// Runs `commit`, `log`, `diff`, `draft`, `drafts` and `blame`.
pub(super) fn run(repo: &crate::repo::Repo, command: super::Command) -> anyhow::Result<i32> {
    use super::{Command, json_out, out, target};
    use crate::store;
    let st = Style {
        colour: colour_wanted(),
    };
    match command {
        Command::Commit {
            dept,
            year,
            message,
            json,
        } => {
            let (dept, year) = target(&dept, &year)?;
            commit(repo, &dept, year, &message, json)
        }
        Command::Log {
            dept,
            year,
            rescore,
            rubric_now,
            json,
        } => {
            let (dept, year) = target(&dept, &year)?;
            let opts = store::LogOptions {
                rescore,
                rubric_now,
            };
            let revs = store::log_opts(repo, &dept, year, opts)?;
            if json {
                json_out(&log_json(&revs))?;
            } else {
                out(&log_text(&revs, st))?;
            }
            Ok(0)
        }
        Command::Diff {
            dept,
            year,
            a,
            b,
            rubric_now,
            json,
        } => {
            let (dept, year) = target(&dept, &year)?;
            let d = store::diff_with(repo, &dept, year, a.as_deref(), b.as_deref(), rubric_now)?;
            if json {
                json_out(&diff_json(&d))?;
            } else {
                out(&diff_text(&d, st))?;
            }
            Ok(0)
        }
        Command::Draft {
            dept,
            year,
            name,
            rev,
            json,
        } => {
            let (dept, year) = target(&dept, &year)?;
            let id = store::draft(repo, &dept, year, &name, rev.as_deref())?;
            if json {
                json_out(&json!({"name": name, "rev": id}))?;
            } else {
                out(&format!(
                    "{dept}/{year} {name} → {}\n",
                    &id[..7.min(id.len())]
                ))?;
            }
            Ok(0)
        }
        Command::Drafts { dept, year, json } => {
            let (dept, year) = target(&dept, &year)?;
            let d = store::drafts(repo, &dept, year)?;
            if json {
                json_out(&drafts_json(&d))?;
            } else {
                out(&drafts_text(&d, st))?;
            }
            Ok(0)
        }
        Command::Blame { dept, year, json } => {
            let (dept, year) = target(&dept, &year)?;
            let rows = store::blame(repo, &dept, year)?;
            if json {
                json_out(&blame_json(&rows))?;
            } else {
                out(&blame_text(&rows, st))?;
            }
            Ok(0)
        }
        _ => Ok(2),
    }
}

fn commit(
    repo: &crate::repo::Repo,
    dept: &crate::repo::Dept,
    year: u16,
    message: &str,
    json: bool,
) -> anyhow::Result<i32> {
    use super::{json_out, out};
    use crate::finding::Severity;
    use crate::store::{self, CheckedOutcome, SaveOutcome, SaveRequest};
    crate::text::check_allowed(crate::text::cli::COMMIT_MESSAGE, message)?;
    // One open repository for the whole command: the index is read (and hashed) once.
    let st = store::Store::open(repo)?;
    // The base first, then the file: the base is what the file was edited from.
    let copy = st.working_copy(dept, year)?;
    let path = repo.record_path(dept, year);
    let Some(text) = copy.text else {
        return Err(crate::Error::NoRecord {
            dept: dept.to_string(),
            year: year.to_string(),
            path,
        }
        .into());
    };
    // A record still being filled in is saved like any draft: only errors in what is there
    // (a score above its weight, sums that do not add up) refuse a commit, not missing inputs.
    let blocking = |f: &crate::finding::Finding| {
        f.severity == Severity::Error && f.code != crate::check::MISSING_INPUT
    };
    let checked = st.save_checked(
        &SaveRequest {
            dept,
            year,
            text: &text,
            base: copy.base,
            file_base: Some(&text),
            summary: message,
        },
        |findings| findings.iter().any(blocking),
    )?;
    let findings = checked.findings;
    let warnings: Vec<_> = findings.iter().filter(|f| !blocking(f)).cloned().collect();
    let outcome = match checked.outcome {
        CheckedOutcome::Refused => {
            if json {
                let mut v = super::findings_json(&findings);
                v["committed"] = json!(false);
                json_out(&v)?;
            } else {
                out(&super::findings_text(&findings))?;
                out(crate::text::cli::COMMIT_REFUSED)?;
            }
            return Ok(1);
        }
        CheckedOutcome::Unchanged => {
            if json {
                json_out(&json!({"committed": false, "reason": "unchanged"}))?;
            } else {
                out(&crate::text::cli::nothing_to_commit(
                    &checked.evaluation.path,
                ))?;
            }
            return Ok(0);
        }
        CheckedOutcome::Saved(o) => o,
    };
    let rubric_name = checked.evaluation.record.rubric.clone();
    match outcome {
        SaveOutcome::Committed {
            rev,
            old_total,
            new_total,
            grade,
            merged,
            working_file,
        } => {
            let rubric_warning = rubric_notes::uncommitted_rubric(&st, &rev, &rubric_name);
            if json {
                let mut v = json!({
                    "committed": true, "rev": rev, "old_total": opt(old_total),
                    "new_total": num::fixed2(new_total), "grade": grade, "merged": merged,
                    "working_file": working_file_word(&working_file),
                });
                v["warnings"] = super::findings_json(&warnings)["findings"].clone();
                v["rubric_warning"] = json!(rubric_warning);
                json_out(&v)?;
            } else {
                let mut o = crate::text::cli::committed(
                    &rev[..7.min(rev.len())],
                    &line(message.lines().next().unwrap_or_default()),
                    &old_total.map(num::fixed2).unwrap_or_else(|| "—".into()),
                    &num::fixed2(new_total),
                    &grade,
                    merged,
                );
                if let Some(note) = working_file_note(&working_file, &path) {
                    o.push_str(&note);
                }
                if !warnings.is_empty() {
                    o.push_str(&super::findings_text(&warnings));
                }
                if let Some(w) = rubric_warning {
                    o.push_str(&format!("{w}\n"));
                }
                out(&o)?;
            }
            Ok(0)
        }
        SaveOutcome::Conflicts { conflicts, kept } => {
            if json {
                json_out(&conflicts_json(&conflicts, &kept))?;
            } else {
                out(&conflicts_text(&conflicts, &kept))?;
            }
            Ok(1)
        }
    }
}

/// The working file's state after a save, as one word for `--json`.
fn working_file_word(w: &crate::store::WorkingFile) -> &'static str {
    use crate::store::WorkingFile;
    match w {
        WorkingFile::Updated => "updated",
        WorkingFile::Merged => "merged",
        WorkingFile::Kept => "kept",
    }
}

/// What a person must know about the working file after a save, if anything.
pub(crate) fn working_file_note(
    w: &crate::store::WorkingFile,
    path: &std::path::Path,
) -> Option<String> {
    use crate::store::WorkingFile;
    match w {
        WorkingFile::Updated => None,
        WorkingFile::Merged => Some(crate::text::cli::working_file_merged(path)),
        WorkingFile::Kept => Some(crate::text::cli::working_file_kept(path)),
    }
}
