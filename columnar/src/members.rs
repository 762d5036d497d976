//! From a RecordBatch in the contract's flat column paths to `hokensho::Member` values, row by row.
//!
//! Fast path: every cell of the row converts and the row's documents are well formed, so the member is filled
//! directly. Otherwise the row is rebuilt as the JSON value it stands for (null cells absent, unconvertible
//! cells as they were, list gaps as `null`, unknown columns as keys) and parsed by the core's own
//! `member_from_value`, so a bad row's error is the core's error, with the core's code and path.

use arrow_array::RecordBatch;
use chrono::NaiveDate;
use hokensho::validate::{contains_individual_number, member_from_value, scan_individual_numbers};
use hokensho::{
    Basis, Certificate, Coverage, ElderlyCertificate, Error, FaceChange, FaceChangeReason,
    FieldError, LegacyCard, Member, MyNumberCard, Notice, NumberOnFile, Role, Usage, Vocab,
};
use serde_json::{Map, Value};

use crate::cells::{self, Cell, Column, Conv};

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// The member's key (text; whole numbers become text).
    Id,
    /// A profile id (text).
    Insurer,
    /// `insured` or `dependent`.
    Role,
    /// A date.
    Date,
    /// A flag.
    Flag,
    /// A whole number from 0.
    Count,
    /// A certificate's basis.
    Basis,
    /// A face change's reason.
    Reason,
}

/// The member's columns outside the lists, in the contract's order.
pub const FIXED: [(&str, Kind); 27] = [
    ("id", Kind::Id),
    ("insurer", Kind::Insurer),
    ("role", Kind::Role),
    ("birth_date", Kind::Date),
    ("abroad", Kind::Flag),
    ("needs_assistance", Kind::Flag),
    ("coverage.acquired_on", Kind::Date),
    ("coverage.lost_on", Kind::Date),
    ("coverage.voluntary_continuation", Kind::Flag),
    ("number_on_file.received_on", Kind::Date),
    ("number_on_file.registered_on", Kind::Date),
    ("legacy_card.issued_on", Kind::Date),
    ("legacy_card.expires_on", Kind::Date),
    ("legacy_card.lost_on", Kind::Date),
    ("my_number_card.issued_on", Kind::Date),
    ("my_number_card.expires_on", Kind::Date),
    ("my_number_card.e_cert_expires_on", Kind::Date),
    ("my_number_card.registered_on", Kind::Date),
    ("my_number_card.cancelled_on", Kind::Date),
    ("my_number_card.lost_on", Kind::Date),
    ("my_number_card.usage.counted_on", Kind::Date),
    ("my_number_card.usage.last_12_months", Kind::Count),
    ("my_number_card.usage.last_3_months", Kind::Count),
    ("notice.issued_on", Kind::Date),
    ("notice.lost_on", Kind::Date),
    ("elderly_certificate.issued_on", Kind::Date),
    ("elderly_certificate.expires_on", Kind::Date),
];
/// A certificate's columns (`certificates.K.…`).
pub const CERTIFICATE: [(&str, Kind); 4] = [
    ("issued_on", Kind::Date),
    ("expires_on", Kind::Date),
    ("basis", Kind::Basis),
    ("lost_on", Kind::Date),
];
/// A face change's columns (`face_changes.K.…`).
pub const FACE_CHANGE: [(&str, Kind); 2] = [("on", Kind::Date), ("reason", Kind::Reason)];
/// The most list entries (certificates, face changes) a batch may spread over columns.
pub const MAX_LIST: usize = 100;

// positions in FIXED
const ID: usize = 0;
const INSURER: usize = 1;
const ROLE: usize = 2;
const BIRTH: usize = 3;
const ABROAD: usize = 4;
const ASSIST: usize = 5;
const ACQUIRED: usize = 6;
const COV_LOST: usize = 7;
const VOLUNTARY: usize = 8;
const NOF: usize = 9;
const LC: usize = 11;
const MC: usize = 14;
const USAGE: usize = 20;
const NOTICE: usize = 23;
const ELDERLY: usize = 25;

/// What [`Layout::of`] makes of a column name.
enum Place {
    Fixed(usize),
    Cert(usize, usize),
    Face(usize, usize),
    Unknown,
}

fn place(name: &str) -> Place {
    if let Some(i) = FIXED.iter().position(|(n, _)| *n == name) {
        return Place::Fixed(i);
    }
    let mut it = name.splitn(3, '.');
    let (list, k, field) = (it.next(), it.next(), it.next());
    let k = match k {
        Some(k)
            if !k.is_empty()
                && k.bytes().all(|b| b.is_ascii_digit())
                && (k == "0" || !k.starts_with('0')) =>
        {
            k.parse::<usize>().ok().filter(|k| *k < MAX_LIST)
        }
        _ => None,
    };
    match (list, k, field) {
        (Some("certificates"), Some(k), Some(f)) => CERTIFICATE
            .iter()
            .position(|(n, _)| *n == f)
            .map_or(Place::Unknown, |j| Place::Cert(k, j)),
        (Some("face_changes"), Some(k), Some(f)) => FACE_CHANGE
            .iter()
            .position(|(n, _)| *n == f)
            .map_or(Place::Unknown, |j| Place::Face(k, j)),
        _ => Place::Unknown,
    }
}

/// Whether a column name is one of the contract's paths.
pub fn is_member_column(name: &str) -> bool {
    !matches!(place(name), Place::Unknown)
}

/// What a member column holds (`None` for a name that is not one of the contract's paths).
pub fn kind_of(name: &str) -> Option<Kind> {
    match place(name) {
        Place::Fixed(i) => FIXED.get(i).map(|(_, k)| *k),
        Place::Cert(_, j) => CERTIFICATE.get(j).map(|(_, k)| *k),
        Place::Face(_, j) => FACE_CHANGE.get(j).map(|(_, k)| *k),
        Place::Unknown => None,
    }
}

/// The columns of one batch, by field.
pub(crate) struct Layout {
    fixed: Vec<Option<Column>>,
    certs: Vec<[Option<Column>; 4]>,
    faces: Vec<[Option<Column>; 2]>,
    unknown: Vec<(String, Column)>,
}

impl Layout {
    /// Sorts the columns of `batch` by field; `skip` names columns that are not member fields (the `on`
    /// column); unknown columns are kept only when `extra_is_error`. A repeated name: the first column.
    pub(crate) fn of(batch: &RecordBatch, skip: Option<&str>, extra_is_error: bool) -> Layout {
        let mut l = Layout {
            fixed: (0..FIXED.len()).map(|_| None).collect(),
            certs: Vec::new(),
            faces: Vec::new(),
            unknown: Vec::new(),
        };
        let schema = batch.schema();
        for (field, array) in schema.fields().iter().zip(batch.columns()) {
            let name = field.name().as_str();
            if Some(name) == skip {
                continue;
            }
            let slot = match place(name) {
                Place::Fixed(i) => l.fixed.get_mut(i),
                Place::Cert(k, j) => {
                    if l.certs.len() <= k {
                        l.certs.resize_with(k + 1, Default::default);
                    }
                    l.certs.get_mut(k).and_then(|c| c.get_mut(j))
                }
                Place::Face(k, j) => {
                    if l.faces.len() <= k {
                        l.faces.resize_with(k + 1, Default::default);
                    }
                    l.faces.get_mut(k).and_then(|c| c.get_mut(j))
                }
                Place::Unknown => {
                    if extra_is_error && !l.unknown.iter().any(|(n, _)| n == name) {
                        l.unknown.push((name.to_owned(), Column::new(array)));
                    }
                    continue;
                }
            };
            // (a place is always inside its table: `place` gives only indices the tables have)
            if let Some(slot) = slot {
                if slot.is_none() {
                    *slot = Some(Column::new(array));
                }
            }
        }
        l
    }

    fn cell(col: &Option<Column>, i: usize) -> Cell<'_> {
        col.as_ref().map_or(Cell::Null, |c| c.cell(i))
    }
}

/// One converted cell (small and `Copy`: a row is converted without allocating).
#[derive(Debug, Clone, Copy)]
enum Val<'a> {
    Null,
    Text(&'a str),
    /// An id given as a whole number (its decimal text is the id).
    Num(i64),
    Role(Role),
    Date(NaiveDate),
    Flag(bool),
    Count(u32),
    Basis(Basis),
    Reason(FaceChangeReason),
    /// Does not convert: the cell, whose JSON value the core is given.
    Bad(Cell<'a>),
}

impl Val<'_> {
    fn is_null(&self) -> bool {
        matches!(self, Val::Null)
    }

    fn json(&self) -> Value {
        match self {
            Val::Null => Value::Null,
            Val::Text(s) => Value::String((*s).to_owned()),
            Val::Num(n) => Value::String(n.to_string()),
            Val::Role(x) => Value::String(x.as_str().into()),
            Val::Date(d) => Value::String(hokensho::dates::iso(*d)),
            Val::Flag(b) => Value::Bool(*b),
            Val::Count(n) => Value::from(*n),
            Val::Basis(x) => Value::String(x.as_str().into()),
            Val::Reason(x) => Value::String(x.as_str().into()),
            Val::Bad(c) => c.json(),
        }
    }

    fn date(&self) -> Option<Option<NaiveDate>> {
        match self {
            Val::Null => Some(None),
            Val::Date(d) => Some(Some(*d)),
            _ => None,
        }
    }
}

fn wrap<'a, T>(cell: Cell<'a>, c: Conv<T>, f: impl FnOnce(T) -> Val<'a>) -> Val<'a> {
    match c {
        Ok(None) => Val::Null,
        Ok(Some(x)) => f(x),
        Err(()) => Val::Bad(cell),
    }
}

/// A free text field (`id`, `insurer`): trimmed, empty is null; whole numbers are text only where `numbers`
/// (ids kept in an integer column).
fn text(c: Cell<'_>, numbers: bool) -> Val<'_> {
    match c {
        Cell::Null => Val::Null,
        Cell::Str(s) => match s.trim() {
            "" => Val::Null,
            t => Val::Text(t),
        },
        Cell::Int(n) if numbers => Val::Num(n),
        _ => Val::Bad(c),
    }
}

fn convert(kind: Kind, c: Cell<'_>) -> Val<'_> {
    match kind {
        Kind::Id => text(c, true),
        Kind::Insurer => text(c, false),
        Kind::Role => wrap(c, cells::code::<Role>(c), Val::Role),
        Kind::Date => wrap(c, cells::date(c), Val::Date),
        Kind::Flag => wrap(c, cells::flag(c), Val::Flag),
        Kind::Count => wrap(c, cells::count(c), Val::Count),
        Kind::Basis => wrap(c, cells::code::<Basis>(c), Val::Basis),
        Kind::Reason => wrap(c, cells::code::<FaceChangeReason>(c), Val::Reason),
    }
}

/// The converted cells of one row.
struct Row<'a> {
    fixed: [Val<'a>; FIXED.len()],
    certs: Vec<[Val<'a>; 4]>,
    faces: Vec<[Val<'a>; 2]>,
    unknown: Vec<(&'a str, Cell<'a>)>,
}

/// A row's member, or the core's error for it; and, for a bad row, its id as text when it has one.
pub(crate) struct Converted {
    pub(crate) id: Option<String>,
    pub(crate) member: Result<Member, Error>,
}

impl Layout {
    fn row(&self, i: usize) -> Row<'_> {
        let fixed = std::array::from_fn(|k| match (FIXED.get(k), self.fixed.get(k)) {
            (Some((_, kind)), Some(col)) => convert(*kind, Self::cell(col, i)),
            _ => Val::Null,
        });
        let certs = self
            .certs
            .iter()
            .map(|cols| {
                let mut it = CERTIFICATE
                    .iter()
                    .zip(cols.iter())
                    .map(|((_, k), c)| convert(*k, Self::cell(c, i)));
                [
                    it.next().unwrap_or(Val::Null),
                    it.next().unwrap_or(Val::Null),
                    it.next().unwrap_or(Val::Null),
                    it.next().unwrap_or(Val::Null),
                ]
            })
            .collect();
        let faces = self
            .faces
            .iter()
            .map(|cols| {
                [
                    convert(Kind::Date, Self::cell(&cols[0], i)),
                    convert(Kind::Reason, Self::cell(&cols[1], i)),
                ]
            })
            .collect();
        let unknown = self
            .unknown
            .iter()
            .map(|(n, c)| (n.as_str(), c.cell(i)))
            .filter(|(_, c)| {
                !matches!(c, Cell::Null) && !matches!(c, Cell::Str(s) if s.trim().is_empty())
            })
            .collect();
        Row {
            fixed,
            certs,
            faces,
            unknown,
        }
    }

    /// Row `i` as the member JSON value it stands for.
    pub(crate) fn value(&self, i: usize) -> Value {
        self.row(i).value()
    }

    /// Row `i` as a member (or the core's error for it).
    pub(crate) fn member(&self, i: usize) -> Converted {
        let row = self.row(i);
        let member = match row.fast() {
            Some(m) => Ok(m),
            None => row.slow(),
        };
        // a good row's id is its member's; only a bad row needs it kept apart
        let id = match (&member, &row.fixed[ID]) {
            (Err(_), Val::Text(s)) => Some((*s).to_owned()),
            (Err(_), Val::Num(n)) => Some(n.to_string()),
            _ => None,
        };
        Converted { id, member }
    }
}

/// A document's dates, when every one converts: `Some(None)` absent (all null), `Some(Some(..))` present with
/// its issue date, `None` when the fast path cannot say.
fn group<const K: usize>(vals: &[Val<'_>]) -> Option<Option<(NaiveDate, [Option<NaiveDate>; K])>> {
    let head = vals.first()?.date()?;
    let mut rest = [None; K];
    for (k, r) in rest.iter_mut().enumerate() {
        *r = vals.get(k + 1)?.date()?;
    }
    match head {
        Some(h) => Some(Some((h, rest))),
        None if rest.iter().all(Option::is_none) => Some(None),
        None => None,
    }
}

impl Row<'_> {
    /// The member, when the row converts directly.
    fn fast(&self) -> Option<Member> {
        if !self.unknown.is_empty() {
            return None;
        }
        let f = &self.fixed;
        let flag = |i: usize| match f.get(i) {
            Some(Val::Null) => Some(false),
            Some(Val::Flag(b)) => Some(*b),
            _ => None,
        };
        let id = match f[ID] {
            Val::Text(s) => s.to_owned(),
            Val::Num(n) => n.to_string(),
            _ => return None,
        };
        let insurer = match f[INSURER] {
            Val::Text(s) => s.to_owned(),
            _ => return None,
        };
        let role = match f[ROLE] {
            Val::Role(r) => r,
            _ => return None,
        };
        let usage = match (&f[USAGE], &f[USAGE + 1], &f[USAGE + 2]) {
            (Val::Null, Val::Null, Val::Null) => None,
            (Val::Date(d), Val::Count(a), Val::Count(b)) => Some(Usage {
                counted_on: *d,
                last_12_months: *a,
                last_3_months: *b,
            }),
            _ => return None,
        };
        let my_number_card = match group::<5>(&f[MC..MC + 6])? {
            Some((
                issued_on,
                [expires_on, e_cert_expires_on, registered_on, cancelled_on, lost_on],
            )) => Some(MyNumberCard {
                issued_on,
                expires_on,
                e_cert_expires_on,
                registered_on,
                cancelled_on,
                lost_on,
                usage,
            }),
            None if usage.is_some() => return None,
            None => None,
        };
        let mut certificates = Vec::with_capacity(self.certs.len());
        let mut ended = false;
        for c in &self.certs {
            let dates = [c[0], c[1], c[3]];
            match (group::<2>(&dates)?, &c[2]) {
                (None, Val::Null) => ended = true,
                (Some((issued_on, [expires_on, lost_on])), Val::Basis(basis)) if !ended => {
                    certificates.push(Certificate {
                        issued_on,
                        expires_on,
                        basis: *basis,
                        lost_on,
                    })
                }
                _ => return None,
            }
        }
        let mut face_changes = Vec::with_capacity(self.faces.len());
        let mut ended = false;
        for c in &self.faces {
            match (&c[0], &c[1]) {
                (Val::Null, Val::Null) => ended = true,
                (Val::Date(on), Val::Reason(reason)) if !ended => face_changes.push(FaceChange {
                    on: *on,
                    reason: *reason,
                }),
                _ => return None,
            }
        }
        Some(Member {
            id,
            insurer,
            role,
            birth_date: f[BIRTH].date()??,
            abroad: flag(ABROAD)?,
            needs_assistance: flag(ASSIST)?,
            coverage: Coverage {
                acquired_on: f[ACQUIRED].date()??,
                lost_on: f[COV_LOST].date()?,
                voluntary_continuation: flag(VOLUNTARY)?,
            },
            number_on_file: group::<1>(&f[NOF..NOF + 2])?.map(|(received_on, [registered_on])| {
                NumberOnFile {
                    received_on,
                    registered_on,
                }
            }),
            legacy_card: group::<2>(&f[LC..LC + 3])?.map(|(issued_on, [expires_on, lost_on])| {
                LegacyCard {
                    issued_on,
                    expires_on,
                    lost_on,
                }
            }),
            my_number_card,
            certificates,
            notice: group::<1>(&f[NOTICE..NOTICE + 2])?
                .map(|(issued_on, [lost_on])| Notice { issued_on, lost_on }),
            elderly_certificate: group::<1>(&f[ELDERLY..ELDERLY + 2])?.map(
                |(issued_on, [expires_on])| ElderlyCertificate {
                    issued_on,
                    expires_on,
                },
            ),
            face_changes,
        })
    }

    /// The JSON value the row stands for.
    fn value(&self) -> Value {
        let mut o = Map::new();
        for ((name, _), v) in FIXED.iter().zip(self.fixed.iter()) {
            if !v.is_null() {
                insert_path(&mut o, name, v.json());
            }
        }
        // `coverage` is required: an empty object lets the core name the missing field inside it
        o.entry("coverage")
            .or_insert_with(|| Value::Object(Map::new()));
        put_list(&mut o, "certificates", &self.certs, &CERTIFICATE);
        put_list(&mut o, "face_changes", &self.faces, &FACE_CHANGE);
        for (name, cell) in &self.unknown {
            insert_path(&mut o, name, cell.json());
        }
        Value::Object(o)
    }
}

impl Row<'_> {
    /// A row the fast path cannot fill: every problem of the row, or the member. Individual numbers first
    /// (and alone), as the core reports them; then every cell that does not convert, every unknown column with
    /// a value, and every missing field, named by their columns; then what the core finds in the rest (a list
    /// gap, an entry out of place), so that fixing the errors shown never uncovers an error of a cell that
    /// was already there.
    fn slow(&self) -> Result<Member, Error> {
        let value = self.value();
        let mut numbers = Vec::new();
        scan_individual_numbers(&value, "", &mut numbers);
        if !numbers.is_empty() {
            return Err(Error::InvalidMember(numbers));
        }
        let mut errs = self.cell_errors();
        match member_from_value(&value) {
            Ok(m) if errs.is_empty() => Ok(m),
            Ok(_) => Err(Error::InvalidMember(errs)),
            Err(e) => {
                let had = !errs.is_empty();
                for x in e.errors() {
                    let path = column_path(&x.path);
                    let known = errs.iter().any(|y| {
                        y.path == path
                            || path.starts_with(&format!("{}.", y.path))
                            || y.path.starts_with(&format!("{path}."))
                    });
                    // the core names an unknown key `?` when it is not an identifier: the columns are named above
                    let named_above = had && x.code == "unknown_field";
                    if !(known || named_above) {
                        errs.push(x.clone());
                    }
                }
                Err(Error::InvalidMember(errs))
            }
        }
    }

    /// The problems of single cells and columns, in column order.
    fn cell_errors(&self) -> Vec<FieldError> {
        let mut out = Vec::new();
        for ((name, kind), v) in FIXED.iter().zip(self.fixed.iter()) {
            if let Val::Bad(_) = v {
                out.push(cell_error(name, *kind));
            }
        }
        for (name, v) in [ID, INSURER, ROLE, BIRTH, ACQUIRED]
            .iter()
            .filter_map(|&i| FIXED.get(i).zip(self.fixed.get(i)))
            .map(|((n, _), v)| (*n, v))
        {
            if v.is_null() {
                out.push(missing(name));
            }
        }
        // a document given in part: its first column is what makes it one
        let groups: [(usize, usize); 5] = [(NOF, 2), (LC, 3), (MC, 6), (NOTICE, 2), (ELDERLY, 2)];
        for (head, len) in groups {
            let vals = self.fixed.get(head..head + len).unwrap_or(&[]);
            if vals.first().is_some_and(Val::is_null) && vals.iter().any(|v| !v.is_null()) {
                if let Some((name, _)) = FIXED.get(head) {
                    out.push(missing(name));
                }
            }
        }
        let usage = self.fixed.get(USAGE..USAGE + 3).unwrap_or(&[]);
        if usage.iter().any(|v| !v.is_null()) {
            for ((name, _), v) in FIXED.iter().skip(USAGE).zip(usage) {
                if v.is_null() {
                    out.push(missing(name));
                }
            }
        }
        for (k, vals) in self.certs.iter().enumerate() {
            list_errors(&mut out, "certificates", k, vals, &CERTIFICATE, &[0, 2]);
        }
        for (k, vals) in self.faces.iter().enumerate() {
            list_errors(&mut out, "face_changes", k, vals, &FACE_CHANGE, &[0, 1]);
        }
        for (name, _) in &self.unknown {
            out.push(unknown_column(name));
        }
        out
    }
}

/// The errors of one list entry (`certificates.K`, `face_changes.K`): cells that do not convert, and the
/// `required` fields missing when the entry has any value.
fn list_errors<const K: usize>(
    out: &mut Vec<FieldError>,
    list: &str,
    k: usize,
    vals: &[Val<'_>; K],
    fields: &[(&str, Kind); K],
    required: &[usize],
) {
    let present = vals.iter().any(|v| !v.is_null());
    for (j, (v, (f, kind))) in vals.iter().zip(fields).enumerate() {
        let name = format!("{list}.{k}.{f}");
        match v {
            Val::Bad(_) => out.push(cell_error(&name, *kind)),
            Val::Null if present && required.contains(&j) => out.push(missing(&name)),
            _ => {}
        }
    }
}

fn missing(name: &str) -> FieldError {
    FieldError::new(
        "missing_field",
        name,
        format!("`{name}` is missing"),
        format!("`{name}` がありません"),
    )
}

/// An unknown column with a value; its name is shown as it is (a Japanese header too), unless it looks like an
/// individual number or is too long to be a header.
fn unknown_column(name: &str) -> FieldError {
    let shown = if contains_individual_number(name) || name.len() > hokensho::limits::MAX_TEXT_BYTES
    {
        "?"
    } else {
        name
    };
    FieldError::new(
        "unknown_field",
        shown,
        format!("unknown column `{shown}`: it is not a member field (map it to one, or ignore unknown columns)"),
        format!("不明な列 `{shown}` があります。会員レコードの項目ではありません（項目に対応させるか、不明な列を無視してください）"),
    )
}

/// What a cell of `kind` in column `name` should hold; never the cell's own value.
fn cell_error(name: &str, kind: Kind) -> FieldError {
    let one_of = |codes: Vec<&'static str>, code: &str| {
        let list = |sep: &str| {
            codes
                .iter()
                .map(|c| format!("`{c}`"))
                .collect::<Vec<_>>()
                .join(sep)
        };
        FieldError::new(
            code,
            name,
            format!("`{name}` must be one of {}", list(", ")),
            format!("`{name}` の値は {} のいずれかです", list("・")),
        )
    };
    match kind {
        Kind::Date => FieldError::new(
            "invalid_date",
            name,
            format!("`{name}` is not a date: expected YYYY-MM-DD, YYYY/MM/DD or an era date such as R7.12.1 (years 1900-2200)"),
            format!("`{name}` は日付ではありません: YYYY-MM-DD、YYYY/MM/DD または 令和7年12月1日・R7.12.1 のような和暦で指定してください（1900〜2200年）"),
        ),
        Kind::Flag => FieldError::new(
            "invalid_type",
            name,
            format!("`{name}` must be true or false (also TRUE/FALSE, 1/0)"),
            format!("`{name}` には true か false（TRUE/FALSE、1/0、はい/いいえ も可）を指定してください"),
        ),
        Kind::Count => FieldError::new(
            "invalid_value",
            name,
            format!("`{name}` must be a whole number, 0 or more"),
            format!("`{name}` には 0 以上の整数を指定してください"),
        ),
        Kind::Id | Kind::Insurer => FieldError::new(
            "invalid_type",
            name,
            format!("`{name}` must be text"),
            format!("`{name}` には文字列を指定してください"),
        ),
        Kind::Role => one_of(Role::names(), "invalid_value"),
        Kind::Basis => one_of(Basis::names(), "invalid_value"),
        Kind::Reason => one_of(FaceChangeReason::names(), "invalid_value"),
    }
}

/// A core path as the columns spell it: `certificates[0].expires_on` → `certificates.0.expires_on`.
pub fn column_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    let mut rest = path;
    while let Some(open) = rest.find('[') {
        let (head, tail) = rest.split_at(open);
        out.push_str(head);
        let digits = tail
            .get(1..)
            .and_then(|t| t.find(']').map(|c| (t, c)))
            .filter(|(t, c)| {
                *c > 0
                    && t.get(..*c)
                        .is_some_and(|d| d.bytes().all(|b| b.is_ascii_digit()))
            });
        match digits {
            Some((t, c)) => {
                out.push('.');
                out.push_str(t.get(..c).unwrap_or(""));
                rest = t.get(c + 1..).unwrap_or("");
            }
            None => {
                out.push('[');
                rest = tail.get(1..).unwrap_or("");
            }
        }
    }
    out.push_str(rest);
    out
}

fn put_list<const K: usize>(
    o: &mut Map<String, Value>,
    key: &str,
    rows: &[[Val<'_>; K]],
    fields: &[(&str, Kind); K],
) {
    let mut list: Vec<Value> = Vec::new();
    for (k, vals) in rows.iter().enumerate() {
        let mut e = Map::new();
        for (v, (name, _)) in vals.iter().zip(fields) {
            if !v.is_null() {
                e.insert((*name).to_owned(), v.json());
            }
        }
        if !e.is_empty() {
            list.resize(k, Value::Null);
            list.push(Value::Object(e));
        }
    }
    if !list.is_empty() {
        o.insert(key.to_owned(), Value::Array(list));
    }
}

/// Inserts `v` at a dotted path, into nested objects where they exist or can be made; a path through a
/// non-object (a list's index) is inserted whole as one key, which the core reports as unknown.
fn insert_path(o: &mut Map<String, Value>, path: &str, v: Value) {
    match path.split_once('.') {
        Some((head, rest))
            if !matches!(o.get(head), Some(x) if !x.is_object())
                && !head.bytes().all(|b| b.is_ascii_digit())
                && head != "certificates"
                && head != "face_changes" =>
        {
            let inner = o
                .entry(head.to_owned())
                .or_insert_with(|| Value::Object(Map::new()));
            if let Value::Object(m) = inner {
                insert_path(m, rest, v);
            }
        }
        _ => {
            o.insert(path.to_owned(), v);
        }
    }
}
