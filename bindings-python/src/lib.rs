//! The native half of the `hokensho` Python package (`hokensho._native`): type and error conversion around the
//! core, nothing else. Every answer comes from the core:
//!
//! - single calls and batches go through the core's JSON call/answer API (`RuleSet::assess_json`,
//!   `assess_many_json`, `timeline_json`, `explain_json`, `summaries_json`), so Python answers equal Rust answers
//!   byte for byte;
//! - the columnar frame path ([`Rules::frame`]) turns numpy buffers into `hokensho::Member` values (type
//!   conversion), calls `RuleSet::assess_with` and `Assessment::summary`, and writes the summary's codes back.
//!   A row it cannot convert is rebuilt as a JSON value and handed to the core's own parser, so its error is the
//!   core's error.
//!
//! No Rust panic crosses into Python: every entry point runs under `catch_unwind` and answers the core's
//! `internal` envelope instead (the Python layer raises `hokensho.Error` with code `internal`).

mod frame;
mod vocab;

use std::panic::{catch_unwind, AssertUnwindSafe};

use hokensho::RuleSet;
use pyo3::buffer::PyBuffer;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString};
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
    inner: RuleSet,
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
        .map(|inner| Rules { inner })
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
        .map(|inner| Rules { inner })
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

    /// The columnar path of `assess_frame`: see `frame.rs` and `hokensho/_frame.py` for the layout.
    #[allow(clippy::too_many_arguments)]
    #[pyo3(signature = (on, ids, dates, codes, n_certs, n_faces, unknown, out_codes, out_dates, threads))]
    fn frame(
        &self,
        py: Python<'_>,
        on: &str,
        ids: &Bound<'_, PyList>,
        dates: Vec<Option<PyBuffer<i64>>>,
        codes: Vec<Option<PyBuffer<i32>>>,
        n_certs: usize,
        n_faces: usize,
        unknown: Vec<(String, PyBuffer<u8>)>,
        mut out_codes: PyBuffer<i8>,
        mut out_dates: PyBuffer<i64>,
        threads: usize,
    ) -> PyResult<Vec<(usize, String)>> {
        shielded(|| {
            let on = hokensho::parse_date(on)
                .map_err(|e| core_error(hokensho::api::err_envelope(&e)))?;
            let n = ids.len();
            let ids = frame::Ids::read(ids);
            let shape = frame::Shape::new(n_certs, n_faces);
            let fits = |count: usize| count == n;
            if dates.len() != shape.date_cols()
                || codes.len() != shape.code_cols()
                || !dates.iter().flatten().all(|b| fits(b.item_count()))
                || !codes.iter().flatten().all(|b| fits(b.item_count()))
                || !unknown.iter().all(|(_, b)| fits(b.item_count()))
                || out_codes.item_count() != frame::OUT_CODES.len() * n
                || out_dates.item_count() != frame::OUT_DATES.len() * n
            {
                return Err(internal_error());
            }
            // SAFETY (every view below): `hokensho._frame.assess_frame` creates these arrays for this call and
            // holds them only in its local variables, and the `PyBuffer`s (which keep them exported and in
            // place) outlive the views; each output array has exactly one view.
            let date_views = unsafe { frame::views(&dates) }.ok_or_else(internal_error)?;
            let code_views = unsafe { frame::views(&codes) }.ok_or_else(internal_error)?;
            let unknown_views = unknown
                .iter()
                .map(|(name, b)| {
                    unsafe { frame::view(b) }
                        .map(|v| (name.as_str(), v))
                        .ok_or_else(internal_error)
                })
                .collect::<PyResult<Vec<_>>>()?;
            let out_c = unsafe { frame::view_mut(&mut out_codes) }.ok_or_else(internal_error)?;
            let out_d = unsafe { frame::view_mut(&mut out_dates) }.ok_or_else(internal_error)?;
            let profiles = self.profile_ids()?;
            let table = frame::Table {
                shape,
                dates: date_views,
                codes: code_views,
                profiles: &profiles,
                unknown: unknown_views,
            };
            let rules = &self.inner;
            py.detach(|| {
                catch_unwind(AssertUnwindSafe(|| {
                    frame::run(rules, &table, on, &ids, threads, out_c, out_d)
                }))
            })
            .map_err(|_| internal_error())?
            .ok_or_else(internal_error)
        })
    }
}

/// A self-test of the panic guard: panics inside the guard and answers the internal envelope (the tests check
/// that it becomes `hokensho.Error` with code `internal` and that the interpreter lives on).
#[pyfunction]
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
        for d in vocab::DOCUMENTS {
            docs.set_item(vocab::name(d), hokensho::messages::doc_name(*d, lang))?;
        }
        let sts = PyDict::new(py);
        for s in vocab::STATUSES {
            sts.set_item(vocab::name(s), hokensho::messages::status_name(*s, lang))?;
        }
        out.set_item("documents", docs)?;
        out.set_item("statuses", sts)?;
        Ok(out)
    })
}

/// The layout of the frame path's buffers and the category names of its codes (see `frame.rs`).
#[pyfunction]
fn frame_schema(py: Python<'_>) -> PyResult<Bound<'_, PyDict>> {
    shielded(|| {
        let d = PyDict::new(py);
        d.set_item("date_fields", frame::DATE_FIELDS.to_vec())?;
        d.set_item("code_fields", frame::CODE_FIELDS.to_vec())?;
        d.set_item("certificate_date_fields", frame::CERT_DATE_FIELDS.to_vec())?;
        d.set_item("certificate_code_fields", frame::CERT_CODE_FIELDS.to_vec())?;
        d.set_item("face_change_date_fields", frame::FACE_DATE_FIELDS.to_vec())?;
        d.set_item("face_change_code_fields", frame::FACE_CODE_FIELDS.to_vec())?;
        d.set_item("out_codes", frame::OUT_CODES.to_vec())?;
        d.set_item("out_dates", frame::OUT_DATES.to_vec())?;
        d.set_item("null_day", frame::NULL_DAY)?;
        d.set_item("bad_day", frame::BAD_DAY)?;
        d.set_item("null_code", frame::NULL_CODE)?;
        d.set_item("bad_code", frame::BAD_CODE)?;
        d.set_item("max_list", frame::MAX_LIST)?;
        let cats = PyDict::new(py);
        cats.set_item("role", vocab::names(vocab::ROLES))?;
        cats.set_item("basis", vocab::names(vocab::BASES))?;
        cats.set_item("reason", vocab::names(vocab::FACE_REASONS))?;
        cats.set_item("status", vocab::names(vocab::STATUSES))?;
        cats.set_item("need_reason", vocab::names(vocab::NEED_REASONS))?;
        cats.set_item("action", vocab::names(vocab::ACTIONS))?;
        cats.set_item("document", vocab::names(vocab::DOCUMENTS))?;
        cats.set_item("event", vocab::names(vocab::EVENTS))?;
        d.set_item("categories", cats)?;
        Ok(d)
    })
}

/// The native half of `hokensho`: the core's JSON call/answer API and the columnar frame path.
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
        m.add_function(wrap_pyfunction!(frame_schema, m)?)?;
        Ok(())
    })
}
