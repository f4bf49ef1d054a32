import type restify from 'restify';
import type { Services } from '../services';
import { signUrl, verify } from './signed-links';
import { buildExtract, type RegisterExtract } from '../domain/register-extract';

/**
 * GET /registerutdrag.json — the whole registerutdrag as a file, for the person it is about. Only
 * with a link the bot signed for that person's Teams identity (HMAC over the path, identity, name
 * and expiry) and only for an hour; the extract is assembled afresh when the link is opened.
 */
const PATH = '/registerutdrag.json';
const TTL_SECONDS = 60 * 60;
const HEADERS = { 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer', 'X-Content-Type-Options': 'nosniff' };

export async function registerExtractOf(services: Services, aadObjectId: string, name: string): Promise<RegisterExtract> {
  return buildExtract(await services.personData.collect(aadObjectId, name));
}

export function registerExtractUrl(services: Services, aadObjectId: string, name: string): string {
  const base = services.config.publicUrl.replace(/\/$/, '');
  return base + signUrl(PATH, { p: aadObjectId, n: name }, services.config.linkSecret, TTL_SECONDS, services.clock());
}

export function registerRegisterExtractFile(server: restify.Server, services: Services): void {
  server.get(PATH, async (req, res) => {
    const query = (req.query ?? {}) as Record<string, unknown>;
    if (!verify(PATH, query, services.config.linkSecret, { keys: ['p', 'n'], now: services.clock() })) {
      res.writeHead(401, { 'Content-Type': 'text/plain; charset=utf-8', ...HEADERS });
      res.end('Länken är ogiltig eller har gått ut. Skriv "mina uppgifter" i din personliga chatt med Paragraf för en ny.');
      return;
    }
    const created = services.clock().toISOString();
    const extract = await registerExtractOf(services, String(query.p), String(query.n));
    res.writeHead(200, {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Disposition': `attachment; filename="registerutdrag-${created.slice(0, 10)}.json"`,
      ...HEADERS,
    });
    res.end(JSON.stringify({ registerutdrag: { skapat: created, ...extract } }, null, 1));
  });
}
