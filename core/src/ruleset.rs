//! The rule parameters: one national file and one file per insurer profile, in TOML, every value carrying the
//! rule id it feeds and its sources (the way OpenFisca's parameter files carry references). The default set is
//! embedded at build time ([`RuleSet::embedded`]); an insurer can load its own ([`RuleSet::from_files`],
//! [`RuleSet::from_dir`]) without recompiling. Loading validates and names the file and key of every problem.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use chrono::NaiveDate;
use serde::Deserialize;

use crate::dates;
use crate::error::{Error, FieldError, Result};
use crate::rules::{RuleId, RULE_COUNT};

/// Sources of one rule: seed files with their section, or URLs.
pub type Sources = Arc<[Arc<str>]>;

/// The embedded default rule files, as (path relative to `rules/`, content).
pub const EMBEDDED_FILES: &[(&str, &str)] = &[
    ("national.toml", include_str!("../rules/national.toml")),
    (
        "profiles/kenpo.toml",
        include_str!("../rules/profiles/kenpo.toml"),
    ),
    (
        "profiles/kyokai.toml",
        include_str!("../rules/profiles/kyokai.toml"),
    ),
    (
        "profiles/kyosai.toml",
        include_str!("../rules/profiles/kyosai.toml"),
    ),
    (
        "profiles/kokuho.toml",
        include_str!("../rules/profiles/kokuho.toml"),
    ),
    (
        "profiles/kouki.toml",
        include_str!("../rules/profiles/kouki.toml"),
    ),
];

/// National parameters (the same for every insurer).
#[derive(Debug, Clone, PartialEq)]
pub struct National {
    /// The date the rules were last checked against their sources; later query dates get a warning.
    pub checked_on: NaiveDate,
    /// `legacy.issuance-stop`: no legacy card is issued on or after this day (2024-12-02).
    pub legacy_issuance_stop: NaiveDate,
    /// `legacy.transition-end`: the last day any legacy card is usable (2025-12-01).
    pub legacy_transition_last_day: NaiveDate,
    /// `legacy.provisional-acceptance`: the last day of the provisional measure (2026-03-31).
    pub provisional_acceptance_until: NaiveDate,
    /// `coverage.age-75`: the age at which every scheme but the late-elderly one ends (75).
    pub late_elderly_age: u32,
    /// `care.elderly-certificate`: the age from which the elderly certificate is shown (70).
    pub elderly_from_age: u32,
    /// `mnc.card-validity`: card validity in birthdays for adults (10).
    pub card_years: u32,
    /// `mnc.card-validity`: card validity in birthdays for minors (5).
    pub card_years_minor: u32,
    /// `mnc.card-validity`: a holder younger than this at issuance is a minor (18).
    pub card_minor_age: u32,
    /// `mnc.card-validity`: the minor age for cards issued before [`Self::card_majority_reform_on`] (20).
    pub card_minor_age_before_reform: u32,
    /// `mnc.card-validity`: the day the age of majority became 18 (2022-04-01).
    pub card_majority_reform_on: NaiveDate,
    /// `mnc.e-cert-validity`: e-certificate validity in birthdays (5).
    pub e_cert_years: u32,
    /// `mnc.e-cert-grace`: months of grace after the e-certificate expires (3).
    pub e_cert_grace_months: u32,
    /// `mnc.renewal`: renewal opens this many months before an expiry (3).
    pub renewal_months_before: u32,
    /// `mnc.number-on-file`: standard data-registration delay in days (5).
    pub number_registration_days: u32,
    /// `mnc.registration`: days a new registration may take to be reflected (7; information only).
    pub registration_reflection_days: u32,
    /// `cert.validity`: the longest validity an insurer may give a certificate, in years (5).
    pub certificate_max_years: u32,
}

/// Who the member hands documents back through.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Via {
    /// Through the employer (勤務先担当課経由).
    Employer,
    /// Directly to the insurer.
    Insurer,
    /// At the municipality's counter.
    Municipality,
    /// The My Number hotline (マイナンバー総合フリーダイヤル).
    Hotline,
}

/// Which members a bulk round targets, judged on its snapshot day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Targets {
    /// Covered members holding neither a usable MC nor a valid certificate.
    NoMcNoSc,
    /// Covered members without a usable MC.
    NoMc,
    /// Every covered member, MC or not.
    All,
}

/// How a bulk certificate reaches the member.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Delivery {
    /// Mailed per household to the insured person's address (特定記録郵便).
    HouseholdMail,
    /// Mailed to the member.
    Mail,
    /// Kept by the insurer (members working abroad with no address in Japan).
    HeldByInsurer,
}

/// One automatic issuance of certificates (`cert.bulk-issuance`).
#[derive(Debug, Clone, PartialEq)]
pub struct BulkRound {
    /// A short id, e.g. `2025-11`.
    pub id: String,
    /// The day targets are judged on.
    pub snapshot: NaiveDate,
    /// Only members enrolled by this day are targets (kyokai: 2024-11-29).
    pub enrolled_by: Option<NaiveDate>,
    /// First day of the issuance window (the `bulk_issuance` event's date).
    pub window_from: NaiveDate,
    /// Last day of the issuance window.
    pub window_until: NaiveDate,
    /// Who is targeted.
    pub targets: Targets,
    /// The expiry printed on these certificates, when the insurer fixed one (kenpo: 2027-09-30).
    pub expires_on: Option<NaiveDate>,
    /// How they are delivered.
    pub delivery: Delivery,
    /// Whether the insurer keeps the certificate of a member abroad.
    pub abroad_held_by_insurer: bool,
    /// Whether MC holders receive a notice in this round instead.
    pub mc_holders_get_notice: bool,
    /// Whether the round is announced as planned rather than done.
    pub planned: bool,
    /// `cert.kouki-2026`: members this old on [`Self::age_on`] are targets whatever they hold (85).
    pub all_from_age: Option<u32>,
    /// The day the age split is judged on (the round's certificates' first day).
    pub age_on: Option<NaiveDate>,
    /// `cert.kouki-2026`: the usage test (uses in the last 12 months, in the last 3 months) that sends an MC
    /// holder a notice instead of a certificate; `None` when the profile switches it off.
    pub usage_test: Option<(u32, u32)>,
    /// `cert.kouki-2026`: holders of a certificate granted on application are targets without a usage test.
    pub application_holders: bool,
    /// The rule the round follows (`cert.bulk-issuance`, or `cert.kouki-2026` for the 2026 kouki round).
    pub rule: RuleId,
}

/// One insurer profile's parameters.
#[derive(Debug, Clone, PartialEq)]
pub struct Profile {
    /// The profile id members name in `insurer`.
    pub id: String,
    /// Japanese name.
    pub name_ja: String,
    /// English name.
    pub name_en: String,
    /// `coverage.age-75`: coverage ends on the 75th birthday (every scheme but kouki).
    pub coverage_ends_at_75: bool,
    /// `legacy.printed-expiry`: expiry assumed for a card whose record gives none (kokuho, kouki: 2025-07-31).
    pub legacy_printed_expiry_default: Option<NaiveDate>,
    /// `legacy.printed-expiry`: cut a card with no recorded expiry at the end of the 70th-birthday month and
    /// the day before the 75th birthday (国保).
    pub legacy_age_cutoffs: bool,
    /// `legacy.provisional-acceptance`: first day of the provisional window.
    pub provisional_acceptance_from: NaiveDate,
    /// `cert.not-with-legacy`: whether a certificate is issued on request while a legacy card is usable.
    pub certificate_while_legacy_usable: bool,
    /// `mnc.e-cert-grace`: months of grace (0 follows seed 001 literally).
    pub e_cert_grace_months: u32,
    /// `mnc.number-on-file`: standard data-registration delay in days.
    pub number_registration_days: u32,
    /// `legacy.return`, `cert.return`: where documents go back through (a 任意継続 member: the insurer).
    pub return_via: Via,
    /// `cert.keep-after-mc`: a certificate must be returned once MC is usable (no profile sets this by default).
    pub return_certificate_on_mc: bool,
    /// `care.elderly-certificate`: the certificate carries the co-payment ratio, so no elderly certificate is
    /// shown with it.
    pub elderly_ratio_on_certificate: bool,
    /// `cert.validity`: an `automatic` certificate with no recorded expiry runs to 31 July (the kouki year).
    pub automatic_certificate_expires_july_31: bool,
    /// `cert.reissue-window`: the day the bulk holders' reissue applications open (kenpo: 2027-08-01).
    pub reissue_window_opens: Option<NaiveDate>,
    /// `legacy.provisional-acceptance`: the last day of the provisional window (the national value unless the
    /// profile gives its own announcement history).
    pub provisional_acceptance_until: NaiveDate,
    /// `mnc.number-on-file`: the insurer holds the number through the resident register (kokuho, kouki), so it
    /// counts from coverage start unless the record says otherwise, and members never submit it.
    pub number_via_resident_register: bool,
    /// `care.elderly-certificate`: the scheme issues elderly certificates (kouki members hold none).
    pub holds_elderly_certificate: bool,
    /// `cert.validity`: the shortest validity, in years, the insurer gives a certificate (kyokai: 4); a shorter
    /// one gets a warning.
    pub certificate_min_years: Option<u32>,
    /// `cert.kouki-2026`: the day from which an MC holder may apply for a certificate.
    pub mc_holders_may_apply_from: Option<NaiveDate>,
    /// `cert.bulk-issuance`: the rounds, by date.
    pub bulk: Vec<BulkRound>,
    /// Per rule: the national sources plus every source of a parameter of this profile that feeds the rule.
    pub(crate) sources: Vec<Sources>,
    /// Per rule: the revisions the values feeding it came from.
    pub(crate) revisions: Vec<Arc<[RevisionCite]>>,
    /// Every revision of a value this profile uses: (rule, announced on, chosen for this knowledge date).
    pub(crate) revision_dates: Vec<(RuleId, NaiveDate, bool)>,
    /// Empty sources and revisions, for a rule outside the tables (never the case once loaded).
    none: (Sources, Arc<[RevisionCite]>),
}

/// The revision a value came from, as the trace cites it.
#[derive(Debug, Clone, PartialEq, serde::Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct RevisionCite {
    /// The parameter, e.g. `params.provisional_acceptance_until` or `bulk.2026-07`.
    pub parameter: String,
    /// The day the revision was announced.
    #[serde(with = "crate::model::date")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::IsoDate"))]
    pub announced_on: NaiveDate,
    /// Its sources.
    pub sources: Sources,
}

/// One entry of the change log of the transition: a revision of a rule value.
#[derive(Debug, Clone, PartialEq, serde::Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "RuleChange"))]
pub struct Change {
    /// The day it was announced.
    #[serde(with = "crate::model::date")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::IsoDate"))]
    pub announced_on: NaiveDate,
    /// The rule whose value changed.
    pub rule: RuleId,
    /// The profile it applies to, or `null` for every insurer.
    pub profile: Option<String>,
    /// The parameter, e.g. `params.provisional_acceptance_until` or `bulk.2026-07`.
    pub parameter: String,
    /// The value before (`null` for the first announcement).
    pub previous: Option<serde_json::Value>,
    /// The value announced.
    pub value: serde_json::Value,
    /// Its sources.
    pub sources: Sources,
    /// The change in English.
    pub en: String,
    /// The change in Japanese.
    pub ja: String,
}

impl Profile {
    /// The sources the trace cites for `rule` under this profile.
    pub fn sources(&self, rule: RuleId) -> &Sources {
        self.sources.get(rule.index()).unwrap_or(&self.none.0)
    }

    /// The revisions the values feeding `rule` came from, under the knowledge date of this rule set.
    pub fn revisions(&self, rule: RuleId) -> &Arc<[RevisionCite]> {
        self.revisions.get(rule.index()).unwrap_or(&self.none.1)
    }

    /// The bulk round whose certificates a `bulk` certificate issued on `issued_on` belongs to: the last round
    /// whose window opened on or before it (or the first round).
    pub fn bulk_round_for(&self, issued_on: NaiveDate) -> Option<&BulkRound> {
        self.bulk
            .iter()
            .rev()
            .find(|r| r.window_from <= issued_on)
            .or(self.bulk.first())
    }
}

/// A complete, validated rule set: the national parameters and every profile, as last announced, with the
/// rule set as known on each earlier announcement day.
#[derive(Debug, Clone, PartialEq)]
pub struct RuleSet {
    /// The national parameters.
    pub national: National,
    profiles: HashMap<String, Profile>,
    order: Vec<String>,
    /// The rule set as known from each earlier announcement day on (oldest first).
    views: Arc<[(NaiveDate, RuleSet)]>,
    /// The day of the latest announcement (None when no value has a history).
    latest: Option<NaiveDate>,
    /// Every revision, in order of announcement.
    changes: Arc<[Change]>,
}

// ---------------------------------------------------------------------------------------------------------
// Raw file shapes

/// A rule file (`rules/national.toml` or `rules/profiles/*.toml`), read from TOML: its `meta`, the sources of each
/// catalogue rule, the parameters (a `value`, or a `history` of revisions) and the bulk issuance rounds.
#[derive(Deserialize, Clone)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", schemars(rename = "RuleFile"))]
pub(crate) struct RawFile {
    meta: RawMeta,
    #[serde(default)]
    rules: BTreeMap<String, RawRule>,
    #[serde(default)]
    params: BTreeMap<String, RawParam>,
    #[serde(default)]
    bulk: Vec<RawBulk>,
}

#[derive(Deserialize, Clone)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", schemars(rename = "RuleFileMeta"))]
struct RawMeta {
    kind: String,
    #[serde(default)]
    id: Option<String>,
    #[serde(default)]
    name_ja: Option<String>,
    #[serde(default)]
    name_en: Option<String>,
    #[serde(default)]
    based_on: Option<String>,
    #[serde(default)]
    #[allow(dead_code)]
    title: Option<String>,
    #[serde(default)]
    checked_on: Option<String>,
    sources: Vec<String>,
}

#[derive(Deserialize, Clone)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", schemars(rename = "RuleFileRule"))]
struct RawRule {
    sources: Vec<String>,
    #[serde(default)]
    #[allow(dead_code)]
    summary: Option<String>,
}

#[derive(Deserialize, Clone)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", schemars(rename = "RuleFileParam"))]
struct RawParam {
    /// The value of a parameter that was never revised (absent when `history` is given).
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "serde_json::Value"))]
    value: Option<toml::Value>,
    rule: String,
    #[serde(default)]
    sources: Vec<String>,
    /// Revisions in order of announcement (OpenFisca-style dated values, keyed by announcement).
    #[serde(default)]
    history: Vec<RawRevision>,
    #[serde(default)]
    #[allow(dead_code)]
    note: Option<String>,
    /// Set by [`resolve`]: the revision chosen for the knowledge date, and every revision's date.
    #[serde(skip)]
    chosen: Option<Chosen>,
}

/// One revision of a parameter: its value, the day it was announced, its sources, and a line for the change log.
#[derive(Deserialize, Clone)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", schemars(rename = "RuleFileRevision"))]
struct RawRevision {
    #[cfg_attr(feature = "schema", schemars(with = "serde_json::Value"))]
    value: toml::Value,
    announced_on: String,
    sources: Vec<String>,
    #[serde(default)]
    en: Option<String>,
    #[serde(default)]
    ja: Option<String>,
    #[serde(default)]
    #[allow(dead_code)]
    note: Option<String>,
}

/// The revision a knowledge date chose, with the dates of all revisions of the same value.
#[derive(Clone, Debug)]
struct Chosen {
    announced_on: NaiveDate,
    sources: Vec<String>,
    /// Every revision's announcement date and whether it is the chosen one.
    all: Vec<(NaiveDate, bool)>,
}

#[derive(Deserialize, serde::Serialize, Clone)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", schemars(rename = "RuleFileBulkRound"))]
struct RawBulk {
    id: String,
    /// A round given twice or more under one `id` is revised: each entry says when it was announced.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    announced_on: Option<String>,
    /// `cert.kouki-2026`: members this old on `age_on` are targets whatever they hold.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    all_from_age: Option<u32>,
    /// The day the age split is judged on (the certificates' first day).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    age_on: Option<String>,
    /// `cert.kouki-2026`: the usage test, uses in the last 12 months (absent: no usage test).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    usage_min_12_months: Option<u32>,
    /// `cert.kouki-2026`: the usage test, uses in the last 3 months.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    usage_min_3_months: Option<u32>,
    /// `cert.kouki-2026`: holders of a certificate granted on application are targets without a usage test.
    #[serde(default)]
    application_holders: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    en: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    ja: Option<String>,
    snapshot: String,
    #[serde(default)]
    enrolled_by: Option<String>,
    window_from: String,
    window_until: String,
    targets: Targets,
    #[serde(default)]
    expires_on: Option<String>,
    delivery: Delivery,
    #[serde(default)]
    abroad_held_by_insurer: bool,
    #[serde(default)]
    mc_holders_get_notice: bool,
    #[serde(default)]
    planned: bool,
    rule: String,
    sources: Vec<String>,
    #[serde(default)]
    #[allow(dead_code)]
    note: Option<String>,
    #[serde(skip)]
    chosen: Option<Chosen>,
}

fn rerr(code: &str, file: &str, key: &str, en: String, ja: String) -> FieldError {
    FieldError::new(code, format!("{file}:{key}"), en, ja)
}

fn parse_file(file: &str, text: &str) -> Result<RawFile> {
    let de = toml::Deserializer::parse(text).map_err(|e| {
        let line = e
            .span()
            .map(|s| text[..s.start.min(text.len())].lines().count().max(1))
            .unwrap_or(0);
        Error::rules(rerr(
            "invalid_toml",
            file,
            "",
            format!("`{file}` is not valid TOML (line {line})"),
            format!("`{file}` は TOML として読めません（{line} 行目）"),
        ))
    })?;
    serde_path_to_error::deserialize::<_, RawFile>(de).map_err(|e| {
        let key = e.path().to_string();
        let msg = e.inner().message().to_owned();
        let (code, en, ja) = if let Some(rest) = msg.strip_prefix("unknown field `") {
            let name = rest.split('`').next().unwrap_or("");
            // the path already ends with the unknown key when serde_path_to_error visited it
            let full = if key.is_empty() || key == "." {
                name.to_owned()
            } else if key == name || key.ends_with(&format!(".{name}")) {
                key.clone()
            } else {
                format!("{key}.{name}")
            };
            return Error::rules(rerr(
                "unknown_key",
                file,
                &full,
                format!("unknown key `{full}` in `{file}`"),
                format!("`{file}` に不明なキー `{full}` があります"),
            ));
        } else if let Some(rest) = msg.strip_prefix("missing field `") {
            let name = rest.split('`').next().unwrap_or("");
            let full = if key.is_empty() || key == "." {
                name.to_owned()
            } else {
                format!("{key}.{name}")
            };
            return Error::rules(rerr(
                "missing_key",
                file,
                &full,
                format!("missing key `{full}` in `{file}`"),
                format!("`{file}` にキー `{full}` がありません"),
            ));
        } else {
            (
                "invalid_value",
                format!("invalid value at `{key}` in `{file}`"),
                format!("`{file}` の `{key}` の値が不正です"),
            )
        };
        Error::rules(rerr(code, file, &key, en, ja))
    })
}

fn check_sources(file: &str, key: &str, sources: &[String]) -> Result<()> {
    if sources.is_empty() || sources.iter().any(|s| s.trim().is_empty()) {
        return Err(Error::rules(rerr(
            "missing_source",
            file,
            &format!("{key}.sources"),
            format!("`{key}` in `{file}` names no source"),
            format!("`{file}` の `{key}` に出典がありません"),
        )));
    }
    Ok(())
}

fn parse_date(file: &str, key: &str, s: &str) -> Result<NaiveDate> {
    dates::parse_iso(s).ok_or_else(|| {
        Error::rules(rerr(
            "invalid_date",
            file,
            key,
            format!("`{key}` in `{file}` is not a possible date (YYYY-MM-DD)"),
            format!("`{file}` の `{key}` はありえない日付です（YYYY-MM-DD）"),
        ))
    })
}

fn parse_opt_date(file: &str, key: &str, s: Option<&str>) -> Result<Option<NaiveDate>> {
    match s {
        None | Some("none") => Ok(None),
        Some(s) => parse_date(file, key, s).map(Some),
    }
}

fn window_order(file: &str, key: &str, from: NaiveDate, until: NaiveDate) -> Result<()> {
    if until < from {
        return Err(Error::rules(rerr(
            "window_order",
            file,
            key,
            format!("the window at `{key}` in `{file}` ends before it starts"),
            format!("`{file}` の `{key}` の期間が開始前に終わっています"),
        )));
    }
    Ok(())
}

/// Parameters of one file, taken one by one so leftovers can be reported as unknown keys.
struct Params<'a> {
    file: &'a str,
    map: BTreeMap<String, RawParam>,
    /// (rule, sources) of every parameter taken, to attach to the trace.
    fed: Vec<(RuleId, Vec<String>)>,
    /// Revisions behind the values taken: (rule, parameter, chosen revision).
    revs: Vec<(RuleId, String, Chosen)>,
    /// Parameters inherited from a `based_on` profile (used only when this file lacks the key).
    base: Option<&'a BTreeMap<String, RawParam>>,
}

/// (rule, sources) of the parameters a file fed.
type Fed = Vec<(RuleId, Vec<String>)>;

/// (rule, parameter key, chosen revision) of the revised parameters a file fed.
type Revs = Vec<(RuleId, String, Chosen)>;

const NATIONAL_PARAMS: &[&str] = &[
    "legacy_issuance_stop",
    "legacy_transition_last_day",
    "provisional_acceptance_until",
    "late_elderly_age",
    "elderly_from_age",
    "card_years",
    "card_years_minor",
    "card_minor_age",
    "card_minor_age_before_reform",
    "card_majority_reform_on",
    "e_cert_years",
    "e_cert_grace_months",
    "renewal_months_before",
    "number_registration_days",
    "registration_reflection_days",
    "certificate_max_years",
];

const PROFILE_PARAMS: &[&str] = &[
    "provisional_acceptance_until",
    "number_via_resident_register",
    "holds_elderly_certificate",
    "certificate_min_years",
    "mc_holders_may_apply_from",
    "coverage_ends_at_75",
    "legacy_printed_expiry_default",
    "legacy_age_cutoffs",
    "provisional_acceptance_from",
    "certificate_while_legacy_usable",
    "e_cert_grace_months",
    "number_registration_days",
    "return_via",
    "return_certificate_on_mc",
    "elderly_ratio_on_certificate",
    "automatic_certificate_expires_july_31",
    "reissue_window_opens",
];

impl<'a> Params<'a> {
    /// Unknown parameter names first, so a typo reads as an unknown key rather than a missing one.
    fn reject_unknown(&self, known: &[&str]) -> Result<()> {
        match self.map.keys().find(|k| !known.contains(&k.as_str())) {
            Some(name) => Err(self.unknown(name)),
            None => Ok(()),
        }
    }

    fn unknown(&self, name: &str) -> Error {
        let key = format!("params.{name}");
        Error::rules(rerr(
            "unknown_key",
            self.file,
            &key,
            format!("unknown parameter `{key}` in `{}`", self.file),
            format!("`{}` に不明なパラメータ `{key}` があります", self.file),
        ))
    }

    fn take(&mut self, name: &str, rule: RuleId) -> Result<toml::Value> {
        let key = format!("params.{name}");
        let p = match self.map.remove(name) {
            Some(p) => p,
            None => match self.base.and_then(|b| b.get(name)) {
                Some(p) => p.clone(),
                None => {
                    return Err(Error::rules(rerr(
                        "missing_key",
                        self.file,
                        &key,
                        format!("missing parameter `{key}` in `{}`", self.file),
                        format!("`{}` にパラメータ `{key}` がありません", self.file),
                    )))
                }
            },
        };
        let Some(value) = p.value.clone() else {
            return Err(Error::rules(rerr(
                "missing_key",
                self.file,
                &format!("{key}.value"),
                format!(
                    "`{key}` in `{}` has neither `value` nor `history`",
                    self.file
                ),
                format!(
                    "`{}` の `{key}` に `value` も `history` もありません",
                    self.file
                ),
            )));
        };
        check_sources(self.file, &key, &p.sources)?;
        let fed = RuleId::parse(&p.rule).ok_or_else(|| {
            Error::rules(rerr(
                "unknown_rule",
                self.file,
                &format!("{key}.rule"),
                format!(
                    "`{key}.rule` in `{}` names no rule of the catalogue",
                    self.file
                ),
                format!("`{}` の `{key}.rule` はカタログにない規則です", self.file),
            ))
        })?;
        if fed != rule {
            return Err(Error::rules(rerr(
                "wrong_rule",
                self.file,
                &format!("{key}.rule"),
                format!("`{key}` in `{}` must feed `{rule}`", self.file),
                format!("`{}` の `{key}` は `{rule}` の値です", self.file),
            )));
        }
        // a revised value's sources are cited with its revision (announcement date), not again among the rule's
        match p.chosen {
            Some(c) => self.revs.push((fed, key, c)),
            None => self.fed.push((fed, p.sources)),
        }
        Ok(value)
    }

    fn bad(&self, name: &str, what: &str, what_ja: &str) -> Error {
        let key = format!("params.{name}.value");
        Error::rules(rerr(
            "invalid_value",
            self.file,
            &key,
            format!("`{key}` in `{}` must be {what}", self.file),
            format!("`{}` の `{key}` は{what_ja}でなければなりません", self.file),
        ))
    }

    fn date(&mut self, name: &str, rule: RuleId) -> Result<NaiveDate> {
        match self.take(name, rule)? {
            toml::Value::String(s) => parse_date(self.file, &format!("params.{name}.value"), &s),
            _ => Err(self.bad(name, "a date string", "日付の文字列")),
        }
    }

    fn opt_date(&mut self, name: &str, rule: RuleId) -> Result<Option<NaiveDate>> {
        match self.take(name, rule)? {
            toml::Value::String(s) => {
                parse_opt_date(self.file, &format!("params.{name}.value"), Some(&s))
            }
            _ => Err(self.bad(name, "a date string or \"none\"", "日付の文字列か \"none\"")),
        }
    }

    fn int(&mut self, name: &str, rule: RuleId, max: u32) -> Result<u32> {
        match self.take(name, rule)? {
            toml::Value::Integer(i) if (0..=i64::from(max)).contains(&i) => Ok(i as u32),
            _ => Err(self.bad(
                name,
                &format!("an integer from 0 to {max}"),
                &format!("0 から {max} の整数"),
            )),
        }
    }

    fn opt_int(&mut self, name: &str, rule: RuleId, max: u32) -> Result<Option<u32>> {
        if self.map.contains_key(name) || self.base.is_some_and(|b| b.contains_key(name)) {
            self.int(name, rule, max).map(Some)
        } else {
            Ok(None)
        }
    }

    fn has(&self, name: &str) -> bool {
        self.map.contains_key(name) || self.base.is_some_and(|b| b.contains_key(name))
    }

    fn opt_bool(&mut self, name: &str, rule: RuleId, default: bool) -> Result<bool> {
        if self.has(name) {
            self.boolean(name, rule)
        } else {
            Ok(default)
        }
    }

    fn boolean(&mut self, name: &str, rule: RuleId) -> Result<bool> {
        match self.take(name, rule)? {
            toml::Value::Boolean(b) => Ok(b),
            _ => Err(self.bad(name, "true or false", "true か false")),
        }
    }

    fn finish(self) -> Result<(Fed, Revs)> {
        match self.map.keys().next() {
            Some(name) => Err(self.unknown(name)),
            None => Ok((self.fed, self.revs)),
        }
    }
}

fn parse_national(file: &str, raw: RawFile) -> Result<(National, Vec<Vec<String>>, Fed, Revs)> {
    let RawFile {
        meta,
        rules,
        params,
        bulk,
    } = raw;
    check_sources(file, "meta", &meta.sources)?;
    if !bulk.is_empty() {
        return Err(Error::rules(rerr(
            "unknown_key",
            file,
            "bulk",
            format!("`bulk` rounds belong in a profile file, not in `{file}`"),
            format!("`bulk` はプロファイルのファイルに書きます（`{file}` ではなく）"),
        )));
    }
    let checked_on = match meta.checked_on.as_deref() {
        Some(s) => parse_date(file, "meta.checked_on", s)?,
        None => {
            return Err(Error::rules(rerr(
                "missing_key",
                file,
                "meta.checked_on",
                format!("missing key `meta.checked_on` in `{file}`"),
                format!("`{file}` にキー `meta.checked_on` がありません"),
            )))
        }
    };
    let mut rule_sources: Vec<Vec<String>> = vec![Vec::new(); RULE_COUNT];
    for (id, r) in &rules {
        let key = format!("rules.\"{id}\"");
        let rule = match RuleId::ALL.iter().find(|r| r.as_str() == id) {
            Some(r) => *r,
            None => {
                return Err(Error::rules(rerr(
                    "unknown_rule",
                    file,
                    &key,
                    format!("`{key}` in `{file}` is not a rule of the catalogue"),
                    format!("`{file}` の `{key}` はカタログにない規則です"),
                )))
            }
        };
        check_sources(file, &key, &r.sources)?;
        if let Some(slot) = rule_sources.get_mut(rule.index()) {
            slot.clone_from(&r.sources);
        }
    }
    if let Some(missing) = RuleId::ALL
        .iter()
        .find(|r| rule_sources.get(r.index()).is_none_or(Vec::is_empty))
    {
        let key = format!("rules.\"{missing}\"");
        return Err(Error::rules(rerr(
            "missing_rule",
            file,
            &key,
            format!("`{file}` gives no sources for rule `{missing}`"),
            format!("`{file}` に規則 `{missing}` の出典がありません"),
        )));
    }
    let mut p = Params {
        file,
        map: params,
        fed: Vec::new(),
        revs: Vec::new(),
        base: None,
    };
    p.reject_unknown(NATIONAL_PARAMS)?;
    use RuleId as R;
    let n = National {
        checked_on,
        legacy_issuance_stop: p.date("legacy_issuance_stop", R::LegacyIssuanceStop)?,
        legacy_transition_last_day: p.date("legacy_transition_last_day", R::LegacyTransitionEnd)?,
        provisional_acceptance_until: p.date(
            "provisional_acceptance_until",
            R::LegacyProvisionalAcceptance,
        )?,
        late_elderly_age: p.int("late_elderly_age", R::CoverageAge75, 120)?,
        elderly_from_age: p.int("elderly_from_age", R::CareElderlyCertificate, 120)?,
        card_years: p.int("card_years", R::MncCardValidity, 20)?,
        card_years_minor: p.int("card_years_minor", R::MncCardValidity, 20)?,
        card_minor_age: p.int("card_minor_age", R::MncCardValidity, 30)?,
        card_minor_age_before_reform: p.int(
            "card_minor_age_before_reform",
            R::MncCardValidity,
            30,
        )?,
        card_majority_reform_on: p.date("card_majority_reform_on", R::MncCardValidity)?,
        e_cert_years: p.int("e_cert_years", R::MncECertValidity, 20)?,
        e_cert_grace_months: p.int("e_cert_grace_months", R::MncECertGrace, 24)?,
        renewal_months_before: p.int("renewal_months_before", R::MncRenewal, 24)?,
        number_registration_days: p.int("number_registration_days", R::MncNumberOnFile, 365)?,
        registration_reflection_days: p.int(
            "registration_reflection_days",
            R::MncRegistration,
            365,
        )?,
        certificate_max_years: p.int("certificate_max_years", R::CertValidity, 50)?,
    };
    if n.certificate_max_years > 5 {
        return Err(p.bad(
            "certificate_max_years",
            "at most 5 (faq.myna.go.jp/faq/show/3505)",
            "5 以下",
        ));
    }
    if n.late_elderly_age <= n.elderly_from_age {
        return Err(p.bad(
            "late_elderly_age",
            "greater than `elderly_from_age`",
            "`elderly_from_age` より大",
        ));
    }
    window_order(
        file,
        "params.provisional_acceptance_until",
        n.legacy_issuance_stop,
        n.provisional_acceptance_until,
    )?;
    window_order(
        file,
        "params.legacy_transition_last_day",
        n.legacy_issuance_stop,
        n.legacy_transition_last_day,
    )?;
    let (fed, revs) = p.finish()?;
    Ok((n, rule_sources, fed, revs))
}

fn parse_profile(
    file: &str,
    raw: RawFile,
    base: Option<&RawFile>,
    national: &National,
    rule_sources: &[Vec<String>],
    national_fed: &[(RuleId, Vec<String>)],
    national_revs: &Revs,
) -> Result<Profile> {
    let RawFile {
        meta,
        rules,
        params,
        bulk,
    } = raw;
    check_sources(file, "meta", &meta.sources)?;
    if !rules.is_empty() {
        return Err(Error::rules(rerr(
            "unknown_key",
            file,
            "rules",
            format!("rule sources belong in `national.toml`, not in `{file}`"),
            format!("規則の出典は `national.toml` に書きます（`{file}` ではなく）"),
        )));
    }
    let missing = |key: &str| {
        Error::rules(rerr(
            "missing_key",
            file,
            key,
            format!("missing key `{key}` in `{file}`"),
            format!("`{file}` にキー `{key}` がありません"),
        ))
    };
    let id = meta.id.clone().ok_or_else(|| missing("meta.id"))?;
    if id.is_empty()
        || !id
            .bytes()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'_' || c == b'-')
    {
        return Err(Error::rules(rerr(
            "invalid_value",
            file,
            "meta.id",
            format!("`meta.id` in `{file}` must be lowercase letters, digits, `_` or `-`"),
            format!("`{file}` の `meta.id` は英小文字・数字・`_`・`-` で書きます"),
        )));
    }
    let name_ja = meta
        .name_ja
        .clone()
        .or(base.and_then(|b| b.meta.name_ja.clone()))
        .ok_or_else(|| missing("meta.name_ja"))?;
    let name_en = meta
        .name_en
        .clone()
        .or(base.and_then(|b| b.meta.name_en.clone()))
        .ok_or_else(|| missing("meta.name_en"))?;
    let mut p = Params {
        file,
        map: params,
        fed: Vec::new(),
        revs: Vec::new(),
        base: base.map(|b| &b.params),
    };
    p.reject_unknown(PROFILE_PARAMS)?;
    use RuleId as R;
    let return_via = match p.take("return_via", R::LegacyReturn)? {
        toml::Value::String(s) if s == "employer" => Via::Employer,
        toml::Value::String(s) if s == "insurer" => Via::Insurer,
        toml::Value::String(s) if s == "municipality" => Via::Municipality,
        _ => {
            return Err(p.bad(
                "return_via",
                "\"employer\", \"insurer\" or \"municipality\"",
                "\"employer\"・\"insurer\"・\"municipality\" のいずれか",
            ))
        }
    };
    let mut prof = Profile {
        id,
        name_ja,
        name_en,
        coverage_ends_at_75: p.boolean("coverage_ends_at_75", R::CoverageAge75)?,
        legacy_printed_expiry_default: p
            .opt_date("legacy_printed_expiry_default", R::LegacyPrintedExpiry)?,
        legacy_age_cutoffs: p.boolean("legacy_age_cutoffs", R::LegacyPrintedExpiry)?,
        provisional_acceptance_from: p.date(
            "provisional_acceptance_from",
            R::LegacyProvisionalAcceptance,
        )?,
        certificate_while_legacy_usable: p
            .boolean("certificate_while_legacy_usable", R::CertNotWithLegacy)?,
        e_cert_grace_months: p
            .opt_int("e_cert_grace_months", R::MncECertGrace, 24)?
            .unwrap_or(national.e_cert_grace_months),
        number_registration_days: p
            .opt_int("number_registration_days", R::MncNumberOnFile, 365)?
            .unwrap_or(national.number_registration_days),
        return_via,
        return_certificate_on_mc: p.boolean("return_certificate_on_mc", R::CertKeepAfterMc)?,
        elderly_ratio_on_certificate: p
            .boolean("elderly_ratio_on_certificate", R::CareElderlyCertificate)?,
        automatic_certificate_expires_july_31: p
            .boolean("automatic_certificate_expires_july_31", R::CertValidity)?,
        reissue_window_opens: p.opt_date("reissue_window_opens", R::CertReissueWindow)?,
        provisional_acceptance_until: if p.has("provisional_acceptance_until") {
            p.date(
                "provisional_acceptance_until",
                R::LegacyProvisionalAcceptance,
            )?
        } else {
            national.provisional_acceptance_until
        },
        number_via_resident_register: p.opt_bool(
            "number_via_resident_register",
            R::MncNumberOnFile,
            false,
        )?,
        holds_elderly_certificate: p.opt_bool(
            "holds_elderly_certificate",
            R::CareElderlyCertificate,
            true,
        )?,
        certificate_min_years: p.opt_int("certificate_min_years", R::CertValidity, 5)?,
        mc_holders_may_apply_from: if p.has("mc_holders_may_apply_from") {
            p.opt_date("mc_holders_may_apply_from", R::CertKouki2026)?
        } else {
            None
        },
        bulk: Vec::new(),
        sources: Vec::new(),
        revisions: Vec::new(),
        revision_dates: Vec::new(),
        none: (Arc::from(Vec::new()), Arc::from(Vec::new())),
    };
    window_order(
        file,
        "params.provisional_acceptance_from",
        prof.provisional_acceptance_from,
        prof.provisional_acceptance_until,
    )?;
    let (mut fed, mut revs) = p.finish()?;
    let rounds = if bulk.is_empty() {
        base.map(|b| b.bulk.clone()).unwrap_or_default()
    } else {
        bulk
    };
    for (i, b) in rounds.into_iter().enumerate() {
        let k = |f: &str| format!("bulk[{i}].{f}");
        check_sources(file, &format!("bulk[{i}]"), &b.sources)?;
        let rule = match RuleId::parse(&b.rule) {
            Some(r @ (R::CertBulkIssuance | R::CertKouki2026)) => r,
            _ => {
                return Err(Error::rules(rerr(
                    "wrong_rule",
                    file,
                    &k("rule"),
                    format!("`{}` in `{file}` must feed `cert.bulk-issuance`", k("rule")),
                    format!(
                        "`{file}` の `{}` は `cert.bulk-issuance` の値です",
                        k("rule")
                    ),
                )))
            }
        };
        let usage_test = match (b.usage_min_12_months, b.usage_min_3_months) {
            (None, None) => None,
            (Some(a), Some(c)) if c <= a => Some((a, c)),
            _ => {
                return Err(Error::rules(rerr(
                    "invalid_value",
                    file,
                    &k("usage_min_3_months"),
                    format!("`{}` and `{}` in `{file}` go together, the 3-month count at most the 12-month one", k("usage_min_12_months"), k("usage_min_3_months")),
                    format!("`{file}` の `{}` と `{}` は両方書き、3か月の回数は12か月の回数以下にします", k("usage_min_12_months"), k("usage_min_3_months")),
                )))
            }
        };
        if let Some(c) = &b.chosen {
            revs.push((rule, format!("bulk.{}", b.id), c.clone()));
        }
        let round = BulkRound {
            all_from_age: b.all_from_age,
            age_on: parse_opt_date(file, &k("age_on"), b.age_on.as_deref())?,
            usage_test,
            application_holders: b.application_holders,
            rule,
            id: b.id,
            snapshot: parse_date(file, &k("snapshot"), &b.snapshot)?,
            enrolled_by: parse_opt_date(file, &k("enrolled_by"), b.enrolled_by.as_deref())?,
            window_from: parse_date(file, &k("window_from"), &b.window_from)?,
            window_until: parse_date(file, &k("window_until"), &b.window_until)?,
            targets: b.targets,
            expires_on: parse_opt_date(file, &k("expires_on"), b.expires_on.as_deref())?,
            delivery: b.delivery,
            abroad_held_by_insurer: b.abroad_held_by_insurer,
            mc_holders_get_notice: b.mc_holders_get_notice,
            planned: b.planned,
        };
        window_order(
            file,
            &k("window_until"),
            round.window_from,
            round.window_until,
        )?;
        window_order(file, &k("window_until"), round.snapshot, round.window_until)?;
        if let Some(exp) = round.expires_on {
            window_order(file, &k("expires_on"), round.window_until, exp)?;
            let limit = dates::nth_birthday(round.window_from, national.certificate_max_years);
            if exp > limit {
                return Err(Error::rules(rerr(
                    "certificate_validity_too_long",
                    file,
                    &k("expires_on"),
                    format!(
                        "`{}` in `{file}` gives certificates more than {} years of validity",
                        k("expires_on"),
                        national.certificate_max_years
                    ),
                    format!(
                        "`{file}` の `{}` は資格確認書の有効期間が {} 年を超えます",
                        k("expires_on"),
                        national.certificate_max_years
                    ),
                )));
            }
        }
        if let Some(prev) = prof.bulk.last() {
            if round.window_from < prev.window_from {
                return Err(Error::rules(rerr(
                    "window_order",
                    file,
                    &k("window_from"),
                    format!(
                        "bulk rounds in `{file}` must be in date order (`{}`)",
                        k("window_from")
                    ),
                    format!(
                        "`{file}` の一括発行は日付順に書きます（`{}`）",
                        k("window_from")
                    ),
                )));
            }
        }
        if b.chosen.is_none() {
            fed.push((rule, b.sources));
        }
        prof.bulk.push(round);
    }
    // per-rule sources: the rule's own sources, then each parameter source citing a document the rule does not
    // cite yet (each source once per rule: the same page is not cited again in other words)
    let mut per_rule: Vec<Vec<String>> = rule_sources.to_vec();
    for (rule, srcs) in national_fed.iter().chain(fed.iter()) {
        let Some(list) = per_rule.get_mut(rule.index()) else {
            continue;
        };
        for s in srcs {
            if !list.iter().any(|x| same_document(x, s)) {
                list.push(s.clone());
            }
        }
    }
    // revisions behind this profile's values: the national ones, unless the profile revised the same parameter
    let own: Vec<String> = revs.iter().map(|(_, k, _)| k.clone()).collect();
    let mut all_revs: Revs = national_revs
        .iter()
        .filter(|(_, k, _)| !own.contains(k))
        .cloned()
        .collect();
    all_revs.append(&mut revs);
    let mut cites: Vec<Vec<RevisionCite>> = vec![Vec::new(); RULE_COUNT];
    // a page a revision cites is cited with the revision (and its date), not again among the rule's sources
    for (rule, _, c) in &all_revs {
        if let Some(list) = per_rule.get_mut(rule.index()) {
            let kept: Vec<String> = list
                .iter()
                .filter(|s| !c.sources.iter().any(|r| same_document(s, r)))
                .cloned()
                .collect();
            // a rule keeps at least its own sources
            if !kept.is_empty() {
                *list = kept;
            }
        }
    }
    for (rule, key, c) in &all_revs {
        if let Some(list) = cites.get_mut(rule.index()) {
            list.push(RevisionCite {
                parameter: key.clone(),
                announced_on: c.announced_on,
                sources: c.sources.iter().map(|s| Arc::from(s.as_str())).collect(),
            });
        }
        for (d, chosen) in &c.all {
            prof.revision_dates.push((*rule, *d, *chosen));
        }
    }
    prof.revisions = cites.into_iter().map(Arc::from).collect();
    prof.sources = per_rule
        .into_iter()
        .map(|v| v.into_iter().map(Arc::from).collect::<Vec<_>>().into())
        .collect();
    Ok(prof)
}

impl RuleSet {
    /// The default rule set, embedded at build time from `rules/`.
    pub fn embedded() -> Result<RuleSet> {
        RuleSet::from_files(EMBEDDED_FILES.iter().copied())
    }

    /// Builds a rule set from (path, content) pairs: exactly one `national.toml` and any number of profile
    /// files (`profiles/*.toml`). A profile may name `meta.based_on` to inherit another profile's values.
    pub fn from_files<'a, I>(files: I) -> Result<RuleSet>
    where
        I: IntoIterator<Item = (&'a str, &'a str)>,
    {
        let mut national: Option<(String, RawFile)> = None;
        let mut profiles: Vec<(String, RawFile)> = Vec::new();
        for (name, text) in files {
            let raw = parse_file(name, text)?;
            match raw.meta.kind.as_str() {
                "national" => {
                    if national.is_some() {
                        return Err(Error::rules(rerr(
                            "duplicate_national",
                            name,
                            "meta.kind",
                            format!("`{name}` is a second national file"),
                            format!("`{name}` は二つ目の全国共通ファイルです"),
                        )));
                    }
                    national = Some((name.to_owned(), raw));
                }
                "profile" => profiles.push((name.to_owned(), raw)),
                _ => {
                    return Err(Error::rules(rerr(
                        "invalid_value",
                        name,
                        "meta.kind",
                        format!("`meta.kind` in `{name}` must be \"national\" or \"profile\""),
                        format!("`{name}` の `meta.kind` は \"national\" か \"profile\" です"),
                    )))
                }
            }
        }
        let (nat_file, nat_raw) = national.ok_or_else(|| {
            Error::rules(rerr(
                "missing_national",
                "national.toml",
                "",
                "the rule set has no `national.toml`".to_owned(),
                "規則セットに `national.toml` がありません".to_owned(),
            ))
        })?;
        // histories first: their errors name the file and key whatever the knowledge date
        let mut dates: Vec<NaiveDate> = check_history(&nat_file, &nat_raw)?;
        for (name, raw) in &profiles {
            dates.extend(check_history(name, raw)?);
        }
        dates.sort();
        dates.dedup();
        let latest = dates.last().copied();
        let mut set = build(&nat_file, &nat_raw, &profiles, None)?;
        let mut views = Vec::new();
        for d in dates.iter().copied().filter(|d| Some(*d) != latest) {
            views.push((d, build(&nat_file, &nat_raw, &profiles, Some(d))?));
        }
        set.views = views.into();
        set.latest = latest;
        set.changes = change_log(&nat_file, &nat_raw, &profiles)?.into();
        Ok(set)
    }
}

/// The rule set with every history resolved as known on `k` (the latest revisions when `None`).
fn build(
    nat_file: &str,
    nat_raw: &RawFile,
    profiles: &[(String, RawFile)],
    k: Option<NaiveDate>,
) -> Result<RuleSet> {
    {
        let nat_raw = resolve(nat_file, nat_raw, k)?;
        let profiles: Vec<(String, RawFile)> = profiles
            .iter()
            .map(|(n, r)| resolve(n, r, k).map(|r| (n.clone(), r)))
            .collect::<Result<_>>()?;
        let (national, rule_sources, national_fed, national_revs) =
            parse_national(nat_file, nat_raw)?;
        let by_id: HashMap<String, usize> = profiles
            .iter()
            .enumerate()
            .filter_map(|(i, (_, r))| r.meta.id.clone().map(|id| (id, i)))
            .collect();
        let mut out: HashMap<String, Profile> = HashMap::new();
        let mut order = Vec::new();
        for (i, (name, raw)) in profiles.iter().enumerate() {
            let base = match raw.meta.based_on.as_deref() {
                None => None,
                Some(b) => match by_id
                    .get(b)
                    .filter(|j| **j != i)
                    .and_then(|j| profiles.get(*j))
                {
                    Some((_, base)) if base.meta.based_on.is_none() => Some(base),
                    _ => {
                        return Err(Error::rules(rerr(
                            "unknown_base",
                            name,
                            "meta.based_on",
                            format!("`meta.based_on` in `{name}` names no loaded base profile"),
                            format!(
                                "`{name}` の `meta.based_on` に当たる基本プロファイルがありません"
                            ),
                        )))
                    }
                },
            };
            let prof = parse_profile(
                name,
                raw.clone(),
                base,
                &national,
                &rule_sources,
                &national_fed,
                &national_revs,
            )?;
            if out.contains_key(&prof.id) {
                return Err(Error::rules(rerr(
                    "duplicate_profile",
                    name,
                    "meta.id",
                    format!("profile `{}` is defined twice (`{name}`)", prof.id),
                    format!(
                        "プロファイル `{}` が二度定義されています（`{name}`）",
                        prof.id
                    ),
                )));
            }
            order.push(prof.id.clone());
            out.insert(prof.id.clone(), prof);
        }
        Ok(RuleSet {
            national,
            profiles: out,
            order,
            views: Arc::from(Vec::new()),
            latest: None,
            changes: Arc::from(Vec::new()),
        })
    }
}

impl RuleSet {
    /// Loads `national.toml` and `profiles/*.toml` from a directory laid out like `rules/`.
    #[cfg(feature = "fs")]
    pub fn from_dir(dir: impl AsRef<std::path::Path>) -> Result<RuleSet> {
        let dir = dir.as_ref();
        let io = |path: &std::path::Path| {
            Error::rules(rerr(
                "unreadable",
                &path.display().to_string(),
                "",
                format!("cannot read `{}`", path.display()),
                format!("`{}` を読めません", path.display()),
            ))
        };
        let mut files: Vec<(String, String)> = Vec::new();
        let nat = dir.join("national.toml");
        files.push((
            "national.toml".to_owned(),
            std::fs::read_to_string(&nat).map_err(|_| io(&nat))?,
        ));
        let pdir = dir.join("profiles");
        let mut names: Vec<std::path::PathBuf> = match std::fs::read_dir(&pdir) {
            Ok(rd) => rd
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "toml"))
                .collect(),
            Err(_) => return Err(io(&pdir)),
        };
        names.sort();
        for p in names {
            let text = std::fs::read_to_string(&p).map_err(|_| io(&p))?;
            let rel = format!(
                "profiles/{}",
                p.file_name()
                    .map(|f| f.to_string_lossy().into_owned())
                    .unwrap_or_default()
            );
            files.push((rel, text));
        }
        RuleSet::from_files(files.iter().map(|(a, b)| (a.as_str(), b.as_str())))
    }

    /// The profile a member names, if loaded.
    pub fn profile(&self, id: &str) -> Option<&Profile> {
        self.profiles.get(id)
    }

    /// Profile ids, in load order.
    pub fn profile_ids(&self) -> impl Iterator<Item = &str> {
        self.order.iter().map(String::as_str)
    }
}

// ---------------------------------------------------------------------------------------------------------
// Revisions: values with an announcement history

/// Whether two citations name the same document (the seed file or URL before the first blank), so that a rule
/// cites each source once.
fn same_document(a: &str, b: &str) -> bool {
    fn doc(s: &str) -> &str {
        // a URL anywhere names the page; a seed names itself first; else the citation up to its quotation
        if let Some(url) = s.split_whitespace().find(|w| w.starts_with("http")) {
            return url.trim_end_matches('/');
        }
        let first = s.split_whitespace().next().unwrap_or("");
        if first.ends_with(".txt") || first.ends_with(".md") {
            return first;
        }
        s.split(['「', '(']).next().unwrap_or(s).trim()
    }
    doc(a) == doc(b)
}

/// The announcement dates of every history in a file, validated: each revision has sources and a real date, and
/// revisions are in strictly increasing order of announcement (two on one day is an error: which one applies?).
fn check_history(file: &str, raw: &RawFile) -> Result<Vec<NaiveDate>> {
    let mut dates = Vec::new();
    let ordered = |key: &str, list: &[NaiveDate]| -> Result<()> {
        for w in list.windows(2) {
            if let [a, b] = w {
                if b == a {
                    return Err(Error::rules(rerr(
                        "duplicate_announcement",
                        file,
                        key,
                        format!(
                            "two revisions of `{key}` in `{file}` are announced on the same day"
                        ),
                        format!("`{file}` の `{key}` に同じ日に発表された改定が二つあります"),
                    )));
                }
                if b < a {
                    return Err(Error::rules(rerr(
                        "revision_order",
                        file,
                        key,
                        format!(
                            "revisions of `{key}` in `{file}` must be in order of announcement"
                        ),
                        format!("`{file}` の `{key}` の改定は発表日順に書きます"),
                    )));
                }
            }
        }
        Ok(())
    };
    for (name, p) in &raw.params {
        let key = format!("params.{name}");
        if p.history.is_empty() {
            continue;
        }
        if p.value.is_some() || !p.sources.is_empty() {
            return Err(Error::rules(rerr(
                "unknown_key",
                file,
                &format!("{key}.value"),
                format!("`{key}` in `{file}` has a `history`: its `value` and `sources` belong in the revisions"),
                format!("`{file}` の `{key}` には `history` があるため、`value` と `sources` は各改定に書きます"),
            )));
        }
        let mut list = Vec::new();
        for (i, r) in p.history.iter().enumerate() {
            let rk = format!("{key}.history[{i}]");
            check_sources(file, &rk, &r.sources)?;
            list.push(parse_date(
                file,
                &format!("{rk}.announced_on"),
                &r.announced_on,
            )?);
        }
        ordered(&format!("{key}.history"), &list)?;
        dates.extend(list);
    }
    let mut by_id: BTreeMap<&str, Vec<(usize, Option<NaiveDate>)>> = BTreeMap::new();
    for (i, b) in raw.bulk.iter().enumerate() {
        let d = match &b.announced_on {
            Some(s) => Some(parse_date(file, &format!("bulk[{i}].announced_on"), s)?),
            None => None,
        };
        by_id.entry(b.id.as_str()).or_default().push((i, d));
    }
    for list in by_id.values().filter(|l| l.len() > 1) {
        let mut ds = Vec::new();
        for (i, d) in list {
            if let Some(b) = raw.bulk.get(*i) {
                check_sources(file, &format!("bulk[{i}]"), &b.sources)?;
            }
            match d {
                Some(d) => ds.push(*d),
                None => {
                    let key = format!("bulk[{i}].announced_on");
                    return Err(Error::rules(rerr(
                        "missing_key",
                        file,
                        &key,
                        format!("missing key `{key}` in `{file}`: a revised round says when each version was announced"),
                        format!("`{file}` にキー `{key}` がありません（改定された一括発行は各版の発表日を書きます）"),
                    )));
                }
            }
        }
        let last = list.last().map(|(i, _)| *i).unwrap_or(0);
        ordered(&format!("bulk[{last}].announced_on"), &ds)?;
        dates.extend(ds);
    }
    Ok(dates)
}

/// The index of the revision known on `k`: the last announced on or before it, else the first (a knowledge date
/// before every announcement uses the first recorded value); the latest when `k` is `None`.
fn pick(dates: &[NaiveDate], k: Option<NaiveDate>) -> usize {
    match k {
        None => dates.len().saturating_sub(1),
        Some(k) => dates.iter().rposition(|d| *d <= k).unwrap_or(0),
    }
}

/// A copy of `raw` with every history resolved as known on `k`.
fn resolve(file: &str, raw: &RawFile, k: Option<NaiveDate>) -> Result<RawFile> {
    let mut out = raw.clone();
    for (name, p) in out.params.iter_mut() {
        if p.history.is_empty() {
            continue;
        }
        let mut dates = Vec::new();
        for (i, r) in p.history.iter().enumerate() {
            dates.push(parse_date(
                file,
                &format!("params.{name}.history[{i}].announced_on"),
                &r.announced_on,
            )?);
        }
        let at = pick(&dates, k);
        let Some(r) = p.history.get(at) else { continue };
        p.value = Some(r.value.clone());
        p.sources = r.sources.clone();
        p.chosen = Some(Chosen {
            announced_on: dates.get(at).copied().unwrap_or(NaiveDate::MIN),
            sources: r.sources.clone(),
            all: dates
                .iter()
                .enumerate()
                .map(|(i, d)| (*d, i == at))
                .collect(),
        });
        p.history.clear();
    }
    // bulk rounds given more than once under one id: keep the version known on `k`, in the first one's place
    let mut kept: Vec<RawBulk> = Vec::new();
    let mut seen: Vec<String> = Vec::new();
    for b in &raw.bulk {
        if seen.contains(&b.id) {
            continue;
        }
        seen.push(b.id.clone());
        let versions: Vec<&RawBulk> = raw.bulk.iter().filter(|x| x.id == b.id).collect();
        if versions.len() == 1 {
            kept.push(b.clone());
            continue;
        }
        let dates: Vec<NaiveDate> = versions
            .iter()
            .map(|v| {
                v.announced_on
                    .as_deref()
                    .and_then(dates::parse_iso)
                    .unwrap_or(NaiveDate::MIN)
            })
            .collect();
        let at = pick(&dates, k);
        if let Some(v) = versions.get(at) {
            let mut v = (*v).clone();
            v.chosen = Some(Chosen {
                announced_on: dates.get(at).copied().unwrap_or(NaiveDate::MIN),
                sources: v.sources.clone(),
                all: dates
                    .iter()
                    .enumerate()
                    .map(|(i, d)| (*d, i == at))
                    .collect(),
            });
            kept.push(v);
        }
    }
    out.bulk = kept;
    Ok(out)
}

fn json_of<T: serde::Serialize>(v: &T) -> serde_json::Value {
    serde_json::to_value(v).unwrap_or(serde_json::Value::Null)
}

/// A value as the change log prints it: dates and numbers as they are, tables as compact JSON.
fn show(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// One announced version of a revised value.
struct Version<'a> {
    on: NaiveDate,
    rule: RuleId,
    value: serde_json::Value,
    sources: &'a [String],
    en: Option<&'a str>,
    ja: Option<&'a str>,
}

/// Every revision of every file, in order of announcement (then national before profiles, then by key).
fn change_log(
    nat_file: &str,
    nat_raw: &RawFile,
    profiles: &[(String, RawFile)],
) -> Result<Vec<Change>> {
    let mut out: Vec<(usize, Change)> = Vec::new();
    let files = std::iter::once((nat_file, nat_raw, None)).chain(
        profiles
            .iter()
            .map(|(n, r)| (n.as_str(), r, Some(r.meta.id.clone().unwrap_or_default()))),
    );
    for (order, (file, raw, profile)) in files.enumerate() {
        let (who_en, who_ja) = match &profile {
            None => ("every insurer".to_owned(), "全保険者".to_owned()),
            Some(_) => (
                raw.meta.name_en.clone().unwrap_or_default(),
                raw.meta.name_ja.clone().unwrap_or_default(),
            ),
        };
        // every revised value of the file as its versions in order of announcement
        let mut series: Vec<(String, Vec<Version<'_>>)> = Vec::new();
        for (name, p) in raw.params.iter().filter(|(_, p)| !p.history.is_empty()) {
            let rule = RuleId::parse(&p.rule).unwrap_or(RuleId::CoveragePeriod);
            let mut versions = Vec::new();
            for (i, r) in p.history.iter().enumerate() {
                versions.push(Version {
                    on: parse_date(
                        file,
                        &format!("params.{name}.history[{i}].announced_on"),
                        &r.announced_on,
                    )?,
                    rule,
                    value: json_of(&r.value),
                    sources: &r.sources,
                    en: r.en.as_deref(),
                    ja: r.ja.as_deref(),
                });
            }
            series.push((format!("params.{name}"), versions));
        }
        let mut ids: Vec<&str> = Vec::new();
        for b in &raw.bulk {
            if ids.contains(&b.id.as_str()) {
                continue;
            }
            ids.push(&b.id);
            let versions: Vec<Version<'_>> = raw
                .bulk
                .iter()
                .filter(|x| x.id == b.id)
                .filter_map(|v| {
                    let on = v.announced_on.as_deref().and_then(dates::parse_iso)?;
                    let mut value = json_of(v);
                    if let serde_json::Value::Object(m) = &mut value {
                        for k in ["announced_on", "sources", "note", "en", "ja", "rule"] {
                            m.remove(k);
                        }
                    }
                    Some(Version {
                        on,
                        rule: RuleId::parse(&v.rule).unwrap_or(RuleId::CertBulkIssuance),
                        value,
                        sources: &v.sources,
                        en: v.en.as_deref(),
                        ja: v.ja.as_deref(),
                    })
                })
                .collect();
            if versions.len() >= 2 {
                series.push((format!("bulk.{}", b.id), versions));
            }
        }
        for (parameter, versions) in series {
            let mut prev: Option<serde_json::Value> = None;
            for v in versions {
                let (en, ja) = change_text(
                    v.rule,
                    v.on,
                    (&who_en, &who_ja),
                    prev.as_ref(),
                    &v.value,
                    (v.en, v.ja),
                );
                out.push((
                    order,
                    Change {
                        announced_on: v.on,
                        rule: v.rule,
                        profile: profile.clone(),
                        parameter: parameter.clone(),
                        previous: prev.take(),
                        value: v.value.clone(),
                        sources: v.sources.iter().map(|s| Arc::from(s.as_str())).collect(),
                        en,
                        ja,
                    },
                ));
                prev = Some(v.value);
            }
        }
    }
    out.sort_by(|(oa, a), (ob, b)| {
        (a.announced_on, *oa, &a.parameter).cmp(&(b.announced_on, *ob, &b.parameter))
    });
    Ok(out.into_iter().map(|(_, c)| c).collect())
}

/// The change log's line: the revision's own words when it gives them, else the values.
fn change_text(
    rule: RuleId,
    on: NaiveDate,
    (who_en, who_ja): (&str, &str),
    prev: Option<&serde_json::Value>,
    value: &serde_json::Value,
    (en, ja): (Option<&str>, Option<&str>),
) -> (String, String) {
    // the revision's own words, with the plain values beside them when they are short
    let scalar = |v: &serde_json::Value| {
        !matches!(
            v,
            serde_json::Value::Object(_) | serde_json::Value::Array(_)
        )
    };
    let values_en = match prev {
        Some(p) if scalar(p) && scalar(value) => format!(" ({} → {})", show(p), show(value)),
        None if scalar(value) => format!(" ({})", show(value)),
        _ => String::new(),
    };
    let what_en = match (en, prev) {
        (Some(t), _) => format!("{t}{values_en}"),
        (None, Some(p)) => format!("changed from {} to {}", show(p), show(value)),
        (None, None) => format!("set to {}", show(value)),
    };
    let what_ja = match (ja, prev) {
        (Some(t), _) => format!("{t}{values_en}"),
        (None, Some(p)) => format!("{} から {} に変更", show(p), show(value)),
        (None, None) => format!("{} と定める", show(value)),
    };
    (
        format!(
            "{} ({who_en}, `{rule}`): {what_en}",
            crate::messages::en_date(on)
        ),
        format!(
            "{}発表（{who_ja}、`{rule}`）：{what_ja}",
            crate::messages::ja_date(on)
        ),
    )
}

impl RuleSet {
    /// The rule set as known on `k`: the latest revisions when `k` is `None` or on or after the latest
    /// announcement; before the first announcement, the first recorded values.
    pub fn as_of(&self, k: Option<NaiveDate>) -> &RuleSet {
        let Some(k) = k else { return self };
        if self.latest.is_none_or(|l| k >= l) {
            return self;
        }
        self.views
            .iter()
            .rev()
            .find(|(d, _)| *d <= k)
            .or(self.views.first())
            .map_or(self, |(_, r)| r)
    }

    /// The day of the latest announcement of any revised value (None when no value has a history).
    pub fn latest_announcement(&self) -> Option<NaiveDate> {
        self.latest
    }

    /// Every revision in order of announcement; only those announced on or after `since` when given.
    pub fn changes(&self, since: Option<NaiveDate>) -> Vec<Change> {
        self.changes
            .iter()
            .filter(|c| since.is_none_or(|s| c.announced_on >= s))
            .cloned()
            .collect()
    }
}
