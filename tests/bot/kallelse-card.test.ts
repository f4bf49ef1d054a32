import { kallelseCard } from '../../src/cards/kallelse/kallelse';
import { agendaPreviewCard } from '../../src/cards/agenda-preview/agenda-preview';
import { cardBytes, MAX_CARD_BYTES } from '../../src/cards/render';
import { emptyItem, newMeeting, type Meeting } from '../../src/domain/meeting';
import type { Body } from '../../src/domain/body';
import { cardText, findAction } from '../support/bot';

const body: Body = { id: 'b1', name: 'Nämnden *fet*', profile: 'kommunallagen', justeringDays: 14, organisations: [], conversationId: 'c', roster: [], founders: [], createdAt: '' };
const meeting = (n: number): Meeting => newMeeting({
  id: 'm1', bodyId: 'b1', start: '2021-12-17T09:00', end: '2021-12-17T12:00', place: 'Teams', status: 'planerat',
  items: Array.from({ length: n }, (_, i) => emptyItem({ id: `i${i + 1}`, paragraph: i + 1, title: `Ärende nummer ${i + 1} med en ganska lång rubrik om samverkan`, kind: 'Beslutsärende', presenters: 'Britta Edström och Katarina Lindahl', attachments: [`${i + 1}. Bilaga`] })),
  createdBy: '', createdAt: '',
});

test('refresh lists up to 60 users; above that it is left out and answers are echoed in the invoke response', () => {
  const ids = (n: number) => Array.from({ length: n }, (_, i) => `29:u${i}`);
  expect(kallelseCard(body, meeting(3), { icsUrl: 'https://x/a.ics', refreshUserIds: ids(60) }).refresh).toMatchObject({ action: { verb: 'kallelse.visa' }, userIds: ids(60) });
  expect(kallelseCard(body, meeting(3), { icsUrl: 'https://x/a.ics', refreshUserIds: ids(61) }).refresh).toBeUndefined();
});

test('user text is escaped and the card is version 1.5', () => {
  const card = kallelseCard(body, meeting(1), { icsUrl: 'https://x/a.ics' });
  expect(card.version).toBe('1.5');
  expect(cardText(card)).toContain('Nämnden \\*fet\\*');
});

test('the preview of a long list stays under the card size limit by dropping per-item buttons', () => {
  const short = agendaPreviewCard(body, meeting(5));
  expect(findAction(short, 'Ändra')).toBeDefined();
  const long = agendaPreviewCard(body, meeting(100));
  expect(cardBytes(long)).toBeLessThanOrEqual(MAX_CARD_BYTES);
  expect(findAction(long, 'Skicka kallelse')).toBeDefined();
});

test('a kallelse with a very long list stays under the size limit and says the rest is in the calendar file', () => {
  const card = kallelseCard(body, { ...meeting(200), status: 'kallat' }, { icsUrl: 'https://x/a.ics', refreshUserIds: ['29:a'] });
  expect(cardBytes(card)).toBeLessThanOrEqual(MAX_CARD_BYTES);
  expect(cardText(card)).toMatch(/ärenden till/);
  expect(findAction(card, 'Jag kommer')).toBeDefined();
  expect(card.refresh).toBeDefined();
});
