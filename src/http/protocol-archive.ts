import type restify from 'restify';
import type { Services } from '../services';
import { signUrl, verify } from './signed-links';
import { escapeHtml } from './arendelogg-page';
import { lockedVersion } from '../domain/protocol/versions';
import { swedishDay } from '../domain/meeting-time';
import { meetingDay } from '../domain/meeting';
import { anslagsbevisOf } from '../domain/protocol/anslagsbevis';
import { protocolPath } from '../bot/protocol-cards';

/**
 * GET /arkiv?body=<id>: the body's protokollarkiv, one row per justerad protocol version (a
 * rättelse adds a row; the older one stays on record) with its PDF/A, Word and Markdown, and the
 * anslagsbevis once the anslag is recorded. Access is a link the bot signed for that body (as the ärendelogg tab); the page's own
 * document links are signed for as long as the page's. Each document is checked when it is fetched
 * (kontrollsumma, audit chain, the PDF's recorded hash), not here.
 */

const PATH = '/arkiv';
/** A week, as the ärendelogg tab. */
const TTL = 7 * 24 * 3600;

export function archiveUrl(services: Services, bodyId: string, now: Date): string {
  return `${services.config.publicUrl}${signUrl(PATH, { body: bodyId }, services.config.linkSecret, TTL, now)}`;
}

const HEADERS = {
  'Cache-Control': 'no-store',
  'Referrer-Policy': 'no-referrer',
  'X-Content-Type-Options': 'nosniff',
  'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'self' https://teams.microsoft.com https://*.teams.microsoft.com https://*.cloud.microsoft https://*.office.com https://*.skype.com",
};

const LABEL = { pdf: 'PDF/A', docx: 'Word', md: 'Markdown' } as const;

const STYLE = `body{margin:0;font:14px/1.45 "Segoe UI",system-ui,sans-serif;color:#242424;background:#f5f5f5}
header{background:#fff;border-bottom:1px solid #e0e0e0;padding:16px 24px}h1{font-size:20px;margin:0}
main{padding:16px 24px}table{width:100%;border-collapse:collapse;background:#fff;border:1px solid #e0e0e0}
th,td{text-align:left;padding:8px 12px;border-bottom:1px solid #f0f0f0;vertical-align:top}th{background:#fafafa;font-size:12px;color:#616161}
a{color:#4f52b2;margin-right:10px}.empty{background:#fff;padding:24px;border:1px solid #e0e0e0}`;

export function registerProtocolArchive(server: restify.Server, services: Services): void {
  server.get(PATH, async (req, res) => {
    const q = (req.query ?? {}) as Record<string, unknown>;
    const now = services.clock();
    const body = verify(PATH, q, services.config.linkSecret, { keys: ['body'], now }) ? await services.bodies.get(String(q.body)) : undefined;
    if (!body) {
      res.writeHead(401, { 'Content-Type': 'text/plain; charset=utf-8', ...HEADERS });
      res.end('Länken är ogiltig eller har gått ut. Öppna protokollarkivet på nytt från protokollkortet i Teams (skriv "protokoll").');
      return;
    }
    const ttl = Math.max(60, Number(q.exp) - Math.floor(now.getTime() / 1000));
    const link = (path: string) => escapeHtml(signUrl(path, {}, services.config.linkSecret, ttl, now));
    const docLinks = (path: (ext: 'pdf' | 'docx' | 'md') => string) => (['pdf', 'docx', 'md'] as const).map((ext) => `<a href="${link(path(ext))}">${LABEL[ext]}</a>`).join('');
    const rows: string[] = [];
    for (const m of (await services.meetings.listForBody(body.value.id)).reverse()) {
      const current = lockedVersion(m);
      // Every justerad version stays a record of its own; the newest is the one that stands (and is anslaget).
      for (const v of m.protocol.filter((x) => x.lockedAt).reverse()) {
        const bevis =
          v !== current ? '–' : anslagsbevisOf(body.value, m) ? docLinks((ext) => `/protocols/${encodeURIComponent(body.value.id)}/${encodeURIComponent(m.id)}/anslagsbevis.${ext}`) : body.value.profile === 'kommunallagen' ? 'inte anslaget än' : '–';
        const range = v.model?.paragraphs ?? '';
        const paragraphs = range ? `${/\D/.test(range) ? '§§' : '§'} ${range}` : '';
        const state = [`version ${v.version}, justerat ${swedishDay(v.lockedAt!)}`, v !== current ? `ersatt av version ${current!.version} (rättelse)` : '', v === current && m.anslag ? `anslaget ${m.anslag.date}` : ''].filter(Boolean).join(', ');
        rows.push(`<tr><td>${escapeHtml(meetingDay(m))}</td><td>${escapeHtml(paragraphs)}</td><td>${escapeHtml(state)}</td><td>${docLinks((ext) => protocolPath(body.value.id, m.id, v.version, ext))}</td><td>${bevis}</td></tr>`);
      }
    }
    const table = rows.length
      ? `<table><thead><tr><th>Sammanträde</th><th>Paragrafer</th><th>Justering</th><th>Protokoll</th><th>Anslagsbevis</th></tr></thead><tbody>${rows.join('')}</tbody></table>`
      : '<p class="empty">Inga justerade protokoll ännu.</p>';
    const html = `<!doctype html><html lang="sv"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>Protokollarkiv – ${escapeHtml(body.value.name)}</title><style>${STYLE}</style></head><body><header><h1>Protokollarkiv – ${escapeHtml(body.value.name)}</h1></header><main>${table}</main></body></html>`;
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', ...HEADERS });
    res.end(html);
  });
}
