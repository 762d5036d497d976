//! JSON Schemas (draft-07) of the JSON contract's documents and of the rule files, derived from the Rust types
//! with `schemars` (feature `schema`, off by default). `schema/` at the repository top holds them, written by
//! `cargo run -p hokensho --example schema --features schema`; `core/tests/schema.rs` fails when a type changes
//! and the files were not written anew.
//!
//! - `member.schema.json`: a member record, as the core reads it (input);
//! - `assessment.schema.json`, `summary.schema.json`, `timeline.schema.json`: the answers (output);
//! - `error.schema.json`: the error envelope `{"ok":false,"kind":…,"errors":[…]}`;
//! - `rule-file.schema.json`: a rule file (`rules/national.toml`, `rules/profiles/*.toml`) read as TOML;
//! - `hokensho.schema.json`: every type of the files above under `definitions`, which the TypeScript
//!   declarations of the wasm package are generated from.

use std::borrow::Cow;

use schemars::generate::SchemaSettings;
use schemars::transform::{transform_subschemas, Transform};
use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};
use serde_json::{Map, Value};

use crate::error::FieldError;

/// A date as the contract writes it: `YYYY-MM-DD`.
pub struct IsoDate;

impl JsonSchema for IsoDate {
    fn schema_name() -> Cow<'static, str> {
        "IsoDate".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A date, `YYYY-MM-DD`.",
            "type": "string",
            "format": "date",
            "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
        })
    }
}

/// `false`, the `ok` of an error envelope.
struct False;

impl JsonSchema for False {
    fn schema_name() -> Cow<'static, str> {
        "False".into()
    }

    fn inline_schema() -> bool {
        true
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "type": "boolean", "const": false })
    }
}

/// What kind of input was refused.
#[derive(JsonSchema)]
#[schemars(rename_all = "snake_case")]
#[allow(dead_code)]
enum ErrorKind {
    /// The member record is malformed or impossible.
    InvalidMember,
    /// A rule file is malformed or impossible.
    InvalidRules,
    /// The request around a member (a date, a field of the request) is malformed.
    InvalidRequest,
    /// A defect of hokensho (never expected).
    Internal,
}

/// The answer of every JSON call for refused input: `{"ok":false,"kind":…,"errors":[…]}` (a bad record never
/// yields a partial answer).
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
#[allow(dead_code)]
struct ErrorEnvelope {
    /// Always `false`.
    #[schemars(with = "False")]
    ok: bool,
    /// What kind of input was refused.
    kind: ErrorKind,
    /// Every problem found, each with its code, field path and messages (at least one).
    #[schemars(length(min = 1))]
    errors: Vec<FieldError>,
}

/// In an answer, a field that may be absent is never `null`: every such field is an `Option` skipped when `None`
/// (`skip_serializing_if = "Option::is_none"`), so its schema drops the `null` schemars gives an `Option`.
#[derive(Clone)]
struct AbsentNotNull;

impl Transform for AbsentNotNull {
    fn transform(&mut self, schema: &mut Schema) {
        if let Some(obj) = schema.as_object_mut() {
            let required: Vec<String> = obj
                .get("required")
                .and_then(Value::as_array)
                .map(|r| {
                    r.iter()
                        .filter_map(Value::as_str)
                        .map(str::to_owned)
                        .collect()
                })
                .unwrap_or_default();
            if let Some(Value::Object(props)) = obj.get_mut("properties") {
                for (name, p) in props.iter_mut() {
                    if !required.contains(name) {
                        drop_null(p);
                    }
                }
            }
        }
        transform_subschemas(self, schema);
    }
}

fn drop_null(p: &mut Value) {
    let Some(obj) = p.as_object_mut() else { return };
    if obj.get("default") == Some(&Value::Null) {
        obj.remove("default");
    }
    if let Some(Value::Array(types)) = obj.get_mut("type") {
        types.retain(|t| t != "null");
        if let [only] = types.as_slice() {
            let only = only.clone();
            obj.insert("type".into(), only);
        }
    }
    if let Some(Value::Array(any)) = obj.get("anyOf") {
        let rest: Vec<Value> = any
            .iter()
            .filter(|s| s.get("type") != Some(&Value::from("null")))
            .cloned()
            .collect();
        if rest.len() < any.len() {
            obj.remove("anyOf");
            obj.insert(
                if rest.len() == 1 { "allOf" } else { "anyOf" }.into(),
                Value::Array(rest),
            );
        }
    }
}

fn root<T: JsonSchema>(input: bool) -> Schema {
    let settings = SchemaSettings::draft07();
    let settings = if input {
        settings.for_deserialize()
    } else {
        settings.for_serialize().with_transform(AbsentNotNull)
    };
    settings.into_generator().into_root_schema_for::<T>()
}

/// Every schema: `(file name in schema/, the schema)`.
pub fn schemas() -> Vec<(&'static str, Schema)> {
    vec![
        ("member.schema.json", root::<crate::Member>(true)),
        ("assessment.schema.json", root::<crate::Assessment>(false)),
        ("summary.schema.json", root::<crate::Summary>(false)),
        ("timeline.schema.json", root::<crate::Timeline>(false)),
        ("error.schema.json", root::<ErrorEnvelope>(false)),
        (
            "rule-file.schema.json",
            root::<crate::ruleset::RawFile>(true),
        ),
    ]
}

/// The bundle: every root above and every type they use under `definitions` (a type used by two roots must have
/// one schema in both: an error names it otherwise).
pub fn bundle(schemas: &[(&'static str, Schema)]) -> std::result::Result<Value, String> {
    let mut defs = Map::new();
    let mut add = |name: String, v: Value| -> std::result::Result<(), String> {
        match defs.get(&name) {
            Some(old) if *old != v => Err(format!("two different schemas named `{name}`")),
            _ => {
                defs.insert(name, v);
                Ok(())
            }
        }
    };
    let mut roots = Map::new();
    for (_, s) in schemas {
        let mut obj = s.as_object().cloned().unwrap_or_default();
        obj.remove("$schema");
        if let Some(Value::Object(d)) = obj.remove("definitions") {
            for (k, v) in d {
                add(k, v)?;
            }
        }
        let title = obj
            .get("title")
            .and_then(Value::as_str)
            .map(str::to_owned)
            .ok_or("a root schema without a title")?;
        roots.insert(
            title.clone(),
            serde_json::json!({ "$ref": format!("#/definitions/{title}") }),
        );
        add(title, Value::Object(obj))?;
    }
    Ok(serde_json::json!({
        "$schema": "http://json-schema.org/draft-07/schema#",
        "title": "Hokensho",
        "description": "Every document of hokensho's JSON contract and its rule files (generated from the Rust types; see schema/README.md).",
        "type": "object",
        "properties": roots,
        "additionalProperties": false,
        "definitions": defs,
    }))
}

/// The files of `schema/`: `(file name, text)`, each pretty-printed JSON ending in a newline.
pub fn files() -> std::result::Result<Vec<(&'static str, String)>, String> {
    let schemas = schemas();
    let mut out = Vec::with_capacity(schemas.len() + 1);
    let text = |v: &Value| {
        serde_json::to_string_pretty(v)
            .map(|s| s + "\n")
            .map_err(|e| e.to_string())
    };
    out.push(("hokensho.schema.json", text(&bundle(&schemas)?)?));
    for (name, s) in &schemas {
        out.push((*name, text(s.as_value())?));
    }
    Ok(out)
}
