import { type TableClient, type TableEntity, type TransactionAction, RestError } from '@azure/data-tables';
import { type AuditEntry, type AuditKey, type ChainProblem, auditKey, contentHash, sealEntry, verifyChain, DEV_AUDIT_KEY, GENESIS, KEYED, sha256 } from '../domain/audit-chain';
import { guard, isStatus, listPartition, odataEscape, type TableStore, type TableName } from './table-store';
import { DocCache, deepFreeze, type CachedDoc } from './doc-cache';
import type { OnHead } from './audit-heads';
import type { PendingEffect, PendingEffects, PendingRow } from './pending-effects';

/**
 * One aggregate (a body, a meeting, a case) is one JSON document in one partition, next to its
 * append-only audit entries and the idempotency markers of the actions that changed it. Every
 * change is a single entity-group transaction: replace the document If-Match its ETag, add the
 * audit entry, add the idempotency marker. So a change is either all there or not at all, a
 * resent action finds its marker and records nothing, and a lost race is replayed on fresh data.
 *
 * A partition holds one document (`doc`, `audit|<seq>`: a body, a meeting) or several told apart
 * by an id (`doc|<id>`, `audit|<id>|<seq>`: the cases of one body, which share their numbering and
 * open-case index with it, so those stay in the same transaction).
 */

const DOC = 'doc';
const AUDIT = 'audit|';
const IDEM = 'idem|';
// Azure Tables caps a string property at 64 KiB (32K UTF-16 units); longer documents are split.
const CHUNK = 30000;
const MAX_ATTEMPTS = 60;

export interface Actor {
  id: string;
  name: string;
}

export interface Loaded<T> {
  value: T;
  etag: string;
  version: number;
  lastHash: string;
  /**
   * The content hash of `value`, known when this process wrote it; a change committed If-Match
   * `etag` then need not hash the document it starts from again.
   */
  contentHash?: string;
}

export interface DocumentStoreOptions<T = unknown> {
  /** How long a document this process read or wrote may be reused without reading it again (0: never). */
  cacheMs?: number;
  /** Seals the audit entries (config.auditKey); the development key when not given, as in local mode. */
  auditKey?: AuditKey;
  /** Told each new chain head after its commit, to anchor it outside the store (see audit-heads.ts). */
  onHead?: OnHead;
  /** Where a change's effects are announced and kept (needed by changes that have effects). */
  pending?: PendingEffects;
  /** Properties stored beside the document on its row, to filter or list by without reading it. */
  docProps?(value: T): Record<string, unknown>;
}

export interface Change<T> {
  /** Who did it; a function of the next document when only the change itself knows (a case's history line). */
  actor: Actor | ((next: T) => Actor);
  action: string;
  /** What happened, in Swedish, for the audit log. */
  summary?: string | ((next: T) => string);
  /** Same key twice (a resent activity or action) records once. */
  idempotencyKey?: string;
  /** Pure: returns the next document, or throws a domain error to refuse (nothing is written). */
  apply(current: T | undefined): T;
  /** Extra rows written in the same transaction (same partition), e.g. an index row. */
  extraRows?(next: T): TableEntity<Record<string, unknown>>[];
  /** Other writes in the same transaction and partition (creates, deletes), from before and after. */
  extraActions?(next: T, before: T | undefined): TransactionAction[];
  /** How often a lost race is replayed (default 60); past it a ContentionError is thrown. */
  attempts?: number;
  /**
   * What the change causes outside the document (pure, from before and after): written as pending
   * rows in the same transaction, after an announcement outside it (see pending-effects.ts).
   */
  effects?(next: T, before: T | undefined): PendingEffect[];
  /**
   * An idempotent write elsewhere (another table or partition), sent side by side with the first
   * attempt's transaction so it adds no round trip in sequence; not sent if apply refuses. It must
   * not reject: it is not part of the transaction and cannot undo it.
   */
  alongside?(): Promise<void>;
  /**
   * An idempotent write elsewhere that follows from the change (an index row), sent side by side
   * with every attempt's transaction; undefined when this change needs none. Its failure does not
   * fail the change.
   */
  sideWrite?(next: T, before: T | undefined): Promise<void> | undefined;
  now?: Date;
  /**
   * The document as this activity read it moments ago (with its ETag): the first attempt commits
   * on it without reading again. Safe: a stale ETag or an idempotency marker already there makes
   * the transaction fail, and the retry reads afresh (and finds the marker of a resend). `null`:
   * the read found no document (the first attempt creates it).
   */
  current?: Loaded<T> | null;
}

export interface Committed<T> {
  value: T;
  version: number;
  duplicate: boolean;
  /** The effect rows this commit wrote (none for a duplicate), for the dispatcher to carry out now. */
  effects: PendingRow[];
}

interface DocEntity {
  n: number;
  version: number;
  lastHash: string;
  [chunk: string]: unknown;
}

export function encodeDoc(value: unknown): Record<string, unknown> {
  const json = JSON.stringify(value);
  const out: Record<string, unknown> = { n: Math.max(1, Math.ceil(json.length / CHUNK)) };
  for (let i = 0; i * CHUNK < json.length || i === 0; i++) out[`d${i}`] = json.slice(i * CHUNK, (i + 1) * CHUNK);
  return out;
}

export function decodeDoc<T>(e: Record<string, unknown>): T {
  return JSON.parse(docJson(e)) as T;
}

function docJson(e: Record<string, unknown>): string {
  let json = '';
  for (let i = 0; i < Number(e.n); i++) json += String(e[`d${i}`] ?? '');
  return json;
}

/** A copy of the entry (its value is frozen and shared), so a caller can't change what the cache holds. */
function fromCache<T>(c: CachedDoc): Loaded<T> {
  return { ...c } as Loaded<T>;
}

/** A document: the partition's only one, or one of several by id. */
export type DocKey = string | { partition: string; id: string };

/** Where a document's rows are, and its name in the cache, the write queue and the chain heads. */
interface Where {
  pk: string;
  doc: string;
  audit: string;
  name: string;
  key: DocKey;
}

function where(k: DocKey): Where {
  if (typeof k === 'string') return { pk: k, doc: DOC, audit: AUDIT, name: k, key: k };
  return { pk: k.partition, doc: `${DOC}|${k.id}`, audit: `${AUDIT}${k.id}|`, name: `${k.partition}|${k.id}`, key: k };
}

/** A lost race replayed as often as the change allowed (see Change.attempts). */
export class ContentionError extends Error {}

export function idemRowKey(key: string): string {
  return IDEM + sha256(key).slice(0, 40);
}

export function auditRowKey(seq: number, prefix = AUDIT): string {
  return prefix + String(seq).padStart(10, '0');
}

export class DocumentStore<T> {
  private readonly client: TableClient;
  private readonly queues = new Map<string, Promise<void>>();
  private readonly cache: DocCache;
  private readonly key: AuditKey;
  private readonly onHead?: OnHead;
  private readonly pending?: PendingEffects;
  private readonly docProps?: (value: T) => Record<string, unknown>;

  constructor(store: TableStore, private readonly table: TableName, opts: DocumentStoreOptions<T> = {}) {
    this.onHead = opts.onHead;
    this.pending = opts.pending;
    this.docProps = opts.docProps;
    this.client = store.table(table);
    this.cache = new DocCache(opts.cacheMs ?? 0);
    this.key = opts.auditKey ?? auditKey(DEV_AUDIT_KEY);
  }

  /** The document, from this process's cache when it is fresh enough (see DocCache), else read. */
  async get(key: DocKey): Promise<Loaded<T> | undefined> {
    return this.cached(where(key)) ?? this.read(key);
  }

  private cached(w: Where): Loaded<T> | undefined {
    const c = this.cache.get(w.name);
    return c ? fromCache<T>(c) : undefined;
  }

  /** The document as storage has it now. */
  async read(key: DocKey): Promise<Loaded<T> | undefined> {
    const w = where(key);
    try {
      const e = await guard(() => this.client.getEntity<DocEntity>(w.pk, w.doc));
      return this.remember(w, e);
    } catch (err) {
      if (isStatus(err, 404)) {
        this.cache.delete(w.name);
        return undefined;
      }
      throw err;
    }
  }

  private remember(w: Where, e: DocEntity & { etag: string }): Loaded<T> {
    const loaded: Loaded<T> = { value: deepFreeze(JSON.parse(docJson(e)) as T), etag: e.etag, version: Number(e.version), lastHash: String(e.lastHash) };
    this.cache.set(w.name, loaded);
    return fromCache<T>(loaded);
  }

  /** Reads the document and, in the same query, whether an idempotency key was already used. */
  private async load(w: Where, idemKey?: string): Promise<{ doc?: Loaded<T>; seen: boolean }> {
    if (!idemKey) return { doc: await this.read(w.key), seen: false };
    const filter = `PartitionKey eq '${odataEscape(w.pk)}' and (RowKey eq '${odataEscape(w.doc)}' or RowKey eq '${idemRowKey(idemKey)}')`;
    let doc: Loaded<T> | undefined;
    let seen = false;
    await guard(async () => {
      for await (const e of this.client.listEntities<DocEntity>({ queryOptions: { filter } })) {
        if (e.rowKey === w.doc) doc = this.remember(w, e as DocEntity & { etag: string });
        else seen = true;
      }
    });
    return { doc, seen };
  }

  /**
   * Writers to one partition in this process take turns: without it, concurrent answers to one
   * meeting (a kallelse in a busy body) collide on the ETag and replay many times over. The ETag
   * still guards against other instances. A writer that had to wait reads afresh.
   */
  async change(key: DocKey, change: Change<T>): Promise<Committed<T>> {
    const w = where(key);
    const before = this.queues.get(w.name);
    let release!: () => void;
    const mine = new Promise<void>((r) => (release = r));
    const tail = (before ?? Promise.resolve()).then(() => mine);
    this.queues.set(w.name, tail);
    if (before) await before;
    try {
      // A writer that waited commits on what the one before it wrote (cached), else reads afresh.
      return await this.commit(w, before ? { ...change, current: this.cached(w) } : change);
    } finally {
      release();
      if (this.queues.get(w.name) === tail) this.queues.delete(w.name);
    }
  }

  private async commit(w: Where, change: Change<T>): Promise<Committed<T>> {
    const partitionKey = w.pk;
    for (let attempt = 0; attempt < (change.attempts ?? MAX_ATTEMPTS); attempt++) {
      const known = attempt === 0 ? change.current : undefined;
      const { doc, seen } = known !== undefined ? { doc: known ?? undefined, seen: false } : await this.load(w, change.idempotencyKey);
      if (seen && doc) return { value: doc.value, version: doc.version, duplicate: true, effects: [] };
      let next: T;
      try {
        next = change.apply(doc?.value);
      } catch (err) {
        // A resend may be refused on the copy it already changed; read afresh to find its marker.
        if (known !== undefined) continue;
        throw err;
      }
      const version = (doc?.version ?? 0) + 1;
      // A known hash is only ever used with the ETag it was written under: if the document changed
      // since, the transaction fails and the replay reads and hashes what is really there.
      const beforeHash = doc ? (doc.contentHash ?? contentHash(doc.value)) : GENESIS;
      const afterHash = contentHash(next);
      const actor = typeof change.actor === 'function' ? change.actor(next) : change.actor;
      const entry: AuditEntry = sealEntry({
        seq: version,
        at: (change.now ?? new Date()).toISOString(),
        actorId: actor.id,
        actorName: actor.name,
        action: change.action,
        summary: typeof change.summary === 'function' ? change.summary(next) : (change.summary ?? change.action),
        beforeHash,
        afterHash,
        prevHash: doc?.lastHash ?? GENESIS,
      }, this.key);
      const docEntity = { partitionKey, rowKey: w.doc, version, lastHash: entry.hash, ...this.docProps?.(next), ...encodeDoc(next) };
      const actions: TransactionAction[] = [
        doc ? ['update', docEntity, 'Replace', { etag: doc.etag }] : ['create', docEntity],
        ['create', { partitionKey, rowKey: auditRowKey(version, w.audit), ...entry }],
      ];
      if (change.idempotencyKey) {
        actions.push(['create', { partitionKey, rowKey: idemRowKey(change.idempotencyKey), at: entry.at, action: change.action }]);
      }
      for (const row of change.extraRows?.(next) ?? []) actions.push(['upsert', { ...row, partitionKey }, 'Replace']);
      actions.push(...(change.extraActions?.(next, doc?.value) ?? []));
      const effects = change.effects?.(next, doc?.value) ?? [];
      const fxRows = effects.length ? this.pendingStore().rows(partitionKey, effects, Date.parse(entry.at)) : [];
      for (const row of fxRows) actions.push(['upsert', row, 'Replace']);
      try {
        // Announced first, outside the transaction: a crash after the commit leaves rows the sweep finds.
        if (effects.length) await this.pendingStore().announce(this.table, partitionKey, effects, Date.parse(entry.at));
        const [res] = await Promise.all([
          guard(() => this.client.submitTransaction(actions)),
          attempt === 0 ? change.alongside?.() : undefined,
          change.sideWrite?.(next, doc?.value)?.catch(() => undefined),
        ]);
        // An update's sub-response names no row key; sub-responses come in the order of the actions, the document first.
        const etag = res.getResponseForEntity(w.doc)?.etag ?? res.subResponses[0]?.etag;
        deepFreeze(next); // as every stored document is handed out, cached or not
        if (etag) this.cache.set(w.name, { value: next, etag, version, lastHash: entry.hash, contentHash: afterHash });
        else this.cache.delete(w.name);
        this.onHead?.({ table: this.table, partition: w.name, seq: version, hash: entry.hash });
        return { value: next, version, duplicate: false, effects: fxRows.map((r, i) => ({ table: this.table, partition: partitionKey, rowKey: String(r.rowKey), key: effects[i].key, kind: effects[i].kind, data: effects[i].data, attempts: 0, notBefore: 0, failed: false })) };
      } catch (err) {
        this.cache.delete(w.name);
        // 412: someone changed the document since we read it; 409: someone created it, or the
        // same audit seq or idempotency marker, first. Either way: read again and replay.
        if (isConflict(err)) {
          await backoff(attempt);
          continue;
        }
        throw err;
      }
    }
    throw new ContentionError(`too much contention on ${w.name}`);
  }

  private pendingStore(): PendingEffects {
    if (!this.pending) throw new Error(`the ${this.table} store keeps no pending effects`);
    return this.pending;
  }

  /** Effect rows still pending in one partition. */
  pendingIn(partitionKey: string): Promise<PendingRow[]> {
    return this.pending ? this.pending.inPartition(this.table, partitionKey) : Promise.resolve([]);
  }

  /**
   * The document and its whole chain in one partition query, checked with the key: for showing
   * what must not be shown if it was changed behind the log (a justerat protocol). `hashOnly`: the
   * newest entry predates the key, so the chain vouches less (see README, Audit log).
   */
  async readVerified(key: DocKey): Promise<{ doc?: Loaded<T>; problems: ChainProblem[]; hashOnly: boolean }> {
    const w = where(key);
    const filter = `PartitionKey eq '${odataEscape(w.pk)}' and (RowKey eq '${odataEscape(w.doc)}' or (RowKey ge '${odataEscape(w.audit)}' and RowKey lt '${odataEscape(w.audit)}~'))`;
    let entity: (DocEntity & { etag: string }) | undefined;
    const entries: AuditEntry[] = [];
    await guard(async () => {
      for await (const e of this.client.listEntities<DocEntity>({ queryOptions: { filter } })) {
        if (e.rowKey === w.doc) entity = e as DocEntity & { etag: string };
        else entries.push(toAuditEntry(e as Record<string, unknown>));
      }
    });
    entries.sort((a, b) => a.seq - b.seq);
    if (!entity) return { problems: entries.length ? [{ seq: entries.length, problem: 'dokumentet saknas men loggen finns' }] : [], hashOnly: false };
    const doc = this.remember(w, entity);
    const problems = verifyChain(entries, this.key, contentHash(doc.value), doc.version);
    const last = entries[entries.length - 1];
    if (last && doc.lastHash !== last.hash) problems.push({ seq: last.seq, problem: 'dokumentets senaste hash stämmer inte med loggens sista post' });
    return { doc, problems, hashOnly: last?.scheme === undefined };
  }

  async audit(key: DocKey): Promise<AuditEntry[]> {
    const w = where(key);
    const rows = await listPartition<AuditEntry>(this.client, w.pk, w.audit);
    return rows.map((r) => toAuditEntry(r as unknown as Record<string, unknown>));
  }

  async listDocs(partitionKeys: string[]): Promise<Loaded<T>[]> {
    const out = await Promise.all(partitionKeys.map((pk) => this.get(pk)));
    return out.filter((x): x is Loaded<T> => Boolean(x));
  }

  raw(): TableClient {
    return this.client;
  }
}

/** Table row → audit entry; the one mapping, shared with audit-verify. */
export function toAuditEntry(e: Record<string, unknown>): AuditEntry {
  return {
    seq: Number(e.seq),
    at: String(e.at),
    actorId: String(e.actorId),
    actorName: String(e.actorName),
    action: String(e.action),
    summary: String(e.summary),
    beforeHash: String(e.beforeHash),
    afterHash: String(e.afterHash),
    prevHash: String(e.prevHash),
    // A stored entry without a scheme is an older plain SHA-256 one; the field stays absent so its hash still verifies.
    ...(e.scheme !== undefined ? { scheme: String(e.scheme) as typeof KEYED, keyId: String(e.keyId) } : {}),
    hash: String(e.hash),
  };
}

function isConflict(err: unknown): boolean {
  if (isStatus(err, 409, 412)) return true;
  // Batch failures surface as RestError with the failing operation's status in the message on some servers.
  return err instanceof RestError && /EntityAlreadyExists|UpdateConditionNotSatisfied|ConditionNotMet/i.test(String(err.message));
}

function backoff(attempt: number): Promise<void> {
  const ms = Math.min(200, 5 * 2 ** Math.min(attempt, 5)) * (0.5 + Math.random());
  return new Promise((r) => setTimeout(r, ms));
}
