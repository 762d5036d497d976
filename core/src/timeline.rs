//! The timeline: every dated change of a document's status, of an obligation, of coverage and of the need for a
//! certificate between two dates — what a person or an HR system puts on a calendar. It assesses the member on
//! every day where anything can change (the record's dates, the derived ones and the rule set's), so it agrees
//! with [`crate::RuleSet::assess`] by construction.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::assessment::{Action, Assessment, Document, Status};
use crate::dates::{month_end, next_day, prev_day, sub_months};
use crate::engine::{run, Ctx, Options};
use crate::messages::{doc_name, en_date, ja_date, status_name, Lang};
use crate::model::Member;
use crate::rules::RuleId;
use crate::ruleset::{National, Profile};

/// What changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    /// Coverage starts or ends.
    Coverage,
    /// A document's status.
    Document,
    /// An obligation's window starts.
    ObligationStarts,
    /// An obligation's window ends (or its cause went away).
    ObligationEnds,
    /// The need for a certificate starts or ends.
    NeedsCertificate,
}

/// One dated change.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "TimelineChange"))]
pub struct Change {
    /// The day it takes effect.
    #[serde(with = "crate::model::date")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::IsoDate"))]
    pub on: NaiveDate,
    /// What changed.
    pub kind: ChangeKind,
    /// The document concerned.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document: Option<Document>,
    /// For certificates: the position in the record.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub index: Option<u32>,
    /// The new status (document changes).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<Status>,
    /// The previous status (None on the first day).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous: Option<Status>,
    /// The obligation's action (obligation changes).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub action: Option<Action>,
    /// The new value (coverage and certificate-need changes).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<bool>,
    /// The deciding rule.
    pub rule: RuleId,
    /// English text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub en: Option<String>,
    /// Japanese text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ja: Option<String>,
}

/// A period of constant status of one document, for drawing bars on a date axis.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Span {
    /// The document.
    pub document: Document,
    /// For certificates: the position in the record.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub index: Option<u32>,
    /// Its status throughout.
    pub status: Status,
    /// First day.
    #[serde(with = "crate::model::date")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::IsoDate"))]
    pub from: NaiveDate,
    /// Last day.
    #[serde(with = "crate::model::date")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::IsoDate"))]
    pub to: NaiveDate,
}

/// A rule boundary on the axis (a national or profile date), for marking.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Boundary {
    /// The day.
    #[serde(with = "crate::model::date")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::IsoDate"))]
    pub on: NaiveDate,
    /// The rule.
    pub rule: RuleId,
}

/// The dated changes between two dates.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Timeline {
    /// The member's id.
    pub id: String,
    /// First day.
    #[serde(with = "crate::model::date")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::IsoDate"))]
    pub from: NaiveDate,
    /// Last day.
    #[serde(with = "crate::model::date")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::IsoDate"))]
    pub to: NaiveDate,
    /// The knowledge date the timeline used (see [`crate::Assessment::rules_as_of`]).
    #[serde(default, with = "crate::model::opt_date")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<crate::schema::IsoDate>"))]
    pub rules_as_of: Option<NaiveDate>,
    /// Changes, by date (the first day lists the starting state with no `previous`).
    pub changes: Vec<Change>,
    /// Periods of constant status per document.
    pub spans: Vec<Span>,
    /// Rule boundaries inside the range.
    pub boundaries: Vec<Boundary>,
}

/// The national and profile dates where a rule changes something, with the rule.
pub(crate) fn rule_boundaries(nat: &National, prof: &Profile) -> Vec<(NaiveDate, RuleId)> {
    let mut v = vec![
        (nat.legacy_issuance_stop, RuleId::LegacyIssuanceStop),
        (
            next_day(nat.legacy_transition_last_day),
            RuleId::LegacyTransitionEnd,
        ),
        (
            prof.provisional_acceptance_from,
            RuleId::LegacyProvisionalAcceptance,
        ),
        (
            next_day(prof.provisional_acceptance_until),
            RuleId::LegacyProvisionalAcceptance,
        ),
    ];
    if let Some(r) = prof.reissue_window_opens {
        v.push((r, RuleId::CertReissueWindow));
    }
    for b in &prof.bulk {
        v.push((b.window_from, RuleId::CertBulkIssuance));
        if let Some(e) = b.expires_on {
            v.push((next_day(e), RuleId::CertValidity));
        }
    }
    if let Some(d) = prof.legacy_printed_expiry_default {
        v.push((next_day(d), RuleId::LegacyPrintedExpiry));
    }
    v
}

/// Every day on which something about the member can change.
pub(crate) fn key_dates(nat: &National, prof: &Profile, m: &Member) -> Vec<NaiveDate> {
    let ctx = Ctx::new(nat, prof, m);
    let mut v: Vec<NaiveDate> = Vec::with_capacity(96);
    let mut add = |d: Option<NaiveDate>| {
        if let Some(d) = d {
            v.push(d);
            v.push(next_day(d));
        }
    };
    for (d, _) in rule_boundaries(nat, prof) {
        add(Some(d));
    }
    add(Some(nat.legacy_transition_last_day));
    add(Some(prof.provisional_acceptance_until));
    add(Some(nat.checked_on));
    for b in &prof.bulk {
        add(Some(b.snapshot));
        add(Some(b.window_until));
        add(b.expires_on);
    }
    add(Some(m.birth_date));
    add(Some(ctx.cov.b70));
    add(Some(month_end(ctx.cov.b70)));
    add(Some(ctx.cov.b75));
    add(Some(prev_day(ctx.cov.b75)));
    add(Some(m.coverage.acquired_on));
    add(m.coverage.lost_on);
    add(ctx.cov.lost);
    if let Some(n) = &m.number_on_file {
        add(Some(n.received_on));
        add(n.registered_on);
    }
    for f in &m.face_changes {
        add(Some(f.on));
    }
    if let (Some(c), Some(lc)) = (&m.legacy_card, &ctx.lc) {
        add(Some(c.issued_on));
        add(c.expires_on);
        add(c.lost_on);
        add(lc.printed_end);
    }
    if let (Some(c), Some(f)) = (&m.my_number_card, &ctx.mnc) {
        add(Some(c.issued_on));
        add(c.registered_on);
        add(c.cancelled_on);
        add(c.lost_on);
        add(Some(f.card_expiry));
        add(Some(f.e_cert_expiry));
        add(Some(f.grace_end));
        add(f.registered_from);
        add(f.number_from);
        add(Some(sub_months(f.card_expiry, nat.renewal_months_before)));
        add(Some(sub_months(f.e_cert_expiry, nat.renewal_months_before)));
    }
    for (i, c) in m.certificates.iter().enumerate() {
        add(Some(c.issued_on));
        add(c.lost_on);
        if let Some(f) = crate::cert::facts(&ctx, i, c) {
            add(Some(f.expiry));
        }
    }
    if let Some(n) = &m.notice {
        add(Some(n.issued_on));
        add(n.lost_on);
    }
    if let Some(e) = &m.elderly_certificate {
        add(Some(e.issued_on));
        add(e.expires_on);
    }
    v.sort_unstable();
    v.dedup();
    v
}

type DocKey = (Document, Option<u32>);
type ObKey = (Action, Document, Option<u32>);

fn doc_states(a: &Assessment) -> Vec<(DocKey, Status, RuleId)> {
    a.documents
        .iter()
        .map(|d| ((d.document, d.index), d.status, d.reason.rule))
        .collect()
}

fn ob_keys(a: &Assessment) -> Vec<(ObKey, RuleId)> {
    let mut v: Vec<(ObKey, RuleId)> = a
        .obligations
        .iter()
        .map(|o| ((o.action, o.document, o.index), o.rule))
        .collect();
    v.sort();
    v.dedup_by(|a, b| a.0 == b.0);
    v
}

/// Builds the timeline of a validated member.
pub(crate) fn build(
    nat: &National,
    prof: &Profile,
    m: &Member,
    from: NaiveDate,
    to: NaiveDate,
    messages: bool,
    rules_as_of: Option<NaiveDate>,
) -> Timeline {
    let quiet = Options {
        messages: false,
        trace: false,
        rules_as_of,
    };
    let mut days = vec![from];
    days.extend(
        key_dates(nat, prof, m)
            .into_iter()
            .filter(|d| *d > from && *d <= to),
    );
    let mut changes: Vec<Change> = Vec::new();
    let mut spans: Vec<Span> = Vec::new();
    let mut open: Vec<(DocKey, Status, NaiveDate)> = Vec::new();
    let mut prev: Option<Assessment> = None;
    let blank = |on, kind, rule| Change {
        on,
        kind,
        document: None,
        index: None,
        status: None,
        previous: None,
        action: None,
        value: None,
        rule,
        en: None,
        ja: None,
    };
    for &day in &days {
        let a = run(nat, prof, m, day, quiet, rules_as_of);
        let p = prev.as_ref();
        if p.is_none_or(|p| p.covered != a.covered) {
            changes.push(Change {
                value: Some(a.covered),
                ..blank(day, ChangeKind::Coverage, RuleId::CoveragePeriod)
            });
        }
        let pd = p.map(doc_states).unwrap_or_default();
        for (key, status, rule) in doc_states(&a) {
            let before = pd.iter().find(|(k, _, _)| *k == key).map(|x| x.1);
            if before != Some(status) {
                changes.push(Change {
                    document: Some(key.0),
                    index: key.1,
                    status: Some(status),
                    previous: before,
                    ..blank(day, ChangeKind::Document, rule)
                });
                if let Some(pos) = open.iter().position(|(k, _, _)| *k == key) {
                    let (k, s, f) = open.remove(pos);
                    spans.push(Span {
                        document: k.0,
                        index: k.1,
                        status: s,
                        from: f,
                        to: prev_day(day),
                    });
                }
                open.push((key, status, day));
            }
        }
        let po = p.map(ob_keys).unwrap_or_default();
        let now = ob_keys(&a);
        for (key, rule) in &po {
            if !now.iter().any(|(k, _)| k == key) {
                changes.push(Change {
                    document: Some(key.1),
                    index: key.2,
                    action: Some(key.0),
                    ..blank(day, ChangeKind::ObligationEnds, *rule)
                });
            }
        }
        for (key, rule) in &now {
            if !po.iter().any(|(k, _)| k == key) {
                changes.push(Change {
                    document: Some(key.1),
                    index: key.2,
                    action: Some(key.0),
                    ..blank(day, ChangeKind::ObligationStarts, *rule)
                });
            }
        }
        if p.is_none_or(|p| p.needs_certificate.needed != a.needs_certificate.needed) {
            changes.push(Change {
                value: Some(a.needs_certificate.needed),
                ..blank(day, ChangeKind::NeedsCertificate, RuleId::CertRequired)
            });
        }
        prev = Some(a);
    }
    for (k, s, f) in open {
        spans.push(Span {
            document: k.0,
            index: k.1,
            status: s,
            from: f,
            to,
        });
    }
    spans.sort_by_key(|s| (s.document, s.index, s.from));
    let boundaries = rule_boundaries(nat, prof)
        .into_iter()
        .filter(|(d, _)| *d >= from && *d <= to)
        .map(|(on, rule)| Boundary { on, rule })
        .collect();
    if messages {
        for c in &mut changes {
            let (en, ja) = change_text(c);
            c.en = Some(en);
            c.ja = Some(ja);
        }
    }
    Timeline {
        id: m.id.clone(),
        from,
        to,
        rules_as_of,
        changes,
        spans,
        boundaries,
    }
}

fn change_text(c: &Change) -> (String, String) {
    (
        format!("{}: {}", en_date(c.on), change_summary(c, Lang::En)),
        format!("{}：{}", ja_date(c.on), change_summary(c, Lang::Ja)),
    )
}

/// What a change says, without its date (the timeline's texts are the date and this; the calendar's event
/// titles are this).
pub(crate) fn change_summary(c: &Change, lang: Lang) -> String {
    let en = lang == Lang::En;
    let dn = c.document.map(|x| doc_name(x, lang)).unwrap_or("");
    match c.kind {
        ChangeKind::Coverage if c.value == Some(true) => {
            (if en { "covered" } else { "資格あり" }).to_owned()
        }
        ChangeKind::Coverage => (if en { "not covered" } else { "資格なし" }).to_owned(),
        ChangeKind::NeedsCertificate if c.value == Some(true) => (if en {
            "an eligibility certificate is needed"
        } else {
            "資格確認書が必要になります"
        })
        .to_owned(),
        ChangeKind::NeedsCertificate => (if en {
            "no certificate needed"
        } else {
            "資格確認書は不要です"
        })
        .to_owned(),
        ChangeKind::Document => {
            let s = status_name(c.status.unwrap_or(Status::Valid), lang);
            if en {
                format!("{dn}: {s}")
            } else {
                format!("{dn}：{s}")
            }
        }
        ChangeKind::ObligationStarts | ChangeKind::ObligationEnds => {
            let starts = c.kind == ChangeKind::ObligationStarts;
            let act = c
                .action
                .map(|a| {
                    serde_json::to_value(a)
                        .ok()
                        .and_then(|v| v.as_str().map(str::to_owned))
                        .unwrap_or_default()
                })
                .unwrap_or_default();
            if en {
                format!("{} `{act}` ({dn})", if starts { "starts" } else { "ends" })
            } else {
                format!("`{act}`（{dn}）{}", if starts { "開始" } else { "終了" })
            }
        }
    }
}
