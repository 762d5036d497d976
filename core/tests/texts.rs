//! `RuleSet::assess_with_texts`: the texts asked for equal the full answer's, the others stay empty, and the
//! codes are the same as with every text.

// Tests may panic: the lint that forbids it is for library and binary code.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use hokensho::{parse_date, Assessment, Options, RuleSet, TextParts};

fn members(rules: &RuleSet) -> Vec<hokensho::Member> {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../examples/members.jsonl"
    ))
    .expect("examples");
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| rules.parse_member(l).expect("member"))
        .collect()
}

/// The answer with every text removed (what must not depend on the texts asked for).
fn codes(a: &Assessment) -> Assessment {
    let mut a = a.clone();
    for d in &mut a.documents {
        d.reason.en = None;
        d.reason.ja = None;
    }
    for o in &mut a.obligations {
        o.en = None;
        o.ja = None;
    }
    for u in &mut a.upcoming {
        u.en = None;
        u.ja = None;
    }
    for w in &mut a.warnings {
        w.en = None;
        w.ja = None;
    }
    if let Some(f) = a.care.full_payment.as_mut() {
        f.en = None;
        f.ja = None;
    }
    a.needs_certificate.en = None;
    a.needs_certificate.ja = None;
    a
}

#[test]
fn only_the_texts_asked_for_and_each_equal_to_the_full_answers() {
    let rules = RuleSet::embedded().unwrap();
    let quiet = Options {
        messages: false,
        trace: false,
        rules_as_of: None,
    };
    let mut obligations = 0;
    let mut events = 0;
    for m in members(&rules) {
        for on in ["2024-12-01", "2025-12-02", "2026-08-01", "2027-08-01"] {
            let on = parse_date(on).unwrap();
            let full = rules
                .assess_with(
                    &m,
                    on,
                    Options {
                        trace: false,
                        ..Options::default()
                    },
                )
                .unwrap();
            let none = rules.assess_with(&m, on, quiet).unwrap();
            let obl = rules
                .assess_with_texts(&m, on, quiet, TextParts::OBLIGATIONS)
                .unwrap();
            let upc = rules
                .assess_with_texts(&m, on, quiet, TextParts::UPCOMING)
                .unwrap();
            let all = rules
                .assess_with_texts(&m, on, quiet, TextParts::ALL)
                .unwrap();
            let nothing = rules
                .assess_with_texts(&m, on, quiet, TextParts::NONE)
                .unwrap();
            assert_eq!(all, full);
            assert_eq!(nothing, none);
            assert_eq!(codes(&obl), codes(&full));
            assert_eq!(codes(&upc), codes(&full));
            assert_eq!(obl.obligations, full.obligations);
            assert_eq!(upc.upcoming, full.upcoming);
            assert!(obl
                .upcoming
                .iter()
                .all(|u| u.en.is_none() && u.ja.is_none()));
            assert!(upc
                .obligations
                .iter()
                .all(|o| o.en.is_none() && o.ja.is_none()));
            assert!(obl.documents.iter().all(|d| d.reason.en.is_none()));
            assert!(
                obl.needs_certificate.en.is_none() && upc.warnings.iter().all(|w| w.en.is_none())
            );
            obligations += full.obligations.len();
            events += full.upcoming.len();
        }
    }
    assert!(
        obligations > 50 && events > 50,
        "{obligations} obligations, {events} events"
    );
}
