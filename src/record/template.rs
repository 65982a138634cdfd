//! The text of a new, empty record for a rubric: every section present, every input empty,
//! with comments that tell a person what goes where.

use crate::rubric::columns::ColumnKind;
use crate::rubric::{Method, Rubric};
use crate::section::Section;
use crate::text::record::{self as words, template as t};
use std::fmt::Write;

fn quote(s: &str) -> String {
    toml_edit::Value::from(s).to_string()
}

/// The figures and narratives the rubric declares for `section`.
fn declared(out: &mut String, rubric: &Rubric, section: Section) {
    let cat = &rubric.catalogue;
    for n in cat.narratives_in(section) {
        let _ = writeln!(out, "{} = \"\"  # {}", n.key(), n.label);
    }
    for f in cat.figures_in(section) {
        let comment = t::figure(&f.label, &f.unit, f.required);
        let _ = writeln!(out, "{} = \"\"  # {comment}", f.key());
    }
}

/// The head comment on how to write numbers, in the units the rubric's amounts are in.
fn units_note(rubric: &Rubric) -> String {
    let mut units: Vec<&str> = Vec::new();
    for f in rubric.catalogue.figures.iter().filter(|f| f.is_money()) {
        if !units.contains(&f.unit.as_str()) {
            units.push(&f.unit);
        }
    }
    t::numbers(&units)
}

fn texts(out: &mut String, keys: &[(&str, &str)]) {
    for (k, label) in keys {
        let _ = writeln!(out, "{k} = \"\"  # {label}");
    }
}

/// A new record named `name` for `rubric`, as TOML text.
pub fn new_record(rubric: &Rubric, name: &str, year: u16) -> String {
    let mut o = String::new();
    let _ = writeln!(o, "{}", t::title(name, year));
    o.push_str(&units_note(rubric));
    let _ = writeln!(o, "rubric = {}\n", quote(&rubric.name));

    let _ = writeln!(o, "{}\n[overview]", rule(Section::Overview));
    let _ = writeln!(o, "name = {}", quote(name));
    texts(
        &mut o,
        &[
            ("short_name", words::SHORT_NAME),
            ("evaluator", words::EVALUATOR),
            ("report_date", t::REPORT_DATE),
        ],
    );
    let _ = writeln!(o, "duties = []  # {}", t::DUTIES);
    declared(&mut o, rubric, Section::Overview);
    let _ = writeln!(o, "# {}", t::GOALS);

    indicators(&mut o, rubric, Section::Overview);

    for section in [Section::Budget, Section::Targets, Section::Management] {
        let _ = writeln!(o, "\n{}\n[{}]", rule(section), section.id());
        declared(&mut o, rubric, section);
        indicators(&mut o, rubric, section);
    }

    let _ = writeln!(o, "\n{}", rule(Section::Conclusion));
    let _ = writeln!(o, "# {}\n[conclusion]\nproblems = []", t::PROBLEMS);
    let _ = writeln!(o, "\n{}", rule(Section::Recommendations));
    let _ = writeln!(o, "# {}\n[recommendations]\nitems = []", t::RECOMMENDATIONS);
    // Rows the template writes get their ids now (today its tables start empty).
    super::rows::ensure_row_ids(std::path::Path::new("template"), &o).unwrap_or(o)
}

/// The comment line above a section's table.
fn rule(section: Section) -> String {
    t::section_rule(&crate::text::export::section_heading(
        section.numeral(),
        section.title(),
    ))
}

/// What the record lists for the groups the rubric places in `section`: a comment for each
/// open group (the record's own rows), then an inputs table for each of the rubric's leaves.
fn indicators(o: &mut String, rubric: &Rubric, section: Section) {
    for n in rubric
        .nodes
        .iter()
        .filter(|n| n.def.open && n.section == section)
    {
        let levels = match n.def.method.as_ref().and_then(|m| m.levels()) {
            Some(l) => t::levels(&l.levels.iter().map(|x| x.name.as_str()).collect::<Vec<_>>()),
            None => String::new(),
        };
        let _ = writeln!(
            o,
            "# {}",
            t::open_group(
                &t::weighted(&n.def.name, n.weight_label()),
                section.id(),
                &quote(&n.def.id),
                &levels,
                &columns_note(rubric, &n.def.id)
            )
        );
    }
    inputs(o, rubric, section);
}

/// `；另填 columns = { core = true（是否核心指标：true 是 / false 否） }` for the form's own
/// columns of an open group's rows.
fn columns_note(rubric: &Rubric, group: &str) -> String {
    let cols: Vec<String> = rubric
        .catalogue
        .columns_of(group)
        .map(|c| {
            let what = match c.kind {
                ColumnKind::Flag => t::FLAG.to_string(),
                ColumnKind::Text => t::TEXT_COLUMN.to_string(),
                ColumnKind::Number => t::number_column(c.decimals()),
            };
            t::column(&c.id, &c.label, &what)
        })
        .collect();
    t::columns(&cols)
}

fn inputs(o: &mut String, rubric: &Rubric, section: Section) {
    for n in rubric
        .nodes
        .iter()
        .filter(|n| n.is_leaf() && n.section == section)
    {
        let Some(m) = &n.def.method else { continue };
        let mut body = String::new();
        match m {
            Method::Checklist { items, .. } => {
                let _ = writeln!(body, "pass = []  # {}", t::checklist(items.len()));
                for (i, it) in items.iter().enumerate() {
                    let _ = writeln!(body, "#   {}. {it}", i + 1);
                }
            }
            Method::Qualitative { .. } => {
                if let Some(l) = m.levels() {
                    let names: Vec<&str> = l.levels.iter().map(|x| x.name.as_str()).collect();
                    let _ = writeln!(body, "level = \"\"  # {}", t::level_names(&names));
                }
                let _ = writeln!(body, "score = \"\"  # {}", t::SCORE);
                let _ = writeln!(body, "basis = \"\"  # {}", words::BASIS);
            }
            _ => {}
        }
        // The values its rule and the rates read, with the rubric's labels and decimals.
        let index = rubric.nodes.iter().position(|x| x.def.id == n.def.id);
        for input in index.map(|i| rubric.inputs_of(i)).unwrap_or_default() {
            let label = (input.label != input.name).then_some(input.label.as_str());
            let comment = t::input(label, &input.unit, input.decimals);
            let _ = writeln!(body, "{} = \"\"  # {comment}", input.name);
        }
        if !body.is_empty() {
            let _ = writeln!(
                o,
                "\n[{}.inputs.{}]  # {}",
                section.id(),
                n.def.id,
                t::weighted(&n.def.name, crate::num::plain(n.def.weight.0))
            );
            o.push_str(&body);
        }
    }
}
