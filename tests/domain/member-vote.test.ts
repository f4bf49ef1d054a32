import { beginClosing, closeOpenVote, closeSecretVote, startMemberVote, takesPresses, voterRefusal } from '../../src/domain/member-vote';
import { applyCorrection, currentText } from '../../src/domain/protocol/paragraph-correction';
import { confirmUpprop } from '../../src/domain/attendance';
import { nextItem } from '../../src/domain/outcome';
import { declareJav } from '../../src/domain/jav';
import { bodyFixture, meetingFixture, NAMND_ROSTER, NAMND_ITEMS, conversation } from '../support/fixtures';
import type { Meeting } from '../../src/domain/meeting';

/** The rules of a vote taken on the vote card, without storage or bot. */

const body = bodyFixture(conversation('member-vote'), { name: 'Socialnämnden', profile: 'kommunallagen', roster: NAMND_ROSTER });
const id = (name: string) => body.roster.find((r) => r.name === name)!.id;
const entry = (name: string) => body.roster.find((r) => r.name === name)!;
const AT = '2022-01-20T18:30:00.000Z';

/** Upprop confirmed with Nils Holm absent (Karin Ås serves for him), at § 2. */
function atParagraph2(): Meeting {
  const m = { ...meetingFixture(body, { items: NAMND_ITEMS, absent: ['Nils Holm'] }), status: 'pågår' as const };
  return nextItem(confirmUpprop(body, m, Object.fromEntries(body.roster.map((r) => [r.id, r.name !== 'Nils Holm'])), [id('Sara Lund')], AT), 0);
}

test('a vote starts on the current § only, one at a time', () => {
  const m = atParagraph2();
  expect(() => startMemberVote(body, m, 2, { id: 'v1', secret: false, at: AT })).toThrow('Votering startas på aktuell paragraf (§ 2), inte § 3.');
  const running = startMemberVote(body, m, 1, { id: 'v1', secret: false, at: AT });
  expect(running.items[1].openVote).toMatchObject({ id: 'v1', question: 'Den som bifaller förslaget röstar ja, den som avslår förslaget röstar nej.' });
  expect(() => startMemberVote(body, running, 1, { id: 'v2', secret: true, at: AT })).toThrow('En votering pågår redan i § 2. Stäng den först.');
  expect(() => nextItem(running, 1)).toThrow('Voteringen i § 2 pågår. Stäng den (Stäng voteringen) innan nästa ärende.');
});

test('who may vote, and the reason for those who may not', () => {
  const m = declareJav(body, atParagraph2(), 1, entry('Per Ek'));
  expect(voterRefusal(body, m, 1, entry('Ulla Berg'))).toBeUndefined();
  expect(voterRefusal(body, m, 1, entry('Karin Ås'))).toBeUndefined();
  expect(voterRefusal(body, m, 1, entry('Per Ek'))).toBe('Du har anmält jäv i § 2 och deltar inte i beslutet.');
  expect(voterRefusal(body, m, 1, entry('Nils Holm'))).toBe('Du tjänstgör inte på § 2: Karin Ås tjänstgör för dig.');
  expect(voterRefusal(body, m, 1, entry('Tanja Mårtensson'))).toBe('Tjänstepersoner har ingen rösträtt.');
  expect(voterRefusal(body, m, 1, undefined)).toMatch(/^Du står inte på ledamotslistan för Socialnämnden/);
});

test('a closed vote takes no presses; non-voters abstain; the chair\'s own vote breaks a tie', () => {
  const m = beginClosing(startMemberVote(body, atParagraph2(), 1, { id: 'v1', secret: false, at: AT }), 1, 'v1', AT);
  expect(takesPresses(m.items[1].openVote!)).toBe(false);
  const r = closeOpenVote(body, m, 1, 'v1', { [id('Ulla Berg')]: 'ja', [id('Per Ek')]: 'ja', [id('Sara Lund')]: 'nej', [id('Olof Strand')]: 'nej', [id('Jonas Vik')]: 'ja' }, { at: AT });
  expect(r.kind).toBe('closed');
  if (r.kind !== 'closed') return;
  // Jonas Vik does not serve: his press does not count. Karin Ås did not vote: avstår.
  expect(r.vote).toMatchObject({ ja: 2, nej: 2, avstar: 1, castingVote: true, result: 'ja' });
  expect(r.vote.votes[id('Jonas Vik')]).toBeUndefined();
  expect(r.notVoted).toEqual([id('Karin Ås')]);
  expect(r.meeting.items[1].openVote).toBeUndefined();
});

test('a tie with the chair abstaining waits for the casting vote, which decides on the count that tied', () => {
  const m = beginClosing(startMemberVote(body, atParagraph2(), 1, { id: 'v1', secret: false, at: AT }), 1, 'v1', AT);
  const presses = { [id('Ulla Berg')]: 'avstår', [id('Per Ek')]: 'ja', [id('Sara Lund')]: 'nej', [id('Olof Strand')]: 'nej', [id('Karin Ås')]: 'ja' } as const;
  const tie = closeOpenVote(body, m, 1, 'v1', presses, { at: AT });
  expect(tie).toMatchObject({ kind: 'tie', ja: 2, nej: 2, avstar: 1 });
  // A press that came in later is not part of it.
  const decided = closeOpenVote(body, tie.meeting, 1, 'v1', { ...presses, [id('Karin Ås')]: 'nej' }, { at: AT, castingChoice: 'nej' });
  expect(decided.kind === 'closed' && decided.vote).toMatchObject({ ja: 2, nej: 2, castingVote: true, result: 'nej' });
});

test('a val med slutna sedlar records the count, the number of ballots and who voted in roster order, never a name beside a choice', () => {
  const m = beginClosing(startMemberVote(body, atParagraph2(), 1, { id: 'v1', secret: true, at: AT }), 1, 'v1', AT);
  const r = closeSecretVote(body, m, 1, 'v1', ['nej', 'ja', 'ja', 'avstår'], [id('Karin Ås'), id('Ulla Berg'), id('Per Ek'), id('Sara Lund')], { lot: 'nej' });
  expect(r.vote).toMatchObject({ ja: 2, nej: 1, avstar: 1, result: 'ja', votes: {}, secret: { ballots: 4, voters: [id('Ulla Berg'), id('Per Ek'), id('Sara Lund'), id('Karin Ås')] } });
  expect(r.vote.lot).toBeUndefined();
  const tied = closeSecretVote(body, m, 1, 'v1', ['nej', 'ja'], [id('Ulla Berg'), id('Per Ek')], { lot: 'nej' });
  expect(tied.vote).toMatchObject({ ja: 1, nej: 1, lot: true, result: 'nej' });
});

test('Rätta en paragraf keeps a val med slutna sedlar as it was: it has no names to correct', () => {
  const m = beginClosing(startMemberVote(body, atParagraph2(), 1, { id: 'v1', secret: true, at: AT }), 1, 'v1', AT);
  const { meeting } = closeSecretVote(body, m, 1, 'v1', ['ja', 'ja', 'nej'], [id('Ulla Berg'), id('Per Ek'), id('Sara Lund')], { lot: 'ja' });
  const text = currentText(body, meeting, 1, 'votering');
  expect(text).toBe('Val med slutna sedlar: 2 ja, 1 nej, 0 avstår, 3 valsedlar (rättas inte per person)');
  const corrected = applyCorrection(body, meeting, 1, 'votering', text, AT, 'x');
  expect(corrected.items[1].votes).toEqual(meeting.items[1].votes);
  expect(() => applyCorrection(body, meeting, 1, 'votering', `${text}\n${text}`, AT, 'x')).toThrow(/har ingen sluten omröstning att behålla/);
});
