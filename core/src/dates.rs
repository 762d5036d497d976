//! Civil-date arithmetic in Japan (JST) and the date formats the contract accepts.
//!
//! Decisions (rules-catalogue.md, "Decisions"): the nth birthday is the same day n years later, 29 February
//! becoming 1 March in other years; "k months before/after X" is the same day k months away, clamped to the
//! month's end.

use chrono::{Datelike, Duration, Months, NaiveDate};

/// The first and last years a date in a member record may carry.
pub const MIN_YEAR: i32 = 1900;
/// See [`MIN_YEAR`].
pub const MAX_YEAR: i32 = 2200;

/// The day after `d` (saturating at chrono's maximum date).
pub fn next_day(d: NaiveDate) -> NaiveDate {
    d.succ_opt().unwrap_or(d)
}

/// The day before `d` (saturating at chrono's minimum date).
pub fn prev_day(d: NaiveDate) -> NaiveDate {
    d.pred_opt().unwrap_or(d)
}

/// `d` plus `n` days.
pub fn add_days(d: NaiveDate, n: i64) -> NaiveDate {
    d.checked_add_signed(Duration::days(n)).unwrap_or(d)
}

/// The same day `n` months later, clamped to the month's end.
pub fn add_months(d: NaiveDate, n: u32) -> NaiveDate {
    d.checked_add_months(Months::new(n)).unwrap_or(d)
}

/// The same day `n` months earlier, clamped to the month's end.
pub fn sub_months(d: NaiveDate, n: u32) -> NaiveDate {
    d.checked_sub_months(Months::new(n)).unwrap_or(d)
}

/// The last day of the month `d` is in.
pub fn month_end(d: NaiveDate) -> NaiveDate {
    let first = d.with_day(1).unwrap_or(d);
    prev_day(add_months(first, 1))
}

/// The `n`th birthday of someone born on `birth`: the same day `n` years later, 29 February → 1 March.
pub fn nth_birthday(birth: NaiveDate, n: u32) -> NaiveDate {
    let year = birth.year() + n as i32;
    NaiveDate::from_ymd_opt(year, birth.month(), birth.day())
        .or_else(|| NaiveDate::from_ymd_opt(year, 3, 1))
        .unwrap_or(birth)
}

/// Age in whole years on `on` (the count of birthdays on or before `on`).
pub fn age_on(birth: NaiveDate, on: NaiveDate) -> u32 {
    if on < birth {
        return 0;
    }
    let mut age = (on.year() - birth.year()).max(0) as u32;
    if age > 0 && nth_birthday(birth, age) > on {
        age -= 1;
    }
    age
}

/// The `k`th birthday strictly after `after` (decision: "kth birthday after issuance" counts birthdays
/// strictly after the issue date).
pub fn kth_birthday_after(birth: NaiveDate, after: NaiveDate, k: u32) -> NaiveDate {
    let first_after = age_on(birth, after) + 1;
    nth_birthday(birth, first_after + k - 1)
}

/// Formats `YYYY-MM-DD` without chrono's format-string machinery (dates are on every line of an answer).
pub fn iso(d: NaiveDate) -> String {
    let (y, m, dd) = (d.year().clamp(0, 9999) as u32, d.month(), d.day());
    let digit = |v: u32| char::from(b'0' + (v % 10) as u8);
    [
        digit(y / 1000),
        digit(y / 100),
        digit(y / 10),
        digit(y),
        '-',
        digit(m / 10),
        digit(m),
        '-',
        digit(dd / 10),
        digit(dd),
    ]
    .iter()
    .collect()
}

/// Parses a strict `YYYY-MM-DD` date within [`MIN_YEAR`]..=[`MAX_YEAR`].
pub fn parse_iso(s: &str) -> Option<NaiveDate> {
    let b: &[u8; 10] = s.as_bytes().try_into().ok()?;
    let [y0, y1, y2, y3, b'-', m0, m1, b'-', d0, d1] = *b else {
        return None;
    };
    let num = |ds: &[u8]| -> Option<u32> {
        ds.iter().try_fold(0u32, |acc, &c| {
            c.is_ascii_digit().then(|| acc * 10 + u32::from(c - b'0'))
        })
    };
    let (y, m, d) = (num(&[y0, y1, y2, y3])?, num(&[m0, m1])?, num(&[d0, d1])?);
    let y = i32::try_from(y).ok()?;
    if !(MIN_YEAR..=MAX_YEAR).contains(&y) {
        return None;
    }
    NaiveDate::from_ymd_opt(y, m, d)
}

/// A Japanese era: its kanji name, its Latin initial and its first day.
struct Era {
    kanji: &'static str,
    initial: char,
    first: (i32, u32, u32),
}

const ERAS: [Era; 5] = [
    Era {
        kanji: "令和",
        initial: 'R',
        first: (2019, 5, 1),
    },
    Era {
        kanji: "平成",
        initial: 'H',
        first: (1989, 1, 8),
    },
    Era {
        kanji: "昭和",
        initial: 'S',
        first: (1926, 12, 25),
    },
    Era {
        kanji: "大正",
        initial: 'T',
        first: (1912, 7, 30),
    },
    Era {
        kanji: "明治",
        initial: 'M',
        first: (1868, 1, 25),
    },
];

fn era_first(e: &Era) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(e.first.0, e.first.1, e.first.2)
}

/// Parses a Japanese-era date: `令和7年12月1日`, `令和元年5月1日`, `R7.12.1`, `R07/12/01`, `r7-12-1`, with
/// ASCII or full-width digits. The date must fall inside the named era (平成31年5月1日 is refused: it is 令和元年).
pub fn parse_era(s: &str) -> Option<NaiveDate> {
    let norm: String = s
        .trim()
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            'Ｒ' | 'ｒ' => 'R',
            'Ｈ' | 'ｈ' => 'H',
            'Ｓ' | 'ｓ' => 'S',
            'Ｔ' | 'ｔ' => 'T',
            'Ｍ' | 'ｍ' => 'M',
            '．' => '.',
            '／' => '/',
            c => c,
        })
        .collect();
    let (idx, rest) = ERAS.iter().enumerate().find_map(|(i, e)| {
        if let Some(r) = norm.strip_prefix(e.kanji) {
            return Some((i, r));
        }
        let mut cs = norm.chars();
        let c = cs.next()?;
        (c.to_ascii_uppercase() == e.initial).then_some((i, cs.as_str()))
    })?;
    let era = ERAS.get(idx)?;
    let kanji = rest.contains('年');
    let (py, pm, pd) = if kanji {
        let r = rest.strip_suffix('日')?;
        let (y, r) = r.split_once('年')?;
        let (m, d) = r.split_once('月')?;
        (y, m, d)
    } else {
        let mut it = rest.split(['.', '/', '-']);
        let parts = (it.next()?, it.next()?, it.next()?);
        if it.next().is_some() {
            return None;
        }
        parts
    };
    let small = |p: &str| -> Option<u32> {
        if p.is_empty() || p.len() > 2 || !p.bytes().all(|c| c.is_ascii_digit()) {
            return None;
        }
        p.parse().ok()
    };
    let year = if py == "元" { 1 } else { small(py)? };
    if year == 0 {
        return None;
    }
    let first = era_first(era)?;
    let date = NaiveDate::from_ymd_opt(first.year() + year as i32 - 1, small(pm)?, small(pd)?)?;
    // the era that follows (eras are listed newest first)
    let next_era_first = idx
        .checked_sub(1)
        .and_then(|i| ERAS.get(i))
        .and_then(era_first);
    if date < first || next_era_first.is_some_and(|n| date >= n) {
        return None;
    }
    Some(date)
}

/// Parses a query date: ISO `YYYY-MM-DD` or a Japanese-era date.
pub fn parse_query_date(s: &str) -> Option<NaiveDate> {
    parse_iso(s.trim()).or_else(|| parse_era(s))
}

/// Parses a date as spreadsheets and HR exports hold it (the columnar layer's cells): ISO `2025-12-02`,
/// `2025/12/02`, `2025/4/1` or `2025-4-1`, any of these followed by a time of day (`2025/12/02 00:00:00`,
/// `2025-12-02T00:00`), or a Japanese-era date (`昭和33年10月15日`, `R7.12.1`); surrounding whitespace is
/// trimmed. Years outside [`MIN_YEAR`]..=[`MAX_YEAR`] are refused.
pub fn parse_flexible(s: &str) -> Option<NaiveDate> {
    let t = s.trim();
    if let Some(d) = parse_iso(t) {
        return Some(d);
    }
    let day = match t.split_once([' ', 'T']) {
        Some((day, time)) if is_time_of_day(time.trim()) => day,
        _ => t,
    };
    parse_ymd_loose(day).or_else(|| parse_era(day))
}

/// `HH:MM`, `HH:MM:SS` or `HH:MM:SS.fff` (digits and separators only).
fn is_time_of_day(s: &str) -> bool {
    let (hms, frac) = s.split_once('.').unwrap_or((s, "0"));
    let parts: Vec<&str> = hms.split(':').collect();
    (2..=3).contains(&parts.len())
        && parts
            .iter()
            .all(|p| (1..=2).contains(&p.len()) && p.bytes().all(|c| c.is_ascii_digit()))
        && !frac.is_empty()
        && frac.bytes().all(|c| c.is_ascii_digit())
}

/// `YYYY-M-D` or `YYYY/M/D` with one- or two-digit month and day (one separator kind throughout).
fn parse_ymd_loose(s: &str) -> Option<NaiveDate> {
    let sep = if s.contains('/') { '/' } else { '-' };
    let mut it = s.split(sep);
    let (y, m, d) = (it.next()?, it.next()?, it.next()?);
    if it.next().is_some()
        || y.len() != 4
        || !(1..=2).contains(&m.len())
        || !(1..=2).contains(&d.len())
    {
        return None;
    }
    if ![y, m, d]
        .iter()
        .all(|p| p.bytes().all(|c| c.is_ascii_digit()))
    {
        return None;
    }
    let y: i32 = y.parse().ok()?;
    if !(MIN_YEAR..=MAX_YEAR).contains(&y) {
        return None;
    }
    NaiveDate::from_ymd_opt(y, m.parse().ok()?, d.parse().ok()?)
}

/// The civil date in Japan (UTC+9, no daylight saving) of an instant given as milliseconds since the Unix
/// epoch, as JavaScript's `Date.getTime()` gives it: 2025-12-01T20:00Z is 2025-12-02 in Japan.
pub fn japan_date_from_unix_millis(ms: f64) -> Option<NaiveDate> {
    if !ms.is_finite() {
        return None;
    }
    let jst_days = ((ms + 9.0 * 3_600_000.0) / 86_400_000.0).floor();
    if jst_days.abs() > 3.0e6 {
        return None;
    }
    let epoch = NaiveDate::from_ymd_opt(1970, 1, 1)?;
    epoch.checked_add_signed(Duration::days(jst_days as i64))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        parse_iso(s).unwrap_or(NaiveDate::MIN)
    }

    #[test]
    fn birthdays_and_leap_days() {
        assert_eq!(nth_birthday(d("2000-02-29"), 1), d("2001-03-01"));
        assert_eq!(nth_birthday(d("2000-02-29"), 4), d("2004-02-29"));
        assert_eq!(age_on(d("1955-04-01"), d("2025-03-31")), 69);
        assert_eq!(age_on(d("1955-04-01"), d("2025-04-01")), 70);
        assert_eq!(age_on(d("2000-02-29"), d("2001-02-28")), 0);
        assert_eq!(age_on(d("2000-02-29"), d("2001-03-01")), 1);
        // strictly after: issued on the birthday itself, the 1st birthday after is the next year's
        assert_eq!(
            kth_birthday_after(d("1990-06-10"), d("2020-06-10"), 10),
            d("2030-06-10")
        );
        assert_eq!(
            kth_birthday_after(d("1990-06-10"), d("2020-06-09"), 10),
            d("2029-06-10")
        );
    }

    #[test]
    fn iso_formats() {
        assert_eq!(iso(d("2025-12-01")), "2025-12-01");
        assert_eq!(iso(d("1900-01-09")), "1900-01-09");
        assert_eq!(iso(d("2200-10-31")), "2200-10-31");
    }

    #[test]
    fn months() {
        assert_eq!(add_months(d("2025-11-30"), 3), d("2026-02-28"));
        assert_eq!(sub_months(d("2027-05-31"), 3), d("2027-02-28"));
        assert_eq!(month_end(d("2028-02-10")), d("2028-02-29"));
    }

    #[test]
    fn iso_is_strict() {
        assert_eq!(parse_iso("2025-12-01"), Some(d("2025-12-01")));
        for bad in [
            "2025-2-01",
            "2025-02-30",
            "20251201",
            "1899-12-31",
            "2025-12-01T00:00",
            " 2025-12-01",
        ] {
            assert_eq!(parse_iso(bad), None, "{bad}");
        }
    }

    #[test]
    fn eras() {
        assert_eq!(parse_era("令和7年12月1日"), Some(d("2025-12-01")));
        assert_eq!(parse_era("令和元年5月1日"), Some(d("2019-05-01")));
        assert_eq!(parse_era("R7.12.1"), Some(d("2025-12-01")));
        assert_eq!(parse_era("r07/12/01"), Some(d("2025-12-01")));
        assert_eq!(parse_era("Ｒ７．１２．２"), Some(d("2025-12-02")));
        assert_eq!(parse_era("平成31年4月30日"), Some(d("2019-04-30")));
        assert_eq!(parse_era("H31.5.1"), None);
        assert_eq!(parse_era("昭和64年1月7日"), Some(d("1989-01-07")));
        assert_eq!(parse_era("令和7年13月1日"), None);
        assert_eq!(parse_era("X7.1.1"), None);
    }

    #[test]
    fn flexible_dates() {
        for ok in [
            "2025-12-02",
            " 2025-12-02 ",
            "2025/12/02",
            "2025/12/2",
            "2025-12-2",
            "2025/12/02 00:00:00",
            "2025-12-02T00:00:00",
            "2025-12-02 13:45",
            "2025-12-02 00:00:00.000",
            "R7.12.2",
            "令和7年12月2日",
            "令和7年12月2日 00:00:00",
        ] {
            assert_eq!(parse_flexible(ok), Some(d("2025-12-02")), "{ok}");
        }
        assert_eq!(parse_flexible("2025/4/1"), Some(d("2025-04-01")));
        assert_eq!(parse_flexible("昭和33年10月15日"), Some(d("1958-10-15")));
        for bad in [
            "",
            "2025/13/01",
            "2025/02/30",
            "2025-12/02",
            "20251202",
            "1899/12/31",
            "2025-12-02 noon",
            "12/02/2025",
            "２０２５/12/02",
            "2025/12/02/01",
        ] {
            assert_eq!(parse_flexible(bad), None, "{bad}");
        }
    }

    #[test]
    fn japan_dates_from_instants() {
        // 2025-12-01T20:00Z = 2025-12-02 05:00 JST
        assert_eq!(
            japan_date_from_unix_millis(1_764_619_200_000.0),
            Some(d("2025-12-02"))
        );
        // 2025-12-01T14:59:59.999Z = 23:59:59.999 JST on 12-01
        assert_eq!(
            japan_date_from_unix_millis(1_764_601_199_999.0),
            Some(d("2025-12-01"))
        );
        assert_eq!(
            japan_date_from_unix_millis(1_764_601_200_000.0),
            Some(d("2025-12-02"))
        );
        assert_eq!(japan_date_from_unix_millis(f64::NAN), None);
    }
}
