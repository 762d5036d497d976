//! The native half of the `hokensho` Python package (`hokensho._native`): type and error conversion around the
//! core, nothing else. Every answer comes from the core:
//!
//! - single calls and batches go through the core's JSON call/answer API (`RuleSet::assess_json`,
//!   `assess_many_json`, `timeline_json`, `calendar_json`, `explain_json`, `summaries_json`), so Python answers equal Rust answers
//!   byte for byte;
//! - the columnar path ([`Rules::assess_arrow`], [`Rules::assess_arrow_stream`]) takes any object with the
//!   Arrow PyCapsule interface (through `pyo3-arrow`) and hands its batches to `hokensho-arrow`, the columnar
//!   layer the CLI uses too: no conversion or vocabulary of its own lives here.
//!
//! No Rust panic crosses into Python: every entry point runs under `catch_unwind` and answers the core's
//! `internal` envelope instead (the Python layer raises `hokensho.Error` with code `internal`).

#![forbid(unsafe_code)]

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Arc;

use arrow_array::{RecordBatch, RecordBatchReader};
use arrow_schema::{ArrowError, SchemaRef};
use hokensho::{RuleSet, Vocab};
use hokensho_arrow::{Assessor, BatchOptions, Extra};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyString};
use pyo3_arrow::input::AnyRecordBatch;
use pyo3_arrow::{PyRecordBatchReader, PyTable};
use serde::Deserialize;
use serde_json::value::RawValue;

/// The envelope of an internal error (a panic or an impossible state), as the core writes it.
pub(crate) const INTERNAL: &str = r#"{"ok":false,"kind":"internal","errors":[{"code":"internal","path":"","en":"internal error","ja":"内部エラー"}]}"#;

pyo3::create_exception!(
    _native,
    CoreError,
    pyo3::exceptions::PyException,
    "An error envelope from the core (`args[0]` is its JSON text); the Python layer raises `hokensho.Error`."
);

/// Runs `f`, answering the internal envelope if it panics.
fn guarded(f: impl FnOnce() -> String) -> String {
    catch_unwind(AssertUnwindSafe(f)).unwrap_or_else(|_| INTERNAL.to_owned())
}

/// Runs `f`, raising the internal error if it panics.
fn shielded<T>(f: impl FnOnce() -> PyResult<T>) -> PyResult<T> {
    catch_unwind(AssertUnwindSafe(f)).unwrap_or_else(|_| Err(internal_error()))
}

fn core_error(envelope: String) -> PyErr {
    CoreError::new_err(envelope)
}

fn internal_error() -> PyErr {
    core_error(INTERNAL.to_owned())
}

/// A loaded rule set.
#[pyclass(frozen, module = "hokensho._native", name = "Rules")]
struct Rules {
    inner: Arc<RuleSet>,
}

const OK_PREFIX: &str = r#"{"ok":true,"result":"#;

/// The byte range of an envelope's `result` when the envelope is ok.
fn result_range(env: &str) -> Option<(usize, usize)> {
    (env.starts_with(OK_PREFIX) && env.ends_with('}')).then(|| (OK_PREFIX.len(), env.len() - 1))
}

/// The per-member answers of an `assess_many` envelope as `(ok, start, end)` byte ranges of `text` (the
/// `result` when ok, else the member's envelope); `None` when the envelope is an error.
fn split_many(text: &str) -> Option<Vec<(bool, usize, usize)>> {
    let m = serde_json::from_str::<ManyEnvelope<'_>>(text).ok()?;
    if !m.ok {
        return None;
    }
    let base = text.as_ptr() as usize;
    m.result
        .iter()
        .map(|r| {
            let env = r.get();
            let start = (env.as_ptr() as usize).checked_sub(base)?;
            Some(match result_range(env) {
                Some((a, b)) => (true, start + a, start + b),
                None => (false, start, start + env.len()),
            })
        })
        .collect()
}

#[derive(Deserialize)]
struct ManyEnvelope<'a> {
    ok: bool,
    #[serde(borrow)]
    result: Vec<&'a RawValue>,
}

#[pymethods]
impl Rules {
    /// The rules compiled into the package (`rules/` of the repository).
    #[staticmethod]
    fn embedded(py: Python<'_>) -> PyResult<Self> {
        py.detach(|| {
            catch_unwind(RuleSet::embedded)
                .map_err(|_| INTERNAL.to_owned())
                .and_then(|r| r.map_err(|e| hokensho::api::err_envelope(&e)))
        })
        .map(|inner| Rules {
            inner: Arc::new(inner),
        })
        .map_err(core_error)
    }

    /// Rules read from a directory laid out like `rules/`.
    #[staticmethod]
    fn from_dir(py: Python<'_>, path: std::path::PathBuf) -> PyResult<Self> {
        py.detach(|| {
            catch_unwind(|| RuleSet::from_dir(&path))
                .map_err(|_| INTERNAL.to_owned())
                .and_then(|r| r.map_err(|e| hokensho::api::err_envelope(&e)))
        })
        .map(|inner| Rules {
            inner: Arc::new(inner),
        })
        .map_err(core_error)
    }

    /// The profile ids (insurers) of the rule set, in load order.
    fn profile_ids(&self) -> PyResult<Vec<String>> {
        shielded(|| Ok(self.inner.profile_ids().map(str::to_owned).collect()))
    }

    /// `RuleSet::assess_json`: a request in, an envelope out.
    fn assess_json(&self, py: Python<'_>, request: &str) -> String {
        py.detach(|| guarded(|| self.inner.assess_json(request)))
    }

    /// `RuleSet::timeline_json`.
    fn timeline_json(&self, py: Python<'_>, request: &str) -> String {
        py.detach(|| guarded(|| self.inner.timeline_json(request)))
    }

    /// `RuleSet::calendar_json`: the result is the iCalendar text.
    fn calendar_json(&self, py: Python<'_>, request: &str) -> String {
        py.detach(|| guarded(|| self.inner.calendar_json(request)))
    }

    /// `RuleSet::explain_json`.
    fn explain_json(&self, py: Python<'_>, request: &str) -> String {
        py.detach(|| guarded(|| self.inner.explain_json(request)))
    }

    /// `RuleSet::summaries_json`.
    fn summaries_json(&self, py: Python<'_>, request: &str) -> String {
        py.detach(|| guarded(|| self.inner.summaries_json(request)))
    }

    /// `RuleSet::changes_json`.
    fn changes_json(&self, py: Python<'_>, request: &str) -> String {
        py.detach(|| guarded(|| self.inner.changes_json(request)))
    }

    /// `RuleSet::assess_many_json`.
    fn assess_many_json(&self, py: Python<'_>, request: &str) -> String {
        py.detach(|| guarded(|| self.inner.assess_many_json(request)))
    }

    /// `RuleSet::assess_json`, answered as `(True, result)` with the exact text of the envelope's `result`, or
    /// `(False, envelope)` for an error.
    fn assess(&self, py: Python<'_>, request: &str) -> (bool, String) {
        let env = py.detach(|| guarded(|| self.inner.assess_json(request)));
        match result_range(&env) {
            Some((a, b)) => (true, env.get(a..b).unwrap_or_default().to_owned()),
            None => (false, env),
        }
    }

    /// `RuleSet::assess_many_json`, answered per member, in order: `(True, result)` with the exact text the core
    /// wrote, or `(False, envelope)` for that member's error. Raises `CoreError` with the envelope when the
    /// whole request fails.
    fn assess_many<'py>(
        &self,
        py: Python<'py>,
        request: &str,
    ) -> PyResult<Vec<(bool, Bound<'py, PyString>)>> {
        let (text, parts) = py.detach(|| {
            catch_unwind(AssertUnwindSafe(|| {
                let text = self.inner.assess_many_json(request);
                let parts = split_many(&text);
                (text, parts)
            }))
            .unwrap_or_else(|_| (INTERNAL.to_owned(), None))
        });
        let Some(parts) = parts else {
            return Err(core_error(text));
        };
        shielded(|| {
            Ok(parts
                .into_iter()
                .map(|(ok, a, b)| (ok, PyString::new(py, text.get(a..b).unwrap_or_default())))
                .collect())
        })
    }

    /// Each row of an Arrow object as the nested member JSON it stands for (`hokensho-arrow`'s
    /// `Assessor::member_values`), as JSON texts, in order.
    #[pyo3(signature = (data, ignore_extra=false))]
    fn member_values(
        &self,
        py: Python<'_>,
        data: AnyRecordBatch,
        ignore_extra: bool,
    ) -> PyResult<Vec<String>> {
        shielded(|| {
            let input = data.into_reader()?;
            let batches = input
                .collect::<Result<Vec<RecordBatch>, ArrowError>>()
                .map_err(|e| core_error(read_error(e)))?;
            let rules = self.inner.clone();
            py.detach(|| {
                catch_unwind(AssertUnwindSafe(|| {
                    let opts = BatchOptions {
                        extra: if ignore_extra {
                            Extra::Ignore
                        } else {
                            Extra::Error
                        },
                        ..BatchOptions::default()
                    };
                    let a = Assessor::new(&rules, opts);
                    batches
                        .iter()
                        .flat_map(|b| a.member_values(b))
                        .map(|v| v.to_string())
                        .collect::<Vec<String>>()
                }))
            })
            .map_err(|_| internal_error())
        })
    }

    /// Assesses every row of an Arrow object (anything with `__arrow_c_stream__` or `__arrow_c_array__`) in
    /// the contract's flat columns: one output row per input row, in order, in the summary columns
    /// (`hokensho_arrow::output_schema`). `on` is the batch's date, `on_column` a column of per-row dates.
    /// Answers a table, or with `stream` a lazy stream: each input batch is read and assessed when the
    /// consumer asks for the next one (memory bounded by the batch size).
    ///
    /// `table`: `summary` (default), `obligations` or `events` (the long tables of `hokensho-arrow`, events up to
    /// `until`); `lang`: the language of error messages and texts; `labels`: `ja`/`en` puts the core's labels in
    /// the coded columns.
    #[allow(clippy::too_many_arguments)]
    #[pyo3(signature = (data, on, on_column, threads, ignore_extra, full, stream, rules_as_of=None, lang=None, labels=None, table="summary", until=None, texts=true))]
    fn assess_arrow<'py>(
        &self,
        py: Python<'py>,
        data: AnyRecordBatch,
        on: Option<&str>,
        on_column: Option<String>,
        threads: usize,
        ignore_extra: bool,
        full: bool,
        stream: bool,
        rules_as_of: Option<&str>,
        lang: Option<&str>,
        labels: Option<&str>,
        table: &str,
        until: Option<&str>,
        texts: bool,
    ) -> PyResult<Bound<'py, PyAny>> {
        shielded(|| {
            let mut opts = batch_options(on, on_column, threads, ignore_extra, full)?;
            let date_arg = |v: Option<&str>, name: &str| {
                v.map(|k| hokensho::api::parse_date_arg(k, name))
                    .transpose()
                    .map_err(|e| core_error(hokensho::api::err_envelope(&e)))
            };
            opts.rules_as_of = date_arg(rules_as_of, "rules_as_of")?;
            opts.lang = lang_arg(lang, "lang")?.unwrap_or(hokensho::Lang::Ja);
            opts.labels = lang_arg(labels, "labels")?;
            opts.long_texts = texts;
            let long = match table {
                "summary" => None,
                "obligations" => Some(hokensho_arrow::Long::Obligations),
                "events" => Some(hokensho_arrow::Long::Events {
                    until: date_arg(until, "until")?,
                }),
                _ => {
                    return Err(core_error(request_envelope(
                        "invalid_value",
                        "table",
                        "`table` must be `summary`, `obligations` or `events`",
                        "`table` は `summary`・`obligations`・`events` のいずれかです",
                    )))
                }
            };
            let input = data.into_reader()?;
            let rules = self.inner.clone();
            let schema = match long {
                Some(l) => hokensho_arrow::long_schema(l),
                None => hokensho_arrow::output_schema(full),
            };
            if stream {
                let lazy = Lazy {
                    rules,
                    schema,
                    opts,
                    input,
                    long,
                };
                return Ok(PyRecordBatchReader::new(Box::new(lazy))
                    .into_pyobject(py)?
                    .into_any());
            }
            let batches = py
                .detach(|| {
                    catch_unwind(AssertUnwindSafe(|| {
                        let a = Assessor::new(&rules, opts);
                        input
                            .map(|b| {
                                b.map_err(read_error).and_then(|b| {
                                    match long {
                                        Some(l) => a.long(&b, l),
                                        None => a.assess(&b),
                                    }
                                    .map_err(|e| hokensho::api::err_envelope(&e))
                                })
                            })
                            .collect::<Result<Vec<RecordBatch>, String>>()
                    }))
                })
                .map_err(|_| internal_error())?
                .map_err(core_error)?;
            Ok(PyTable::try_new(batches, schema)?
                .into_pyobject(py)?
                .into_any())
        })
    }
}

/// A language argument (`ja`, `en`), or none.
fn lang_arg(v: Option<&str>, name: &str) -> PyResult<Option<hokensho::Lang>> {
    match v {
        None => Ok(None),
        Some(x) => hokensho::Lang::parse(x).map(Some).ok_or_else(|| {
            core_error(request_envelope(
                "invalid_value",
                name,
                &format!("`{name}` must be `ja` or `en`"),
                &format!("`{name}` は `ja` か `en` です"),
            ))
        }),
    }
}

/// The error envelope of one request error.
fn request_envelope(code: &str, path: &str, en: &str, ja: &str) -> String {
    hokensho::api::err_envelope(&hokensho::Error::InvalidRequest(vec![
        hokensho::FieldError::new(code, path, en, ja),
    ]))
}

fn read_error(e: ArrowError) -> String {
    let err = hokensho::Error::InvalidRequest(vec![hokensho::FieldError::new(
        "unreadable_input",
        "",
        format!("cannot read the input: {e}"),
        format!("入力を読めません: {e}"),
    )]);
    hokensho::api::err_envelope(&err)
}

fn batch_options(
    on: Option<&str>,
    on_column: Option<String>,
    threads: usize,
    ignore_extra: bool,
    full: bool,
) -> PyResult<BatchOptions> {
    let on = on
        .map(hokensho::parse_date)
        .transpose()
        .map_err(|e| core_error(hokensho::api::err_envelope(&e)))?;
    Ok(BatchOptions {
        on,
        on_column,
        threads: threads.max(1),
        extra: if ignore_extra {
            Extra::Ignore
        } else {
            Extra::Error
        },
        assessment: full.then(hokensho::Options::default),
        ..BatchOptions::default()
    })
}

/// The lazy stream of [`Rules::assess_arrow_stream`].
struct Lazy {
    rules: Arc<RuleSet>,
    schema: SchemaRef,
    opts: BatchOptions,
    input: Box<dyn RecordBatchReader + Send>,
    long: Option<hokensho_arrow::Long>,
}

impl Iterator for Lazy {
    type Item = Result<RecordBatch, ArrowError>;

    fn next(&mut self) -> Option<Self::Item> {
        let batch = self.input.next()?;
        Some(batch.and_then(|b| {
            catch_unwind(AssertUnwindSafe(|| {
                let a = Assessor::new(&self.rules, self.opts.clone());
                match self.long {
                    Some(l) => a.long(&b, l),
                    None => a.assess(&b),
                }
            }))
            .map_err(|_| ArrowError::ExternalError("internal error".into()))?
            .map_err(|e| ArrowError::ExternalError(Box::new(e)))
        }))
    }
}

impl RecordBatchReader for Lazy {
    fn schema(&self) -> SchemaRef {
        self.schema.clone()
    }
}

/// A self-test of the panic guard: panics inside the guard and answers the internal envelope (the tests check
/// that it becomes `hokensho.Error` with code `internal` and that the interpreter lives on).
#[pyfunction]
// the one deliberate panic: it proves the guard turns a panic into an error instead of ending the interpreter
#[allow(clippy::panic)]
fn _panic_selftest(py: Python<'_>) -> String {
    py.detach(|| guarded(|| panic!("hokensho-python panic guard self-test")))
}

/// The catalogue's rule ids (`rules-catalogue.md`), in catalogue order.
#[pyfunction]
fn rule_ids() -> PyResult<Vec<&'static str>> {
    shielded(|| Ok(hokensho::RuleId::ALL.iter().map(|r| r.as_str()).collect()))
}

/// The names of documents and statuses in one language (`ja` or `en`), from the core's message tables:
/// `{"documents": {code: name}, "statuses": {code: name}}`.
#[pyfunction]
fn labels<'py>(py: Python<'py>, lang: &str) -> PyResult<Bound<'py, PyDict>> {
    shielded(|| {
        let lang = hokensho::Lang::parse(lang).unwrap_or(hokensho::Lang::Ja);
        let out = PyDict::new(py);
        let docs = PyDict::new(py);
        for d in hokensho::Document::ALL {
            docs.set_item(d.as_str(), hokensho::messages::doc_name(*d, lang))?;
        }
        let sts = PyDict::new(py);
        for s in hokensho::Status::ALL {
            sts.set_item(s.as_str(), hokensho::messages::status_name(*s, lang))?;
        }
        out.set_item("documents", docs)?;
        out.set_item("statuses", sts)?;
        Ok(out)
    })
}

/// The labels call of the core (`hokensho::api::labels_json`): every code of a kind with its label.
#[pyfunction]
fn labels_json(request: &str) -> PyResult<String> {
    shielded(|| Ok(hokensho::api::labels_json(request)))
}

/// The input and output columns of the columnar path, as `hokensho-arrow` documents them (JSON text of
/// `columnar/schema.json`).
#[pyfunction]
fn arrow_schema_json() -> PyResult<String> {
    shielded(|| Ok(hokensho_arrow::schema::schema_json().to_string()))
}

/// The native half of `hokensho`: the core's JSON call/answer API and the columnar (Arrow) path.
#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    shielded(|| {
        m.add_class::<Rules>()?;
        m.add("CoreError", m.py().get_type::<CoreError>())?;
        m.add("INTERNAL", INTERNAL)?;
        m.add("VERSION", env!("CARGO_PKG_VERSION"))?;
        m.add_function(wrap_pyfunction!(rule_ids, m)?)?;
        m.add_function(wrap_pyfunction!(_panic_selftest, m)?)?;
        m.add_function(wrap_pyfunction!(labels, m)?)?;
        m.add_function(wrap_pyfunction!(labels_json, m)?)?;
        m.add_function(wrap_pyfunction!(arrow_schema_json, m)?)?;
        Ok(())
    })
}
