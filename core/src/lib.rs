//! # hokensho
//!
//! A rules engine for Japan's move from the paper health insurance card (健康保険証) to the My Number card used
//! as a health insurance card (マイナ保険証) and the eligibility certificate (資格確認書). Given one member's
//! situation and a date, it answers which documents are valid that day and why, what to show at the counter,
//! whether a certificate is needed, what must be returned, disposed of, applied for or renewed and by when, and
//! what is coming next — every answer traced to the rule of `rules-catalogue.md` and its sources.
//!
//! ```
//! use hokensho::{RuleSet, parse_date};
//! let rules = RuleSet::embedded().unwrap();
//! let member = rules.parse_member(r#"{
//!   "id": "E-0001", "insurer": "kenpo", "role": "insured", "birth_date": "1980-05-10",
//!   "coverage": {"acquired_on": "2010-04-01"},
//!   "number_on_file": {"received_on": "2024-05-01"},
//!   "legacy_card": {"issued_on": "2019-04-01"}
//! }"#).unwrap();
//! let a = rules.assess(&member, parse_date("2025-12-02").unwrap()).unwrap();
//! assert!(a.needs_certificate.needed);
//! ```
//!
//! Pure: no I/O at assessment time, no global state. [`RuleSet::from_dir`] (feature `fs`, on by default) reads
//! rule files; everything else works on values.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod api;
pub mod assessment;
mod care;
mod cert;
mod coverage;
pub mod dates;
mod engine;
pub mod error;
pub mod explain;
pub mod ics;
pub mod labels;
mod legacy;
pub mod limits;
pub mod messages;
mod mnc;
pub mod model;
mod notice;
pub mod rules;
pub mod ruleset;
#[cfg(feature = "schema")]
pub mod schema;
pub mod summary;
pub mod timeline;
pub mod validate;
pub mod vocab;

pub use assessment::*;
pub use engine::Options;
pub use error::{Error, FieldError, Result};
pub use ics::CalendarOptions;
pub use messages::{Lang, TextParts};
pub use model::*;
pub use rules::RuleId;
pub use ruleset::{Profile, RuleSet};
pub use summary::Summary;
pub use timeline::Timeline;
pub use vocab::Vocab;

pub use chrono::NaiveDate;

/// Parses a query date: `YYYY-MM-DD` or a Japanese-era date (`令和7年12月1日`, `R7.12.1`).
pub fn parse_date(s: &str) -> Result<NaiveDate> {
    api::parse_date_arg(s, "on")
}

impl RuleSet {
    /// Assesses `member` on `on`, with texts and trace.
    pub fn assess(&self, member: &Member, on: NaiveDate) -> Result<Assessment> {
        self.assess_with(member, on, Options::default())
    }

    /// Assesses `member` on `on`, with texts and trace as `opts` says.
    pub fn assess_with(&self, member: &Member, on: NaiveDate, opts: Options) -> Result<Assessment> {
        let rules = self.as_of(opts.rules_as_of);
        let prof = validate::check(rules, member)?;
        let known = opts.rules_as_of.or(self.latest_announcement());
        Ok(engine::run(&rules.national, prof, member, on, opts, known))
    }

    /// [`RuleSet::assess_with`] filling only the texts of `parts` (`opts.messages` is not consulted): the long
    /// tables of obligations or events need one kind of text, and rendering the rest would double their cost.
    /// Every text filled equals the full answer's.
    pub fn assess_with_texts(
        &self,
        member: &Member,
        on: NaiveDate,
        opts: Options,
        parts: messages::TextParts,
    ) -> Result<Assessment> {
        let rules = self.as_of(opts.rules_as_of);
        let prof = validate::check(rules, member)?;
        let known = opts.rules_as_of.or(self.latest_announcement());
        Ok(engine::run_with_texts(
            &rules.national,
            prof,
            member,
            on,
            opts,
            known,
            parts,
        ))
    }

    /// The dated changes between `from` and `to` (inclusive), with texts.
    pub fn timeline(&self, member: &Member, from: NaiveDate, to: NaiveDate) -> Result<Timeline> {
        self.timeline_with(member, from, to, Options::default())
    }

    /// The dated changes between `from` and `to`, with or without texts.
    pub fn timeline_with(
        &self,
        member: &Member,
        from: NaiveDate,
        to: NaiveDate,
        opts: Options,
    ) -> Result<Timeline> {
        let rules = self.as_of(opts.rules_as_of);
        let prof = validate::check(rules, member)?;
        if to < from {
            return Err(Error::InvalidRequest(vec![FieldError::new(
                "window_order",
                "to",
                "`to` is before `from`",
                "`to` が `from` より前です",
            )]));
        }
        if (to - from).num_days() > 366 * 50 {
            return Err(Error::InvalidRequest(vec![FieldError::new(
                "range_too_long",
                "to",
                "the timeline spans more than 50 years",
                "期間が50年を超えています",
            )]));
        }
        Ok(timeline::build(
            &rules.national,
            prof,
            member,
            from,
            to,
            opts.messages,
            opts.rules_as_of.or(self.latest_announcement()),
        ))
    }
}
