import { randomUUID } from 'node:crypto';
import { ActivityTypes, TurnContext, type ConversationReference, type CloudAdapter } from 'botbuilder';
import type { Logger } from 'pino';
import { sha256 } from '../domain/audit-chain';
import { cardAttachment, type AdaptiveCard } from '../cards/render';
import type { ConversationRepo } from '../storage/conversations';
import { guard, isStatus, type TableStore } from '../storage/table-store';

/** Where a message goes: a conversation Paragraf has been in, or a person's own chat with it. */
export type Recipient =
  | { conversationId: string }
  /**
   * A one-off address: the reference travels in the row, which forgets it once delivered. For the
   * answer to an erasure, which has just removed the stored references it would otherwise use.
   */
  | { reference: Partial<ConversationReference> }
  | {
      aadObjectId: string;
      name?: string;
      /** any conversation the person shares with the bot, to open a 1:1 chat from */
      viaConversationId: string;
      /** The person's Teams user id (29:…) when known: the documented member id for opening a 1:1 chat. */
      teamsUserId?: string;
    };

export interface OutgoingMessage {
  /** Same key twice is queued once: e.g. "kallelse|<meetingId>" or "remind|<meetingId>|<memberId>". */
  key: string;
  to: Recipient;
  text?: string;
  card?: AdaptiveCard;
}

interface OutboxRow {
  partitionKey: string;
  rowKey: string;
  key: string;
  to: string;
  payload: string;
  status: 'pending' | 'sent' | 'failed';
  attempts: number;
  nextAttemptAt: number;
  claimedBy?: string;
  claimedUntil?: number;
  lastError?: string;
  sentActivityId?: string;
}

const PK = 'msg';
const MAX_ATTEMPTS = 12;

/**
 * Messages that matter (kallelse, personal cards, reminders) are written to Azure Tables first and
 * delivered from there: retried with exponential backoff and jitter, honouring Retry-After on 429,
 * claimed with an ETag so that with several instances each message is sent once, and nothing is
 * lost across a restart (the pump picks pending rows up again).
 */
/** Where a personal message is shown instead (local demo): a conversation and the heading that says whose it is. */
export type PersonalRedirect = (to: { aadObjectId: string; name?: string; viaConversationId: string }) => Promise<{ conversationId: string; heading: string } | undefined>;

export class Outbox {
  private readonly instance = randomUUID();
  /** Set in local mode only (src/paragraf.ts): a demo body's personal cards go to its chat, where the one newcomer sees them. */
  redirectPersonal?: PersonalRedirect;
  private timer?: NodeJS.Timeout;
  private pumping?: Promise<void>;
  private stopped = false;

  constructor(
    private readonly store: TableStore,
    private readonly adapter: CloudAdapter,
    private readonly conversations: ConversationRepo,
    private readonly log: Logger,
    private readonly botAppId: string,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async enqueue(msg: OutgoingMessage): Promise<void> {
    const row: OutboxRow = {
      partitionKey: PK,
      rowKey: sha256(msg.key).slice(0, 40),
      key: msg.key,
      to: JSON.stringify(msg.to),
      payload: JSON.stringify({ text: msg.text, card: msg.card }),
      status: 'pending',
      attempts: 0,
      nextAttemptAt: 0,
    };
    try {
      await guard(() => this.store.table('outbox').createEntity(row));
    } catch (err) {
      if (!isStatus(err, 409)) throw err; // already queued: a resend of the same action
    }
    this.kick();
  }

  /** Starts delivering in the background (every `intervalMs`, and right after each enqueue). */
  start(intervalMs = 1000): void {
    this.stopped = false;
    this.timer = setInterval(() => this.kick(), intervalMs);
    this.timer.unref();
    this.kick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.pumping;
  }

  kick(): void {
    if (this.stopped || this.pumping) return;
    this.pumping = this.pump()
      .catch((err) => this.log.warn({ err: { message: (err as Error).message } }, 'outbox pump failed'))
      .finally(() => (this.pumping = undefined));
  }

  /** Delivers everything due now; returns when the pass is done. Tests call it to wait for delivery. */
  async pump(): Promise<void> {
    for (let round = 0; round < 20; round++) {
      const now = this.clock().getTime();
      const due: (OutboxRow & { etag: string })[] = [];
      await guard(async () => {
        const filter = `PartitionKey eq '${PK}' and status eq 'pending' and nextAttemptAt le ${now}`;
        for await (const e of this.store.table('outbox').listEntities<OutboxRow>({ queryOptions: { filter } })) due.push(e as OutboxRow & { etag: string });
      });
      const ready = due.filter((r) => !r.claimedUntil || r.claimedUntil < now);
      if (ready.length === 0) return;
      // Pace: a few per second per conversation is what Teams allows; deliver in sequence.
      for (const row of ready) await this.deliver(row);
    }
  }

  async pending(): Promise<number> {
    let n = 0;
    await guard(async () => {
      for await (const _ of this.store.table('outbox').listEntities({ queryOptions: { filter: `PartitionKey eq '${PK}' and status eq 'pending'` } })) n++;
    });
    return n;
  }

  async sentRow(key: string): Promise<OutboxRow | undefined> {
    try {
      return await this.store.table('outbox').getEntity<OutboxRow>(PK, sha256(key).slice(0, 40));
    } catch (err) {
      if (isStatus(err, 404)) return undefined;
      throw err;
    }
  }

  /**
   * Erasure: delivered and failed messages addressed to the person are deleted (their address and
   * what was said to them). Pending ones stay, so nothing still owed to them is lost. Returns how many.
   */
  async forgetRecipient(aadObjectId: string): Promise<number> {
    const table = this.store.table('outbox');
    const rows: OutboxRow[] = [];
    await guard(async () => {
      for await (const e of table.listEntities<OutboxRow>({ queryOptions: { filter: `PartitionKey eq '${PK}' and status ne 'pending'` } })) rows.push(e as OutboxRow);
    });
    let n = 0;
    for (const row of rows) {
      if (recipientAad(row.to) !== aadObjectId) continue;
      await guard(() => table.deleteEntity(PK, row.rowKey)).catch((err) => (isStatus(err, 404) ? undefined : Promise.reject(err)));
      n++;
    }
    return n;
  }

  private async deliver(row: OutboxRow & { etag: string }): Promise<void> {
    const table = this.store.table('outbox');
    const now = this.clock().getTime();
    // Claim it: only one instance wins the ETag race.
    let etag: string;
    try {
      const res = await table.updateEntity({ partitionKey: PK, rowKey: row.rowKey, claimedBy: this.instance, claimedUntil: now + 30_000 }, 'Merge', { etag: row.etag });
      etag = res.etag!;
    } catch (err) {
      if (isStatus(err, 412, 404)) return;
      throw err;
    }
    try {
      const id = await this.send(JSON.parse(row.to) as Recipient, JSON.parse(row.payload));
      const forget = isOneOff(row.to) ? { to: '{}' } : {};
      await table.updateEntity({ partitionKey: PK, rowKey: row.rowKey, status: 'sent', sentActivityId: id ?? '', claimedUntil: 0, ...forget }, 'Merge', { etag });
    } catch (err) {
      const attempts = row.attempts + 1;
      const status = (err as { statusCode?: number }).statusCode;
      const retryAfter = retryAfterMs(err);
      const backoff = retryAfter ?? Math.min(60_000, 500 * 2 ** attempts) * (0.5 + Math.random());
      const permanent = status !== undefined && status >= 400 && status < 500 && ![408, 412, 429].includes(status);
      const failed = permanent || attempts >= MAX_ATTEMPTS;
      this.log.warn({ key: row.key, attempts, status }, 'outbox delivery failed');
      await table.updateEntity(
        {
          partitionKey: PK,
          rowKey: row.rowKey,
          attempts,
          status: failed ? 'failed' : 'pending',
          ...(failed && isOneOff(row.to) ? { to: '{}' } : {}),
          nextAttemptAt: now + backoff,
          claimedUntil: 0,
          lastError: String((err as Error).message ?? err).slice(0, 500),
        },
        'Merge',
        { etag },
      ).catch(() => undefined);
    }
  }

  private async send(to: Recipient, payload: { text?: string; card?: AdaptiveCard }): Promise<string | undefined> {
    // Plain text with a card too: Teams reads message text as Markdown, and it holds names and titles people typed.
    const activity = payload.card
      ? { type: ActivityTypes.Message, text: payload.text, textFormat: 'plain', attachments: [cardAttachment(payload.card)] }
      : { type: ActivityTypes.Message, text: payload.text, textFormat: 'plain' };
    let sentId: string | undefined;
    if ('reference' in to) {
      await this.adapter.continueConversationAsync(this.botAppId, to.reference, async (ctx) => {
        sentId = (await ctx.sendActivity(activity))?.id;
      });
      return sentId;
    }
    if ('conversationId' in to) {
      const ref = await this.conversations.get(to.conversationId);
      if (!ref) throw Object.assign(new Error(`no conversation reference for ${to.conversationId}`), { statusCode: 404 });
      await this.adapter.continueConversationAsync(this.botAppId, ref, async (ctx) => {
        sentId = (await ctx.sendActivity(activity))?.id;
      });
      return sentId;
    }
    const redirect = await this.redirectPersonal?.(to);
    if (redirect) return this.send({ conversationId: redirect.conversationId }, withHeading(payload, redirect.heading));
    const personal = await this.conversations.personal(to.aadObjectId);
    if (personal) {
      await this.adapter.continueConversationAsync(this.botAppId, personal, async (ctx) => {
        sentId = (await ctx.sendActivity(activity))?.id;
      });
      return sentId;
    }
    // No 1:1 chat yet: open one through the connector of a conversation we share with the person.
    const via = await this.conversations.get(to.viaConversationId);
    if (!via?.serviceUrl) throw Object.assign(new Error('no shared conversation to open a personal chat from'), { statusCode: 404 });
    const tenantId = (via.conversation as { tenantId?: string } | undefined)?.tenantId;
    await this.adapter.createConversationAsync(
      this.botAppId,
      via.channelId ?? 'msteams',
      via.serviceUrl,
      'https://api.botframework.com',
      { isGroup: false, bot: via.bot as any, members: [{ id: to.teamsUserId ?? to.aadObjectId, name: to.name ?? '', aadObjectId: to.aadObjectId } as any], tenantId, channelData: { tenant: { id: tenantId } } } as any,
      async (ctx) => {
        const ref = TurnContext.getConversationReference(ctx.activity) as ConversationReference;
        await this.conversations.rememberPersonal(to.aadObjectId, ref);
        sentId = (await ctx.sendActivity(activity))?.id;
      },
    );
    return sentId;
  }
}

/** The message with a heading on top, inside the card so the two cannot be told apart from each other. */
function withHeading(payload: { text?: string; card?: AdaptiveCard }, heading: string): { text?: string; card?: AdaptiveCard } {
  if (!payload.card) return { text: `${heading}\n\n${payload.text ?? ''}` };
  const top = { type: 'TextBlock', text: heading, weight: 'Bolder', color: 'Accent', wrap: true };
  // The text goes out as its own message beside the card, so it carries the heading too.
  return { text: payload.text ? `${heading}: ${payload.text}` : undefined, card: { ...payload.card, body: [top, ...((payload.card.body as unknown[]) ?? [])] } };
}

/** A one-off address, which the row forgets once it is delivered or given up. */
function isOneOff(to: string): boolean {
  try {
    return 'reference' in (JSON.parse(to) as object);
  } catch {
    return false;
  }
}

/** The Teams identity a stored row is addressed to, if it is addressed to a person. */
export function recipientAad(to: string): string | undefined {
  try {
    const r = JSON.parse(to) as { aadObjectId?: unknown };
    return typeof r.aadObjectId === 'string' ? r.aadObjectId : undefined;
  } catch {
    return undefined;
  }
}

function retryAfterMs(err: unknown): number | undefined {
  const e = err as { statusCode?: number; response?: { headers?: { get?(n: string): string | undefined } } };
  if (e.statusCode !== 429) return undefined;
  const header = e.response?.headers?.get?.('retry-after');
  const seconds = header ? Number(header) : NaN;
  return Number.isFinite(seconds) ? seconds * 1000 : 1000;
}
