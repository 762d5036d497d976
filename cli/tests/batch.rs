//! `hokensho assess` over rosters: CSV (UTF-8 and Shift_JIS, user headers), Parquet and JSON Lines in and out,
//! undecodable lines as error rows, and file errors.

// Tests, benches and examples may panic: the lint that forbids it is for library and binary code.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;

use arrow_array::cast::AsArray;
use arrow_array::{ArrayRef, RecordBatch, StringArray};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn tmp(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("hokensho-cli-batch-{}", std::process::id()));
    std::fs::create_dir_all(&d).expect("tmp");
    d.join(name)
}

fn run(args: &[&str]) -> (Vec<u8>, String, i32) {
    let o = Command::new(env!("CARGO_BIN_EXE_hokensho"))
        .args(args)
        .output()
        .expect("run");
    (
        o.stdout,
        String::from_utf8_lossy(&o.stderr).into_owned(),
        o.status.code().unwrap_or(-1),
    )
}

fn s(p: &Path) -> &str {
    p.to_str().expect("path")
}

fn roster() -> String {
    std::fs::read_to_string(root().join("examples/hr/roster.csv")).expect("roster")
}

fn columns() -> String {
    root()
        .join("examples/hr/columns.toml")
        .to_string_lossy()
        .into_owned()
}

#[test]
fn shift_jis_and_utf8_rosters_with_user_headers_give_the_same_csv() {
    let text = roster();
    let (sjis, _, _) = encoding_rs::SHIFT_JIS.encode(&text);
    let sj = tmp("roster-sjis.csv");
    std::fs::write(&sj, &sjis).expect("write");
    let bom = tmp("roster-bom.csv");
    std::fs::write(
        &bom,
        [b"\xEF\xBB\xBF".as_slice(), roster().as_bytes()].concat(),
    )
    .expect("write");
    let mut outs = Vec::new();
    for (input, enc) in [
        (&sj, "auto"),
        (&sj, "shift_jis"),
        (&bom, "auto"),
        (&root().join("examples/hr/roster.csv"), "utf-8"),
    ] {
        let out = tmp(&format!("out-{}.csv", outs.len()));
        let (_, err, code) = run(&[
            "assess",
            s(input),
            "--columns",
            &columns(),
            "--on",
            "2025-12-02",
            "--summary",
            "--encoding",
            enc,
            "-o",
            s(&out),
        ]);
        assert_eq!(code, 0, "{err}");
        outs.push(std::fs::read(&out).expect("out"));
    }
    assert!(outs.iter().all(|o| *o == outs[0]));
    let text = String::from_utf8(outs[0].clone()).expect("utf-8");
    assert!(
        text.starts_with("\u{feff}id,covered,legacy_card,"),
        "{text}"
    );
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 4);
    // 山田 太郎: the paper card ended; his My Number card is registered
    assert!(
        lines[1].starts_with("E-0001,true,ended,in_grace,"),
        "{}",
        lines[1]
    );
    // 山田 花子: a bulk certificate, valid
    assert!(
        lines[2].starts_with("E-0002,true,ended,,valid,"),
        "{}",
        lines[2]
    );
    // 佐藤 次郎: joined in 令和6年12月 with no card: needs a certificate
    assert!(
        lines[3].starts_with("E-0003,true,,,,,,true,no_card,2024-12-02,apply_certificate,"),
        "{}",
        lines[3]
    );
}

#[test]
fn a_line_that_is_not_utf8_is_an_error_row_and_the_stream_goes_on() {
    let m = std::fs::read_to_string(root().join("examples/members.jsonl")).expect("ex");
    let lines: Vec<&str> = m.lines().take(6).collect();
    let mut bytes = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        if i == 3 {
            bytes.extend_from_slice(&l.as_bytes()[..20]);
            bytes.extend_from_slice(b"\xff\xfe");
            bytes.extend_from_slice(&l.as_bytes()[20..]);
        } else {
            bytes.extend_from_slice(l.as_bytes());
        }
        bytes.push(b'\n');
    }
    let input = tmp("bad.jsonl");
    std::fs::write(&input, &bytes).expect("write");
    let (out, err, code) = run(&["assess", s(&input), "--on", "2025-12-02"]);
    assert_eq!(code, 0, "{err}");
    assert!(!err.contains("usage"), "{err}");
    let out = String::from_utf8(out).expect("utf-8");
    let got: Vec<&str> = out.lines().collect();
    assert_eq!(got.len(), 6);
    assert!(
        got[3].contains(r#""code":"invalid_encoding","path":"line:4""#),
        "{}",
        got[3]
    );
    assert!(got[3].contains("line 4 is not valid UTF-8"));
    assert!(got[4].starts_with(r#"{"ok":true"#));
    // the same as a summary row
    let (out, _, code) = run(&["assess", s(&input), "--on", "2025-12-02", "--summary"]);
    assert_eq!(code, 0);
    let out = String::from_utf8(out).expect("utf-8");
    let row: serde_json::Value =
        serde_json::from_str(out.lines().nth(3).expect("row 4")).expect("json");
    assert_eq!(row["error_code"], "invalid_encoding");
    assert_eq!(row["error_path"], "line:4");
    assert_eq!(row["covered"], serde_json::Value::Null);
}

#[test]
fn a_csv_row_in_the_wrong_encoding_or_shape_is_an_error_row() {
    let r = roster();
    let mut lines: Vec<Vec<u8>> = r.lines().map(|l| l.as_bytes().to_vec()).collect();
    let third = r.lines().nth(2).expect("line 3").to_owned();
    let (sjis, _, _) = encoding_rs::SHIFT_JIS.encode(&third);
    lines[2] = sjis.into_owned();
    lines.push(b"E-0009,only,three".to_vec());
    let input = tmp("mixed.csv");
    std::fs::write(&input, lines.join(&b'\n')).expect("write");
    let out = tmp("mixed-out.jsonl");
    let (_, err, code) = run(&[
        "assess",
        s(&input),
        "--columns",
        &columns(),
        "--on",
        "2025-12-02",
        "--summary",
        "--encoding",
        "utf-8",
        "-o",
        s(&out),
    ]);
    assert_eq!(code, 0, "{err}");
    let text = std::fs::read_to_string(&out).expect("out");
    let rows: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).expect("json"))
        .collect();
    assert_eq!(rows.len(), 4);
    assert_eq!(rows[0]["id"], "E-0001");
    assert_eq!(rows[1]["error_code"], "invalid_encoding");
    assert_eq!(rows[1]["error_path"], "line:3");
    assert_eq!(rows[2]["id"], "E-0003");
    assert_eq!(rows[3]["error_code"], "invalid_row");
    assert_eq!(rows[3]["error_path"], "line:5");
}

#[test]
fn file_errors_name_the_file_and_column_without_the_usage() {
    let (_, err, code) = run(&["assess", "/nonexistent/x.csv", "--on", "2025-12-02"]);
    assert_ne!(code, 0);
    assert!(
        err.contains("cannot read `/nonexistent/x.csv`") && !err.contains("usage"),
        "{err}"
    );
    let input = tmp("unknown.csv");
    std::fs::write(&input, "id,insurer,department\nA,kenpo,sales\n").expect("write");
    let (_, err, code) = run(&["assess", s(&input), "--on", "2025-12-02", "--summary"]);
    assert_ne!(code, 0);
    assert!(
        err.contains("unknown column `department` (line 1, column 3)"),
        "{err}"
    );
    let input = tmp("number.csv");
    std::fs::write(&input, "id,個人番号\nA,x\n").expect("write");
    let (_, err, code) = run(&["assess", s(&input), "--on", "2025-12-02", "--summary"]);
    assert_ne!(code, 0);
    assert!(err.contains("individual numbers"), "{err}");
    let input = tmp("not.parquet");
    std::fs::write(&input, "hello").expect("write");
    let (_, err, code) = run(&["assess", s(&input), "--on", "2025-12-02", "--summary"]);
    assert_ne!(code, 0);
    assert!(err.contains("is not a Parquet file"), "{err}");
}

/// Parquet in (string columns, per-row dates) and out: the same rows as CSV out.
#[test]
fn parquet_in_and_out_with_a_date_per_row() {
    let col = |v: Vec<Option<&str>>| Arc::new(StringArray::from(v)) as ArrayRef;
    let batch = RecordBatch::try_from_iter([
        ("id", col(vec![Some("A"), Some("B"), Some("C")])),
        (
            "insurer",
            col(vec![Some("kenpo"), Some("kenpo"), Some("nope")]),
        ),
        ("role", col(vec![Some("insured"); 3])),
        ("birth_date", col(vec![Some("1980-05-10"); 3])),
        ("coverage.acquired_on", col(vec![Some("2010-04-01"); 3])),
        ("legacy_card.issued_on", col(vec![Some("2019-04-01"); 3])),
        ("day", col(vec![Some("2025-11-30"), Some("R7.12.2"), None])),
    ])
    .expect("batch");
    let input = tmp("in.parquet");
    let f = std::fs::File::create(&input).expect("create");
    let mut w = parquet::arrow::ArrowWriter::try_new(f, batch.schema(), None).expect("writer");
    w.write(&batch).expect("write");
    w.close().expect("close");
    let out = tmp("out.parquet");
    let (_, err, code) = run(&[
        "assess",
        s(&input),
        "--on-column",
        "day",
        "--on",
        "2025-12-02",
        "--summary",
        "-o",
        s(&out),
    ]);
    assert_eq!(code, 0, "{err}");
    let f = std::fs::File::open(&out).expect("open");
    let r = parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder::try_new(f)
        .expect("reader")
        .build()
        .expect("build");
    let batches: Vec<RecordBatch> = r.collect::<Result<_, _>>().expect("read");
    let b = &batches[0];
    assert_eq!(b.num_rows(), 3);
    let legacy = arrow_cast_str(b.column_by_name("legacy_card").expect("legacy"));
    // valid until 2025-12-01, ended from 2025-12-02
    assert_eq!(
        legacy,
        vec![Some("valid".to_owned()), Some("ended".to_owned()), None]
    );
    let err = b
        .column_by_name("error_code")
        .expect("e")
        .as_string::<i32>();
    assert_eq!(err.value(2), "unknown_insurer");
    // full answers: the JSON column
    let out = tmp("full.csv");
    let (_, _, code) = run(&[
        "assess",
        s(&input),
        "--on",
        "2025-12-02",
        "--on-column",
        "day",
        "-o",
        s(&out),
    ]);
    assert_eq!(code, 0);
    let text = std::fs::read_to_string(&out).expect("csv");
    assert!(text
        .lines()
        .next()
        .is_some_and(|h| h.ends_with(",error,error_message,assessment")));
    assert!(
        text.contains(r#"{""ok"":true,""result"":{""id"":""A"",""on"":""2025-11-30"""#),
        "{text}"
    );
}

fn arrow_cast_str(a: &ArrayRef) -> Vec<Option<String>> {
    let d = a.as_dictionary::<arrow_array::types::Int8Type>();
    let v = d.values().as_string::<i32>();
    d.keys()
        .iter()
        .map(|k| k.map(|k| v.value(k as usize).to_owned()))
        .collect()
}

#[test]
fn full_answers_on_every_core_equal_one_core() {
    let input = tmp("many.jsonl");
    let ex = std::fs::read_to_string(root().join("examples/members.jsonl")).expect("ex");
    std::fs::write(&input, ex.repeat(20)).expect("write");
    let (one, _, c1) = run(&["assess", s(&input), "--on", "2025-12-02", "--threads", "1"]);
    let (two, _, c2) = run(&["assess", s(&input), "--on", "2025-12-02", "--threads", "2"]);
    assert_eq!((c1, c2), (0, 0));
    assert_eq!(one, two);
    let members = ex.lines().filter(|l| !l.trim().is_empty()).count();
    assert_eq!(String::from_utf8_lossy(&one).lines().count(), members * 20);
    // JSON Lines summaries equal CSV summaries
    let (js, _, _) = run(&["assess", s(&input), "--on", "2025-12-02", "--summary"]);
    let csv_out = tmp("many.csv");
    run(&[
        "assess",
        s(&input),
        "--on",
        "2025-12-02",
        "--summary",
        "-o",
        s(&csv_out),
    ]);
    let csv_text = std::fs::read_to_string(&csv_out).expect("csv");
    let js = String::from_utf8(js).expect("utf-8");
    for (j, c) in js.lines().zip(csv_text.lines().skip(1)) {
        let j: serde_json::Value = serde_json::from_str(j).expect("json");
        assert!(
            c.starts_with(&format!("{},", j["id"].as_str().expect("id"))),
            "{c}"
        );
    }
}

#[test]
fn formats_by_flag_from_stdin_and_mapped_values() {
    use std::io::Write;
    let mut c = Command::new(env!("CARGO_BIN_EXE_hokensho"))
        .args([
            "assess",
            "-",
            "--input-format",
            "csv",
            "--output-format",
            "jsonl",
            "--columns",
            &columns(),
            "--on",
            "R7.12.2",
            "--summary",
        ])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("spawn");
    c.stdin
        .take()
        .expect("stdin")
        .write_all(roster().as_bytes())
        .expect("write");
    let o = c.wait_with_output().expect("wait");
    assert_eq!(o.status.code(), Some(0));
    let text = String::from_utf8(o.stdout).expect("utf-8");
    let rows: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).expect("json"))
        .collect();
    assert_eq!(rows.len(), 3);
    // 配偶者 → dependent, 一括交付 → bulk: the certificate is valid
    assert_eq!(rows[1]["certificate"], "valid");
    assert_eq!(rows[1]["error"], serde_json::Value::Null);
    // keys in the output schema's order
    assert!(
        text.starts_with(r#"{"id":"E-0001","covered":true,"legacy_card":"ended""#),
        "{text}"
    );
    // a bad option value is a usage error
    let (_, err, code) = run(&[
        "assess",
        "-",
        "--on",
        "2025-12-02",
        "--output-format",
        "xlsx",
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("unknown format `xlsx`"), "{err}");
}

#[test]
fn csv_error_rows_name_every_error_by_column_in_the_chosen_language() {
    let input = tmp("errors.csv");
    std::fs::write(
        &input,
        "id,insurer,role,birth_date,coverage.acquired_on,certificates.0.issued_on,certificates.0.expires_on,certificates.0.basis\n\
         A,kenpo,insured,1980/5/10,2010/4/1,,,\n\
         B,kenpo,boss,1985/2/30,2010/4/1,2025/8/1,2027/13/1,bulk\n",
    )
    .expect("write");
    for (lang, expect) in [
        (None, "`role` の値は"),
        (Some("ja"), "`role` の値は"),
        (Some("en"), "`role` must be one of"),
    ] {
        let out = tmp(&format!("errors-{}.csv", lang.unwrap_or("default")));
        let mut args = vec![
            "assess",
            s(&input),
            "--on",
            "2025-12-02",
            "--summary",
            "-o",
            s(&out),
        ];
        if let Some(l) = lang {
            args.extend(["--lang", l]);
        }
        let (_, err, code) = run(&args);
        assert_eq!(code, 0, "{err}");
        let text = std::fs::read_to_string(&out).expect("out");
        let mut r = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
        let header: Vec<String> = r.headers().expect("h").iter().map(str::to_owned).collect();
        assert!(
            header.ends_with(&["error".to_owned(), "error_message".to_owned()]),
            "{header:?}"
        );
        let rows: Vec<csv::StringRecord> = r.records().map(|x| x.expect("row")).collect();
        let col = |name: &str| header.iter().position(|h| h == name).expect(name);
        assert_eq!(&rows[0][col("error")], "");
        assert_eq!(
            &rows[1][col("error")],
            "invalid_value: role; invalid_date: birth_date; invalid_date: certificates.0.expires_on"
        );
        let msg = &rows[1][col("error_message")];
        assert!(msg.starts_with(expect), "{msg}");
        assert_eq!(msg.split("; ").count(), 3, "{msg}");
        assert!(
            !msg.contains("1985/2/30") && !msg.contains("boss") && !msg.contains("2027/13/1"),
            "{msg}"
        );
    }
}
