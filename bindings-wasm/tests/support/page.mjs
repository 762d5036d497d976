// Shared by the browser tests of examples/web/: a static server of the repository, Debian's headless Chromium,
// typing a member into the form as a clerk would, axe-core, and colour contrast. Not a test file itself.
import { createServer } from 'node:http';
import { readFileSync, existsSync, mkdirSync } from 'node:fs';
import { join, dirname, extname, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const outDir = join(root, 'bindings-wasm', 'test-output');
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript', '.css': 'text/css', '.wasm': 'application/wasm', '.json': 'application/json', '.jsonl': 'text/plain; charset=utf-8' };
const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Starts the server and the browser; returns { base, browser, close }. */
export async function start() {
  if (!existsSync(executablePath)) throw new Error(`Chromium not found at ${executablePath} (install Debian's chromium)`);
  mkdirSync(outDir, { recursive: true });
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    const file = join(root, path);
    if (!file.startsWith(root) || !existsSync(file)) { res.writeHead(404); res.end(); return; }
    try {
      res.writeHead(200, { 'content-type': TYPES[extname(file)] || 'application/octet-stream' });
      res.end(readFileSync(file));
    } catch (_) { res.writeHead(404); res.end(); }
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const browser = await chromium.launch({
    executablePath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  return {
    base: `http://127.0.0.1:${server.address().port}`,
    browser,
    close: async () => { await browser.close(); await new Promise((r) => server.close(r)); },
  };
}

/** Opens the page at a width (1280 desktop, 390 phone); `errors` collects page errors and console errors. */
export async function openPage(env, width = 1280, height = 900) {
  const page = await env.browser.newPage({ viewport: { width, height }, isMobile: width < 500, hasTouch: width < 500, deviceScaleFactor: 1 });
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto(`${env.base}/examples/web/index.html`);
  await page.waitForSelector('body[data-ready=true]');
  return { page, errors };
}

const SECTION_FIELDS = {
  number_on_file: ['received_on', 'registered_on'],
  legacy_card: ['issued_on', 'expires_on', 'lost_on'],
  my_number_card: ['issued_on', 'expires_on', 'e_cert_expires_on', 'registered_on', 'cancelled_on', 'lost_on'],
  notice: ['issued_on', 'lost_on'],
  elderly_certificate: ['issued_on', 'expires_on'],
};
const LIST_FIELDS = { certificates: ['issued_on', 'expires_on', 'lost_on'], face_changes: ['on'] };
const LIST_SELECTS = { certificates: 'basis', face_changes: 'reason' };

/** The number of assessments the page ran so far (it counts them in body[data-runs]). */
export async function runs(page) { return Number(await page.getAttribute('body', 'data-runs') || 0); }

/** Presses Enter in the date-to-assess field and waits for the page to answer. */
export async function submit(page) {
  const before = await runs(page);
  await page.focus('[name="on"]');
  await page.keyboard.press('Enter');
  await page.waitForFunction((n) => Number(document.body.dataset.runs || 0) > n, before);
}

/** Types a member into the form as a clerk would (ticks sections, adds list rows), then presses Enter. */
export async function fill(page, m, on) {
  const text = (name, value) => page.fill(`[name="${name}"]`, value ?? '');
  await text('id', m.id);
  await page.selectOption('[name="insurer"]', m.insurer);
  await page.selectOption('[name="role"]', m.role);
  await text('birth_date', m.birth_date);
  await text('coverage.acquired_on', m.coverage.acquired_on);
  await text('coverage.lost_on', m.coverage.lost_on);
  await page.setChecked('[name="coverage.voluntary_continuation"]', !!m.coverage.voluntary_continuation);
  await page.setChecked('[name="abroad"]', !!m.abroad);
  await page.setChecked('[name="needs_assistance"]', !!m.needs_assistance);
  for (const [doc, fields] of Object.entries(SECTION_FIELDS)) {
    await page.setChecked(`[name="has.${doc}"]`, !!m[doc]);
    if (m[doc]) for (const f of fields) await text(`${doc}.${f}`, m[doc][f]);
  }
  for (const [list, fields] of Object.entries(LIST_FIELDS)) {
    while (await page.locator(`[data-remove="${list}"]`).count()) await page.locator(`[data-remove="${list}"]`).first().click();
    for (const [i, item] of (m[list] || []).entries()) {
      await page.click(`[data-add="${list}"]`);
      for (const f of fields) await text(`${list}.${i}.${f}`, item[f]);
      await page.selectOption(`[name="${list}.${i}.${LIST_SELECTS[list]}"]`, item[LIST_SELECTS[list]]);
    }
  }
  await text('on', on);
  await submit(page);
}

/** Runs axe-core (WCAG 2.0/2.1 A and AA) in the page; returns the violations, summarised. */
export async function axe(page) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.addScriptTag({ content: axeSource });
  const r = await page.evaluate(async () => window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] }, resultTypes: ['violations'] }));
  return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => `${n.target.join(' ')}: ${n.failureSummary}`) }));
}

/** WCAG contrast ratio of two CSS colours `rgb(r, g, b)` / `#rrggbb`. */
export function contrast(a, b) {
  const rgb = (c) => {
    const hex = /^#([0-9a-f]{6})$/i.exec(c.trim());
    const parts = hex ? [0, 2, 4].map((i) => parseInt(hex[1].slice(i, i + 2), 16)) : c.match(/[\d.]+/g).slice(0, 3).map(Number);
    return parts.map((v) => { const s = v / 255; return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4; });
  };
  const lum = (c) => { const [r, g, bb] = rgb(c); return 0.2126 * r + 0.7152 * g + 0.0722 * bb; };
  const [l1, l2] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (l1 + 0.05) / (l2 + 0.05);
}
