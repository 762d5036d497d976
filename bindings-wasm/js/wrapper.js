// The thin JavaScript layer over the wasm module: JSON in, envelopes out; `{"ok":false}` becomes a thrown
// HokenshoError. Shared by the `web` and `node` entries (build.sh also writes a CommonJS copy, wrapper.cjs, for
// `require`). No rule logic here.

/** An error from hokensho: a stable `code`, the field `path`, and messages in English and Japanese. */
export class HokenshoError extends Error {
  constructor(first, kind, errors) {
    super(first.en);
    this.name = 'HokenshoError';
    this.kind = kind;
    this.code = first.code;
    this.path = first.path;
    this.en = first.en;
    this.ja = first.ja;
    this.errors = errors;
  }
}

function fail(kind, code, path, en, ja) {
  const e = { code, path, en, ja };
  return new HokenshoError(e, kind, [e]);
}

function fromEnvelope(env) {
  const errors = Array.isArray(env.errors) && env.errors.length > 0
    ? env.errors
    : [{ code: 'internal', path: '', en: 'internal error', ja: '内部エラー' }];
  return new HokenshoError(errors[0], env.kind || 'internal', errors);
}

function unwrap(text) {
  const env = JSON.parse(text);
  if (env.ok) return env.result;
  throw fromEnvelope(env);
}

function stringify(value, path) {
  try {
    const s = JSON.stringify(value);
    if (typeof s !== 'string') throw new TypeError('not serialisable');
    return s;
  } catch (_) {
    throw fail('invalid_request', 'invalid_type', path,
      `\`${path}\` cannot be converted to JSON`, `\`${path}\` を JSON に変換できません`);
  }
}

const CHUNK = 2000;

/** The error of a call made before the wasm module is loaded (`en`, `ja`: what to do). */
export function notLoaded(en, ja) {
  return fail('invalid_request', 'not_initialized', '', en, ja);
}

/**
 * The error of an `init()` whose input is not a loadable wasm module (the cause's message inside). When the bytes
 * were HTML (`<!do…`: a dev server's fallback page where the wasm file should be), it says what usually causes it.
 */
export function loadFailed(cause) {
  const why = String(cause && cause.message ? cause.message : cause).replace(/[.\s]+$/, '');
  if (/found 3c 21 /.test(why)) {
    return fail('invalid_request', 'wasm_load_failed', 'input',
      `cannot load the wasm module: the server sent HTML where \`hokensho_wasm_bg.wasm\` should be (with Vite, add \`optimizeDeps: { exclude: ['hokensho'] }\`; or pass the wasm file's URL to \`init()\`): ${why}`,
      `wasm モジュールを読み込めません: \`hokensho_wasm_bg.wasm\` の代わりに HTML が返されました（Vite では \`optimizeDeps: { exclude: ['hokensho'] }\` を設定するか、wasm ファイルの URL を \`init()\` に渡してください）: ${why}`);
  }
  return fail('invalid_request', 'wasm_load_failed', 'input', `cannot load the wasm module: ${why}`,
    `wasm モジュールを読み込めません: ${why}`);
}

/**
 * The API over the wasm-bindgen module `wasm`. `ready()` is called before any use of the module: it loads the
 * module when it can (Node) or throws a HokenshoError saying to call `init()` first (browsers).
 */
export function makeApi(wasm, ready = () => {}) {
  const raw = new Proxy({}, { get(_, name) { ready(); return wasm[name]; } });
  /** Turns `on` (ISO / Japanese-era string, or a Date read in Japan time) into the string the core parses. */
  function dateArg(on, path) {
    if (on instanceof Date) {
      const s = raw.japanDateFromMillis(on.getTime());
      if (typeof s === 'string') return s;
      throw fail('invalid_request', 'invalid_date', path, `\`${path}\` is an invalid Date`, `\`${path}\` は無効な Date です`);
    }
    if (typeof on === 'string') return on;
    throw fail('invalid_request', 'invalid_date', path,
      `\`${path}\` must be an ISO date string, a Japanese-era date string or a Date`,
      `\`${path}\` は ISO 形式・和暦の日付文字列か Date でなければなりません`);
  }

  function call(fn, request) {
    try {
      return fn(request);
    } catch (e) {
      if (e instanceof HokenshoError) throw e;
      // a wasm trap must never take the caller down silently; report it as an error
      throw fail('internal', 'internal', '', `internal error: ${e && e.message ? e.message : e}`, '内部エラー');
    }
  }

  function request(parts) {
    // assemble the request text from already-serialised parts, so a bad member is reported with its own path
    return '{' + Object.entries(parts).map(([k, v]) => JSON.stringify(k) + ':' + v).join(',') + '}';
  }

  /**
   * Adds the call's options to the request parts: `messages` and `trace` go to `options`; `rulesAsOf` (a date: the
   * knowledge date, answering with the rules as announced by that day) goes to the request's `rules_as_of`.
   */
  function withOptions(parts, options) {
    if (options === undefined || options === null) return parts;
    if (typeof options !== 'object' || Array.isArray(options)) {
      throw fail('invalid_request', 'invalid_type', 'options', '`options` must be an object', '`options` はオブジェクトです');
    }
    const { rulesAsOf, ...rest } = options;
    if (rulesAsOf !== undefined && rulesAsOf !== null) parts.rules_as_of = JSON.stringify(dateArg(rulesAsOf, 'rules_as_of'));
    if (Object.keys(rest).length > 0) parts.options = stringify(rest, 'options');
    return parts;
  }

  /** A loaded rule set. */
  class RuleSet {
    constructor(handle) { this._h = handle; }

    /** The default rules embedded in the package. */
    static embedded() {
      try { return new RuleSet(raw.Rules.embedded()); } catch (e) { throw typeof e === 'string' ? fromEnvelope(JSON.parse(e)) : e; }
    }

    /**
     * Rules from files given as strings (a browser has no directory): `{ "national.toml": "…",
     * "profiles/kenpo.toml": "…" }` or `[{ name, content }]`.
     */
    static fromRules(files) {
      const list = Array.isArray(files) ? files : Object.entries(files || {}).map(([name, content]) => ({ name, content }));
      try { return new RuleSet(raw.Rules.fromFiles(stringify(list, 'files'))); } catch (e) { throw typeof e === 'string' ? fromEnvelope(JSON.parse(e)) : e; }
    }

    /** Profile ids loaded. */
    profileIds() { return Array.from(this._h.profileIds()); }

    /** Assesses one member on a date; throws HokenshoError for a bad record. */
    assess(member, on, options) {
      const parts = withOptions({ member: stringify(member, 'member'), on: JSON.stringify(dateArg(on, 'on')) }, options);
      return unwrap(call((r) => this._h.assess(r), request(parts)));
    }

    /**
     * Assesses many members on one date: one entry per member, in order — the assessment, or a HokenshoError
     * (returned, not thrown) for a bad member.
     */
    assessMany(members, on, options) {
      if (!Array.isArray(members)) {
        throw fail('invalid_request', 'invalid_type', 'members', '`members` must be an array', '`members` は配列です');
      }
      const items = members.map((m, i) => {
        try { return stringify(m, `members[${i}]`); } catch (e) { return e; }
      });
      const good = items.filter((x) => typeof x === 'string');
      const day = JSON.stringify(dateArg(on, 'on'));
      const extra = withOptions({}, options);
      // in chunks, so no single answer string approaches the engine's or V8's string limits
      const results = [];
      for (let i = 0; i < good.length || i === 0; i += CHUNK) {
        const parts = { members: '[' + good.slice(i, i + CHUNK).join(',') + ']', on: day, ...extra };
        for (const env of unwrap(call((r) => this._h.assessMany(r), request(parts)))) results.push(env);
        if (good.length === 0) break;
      }
      let k = 0;
      return items.map((x) => {
        if (typeof x !== 'string') return x;
        const env = results[k++];
        return env.ok ? env.result : fromEnvelope(env);
      });
    }

    /** One row per member for tables (codes only); a HokenshoError (returned) for a bad member. */
    summaries(members, on, options) {
      const parts = withOptions({ members: stringify(members, 'members'), on: JSON.stringify(dateArg(on, 'on')) }, options);
      return unwrap(call((r) => this._h.summaries(r), request(parts))).map((env) => (env.ok ? env.result : fromEnvelope(env)));
    }

    /** The dated changes between two dates (inclusive). */
    timeline(member, from, to, options) {
      const parts = {
        member: stringify(member, 'member'),
        from: JSON.stringify(dateArg(from, 'from')),
        to: JSON.stringify(dateArg(to, 'to')),
      };
      withOptions(parts, options);
      return unwrap(call((r) => this._h.timeline(r), request(parts)));
    }

    /**
     * The timeline as an iCalendar file (RFC 5545, CRLF line ends), the same bytes as the CLI's
     * `timeline --format ics`: options `lang` ("ja" or "en"), `alarmDays` (days between a reminder and its
     * deadline, default 7) and `rulesAsOf`.
     */
    calendar(member, from, to, options) {
      const parts = {
        member: stringify(member, 'member'),
        from: JSON.stringify(dateArg(from, 'from')),
        to: JSON.stringify(dateArg(to, 'to')),
      };
      let rest = options;
      if (options !== undefined && options !== null && typeof options === 'object' && !Array.isArray(options)) {
        const { lang, alarmDays, ...others } = options;
        if (lang !== undefined && lang !== null) parts.lang = stringify(lang, 'lang');
        if (alarmDays !== undefined && alarmDays !== null) parts.alarm_days = stringify(alarmDays, 'alarm_days');
        rest = others;
      }
      withOptions(parts, rest);
      return unwrap(call((r) => this._h.calendar(r), request(parts)));
    }

    /**
     * The change log of the transition: every revision of a rule value in order of announcement (each with its rule,
     * the value before and after, `announced_on`, sources and texts); only those announced on or after `since`.
     */
    changes(since) {
      const parts = {};
      if (since !== undefined && since !== null) parts.since = JSON.stringify(dateArg(since, 'since'));
      return unwrap(call((r) => this._h.changes(r), request(parts)));
    }

    /** The assessment as readable text (`lang`: "ja" or "en"). */
    explain(member, on, lang = 'ja', options) {
      const parts = withOptions({ member: stringify(member, 'member'), on: JSON.stringify(dateArg(on, 'on')), lang: JSON.stringify(lang) }, options);
      return unwrap(call((r) => this._h.explain(r), request(parts)));
    }
  }

  /** The civil date in Japan (YYYY-MM-DD) of a JS Date. */
  function japanDate(date) { return dateArg(date, 'date'); }

  /**
   * Every code of a kind with its label: `labels('actions', 'ja')` → `{ return: '返却', … }` (kinds: documents,
   * statuses, need_reasons, actions, actors, events, warnings, rules).
   */
  function labels(kind, lang = 'ja') {
    const list = unwrap(call((r) => raw.labels(r), request({ kind: JSON.stringify(kind), lang: JSON.stringify(lang) })));
    return Object.fromEntries(list.map((x) => [x.code, x.label]));
  }

  /**
   * A date as people type it (`2025-12-02`, `2025/12/2`, `令和7年12月2日`, `R7.12.2`) in ISO form, or `null` when
   * the text is not a whole, real date. The core's own parser: what the engine accepts, nothing more.
   */
  function parseDate(text) {
    if (typeof text !== 'string') return null;
    return raw.parseDate(text) ?? null;
  }

  const cols = makeColumns(raw, { fail, dateArg, fromEnvelope });
  RuleSet.prototype.assessColumns = function assessColumns(columns, on, options) { return cols.assess(this._h, columns, on, options); };
  RuleSet.prototype.assessCsv = function assessCsv(bytes, options) { return cols.csv(this._h, bytes, options); };
  return { RuleSet, HokenshoError, japanDate, labels, parseDate, ...cols.api };
}


// ---- The columnar call (issue 9): typed arrays in, typed arrays out, through the binding's Arrow batch and the
// hokensho-arrow layer (bindings-wasm/src/columns.rs). Only reshaping here: no rule logic, no vocabulary copy.

/** The null of a day column (`Int32Array` of days since 1970-01-01): the smallest 32-bit integer. */
const NULL_DAY = -2147483648;
/** The null of a flag column (`Uint8Array` of 0/1). */
const NULL_FLAG = 255;
const ON = '(on)';
const MS_DAY = 86400000;

/** Days since 1970-01-01 of an ISO date `YYYY-MM-DD` (any year), or undefined when it is not one. */
function dayOfDate(iso) {
  if (typeof iso !== 'string' || iso.length !== 10 || iso[4] !== '-' || iso[7] !== '-') return undefined;
  const y = +iso.slice(0, 4);
  const m = +iso.slice(5, 7);
  const d = +iso.slice(8, 10);
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d)) return undefined;
  const t = new Date(0);
  t.setUTCFullYear(y, m - 1, d);
  if (t.getUTCFullYear() !== y || t.getUTCMonth() !== m - 1 || t.getUTCDate() !== d) return undefined;
  return Math.round(t.getTime() / MS_DAY);
}

/** The ISO date `YYYY-MM-DD` of a day number, or null for `NULL_DAY`. */
function dateOfDay(day) {
  if (day === NULL_DAY || day === null || day === undefined) return null;
  return new Date(day * MS_DAY).toISOString().slice(0, 10);
}

const WANT = {
  date: ['an Int32Array of days since 1970-01-01 or an array of date strings', '1970-01-01 からの日数の Int32Array か日付文字列の配列'],
  count: ['an Int32Array or an array of numbers', 'Int32Array か数値の配列'],
  flag: ['a Uint8Array of 0/1 (255 = null) or an array of booleans', '0/1 の Uint8Array（255 = null）か真偽値の配列'],
  code: ['an integer typed array of vocabulary indices or an array of strings', '語彙の添字の整数型配列か文字列の配列'],
  text: ['an array of strings', '文字列の配列'],
};
const INTS = [Int8Array, Uint8Array, Int16Array, Uint16Array, Int32Array];

function makeColumns(raw, { fail, dateArg, fromEnvelope }) {
  const kinds = new Map();
  const kindOf = (name) => {
    let k = kinds.get(name);
    if (k === undefined) { k = raw.columnKind(name); kinds.set(name, k); }
    return k;
  };
  const vocabs = new Map();
  /** The vocabulary of a coded column (input `role`, `certificates.0.basis`…; output `legacy_card`, `next_action`…). */
  function vocab(column) {
    let v = vocabs.get(column);
    if (v === undefined) { v = Array.from(raw.columnVocab(String(column))); vocabs.set(column, v); }
    return v.slice();
  }
  const wrong = (name, want) => fail('invalid_request', 'invalid_type', name,
    `column \`${name}\` must be ${WANT[want][0]}`, `列 \`${name}\` は${WANT[want][1]}でなければなりません`);
  const rethrow = (e) => {
    if (typeof e === 'string') { try { return fromEnvelope(JSON.parse(e)); } catch (_) { /* below */ } }
    return fail('internal', 'internal', '', `internal error: ${e && e.message ? e.message : e}`, '内部エラー');
  };

  function strings(h, name, col) {
    const n = col.length;
    const parts = new Array(n);
    const ends = new Uint32Array(n);
    let end = 0;
    for (let i = 0; i < n; i++) {
      const v = col[i];
      const s = v === null || v === undefined ? '' : typeof v === 'string' ? v : typeof v === 'object' ? (JSON.stringify(v) ?? '') : String(v);
      parts[i] = s;
      end += s.length;
      ends[i] = end;
    }
    h.strings(name, parts.join(''), ends);
  }

  function keys(col) {
    if (col instanceof Int32Array) return col;
    const none = col instanceof Uint8Array ? 0xff : col instanceof Uint16Array ? 0xffff : undefined;
    const out = new Int32Array(col.length);
    for (let i = 0; i < col.length; i++) out[i] = col[i] === none ? -1 : col[i];
    return out;
  }

  function add(h, name, col, n, kind, profiles) {
    const typed = ArrayBuffer.isView(col) && !(col instanceof DataView);
    const want = { date: 'date', count: 'count', flag: 'flag', role: 'code', basis: 'code', reason: 'code', insurer: 'code' }[kind] || (kind === '' ? 'date' : 'text');
    if (!typed && !Array.isArray(col)) throw wrong(name, want);
    if (col.length !== n) {
      throw fail('invalid_request', 'invalid_length', name,
        `column \`${name}\` has ${col.length} values, not one per row (${n})`, `列 \`${name}\` の値が ${col.length} 個で、行数（${n}）と合いません`);
    }
    if (typed) {
      if ((kind === 'date' || kind === '') && col instanceof Int32Array) return h.dates(name, col);
      if (kind === 'count' && col instanceof Int32Array) return h.counts(name, col);
      if (kind === 'flag' && col instanceof Uint8Array) return h.flags(name, col);
      if ((kind === 'role' || kind === 'basis' || kind === 'reason') && INTS.some((T) => col instanceof T)) return h.codes(name, keys(col));
      if (kind === 'insurer' && INTS.some((T) => col instanceof T)) {
        const k = keys(col);
        return strings(h, name, Array.from(k, (x) => (x < 0 ? null : x < profiles().length ? profiles()[x] : String(x))));
      }
      throw wrong(name, want);
    }
    if (kind === 'flag' && col.every((v) => v === null || v === undefined || typeof v === 'boolean')) {
      return h.flags(name, Uint8Array.from(col, (v) => (typeof v === 'boolean' ? +v : NULL_FLAG)));
    }
    return strings(h, name, col);
  }

  function read(out) {
    const n = out.rows();
    const res = {};
    for (const name of out.names()) {
      const kind = out.kind(name);
      if (kind === 'flag') res[name] = out.flags(name);
      else if (kind === 'code') res[name] = out.codes(name);
      else if (kind === 'date') res[name] = out.dates(name);
      else {
        const text = out.text(name);
        const ends = out.textEnds(name);
        const nulls = out.textNulls(name);
        const a = new Array(n);
        let start = 0;
        for (let i = 0; i < n; i++) {
          const e = ends[i];
          a[i] = nulls.length > 0 && nulls[i] === 1 ? null : text.slice(start, e);
          start = e;
        }
        res[name] = a;
      }
    }
    return res;
  }

  function assess(handle, columns, on, options) {
    if (columns === null || typeof columns !== 'object' || Array.isArray(columns) || ArrayBuffer.isView(columns)) {
      throw fail('invalid_request', 'invalid_type', 'columns', '`columns` must be an object of columns', '`columns` は列のオブジェクトです');
    }
    if (options !== undefined && options !== null && (typeof options !== 'object' || Array.isArray(options))) {
      throw fail('invalid_request', 'invalid_type', 'options', '`options` must be an object', '`options` はオブジェクトです');
    }
    const { rulesAsOf, on: fallback, lang } = options || {};
    const names = Object.keys(columns);
    const perRow = ArrayBuffer.isView(on) || Array.isArray(on);
    const first = names.length > 0 ? columns[names[0]] : perRow ? on : undefined;
    const n = first !== null && first !== undefined && Number.isInteger(first.length) ? first.length : 0;
    let profileIds;
    const profiles = () => profileIds || (profileIds = Array.from(handle.profileIds()));
    let h;
    try {
      h = new raw.MemberColumns(n);
      for (const name of names) add(h, name, columns[name], n, kindOf(name), profiles);
      let day;
      let onColumn;
      if (perRow) {
        if (Object.prototype.hasOwnProperty.call(columns, ON)) throw fail('invalid_request', 'duplicate_column', ON, `column \`${ON}\` is reserved`, `列 \`${ON}\` は予約されています`);
        add(h, ON, on, n, '', profiles);
        onColumn = ON;
      } else if (typeof on === 'string' && Object.prototype.hasOwnProperty.call(columns, on)) {
        onColumn = on;
      } else if (on !== undefined && on !== null) {
        day = dateArg(on, 'on');
      }
      if (onColumn !== undefined && fallback !== undefined && fallback !== null) day = dateArg(fallback, 'on');
      const asOf = rulesAsOf === undefined || rulesAsOf === null ? undefined : dateArg(rulesAsOf, 'rules_as_of');
      const out = handle.assessColumns(h, day, onColumn, asOf, lang === undefined || lang === null ? undefined : String(lang));
      try { return read(out); } finally { out.free(); }
    } catch (e) {
      throw e instanceof Error && e.name === 'HokenshoError' ? e : rethrow(e);
    } finally {
      if (h) h.free();
    }
  }

  let sjis = false;
  /**
   * The Shift_JIS index jis0208 from the platform's own decoder (the wasm module carries no encoding tables): each
   * pointer's two bytes, decoded alone; once. Without a Shift_JIS TextDecoder, Shift_JIS files are refused.
   */
  function shiftJis() {
    if (sjis) return;
    sjis = true;
    let dec;
    try { dec = new TextDecoder('shift_jis'); } catch (_) { return; }
    const n = 11280;
    const buf = new Uint8Array(n * 3);
    for (let p = 0; p < n; p++) {
      const lead = Math.floor(p / 188);
      const trail = p % 188;
      buf[p * 3] = lead + (lead < 0x1f ? 0x81 : 0xc1);
      buf[p * 3 + 1] = trail + (trail < 0x3f ? 0x40 : 0x41);
      buf[p * 3 + 2] = 0x0a;
    }
    const parts = dec.decode(buf).split('\n');
    const index = new Uint16Array(n);
    for (let p = 0; p < n; p++) {
      const c = parts[p];
      index[p] = c !== undefined && c.length === 1 && c !== '\ufffd' ? c.charCodeAt(0) : 0;
    }
    raw.setShiftJisIndex(index);
  }

  /** A CSV roster's bytes through the CLI's reader: `{ columns, csv }` (csv: the summary CSV bytes, UTF-8 with BOM). */
  function csv(handle, bytes, options) {
    shiftJis();
    if (!(bytes instanceof Uint8Array)) {
      if (bytes instanceof ArrayBuffer) bytes = new Uint8Array(bytes);
      else throw fail('invalid_request', 'invalid_type', 'csv', '`bytes` must be a Uint8Array or an ArrayBuffer', '`bytes` は Uint8Array か ArrayBuffer です');
    }
    if (options !== undefined && options !== null && (typeof options !== 'object' || Array.isArray(options))) {
      throw fail('invalid_request', 'invalid_type', 'options', '`options` must be an object', '`options` はオブジェクトです');
    }
    const o = options || {};
    const text = (v, path) => {
      if (v === undefined || v === null) return undefined;
      if (typeof v !== 'string') throw fail('invalid_request', 'invalid_type', path, `\`${path}\` must be a string`, `\`${path}\` は文字列です`);
      return v;
    };
    const opt = (v, path) => (v === undefined || v === null ? undefined : dateArg(v, path));
    let out;
    try {
      out = handle.assessCsv(bytes, text(o.encoding, 'encoding'), text(o.columns, 'columns'), opt(o.on, 'on'),
        text(o.onColumn, 'onColumn'), opt(o.rulesAsOf, 'rules_as_of'), o.csv !== false, text(o.lang, 'lang'));
    } catch (e) {
      throw e instanceof Error && e.name === 'HokenshoError' ? e : rethrow(e);
    }
    let columns;
    let file;
    try {
      file = out.csv();
      columns = read(out);
    } catch (e) { out.free(); throw rethrow(e); }
    let live = true;
    return {
      columns,
      csv: file === undefined ? undefined : file,
      /** Row `i`'s member as a contract object (for the single-member view), or null for a bad row. */
      member(i) {
        if (!live || !Number.isInteger(i) || i < 0) return null;
        const m = handle.csvMember(out, i);
        return typeof m === 'string' ? JSON.parse(m) : null;
      },
      /** An input column of the roster after the mapping (e.g. `insurer`), as strings (null for an empty cell). */
      input(name) {
        if (!live) return [];
        const c = out.inputColumn(String(name));
        try { return read(c)[name] || []; } finally { c.free(); }
      },
      /** Frees the roster held for `member` and `input` (the columns and CSV stay). */
      free() { if (live) { live = false; out.free(); } },
    };
  }

  /**
   * Member objects (the contract's JSON) as the columns `assessColumns` takes: dates as Int32Array days when every
   * cell is an ISO date or null, flags as Uint8Array, counts as Int32Array, codes as Int8Array indices; any column
   * holding something else stays an array of its values (the layer converts or names them, row by row).
   */
  function toColumns(members) {
    if (!Array.isArray(members)) {
      throw fail('invalid_request', 'invalid_type', 'members', '`members` must be an array', '`members` は配列です');
    }
    const n = members.length;
    const cells = new Map();
    let i = 0;
    const put = (name, v) => {
      let c = cells.get(name);
      if (c === undefined) { c = new Array(n).fill(null); cells.set(name, c); }
      c[i] = v;
    };
    const walk = (obj, prefix) => {
      for (const k of Object.keys(obj)) {
        const x = obj[k];
        const key = prefix + k;
        if (x !== null && typeof x === 'object' && !Array.isArray(x)) walk(x, key + '.');
        else if (Array.isArray(x) && (key === 'certificates' || key === 'face_changes')) {
          x.forEach((e, j) => (e !== null && typeof e === 'object' && !Array.isArray(e) ? walk(e, `${key}.${j}.`) : put(`${key}.${j}`, e)));
        } else put(key, x);
      }
    };
    for (; i < n; i++) {
      const m = members[i];
      if (m !== null && typeof m === 'object' && !Array.isArray(m)) walk(m, '');
    }
    const out = {};
    for (const [name, c] of cells) {
      const kind = kindOf(name);
      const empty = (v) => v === null || v === undefined;
      if (kind === 'date') {
        const days = new Int32Array(n);
        let ok = true;
        for (let r = 0; r < n && ok; r++) {
          const v = c[r];
          const d = empty(v) ? NULL_DAY : dayOfDate(v);
          if (d === undefined || d === NULL_DAY && !empty(v)) ok = false;
          else days[r] = d;
        }
        out[name] = ok ? days : c;
      } else if (kind === 'flag' && c.every((v) => empty(v) || typeof v === 'boolean')) {
        out[name] = Uint8Array.from(c, (v) => (empty(v) ? NULL_FLAG : +v));
      } else if (kind === 'count' && c.every((v) => empty(v) || (Number.isInteger(v) && v >= 0 && v < 2 ** 31))) {
        out[name] = Int32Array.from(c, (v) => (empty(v) ? NULL_DAY : v));
      } else if (kind === 'role' || kind === 'basis' || kind === 'reason') {
        const words = vocab(name);
        out[name] = c.every((v) => empty(v) || words.includes(v)) ? Int8Array.from(c, (v) => (empty(v) ? -1 : words.indexOf(v))) : c;
      } else out[name] = c;
    }
    return out;
  }

  return { assess, csv, api: { toColumns, vocab, NULL_DAY, NULL_FLAG, dayOfDate, dateOfDay } };
}
