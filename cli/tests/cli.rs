//! The command line: streaming one line per input line, explain, timeline, errors.

// Tests, benches and examples may panic: the lint that forbids it is for library and binary code.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::io::Write;
use std::process::{Command, Stdio};

const M: &str = r#"{"id":"C-1","insurer":"kenpo","role":"insured","birth_date":"1980-05-10","coverage":{"acquired_on":"2010-04-01"},"legacy_card":{"issued_on":"2019-04-01"}}"#;

fn run(args: &[&str], stdin: &str) -> (String, String, i32) {
    let mut c = Command::new(env!("CARGO_BIN_EXE_hokensho"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    // a command that fails on its arguments may exit before reading its input: a broken pipe is no failure
    if let Err(e) = c.stdin.take().expect("stdin").write_all(stdin.as_bytes()) {
        assert_eq!(e.kind(), std::io::ErrorKind::BrokenPipe, "write: {e}");
    }
    let o = c.wait_with_output().expect("wait");
    (
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
        o.status.code().unwrap_or(-1),
    )
}

#[test]
fn assess_streams_one_line_per_input_line_in_order() {
    let input = format!("{M}\n\nnot json\n{}\n{M}\n", M.replace("C-1", "C-2"));
    let (out, _, code) = run(&["assess", "-", "--on", "2025-12-02", "--no-trace"], &input);
    assert_eq!(code, 0);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 5);
    assert!(lines[0].starts_with(r#"{"ok":true,"result":{"id":"C-1""#));
    assert!(lines[1].contains(r#""code":"empty_input""#));
    assert!(lines[2].contains(r#""code":"invalid_json""#));
    assert!(lines[3].contains(r#""id":"C-2""#));
    assert!(lines[0].contains(r#""trace":[]"#));
}

#[test]
fn explain_and_timeline() {
    let (out, _, code) = run(&["explain", "-", "--on", "R7.12.2", "--lang", "en"], M);
    assert_eq!(code, 0);
    assert!(
        out.contains("C-1 — 2025-12-02") && out.contains("health insurance card (paper): ended"),
        "{out}"
    );
    let (out, _, _) = run(&["explain", "-", "--on", "2025-12-01"], M);
    assert!(out.contains("健康保険証: 有効"), "{out}");
    let (out, _, code) = run(
        &[
            "timeline",
            "-",
            "--from",
            "2025-11-01",
            "--to",
            "2025-12-31",
        ],
        M,
    );
    assert_eq!(code, 0);
    assert!(
        out.starts_with(r#"{"ok":true,"result":{"id":"C-1""#)
            && out.contains(r#""on":"2025-12-02","kind":"document""#),
        "{out}"
    );
}

#[test]
fn usage_errors_exit_2_and_never_echo_numbers() {
    let (_, err, code) = run(&["assess", "-"], M);
    assert_eq!(code, 2);
    assert!(err.contains("missing `--on`"), "{err}");
    let (_, err, code) = run(&["frobnicate", "-"], "");
    assert_eq!(code, 2);
    assert!(err.contains("unknown command"), "{err}");
    let (_, err, code) = run(
        &[
            "assess",
            "-",
            "--on",
            "2025-12-02",
            "--rules",
            "/nonexistent",
        ],
        M,
    );
    assert_eq!(code, 2);
    assert!(err.contains("cannot read"), "{err}");
    let (out, _, _) = run(
        &["assess", "-", "--on", "2025-12-02"],
        &M.replace("C-1", "123456789018"),
    );
    assert!(
        out.contains("individual_number") && !out.contains("123456789018"),
        "{out}"
    );
    let (_, err, code) = run(
        &["explain", "-", "--on", "2025-12-02"],
        &M.replace("C-1", "123456789018"),
    );
    assert_eq!(code, 2);
    assert!(!err.contains("123456789018"), "{err}");
}

#[test]
fn rules_as_of_on_every_command() {
    // a kyokai card past the transition: provisionally acceptable on 2026-05-15 only by the 2026-03-19 extension
    let m = M.replace("kenpo", "kyokai");
    let with = |k: Option<&str>, cmd: &[&str]| {
        let mut args: Vec<&str> = cmd.to_vec();
        if let Some(k) = k {
            args.extend(["--rules-as-of", k]);
        }
        run(&args, &m)
    };
    let (latest, _, code) = with(None, &["assess", "-", "--on", "2026-05-15", "--no-trace"]);
    assert_eq!(code, 0);
    assert!(latest.contains(r#""rules_as_of":"2026-03-19""#), "{latest}");
    assert!(
        latest.contains(r#""provisional":[["legacy_card"]]"#),
        "{latest}"
    );
    let (old, _, code) = with(
        Some("令和8年3月18日"),
        &["assess", "-", "--on", "2026-05-15", "--no-trace"],
    );
    assert_eq!(code, 0);
    assert!(old.contains(r#""rules_as_of":"2026-03-18""#), "{old}");
    assert!(old.contains(r#""provisional":[]"#), "{old}");
    assert!(old.contains(r#""code":"later_revision""#), "{old}");
    let (text, _, code) = with(
        Some("2026-03-18"),
        &["explain", "-", "--on", "2026-05-15", "--lang", "en"],
    );
    assert_eq!(code, 0);
    assert!(text.contains("Rules as announced by: 2026-03-18"), "{text}");
    let (t, _, code) = with(
        Some("2026-03-18"),
        &[
            "timeline",
            "-",
            "--from",
            "2026-01-01",
            "--to",
            "2026-12-31",
        ],
    );
    assert_eq!(code, 0);
    assert!(t.contains(r#""rules_as_of":"2026-03-18""#), "{t}");
    let (_, err, code) = with(Some("2026-02-30"), &["assess", "-", "--on", "2026-05-15"]);
    assert_eq!(code, 2);
    assert!(err.contains("`--rules-as-of` is not a date"), "{err}");
}

#[test]
fn changes_lists_the_revisions() {
    let (ja, _, code) = run(&["changes"], "");
    assert_eq!(code, 0);
    let first: Vec<&str> = ja.lines().filter(|l| !l.starts_with(' ')).collect();
    assert_eq!(first.len(), 10, "{ja}");
    assert!(first[0].starts_with("2025年4月3日発表"), "{ja}");
    assert!(first[9].starts_with("2026年3月19日発表"), "{ja}");
    let (en, _, _) = run(&["changes", "--since", "2026-01-01", "--lang", "en"], "");
    let lines: Vec<&str> = en.lines().filter(|l| !l.starts_with(' ')).collect();
    assert_eq!(lines.len(), 3, "{en}");
    assert!(lines.iter().all(|l| l.starts_with("2026-03-19 (")), "{en}");
    assert!(en.contains("niigata-nippo.co.jp"), "{en}");
    let (json, _, _) = run(&["changes", "--since", "R8.1.1", "--format", "json"], "");
    let v: serde_json::Value = serde_json::from_str(json.trim()).expect("json");
    assert_eq!(v["result"][0]["value"], "2026-07-31");
    let (_, err, code) = run(&["changes", "--since", "someday"], "");
    assert_eq!(code, 2);
    assert!(err.contains("`--since`"), "{err}");
}

#[test]
fn timeline_as_ics_is_the_core_calendar_call() {
    // the member's line second in the file: `--id` picks it
    let input = format!("{}\n{M}\n", M.replace("C-1", "C-0"));
    let (out, err, code) = run(
        &[
            "timeline",
            "-",
            "--id",
            "C-1",
            "--from",
            "2025-11-01",
            "--to",
            "R8.12.31",
            "--format",
            "ics",
            "--lang",
            "en",
            "--alarm-days",
            "3",
            "--rules-as-of",
            "2026-03-18",
        ],
        &input,
    );
    assert_eq!(code, 0, "{err}");
    let core = hokensho::RuleSet::embedded()
        .unwrap()
        .calendar_json(&format!(
            r#"{{"member":{M},"from":"2025-11-01","to":"2026-12-31","lang":"en","alarm_days":3,"rules_as_of":"2026-03-18"}}"#
        ));
    let core: serde_json::Value = serde_json::from_str(&core).unwrap();
    assert_eq!(out, core["result"].as_str().unwrap());
    assert!(out.starts_with("BEGIN:VCALENDAR\r\n") && out.ends_with("END:VCALENDAR\r\n"));
    assert!(out.contains("\r\nSUMMARY:health insurance card (paper): ended\r\n"));
    assert!(out.contains("\r\nDTSTAMP:20260318T000000Z\r\n"));
    // Japanese by default, JSON by default
    let (ja, _, _) = run(
        &[
            "timeline",
            "-",
            "--from",
            "2025-11-01",
            "--to",
            "2026-12-31",
            "--format",
            "ics",
        ],
        M,
    );
    assert!(ja.contains("\r\nSUMMARY:健康保険証：使用終了\r\n"), "{ja}");
    let (json, _, _) = run(
        &[
            "timeline",
            "-",
            "--from",
            "2025-11-01",
            "--to",
            "2026-12-31",
        ],
        M,
    );
    assert!(json.starts_with(r#"{"ok":true,"result":{"id":"C-1""#));
    // bad values exit 2 with a message
    let (_, err, code) = run(
        &[
            "timeline",
            "-",
            "--from",
            "2025-11-01",
            "--to",
            "2026-12-31",
            "--format",
            "csv",
        ],
        M,
    );
    assert_eq!(code, 2);
    assert!(err.contains("`--format` must be json or ics"), "{err}");
    let (_, err, code) = run(
        &[
            "timeline",
            "-",
            "--from",
            "2025-11-01",
            "--to",
            "2026-12-31",
            "--format",
            "ics",
            "--alarm-days",
            "400",
        ],
        M,
    );
    assert_eq!(code, 2);
    assert!(
        err.contains("`--alarm-days` must be a whole number from 0 to 366"),
        "{err}"
    );
}
