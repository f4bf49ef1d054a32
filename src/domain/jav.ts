/**
 * Jäv: a jävig member is not present for the § and takes no part in it (6 kap. 28–30 §§); an
 * ersättare of their party may serve for that § only. Recorded on the §. Pure.
 */
import type { Body, RosterEntry } from './body';
import type { Meeting } from './meeting';
import { UserError } from './errors';
import { assertOngoing } from './attendance';
import { availableErsattare, seatedAt } from './serving';
import { updateItem } from './outcome';

export function declareJav(body: Body, meeting: Meeting, index: number, member: RosterEntry): Meeting {
  assertOngoing(meeting);
  const item = meeting.items[index];
  if (member.role === 'tjänsteperson') throw new UserError('Jäv anmäls för ledamöter och ersättare.', 'invalid');
  if (item.jav.includes(member.id)) throw new UserError(`${member.name} är redan antecknad som jävig i § ${item.paragraph}.`, 'state');
  if (item.outcome) throw new UserError(`§ ${item.paragraph} är redan avgjord; jäv anmäls innan ärendet avgörs.`, 'state');
  if (item.votes.some((v) => v.votes[member.id])) throw new UserError(`${member.name} har redan röstat i § ${item.paragraph}.`, 'state');
  let next = updateItem(meeting, index, (it) => ({ ...it, jav: [...it.jav, member.id] }));
  const period = meeting.service.find((p) => p.memberId === member.id && p.fromIndex <= index && (p.toIndex === undefined || index < p.toIndex));
  if (period && seatedAt(meeting, index).includes(member.id)) {
    const forId = period.replacing ?? member.id;
    const party = body.roster.find((r) => r.id === forId)?.party ?? member.party;
    const sub = availableErsattare(body, meeting, party, index, new Set([member.id]))[0];
    if (sub) next = { ...next, service: [...next.service, { memberId: sub.id, replacing: member.id, fromIndex: index, toIndex: index + 1, reason: 'jäv' }] };
  }
  return next;
}
