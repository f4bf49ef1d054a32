import { buildExtract, mentions, type ExtractInput } from '../../src/domain/register-extract';
import { replaceRoster, retireRemoved, unlinkFormer } from '../../src/domain/roster';
import { parseRoster } from '../../src/domain/roster-parser';
import { registerExtractCard } from '../../src/cards/registerutdrag/registerutdrag';
import { cardBytes, MAX_CARD_BYTES } from '../../src/cards/render';
import type { Body } from '../../src/domain/body';

const body = (roster: Body['roster'], formerRoster?: Body['formerRoster']): Body => ({
  id: 'b1', name: 'Nämnden', profile: 'kommunallagen', justeringDays: 14, organisations: [], conversationId: 'c', roster, formerRoster, founders: [], createdAt: '2021-01-01T00:00:00Z',
});

test('a removed member becomes a former entry; a new member never gets their id; one who returns gets it back', () => {
  const first = replaceRoster([], parseRoster('Anna Berg (s) Falu kommun\nOlle Ek (v) Falu kommun').entries).map((r) => ({ ...r, aadObjectId: `aad-${r.id}` }));
  const b1 = body(first);
  const second = replaceRoster(b1.roster, parseRoster('Anna Berg (s) Falu kommun\nKim Ek (m) Falu kommun').entries, b1.formerRoster);
  const former = retireRemoved(b1, second, '2021-02-01T00:00:00Z');
  expect(former).toEqual([expect.objectContaining({ name: 'Olle Ek', id: first[1].id, aadObjectId: `aad-${first[1].id}`, removedAt: '2021-02-01T00:00:00Z' })]);
  expect(second.find((r) => r.name === 'Kim Ek')!.id).not.toBe(first[1].id);
  const b2 = body(second, former);
  const third = replaceRoster(b2.roster, parseRoster('Anna Berg (s) Falu kommun\nOlle Ek (v) Falu kommun').entries, b2.formerRoster);
  expect(third.find((r) => r.name === 'Olle Ek')).toMatchObject({ id: first[1].id, aadObjectId: `aad-${first[1].id}` });
  expect(retireRemoved(b2, third, '2021-03-01T00:00:00Z').map((r) => r.name)).toEqual(['Kim Ek']);
  // Erasure unlinks a former entry and keeps its name.
  const { body: erased, unlinked } = unlinkFormer(b2, `aad-${first[1].id}`);
  expect(unlinked).toBe(1);
  expect(erased.formerRoster![0]).toEqual(expect.objectContaining({ name: 'Olle Ek' }));
  expect(erased.formerRoster![0].aadObjectId).toBeUndefined();
});

test('names are matched whole, not inside longer names', () => {
  expect(mentions('Eva Stuge jävig i § 3', ['Eva Stuge'])).toBe(true);
  expect(mentions('eva stuge reserverade sig', ['Eva Stuge'])).toBe(true);
  expect(mentions('Evaline Stugeberg', ['Eva Stuge'])).toBe(false);
  expect(mentions('Ledamotslistan ersattes', ['Eva Stuge'])).toBe(false);
});

test('a very long extract still fits one card; the file link carries the rest', () => {
  const input: ExtractInput = {
    aadObjectId: 'aad-eva', displayName: 'Eva Stuge', bodies: [body([{ id: 'r1', name: 'Eva Stuge', role: 'ledamot', order: 0, aadObjectId: 'aad-eva' }])], meetings: [],
    audit: Array.from({ length: 5000 }, (_, i) => ({ table: 'meetings', partition: `p${i}`, seq: i, at: '2021-12-17T10:00:00.000Z', actorId: 'aad-eva', actorName: 'Eva Stuge', action: 'x', summary: 'Å'.repeat(3000), beforeHash: '', afterHash: '', prevHash: '', hash: '' })),
    cases: [], caseHistory: [], conversations: [], outbox: [], requests: [],
  };
  const x = buildExtract(input);
  expect(x.audit).toHaveLength(5000);
  const card = registerExtractCard(x, 'Eva Stuge', '2021-12-17T10:00:00.000Z', 'https://example.se/registerutdrag.json?sig=x');
  expect(cardBytes(card)).toBeLessThanOrEqual(MAX_CARD_BYTES);
  expect(JSON.stringify(card)).toContain('… och 4995 till i filen.');
});
