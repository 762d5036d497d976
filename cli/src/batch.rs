//! `hokensho assess` over whole rosters: JSON Lines, CSV or Parquet in, JSON Lines, CSV or Parquet out,
//! streamed in chunks on every core through `hokensho-arrow`, with progress on stderr.

use std::io::IsTerminal;
use std::sync::mpsc::sync_channel;
use std::time::Instant;

use hokensho::{NaiveDate, Options, RuleSet};
use hokensho_arrow::{Assessor, BatchOptions};

use crate::formats::{self, Chunk, ColumnMap, CsvEncoding, Format, ReadOptions, Writer};

/// The options `assess` takes beyond the common ones.
#[derive(Debug, Default)]
pub struct BatchArgs {
    output: Option<String>,
    input_format: Option<Format>,
    output_format: Option<Format>,
    summary: bool,
    encoding: Option<CsvEncoding>,
    columns: Option<String>,
    threads: Option<usize>,
    on_column: Option<String>,
}

/// The usage lines of these options.
pub const USAGE: &str = "  assess options: [-o FILE] [--input-format jsonl|csv|parquet] [--output-format jsonl|csv|parquet]
                  [--summary] [--encoding auto|utf-8|shift_jis] [--columns MAP.toml] [--on-column NAME]
                  [--threads N] [--lang ja|en] (the language of the `error_message` column)";

impl BatchArgs {
    /// Takes `flag` (and its value through `val`) when it is one of these options; `Ok(false)` otherwise.
    pub fn take(
        &mut self,
        flag: &str,
        val: &mut dyn FnMut(&str) -> Result<String, String>,
    ) -> Result<bool, String> {
        match flag {
            "-o" | "--output" => self.output = Some(val(flag)?),
            "--input-format" => self.input_format = Some(Format::parse(&val(flag)?)?),
            "--output-format" => self.output_format = Some(Format::parse(&val(flag)?)?),
            "--summary" => self.summary = true,
            "--encoding" => self.encoding = CsvEncoding::parse(&val(flag)?)?,
            "--columns" => self.columns = Some(val(flag)?),
            "--on-column" => self.on_column = Some(val(flag)?),
            "--threads" => {
                let v = val(flag)?;
                let n = v
                    .parse::<usize>()
                    .ok()
                    .filter(|n| (1..=256).contains(n))
                    .ok_or("`--threads` must be a whole number from 1 to 256 / `--threads` は 1 から 256 の整数です")?;
                self.threads = Some(n);
            }
            _ => return Ok(false),
        }
        Ok(true)
    }
}

/// What the progress bar counts to: the rows of a Parquet file, or the bytes of a text file.
enum Total {
    Rows(u64),
    Bytes(u64),
    Unknown,
}

/// Progress on stderr: a bar (rows, rows/s, ETA) on a terminal, else a line per million rows.
struct Progress {
    bar: Option<indicatif::ProgressBar>,
    bytes: bool,
    start: Instant,
    rows: u64,
    next_line: u64,
}

impl Progress {
    fn new(total: Total) -> Progress {
        let bar = std::io::stderr().is_terminal().then(|| {
            let (template, bar) = match total {
                Total::Rows(t) => (
                    "{bar:30} {pos}/{len} rows  {per_sec}  eta {eta}",
                    indicatif::ProgressBar::new(t),
                ),
                Total::Bytes(t) => ("{bar:30} {msg}  eta {eta}", indicatif::ProgressBar::new(t)),
                Total::Unknown => ("{spinner} {msg}", indicatif::ProgressBar::new_spinner()),
            };
            let style = indicatif::ProgressStyle::with_template(template)
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar());
            bar.set_style(style);
            bar
        });
        Progress {
            bar,
            bytes: !matches!(total, Total::Rows(_)),
            start: Instant::now(),
            rows: 0,
            next_line: 1_000_000,
        }
    }

    fn add(&mut self, n: usize) {
        self.rows += n as u64;
        let secs = self.start.elapsed().as_secs_f64().max(1e-9);
        let rate = self.rows as f64 / secs;
        match &self.bar {
            Some(b) if self.bytes => {
                b.set_position(formats::BYTES_READ.load(std::sync::atomic::Ordering::Relaxed));
                b.set_message(format!("{} rows  {rate:.0} rows/s", self.rows));
            }
            Some(b) => b.inc(n as u64),
            None => {
                while self.rows >= self.next_line {
                    eprintln!("hokensho: {} rows ({rate:.0} rows/s)", self.next_line);
                    self.next_line += 1_000_000;
                }
            }
        }
    }

    fn done(self) {
        if let Some(b) = self.bar {
            b.finish_and_clear();
        }
    }
}

/// The rows a Parquet file holds, for the progress bar's ETA.
fn parquet_rows(path: &str) -> Option<u64> {
    let f = std::fs::File::open(path).ok()?;
    let r = parquet::file::reader::SerializedFileReader::new(f).ok()?;
    use parquet::file::reader::FileReader;
    u64::try_from(r.metadata().file_metadata().num_rows()).ok()
}

/// `hokensho assess FILE`.
pub fn assess(
    rules: &RuleSet,
    file: &str,
    on: Option<NaiveDate>,
    opts: Options,
    lang: hokensho::Lang,
    a: &BatchArgs,
) -> Result<(), String> {
    if on.is_none() && a.on_column.is_none() {
        return Err("missing `--on` (or `--on-column NAME`) / `--on`（または `--on-column NAME`）がありません".into());
    }
    let input = a
        .input_format
        .or_else(|| Format::of_path(file))
        .unwrap_or(Format::Jsonl);
    let output = a
        .output_format
        .or_else(|| a.output.as_deref().and_then(Format::of_path))
        .unwrap_or(Format::Jsonl);
    let map = match &a.columns {
        Some(p) => formats::load_map(p)?,
        None => ColumnMap::default(),
    };
    if input == Format::Jsonl && (a.columns.is_some() || a.on_column.is_some()) {
        return Err("`--columns` and `--on-column` apply to CSV and Parquet input / `--columns` と `--on-column` は CSV と Parquet の入力に使います".into());
    }
    let threads = a.threads.unwrap_or_else(|| {
        std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get)
    });
    let full = !a.summary;
    let assessor = Assessor::new(
        rules,
        BatchOptions {
            on,
            on_column: a.on_column.clone(),
            threads,
            assessment: full.then_some(opts),
            rules_as_of: opts.rules_as_of,
            lang,
            ..BatchOptions::default()
        },
    );
    let mut writer = Writer::create(output, a.output.as_deref(), a.summary)?;
    let mut progress = Progress::new(match input {
        Format::Parquet => parquet_rows(file).map_or(Total::Unknown, Total::Rows),
        _ => std::fs::metadata(file)
            .ok()
            .filter(|m| m.is_file())
            .map_or(Total::Unknown, |m| Total::Bytes(m.len())),
    });
    let read_opts = ReadOptions {
        encoding: a.encoding,
        map,
        on_column: a.on_column.clone(),
    };
    // one thread reads and decodes, this one assesses (on `threads` workers) and writes
    let (tx, rx) = sync_channel::<Chunk>(2);
    let file_owned = file.to_owned();
    let reader = std::thread::spawn(move || {
        let emit = |c: Chunk| tx.send(c).is_ok();
        match input {
            Format::Jsonl => formats::read_jsonl(&file_owned, emit),
            Format::Csv => formats::read_csv(&file_owned, &read_opts, emit),
            Format::Parquet => formats::read_parquet(&file_owned, &read_opts, emit),
        }
    });
    // a third thread writes, so encoding the output overlaps with assessing the next chunk
    let (wtx, wrx) = sync_channel::<Answer>(1);
    let schema = assessor.output_schema();
    let write = std::thread::spawn(move || -> Result<(), String> {
        for a in wrx {
            match a {
                Answer::Lines(lines) => writer.lines(&lines)?,
                Answer::Batch(b) => writer.batch(&b)?,
            }
        }
        writer.finish(&schema)
    });
    let mut failed: Option<String> = None;
    for chunk in rx {
        let n = chunk.len();
        let answer = match chunk {
            // the full answer of each line, as before: the core's envelope, on every core
            Chunk::Lines(lines) if full && output == Format::Jsonl => match on {
                Some(on) => Ok(Answer::Lines(envelopes(rules, &lines, on, opts, threads))),
                None => Err("missing `--on`".into()),
            },
            Chunk::Lines(lines) => {
                let members: Vec<_> = lines
                    .iter()
                    .map(|l| match l {
                        Ok(text) => rules.parse_member(text),
                        Err(e) => Err(e.clone()),
                    })
                    .collect();
                assessor
                    .assess_members(&members)
                    .map(Answer::Batch)
                    .map_err(|e| e.to_string())
            }
            Chunk::Batch(b, marked) => assessor
                .assess_marked(&b, &marked)
                .map(Answer::Batch)
                .map_err(|e| e.to_string()),
        };
        match answer {
            Ok(a) => {
                if wtx.send(a).is_err() {
                    break; // the writer failed: its error is reported below
                }
            }
            Err(e) => {
                failed = Some(e);
                break; // dropping the receiver stops the reader
            }
        }
        progress.add(n);
    }
    drop(wtx);
    progress.done();
    let written = write
        .join()
        .unwrap_or_else(|_| Err("internal error: the writer failed".into()));
    let read = reader
        .join()
        .unwrap_or_else(|_| Err("internal error: the reader failed".into()));
    if let Some(e) = failed {
        return Err(e);
    }
    written?;
    read
}

/// What the writer thread is given, in order.
enum Answer {
    /// Full answers as JSON lines.
    Lines(Vec<String>),
    /// An output batch.
    Batch(arrow_array::RecordBatch),
}

/// The core's envelope for each line (an undecodable line's error envelope in its place), on `threads`
/// threads, in order.
fn envelopes(
    rules: &RuleSet,
    lines: &[Result<String, hokensho::Error>],
    on: NaiveDate,
    opts: Options,
    threads: usize,
) -> Vec<String> {
    let one = |l: &Result<String, hokensho::Error>| match l {
        Ok(text) => rules.assess_member_json(text, on, opts),
        Err(e) => hokensho::api::err_envelope(e),
    };
    let threads = threads.clamp(1, 64);
    if threads == 1 || lines.len() < 64 {
        return lines.iter().map(one).collect();
    }
    let chunk = lines.len().div_ceil(threads);
    std::thread::scope(|s| {
        let handles: Vec<_> = lines
            .chunks(chunk)
            .map(|part| {
                let h = s.spawn(move || part.iter().map(one).collect::<Vec<_>>());
                (part.len(), h)
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|(n, h)| {
                // a worker that died still leaves one (internal error) line per input line
                h.join().unwrap_or_else(|_| {
                    let e = formats::line_error(
                        "internal",
                        0,
                        "internal error".into(),
                        "内部エラー".into(),
                    );
                    vec![hokensho::api::err_envelope(&e); n]
                })
            })
            .collect()
    })
}
