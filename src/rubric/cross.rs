//! Checks of the catalogue against the rest of the rubric: rates, open groups, placeholders
//! and columns the catalogue names must be defined there.

use super::Source;
use crate::text::rubric::checks as zh;

/// What the catalogue names that the rest of the rubric does not define: rates watched by
/// `[[explain]]`, open indicators placed by `then = ["indicators:ID"]`, placeholders of
/// templates. As (field, message); empty when sound.
pub fn cross_problems(rubric: &super::Rubric) -> Vec<(String, String)> {
    let cat = &rubric.catalogue;
    let mut out = Vec::new();
    for (i, e) in cat.explains.iter().enumerate() {
        for s in e.value.iter().chain(&e.differs_from) {
            if let Source::Rate(r) = s
                && rubric.rate(r).is_none()
            {
                out.push((format!("explain[{i}].value"), zh::explain_unknown_rate(r)));
            }
            if let Source::Input(n) = s {
                out.push((format!("explain[{i}].value"), zh::explain_input(n)));
            }
        }
    }
    // Checked here, after a built-in rubric's old copy has borrowed today's table.
    if !cat.execution_rows.is_empty() && cat.execution_table.is_none() {
        out.push(("execution_table".into(), zh::EXECUTION_TABLE_MISSING.into()));
    }
    for (i, c) in cat.columns.iter().enumerate() {
        for g in &c.groups {
            if !rubric.node(g).is_some_and(|x| x.def.open) {
                out.push((format!("column[{i}].groups"), zh::column_group_not_open(g)));
            }
        }
    }
    if !cat.columns.is_empty() && !rubric.nodes.iter().any(|n| n.def.open) {
        out.push(("column[0]".into(), zh::COLUMNS_WITHOUT_OPEN.into()));
    }
    let captions = [
        (
            "execution_table.caption",
            cat.execution_table.as_ref().map(|t| &t.caption),
        ),
        (
            "key_task_table.caption",
            cat.key_task_table.as_ref().map(|t| &t.caption),
        ),
    ];
    for (field, caption) in captions {
        for name in caption.map(|c| placeholders(c)).unwrap_or_default() {
            if !known_placeholder(rubric, name) {
                out.push((field.into(), zh::unknown_caption_placeholder(name)));
            }
        }
    }
    for (i, n) in cat.narratives.iter().enumerate() {
        for b in &n.then {
            let Some(id) = b.strip_prefix("indicators:") else {
                continue;
            };
            match rubric.node(id).filter(|x| x.def.open) {
                None => out.push((format!("narrative[{i}].then"), zh::not_open(id))),
                // The table is drawn where the group's rows live: in its own section.
                Some(x) if x.section != n.section() => out.push((
                    format!("narrative[{i}].then"),
                    zh::open_in_other_section(
                        id,
                        x.section.title(),
                        x.section.id(),
                        &n.id,
                        n.section().title(),
                    ),
                )),
                Some(_) => {}
            }
        }
        for name in placeholders(&n.template) {
            if !known_placeholder(rubric, name) {
                out.push((
                    format!("narrative[{i}].template"),
                    zh::unknown_template_placeholder(name),
                ));
            }
        }
    }
    out
}

/// Whether `{name}` is a placeholder the report fills in.
fn known_placeholder(rubric: &super::Rubric, name: &str) -> bool {
    match name.split_once(':') {
        Some(("rate" | "change", id)) => rubric.rate(id).is_some(),
        _ => {
            matches!(name, "year" | "prev_year" | "short")
                || rubric.catalogue.figure(name).is_some()
        }
    }
}

/// The `{…}` placeholders of a template, as written.
pub fn placeholders(template: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else { break };
        out.push(&after[..close]);
        rest = &after[close + 1..];
    }
    out
}
