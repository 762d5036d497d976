// A server-side (Node) bundle: the same two lines as in the browser bundle; prints the answer as JSON.
import init, { RuleSet } from 'hokensho';
import wasmUrl from 'hokensho/hokensho_wasm_bg.wasm';

await init(new URL(wasmUrl, import.meta.url));
const MEMBER = {
  id: 'B-1', insurer: 'kenpo', role: 'insured', birth_date: '1980-05-10',
  coverage: { acquired_on: '2010-04-01' }, legacy_card: { issued_on: '2019-04-01' },
};
console.log(JSON.stringify(RuleSet.embedded().assess(MEMBER, '令和7年12月2日')));
