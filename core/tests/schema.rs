//! The JSON Schemas in `schema/` are those of the Rust types: a type that changes without the files being written
//! anew (`cargo run -p hokensho --example schema --features schema`) fails here.

// Tests may panic: the lint that forbids it is for library and binary code.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::PathBuf;

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../schema")
}

#[test]
fn committed_schemas_equal_the_generated_ones() {
    let files = hokensho::schema::files().unwrap();
    let mut names: Vec<&str> = files.iter().map(|(n, _)| *n).collect();
    for (name, text) in &files {
        let committed = std::fs::read_to_string(dir().join(name)).unwrap_or_default();
        assert!(
            committed == *text,
            "schema/{name} is not the schema of the Rust types: run `cargo run -p hokensho --example schema --features schema`"
        );
    }
    // nothing stale beside them
    let mut on_disk: Vec<String> = std::fs::read_dir(dir())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.ends_with(".json"))
        .collect();
    on_disk.sort();
    names.sort_unstable();
    assert_eq!(on_disk, names);
}

/// The values of an enumeration's schema (`enum`, or `oneOf` of `const`s when the variants have docs).
fn variants(v: &serde_json::Value) -> Vec<String> {
    if let Some(e) = v["enum"].as_array() {
        return e.iter().map(|x| x.as_str().unwrap().to_owned()).collect();
    }
    v["oneOf"]
        .as_array()
        .unwrap_or_else(|| panic!("not an enumeration: {v}"))
        .iter()
        .map(|x| x["const"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn schemas_say_what_the_contract_says() {
    let files = hokensho::schema::files().unwrap();
    let get = |name: &str| -> serde_json::Value {
        serde_json::from_str(&files.iter().find(|(n, _)| *n == name).unwrap().1).unwrap()
    };
    let member = get("member.schema.json");
    assert_eq!(member["title"], "Member");
    assert_eq!(member["additionalProperties"], false);
    let mut required: Vec<&str> = member["required"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    required.sort_unstable();
    assert_eq!(
        required,
        ["birth_date", "coverage", "id", "insurer", "role"]
    );
    assert_eq!(
        member["definitions"]["IsoDate"]["pattern"],
        "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
    );
    assert_eq!(
        variants(&member["definitions"]["Role"]),
        ["insured", "dependent"]
    );
    let error = get("error.schema.json");
    assert_eq!(error["properties"]["ok"]["const"], false);
    assert_eq!(
        variants(&error["definitions"]["ErrorKind"]),
        [
            "invalid_member",
            "invalid_rules",
            "invalid_request",
            "internal"
        ]
    );
    let a = get("assessment.schema.json");
    assert_eq!(
        variants(&a["definitions"]["Status"]),
        [
            "valid",
            "not_yet_valid",
            "expired",
            "ended",
            "invalidated",
            "unusable",
            "in_grace"
        ]
    );
    // every catalogue rule id, as the wire writes it
    let ids: Vec<&str> = hokensho::RuleId::ALL.iter().map(|r| r.as_str()).collect();
    assert_eq!(variants(&a["definitions"]["RuleId"]), ids);
    let rules = get("rule-file.schema.json");
    assert_eq!(rules["title"], "RuleFile");
    assert!(rules["required"]
        .as_array()
        .unwrap()
        .contains(&"meta".into()));
    let bundle = get("hokensho.schema.json");
    for t in [
        "Member",
        "Assessment",
        "Summary",
        "Timeline",
        "ErrorEnvelope",
        "RuleFile",
    ] {
        assert!(bundle["definitions"][t].is_object(), "{t}");
        assert_eq!(
            bundle["properties"][t]["$ref"],
            format!("#/definitions/{t}")
        );
    }
}
