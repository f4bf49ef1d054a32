import type { Body } from '../domain/body';
import { sha256 } from '../domain/audit-chain';
import { DocumentStore, type Change, type Committed, type DocumentStoreOptions, type Loaded } from './document-store';
import type { TableStore } from './table-store';
import type { AuditEntry } from '../domain/audit-chain';
import type { BodyStore } from './ports';
import { bodiesOfPerson, listBodies } from './person-data';

/** Bodies: one document per body, partition = body id, derived from the conversation it is bound to. */
export class BodyRepo implements BodyStore {
  readonly docs: DocumentStore<Body>;

  constructor(private readonly store: TableStore, opts: DocumentStoreOptions = {}) {
    this.docs = new DocumentStore<Body>(store, 'bodies', opts);
  }

  /** One conversation is bound to one body, so the id follows from the conversation id. */
  static idFor(conversationId: string): string {
    return 'b' + sha256(conversationId).slice(0, 20);
  }

  get(bodyId: string): Promise<Loaded<Body> | undefined> {
    return this.docs.get(bodyId);
  }

  forConversation(conversationId: string): Promise<Loaded<Body> | undefined> {
    return this.docs.get(BodyRepo.idFor(conversationId));
  }

  change(bodyId: string, change: Change<Body>): Promise<Committed<Body>> {
    return this.docs.change(bodyId, change);
  }

  all(): Promise<Body[]> {
    return listBodies(this.store);
  }

  ofPerson(aadObjectId: string): Promise<Body[]> {
    return bodiesOfPerson(this.store, aadObjectId);
  }

  audit(bodyId: string): Promise<AuditEntry[]> {
    return this.docs.audit(bodyId);
  }
}
