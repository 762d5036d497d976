//! Coverage (`coverage.*`): the period with this insurer, and the end at 75 in every scheme but the
//! late-elderly one.

use chrono::{Datelike, NaiveDate};

use crate::assessment::{Decision, Event, WarningCode};
use crate::dates::{nth_birthday, prev_day};
use crate::engine::{Ctx, Out};
use crate::model::Member;
use crate::rules::RuleId;
use crate::ruleset::{National, Profile};

/// Coverage facts of one member.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Facts {
    pub acquired: NaiveDate,
    /// The effective 資格喪失日: the recorded one, or the 75th birthday when that comes first.
    pub lost: Option<NaiveDate>,
    /// The effective end comes from the 75th birthday rather than the record.
    pub cut_at_75: bool,
    pub b70: NaiveDate,
    pub b75: NaiveDate,
    /// `care.elderly-certificate`: the day the elderly certificate takes effect — 「70歳の誕生月の翌月1日から発効します。
    /// ただし、誕生日が1日の人は誕生月から発効します」 (from the 1st of the month after the 70th birthday; from the birth
    /// month when the birthday is on the 1st).
    pub elderly_from: NaiveDate,
}

impl Facts {
    /// `coverage.period`: 「資格取得日 <= D < 資格喪失日」 — covered from the acquisition day, up to the day before the
    /// loss day (`lost_on` is the first day without coverage).
    pub fn covered(&self, d: NaiveDate) -> bool {
        self.acquired <= d && self.lost.is_none_or(|l| d < l)
    }
}

/// `coverage.age-75`: every scheme but `kouki` ends on the 75th birthday (the member moves to 後期高齢者医療).
pub(crate) fn facts(nat: &National, prof: &Profile, m: &Member) -> Facts {
    let b70 = nth_birthday(m.birth_date, nat.elderly_from_age);
    let b75 = nth_birthday(m.birth_date, nat.late_elderly_age);
    let recorded = m.coverage.lost_on;
    let cut_at_75 = prof.coverage_ends_at_75 && recorded.is_none_or(|l| l > b75);
    let lost = if cut_at_75 { Some(b75) } else { recorded };
    let elderly_from = if b70.day() == 1 {
        b70
    } else {
        crate::dates::next_day(crate::dates::month_end(b70))
    };
    Facts {
        acquired: m.coverage.acquired_on,
        lost,
        cut_at_75,
        b70,
        b75,
        elderly_from,
    }
}

pub(crate) fn assess(ctx: &Ctx, out: &mut Out) {
    let d = out.on;
    let f = &ctx.cov;
    let covered = f.covered(d);
    let outcome = if covered {
        "covered"
    } else if d < f.acquired {
        "not_yet_covered"
    } else {
        "not_covered"
    };
    out.trace(
        ctx,
        RuleId::CoveragePeriod,
        outcome,
        None,
        None,
        if d < f.acquired {
            Some(f.acquired)
        } else {
            f.lost
        },
        None,
    );
    if f.cut_at_75 && d >= f.b75 && f.acquired <= d {
        // the record claims (or leaves open) coverage past the 75th birthday
        out.warn(WarningCode::CoveragePast75, Some(RuleId::CoverageAge75));
        out.trace(
            ctx,
            RuleId::CoverageAge75,
            "coverage_ended_at_75",
            None,
            None,
            Some(f.b75),
            Some(Decision::Age75CutsCoverage),
        );
    }
    if ctx.prof.coverage_ends_at_75 && d < f.b75 && covered {
        out.upcoming(f.b75, Event::Turns75, RuleId::CoverageAge75, None, None);
    }
    // a kouki member never gets elderly-certificate events (those under 75 are disability-certified)
    if d < f.b70 && ctx.prof.holds_elderly_certificate && covered {
        out.upcoming(
            f.b70,
            Event::Turns70,
            RuleId::CareElderlyCertificate,
            None,
            None,
        );
    }
    if let Some(l) = f.lost {
        if covered {
            out.upcoming(
                prev_day(l),
                Event::CoverageEnds,
                if f.cut_at_75 {
                    RuleId::CoverageAge75
                } else {
                    RuleId::CoveragePeriod
                },
                None,
                None,
            );
        }
    }
}
