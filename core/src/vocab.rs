//! The vocabularies of the contract's coded values, for columnar layers (Arrow dictionaries, Python
//! categoricals): every value of each enum in a fixed order ([`Vocab::ALL`]) and its wire name
//! ([`Vocab::as_str`], the same as its serde name). The `match` in each `as_str` is exhaustive, so a variant
//! added to an enum fails to compile here until it is named.

use crate::assessment::{Action, Actor, Document, Event, NeedReason, Status, WarningCode};
use crate::model::{Basis, FaceChangeReason, Role};

/// An enum of the contract with a closed list of wire names.
pub trait Vocab: Sized + Copy + 'static {
    /// Every value, in a fixed order (the order of the enum's declaration).
    const ALL: &'static [Self];
    /// The wire name (as in JSON).
    fn as_str(self) -> &'static str;
    /// The value with the wire name `s`, if any.
    fn parse(s: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|x| x.as_str() == s)
    }
    /// Every wire name, in the order of [`Vocab::ALL`].
    fn names() -> Vec<&'static str> {
        Self::ALL.iter().map(|x| x.as_str()).collect()
    }
}

macro_rules! vocab {
    ($t:ident { $($v:ident => $s:literal),* $(,)? }) => {
        impl Vocab for $t {
            const ALL: &'static [$t] = &[$($t::$v),*];
            fn as_str(self) -> &'static str {
                match self {
                    $($t::$v => $s),*
                }
            }
        }
    };
}

vocab!(Role { Insured => "insured", Dependent => "dependent" });
vocab!(Basis {
    Bulk => "bulk",
    Application => "application",
    Automatic => "automatic",
    Temporary => "temporary",
});
vocab!(FaceChangeReason {
    Marriage => "marriage",
    Transfer => "transfer",
    VoluntaryContinuation => "voluntary_continuation",
    Other => "other",
});
vocab!(Status {
    Valid => "valid",
    NotYetValid => "not_yet_valid",
    Expired => "expired",
    Ended => "ended",
    Invalidated => "invalidated",
    Unusable => "unusable",
    InGrace => "in_grace",
});
vocab!(NeedReason {
    NoCard => "no_card",
    NotRegistered => "not_registered",
    RegistrationCancelled => "registration_cancelled",
    ECertPastGrace => "e_cert_past_grace",
    CardExpired => "card_expired",
    CardLost => "card_lost",
    NumberNotOnFile => "number_not_on_file",
});
vocab!(Action {
    Return => "return",
    Dispose => "dispose",
    Keep => "keep",
    ApplyCertificate => "apply_certificate",
    ApplyReissue => "apply_reissue",
    RegisterInsuranceUse => "register_insurance_use",
    SubmitNumber => "submit_number",
    RenewECert => "renew_e_cert",
    RenewCard => "renew_card",
    SuspendCard => "suspend_card",
    CheckPortal => "check_portal",
    ShowElderlyCertificate => "show_elderly_certificate",
    IssueCertificate => "issue_certificate",
});
vocab!(Document {
    LegacyCard => "legacy_card",
    MyNumberCard => "my_number_card",
    Certificate => "certificate",
    Notice => "notice",
    PortalRecord => "portal_record",
    ElderlyCertificate => "elderly_certificate",
    OralConfirmation => "oral_confirmation",
    SelfDeclaration => "self_declaration",
});
vocab!(Event {
    LegacyCardEnds => "legacy_card_ends",
    LegacyCardExpires => "legacy_card_expires",
    CertificateExpires => "certificate_expires",
    ECertExpires => "e_cert_expires",
    ECertGraceEnds => "e_cert_grace_ends",
    CardExpires => "card_expires",
    RenewalWindowOpens => "renewal_window_opens",
    ReissueWindowOpens => "reissue_window_opens",
    Turns70 => "turns_70",
    Turns75 => "turns_75",
    ProvisionalAcceptanceStarts => "provisional_acceptance_starts",
    ProvisionalAcceptanceEnds => "provisional_acceptance_ends",
    BulkIssuance => "bulk_issuance",
    CoverageEnds => "coverage_ends",
    NumberRegistered => "number_registered",
    RegistrationEffective => "registration_effective",
    ReturnWindowOpens => "return_window_opens",
    DisposalStarts => "disposal_starts",
    ElderlyCertificateExpires => "elderly_certificate_expires",
    DocumentStarts => "document_starts",
});

vocab!(Actor {
    Member => "member",
    Employer => "employer",
    Insurer => "insurer",
});
vocab!(WarningCode {
    RulesNotCheckedAfter => "rules_not_checked_after",
    CoveragePast75 => "coverage_past_75",
    ElderlyCertificateMissing => "elderly_certificate_missing",
    BulkCertificateNotRecorded => "bulk_certificate_not_recorded",
    PlannedRule => "planned_rule",
    RegistrationMayNotBeReflected => "registration_may_not_be_reflected",
    ProvisionalIsDiscretionary => "provisional_is_discretionary",
    CertificateIssuedDespiteLegacy => "certificate_issued_despite_legacy",
    LaterRevision => "later_revision",
    RuleNotYetAnnounced => "rule_not_yet_announced",
    UsageUnknown => "usage_unknown",
    CertificateValidityUnusual => "certificate_validity_unusual",
});

#[cfg(test)]
mod tests {
    use super::*;
    use serde::{de::DeserializeOwned, Serialize};

    fn same_as_serde<T: Vocab + Serialize + DeserializeOwned + PartialEq + std::fmt::Debug>() {
        for x in T::ALL {
            let json = serde_json::to_value(x).unwrap_or_default();
            assert_eq!(json.as_str(), Some(x.as_str()));
            assert_eq!(T::parse(x.as_str()), Some(*x));
            assert_eq!(serde_json::from_value::<T>(json).ok(), Some(*x));
        }
        assert_eq!(T::parse("nope"), None);
    }

    #[test]
    fn names_are_the_wire_names() {
        same_as_serde::<Role>();
        same_as_serde::<Basis>();
        same_as_serde::<FaceChangeReason>();
        same_as_serde::<Status>();
        same_as_serde::<NeedReason>();
        same_as_serde::<Action>();
        same_as_serde::<Document>();
        same_as_serde::<Actor>();
        same_as_serde::<WarningCode>();
        same_as_serde::<Event>();
        assert_eq!(Event::ALL.len(), 20);
        assert_eq!(Action::names()[0], "return");
    }
}
