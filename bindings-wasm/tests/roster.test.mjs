// Drives examples/web/roster.html in Debian's headless Chromium with playwright-core: a generated 10,000-row
// Shift_JIS roster is picked as a clerk would, and the page's counts, rows and downloaded CSV are checked against
// the CLI's answer for the same file (`hokensho assess FILE --output-format csv --summary`). Prints how long the
// page took; saves screenshots under bindings-wasm/test-output/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { readFileSync, mkdirSync, existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join, dirname, extname, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { axe } from './support/page.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const outDir = join(root, 'bindings-wasm', 'test-output');
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript', '.css': 'text/css', '.wasm': 'application/wasm', '.toml': 'text/plain; charset=utf-8', '.jsonl': 'text/plain; charset=utf-8' };
const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
const cli = join(root, 'target', 'debug', 'hokensho');
const ON = '2025-12-02';
const ROWS = 10_000;

let server;
let base;
let browser;
const requests = [];

before(async () => {
  assert.ok(existsSync(executablePath), `Chromium not found at ${executablePath} (install Debian's chromium)`);
  assert.ok(existsSync(cli), `build the CLI first (cargo build -p hokensho-cli): ${cli}`);
  mkdirSync(outDir, { recursive: true });
  server = createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    const file = join(root, path);
    if (req.method !== 'GET' || !file.startsWith(root) || !existsSync(file)) { res.writeHead(404); res.end(); return; }
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

/** The CLI's summary CSV as rows of named fields (a small quote-aware split, for the test only). */
function parseCsv(bytes) {
  const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { field += '"'; i++; } else if (ch === '"') quoted = false; else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') { row.push(field); field = ''; } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field); rows.push(row); row = []; field = '';
    } else field += ch;
  }
  if (field !== '' || row.length > 0) { row.push(field); rows.push(row); }
  const [head, ...body] = rows;
  return body.map((r) => Object.fromEntries(head.map((h, k) => [h, r[k] ?? ''])));
}

test('the roster page assesses a 10,000-row Shift_JIS CSV as the CLI does, in the browser', async () => {
  const file = join(outDir, `roster-${ROWS}.csv`);
  execFileSync('python3', [join(root, 'scripts', 'load-gen-flat.py'), String(ROWS), 'csv', file]);
  const want = execFileSync(cli, ['assess', file, '--input-format', 'csv', '--output-format', 'csv', '--summary', '--on', ON], { maxBuffer: 1 << 28 });
  const rows = parseCsv(want);
  assert.equal(rows.length, ROWS);
  const expect = {
    rows: rows.length,
    covered: rows.filter((r) => r.covered === 'true').length,
    needs: rows.filter((r) => r.needs_certificate === 'true').length,
    duties: rows.filter((r) => r.next_action !== '').length,
    bulk: rows.filter((r) => r.next_event === 'bulk_issuance').length,
    errors: rows.filter((r) => r.error_code !== '').length,
  };
  assert.ok(expect.errors >= ROWS / 100 && expect.needs > 0 && expect.covered > ROWS / 2, JSON.stringify(expect));

  const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1400, height: 1200 } });
  const page = await context.newPage();
  const errors = [];
  const logs = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => logs.push(m.text()));
  await page.goto(`${base}/examples/web/roster.html`);
  await page.waitForSelector('body[data-ready=true]');
  await page.fill('#on', ON);
  const before = requests.length;
  const t0 = Date.now();
  await page.setInputFiles('#file', file);
  await page.waitForSelector('body[data-state=done]', { timeout: 120_000 });
  const wall = Date.now() - t0;
  console.log(`roster page: ${ROWS} Shift_JIS rows picked → counts, chart and table in ${wall} ms (page's own figure ${await page.getAttribute('body', 'data-ms')} ms; ${logs.filter((l) => l.startsWith('roster:')).join('; ')})`);
  // nothing is uploaded: the page made no request for the file
  assert.deepEqual(requests.slice(before).filter((r) => !r.startsWith('GET ')), []);

  // the counts against the CLI's answer
  const count = async (k) => Number((await page.textContent(`dd[data-count="${k}"]`)).replace(/[^0-9]/g, ''));
  for (const k of Object.keys(expect)) assert.equal(await count(k), expect[k], k);
  assert.match(await page.textContent('#summary'), /10,000 行を判定しました/);

  // a few rows against the CLI's (codes as data attributes, dates as text)
  const table = await page.$$eval('#table tbody tr', (trs) => trs.map((tr) => ({
    row: Number(tr.dataset.row),
    id: tr.dataset.id,
    cells: Object.fromEntries([...tr.querySelectorAll('td')].map((td) => [td.dataset.col, td.querySelector('[data-code]')?.dataset.code ?? td.textContent.trim()])),
  })));
  assert.equal(table.length, 200);
  for (const { row, id, cells } of table.filter((_, k) => k % 17 === 0)) {
    assert.equal(id, rows[row].id, `row ${row} id`);
    for (const col of ['legacy_card', 'my_number_card', 'certificate', 'next_action', 'needs_reason', 'needs_from', 'next_until', 'next_event']) {
      assert.equal(cells[col], rows[row][col], `row ${row} ${col}`);
    }
  }
  // the bad rows: filtered, each with the CLI's error code
  await page.selectOption('#f-needs', 'error');
  const shown = await page.locator('#table tbody tr').count();
  assert.equal(shown, Math.min(expect.errors, 200));
  const firstBad = rows.findIndex((r) => r.error_code !== '');
  assert.equal(await page.getAttribute('#table tbody tr:first-child td[data-col="error"] [data-error]', 'data-error'), rows[firstBad].error_code);
  // with the engine's message in the page's language before the codes
  const errText = await page.textContent('#table tbody tr:first-child td[data-col="error"]');
  assert.match(errText, /[\u3040-\u30ff\u4e00-\u9fff]/);
  assert.ok(errText.endsWith(rows[firstBad].error), errText);
  await page.selectOption('#f-needs', '1');
  assert.match(await page.textContent('#shown'), new RegExp(`${expect.needs.toLocaleString('en')} 行中`));
  await page.selectOption('#f-needs', '');

  // the chart: one bar per month, adding up to the members needing a certificate with a date
  const bars = await page.$$eval('#chart g.bar', (gs) => gs.map((g) => [g.dataset.month, Number(g.dataset.count)]));
  const byMonth = {};
  for (const r of rows) if (r.needs_certificate === 'true' && r.needs_from) byMonth[r.needs_from.slice(0, 7)] = (byMonth[r.needs_from.slice(0, 7)] || 0) + 1;
  assert.deepEqual(Object.fromEntries(bars), byMonth);

  // the download: the CLI's bytes
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download')]);
  const got = readFileSync(await download.path());
  assert.equal(got.length, want.length);
  assert.ok(got.equals(want), 'the downloaded CSV equals the CLI output');

  // sorting with the keyboard: needs_from ascending puts the earliest date first
  await page.focus('button.sort[data-col="9"]');
  await page.keyboard.press('Enter');
  assert.equal(await page.getAttribute('th:nth-child(10)', 'aria-sort'), 'ascending');
  const firstDate = (await page.textContent('#table tbody tr:first-child td[data-col="needs_from"]')).trim();
  const dates = rows.map((r) => r.needs_from).filter((d) => d).sort();
  assert.equal(firstDate, dates[0]);
  await page.keyboard.press('Enter');
  assert.equal(await page.getAttribute('th:nth-child(10)', 'aria-sort'), 'descending');
  assert.equal((await page.textContent('#table tbody tr:first-child td[data-col="needs_from"]')).trim(), dates[dates.length - 1]);

  // axe-core (WCAG 2.0/2.1 A and AA) finds nothing, with the results shown
  assert.deepEqual(await axe(page), []);
  // every control has a label; Japanese first, then English
  const unlabeled = await page.$$eval('input, select', (els) => els.filter((e) => !(e.labels && e.labels.length) && !e.getAttribute('aria-label')).map((e) => e.id));
  assert.deepEqual(unlabeled, []);
  await page.screenshot({ path: join(outDir, 'roster-ja.png'), fullPage: false });
  await page.click('#lang-en');
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  assert.match(await page.textContent('#summary'), /Assessed 10,000 rows/);
  assert.equal(await page.textContent('th:nth-child(4) button'), 'Health insurance card');
  assert.equal(await page.textContent('#f-insurer option[value=""]'), 'all');
  await page.screenshot({ path: join(outDir, 'roster-en.png'), fullPage: false });

  // a row opens the single-member view, the member handed over in sessionStorage (the URL carries no data)
  const ok = await page.$eval('#table tbody tr:has(a)', (tr) => Number(tr.dataset.row));
  await page.locator(`#table tbody tr[data-row="${ok}"] a`).click();
  await page.waitForURL(/index\.html#from-roster$/);
  await page.waitForSelector('#documents');
  assert.equal(await page.inputValue('[name="id"]'), rows[ok].id);
  if (rows[ok].legacy_card) assert.equal(await page.getAttribute('#documents tr[data-doc="legacy_card"]', 'data-status'), rows[ok].legacy_card);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the roster page reads an HR export with the example mapping, and names a refused file', async () => {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`${base}/examples/web/roster.html`);
  await page.waitForSelector('body[data-ready=true]');
  await page.fill('#on', ON);
  await page.selectOption('#mapping', 'hr');
  await page.setInputFiles('#file', join(root, 'examples', 'hr', 'roster.csv'));
  await page.waitForSelector('body[data-state=done]');
  const want = parseCsv(execFileSync(cli, ['assess', join(root, 'examples', 'hr', 'roster.csv'), '--columns', join(root, 'examples', 'hr', 'columns.toml'), '--input-format', 'csv', '--output-format', 'csv', '--summary', '--on', ON]));
  assert.equal(await page.textContent('dd[data-count="rows"]'), String(want.length));
  assert.equal(await page.textContent('dd[data-count="needs"]'), String(want.filter((r) => r.needs_certificate === 'true').length));
  assert.deepEqual(await page.$$eval('#f-insurer option', (os) => os.map((o) => o.value)), ['', 'kenpo']);
  // the same export in Shift_JIS (kanji headers and values; decoded with the browser's own Shift_JIS index)
  const sjis = join(outDir, 'hr-roster-sjis.csv');
  execFileSync('python3', ['-c', `import sys; open(sys.argv[2], 'wb').write(open(sys.argv[1], encoding='utf-8').read().encode('cp932'))`, join(root, 'examples', 'hr', 'roster.csv'), sjis]);
  const before = await page.textContent('#table tbody');
  await page.evaluate(() => { document.body.dataset.state = ''; });
  await page.selectOption('#encoding', 'shift_jis');
  await page.setInputFiles('#file', sjis);
  await page.waitForSelector('body[data-state=done]');
  assert.equal(await page.textContent('#table tbody'), before);
  await page.selectOption('#encoding', 'auto');
  // without the mapping the Japanese headers are unknown columns: the reader's error, in the page's language
  await page.selectOption('#mapping', 'none');
  await page.setInputFiles('#file', []);
  await page.setInputFiles('#file', join(root, 'examples', 'hr', 'roster.csv'));
  await page.waitForSelector('body[data-state=error]');
  assert.equal(await page.getAttribute('#error', 'data-error'), 'unknown_column');
  assert.match(await page.textContent('#error'), /不明な列/);
  assert.deepEqual(errors, []);
  await page.close();
});
