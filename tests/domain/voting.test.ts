import { recordVote, tally, chairAt } from '../../src/domain/voting';
import { confirmUpprop } from '../../src/domain/attendance';
import { bodyFixture, meetingFixture, NAMND_ROSTER, NAMND_ITEMS } from '../support/fixtures';
import { conversation as groupChat } from '../support/fixtures';
import type { Meeting } from '../../src/domain/meeting';
import { formula } from '../../src/domain/outcome';

const body = bodyFixture(groupChat('votes'), { name: 'Socialnämnden', profile: 'kommunallagen', roster: NAMND_ROSTER });
const id = (name: string) => body.roster.find((r) => r.name === name)!.id;

function started(absent: string[] = []): Meeting {
  const m = { ...meetingFixture(body, { items: NAMND_ITEMS, absent }), status: 'pågår' as const };
  return confirmUpprop(body, m, Object.fromEntries(body.roster.map((r) => [r.id, !absent.includes(r.name)])), [id('Sara Lund')], 'x');
}

test('simple majority', () => {
  const t = tally(body, started(), 1, { [id('Ulla Berg')]: 'nej', [id('Per Ek')]: 'nej', [id('Sara Lund')]: 'ja', [id('Nils Holm')]: 'avstår' });
  expect(t).toEqual({ ja: 1, nej: 2, avstar: 1, result: 'nej' });
});

test('a tie is decided by the chair', () => {
  const { meeting: m } = recordVote(body, started(), 1, { [id('Ulla Berg')]: 'nej', [id('Per Ek')]: 'ja', [id('Sara Lund')]: 'ja', [id('Olof Strand')]: 'nej' });
  expect(m.items[1].votes[0]).toMatchObject({ ja: 2, nej: 2, avstar: 0, castingVote: true, result: 'nej' });
});

test('the vice ordförande chairs when the ordförande does not serve; a tie without the chair voting is refused', () => {
  const m = started(['Ulla Berg']);
  expect(chairAt(body, m, 1)?.name).toBe('Sara Lund');
  expect(() => tally(body, m, 1, { [id('Per Ek')]: 'ja', [id('Olof Strand')]: 'nej', [id('Sara Lund')]: 'avstår' })).toThrow(/ordförandens röst avgör, men Sara Lund har inte röstat ja eller nej/);
});

test('a vote by someone not serving on the § is refused', () => {
  expect(() => recordVote(body, started(), 1, { [id('Jonas Vik')]: 'ja' })).toThrow('Jonas Vik tjänstgör inte på § 2 och kan inte rösta.');
});

test('closing formulas use the body name', () => {
  expect(formula(body, 'informationen')).toBe('Socialnämnden godkände informationen.');
  expect(formula(body, 'beslut', 'att anta planen')).toBe('Socialnämnden beslutade att anta planen.');
  expect(formula(body, 'beslut', 'Socialnämnden beslutar att anta planen.')).toBe('Socialnämnden beslutade att anta planen.');
  expect(formula(body, 'bordläggs')).toBe('Socialnämnden beslutade att bordlägga ärendet.');
  expect(formula(body, 'återremitteras')).toBe('Socialnämnden beslutade att återremittera ärendet.');
  expect(formula(body, 'handlingarna')).toBe('Socialnämnden lade informationen till handlingarna.');
});
