import type restify from 'restify';
import type { Services } from '../services';
import { verify, signUrl } from './signed-links';
import { casesCsv, renderCaseLogPage } from './arendelogg-page';
import { swedishInstant as when, facets, filterCases, localDate, CASE_STATUSES, type CaseFilter } from '../domain/cases';

/**
 * GET /tab/arendelogg and /tab/arendelogg.csv: one body's whole ärendelogg (filters, history, CSV),
 * opened from a card's link or from the tab (src/http/tab/). Access is a link the bot signed for that
 * body (HMAC, expiring); anything else gets 401. Filters are free query parameters and need no
 * signature. The Teams tabs themselves sign in with Teams SSO (src/http/tab/identity.ts).
 */

/** Tab links live a week: long enough to keep a card useful, short enough that a forwarded link dies. */
const TAB_TTL = 7 * 24 * 3600;

export function tabUrl(services: Services, bodyId: string, now: Date, extra: Record<string, string> = {}): string {
  const signed = signUrl('/tab/arendelogg', { body: bodyId }, services.config.linkSecret, TAB_TTL, now);
  const more = new URLSearchParams(extra).toString();
  return `${services.config.publicUrl}${signed}${more ? `&${more}` : ''}`;
}

const PAGE = '/tab/arendelogg';
const CSV = '/tab/arendelogg.csv';

function str(v: unknown, max = 200): string | undefined {
  return typeof v === 'string' && v.trim() ? v.trim().slice(0, max) : undefined;
}

function filterOf(q: Record<string, unknown>): CaseFilter {
  const status = str(q.status);
  return {
    status: status === 'alla' || (status && (CASE_STATUSES as string[]).includes(status)) ? (status as CaseFilter['status']) : 'alla öppna',
    owner: str(q.owner),
    overdue: q.overdue === '1' || q.overdue === 'true',
    search: str(q.q),
  };
}

const SECURITY_HEADERS = {
  'Cache-Control': 'no-store',
  // The signature is in the URL: do not hand it to other sites.
  'Referrer-Policy': 'no-referrer',
  'X-Content-Type-Options': 'nosniff',
  'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'self' https://teams.microsoft.com https://*.teams.microsoft.com https://*.cloud.microsoft https://*.office.com https://*.skype.com",
};

function deny(res: restify.Response): void {
  res.writeHead(401, { 'Content-Type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS });
  res.end('Länken är ogiltig eller har gått ut. Öppna ärendeloggen på nytt från Paragraf i Teams (skriv "ärendelogg").');
}

export function registerArendeloggTab(server: restify.Server, services: Services): void {
  const load = async (req: restify.Request, path: string) => {
    const q = (req.query ?? {}) as Record<string, unknown>;
    if (!verify(path, q, services.config.linkSecret, { keys: ['body'], now: services.clock() })) return undefined;
    const bodyId = String(q.body);
    const body = await services.bodies.get(bodyId);
    if (!body) return undefined;
    const filter = filterOf(q);
    const all = filter.status === 'alla öppna' ? await services.cases.listOpen(bodyId) : await services.cases.listAll(bodyId);
    const today = localDate(services.clock());
    return { q, body: body.value, all, filter, today, cases: filterCases(all, filter, today) };
  };

  server.get(PAGE, async (req, res) => {
    const got = await load(req, PAGE);
    if (!got) return deny(res);
    const { q, body, all, filter, today, cases } = got;
    const now = services.clock();
    const ttl = Math.max(60, Number(q.exp) - Math.floor(now.getTime() / 1000));
    const extra = new URLSearchParams();
    for (const [k, v] of [['q', filter.search], ['status', filter.status === 'alla öppna' ? undefined : filter.status], ['owner', filter.owner], ['overdue', filter.overdue ? '1' : undefined]] as const) if (v) extra.set(k, v);
    const csvUrl = `${signUrl(CSV, { body: body.id }, services.config.linkSecret, ttl, now)}${extra.size ? `&${extra.toString()}` : ''}`;
    const caseId = str(q.case, 20);
    const detail = caseId ? await services.cases.withHistory(body.id, caseId) : undefined;
    const html = renderCaseLogPage({
      bodyName: body.name,
      cases,
      scopeCount: all.length,
      owners: facets(all).owners,
      filter,
      today,
      auth: { body: body.id, exp: String(q.exp), sig: String(q.sig) },
      csvUrl,
      detail: detail ? { c: detail.loaded.value, history: detail.history } : undefined,
      when,
    });
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', ...SECURITY_HEADERS });
    res.end(html);
  });

  server.get(CSV, async (req, res) => {
    const got = await load(req, CSV);
    if (!got) return deny(res);
    res.writeHead(200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="arendelogg-${localDate(services.clock())}.csv"`,
      ...SECURITY_HEADERS,
    });
    res.end(casesCsv(got.cases));
  });
}
