// The calendar export through the nodejs entry: the same bytes as the CLI's `timeline --format ics`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RuleSet, HokenshoError } from '../pkg/node.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const cli = join(root, 'target', 'debug', 'hokensho');
const file = join(root, 'examples', 'members.jsonl');
const members = readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));
const rules = RuleSet.embedded();

test('calendar bytes equal the CLI bytes for every example member, in both languages', () => {
  assert.ok(members.length >= 10);
  for (const m of members) {
    for (const lang of ['ja', 'en']) {
      const out = execFileSync(cli, ['timeline', file, '--id', m.id, '--from', '2025-01-01', '--to', '2027-12-31',
        '--format', 'ics', '--lang', lang, '--alarm-days', '5']);
      const ics = rules.calendar(m, '2025-01-01', '2027-12-31', { lang, alarmDays: 5 });
      assert.ok(Buffer.from(ics, 'utf8').equals(out), `${m.id} ${lang}`);
    }
  }
});

test('calendar: events, reminders, options and errors', () => {
  const base = { id: 'T-1', insurer: 'kenpo', role: 'insured', birth_date: '1980-05-10', coverage: { acquired_on: '2010-04-01' }, number_on_file: { received_on: '2024-05-01' }, legacy_card: { issued_on: '2019-04-01' } };
  const ics = rules.calendar(base, '2025-11-01', new Date('2026-12-31T00:00:00+09:00'), { lang: 'en', rulesAsOf: '2026-03-18' });
  assert.ok(ics.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n'));
  assert.ok(ics.endsWith('END:VCALENDAR\r\n'));
  assert.equal(ics.split('BEGIN:VEVENT').length - 1, 12);
  assert.match(ics, /\r\nDTSTART;VALUE=DATE:20251202\r\nDTEND;VALUE=DATE:20251203\r\nSUMMARY:health insurance card \(paper\): ended\r\n/);
  assert.match(ics, /\r\nTRIGGER;VALUE=DATE-TIME:20251123T000000Z\r\n/);
  assert.match(ics, /\r\nDTSTAMP:20260318T000000Z\r\n/);
  // Japanese by default
  assert.match(rules.calendar(base, '2025-11-01', '2026-12-31'), /\r\nSUMMARY:健康保険証：使用終了\r\n/);
  assert.throws(() => rules.calendar(base, '2025-11-01', '2026-12-31', { alarmDays: -1 }),
    (e) => e instanceof HokenshoError && e.code === 'invalid_value' && e.path === 'alarm_days');
  assert.throws(() => rules.calendar(base, '2025-11-01', '2026-12-31', { lang: 'fr' }),
    (e) => e instanceof HokenshoError && e.path === 'lang');
  assert.throws(() => rules.calendar({ ...base, id: '123456789018' }, '2025-11-01', '2026-12-31'),
    (e) => e instanceof HokenshoError && e.code === 'individual_number' && !e.en.includes('123456789018'));
});
