// The package's entries: the web entry refuses calls before init() with a clear HokenshoError, init() takes bytes
// (and refuses what is not wasm), the CommonJS entry answers like the ES module ones, the node entry loads the wasm
// file lazily or from what init() is given, and parseDate is the engine's own date parser.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, mkdtempSync, cpSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as web from '../pkg/web.js';
import * as node from '../pkg/node.mjs';

const pkg = join(dirname(fileURLToPath(import.meta.url)), '..', 'pkg');
const wasmFile = join(pkg, 'web', 'hokensho_wasm_bg.wasm');
const MEMBER = { id: 'E-1', insurer: 'kenpo', role: 'insured', birth_date: '1980-05-10', coverage: { acquired_on: '2010-04-01' }, legacy_card: { issued_on: '2019-04-01' } };

test('web entry: a call before init() throws HokenshoError not_initialized in English and Japanese', () => {
  for (const call of [() => web.RuleSet.embedded(), () => web.labels('actions'), () => web.parseDate('R7.12.1'), () => web.japanDate(new Date())]) {
    assert.throws(call, (e) => {
      assert.ok(e instanceof web.HokenshoError, String(e));
      assert.equal(e.code, 'not_initialized');
      assert.equal(e.kind, 'invalid_request');
      assert.equal(e.en, 'the wasm module is not loaded yet: call `await init()` first');
      assert.equal(e.ja, 'wasm モジュールがまだ読み込まれていません: 先に `await init()` を呼んでください');
      return true;
    });
  }
});

test('web entry: init() refuses bytes that are not wasm, then loads the real bytes; again is harmless', async () => {
  await assert.rejects(web.init(new Uint8Array([1, 2, 3])), (e) => e instanceof web.HokenshoError && e.code === 'wasm_load_failed' && e.path === 'input' && /^cannot load the wasm module: /.test(e.en) && !e.en.endsWith('.'));
  // HTML where the wasm file should be (a dev server's fallback page): the message names the usual cause
  const html = new TextEncoder().encode('<!doctype html><html></html>');
  await assert.rejects(web.init(html), (e) => e.code === 'wasm_load_failed' && e.en.includes("optimizeDeps: { exclude: ['hokensho'] }") && e.ja.includes('HTML が返されました'));
  await web.init(readFileSync(wasmFile));
  await web.init();
  web.initSync(new Uint8Array(0)); // a no-op once loaded
  const a = web.RuleSet.embedded().assess(MEMBER, '2025-12-02');
  assert.equal(a.needs_certificate.needed, true);
  assert.deepEqual(a, node.RuleSet.embedded().assess(MEMBER, '2025-12-02'));
});

test('require(): the CommonJS entry answers as the ES module entry does', () => {
  const require = createRequire(import.meta.url);
  const cjs = require('../pkg/node.cjs');
  assert.equal(typeof cjs.init, 'function');
  assert.equal(cjs.default, cjs.init);
  assert.deepEqual(cjs.RuleSet.embedded().assess(MEMBER, 'R7.12.2'), node.RuleSet.embedded().assess(MEMBER, '2025-12-02'));
  assert.throws(() => cjs.RuleSet.embedded().assess({ ...MEMBER, insurer: 'nope' }, '2025-12-02'), (e) => e instanceof cjs.HokenshoError && e.code === 'unknown_insurer');
  assert.equal(cjs.parseDate('令和7年12月2日'), '2025-12-02');
});

test('parseDate: ISO, slashes and era dates become YYYY-MM-DD; half-typed or impossible dates are null', () => {
  const cases = {
    '2025-12-02': '2025-12-02', '2025/12/2': '2025-12-02', '2025/12/02': '2025-12-02', ' 2025-12-02 ': '2025-12-02',
    '令和7年12月2日': '2025-12-02', 'R7.12.2': '2025-12-02', 'r07/12/02': '2025-12-02', '令和元年5月1日': '2019-05-01',
    '昭和33年10月15日': '1958-10-15', 'Ｒ７．１２．２': '2025-12-02',
    '2025-12': null, '2025/12/': null, '令和7年12月': null, 'R7.12': null, '2025-02-30': null, '平成31年5月1日': null,
    '': null, '12/02/2025': null, 'yesterday': null,
  };
  for (const [text, want] of Object.entries(cases)) assert.equal(node.parseDate(text), want, text);
  assert.equal(node.parseDate(20251202), null);
});

/** Runs an ES module snippet in a fresh Node process from `cwd`; returns its stdout. */
function run(cwd, code) {
  const file = join(cwd, 'snippet.mjs');
  writeFileSync(file, code);
  return execFileSync(process.execPath, [file], { cwd, encoding: 'utf8' }).trim();
}

test('node entry: without its wasm file (as in a bundle) the first call says to call init(input); init(path or URL or bytes) then works', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hokensho-entry-'));
  try {
    // the package without the wasm file, as a bundle that did not copy it
    cpSync(pkg, join(dir, 'pkg'), { recursive: true });
    rmSync(join(dir, 'pkg', 'web', 'hokensho_wasm_bg.wasm'));
    const head = `import { init, RuleSet, HokenshoError } from './pkg/node.mjs';\nconst m = ${JSON.stringify(MEMBER)};\n`;
    const missing = JSON.parse(run(dir, head + `try { RuleSet.embedded(); } catch (e) { console.log(JSON.stringify([e instanceof HokenshoError, e.code, e.en, e.ja])); }`));
    assert.equal(missing[0], true);
    assert.equal(missing[1], 'not_initialized');
    assert.match(missing[2], /^cannot read `hokensho_wasm_bg\.wasm` next to the package .*: call `await init\(input\)` first with its path, URL or bytes$/);
    assert.match(missing[3], /`await init\(input\)`/);
    for (const input of [JSON.stringify(wasmFile), `new URL(${JSON.stringify(pathToFileURL(wasmFile).href)})`, `(await import('node:fs')).readFileSync(${JSON.stringify(wasmFile)})`]) {
      assert.equal(run(dir, head + `await init(${input});\nconsole.log(RuleSet.embedded().assess(m, '2025-12-02').needs_certificate.needed);`), 'true', input);
    }
    const bad = JSON.parse(run(dir, head + `try { await init('/nonexistent/x.wasm'); } catch (e) { console.log(JSON.stringify([e instanceof HokenshoError, e.code, e.path])); }`));
    assert.deepEqual(bad, [true, 'wasm_load_failed', 'input']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
