//! Care at the counter (`care.*`): what to show to get insured care today, the fallbacks when the online
//! check fails, the elderly certificate at 70–74, and the first visit after a change.

use std::borrow::Cow;

use chrono::NaiveDate;

use crate::assessment::{
    Action, Actor, Decision, Document, Event, OptionSet, ReasonCode, Status, WarningCode,
};
use crate::cert::Certs;
use crate::dates::prev_day;
use crate::engine::{ob, Ctx, DocState, Out};
use crate::rules::RuleId;

use Document::*;

const MC: &[Document] = &[MyNumberCard];
const SC: &[Document] = &[Certificate];
const SC_ELDERLY: &[Document] = &[Certificate, ElderlyCertificate];
const LC: &[Document] = &[LegacyCard];
const LC_ELDERLY: &[Document] = &[LegacyCard, ElderlyCertificate];
const MC_NOTICE: &[Document] = &[MyNumberCard, Notice];
const MC_PORTAL: &[Document] = &[MyNumberCard, PortalRecord];
const MC_ORAL: &[Document] = &[MyNumberCard, OralConfirmation];
const MC_DECLARATION: &[Document] = &[MyNumberCard, SelfDeclaration];
const NOTICE: &[Document] = &[Notice];

/// The elderly certificate's state on `d`: from its issue day (or the 70th birthday) through its expiry, while
/// coverage holds.
pub(crate) fn elderly_state(ctx: &Ctx, d: NaiveDate) -> Option<DocState> {
    let e = ctx.m.elderly_certificate.as_ref()?;
    let mut causes = crate::engine::Causes::new(e.issued_on);
    causes.push(
        ctx.cov.lost,
        crate::engine::Cause::CoverageLost,
        RuleId::CoveragePeriod,
    );
    causes.push(
        e.expires_on.map(crate::dates::next_day),
        crate::engine::Cause::Expired,
        RuleId::CareElderlyCertificate,
    );
    let from = e.issued_on.max(ctx.cov.acquired).max(ctx.cov.elderly_from);
    let mut s = crate::engine::evaluate(
        d,
        e.issued_on,
        from,
        &causes,
        RuleId::CareElderlyCertificate,
    );
    if s.status == Status::NotYetValid
        && s.code == ReasonCode::CoverageNotStarted
        && d >= ctx.cov.acquired
    {
        s.code = ReasonCode::AgeNotReached;
        s.rule = RuleId::CareElderlyCertificate;
    }
    Some(s)
}

fn push(list: &mut Vec<OptionSet>, set: &'static [Document]) {
    if !list.iter().any(|s| s.as_ref() == set) {
        list.push(Cow::Borrowed(set));
    }
}

pub(crate) fn assess(
    ctx: &Ctx,
    out: &mut Out,
    lc: &Option<DocState>,
    mc: &Option<(crate::mnc::Facts, DocState)>,
    certs: &Certs,
) {
    let d = out.on;
    let covered = ctx.covered(d);
    let mc_usable = mc.as_ref().is_some_and(|(_, s)| s.usable());
    let lc_usable = lc.is_some_and(|s| s.usable());
    let sc_usable = certs.any_usable;
    let elderly = elderly_state(ctx, d);
    if let Some(s) = &elderly {
        out.doc(ctx, ElderlyCertificate, None, s, None);
        if s.usable() {
            if let Some(e) = ctx
                .m
                .elderly_certificate
                .as_ref()
                .and_then(|e| e.expires_on)
            {
                out.upcoming(
                    e,
                    Event::ElderlyCertificateExpires,
                    RuleId::CareElderlyCertificate,
                    Some(ElderlyCertificate),
                    None,
                );
            }
        }
    }
    if !covered {
        return;
    }
    if mc_usable {
        // `care.mc`: a usable MC is enough — 「顔認証による本人確認を行います。…4桁の暗証番号を入力して本人確認を行うことも
        // できます」 (face recognition or the 4-digit PIN at the card reader).
        push(&mut out.a.care.options, MC);
        out.trace(
            ctx,
            RuleId::CareMc,
            "mc_enough",
            Some(MyNumberCard),
            None,
            None,
            None,
        );
        // `care.online-check-fallback`: 「マイナ保険証を窓口に提示した上で、次の方法により保険診療を受けることができます」 —
        // with MC shown: the notice, the portal record (screen or PDF), oral confirmation, or a self-declaration.
        let f = &mut out.a.care.if_online_check_fails;
        let notice_ok = ctx
            .m
            .notice
            .as_ref()
            .is_some_and(|n| n.issued_on <= d && n.lost_on.is_none_or(|l| l > d));
        if notice_ok {
            push(f, MC_NOTICE);
        }
        push(f, MC_PORTAL);
        push(f, MC_ORAL);
        push(f, MC_DECLARATION);
        out.trace(
            ctx,
            RuleId::CareOnlineCheckFallback,
            "fallbacks_listed",
            Some(MyNumberCard),
            None,
            None,
            None,
        );
        // `care.first-visit-after-change`: 「資格情報の変更後に初めてマイナ保険証で受診する場合は、事前にマイナポータルの
        // 「医療保険の資格情報」に変更後の資格情報が表示されていることを確認した上で受診することをお勧めします」.
        if let Some(fc) = ctx
            .m
            .face_changes
            .iter()
            .filter(|f| f.on <= d)
            .max_by_key(|f| f.on)
        {
            out.duty(
                ctx,
                ob(
                    Action::CheckPortal,
                    PortalRecord,
                    None,
                    Actor::Member,
                    None,
                    Some(fc.on),
                    None,
                    false,
                    RuleId::CareFirstVisitAfterChange,
                ),
                None,
            );
        }
    }
    // `care.elderly-certificate`: 「保険証または資格確認書で医療機関を受診する場合は、高齢受給者証も一緒に窓口へ提示して
    // ください。マイナ保険証をご利用の場合は提示不要です。」 — aged 70–74, shown with an LC or SC, not with MC.
    // from the day the elderly certificate takes effect (not the birthday itself) to the day before the 75th
    // birthday; never for kouki members, who hold none
    let in_70s = ctx.prof.holds_elderly_certificate && d >= ctx.cov.elderly_from && d < ctx.cov.b75;
    let elderly_ok = elderly.is_some_and(|s| s.usable());
    let need_elderly_lc = in_70s;
    let need_elderly_sc = in_70s && !ctx.prof.elderly_ratio_on_certificate;
    if sc_usable {
        // `care.certificate`: 「「資格確認書」を医療機関窓口に提示することで受診が可能です」.
        push(
            &mut out.a.care.options,
            if need_elderly_sc && elderly_ok {
                SC_ELDERLY
            } else {
                SC
            },
        );
        out.trace(
            ctx,
            RuleId::CareCertificate,
            "certificate_enough",
            Some(Certificate),
            None,
            None,
            None,
        );
    }
    if lc_usable {
        // `care.certificate` / `legacy.transition-end`: through 2025-12-01 a usable LC is shown like a certificate.
        push(
            &mut out.a.care.options,
            if need_elderly_lc && elderly_ok {
                LC_ELDERLY
            } else {
                LC
            },
        );
        out.trace(
            ctx,
            RuleId::CareCertificate,
            "legacy_card_enough",
            Some(LegacyCard),
            None,
            None,
            None,
        );
    }
    let paper = (sc_usable && need_elderly_sc) || (lc_usable && need_elderly_lc);
    if paper {
        if !elderly_ok {
            // Decision: a 70–74 member without a recorded elderly certificate gets the LC/SC option alone plus a warning.
            out.warn(
                WarningCode::ElderlyCertificateMissing,
                Some(RuleId::CareElderlyCertificate),
            );
            out.trace(
                ctx,
                RuleId::CareElderlyCertificate,
                "elderly_certificate_missing",
                Some(ElderlyCertificate),
                None,
                None,
                Some(Decision::ElderlyWithoutCertificate),
            );
        }
        out.duty(
            ctx,
            ob(
                Action::ShowElderlyCertificate,
                ElderlyCertificate,
                None,
                Actor::Member,
                None,
                Some(ctx.cov.elderly_from),
                Some(prev_day(ctx.cov.b75)),
                true,
                RuleId::CareElderlyCertificate,
            ),
            None,
        );
    }
    // `notice.not-alone` exception: under `legacy.provisional-acceptance` a provider may accept a notice shown alone.
    if let Some(n) = ctx.m.notice.as_ref() {
        let (from, until) = (
            ctx.prof.provisional_acceptance_from,
            ctx.prof.provisional_acceptance_until,
        );
        let held = n.issued_on <= d && n.lost_on.is_none_or(|l| l > d);
        if d > until && held {
            // shown alone it would be acceptable but for the end of the measure (a revised date)
            out.trace(
                ctx,
                RuleId::LegacyProvisionalAcceptance,
                "provisional_acceptance_over",
                Some(Notice),
                None,
                Some(until),
                None,
            );
        }
        if from <= d && d <= until && held {
            push(&mut out.a.care.provisional, NOTICE);
            // Decision: no source takes the notice shown alone out of the measure when it was extended.
            out.trace(
                ctx,
                RuleId::LegacyProvisionalAcceptance,
                "provider_may_accept_notice_alone",
                Some(Notice),
                None,
                Some(until),
                Some(Decision::NoticeAloneWithinMeasure),
            );
            out.upcoming(
                until,
                Event::ProvisionalAcceptanceEnds,
                RuleId::LegacyProvisionalAcceptance,
                Some(Notice),
                None,
            );
        }
    }
    if out.a.care.options.is_empty() && !out.a.care.provisional.is_empty() {
        // the member relies on a provider's discretion
        out.warn(
            WarningCode::ProvisionalIsDiscretionary,
            Some(RuleId::LegacyProvisionalAcceptance),
        );
    }
    crate::mnc::number_duty(ctx, out);
}

/// `care.full-payment`: 「原則は医療費全額を窓口で支払わなければなりません…後日、療養費を申請する」 — a covered member
/// with nothing usable at the counter pays the full cost and claims the insurer's share back as 療養費 with the
/// receipt.
pub(crate) fn full_payment(ctx: &Ctx, out: &mut Out) {
    if !out.a.covered || !out.a.care.options.is_empty() {
        return;
    }
    out.a.care.full_payment = Some(crate::assessment::FullPayment {
        rule: RuleId::CareFullPayment,
        en: None,
        ja: None,
    });
    out.trace(
        ctx,
        RuleId::CareFullPayment,
        "pay_in_full_and_claim",
        None,
        None,
        None,
        None,
    );
}
