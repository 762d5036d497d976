// Generated from schema/hokensho.schema.json by bindings-wasm/gen-types.mjs: do not edit.
// The schema is derived from the Rust types (cargo run -p hokensho --example schema --features schema).

/**
 * A rule of the catalogue.
 *
 * This interface was referenced by `Hokensho`'s JSON-Schema
 * via the `definition` "RuleId".
 */
export type RuleId =
  | 'coverage.period'
  | 'coverage.age-75'
  | 'legacy.issuance-stop'
  | 'legacy.transition-end'
  | 'legacy.printed-expiry'
  | 'legacy.face-change'
  | 'legacy.coverage-lost'
  | 'legacy.lost-card'
  | 'legacy.return'
  | 'legacy.dispose'
  | 'legacy.provisional-acceptance'
  | 'mnc.card-validity'
  | 'mnc.e-cert-validity'
  | 'mnc.e-cert-grace'
  | 'mnc.renewal'
  | 'mnc.registration'
  | 'mnc.number-on-file'
  | 'mnc.cancellation'
  | 'mnc.lost'
  | 'mnc.usable'
  | 'cert.validity'
  | 'cert.required'
  | 'cert.not-with-legacy'
  | 'cert.bulk-issuance'
  | 'cert.keep-after-mc'
  | 'cert.face-change'
  | 'cert.return'
  | 'cert.dispose'
  | 'cert.reissue-window'
  | 'cert.on-application'
  | 'cert.lost'
  | 'cert.kouki-2026'
  | 'notice.not-alone'
  | 'notice.no-return'
  | 'notice.issued-to'
  | 'care.mc'
  | 'care.certificate'
  | 'care.online-check-fallback'
  | 'care.elderly-certificate'
  | 'care.first-visit-after-change'
  | 'care.full-payment';
/**
 * A document (or a thing shown at the counter).
 *
 * This interface was referenced by `Hokensho`'s JSON-Schema
 * via the `definition` "Document".
 */
export type Document =
  | 'legacy_card'
  | 'my_number_card'
  | 'certificate'
  | 'notice'
  | 'portal_record'
  | 'elderly_certificate'
  | 'oral_confirmation'
  | 'self_declaration';
/**
 * Why a document has its status: a stable code.
 *
 * This interface was referenced by `Hokensho`'s JSON-Schema
 * via the `definition` "ReasonCode".
 */
export type ReasonCode =
  | 'valid'
  | 'in_grace'
  | 'not_yet_issued'
  | 'coverage_not_started'
  | 'age_not_reached'
  | 'lost'
  | 'coverage_lost'
  | 'face_change'
  | 'cancelled'
  | 'expired'
  | 'e_cert_past_grace'
  | 'transition_ended'
  | 'not_registered'
  | 'number_not_on_file'
  | 'not_alone';
/**
 * A date, `YYYY-MM-DD`.
 *
 * This interface was referenced by `Hokensho`'s JSON-Schema
 * via the `definition` "IsoDate".
 */
export type IsoDate = string;
/**
 * A document's status on the query date.
 *
 * This interface was referenced by `Hokensho`'s JSON-Schema
 * via the `definition` "Status".
 */
export type Status = 'valid' | 'not_yet_valid' | 'expired' | 'ended' | 'invalidated' | 'unusable' | 'in_grace';
/**
 * Why a certificate is needed.
 *
 * This interface was referenced by `Hokensho`'s JSON-Schema
 * via the `definition` "NeedReason".
 */
export type NeedReason =
  | 'no_card'
  | 'not_registered'
  | 'registration_cancelled'
  | 'e_cert_past_grace'
  | 'card_expired'
  | 'card_lost'
  | 'number_not_on_file';
/**
 * What to do.
 *
 * This interface was referenced by `Hokensho`'s JSON-Schema
 * via the `definition` "Action".
 */
export type Action =
  | 'return'
  | 'dispose'
  | 'keep'
  | 'apply_certificate'
  | 'apply_reissue'
  | 'register_insurance_use'
  | 'submit_number'
  | 'renew_e_cert'
  | 'renew_card'
  | 'suspend_card'
  | 'check_portal'
  | 'show_elderly_certificate'
  | 'issue_certificate';
/**
 * Who acts.
 *
 * This interface was referenced by `Hokensho`'s JSON-Schema
 * via the `definition` "Actor".
 */
export type Actor = 'member' | 'employer' | 'insurer';
/**
 * How a bulk certificate reaches the member.
 *
 * This interface was referenced by `Hokensho`'s JSON-Schema
 * via the `definition` "Delivery".
 */
export type Delivery = 'household_mail' | 'mail' | 'held_by_insurer';
/**
 * Who the member hands documents back through.
 *
 * This interface was referenced by `Hokensho`'s JSON-Schema
 * via the `definition` "Via".
 */
export type Via = 'employer' | 'insurer' | 'municipality' | 'hotline';
/**
 * A decision taken where the sources leave a gap (rules-catalogue.md "Decisions" and hokensho's own).
 *
 * This interface was referenced by `Hokensho`'s JSON-Schema
 * via the `definition` "Decision".
 */
export type Decision =
  | 'status-precedence'
  | 'birthday-count'
  | 'e-cert-within-card'
  | 'expired-or-ended'
  | 'dispose-after-printed-expiry'
  | 'number-registration-delay'
  | 'bulk-target-on-snapshot'
  | 'keep-unless-profile-says'
  | 'elderly-without-certificate'
  | 'age75-cuts-coverage'
  | 'kouki-certificate-cycle'
  | 'registration-from-card-issue'
  | 're-registration'
  | 'notice-alone-within-measure'
  | 'bulk-covered-on-window'
  | 'certificate-valid-past-round'
  | 'number-via-resident-register';
/**
 * A dated change ahead.
 *
 * This interface was referenced by `Hokensho`'s JSON-Schema
 * via the `definition` "Event".
 */
export type Event =
  | 'legacy_card_ends'
  | 'legacy_card_expires'
  | 'certificate_expires'
  | 'e_cert_expires'
  | 'e_cert_grace_ends'
  | 'card_expires'
  | 'renewal_window_opens'
  | 'reissue_window_opens'
  | 'turns_70'
  | 'turns_75'
  | 'provisional_acceptance_starts'
  | 'provisional_acceptance_ends'
  | 'bulk_issuance'
  | 'coverage_ends'
  | 'number_registered'
  | 'registration_effective'
  | 'return_window_opens'
  | 'disposal_starts'
  | 'elderly_certificate_expires'
  | 'document_starts';
/**
 * Something doubtful about the answer.
 *
 * This interface was referenced by `Hokensho`'s JSON-Schema
 * via the `definition` "WarningCode".
 */
export type WarningCode =
  | 'rules_not_checked_after'
  | 'coverage_past_75'
  | 'elderly_certificate_missing'
  | 'bulk_certificate_not_recorded'
  | 'planned_rule'
  | 'registration_may_not_be_reflected'
  | 'provisional_is_discretionary'
  | 'certificate_issued_despite_legacy'
  | 'later_revision'
  | 'rule_not_yet_announced'
  | 'usage_unknown'
  | 'certificate_validity_unusual';
/**
 * What kind of input was refused.
 *
 * This interface was referenced by `Hokensho`'s JSON-Schema
 * via the `definition` "ErrorKind".
 */
export type ErrorKind = 'invalid_member' | 'invalid_rules' | 'invalid_request' | 'internal';
/**
 * How an eligibility certificate came to be issued.
 *
 * This interface was referenced by `Hokensho`'s JSON-Schema
 * via the `definition` "Basis".
 */
export type Basis = 'bulk' | 'application' | 'automatic' | 'temporary';
/**
 * Why the card face changed.
 *
 * This interface was referenced by `Hokensho`'s JSON-Schema
 * via the `definition` "FaceChangeReason".
 */
export type FaceChangeReason = 'marriage' | 'transfer' | 'voluntary_continuation' | 'other';
/**
 * Insured person or dependent (被保険者 / 被扶養者).
 *
 * This interface was referenced by `Hokensho`'s JSON-Schema
 * via the `definition` "Role".
 */
export type Role = 'insured' | 'dependent';
/**
 * Which members a bulk round targets, judged on its snapshot day.
 *
 * This interface was referenced by `Hokensho`'s JSON-Schema
 * via the `definition` "Targets".
 */
export type Targets = 'no_mc_no_sc' | 'no_mc' | 'all';
/**
 * What changed.
 *
 * This interface was referenced by `Hokensho`'s JSON-Schema
 * via the `definition` "ChangeKind".
 */
export type ChangeKind = 'coverage' | 'document' | 'obligation_starts' | 'obligation_ends' | 'needs_certificate';

/**
 * Every document of hokensho's JSON contract and its rule files (generated from the Rust types; see schema/README.md).
 */
export interface Hokensho {
  Assessment?: Assessment;
  ErrorEnvelope?: ErrorEnvelope;
  Member?: Member;
  RuleFile?: RuleFile;
  Summary?: Summary;
  Timeline?: Timeline;
}
/**
 * The answer for one member on one date.
 *
 * This interface was referenced by `Hokensho`'s JSON-Schema
 * via the `definition` "Assessment".
 */
export interface Assessment {
  /**
   * Age in whole years on that date.
   */
  age: number;
  /**
   * What to show at the counter.
   */
  care: Care;
  /**
   * Whether coverage holds on that date.
   */
  covered: boolean;
  /**
   * One line per document the record holds.
   */
  documents: DocumentAssessment[];
  /**
   * The member's id, as given.
   */
  id: string;
  /**
   * Whether a certificate must be obtained.
   */
  needs_certificate: NeedsCertificate;
  /**
   * Duties and actions whose window contains the date.
   */
  obligations: Obligation[];
  /**
   * The query date.
   */
  on: IsoDate;
  /**
   * The knowledge date the answer used: the caller's `rules_as_of`, else the latest announcement.
   */
  rules_as_of: IsoDate | null;
  /**
   * Every rule that decided something, with its sources.
   */
  trace: TraceEntry[];
  /**
   * Dated changes after the date, earliest first.
   */
  upcoming: Upcoming[];
  /**
   * What is doubtful.
   */
  warnings: Warning[];
}
/**
 * What to show at the counter.
 *
 * This interface was referenced by `Hokensho`'s JSON-Schema
 * via the `definition` "Care".
 */
export interface Care {
  /**
   * `care.full-payment`: set when the member is covered but nothing is usable at the counter.
   */
  full_payment?: FullPayment;
  /**
   * With a usable MC, what to show when the card cannot be read or the online check fails.
   */
  if_online_check_fails: Document[][];
  /**
   * Each entry is one set of things to show that gives insured care today (empty when none).
   */
  options: Document[][];
  /**
   * What a provider MAY accept under `legacy.provisional-acceptance` (its discretion, not an entitlement).
   */
  provisional: Document[][];
}
/**
 * `care.full-payment`: pay the full cost (10割) at the counter and claim the insurer's share back as 療養費.
 *
 * This interface was referenced by `Hokensho`'s JSON-Schema
 * via the `definition` "FullPayment".
 */
export interface FullPayment {
  /**
   * The advice in English.
   */
  en?: string;
  /**
   * The advice in Japanese.
   */
  ja?: string;
  /**
   * `care.full-payment`.
   */
  rule: RuleId;
}
/**
 * A document's line in the assessment.
 *
 * This interface was referenced by `Hokensho`'s JSON-Schema
 * via the `definition` "DocumentAssessment".
 */
export interface DocumentAssessment {
  /**
   * Which document.
   */
  document: Document;
  /**
   * For certificates: the position in the record's `certificates`.
   */
  index?: number;
  /**
   * The rule that decided, with a code and texts.
   */
  reason: Reason;
  /**
   * The day the current status began, when a cause ended the document (clamped to its first day).
   */
  since?: IsoDate;
  /**
   * Its status on the query date.
   */
  status: Status;
  /**
   * The first usable day, when known.
   */
  valid_from: IsoDate | null;
  /**
   * The last usable day: the day before it ended, or the planned end while usable.
   */
  valid_through: IsoDate | null;
}
/**
 * The rule behind a status, with a code and texts.
 *
 * This interface was referenced by `Hokensho`'s JSON-Schema
 * via the `definition` "Reason".
 */
export interface Reason {
  /**
   * The reason's code.
   */
  code: ReasonCode;
  /**
   * English text.
   */
  en?: string;
  /**
   * Japanese text.
   */
  ja?: string;
  /**
   * The deciding rule.
   */
  rule: RuleId;
}
/**
 * Whether the member must obtain a certificate today.
 *
 * This interface was referenced by `Hokensho`'s JSON-Schema
 * via the `definition` "NeedsCertificate".
 */
export interface NeedsCertificate {
  /**
   * English text.
   */
  en?: string;
  /**
   * The day the need began, when known.
   */
  from: IsoDate | null;
  /**
   * Japanese text.
   */
  ja?: string;
  /**
   * Covered, no usable MC, and no usable certificate or legacy card.
   */
  needed: boolean;
  /**
   * Why no MC.
   */
  reason: NeedReason | null;
}
/**
 * A duty, or an action that can be taken, with its window.
 *
 * This interface was referenced by `Hokensho`'s JSON-Schema
 * via the `definition` "Obligation".
 */
export interface Obligation {
  /**
   * What.
   */
  action: Action;
  /**
   * Who.
   */
  actor: Actor;
  /**
   * For `issue_certificate`: how the certificate arrives.
   */
  delivery?: Delivery;
  /**
   * On which document.
   */
  document: Document;
  /**
   * English text.
   */
  en?: string;
  /**
   * First day of the window.
   */
  from: IsoDate | null;
  /**
   * For certificates: the position in the record.
   */
  index?: number;
  /**
   * Japanese text.
   */
  ja?: string;
  /**
   * Whether it is a duty (true) or an option the member may take (false).
   */
  required: boolean;
  /**
   * The deciding rule.
   */
  rule: RuleId;
  /**
   * Last day of the window.
   */
  until: IsoDate | null;
  /**
   * Through whom or where.
   */
  via: Via | null;
}
/**
 * One step of the reasoning.
 *
 * This interface was referenced by `Hokensho`'s JSON-Schema
 * via the `definition` "TraceEntry".
 */
export interface TraceEntry {
  /**
   * A decision taken where the sources leave a gap, if one was applied.
   */
  decision?: Decision;
  /**
   * The document concerned, if any.
   */
  document?: Document;
  /**
   * For certificates: the position in the record.
   */
  index?: number;
  /**
   * The date the decision turns on, if any.
   */
  on?: IsoDate;
  /**
   * What it decided (a short code).
   */
  outcome: string;
  /**
   * The revisions the rule's values came from (announcement date and sources), when revised.
   */
  revisions?: RevisionCite[];
  /**
   * The rule.
   */
  rule: RuleId;
  /**
   * The rule's sources.
   */
  sources: string[];
}
/**
 * The revision a value came from, as the trace cites it.
 *
 * This interface was referenced by `Hokensho`'s JSON-Schema
 * via the `definition` "RevisionCite".
 */
export interface RevisionCite {
  /**
   * The day the revision was announced.
   */
  announced_on: IsoDate;
  /**
   * The parameter, e.g. `params.provisional_acceptance_until` or `bulk.2026-07`.
   */
  parameter: string;
  /**
   * Its sources.
   */
  sources: string[];
}
/**
 * One dated change ahead of the query date (a last-day event may be the query date itself).
 *
 * This interface was referenced by `Hokensho`'s JSON-Schema
 * via the `definition` "Upcoming".
 */
export interface Upcoming {
  /**
   * The document concerned, if any.
   */
  document?: Document;
  /**
   * English text.
   */
  en?: string;
  /**
   * What happens.
   */
  event: Event;
  /**
   * For certificates: the position in the record.
   */
  index?: number;
  /**
   * Japanese text.
   */
  ja?: string;
  /**
   * The day (`*_expires`/`*_ends`: the last valid day; `*_opens`, `turns_N`: the first day).
   */
  on: IsoDate;
  /**
   * The deciding rule.
   */
  rule: RuleId;
}
/**
 * A warning.
 *
 * This interface was referenced by `Hokensho`'s JSON-Schema
 * via the `definition` "Warning".
 */
export interface Warning {
  /**
   * The code.
   */
  code: WarningCode;
  /**
   * English text.
   */
  en?: string;
  /**
   * Japanese text.
   */
  ja?: string;
  /**
   * The rule concerned, if any.
   */
  rule: RuleId | null;
}
/**
 * The answer of every JSON call for refused input: `{"ok":false,"kind":…,"errors":[…]}` (a bad record never
 * yields a partial answer).
 *
 * This interface was referenced by `Hokensho`'s JSON-Schema
 * via the `definition` "ErrorEnvelope".
 */
export interface ErrorEnvelope {
  /**
   * Every problem found, each with its code, field path and messages (at least one).
   *
   * @minItems 1
   */
  errors: [FieldError, ...FieldError[]];
  /**
   * What kind of input was refused.
   */
  kind: ErrorKind;
  /**
   * Always `false`.
   */
  ok: false;
}
/**
 * One problem with one field.
 *
 * This interface was referenced by `Hokensho`'s JSON-Schema
 * via the `definition` "FieldError".
 */
export interface FieldError {
  /**
   * A stable code, e.g. `invalid_date`.
   */
  code: string;
  /**
   * The message in English.
   */
  en: string;
  /**
   * The message in Japanese.
   */
  ja: string;
  /**
   * Where: a member field (`certificates[1].expires_on`), a request field (`on`), or `file:key` for rules.
   */
  path: string;
}
/**
 * One member of one insurer, on the contract's wire names.
 *
 * This interface was referenced by `Hokensho`'s JSON-Schema
 * via the `definition` "Member".
 */
export interface Member {
  /**
   * No address in Japan (海外勤務者など).
   */
  abroad?: boolean;
  /**
   * Date of birth.
   */
  birth_date: IsoDate;
  /**
   * Eligibility certificates (資格確認書) held.
   */
  certificates?: Certificate[];
  /**
   * The coverage period with this insurer.
   */
  coverage: Coverage;
  /**
   * The elderly certificate (高齢受給者証), when held.
   */
  elderly_certificate?: ElderlyCertificate | null;
  /**
   * Changes of the card face (記号・番号・氏名).
   */
  face_changes?: FaceChange[];
  /**
   * The caller's own key for the member (never an individual number).
   */
  id: string;
  /**
   * A profile id from the rule set: `kenpo`, `kyokai`, `kyosai`, `kokuho`, `kouki`, or one the user loads.
   */
  insurer: string;
  /**
   * The paper health insurance card (健康保険証), when held.
   */
  legacy_card?: LegacyCard | null;
  /**
   * The My Number card (マイナンバーカード), when held.
   */
  my_number_card?: MyNumberCard | null;
  /**
   * Needs a third person's help at a visit (要配慮者).
   */
  needs_assistance?: boolean;
  /**
   * The eligibility-information notice (資格情報のお知らせ), when held.
   */
  notice?: Notice | null;
  /**
   * Whether and since when the insurer holds the member's individual number (never the number).
   */
  number_on_file?: NumberOnFile | null;
  /**
   * Insured person or dependent.
   */
  role: Role;
}
/**
 * An eligibility certificate (資格確認書).
 *
 * This interface was referenced by `Hokensho`'s JSON-Schema
 * via the `definition` "Certificate".
 */
export interface Certificate {
  /**
   * How it was issued.
   */
  basis: Basis;
  /**
   * The printed expiry; may be absent only where the profile derives it (kenpo bulk, kouki automatic).
   */
  expires_on?: IsoDate | null;
  /**
   * Issue date; the certificate is usable from this day.
   */
  issued_on: IsoDate;
  /**
   * The day it was lost, when it was.
   */
  lost_on?: IsoDate | null;
}
/**
 * The coverage period (資格取得日 / 資格喪失日).
 *
 * This interface was referenced by `Hokensho`'s JSON-Schema
 * via the `definition` "Coverage".
 */
export interface Coverage {
  /**
   * 資格取得日: the first covered day.
   */
  acquired_on: IsoDate;
  /**
   * 資格喪失日: the first day without coverage (the day after retirement or death).
   */
  lost_on?: IsoDate | null;
  /**
   * 任意継続: a former employee continuing voluntarily (returns documents to the insurer directly).
   */
  voluntary_continuation?: boolean;
}
/**
 * The elderly certificate (高齢受給者証), for members aged 70 to 74.
 *
 * This interface was referenced by `Hokensho`'s JSON-Schema
 * via the `definition` "ElderlyCertificate".
 */
export interface ElderlyCertificate {
  /**
   * Its expiry, when printed.
   */
  expires_on?: IsoDate | null;
  /**
   * Issue date (or the first day it applies).
   */
  issued_on: IsoDate;
}
/**
 * A change of the card face (記号・番号・氏名) on a date.
 *
 * This interface was referenced by `Hokensho`'s JSON-Schema
 * via the `definition` "FaceChange".
 */
export interface FaceChange {
  /**
   * The day of the change.
   */
  on: IsoDate;
  /**
   * Why.
   */
  reason: FaceChangeReason;
}
/**
 * The paper card.
 *
 * This interface was referenced by `Hokensho`'s JSON-Schema
 * via the `definition` "LegacyCard".
 */
export interface LegacyCard {
  /**
   * The printed expiry (有効期限), when the card has one.
   */
  expires_on?: IsoDate | null;
  /**
   * Issue date (must be before 2024-12-02).
   */
  issued_on: IsoDate;
  /**
   * The day the card was lost, when it was.
   */
  lost_on?: IsoDate | null;
}
/**
 * The My Number card and its insurance-use registration.
 *
 * This interface was referenced by `Hokensho`'s JSON-Schema
 * via the `definition` "MyNumberCard".
 */
export interface MyNumberCard {
  /**
   * The cancellation of that registration (利用登録の解除), when done.
   */
  cancelled_on?: IsoDate | null;
  /**
   * The electronic certificate's expiry; derived (5th birthday after issuance) when absent.
   */
  e_cert_expires_on?: IsoDate | null;
  /**
   * The card's expiry; derived from the birthday rule when absent.
   */
  expires_on?: IsoDate | null;
  /**
   * Issue date of the card.
   */
  issued_on: IsoDate;
  /**
   * The day the card was lost or stolen, when it was.
   */
  lost_on?: IsoDate | null;
  /**
   * The insurance-use registration (保険証利用登録), when done.
   */
  registered_on?: IsoDate | null;
  /**
   * How often the member used MC at clinics, as the insurer counted it (`cert.kouki-2026`). Absent means
   * unknown, never zero.
   */
  usage?: Usage | null;
}
/**
 * MC uses at clinics in the 12 and 3 months up to `counted_on` (`cert.kouki-2026`: 「マイナ保険証を直近1年間に
 * 6回以上利用し、かつマイナ保険証を直近3ヵ月に一度でも利用した」 — used 6 times or more in the last year and at
 * least once in the last 3 months).
 *
 * This interface was referenced by `Hokensho`'s JSON-Schema
 * via the `definition` "Usage".
 */
export interface Usage {
  /**
   * The day the insurer counted the uses.
   */
  counted_on: IsoDate;
  /**
   * Uses in the 12 months up to `counted_on`.
   */
  last_12_months: number;
  /**
   * Uses in the 3 months up to `counted_on` (at most `last_12_months`).
   */
  last_3_months: number;
}
/**
 * The eligibility-information notice (資格情報のお知らせ).
 *
 * This interface was referenced by `Hokensho`'s JSON-Schema
 * via the `definition` "Notice".
 */
export interface Notice {
  /**
   * Issue date.
   */
  issued_on: IsoDate;
  /**
   * The day it was lost, when it was.
   */
  lost_on?: IsoDate | null;
}
/**
 * The insurer's record of the member's individual number: dates only.
 *
 * This interface was referenced by `Hokensho`'s JSON-Schema
 * via the `definition` "NumberOnFile".
 */
export interface NumberOnFile {
  /**
   * The day the insurer received the number with complete forms.
   */
  received_on: IsoDate;
  /**
   * The day data registration finished; when absent, `received_on` plus the profile's standard delay.
   */
  registered_on?: IsoDate | null;
}
/**
 * A rule file (`rules/national.toml` or `rules/profiles/*.toml`), read from TOML: its `meta`, the sources of each
 * catalogue rule, the parameters (a `value`, or a `history` of revisions) and the bulk issuance rounds.
 *
 * This interface was referenced by `Hokensho`'s JSON-Schema
 * via the `definition` "RuleFile".
 */
export interface RuleFile {
  bulk?: RuleFileBulkRound[];
  meta: RuleFileMeta;
  params?: {
    [k: string]: RuleFileParam | undefined;
  };
  rules?: {
    [k: string]: RuleFileRule | undefined;
  };
}
/**
 * This interface was referenced by `Hokensho`'s JSON-Schema
 * via the `definition` "RuleFileBulkRound".
 */
export interface RuleFileBulkRound {
  abroad_held_by_insurer?: boolean;
  /**
   * The day the age split is judged on (the certificates' first day).
   */
  age_on?: string | null;
  /**
   * `cert.kouki-2026`: members this old on `age_on` are targets whatever they hold.
   */
  all_from_age?: number | null;
  /**
   * A round given twice or more under one `id` is revised: each entry says when it was announced.
   */
  announced_on?: string | null;
  /**
   * `cert.kouki-2026`: holders of a certificate granted on application are targets without a usage test.
   */
  application_holders?: boolean;
  delivery: Delivery;
  en?: string | null;
  enrolled_by?: string | null;
  expires_on?: string | null;
  id: string;
  ja?: string | null;
  mc_holders_get_notice?: boolean;
  note?: string | null;
  planned?: boolean;
  rule: string;
  snapshot: string;
  sources: string[];
  targets: Targets;
  /**
   * `cert.kouki-2026`: the usage test, uses in the last 12 months (absent: no usage test).
   */
  usage_min_12_months?: number | null;
  /**
   * `cert.kouki-2026`: the usage test, uses in the last 3 months.
   */
  usage_min_3_months?: number | null;
  window_from: string;
  window_until: string;
}
/**
 * This interface was referenced by `Hokensho`'s JSON-Schema
 * via the `definition` "RuleFileMeta".
 */
export interface RuleFileMeta {
  based_on?: string | null;
  checked_on?: string | null;
  id?: string | null;
  kind: string;
  name_en?: string | null;
  name_ja?: string | null;
  sources: string[];
  title?: string | null;
}
/**
 * This interface was referenced by `Hokensho`'s JSON-Schema
 * via the `definition` "RuleFileParam".
 */
export interface RuleFileParam {
  /**
   * Revisions in order of announcement (OpenFisca-style dated values, keyed by announcement).
   */
  history?: RuleFileRevision[];
  note?: string | null;
  rule: string;
  sources?: string[];
  /**
   * The value of a parameter that was never revised (absent when `history` is given).
   */
  value?: {
    [k: string]: unknown | undefined;
  };
}
/**
 * One revision of a parameter: its value, the day it was announced, its sources, and a line for the change log.
 *
 * This interface was referenced by `Hokensho`'s JSON-Schema
 * via the `definition` "RuleFileRevision".
 */
export interface RuleFileRevision {
  announced_on: string;
  en?: string | null;
  ja?: string | null;
  note?: string | null;
  sources: string[];
  value: unknown;
}
/**
 * This interface was referenced by `Hokensho`'s JSON-Schema
 * via the `definition` "RuleFileRule".
 */
export interface RuleFileRule {
  sources: string[];
  summary?: string | null;
}
/**
 * One member's row.
 *
 * This interface was referenced by `Hokensho`'s JSON-Schema
 * via the `definition` "Summary".
 */
export interface Summary {
  /**
   * The best certificate's status (a usable one first, else the latest issued), when any is held.
   */
  certificate: Status | null;
  /**
   * Covered on the day.
   */
  covered: boolean;
  /**
   * The elderly certificate's status, when held.
   */
  elderly_certificate: Status | null;
  /**
   * The member's id.
   */
  id: string;
  /**
   * The legacy card's status, when held.
   */
  legacy_card: Status | null;
  /**
   * The My Number card's status, when held.
   */
  my_number_card: Status | null;
  /**
   * Whether a certificate must be obtained.
   */
  needs_certificate: boolean;
  /**
   * Since when.
   */
  needs_from: IsoDate | null;
  /**
   * Why.
   */
  needs_reason: NeedReason | null;
  /**
   * The next obligation's action.
   */
  next_action: Action | null;
  /**
   * Its document.
   */
  next_document: Document | null;
  /**
   * The next dated event.
   */
  next_event: Event | null;
  /**
   * Its date.
   */
  next_event_on: IsoDate | null;
  /**
   * Its window's first day.
   */
  next_from: IsoDate | null;
  /**
   * Its window's last day.
   */
  next_until: IsoDate | null;
  /**
   * The notice's status, when held.
   */
  notice: Status | null;
}
/**
 * The dated changes between two dates.
 *
 * This interface was referenced by `Hokensho`'s JSON-Schema
 * via the `definition` "Timeline".
 */
export interface Timeline {
  /**
   * Rule boundaries inside the range.
   */
  boundaries: Boundary[];
  /**
   * Changes, by date (the first day lists the starting state with no `previous`).
   */
  changes: TimelineChange[];
  /**
   * First day.
   */
  from: IsoDate;
  /**
   * The member's id.
   */
  id: string;
  /**
   * The knowledge date the timeline used (see [`crate::Assessment::rules_as_of`]).
   */
  rules_as_of: IsoDate | null;
  /**
   * Periods of constant status per document.
   */
  spans: Span[];
  /**
   * Last day.
   */
  to: IsoDate;
}
/**
 * A rule boundary on the axis (a national or profile date), for marking.
 *
 * This interface was referenced by `Hokensho`'s JSON-Schema
 * via the `definition` "Boundary".
 */
export interface Boundary {
  /**
   * The day.
   */
  on: IsoDate;
  /**
   * The rule.
   */
  rule: RuleId;
}
/**
 * One dated change.
 *
 * This interface was referenced by `Hokensho`'s JSON-Schema
 * via the `definition` "TimelineChange".
 */
export interface TimelineChange {
  /**
   * The obligation's action (obligation changes).
   */
  action?: Action;
  /**
   * The document concerned.
   */
  document?: Document;
  /**
   * English text.
   */
  en?: string;
  /**
   * For certificates: the position in the record.
   */
  index?: number;
  /**
   * Japanese text.
   */
  ja?: string;
  /**
   * What changed.
   */
  kind: ChangeKind;
  /**
   * The day it takes effect.
   */
  on: IsoDate;
  /**
   * The previous status (None on the first day).
   */
  previous?: Status;
  /**
   * The deciding rule.
   */
  rule: RuleId;
  /**
   * The new status (document changes).
   */
  status?: Status;
  /**
   * The new value (coverage and certificate-need changes).
   */
  value?: boolean;
}
/**
 * A period of constant status of one document, for drawing bars on a date axis.
 *
 * This interface was referenced by `Hokensho`'s JSON-Schema
 * via the `definition` "Span".
 */
export interface Span {
  /**
   * The document.
   */
  document: Document;
  /**
   * First day.
   */
  from: IsoDate;
  /**
   * For certificates: the position in the record.
   */
  index?: number;
  /**
   * Its status throughout.
   */
  status: Status;
  /**
   * Last day.
   */
  to: IsoDate;
}
