//! The WebAssembly binding: a handle on a rule set and the core's JSON call/answer API, nothing else. Every
//! answer is the core's envelope string; the JavaScript wrapper (`bindings-wasm/js/`) parses it and throws
//! `HokenshoError` for `{"ok":false}`. No rule logic here.

#![forbid(unsafe_code)]

mod columns;

use hokensho::api::err_envelope;
use hokensho::RuleSet;
use wasm_bindgen::prelude::*;

/// A loaded rule set.
#[wasm_bindgen]
pub struct Rules {
    inner: RuleSet,
}

fn rules_or_envelope(r: hokensho::Result<RuleSet>) -> Result<Rules, JsValue> {
    r.map(|inner| Rules { inner })
        .map_err(|e| JsValue::from_str(&err_envelope(&e)))
}

#[wasm_bindgen]
impl Rules {
    /// The default rule set embedded at build time. Throws an error envelope string on failure.
    pub fn embedded() -> Result<Rules, JsValue> {
        rules_or_envelope(RuleSet::embedded())
    }

    /// A rule set from files given as JSON `[{"name": "national.toml", "content": "…"}, …]`.
    #[wasm_bindgen(js_name = fromFiles)]
    pub fn from_files(files_json: &str) -> Result<Rules, JsValue> {
        #[derive(serde::Deserialize)]
        struct File {
            name: String,
            content: String,
        }
        let files: Vec<File> = match serde_json::from_str(files_json) {
            Ok(f) => f,
            Err(_) => {
                let e = hokensho::Error::InvalidRules(vec![hokensho::FieldError::new(
                    "invalid_files",
                    "files",
                    "rule files must be given as [{name, content}] strings",
                    "規則ファイルは [{name, content}] の文字列で渡してください",
                )]);
                return Err(JsValue::from_str(&err_envelope(&e)));
            }
        };
        rules_or_envelope(RuleSet::from_files(
            files.iter().map(|f| (f.name.as_str(), f.content.as_str())),
        ))
    }

    /// The assess call (request and envelope as in `hokensho::api`).
    pub fn assess(&self, request: &str) -> String {
        self.inner.assess_json(request)
    }

    /// The assess_many call.
    #[wasm_bindgen(js_name = assessMany)]
    pub fn assess_many(&self, request: &str) -> String {
        self.inner.assess_many_json(request)
    }

    /// The summaries call.
    pub fn summaries(&self, request: &str) -> String {
        self.inner.summaries_json(request)
    }

    /// The timeline call.
    pub fn timeline(&self, request: &str) -> String {
        self.inner.timeline_json(request)
    }

    /// The calendar call: the result is the iCalendar text.
    pub fn calendar(&self, request: &str) -> String {
        self.inner.calendar_json(request)
    }

    /// The explain call.
    pub fn explain(&self, request: &str) -> String {
        self.inner.explain_json(request)
    }

    /// The changes call: every revision of a rule value, in order of announcement.
    pub fn changes(&self, request: &str) -> String {
        self.inner.changes_json(request)
    }

    /// Loaded profile ids.
    #[wasm_bindgen(js_name = profileIds)]
    pub fn profile_ids(&self) -> Vec<String> {
        self.inner.profile_ids().map(str::to_owned).collect()
    }
}

/// The civil date in Japan (YYYY-MM-DD) of an instant in milliseconds since the epoch (a JS `Date`'s
/// `getTime()`), or `undefined` when the number is not a date.
#[wasm_bindgen(js_name = japanDateFromMillis)]
pub fn japan_date_from_millis(ms: f64) -> Option<String> {
    hokensho::dates::japan_date_from_unix_millis(ms).map(|d| d.format("%Y-%m-%d").to_string())
}

/// A date as people type it, in ISO form (YYYY-MM-DD), or `undefined` when it is not a whole, real date:
/// `2025-12-02`, `2025/12/2`, `令和7年12月2日`, `R7.12.2` (the core's `parse_flexible`, used by form pages).
#[wasm_bindgen(js_name = parseDate)]
pub fn parse_date(text: &str) -> Option<String> {
    hokensho::dates::parse_flexible(text).map(|d| d.format("%Y-%m-%d").to_string())
}

/// The labels call: every code of a kind with its label (`{"kind": "actions", "lang": "ja"}`).
#[wasm_bindgen]
pub fn labels(request: &str) -> String {
    hokensho::api::labels_json(request)
}
