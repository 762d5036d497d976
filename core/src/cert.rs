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

/// Up to eight certificates' facts and states, on the stack.
pub(crate) struct Certs {
    pub list: [(Option<Facts>, Option<DocState>); 8],
    pub n: usize,
    /// More certificates than fit here (the rest are still assessed, but not kept for `care`).
    pub any_usable: bool,
}

impl Certs {
    pub fn iter(&self) -> impl Iterator<Item = (&Facts, &DocState)> {
        self.list[..self.n]
            .iter()
            .filter_map(|(f, s)| Some((f.as_ref()?, s.as_ref()?)))
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
        list: [(None, None); 8],
        n: 0,
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
        if certs.n < certs.list.len() {
            certs.list[certs.n] = (Some(f), Some(s));
            certs.n += 1;
        }
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
        match f.causes.first() {
            Some((e, Cause::FaceChange, _)) => {
                // `cert.face-change`: 「記号・番号・氏名が変更になった場合、返却と再発行が必要です」 — return and reissue.
                out.duty(
                    ctx,
                    return_until_expiry(e, RuleId::CertFaceChange),
                    Some(Event::ReturnWindowOpens),
                );
                out.duty(
                    ctx,
                    ob(
                        Action::ApplyReissue,
                        Document::Certificate,
                        idx,
                        Actor::Member,
                        via,
                        Some(e),
                        None,
                        // 「返却と再発行が必要です」: the seed makes no exception for MC holders
                        true,
                        RuleId::CertFaceChange,
                    ),
                    None,
                );
                dispose_after_expiry(ctx, out, &f);
            }
            Some((e, Cause::CoverageLost, _)) => {
                // `cert.return`: 「資格を喪失した場合は勤務先担当課を経由して当健保組合に返納が必要です」 — returned
                // through the employer when coverage ends before it expires.
                out.duty(
                    ctx,
                    return_until_expiry(e, RuleId::CertReturn),
                    Some(Event::ReturnWindowOpens),
                );
                dispose_after_expiry(ctx, out, &f);
            }
            Some((_, Cause::Expired, _)) => dispose_after_expiry(ctx, out, &f),
            Some((e, Cause::Lost, _)) => {
                // `cert.lost`: 「再交付を希望する場合は健康保険組合に申請してください」 — reissued on application.
                out.duty(
                    ctx,
                    ob(
                        Action::ApplyReissue,
                        Document::Certificate,
                        idx,
                        Actor::Member,
                        via,
                        Some(e),
                        None,
                        false,
                        RuleId::CertLost,
                    ),
                    None,
                );
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
fn dispose_after_expiry(ctx: &Ctx, out: &mut Out, f: &Facts) {
    if f.causes.first().is_some_and(|(_, c, _)| c == Cause::Lost) {
        return;
    }
    out.duty(
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

/// Whether `round` targets the member: judged on its snapshot day (decision: "Bulk issuance targets hold no
/// usable MC and no valid SC on the snapshot day and are covered then").
pub(crate) fn is_target(ctx: &Ctx, round: &BulkRound) -> bool {
    let s = round.snapshot;
    if !ctx.covered(s) || round.enrolled_by.is_some_and(|e| ctx.cov.acquired > e) {
        return false;
    }
    match round.targets {
        Targets::All => true,
        Targets::NoMc => !ctx.mc_usable(s),
        Targets::NoMcNoSc => !ctx.mc_usable(s) && !any_usable(ctx, s),
    }
}

/// `cert.bulk-issuance`: automatic issuance without application — kenpo: 「2025年11月中に、「資格確認書」…を健保組合が
/// 一括発行します」 to members with neither MC nor SC on 2025-10-01, mailed per household, kept by the insurer for
/// members abroad; kyokai, kokuho, kouki by their public rules (see `rules/profiles/`).
fn bulk(ctx: &Ctx, out: &mut Out) {
    let d = out.on;
    for round in &ctx.prof.bulk {
        let target = is_target(ctx, round);
        let relevant = d <= next_day(round.window_until) || target;
        if !relevant {
            continue;
        }
        if !target {
            if d <= round.window_until {
                // not a target on the snapshot day (usable MC or SC, not covered, or enrolled too late)
                out.trace(
                    ctx,
                    RuleId::CertBulkIssuance,
                    "not_target",
                    Some(Document::Certificate),
                    None,
                    Some(round.snapshot),
                    Some(Decision::BulkTargetOnSnapshot),
                );
            }
            if round.mc_holders_get_notice
                && ctx.covered(round.snapshot)
                && ctx.mc_usable(round.snapshot)
                && d <= round.window_until
            {
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
                RuleId::CertBulkIssuance,
                outcome,
                Some(Document::Certificate),
                None,
                Some(round.window_from),
                Some(Decision::BulkTargetOnSnapshot),
            );
        }
        if round.planned && d <= round.window_until {
            out.warn(WarningCode::PlannedRule, Some(RuleId::CertBulkIssuance));
        }
        if issued {
            continue;
        }
        if d > round.window_until {
            out.warn(
                WarningCode::BulkCertificateNotRecorded,
                Some(RuleId::CertBulkIssuance),
            );
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
            RuleId::CertBulkIssuance,
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
    let needed = covered && !mc_usable && !sc_usable && !lc_usable;
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
            if covered { "not_needed" } else { "not_covered" },
            Some(Document::Certificate),
            None,
            None,
            None,
        );
        on_application(ctx, out, lc, mc_usable, certs);
        return;
    }
    // the need began when the last usable document stopped being usable, or at coverage start
    let mut from = ctx.cov.acquired;
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
    if reason == NeedReason::RegistrationCancelled {
        // `mnc.cancellation`: 「解除申請後に有効な健康保険証または資格確認書がない場合は、資格確認書が交付されます」 — the
        // insurer issues a certificate to a member left without a usable card or certificate.
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
            RuleId::MncCancellation,
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
        || certs.any_usable
        || certs
            .iter()
            .any(|(_, s)| s.status == crate::assessment::Status::NotYetValid)
    {
        return;
    }
    if !ctx.m.needs_assistance && mc_usable {
        return;
    }
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
            Some(ctx.cov.acquired),
            None,
            false,
            RuleId::CertOnApplication,
        ),
        None,
    );
}
