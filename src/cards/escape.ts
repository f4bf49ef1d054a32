import { escapeMarkdownBlock } from '../domain/markdown-escape';

/**
 * The one way user text goes into a card. Teams renders TextBlock text and FactSet titles and
 * values as Markdown; every name, title, body name, note and URL a person typed must show as typed
 * and never turn into a link, a list or emphasis. Every card builder in src/cards/*\/ passes each
 * such field through escapeMarkdown (or markdownLink for a link it builds itself);
 * tests/cards/hostile-input.test.ts walks them all. Input.Text values, choice titles and toggle
 * titles are plain text in Adaptive Cards and stay raw.
 */
export function escapeMarkdown(text: string): string {
  // Teams joins single line breaks; a blank line keeps the lines the person typed.
  return escapeMarkdownBlock(text).replace(/\r?\n/g, '\n\n');
}

/** Characters that could end or split a Markdown link destination, or read as emphasis in a weaker renderer. */
const UNSAFE_IN_LINK = /[()\s<>[\]`*_~\\'"|]/g;

/**
 * The URL as it may stand in `[label](…)`: only http(s), no user name or password (which would
 * show "https://kommun.se@elsewhere" as if it were the municipality), and every character that
 * could end the destination or start Markdown percent-encoded. Undefined for anything else.
 */
export function safeLinkUrl(raw: string): string | undefined {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return undefined;
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.username || url.password || !url.hostname) return undefined;
  return url.href.replace(UNSAFE_IN_LINK, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

/** A Markdown link from user data: the label escaped, the URL checked; an unsafe URL is shown as text, not linked. */
export function markdownLink(label: string, url: string): string {
  const safe = safeLinkUrl(url);
  return safe ? `[${escapeMarkdown(label)}](${safe})` : escapeMarkdown(`${label} ${url}`.trim());
}
