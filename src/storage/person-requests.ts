import type { PersonRequest } from '../domain/person-request';
import { decodeDoc, DocumentStore, type Change, type Committed, type DocumentStoreOptions, type Loaded } from './document-store';
import { guard, isStatus, type TableStore } from './table-store';
import type { AuditEntry } from '../domain/audit-chain';
import type { PersonRequestStore } from './ports';

/**
 * Requests about one's own data (rättelse, radering): one document per request in table
 * 'requests', with its own hash-chained audit entries (received, decided, erasure done).
 */
export class PersonRequestRepo implements PersonRequestStore {
  readonly docs: DocumentStore<PersonRequest>;

  constructor(private readonly store: TableStore, opts: DocumentStoreOptions = {}) {
    this.docs = new DocumentStore<PersonRequest>(store, 'requests', opts);
  }

  get(id: string): Promise<Loaded<PersonRequest> | undefined> {
    return this.docs.read(id);
  }

  change(id: string, change: Change<PersonRequest>): Promise<Committed<PersonRequest>> {
    return this.docs.change(id, change);
  }

  audit(id: string): Promise<AuditEntry[]> {
    return this.docs.audit(id);
  }

  /** A person's requests. Requests are few, so the documents are read and filtered here. */
  async byPerson(aadObjectId: string): Promise<PersonRequest[]> {
    const out: PersonRequest[] = [];
    try {
      await guard(async () => {
        for await (const e of this.store.table('requests').listEntities<Record<string, unknown>>({ queryOptions: { filter: `RowKey eq 'doc'` } })) {
          const r = decodeDoc<PersonRequest>(e);
          if (r.aadObjectId === aadObjectId) out.push(r);
        }
      });
    } catch (err) {
      if (!isStatus(err, 404)) throw err;
    }
    return out;
  }
}
