//! Roster files in and answers out: JSON Lines, CSV (UTF-8 with or without BOM, or Shift_JIS/CP932) and
//! Parquet. Readers give chunks of rows in order; a row that cannot be decoded becomes an error row in its place,
//! and only a file that cannot be read at all is an error.

use std::fs::File;
use std::io::{BufRead, BufReader, Read, Write};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use arrow_array::{Array, ArrayRef, RecordBatch, StringArray};
use arrow_cast::display::{ArrayFormatter, FormatOptions};
use arrow_schema::{DataType, Field, Schema};
use hokensho::Error;
pub use hokensho_arrow::csv::{ColumnMap, CsvEncoding, CsvOptions};
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

use hokensho_arrow::csv::bad_encoding;
pub use hokensho_arrow::csv::line_error;

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

/// Reads a mapping file (`--columns MAP.toml`).
pub fn load_map(path: &str) -> Result<ColumnMap, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read `{path}`: {e} / `{path}` を読めません"))?;
    ColumnMap::from_toml(&text, path).map_err(|e| e.to_string())
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

/// Reads CSV in chunks of string columns named by contract path (the columnar layer's reader). A row whose
/// fields do not decode, or whose field count differs from the header's, is an error row.
pub fn read_csv(
    path: &str,
    o: &ReadOptions,
    mut emit: impl FnMut(Chunk) -> bool,
) -> Result<(), String> {
    let r = BufReader::with_capacity(1 << 20, open(path)?);
    let opts = CsvOptions {
        encoding: o.encoding,
        map: o.map.clone(),
        on_column: o.on_column.clone(),
        chunk_rows: CHUNK,
    };
    hokensho_arrow::csv::read_csv(r, path, &opts, |b, marked| emit(Chunk::Batch(b, marked)))
        .map_err(|e| e.to_string())
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
            .target(f.name(), k + 1, path, o.on_column.as_deref())
            .map_err(|e| e.to_string())?
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
    /// CSV, UTF-8 with a BOM (so Excel opens it), header first: the columnar layer's writer.
    Csv(hokensho_arrow::csv::CsvWriter<Box<dyn Write + Send>>),
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
            Format::Csv => Writer::Csv(
                hokensho_arrow::csv::CsvWriter::new(sink()?).map_err(|e| e.to_string())?,
            ),
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
            Writer::Csv(out) => out.write(b).map_err(|e| e.to_string()),
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
            Writer::Csv(out) => {
                let mut sink = out.finish(schema).map_err(|e| e.to_string())?;
                sink.flush().map_err(w)
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
