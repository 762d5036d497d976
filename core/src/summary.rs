//! A one-row summary of an assessment, for tables (the Python `assess_frame`, the JS table view): per-document
//! status, the need for a certificate, and the next obligation. Selection logic lives here so every language
//! shows the same row.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::assessment::*;

/// One member's row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Summary {
    /// The member's id.
    pub id: String,
    /// Covered on the day.
    pub covered: bool,
    /// The legacy card's status, when held.
    pub legacy_card: Option<Status>,
    /// The My Number card's status, when held.
    pub my_number_card: Option<Status>,
    /// The best certificate's status (a usable one first, else the latest issued), when any is held.
    pub certificate: Option<Status>,
    /// The notice's status, when held.
    pub notice: Option<Status>,
    /// The elderly certificate's status, when held.
    pub elderly_certificate: Option<Status>,
    /// Whether a certificate must be obtained.
    pub needs_certificate: bool,
    /// Why.
    pub needs_reason: Option<NeedReason>,
    /// Since when.
    #[serde(with = "crate::model::opt_date")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<crate::schema::IsoDate>"))]
    pub needs_from: Option<NaiveDate>,
    /// The next obligation's action.
    pub next_action: Option<Action>,
    /// Its document.
    pub next_document: Option<Document>,
    /// Its window's first day.
    #[serde(with = "crate::model::opt_date")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<crate::schema::IsoDate>"))]
    pub next_from: Option<NaiveDate>,
    /// Its window's last day.
    #[serde(with = "crate::model::opt_date")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<crate::schema::IsoDate>"))]
    pub next_until: Option<NaiveDate>,
    /// The next dated event.
    pub next_event: Option<Event>,
    /// Its date.
    #[serde(with = "crate::model::opt_date")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<crate::schema::IsoDate>"))]
    pub next_event_on: Option<NaiveDate>,
}

/// How urgent an action is when deadlines tie (a named choice): what restores or protects access to care comes
/// first (suspend a lost card, get a certificate, return what must be returned, submit the number), then
/// reissues and paperwork, then renewals, then disposal and keeping.
pub fn urgency(a: Action) -> u8 {
    match a {
        Action::SuspendCard => 0,
        Action::ApplyCertificate => 1,
        Action::IssueCertificate => 2,
        Action::Return => 3,
        Action::SubmitNumber => 4,
        Action::ApplyReissue => 5,
        Action::ShowElderlyCertificate => 6,
        Action::RegisterInsuranceUse => 7,
        Action::RenewECert => 8,
        Action::RenewCard => 9,
        Action::CheckPortal => 10,
        Action::Dispose => 11,
        Action::Keep => 12,
    }
}

impl Assessment {
    /// The obligation to act on first: duties before options; among them the earliest deadline (`until`,
    /// open-ended last), then the most urgent kind (see [`urgency`]), then the earliest start. `keep` is chosen
    /// only when nothing else is listed.
    pub fn next_obligation(&self) -> Option<&Obligation> {
        self.obligations
            .iter()
            .filter(|o| o.action != Action::Keep || self.obligations.len() == 1)
            .min_by_key(|o| {
                (
                    !o.required,
                    o.until.unwrap_or(NaiveDate::MAX),
                    urgency(o.action),
                    o.from.unwrap_or(NaiveDate::MIN),
                )
            })
    }

    /// The row for tables.
    pub fn summary(&self) -> Summary {
        let st = |d: Document| {
            self.documents
                .iter()
                .find(|x| x.document == d)
                .map(|x| x.status)
        };
        let certificate = self
            .documents
            .iter()
            .filter(|x| x.document == Document::Certificate)
            .max_by_key(|x| {
                (
                    x.status.is_usable(),
                    x.valid_from,
                    x.index.map(|i| u32::MAX - i),
                )
            })
            .map(|x| x.status);
        let next = self.next_obligation();
        let ev = self.upcoming.first();
        Summary {
            id: self.id.clone(),
            covered: self.covered,
            legacy_card: st(Document::LegacyCard),
            my_number_card: st(Document::MyNumberCard),
            certificate,
            notice: st(Document::Notice),
            elderly_certificate: st(Document::ElderlyCertificate),
            needs_certificate: self.needs_certificate.needed,
            needs_reason: self.needs_certificate.reason,
            needs_from: self.needs_certificate.from,
            next_action: next.map(|o| o.action),
            next_document: next.map(|o| o.document),
            next_from: next.and_then(|o| o.from),
            next_until: next.and_then(|o| o.until),
            next_event: ev.map(|u| u.event),
            next_event_on: ev.map(|u| u.on),
        }
    }
}
