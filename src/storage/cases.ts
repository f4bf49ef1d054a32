import type { TableClient, TransactionAction } from '@azure/data-tables';
import { auditKey, DEV_AUDIT_KEY, GENESIS, KEYED, sealProblem, sealWithKey, sha256, type AuditKey } from '../domain/audit-chain';
import { caseId, caseNumber, isOpen, type Applied, type Case, type HistoryEntry, type NewCaseInput } from '../domain/cases';
import { NotFoundError } from '../domain/errors';
import { swedishDay } from '../domain/meeting-time';
import { guard, isStatus, odataEscape, type TableStore } from './table-store';
import type { OnHead } from './audit-heads';
import { DeadlineIndex, type DeadlineRef } from './deadlines';
import type { CaseStore } from './ports';

/**
 * The ärendelogg in table 'cases', one partition per body, so every change is one entity-group
 * transaction and every read one partition query:
 *
 *   case|<caseId>            the case (JSON in `data`, plus status/open/owner/due/lastActivityAt as
 *                            properties to filter on), updated If-Match its ETag
 *   open|<caseId>            a copy of an OPEN case's JSON, written/deleted in the same transaction:
 *                            listing open cases is one range read that grows with the number of
 *                            open cases, not with the whole log (see bench/cases.ts)
 *   hist|<caseId>|<seq>      the case's history, append-only (only ever 'create'd). It is also the
 *                            audit: each row carries prevHash (the previous row's hash, per case)
 *                            and hash over its own content, sealed with PARAGRAF_AUDIT_KEY (HMAC;
 *                            rows without `scheme` are older plain SHA-256), so an edited or deleted row is detected
 *                            by verifyHistory; the case row keeps histSeq and lastHash of the chain
 *   counter|<year>           the last case number of that year, bumped If-Match in the creating
 *                            transaction, so two creations cannot take the same number
 *   src|<sha(key)>           the source key of a case made from a meeting (meetingId+§+index) or an
 *                            activity id: created in the same transaction, so a resend finds it
 *   idem|<sha(key)>          idempotency markers of changes (a resent card action records once)
 *
 * A person's owned cases are indexed in table 'people' (partition aadObjectId, row
 * 'owns|<bodyId>|<caseId>'); that is another table, so it is written after the case commit and
 * every read checks it against the case itself (a stale index row is ignored, never trusted).
 */

const HIST_PAD = 6;
const MAX_ATTEMPTS = 40;

export interface CaseRow {
  partitionKey: string;
  rowKey: string;
  etag: string;
  data: string;
  histSeq: number;
  lastHash: string;
}

export interface LoadedCase {
  value: Case;
  etag: string;
  histSeq: number;
  lastHash: string;
}

export interface Actor {
  id: string;
  name: string;
}

export const caseRow = (id: string) => `case|${id}`;
export const openRow = (id: string) => `open|${id}`;
export const histRow = (id: string, seq: number) => `hist|${id}|${String(seq).padStart(HIST_PAD, '0')}`;
const srcRow = (key: string) => `src|${sha256(key).slice(0, 40)}`;
const idemRow = (key: string) => `idem|${sha256(key).slice(0, 40)}`;

/** Properties next to the JSON so the service can filter without reading it. */
function indexProps(c: Case) {
  return {
    status: c.status,
    open: isOpen(c.status),
    ownerAad: c.ownerAad ?? '',
    owner: c.owner ?? '',
    due: c.due ?? '',
    nextMeeting: c.nextMeeting,
    lastActivityAt: c.lastActivityAt,
    data: JSON.stringify(c),
  };
}

type SealedHistory = HistoryEntry & { prevHash: string; scheme?: typeof KEYED; keyId?: string; hash: string };

export function sealHistory(e: HistoryEntry, prevHash: string, key: AuditKey): { hash: string; prevHash: string; scheme: typeof KEYED; keyId: string } {
  const { hash, scheme, keyId } = sealWithKey({ ...stripUndefined(e), prevHash }, key);
  return { prevHash, scheme, keyId, hash };
}

function stripUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

function histEntity(bodyId: string, caseIdValue: string, e: HistoryEntry, prevHash: string, key: AuditKey) {
  const sealed = sealHistory(e, prevHash, key);
  return { partitionKey: bodyId, rowKey: histRow(caseIdValue, e.seq), ...stripUndefined(e), ...sealed };
}

/** Table row → history entry; the one mapping, shared with audit-verify. */
export function toHistory(e: Record<string, unknown>): SealedHistory {
  return {
    seq: Number(e.seq),
    at: String(e.at),
    by: String(e.by),
    byId: String(e.byId),
    kind: e.kind as HistoryEntry['kind'],
    text: String(e.text),
    meetingId: e.meetingId === undefined ? undefined : String(e.meetingId),
    paragraph: e.paragraph === undefined ? undefined : Number(e.paragraph),
    prevHash: String(e.prevHash),
    // Rows without a scheme are the older plain SHA-256 ones; the fields stay absent so their hash still verifies.
    ...(e.scheme !== undefined ? { scheme: String(e.scheme) as typeof KEYED, keyId: String(e.keyId) } : {}),
    hash: String(e.hash),
  };
}

/** Problems in a case's history chain (edited row, missing row, broken link, plain row after keyed ones); [] when intact. */
export function verifyHistory(rows: SealedHistory[], key: AuditKey, lastHash?: string): string[] {
  const problems: string[] = [];
  let prev = GENESIS;
  let keyed = false;
  rows.forEach((r, i) => {
    if (r.seq !== i + 1) problems.push(`post ${i + 1} saknas`);
    if (r.prevHash !== prev) problems.push(`post ${r.seq}: kedjan är bruten`);
    const sealed = sealProblem(stripUndefined(r), key);
    if (sealed) problems.push(sealed.startsWith('posten har ändrats') ? `post ${r.seq} har ändrats` : `post ${r.seq}: ${sealed}`);
    if (r.scheme === undefined && keyed) problems.push(`post ${r.seq} är bara hash-förseglad fast tidigare poster är nyckelförseglade (omförseglad utan nyckeln)`);
    keyed ||= r.scheme !== undefined;
    prev = r.hash;
  });
  if (lastHash !== undefined && lastHash !== prev) problems.push('den sista posten saknas');
  return problems;
}

/** Where an open case with an owner and a due date stands in the deadline index. */
export function caseDeadlines(c: Case | undefined): DeadlineRef[] {
  return c && c.due && c.ownerAad && isOpen(c.status) ? [{ kind: 'ärende', day: c.due, bodyId: c.bodyId, id: c.id }] : [];
}

function conflict(err: unknown): boolean {
  return isStatus(err, 409, 412) || /EntityAlreadyExists|UpdateConditionNotSatisfied|ConditionNotMet/i.test(String((err as Error)?.message));
}

const pause = (attempt: number) => new Promise((r) => setTimeout(r, Math.min(150, 5 * 2 ** Math.min(attempt, 5)) * (0.5 + Math.random())));

export class CaseRepo implements CaseStore {
  readonly client: TableClient;
  private readonly people: TableClient;
  readonly deadlines: DeadlineIndex;

  private readonly key: AuditKey;
  private readonly onHead?: OnHead;

  /**
   * `auditKey` seals the history (config.auditKey; the development key when not given, as in local
   * mode); `onHead` is told each new chain head, to anchor it outside the store (see audit-heads.ts).
   */
  constructor(store: TableStore, opts: { auditKey?: AuditKey; onHead?: OnHead } = {}) {
    this.key = opts.auditKey ?? auditKey(DEV_AUDIT_KEY);
    this.onHead = opts.onHead;
    this.client = store.table('cases');
    this.people = store.table('people');
    this.deadlines = new DeadlineIndex(store);
  }

  async get(bodyId: string, id: string): Promise<LoadedCase | undefined> {
    try {
      const e = await guard(() => this.client.getEntity<CaseRow>(bodyId, caseRow(id)));
      return { value: JSON.parse(String(e.data)) as Case, etag: e.etag, histSeq: Number(e.histSeq), lastHash: String(e.lastHash) };
    } catch (err) {
      if (isStatus(err, 404)) return undefined;
      throw err;
    }
  }

  /** The case and its whole history in one partition query (two key ranges of one partition). */
  async withHistory(bodyId: string, id: string): Promise<{ loaded: LoadedCase; history: (HistoryEntry & { prevHash: string; hash: string })[] } | undefined> {
    const pk = odataEscape(bodyId);
    const cid = odataEscape(id);
    const filter = `PartitionKey eq '${pk}' and (RowKey eq 'case|${cid}' or (RowKey ge 'hist|${cid}|' and RowKey lt 'hist|${cid}|~'))`;
    let loaded: LoadedCase | undefined;
    const history: (HistoryEntry & { prevHash: string; hash: string })[] = [];
    await guard(async () => {
      for await (const e of this.client.listEntities<Record<string, unknown>>({ queryOptions: { filter } })) {
        if (e.rowKey!.startsWith('case|')) loaded = { value: JSON.parse(String(e.data)) as Case, etag: e.etag, histSeq: Number(e.histSeq), lastHash: String(e.lastHash) };
        else history.push(toHistory(e));
      }
    });
    if (!loaded) return undefined;
    history.sort((a, b) => a.seq - b.seq);
    return { loaded, history };
  }

  /** Open cases of a body: one range read over the open| rows (optionally filtered by status server-side). */
  async listOpen(bodyId: string, status?: string): Promise<Case[]> {
    const pk = odataEscape(bodyId);
    let filter = `PartitionKey eq '${pk}' and RowKey ge 'open|' and RowKey lt 'open|~'`;
    if (status) filter += ` and status eq '${odataEscape(status)}'`;
    return this.query(filter);
  }

  /** The same answer read the other way: the case| range with a filter on the open property (the bench compares both). */
  async listOpenByFilter(bodyId: string): Promise<Case[]> {
    const pk = odataEscape(bodyId);
    return this.query(`PartitionKey eq '${pk}' and RowKey ge 'case|' and RowKey lt 'case|~' and open eq true`);
  }

  /** Every case of a body, closed ones too (the tab's "alla" filter and CSV export). */
  async listAll(bodyId: string): Promise<Case[]> {
    const pk = odataEscape(bodyId);
    return this.query(`PartitionKey eq '${pk}' and RowKey ge 'case|' and RowKey lt 'case|~'`);
  }

  private async query(filter: string): Promise<Case[]> {
    const out: Case[] = [];
    await guard(async () => {
      for await (const e of this.client.listEntities<{ data: string }>({ queryOptions: { filter, select: ['data'] } })) out.push(JSON.parse(String(e.data)) as Case);
    });
    return out;
  }

  /** The case made from this source key, if any (src| row). */
  async bySource(bodyId: string, key: string): Promise<string | undefined> {
    try {
      const e = await guard(() => this.client.getEntity<{ caseId: string }>(bodyId, srcRow(key)));
      return String(e.caseId);
    } catch (err) {
      if (isStatus(err, 404)) return undefined;
      throw err;
    }
  }

  /**
   * Creates a case numbered in its body and year: counter bump (If-Match), case row, open row,
   * first history row and the source key, in one transaction. Same sourceKey twice → the first case.
   */
  async create(bodyId: string, input: NewCaseInput & { ownerAad?: string; attachments?: string[]; nextMeeting?: boolean }, actor: Actor, now: Date, sourceKey: string, historyText?: string): Promise<{ value: Case; duplicate: boolean }> {
    // The case number's year is the Swedish one: 23:30 UTC on 31 December is already next year.
    const year = Number(swedishDay(now).slice(0, 4));
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const existing = await this.bySource(bodyId, sourceKey);
      if (existing) {
        const got = await this.get(bodyId, existing);
        if (got) return { value: got.value, duplicate: true };
      }
      let counter: { n: number; etag?: string } = { n: 0 };
      try {
        const e = await guard(() => this.client.getEntity<{ n: number }>(bodyId, `counter|${year}`));
        counter = { n: Number(e.n), etag: e.etag };
      } catch (err) {
        if (!isStatus(err, 404)) throw err;
      }
      const seq = counter.n + 1;
      const at = now.toISOString();
      const c: Case = {
        id: caseId(year, seq),
        bodyId,
        number: caseNumber(year, seq),
        diarienummer: input.diarienummer,
        title: input.title,
        origin: input.origin,
        owner: input.owner,
        ownerAad: input.ownerAad,
        status: 'öppet',
        due: input.due,
        tags: input.tags,
        attachments: input.attachments ?? [],
        nextMeeting: input.nextMeeting ?? false,
        createdAt: at,
        lastActivityAt: at,
      };
      const first: HistoryEntry = {
        seq: 1,
        at,
        by: actor.name,
        byId: actor.id,
        kind: 'skapat',
        text: historyText ?? `Ärendet skapades${input.owner ? `, ägare ${input.owner}` : ''}`,
        meetingId: input.origin.meetingId,
        paragraph: input.origin.paragraph,
      };
      const h = histEntity(bodyId, c.id, first, GENESIS, this.key);
      const counterEntity = { partitionKey: bodyId, rowKey: `counter|${year}`, n: seq };
      const actions: TransactionAction[] = [
        counter.etag ? ['update', counterEntity, 'Replace', { etag: counter.etag }] : ['create', counterEntity],
        ['create', { partitionKey: bodyId, rowKey: caseRow(c.id), ...indexProps(c), histSeq: 1, lastHash: h.hash }],
        ['create', { partitionKey: bodyId, rowKey: openRow(c.id), ...indexProps(c) }],
        ['create', h],
        ['create', { partitionKey: bodyId, rowKey: srcRow(sourceKey), caseId: c.id, key: sourceKey.slice(0, 500) }],
      ];
      try {
        await guard(() => this.client.submitTransaction(actions));
        this.onHead?.({ table: 'cases', partition: `${bodyId}|${c.id}`, seq: 1, hash: h.hash });
        await this.indexOwner(undefined, c);
        return { value: c, duplicate: false };
      } catch (err) {
        if (conflict(err)) {
          await pause(attempt);
          continue;
        }
        throw err;
      }
    }
    throw new Error(`too much contention on cases of ${bodyId}`);
  }

  /**
   * Applies a pure change (domain function) to a case: case row If-Match, open row kept in step,
   * history rows appended with the chain, idempotency marker — one transaction; replays on conflict.
   */
  async change(bodyId: string, id: string, apply: (cur: Case) => Applied, idempotencyKey?: string): Promise<{ value: Case; duplicate: boolean }> {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const cur = await this.get(bodyId, id);
      if (!cur) throw new NotFoundError('Ärendet finns inte i det här organets ärendelogg.');
      if (idempotencyKey && (await this.seen(bodyId, idempotencyKey))) return { value: cur.value, duplicate: true };
      const { next, entries } = apply(cur.value);
      let prev = cur.lastHash;
      let seq = cur.histSeq;
      const hist = entries.map((e) => {
        seq += 1;
        const row = histEntity(bodyId, id, { ...e, seq }, prev, this.key);
        prev = row.hash;
        return row;
      });
      const actions: TransactionAction[] = [
        ['update', { partitionKey: bodyId, rowKey: caseRow(id), ...indexProps(next), histSeq: seq, lastHash: prev }, 'Replace', { etag: cur.etag }],
        ...hist.map((h): TransactionAction => ['create', h]),
      ];
      if (isOpen(next.status)) actions.push(['upsert', { partitionKey: bodyId, rowKey: openRow(id), ...indexProps(next) }, 'Replace']);
      else if (isOpen(cur.value.status)) actions.push(['delete', { partitionKey: bodyId, rowKey: openRow(id) }]);
      if (idempotencyKey) actions.push(['create', { partitionKey: bodyId, rowKey: idemRow(idempotencyKey), at: next.lastActivityAt }]);
      try {
        await guard(() => this.client.submitTransaction(actions));
        if (hist.length) this.onHead?.({ table: 'cases', partition: `${bodyId}|${id}`, seq, hash: prev });
        if (cur.value.ownerAad !== next.ownerAad || cur.value.due !== next.due || cur.value.status !== next.status || cur.value.title !== next.title) await this.indexOwner(cur.value, next);
        return { value: next, duplicate: false };
      } catch (err) {
        if (conflict(err)) {
          await pause(attempt);
          continue;
        }
        throw err;
      }
    }
    throw new Error(`too much contention on case ${id}`);
  }

  private async seen(bodyId: string, key: string): Promise<boolean> {
    try {
      await guard(() => this.client.getEntity(bodyId, idemRow(key)));
      return true;
    } catch (err) {
      if (isStatus(err, 404)) return false;
      throw err;
    }
  }

  /**
   * Keeps people/owns|<bodyId>|<caseId> in step with the case's owner (upsert new, delete old), and
   * enters a new due date of an open, owned case in the deadline index (side by side).
   */
  private async indexOwner(before: Case | undefined, after: Case): Promise<void> {
    await Promise.all([this.indexOwnerRow(before, after), this.deadlines.enter(caseDeadlines(after), caseDeadlines(before))]);
  }

  private async indexOwnerRow(before: Case | undefined, after: Case): Promise<void> {
    const rk = `owns|${after.bodyId}|${after.id}`;
    if (before?.ownerAad && before.ownerAad !== after.ownerAad) {
      await guard(() => this.people.deleteEntity(before.ownerAad!, rk)).catch((err) => {
        if (!isStatus(err, 404)) throw err;
      });
    }
    if (after.ownerAad) {
      await guard(() =>
        this.people.upsertEntity({ partitionKey: after.ownerAad!, rowKey: rk, bodyId: after.bodyId, caseId: after.id, due: after.due ?? '', open: isOpen(after.status), title: after.title }, 'Replace'),
      );
    }
  }

  /** A person's owned cases across bodies, each checked against the case row. */
  async ownedBy(aadObjectId: string): Promise<Case[]> {
    const refs: { bodyId: string; caseId: string }[] = [];
    const filter = `PartitionKey eq '${odataEscape(aadObjectId)}' and RowKey ge 'owns|' and RowKey lt 'owns|~'`;
    await guard(async () => {
      for await (const e of this.people.listEntities<{ bodyId: string; caseId: string }>({ queryOptions: { filter } })) refs.push({ bodyId: String(e.bodyId), caseId: String(e.caseId) });
    });
    const got = await Promise.all(refs.map((r) => this.get(r.bodyId, r.caseId)));
    return got.filter((g): g is LoadedCase => Boolean(g && g.value.ownerAad === aadObjectId)).map((g) => g.value);
  }

  /** Owner index rows with a due date in [from, to] across everyone (for reminders). */
  async dueBetween(from: string, to: string): Promise<{ bodyId: string; caseId: string }[]> {
    // One range read of the deadline index; whose the case is, and whether it is still due, the caller reads from the case.
    return (await this.deadlines.due('ärende', from, to)).map((r) => ({ bodyId: r.bodyId, caseId: r.id }));
  }

  /** Every open case with an owner and a due date, from the people index (the deadline repair's scan). */
  async allOwnedDue(): Promise<DeadlineRef[]> {
    const out: DeadlineRef[] = [];
    await guard(async () => {
      for await (const e of this.people.listEntities<{ bodyId: string; caseId: string; due: string }>({ queryOptions: { filter: `RowKey ge 'owns|' and RowKey lt 'owns|~' and open eq true and due ne ''` } })) {
        out.push({ kind: 'ärende', day: String(e.due), bodyId: String(e.bodyId), id: String(e.caseId) });
      }
    });
    return out;
  }

  /** Bulk load (benchmark, fixtures, an import): up to 100 rows per transaction; each case gets its first history row. */
  async bulkInsert(bodyId: string, cases: Case[]): Promise<void> {
    const actions: TransactionAction[] = [];
    for (const c of cases) {
      const first: HistoryEntry = { seq: 1, at: c.createdAt, by: 'Paragraf', byId: 'paragraf', kind: 'skapat', text: 'Ärendet skapades' };
      const h = histEntity(bodyId, c.id, first, GENESIS, this.key);
      actions.push(['create', { partitionKey: bodyId, rowKey: caseRow(c.id), ...indexProps(c), histSeq: 1, lastHash: h.hash }], ['create', h]);
      if (isOpen(c.status)) actions.push(['create', { partitionKey: bodyId, rowKey: openRow(c.id), ...indexProps(c) }]);
    }
    for (let i = 0; i < actions.length; i += 100) {
      const batch = actions.slice(i, i + 100);
      await guard(() => this.client.submitTransaction(batch));
    }
    await this.deadlines.enter(cases.flatMap((c) => caseDeadlines(c)));
    // Keep each year's counter at least at the highest number loaded, so later creations continue after it.
    const top = new Map<string, number>();
    for (const c of cases) {
      const [year, seq] = c.id.split('-');
      top.set(year, Math.max(top.get(year) ?? 0, Number(seq)));
    }
    for (const [year, n] of top) {
      const rk = `counter|${year}`;
      for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
        try {
          const cur = await guard(() => this.client.getEntity<{ n: number }>(bodyId, rk)).catch((err) => (isStatus(err, 404) ? undefined : Promise.reject(err)));
          if (cur && Number(cur.n) >= n) break;
          if (cur) await guard(() => this.client.updateEntity({ partitionKey: bodyId, rowKey: rk, n }, 'Replace', { etag: cur.etag }));
          else await guard(() => this.client.createEntity({ partitionKey: bodyId, rowKey: rk, n }));
          break;
        } catch (err) {
          if (!conflict(err)) throw err;
          await pause(attempt);
        }
      }
    }
  }
}
