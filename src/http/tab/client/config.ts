/* eslint-disable @typescript-eslint/no-explicit-any */
/**
 * Browser code of the configuration page (/tab/config), served as /tab/static/config.js: Teams opens
 * it when the tab is added to a channel, group chat or meeting. It finds the body of that conversation
 * and saves a content URL for it with TeamsJS `pages.config`.
 */
export function configScript(): void {
  const w = window as any;
  const box = document.getElementById('local') as HTMLElement;
  const main = document.getElementById('content') as HTMLElement;

  function say(text: string, cls = ''): void {
    const p = document.createElement('p');
    if (cls) p.className = cls;
    p.textContent = text;
    main.replaceChildren(p);
  }

  void (async () => {
    try {
      const s = await w.paragrafSignIn(box);
      if (!s.inTeams) return say('Den här sidan används när Paragraf läggs till som flik i en kanal, en gruppchatt eller ett möte i Teams.', 'error');
      const pages = w.microsoftTeams.pages;
      pages.config.setValidityState(false);
      const conversationId = s.context?.chat?.id ?? s.context?.channel?.id;
      if (!conversationId) return say('Lägg till fliken i den kanal, gruppchatt eller det möte där organet arbetar med Paragraf.', 'error');
      const r = await fetch(`/tab/api/conversation-body?conversationId=${encodeURIComponent(conversationId)}`, { headers: { Authorization: `Bearer ${s.token}` } });
      const data = await r.json().catch(() => ({}));
      if (!r.ok) return say(data.error ?? 'Något gick fel hos Paragraf. Försök igen om en stund.', 'error');
      const contentUrl = `${location.origin}/tab?body=${encodeURIComponent(data.bodyId)}`;
      pages.config.registerOnSaveHandler((saveEvent: any) => {
        pages.config
          .setConfig({ contentUrl, websiteUrl: contentUrl, entityId: `paragraf-${data.bodyId}`, suggestedDisplayName: 'Paragraf' })
          .then(() => saveEvent.notifySuccess(), (err: Error) => saveEvent.notifyFailure(String(err?.message ?? err)));
      });
      say(`Fliken visar ärendeloggen och protokollarkivet för ${data.name}, och under ett möte aktuell § och föredragningslistan. Välj Spara.`, 'ready');
      pages.config.setValidityState(true);
    } catch (err) {
      say(String((err as Error)?.message ?? err), 'error');
    }
  })();
}
