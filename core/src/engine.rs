//! The assessment's machinery shared by the rule families: the context of one member on one rule set, the
//! dated causes that end a document with their same-day precedence, and the builder of the answer.
//!
//! Decision (rules-catalogue.md): "One status per document, from the earliest dated cause on or before the
//! query date; on the same day: lost > coverage lost > face change > cancellation > expired > e-certificate past
//! grace > ended."

use std::borrow::Cow;

use chrono::NaiveDate;

use crate::assessment::*;
use crate::dates::prev_day;
use crate::model::{FaceChange, Member};
use crate::rules::RuleId;
use crate::ruleset::{National, Profile, Via};
use crate::{cert, coverage, legacy, messages, mnc};

/// What to produce besides the decisions themselves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// Fill the `en`/`ja` texts.
    pub messages: bool,
    /// List the trace.
    pub trace: bool,
    /// The knowledge date: answer with the rules as announced by that day (the latest revisions when `None`).
    pub rules_as_of: Option<NaiveDate>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            messages: true,
            trace: true,
            rules_as_of: None,
        }
    }
}

/// A dated cause that ends a document, in the catalogue's same-day precedence (earlier variant wins).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Cause {
    Lost,
    CoverageLost,
    FaceChange,
    Cancelled,
    Expired,
    ECertPastGrace,
    Ended,
}

impl Cause {
    /// Every cause, in same-day precedence.
    const ALL: [Cause; CAUSE_KINDS] = [
        Cause::Lost,
        Cause::CoverageLost,
        Cause::FaceChange,
        Cause::Cancelled,
        Cause::Expired,
        Cause::ECertPastGrace,
        Cause::Ended,
    ];

    fn status(self) -> (Status, ReasonCode) {
        match self {
            Cause::Lost => (Status::Invalidated, ReasonCode::Lost),
            Cause::CoverageLost => (Status::Invalidated, ReasonCode::CoverageLost),
            Cause::FaceChange => (Status::Invalidated, ReasonCode::FaceChange),
            Cause::Cancelled => (Status::Invalidated, ReasonCode::Cancelled),
            Cause::Expired => (Status::Expired, ReasonCode::Expired),
            Cause::ECertPastGrace => (Status::Unusable, ReasonCode::ECertPastGrace),
            Cause::Ended => (Status::Ended, ReasonCode::TransitionEnded),
        }
    }
}

/// How many kinds of [`Cause`] there are.
const CAUSE_KINDS: usize = 7;

impl Cause {
    fn slot(self) -> usize {
        self as usize
    }
}

/// The dated causes of one document, on the stack: one slot per kind of cause, holding its earliest date. Every
/// question asked of the causes (the first one, whether a kind happened by a day) needs only the earliest date of
/// each kind, so no cause is ever dropped, however many are pushed.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Causes {
    slots: [Option<(NaiveDate, RuleId)>; CAUSE_KINDS],
    issued: NaiveDate,
}

impl Causes {
    /// The causes of a document issued on `issued`: a cause dated before it takes effect from the issue day
    /// (a certificate issued after coverage ended is invalid from its first day, not before it existed).
    pub fn new(issued: NaiveDate) -> Self {
        Causes {
            slots: [None; CAUSE_KINDS],
            issued,
        }
    }

    /// Adds a cause effective from `on` (from 00:00 of that day); of two causes of one kind the earlier counts.
    pub fn push(&mut self, on: Option<NaiveDate>, cause: Cause, rule: RuleId) {
        let Some(on) = on.map(|d| d.max(self.issued)) else {
            return;
        };
        if let Some(slot) = self.slots.get_mut(cause.slot()) {
            if slot.is_none_or(|(d, _)| on < d) {
                *slot = Some((on, rule));
            }
        }
    }

    /// Whether `cause` is dated on or before `d`.
    pub fn has_by(&self, cause: Cause, d: NaiveDate) -> bool {
        self.slots
            .get(cause.slot())
            .copied()
            .flatten()
            .is_some_and(|(on, _)| on <= d)
    }

    /// The first cause of all, by date then precedence.
    pub fn first(&self) -> Option<(NaiveDate, Cause, RuleId)> {
        Cause::ALL
            .iter()
            .filter_map(|c| {
                self.slots
                    .get(c.slot())
                    .copied()
                    .flatten()
                    .map(|(d, r)| (d, *c, r))
            })
            .min_by_key(|(d, c, _)| (*d, *c))
    }
}

/// One document's state on one day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct DocState {
    pub status: Status,
    pub code: ReasonCode,
    pub rule: RuleId,
    /// First usable day (when known).
    pub valid_from: Option<NaiveDate>,
    /// Last usable day (before the first cause), when known.
    pub valid_through: Option<NaiveDate>,
    /// The ending cause and its date, if it has happened on or before the day.
    pub ended: Option<(NaiveDate, Cause)>,
}

impl DocState {
    pub fn usable(&self) -> bool {
        self.status.is_usable()
    }

    /// The day it stopped being usable, if it ever was usable before.
    pub fn unusable_since(&self) -> Option<NaiveDate> {
        let (on, _) = self.ended?;
        self.valid_from.filter(|f| *f < on)?;
        // the first cause, even when a later one (a loss) now names the status
        Some(
            self.valid_through
                .map_or(on, crate::dates::next_day)
                .min(on),
        )
    }
}

/// The generic status of a document issued on `issued_on`, usable from `usable_from` (the later of issue and
/// coverage start) until its first cause.
pub(crate) fn evaluate(
    d: NaiveDate,
    issued_on: NaiveDate,
    usable_from: NaiveDate,
    causes: &Causes,
    valid_rule: RuleId,
) -> DocState {
    let first = causes.first();
    let valid_from = match first {
        Some((c, _, _)) if c <= usable_from => None,
        _ => Some(usable_from),
    };
    let valid_through = match (first, valid_from) {
        (Some((c, _, _)), Some(_)) => Some(prev_day(c)),
        _ => None,
    };
    let base = DocState {
        status: Status::Valid,
        code: ReasonCode::Valid,
        rule: valid_rule,
        valid_from,
        valid_through,
        ended: None,
    };
    if d < issued_on {
        return DocState {
            status: Status::NotYetValid,
            code: ReasonCode::NotYetIssued,
            ..base
        };
    }
    if let Some((on, cause, rule)) = first.filter(|(on, _, _)| *on <= d) {
        let (status, code) = cause.status();
        return DocState {
            status,
            code,
            rule,
            ended: Some((on, cause)),
            ..base
        };
    }
    if d < usable_from {
        return DocState {
            status: Status::NotYetValid,
            code: ReasonCode::CoverageNotStarted,
            rule: RuleId::CoveragePeriod,
            ..base
        };
    }
    base
}

/// The first face change strictly after `issued_on` (a face change affects an LC or SC issued before it).
pub(crate) fn face_change_after(m: &Member, issued_on: NaiveDate) -> Option<&FaceChange> {
    m.face_changes
        .iter()
        .filter(|f| f.on > issued_on)
        .min_by_key(|f| f.on)
}

/// One member on one rule set: the facts every family reads.
pub(crate) struct Ctx<'a> {
    pub nat: &'a National,
    pub prof: &'a Profile,
    pub m: &'a Member,
    pub cov: coverage::Facts,
    pub lc: Option<legacy::Facts>,
    pub mnc: Option<mnc::Facts>,
}

impl<'a> Ctx<'a> {
    pub fn new(nat: &'a National, prof: &'a Profile, m: &'a Member) -> Self {
        let cov = coverage::facts(nat, prof, m);
        let lc = m
            .legacy_card
            .as_ref()
            .map(|c| legacy::facts(nat, prof, m, &cov, c));
        let mnc = m
            .my_number_card
            .as_ref()
            .map(|c| mnc::facts(nat, prof, m, &cov, c));
        Ctx {
            nat,
            prof,
            m,
            cov,
            lc,
            mnc,
        }
    }

    pub fn covered(&self, d: NaiveDate) -> bool {
        self.cov.covered(d)
    }

    /// Where the member's paperwork goes: a 任意継続 member deals with the insurer directly, others through the
    /// profile's channel (employer, or the municipality).
    pub fn channel(&self) -> Via {
        let vc = self.m.coverage.voluntary_continuation
            || self
                .m
                .face_changes
                .iter()
                .any(|f| f.reason == crate::model::FaceChangeReason::VoluntaryContinuation);
        if vc {
            Via::Insurer
        } else {
            self.prof.return_via
        }
    }

    /// Whether MC is usable on `d`.
    pub fn mc_usable(&self, d: NaiveDate) -> bool {
        self.mnc
            .as_ref()
            .is_some_and(|f| mnc::state(self, f, d).usable())
    }
}

/// The answer under construction.
pub(crate) struct Out {
    pub on: NaiveDate,
    pub opts: Options,
    pub a: Assessment,
    /// The rules that decided something in this answer (a bit per [`RuleId::index`]), traced or not.
    pub used: u64,
}

impl Out {
    #[allow(clippy::too_many_arguments)]
    pub fn trace(
        &mut self,
        ctx: &Ctx,
        rule: RuleId,
        outcome: &'static str,
        document: Option<Document>,
        index: Option<u32>,
        on: Option<NaiveDate>,
        decision: Option<Decision>,
    ) {
        self.used |= 1u64 << rule.index();
        if self.opts.trace {
            self.a.trace.push(TraceEntry {
                rule,
                outcome: Cow::Borrowed(outcome),
                document,
                index,
                on,
                decision,
                sources: ctx.prof.sources(rule).clone(),
                revisions: ctx.prof.revisions(rule).clone(),
            });
        }
    }

    pub fn upcoming(
        &mut self,
        on: NaiveDate,
        event: Event,
        rule: RuleId,
        document: Option<Document>,
        index: Option<u32>,
    ) {
        if on > self.on || (on == self.on && event.is_last_day()) {
            self.a.upcoming.push(Upcoming {
                on,
                event,
                rule,
                document,
                index,
                en: None,
                ja: None,
            });
        }
    }

    pub fn warn(&mut self, code: WarningCode, rule: Option<RuleId>) {
        if let Some(r) = rule {
            self.used |= 1u64 << r.index();
        }
        if !self
            .a
            .warnings
            .iter()
            .any(|w| w.code == code && w.rule == rule)
        {
            self.a.warnings.push(Warning {
                code,
                rule,
                en: None,
                ja: None,
            });
        }
    }

    /// Lists a duty whose window contains the day; one whose window opens later goes to `upcoming` as
    /// `opens`; one whose window closed is dropped.
    pub fn duty(&mut self, ctx: &Ctx, ob: Obligation, opens: Option<Event>) {
        let d = self.on;
        if ob.until.is_some_and(|u| u < d) {
            return;
        }
        match ob.from {
            Some(f) if f > d => {
                if let Some(ev) = opens {
                    self.upcoming(f, ev, ob.rule, Some(ob.document), ob.index);
                }
            }
            _ => {
                self.trace(
                    ctx,
                    ob.rule,
                    action_outcome(ob.action),
                    Some(ob.document),
                    ob.index,
                    ob.from,
                    None,
                );
                self.a.obligations.push(ob);
            }
        }
    }

    /// A return or disposal duty of a document lost on `lost` (catalogue, corrections after review): a document
    /// lost before the duty would open never gets one, and one lost while the duty is open ends it (the member
    /// reports the loss instead).
    pub fn duty_unless_lost(
        &mut self,
        ctx: &Ctx,
        mut ob: Obligation,
        opens: Option<Event>,
        lost: Option<NaiveDate>,
    ) {
        if let Some(l) = lost {
            if l <= self.on || ob.from.is_none_or(|f| l <= f) {
                return;
            }
            let last = prev_day(l);
            ob.until = Some(ob.until.map_or(last, |u| u.min(last)));
        }
        self.duty(ctx, ob, opens);
    }

    pub fn doc(
        &mut self,
        ctx: &Ctx,
        document: Document,
        index: Option<u32>,
        s: &DocState,
        decision: Option<Decision>,
    ) {
        self.trace(
            ctx,
            s.rule,
            status_outcome(s.status),
            Some(document),
            index,
            s.ended.map(|e| e.0).or(s.valid_through),
            decision,
        );
        self.a.documents.push(DocumentAssessment {
            since: s.ended.map(|e| e.0),
            document,
            index,
            status: s.status,
            valid_from: s.valid_from,
            valid_through: s.valid_through,
            reason: Reason {
                rule: s.rule,
                code: s.code,
                en: None,
                ja: None,
            },
        });
    }
}

/// An obligation with no texts yet.
#[allow(clippy::too_many_arguments)]
pub(crate) fn ob(
    action: Action,
    document: Document,
    index: Option<u32>,
    actor: Actor,
    via: Option<Via>,
    from: Option<NaiveDate>,
    until: Option<NaiveDate>,
    required: bool,
    rule: RuleId,
) -> Obligation {
    Obligation {
        action,
        document,
        index,
        actor,
        via,
        from,
        until,
        required,
        delivery: None,
        rule,
        en: None,
        ja: None,
    }
}

fn status_outcome(s: Status) -> &'static str {
    match s {
        Status::Valid => "valid",
        Status::NotYetValid => "not_yet_valid",
        Status::Expired => "expired",
        Status::Ended => "ended",
        Status::Invalidated => "invalidated",
        Status::Unusable => "unusable",
        Status::InGrace => "in_grace",
    }
}

fn action_outcome(a: Action) -> &'static str {
    match a {
        Action::Return => "return",
        Action::Dispose => "dispose",
        Action::Keep => "keep",
        Action::ApplyCertificate => "apply_certificate",
        Action::ApplyReissue => "apply_reissue",
        Action::RegisterInsuranceUse => "register_insurance_use",
        Action::SubmitNumber => "submit_number",
        Action::RenewECert => "renew_e_cert",
        Action::RenewCard => "renew_card",
        Action::SuspendCard => "suspend_card",
        Action::CheckPortal => "check_portal",
        Action::ShowElderlyCertificate => "show_elderly_certificate",
        Action::IssueCertificate => "issue_certificate",
    }
}

/// Assesses a validated member on `on`, with the profile and national values as known on `rules_as_of`.
pub(crate) fn run(
    nat: &National,
    prof: &Profile,
    m: &Member,
    on: NaiveDate,
    opts: Options,
    rules_as_of: Option<NaiveDate>,
) -> Assessment {
    let parts = if opts.messages {
        messages::TextParts::ALL
    } else {
        messages::TextParts::NONE
    };
    run_with_texts(nat, prof, m, on, opts, rules_as_of, parts)
}

/// [`run`], filling only the texts of `parts` (`opts.messages` is not consulted).
pub(crate) fn run_with_texts(
    nat: &National,
    prof: &Profile,
    m: &Member,
    on: NaiveDate,
    opts: Options,
    rules_as_of: Option<NaiveDate>,
    parts: messages::TextParts,
) -> Assessment {
    let ctx = Ctx::new(nat, prof, m);
    let mut out = Out {
        on,
        opts,
        used: 0,
        a: Assessment {
            id: m.id.clone(),
            on,
            rules_as_of,
            covered: ctx.covered(on),
            age: crate::dates::age_on(m.birth_date, on),
            documents: Vec::with_capacity(6),
            care: Care::default(),
            needs_certificate: NeedsCertificate {
                needed: false,
                reason: None,
                from: None,
                en: None,
                ja: None,
            },
            obligations: Vec::with_capacity(6),
            upcoming: Vec::with_capacity(8),
            warnings: Vec::new(),
            trace: if opts.trace {
                Vec::with_capacity(24)
            } else {
                Vec::new()
            },
        },
    };
    if on > nat.checked_on {
        out.warn(WarningCode::RulesNotCheckedAfter, None);
    }
    coverage::assess(&ctx, &mut out);
    let lc = legacy::assess(&ctx, &mut out);
    let mc = mnc::assess(&ctx, &mut out);
    let certs = cert::assess(&ctx, &mut out, &mc);
    crate::notice::assess(&ctx, &mut out, &mc);
    crate::care::assess(&ctx, &mut out, &lc, &mc, &certs);
    cert::needs(&ctx, &mut out, &lc, &mc, &certs);
    crate::care::full_payment(&ctx, &mut out);
    revision_warnings(&ctx, &mut out, rules_as_of);
    out.a.upcoming.sort_by(|a, b| {
        (a.on, a.event, a.document, a.index).cmp(&(b.on, b.event, b.document, b.index))
    });
    out.a.upcoming.dedup_by(|a, b| {
        a.on == b.on && a.event == b.event && a.document == b.document && a.index == b.index
    });
    messages::render(&ctx, &mut out.a, parts);
    out.a
}

/// Knowledge-date warnings: a rule the answer used whose value was revised after `rules_as_of`
/// (`later_revision`), or whose first announcement came after it (`rule_not_yet_announced`).
fn revision_warnings(ctx: &Ctx, out: &mut Out, rules_as_of: Option<NaiveDate>) {
    let Some(k) = out.opts.rules_as_of.or(rules_as_of) else {
        return;
    };
    for (rule, announced, chosen) in &ctx.prof.revision_dates {
        if *announced > k && out.used & (1u64 << rule.index()) != 0 {
            let code = if *chosen {
                WarningCode::RuleNotYetAnnounced
            } else {
                WarningCode::LaterRevision
            };
            out.warn(code, Some(*rule));
        }
    }
}

/// The later of two dates.
pub(crate) fn later(a: NaiveDate, b: NaiveDate) -> NaiveDate {
    a.max(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        crate::dates::parse_iso(s).unwrap_or(NaiveDate::MIN)
    }

    #[test]
    fn causes_keep_every_kind_however_many_are_pushed() {
        let mut c = Causes::new(d("2020-01-01"));
        // twenty face changes, then a loss: the ninth and later pushes used to be dropped
        for i in 0..20 {
            c.push(
                Some(d("2030-01-01") - chrono::Duration::days(i)),
                Cause::FaceChange,
                RuleId::LegacyFaceChange,
            );
        }
        c.push(Some(d("2025-06-01")), Cause::Lost, RuleId::LegacyLostCard);
        assert_eq!(
            c.first(),
            Some((d("2025-06-01"), Cause::Lost, RuleId::LegacyLostCard))
        );
        assert!(c.has_by(Cause::FaceChange, d("2029-12-13")));
        assert!(!c.has_by(Cause::FaceChange, d("2029-12-12")));
        // same day: the catalogue's precedence (lost before coverage lost)
        let mut c = Causes::new(d("2020-01-01"));
        c.push(
            Some(d("2025-06-01")),
            Cause::CoverageLost,
            RuleId::CoveragePeriod,
        );
        c.push(Some(d("2025-06-01")), Cause::Lost, RuleId::CertLost);
        assert_eq!(c.first().map(|x| x.1), Some(Cause::Lost));
        // a cause before the issue day counts from the issue day
        let mut c = Causes::new(d("2020-01-01"));
        c.push(
            Some(d("2019-01-01")),
            Cause::CoverageLost,
            RuleId::CoveragePeriod,
        );
        assert_eq!(c.first().map(|x| x.0), Some(d("2020-01-01")));
    }
}
