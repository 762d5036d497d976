// `nodejs` entry: the wasm module is loaded synchronously; `init()` exists for symmetry with the web entry.
import raw from './node/hokensho_wasm.js';
import { makeApi, HokenshoError } from './wrapper.js';

const api = makeApi(raw);

/** No-op in Node (the module is already loaded). */
export async function init() {}
export default init;
export const RuleSet = api.RuleSet;
export const japanDate = api.japanDate;
export const labels = api.labels;
export { HokenshoError };
export const { toColumns, vocab, NULL_DAY, NULL_FLAG, dayOfDate, dateOfDay } = api;
