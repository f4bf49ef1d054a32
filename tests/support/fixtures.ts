/**
 * Bodies and meetings written straight through the repositories (the roster paste and the
 * föredragningslista are another feature's flows): seed 002 "Samråd vård och omsorg" with its
 * roster and items 42–51, and a small kommunallagen nämnd for votes, jäv and tjänstgöring.
 */
import { BodyRepo } from '../../src/storage/bodies';
import { MeetingRepo } from '../../src/storage/meetings';
import type { Body, Profile, RosterEntry } from '../../src/domain/body';
import { emptyItem, type Item, type Meeting, type RsvpAnswer, type SubstituteCall } from '../../src/domain/meeting';
import type { Services } from '../../src/services';
import type { Conversation } from './bot';

/** Same identity as person(name).aadObjectId in ./bot (kept here so pure tests need not load the bot). */
export function aadOf(name: string): string {
  return `aad-${name.toLowerCase().normalize('NFD').replace(/[^a-z]+/g, '-')}`;
}

export const conversation = (id: string): Conversation => ({ id: `19:${id}@thread.v2`, type: 'groupChat' });

type Line = Omit<RosterEntry, 'id' | 'order' | 'aadObjectId'>;

const l = (name: string, party: string, organisation: string, role: RosterEntry['role'] = 'ledamot'): Line => ({ name, party, organisation, role });

/** Seed 002's people, in the order a pasted roster would have them. */
export const SEED_002_ROSTER: Line[] = [
  l('Carin Nilsson', 's', 'Umeå kommun', 'ordförande'),
  l('Anna-Lena Danielsson', 's', 'Region Västerbotten'),
  l('Annika Wibrell', 's', 'Vilhelmina kommun'),
  l('Bengt Henriksson', 's', 'Dorotea kommun'),
  l('Dan Oskarsson', 's', 'Vindelns kommun'),
  l('Eva Stuge', 'm', 'Lycksele kommun'),
  l('Henric Jakobsson', 's', 'Vännäs kommun'),
  l('Ingrid Nygren', 'c', 'Bjurholms kommun'),
  l('Kerstin Sjöström', 'c', 'Nordmalings kommun'),
  l('Lars Bäckström', 'c', 'Region Västerbotten'),
  l('Magnus Eriksson', 's', 'Norsjö kommun'),
  l('Mona Andersson', 's', 'Robertsfors kommun'),
  l('Roland Gustafsson', 'kd', 'Storumans kommun'),
  l('Veronica Kerr', 'kd', 'Umeå kommun'),
  l('Iosif Karambotis', 's', 'Skellefteå kommun'),
  l('Fredrik Stenberg', 's', 'Skellefteå kommun'),
  l('Inger Stenlund', 'v', 'Sorsele kommun'),
  l('Kim Bergström', 'v', 'Malå kommun'),
  l('Kjell Bäckman', 'v', 'Region Västerbotten'),
  l('Linnéa Lindberg', 'åp', 'Åsele kommun'),
  l('Kenneth Andersson', 's', 'Region Västerbotten', 'ersättare'),
  { name: 'Britta Edström', role: 'tjänsteperson', title: 'regional samverkanskoordinator' },
  { name: 'Katarina Lindahl', role: 'tjänsteperson', title: 'regional samverkanskoordinator' },
  { name: 'Maria Lind', role: 'tjänsteperson', title: 'sekreterare', secretary: true },
];

/** The seven ledamöter seed 002 lists as Frånvarande. */
export const SEED_002_ABSENT = ['Iosif Karambotis', 'Anna-Lena Danielsson', 'Fredrik Stenberg', 'Inger Stenlund', 'Kim Bergström', 'Kjell Bäckman', 'Linnéa Lindberg'];

export function rosterOf(lines: Line[]): RosterEntry[] {
  return lines.map((line, i) => ({ ...line, id: `r${i + 1}`, order: i + 1, aadObjectId: aadOf(line.name) }));
}

export function bodyFixture(conv: Conversation, opts: { name?: string; profile?: Profile; roster?: Line[] } = {}): Body {
  return {
    id: BodyRepo.idFor(conv.id),
    name: opts.name ?? 'Samråd vård och omsorg',
    profile: opts.profile ?? 'samverkan',
    diariePrefix: 'HSN',
    justeringDays: 14,
    organisations: [],
    conversationId: conv.id,
    roster: rosterOf(opts.roster ?? SEED_002_ROSTER),
    founders: [aadOf('Maria Lind')],
    createdAt: '2021-11-01T08:00:00.000Z',
  };
}

const it = (paragraph: number, title: string, extra: Partial<Item> = {}): Item => emptyItem({ id: `i${paragraph}`, paragraph, title, ...extra });
const BE_KL = 'Britta Edström och Katarina Lindahl';

export const SEED_002_ITEMS: Item[] = [
  it(42, 'Godkännande av föredragningslistan och upprop', { standard: 'upprop' }),
  it(43, 'Föregående protokoll', { standard: 'föregående protokoll' }),
  it(44, 'Uppföljning beslut hos respektive huvudman', { kind: 'Muntligt informationsärende', presenters: BE_KL }),
  it(45, 'Aktuellt i samverkan', { kind: 'Muntligt informationsärende', presenters: BE_KL }),
  it(46, 'Standardiserat insatsförlopp vid demenssjukdom', { kind: 'Muntligt informationsärende', presenters: 'Ulla Åkerström och Helena Olsson Ruzin, Umeå kommun' }),
  it(47, 'Systemledning tillsammans med Länssamverkansgruppen', { kind: 'Muntligt informationsärende', presenters: 'Jon Rognes, Hans Wiberg och Dag Norén' }),
  it(48, 'Omställning till nära vård', {
    kind: 'Beslutsärende',
    presenters: BE_KL,
    attachments: ['48. Layout Framtidsbild Nära vård 2030'],
    proposal: 'godkänna layout för Framtidsbild Nära vård 2030',
  }),
  it(49, 'Övriga frågor', { standard: 'övriga frågor' }),
  it(50, 'Ärenden till Länssamverkansgruppen', { standard: 'ärenden till annan' }),
  it(51, 'Genomgång och sammanfattning av beslut', { standard: 'sammanfattning' }),
];

export function meetingFixture(body: Body, opts: { items?: Item[]; start?: string; end?: string; absent?: string[]; calls?: { for: string; asked: string; answer?: 'ja' | 'nej' }[] } = {}): Meeting {
  const absent = new Set(opts.absent ?? []);
  const byName = (n: string) => body.roster.find((r) => r.name === n)!;
  const rsvps: Record<string, RsvpAnswer> = {};
  for (const r of body.roster) {
    if (r.role === 'tjänsteperson' || r.role === 'ersättare') continue;
    rsvps[r.id] = { memberId: r.id, answer: absent.has(r.name) ? 'förhinder' : 'kommer', at: '2021-12-10T10:00:00.000Z' };
  }
  const substitutes: SubstituteCall[] = (opts.calls ?? []).map((c) => ({ forMemberId: byName(c.for).id, askedMemberId: byName(c.asked).id, answer: c.answer, at: '2021-12-10T11:00:00.000Z' }));
  return {
    id: MeetingRepo.newId(),
    bodyId: body.id,
    start: opts.start ?? '2021-12-17T09:00',
    end: opts.end ?? '2021-12-17T12:00',
    place: 'Teams',
    diarienummer: 'HSN 418:5-2021',
    status: 'kallat',
    items: opts.items ?? SEED_002_ITEMS,
    rsvps,
    substitutes,
    attendance: { present: {}, checkedIn: [], events: [] },
    service: [],
    justerare: [],
    currentIndex: 0,
    protocol: [],
    createdBy: body.founders[0],
    kallelseSentAt: '2021-12-03T08:00:00.000Z',
    createdAt: '2021-12-01T08:00:00.000Z',
  };
}

/** Seed 002's body and meeting (status kallat, Kenneth Andersson called in for Anna-Lena Danielsson). */
export function seed002(conv: Conversation): { body: Body; meeting: Meeting } {
  const body = bodyFixture(conv);
  const meeting = meetingFixture(body, { absent: SEED_002_ABSENT, calls: [{ for: 'Anna-Lena Danielsson', asked: 'Kenneth Andersson', answer: 'ja' }] });
  return { body, meeting };
}

/** Writes a body and a meeting through the repositories, as the before-the-meeting flows would. */
export async function store(services: Services, body: Body, meeting?: Meeting): Promise<void> {
  const actor = { id: body.founders[0], name: 'Maria Lind' };
  await services.bodies.change(body.id, { actor, action: 'organ.skapa', apply: () => body });
  if (meeting) await services.meetings.change(body.id, meeting.id, { actor, action: 'möte.skapa', apply: () => meeting });
}

/** A small kommunallagen nämnd: 5 ledamöter (ordförande, 2 s, 2 m) and 2 ersättare per side. */
export const NAMND_ROSTER: Line[] = [
  l('Ulla Berg', 's', 'Säters kommun', 'ordförande'),
  l('Per Ek', 's', 'Säters kommun'),
  l('Sara Lund', 'm', 'Säters kommun', 'vice ordförande'),
  l('Olof Strand', 'm', 'Säters kommun'),
  l('Nils Holm', 's', 'Säters kommun'),
  l('Karin Ås', 's', 'Säters kommun', 'ersättare'),
  l('Jonas Vik', 's', 'Säters kommun', 'ersättare'),
  l('Lena Dahl', 'm', 'Säters kommun', 'ersättare'),
  { name: 'Tanja Mårtensson', role: 'tjänsteperson', title: 'utvecklingsledare' },
  { name: 'Maria Lind', role: 'tjänsteperson', title: 'nämndsekreterare', secretary: true },
];

export const NAMND_ITEMS: Item[] = [
  it(1, 'Godkännande av föredragningslistan och upprop', { standard: 'upprop' }),
  it(2, 'Budget 2022', { kind: 'Beslutsärende', presenters: 'Tanja Mårtensson', proposal: 'fastställa budget för 2022' }),
  it(3, 'Upphandling av hemtjänst', { kind: 'Beslutsärende', presenters: 'Tanja Mårtensson', proposal: 'anta tilldelningsbeslutet' }),
  it(4, 'Lokalfrågor', { kind: 'Beslutsärende', proposal: 'hyra lokalen på Storgatan 3' }),
  it(5, 'Övriga frågor', { standard: 'övriga frågor' }),
];
