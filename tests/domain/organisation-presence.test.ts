import { organisationPresence, organisationPresenceLines } from '../../src/domain/organisation-presence';
import type { Body } from '../../src/domain/body';

const body = (organisations: string[], roster: [string, string][]): Body => ({
  id: 'b', name: 'Välfärdsrådet', profile: 'minnesanteckningar', justeringDays: 14, organisations, conversationId: 'c', founders: [], createdAt: '',
  roster: roster.map(([name, organisation], i) => ({ id: `r${i}`, name, organisation, role: 'ledamot' as const, order: i })),
});

test('represented, not named and named-but-absent organisations, matched on the huvudman (Avesta = Avesta kommun)', () => {
  const b = body(['Avesta', 'Borlänge', 'Hedemora', 'Region Dalarna', 'Vansbro'], [['Annica Nilsson', 'Avesta kommun'], ['Mona Westman', 'Region Dalarna'], ['Jan Frost', 'Vansbro kommun']]);
  const p = organisationPresence(b, (id) => id !== 'r2');
  expect(p).toEqual({ represented: ['Avesta', 'Region Dalarna'], notNamed: ['Borlänge', 'Hedemora'], absent: ['Vansbro'] });
  expect(organisationPresenceLines(p)).toEqual([
    'Närvarande från 2 av 5 organisationer.',
    'Det saknas fortfarande uppgifter om representanter från Borlänge och Hedemora.',
    'Ingen representant från Vansbro var närvarande.',
  ]);
  expect(organisationPresenceLines(organisationPresence(body([], []), () => true))).toEqual([]);
});
