// The roster page: a staff CSV (UTF-8 or Shift_JIS, the CLI's columns or a header mapping) → the hokensho wasm
// package's `assessCsv` (the CLI's own CSV reader and writer, in Rust) → counts, a chart, a table and the summary
// CSV to download. Everything stays in this tab: the file is read locally and nothing is sent anywhere.
// Presentation only: every status, need and duty comes from the engine; every code's label from the core's `labels`.
import init, { RuleSet, HokenshoError, labels, vocab, dateOfDay, japanDate } from '../../bindings-wasm/pkg/web.js';

const UI = {
  ja: {
    title: '名簿の一括判定', single: '1 人ずつ判定する',
    hint: '職員名簿の CSV（UTF-8 または Shift_JIS）を選ぶか、ここにドロップしてください。ファイルはこのブラウザの中だけで読まれ、どこにも送信されません。',
    file: '名簿 CSV', drop: '（ファイルをここにドロップできます）', encoding: '文字コード', enc_auto: '自動判定', mapping: '列の対応',
    map_none: 'hokensho の列名（CLI と同じ）', map_hr: '人事システムの書き出し（examples/hr/columns.toml）', map_file: '対応表ファイル（TOML）を使う',
    mapping_file: '対応表ファイル', on: '判定する日', on_column: '行ごとの判定日の列（任意）', run: '判定する', results: '結果',
    download: '結果を CSV でダウンロード', chart: '資格確認書が必要になる月（人数）', table: '一覧', filters: '絞り込み', f_needs: '資格確認書',
    all: 'すべて', needs_yes: '必要', needs_no: '不要', errors_only: 'エラーの行', f_action: '次の手続き', f_insurer: '保険者', more: 'さらに表示',
    caption: '判定結果の一覧（列見出しのボタンで並べ替え、管理番号のリンクで 1 人分の判定を開きます）',
    footer: '判定は hokensho の規則（rules/）によります。名簿はこのブラウザの中だけで処理され、送信されません。',
    rows: '行数', covered: '資格あり', needs: '資格確認書が必要', duties: '手続きがある', bulk: '一括交付の予定がある', errors: 'エラーの行',
    working: '判定中…', no_file: 'CSV ファイルを選んでください。', no_need: '資格確認書が必要な人はいません。',
    summary: (c, s) => `${c.rows.toLocaleString()} 行を判定しました（${s} 秒）: 資格あり ${c.covered.toLocaleString()} 人、資格確認書が必要 ${c.needs.toLocaleString()} 人、手続きがある ${c.duties.toLocaleString()} 人、一括交付の予定 ${c.bulk.toLocaleString()} 人、エラー ${c.errors.toLocaleString()} 行。`,
    shown: (k, n) => `${n.toLocaleString()} 行中 ${k.toLocaleString()} 行を表示`,
    yes: 'はい', no: 'いいえ', people: '人', month: '月',
    c_id: '管理番号', c_insurer: '保険者', c_covered: '資格', c_legacy_card: '健康保険証', c_my_number_card: 'マイナ保険証', c_certificate: '資格確認書',
    c_notice: '資格情報のお知らせ', c_needs_certificate: '確認書が必要', c_needs_reason: '理由', c_needs_from: '必要になる日', c_next_action: '次の手続き',
    c_next_document: '対象の書類', c_next_from: '開始', c_next_until: '期限', c_next_event: '次の予定', c_next_event_on: '予定日', c_error: 'エラー',
    sort: '並べ替え', error: '読み込めません',
  },
  en: {
    title: 'Assess a staff roster', single: 'Assess one member',
    hint: 'Pick a staff roster CSV (UTF-8 or Shift_JIS) or drop it here. The file is read inside this browser only and is never sent anywhere.',
    file: 'Roster CSV', drop: '(you can drop the file here)', encoding: 'Encoding', enc_auto: 'Detect', mapping: 'Columns',
    map_none: "hokensho's column names (as the CLI)", map_hr: 'HR system export (examples/hr/columns.toml)', map_file: 'A mapping file (TOML)',
    mapping_file: 'Mapping file', on: 'Date to assess', on_column: 'Column with a date per row (optional)', run: 'Assess', results: 'Results',
    download: 'Download the results as CSV', chart: 'Month from which a certificate is needed (members)', table: 'Members', filters: 'Filter', f_needs: 'Certificate',
    all: 'all', needs_yes: 'needed', needs_no: 'not needed', errors_only: 'rows with errors', f_action: 'Next step', f_insurer: 'Insurer', more: 'Show more',
    caption: 'The answers (sort with the column header buttons; the member id opens the single-member view)',
    footer: "Answers follow hokensho's rules (rules/). The roster is processed inside this browser only and is never sent.",
    rows: 'Rows', covered: 'Covered', needs: 'Need a certificate', duties: 'With a step to take', bulk: 'In a bulk issuance ahead', errors: 'Rows with errors',
    working: 'Assessing…', no_file: 'Choose a CSV file.', no_need: 'Nobody needs a certificate.',
    summary: (c, s) => `Assessed ${c.rows.toLocaleString('en')} rows in ${s} s: ${c.covered.toLocaleString('en')} covered, ${c.needs.toLocaleString('en')} need a certificate, ${c.duties.toLocaleString('en')} with a step to take, ${c.bulk.toLocaleString('en')} in a bulk issuance ahead, ${c.errors.toLocaleString('en')} rows with errors.`,
    shown: (k, n) => `Showing ${k.toLocaleString('en')} of ${n.toLocaleString('en')} rows`,
    yes: 'yes', no: 'no', people: 'members', month: 'month',
    c_id: 'Member id', c_insurer: 'Insurer', c_covered: 'Covered', c_legacy_card: 'Health insurance card', c_my_number_card: 'My Number card', c_certificate: 'Certificate',
    c_notice: 'Notice', c_needs_certificate: 'Needs certificate', c_needs_reason: 'Why', c_needs_from: 'Needed from', c_next_action: 'Next step',
    c_next_document: 'Document', c_next_from: 'From', c_next_until: 'By', c_next_event: 'Next event', c_next_event_on: 'On', c_error: 'Error',
    sort: 'Sort', error: 'Cannot read the file',
  },
};
/** The columns of the table and, for coded ones, the kind of the core's labels. */
const COLUMNS = [
  ['id'], ['insurer'], ['covered'], ['legacy_card', 'statuses'], ['my_number_card', 'statuses'], ['certificate', 'statuses'],
  ['notice', 'statuses'], ['needs_certificate'], ['needs_reason', 'need_reasons'], ['needs_from'], ['next_action', 'actions'],
  ['next_document', 'documents'], ['next_from'], ['next_until'], ['next_event', 'events'], ['next_event_on'], ['error'],
];
const PAGE = 200;

let lang = 'ja';
let rules = null;
let roster = null; // the last assessCsv answer: { columns, csv, member, input, free }
let insurers = [];
let state = { sort: null, dir: 1, limit: PAGE, order: [] };
let csvUrl = null;
let elapsed = 0;
const $ = (id) => document.getElementById(id);
const esc = (s) => String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
const t = (k) => UI[lang][k] ?? k;
const labelCache = new Map();
/** The core's label of a code (`labels(kind, lang)`), or the code itself. */
function label(kind, code) {
  const key = `${kind}/${lang}`;
  if (!labelCache.has(key)) labelCache.set(key, labels(kind, lang));
  return labelCache.get(key)[code] ?? code;
}

function setLang(l) {
  lang = l;
  document.documentElement.lang = l;
  $('lang-ja').setAttribute('aria-pressed', String(l === 'ja'));
  $('lang-en').setAttribute('aria-pressed', String(l === 'en'));
  for (const el of document.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  document.title = `hokensho — ${t('title')}`;
  if (roster) { fillInsurerFilter(); fillActionFilter(); renderAll(); }
}

async function mappingText() {
  const how = $('mapping').value;
  if (how === 'hr') {
    const res = await fetch('../hr/columns.toml');
    if (!res.ok) throw new Error('examples/hr/columns.toml');
    return res.text();
  }
  if (how === 'file') {
    const f = $('mapping-file').files[0];
    return f ? f.text() : undefined;
  }
  return undefined;
}

function showError(e) {
  document.body.dataset.state = 'error';
  const box = $('error');
  box.hidden = false;
  if (e instanceof HokenshoError) {
    box.dataset.error = e.code;
    box.textContent = `${t('error')}: ${lang === 'ja' ? e.ja : e.en}${e.path ? ` (${e.path})` : ''}`;
  } else {
    box.dataset.error = 'internal';
    box.textContent = `${t('error')}: ${e && e.message ? e.message : e}`;
  }
}

async function run(file) {
  if (!rules) return;
  $('error').hidden = true;
  if (!file) { showError(new Error(t('no_file'))); return; }
  document.body.dataset.state = 'loading';
  $('summary').textContent = t('working');
  try {
    const t0 = performance.now();
    const bytes = new Uint8Array(await file.arrayBuffer());
    const columns = await mappingText();
    const onColumn = $('on-column').value.trim() || undefined;
    const next = rules.assessCsv(bytes, { encoding: $('encoding').value, columns, on: $('on').value || undefined, onColumn, lang });
    if (roster) roster.free();
    roster = next;
    insurers = roster.input('insurer');
    if (csvUrl) URL.revokeObjectURL(csvUrl);
    csvUrl = URL.createObjectURL(new Blob([roster.csv], { type: 'text/csv;charset=utf-8' }));
    $('download').href = csvUrl;
    state = { sort: null, dir: 1, limit: PAGE, order: [] };
    fillInsurerFilter();
    fillActionFilter();
    elapsed = performance.now() - t0;
    renderAll();
    const total = performance.now() - t0;
    document.body.dataset.ms = String(Math.round(total));
    console.log(`roster: ${roster.columns.id.length} rows assessed in ${elapsed.toFixed(0)} ms, shown in ${total.toFixed(0)} ms`);
    document.body.dataset.state = 'done';
  } catch (e) {
    showError(e);
  }
}

function counts(c) {
  const bulk = vocab('next_event').indexOf('bulk_issuance');
  const out = { rows: c.id.length, covered: 0, needs: 0, duties: 0, bulk: 0, errors: 0 };
  for (let i = 0; i < out.rows; i++) {
    if (c.covered[i] === 1) out.covered++;
    if (c.needs_certificate[i] === 1) out.needs++;
    if (c.next_action[i] >= 0) out.duties++;
    if (c.next_event[i] === bulk) out.bulk++;
    if (c.error_code[i] !== null) out.errors++;
  }
  return out;
}

function renderAll() {
  const c = roster.columns;
  const k = counts(c);
  $('results').hidden = false;
  $('summary').textContent = UI[lang].summary(k, (elapsed / 1000).toFixed(2));
  $('counts').innerHTML = ['rows', 'covered', 'needs', 'duties', 'bulk', 'errors']
    .map((x) => `<div><dt>${esc(t(x))}</dt><dd data-count="${x}">${k[x].toLocaleString(lang)}</dd></div>`).join('');
  renderChart(c);
  renderTable();
}

/** Members needing a certificate by the month it is needed from (`needs_from`), as SVG bars. */
function renderChart(c) {
  const by = new Map();
  for (let i = 0; i < c.id.length; i++) {
    if (c.needs_certificate[i] !== 1) continue;
    const d = dateOfDay(c.needs_from[i]);
    if (d === null) continue;
    const m = d.slice(0, 7);
    by.set(m, (by.get(m) || 0) + 1);
  }
  const months = [...by.keys()].sort();
  const box = $('chart');
  if (months.length === 0) { box.innerHTML = `<p class="muted">${esc(t('no_need'))}</p>`; return; }
  const max = Math.max(...by.values());
  const bw = Math.max(14, Math.min(48, Math.floor(900 / months.length)));
  const w = months.length * bw + 60;
  const h = 220;
  const plot = 160;
  const bars = months.map((m, i) => {
    const n = by.get(m);
    const bh = Math.max(1, Math.round((n / max) * plot));
    const x = 50 + i * bw;
    const y = 20 + plot - bh;
    const lab = i % Math.ceil(months.length / 24) === 0 ? `<text x="${x + bw / 2}" y="${20 + plot + 14}" text-anchor="middle" transform="rotate(45 ${x + bw / 2} ${20 + plot + 14})">${m}</text>` : '';
    return `<g class="bar" data-month="${m}" data-count="${n}"><rect x="${x + 2}" y="${y}" width="${bw - 4}" height="${bh}" fill="#0b4f9c"><title>${m}: ${n} ${esc(t('people'))}</title></rect>`
      + `<text x="${x + bw / 2}" y="${y - 3}" text-anchor="middle">${n}</text>${lab}</g>`;
  }).join('');
  const desc = months.map((m) => `${m}: ${by.get(m)}`).join(', ');
  box.innerHTML = `<svg role="img" aria-labelledby="chart-h chart-d" width="${w}" height="${h + 30}" viewBox="0 0 ${w} ${h + 30}">`
    + `<desc id="chart-d">${esc(desc)}</desc><line x1="48" y1="${20 + plot}" x2="${w}" y2="${20 + plot}" stroke="#8a8a8a"/>`
    + `<text x="44" y="24" text-anchor="end">${max}</text><text x="44" y="${20 + plot}" text-anchor="end">0</text>${bars}</svg>`;
}

function fillActionFilter() {
  const sel = $('f-action');
  const keep = sel.value;
  const used = new Set(roster.columns.next_action);
  const words = vocab('next_action');
  sel.innerHTML = `<option value="">${esc(t('all'))}</option>` + words.map((w, i) => (used.has(i) ? `<option value="${i}">${esc(label('actions', w))}</option>` : '')).join('');
  sel.value = keep;
}

function fillInsurerFilter() {
  const sel = $('f-insurer');
  const keep = sel.value;
  const names = [...new Set(insurers.filter((x) => x !== null))].sort();
  sel.innerHTML = `<option value="">${esc(t('all'))}</option>` + names.map((n) => `<option value="${esc(n)}">${esc(n)}</option>`).join('');
  sel.value = names.includes(keep) ? keep : '';
}

/** The cell of row `i` in a column: [sort key, HTML]. */
function cell(name, kind, i) {
  const c = roster.columns;
  if (name === 'id') {
    const id = c.id[i];
    if (c.error_code[i] !== null) return [id ?? '', esc(id ?? '')];
    return [id, `<a href="index.html#from-roster" data-row="${i}">${esc(id)}</a>`];
  }
  if (name === 'insurer') return [insurers[i] ?? '', esc(insurers[i] ?? '')];
  if (name === 'error') {
    if (c.error[i] === null) return ['', ''];
    // the first error's message (in the language the roster was assessed in), then every `code: path`
    const msg = c.error_message && c.error_message[i] ? `${esc(c.error_message[i])} ` : '';
    return [c.error[i], `<span class="warn" data-error="${esc(c.error_code[i])}">${msg}<span class="rule">${esc(c.error[i])}</span></span>`];
  }
  const col = c[name];
  if (col instanceof Uint8Array) return [col[i], col[i] === 255 ? '' : col[i] === 1 ? esc(t('yes')) : esc(t('no'))];
  if (col instanceof Int32Array) { const d = dateOfDay(col[i]); return [d ?? '', d ?? '']; }
  if (col instanceof Int8Array) {
    if (col[i] < 0) return ['', ''];
    const code = vocab(name)[col[i]];
    const cls = kind === 'statuses' ? ` class="status ${code}"` : '';
    const text = label(kind, code);
    return [text, `<span${cls} data-code="${code}">${esc(text)}</span>`];
  }
  return ['', ''];
}

function filtered() {
  const c = roster.columns;
  const needs = $('f-needs').value;
  const action = $('f-action').value;
  const insurer = $('f-insurer').value;
  const out = [];
  for (let i = 0; i < c.id.length; i++) {
    if (needs === 'error' ? c.error_code[i] === null : needs !== '' && c.needs_certificate[i] !== +needs) continue;
    if (action !== '' && c.next_action[i] !== +action) continue;
    if (insurer !== '' && insurers[i] !== insurer) continue;
    out.push(i);
  }
  if (state.sort !== null) {
    const [name, kind] = COLUMNS[state.sort];
    const keys = new Map(out.map((i) => [i, cell(name, kind, i)[0]]));
    out.sort((a, b) => {
      const x = keys.get(a);
      const y = keys.get(b);
      // empty cells last, whichever the direction
      if ((x === '') !== (y === '')) return x === '' ? 1 : -1;
      return x < y ? -state.dir : x > y ? state.dir : a - b;
    });
  }
  return out;
}

function renderTable() {
  const head = $('table').querySelector('thead tr');
  head.innerHTML = COLUMNS.map(([name], k) => {
    const sort = state.sort === k ? (state.dir > 0 ? 'ascending' : 'descending') : 'none';
    return `<th scope="col" aria-sort="${sort}"><button type="button" class="sort" data-col="${k}">${esc(t(`c_${name}`))}</button></th>`;
  }).join('');
  state.order = filtered();
  const shown = state.order.slice(0, state.limit);
  $('table').querySelector('tbody').innerHTML = shown.map((i) => `<tr data-row="${i}" data-id="${esc(roster.columns.id[i] ?? '')}">`
    + COLUMNS.map(([name, kind]) => `<td data-col="${name}">${cell(name, kind, i)[1]}</td>`).join('') + '</tr>').join('');
  $('shown').textContent = UI[lang].shown(shown.length, state.order.length);
  $('more').hidden = state.order.length <= state.limit;
}

$('roster-form').addEventListener('submit', (e) => { e.preventDefault(); run($('file').files[0]); });
$('file').addEventListener('change', () => run($('file').files[0]));
const drop = $('drop');
drop.addEventListener('dragover', (e) => { e.preventDefault(); drop.classList.add('over'); });
drop.addEventListener('dragleave', () => drop.classList.remove('over'));
drop.addEventListener('drop', (e) => { e.preventDefault(); drop.classList.remove('over'); run(e.dataTransfer.files[0]); });
for (const id of ['f-needs', 'f-action', 'f-insurer']) $(id).addEventListener('change', () => { state.limit = PAGE; renderTable(); });
$('more').addEventListener('click', () => { state.limit += PAGE; renderTable(); });
$('table').addEventListener('click', (e) => {
  const b = e.target.closest('button.sort');
  if (b) {
    const k = +b.dataset.col;
    state.dir = state.sort === k ? -state.dir : 1;
    state.sort = k;
    renderTable();
    $('table').querySelector(`button.sort[data-col="${k}"]`).focus();
    return;
  }
  const a = e.target.closest('a[data-row]');
  if (a) {
    // the member goes to the single-member view in this tab's sessionStorage, never in a request
    const m = roster.member(+a.dataset.row);
    if (!m) { e.preventDefault(); return; }
    sessionStorage.setItem('hokensho.member', JSON.stringify({ member: m, on: $('on').value }));
  }
});
$('lang-ja').addEventListener('click', () => setLang('ja'));
$('lang-en').addEventListener('click', () => setLang('en'));

await init();
rules = RuleSet.embedded();
$('on').value = japanDate(new Date());
setLang(lang);
document.body.dataset.ready = 'true';
