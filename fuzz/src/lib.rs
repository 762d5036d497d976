//! Shared pieces of the fuzz targets: the embedded rule set, the query dates every member is assessed on, the
//! checks every envelope must pass, and a structured member generator for `arbitrary`.

pub mod batches;

use std::sync::LazyLock;

use arbitrary::Arbitrary;
use hokensho::{NaiveDate, RuleSet};
use serde_json::{json, Map, Value};

/// The rules shipped inside the crate.
pub static RULES: LazyLock<RuleSet> =
    LazyLock::new(|| RuleSet::embedded().expect("the embedded rules load"));

/// Query dates around the transition: before and after the issuance stop, the end of the grace period, far
/// future, and the edges of the accepted years.
pub fn query_dates() -> [NaiveDate; 5] {
    let d = |s| hokensho::parse_date(s).expect("a fixed date parses");
    [
        d("2024-12-01"),
        d("2025-12-02"),
        d("2026-08-01"),
        d("1900-01-01"),
        d("2200-12-31"),
    ]
}

/// Every envelope is one JSON object with `ok`, and an error envelope has codes and paths in both languages.
pub fn check_envelope(s: &str) {
    let v: Value = serde_json::from_str(s).expect("an envelope is JSON");
    let ok = v["ok"].as_bool().expect("an envelope has `ok`");
    if !ok {
        let errs = v["errors"]
            .as_array()
            .expect("an error envelope has `errors`");
        assert!(
            !errs.is_empty(),
            "an error envelope names at least one error"
        );
        for e in errs {
            for k in ["code", "path", "en", "ja"] {
                assert!(e[k].is_string(), "an error has `{k}`: {s}");
            }
            assert!(!e["code"].as_str().unwrap_or("").is_empty());
        }
    }
}

/// A date as a member gives it: mostly plausible ISO dates, sometimes broken ones.
#[derive(Debug, Arbitrary)]
pub enum ArbDate {
    /// `YYYY-MM-DD` from a year offset (1890 + n) and any month and day numbers.
    Iso(u16, u8, u8),
    /// The days since 1900-01-01 (always valid when within range).
    Days(u16),
    /// Any text.
    Text(String),
}

impl ArbDate {
    fn value(&self) -> Value {
        match self {
            ArbDate::Iso(y, m, d) => Value::String(format!(
                "{:04}-{:02}-{:02}",
                1890 + (y % 330),
                m % 14,
                d % 33
            )),
            ArbDate::Days(n) => {
                let base = NaiveDate::from_ymd_opt(1900, 1, 1).expect("a fixed date");
                Value::String(hokensho::dates::iso(hokensho::dates::add_days(
                    base,
                    i64::from(*n) * 2,
                )))
            }
            ArbDate::Text(s) => Value::String(s.clone()),
        }
    }
}

/// An optional field that may also be written as `null` or as the wrong type.
#[derive(Debug, Arbitrary)]
pub enum Opt<T> {
    Absent,
    Null,
    Some(T),
    WrongType(bool),
}

fn put<T>(o: &mut Map<String, Value>, k: &str, v: &Opt<T>, f: impl Fn(&T) -> Value) {
    match v {
        Opt::Absent => {}
        Opt::Null => {
            o.insert(k.into(), Value::Null);
        }
        Opt::Some(x) => {
            o.insert(k.into(), f(x));
        }
        Opt::WrongType(b) => {
            o.insert(k.into(), json!(b));
        }
    }
}

#[derive(Debug, Arbitrary)]
pub struct ArbCoverage {
    pub acquired_on: ArbDate,
    pub lost_on: Opt<ArbDate>,
    pub voluntary_continuation: Opt<bool>,
}

#[derive(Debug, Arbitrary)]
pub struct ArbNumberOnFile {
    pub received_on: ArbDate,
    pub registered_on: Opt<ArbDate>,
}

#[derive(Debug, Arbitrary)]
pub struct ArbLegacy {
    pub issued_on: ArbDate,
    pub expires_on: Opt<ArbDate>,
    pub lost_on: Opt<ArbDate>,
}

#[derive(Debug, Arbitrary)]
pub struct ArbUsage {
    pub counted_on: ArbDate,
    pub last_12_months: u32,
    pub last_3_months: u32,
}

#[derive(Debug, Arbitrary)]
pub struct ArbMnc {
    pub issued_on: ArbDate,
    pub expires_on: Opt<ArbDate>,
    pub e_cert_expires_on: Opt<ArbDate>,
    pub registered_on: Opt<ArbDate>,
    pub cancelled_on: Opt<ArbDate>,
    pub lost_on: Opt<ArbDate>,
    pub usage: Opt<ArbUsage>,
}

#[derive(Debug, Arbitrary)]
pub struct ArbCertificate {
    pub issued_on: ArbDate,
    pub expires_on: Opt<ArbDate>,
    pub basis: u8,
    pub lost_on: Opt<ArbDate>,
}

#[derive(Debug, Arbitrary)]
pub struct ArbDated {
    pub issued_on: ArbDate,
    pub other: Opt<ArbDate>,
}

#[derive(Debug, Arbitrary)]
pub struct ArbFaceChange {
    pub on: ArbDate,
    pub reason: u8,
}

/// A member record shaped like the contract, with every field free to be absent, null, wrong or odd.
#[derive(Debug, Arbitrary)]
pub struct ArbMember {
    pub insurer: u8,
    pub role: u8,
    pub birth_date: ArbDate,
    pub abroad: Opt<bool>,
    pub needs_assistance: Opt<bool>,
    pub coverage: Opt<ArbCoverage>,
    pub number_on_file: Opt<ArbNumberOnFile>,
    pub legacy_card: Opt<ArbLegacy>,
    pub my_number_card: Opt<ArbMnc>,
    pub certificates: Vec<ArbCertificate>,
    pub notice: Opt<ArbDated>,
    pub elderly_certificate: Opt<ArbDated>,
    pub face_changes: Vec<ArbFaceChange>,
    pub unknown_field: bool,
}

fn pick(list: &[&str], i: u8) -> Value {
    Value::String(list[usize::from(i) % list.len()].to_owned())
}

impl ArbMember {
    /// The member as JSON.
    pub fn to_json(&self) -> Value {
        let mut o = Map::new();
        o.insert("id".into(), json!("F-1"));
        o.insert(
            "insurer".into(),
            pick(
                &["kenpo", "kyokai", "kyosai", "kokuho", "kouki", "nope"],
                self.insurer,
            ),
        );
        o.insert(
            "role".into(),
            pick(&["insured", "dependent", "other"], self.role),
        );
        o.insert("birth_date".into(), self.birth_date.value());
        put(&mut o, "abroad", &self.abroad, |b| json!(b));
        put(&mut o, "needs_assistance", &self.needs_assistance, |b| {
            json!(b)
        });
        put(&mut o, "coverage", &self.coverage, |c| {
            let mut m = Map::new();
            m.insert("acquired_on".into(), c.acquired_on.value());
            put(&mut m, "lost_on", &c.lost_on, ArbDate::value);
            put(
                &mut m,
                "voluntary_continuation",
                &c.voluntary_continuation,
                |b| json!(b),
            );
            Value::Object(m)
        });
        put(&mut o, "number_on_file", &self.number_on_file, |n| {
            let mut m = Map::new();
            m.insert("received_on".into(), n.received_on.value());
            put(&mut m, "registered_on", &n.registered_on, ArbDate::value);
            Value::Object(m)
        });
        put(&mut o, "legacy_card", &self.legacy_card, |l| {
            let mut m = Map::new();
            m.insert("issued_on".into(), l.issued_on.value());
            put(&mut m, "expires_on", &l.expires_on, ArbDate::value);
            put(&mut m, "lost_on", &l.lost_on, ArbDate::value);
            Value::Object(m)
        });
        put(&mut o, "my_number_card", &self.my_number_card, |c| {
            let mut m = Map::new();
            m.insert("issued_on".into(), c.issued_on.value());
            put(&mut m, "expires_on", &c.expires_on, ArbDate::value);
            put(
                &mut m,
                "e_cert_expires_on",
                &c.e_cert_expires_on,
                ArbDate::value,
            );
            put(&mut m, "registered_on", &c.registered_on, ArbDate::value);
            put(&mut m, "cancelled_on", &c.cancelled_on, ArbDate::value);
            put(&mut m, "lost_on", &c.lost_on, ArbDate::value);
            put(&mut m, "usage", &c.usage, |u| {
                json!({"counted_on": u.counted_on.value(), "last_12_months": u.last_12_months,
                       "last_3_months": u.last_3_months})
            });
            Value::Object(m)
        });
        if !self.certificates.is_empty() {
            let certs: Vec<Value> = self
                .certificates
                .iter()
                .map(|c| {
                    let mut m = Map::new();
                    m.insert("issued_on".into(), c.issued_on.value());
                    put(&mut m, "expires_on", &c.expires_on, ArbDate::value);
                    m.insert(
                        "basis".into(),
                        pick(
                            &["bulk", "application", "automatic", "temporary", "x"],
                            c.basis,
                        ),
                    );
                    put(&mut m, "lost_on", &c.lost_on, ArbDate::value);
                    Value::Object(m)
                })
                .collect();
            o.insert("certificates".into(), Value::Array(certs));
        }
        put(&mut o, "notice", &self.notice, |n| {
            let mut m = Map::new();
            m.insert("issued_on".into(), n.issued_on.value());
            put(&mut m, "lost_on", &n.other, ArbDate::value);
            Value::Object(m)
        });
        put(
            &mut o,
            "elderly_certificate",
            &self.elderly_certificate,
            |n| {
                let mut m = Map::new();
                m.insert("issued_on".into(), n.issued_on.value());
                put(&mut m, "expires_on", &n.other, ArbDate::value);
                Value::Object(m)
            },
        );
        if !self.face_changes.is_empty() {
            let fc: Vec<Value> = self
                .face_changes
                .iter()
                .map(|f| {
                    json!({"on": f.on.value(), "reason": pick(&["marriage", "transfer",
                        "voluntary_continuation", "other", "x"], f.reason)})
                })
                .collect();
            o.insert("face_changes".into(), Value::Array(fc));
        }
        if self.unknown_field {
            o.insert("nickname".into(), json!("x"));
        }
        Value::Object(o)
    }
}
