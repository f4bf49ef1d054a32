import type { Logger } from 'pino';
import type { Config } from './config';
import type { TableStore } from './storage/table-store';
import { ConversationRepo } from './storage/conversations';
import { Leases } from './storage/leases';
import { PersonDataRepo } from './storage/person-data';
import type { BodyStore, CaseStore, ConversationStore, MeetingStore, PersonDataStore, PersonRequestStore, StorageHealth } from './storage/ports';
import { BodyRepo } from './storage/bodies';
import { MeetingRepo } from './storage/meetings';
import { MemberPresses } from './storage/member-presses';
import type { Outbox } from './bot/outbox';
import { Scheduler } from './bot/scheduler';
import { CaseRepo } from './storage/cases';
import { auditKey } from './domain/audit-chain';
import type { OnHead } from './storage/audit-heads';
import { PersonRequestRepo } from './storage/person-requests';
import { ActAs } from './bot/act-as';
import type { Telemetry } from './telemetry/telemetry';
import { AnslagstavlaCache } from './http/anslagstavla/cache';
import { AnslagIndex } from './storage/anslag-index';
import { EffectDispatcher } from './bot/effect-dispatcher';

/**
 * Everything a handler may use, wired once at start-up (and in tests, against Azurite). Storage is
 * reached through the ports of src/storage/ports.ts only; the raw TableStore and the repositories
 * behind the ports stay with the composition root (`Repos`, src/paragraf.ts).
 */
export interface Services {
  config: Config;
  log: Logger;
  clock: () => Date;
  /** /healthz and the request's storage budget. */
  storage: StorageHealth;
  conversations: ConversationStore;
  bodies: BodyStore;
  meetings: MeetingStore;
  cases: CaseStore;
  /** Members' own presses (votes, ballots, check-ins), one row each beside the meeting. */
  presses: MemberPresses;
  /** Requests about one's own data (rättelse, radering). */
  requests: PersonRequestStore;
  /** Everything stored about one person (registerutdrag). */
  personData: PersonDataStore;
  /** Set once the adapter exists (see paragraf.ts). */
  outbox: Outbox;
  /** Minute jobs under a lease: `scheduler.register(name, async (now) => …)`. */
  scheduler: Scheduler;
  /** Local demo: "agera som" for the next action (refused in production). */
  actAs: ActAs;
  /** Spans and metrics (no-ops unless APPLICATIONINSIGHTS_CONNECTION_STRING is set); the store's. */
  telemetry: Telemetry;
  /** The public anslagstavla: its index rows, served from memory (PARAGRAF_ANSLAGSTAVLA_CACHE_MS). */
  anslagstavla: AnslagstavlaCache;
  /** Carries out what a meeting change stored as pending effects: after each commit, and each minute. */
  effects: EffectDispatcher;
}

/** The store and the repositories behind the ports: for start-up, repairs, tests and the bench. */
export interface Repos {
  store: TableStore;
  conversations: ConversationRepo;
  bodies: BodyRepo;
  meetings: MeetingRepo;
  cases: CaseRepo;
  requests: PersonRequestRepo;
}

export function createServices(config: Config, store: TableStore, log: Logger, clock: () => Date = () => new Date()): { services: Services; repos: Repos } {
  const key = auditKey(config.auditKey);
  // Each new chain head goes to the log, outside the store: `audit:verify --heads` compares them (src/storage/audit-heads.ts).
  const onHead: OnHead = (head) => log.info({ auditHead: head }, 'audit head');
  const audit = { auditKey: key, onHead };
  const repos: Repos = {
    store,
    conversations: new ConversationRepo(store),
    bodies: new BodyRepo(store, { cacheMs: config.env.PARAGRAF_DOC_CACHE_MS, ...audit }),
    meetings: new MeetingRepo(store, { cacheMs: config.env.PARAGRAF_DOC_CACHE_MS, ...audit }),
    cases: new CaseRepo(store, audit),
    requests: new PersonRequestRepo(store, audit),
  };
  const services: Services = {
    outbox: undefined as unknown as Outbox,
    scheduler: new Scheduler(new Leases(store), log, clock, undefined, store.telemetry),
    telemetry: store.telemetry,
    config,
    log,
    clock,
    storage: store,
    conversations: repos.conversations,
    bodies: repos.bodies,
    meetings: repos.meetings,
    cases: repos.cases,
    requests: repos.requests,
    personData: new PersonDataRepo({ store, meetings: repos.meetings, cases: repos.cases, requests: repos.requests }),
    presses: new MemberPresses(store, config.auditKey),
    anslagstavla: new AnslagstavlaCache(new AnslagIndex(store), clock, config.env.PARAGRAF_ANSLAGSTAVLA_CACHE_MS, log),
    actAs: new ActAs(),
    effects: undefined as unknown as EffectDispatcher,
  };
  services.effects = new EffectDispatcher(services, repos.meetings.pending);
  repos.meetings.dispatch = (rows) => services.effects.afterCommit(rows);
  return { services, repos };
}
