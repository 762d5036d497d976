//! The JSON call/answer API the bindings wrap unchanged, so every language gets identical answers: a request
//! string in, an envelope string out — `{"ok":true,"result":…}` or `{"ok":false,"kind":…,"errors":[…]}`.
//!
//! - assess: `{"member": {…}, "on": "2025-12-02", "options": {"messages": true, "trace": true}}`
//! - assess_many: `{"members": [{…}, …], "on": …, "options": …}` → `result` is one envelope per member, in order
//! - timeline: `{"member": {…}, "from": …, "to": …, "options": {"messages": true}}`
//! - explain: `{"member": {…}, "on": …, "lang": "ja" | "en"}` → `result` is text
//! - calendar: the timeline request plus `"lang": "ja" | "en"` and `"alarm_days": 7` → `result` is the
//!   iCalendar text (see [`crate::ics`])
//!
//! Dates are `YYYY-MM-DD` or Japanese-era (`令和7年12月1日`, `R7.12.1`).

use chrono::NaiveDate;
use serde::Serialize;
use serde_json::{Map, Value};

use crate::error::{Error, FieldError, Result};
use crate::messages::Lang;
use crate::validate::{member_from_value, parse_json};
use crate::{Options, RuleSet};

/// `{"ok":true,"result":…}`.
pub fn ok_envelope<T: Serialize>(result: &T) -> String {
    #[derive(Serialize)]
    struct Ok<'a, T> {
        ok: bool,
        result: &'a T,
    }
    serde_json::to_string(&Ok { ok: true, result }).unwrap_or_else(|_| internal())
}

/// `{"ok":false,"kind":…,"errors":[…]}`.
pub fn err_envelope(e: &Error) -> String {
    #[derive(Serialize)]
    struct Err<'a> {
        ok: bool,
        kind: &'a str,
        errors: &'a [FieldError],
    }
    serde_json::to_string(&Err {
        ok: false,
        kind: e.kind(),
        errors: e.errors(),
    })
    .unwrap_or_else(|_| internal())
}

fn internal() -> String {
    r#"{"ok":false,"kind":"internal","errors":[{"code":"internal","path":"","en":"internal error","ja":"内部エラー"}]}"#.to_owned()
}

fn envelope<T: Serialize>(r: Result<T>) -> String {
    match r {
        Ok(v) => ok_envelope(&v),
        Err(e) => err_envelope(&e),
    }
}

fn req_err(code: &str, path: &str, en: String, ja: String) -> Error {
    Error::request(FieldError::new(code, path, en, ja))
}

/// A request object with its allowed fields.
struct Request {
    obj: Map<String, Value>,
}

impl Request {
    fn parse(text: &str, allowed: &[&str]) -> Result<Request> {
        crate::limits::check_depth(text).map_err(Error::request)?;
        let v = parse_json(text).map_err(|e| Error::InvalidRequest(vec![e]))?;
        let Value::Object(obj) = v else {
            return Err(req_err(
                "invalid_type",
                "",
                "the request must be a JSON object".into(),
                "リクエストは JSON オブジェクトでなければなりません".into(),
            ));
        };
        if let Some(k) = obj.keys().find(|k| !allowed.contains(&k.as_str())) {
            let k = if k.len() <= 64 && k.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'_') {
                k.as_str()
            } else {
                "?"
            };
            return Err(req_err(
                "unknown_field",
                k,
                format!("unknown field `{k}` in the request"),
                format!("リクエストに不明な項目 `{k}` があります"),
            ));
        }
        Ok(Request { obj })
    }

    fn take(&mut self, key: &str) -> Result<Value> {
        self.obj.remove(key).ok_or_else(|| {
            req_err(
                "missing_field",
                key,
                format!("missing field `{key}`"),
                format!("項目 `{key}` がありません"),
            )
        })
    }

    fn date(&mut self, key: &str) -> Result<NaiveDate> {
        match self.take(key)? {
            Value::String(s) => parse_date_arg(&s, key),
            _ => Err(bad_date(key)),
        }
    }

    /// The optional language `lang` (`ja`, the default, or `en`).
    fn lang(&mut self) -> Result<Lang> {
        let bad = |code: &str| {
            req_err(
                code,
                "lang",
                "`lang` must be `ja` or `en`".into(),
                "`lang` は `ja` か `en` です".into(),
            )
        };
        match self.obj.remove("lang") {
            None | Some(Value::Null) => Ok(Lang::Ja),
            Some(Value::String(s)) => Lang::parse(&s).ok_or_else(|| bad("invalid_value")),
            Some(_) => Err(bad("invalid_type")),
        }
    }

    /// The optional `alarm_days` of the calendar call (an integer from 0 to [`crate::ics::MAX_ALARM_DAYS`]).
    fn alarm_days(&mut self) -> Result<u32> {
        let max = crate::ics::MAX_ALARM_DAYS;
        match self.obj.remove("alarm_days") {
            None | Some(Value::Null) => Ok(crate::ics::DEFAULT_ALARM_DAYS),
            Some(Value::Number(n)) => n
                .as_u64()
                .and_then(|d| u32::try_from(d).ok())
                .filter(|d| *d <= max)
                .ok_or_else(|| {
                    req_err(
                        "invalid_value",
                        "alarm_days",
                        format!("`alarm_days` must be a whole number of days from 0 to {max}"),
                        format!("`alarm_days` は 0 から {max} までの日数（整数）です"),
                    )
                }),
            Some(_) => Err(req_err(
                "invalid_type",
                "alarm_days",
                "`alarm_days` must be a number".into(),
                "`alarm_days` は数値です".into(),
            )),
        }
    }

    /// The optional knowledge date `rules_as_of` (ISO or Japanese era).
    fn rules_as_of(&mut self) -> Result<Option<NaiveDate>> {
        match self.obj.remove("rules_as_of") {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) => parse_date_arg(&s, "rules_as_of").map(Some),
            Some(_) => Err(bad_date("rules_as_of")),
        }
    }

    fn options(&mut self) -> Result<Options> {
        let mut o = Options {
            rules_as_of: self.rules_as_of()?,
            ..Options::default()
        };
        match self.obj.remove("options") {
            None | Some(Value::Null) => {}
            Some(Value::Object(m)) => {
                for (k, v) in m {
                    let flag = match v {
                        Value::Bool(b) => b,
                        _ => {
                            return Err(req_err(
                                "invalid_type",
                                &format!("options.{k}"),
                                format!("`options.{k}` must be true or false"),
                                format!("`options.{k}` は true か false です"),
                            ))
                        }
                    };
                    match k.as_str() {
                        "messages" => o.messages = flag,
                        "trace" => o.trace = flag,
                        _ => {
                            return Err(req_err(
                                "unknown_field",
                                "options",
                                "unknown field in `options` (allowed: `messages`, `trace`)".into(),
                                "`options` に不明な項目があります（`messages`・`trace` のみ）"
                                    .into(),
                            ))
                        }
                    }
                }
            }
            Some(_) => {
                return Err(req_err(
                    "invalid_type",
                    "options",
                    "`options` must be an object".into(),
                    "`options` はオブジェクトです".into(),
                ))
            }
        }
        Ok(o)
    }
}

fn bad_date(path: &str) -> Error {
    req_err(
        "invalid_date",
        path,
        format!(
            "`{path}` is not a date (YYYY-MM-DD or a Japanese-era date such as `令和7年12月1日` or `R7.12.1`)"
        ),
        format!("`{path}` は日付ではありません（YYYY-MM-DD または 令和7年12月1日 などの和暦）"),
    )
}

/// Parses a query date argument (ISO or Japanese era); the error names `path`.
pub fn parse_date_arg(s: &str, path: &str) -> Result<NaiveDate> {
    crate::dates::parse_query_date(s).ok_or_else(|| bad_date(path))
}

/// The fast shape of a request: members kept as raw JSON text for [`crate::validate::member_from_str`]. Any
/// request that does not fit goes through [`Request`], which names what is wrong.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Fast<'a> {
    #[serde(borrow, default)]
    member: Option<&'a serde_json::value::RawValue>,
    #[serde(borrow, default)]
    members: Option<Vec<&'a serde_json::value::RawValue>>,
    #[serde(borrow)]
    on: std::borrow::Cow<'a, str>,
    #[serde(default)]
    options: Option<FastOptions>,
    #[serde(borrow, default)]
    rules_as_of: Option<std::borrow::Cow<'a, str>>,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct FastOptions {
    #[serde(default)]
    messages: Option<bool>,
    #[serde(default)]
    trace: Option<bool>,
}

fn fast(request: &str, many: bool) -> Option<(Fast<'_>, NaiveDate, Options)> {
    let f: Fast = serde_json::from_str(request).ok()?;
    if many != f.members.is_some() || many == f.member.is_some() {
        return None;
    }
    let on = crate::dates::parse_query_date(&f.on)?;
    let d = Options::default();
    let rules_as_of = match &f.rules_as_of {
        None => None,
        Some(s) => Some(crate::dates::parse_query_date(s)?),
    };
    let o = f.options.as_ref().map_or(d, |o| Options {
        messages: o.messages.unwrap_or(d.messages),
        trace: o.trace.unwrap_or(d.trace),
        rules_as_of: None,
    });
    Some((f, on, Options { rules_as_of, ..o }))
}

/// `{"ok":true,"result":[…]}` with one envelope per parsed member, in order, each the answer of `answer`.
fn many_envelope<T: Serialize>(
    members: impl ExactSizeIterator<Item = Result<crate::Member>>,
    answer: impl Fn(&crate::Member) -> Result<T>,
) -> String {
    let mut out = String::with_capacity(members.len() * 1600 + 32);
    out.push_str(r#"{"ok":true,"result":["#);
    for (i, m) in members.enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&envelope(m.and_then(|m| answer(&m))));
    }
    out.push_str("]}");
    out
}

impl RuleSet {
    /// The assess call: one member on one date.
    pub fn assess_json(&self, request: &str) -> String {
        if let Some((f, on, opts)) = fast(request, false) {
            if let Some(m) = f.member {
                return envelope(
                    crate::validate::member_from_str(m.get())
                        .and_then(|m| self.assess_with(&m, on, opts)),
                );
            }
        }
        envelope((|| {
            let mut r = Request::parse(request, &["member", "on", "options", "rules_as_of"])?;
            let on = r.date("on")?;
            let opts = r.options()?;
            let m = member_from_value(&r.take("member")?)?;
            self.assess_with(&m, on, opts)
        })())
    }

    /// The assess_many call: one envelope per member, in order; a bad member gets its own error, never a
    /// dropped row.
    pub fn assess_many_json(&self, request: &str) -> String {
        if let Some((f, on, opts)) = fast(request, true) {
            let members = f.members.unwrap_or_default();
            return many_envelope(
                members
                    .iter()
                    .map(|m| crate::validate::member_from_str(m.get())),
                |m| self.assess_with(m, on, opts),
            );
        }
        let prepared = (|| {
            let mut r = Request::parse(request, &["members", "on", "options", "rules_as_of"])?;
            let on = r.date("on")?;
            let opts = r.options()?;
            match r.take("members")? {
                Value::Array(a) => Ok((a, on, opts)),
                _ => Err(req_err(
                    "invalid_type",
                    "members",
                    "`members` must be an array".into(),
                    "`members` は配列です".into(),
                )),
            }
        })();
        match prepared {
            Err(e) => err_envelope(&e),
            Ok((members, on, opts)) => many_envelope(members.iter().map(member_from_value), |m| {
                self.assess_with(m, on, opts)
            }),
        }
    }

    /// The timeline call.
    pub fn timeline_json(&self, request: &str) -> String {
        envelope((|| {
            let mut r =
                Request::parse(request, &["member", "from", "to", "options", "rules_as_of"])?;
            let from = r.date("from")?;
            let to = r.date("to")?;
            let opts = r.options()?;
            let m = member_from_value(&r.take("member")?)?;
            self.timeline_with(&m, from, to, opts)
        })())
    }

    /// The calendar call: a timeline request (`member`, `from`, `to`, `rules_as_of`; `options` is accepted and
    /// has no effect) plus `lang` (`ja`, the default, or `en`) and `alarm_days` (days between a reminder and its
    /// deadline, 0 to 366, default 7) → `result` is the iCalendar text (RFC 5545, CRLF line ends).
    pub fn calendar_json(&self, request: &str) -> String {
        envelope((|| {
            let mut r = Request::parse(
                request,
                &[
                    "member",
                    "from",
                    "to",
                    "options",
                    "rules_as_of",
                    "lang",
                    "alarm_days",
                ],
            )?;
            let from = r.date("from")?;
            let to = r.date("to")?;
            let opts = r.options()?;
            let lang = r.lang()?;
            let alarm_days = r.alarm_days()?;
            let m = member_from_value(&r.take("member")?)?;
            self.calendar_with(
                &m,
                from,
                to,
                opts,
                crate::ics::CalendarOptions { lang, alarm_days },
            )
        })())
    }

    /// The explain call: readable text in one language.
    pub fn explain_json(&self, request: &str) -> String {
        envelope((|| {
            let mut r = Request::parse(request, &["member", "on", "lang", "rules_as_of"])?;
            let on = r.date("on")?;
            let lang = r.lang()?;
            let m = member_from_value(&r.take("member")?)?;
            let opts = Options {
                rules_as_of: r.rules_as_of()?,
                ..Options::default()
            };
            let a = self.assess_with(&m, on, opts)?;
            Ok(crate::explain::explain(&a, lang))
        })())
    }

    /// The summaries call: `{"members": [...], "on": …}` → one envelope per member whose result is its
    /// [`crate::Summary`] row (codes only: no texts, no trace).
    pub fn summaries_json(&self, request: &str) -> String {
        let quiet = |rules_as_of| Options {
            messages: false,
            trace: false,
            rules_as_of,
        };
        let row = |m: &crate::Member, on, k| self.assess_with(m, on, quiet(k)).map(|a| a.summary());
        if let Some((f, on, o)) = fast(request, true) {
            let members = f.members.unwrap_or_default();
            return many_envelope(
                members
                    .iter()
                    .map(|m| crate::validate::member_from_str(m.get())),
                |m| row(m, on, o.rules_as_of),
            );
        }
        let prepared = (|| {
            let mut r = Request::parse(request, &["members", "on", "rules_as_of"])?;
            let on = r.date("on")?;
            let k = r.rules_as_of()?;
            match r.take("members")? {
                Value::Array(a) => Ok((a, on, k)),
                _ => Err(req_err(
                    "invalid_type",
                    "members",
                    "`members` must be an array".into(),
                    "`members` は配列です".into(),
                )),
            }
        })();
        match prepared {
            Err(e) => err_envelope(&e),
            Ok((members, on, k)) => {
                many_envelope(members.iter().map(member_from_value), |m| row(m, on, k))
            }
        }
    }

    /// The changes call: `{"since": "2026-01-01"}` (optional) → every revision of a rule value in order of
    /// announcement, each with its rule, the value before and after, `announced_on`, sources and texts.
    pub fn changes_json(&self, request: &str) -> String {
        envelope((|| {
            let mut r = Request::parse(request, &["since"])?;
            let since = match r.obj.remove("since") {
                None | Some(Value::Null) => None,
                Some(Value::String(s)) => Some(parse_date_arg(&s, "since")?),
                Some(_) => return Err(bad_date("since")),
            };
            Ok(self.changes(since))
        })())
    }

    /// One member given as JSON text (a line of a JSON Lines file) on a date: the envelope.
    pub fn assess_member_json(&self, member: &str, on: NaiveDate, opts: Options) -> String {
        envelope(
            self.parse_member(member)
                .and_then(|m| self.assess_with(&m, on, opts)),
        )
    }

    /// Parses and validates a member given as JSON text.
    pub fn parse_member(&self, member: &str) -> Result<crate::Member> {
        let m = crate::validate::member_from_str(member)?;
        crate::validate::check(self, &m)?;
        Ok(m)
    }
}

/// The labels call: `{"kind": "actions", "lang": "ja"}` → `[{"code": "return", "label": "返却"}, …]`, every
/// code of the kind in the vocabulary's order (kinds: `documents`, `statuses`, `need_reasons`, `actions`,
/// `actors`, `events`, `warnings`, `rules`).
pub fn labels_json(request: &str) -> String {
    envelope((|| {
        let mut r = Request::parse(request, &["kind", "lang"])?;
        let kind = match r.take("kind")? {
            Value::String(s) => crate::labels::LabelKind::parse(&s),
            _ => None,
        }
        .ok_or_else(|| {
            req_err(
                "invalid_value",
                "kind",
                "`kind` must be one of `documents`, `statuses`, `need_reasons`, `actions`, `actors`, `events`, `warnings`, `rules`".into(),
                "`kind` は `documents`・`statuses`・`need_reasons`・`actions`・`actors`・`events`・`warnings`・`rules` のいずれかです".into(),
            )
        })?;
        let lang = r.lang()?;
        Ok(crate::labels::labels(kind, lang))
    })())
}
