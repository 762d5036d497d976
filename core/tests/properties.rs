//! Invariants over generated members and dates (proptest).

// Tests and benches may panic: the lint that forbids it is for library and binary code.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use chrono::{Duration, NaiveDate};
use hokensho::*;
use proptest::prelude::*;

fn d0(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN)
}

fn date_in(from: NaiveDate, days: i64) -> impl Strategy<Value = NaiveDate> {
    (0..days).prop_map(move |n| from + Duration::days(n))
}

fn opt<T: std::fmt::Debug + Clone + 'static>(
    s: impl Strategy<Value = T> + 'static,
) -> impl Strategy<Value = Option<T>> {
    prop_oneof![Just(None), s.prop_map(Some)]
}

fn insurer() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("kenpo"),
        Just("kyokai"),
        Just("kyosai"),
        Just("kokuho"),
        Just("kouki")
    ]
    .prop_map(str::to_owned)
}

prop_compose! {
    fn member()(
        insurer in insurer(),
        dependent in any::<bool>(),
        birth in date_in(d0(1945, 1, 1), 365 * 70),
        acquired_off in 0i64..365 * 60,
        lost in opt(date_in(d0(2023, 6, 1), 365 * 6)),
        vc in any::<bool>(),
        abroad in any::<bool>(),
        assist in any::<bool>(),
        number in opt((date_in(d0(2022, 1, 1), 365 * 6), opt(0i64..30))),
        lc in opt((date_in(d0(2016, 1, 1), 365 * 9 - 60), opt(0i64..900), opt(0i64..1500))),
        mnc in opt((date_in(d0(2016, 1, 1), 365 * 10), opt(0i64..1200), opt(0i64..900), any::<bool>(), opt(0i64..400))),
        certs in proptest::collection::vec((date_in(d0(2024, 11, 20), 365 * 4), 30i64..1500, 0u8..4, opt(0i64..600)), 0..3),
        notice in opt((date_in(d0(2024, 6, 1), 365 * 3), opt(0i64..500))),
        elderly in opt((date_in(d0(2015, 1, 1), 365 * 15), opt(30i64..800))),
        faces in proptest::collection::vec((date_in(d0(2023, 1, 1), 365 * 5), 0u8..4), 0..3),
        usage in opt((0u32..12, 0u32..5, 0i64..1500)),
    ) -> Member {
        let acquired = (birth + Duration::days(acquired_off)).max(birth);
        let lost = lost.filter(|l| *l > acquired);
        let basis = |b: u8| match b { 0 => Basis::Bulk, 1 => Basis::Application, 2 => Basis::Automatic, _ => Basis::Temporary };
        let reason = |b: u8| match b { 0 => FaceChangeReason::Marriage, 1 => FaceChangeReason::Transfer, 2 => FaceChangeReason::VoluntaryContinuation, _ => FaceChangeReason::Other };
        Member {
            id: "P-1".into(),
            insurer,
            role: if dependent { Role::Dependent } else { Role::Insured },
            birth_date: birth,
            abroad,
            needs_assistance: assist,
            coverage: Coverage { acquired_on: acquired, lost_on: lost, voluntary_continuation: vc },
            number_on_file: number.map(|(r, reg)| NumberOnFile { received_on: r, registered_on: reg.map(|x| r + Duration::days(x)) }),
            legacy_card: lc.map(|(i, e, l)| LegacyCard { issued_on: i, expires_on: e.map(|x| i + Duration::days(x)), lost_on: l.map(|x| i + Duration::days(x)) }),
            my_number_card: mnc.filter(|(i, ..)| *i > birth).map(|(i, reg, cancel, lost, ecert)| {
                let registered_on = reg.map(|x| i + Duration::days(x));
                MyNumberCard {
                    issued_on: i,
                    expires_on: None,
                    e_cert_expires_on: ecert.map(|x| i + Duration::days(x + 30)).filter(|_| false),
                    registered_on,
                    cancelled_on: registered_on.and(cancel).map(|x| i + Duration::days(x)),
                    lost_on: if lost { Some(i + Duration::days(700)) } else { None },
                    usage: usage.map(|(y, q, c)| Usage { counted_on: i + Duration::days(c), last_12_months: y, last_3_months: q.min(y) }),
                }
            }),
            certificates: certs.into_iter().map(|(i, len, b, l)| Certificate {
                issued_on: i, expires_on: Some(i + Duration::days(len)), basis: basis(b), lost_on: l.map(|x| i + Duration::days(x)),
            }).collect(),
            notice: notice.map(|(i, l)| Notice { issued_on: i, lost_on: l.map(|x| i + Duration::days(x)) }),
            elderly_certificate: elderly.map(|(i, e)| ElderlyCertificate { issued_on: i, expires_on: e.map(|x| i + Duration::days(x)) }),
            face_changes: faces.into_iter().map(|(on, r)| FaceChange { on, reason: reason(r) }).collect(),
        }
    }
}

fn rules() -> RuleSet {
    RuleSet::embedded().unwrap_or_else(|e| panic!("{e}"))
}

/// The embedded rules with every history cut to its first revision (and every revised bulk round to its first
/// version): what the rule set said before any amendment.
fn first_revisions() -> &'static RuleSet {
    static FIRST: std::sync::OnceLock<RuleSet> = std::sync::OnceLock::new();
    FIRST.get_or_init(build_first_revisions)
}

fn build_first_revisions() -> RuleSet {
    let files: Vec<(String, String)> = hokensho::ruleset::EMBEDDED_FILES
        .iter()
        .map(|(name, text)| {
            let mut v: toml::Table = toml::from_str(text).unwrap_or_else(|e| panic!("{e}"));
            if let Some(toml::Value::Table(params)) = v.get_mut("params") {
                for (_, p) in params.iter_mut() {
                    let Some(t) = p.as_table_mut() else { continue };
                    let Some(first) = t
                        .get("history")
                        .and_then(|h| h.as_array())
                        .and_then(|h| h.first())
                        .cloned()
                    else {
                        continue;
                    };
                    t.remove("history");
                    t.insert(
                        "value".into(),
                        first
                            .get("value")
                            .cloned()
                            .unwrap_or(toml::Value::Boolean(false)),
                    );
                    t.insert(
                        "sources".into(),
                        first
                            .get("sources")
                            .cloned()
                            .unwrap_or(toml::Value::Array(vec![])),
                    );
                }
            }
            if let Some(toml::Value::Array(bulk)) = v.get_mut("bulk") {
                let mut seen: Vec<String> = Vec::new();
                bulk.retain(|b| {
                    let id = b
                        .get("id")
                        .and_then(|x| x.as_str())
                        .unwrap_or("")
                        .to_owned();
                    let keep = !seen.contains(&id);
                    seen.push(id);
                    keep
                });
                for b in bulk.iter_mut() {
                    if let Some(t) = b.as_table_mut() {
                        t.remove("announced_on");
                    }
                }
            }
            (
                name.to_string(),
                toml::to_string(&v).unwrap_or_else(|e| panic!("{e}")),
            )
        })
        .collect();
    RuleSet::from_files(files.iter().map(|(a, b)| (a.as_str(), b.as_str())))
        .unwrap_or_else(|e| panic!("{e}"))
}

fn query() -> impl Strategy<Value = NaiveDate> {
    date_in(d0(2024, 1, 1), 365 * 6)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn invariants_hold(m in member(), on in query()) {
        let rules = rules();
        // an impossible generated record is refused with a coded error, never a panic
        let a = match rules.assess(&m, on) {
            Ok(a) => a,
            Err(e) => { prop_assert!(!e.errors().is_empty()); return Ok(()); }
        };
        let transition_end = d0(2025, 12, 1);
        for d in &a.documents {
            // no legacy card is valid after 2025-12-01
            if d.document == Document::LegacyCard && on > transition_end {
                prop_assert!(!d.status.is_usable(), "legacy card usable on {on}");
            }
            // nothing is valid on a day without coverage
            if !a.covered {
                prop_assert!(!d.status.is_usable(), "{:?} usable without coverage on {on}", d.document);
            }
            // every line carries its texts
            prop_assert!(d.reason.en.as_deref().is_some_and(|t| !t.is_empty()) && d.reason.ja.is_some());
        }
        // care.options is empty iff none of the documents that give care (LC, MC, SC) is usable
        let gives_care = a.documents.iter().any(|d| matches!(d.document, Document::LegacyCard | Document::MyNumberCard | Document::Certificate) && d.status.is_usable());
        prop_assert_eq!(a.care.options.is_empty(), !gives_care);
        // a notice is valid only next to a usable MC
        if a.document(Document::Notice).is_some_and(|n| n.status == Status::Valid) {
            prop_assert!(a.document(Document::MyNumberCard).is_some_and(|d| d.status.is_usable()));
        }
        // the need for a certificate matches its definition (no certificate exists before the issuance stop)
        let stop = d0(2024, 12, 2);
        prop_assert_eq!(a.needs_certificate.needed, a.covered && !gives_care && on >= stop);
        if let Some(from) = a.needs_certificate.from {
            prop_assert!(from <= on && from >= m.coverage.acquired_on && from >= stop);
        }
        // no certificate option or duty before the issuance stop
        if on < stop {
            prop_assert!(!a.obligations.iter().any(|o| o.document == Document::Certificate
                && matches!(o.action, Action::ApplyCertificate | Action::ApplyReissue | Action::IssueCertificate)), "certificate duty before the stop: {:?}", a.obligations);
        }
        // no return or dispose duty for a document lost on or before the day
        for o in a.obligations.iter().filter(|o| matches!(o.action, Action::Return | Action::Dispose)) {
            let lost = match o.document {
                Document::LegacyCard => m.legacy_card.as_ref().and_then(|c| c.lost_on),
                Document::Certificate => o.index.and_then(|i| m.certificates.get(i as usize)).and_then(|c| c.lost_on),
                _ => None,
            };
            prop_assert!(lost.is_none_or(|l| l > on), "{o:?} for a document lost on {lost:?}");
        }
        // a lost My Number card is never to be registered or renewed
        if m.my_number_card.as_ref().and_then(|c| c.lost_on).is_some_and(|l| l <= on) {
            prop_assert!(!a.obligations.iter().any(|o| matches!(o.action, Action::RegisterInsuranceUse | Action::RenewECert | Action::RenewCard)));
            prop_assert!(!a.upcoming.iter().any(|u| u.event == Event::CardExpires));
        }
        // every text states a real date: no placeholder
        let texts = serde_json::to_string(&a).unwrap_or_default();
        prop_assert!(!texts.contains('?') && !texts.contains("None"), "a placeholder in {texts}");
        // the answer with the latest knowledge date equals the default answer
        let latest = rules.latest_announcement();
        prop_assert_eq!(a.rules_as_of, latest);
        let same = rules.assess_with(&m, on, Options { rules_as_of: latest, ..Options::default() }).ok();
        prop_assert_eq!(&same, &Some(a.clone()));
        // a knowledge date before every revision answers like a rule set holding only the first revisions
        let early = rules.assess_with(&m, on, Options { rules_as_of: Some(d0(2020, 1, 1)), trace: false, ..Options::default() });
        let first = first_revisions().assess_with(&m, on, Options { trace: false, ..Options::default() });
        match (early, first) {
            (Ok(mut x), Ok(y)) => {
                x.warnings.retain(|w| !matches!(w.code, WarningCode::LaterRevision | WarningCode::RuleNotYetAnnounced));
                x.rules_as_of = None;
                prop_assert_eq!(x, y);
            }
            (x, y) => prop_assert_eq!(x.is_err(), y.is_err()),
        }
        for o in &a.obligations {
            // every listed obligation's window contains the day, and starts no earlier than what caused it
            prop_assert!(o.from.is_none_or(|f| f <= on) && o.until.is_none_or(|u| u >= on), "{o:?} on {on}");
            if let (Some(f), Some(u)) = (o.from, o.until) { prop_assert!(f <= u); }
            let issued = match o.document {
                Document::LegacyCard => m.legacy_card.as_ref().map(|c| c.issued_on),
                Document::Certificate => o.index.and_then(|i| m.certificates.get(i as usize)).map(|c| c.issued_on),
                _ => None,
            };
            if let (Some(i), Some(f), Action::Return | Action::Dispose | Action::Keep) = (issued, o.from, o.action) {
                prop_assert!(f >= i, "{o:?} starts before its document was issued");
            }
            if o.action == Action::Return && o.document == Document::LegacyCard {
                // through 2025-12-01, or the day before the card was lost (a loss ends the duty)
                let lost_eve = m.legacy_card.as_ref().and_then(|c| c.lost_on).map(|l| l - Duration::days(1));
                prop_assert!(o.until == Some(transition_end) || (o.until == lost_eve && lost_eve < Some(transition_end)), "{o:?}");
                prop_assert!(o.from.is_some_and(|f| f <= transition_end));
            }
            prop_assert!(o.en.is_some() && o.ja.is_some());
        }
        // upcoming is sorted and not in the past
        prop_assert!(a.upcoming.windows(2).all(|w| w[0].on <= w[1].on));
        prop_assert!(a.upcoming.iter().all(|u| u.on > on || (u.on == on && u.event.is_last_day())));
        // the trace names its sources (a revised value cites them with its revision)
        prop_assert!(a.trace.iter().all(|t| !t.sources.is_empty() || t.revisions.iter().any(|r| !r.sources.is_empty())));
        // deterministic
        prop_assert_eq!(&rules.assess(&m, on).ok(), &Some(a.clone()));
    }

    #[test]
    fn json_round_trips(m in member(), on in query()) {
        let rules = rules();
        let text = serde_json::to_string(&m).unwrap_or_default();
        let back: Member = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}"));
        prop_assert_eq!(&back, &m);
        if let Ok(a) = rules.assess(&m, on) {
            let json = serde_json::to_string(&a).unwrap_or_default();
            let again: Assessment = serde_json::from_str(&json).unwrap_or_else(|e| panic!("{e}"));
            prop_assert_eq!(&again, &a);
            prop_assert_eq!(serde_json::to_string(&again).unwrap_or_default(), json.clone());
            // the call/answer API gives the same answer as the typed API
            let req = serde_json::json!({"member": m, "on": on.to_string()}).to_string();
            let env = rules.assess_json(&req);
            prop_assert_eq!(env, format!("{{\"ok\":true,\"result\":{json}}}"));
        }
    }

    #[test]
    fn timeline_agrees_with_assess(m in member(), from in date_in(d0(2024, 6, 1), 365 * 2), len in 30i64..1500, probes in proptest::collection::vec(0i64..1500, 1..6)) {
        let rules = rules();
        let to = from + Duration::days(len);
        let Ok(t) = rules.timeline(&m, from, to) else { return Ok(()); };
        for p in probes {
            let day = from + Duration::days(p % (len + 1));
            let a = rules.assess_with(&m, day, Options { messages: false, trace: false, ..Options::default() }).unwrap_or_else(|e| panic!("{e}"));
            for d in &a.documents {
                let span = t.spans.iter().find(|s| s.document == d.document && s.index == d.index && s.from <= day && day <= s.to);
                prop_assert!(span.is_some_and(|s| s.status == d.status), "{:?} on {day}: assess {:?}, timeline {:?}", d.document, d.status, span);
            }
        }
    }

    #[test]
    fn calendar_agrees_with_timeline(m in member(), from in date_in(d0(2024, 6, 1), 365 * 2), len in 0i64..1500, en in any::<bool>(), alarm_days in 0u32..60) {
        let rules = rules();
        let to = from + Duration::days(len);
        let cal = CalendarOptions { lang: if en { Lang::En } else { Lang::Ja }, alarm_days };
        let t = rules.timeline(&m, from, to);
        let ics = rules.calendar(&m, from, to, cal);
        prop_assert_eq!(t.is_ok(), ics.is_ok());
        let (Ok(t), Ok(ics)) = (t, ics) else { return Ok(()); };
        prop_assert_eq!(&ics, &rules.calendar(&m, from, to, cal).unwrap_or_default());
        prop_assert!(!ics.replace("\r\n", "").contains(['\r', '\n']));
        prop_assert!(ics.split("\r\n").all(|l| l.len() <= 75));
        // events: (start, end, alarm) as YYYYMMDD strings, and their UIDs
        let mut events: Vec<(String, String, Option<String>)> = Vec::new();
        let mut uids: Vec<String> = Vec::new();
        for l in ics.replace("\r\n ", "").split("\r\n") {
            if let Some(v) = l.strip_prefix("DTSTART;VALUE=DATE:") { events.push((v.to_owned(), String::new(), None)); }
            if let (Some(v), Some(e)) = (l.strip_prefix("DTEND;VALUE=DATE:"), events.last_mut()) { e.1 = v.to_owned(); }
            if let (Some(v), Some(e)) = (l.strip_prefix("TRIGGER;VALUE=DATE-TIME:"), events.last_mut()) { e.2 = Some(v.trim_end_matches("T000000Z").to_owned()); }
            if let Some(v) = l.strip_prefix("UID:") { uids.push(v.to_owned()); }
        }
        prop_assert_eq!(uids.len(), events.len());
        uids.sort();
        uids.dedup();
        prop_assert_eq!(uids.len(), events.len(), "UIDs are unique");
        let ymd = |d: NaiveDate| d.format("%Y%m%d").to_string();
        // every change that is not an obligation's and every boundary is an event on its day
        let mut wanted: Vec<String> = t.boundaries.iter().map(|b| ymd(b.on)).collect();
        wanted.extend(t.changes.iter().filter(|c| !matches!(c.kind, timeline::ChangeKind::ObligationStarts | timeline::ChangeKind::ObligationEnds)).map(|c| ymd(c.on)));
        let starts = t.changes.iter().filter(|c| c.kind == timeline::ChangeKind::ObligationStarts).count();
        let ends = t.changes.iter().filter(|c| c.kind == timeline::ChangeKind::ObligationEnds).count();
        prop_assert!(events.len() >= wanted.len() + starts && events.len() <= wanted.len() + starts + ends, "{} events for {} changes, {} starts, {} ends", events.len(), wanted.len(), starts, ends);
        for day in &wanted {
            let here = events.iter().filter(|e| &e.0 == day).count();
            prop_assert!(here >= wanted.iter().filter(|w| *w == day).count(), "events on {day}");
        }
        // every event ends after it starts; a reminder falls inside its window, at most `alarm_days` before its last day
        for (start, end, alarm) in &events {
            prop_assert!(start < end);
            if let Some(a) = alarm {
                let last = NaiveDate::parse_from_str(end, "%Y%m%d").unwrap_or(from) - Duration::days(1);
                prop_assert!(start <= a && *a <= ymd(last), "{start}..{end}: {a}");
                prop_assert!(*a >= ymd(last - Duration::days(i64::from(alarm_days))), "{a} too early for {last}");
            }
        }
    }
}

#[test]
fn assessment_never_panics_on_arbitrary_json() {
    let rules = rules();
    for text in [
        "",
        "null",
        "[]",
        "{}",
        "{\"member\":1,\"on\":2}",
        "{\"member\":{},\"on\":\"2025-12-01\"}",
        "{\"on\":\"x\"}",
        &"[".repeat(10_000),
    ] {
        let out = rules.assess_json(text);
        assert!(out.starts_with("{\"ok\":false"), "{text:.20}: {out}");
    }
}
