//! Long tables: one row per member and obligation ([`crate::Assessor::obligations`]) or per member and upcoming
//! event ([`crate::Assessor::events`]), built from the core's full answer of each row. A member with none has no
//! row; a bad input row has exactly one row, with its error columns set and the rest null, so no bad row goes
//! unseen. `row` is the input row's position (from 0), to join back to the frame.

use std::sync::{Arc, OnceLock};

use arrow_array::builder::{
    BooleanBuilder, Date32Builder, Int32Builder, Int64Builder, Int8Builder, StringBuilder,
};
use arrow_array::{ArrayRef, DictionaryArray, RecordBatch};
use arrow_schema::{ArrowError, DataType, Field, Schema, SchemaRef};
use hokensho::labels::LabelKind;
use hokensho::{Assessment, Error, Lang, NaiveDate, RuleId, Vocab};

use crate::cells::day_of_date;
use crate::output::{values, ErrorColumns};

/// Which long table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Long {
    /// One row per obligation (duties and options): `row, id, action, document, index, actor, via, from, until,
    /// required, delivery, rule, text` and the error columns.
    Obligations,
    /// One row per upcoming event up to `until` (every one when `None`): `row, id, on, event, document, index,
    /// rule, text` and the error columns.
    Events {
        /// The last day of events to list.
        until: Option<NaiveDate>,
    },
}

fn dict() -> DataType {
    DataType::Dictionary(Box::new(DataType::Int8), Box::new(DataType::Utf8))
}

fn dict16() -> DataType {
    DataType::Dictionary(Box::new(DataType::Int16), Box::new(DataType::Utf8))
}

const ERRORS: [&str; 4] = ["error_code", "error_path", "error", "error_message"];

/// The columns of a long table: (name, type, what it holds).
pub fn long_columns(which: Long) -> Vec<(&'static str, DataType, &'static str)> {
    let mut v = vec![
        ("row", DataType::Int64, "the input row's position, from 0"),
        ("id", DataType::Utf8, "the member's id"),
    ];
    match which {
        Long::Obligations => v.extend([
            ("action", dict(), "what: `actions`"),
            ("document", dict(), "on which document: `documents`"),
            (
                "index",
                DataType::Int32,
                "for certificates: K of `certificates.K`",
            ),
            ("actor", dict(), "who: `actors`"),
            (
                "via",
                DataType::Utf8,
                "through whom or where (`employer`, `insurer`, `municipality`, `hotline`)",
            ),
            ("from", DataType::Date32, "the window's first day"),
            ("until", DataType::Date32, "the window's last day"),
            (
                "required",
                DataType::Boolean,
                "a duty (true) or an option the member may take (false)",
            ),
            (
                "delivery",
                DataType::Utf8,
                "for `issue_certificate`: how it arrives",
            ),
            ("rule", dict16(), "the deciding rule"),
            (
                "text",
                DataType::Utf8,
                "the obligation in words, in the chosen language",
            ),
        ]),
        Long::Events { .. } => v.extend([
            ("on", DataType::Date32, "the day"),
            ("event", dict(), "what happens: `events`"),
            ("document", dict(), "the document concerned"),
            (
                "index",
                DataType::Int32,
                "for certificates: K of `certificates.K`",
            ),
            ("rule", dict16(), "the deciding rule"),
            (
                "text",
                DataType::Utf8,
                "the event in words, in the chosen language",
            ),
        ]),
    }
    for e in ERRORS {
        v.push((e, DataType::Utf8, "a bad row's errors, as in the summary"));
    }
    v
}

/// The schema of a long table.
pub fn long_schema(which: Long) -> SchemaRef {
    static OBL: OnceLock<SchemaRef> = OnceLock::new();
    static EVT: OnceLock<SchemaRef> = OnceLock::new();
    let make = || {
        Arc::new(Schema::new(
            long_columns(which)
                .into_iter()
                .map(|(n, t, _)| Field::new(n, t, true))
                .collect::<Vec<_>>(),
        ))
    };
    match which {
        Long::Obligations => OBL.get_or_init(make).clone(),
        Long::Events { .. } => EVT.get_or_init(make).clone(),
    }
}

fn key<T: Vocab + PartialEq>(v: T) -> Option<i8> {
    T::ALL
        .iter()
        .position(|x| *x == v)
        .and_then(|p| i8::try_from(p).ok())
}

fn rule_key(r: RuleId) -> Option<i16> {
    RuleId::ALL
        .iter()
        .position(|x| *x == r)
        .and_then(|p| i16::try_from(p).ok())
}

/// A serde enum's wire name (`via`, `delivery`).
fn code<T: serde::Serialize>(v: &T) -> Option<String> {
    match serde_json::to_value(v) {
        Ok(serde_json::Value::String(s)) => Some(s),
        _ => None,
    }
}

/// A long table's columns, filled row by row.
pub(crate) struct LongOut {
    which: Long,
    lang: Lang,
    labels: Option<Lang>,
    row: Int64Builder,
    id: StringBuilder,
    // obligations: action, document, actor; events: event, document
    k: [Int8Builder; 3],
    index: Int32Builder,
    via: StringBuilder,
    delivery: StringBuilder,
    // obligations: from, until; events: on
    dates: [Date32Builder; 2],
    required: BooleanBuilder,
    rule: arrow_array::builder::Int16Builder,
    text: StringBuilder,
    errors: ErrorColumns,
}

impl LongOut {
    pub(crate) fn new(which: Long, lang: Lang, labels: Option<Lang>) -> LongOut {
        LongOut {
            which,
            lang,
            labels,
            row: Int64Builder::new(),
            id: StringBuilder::new(),
            k: [Int8Builder::new(), Int8Builder::new(), Int8Builder::new()],
            index: Int32Builder::new(),
            via: StringBuilder::new(),
            delivery: StringBuilder::new(),
            dates: [Date32Builder::new(), Date32Builder::new()],
            required: BooleanBuilder::new(),
            rule: arrow_array::builder::Int16Builder::new(),
            text: StringBuilder::new(),
            errors: ErrorColumns::new(lang),
        }
    }

    fn pick<'a>(&self, en: &'a Option<String>, ja: &'a Option<String>) -> Option<&'a str> {
        match self.lang {
            Lang::En => en.as_deref(),
            Lang::Ja => ja.as_deref(),
        }
    }

    fn no_error(&mut self) {
        self.errors.push_none();
    }

    /// Appends row `i`'s lines: its obligations or events, or its one error line.
    pub(crate) fn push(&mut self, i: usize, id: Option<&str>, answer: &Result<Assessment, Error>) {
        let row = i64::try_from(i).unwrap_or(i64::MAX);
        match answer {
            Ok(a) => match self.which {
                Long::Obligations => {
                    for o in &a.obligations {
                        self.row.append_value(row);
                        self.id.append_value(&a.id);
                        self.k[0].append_option(key(o.action));
                        self.k[1].append_option(key(o.document));
                        self.k[2].append_option(key(o.actor));
                        self.index
                            .append_option(o.index.and_then(|x| i32::try_from(x).ok()));
                        self.via.append_option(o.via.as_ref().and_then(code));
                        self.dates[0].append_option(o.from.map(day_of_date));
                        self.dates[1].append_option(o.until.map(day_of_date));
                        self.required.append_value(o.required);
                        self.delivery
                            .append_option(o.delivery.as_ref().and_then(code));
                        self.rule.append_option(rule_key(o.rule));
                        let t = self.pick(&o.en, &o.ja).map(str::to_owned);
                        self.text.append_option(t);
                        self.no_error();
                    }
                }
                Long::Events { until } => {
                    for u in a
                        .upcoming
                        .iter()
                        .filter(|u| until.is_none_or(|last| u.on <= last))
                    {
                        self.row.append_value(row);
                        self.id.append_value(&a.id);
                        self.dates[0].append_value(day_of_date(u.on));
                        self.k[0].append_option(key(u.event));
                        self.k[1].append_option(u.document.and_then(key));
                        self.index
                            .append_option(u.index.and_then(|x| i32::try_from(x).ok()));
                        self.rule.append_option(rule_key(u.rule));
                        let t = self.pick(&u.en, &u.ja).map(str::to_owned);
                        self.text.append_option(t);
                        self.no_error();
                    }
                }
            },
            Err(e) => {
                self.row.append_value(row);
                self.id.append_option(id);
                let n = match self.which {
                    Long::Obligations => 3,
                    Long::Events { .. } => 2,
                };
                for b in self.k.iter_mut().take(n) {
                    b.append_null();
                }
                self.index.append_null();
                self.rule.append_null();
                self.text.append_null();
                match self.which {
                    Long::Obligations => {
                        self.via.append_null();
                        self.delivery.append_null();
                        self.required.append_null();
                        self.dates[0].append_null();
                        self.dates[1].append_null();
                    }
                    Long::Events { .. } => self.dates[0].append_null(),
                }
                self.errors.push(e);
            }
        }
    }

    pub(crate) fn finish(mut self) -> Result<RecordBatch, ArrowError> {
        let l = self.labels;
        let dict8 = |b: &mut Int8Builder, kind: LabelKind| -> Result<ArrayRef, ArrowError> {
            Ok(Arc::new(DictionaryArray::try_new(
                b.finish(),
                values(kind, l),
            )?))
        };
        let rules: ArrayRef = Arc::new(DictionaryArray::try_new(
            self.rule.finish(),
            values(LabelKind::Rules, l),
        )?);
        let [k0, k1, k2] = &mut self.k;
        let [d0, d1] = &mut self.dates;
        let mut cols: Vec<ArrayRef> = vec![Arc::new(self.row.finish()), Arc::new(self.id.finish())];
        match self.which {
            Long::Obligations => cols.extend([
                dict8(k0, LabelKind::Actions)?,
                dict8(k1, LabelKind::Documents)?,
                Arc::new(self.index.finish()) as ArrayRef,
                dict8(k2, LabelKind::Actors)?,
                Arc::new(self.via.finish()),
                Arc::new(d0.finish()),
                Arc::new(d1.finish()),
                Arc::new(self.required.finish()),
                Arc::new(self.delivery.finish()),
                rules,
                Arc::new(self.text.finish()),
            ]),
            Long::Events { .. } => cols.extend([
                Arc::new(d0.finish()) as ArrayRef,
                dict8(k0, LabelKind::Events)?,
                dict8(k1, LabelKind::Documents)?,
                Arc::new(self.index.finish()),
                rules,
                Arc::new(self.text.finish()),
            ]),
        }
        cols.extend(self.errors.finish());
        RecordBatch::try_new(long_schema(self.which), cols)
    }
}
