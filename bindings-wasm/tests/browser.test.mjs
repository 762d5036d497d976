// Drives examples/web/ in Debian's headless Chromium with playwright-core: fills the form for corpus scenarios,
// asserts the rendered answers, switches languages, and saves screenshots under bindings-wasm/test-output/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { readFileSync, mkdirSync, existsSync } from 'node:fs';
import { join, dirname, extname, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const outDir = join(root, 'bindings-wasm', 'test-output');
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript', '.css': 'text/css', '.wasm': 'application/wasm', '.json': 'application/json', '.jsonl': 'text/plain; charset=utf-8' };
const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';

let server;
let base;
let browser;

before(async () => {
  assert.ok(existsSync(executablePath), `Chromium not found at ${executablePath} (install Debian's chromium)`);
  mkdirSync(outDir, { recursive: true });
  server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    const file = join(root, path);
    if (!file.startsWith(root) || !existsSync(file)) { res.writeHead(404); res.end(); return; }
    try {
      res.writeHead(200, { 'content-type': TYPES[extname(file)] || 'application/octet-stream' });
      res.end(readFileSync(file));
    } catch (_) { res.writeHead(404); res.end(); }
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${server.address().port}`;
  browser = await chromium.launch({
    executablePath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
});

after(async () => {
  await browser?.close();
  await new Promise((r) => server?.close(r));
});

const corpus = ['legacy.json', 'mnc.json', 'cert.json', 'care.json']
  .flatMap((f) => JSON.parse(readFileSync(join(root, 'tests', 'conformance', f), 'utf8')).scenarios);

/** Scenarios the form can express: at most one certificate and one face change, no error expected. */
function formable(s) {
  const m = s.member;
  return !s.expect.error && (m.certificates || []).length <= 1 && (m.face_changes || []).length <= 1 && s.expect.documents;
}

async function openPage() {
  const page = await browser.newPage({ viewport: { width: 1280, height: 1400 } });
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`${base}/examples/web/index.html`);
  await page.waitForSelector('body[data-ready=true]');
  return { page, errors };
}

/** Types the member into the form, field by field, as a clerk would. */
async function fill(page, m, on) {
  const setDate = (name, value) => page.fill(`[name="${name}"]`, value ?? '');
  const check = (name, value) => page.setChecked(`[name="${name}"]`, !!value);
  await page.fill('[name="id"]', m.id);
  await page.selectOption('[name="insurer"]', m.insurer);
  await page.selectOption('[name="role"]', m.role);
  await setDate('birth_date', m.birth_date);
  await check('abroad', m.abroad);
  await check('needs_assistance', m.needs_assistance);
  await setDate('coverage.acquired_on', m.coverage.acquired_on);
  await setDate('coverage.lost_on', m.coverage.lost_on);
  await check('coverage.voluntary_continuation', m.coverage.voluntary_continuation);
  await setDate('number_on_file.received_on', m.number_on_file?.received_on);
  await setDate('number_on_file.registered_on', m.number_on_file?.registered_on);
  for (const [doc, fields] of [['legacy_card', ['issued_on', 'expires_on', 'lost_on']], ['my_number_card', ['issued_on', 'expires_on', 'e_cert_expires_on', 'registered_on', 'cancelled_on', 'lost_on']], ['notice', ['issued_on', 'lost_on']], ['elderly_certificate', ['issued_on', 'expires_on']]]) {
    await check(`has.${doc}`, m[doc]);
    for (const f of fields) await setDate(`${doc}.${f}`, m[doc]?.[f]);
  }
  const c = (m.certificates || [])[0];
  await check('has.certificates.0', c);
  for (const f of ['issued_on', 'expires_on', 'lost_on']) await setDate(`certificates.0.${f}`, c?.[f]);
  if (c) await page.selectOption('[name="certificates.0.basis"]', c.basis);
  const fc = (m.face_changes || [])[0];
  await check('has.face_changes.0', fc);
  await setDate('face_changes.0.on', fc?.on);
  if (fc) await page.selectOption('[name="face_changes.0.reason"]', fc.reason);
  await setDate('on', on);
  await page.keyboard.press('Enter');
  await page.waitForSelector('#answer table, #answer [role=alert], #answer #options');
}

test('the page renders the engine\'s answer for corpus scenarios typed into the form', async () => {
  const picked = corpus.filter(formable).filter((_, i) => i % 7 === 0).slice(0, 8);
  assert.ok(picked.length >= 3, 'at least three scenarios');
  const { page, errors } = await openPage();
  for (const s of picked) {
    await fill(page, s.member, s.on);
    for (const [key, status] of Object.entries(s.expect.documents)) {
      const got = await page.getAttribute(`#documents tr[data-doc="${key}"]`, 'data-status');
      assert.equal(got, status, `${s.name}: ${key}`);
    }
    if (s.expect.needs_certificate && 'needed' in s.expect.needs_certificate) {
      assert.equal(await page.getAttribute('#need', 'data-needed'), String(s.expect.needs_certificate.needed), `${s.name}: need`);
    }
  }
  assert.deepEqual(errors, []);
  await page.close();
});

test('language switch, timeline SVG, errors and a screenshot', async () => {
  const { page, errors } = await openPage();
  const m = { id: 'W-1', insurer: 'kenpo', role: 'insured', birth_date: '1958-10-15', coverage: { acquired_on: '2010-04-01' }, number_on_file: { received_on: '2024-05-01' }, legacy_card: { issued_on: '2019-04-01' }, my_number_card: { issued_on: '2021-03-01', registered_on: '2023-01-10' }, certificates: [{ issued_on: '2025-11-14', expires_on: '2027-09-30', basis: 'bulk' }], face_changes: [{ on: '2025-06-15', reason: 'marriage' }] };
  await fill(page, m, '2025-12-02');
  // Japanese by default
  assert.equal(await page.getAttribute('html', 'lang'), 'ja');
  assert.equal((await page.textContent('#documents tr[data-doc="legacy_card"] .status')).trim(), '無効');
  assert.match(await page.textContent('#answer'), /窓口で提示するもの/);
  assert.ok((await page.locator('#obligations tr[data-action="keep"][data-doc="certificate"]').count()) === 1);
  // the timeline: one bar per status period, rule boundaries marked
  const spans = await page.locator('#timeline rect.span').count();
  assert.ok(spans >= 4, `${spans} bars`);
  assert.equal(await page.locator('#timeline rect.span[data-doc="legacy_card"][data-status="invalidated"]').count(), 1);
  assert.ok((await page.locator('#timeline line.boundary').count()) >= 3);
  await page.screenshot({ path: join(outDir, 'page-ja.png'), fullPage: true });
  // switch to English with the keyboard
  await page.focus('#lang-en');
  await page.keyboard.press('Enter');
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  assert.equal((await page.textContent('#documents tr[data-doc="legacy_card"] .status')).trim(), 'invalidated');
  assert.match(await page.textContent('#answer'), /Show at the counter/);
  assert.match(await page.textContent('#obligations'), /keep the eligibility certificate until it expires \(2027-09-30\)/);
  assert.equal(await page.textContent('#title'), 'Health insurance card, My Number card and eligibility certificate');
  await page.screenshot({ path: join(outDir, 'page-en.png'), fullPage: true });
  // a bad record shows the engine's error with its path, never a crash
  await page.fill('[name="legacy_card.issued_on"]', '2024-12-02');
  await page.keyboard.press('Enter');
  await page.waitForSelector('[role=alert][data-error="legacy_issued_after_stop"]');
  assert.match(await page.textContent('[role=alert]'), /legacy_card\.issued_on/);
  // every form control has a label
  const unlabeled = await page.$$eval('input, select', (els) => els.filter((e) => !(e.labels && e.labels.length) && !e.getAttribute('aria-label')).map((e) => e.name));
  assert.deepEqual(unlabeled, []);
  assert.deepEqual(errors, []);
  await page.close();
});

test('presets load the example members', async () => {
  const { page } = await openPage();
  await page.waitForFunction(() => document.querySelectorAll('#preset option').length > 20);
  const value = await page.$eval('#preset option:nth-child(3)', (o) => o.value);
  await page.selectOption('#preset', value);
  await page.waitForSelector('#documents');
  assert.equal(await page.getAttribute('#documents tr[data-doc="legacy_card"]', 'data-status'), 'ended');
  await page.close();
});
