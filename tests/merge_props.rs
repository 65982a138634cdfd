//! Property tests of the three-way merge (`store::merge3`) on random records and random
//! edits on both sides: rows are followed by id, no one-sided change is lost, and every
//! overlapping change is a conflict.

use jixiao::record::doc;
use jixiao::store::merge3;
use proptest::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

const ARRAYS: [&str; 2] = ["targets.indicators", "conclusion.problems"];
const SCALARS: [&str; 3] = ["budget_total", "spent_total", "year_count"];
const TEXTS: [&str; 2] = ["text", "note"];
const ROW_FIELDS: [&str; 3] = ["name", "weight", "text"];

/// A row: its id and its fields as TOML value texts.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Row {
    id: String,
    fields: BTreeMap<String, String>,
}

/// A record as the properties see it: `[budget]` values and two tables of rows.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Model {
    budget: BTreeMap<String, String>,
    arrays: [Vec<Row>; 2],
}

fn quote(s: &str) -> String {
    toml_edit::Value::from(s).to_string()
}

impl Model {
    fn text(&self) -> String {
        let mut s = String::from("# 随机记录\nrubric = \"r\"\n\n[budget]\n");
        for (k, v) in &self.budget {
            s.push_str(&format!("{k} = {v}\n"));
        }
        for (a, rows) in ARRAYS.iter().zip(&self.arrays) {
            for r in rows {
                s.push_str(&format!("\n[[{a}]]\nid = \"{}\"\n", r.id));
                for (k, v) in &r.fields {
                    s.push_str(&format!("{k} = {v}\n"));
                }
            }
        }
        s
    }

    fn parse(text: &str) -> Model {
        let d = doc::parse(Path::new("r.toml"), text).unwrap();
        let budget = d["budget"]
            .as_table()
            .unwrap()
            .iter()
            .map(|(k, v)| (k.to_string(), doc::value_text(v.as_value().unwrap())))
            .collect();
        let arrays = ARRAYS.map(|a| {
            let mut item = d.as_item();
            for k in a.split('.') {
                match item.get(k) {
                    Some(i) => item = i,
                    None => return Vec::new(),
                }
            }
            item.as_array_of_tables()
                .map(|rows| {
                    rows.iter()
                        .map(|t| Row {
                            id: t["id"].as_str().unwrap().to_string(),
                            fields: t
                                .iter()
                                .filter(|(k, _)| *k != "id")
                                .map(|(k, v)| {
                                    (k.to_string(), doc::value_text(v.as_value().unwrap()))
                                })
                                .collect(),
                        })
                        .collect()
                })
                .unwrap_or_default()
        });
        Model { budget, arrays }
    }

    fn row(&self, a: usize, id: &str) -> Option<&Row> {
        self.arrays[a].iter().find(|r| r.id == id)
    }
}

fn chinese() -> impl Strategy<Value = String> {
    let chars: Vec<char> = "预算执行率资金管理规范绩效目标完成情况良好部门整体存在问题，。；"
        .chars()
        .collect();
    prop::collection::vec(prop::sample::select(chars), 0..10)
        .prop_map(|v| v.into_iter().collect::<String>())
}

fn value() -> impl Strategy<Value = String> {
    prop_oneof![
        (0u32..50).prop_map(|n| n.to_string()),
        chinese().prop_map(|s| quote(&s)),
    ]
}

fn row_fields() -> impl Strategy<Value = BTreeMap<String, String>> {
    prop::collection::btree_map(prop::sample::select(ROW_FIELDS.to_vec()), value(), 1..3)
        .prop_map(|m| m.into_iter().map(|(k, v)| (k.to_string(), v)).collect())
}

fn model() -> impl Strategy<Value = Model> {
    (
        prop::collection::vec(value(), 3),
        prop::collection::vec(chinese(), 2),
        prop::collection::vec(row_fields(), 0..5),
        prop::collection::vec(row_fields(), 0..4),
    )
        .prop_map(|(scalars, texts, a, b)| {
            let mut budget = BTreeMap::new();
            for (k, v) in SCALARS.iter().zip(scalars) {
                budget.insert(k.to_string(), v);
            }
            for (k, v) in TEXTS.iter().zip(texts) {
                budget.insert(k.to_string(), quote(&v));
            }
            let rows = |list: Vec<BTreeMap<String, String>>, at: usize| {
                list.into_iter()
                    .enumerate()
                    .map(|(i, fields)| Row {
                        id: format!("{at}{i:07x}"),
                        fields,
                    })
                    .collect()
            };
            Model {
                budget,
                arrays: [rows(a, 0), rows(b, 1)],
            }
        })
}

/// One random edit; indexes are taken modulo the current lengths.
#[derive(Debug, Clone)]
enum Edit {
    Budget(usize, String),
    Narrative(usize, String),
    Field(usize, usize, usize, Option<String>),
    Insert(usize, usize, BTreeMap<String, String>),
    Delete(usize, usize),
    Move(usize, usize, usize),
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (0..SCALARS.len(), value()).prop_map(|(k, v)| Edit::Budget(k, v)),
        (0..TEXTS.len(), chinese()).prop_map(|(k, v)| Edit::Narrative(k, v)),
        (
            0..2usize,
            0..8usize,
            0..ROW_FIELDS.len(),
            prop::option::weighted(0.85, value())
        )
            .prop_map(|(a, r, f, v)| Edit::Field(a, r, f, v)),
        (0..2usize, 0..8usize, row_fields()).prop_map(|(a, at, f)| Edit::Insert(a, at, f)),
        (0..2usize, 0..8usize).prop_map(|(a, r)| Edit::Delete(a, r)),
        (0..2usize, 0..8usize, 0..8usize).prop_map(|(a, r, to)| Edit::Move(a, r, to)),
    ]
}

/// `m` with `edits` applied; new rows get ids starting with `side`.
fn apply(m: &Model, edits: &[Edit], side: char) -> Model {
    let mut m = m.clone();
    for (n, e) in edits.iter().enumerate() {
        match e.clone() {
            Edit::Budget(k, v) => {
                m.budget.insert(SCALARS[k].to_string(), v);
            }
            Edit::Narrative(k, v) => {
                m.budget.insert(TEXTS[k].to_string(), quote(&v));
            }
            Edit::Field(a, r, f, v) => {
                let rows = &mut m.arrays[a];
                if rows.is_empty() {
                    continue;
                }
                let len = rows.len();
                let row = &mut rows[r % len];
                match v {
                    Some(v) => {
                        row.fields.insert(ROW_FIELDS[f].to_string(), v);
                    }
                    // A row keeps at least one field (an empty table is no row to compare).
                    None if row.fields.len() > 1 => {
                        row.fields.remove(ROW_FIELDS[f]);
                    }
                    None => {}
                }
            }
            Edit::Insert(a, at, fields) => {
                let rows = &mut m.arrays[a];
                let at = at % (rows.len() + 1);
                rows.insert(
                    at,
                    Row {
                        id: format!("{side}{a}{n:06x}"),
                        fields,
                    },
                );
            }
            Edit::Delete(a, r) => {
                let rows = &mut m.arrays[a];
                if !rows.is_empty() {
                    let len = rows.len();
                    rows.remove(r % len);
                }
            }
            Edit::Move(a, r, to) => {
                let rows = &mut m.arrays[a];
                if !rows.is_empty() {
                    let len = rows.len();
                    let row = rows.remove(r % len);
                    rows.insert(to % len, row);
                }
            }
        }
    }
    m
}

/// The three-way rule for one value: the merged value, or `None` for a conflict.
fn rule<T: PartialEq + Clone>(b: &T, t: &T, o: &T) -> Option<T> {
    if o == b || t == o {
        Some(t.clone())
    } else if t == b {
        Some(o.clone())
    } else {
        None
    }
}

/// What the merge must give: the expected budget values and rows (by id), and the fields
/// that must be reported as conflicts.
struct Expected {
    budget: BTreeMap<String, Option<String>>,
    rows: [BTreeMap<String, BTreeMap<String, String>>; 2],
    conflicts: BTreeSet<String>,
}

fn expected(b: &Model, t: &Model, o: &Model) -> Expected {
    let mut conflicts = BTreeSet::new();
    let mut budget = BTreeMap::new();
    let keys: BTreeSet<&String> = b.budget.keys().chain(t.budget.keys()).collect();
    for k in keys {
        let v = |m: &Model| m.budget.get(k).cloned();
        match rule(&v(b), &v(t), &v(o)) {
            Some(x) => {
                budget.insert(k.clone(), x);
            }
            None => {
                conflicts.insert(format!("budget.{k}"));
            }
        }
    }
    let rows = [0, 1].map(|a| {
        let mut out = BTreeMap::new();
        let ids: BTreeSet<&String> = [b, t, o]
            .iter()
            .flat_map(|m| m.arrays[a].iter().map(|r| &r.id))
            .collect();
        for id in ids {
            let path = format!("{}[id={id}]", ARRAYS[a]);
            let (rb, rt, ro) = (b.row(a, id), t.row(a, id), o.row(a, id));
            match (rb, rt, ro) {
                (Some(rb), Some(rt), Some(ro)) => {
                    let mut fields = BTreeMap::new();
                    let names: BTreeSet<&String> = rb
                        .fields
                        .keys()
                        .chain(rt.fields.keys())
                        .chain(ro.fields.keys())
                        .collect();
                    for f in names {
                        let v = |r: &Row| r.fields.get(f).cloned();
                        match rule(&v(rb), &v(rt), &v(ro)) {
                            Some(Some(x)) => {
                                fields.insert(f.clone(), x);
                            }
                            Some(None) => {}
                            None => {
                                conflicts.insert(format!("{path}.{f}"));
                            }
                        }
                    }
                    out.insert(id.clone(), fields);
                }
                (Some(rb), Some(r), None) | (Some(rb), None, Some(r)) if r != rb => {
                    conflicts.insert(path);
                }
                (None, Some(r), None) | (None, None, Some(r)) => {
                    out.insert(id.clone(), r.fields.clone());
                }
                _ => {}
            }
        }
        out
    });
    Expected {
        budget,
        rows,
        conflicts,
    }
}

/// Whether `sub`'s ids that are in `result` appear there in `sub`'s order.
fn keeps_order(result: &[Row], sub: &[Row]) -> bool {
    let at: Vec<usize> = sub
        .iter()
        .filter_map(|r| result.iter().position(|x| x.id == r.id))
        .collect();
    at.windows(2).all(|w| w[0] < w[1])
}

fn reordered(base: &[Row], side: &[Row]) -> bool {
    !keeps_order(side, base) || !keeps_order(base, side)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn one_sided_changes_land_on_their_row_and_overlaps_are_conflicts(
        base in model(),
        theirs_edits in prop::collection::vec(edit(), 0..6),
        ours_edits in prop::collection::vec(edit(), 0..6),
    ) {
        let t = apply(&base, &theirs_edits, 'f');
        let o = apply(&base, &ours_edits, 'e');
        let r = merge3(Path::new("r.toml"), &base.text(), &t.text(), &o.text()).unwrap();
        let want = expected(&base, &t, &o);
        let got: BTreeSet<String> = r.conflicts.iter().map(|c| c.field.clone()).collect();
        prop_assert_eq!(&got, &want.conflicts);
        let m = Model::parse(&r.text);
        // Every field the conflicts leave alone is merged right, even when there are some.
        for (k, v) in &want.budget {
            prop_assert_eq!(m.budget.get(k), v.as_ref(), "budget.{}", k);
        }
        for (a, want_rows) in want.rows.iter().enumerate() {
            for (id, fields) in want_rows {
                let row = m.row(a, id);
                prop_assert!(row.is_some(), "row {} lost", id);
                if let Some(row) = row {
                    for (f, v) in fields {
                        let path = format!("{}[id={id}].{f}", ARRAYS[a]);
                        if !want.conflicts.contains(&path) {
                            prop_assert_eq!(row.fields.get(f), Some(v), "{}", path);
                        }
                    }
                }
            }
        }
        if want.conflicts.is_empty() {
            // Nothing lost and nothing extra: exactly the expected rows and values.
            for a in 0..2 {
                let rows: BTreeMap<String, BTreeMap<String, String>> = m.arrays[a]
                    .iter()
                    .map(|r| (r.id.clone(), r.fields.clone()))
                    .collect();
                prop_assert_eq!(&rows, &want.rows[a]);
                // The order follows theirs, or ours when only we moved rows.
                let primary = if !reordered(&base.arrays[a], &t.arrays[a])
                    && reordered(&base.arrays[a], &o.arrays[a])
                {
                    &o.arrays[a]
                } else {
                    &t.arrays[a]
                };
                prop_assert!(keeps_order(&m.arrays[a], primary), "{:?}", m.arrays[a]);
            }
            let budget: BTreeMap<String, Option<String>> =
                m.budget.iter().map(|(k, v)| (k.clone(), Some(v.clone()))).collect();
            prop_assert_eq!(budget, want.budget);
        }
    }

    #[test]
    fn merging_with_an_unchanged_side_gives_the_other_side(
        base in model(),
        edits in prop::collection::vec(edit(), 0..8),
    ) {
        let changed = apply(&base, &edits, 'e');
        let (b, c) = (base.text(), changed.text());
        let r = merge3(Path::new("r.toml"), &b, &c, &b).unwrap();
        prop_assert!(r.conflicts.is_empty());
        prop_assert_eq!(&r.text, &c);
        let r = merge3(Path::new("r.toml"), &b, &b, &c).unwrap();
        prop_assert!(r.conflicts.is_empty());
        prop_assert_eq!(Model::parse(&r.text), changed);
    }
}
