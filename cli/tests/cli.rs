//! The command line: streaming one line per input line, explain, timeline, errors.

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
    if let Err(e) = c.stdin.take().expect("stdin").write_all(stdin.as_bytes()) {
        // a usage error can exit before it reads its input: the pipe is closed then, nothing else may fail
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
