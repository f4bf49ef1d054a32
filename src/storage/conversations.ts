import type { ConversationReference } from 'botbuilder';
import { guard, isStatus, type TableStore } from './table-store';
import { sha256 } from '../domain/audit-chain';

/**
 * Where Paragraf has been spoken to: one row per conversation with its reference, so proactive
 * messages (kallelse, reminders, justering) can be sent from any instance after a restart.
 */
export class ConversationRepo {
  constructor(private readonly store: TableStore) {}

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
