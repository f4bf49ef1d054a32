/**
 * Teams sends a pasted multi-line message as HTML (<p>, <br>, entities) or as text with \r\n,
 * depending on client; commands are read from plain lines either way.
 */
export function messageLines(raw: string | undefined): string[] {
  let text = raw ?? '';
  if (/<(p|br|div)\b/i.test(text)) {
    text = text
      .replace(/<br\s*\/?>/gi, '\n')
      .replace(/<\/(p|div)>/gi, '\n')
      .replace(/<[^>]+>/g, '')
      .replace(/&nbsp;/g, ' ')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&amp;/g, '&');
  }
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((l) => l.replace(/\u00a0/g, ' ').trim());
}

interface MessageLike {
  text?: unknown;
  attachments?: { contentType?: string; content?: unknown }[];
  entities?: { type?: string; text?: unknown; mentioned?: { id?: unknown; name?: unknown } }[];
  recipient?: { id?: string };
}

/**
 * The message as the person wrote it. Teams puts a multi-line message's line breaks in its
 * `text/html` attachment (`<p>`, `<br>`, `<div>`) and not always in `text`, which may arrive as one
 * run-on line; a pasted roster or agenda must keep its lines, so the HTML wins when it has more
 * lines. The bot's own @mention is taken out of it, as teams-ai takes it out of `text`.
 */
export function messageText(activity: MessageLike): string {
  const text = typeof activity.text === 'string' ? activity.text : '';
  const html = (activity.attachments ?? []).find((a) => a?.contentType === 'text/html' && typeof a.content === 'string')?.content as string | undefined;
  if (!html) return text;
  let cleaned = html;
  for (const e of activity.entities ?? []) {
    if (e?.type !== 'mention' || e.mentioned?.id !== activity.recipient?.id || typeof e.mentioned?.name !== 'string') continue;
    const name = e.mentioned.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    cleaned = cleaned.replace(new RegExp(`<at\\b[^>]*>\\s*${name}\\s*</at>`, 'i'), '');
  }
  const count = (lines: string[]) => lines.filter((l) => l !== '').length;
  return count(messageLines(cleaned)) > count(messageLines(text)) ? cleaned : text;
}

export function splitCommand(raw: string | undefined): { firstLine: string; body: string } {
  const lines = messageLines(raw);
  while (lines.length && lines[0] === '') lines.shift();
  const firstLine = lines.shift() ?? '';
  return { firstLine, body: lines.join('\n').trim() };
}
