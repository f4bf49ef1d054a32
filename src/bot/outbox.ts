import { randomUUID } from 'node:crypto';
import { ActivityTypes, TurnContext, type ConversationReference, type CloudAdapter } from 'botbuilder';
import type { TransactionAction } from '@azure/data-tables';
import type { Logger } from 'pino';
import { sha256 } from '../domain/audit-chain';
import { cardAttachment, type AdaptiveCard } from '../cards/render';
import type { ConversationRepo } from '../storage/conversations';
import { guard, isStatus, type TableStore } from '../storage/table-store';
import { NO_TELEMETRY, type OutboxMeters } from '../telemetry/telemetry';
import { SendRate } from './send-rate';

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
  /**
   * Keep recognising the key at least until then (ms), when the job that queues it may queue it
   * again for longer than RETENTION_MS: a kallelse reminder, until the meeting starts.
   */
  keepUntil?: number;
}

/**
 * The outbox table's one partition holds three kinds of row, so that every read is a key range:
 *
 *   next|<due ms, 13 digits>|<sha>   a message waiting to be sent at or after its due time, with its
 *                                    payload; claimed in place (ETag), moved to a later due time to
 *                                    retry, deleted once delivered or given up
 *   key|<sha>                        the message's key: created in the same transaction as its first
 *                                    `next` row, so the same key is queued once; once the message is
 *                                    delivered or given up it keeps only the outcome (no payload)
 *   purge|<ms, 13 digits>|<sha>      when that slim `key` row may go (RETENTION_MS after the outcome)
 *
 * Rows written before this layout (RowKey = the bare sha, status on the row) are moved into it by
 * `migrateOldRows`, at start-up and by the housekeeping job.
 */
type QueueRow = {
  partitionKey: string;
  rowKey: string;
  key: string;
  to: string;
  payload: string;
  attempts: number;
  keepUntil?: number;
  claimedBy?: string;
  claimedUntil?: number;
};

export type KeyRow = {
  partitionKey: string;
  rowKey: string;
  key: string;
  to: string;
  status: 'pending' | 'sent' | 'failed';
  attempts: number;
  lastError?: string;
  sentActivityId?: string;
  doneAt?: number;
};

/** Rows of the layout before the due-time keys: RowKey = sha(key), status on the row. */
type OldRow = QueueRow & {
  status: 'pending' | 'sent' | 'failed';
  nextAttemptAt: number;
  lastError?: string;
  sentActivityId?: string;
};

const PK = 'msg';
const MAX_ATTEMPTS = 12;

/**
 * How long the slim row of a delivered (or given-up) message is kept, to recognise the same key
 * again. Teams itself resends an activity it got no answer to within seconds to minutes, but the
 * outbox key also makes each scheduled reminder once while its job keeps running: a case's overdue
 * reminder is looked for 31 days back, the justering window is 14 days plus holidays, a kallelse
 * reminder runs until the meeting. 35 days covers the longest of these with room to spare.
 */
export const RETENTION_MS = 35 * 24 * 60 * 60 * 1000;

const sha = (key: string) => sha256(key).slice(0, 40);
const ms = (t: number) => String(Math.max(0, Math.floor(t))).padStart(13, '0');
export const queueRow = (due: number, keySha: string) => `next|${ms(due)}|${keySha}`;
export const keyRow = (keySha: string) => `key|${keySha}`;
const purgeRow = (at: number, keySha: string) => `purge|${ms(at)}|${keySha}`;
const purgeAt = (row: QueueRow, now: number) => Math.max(now + RETENTION_MS, Number(row.keepUntil ?? 0));
const shaOf = (rowKey: string) => rowKey.slice(rowKey.lastIndexOf('|') + 1);
/**
 * A row whose conversation must wait longer than this (a 429's Retry-After, a full 30-s or hour
 * window) is left for a later pass instead of holding up the messages to everyone else.
 */
const MAX_PACE_WAIT_MS = 2_000;
const sleep = (ms: number) => (ms > 0 ? new Promise((r) => setTimeout(r, ms)) : Promise.resolve());


/**
 * Messages that matter (kallelse, personal cards, reminders) are written to Azure Tables first and
 * delivered from there: retried with exponential backoff and jitter, honouring Retry-After on 429,
 * claimed with an ETag so that with several instances each message is sent once, and nothing is
 * lost across a restart (the pump picks due rows up again). A poll is one key-range read of what is
 * due now, however many messages were ever sent.
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
  /** Backlog, given-up deliveries and 429s, for the metrics (no-ops unless telemetry is on). */
  meters: OutboxMeters = NO_TELEMETRY.outbox;
  /** Teams' rate limits per conversation and the per-tenant rate (PARAGRAF_OUTBOX_PER_SECOND), on real time, not `clock`. */
  rate = new SendRate();

  constructor(
    private readonly store: TableStore,
    private readonly adapter: CloudAdapter,
    private readonly conversations: ConversationRepo,
    private readonly log: Logger,
    private readonly botAppId: string,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  private get table() {
    return this.store.table('outbox');
  }

  async enqueue(msg: OutgoingMessage): Promise<void> {
    const h = sha(msg.key);
    const to = JSON.stringify(msg.to);
    const queued: QueueRow = { partitionKey: PK, rowKey: queueRow(this.clock().getTime(), h), key: msg.key, to, payload: JSON.stringify({ text: msg.text, card: msg.card }), attempts: 0, ...(msg.keepUntil ? { keepUntil: msg.keepUntil } : {}) };
    const marker: KeyRow = { partitionKey: PK, rowKey: keyRow(h), key: msg.key, to, status: 'pending', attempts: 0 };
    try {
      await guard(() => this.table.submitTransaction([['create', marker], ['create', queued]]));
    } catch (err) {
      if (!conflict(err)) throw err; // else already queued: a resend of the same action
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

  /**
   * Delivers everything due now; returns when the pass is done. Tests call it to wait for delivery.
   * Passes of one instance run one after another: side by side they would only race for the same rows.
   */
  pump(): Promise<void> {
    const pass = this.lastPass.then(() => this.pass());
    this.lastPass = pass.catch(() => undefined);
    return pass;
  }

  private lastPass: Promise<unknown> = Promise.resolve();

  private async pass(): Promise<void> {
    for (let round = 0; round < 20; round++) {
      const now = this.clock().getTime();
      const due = await this.range<QueueRow>('next|', `${queueRow(now, '')}~`);
      const ready = due.filter((r) => !r.claimedUntil || Number(r.claimedUntil) < now);
      this.meters.backlog(due.length);
      if (ready.length === 0) return;
      // In sequence, each at the pace Teams allows for its conversation and for the tenant.
      let delivered = 0;
      for (const row of ready) {
        if (this.stopped) return;
        const conversation = paceKey(row.to);
        const slot = this.rate.take(conversation, Date.now(), MAX_PACE_WAIT_MS);
        if (slot === undefined) continue;
        if (await this.deliver(row, conversation, slot)) delivered++;
      }
      this.rate.prune(Date.now());
      if (delivered === 0) return;
    }
  }

  /** Messages not yet delivered nor given up (due now or waiting for a retry). */
  async pending(): Promise<number> {
    return (await this.range('next|', 'next|~', ['RowKey'])).length;
  }

  /** The outcome of a key: 'pending', 'sent' (with the activity id) or 'failed'. */
  async sentRow(key: string): Promise<KeyRow | undefined> {
    try {
      return await guard(() => this.table.getEntity<KeyRow>(PK, keyRow(sha(key))));
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
    const rows = [...(await this.range<KeyRow>('key|', 'key|~')), ...(await this.oldRows())].filter((r) => r.status !== 'pending');
    let n = 0;
    for (const row of rows) {
      if (recipientAad(row.to) !== aadObjectId) continue;
      await guard(() => this.table.deleteEntity(PK, row.rowKey)).catch((err) => (isStatus(err, 404) ? undefined : Promise.reject(err)));
      n++;
    }
    return n;
  }

  /**
   * Housekeeping: deletes the slim rows whose retention has run out (one range read of the purge
   * pointers due now), and moves any rows still in the old layout. Returns how many were deleted.
   */
  async purge(now: number = this.clock().getTime()): Promise<number> {
    await this.migrateOldRows();
    const due = await this.range('purge|', `${purgeRow(now, '')}~`, ['RowKey']);
    for (const row of due) {
      // The key row first: if this stops halfway, the pointer is still there for the next run.
      await guard(() => this.table.deleteEntity(PK, keyRow(shaOf(row.rowKey)))).catch((err) => (isStatus(err, 404) ? undefined : Promise.reject(err)));
      await guard(() => this.table.deleteEntity(PK, row.rowKey)).catch((err) => (isStatus(err, 404) ? undefined : Promise.reject(err)));
    }
    return due.length;
  }

  /**
   * Moves rows of the old layout (RowKey = sha, polled by a filter on status) into the keyed one:
   * pending ones are queued at their next attempt, sent and failed ones keep their slim key row
   * with a retention from now. Idempotent; a row another instance is delivering (ETag changed) is
   * left for the next run. Returns how many were moved.
   */
  async migrateOldRows(): Promise<number> {
    const now = this.clock().getTime();
    let n = 0;
    for (const old of await this.oldRows()) {
      const h = old.rowKey;
      const marker: KeyRow = { partitionKey: PK, rowKey: keyRow(h), key: old.key, to: old.to, status: old.status, attempts: Number(old.attempts ?? 0), ...(old.lastError ? { lastError: old.lastError } : {}), ...(old.sentActivityId !== undefined ? { sentActivityId: old.sentActivityId } : {}) };
      const actions: TransactionAction[] = [['update', { partitionKey: PK, rowKey: h }, 'Merge', { etag: old.etag }], ['create', marker]];
      if (old.status === 'pending') actions.push(['create', { partitionKey: PK, rowKey: queueRow(Number(old.nextAttemptAt ?? 0), h), key: old.key, to: old.to, payload: old.payload, attempts: Number(old.attempts ?? 0) }]);
      else actions.push(['create', { partitionKey: PK, rowKey: purgeRow(now + RETENTION_MS, h) }]);
      try {
        // The conditional merge makes the move fail if an old instance is delivering the row meanwhile.
        await guard(() => this.table.submitTransaction(actions));
      } catch (err) {
        if (!conflict(err)) throw err;
        if (!isStatus(err, 409) && !/EntityAlreadyExists/i.test(String((err as Error).message))) continue;
      }
      await guard(() => this.table.deleteEntity(PK, h)).catch((err) => (isStatus(err, 404) ? undefined : Promise.reject(err)));
      n++;
    }
    return n;
  }

  private async oldRows(): Promise<(OldRow & { etag: string })[]> {
    // The old keys are 40 hex digits; every key of the new layout starts with a letter after 'f'.
    return this.range<OldRow>('0', 'g');
  }

  private async range<T extends object>(from: string, to: string, select?: string[]): Promise<(T & { partitionKey: string; rowKey: string; etag: string })[]> {
    const out: (T & { partitionKey: string; rowKey: string; etag: string })[] = [];
    const filter = `PartitionKey eq '${PK}' and RowKey ge '${from}' and RowKey lt '${to}'`;
    await guard(async () => {
      for await (const e of this.table.listEntities<T>({ queryOptions: { filter, ...(select ? { select } : {}) } })) out.push(e as T & { partitionKey: string; rowKey: string; etag: string });
    });
    return out;
  }

  /** Sends one row in its reserved slot; false when another instance had it (the slot is given back). */
  private async deliver(row: QueueRow & { etag: string }, conversation: string, slot: number): Promise<boolean> {
    const table = this.table;
    const now = this.clock().getTime();
    const h = shaOf(row.rowKey);
    // Claim it in place: only one instance wins the ETag race. A claim that lapses (a crash) leaves
    // the row due, so another pass takes it up after claimedUntil. Claimed before the wait for its
    // slot, so that the other instances pass it over meanwhile.
    try {
      await table.updateEntity({ partitionKey: PK, rowKey: row.rowKey, claimedBy: this.instance, claimedUntil: now + 30_000 }, 'Merge', { etag: row.etag });
    } catch (err) {
      this.rate.release(conversation, slot);
      if (isStatus(err, 412, 404)) return false;
      throw err;
    }
    await sleep(slot - Date.now());
    const oneOff = isOneOff(row.to) ? { to: '{}' } : {};
    let id: string | undefined;
    try {
      // Sleeps run late under load: the conversation's windows count from the send itself.
      this.rate.sending(conversation, slot, Date.now());
      id = await this.send(JSON.parse(row.to) as Recipient, JSON.parse(row.payload));
    } catch (err) {
      await this.failed(row, h, err, now, oneOff, conversation);
      return true;
    }
    // Delivered: the payload goes, the key row keeps the outcome until its retention runs out. A
    // failure here is not a failed delivery (that would send it again): the claim lapses and the
    // next pass finishes the bookkeeping only if the row is still there, which it retries below.
    const done: TransactionAction[] = [
      ['delete', { partitionKey: PK, rowKey: row.rowKey }],
      ['update', { partitionKey: PK, rowKey: keyRow(h), status: 'sent', sentActivityId: id ?? '', attempts: Number(row.attempts) + 1, doneAt: now, ...oneOff }, 'Merge'],
      ['create', { partitionKey: PK, rowKey: purgeRow(purgeAt(row, now), h) }],
    ];
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        await guard(() => table.submitTransaction(done));
        return true;
      } catch (err) {
        this.log.warn({ key: row.key, err: { message: (err as Error).message } }, 'outbox: recording a delivery failed');
      }
    }
    return true;
  }

  private async failed(row: QueueRow, h: string, err: unknown, now: number, oneOff: { to?: string }, conversation: string): Promise<void> {
    const attempts = Number(row.attempts) + 1;
    const status = (err as { statusCode?: number }).statusCode;
    if (status === 429) this.meters.throttled();
    const retryAfter = retryAfterMs(err);
    // The rest of this conversation's queue waits too, not only the row that met the 429.
    if (retryAfter !== undefined) this.rate.hold(conversation, Date.now() + retryAfter);
    const backoff = retryAfter ?? Math.min(60_000, 500 * 2 ** attempts) * (0.5 + Math.random());
    const permanent = status !== undefined && status >= 400 && status < 500 && ![408, 412, 429].includes(status);
    const failed = permanent || attempts >= MAX_ATTEMPTS;
    if (failed) this.meters.failed();
    this.log.warn({ key: row.key, attempts, status }, 'outbox delivery failed');
    const lastError = String((err as Error).message ?? err).slice(0, 500);
    const actions: TransactionAction[] = [
      ['delete', { partitionKey: PK, rowKey: row.rowKey }],
      ['update', { partitionKey: PK, rowKey: keyRow(h), attempts, lastError, ...(failed ? { status: 'failed', doneAt: now, ...oneOff } : {}) }, 'Merge'],
    ];
    if (failed) actions.push(['create', { partitionKey: PK, rowKey: purgeRow(purgeAt(row, now), h) }]);
    else actions.push(['create', { partitionKey: PK, rowKey: queueRow(now + backoff, h), key: row.key, to: row.to, payload: row.payload, attempts, ...(row.keepUntil ? { keepUntil: row.keepUntil } : {}) }]);
    await guard(() => this.table.submitTransaction(actions)).catch(() => undefined);
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
    // Opening the chat is a request to the connector of its own, counted against the tenant's rate.
    await sleep(this.rate.takeTenant(Date.now()));
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
  // Seconds, or an HTTP date (RFC 9110 allows both).
  const seconds = header ? Number(header) : NaN;
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = header ? Date.parse(header) : NaN;
  return Number.isFinite(at) ? Math.max(0, at - Date.now()) : 1000;
}

/**
 * The conversation a row is paced in: the one it names, or the person's own chat with the bot
 * (known by their id before it is opened; one person, one chat).
 */
export function paceKey(to: string): string {
  try {
    const r = JSON.parse(to) as { conversationId?: string; aadObjectId?: string; reference?: { conversation?: { id?: string } } };
    return r.conversationId ?? (r.aadObjectId ? `personal|${r.aadObjectId}` : (r.reference?.conversation?.id ?? to));
  } catch {
    return to;
  }
}

/** A create that met an existing row, or a conditional write that lost, inside a transaction too. */
function conflict(err: unknown): boolean {
  return isStatus(err, 409, 412) || /EntityAlreadyExists|UpdateConditionNotSatisfied|ConditionNotMet/i.test(String((err as Error)?.message));
}
