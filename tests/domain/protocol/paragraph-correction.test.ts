import { applyCorrection, currentText } from '../../../src/domain/protocol/paragraph-correction';
import { servingAt } from '../../../src/domain/serving';
import { buildKommunallagen } from '../../support/protocol-fixtures';

const at = '2021-12-18T10:00:00.000Z';

test('each field reads back what currentText wrote: a round trip changes nothing', () => {
  const { body, meeting } = buildKommunallagen('19:pc@thread.v2');
  for (const field of ['anteckning', 'beslut', 'närvaro', 'votering', 'uppdrag', 'reservationer'] as const) {
    const text = currentText(body, meeting, 1, field);
    if (!text && (field === 'anteckning')) continue;
    const next = applyCorrection(body, meeting, 1, field, text, at, 'Maria Lind');
    expect([field, currentText(body, next, 1, field)]).toEqual([field, text]);
  }
});

test('närvaro changes only the § corrected; a jävig member cannot be listed as serving', () => {
  const { body, meeting } = buildKommunallagen('19:pc2@thread.v2');
  const id = (n: string) => body.roster.find((r) => r.name === n)!.id;
  const next = applyCorrection(body, meeting, 2, 'närvaro', 'Carin Nilsson\nEva Stuge\nKenneth Andersson, ersättare för Lars Bäckström\nHenric Jakobsson', at, 'Maria Lind');
  expect(servingAt(next, 2).sort()).toEqual([id('Carin Nilsson'), id('Eva Stuge'), id('Kenneth Andersson'), id('Henric Jakobsson')].sort());
  expect(servingAt(next, 1).sort()).toEqual(servingAt(meeting, 1).sort());
  expect(() => applyCorrection(body, meeting, 2, 'närvaro', 'Ingrid Nygren', at, 'x')).toThrow(/jävig på § 3/);
  expect(() => applyCorrection(body, meeting, 2, 'närvaro', '', at, 'x')).toThrow(/Ange vilka som tjänstgjorde/);
});

test('a tie without the chair voting is refused as when recorded; empty text removes uppdrag', () => {
  const { body, meeting } = buildKommunallagen('19:pc3@thread.v2');
  expect(() => applyCorrection(body, meeting, 1, 'votering', 'ja: Eva Stuge; nej: Lars Bäckström', at, 'x')).toThrow(/Lika röstetal/);
  const withUppdrag = applyCorrection(body, meeting, 1, 'uppdrag', 'Maria Lind: Skriv till länsstyrelsen senast 2022-01-31', at, 'x');
  expect(withUppdrag.items[1].assignments).toEqual([{ ownerName: 'Maria Lind', ownerMemberId: 't9', text: 'Skriv till länsstyrelsen', due: '2022-01-31' }]);
  expect(applyCorrection(body, withUppdrag, 1, 'uppdrag', '', at, 'x').items[1].assignments).toEqual([]);
});
