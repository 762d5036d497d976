//! The output batch: the core's summary columns, the error columns and the optional `assessment` JSON.

use std::sync::{Arc, OnceLock};

use arrow_array::builder::{BooleanBuilder, Date32Builder, Int8Builder, StringBuilder};
use arrow_array::{ArrayRef, DictionaryArray, RecordBatch, StringArray};
use arrow_schema::{ArrowError, DataType, Field, Schema, SchemaRef};
use hokensho::labels::LabelKind;
use hokensho::{Action, Document, Error, Event, Lang, NeedReason, Status, Vocab};

use crate::cells::day_of_date;
use crate::members::column_path;
use crate::RowOut;

/// A coded output column's type: int8 keys into the vocabulary.
fn dict() -> DataType {
    DataType::Dictionary(Box::new(DataType::Int8), Box::new(DataType::Utf8))
}

/// The output columns: (name, type, the vocabulary of a coded column).
pub(crate) fn columns() -> Vec<(&'static str, DataType, Option<Vec<&'static str>>)> {
    let st = || Some(Status::names());
    vec![
        ("id", DataType::Utf8, None),
        ("covered", DataType::Boolean, None),
        ("legacy_card", dict(), st()),
        ("my_number_card", dict(), st()),
        ("certificate", dict(), st()),
        ("notice", dict(), st()),
        ("elderly_certificate", dict(), st()),
        ("needs_certificate", DataType::Boolean, None),
        ("needs_reason", dict(), Some(NeedReason::names())),
        ("needs_from", DataType::Date32, None),
        ("next_action", dict(), Some(Action::names())),
        ("next_document", dict(), Some(Document::names())),
        ("next_from", DataType::Date32, None),
        ("next_until", DataType::Date32, None),
        ("next_event", dict(), Some(Event::names())),
        ("next_event_on", DataType::Date32, None),
        ("error_code", DataType::Utf8, None),
        ("error_path", DataType::Utf8, None),
        ("error", DataType::Utf8, None),
        ("error_message", DataType::Utf8, None),
    ]
}

/// The schema of an output batch; `assessment` adds the JSON column of that name.
pub fn output_schema(assessment: bool) -> SchemaRef {
    static PLAIN: OnceLock<SchemaRef> = OnceLock::new();
    static FULL: OnceLock<SchemaRef> = OnceLock::new();
    let make = |full: bool| {
        let mut fields: Vec<Field> = columns()
            .into_iter()
            .map(|(n, t, _)| Field::new(n, t, true))
            .collect();
        if full {
            fields.push(Field::new("assessment", DataType::Utf8, true));
        }
        Arc::new(Schema::new(fields))
    };
    if assessment {
        FULL.get_or_init(|| make(true)).clone()
    } else {
        PLAIN.get_or_init(|| make(false)).clone()
    }
}

/// The values of a coded column as one shared array per vocabulary and label language (so batches
/// concatenate without merging dictionaries): the codes, or with `labels` the core's labels in that language.
pub(crate) fn values(kind: LabelKind, labels: Option<Lang>) -> ArrayRef {
    const KINDS: usize = LabelKind::ALL.len();
    static CELLS: [[OnceLock<ArrayRef>; 3]; KINDS] =
        [const { [const { OnceLock::new() }; 3] }; KINDS];
    let k = LabelKind::ALL.iter().position(|x| *x == kind).unwrap_or(0);
    let l = match labels {
        None => 0,
        Some(Lang::Ja) => 1,
        Some(Lang::En) => 2,
    };
    let make = || -> ArrayRef {
        let all = hokensho::labels::labels(kind, labels.unwrap_or(Lang::En));
        Arc::new(StringArray::from_iter_values(all.iter().map(|x| {
            if labels.is_some() {
                x.label
            } else {
                x.code
            }
        })))
    };
    match CELLS.get(k).and_then(|c| c.get(l)) {
        Some(cell) => cell.get_or_init(make).clone(),
        None => make(),
    }
}

/// A coded value's key in its vocabulary.
fn key<T: Vocab + PartialEq>(v: Option<T>) -> Option<i8> {
    let v = v?;
    T::ALL
        .iter()
        .position(|x| *x == v)
        .and_then(|p| i8::try_from(p).ok())
}

/// The four error columns of a bad row, shared by the summary and the long tables: `error_code` and
/// `error_path` (the first error), `error` (every error as `code: path`, `; `-joined) and `error_message` (every
/// message in the chosen language); paths spelled as the columns are.
pub(crate) struct ErrorColumns {
    code: StringBuilder,
    path: StringBuilder,
    all: StringBuilder,
    message: StringBuilder,
    text: String,
    lang: Lang,
}

impl ErrorColumns {
    pub(crate) fn new(lang: Lang) -> ErrorColumns {
        ErrorColumns {
            code: StringBuilder::new(),
            path: StringBuilder::new(),
            all: StringBuilder::new(),
            message: StringBuilder::new(),
            text: String::new(),
            lang,
        }
    }

    /// A row without errors.
    pub(crate) fn push_none(&mut self) {
        for b in [
            &mut self.code,
            &mut self.path,
            &mut self.all,
            &mut self.message,
        ] {
            b.append_null();
        }
    }

    /// A bad row's errors.
    pub(crate) fn push(&mut self, e: &Error) {
        let first = e.errors().first();
        self.code.append_option(first.map(|x| x.code.as_str()));
        self.path.append_option(first.map(|x| column_path(&x.path)));
        self.text.clear();
        for (k, x) in e.errors().iter().enumerate() {
            if k > 0 {
                self.text.push_str("; ");
            }
            self.text.push_str(&x.code);
            if !x.path.is_empty() {
                self.text.push_str(": ");
                self.text.push_str(&column_path(&x.path));
            }
        }
        self.all.append_value(&self.text);
        self.text.clear();
        for (k, x) in e.errors().iter().enumerate() {
            if k > 0 {
                self.text.push_str("; ");
            }
            let m = match self.lang {
                Lang::Ja => &x.ja,
                Lang::En => &x.en,
            };
            self.text.push_str(&column_path(m));
        }
        self.message.append_value(&self.text);
    }

    /// The four columns, in order.
    pub(crate) fn finish(&mut self) -> [ArrayRef; 4] {
        [
            Arc::new(self.code.finish()),
            Arc::new(self.path.finish()),
            Arc::new(self.all.finish()),
            Arc::new(self.message.finish()),
        ]
    }
}

/// The output columns, filled row by row.
pub(crate) struct Out {
    id: StringBuilder,
    covered: BooleanBuilder,
    statuses: [Int8Builder; 5],
    needs: BooleanBuilder,
    reason: Int8Builder,
    action: Int8Builder,
    document: Int8Builder,
    event: Int8Builder,
    dates: [Date32Builder; 4],
    errors: ErrorColumns,
    json: Option<StringBuilder>,
    labels: Option<Lang>,
}

impl Out {
    /// Builders for about `n` rows; `assessment` adds the JSON column; error messages in `lang`; coded
    /// columns as `labels` in that language, or as codes.
    pub(crate) fn new(n: usize, assessment: bool, lang: Lang, labels: Option<Lang>) -> Out {
        let keys = || Int8Builder::with_capacity(n);
        let day = || Date32Builder::with_capacity(n);
        let text = |w: usize| StringBuilder::with_capacity(n, n * w);
        Out {
            id: text(8),
            covered: BooleanBuilder::with_capacity(n),
            statuses: [keys(), keys(), keys(), keys(), keys()],
            needs: BooleanBuilder::with_capacity(n),
            reason: keys(),
            action: keys(),
            document: keys(),
            event: keys(),
            dates: [day(), day(), day(), day()],
            errors: ErrorColumns::new(lang),
            json: assessment.then(|| text(1024)),
            labels,
        }
    }

    /// Appends one row.
    pub(crate) fn push(&mut self, r: &RowOut) {
        match (&r.result, &r.id) {
            (Ok(s), _) => self.id.append_value(&s.id),
            (Err(_), id) => self.id.append_option(id.as_deref()),
        }
        if let Some(j) = &mut self.json {
            j.append_option(r.json.as_deref());
        }
        match &r.result {
            Ok(s) => {
                self.covered.append_value(s.covered);
                let st = [
                    s.legacy_card,
                    s.my_number_card,
                    s.certificate,
                    s.notice,
                    s.elderly_certificate,
                ];
                for (b, v) in self.statuses.iter_mut().zip(st) {
                    b.append_option(key(v));
                }
                self.needs.append_value(s.needs_certificate);
                self.reason.append_option(key(s.needs_reason));
                self.action.append_option(key(s.next_action));
                self.document.append_option(key(s.next_document));
                self.event.append_option(key(s.next_event));
                let ds = [s.needs_from, s.next_from, s.next_until, s.next_event_on];
                for (b, d) in self.dates.iter_mut().zip(ds) {
                    b.append_option(d.map(day_of_date));
                }
                self.errors.push_none();
            }
            Err(e) => {
                self.covered.append_null();
                for b in &mut self.statuses {
                    b.append_null();
                }
                self.needs.append_null();
                for b in [
                    &mut self.reason,
                    &mut self.action,
                    &mut self.document,
                    &mut self.event,
                ] {
                    b.append_null();
                }
                for b in &mut self.dates {
                    b.append_null();
                }
                self.errors.push(e);
            }
        }
    }

    /// The output batch.
    pub(crate) fn finish(mut self) -> Result<RecordBatch, ArrowError> {
        let l = self.labels;
        let status = || values(LabelKind::Statuses, l);
        let dict = |b: &mut Int8Builder, v: ArrayRef| -> Result<ArrayRef, ArrowError> {
            Ok(Arc::new(DictionaryArray::try_new(b.finish(), v)?))
        };
        let [s0, s1, s2, s3, s4] = &mut self.statuses;
        let [d0, d1, d2, d3] = &mut self.dates;
        let mut cols: Vec<ArrayRef> = vec![
            Arc::new(self.id.finish()),
            Arc::new(self.covered.finish()),
            dict(s0, status())?,
            dict(s1, status())?,
            dict(s2, status())?,
            dict(s3, status())?,
            dict(s4, status())?,
            Arc::new(self.needs.finish()),
            dict(&mut self.reason, values(LabelKind::NeedReasons, l))?,
            Arc::new(d0.finish()),
            dict(&mut self.action, values(LabelKind::Actions, l))?,
            dict(&mut self.document, values(LabelKind::Documents, l))?,
            Arc::new(d1.finish()),
            Arc::new(d2.finish()),
            dict(&mut self.event, values(LabelKind::Events, l))?,
            Arc::new(d3.finish()),
        ];
        cols.extend(self.errors.finish());
        let full = self.json.is_some();
        if let Some(j) = &mut self.json {
            cols.push(Arc::new(j.finish()));
        }
        RecordBatch::try_new(output_schema(full), cols)
    }
}
