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

  return { RuleSet, HokenshoError, japanDate, labels, parseDate };
}
