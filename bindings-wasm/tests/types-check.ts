// Checked by `tsc --strict` (bindings-wasm/test.sh): the declarations in pkg/index.d.ts describe the API the
// way the examples and tests use it. Not executed.
import init, { RuleSet, HokenshoError, japanDate } from 'hokensho';
import type { Assessment, Member, Timeline, Summary, Obligation, Status, DocumentAssessment } from 'hokensho';

export async function example(): Promise<string[]> {
  await init();
  const rules: RuleSet = RuleSet.embedded();
  const member: Member = {
    id: 'E-1', insurer: 'kenpo', role: 'insured', birth_date: '1980-05-10',
    coverage: { acquired_on: '2010-04-01', lost_on: null },
    number_on_file: { received_on: '2024-05-01' },
    legacy_card: { issued_on: '2019-04-01' },
    certificates: [{ issued_on: '2025-11-14', expires_on: '2027-09-30', basis: 'bulk' }],
    face_changes: [{ on: '2025-06-15', reason: 'marriage' }],
  };
  const a: Assessment = rules.assess(member, new Date(), { messages: true, trace: false });
  const lc: DocumentAssessment | undefined = a.documents.find((d) => d.document === 'legacy_card');
  const s: Status | undefined = lc?.status;
  const todo: Obligation[] = a.obligations.filter((o) => o.required && o.until !== null);
  const out: string[] = todo.map((o) => `${o.action} ${o.document} by ${o.until ?? ''}: ${o.en ?? ''}`);
  if (a.needs_certificate.needed && a.needs_certificate.reason === 'no_card') out.push(a.needs_certificate.ja ?? '');
  for (const set of a.care.options) out.push(set.join('+'));
  const many: Array<Assessment | HokenshoError> = rules.assessMany([member, member], '令和7年12月2日');
  for (const x of many) out.push(x instanceof HokenshoError ? `${x.code} at ${x.path}: ${x.en}` : x.id);
  const rows: Array<Summary | HokenshoError> = rules.summaries([member], 'R7.12.2');
  for (const r of rows) if (!(r instanceof HokenshoError)) out.push(`${r.id} ${r.next_action ?? '-'} ${r.needs_reason ?? '-'}`);
  const t: Timeline = rules.timeline(member, '2025-01-01', '2027-12-31');
  out.push(...t.spans.map((sp) => `${sp.document} ${sp.status} ${sp.from}..${sp.to}`));
  out.push(rules.explain(member, '2025-12-02', 'en'), japanDate(new Date()), String(s));
  const ics: string = rules.calendar(member, '2025-01-01', '2027-12-31', { lang: 'en', alarmDays: 7, rulesAsOf: '2026-03-18' });
  out.push(ics);
  try {
    RuleSet.fromRules({ 'national.toml': '' });
  } catch (e) {
    if (e instanceof HokenshoError) out.push(e.kind, e.errors.map((x) => x.ja).join());
  }
  return out;
}

// The hand-written declarations and the ones generated from the Rust types (schema/hokensho.schema.json) accept
// the same values: a field added, dropped or retyped on one side only fails here.
import type { schema, Change, Texts } from 'hokensho';
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export const sameTypes: [
  Same<Member, schema.Member>,
  Same<Assessment, schema.Assessment>,
  Same<Summary, schema.Summary>,
  Same<Timeline, schema.Timeline>,
  Same<Change, schema.TimelineChange>,
  Same<Obligation, schema.Obligation>,
  Same<DocumentAssessment, schema.DocumentAssessment>,
  Same<Status, schema.Status>,
  Same<HokenshoError['kind'], schema.ErrorEnvelope['kind']>,
  Same<Texts, Pick<schema.Obligation, 'en' | 'ja'>>,
] = [true, true, true, true, true, true, true, true, true, true];
import { toColumns, vocab, dateOfDay, dayOfDate, NULL_DAY } from 'hokensho';
import type { SummaryColumns, Roster, MemberColumns } from 'hokensho';

export function columnsExample(rules: RuleSet, members: Member[], csv: Uint8Array): string[] {
  const cols: MemberColumns = toColumns(members);
  cols['birth_date'] = new Int32Array([dayOfDate('1980-05-10') ?? NULL_DAY]);
  const out: SummaryColumns = rules.assessColumns(cols, new Int32Array(members.length), { on: '2025-12-02', rulesAsOf: '2025-12-01' });
  const names: string[] = Array.from(out.legacy_card, (k) => (k < 0 ? '' : vocab('legacy_card')[k] ?? ''));
  names.push(dateOfDay(out.needs_from[0] ?? NULL_DAY) ?? '', out.error_code[0] ?? '');
  const roster: Roster = rules.assessCsv(csv, { encoding: 'shift_jis', columns: '[columns]\n', on: new Date(), csv: true });
  const m: Member | null = roster.member(0);
  names.push(m?.id ?? '', String(roster.csv?.length ?? 0), ...roster.input('insurer').map((x) => x ?? ''));
  roster.free();
  return names;
}
