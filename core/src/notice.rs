//! The eligibility-information notice (`notice.*`): 資格情報のお知らせ — never enough alone, never returned.

use crate::assessment::{Action, Actor, Document, ReasonCode, Status};
use crate::engine::{ob, Ctx, DocState, Out};
use crate::rules::RuleId;

/// `notice.not-alone`: 「「資格情報のお知らせ」だけでは受診できません」 — the notice alone gives no care; it serves as MC's
/// companion when the online check cannot be done. Decision: its status is `valid` while it can serve so (MC
/// usable, coverage holds), otherwise `unusable`.
pub(crate) fn assess(
    ctx: &Ctx,
    out: &mut Out,
    mc: &Option<(crate::mnc::Facts, DocState)>,
) -> Option<DocState> {
    let n = ctx.m.notice.as_ref()?;
    let d = out.on;
    let covered = ctx.covered(d);
    let mc_usable = mc.as_ref().is_some_and(|(_, s)| s.usable());
    let base = DocState {
        status: Status::Valid,
        code: ReasonCode::Valid,
        rule: RuleId::NoticeNotAlone,
        valid_from: Some(n.issued_on),
        valid_through: n.lost_on.map(crate::dates::prev_day),
        ended: None,
    };
    let s = if d < n.issued_on {
        DocState {
            status: Status::NotYetValid,
            code: ReasonCode::NotYetIssued,
            ..base
        }
    } else if let Some(l) = n.lost_on.filter(|l| *l <= d) {
        DocState {
            status: Status::Invalidated,
            code: ReasonCode::Lost,
            rule: RuleId::CertLost,
            ended: Some((l, crate::engine::Cause::Lost)),
            ..base
        }
    } else if !covered {
        DocState {
            status: Status::Unusable,
            code: ReasonCode::CoverageLost,
            rule: RuleId::CoveragePeriod,
            ..base
        }
    } else if !mc_usable {
        DocState {
            status: Status::Unusable,
            code: ReasonCode::NotAlone,
            ..base
        }
    } else {
        base
    };
    out.doc(ctx, Document::Notice, None, &s, None);
    if s.code == ReasonCode::Lost {
        // `cert.lost`: the notice, too, is reissued on application (seed 001).
        out.duty(
            ctx,
            ob(
                Action::ApplyReissue,
                Document::Notice,
                None,
                Actor::Member,
                Some(ctx.channel()),
                n.lost_on,
                None,
                false,
                RuleId::CertLost,
            ),
            None,
        );
    }
    if ctx.cov.lost.is_some_and(|l| l <= d) && s.code != ReasonCode::Lost {
        // `notice.no-return`: 「資格確認書とは異なり、資格を喪失する際などに返納する必要はありません」 — never returned.
        out.trace(
            ctx,
            RuleId::NoticeNoReturn,
            "no_return",
            Some(Document::Notice),
            None,
            ctx.cov.lost,
            None,
        );
    }
    if d >= n.issued_on {
        // `notice.issued-to`: issued to members who did not ask for a certificate (in practice MC holders).
        out.trace(
            ctx,
            RuleId::NoticeIssuedTo,
            "held",
            Some(Document::Notice),
            None,
            Some(n.issued_on),
            None,
        );
    }
    Some(s)
}
