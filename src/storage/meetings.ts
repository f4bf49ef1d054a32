import { randomUUID } from 'node:crypto';
import type { Meeting } from '../domain/meeting';
import { DocumentStore, decodeDoc, type Change, type Committed, type DocumentStoreOptions, type Loaded } from './document-store';
import { guard, odataEscape, type TableStore } from './table-store';

/**
 * Meetings: one partition per meeting ("<bodyId>|<meetingId>") holding the meeting document and
 * its audit trail, so a meeting reads in one request. A body's meetings are a key range.
 */
export class MeetingRepo {
  readonly docs: DocumentStore<Meeting>;

  constructor(private readonly store: TableStore, opts: DocumentStoreOptions = {}) {
    this.docs = new DocumentStore<Meeting>(store, 'meetings', opts);
  }

  static newId(): string {
    return 'm' + randomUUID().replace(/-/g, '').slice(0, 16);
  }

  static pk(bodyId: string, meetingId: string): string {
    return `${bodyId}|${meetingId}`;
  }

  get(bodyId: string, meetingId: string): Promise<Loaded<Meeting> | undefined> {
    return this.docs.get(MeetingRepo.pk(bodyId, meetingId));
  }

  change(bodyId: string, meetingId: string, change: Change<Meeting>): Promise<Committed<Meeting>> {
    return this.docs.change(MeetingRepo.pk(bodyId, meetingId), change);
  }

  /** All meetings of a body (documents only), oldest first by start. */
  async listForBody(bodyId: string): Promise<Meeting[]> {
    return (await this.listLoadedForBody(bodyId)).map((l) => l.value);
  }

  /** The same, with each document's ETag, so a change can commit on this read. */
  async listLoadedForBody(bodyId: string): Promise<Loaded<Meeting>[]> {
    const b = odataEscape(bodyId);
    const filter = `PartitionKey ge '${b}|' and PartitionKey lt '${b}|\uffff' and RowKey eq 'doc'`;
    const out: Loaded<Meeting>[] = [];
    await guard(async () => {
      for await (const e of this.store.table('meetings').listEntities<Record<string, unknown>>({ queryOptions: { filter } })) {
        out.push({ value: decodeDoc<Meeting>(e as Record<string, unknown>), etag: e.etag, version: Number(e.version), lastHash: String(e.lastHash) });
      }
    });
    return out.sort((a, b2) => a.value.start.localeCompare(b2.value.start));
  }

  /** The meeting the conversation is working on: the one in progress, else the next planned, else the latest. */
  async current(bodyId: string): Promise<Meeting | undefined> {
    const all = await this.listForBody(bodyId);
    return (
      all.find((m) => m.status === 'pågår') ??
      all.find((m) => m.status === 'planerat' || m.status === 'kallat') ??
      all[all.length - 1]
    );
  }
}
