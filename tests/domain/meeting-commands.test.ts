import { parseMeetingCommand, splitDue, COMMAND_PATTERN } from '../../src/domain/meeting-commands';
import { parseNextMeetingDate } from '../../src/domain/closing';
import { findMember, matchName } from '../../src/domain/names';
import { bodyFixture } from '../support/fixtures';
import { conversation as groupChat } from '../support/fixtures';

const ok = (line: string) => {
  const r = parseMeetingCommand(line);
  if (!r.ok) throw new Error(r.message);
  return r.command;
};

test.each([
  ['jäv Eva Stuge §46', { kind: 'jäv', name: 'Eva Stuge', paragraph: 46 }],
  ['Jäv Eva Stuge § 46', { kind: 'jäv', name: 'Eva Stuge', paragraph: 46 }],
  ['reservation Eva Stuge §48: Jag reserverar mig.', { kind: 'reservation', name: 'Eva Stuge', paragraph: 48, text: 'Jag reserverar mig.' }],
  ['reservation Eva Stuge §48', { kind: 'reservation', name: 'Eva Stuge', paragraph: 48 }],
  ['protokollsanteckning Eva Stuge §48: text', { kind: 'protokollsanteckning', name: 'Eva Stuge', paragraph: 48, text: 'text' }],
  ['yrkande Eva Stuge §48: bifall', { kind: 'yrkande', name: 'Eva Stuge', paragraph: 48, text: 'bifall' }],
  ['uppdrag Tanja Mårtensson §8: Ta frågan vidare senast 2019-11-30', { kind: 'uppdrag', name: 'Tanja Mårtensson', paragraph: 8, text: 'Ta frågan vidare', due: '2019-11-30' }],
  ['uppdrag Annica §3: undersöka detta', { kind: 'uppdrag', name: 'Annica', paragraph: 3, text: 'undersöka detta' }],
  ['fråga Säter §49: Hur går det med patientråden?', { kind: 'fråga', askedBy: 'Säter', paragraph: 49, text: 'Hur går det med patientråden?' }],
  ['beslut §48: godkänna layout', { kind: 'beslut', paragraph: 48, text: 'godkänna layout' }],
  ['informationen §44', { kind: 'utfall', paragraph: 44, outcome: 'informationen' }],
  ['bordlägg §46', { kind: 'utfall', paragraph: 46, outcome: 'bordläggs' }],
  ['återremiss §46', { kind: 'utfall', paragraph: 46, outcome: 'återremitteras' }],
  ['nästa möte fredag 18 mars', { kind: 'nästa möte', text: 'fredag 18 mars' }],
  ['avsluta mötet', { kind: 'avsluta' }],
  ['starta mötet', { kind: 'starta' }],
  ['ankom Eva Stuge', { kind: 'ankom', name: 'Eva Stuge' }],
  ['lämnar Eva Stuge', { kind: 'lämnar', name: 'Eva Stuge' }],
  ['omedelbar justering §48', { kind: 'omedelbar', paragraph: 48 }],
  ['propositionsordning §48: 2, 1', { kind: 'propositionsordning', paragraph: 48, order: [2, 1] }],
])('%s', (line, expected) => {
  expect(ok(line)).toEqual(expected);
});

test('votering with ja, nej and avstår', () => {
  expect(ok('votering §48 ja: A, B; nej: C; avstår: D')).toEqual({
    kind: 'votering',
    paragraph: 48,
    votes: [
      { name: 'A', choice: 'ja' },
      { name: 'B', choice: 'ja' },
      { name: 'C', choice: 'nej' },
      { name: 'D', choice: 'avstår' },
    ],
  });
});

test.each([
  ['jäv Eva Stuge', 'jäv Eva Stuge §46'],
  ['votering §48', 'votering §48 ja:'],
  ['votering §48 kanske: A', 'votering §48 ja:'],
  ['uppdrag Tanja', 'uppdrag Tanja Mårtensson §8:'],
  ['beslut §48', 'beslut §48: godkänna'],
  ['informationen', 'informationen §44'],
  ['nästa möte', 'nästa möte fredag 18 mars'],
])('unreadable "%s" gets an example back', (line, example) => {
  const r = parseMeetingCommand(line);
  expect(r.ok).toBe(false);
  if (!r.ok) expect(r.message).toContain(`Skriv till exempel: ${example}`);
});

test('the registry pattern takes only meeting keywords', () => {
  expect(COMMAND_PATTERN.test('jäv Eva Stuge §46')).toBe(true);
  expect(COMMAND_PATTERN.test('mina uppdrag')).toBe(false);
  expect(COMMAND_PATTERN.test('protokoll')).toBe(false);
  expect(COMMAND_PATTERN.test('nytt möte')).toBe(false);
});

test('a due date must be a real date', () => {
  expect(splitDue('Gör det senast 2019-02-30')).toEqual({ text: 'Gör det senast 2019-02-30' });
});

test('the next meeting date: weekday checked, year after the meeting', () => {
  expect(parseNextMeetingDate('Fredag 18 mars', '2021-12-17T09:00')).toBe('2022-03-18');
  expect(parseNextMeetingDate('torsdag 18 mars', '2021-12-17T09:00')).toBeUndefined();
  expect(parseNextMeetingDate('18 mars 2022 kl. 09.00', '2021-12-17T09:00')).toBe('2022-03-18');
  expect(parseNextMeetingDate('2022-03-18', '2021-12-17T09:00')).toBe('2022-03-18');
  expect(parseNextMeetingDate('i vår', '2021-12-17T09:00')).toBeUndefined();
});

test('names match the roster; unknown names are refused with close names', () => {
  const body = bodyFixture(groupChat('names'));
  expect(matchName(body.roster, 'eva stuge')?.name).toBe('Eva Stuge');
  expect(matchName(body.roster, 'Kenneth')?.name).toBe('Kenneth Andersson');
  expect(matchName(body.roster, 'Andersson')).toBeUndefined(); // Kenneth and Mona
  expect(() => findMember(body, 'Eva Stugé')).toThrow('"Eva Stugé" finns inte på ledamotslistan för Samråd vård och omsorg. Menade du Eva Stuge?');
  expect(() => findMember(body, 'Andersson')).toThrow(/Menade du .*Kenneth Andersson.*Mona Andersson|Menade du .*Mona Andersson.*Kenneth Andersson/);
});

test('a reservation needs a name but no text (KL 4 kap. 27 §)', () => {
  expect(parseMeetingCommand('reservation Eva Stuge §48')).toEqual({ ok: true, command: { kind: 'reservation', name: 'Eva Stuge', paragraph: 48 } });
  for (const line of ['reservation §48', 'reservation , §48', 'reservation - §48: motivering']) expect(parseMeetingCommand(line).ok).toBe(false);
  expect(parseMeetingCommand('reservation - §48')).toMatchObject({ message: expect.stringContaining('Ange vem som reserverar sig.') });
});

test('a due date without a year is the next such day from today (the Swedish calendar day)', () => {
  expect(splitDue('Ta fram en tidsplan senast 28 februari', '2022-01-21')).toEqual({ text: 'Ta fram en tidsplan', due: '2022-02-28' });
  expect(splitDue('Utvärdera senast den 20 januari', '2022-01-21')).toEqual({ text: 'Utvärdera', due: '2023-01-20' });
  expect(splitDue('Ta fram en tidsplan senast 28 februari')).toEqual({ text: 'Ta fram en tidsplan senast 28 februari' });
});
