//! The legacy card (`legacy.*`): 健康保険証, no longer issued from 2024-12-02, usable at most through
//! 2025-12-01, then disposed of by the holder.

use chrono::{Datelike, NaiveDate};

use crate::assessment::{Action, Actor, Decision, Document, Event};
use crate::coverage;
use crate::dates::{month_end, next_day, prev_day};
use crate::engine::{evaluate, face_change_after, later, ob, Cause, Causes, Ctx, DocState, Out};
use crate::model::{LegacyCard, Member};
use crate::rules::RuleId;
use crate::ruleset::{National, Profile};

/// Where the card's printed end comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PrintedFrom {
    Record,
    ProfileDefault,
    Age70,
    Age75,
}

/// Facts of the held card.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Facts {
    pub issued: NaiveDate,
    /// The last day the printed (or assumed) expiry allows.
    pub printed_end: Option<NaiveDate>,
    pub printed_from: PrintedFrom,
    pub causes: Causes,
}

/// `legacy.printed-expiry`: 「令和6年7月にお届けする保険証の有効期限を「令和7年7月31日」とする予定です」 — the
/// July 2024 cards of 国保 and 後期高齢者医療 expire on 2025-07-31; 「70歳になり高齢受給者証を発行する人は、有効期限が
/// 異なる場合があります」 — those turning 70 or 75 may have another expiry. Applied only when the record gives none.
///
/// `legacy.transition-end`: 「保険証は2025年12月1日まで使用できます」 — usable through 2025-12-01.
/// `legacy.face-change`: 「券面情報(記号、番号、氏名)が変更になる場合は、その時点で健康保険証は利用できなくなります」 — a face
/// change ends the card at once. `legacy.coverage-lost`: unusable from the loss day.
pub(crate) fn facts(
    nat: &National,
    prof: &Profile,
    m: &Member,
    cov: &coverage::Facts,
    c: &LegacyCard,
) -> Facts {
    let (printed_end, printed_from) = match c.expires_on {
        Some(e) => (Some(e), PrintedFrom::Record),
        None => {
            let mut best = prof
                .legacy_printed_expiry_default
                .map(|d| (d, PrintedFrom::ProfileDefault));
            if prof.legacy_age_cutoffs {
                for (cut, from) in [
                    // 「70歳の誕生日の月末(誕生日が1日の方は、誕生月前月の月末)」 — the end of the 70th-birthday month,
                    // or of the month before when the birthday is on the 1st
                    (
                        if cov.b70.day() == 1 {
                            prev_day(cov.b70)
                        } else {
                            month_end(cov.b70)
                        },
                        PrintedFrom::Age70,
                    ),
                    (prev_day(cov.b75), PrintedFrom::Age75),
                ] {
                    if cut >= c.issued_on && best.is_none_or(|(b, _)| cut < b) {
                        best = Some((cut, from));
                    }
                }
            }
            match best {
                Some((d, f)) => (Some(d), f),
                None => (None, PrintedFrom::Record),
            }
        }
    };
    let mut causes = Causes::new(c.issued_on);
    causes.push(c.lost_on, Cause::Lost, RuleId::LegacyLostCard);
    causes.push(cov.lost, Cause::CoverageLost, RuleId::LegacyCoverageLost);
    causes.push(
        face_change_after(m, c.issued_on).map(|f| f.on),
        Cause::FaceChange,
        RuleId::LegacyFaceChange,
    );
    // Decision: a printed expiry before 2025-12-01 makes the card `expired`; otherwise it is `ended` from 2025-12-02.
    if let Some(e) = printed_end.filter(|e| *e < nat.legacy_transition_last_day) {
        causes.push(
            Some(next_day(e)),
            Cause::Expired,
            RuleId::LegacyPrintedExpiry,
        );
    }
    causes.push(
        Some(next_day(nat.legacy_transition_last_day)),
        Cause::Ended,
        RuleId::LegacyTransitionEnd,
    );
    Facts {
        issued: c.issued_on,
        printed_end,
        printed_from,
        causes,
    }
}

/// The card's state on `d`.
pub(crate) fn state(ctx: &Ctx, f: &Facts, d: NaiveDate) -> DocState {
    evaluate(
        d,
        f.issued,
        later(f.issued, ctx.cov.acquired),
        &f.causes,
        RuleId::LegacyTransitionEnd,
    )
}

/// Assesses the card; returns its state (None when not held).
pub(crate) fn assess(ctx: &Ctx, out: &mut Out) -> Option<DocState> {
    let f = ctx.lc.as_ref()?;
    let d = out.on;
    let s = state(ctx, f, d);
    if f.printed_from != PrintedFrom::Record {
        let outcome = match f.printed_from {
            PrintedFrom::Age70 => "expiry_assumed_end_of_70th_birthday_month",
            PrintedFrom::Age75 => "expiry_assumed_day_before_75th_birthday",
            _ => "expiry_assumed_profile_default",
        };
        out.trace(
            ctx,
            RuleId::LegacyPrintedExpiry,
            outcome,
            Some(Document::LegacyCard),
            None,
            f.printed_end,
            None,
        );
    }
    let decision = match s.ended {
        Some((_, Cause::Expired | Cause::Ended)) => Some(Decision::ExpiredOrEnded),
        _ => None,
    };
    out.doc(ctx, Document::LegacyCard, None, &s, decision);
    if s.ended.is_some_and(|(_, c)| c == Cause::Lost) {
        out.trace(
            ctx,
            RuleId::LegacyIssuanceStop,
            "no_reissue",
            Some(Document::LegacyCard),
            None,
            Some(ctx.nat.legacy_issuance_stop),
            None,
        );
    }

    // What the holder does with the card once it ends: return it (coverage loss or face change on or before
    // 2025-12-01), then dispose of it from 2025-12-02; dispose of it from the day after its printed expiry.
    let last = ctx.nat.legacy_transition_last_day;
    let lost = ctx
        .m
        .legacy_card
        .as_ref()
        .and_then(|c| c.lost_on)
        .map(|l| later(l, f.issued));
    let dispose_from = match f.causes.first() {
        Some((end, Cause::CoverageLost | Cause::FaceChange, _)) if end <= last => {
            // `legacy.return`: 「2025年12月1日(月)までは、資格喪失時や券面情報…変更時に、健康保険証の返却が必要です。
            // 個人で廃棄しないようご注意ください。」 — until 2025-12-01 the card is returned, never thrown away.
            let o = ob(
                Action::Return,
                Document::LegacyCard,
                None,
                Actor::Member,
                Some(ctx.channel()),
                Some(end),
                Some(last),
                true,
                RuleId::LegacyReturn,
            );
            out.duty_unless_lost(ctx, o, Some(Event::ReturnWindowOpens), lost);
            // `legacy.dispose`: 「2025年12月2日(火)以降は、健康保険証の返却は不要です。個人で廃棄してください。」 — from
            // 2025-12-02 no return; the holder disposes of it. An open return duty turns into this.
            Some(next_day(last))
        }
        Some((end, Cause::Expired, _)) => {
            if d >= end {
                let decision = Some(Decision::DisposeAfterPrintedExpiry);
                out.trace(
                    ctx,
                    RuleId::LegacyDispose,
                    "dispose_after_printed_expiry",
                    Some(Document::LegacyCard),
                    None,
                    Some(end),
                    decision,
                );
            }
            Some(end)
        }
        // the transition end, or a coverage loss or face change from 2025-12-02 on: no return, the holder disposes
        Some((end, Cause::CoverageLost | Cause::FaceChange | Cause::Ended, _)) => Some(end),
        _ => None,
    };
    if let Some(from) = dispose_from {
        let o = ob(
            Action::Dispose,
            Document::LegacyCard,
            None,
            Actor::Member,
            None,
            Some(from),
            None,
            true,
            RuleId::LegacyDispose,
        );
        out.duty_unless_lost(ctx, o, Some(Event::DisposalStarts), lost);
    }

    if s.status == crate::assessment::Status::NotYetValid {
        if let Some(from) = s.valid_from {
            out.upcoming(
                from,
                Event::DocumentStarts,
                RuleId::LegacyTransitionEnd,
                Some(Document::LegacyCard),
                None,
            );
        }
    }
    if s.usable() || (s.status == crate::assessment::Status::NotYetValid && s.valid_from.is_some())
    {
        match f.causes.first() {
            Some((end, Cause::Ended, _)) => out.upcoming(
                prev_day(end),
                Event::LegacyCardEnds,
                RuleId::LegacyTransitionEnd,
                Some(Document::LegacyCard),
                None,
            ),
            Some((end, Cause::Expired, _)) => out.upcoming(
                prev_day(end),
                Event::LegacyCardExpires,
                RuleId::LegacyPrintedExpiry,
                Some(Document::LegacyCard),
                None,
            ),
            _ => {}
        }
    }
    provisional(ctx, out, f, &s);
    Some(s)
}

/// `legacy.provisional-acceptance` (MHLW 事務連絡, public): a provider MAY accept a card past the transition or
/// its printed expiry while an online look-up confirms current coverage with the same insurer — from 2025-08-01
/// (kokuho, kouki) or 2025-12-02 (others) through 2026-03-31; never after the loss of coverage or for a card
/// ended by a face change.
fn provisional(ctx: &Ctx, out: &mut Out, f: &Facts, s: &DocState) {
    let d = out.on;
    let (from, until) = (
        ctx.prof.provisional_acceptance_from,
        ctx.prof.provisional_acceptance_until,
    );
    // ended by its printed expiry or the transition, and since then neither lost (it cannot be shown) nor
    // changed in face (the look-up by the old insured number no longer matches)
    let acceptable = |s: &DocState, on: NaiveDate| {
        matches!(s.ended, Some((_, Cause::Expired | Cause::Ended)))
            && !f.causes.has_by(Cause::Lost, on)
            && !f.causes.has_by(Cause::FaceChange, on)
    };
    if from <= d && d <= until && ctx.covered(d) && acceptable(s, d) {
        out.a.care.provisional.push(std::borrow::Cow::Borrowed(&[
            crate::assessment::Document::LegacyCard,
        ]));
        out.trace(
            ctx,
            RuleId::LegacyProvisionalAcceptance,
            "provider_may_accept",
            Some(Document::LegacyCard),
            None,
            Some(until),
            None,
        );
        out.upcoming(
            until,
            Event::ProvisionalAcceptanceEnds,
            RuleId::LegacyProvisionalAcceptance,
            Some(Document::LegacyCard),
            None,
        );
    } else if d > until && ctx.covered(d) && acceptable(s, d) {
        // the card would be acceptable but for the end of the measure (the end date is a revised value)
        out.trace(
            ctx,
            RuleId::LegacyProvisionalAcceptance,
            "provisional_acceptance_over",
            Some(Document::LegacyCard),
            None,
            Some(until),
            None,
        );
    } else if d < from && ctx.covered(from) && acceptable(&state(ctx, f, from), from) {
        out.upcoming(
            from,
            Event::ProvisionalAcceptanceStarts,
            RuleId::LegacyProvisionalAcceptance,
            Some(Document::LegacyCard),
            None,
        );
    }
}
