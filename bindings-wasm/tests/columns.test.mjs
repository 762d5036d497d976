// The columnar calls (`assessColumns`, `toColumns`, `assessCsv`) against the JSON call `summaries`, row for row:
// every corpus member and 100,000 generated members; bad rows in place; wrong columns → HokenshoError; the roster
// CSV's answer bytes against the CLI's.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RuleSet, HokenshoError, labels, toColumns, vocab, NULL_DAY, NULL_FLAG, dayOfDate, dateOfDay } from '../pkg/node.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const rules = RuleSet.embedded();
const dir = join(root, 'tests', 'conformance');
const corpus = readdirSync(dir).filter((f) => f.endsWith('.json')).sort()
  .flatMap((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')).scenarios);
const examples = readFileSync(join(root, 'examples', 'members.jsonl'), 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));

/** Row `i` of summary columns in the shape of `summaries`' rows (codes by name, dates ISO), or its error. */
function rowOf(out, i) {
  if (out.error[i] !== null) return { error: out.error_code[i], path: out.error_path[i], text: out.error[i], id: out.id[i] };
  const row = {};
  for (const [name, col] of Object.entries(out)) {
    if (name.startsWith('error')) continue;
    if (col instanceof Int8Array) row[name] = col[i] < 0 ? null : vocab(name)[col[i]];
    else if (col instanceof Int32Array) row[name] = dateOfDay(col[i]);
    else if (col instanceof Uint8Array) row[name] = col[i] === NULL_FLAG ? null : col[i] === 1;
    else row[name] = col[i];
  }
  return row;
}

const SUMMARY_COLUMNS = ['id', 'covered', 'legacy_card', 'my_number_card', 'certificate', 'notice', 'elderly_certificate',
  'needs_certificate', 'needs_reason', 'needs_from', 'next_action', 'next_document', 'next_from', 'next_until', 'next_event',
  'next_event_on', 'error_code', 'error_path', 'error', 'error_message'];

test('the output columns are the summary schema of hokensho-arrow, typed as documented', () => {
  const out = rules.assessColumns(toColumns(examples.slice(0, 3)), '2025-12-02');
  assert.deepEqual(Object.keys(out), SUMMARY_COLUMNS);
  assert.ok(out.legacy_card instanceof Int8Array && out.needs_from instanceof Int32Array && out.covered instanceof Uint8Array);
  assert.ok(Array.isArray(out.id) && Array.isArray(out.error));
  // the core's labels list every code in the vocabulary's order
  assert.deepEqual(vocab('legacy_card'), Object.keys(labels('statuses', 'en')));
  assert.deepEqual(vocab('next_action'), Object.keys(labels('actions', 'en')));
  assert.deepEqual(vocab('role'), ['insured', 'dependent']);
  assert.deepEqual(vocab('id'), []);
  assert.equal(dayOfDate('2025-12-02'), 20424);
  assert.equal(dateOfDay(20424), '2025-12-02');
  assert.equal(dateOfDay(NULL_DAY), null);
  assert.equal(dayOfDate('2025-02-30'), undefined);
});

test('assessColumns equals summaries on every corpus member (a date per row), row for row', () => {
  const groups = new Map();
  for (const s of corpus) {
    const k = s.rules_as_of || '';
    if (!groups.has(k)) groups.set(k, []);
    groups.get(k).push(s);
  }
  let ok = 0;
  let bad = 0;
  let sameError = 0;
  let lenient = 0;
  for (const [asOf, list] of groups) {
    const options = asOf ? { rulesAsOf: asOf } : undefined;
    const days = Int32Array.from(list, (s) => dayOfDate(s.on) ?? NULL_DAY);
    const out = rules.assessColumns(toColumns(list.map((s) => s.member)), days, { ...options, on: '2025-12-02' });
    assert.equal(out.id.length, list.length);
    list.forEach((s, i) => {
      const [want] = rules.summaries([s.member], dayOfDate(s.on) === undefined ? '2025-12-02' : s.on, options);
      const got = rowOf(out, i);
      if (!(want instanceof HokenshoError)) {
        assert.deepEqual(got, want, `${s.name}`);
        ok++;
      } else if (got.error !== undefined) {
        bad++;
        if (got.error === want.code) sameError++;
      } else {
        // a JSON value of the wrong type becomes text in a column, which the layer may read (`"1"` for a flag)
        assert.notEqual(want.code, 'individual_number', s.name);
        lenient++;
      }
    });
  }
  console.log(`corpus: ${ok} ok rows equal, ${bad} bad rows bad (${sameError} with the same code), ${lenient} read leniently`);
  assert.ok(ok > 150, `${ok} ok`);
  assert.ok(bad > 10 && sameError * 2 > bad, `${bad} bad, ${sameError} same code`);
  assert.ok(lenient * 10 < bad, `${lenient} lenient`);
});

/** 100,000 members from the examples: dates shifted, documents dropped, every 101st row bad in one of five ways. */
function generate(n) {
  const shift = (iso, d) => (typeof iso === 'string' && dayOfDate(iso) !== undefined ? dateOfDay(dayOfDate(iso) + d) : iso);
  const walk = (v, d) => {
    if (Array.isArray(v)) return v.map((x) => walk(x, d));
    if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x, d)]));
    return shift(v, d);
  };
  const bads = [
    (m) => { m.birth_date = '1980-02-30'; },
    (m) => { m.insurer = 'nowhere'; },
    (m) => { m.role = 'boss'; },
    (m) => { m.abroad = 'maybe'; },
    (m) => { m.certificates = [{ issued_on: '2025-08-01', expires_on: '2029-07-31', basis: 'lottery' }]; },
  ];
  const out = new Array(n);
  for (let i = 0; i < n; i++) {
    const t = examples[i % examples.length];
    const m = walk(t, ((i * 7919) % 721) - 360);
    m.id = `G-${i}`;
    if (i % 3 === 1) delete m.notice;
    if (i % 5 === 2) delete m.legacy_card;
    if (i % 101 === 100) bads[(i / 101 | 0) % bads.length](m);
    out[i] = m;
  }
  return out;
}

test('assessColumns equals summaries on 100,000 generated members, row for row; bad rows keep their place', () => {
  const members = generate(100_000);
  const dates = ['2025-07-31', '2025-12-02', '2026-08-01', '2027-08-01'];
  const days = Int32Array.from(members, (_, i) => dayOfDate(dates[i % 4]));
  const t0 = performance.now();
  const out = rules.assessColumns(toColumns(members), days);
  const t1 = performance.now();
  assert.equal(out.id.length, members.length);
  const want = new Array(members.length);
  dates.forEach((on, k) => {
    const idx = members.map((_, i) => i).filter((i) => i % 4 === k);
    rules.summaries(idx.map((i) => members[i]), on).forEach((s, j) => { want[idx[j]] = s; });
  });
  const t2 = performance.now();
  console.log(`100,000 members: toColumns + assessColumns ${(t1 - t0).toFixed(0)} ms, summaries ${(t2 - t1).toFixed(0)} ms`);
  let bad = 0;
  for (let i = 0; i < members.length; i++) {
    const got = rowOf(out, i);
    const w = want[i];
    if (w instanceof HokenshoError) {
      bad++;
      assert.equal(got.error, w.code, `row ${i}`);
      // the columnar layer names the column (`certificates.0.issued_on`) where the JSON call names the path
      assert.equal(got.path, w.path.replace(/\[(\d+)\]/g, '.$1'), `row ${i}`);
      assert.equal(got.id, members[i].id, `row ${i}`);
    } else if (JSON.stringify(got) !== JSON.stringify(w)) {
      assert.deepEqual(got, w, `row ${i}`);
    }
  }
  // every spoilt row is bad (the shifted dates make more: a card issued before birth …), most rows are answered
  for (let i = 100; i < members.length; i += 101) assert.notEqual(out.error_code[i], null, `row ${i}`);
  assert.ok(bad >= Math.floor(members.length / 101) && bad < members.length / 4, `${bad} bad rows`);
  assert.deepEqual(out.id.slice(0, 3), ['G-0', 'G-1', 'G-2']);
});

test('a bad row is an error in its place; the rows around it are answered', () => {
  const m = (id, extra) => ({ id, insurer: 'kenpo', role: 'insured', birth_date: '1980-05-10', coverage: { acquired_on: '2010-04-01' }, ...extra });
  const members = [m('A'), m('B', { insurer: 'nowhere' }), m('C', { legacy_card: { issued_on: '2024-12-02' } }), null, m('E', { role: 'boss' }), m('F')];
  const out = rules.assessColumns(toColumns(members), '2025-12-02');
  assert.deepEqual(out.id, ['A', 'B', 'C', null, 'E', 'F']);
  assert.deepEqual(out.error_code.map((c) => c !== null), [false, true, true, true, true, false]);
  assert.equal(out.error_code[1], 'unknown_insurer');
  assert.equal(out.error_code[2], 'legacy_issued_after_stop');
  assert.equal(out.error_path[2], 'legacy_card.issued_on');
  assert.equal(out.error_path[4], 'role');
  assert.equal(out.covered[0], 1);
  assert.equal(out.covered[1], NULL_FLAG);
  assert.equal(out.legacy_card[1], -1);
  // typed columns with out-of-range values are errors of their rows, not of the batch
  const cols = {
    id: ['X', 'Y', 'Z'], insurer: ['kenpo', 'kenpo', 'kenpo'], role: new Int8Array([0, 7, -1]),
    birth_date: new Int32Array([3600, 3600, 3600]), 'coverage.acquired_on': new Int32Array([14700, 14700, NULL_DAY]),
    abroad: new Uint8Array([0, 1, 2]),
  };
  const o2 = rules.assessColumns(cols, '2025-12-02');
  assert.equal(o2.error_code[0], null);
  assert.equal(o2.error_path[1], 'role');
  assert.equal(o2.error[2], 'invalid_type: abroad; missing_field: role; missing_field: coverage.acquired_on');
  assert.equal(o2.error_code[2], 'invalid_type');
});

test('wrong lengths and types are HokenshoErrors naming the column, in English and Japanese', () => {
  const base = { id: ['A', 'B'], insurer: ['kenpo', 'kenpo'], role: ['insured', 'insured'], birth_date: new Int32Array(2), 'coverage.acquired_on': new Int32Array(2) };
  const fails = (cols, on, code, path, options) => {
    assert.throws(() => rules.assessColumns(cols, on, options), (e) => {
      assert.ok(e instanceof HokenshoError, String(e));
      assert.equal(e.code, code);
      assert.equal(e.path, path);
      if (path) assert.ok(e.en.includes(`\`${path}\``) && e.ja.includes(`\`${path}\``), `${e.en} / ${e.ja}`);
      return true;
    });
  };
  fails({ ...base, birth_date: new Int32Array(3) }, '2025-12-02', 'invalid_length', 'birth_date');
  fails({ ...base, id: ['A'] }, '2025-12-02', 'invalid_length', 'insurer');
  fails({ ...base, birth_date: new Float64Array(2) }, '2025-12-02', 'invalid_type', 'birth_date');
  fails({ ...base, abroad: new Int32Array(2) }, '2025-12-02', 'invalid_type', 'abroad');
  fails({ ...base, id: new Int32Array(2) }, '2025-12-02', 'invalid_type', 'id');
  fails({ ...base, birth_date: 'x' }, '2025-12-02', 'invalid_type', 'birth_date');
  fails({ ...base, 'certificates.0.basis': new Float32Array(2) }, '2025-12-02', 'invalid_type', 'certificates.0.basis');
  fails(base, new Int32Array(5), 'invalid_length', '(on)');
  fails(base, 'not a date', 'invalid_date', 'on');
  fails(base, '2025-12-02', 'invalid_date', 'rules_as_of', { rulesAsOf: 'soon' });
  fails(base, undefined, 'missing_field', 'on');
  fails([1, 2], '2025-12-02', 'invalid_type', 'columns');
  // no columns, no rows (a date string's length is not a row count)
  assert.equal(rules.assessColumns({}, '2025-12-02').id.length, 0);
  assert.equal(rules.assessColumns(toColumns([]), '2025-12-02').error.length, 0);
  // a per-row date column named in `on`, with the batch's date for its null cells
  const out = rules.assessColumns({ ...base, day: new Int32Array([dayOfDate('2025-12-02'), NULL_DAY]) }, 'day', { on: '2026-08-01' });
  assert.deepEqual(out.error_code, [null, null]);
  assert.ok(rules.assessColumns({ ...base, day: ['2025-12-02', ''] }, 'day').error_code[1] === 'missing_field');
});

test('assessCsv reads a roster as the CLI does and writes the CLI\'s summary CSV bytes', () => {
  const cli = join(root, 'target', 'debug', 'hokensho');
  const file = join(root, 'examples', 'hr', 'roster.csv');
  const map = join(root, 'examples', 'hr', 'columns.toml');
  const roster = rules.assessCsv(readFileSync(file), { columns: readFileSync(map, 'utf8'), on: '2025-12-02' });
  const { columns, csv } = roster;
  // the mapped input (values mapped: 健康保険組合 → kenpo, 本人 → insured) and each row's member
  assert.deepEqual(roster.input('insurer'), ['kenpo', 'kenpo', 'kenpo']);
  const m = roster.member(1);
  assert.equal(m.id, 'E-0002');
  assert.equal(m.role, 'dependent');
  assert.equal(m.birth_date, '1965-02-20');
  assert.deepEqual(rules.summaries([m], '2025-12-02')[0], rowOf(columns, 1));
  roster.free();
  assert.equal(roster.member(1), null);
  assert.ok(csv instanceof Uint8Array);
  assert.deepEqual([...csv.slice(0, 3)], [0xef, 0xbb, 0xbf]);
  const rows = new TextDecoder().decode(csv).split(/\r?\n/).length;
  assert.equal(columns.id.length, 3);
  assert.equal(rows, 5); // header, three rows, the final line end
  assert.deepEqual(columns.id, ['E-0001', 'E-0002', 'E-0003']);
  if (!existsSync(cli)) assert.fail(`build the CLI first (cargo build -p hokensho-cli): ${cli}`);
  const want = execFileSync(cli, ['assess', file, '--columns', map, '--input-format', 'csv', '--output-format', 'csv', '--summary', '--on', '2025-12-02']);
  assert.equal(Buffer.from(csv).toString('utf8'), want.toString('utf8'));
  assert.ok(Buffer.from(csv).equals(want));
  // the same roster in Shift_JIS (kanji headers, names, era dates), detected: the same bytes out as the CLI's
  const sjis = join(root, 'bindings-wasm', 'test-output', 'roster-sjis.csv');
  execFileSync('python3', ['-c', `import sys; open(sys.argv[2], 'wb').write(open(sys.argv[1], encoding='utf-8').read().encode('cp932'))`, file, sjis]);
  const fromSjis = rules.assessCsv(readFileSync(sjis), { columns: readFileSync(map, 'utf8'), on: '2025-12-02' });
  const wantSjis = execFileSync(cli, ['assess', sjis, '--columns', map, '--input-format', 'csv', '--output-format', 'csv', '--summary', '--on', '2025-12-02']);
  assert.ok(Buffer.from(fromSjis.csv).equals(wantSjis));
  assert.ok(Buffer.from(fromSjis.csv).equals(want), 'Shift_JIS and UTF-8 give the same answers');
  assert.equal(fromSjis.member(0).birth_date, '1958-10-15');
  // a row that is not valid Shift_JIS is an error row in its place, the rows around it answered
  const bytes = readFileSync(sjis);
  const lines = [];
  let start = 0;
  for (let k = 0; k < bytes.length; k++) if (bytes[k] === 0x0a) { lines.push(bytes.subarray(start, k + 1)); start = k + 1; }
  const bad = Buffer.from(lines[1]);
  bad[bad.indexOf(0x2c) + 1] = 0xff; // the first byte of the name: not Shift_JIS
  const spoilt = Buffer.concat([lines[0], lines[1], bad, ...lines.slice(2)]);
  const broken = rules.assessCsv(spoilt, { columns: readFileSync(map, 'utf8'), on: '2025-12-02', encoding: 'shift_jis' });
  assert.deepEqual(broken.columns.error_code, [null, 'invalid_encoding', null, null]);
  assert.equal(broken.columns.error_path[1], 'line:3');
  // a file-level error is a HokenshoError with the reader's code
  assert.throws(() => rules.assessCsv(new TextEncoder().encode('id,個人番号\nA,1\n'), { on: '2025-12-02' }),
    (e) => e instanceof HokenshoError && e.code === 'individual_number' && e.ja.length > 0);
  assert.throws(() => rules.assessCsv('id\n', { on: '2025-12-02' }), (e) => e instanceof HokenshoError && e.code === 'invalid_type');
});
