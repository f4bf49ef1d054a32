import type { ConversationReference } from 'botbuilder';
import { guard, isStatus, type TableStore } from './table-store';
import { sha256 } from '../domain/audit-chain';
import type { ConversationStore } from './ports';

/**
 * Where Paragraf has been spoken to: one row per conversation with its reference, so proactive
 * messages (kallelse, reminders, justering) can be sent from any instance after a restart.
 */
export class ConversationRepo implements ConversationStore {
  constructor(private readonly store: TableStore) {}

  forget(aadObjectId: string): Promise<number> {
    return forgetPerson(this.store, aadObjectId);
  }

  static key(conversationId: string): string {
    return sha256(conversationId).slice(0, 40);
  }

  async remember(ref: Partial<ConversationReference>, seenAt: Date): Promise<void> {
    const id = ref.conversation?.id;
    if (!id) return;
    await guard(() =>
      this.store.table('conversations').upsertEntity(
        { partitionKey: 'conv', rowKey: ConversationRepo.key(id), conversationId: id, ref: JSON.stringify(ref), seenAt: seenAt.toISOString() },
        'Merge',
      ),
    );
  }

  async get(conversationId: string): Promise<Partial<ConversationReference> | undefined> {
    try {
      const e = await guard(() => this.store.table('conversations').getEntity<{ ref: string }>('conv', ConversationRepo.key(conversationId)));
      return JSON.parse(e.ref);
    } catch (err) {
      if (isStatus(err, 404)) return undefined;
      throw err;
    }
  }

  /** A person's own 1:1 chat with the bot, for personal cards and reminders. */
  async rememberPersonal(aadObjectId: string, ref: Partial<ConversationReference>): Promise<void> {
    await guard(() =>
      this.store.table('conversations').upsertEntity({ partitionKey: 'person', rowKey: sha256(aadObjectId).slice(0, 40), aadObjectId, ref: JSON.stringify(ref) }, 'Replace'),
    );
  }

  async personal(aadObjectId: string): Promise<Partial<ConversationReference> | undefined> {
    try {
      const e = await guard(() => this.store.table('conversations').getEntity<{ ref: string }>('person', sha256(aadObjectId).slice(0, 40)));
      return JSON.parse(e.ref);
    } catch (err) {
      if (isStatus(err, 404)) return undefined;
      throw err;
    }
  }
}

export interface StoredConversation {
  kind: 'personlig chatt' | 'konversation';
  conversationId: string;
  conversationType?: string;
  /** The person the reference was taken from (who spoke last there, or whose 1:1 chat it is). */
  userId?: string;
  userName?: string;
  seenAt?: string;
}

interface Row {
  partitionKey: string;
  rowKey: string;
  ref: string;
  aadObjectId?: string;
  seenAt?: string;
}

type Ref = Partial<ConversationReference> & { user?: { id?: string; name?: string; aadObjectId?: string } };

/** Every stored reference, read whole (one row per conversation and per personal chat): for a registerutdrag. */
export async function listConversations(store: TableStore): Promise<StoredConversation[]> {
  const out: StoredConversation[] = [];
  for (const row of await allRows(store)) {
    const ref = JSON.parse(row.ref) as Ref;
    const personal = row.partitionKey === 'person';
    out.push({
      kind: personal || ref.conversation?.conversationType === 'personal' ? 'personlig chatt' : 'konversation',
      conversationId: ref.conversation?.id ?? '',
      conversationType: ref.conversation?.conversationType,
      userId: personal ? row.aadObjectId : ref.user?.aadObjectId,
      userName: ref.user?.name,
      seenAt: row.seenAt,
    });
  }
  return out;
}

/**
 * Erasure: the person's personal chat references go; in a group conversation where they spoke
 * last, the reference stays (the body needs it) without them in it. Returns how many were touched.
 */
export async function forgetPerson(store: TableStore, aadObjectId: string): Promise<number> {
  const table = store.table('conversations');
  let n = 0;
  for (const row of await allRows(store)) {
    const ref = JSON.parse(row.ref) as Ref;
    const theirs = row.partitionKey === 'person' ? row.aadObjectId === aadObjectId : ref.user?.aadObjectId === aadObjectId;
    if (!theirs) continue;
    n++;
    if (row.partitionKey === 'person' || ref.conversation?.conversationType === 'personal') {
      await guard(() => table.deleteEntity(row.partitionKey, row.rowKey)).catch((err) => (isStatus(err, 404) ? undefined : Promise.reject(err)));
    } else {
      const { user: _user, ...rest } = ref;
      await guard(() => table.updateEntity({ partitionKey: row.partitionKey, rowKey: row.rowKey, ref: JSON.stringify(rest) }, 'Merge'));
    }
  }
  return n;
}

async function allRows(store: TableStore): Promise<Row[]> {
  const rows: Row[] = [];
  try {
    await guard(async () => {
      for await (const e of store.table('conversations').listEntities<Row>()) rows.push(e as Row);
    });
  } catch (err) {
    if (!isStatus(err, 404)) throw err;
  }
  return rows;
}
