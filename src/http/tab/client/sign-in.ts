/* eslint-disable @typescript-eslint/no-explicit-any */
/**
 * Browser code shared by the tab pages, served as /tab/static/sign-in.js (the function's own text,
 * so it is type-checked with the server but must not use anything from outside itself). It defines
 * `window.paragrafSignIn()`: Teams single sign-on when the page runs inside Teams; in local mode
 * (no Entra ID) a development session for a chosen person, marked "Lokalt läge".
 */
export function signInScript(): void {
  const w = window as any;
  const STORE = 'paragraf-lokal-session';

  function el(tag: string, props: Record<string, string> = {}, text?: string): HTMLElement {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(props)) e.setAttribute(k, v);
    if (text !== undefined) e.textContent = text;
    return e;
  }

  async function insideTeams(): Promise<any> {
    const teams = w.microsoftTeams;
    if (!teams?.app) throw new Error('TeamsJS saknas');
    // Outside Teams initialize() rejects at once in a window of its own, but waits a minute in a foreign frame.
    await Promise.race([teams.app.initialize(), new Promise((_, reject) => setTimeout(() => reject(new Error('Teams svarade inte')), 4000))]);
    return teams.app.getContext();
  }

  /** Local mode: choose one of the people linked on a roster; the server signs a development session. */
  async function devToken(box: HTMLElement): Promise<{ token: string; name: string }> {
    const saved = sessionStorage.getItem(STORE);
    if (saved) return JSON.parse(saved);
    const res = await fetch('/tab/api/dev/people');
    const { people } = (await res.json()) as { people: { aadObjectId: string; name: string }[] };
    box.hidden = false;
    box.replaceChildren(
      el('strong', {}, 'Lokalt läge'),
      el('span', {}, ' – utan Teams-inloggning. Välj vem du vill se fliken som (bara för utveckling och test).'),
    );
    if (people.length === 0) {
      box.append(el('p', {}, 'Ingen är kopplad till något organs ledamotslista ännu. Lägg upp ett organ och dess ledamöter i Paragraf först.'));
      return new Promise(() => undefined);
    }
    const select = el('select', { name: 'person', 'aria-label': 'Person' }) as HTMLSelectElement;
    for (const p of people) select.append(el('option', { value: p.aadObjectId }, p.name));
    const button = el('button', { type: 'button' }, 'Öppna som vald person');
    box.append(select, button);
    return new Promise((resolve) => {
      button.addEventListener('click', async () => {
        const r = await fetch('/tab/api/dev/session', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ aadObjectId: select.value }) });
        const session = await r.json();
        if (!r.ok) {
          box.append(el('p', { class: 'error' }, session.error));
          return;
        }
        sessionStorage.setItem(STORE, JSON.stringify(session));
        resolve(session);
      });
    });
  }

  w.paragrafSignIn = async (box: HTMLElement): Promise<{ token: string; context?: any; inTeams: boolean; local: boolean }> => {
    const local = document.body.dataset.local === '1';
    let context: any;
    try {
      context = await insideTeams();
    } catch {
      context = undefined;
    }
    if (context) {
      try {
        return { token: await w.microsoftTeams.authentication.getAuthToken(), context, inTeams: true, local: false };
      } catch (err) {
        if (!local) throw new Error(`Teams kunde inte logga in dig (${String((err as Error)?.message ?? err)}). Stäng fliken och öppna den igen; hjälper inte det, kontakta IT-avdelningen.`);
      }
    } else if (!local) {
      throw new Error('Den här sidan öppnas i Teams: lägg till Paragraf som flik eller öppna appen Paragraf i Teams.');
    }
    const session = await devToken(box);
    box.hidden = false;
    box.replaceChildren(el('strong', {}, 'Lokalt läge'), el('span', {}, ` – du ser fliken som ${session.name}. `));
    const other = el('button', { type: 'button', class: 'link' }, 'Byt person');
    other.addEventListener('click', () => {
      sessionStorage.removeItem(STORE);
      location.reload();
    });
    box.append(other);
    return { token: session.token, context, inTeams: Boolean(context), local: true };
  };
}
