import { swedishLocal } from '../domain/meeting-time';
import { CASE_STATUSES, isOverdue, originText, type Case, type CaseFilter, type HistoryEntry } from '../domain/cases';

/**
 * The ärendelogg tab as server-rendered HTML: no script, no external assets, every piece of user
 * text escaped. One responsive layout: a table at desktop width (1280 px), stacked cards in the
 * meeting side panel (400 px).
 */

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

export interface PageView {
  bodyName: string;
  cases: Case[];
  /** Total before filtering, for "3 av 40". */
  scopeCount: number;
  /** Owner choices, from all cases in scope (not only the filtered ones). */
  owners: string[];
  filter: CaseFilter;
  today: string;
  /** Query string carrying the signature (body, exp, sig), to build links that stay authorised. */
  auth: Record<string, string>;
  csvUrl: string;
  detail?: { c: Case; history: HistoryEntry[] };
  when(iso: string): string;
}

const STYLE = `
*{box-sizing:border-box}
body{margin:0;font:14px/1.45 "Segoe UI",system-ui,-apple-system,sans-serif;color:#242424;background:#f5f5f5}
header{background:#fff;border-bottom:1px solid #e0e0e0;padding:16px 24px}
h1{font-size:20px;margin:0 0 4px;font-weight:600}
.sub{color:#616161;margin:0}
main{padding:16px 24px;max-width:1400px}
form.filters{display:flex;flex-wrap:wrap;gap:12px;align-items:flex-end;background:#fff;padding:12px 16px;border-radius:6px;border:1px solid #e0e0e0}
form.filters label{display:flex;flex-direction:column;font-size:12px;color:#424242;gap:4px}
form.filters label.check{flex-direction:row;align-items:center;gap:6px;font-size:14px;padding-bottom:6px}
input[type=search],select{font:inherit;padding:6px 8px;border:1px solid #c7c7c7;border-radius:4px;min-width:160px;background:#fff}
input[type=search]{min-width:240px}
button,.button{font:inherit;padding:6px 14px;border-radius:4px;border:1px solid #5b5fc7;background:#5b5fc7;color:#fff;cursor:pointer;text-decoration:none;display:inline-block}
.button.secondary{background:#fff;color:#5b5fc7}
table{width:100%;border-collapse:collapse;background:#fff;margin-top:16px;border:1px solid #e0e0e0;border-radius:6px;overflow:hidden}
th,td{text-align:left;padding:8px 12px;border-bottom:1px solid #f0f0f0;vertical-align:top}
th{background:#fafafa;font-weight:600;font-size:12px;color:#616161;text-transform:uppercase;letter-spacing:.02em}
td.nr{white-space:nowrap;font-variant-numeric:tabular-nums}
a{color:#4f52b2}
.status{display:inline-block;padding:1px 8px;border-radius:10px;font-size:12px;background:#ebebeb;white-space:nowrap}
.status.bordlagt{background:#fff4ce}.status.återremitterat{background:#fde7e9}.status.pågående{background:#e0f2ff}.status.avslutat{background:#e7f2da}
.overdue{color:#c4314b;font-weight:600}
.tags{color:#616161;font-size:12px}
.empty{background:#fff;padding:24px;border:1px solid #e0e0e0;border-radius:6px;margin-top:16px}
section.detail{background:#fff;border:1px solid #e0e0e0;border-left:4px solid #5b5fc7;border-radius:6px;padding:12px 16px;margin-top:16px}
section.detail h2{font-size:17px;margin:0 0 8px}
dl{display:grid;grid-template-columns:max-content 1fr;gap:4px 16px;margin:0 0 12px}
dt{color:#616161}dd{margin:0}
ol.history{list-style:none;margin:0;padding:0;border-top:1px solid #f0f0f0}
ol.history li{padding:8px 0;border-bottom:1px solid #f0f0f0}
ol.history .meta{color:#616161;font-size:12px}
@media (max-width:600px){
  header,main{padding:12px}
  form.filters{flex-direction:column;align-items:stretch}
  input[type=search],select{min-width:0;width:100%}
  table,thead,tbody,tr,td{display:block;width:100%}
  thead{display:none}
  table{border:none;background:none}
  tr{background:#fff;border:1px solid #e0e0e0;border-radius:6px;margin-bottom:8px;padding:6px 0}
  td{border:none;padding:2px 12px}
  td[data-label]::before{content:attr(data-label) ": ";color:#616161;font-size:12px}
  td.title{font-weight:600}
  dl{grid-template-columns:1fr}
  dt{margin-top:4px}
}`;

function qs(params: Record<string, string | undefined>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) p.set(k, v);
  return `?${p.toString()}`;
}

function option(value: string, label: string, selected: string | undefined): string {
  return `<option value="${escapeHtml(value)}"${value === (selected ?? '') ? ' selected' : ''}>${escapeHtml(label)}</option>`;
}

function statusChip(s: string): string {
  return `<span class="status ${escapeHtml(s)}">${escapeHtml(s)}</span>`;
}

export function renderCaseLogPage(v: PageView): string {
  const e = escapeHtml;
  const f = v.filter;
  const owners = v.owners;
  const filterParams = { q: f.search, status: f.status === 'alla öppna' ? undefined : f.status, owner: f.owner, overdue: f.overdue ? '1' : undefined };
  const link = (extra: Record<string, string | undefined>) => e(qs({ ...v.auth, ...filterParams, ...extra }));
  const hidden = Object.entries(v.auth)
    .map(([k, val]) => `<input type="hidden" name="${e(k)}" value="${e(val)}">`)
    .join('');
  const rows = v.cases
    .map((c) => {
      const late = isOverdue(c, v.today);
      return `<tr>
<td class="nr" data-label="Nr">${e(c.number)}</td>
<td class="title"><a href="${link({ case: c.id })}#detalj">${e(c.title)}</a>${c.tags.length ? `<div class="tags">${e(c.tags.join(', '))}</div>` : ''}</td>
<td data-label="Status">${statusChip(c.status)}${c.nextMeeting ? ' <span class="tags">nästa möte</span>' : ''}</td>
<td data-label="Ägare">${e(c.owner ?? '–')}</td>
<td data-label="Senast"${late ? ' class="overdue"' : ''}>${e(c.due ?? '–')}${late ? ' (försenat)' : ''}</td>
<td data-label="Senaste aktivitet">${e(v.when(c.lastActivityAt))}</td>
</tr>`;
    })
    .join('\n');
  const detail = v.detail
    ? `<section class="detail" id="detalj" aria-label="Ärende ${e(v.detail.c.number)}">
<h2>${e(v.detail.c.number)} ${e(v.detail.c.title)}</h2>
<dl>
<dt>Status</dt><dd>${statusChip(v.detail.c.status)}</dd>
<dt>Ägare</dt><dd>${e(v.detail.c.owner ?? '–')}</dd>
<dt>Senast</dt><dd>${e(v.detail.c.due ?? '–')}</dd>
<dt>Ursprung</dt><dd>${e(originText(v.detail.c.origin))}</dd>
${v.detail.c.diarienummer ? `<dt>Diarienummer</dt><dd>${e(v.detail.c.diarienummer)}</dd>` : ''}
${v.detail.c.closingNote ? `<dt>Avslutning</dt><dd>${e(v.detail.c.closingNote)}</dd>` : ''}
</dl>
<h3>Historik</h3>
<ol class="history">${v.detail.history
        .map((h) => `<li><div class="meta">${e(v.when(h.at))} · ${e(h.by)}</div><div>${e(h.text)}</div></li>`)
        .join('')}</ol>
<p><a href="${link({})}">Stäng</a></p>
</section>`
    : '';
  return `<!doctype html>
<html lang="sv">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Ärendelogg – ${e(v.bodyName)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>Ärendelogg – ${e(v.bodyName)}</h1>
<p class="sub">${v.cases.length} av ${v.scopeCount} ärenden visas, senaste aktivitet först.</p>
</header>
<main>
<form class="filters" method="get" action="/tab/arendelogg" role="search">
${hidden}
<label>Sök<input type="search" name="q" value="${e(f.search ?? '')}" placeholder="Nummer, rubrik, ägare, tagg"></label>
<label>Status<select name="status">${option('', 'Alla öppna', f.status === 'alla öppna' ? '' : f.status)}${[...CASE_STATUSES, 'alla'].map((s) => option(s, s === 'alla' ? 'Alla, även avslutade' : s, f.status)).join('')}</select></label>
<label>Ägare<select name="owner">${option('', 'Alla ägare', f.owner)}${owners.map((o) => option(o, o, f.owner)).join('')}</select></label>
<label class="check"><input type="checkbox" name="overdue" value="1"${f.overdue ? ' checked' : ''}> Bara försenade</label>
<button type="submit">Filtrera</button>
<a class="button secondary" href="${e(v.csvUrl)}">Exportera CSV</a>
</form>
${detail}
${
  v.cases.length
    ? `<table>
<thead><tr><th>Nr</th><th>Rubrik</th><th>Status</th><th>Ägare</th><th>Senast</th><th>Senaste aktivitet</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>`
    : '<p class="empty">Inga ärenden matchar filtret.</p>'
}
</main>
</body>
</html>`;
}

/** A CSV cell: quoted, and a leading = + - @ neutralised so a spreadsheet never runs it as a formula. */
function cell(s: string | undefined): string {
  let v = s ?? '';
  if (/^[=+\-@\t\r]/.test(v)) v = `'${v}`;
  return `"${v.replace(/"/g, '""')}"`;
}

/** Semicolon-separated with a BOM, as Swedish Excel opens it; times in Swedish time ("2021-12-17 10:05"). */
export function casesCsv(cases: Case[]): string {
  const head = ['Nummer', 'Diarienummer', 'Rubrik', 'Status', 'Ägare', 'Senast', 'Ursprung', 'Taggar', 'Tas upp på nästa möte', 'Senaste aktivitet', 'Avslutning'];
  const lines = cases.map((c) =>
    [c.number, c.diarienummer, c.title, c.status, c.owner, c.due, originText(c.origin), c.tags.join(', '), c.nextMeeting ? 'ja' : 'nej', swedishLocal(c.lastActivityAt).replace('T', ' '), c.closingNote].map(cell).join(';'),
  );
  return `\ufeff${[head.map(cell).join(';'), ...lines].join('\r\n')}\r\n`;
}
