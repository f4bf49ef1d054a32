import type { Item } from '../domain/meeting';
import { escapeMarkdown } from './escape';

/** "Muntligt informationsärende · Föredragande: … · Bilaga: …" as Markdown; a URL bilaga becomes a link. */
export function itemDetails(item: Item, opts: { proposal?: boolean } = {}): string {
  const parts: string[] = [];
  if (item.kind) parts.push(item.kind);
  if (item.presenters) parts.push(`Föredragande: ${escapeMarkdown(item.presenters)}`);
  for (const a of item.attachments) {
    const url = a.match(/https?:\/\/\S+/)?.[0];
    const label = escapeMarkdown(a.replace(/https?:\/\/\S+/, '').trim() || 'länk');
    parts.push(url ? `Bilaga: [${label}](${url.replace(/[()\s]/g, encodeURIComponent)})` : escapeMarkdown(`Bilaga ${a}`));
  }
  if (opts.proposal && item.proposal) parts.push(`Förslag till beslut: ${escapeMarkdown(item.proposal)}`);
  return parts.join(' · ');
}

export function itemHeading(item: Item): string {
  return `§ ${item.paragraph} ${escapeMarkdown(item.title)}`;
}
