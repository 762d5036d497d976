//! The calendar export (iCalendar, RFC 5545): events of the timeline, obligation windows with reminders,
//! determinism, the line format, and the JSON call's errors.

// Tests may panic: the lint that forbids it is for library and binary code.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use hokensho::{parse_date, CalendarOptions, Lang, Member, Options, RuleSet};
use serde_json::{json, Value};

fn rules() -> RuleSet {
    RuleSet::embedded().expect("embedded")
}

/// A kenpo member aged 70 on 2025-05-10: paper card, an MC whose e-certificate expired on 2025-05-10, a bulk
/// certificate.
fn member_json(id: &str) -> Value {
    json!({"id": id, "insurer": "kenpo", "role": "insured", "birth_date": "1955-05-10",
           "coverage": {"acquired_on": "2010-04-01"}, "number_on_file": {"received_on": "2024-05-01"},
           "legacy_card": {"issued_on": "2019-04-01"},
           "my_number_card": {"issued_on": "2021-03-01", "registered_on": "2023-01-10"},
           "certificates": [{"issued_on": "2025-11-14", "basis": "bulk"}]})
}

fn member(id: &str) -> Member {
    rules().parse_member(&member_json(id).to_string()).unwrap()
}

fn d(s: &str) -> hokensho::NaiveDate {
    parse_date(s).unwrap()
}

fn cal(lang: Lang, alarm_days: u32) -> CalendarOptions {
    CalendarOptions { lang, alarm_days }
}

/// One parsed event: its properties (unfolded, name with parameters → value) and its alarm's.
#[derive(Debug, Default)]
struct Ev {
    props: Vec<(String, String)>,
    alarm: Vec<(String, String)>,
}

impl Ev {
    fn get(&self, name: &str) -> &str {
        self.props
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .unwrap_or_else(|| panic!("no {name} in {self:?}"))
    }
}

fn unfold(ics: &str) -> Vec<String> {
    ics.replace("\r\n ", "")
        .split("\r\n")
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect()
}

fn events(ics: &str) -> Vec<Ev> {
    let mut out = Vec::new();
    let mut cur: Option<Ev> = None;
    let mut in_alarm = false;
    for l in unfold(ics) {
        let (k, v) = l.split_once(':').unwrap();
        match (k, v) {
            ("BEGIN", "VEVENT") => cur = Some(Ev::default()),
            ("END", "VEVENT") => out.push(cur.take().unwrap()),
            ("BEGIN", "VALARM") => in_alarm = true,
            ("END", "VALARM") => in_alarm = false,
            _ => {
                if let Some(e) = cur.as_mut() {
                    let p = (k.to_owned(), v.to_owned());
                    if in_alarm {
                        e.alarm.push(p);
                    } else {
                        e.props.push(p);
                    }
                }
            }
        }
    }
    out
}

#[test]
fn events_on_the_boundary_days() {
    // from the day before the paper card ends to the day it ends: both days carry their events
    let ics = rules()
        .calendar(
            &member("B-1"),
            d("2025-12-01"),
            d("2025-12-02"),
            cal(Lang::En, 7),
        )
        .unwrap();
    let evs = events(&ics);
    let on = |day: &str| -> Vec<&str> {
        evs.iter()
            .filter(|e| e.get("DTSTART;VALUE=DATE") == day)
            .map(|e| e.get("SUMMARY"))
            .collect()
    };
    let first = on("20251201");
    assert!(first.contains(&"covered"), "{first:?}");
    assert!(
        first.contains(&"health insurance card (paper): valid"),
        "{first:?}"
    );
    let last = on("20251202");
    assert!(
        last.contains(&"health insurance card (paper): ended"),
        "{last:?}"
    );
    assert!(last.contains(&"rule boundary: paper cards end"), "{last:?}");
    // every day's event lasts that day (DTEND is exclusive)
    for e in &evs {
        if e.get("SUMMARY") == "health insurance card (paper): ended" {
            assert_eq!(e.get("DTEND;VALUE=DATE"), "20251203");
            assert!(e
                .get("DESCRIPTION")
                .contains("rule: legacy.transition-end (paper cards end)"));
            assert!(e.get("DESCRIPTION").contains("before: valid"));
        }
    }
    // no event outside the range, except obligation windows that began before it
    for e in &evs {
        let start = e.get("DTSTART;VALUE=DATE");
        assert!(
            ("20251201"..="20251202").contains(&start) || !e.alarm.is_empty(),
            "{e:?}"
        );
    }
}

#[test]
fn obligation_windows_and_reminders() {
    let r = rules();
    let m = member("W-1");
    let ics = r
        .calendar(&m, d("2024-01-01"), d("2031-12-31"), cal(Lang::En, 7))
        .unwrap();
    let evs = events(&ics);
    // the e-certificate renewal window: 2025-02-10 to 2025-08-31 (the e-certificate expired on the 70th birthday,
    // the grace ends three months later); the reminder at 09:00 in Japan a week before its last day
    let renew: Vec<&Ev> = evs
        .iter()
        .filter(|e| e.get("SUMMARY").starts_with("renew the e-certificate: "))
        .collect();
    assert_eq!(renew.len(), 1, "{renew:?}");
    let e = renew[0];
    assert_eq!(
        e.get("SUMMARY"),
        "renew the e-certificate: My Number card as health insurance card (by 2025-08-31)"
    );
    assert_eq!(e.get("DTSTART;VALUE=DATE"), "20250210");
    assert_eq!(e.get("DTEND;VALUE=DATE"), "20250901");
    assert!(e
        .get("DESCRIPTION")
        .contains("window: 2025-02-10 to 2025-08-31"));
    assert!(e.get("DESCRIPTION").contains("rule: mnc.renewal ("));
    assert_eq!(
        e.alarm,
        vec![
            ("ACTION".to_owned(), "DISPLAY".to_owned()),
            ("DESCRIPTION".to_owned(), e.get("SUMMARY").to_owned()),
            (
                "TRIGGER;VALUE=DATE-TIME".to_owned(),
                "20250824T000000Z".to_owned()
            ),
        ]
    );
    // the window agrees with assess on its first day
    let a = r.assess(&m, d("2025-02-10")).unwrap();
    let o = a
        .obligations
        .iter()
        .find(|o| o.action == hokensho::Action::RenewECert)
        .unwrap();
    assert_eq!(
        (o.from, o.until),
        (Some(d("2025-02-10")), Some(d("2025-08-31")))
    );
    // the duty stays listed past its deadline until coverage ends (2030-05-10): that end is an event of its own
    let ends: Vec<&str> = evs
        .iter()
        .filter(|e| {
            e.get("SUMMARY")
                .starts_with("ends: renew the e-certificate")
        })
        .map(|e| e.get("DTSTART;VALUE=DATE"))
        .collect();
    assert_eq!(ends, ["20300510"]);
    // the reissue window (2027-08-01 to 2027-09-30) ends the day after its last day: drawn by its window alone
    let reissue: Vec<(&str, &str)> = evs
        .iter()
        .filter(|e| e.get("SUMMARY").contains("apply for reissue"))
        .map(|e| (e.get("DTSTART;VALUE=DATE"), e.get("DTEND;VALUE=DATE")))
        .collect();
    assert_eq!(reissue, [("20270801", "20271001")]);
    // an obligation without a deadline has no reminder
    let dispose = evs
        .iter()
        .find(|e| e.get("SUMMARY") == "dispose of: health insurance card (paper)")
        .unwrap();
    assert_eq!(dispose.get("DTSTART;VALUE=DATE"), "20251202");
    assert!(dispose.alarm.is_empty());
    // a reminder further back than the window opens fires on its first day
    let far = r
        .calendar(&m, d("2024-01-01"), d("2031-12-31"), cal(Lang::En, 300))
        .unwrap();
    let far = events(&far);
    let e = far
        .iter()
        .find(|e| e.get("SUMMARY").starts_with("renew the e-certificate: "))
        .unwrap();
    assert_eq!(e.alarm[2].1, "20250210T000000Z");
    // every deadline has exactly one reminder, never after the deadline
    for e in &evs {
        let has_deadline = e.get("SUMMARY").contains("(by ");
        assert_eq!(e.alarm.len(), if has_deadline { 3 } else { 0 }, "{e:?}");
    }
}

#[test]
fn every_event_names_its_rule_and_title() {
    for lang in [Lang::Ja, Lang::En] {
        let ics = rules()
            .calendar(
                &member("R-1"),
                d("2024-01-01"),
                d("2031-12-31"),
                cal(lang, 7),
            )
            .unwrap();
        let evs = events(&ics);
        assert!(evs.len() > 20, "{}", evs.len());
        for e in &evs {
            let desc = e.get("DESCRIPTION");
            let rule = hokensho::RuleId::ALL.iter().find(|r| {
                let title = hokensho::labels::rule_title(**r, lang);
                match lang {
                    Lang::En => desc.contains(&format!("rule: {} ({title})", r.as_str())),
                    Lang::Ja => desc.contains(&format!("規則：{}（{title}）", r.as_str())),
                }
            });
            assert!(rule.is_some(), "{desc}");
        }
    }
}

#[test]
fn line_format() {
    let ics = rules()
        .calendar(
            &member("F-1"),
            d("2024-01-01"),
            d("2031-12-31"),
            cal(Lang::Ja, 7),
        )
        .unwrap();
    assert!(ics.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//hokensho//hokensho "));
    assert!(ics.contains("\r\nCALSCALE:GREGORIAN\r\n"));
    assert!(ics.contains("\r\nX-WR-CALNAME:保険証の移行：F-1（2024年1月1日〜2031年12月31日"));
    assert!(ics.ends_with("END:VEVENT\r\nEND:VCALENDAR\r\n"));
    // CRLF only, at most 75 octets a line, and some lines were folded inside Japanese text
    assert!(!ics.replace("\r\n", "").contains('\n'));
    assert!(!ics.replace("\r\n", "").contains('\r'));
    for l in ics.split("\r\n") {
        assert!(l.len() <= 75, "{} octets: {l}", l.len());
    }
    assert!(ics
        .split("\r\n")
        .any(|l| l.starts_with(' ') && l.len() > 70));
    // the text of a description's lines is escaped: newlines as \n, never a raw comma or semicolon
    for e in events(&ics) {
        let desc = e.get("DESCRIPTION");
        assert!(desc.contains("\\n"), "{desc}");
        let bare = desc
            .replace("\\\\", "")
            .replace("\\,", "")
            .replace("\\;", "");
        assert!(!bare.contains(',') && !bare.contains(';'), "{desc}");
    }
    // never a run of 12 digits (nothing that could be an individual number)
    let mut run = 0;
    for b in ics.bytes() {
        run = if b.is_ascii_digit() { run + 1 } else { 0 };
        assert!(run < 12);
    }
}

#[test]
fn deterministic_uids_and_stamp() {
    let r = rules();
    let a = r
        .calendar(
            &member("D-1"),
            d("2024-01-01"),
            d("2031-12-31"),
            cal(Lang::Ja, 7),
        )
        .unwrap();
    let b = r
        .calendar(
            &member("D-1"),
            d("2024-01-01"),
            d("2031-12-31"),
            cal(Lang::Ja, 7),
        )
        .unwrap();
    assert_eq!(a, b);
    let uids = |ics: &str| -> Vec<String> {
        events(ics)
            .iter()
            .map(|e| e.get("UID").to_owned())
            .collect()
    };
    let ua = uids(&a);
    let mut unique = ua.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), ua.len(), "UIDs are unique");
    for u in &ua {
        let (h, domain) = u.split_once('@').unwrap();
        assert_eq!(domain, "hokensho");
        assert_eq!(h.len(), 32);
        assert!(h.bytes().all(|c| (b'a'..=b'p').contains(&c)), "{u}");
    }
    // another member: the same events under other UIDs; the language does not change a UID
    let other = uids(
        &r.calendar(
            &member("D-2"),
            d("2024-01-01"),
            d("2031-12-31"),
            cal(Lang::Ja, 7),
        )
        .unwrap(),
    );
    assert_eq!(other.len(), ua.len());
    assert!(other.iter().all(|u| !ua.contains(u)));
    let en = uids(
        &r.calendar(
            &member("D-1"),
            d("2024-01-01"),
            d("2031-12-31"),
            cal(Lang::En, 7),
        )
        .unwrap(),
    );
    assert_eq!(en, ua);
    // DTSTAMP is the knowledge date: the latest announcement, or the one asked for
    assert!(
        a.contains("\r\nDTSTAMP:20260319T000000Z\r\n"),
        "latest revision announced 2026-03-19"
    );
    let known = r
        .calendar_with(
            &member("D-1"),
            d("2024-01-01"),
            d("2031-12-31"),
            Options {
                rules_as_of: Some(d("2026-03-18")),
                ..Options::default()
            },
            cal(Lang::Ja, 7),
        )
        .unwrap();
    assert!(known.contains("\r\nDTSTAMP:20260318T000000Z\r\n"));
    assert!(!known.contains("DTSTAMP:20260319"));
}

#[test]
fn json_call_equals_rust_call_and_names_bad_fields() {
    let r = rules();
    let req = json!({"member": member_json("J-1"), "from": "2024-01-01", "to": "R13.12.31",
                     "lang": "en", "alarm_days": 14});
    let env: Value = serde_json::from_str(&r.calendar_json(&req.to_string())).unwrap();
    assert_eq!(env["ok"], true);
    let rust = r
        .calendar(
            &member("J-1"),
            d("2024-01-01"),
            d("2031-12-31"),
            cal(Lang::En, 14),
        )
        .unwrap();
    assert_eq!(env["result"].as_str().unwrap(), rust);
    assert!(rust.contains("TRIGGER;VALUE=DATE-TIME:20250817T000000Z"));
    // defaults: Japanese, 7 days
    let req = json!({"member": member_json("J-1"), "from": "2024-01-01", "to": "2031-12-31"});
    let env: Value = serde_json::from_str(&r.calendar_json(&req.to_string())).unwrap();
    assert_eq!(
        env["result"].as_str().unwrap(),
        r.calendar(
            &member("J-1"),
            d("2024-01-01"),
            d("2031-12-31"),
            CalendarOptions::default()
        )
        .unwrap()
    );
    let bad = |extra: Value| -> (String, String, String) {
        let mut req =
            json!({"member": member_json("J-1"), "from": "2024-01-01", "to": "2031-12-31"});
        for (k, v) in extra.as_object().unwrap() {
            req[k] = v.clone();
        }
        let env: Value = serde_json::from_str(&r.calendar_json(&req.to_string())).unwrap();
        assert_eq!(env["ok"], false, "{env}");
        let e = &env["errors"][0];
        (
            e["code"].as_str().unwrap().to_owned(),
            e["path"].as_str().unwrap().to_owned(),
            e["en"].as_str().unwrap().to_owned(),
        )
    };
    assert_eq!(
        bad(json!({"alarm_days": 367})),
        (
            "invalid_value".into(),
            "alarm_days".into(),
            "`alarm_days` must be a whole number of days from 0 to 366".into()
        )
    );
    assert_eq!(bad(json!({"alarm_days": -1})).0, "invalid_value");
    assert_eq!(bad(json!({"alarm_days": 1.5})).0, "invalid_value");
    assert_eq!(
        bad(json!({"alarm_days": "7"})),
        (
            "invalid_type".into(),
            "alarm_days".into(),
            "`alarm_days` must be a number".into()
        )
    );
    assert_eq!(bad(json!({"lang": "fr"})).1, "lang");
    assert_eq!(bad(json!({"on": "2025-12-02"})).0, "unknown_field");
    assert_eq!(bad(json!({"to": "2023-12-31"})).0, "window_order");
    // a member the core refuses is refused here too, with its path
    let req = json!({"member": {"id": "X"}, "from": "2024-01-01", "to": "2031-12-31"});
    let env: Value = serde_json::from_str(&r.calendar_json(&req.to_string())).unwrap();
    assert_eq!(env["kind"], "invalid_member");
}
