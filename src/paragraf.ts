import { loadConfig, type Config } from './config';
import { startEmbeddedAzurite, type EmbeddedAzurite } from './storage/azurite';
import { TableStore } from './storage/table-store';
import { createServices, type Repos, type Services } from './services';
import { startServer, createAdapter, type RunningServer } from './server';
import { Outbox } from './bot/outbox';
import { SendRate } from './bot/send-rate';
import { createLogger } from './log';
import { startTelemetry } from './telemetry/azure-monitor';
import type { Telemetry } from './telemetry/telemetry';
import type { DestinationStream } from 'pino';
import { runDueReminders } from './bot/reminders';
import { runCaseReminders } from './bot/case-reminders';
import { runJusteringReminders } from './bot/justering-reminders';
import { demoRedirect } from './bot/demo-redirect';
import { repairDeadlines } from './storage/deadline-repair';
import { repairAnslagIndex } from './http/anslagstavla/repair';
import { meetingsWithStatus } from './storage/meeting-scan';

const HOUR = 60 * 60 * 1000;

export interface Paragraf {
  config: Config;
  services: Services;
  /** The store and the repositories behind the services' ports (start-up, repairs, tests, bench). */
  repos: Repos;
  store: TableStore;
  http: RunningServer;
  azurite?: EmbeddedAzurite;
  url: string;
  close(): Promise<void>;
}

/**
 * Starts the whole bot: configuration, storage (a real account, or Azurite in-process with data
 * under PARAGRAF_DATA_DIR), tables, and the HTTP server. Used by `npm start`, tests and bench.
 */
export async function startParagraf(opts: { env?: NodeJS.ProcessEnv; clock?: () => Date; inMemoryStorage?: boolean; startOutbox?: boolean; startScheduler?: boolean; /** Where logs go (tests read them); stdout otherwise. */ logStream?: DestinationStream; /** Instrumentation on other exporters (tests: in-memory); else from APPLICATIONINSIGHTS_CONNECTION_STRING. */ telemetry?: Telemetry } = {}): Promise<Paragraf> {
  const config = loadConfig(opts.env ?? process.env);
  const telemetry = opts.telemetry ?? startTelemetry(config.env.APPLICATIONINSIGHTS_CONNECTION_STRING);
  const log = createLogger(config.env.LOG_LEVEL, opts.logStream, () => telemetry.logFields());
  let azurite: EmbeddedAzurite | undefined;
  let connectionString = config.env.AZURE_TABLES_CONNECTION_STRING;
  if (!connectionString && !config.env.AZURE_TABLES_ACCOUNT_URL) {
    azurite = await startEmbeddedAzurite({ location: config.env.PARAGRAF_DATA_DIR, port: config.env.PARAGRAF_AZURITE_PORT, inMemory: opts.inMemoryStorage });
    connectionString = azurite.connectionString;
    log.info({ port: azurite.port, dataDir: config.env.PARAGRAF_DATA_DIR }, 'embedded Azurite table storage started');
  }
  const store = new TableStore({ connectionString, accountUrl: config.env.AZURE_TABLES_ACCOUNT_URL, timeoutMs: config.env.PARAGRAF_STORAGE_TIMEOUT_MS });
  store.telemetry = telemetry;
  await store.ensureTables();
  const { services, repos } = createServices(config, store, log, opts.clock);
  const indexed = await repos.meetings.ensureIndex();
  if (indexed) log.info({ meetings: indexed }, 'meetings entered in the meeting index');
  const carried = await repos.cases.migrateOldLayout();
  if (carried) log.info({ cases: carried }, 'cases carried over to the document store');
  const deadlines = await repairDeadlines(store, repos.meetings.deadlines, repos.cases);
  if (deadlines.added || deadlines.removed) log.info(deadlines, 'deadline index repaired');
  const adapter = createAdapter(config);
  services.outbox = new Outbox(store, adapter, repos.conversations, log, config.env.MicrosoftAppId ?? '', services.clock);
  if (config.localMode) services.outbox.redirectPersonal = demoRedirect(services);
  services.outbox.meters = telemetry.outbox;
  services.outbox.rate = new SendRate(config.env.PARAGRAF_OUTBOX_PER_SECOND);
  const moved = await services.outbox.migrateOldRows();
  if (moved) log.info({ rows: moved }, 'outbox rows moved to the due-time layout');
  const http = await startServer(config, services, log, adapter);
  // With PORT=0 (tests, bench) the real port is known only now; links must point at it.
  if (!config.env.PARAGRAF_PUBLIC_URL) config.publicUrl = http.url;
  if (opts.startOutbox !== false) services.outbox.start();
  services.scheduler.register('kallelse.påminnelser', async (now) => void (await runDueReminders(services, now)));
  services.scheduler.register('ärendelogg.påminnelser', async (now) => void (await runCaseReminders(services, now)));
  services.scheduler.register('justering.påminnelser', async (now) => void (await runJusteringReminders(services, now)));
  // Effects a crash or a failure left pending (effect-dispatcher.ts): found through their announcements, not a scan.
  services.scheduler.register('effekter', async (now) => void (await services.effects.sweep(now)));
  // Repairs and housekeeping read more than the minute's jobs: hourly, once across all instances.
  services.scheduler.register('index.reparation', async () => {
    await repos.meetings.ensureIndex();
    await repairDeadlines(store, repos.meetings.deadlines, repos.cases);
    const anslag = await repairAnslagIndex(services, () => meetingsWithStatus(store, ['anslaget', 'laga kraft']));
    if (anslag) log.info({ anslag }, 'anslagstavla: missing index rows entered');
  }, { everyMs: HOUR });
  // By the outbox's own clock, the one its rows were stamped with.
  services.scheduler.register('utkorg.gallring', async () => void (await services.outbox.purge()), { everyMs: HOUR });
  if (opts.startScheduler !== false) {
    services.scheduler.start();
    // What a crash left pending is carried out at start, not only at the first minute.
    void services.effects.sweep(services.clock(), { atStart: true }).catch((err) => log.warn({ err: { message: (err as Error).message } }, 'effects at start failed'));
  }
  log.info({ url: http.url, mode: config.localMode ? 'local' : 'production' }, 'Paragraf listening');
  return {
    config,
    services,
    repos,
    store,
    http,
    azurite,
    url: http.url,
    close: async () => {
      await services.scheduler.stop();
      await services.outbox.stop();
      await http.close();
      await azurite?.close();
      if (!opts.telemetry) await telemetry.shutdown();
    },
  };
}
