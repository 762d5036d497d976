// The node entry: errors, Dates across midnight JST, assessMany order and count, byte-identical answers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RuleSet, HokenshoError, japanDate, init } from '../pkg/node.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const rules = RuleSet.embedded();
const lines = readFileSync(join(root, 'examples', 'members.jsonl'), 'utf8').split('\n').filter((l) => l.trim());
const members = lines.map((l) => JSON.parse(l));
const base = { id: 'T-1', insurer: 'kenpo', role: 'insured', birth_date: '1980-05-10', coverage: { acquired_on: '2010-04-01' }, number_on_file: { received_on: '2024-05-01' }, legacy_card: { issued_on: '2019-04-01' } };

test('init is a no-op in Node and the embedded profiles are loaded', async () => {
  await init();
  assert.deepEqual(rules.profileIds(), ['kenpo', 'kyokai', 'kyosai', 'kokuho', 'kouki']);
});

test('a JS Date is read as a date in Japan (midnight JST = 15:00Z the day before)', () => {
  assert.equal(japanDate(new Date('2025-12-01T14:59:59.999Z')), '2025-12-01');
  assert.equal(japanDate(new Date('2025-12-01T15:00:00.000Z')), '2025-12-02');
  assert.equal(japanDate(new Date('2025-12-01T20:00:00Z')), '2025-12-02');
  // the legacy card's last day is 2025-12-01 in Japan: 23:59 JST still valid, 00:00 JST ended
  assert.equal(rules.assess(base, new Date('2025-12-01T14:59:00Z')).documents[0].status, 'valid');
  const a = rules.assess(base, new Date('2025-12-01T15:00:00Z'));
  assert.equal(a.on, '2025-12-02');
  assert.equal(a.documents[0].status, 'ended');
  assert.throws(() => rules.assess(base, new Date('nope')), (e) => e instanceof HokenshoError && e.code === 'invalid_date' && e.path === 'on');
});

test('dates as ISO and Japanese-era strings give the same answer', () => {
  const iso = rules.assess(base, '2025-12-02');
  for (const on of ['令和7年12月2日', 'R7.12.2', 'r07/12/02']) assert.deepEqual(rules.assess(base, on), iso);
});

test('errors are thrown as HokenshoError with code, path, en, ja; nothing personal is echoed', () => {
  const cases = [
    [{ ...base, id: '123456789018' }, 'individual_number', 'id'],
    [{ ...base, legacy_card: { issued_on: '2024-12-02' } }, 'legacy_issued_after_stop', 'legacy_card.issued_on'],
    [{ ...base, insurer: 'nope' }, 'unknown_insurer', 'insurer'],
    [{ ...base, coverage: { acquired_on: '2010-02-30' } }, 'invalid_date', 'coverage.acquired_on'],
    [{ ...base, email: 'a@b' }, 'unknown_field', 'email'],
    [{ ...base, certificates: [{ issued_on: '2025-01-01', expires_on: '2030-01-02', basis: 'application' }] }, 'certificate_validity_too_long', 'certificates[0].expires_on'],
  ];
  for (const [m, code, path] of cases) {
    assert.throws(() => rules.assess(m, '2025-12-01'), (e) => {
      assert.ok(e instanceof HokenshoError && e instanceof Error);
      assert.equal(e.code, code);
      assert.equal(e.path, path);
      assert.equal(e.kind, 'invalid_member');
      assert.ok(e.en.length > 0 && e.ja.length > 0 && e.message === e.en);
      assert.ok(!JSON.stringify(e.errors).includes('123456789018'));
      return true;
    });
  }
  assert.throws(() => rules.assess(base, 12), (e) => e.code === 'invalid_date');
  const cyclic = { ...base }; cyclic.self = cyclic;
  assert.throws(() => rules.assess(cyclic, '2025-12-01'), (e) => e.code === 'invalid_type' && e.path === 'member');
  assert.throws(() => RuleSet.fromRules({ 'national.toml': 'x = ' }), (e) => e.kind === 'invalid_rules' && e.code === 'invalid_toml');
});

test('nothing a caller passes aborts the module', () => {
  const junk = [null, undefined, 0, 'x', [], {}, { id: 1 }, { member: base }, new Array(1000).fill(base), { a: { b: { c: [1, 2, { d: 'e' }] } } }];
  for (const j of junk) {
    try { rules.assess(j, '2025-12-01'); } catch (e) { assert.ok(e instanceof HokenshoError, String(e)); }
  }
  let deep = {}; for (let i = 0; i < 5000; i++) deep = { x: deep };
  assert.throws(() => rules.assess(deep, '2025-12-01'), HokenshoError);
  // still alive
  assert.equal(rules.assess(base, '2025-12-01').id, 'T-1');
});

test('assessMany keeps order and count, with bad rows as errors in place', () => {
  const input = [members[0], { id: 1n }, { ...base, insurer: 'x' }, members[1], null, members[2]];
  const out = rules.assessMany(input, '2025-12-02');
  assert.equal(out.length, input.length);
  assert.equal(out[0].id, members[0].id);
  assert.ok(out[1] instanceof HokenshoError && out[1].path === 'members[1]');
  assert.ok(out[2] instanceof HokenshoError && out[2].code === 'unknown_insurer');
  assert.equal(out[3].id, members[1].id);
  assert.ok(out[4] instanceof HokenshoError && out[4].code === 'invalid_type');
  assert.equal(out[5].id, members[2].id);
  assert.throws(() => rules.assessMany('x', '2025-12-02'), HokenshoError);
  const sums = rules.summaries(members, '2025-12-02');
  assert.equal(sums.length, members.length);
  assert.deepEqual(sums.map((s) => s.id), members.map((m) => m.id));
});

test('answers are byte-identical to the Rust CLI', () => {
  const cli = join(root, 'target', 'debug', 'hokensho');
  for (const on of ['2025-07-31', '2025-12-02', '2027-08-01']) {
    const out = execFileSync(cli, ['assess', join(root, 'examples', 'members.jsonl'), '--on', on], { encoding: 'utf8' }).trim().split('\n');
    assert.equal(out.length, members.length);
    members.forEach((m, i) => {
      assert.equal(rules._h.assess(JSON.stringify({ member: m, on })), out[i], `${m.id} on ${on}`);
    });
  }
});

test('timeline and explain', () => {
  const t = rules.timeline(base, '2025-01-01', new Date('2026-12-31T00:00:00+09:00'));
  assert.equal(t.to, '2026-12-31');
  const lc = t.spans.filter((s) => s.document === 'legacy_card');
  assert.deepEqual(lc.map((s) => [s.status, s.from, s.to]), [['valid', '2025-01-01', '2025-12-01'], ['ended', '2025-12-02', '2026-12-31']]);
  assert.ok(t.changes.some((c) => c.kind === 'needs_certificate' && c.on === '2025-12-02' && c.value === true));
  assert.ok(t.boundaries.some((b) => b.on === '2025-12-02' && b.rule === 'legacy.transition-end'));
  const en = rules.explain(base, '2025-12-02', 'en');
  assert.match(en, /eligibility certificate is needed from 2025-12-02/);
  assert.match(rules.explain(base, '2025-12-02'), /資格確認書が必要です/);
});

test('fromRules loads a user profile based on kenpo', () => {
  const dir = join(root, 'rules');
  const files = { 'national.toml': readFileSync(join(dir, 'national.toml'), 'utf8') };
  for (const p of ['kenpo', 'kyokai', 'kyosai', 'kokuho', 'kouki']) files[`profiles/${p}.toml`] = readFileSync(join(dir, 'profiles', `${p}.toml`), 'utf8');
  files['profiles/acme.toml'] = `[meta]\nkind = "profile"\nid = "acme"\nbased_on = "kenpo"\nname_ja = "ACME健保"\nname_en = "ACME"\nsources = ["test"]\n\n[params.e_cert_grace_months]\nvalue = 0\nrule = "mnc.e-cert-grace"\nsources = ["001_a3b111522dca846a.txt (no grace, literally)"]\n`;
  const custom = RuleSet.fromRules(files);
  assert.ok(custom.profileIds().includes('acme'));
  const m = { ...base, insurer: 'acme', legacy_card: null, my_number_card: { issued_on: '2021-03-01', e_cert_expires_on: '2026-01-10', registered_on: '2021-04-01' } };
  assert.equal(custom.assess(m, '2026-01-11').documents[0].status, 'unusable');
  assert.equal(rules.assess({ ...m, insurer: 'kenpo' }, '2026-01-11').documents[0].status, 'in_grace');
});

test('rulesAsOf on every call, and the change log', () => {
  const m = { ...base, id: 'T-PROV', insurer: 'kyokai' };
  const latest = rules.assess(m, '2026-05-15');
  assert.equal(latest.rules_as_of, '2026-03-19');
  assert.deepEqual(latest.care.provisional, [['legacy_card']]);
  const old = rules.assess(m, '2026-05-15', { rulesAsOf: '2026-03-18' });
  assert.equal(old.rules_as_of, '2026-03-18');
  assert.deepEqual(old.care.provisional, []);
  assert.ok(old.care.full_payment);
  assert.deepEqual(old.warnings.filter((w) => w.code === 'later_revision').map((w) => w.rule), ['legacy.provisional-acceptance']);
  const quiet = rules.assess(m, '2026-05-15', { rulesAsOf: new Date('2026-03-18T03:00:00Z'), trace: false });
  assert.equal(quiet.rules_as_of, '2026-03-18');
  assert.deepEqual(quiet.trace, []);
  const many = rules.assessMany([m, { id: '' }], '2026-05-15', { rulesAsOf: 'R8.3.18' });
  assert.equal(many[0].rules_as_of, '2026-03-18');
  assert.ok(many[1] instanceof HokenshoError);
  assert.equal(rules.summaries([m], '2026-05-15', { rulesAsOf: '2026-03-18' }).length, 1);
  const t = rules.timeline(m, '2026-01-01', '2026-12-31', { rulesAsOf: '2026-03-18' });
  assert.equal(t.rules_as_of, '2026-03-18');
  assert.match(rules.explain(m, '2026-05-15', 'en', { rulesAsOf: '2026-03-18' }), /Rules as announced by: 2026-03-18/);
  assert.throws(() => rules.assess(m, '2026-05-15', { rulesAsOf: '2026-02-30' }), (e) => e instanceof HokenshoError && e.path === 'rules_as_of');
  const log = rules.changes();
  assert.equal(log.length, 10);
  assert.deepEqual(log.map((c) => c.announced_on), [...log.map((c) => c.announced_on)].sort());
  assert.deepEqual(rules.changes('2026-01-01').map((c) => c.value), ['2026-07-31', '2026-07-31', '2026-07-31']);
});

test('labels of every kind, from the core', async () => {
  const { labels } = await import('../pkg/node.mjs');
  assert.equal(labels('actions', 'ja').return, '返却');
  assert.equal(labels('actions', 'en').return, 'return');
  assert.equal(labels('rules', 'en')['legacy.transition-end'], 'paper cards end');
  for (const k of ['documents', 'statuses', 'need_reasons', 'actors', 'events', 'warnings']) {
    assert.deepEqual(Object.keys(labels(k, 'ja')), Object.keys(labels(k, 'en')));
  }
  assert.throws(() => labels('colours'), (e) => e instanceof HokenshoError && e.path === 'kind');
});
