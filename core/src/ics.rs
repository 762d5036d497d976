//! The calendar export: a member's timeline as an iCalendar file (RFC 5545) that any calendar application
//! imports — one all-day event per dated change and per rule boundary, one event per obligation spanning its
//! window (`from` to `until`), with a reminder (`VALARM`) before each deadline.
//!
//! Pure and deterministic, so the CLI, Python and JavaScript write the same bytes:
//!
//! - no clock: `DTSTAMP` is the knowledge date the timeline used (`rules_as_of`: the rules as announced by that
//!   day, so re-importing after a new announcement updates the events), at `00:00:00Z`; when the rule set has no
//!   dated revision at all, the timeline's `from`;
//! - no randomness: each `UID` is a 128-bit FNV-1a hash of the member id, the event's kind, its date and what it
//!   is about, written in the letters `a`–`p` (never a digit, so a UID can never look like an individual number;
//!   the member id itself is never printed in a UID);
//! - the reminder fires at `00:00:00Z` (09:00 in Japan) `alarm_days` days before the deadline (an obligation's
//!   `until`), or on the first day of the window when the window is shorter.
//!
//! Lines end in CRLF and are folded at 75 octets without splitting a UTF-8 character; TEXT values escape `\`,
//! `;`, `,` and newlines (RFC 5545 §3.1 and §3.3.11). The writer (about 140 lines, from `write` on) is
//! hand-rolled: the `icalendar` crate stamps `DTSTAMP` from the clock and `UID`s from a random UUID unless
//! overridden, needs chrono's `clock` and `wasmbind` features and a random source on wasm, which the core does not
//! link, and Rust 1.88 (the workspace builds with 1.85).

use std::collections::BTreeMap;

use chrono::{Datelike, Days, NaiveDate};

use crate::assessment::{Action, Document, Obligation};
use crate::dates::next_day;
use crate::error::Result;
use crate::labels::{action_label, actor_label, rule_title};
use crate::messages::{doc_name, en_date, ja_date, status_name, Lang};
use crate::rules::RuleId;
use crate::timeline::{change_summary, ChangeKind, Timeline};
use crate::{Member, Options, RuleSet};

/// The default number of days between a reminder and its deadline.
pub const DEFAULT_ALARM_DAYS: u32 = 7;

/// The largest `alarm_days` accepted.
pub const MAX_ALARM_DAYS: u32 = 366;

/// How the calendar is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CalendarOptions {
    /// The language of the titles and descriptions.
    pub lang: Lang,
    /// Days between a reminder and its deadline (0: on the deadline day; at most [`MAX_ALARM_DAYS`]).
    pub alarm_days: u32,
}

impl Default for CalendarOptions {
    fn default() -> Self {
        CalendarOptions {
            lang: Lang::Ja,
            alarm_days: DEFAULT_ALARM_DAYS,
        }
    }
}

impl RuleSet {
    /// The member's timeline between `from` and `to` (inclusive) as an iCalendar file (`.ics`, CRLF line ends),
    /// in `cal.lang`. `opts.rules_as_of` is the knowledge date; `opts.messages` and `opts.trace` have no effect.
    pub fn calendar_with(
        &self,
        member: &Member,
        from: NaiveDate,
        to: NaiveDate,
        opts: Options,
        cal: CalendarOptions,
    ) -> Result<String> {
        let quiet = Options {
            messages: false,
            trace: false,
            rules_as_of: opts.rules_as_of,
        };
        let t = self.timeline_with(member, from, to, quiet)?;
        // the obligations (with their windows and texts) of every day on which one starts
        let mut days: Vec<NaiveDate> = t
            .changes
            .iter()
            .filter(|c| c.kind == ChangeKind::ObligationStarts)
            .map(|c| c.on)
            .collect();
        days.dedup();
        let loud = Options {
            messages: true,
            ..quiet
        };
        let mut obligations = Vec::with_capacity(days.len());
        for day in days {
            obligations.push((day, self.assess_with(member, day, loud)?.obligations));
        }
        Ok(write(&t, &obligations, cal))
    }

    /// [`RuleSet::calendar_with`] with the latest rules.
    pub fn calendar(
        &self,
        member: &Member,
        from: NaiveDate,
        to: NaiveDate,
        cal: CalendarOptions,
    ) -> Result<String> {
        self.calendar_with(member, from, to, Options::default(), cal)
    }
}

/// One calendar event.
struct Event {
    /// First day.
    start: NaiveDate,
    /// The day after the last day (`DTEND` of an all-day event is exclusive).
    end: NaiveDate,
    /// What the UID is hashed from (besides the member id).
    key: String,
    summary: String,
    description: Vec<String>,
    /// The reminder: its day and its text.
    alarm: Option<(NaiveDate, String)>,
}

fn pick<'a>(lang: Lang, en: &'a str, ja: &'a str) -> &'a str {
    match lang {
        Lang::En => en,
        Lang::Ja => ja,
    }
}

fn date_text(d: NaiveDate, lang: Lang) -> String {
    match lang {
        Lang::En => en_date(d),
        Lang::Ja => ja_date(d),
    }
}

/// A document's name, with the certificate's number (from 1, as `explain` numbers them).
fn doc_text(d: Document, index: Option<u32>, lang: Lang) -> String {
    let n = index
        .map(|i| format!(" #{}", u64::from(i) + 1))
        .unwrap_or_default();
    format!("{}{n}", doc_name(d, lang))
}

/// `rule: legacy.transition-end (paper cards end)`: every event names its rule and the rule's title.
fn rule_line(r: RuleId, lang: Lang) -> String {
    match lang {
        Lang::En => format!("rule: {} ({})", r.as_str(), rule_title(r, lang)),
        Lang::Ja => format!("規則：{}（{}）", r.as_str(), rule_title(r, lang)),
    }
}

fn sep(lang: Lang) -> &'static str {
    pick(lang, ": ", "：")
}

fn obligation_event(o: &Obligation, day: NaiveDate, alarm_days: u32, lang: Lang) -> Event {
    let start = o.from.unwrap_or(day);
    let end = match o.until {
        Some(u) if u >= start => next_day(u),
        _ => next_day(start),
    };
    let what = format!(
        "{}{}{}",
        action_label(o.action, lang),
        sep(lang),
        doc_text(o.document, o.index, lang)
    );
    let summary = match (o.until, lang) {
        (Some(u), Lang::En) => format!("{what} (by {})", en_date(u)),
        (Some(u), Lang::Ja) => format!("{what}（{}まで）", ja_date(u)),
        (None, _) => what.clone(),
    };
    let mut description = Vec::with_capacity(5);
    if let Some(text) = match lang {
        Lang::En => o.en.as_ref(),
        Lang::Ja => o.ja.as_ref(),
    } {
        description.push(text.clone());
    }
    let window = match (o.from, o.until, lang) {
        (Some(f), Some(u), Lang::En) => format!("window: {} to {}", en_date(f), en_date(u)),
        (Some(f), Some(u), Lang::Ja) => format!("期間：{}から{}まで", ja_date(f), ja_date(u)),
        (Some(f), None, Lang::En) => format!("window: from {}", en_date(f)),
        (Some(f), None, Lang::Ja) => format!("期間：{}から", ja_date(f)),
        (None, Some(u), Lang::En) => format!("window: until {}", en_date(u)),
        (None, Some(u), Lang::Ja) => format!("期間：{}まで", ja_date(u)),
        (None, None, _) => String::new(),
    };
    if !window.is_empty() {
        description.push(window);
    }
    description.push(format!(
        "{}{}{}",
        pick(lang, "who", "誰が"),
        sep(lang),
        actor_label(o.actor, lang)
    ));
    description.push(
        pick(
            lang,
            if o.required { "a duty" } else { "an option" },
            if o.required {
                "義務"
            } else {
                "任意の手続き"
            },
        )
        .to_owned(),
    );
    description.push(rule_line(o.rule, lang));
    let alarm = o.until.map(|u| {
        let at = u
            .checked_sub_days(Days::new(u64::from(alarm_days)))
            .unwrap_or(u)
            .max(start)
            .min(u);
        (at, summary.clone())
    });
    Event {
        start,
        end,
        key: format!(
            "obligation\u{0}{}\u{0}{}",
            ob_code(o.action, o.document, o.index),
            start
        ),
        summary,
        description,
        alarm,
    }
}

fn ob_code(a: Action, d: Document, i: Option<u32>) -> String {
    format!("{a:?}/{d:?}/{i:?}")
}

/// The events of a timeline, by date (stable: boundaries, then changes in the timeline's order).
fn events(
    t: &Timeline,
    obligations: &[(NaiveDate, Vec<Obligation>)],
    cal: CalendarOptions,
) -> Vec<Event> {
    let lang = cal.lang;
    let mut out: Vec<Event> = Vec::with_capacity(t.changes.len() + t.boundaries.len());
    for b in &t.boundaries {
        out.push(Event {
            start: b.on,
            end: next_day(b.on),
            key: format!("boundary\u{0}{}\u{0}{}", b.rule.as_str(), b.on),
            summary: format!(
                "{}{}{}",
                pick(lang, "rule boundary", "規則の節目"),
                sep(lang),
                rule_title(b.rule, lang)
            ),
            description: vec![
                match lang {
                    Lang::En => format!(
                        "{}: the rule `{}` changes what applies",
                        en_date(b.on),
                        b.rule.as_str()
                    ),
                    Lang::Ja => format!(
                        "{}：規則 `{}` により扱いが変わります",
                        ja_date(b.on),
                        b.rule.as_str()
                    ),
                },
                rule_line(b.rule, lang),
            ],
            alarm: None,
        });
    }
    // the obligation windows open in the calendar, by (action, document, index): their last day
    let mut open: BTreeMap<String, Option<NaiveDate>> = BTreeMap::new();
    for c in &t.changes {
        let ob = c
            .action
            .zip(c.document)
            .map(|(a, d)| ob_code(a, d, c.index));
        match (c.kind, ob) {
            (ChangeKind::ObligationStarts, Some(code)) => {
                let found = obligations
                    .iter()
                    .filter(|(day, _)| *day == c.on)
                    .flat_map(|(_, obs)| obs.iter())
                    .find(|o| ob_code(o.action, o.document, o.index) == code);
                if let Some(o) = found {
                    open.insert(code, o.until);
                    out.push(obligation_event(o, c.on, cal.alarm_days, lang));
                    continue;
                }
            }
            (ChangeKind::ObligationEnds, Some(code)) => {
                // an obligation that ends the day after its window's last day is already drawn by its window
                if let Some(Some(u)) = open.remove(&code) {
                    if next_day(u) == c.on {
                        continue;
                    }
                }
            }
            _ => {}
        }
        let summary = match (c.kind, c.action, c.document) {
            (ChangeKind::ObligationStarts | ChangeKind::ObligationEnds, Some(a), Some(d)) => {
                let what = format!(
                    "{}{}{}",
                    action_label(a, lang),
                    sep(lang),
                    doc_text(d, c.index, lang)
                );
                let starts = c.kind == ChangeKind::ObligationStarts;
                match lang {
                    Lang::En => format!("{} {what}", if starts { "starts:" } else { "ends:" }),
                    Lang::Ja => format!("{what}（{}）", if starts { "開始" } else { "終了" }),
                }
            }
            (ChangeKind::Document, _, Some(d)) => format!(
                "{}{}{}",
                doc_text(d, c.index, lang),
                sep(lang),
                status_name(c.status.unwrap_or(crate::Status::Valid), lang)
            ),
            _ => change_summary(c, lang),
        };
        let mut description = vec![format!("{}{}{summary}", date_text(c.on, lang), sep(lang))];
        if let Some(p) = c.previous {
            description.push(format!(
                "{}{}{}",
                pick(lang, "before", "変更前"),
                sep(lang),
                status_name(p, lang)
            ));
        }
        description.push(rule_line(c.rule, lang));
        let about = match (c.document, c.action) {
            (Some(d), Some(a)) => ob_code(a, d, c.index),
            (Some(d), None) => format!("{d:?}/{:?}", c.index),
            _ => String::new(),
        };
        out.push(Event {
            start: c.on,
            end: next_day(c.on),
            key: format!("{:?}\u{0}{about}\u{0}{}", c.kind, c.on),
            summary,
            description,
            alarm: None,
        });
    }
    out.sort_by_key(|e| e.start);
    out
}

/// The calendar text of a timeline and the obligations of the days on which one starts.
pub(crate) fn write(
    t: &Timeline,
    obligations: &[(NaiveDate, Vec<Obligation>)],
    cal: CalendarOptions,
) -> String {
    let lang = cal.lang;
    let stamp = format!("{}T000000Z", ical_date(t.rules_as_of.unwrap_or(t.from)));
    let mut out = String::with_capacity(4096);
    line(&mut out, "BEGIN:VCALENDAR");
    line(&mut out, "VERSION:2.0");
    line(
        &mut out,
        &format!(
            "PRODID:-//hokensho//hokensho {}//{}",
            env!("CARGO_PKG_VERSION"),
            pick(lang, "EN", "JA")
        ),
    );
    line(&mut out, "CALSCALE:GREGORIAN");
    let name = match lang {
        Lang::En => format!(
            "Health insurance card transition: {} ({} to {})",
            t.id,
            en_date(t.from),
            en_date(t.to)
        ),
        Lang::Ja => format!(
            "保険証の移行：{}（{}〜{}）",
            t.id,
            ja_date(t.from),
            ja_date(t.to)
        ),
    };
    line(&mut out, &format!("X-WR-CALNAME:{}", escape(&name)));
    let mut seen: BTreeMap<String, u32> = BTreeMap::new();
    for e in events(t, obligations, cal) {
        // two events of one kind about one thing on one day (two bulk rounds ending together) get distinct UIDs
        let n = seen.entry(e.key.clone()).or_insert(0);
        *n += 1;
        let uid = uid(&t.id, &format!("{}\u{0}{n}", e.key));
        line(&mut out, "BEGIN:VEVENT");
        line(&mut out, &format!("UID:{uid}@hokensho"));
        line(&mut out, &format!("DTSTAMP:{stamp}"));
        line(
            &mut out,
            &format!("DTSTART;VALUE=DATE:{}", ical_date(e.start)),
        );
        line(&mut out, &format!("DTEND;VALUE=DATE:{}", ical_date(e.end)));
        line(&mut out, &format!("SUMMARY:{}", escape(&e.summary)));
        line(
            &mut out,
            &format!("DESCRIPTION:{}", escape(&e.description.join("\n"))),
        );
        line(&mut out, "TRANSP:TRANSPARENT");
        if let Some((at, text)) = &e.alarm {
            line(&mut out, "BEGIN:VALARM");
            line(&mut out, "ACTION:DISPLAY");
            line(&mut out, &format!("DESCRIPTION:{}", escape(text)));
            line(
                &mut out,
                &format!("TRIGGER;VALUE=DATE-TIME:{}T000000Z", ical_date(*at)),
            );
            line(&mut out, "END:VALARM");
        }
        line(&mut out, "END:VEVENT");
    }
    line(&mut out, "END:VCALENDAR");
    out
}

/// `20251202`.
fn ical_date(d: NaiveDate) -> String {
    format!("{:04}{:02}{:02}", d.year(), d.month(), d.day())
}

/// Appends one content line, folded so that no line exceeds 75 octets (a continuation line starts with a
/// space), never inside a UTF-8 character, and ended with CRLF (RFC 5545 §3.1).
fn line(out: &mut String, content: &str) {
    const LIMIT: usize = 75;
    let mut used = 0;
    for ch in content.chars() {
        let n = ch.len_utf8();
        if used + n > LIMIT {
            out.push_str("\r\n ");
            used = 1;
        }
        out.push(ch);
        used += n;
    }
    out.push_str("\r\n");
}

/// A TEXT value (RFC 5545 §3.3.11): `\` `;` `,` escaped, a line break (CRLF, LF or CR) as `\n`, other control
/// characters dropped.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("\\n");
            }
            '\t' => out.push('\t'),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// 32 letters `a`–`p`: the 128-bit FNV-1a hash of the member id and the event's key, one letter per 4 bits.
fn uid(member_id: &str, key: &str) -> String {
    const OFFSET: u128 = 0x6c62_272e_07bb_0142_62b8_2175_6295_c58d;
    const PRIME: u128 = 0x0000_0000_0100_0000_0000_0000_0000_013b;
    let mut h = OFFSET;
    for b in member_id
        .bytes()
        .chain(std::iter::once(0))
        .chain(key.bytes())
    {
        h ^= u128::from(b);
        h = h.wrapping_mul(PRIME);
    }
    (0..32)
        .rev()
        .map(|i| char::from(b'a' + ((h >> (i * 4)) & 0xf) as u8))
        .collect()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;

    #[test]
    fn folds_at_75_octets_without_splitting_a_character() {
        // 73 ASCII octets then a 3-octet character: 76 octets, so the character moves to the next line whole
        let content = format!("{}あい", "X".repeat(73));
        let mut out = String::new();
        line(&mut out, &content);
        assert_eq!(out, format!("{}\r\n あい\r\n", "X".repeat(73)));
        // exactly 75 octets: no fold
        let mut out = String::new();
        line(&mut out, &format!("{}あ", "X".repeat(72)));
        assert_eq!(out, format!("{}あ\r\n", "X".repeat(72)));
        // a long Japanese line: every physical line at most 75 octets, unfolding gives the content back
        let long = format!("SUMMARY:{}", "資格確認書の申請".repeat(20));
        let mut out = String::new();
        line(&mut out, &long);
        for l in out.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(l.len() <= 75, "{} octets: {l}", l.len());
        }
        // a continuation line holds at most 74 octets after its space: 24 three-octet characters (72 octets)
        let second = out.split("\r\n").nth(1).unwrap();
        assert_eq!(second.len(), 1 + 24 * 3);
        assert_eq!(out.replace("\r\n ", ""), format!("{long}\r\n"));
    }

    #[test]
    fn escapes_text() {
        assert_eq!(escape("a,b;c\\d\ne\r\nf\rg"), "a\\,b\\;c\\\\d\\ne\\nf\\ng");
        assert_eq!(escape("保険証：廃棄\u{7}"), "保険証：廃棄");
    }

    #[test]
    fn uids_are_letters_and_depend_on_every_part() {
        let a = uid("E-1", "boundary\u{0}x\u{0}2025-12-02\u{0}1");
        assert_eq!(a.len(), 32);
        assert!(a.bytes().all(|b| (b'a'..=b'p').contains(&b)), "{a}");
        assert_eq!(a, uid("E-1", "boundary\u{0}x\u{0}2025-12-02\u{0}1"));
        assert_ne!(a, uid("E-2", "boundary\u{0}x\u{0}2025-12-02\u{0}1"));
        assert_ne!(a, uid("E-1", "boundary\u{0}x\u{0}2025-12-03\u{0}1"));
        // the separator keeps ("E-1", "0…") and ("E-10", "…") apart
        assert_ne!(uid("E-1", "0k"), uid("E-10", "k"));
    }

    #[test]
    fn ical_dates() {
        assert_eq!(
            ical_date(NaiveDate::from_ymd_opt(2025, 12, 2).unwrap()),
            "20251202"
        );
    }
}
