//! Input checks: a malformed or impossible record is refused with a coded error naming the field path, in
//! English and Japanese, and never repeating a value from the input. A string (or number, or key) anywhere in
//! the record that looks like an individual number — 12 digits with a valid check digit — is refused
//! (seed 000: 「マイナンバーそのものは記載しないようご注意ください」).

use chrono::NaiveDate;
use serde::Deserialize;
use serde_json::Value;

use crate::error::{Error, FieldError, Result};
use crate::model::{Member, INVALID_DATE};
use crate::ruleset::{Profile, RuleSet};

/// The check digit of an individual number (個人番号): for the first eleven digits, weights 2..7 then 2..6
/// from the right; remainder r of the weighted sum by 11; check digit 0 when r <= 1, else 11 - r.
pub fn is_individual_number(digits: &[u8; 12]) -> bool {
    let [body @ .., last] = digits;
    // the n-th digit from the right of the first eleven (n = 1..=11) has weight n + 1 up to 6, then n - 5
    let sum: u32 = body
        .iter()
        .rev()
        .zip(1u32..)
        .map(|(p, n)| u32::from(*p) * if n <= 6 { n + 1 } else { n - 5 })
        .sum();
    let r = sum % 11;
    let check = if r <= 1 { 0 } else { 11 - r };
    u32::from(*last) == check
}

fn digit(c: char) -> Option<u8> {
    match c {
        '0'..='9' => Some(c as u8 - b'0'),
        '０'..='９' => Some((c as u32 - '０' as u32) as u8),
        _ => None,
    }
}

/// Whether `s` contains something that looks like an individual number: a run of exactly 12 digits (ASCII or
/// full-width), or three groups of four digits separated by single spaces or hyphens, with a valid check digit.
pub fn contains_individual_number(s: &str) -> bool {
    // ASCII text (nearly every record) is scanned by byte, without collecting its characters
    if s.is_ascii() {
        let b = s.as_bytes();
        scan_for_number(b.len(), |k| b.get(k).map(|&c| char::from(c)))
    } else {
        let cs: Vec<char> = s.chars().collect();
        scan_for_number(cs.len(), |k| cs.get(k).copied())
    }
}

/// [`contains_individual_number`] over `len` characters read by `at`, without allocating.
fn scan_for_number(len: usize, at: impl Fn(usize) -> Option<char>) -> bool {
    let is_digit = |k: usize| at(k).and_then(digit).is_some();
    let mut i = 0;
    while i < len {
        if !is_digit(i) || (i > 0 && is_digit(i - 1)) {
            i += 1;
            continue;
        }
        // a run starting at i: digits, with single separators allowed only in the 4-4-4 shape (so separators
        // can only follow the 4th and the 8th digit)
        let mut ds = [0u8; 12];
        let mut n = 0usize;
        let mut seps = (0usize, [0usize; 2]);
        let mut j = i;
        while let Some(c) = at(j) {
            if let Some(x) = digit(c) {
                if let Some(d) = ds.get_mut(n) {
                    *d = x;
                }
                n += 1;
                j += 1;
            } else if matches!(c, ' ' | '-' | '‐' | '－' | '　')
                && is_digit(j + 1)
                && n % 4 == 0
                && n < 12
            {
                if let Some(p) = seps.1.get_mut(seps.0) {
                    *p = n;
                }
                seps.0 += 1;
                j += 1;
            } else {
                break;
            }
        }
        let shaped = seps.0 == 0 || (seps.0 == 2 && seps.1 == [4, 8]);
        if shaped && n == 12 && is_individual_number(&ds) {
            return true;
        }
        i = j.max(i + 1);
    }
    false
}

fn number_error(path: &str) -> FieldError {
    FieldError::new(
        "individual_number",
        path,
        format!("`{path}` looks like an individual number (My Number); hokensho never accepts, stores or prints one"),
        format!("`{path}` に個人番号（マイナンバー）と思われる値があります。個人番号は受け付けません"),
    )
}

fn safe_key(k: &str) -> &str {
    if !k.is_empty()
        && k.len() <= 64
        && k.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'_')
        && !contains_individual_number(k)
    {
        k
    } else {
        "?"
    }
}

fn join(parent: &str, key: &str) -> String {
    if parent.is_empty() {
        key.to_owned()
    } else {
        format!("{parent}.{key}")
    }
}

/// Scans every key, string and number of a JSON value for something that looks like an individual number.
pub fn scan_individual_numbers(v: &Value, path: &str, out: &mut Vec<FieldError>) {
    match v {
        Value::String(s) => {
            if contains_individual_number(s) {
                out.push(number_error(path));
            }
        }
        Value::Number(n) => {
            if contains_individual_number(&n.to_string()) {
                out.push(number_error(path));
            }
        }
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                scan_individual_numbers(x, &format!("{path}[{i}]"), out);
            }
        }
        Value::Object(o) => {
            for (k, x) in o {
                let p = join(path, safe_key(k));
                if contains_individual_number(k) {
                    out.push(number_error(&p));
                }
                scan_individual_numbers(x, &p, out);
            }
        }
        Value::Bool(_) | Value::Null => {}
    }
}

fn sanitize_path(p: &str) -> String {
    // serde_path_to_error renders `a.b[1].c`; keep identifier segments, hide anything else
    let mut out = String::new();
    for (i, seg) in p.split('.').enumerate() {
        if i > 0 {
            out.push('.');
        }
        let (name, idx) = match seg.find('[') {
            Some(b) => (&seg[..b], &seg[b..]),
            None => (seg, ""),
        };
        out.push_str(if name.is_empty() { "" } else { safe_key(name) });
        if idx
            .bytes()
            .all(|c| c.is_ascii_digit() || c == b'[' || c == b']')
        {
            out.push_str(idx);
        }
    }
    if out == "." {
        String::new()
    } else {
        out
    }
}

fn between_backticks(s: &str) -> &str {
    s.split('`').nth(1).unwrap_or("")
}

/// `` `a`, `b` `` from a list of codes.
fn backticked(codes: &[&str], sep: &str) -> String {
    codes
        .iter()
        .map(|c| format!("`{c}`"))
        .collect::<Vec<_>>()
        .join(sep)
}

/// What serde expected, said in English and in Japanese (never serde's own words inside a Japanese message).
fn expected_kind(expected: &str) -> (&'static str, &'static str) {
    match expected.trim() {
        "a string" | "a borrowed string" => ("a string", "文字列"),
        "a boolean" => ("true or false", "true か false"),
        "u8" | "u16" | "u32" | "u64" | "usize" => ("a whole number, 0 or more", "0 以上の整数"),
        "i8" | "i16" | "i32" | "i64" | "isize" => ("a whole number", "整数"),
        "a sequence" => ("a list (JSON array)", "配列（JSON の配列）"),
        e if e.starts_with("struct ") || e == "a map" => (
            "an object (JSON object)",
            "オブジェクト（JSON のオブジェクト）",
        ),
        _ => ("a value of another type", "別の型の値"),
    }
}

/// Turns a serde error at `path` into a coded error that repeats nothing from the input.
pub(crate) fn serde_error(path: &str, msg: &str, prefix: &str) -> FieldError {
    let path = sanitize_path(path);
    let at = |p: &str| {
        if prefix.is_empty() {
            p.to_owned()
        } else {
            join(prefix, p)
        }
    };
    if msg.contains(INVALID_DATE) {
        let p = at(&path);
        return FieldError::new(
            "invalid_date",
            &p,
            format!("`{p}` is not a date of the form YYYY-MM-DD (years 1900–2200)"),
            format!("`{p}` は YYYY-MM-DD 形式の日付（1900〜2200年）ではありません"),
        );
    }
    if let Some(rest) = msg.strip_prefix("unknown field ") {
        // the path already ends with the unknown key (serde_path_to_error visits it); add it only when absent
        let key = safe_key(between_backticks(rest));
        let p = if path == key || path.ends_with(&format!(".{key}")) {
            at(&path)
        } else {
            at(&join(&path, key))
        };
        return FieldError::new(
            "unknown_field",
            &p,
            format!("unknown field `{p}`"),
            format!("不明な項目 `{p}` があります"),
        );
    }
    if let Some(rest) = msg.strip_prefix("missing field ") {
        let p = at(&join(&path, safe_key(between_backticks(rest))));
        return FieldError::new(
            "missing_field",
            &p,
            format!("missing field `{p}`"),
            format!("項目 `{p}` がありません"),
        );
    }
    if msg.starts_with("unknown variant") {
        // serde lists the codes: "expected one of `a`, `b`" or "expected `a` or `b`"
        let expected = msg.split_once("expected ").map(|x| x.1).unwrap_or("");
        let codes: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
        let p = at(&path);
        return FieldError::new(
            "invalid_value",
            &p,
            format!("`{p}` must be one of {}", backticked(&codes, ", ")),
            format!("`{p}` の値は {} のいずれかです", backticked(&codes, "・")),
        );
    }
    if msg.starts_with("invalid type") || msg.starts_with("invalid value") {
        let expected = msg.split_once("expected ").map(|x| x.1).unwrap_or("");
        let (en, ja) = expected_kind(expected);
        let p = at(&path);
        let code = if msg.starts_with("invalid type") {
            "invalid_type"
        } else {
            "invalid_value"
        };
        return FieldError::new(
            code,
            &p,
            format!("`{p}` must be {en}"),
            format!("`{p}` には {ja} を指定してください"),
        );
    }
    let p = at(&path);
    FieldError::new(
        "invalid_value",
        &p,
        format!("`{p}` has an invalid value"),
        format!("`{p}` の値が不正です"),
    )
}

/// Parses a member from a JSON value: individual-number scan, then typed parse with the field path.
pub fn member_from_value(v: &Value) -> Result<Member> {
    if !v.is_object() {
        return Err(Error::member(FieldError::new(
            "invalid_type",
            "",
            "the member must be a JSON object",
            "会員レコードは JSON オブジェクトでなければなりません",
        )));
    }
    let mut errs = Vec::new();
    scan_individual_numbers(v, "", &mut errs);
    if !errs.is_empty() {
        return Err(Error::InvalidMember(errs));
    }
    serde_path_to_error::deserialize::<_, Member>(v)
        .map_err(|e| {
            let path = e.path().to_string();
            Error::member(serde_error(&path, &e.inner().to_string(), ""))
        })
        .and_then(crate::limits::check_member)
}

/// Parses a member from JSON text. Fast path: when the text is an object with no `\u` escapes and nothing in it
/// looks like an individual number, it is deserialised directly; anything else, and every error, goes through
/// [`member_from_value`], so errors are the same whichever path a text takes.
pub fn member_from_str(text: &str) -> Result<Member> {
    crate::limits::check_depth(text).map_err(Error::member)?;
    let t = text.trim_start();
    if t.starts_with('{') && !text.contains("\\u") && !contains_individual_number(text) {
        let mut de = serde_json::Deserializer::from_str(text);
        if let Ok(m) = Member::deserialize(&mut de) {
            if de.end().is_ok() {
                return crate::limits::check_member(m);
            }
        }
    }
    let v = parse_json(text).map_err(|e| Error::InvalidMember(vec![e]))?;
    member_from_value(&v)
}

/// Parses JSON text (an error never repeats the text).
pub fn parse_json(text: &str) -> std::result::Result<Value, FieldError> {
    if text.trim().is_empty() {
        return Err(FieldError::new(
            "empty_input",
            "",
            "the input is empty (a blank line?)",
            "入力が空です（空行？）",
        ));
    }
    serde_json::from_str::<Value>(text).map_err(|e| {
        FieldError::new(
            "invalid_json",
            "",
            format!("invalid JSON at line {} column {}", e.line(), e.column()),
            format!("JSON として読めません（{} 行 {} 列）", e.line(), e.column()),
        )
    })
}

fn date_order(path: &str, en: &str, ja: &str) -> FieldError {
    FieldError::new(
        "date_order",
        path,
        format!("`{path}` {en}"),
        format!("`{path}` {ja}"),
    )
}

fn before(
    errs: &mut Vec<FieldError>,
    later: Option<NaiveDate>,
    earlier: NaiveDate,
    path: &str,
    what_en: &str,
    what_ja: &str,
) {
    if later.is_some_and(|l| l < earlier) {
        errs.push(date_order(
            path,
            &format!("is before {what_en}"),
            &format!("が{what_ja}より前です"),
        ));
    }
}

/// Checks a typed member against the rule set; returns its profile.
pub fn check<'r>(rules: &'r RuleSet, m: &Member) -> Result<&'r Profile> {
    let mut errs = Vec::new();
    for (path, s) in [("id", m.id.as_str()), ("insurer", m.insurer.as_str())] {
        if contains_individual_number(s) {
            errs.push(number_error(path));
        }
    }
    if !errs.is_empty() {
        return Err(Error::InvalidMember(errs));
    }
    if m.id.trim().is_empty() {
        errs.push(FieldError::new(
            "invalid_value",
            "id",
            "`id` must not be empty",
            "`id` が空です",
        ));
    }
    let prof = rules.profile(&m.insurer);
    if prof.is_none() {
        let known: Vec<&str> = rules.profile_ids().collect();
        errs.push(FieldError::new(
            "unknown_insurer",
            "insurer",
            format!(
                "`insurer` names no loaded profile (loaded: {})",
                backticked(&known, ", ")
            ),
            format!(
                "`insurer` に当たるプロファイルがありません（読込済み: {}）",
                backticked(&known, "・")
            ),
        ));
    }
    let nat = &rules.national;
    let c = &m.coverage;
    before(
        &mut errs,
        Some(c.acquired_on),
        m.birth_date,
        "coverage.acquired_on",
        "`birth_date`",
        "`birth_date`",
    );
    if c.lost_on.is_some_and(|l| l <= c.acquired_on) {
        errs.push(date_order(
            "coverage.lost_on",
            "must be after `coverage.acquired_on`",
            "は `coverage.acquired_on` より後でなければなりません",
        ));
    }
    if let Some(n) = &m.number_on_file {
        before(
            &mut errs,
            n.registered_on,
            n.received_on,
            "number_on_file.registered_on",
            "`number_on_file.received_on`",
            "`number_on_file.received_on`",
        );
    }
    let after_loss = |issued: NaiveDate| c.lost_on.is_some_and(|l| issued >= l);
    if let Some(lc) = &m.legacy_card {
        if after_loss(lc.issued_on) {
            errs.push(date_order(
                "legacy_card.issued_on",
                "is on or after `coverage.lost_on`: no card is issued after coverage ended",
                "が `coverage.lost_on` 以降です（資格喪失後に保険証は交付されません）",
            ));
        }
        if lc.issued_on >= nat.legacy_issuance_stop {
            errs.push(FieldError::new(
                "legacy_issued_after_stop",
                "legacy_card.issued_on",
                format!("`legacy_card.issued_on` is on or after {}: no health insurance card is issued from then (`legacy.issuance-stop`)", crate::messages::en_date(nat.legacy_issuance_stop)),
                format!("`legacy_card.issued_on` が{}以降です。その日以降、健康保険証は発行されません（`legacy.issuance-stop`）", crate::messages::ja_date(nat.legacy_issuance_stop)),
            ));
        }
        before(
            &mut errs,
            lc.expires_on,
            lc.issued_on,
            "legacy_card.expires_on",
            "`legacy_card.issued_on`",
            "`legacy_card.issued_on`",
        );
        before(
            &mut errs,
            lc.lost_on,
            lc.issued_on,
            "legacy_card.lost_on",
            "`legacy_card.issued_on`",
            "`legacy_card.issued_on`",
        );
    }
    if let Some(mc) = &m.my_number_card {
        before(
            &mut errs,
            Some(mc.issued_on),
            m.birth_date,
            "my_number_card.issued_on",
            "`birth_date`",
            "`birth_date`",
        );
        before(
            &mut errs,
            mc.expires_on,
            mc.issued_on,
            "my_number_card.expires_on",
            "`my_number_card.issued_on`",
            "`my_number_card.issued_on`",
        );
        before(
            &mut errs,
            mc.e_cert_expires_on,
            mc.issued_on,
            "my_number_card.e_cert_expires_on",
            "`my_number_card.issued_on`",
            "`my_number_card.issued_on`",
        );
        before(
            &mut errs,
            mc.lost_on,
            mc.issued_on,
            "my_number_card.lost_on",
            "`my_number_card.issued_on`",
            "`my_number_card.issued_on`",
        );
        let card_exp = mc
            .expires_on
            .unwrap_or_else(|| crate::mnc::derived_card_expiry(nat, m.birth_date, mc.issued_on));
        if mc.e_cert_expires_on.is_some_and(|e| e > card_exp) {
            errs.push(date_order(
                "my_number_card.e_cert_expires_on",
                "is after the card's own expiry",
                "がカード自体の有効期限より後です",
            ));
        }
        if let Some(u) = &mc.usage {
            // `cert.kouki-2026`: counted on a real day on or after the card's issue; 3 months within 12
            before(
                &mut errs,
                Some(u.counted_on),
                mc.issued_on,
                "my_number_card.usage.counted_on",
                "`my_number_card.issued_on`",
                "`my_number_card.issued_on`",
            );
            if u.last_3_months > u.last_12_months {
                errs.push(FieldError::new(
                    "usage_order",
                    "my_number_card.usage.last_3_months",
                    "`my_number_card.usage.last_3_months` is greater than `my_number_card.usage.last_12_months`",
                    "`my_number_card.usage.last_3_months` が `my_number_card.usage.last_12_months` より大きくなっています",
                ));
            }
        }
        if mc.cancelled_on.is_some() && mc.registered_on.is_none() {
            errs.push(FieldError::new(
                "cancelled_without_registration",
                "my_number_card.cancelled_on",
                "`my_number_card.cancelled_on` is set but `my_number_card.registered_on` is not",
                "`my_number_card.registered_on` がないのに `my_number_card.cancelled_on` があります",
            ));
        }
    }
    for (i, sc) in m.certificates.iter().enumerate() {
        let p = |f: &str| format!("certificates[{i}].{f}");
        if sc.issued_on < nat.legacy_issuance_stop {
            // corrections after review: no certificate exists before the issuance stop
            errs.push(FieldError::new(
                "certificate_before_issuance_stop",
                p("issued_on"),
                format!("`{}` is before {}: no eligibility certificate was issued before the paper card's issuance stop (`cert.validity`)", p("issued_on"), crate::messages::en_date(nat.legacy_issuance_stop)),
                format!("`{}` が{}より前です。資格確認書は保険証の発行停止前には交付されていません（`cert.validity`）", p("issued_on"), crate::messages::ja_date(nat.legacy_issuance_stop)),
            ));
        }
        if after_loss(sc.issued_on) {
            errs.push(date_order(
                &p("issued_on"),
                "is on or after `coverage.lost_on`: no certificate is issued after coverage ended",
                "が `coverage.lost_on` 以降です（資格喪失後に資格確認書は交付されません）",
            ));
        }
        before(
            &mut errs,
            sc.lost_on,
            sc.issued_on,
            &p("lost_on"),
            "its `issued_on`",
            "`issued_on`",
        );
        match prof.and_then(|pr| crate::cert::expiry(pr, sc)) {
            None if prof.is_some() => errs.push(FieldError::new(
                "missing_expiry",
                p("expires_on"),
                format!("`{}` is required: a certificate carries a printed expiry (derived only for the kenpo bulk and kouki automatic certificates)", p("expires_on")),
                format!("`{}` が必要です。資格確認書には有効期限があります（健保組合の一括発行分と後期高齢者医療の自動交付分のみ導出します）", p("expires_on")),
            )),
            None => {}
            Some((e, _)) => {
                if e < sc.issued_on {
                    errs.push(date_order(&p("expires_on"), "is before its `issued_on`", "が `issued_on` より前です"));
                } else if e > crate::dates::nth_birthday(sc.issued_on, nat.certificate_max_years) {
                    errs.push(FieldError::new(
                        "certificate_validity_too_long",
                        p("expires_on"),
                        format!("`{}` gives more than {} years of validity (`cert.validity`)", p("expires_on"), nat.certificate_max_years),
                        format!("`{}` の有効期間が {} 年を超えています（`cert.validity`）", p("expires_on"), nat.certificate_max_years),
                    ));
                }
            }
        }
    }
    if let Some(n) = &m.notice {
        before(
            &mut errs,
            n.lost_on,
            n.issued_on,
            "notice.lost_on",
            "`notice.issued_on`",
            "`notice.issued_on`",
        );
    }
    if let Some(e) = &m.elderly_certificate {
        before(
            &mut errs,
            e.expires_on,
            e.issued_on,
            "elderly_certificate.expires_on",
            "`elderly_certificate.issued_on`",
            "`elderly_certificate.issued_on`",
        );
    }
    match (errs.is_empty(), prof) {
        (true, Some(p)) => Ok(p),
        _ => Err(Error::InvalidMember(errs)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn check_digit() {
        // weights from the right: 2..7 then 2..6
        let mut d = [1u8, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1, 0];
        let mut found = None;
        for c in 0..10 {
            d[11] = c;
            if is_individual_number(&d) {
                found = Some(c);
            }
        }
        // sum = 1*2+0*3+9*4+8*5+7*6+6*7+5*2+4*3+3*4+2*5+1*6 = 212; 212 % 11 = 3; check = 8
        assert_eq!(found, Some(8));
        assert!(contains_individual_number("123456789018"));
        assert!(contains_individual_number("id 1234-5678-9018 x"));
        assert!(contains_individual_number("１２３４５６７８９０１８"));
        assert!(!contains_individual_number("123456789017"));
        assert!(!contains_individual_number("1234567890181"));
        assert!(!contains_individual_number("2025-12-01-0001"));
        assert!(!contains_individual_number("E-0001"));
    }
}

#[cfg(test)]
mod number_scan_tests {
    use super::*;

    /// The scan as first written (characters collected, vectors per run): the oracle of the faster one.
    fn oracle(s: &str) -> bool {
        let cs: Vec<char> = s.chars().collect();
        let is_digit = |k: usize| cs.get(k).copied().and_then(digit).is_some();
        let mut i = 0;
        while i < cs.len() {
            if !is_digit(i) || (i > 0 && is_digit(i - 1)) {
                i += 1;
                continue;
            }
            // a run starting at i: digits, with single separators allowed only in the 4-4-4 shape
            let mut ds: Vec<u8> = Vec::with_capacity(12);
            let mut j = i;
            let mut seps = Vec::new();
            while let Some(&c) = cs.get(j) {
                if let Some(x) = digit(c) {
                    ds.push(x);
                    j += 1;
                } else if matches!(c, ' ' | '-' | '‐' | '－' | '　')
                    && is_digit(j + 1)
                    && ds.len() % 4 == 0
                    && ds.len() < 12
                {
                    seps.push(ds.len());
                    j += 1;
                } else {
                    break;
                }
            }
            let shaped = seps.is_empty() || seps == [4, 8];
            if shaped {
                if let Ok(arr) = <[u8; 12]>::try_from(ds.as_slice()) {
                    if is_individual_number(&arr) {
                        return true;
                    }
                }
            }
            i = j.max(i + 1);
        }
        false
    }

    #[test]
    fn the_scan_equals_its_first_form() {
        let samples = [
            "",
            "1234",
            "123456789018",
            "1234 5678 9018",
            "1234-5678-9018",
            "1234-5678 9018",
            "12345678-9018",
            "1234-56789018",
            "x123456789018y",
            "1123456789018",
            "１２３４５６７８９０１８",
            "１２３４－５６７８－９０１８",
            "2025-12-02",
            "{\"id\":\"E-1\",\"birth_date\":\"1980-05-10\",\"n\":123456789018}",
            "1234  5678 9018",
            "1234 5678 9018 ",
            "a1234　5678　9018b",
            "9999-9999-9999-9999",
            "123456789012",
            "1234-5678-90121",
            "01234-5678-9018",
            "1234‐5678‐9018",
            "12-34-56-78-90-18",
        ];
        let mut n = 0;
        for s in samples {
            assert_eq!(contains_individual_number(s), oracle(s), "{s}");
            n += usize::from(oracle(s));
        }
        assert!(n >= 4, "{n} samples hold a number");
        // every 12-digit string with its check digit, in each shape, and every neighbour of it
        for k in 0..2000u64 {
            let body = format!("{:011}", k * 48_271 % 100_000_000_000);
            for last in 0..10 {
                let d = format!("{body}{last}");
                for s in [
                    d.clone(),
                    format!("{}-{}-{}", &d[..4], &d[4..8], &d[8..]),
                    format!("x{d}9"),
                    format!("{} {}", &d[..8], &d[8..]),
                ] {
                    assert_eq!(contains_individual_number(&s), oracle(&s), "{s}");
                }
            }
        }
    }
}
