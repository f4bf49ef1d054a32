import { BodyRepo } from '../../src/storage/bodies';
import { MeetingRepo } from '../../src/storage/meetings';
import type { Body, RosterEntry } from '../../src/domain/body';
import { emptyItem, newMeeting, type Item, type Meeting, type ServicePeriod } from '../../src/domain/meeting';
import type { Services } from '../../src/services';
import { person, type Conversation, type Person } from './bot';

/**
 * Finished meetings built directly (the before- and during-meeting flows are other features'):
 * seed 002 "Samråd vård och omsorg" 2021-12-17, §§ 42–51, as its protocol prints it, and a small
 * kommunallagen nämnd with a vote, jäv and a reservation.
 */

export const maria = person('Maria Lind');
export const carin = person('Carin Nilsson');
export const kenneth = person('Kenneth Andersson');
export const eva = person('Eva Stuge');

type Line = [name: string, party: string | undefined, organisation: string | undefined, role: RosterEntry['role']];

/** Seed 002's Närvarande (in its order, Kenneth second) and Frånvarande. */
export const SEED002_PRESENT: Line[] = [
  ['Carin Nilsson', 's', 'Umeå kommun', 'ordförande'],
  ['Kenneth Andersson', 's', 'Region Västerbotten', 'ersättare'],
  ['Annika Wibrell', 's', 'Vilhelmina kommun', 'ledamot'],
  ['Bengt Henriksson', 's', 'Dorotea kommun', 'ledamot'],
  ['Dan Oskarsson', 's', 'Vindelns kommun', 'ledamot'],
  ['Eva Stuge', 'm', 'Lycksele kommun', 'ledamot'],
  ['Henric Jakobsson', 's', 'Vännäs kommun', 'ledamot'],
  ['Ingrid Nygren', 'c', 'Bjurholms kommun', 'ledamot'],
  ['Kerstin Sjöström', 'c', 'Nordmalings kommun', 'ledamot'],
  ['Lars Bäckström', 'c', 'Region Västerbotten', 'ledamot'],
  ['Magnus Eriksson', 's', 'Norsjö kommun', 'ledamot'],
  ['Mona Andersson', 's', 'Robertsfors kommun', 'ledamot'],
  ['Roland Gustafsson', 'kd', 'Storumans kommun', 'ledamot'],
  ['Veronica Kerr', 'kd', 'Umeå kommun', 'ledamot'],
];

export const SEED002_ABSENT: Line[] = [
  ['Iosif Karambotis', 's', 'Skellefteå kommun', 'ledamot'],
  ['Anna-Lena Danielsson', 's', 'Region Västerbotten', 'ledamot'],
  ['Fredrik Stenberg', 's', 'Skellefteå kommun', 'ledamot'],
  ['Inger Stenlund', 'v', 'Sorsele kommun', 'ledamot'],
  ['Kim Bergström', 'v', 'Malå kommun', 'ledamot'],
  ['Kjell Bäckman', 'v', 'Region Västerbotten', 'ledamot'],
  ['Linnéa Lindberg', 'åp', 'Åsele kommun', 'ledamot'],
];

export const SEED002_OFFICIALS: [string, string][] = [
  ['Britta Edström', 'regional samverkanskoordinator'],
  ['Katarina Lindahl', 'regional samverkanskoordinator'],
];

const BK = 'Britta Edström och Katarina Lindahl';
const FORMULA = 'Samråd vård och omsorg godkände informationen.';

/** §§ 42–51 with the seed's kinds, föredragande, bilaga, account and closing formulas. */
export function seed002Items(): Item[] {
  const out = (formula: string, kind: 'informationen' | 'beslut' | 'noterat' | 'handlingarna' = 'informationen', decision?: string) => ({
    kind,
    formula,
    decision,
    recordedBy: 'Maria Lind',
    recordedAt: '2021-12-17T10:00:00.000Z',
  });
  return [
    emptyItem({ id: 'i42', paragraph: 42, title: 'Godkännande av föredragningslistan och upprop', standard: 'upprop', outcome: out('Föredragningslistan godkändes.', 'noterat') }),
    emptyItem({ id: 'i43', paragraph: 43, title: 'Föregående protokoll', standard: 'föregående protokoll', outcome: out('Föregående protokoll godkändes och lades till handlingarna.', 'handlingarna') }),
    emptyItem({
      id: 'i44',
      paragraph: 44,
      title: 'Uppföljning beslut hos respektive huvudman',
      kind: 'Muntligt informationsärende',
      presenters: BK,
      description: '- Avtal om läkarmedverkan\n- Systemledning och framtidsbild\n- Överenskommelse om samverkan vid utskrivning',
      note: 'Samtliga huvudmän har fattat beslut att fastställa avtal för läkarmedverkan, systemledning och framtidsbild och överenskommelse om samverkan vid utskrivning.',
      outcome: out(FORMULA),
    }),
    emptyItem({
      id: 'i45',
      paragraph: 45,
      title: 'Aktuellt i samverkan',
      kind: 'Muntligt informationsärende',
      presenters: BK,
      description: '- Uppföljning ledningsseminariet\n- Information om vad som pågår i samverkan och dialog om arbetet i samverkan framåt',
      note:
        'Synpunkter som framkom i utvärderingen var att dagen var inspirerande med ett brett och varierat program.\n' +
        'På mötet fördes en diskussion om viktiga områden att samverka kring framåt.\n' +
        'Samråd vård och omsorg gavs information om ärenden som pågår. Ärendelogg finns i Teams.',
      outcome: out(FORMULA),
    }),
    emptyItem({
      id: 'i46',
      paragraph: 46,
      title: 'Standardiserat insatsförlopp vid demenssjukdom',
      kind: 'Muntligt informationsärende',
      presenters: 'Ulla Åkerström och Helena Olsson Ruzin, Umeå kommun',
      note:
        'En kartläggning är gjord i Umeå kommun utifrån ett standardiserat insatsförlopp vid demenssjukdom.\n' +
        'Samråd vård och omsorg lyfte önskemål om att utreda möjligheten att kunna registrera SIP kopplade till demenssjukdom i PRATOR.',
      outcome: out(FORMULA),
    }),
    emptyItem({
      id: 'i47',
      paragraph: 47,
      title: 'Systemledning tillsammans med Länssamverkansgruppen',
      kind: 'Muntligt informationsärende',
      presenters: 'Jon Rognes, Hans Wiberg och Dag Norén',
      description: '- Leading Health Care summerar sitt arbete.',
      note: 'Viktiga områden för att omställningsarbetet ska vara framgångsrikt har identifierats i det arbete som LHC har gjort tillsammans med systemledningen i Västerbotten.',
      outcome: out(FORMULA),
    }),
    emptyItem({
      id: 'i48',
      paragraph: 48,
      title: 'Omställning till nära vård',
      kind: 'Beslutsärende',
      presenters: BK,
      attachments: ['48. Layout Framtidsbild Nära vård 2030'],
      description: '- Layout Framtidsbild Nära vård 2030\nGemensam värdegrund och mål',
      note:
        'Framtidsbilden har fått en ny layout med hjälp av en byrå. Synpunkter har inkommit att figuren i mitten bör vara mer androgyn, vilket kommer att justeras.\n' +
        '- Färdplan Nära vård 2030 (muntligt informationsärende, föredragande Britta Edström och Katarina Lindahl): den färdplan som är under framtagande ska bottna i framtidsbilden. Samråd vård och omsorg godkände informationen.',
      proposal: 'Att godkänna layout för Framtidsbild Nära vård 2030.',
      outcome: out('Samråd vård och omsorg beslutade att godkänna layout för Framtidsbild Nära vård 2030.', 'beslut', 'att godkänna layout för Framtidsbild Nära vård 2030'),
    }),
    emptyItem({
      id: 'i49',
      paragraph: 49,
      title: 'Övriga frågor',
      standard: 'övriga frågor',
      note: 'Inbjudan utbildning om Mänskliga Rättigheter; Att leda och styra för ett jämlikt Västerbotten kommer under våren 2022.',
      outcome: out(FORMULA),
    }),
    emptyItem({ id: 'i50', paragraph: 50, title: 'Ärenden till Länssamverkansgruppen', standard: 'ärenden till annan', note: 'Inga' }),
    emptyItem({ id: 'i51', paragraph: 51, title: 'Genomgång och sammanfattning av beslut', standard: 'sammanfattning' }),
  ];
}

function rosterFrom(lines: Line[], start: number, linked: Map<string, Person>): RosterEntry[] {
  return lines.map(([name, party, organisation, role], i) => ({
    id: `r${start + i}`,
    name,
    party,
    organisation,
    role,
    order: start + i,
    aadObjectId: linked.get(name)?.aadObjectId,
  }));
}

export interface Built {
  body: Body;
  meeting: Meeting;
}

const rid = (body: Body, name: string) => body.roster.find((r) => r.name === name)!.id;

async function store(services: Services, body: Body, meeting: Meeting): Promise<Built> {
  const actor = { id: maria.aadObjectId, name: maria.name };
  const b = await services.bodies.change(body.id, { actor, action: 'organ.skapa', apply: () => body });
  const m = await services.meetings.change(body.id, meeting.id, { actor, action: 'möte.avsluta', apply: () => meeting });
  return { body: b.value, meeting: m.value };
}

function meetingOf(body: Body, start: string, end: string, items: Item[], extra: Partial<Meeting>): Meeting {
  return newMeeting({
    id: MeetingRepo.newId(),
    bodyId: body.id,
    start,
    end,
    status: 'avslutat',
    items,
    attendance: { present: {}, checkedIn: [], events: [], confirmedAt: `${start}:00.000Z` },
    currentIndex: items.length,
    createdBy: maria.aadObjectId,
    createdAt: '2021-11-20T08:00:00.000Z',
    ...extra,
  });
}

export interface Seed002Options {
  justerare?: string[];
  profile?: Body['profile'];
  members?: Person[];
}

/** Seed 002 as a finished meeting: profile samverkan, Kenneth serving for Anna-Lena §§ 42–51, tillika justerare. */
export async function seed002(services: Services, conv: Conversation, opts: Seed002Options = {}): Promise<Built> {
  const { body, meeting } = buildSeed002(conv.id, opts);
  return store(services, body, meeting);
}

export function buildSeed002(conversationId: string, opts: Seed002Options = {}): Built {
  const linked = new Map([maria, carin, kenneth, eva, ...(opts.members ?? [])].map((p) => [p.name, p]));
  const roster: RosterEntry[] = [
    ...rosterFrom(SEED002_PRESENT, 1, linked),
    ...rosterFrom(SEED002_ABSENT, 20, linked),
    ...SEED002_OFFICIALS.map(([name, title], i) => ({ id: `t${i}`, name, role: 'tjänsteperson' as const, title, order: 40 + i })),
    { id: 't9', name: maria.name, role: 'tjänsteperson', title: 'sekreterare', secretary: true, order: 49, aadObjectId: maria.aadObjectId },
  ];
  const body: Body = {
    id: BodyRepo.idFor(conversationId),
    name: 'Samråd vård och omsorg',
    profile: opts.profile ?? 'samverkan',
    diariePrefix: 'HSN',
    justeringDays: 14,
    organisations: [],
    conversationId,
    roster,
    founders: [maria.aadObjectId],
    createdAt: '2021-11-01T08:00:00.000Z',
  };
  const items = seed002Items();
  const present: Record<string, boolean> = {};
  for (const [name] of SEED002_PRESENT) present[rid(body, name)] = true;
  for (const [name] of SEED002_ABSENT) present[rid(body, name)] = false;
  for (const r of roster.filter((x) => x.role === 'tjänsteperson')) present[r.id] = true;
  const service: ServicePeriod[] = SEED002_PRESENT.map(([name, , , role]) =>
    role === 'ersättare' ? { memberId: rid(body, name), replacing: rid(body, 'Anna-Lena Danielsson'), fromIndex: 0 } : { memberId: rid(body, name), fromIndex: 0 },
  );
  const meeting = meetingOf(body, '2021-12-17T09:00', '2021-12-17T12:00', items, {
    place: 'Teams',
    diarienummer: 'HSN 418:5-2021',
    attendance: { present, checkedIn: [], events: [], confirmedAt: '2021-12-17T08:05:00.000Z' },
    service,
    justerare: (opts.justerare ?? ['Kenneth Andersson']).map((n) => rid(body, n)),
    nextMeeting: 'Fredag 18 mars',
  });
  return { body, meeting };
}

/**
 * A nämnd under kommunallagen: § 1 upprop, § 2 a decision with two yrkanden, propositionsordning,
 * a vote with every serving member's vote and a reservation, § 3 with jäv. `missingVoteFor`
 * leaves one member's vote out (a gap 5 kap. 67 § does not allow).
 */
export interface KlOptions {
  missingVoteFor?: string;
  start?: string;
  justeringDays?: number;
}

export async function kommunallagen(services: Services, conv: Conversation, opts: KlOptions = {}): Promise<Built> {
  const { body, meeting } = buildKommunallagen(conv.id, opts);
  return store(services, body, meeting);
}

export function buildKommunallagen(conversationId: string, opts: KlOptions = {}): Built {
  const linked = new Map([maria, carin, kenneth, eva].map((p) => [p.name, p]));
  const lines: Line[] = [
    ['Carin Nilsson', 's', undefined, 'ordförande'],
    ['Eva Stuge', 'm', undefined, 'ledamot'],
    ['Lars Bäckström', 'c', undefined, 'ledamot'],
    ['Henric Jakobsson', 's', undefined, 'ledamot'],
    ['Ingrid Nygren', 'c', undefined, 'ledamot'],
    ['Kenneth Andersson', 's', undefined, 'ersättare'],
  ];
  const body: Body = {
    id: BodyRepo.idFor(conversationId),
    name: 'Vård- och omsorgsnämnden',
    profile: 'kommunallagen',
    diariePrefix: 'VON',
    justeringDays: opts.justeringDays ?? 14,
    organisations: [],
    conversationId,
    roster: [...rosterFrom(lines, 1, linked), { id: 't9', name: maria.name, role: 'tjänsteperson', title: 'nämndsekreterare', secretary: true, order: 9, aadObjectId: maria.aadObjectId }],
    founders: [maria.aadObjectId],
    createdAt: '2021-11-01T08:00:00.000Z',
  };
  const id = (n: string) => rid(body, n);
  const serving = ['Carin Nilsson', 'Eva Stuge', 'Lars Bäckström', 'Henric Jakobsson', 'Ingrid Nygren'];
  const votes: Record<string, 'ja' | 'nej' | 'avstår'> = {};
  for (const n of serving) votes[id(n)] = n === 'Eva Stuge' || n === 'Lars Bäckström' ? 'nej' : 'ja';
  if (opts.missingVoteFor) delete votes[id(opts.missingVoteFor)];
  const at = '2021-12-17T10:00:00.000Z';
  const items: Item[] = [
    emptyItem({ id: 'k1', paragraph: 1, title: 'Upprop', standard: 'upprop', outcome: { kind: 'noterat', formula: 'Upprop förrättades.', recordedBy: 'Maria Lind', recordedAt: at } }),
    emptyItem({
      id: 'k2',
      paragraph: 2,
      title: 'Taxa för hemtjänst 2022',
      kind: 'Beslutsärende',
      proposal: 'Nämnden föreslår kommunfullmäktige att anta taxan för hemtjänst 2022.',
      motions: [
        { id: 'y1', byMemberId: id('Henric Jakobsson'), text: 'bifall till förslaget' },
        { id: 'y2', byMemberId: id('Eva Stuge'), text: 'avslag på förslaget' },
      ],
      propositionOrder: ['y1', 'y2'],
      adoptedMotionId: 'y1',
      votes: [{ id: 'v1', question: 'Ja för bifall till förslaget, nej för avslag', votes, ja: 3, nej: 2, avstar: 0, result: 'ja' }],
      reservations: [{ memberId: id('Eva Stuge'), kind: 'reservation', text: 'Taxan slår hårt mot dem med låga inkomster.', at }],
      outcome: { kind: 'beslut', decision: 'att anta taxan', formula: 'Vård- och omsorgsnämnden beslutade att föreslå kommunfullmäktige att anta taxan för hemtjänst 2022.', recordedBy: 'Maria Lind', recordedAt: at },
    }),
    emptyItem({
      id: 'k3',
      paragraph: 3,
      title: 'Avtal med Nygrens Omsorg AB',
      kind: 'Beslutsärende',
      proposal: 'Att godkänna avtalet.',
      jav: [id('Ingrid Nygren')],
      outcome: { kind: 'beslut', formula: 'Vård- och omsorgsnämnden beslutade att godkänna avtalet.', recordedBy: 'Maria Lind', recordedAt: at },
    }),
  ];
  const present: Record<string, boolean> = {};
  for (const n of [...serving, 'Kenneth Andersson']) present[id(n)] = true;
  present.t9 = true;
  const start = opts.start ?? '2021-12-17T13:00';
  const meeting = meetingOf(body, start, `${start.slice(0, 10)}T15:00`, items, {
    place: 'Kommunhuset, sal A',
    diarienummer: 'VON 2021/112',
    attendance: { present, checkedIn: [], events: [], confirmedAt: at },
    service: serving.map((n) => ({ memberId: id(n), fromIndex: 0 })),
    justerare: [id('Eva Stuge')],
  });
  return { body, meeting };
}
