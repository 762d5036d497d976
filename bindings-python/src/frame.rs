//! The columnar path of `assess_frame`: type conversion from numpy buffers to `hokensho::Member`, the core's
//! `assess_with` and `Assessment::summary`, and the summary's codes written back.
//!
//! Layout: one numpy array per column (`None` for a column the frame does not have, which means null):
//! - date columns: int64 days since 1970-01-01 (numpy's `datetime64[D]` viewed as int64), [`NULL_DAY`] (NaT)
//!   for null, [`BAD_DAY`] for a value that is not a date; in the order [`DATE_FIELDS`], then for each
//!   certificate slot `k` the [`CERT_DATE_FIELDS`], then for each face-change slot the [`FACE_DATE_FIELDS`];
//! - code columns: int32 codes ([`NULL_CODE`] null, [`BAD_CODE`] not a value of the field): [`CODE_FIELDS`] (the
//!   insurer as a position in the rule set's profile ids, the role, the three flags as 0/1), then each
//!   certificate's basis, then each face change's reason;
//! - `unknown`: one u8 mask per column the contract does not know (1 where the row holds a value);
//! - output: `out_codes` int8 `(OUT_CODES, n)` (-1 null) and `out_dates` int64 `(OUT_DATES, n)` microseconds
//!   since 1970-01-01 (numpy's `datetime64[us]`; [`NULL_DAY`] = NaT).
//!
//! A row the fast path cannot convert (a null required field, a value of the wrong type, a document with fields
//! but no issue date, a gap in a list, an unknown field) is rebuilt as the JSON value it stands for and parsed
//! by the core's own `member_from_value`, so the row's error is the core's error (with the core's path).

use std::panic::{catch_unwind, AssertUnwindSafe};

use chrono::Datelike;
use hokensho::validate::member_from_value;
use hokensho::{
    Certificate, Coverage, ElderlyCertificate, FaceChange, LegacyCard, Member, MyNumberCard,
    NaiveDate, Notice, NumberOnFile, Options, RuleSet, Summary,
};
use std::sync::OnceLock;

use pyo3::buffer::{Element, PyBuffer};
use pyo3::prelude::*;
use pyo3::types::{PyFloat, PyList, PyString};
use serde_json::{Map, Value};

use crate::vocab;

/// A null date (numpy's NaT).
pub(crate) const NULL_DAY: i64 = i64::MIN;
/// A value that is not a date.
pub(crate) const BAD_DAY: i64 = i64::MIN + 1;
/// A null code.
pub(crate) const NULL_CODE: i32 = -1;
/// A value that is not one of the field's values.
pub(crate) const BAD_CODE: i32 = -2;
/// The most list entries (certificates, face changes) a frame may spread over columns.
pub(crate) const MAX_LIST: usize = 100;

/// The member's date fields, in buffer order.
pub(crate) const DATE_FIELDS: [&str; 18] = [
    "birth_date",
    "coverage.acquired_on",
    "coverage.lost_on",
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
    "notice.issued_on",
    "notice.lost_on",
    "elderly_certificate.issued_on",
    "elderly_certificate.expires_on",
];
/// A certificate's date fields (`certificates.K.…`).
pub(crate) const CERT_DATE_FIELDS: [&str; 3] = ["issued_on", "expires_on", "lost_on"];
/// A face change's date fields (`face_changes.K.…`).
pub(crate) const FACE_DATE_FIELDS: [&str; 1] = ["on"];
/// The member's coded fields, in buffer order.
pub(crate) const CODE_FIELDS: [&str; 5] = [
    "insurer",
    "role",
    "abroad",
    "needs_assistance",
    "coverage.voluntary_continuation",
];
/// A certificate's coded fields.
pub(crate) const CERT_CODE_FIELDS: [&str; 1] = ["basis"];
/// A face change's coded fields.
pub(crate) const FACE_CODE_FIELDS: [&str; 1] = ["reason"];

/// The i8 columns of the output (-1 = null): flags as 0/1, statuses, reasons, actions, documents and events as
/// codes of `frame_schema()["categories"]`.
pub(crate) const OUT_CODES: [&str; 11] = [
    "covered",
    "legacy_card",
    "my_number_card",
    "certificate",
    "notice",
    "elderly_certificate",
    "needs_certificate",
    "needs_reason",
    "next_action",
    "next_document",
    "next_event",
];
/// The date columns of the output, as microseconds since 1970-01-01 ([`NULL_DAY`] = NaT).
pub(crate) const OUT_DATES: [&str; 4] = ["needs_from", "next_from", "next_until", "next_event_on"];

// date columns
const BIRTH: usize = 0;
const ACQUIRED: usize = 1;
const COV_LOST: usize = 2;
const NOF: usize = 3;
const LC: usize = 5;
const MC: usize = 8;
const NOTICE: usize = 14;
const ELDERLY: usize = 16;
// code columns
const INSURER: usize = 0;
const ROLE: usize = 1;
const ABROAD: usize = 2;
const ASSIST: usize = 3;
const VOLUNTARY: usize = 4;

/// The number of list slots.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Shape {
    certs: usize,
    faces: usize,
}

impl Shape {
    pub(crate) fn new(certs: usize, faces: usize) -> Self {
        Shape { certs, faces }
    }

    pub(crate) fn date_cols(&self) -> usize {
        DATE_FIELDS.len()
            + self.certs * CERT_DATE_FIELDS.len()
            + self.faces * FACE_DATE_FIELDS.len()
    }

    pub(crate) fn code_cols(&self) -> usize {
        CODE_FIELDS.len()
            + self.certs * CERT_CODE_FIELDS.len()
            + self.faces * FACE_CODE_FIELDS.len()
    }

    fn cert_date(&self, k: usize, f: usize) -> usize {
        DATE_FIELDS.len() + k * CERT_DATE_FIELDS.len() + f
    }

    fn face_date(&self, k: usize) -> usize {
        DATE_FIELDS.len() + self.certs * CERT_DATE_FIELDS.len() + k
    }

    fn cert_code(&self, k: usize) -> usize {
        CODE_FIELDS.len() + k
    }

    fn face_code(&self, k: usize) -> usize {
        CODE_FIELDS.len() + self.certs + k
    }
}

/// A member id as read from Python: a range of [`Ids::text`], null, or a value that is not a string.
#[derive(Clone, Copy)]
enum IdCell {
    Str(usize, usize),
    Null,
    Bad,
}

/// The id column, read once with the GIL: every string in one buffer.
pub(crate) struct Ids {
    text: String,
    cells: Vec<IdCell>,
}

/// A member id of one row.
pub(crate) enum Id<'a> {
    Str(&'a str),
    Null,
    Bad,
}

/// A missing value as Python data frames hold it: NaN or `pandas.NA`.
fn is_missing(x: &Bound<'_, PyAny>) -> bool {
    if let Ok(f) = x.cast::<PyFloat>() {
        return f.value().is_nan();
    }
    x.get_type()
        .name()
        .is_ok_and(|n| n.to_str().is_ok_and(|n| n == "NAType"))
}

impl Ids {
    /// Reads the id column (a list of `str` or `None`; anything else is a wrong type).
    pub(crate) fn read(ids: &Bound<'_, PyList>) -> Ids {
        let mut text = String::with_capacity(ids.len() * 8);
        let cells = ids
            .iter()
            .map(|x| {
                if x.is_none() {
                    return IdCell::Null;
                }
                match x.cast::<PyString>().map(|s| s.to_str()) {
                    Ok(Ok(s)) => {
                        let start = text.len();
                        text.push_str(s);
                        IdCell::Str(start, text.len())
                    }
                    _ if is_missing(&x) => IdCell::Null,
                    _ => IdCell::Bad,
                }
            })
            .collect();
        Ids { text, cells }
    }

    pub(crate) fn len(&self) -> usize {
        self.cells.len()
    }

    fn get(&self, i: usize) -> Id<'_> {
        match self.cells[i] {
            IdCell::Str(a, b) => self.text.get(a..b).map_or(Id::Bad, Id::Str),
            IdCell::Null => Id::Null,
            IdCell::Bad => Id::Bad,
        }
    }
}

/// A cell of a date column.
#[derive(Clone, Copy)]
enum Day {
    Null,
    Bad,
    Date(NaiveDate),
}

/// A present document: its issue date and its other dates.
type Group<const K: usize> = (NaiveDate, [Option<NaiveDate>; K]);

/// The columns of one frame (read-only views of the numpy arrays `hokensho._frame` made for this call).
pub(crate) struct Table<'a> {
    pub(crate) shape: Shape,
    pub(crate) dates: Vec<Option<&'a [i64]>>,
    pub(crate) codes: Vec<Option<&'a [i32]>>,
    pub(crate) profiles: &'a [String],
    pub(crate) unknown: Vec<(&'a str, &'a [u8])>,
}

/// Every date the core accepts in a member record (years `MIN_YEAR..=MAX_YEAR`), by day number, so a cell
/// converts with a lookup.
struct DayTable {
    first: i64,
    dates: Vec<NaiveDate>,
}

fn day_table() -> &'static DayTable {
    static TABLE: OnceLock<DayTable> = OnceLock::new();
    TABLE.get_or_init(|| {
        let lo = NaiveDate::from_ymd_opt(hokensho::dates::MIN_YEAR, 1, 1);
        let hi = NaiveDate::from_ymd_opt(hokensho::dates::MAX_YEAR, 12, 31);
        let mut dates = Vec::new();
        let mut d = lo;
        while let (Some(x), Some(hi)) = (d, hi) {
            if x > hi {
                break;
            }
            dates.push(x);
            d = x.succ_opt();
        }
        DayTable {
            first: lo.map_or(0, |d| i64::from(d.num_days_from_ce() - EPOCH_CE)),
            dates,
        }
    })
}

/// The days from 0001-01-01 (chrono's day 1) to 1970-01-01.
const EPOCH_CE: i32 = 719_163;
/// Microseconds in a day.
const DAY_US: i64 = 86_400_000_000;

fn day(v: i64) -> Day {
    match v {
        NULL_DAY => Day::Null,
        v => {
            let t = day_table();
            // BAD_DAY and anything outside the core's years fall outside the table
            v.checked_sub(t.first)
                .and_then(|k| usize::try_from(k).ok())
                .and_then(|k| t.dates.get(k))
                .map_or(Day::Bad, |d| Day::Date(*d))
        }
    }
}

/// A date as microseconds since 1970-01-01 (NaT for none).
fn micros_of(d: Option<NaiveDate>) -> i64 {
    d.map_or(NULL_DAY, |d| {
        i64::from(d.num_days_from_ce() - EPOCH_CE) * DAY_US
    })
}

/// `Ok(None)` for null, `Ok(Some(d))` for a date, `Err(())` for a bad value.
fn opt(d: Day) -> Result<Option<NaiveDate>, ()> {
    match d {
        Day::Null => Ok(None),
        Day::Date(d) => Ok(Some(d)),
        Day::Bad => Err(()),
    }
}

fn req(d: Day) -> Result<NaiveDate, ()> {
    match d {
        Day::Date(d) => Ok(d),
        _ => Err(()),
    }
}

fn flag(c: i32) -> Result<bool, ()> {
    match c {
        NULL_CODE | 0 => Ok(false),
        1 => Ok(true),
        _ => Err(()),
    }
}

impl Table<'_> {
    fn day(&self, i: usize, col: usize) -> Day {
        match self.dates.get(col).copied().flatten() {
            Some(c) => day(c[i]),
            None => Day::Null,
        }
    }

    fn code(&self, i: usize, col: usize) -> i32 {
        match self.codes.get(col).copied().flatten() {
            Some(c) => c[i],
            None => NULL_CODE,
        }
    }

    /// The dates `cols` of a group whose first column is its issue date: `Ok(None)` when the group is absent
    /// (every cell null), `Err` when it cannot be converted directly.
    fn group<const K: usize>(&self, i: usize, first: usize) -> Result<Option<Group<K>>, ()> {
        let head = self.day(i, first);
        let mut rest = [None; K];
        let mut any = false;
        for (k, r) in rest.iter_mut().enumerate() {
            let d = self.day(i, first + 1 + k);
            any |= !matches!(d, Day::Null);
            *r = opt(d)?;
        }
        match head {
            Day::Null if any => Err(()),
            Day::Null => Ok(None),
            d => Ok(Some((req(d)?, rest))),
        }
    }

    /// Fills `m` (all but its id) with row `i` when every cell converts directly; `Err` otherwise (then `m` is
    /// left half-filled). `m` is reused from row to row, so its strings and lists keep their allocations.
    fn fill(&self, i: usize, m: &mut Member) -> Result<(), ()> {
        if self.unknown.iter().any(|(_, mask)| mask[i] != 0) {
            return Err(());
        }
        let sh = self.shape;
        let insurer = match self.code(i, INSURER) {
            BAD_CODE => "?",
            c => usize::try_from(c)
                .ok()
                .and_then(|c| self.profiles.get(c))
                .ok_or(())?
                .as_str(),
        };
        m.insurer.clear();
        m.insurer.push_str(insurer);
        m.role = vocab::from_code(vocab::ROLES, self.code(i, ROLE)).ok_or(())?;
        m.birth_date = req(self.day(i, BIRTH))?;
        m.abroad = flag(self.code(i, ABROAD))?;
        m.needs_assistance = flag(self.code(i, ASSIST))?;
        m.coverage = Coverage {
            acquired_on: req(self.day(i, ACQUIRED))?,
            lost_on: opt(self.day(i, COV_LOST))?,
            voluntary_continuation: flag(self.code(i, VOLUNTARY))?,
        };
        m.number_on_file = self
            .group::<1>(i, NOF)?
            .map(|(received_on, [registered_on])| NumberOnFile {
                received_on,
                registered_on,
            });
        m.legacy_card = self
            .group::<2>(i, LC)?
            .map(|(issued_on, [expires_on, lost_on])| LegacyCard {
                issued_on,
                expires_on,
                lost_on,
            });
        m.my_number_card = self.group::<5>(i, MC)?.map(
            |(issued_on, [expires_on, e_cert_expires_on, registered_on, cancelled_on, lost_on])| {
                MyNumberCard {
                    issued_on,
                    expires_on,
                    e_cert_expires_on,
                    registered_on,
                    cancelled_on,
                    lost_on,
                    usage: None,
                }
            },
        );
        m.notice = self
            .group::<1>(i, NOTICE)?
            .map(|(issued_on, [lost_on])| Notice { issued_on, lost_on });
        m.elderly_certificate = self
            .group::<1>(i, ELDERLY)?
            .map(|(issued_on, [expires_on])| ElderlyCertificate {
                issued_on,
                expires_on,
            });
        m.certificates.clear();
        let mut ended = false;
        for k in 0..sh.certs {
            let basis = self.code(i, sh.cert_code(k));
            match self.group::<2>(i, sh.cert_date(k, 0))? {
                None if basis == NULL_CODE => ended = true,
                None => return Err(()),
                Some(_) if ended => return Err(()),
                Some((issued_on, [expires_on, lost_on])) => m.certificates.push(Certificate {
                    issued_on,
                    expires_on,
                    basis: vocab::from_code(vocab::BASES, basis).ok_or(())?,
                    lost_on,
                }),
            }
        }
        m.face_changes.clear();
        let mut ended = false;
        for k in 0..sh.faces {
            let reason = self.code(i, sh.face_code(k));
            match self.day(i, sh.face_date(k)) {
                Day::Null if reason == NULL_CODE => ended = true,
                Day::Date(on) if !ended => m.face_changes.push(FaceChange {
                    on,
                    reason: vocab::from_code(vocab::FACE_REASONS, reason).ok_or(())?,
                }),
                _ => return Err(()),
            }
        }
        Ok(())
    }

    /// The JSON value row `i` stands for: null cells absent, bad cells as `"?"` (which the core refuses with
    /// the field's path), list gaps as `null`, unknown columns as keys.
    fn value(&self, i: usize, id: Id<'_>) -> Value {
        let sh = self.shape;
        let mut o = Map::new();
        match id {
            Id::Str(s) => {
                o.insert("id".into(), Value::String(s.to_owned()));
            }
            Id::Bad => {
                o.insert("id".into(), Value::Bool(false));
            }
            Id::Null => {}
        }
        match self.code(i, INSURER) {
            NULL_CODE => {}
            c => {
                let name = usize::try_from(c)
                    .ok()
                    .and_then(|c| self.profiles.get(c))
                    .map_or("?", String::as_str);
                o.insert("insurer".into(), Value::String(name.to_owned()));
            }
        }
        put_code(&mut o, "role", self.code(i, ROLE), vocab::ROLES);
        put_day(&mut o, "birth_date", self.day(i, BIRTH));
        put_flag(&mut o, "abroad", self.code(i, ABROAD));
        put_flag(&mut o, "needs_assistance", self.code(i, ASSIST));
        let mut coverage = Map::new();
        put_day(&mut coverage, "acquired_on", self.day(i, ACQUIRED));
        put_day(&mut coverage, "lost_on", self.day(i, COV_LOST));
        put_flag(
            &mut coverage,
            "voluntary_continuation",
            self.code(i, VOLUNTARY),
        );
        o.insert("coverage".into(), Value::Object(coverage));
        for (group, first, len) in [
            ("number_on_file", NOF, 2),
            ("legacy_card", LC, 3),
            ("my_number_card", MC, 6),
            ("notice", NOTICE, 2),
            ("elderly_certificate", ELDERLY, 2),
        ] {
            let mut g = Map::new();
            for (col, name) in DATE_FIELDS.iter().enumerate().skip(first).take(len) {
                let field = name.split_once('.').map_or("", |x| x.1);
                put_day(&mut g, field, self.day(i, col));
            }
            if !g.is_empty() {
                o.insert(group.into(), Value::Object(g));
            }
        }
        let mut certs: Vec<Value> = Vec::new();
        for k in 0..sh.certs {
            let mut c = Map::new();
            for (f, field) in CERT_DATE_FIELDS.iter().enumerate() {
                put_day(&mut c, field, self.day(i, sh.cert_date(k, f)));
            }
            put_code(&mut c, "basis", self.code(i, sh.cert_code(k)), vocab::BASES);
            if !c.is_empty() {
                certs.resize(k, Value::Null);
                certs.push(Value::Object(c));
            }
        }
        if !certs.is_empty() {
            o.insert("certificates".into(), Value::Array(certs));
        }
        let mut faces: Vec<Value> = Vec::new();
        for k in 0..sh.faces {
            let mut c = Map::new();
            put_day(&mut c, "on", self.day(i, sh.face_date(k)));
            put_code(
                &mut c,
                "reason",
                self.code(i, sh.face_code(k)),
                vocab::FACE_REASONS,
            );
            if !c.is_empty() {
                faces.resize(k, Value::Null);
                faces.push(Value::Object(c));
            }
        }
        if !faces.is_empty() {
            o.insert("face_changes".into(), Value::Array(faces));
        }
        for (name, mask) in &self.unknown {
            if mask[i] != 0 {
                let segs: Vec<&str> = name.split('.').collect();
                insert_unknown(&mut o, &segs);
            }
        }
        Value::Object(o)
    }

    /// Row `i`: its summary, or its error as `code: path` items. `m` is the thread's reused member.
    fn row(
        &self,
        rules: &RuleSet,
        on: NaiveDate,
        i: usize,
        ids: &Ids,
        m: &mut Member,
    ) -> Result<Summary, String> {
        let quiet = Options {
            messages: false,
            trace: false,
            ..Options::default()
        };
        let id = ids.get(i);
        if let Id::Str(s) = id {
            if self.fill(i, m).is_ok() {
                m.id.clear();
                m.id.push_str(s);
                return rules
                    .assess_with(m, on, quiet)
                    .map(|a| a.summary())
                    .map_err(|e| describe(&e));
            }
        }
        // not directly convertible: the core parses the JSON value the row stands for, and names the problem
        let member = member_from_value(&self.value(i, id)).map_err(|e| describe(&e))?;
        rules
            .assess_with(&member, on, quiet)
            .map(|a| a.summary())
            .map_err(|e| describe(&e))
    }
}

/// A member to fill row by row.
fn blank_member() -> Member {
    let day = NaiveDate::MIN;
    Member {
        id: String::new(),
        insurer: String::new(),
        role: hokensho::Role::Insured,
        birth_date: day,
        abroad: false,
        needs_assistance: false,
        coverage: Coverage {
            acquired_on: day,
            lost_on: None,
            voluntary_continuation: false,
        },
        number_on_file: None,
        legacy_card: None,
        my_number_card: None,
        certificates: Vec::new(),
        notice: None,
        elderly_certificate: None,
        face_changes: Vec::new(),
    }
}

fn bad() -> Value {
    Value::String("?".into())
}

fn put_day(o: &mut Map<String, Value>, key: &str, d: Day) {
    match d {
        Day::Null => {}
        Day::Bad => {
            o.insert(key.into(), bad());
        }
        Day::Date(d) => {
            o.insert(key.into(), Value::String(d.format("%Y-%m-%d").to_string()));
        }
    }
}

fn put_flag(o: &mut Map<String, Value>, key: &str, c: i32) {
    match flag(c) {
        _ if c == NULL_CODE => {}
        Ok(b) => {
            o.insert(key.into(), Value::Bool(b));
        }
        Err(()) => {
            o.insert(key.into(), bad());
        }
    }
}

fn put_code<T: Copy + serde::Serialize>(o: &mut Map<String, Value>, key: &str, c: i32, list: &[T]) {
    if c == NULL_CODE {
        return;
    }
    let v = vocab::from_code(list, c).map_or_else(bad, |x| Value::String(vocab::name(&x)));
    o.insert(key.into(), v);
}

/// Puts an unknown column's key at its place (`a.b` into object `a`, `certificates.0.x` into that entry), so
/// the core reports it with its path; a place of the wrong shape is replaced by `"?"`.
fn insert_unknown(o: &mut Map<String, Value>, segs: &[&str]) {
    let Some((first, rest)) = segs.split_first() else {
        return;
    };
    if rest.is_empty() {
        o.insert((*first).to_owned(), bad());
        return;
    }
    let list = rest.first().is_some_and(|s| s.parse::<usize>().is_ok());
    let slot = o.entry((*first).to_owned()).or_insert_with(|| {
        if list {
            Value::Array(Vec::new())
        } else {
            Value::Object(Map::new())
        }
    });
    insert_in(slot, rest);
}

fn insert_in(v: &mut Value, segs: &[&str]) {
    let Some((first, rest)) = segs.split_first() else {
        *v = bad();
        return;
    };
    match v {
        Value::Object(m) => insert_unknown(m, segs),
        Value::Array(a) => match first.parse::<usize>() {
            Ok(k) if k < MAX_LIST && !rest.is_empty() => {
                if a.len() <= k {
                    a.resize(k + 1, Value::Null);
                }
                if a[k].is_null() {
                    a[k] = Value::Object(Map::new());
                }
                insert_in(&mut a[k], rest);
            }
            _ => *v = bad(),
        },
        _ => *v = bad(),
    }
}

/// `code: path` for each problem (just `code` when the path is empty), joined by `; `.
fn describe(e: &hokensho::Error) -> String {
    e.errors()
        .iter()
        .map(|f| {
            if f.path.is_empty() {
                f.code.clone()
            } else {
                format!("{}: {}", f.code, f.path)
            }
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// Splits a column-major buffer of `n` rows into, per row range, the slices of every column.
fn split_rows<'a, T>(
    buf: &'a mut [T],
    n: usize,
    ranges: &[(usize, usize)],
) -> Vec<Vec<&'a mut [T]>> {
    let mut out: Vec<Vec<&'a mut [T]>> = ranges.iter().map(|_| Vec::new()).collect();
    for col in buf.chunks_mut(n) {
        let mut rest = col;
        for (t, &(a, b)) in ranges.iter().enumerate() {
            let (head, tail) = std::mem::take(&mut rest).split_at_mut(b - a);
            out[t].push(head);
            rest = tail;
        }
    }
    out
}

/// The rows `a..b` into their slices of the output columns; the errors of those rows.
fn run_range(
    rules: &RuleSet,
    table: &Table<'_>,
    on: NaiveDate,
    ids: &Ids,
    (a, b): (usize, usize),
    codes: &mut [&mut [i8]],
    dates: &mut [&mut [i64]],
) -> Vec<(usize, String)> {
    let mut errors = Vec::new();
    let mut m = blank_member();
    for i in a..b {
        let k = i - a;
        let r = catch_unwind(AssertUnwindSafe(|| table.row(rules, on, i, ids, &mut m)))
            .unwrap_or_else(|_| {
                m = blank_member();
                Err("internal".to_owned())
            });
        match r {
            Ok(s) => {
                let st = |x: Option<hokensho::Status>| x.map_or(-1, vocab::status_code);
                let row_codes = [
                    i8::from(s.covered),
                    st(s.legacy_card),
                    st(s.my_number_card),
                    st(s.certificate),
                    st(s.notice),
                    st(s.elderly_certificate),
                    i8::from(s.needs_certificate),
                    s.needs_reason.map_or(-1, vocab::need_reason_code),
                    s.next_action.map_or(-1, vocab::action_code),
                    s.next_document.map_or(-1, vocab::document_code),
                    s.next_event.map_or(-1, vocab::event_code),
                ];
                let row_dates = [
                    micros_of(s.needs_from),
                    micros_of(s.next_from),
                    micros_of(s.next_until),
                    micros_of(s.next_event_on),
                ];
                for (col, v) in codes.iter_mut().zip(row_codes) {
                    col[k] = v;
                }
                for (col, v) in dates.iter_mut().zip(row_dates) {
                    col[k] = v;
                }
            }
            Err(e) => {
                for col in codes.iter_mut() {
                    col[k] = -1;
                }
                for col in dates.iter_mut() {
                    col[k] = NULL_DAY;
                }
                errors.push((i, e));
            }
        }
    }
    errors
}

/// Assesses every row into the output columns (`codes`: [`OUT_CODES`] × n, `dates`: [`OUT_DATES`] × n,
/// column-major), on up to `threads` threads (without the GIL); the errors by row, `None` if a thread died.
pub(crate) fn run(
    rules: &RuleSet,
    table: &Table<'_>,
    on: NaiveDate,
    ids: &Ids,
    threads: usize,
    codes: &mut [i8],
    dates: &mut [i64],
) -> Option<Vec<(usize, String)>> {
    let n = ids.len();
    if n == 0 {
        return Some(Vec::new());
    }
    let threads = threads.clamp(1, 64).min(n);
    let chunk = n.div_ceil(threads);
    let ranges: Vec<(usize, usize)> = (0..threads)
        .map(|t| (t * chunk, ((t + 1) * chunk).min(n)))
        .filter(|(a, b)| a < b)
        .collect();
    let code_parts = split_rows(codes, n, &ranges);
    let date_parts = split_rows(dates, n, &ranges);
    let errors = std::thread::scope(|s| {
        let handles: Vec<_> = ranges
            .iter()
            .zip(code_parts)
            .zip(date_parts)
            .map(|((&range, mut c), mut d)| {
                s.spawn(move || run_range(rules, table, on, ids, range, &mut c, &mut d))
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().ok())
            .collect::<Option<Vec<_>>>()
    })?;
    Some(errors.into_iter().flatten().collect())
}

/// A read-only view of a numpy array.
///
/// # Safety
///
/// The array must be one `hokensho._frame` created for this call (no other code holds it, so nothing writes
/// to it while the view lives), and `buf` must outlive the view (it keeps the memory exported and in place).
pub(crate) unsafe fn view<T: Element>(buf: &PyBuffer<T>) -> Option<&[T]> {
    if buf.item_count() == 0 {
        return Some(&[]);
    }
    // SAFETY: C-contiguous, of `T`'s format and alignment (checked by `PyBuffer::get`), alive while `buf` is;
    // unaliased by the caller's contract.
    buf.as_slice_ptr().map(|p| unsafe { p.as_ref() })
}

/// [`view`] of each array of a list (`None` stays `None`); `None` if one cannot be viewed.
///
/// # Safety
///
/// As [`view`], for every array.
pub(crate) unsafe fn views<T: Element>(bufs: &[Option<PyBuffer<T>>]) -> Option<Vec<Option<&[T]>>> {
    bufs.iter()
        .map(|b| match b {
            None => Some(None),
            // SAFETY: the caller's contract covers every array
            Some(b) => unsafe { view(b) }.map(Some),
        })
        .collect()
}

/// A writable view of a numpy array.
///
/// # Safety
///
/// As [`view`], and no other view of the same array may exist while this one lives.
pub(crate) unsafe fn view_mut<T: Element>(buf: &mut PyBuffer<T>) -> Option<&mut [T]> {
    if buf.readonly() {
        return None;
    }
    if buf.item_count() == 0 {
        return Some(&mut []);
    }
    // SAFETY: as in `view`; the caller guarantees this is the only view.
    buf.as_slice_ptr().map(|mut p| unsafe { p.as_mut() })
}
