//! Malformed and extreme records and rubrics: parsing returns Ok or Err, scoring and checking
//! finish, and nothing panics.

mod common;

use common::{seed_record_text, seed_rubric, seed_rubric_text};
use jixiao::record::Record;
use jixiao::rubric::Rubric;
use jixiao::{check, score};
use std::path::Path;

/// Parses, and when that works scores and checks; returns whether it parsed.
fn run(rubric: &Rubric, text: &str) -> bool {
    match Record::parse_for(Path::new("r.toml"), text, &rubric.catalogue) {
        Ok(rec) => {
            let card = score::score(rubric, &rec);
            let findings = check::check(rubric, &rec, &card, Some(2023));
            // Whatever was typed, the grade is one of the rubric's and scores are not negative.
            assert!(rubric.grades.iter().any(|g| g.name == card.grade));
            // A record with missing inputs shows no total and no grade.
            if !card.complete {
                assert_eq!(card.grade_text(), "");
                assert_eq!(card.total_text(), "未完成");
            }
            assert!(
                card.nodes
                    .iter()
                    .all(|n| n.score >= rust_decimal::Decimal::ZERO)
            );
            let _ = jixiao::cli::findings_text(&findings);
            true
        }
        Err(e) => {
            assert!(!e.to_string().is_empty());
            false
        }
    }
}

#[test]
fn truncated_seed_never_panics() {
    let r = seed_rubric();
    let text = seed_record_text();
    let mut parsed = 0;
    let mut refused = 0;
    let cuts: Vec<usize> = text
        .char_indices()
        .map(|(i, _)| i)
        .filter(|i| i % 151 == 0 || (i % 2 == 0 && text[*i..].starts_with('\n')))
        .collect();
    for cut in cuts {
        if run(&r, &text[..cut]) {
            parsed += 1;
        } else {
            refused += 1;
        }
    }
    // Both outcomes occur: cuts between lines parse, cuts inside a string do not.
    assert!(parsed > 30, "{parsed}");
    assert!(refused > 30, "{refused}");
}

/// A tiny deterministic generator (xorshift), so that failures reproduce.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[(self.next() % xs.len() as u64) as usize]
    }
}

const VALUES: &[&str] = &[
    "0",
    "0.00",
    "0.01",
    "-1",
    "1e5",
    "\"\"",
    "\"五千\"",
    "\"12,34.5\"",
    "99999999999999999",
    "\"79228162514264337593543950335\"",
    "\"7922816251426433759354395033.5\"",
    "\"0.0000000001\"",
    "999999999999.99",
    "\"999999999999.99\"",
    "3.5",
    "100.01",
    "true",
    "[true, false]",
    "[]",
    "{ score = 1 }",
    "\"≥0.0000000001起\"",
    "\"79228162514264337593543950起\"",
    "\"≤0起\"",
    "\"2023年13月底\"",
    "\"2099年12月31日\"",
    "\"有效提升\"",
    "\"100%\"",
    "\"1000000000000%\"",
    "\"99999999999999999999999999999999倍\"",
];

#[test]
fn random_field_replacements_never_panic() {
    let r = seed_rubric();
    let text = seed_record_text();
    let lines: Vec<&str> = text.lines().collect();
    // Lines `key = value` outside multi-line strings.
    let fields: Vec<usize> = lines
        .iter()
        .enumerate()
        .filter(|(_, l)| {
            let l = l.trim_start();
            l.contains(" = ")
                && !l.starts_with('#')
                && !l.contains("\"\"\"")
                && l.chars().next().is_some_and(|c| c.is_ascii_lowercase())
        })
        .map(|(i, _)| i)
        .collect();
    assert!(fields.len() > 60);
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut parsed = 0;
    for _ in 0..150 {
        let mut out: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
        for _ in 0..1 + rng.next() % 3 {
            let i = fields[(rng.next() % fields.len() as u64) as usize];
            let key = out[i].split(" = ").next().unwrap_or("").to_string();
            out[i] = format!("{key} = {}", rng.pick(VALUES));
        }
        if run(&r, &(out.join("\n") + "\n")) {
            parsed += 1;
        }
    }
    assert!(parsed > 25, "{parsed}");
}

#[test]
fn extreme_values_in_every_method_never_panic() {
    // Every figure at once: tiny budgets, the largest spending a record accepts.
    let r = seed_rubric();
    let mut text = seed_record_text();
    for (from, to) in [
        ("budget_total = 576431.54 ", "budget_total = 0.01 "),
        ("spent_total = 522383.99 ", "spent_total = 999999999999.99 "),
        ("initial_budget = 525856.03", "initial_budget = 0.01"),
        ("carryover = 42671.95 ", "carryover = 999999999999.99 "),
        ("budget_total_prev = 566065.30", "budget_total_prev = 0.01"),
        ("target = \"≥600起\"", "target = \"≥0.0000000001起\""),
        (
            "actual = \"650起\"",
            "actual = \"7922816251426433759354395033起\"",
        ),
        ("target = \"≥3倍\"", "target = \"≤0.0000000001倍\""),
        (
            "actual = \"3.7倍\"",
            "actual = \"7922816251426433759354395033倍\"",
        ),
    ] {
        assert_eq!(text.matches(from).count(), 1, "{from}");
        text = text.replacen(from, to, 1);
    }
    assert!(run(&r, &text));

    // Rubric parameters at their extremes with every method: the largest a rubric accepts,
    // and beyond it (refused at parse).
    let tiny = "\"0.0000000001\"";
    for big in [
        "\"999999999999.9999999999\"",
        "\"7922816251426433759354395033.5\"",
    ] {
        for method in [
            format!("kind = \"ratio\"\nactual = \"input:v\"\ntarget = {tiny}"),
            format!("kind = \"inverse_ratio\"\nactual = {tiny}\ntarget = \"input:v\""),
            format!(
                "kind = \"per_point\"\nvalue = \"input:v\"\nthreshold = 0\ndirection = \"above\"\ndeduct = {big}\nstep = {tiny}\npartial = \"proportional\""
            ),
            format!(
                "kind = \"year_on_year\"\nvalue = \"input:v\"\nprevious = 0\ndeduct = {big}\nstep = {tiny}"
            ),
            format!(
                "kind = \"threshold_excess\"\nvalue = \"input:v\"\nbenchmark = 0\ndeduct = {big}\nstep = {tiny}"
            ),
            format!("kind = \"linear_to_zero\"\nvalue = \"input:v\"\nk = {big}"),
            format!(
                "kind = \"tiers\"\nvalue = \"input:v\"\ntiers = [{{ from = {big}, score = 1 }}]"
            ),
            format!("kind = \"count_ratio\"\nmet = \"input:v\"\ntotal = {tiny}"),
            format!("kind = \"checklist\"\ndeduct = {big}\nitems = [\"a\"]"),
        ] {
            for weight in ["1", big] {
                let text = format!(
                    "name = \"t\"\ntotal = {weight}\n[[grade]]\nname = \"差\"\nmin = 0\n[[indicator]]\nid = \"g\"\nname = \"g\"\nweight = {weight}\nsection = \"management\"\n[[indicator]]\nid = \"x\"\nparent = \"g\"\nname = \"x\"\nweight = {weight}\n[indicator.method]\n{method}\n"
                );
                let Ok(rubric) = Rubric::parse(Path::new("t.toml"), &text) else {
                    assert!(big.len() > 26, "refused: {text}");
                    continue;
                };
                let _ = rubric.validate();
                for v in [
                    "0",
                    "0.01",
                    "999999999999.99",
                    "\"7922816251426433759354395033.5\"",
                ] {
                    run(
                        &rubric,
                        &format!(
                            "rubric = \"t\"\n[management.inputs.x]\nv = {v}\npass = [false]\noverride = {{ score = {v}, reason = \"r\" }}\n"
                        ),
                    );
                }
            }
        }
    }
}

#[test]
fn truncated_rubric_never_panics() {
    let text = seed_rubric_text();
    let mut ok = 0;
    for (i, _) in text.char_indices().filter(|(i, _)| i % 53 == 0) {
        if let Ok(r) = Rubric::parse(Path::new("r.toml"), &text[..i]) {
            ok += 1;
            let _ = r.validate();
            run(&r, &seed_record_text());
        }
    }
    assert!(ok > 0);
}
