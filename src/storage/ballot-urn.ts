import { createCipheriv, createDecipheriv, createHmac, randomBytes, randomInt } from 'node:crypto';
import type { TableClient, TransactionAction } from '@azure/data-tables';
import type { VoteChoice } from '../domain/meeting';
import { guard, isStatus, odataEscape, type TableStore } from './table-store';

/**
 * The urn of a val med slutna sedlar, beside the meeting in its partition. When the vote starts it
 * holds one sealed empty slot ("tom") per serving member. A press is ONE transaction that writes the
 * member's has-voted row, fills a random empty slot with the ballot, and re-seals every other slot
 * (fresh IV, same content): all slots written by the last press share its Timestamp and ETag, so a
 * has-voted row pairs only with the whole urn, never with one ballot, and someone reading the table
 * between two presses sees every slot change, not which one was filled. Above 99 slots (a transaction
 * holds 100 entities) a press touches a uniformly random 100 less its voters (at least 90) of them.
 *
 * A slot's content is rewritten with the ETag read, so two presses racing on the urn (two
 * instances) cannot overwrite each other: the loser reads again and retries. Presses on one
 * instance are queued per vote and written together, up to MAX_BATCH voters a transaction, so a
 * burst does not retry at all on one instance. Slots are deleted when the vote is counted; the urn
 * row stays, so a press that arrives later finds an empty urn and is told it did not count.
 */

const PREFIX = 'p|';
const urnRow = (voteId: string) => `${PREFIX}urn|${voteId}`;
export const votedRow = (voteId: string, memberId: string) => `${PREFIX}voted|${voteId}|${memberId}`;
export const slotPrefix = (voteId: string) => `${PREFIX}ballot|${voteId}|`;

/** Voters written in one transaction: the urn's 100 entities less these is the least a press re-seals (90). */
export const MAX_BATCH = 10;
const ATTEMPTS = 40;

const CODE: Record<VoteChoice | 'tom', string> = { ja: 'j', nej: 'n', avstår: 'a', tom: 't' };
const CONTENT: Record<string, VoteChoice | 'tom'> = { j: 'ja', n: 'nej', a: 'avstår', t: 'tom' };

export type CastResult = { cast: true; ballotKey: string } | { cast: false; why: 'already' | 'closed' };
type Slot = { key: string; etag: string; content: VoteChoice | 'tom' };
type Pending = { memberId: string; choice: VoteChoice; done: (r: CastResult) => void; fail: (e: unknown) => void };

export class BallotUrn {
  private readonly key: Buffer;
  private readonly queues = new Map<string, Pending[]>();

  constructor(private readonly client: TableClient, secret: string) {
    this.key = createHmac('sha256', secret).update('paragraf|valsedel').digest();
  }

  static of(store: TableStore, secret: string): BallotUrn {
    return new BallotUrn(store.table('meetings'), secret);
  }

  /** Sets up the urn with `slots` empty slots, once (a second call, or a second instance, finds it there). */
  async prepare(pk: string, voteId: string, slots: number): Promise<void> {
    const rows = Array.from({ length: Math.max(1, slots) }, () => this.slotEntity(pk, voteId, slotPrefix(voteId) + randomBytes(16).toString('hex'), 'tom'));
    const first: TransactionAction[] = [['create', { partitionKey: pk, rowKey: urnRow(voteId) }], ...rows.slice(0, 99).map((e): TransactionAction => ['create', e])];
    try {
      await guard(() => this.client.submitTransaction(first));
    } catch (err) {
      if (conflict(err)) return;
      throw err;
    }
    // More than 99 serving: the rest in further transactions (a crash between leaves fewer slots; a press then adds one).
    for (let i = 99; i < rows.length; i += 100) {
      const chunk = rows.slice(i, i + 100);
      await guard(() => this.client.submitTransaction(chunk.map((e): TransactionAction => ['create', e])));
    }
  }

  /** A member's ballot: queued behind the presses on this vote that this instance is writing, then written with them. */
  cast(pk: string, voteId: string, memberId: string, choice: VoteChoice, slots: number): Promise<CastResult> {
    const q = `${pk}\n${voteId}`;
    return new Promise<CastResult>((done, fail) => {
      const waiting = this.queues.get(q);
      if (waiting) {
        waiting.push({ memberId, choice, done, fail });
        return;
      }
      const queue: Pending[] = [{ memberId, choice, done, fail }];
      this.queues.set(q, queue);
      void this.drain(q, queue, pk, voteId, slots);
    });
  }

  private async drain(q: string, queue: Pending[], pk: string, voteId: string, slots: number): Promise<void> {
    try {
      while (queue.length > 0) {
        const batch = queue.splice(0, MAX_BATCH);
        try {
          await this.write(pk, voteId, batch, slots);
        } catch (err) {
          for (const p of batch) p.fail(err);
        }
      }
    } finally {
      this.queues.delete(q);
    }
  }

  /** One transaction for a batch of voters, retried on a race with another instance or with the count. */
  private async write(pk: string, voteId: string, batch: Pending[], slots: number): Promise<void> {
    let todo = batch;
    for (let attempt = 0; ; attempt++) {
      const urn = await this.read(pk, voteId);
      if (!urn.exists) {
        await this.prepare(pk, voteId, slots);
        continue;
      }
      const seen = new Set(urn.voters);
      const next: Pending[] = [];
      for (const p of todo) {
        if (seen.has(p.memberId)) p.done({ cast: false, why: 'already' });
        else {
          seen.add(p.memberId); // the same member twice in one batch: the second is a double press
          next.push(p);
        }
      }
      todo = next;
      if (todo.length === 0) return;
      // Counted: the slots are gone; a press that comes now did not count.
      if (urn.slots.length === 0) {
        for (const p of todo) p.done({ cast: false, why: 'closed' });
        return;
      }
      // Up to 99 slots a transaction writes them all: it takes only as many voters as fit beside them (the rest go next).
      // (A voter who finds no empty slot needs a new row besides.)
      const empties = urn.slots.filter((x) => x.content === 'tom').length;
      let take = urn.slots.length < 100 ? Math.max(1, Math.min(todo.length, 100 - urn.slots.length)) : todo.length;
      while (take > 1 && urn.slots.length < 100 && urn.slots.length + take + Math.max(0, take - empties) > 100) take--;
      const now = todo.slice(0, take);
      const plan = this.plan(pk, voteId, urn.slots, now);
      try {
        await guard(() => this.client.submitTransaction(plan.actions));
        now.forEach((p, i) => p.done({ cast: true, ballotKey: plan.keys[i] }));
        todo = todo.slice(take);
        if (todo.length === 0) return;
        attempt = -1;
      } catch (err) {
        if (!conflict(err) || attempt >= ATTEMPTS) throw err;
        await new Promise((r) => setTimeout(r, 5 + randomInt(20 + attempt * 10)));
      }
    }
  }

  /**
   * Which slots this transaction touches: all of them, or above 100 less the voters a uniformly random
   * subset (drawn without regard to content, so that whether a slot is touched later says nothing
   * about whether it holds a ballot); each voter fills a random empty one among them, and the
   * operations go in random order. A voter who finds no empty slot (more voters than were serving
   * at the start) gets a new one.
   */
  private plan(pk: string, voteId: string, slots: Slot[], todo: Pending[]): { actions: TransactionAction[]; keys: string[] } {
    const size = Math.min(slots.length, 100 - todo.length);
    const empties = (xs: Slot[]) => xs.filter((s) => s.content === 'tom').length;
    let touched = shuffle(slots).slice(0, size);
    for (let i = 0; i < 5 && empties(touched) < todo.length && size < slots.length; i++) touched = shuffle(slots).slice(0, size);
    const empty = shuffle(touched.filter((s) => s.content === 'tom'));
    const lacking = Math.max(0, todo.length - empty.length);
    // Each new row takes the place of one re-sealed slot that holds a ballot already.
    for (let i = 0; i < lacking && touched.length + todo.length + lacking > 100; i++) {
      const full = touched.findIndex((s) => s.content !== 'tom');
      if (full < 0) break;
      touched.splice(full, 1);
    }
    const fill = new Map<string, VoteChoice>();
    const keys: string[] = [];
    const fresh: TransactionAction[] = [];
    for (const p of todo) {
      const slot = empty.pop();
      const key = slot?.key ?? slotPrefix(voteId) + randomBytes(16).toString('hex');
      keys.push(key);
      if (slot) fill.set(key, p.choice);
      else fresh.push(['create', this.slotEntity(pk, voteId, key, p.choice)]);
    }
    const reseal = touched.map((s): TransactionAction => ['update', this.slotEntity(pk, voteId, s.key, fill.get(s.key) ?? s.content), 'Replace', { etag: s.etag }]);
    const voted = todo.map((p): TransactionAction => ['create', { partitionKey: pk, rowKey: votedRow(voteId, p.memberId) }]);
    return { actions: shuffle([...voted, ...reseal, ...fresh]), keys };
  }

  /** The urn as stored: whether it was set up, its slots (opened), and who has voted, in one partition query. */
  private async read(pk: string, voteId: string): Promise<{ exists: boolean; slots: Slot[]; voters: string[] }> {
    const out = { exists: false, slots: [] as Slot[], voters: [] as string[] };
    for (const r of await this.rows(pk, voteId)) {
      if (r.rowKey === urnRow(voteId)) out.exists = true;
      else if (r.rowKey.startsWith(votedRow(voteId, ''))) out.voters.push(r.rowKey.slice(votedRow(voteId, '').length));
      else out.slots.push({ key: r.rowKey, etag: r.etag, content: this.open(voteId, r.rowKey, r.c ?? '') });
    }
    return out;
  }

  /**
   * The count at close: the ballots (filled slots), opened, in no order; every slot's key (to delete
   * them all afterwards); and who voted; in one query, so that a ballot and its has-voted row (one
   * transaction) are both in it or neither.
   */
  async count(pk: string, voteId: string): Promise<{ choices: VoteChoice[]; keys: string[]; voters: string[] }> {
    const u = await this.read(pk, voteId);
    const choices = u.slots.map((s) => s.content).filter((c): c is VoteChoice => c !== 'tom');
    return { choices, keys: u.slots.map((s) => s.key), voters: u.voters };
  }

  /** Who has handed in a ballot (member ids in key order, which is not the order of voting). */
  async voters(pk: string, voteId: string): Promise<string[]> {
    return (await this.read(pk, voteId)).voters;
  }

  /** Deletes counted slots (after the count is in the meeting document); the urn row stays, so a late press is told it did not count. */
  async drop(pk: string, keys: string[]): Promise<void> {
    for (let i = 0; i < keys.length; i += 100) {
      const chunk = keys.slice(i, i + 100);
      await guard(() => this.client.submitTransaction(chunk.map((rowKey): TransactionAction => ['delete', { partitionKey: pk, rowKey }])));
    }
  }

  /** Takes back a ballot that came in after the count: its slot (if the count's delete missed it) and its has-voted row. */
  async withdraw(pk: string, voteId: string, memberId: string, ballotKey: string): Promise<void> {
    for (const rowKey of [ballotKey, votedRow(voteId, memberId)]) {
      await guard(() => this.client.deleteEntity(pk, rowKey)).catch((err) => {
        if (!isStatus(err, 404)) throw err;
      });
    }
  }

  private async rows(pk: string, voteId: string): Promise<{ rowKey: string; etag: string; c?: string }[]> {
    const range = (prefix: string) => `(RowKey ge '${odataEscape(prefix)}' and RowKey lt '${odataEscape(prefix)}\uffff')`;
    const urn = ` or RowKey eq '${odataEscape(urnRow(voteId))}'`;
    const filter = `PartitionKey eq '${odataEscape(pk)}' and (${range(slotPrefix(voteId))} or ${range(votedRow(voteId, ''))}${urn})`;
    const out: { rowKey: string; etag: string; c?: string }[] = [];
    await guard(async () => {
      for await (const r of this.client.listEntities<{ c?: string }>({ queryOptions: { filter } })) out.push({ rowKey: String(r.rowKey), etag: String(r.etag), ...(r.c ? { c: String(r.c) } : {}) });
    });
    return out;
  }

  private slotEntity(pk: string, voteId: string, rowKey: string, content: VoteChoice | 'tom') {
    return { partitionKey: pk, rowKey, c: this.seal(voteId, rowKey, content) };
  }

  /** Every content seals to the same length (one letter), with a fresh IV, bound to its vote and slot: equal ballots and empty slots look alike. */
  private seal(voteId: string, rowKey: string, content: VoteChoice | 'tom'): string {
    const iv = randomBytes(12);
    const c = createCipheriv('aes-256-gcm', this.key, iv);
    c.setAAD(Buffer.from(`${voteId}|${rowKey}`));
    const ct = Buffer.concat([c.update(CODE[content], 'utf8'), c.final()]);
    return Buffer.concat([iv, c.getAuthTag(), ct]).toString('base64');
  }

  private open(voteId: string, rowKey: string, sealed: string): VoteChoice | 'tom' {
    const raw = Buffer.from(sealed, 'base64');
    const attempt = (aad: string) => {
      const d = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, 12));
      d.setAAD(Buffer.from(aad));
      d.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([d.update(raw.subarray(28)), d.final()]).toString('utf8');
    };
    let code: string;
    try {
      code = attempt(`${voteId}|${rowKey}`);
    } catch {
      // A ballot sealed before slots were bound to their row (a val running across that deploy) is bound to the vote only.
      code = attempt(voteId);
    }
    const content = CONTENT[code];
    if (!content) throw new Error('unreadable ballot');
    return content;
  }
}

/** A transaction that lost a race: a row created meanwhile (409), changed (412) or deleted by the count (404). */
function conflict(err: unknown): boolean {
  return isStatus(err, 409, 412, 404) || /EntityAlreadyExists|UpdateConditionNotSatisfied|ResourceNotFound|does not exist/i.test(String((err as Error)?.message));
}

function shuffle<T>(xs: readonly T[]): T[] {
  const a = [...xs];
  for (let i = a.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}
