// Smoke tests of the npm package as a user installs it: run from a folder where only the packed tarball was
// installed (`npm install hokensho-*.tgz`), it imports the package by name through its `node` entry in Node,
// and through the entry a browser gets (the `default` condition of package.json's exports) in Debian's headless
// Chromium, served from that folder. Usage (cwd = the install folder):
//   node npm_smoke.mjs CLI MEMBERS_JSONL PLAYWRIGHT_CORE_INDEX
// Prints `npm: N passed, M failed`.
import { readFileSync, existsSync, realpathSync } from 'node:fs';
import { createServer } from 'node:http';
import { execFileSync } from 'node:child_process';
import { join, extname, normalize } from 'node:path';
import { pathToFileURL } from 'node:url';

const [cli, membersPath, playwrightIndex] = process.argv.slice(2);
const results = [];
async function check(name, f) {
  try {
    await f();
    results.push([name, null]);
  } catch (e) {
    results.push([name, e && e.stack ? e.stack : String(e)]);
  }
}
function assert(cond, msg) {
  if (!cond) throw new Error(msg);
}

const MEMBER = {
  id: 'N-1', insurer: 'kenpo', role: 'insured', birth_date: '1980-05-10',
  coverage: { acquired_on: '2010-04-01' }, legacy_card: { issued_on: '2019-04-01' },
};
const firstLine = readFileSync(membersPath, 'utf8').split('\n')[0];
const cliLine = execFileSync(cli, ['assess', '-', '--on', '2025-12-02'], { input: firstLine + '\n' }).toString().trim();
const installed = join(process.cwd(), 'node_modules', 'hokensho');

await check('installed from the tarball: a plain folder in node_modules, not a link to the source tree', async () => {
  assert(existsSync(join(installed, 'package.json')), 'node_modules/hokensho is missing');
  assert(realpathSync(installed) === installed, 'node_modules/hokensho is a link');
});

const hok = await import('hokensho');
await check("node: `import 'hokensho'` resolves to the node entry", async () => {
  const resolved = import.meta.resolve('hokensho');
  assert(resolved === pathToFileURL(join(installed, 'node.mjs')).href, resolved);
});

await check('node: assess a member (a certificate is needed after the legacy card ended)', async () => {
  const a = hok.RuleSet.embedded().assess(MEMBER, 'R7.12.2');
  assert(a.needs_certificate.needed === true, JSON.stringify(a.needs_certificate));
  assert(a.on === '2025-12-02', a.on);
});

await check('node: a member without birth_date throws HokenshoError naming the field', async () => {
  const { birth_date: _, ...bad } = MEMBER;
  try {
    hok.RuleSet.embedded().assess(bad, '2025-12-02');
  } catch (e) {
    assert(e instanceof hok.HokenshoError, `not a HokenshoError: ${e}`);
    assert(e.kind === 'invalid_member' && e.code === 'missing_field' && e.path === 'birth_date', JSON.stringify(e));
    assert(e.en === 'missing field `birth_date`' && e.ja.includes('birth_date'), e.en);
    return;
  }
  throw new Error('no error');
});

await check('node: the answer for one member equals the CLI line', async () => {
  const a = hok.RuleSet.embedded().assess(JSON.parse(firstLine), '2025-12-02');
  assert(JSON.stringify({ ok: true, result: a }) === cliLine, 'differs from the CLI');
});

// the web entry, as a browser gets it: exports["."].default, loaded by URL with an import map
const pkg = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8'));
const webEntry = pkg.exports['.'].default;
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript', '.wasm': 'application/wasm', '.json': 'application/json' };
const page = `<!doctype html><meta charset="utf-8"><script type="importmap">
{"imports": {"hokensho": "/node_modules/hokensho/${webEntry.replace(/^\.\//, '')}"}}</script>
<script type="module">
import init, { RuleSet, HokenshoError } from 'hokensho';
const out = {};
try {
  await init();
  const rules = RuleSet.embedded();
  const a = rules.assess(${JSON.stringify(MEMBER)}, '令和7年12月2日');
  out.needed = a.needs_certificate.needed;
  out.same = JSON.stringify({ ok: true, result: rules.assess(${firstLine}, '2025-12-02') });
  try { rules.assess(${JSON.stringify({ ...MEMBER, birth_date: undefined })}, '2025-12-02'); } catch (e) { out.error = [e instanceof HokenshoError, e.code, e.path]; }
} catch (e) { out.failure = String(e && e.stack || e); }
window.result = out;
</script>`;
const root = process.cwd();
const server = createServer((req, res) => {
  const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
  if (path === '/' || path === '/index.html') { res.writeHead(200, { 'content-type': TYPES['.html'] }); res.end(page); return; }
  const file = join(root, path);
  if (!file.startsWith(root) || !existsSync(file)) { res.writeHead(404); res.end(); return; }
  res.writeHead(200, { 'content-type': TYPES[extname(file)] || 'application/octet-stream' });
  res.end(readFileSync(file));
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
let browser;
try {
  const { chromium } = await import(pathToFileURL(playwrightIndex).href);
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const tab = await browser.newPage();
  const errors = [];
  tab.on('pageerror', (e) => errors.push(String(e)));
  await tab.goto(`http://127.0.0.1:${server.address().port}/`);
  await tab.waitForFunction(() => window.result !== undefined, null, { timeout: 30000 });
  const r = await tab.evaluate(() => window.result);
  await check(`chromium: the web entry (${webEntry}) loads its wasm and assesses a member`, async () => {
    assert(!r.failure && errors.length === 0, r.failure || errors.join('\n'));
    assert(r.needed === true, JSON.stringify(r));
  });
  await check('chromium: a bad member throws HokenshoError naming the field', async () => {
    assert(JSON.stringify(r.error) === JSON.stringify([true, 'missing_field', 'birth_date']), JSON.stringify(r.error));
  });
  await check('chromium: the answer for one member equals the CLI line', async () => {
    assert(r.same === cliLine, 'differs from the CLI');
  });
} catch (e) {
  results.push(['chromium: launch and load the page', e && e.stack ? e.stack : String(e)]);
} finally {
  await browser?.close();
  await new Promise((r) => server.close(r));
}

for (const [name, err] of results) {
  console.log((err ? 'FAIL ' : 'ok   ') + name);
  if (err) console.log(err);
}
const failed = results.filter(([, e]) => e).length;
console.log(`npm: ${results.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
