import type { Body } from '../body';
import type { Meeting } from '../meeting';
import type { ProtocolModel, Seal } from './model';
import { assembleProtocol } from './assemble';
import { canonical } from './markdown';

/**
 * A § justerad at once during the meeting (omedelbar justering) stands in its own small protocol:
 * the meeting's header and attendance, that § alone, and the approvals of the ordförande and the
 * justerare. Built from the same assembly as the full protocol, so the two can never disagree.
 */
export function immediateProtocol(body: Body, meeting: Meeting, paragraph: number): { model: ProtocolModel; seal: Seal } | undefined {
  const item = meeting.items.find((i) => i.paragraph === paragraph);
  const justering = item?.immediateJustering;
  if (!item || !justering?.locked) return undefined;
  const full = assembleProtocol(body, meeting);
  const model: ProtocolModel = {
    ...full,
    heading: 'Protokollsutdrag (omedelbar justering)',
    paragraphs: String(paragraph),
    sections: full.sections.filter((s) => s.paragraph === paragraph),
    nextMeeting: undefined,
  };
  const name = (memberId: string) => body.roster.find((r) => r.id === memberId)?.name ?? memberId;
  const approvals = justering.approvals.map((a) => ({ memberId: a.memberId, name: name(a.memberId), at: a.at }));
  const lockedAt = approvals.map((a) => a.at).sort().at(-1);
  return { model, seal: { version: 1, approvals, lockedAt, contentHash: canonical(model).contentHash } };
}
