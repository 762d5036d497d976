//! The JSON call/answer API: every call, its envelope, and its errors.

use hokensho::RuleSet;
use serde_json::{json, Value};

fn rules() -> RuleSet {
    RuleSet::embedded().expect("embedded")
}

fn member() -> Value {
    json!({"id": "A-1", "insurer": "kenpo", "role": "insured", "birth_date": "1980-05-10",
           "coverage": {"acquired_on": "2010-04-01"}, "number_on_file": {"received_on": "2024-05-01"},
           "legacy_card": {"issued_on": "2019-04-01"}})
}

fn call(f: impl Fn(&str) -> String, req: Value) -> Value {
    serde_json::from_str(&f(&req.to_string())).expect("envelope is JSON")
}

#[test]
fn assess_call_and_options() {
    let r = rules();
    let full = call(
        |q| r.assess_json(q),
        json!({"member": member(), "on": "2025-12-02"}),
    );
    assert_eq!(full["ok"], true);
    assert_eq!(full["result"]["documents"][0]["status"], "ended");
    assert!(full["result"]["documents"][0]["reason"]["ja"].is_string());
    assert!(!full["result"]["trace"]
        .as_array()
        .expect("trace")
        .is_empty());
    let quiet = call(
        |q| r.assess_json(q),
        json!({"member": member(), "on": "令和7年12月2日", "options": {"messages": false, "trace": false}}),
    );
    assert_eq!(quiet["result"]["on"], "2025-12-02");
    assert!(quiet["result"]["documents"][0]["reason"]
        .get("en")
        .is_none());
    assert_eq!(quiet["result"]["trace"], json!([]));
    // the fast and the slow request paths answer the same (key order differs only in the request)
    let slow = r.assess_json(&format!(r#"{{"on":"2025-12-02","member":{}}}"#, member()));
    let fast = r.assess_json(&json!({"member": member(), "on": "2025-12-02"}).to_string());
    assert_eq!(slow, fast);
}

#[test]
fn request_errors_name_their_field() {
    let r = rules();
    for (req, code, path) in [
        (json!({"member": member()}), "missing_field", "on"),
        (
            json!({"member": member(), "on": "2025-13-01"}),
            "invalid_date",
            "on",
        ),
        (
            json!({"member": member(), "on": "2025-12-01", "extra": 1}),
            "unknown_field",
            "extra",
        ),
        (
            json!({"member": member(), "on": "2025-12-01", "options": {"messages": "yes"}}),
            "invalid_type",
            "options.messages",
        ),
        (json!({"on": "2025-12-01"}), "missing_field", "member"),
        (json!([1]), "invalid_type", ""),
    ] {
        let e = call(|q| r.assess_json(q), req.clone());
        assert_eq!(e["ok"], false, "{req}");
        assert_eq!(e["kind"], "invalid_request", "{req}");
        assert_eq!(
            (
                e["errors"][0]["code"].as_str(),
                e["errors"][0]["path"].as_str()
            ),
            (Some(code), Some(path)),
            "{req}"
        );
    }
    let e: Value = serde_json::from_str(&r.assess_json("{not json")).expect("json");
    assert_eq!(e["errors"][0]["code"], "invalid_json");
}

#[test]
fn assess_many_keeps_rows() {
    let r = rules();
    let bad = json!({"id": "B", "insurer": "nope", "role": "insured", "birth_date": "1980-01-01", "coverage": {"acquired_on": "2000-01-01"}});
    let out = call(
        |q| r.assess_many_json(q),
        json!({"members": [member(), bad, 7, member()], "on": "2025-12-02"}),
    );
    let rows = out["result"].as_array().expect("rows");
    assert_eq!(rows.len(), 4);
    assert_eq!(rows[0]["result"]["id"], "A-1");
    assert_eq!(rows[1]["errors"][0]["code"], "unknown_insurer");
    assert_eq!(rows[2]["errors"][0]["code"], "invalid_type");
    assert_eq!(rows[3]["ok"], true);
    let e = call(
        |q| r.assess_many_json(q),
        json!({"members": 1, "on": "2025-12-02"}),
    );
    assert_eq!(e["errors"][0]["path"], "members");
}

#[test]
fn timeline_call() {
    let r = rules();
    let t = call(
        |q| r.timeline_json(q),
        json!({"member": member(), "from": "2025-11-01", "to": "2026-01-31"}),
    );
    assert_eq!(t["ok"], true);
    let changes = t["result"]["changes"].as_array().expect("changes");
    assert!(changes.iter().any(|c| c["kind"] == "document"
        && c["on"] == "2025-12-02"
        && c["status"] == "ended"
        && c["previous"] == "valid"));
    assert!(changes.iter().any(|c| c["kind"] == "obligation_starts"
        && c["action"] == "dispose"
        && c["on"] == "2025-12-02"));
    assert!(changes.iter().any(|c| c["kind"] == "needs_certificate"
        && c["value"] == true
        && c["on"] == "2025-12-02"));
    assert_eq!(
        t["result"]["spans"][0],
        json!({"document": "legacy_card", "status": "valid", "from": "2025-11-01", "to": "2025-12-01"})
    );
    let e = call(
        |q| r.timeline_json(q),
        json!({"member": member(), "from": "2026-01-31", "to": "2025-11-01"}),
    );
    assert_eq!(
        (
            e["errors"][0]["code"].as_str(),
            e["errors"][0]["path"].as_str()
        ),
        (Some("window_order"), Some("to"))
    );
}

#[test]
fn explain_call() {
    let r = rules();
    let en = call(
        |q| r.explain_json(q),
        json!({"member": member(), "on": "2025-12-02", "lang": "en"}),
    );
    let text = en["result"].as_str().expect("text");
    assert!(
        text.contains("health insurance card (paper): ended"),
        "{text}"
    );
    assert!(
        text.contains("an eligibility certificate is needed from 2025-12-02: no My Number card"),
        "{text}"
    );
    assert!(
        text.contains("003_98e87ddd430de3e8.txt"),
        "sources are cited: {text}"
    );
    let ja = call(
        |q| r.explain_json(q),
        json!({"member": member(), "on": "2025-12-02"}),
    );
    assert!(ja["result"]
        .as_str()
        .expect("text")
        .contains("健康保険証: 使用終了"));
    let e = call(
        |q| r.explain_json(q),
        json!({"member": member(), "on": "2025-12-02", "lang": "fr"}),
    );
    assert_eq!(e["errors"][0]["path"], "lang");
}

#[test]
fn summaries_call() {
    let r = rules();
    let s = call(
        |q| r.summaries_json(q),
        json!({"members": [member(), {"id": 1}], "on": "2025-12-02"}),
    );
    let rows = s["result"].as_array().expect("rows");
    assert_eq!(rows.len(), 2);
    let row = &rows[0]["result"];
    assert_eq!(row["legacy_card"], "ended");
    assert_eq!(row["needs_certificate"], true);
    assert_eq!(row["needs_reason"], "no_card");
    // duties first, earliest deadline first: applying for a certificate (required, open-ended) and disposing
    assert_eq!(row["next_action"], "apply_certificate");
    assert_eq!(rows[1]["ok"], false);
}
