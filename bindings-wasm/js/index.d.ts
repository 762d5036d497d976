// TypeScript declarations of the npm package `hokensho` (both the `web` and `nodejs` entries). Hand-written from
// the Rust types in core/src/{model,assessment,timeline,summary}.rs and checked with `tsc --strict` against
// bindings-wasm/tests/types-check.ts.

/** A civil date in Japan, `YYYY-MM-DD`. */
export type IsoDate = string;
/** A query date: ISO, a Japanese-era string (`令和7年12月1日`, `R7.12.1`), or a JS Date read in Japan time. */
export type DateArg = IsoDate | string | Date;

export type Insurer = 'kenpo' | 'kyokai' | 'kyosai' | 'kokuho' | 'kouki' | (string & {});
export type Role = 'insured' | 'dependent';
export type Basis = 'bulk' | 'application' | 'automatic' | 'temporary';
export type FaceChangeReason = 'marriage' | 'transfer' | 'voluntary_continuation' | 'other';

/** One member of one insurer (the contract's input). Never the individual number itself. */
export interface Member {
  id: string;
  insurer: Insurer;
  role: Role;
  birth_date: IsoDate;
  abroad?: boolean;
  needs_assistance?: boolean;
  coverage: { acquired_on: IsoDate; lost_on?: IsoDate | null; voluntary_continuation?: boolean };
  number_on_file?: { received_on: IsoDate; registered_on?: IsoDate | null } | null;
  legacy_card?: { issued_on: IsoDate; expires_on?: IsoDate | null; lost_on?: IsoDate | null } | null;
  my_number_card?: {
    issued_on: IsoDate;
    expires_on?: IsoDate | null;
    e_cert_expires_on?: IsoDate | null;
    registered_on?: IsoDate | null;
    cancelled_on?: IsoDate | null;
    lost_on?: IsoDate | null;
    /** MC uses at clinics in the 12 and 3 months up to `counted_on` (`cert.kouki-2026`); absent = unknown. */
    usage?: { counted_on: IsoDate; last_12_months: number; last_3_months: number } | null;
  } | null;
  certificates?: Array<{ issued_on: IsoDate; expires_on?: IsoDate | null; basis: Basis; lost_on?: IsoDate | null }>;
  notice?: { issued_on: IsoDate; lost_on?: IsoDate | null } | null;
  elderly_certificate?: { issued_on: IsoDate; expires_on?: IsoDate | null } | null;
  face_changes?: Array<{ on: IsoDate; reason: FaceChangeReason }>;
}

export type RuleId =
  | 'coverage.period' | 'coverage.age-75'
  | 'legacy.issuance-stop' | 'legacy.transition-end' | 'legacy.printed-expiry' | 'legacy.face-change'
  | 'legacy.coverage-lost' | 'legacy.lost-card' | 'legacy.return' | 'legacy.dispose' | 'legacy.provisional-acceptance'
  | 'mnc.card-validity' | 'mnc.e-cert-validity' | 'mnc.e-cert-grace' | 'mnc.renewal' | 'mnc.registration'
  | 'mnc.number-on-file' | 'mnc.cancellation' | 'mnc.lost' | 'mnc.usable'
  | 'cert.validity' | 'cert.required' | 'cert.not-with-legacy' | 'cert.bulk-issuance' | 'cert.keep-after-mc'
  | 'cert.face-change' | 'cert.return' | 'cert.dispose' | 'cert.reissue-window' | 'cert.on-application' | 'cert.lost'
  | 'cert.kouki-2026'
  | 'notice.not-alone' | 'notice.no-return' | 'notice.issued-to'
  | 'care.mc' | 'care.certificate' | 'care.online-check-fallback' | 'care.elderly-certificate'
  | 'care.first-visit-after-change' | 'care.full-payment';

export type Document =
  | 'legacy_card' | 'my_number_card' | 'certificate' | 'notice' | 'portal_record' | 'elderly_certificate'
  | 'oral_confirmation' | 'self_declaration';
export type Status = 'valid' | 'not_yet_valid' | 'expired' | 'ended' | 'invalidated' | 'unusable' | 'in_grace';
export type ReasonCode =
  | 'valid' | 'in_grace' | 'not_yet_issued' | 'coverage_not_started' | 'age_not_reached' | 'lost' | 'coverage_lost'
  | 'face_change' | 'cancelled' | 'expired' | 'e_cert_past_grace' | 'transition_ended' | 'not_registered'
  | 'number_not_on_file' | 'not_alone';
export type NeedReason =
  | 'no_card' | 'not_registered' | 'registration_cancelled' | 'e_cert_past_grace' | 'card_expired' | 'card_lost'
  | 'number_not_on_file';
export type Action =
  | 'return' | 'dispose' | 'keep' | 'apply_certificate' | 'apply_reissue' | 'register_insurance_use' | 'submit_number'
  | 'renew_e_cert' | 'renew_card' | 'suspend_card' | 'check_portal' | 'show_elderly_certificate' | 'issue_certificate';
export type Actor = 'member' | 'employer' | 'insurer';
export type Via = 'employer' | 'insurer' | 'municipality' | 'hotline';
export type Delivery = 'household_mail' | 'mail' | 'held_by_insurer';
export type EventCode =
  | 'legacy_card_ends' | 'legacy_card_expires' | 'certificate_expires' | 'e_cert_expires' | 'e_cert_grace_ends'
  | 'card_expires' | 'renewal_window_opens' | 'reissue_window_opens' | 'turns_70' | 'turns_75'
  | 'provisional_acceptance_starts' | 'provisional_acceptance_ends' | 'bulk_issuance' | 'coverage_ends'
  | 'number_registered' | 'registration_effective' | 'return_window_opens' | 'disposal_starts'
  | 'elderly_certificate_expires' | 'document_starts';
export type WarningCode =
  | 'rules_not_checked_after' | 'coverage_past_75' | 'elderly_certificate_missing' | 'bulk_certificate_not_recorded'
  | 'planned_rule' | 'registration_may_not_be_reflected' | 'provisional_is_discretionary'
  | 'certificate_issued_despite_legacy' | 'later_revision' | 'rule_not_yet_announced' | 'usage_unknown'
  | 'certificate_validity_unusual';
export type Decision =
  | 'status-precedence' | 'birthday-count' | 'e-cert-within-card' | 'expired-or-ended' | 'dispose-after-printed-expiry'
  | 'number-registration-delay' | 'bulk-target-on-snapshot' | 'keep-unless-profile-says' | 'elderly-without-certificate'
  | 'age75-cuts-coverage' | 'kouki-certificate-cycle' | 'registration-from-card-issue' | 're-registration'
  | 'notice-alone-within-measure' | 'bulk-covered-on-window' | 'certificate-valid-past-round'
  | 'number-via-resident-register';

/** Texts are present unless the call asked for `{ messages: false }`. */
export interface Texts { en?: string; ja?: string }

export interface DocumentAssessment {
  document: Document;
  index?: number;
  status: Status;
  valid_from: IsoDate | null;
  valid_through: IsoDate | null;
  /** The day the current status began, when a cause ended the document. */
  since?: IsoDate;
  reason: { rule: RuleId; code: ReasonCode } & Texts;
}

export interface Obligation extends Texts {
  action: Action;
  document: Document;
  index?: number;
  actor: Actor;
  via: Via | null;
  from: IsoDate | null;
  until: IsoDate | null;
  required: boolean;
  delivery?: Delivery;
  rule: RuleId;
}

export interface Upcoming extends Texts {
  on: IsoDate;
  event: EventCode;
  rule: RuleId;
  document?: Document;
  index?: number;
}

export interface Warning extends Texts { code: WarningCode; rule: RuleId | null }

export interface TraceEntry {
  rule: RuleId;
  outcome: string;
  document?: Document;
  index?: number;
  on?: IsoDate;
  decision?: Decision;
  sources: string[];
  /** The revisions the rule's values came from, when revised. */
  revisions?: Array<{ parameter: string; announced_on: IsoDate; sources: string[] }>;
}

export interface Assessment {
  id: string;
  on: IsoDate;
  /** The knowledge date the answer used: the caller's `rulesAsOf`, else the latest announcement. */
  rules_as_of: IsoDate | null;
  covered: boolean;
  age: number;
  documents: DocumentAssessment[];
  care: {
    options: Document[][];
    if_online_check_fails: Document[][];
    provisional: Document[][];
    /** Covered but nothing usable: pay in full and claim the insurer's share back (療養費). */
    full_payment?: { rule: RuleId } & Texts;
  };
  needs_certificate: { needed: boolean; reason: NeedReason | null; from: IsoDate | null } & Texts;
  obligations: Obligation[];
  upcoming: Upcoming[];
  warnings: Warning[];
  /** Empty unless the call asked for the trace (the default). */
  trace: TraceEntry[];
}

export interface Summary {
  id: string;
  covered: boolean;
  legacy_card: Status | null;
  my_number_card: Status | null;
  certificate: Status | null;
  notice: Status | null;
  elderly_certificate: Status | null;
  needs_certificate: boolean;
  needs_reason: NeedReason | null;
  needs_from: IsoDate | null;
  next_action: Action | null;
  next_document: Document | null;
  next_from: IsoDate | null;
  next_until: IsoDate | null;
  next_event: EventCode | null;
  next_event_on: IsoDate | null;
}

export type ChangeKind = 'coverage' | 'document' | 'obligation_starts' | 'obligation_ends' | 'needs_certificate';
export interface Change extends Texts {
  on: IsoDate;
  kind: ChangeKind;
  document?: Document;
  index?: number;
  status?: Status;
  previous?: Status;
  action?: Action;
  value?: boolean;
  rule: RuleId;
}
export interface Span { document: Document; index?: number; status: Status; from: IsoDate; to: IsoDate }
export interface Timeline {
  id: string;
  from: IsoDate;
  to: IsoDate;
  rules_as_of: IsoDate | null;
  changes: Change[];
  spans: Span[];
  boundaries: Array<{ on: IsoDate; rule: RuleId }>;
}

export interface FieldError { code: string; path: string; en: string; ja: string }

/** Thrown (or, in `assessMany`/`summaries`, returned per row) for bad input; never an abort of the module. */
export class HokenshoError extends Error {
  readonly name: 'HokenshoError';
  readonly kind: 'invalid_member' | 'invalid_rules' | 'invalid_request' | 'internal';
  readonly code: string;
  readonly path: string;
  readonly en: string;
  readonly ja: string;
  readonly errors: FieldError[];
}

/** `rulesAsOf`: the knowledge date — answer with the rules as announced by that day (default: the latest). */
export interface Options { messages?: boolean; trace?: boolean; rulesAsOf?: DateArg }

export class RuleSet {
  private constructor();
  /** The default rules embedded in the package. */
  static embedded(): RuleSet;
  /** Rules from files as strings: `{ "national.toml": "…", "profiles/x.toml": "…" }` or `[{ name, content }]`. */
  static fromRules(files: Record<string, string> | Array<{ name: string; content: string }>): RuleSet;
  profileIds(): string[];
  assess(member: Member, on: DateArg, options?: Options): Assessment;
  assessMany(members: Member[], on: DateArg, options?: Options): Array<Assessment | HokenshoError>;
  summaries(members: Member[], on: DateArg, options?: { rulesAsOf?: DateArg }): Array<Summary | HokenshoError>;
  timeline(member: Member, from: DateArg, to: DateArg, options?: { messages?: boolean; rulesAsOf?: DateArg }): Timeline;
  explain(member: Member, on: DateArg, lang?: 'ja' | 'en', options?: { rulesAsOf?: DateArg }): string;
  /** Every revision of a rule value in order of announcement; only those announced on or after `since`. */
  changes(since?: DateArg): RuleChange[];
}

/** One revision of a rule value (the change log of the transition). */
export interface RuleChange {
  announced_on: string;
  rule: string;
  profile: string | null;
  parameter: string;
  previous: unknown;
  value: unknown;
  sources: string[];
  en: string;
  ja: string;
}

/** Loads the wasm module (web entry: required once before use; Node: a no-op). */
export function init(input?: string | URL | Request | Response | BufferSource | WebAssembly.Module): Promise<void>;
export default init;
/** The civil date in Japan (YYYY-MM-DD) of a JS Date. */
export function japanDate(date: Date): IsoDate;

/** The kinds of coded values that have labels. */
export type LabelKind = 'documents' | 'statuses' | 'need_reasons' | 'actions' | 'actors' | 'events' | 'warnings' | 'rules';
/** Every code of a kind with its label in `lang` (default `ja`), from the core's vocabulary. */
export function labels(kind: LabelKind, lang?: 'ja' | 'en'): Record<string, string>;

// ---- The columnar calls (issue 9): typed arrays in, typed arrays out, through hokensho-arrow ----

/** The null of a day column (`Int32Array` of days since 1970-01-01) and of a count column. */
export const NULL_DAY: -2147483648;
/** The null of a flag column (`Uint8Array` of 0/1). */
export const NULL_FLAG: 255;
/**
 * One member column, keyed by its contract path (`birth_date`, `coverage.acquired_on`, `certificates.0.basis` …):
 * dates as `Int32Array` days (`NULL_DAY` = null); counts as `Int32Array`; flags as `Uint8Array` 0/1 (`NULL_FLAG` =
 * null) or booleans; codes as integer typed arrays of indices into `vocab(column)` (negative, or 255 in a
 * `Uint8Array`, = null; `insurer`: indices into `profileIds()`); any column as an array of strings (the forms the
 * CLI reads: `2025/4/1`, `令和7年12月1日`, `true`, `はい` …; an empty string is null).
 */
export type MemberColumn = Int32Array | Uint8Array | Int8Array | Int16Array | Uint16Array | ReadonlyArray<string | number | boolean | null | undefined>;
export type MemberColumns = Record<string, MemberColumn>;
/** The summary columns of `hokensho-arrow`, one entry per input row, in order. */
export interface SummaryColumns {
  id: Array<string | null>;
  /** 0/1, `NULL_FLAG` on an error row. */
  covered: Uint8Array;
  /** Indices into `vocab('legacy_card')` (the statuses); -1 = null. */
  legacy_card: Int8Array;
  my_number_card: Int8Array;
  certificate: Int8Array;
  notice: Int8Array;
  elderly_certificate: Int8Array;
  needs_certificate: Uint8Array;
  needs_reason: Int8Array;
  /** Days since 1970-01-01; `NULL_DAY` = null. */
  needs_from: Int32Array;
  next_action: Int8Array;
  next_document: Int8Array;
  next_from: Int32Array;
  next_until: Int32Array;
  next_event: Int8Array;
  next_event_on: Int32Array;
  /** The first error's code and path, and every error as `code: path` joined by `; ` (null on a good row). */
  error_code: Array<string | null>;
  error_path: Array<string | null>;
  error: Array<string | null>;
}
/** `on`: the date of rows whose per-row date is null; `rulesAsOf`: the knowledge date. */
export interface ColumnsOptions { on?: DateArg; rulesAsOf?: DateArg }
/** A roster CSV's settings, as the CLI's `--encoding`, `--columns` (the TOML text), `--on`, `--on-column`. */
export interface CsvOptions {
  encoding?: 'auto' | 'utf-8' | 'shift_jis' | (string & {});
  columns?: string;
  on?: DateArg;
  onColumn?: string;
  rulesAsOf?: DateArg;
  /** Also write the summary CSV (default true). */
  csv?: boolean;
}
/** A roster assessed by `assessCsv`. */
export interface Roster {
  columns: SummaryColumns;
  /** The CLI's `--output-format csv --summary` bytes (UTF-8 with a BOM). */
  csv: Uint8Array | undefined;
  /** Row `row`'s member (contract JSON), or null for a bad row or after `free()`. */
  member(row: number): Member | null;
  /** An input column after the mapping (e.g. `insurer`). */
  input(column: string): Array<string | null>;
  /** Frees what `member` and `input` read from. */
  free(): void;
}
export interface RuleSet {
  /**
   * The members in `columns`, on `on`: one date, a per-row `Int32Array` of days (or array of date strings), or the
   * name of a column in `columns`. A bad row is an error in its place; wrong lengths or types throw HokenshoError.
   */
  assessColumns(columns: MemberColumns, on: DateArg | Int32Array | ReadonlyArray<string | null>, options?: ColumnsOptions): SummaryColumns;
  /** A roster CSV's bytes, read by the CLI's reader (UTF-8 or Shift_JIS, mapped headers). */
  assessCsv(bytes: Uint8Array | ArrayBuffer, options?: CsvOptions): Roster;
}
/** Member objects as `assessColumns` columns (typed where every cell allows, else arrays of values). */
export function toColumns(members: ReadonlyArray<Member>): MemberColumns;
/** The vocabulary of a coded column (input `role`, `certificates.0.basis`; output `legacy_card`, `next_action` …). */
export function vocab(column: string): string[];
/** Days since 1970-01-01 of an ISO date, or undefined. */
export function dayOfDate(iso: string): number | undefined;
/** The ISO date of a day number; null for `NULL_DAY`. */
export function dateOfDay(day: number): IsoDate | null;
