import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import type { TableClient, TransactionAction } from '@azure/data-tables';
import type { Meeting, VoteChoice } from '../domain/meeting';
import { decodeDoc } from './document-store';
import { guard, isStatus, listPartition, odataEscape, type TableStore } from './table-store';
import { MeetingRepo } from './meetings';

/**
 * What members press themselves, one row per press beside the meeting document in its partition:
 * a press is one write, with no ETag and no contention with the others (101 members pressing in
 * the same second do not queue on the meeting document), and a vote is read back with one
 * partition query. The row key is fixed per vote and member, so a resend or a double press writes
 * the same row: it is recorded once. The meeting document keeps what the chair and secretary decide.
 *
 * Val med slutna sedlar: a press writes, in one transaction, a "has voted" row keyed by the member
 * (without the choice) and a ballot row under a random key, without a time, holding the choice
 * encrypted (AES-256-GCM, fixed length) with a key derived from PARAGRAF_AUDIT_KEY, which is not in
 * storage. The ballots are decrypted and counted only when the vote closes, and then deleted; the
 * count goes into the meeting document. See README, "Sluten omröstning".
 */

const PREFIX = 'p|';
const voteRow = (voteId: string, memberId: string) => `${PREFIX}vote|${voteId}|${memberId}`;
const votedRow = (voteId: string, memberId: string) => `${PREFIX}voted|${voteId}|${memberId}`;
const ballotPrefix = (voteId: string) => `${PREFIX}ballot|${voteId}|`;
const checkInRow = (memberId: string) => `${PREFIX}checkin|${memberId}`;

const CODE: Record<VoteChoice, string> = { ja: 'j', nej: 'n', avstår: 'a' };
const CHOICE: Record<string, VoteChoice> = { j: 'ja', n: 'nej', a: 'avstår' };
const CHOICES = new Set<string>(['ja', 'nej', 'avstår']);

export class MemberPresses {
  private readonly client: TableClient;
  private readonly ballotKey: Buffer;

  constructor(store: TableStore, secret: string) {
    this.client = store.table('meetings');
    this.ballotKey = createHmac('sha256', secret).update('paragraf|valsedel').digest();
  }

  /** A member's vote in an open votering: the same row each time, so a changed vote replaces the last. */
  async vote(bodyId: string, meetingId: string, voteId: string, memberId: string, choice: VoteChoice, at: string): Promise<void> {
    const pk = MeetingRepo.pk(bodyId, meetingId);
    await guard(() => this.client.upsertEntity({ partitionKey: pk, rowKey: voteRow(voteId, memberId), choice, at }, 'Replace'));
  }

  /** memberId → choice for an open votering, in one partition query. */
  async votes(bodyId: string, meetingId: string, voteId: string): Promise<Record<string, VoteChoice>> {
    const rows = await listPartition<{ choice: string }>(this.client, MeetingRepo.pk(bodyId, meetingId), voteRow(voteId, ''));
    const out: Record<string, VoteChoice> = {};
    for (const r of rows) if (CHOICES.has(r.choice)) out[r.rowKey.slice(voteRow(voteId, '').length)] = r.choice as VoteChoice;
    return out;
  }

  /**
   * The meeting document and every press on one vote, in one partition query: what a press reads
   * right after its own write, to learn whether the vote began closing meanwhile and whether all
   * have voted. Only has-voted rows for a secret vote (never its ballots).
   */
  async afterPress(bodyId: string, meetingId: string, voteId: string, secret: boolean): Promise<{ meeting?: Meeting; votes: Record<string, VoteChoice>; voters: string[] }> {
    const prefix = secret ? votedRow(voteId, '') : voteRow(voteId, '');
    const filter = `PartitionKey eq '${odataEscape(MeetingRepo.pk(bodyId, meetingId))}' and (RowKey eq 'doc' or (RowKey ge '${odataEscape(prefix)}' and RowKey lt '${odataEscape(prefix)}\uffff'))`;
    const out: { meeting?: Meeting; votes: Record<string, VoteChoice>; voters: string[] } = { votes: {}, voters: [] };
    await guard(async () => {
      for await (const r of this.client.listEntities<Record<string, unknown>>({ queryOptions: { filter } })) {
        const key = String(r.rowKey);
        if (key === 'doc') out.meeting = decodeDoc<Meeting>(r);
        else {
          const member = key.slice(prefix.length);
          out.voters.push(member);
          if (!secret && CHOICES.has(String(r.choice))) out.votes[member] = r.choice as VoteChoice;
        }
      }
    });
    return out;
  }

  /**
   * A ballot in a val med slutna sedlar: the "has voted" row and the ballot in one transaction, so
   * both are there or neither. 'already' when this member has voted (a resend, a double press).
   */
  async castBallot(bodyId: string, meetingId: string, voteId: string, memberId: string, choice: VoteChoice): Promise<{ cast: true; ballotKey: string } | { cast: false }> {
    const pk = MeetingRepo.pk(bodyId, meetingId);
    const ballotKey = ballotPrefix(voteId) + randomBytes(16).toString('hex');
    const actions: TransactionAction[] = [
      ['create', { partitionKey: pk, rowKey: votedRow(voteId, memberId) }],
      ['create', { partitionKey: pk, rowKey: ballotKey, c: this.seal(voteId, choice) }],
    ];
    try {
      await guard(() => this.client.submitTransaction(actions));
      return { cast: true, ballotKey };
    } catch (err) {
      if (isStatus(err, 409) || /EntityAlreadyExists/i.test(String((err as Error).message))) return { cast: false };
      throw err;
    }
  }

  /**
   * Takes back a ballot that came in after the count (the voter is told it did not count): the one
   * handler that wrote it knows its key, only in memory, and deletes it with the has-voted row.
   */
  async withdrawBallot(bodyId: string, meetingId: string, voteId: string, memberId: string, ballotKey: string): Promise<void> {
    const pk = MeetingRepo.pk(bodyId, meetingId);
    await guard(() => this.client.submitTransaction([['delete', { partitionKey: pk, rowKey: votedRow(voteId, memberId) }], ['delete', { partitionKey: pk, rowKey: ballotKey }]]));
  }

  /** Who has handed in a ballot (member ids in key order, which is not the order of voting). */
  async voters(bodyId: string, meetingId: string, voteId: string): Promise<string[]> {
    const rows = await listPartition(this.client, MeetingRepo.pk(bodyId, meetingId), votedRow(voteId, ''));
    return rows.map((r) => r.rowKey.slice(votedRow(voteId, '').length));
  }

  /**
   * The count at close: the ballots, decrypted, with their row keys (to delete them afterwards), and
   * who voted, in one query, so that a ballot and its has-voted row (one transaction) are both in it or neither.
   */
  async ballots(bodyId: string, meetingId: string, voteId: string): Promise<{ choices: VoteChoice[]; keys: string[]; voters: string[] }> {
    const range = (prefix: string) => `(RowKey ge '${odataEscape(prefix)}' and RowKey lt '${odataEscape(prefix)}\uffff')`;
    const filter = `PartitionKey eq '${odataEscape(MeetingRepo.pk(bodyId, meetingId))}' and (${range(ballotPrefix(voteId))} or ${range(votedRow(voteId, ''))})`;
    const out = { choices: [] as VoteChoice[], keys: [] as string[], voters: [] as string[] };
    await guard(async () => {
      for await (const r of this.client.listEntities<{ c?: string }>({ queryOptions: { filter } })) {
        const key = String(r.rowKey);
        if (key.startsWith(votedRow(voteId, ''))) out.voters.push(key.slice(votedRow(voteId, '').length));
        else {
          out.keys.push(key);
          out.choices.push(this.open(voteId, String(r.c)));
        }
      }
    });
    return out;
  }

  /** Deletes counted ballots (after the count is in the meeting document): afterwards no row even pairs a voter's write with a ballot. */
  async dropBallots(bodyId: string, meetingId: string, keys: string[]): Promise<void> {
    const pk = MeetingRepo.pk(bodyId, meetingId);
    for (let i = 0; i < keys.length; i += 100) {
      const chunk = keys.slice(i, i + 100);
      await guard(() => this.client.submitTransaction(chunk.map((rowKey) => ['delete', { partitionKey: pk, rowKey }])));
    }
  }

  /** "Jag är här": one row per member, written again on a second press (recorded once). */
  async checkIn(bodyId: string, meetingId: string, memberId: string, at: string): Promise<void> {
    await guard(() => this.client.upsertEntity({ partitionKey: MeetingRepo.pk(bodyId, meetingId), rowKey: checkInRow(memberId), at }, 'Replace'));
  }

  /** The members who checked in, in one partition query. */
  async checkIns(bodyId: string, meetingId: string): Promise<string[]> {
    const rows = await listPartition(this.client, MeetingRepo.pk(bodyId, meetingId), checkInRow(''));
    return rows.map((r) => r.rowKey.slice(checkInRow('').length));
  }

  /** Every choice encrypts to the same length (one letter), with a fresh IV: equal choices do not look equal. */
  private seal(voteId: string, choice: VoteChoice): string {
    const iv = randomBytes(12);
    const c = createCipheriv('aes-256-gcm', this.ballotKey, iv);
    c.setAAD(Buffer.from(voteId));
    const ct = Buffer.concat([c.update(CODE[choice], 'utf8'), c.final()]);
    return Buffer.concat([iv, c.getAuthTag(), ct]).toString('base64');
  }

  private open(voteId: string, sealed: string): VoteChoice {
    const raw = Buffer.from(sealed, 'base64');
    const d = createDecipheriv('aes-256-gcm', this.ballotKey, raw.subarray(0, 12));
    d.setAAD(Buffer.from(voteId));
    d.setAuthTag(raw.subarray(12, 28));
    const code = Buffer.concat([d.update(raw.subarray(28)), d.final()]).toString('utf8');
    const choice = CHOICE[code];
    if (!choice) throw new Error('unreadable ballot');
    return choice;
  }
}
