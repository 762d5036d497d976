//! CSV rosters in and summary CSV out (feature `csv`): UTF-8 with or without a BOM, or Shift_JIS as Windows
//! writes it (CP932), with the contract's column paths as headers or the user's own headers mapped by a
//! [`ColumnMap`] (the CLI's `--columns MAP.toml`). The CLI, the wasm roster page and the fuzzers share this one
//! reader and writer, so they give the same rows and the same bytes.
//!
//! - **Rows keep their place.** A row whose fields do not decode in the file's encoding (`invalid_encoding`) or
//!   whose field count differs from the header's (`invalid_row`) becomes an error row at its position, with
//!   its line number; the rows after it are read on. Only a file that cannot be read at all (no header, a
//!   header that does not decode, an unknown or doubled column) is an error for the whole file.
//! - **Individual numbers are never read:** a column headed `マイナンバー`, `個人番号`, `my_number` or
//!   `individual_number` refuses the file before any row is read.
//! - **Cells are text.** Every mapped column becomes a string column named by its contract path, and the
//!   columnar layer converts the cells (dates in any form it takes, flags, codes) as for any other batch.

use std::borrow::Cow;
use std::collections::HashMap;
use std::io::{BufRead, Write};
use std::sync::Arc;

use arrow_array::builder::StringBuilder;
use arrow_array::{ArrayRef, RecordBatch, RecordBatchOptions, StringArray};
use arrow_schema::{DataType, Field, Schema, SchemaRef};
use hokensho::{Error, FieldError};

use crate::members::is_member_column;

/// The rows of a batch a reader already found bad: (row in the batch, its error), sorted by row.
pub type Marked = Vec<(usize, Error)>;

/// Rows per batch the reader gives by default.
pub const CHUNK: usize = 65_536;

/// Why a whole file (or mapping) was refused: a code, and the reason in English and Japanese. It prints as
/// `English / 日本語`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadError {
    /// `unreadable`, `empty`, `encoding`, `unknown_column`, `duplicate_column`, `individual_number`,
    /// `invalid_mapping`.
    pub code: &'static str,
    /// The reason in English.
    pub en: String,
    /// The reason in Japanese.
    pub ja: String,
}

impl ReadError {
    fn new(code: &'static str, en: String, ja: String) -> ReadError {
        ReadError { code, en, ja }
    }
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} / {}", self.en, self.ja)
    }
}

impl std::error::Error for ReadError {}

/// A row error a reader found (the row keeps its place): `code` at `line:N`.
pub fn line_error(code: &str, line: u64, en: String, ja: String) -> Error {
    Error::InvalidMember(vec![FieldError::new(code, format!("line:{line}"), en, ja)])
}

/// The error row of a line that does not decode in `enc`.
pub fn bad_encoding(line: u64, enc: &str) -> Error {
    line_error(
        "invalid_encoding",
        line,
        format!("line {line} is not valid {enc}"),
        format!("{line} 行目は {enc} として読めません"),
    )
}

/// How a user's own headers become contract paths (the CLI's `--columns MAP.toml`).
#[derive(Debug, Default, Clone, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ColumnMap {
    /// Header → contract path.
    #[serde(default)]
    pub columns: HashMap<String, String>,
    /// Headers to leave out.
    #[serde(default)]
    pub ignore: Vec<String>,
    /// Contract path → (the user's value → the contract's value), e.g. `role`: `本人` → `insured`.
    #[serde(default)]
    pub values: HashMap<String, HashMap<String, String>>,
    /// Contract path → one value for every row (e.g. `insurer = "kenpo"` when the export has no such column).
    #[serde(default)]
    pub constants: HashMap<String, String>,
}

/// Headers whose cells would be individual numbers: refused whole, never read.
const NUMBER_HEADERS: [&str; 4] = ["マイナンバー", "個人番号", "my_number", "individual_number"];

impl ColumnMap {
    /// Reads a mapping from TOML text; `source` names it in errors (a file name).
    pub fn from_toml(text: &str, source: &str) -> Result<ColumnMap, ReadError> {
        let m: ColumnMap = toml::from_str(text).map_err(|e| {
            ReadError::new(
                "invalid_mapping",
                format!("`{source}`: {}", e.message()),
                format!("`{source}` の書式が正しくありません"),
            )
        })?;
        let mut targets: Vec<(&String, &String)> = m.columns.iter().collect();
        targets.sort();
        for (h, p) in targets {
            if !is_member_column(p) && p != "on" {
                return Err(ReadError::new(
                    "invalid_mapping",
                    format!("`{source}`: column `{h}` maps to `{p}`, which is not a member field"),
                    format!("列 `{h}` の対応先 `{p}` は会員レコードの項目ではありません"),
                ));
            }
        }
        let mut paths: Vec<&String> = m.constants.keys().chain(m.values.keys()).collect();
        paths.sort();
        for p in paths {
            if !is_member_column(p) {
                return Err(ReadError::new(
                    "invalid_mapping",
                    format!("`{source}`: `{p}` is not a member field"),
                    format!("`{p}` は会員レコードの項目ではありません"),
                ));
            }
        }
        Ok(m)
    }

    /// The contract path of header `h` (position `k`, from 1) of `file`; `None` for an ignored column.
    /// `on_column` names the column of per-row query dates, which is kept under its own name.
    pub fn target(
        &self,
        h: &str,
        k: usize,
        file: &str,
        on_column: Option<&str>,
    ) -> Result<Option<String>, ReadError> {
        let h = h.trim();
        if NUMBER_HEADERS.iter().any(|x| h.eq_ignore_ascii_case(x)) {
            return Err(ReadError::new(
                "individual_number",
                format!("`{file}`: column {k} (`{h}`) holds individual numbers; hokensho never reads them: remove the column"),
                format!("{k} 列目（`{h}`）は個人番号の列です。hokensho は個人番号を読みません: 列を削除してください"),
            ));
        }
        if self.ignore.iter().any(|x| x == h) {
            return Ok(None);
        }
        if let Some(p) = self.columns.get(h) {
            return Ok(Some(p.clone()));
        }
        if is_member_column(h) || Some(h) == on_column {
            return Ok(Some(h.to_owned()));
        }
        Err(ReadError::new(
            "unknown_column",
            format!("`{file}`: unknown column `{h}` (line 1, column {k}): map it to a member field with `--columns MAP.toml`, or list it under `ignore`"),
            format!("不明な列 `{h}`（1 行目 {k} 列目）: `--columns MAP.toml` で会員レコードの項目に対応させるか、`ignore` に入れてください"),
        ))
    }
}

/// The CSV encodings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CsvEncoding {
    /// UTF-8, with or without a BOM.
    Utf8,
    /// Shift_JIS as Windows writes it (CP932).
    ShiftJis,
}

impl CsvEncoding {
    /// An encoding by name (`auto` is `None`: detect).
    pub fn parse(s: &str) -> Result<Option<CsvEncoding>, String> {
        match s.to_ascii_lowercase().replace(['-', '_'], "").as_str() {
            "auto" => Ok(None),
            "utf8" | "utf8bom" => Ok(Some(CsvEncoding::Utf8)),
            "shiftjis" | "sjis" | "cp932" | "windows31j" | "ms932" => {
                Ok(Some(CsvEncoding::ShiftJis))
            }
            _ => Err(format!("unknown encoding `{s}` (utf-8, shift_jis or auto)")),
        }
    }

    /// The encoding's name in messages.
    pub fn name(self) -> &'static str {
        match self {
            CsvEncoding::Utf8 => "UTF-8",
            CsvEncoding::ShiftJis => "Shift_JIS",
        }
    }

    /// Guesses from the start of a file: UTF-8 when it decodes as UTF-8 (a character cut at the end of the
    /// sample is fine), else Shift_JIS when it decodes as that.
    pub fn sniff(sample: &[u8]) -> Option<CsvEncoding> {
        let s = sample.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(sample);
        match std::str::from_utf8(s) {
            Ok(_) => return Some(CsvEncoding::Utf8),
            Err(e) if e.error_len().is_none() => return Some(CsvEncoding::Utf8),
            Err(_) => {}
        }
        // trim a possibly cut character at the end, then decode strictly
        let cut = s.len().saturating_sub(1);
        let body = s.get(..cut).unwrap_or(s);
        sjis::decode(body).map(|_| CsvEncoding::ShiftJis)
    }

    /// Strict decoding: `None` when the bytes are not valid (never a replacement character).
    pub fn decode(self, bytes: &[u8]) -> Option<Cow<'_, str>> {
        match self {
            CsvEncoding::Utf8 => std::str::from_utf8(bytes).ok().map(Into::into),
            CsvEncoding::ShiftJis => sjis::decode(bytes),
        }
    }
}

/// Shift_JIS as the WHATWG Encoding Standard decodes it (Windows' CP932), strictly: `None` for bytes that are not
/// valid (never a replacement character).
#[cfg(feature = "csv")]
mod sjis {
    use std::borrow::Cow;

    pub(super) fn decode(bytes: &[u8]) -> Option<Cow<'_, str>> {
        encoding_rs::SHIFT_JIS.decode_without_bom_handling_and_without_replacement(bytes)
    }
}

/// Without encoding_rs: the decoder over the index handed to [`set_shift_jis_index`] (no index: no Shift_JIS).
#[cfg(not(feature = "csv"))]
mod sjis {
    use std::borrow::Cow;
    use std::sync::OnceLock;

    pub(super) static INDEX: OnceLock<Vec<u16>> = OnceLock::new();

    pub(super) fn decode(bytes: &[u8]) -> Option<Cow<'_, str>> {
        super::sjis_index::decode(bytes, INDEX.get()?)
    }
}

/// The WHATWG Shift_JIS decoder written out, over an index jis0208 (with encoding_rs, only the tests use it, to
/// check it against encoding_rs).
#[cfg_attr(feature = "csv", allow(dead_code))]
mod sjis_index {
    use std::borrow::Cow;

    pub(super) fn decode<'a>(bytes: &'a [u8], index: &[u16]) -> Option<Cow<'a, str>> {
        if bytes.is_ascii() {
            return std::str::from_utf8(bytes).ok().map(Cow::Borrowed);
        }
        let mut out = String::with_capacity(bytes.len() * 3 / 2);
        let mut i = 0;
        while let Some(&b) = bytes.get(i) {
            i += 1;
            match b {
                0x00..=0x80 => out.push(char::from(b)),
                0xA1..=0xDF => out.push(char::from_u32(0xFF61 - 0xA1 + u32::from(b))?),
                0x81..=0x9F | 0xE0..=0xFC => {
                    let t = *bytes.get(i)?;
                    if !matches!(t, 0x40..=0x7E | 0x80..=0xFC) {
                        return None;
                    }
                    i += 1;
                    let lead = usize::from(b) - if b < 0xA0 { 0x81 } else { 0xC1 };
                    let trail = usize::from(t) - if t < 0x7F { 0x40 } else { 0x41 };
                    let pointer = lead * 188 + trail;
                    let c = if (8836..=10715).contains(&pointer) {
                        // the user-defined area
                        u32::try_from(0xE000 - 8836 + pointer).ok()
                    } else {
                        index
                            .get(pointer)
                            .filter(|c| **c != 0)
                            .map(|c| u32::from(*c))
                    };
                    out.push(char::from_u32(c?)?);
                }
                _ => return None,
            }
        }
        Some(Cow::Owned(out))
    }
}

/// Hands the Shift_JIS reader the WHATWG index jis0208 (`index[pointer]` = the code point, 0 = none), when the
/// crate is built without encoding_rs (feature `csv-reader` without `csv`); the first index given stays. With
/// encoding_rs it is not needed and is ignored.
pub fn set_shift_jis_index(index: Vec<u16>) {
    #[cfg(not(feature = "csv"))]
    let _ = sjis::INDEX.set(index);
    #[cfg(feature = "csv")]
    drop(index);
}

/// Settings of the CSV reader.
#[derive(Debug, Clone, Default)]
pub struct CsvOptions {
    /// The encoding (`None`: detect from the start of the file).
    pub encoding: Option<CsvEncoding>,
    /// The user's headers.
    pub map: ColumnMap,
    /// The column of per-row dates, when given.
    pub on_column: Option<String>,
    /// Rows per batch (0: [`CHUNK`]).
    pub chunk_rows: usize,
}

/// Reads CSV from `r` in batches of string columns named by contract path, each with the rows found bad
/// (sorted by row, for [`crate::Assessor::assess_marked`]). `source` names the input in errors. `emit` returns
/// `false` to stop early.
pub fn read_csv<R: BufRead>(
    mut r: R,
    source: &str,
    o: &CsvOptions,
    mut emit: impl FnMut(RecordBatch, Marked) -> bool,
) -> Result<(), ReadError> {
    let unreadable = |e: &dyn std::fmt::Display| {
        ReadError::new(
            "unreadable",
            format!("cannot read `{source}`: {e}"),
            format!("`{source}` を読めません"),
        )
    };
    let chunk = if o.chunk_rows == 0 {
        CHUNK
    } else {
        o.chunk_rows
    };
    let sample = r.fill_buf().map_err(|e| unreadable(&e))?;
    let enc = match o.encoding {
        Some(e) => e,
        None => CsvEncoding::sniff(sample).ok_or_else(|| {
            ReadError::new(
                "encoding",
                format!("`{source}`: the encoding is neither UTF-8 nor Shift_JIS: give `--encoding`"),
                format!("`{source}` の文字コードは UTF-8 でも Shift_JIS でもありません: `--encoding` を指定してください"),
            )
        })?,
    };
    let mut csv = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(r);
    let mut rec = csv::ByteRecord::new();
    let read = |csv: &mut csv::Reader<R>, rec: &mut csv::ByteRecord| {
        csv.read_byte_record(rec).map_err(|e| {
            let line = e.position().map_or(0, |p| p.line());
            ReadError::new(
                "unreadable",
                format!("`{source}`: cannot read line {line}: {e}"),
                format!("`{source}` の {line} 行目を読めません"),
            )
        })
    };
    if !read(&mut csv, &mut rec)? {
        return Err(ReadError::new(
            "empty",
            format!("`{source}`: the file is empty (a header line is needed)"),
            format!("`{source}` が空です（見出し行が必要です）"),
        ));
    }
    // the header: contract paths (or ignored columns)
    let mut targets: Vec<Option<String>> = Vec::new();
    for (k, raw) in rec.iter().enumerate() {
        let raw = if k == 0 {
            raw.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(raw)
        } else {
            raw
        };
        let name = enc.decode(raw).ok_or_else(|| {
            ReadError::new(
                "encoding",
                format!(
                    "`{source}`: the header (line 1, column {k}) is not valid {enc}: give `--encoding`",
                    k = k + 1,
                    enc = enc.name()
                ),
                format!(
                    "見出し（1 行目 {k} 列目）が {enc} として読めません: `--encoding` を指定してください",
                    k = k + 1,
                    enc = enc.name()
                ),
            )
        })?;
        let t = o.map.target(&name, k + 1, source, o.on_column.as_deref())?;
        if let Some(t) = &t {
            if targets.iter().flatten().any(|x| x == t) {
                return Err(ReadError::new(
                    "duplicate_column",
                    format!(
                        "`{source}`: two columns map to `{t}` (line 1, column {k})",
                        k = k + 1
                    ),
                    format!(
                        "二つの列が `{t}` に対応しています（1 行目 {k} 列目）",
                        k = k + 1
                    ),
                ));
            }
        }
        targets.push(t);
    }
    let width = targets.len();
    let mut consts: Vec<(String, String)> = o
        .map
        .constants
        .iter()
        .filter(|(p, _)| !targets.iter().flatten().any(|t| t == *p))
        .map(|(p, v)| (p.clone(), v.clone()))
        .collect();
    consts.sort();
    let values: Vec<Option<&HashMap<String, String>>> = targets
        .iter()
        .map(|t| t.as_ref().and_then(|t| o.map.values.get(t)))
        .collect();
    let new_builders = || -> Vec<StringBuilder> {
        (0..width)
            .map(|_| StringBuilder::with_capacity(chunk.min(CHUNK), chunk.min(CHUNK) * 10))
            .collect()
    };
    let mut builders = new_builders();
    let mut marked: Marked = Vec::new();
    let mut rows = 0usize;
    let flush =
        |builders: &mut Vec<StringBuilder>, rows: usize| -> Result<RecordBatch, ReadError> {
            let mut fields = Vec::new();
            let mut cols: Vec<ArrayRef> = Vec::new();
            for (t, b) in targets.iter().zip(builders.iter_mut()) {
                let a = b.finish();
                if let Some(t) = t {
                    fields.push(Field::new(t, DataType::Utf8, true));
                    cols.push(Arc::new(a));
                }
            }
            for (p, v) in &consts {
                fields.push(Field::new(p, DataType::Utf8, true));
                cols.push(Arc::new(StringArray::from(vec![v.as_str(); rows])));
            }
            RecordBatch::try_new_with_options(
                Arc::new(Schema::new(fields)),
                cols,
                &RecordBatchOptions::new().with_row_count(Some(rows)),
            )
            .map_err(|e| unreadable(&e))
        };
    loop {
        rec.clear();
        if !read(&mut csv, &mut rec)? {
            break;
        }
        let line = rec.position().map_or(0, |p| p.line());
        let mut cells: Vec<Cow<'_, str>> = Vec::with_capacity(width);
        let mut bad = None;
        if rec.len() != width {
            if rec.len() == 1 && rec.get(0).is_some_and(|f| f.is_empty()) {
                continue; // a blank line
            }
            bad = Some(line_error(
                "invalid_row",
                line,
                format!(
                    "line {line} has {} fields; the header has {width}",
                    rec.len()
                ),
                format!(
                    "{line} 行目の項目数 {} が見出しの {width} と違います",
                    rec.len()
                ),
            ));
        } else {
            for f in rec.iter() {
                match enc.decode(f) {
                    Some(s) => cells.push(s),
                    None => {
                        bad = Some(bad_encoding(line, enc.name()));
                        break;
                    }
                }
            }
        }
        if let Some(e) = bad {
            marked.push((rows, e));
            for b in builders.iter_mut() {
                b.append_null();
            }
        } else {
            for ((b, c), vals) in builders.iter_mut().zip(cells.drain(..)).zip(&values) {
                match vals.and_then(|m| m.get(c.trim())) {
                    Some(v) => b.append_value(v),
                    None => b.append_value(c),
                }
            }
        }
        rows += 1;
        if rows == chunk {
            let batch = flush(&mut builders, rows)?;
            rows = 0;
            if !emit(batch, std::mem::take(&mut marked)) {
                return Ok(());
            }
        }
    }
    if rows > 0 {
        let batch = flush(&mut builders, rows)?;
        emit(batch, marked);
    }
    Ok(())
}

/// Writes output batches as CSV: UTF-8 with a BOM (so Excel opens it), the header first, dates as
/// `YYYY-MM-DD`, coded columns as their codes, booleans as `true`/`false`, null as an empty field.
pub struct CsvWriter<W: Write> {
    out: csv::Writer<W>,
    header: bool,
    cell: String,
}

fn write_error(e: impl std::fmt::Display) -> ReadError {
    ReadError::new(
        "unwritable",
        format!("cannot write: {e}"),
        "書き込めません".into(),
    )
}

impl<W: Write> CsvWriter<W> {
    /// A writer to `w`; the BOM is written at once.
    pub fn new(mut w: W) -> Result<CsvWriter<W>, ReadError> {
        w.write_all(b"\xEF\xBB\xBF").map_err(write_error)?;
        Ok(CsvWriter {
            out: csv::Writer::from_writer(w),
            header: false,
            cell: String::new(),
        })
    }

    fn header(&mut self, schema: &Schema) -> Result<(), ReadError> {
        if !self.header {
            self.out
                .write_record(schema.fields().iter().map(|f| f.name().as_str()))
                .map_err(write_error)?;
            self.header = true;
        }
        Ok(())
    }

    /// Writes a batch's rows (and the header before the first).
    pub fn write(&mut self, b: &RecordBatch) -> Result<(), ReadError> {
        self.header(&b.schema())?;
        let cols = b
            .columns()
            .iter()
            .map(Cells::new)
            .collect::<Result<Vec<_>, _>>()?;
        for i in 0..b.num_rows() {
            for c in &cols {
                self.cell.clear();
                c.write(i, &mut self.cell)?;
                self.out.write_field(&self.cell).map_err(write_error)?;
            }
            self.out.write_record(None::<&[u8]>).map_err(write_error)?;
        }
        Ok(())
    }

    /// Flushes and gives back the sink; `schema` gives the header when no batch came.
    pub fn finish(mut self, schema: &SchemaRef) -> Result<W, ReadError> {
        self.header(schema)?;
        self.out.flush().map_err(write_error)?;
        self.out
            .into_inner()
            .map_err(|e| write_error(e.error().to_string()))
    }
}

/// One output column, cell by cell as CSV text: the output schema's types written out (so the wasm build needs
/// no arrow-cast), as arrow-cast's display writes them; any other type through arrow-cast when the crate has it.
enum Cells<'a> {
    Text(&'a StringArray),
    Flag(&'a arrow_array::BooleanArray),
    Day(&'a arrow_array::Date32Array),
    Code(&'a arrow_array::Int8Array, &'a StringArray),
    #[cfg(feature = "cast")]
    Other(arrow_cast::display::ArrayFormatter<'a>),
}

impl<'a> Cells<'a> {
    fn new(c: &'a ArrayRef) -> Result<Cells<'a>, ReadError> {
        use arrow_array::cast::AsArray;
        use arrow_array::types::{Date32Type, Int8Type};
        if let Some(a) = c.as_string_opt::<i32>() {
            return Ok(Cells::Text(a));
        }
        if let Some(a) = c.as_boolean_opt() {
            return Ok(Cells::Flag(a));
        }
        if let Some(a) = c.as_primitive_opt::<Date32Type>() {
            return Ok(Cells::Day(a));
        }
        if let Some(d) = c.as_dictionary_opt::<Int8Type>() {
            if let Some(v) = d.values().as_string_opt::<i32>() {
                return Ok(Cells::Code(d.keys(), v));
            }
        }
        #[cfg(feature = "cast")]
        {
            static OPTS: std::sync::OnceLock<arrow_cast::display::FormatOptions<'static>> =
                std::sync::OnceLock::new();
            let opts = OPTS.get_or_init(arrow_cast::display::FormatOptions::default);
            arrow_cast::display::ArrayFormatter::try_new(c.as_ref(), opts)
                .map(Cells::Other)
                .map_err(write_error)
        }
        #[cfg(not(feature = "cast"))]
        Err(write_error(format!("a column of type {}", c.data_type())))
    }

    fn write(&self, i: usize, out: &mut String) -> Result<(), ReadError> {
        use arrow_array::Array;
        match self {
            Cells::Text(a) if a.is_valid(i) => out.push_str(a.value(i)),
            Cells::Flag(a) if a.is_valid(i) => {
                out.push_str(if a.value(i) { "true" } else { "false" })
            }
            Cells::Day(a) if a.is_valid(i) => match crate::cells::date_of_day(a.value(i).into()) {
                Some(d) => out.push_str(&hokensho::dates::iso(d)),
                None => {
                    return Err(write_error(format!(
                        "day {} is outside the years of the rules",
                        a.value(i)
                    )))
                }
            },
            Cells::Code(k, v) if k.is_valid(i) => {
                let key = usize::try_from(k.value(i)).ok().filter(|k| *k < v.len());
                match key {
                    Some(key) if v.is_valid(key) => out.push_str(v.value(key)),
                    _ => {}
                }
            }
            #[cfg(feature = "cast")]
            Cells::Other(f) => {
                std::fmt::Write::write_fmt(out, format_args!("{}", f.value(i)))
                    .map_err(write_error)?;
            }
            _ => {}
        }
        Ok(())
    }
}

/// Reads a whole CSV held in memory and assesses it: the summary batches in order (one per chunk), written
/// as the summary CSV too when `csv_out` is set. A convenience over [`read_csv`], [`crate::Assessor`] and
/// [`CsvWriter`] for callers that hold the file as bytes (the wasm roster page).
pub fn assess_csv(
    assessor: &crate::Assessor<'_>,
    bytes: &[u8],
    source: &str,
    o: &CsvOptions,
    csv_out: bool,
) -> Result<(Vec<RecordBatch>, Option<Vec<u8>>), CsvAssessError> {
    let mut out = Vec::new();
    let mut failed = None;
    read_csv(bytes, source, o, |batch, marked| {
        match assessor.assess_marked(&batch, &marked) {
            Ok(b) => {
                out.push(b);
                true
            }
            Err(e) => {
                failed = Some(e);
                false
            }
        }
    })
    .map_err(CsvAssessError::Read)?;
    if let Some(e) = failed {
        return Err(CsvAssessError::Assess(e));
    }
    let text = if csv_out {
        let mut w = CsvWriter::new(Vec::new()).map_err(CsvAssessError::Read)?;
        for b in &out {
            w.write(b).map_err(CsvAssessError::Read)?;
        }
        Some(
            w.finish(&assessor.output_schema())
                .map_err(CsvAssessError::Read)?,
        )
    } else {
        None
    };
    Ok((out, text))
}

/// Why [`assess_csv`] gave no answer.
#[derive(Debug)]
pub enum CsvAssessError {
    /// The file was refused (see [`read_csv`]).
    Read(ReadError),
    /// The batch as a whole was refused (no date, no such date column).
    Assess(Error),
}

impl std::fmt::Display for CsvAssessError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CsvAssessError::Read(e) => write!(f, "{e}"),
            CsvAssessError::Assess(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for CsvAssessError {}

/// How many rows in `batches` (a check that nothing was lost).
pub fn rows(batches: &[RecordBatch]) -> usize {
    batches.iter().map(|b| b.num_rows()).sum()
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;

    fn read_all(bytes: &[u8], o: &CsvOptions) -> Result<Vec<(RecordBatch, Marked)>, ReadError> {
        let mut v = Vec::new();
        read_csv(bytes, "t.csv", o, |b, m| {
            v.push((b, m));
            true
        })?;
        Ok(v)
    }

    #[test]
    fn a_bad_row_keeps_its_place_and_the_next_rows_are_read() {
        let text = b"id,insurer\nA,kenpo\nB,ke\x82npo\nC\nD,kokuho\n";
        let got = read_all(
            text,
            &CsvOptions {
                encoding: Some(CsvEncoding::Utf8),
                ..Default::default()
            },
        )
        .unwrap();
        let (b, marked) = &got[0];
        assert_eq!(b.num_rows(), 4);
        let codes: Vec<(usize, &str, &str)> = marked
            .iter()
            .map(|(r, e)| (*r, e.errors()[0].code.as_str(), e.errors()[0].path.as_str()))
            .collect();
        assert_eq!(
            codes,
            vec![
                (1, "invalid_encoding", "line:3"),
                (2, "invalid_row", "line:4")
            ]
        );
    }

    #[test]
    #[cfg(feature = "csv")]
    fn the_written_out_shift_jis_decoder_equals_encoding_rs() {
        // the index as the wasm binding builds it from a TextDecoder: each pointer's two bytes decoded alone
        let index: Vec<u16> = (0..11280usize)
            .map(|p| {
                let (lead, trail) = (p / 188, p % 188);
                let lead = lead + if lead < 0x1F { 0x81 } else { 0xC1 };
                let trail = trail + if trail < 0x3F { 0x40 } else { 0x41 };
                let bytes = [lead as u8, trail as u8];
                let (text, bad) = encoding_rs::SHIFT_JIS.decode_without_bom_handling(&bytes);
                let units: Vec<u16> = text.encode_utf16().collect();
                match units.as_slice() {
                    [c] if !bad => *c,
                    _ => 0,
                }
            })
            .collect();
        let mut samples: Vec<Vec<u8>> = vec![
            encoding_rs::SHIFT_JIS
                .encode("社員番号,山田 太郎,昭和33年10月15日,ｱｲｳ,①,髙,～,表\\")
                .0
                .into_owned(),
            vec![0x82],
            vec![0x82, 0x20],
            vec![0x80, 0xA0],
            vec![0xFD],
            vec![0xF0, 0x40],
            vec![0x81, 0x7F],
            vec![0x85, 0x40],
        ];
        // every two-byte sequence, and each after an ASCII byte
        for a in 0..=255u8 {
            for b in 0..=255u8 {
                samples.push(vec![a, b]);
                samples.push(vec![b'x', a, b, b'y']);
            }
        }
        for bytes in &samples {
            let want =
                encoding_rs::SHIFT_JIS.decode_without_bom_handling_and_without_replacement(bytes);
            assert_eq!(super::sjis_index::decode(bytes, &index), want, "{bytes:x?}");
        }
    }

    #[test]
    #[cfg(feature = "csv")]
    fn shift_jis_is_detected_and_mapped() {
        let map = ColumnMap::from_toml(
            "[columns]\n\"社員番号\" = \"id\"\n[constants]\ninsurer = \"kenpo\"\n",
            "m.toml",
        )
        .unwrap();
        let (bytes, _, _) = encoding_rs::SHIFT_JIS.encode("社員番号\nＡ１\n");
        let got = read_all(
            &bytes,
            &CsvOptions {
                map,
                ..Default::default()
            },
        )
        .unwrap();
        let b = &got[0].0;
        assert_eq!(b.schema().field(0).name(), "id");
        assert_eq!(b.schema().field(1).name(), "insurer");
        let id = arrow_array::cast::AsArray::as_string::<i32>(b.column(0));
        assert_eq!(id.value(0), "Ａ１");
    }

    #[test]
    fn a_column_of_individual_numbers_refuses_the_file() {
        let e = read_all("id,個人番号\nA,1\n".as_bytes(), &CsvOptions::default()).unwrap_err();
        assert_eq!(e.code, "individual_number");
        assert!(e.ja.contains("個人番号の列"));
        assert!(!e.en.contains('列'));
    }

    #[test]
    fn chunks_split_rows_and_number_marks_from_the_chunk_start() {
        let text = b"id\nA\nB\n\xff\nD\nE\n";
        let got = read_all(
            text,
            &CsvOptions {
                encoding: Some(CsvEncoding::Utf8),
                chunk_rows: 2,
                ..Default::default()
            },
        )
        .unwrap();
        let sizes: Vec<usize> = got.iter().map(|(b, _)| b.num_rows()).collect();
        assert_eq!(sizes, vec![2, 2, 1]);
        assert_eq!(got[1].1.len(), 1);
        assert_eq!(got[1].1[0].0, 0);
        assert_eq!(got[1].1[0].1.errors()[0].path, "line:4");
    }
}
