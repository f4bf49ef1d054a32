import { firstParagraphOn, laterRenumbering, renumberPlanned } from '../../src/domain/paragraph-order';
import { emptyItem, newMeeting, type Meeting } from '../../src/domain/meeting';

const meeting = (id: string, start: string, paragraphs: number[], status: Meeting['status'] = 'planerat', createdAt = '2026-01-01T00:00:00Z'): Meeting =>
  newMeeting({ id, bodyId: 'b', start, status, createdBy: 'x', createdAt, items: paragraphs.map((p, i) => emptyItem({ id: `${id}${i}`, paragraph: p, title: `Ärende ${p}` })) });

test('the first free § follows the meetings dated before, in the same year', () => {
  const dec = meeting('dec', '2026-12-18T09:00', [1, 2, 3, 4, 5, 6, 7, 8]);
  const prevYear = meeting('old', '2025-11-01T09:00', [40, 41]);
  expect(firstParagraphOn([dec, prevYear], '2026-06-10T09:00')).toBe(1);
  expect(firstParagraphOn([dec, prevYear], '2026-12-20T09:00')).toBe(9);
});

test('June created after December: December (planerat) moves to §§ 6–13; a kallat December is kept and reported', () => {
  const june = meeting('jun', '2026-06-10T09:00', [1, 2, 3, 4, 5], 'planerat', '2026-05-01T00:00:00Z');
  const dec = meeting('dec', '2026-12-18T09:00', [1, 2, 3, 4, 5, 6, 7, 8]);
  expect(laterRenumbering([dec], june)).toEqual({ renumber: [{ meetingId: 'dec', date: '2026-12-18', from: 6, to: 13 }], kept: [] });
  expect(renumberPlanned(dec, 6).items.map((i) => i.paragraph)).toEqual([6, 7, 8, 9, 10, 11, 12, 13]);
  const kallat = { ...dec, status: 'kallat' as const };
  expect(laterRenumbering([kallat], june)).toEqual({ renumber: [], kept: [{ meetingId: 'dec', date: '2026-12-18', status: 'kallat', current: '§§ 1–8', wouldBe: '§§ 6–13' }] });
  expect(renumberPlanned(kallat, 6)).toBe(kallat);
  // No overlap, nothing to do.
  expect(laterRenumbering([meeting('dec2', '2026-12-18T09:00', [6, 7])], june)).toEqual({ renumber: [], kept: [] });
});

test('a meeting whose "Nästa möte" is printed as the § after its last has taken that §', () => {
  const dec = { ...meeting('dec', '2021-12-17T09:00', [42, 43, 44, 45, 46, 47, 48, 49, 50, 51], 'avslutat'), nextMeeting: 'Fredag 18 mars' };
  expect(firstParagraphOn([dec], '2021-12-20T09:00')).toBe(53);
  const withItem = { ...dec, items: [...dec.items, emptyItem({ id: 'n', paragraph: 52, title: 'Nästa möte', standard: 'nästa möte' as const })] };
  expect(firstParagraphOn([withItem], '2021-12-20T09:00')).toBe(53);
});
