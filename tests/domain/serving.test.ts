import { arrive, depart, initialServing, servedParagraphs, servingAt, effectiveIndex } from '../../src/domain/serving';
import { confirmUpprop, uppropRows, checkIn } from '../../src/domain/attendance';
import { quorum } from '../../src/domain/quorum';
import { declareJav } from '../../src/domain/jav';
import { recordOutcome } from '../../src/domain/outcome';
import { UserError } from '../../src/domain/errors';
import { bodyFixture, meetingFixture, seed002, NAMND_ROSTER, NAMND_ITEMS, SEED_002_ABSENT } from '../support/fixtures';
import { conversation as groupChat } from '../support/fixtures';
import type { Meeting } from '../../src/domain/meeting';

const AT = '2022-01-20T17:00:00.000Z';
const namnd = bodyFixture(groupChat('pure'), { profile: 'kommunallagen', roster: NAMND_ROSTER });
const id = (name: string) => namnd.roster.find((r) => r.name === name)!.id;
const presentAll = (absent: string[]) => Object.fromEntries(namnd.roster.map((r) => [r.id, !absent.includes(r.name)]));

function started(absent: string[]): Meeting {
  const m = { ...meetingFixture(namnd, { items: NAMND_ITEMS, absent }), status: 'pågår' as const };
  return confirmUpprop(namnd, m, presentAll(absent), [id('Sara Lund')], AT);
}
const done = (m: Meeting, index: number): Meeting => recordOutcome(namnd, m, index, 'informationen', { by: 'x', at: AT });

describe('tjänstgöring from the upprop', () => {
  test('seed 002: the called-in ersättare serves for Anna-Lena Danielsson even though another (s) ledamot comes first on the roster', () => {
    const { body, meeting } = seed002(groupChat('s'));
    const present = Object.fromEntries(uppropRows(body, meeting).map((r) => [r.entry.id, r.present]));
    const periods = initialServing(body, meeting, present, 0);
    const kenneth = body.roster.find((r) => r.name === 'Kenneth Andersson')!;
    expect(periods.filter((p) => p.replacing)).toEqual([{ memberId: kenneth.id, replacing: body.roster.find((r) => r.name === 'Anna-Lena Danielsson')!.id, fromIndex: 0 }]);
    expect(periods).toHaveLength(14);
    expect(uppropRows(body, meeting).filter((r) => !r.present).map((r) => r.entry.name).sort()).toEqual([...SEED_002_ABSENT].sort());
  });

  test('without a call, the next present ersättare of the same party in roster order serves', () => {
    const m = started(['Nils Holm']);
    expect(servingAt(m, 0).sort()).toEqual([id('Ulla Berg'), id('Per Ek'), id('Sara Lund'), id('Olof Strand'), id('Karin Ås')].sort());
    expect(m.service.find((p) => p.memberId === id('Karin Ås'))?.replacing).toBe(id('Nils Holm'));
  });

  test('beslutför needs more than half of the ledamöter serving', () => {
    expect(quorum(namnd, started(['Nils Holm'])).beslutfor).toBe(true);
    // Three ledamöter absent, only two (s)/(m) ersättare of the right parties: 2 + 2 = 4 of 5 serve.
    const four = started(['Per Ek', 'Nils Holm', 'Ulla Berg']);
    expect(quorum(namnd, four)).toEqual({ serving: 4, ledamoter: 5, beslutfor: true });
    const two = started(['Per Ek', 'Nils Holm', 'Ulla Berg', 'Karin Ås', 'Jonas Vik']);
    expect(quorum(namnd, two)).toEqual({ serving: 2, ledamoter: 5, beslutfor: false });
  });

  test('before the upprop is confirmed, beslutför counts who would serve, not every ersättare who checked in', () => {
    let m: Meeting = { ...meetingFixture(namnd, { items: NAMND_ITEMS, absent: ['Nils Holm'] }), status: 'pågår' };
    expect(quorum(namnd, m).serving).toBe(4);
    for (const n of ['Karin Ås', 'Jonas Vik']) m = checkIn(m, namnd.roster.find((r) => r.name === n)!);
    expect(quorum(namnd, m)).toEqual({ serving: 5, ledamoter: 5, beslutfor: true });
  });

  test('check-in is recorded once, and refused after the upprop is confirmed', () => {
    const m = { ...meetingFixture(namnd, { items: NAMND_ITEMS }), status: 'pågår' as const };
    const karin = namnd.roster.find((r) => r.name === 'Karin Ås')!;
    const once = checkIn(m, karin);
    expect(checkIn(once, karin).attendance.checkedIn).toEqual([karin.id]);
    expect(uppropRows(namnd, once).find((r) => r.entry.id === karin.id)?.present).toBe(true);
    expect(() => checkIn(started([]), karin)).toThrow(UserError);
  });
});

describe('tjänstgöring per §', () => {
  test('a late ledamot takes over from the ersättare from the first item not yet begun', () => {
    let m = started(['Nils Holm']);
    m = done(m, 0);
    expect(effectiveIndex(m)).toBe(1);
    m = arrive(namnd, m, namnd.roster.find((r) => r.name === 'Nils Holm')!, AT);
    expect(servedParagraphs(m, id('Karin Ås'))).toBe('§ 1');
    expect(servedParagraphs(m, id('Nils Holm'))).toBe('§§ 2–5');
  });

  test('a departure is replaced by the next present ersättare of the party; coming back to serve is refused', () => {
    let m = started([]);
    m = done(done({ ...m, currentIndex: 1 }, 1), 1);
    const per = namnd.roster.find((r) => r.name === 'Per Ek')!;
    m = depart(namnd, m, per, AT);
    expect(servedParagraphs(m, id('Per Ek'))).toBe('§§ 1–2');
    expect(servedParagraphs(m, id('Karin Ås'))).toBe('§§ 3–5');
    expect(() => arrive(namnd, m, per, AT)).toThrow(/växeltjänstgöring/);
  });

  test('jäv keeps the seat: the ersättare serves that § only and the jävig member serves again after it', () => {
    let m = started([]);
    m = { ...m, currentIndex: 2 };
    m = declareJav(namnd, m, 2, namnd.roster.find((r) => r.name === 'Olof Strand')!);
    expect(servingAt(m, 2)).not.toContain(id('Olof Strand'));
    expect(servingAt(m, 2)).toContain(id('Lena Dahl'));
    expect(servedParagraphs(m, id('Olof Strand'))).toBe('§§ 1–2, 4–5');
    expect(servedParagraphs(m, id('Lena Dahl'))).toBe('§ 3');
    expect(() => declareJav(namnd, m, 2, namnd.roster.find((r) => r.name === 'Olof Strand')!)).toThrow(/redan antecknad som jävig/);
  });

  test('jäv after the § is decided is refused', () => {
    const m = done(started([]), 0);
    expect(() => declareJav(namnd, m, 0, namnd.roster.find((r) => r.name === 'Per Ek')!)).toThrow(/redan avgjord/);
  });
});
