//! The My Number card and its use as a health insurance card (`mnc.*`).

use chrono::NaiveDate;

use crate::assessment::{
    Action, Actor, Decision, Document, Event, ReasonCode, Status, WarningCode,
};
use crate::dates::{add_days, add_months, kth_birthday_after, month_end, next_day, sub_months};
use crate::engine::{evaluate, later, ob, Cause, Causes, Ctx, DocState, Out};
use crate::model::{Member, MyNumberCard};
use crate::rules::RuleId;
use crate::ruleset::{National, Profile, Via};

/// Facts of the held card.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Facts {
    pub issued: NaiveDate,
    pub card_expiry: NaiveDate,
    pub card_expiry_derived: bool,
    pub e_cert_expiry: NaiveDate,
    pub e_cert_derived: bool,
    /// The last day MC works for eligibility checks after the e-certificate expired.
    pub grace_end: NaiveDate,
    /// The day the insurance-use registration counts from.
    pub registered_from: Option<NaiveDate>,
    pub registered_before_issue: bool,
    /// A cancellation recorded before the registration (a re-registration followed it).
    pub re_registered: bool,
    /// The day the insurer's data registration of the number counts from.
    pub number_from: Option<NaiveDate>,
    pub number_from_derived: bool,
    /// The number is held through the resident register (kokuho, kouki) and the record says nothing of it.
    pub number_from_register: bool,
    /// The day the card was lost (from its issue day at the earliest).
    pub lost: Option<NaiveDate>,
    pub causes: Causes,
}

/// `mnc.card-validity`: the 10th birthday after issuance, the 5th when the holder was under 18 at issuance (under
/// 20 for cards issued before 2022-04-01). Seed 001 says 「カード自体の有効期限は10年(18歳未満の未成年者は5年)」 (10 years,
/// 5 under 18); the public birthday rule (city.nakano.nagano.jp) wins.
pub(crate) fn derived_card_expiry(
    nat: &National,
    birth: NaiveDate,
    issued: NaiveDate,
) -> NaiveDate {
    let minor_age = if issued < nat.card_majority_reform_on {
        nat.card_minor_age_before_reform
    } else {
        nat.card_minor_age
    };
    let years = if crate::dates::age_on(birth, issued) < minor_age {
        nat.card_years_minor
    } else {
        nat.card_years
    };
    kth_birthday_after(birth, issued, years)
}

/// Derives the card's facts.
///
/// `mnc.e-cert-validity`: 「カードに格納されている電子証明書の有効期限は5年です」 — the e-certificate runs to the 5th
/// birthday after issuance, never past the card. `mnc.e-cert-grace`: after it expires, MC still works for
/// eligibility checks through the last day of the 3rd month after the month of expiry (kyoukaikenpo.or.jp,
/// 2025-07-16), while the card itself is unexpired.
pub(crate) fn facts(
    nat: &National,
    prof: &Profile,
    m: &Member,
    cov: &crate::coverage::Facts,
    c: &MyNumberCard,
) -> Facts {
    let (card_expiry, card_expiry_derived) = match c.expires_on {
        Some(e) => (e, false),
        None => (derived_card_expiry(nat, m.birth_date, c.issued_on), true),
    };
    let (e_cert_expiry, e_cert_derived) = match c.e_cert_expires_on {
        Some(e) => (e, false),
        None => (
            kth_birthday_after(m.birth_date, c.issued_on, nat.e_cert_years).min(card_expiry),
            true,
        ),
    };
    let grace_end = if prof.e_cert_grace_months == 0 {
        e_cert_expiry
    } else {
        month_end(add_months(e_cert_expiry, prof.e_cert_grace_months))
    }
    .min(card_expiry);
    let registered_from = c.registered_on.map(|r| later(r, c.issued_on));
    let re_registered = matches!((c.cancelled_on, c.registered_on), (Some(x), Some(r)) if x < r);
    let cancelled = c.cancelled_on.filter(|_| !re_registered);
    let (number_from, number_from_derived) = match &m.number_on_file {
        Some(n) => match n.registered_on {
            Some(r) => (Some(r), false),
            None => (
                Some(add_days(
                    n.received_on,
                    i64::from(prof.number_registration_days),
                )),
                true,
            ),
        },
        // kokuho and kouki hold the number through the resident register: from coverage start
        None if prof.number_via_resident_register => (Some(cov.acquired), false),
        None => (None, false),
    };
    let mut causes = Causes::new(c.issued_on);
    causes.push(c.lost_on, Cause::Lost, RuleId::MncLost);
    causes.push(cov.lost, Cause::CoverageLost, RuleId::CoveragePeriod);
    causes.push(cancelled, Cause::Cancelled, RuleId::MncCancellation);
    causes.push(
        Some(next_day(card_expiry)),
        Cause::Expired,
        RuleId::MncCardValidity,
    );
    if grace_end < card_expiry {
        causes.push(
            Some(next_day(grace_end)),
            Cause::ECertPastGrace,
            RuleId::MncECertGrace,
        );
    }
    Facts {
        issued: c.issued_on,
        card_expiry,
        card_expiry_derived,
        e_cert_expiry,
        e_cert_derived,
        grace_end,
        registered_from,
        registered_before_issue: c.registered_on.is_some_and(|r| r < c.issued_on),
        re_registered,
        number_from,
        number_from_derived,
        number_from_register: m.number_on_file.is_none() && prof.number_via_resident_register,
        lost: c.lost_on.map(|l| later(l, c.issued_on)),
        causes,
    }
}

/// `mnc.usable`: 「マイナ保険証を利用するには、被保険者が…個人番号を届け出ていることと、…保険証の利用登録を完了していることが
/// 必要です」 — MC needs the number on file with the insurer and the insurance-use registration; and the card unexpired,
/// the e-certificate valid or in grace, and coverage.
pub(crate) fn state(ctx: &Ctx, f: &Facts, d: NaiveDate) -> DocState {
    let mut usable_from = later(f.issued, ctx.cov.acquired);
    if let Some(r) = f.registered_from {
        usable_from = later(usable_from, r);
    }
    if let Some(n) = f.number_from {
        usable_from = later(usable_from, n);
    }
    let mut s = evaluate(
        d,
        f.issued,
        later(f.issued, ctx.cov.acquired),
        &f.causes,
        RuleId::MncUsable,
    );
    // valid_from counts registration and number too (when both are known)
    s.valid_from = match (f.registered_from, f.number_from, s.valid_from) {
        (Some(_), Some(_), Some(_)) if f.causes.first().is_none_or(|(c, _, _)| usable_from < c) => {
            Some(usable_from)
        }
        _ => None,
    };
    if s.valid_from.is_none() {
        s.valid_through = None;
    }
    // `mnc.lost`: a lost card is not held, whatever happened to it before (expiry, cancellation, end of grace)
    if let Some(l) = f.lost.filter(|l| *l <= d) {
        if s.code != ReasonCode::Lost {
            return DocState {
                status: Status::Invalidated,
                code: ReasonCode::Lost,
                rule: RuleId::MncLost,
                ended: Some((l, Cause::Lost)),
                ..s
            };
        }
    }
    if s.status != Status::Valid {
        return s;
    }
    // `mnc.registration`: 「利用登録は一度行えば更新不要です」 — registration, once, no renewal.
    if f.registered_from.is_none_or(|r| d < r) {
        return DocState {
            status: Status::Unusable,
            code: ReasonCode::NotRegistered,
            rule: RuleId::MncRegistration,
            ..s
        };
    }
    // `mnc.number-on-file`: 「データ登録が完了するまではマイナ保険証を利用することができません」 — not before the
    // insurer's data registration (in principle within 5 days of complete forms).
    if f.number_from.is_none_or(|n| d < n) {
        return DocState {
            status: Status::Unusable,
            code: ReasonCode::NumberNotOnFile,
            rule: RuleId::MncNumberOnFile,
            ..s
        };
    }
    if d > f.e_cert_expiry {
        return DocState {
            status: Status::InGrace,
            code: ReasonCode::InGrace,
            rule: RuleId::MncECertGrace,
            ..s
        };
    }
    s
}

/// Assesses the card; returns its facts and state (None when not held).
pub(crate) fn assess(ctx: &Ctx, out: &mut Out) -> Option<(Facts, DocState)> {
    let f = *ctx.mnc.as_ref()?;
    let d = out.on;
    let s = state(ctx, &f, d);
    let doc = Some(Document::MyNumberCard);
    if f.card_expiry_derived {
        out.trace(
            ctx,
            RuleId::MncCardValidity,
            "card_expiry_derived",
            doc,
            None,
            Some(f.card_expiry),
            Some(Decision::BirthdayCount),
        );
    }
    if f.e_cert_derived {
        out.trace(
            ctx,
            RuleId::MncECertValidity,
            "e_cert_expiry_derived",
            doc,
            None,
            Some(f.e_cert_expiry),
            Some(Decision::ECertWithinCard),
        );
    }
    if f.registered_before_issue {
        out.trace(
            ctx,
            RuleId::MncRegistration,
            "registration_counts_from_card_issue",
            doc,
            None,
            f.registered_from,
            Some(Decision::RegistrationFromCardIssue),
        );
    }
    if f.re_registered {
        out.trace(
            ctx,
            RuleId::MncCancellation,
            "re_registered_after_cancellation",
            doc,
            None,
            f.registered_from,
            Some(Decision::ReRegistration),
        );
    }
    if f.number_from_derived
        && f.number_from
            .is_some_and(|n| n > d || s.code == ReasonCode::Valid)
    {
        out.trace(
            ctx,
            RuleId::MncNumberOnFile,
            "number_registration_assumed",
            doc,
            None,
            f.number_from,
            Some(Decision::NumberRegistrationDelay),
        );
    }
    if f.number_from_register {
        // kokuho and kouki hold the number through the resident register (「加入届出は不要です」)
        out.trace(
            ctx,
            RuleId::MncNumberOnFile,
            "number_via_resident_register",
            doc,
            None,
            f.number_from,
            Some(Decision::NumberViaResidentRegister),
        );
    }
    out.doc(ctx, Document::MyNumberCard, None, &s, None);

    let covered = ctx.covered(d);
    let lost = matches!(s.ended, Some((_, Cause::Lost)));
    let gone = matches!(s.ended, Some((_, Cause::Lost | Cause::Expired)));
    if lost {
        // `mnc.lost`: 「紛失、盗難等の場合はすぐにマイナンバー総合フリーダイヤルに連絡して、マイナンバーカードの機能停止の
        // 手続きを行ってください」 — suspend at once through the hotline (24 h, every day), then reissue at the municipality.
        let lost_on = s.ended.map(|e| e.0);
        out.duty(
            ctx,
            ob(
                Action::SuspendCard,
                Document::MyNumberCard,
                None,
                Actor::Member,
                Some(Via::Hotline),
                lost_on,
                None,
                true,
                RuleId::MncLost,
            ),
            None,
        );
        out.duty(
            ctx,
            ob(
                Action::ApplyReissue,
                Document::MyNumberCard,
                None,
                Actor::Member,
                Some(Via::Municipality),
                lost_on,
                None,
                false,
                RuleId::MncLost,
            ),
            None,
        );
    }
    if covered && !gone {
        let not_registered = s.code == ReasonCode::NotRegistered;
        let past_grace = s.code == ReasonCode::ECertPastGrace;
        if not_registered || past_grace {
            // `mnc.registration` / `mnc.e-cert-grace`: past grace, renewing needs a new registration.
            let from = if past_grace {
                Some(next_day(f.grace_end))
            } else {
                Some(later(f.issued, ctx.cov.acquired))
            };
            out.duty(
                ctx,
                ob(
                    Action::RegisterInsuranceUse,
                    Document::MyNumberCard,
                    None,
                    Actor::Member,
                    None,
                    from,
                    Some(f.card_expiry),
                    false,
                    RuleId::MncRegistration,
                ),
                None,
            );
        }
        if f.e_cert_expiry < f.card_expiry && s.code != ReasonCode::Cancelled {
            // `mnc.renewal`: 「電子証明書の有効期限の2~3ヵ月前をめどに有効期限通知書が送付されますので…市区町村の窓口で
            // 更新手続を行ってください。更新手数料は無料です。」 — renewal from 3 months before, free, at the municipality.
            // Renewed within the grace, the registration is kept: the window that matters for MC use ends with the
            // grace (renew by its last day to keep using the card); after it, renewal goes with a new registration.
            let opens = sub_months(f.e_cert_expiry, ctx.nat.renewal_months_before);
            let until = if d <= f.grace_end {
                f.grace_end
            } else {
                f.card_expiry
            };
            out.duty(
                ctx,
                ob(
                    Action::RenewECert,
                    Document::MyNumberCard,
                    None,
                    Actor::Member,
                    Some(Via::Municipality),
                    Some(opens),
                    Some(until),
                    false,
                    RuleId::MncRenewal,
                ),
                Some(Event::RenewalWindowOpens),
            );
        }
    }
    if !lost {
        let opens = sub_months(f.card_expiry, ctx.nat.renewal_months_before);
        out.duty(
            ctx,
            ob(
                Action::RenewCard,
                Document::MyNumberCard,
                None,
                Actor::Member,
                Some(Via::Municipality),
                Some(opens),
                None,
                false,
                RuleId::MncRenewal,
            ),
            Some(Event::RenewalWindowOpens),
        );
    }
    if s.status == Status::NotYetValid {
        if let Some(from) = s.valid_from {
            out.upcoming(from, Event::DocumentStarts, RuleId::MncUsable, doc, None);
        }
    }
    if !gone {
        out.upcoming(
            f.card_expiry,
            Event::CardExpires,
            RuleId::MncCardValidity,
            doc,
            None,
        );
        if f.e_cert_expiry < f.card_expiry {
            out.upcoming(
                f.e_cert_expiry,
                Event::ECertExpires,
                RuleId::MncECertValidity,
                doc,
                None,
            );
            if f.grace_end > f.e_cert_expiry {
                out.upcoming(
                    f.grace_end,
                    Event::ECertGraceEnds,
                    RuleId::MncECertGrace,
                    doc,
                    None,
                );
            }
        }
        if let Some(r) = f.registered_from {
            out.upcoming(
                r,
                Event::RegistrationEffective,
                RuleId::MncRegistration,
                doc,
                None,
            );
            // 「利用登録後、反映に1週間程度かかる場合があります」 — reflecting a registration can take about a week.
            if r <= d && d < add_days(r, i64::from(ctx.nat.registration_reflection_days)) {
                out.warn(
                    WarningCode::RegistrationMayNotBeReflected,
                    Some(RuleId::MncRegistration),
                );
            }
        }
        if let Some(n) = f.number_from {
            out.upcoming(
                n,
                Event::NumberRegistered,
                RuleId::MncNumberOnFile,
                doc,
                None,
            );
        }
    }
    if s.status == Status::InGrace {
        out.trace(
            ctx,
            RuleId::MncECertGrace,
            "in_grace",
            doc,
            None,
            Some(f.grace_end),
            None,
        );
    }
    Some((f, s))
}

/// `mnc.number-on-file`: 「マイナンバー情報が未申請の場合、医療機関等受診時に「資格なし」と判定され、保険医療が受けられません」
/// — without the number the online check answers 資格なし; it is submitted through the employer even without MC
/// (seed 000 §7), and again at every change of insurer (seed 002). The engine never asks for the number itself.
pub(crate) fn number_duty(ctx: &Ctx, out: &mut Out) {
    let d = out.on;
    // kokuho and kouki hold the number through the resident register: their members never submit it
    if ctx.m.number_on_file.is_none() && ctx.covered(d) && !ctx.prof.number_via_resident_register {
        out.duty(
            ctx,
            ob(
                Action::SubmitNumber,
                Document::MyNumberCard,
                None,
                Actor::Member,
                Some(ctx.channel()),
                Some(ctx.cov.acquired),
                None,
                true,
                RuleId::MncNumberOnFile,
            ),
            None,
        );
    }
}
