// examples/web/ as a clinic clerk and an HR clerk use it, with a keyboard at 1280 px and on a 390 px phone, in
// Debian's headless Chromium: the verdict first (focused, announced), nothing usable → full payment and 療養費, the
// Tab order, Enter in a date field, today's date in Japan, the language switch after an error, empty fields,
// any number of certificates and face changes, era dates and half-typed dates, the phone layout, contrast, and
// axe-core with 0 violations. Every expected answer is the engine's own (the node entry of the same package).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { start, openPage, fill, submit, axe, contrast, runs, outDir } from './support/page.mjs';
import { RuleSet, japanDate, labels } from '../pkg/node.mjs';

const engine = RuleSet.embedded();
const DOCS = labels('documents', 'ja');
const RULES = labels('rules', 'ja');
const WIDTHS = [1280, 390];
let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

// a paper card only: on 2025-12-02 nothing is usable (the card ended on 2025-12-01)
const PAPER_ONLY = { id: 'C-1', insurer: 'kenpo', role: 'insured', birth_date: '1980-05-10', coverage: { acquired_on: '2010-04-01' }, legacy_card: { issued_on: '2019-04-01' } };
// a registered My Number card, the number on file, a certificate from the bulk issuance
const WITH_CARD = { id: 'C-2', insurer: 'kenpo', role: 'insured', birth_date: '1958-10-15', coverage: { acquired_on: '2010-04-01' }, number_on_file: { received_on: '2024-05-01' }, legacy_card: { issued_on: '2019-04-01' }, my_number_card: { issued_on: '2021-03-01', registered_on: '2023-01-10' }, certificates: [{ issued_on: '2025-11-14', expires_on: '2027-09-30', basis: 'bulk' }] };
const setText = (sets) => sets.map((s) => s.map((d) => DOCS[d]).join('＋'));

for (const width of WIDTHS) {
  test(`${width} px: after Enter the verdict is on screen, focused and announced; nothing usable → full payment and 療養費`, async () => {
    const want = engine.assess(PAPER_ONLY, '2025-12-02');
    assert.equal(want.needs_certificate.needed, true);
    assert.deepEqual(want.care.options, []);
    assert.match(want.care.full_payment.ja, /療養費/);
    const { page, errors } = await openPage(env, width);
    await fill(page, PAPER_ONLY, '令和7年12月2日');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'verdict');
    // (bounding boxes are relative to the viewport)
    const box = await page.locator('#verdict').boundingBox();
    assert.ok(box.y >= -1 && box.y < 40, `verdict top at ${box.y} px in the viewport`);
    assert.equal(await page.getAttribute('#options', 'data-empty'), 'true');
    assert.equal((await page.textContent('#options')).trim(), '今日使える書類はありません');
    assert.equal((await page.textContent('#full-payment')).trim(), want.care.full_payment.ja);
    assert.equal((await page.textContent('#provisional')).trim(), setText(want.care.provisional).join(' または '));
    assert.equal((await page.textContent('#need-line')).trim(), want.needs_certificate.ja);
    const member = want.obligations.filter((o) => o.actor === 'member' && o.action !== 'keep').map((o) => o.action);
    assert.deepEqual(await page.$$eval('#tell li[data-action]', (els) => els.map((e) => e.dataset.action)), member);
    // what a screen reader hears: the live region, with the answer of this member
    assert.equal(await page.getAttribute('#announce', 'aria-live'), 'polite');
    const said = await page.textContent('#announce');
    assert.ok(said.includes('C-1') && said.includes('2025-12-02') && said.includes('今日使える書類はありません') && said.includes(want.needs_certificate.ja), said);
    // the verdict fits where the eye lands: its accept block starts within the first screen
    const accept = await page.locator('#v-accept').boundingBox();
    assert.ok(accept.y >= 0 && accept.y + 60 < 900, 'the accept block is on the first screen');
    await page.screenshot({ path: join(outDir, `verdict-${width}.png`) });
    assert.deepEqual(await axe(page), []);
    assert.deepEqual(errors, []);
    await page.close();
  });

  test(`${width} px: a usable card — what to accept today, and nothing else to tell`, async () => {
    const want = engine.assess(WITH_CARD, '2025-12-02');
    assert.ok(want.care.options.length >= 1 && want.care.options.some((s) => s.includes('my_number_card')));
    const { page, errors } = await openPage(env, width);
    await fill(page, WITH_CARD, '2025/12/2');
    assert.deepEqual(await page.$$eval('#options li', (els) => els.map((e) => e.textContent.trim())), setText(want.care.options));
    assert.equal(await page.locator('#full-payment').count(), want.care.full_payment ? 1 : 0);
    assert.equal(await page.getAttribute('#verdict', 'class'), 'verdict ok');
    assert.equal(await page.getAttribute('#need', 'data-needed'), 'false');
    await page.screenshot({ path: join(outDir, `page-${width}.png`), fullPage: true });
    assert.deepEqual(await axe(page), []);
    assert.deepEqual(errors, []);
    await page.close();
  });
}

test('keyboard: the date to assess is today in Japan, reached in few Tab stops; unticked sections are out of the Tab order', async () => {
  const { page } = await openPage(env, 1280);
  assert.equal(await page.inputValue('[name="on"]'), japanDate(new Date()));
  const visit = async () => {
    // from the first stop of the page, the skip link
    await page.evaluate(() => { document.activeElement?.blur(); window.scrollTo(0, 0); });
    await page.focus('.skip');
    const seen = ['skip'];
    for (let i = 0; i < 200; i++) {
      await page.keyboard.press('Tab');
      const name = await page.evaluate(() => document.activeElement.name || document.activeElement.id || document.activeElement.textContent.trim());
      seen.push(name);
      if (name === 'on') break;
    }
    return seen;
  };
  const first = await visit();
  assert.equal(first[first.length - 1], 'on');
  assert.ok(first.length <= 30, `${first.length} Tab stops to the date to assess`);
  const hidden = first.filter((n) => /^(number_on_file|legacy_card|my_number_card|notice|elderly_certificate)\./.test(n));
  assert.deepEqual(hidden, [], 'fields of unticked sections are not Tab stops');
  // ticking a section with the keyboard brings its fields in
  await page.focus('[name="has.legacy_card"]');
  await page.keyboard.press('Space');
  const second = await visit();
  assert.ok(second.includes('legacy_card.issued_on') && second.includes('legacy_card.lost_on'));
  assert.equal(second.length, first.length + 3);
  await page.close();
});

test('Enter in any date field assesses; a half-typed date is an error at its field, never dropped; era dates are read', async () => {
  const { page, errors } = await openPage(env, 1280);
  // era and slash dates: the same answer as ISO
  const iso = { ...PAPER_ONLY, legacy_card: { issued_on: '2019-04-01' } };
  await fill(page, { ...iso, birth_date: '昭和55年5月10日', coverage: { acquired_on: '2010/4/1' }, legacy_card: { issued_on: 'H31.4.1' } }, 'R7.12.2');
  const want = engine.assess(iso, '2025-12-02');
  assert.equal(await page.getAttribute('#documents tr[data-doc="legacy_card"]', 'data-status'), want.documents[0].status);
  assert.match(await page.textContent('#v-head'), /2025-12-02（45歳）/);
  // Enter in the birth date field (not only in the last one) runs the assessment
  const n = await runs(page);
  await page.focus('[name="birth_date"]');
  await page.keyboard.press('Enter');
  await page.waitForFunction((k) => Number(document.body.dataset.runs) > k, n);
  // half-typed: flagged when leaving the field, and Enter shows the error instead of an answer without it
  await page.fill('[name="coverage.lost_on"]', '2025-1');
  await page.keyboard.press('Tab');
  assert.equal(await page.getAttribute('[name="coverage.lost_on"]', 'aria-invalid'), 'true');
  await submit(page);
  assert.equal(await page.locator('[role=alert]').count(), 1);
  assert.equal(await page.locator('#documents').count(), 0, 'no answer without the half-typed date');
  assert.equal(await page.getAttribute('#error-list a', 'data-field'), 'coverage.lost_on');
  assert.match(await page.textContent('#err-f-coverage-lost_on'), /^日付として読めません/);
  assert.equal(await page.evaluate(() => document.activeElement.id), 'verdict');
  await page.screenshot({ path: join(outDir, 'date-error-1280.png') });
  // the error's link takes the clerk to the field
  await page.click('#error-list a');
  assert.equal(await page.evaluate(() => document.activeElement.name), 'coverage.lost_on');
  assert.deepEqual(await axe(page), []);
  assert.deepEqual(errors, []);
  await page.close();
});

test('switching language after an input error shows the current error, not the previous answer', async () => {
  const { page } = await openPage(env, 1280);
  await fill(page, PAPER_ONLY, '2025-12-02');
  assert.equal(await page.locator('#documents').count(), 1);
  await page.fill('[name="birth_date"]', '1980-05');
  await submit(page);
  await page.click('#lang-en');
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  assert.equal(await page.locator('#documents').count(), 0);
  assert.equal(await page.locator('#options').count(), 0);
  assert.match(await page.textContent('[role=alert]'), /Please check the form/);
  assert.match(await page.textContent('#err-f-birth_date'), /^not a date/);
  // and back: the error again, in Japanese
  await page.click('#lang-ja');
  assert.match(await page.textContent('#err-f-birth_date'), /^日付として読めません/);
  await page.close();
});

test('nothing unknowable is prefilled; an empty field is absent, or a clear message at the field', async () => {
  const { page, errors } = await openPage(env, 390);
  const prefilled = await page.$$eval('#sections input[type=text]', (els) => els.filter((e) => e.value !== '').map((e) => e.name));
  assert.deepEqual(prefilled, ['id'], 'only the reference label is prefilled');
  assert.equal(await page.isChecked('[name="has.number_on_file"]'), false);
  assert.match(await page.textContent('#note-number_on_file'), /個人番号を持っていないものとして判定します/);
  assert.match(await page.textContent('#note-f-number_on_file-registered_on'), /標準処理日数/);
  // a ticked card without its issue date: a form message naming the field, no type error
  await page.fill('[name="birth_date"]', '1980-05-10');
  await page.fill('[name="coverage.acquired_on"]', '2010-04-01');
  await page.check('[name="has.my_number_card"]');
  await page.check('[name="has.number_on_file"]');
  await submit(page);
  const alert = await page.textContent('[role=alert]');
  assert.doesNotMatch(alert, /型が違います|invalid type|expected/);
  assert.equal((await page.textContent('#err-f-my_number_card-issued_on')).trim(), '「交付日」を入力してください');
  assert.equal((await page.textContent('#err-f-number_on_file-received_on')).trim(), '「保険者の受付日」を入力してください');
  await page.screenshot({ path: join(outDir, 'empty-fields-390.png'), fullPage: true });
  assert.deepEqual(await axe(page), []);
  // unticking the number section leaves it absent: an answer, not an error
  await page.uncheck('[name="has.number_on_file"]');
  await page.fill('[name="my_number_card.issued_on"]', '2021-03-01');
  await page.fill('[name="my_number_card.registered_on"]', '2023-01-10');
  await submit(page);
  const m = { id: 'M-1', insurer: 'kenpo', role: 'insured', birth_date: '1980-05-10', coverage: { acquired_on: '2010-04-01' }, my_number_card: { issued_on: '2021-03-01', registered_on: '2023-01-10' } };
  const want = engine.assess(m, japanDate(new Date()));
  assert.equal(await page.getAttribute('#documents tr[data-doc="my_number_card"]', 'data-status'), want.documents[0].status);
  assert.equal(await page.getAttribute('#need', 'data-needed'), String(want.needs_certificate.needed));
  assert.deepEqual(errors, []);
  await page.close();
});

test('any number of certificates and face changes: add three, remove one, the answer covers the two left', async () => {
  const { page, errors } = await openPage(env, 1280);
  await fill(page, PAPER_ONLY, '2025-12-02');
  const certs = [
    { issued_on: '2024-12-02', expires_on: '2025-11-30', basis: 'application' },
    { issued_on: '2025-01-15', expires_on: '2026-01-14', basis: 'temporary' },
    { issued_on: '2025-11-14', expires_on: '2027-09-30', basis: 'bulk' },
  ];
  for (const [i, c] of certs.entries()) {
    await page.click('[data-add="certificates"]');
    assert.equal(await page.evaluate(() => document.activeElement.name), `certificates.${i}.issued_on`, 'focus moves into the new row');
    await page.fill(`[name="certificates.${i}.issued_on"]`, c.issued_on);
    await page.fill(`[name="certificates.${i}.expires_on"]`, c.expires_on);
    await page.selectOption(`[name="certificates.${i}.basis"]`, c.basis);
  }
  await page.click('[data-add="face_changes"]');
  await page.fill('[name="face_changes.0.on"]', '2025-06-15');
  await page.click('[data-add="face_changes"]');
  await page.fill('[name="face_changes.1.on"]', '2025-09-01');
  await page.selectOption('[name="face_changes.1.reason"]', 'transfer');
  // remove the second certificate: the third becomes certificates.1, with what was typed
  await page.click('fieldset.item[data-index="1"] [data-remove="certificates"]');
  assert.equal(await page.inputValue('[name="certificates.1.issued_on"]'), '2025-11-14');
  assert.equal(await page.locator('[name="certificates.2.issued_on"]').count(), 0);
  await submit(page);
  const member = { ...PAPER_ONLY, certificates: [certs[0], certs[2]], face_changes: [{ on: '2025-06-15', reason: 'marriage' }, { on: '2025-09-01', reason: 'transfer' }] };
  const want = engine.assess(member, '2025-12-02');
  for (const d of want.documents) {
    const key = d.index === undefined ? d.document : `${d.document}#${d.index}`;
    assert.equal(await page.getAttribute(`#documents tr[data-doc="${key}"]`, 'data-status'), d.status, key);
  }
  assert.equal(await page.locator('#documents tr[data-doc^="certificate#"]').count(), 2);
  assert.deepEqual(await page.$$eval('#options li', (els) => els.map((e) => e.textContent.trim())), setText(want.care.options));
  assert.deepEqual(errors, []);
  await page.close();
});

test('390 px: document names stay whole, the timeline text is 12 px and its dashed lines are numbered and listed', async () => {
  const { page, errors } = await openPage(env, 390);
  const m = { ...WITH_CARD, certificates: [...WITH_CARD.certificates, { issued_on: '2024-12-10', expires_on: '2025-12-09', basis: 'application' }], notice: { issued_on: '2025-11-14' }, face_changes: [{ on: '2025-06-15', reason: 'marriage' }] };
  await fill(page, m, '2025-12-02');
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 390), 'no sideways scrolling');
  // lines of text of each document name (a name broken one character per line has as many lines as characters)
  const lines = await page.$$eval('#documents th.doc, #options li, #spans th.doc', (els) => els.map((el) => {
    const r = document.createRange(); r.selectNodeContents(el);
    const tops = new Set([...r.getClientRects()].map((x) => Math.round(x.top)));
    return [el.textContent.trim(), tops.size];
  }));
  assert.ok(lines.length >= 4);
  for (const [name, n] of lines) assert.ok(n <= 2, `${name}: ${n} lines`);
  // the timeline is drawn at the width shown: 1 SVG unit = 1 CSS pixel, so its 12 px text stays 12 px
  const scale = await page.$eval('#timeline svg', (s) => s.getBoundingClientRect().width / s.viewBox.baseVal.width);
  assert.ok(Math.abs(scale - 1) < 0.01, `scale ${scale}`);
  const sizes = await page.$$eval('#timeline svg text', (els) => els.map((e) => parseFloat(getComputedStyle(e).fontSize)));
  assert.ok(sizes.length > 5 && sizes.every((s) => s >= 12), JSON.stringify(sizes));
  // every dashed line carries a number, and every number is listed with the rule's name (the engine's label)
  const marks = await page.$$eval('#timeline line.boundary', (els) => els.map((e) => e.dataset.n));
  assert.ok(marks.length >= 3);
  for (const n of marks) assert.equal(await page.locator(`#timeline text.mark[data-n="${n}"]`).count(), 1, `number ${n}`);
  const listed = await page.$$eval('#boundaries li', (els) => els.map((e) => [e.dataset.n, e.dataset.rule, e.textContent]));
  assert.deepEqual(listed.map(([n]) => n), marks.join(',').split(','));
  for (const [, rule, txt] of listed) assert.ok(txt.includes(RULES[rule]), `${rule} labelled`);
  const tl = engine.timeline(m, '2024-12-02', '2027-12-02');
  assert.equal(listed.length, tl.boundaries.length);
  // the marker numbers do not overlap each other
  const boxes = await page.$$eval('#timeline text.mark', (els) => els.map((e) => e.getBoundingClientRect()).map((b) => [b.left, b.top, b.right, b.bottom]));
  for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
    const [a, b] = [boxes[i], boxes[j]];
    assert.ok(a[2] <= b[0] || b[2] <= a[0] || a[3] <= b[1] || b[3] <= a[1], `markers ${i} and ${j} overlap`);
  }
  await page.locator('#result').screenshot({ path: join(outDir, 'details-390.png') });
  assert.deepEqual(await axe(page), []);
  assert.deepEqual(errors, []);
  await page.close();
});

test('contrast: the focus ring is at least 3:1, the timeline text 4.5:1 and its bars 3:1 on white', async () => {
  const { page } = await openPage(env, 1280);
  await fill(page, WITH_CARD, '2025-12-02');
  for (const sel of ['[name="birth_date"]', '#assess', '#lang-en', '[data-add="certificates"]', '[name="has.notice"]']) {
    await page.focus(sel);
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Tab');
    const [style, color, width] = await page.$eval(sel, (e) => { const s = getComputedStyle(e); return [s.outlineStyle, s.outlineColor, parseFloat(s.outlineWidth)]; });
    assert.equal(style, 'solid', `${sel} shows a focus ring`);
    assert.ok(width >= 2, `${sel} ring ${width}px`);
    assert.ok(contrast(color, '#ffffff') >= 3, `${sel} ring ${color}: ${contrast(color, '#ffffff').toFixed(2)}:1`);
  }
  const verdictRing = await page.$eval('#verdict', (e) => { e.focus(); return getComputedStyle(e).outlineColor; });
  assert.ok(contrast(verdictRing, '#ffffff') >= 3);
  const texts = await page.$$eval('#timeline svg text', (els) => els.map((e) => getComputedStyle(e).fill));
  for (const c of texts) assert.ok(contrast(c, '#ffffff') >= 4.5, `timeline text ${c}: ${contrast(c, '#ffffff').toFixed(2)}:1`);
  const bars = await page.$$eval('#timeline rect.span, #timeline line.today, #timeline line.boundary', (els) => els.map((e) => e.getAttribute('fill') || e.getAttribute('stroke')));
  for (const c of bars) assert.ok(contrast(c, '#ffffff') >= 3, `timeline mark ${c}: ${contrast(c, '#ffffff').toFixed(2)}:1`);
  await page.close();
});

test('axe-core finds no violations before any answer, at both widths', async () => {
  for (const width of WIDTHS) {
    const { page } = await openPage(env, width);
    assert.deepEqual(await axe(page), [], `${width} px`);
    await page.close();
  }
});
