// The page: form → member → the hokensho wasm package → rendered answer. Presentation only: every decision
// shown comes from the engine (statuses, texts, windows, timeline spans).
import init, { RuleSet, HokenshoError } from '../../bindings-wasm/pkg/web.js';

const UI = {
  ja: {
    title: '保険証・マイナ保険証・資格確認書の判定', hint: '加入者の状況と日付を入力すると、その日に有効な書類、窓口で提示するもの、必要な手続きを表示します。個人番号（マイナンバー）は入力しないでください。',
    preset: '例を読み込む', preset_none: '（選択してください）', who: '加入者', id: '管理番号', insurer: '保険者', role: '区分',
    p_kenpo: '健康保険組合', p_kyokai: '協会けんぽ', p_kyosai: '共済組合', p_kokuho: '国民健康保険', p_kouki: '後期高齢者医療',
    insured: '被保険者（本人）', dependent: '被扶養者（家族）', birth_date: '生年月日', acquired_on: '資格取得日', lost_on: '資格喪失日',
    vc: '任意継続', abroad: '海外在住（国内住所なし）', assist: '受診時に介助が必要', number_received: '個人番号の届出日（保険者受付）',
    number_registered: 'データ登録完了日', lc: '健康保険証を持っている', issued_on: '交付日', expires_on: '有効期限', lost_on_doc: '紛失日',
    mnc: 'マイナンバーカードを持っている', card_expires: 'カードの有効期限', e_cert_expires: '電子証明書の有効期限', registered_on: '保険証利用登録日',
    cancelled_on: '利用登録の解除日', sc: '資格確認書を持っている', basis: '交付の種類', b_bulk: '一括交付', b_application: '申請', b_automatic: '職権（自動）',
    b_temporary: '臨時', notice: '資格情報のお知らせを持っている', elderly: '高齢受給者証を持っている', face: '券面情報（記号・番号・氏名）が変わった',
    face_on: '変更日', face_reason: '理由', r_marriage: '結婚など氏名変更', r_transfer: 'グループ内移籍', r_vc: '任意継続加入', r_other: 'その他',
    on: '判定する日', assess: '判定する', result: '判定結果', loading: '読み込み中…', ready: '入力して「判定する」を押してください。',
    footer: '各判定は規則 ID と出典（rules/ 参照）に基づきます。',
    covered: '資格あり', not_covered: '資格なし', age: '歳', documents: '書類の状態', document: '書類', status: '状態', through: '使用できる最終日', why: '理由',
    show: '窓口で提示するもの', nothing: 'この日に保険診療を受けられる書類はありません', fallback: 'オンライン資格確認ができない場合', provisional: '医療機関の判断で暫定的に受け付けられるもの',
    certificate: '資格確認書', todo: '必要な手続き', action: '内容', from: '開始', until: '期限', duty: '義務', optional: '任意', upcoming: '今後の予定',
    warnings: '注意', timeline: 'タイムライン', none_held: '書類の記録がありません', error: '入力エラー', today: '判定日',
  },
  en: {
    title: 'Health insurance card, My Number card and eligibility certificate', hint: "Enter a member's situation and a date to see which documents are valid that day, what to show at the counter and what to do. Never enter the individual number (My Number).",
    preset: 'Load an example', preset_none: '(choose)', who: 'Member', id: 'Member id', insurer: 'Insurer', role: 'Role',
    p_kenpo: 'Health insurance society (kenpo)', p_kyokai: 'Kyokai kenpo', p_kyosai: 'Mutual aid association', p_kokuho: 'National Health Insurance', p_kouki: 'Late-elderly medical care',
    insured: 'Insured person', dependent: 'Dependent', birth_date: 'Date of birth', acquired_on: 'Coverage from', lost_on: 'Coverage lost on',
    vc: 'Voluntary continuation', abroad: 'Abroad (no address in Japan)', assist: 'Needs assistance at visits', number_received: 'Number received by the insurer',
    number_registered: 'Data registration done', lc: 'Holds a health insurance card', issued_on: 'Issued on', expires_on: 'Expires on', lost_on_doc: 'Lost on',
    mnc: 'Holds a My Number card', card_expires: 'Card expires on', e_cert_expires: 'E-certificate expires on', registered_on: 'Registered for insurance use on',
    cancelled_on: 'Registration cancelled on', sc: 'Holds an eligibility certificate', basis: 'Issued by', b_bulk: 'Bulk issuance', b_application: 'Application', b_automatic: 'Automatic',
    b_temporary: 'Temporary', notice: 'Holds an eligibility-information notice', elderly: 'Holds an elderly certificate', face: 'Card face changed (symbol, number, name)',
    face_on: 'Changed on', face_reason: 'Reason', r_marriage: 'Marriage (name)', r_transfer: 'Group transfer', r_vc: 'Voluntary continuation', r_other: 'Other',
    on: 'Date to assess', assess: 'Assess', result: 'Answer', loading: 'Loading…', ready: 'Fill in the form and press Assess.',
    footer: 'Every answer rests on a rule id and its sources (see rules/).',
    covered: 'Covered', not_covered: 'Not covered', age: 'years old', documents: 'Documents', document: 'Document', status: 'Status', through: 'Last usable day', why: 'Why',
    show: 'Show at the counter', nothing: 'Nothing gives insured care on this day', fallback: 'If the online check fails', provisional: 'A provider may also accept (its discretion)',
    certificate: 'Eligibility certificate', todo: 'To do', action: 'What', from: 'From', until: 'By', duty: 'duty', optional: 'optional', upcoming: 'Coming up',
    warnings: 'Warnings', timeline: 'Timeline', none_held: 'No documents recorded', error: 'Input error', today: 'date',
  },
};
const DOCS = {
  ja: { legacy_card: '健康保険証', my_number_card: 'マイナ保険証', certificate: '資格確認書', notice: '資格情報のお知らせ', portal_record: 'マイナポータルの資格情報', elderly_certificate: '高齢受給者証', oral_confirmation: '口頭確認', self_declaration: '被保険者資格申立書' },
  en: { legacy_card: 'Health insurance card', my_number_card: 'My Number card', certificate: 'Eligibility certificate', notice: 'Notice', portal_record: 'Myna Portal record', elderly_certificate: 'Elderly certificate', oral_confirmation: 'Oral confirmation', self_declaration: 'Self-declaration' },
};
const STATUS = {
  ja: { valid: '有効', not_yet_valid: '有効前', expired: '期限切れ', ended: '使用終了', invalidated: '無効', unusable: '使用不可', in_grace: '猶予期間中' },
  en: { valid: 'valid', not_yet_valid: 'not yet valid', expired: 'expired', ended: 'ended', invalidated: 'invalidated', unusable: 'unusable', in_grace: 'in grace' },
};
const COLORS = { valid: '#2e7d32', in_grace: '#66a86a', not_yet_valid: '#c9a227', expired: '#b23b3b', ended: '#7b2d2d', invalidated: '#5a5a5a', unusable: '#d98c3a' };

let lang = 'ja';
let rules = null;
let last = null;
const form = document.getElementById('member-form');
const $ = (id) => document.getElementById(id);
const esc = (s) => String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
const t = (k) => UI[lang][k] ?? k;
const text = (o) => (o ? (lang === 'ja' ? o.ja : o.en) ?? '' : '');

function setLang(l) {
  lang = l;
  document.documentElement.lang = l;
  $('lang-ja').setAttribute('aria-pressed', String(l === 'ja'));
  $('lang-en').setAttribute('aria-pressed', String(l === 'en'));
  document.querySelectorAll('[data-i18n]').forEach((el) => { el.textContent = t(el.dataset.i18n); });
  document.title = `hokensho — ${t('title')}`;
  if (last) render(last.member, last.on); else $('status-line').textContent = t(rules ? 'ready' : 'loading');
}

/** The form as a member record (only what is filled in). */
function readMember() {
  const v = (name) => { const el = form.elements.namedItem(name); return el && el.value !== '' ? el.value : null; };
  const on = (name) => { const el = form.elements.namedItem(name); return !!(el && el.checked); };
  const m = {
    id: v('id') ?? '', insurer: v('insurer'), role: v('role'), birth_date: v('birth_date'),
    abroad: on('abroad'), needs_assistance: on('needs_assistance'),
    coverage: { acquired_on: v('coverage.acquired_on'), lost_on: v('coverage.lost_on'), voluntary_continuation: on('coverage.voluntary_continuation') },
    number_on_file: v('number_on_file.received_on') ? { received_on: v('number_on_file.received_on'), registered_on: v('number_on_file.registered_on') } : null,
  };
  if (on('has.legacy_card')) m.legacy_card = { issued_on: v('legacy_card.issued_on'), expires_on: v('legacy_card.expires_on'), lost_on: v('legacy_card.lost_on') };
  if (on('has.my_number_card')) {
    m.my_number_card = {};
    for (const f of ['issued_on', 'expires_on', 'e_cert_expires_on', 'registered_on', 'cancelled_on', 'lost_on']) m.my_number_card[f] = v(`my_number_card.${f}`);
  }
  m.certificates = on('has.certificates.0') ? [{ issued_on: v('certificates.0.issued_on'), expires_on: v('certificates.0.expires_on'), basis: v('certificates.0.basis'), lost_on: v('certificates.0.lost_on') }] : [];
  if (on('has.notice')) m.notice = { issued_on: v('notice.issued_on'), lost_on: v('notice.lost_on') };
  if (on('has.elderly_certificate')) m.elderly_certificate = { issued_on: v('elderly_certificate.issued_on'), expires_on: v('elderly_certificate.expires_on') };
  m.face_changes = on('has.face_changes.0') ? [{ on: v('face_changes.0.on'), reason: v('face_changes.0.reason') }] : [];
  return m;
}

/** Fills the form from a member record (used by the presets). */
function fillForm(m) {
  form.reset();
  const set = (name, value) => { const el = form.elements.namedItem(name); if (!el) return; if (el.type === 'checkbox') el.checked = !!value; else el.value = value ?? ''; };
  const walk = (prefix, o) => { for (const [k, x] of Object.entries(o || {})) { const n = prefix ? `${prefix}.${k}` : k; if (x && typeof x === 'object' && !Array.isArray(x)) walk(n, x); else if (Array.isArray(x)) x.forEach((y, i) => { set(`has.${n}.${i}`, true); walk(`${n}.${i}`, y); }); else set(n, x); } };
  for (const d of ['legacy_card', 'my_number_card', 'notice', 'elderly_certificate']) set(`has.${d}`, !!m[d]);
  for (const el of form.querySelectorAll('input[type=date]')) if (el.name !== 'on') el.value = '';
  for (const n of ['coverage.voluntary_continuation', 'abroad', 'needs_assistance']) set(n, false);
  walk('', m);
}

function optionList(sets) {
  return '<ul>' + sets.map((s) => `<li>${s.map((d) => esc(DOCS[lang][d])).join(lang === 'ja' ? '＋' : ' + ')}</li>`).join('') + '</ul>';
}

function timelineSvg(tl, on) {
  const rows = [];
  for (const s of tl.spans) {
    const key = s.index === undefined ? s.document : `${s.document}#${s.index}`;
    if (!rows.includes(key)) rows.push(key);
  }
  const W = 720; const left = 150; const top = 24; const rowH = 26; const H = top + rows.length * rowH + 64;
  const t0 = Date.parse(tl.from); const t1 = Date.parse(tl.to) + 86400000;
  const x = (d) => left + ((Date.parse(d) - t0) / (t1 - t0)) * (W - left - 10);
  const xEnd = (d) => x(new Date(Date.parse(d) + 86400000).toISOString().slice(0, 10));
  let out = `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="tl-title" viewBox="0 0 ${W} ${H}" width="100%"><title id="tl-title">${esc(t('timeline'))} ${esc(tl.from)} – ${esc(tl.to)}</title>`;
  rows.forEach((k, i) => {
    const [doc, idx] = k.split('#');
    out += `<text x="4" y="${top + i * rowH + 17}">${esc(DOCS[lang][doc])}${idx !== undefined ? ' ' + (Number(idx) + 1) : ''}</text>`;
  });
  for (const s of tl.spans) {
    const key = s.index === undefined ? s.document : `${s.document}#${s.index}`;
    const i = rows.indexOf(key);
    const x0 = x(s.from); const w = Math.max(1, xEnd(s.to) - x0);
    out += `<rect class="span" data-doc="${esc(key)}" data-status="${esc(s.status)}" x="${x0.toFixed(1)}" y="${top + i * rowH + 4}" width="${w.toFixed(1)}" height="${rowH - 8}" fill="${COLORS[s.status]}"><title>${esc(DOCS[lang][s.document])}: ${esc(STATUS[lang][s.status])} ${esc(s.from)} – ${esc(s.to)}</title></rect>`;
  }
  const axisY = top + rows.length * rowH + 4;
  const y0 = new Date(t0).getUTCFullYear(); const y1 = new Date(t1).getUTCFullYear();
  for (let y = y0; y <= y1; y++) {
    for (const mth of ['01', '07']) {
      const d = `${y}-${mth}-01`;
      if (Date.parse(d) < t0 || Date.parse(d) > t1) continue;
      out += `<line x1="${x(d)}" x2="${x(d)}" y1="${axisY}" y2="${axisY + 5}" stroke="#1a1a1a"/><text x="${x(d) - 18}" y="${axisY + 17}">${y}-${mth}</text>`;
    }
  }
  for (const b of tl.boundaries) {
    out += `<line class="boundary" x1="${x(b.on)}" x2="${x(b.on)}" y1="${top - 6}" y2="${axisY}" stroke="#0b4f9c" stroke-dasharray="3 3"><title>${esc(b.on)} ${esc(b.rule)}</title></line>`;
  }
  out += `<line x1="${x(on)}" x2="${x(on)}" y1="4" y2="${axisY}" stroke="#f0a500" stroke-width="2"/><text x="${x(on) + 3}" y="12">${esc(t('today'))} ${esc(on)}</text>`;
  // legend: the statuses that appear
  const shown = [...new Set(tl.spans.map((s) => s.status))];
  shown.forEach((st, i) => {
    const lx = left + i * 95;
    out += `<g class="legend"><rect x="${lx}" y="${axisY + 24}" width="12" height="12" fill="${COLORS[st]}"/><text x="${lx + 16}" y="${axisY + 34}">${esc(STATUS[lang][st])}</text></g>`;
  });
  return out + '</svg>';
}

function addYears(iso, n) { const [y, m, d] = iso.split('-').map(Number); const dd = m === 2 && d === 29 ? 28 : d; return `${String(y + n).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(dd).padStart(2, '0')}`; }

function render(member, on) {
  const box = $('answer');
  let a; let tl;
  try {
    a = rules.assess(member, on);
    tl = rules.timeline(member, addYears(on, -1), addYears(on, 2));
  } catch (e) {
    if (!(e instanceof HokenshoError)) throw e;
    $('status-line').textContent = t('error');
    box.innerHTML = `<div role="alert" class="need yes" data-error="${esc(e.code)}"><strong>${esc(t('error'))}</strong><ul>${e.errors.map((x) => `<li><code>${esc(x.path)}</code>: ${esc(lang === 'ja' ? x.ja : x.en)}</li>`).join('')}</ul></div>`;
    return;
  }
  last = { member, on };
  $('status-line').textContent = `${a.id} — ${a.on}: ${a.covered ? t('covered') : t('not_covered')} (${a.age}${lang === 'ja' ? t('age') : ' ' + t('age')})`;
  let h = `<h3>${esc(t('documents'))}</h3>`;
  if (a.documents.length === 0) h += `<p>${esc(t('none_held'))}</p>`;
  else {
    h += `<table id="documents"><thead><tr><th scope="col">${esc(t('document'))}</th><th scope="col">${esc(t('status'))}</th><th scope="col">${esc(t('through'))}</th><th scope="col">${esc(t('why'))}</th></tr></thead><tbody>`;
    for (const d of a.documents) {
      const key = d.index === undefined ? d.document : `${d.document}#${d.index}`;
      h += `<tr data-doc="${esc(key)}" data-status="${esc(d.status)}"><th scope="row">${esc(DOCS[lang][d.document])}${d.index !== undefined ? ' ' + (d.index + 1) : ''}</th><td class="status ${esc(d.status)}">${esc(STATUS[lang][d.status])}</td><td>${esc(d.valid_through ?? '—')}</td><td>${esc(text(d.reason))} <span class="rule">${esc(d.reason.rule)}</span></td></tr>`;
    }
    h += '</tbody></table>';
  }
  h += `<h3>${esc(t('show'))}</h3>` + (a.care.options.length ? `<div id="options">${optionList(a.care.options)}</div>` : `<p id="options" data-empty="true">${esc(t('nothing'))}</p>`);
  if (a.care.if_online_check_fails.length) h += `<h3>${esc(t('fallback'))}</h3>${optionList(a.care.if_online_check_fails)}`;
  if (a.care.provisional.length) h += `<h3>${esc(t('provisional'))}</h3>${optionList(a.care.provisional)}`;
  h += `<h3>${esc(t('certificate'))}</h3><p id="need" class="need ${a.needs_certificate.needed ? 'yes' : 'no'}" data-needed="${a.needs_certificate.needed}">${esc(text(a.needs_certificate))}</p>`;
  if (a.obligations.length) {
    h += `<h3>${esc(t('todo'))}</h3><table id="obligations"><thead><tr><th scope="col">${esc(t('action'))}</th><th scope="col">${esc(t('from'))}</th><th scope="col">${esc(t('until'))}</th></tr></thead><tbody>`;
    for (const o of a.obligations) h += `<tr data-action="${esc(o.action)}" data-doc="${esc(o.document)}"><td>${esc(text(o))} <span class="rule">(${esc(o.required ? t('duty') : t('optional'))}) ${esc(o.rule)}</span></td><td>${esc(o.from ?? '—')}</td><td>${esc(o.until ?? '—')}</td></tr>`;
    h += '</tbody></table>';
  }
  if (a.upcoming.length) h += `<h3>${esc(t('upcoming'))}</h3><ul id="upcoming">${a.upcoming.map((u) => `<li data-event="${esc(u.event)}">${esc(text(u))}</li>`).join('')}</ul>`;
  if (a.warnings.length) h += `<h3>${esc(t('warnings'))}</h3><ul id="warnings" class="warn">${a.warnings.map((w) => `<li data-warning="${esc(w.code)}">${esc(text(w))}</li>`).join('')}</ul>`;
  h += `<h3>${esc(t('timeline'))}</h3><div id="timeline">${timelineSvg(tl, a.on)}</div>`;
  box.innerHTML = h;
}

form.addEventListener('submit', (ev) => {
  ev.preventDefault();
  if (!rules) return;
  render(readMember(), form.elements.namedItem('on').value);
});
$('lang-ja').addEventListener('click', () => setLang('ja'));
$('lang-en').addEventListener('click', () => setLang('en'));

async function loadPresets() {
  try {
    const res = await fetch('../members.jsonl');
    if (!res.ok) return;
    const members = (await res.text()).split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));
    const sel = $('preset');
    for (const m of members) { const o = document.createElement('option'); o.value = JSON.stringify(m); o.textContent = `${m.id} (${m.insurer})`; sel.appendChild(o); }
    sel.addEventListener('change', () => { if (sel.value) { fillForm(JSON.parse(sel.value)); form.requestSubmit(); } });
  } catch (_) { /* presets are optional (e.g. opened without a server) */ }
}

await init();
rules = RuleSet.embedded();
document.body.dataset.ready = 'true';
setLang(lang);
loadPresets();
// a member opened from the roster page (roster.html): handed over in this tab's sessionStorage, never in a request
if (location.hash === '#from-roster') {
  try { const { member, on } = JSON.parse(sessionStorage.getItem('hokensho.member') || '{}'); if (member) { fillForm(member); if (on) form.elements.namedItem('on').value = on; form.requestSubmit(); } } catch (_) { /* nothing to open */ }
}
