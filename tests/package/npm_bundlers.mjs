// The npm package in the builds a web team uses, from the packed tarball only: each example of examples/bundlers/
// is copied into WORK/<name>, its `hokensho` dependency pointed at the tarball, installed with npm (its pinned
// tools: vite 6, esbuild, webpack 5, typescript with @types/node), built, and run — the browser apps in Debian's headless
// Chromium, asserting the engine's real answer for a known member (the same as the node entry's answer here).
//   vite      the dev server (optimizeDeps.exclude; or the wasm URL from `?url`) and `vite build` (target es2022)
//   esbuild   a browser bundle (wasm with the `file` loader, its URL passed to init) and a Node server bundle
//   webpack   a webpack 5 build with no configuration for the wasm file
//   node-cjs  `require('hokensho')` from CommonJS, with require(esm) turned off (as on Node < 20.19)
//   node-ts   a Node-only `tsc --strict` project (lib es2022, types node, no DOM), ESM and CommonJS files, run
// Usage (cwd = a folder where the tarball is installed): node npm_bundlers.mjs TGZ WORK EXAMPLES PLAYWRIGHT_CORE_INDEX
// Prints `npm bundlers: N passed, M failed`. A missing tool is installed by npm; a failed install fails its checks.
import { readFileSync, writeFileSync, existsSync, rmSync, mkdirSync, cpSync, readdirSync } from 'node:fs';
import { createServer } from 'node:http';
import { spawn, execFileSync } from 'node:child_process';
import { join, extname, normalize, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { RuleSet } from 'hokensho';

const [tgz, work, examples, playwrightIndex] = process.argv.slice(2).map((p) => resolve(p));
const results = [];
async function check(name, f) {
  const t0 = Date.now();
  try {
    await f();
    results.push([name, null]);
    console.log(`ok   ${name} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  } catch (e) {
    results.push([name, e && e.stack ? e.stack : String(e)]);
    console.log(`FAIL ${name}\n${e && e.stack ? e.stack : e}`);
  }
}
function assert(cond, msg) { if (!cond) throw new Error(msg); }

const MEMBER = {
  id: 'B-1', insurer: 'kenpo', role: 'insured', birth_date: '1980-05-10',
  coverage: { acquired_on: '2010-04-01' }, legacy_card: { issued_on: '2019-04-01' },
};
// the reference: the installed package's node entry (itself checked against the CLI by npm_smoke.mjs)
const expected = RuleSet.embedded().assess(MEMBER, '2025-12-02');
assert(expected.needs_certificate.needed === true && expected.on === '2025-12-02', 'reference answer changed');

function sh(cwd, cmd, args, opts = {}) {
  return execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 600000, ...opts });
}

/** Copies the example (sources only) to WORK/name and installs it with the tarball as its `hokensho`. */
function install(name) {
  const dir = join(work, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const f of readdirSync(join(examples, name))) {
    if (['node_modules', 'dist', 'dist-server', 'out', 'package-lock.json'].includes(f)) continue;
    cpSync(join(examples, name, f), join(dir, f), { recursive: true });
  }
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  pkg.dependencies.hokensho = `file:${tgz}`;
  writeFileSync(join(dir, 'package.json'), JSON.stringify(pkg, null, 2));
  try {
    sh(dir, 'npm', ['install', '--no-audit', '--no-fund', '--loglevel=error']);
  } catch (e) {
    throw new Error(`npm install in ${dir} failed:\n${e.stderr || e.message}`);
  }
  const installed = join(dir, 'node_modules', 'hokensho', 'package.json');
  assert(existsSync(installed), 'hokensho not installed');
  return dir;
}

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript', '.css': 'text/css', '.wasm': 'application/wasm', '.json': 'application/json' };
async function serve(root) {
  const server = createServer((req, res) => {
    let path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    if (path.endsWith('/')) path += 'index.html';
    const file = join(root, path);
    if (!file.startsWith(root) || !existsSync(file)) { res.writeHead(404); res.end(); return; }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] || 'application/octet-stream' });
    res.end(readFileSync(file));
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${server.address().port}/`, close: () => new Promise((r) => server.close(r)) };
}

async function freePort() {
  const s = createServer();
  await new Promise((r) => s.listen(0, '127.0.0.1', r));
  const port = s.address().port;
  await new Promise((r) => s.close(r));
  return port;
}

const { chromium } = await import(pathToFileURL(playwrightIndex).href);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

/** Runs Vite's dev server in `dir` (extra arguments `args`) and checks the app at `path`. */
async function viteDev(dir, args, path, label) {
  const port = await freePort();
  const child = spawn(process.execPath, ['node_modules/vite/bin/vite.js', ...args, '--port', String(port), '--strictPort', '--host', '127.0.0.1'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
  let log = '';
  child.stdout.on('data', (d) => { log += d; });
  child.stderr.on('data', (d) => { log += d; });
  try {
    const t0 = Date.now();
    // colours are off (NO_COLOR), and stripped anyway: with CI set, Vite colours its banner
    while (!/Local:/.test(log.replace(/\x1b\[[0-9;]*m/g, ''))) {
      assert(child.exitCode === null, `vite exited: ${log}`);
      assert(Date.now() - t0 < 60000, `vite did not start: ${log}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    await assertApp(`http://127.0.0.1:${port}/${path}`, label);
  } finally {
    child.kill('SIGTERM');
  }
}

/** Opens the app, waits for `window.result`, and checks the answer equals the reference. */
async function assertApp(url, label) {
  const tab = await browser.newPage();
  const errors = [];
  tab.on('pageerror', (e) => errors.push(String(e)));
  tab.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  try {
    await tab.goto(url);
    await tab.waitForFunction(() => window.result !== undefined, null, { timeout: 60000 });
    const r = await tab.evaluate(() => window.result);
    assert(!r.failure, `${label}: ${r.failure}`);
    assert(errors.length === 0, `${label}: ${errors.join('\n')}`);
    assert(r.before === 'not_initialized', `${label}: a call before init() gave ${r.before}`);
    assert(r.answer.needs_certificate.needed === true, `${label}: needs_certificate ${JSON.stringify(r.answer.needs_certificate)}`);
    assert(JSON.stringify(r.answer) === JSON.stringify(expected), `${label}: the answer differs from the node entry's`);
    const shown = await tab.textContent('#out');
    assert(shown === `2025-12-02: ${expected.needs_certificate.ja}`, `${label}: page shows ${shown}`);
  } finally {
    await tab.close();
  }
}

try {
  // ---------------------------------------------------------------------------------------------------- vite
  let vite;
  await check('vite 6: npm install of the example with the tarball', async () => { vite = install('vite'); });
  if (vite) {
    await check('vite 6 dev server (optimizeDeps.exclude): the page loads the wasm and assesses a member in Chromium', async () => {
      await viteDev(vite, [], '', 'vite dev');
    });
    await check("vite 6 dev server, pre-bundling left on, the wasm URL from `?url` passed to init(): assesses a member", async () => {
      rmSync(join(vite, 'node_modules', '.vite'), { recursive: true, force: true });
      await viteDev(vite, ['--config', 'vite.url.config.js'], 'url.html', 'vite dev ?url');
    });
    await check('vite 6 build (target es2022): the built app copies the wasm and assesses a member in Chromium', async () => {
      sh(vite, process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn']);
      const assets = readdirSync(join(vite, 'dist', 'assets'));
      assert(assets.some((f) => f.endsWith('.wasm')), `no wasm in dist/assets: ${assets}`);
      const srv = await serve(join(vite, 'dist'));
      try { await assertApp(srv.url, 'vite build'); } finally { await srv.close(); }
    });
  }

  // ------------------------------------------------------------------------------------------------- esbuild
  let esb;
  await check('esbuild: npm install of the example with the tarball', async () => { esb = install('esbuild'); });
  if (esb) {
    await check('esbuild browser bundle (loader file for .wasm, URL passed to init): assesses a member in Chromium', async () => {
      sh(esb, 'npm', ['run', '--silent', 'build']);
      const files = readdirSync(join(esb, 'dist'));
      assert(files.some((f) => f.endsWith('.wasm')), `no wasm in dist: ${files}`);
      const srv = await serve(join(esb, 'dist'));
      try { await assertApp(srv.url, 'esbuild'); } finally { await srv.close(); }
    });
    await check('esbuild Node server bundle (platform node, format esm): no __dirname, runs from dist-server/', async () => {
      sh(esb, 'npm', ['run', '--silent', 'build:server']);
      const bundle = readFileSync(join(esb, 'dist-server', 'server.js'), 'utf8');
      assert(!bundle.includes('__dirname'), 'the server bundle uses __dirname');
      // run from another folder, with the bundle alone (no node_modules next to it)
      const alone = join(work, 'esbuild-server-alone');
      rmSync(alone, { recursive: true, force: true });
      cpSync(join(esb, 'dist-server'), alone, { recursive: true });
      const got = sh(work, process.execPath, [join(alone, 'server.js')]).trim();
      assert(got === JSON.stringify(expected), `the server bundle's answer differs: ${got.slice(0, 200)}`);
    });
  }

  // ------------------------------------------------------------------------------------------------- webpack
  let wp;
  await check('webpack 5: npm install of the example with the tarball', async () => { wp = install('webpack'); });
  if (wp) {
    await check('webpack 5 build (no configuration for the wasm file): copies the wasm and assesses a member in Chromium', async () => {
      try { sh(wp, 'npm', ['run', '--silent', 'build']); } catch (e) { throw new Error(`webpack failed:\n${e.stdout}${e.stderr}`); }
      const files = readdirSync(join(wp, 'dist'));
      assert(files.some((f) => f.endsWith('.wasm')), `no wasm in dist: ${files}`);
      const srv = await serve(join(wp, 'dist'));
      try { await assertApp(srv.url, 'webpack'); } finally { await srv.close(); }
    });
  }

  // ------------------------------------------------------------------------------------------------ node-cjs
  let cjs;
  await check('node-cjs: npm install of the example with the tarball', async () => { cjs = install('node-cjs'); });
  if (cjs) {
    await check("require('hokensho') from CommonJS, require(esm) off: resolves to node.cjs and assesses a member", async () => {
      // Node 20.19+ and 22.12+ could require the ES module entry; turning that off stands for older Nodes
      let flags = [];
      try { sh(cjs, process.execPath, ['--no-experimental-require-module', '-e', '1']); flags = ['--no-experimental-require-module']; } catch (_) { /* a Node without require(esm) */ }
      const out = JSON.parse(sh(cjs, process.execPath, [...flags, 'main.js']));
      assert(out.resolved === join(cjs, 'node_modules', 'hokensho', 'node.cjs'), out.resolved);
      assert(JSON.stringify(out.answer) === JSON.stringify(expected), 'the answer differs from the node entry');
      assert(JSON.stringify(out.error) === JSON.stringify([true, 'unknown_insurer', 'insurer']), JSON.stringify(out.error));
    });
  }

  // ------------------------------------------------------------------------------------------------- node-ts
  let ts;
  await check('node-ts: npm install of the example with the tarball (typescript, @types/node)', async () => { ts = install('node-ts'); });
  if (ts) {
    await check('a Node-only tsc --strict project (lib es2022, types node, NodeNext) compiles against index.d.ts and runs', async () => {
      const cfg = JSON.parse(readFileSync(join(ts, 'tsconfig.json'), 'utf8')).compilerOptions;
      assert(JSON.stringify(cfg.lib) === '["ES2022"]' && JSON.stringify(cfg.types) === '["node"]' && cfg.strict && cfg.skipLibCheck === false, 'tsconfig is not Node-only strict');
      try {
        sh(ts, process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.json']);
      } catch (e) {
        throw new Error(`tsc failed:\n${e.stdout}${e.stderr}`);
      }
      const out = JSON.parse(sh(ts, process.execPath, ['out/main.js']));
      assert(JSON.stringify(out) === JSON.stringify({ needed: true, on: '2025-12-02', code: 'unknown_insurer', requireNeeded: true }), JSON.stringify(out));
    });
  }
} finally {
  await browser.close();
}

const failed = results.filter(([, e]) => e).length;
console.log(`npm bundlers: ${results.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
