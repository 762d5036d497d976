//! The assessment: the contract's output. Codes are enums (stable wire names); `en`/`ja` texts are filled by
//! [`crate::messages`] when asked for, and omitted otherwise.

use std::borrow::Cow;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::model::opt_date;
use crate::rules::RuleId;
use crate::ruleset::{Delivery, Sources, Via};

/// A document (or a thing shown at the counter).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Document {
    /// 健康保険証 (LC).
    LegacyCard,
    /// マイナンバーカード, in its use as マイナ保険証 (MC).
    MyNumberCard,
    /// 資格確認書 (SC).
    Certificate,
    /// 資格情報のお知らせ (N).
    Notice,
    /// マイナポータルの「医療保険の資格情報」 (screen or PDF).
    PortalRecord,
    /// 高齢受給者証.
    ElderlyCertificate,
    /// Oral confirmation that nothing changed since the last visit.
    OralConfirmation,
    /// 被保険者資格申立書.
    SelfDeclaration,
}

/// A document's status on the query date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Usable.
    Valid,
    /// Not usable yet (issued later, or coverage not yet started, or age not reached).
    NotYetValid,
    /// Its own end date passed.
    Expired,
    /// A transition rule ended it.
    Ended,
    /// Face change, coverage lost, cancellation, loss.
    Invalidated,
    /// Held and unexpired, but not usable now.
    Unusable,
    /// MC in the e-certificate grace period (usable).
    InGrace,
}

impl Status {
    /// Whether the document gives (or helps give) insured care today.
    pub fn is_usable(self) -> bool {
        matches!(self, Status::Valid | Status::InGrace)
    }
}

/// Why a document has its status: a stable code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ReasonCode {
    /// Usable.
    Valid,
    /// MC usable in the e-certificate grace period.
    InGrace,
    /// Issued after the query date.
    NotYetIssued,
    /// Coverage starts after the query date.
    CoverageNotStarted,
    /// Elderly certificate before the 70th birthday.
    AgeNotReached,
    /// Lost or stolen.
    Lost,
    /// Coverage ended (資格喪失).
    CoverageLost,
    /// The card face changed (記号・番号・氏名).
    FaceChange,
    /// The MC registration was cancelled.
    Cancelled,
    /// Past its printed (or derived) expiry.
    Expired,
    /// The MC's e-certificate is past its grace period.
    ECertPastGrace,
    /// Ended by the transition (legacy card from 2025-12-02).
    TransitionEnded,
    /// The MNC is not registered for insurance use.
    NotRegistered,
    /// The insurer does not (yet) hold the number or has not finished data registration.
    NumberNotOnFile,
    /// A notice is not usable alone and MC is not usable.
    NotAlone,
}

/// A document's line in the assessment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct DocumentAssessment {
    /// Which document.
    pub document: Document,
    /// For certificates: the position in the record's `certificates`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub index: Option<u32>,
    /// Its status on the query date.
    pub status: Status,
    /// The first usable day, when known.
    #[serde(default, with = "opt_date")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<crate::schema::IsoDate>"))]
    pub valid_from: Option<NaiveDate>,
    /// The last usable day: the day before it ended, or the planned end while usable.
    #[serde(default, with = "opt_date")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<crate::schema::IsoDate>"))]
    pub valid_through: Option<NaiveDate>,
    /// The day the current status began, when a cause ended the document (clamped to its first day).
    #[serde(default, skip_serializing_if = "Option::is_none", with = "opt_date")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<crate::schema::IsoDate>"))]
    pub since: Option<NaiveDate>,
    /// The rule that decided, with a code and texts.
    pub reason: Reason,
}

/// The rule behind a status, with a code and texts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Reason {
    /// The deciding rule.
    pub rule: RuleId,
    /// The reason's code.
    pub code: ReasonCode,
    /// English text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub en: Option<String>,
    /// Japanese text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ja: Option<String>,
}

/// One set of things to show that together give insured care.
pub type OptionSet = Cow<'static, [Document]>;

/// What to show at the counter.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Care {
    /// Each entry is one set of things to show that gives insured care today (empty when none).
    pub options: Vec<OptionSet>,
    /// With a usable MC, what to show when the card cannot be read or the online check fails.
    pub if_online_check_fails: Vec<OptionSet>,
    /// What a provider MAY accept under `legacy.provisional-acceptance` (its discretion, not an entitlement).
    pub provisional: Vec<OptionSet>,
    /// `care.full-payment`: set when the member is covered but nothing is usable at the counter.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub full_payment: Option<FullPayment>,
}

/// `care.full-payment`: pay the full cost (10割) at the counter and claim the insurer's share back as 療養費.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct FullPayment {
    /// `care.full-payment`.
    pub rule: RuleId,
    /// The advice in English.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub en: Option<String>,
    /// The advice in Japanese.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ja: Option<String>,
}

/// Why a certificate is needed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum NeedReason {
    /// No My Number card.
    NoCard,
    /// The card is not registered for insurance use.
    NotRegistered,
    /// The registration was cancelled.
    RegistrationCancelled,
    /// The e-certificate is past its grace period.
    ECertPastGrace,
    /// The card expired.
    CardExpired,
    /// The card was lost or stolen.
    CardLost,
    /// The insurer does not (yet) hold the number.
    NumberNotOnFile,
}

/// Whether the member must obtain a certificate today.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct NeedsCertificate {
    /// Covered, no usable MC, and no usable certificate or legacy card.
    pub needed: bool,
    /// Why no MC.
    pub reason: Option<NeedReason>,
    /// The day the need began, when known.
    #[serde(with = "opt_date")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<crate::schema::IsoDate>"))]
    pub from: Option<NaiveDate>,
    /// English text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub en: Option<String>,
    /// Japanese text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ja: Option<String>,
}

/// What to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// Hand the document back.
    Return,
    /// Destroy it (the holder, no return).
    Dispose,
    /// Keep it until it expires.
    Keep,
    /// Apply for a certificate.
    ApplyCertificate,
    /// Apply for a reissue.
    ApplyReissue,
    /// Register the MNC for insurance use.
    RegisterInsuranceUse,
    /// Submit the individual number to the insurer (never to this engine).
    SubmitNumber,
    /// Renew the electronic certificate.
    RenewECert,
    /// Renew (or re-apply for) the card.
    RenewCard,
    /// Have the lost card suspended.
    SuspendCard,
    /// Check the portal record before the first MC visit.
    CheckPortal,
    /// Show the elderly certificate with the LC or SC.
    ShowElderlyCertificate,
    /// The insurer issues a certificate (bulk round, or after a cancellation).
    IssueCertificate,
}

/// Who acts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Actor {
    /// The member (or the insured person for a dependent).
    Member,
    /// The employer.
    Employer,
    /// The insurer.
    Insurer,
}

/// A duty, or an action that can be taken, with its window.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Obligation {
    /// What.
    pub action: Action,
    /// On which document.
    pub document: Document,
    /// For certificates: the position in the record.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub index: Option<u32>,
    /// Who.
    pub actor: Actor,
    /// Through whom or where.
    pub via: Option<Via>,
    /// First day of the window.
    #[serde(with = "opt_date")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<crate::schema::IsoDate>"))]
    pub from: Option<NaiveDate>,
    /// Last day of the window.
    #[serde(with = "opt_date")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<crate::schema::IsoDate>"))]
    pub until: Option<NaiveDate>,
    /// Whether it is a duty (true) or an option the member may take (false).
    pub required: bool,
    /// For `issue_certificate`: how the certificate arrives.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delivery: Option<Delivery>,
    /// The deciding rule.
    pub rule: RuleId,
    /// English text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub en: Option<String>,
    /// Japanese text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ja: Option<String>,
}

/// A dated change ahead.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Event {
    /// The legacy card's last usable day under the transition (2025-12-01).
    LegacyCardEnds,
    /// The legacy card's printed (or profile-default) expiry: its last usable day.
    LegacyCardExpires,
    /// A certificate's last valid day.
    CertificateExpires,
    /// The e-certificate's last valid day.
    ECertExpires,
    /// The last day of the e-certificate grace.
    ECertGraceEnds,
    /// The MNC's last valid day.
    CardExpires,
    /// Renewal of the e-certificate or the card becomes possible.
    RenewalWindowOpens,
    /// The kenpo reissue window opens (2027-08-01).
    ReissueWindowOpens,
    /// The 70th birthday.
    #[serde(rename = "turns_70")]
    Turns70,
    /// The 75th birthday (coverage ends in every scheme but kouki).
    #[serde(rename = "turns_75")]
    Turns75,
    /// Provisional acceptance of the legacy card starts.
    ProvisionalAcceptanceStarts,
    /// The last day of provisional acceptance.
    ProvisionalAcceptanceEnds,
    /// The first day of a bulk issuance window that targets the member.
    BulkIssuance,
    /// The last covered day.
    CoverageEnds,
    /// The number's data registration completes (MC usable from then, other things equal).
    NumberRegistered,
    /// The MNC's insurance-use registration takes effect.
    RegistrationEffective,
    /// A return duty's window opens.
    ReturnWindowOpens,
    /// A disposal duty starts.
    DisposalStarts,
    /// The elderly certificate's last valid day.
    ElderlyCertificateExpires,
    /// A document not yet issued or not yet valid becomes usable.
    DocumentStarts,
}

impl Event {
    /// Whether the event is dated on a last valid day (`*_expires`, `*_ends`): such an event on the query date
    /// itself is still ahead (the day is the last one).
    pub fn is_last_day(self) -> bool {
        matches!(
            self,
            Event::LegacyCardEnds
                | Event::LegacyCardExpires
                | Event::CertificateExpires
                | Event::ECertExpires
                | Event::ECertGraceEnds
                | Event::CardExpires
                | Event::ProvisionalAcceptanceEnds
                | Event::CoverageEnds
                | Event::ElderlyCertificateExpires
        )
    }
}

/// One dated change ahead of the query date (a last-day event may be the query date itself).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Upcoming {
    /// The day (`*_expires`/`*_ends`: the last valid day; `*_opens`, `turns_N`: the first day).
    #[serde(with = "crate::model::date")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::IsoDate"))]
    pub on: NaiveDate,
    /// What happens.
    pub event: Event,
    /// The deciding rule.
    pub rule: RuleId,
    /// The document concerned, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document: Option<Document>,
    /// For certificates: the position in the record.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub index: Option<u32>,
    /// English text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub en: Option<String>,
    /// Japanese text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ja: Option<String>,
}

/// Something doubtful about the answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum WarningCode {
    /// The query date is after the day the rules were last checked against their sources.
    RulesNotCheckedAfter,
    /// The record claims coverage past the 75th birthday in a scheme that ends there.
    #[serde(rename = "coverage_past_75")]
    CoveragePast75,
    /// A member aged 70–74 with no usable elderly certificate recorded.
    ElderlyCertificateMissing,
    /// A bulk round targeted the member but the record holds no certificate from it.
    BulkCertificateNotRecorded,
    /// The answer rests on a round or rule announced as planned.
    PlannedRule,
    /// A registration from the last few days may not be reflected yet.
    RegistrationMayNotBeReflected,
    /// Provisional acceptance is at the provider's discretion.
    ProvisionalIsDiscretionary,
    /// A certificate in the record was issued on request while a usable legacy card was held, which the
    /// profile refuses.
    CertificateIssuedDespiteLegacy,
    /// A rule this answer used was revised after the knowledge date (`rules_as_of`).
    LaterRevision,
    /// A rule this answer used had not yet been announced on the knowledge date: its first value is used.
    RuleNotYetAnnounced,
    /// The kouki round depends on the MC usage, which the record does not give (`my_number_card.usage`).
    UsageUnknown,
    /// A certificate's validity is outside what the insurer gives (kyokai: 4 to 5 years).
    CertificateValidityUnusual,
}

/// A warning.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Warning {
    /// The code.
    pub code: WarningCode,
    /// The rule concerned, if any.
    pub rule: Option<RuleId>,
    /// English text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub en: Option<String>,
    /// Japanese text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ja: Option<String>,
}

/// A decision taken where the sources leave a gap (rules-catalogue.md "Decisions" and hokensho's own).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum Decision {
    /// Same-day precedence: lost > coverage lost > face change > cancellation > expired > past grace > ended.
    StatusPrecedence,
    /// The nth birthday (29 February → 1 March), counted strictly after issuance.
    BirthdayCount,
    /// A derived e-certificate expiry never exceeds the card's; the grace applies only while the card is
    /// unexpired.
    ECertWithinCard,
    /// A printed expiry before 2025-12-01 makes the card `expired`; otherwise `ended` from 2025-12-02.
    ExpiredOrEnded,
    /// An LC expired by its printed date is disposed of from the day after.
    DisposeAfterPrintedExpiry,
    /// The number counts as registered on `received_on` + the standard delay when no date is recorded.
    NumberRegistrationDelay,
    /// Bulk targets hold no usable MC and no valid SC on the snapshot day and are covered then.
    BulkTargetOnSnapshot,
    /// `keep` holds for every profile unless it sets `return_certificate_on_mc`.
    KeepUnlessProfileSays,
    /// A 70–74 member without an elderly certificate gets the LC/SC option alone plus a warning.
    ElderlyWithoutCertificate,
    /// hokensho: coverage in every scheme but kouki is cut at the 75th birthday even when the record claims
    /// more (with a warning).
    Age75CutsCoverage,
    /// hokensho: the kouki automatic certificate with no recorded expiry runs to 31 July of its cycle.
    KoukiCertificateCycle,
    /// hokensho: a registration recorded before the card's issue date counts from the issue date (a renewed
    /// card keeps its registration).
    RegistrationFromCardIssue,
    /// hokensho: a registration recorded after a cancellation is a re-registration; the cancellation no longer
    /// applies.
    ReRegistration,
    /// The notice shown alone stays within the extended provisional measure (no source says otherwise).
    NoticeAloneWithinMeasure,
    /// Bulk and automatic issuance reach members covered on the snapshot and on the window's first day.
    BulkCoveredOnWindow,
    /// A certificate valid beyond a round's window makes its holder no target of that round.
    CertificateValidPastRound,
    /// kokuho and kouki hold the individual number through the resident register from coverage start.
    NumberViaResidentRegister,
}

/// One step of the reasoning.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct TraceEntry {
    /// The rule.
    pub rule: RuleId,
    /// What it decided (a short code).
    pub outcome: Cow<'static, str>,
    /// The document concerned, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document: Option<Document>,
    /// For certificates: the position in the record.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub index: Option<u32>,
    /// The date the decision turns on, if any.
    #[serde(default, skip_serializing_if = "Option::is_none", with = "opt_date")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<crate::schema::IsoDate>"))]
    pub on: Option<NaiveDate>,
    /// A decision taken where the sources leave a gap, if one was applied.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decision: Option<Decision>,
    /// The rule's sources.
    pub sources: Sources,
    /// The revisions the rule's values came from (announcement date and sources), when revised.
    #[serde(default, skip_serializing_if = "<[_]>::is_empty")]
    pub revisions: std::sync::Arc<[crate::ruleset::RevisionCite]>,
}

/// The answer for one member on one date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Assessment {
    /// The member's id, as given.
    pub id: String,
    /// The query date.
    #[serde(with = "crate::model::date")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::IsoDate"))]
    pub on: NaiveDate,
    /// The knowledge date the answer used: the caller's `rules_as_of`, else the latest announcement.
    #[serde(default, with = "opt_date")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<crate::schema::IsoDate>"))]
    pub rules_as_of: Option<NaiveDate>,
    /// Whether coverage holds on that date.
    pub covered: bool,
    /// Age in whole years on that date.
    pub age: u32,
    /// One line per document the record holds.
    pub documents: Vec<DocumentAssessment>,
    /// What to show at the counter.
    pub care: Care,
    /// Whether a certificate must be obtained.
    pub needs_certificate: NeedsCertificate,
    /// Duties and actions whose window contains the date.
    pub obligations: Vec<Obligation>,
    /// Dated changes after the date, earliest first.
    pub upcoming: Vec<Upcoming>,
    /// What is doubtful.
    pub warnings: Vec<Warning>,
    /// Every rule that decided something, with its sources.
    pub trace: Vec<TraceEntry>,
}

impl Assessment {
    /// The line of a document (the first certificate for `Certificate`).
    pub fn document(&self, d: Document) -> Option<&DocumentAssessment> {
        self.documents.iter().find(|x| x.document == d)
    }

    /// Whether an obligation with this action on this document is listed.
    pub fn has_obligation(&self, action: Action, d: Document) -> bool {
        self.obligations
            .iter()
            .any(|o| o.action == action && o.document == d)
    }
}
