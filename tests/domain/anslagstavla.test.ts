import { currentEntries, isUp, type AnslagEntry } from '../../src/domain/anslagstavla';

/** Which notices are up on a given Swedish day, and in which order the page lists them. */

const entry = (over: Partial<AnslagEntry>): AnslagEntry => ({
  bodyId: 'b1',
  meetingId: 'm1',
  bodyName: 'Vård- och omsorgsnämnden',
  anslagstavla: 'kommunens',
  meetingDate: '2022-06-01',
  paragraphs: '§§ 1-3',
  justeradDate: '2022-06-01',
  anslagDate: '2022-06-03',
  takenDownDate: '2022-06-28',
  appealLastDay: '2022-06-27',
  version: 1,
  recordedAt: '2022-06-03T08:00:00.000Z',
  ...over,
});

test('up from the day it is put up through the take-down day, not before nor after', () => {
  const e = entry({});
  expect(isUp(e, '2022-06-02')).toBe(false);
  expect(isUp(e, '2022-06-03')).toBe(true);
  expect(isUp(e, '2022-06-27')).toBe(true);
  expect(isUp(e, '2022-06-28')).toBe(true);
  expect(isUp(e, '2022-06-29')).toBe(false);
});

test('newest anslag first, then by organ in Swedish order; one organ only when asked', () => {
  const all = [
    entry({ bodyId: 'b1', meetingId: 'a', bodyName: 'Ängsnämnden', anslagDate: '2022-06-03' }),
    entry({ bodyId: 'b2', meetingId: 'b', bodyName: 'Ävjenämnden', anslagDate: '2022-06-03' }),
    entry({ bodyId: 'b3', meetingId: 'c', bodyName: 'Zetanämnden', anslagDate: '2022-06-09' }),
    entry({ bodyId: 'b1', meetingId: 'gone', anslagDate: '2022-05-01', takenDownDate: '2022-05-24' }),
  ];
  expect(currentEntries(all, '2022-06-10').map((e) => e.meetingId)).toEqual(['c', 'a', 'b']);
  expect(currentEntries(all, '2022-06-10', 'b1').map((e) => e.meetingId)).toEqual(['a']);
});
