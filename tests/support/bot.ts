import { startParagraf, type Paragraf } from '../../src/paragraf';
import { FakeConnector } from './connector';
import { startEmbeddedAzurite, type EmbeddedAzurite } from '../../src/storage/azurite';
import type { Telemetry } from '../../src/telemetry/telemetry';

export const TENANT = 'tenant-0000-test';

/** Everything production mode requires except storage (TestBot.start gives a production bot its own Azurite). */
export const PRODUCTION_ENV = {
  MicrosoftAppId: '00000000-1111-2222-3333-444444444444',
  MicrosoftAppPassword: 'not-a-real-secret',
  MicrosoftAppTenantId: TENANT,
  PARAGRAF_PUBLIC_URL: 'https://paragraf.example.se',
  PARAGRAF_LINK_SECRET: 'test-link-secret-of-32-characters',
  PARAGRAF_AUDIT_KEY: 'test-audit-key-at-least-32-characters-long',
};

export interface Person {
  aadObjectId: string;
  name: string;
}

export interface Conversation {
  id: string;
  type: 'personal' | 'groupChat' | 'channel';
}

export const groupChat = (id = 'group-1'): Conversation => ({ id: `19:${id}@thread.v2`, type: 'groupChat' });
export const personalChat = (p: Person): Conversation => ({ id: `personal:${p.aadObjectId}`, type: 'personal' });

export function person(name: string): Person {
  const slug = name.toLowerCase().normalize('NFD').replace(/[^a-z]+/g, '-');
  return { aadObjectId: `aad-${slug}`, name };
}

/** What one activity produced: the HTTP answer, and every message the bot sent meanwhile. */
export interface Exchange {
  status: number;
  body: any;
  sent: any[];
  texts: string[];
  cards: any[];
}

let activitySeq = 0;

/** POSTs an activity to a bot's /api/messages; the answer's body parsed as JSON when it is JSON. */
export async function postActivity(baseUrl: string, activity: Record<string, unknown>): Promise<{ status: number; body: any }> {
  const res = await fetch(`${baseUrl}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
  const text = await res.text();
  let body: any;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = text;
  }
  return { status: res.status, body };
}

/** A Paragraf started the way `npm start` starts it (in-memory Azurite), spoken to through POST /api/messages. */
export class TestBot {
  constructor(readonly paragraf: Paragraf, readonly connector: FakeConnector, private readonly ownStorage?: EmbeddedAzurite) {}

  /**
   * In production mode (MicrosoftAppId in `env`) Paragraf refuses embedded storage, so a test that
   * names no storage account gets an in-memory Azurite of its own, as a real account would be.
   */
  static async start(opts: { clock?: () => Date; env?: Record<string, string>; logStream?: { write(line: string): void }; telemetry?: Telemetry } = {}): Promise<TestBot> {
    const connector = await new FakeConnector().start();
    const env: Record<string, string> = { PORT: '0', PARAGRAF_AZURITE_PORT: '0', LOG_LEVEL: opts.logStream ? 'info' : 'silent', ...opts.env };
    const production = Boolean(env.MicrosoftAppId) && !env.AZURE_TABLES_CONNECTION_STRING && !env.AZURE_TABLES_ACCOUNT_URL;
    const ownStorage = production ? await startEmbeddedAzurite({ inMemory: true, port: 0 }) : undefined;
    if (ownStorage) env.AZURE_TABLES_CONNECTION_STRING = ownStorage.connectionString;
    const paragraf = await startParagraf({ env, logStream: opts.logStream, telemetry: opts.telemetry, inMemoryStorage: true, clock: opts.clock });
    return new TestBot(paragraf, connector, ownStorage);
  }

  get services() {
    return this.paragraf.services;
  }

  /** Waits until the outbox has delivered everything (a background pass may hold a row meanwhile). */
  async drain(): Promise<void> {
    for (let i = 0; i < 100; i++) {
      await this.services.outbox.pump();
      if ((await this.services.outbox.pending()) === 0) return;
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** Every card the bot has sent to this person's personal chat. */
  personalCards(p: Person): any[] {
    return this.connector.to(personalChat(p).id).flatMap((s) => (s.activity.attachments ?? []).map((a: any) => a.content));
  }

  async stop(): Promise<void> {
    await this.paragraf.close();
    await this.ownStorage?.close();
    await this.connector.stop();
  }

  activity(from: Person, conv: Conversation, extra: Record<string, unknown>): Record<string, unknown> {
    return {
      channelId: 'msteams',
      serviceUrl: this.connector.url,
      id: `act-${process.pid}-${++activitySeq}`,
      timestamp: new Date().toISOString(),
      from: { id: `29:${from.aadObjectId}`, aadObjectId: from.aadObjectId, name: from.name },
      recipient: { id: '28:paragraf', name: 'Paragraf' },
      conversation: { id: conv.id, conversationType: conv.type, tenantId: TENANT },
      channelData: { tenant: { id: TENANT } },
      locale: 'sv-SE',
      ...extra,
    };
  }

  async post(activity: Record<string, unknown>): Promise<Exchange> {
    const mark = this.connector.mark();
    const { status, body } = await postActivity(this.paragraf.url, activity);
    const sent = this.connector.since(mark).map((s) => s.activity);
    return {
      status,
      body,
      sent,
      texts: sent.filter((a) => a.text).map((a) => a.text as string),
      cards: sent.flatMap((a) => (a.attachments ?? []).map((x: any) => x.content)),
    };
  }

  /**
   * A message as Teams sends it. In a group chat or channel the person @mentions Paragraf, as most do
   * (Teams then adds the mention entity and `<at>Paragraf</at>` to the text); `{ mention: false }`
   * sends what the ChatMessage.Read.Chat consent delivers for an unmentioned message.
   */
  say(from: Person, conv: Conversation, text: string, opts: { mention?: boolean } = {}): Promise<Exchange> {
    if (conv.type === 'personal' || opts.mention === false) return this.post(this.activity(from, conv, { type: 'message', text }));
    const at = '<at>Paragraf</at>';
    const entities = [{ type: 'mention', text: at, mentioned: { id: '28:paragraf', name: 'Paragraf' } }];
    return this.post(this.activity(from, conv, { type: 'message', text: `${at} ${text}`, entities }));
  }

  /** Presses an Action.Execute button: the answer's body holds the card that replaces the pressed one. */
  async press(from: Person, conv: Conversation, verb: string, data: Record<string, unknown> = {}, extra: Record<string, unknown> = {}): Promise<Exchange & { card?: any; message?: string }> {
    const ex = await this.post(
      this.activity(from, conv, {
        type: 'invoke',
        name: 'adaptiveCard/action',
        value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
        ...extra,
      }),
    );
    const value = ex.body?.value;
    const card = ex.body?.type === 'application/vnd.microsoft.card.adaptive' ? value : undefined;
    const message = ex.body?.type === 'application/vnd.microsoft.activity.message' ? String(value) : undefined;
    return { ...ex, card, message };
  }
}

/**
 * Two bot instances behind one Azure Bot registration, sharing one in-memory Azurite and one fake
 * connector (each TestBot's `connector`). Their outboxes and minute jobs run only when a test drives
 * them, so which instance does what is the test's choice.
 */
export async function startTwoInstances(opts: { env?: Record<string, string>; clock?: () => Date } = {}): Promise<{ a: TestBot; b: TestBot; stop(): Promise<void> }> {
  const azurite = await startEmbeddedAzurite({ inMemory: true, port: 0 });
  const connector = await new FakeConnector().start();
  const start = () =>
    startParagraf({
      env: { PORT: '0', LOG_LEVEL: 'silent', AZURE_TABLES_CONNECTION_STRING: azurite.connectionString, ...opts.env },
      startOutbox: false,
      startScheduler: false,
      clock: opts.clock,
    });
  const [pa, pb] = await Promise.all([start(), start()]);
  return {
    a: new TestBot(pa, connector),
    b: new TestBot(pb, connector),
    stop: async () => {
      await pa.close();
      await pb.close();
      await connector.stop();
      await azurite.close();
    },
  };
}

/** Every TextBlock/FactSet text on a card, flattened, for assertions about what a person reads. */
export function cardText(card: any): string {
  const out: string[] = [];
  const walk = (n: any) => {
    if (!n || typeof n !== 'object') return;
    if (Array.isArray(n)) return n.forEach(walk);
    if (typeof n.text === 'string') out.push(n.text);
    if (typeof n.title === 'string') out.push(n.title);
    if (typeof n.value === 'string' && n.type !== 'Input.Text') out.push(n.value);
    if (typeof n.label === 'string') out.push(n.label);
    Object.values(n).forEach(walk);
  };
  walk(card);
  return out.join('\n');
}

/** Finds the Action.Execute on a card with this title (anywhere: actions, ActionSets, selectActions). */
export function findAction(card: any, title: string): any {
  let found: any;
  const walk = (n: any) => {
    if (found || !n || typeof n !== 'object') return;
    if (Array.isArray(n)) return n.forEach(walk);
    if (n.type === 'Action.Execute' && n.title === title) found = n;
    Object.values(n).forEach(walk);
  };
  walk(card);
  return found;
}

/** The Input.* element with this id anywhere on a card. */
export function findInput(card: any, id: string): any {
  let found: any;
  const walk = (n: any) => {
    if (found || !n || typeof n !== 'object') return;
    if (Array.isArray(n)) return n.forEach(walk);
    if (n.id === id && typeof n.type === 'string' && n.type.startsWith('Input.')) found = n;
    Object.values(n).forEach(walk);
  };
  walk(card);
  return found;
}
