// The same declarations seen from a CommonJS TypeScript file (`require` entry, index.d.cts).
import hokensho = require('hokensho');

export function needed(): boolean {
  const a = hokensho.RuleSet.embedded().assess({
    id: 'B-1', insurer: 'kenpo', role: 'insured', birth_date: '1980-05-10',
    coverage: { acquired_on: '2010-04-01' }, legacy_card: { issued_on: '2019-04-01' },
  }, '2025-12-02');
  return a.needs_certificate.needed;
}
