//! The fuzz targets' inputs replayed in the ordinary suite: every committed seed (`fuzz/seeds/<target>/`) and
//! every input a fuzz run found to crash, hang or blow memory (copied to `fuzz/regressions/<target>/` when it is
//! fixed) goes through the same calls as its target (`fuzz/fuzz_targets/`), without the fuzzer: no panic, and
//! every JSON envelope is well formed with codes and paths in both languages.

// Tests and benches may panic: the lint that forbids it is for library and binary code.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::{Path, PathBuf};

use hokensho::ruleset::EMBEDDED_FILES;
use hokensho::{parse_date, Options, RuleSet};
use serde_json::Value;

fn inputs(target: &str) -> Vec<(PathBuf, Vec<u8>)> {
    let fuzz = Path::new(env!("CARGO_MANIFEST_DIR")).join("../fuzz");
    let mut out = Vec::new();
    for dir in ["seeds", "regressions"] {
        let Ok(rd) = std::fs::read_dir(fuzz.join(dir).join(target)) else {
            continue;
        };
        for e in rd {
            let p = e.expect("entry").path();
            let bytes = std::fs::read(&p).expect("readable");
            out.push((p, bytes));
        }
    }
    out.sort();
    out
}

/// Inputs of a target; the repository always has seeds (a packaged crate has no fuzz/ folder: nothing to replay).
fn replayed(target: &str) -> Vec<(PathBuf, Vec<u8>)> {
    let v = inputs(target);
    let in_repo = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../fuzz/Cargo.toml")
        .exists();
    assert!(!in_repo || !v.is_empty(), "no seeds for {target}");
    v
}

fn check_envelope(s: &str) {
    let v: Value = serde_json::from_str(s).expect("an envelope is JSON");
    if v["ok"] == false {
        let errs = v["errors"].as_array().expect("errors");
        assert!(!errs.is_empty());
        for e in errs {
            for k in ["code", "path", "en", "ja"] {
                assert!(e[k].is_string(), "`{k}` in {s}");
            }
        }
    } else {
        assert_eq!(v["ok"], true, "{s}");
    }
}

fn dates() -> Vec<hokensho::NaiveDate> {
    [
        "2024-12-01",
        "2025-12-02",
        "2026-08-01",
        "1900-01-01",
        "2200-12-31",
    ]
    .iter()
    .map(|d| parse_date(d).expect("date"))
    .collect()
}

#[test]
fn member_json_inputs() {
    let r = RuleSet::embedded().expect("embedded");
    for (p, bytes) in replayed("member_json") {
        let Ok(text) = std::str::from_utf8(&bytes) else {
            continue;
        };
        let parsed = r.parse_member(text);
        for on in dates() {
            let env = r.assess_member_json(text, on, Options::default());
            check_envelope(&env);
            assert_eq!(
                env.starts_with(r#"{"ok":true"#),
                parsed.is_ok(),
                "{}",
                p.display()
            );
        }
    }
}

#[test]
fn api_request_inputs() {
    let r = RuleSet::embedded().expect("embedded");
    for (_, bytes) in replayed("api_requests") {
        let Some((&which, rest)) = bytes.split_first() else {
            continue;
        };
        let Ok(req) = std::str::from_utf8(rest) else {
            continue;
        };
        check_envelope(&match which % 6 {
            0 => r.assess_json(req),
            1 => r.assess_many_json(req),
            2 => r.timeline_json(req),
            3 => r.explain_json(req),
            4 => r.summaries_json(req),
            _ => r.calendar_json(req),
        });
    }
}

#[test]
fn rule_file_inputs() {
    let members = include_str!("../../examples/members.jsonl");
    let n = EMBEDDED_FILES.len();
    let mut loaded = 0;
    for (_, bytes) in replayed("rule_files") {
        let Some((&mode, rest)) = bytes.split_first() else {
            continue;
        };
        let Ok(text) = std::str::from_utf8(rest) else {
            continue;
        };
        let pick = usize::from(mode) % (n + 1);
        let rules = if pick < n {
            RuleSet::from_files(
                EMBEDDED_FILES
                    .iter()
                    .enumerate()
                    .map(|(i, &(name, body))| (name, if i == pick { text } else { body })),
            )
        } else {
            let names: Vec<String> = (0..64).map(|i| format!("profiles/p{i}.toml")).collect();
            RuleSet::from_files(
                text.split('\0')
                    .take(64)
                    .enumerate()
                    .map(|(i, body)| (if i == 0 { "national.toml" } else { &names[i] }, body)),
            )
        };
        let Ok(rules) = rules else {
            continue;
        };
        loaded += 1;
        for line in members.lines() {
            if let Ok(m) = rules.parse_member(line) {
                for on in dates() {
                    let _ = rules.assess(&m, on);
                }
            }
        }
    }
    // the seeds are the shipped rule files, so some of them load
    assert!(loaded > 0 || inputs("rule_files").is_empty());
}

#[test]
fn date_inputs() {
    for (p, bytes) in replayed("dates") {
        let Ok(s) = std::str::from_utf8(&bytes) else {
            continue;
        };
        let q = parse_date(s);
        if let Some(d) = hokensho::dates::parse_iso(s) {
            assert_eq!(hokensho::dates::iso(d), s);
            assert_eq!(q.as_ref().ok(), Some(&d));
        }
        if q.is_err() {
            assert!(hokensho::dates::parse_era(s).is_none(), "{}", p.display());
        }
    }
}
