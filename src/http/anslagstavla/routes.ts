import type restify from 'restify';
import type { Services } from '../../services';
import { ANSLAGSTAVLA_FEED_PATH, ANSLAGSTAVLA_PATH } from '../public-links';
import type { Rendered, RenderKind } from './cache';
import { PAGE_CSP, renderAnslagstavlaPage } from './page';
import { renderAnslagstavlaFeed } from './feed';

/**
 * GET (and HEAD) /anslagstavla and /anslagstavla/feed: public, no sign-in, `?organ=<body id>` for one
 * organ. Served from the in-memory cache; revalidated by ETag or Last-Modified (304). Shared caches
 * may keep an answer a minute, so a new anslag shows within a minute plus the refresh interval.
 */

const CACHE_CONTROL = 'public, max-age=60';
const ORGAN = /^[A-Za-z0-9_-]{1,80}$/;

const TYPES: Record<RenderKind, string> = {
  page: 'text/html; charset=utf-8',
  feed: 'application/atom+xml; charset=utf-8',
};

export function registerAnslagstavla(server: restify.Server, services: Services): void {
  const serve = (kind: RenderKind) => async (req: restify.Request, res: restify.Response) => {
    const organ = typeof req.query?.organ === 'string' && req.query.organ !== '' ? req.query.organ : undefined;
    if (req.query?.organ !== undefined && organ !== undefined && !ORGAN.test(organ)) {
      res.writeHead(400, { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' });
      res.end(`Adressen anger inget organ som finns. Öppna ${ANSLAGSTAVLA_PATH} för alla anslag.`);
      return;
    }
    const got = await services.anslagstavla.respond(kind, organ, (shown, ctx) =>
      kind === 'page' ? renderAnslagstavlaPage(shown, ctx) : renderAnslagstavlaFeed(shown, { ...ctx, baseUrl: services.config.publicUrl }),
    );
    const headers: Record<string, string> = {
      'Content-Type': TYPES[kind],
      'Cache-Control': CACHE_CONTROL,
      ETag: got.etag,
      'Last-Modified': got.lastModified.toUTCString(),
      'X-Content-Type-Options': 'nosniff',
      ...(kind === 'page' ? { 'Content-Security-Policy': PAGE_CSP } : {}),
    };
    if (notModified(req, got)) {
      res.writeHead(304, headers);
      res.end();
      return;
    }
    res.writeHead(200, { ...headers, 'Content-Length': String(Buffer.byteLength(got.body)) });
    res.end(req.method === 'HEAD' ? undefined : got.body);
  };
  for (const [path, kind] of [[ANSLAGSTAVLA_PATH, 'page'], [ANSLAGSTAVLA_FEED_PATH, 'feed']] as const) {
    server.get(path, serve(kind));
    server.head(path, serve(kind));
  }
}

/** RFC 9110: If-None-Match decides when present; otherwise If-Modified-Since. */
function notModified(req: restify.Request, got: Rendered): boolean {
  const inm = req.headers['if-none-match'];
  if (typeof inm === 'string') return inm.trim() === '*' || inm.split(',').map((t) => t.trim().replace(/^W\//, '')).includes(got.etag);
  const ims = req.headers['if-modified-since'];
  if (typeof ims !== 'string') return false;
  const since = Date.parse(ims);
  return !Number.isNaN(since) && got.lastModified.getTime() <= since;
}
