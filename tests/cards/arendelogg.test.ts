import { caseLogCard } from '../../src/cards/arendelogg/arendelogg';
import { caseDetailCard } from '../../src/cards/arende/arende';
import { cardBytes, MAX_CARD_BYTES } from '../../src/cards/render';
import type { Case, HistoryEntry } from '../../src/domain/cases';

const base: Case = {
  id: '2021-00001',
  bodyId: 'b',
  number: '2021:1',
  title: '[klicka här](https://evil.example) **viktigt**',
  origin: { kind: 'direkt' },
  owner: '_Anna_',
  status: 'öppet',
  tags: [],
  attachments: [],
  nextMeeting: false,
  createdAt: '2021-12-17T09:00:00.000Z',
  lastActivityAt: '2021-12-17T09:00:00.000Z',
};

test('user text on the list card is shown as typed, never as a link or emphasis', () => {
  const card = caseLogCard({ bodyName: 'Råd *x*', cases: [base], filter: {}, offset: 0, today: '2021-12-17', tabUrl: 'https://x/tab' });
  const json = JSON.stringify(card);
  expect(json).toContain('\\\\[klicka här\\\\](https://evil.example) \\\\*\\\\*viktigt\\\\*\\\\*');
  expect(json).toContain('\\\\_Anna\\\\_');
  expect(json).toContain('Råd \\\\*x\\\\*');
});

test('a case with a very long history keeps its card under the limit and says so', () => {
  const history: HistoryEntry[] = Array.from({ length: 1000 }, (_, i) => ({
    seq: i + 1,
    at: '2021-12-17T09:00:00.000Z',
    by: 'Maria Lind',
    byId: 'aad',
    kind: 'anteckning',
    text: `Anteckning ${i + 1} ${'lång text om ärendet '.repeat(20)}`,
  }));
  const card = caseDetailCard({ c: base, history, people: ['Anna Berg'], today: '2021-12-17', when: (s) => s });
  expect(cardBytes(card)).toBeLessThanOrEqual(MAX_CARD_BYTES);
  expect(JSON.stringify(card)).toMatch(/Visar de \d+ senaste av 1000 händelser/);
  // Newest first.
  expect(JSON.stringify(card)).toContain('Anteckning 1000 ');
});
