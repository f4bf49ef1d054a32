import { hasInvisible, stripInvisible, stripInvisibleDeep } from '../../src/domain/invisible-text';
import { parseRoster } from '../../src/domain/roster-parser';
import { parseBodyName, parseBodySettings } from '../../src/domain/body-setup';
import { parseAgenda } from '../../src/domain/agenda-parser';
import { parseMeetingCommand } from '../../src/domain/meeting-commands';
import { parseNewCase } from '../../src/domain/cases';
import { normName } from '../../src/domain/names';
import { UserError } from '../../src/domain/errors';

/** Each character the rule covers: bidi controls and zero-width characters. */
const EVERY = ['\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069', '\u200E', '\u200F', '\u061C', '\u200B', '\u200C', '\u200D', '\uFEFF', '\u2060'];

test('every bidi control and zero-width character is found and stripped; Swedish letters and ordinary punctuation stay', () => {
  for (const c of EVERY) {
    expect([c, hasInvisible(`a${c}b`)]).toEqual([c, true]);
    expect(stripInvisible(`Eva${c} Stuge`)).toBe('Eva Stuge');
  }
  const plain = 'Åsa Öberg-Ärlig (s), ”citat” – § 4 · 2021-12-17 kl. 09.00';
  expect(hasInvisible(plain)).toBe(false);
  expect(stripInvisible(plain)).toBe(plain);
  expect(stripInvisibleDeep({ a: 'x\u202Ey', b: ['\u200Bz', 1], c: { d: true } })).toEqual({ a: 'xy', b: ['z', 1], c: { d: true } });
});

test('names are refused: a roster line, the body name, a member organisation', () => {
  for (const c of EVERY) {
    const r = parseRoster(`Carin Nilsson (s) Umeå kommun, ordförande\nEva${c} Stuge (m) Lycksele kommun`);
    expect(r.entries.map((e) => e.name)).toEqual(['Carin Nilsson']);
    expect(r.unreadable).toHaveLength(1);
    expect(r.unreadable[0].reason).toMatch(/^raden innehåller osynliga styrtecken \(U\+[0-9A-F]{4}\)/);
    expect(hasInvisible(r.unreadable[0].text)).toBe(false);
  }
  // A staff line's title is part of the person's entry too.
  expect(parseRoster('Tjänstepersoner:\nBritta Edström, samordnare\u202E').unreadable).toHaveLength(1);
  expect(() => parseBodyName('Vård\u200Bnämnden')).toThrow(UserError);
  expect(() => parseBodyName('Vård\u200Bnämnden')).toThrow(/Organets namn "Vård⟨U\+200B⟩nämnden" innehåller osynliga styrtecken \(U\+200B\)/);
  expect(() => parseBodySettings('Organisationer: Umeå kommun, Sä\u202Eter')).toThrow(/Organisationen "Sä⟨U\+202E⟩ter"/);
});

test('free text is stripped: agenda lines, typed meeting commands, a new case; typed names still match the roster', () => {
  const a = parseAgenda('Datum: 2022-01-20 09.00\nPlats: Kommun\u200Bhuset\n1. Budget\u202E 2022\nFöredragande: Anna\u2066 Berg\nBilaga https://kommun.se/a\u200B.pdf\nFörslag till beslut: att\u200F anta');
  expect(a.place).toBe('Kommunhuset');
  expect(a.items[0]).toMatchObject({ title: 'Budget 2022', presenters: 'Anna Berg', attachments: ['https://kommun.se/a.pdf'], proposal: 'att anta' });
  expect(parseMeetingCommand('beslut §4: att\u202E anta budgeten')).toEqual({ ok: true, command: { kind: 'beslut', paragraph: 4, text: 'att anta budgeten' } });
  expect(parseMeetingCommand('jäv Eva\u200B Stuge §4')).toEqual({ ok: true, command: { kind: 'jäv', name: 'Eva Stuge', paragraph: 4 } });
  expect(parseNewCase('Tillgänglighet\u202E', 'Ägare: Anna\u200B Berg').title).toBe('Tillgänglighet');
  expect(normName('Eva\u200B Stuge')).toBe(normName('Eva Stuge'));
});
