import type { TableEntity } from '@azure/data-tables';
import type { AuditEntry } from '../domain/audit-chain';
import type { Body } from '../domain/body';
import type { Meeting } from '../domain/meeting';
import type { ExtractInput } from '../domain/register-extract';
import { decodeDoc } from './document-store';
import { guard, isStatus, odataEscape, type TableName, type TableStore } from './table-store';
import type { MeetingRepo } from './meetings';
import type { CaseRepo } from './cases';

/**
 * Collects what Paragraf stores about one person for a registerutdrag. Bodies are few, so they are
 * read whole and filtered by the roster's Teams identity; audit entries are found by actorId.
 */
export async function collectPersonData(store: TableStore, meetings: MeetingRepo, cases: CaseRepo, aadObjectId: string): Promise<ExtractInput> {
  const bodies: Body[] = [];
  await scan(store, 'bodies', `RowKey eq 'doc'`, (e) => {
    const body = decodeDoc<Body>(e);
    if (body.roster?.some((r) => r.aadObjectId === aadObjectId) || body.founders?.includes(aadObjectId)) bodies.push(body);
  });
  const meetingLists = await Promise.all(bodies.map((b) => meetings.listForBody(b.id)));
  const audit: ExtractInput['audit'] = [];
  const byActor = `RowKey ge 'audit|' and RowKey lt 'audit}' and actorId eq '${odataEscape(aadObjectId)}'`;
  for (const table of ['bodies', 'meetings'] as TableName[]) {
    await scan(store, table, byActor, (e) => audit.push({ ...(e as unknown as AuditEntry), seq: Number(e.seq), table, partition: String(e.partitionKey) }));
  }
  const owned = await cases.ownedBy(aadObjectId);
  return {
    aadObjectId,
    bodies,
    meetings: meetingLists.flat() as Meeting[],
    audit,
    cases: owned.map((c) => ({ bodyId: c.bodyId, number: c.number, title: c.title, status: c.status, due: c.due })),
  };
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
