import type { Item } from '../domain/meeting';
import { escapeMarkdown, markdownLink, safeLinkUrl } from './escape';

const URL_IN_TEXT = /https?:\/\/\S+/i;

/** A URL as written in running text: a closing sentence mark or an unmatched ")" after it is not part of it. */
function urlIn(text: string): string | undefined {
  let url = text.match(URL_IN_TEXT)?.[0];
  while (url && (/[.,;:!?]$/.test(url) || (url.endsWith(')') && url.split('(').length < url.split(')').length))) url = url.slice(0, -1);
  return url;
}

/** "Bilaga 48. Layout" as text, or a link when it holds an http(s) URL (labelled by its text, else by the host). */
function attachment(a: string): string {
  const url = urlIn(a);
  const safe = url ? safeLinkUrl(url) : undefined;
  if (!url || !safe) return escapeMarkdown(`Bilaga ${a}`);
  const label = a.replace(url, '').replace(/\s+/g, ' ').trim() || new URL(safe).hostname;
  return `Bilaga: ${markdownLink(label, url)}`;
}

/** "Muntligt informationsärende · Föredragande: … · Bilaga: …" as Markdown; a URL bilaga becomes a link. */
export function itemDetails(item: Item, opts: { proposal?: boolean } = {}): string {
  const parts: string[] = [];
  if (item.kind) parts.push(escapeMarkdown(item.kind));
  if (item.presenters) parts.push(`Föredragande: ${escapeMarkdown(item.presenters)}`);
  for (const a of item.attachments) parts.push(attachment(a));
  if (opts.proposal && item.proposal) parts.push(`Förslag till beslut: ${escapeMarkdown(item.proposal)}`);
  return parts.join(' · ');
}

/**
 * A § covered by sekretess on the kallelse: "Sekretess", and the handlingar (bilagor) only for a
 * roster member looking at their own view (`members`), never on the card everyone in the chat sees.
 */
export function coveredDetails(item: Item, members: boolean): string {
  return ['Sekretess', ...(members ? item.attachments.map(attachment) : [])].join(' · ');
}

export function itemHeading(item: Item): string {
  return `§ ${item.paragraph} ${escapeMarkdown(item.title)}`;
}
