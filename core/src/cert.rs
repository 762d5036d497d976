//! The eligibility certificate (`cert.*`): 資格確認書 — validity, when one is needed and why, the insurers' bulk
//! issuance, and what to do with it (keep, return, dispose of, reissue).

use chrono::{Datelike, NaiveDate};

use crate::assessment::{
    Action, Actor, Decision, Document, Event, NeedReason, ReasonCode, WarningCode,
};
use crate::dates::{next_day, prev_day};
use crate::engine::{evaluate, face_change_after, later, ob, Cause, Causes, Ctx, DocState, Out};
use crate::model::{Basis, Certificate};
use crate::rules::RuleId;
use crate::ruleset::{BulkRound, Delivery, Profile, Targets, Via};

/// How a certificate's expiry was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ExpiryFrom {
    Record,
    BulkRound,
    KoukiCycle,
}

/// A certificate's expiry: the recorded one, else the bulk round's fixed expiry (kenpo 2027-09-30), else the
/// kouki cycle's 31 July. None: not derivable (an input error, caught by validation).
///
/// Decision: "An SC always carries a printed expiry (seed 000: 「有効期限があります」). A null SC expiry is derived
/// only for the kenpo bulk SC (2027-09-30) and the kouki automatic SC (the next 07-31)." hokensho reads "the next
/// 07-31" in the kouki cycle (August–July): a certificate issued from July on runs to 31 July of the next year.
pub(crate) fn expiry(prof: &Profile, c: &Certificate) -> Option<(NaiveDate, ExpiryFrom)> {
    if let Some(e) = c.expires_on {
        return Some((e, ExpiryFrom::Record));
    }
    if c.basis == Basis::Bulk {
        if let Some(e) = prof.bulk_round_for(c.issued_on).and_then(|r| r.expires_on) {
            return Some((e, ExpiryFrom::BulkRound));
        }
    }
    if prof.automatic_certificate_expires_july_31
        && matches!(c.basis, Basis::Automatic | Basis::Bulk)
    {
        let year = if c.issued_on.month() >= 7 {
            c.issued_on.year() + 1
        } else {
            c.issued_on.year()
        };
        return NaiveDate::from_ymd_opt(year, 7, 31).map(|d| (d, ExpiryFrom::KoukiCycle));
    }
    None
}

/// The facts of one certificate.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Facts {
    pub index: u32,
    pub issued: NaiveDate,
    pub expiry: NaiveDate,
    pub expiry_from: ExpiryFrom,
    pub basis: Basis,
    pub causes: Causes,
}

/// `cert.validity`: usable from `issued_on` through its expiry while coverage holds. `cert.face-change`: a face
/// change after issuance ends it. `cert.lost`: so does loss.
pub(crate) fn facts(ctx: &Ctx, index: usize, c: &Certificate) -> Option<Facts> {
    let (expiry, expiry_from) = expiry(ctx.prof, c)?;
    let mut causes = Causes::new(c.issued_on);
    causes.push(c.lost_on, Cause::Lost, RuleId::CertLost);
    causes.push(ctx.cov.lost, Cause::CoverageLost, RuleId::CoveragePeriod);
    causes.push(
        face_change_after(ctx.m, c.issued_on).map(|f| f.on),
        Cause::FaceChange,
        RuleId::CertFaceChange,
    );
    causes.push(Some(next_day(expiry)), Cause::Expired, RuleId::CertValidity);
    Some(Facts {
        index: index as u32,
        issued: c.issued_on,
        expiry,
        expiry_from,
        basis: c.basis,
        causes,
    })
}

/// A certificate's state on `d`.
pub(crate) fn state(ctx: &Ctx, f: &Facts, d: NaiveDate) -> DocState {
    evaluate(
        d,
        f.issued,
        later(f.issued, ctx.cov.acquired),
        &f.causes,
        RuleId::CertValidity,
    )
}

/// Whether any certificate of the record is usable on `d`.
pub(crate) fn any_usable(ctx: &Ctx, d: NaiveDate) -> bool {
    ctx.m
        .certificates
        .iter()
        .enumerate()
        .any(|(i, c)| facts(ctx, i, c).is_some_and(|f| state(ctx, &f, d).usable()))
}

/// Every certificate's facts and state on the day (none is left out, however many the record holds).
pub(crate) struct Certs {
    pub list: Vec<(Facts, DocState)>,
    /// Whether any certificate is usable on the day.
    pub any_usable: bool,
}

impl Certs {
    pub fn iter(&self) -> impl Iterator<Item = (&Facts, &DocState)> {
        self.list.iter().map(|(f, s)| (f, s))
    }
}

/// Assesses every certificate held.
pub(crate) fn assess(
    ctx: &Ctx,
    out: &mut Out,
    mc: &Option<(crate::mnc::Facts, DocState)>,
) -> Certs {
    let d = out.on;
    let mc_usable = mc.as_ref().is_some_and(|(_, s)| s.usable());
    let mc_valid_from = mc.as_ref().and_then(|(_, s)| s.valid_from);
    let mut certs = Certs {
        list: Vec::with_capacity(ctx.m.certificates.len()),
        any_usable: false,
    };
    for (i, c) in ctx.m.certificates.iter().enumerate() {
        let Some(f) = facts(ctx, i, c) else { continue };
        let s = state(ctx, &f, d);
        let idx = Some(f.index);
        let doc = Some(Document::Certificate);
        match f.expiry_from {
            ExpiryFrom::BulkRound => out.trace(
                ctx,
                RuleId::CertBulkIssuance,
                "expiry_of_bulk_round",
                doc,
                idx,
                Some(f.expiry),
                None,
            ),
            ExpiryFrom::KoukiCycle => out.trace(
                ctx,
                RuleId::CertValidity,
                "expiry_of_kouki_cycle",
                doc,
                idx,
                Some(f.expiry),
                Some(Decision::KoukiCertificateCycle),
            ),
            ExpiryFrom::Record => {}
        }
        out.doc(ctx, Document::Certificate, idx, &s, None);
        certs.any_usable |= s.usable();
        certs.list.push((f, s));
        // `cert.not-with-legacy`: 「保険証をお持ちの方には資格確認書を発行することができません」 — a kenpo member
        // holding a usable legacy card is not issued a certificate on request.
        if c.basis == Basis::Application && !ctx.prof.certificate_while_legacy_usable {
            if let Some(lc) = ctx.lc.as_ref() {
                if crate::legacy::state(ctx, lc, c.issued_on).usable() {
                    out.warn(
                        WarningCode::CertificateIssuedDespiteLegacy,
                        Some(RuleId::CertNotWithLegacy),
                    );
                }
            }
        }
        if let Some(min) = ctx.prof.certificate_min_years {
            // kyokai: 「有効期間は4~5年」 — a certificate outside 4 to 5 years deserves a second look
            let shortest = prev_day(crate::dates::nth_birthday(f.issued, min));
            if f.expiry_from == ExpiryFrom::Record
                && f.basis != Basis::Temporary
                && f.expiry < shortest
            {
                out.warn(
                    WarningCode::CertificateValidityUnusual,
                    Some(RuleId::CertValidity),
                );
            }
        }
        let lost = c.lost_on.map(|l| later(l, f.issued));
        let via = Some(ctx.channel());
        // returned from the day of the cause until the certificate's own expiry (then it is disposed of)
        let return_until_expiry = |from, rule| {
            ob(
                Action::Return,
                Document::Certificate,
                idx,
                Actor::Member,
                via,
                Some(from),
                Some(f.expiry),
                true,
                rule,
            )
        };
        // an application for a reissued certificate from the day of the cause
        let reissue = |from, required, rule| {
            ob(
                Action::ApplyReissue,
                Document::Certificate,
                idx,
                Actor::Member,
                via,
                Some(from),
                None,
                required,
                rule,
            )
        };
        match f.causes.first() {
            Some((e, Cause::FaceChange, _)) => {
                // `cert.face-change`: 「記号・番号・氏名が変更になった場合、返却と再発行が必要です」 — return and reissue.
                out.duty_unless_lost(
                    ctx,
                    return_until_expiry(e, RuleId::CertFaceChange),
                    Some(Event::ReturnWindowOpens),
                    lost,
                );
                // the reissue is offered while coverage holds and no certificate issued on or after the change
                // is held already
                let reissued = ctx
                    .m
                    .certificates
                    .iter()
                    .any(|x| x.issued_on >= e && x.issued_on <= d);
                if ctx.covered(d) && !reissued {
                    // 「返却と再発行が必要です」: the seed makes no exception for MC holders
                    out.duty(ctx, reissue(e, true, RuleId::CertFaceChange), None);
                }
                dispose_after_expiry(ctx, out, &f, lost);
            }
            Some((e, Cause::CoverageLost, _)) => {
                // `cert.return`: 「資格を喪失した場合は勤務先担当課を経由して当健保組合に返納が必要です」 — returned
                // through the employer when coverage ends before it expires.
                out.duty_unless_lost(
                    ctx,
                    return_until_expiry(e, RuleId::CertReturn),
                    Some(Event::ReturnWindowOpens),
                    lost,
                );
                dispose_after_expiry(ctx, out, &f, lost);
            }
            Some((_, Cause::Expired, _)) => dispose_after_expiry(ctx, out, &f, lost),
            Some((e, Cause::Lost, _)) => {
                // `cert.lost`: 「再交付を希望する場合は健康保険組合に申請してください」 — reissued on application.
                out.duty(ctx, reissue(e, false, RuleId::CertLost), None);
            }
            _ => {}
        }
        if s.usable() {
            out.upcoming(
                f.expiry,
                Event::CertificateExpires,
                RuleId::CertValidity,
                doc,
                idx,
            );
            if mc_usable {
                // `cert.keep-after-mc`: 「「マイナ保険証」が準備出来た場合、「資格確認書」は期限が切れるまで保管してください」
                // — keep the certificate until it expires.
                let from = mc_valid_from.map(|m| later(m, f.issued)).or(Some(f.issued));
                let action = if ctx.prof.return_certificate_on_mc {
                    Action::Return
                } else {
                    Action::Keep
                };
                let via = if action == Action::Return { via } else { None };
                out.trace(
                    ctx,
                    RuleId::CertKeepAfterMc,
                    "keep_next_to_mc",
                    doc,
                    idx,
                    Some(f.expiry),
                    Some(Decision::KeepUnlessProfileSays),
                );
                out.duty(
                    ctx,
                    ob(
                        action,
                        Document::Certificate,
                        idx,
                        Actor::Member,
                        via,
                        from,
                        Some(f.expiry),
                        true,
                        RuleId::CertKeepAfterMc,
                    ),
                    None,
                );
            }
        } else if s.status == crate::assessment::Status::NotYetValid
            && s.code == ReasonCode::NotYetIssued
        {
            out.upcoming(
                f.issued,
                Event::DocumentStarts,
                RuleId::CertValidity,
                doc,
                idx,
            );
        }
        reissue_window(ctx, out, &f, &s, mc_usable);
    }
    bulk(ctx, out);
    certs
}

/// `cert.dispose`: 「有効期限切れになった「資格確認書」は廃棄してください。(返却不要です)」 — an expired certificate is
/// disposed of by the holder, with no return.
fn dispose_after_expiry(ctx: &Ctx, out: &mut Out, f: &Facts, lost: Option<NaiveDate>) {
    out.duty_unless_lost(
        ctx,
        ob(
            Action::Dispose,
            Document::Certificate,
            Some(f.index),
            Actor::Member,
            None,
            Some(next_day(f.expiry)),
            None,
            true,
            RuleId::CertDispose,
        ),
        Some(Event::DisposalStarts),
        lost,
    );
}

/// `cert.reissue-window`: 「2027年10月1日以降も「マイナ保険証」が準備できない場合は、2027年8月1日以降に再交付申請書を
/// 提出してください」 — a bulk holder still without MC files a reissue application from 2027-08-01. Judged on the
/// query date (decision): holds the bulk certificate, usable, and has no usable MC that day.
fn reissue_window(ctx: &Ctx, out: &mut Out, f: &Facts, s: &DocState, mc_usable: bool) {
    let Some(opens) = ctx.prof.reissue_window_opens else {
        return;
    };
    if f.basis != Basis::Bulk || !s.usable() || mc_usable || opens > f.expiry {
        return;
    }
    out.duty(
        ctx,
        ob(
            Action::ApplyReissue,
            Document::Certificate,
            Some(f.index),
            Actor::Member,
            Some(ctx.channel()),
            Some(opens),
            Some(f.expiry),
            true,
            RuleId::CertReissueWindow,
        ),
        Some(Event::ReissueWindowOpens),
    );
}

/// Whether a round reaches the member.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Target {
    /// The member receives a certificate.
    Yes,
    /// Not a target (not covered, enrolled too late, or holds what the round does not replace).
    No,
    /// An MC holder who receives the notice instead (kokuho, kouki).
    Notice,
    /// `cert.kouki-2026`: the usage test decides, and the record gives no usage.
    UsageUnknown,
}

/// Whether `round` targets the member: judged on its snapshot day (decision: "Bulk issuance targets hold no
/// usable MC and no valid SC on the snapshot day and are covered then"), and only when covered on the window's
/// first day too; a certificate valid beyond the window makes its holder no target (kouki's annual rounds:
/// last year's certificate, expiring with the window, does not count).
///
/// `cert.kouki-2026`: 「令和8年8月1日時点で85歳以上の被保険者の方については全員に資格確認書が、84歳以下の方については
/// マイナ保険証の保有状況に応じ、資格確認書または資格情報のお知らせが届きます」 — everyone 85 or over receives a
/// certificate; those 84 or under receive the notice only when they hold a usable MC and 「マイナ保険証を直近1年間に
/// 6回以上利用し、かつマイナ保険証を直近3ヵ月に一度でも利用した」 (used it 6 times in the last year and at least once in
/// the last 3 months); a certificate granted on application is renewed every year.
pub(crate) fn target(ctx: &Ctx, round: &BulkRound) -> Target {
    let s = round.snapshot;
    if !ctx.covered(s)
        || !ctx.covered(round.window_from)
        || round.enrolled_by.is_some_and(|e| ctx.cov.acquired > e)
    {
        return Target::No;
    }
    let held_past_round = ctx.m.certificates.iter().enumerate().any(|(i, c)| {
        facts(ctx, i, c)
            .is_some_and(|f| f.expiry > round.window_until && state(ctx, &f, s).usable())
    });
    if held_past_round {
        return Target::No;
    }
    let aged = match (round.all_from_age, round.age_on) {
        (Some(age), Some(on)) => crate::dates::age_on(ctx.m.birth_date, on) >= age,
        _ => false,
    };
    let applied = round.application_holders
        && ctx.m.certificates.iter().any(|c| {
            c.basis == Basis::Application
                && ctx
                    .prof
                    .mc_holders_may_apply_from
                    .is_some_and(|f| c.issued_on >= f)
                && c.issued_on <= round.window_until
        });
    if aged || applied {
        return Target::Yes;
    }
    let mc = ctx.mc_usable(s);
    let no_sc = || !any_usable(ctx, s);
    let yes = match round.targets {
        Targets::All => true,
        Targets::NoMc => !mc,
        Targets::NoMcNoSc => !mc && no_sc(),
    };
    if yes {
        return Target::Yes;
    }
    if !(mc && round.mc_holders_get_notice) {
        return Target::No;
    }
    match round.usage_test {
        None => Target::Notice,
        Some((min12, min3)) => match ctx.m.my_number_card.as_ref().and_then(|c| c.usage.as_ref()) {
            None => Target::UsageUnknown,
            Some(u) if u.last_12_months >= min12 && u.last_3_months >= min3 => Target::Notice,
            Some(_) => Target::Yes,
        },
    }
}

/// `cert.bulk-issuance`: automatic issuance without application — kenpo: 「2025年11月中に、「資格確認書」…を健保組合が
/// 一括発行します」 to members with neither MC nor SC on 2025-10-01, mailed per household, kept by the insurer for
/// members abroad; kyokai, kokuho, kouki by their public rules (see `rules/profiles/`).
fn bulk(ctx: &Ctx, out: &mut Out) {
    let d = out.on;
    for round in &ctx.prof.bulk {
        let t = target(ctx, round);
        let relevant = d <= next_day(round.window_until) || t == Target::Yes;
        if !relevant {
            continue;
        }
        if t == Target::UsageUnknown {
            // the answer depends on the usage the record does not give: say so, with both outcomes
            if d <= round.window_until {
                out.warn(WarningCode::UsageUnknown, Some(round.rule));
                out.trace(
                    ctx,
                    round.rule,
                    "depends_on_usage",
                    Some(Document::Certificate),
                    None,
                    Some(round.window_from),
                    None,
                );
            }
            continue;
        }
        if t != Target::Yes {
            if d <= round.window_until {
                // not a target (usable MC or SC on the snapshot day, not covered then or when the round issues,
                // enrolled too late, or a certificate valid beyond the round)
                out.trace(
                    ctx,
                    round.rule,
                    "not_target",
                    Some(Document::Certificate),
                    None,
                    Some(round.snapshot),
                    Some(Decision::BulkTargetOnSnapshot),
                );
            }
            if t == Target::Notice && d <= round.window_until {
                // `notice.issued-to`: MC holders receive a notice instead.
                out.trace(
                    ctx,
                    RuleId::NoticeIssuedTo,
                    "notice_instead_of_certificate",
                    Some(Document::Notice),
                    None,
                    Some(round.window_from),
                    None,
                );
            }
            continue;
        }
        let issued = ctx.m.certificates.iter().any(|c| {
            matches!(c.basis, Basis::Bulk | Basis::Automatic)
                && c.issued_on >= prev_day(round.snapshot)
                && c.issued_on <= next_day(round.window_until)
        });
        let outcome = if issued {
            "target_certificate_recorded"
        } else {
            "target"
        };
        if d <= round.window_until || !issued {
            out.trace(
                ctx,
                round.rule,
                outcome,
                Some(Document::Certificate),
                None,
                Some(round.window_from),
                Some(Decision::BulkTargetOnSnapshot),
            );
        }
        if round.planned && d <= round.window_until {
            out.warn(WarningCode::PlannedRule, Some(round.rule));
        }
        if issued {
            continue;
        }
        if d > round.window_until {
            out.warn(WarningCode::BulkCertificateNotRecorded, Some(round.rule));
            continue;
        }
        if d >= round.window_from && !ctx.covered(d) {
            // left during the window: no certificate is issued to a member no longer covered (and the same
            // answer tells them to return their card)
            continue;
        }
        let delivery = if ctx.m.abroad && round.abroad_held_by_insurer {
            Delivery::HeldByInsurer
        } else {
            round.delivery
        };
        let mut o = ob(
            Action::IssueCertificate,
            Document::Certificate,
            None,
            Actor::Insurer,
            None,
            Some(round.window_from),
            Some(round.window_until),
            true,
            round.rule,
        );
        o.delivery = Some(delivery);
        out.duty(ctx, o, Some(Event::BulkIssuance));
    }
}

/// `cert.required`: a covered member without a usable MC needs a certificate once the legacy card is unusable —
/// 「マイナンバーカードを保有していない、マイナンバーカードを保有しているが保険証利用登録をされない場合、「マイナ保険証」の
/// 代わりに「資格確認書」を医療機関窓口に提示することで受診が可能です」 (seed 000 §7). Also `cert.on-application` and
/// `mnc.cancellation`.
pub(crate) fn needs(
    ctx: &Ctx,
    out: &mut Out,
    lc: &Option<DocState>,
    mc: &Option<(crate::mnc::Facts, DocState)>,
    certs: &Certs,
) {
    let d = out.on;
    let covered = ctx.covered(d);
    let mc_state = mc.as_ref().map(|(_, s)| *s);
    let mc_usable = mc_state.is_some_and(|s| s.usable());
    let lc_usable = lc.is_some_and(|s| s.usable());
    let sc_usable = certs.any_usable;
    // no certificate exists before the issuance stop, and none is needed (a lost or changed card is reissued)
    let stop = ctx.nat.legacy_issuance_stop;
    let needed = covered && d >= stop && !mc_usable && !sc_usable && !lc_usable;
    let reason = mc_state.map_or(NeedReason::NoCard, |s| match s.code {
        ReasonCode::Lost => NeedReason::CardLost,
        ReasonCode::Expired => NeedReason::CardExpired,
        ReasonCode::Cancelled => NeedReason::RegistrationCancelled,
        ReasonCode::ECertPastGrace => NeedReason::ECertPastGrace,
        ReasonCode::NotRegistered => NeedReason::NotRegistered,
        ReasonCode::NumberNotOnFile => NeedReason::NumberNotOnFile,
        _ => NeedReason::NoCard,
    });
    if !needed {
        out.a.needs_certificate.reason = None;
        out.trace(
            ctx,
            RuleId::CertRequired,
            if !covered {
                "not_covered"
            } else if d < stop {
                "no_certificate_before_issuance_stop"
            } else {
                "not_needed"
            },
            Some(Document::Certificate),
            None,
            None,
            None,
        );
        on_application(ctx, out, lc, mc_usable, certs);
        return;
    }
    // the need began when the last usable document stopped being usable, or at coverage start (never before
    // the issuance stop)
    let mut from = later(ctx.cov.acquired, stop);
    for s in [lc.as_ref(), mc_state.as_ref()]
        .into_iter()
        .flatten()
        .chain(certs.iter().map(|(_, s)| s))
    {
        if let Some(u) = s.unusable_since() {
            from = from.max(u);
        }
    }
    out.a.needs_certificate.needed = true;
    out.a.needs_certificate.reason = Some(reason);
    out.a.needs_certificate.from = Some(from);
    out.trace(
        ctx,
        RuleId::CertRequired,
        "needed",
        Some(Document::Certificate),
        None,
        Some(from),
        None,
    );
    if out
        .a
        .obligations
        .iter()
        .any(|o| o.action == Action::IssueCertificate)
    {
        // the insurer issues one without application in a window containing the day: not also "apply"
        return;
    }
    // the registration was cancelled (by the member, or at the end of the e-certificate grace) on or before the
    // day: the insurer's issuance stands even if the card was later lost or expired
    let cancelled_by = |c: Cause| mc.as_ref().is_some_and(|(f, _)| f.causes.has_by(c, d));
    let issuer_rule =
        if reason == NeedReason::RegistrationCancelled || cancelled_by(Cause::Cancelled) {
            Some(RuleId::MncCancellation)
        } else if reason == NeedReason::ECertPastGrace || cancelled_by(Cause::ECertPastGrace) {
            Some(RuleId::MncECertGrace)
        } else {
            None
        };
    if let Some(rule) = issuer_rule {
        // `mnc.cancellation`: 「解除申請後に有効な健康保険証または資格確認書がない場合は、資格確認書が交付されます」 — the
        // insurer issues a certificate to a member left without a usable card or certificate; so it does when the
        // e-certificate grace ends and the registration is cancelled (「電子証明書の期限切れや利用登録解除をした方…
        // 資格確認書が無償で交付されます」).
        // from the day the member was left without a usable card or certificate, not the cancellation itself
        let mut o = ob(
            Action::IssueCertificate,
            Document::Certificate,
            None,
            Actor::Insurer,
            None,
            Some(from),
            None,
            true,
            rule,
        );
        o.delivery = Some(Delivery::Mail);
        out.duty(ctx, o, None);
    } else {
        out.duty(
            ctx,
            ob(
                Action::ApplyCertificate,
                Document::Certificate,
                None,
                Actor::Member,
                Some(ctx.channel()),
                Some(from),
                None,
                true,
                RuleId::CertRequired,
            ),
            None,
        );
    }
}

/// `cert.on-application`: 「医療機関を受診の際に第三者(介助者など)のサポートを必要とする方などのために健康保険組合が発行
/// します」 and 「必要な方には申請により発行することもできます」 — members needing assistance, and members without MC, may
/// apply at any time; but a kenpo member holding a usable legacy card is refused (`cert.not-with-legacy`).
fn on_application(ctx: &Ctx, out: &mut Out, lc: &Option<DocState>, mc_usable: bool, certs: &Certs) {
    let d = out.on;
    if !ctx.covered(d)
        || d < ctx.nat.legacy_issuance_stop
        || out
            .a
            .obligations
            .iter()
            .any(|o| o.action == Action::IssueCertificate)
    {
        return;
    }
    // `cert.kouki-2026`: 「申請された場合は、令和9年8月以降も資格確認書をお送りします」 — a kouki MC holder may apply
    // (from 2025-12-18), and a certificate granted on application is renewed every year: the application is about
    // the coming rounds, so it is offered beside this year's certificate, until the member has applied
    let kouki_option = ctx.prof.mc_holders_may_apply_from.filter(|f| {
        *f <= d
            && mc_usable
            && !ctx
                .m
                .certificates
                .iter()
                .any(|c| c.basis == Basis::Application && c.issued_on >= *f && c.issued_on <= d)
    });
    let held = certs.any_usable
        || certs
            .iter()
            .any(|(_, s)| s.status == crate::assessment::Status::NotYetValid);
    if kouki_option.is_none() && (held || (!ctx.m.needs_assistance && mc_usable)) {
        return;
    }
    let (from, rule) = match kouki_option {
        Some(f) => (later(ctx.cov.acquired, f), RuleId::CertKouki2026),
        _ => (
            later(ctx.cov.acquired, ctx.nat.legacy_issuance_stop),
            RuleId::CertOnApplication,
        ),
    };
    let lc_usable = lc.is_some_and(|s| s.usable());
    if lc_usable && !ctx.prof.certificate_while_legacy_usable {
        out.trace(
            ctx,
            RuleId::CertNotWithLegacy,
            "refused_while_legacy_usable",
            Some(Document::Certificate),
            None,
            lc.and_then(|s| s.valid_through),
            None,
        );
        return;
    }
    let via: Option<Via> = Some(ctx.channel());
    out.duty(
        ctx,
        ob(
            Action::ApplyCertificate,
            Document::Certificate,
            None,
            Actor::Member,
            via,
            Some(from),
            None,
            false,
            rule,
        ),
        None,
    );
}
