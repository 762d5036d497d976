//! The output batch: the core's summary columns, the error columns and the optional `assessment` JSON.

use std::sync::{Arc, OnceLock};

use arrow_array::builder::{BooleanBuilder, Date32Builder, Int8Builder, StringBuilder};
use arrow_array::{ArrayRef, DictionaryArray, RecordBatch, StringArray};
use arrow_schema::{ArrowError, DataType, Field, Schema, SchemaRef};
use chrono::NaiveDate;
use hokensho::{Action, Document, Event, NeedReason, Status, Summary, Vocab};

use crate::cells::day_of_date;
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

fn coded<T: Vocab + PartialEq>(
    rows: &[RowOut],
    get: impl Fn(&Summary) -> Option<T>,
) -> Result<ArrayRef, ArrowError> {
    let mut keys = Int8Builder::with_capacity(rows.len());
    for r in rows {
        let k = r
            .result
            .as_ref()
            .ok()
            .and_then(&get)
            .and_then(|v| T::ALL.iter().position(|x| *x == v))
            .and_then(|p| i8::try_from(p).ok());
        keys.append_option(k);
    }
    let values = Arc::new(StringArray::from(T::names()));
    Ok(Arc::new(DictionaryArray::try_new(keys.finish(), values)?))
}

fn flag(rows: &[RowOut], get: impl Fn(&Summary) -> bool) -> ArrayRef {
    let mut b = BooleanBuilder::with_capacity(rows.len());
    for r in rows {
        b.append_option(r.result.as_ref().ok().map(&get));
    }
    Arc::new(b.finish())
}

fn day(rows: &[RowOut], get: impl Fn(&Summary) -> Option<NaiveDate>) -> ArrayRef {
    let mut b = Date32Builder::with_capacity(rows.len());
    for r in rows {
        b.append_option(r.result.as_ref().ok().and_then(&get).map(day_of_date));
    }
    Arc::new(b.finish())
}

fn text<'a>(
    rows: &'a [RowOut],
    get: impl Fn(&'a RowOut) -> Option<std::borrow::Cow<'a, str>>,
) -> ArrayRef {
    let mut b = StringBuilder::with_capacity(rows.len(), rows.len() * 8);
    for r in rows {
        b.append_option(get(r));
    }
    Arc::new(b.finish())
}

/// The output batch of `rows`.
pub(crate) fn build(rows: &[RowOut], assessment: bool) -> Result<RecordBatch, ArrowError> {
    let first = |r: &RowOut| {
        r.result
            .as_ref()
            .err()
            .and_then(|e| e.errors().first().cloned())
    };
    let mut cols: Vec<ArrayRef> = vec![
        text(rows, |r| r.id.as_deref().map(Into::into)),
        flag(rows, |s| s.covered),
        coded(rows, |s| s.legacy_card)?,
        coded(rows, |s| s.my_number_card)?,
        coded(rows, |s| s.certificate)?,
        coded(rows, |s| s.notice)?,
        coded(rows, |s| s.elderly_certificate)?,
        flag(rows, |s| s.needs_certificate),
        coded(rows, |s| s.needs_reason)?,
        day(rows, |s| s.needs_from),
        coded(rows, |s| s.next_action)?,
        coded(rows, |s| s.next_document)?,
        day(rows, |s| s.next_from),
        day(rows, |s| s.next_until),
        coded(rows, |s| s.next_event)?,
        day(rows, |s| s.next_event_on),
        text(rows, |r| first(r).map(|e| e.code.into())),
        text(rows, |r| first(r).map(|e| e.path.into())),
        text(rows, |r| {
            r.result.as_ref().err().map(|e| {
                e.errors()
                    .iter()
                    .map(|x| {
                        if x.path.is_empty() {
                            x.code.clone()
                        } else {
                            format!("{}: {}", x.code, x.path)
                        }
                    })
                    .collect::<Vec<_>>()
                    .join("; ")
                    .into()
            })
        }),
    ];
    if assessment {
        cols.push(text(rows, |r| r.json.as_deref().map(Into::into)));
    }
    RecordBatch::try_new(output_schema(assessment), cols)
}
