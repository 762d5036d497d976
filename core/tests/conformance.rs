//! The Rust runner of the shared conformance corpus (`tests/conformance/*.json`, see its README).

// Tests and benches may panic: the lint that forbids it is for library and binary code.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::collections::BTreeSet;

use hokensho::{RuleId, RuleSet};
use serde_json::{json, Value};

fn corpus() -> Vec<(String, Value)> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/conformance");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .expect("corpus dir")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    let mut out = Vec::new();
    for f in files {
        let text = std::fs::read_to_string(&f).expect("read");
        let v: Value =
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", f.display()));
        let name = f
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        for s in v["scenarios"]
            .as_array()
            .unwrap_or_else(|| panic!("{name}: no `scenarios` array"))
        {
            out.push((name.clone(), s.clone()));
        }
    }
    out
}

/// `expected` is a subset of `actual`: objects by key, everything else equal.
fn subset(actual: &Value, expected: &Value) -> bool {
    match (actual, expected) {
        (Value::Object(a), Value::Object(e)) => e
            .iter()
            .all(|(k, ev)| subset(a.get(k).unwrap_or(&Value::Null), ev)),
        (a, e) => a == e,
    }
}

fn doc_key(d: &Value) -> String {
    match d.get("index").and_then(Value::as_u64) {
        Some(i) => format!("{}#{i}", d["document"].as_str().unwrap_or("")),
        None => d["document"].as_str().unwrap_or("").to_owned(),
    }
}

fn set_of(v: &Value) -> BTreeSet<String> {
    v.as_array()
        .map(|a| a.iter().map(|x| x.to_string()).collect())
        .unwrap_or_default()
}

/// Checks one scenario; returns the list of mismatches.
fn check(rules: &RuleSet, s: &Value) -> Vec<String> {
    let mut req = json!({"member": s["member"], "on": s["on"]});
    if let Some(k) = s.get("rules_as_of") {
        req["rules_as_of"] = k.clone();
    }
    let req = req.to_string();
    let out = rules.assess_json(&req);
    let env: Value = serde_json::from_str(&out).expect("envelope is JSON");
    let e = &s["expect"];
    let mut bad = Vec::new();
    if let Some(err) = e.get("error") {
        if env["ok"] != json!(false) {
            bad.push(format!("expected an error {err}, got ok"));
        } else if !env["errors"]
            .as_array()
            .is_some_and(|a| a.iter().any(|x| subset(x, err)))
        {
            bad.push(format!("expected error {err}, got {}", env["errors"]));
        }
        if let Some(secret) = e.get("not_echoed").and_then(Value::as_str) {
            if out.contains(secret) {
                bad.push(format!("the answer echoes `{secret}`"));
            }
        }
        return bad;
    }
    if env["ok"] != json!(true) {
        return vec![format!("expected ok, got {}", env["errors"])];
    }
    let a = &env["result"];
    for k in ["covered", "age", "rules_as_of"] {
        if let Some(x) = e.get(k) {
            if &a[k] != x {
                bad.push(format!("{k}: expected {x}, got {}", a[k]));
            }
        }
    }
    let docs = a["documents"].as_array().cloned().unwrap_or_default();
    for (field, pick) in [
        ("documents", "status"),
        ("reasons", "code"),
        ("valid_through", "valid_through"),
        ("reason_rules", "rule"),
    ] {
        if let Some(m) = e.get(field).and_then(Value::as_object) {
            for (key, want) in m {
                match docs.iter().find(|d| doc_key(d) == *key) {
                    None => bad.push(format!("{field}: no document `{key}` in the answer")),
                    Some(d) => {
                        let got = if pick == "code" || pick == "rule" {
                            &d["reason"][pick]
                        } else {
                            &d[pick]
                        };
                        if got != want {
                            bad.push(format!("{field}.{key}: expected {want}, got {got}"));
                        }
                    }
                }
            }
        }
    }
    if let Some(n) = e.get("needs_certificate") {
        if !subset(&a["needs_certificate"], n) {
            bad.push(format!(
                "needs_certificate: expected {n}, got {}",
                a["needs_certificate"]
            ));
        }
    }
    for k in ["options", "if_online_check_fails", "provisional"] {
        if let Some(x) = e.get(k) {
            if set_of(&a["care"][k]) != set_of(x) {
                bad.push(format!("care.{k}: expected {x}, got {}", a["care"][k]));
            }
        }
    }
    for (k, list, present) in [
        ("obligations", "obligations", true),
        ("no_obligations", "obligations", false),
        ("upcoming", "upcoming", true),
        ("no_upcoming", "upcoming", false),
    ] {
        for want in e
            .get(k)
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default()
        {
            let found = a[list]
                .as_array()
                .is_some_and(|l| l.iter().any(|x| subset(x, &want)));
            if found != present {
                bad.push(format!(
                    "{k}: {want} {} in {}",
                    if present { "missing" } else { "present" },
                    a[list]
                ));
            }
        }
    }
    let codes: BTreeSet<String> = a["warnings"]
        .as_array()
        .map(|w| {
            w.iter()
                .filter_map(|x| x["code"].as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default();
    for (k, present) in [("warnings", true), ("no_warnings", false)] {
        for w in e
            .get(k)
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default()
        {
            if codes.contains(w.as_str().unwrap_or("")) != present {
                bad.push(format!(
                    "{k}: {w} {} in {codes:?}",
                    if present { "missing" } else { "present" }
                ));
            }
        }
    }
    let traced: BTreeSet<&str> = a["trace"]
        .as_array()
        .map(|t| t.iter().filter_map(|x| x["rule"].as_str()).collect())
        .unwrap_or_default();
    let reasons: BTreeSet<&str> = docs
        .iter()
        .filter_map(|d| d["reason"]["rule"].as_str())
        .collect();
    if let Some(want) = e.get("full_payment").and_then(Value::as_bool) {
        let got = a["care"].get("full_payment").is_some_and(|f| !f.is_null());
        if got != want {
            bad.push(format!("full_payment: expected {want}, got {got}"));
        }
    }
    for r in e
        .get("trace_rules")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default()
    {
        if !traced.contains(r.as_str().unwrap_or("")) {
            bad.push(format!("trace_rules: {r} not in the trace"));
        }
    }
    for r in s["rules"].as_array().cloned().unwrap_or_default() {
        let r = r.as_str().unwrap_or("");
        if !traced.contains(r) && !reasons.contains(r) {
            bad.push(format!("tagged rule `{r}` decided nothing in this answer"));
        }
    }
    bad
}

#[test]
fn conformance_corpus() {
    let rules = RuleSet::embedded().expect("embedded rules");
    let corpus = corpus();
    let mut failures = Vec::new();
    let mut tagged: BTreeSet<String> = BTreeSet::new();
    let mut names = BTreeSet::new();
    for (file, s) in &corpus {
        let name = s["name"].as_str().unwrap_or("?").to_owned();
        assert!(
            names.insert(name.clone()),
            "duplicate scenario name `{name}`"
        );
        for r in s["rules"].as_array().cloned().unwrap_or_default() {
            let id = r.as_str().unwrap_or("").to_owned();
            assert!(
                RuleId::ALL.iter().any(|x| x.as_str() == id),
                "{file}: `{name}` tags unknown rule `{id}`"
            );
            tagged.insert(id);
        }
        for b in check(&rules, s) {
            failures.push(format!("{file}: {name}: {b}"));
        }
    }
    let untagged: Vec<&str> = RuleId::ALL
        .iter()
        .map(|r| r.as_str())
        .filter(|r| !tagged.contains(*r))
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} scenarios failed:\n{}",
        failures.len(),
        corpus.len(),
        failures.join("\n")
    );
    assert!(
        untagged.is_empty(),
        "catalogue rules in no scenario: {untagged:?}"
    );
    assert!(
        corpus.len() >= 60,
        "the corpus has {} scenarios; at least 60 are required",
        corpus.len()
    );
    println!("conformance: {} scenarios passed", corpus.len());
}
