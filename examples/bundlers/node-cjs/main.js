// CommonJS: `require('hokensho')` (the package's `require` entry, for Node >= 18 without require(esm)).
const { RuleSet, HokenshoError } = require('hokensho');

const MEMBER = {
  id: 'B-1', insurer: 'kenpo', role: 'insured', birth_date: '1980-05-10',
  coverage: { acquired_on: '2010-04-01' }, legacy_card: { issued_on: '2019-04-01' },
};
const out = { resolved: require.resolve('hokensho'), answer: RuleSet.embedded().assess(MEMBER, '令和7年12月2日') };
try { RuleSet.embedded().assess({ ...MEMBER, insurer: 'nope' }, '2025-12-02'); } catch (e) { out.error = [e instanceof HokenshoError, e.code, e.path]; }
console.log(JSON.stringify(out));
