// Assessments per second in Node (the `nodejs` entry) on the example members: `assess` in a loop and
// `assessMany`, with the full answer (texts and trace) and with codes only, plus `summaries`.
// `assessColumns` on typed-array columns (built once by `toColumns`, not timed; and with it, timed).
// Run: node bindings-wasm/bench/bench.mjs   (after bindings-wasm/build.sh; N=rows, CSV=roster.csv optional)
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RuleSet, toColumns } from '../pkg/node.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const members = readFileSync(join(root, 'examples', 'members.jsonl'), 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));
const rules = RuleSet.embedded();
const on = '2025-12-02';
const N = Number(process.env.N || 100_000);
const batch = Array.from({ length: N }, (_, i) => members[i % members.length]);

function time(label, n, fn) {
  fn(Math.min(n, 2000)); // warm-up
  const t0 = process.hrtime.bigint();
  fn(n);
  const s = Number(process.hrtime.bigint() - t0) / 1e9;
  console.log(`${label.padEnd(44)} ${String(n).padStart(8)} in ${s.toFixed(3)} s = ${Math.round(n / s).toLocaleString('en-US').padStart(10)} /s`);
}

const codes = { messages: false, trace: false };
console.log(`node ${process.version}, ${members.length} example members cycled, on ${on}`);
time('assess (loop), full answer', Math.min(N, 20_000), (n) => { for (let i = 0; i < n; i++) rules.assess(batch[i], on); });
time('assess (loop), codes only', Math.min(N, 50_000), (n) => { for (let i = 0; i < n; i++) rules.assess(batch[i], on, codes); });
time('assessMany, full answer', N, (n) => rules.assessMany(batch.slice(0, n), on));
time('assessMany, codes only', N, (n) => rules.assessMany(batch.slice(0, n), on, codes));
time('summaries (one row per member)', N, (n) => rules.summaries(batch.slice(0, n), on));
const cols = toColumns(batch);
const slice = (n) => Object.fromEntries(Object.entries(cols).map(([k, v]) => [k, v.slice(0, n)]));
const full = slice(N);
time('assessColumns (typed arrays in and out)', N, (n) => rules.assessColumns(n === N ? full : slice(n), on));
time('toColumns + assessColumns', N, (n) => rules.assessColumns(toColumns(batch.slice(0, n)), on));
// a CSV roster through `assessCsv` (the CLI's reader and writer), when CSV names one, e.g. made by
// `python3 scripts/load-gen-flat.py 100000 csv /tmp/roster.csv` (Shift_JIS, 1 % bad rows)
if (process.env.CSV) {
  const bytes = readFileSync(process.env.CSV);
  const rows = rules.assessCsv(bytes, { on }).columns.id.length;
  time(`assessCsv (${(bytes.length / 1e6).toFixed(1)} MB CSV, summary CSV out)`, rows, () => rules.assessCsv(bytes, { on }).free());
}
