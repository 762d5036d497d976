// Drives examples/web/ in Debian's headless Chromium with playwright-core: types corpus scenarios into the form,
// asserts the rendered answers, switches languages, and saves screenshots under bindings-wasm/test-output/. The
// clerks' findings (verdict, keyboard, dates, phone width, axe-core) are in page.test.mjs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { start, openPage as open, fill, submit, root, outDir } from './support/page.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });
const openPage = () => open(env, 1280, 1400);

const corpus = ['legacy.json', 'mnc.json', 'cert.json', 'care.json']
  .flatMap((f) => JSON.parse(readFileSync(join(root, 'tests', 'conformance', f), 'utf8')).scenarios);

/** Scenarios the form can express (any number of certificates and face changes; no usage counts), no error expected. */
function formable(s) {
  return !s.expect.error && s.expect.documents && !(s.member.my_number_card && s.member.my_number_card.usage);
}

test('the page renders the engine\'s answer for corpus scenarios typed into the form', async () => {
  const picked = corpus.filter(formable).filter((_, i) => i % 7 === 0).slice(0, 8);
  // and every scenario with more than one certificate or face change (the form takes any number)
  for (const s of corpus.filter(formable)) if (((s.member.certificates || []).length > 1 || (s.member.face_changes || []).length > 1) && !picked.includes(s)) picked.push(s);
  assert.ok(picked.length >= 4, 'at least four scenarios');
  assert.ok(picked.some((s) => (s.member.certificates || []).length > 1 || (s.member.face_changes || []).length > 1), 'a scenario with two rows of a list');
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
  assert.match(await page.textContent('#verdict'), /窓口で提示するもの/);
  assert.ok((await page.locator('#obligations tr[data-action="keep"][data-doc="certificate"]').count()) === 1);
  // the timeline: one bar per status period, rule boundaries marked
  const spans = await page.locator('#timeline rect.span').count();
  assert.ok(spans >= 4, `${spans} bars`);
  assert.equal(await page.locator('#timeline rect.span[data-doc="legacy_card"][data-status="invalidated"]').count(), 1);
  assert.ok((await page.locator('#timeline line.boundary').count()) >= 3);
  assert.ok((await page.locator('#boundaries li').count()) >= (await page.locator('#timeline line.boundary').count()));
  await page.screenshot({ path: join(outDir, 'page-ja.png'), fullPage: true });
  // switch to English with the keyboard
  await page.focus('#lang-en');
  await page.keyboard.press('Enter');
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  assert.equal((await page.textContent('#documents tr[data-doc="legacy_card"] .status')).trim(), 'invalidated');
  assert.match(await page.textContent('#verdict'), /Show at the counter/);
  assert.match(await page.textContent('#obligations'), /keep the eligibility certificate until it expires \(2027-09-30\)/);
  assert.equal(await page.textContent('#title'), 'Health insurance card, My Number card and eligibility certificate');
  await page.screenshot({ path: join(outDir, 'page-en.png'), fullPage: true });
  // a bad record shows the engine's error with its path, never a crash
  await page.fill('[name="legacy_card.issued_on"]', '2024-12-02');
  await submit(page);
  await page.waitForSelector('[role=alert][data-error="legacy_issued_after_stop"]');
  // the error names the field it belongs to, links to it, and stands at the field
  assert.equal(await page.getAttribute('#error-list a', 'data-field'), 'legacy_card.issued_on');
  assert.equal(await page.getAttribute('[name="legacy_card.issued_on"]', 'aria-invalid'), 'true');
  assert.ok((await page.textContent('#err-f-legacy_card-issued_on')).length > 0);
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
