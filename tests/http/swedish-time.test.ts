import { meetingIcs } from '../../src/http/ics';
import { casesCsv } from '../../src/http/arendelogg-page';
import { bodyFixture, meetingFixture, conversation } from '../support/fixtures';
import type { Case } from '../../src/domain/cases';

/** Times in the ICS and the ärendelogg's CSV: instants right across the summer-time switches, Swedish time where a person reads. */

const body = bodyFixture(conversation('ics-dst'));
const unfold = (ics: string) => ics.replace(/\r?\n[ \t]/g, '');

test('ICS: a meeting on the day summer time starts and on the day it ends', () => {
  const march = unfold(meetingIcs(body, meetingFixture(body, { start: '2026-03-29T09:00', end: '2026-03-29T12:00' })));
  expect(march).toContain('DTSTART:20260329T070000Z'); // CEST, UTC+2
  expect(march).toContain('DTEND:20260329T100000Z');
  expect(march).toContain('söndag 29 mars 2026 kl. 09.00–12.00 (svensk tid)');
  const october = unfold(meetingIcs(body, meetingFixture(body, { start: '2026-10-25T09:00', end: '2026-10-25T12:00' })));
  expect(october).toContain('DTSTART:20261025T080000Z'); // CET again, UTC+1
  expect(october).not.toMatch(/UTC/);
});

test('CSV: the last activity is Swedish time, 23:30 UTC in winter being the next day', () => {
  const c = { number: 'SVO 2026-1', title: 'Lokaler', status: 'öppet', tags: [], origin: { kind: 'direkt' }, lastActivityAt: '2026-12-02T23:30:00.000Z' } as unknown as Case;
  const csv = casesCsv([c]);
  expect(csv).toContain('"2026-12-03 00:30"');
  expect(csv).not.toContain('Z"');
});
