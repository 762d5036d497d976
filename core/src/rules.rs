//! The ids of `rules-catalogue.md`: every rule the engine encodes, by the id the catalogue gives it.
//! Traces, tests and the files in `rules/` cite these ids (parameter files may cite finer ids that start
//! with one of them, e.g. `cert.bulk-issuance.kenpo`).

use serde::{Deserialize, Serialize};

macro_rules! rule_ids {
    ($($variant:ident => $id:literal,)*) => {
        /// A rule of the catalogue.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
        pub enum RuleId {
            $(#[doc = $id] #[serde(rename = $id)] $variant,)*
        }

        impl RuleId {
            /// Every rule of the catalogue, in catalogue order.
            pub const ALL: &'static [RuleId] = &[$(RuleId::$variant,)*];

            /// The catalogue id, e.g. `legacy.transition-end`.
            pub const fn as_str(self) -> &'static str {
                match self { $(RuleId::$variant => $id,)* }
            }

            /// The rule a catalogue id names, or the rule a finer id (`cert.bulk-issuance.kenpo`) refines.
            pub fn parse(id: &str) -> Option<RuleId> {
                RuleId::ALL.iter().copied().find(|r| {
                    let s = r.as_str();
                    id == s || (id.starts_with(s) && id.as_bytes().get(s.len()) == Some(&b'.'))
                })
            }
        }
    };
}

rule_ids! {
    CoveragePeriod => "coverage.period",
    CoverageAge75 => "coverage.age-75",
    LegacyIssuanceStop => "legacy.issuance-stop",
    LegacyTransitionEnd => "legacy.transition-end",
    LegacyPrintedExpiry => "legacy.printed-expiry",
    LegacyFaceChange => "legacy.face-change",
    LegacyCoverageLost => "legacy.coverage-lost",
    LegacyLostCard => "legacy.lost-card",
    LegacyReturn => "legacy.return",
    LegacyDispose => "legacy.dispose",
    LegacyProvisionalAcceptance => "legacy.provisional-acceptance",
    MncCardValidity => "mnc.card-validity",
    MncECertValidity => "mnc.e-cert-validity",
    MncECertGrace => "mnc.e-cert-grace",
    MncRenewal => "mnc.renewal",
    MncRegistration => "mnc.registration",
    MncNumberOnFile => "mnc.number-on-file",
    MncCancellation => "mnc.cancellation",
    MncLost => "mnc.lost",
    MncUsable => "mnc.usable",
    CertValidity => "cert.validity",
    CertRequired => "cert.required",
    CertNotWithLegacy => "cert.not-with-legacy",
    CertBulkIssuance => "cert.bulk-issuance",
    CertKeepAfterMc => "cert.keep-after-mc",
    CertFaceChange => "cert.face-change",
    CertReturn => "cert.return",
    CertDispose => "cert.dispose",
    CertReissueWindow => "cert.reissue-window",
    CertOnApplication => "cert.on-application",
    CertLost => "cert.lost",
    CertKouki2026 => "cert.kouki-2026",
    NoticeNotAlone => "notice.not-alone",
    NoticeNoReturn => "notice.no-return",
    NoticeIssuedTo => "notice.issued-to",
    CareMc => "care.mc",
    CareCertificate => "care.certificate",
    CareOnlineCheckFallback => "care.online-check-fallback",
    CareElderlyCertificate => "care.elderly-certificate",
    CareFirstVisitAfterChange => "care.first-visit-after-change",
    CareFullPayment => "care.full-payment",
}

/// How many rules the catalogue has.
pub const RULE_COUNT: usize = RuleId::ALL.len();

impl RuleId {
    /// A dense index, for per-rule tables.
    pub fn index(self) -> usize {
        self as usize
    }
}

impl std::fmt::Display for RuleId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_parse_and_refine() {
        assert_eq!(RuleId::parse("legacy.return"), Some(RuleId::LegacyReturn));
        assert_eq!(
            RuleId::parse("cert.bulk-issuance.kenpo"),
            Some(RuleId::CertBulkIssuance)
        );
        assert_eq!(RuleId::parse("cert.bulk-issuancex"), None);
        assert_eq!(RuleId::parse("nope"), None);
        assert_eq!(RULE_COUNT, 41);
        for (i, r) in RuleId::ALL.iter().enumerate() {
            assert_eq!(r.index(), i);
        }
    }
}
