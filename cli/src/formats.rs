//! Roster files in and answers out: JSON Lines, CSV (UTF-8 with or without BOM, or Shift_JIS/CP932) and
//! Parquet. Readers give chunks of rows in order; a row that cannot be decoded becomes an error row in its place,
//! and only a file that cannot be read at all is an error.

use std::collections::HashMap;
use std::fs::File;
use std::io::{BufRead, BufReader, Read, Write};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use arrow_array::builder::StringBuilder;
use arrow_array::{Array, ArrayRef, RecordBatch, StringArray};
use arrow_cast::display::{ArrayFormatter, FormatOptions};
use arrow_schema::{DataType, Field, Schema};
use encoding_rs::{Encoding, SHIFT_JIS, UTF_8};
use hokensho::{Error, FieldError};
use serde_json::Value;

/// Rows per chunk of columns.
pub const CHUNK: usize = 65_536;
/// Lines per chunk of JSON Lines (a full answer is about 9 KB: a few chunks in flight stay small).
pub const LINES: usize = 2048;

/// A file format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// One JSON document per line.
    Jsonl,
    /// Comma-separated values with a header line.
    Csv,
    /// Apache Parquet.
    Parquet,
}

impl Format {
    /// The format named on the command line.
    pub fn parse(s: &str) -> Result<Format, String> {
        match s.to_ascii_lowercase().as_str() {
            "jsonl" | "ndjson" | "json" => Ok(Format::Jsonl),
            "csv" => Ok(Format::Csv),
            "parquet" | "pq" => Ok(Format::Parquet),
            _ => Err(format!("unknown format `{s}` (jsonl, csv or parquet)")),
        }
    }

    /// The format a file name's extension says, if any.
    pub fn of_path(path: &str) -> Option<Format> {
        let ext = std::path::Path::new(path).extension()?.to_str()?;
        Format::parse(ext).ok()
    }
}

/// A row error a reader found (the row keeps its place): `code` at `line:N`.
pub fn line_error(code: &str, line: u64, en: String, ja: String) -> Error {
    Error::InvalidMember(vec![FieldError::new(code, format!("line:{line}"), en, ja)])
}

fn bad_encoding(line: u64, enc: &str) -> Error {
    line_error(
        "invalid_encoding",
        line,
        format!("line {line} is not valid {enc}"),
        format!("{line} 行目は {enc} として読めません"),
    )
}

/// One chunk of input rows.
pub enum Chunk {
    /// JSON Lines: each line's text, or its decoding error.
    Lines(Vec<Result<String, Error>>),
    /// Columns in the contract's paths, with the rows a reader already found bad.
    Batch(RecordBatch, Vec<(usize, Error)>),
}

impl Chunk {
    /// Rows in the chunk.
    pub fn len(&self) -> usize {
        match self {
            Chunk::Lines(l) => l.len(),
            Chunk::Batch(b, _) => b.num_rows(),
        }
    }
}

/// Bytes read so far from the input file (for the progress bar's ETA on text files).
pub static BYTES_READ: AtomicU64 = AtomicU64::new(0);

/// A reader that counts into [`BYTES_READ`].
struct Counting<R>(R);

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.0.read(buf)?;
        BYTES_READ.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

/// Opens `path` (`-` for stdin).
pub fn open(path: &str) -> Result<Box<dyn Read + Send>, String> {
    if path == "-" {
        return Ok(Box::new(Counting(std::io::stdin())));
    }
    File::open(path)
        .map(|f| Box::new(Counting(f)) as Box<dyn Read + Send>)
        .map_err(|e| format!("cannot read `{path}`: {e} / `{path}` を読めません"))
}

/// Reads JSON Lines in chunks; a line that is not UTF-8 is an `invalid_encoding` row.
pub fn read_jsonl(path: &str, mut emit: impl FnMut(Chunk) -> bool) -> Result<(), String> {
    let mut r = BufReader::with_capacity(1 << 20, open(path)?);
    let mut buf = Vec::new();
    let mut line = 0u64;
    let mut rows = Vec::with_capacity(LINES);
    loop {
        buf.clear();
        let n = r.read_until(b'\n', &mut buf).map_err(|e| {
            format!(
                "cannot read `{path}` at line {n}: {e} / `{path}` の {n} 行目を読めません",
                n = line + 1
            )
        })?;
        if n == 0 {
            break;
        }
        line += 1;
        while buf.last().is_some_and(|b| *b == b'\n' || *b == b'\r') {
            buf.pop();
        }
        let text = if line == 1 {
            buf.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&buf)
        } else {
            &buf[..]
        };
        rows.push(match std::str::from_utf8(text) {
            Ok(s) => Ok(s.to_owned()),
            Err(_) => Err(bad_encoding(line, "UTF-8")),
        });
        if rows.len() == LINES
            && !emit(Chunk::Lines(std::mem::replace(
                &mut rows,
                Vec::with_capacity(LINES),
            )))
        {
            return Ok(());
        }
    }
    if !rows.is_empty() {
        emit(Chunk::Lines(rows));
    }
    Ok(())
}

/// How a user's own headers become contract paths (`--columns MAP.toml`).
#[derive(Debug, Default, serde::Deserialize)]
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
    /// Reads a mapping file.
    pub fn load(path: &str) -> Result<ColumnMap, String> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("cannot read `{path}`: {e} / `{path}` を読めません"))?;
        let m: ColumnMap = toml::from_str(&text).map_err(|e| {
            format!(
                "`{path}`: {} / `{path}` の書式が正しくありません",
                e.message()
            )
        })?;
        for (h, p) in &m.columns {
            if !hokensho_arrow::members::is_member_column(p) && p != "on" {
                return Err(format!(
                    "`{path}`: column `{h}` maps to `{p}`, which is not a member field / 列 `{h}` の対応先 `{p}` は会員レコードの項目ではありません"
                ));
            }
        }
        for p in m.constants.keys().chain(m.values.keys()) {
            if !hokensho_arrow::members::is_member_column(p) {
                return Err(format!("`{path}`: `{p}` is not a member field / `{p}` は会員レコードの項目ではありません"));
            }
        }
        Ok(m)
    }

    /// The contract path of header `h` (position `k`, from 1) of `file`; `None` for an ignored column.
    pub fn target(
        &self,
        h: &str,
        k: usize,
        file: &str,
        on_column: Option<&str>,
    ) -> Result<Option<String>, String> {
        let h = h.trim();
        if NUMBER_HEADERS.iter().any(|x| h.eq_ignore_ascii_case(x)) {
            return Err(format!(
                "`{file}`: column {k} (`{h}`) holds individual numbers; hokensho never reads them: remove the column / {k} 列目（`{h}`）は個人番号の列です。hokensho は個人番号を読みません: 列を削除してください"
            ));
        }
        if self.ignore.iter().any(|x| x == h) {
            return Ok(None);
        }
        if let Some(p) = self.columns.get(h) {
            return Ok(Some(p.clone()));
        }
        if hokensho_arrow::members::is_member_column(h) || Some(h) == on_column {
            return Ok(Some(h.to_owned()));
        }
        Err(format!(
            "`{file}`: unknown column `{h}` (line 1, column {k}): map it to a member field with `--columns MAP.toml`, or list it under `ignore` / 不明な列 `{h}`（1 行目 {k} 列目）: `--columns MAP.toml` で会員レコードの項目に対応させるか、`ignore` に入れてください"
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
    /// `--encoding`.
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

    fn encoding(self) -> &'static Encoding {
        match self {
            CsvEncoding::Utf8 => UTF_8,
            // encoding_rs's Shift_JIS is the WHATWG one, which is Windows' CP932
            CsvEncoding::ShiftJis => SHIFT_JIS,
        }
    }

    fn name(self) -> &'static str {
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
        SHIFT_JIS
            .decode_without_bom_handling_and_without_replacement(body)
            .map(|_| CsvEncoding::ShiftJis)
    }

    fn decode<'a>(self, bytes: &'a [u8]) -> Option<std::borrow::Cow<'a, str>> {
        match self {
            CsvEncoding::Utf8 => std::str::from_utf8(bytes).ok().map(Into::into),
            CsvEncoding::ShiftJis => self
                .encoding()
                .decode_without_bom_handling_and_without_replacement(bytes),
        }
    }
}

/// Settings of the CSV and Parquet readers.
pub struct ReadOptions {
    /// The CSV encoding (`None`: detect).
    pub encoding: Option<CsvEncoding>,
    /// The user's headers.
    pub map: ColumnMap,
    /// The column of per-row dates, when given.
    pub on_column: Option<String>,
}

/// Reads CSV in chunks of string columns named by contract path. A row whose fields do not decode, or whose
/// field count differs from the header's, is an error row.
pub fn read_csv(
    path: &str,
    o: &ReadOptions,
    mut emit: impl FnMut(Chunk) -> bool,
) -> Result<(), String> {
    let mut r = BufReader::with_capacity(1 << 20, open(path)?);
    let sample = r
        .fill_buf()
        .map_err(|e| format!("cannot read `{path}`: {e} / `{path}` を読めません"))?;
    let enc = match o.encoding {
        Some(e) => e,
        None => CsvEncoding::sniff(sample).ok_or_else(|| {
            format!("`{path}`: the encoding is neither UTF-8 nor Shift_JIS: give `--encoding` / `{path}` の文字コードは UTF-8 でも Shift_JIS でもありません: `--encoding` を指定してください")
        })?,
    };
    let mut csv = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(r);
    let mut rec = csv::ByteRecord::new();
    let read = |csv: &mut csv::Reader<_>, rec: &mut csv::ByteRecord| {
        csv.read_byte_record(rec).map_err(|e| {
            let line = e.position().map_or(0, |p| p.line());
            format!("`{path}`: cannot read line {line}: {e} / `{path}` の {line} 行目を読めません")
        })
    };
    if !read(&mut csv, &mut rec)? {
        return Err(format!(
            "`{path}`: the file is empty (a header line is needed) / `{path}` が空です（見出し行が必要です）"
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
            format!(
                "`{path}`: the header (line 1, column {k}) is not valid {enc}: give `--encoding` / 見出し（1 行目 {k} 列目）が {enc} として読めません: `--encoding` を指定してください",
                k = k + 1,
                enc = enc.name()
            )
        })?;
        let t = o.map.target(&name, k + 1, path, o.on_column.as_deref())?;
        if let Some(t) = &t {
            if targets.iter().flatten().any(|x| x == t) {
                return Err(format!(
                    "`{path}`: two columns map to `{t}` (line 1, column {k}) / 二つの列が `{t}` に対応しています（1 行目 {k} 列目）",
                    k = k + 1
                ));
            }
        }
        targets.push(t);
    }
    let width = targets.len();
    let consts: Vec<(String, String)> = o
        .map
        .constants
        .iter()
        .filter(|(p, _)| !targets.iter().flatten().any(|t| t == *p))
        .map(|(p, v)| (p.clone(), v.clone()))
        .collect();
    let values: Vec<Option<&HashMap<String, String>>> = targets
        .iter()
        .map(|t| t.as_ref().and_then(|t| o.map.values.get(t)))
        .collect();
    let new_builders = || -> Vec<StringBuilder> {
        (0..width)
            .map(|_| StringBuilder::with_capacity(CHUNK, CHUNK * 10))
            .collect()
    };
    let mut builders = new_builders();
    let mut marked: Vec<(usize, Error)> = Vec::new();
    let mut rows = 0usize;
    let flush = |builders: &mut Vec<StringBuilder>,
                 marked: &mut Vec<(usize, Error)>,
                 rows: usize|
     -> Chunk {
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
        let schema = Arc::new(Schema::new(fields));
        let batch = if cols.is_empty() {
            RecordBatch::try_new_with_options(
                schema,
                cols,
                &arrow_array::RecordBatchOptions::new().with_row_count(Some(rows)),
            )
        } else {
            RecordBatch::try_new(schema, cols)
        };
        match batch {
            Ok(b) => Chunk::Batch(b, std::mem::take(marked)),
            Err(e) => Chunk::Lines(vec![Err(line_error(
                "internal",
                0,
                format!("internal error: {e}"),
                "内部エラー".into(),
            ))]),
        }
    };
    loop {
        rec.clear();
        if !read(&mut csv, &mut rec)? {
            break;
        }
        let line = rec.position().map_or(0, |p| p.line());
        let mut cells: Vec<Option<std::borrow::Cow<'_, str>>> = Vec::with_capacity(width);
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
                    Some(s) => cells.push(Some(s)),
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
                let c = c.unwrap_or_default();
                match vals.and_then(|m| m.get(c.trim())) {
                    Some(v) => b.append_value(v),
                    None => b.append_value(c),
                }
            }
        }
        rows += 1;
        if rows == CHUNK {
            let chunk = flush(&mut builders, &mut marked, rows);
            rows = 0;
            if !emit(chunk) {
                return Ok(());
            }
        }
    }
    if rows > 0 {
        emit(flush(&mut builders, &mut marked, rows));
    }
    Ok(())
}

/// Reads Parquet in batches, renaming the user's columns to contract paths.
pub fn read_parquet(
    path: &str,
    o: &ReadOptions,
    mut emit: impl FnMut(Chunk) -> bool,
) -> Result<(), String> {
    use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
    if path == "-" {
        return Err("Parquet cannot be read from stdin: give a file / Parquet は標準入力から読めません: ファイルを指定してください".into());
    }
    let f = File::open(path)
        .map_err(|e| format!("cannot read `{path}`: {e} / `{path}` を読めません"))?;
    let b = ParquetRecordBatchReaderBuilder::try_new(f).map_err(|e| {
        format!("`{path}` is not a Parquet file: {e} / `{path}` は Parquet ファイルではありません")
    })?;
    let schema = b.schema().clone();
    let mut keep: Vec<(usize, String)> = Vec::new();
    for (k, f) in schema.fields().iter().enumerate() {
        if let Some(t) = o
            .map
            .target(f.name(), k + 1, path, o.on_column.as_deref())?
        {
            keep.push((k, t));
        }
    }
    let reader = b
        .with_batch_size(CHUNK)
        .build()
        .map_err(|e| format!("cannot read `{path}`: {e} / `{path}` を読めません"))?;
    for (n, batch) in reader.enumerate() {
        let batch = batch.map_err(|e| {
            format!(
                "cannot read `{path}` (batch {b}): {e} / `{path}` の {b} 番目のバッチを読めません",
                b = n + 1
            )
        })?;
        let fields: Vec<Field> = keep
            .iter()
            .map(|(k, t)| Field::new(t, batch.column(*k).data_type().clone(), true))
            .collect();
        let mut cols: Vec<ArrayRef> = keep.iter().map(|(k, _)| batch.column(*k).clone()).collect();
        let mut fields = fields;
        for (p, v) in &o.map.constants {
            if !keep.iter().any(|(_, t)| t == p) {
                fields.push(Field::new(p, DataType::Utf8, true));
                cols.push(Arc::new(StringArray::from(vec![
                    v.as_str();
                    batch.num_rows()
                ])));
            }
        }
        let out = RecordBatch::try_new_with_options(
            Arc::new(Schema::new(fields)),
            cols,
            &arrow_array::RecordBatchOptions::new().with_row_count(Some(batch.num_rows())),
        )
        .map_err(|e| format!("cannot read `{path}`: {e} / `{path}` を読めません"))?;
        if !emit(Chunk::Batch(out, Vec::new())) {
            break;
        }
    }
    Ok(())
}

/// A text formatter per column (dates as `YYYY-MM-DD`, dictionaries as their value, null as empty).
fn formatters<'a>(
    b: &'a RecordBatch,
    opts: &'a FormatOptions<'a>,
) -> Result<Vec<ArrayFormatter<'a>>, String> {
    b.columns()
        .iter()
        .map(|c| ArrayFormatter::try_new(c.as_ref(), opts))
        .collect::<Result<_, _>>()
        .map_err(w)
}

/// Where answers go.
pub enum Writer {
    /// JSON Lines: summary rows as objects, or the full answer (the core's envelope) per line.
    Jsonl(Box<dyn Write + Send>, bool),
    /// CSV, UTF-8 with a BOM (so Excel opens it), header first.
    Csv(csv::Writer<Box<dyn Write + Send>>, bool),
    /// Parquet (the writer is made at the first batch).
    Parquet(Option<parquet::arrow::ArrowWriter<File>>, String),
}

fn w(e: impl std::fmt::Display) -> String {
    format!("cannot write: {e}")
}

impl Writer {
    /// A writer of `format` to `path` (`None`: stdout); `summary` says which columns JSON Lines gets.
    pub fn create(format: Format, path: Option<&str>, summary: bool) -> Result<Writer, String> {
        let sink = || -> Result<Box<dyn Write + Send>, String> {
            Ok(match path {
                None | Some("-") => Box::new(std::io::BufWriter::with_capacity(
                    1 << 20,
                    std::io::stdout(),
                )),
                Some(p) => Box::new(std::io::BufWriter::with_capacity(
                    1 << 20,
                    File::create(p).map_err(|e| format!("cannot write `{p}`: {e}"))?,
                )),
            })
        };
        Ok(match format {
            Format::Jsonl => Writer::Jsonl(sink()?, summary),
            Format::Csv => {
                let mut s = sink()?;
                s.write_all(b"\xEF\xBB\xBF").map_err(w)?;
                Writer::Csv(csv::Writer::from_writer(s), false)
            }
            Format::Parquet => match path {
                None | Some("-") => {
                    return Err(
                        "Parquet cannot be written to stdout: give `-o FILE.parquet`".into(),
                    )
                }
                Some(p) => Writer::Parquet(None, p.to_owned()),
            },
        })
    }

    /// Writes full answers that are already envelopes (JSON Lines only).
    pub fn lines(&mut self, lines: &[String]) -> Result<(), String> {
        if let Writer::Jsonl(out, _) = self {
            for l in lines {
                out.write_all(l.as_bytes()).map_err(w)?;
                out.write_all(b"\n").map_err(w)?;
            }
        }
        Ok(())
    }

    /// Writes an output batch.
    pub fn batch(&mut self, b: &RecordBatch) -> Result<(), String> {
        match self {
            Writer::Jsonl(out, summary) => {
                if !*summary {
                    if let Some(a) = b.column_by_name("assessment") {
                        let a = arrow_array::cast::AsArray::as_string::<i32>(a);
                        for i in 0..a.len() {
                            out.write_all(a.value(i).as_bytes()).map_err(w)?;
                            out.write_all(b"\n").map_err(w)?;
                        }
                        return Ok(());
                    }
                }
                let opts = FormatOptions::default();
                let fmts = formatters(b, &opts)?;
                // one object per row, keys in column order
                let keys: Vec<String> = b
                    .schema()
                    .fields()
                    .iter()
                    .map(|f| Value::String(f.name().clone()).to_string())
                    .collect();
                let mut line = String::new();
                for i in 0..b.num_rows() {
                    line.clear();
                    line.push('{');
                    for (k, ((key, c), fmt)) in keys.iter().zip(b.columns()).zip(&fmts).enumerate()
                    {
                        if k > 0 {
                            line.push(',');
                        }
                        line.push_str(key);
                        line.push(':');
                        let v = if c.is_null(i) {
                            Value::Null
                        } else if c.data_type() == &DataType::Boolean {
                            Value::Bool(arrow_array::cast::AsArray::as_boolean(c).value(i))
                        } else {
                            Value::String(fmt.value(i).to_string())
                        };
                        line.push_str(&v.to_string());
                    }
                    line.push_str("}\n");
                    out.write_all(line.as_bytes()).map_err(w)?;
                }
                Ok(())
            }
            Writer::Csv(out, header) => {
                let schema = b.schema();
                if !*header {
                    out.write_record(schema.fields().iter().map(|f| f.name().as_str()))
                        .map_err(w)?;
                    *header = true;
                }
                let opts = FormatOptions::default();
                let fmts = formatters(b, &opts)?;
                let mut cell = String::new();
                for i in 0..b.num_rows() {
                    for fmt in &fmts {
                        cell.clear();
                        std::fmt::Write::write_fmt(&mut cell, format_args!("{}", fmt.value(i)))
                            .map_err(w)?;
                        out.write_field(&cell).map_err(w)?;
                    }
                    out.write_record(None::<&[u8]>).map_err(w)?;
                }
                Ok(())
            }
            Writer::Parquet(wr, path) => {
                if wr.is_none() {
                    let f =
                        File::create(&*path).map_err(|e| format!("cannot write `{path}`: {e}"))?;
                    let props = parquet::file::properties::WriterProperties::builder()
                        .set_compression(parquet::basic::Compression::SNAPPY)
                        .build();
                    *wr = Some(
                        parquet::arrow::ArrowWriter::try_new(f, b.schema(), Some(props))
                            .map_err(w)?,
                    );
                }
                match wr {
                    Some(x) => x.write(b).map_err(w),
                    None => Ok(()),
                }
            }
        }
    }

    /// Flushes and closes; `schema` is written when no batch came (an empty Parquet file still has columns).
    pub fn finish(self, schema: &arrow_schema::SchemaRef) -> Result<(), String> {
        match self {
            Writer::Jsonl(mut out, _) => out.flush().map_err(w),
            Writer::Csv(mut out, header) => {
                if !header {
                    out.write_record(schema.fields().iter().map(|f| f.name().as_str()))
                        .map_err(w)?;
                }
                out.flush().map_err(w)
            }
            Writer::Parquet(wr, path) => {
                let wr = match wr {
                    Some(x) => x,
                    None => {
                        let f = File::create(&path)
                            .map_err(|e| format!("cannot write `{path}`: {e}"))?;
                        parquet::arrow::ArrowWriter::try_new(f, schema.clone(), None).map_err(w)?
                    }
                };
                wr.close().map(|_| ()).map_err(w)
            }
        }
    }
}
