// One member assessed in the browser through the package as an esbuild bundle imports it. esbuild does not copy
// files named by `new URL(…, import.meta.url)`: import the wasm file with the `file` loader and pass its URL.
import init, { RuleSet, HokenshoError } from 'hokensho';
import wasmUrl from 'hokensho/hokensho_wasm_bg.wasm';

const MEMBER = {
  id: 'B-1', insurer: 'kenpo', role: 'insured', birth_date: '1980-05-10',
  coverage: { acquired_on: '2010-04-01' }, legacy_card: { issued_on: '2019-04-01' },
};
const out = {};
try {
  try { RuleSet.embedded(); } catch (e) { out.before = e instanceof HokenshoError ? e.code : String(e); }
  await init(new URL(wasmUrl, import.meta.url));
  const a = RuleSet.embedded().assess(MEMBER, '令和7年12月2日');
  out.answer = a;
  document.getElementById('out').textContent = `${a.on}: ${a.needs_certificate.ja}`;
} catch (e) {
  out.failure = String(e && e.stack ? e.stack : e);
}
window.result = out;
