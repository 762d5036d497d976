//! # hokensho-arrow
//!
//! The columnar layer of hokensho on Apache Arrow, shared by the CLI's CSV and Parquet paths, the Python
//! binding (`assess_frame`, Spark, Dask) and anything else that holds members as columns.
//!
//! - **Input:** a [`RecordBatch`] of members in the contract's flat column paths (`coverage.acquired_on`,
//!   `certificates.0.basis`, `face_changes.0.on`, …; see [`members::FIXED`], [`members::CERTIFICATE`],
//!   [`members::FACE_CHANGE`]). Dates as date32, date64, timestamps (a zoned instant counts as its civil date in
//!   Japan) or strings (`2025-12-02`, `2025/12/02`, `2025/4/1`, with a ` 00:00:00` time, or a Japanese era:
//!   `昭和33年10月15日`, `R7.12.1`); codes as string, large_string, string_view or dictionary; flags as booleans,
//!   0/1 or the strings `true/false`, `TRUE/FALSE`, `True/False`, `1/0`, `はい/いいえ`. Strings are trimmed and
//!   an empty string is null. Anything else is an error for that row, named by the core.
//! - **Dates:** one date for the batch ([`BatchOptions::on`]), or a column with a date per row
//!   ([`BatchOptions::on_column`]; a null cell takes the batch's date when there is one).
//! - **Output:** one row per input row, in order ([`output_schema`]): the core's [`hokensho::Summary`] columns,
//!   `error_code`, `error_path` and `error` (every error as `code: path`, `; `-separated), and on request the
//!   full answer as JSON (`assessment`). A bad row keeps its place; no row is ever dropped or reordered.
//! - **No rule logic:** cells become [`hokensho::Member`] values, the core assesses them, and the summary
//!   comes back as columns. Vocabularies are the core's ([`hokensho::Vocab`]).
//!
//! ```
//! use std::sync::Arc;
//! use arrow_array::{ArrayRef, RecordBatch, StringArray};
//! use hokensho::RuleSet;
//! use hokensho_arrow::{Assessor, BatchOptions};
//!
//! let col = |v: &str| Arc::new(StringArray::from(vec![v])) as ArrayRef;
//! let batch = RecordBatch::try_from_iter([
//!     ("id", col("E-0001")),
//!     ("insurer", col("kenpo")),
//!     ("role", col("insured")),
//!     ("birth_date", col("昭和55年5月10日")),
//!     ("coverage.acquired_on", col("2010/4/1")),
//!     ("number_on_file.received_on", col("2024-05-01")),
//!     ("legacy_card.issued_on", col("2019/04/01 00:00:00")),
//! ]).unwrap();
//! let rules = RuleSet::embedded().unwrap();
//! let opts = BatchOptions { on: hokensho::parse_date("2025-12-02").ok(), ..BatchOptions::default() };
//! let out = Assessor::new(&rules, opts).assess(&batch).unwrap();
//! assert_eq!(out.num_rows(), 1);
//! let needs = out.column_by_name("needs_certificate").unwrap();
//! assert!(arrow_array::cast::AsArray::as_boolean(needs).value(0));
//! ```

#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod cells;
#[cfg(feature = "csv-reader")]
pub mod csv;
pub mod long;
pub mod members;
mod output;
pub mod schema;

use arrow_array::{RecordBatch, RecordBatchReader};
use arrow_schema::{ArrowError, SchemaRef};
use chrono::NaiveDate;
use hokensho::{Error, FieldError, Lang, Member, RuleSet};

pub use long::{long_schema, Long};
pub use output::output_schema;

/// The vocabulary of a coded column, input (`role`, `certificates.K.basis`, `face_changes.K.reason`) or output
/// (`legacy_card`, `needs_reason`, `next_action`, …): the core's wire names in the order the output's int8 keys
/// count them. `None` for any other column.
pub fn vocab(column: &str) -> Option<Vec<&'static str>> {
    use hokensho::Vocab;
    match members::kind_of(column) {
        Some(members::Kind::Role) => return Some(hokensho::Role::names()),
        Some(members::Kind::Basis) => return Some(hokensho::Basis::names()),
        Some(members::Kind::Reason) => return Some(hokensho::FaceChangeReason::names()),
        Some(_) => return None,
        None => {}
    }
    output::columns()
        .into_iter()
        .find(|(n, _, _)| *n == column)
        .and_then(|(_, _, v)| v)
}

/// What to do with a column that is not one of the contract's paths.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Extra {
    /// A non-null cell in it is an error for its row (`unknown_field`), as the core says of an unknown key.
    #[default]
    Error,
    /// It is ignored.
    Ignore,
}

/// How to assess a batch.
#[derive(Debug, Clone)]
pub struct BatchOptions {
    /// The date of the whole batch (and of the rows whose `on_column` cell is null).
    pub on: Option<NaiveDate>,
    /// A column holding each row's date (any date form the member columns take); not a member field.
    pub on_column: Option<String>,
    /// Worker threads per batch (at least 1).
    pub threads: usize,
    /// Unknown columns.
    pub extra: Extra,
    /// When set, the full answer of each row as JSON (the core's envelope, `{"ok":true,"result":…}` or
    /// `{"ok":false,…}`) in an `assessment` column, with these options (texts, trace).
    pub assessment: Option<hokensho::Options>,
    /// The knowledge date: the rules as announced by that day (the latest revisions when `None`). It applies to
    /// the summary columns and, unless `assessment` names its own, to the full answers.
    pub rules_as_of: Option<NaiveDate>,
    /// The language of the `error_message` column (and of the texts of the long tables).
    pub lang: Lang,
    /// When set, the coded columns carry the core's labels in this language (`要申請`, `certificate needed`)
    /// instead of the codes, as dictionaries in the vocabulary's order.
    pub labels: Option<Lang>,
    /// Whether the long tables fill their `text` column (the core then renders the obligations' or the events'
    /// texts, nothing else; `false` leaves `text` null and skips them).
    pub long_texts: bool,
}

impl Default for BatchOptions {
    fn default() -> Self {
        BatchOptions {
            on: None,
            on_column: None,
            threads: 1,
            extra: Extra::Error,
            assessment: None,
            rules_as_of: None,
            lang: Lang::Ja,
            labels: None,
            long_texts: true,
        }
    }
}

/// One row's answer.
pub(crate) struct RowOut {
    /// The id of a bad row (none when it has none, or when it looks like an individual number); a good row
    /// shows its summary's.
    pub(crate) id: Option<String>,
    pub(crate) result: Result<hokensho::Summary, Error>,
    pub(crate) json: Option<String>,
}

/// Assesses member batches with one rule set.
pub struct Assessor<'r> {
    rules: &'r RuleSet,
    opts: BatchOptions,
}

fn request_error(code: &str, path: &str, en: String, ja: String) -> Error {
    Error::InvalidRequest(vec![FieldError::new(code, path, en, ja)])
}

impl<'r> Assessor<'r> {
    /// An assessor with `rules` and `opts`.
    pub fn new(rules: &'r RuleSet, opts: BatchOptions) -> Self {
        Assessor { rules, opts }
    }

    /// The options.
    pub fn options(&self) -> &BatchOptions {
        &self.opts
    }

    /// The schema of the batches [`Assessor::assess`] returns.
    pub fn output_schema(&self) -> SchemaRef {
        output_schema(self.opts.assessment.is_some())
    }

    /// Assesses every row of `batch`: one output row per input row, in order. Errs only for the batch as a
    /// whole: no date at all (neither `on` nor an `on_column`), or an `on_column` the batch does not have.
    pub fn assess(&self, batch: &RecordBatch) -> Result<RecordBatch, Error> {
        self.assess_marked(batch, &[])
    }

    /// [`Assessor::assess`], where a reader already knows some rows are bad (a CSV row in the wrong encoding):
    /// `marked` holds (row, error) pairs, sorted by row; those rows keep their place with that error.
    pub fn assess_marked(
        &self,
        batch: &RecordBatch,
        marked: &[(usize, Error)],
    ) -> Result<RecordBatch, Error> {
        let (on_col, layout) = self.prepare(batch)?;
        let on_col = on_col.as_ref();
        let layout = &layout;
        self.finish(batch.num_rows(), |i| {
            let found = marked.binary_search_by_key(&i, |(r, _)| *r).ok();
            if let Some((_, e)) = found.and_then(|k| marked.get(k)) {
                return self.answer(None, Err(e.clone()), || self.on(on_col, i));
            }
            let conv = layout.member(i);
            self.answer(conv.id, conv.member, || self.on(on_col, i))
        })
    }

    /// The query-date column and the member columns of `batch`; errs when the batch has no date at all.
    fn prepare(
        &self,
        batch: &RecordBatch,
    ) -> Result<(Option<cells::Column>, members::Layout), Error> {
        let on_col = match &self.opts.on_column {
            Some(name) => Some(batch.column_by_name(name).ok_or_else(|| {
                request_error(
                    "missing_column",
                    "on",
                    format!("the batch has no column `{name}` for the query dates"),
                    format!("照会日の列 `{name}` がありません"),
                )
            })?),
            None if self.opts.on.is_none() => {
                return Err(request_error(
                    "missing_field",
                    "on",
                    "`on` is missing: give a date or a column of dates".into(),
                    "`on` がありません: 日付か日付の列を指定してください".into(),
                ))
            }
            None => None,
        };
        let on_col = on_col.map(cells::Column::new);
        let layout = members::Layout::of(
            batch,
            self.opts.on_column.as_deref(),
            self.opts.extra == Extra::Error,
        );
        Ok((on_col, layout))
    }

    /// One row per member and obligation ([`Long::Obligations`]) or upcoming event ([`Long::Events`]), from
    /// each row's full answer (texts in [`BatchOptions::lang`]); a bad row gives one line with its errors.
    /// Errs only for the batch as a whole, as [`Assessor::assess`] does.
    pub fn long(&self, batch: &RecordBatch, which: Long) -> Result<RecordBatch, Error> {
        let (on_col, layout) = self.prepare(batch)?;
        let opts = hokensho::Options {
            messages: false,
            trace: false,
            rules_as_of: self.opts.rules_as_of,
        };
        // only the texts the table shows: the rest of the answer's texts would double the cost
        let parts = match (self.opts.long_texts, which) {
            (false, _) => hokensho::TextParts::NONE,
            (true, Long::Obligations) => hokensho::TextParts::OBLIGATIONS,
            (true, Long::Events { .. }) => hokensho::TextParts::UPCOMING,
        };
        let (on_col, layout) = (&on_col, &layout);
        self.parallel(batch.num_rows(), long_schema(which), |range| {
            let mut out = long::LongOut::new(which, self.opts.lang, self.opts.labels);
            for i in range {
                let conv = layout.member(i);
                let mut id = conv.id;
                let answer = conv.member.and_then(|m| {
                    match self
                        .on(on_col.as_ref(), i)
                        .and_then(|on| self.rules.assess_with_texts(&m, on, opts, parts))
                    {
                        Ok(a) => Ok(a),
                        Err(e) => {
                            id = Some(m.id);
                            Err(e)
                        }
                    }
                });
                if matches!(&answer, Err(e) if hides_id(e)) {
                    id = None;
                }
                out.push(i, id.as_deref(), &answer);
            }
            out.finish()
        })
    }

    /// [`Assessor::long`] with [`Long::Obligations`].
    pub fn obligations(&self, batch: &RecordBatch) -> Result<RecordBatch, Error> {
        self.long(batch, Long::Obligations)
    }

    /// [`Assessor::long`] with [`Long::Events`]: the events up to `until` (all when `None`).
    pub fn events(
        &self,
        batch: &RecordBatch,
        until: Option<NaiveDate>,
    ) -> Result<RecordBatch, Error> {
        self.long(batch, Long::Events { until })
    }

    /// Each row of `batch` as the member JSON object it stands for (nested, in the contract's shape): cells
    /// that convert in their converted form (dates as `YYYY-MM-DD`), others as they are, for a row to be
    /// looked at or explained whether it is good or bad.
    pub fn member_values(&self, batch: &RecordBatch) -> Vec<serde_json::Value> {
        let layout = members::Layout::of(
            batch,
            self.opts.on_column.as_deref(),
            self.opts.extra == Extra::Error,
        );
        (0..batch.num_rows()).map(|i| layout.value(i)).collect()
    }

    /// The members of `batch` without assessing them: each row's `hokensho::Member`, or the core's error for
    /// it, in order (the conversion [`Assessor::assess`] starts with).
    pub fn members(&self, batch: &RecordBatch) -> Vec<Result<Member, Error>> {
        let layout = members::Layout::of(
            batch,
            self.opts.on_column.as_deref(),
            self.opts.extra == Extra::Error,
        );
        (0..batch.num_rows())
            .map(|i| layout.member(i).member)
            .collect()
    }

    /// Assesses members a reader parsed itself (JSON Lines), on the batch's date: one output row per entry,
    /// in order.
    pub fn assess_members(&self, rows: &[Result<Member, Error>]) -> Result<RecordBatch, Error> {
        self.finish(rows.len(), |i| match rows.get(i) {
            Some(Ok(m)) => self.answer(None, Ok(m.clone()), || self.on(None, i)),
            Some(Err(e)) => self.answer(None, Err(e.clone()), || self.on(None, i)),
            // `finish` asks only for `0..rows.len()`
            None => self.answer(None, Err(internal_error()), || self.on(None, i)),
        })
    }

    /// Runs `row` over `0..n` on the option's threads, in order, and builds the output batch.
    fn finish<F: Fn(usize) -> RowOut + Sync>(
        &self,
        n: usize,
        row: F,
    ) -> Result<RecordBatch, Error> {
        let full = self.opts.assessment.is_some();
        let out = self.parallel(n, output_schema(full), |range| {
            let mut out = output::Out::new(range.len(), full, self.opts.lang, self.opts.labels);
            for i in range {
                out.push(&row(i));
            }
            out.finish()
        })?;
        if out.num_rows() != n {
            return Err(internal("the output lost rows".into()));
        }
        Ok(out)
    }

    /// Builds one part per contiguous range of `0..n` on the option's threads and joins them in order.
    fn parallel<F>(&self, n: usize, schema: SchemaRef, part: F) -> Result<RecordBatch, Error>
    where
        F: Fn(std::ops::Range<usize>) -> Result<RecordBatch, ArrowError> + Sync,
    {
        let threads = self.opts.threads.clamp(1, 64).min(n.max(1));
        if threads <= 1 || n < 256 || cfg!(not(feature = "threads")) {
            return part(0..n).map_err(|e| internal(e.to_string()));
        }
        self.parts(n, threads, schema, part)
    }

    /// Without the `threads` feature every batch runs on one thread.
    #[cfg(not(feature = "threads"))]
    fn parts<F>(&self, n: usize, _: usize, _: SchemaRef, part: F) -> Result<RecordBatch, Error>
    where
        F: Fn(std::ops::Range<usize>) -> Result<RecordBatch, ArrowError>,
    {
        part(0..n).map_err(|e| internal(e.to_string()))
    }

    /// [`Assessor::parallel`] on `threads` threads, each filling a contiguous range of rows; the parts join in
    /// order.
    #[cfg(feature = "threads")]
    fn parts<F>(
        &self,
        n: usize,
        threads: usize,
        schema: SchemaRef,
        part: F,
    ) -> Result<RecordBatch, Error>
    where
        F: Fn(std::ops::Range<usize>) -> Result<RecordBatch, ArrowError> + Sync,
    {
        let chunk = n.div_ceil(threads);
        let part = &part;
        let parts: Vec<Result<RecordBatch, String>> = std::thread::scope(|s| {
            let handles: Vec<_> = (0..threads)
                .map(|t| s.spawn(move || part(t * chunk..((t + 1) * chunk).min(n))))
                .collect();
            handles
                .into_iter()
                .map(|h| {
                    // a worker that died is an error for the batch: never fewer rows than were given
                    h.join()
                        .map_err(|_| "a worker thread failed".to_owned())
                        .and_then(|b| b.map_err(|e| e.to_string()))
                })
                .collect()
        });
        let parts = parts
            .into_iter()
            .collect::<Result<Vec<_>, _>>()
            .map_err(internal)?;
        arrow_select::concat::concat_batches(&schema, &parts).map_err(|e| internal(e.to_string()))
    }

    /// Assesses a stream of batches, one output batch per input batch, lazily (memory stays bounded by the
    /// batch size). A read error of the input ends the stream with that error.
    pub fn assess_stream<'a, I>(
        &'a self,
        input: I,
    ) -> impl Iterator<Item = Result<RecordBatch, StreamError>> + 'a
    where
        I: IntoIterator<Item = Result<RecordBatch, ArrowError>> + 'a,
    {
        input.into_iter().map(move |b| {
            let b = b.map_err(StreamError::Read)?;
            self.assess(&b).map_err(StreamError::Assess)
        })
    }

    /// Assesses everything a [`RecordBatchReader`] gives.
    pub fn assess_reader<'a, R: RecordBatchReader + 'a>(
        &'a self,
        reader: R,
    ) -> impl Iterator<Item = Result<RecordBatch, StreamError>> + 'a {
        self.assess_stream(reader)
    }

    /// The date of row `i`.
    fn on(&self, on_col: Option<&cells::Column>, i: usize) -> Result<NaiveDate, Error> {
        let Some(col) = on_col else {
            return self.opts.on.ok_or_else(|| {
                request_error(
                    "missing_field",
                    "on",
                    "`on` is missing".into(),
                    "`on` がありません".into(),
                )
            });
        };
        match cells::date(col.cell(i)) {
            Ok(Some(d)) => Ok(d),
            Ok(None) => self.opts.on.ok_or_else(|| {
                request_error(
                    "missing_field",
                    "on",
                    "`on` is missing for this row".into(),
                    "この行の `on` がありません".into(),
                )
            }),
            Err(_) => Err(hokensho::api::parse_date_arg("?", "on")
                .err()
                .unwrap_or_else(|| {
                    request_error(
                        "invalid_date",
                        "on",
                        "`on` is not a date".into(),
                        "`on` は日付ではありません".into(),
                    )
                })),
        }
    }

    /// One row's answer: the member (or its error), assessed on the row's date.
    fn answer(
        &self,
        id: Option<String>,
        member: Result<Member, Error>,
        on: impl FnOnce() -> Result<NaiveDate, Error>,
    ) -> RowOut {
        // a member that parsed but is refused (an unknown insurer, a date out of order) keeps its id
        let mut id = id;
        let result = member.and_then(|m| {
            let assessed = on().and_then(|on| {
                let quiet = hokensho::Options {
                    messages: false,
                    trace: false,
                    rules_as_of: self.opts.rules_as_of,
                };
                let opts = self.opts.assessment.map_or(quiet, |o| hokensho::Options {
                    rules_as_of: o.rules_as_of.or(self.opts.rules_as_of),
                    ..o
                });
                self.rules.assess_with(&m, on, opts)
            });
            match assessed {
                Ok(a) => {
                    let json = self.opts.assessment.map(|_| hokensho::api::ok_envelope(&a));
                    Ok((a.summary(), json))
                }
                Err(e) => {
                    id = Some(m.id);
                    Err(e)
                }
            }
        });
        match result {
            Ok((summary, json)) => RowOut {
                id,
                result: Ok(summary),
                json,
            },
            Err(e) => RowOut {
                id: if hides_id(&e) { None } else { id },
                json: self
                    .opts
                    .assessment
                    .map(|_| hokensho::api::err_envelope(&e)),
                result: Err(e),
            },
        }
    }
}

/// What can end a stream of batches.
#[derive(Debug)]
pub enum StreamError {
    /// The input could not be read.
    Read(ArrowError),
    /// A batch as a whole was refused (see [`Assessor::assess`]).
    Assess(Error),
}

impl std::fmt::Display for StreamError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StreamError::Read(e) => write!(f, "cannot read the input: {e}"),
            StreamError::Assess(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for StreamError {}

/// An internal error (never expected): the batch as a whole fails, no row is lost silently.
fn internal(e: String) -> Error {
    request_error(
        "internal",
        "",
        format!("internal error: {e}"),
        format!("内部エラー: {e}"),
    )
}

/// Whether an error says the row's id looks like an individual number (the id is then never shown).
fn hides_id(e: &Error) -> bool {
    e.errors()
        .iter()
        .any(|x| x.code == "individual_number" && x.path == "id")
}

/// An error for a state the code never reaches (kept so no path panics).
fn internal_error() -> Error {
    Error::InvalidRequest(vec![hokensho::FieldError::new(
        "internal",
        "",
        "internal error: a row outside the batch",
        "内部エラー：バッチの外の行です",
    )])
}
