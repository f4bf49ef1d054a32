import type { TableEntity } from '@azure/data-tables';
import type { Body } from '../domain/body';
import type { Meeting } from '../domain/meeting';
import type { ExtractInput } from '../domain/register-extract';
import { decodeDoc, toAuditEntry } from './document-store';
import { guard, isStatus, listPartition, odataEscape, type TableName, type TableStore } from './table-store';
import { MeetingRepo } from './meetings';
import type { CaseRepo } from './cases';
import { listConversations } from './conversations';
import type { MeetingStore, PersonDataStore, PersonRequestStore } from './ports';

export interface PersonDataSources {
  store: TableStore;
  meetings: MeetingStore;
  cases: CaseRepo;
  requests: PersonRequestStore;
}

export class PersonDataRepo implements PersonDataStore {
  constructor(private readonly src: PersonDataSources) {}

  collect(aadObjectId: string, displayName: string): Promise<ExtractInput> {
    return collectPersonData(this.src, aadObjectId, displayName);
  }
}

/**
 * Collects what Paragraf stores about one person for a registerutdrag. Bodies are few, so they are
 * read whole and kept when the person is on the roster, was on it (former entries) or founded the
 * body. In those bodies every meeting, case and audit entry is read, so that records naming the
 * person are found too; elsewhere audit entries are found by actorId. Conversation references
 * and outgoing messages are read whole and filtered in the domain.
 */
export async function collectPersonData(src: PersonDataSources, aadObjectId: string, displayName: string): Promise<ExtractInput> {
  const { store } = src;
  const bodies = await bodiesOfPerson(store, aadObjectId);
  const meetings = (await Promise.all(bodies.map((b) => src.meetings.listForBody(b.id)))).flat() as Meeting[];

  const audit: ExtractInput['audit'] = [];
  const add = (table: TableName, partition: string) => (e: Record<string, unknown>) => audit.push({ ...toAuditEntry(e), table, partition });
  const byActor = `RowKey ge 'audit|' and RowKey lt 'audit}' and actorId eq '${odataEscape(aadObjectId)}'`;
  const partitions: [TableName, string][] = [...bodies.map((b): [TableName, string] => ['bodies', b.id]), ...meetings.map((m): [TableName, string] => ['meetings', MeetingRepo.pk(m.bodyId, m.id)])];
  const auditReads = Promise.all([
    ...(['bodies', 'meetings', 'requests'] as TableName[]).map((table) => scan(store, table, byActor, (e) => add(table, String(e.partitionKey))(e))),
    ...partitions.map(async ([table, pk]) => (await listPartition<Record<string, unknown>>(store.table(table), pk, 'audit|')).forEach(add(table, pk))),
  ]);
  const [caseLists, histories, conversations, outbox, requests, owned] = await Promise.all([
    Promise.all(bodies.map((b) => src.cases.listAll(b.id))),
    Promise.all(bodies.map(async (b) => (await src.cases.histories(b.id)).map((h) => ({ ...h, bodyId: b.id })))),
    listConversations(store),
    outboxRows(store),
    src.requests.byPerson(aadObjectId),
    // Owned cases in bodies the person is no longer linked to are found through the owner index.
    src.cases.ownedBy(aadObjectId),
  ]);
  await auditReads;
  const cases = [...caseLists.flat(), ...owned].filter((c, i, all) => all.findIndex((x) => x.bodyId === c.bodyId && x.id === c.id) === i);
  return {
    aadObjectId,
    displayName,
    bodies,
    meetings,
    audit,
    cases,
    caseHistory: histories.flat(),
    conversations,
    outbox,
    requests,
  };
}

/** Bodies where the person is or was on the roster (linked by Teams identity), or which they founded. */
export async function bodiesOfPerson(store: TableStore, aadObjectId: string): Promise<Body[]> {
  return (await listBodies(store)).filter((body) => {
    const entries = [...(body.roster ?? []), ...(body.formerRoster ?? [])];
    return entries.some((r) => r.aadObjectId === aadObjectId) || body.founders?.includes(aadObjectId);
  });
}

/** Every body, by name (bodies are few: one per nämnd or råd). */
export async function listBodies(store: TableStore): Promise<Body[]> {
  const bodies: Body[] = [];
  await scan(store, 'bodies', `RowKey eq 'doc'`, (e) => void bodies.push(decodeDoc<Body>(e)));
  return bodies.sort((a, b) => a.name.localeCompare(b.name, 'sv'));
}

async function outboxRows(store: TableStore): Promise<ExtractInput['outbox']> {
  const out: ExtractInput['outbox'] = [];
  // One row per message: its key row (outbox.ts), or a row of the older layout (keys below 'g').
  await scan(store, 'outbox', `PartitionKey eq 'msg' and (RowKey lt 'g' or (RowKey ge 'key|' and RowKey lt 'key|~'))`, (e) => {
    let to: { aadObjectId?: string; name?: string; conversationId?: string } = {};
    try {
      to = JSON.parse(String(e.to ?? '{}'));
    } catch {
      // an unreadable address names nobody
    }
    out.push({ key: String(e.key ?? ''), status: String(e.status ?? ''), aadObjectId: to.aadObjectId, name: to.name, conversationId: to.conversationId });
  });
  return out;
}

async function scan(store: TableStore, table: TableName, filter: string, each: (e: TableEntity<Record<string, unknown>>) => void): Promise<void> {
  try {
    await guard(async () => {
      for await (const e of store.table(table).listEntities<Record<string, unknown>>({ queryOptions: { filter } })) each(e as TableEntity<Record<string, unknown>>);
    });
  } catch (err) {
    if (!isStatus(err, 404)) throw err;
  }
}
