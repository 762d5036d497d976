//! The columnar call (`assessColumns` in JavaScript): member columns as typed arrays in, the summary columns as
//! typed arrays out. The arrays become an Arrow `RecordBatch` in the contract's flat column paths and go through
//! `hokensho_arrow::Assessor`, the same layer as the CLI's CSV and Parquet paths and Python's `assess_frame`: no
//! conversion of values and no rule logic here.
//!
//! - Dates (and counts, and per-row query dates): `Int32Array`, days since 1970-01-01; [`NULL_DAY`] is null.
//! - Flags: `Uint8Array`, 0 or 1; 255 is null (any other number is that row's error).
//! - Codes: indices into the column's vocabulary ([`vocab`]); a negative index is null, one past the end is that
//!   row's error.
//! - Text: one string holding every cell one after the other and the UTF-16 end of each cell (so a JavaScript
//!   array of strings crosses the boundary as one string); an empty cell is null, as everywhere in the layer.
//!
//! Errors are the core's error envelope as a string (the wrapper throws `HokenshoError`), naming the column.

use std::sync::Arc;

use arrow_array::builder::StringBuilder;
use arrow_array::cast::AsArray;
use arrow_array::types::{Date32Type, Int8Type};
use arrow_array::{
    Array, ArrayRef, Date32Array, Int32Array, RecordBatch, RecordBatchOptions, UInt8Array,
};
use arrow_buffer::NullBuffer;
use arrow_schema::{DataType, Field, Schema};
use hokensho::api::err_envelope;
use hokensho::{Error, FieldError};
use hokensho_arrow::members::{kind_of, Kind};
use hokensho_arrow::{Assessor, BatchOptions, Extra};
use wasm_bindgen::prelude::*;

use crate::Rules;

/// The null of a day column (and of a count column): the smallest 32-bit integer.
pub const NULL_DAY: i32 = i32::MIN;
/// The null of a flag column.
pub const NULL_FLAG: u8 = 255;

fn fail(code: &str, column: &str, en: String, ja: String) -> JsValue {
    let e = Error::InvalidRequest(vec![FieldError::new(code, column, en, ja)]);
    JsValue::from_str(&err_envelope(&e))
}

/// The language of the `error_message` column (`ja`, the default, or `en`).
fn lang_of(lang: Option<String>) -> Result<hokensho::Lang, JsValue> {
    match lang.as_deref() {
        None => Ok(hokensho::Lang::Ja),
        Some(s) => hokensho::Lang::parse(s).ok_or_else(|| {
            fail(
                "invalid_value",
                "lang",
                "`lang` must be `ja` or `en`".into(),
                "`lang` は `ja` か `en` です".into(),
            )
        }),
    }
}

fn envelope(e: &Error) -> JsValue {
    JsValue::from_str(&err_envelope(e))
}

/// What a member column holds, by its name: `id`, `insurer`, `role`, `date`, `flag`, `count`, `basis`,
/// `reason`, or the empty string for a name that is not one of the contract's paths.
#[wasm_bindgen(js_name = columnKind)]
pub fn column_kind(name: &str) -> String {
    match kind_of(name) {
        Some(Kind::Id) => "id",
        Some(Kind::Insurer) => "insurer",
        Some(Kind::Role) => "role",
        Some(Kind::Date) => "date",
        Some(Kind::Flag) => "flag",
        Some(Kind::Count) => "count",
        Some(Kind::Basis) => "basis",
        Some(Kind::Reason) => "reason",
        None => "",
    }
    .to_owned()
}

/// The vocabulary of a coded column, input (`role`, `certificates.0.basis`, …) or output (`legacy_card`,
/// `needs_reason`, `next_action`, …), in the order of its indices; empty for any other column.
#[wasm_bindgen(js_name = columnVocab)]
pub fn column_vocab(name: &str) -> Vec<String> {
    hokensho_arrow::vocab(name)
        .unwrap_or_default()
        .into_iter()
        .map(str::to_owned)
        .collect()
}

/// Hands the CSV reader the WHATWG Shift_JIS index jis0208 (`index[pointer]`, 0 = none): the wasm build has no
/// encoding tables of its own; the wrapper builds the index once from the platform's `TextDecoder('shift_jis')`.
#[wasm_bindgen(js_name = setShiftJisIndex)]
pub fn set_shift_jis_index(index: Vec<u16>) {
    hokensho_arrow::csv::set_shift_jis_index(index);
}

/// Member columns being handed over, one call per column, each checked for its length.
#[wasm_bindgen]
pub struct MemberColumns {
    rows: usize,
    fields: Vec<Field>,
    arrays: Vec<ArrayRef>,
}

/// One text cell after another: `text` and the UTF-16 end of each cell, as byte ranges of `text`.
fn text_ranges(column: &str, text: &str, ends: &[u32]) -> Result<Vec<(usize, usize)>, JsValue> {
    let bad = || {
        fail(
            "invalid_value",
            column,
            format!("the text of column `{column}` does not match its cell ends"),
            format!("列 `{column}` の文字列がセルの区切りと合いません"),
        )
    };
    let mut out = Vec::with_capacity(ends.len());
    if text.is_ascii() {
        let mut start = 0usize;
        for &e in ends {
            let e = e as usize;
            if e < start || e > text.len() {
                return Err(bad());
            }
            out.push((start, e));
            start = e;
        }
        return Ok(out);
    }
    let mut chars = text.char_indices();
    let (mut byte, mut unit) = (0usize, 0usize);
    let mut start = 0usize;
    for &e in ends {
        let e = e as usize;
        while unit < e {
            match chars.next() {
                Some((_, c)) => {
                    byte += c.len_utf8();
                    unit += c.len_utf16();
                }
                None => return Err(bad()),
            }
        }
        if unit != e {
            return Err(bad());
        }
        out.push((start, byte));
        start = byte;
    }
    Ok(out)
}

#[wasm_bindgen]
impl MemberColumns {
    /// An empty set of columns for `rows` members.
    #[wasm_bindgen(constructor)]
    pub fn new(rows: usize) -> MemberColumns {
        MemberColumns {
            rows,
            fields: Vec::new(),
            arrays: Vec::new(),
        }
    }

    fn push(&mut self, name: &str, len: usize, array: ArrayRef) -> Result<(), JsValue> {
        if len != self.rows {
            return Err(fail(
                "invalid_length",
                name,
                format!(
                    "column `{name}` has {len} values, not one per row ({})",
                    self.rows
                ),
                format!(
                    "列 `{name}` の値が {len} 個で、行数（{}）と合いません",
                    self.rows
                ),
            ));
        }
        if self.fields.iter().any(|f| f.name() == name) {
            return Err(fail(
                "duplicate_column",
                name,
                format!("column `{name}` is given twice"),
                format!("列 `{name}` が二度指定されています"),
            ));
        }
        self.fields
            .push(Field::new(name, array.data_type().clone(), true));
        self.arrays.push(array);
        Ok(())
    }

    /// A date column: days since 1970-01-01, [`NULL_DAY`] for null.
    pub fn dates(&mut self, name: &str, days: Vec<i32>) -> Result<(), JsValue> {
        let len = days.len();
        let nulls = days
            .contains(&NULL_DAY)
            .then(|| NullBuffer::from(days.iter().map(|d| *d != NULL_DAY).collect::<Vec<bool>>()));
        let a = Date32Array::new(days.into(), nulls);
        self.push(name, len, Arc::new(a))
    }

    /// A count column: whole numbers, [`NULL_DAY`] for null (a negative number is that row's error).
    pub fn counts(&mut self, name: &str, values: Vec<i32>) -> Result<(), JsValue> {
        let len = values.len();
        let nulls = values.contains(&NULL_DAY).then(|| {
            NullBuffer::from(values.iter().map(|d| *d != NULL_DAY).collect::<Vec<bool>>())
        });
        let a = Int32Array::new(values.into(), nulls);
        self.push(name, len, Arc::new(a))
    }

    /// A flag column: 0 or 1, [`NULL_FLAG`] for null (any other number is that row's error).
    pub fn flags(&mut self, name: &str, values: Vec<u8>) -> Result<(), JsValue> {
        let len = values.len();
        let nulls = values.contains(&NULL_FLAG).then(|| {
            NullBuffer::from(
                values
                    .iter()
                    .map(|d| *d != NULL_FLAG)
                    .collect::<Vec<bool>>(),
            )
        });
        let a = UInt8Array::new(values.into(), nulls);
        self.push(name, len, Arc::new(a))
    }

    /// A coded column as indices into its vocabulary ([`column_vocab`]): negative is null, an index past the
    /// end is that row's error.
    pub fn codes(&mut self, name: &str, keys: Vec<i32>) -> Result<(), JsValue> {
        let vocab = hokensho_arrow::vocab(name).filter(|_| kind_of(name).is_some());
        let Some(vocab) = vocab else {
            return Err(fail(
                "invalid_type",
                name,
                format!("column `{name}` is not a coded column: give its values as strings"),
                format!("列 `{name}` はコードの列ではありません: 文字列で渡してください"),
            ));
        };
        let mut b = StringBuilder::with_capacity(keys.len(), keys.len() * 8);
        let mut text = String::new();
        for &k in &keys {
            match usize::try_from(k) {
                Err(_) => b.append_null(),
                Ok(i) => match vocab.get(i) {
                    Some(v) => b.append_value(v),
                    None => {
                        // not a code: the core names it as that row's error
                        text.clear();
                        text.push_str(&k.to_string());
                        b.append_value(&text);
                    }
                },
            }
        }
        self.push(name, keys.len(), Arc::new(b.finish()))
    }

    /// A text column: every cell one after the other in `text`, and the UTF-16 end of each cell in `ends` (an
    /// empty cell is null).
    pub fn strings(&mut self, name: &str, text: &str, ends: Vec<u32>) -> Result<(), JsValue> {
        let ranges = text_ranges(name, text, &ends)?;
        let mut b = StringBuilder::with_capacity(ranges.len(), text.len());
        for (s, e) in ranges {
            match text.get(s..e) {
                Some("") | None => b.append_null(),
                Some(v) => b.append_value(v),
            }
        }
        self.push(name, ends.len(), Arc::new(b.finish()))
    }
}

/// The summary columns of one or more batches (a CSV read in chunks), read out column by column; with the
/// summary CSV when it was asked for.
#[wasm_bindgen]
pub struct SummaryColumns {
    batches: Vec<RecordBatch>,
    csv: Option<Vec<u8>>,
    /// The input batches of a CSV (for [`Rules::csv_member`]).
    inputs: Vec<RecordBatch>,
}

impl SummaryColumns {
    fn arrays<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a ArrayRef> + 'a {
        self.batches
            .iter()
            .filter_map(move |b| b.column_by_name(name))
    }
}

#[wasm_bindgen]
impl SummaryColumns {
    /// The number of rows.
    pub fn rows(&self) -> usize {
        self.batches.iter().map(RecordBatch::num_rows).sum()
    }

    /// The column names, in order.
    pub fn names(&self) -> Vec<String> {
        let schema = self
            .batches
            .first()
            .map_or_else(|| hokensho_arrow::output_schema(false), RecordBatch::schema);
        schema.fields().iter().map(|f| f.name().clone()).collect()
    }

    /// How a column reads: `flag`, `code`, `date` or `text`.
    pub fn kind(&self, name: &str) -> String {
        let schema = hokensho_arrow::output_schema(false);
        match schema.field_with_name(name).map(|f| f.data_type()) {
            Ok(DataType::Boolean) => "flag",
            Ok(DataType::Dictionary(_, _)) => "code",
            Ok(DataType::Date32) => "date",
            _ => "text",
        }
        .to_owned()
    }

    /// A boolean column: 0, 1, or [`NULL_FLAG`] for null.
    pub fn flags(&self, name: &str) -> Vec<u8> {
        self.arrays(name)
            .filter_map(|c| c.as_boolean_opt())
            .flat_map(|a| a.iter().map(|v| v.map_or(NULL_FLAG, u8::from)))
            .collect()
    }

    /// A coded column: indices into its vocabulary ([`SummaryColumns::vocab`]), -1 for null.
    pub fn codes(&self, name: &str) -> Vec<i8> {
        self.arrays(name)
            .filter_map(|c| c.as_dictionary_opt::<Int8Type>())
            .flat_map(|a| a.keys().iter().map(|v| v.unwrap_or(-1)))
            .collect()
    }

    /// The vocabulary of a coded column.
    pub fn vocab(&self, name: &str) -> Vec<String> {
        column_vocab(name)
    }

    /// A date column: days since 1970-01-01, [`NULL_DAY`] for null.
    pub fn dates(&self, name: &str) -> Vec<i32> {
        self.arrays(name)
            .filter_map(|c| c.as_primitive_opt::<Date32Type>())
            .flat_map(|a| a.iter().map(|v| v.unwrap_or(NULL_DAY)))
            .collect()
    }

    /// A text column's cells, one after the other (read with [`SummaryColumns::text_ends`]).
    pub fn text(&self, name: &str) -> String {
        self.arrays(name)
            .filter_map(|c| c.as_string_opt::<i32>())
            .flat_map(|a| a.iter().flatten())
            .collect()
    }

    /// The UTF-16 end of each cell of a text column in [`SummaryColumns::text`]; a null cell ends where it
    /// starts and is marked in [`SummaryColumns::text_nulls`].
    #[wasm_bindgen(js_name = textEnds)]
    pub fn text_ends(&self, name: &str) -> Vec<u32> {
        let mut end = 0usize;
        self.arrays(name)
            .filter_map(|c| c.as_string_opt::<i32>())
            .flat_map(|a| a.iter())
            .map(|v| {
                end += v.map_or(0, |s| {
                    if s.is_ascii() {
                        s.len()
                    } else {
                        s.encode_utf16().count()
                    }
                });
                u32::try_from(end).unwrap_or(u32::MAX)
            })
            .collect()
    }

    /// 1 for each null cell of a text column, else 0 (empty when the column has no null).
    #[wasm_bindgen(js_name = textNulls)]
    pub fn text_nulls(&self, name: &str) -> Vec<u8> {
        if self.arrays(name).all(|a| a.null_count() == 0) {
            return Vec::new();
        }
        self.arrays(name)
            .flat_map(|a| (0..a.len()).map(|i| u8::from(a.is_null(i))))
            .collect()
    }

    /// An input column of a roster read by [`Rules::assess_csv`] (e.g. `insurer`, after the mapping), read out as
    /// the summary's text columns are.
    #[wasm_bindgen(js_name = inputColumn)]
    pub fn input_column(&self, name: &str) -> SummaryColumns {
        let batches = self
            .inputs
            .iter()
            .filter_map(|b| {
                RecordBatch::try_from_iter([(name, b.column_by_name(name)?.clone())]).ok()
            })
            .collect();
        SummaryColumns {
            batches,
            csv: None,
            inputs: Vec::new(),
        }
    }

    /// The summary CSV (UTF-8 with a BOM, the CLI's `--output-format csv --summary` bytes), when asked for.
    pub fn csv(&self) -> Option<Vec<u8>> {
        self.csv.clone()
    }
}

#[wasm_bindgen]
impl Rules {
    /// The columnar call: the members in `columns`, on the date `on` (ISO or Japanese era) and/or each row's
    /// date in the column `on_column`, with the rules as announced by `rules_as_of`. One output row per input
    /// row, in order; a bad row is that row's error, never the batch's.
    #[wasm_bindgen(js_name = assessColumns)]
    pub fn assess_columns(
        &self,
        columns: &MemberColumns,
        on: Option<String>,
        on_column: Option<String>,
        rules_as_of: Option<String>,
        lang: Option<String>,
    ) -> Result<SummaryColumns, JsValue> {
        let date = |s: Option<String>, path: &str| {
            s.map(|s| hokensho::api::parse_date_arg(&s, path))
                .transpose()
                .map_err(|e| envelope(&e))
        };
        let opts = BatchOptions {
            on: date(on, "on")?,
            on_column,
            threads: 1,
            extra: Extra::Error,
            assessment: None,
            rules_as_of: date(rules_as_of, "rules_as_of")?,
            lang: lang_of(lang)?,
            ..BatchOptions::default()
        };
        let schema = Arc::new(Schema::new(columns.fields.clone()));
        let batch = RecordBatch::try_new_with_options(
            schema,
            columns.arrays.clone(),
            &RecordBatchOptions::new().with_row_count(Some(columns.rows)),
        )
        .map_err(|e| {
            fail(
                "invalid_value",
                "columns",
                format!("the columns do not make a batch: {e}"),
                format!("列からバッチを作れません: {e}"),
            )
        })?;
        Assessor::new(&self.inner, opts)
            .assess(&batch)
            .map(|batch| SummaryColumns {
                batches: vec![batch],
                csv: None,
                inputs: Vec::new(),
            })
            .map_err(|e| envelope(&e))
    }

    /// The roster call: a CSV file's bytes (UTF-8 or Shift_JIS, `encoding` `auto` when absent), with the
    /// contract's column paths as headers or the user's own mapped by `columns` (the CLI's `--columns` TOML
    /// text), read by `hokensho_arrow::csv` as the CLI reads it; `csv` asks for the summary CSV too.
    #[wasm_bindgen(js_name = assessCsv)]
    #[allow(clippy::too_many_arguments)]
    pub fn assess_csv(
        &self,
        bytes: &[u8],
        encoding: Option<String>,
        columns: Option<String>,
        on: Option<String>,
        on_column: Option<String>,
        rules_as_of: Option<String>,
        csv: bool,
        lang: Option<String>,
    ) -> Result<SummaryColumns, JsValue> {
        use hokensho_arrow::csv::{read_csv, ColumnMap, CsvEncoding, CsvOptions, CsvWriter};
        let read = |e: hokensho_arrow::csv::ReadError, path: &str| fail(e.code, path, e.en, e.ja);
        let encoding = CsvEncoding::parse(encoding.as_deref().unwrap_or("auto")).map_err(|en| {
            fail(
                "invalid_value",
                "encoding",
                en,
                "`encoding` は utf-8・shift_jis・auto のいずれかです".into(),
            )
        })?;
        let map = match columns {
            Some(text) => ColumnMap::from_toml(&text, "columns").map_err(|e| read(e, "columns"))?,
            None => ColumnMap::default(),
        };
        let date = |s: Option<String>, path: &str| {
            s.map(|s| hokensho::api::parse_date_arg(&s, path))
                .transpose()
                .map_err(|e| envelope(&e))
        };
        let opts = BatchOptions {
            on: date(on, "on")?,
            on_column: on_column.clone(),
            threads: 1,
            extra: Extra::Error,
            assessment: None,
            rules_as_of: date(rules_as_of, "rules_as_of")?,
            lang: lang_of(lang)?,
            ..BatchOptions::default()
        };
        let o = CsvOptions {
            encoding,
            map,
            on_column,
            chunk_rows: 0,
        };
        let assessor = Assessor::new(&self.inner, opts);
        let mut inputs = Vec::new();
        let mut batches = Vec::new();
        let mut failed = None;
        read_csv(bytes, "roster.csv", &o, |batch, marked| {
            match assessor.assess_marked(&batch, &marked) {
                Ok(b) => batches.push(b),
                Err(e) => failed = Some(e),
            }
            inputs.push(batch);
            failed.is_none()
        })
        .map_err(|e| read(e, "csv"))?;
        if let Some(e) = failed {
            return Err(envelope(&e));
        }
        let csv = if csv {
            let mut w = CsvWriter::new(Vec::new()).map_err(|e| read(e, "csv"))?;
            for b in &batches {
                w.write(b).map_err(|e| read(e, "csv"))?;
            }
            Some(
                w.finish(&assessor.output_schema())
                    .map_err(|e| read(e, "csv"))?,
            )
        } else {
            None
        };
        Ok(SummaryColumns {
            batches,
            csv,
            inputs,
        })
    }

    /// The member of row `row` of a roster read by [`Rules::assess_csv`], as contract JSON (for the
    /// single-member view); `undefined` for a row that is not a member (its error is in the summary).
    #[wasm_bindgen(js_name = csvMember)]
    pub fn csv_member(&self, roster: &SummaryColumns, row: usize) -> Option<String> {
        let mut start = 0;
        for b in &roster.inputs {
            if row < start + b.num_rows() {
                let one = b.slice(row - start, 1);
                // the row's date column, if any, is not a member field
                let opts = BatchOptions {
                    extra: Extra::Ignore,
                    ..BatchOptions::default()
                };
                let m = Assessor::new(&self.inner, opts)
                    .members(&one)
                    .into_iter()
                    .next()?;
                return m.ok().and_then(|m| serde_json::to_string(&m).ok());
            }
            start += b.num_rows();
        }
        None
    }
}
