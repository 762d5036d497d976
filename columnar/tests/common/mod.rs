//! Helpers shared by the columnar tests.

use std::collections::BTreeMap;

use serde_json::Value;

/// A member's JSON as the frame's flat columns (`coverage.acquired_on`, `certificates.0.basis`, …).
pub fn flatten(v: &Value, prefix: &str, out: &mut BTreeMap<String, Value>) {
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                flatten(x, &format!("{prefix}{k}."), out);
            }
        }
        Value::Array(xs) if prefix == "certificates." || prefix == "face_changes." => {
            for (i, x) in xs.iter().enumerate() {
                flatten(x, &format!("{prefix}{i}."), out);
            }
        }
        _ => {
            out.insert(prefix.trim_end_matches('.').to_owned(), v.clone());
        }
    }
}
