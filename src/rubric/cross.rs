//! Checks of the catalogue against the rest of the rubric: rates, open groups, placeholders
//! and columns the catalogue names must be defined there.

use super::Source;

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
                out.push((
                    format!("explain[{i}].value"),
                    format!("`rate:{r}` 未由指标体系中的 [[rate]] 定义"),
                ));
            }
            if let Source::Input(n) = s {
                out.push((
                    format!("explain[{i}].value"),
                    format!(
                        "`input:{n}` 只属于一个指标；请监测数字（`field:…`）或比率（`rate:…`）"
                    ),
                ));
            }
        }
    }
    // Checked here, after a built-in rubric's old copy has borrowed today's table.
    if !cat.execution_rows.is_empty() && cat.execution_table.is_none() {
        out.push((
            "execution_table".into(),
            "声明了 [[execution_row]] 却没有 [execution_table]：请写表 2 的 caption（标题，可含 {year}、{short}）及 item、budget、spent、rate 四个列名".into(),
        ));
    }
    for (i, c) in cat.columns.iter().enumerate() {
        for g in &c.groups {
            if !rubric.node(g).is_some_and(|x| x.def.open) {
                out.push((
                    format!("column[{i}].groups"),
                    format!("`{g}` 不是指标体系中的开放指标（open = true）：列只给记录自列的指标"),
                ));
            }
        }
    }
    if !cat.columns.is_empty() && !rubric.nodes.iter().any(|n| n.def.open) {
        out.push((
            "column[0]".into(),
            "指标体系没有开放指标（open = true）：[[column]] 是记录自列指标的列，无处可用".into(),
        ));
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
                out.push((
                    field.into(),
                    format!("`{{{name}}}` 既不是已声明的数字，也不是 {{rate:ID}}、{{year}}、{{prev_year}}、{{short}}"),
                ));
            }
        }
    }
    for (i, n) in cat.narratives.iter().enumerate() {
        for b in &n.then {
            let Some(id) = b.strip_prefix("indicators:") else {
                continue;
            };
            match rubric.node(id).filter(|x| x.def.open) {
                None => out.push((
                    format!("narrative[{i}].then"),
                    format!("`{id}` 不是指标体系中的开放指标（open = true）"),
                )),
                // The table is drawn where the group's rows live: in its own section.
                Some(x) if x.section != n.section() => out.push((
                    format!("narrative[{i}].then"),
                    format!(
                        "开放指标 `{id}` 属于「{}」部分（section = \"{}\"），叙述 `{}` 在「{}」部分：只能放在本部分的开放指标之后",
                        x.section.title(),
                        x.section.id(),
                        n.id,
                        n.section().title()
                    ),
                )),
                Some(_) => {}
            }
        }
        for name in placeholders(&n.template) {
            if !known_placeholder(rubric, name) {
                out.push((
                    format!("narrative[{i}].template"),
                    format!(
                        "`{{{name}}}` 既不是已声明的数字，也不是 {{rate:ID}}、{{change:ID}}、{{year}}、{{prev_year}}、{{short}}"
                    ),
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
