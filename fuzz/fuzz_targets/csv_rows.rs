//! CSV rosters (`hokensho_fuzz::batches::csv_case`): any bytes, in UTF-8, Shift_JIS or detected, with or
//! without the HR header mapping, in chunks of 1 to 8 rows. Every chunk's bad rows are in range and sorted,
//! every chunk is assessed with one output row per row, and the summary CSV writes.
#![no_main]

use hokensho_arrow::csv::{read_csv, CsvWriter};
use hokensho_arrow::{Assessor, BatchOptions};
use hokensho_fuzz::batches::{csv_case, check_output};
use hokensho_fuzz::RULES;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (text, o) = csv_case(data);
    let a = Assessor::new(
        &RULES,
        BatchOptions {
            on: hokensho::parse_date("2025-12-02").ok(),
            on_column: o.on_column.clone(),
            ..BatchOptions::default()
        },
    );
    let mut w = CsvWriter::new(Vec::new()).expect("a Vec takes the BOM");
    let mut rows = 0usize;
    let _ = read_csv(text, "fuzz.csv", &o, |batch, marked| {
        assert!(marked.windows(2).all(|p| p[0].0 < p[1].0), "marks sorted");
        assert!(marked.iter().all(|(r, _)| *r < batch.num_rows()), "marks in range");
        rows += batch.num_rows();
        if let Ok(out) = a.assess_marked(&batch, &marked) {
            check_output(&out, batch.num_rows());
            w.write(&out).expect("a Vec takes the CSV");
        }
        true
    });
    let bytes = w.finish(&a.output_schema()).expect("the CSV finishes");
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"));
});
