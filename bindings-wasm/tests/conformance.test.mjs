// The Node runner of the shared conformance corpus (tests/conformance/*.json), through the `node` entry.
// A faithful port of core/tests/conformance.rs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RuleSet, HokenshoError } from '../pkg/node.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const dir = join(root, 'tests', 'conformance');
const corpus = readdirSync(dir).filter((f) => f.endsWith('.json')).sort()
  .flatMap((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')).scenarios.map((s) => ({ file: f, s })));

const rules = RuleSet.embedded();

function subset(actual, expected) {
  if (expected !== null && typeof expected === 'object' && !Array.isArray(expected)) {
    if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) return false;
    return Object.entries(expected).every(([k, v]) => subset(k in actual ? actual[k] : null, v));
  }
  return JSON.stringify(actual) === JSON.stringify(expected);
}
const docKey = (d) => (d.index === undefined ? d.document : `${d.document}#${d.index}`);
const setOf = (v) => new Set((v || []).map((x) => JSON.stringify(x)));
const sameSet = (a, b) => a.size === b.size && [...a].every((x) => b.has(x));

function check(s) {
  const e = s.expect;
  const bad = [];
  let a;
  let raw;
  try {
    const req = { member: s.member, on: s.on };
    if (s.rules_as_of) req.rules_as_of = s.rules_as_of;
    raw = rules._h.assess(JSON.stringify(req));
    a = rules.assess(s.member, s.on, s.rules_as_of ? { rulesAsOf: s.rules_as_of } : undefined);
  } catch (err) {
    if (!(err instanceof HokenshoError)) throw err;
    if (!e.error) return [`expected ok, got ${JSON.stringify(err.errors)}`];
    if (!err.errors.some((x) => subset(x, e.error))) bad.push(`expected error ${JSON.stringify(e.error)}, got ${JSON.stringify(err.errors)}`);
    if (e.not_echoed && raw && raw.includes(e.not_echoed)) bad.push(`the answer echoes ${e.not_echoed}`);
    if (e.not_echoed && JSON.stringify(err.errors).includes(e.not_echoed)) bad.push(`the error echoes ${e.not_echoed}`);
    return bad;
  }
  if (e.error) return [`expected an error ${JSON.stringify(e.error)}, got ok`];
  if ('full_payment' in e && (a.care.full_payment != null) !== e.full_payment) bad.push(`full_payment: expected ${e.full_payment}, got ${a.care.full_payment != null}`);
  for (const k of ['covered', 'age', 'rules_as_of']) if (k in e && a[k] !== e[k]) bad.push(`${k}: expected ${e[k]}, got ${a[k]}`);
  for (const [field, pick] of [['documents', 'status'], ['reasons', 'code'], ['valid_through', 'valid_through'], ['reason_rules', 'rule']]) {
    for (const [key, want] of Object.entries(e[field] || {})) {
      const d = a.documents.find((x) => docKey(x) === key);
      if (!d) { bad.push(`${field}: no document ${key}`); continue; }
      const got = pick === 'code' || pick === 'rule' ? d.reason[pick] : d[pick];
      if (JSON.stringify(got) !== JSON.stringify(want)) bad.push(`${field}.${key}: expected ${JSON.stringify(want)}, got ${JSON.stringify(got)}`);
    }
  }
  if (e.needs_certificate && !subset(a.needs_certificate, e.needs_certificate)) bad.push(`needs_certificate: ${JSON.stringify(a.needs_certificate)}`);
  for (const k of ['options', 'if_online_check_fails', 'provisional']) {
    if (k in e && !sameSet(setOf(a.care[k]), setOf(e[k]))) bad.push(`care.${k}: expected ${JSON.stringify(e[k])}, got ${JSON.stringify(a.care[k])}`);
  }
  for (const [k, list, present] of [['obligations', 'obligations', true], ['no_obligations', 'obligations', false], ['upcoming', 'upcoming', true], ['no_upcoming', 'upcoming', false]]) {
    for (const want of e[k] || []) {
      if (a[list].some((x) => subset(x, want)) !== present) bad.push(`${k}: ${JSON.stringify(want)} ${present ? 'missing' : 'present'}`);
    }
  }
  const codes = new Set(a.warnings.map((w) => w.code));
  for (const w of e.warnings || []) if (!codes.has(w)) bad.push(`warnings: ${w} missing`);
  for (const w of e.no_warnings || []) if (codes.has(w)) bad.push(`no_warnings: ${w} present`);
  const traced = new Set(a.trace.map((t) => t.rule));
  const reasons = new Set(a.documents.map((d) => d.reason.rule));
  for (const r of e.trace_rules || []) if (!traced.has(r)) bad.push(`trace_rules: ${r} not in the trace`);
  for (const r of s.rules || []) if (!traced.has(r) && !reasons.has(r)) bad.push(`tagged rule ${r} decided nothing`);
  return bad;
}

test(`the conformance corpus (${corpus.length} scenarios) agrees with the Rust runner`, () => {
  assert.ok(corpus.length >= 60, `only ${corpus.length} scenarios`);
  const failures = corpus.flatMap(({ file, s }) => check(s).map((b) => `${file}: ${s.name}: ${b}`));
  assert.deepEqual(failures, []);
});

for (const { file, s } of corpus) {
  test(`${file}: ${s.name}`, () => assert.deepEqual(check(s), []));
}
