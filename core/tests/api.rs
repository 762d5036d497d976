//! The JSON call/answer API: every call, its envelope, and its errors.

// Tests and benches may panic: the lint that forbids it is for library and binary code.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

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

/// The trace entries of one rule in an answer.
fn traced<'a>(a: &'a Value, rule: &str) -> Vec<&'a Value> {
    a["trace"]
        .as_array()
        .map(|t| t.iter().filter(|e| e["rule"] == rule).collect())
        .unwrap_or_default()
}

#[test]
fn rules_as_of_on_every_call() {
    let r = rules();
    let m = member();
    let on = "2026-05-15";
    // assess: the latest revisions by default, the answer states the knowledge date it used
    let latest = call(|q| r.assess_json(q), json!({"member": m, "on": on}));
    assert_eq!(latest["result"]["rules_as_of"], "2026-03-19");
    assert_eq!(
        latest["result"]["care"]["provisional"],
        json!([["legacy_card"]])
    );
    let prov = traced(&latest["result"], "legacy.provisional-acceptance");
    assert_eq!(prov[0]["revisions"][0]["announced_on"], "2026-03-19");
    assert_eq!(
        prov[0]["revisions"][0]["parameter"],
        "params.provisional_acceptance_until"
    );
    // an earlier knowledge date, also as a Japanese-era date
    for k in ["2026-03-18", "令和8年3月18日", "R8.3.18"] {
        let old = call(
            |q| r.assess_json(q),
            json!({"member": m, "on": on, "rules_as_of": k}),
        );
        assert_eq!(old["result"]["rules_as_of"], "2026-03-18", "{k}");
        assert_eq!(old["result"]["care"]["provisional"], json!([]));
        let w: Vec<&Value> = old["result"]["warnings"]
            .as_array()
            .expect("warnings")
            .iter()
            .filter(|w| w["code"] == "later_revision")
            .collect();
        assert_eq!(w.len(), 1);
        assert_eq!(w[0]["rule"], "legacy.provisional-acceptance");
        assert!(w[0]["en"].as_str().is_some_and(|t| t
            .contains("rule legacy.provisional-acceptance was revised")
            && t.contains("2026-03-18")));
        let prov = traced(&old["result"], "legacy.provisional-acceptance");
        assert_eq!(prov[0]["outcome"], "provisional_acceptance_over");
        assert_eq!(prov[0]["revisions"][0]["announced_on"], "2025-11-12");
    }
    // assess_many, summaries, timeline, explain
    let many = call(
        |q| r.assess_many_json(q),
        json!({"members": [m, m], "on": on, "rules_as_of": "2026-03-18"}),
    );
    assert_eq!(many["result"][1]["result"]["rules_as_of"], "2026-03-18");
    let sums = call(
        |q| r.summaries_json(q),
        json!({"members": [m], "on": "2026-08-01", "rules_as_of": "2026-03-18"}),
    );
    assert_eq!(sums["result"][0]["ok"], true);
    let t_old = call(
        |q| r.timeline_json(q),
        json!({"member": m, "from": "2025-01-01", "to": "2026-12-31", "rules_as_of": "2026-03-18"}),
    );
    let t_new = call(
        |q| r.timeline_json(q),
        json!({"member": m, "from": "2025-01-01", "to": "2026-12-31"}),
    );
    assert_eq!(t_old["result"]["rules_as_of"], "2026-03-18");
    let ends = |t: &Value| -> Vec<String> {
        t["result"]["boundaries"]
            .as_array()
            .expect("boundaries")
            .iter()
            .filter(|b| b["rule"] == "legacy.provisional-acceptance")
            .filter_map(|b| b["on"].as_str().map(str::to_owned))
            .collect()
    };
    assert!(
        ends(&t_old).contains(&"2026-04-01".to_owned()),
        "{:?}",
        ends(&t_old)
    );
    assert!(
        ends(&t_new).contains(&"2026-08-01".to_owned()),
        "{:?}",
        ends(&t_new)
    );
    let text = call(
        |q| r.explain_json(q),
        json!({"member": m, "on": on, "lang": "en", "rules_as_of": "2026-03-18"}),
    );
    let text = text["result"].as_str().expect("text");
    assert!(text.contains("Rules as announced by: 2026-03-18"), "{text}");
    assert!(text.contains("revision announced on 2025-11-12"), "{text}");
    // a bad knowledge date names its field
    for bad in [json!("2026-02-30"), json!(20260318), json!("yesterday")] {
        let e = call(
            |q| r.assess_json(q),
            json!({"member": m, "on": on, "rules_as_of": bad}),
        );
        assert_eq!(e["ok"], false);
        assert_eq!(e["errors"][0]["code"], "invalid_date");
        assert_eq!(e["errors"][0]["path"], "rules_as_of");
    }
}

#[test]
fn changes_call_lists_every_revision_in_order() {
    let r = rules();
    let all = call(|q| r.changes_json(q), json!({}));
    assert_eq!(all["ok"], true);
    let list = all["result"].as_array().expect("list");
    let days: Vec<&str> = list
        .iter()
        .filter_map(|c| c["announced_on"].as_str())
        .collect();
    let mut sorted = days.clone();
    sorted.sort();
    assert_eq!(days, sorted, "in order of announcement");
    assert_eq!(
        days,
        [
            "2025-04-03",
            "2025-04-03",
            "2025-06-27",
            "2025-08-04",
            "2025-11-12",
            "2025-12-18",
            "2025-12-18",
            "2026-03-19",
            "2026-03-19",
            "2026-03-19"
        ]
    );
    let ext = list
        .iter()
        .find(|c| c["announced_on"] == "2026-03-19" && c["profile"].is_null())
        .expect("the national extension");
    assert_eq!(ext["rule"], "legacy.provisional-acceptance");
    assert_eq!(ext["previous"], "2026-03-31");
    assert_eq!(ext["value"], "2026-07-31");
    assert!(ext["ja"]
        .as_str()
        .is_some_and(|t| t.contains("2026年3月19日")));
    assert!(ext["en"]
        .as_str()
        .is_some_and(|t| t.starts_with("2026-03-19")));
    assert!(!ext["sources"].as_array().expect("sources").is_empty());
    let kouki = list
        .iter()
        .find(|c| c["parameter"] == "bulk.2026-07" && c["announced_on"] == "2025-12-18")
        .expect("the kouki round");
    assert_eq!(kouki["rule"], "cert.kouki-2026");
    assert_eq!(kouki["value"]["all_from_age"], 85);
    assert_eq!(kouki["previous"]["planned"], true);
    // since
    let since = call(|q| r.changes_json(q), json!({"since": "R8.1.1"}));
    assert_eq!(since["result"].as_array().map(Vec::len), Some(3));
    let bad = call(|q| r.changes_json(q), json!({"since": "2026-13-01"}));
    assert_eq!(bad["errors"][0]["path"], "since");
    let unknown = call(|q| r.changes_json(q), json!({"sinse": "2026-01-01"}));
    assert_eq!(unknown["errors"][0]["code"], "unknown_field");
}

/// Outside backticked field names, codes and a few format words, an English message holds no Japanese and a
/// Japanese message no English.
#[test]
fn error_messages_keep_to_their_language() {
    let r = rules();
    let outside = |t: &str| -> String { t.split('`').step_by(2).collect::<Vec<_>>().join(" ") };
    let allowed = ["true", "false", "JSON", "YYYY", "MM", "DD", "TOML", "ISO"];
    let mut checked = 0;
    for file in std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/conformance"))
        .expect("corpus")
        .flatten()
        .filter(|f| f.path().extension().is_some_and(|x| x == "json"))
    {
        let text = std::fs::read_to_string(file.path()).expect("read");
        let corpus: Value = serde_json::from_str(&text).expect("json");
        for s in corpus["scenarios"].as_array().expect("scenarios") {
            let env = call(
                |q| r.assess_json(q),
                json!({"member": s["member"], "on": s["on"]}),
            );
            for e in env["errors"].as_array().cloned().unwrap_or_default() {
                let en = outside(e["en"].as_str().unwrap_or(""));
                let ja = outside(e["ja"].as_str().unwrap_or(""));
                assert!(
                    !en.chars().any(|c| ('\u{3040}'..='\u{9fff}').contains(&c)),
                    "Japanese in English: {en}"
                );
                for w in ja.split(|c: char| !c.is_ascii_alphabetic()) {
                    assert!(
                        w.len() < 2 || allowed.contains(&w),
                        "English `{w}` in Japanese: {ja}"
                    );
                }
                checked += 1;
            }
        }
    }
    assert!(checked > 20, "{checked} errors checked");
}

#[test]
fn labels_call_for_every_kind() {
    let get = |req: Value| call(hokensho::api::labels_json, req);
    let actions = get(json!({"kind": "actions", "lang": "ja"}));
    assert_eq!(actions["ok"], true);
    let list = actions["result"].as_array().expect("list");
    assert_eq!(list[0], json!({"code": "return", "label": "返却"}));
    assert_eq!(list.len(), 13);
    let en = get(json!({"kind": "need_reasons", "lang": "en"}));
    assert_eq!(en["result"][0]["code"], "no_card");
    assert_eq!(en["result"][0]["label"], "no My Number card");
    let rules = get(json!({"kind": "rules"}));
    assert_eq!(
        rules["result"].as_array().map(Vec::len),
        Some(hokensho::rules::RULE_COUNT)
    );
    for kind in ["documents", "statuses", "actors", "events", "warnings"] {
        assert_eq!(
            get(json!({"kind": kind, "lang": "en"}))["ok"],
            true,
            "{kind}"
        );
    }
    let bad = get(json!({"kind": "colours"}));
    assert_eq!(
        (
            bad["errors"][0]["code"].as_str(),
            bad["errors"][0]["path"].as_str()
        ),
        (Some("invalid_value"), Some("kind"))
    );
    let bad = get(json!({"kind": "actions", "lang": "fr"}));
    assert_eq!(bad["errors"][0]["path"], "lang");
}
