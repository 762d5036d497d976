//! Rows per second of `hokensho-arrow` on one thread, split into the conversion (columns to members) and the
//! core (assessment and summary), on a Parquet roster in the contract's columns:
//!
//! ```sh
//! cargo run --release -p hokensho-arrow --example throughput -- members.parquet [2025-12-02]
//! ```
//!
//! `scripts/bench_columnar.py` writes such a file.

// Tests, benches and examples may panic: the lint that forbids it is for library and binary code.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::time::Instant;

use arrow_array::RecordBatch;
use hokensho::{Options, RuleSet};
use hokensho_arrow::{Assessor, BatchOptions};
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let path = args.next().ok_or("usage: throughput FILE.parquet [DATE]")?;
    let on = hokensho::parse_date(&args.next().unwrap_or_else(|| "2025-12-02".into()))?;
    let batches: Vec<RecordBatch> =
        ParquetRecordBatchReaderBuilder::try_new(std::fs::File::open(&path)?)?
            .with_batch_size(65_536)
            .build()?
            .collect::<Result<_, _>>()?;
    let rows: usize = batches.iter().map(RecordBatch::num_rows).sum();
    let rules = RuleSet::embedded()?;
    let a = Assessor::new(
        &rules,
        BatchOptions {
            on: Some(on),
            threads: 1,
            ..BatchOptions::default()
        },
    );
    let rate = |secs: f64| rows as f64 / secs;

    let t = Instant::now();
    let members: Vec<_> = batches.iter().flat_map(|b| a.members(b)).collect();
    let convert = t.elapsed().as_secs_f64();

    // `..default()`: the core's options grow
    #[allow(clippy::needless_update)]
    let quiet = Options {
        messages: false,
        trace: false,
        ..Options::default()
    };
    let t = Instant::now();
    let mut ok = 0usize;
    for m in members.iter().flatten() {
        if rules.assess_with(m, on, quiet).map(|x| x.summary()).is_ok() {
            ok += 1;
        }
    }
    let core = t.elapsed().as_secs_f64();

    let t = Instant::now();
    let mut out = 0usize;
    for b in &batches {
        out += a.assess(b)?.num_rows();
    }
    let whole = t.elapsed().as_secs_f64();

    println!("{rows} rows ({ok} assessed without error), one thread");
    println!("columns to members:       {:>12.0} rows/s", rate(convert));
    println!("core (assess + summary):  {:>12.0} rows/s", rate(core));
    println!(
        "hokensho-arrow, summary:  {:>12.0} rows/s ({out} output rows)",
        rate(whole)
    );
    Ok(())
}
