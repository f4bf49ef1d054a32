/* eslint-disable @typescript-eslint/no-explicit-any */
/**
 * Browser code of the tab page (/tab), served as /tab/static/tab.js: signs in (sign-in.ts), then shows
 * the ärendelogg and protocol archive of the person's bodies, or, in the meeting side panel, the
 * current § and the agenda. Text goes in with textContent only: nothing from the server becomes markup.
 */
export function tabScript(): void {
  const w = window as any;
  const box = document.getElementById('local') as HTMLElement;
  const main = document.getElementById('content') as HTMLElement;
  const title = document.getElementById('title') as HTMLElement;
  const who = document.getElementById('who') as HTMLElement;

  function el(tag: string, props: Record<string, string> = {}, ...children: (Node | string | undefined)[]): HTMLElement {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(props)) e.setAttribute(k, v);
    for (const c of children) if (c !== undefined) e.append(c);
    return e;
  }

  async function api(path: string, token: string): Promise<any> {
    const r = await fetch(path, { headers: { Authorization: `Bearer ${token}` } });
    const data = await r.json().catch(() => ({}));
    if (!r.ok) throw new Error(data.error ?? 'Något gick fel hos Paragraf. Försök igen om en stund.');
    return data;
  }

  function cases(list: any[]): HTMLElement {
    if (list.length === 0) return el('p', { class: 'empty' }, 'Inga öppna ärenden.');
    const head = el('tr', {}, ...['Nr', 'Rubrik', 'Status', 'Ägare', 'Senast'].map((h) => el('th', { scope: 'col' }, h)));
    const rows = list.map((c) =>
      el('tr', {},
        el('td', { class: 'nr', 'data-label': 'Nr' }, c.number),
        el('td', { class: 'title' }, c.title),
        el('td', { 'data-label': 'Status' }, el('span', { class: `status ${c.status}` }, c.status)),
        el('td', { 'data-label': 'Ägare' }, c.owner ?? '–'),
        el('td', { 'data-label': 'Senast', class: c.overdue ? 'overdue' : '' }, c.due ? `${c.due}${c.overdue ? ' (försenat)' : ''}` : '–'),
      ));
    return el('table', { class: 'cases' }, el('thead', {}, head), el('tbody', {}, ...rows));
  }

  function archive(meetings: any[]): HTMLElement {
    if (meetings.length === 0) return el('p', { class: 'empty' }, 'Inga möten ännu.');
    return el('ul', { class: 'archive' }, ...meetings.map((m) => {
      const docs = (label: string, d: any) => el('li', {}, label,
        el('a', { href: d.docx, target: '_blank', rel: 'noopener' }, 'Word'), ' · ',
        el('a', { href: d.md, target: '_blank', rel: 'noopener' }, 'Markdown'));
      const versions = m.protocol.length === 0 && m.excerpts.length === 0
        ? el('p', { class: 'none' }, 'Inget protokoll ännu.')
        : el('ul', { class: 'versions' },
          ...m.protocol.map((v: any) => docs(`Version ${v.version} – ${v.state}: `, v)),
          ...m.excerpts.map((x: any) => docs(`Protokollsutdrag § ${x.paragraph} ${x.title} (omedelbart justerad): `, x)));
      return el('li', { class: 'meeting' }, el('div', { class: 'when' }, m.when), el('div', { class: 'meta' }, `${m.status}${m.paragraphs ? ` · § ${m.paragraphs}` : ''}`), versions);
    }));
  }

  function overview(data: any, single: boolean): void {
    who.textContent = data.person.name ? `Inloggad som ${data.person.name}` : '';
    title.textContent = single && data.bodies[0] ? `Paragraf – ${data.bodies[0].name}` : 'Paragraf – mina organ';
    if (data.bodies.length === 0) {
      main.replaceChildren(el('p', { class: 'empty' }, 'Du är inte kopplad till något organ i Paragraf. Be sekreteraren koppla dig till ledamotslistan (skriv "ledamöter" till Paragraf).'));
      return;
    }
    main.replaceChildren(...data.bodies.map((b: any) => el('section', { class: 'body', 'data-body': b.id },
      single ? undefined : el('h2', {}, b.name),
      el('h3', {}, 'Ärendelogg'),
      cases(b.cases),
      el('p', {}, el('a', { href: b.arendeloggUrl, target: '_blank', rel: 'noopener', class: 'more' }, 'Hela ärendeloggen: filter, historik och CSV')),
      el('h3', {}, 'Protokollarkiv'),
      archive(b.meetings))));
  }

  function panel(data: any): void {
    title.textContent = data.body;
    who.textContent = '';
    const m = data.meeting;
    if (!m) {
      main.replaceChildren(el('p', { class: 'empty' }, 'Inget möte pågår och inget är planerat.'));
      return;
    }
    const state = m.status === 'pågår' ? 'Mötet pågår' : 'Nästa möte';
    main.replaceChildren(...[
      el('p', { class: 'when' }, `${state}: ${m.when}${m.place ? `, ${m.place}` : ''}`),
      m.current ? el('div', { class: 'current', role: 'status' }, el('span', { class: 'label' }, 'Nu behandlas'), el('strong', {}, `§ ${m.current.paragraph} ${m.current.title}`)) : undefined,
      el('h3', {}, 'Föredragningslista'),
      el('ol', { class: 'agenda' }, ...m.items.map((i: any) => el('li', { class: `${i.current ? 'now' : ''}${i.done ? ' done' : ''}`.trim() },
        el('span', { class: 'nr' }, `§ ${i.paragraph}`), ' ', el('span', {}, i.title), i.kind ? el('span', { class: 'kind' }, i.kind) : undefined))),
    ].filter((n): n is HTMLElement => n !== undefined));
  }

  void (async () => {
    try {
      const s = await w.paragrafSignIn(box);
      const bodyId = document.body.dataset.body;
      const sidePanel = document.body.dataset.view === 'panel' || s.context?.page?.frameContext === 'sidePanel';
      if (sidePanel && bodyId) panel(await api(`/tab/api/panel?body=${encodeURIComponent(bodyId)}`, s.token));
      else overview(await api(`/tab/api/overview${bodyId ? `?body=${encodeURIComponent(bodyId)}` : ''}`, s.token), Boolean(bodyId));
      if (s.inTeams) w.microsoftTeams.app.notifySuccess?.();
    } catch (err) {
      main.replaceChildren(el('p', { class: 'error', role: 'alert' }, String((err as Error)?.message ?? err)));
    }
  })();
}
