import { rosterCard, MAX_LISTED } from '../../src/cards/roster/roster';
import { MAX_CARD_BYTES, cardBytes } from '../../src/cards/render';
import type { Body, RosterEntry } from '../../src/domain/body';

const guid = (i: number) => `0000${i}`.slice(-4) + '8c2e-1f0b-4c1a-9d7e-3b2a1c0d9e8f';

function bigBody(n: number): Body {
  const roster: RosterEntry[] = Array.from({ length: n }, (_, i) => ({
    id: `r${i + 1}`,
    name: `Förnamn Efternamnsson${i}`,
    party: 's',
    organisation: 'Region Västerbotten',
    role: i % 3 ? 'ledamot' : 'ersättare',
    order: i,
    aadObjectId: guid(i),
    teamsUserId: `29:1${guid(i)}`,
    teamsName: `Förnamn Efternamnsson${i}`,
    // Every other link confirmed: the rest await the secretary.
    ...(i % 2 ? { linkConfirmedAt: '2022-01-01T00:00:00.000Z' } : {}),
  }));
  return { id: 'b1', name: 'Samråd vård och omsorg', profile: 'samverkan', justeringDays: 14, organisations: [], conversationId: 'c', roster, founders: ['f'], createdAt: '' };
}

const rows = (card: any) => card.body.filter((b: any) => b.type === 'Container');

test('a large roster stays under Teams\' card size, listing those awaiting confirmation first', () => {
  const card = rosterCard(bigBody(80), { forSecretary: true });
  expect(cardBytes(card)).toBeLessThan(MAX_CARD_BYTES);
  expect(rows(card)).toHaveLength(MAX_LISTED);
  // 40 of the 80 await confirmation: as many as fit are listed, with their buttons.
  expect(rows(card).every((r: any) => r.items[1].text.includes('kopplad automatiskt'))).toBe(true);
  expect(JSON.stringify(card)).toContain('… och 48 personer till');
});

test('a roster of MAX_LISTED is listed whole, in its order, under the size limit', () => {
  const card = rosterCard(bigBody(MAX_LISTED), { forSecretary: true });
  expect(cardBytes(card)).toBeLessThan(MAX_CARD_BYTES);
  expect(rows(card).map((r: any) => r.items[0].text)).toEqual(bigBody(MAX_LISTED).roster.map((r) => `${r.name} (s) Region Västerbotten${r.role === 'ersättare' ? ', ersättare' : ''}`));
});
