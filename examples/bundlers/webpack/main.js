// One member assessed in the browser through the package as a webpack 5 app imports it (nothing to configure
// for the wasm file).
import init, { RuleSet, HokenshoError } from 'hokensho';

const MEMBER = {
  id: 'B-1', insurer: 'kenpo', role: 'insured', birth_date: '1980-05-10',
  coverage: { acquired_on: '2010-04-01' }, legacy_card: { issued_on: '2019-04-01' },
};
const out = {};
try {
  // a call before init() is a clear error, not a TypeError
  try { RuleSet.embedded(); } catch (e) { out.before = e instanceof HokenshoError ? e.code : String(e); }
  await init();
  const a = RuleSet.embedded().assess(MEMBER, '令和7年12月2日');
  out.answer = a;
  document.getElementById('out').textContent = `${a.on}: ${a.needs_certificate.ja}`;
} catch (e) {
  out.failure = String(e && e.stack ? e.stack : e);
}
window.result = out;
