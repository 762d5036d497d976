//! The input and output schemas: as Arrow schemas ([`input_schema`], [`crate::output_schema`]) and as one JSON
//! document a user can load ([`schema_json`], committed as `columnar/schema.json`).

use std::sync::Arc;

use arrow_schema::{DataType, Field, Schema, SchemaRef};
use hokensho::{Basis, FaceChangeReason, Role, Vocab};
use serde_json::{json, Value};

use crate::members::{Kind, CERTIFICATE, FACE_CHANGE, FIXED};

/// The canonical Arrow type of a member column (others are accepted too; see the crate's documentation).
pub fn canonical_type(kind: Kind) -> DataType {
    match kind {
        Kind::Date => DataType::Date32,
        Kind::Flag => DataType::Boolean,
        Kind::Count => DataType::UInt32,
        Kind::Id | Kind::Insurer | Kind::Role | Kind::Basis | Kind::Reason => DataType::Utf8,
    }
}

/// Every member column, in order, with `certificates` and `face_changes` list slots.
pub fn input_columns(certificates: usize, face_changes: usize) -> Vec<(String, Kind)> {
    let mut out: Vec<(String, Kind)> = FIXED.iter().map(|(n, k)| ((*n).to_owned(), *k)).collect();
    for k in 0..certificates {
        out.extend(
            CERTIFICATE
                .iter()
                .map(|(n, t)| (format!("certificates.{k}.{n}"), *t)),
        );
    }
    for k in 0..face_changes {
        out.extend(
            FACE_CHANGE
                .iter()
                .map(|(n, t)| (format!("face_changes.{k}.{n}"), *t)),
        );
    }
    out
}

/// The canonical input schema with `certificates` and `face_changes` list slots (all columns nullable: a
/// column may also be left out, which means null).
pub fn input_schema(certificates: usize, face_changes: usize) -> SchemaRef {
    Arc::new(Schema::new(
        input_columns(certificates, face_changes)
            .into_iter()
            .map(|(n, k)| Field::new(n, canonical_type(k), true))
            .collect::<Vec<_>>(),
    ))
}

fn kind_json(kind: Kind) -> Value {
    let (name, accepts, values): (&str, &str, Option<Vec<&str>>) = match kind {
        Kind::Id => ("id", "string (trimmed; whole numbers become text)", None),
        Kind::Insurer => ("insurer", "string: a profile id of the rule set", None),
        Kind::Role => ("code", "string, large_string, string_view or dictionary", Some(Role::names())),
        Kind::Basis => ("code", "string, large_string, string_view or dictionary", Some(Basis::names())),
        Kind::Reason => (
            "code",
            "string, large_string, string_view or dictionary",
            Some(FaceChangeReason::names()),
        ),
        Kind::Date => (
            "date",
            "date32, date64, timestamp (zoned: the civil date in Japan) or string: 2025-12-02, 2025/12/02, 2025/4/1, with a time (2025/12/02 00:00:00), or a Japanese era (昭和33年10月15日, R7.12.1)",
            None,
        ),
        Kind::Flag => (
            "flag",
            "boolean, integer 0/1 or string true/false, TRUE/FALSE, True/False, 1/0, はい/いいえ (null = false)",
            None,
        ),
        Kind::Count => ("count", "integer from 0, or a string of digits (a zero fraction, `9.0`, is allowed)", None),
    };
    let mut v =
        json!({"kind": name, "arrow_type": canonical_type(kind).to_string(), "accepts": accepts});
    if let (Some(vals), Value::Object(o)) = (values, &mut v) {
        o.insert("values".into(), json!(vals));
    }
    v
}

/// The input and output schemas as one JSON document.
pub fn schema_json() -> Value {
    let input: Vec<Value> = FIXED
        .iter()
        .map(|(n, k)| {
            let mut v = kind_json(*k);
            if let Value::Object(o) = &mut v {
                o.insert("name".into(), json!(n));
            }
            v
        })
        .chain(CERTIFICATE.iter().map(|(n, k)| {
            let mut v = kind_json(*k);
            if let Value::Object(o) = &mut v {
                o.insert("name".into(), json!(format!("certificates.K.{n}")));
            }
            v
        }))
        .chain(FACE_CHANGE.iter().map(|(n, k)| {
            let mut v = kind_json(*k);
            if let Value::Object(o) = &mut v {
                o.insert("name".into(), json!(format!("face_changes.K.{n}")));
            }
            v
        }))
        .collect();
    let output: Vec<Value> = crate::output::columns()
        .into_iter()
        .map(|(n, t, vals)| {
            let mut v = json!({"name": n, "arrow_type": t.to_string()});
            if let (Some(vals), Value::Object(o)) = (vals, &mut v) {
                o.insert("values".into(), json!(vals));
            }
            v
        })
        .chain(std::iter::once(json!({
            "name": "assessment",
            "arrow_type": "Utf8",
            "optional": true,
            "note": "the core's envelope as JSON, when the full answer is asked for"
        })))
        .collect();
    let long = |which: crate::Long| -> Vec<Value> {
        crate::long::long_columns(which)
            .into_iter()
            .map(|(n, t, note)| json!({"name": n, "arrow_type": t.to_string(), "note": note}))
            .collect()
    };
    json!({
        "obligations": long(crate::Long::Obligations),
        "events": long(crate::Long::Events { until: None }),
        "about": "hokensho-arrow: member columns in (flat contract paths; K = 0, 1, … up to 99), one output row per input row, in order. Strings are trimmed; an empty string is null. A document is present when any of its columns is non-null. `on` may be a column of dates (any date form), else one date per batch.",
        "input": input,
        "output": output,
    })
}
