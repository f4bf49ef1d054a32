import { confirmUpprop } from '../../src/domain/attendance';
import { recordOutcome } from '../../src/domain/outcome';
import { recordVote, voteResultText } from '../../src/domain/voting';
import { addMotion, adoptMotion, setPropositionOrder } from '../../src/domain/item-records';
import { closeMeeting } from '../../src/domain/closing';
import { correct, createDraft } from '../../src/domain/protocol/versions';
import { winningDecisionInput } from '../../src/domain/proposals';
import { assembleProtocol } from '../../src/domain/protocol/assemble';
import { renderMarkdown } from '../../src/domain/protocol/markdown';
import { bodyFixture, meetingFixture, NAMND_ROSTER, NAMND_ITEMS, conversation } from '../support/fixtures';
import type { Meeting, VoteChoice } from '../../src/domain/meeting';

const at = '2022-01-20T17:00:00.000Z';
const by = 'Maria Lind';
const body = bodyFixture(conversation('p'), { name: 'Socialnämnden', profile: 'kommunallagen', roster: NAMND_ROSTER });
const person = (n: string) => body.roster.find((r) => r.name === n)!;
const items = NAMND_ITEMS.map((i) => (i.paragraph === 2 ? { ...i, title: 'Rutin för avgifter', proposal: 'Socialnämnden beslutar att anta rutinen.' } : i));

function started(): Meeting {
  const m = { ...meetingFixture(body, { items }), status: 'pågår' as const };
  return confirmUpprop(body, m, Object.fromEntries(body.roster.map((r) => [r.id, r.role !== 'ersättare'])), [person('Sara Lund').id], at);
}

/** "Ulla Berg: ja, …" → the vote map. */
const votes = (v: Record<string, VoteChoice>) => Object.fromEntries(Object.entries(v).map(([n, c]) => [person(n).id, c]));
const oneToFour = votes({ 'Ulla Berg': 'ja', 'Per Ek': 'nej', 'Sara Lund': 'nej', 'Olof Strand': 'nej', 'Nils Holm': 'nej' });
const decide = (m: Meeting, text: string) => recordOutcome(body, m, 1, 'beslut', { decision: text, by, at });

test('a vote 1–4 without yrkanden: ja bifaller, nej avslår förslaget; the decision follows the nej side', () => {
  const { meeting: m } = recordVote(body, started(), 1, oneToFour);
  const v = m.items[1].votes[0];
  expect(v.question).toBe('Den som bifaller förslaget röstar ja, den som avslår förslaget röstar nej.');
  expect(voteResultText(body, v)).toBe('Den som bifaller förslaget röstar ja, den som avslår förslaget röstar nej. Med 1 ja-röst mot 4 nej-röster beslutar Socialnämnden att avslå förslaget.');
  expect(() => decide(m, 'anta rutinen')).toThrow(
    'Beslutet i § 2 måste följa voteringen (1 ja-röst mot 4 nej-röster): nej-sidan (att avslå förslaget) vann. Beslutet blir: "Socialnämnden beslutade att avslå förslaget."',
  );
  expect(() => recordOutcome(body, m, 1, 'informationen', { by, at })).toThrow(/måste följa voteringen/);
  expect(winningDecisionInput(body, m.items[1])).toBe('avslå förslaget');
  expect(decide(m, 'avslå förslaget').items[1].outcome?.formula).toBe('Socialnämnden beslutade att avslå förslaget.');
});

test('yrkanden in propositionsordning: a bifall to the losing side is refused; the winner’s own att-satser are the decision', () => {
  let m = started();
  m = addMotion(m, 1, person('Ulla Berg'), 'bifall till förslaget');
  m = addMotion(m, 1, person('Sara Lund'), 'att anta rutinen med ändringen att avgiften sänks till 100 kronor');
  m = setPropositionOrder(m, 1, [1, 2]);
  m = recordVote(body, m, 1, oneToFour).meeting;
  expect(m.items[1].votes[0].question).toBe('Den som bifaller Ulla Bergs yrkande röstar ja, den som bifaller Sara Lunds yrkande röstar nej.');
  expect(() => adoptMotion(body, m, 1, 1)).toThrow('Yrkande 1 kan inte bifallas: i voteringen i § 2 (1 ja-röst mot 4 nej-röster) vann nej-sidan (enligt Sara Lunds yrkande).');
  m = adoptMotion(body, m, 1, 2);
  expect(() => decide(m, 'anta rutinen')).toThrow(/Beslutet blir: "Socialnämnden beslutade att anta rutinen med ändringen att avgiften sänks till 100 kronor\."/);
  expect(decide(m, 'Att anta rutinen med ändringen att avgiften sänks till 100 kronor.').items[1].outcome?.formula).toBe('Socialnämnden beslutade att anta rutinen med ändringen att avgiften sänks till 100 kronor.');
  // The protocol: the proposition, each vote, and the result as a decision.
  const md = renderMarkdown(assembleProtocol(body, decide(m, winningDecisionInput(body, m.items[1])!)));
  expect(md).toContain('Voteringsproposition: Den som bifaller Ulla Bergs yrkande röstar ja, den som bifaller Sara Lunds yrkande röstar nej.');
  expect(md).toContain('| Ulla Berg (s) | ja |');
  expect(md).toContain('Med 1 ja-röst mot 4 nej-röster beslutar Socialnämnden enligt Sara Lunds yrkande.');
});

test('without a vote, the chair’s bifall decides; återremiss wins only as Återremitteras', () => {
  let m = started();
  m = addMotion(m, 1, person('Per Ek'), 'återremiss för att utreda avgiftsnivåerna');
  m = addMotion(m, 1, person('Ulla Berg'), 'bifall till förslaget');
  m = setPropositionOrder(m, 1, [1, 2]);
  m = adoptMotion(body, m, 1, 1);
  expect(() => decide(m, 'anta rutinen')).toThrow('Beslutet i § 2 måste följa ordförandens proposition: yrkande 1 (Per Eks: återremiss för att utreda avgiftsnivåerna) vann. Ärendet ska återremitteras (Återremitteras).');
  expect(recordOutcome(body, m, 1, 'återremitteras', { by, at }).items[1].outcome?.formula).toBe('Socialnämnden beslutade att återremittera ärendet.');
});

test('a tie with avstår: the chair’s casting vote is named in the result', () => {
  const { meeting: m } = recordVote(body, started(), 1, votes({ 'Ulla Berg': 'ja', 'Per Ek': 'ja', 'Sara Lund': 'nej', 'Olof Strand': 'nej', 'Nils Holm': 'avstår' }));
  expect(voteResultText(body, m.items[1].votes[0])).toBe(
    'Den som bifaller förslaget röstar ja, den som avslår förslaget röstar nej. Med 2 ja-röster mot 2 nej-röster och 1 som avstår beslutar Socialnämnden genom ordförandens utslagsröst enligt förslaget.',
  );
  expect(decide(m, 'anta rutinen').items[1].outcome?.formula).toBe('Socialnämnden beslutade att anta rutinen.');
});

test('a vote that contradicts a decision already recorded takes that decision away; a bifall against it is refused', () => {
  let m = decide(started(), 'anta rutinen');
  const r = recordVote(body, m, 1, oneToFour);
  expect(r.removedOutcome).toBe('Socialnämnden beslutade att anta rutinen.');
  expect(r.meeting.items[1].outcome).toBeUndefined();
  m = addMotion(decide(started(), 'anta rutinen'), 1, person('Sara Lund'), 'avslag');
  expect(() => adoptMotion(body, m, 1, 1)).toThrow('Yrkande 1 kan inte bifallas: det antecknade beslutet (Socialnämnden beslutade att anta rutinen.) följer inte det. Anteckna bifallet först och beslutet sedan.');
});

test('a correction of the protocol cannot contradict the vote', () => {
  let m = recordVote(body, started(), 1, oneToFour).meeting;
  m = decide(m, 'avslå förslaget');
  for (const [i, text] of [[2, 'anta tilldelningsbeslutet'], [3, 'hyra lokalen på Storgatan 3']] as const) m = recordOutcome(body, m, i, 'beslut', { decision: text, by, at });
  m = recordOutcome(body, m, 0, 'noterat', { decision: 'Föredragningslistan godkändes.', by, at });
  const draft = createDraft(body, closeMeeting(m), at, by);
  expect(() => correct(body, draft, { paragraph: 2, field: 'beslut', text: 'Socialnämnden beslutade att anta rutinen.' }, at, by)).toThrow(/måste följa voteringen/);
  const ok = correct(body, draft, { paragraph: 2, field: 'beslut', text: 'avslå förslaget om rutin för avgifter' }, at, by);
  expect(ok.items[1].outcome?.formula).toBe('Socialnämnden beslutade att avslå förslaget om rutin för avgifter.');
  // A correction written as a whole formula is not doubled.
  const again = correct(body, draft, { paragraph: 3, field: 'beslut', text: 'Socialnämnden beslutar att 1. anta tilldelningsbeslutet 2. uppdra åt förvaltningen att teckna avtal' }, at, by);
  expect(again.items[2].outcome?.formula).toBe('Socialnämnden beslutade att\n1. anta tilldelningsbeslutet\n2. uppdra åt förvaltningen att teckna avtal.');
  expect(again.protocol.at(-1)!.markdown).toContain('**Beslut**\n\nSocialnämnden beslutade att\n\n1\\. anta tilldelningsbeslutet\n\n2\\. uppdra åt förvaltningen att teckna avtal.');
});
