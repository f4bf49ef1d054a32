import { confirmUpprop } from '../../src/domain/attendance';
import { recordOutcome } from '../../src/domain/outcome';
import { declareJav } from '../../src/domain/jav';
import { recordVote } from '../../src/domain/voting';
import { addMotion, adoptMotion } from '../../src/domain/item-records';
import { closeMeeting } from '../../src/domain/closing';
import { correct, createDraft } from '../../src/domain/protocol/versions';
import { assembleProtocol } from '../../src/domain/protocol/assemble';
import { renderMarkdown } from '../../src/domain/protocol/markdown';
import { quorumStatements } from '../../src/domain/quorum';
import { bodyFixture, meetingFixture, NAMND_ROSTER, NAMND_ITEMS, conversation } from '../support/fixtures';
import { buildSeed002 } from '../support/protocol-fixtures';
import type { Profile } from '../../src/domain/body';
import type { Meeting } from '../../src/domain/meeting';

const at = '2022-01-20T17:00:00.000Z';
const by = 'Maria Lind';

function nämnd(opts: { profile?: Profile; without?: string[] } = {}) {
  const roster = NAMND_ROSTER.filter((l) => !(opts.without ?? []).includes(l.name));
  return bodyFixture(conversation('q'), { name: 'Socialnämnden', profile: opts.profile ?? 'kommunallagen', roster });
}

/** The upprop confirmed with only `present` there (ersättare included when named). */
function started(body: ReturnType<typeof nämnd>, present: string[]): Meeting {
  const m = { ...meetingFixture(body, { items: NAMND_ITEMS }), status: 'pågår' as const };
  const id = (n: string) => body.roster.find((r) => r.name === n)!.id;
  const chosen = Object.fromEntries(body.roster.map((r) => [r.id, present.includes(r.name) || r.role === 'tjänsteperson']));
  return confirmUpprop(body, m, chosen, [id(present[0])], at);
}

const decide = (body: ReturnType<typeof nämnd>, m: Meeting, index: number, text = 'fastställa budget för 2022') => recordOutcome(body, m, index, 'beslut', { decision: text, by, at });

test('2 of 5 ledamöter: a decision is refused with the numbers; information may still be noted', () => {
  const body = nämnd();
  const m = started(body, ['Ulla Berg', 'Sara Lund']);
  expect(() => decide(body, m, 1)).toThrow(
    'Beslutet i § 2 kan inte antecknas: Socialnämnden är inte beslutför på § 2. Bara 2 av 5 ledamöter tjänstgör, och mer än hälften (minst 3) måste delta för att beslut ska kunna fattas (kommunallagen 6 kap. 27 §). Informationsärenden kan ändå antecknas (Godkände informationen).',
  );
  for (const kind of ['bordläggs', 'återremitteras', 'noterat'] as const) expect(() => recordOutcome(body, m, 1, kind, { decision: 'Föredragningslistan godkändes.', by, at })).toThrow(/inte beslutför/);
  expect(recordOutcome(body, m, 1, 'informationen', { by, at }).items[1].outcome?.formula).toBe('Socialnämnden godkände informationen.');
  expect(() => recordVote(body, m, 1, {})).toThrow(/saknar röster/);
  expect(() => recordVote(body, m, 1, { [body.roster[0].id]: 'ja' })).toThrow(/Voteringen i § 2 kan inte antecknas: Socialnämnden är inte beslutför/);
  const withMotion = addMotion(m, 1, body.roster[0], 'bifall till förslaget');
  expect(() => adoptMotion(body, withMotion, 1, 1)).toThrow(/Bifall i § 2 kan inte antecknas/);
});

test('exactly half is not enough; more than half is', () => {
  const four = nämnd({ without: ['Nils Holm'] });
  expect(() => decide(four, started(four, ['Ulla Berg', 'Per Ek']), 1)).toThrow(/Bara 2 av 4 ledamöter tjänstgör, och mer än hälften \(minst 3\)/);
  expect(decide(four, started(four, ['Ulla Berg', 'Per Ek', 'Sara Lund']), 1).items[1].outcome?.formula).toBe('Socialnämnden beslutade att fastställa budget för 2022.');
});

test('a serving ersättare counts; jäv takes a member out of that § only', () => {
  const body = nämnd();
  // Karin Ås (s) serves for an absent s-ledamot: 3 of 5.
  const m = started(body, ['Ulla Berg', 'Sara Lund', 'Karin Ås']);
  expect(decide(body, m, 1).items[1].outcome?.kind).toBe('beslut');
  // Sara Lund jävig on § 3, no m-ersättare present: 2 serve there, 3 again on § 4.
  const jav = declareJav(body, m, 2, body.roster.find((r) => r.name === 'Sara Lund')!);
  expect(() => decide(body, jav, 2, 'anta tilldelningsbeslutet')).toThrow(/Bara 2 av 5 ledamöter tjänstgör/);
  expect(decide(body, jav, 3, 'hyra lokalen på Storgatan 3').items[3].outcome?.formula).toBe('Socialnämnden beslutade att hyra lokalen på Storgatan 3.');
  // The protocol: beslutför at the upprop, not on § 3, again from § 4.
  expect([...quorumStatements(body, jav).entries()]).toEqual([
    [0, 'Socialnämnden konstaterar att den är beslutför (3 av 5 ledamöter tjänstgör).'],
    [2, 'Socialnämnden är inte beslutför på denna paragraf (2 av 5 ledamöter tjänstgör) och kan inte fatta beslut.'],
    [3, 'Socialnämnden är åter beslutför från denna paragraf (3 av 5 ledamöter tjänstgör).'],
  ]);
  const md = renderMarkdown(assembleProtocol(body, jav));
  expect(md).toContain('## § 1. Godkännande av föredragningslistan och upprop\n\nSocialnämnden konstaterar att den är beslutför (3 av 5 ledamöter tjänstgör).');
  expect(md).toContain('Socialnämnden är inte beslutför på denna paragraf (2 av 5 ledamöter tjänstgör) och kan inte fatta beslut.');
});

test('before the upprop is confirmed no decision can be recorded', () => {
  const body = nämnd();
  const m = { ...meetingFixture(body, { items: NAMND_ITEMS }), status: 'pågår' as const };
  expect(() => decide(body, m, 1)).toThrow(/förrän uppropet är bekräftat/);
});

test('profiles: samverkan with ledamöter keeps the rule (and its protocol speaks only when not beslutfört); minnesanteckningar has none', () => {
  const samverkan = nämnd({ profile: 'samverkan' });
  expect(() => decide(samverkan, started(samverkan, ['Ulla Berg', 'Sara Lund']), 1)).toThrow(/Socialnämnden är inte beslutför på § 2\. Bara 2 av 5 ledamöter tjänstgör, och mer än hälften \(minst 3\) måste delta för att beslut ska kunna fattas\. Informationsärenden/);
  const minnes = nämnd({ profile: 'minnesanteckningar' });
  expect(decide(minnes, started(minnes, ['Ulla Berg', 'Sara Lund']), 1).items[1].outcome?.kind).toBe('beslut');
  // Seed 002 (samverkan, 14 of 20 serving) prints nothing about it, as the real protocol.
  const { body, meeting } = buildSeed002('19:q@thread.v2');
  expect(renderMarkdown(assembleProtocol(body, meeting))).not.toMatch(/beslutf/);
  // A neuter body's name agrees: "Samråd vård och omsorg … är inte beslutfört".
  const few = { ...meeting, items: meeting.items.map((i) => ({ ...i, jav: i.paragraph === 48 ? body.roster.filter((r) => r.role !== 'tjänsteperson').map((r) => r.id) : i.jav })) };
  expect(quorumStatements(body, few).get(6)).toBe('Samråd vård och omsorg är inte beslutfört på denna paragraf (0 av 20 ledamöter tjänstgör) och kan inte fatta beslut.');
});

test('a correction of the protocol ("rätta en paragraf") cannot put a decision on a § where the body was not beslutför', () => {
  const body = nämnd();
  let m = started(body, ['Ulla Berg', 'Sara Lund']);
  m = recordOutcome(body, m, 0, 'informationen', { by, at });
  m = closeMeeting(m);
  // The draft is made without a decision on the non-beslutför Beslutsärenden (there can be none).
  const draft = createDraft(body, m, at, by);
  expect(draft.protocol[0].markdown).toContain('Socialnämnden konstaterar att den inte är beslutför (2 av 5 ledamöter tjänstgör) och kan inte fatta beslut.');
  expect(() => correct(body, draft, { paragraph: 2, field: 'beslut', text: 'fastställa budget för 2022' }, at, by)).toThrow(/Beslutet i § 2 kan inte antecknas: Socialnämnden är inte beslutför/);
  // An informational formula may still be corrected.
  const fixed = correct(body, draft, { paragraph: 1, field: 'beslut', text: 'Socialnämnden godkände informationen om upprop.' }, at, by);
  expect(fixed.items[0].outcome).toMatchObject({ kind: 'informationen', formula: 'Socialnämnden godkände informationen om upprop.' });
});
