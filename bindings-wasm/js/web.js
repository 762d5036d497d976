// `web` entry: an ES module for browsers. Call `await init()` once before using RuleSet.
import initWasm, * as raw from './web/hokensho_wasm.js';
import { makeApi, HokenshoError } from './wrapper.js';

const api = makeApi(raw);

/** Loads the wasm module (from next to this file, or from `input`: a URL, Response or bytes). */
export async function init(input) {
  await initWasm(input === undefined ? undefined : { module_or_path: input });
}
export default init;
export const RuleSet = api.RuleSet;
export const japanDate = api.japanDate;
export const labels = api.labels;
export { HokenshoError };
export const { toColumns, vocab, NULL_DAY, NULL_FLAG, dayOfDate, dateOfDay } = api;
