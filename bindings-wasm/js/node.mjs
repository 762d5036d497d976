// `node` entry (ES module): the web build of the wasm module, loaded synchronously on first use from the file next
// to this one (no `__dirname`, so server-side bundles work when they copy the wasm file or call `init(input)`).
import { readFileSync } from 'node:fs';
import { initSync as initWasmSync } from './web/hokensho_wasm.js';
import * as wasm from './web/hokensho_wasm.js';
import { makeApi, notLoaded, loadFailed, HokenshoError } from './wrapper.js';

let loaded = false;

function fromDisk() {
  let bytes;
  try {
    bytes = readFileSync(new URL('./web/hokensho_wasm_bg.wasm', import.meta.url));
  } catch (_) {
    throw notLoaded('cannot read `hokensho_wasm_bg.wasm` next to the package (bundled without it?): call `await init(input)` first with its path, URL or bytes',
      'パッケージの隣の `hokensho_wasm_bg.wasm` を読めません（バンドル時に複製されていない可能性があります）: 先にそのパス・URL・バイト列を渡して `await init(input)` を呼んでください');
  }
  initSync(bytes);
}

const api = makeApi(wasm, () => { if (!loaded) fromDisk(); });

/** Loads the wasm module synchronously from its bytes or a compiled WebAssembly.Module. */
export function initSync(input) {
  if (loaded) return;
  try {
    initWasmSync({ module: input });
  } catch (e) {
    throw loadFailed(e);
  }
  loaded = true;
}

/**
 * Loads the wasm module. Optional in Node (the first call loads it from next to this file); `input` — a path, a
 * `file:` or `http(s):` URL, a Response (or a promise of one), the bytes or a WebAssembly.Module — is for bundles
 * that moved the wasm file elsewhere. Safe to call again.
 */
export async function init(input) {
  if (loaded) return;
  if (input === undefined) { fromDisk(); return; }
  let src = await input;
  if (src instanceof URL || typeof src === 'string') {
    const url = src instanceof URL ? src : (/^[a-z][a-z0-9+.-]+:/i.test(src) && !/^[a-z]:[\\/]/i.test(src) ? new URL(src) : null);
    if (url && url.protocol !== 'file:') {
      try { src = await fetch(url); } catch (e) { throw loadFailed(e); }
    } else {
      try { src = readFileSync(url ?? src); } catch (e) { throw loadFailed(e); }
    }
  }
  if (src && typeof src.arrayBuffer === 'function' && !ArrayBuffer.isView(src)) {
    if (src.ok === false) throw loadFailed(`HTTP ${src.status} fetching ${src.url || 'the wasm file'}`);
    try { src = new Uint8Array(await src.arrayBuffer()); } catch (e) { throw loadFailed(e); }
  }
  initSync(src);
}

export default init;
export const RuleSet = api.RuleSet;
export const japanDate = api.japanDate;
export const labels = api.labels;
export const parseDate = api.parseDate;
export { HokenshoError };
export const { toColumns, vocab, NULL_DAY, NULL_FLAG, dayOfDate, dateOfDay } = api;
