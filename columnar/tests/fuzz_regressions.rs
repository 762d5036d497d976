//! The columnar fuzz targets' inputs replayed in the ordinary suite: every committed seed
//! (`fuzz/seeds/{csv_rows,arrow_batches}/`) and every input a fuzz run found to crash, hang or blow memory
//! (copied to `fuzz/regressions/<target>/` once fixed) goes through the same decoding and checks as its target,
//! without the fuzzer: no panic, one output row per input row, each row answered or an error row.

// Tests may panic: the lint that forbids it is for library and binary code.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::{Path, PathBuf};

use hokensho::RuleSet;
use hokensho_arrow::csv::{read_csv, CsvWriter};
use hokensho_arrow::{Assessor, BatchOptions};

#[path = "../../fuzz/src/batches.rs"]
#[allow(dead_code, clippy::cast_possible_truncation, clippy::cast_sign_loss)]
mod batches;

fn inputs(target: &str) -> Vec<(PathBuf, Vec<u8>)> {
    let fuzz = Path::new(env!("CARGO_MANIFEST_DIR")).join("../fuzz");
    let mut out = Vec::new();
    for dir in ["seeds", "regressions"] {
        let Ok(rd) = std::fs::read_dir(fuzz.join(dir).join(target)) else {
            continue;
        };
        for e in rd {
            let p = e.expect("entry").path();
            out.push((p.clone(), std::fs::read(&p).expect("readable")));
        }
    }
    out.sort();
    assert!(!out.is_empty(), "no seeds for {target}");
    out
}

/// The Shift_JIS index jis0208 the reader needs when built without `csv` (feature `csv-reader` alone, as in wasm),
/// made from encoding_rs as the wasm wrapper makes it from a TextDecoder.
fn shift_jis_index() -> Vec<u16> {
    (0..11280usize)
        .map(|p| {
            let (lead, trail) = (p / 188, p % 188);
            let bytes = [
                (lead + if lead < 0x1F { 0x81 } else { 0xC1 }) as u8,
                (trail + if trail < 0x3F { 0x40 } else { 0x41 }) as u8,
            ];
            let (text, bad) = encoding_rs::SHIFT_JIS.decode_without_bom_handling(&bytes);
            match text.encode_utf16().collect::<Vec<u16>>().as_slice() {
                [c] if !bad => *c,
                _ => 0,
            }
        })
        .collect()
}

#[test]
fn csv_rows_seeds_replay() {
    hokensho_arrow::csv::set_shift_jis_index(shift_jis_index());
    let rules = RuleSet::embedded().unwrap();
    let mut total = 0;
    let mut bad = 0;
    let mut refused = 0;
    let seeds = inputs("csv_rows");
    let n = seeds.len();
    for (path, data) in seeds {
        let (text, o) = batches::csv_case(&data);
        let a = Assessor::new(
            &rules,
            BatchOptions {
                on: hokensho::parse_date("2025-12-02").ok(),
                on_column: o.on_column.clone(),
                ..BatchOptions::default()
            },
        );
        let mut w = CsvWriter::new(Vec::new()).unwrap();
        let read = read_csv(text, "seed.csv", &o, |batch, marked| {
            assert!(marked.windows(2).all(|p| p[0].0 < p[1].0), "{path:?}");
            assert!(
                marked.iter().all(|(r, _)| *r < batch.num_rows()),
                "{path:?}"
            );
            bad += marked.len();
            let out = a.assess_marked(&batch, &marked).unwrap();
            batches::check_output(&out, batch.num_rows());
            total += out.num_rows();
            w.write(&out).unwrap();
            true
        });
        // a file refused whole (a header in the wrong encoding) says why in both languages
        if let Err(e) = read {
            assert!(!e.en.is_empty() && !e.ja.is_empty(), "{path:?}");
            refused += 1;
        }
        assert!(w
            .finish(&a.output_schema())
            .unwrap()
            .starts_with(b"\xEF\xBB\xBF"));
    }
    // the seeds hold the example members and the HR roster, with a few rows that are bad on purpose
    assert!(total >= 60, "{total} rows");
    assert!(bad >= 3, "{bad} bad rows");
    assert!(refused < n / 2, "{refused} of {n} seeds refused");
}

#[test]
fn arrow_batches_seeds_replay() {
    let rules = RuleSet::embedded().unwrap();
    let mut assessed = 0;
    for (path, data) in inputs("arrow_batches") {
        let Ok((batch, opts)) = batches::batch_case(&data) else {
            continue;
        };
        let a = Assessor::new(&rules, opts);
        assert_eq!(a.members(&batch).len(), batch.num_rows(), "{path:?}");
        if let Ok(out) = a.assess(&batch) {
            batches::check_output(&out, batch.num_rows());
            batches::check_long(&a.obligations(&batch).unwrap(), &out);
            batches::check_long(&a.events(&batch, None).unwrap(), &out);
            assessed += 1;
        }
    }
    assert!(assessed > 0, "no seed made an assessable batch");
}
