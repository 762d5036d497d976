//! What an analyst acts on: every error of a row named by its column and said in the chosen language, labels in
//! place of codes, the long tables of obligations and events (equal to the core's answers), and a row given
//! back as the member it stands for.

// Tests may panic: the lint that forbids it is for library and binary code.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::collections::BTreeMap;
use std::sync::Arc;

use arrow_array::cast::AsArray;
use arrow_array::types::{Date32Type, Int16Type, Int8Type};
use arrow_array::{Array, ArrayRef, RecordBatch, StringArray};
use hokensho::{Lang, NaiveDate, Options, RuleSet};
use hokensho_arrow::{Assessor, BatchOptions};
use serde_json::{json, Value};

mod common;
use common::flatten;

fn d(s: &str) -> NaiveDate {
    hokensho::parse_date(s).unwrap()
}

fn rules() -> RuleSet {
    RuleSet::embedded().unwrap()
}

/// Members as string columns (first-seen column order).
fn batch_of(members: &[Value]) -> RecordBatch {
    let flat: Vec<BTreeMap<String, Value>> = members
        .iter()
        .map(|m| {
            let mut f = BTreeMap::new();
            flatten(m, "", &mut f);
            f
        })
        .collect();
    let mut names: Vec<String> = Vec::new();
    for r in &flat {
        for k in r.keys() {
            if !names.contains(k) {
                names.push(k.clone());
            }
        }
    }
    let cols: Vec<(String, ArrayRef)> = names
        .iter()
        .map(|n| {
            let v: Vec<Option<String>> = flat
                .iter()
                .map(|r| match r.get(n) {
                    None | Some(Value::Null) => None,
                    Some(Value::String(s)) => Some(s.clone()),
                    Some(x) => Some(x.to_string()),
                })
                .collect();
            (n.clone(), Arc::new(StringArray::from(v)) as ArrayRef)
        })
        .collect();
    RecordBatch::try_from_iter(cols).unwrap()
}

fn text(out: &RecordBatch, col: &str, i: usize) -> Option<String> {
    let a = out.column_by_name(col).unwrap_or_else(|| panic!("{col}"));
    if a.is_null(i) {
        return None;
    }
    Some(match a.data_type() {
        arrow_schema::DataType::Dictionary(k, _) if **k == arrow_schema::DataType::Int16 => {
            let d = a.as_dictionary::<Int16Type>();
            d.values()
                .as_string::<i32>()
                .value(d.keys().value(i) as usize)
                .to_owned()
        }
        arrow_schema::DataType::Dictionary(_, _) => {
            let d = a.as_dictionary::<Int8Type>();
            d.values()
                .as_string::<i32>()
                .value(d.keys().value(i) as usize)
                .to_owned()
        }
        _ => a.as_string::<i32>().value(i).to_owned(),
    })
}

fn date(out: &RecordBatch, col: &str, i: usize) -> Option<String> {
    let a = out
        .column_by_name(col)
        .unwrap()
        .as_primitive::<Date32Type>();
    (!a.is_null(i)).then(|| {
        hokensho::dates::iso(NaiveDate::from_num_days_from_ce_opt(a.value(i) + 719_163).unwrap())
    })
}

fn good() -> Value {
    json!({"id":"A","insurer":"kenpo","role":"insured","birth_date":"1980-05-10",
           "coverage":{"acquired_on":"2010-04-01"},"number_on_file":{"received_on":"2024-05-01"},
           "legacy_card":{"issued_on":"2019-04-01"}})
}

fn examples() -> Vec<Value> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    std::fs::read_to_string(root.join("examples/members.jsonl"))
        .unwrap()
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn every_error_of_a_row_by_its_column_in_the_chosen_language() {
    let rules = rules();
    let mut bad = good();
    bad["birth_date"] = "1985-02-30".into();
    bad["role"] = "boss".into();
    bad["certificates"] =
        json!([{"issued_on": "2025-08-01", "expires_on": "2027/13/01", "basis": "bulk"}]);
    let mut batch = batch_of(&[good(), bad]);
    // a Japanese header the analyst forgot to drop, with a name in it
    let mut cols: Vec<(String, ArrayRef)> = batch
        .schema()
        .fields()
        .iter()
        .zip(batch.columns())
        .map(|(f, c)| (f.name().clone(), c.clone()))
        .collect();
    cols.push((
        "氏名".into(),
        Arc::new(StringArray::from(vec![None, Some("山田 太郎")])),
    ));
    batch = RecordBatch::try_from_iter(cols).unwrap();
    for lang in [Lang::Ja, Lang::En] {
        let opts = BatchOptions {
            on: Some(d("2025-12-02")),
            lang,
            ..BatchOptions::default()
        };
        let out = Assessor::new(&rules, opts).assess(&batch).unwrap();
        assert_eq!(text(&out, "error", 0), None);
        assert_eq!(
            text(&out, "error", 1).as_deref(),
            Some("invalid_value: role; invalid_date: birth_date; invalid_date: certificates.0.expires_on; unknown_field: 氏名")
        );
        assert_eq!(
            text(&out, "error_code", 1).as_deref(),
            Some("invalid_value")
        );
        assert_eq!(text(&out, "error_path", 1).as_deref(), Some("role"));
        let msg = text(&out, "error_message", 1).unwrap();
        assert_eq!(msg.split("; ").count(), 4, "{msg}");
        // what was expected, never the value given
        for value in ["1985-02-30", "boss", "2027/13/01", "山田"] {
            assert!(!msg.contains(value), "{msg}");
        }
        match lang {
            Lang::Ja => {
                assert!(msg.contains("`birth_date` は日付ではありません"), "{msg}");
                assert!(
                    msg.contains("`certificates.0.expires_on` は日付ではありません"),
                    "{msg}"
                );
                assert!(
                    msg.contains("`role` の値は `insured`・`dependent` のいずれかです"),
                    "{msg}"
                );
                assert!(msg.contains("不明な列 `氏名`"), "{msg}");
                assert!(!msg.contains("expected") && !msg.contains("must"), "{msg}");
            }
            Lang::En => {
                assert!(msg.contains("`birth_date` is not a date: expected YYYY-MM-DD, YYYY/MM/DD or an era date"), "{msg}");
                assert!(
                    msg.contains("`role` must be one of `insured`, `dependent`"),
                    "{msg}"
                );
                assert!(msg.contains("unknown column `氏名`"), "{msg}");
                // no Japanese but the column's own name
                let rest = msg.replace("氏名", "");
                assert!(
                    !rest.chars().any(|c| ('\u{3040}'..='\u{9fff}').contains(&c)),
                    "{msg}"
                );
            }
        }
    }
}

#[test]
fn missing_parts_of_documents_and_lists_are_all_named() {
    let rules = rules();
    let mut m = good();
    m["legacy_card"] = json!({"expires_on": "2026-03-31"});
    m["face_changes"] = json!([{"reason": "marriage"}]);
    m.as_object_mut().unwrap().remove("insurer");
    let out = Assessor::new(
        &rules,
        BatchOptions {
            on: Some(d("2025-12-02")),
            ..BatchOptions::default()
        },
    )
    .assess(&batch_of(&[m]))
    .unwrap();
    assert_eq!(
        text(&out, "error", 0).as_deref(),
        Some("missing_field: insurer; missing_field: legacy_card.issued_on; missing_field: face_changes.0.on")
    );
}

#[test]
fn a_row_refused_by_the_core_alone_keeps_the_cores_error_by_column() {
    let rules = rules();
    let mut m = good();
    // a date order the core checks: the certificate expires before it is issued
    m["certificates"] =
        json!([{"issued_on": "2025-08-01", "expires_on": "2025-07-01", "basis": "bulk"}]);
    let out = Assessor::new(
        &rules,
        BatchOptions {
            on: Some(d("2025-12-02")),
            lang: Lang::En,
            ..BatchOptions::default()
        },
    )
    .assess(&batch_of(&[m.clone()]))
    .unwrap();
    let core = rules
        .parse_member(&m.to_string())
        .and_then(|x| rules.assess(&x, d("2025-12-02")))
        .unwrap_err();
    let first = &core.errors()[0];
    assert!(first.path.contains("certificates[0]"), "{first:?}");
    assert_eq!(
        text(&out, "error_path", 0),
        Some(first.path.replace("[0]", ".0"))
    );
    assert_eq!(
        text(&out, "error_message", 0).unwrap().split("; ").next(),
        Some(first.en.replace("[0]", ".0").as_str())
    );
}

#[test]
fn labels_replace_codes_in_the_vocabularys_order() {
    let rules = rules();
    let batch = batch_of(&examples());
    let on = Some(d("2026-08-01"));
    let codes = Assessor::new(
        &rules,
        BatchOptions {
            on,
            ..BatchOptions::default()
        },
    )
    .assess(&batch)
    .unwrap();
    for lang in [Lang::Ja, Lang::En] {
        let labelled = Assessor::new(
            &rules,
            BatchOptions {
                on,
                labels: Some(lang),
                ..BatchOptions::default()
            },
        )
        .assess(&batch)
        .unwrap();
        let mut seen = 0;
        for (col, kind) in [
            ("needs_reason", hokensho::labels::LabelKind::NeedReasons),
            ("next_action", hokensho::labels::LabelKind::Actions),
            ("legacy_card", hokensho::labels::LabelKind::Statuses),
            ("next_document", hokensho::labels::LabelKind::Documents),
            ("next_event", hokensho::labels::LabelKind::Events),
        ] {
            let table = hokensho::labels::labels(kind, lang);
            for i in 0..batch.num_rows() {
                let c = text(&codes, col, i);
                let l = text(&labelled, col, i);
                let want = c
                    .as_deref()
                    .map(|c| table.iter().find(|x| x.code == c).unwrap().label.to_owned());
                assert_eq!(l, want, "{col} row {i}");
                seen += usize::from(c.is_some());
            }
        }
        assert!(seen > 40, "{seen}");
    }
    // a known label
    let ja = Assessor::new(
        &rules,
        BatchOptions {
            on,
            labels: Some(Lang::Ja),
            ..BatchOptions::default()
        },
    )
    .assess(&batch)
    .unwrap();
    let statuses: Vec<Option<String>> = (0..batch.num_rows())
        .map(|i| text(&ja, "legacy_card", i))
        .collect();
    assert!(
        statuses.iter().flatten().any(|s| s == "期限切れ"),
        "{statuses:?}"
    );
}

#[test]
fn the_long_tables_equal_the_cores_obligations_and_events() {
    let rules = rules();
    let members = examples();
    let mut all = members.clone();
    let mut bad = good();
    bad["birth_date"] = "x".into();
    all.insert(3, bad);
    let batch = batch_of(&all);
    for (on, lang, threads) in [
        ("2025-12-02", Lang::Ja, 1),
        ("2026-08-01", Lang::En, 3),
        ("2024-12-01", Lang::Ja, 2),
    ] {
        let opts = BatchOptions {
            on: Some(d(on)),
            lang,
            threads,
            ..BatchOptions::default()
        };
        let a = Assessor::new(&rules, opts);
        let obl = a.obligations(&batch).unwrap();
        let until = d("2027-12-31");
        let evt = a.events(&batch, Some(until)).unwrap();
        let (mut k, mut e) = (0, 0);
        for (row, m) in all.iter().enumerate() {
            let answer = rules.parse_member(&m.to_string()).and_then(|x| {
                rules.assess_with(
                    &x,
                    d(on),
                    Options {
                        messages: true,
                        trace: false,
                        rules_as_of: None,
                    },
                )
            });
            let Ok(answer) = answer else {
                // the bad row: one line in each table, with its error
                for t in [&obl, &evt] {
                    let i = (0..t.num_rows())
                        .find(|&i| {
                            t.column_by_name("row")
                                .unwrap()
                                .as_primitive::<arrow_array::types::Int64Type>()
                                .value(i)
                                == row as i64
                        })
                        .unwrap();
                    assert_eq!(
                        text(t, "error", i).as_deref(),
                        Some("invalid_date: birth_date")
                    );
                    assert_eq!(text(t, "id", i).as_deref(), Some("A"));
                }
                k += 1;
                e += 1;
                continue;
            };
            for o in &answer.obligations {
                assert_eq!(
                    obl.column_by_name("row")
                        .unwrap()
                        .as_primitive::<arrow_array::types::Int64Type>()
                        .value(k),
                    row as i64
                );
                assert_eq!(text(&obl, "id", k).as_deref(), Some(answer.id.as_str()));
                assert_eq!(
                    text(&obl, "action", k).as_deref(),
                    Some(hokensho::Vocab::as_str(o.action))
                );
                assert_eq!(
                    text(&obl, "document", k).as_deref(),
                    Some(hokensho::Vocab::as_str(o.document))
                );
                assert_eq!(
                    text(&obl, "actor", k).as_deref(),
                    Some(hokensho::Vocab::as_str(o.actor))
                );
                assert_eq!(date(&obl, "from", k), o.from.map(hokensho::dates::iso));
                assert_eq!(date(&obl, "until", k), o.until.map(hokensho::dates::iso));
                assert_eq!(text(&obl, "rule", k).as_deref(), Some(o.rule.as_str()));
                let want = match lang {
                    Lang::Ja => o.ja.clone(),
                    Lang::En => o.en.clone(),
                };
                assert_eq!(text(&obl, "text", k), want);
                assert!(text(&obl, "text", k).is_some());
                k += 1;
            }
            for u in answer.upcoming.iter().filter(|u| u.on <= until) {
                assert_eq!(date(&evt, "on", e), Some(hokensho::dates::iso(u.on)));
                assert_eq!(
                    text(&evt, "event", e).as_deref(),
                    Some(hokensho::Vocab::as_str(u.event))
                );
                assert_eq!(text(&evt, "rule", e).as_deref(), Some(u.rule.as_str()));
                e += 1;
            }
        }
        assert_eq!(obl.num_rows(), k);
        assert_eq!(evt.num_rows(), e);
        assert!(k > 10, "{on}: {k} obligations");
        assert!(e > 10, "{on}: {e} events");
    }
}

#[test]
fn a_row_comes_back_as_the_member_it_stands_for() {
    let rules = rules();
    let mut bad = good();
    bad["birth_date"] = "S55.5.10".into();
    bad["abroad"] = "maybe".into();
    let batch = batch_of(&[good(), bad]);
    let a = Assessor::new(&rules, BatchOptions::default());
    let v = a.member_values(&batch);
    assert_eq!(v.len(), 2);
    assert_eq!(v[0], good());
    // the era date converts; the bad flag stays as given, for the core to name
    assert_eq!(v[1]["birth_date"], "1980-05-10");
    assert_eq!(v[1]["abroad"], "maybe");
    assert_eq!(v[1]["coverage"]["acquired_on"], "2010-04-01");
    let e = rules.parse_member(&v[1].to_string()).unwrap_err();
    assert_eq!(e.errors()[0].path, "abroad");
}
