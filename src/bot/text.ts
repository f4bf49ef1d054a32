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

export function splitCommand(raw: string | undefined): { firstLine: string; body: string } {
  const lines = messageLines(raw);
  while (lines.length && lines[0] === '') lines.shift();
  const firstLine = lines.shift() ?? '';
  return { firstLine, body: lines.join('\n').trim() };
}
