import { parseAgenda, parseDatum } from '../../src/domain/agenda-parser';
import { addItem, addStandardItems, editItem, numberItems, removeItem, standardOf } from '../../src/domain/agenda';
import { firstParagraphOn } from '../../src/domain/paragraph-order';
import { UserError } from '../../src/domain/errors';
import { newMeeting, type Meeting } from '../../src/domain/meeting';
import { swedishDateTime, stockholmToDate } from '../../src/domain/meeting-time';
import { SEED_002_AGENDA } from './seed-002';

const meeting = (items: Meeting['items'], start = '2021-12-17T09:00', id = 'm1'): Meeting => newMeeting({
  id, bodyId: 'b1', start, status: 'planerat', items, createdBy: 'x', createdAt: start,
});

test('seed 002 agenda: header and items 42–51 with kind, föredragande, bilaga, förslag and description', () => {
  const a = parseAgenda(SEED_002_AGENDA);
  expect(a).toMatchObject({ start: '2021-12-17T09:00', end: '2021-12-17T12:00', place: 'Teams', diarienummer: 'HSN 418:5-2021' });
  expect(a.items.map((i) => i.paragraph)).toEqual([42, 43, 44, 45, 46, 47, 48, 49, 50, 51]);
  expect(a.items.map((i) => i.standard)).toEqual(['upprop', 'föregående protokoll', undefined, undefined, undefined, undefined, undefined, 'övriga frågor', 'ärenden till annan', 'sammanfattning']);
  expect(a.items[2]).toMatchObject({ title: 'Uppföljning beslut hos respektive huvudman', kind: 'Muntligt informationsärende', presenters: 'Britta Edström och Katarina Lindahl' });
  expect(a.items[2].description).toBe('- Avtal om läkarmedverkan\n- Systemledning och framtidsbild\n- Överenskommelse om samverkan vid utskrivning');
  expect(a.items[4].presenters).toBe('Ulla Åkerström och Helena Olsson Ruzin, Umeå kommun');
  expect(a.items[6]).toMatchObject({ title: 'Omställning till nära vård', kind: 'Beslutsärende', attachments: ['48. Layout Framtidsbild Nära vård 2030'], description: '- Layout Framtidsbild Nära vård 2030' });
  expect(a.items[6].proposal).toMatch(/^Samråd vård och omsorg godkänner layout/);
});

test.each([
  ['2021-12-17 09.00-12.00', '2021-12-17T09:00', '2021-12-17T12:00'],
  ['2021-12-17 kl. 09.00 -12.00', '2021-12-17T09:00', '2021-12-17T12:00'],
  ['2021-12-17 kl 9:00–12:30', '2021-12-17T09:00', '2021-12-17T12:30'],
  ['2022-03-18 13.15', '2022-03-18T13:15', undefined],
])('Datum "%s" is read', (text, start, end) => {
  expect(parseDatum(text)).toEqual(end ? { start, end } : { start });
});

test.each(['2021-13-40 09.00-12.00', '2021-02-29 09.00', '17/12 2021 09.00', '2021-12-17 25.00', '2021-12-17 12.00-09.00', '2021-12-17'])('Datum "%s" is refused in Swedish with the right form', (text) => {
  expect(() => parseDatum(text)).toThrow(UserError);
  try {
    parseDatum(text);
  } catch (e) {
    expect((e as UserError).userMessage).toMatch(/2021-12-17 09\.00-12\.00/);
  }
});

test('an agenda without a date, or without items, is refused', () => {
  expect(() => parseAgenda('Plats: Teams\n1. Något')).toThrow(/behöver ett datum/);
  expect(() => parseAgenda('Datum: 2021-12-17 09.00')).toThrow(/inga ärenden/);
});

test('unnumbered items take the year\'s next § and numbering runs on across the year\'s meetings', () => {
  const earlier = meeting(numberItems(parseAgenda(SEED_002_AGENDA).items, 1), '2021-12-17T09:00', 'm1');
  const old = meeting(numberItems(parseAgenda('Datum: 2020-12-01 09.00\n§ Gammalt').items, 1), '2020-12-01T09:00', 'm0');
  const a = parseAgenda('Datum: 2021-12-20 09.00\nGodkännande av föredragningslistan och upprop\n§ Budget 2022\nBeslutsärende\nÖvriga frågor');
  const items = numberItems(a.items, firstParagraphOn([old, earlier], '2021-12-20T09:00'));
  expect(items.map((i) => [i.paragraph, i.title])).toEqual([[52, 'Godkännande av föredragningslistan och upprop'], [53, 'Budget 2022'], [54, 'Övriga frågor']]);
  expect(items[1].kind).toBe('Beslutsärende');
  expect(firstParagraphOn([old, earlier], '2022-01-10T09:00')).toBe(1);
  expect(() => numberItems(parseAgenda('Datum: 2021-12-20 09.00\n5. A\n5. B').items, 1)).toThrow(/två gånger/);
});

test('standard items are recognised by title and added when missing, in place', () => {
  expect(standardOf('Ärenden till Länssamverkansgruppen')).toBe('ärenden till annan');
  expect(standardOf('Genomgång och sammanfattning av beslut')).toBe('sammanfattning');
  const m = meeting(numberItems(parseAgenda('Datum: 2021-12-20 09.00\n10. Budget\n11. Övriga frågor').items, 1));
  const withStd = addStandardItems(m, 1);
  expect(withStd.items.map((i) => `${i.paragraph} ${i.title}`)).toEqual([
    '10 Godkännande av föredragningslistan och upprop',
    '11 Föregående protokoll',
    '12 Budget',
    '13 Övriga frågor',
    '14 Genomgång och sammanfattning av beslut',
    '15 Nästa möte',
  ]);
  expect(() => addStandardItems(withStd, 1)).toThrow(/finns redan/);
  const added = addItem(withStd, { title: 'Bordlagt ärende', caseId: 'c1' }, 1);
  expect(added.items.map((i) => i.title).indexOf('Bordlagt ärende')).toBe(3);
});

test('editing and removing items keeps the list numbered from its first §', () => {
  const m = meeting(numberItems(parseAgenda(SEED_002_AGENDA).items, 1));
  const edited = editItem(m, m.items[3].id, { title: 'Aktuellt', kind: 'Beslutsärende', presenters: 'Maria Lind', proposal: 'att godkänna' });
  expect(edited.items[3]).toMatchObject({ title: 'Aktuellt', kind: 'Beslutsärende', presenters: 'Maria Lind', proposal: 'att godkänna', paragraph: 45 });
  expect(() => editItem(m, m.items[0].id, { title: '  ' })).toThrow(/tom/);
  const removed = removeItem(m, m.items[0].id);
  expect(removed.items.map((i) => i.paragraph)).toEqual([42, 43, 44, 45, 46, 47, 48, 49, 50]);
  expect(removed.items[0].title).toBe('Föregående protokoll');
});

test('dates in Swedish and Stockholm time', () => {
  expect(swedishDateTime('2021-12-17T09:00', '2021-12-17T12:00')).toBe('fredag 17 december 2021 kl. 09.00–12.00');
  expect(stockholmToDate('2021-12-17T09:00').toISOString()).toBe('2021-12-17T08:00:00.000Z');
  expect(stockholmToDate('2021-06-17T09:00').toISOString()).toBe('2021-06-17T07:00:00.000Z');
});
