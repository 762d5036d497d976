// `web` entry: an ES module for browsers and bundlers. Call `await init()` once before using RuleSet (or
// `initSync(bytes)` when the wasm bytes are already at hand); a call before that throws a HokenshoError.
import initWasm, { initSync as initWasmSync } from './web/hokensho_wasm.js';
import * as wasm from './web/hokensho_wasm.js';
import { makeApi, notLoaded, loadFailed, HokenshoError } from './wrapper.js';

let loaded = false;
const api = makeApi(wasm, () => {
  if (!loaded) {
    throw notLoaded('the wasm module is not loaded yet: call `await init()` first',
      'wasm モジュールがまだ読み込まれていません: 先に `await init()` を呼んでください');
  }
});

/**
 * Loads the wasm module: from next to this file (`new URL('hokensho_wasm_bg.wasm', import.meta.url)`), or from
 * `input` — a URL (string or URL, e.g. the one a bundler hands over for `hokensho/hokensho_wasm_bg.wasm`), a
 * Request, a Response (or a promise of one), the wasm bytes, or a compiled WebAssembly.Module. Safe to call again.
 */
export async function init(input) {
  if (loaded) return;
  try {
    await initWasm(input === undefined ? undefined : { module_or_path: input });
  } catch (e) {
    throw loadFailed(e);
  }
  loaded = true;
}

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

export default init;
export const RuleSet = api.RuleSet;
export const japanDate = api.japanDate;
export const labels = api.labels;
export const parseDate = api.parseDate;
export { HokenshoError };
export const { toColumns, vocab, NULL_DAY, NULL_FLAG, dayOfDate, dateOfDay } = api;
