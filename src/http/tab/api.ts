import type restify from 'restify';
import { z } from 'zod';
import type { Services } from '../../services';
import type { Body } from '../../domain/body';
import { tabPersonOf } from './identity';
import { KeysUnavailableError, type TabPerson } from './entra-token';
import { issueDevToken } from './dev-token';
import { bodiesFor, panelView, tabBody } from './tab-data';

/**
 * The tab pages' JSON API. Every call but the local-mode development session carries the person's
 * token (`Authorization: Bearer`); a person sees only the bodies they are linked in.
 */

const HEADERS = { 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff', 'Content-Type': 'application/json; charset=utf-8' };

function json(res: restify.Response, status: number, value: unknown): void {
  res.writeHead(status, HEADERS);
  res.end(JSON.stringify(value));
}

const NOT_SIGNED_IN = 'Du är inte inloggad, eller så har inloggningen gått ut. Öppna fliken på nytt i Teams.';
const NOT_MEMBER = 'Du är inte kopplad till det här organets ledamotslista. Be sekreteraren koppla dig (skriv "ledamöter" till Paragraf).';
const BODY_ID = /^b[0-9a-f]{20}$/;

type Authed = (req: restify.Request, res: restify.Response, who: TabPerson) => Promise<void>;

function authed(services: Services, handler: Authed): restify.RequestHandler {
  return async (req, res) => {
    let who: TabPerson | undefined;
    try {
      who = await tabPersonOf(req, services);
    } catch (err) {
      if (!(err instanceof KeysUnavailableError)) throw err;
      services.log.error({ reason: err.message.slice(0, 300) }, 'tab sign-in cannot be checked');
      return json(res, 503, { error: 'Paragraf kan inte kontrollera inloggningen just nu (Microsoft Entra ID svarar inte). Försök igen om en stund.' });
    }
    if (!who) return json(res, 401, { error: NOT_SIGNED_IN });
    await handler(req, res, who);
  };
}

/** The body named by ?body= when the person is linked in it; otherwise answers 400/403 and returns undefined. */
async function chosenBody(services: Services, req: restify.Request, res: restify.Response, who: TabPerson): Promise<Body | undefined> {
  const id = (req.query as Record<string, unknown> | undefined)?.body;
  if (typeof id !== 'string' || !BODY_ID.test(id)) {
    json(res, 400, { error: 'Fliken saknar uppgift om vilket organ den gäller. Ta bort fliken och lägg till den igen.' });
    return undefined;
  }
  const body = (await bodiesFor(services, who.aadObjectId)).find((b) => b.id === id);
  if (!body) json(res, 403, { error: NOT_MEMBER });
  return body;
}

const devSession = z.object({ aadObjectId: z.string().min(1).max(200) }).strict();

export function registerTabApi(server: restify.Server, services: Services): void {
  // Ärendelogg and protocol archive: of one body (?body=) or of all the person's bodies.
  server.get('/tab/api/overview', authed(services, async (req, res, who) => {
    const one = (req.query as Record<string, unknown> | undefined)?.body !== undefined;
    const bodies = one ? [await chosenBody(services, req, res, who)] : await bodiesFor(services, who.aadObjectId);
    if (bodies.some((b) => !b)) return;
    json(res, 200, { person: { name: who.name }, bodies: await Promise.all((bodies as Body[]).map((b) => tabBody(services, b))) });
  }));

  server.get('/tab/api/panel', authed(services, async (req, res, who) => {
    const body = await chosenBody(services, req, res, who);
    if (body) json(res, 200, await panelView(services, body));
  }));

  // The configuration page: which body the chat or channel the tab is added to belongs to.
  server.get('/tab/api/conversation-body', authed(services, async (req, res, who) => {
    const raw = (req.query as Record<string, unknown> | undefined)?.conversationId;
    if (typeof raw !== 'string' || !raw || raw.length > 500) return json(res, 400, { error: 'Fliken fick inte veta vilken chatt eller kanal den läggs till i.' });
    // A channel's bot conversation may carry the thread (";messageid=…"); the tab knows only the channel.
    const thread = (id: string) => id.split(';messageid=')[0];
    const mine = await bodiesFor(services, who.aadObjectId);
    const body = mine.find((b) => thread(b.conversationId) === thread(raw));
    if (body) return json(res, 200, { bodyId: body.id, name: body.name });
    if (await services.bodies.forConversation(raw)) return json(res, 403, { error: NOT_MEMBER });
    json(res, 404, { error: 'Den här chatten eller kanalen är inte knuten till något organ ännu. Skriv "nytt organ <namn>" till Paragraf här först.' });
  }));

  // Local mode only: who may be chosen, and a development session as one of them. Production has neither.
  server.get('/tab/api/dev/people', async (_req, res) => {
    if (!services.config.localMode) return json(res, 404, { error: 'Finns inte.' });
    json(res, 200, { people: await linkedPeople(services) });
  });

  server.post('/tab/api/dev/session', async (req, res) => {
    if (!services.config.localMode) return json(res, 404, { error: 'Finns inte.' });
    const parsed = devSession.safeParse(req.body);
    const who = parsed.success ? (await linkedPeople(services)).find((p) => p.aadObjectId === parsed.data.aadObjectId) : undefined;
    if (!who) return json(res, 400, { error: 'Välj en person som är kopplad till ett organs ledamotslista.' });
    json(res, 200, { token: await issueDevToken(services.config.linkSecret, { aadObjectId: who.aadObjectId, name: who.name }, services.clock()), name: who.name });
  });
}

/** Everyone linked on some roster (local mode: the cast of the Playground and the tests). */
async function linkedPeople(services: Services): Promise<{ aadObjectId: string; name: string }[]> {
  const seen = new Map<string, string>();
  for (const b of await services.bodies.all()) for (const r of b.roster) if (r.aadObjectId && !seen.has(r.aadObjectId)) seen.set(r.aadObjectId, r.teamsName ?? r.name);
  return [...seen].map(([aadObjectId, name]) => ({ aadObjectId, name })).sort((a, b) => a.name.localeCompare(b.name, 'sv'));
}
