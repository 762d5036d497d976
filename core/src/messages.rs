//! Texts in English and Japanese for every status, obligation, event, warning and need. Rendering is a
//! separate pass over the coded answer, so callers that need no text pay nothing for it.

use chrono::{Datelike, NaiveDate};

use crate::assessment::*;
use crate::engine::Ctx;
use crate::ruleset::{Delivery, Via};

/// A language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    /// Japanese.
    Ja,
    /// English.
    En,
}

impl Lang {
    /// Parses `ja` or `en`.
    pub fn parse(s: &str) -> Option<Lang> {
        match s {
            "ja" => Some(Lang::Ja),
            "en" => Some(Lang::En),
            _ => None,
        }
    }
}

/// `2025-12-01`.
pub fn en_date(d: NaiveDate) -> String {
    crate::dates::iso(d)
}

/// `2025年12月1日`.
pub fn ja_date(d: NaiveDate) -> String {
    format!("{}年{}月{}日", d.year(), d.month(), d.day())
}

/// ` on 2025-12-01`, or nothing when the date is unknown (a text never prints a placeholder for a date).
fn en_on(d: Option<NaiveDate>) -> String {
    d.map(|d| format!(" on {}", en_date(d))).unwrap_or_default()
}

/// `2025年12月1日に`, or nothing when the date is unknown.
fn ja_on(d: Option<NaiveDate>) -> String {
    d.map(|d| format!("{}に", ja_date(d))).unwrap_or_default()
}

/// A document's name.
pub fn doc_name(d: Document, lang: Lang) -> &'static str {
    match (d, lang) {
        (Document::LegacyCard, Lang::En) => "health insurance card (paper)",
        (Document::LegacyCard, Lang::Ja) => "健康保険証",
        (Document::MyNumberCard, Lang::En) => "My Number card as health insurance card",
        (Document::MyNumberCard, Lang::Ja) => "マイナ保険証",
        (Document::Certificate, Lang::En) => "eligibility certificate",
        (Document::Certificate, Lang::Ja) => "資格確認書",
        (Document::Notice, Lang::En) => "eligibility-information notice",
        (Document::Notice, Lang::Ja) => "資格情報のお知らせ",
        (Document::PortalRecord, Lang::En) => "Myna Portal eligibility record (screen or PDF)",
        (Document::PortalRecord, Lang::Ja) => "マイナポータルの資格情報（画面またはPDF）",
        (Document::ElderlyCertificate, Lang::En) => "elderly certificate",
        (Document::ElderlyCertificate, Lang::Ja) => "高齢受給者証",
        (Document::OralConfirmation, Lang::En) => "oral confirmation that nothing changed",
        (Document::OralConfirmation, Lang::Ja) => "資格情報に変更がない旨の口頭確認",
        (Document::SelfDeclaration, Lang::En) => "self-declaration form",
        (Document::SelfDeclaration, Lang::Ja) => "被保険者資格申立書",
    }
}

/// A status's name.
pub fn status_name(s: Status, lang: Lang) -> &'static str {
    match (s, lang) {
        (Status::Valid, Lang::En) => "valid",
        (Status::Valid, Lang::Ja) => "有効",
        (Status::NotYetValid, Lang::En) => "not yet valid",
        (Status::NotYetValid, Lang::Ja) => "有効前",
        (Status::Expired, Lang::En) => "expired",
        (Status::Expired, Lang::Ja) => "期限切れ",
        (Status::Ended, Lang::En) => "ended",
        (Status::Ended, Lang::Ja) => "使用終了",
        (Status::Invalidated, Lang::En) => "invalidated",
        (Status::Invalidated, Lang::Ja) => "無効",
        (Status::Unusable, Lang::En) => "unusable",
        (Status::Unusable, Lang::Ja) => "使用不可",
        (Status::InGrace, Lang::En) => "in grace",
        (Status::InGrace, Lang::Ja) => "猶予期間中",
    }
}

fn via_phrase(v: Option<Via>) -> (&'static str, &'static str) {
    match v {
        Some(Via::Employer) => (" through the employer", "勤務先を経由して"),
        Some(Via::Insurer) => (" directly to the insurer", "保険者へ直接"),
        Some(Via::Municipality) => (" at the municipality", "市区町村の窓口で"),
        Some(Via::Hotline) => (
            " through the My Number hotline (0120-95-0178)",
            "マイナンバー総合フリーダイヤル（0120-95-0178）で",
        ),
        None => ("", ""),
    }
}

fn reason_text(ctx: &Ctx, on: NaiveDate, doc: &DocumentAssessment) -> (String, String) {
    // the day the status began: a cause dated before the document existed is dated on its first day
    let ended = doc.since.or(doc.valid_through.map(crate::dates::next_day));
    let vt = doc.valid_through;
    match doc.reason.code {
        ReasonCode::Valid => match (doc.document, vt) {
            (Document::LegacyCard, Some(v)) => (
                format!("usable through {} (transitional measure)", en_date(v)),
                format!("経過措置により{}まで使用できます", ja_date(v)),
            ),
            (Document::Notice, _) => {
                let (from, until) = (ctx.prof.provisional_acceptance_from, ctx.prof.provisional_acceptance_until);
                if from <= on && on <= until {
                    (
                        format!("shown together with the usable My Number card; until {} a clinic may also accept it shown alone (provisional measure, at its discretion)", en_date(until)),
                        format!("使用できるマイナ保険証と一緒に提示します。{}までは、医療機関の判断でお知らせのみの提示でも暫定的に受け付けることがあります", ja_date(until)),
                    )
                } else {
                    (
                        "usable only together with a usable My Number card".to_owned(),
                        "使用できるマイナ保険証と一緒に提示する場合のみ使用できます".to_owned(),
                    )
                }
            }
            (_, Some(v)) => (format!("usable through {}", en_date(v)), format!("{}まで使用できます", ja_date(v))),
            (_, None) => ("usable".to_owned(), "使用できます".to_owned()),
        },
        ReasonCode::InGrace => {
            let e = ctx.mnc.as_ref().map(|f| f.e_cert_expiry);
            let g = ctx.mnc.as_ref().map(|f| f.grace_end);
            (
                format!("the e-certificate has expired{}; the card still works for eligibility checks{} — renew the e-certificate by then to keep using it (the registration is kept)", e.map(|e| format!(" (its last valid day was {})", en_date(e))).unwrap_or_default(), g.map(|g| format!(" through {}", en_date(g))).unwrap_or_default()),
                format!("電子証明書の有効期限（{}）が過ぎましたが、{}資格確認に使えます。引き続き使うにはそれまでに電子証明書を更新してください（利用登録はそのまま有効です）", e.map(ja_date).unwrap_or_default(), g.map(|g| format!("{}まで", ja_date(g))).unwrap_or_default()),
            )
        }
        ReasonCode::NotYetIssued => match doc.valid_from.or(doc.since) {
            Some(f) => (format!("not usable before {}", en_date(f)), format!("{}から使用できます", ja_date(f))),
            None => ("not issued yet".to_owned(), "まだ交付されていません".to_owned()),
        },
        ReasonCode::CoverageNotStarted => (
            format!("coverage starts on {}", en_date(ctx.cov.acquired)),
            format!("資格取得日は{}です", ja_date(ctx.cov.acquired)),
        ),
        ReasonCode::AgeNotReached => (
            format!("takes effect on {} (the 1st of the month after the 70th birthday, or the birthday itself when it falls on the 1st)", en_date(ctx.cov.elderly_from)),
            format!("{}から発効します（70歳の誕生月の翌月1日。誕生日が1日の方は誕生月から）", ja_date(ctx.cov.elderly_from)),
        ),
        ReasonCode::Lost => (format!("reported lost{}", en_on(ended)), format!("{}紛失しました", ja_on(ended))),
        ReasonCode::CoverageLost => match ctx.cov.lost {
            Some(l) => (
                format!("coverage ended: {} is the first day without coverage", en_date(l)),
                format!("資格喪失日（{}）以降は使用できません", ja_date(l)),
            ),
            None => ("coverage ended".to_owned(), "資格を喪失しています".to_owned()),
        },
        ReasonCode::FaceChange => (
            format!("the card face (symbol, number or name) changed{}", en_on(ended)),
            format!("{}券面情報（記号・番号・氏名）が変更されたため使用できません", ja_on(ended)),
        ),
        ReasonCode::Cancelled => (
            format!("the health insurance registration was cancelled{}", en_on(ended)),
            format!("{}保険証利用登録が解除されました", ja_on(ended)),
        ),
        ReasonCode::Expired => match vt.or(ended.map(crate::dates::prev_day)) {
            Some(v) => (format!("expired: the last valid day was {}", en_date(v)), format!("有効期限（{}）が過ぎています", ja_date(v))),
            None => ("expired".to_owned(), "有効期限が過ぎています".to_owned()),
        },
        ReasonCode::ECertPastGrace => {
            let g = ctx.mnc.as_ref().map(|f| f.grace_end);
            (
                format!("the e-certificate grace ended{}: the registration is cancelled — renew the e-certificate and register again", g.map(|g| format!(" after {}", en_date(g))).unwrap_or_default()),
                format!("電子証明書の猶予期間が{}終わり、利用登録は解除されました。電子証明書を更新し、利用登録をし直してください", g.map(|g| format!("{}で", ja_date(g))).unwrap_or_default()),
            )
        }
        ReasonCode::TransitionEnded => {
            let last = ctx.nat.legacy_transition_last_day;
            (
                format!("legacy cards could be used through {} only", en_date(last)),
                format!("従来の健康保険証は{}までしか使用できません", ja_date(last)),
            )
        }
        ReasonCode::NotRegistered => (
            "the card is not registered for health insurance use".to_owned(),
            "マイナンバーカードの保険証利用登録がされていません".to_owned(),
        ),
        ReasonCode::NumberNotOnFile => match ctx.mnc.as_ref().and_then(|f| f.number_from).filter(|n| *n > on) {
            Some(n) => (
                format!("the insurer's data registration of the number completes on {}", en_date(n)),
                format!("保険者での個人番号のデータ登録は{}に完了する見込みです", ja_date(n)),
            ),
            None => (
                "the insurer does not hold the member's individual number".to_owned(),
                "保険者に個人番号が届け出られていません".to_owned(),
            ),
        },
        ReasonCode::NotAlone => (
            "the notice is not usable alone and there is no usable My Number card".to_owned(),
            "資格情報のお知らせだけでは受診できません（使用できるマイナ保険証がありません）".to_owned(),
        ),
    }
}

/// Texts of an obligation; `provisional_until` is the last day a provider may still accept the legacy card
/// provisionally when it can (so the disposal text says how the two fit).
fn obligation_text(
    ctx: &Ctx,
    o: &Obligation,
    provisional_until: Option<NaiveDate>,
) -> (String, String) {
    let (ven, vja) = via_phrase(o.via);
    let dn = doc_name(o.document, Lang::En);
    let dj = doc_name(o.document, Lang::Ja);
    let by_en = o
        .until
        .map(|u| format!(" by {}", en_date(u)))
        .unwrap_or_default();
    let by_ja = o
        .until
        .map(|u| format!("{}までに", ja_date(u)))
        .unwrap_or_default();
    let from_en = o
        .from
        .map(|f| format!(" from {}", en_date(f)))
        .unwrap_or_default();
    let from_ja = o
        .from
        .map(|f| format!("{}以降、", ja_date(f)))
        .unwrap_or_default();
    match o.action {
        // a certificate's return window runs to its expiry, which is no deadline: return it now
        Action::Return if o.document == Document::Certificate => {
            let expiry = o
                .index
                .and_then(|i| ctx.m.certificates.get(i as usize))
                .and_then(|c| crate::cert::expiry(ctx.prof, c))
                .map(|(e, _)| e);
            (
                format!(
                    "return the {dn}{ven} now; do not use it or throw it away{}",
                    expiry.map(|u| format!(" (if it is still with you after it expires on {}, dispose of it yourself)", en_date(u))).unwrap_or_default()
                ),
                format!(
                    "{dj}を速やかに{vja}返却してください（使用も個人での廃棄もしないでください{}）",
                    expiry.map(|u| format!("。有効期限（{}）を過ぎて手元に残っている場合は個人で廃棄してください", ja_date(u))).unwrap_or_default()
                ),
            )
        }
        Action::Return => (
            format!("return the {dn}{ven}{by_en}; do not throw it away"),
            format!("{by_ja}{dj}を{vja}返却してください（個人で廃棄しないでください）"),
        ),
        Action::Dispose if o.document == Document::LegacyCard && provisional_until.is_some() => {
            let u = provisional_until.unwrap_or(ctx.prof.provisional_acceptance_until);
            (
                format!("no return is needed; a clinic may still accept the {dn} provisionally until {} (at its discretion); dispose of it yourself after that", en_date(u)),
                format!("返却は不要です。{}までは医療機関の判断で{dj}を暫定的に受け付けることがあります。その後は個人で廃棄してください", ja_date(u)),
            )
        }
        Action::Dispose => (
            format!("dispose of the {dn} yourself{from_en}; no return is needed"),
            format!("{from_ja}{dj}は個人で廃棄してください（返却は不要です）"),
        ),
        Action::Keep => match o.until {
            Some(u) => (
                format!("keep the {dn} until it expires ({})", en_date(u)),
                format!("{dj}は有効期限（{}）まで保管してください", ja_date(u)),
            ),
            None => (format!("keep the {dn}"), format!("{dj}は保管してください")),
        },
        Action::ApplyCertificate if o.required => (
            format!("apply for an eligibility certificate{ven}"),
            format!("資格確認書の交付を{vja}申請してください"),
        ),
        Action::ApplyCertificate if o.rule == crate::rules::RuleId::CertKouki2026 => (
            format!("may apply for an eligibility certificate{ven}{from_en}; once granted it is sent every year without a new application"),
            format!("{from_ja}資格確認書の交付を{vja}申請できます（申請すると、以後は毎年申請なしで送付されます）"),
        ),
        Action::ApplyCertificate => (
            format!("may apply for an eligibility certificate at any time{ven}"),
            format!("必要であれば、資格確認書の交付をいつでも{vja}申請できます"),
        ),
        Action::ApplyReissue => match o.document {
            Document::MyNumberCard => (
                "apply for a new My Number card at the municipality".to_owned(),
                "住所地の市区町村でマイナンバーカードの再発行を申請してください".to_owned(),
            ),
            _ => (
                format!("apply for a reissued {dn}{ven}{from_en}{by_en}"),
                format!("{from_ja}{by_ja}{dj}の再交付を{vja}申請してください"),
            ),
        },
        Action::RegisterInsuranceUse if o.rule == crate::rules::RuleId::MncRegistration && ctx.mnc.as_ref().is_some_and(|f| o.from.is_some_and(|x| x > f.grace_end)) => (
            "once the e-certificate is renewed, register the My Number card for health insurance use again: the registration was cancelled when the grace ended (Myna Portal, a clinic's card reader, or a Seven Bank ATM)".to_owned(),
            "電子証明書を更新したら、保険証利用登録をし直してください。猶予期間の終了で登録は解除されています（マイナポータル、医療機関のカードリーダー、セブン銀行ATM）".to_owned(),
        ),
        Action::RegisterInsuranceUse => (
            "register the My Number card for health insurance use (Myna Portal, a clinic's card reader, or a Seven Bank ATM)".to_owned(),
            "マイナンバーカードの保険証利用登録をしてください（マイナポータル、医療機関のカードリーダー、セブン銀行ATM）".to_owned(),
        ),
        Action::SubmitNumber => (
            format!("submit the individual number to the insurer{ven} (never write the number itself in this record)"),
            format!("個人番号を{vja}保険者に届け出てください（この記録に番号そのものは書かないでください）"),
        ),
        Action::RenewECert => match (o.until, ctx.mnc.as_ref()) {
            (Some(u), Some(f)) if u == f.grace_end => (
                format!("renew the e-certificate at the municipality (free){from_en} by {} to keep using the card (the registration is kept)", en_date(u)),
                format!("{from_ja}{}までに市区町村の窓口で電子証明書を更新してください（手数料無料）。更新すれば引き続きマイナ保険証として使え、利用登録もそのままです", ja_date(u)),
            ),
            _ => (
                format!("renew the e-certificate at the municipality (free){from_en}"),
                format!("{from_ja}市区町村の窓口で電子証明書を更新してください（手数料無料）"),
            ),
        },
        Action::RenewCard => (
            format!("renew the My Number card at the municipality{from_en}"),
            format!("{from_ja}市区町村の窓口でマイナンバーカードを更新してください"),
        ),
        Action::SuspendCard => (
            "call the My Number hotline (0120-95-0178, 24 hours) to suspend the card, then report the loss to the police".to_owned(),
            "マイナンバー総合フリーダイヤル（0120-95-0178、24時間365日）で機能停止を依頼し、警察に遺失届を出してください".to_owned(),
        ),
        Action::CheckPortal => (
            "before the first visit with the My Number card, check that Myna Portal shows the new eligibility details".to_owned(),
            "マイナ保険証で初めて受診する前に、マイナポータルの「医療保険の資格情報」に変更後の情報が表示されているか確認してください".to_owned(),
        ),
        Action::ShowElderlyCertificate => (
            "show the elderly certificate together with the health insurance card or eligibility certificate (not needed with the My Number card)".to_owned(),
            "保険証または資格確認書で受診するときは高齢受給者証も一緒に提示してください（マイナ保険証なら不要です）".to_owned(),
        ),
        Action::IssueCertificate => {
            let (den, dja) = match o.delivery {
                Some(Delivery::HouseholdMail) => (", mailed per household to the insured person's address", "（世帯単位で被保険者の住所へ特定記録郵便で郵送）"),
                Some(Delivery::HeldByInsurer) => (", kept by the insurer (no address in Japan)", "（国内住所がないため保険者で保管）"),
                Some(Delivery::Mail) => (", by mail", "（郵送）"),
                None => ("", ""),
            };
            (
                format!("the insurer issues an eligibility certificate without application{from_en}{}{den}", o.until.map(|u| format!(" through {}", en_date(u))).unwrap_or_default()),
                format!("{from_ja}{}保険者が申請なしで資格確認書を交付します{dja}", o.until.map(|u| format!("{}までに", ja_date(u))).unwrap_or_default()),
            )
        }
    }
}

fn event_text(u: &Upcoming) -> (String, String) {
    let (d, j) = (en_date(u.on), ja_date(u.on));
    let (en, ja): (&str, &str) = match u.event {
        Event::LegacyCardEnds => (
            "last day the health insurance card can be used",
            "健康保険証を使用できる最終日",
        ),
        Event::LegacyCardExpires => (
            "the health insurance card's printed expiry (last valid day)",
            "健康保険証の有効期限（最終日）",
        ),
        Event::CertificateExpires => (
            "the eligibility certificate's last valid day",
            "資格確認書の有効期限（最終日）",
        ),
        Event::ECertExpires => (
            "the e-certificate's last valid day",
            "電子証明書の有効期限（最終日）",
        ),
        Event::ECertGraceEnds => (
            "last day the card works for eligibility checks after the e-certificate expired",
            "電子証明書の期限切れ後に資格確認に使える最終日",
        ),
        Event::CardExpires => (
            "the My Number card's last valid day",
            "マイナンバーカードの有効期限（最終日）",
        ),
        Event::RenewalWindowOpens => (
            "renewal at the municipality becomes possible",
            "市区町村で更新手続ができるようになる日",
        ),
        Event::ReissueWindowOpens => (
            "reissue applications for the bulk certificate open",
            "一括発行の資格確認書の再交付申請の受付開始日",
        ),
        Event::Turns70 => (
            "70th birthday (the elderly certificate takes effect on the 1st of the next month, or on the birthday when it is the 1st)",
            "70歳の誕生日（高齢受給者証は翌月1日から、誕生日が1日の方は誕生日から発効）",
        ),
        Event::Turns75 => (
            "75th birthday: coverage moves to the late-elderly scheme",
            "75歳の誕生日（後期高齢者医療へ移行）",
        ),
        Event::ProvisionalAcceptanceStarts => (
            "providers may provisionally accept the expired card from this day",
            "期限切れの保険証の暫定的な取扱いの開始日",
        ),
        Event::ProvisionalAcceptanceEnds => (
            "last day of the provisional acceptance",
            "暫定的な取扱いの最終日",
        ),
        Event::BulkIssuance => (
            "the insurer's bulk issuance of eligibility certificates begins",
            "資格確認書の一括交付の開始日",
        ),
        Event::CoverageEnds => ("last covered day", "資格の最終日"),
        Event::NumberRegistered => (
            "the insurer's data registration of the number counts as complete",
            "個人番号のデータ登録の完了日",
        ),
        Event::RegistrationEffective => (
            "the health insurance registration of the card takes effect",
            "保険証利用登録の効力発生日",
        ),
        Event::ReturnWindowOpens => (
            "the duty to return the document begins",
            "返却が必要になる日",
        ),
        Event::DisposalStarts => (
            "the document is to be disposed of from this day",
            "廃棄が必要になる日",
        ),
        Event::ElderlyCertificateExpires => (
            "the elderly certificate's last valid day",
            "高齢受給者証の有効期限（最終日）",
        ),
        Event::DocumentStarts => ("the document becomes usable", "書類が使用可能になる日"),
    };
    let (den, dja) = match u.document {
        Some(doc)
            if !matches!(
                u.event,
                Event::Turns70 | Event::Turns75 | Event::CoverageEnds
            ) =>
        {
            (
                format!(" ({})", doc_name(doc, Lang::En)),
                format!("（{}）", doc_name(doc, Lang::Ja)),
            )
        }
        _ => (String::new(), String::new()),
    };
    (format!("{d}: {en}{den}"), format!("{j}：{ja}{dja}"))
}

fn warning_text(
    ctx: &Ctx,
    w: WarningCode,
    rule: Option<crate::rules::RuleId>,
    known: Option<NaiveDate>,
) -> (String, String) {
    let r = rule.map(|r| r.as_str()).unwrap_or("");
    let k_en = known.map(en_date).unwrap_or_default();
    let k_ja = known.map(ja_date).unwrap_or_default();
    match w {
        WarningCode::LaterRevision => (
            format!("this answer reads the rules as announced by {k_en}; rule {r} was revised after that day, and the latest rules may answer differently"),
            format!("この回答は{k_ja}までに発表された規則によるものです。規則 {r} はその後に改定されており、最新の規則では回答が異なる場合があります"),
        ),
        WarningCode::RuleNotYetAnnounced => (
            format!("this answer reads the rules as announced by {k_en}; rule {r} had not been announced by then, so its first announced value is used"),
            format!("この回答は{k_ja}までに発表された規則によるものです。規則 {r} はまだ発表されていなかったため、最初に発表された値を使っています"),
        ),
        WarningCode::UsageUnknown => {
            let round = ctx.prof.bulk.iter().find(|b| Some(b.rule) == rule && b.usage_test.is_some());
            let (m12, m3) = round.and_then(|b| b.usage_test).unwrap_or((6, 1));
            let (wf, wu) = round.map(|b| (b.window_from, b.window_until)).unwrap_or((ctx.nat.checked_on, ctx.nat.checked_on));
            (
                format!("the certificate round of {}–{} depends on how often the member used the My Number card, which the record does not give (`my_number_card.usage`): with at least {m12} uses in the last 12 months and at least {m3} in the last 3 months the member receives the eligibility-information notice; otherwise the insurer issues an eligibility certificate without application", en_date(wf), en_date(wu)),
                format!("{}〜{}の交付は、記録にないマイナ保険証の利用実績（`my_number_card.usage`）によって決まります。直近12か月に{m12}回以上かつ直近3か月に{m3}回以上利用していれば資格情報のお知らせが、そうでなければ申請なしで資格確認書が届きます", ja_date(wf), ja_date(wu)),
            )
        }
        WarningCode::CertificateValidityUnusual => (
            format!("a certificate's validity is shorter than this insurer gives ({} years at least): check its printed expiry", ctx.prof.certificate_min_years.unwrap_or(0)),
            format!("資格確認書の有効期間がこの保険者の通常（{}年以上）より短くなっています。記載の有効期限を確認してください", ctx.prof.certificate_min_years.unwrap_or(0)),
        ),
        WarningCode::RulesNotCheckedAfter => (
            format!("the rules were last checked against their sources on {}; later changes are not reflected", en_date(ctx.nat.checked_on)),
            format!("規則は{}時点の出典で確認したものです。それ以降の変更は反映されていません", ja_date(ctx.nat.checked_on)),
        ),
        WarningCode::CoveragePast75 => (
            format!("the record claims coverage past the 75th birthday ({}); this scheme ends there", en_date(ctx.cov.b75)),
            format!("75歳の誕生日（{}）以降も資格があるとの記録ですが、この制度の資格はその日に終わります", ja_date(ctx.cov.b75)),
        ),
        WarningCode::ElderlyCertificateMissing => (
            "aged 70–74 with no usable elderly certificate recorded: show it with the card or certificate".to_owned(),
            "70〜74歳ですが、使用できる高齢受給者証の記録がありません".to_owned(),
        ),
        WarningCode::BulkCertificateNotRecorded => (
            "the member was a target of a bulk issuance, but the record holds no certificate from it".to_owned(),
            "一括交付の対象ですが、交付された資格確認書の記録がありません".to_owned(),
        ),
        WarningCode::PlannedRule => (
            "this answer rests on an issuance announced as planned".to_owned(),
            "この回答は予定として公表された交付に基づいています".to_owned(),
        ),
        WarningCode::RegistrationMayNotBeReflected => (
            "a registration from the last few days may take about a week to be reflected".to_owned(),
            "利用登録後、反映に1週間程度かかる場合があります".to_owned(),
        ),
        WarningCode::ProvisionalIsDiscretionary => (
            "provisional acceptance is at the provider's discretion, not an entitlement".to_owned(),
            "暫定的な取扱いは医療機関の判断によるもので、権利ではありません".to_owned(),
        ),
        WarningCode::CertificateIssuedDespiteLegacy => (
            "a certificate was issued on application while a usable health insurance card was held, which this insurer refuses".to_owned(),
            "使用できる保険証をお持ちの間に申請で資格確認書が交付された記録ですが、この保険者では発行できません".to_owned(),
        ),
    }
}

fn need_text(n: &NeedsCertificate, covered: bool, care: &Care) -> (String, String) {
    if !n.needed {
        let shows = |d: Document| care.options.iter().any(|s| s.first() == Some(&d));
        return if covered {
            if shows(Document::MyNumberCard) && shows(Document::Certificate) {
                (
                    "the member can be treated with the My Number card, and also holds a usable eligibility certificate".to_owned(),
                    "マイナ保険証で受診できます。使用できる資格確認書もお持ちです".to_owned(),
                )
            } else if shows(Document::MyNumberCard) {
                (
                    "the My Number card is usable: no eligibility certificate is needed".to_owned(),
                    "マイナ保険証で受診できるため、資格確認書は必要ありません".to_owned(),
                )
            } else if shows(Document::Certificate) {
                (
                    "the member holds a usable eligibility certificate and can be treated with it"
                        .to_owned(),
                    "資格確認書で受診できます".to_owned(),
                )
            } else if shows(Document::LegacyCard) {
                (
                    "the health insurance card can still be used: no eligibility certificate is needed yet".to_owned(),
                    "健康保険証で受診できるため、まだ資格確認書は必要ありません".to_owned(),
                )
            } else {
                (
                    "no eligibility certificate exists yet on this day".to_owned(),
                    "この日はまだ資格確認書の制度がありません".to_owned(),
                )
            }
        } else {
            (
                "not covered today".to_owned(),
                "この日は資格がありません".to_owned(),
            )
        };
    }
    let (en, ja) = match n.reason {
        Some(NeedReason::NoCard) | None => ("no My Number card", "マイナンバーカードがありません"),
        Some(NeedReason::NotRegistered) => (
            "the card is not registered for health insurance use",
            "保険証利用登録がされていません",
        ),
        Some(NeedReason::RegistrationCancelled) => (
            "the registration was cancelled",
            "保険証利用登録が解除されました",
        ),
        Some(NeedReason::ECertPastGrace) => (
            "the e-certificate is past its grace period",
            "電子証明書の猶予期間が過ぎています",
        ),
        Some(NeedReason::CardExpired) => (
            "the card expired",
            "マイナンバーカードの有効期限が切れています",
        ),
        Some(NeedReason::CardLost) => ("the card was lost", "マイナンバーカードを紛失しています"),
        Some(NeedReason::NumberNotOnFile) => (
            "the insurer does not hold the number",
            "保険者に個人番号が登録されていません",
        ),
    };
    match n.from {
        Some(f) => (
            format!(
                "an eligibility certificate is needed from {}: {en}",
                en_date(f)
            ),
            format!("{}から資格確認書が必要です：{ja}", ja_date(f)),
        ),
        None => (
            format!("an eligibility certificate is needed: {en}"),
            format!("資格確認書が必要です：{ja}"),
        ),
    }
}

/// Fills every `en`/`ja` text of an assessment.
/// Which texts of an answer to fill ([`crate::RuleSet::assess_with_texts`]): a caller that shows only the
/// obligations or only the events need not pay for the rest. The texts filled are the same as in a full answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TextParts {
    /// The documents' reasons.
    pub documents: bool,
    /// The obligations.
    pub obligations: bool,
    /// The upcoming events.
    pub upcoming: bool,
    /// Everything else: warnings, `care.full_payment`, `needs_certificate`.
    pub rest: bool,
}

impl TextParts {
    /// Every text (a full answer).
    pub const ALL: TextParts = TextParts {
        documents: true,
        obligations: true,
        upcoming: true,
        rest: true,
    };
    /// No text (codes only).
    pub const NONE: TextParts = TextParts {
        documents: false,
        obligations: false,
        upcoming: false,
        rest: false,
    };
    /// The obligations' texts only.
    pub const OBLIGATIONS: TextParts = TextParts {
        obligations: true,
        ..TextParts::NONE
    };
    /// The upcoming events' texts only.
    pub const UPCOMING: TextParts = TextParts {
        upcoming: true,
        ..TextParts::NONE
    };
}

/// Fills the texts of `parts`.
pub(crate) fn render(ctx: &Ctx, a: &mut Assessment, parts: TextParts) {
    let on = a.on;
    if parts.documents {
        for d in &mut a.documents {
            let (en, ja) = reason_text(ctx, on, d);
            d.reason.en = Some(en);
            d.reason.ja = Some(ja);
        }
    }
    let provisional_until = a
        .care
        .provisional
        .iter()
        .any(|s| s.as_ref() == [Document::LegacyCard])
        .then_some(ctx.prof.provisional_acceptance_until);
    if parts.obligations {
        for o in &mut a.obligations {
            let (en, ja) = obligation_text(ctx, o, provisional_until);
            o.en = Some(en);
            o.ja = Some(ja);
        }
    }
    if parts.upcoming {
        for u in &mut a.upcoming {
            let (en, ja) = event_text(u);
            u.en = Some(en);
            u.ja = Some(ja);
        }
    }
    if !parts.rest {
        return;
    }
    for w in &mut a.warnings {
        let (en, ja) = warning_text(ctx, w.code, w.rule, a.rules_as_of);
        w.en = Some(en);
        w.ja = Some(ja);
    }
    if let Some(fp) = a.care.full_payment.as_mut() {
        // `care.full-payment`, next to how to obtain a usable document (the obligations)
        fp.en = Some("nothing usable can be shown today: the clinic may ask for the full cost (10割); keep the receipt and claim the insurer's share back afterwards (療養費)".to_owned());
        fp.ja = Some("本日提示できる有効な書類がありません。窓口で医療費を全額（10割）支払い、領収書を添えて後日、保険者に療養費を申請してください".to_owned());
    }
    let (en, ja) = need_text(&a.needs_certificate, a.covered, &a.care);
    a.needs_certificate.en = Some(en);
    a.needs_certificate.ja = Some(ja);
}
