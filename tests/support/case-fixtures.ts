import { BodyRepo } from '../../src/storage/bodies';
import { MeetingRepo } from '../../src/storage/meetings';
import type { Body, RosterEntry } from '../../src/domain/body';
import { emptyItem, newMeeting, type Item, type Meeting } from '../../src/domain/meeting';
import type { Services } from '../../src/services';
import type { Conversation, Person } from './bot';

/** A body bound to a conversation, written straight through BodyRepo (the roster flow is another feature's). */
export async function makeBody(services: Services, conv: Conversation, opts: { name?: string; secretary: Person; members?: (Person & { role?: RosterEntry['role']; organisation?: string })[]; organisations?: string[] }): Promise<Body> {
  const id = BodyRepo.idFor(conv.id);
  const roster: RosterEntry[] = [
    { id: 'r0', name: opts.secretary.name, role: 'tjänsteperson', secretary: true, order: 0, aadObjectId: opts.secretary.aadObjectId },
    ...(opts.members ?? []).map((m, i) => ({ id: `r${i + 1}`, name: m.name, role: m.role ?? 'ledamot', organisation: m.organisation, order: i + 1, aadObjectId: m.aadObjectId })),
  ];
  const body: Body = {
    id,
    name: opts.name ?? 'Samråd vård och omsorg',
    profile: 'samverkan',
    justeringDays: 14,
    organisations: opts.organisations ?? ['Region Dalarna', 'Säter', 'Hedemora'],
    conversationId: conv.id,
    roster,
    founders: [opts.secretary.aadObjectId],
    createdAt: '2021-11-01T08:00:00.000Z',
  };
  const { value } = await services.bodies.change(id, { actor: { id: opts.secretary.aadObjectId, name: opts.secretary.name }, action: 'organ.skapa', apply: () => body });
  return value;
}

export function item(paragraph: number, title: string, extra: Partial<Item> = {}): Item {
  return emptyItem({ id: `i${paragraph}`, paragraph, title, kind: 'Beslutsärende', ...extra });
}

export async function makeMeeting(services: Services, body: Body, start: string, items: Item[]): Promise<Meeting> {
  const id = MeetingRepo.newId();
  const meeting: Meeting = newMeeting({
    id,
    bodyId: body.id,
    start,
    place: 'Kommunhuset, Säter',
    status: 'pågår',
    items,
    createdBy: body.founders[0],
    createdAt: `${start}:00.000Z`,
  });
  const { value } = await services.meetings.change(body.id, id, { actor: { id: body.founders[0], name: 'Sekreterare' }, action: 'möte.skapa', apply: () => meeting });
  return value;
}

/** Writes a meeting's changed items back (as the meeting flow would after recording outcomes). */
export async function saveMeeting(services: Services, m: Meeting): Promise<Meeting> {
  const { value } = await services.meetings.change(m.bodyId, m.id, { actor: { id: 'test', name: 'Test' }, action: 'möte.ändra', apply: () => m });
  return value;
}
