import type { TableClient } from '@azure/data-tables';
import { BallotUrn, votedRow, type CastResult } from './ballot-urn';
import type { Meeting, VoteChoice } from '../domain/meeting';
import { decodeDoc } from './document-store';
import { guard, listPartition, odataEscape, type TableStore } from './table-store';
import { MeetingRepo } from './meetings';
import { ReadAfter } from './read-after';

/**
 * What members press themselves, one row per press beside the meeting document in its partition:
 * a press is one write, with no ETag and no contention with the others (101 members pressing in
 * the same second do not queue on the meeting document), and a vote is read back with one
 * partition query. The row key is fixed per vote and member, so a resend or a double press writes
 * the same row: it is recorded once. The meeting document keeps what the chair and secretary decide.
 *
 * Val med slutna sedlar: the ballots go into an urn of sealed slots (ballot-urn.ts), mixed so that
 * no row, Timestamp or ETag pairs a ballot with its voter's has-voted row. See README, "Sluten omröstning".
 */

const PREFIX = 'p|';
const voteRow = (voteId: string, memberId: string) => `${PREFIX}vote|${voteId}|${memberId}`;
const checkInRow = (memberId: string) => `${PREFIX}checkin|${memberId}`;

const CHOICES = new Set<string>(['ja', 'nej', 'avstår']);

export class MemberPresses {
  private readonly pressReads = new ReadAfter<{ meeting?: Meeting; votes: Record<string, VoteChoice>; voters: string[] }>();
  private readonly checkInReads = new ReadAfter<string[]>();
  private readonly client: TableClient;
  private readonly urn: BallotUrn;

  constructor(store: TableStore, secret: string) {
    this.client = store.table('meetings');
    this.urn = BallotUrn.of(store, secret);
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
    // Presses at the same moment share one read that starts after their writes (read-after.ts).
    const shared = await this.pressReads.read(`${bodyId}|${meetingId}|${voteId}|${secret}`, () => this.readPresses(bodyId, meetingId, voteId, secret));
    return { meeting: shared.meeting, votes: { ...shared.votes }, voters: [...shared.voters] };
  }

  private async readPresses(bodyId: string, meetingId: string, voteId: string, secret: boolean): Promise<{ meeting?: Meeting; votes: Record<string, VoteChoice>; voters: string[] }> {
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

  /** Sets up the urn of a val med slutna sedlar: one empty slot per member serving when it starts (see ballot-urn.ts). */
  async prepareUrn(bodyId: string, meetingId: string, voteId: string, serving: number): Promise<void> {
    await this.urn.prepare(MeetingRepo.pk(bodyId, meetingId), voteId, serving);
  }

  /**
   * A ballot in a val med slutna sedlar: the has-voted row, the ballot in a random slot and every
   * other slot re-sealed, in one transaction. 'already' when this member has voted (a resend, a
   * double press); 'closed' when the urn was counted before the ballot got in.
   */
  async castBallot(bodyId: string, meetingId: string, voteId: string, memberId: string, choice: VoteChoice, serving: number): Promise<CastResult> {
    return this.urn.cast(MeetingRepo.pk(bodyId, meetingId), voteId, memberId, choice, serving);
  }

  /** Takes back a ballot that came in after the count (the voter is told it did not count); only the handler that wrote it knows its slot. */
  async withdrawBallot(bodyId: string, meetingId: string, voteId: string, memberId: string, ballotKey: string): Promise<void> {
    await this.urn.withdraw(MeetingRepo.pk(bodyId, meetingId), voteId, memberId, ballotKey);
  }

  /** Who has handed in a ballot (member ids in key order, which is not the order of voting). */
  async voters(bodyId: string, meetingId: string, voteId: string): Promise<string[]> {
    return this.urn.voters(MeetingRepo.pk(bodyId, meetingId), voteId);
  }

  /** The count at close: the ballots, opened, in no order; every slot's key (to delete them after); who voted. */
  async ballots(bodyId: string, meetingId: string, voteId: string): Promise<{ choices: VoteChoice[]; keys: string[]; voters: string[] }> {
    return this.urn.count(MeetingRepo.pk(bodyId, meetingId), voteId);
  }

  /** Deletes the counted slots (after the count is in the meeting document): afterwards no row even pairs a voter's write with the urn. */
  async dropBallots(bodyId: string, meetingId: string, keys: string[]): Promise<void> {
    await this.urn.drop(MeetingRepo.pk(bodyId, meetingId), keys);
  }

  /** "Jag är här": one row per member, written again on a second press (recorded once). */
  async checkIn(bodyId: string, meetingId: string, memberId: string, at: string): Promise<void> {
    await guard(() => this.client.upsertEntity({ partitionKey: MeetingRepo.pk(bodyId, meetingId), rowKey: checkInRow(memberId), at }, 'Replace'));
  }

  /** The members who checked in, in one partition query. */
  /** Who has checked in; check-ins at the same moment share one read that starts after their writes (read-after.ts). */
  async checkIns(bodyId: string, meetingId: string): Promise<string[]> {
    const ids = await this.checkInReads.read(`${bodyId}|${meetingId}`, async () => {
      const rows = await listPartition(this.client, MeetingRepo.pk(bodyId, meetingId), checkInRow(''));
      return rows.map((r) => r.rowKey.slice(checkInRow('').length));
    });
    return [...ids];
  }
}
