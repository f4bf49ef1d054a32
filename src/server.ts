import { randomUUID } from 'node:crypto';
import restify from 'restify';
import { TurnContext, type ConversationReference } from 'botbuilder';
import type { Logger } from 'pino';
import type { Config } from './config';
import type { Services } from './services';
import { createApp } from './bot/app';
import { buildRegistry } from './bot/routes';
import type { Registry } from './bot/registry';
import { registerHttpRoutes } from './http/routes';
import { jsonBody, guardRequest } from './http/request-body';
import { malformedActivity } from './http/activity-shape';
import { withStorageBudget } from './storage/deadline';
import { StorageUnavailableError } from './storage/ports';
import { createAdapter, activityFromBody, type ParagrafAdapter } from './bot/adapter';

export { createAdapter } from './bot/adapter';

export interface RunningServer {
  server: restify.Server;
  adapter: ParagrafAdapter;
  registry: Registry;
  url: string;
  close(): Promise<void>;
}

export async function startServer(config: Config, services: Services, log: Logger, adapter: ParagrafAdapter = createAdapter(config)): Promise<RunningServer> {
  const registry = buildRegistry();
  const app = createApp(adapter, registry, services, log);
  const remembered = new Set<string>();

  const server = restify.createServer({ name: 'paragraf' });
  // Teams gives a request seconds; a client that trickles its request for longer is cut off.
  server.server.requestTimeout = 30_000;
  server.pre(guardRequest(log));
  // A web route that threw (storage down, a bug): a plain Swedish answer, never the exception's message; the log has it.
  server.on('restifyError', (req: restify.Request, res: restify.Response, err: Error & { statusCode?: number }, callback: () => void) => {
    if (typeof err.statusCode === 'number' && err.statusCode < 500) return callback();
    const storage = err instanceof StorageUnavailableError;
    log[storage ? 'warn' : 'error']({ path: req.path(), err: { name: err.name, message: err.message } }, 'request failed');
    if (!res.headersSent) {
      res.setHeader('Content-Type', 'text/plain; charset=utf-8');
      res.send(storage ? 503 : 500, storage ? 'Paragraf når inte sin lagring just nu. Försök igen om en stund.' : 'Något gick fel hos Paragraf. Försök igen om en stund.');
    }
    callback();
  });
  server.use(jsonBody(log));
  // A request's storage calls share one deadline, so that even a frozen storage account gets Teams an answer in time.
  // After the body is read: the budget follows the handler's own async calls, not the socket's events.
  server.use((_req, res, next) => withStorageBudget(services.storage.timeoutMs, (close) => {
    res.once('close', close);
    next();
  }));
  server.use(restify.plugins.queryParser({ mapParams: false }));

  server.post('/api/messages', async (req, res) => {
    const started = Date.now();
    // One id per activity in every log line about it; never the headers (they carry the token).
    // The fields go into each line rather than a child logger: making a child costs a redaction pass per activity.
    const about = { requestId: requestIdOf(req.body), type: typeof req.body?.type === 'string' ? req.body.type.slice(0, 40) : undefined };
    // One span per activity (named by its action once routing knows it); the log line below carries its trace id.
    await services.telemetry.activity(String(about.type ?? 'okänd'), async () => {
      try {
        await handleActivity(req, res, about);
      } finally {
        log.info({ ...about, status: res.statusCode, ms: Date.now() - started }, 'activity handled');
      }
    });
  });

  async function handleActivity(req: restify.Request, res: restify.Response, about: Record<string, unknown>): Promise<void> {
    const problem = malformedActivity(req.body);
    if (problem) {
      res.send(400, { error: problem });
      return;
    }
    if (!config.localMode && config.env.MicrosoftAppTenantId) {
      const tenant = req.body?.conversation?.tenantId ?? req.body?.channelData?.tenant?.id;
      if (tenant && tenant !== config.env.MicrosoftAppTenantId) {
        // Verified below by the adapter's token check too; this refuses other tenants' conversations outright.
        log.warn(about, 'conversation from another tenant refused');
        res.send(403, { error: 'conversation from another tenant' });
        return;
      }
    }
    const authorization = req.headers.authorization;
    const answer = await adapter.answer(activityFromBody(req.body), typeof authorization === 'string' ? authorization : '', async (turn) => {
      await rememberConversation(turn, services, remembered);
      await app.run(turn);
    });
    if (answer.status === 401) log.warn({ ...about, cause: answer.cause }, 'activity refused: authentication failed');
    else if (answer.cause) log.error({ ...about, cause: answer.cause }, 'activity failed');
    if (res.headersSent) return;
    if (answer.body === undefined) res.send(answer.status);
    else res.send(answer.status, answer.body);
  }

  server.get('/healthz', async (_req, res) => {
    const storage = await services.storage.ping();
    res.send(storage ? 200 : 503, { status: storage ? 'ok' : 'storage unreachable', storage, mode: config.localMode ? 'local' : 'production' });
  });

  registerHttpRoutes(server, services);

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const address = server.address();
  const url = `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${address.port}`;
  return {
    server,
    adapter,
    registry,
    url,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The activity's own id (Teams resends keep it), or a fresh one when it has none. */
function requestIdOf(body: unknown): string {
  const id = (body as { id?: unknown } | undefined)?.id;
  return typeof id === 'string' && id.length > 0 && id.length <= 200 ? id : randomUUID();
}

async function rememberConversation(turn: TurnContext, services: Services, remembered: Set<string>): Promise<void> {
  const a = turn.activity;
  const ref = TurnContext.getConversationReference(a) as ConversationReference;
  const key = `${a.conversation.id}|${a.serviceUrl}`;
  if (remembered.has(key)) return;
  try {
    await services.conversations.remember(ref, services.clock());
    if (a.conversation.conversationType === 'personal' && a.from?.aadObjectId) await services.conversations.rememberPersonal(a.from.aadObjectId, ref);
    remembered.add(key);
  } catch (err) {
    // Best effort: with storage down the handler still answers (e.g. "kunde inte spara"); the next activity tries again.
    services.log.warn({ err: { message: (err as Error).message } }, 'could not remember conversation');
  }
}
