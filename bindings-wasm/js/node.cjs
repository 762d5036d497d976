// `node` entry for `require('hokensho')` (CommonJS, any Node from 18 on): wasm-bindgen's nodejs build, which loads
// the wasm module when required. Same API as the ES module entries; `init()` is a no-op kept for symmetry.
'use strict';
const wasm = require('./node/hokensho_wasm.js');
const { makeApi, HokenshoError } = require('./wrapper.cjs');

const api = makeApi(wasm);

/** No-op (the module is loaded when required). */
async function init() {}
/** No-op (the module is loaded when required). */
function initSync() {}

module.exports = {
  init,
  initSync,
  default: init,
  RuleSet: api.RuleSet,
  japanDate: api.japanDate,
  labels: api.labels,
  parseDate: api.parseDate,
  HokenshoError,
  toColumns: api.toColumns,
  vocab: api.vocab,
  NULL_DAY: api.NULL_DAY,
  NULL_FLAG: api.NULL_FLAG,
  dayOfDate: api.dayOfDate,
  dateOfDay: api.dateOfDay,
};
