// A Node-only TypeScript project (no DOM lib): the package's declarations compile with `tsc --strict`.
import init, { RuleSet, HokenshoError, parseDate } from 'hokensho';
import type { Assessment, Member } from 'hokensho';
import { needed } from './legacy.cjs';

await init();
const member: Member = {
  id: 'B-1', insurer: 'kenpo', role: 'insured', birth_date: '1980-05-10',
  coverage: { acquired_on: '2010-04-01' }, legacy_card: { issued_on: '2019-04-01' },
};
const a: Assessment = RuleSet.embedded().assess(member, parseDate('R7.12.2') ?? '');
let code = '';
try {
  RuleSet.embedded().assess({ ...member, insurer: 'nope' }, '2025-12-02');
} catch (e) {
  if (e instanceof HokenshoError) code = e.code;
}
console.log(JSON.stringify({ needed: a.needs_certificate.needed, on: a.on, code, requireNeeded: needed() }));
