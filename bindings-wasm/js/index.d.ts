// TypeScript declarations of the npm package `hokensho` (the `web`, `node` and `require` entries; they need neither
// the DOM lib nor @types/node). Hand-written from the Rust types in core/src/{model,assessment,timeline,summary}.rs
// and checked with `tsc --strict` against bindings-wasm/tests/types-check.ts.

/** A civil date in Japan, `YYYY-MM-DD`. */
export type IsoDate = string;
/** A query date: ISO, a Japanese-era string (`令和7年12月1日`, `R7.12.1`), or a JS Date read in Japan time. */
export type DateArg = IsoDate | string | Date;

export type Insurer = 'kenpo' | 'kyokai' | 'kyosai' | 'kokuho' | 'kouki' | (string & {});
import type {
  Role, Basis, FaceChangeReason, RuleId, Document, Status, ReasonCode, NeedReason, Action, Actor, Via, Delivery,
  Event as EventCode, WarningCode, Decision, DocumentAssessment, Obligation, Upcoming, Warning, TraceEntry, Assessment,
  Summary, ChangeKind, TimelineChange as Change, Span, Timeline,
} from './types.generated.js';
// The vocabularies and the answers' types come from the Rust types (types.generated.d.ts, generated from
// schema/hokensho.schema.json): one source for every code, nothing to keep in step by hand.
export type { Role, Basis, FaceChangeReason };

/**
 * The data types generated from the JSON Schema of the Rust types (schema/hokensho.schema.json, by
 * bindings-wasm/gen-types.mjs): `schema.Member`, `schema.Assessment`, `schema.Timeline`, `schema.Summary`,
 * `schema.ErrorEnvelope`, `schema.RuleFile`, … tests/types-check.ts checks the declarations below against them.
 */
export type * as schema from './types.generated.js';

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

export type {
  RuleId, Document, Status, ReasonCode, NeedReason, Action, Actor, Via, Delivery, EventCode, WarningCode, Decision,
  DocumentAssessment, Obligation, Upcoming, Warning, TraceEntry, Assessment, Summary, ChangeKind, Change, Span,
  Timeline,
};

/** Texts are present unless the call asked for `{ messages: false }`. */
export interface Texts { en?: string; ja?: string }

export interface FieldError { code: string; path: string; en: string; ja: string }

/** Thrown (or, in `assessMany`/`summaries`, returned per row) for bad input; never an abort of the module. */
export class HokenshoError extends Error {
  readonly name: 'HokenshoError';
  readonly kind: 'invalid_member' | 'invalid_rules' | 'invalid_request' | 'internal';
  /** e.g. `missing_field`; `not_initialized` for a call before `init()`, `wasm_load_failed` for a bad `init()` input. */
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
  /** The timeline as an iCalendar file (RFC 5545, CRLF line ends): the CLI's `timeline --format ics` bytes. */
  calendar(member: Member, from: DateArg, to: DateArg, options?: { lang?: 'ja' | 'en'; alarmDays?: number; rulesAsOf?: DateArg }): string;
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

/**
 * What `init()` loads the wasm module from. Declared structurally, so these declarations need neither the DOM lib
 * nor @types/node: a URL as a string or a URL object (a bundler's URL of `hokensho/hokensho_wasm_bg.wasm`; in
 * Node also a path), a Request, a Response or a promise of one, the bytes, or a compiled WebAssembly.Module.
 */
export type WasmInput =
  | string
  | { readonly href: string }
  | { arrayBuffer(): PromiseLike<ArrayBuffer> }
  | PromiseLike<{ arrayBuffer(): PromiseLike<ArrayBuffer> }>
  | ArrayBuffer
  | ArrayBufferView
  | WasmModule;
/** A compiled `WebAssembly.Module` (declared without the DOM lib, which has it as an empty interface). */
export type WasmModule = object;
/**
 * Loads the wasm module. Web entry: required once before use (`await init()` loads the file next to the
 * package; bundlers may hand over its URL); a call before it throws a HokenshoError (`not_initialized`). Node:
 * optional (the first call loads it), `input` for bundles that moved the file. A bad input throws a
 * HokenshoError (`wasm_load_failed`). Safe to call again.
 */
export function init(input?: WasmInput): Promise<void>;
/** Loads the wasm module synchronously from its bytes or a compiled WebAssembly.Module (a no-op once loaded). */
export function initSync(input: ArrayBuffer | ArrayBufferView | WasmModule): void;
export default init;
/**
 * A date as people type it — `2025-12-02`, `2025/12/2`, `令和7年12月2日`, `R7.12.2` — in ISO form, or `null`
 * when the text is not a whole, real date (the engine's own parser).
 */
export function parseDate(text: string): IsoDate | null;
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
  /** The first error's message in the call's `lang` (default `ja`). */
  error_message: Array<string | null>;
}
/** `on`: the date of rows whose per-row date is null; `rulesAsOf`: the knowledge date; `lang`: of `error_message`. */
export interface ColumnsOptions { on?: DateArg; rulesAsOf?: DateArg; lang?: 'ja' | 'en' }
/** A roster CSV's settings, as the CLI's `--encoding`, `--columns` (the TOML text), `--on`, `--on-column`. */
export interface CsvOptions {
  encoding?: 'auto' | 'utf-8' | 'shift_jis' | (string & {});
  columns?: string;
  on?: DateArg;
  onColumn?: string;
  rulesAsOf?: DateArg;
  lang?: 'ja' | 'en';
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
