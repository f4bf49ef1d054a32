import type { TableClient, TransactionAction } from '@azure/data-tables';
import { auditKey, DEV_AUDIT_KEY, sha256, type AuditKey } from '../domain/audit-chain';
import { caseId, caseNumber, isOpen, type Applied, type Case, type HistoryEntry, type NewCaseInput } from '../domain/cases';
import { NotFoundError } from '../domain/errors';
import { swedishDay } from '../domain/meeting-time';
import { ContentionError, DocumentStore, decodeDoc, type Actor, type Loaded } from './document-store';
import { guard, isStatus, listPartition, odataEscape, type TableStore } from './table-store';
import type { OnHead } from './audit-heads';
import { DeadlineIndex, type DeadlineRef } from './deadlines';
import type { CaseStore } from './ports';
import { legacyCaseRow, toHistory, unsealed, verifyHistory } from './case-history-legacy';

export type { Actor };

/**
 * The ärendelogg in table 'cases', one partition per body, each case a document of the shared
 * document store (document-store.ts) with its history inside it:
 *
 *   doc|<caseId>             the case and its history (JSON), plus status/open/owner/due/
 *                            lastActivityAt and the case without its history (`data`) as
 *                            properties to filter and list by; replaced If-Match its ETag
 *   audit|<caseId>|<seq>     the case's audit chain, as for bodies and meetings: each change an
 *                            entry sealed with PARAGRAF_AUDIT_KEY over the document before and after
 *   open|<caseId>            a copy of an OPEN case's `data`, written/deleted in the same transaction:
 *                            listing open cases is one range read that grows with the number of
 *                            open cases, not with the whole log (see bench/cases.ts)
 *   counter|<year>           the last case number of that year, written in the creating transaction;
 *                            the new case's document is created (not replaced), so two creations
 *                            cannot take the same number: the second fails and numbers again
 *   src|<sha(key)>           the source key of a case made from a meeting (meetingId+§+index) or an
 *                            activity id: created in the same transaction, so a resend finds it
 *   idem|<sha(key)>          idempotency markers of changes (a resent card action records once)
 *
 * The cases share a partition so that numbering, the source keys and the open index change in the
 * same transaction as the case. A person's owned cases are indexed in table 'people' (partition
 * aadObjectId, row 'owns|<bodyId>|<caseId>'); that is another table, so it is written after the
 * commit and every read checks it against the case itself (a stale index row is ignored).
 */

const MAX_ATTEMPTS = 40;
const PARAGRAF: Actor = { id: 'paragraf', name: 'Paragraf' };

/** A case as stored: the case and its history, one document, so the audit chain vouches for both. */
export interface CaseDoc extends Case {
  history: HistoryEntry[];
}

export interface LoadedCase {
  value: Case;
  etag: string;
  version: number;
  lastHash: string;
}

export const docRow = (id: string) => `doc|${id}`;
export const openRow = (id: string) => `open|${id}`;
const srcRow = (key: string) => `src|${sha256(key).slice(0, 40)}`;
const counterRow = (year: number | string) => `counter|${year}`;

export function caseOf(d: CaseDoc): Case {
  const { history: _history, ...c } = d;
  return c;
}

const loadedCase = (l: Loaded<CaseDoc>): LoadedCase => ({ value: caseOf(l.value), etag: l.etag, version: l.version, lastHash: l.lastHash });

/** Properties beside the JSON so the service can filter and list without reading the history. */
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

/** The open index kept in step with the status, in the change's own transaction. */
function openIndex(bodyId: string, next: Case, before: Case | undefined): TransactionAction[] {
  if (isOpen(next.status)) return [['upsert', { partitionKey: bodyId, rowKey: openRow(next.id), ...indexProps(next) }, 'Replace']];
  return before && isOpen(before.status) ? [['delete', { partitionKey: bodyId, rowKey: openRow(next.id) }]] : [];
}

/** Where an open case with an owner and a due date stands in the deadline index. */
export function caseDeadlines(c: Case | undefined): DeadlineRef[] {
  return c && c.due && c.ownerAad && isOpen(c.status) ? [{ kind: 'ärende', day: c.due, bodyId: c.bodyId, id: c.id }] : [];
}

/** The number (the document) was taken meanwhile: a creation never replaces a case. */
class TakenError extends Error {}

const fresh = <T>(value: T) => (cur: unknown): T => {
  if (cur) throw new TakenError();
  return value;
};

const pause = (attempt: number) => new Promise((r) => setTimeout(r, Math.min(150, 5 * 2 ** Math.min(attempt, 5)) * (0.5 + Math.random())));

export class CaseRepo implements CaseStore {
  readonly docs: DocumentStore<CaseDoc>;
  readonly client: TableClient;
  private readonly people: TableClient;
  readonly deadlines: DeadlineIndex;
  private readonly key: AuditKey;

  /**
   * `auditKey` seals the audit entries (config.auditKey; the development key when not given, as in
   * local mode); `onHead` is told each new chain head, to anchor it outside the store (see audit-heads.ts).
   */
  constructor(store: TableStore, opts: { auditKey?: AuditKey; onHead?: OnHead } = {}) {
    this.key = opts.auditKey ?? auditKey(DEV_AUDIT_KEY);
    this.docs = new DocumentStore<CaseDoc>(store, 'cases', { auditKey: this.key, onHead: opts.onHead, docProps: (d) => indexProps(caseOf(d)) });
    this.client = store.table('cases');
    this.people = store.table('people');
    this.deadlines = new DeadlineIndex(store);
  }

  async get(bodyId: string, id: string): Promise<LoadedCase | undefined> {
    const l = await this.docs.read({ partition: bodyId, id });
    return l && loadedCase(l);
  }

  /** The case and its whole history: one read (the history is in the document). */
  async withHistory(bodyId: string, id: string): Promise<{ loaded: LoadedCase; history: HistoryEntry[] } | undefined> {
    const l = await this.docs.read({ partition: bodyId, id });
    return l && { loaded: loadedCase(l), history: l.value.history };
  }

  /** Open cases of a body: one range read over the open| rows (optionally filtered by status server-side). */
  async listOpen(bodyId: string, status?: string): Promise<Case[]> {
    const pk = odataEscape(bodyId);
    let filter = `PartitionKey eq '${pk}' and RowKey ge 'open|' and RowKey lt 'open|~'`;
    if (status) filter += ` and status eq '${odataEscape(status)}'`;
    return this.query(filter);
  }

  /** The same answer read the other way: the doc| range with a filter on the open property (the bench compares both). */
  async listOpenByFilter(bodyId: string): Promise<Case[]> {
    return this.query(`PartitionKey eq '${odataEscape(bodyId)}' and RowKey ge 'doc|' and RowKey lt 'doc|~' and open eq true`);
  }

  /** Every case of a body, closed ones too (the tab's "alla" filter and CSV export). */
  async listAll(bodyId: string): Promise<Case[]> {
    return this.query(`PartitionKey eq '${odataEscape(bodyId)}' and RowKey ge 'doc|' and RowKey lt 'doc|~'`);
  }

  private async query(filter: string): Promise<Case[]> {
    const out: Case[] = [];
    await guard(async () => {
      for await (const e of this.client.listEntities<{ data: string }>({ queryOptions: { filter, select: ['data'] } })) out.push(JSON.parse(String(e.data)) as Case);
    });
    return out;
  }

  /** Every history entry of a body's cases, with its case id (the registerutdrag). */
  async histories(bodyId: string): Promise<(HistoryEntry & { caseId: string })[]> {
    const rows = await listPartition<Record<string, unknown>>(this.client, bodyId, 'doc|');
    return rows.flatMap((e) => {
      const d = decodeDoc<CaseDoc>(e);
      return d.history.map((h) => ({ ...h, caseId: d.id }));
    });
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

  private async lastNumber(bodyId: string, year: number): Promise<number> {
    try {
      return Number((await guard(() => this.client.getEntity<{ n: number }>(bodyId, counterRow(year)))).n);
    } catch (err) {
      if (isStatus(err, 404)) return 0;
      throw err;
    }
  }

  /**
   * Creates a case numbered in its body and year: the case document (created, so a number is taken
   * once), its first history line and audit entry, the counter, the open row and the source key, in
   * one transaction. Same sourceKey twice → the first case.
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
      const seq = (await this.lastNumber(bodyId, year)) + 1;
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
      try {
        // One attempt: a lost race (the number or the source key taken meanwhile) is numbered again here.
        await this.docs.change({ partition: bodyId, id: c.id }, {
          actor,
          action: 'ärende.skapa',
          summary: first.text,
          now,
          current: null,
          attempts: 1,
          apply: fresh({ ...c, history: [first] }),
          extraActions: () => [
            ['upsert', { partitionKey: bodyId, rowKey: counterRow(year), n: seq }, 'Replace'],
            ['create', { partitionKey: bodyId, rowKey: srcRow(sourceKey), caseId: c.id, key: sourceKey.slice(0, 500) }],
            ...openIndex(bodyId, c, undefined),
          ],
        });
      } catch (err) {
        if (!(err instanceof ContentionError || err instanceof TakenError)) throw err;
        await pause(attempt);
        continue;
      }
      await this.indexOwner(undefined, c);
      return { value: c, duplicate: false };
    }
    throw new Error(`too much contention on cases of ${bodyId}`);
  }

  /**
   * Applies a pure change (domain function) to a case: its history lines appended in the document,
   * the document replaced If-Match, the audit entry, the open row kept in step, the idempotency
   * marker — one transaction, replayed on a lost race (document-store.ts).
   */
  async change(bodyId: string, id: string, apply: (cur: Case) => Applied, idempotencyKey?: string): Promise<{ value: Case; duplicate: boolean }> {
    let added: Applied['entries'] = [];
    let before: Case | undefined;
    const committed = await this.docs.change({ partition: bodyId, id }, {
      actor: () => (added[0] ? { id: added[0].byId, name: added[0].by } : PARAGRAF),
      action: 'ärende.ändra',
      summary: () => added.map((e) => e.text).join(' · ') || 'Ärendet ändrades',
      idempotencyKey,
      apply: (cur) => {
        if (!cur) throw new NotFoundError('Ärendet finns inte i det här organets ärendelogg.');
        before = caseOf(cur);
        const { next, entries } = apply(before);
        added = entries;
        let seq = cur.history.length;
        return { ...next, history: [...cur.history, ...entries.map((e) => ({ ...e, seq: ++seq }))] };
      },
      extraActions: (next, cur) => openIndex(bodyId, caseOf(next), cur && caseOf(cur)),
    });
    const value = caseOf(committed.value);
    if (!committed.duplicate && before && (before.ownerAad !== value.ownerAad || before.due !== value.due || before.status !== value.status || before.title !== value.title)) await this.indexOwner(before, value);
    return { value, duplicate: committed.duplicate };
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

  /** A person's owned cases across bodies, each checked against the case itself. */
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

  /** Bulk load (benchmark, fixtures, an import): each case a document with its first history line; counters raised to the highest number. */
  async bulkInsert(bodyId: string, cases: Case[]): Promise<void> {
    const one = (c: Case) =>
      this.docs.change({ partition: bodyId, id: c.id }, {
        actor: PARAGRAF,
        action: 'ärende.skapa',
        summary: 'Ärendet skapades',
        now: new Date(c.createdAt),
        current: null,
        apply: fresh<CaseDoc>({ ...c, history: [{ seq: 1, at: c.createdAt, by: PARAGRAF.name, byId: PARAGRAF.id, kind: 'skapat', text: 'Ärendet skapades' }] }),
        extraActions: () => openIndex(bodyId, c, undefined),
      });
    for (let i = 0; i < cases.length; i += 8) await Promise.all(cases.slice(i, i + 8).map(one));
    await this.deadlines.enter(cases.flatMap((c) => caseDeadlines(c)));
    // Keep each year's counter at least at the highest number loaded, so later creations continue after it.
    const top = new Map<string, number>();
    for (const c of cases) {
      const [year, seq] = c.id.split('-');
      top.set(year, Math.max(top.get(year) ?? 0, Number(seq)));
    }
    for (const [year, n] of top) {
      if ((await this.lastNumber(bodyId, Number(year))) < n) await guard(() => this.client.upsertEntity({ partitionKey: bodyId, rowKey: counterRow(year), n }, 'Replace'));
    }
  }

  /**
   * Carries cases of the layout before the document store (`case|<id>` and `hist|<id>|<seq>` rows,
   * case-history-legacy.ts) over: each becomes a document with its history, whose first audit entry
   * records how many history lines came over, the old chain's last hash and whether it held; the old
   * rows go in the same transaction (history rows beyond it right after). Idempotent; run at start-up.
   * Returns how many cases were carried over.
   */
  async migrateOldLayout(): Promise<number> {
    const old: Record<string, unknown>[] = [];
    try {
      await guard(async () => {
        for await (const e of this.client.listEntities<Record<string, unknown>>({ queryOptions: { filter: `RowKey ge 'case|' and RowKey lt 'case}'` } })) old.push(e);
      });
    } catch (err) {
      if (isStatus(err, 404)) return 0;
      throw err;
    }
    let n = 0;
    for (const row of old) {
      const bodyId = String(row.partitionKey);
      const c = JSON.parse(String(row.data)) as Case;
      const histRows = await listPartition<Record<string, unknown>>(this.client, bodyId, `hist|${c.id}|`);
      const hist = histRows.map(toHistory).sort((a, b) => a.seq - b.seq);
      const problems = verifyHistory(hist, this.key, String(row.lastHash));
      const oldKeys = [legacyCaseRow(c.id), ...histRows.map((e) => String(e.rowKey))];
      // The document, its audit entry and up to 95 deletions fit one transaction (at most 100 rows).
      let left = oldKeys;
      try {
        await this.docs.change({ partition: bodyId, id: c.id }, {
          actor: PARAGRAF,
          action: 'ärende.flytta',
          summary: `Ärendet fördes över till dokumentlagret med ${hist.length} historikposter; den tidigare kedjans sista hash ${String(row.lastHash)}${problems.length ? `; kedjan hade fel: ${problems.join('; ')}` : ''}`,
          now: new Date(c.lastActivityAt),
          current: null,
          attempts: 1,
          apply: fresh({ ...c, history: hist.map(unsealed) }),
          extraActions: () => oldKeys.slice(0, 95).map((rowKey): TransactionAction => ['delete', { partitionKey: bodyId, rowKey }]),
        });
        n++;
        left = oldKeys.slice(95);
      } catch (err) {
        // Carried over by an earlier pass that stopped halfway (or another instance): only old rows are left.
        if (!(err instanceof ContentionError || err instanceof TakenError)) throw err;
      }
      for (const rowKey of left) await guard(() => this.client.deleteEntity(bodyId, rowKey)).catch((e) => (isStatus(e, 404) ? undefined : Promise.reject(e)));
    }
    return n;
  }
}
