//! Labels of every coded value, in Japanese and English: what a table column, a chart legend or a notebook shows
//! in place of a code. One vocabulary for every language binding, so no binding keeps a copy.

use serde::Serialize;

use crate::assessment::{Action, Actor, Event, NeedReason, WarningCode};
use crate::messages::{doc_name, status_name, Lang};
use crate::rules::RuleId;
use crate::vocab::Vocab;

/// The kinds of coded values that have labels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LabelKind {
    /// `document`.
    Documents,
    /// `status`.
    Statuses,
    /// `needs_certificate.reason`.
    NeedReasons,
    /// `obligations[].action`.
    Actions,
    /// `obligations[].actor`.
    Actors,
    /// `upcoming[].event`.
    Events,
    /// `warnings[].code`.
    Warnings,
    /// The catalogue's rule ids.
    Rules,
}

impl LabelKind {
    /// Every kind.
    pub const ALL: [LabelKind; 8] = [
        LabelKind::Documents,
        LabelKind::Statuses,
        LabelKind::NeedReasons,
        LabelKind::Actions,
        LabelKind::Actors,
        LabelKind::Events,
        LabelKind::Warnings,
        LabelKind::Rules,
    ];

    /// The kind's name (`documents`, `statuses`, `need_reasons`, `actions`, `actors`, `events`, `warnings`,
    /// `rules`).
    pub fn as_str(self) -> &'static str {
        match self {
            LabelKind::Documents => "documents",
            LabelKind::Statuses => "statuses",
            LabelKind::NeedReasons => "need_reasons",
            LabelKind::Actions => "actions",
            LabelKind::Actors => "actors",
            LabelKind::Events => "events",
            LabelKind::Warnings => "warnings",
            LabelKind::Rules => "rules",
        }
    }

    /// The kind a name names.
    pub fn parse(s: &str) -> Option<LabelKind> {
        LabelKind::ALL.iter().copied().find(|k| k.as_str() == s)
    }
}

fn pick(lang: Lang, en: &'static str, ja: &'static str) -> &'static str {
    match lang {
        Lang::En => en,
        Lang::Ja => ja,
    }
}

/// A need reason's label.
pub fn need_reason_label(r: NeedReason, lang: Lang) -> &'static str {
    match r {
        NeedReason::NoCard => pick(lang, "no My Number card", "マイナンバーカードなし"),
        NeedReason::NotRegistered => pick(
            lang,
            "not registered for health insurance use",
            "保険証利用登録なし",
        ),
        NeedReason::RegistrationCancelled => pick(lang, "registration cancelled", "利用登録の解除"),
        NeedReason::ECertPastGrace => pick(
            lang,
            "e-certificate past its grace",
            "電子証明書の猶予期間経過",
        ),
        NeedReason::CardExpired => pick(lang, "card expired", "カードの有効期限切れ"),
        NeedReason::CardLost => pick(lang, "card lost", "カードの紛失"),
        NeedReason::NumberNotOnFile => pick(
            lang,
            "number not on file with the insurer",
            "保険者に個人番号なし",
        ),
    }
}

/// An action's label.
pub fn action_label(a: Action, lang: Lang) -> &'static str {
    match a {
        Action::Return => pick(lang, "return", "返却"),
        Action::Dispose => pick(lang, "dispose of", "廃棄"),
        Action::Keep => pick(lang, "keep", "保管"),
        Action::ApplyCertificate => pick(lang, "apply for a certificate", "資格確認書の申請"),
        Action::ApplyReissue => pick(lang, "apply for reissue", "再交付・再発行の申請"),
        Action::RegisterInsuranceUse => {
            pick(lang, "register for health insurance use", "保険証利用登録")
        }
        Action::SubmitNumber => pick(lang, "submit the individual number", "個人番号の届出"),
        Action::RenewECert => pick(lang, "renew the e-certificate", "電子証明書の更新"),
        Action::RenewCard => pick(lang, "renew the card", "カードの更新"),
        Action::SuspendCard => pick(lang, "suspend the card", "カードの機能停止"),
        Action::CheckPortal => pick(lang, "check Myna Portal", "マイナポータルの確認"),
        Action::ShowElderlyCertificate => {
            pick(lang, "show the elderly certificate", "高齢受給者証の提示")
        }
        Action::IssueCertificate => pick(
            lang,
            "insurer issues a certificate",
            "保険者が資格確認書を交付",
        ),
    }
}

/// An actor's label.
pub fn actor_label(a: Actor, lang: Lang) -> &'static str {
    match a {
        Actor::Member => pick(lang, "member", "本人"),
        Actor::Employer => pick(lang, "employer", "事業主"),
        Actor::Insurer => pick(lang, "insurer", "保険者"),
    }
}

/// An event's label.
pub fn event_label(e: Event, lang: Lang) -> &'static str {
    match e {
        Event::LegacyCardEnds => pick(lang, "health insurance card ends", "保険証の使用終了"),
        Event::LegacyCardExpires => pick(lang, "health insurance card expires", "保険証の有効期限"),
        Event::CertificateExpires => pick(lang, "certificate expires", "資格確認書の有効期限"),
        Event::ECertExpires => pick(lang, "e-certificate expires", "電子証明書の有効期限"),
        Event::ECertGraceEnds => pick(
            lang,
            "e-certificate grace ends",
            "電子証明書の猶予期間の終了",
        ),
        Event::CardExpires => pick(
            lang,
            "My Number card expires",
            "マイナンバーカードの有効期限",
        ),
        Event::RenewalWindowOpens => pick(lang, "renewal opens", "更新手続の開始"),
        Event::ReissueWindowOpens => {
            pick(lang, "reissue applications open", "再交付申請の受付開始")
        }
        Event::Turns70 => pick(lang, "70th birthday", "70歳の誕生日"),
        Event::Turns75 => pick(lang, "75th birthday", "75歳の誕生日"),
        Event::ProvisionalAcceptanceStarts => pick(
            lang,
            "provisional acceptance starts",
            "暫定的な取扱いの開始",
        ),
        Event::ProvisionalAcceptanceEnds => {
            pick(lang, "provisional acceptance ends", "暫定的な取扱いの終了")
        }
        Event::BulkIssuance => pick(
            lang,
            "bulk issuance of certificates",
            "資格確認書の一括交付",
        ),
        Event::CoverageEnds => pick(lang, "last covered day", "資格の最終日"),
        Event::NumberRegistered => pick(
            lang,
            "number registered with the insurer",
            "個人番号のデータ登録完了",
        ),
        Event::RegistrationEffective => {
            pick(lang, "registration takes effect", "利用登録の効力発生")
        }
        Event::ReturnWindowOpens => pick(lang, "return due", "返却が必要になる日"),
        Event::DisposalStarts => pick(lang, "disposal due", "廃棄が必要になる日"),
        Event::ElderlyCertificateExpires => pick(
            lang,
            "elderly certificate expires",
            "高齢受給者証の有効期限",
        ),
        Event::DocumentStarts => pick(lang, "document becomes usable", "書類の使用開始"),
    }
}

/// A warning's label.
pub fn warning_label(w: WarningCode, lang: Lang) -> &'static str {
    match w {
        WarningCode::RulesNotCheckedAfter => pick(
            lang,
            "rules not checked after this day",
            "規則の確認日より後",
        ),
        WarningCode::CoveragePast75 => {
            pick(lang, "coverage claimed past 75", "75歳以降の資格の記録")
        }
        WarningCode::ElderlyCertificateMissing => pick(
            lang,
            "elderly certificate not recorded",
            "高齢受給者証の記録なし",
        ),
        WarningCode::BulkCertificateNotRecorded => pick(
            lang,
            "bulk certificate not recorded",
            "一括交付の資格確認書の記録なし",
        ),
        WarningCode::PlannedRule => pick(lang, "rests on a planned issuance", "予定に基づく回答"),
        WarningCode::RegistrationMayNotBeReflected => pick(
            lang,
            "registration may not be reflected yet",
            "利用登録の反映待ちの可能性",
        ),
        WarningCode::ProvisionalIsDiscretionary => pick(
            lang,
            "provisional acceptance is discretionary",
            "暫定的な取扱いは医療機関の判断",
        ),
        WarningCode::CertificateIssuedDespiteLegacy => pick(
            lang,
            "certificate issued despite a usable card",
            "保険証があるのに資格確認書の交付",
        ),
        WarningCode::LaterRevision => pick(
            lang,
            "revised after the knowledge date",
            "基準日より後に改定",
        ),
        WarningCode::RuleNotYetAnnounced => pick(
            lang,
            "not yet announced on the knowledge date",
            "基準日には未発表",
        ),
        WarningCode::UsageUnknown => pick(
            lang,
            "My Number card usage unknown",
            "マイナ保険証の利用実績が不明",
        ),
        WarningCode::CertificateValidityUnusual => pick(
            lang,
            "unusual certificate validity",
            "資格確認書の有効期間が通常と異なる",
        ),
    }
}

/// A rule's title: what the catalogue's rule decides, in a few words.
pub fn rule_title(r: RuleId, lang: Lang) -> &'static str {
    match r {
        RuleId::CoveragePeriod => pick(lang, "coverage period", "資格の期間"),
        RuleId::CoverageAge75 => pick(lang, "coverage ends at 75", "75歳で資格喪失"),
        RuleId::LegacyIssuanceStop => {
            pick(lang, "paper cards no longer issued", "保険証の発行停止")
        }
        RuleId::LegacyTransitionEnd => pick(lang, "paper cards end", "保険証の使用終了"),
        RuleId::LegacyPrintedExpiry => {
            pick(lang, "paper card's printed expiry", "保険証の有効期限")
        }
        RuleId::LegacyFaceChange => pick(lang, "card face changed", "券面情報の変更"),
        RuleId::LegacyCoverageLost => {
            pick(lang, "paper card after coverage ends", "資格喪失後の保険証")
        }
        RuleId::LegacyLostCard => pick(
            lang,
            "lost paper card not reissued",
            "保険証の紛失（再交付なし）",
        ),
        RuleId::LegacyReturn => pick(lang, "return the paper card", "保険証の返却"),
        RuleId::LegacyDispose => pick(lang, "dispose of the paper card", "保険証の廃棄"),
        RuleId::LegacyProvisionalAcceptance => pick(
            lang,
            "provisional acceptance of expired cards",
            "期限切れ保険証の暫定的な取扱い",
        ),
        RuleId::MncCardValidity => pick(
            lang,
            "My Number card validity",
            "マイナンバーカードの有効期限",
        ),
        RuleId::MncECertValidity => pick(lang, "e-certificate validity", "電子証明書の有効期限"),
        RuleId::MncECertGrace => pick(lang, "e-certificate grace", "電子証明書の猶予期間"),
        RuleId::MncRenewal => pick(lang, "renewal", "更新手続"),
        RuleId::MncRegistration => pick(lang, "health insurance registration", "保険証利用登録"),
        RuleId::MncNumberOnFile => pick(
            lang,
            "number on file with the insurer",
            "保険者への個人番号の届出",
        ),
        RuleId::MncCancellation => pick(lang, "registration cancelled", "利用登録の解除"),
        RuleId::MncLost => pick(lang, "lost My Number card", "マイナンバーカードの紛失"),
        RuleId::MncUsable => pick(
            lang,
            "My Number card usable as health insurance card",
            "マイナ保険証として使用可能",
        ),
        RuleId::CertValidity => pick(lang, "certificate validity", "資格確認書の有効期間"),
        RuleId::CertRequired => pick(lang, "certificate needed", "資格確認書の要否"),
        RuleId::CertNotWithLegacy => pick(
            lang,
            "no certificate beside a usable card",
            "保険証がある間の資格確認書",
        ),
        RuleId::CertBulkIssuance => pick(
            lang,
            "bulk issuance of certificates",
            "資格確認書の一括交付",
        ),
        RuleId::CertKeepAfterMc => pick(
            lang,
            "keep the certificate next to MC",
            "マイナ保険証取得後の資格確認書の保管",
        ),
        RuleId::CertFaceChange => pick(lang, "certificate face changed", "資格確認書の券面変更"),
        RuleId::CertReturn => pick(lang, "return the certificate", "資格確認書の返却"),
        RuleId::CertDispose => pick(
            lang,
            "dispose of an expired certificate",
            "期限切れ資格確認書の廃棄",
        ),
        RuleId::CertReissueWindow => pick(
            lang,
            "reissue window of the bulk certificate",
            "一括交付分の再交付申請",
        ),
        RuleId::CertOnApplication => pick(lang, "certificate on application", "申請による交付"),
        RuleId::CertLost => pick(
            lang,
            "lost certificate or notice",
            "資格確認書・お知らせの紛失",
        ),
        RuleId::CertKouki2026 => pick(
            lang,
            "kouki round of 2026-08-01",
            "後期高齢者医療の2026年8月交付",
        ),
        RuleId::NoticeNotAlone => pick(lang, "notice not enough alone", "お知らせのみでは受診不可"),
        RuleId::NoticeNoReturn => pick(lang, "notice never returned", "お知らせは返却不要"),
        RuleId::NoticeIssuedTo => pick(lang, "who receives the notice", "お知らせの交付対象"),
        RuleId::CareMc => pick(
            lang,
            "My Number card at the counter",
            "マイナ保険証での受診",
        ),
        RuleId::CareCertificate => pick(lang, "certificate at the counter", "資格確認書での受診"),
        RuleId::CareOnlineCheckFallback => pick(
            lang,
            "when the online check fails",
            "オンライン資格確認ができない場合",
        ),
        RuleId::CareElderlyCertificate => pick(lang, "elderly certificate", "高齢受給者証"),
        RuleId::CareFirstVisitAfterChange => {
            pick(lang, "first visit after a change", "変更後の初回受診")
        }
        RuleId::CareFullPayment => pick(lang, "full payment and reimbursement", "全額負担と療養費"),
    }
}

/// One code and its label.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Label {
    /// The code as the answer gives it.
    pub code: &'static str,
    /// Its label.
    pub label: &'static str,
}

fn all<T: Vocab>(f: impl Fn(T) -> &'static str) -> Vec<Label> {
    T::ALL
        .iter()
        .map(|x| Label {
            code: x.as_str(),
            label: f(*x),
        })
        .collect()
}

/// Every code of `kind` with its label in `lang`, in the vocabulary's order.
pub fn labels(kind: LabelKind, lang: Lang) -> Vec<Label> {
    match kind {
        LabelKind::Documents => all(|d| doc_name(d, lang)),
        LabelKind::Statuses => all(|s| status_name(s, lang)),
        LabelKind::NeedReasons => all(|r| need_reason_label(r, lang)),
        LabelKind::Actions => all(|a| action_label(a, lang)),
        LabelKind::Actors => all(|a| actor_label(a, lang)),
        LabelKind::Events => all(|e| event_label(e, lang)),
        LabelKind::Warnings => all(|w| warning_label(w, lang)),
        LabelKind::Rules => RuleId::ALL
            .iter()
            .map(|r| Label {
                code: r.as_str(),
                label: rule_title(*r, lang),
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_has_a_label_in_each_language_of_its_own_script() {
        for kind in LabelKind::ALL {
            assert_eq!(LabelKind::parse(kind.as_str()), Some(kind));
            let en = labels(kind, Lang::En);
            let ja = labels(kind, Lang::Ja);
            assert!(!en.is_empty());
            assert_eq!(en.len(), ja.len());
            for (e, j) in en.iter().zip(&ja) {
                assert_eq!(e.code, j.code);
                assert!(!e.label.is_empty() && !j.label.is_empty());
                assert!(
                    !e.label
                        .chars()
                        .any(|c| ('\u{3040}'..='\u{9fff}').contains(&c)),
                    "{}",
                    e.label
                );
                assert!(
                    j.label
                        .chars()
                        .any(|c| ('\u{3040}'..='\u{9fff}').contains(&c)),
                    "{}",
                    j.label
                );
            }
        }
        assert_eq!(
            labels(LabelKind::Rules, Lang::En).len(),
            crate::rules::RULE_COUNT
        );
    }
}
