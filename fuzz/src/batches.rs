//! Fuzz inputs for the columnar layer, decoded from the fuzzer's bytes with `arbitrary::Unstructured`:
//! - [`batch_case`]: an Arrow batch of members whose columns have contract, odd or unknown names and any of
//!   the physical types a DataFrame or a Parquet file brings (strings, views, dictionaries, integers, floats,
//!   booleans, date32/date64, timestamps with and without a zone, null, binary), filled with values drawn from
//!   a pool of meaningful cells (dates in every form, eras, codes, flags, 12-digit numbers) or from raw bytes;
//!   and the batch options (one date or a date column, threads, unknown columns, full answers, knowledge date);
//! - [`csv_case`]: CSV bytes with reader options (encoding, a header mapping, the chunk size).
//!
//! Shared by the fuzz targets (`fuzz/fuzz_targets/arrow_batches.rs`, `csv_rows.rs`) and by the ordinary suite,
//! which replays the committed seeds through the same checks (`columnar/tests/fuzz_regressions.rs`).

use std::sync::Arc;

use arbitrary::{Result, Unstructured};
use arrow_array::types::{Int32Type, Int8Type};
use arrow_array::{
    ArrayRef, BinaryArray, BooleanArray, Date32Array, Date64Array, DictionaryArray, Float32Array,
    Float64Array, Int64Array, Int8Array, LargeStringArray, NullArray, RecordBatch,
    RecordBatchOptions, StringArray, StringViewArray, TimestampMicrosecondArray,
    TimestampMillisecondArray, TimestampNanosecondArray, TimestampSecondArray, UInt64Array,
};
use arrow_schema::{Field, Schema};
use hokensho::{Lang, NaiveDate};
use hokensho_arrow::csv::{ColumnMap, CsvEncoding, CsvOptions};
use hokensho_arrow::{BatchOptions, Extra};

/// Column names: the contract's, list slots at and past the limit, near misses and a Japanese header.
const NAMES: &[&str] = &[
    "id",
    "insurer",
    "role",
    "birth_date",
    "abroad",
    "needs_assistance",
    "coverage.acquired_on",
    "coverage.lost_on",
    "coverage.voluntary_continuation",
    "number_on_file.received_on",
    "number_on_file.registered_on",
    "legacy_card.issued_on",
    "legacy_card.expires_on",
    "legacy_card.lost_on",
    "my_number_card.issued_on",
    "my_number_card.expires_on",
    "my_number_card.e_cert_expires_on",
    "my_number_card.registered_on",
    "my_number_card.cancelled_on",
    "my_number_card.lost_on",
    "my_number_card.usage.counted_on",
    "my_number_card.usage.last_12_months",
    "my_number_card.usage.last_3_months",
    "notice.issued_on",
    "notice.lost_on",
    "elderly_certificate.issued_on",
    "elderly_certificate.expires_on",
    "certificates.0.issued_on",
    "certificates.0.expires_on",
    "certificates.0.basis",
    "certificates.0.lost_on",
    "certificates.1.issued_on",
    "certificates.1.basis",
    "certificates.99.issued_on",
    "certificates.100.issued_on",
    "certificates.01.issued_on",
    "certificates.0",
    "face_changes.0.on",
    "face_changes.0.reason",
    "face_changes.2.on",
    "face_changes.2.reason",
    "on",
    "coverage",
    "my_number_card",
    "氏名",
    "",
    "a.b.c.d",
];

/// Cells worth trying: dates in each form the layer reads, eras at their edges, codes, flags, numbers.
const CELLS: &[&str] = &[
    "2025-12-02",
    "2025/12/02",
    "2025/4/1",
    "2019/04/01 00:00:00",
    "昭和33年10月15日",
    "令和7年12月1日",
    "R7.12.1",
    "平成31年4月30日",
    "令和元年5月1日",
    "1900-01-01",
    "2200-12-31",
    "2024-02-29",
    "2023-02-29",
    "1899-12-31",
    "kenpo",
    "kyokai",
    "kyosai",
    "kokuho",
    "kouki",
    "insured",
    "dependent",
    "requested",
    "ex_officio",
    "bulk",
    "name",
    "insurer_change",
    "true",
    "FALSE",
    "はい",
    "いいえ",
    "1",
    "0",
    "-1",
    "12",
    "3",
    "",
    " ",
    "null",
    "123456789018",
    "1234 5678 9018",
    "E-0001",
];

fn cell<'a>(u: &mut Unstructured<'a>) -> Result<Option<String>> {
    Ok(match u.int_in_range(0u8..=9)? {
        0 => None,
        1 => Some(String::arbitrary_take(u)?),
        _ => Some((*u.choose(CELLS)?).to_owned()),
    })
}

/// `String` from the fuzzer's bytes (a short one).
trait TakeString {
    fn arbitrary_take(u: &mut Unstructured<'_>) -> Result<String>;
}

impl TakeString for String {
    fn arbitrary_take(u: &mut Unstructured<'_>) -> Result<String> {
        let n = u.int_in_range(0usize..=24)?;
        let bytes = u.bytes(n.min(u.len()))?;
        Ok(String::from_utf8_lossy(bytes).into_owned())
    }
}

fn opt<T>(
    u: &mut Unstructured<'_>,
    f: impl FnOnce(&mut Unstructured<'_>) -> Result<T>,
) -> Result<Option<T>> {
    if u.ratio(1u8, 5u8)? {
        Ok(None)
    } else {
        f(u).map(Some)
    }
}

/// A day number: near the transition mostly, anywhere sometimes.
fn day(u: &mut Unstructured<'_>) -> Result<i32> {
    Ok(if u.ratio(1u8, 4u8)? {
        u.arbitrary()?
    } else {
        u.int_in_range(-30_000..=90_000)?
    })
}

fn column(u: &mut Unstructured<'_>, n: usize) -> Result<ArrayRef> {
    let strings = |u: &mut Unstructured<'_>| -> Result<Vec<Option<String>>> {
        (0..n).map(|_| cell(u)).collect()
    };
    let days = |u: &mut Unstructured<'_>| -> Result<Vec<Option<i32>>> {
        (0..n).map(|_| opt(u, day)).collect()
    };
    let ints = |u: &mut Unstructured<'_>| -> Result<Vec<Option<i64>>> {
        (0..n)
            .map(|_| {
                opt(u, |u| {
                    Ok(if u.ratio(1u8, 2u8)? {
                        u.arbitrary()?
                    } else {
                        i64::from(u.int_in_range(-2i8..=40)?)
                    })
                })
            })
            .collect()
    };
    let instants = |u: &mut Unstructured<'_>, per_day: i64| -> Result<Vec<Option<i64>>> {
        (0..n)
            .map(|_| {
                opt(u, |u| {
                    Ok(if u.ratio(1u8, 4u8)? {
                        u.arbitrary()?
                    } else {
                        i64::from(day(u)?)
                            .saturating_mul(per_day)
                            .saturating_add(i64::from(u.int_in_range(-1i8..=1)?) * (per_day / 3))
                    })
                })
            })
            .collect()
    };
    let tz = |u: &mut Unstructured<'_>| -> Result<Option<Arc<str>>> {
        Ok(match u.int_in_range(0u8..=2)? {
            0 => None,
            1 => Some("Asia/Tokyo".into()),
            _ => Some("+00:00".into()),
        })
    };
    Ok(match u.int_in_range(0u8..=17)? {
        0..=3 => Arc::new(StringArray::from(strings(u)?)),
        4 => Arc::new(LargeStringArray::from(strings(u)?)),
        5 => Arc::new(StringViewArray::from(strings(u)?)),
        6 => {
            let v = strings(u)?;
            Arc::new(
                v.iter()
                    .map(|x| x.as_deref())
                    .collect::<DictionaryArray<Int8Type>>(),
            )
        }
        7 => {
            let v = strings(u)?;
            Arc::new(
                v.iter()
                    .map(|x| x.as_deref())
                    .collect::<DictionaryArray<Int32Type>>(),
            )
        }
        8 => Arc::new(Int64Array::from(ints(u)?)),
        9 => Arc::new(Int8Array::from(
            ints(u)?
                .into_iter()
                .map(|x| x.map(|v| v as i8))
                .collect::<Vec<_>>(),
        )),
        10 => Arc::new(UInt64Array::from(
            ints(u)?
                .into_iter()
                .map(|x| x.map(|v| v as u64))
                .collect::<Vec<_>>(),
        )),
        11 => Arc::new(Float64Array::from(
            (0..n)
                .map(|_| opt(u, |u| u.arbitrary::<f64>()))
                .collect::<Result<Vec<_>>>()?,
        )),
        12 => Arc::new(Float32Array::from(
            (0..n)
                .map(|_| opt(u, |u| Ok(f32::from(u.int_in_range(-3i8..=40)?))))
                .collect::<Result<Vec<_>>>()?,
        )),
        13 => Arc::new(BooleanArray::from(
            (0..n)
                .map(|_| opt(u, |u| u.arbitrary::<bool>()))
                .collect::<Result<Vec<_>>>()?,
        )),
        14 => Arc::new(Date32Array::from(days(u)?)),
        15 => Arc::new(Date64Array::from(instants(u, 86_400_000)?)),
        16 => {
            let z = tz(u)?;
            match u.int_in_range(0u8..=3)? {
                0 => {
                    Arc::new(TimestampSecondArray::from(instants(u, 86_400)?).with_timezone_opt(z))
                }
                1 => Arc::new(
                    TimestampMillisecondArray::from(instants(u, 86_400_000)?).with_timezone_opt(z),
                ),
                2 => Arc::new(
                    TimestampMicrosecondArray::from(instants(u, 86_400_000_000)?)
                        .with_timezone_opt(z),
                ),
                _ => Arc::new(
                    TimestampNanosecondArray::from(instants(u, 86_400_000_000_000)?)
                        .with_timezone_opt(z),
                ),
            }
        }
        _ => {
            if u.ratio(1u8, 2u8)? {
                Arc::new(NullArray::new(n))
            } else {
                let v: Vec<Option<Vec<u8>>> = (0..n)
                    .map(|_| opt(u, |u| Ok(u.bytes(u.len().min(4))?.to_vec())))
                    .collect::<Result<_>>()?;
                Arc::new(BinaryArray::from(
                    v.iter().map(|x| x.as_deref()).collect::<Vec<_>>(),
                ))
            }
        }
    })
}

/// A batch of members and the options to assess it with.
pub fn batch_case(data: &[u8]) -> Result<(RecordBatch, BatchOptions)> {
    let mut u = Unstructured::new(data);
    let u = &mut u;
    let n = u.int_in_range(0usize..=40)?;
    let width = u.int_in_range(0usize..=14)?;
    let mut fields = Vec::with_capacity(width);
    let mut cols = Vec::with_capacity(width);
    for _ in 0..width {
        let name = if u.ratio(1u8, 12u8)? {
            String::arbitrary_take(u)?
        } else {
            (*u.choose(NAMES)?).to_owned()
        };
        let col = column(u, n)?;
        fields.push(Field::new(name, col.data_type().clone(), true));
        cols.push(col);
    }
    let batch = RecordBatch::try_new_with_options(
        Arc::new(Schema::new(fields)),
        cols,
        &RecordBatchOptions::new().with_row_count(Some(n)),
    )
    .map_err(|_| arbitrary::Error::IncorrectFormat)?;
    let date = |s: &str| hokensho::parse_date(s).ok();
    let on: Option<NaiveDate> = match u.int_in_range(0u8..=4)? {
        0 => None,
        1 => date("2024-12-01"),
        2 => date("2026-08-01"),
        3 => date("2200-12-31"),
        _ => date("2025-12-02"),
    };
    let opts = BatchOptions {
        on,
        on_column: if u.ratio(1u8, 3u8)? {
            Some("on".into())
        } else {
            None
        },
        threads: u.int_in_range(1usize..=3)?,
        extra: if u.arbitrary()? {
            Extra::Error
        } else {
            Extra::Ignore
        },
        assessment: if u.ratio(1u8, 3u8)? {
            Some(hokensho::Options {
                messages: u.arbitrary()?,
                trace: u.arbitrary()?,
                rules_as_of: None,
            })
        } else {
            None
        },
        rules_as_of: match u.int_in_range(0u8..=3)? {
            0 => date("2025-01-01"),
            1 => date("1900-01-01"),
            _ => None,
        },
        lang: if u.arbitrary()? { Lang::En } else { Lang::Ja },
        labels: match u.int_in_range(0u8..=2)? {
            0 => Some(Lang::Ja),
            1 => Some(Lang::En),
            _ => None,
        },
        long_texts: u.arbitrary()?,
    };
    Ok((batch, opts))
}

/// The header mapping of `examples/hr/columns.toml` (a Japanese HR export).
pub const HR_MAP: &str = include_str!("../../examples/hr/columns.toml");

/// CSV bytes and reader options: the first byte picks the encoding (auto, UTF-8, Shift_JIS), whether the HR
/// mapping applies, and the chunk size (1 to 8 rows, so chunk edges are crossed).
pub fn csv_case(data: &[u8]) -> (&[u8], CsvOptions) {
    let (mode, text) = data.split_first().map_or((0, data), |(m, t)| (*m, t));
    let encoding = match mode % 3 {
        0 => None,
        1 => Some(CsvEncoding::Utf8),
        _ => Some(CsvEncoding::ShiftJis),
    };
    let map = if mode & 0x04 != 0 {
        ColumnMap::from_toml(HR_MAP, "columns.toml").unwrap_or_default()
    } else {
        ColumnMap::default()
    };
    let chunk_rows = usize::from((mode >> 3) % 8) + 1;
    let on_column = if mode & 0x80 != 0 {
        Some("on".to_owned())
    } else {
        None
    };
    (
        text,
        CsvOptions {
            encoding,
            map,
            on_column,
            chunk_rows,
        },
    )
}

/// The checks every output batch passes: one row per input row; a row is either answered (`covered` set, no
/// error) or an error row (`error_code`, `error_path` and `error` set, no answer).
pub fn check_output(out: &RecordBatch, rows: usize) {
    use arrow_array::Array;
    assert_eq!(out.num_rows(), rows, "one output row per input row");
    let col = |n: &str| {
        out.column_by_name(n)
            .unwrap_or_else(|| panic!("output column `{n}`"))
    };
    let (covered, code, path, error) = (
        col("covered"),
        col("error_code"),
        col("error_path"),
        col("error"),
    );
    for i in 0..rows {
        let answered = covered.is_valid(i);
        assert_eq!(answered, code.is_null(i), "row {i}: answered xor error");
        assert_eq!(
            code.is_null(i),
            path.is_null(i),
            "row {i}: code and path together"
        );
        assert_eq!(
            code.is_null(i),
            error.is_null(i),
            "row {i}: code and text together"
        );
    }
}

/// The checks every long table passes: `row` points into the input, in order, and every row that is an error
/// row in the summary has exactly one line, with its error.
pub fn check_long(long: &RecordBatch, summary: &RecordBatch) {
    use arrow_array::cast::AsArray;
    use arrow_array::Array;
    let rows = long
        .column_by_name("row")
        .unwrap_or_else(|| panic!("long column `row`"))
        .as_primitive::<arrow_array::types::Int64Type>();
    let err = long
        .column_by_name("error_code")
        .unwrap_or_else(|| panic!("long column `error_code`"));
    let bad = summary
        .column_by_name("error_code")
        .unwrap_or_else(|| panic!("summary column `error_code`"));
    let mut last = -1i64;
    let mut lines = vec![0usize; summary.num_rows()];
    for i in 0..long.num_rows() {
        let r = rows.value(i);
        assert!(r >= last, "rows in order");
        last = r;
        let r = usize::try_from(r).unwrap_or(usize::MAX);
        assert!(r < summary.num_rows(), "row in range");
        lines[r] += 1;
        assert_eq!(
            err.is_valid(i),
            bad.is_valid(r),
            "line {i}: an error line iff an error row"
        );
    }
    for (r, n) in lines.iter().enumerate() {
        if bad.is_valid(r) {
            assert_eq!(*n, 1, "error row {r} has one line");
        }
    }
}
