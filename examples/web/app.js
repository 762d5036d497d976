// The page: form → member → the hokensho wasm package → rendered answer. Presentation only: every decision shown
// comes from the engine (statuses, texts, windows, timeline spans, labels of codes and rules, date parsing).
import init, { RuleSet, HokenshoError, japanDate, labels, parseDate } from '../../bindings-wasm/pkg/web.js';

const UI = {
  ja: {
    title: '保険証・マイナ保険証・資格確認書の判定', skip: '入力欄へ移動', verdict: '判定', form: '加入者の状況',
    hint: '加入者の状況と判定する日を入力し、Enter キーか「判定する」で判定します。分からない項目は空欄のままにしてください（空欄の意味は各欄の説明のとおりです）。個人番号（マイナンバー）は入力しないでください。',
    date_hint: '日付は 2025-12-02、2025/12/2、令和7年12月2日、R7.12.2 のいずれの形でも入力できます。',
    preset: '例を読み込む', preset_none: '（選択してください）', who: '加入者', id: '管理番号（任意の目印）', insurer: '保険者', role: '区分',
    p_kenpo: '健康保険組合', p_kyokai: '協会けんぽ', p_kyosai: '共済組合', p_kokuho: '国民健康保険', p_kouki: '後期高齢者医療',
    insured: '被保険者（本人）', dependent: '被扶養者（家族）', birth_date: '生年月日', acquired_on: '資格取得日', lost_on: '資格喪失日',
    lost_on_note: '空欄 = 資格を失っていない', vc: '任意継続', abroad: '海外在住（国内住所なし）', assist: '受診時に介助が必要',
    number: '保険者への個人番号の届出', has_number: '保険者が個人番号を受け付けている（届出済み）',
    number_note: 'チェックしない場合、保険者は個人番号を持っていないものとして判定します。届出済みかどうか分からないときは、加入者・勤務先・保険者に確認してください。',
    number_received: '保険者の受付日', number_registered: 'データ登録完了日', number_registered_note: '空欄 = 保険者の標準処理日数で登録されたとみなします',
    lc: '健康保険証を持っている', issued_on: '交付日', expires_on: '有効期限', expires_note: '空欄 = 規則で決まる期限を使います', lost_on_doc: '紛失日', lost_note: '空欄 = 紛失していない',
    mnc: 'マイナンバーカードを持っている', card_expires: 'カードの有効期限', e_cert_expires: '電子証明書の有効期限', registered_on: '保険証利用登録日',
    registered_note: '空欄 = 利用登録していない', cancelled_on: '利用登録の解除日', cancelled_note: '空欄 = 解除していない',
    certificates: '資格確認書', certificate_n: '資格確認書 {n}', add_certificate: '資格確認書を追加', remove_certificate: '資格確認書 {n} を削除',
    no_certificates: '資格確認書の記録はありません。', basis: '交付の種類', b_bulk: '一括交付', b_application: '申請', b_automatic: '職権（自動）', b_temporary: '臨時',
    notice: '資格情報のお知らせを持っている', elderly: '高齢受給者証を持っている',
    face_changes: '券面情報（記号・番号・氏名）の変更', face_n: '変更 {n}', add_face: '変更を追加', remove_face: '変更 {n} を削除', no_faces: '変更の記録はありません。',
    face_on: '変更日', face_reason: '理由', r_marriage: '結婚など氏名変更', r_transfer: 'グループ内移籍', r_vc: '任意継続加入', r_other: 'その他',
    required: '必須', on: '判定する日', assess: '判定する', result: '詳しい結果', loading: '読み込み中…', ready: '入力して Enter キーか「判定する」を押してください。',
    no_answer: 'まだ判定していません。', footer: '各判定は規則 ID と出典（rules/ 参照）に基づきます。',
    covered: '資格あり', not_covered: '資格なし', age: '{n}歳',
    accept: '窓口で提示するもの（今日受け付けるもの）', accept_none: '今日使える書類はありません', not_covered_long: 'この日は保険診療の資格がありません',
    provisional: '医療機関の判断で暫定的に受け付けられるもの', fallback: 'オンライン資格確認ができない場合', tell: '本人に伝えること',
    nothing_to_tell: '本人が今すぐ行う手続きはありません。', by: '{d} まで', from_on: '{d} から', details_link: '詳しい結果（書類の状態・手続き・今後の予定・タイムライン）へ',
    documents: '書類の状態', document: '書類', status: '状態', through: '使用できる最終日', why: '理由', none_held: '書類の記録がありません',
    certificate: '資格確認書の要否', todo: '必要な手続き', action: '内容', actor: '誰が', from: '開始', until: '期限', duty: '義務', optional: '任意',
    upcoming: '今後の予定', warnings: '注意', timeline: 'タイムライン（判定日の1年前から2年後まで）', today: '判定日', boundaries: '縦の破線：規則の節目',
    legend: '色の意味', timeline_table: 'タイムラインを表で見る', period: '期間',
    error: '入力を確認してください', date_invalid: '日付として読めません（例: 2025-12-02、2025/12/2、令和7年12月2日、R7.12.2）',
    missing: '「{label}」を入力してください', summary_ok: '{id}（{on}）: {accept}。{need}', summary_err: '入力エラーが {n} 件あります。',
    list_sep: '、', or: ' または ',
  },
  en: {
    title: 'Health insurance card, My Number card and eligibility certificate', skip: 'Skip to the form', verdict: 'Answer', form: "The member's situation",
    hint: "Enter the member's situation and the date to assess, then press Enter or Assess. Leave what you do not know empty (each field says what empty means). Never enter the individual number (My Number).",
    date_hint: 'Dates may be typed as 2025-12-02, 2025/12/2, 令和7年12月2日 or R7.12.2.',
    preset: 'Load an example', preset_none: '(choose)', who: 'Member', id: 'Reference (any label)', insurer: 'Insurer', role: 'Role',
    p_kenpo: 'Health insurance society (kenpo)', p_kyokai: 'Kyokai kenpo', p_kyosai: 'Mutual aid association', p_kokuho: 'National Health Insurance', p_kouki: 'Late-elderly medical care',
    insured: 'Insured person', dependent: 'Dependent', birth_date: 'Date of birth', acquired_on: 'Coverage from', lost_on: 'Coverage lost on',
    lost_on_note: 'empty = coverage not lost', vc: 'Voluntary continuation', abroad: 'Abroad (no address in Japan)', assist: 'Needs assistance at visits',
    number: 'Individual number filed with the insurer', has_number: 'The insurer has received the individual number',
    number_note: 'Unticked, the answer assumes the insurer does not hold the individual number. If you do not know, ask the member, the employer or the insurer.',
    number_received: 'Received by the insurer on', number_registered: 'Data registration done on', number_registered_note: "empty = registered after the insurer's standard delay",
    lc: 'Holds a health insurance card', issued_on: 'Issued on', expires_on: 'Expires on', expires_note: 'empty = the expiry the rules give', lost_on_doc: 'Lost on', lost_note: 'empty = not lost',
    mnc: 'Holds a My Number card', card_expires: 'Card expires on', e_cert_expires: 'E-certificate expires on', registered_on: 'Registered for insurance use on',
    registered_note: 'empty = not registered', cancelled_on: 'Registration cancelled on', cancelled_note: 'empty = not cancelled',
    certificates: 'Eligibility certificates', certificate_n: 'Eligibility certificate {n}', add_certificate: 'Add a certificate', remove_certificate: 'Remove certificate {n}',
    no_certificates: 'No certificate recorded.', basis: 'Issued by', b_bulk: 'Bulk issuance', b_application: 'Application', b_automatic: 'Automatic', b_temporary: 'Temporary',
    notice: 'Holds an eligibility-information notice', elderly: 'Holds an elderly certificate',
    face_changes: 'Card face changes (symbol, number, name)', face_n: 'Change {n}', add_face: 'Add a change', remove_face: 'Remove change {n}', no_faces: 'No change recorded.',
    face_on: 'Changed on', face_reason: 'Reason', r_marriage: 'Marriage (name)', r_transfer: 'Group transfer', r_vc: 'Voluntary continuation', r_other: 'Other',
    required: 'required', on: 'Date to assess', assess: 'Assess', result: 'Details', loading: 'Loading…', ready: 'Fill in the form and press Enter or Assess.',
    no_answer: 'Nothing assessed yet.', footer: 'Every answer rests on a rule id and its sources (see rules/).',
    covered: 'covered', not_covered: 'not covered', age: 'age {n}',
    accept: 'Show at the counter (accept today)', accept_none: 'Nothing usable today', not_covered_long: 'Not covered on this day',
    provisional: 'A provider may also accept (its discretion)', fallback: 'If the online check fails', tell: 'Tell the member',
    nothing_to_tell: 'Nothing for the member to do now.', by: 'by {d}', from_on: 'from {d}', details_link: 'Details (documents, what to do, coming up, timeline)',
    documents: 'Documents', document: 'Document', status: 'Status', through: 'Last usable day', why: 'Why', none_held: 'No documents recorded',
    certificate: 'Eligibility certificate needed?', todo: 'To do', action: 'What', actor: 'Who', from: 'From', until: 'By', duty: 'duty', optional: 'optional',
    upcoming: 'Coming up', warnings: 'Warnings', timeline: 'Timeline (one year before to two years after the date)', today: 'date', boundaries: 'Dashed lines: rule boundaries',
    legend: 'Colours', timeline_table: 'The timeline as a table', period: 'Period',
    error: 'Please check the form', date_invalid: 'not a date (e.g. 2025-12-02, 2025/12/2, 令和7年12月2日, R7.12.2)',
    missing: 'enter "{label}"', summary_ok: '{id} ({on}): {accept}. {need}', summary_err: '{n} input errors.',
    list_sep: ', ', or: ' or ',
  },
};
// Bars of the timeline: colours with at least 3:1 against the white background (WCAG 1.4.11).
const COLORS = { valid: '#2e7d32', in_grace: '#1f6f8b', not_yet_valid: '#8a6500', expired: '#b23b3b', ended: '#7b2d2d', invalidated: '#5a5a5a', unusable: '#a34f00' };

// ---- the form, built from one description (names are the member's field paths) ----
const date = (name, label, o = {}) => ({ kind: 'date', name, label, ...o });
const SELECTS = {
  insurer: ['kenpo', 'kyokai', 'kyosai', 'kokuho', 'kouki'].map((v) => [v, `p_${v}`]),
  role: [['insured', 'insured'], ['dependent', 'dependent']],
  basis: [['bulk', 'b_bulk'], ['application', 'b_application'], ['automatic', 'b_automatic'], ['temporary', 'b_temporary']],
  reason: [['marriage', 'r_marriage'], ['transfer', 'r_transfer'], ['voluntary_continuation', 'r_vc'], ['other', 'r_other']],
};
const SECTIONS = [
  { key: 'who', fields: [
    { kind: 'text', name: 'id', label: 'id', value: 'M-1', required: true },
    { kind: 'select', name: 'insurer', label: 'insurer', options: 'insurer' },
    { kind: 'select', name: 'role', label: 'role', options: 'role' },
    date('birth_date', 'birth_date', { required: true }),
    date('coverage.acquired_on', 'acquired_on', { required: true }),
    date('coverage.lost_on', 'lost_on', { note: 'lost_on_note' }),
    { kind: 'check', name: 'coverage.voluntary_continuation', label: 'vc' },
    { kind: 'check', name: 'abroad', label: 'abroad' },
    { kind: 'check', name: 'needs_assistance', label: 'assist' },
  ] },
  { key: 'number_on_file', legend: 'number', toggle: 'has_number', note: 'number_note', fields: [
    date('number_on_file.received_on', 'number_received', { required: true }),
    date('number_on_file.registered_on', 'number_registered', { note: 'number_registered_note' }),
  ] },
  { key: 'legacy_card', toggle: 'lc', fields: [
    date('legacy_card.issued_on', 'issued_on', { required: true }), date('legacy_card.expires_on', 'expires_on', { note: 'expires_note' }),
    date('legacy_card.lost_on', 'lost_on_doc', { note: 'lost_note' }),
  ] },
  { key: 'my_number_card', toggle: 'mnc', fields: [
    date('my_number_card.issued_on', 'issued_on', { required: true }), date('my_number_card.expires_on', 'card_expires', { note: 'expires_note' }),
    date('my_number_card.e_cert_expires_on', 'e_cert_expires', { note: 'expires_note' }), date('my_number_card.registered_on', 'registered_on', { note: 'registered_note' }),
    date('my_number_card.cancelled_on', 'cancelled_on', { note: 'cancelled_note' }), date('my_number_card.lost_on', 'lost_on_doc', { note: 'lost_note' }),
  ] },
  { key: 'certificates', list: { item: 'certificate_n', add: 'add_certificate', remove: 'remove_certificate', none: 'no_certificates' }, fields: [
    date('issued_on', 'issued_on', { required: true }), date('expires_on', 'expires_on', { note: 'expires_note' }),
    { kind: 'select', name: 'basis', label: 'basis', options: 'basis' }, date('lost_on', 'lost_on_doc', { note: 'lost_note' }),
  ] },
  { key: 'notice', toggle: 'notice', fields: [date('notice.issued_on', 'issued_on', { required: true }), date('notice.lost_on', 'lost_on_doc', { note: 'lost_note' })] },
  { key: 'elderly_certificate', toggle: 'elderly', fields: [date('elderly_certificate.issued_on', 'issued_on', { required: true }), date('elderly_certificate.expires_on', 'expires_on', { note: 'expires_note' })] },
  { key: 'face_changes', list: { item: 'face_n', add: 'add_face', remove: 'remove_face', none: 'no_faces' }, fields: [
    date('on', 'face_on', { required: true }), { kind: 'select', name: 'reason', label: 'face_reason', options: 'reason' },
  ] },
];

let lang = 'ja';
let rules = null;
let shown = null; // 'answer' | 'error' once something was shown (the language switch re-runs it)
let lastTimeline = null;
const form = document.getElementById('member-form');
const $ = (id) => document.getElementById(id);
const esc = (s) => String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
const t = (k, vars = {}) => String(UI[lang][k] ?? k).replace(/\{(\w+)\}/g, (_, v) => vars[v] ?? '');
const text = (o) => (o ? (lang === 'ja' ? o.ja : o.en) ?? '' : '');
const fid = (name) => `f-${name.replace(/\./g, '-')}`;
let LABELS = {};

function fieldHtml(f, name) {
  const id = fid(name);
  const req = f.required ? ` <span class="req" data-i18n="required">${esc(t('required'))}</span>` : '';
  const noteId = f.note ? `note-${id}` : '';
  const described = [f.kind === 'date' ? 'date-hint' : '', noteId, `err-${id}`].filter(Boolean).join(' ');
  let control;
  if (f.kind === 'check') {
    return `<div class="field check"><label><input type="checkbox" id="${id}" name="${name}"> <span data-i18n="${f.label}">${esc(t(f.label))}</span></label></div>`;
  }
  if (f.kind === 'select') {
    control = `<select id="${id}" name="${name}" aria-describedby="err-${id}">${SELECTS[f.options].map(([v, k]) => `<option value="${v}" data-i18n="${k}">${esc(t(k))}</option>`).join('')}</select>`;
  } else {
    const cls = f.kind === 'date' ? ' class="date"' : '';
    control = `<input type="text"${cls} id="${id}" name="${name}" autocomplete="off" spellcheck="false"${f.value ? ` value="${esc(f.value)}"` : ''}${f.required ? ' aria-required="true"' : ''} aria-describedby="${described}">`;
  }
  const note = f.note ? `<p class="note" id="${noteId}" data-i18n="${f.note}">${esc(t(f.note))}</p>` : '';
  return `<div class="field"><label for="${id}"><span data-i18n="${f.label}">${esc(t(f.label))}</span>${req}</label>${control}${note}<p class="field-error" id="err-${id}" hidden></p></div>`;
}

function buildForm() {
  let h = '';
  for (const s of SECTIONS) {
    if (s.list) {
      h += `<fieldset class="list" data-list="${s.key}"><legend data-i18n="${s.key}">${esc(t(s.key))}</legend>`
        + `<p class="note empty" data-i18n="${s.list.none}">${esc(t(s.list.none))}</p><div class="rows"></div>`
        + `<button type="button" class="secondary add" data-add="${s.key}" data-i18n="${s.list.add}">${esc(t(s.list.add))}</button></fieldset>`;
    } else if (s.toggle) {
      const legendText = s.legend ? `<span data-i18n="${s.legend}">${esc(t(s.legend))}</span>` : '';
      const note = s.note ? `<p class="note" id="note-${s.key}" data-i18n="${s.note}">${esc(t(s.note))}</p>` : '';
      h += `<fieldset data-section="${s.key}"><legend>${legendText}<label class="check"><input type="checkbox" name="has.${s.key}"${s.note ? ` aria-describedby="note-${s.key}"` : ''}> <span data-i18n="${s.toggle}">${esc(t(s.toggle))}</span></label></legend>`
        + `${note}<div class="grid" data-body="${s.key}" hidden>${s.fields.map((f) => fieldHtml(f, f.name)).join('')}</div></fieldset>`;
    } else {
      h += `<fieldset data-section="${s.key}"><legend data-i18n="${s.key}">${esc(t(s.key))}</legend><div class="grid">${s.fields.map((f) => fieldHtml(f, f.name)).join('')}</div></fieldset>`;
    }
  }
  $('sections').innerHTML = h;
}

/** Shows or hides a ticked section's fields: hidden fields are out of the Tab order and out of the member. */
function syncSection(key) {
  const box = form.elements.namedItem(`has.${key}`);
  const body = form.querySelector(`[data-body="${key}"]`);
  if (box && body) body.hidden = !box.checked;
}

function addRow(key, values) {
  const row = document.createElement('fieldset');
  row.className = 'item';
  form.querySelector(`[data-list="${key}"] .rows`).appendChild(row);
  renumber(key, values ?? {}, row);
  return row;
}

/**
 * Gives every row of a list its index (names `certificates.0.issued_on`, legends, remove buttons), keeping what was
 * typed; the row `fresh` gets the values `fill`.
 */
function renumber(key, fill, fresh) {
  const s = SECTIONS.find((x) => x.key === key);
  const list = form.querySelector(`[data-list="${key}"]`);
  const rows = [...list.querySelectorAll('.rows > fieldset.item')];
  rows.forEach((row, i) => {
    const keep = {};
    for (const el of row.querySelectorAll('input, select')) keep[el.name.split('.').pop()] = el.value;
    const values = row === fresh ? fill : keep;
    row.dataset.index = String(i);
    row.innerHTML = `<legend>${esc(t(s.list.item, { n: i + 1 }))}</legend><div class="grid">${s.fields.map((f) => fieldHtml(f, `${key}.${i}.${f.name}`)).join('')}</div>`
      + `<button type="button" class="secondary remove" data-remove="${key}">${esc(t(s.list.remove, { n: i + 1 }))}</button>`;
    for (const [k, v] of Object.entries(values || {})) {
      const el = row.querySelector(`[name="${key}.${i}.${k}"]`);
      if (el && v !== undefined && v !== null) el.value = v;
    }
  });
  list.querySelector('.empty').hidden = rows.length > 0;
}

/** The form as a member record: only what is filled in (an empty field is absent); dates through the engine's parser. */
function readMember() {
  const errors = [];
  const value = (el) => {
    const raw = el.value.trim();
    // an empty field is absent; a field the record cannot go without is named at once (the engine would name
    // only the first of them)
    if (raw === '' && el.getAttribute('aria-required') === 'true') errors.push({ el, message: t('missing', { label: labelOf(el) }) });
    if (raw === '') return undefined;
    if (!el.classList.contains('date')) return raw;
    const iso = parseDate(raw);
    if (iso === null) errors.push({ el, message: t('date_invalid') });
    return iso ?? undefined;
  };
  const put = (obj, path, v) => {
    if (v === undefined) return;
    const parts = path.split('.');
    let o = obj;
    for (let i = 0; i < parts.length - 1; i++) {
      if (o[parts[i]] === undefined) o[parts[i]] = /^\d+$/.test(parts[i + 1]) ? [] : {};
      o = o[parts[i]];
    }
    o[parts[parts.length - 1]] = v;
  };
  const m = {};
  for (const el of form.querySelectorAll('#sections input, #sections select')) {
    if (el.name.startsWith('has.') || el.closest('[hidden]')) continue;
    if (el.type === 'checkbox') { if (el.checked) put(m, el.name, true); continue; }
    put(m, el.name, value(el));
  }
  for (const s of SECTIONS) if (s.toggle && form.elements.namedItem(`has.${s.key}`).checked && !m[s.key]) m[s.key] = {};
  if (!m.coverage) m.coverage = {};
  const on = value(form.elements.namedItem('on'));
  return { member: m, on, errors };
}

/** Fills the form from a member record (the presets). */
function fillForm(m) {
  for (const el of form.querySelectorAll('#sections input, #sections select')) {
    if (el.type === 'checkbox') el.checked = false;
    else if (el.tagName === 'SELECT') el.selectedIndex = 0;
    else el.value = '';
  }
  for (const key of ['certificates', 'face_changes']) {
    form.querySelector(`[data-list="${key}"] .rows`).innerHTML = '';
    (m[key] || []).forEach((x) => addRow(key, x));
    renumber(key);
  }
  const set = (name, v) => { const el = form.elements.namedItem(name); if (!el || el instanceof RadioNodeList) return; if (el.type === 'checkbox') el.checked = !!v; else el.value = v ?? ''; };
  const walk = (prefix, o) => {
    for (const [k, v] of Object.entries(o || {})) {
      const n = prefix ? `${prefix}.${k}` : k;
      if (Array.isArray(v)) continue;
      if (v && typeof v === 'object') walk(n, v); else set(n, v);
    }
  };
  for (const s of SECTIONS) if (s.toggle) set(`has.${s.key}`, !!m[s.key]);
  walk('', m);
  SECTIONS.forEach((s) => s.toggle && syncSection(s.key));
}

function clearErrors() {
  for (const el of form.querySelectorAll('[aria-invalid="true"]')) el.removeAttribute('aria-invalid');
  for (const p of form.querySelectorAll('.field-error')) { p.hidden = true; p.textContent = ''; }
}

/** The form field of an engine error path (`certificates[0].issued_on` → the field `certificates.0.issued_on`). */
function fieldOf(path) {
  const name = String(path || '').replace(/\[(\d+)\]/g, '.$1');
  const el = form.elements.namedItem(name);
  return el && !(el instanceof RadioNodeList) ? el : null;
}
function labelOf(el) {
  const l = el.labels && el.labels[0];
  return l ? (l.querySelector('[data-i18n]') || l).textContent.trim() : el.name;
}

function showErrors(list) {
  // list: [{ el?, path, message }]
  for (const e of list) {
    if (!e.el) continue;
    e.el.setAttribute('aria-invalid', 'true');
    const p = $(`err-${e.el.id}`);
    if (p) { p.textContent = e.message; p.hidden = false; }
  }
  const items = list.map((e) => (e.el
    ? `<li><a href="#${e.el.id}" data-field="${esc(e.el.name)}">${esc(labelOf(e.el))}</a>: ${esc(e.message)}</li>`
    : `<li><code>${esc(e.path)}</code>: ${esc(e.message)}</li>`)).join('');
  const v = $('verdict');
  v.className = 'verdict error';
  $('verdict-body').innerHTML = `<div role="alert" data-error="${esc(list[0].code || 'form')}"><p class="v-head"><strong>${esc(t('error'))}</strong></p><ul id="error-list">${items}</ul></div>`;
  $('answer').innerHTML = `<p class="muted">${esc(t('no_answer'))}</p>`;
  lastTimeline = null;
  $('announce').textContent = `${t('error')}: ${t('summary_err', { n: list.length })}`;
}

function docName(d, index) { return `${LABELS.documents[d] ?? d}${index !== undefined ? ` ${index + 1}` : ''}`; }
function sets(list) {
  return list.map((s) => s.map((d) => LABELS.documents[d] ?? d).join(lang === 'ja' ? '＋' : ' + '));
}

function verdictHtml(a) {
  const options = sets(a.care.options);
  const age = lang === 'ja' ? `（${t('age', { n: a.age })}）` : ` (${t('age', { n: a.age })})`;
  let h = `<p class="v-head" id="v-head"><strong>${esc(a.id)}</strong> — ${esc(a.on)}${esc(age)}: <span class="${a.covered ? 'ok' : 'bad'}">${esc(a.covered ? t('covered') : t('not_covered'))}</span></p>`;
  h += '<div class="v-grid"><div class="v-block" id="v-accept">';
  h += `<h3>${esc(t('accept'))}</h3>`;
  if (options.length) {
    h += `<ul id="options" class="big">${options.map((o) => `<li>${esc(o)}</li>`).join('')}</ul>`;
  } else {
    h += `<p id="options" data-empty="true" class="big bad">${esc(a.covered ? t('accept_none') : t('not_covered_long'))}</p>`;
  }
  if (a.care.provisional.length) h += `<p class="sub">${esc(t('provisional'))}: <span id="provisional">${esc(sets(a.care.provisional).join(t('or')))}</span></p>`;
  if (a.care.full_payment) h += `<p id="full-payment" class="full-payment" data-full-payment="true">${esc(text(a.care.full_payment))}</p>`;
  if (a.care.if_online_check_fails.length) h += `<details class="sub"><summary>${esc(t('fallback'))}</summary><ul>${sets(a.care.if_online_check_fails).map((o) => `<li>${esc(o)}</li>`).join('')}</ul></details>`;
  h += `</div><div class="v-block" id="v-tell"><h3>${esc(t('tell'))}</h3><ul id="tell">`;
  if (a.needs_certificate.needed) h += `<li id="need-line" class="bad">${esc(text(a.needs_certificate))}</li>`;
  const mine = a.obligations.filter((o) => o.actor === 'member' && o.action !== 'keep');
  for (const o of mine) {
    const when = [o.from && o.from > a.on ? t('from_on', { d: o.from }) : '', o.until ? t('by', { d: o.until }) : ''].filter(Boolean).join(' ');
    h += `<li data-action="${esc(o.action)}">${esc(text(o))}${when ? ` <span class="when">(${esc(when)})</span>` : ''}</li>`;
  }
  if (!a.needs_certificate.needed && mine.length === 0) h += `<li class="muted">${esc(t('nothing_to_tell'))}</li>`;
  h += `</ul></div></div><p class="v-more"><a href="#result">${esc(t('details_link'))}</a></p>`;
  return h;
}

function detailsHtml(a, tl) {
  let h = `<h3>${esc(t('documents'))}</h3>`;
  if (a.documents.length === 0) h += `<p>${esc(t('none_held'))}</p>`;
  else {
    h += `<table id="documents" class="stack"><thead><tr><th scope="col">${esc(t('document'))}</th><th scope="col">${esc(t('status'))}</th><th scope="col">${esc(t('through'))}</th><th scope="col">${esc(t('why'))}</th></tr></thead><tbody>`;
    for (const d of a.documents) {
      const key = d.index === undefined ? d.document : `${d.document}#${d.index}`;
      h += `<tr data-doc="${esc(key)}" data-status="${esc(d.status)}"><th scope="row" class="doc">${esc(docName(d.document, d.index))}</th>`
        + `<td class="status ${esc(d.status)}" data-label="${esc(t('status'))}">${esc(LABELS.statuses[d.status] ?? d.status)}</td>`
        + `<td data-label="${esc(t('through'))}" class="nowrap">${esc(d.valid_through ?? '—')}</td>`
        + `<td data-label="${esc(t('why'))}">${esc(text(d.reason))} <span class="rule">${esc(d.reason.rule)}</span></td></tr>`;
    }
    h += '</tbody></table>';
  }
  h += `<h3>${esc(t('certificate'))}</h3><p id="need" class="need ${a.needs_certificate.needed ? 'yes' : 'no'}" data-needed="${a.needs_certificate.needed}">${esc(text(a.needs_certificate))}</p>`;
  if (a.obligations.length) {
    h += `<h3>${esc(t('todo'))}</h3><table id="obligations" class="stack"><thead><tr><th scope="col">${esc(t('action'))}</th><th scope="col">${esc(t('actor'))}</th><th scope="col">${esc(t('from'))}</th><th scope="col">${esc(t('until'))}</th></tr></thead><tbody>`;
    for (const o of a.obligations) {
      h += `<tr data-action="${esc(o.action)}" data-doc="${esc(o.document)}"><td>${esc(text(o))} <span class="rule">(${esc(o.required ? t('duty') : t('optional'))}) ${esc(o.rule)}</span></td>`
        + `<td data-label="${esc(t('actor'))}" class="nowrap">${esc(LABELS.actors[o.actor] ?? o.actor)}</td><td data-label="${esc(t('from'))}" class="nowrap">${esc(o.from ?? '—')}</td><td data-label="${esc(t('until'))}" class="nowrap">${esc(o.until ?? '—')}</td></tr>`;
    }
    h += '</tbody></table>';
  }
  if (a.upcoming.length) h += `<h3>${esc(t('upcoming'))}</h3><ul id="upcoming">${a.upcoming.map((u) => `<li data-event="${esc(u.event)}" data-on="${esc(u.on)}">${esc(text(u))}</li>`).join('')}</ul>`;
  if (a.warnings.length) h += `<h3>${esc(t('warnings'))}</h3><ul id="warnings" class="warn">${a.warnings.map((w) => `<li data-warning="${esc(w.code)}">${esc(text(w))}</li>`).join('')}</ul>`;
  h += `<h3 id="timeline-title">${esc(t('timeline'))}</h3><div id="timeline"></div>`;
  h += `<details id="timeline-details"><summary>${esc(t('timeline_table'))}</summary><table class="stack" id="spans"><thead><tr><th scope="col">${esc(t('document'))}</th><th scope="col">${esc(t('status'))}</th><th scope="col">${esc(t('period'))}</th></tr></thead><tbody>`
    + tl.spans.map((s) => `<tr><th scope="row" class="doc">${esc(docName(s.document, s.index))}</th><td data-label="${esc(t('status'))}">${esc(LABELS.statuses[s.status] ?? s.status)}</td><td data-label="${esc(t('period'))}" class="nowrap">${esc(s.from)} – ${esc(s.to)}</td></tr>`).join('')
    + '</tbody></table></details>';
  return h;
}

/** The timeline drawn at the width it is shown (text stays 12 px on a phone), with numbered rule boundaries. */
function drawTimeline(tl, on) {
  const box = $('timeline');
  if (!box) return;
  const W = Math.max(300, Math.floor(box.clientWidth || 700));
  const rows = [];
  for (const s of tl.spans) {
    const key = s.index === undefined ? s.document : `${s.document}#${s.index}`;
    if (!rows.includes(key)) rows.push(key);
  }
  const pad = 8; const t0 = Date.parse(tl.from); const t1 = Date.parse(tl.to) + 86400000;
  const x = (d) => pad + ((Date.parse(d) - t0) / (t1 - t0)) * (W - 2 * pad);
  const xEnd = (d) => x(new Date(Date.parse(d) + 86400000).toISOString().slice(0, 10));
  // boundary markers: one dashed line a day, numbered (several rules of one day share it), on as many lines as
  // needed so that numbers never overlap
  const days = [];
  [...tl.boundaries].sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0)).forEach((b, i) => {
    const last = days[days.length - 1];
    if (last && last.on === b.on) last.items.push({ ...b, n: i + 1 });
    else days.push({ on: b.on, items: [{ ...b, n: i + 1 }] });
  });
  const marks = []; const lanes = [];
  for (const d of days) {
    const bx = x(d.on); const label = d.items.map((b) => b.n).join(',');
    const half = 4 + label.length * 4;
    let lane = lanes.findIndex((right) => bx - half - right >= 4);
    if (lane < 0) { lane = lanes.length; lanes.push(bx + half); } else lanes[lane] = bx + half;
    marks.push({ ...d, x: bx, lane, label });
  }
  // the date label on the first line, the numbered markers on the lines below it, then one row per document
  const laneH = 16; const markY0 = 32; const top = markY0 + Math.max(0, lanes.length - 1) * laneH + 8; const rowH = 38;
  const axisY = top + rows.length * rowH + 2; const H = axisY + 24;
  let out = `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="tl-svg-title" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}"><title id="tl-svg-title">${esc(t('timeline'))} ${esc(tl.from)} – ${esc(tl.to)}</title>`;
  rows.forEach((k, i) => {
    const [doc, idx] = k.split('#');
    out += `<text class="row-label" x="${pad}" y="${top + i * rowH + 13}">${esc(docName(doc, idx === undefined ? undefined : Number(idx)))}</text>`;
  });
  for (const s of tl.spans) {
    const key = s.index === undefined ? s.document : `${s.document}#${s.index}`;
    const i = rows.indexOf(key); const x0 = x(s.from); const w = Math.max(1, xEnd(s.to) - x0);
    out += `<rect class="span" data-doc="${esc(key)}" data-status="${esc(s.status)}" x="${x0.toFixed(1)}" y="${top + i * rowH + 18}" width="${w.toFixed(1)}" height="14" fill="${COLORS[s.status]}"><title>${esc(docName(s.document, s.index))}: ${esc(LABELS.statuses[s.status])} ${esc(s.from)} – ${esc(s.to)}</title></rect>`;
  }
  // axis: a tick each half year, labelled when there is room
  let lastLabel = -1e9;
  for (let y = new Date(t0).getUTCFullYear(); y <= new Date(t1).getUTCFullYear(); y++) {
    for (const mth of ['01', '07']) {
      const d = `${y}-${mth}-01`;
      if (Date.parse(d) < t0 || Date.parse(d) > t1) continue;
      const dx = x(d);
      out += `<line x1="${dx}" x2="${dx}" y1="${axisY}" y2="${axisY + 5}" stroke="#1a1a1a"/>`;
      if (dx - lastLabel >= 62 && dx - 28 >= 0 && dx + 28 <= W) { out += `<text class="axis" x="${dx}" y="${axisY + 18}" text-anchor="middle">${y}-${mth}</text>`; lastLabel = dx; }
    }
  }
  const ox = x(on);
  out += `<line class="today" x1="${ox}" x2="${ox}" y1="4" y2="${axisY}" stroke="#b3400f" stroke-width="2"/>`;
  const label = `${t('today')} ${on}`;
  out += `<text class="today-label" x="${ox > W - 130 ? ox - 4 : ox + 4}" y="12" text-anchor="${ox > W - 130 ? 'end' : 'start'}">${esc(label)}</text>`;
  for (const m of marks) {
    const my = markY0 + m.lane * laneH;
    const names = m.items.map((b) => `${b.n}: ${LABELS.rules[b.rule] ?? b.rule}`).join('; ');
    out += `<line class="boundary" data-n="${esc(m.label)}" x1="${m.x}" x2="${m.x}" y1="${my + 3}" y2="${axisY}" stroke="#0b4f9c" stroke-dasharray="3 3"><title>${esc(m.on)} ${esc(names)}</title></line>`
      + `<text class="mark" data-n="${esc(m.label)}" x="${m.x}" y="${my}" text-anchor="middle">${esc(m.label)}</text>`;
  }
  out += '</svg>';
  const present = [...new Set(tl.spans.map((s) => s.status))];
  out += `<p class="legend-title">${esc(t('legend'))}</p><ul class="legend">${present.map((st) => `<li><span class="swatch" style="background:${COLORS[st]}"></span>${esc(LABELS.statuses[st] ?? st)}</li>`).join('')}</ul>`;
  if (marks.length) {
    const items = marks.flatMap((m) => m.items);
    out += `<p class="legend-title">${esc(t('boundaries'))}</p><ol id="boundaries" class="boundaries">${items.map((b) => `<li data-n="${b.n}" data-rule="${esc(b.rule)}" value="${b.n}"><span class="nowrap">${esc(b.on)}</span> ${esc(LABELS.rules[b.rule] ?? b.rule)} <span class="rule">${esc(b.rule)}</span></li>`).join('')}</ol>`;
  }
  box.innerHTML = out;
}

function addYears(iso, n) { const [y, m, d] = iso.split('-').map(Number); const dd = m === 2 && d === 29 ? 28 : d; return `${String(y + n).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(dd).padStart(2, '0')}`; }

/** Reads the form, asks the engine, shows the verdict (and moves focus to it when `focus`). */
function run({ focus = true } = {}) {
  if (!rules) return;
  document.body.dataset.runs = String(Number(document.body.dataset.runs || 0) + 1); // lets tests wait for a run
  clearErrors();
  const { member, on, errors } = readMember();
  if (errors.length) { shown = 'error'; showErrors(errors); if (focus) moveTo(); return; }
  let a; let tl;
  try {
    a = rules.assess(member, on);
    tl = rules.timeline(member, addYears(a.on, -1), addYears(a.on, 2));
  } catch (e) {
    if (!(e instanceof HokenshoError)) throw e;
    shown = 'error';
    showErrors(e.errors.map((x) => {
      const el = fieldOf(x.path);
      const missing = x.code === 'missing_field' && el;
      return { el, path: x.path, code: x.code, message: missing ? t('missing', { label: labelOf(el) }) : (lang === 'ja' ? x.ja : x.en) };
    }));
    if (focus) moveTo();
    return;
  }
  shown = 'answer';
  const v = $('verdict');
  v.className = `verdict ${a.care.options.length ? 'ok' : 'bad'}`;
  $('verdict-body').innerHTML = verdictHtml(a);
  $('answer').innerHTML = detailsHtml(a, tl);
  lastTimeline = { tl, on: a.on };
  drawTimeline(tl, a.on);
  const accept = a.care.options.length ? sets(a.care.options).join(t('or')) : (a.covered ? t('accept_none') : t('not_covered_long'));
  $('announce').textContent = t('summary_ok', { id: a.id, on: a.on, accept, need: text(a.needs_certificate) });
  if (focus) moveTo();
}

function moveTo() {
  const v = $('verdict');
  v.focus({ preventScroll: true });
  v.scrollIntoView({ block: 'start' });
}

function setLang(l) {
  lang = l;
  document.documentElement.lang = l;
  $('lang-ja').setAttribute('aria-pressed', String(l === 'ja'));
  $('lang-en').setAttribute('aria-pressed', String(l === 'en'));
  document.querySelectorAll('[data-i18n]').forEach((el) => { el.textContent = t(el.dataset.i18n); });
  document.title = `hokensho — ${t('title')}`;
  if (rules) LABELS = Object.fromEntries(['documents', 'statuses', 'actors', 'rules'].map((k) => [k, labels(k, l)]));
  for (const key of ['certificates', 'face_changes']) if (form.querySelector(`[data-list="${key}"]`)) renumber(key);
  // what is on screen follows the language: the current form is assessed again (an error stays the current error)
  if (shown) run({ focus: false });
  else $('status-line').textContent = t(rules ? 'ready' : 'loading');
}

form.addEventListener('submit', (ev) => { ev.preventDefault(); run(); });
form.addEventListener('change', (ev) => {
  const el = ev.target;
  if (el.name && el.name.startsWith('has.')) syncSection(el.name.slice(4));
  if (!rules || !el.classList || !el.classList.contains('date')) return;
  if (el.value.trim() !== '' && parseDate(el.value) === null) {
    el.setAttribute('aria-invalid', 'true');
    const p = $(`err-${el.id}`); if (p) { p.textContent = t('date_invalid'); p.hidden = false; }
  } else {
    el.removeAttribute('aria-invalid');
    const p = $(`err-${el.id}`); if (p) { p.textContent = ''; p.hidden = true; }
  }
});
form.addEventListener('click', (ev) => {
  const add = ev.target.closest('[data-add]');
  if (add) {
    const row = addRow(add.dataset.add);
    row.querySelector('input, select').focus();
    return;
  }
  const rm = ev.target.closest('[data-remove]');
  if (rm) {
    const key = rm.dataset.remove;
    rm.closest('fieldset.item').remove();
    renumber(key);
    form.querySelector(`[data-add="${key}"]`).focus();
  }
});
$('verdict').addEventListener('click', (ev) => {
  const a = ev.target.closest('a[data-field]');
  if (a) { ev.preventDefault(); const el = form.elements.namedItem(a.dataset.field); if (el) el.focus(); }
});
$('lang-ja').addEventListener('click', () => setLang('ja'));
$('lang-en').addEventListener('click', () => setLang('en'));
let resizeTimer;
window.addEventListener('resize', () => { clearTimeout(resizeTimer); resizeTimer = setTimeout(() => { if (lastTimeline) drawTimeline(lastTimeline.tl, lastTimeline.on); }, 100); });

async function loadPresets() {
  try {
    const res = await fetch('../members.jsonl');
    if (!res.ok) return;
    const members = (await res.text()).split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));
    const sel = $('preset');
    for (const m of members) { const o = document.createElement('option'); o.value = JSON.stringify(m); o.textContent = `${m.id} (${m.insurer})`; sel.appendChild(o); }
    sel.addEventListener('change', () => { if (sel.value) { fillForm(JSON.parse(sel.value)); run({ focus: false }); } });
  } catch (_) { /* presets are optional (e.g. opened without a server) */ }
}

buildForm();
await init();
rules = RuleSet.embedded();
// the date to assess: today in Japan (the engine's reading of the clock, Asia/Tokyo)
form.elements.namedItem('on').value = japanDate(new Date());
document.body.dataset.ready = 'true';
setLang(lang);
loadPresets();
// a member opened from the roster page (roster.html): handed over in this tab's sessionStorage, never in a request
if (location.hash === '#from-roster') {
  try { const { member, on } = JSON.parse(sessionStorage.getItem('hokensho.member') || '{}'); if (member) { fillForm(member); if (on) form.elements.namedItem('on').value = on; form.requestSubmit(); } } catch (_) { /* nothing to open */ }
}
