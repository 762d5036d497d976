//! hokensho-arrow against the core: every member of the conformance corpus and the examples, as string columns
//! and as typed columns, with one date and with a date per row, on one and on several threads.

// Tests, benches and examples may panic: the lint that forbids it is for library and binary code.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::collections::BTreeMap;
use std::sync::Arc;

use arrow_array::builder::{BooleanBuilder, Date32Builder, StringBuilder};
use arrow_array::cast::AsArray;
use arrow_array::types::Int8Type;
use arrow_array::{
    Array, ArrayRef, DictionaryArray, Int64Array, LargeStringArray, RecordBatch, StringArray,
    StringViewArray,
};
use hokensho::{NaiveDate, RuleSet, Summary};
use hokensho_arrow::{Assessor, BatchOptions, Extra};
use serde_json::Value;

mod common;
use common::flatten;

fn root() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn d(s: &str) -> NaiveDate {
    hokensho::parse_date(s).expect("date")
}

/// (member JSON, query date) of every conformance scenario on the default rules, then the examples.
fn corpus() -> Vec<(Value, String)> {
    let mut out = Vec::new();
    let mut files: Vec<_> = std::fs::read_dir(root().join("tests/conformance"))
        .expect("corpus")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    for f in files {
        let doc: Value =
            serde_json::from_str(&std::fs::read_to_string(f).expect("read")).expect("json");
        for s in doc["scenarios"].as_array().expect("scenarios") {
            if !s["member"].is_object() {
                continue;
            }
            out.push((
                s["member"].clone(),
                s["on"].as_str().unwrap_or("2025-12-02").to_owned(),
            ));
        }
    }
    let ex = std::fs::read_to_string(root().join("examples/members.jsonl")).expect("examples");
    for (i, line) in ex.lines().enumerate() {
        let on = ["2025-07-31", "2025-12-02", "2026-04-01", "2027-08-01"][i % 4];
        out.push((serde_json::from_str(line).expect("line"), on.to_owned()));
    }
    out
}

/// The rows as string columns (JSON scalars as their text), in first-seen column order.
fn string_batch(
    rows: &[BTreeMap<String, Value>],
    extra: &[(&str, Vec<Option<String>>)],
) -> RecordBatch {
    let mut names: Vec<String> = Vec::new();
    for r in rows {
        for k in r.keys() {
            if !names.contains(k) {
                names.push(k.clone());
            }
        }
    }
    let mut cols: Vec<(String, ArrayRef)> = names
        .iter()
        .map(|n| {
            let mut b = StringBuilder::new();
            for r in rows {
                match r.get(n) {
                    None | Some(Value::Null) => b.append_null(),
                    Some(Value::String(s)) => b.append_value(s),
                    Some(x) => b.append_value(x.to_string()),
                }
            }
            (n.clone(), Arc::new(b.finish()) as ArrayRef)
        })
        .collect();
    for (n, v) in extra {
        cols.push((
            (*n).to_owned(),
            Arc::new(StringArray::from(v.clone())) as ArrayRef,
        ));
    }
    RecordBatch::try_from_iter(cols).expect("batch")
}

/// What the core says of a member on a date: its summary or its `code: path` errors.
fn core(rules: &RuleSet, m: &Value, on: &str) -> Result<Summary, String> {
    rules
        .parse_member(&m.to_string())
        .and_then(|x| rules.assess(&x, hokensho::parse_date(on)?))
        .map(|a| a.summary())
        .map_err(|e| {
            e.errors()
                .iter()
                .map(|x| format!("{}: {}", x.code, x.path))
                .collect::<Vec<_>>()
                .join("; ")
        })
}

fn opt_str(a: &ArrayRef, i: usize) -> Option<String> {
    if a.is_null(i) {
        return None;
    }
    match a.data_type() {
        arrow_schema::DataType::Dictionary(_, _) => {
            let d = a.as_dictionary::<Int8Type>();
            let k = d.keys().value(i) as usize;
            Some(d.values().as_string::<i32>().value(k).to_owned())
        }
        _ => Some(a.as_string::<i32>().value(i).to_owned()),
    }
}

fn opt_date(a: &ArrayRef, i: usize) -> Option<NaiveDate> {
    let a = a.as_primitive::<arrow_array::types::Date32Type>();
    (!a.is_null(i))
        .then(|| NaiveDate::from_num_days_from_ce_opt(a.value(i) + 719_163).expect("day"))
}

/// Row `i` of an output batch as the core's summary, or its error text.
fn row(out: &RecordBatch, i: usize) -> Result<Summary, String> {
    let c = |n: &str| out.column_by_name(n).expect(n).clone();
    if let Some(e) = opt_str(&c("error"), i) {
        return Err(e);
    }
    let st = |n: &str| {
        opt_str(&c(n), i).map(|s| serde_json::from_value(Value::String(s)).expect("status"))
    };
    let code = |n: &str| opt_str(&c(n), i).map(Value::String);
    let flag = |n: &str| c(n).as_boolean().value(i);
    Ok(Summary {
        id: opt_str(&c("id"), i).unwrap_or_default(),
        covered: flag("covered"),
        legacy_card: st("legacy_card"),
        my_number_card: st("my_number_card"),
        certificate: st("certificate"),
        notice: st("notice"),
        elderly_certificate: st("elderly_certificate"),
        needs_certificate: flag("needs_certificate"),
        needs_reason: code("needs_reason").map(|v| serde_json::from_value(v).expect("reason")),
        needs_from: opt_date(&c("needs_from"), i),
        next_action: code("next_action").map(|v| serde_json::from_value(v).expect("action")),
        next_document: code("next_document").map(|v| serde_json::from_value(v).expect("document")),
        next_from: opt_date(&c("next_from"), i),
        next_until: opt_date(&c("next_until"), i),
        next_event: code("next_event").map(|v| serde_json::from_value(v).expect("event")),
        next_event_on: opt_date(&c("next_event_on"), i),
    })
}

fn rules() -> RuleSet {
    RuleSet::embedded().expect("rules")
}

#[test]
fn string_columns_with_a_date_per_row_equal_the_core() {
    let rules = rules();
    let corpus = corpus();
    let flat: Vec<_> = corpus
        .iter()
        .map(|(m, _)| {
            let mut f = BTreeMap::new();
            flatten(m, "", &mut f);
            f
        })
        .collect();
    let ons: Vec<Option<String>> = corpus.iter().map(|(_, on)| Some(on.clone())).collect();
    let batch = string_batch(&flat, &[("query_date", ons)]);
    for threads in [1, 2, 3] {
        let opts = BatchOptions {
            on_column: Some("query_date".into()),
            threads,
            ..BatchOptions::default()
        };
        let out = Assessor::new(&rules, opts).assess(&batch).expect("assess");
        assert_eq!(out.num_rows(), corpus.len());
        let (mut ok, mut bad) = (0, 0);
        for (i, (m, on)) in corpus.iter().enumerate() {
            let want = core(&rules, m, on);
            let got = row(&out, i);
            match (&want, &got) {
                (Ok(_), _) => {
                    assert_eq!(got, want, "row {i}: {m}");
                    ok += 1;
                }
                // a JSON number or boolean written as text can change the kind of error, never its presence
                (Err(_), Err(_)) => bad += 1,
                (Err(w), Ok(_)) => {
                    // text columns accept more forms than JSON (dates with slashes, "1" for true …)
                    assert!(!w.contains("individual_number"), "row {i}: {w}");
                    bad += 1;
                }
            }
        }
        assert!(ok > 150 && bad > 10, "{ok} ok, {bad} bad");
    }
}

#[test]
fn every_row_keeps_its_place_and_errors_are_the_cores() {
    let rules = rules();
    let good: Value = serde_json::from_str(
        r#"{"id":"A","insurer":"kenpo","role":"insured","birth_date":"1980-05-10","coverage":{"acquired_on":"2010-04-01"},"number_on_file":{"received_on":"2024-05-01"},"legacy_card":{"issued_on":"2019-04-01"}}"#,
    )
    .expect("json");
    let mut recs: Vec<Value> = (0..12).map(|_| good.clone()).collect();
    recs[1]["birth_date"] = "1985-02-30".into();
    recs[2]["insurer"] = "acme".into();
    recs[3].as_object_mut().expect("o").remove("id");
    recs[4]["role"] = "boss".into();
    recs[5]["legacy_card"] = serde_json::json!({"issued_on": "2026-01-01"});
    recs[7]["certificates"] = serde_json::json!([{"basis": "bulk"}]);
    recs[8]["coverage"]["acquired_on"] = "2010.04.01".into();
    recs[9]["birth_date"] = "1800-01-01".into();
    recs[10]["abroad"] = "yes".into();
    recs[11]["note"] = "hello".into();
    recs[6]["id"] = "E-123456789018".into(); // looks like an individual number
    let flat: Vec<_> = recs
        .iter()
        .map(|m| {
            let mut f = BTreeMap::new();
            flatten(m, "", &mut f);
            f
        })
        .collect();
    let batch = string_batch(&flat, &[]);
    let opts = BatchOptions {
        on: Some(d("2025-12-02")),
        ..BatchOptions::default()
    };
    let out = Assessor::new(&rules, opts).assess(&batch).expect("assess");
    let err = |i: usize| opt_str(out.column_by_name("error").expect("error"), i);
    let code = |i: usize| opt_str(out.column_by_name("error_code").expect("code"), i);
    let path = |i: usize| opt_str(out.column_by_name("error_path").expect("path"), i);
    assert_eq!(out.num_rows(), 12);
    assert_eq!(err(0), None);
    assert_eq!(err(1).as_deref(), Some("invalid_date: birth_date"));
    assert_eq!(err(2).as_deref(), Some("unknown_insurer: insurer"));
    assert_eq!(err(3).as_deref(), Some("missing_field: id"));
    assert_eq!(err(4).as_deref(), Some("invalid_value: role"));
    assert!(err(5).is_some_and(|e| e.contains("legacy_issued_after_stop: legacy_card.issued_on")));
    assert_eq!(err(6).as_deref(), Some("individual_number: id"));
    assert_eq!(
        err(7).as_deref(),
        Some("missing_field: certificates.0.issued_on")
    );
    assert_eq!(
        err(8).as_deref(),
        Some("invalid_date: coverage.acquired_on")
    );
    assert_eq!(err(9).as_deref(), Some("invalid_date: birth_date"));
    assert_eq!(err(10).as_deref(), Some("invalid_type: abroad"));
    assert_eq!(err(11).as_deref(), Some("unknown_field: note"));
    assert_eq!(
        (code(1).as_deref(), path(1).as_deref()),
        (Some("invalid_date"), Some("birth_date"))
    );
    assert_eq!(code(0), None);
    // ids stay in place; the individual number is never echoed
    let ids: Vec<Option<String>> = (0..12)
        .map(|i| opt_str(out.column_by_name("id").expect("id"), i))
        .collect();
    for (i, id) in ids.iter().enumerate() {
        match i {
            3 => assert_eq!(*id, None, "no id"),
            6 => assert_eq!(*id, None, "never echoed"),
            // a row refused before or after parsing keeps its id
            _ => assert_eq!(id.as_deref(), Some("A"), "row {i}"),
        }
    }
    for (i, m) in recs.iter().enumerate() {
        if i == 8 {
            continue; // 2010.04.01 is refused by both, as a date
        }
        // the core's code and path, spelled as the columns are (`certificates.0.issued_on`)
        let want = core(&rules, m, "2025-12-02")
            .err()
            .map(|e| hokensho_arrow::members::column_path(&e));
        assert_eq!(err(i), want, "row {i}");
    }
    // ignoring unknown columns
    let opts = BatchOptions {
        on: Some(d("2025-12-02")),
        extra: Extra::Ignore,
        ..BatchOptions::default()
    };
    let out = Assessor::new(&rules, opts).assess(&batch).expect("assess");
    assert!(out.column_by_name("error").expect("e").is_null(11));
}

/// The examples as typed columns: dates as date32, flags as booleans, codes as dictionaries, large strings and
/// string views; the answers equal those from string columns.
#[test]
fn typed_columns_equal_string_columns() {
    let rules = rules();
    let text = std::fs::read_to_string(root().join("examples/members.jsonl")).expect("examples");
    let flat: Vec<BTreeMap<String, Value>> = text
        .lines()
        .map(|l| {
            let mut f = BTreeMap::new();
            flatten(&serde_json::from_str(l).expect("json"), "", &mut f);
            f
        })
        .collect();
    let strings = string_batch(&flat, &[]);
    let schema = strings.schema();
    let mut cols: Vec<(String, ArrayRef)> = Vec::new();
    for (k, (f, a)) in schema.fields().iter().zip(strings.columns()).enumerate() {
        let name = f.name().clone();
        let s = a.as_string::<i32>();
        let typed: ArrayRef =
            if name.ends_with("_on") || name.ends_with("birth_date") || name.ends_with(".on") {
                let mut b = Date32Builder::new();
                for v in s.iter() {
                    b.append_option(v.map(|v| {
                        (d(v) - NaiveDate::from_ymd_opt(1970, 1, 1).expect("epoch")).num_days()
                            as i32
                    }));
                }
                Arc::new(b.finish())
            } else if [
                "abroad",
                "needs_assistance",
                "coverage.voluntary_continuation",
            ]
            .contains(&name.as_str())
            {
                let mut b = BooleanBuilder::new();
                for v in s.iter() {
                    b.append_option(v.map(|v| v == "true"));
                }
                Arc::new(b.finish())
            } else if name.ends_with("last_12_months") || name.ends_with("last_3_months") {
                Arc::new(Int64Array::from(
                    s.iter()
                        .map(|v| v.map(|v| v.parse::<i64>().expect("n")))
                        .collect::<Vec<_>>(),
                ))
            } else {
                match k % 3 {
                    0 => Arc::new(s.iter().collect::<DictionaryArray<Int8Type>>()),
                    1 => Arc::new(s.iter().collect::<LargeStringArray>()),
                    _ => Arc::new(s.iter().collect::<StringViewArray>()),
                }
            };
        cols.push((name, typed));
    }
    let typed = RecordBatch::try_from_iter(cols).expect("typed");
    for on in ["2025-07-31", "2025-12-02", "2027-08-01"] {
        let opts = BatchOptions {
            on: Some(d(on)),
            ..BatchOptions::default()
        };
        let a = Assessor::new(&rules, opts.clone())
            .assess(&strings)
            .expect("a");
        let b = Assessor::new(&rules, opts).assess(&typed).expect("b");
        assert_eq!(a, b);
        for i in 0..a.num_rows() {
            let m: Value = serde_json::from_str(text.lines().nth(i).expect("line")).expect("json");
            assert_eq!(row(&a, i), core(&rules, &m, on), "row {i}");
        }
    }
}

#[test]
fn spreadsheet_forms_of_values() {
    let rules = rules();
    let col = |v: Vec<&str>| Arc::new(StringArray::from(v)) as ArrayRef;
    let batch = RecordBatch::try_from_iter([
        ("id", col(vec!["A ", " B", "C", "D"])),
        ("insurer", col(vec!["kenpo ", "kenpo", "kenpo", "kenpo"])),
        (
            "role",
            col(vec!["insured", " insured", "insured", "insured"]),
        ),
        (
            "birth_date",
            col(vec![
                "昭和55年5月10日",
                "S55.5.10",
                "1980/5/10",
                "1980-05-10 00:00:00",
            ]),
        ),
        ("abroad", col(vec!["いいえ", "FALSE", "0", "False"])),
        (
            "coverage.acquired_on",
            col(vec!["2010/04/01", "H22.4.1", "2010-4-1", "平成22年4月1日"]),
        ),
        (
            "number_on_file.received_on",
            col(vec!["2024-05-01", "2024/5/1", "R6.5.1", "令和6年5月1日"]),
        ),
        (
            "legacy_card.issued_on",
            col(vec![
                "2019/04/01 00:00:00",
                "H31.4.1",
                "2019-04-01",
                "2019/4/1",
            ]),
        ),
        ("legacy_card.expires_on", col(vec!["", " ", "", ""])),
    ])
    .expect("batch");
    let opts = BatchOptions {
        on: Some(d("2025-12-02")),
        ..BatchOptions::default()
    };
    let out = Assessor::new(&rules, opts).assess(&batch).expect("assess");
    let first = row(&out, 0).expect("row 0");
    for i in 1..4 {
        let mut r = row(&out, i).expect("row");
        r.id = first.id.clone();
        assert_eq!(r, first, "row {i}");
    }
    assert_eq!(first.id, "A");
    assert!(first.needs_certificate);
}

#[test]
fn batch_errors_and_empty_batches() {
    let rules = rules();
    let batch =
        RecordBatch::try_from_iter([("id", Arc::new(StringArray::from(vec!["A"])) as ArrayRef)])
            .expect("b");
    let no_date = Assessor::new(&rules, BatchOptions::default()).assess(&batch);
    assert_eq!(no_date.expect_err("no date").errors()[0].path, "on");
    let opts = BatchOptions {
        on_column: Some("day".into()),
        ..BatchOptions::default()
    };
    let e = Assessor::new(&rules, opts)
        .assess(&batch)
        .expect_err("no column");
    assert_eq!(e.errors()[0].code, "missing_column");
    let opts = BatchOptions {
        on: Some(d("2025-12-02")),
        ..BatchOptions::default()
    };
    let out = Assessor::new(&rules, opts.clone())
        .assess(&batch.slice(0, 0))
        .expect("empty");
    assert_eq!(out.num_rows(), 0);
    assert_eq!(out.schema(), hokensho_arrow::output_schema(false));
    // a bad per-row date is that row's error
    let batch = RecordBatch::try_from_iter([
        (
            "id",
            Arc::new(StringArray::from(vec!["A", "B"])) as ArrayRef,
        ),
        (
            "on",
            Arc::new(StringArray::from(vec![Some("R7.13.1"), None])) as ArrayRef,
        ),
    ])
    .expect("b");
    let opts = BatchOptions {
        on_column: Some("on".into()),
        ..BatchOptions::default()
    };
    let out = Assessor::new(&rules, opts).assess(&batch).expect("assess");
    let e = out.column_by_name("error").expect("e");
    // the member is refused first (it has no insurer); the date is checked for members that parse
    assert!(opt_str(e, 0).is_some() && opt_str(e, 1).is_some());
}

#[test]
fn full_answers_as_json() {
    let rules = rules();
    let line = std::fs::read_to_string(root().join("examples/members.jsonl")).expect("ex");
    let first: Value = serde_json::from_str(line.lines().next().expect("l")).expect("j");
    let mut f = BTreeMap::new();
    flatten(&first, "", &mut f);
    let batch = string_batch(&[f], &[]);
    let opts = BatchOptions {
        on: Some(d("2025-12-02")),
        assessment: Some(hokensho::Options::default()),
        ..BatchOptions::default()
    };
    let out = Assessor::new(&rules, opts).assess(&batch).expect("assess");
    let json = opt_str(out.column_by_name("assessment").expect("assessment"), 0).expect("json");
    let want = rules.assess_member_json(
        &first.to_string(),
        d("2025-12-02"),
        hokensho::Options::default(),
    );
    assert_eq!(json, want);
}

#[test]
fn the_committed_schema_file_is_current() {
    let want =
        serde_json::to_string_pretty(&hokensho_arrow::schema::schema_json()).expect("json") + "\n";
    let path = root().join("columnar/schema.json");
    if std::env::var_os("HOKENSHO_WRITE_SCHEMA").is_some() {
        std::fs::write(&path, &want).expect("write");
    }
    let got = std::fs::read_to_string(&path).unwrap_or_default();
    assert_eq!(
        got, want,
        "columnar/schema.json is stale: run with HOKENSHO_WRITE_SCHEMA=1"
    );
}
