//! Valid JSON that is absurd never hangs or exhausts memory (issue 10): each case gets a clear error naming the
//! field path, in English and Japanese, through every path a member takes (a JSON Lines line, the API's fast
//! request path, its value path), or an answer within bounds. The limits are in `hokensho::limits` and the
//! README's "Limits" section.

// Tests and benches may panic: the lint that forbids it is for library and binary code.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::time::{Duration, Instant};

use hokensho::limits::{MAX_CERTIFICATES, MAX_DEPTH, MAX_FACE_CHANGES, MAX_TEXT_BYTES};
use hokensho::{parse_date, Error, RuleSet};
use serde_json::{json, Value};

fn rules() -> RuleSet {
    RuleSet::embedded().expect("embedded")
}

fn member() -> Value {
    json!({"id": "L-1", "insurer": "kenpo", "role": "insured", "birth_date": "1980-05-10",
           "coverage": {"acquired_on": "2010-04-01"}, "number_on_file": {"received_on": "2024-05-01"},
           "legacy_card": {"issued_on": "2019-04-01"}})
}

fn errors(e: Error) -> Vec<(String, String, String, String)> {
    e.errors()
        .iter()
        .map(|f| (f.code.clone(), f.path.clone(), f.en.clone(), f.ja.clone()))
        .collect()
}

/// The member refused on its own (a JSON Lines line) and inside the assess and assess_many requests, with the
/// same code and path every time; returns the error of the first.
fn refused(m: &Value, code: &str, path: &str) -> (String, String) {
    let r = rules();
    let started = Instant::now();
    let text = m.to_string();
    let errs = errors(r.parse_member(&text).expect_err("refused"));
    assert_eq!(errs.len(), 1, "{errs:?}");
    let (c, p, en, ja) = errs[0].clone();
    assert_eq!((c.as_str(), p.as_str()), (code, path));
    // the fast request path (members as raw text) and the value path (an unknown-free but reordered request)
    for req in [
        json!({"member": m, "on": "2025-12-02"}).to_string(),
        format!(r#"{{"on": "2025-12-02", "member": {text}, "options": null}}"#),
    ] {
        let v: Value = serde_json::from_str(&r.assess_json(&req)).expect("envelope");
        assert_eq!(v["ok"], false);
        assert_eq!(v["kind"], "invalid_member");
        assert_eq!(v["errors"][0]["code"], code);
        assert_eq!(v["errors"][0]["path"], path);
    }
    let many = json!({"members": [m, member()], "on": "2025-12-02"}).to_string();
    let v: Value = serde_json::from_str(&r.assess_many_json(&many)).expect("envelope");
    assert_eq!(v["result"][0]["errors"][0]["code"], code);
    assert_eq!(
        v["result"][1]["ok"], true,
        "the next member is still answered"
    );
    assert!(
        started.elapsed() < Duration::from_secs(60),
        "refused within bounds"
    );
    (en, ja)
}

#[test]
fn one_hundred_thousand_certificates_are_refused() {
    let mut m = member();
    let cert = json!({"issued_on": "2025-11-14", "basis": "bulk"});
    m["certificates"] = Value::Array(vec![cert; 100_000]);
    let (en, ja) = refused(&m, "too_many", "certificates");
    assert_eq!(
        en,
        format!("`certificates` has more than {MAX_CERTIFICATES} entries")
    );
    assert_eq!(
        ja,
        format!("`certificates` の要素が{MAX_CERTIFICATES}件を超えています")
    );
}

#[test]
fn a_face_change_every_day_for_fifty_years_is_refused() {
    let mut m = member();
    let mut day = parse_date("1975-01-01").expect("date");
    let mut changes = Vec::new();
    for _ in 0..(365 * 50 + 13) {
        changes.push(json!({"on": hokensho::dates::iso(day), "reason": "other"}));
        day = hokensho::dates::next_day(day);
    }
    assert_eq!(hokensho::dates::iso(day), "2025-01-01");
    m["face_changes"] = Value::Array(changes);
    let (en, ja) = refused(&m, "too_many", "face_changes");
    assert_eq!(
        en,
        format!("`face_changes` has more than {MAX_FACE_CHANGES} entries")
    );
    assert!(ja.contains("face_changes") && ja.contains(&MAX_FACE_CHANGES.to_string()));
}

#[test]
fn a_ten_megabyte_string_is_refused_without_repeating_it() {
    let mut m = member();
    m["id"] = Value::String("x".repeat(10 * 1024 * 1024));
    let (en, ja) = refused(&m, "too_long", "id");
    assert_eq!(en, format!("`id` is longer than {MAX_TEXT_BYTES} bytes"));
    assert_eq!(ja, format!("`id` が{MAX_TEXT_BYTES}バイトを超えています"));
    // in another text field, and in a date field (which is not a date)
    let r = rules();
    for (field, code) in [("insurer", "too_long"), ("birth_date", "invalid_date")] {
        let mut m = member();
        m[field] = Value::String("k".repeat(10 * 1024 * 1024));
        let errs = errors(r.parse_member(&m.to_string()).expect_err("refused"));
        assert_eq!((errs[0].0.as_str(), errs[0].1.as_str()), (code, field));
    }
}

#[test]
fn ten_thousand_deep_nesting_is_refused() {
    let r = rules();
    let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
    let mut text = member().to_string();
    text.insert_str(1, &format!(r#""nickname": {deep}, "#));
    let errs = errors(r.parse_member(&text).expect_err("refused"));
    assert_eq!(errs.len(), 1);
    let (code, path, en, ja) = &errs[0];
    assert_eq!((code.as_str(), path.as_str()), ("too_deep", ""));
    assert_eq!(
        en,
        &format!("the input nests arrays and objects deeper than {MAX_DEPTH} levels")
    );
    assert_eq!(
        ja,
        &format!("入力の配列・オブジェクトの入れ子が{MAX_DEPTH}段を超えています")
    );
    // as a whole request, and as the request's member, on every call
    for req in [
        deep.clone(),
        format!(r#"{{"member": {text}, "on": "2025-12-02"}}"#),
        format!(r#"{{"members": [{text}], "on": "2025-12-02"}}"#),
    ] {
        for out in [
            r.assess_json(&req),
            r.timeline_json(&req),
            r.explain_json(&req),
        ] {
            let v: Value = serde_json::from_str(&out).expect("envelope");
            assert_eq!(v["ok"], false);
            assert_eq!(v["errors"][0]["code"], "too_deep", "{out}");
        }
        for out in [r.assess_many_json(&req), r.summaries_json(&req)] {
            let v: Value = serde_json::from_str(&out).expect("envelope");
            let err = if v["ok"] == true {
                v["result"][0]["errors"][0].clone()
            } else {
                v["errors"][0].clone()
            };
            assert_eq!(err["code"], "too_deep", "{out}");
        }
    }
    // objects nest the same way
    let objects = format!("{}{}", r#"{"a":"#.repeat(10_000), "}".repeat(10_000));
    let v: Value = serde_json::from_str(&r.assess_json(&objects)).expect("envelope");
    assert_eq!(v["errors"][0]["code"], "too_deep");
}

const BASES: [&str; 3] = ["bulk", "application", "temporary"];

#[test]
fn a_member_at_every_limit_is_answered_within_bounds() {
    let r = rules();
    let mut m = member();
    m["id"] = Value::String("i".repeat(MAX_TEXT_BYTES));
    m["certificates"] = Value::Array(
        (0..MAX_CERTIFICATES)
            .map(|i| {
                json!({"issued_on": format!("2025-{:02}-{:02}", 1 + i % 12, 1 + i % 28),
                       "expires_on": "2030-01-01", "basis": BASES[i % 3]})
            })
            .collect(),
    );
    let mut day = parse_date("2010-04-02").expect("date");
    let mut changes = Vec::new();
    for _ in 0..MAX_FACE_CHANGES {
        changes.push(json!({"on": hokensho::dates::iso(day), "reason": "marriage"}));
        day = hokensho::dates::add_days(day, 5);
    }
    m["face_changes"] = Value::Array(changes);
    let started = Instant::now();
    let member = r.parse_member(&m.to_string()).expect("within the limits");
    let a = r
        .assess(&member, parse_date("2025-12-02").expect("date"))
        .expect("assessed");
    assert_eq!(a.id, "i".repeat(MAX_TEXT_BYTES));
    let t = r
        .timeline(
            &member,
            parse_date("1980-05-10").expect("date"),
            parse_date("2030-05-09").expect("date"),
        )
        .expect("timeline");
    assert!(!t.changes.is_empty());
    assert!(
        started.elapsed() < Duration::from_secs(60),
        "took {:?}",
        started.elapsed()
    );
}
