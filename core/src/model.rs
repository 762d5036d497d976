//! The member record: the contract's input, one member of one insurer. Never the individual number itself
//! (seed 000: 「マイナンバーそのものは記載しないようご注意ください」 — take care not to write the number itself).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Marker that a date failed the strict `YYYY-MM-DD` check; [`crate::validate`] turns it into a coded error.
pub(crate) const INVALID_DATE: &str = "hokensho:invalid_date";

pub(crate) mod date {
    use super::INVALID_DATE;
    use chrono::NaiveDate;
    use serde::{de::Error, Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(d: &NaiveDate, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&crate::dates::iso(*d))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        crate::dates::parse_iso(&s).ok_or_else(|| D::Error::custom(INVALID_DATE))
    }
}

pub(crate) mod opt_date {
    use chrono::NaiveDate;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(d: &Option<NaiveDate>, s: S) -> Result<S::Ok, S::Error> {
        match d {
            Some(d) => super::date::serialize(d, s),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
        #[derive(Deserialize)]
        struct W(#[serde(with = "super::date")] NaiveDate);
        Ok(Option::<W>::deserialize(d)?.map(|w| w.0))
    }
}

/// Insured person or dependent (被保険者 / 被扶養者).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// 被保険者 (組合員).
    Insured,
    /// 被扶養者.
    Dependent,
}

/// One member of one insurer, on the contract's wire names.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Member {
    /// The caller's own key for the member (never an individual number).
    pub id: String,
    /// A profile id from the rule set: `kenpo`, `kyokai`, `kyosai`, `kokuho`, `kouki`, or one the user loads.
    pub insurer: String,
    /// Insured person or dependent.
    pub role: Role,
    /// Date of birth.
    #[serde(with = "date")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::IsoDate"))]
    pub birth_date: NaiveDate,
    /// No address in Japan (海外勤務者など).
    #[serde(default)]
    pub abroad: bool,
    /// Needs a third person's help at a visit (要配慮者).
    #[serde(default)]
    pub needs_assistance: bool,
    /// The coverage period with this insurer.
    pub coverage: Coverage,
    /// Whether and since when the insurer holds the member's individual number (never the number).
    #[serde(default)]
    pub number_on_file: Option<NumberOnFile>,
    /// The paper health insurance card (健康保険証), when held.
    #[serde(default)]
    pub legacy_card: Option<LegacyCard>,
    /// The My Number card (マイナンバーカード), when held.
    #[serde(default)]
    pub my_number_card: Option<MyNumberCard>,
    /// Eligibility certificates (資格確認書) held.
    #[serde(default)]
    pub certificates: Vec<Certificate>,
    /// The eligibility-information notice (資格情報のお知らせ), when held.
    #[serde(default)]
    pub notice: Option<Notice>,
    /// The elderly certificate (高齢受給者証), when held.
    #[serde(default)]
    pub elderly_certificate: Option<ElderlyCertificate>,
    /// Changes of the card face (記号・番号・氏名).
    #[serde(default)]
    pub face_changes: Vec<FaceChange>,
}

/// The coverage period (資格取得日 / 資格喪失日).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Coverage {
    /// 資格取得日: the first covered day.
    #[serde(with = "date")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::IsoDate"))]
    pub acquired_on: NaiveDate,
    /// 資格喪失日: the first day without coverage (the day after retirement or death).
    #[serde(default, with = "opt_date")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<crate::schema::IsoDate>"))]
    pub lost_on: Option<NaiveDate>,
    /// 任意継続: a former employee continuing voluntarily (returns documents to the insurer directly).
    #[serde(default)]
    pub voluntary_continuation: bool,
}

/// The insurer's record of the member's individual number: dates only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct NumberOnFile {
    /// The day the insurer received the number with complete forms.
    #[serde(with = "date")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::IsoDate"))]
    pub received_on: NaiveDate,
    /// The day data registration finished; when absent, `received_on` plus the profile's standard delay.
    #[serde(default, with = "opt_date")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<crate::schema::IsoDate>"))]
    pub registered_on: Option<NaiveDate>,
}

/// The paper card.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct LegacyCard {
    /// Issue date (must be before 2024-12-02).
    #[serde(with = "date")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::IsoDate"))]
    pub issued_on: NaiveDate,
    /// The printed expiry (有効期限), when the card has one.
    #[serde(default, with = "opt_date")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<crate::schema::IsoDate>"))]
    pub expires_on: Option<NaiveDate>,
    /// The day the card was lost, when it was.
    #[serde(default, with = "opt_date")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<crate::schema::IsoDate>"))]
    pub lost_on: Option<NaiveDate>,
}

/// The My Number card and its insurance-use registration.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct MyNumberCard {
    /// Issue date of the card.
    #[serde(with = "date")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::IsoDate"))]
    pub issued_on: NaiveDate,
    /// The card's expiry; derived from the birthday rule when absent.
    #[serde(default, with = "opt_date")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<crate::schema::IsoDate>"))]
    pub expires_on: Option<NaiveDate>,
    /// The electronic certificate's expiry; derived (5th birthday after issuance) when absent.
    #[serde(default, with = "opt_date")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<crate::schema::IsoDate>"))]
    pub e_cert_expires_on: Option<NaiveDate>,
    /// The insurance-use registration (保険証利用登録), when done.
    #[serde(default, with = "opt_date")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<crate::schema::IsoDate>"))]
    pub registered_on: Option<NaiveDate>,
    /// The cancellation of that registration (利用登録の解除), when done.
    #[serde(default, with = "opt_date")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<crate::schema::IsoDate>"))]
    pub cancelled_on: Option<NaiveDate>,
    /// The day the card was lost or stolen, when it was.
    #[serde(default, with = "opt_date")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<crate::schema::IsoDate>"))]
    pub lost_on: Option<NaiveDate>,
    /// How often the member used MC at clinics, as the insurer counted it (`cert.kouki-2026`). Absent means
    /// unknown, never zero.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub usage: Option<Usage>,
}

/// MC uses at clinics in the 12 and 3 months up to `counted_on` (`cert.kouki-2026`: 「マイナ保険証を直近1年間に
/// 6回以上利用し、かつマイナ保険証を直近3ヵ月に一度でも利用した」 — used 6 times or more in the last year and at
/// least once in the last 3 months).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Usage {
    /// The day the insurer counted the uses.
    #[serde(with = "date")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::IsoDate"))]
    pub counted_on: NaiveDate,
    /// Uses in the 12 months up to `counted_on`.
    pub last_12_months: u32,
    /// Uses in the 3 months up to `counted_on` (at most `last_12_months`).
    pub last_3_months: u32,
}

/// How an eligibility certificate came to be issued.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Basis {
    /// The insurer's bulk issuance without application (一括発行).
    Bulk,
    /// Issued on the member's application (申請).
    Application,
    /// Issued automatically (e.g. the late-elderly scheme's yearly issuance, or after a cancellation).
    Automatic,
    /// A temporary certificate (e.g. while a lost My Number card is replaced).
    Temporary,
}

/// An eligibility certificate (資格確認書).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Certificate {
    /// Issue date; the certificate is usable from this day.
    #[serde(with = "date")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::IsoDate"))]
    pub issued_on: NaiveDate,
    /// The printed expiry; may be absent only where the profile derives it (kenpo bulk, kouki automatic).
    #[serde(default, with = "opt_date")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<crate::schema::IsoDate>"))]
    pub expires_on: Option<NaiveDate>,
    /// How it was issued.
    pub basis: Basis,
    /// The day it was lost, when it was.
    #[serde(default, with = "opt_date")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<crate::schema::IsoDate>"))]
    pub lost_on: Option<NaiveDate>,
}

/// The eligibility-information notice (資格情報のお知らせ).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Notice {
    /// Issue date.
    #[serde(with = "date")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::IsoDate"))]
    pub issued_on: NaiveDate,
    /// The day it was lost, when it was.
    #[serde(default, with = "opt_date")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<crate::schema::IsoDate>"))]
    pub lost_on: Option<NaiveDate>,
}

/// The elderly certificate (高齢受給者証), for members aged 70 to 74.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ElderlyCertificate {
    /// Issue date (or the first day it applies).
    #[serde(with = "date")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::IsoDate"))]
    pub issued_on: NaiveDate,
    /// Its expiry, when printed.
    #[serde(default, with = "opt_date")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<crate::schema::IsoDate>"))]
    pub expires_on: Option<NaiveDate>,
}

/// Why the card face changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum FaceChangeReason {
    /// 結婚等による氏名変更.
    Marriage,
    /// グループ内移籍 (transfer within a group).
    Transfer,
    /// 任意継続加入.
    VoluntaryContinuation,
    /// Any other change of 記号・番号・氏名.
    Other,
}

/// A change of the card face (記号・番号・氏名) on a date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct FaceChange {
    /// The day of the change.
    #[serde(with = "date")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::IsoDate"))]
    pub on: NaiveDate,
    /// Why.
    pub reason: FaceChangeReason,
}
